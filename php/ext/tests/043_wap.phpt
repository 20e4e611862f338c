--TEST--
Legacy families: WAP notifications (XML trade fields), mobile.securitypay app results, 消息服务 accessors
--EXTENSIONS--
alipay_notify
--FILE--
<?php
use AlipayNotify\{Exception, Signer, Verifier};
require __DIR__ . '/vectors.inc';

$doc = an_vector_file('wap.json');
$keys = $doc['keys'];
$byId = array_column($doc['vectors'], null, 'id');
$md5 = 'wap-partner-key-0123456789abcdef';
function attempt(callable $f): void
{
    try {
        $f();
        echo "no exception\n";
    } catch (Throwable $e) {
        echo get_class($e), $e instanceof Exception ? ' ' . $e->getErrorName() : '', "\n";
    }
}

echo "-- WAP notification\n";
$n = (new Verifier(['md5_key' => $md5]))->verifyNotify($byId['wap-md5-notify']['input']);
var_dump($n->rule(), $n->signType(), $n->outTradeNo(), $n['subject'], $n->tradeStatus(), $n->isPaid(), $n->totalAmountFen());
var_dump(array_slice(array_keys($n->toArray()), 0, 4));
$n->checkOrder('W20160102001', '0.01');
attempt(fn () => $n->checkOrder('W20160102001', '0.02'));
var_dump($n->msgMethod(), $n->bizContent(), $n->utcTimestampMs(), $n->utcTimestamp());
$rsa = new Verifier(['alipay_public_key' => $keys['legacy1024'], 'sign_types' => ['RSA'], 'min_key_bits' => 1024]);
var_dump($rsa->verifyNotify($byId['wap-rsa-notify']['input'])->keyIndex());
attempt(fn () => (new Verifier(['alipay_public_key' => $keys['legacy1024'], 'sign_types' => ['RSA']]))->verifyNotify($byId['wap-rsa-notify']['input']));
var_dump((new Verifier(['md5_key' => $md5, 'rule' => 'wap']))->verifyNotify($byId['wap-md5-notify']['input'])->rule());
var_dump((new Verifier(['md5_key' => $md5, 'rule' => 'v1']))->isValidNotify($byId['wap-md5-notify']['input']));
attempt(fn () => (new Verifier(['md5_key' => $md5]))->verifyNotify($byId['wap-md5-external-entity']['input']));

echo "-- app result\n";
$app = new Verifier(['alipay_public_key' => $keys['real-alipay-legacy-1024'], 'sign_types' => ['RSA'], 'min_key_bits' => 1024]);
$r = $app->verifyAppResult($byId['wap-app-result-real-tobias']['input']);
var_dump($r->rule(), $r->kind(), $r->outTradeNo(), $r['success'], isset($r['sign']), $r->totalAmountFen());
attempt(fn () => $app->verifyAppResult($byId['wap-app-result-real-tobias-amount-changed']['input']));
attempt(fn () => $app->verifyAppResult('resultStatus={9000};memo={};result={}'));
attempt(fn () => $app->verifyAppResult(['partner' => 'x']));

echo "-- 消息服务\n";
$m = (new Verifier(['alipay_public_key' => $keys['alipay_a']]))->verifyNotify($byId['wap-msg-fund-trans-order-changed']['input']);
var_dump($m->rule(), $m->msgMethod(), $m->bizContent()['order_id'], $m->utcTimestampMs());
var_dump($m->utcTimestamp()->format('Y-m-d\TH:i:s.vP'));
$bad = (new Verifier(['alipay_public_key' => $keys['alipay_a']]))->verifyNotify($byId['wap-msg-fields-not-typed']['input']);
attempt(fn () => $bad->bizContent());
attempt(fn () => $bad->utcTimestampMs());
attempt(fn () => $bad->utcTimestamp());

echo "-- an object without a handle\n";
class NoVerifier extends Verifier
{
    public function __construct() {}
}
attempt(fn () => (new NoVerifier())->verifyAppResult('x'));
?>
--EXPECT--
-- WAP notification
string(3) "wap"
string(3) "MD5"
string(12) "W20160102001"
string(16) "WAP 测试订单"
string(13) "TRADE_SUCCESS"
bool(true)
int(1)
array(4) {
  [0]=>
  string(7) "service"
  [1]=>
  string(1) "v"
  [2]=>
  string(6) "sec_id"
  [3]=>
  string(11) "notify_data"
}
AlipayNotify\BusinessMismatchException AMOUNT_MISMATCH
NULL
NULL
NULL
NULL
int(0)
AlipayNotify\ConfigException WEAK_KEY
string(3) "wap"
bool(false)
AlipayNotify\MalformedInputException MALFORMED_INPUT
-- app result
string(10) "app_result"
string(6) "return"
string(15) "180926084213001"
string(4) "true"
bool(false)
int(1)
AlipayNotify\InvalidSignatureException INVALID_SIGNATURE
AlipayNotify\MalformedInputException MALFORMED_INPUT
TypeError
-- 消息服务
string(2) "v1"
string(31) "alipay.fund.trans.order.changed"
string(32) "20220119110070000006250063947373"
int(1642588201981)
string(29) "2022-01-19T10:30:01.981+00:00"
AlipayNotify\MalformedInputException MALFORMED_INPUT
AlipayNotify\MalformedInputException MALFORMED_INPUT
AlipayNotify\MalformedInputException MALFORMED_INPUT
-- an object without a handle
Error
