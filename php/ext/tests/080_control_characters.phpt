--TEST--
Messages that quote a parameter or option name escape control characters (CR, LF and ESC cannot forge or hide log lines)
--EXTENSIONS--
alipay_notify
--FILE--
<?php
use AlipayNotify\{Signer, Verifier};
require __DIR__ . '/vectors.inc';

$key = an_vector_file('notify.json')['keys']['alipay_a'];
$verifier = new Verifier(['alipay_public_key' => $key]);
$evil = "evil\r\nINFO order paid\x1b[2K";

function attempt(string $name, callable $call): void
{
    try {
        $call();
        echo "$name: no exception\n";
    } catch (AlipayNotify\Exception $e) {
        $raw = preg_match('/[\x00-\x1f\x7f]/', $e->getMessage()) ? 'RAW CONTROL CHARACTERS' : 'printable';
        // The list of known options is not what this test is about.
        echo "$name: ", $e->getErrorName(), " ($raw) ", preg_replace('/; the options are: .*$/', '; the options are: ...', $e->getMessage()), "\n";
    }
}

// As PHP parses a POST body "evil%0D%0A...%1B%5B2K[]=x" into $_POST: an array under that name.
attempt('verifyParams, array value', fn () => $verifier->verifyParams(['sign' => 'x', $evil => ['x']]));
attempt('verifyParams, pair list', fn () => $verifier->verifyParams([['sign', 'x'], [$evil, 1.5]]));
attempt('Signer::signedForm', fn () => Signer::md5('k')->signedForm([$evil => null]));
attempt('long name', fn () => $verifier->verifyParams([str_repeat("\n", 50) => []]));
attempt('Verifier option', fn () => new Verifier(['alipay_public_key' => $key, $evil => 'x']));
attempt('diagnose option', fn () => $verifier->diagnose('a=b', [$evil => 'x']));
// Names the library itself quotes (a duplicate parameter) look the same.
attempt('duplicate', fn () => $verifier->verifyNotify("$evil=1&$evil=2"));
?>
--EXPECT--
verifyParams, array value: MALFORMED_INPUT (printable) MALFORMED_INPUT: parameter "evil??INFO order paid?[2K" must be a string, array given
verifyParams, pair list: MALFORMED_INPUT (printable) MALFORMED_INPUT: parameter "evil??INFO order paid?[2K" must be a string, float given
Signer::signedForm: MALFORMED_INPUT (printable) MALFORMED_INPUT: parameter "evil??INFO order paid?[2K" must be a string, null given
long name: MALFORMED_INPUT (printable) MALFORMED_INPUT: parameter "????????????????????????????????????????…" must be a string, array given
Verifier option: INVALID_CONFIG (printable) INVALID_CONFIG: unknown option "evil??INFO order paid?[2K"; the options are: ...
diagnose option: INVALID_CONFIG (printable) INVALID_CONFIG: unknown option "evil??INFO order paid?[2K"; the options are: ...
duplicate: DUPLICATE_PARAMETER (printable) DUPLICATE_PARAMETER: parameter "evil??INFO order paid?[2K" occurs more than once; Alipay sends each once
