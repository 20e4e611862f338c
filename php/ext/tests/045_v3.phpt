--TEST--
OpenAPI v3: verifyV3() with headers as PHP HTTP clients give them, V3Response, V3Signer
--EXTENSIONS--
alipay_notify
--FILE--
<?php
use AlipayNotify\V3Signer;
use AlipayNotify\Verifier;
require __DIR__ . '/vectors.inc';

$doc = an_vector_file('v3.json');
$keys = $doc['keys'];
$byId = array_column($doc['vectors'], null, 'id');
$basic = $byId['v3-response-basic'];
$body = $basic['body'];
$plain = [];
foreach ($basic['headers'] as [$name, $value]) {
    $plain[$name] = $value;
}
$verifier = new Verifier(['alipay_public_key' => $keys['alipay_a']]);

function outcome(callable $call): string
{
    try {
        $call();
        return 'verified';
    } catch (AlipayNotify\Exception $e) {
        return get_class($e) . ' ' . $e->getErrorName() . ' ' . $e->getCode();
    }
}

/* getallheaders(): Title-Case names, string values; PSR-7 and Symfony: lists of values. */
$titled = [];
$lists = ['content-type' => ['application/json'], 'set-cookie' => ['a=1', 'b=2']];
foreach ($plain as $name => $value) {
    $titled[ucwords($name, '-')] = $value;
    $lists[$name] = [$value];
}
foreach (['plain' => $plain, 'getallheaders' => $titled, 'psr-7' => $lists] as $shape => $headers) {
    $r = $verifier->verifyV3($headers, $body);
    echo $shape, ': ', $r->body() === $body ? 'body as signed' : 'body differs', ', key ', $r->keyIndex(), "\n";
}
$r = $verifier->verifyV3($plain, $body);
var_dump($r->timestamp() === $plain['alipay-timestamp'], $r->nonce() === $plain['alipay-nonce'], $r->certSn());
var_dump($r->toArray() === json_decode($body, true), $r->keyFingerprint() !== '');

$changed = $body;
$changed[3] = $changed[3] === 'a' ? 'b' : 'a';
echo outcome(fn () => $verifier->verifyV3($plain, $changed)), "\n";
echo outcome(fn () => $verifier->verifyV3(['content-type' => 'text/html'], '<html>502</html>')), "\n";
$twice = $lists;
$twice['alipay-signature'][] = $plain['alipay-signature'];
echo outcome(fn () => $verifier->verifyV3($twice, $body)), "\n";
echo outcome(fn () => $verifier->verifyV3($plain + ['Alipay-Signature' => 'AAAA'], $body)), "\n";
echo outcome(fn () => $verifier->verifyV3(['alipay-nonce' => 7] + $plain, $body)), "\n";
echo outcome(fn () => $verifier->verifyV3(array_values($plain), $body)), "\n";

/* max_response_age: off by default; judged at $nowMillis, or now. */
$now = (int) $plain['alipay-timestamp'];
$fresh = new Verifier(['alipay_public_key' => $keys['alipay_a'], 'max_response_age' => 300]);
echo outcome(fn () => $fresh->verifyV3($plain, $body, $now + 300000)), "\n";
echo outcome(fn () => $fresh->verifyV3($plain, $body, $now + 300001)), "\n";
echo outcome(fn () => $fresh->verifyV3($plain, $body)), "\n";
var_dump(AlipayNotify\Exception::STALE_RESPONSE, AlipayNotify\status_name(115));

/* Certificate mode: alipay-sn picks the certificate. */
$cert = $byId['v3-response-cert-sn'];
$both = new Verifier(['alipay_public_key' => array_map(fn ($id) => $keys[$id], $cert['keys'])]);
$r = $both->verifyV3(array_column($cert['headers'], 1, 0), $cert['body']);
echo 'cert mode: key ', $r->keyIndex(), ', sn ', strlen($r->certSn()), " hex digits\n";

try {
    new AlipayNotify\V3Response();
} catch (Error $e) {
    echo $e->getMessage(), "\n";
}

$request = $byId['v3-request-app-auth-token'];
$signer = new V3Signer($keys['app_private'], $request['app_id']);
$fixed = $signer->authorization($request['method'], $request['uri'], $request['body'], $request['app_auth_token'],
                                $request['nonce'], $request['timestamp']);
var_dump($fixed === $request['authorization']);
$first = $signer->authorization('GET', '/v3/alipay/trade/query?out_trade_no=1');
$second = $signer->authorization('GET', '/v3/alipay/trade/query?out_trade_no=1');
var_dump(str_starts_with($first, "ALIPAY-SHA256withRSA app_id={$request['app_id']},nonce="), $first !== $second);
$withNonce = $signer->authorization('GET', '/v3/x', '', null, 'nonce-1');
var_dump(str_contains($withNonce, ',nonce=nonce-1,timestamp='));
echo outcome(fn () => $signer->authorization('GET', 'https://openapi.alipay.com/v3/x')), "\n";
echo outcome(fn () => new V3Signer('MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ' . str_repeat('x', 40), '2014')), "\n";
?>
--EXPECT--
plain: body as signed, key 0
getallheaders: body as signed, key 0
psr-7: body as signed, key 0
bool(true)
bool(true)
NULL
bool(true)
bool(true)
AlipayNotify\InvalidSignatureException INVALID_SIGNATURE 107
AlipayNotify\InvalidSignatureException UNSIGNED_RESPONSE 112
AlipayNotify\MalformedInputException DUPLICATE_PARAMETER 103
AlipayNotify\MalformedInputException DUPLICATE_PARAMETER 103
AlipayNotify\MalformedInputException MALFORMED_INPUT 100
AlipayNotify\MalformedInputException MALFORMED_INPUT 100
verified
AlipayNotify\InvalidSignatureException STALE_RESPONSE 115
AlipayNotify\InvalidSignatureException STALE_RESPONSE 115
int(115)
string(14) "STALE_RESPONSE"
cert mode: key 1, sn 32 hex digits
AlipayNotify\V3Response cannot be constructed: Verifier::verifyV3() creates it
bool(true)
bool(true)
bool(true)
bool(true)
AlipayNotify\ConfigException INVALID_CONFIG 302
AlipayNotify\ConfigException INVALID_KEY 300
