--TEST--
Exceptions: the hierarchy, one class per group of the library's codes, stable names and codes, each thrown by a real call
--EXTENSIONS--
alipay_notify
--FILE--
<?php
use AlipayNotify\Exception;
require __DIR__ . '/vectors.inc';

$classes = [
    'AlipayNotify\InvalidSignatureException', 'AlipayNotify\MalformedInputException',
    'AlipayNotify\NotifyVerifyException', 'AlipayNotify\BusinessMismatchException',
    'AlipayNotify\ConfigException', 'AlipayNotify\InternalException',
];
echo get_parent_class(Exception::class), "\n";
foreach ($classes as $class) {
    echo $class, ' extends ', get_parent_class($class), "\n";
}

// Every code the library names: a class constant, its group as the library says it
// (alipay_notify_status_group(), through getGroup()), and the class of that group.
echo "-- codes\n";
$classOfGroup = [
    'signature' => 'AlipayNotify\InvalidSignatureException',
    'malformed_input' => 'AlipayNotify\MalformedInputException',
    'business_mismatch' => 'AlipayNotify\BusinessMismatchException',
    'notify_verify' => 'AlipayNotify\NotifyVerifyException',
    'configuration' => 'AlipayNotify\ConfigException',
    'library' => 'AlipayNotify\InternalException',
];
$byGroup = [];
for ($code = 1; $code < 1000; $code++) {
    $name = AlipayNotify\status_name($code);
    if ($name === 'UNKNOWN') {
        continue;
    }
    $e = Exception::fromCode($code, 'why');
    if (constant(Exception::class . "::$name") !== $code || $e->getCode() !== $code || $e->getErrorName() !== $name
        || $e->getMessage() !== "$name: why" || get_class($e) !== ($classOfGroup[$e->getGroup()] ?? '-')) {
        echo "WRONG $code $name ", get_class($e), ' ', $e->getGroup(), "\n";
    }
    $byGroup[$e->getGroup()][] = "$code $name";
}
// One class per group, every group used: a code the library adds changes nothing here.
foreach ($byGroup as $group => $codes) {
    echo $group, ' ', substr(strrchr($classOfGroup[$group], '\\'), 1), "\n";
}
echo count($byGroup) === count($classOfGroup) && array_sum(array_map('count', $byGroup)) >= 29 ? "every code checked\n" : "MISSING\n";
// Codes a newer library may add take the group of their hundred; others the base class.
foreach ([199, 299, 399, 999, 42, 0] as $code) {
    $e = Exception::fromCode($code);
    echo $code, ' ', get_class($e), ' ', $e->getGroup(), ' ', $e->getErrorName(), ' ', $e->getMessage(), "\n";
}

echo "-- thrown\n";
$notify = an_vector_file('notify.json');
$keys = $notify['keys'];
$basic = array_column($notify['vectors'], null, 'id')['notify-basic-rsa2']['input'];
$verifier = new AlipayNotify\Verifier(['alipay_public_key' => $keys['alipay_a']]);
function show(callable $call): void
{
    try {
        $call();
        echo "no exception\n";
    } catch (Exception $e) {
        printf("%s %d %s %s\n", get_class($e), $e->getCode(), $e->getErrorName(), $e->getGroup());
    }
}
show(fn () => $verifier->verifyNotify(str_replace('total_amount=0.01', 'total_amount=1.00', $basic)));
show(fn () => $verifier->verifyNotify(str_replace('&sign=', '&x=', $basic)));
// The re-split forgery of a genuine message (issue #9): authentic bytes, another reading.
$forged = array_column($notify['vectors'], null, 'id')['notify-embedded-pair-resplit-attack']['input'];
show(fn () => $verifier->verifyNotify($forged));
show(fn () => $verifier->verifyNotify(''));
show(fn () => $verifier->verifyNotify('a=%zz'));
show(fn () => $verifier->verifyNotify($basic . '&out_trade_no=2'));
show(fn () => $verifier->verifyNotify($basic)->checkOrder('20240102102028001', '0.02'));
show(fn () => $verifier->verifyNotify($basic)->checkOrder('other', '0.01'));
show(fn () => $verifier->verifyNotify($basic)->checkOrderFen('20240102102028001', 2));
show(fn () => $verifier->verifyNotify($basic)->checkOrder('20240102102028001', '0.001'));
show(fn () => (new AlipayNotify\Verifier(['alipay_public_key' => $keys['alipay_a'], 'app_id' => '2021000000000000']))->verifyNotify($basic));
show(fn () => new AlipayNotify\Verifier(['alipay_public_key' => 'not a key']));
show(fn () => new AlipayNotify\Verifier(['alipay_public_key' => $keys['alipay_a'], 'min_key_bits' => 4096]));
show(fn () => new AlipayNotify\Verifier(['alipay_public_key' => $keys['alipay_a'], 'sign_types' => ['RSA3']]));
show(fn () => AlipayNotify\classify_notify_verify('false'));
show(fn () => AlipayNotify\classify_notify_verify('invalid'));
show(fn () => AlipayNotify\classify_notify_verify('<html>'));
show(fn () => AlipayNotify\classify_notify_verify("true\n"));
show(fn () => AlipayNotify\cert_sn('no certificate'));

// The message says what happened, never the key.
try {
    new AlipayNotify\Verifier(['md5_key' => 'secret-md5-key', 'alipay_public_key' => 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA']);
} catch (Exception $e) {
    echo str_contains($e->getMessage(), 'secret-md5-key') ? "key in the message\n" : "no key in the message\n";
}
// Exceptions are PHP exceptions: catchable as \Exception, with a trace.
try {
    $verifier->verifyNotify('');
} catch (\Exception $e) {
    echo get_class($e), ' at line ', $e->getLine(), "\n";
}
?>
--EXPECTF--
Exception
AlipayNotify\InvalidSignatureException extends AlipayNotify\Exception
AlipayNotify\MalformedInputException extends AlipayNotify\Exception
AlipayNotify\NotifyVerifyException extends AlipayNotify\Exception
AlipayNotify\BusinessMismatchException extends AlipayNotify\Exception
AlipayNotify\ConfigException extends AlipayNotify\Exception
AlipayNotify\InternalException extends AlipayNotify\Exception
-- codes
malformed_input MalformedInputException
signature InvalidSignatureException
notify_verify NotifyVerifyException
business_mismatch BusinessMismatchException
configuration ConfigException
library InternalException
every code checked
199 AlipayNotify\MalformedInputException malformed_input UNKNOWN UNKNOWN
299 AlipayNotify\BusinessMismatchException business_mismatch UNKNOWN UNKNOWN
399 AlipayNotify\ConfigException configuration UNKNOWN UNKNOWN
999 AlipayNotify\InternalException library UNKNOWN UNKNOWN
42 AlipayNotify\Exception unknown UNKNOWN UNKNOWN
0 AlipayNotify\Exception unknown OK OK
-- thrown
AlipayNotify\InvalidSignatureException 107 INVALID_SIGNATURE signature
AlipayNotify\InvalidSignatureException 104 MISSING_SIGNATURE signature
AlipayNotify\InvalidSignatureException 113 AMBIGUOUS_SIGNED_CONTENT signature
AlipayNotify\MalformedInputException 100 MALFORMED_INPUT malformed_input
AlipayNotify\MalformedInputException 102 MALFORMED_PERCENT_ENCODING malformed_input
AlipayNotify\MalformedInputException 103 DUPLICATE_PARAMETER malformed_input
AlipayNotify\BusinessMismatchException 203 AMOUNT_MISMATCH business_mismatch
AlipayNotify\BusinessMismatchException 202 ORDER_MISMATCH business_mismatch
AlipayNotify\BusinessMismatchException 203 AMOUNT_MISMATCH business_mismatch
AlipayNotify\MalformedInputException 109 INVALID_AMOUNT malformed_input
AlipayNotify\BusinessMismatchException 200 APP_ID_MISMATCH business_mismatch
AlipayNotify\ConfigException 300 INVALID_KEY configuration
AlipayNotify\ConfigException 301 WEAK_KEY configuration
AlipayNotify\ConfigException 302 INVALID_CONFIG configuration
AlipayNotify\NotifyVerifyException 110 NOTIFY_VERIFY_REJECTED notify_verify
AlipayNotify\NotifyVerifyException 303 NOTIFY_VERIFY_INVALID notify_verify
AlipayNotify\NotifyVerifyException 111 NOTIFY_VERIFY_UNEXPECTED notify_verify
no exception
AlipayNotify\ConfigException 300 INVALID_KEY configuration
no key in the message
AlipayNotify\MalformedInputException at line %d
