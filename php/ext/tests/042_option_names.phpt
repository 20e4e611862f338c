--TEST--
The options the extension accepts are the library's tables (option_names()); the old spellings work with E_USER_DEPRECATED
--EXTENSIONS--
alipay_notify
--FILE--
<?php
use AlipayNotify\Verifier;
require __DIR__ . '/vectors.inc';

$verifierNames = AlipayNotify\option_names('verifier');
$diagnoseNames = AlipayNotify\option_names('diagnose');
$signerNames = AlipayNotify\option_names('signer');
echo count($verifierNames), ' verifier, ', count($diagnoseNames), ' diagnose, ', count($signerNames), " signer options\n";

$notify = an_vector_file('notify.json');
$key = $notify['keys']['alipay_a'];
$basic = array_column($notify['vectors'], null, 'id')['notify-basic-rsa2']['input'];
$verifier = new Verifier(['alipay_public_key' => $key]);

/* The message of the ConfigException $call throws, or "accepted". */
function outcome(callable $call): string
{
    try {
        $call();
        return 'accepted';
    } catch (AlipayNotify\ConfigException $e) {
        return $e->getMessage();
    }
}

/* Every name of a table is accepted: a string or an int for it may be refused, but never as an
 * unknown option. Any other name is refused with the table as the list of options. */
function accepts_exactly(string $what, array $names, callable $with): void
{
    $refused = [];
    foreach ($names as $name) {
        foreach (['x', 1] as $value) {
            if (str_contains(outcome(fn () => $with([$name => $value])), 'unknown option')) {
                $refused[] = $name;
            }
        }
    }
    echo "$what names refused as unknown: ", implode(', ', array_unique($refused)) ?: '-', "\n";
    $others = array_merge(['sign_type', 'root_cert', 'alipay_root_certs'], array_map(fn ($n) => $n . 's', $names));
    $listed = [];
    foreach (array_diff($others, $names) as $other) {
        $message = outcome(fn () => $with([$other => 'x']));
        $listed[] = preg_match('/^INVALID_CONFIG: unknown option "[^"]*"(?: \(did you mean \w+\?\))?; the options are: (.*)$/', $message, $m)
            ? ($m[1] === implode(', ', $names) ? 'the table' : "another list: $m[1]")
            : "not refused as unknown: $message";
    }
    echo "$what other names: refused, listing ", implode(', ', array_unique($listed)), "\n";
}

accepts_exactly('verifier', $verifierNames, fn (array $o) => new Verifier($o + ['alipay_public_key' => $key]));
accepts_exactly('diagnose', $diagnoseNames, fn (array $o) => $verifier->diagnose($basic, $o));

// A signer takes its options as arguments: the constructor's parameters and Signer::md5()'s
// are the signer table, in PHP's camelCase for parameters.
$camel = fn (string $name) => lcfirst(str_replace('_', '', ucwords($name, '_')));
$parameters = array_map(fn ($p) => $p->getName(), (new ReflectionMethod(AlipayNotify\Signer::class, '__construct'))->getParameters());
$parameters[] = 'md5Key';
sort($parameters);
$expected = array_map($camel, $signerNames);
sort($expected);
echo 'signer parameters are the table: ', var_export($parameters === $expected, true), "\n";

// php/README.md documents exactly the verifier table, one row per option.
$readme = file_get_contents(an_root() . '/php/README.md');
$table = strstr(substr($readme, strpos($readme, "| option | value |")), "\n\n", true);
preg_match_all('/^\| `(\w+)` \|/m', $table, $rows);
echo 'README rows are the table: ', var_export($rows[1] === $verifierNames, true), "\n";

echo outcome(fn () => AlipayNotify\option_names('options')), "\n";

echo "-- deprecated spellings\n";
set_error_handler(function (int $level, string $message): bool {
    echo $level === E_USER_DEPRECATED ? 'E_USER_DEPRECATED' : "level $level", ": $message\n";
    return true;
});
$responses = an_vector_file('responses.json');
$trusted = array_column($responses['vectors'], null, 'id')['responses-cert-check-trusted'];
$cert = ['alipay_public_key' => $responses['keys']['alipay_a_cert'], 'alipay_root_cert' => $responses['keys']['test_root']];
echo (new Verifier($cert + ['check_certificates_at' => 1735689600]))->verifyResponse($trusted['input'])->method(), "\n";
echo outcome(fn () => new Verifier($cert + ['check_certificates_at' => 4102444800])), "\n";
$app = new Verifier(['alipay_public_key' => $notify['keys']['app']]);
$d = $app->diagnose($basic, ['app_public_key' => $notify['keys']['app']]);
echo implode(',', array_column(array_filter($d['findings'], fn ($f) => $f['certain']), 'code')), "\n";
// An error handler that throws stops the construction there.
set_error_handler(fn (int $level, string $message) => throw new ErrorException($message, 0, $level));
try {
    new Verifier($cert);
} catch (ErrorException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
restore_error_handler();
restore_error_handler();
?>
--EXPECTF--
%d verifier, %d diagnose, %d signer options
verifier names refused as unknown: -
verifier other names: refused, listing the table
diagnose names refused as unknown: -
diagnose other names: refused, listing the table
signer parameters are the table: true
README rows are the table: true
INVALID_CONFIG: no table of options is named "options"
-- deprecated spellings
E_USER_DEPRECATED: AlipayNotify: option 'alipay_root_cert' is deprecated, use 'check_certificates'
alipay.trade.query
E_USER_DEPRECATED: AlipayNotify: option 'alipay_root_cert' is deprecated, use 'check_certificates'
CERT_EXPIRED: %s
E_USER_DEPRECATED: AlipayNotify: option 'app_public_key' is deprecated, use 'app_public_keys'
APP_PUBLIC_KEY_CONFIGURED
ErrorException: AlipayNotify: option 'alipay_root_cert' is deprecated, use 'check_certificates'
