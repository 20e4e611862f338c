--TEST--
SM2 (国密): verified only when allowed, signed with SM2 keys, key mix-ups refused
--EXTENSIONS--
alipay_notify
--FILE--
<?php
use AlipayNotify\{Signer, Verifier};
require __DIR__ . '/vectors.inc';

$keys = an_vector_file('sm2.json')['keys'];
$params = [
    'notify_time' => '2024-01-02 10:20:31', 'notify_type' => 'trade_status_sync', 'app_id' => '2021000000000000',
    'charset' => 'utf-8', 'out_trade_no' => 'T1001', 'trade_status' => 'TRADE_SUCCESS', 'total_amount' => '88.00',
    'subject' => '测试商品',
];
function attempt(callable $f): void
{
    try {
        $f();
        echo "no error\n";
    } catch (AlipayNotify\Exception $e) {
        echo $e->getErrorName(), str_contains($e->getMessage(), 'SM2') ? ' (names SM2)' : '', "\n";
    }
}

echo "-- signed and verified\n";
$signer = new Signer($keys['sm2_a_private_pem'], 'SM2');
$body = $signer->signedForm($params);
var_dump(str_contains($body, '&sign_type=SM2&'));
$verifier = new Verifier(['alipay_public_key' => $keys['sm2_a'], 'sign_types' => ['SM2']]);
$n = $verifier->verifyNotify($body);
var_dump($n->signType(), $n->rule(), $n['out_trade_no']);
// SM2 signatures are randomized: two signatures differ, and each verifies.
$bare = new Signer($keys['sm2_a_private_b64'], 'SM2', 'v1');
[$first, $second] = [$bare->sign($params), $bare->sign($params)];
var_dump($first !== $second);
foreach ([$first, $second] as $sign) {
    var_dump($verifier->verifyParams($params + ['sign_type' => 'SM2', 'sign' => $sign], 'notify')->signType());
}
$both = new Verifier(['alipay_public_key' => [$keys['rsa_a'], $keys['sm2_a']], 'sign_types' => ['RSA2', 'SM2']]);
var_dump($both->verifyNotify($body)->keyIndex());

echo "-- refused\n";
attempt(fn () => $verifier->verifyNotify(str_replace('total_amount=88.00', 'total_amount=88.01', $body)));
attempt(fn () => (new Verifier(['alipay_public_key' => $keys['sm2_b'], 'sign_types' => ['SM2']]))->verifyNotify($body));
attempt(fn () => (new Verifier(['alipay_public_key' => $keys['rsa_a']]))->verifyNotify($body));
attempt(fn () => new Verifier(['alipay_public_key' => $keys['sm2_a']]));
attempt(fn () => new Verifier(['alipay_public_key' => $keys['rsa_a'], 'sign_types' => 'SM2']));
attempt(fn () => new Signer($keys['rsa_a_private_pem'], 'SM2'));
attempt(fn () => new Signer($keys['sm2_a_private_pem'], 'RSA2'));
try {
    new Signer($keys['sm2_a_private_sec1_b64'], 'SM2');
} catch (AlipayNotify\Exception $e) {
    var_dump($e->getErrorName(), str_contains($e->getMessage(), substr($keys['sm2_a_private_sec1_b64'], 20, 20)));
}
?>
--EXPECT--
-- signed and verified
bool(true)
string(3) "SM2"
string(2) "v1"
string(5) "T1001"
bool(true)
string(3) "SM2"
string(3) "SM2"
int(1)
-- refused
INVALID_SIGNATURE (names SM2)
INVALID_SIGNATURE (names SM2)
SIGN_TYPE_NOT_ALLOWED (names SM2)
INVALID_KEY (names SM2)
INVALID_KEY (names SM2)
INVALID_KEY (names SM2)
INVALID_KEY (names SM2)
string(11) "INVALID_KEY"
bool(false)
