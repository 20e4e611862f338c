--TEST--
Notification, Response, Signer and Verifier: ArrayAccess, typed getters, immutability, lifecycle
--EXTENSIONS--
alipay_notify
--FILE--
<?php
use AlipayNotify\{Notification, Response, Signer, Verifier};
require __DIR__ . '/vectors.inc';

$notify = an_vector_file('notify.json');
$keys = $notify['keys'];
$byId = array_column($notify['vectors'], null, 'id');
$verifier = new Verifier(['alipay_public_key' => [$keys['alipay_b'], $keys['alipay_a']]]);
$n = $verifier->verifyNotify($byId['notify-amount-88']['input']);

echo "-- Notification\n";
var_dump($n['out_trade_no'], $n['missing'], isset($n['trade_no']), isset($n['missing']), isset($n['sign']), $n['sign_type']);
var_dump($n[0], $n[[]] ?? 'no array offsets', $n->get('total_amount'), count($n) === count($n->toArray()));
var_dump($n->kind(), $n->rule(), $n->signType(), $n->charset(), $n->emptyValues(), $n->keyIndex());
var_dump(strlen($n->keyFingerprint()) > 0, $n->tradeStatus(), $n->isPaid(), $n->totalAmountFen());
var_dump($n->amountFen('total_amount'), $n->amountFen('receipt_amount'), $n->amountFen('refund_fee'));
var_dump($n->outTradeNo(), $n->tradeNo(), $n->appId(), $n->sellerId(), $n->notifyId() !== null);
$n->checkOrder($n->outTradeNo(), '88.00');
$n->checkOrder($n->outTradeNo(), '88');
$n->checkOrderFen($n->outTradeNo(), 8800);
echo "order checks passed\n";
$seen = [];
foreach ($n as $name => $value) {
    $seen[$name] = $value;
}
var_dump($seen === $n->toArray(), json_decode(json_encode($n), true) === $n->toArray());
foreach ([fn () => $n['total_amount'] = '0.01', function () use ($n) { unset($n['total_amount']); }] as $write) {
    try {
        $write();
    } catch (LogicException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
foreach ([fn () => new Notification(), fn () => clone $n, fn () => serialize($n), fn () => $n->dynamic = 1] as $misuse) {
    try {
        $misuse();
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
$dump = print_r($n, true);
echo str_contains($dump, '[out_trade_no] => ') && str_contains($dump, '[kind] => notify') ? "print_r shows the params\n" : $dump;

echo "-- a return_url message and a legacy MD5 message\n";
$return = an_vector_file('return.json');
$r = (new Verifier(['alipay_public_key' => $return['keys']['alipay_a']]))->verifyReturn(array_column($return['vectors'], null, 'id')['return-query-bare']['input']);
var_dump($r->kind(), $r->tradeStatus(), $r->isPaid());
$md5 = an_vector_file('legacy_md5.json')['vectors'][0];
$m = (new Verifier($md5['options']))->verifyNotify($md5['input']);
var_dump($m->signType(), $m->rule(), $m->keyIndex(), $m->keyFingerprint(), $m->totalAmountFen());

echo "-- Response\n";
$responses = an_vector_file('responses.json');
$rv = array_column($responses['vectors'], null, 'id');
$rverifier = new Verifier(['alipay_public_key' => $responses['keys']['alipay_a']]);
$resp = $rverifier->verifyResponse($rv['responses-trade-query']['input'], 'alipay.trade.query');
var_dump($resp->method(), $resp->node(), $resp['code'], $resp->get('trade_status'), $resp['nothing'], isset($resp['code']));
var_dump($resp->isSuccess(), $resp->isErrorResponse(), $resp->signType(), $resp->keyIndex(), $resp->certSn());
var_dump(is_array($resp->toArray()), json_decode($resp->content(), true) === $resp->toArray());
$error = $rverifier->verifyResponse($rv['responses-error-response']['input']);
var_dump($error->method(), $error->isErrorResponse(), $error->isSuccess());
var_dump(is_string($rverifier->verifyResponse($rv['responses-aes-encrypted']['input'])->toArray()));
try {
    $resp['code'] = '20000';
} catch (LogicException $e) {
    echo get_class($e), "\n";
}
try {
    new Response();
} catch (Error $e) {
    echo $e->getMessage(), "\n";
}

echo "-- Signer\n";
$private = file_get_contents(an_root() . '/tests/vectors/keys/alipay_a.key.pem');
$signer = new Signer($private);
$params = ['app_id' => '2021000117600000', 'out_trade_no' => 'T1', 'total_amount' => '88.00', 'trade_status' => 'TRADE_SUCCESS', 'quantity' => 2];
$form = $signer->signedForm($params);
$signed = (new Verifier(['alipay_public_key' => $keys['alipay_a']]))->verifyNotify($form);
var_dump($signed['quantity'], $signed->totalAmountFen(), $signer->sign($params) === $signer->sign(array_map(null, array_keys($params), $params)));
$md5Signer = Signer::md5('k');
$md5Form = $md5Signer->signedForm(['a' => '1', 'b' => '2']);
var_dump(preg_match('/^a=1&b=2&sign_type=MD5&sign=[0-9a-f]{32}$/', $md5Form), (new Verifier(['md5_key' => 'k']))->verifyNotify($md5Form)['b']);
foreach ([fn () => $signer->sign(['total_amount' => 88.0]), fn () => $signer->sign([['a', '1'], ['a', '2']]),
          fn () => $signer->sign([['a']]), fn () => new Signer('not a key'), fn () => new Signer($private, 'RSA3')] as $bad) {
    try {
        $bad();
    } catch (AlipayNotify\Exception $e) {
        echo get_class($e), ' ', $e->getErrorName(), "\n";
    }
}

echo "-- Verifier\n";
var_dump($verifier->isValidNotify($byId['notify-amount-88']['input']), $verifier->isValidNotify($byId['notify-tampered-amount']['input']));
try {
    $verifier->isValidNotify('');
} catch (AlipayNotify\MalformedInputException $e) {
    echo "isValidNotify still throws ", $e->getErrorName(), "\n";
}
$fromParams = $verifier->verifyParams($signed->toArray() + ['sign' => $signer->sign($params), 'sign_type' => 'RSA2']);
var_dump($fromParams['out_trade_no']);
try {
    $verifier->__construct(['alipay_public_key' => $keys['alipay_a']]);
} catch (Error $e) {
    echo $e->getMessage(), "\n";
}
class LazyVerifier extends Verifier
{
    public function __construct()
    {
    }
}
try {
    (new LazyVerifier())->verifyNotify('a=1');
} catch (Error $e) {
    echo $e->getMessage(), "\n";
}
foreach ([fn () => clone $verifier, fn () => serialize($verifier)] as $misuse) {
    try {
        $misuse();
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
// Objects outlive the verifier that made them.
$kept = (new Verifier(['alipay_public_key' => $keys['alipay_a']]))->verifyNotify($byId['notify-basic-rsa2']['input']);
gc_collect_cycles();
var_dump($kept['out_trade_no']);
?>
--EXPECTF--
-- Notification
string(17) "20240102102028001"
NULL
bool(true)
bool(false)
bool(false)
NULL
NULL
string(16) "no array offsets"
string(2) "88"
bool(true)
string(6) "notify"
string(2) "v1"
string(4) "RSA2"
string(5) "utf-8"
string(7) "skipped"
int(1)
bool(true)
string(13) "TRADE_SUCCESS"
bool(true)
int(8800)
int(8800)
int(8800)
NULL
string(17) "20240102102028001"
string(28) "2024010222001446880500000001"
string(16) "2021000117600000"
string(16) "2088102177846883"
bool(true)
order checks passed
bool(true)
bool(true)
LogicException: AlipayNotify\Notification is read-only: it holds what Alipay signed
LogicException: AlipayNotify\Notification is read-only: it holds what Alipay signed
Error: AlipayNotify\Notification cannot be constructed: Verifier::verifyNotify() and verifyReturn() create it
Error: Trying to clone an uncloneable object of class AlipayNotify\Notification
Exception: Serialization of 'AlipayNotify\Notification' is not allowed
Error: Cannot create dynamic property AlipayNotify\Notification::$dynamic
print_r shows the params
-- a return_url message and a legacy MD5 message
string(6) "return"
NULL
bool(false)
string(3) "MD5"
string(3) "md5"
NULL
NULL
int(1)
-- Response
string(18) "alipay.trade.query"
string(27) "alipay_trade_query_response"
string(5) "10000"
string(13) "TRADE_SUCCESS"
NULL
bool(true)
bool(true)
bool(false)
string(4) "RSA2"
int(0)
NULL
bool(true)
bool(true)
string(5) "error"
bool(true)
bool(false)
bool(true)
LogicException
AlipayNotify\Response cannot be constructed: Verifier::verifyResponse() creates it
-- Signer
string(1) "2"
int(8800)
bool(true)
int(1)
string(1) "2"
AlipayNotify\MalformedInputException MALFORMED_INPUT
AlipayNotify\MalformedInputException DUPLICATE_PARAMETER
AlipayNotify\MalformedInputException MALFORMED_INPUT
AlipayNotify\ConfigException INVALID_KEY
AlipayNotify\ConfigException INVALID_CONFIG
-- Verifier
bool(true)
bool(false)
isValidNotify still throws MALFORMED_INPUT
string(2) "T1"
AlipayNotify\Verifier is immutable: create a new one
LazyVerifier object is not initialized (it is created by the library, or its constructor was not called)
Error: Trying to clone an uncloneable object of class AlipayNotify\Verifier
Exception: Serialization of 'AlipayNotify\Verifier' is not allowed
string(17) "20240102102028001"
