--TEST--
Ledger rows and reconciliation requests: Notification::ledgerEntry(), rejected_ledger_entry(), TradeRequest, TradeResult
--EXTENSIONS--
alipay_notify
--FILE--
<?php
use AlipayNotify\{ConfigException, Signer, TradeRequest, TradeResult, Verifier};
require __DIR__ . '/vectors.inc';

$sign = an_vector_file('sign.json')['keys'];
$signer = new Signer($sign['alipay_a_pkcs8_pem']);
$verifier = new Verifier(['alipay_public_key' => $sign['alipay_a_public_pem']]);
$form = fn (array $p) => $signer->signedForm(['app_id' => '2021000000000000', 'notify_id' => 'n-1', 'out_trade_no' => 'T1'] + $p);

echo "-- ledgerEntry\n";
$paid = $form(['total_amount' => '88.00', 'trade_status' => 'TRADE_SUCCESS']);
$entry = $verifier->verifyNotify($paid)->ledgerEntry($paid);
var_dump($entry['source'], $entry['transition'], $entry['total_amount_fen'], $entry['verdict'], $entry['body_sha256'] === hash('sha256', $paid));
$refund = $form(['total_amount' => '88.00', 'refund_fee' => '10.00', 'out_biz_no' => 'R1', 'trade_status' => 'TRADE_SUCCESS']);
var_dump($verifier->verifyNotify($refund)->ledgerEntry($refund)['transition']);
$waiting = $form(['trade_status' => 'WAIT_BUYER_PAY']);
var_dump($verifier->verifyNotify($waiting)->ledgerEntry($waiting)['transition']);
// The digest is of the bytes given, not UTF-8 text.
var_dump($verifier->verifyNotify($paid)->ledgerEntry("\xff\xfe")['body_sha256'] === hash('sha256', "\xff\xfe"));

echo "-- rejected_ledger_entry\n";
try {
    $verifier->verifyNotify($paid . 'x');
} catch (AlipayNotify\Exception $e) {
    $row = AlipayNotify\rejected_ledger_entry('notify', $paid . 'x', $e);
    var_dump($row['verdict'], $row['error_name'], $row['out_trade_no'], $row['transition']);
}
var_dump(AlipayNotify\rejected_ledger_entry('return', 'a=1', 105)['error_name']);
foreach ([['webhook', 100], ['notify', 12345], ["not\xff", 100]] as [$source, $code]) {
    try {
        AlipayNotify\rejected_ledger_entry($source, 'a=1', $code);
    } catch (ConfigException $e) {
        echo $e->getErrorName(), "\n";
    }
}

echo "-- TradeRequest\n";
$app = $sign['alipay_a_pkcs8_pem'];
$query = TradeRequest::query('2021000000000000', outTradeNo: '20240102102028001');
$body = $query->signedForm($app, '2024-01-02 10:30:00');
parse_str($body, $params);
var_dump($params['method'], $params['timestamp'], $params['biz_content'], $params['sign_type'], strlen($params['sign']) > 300);
parse_str($query->signedForm($app), $now);
var_dump(abs(strtotime($now['timestamp'] . ' +08:00') - time()) < 60);
parse_str(TradeRequest::refundQuery('2021000000000000', 'R1', tradeNo: '2024')->signedForm($app, '2024-01-02 10:30:00'), $p);
var_dump($p['method'], $p['biz_content']);
parse_str(TradeRequest::close('2021000000000000', 'T1')->signedForm($app, '2024-01-02 10:30:00'), $p);
var_dump($p['method']);
foreach ([
    fn () => TradeRequest::query('2021000000000000'),
    fn () => TradeRequest::query('2021000000000000', 'T1', '2024'),
    fn () => $query->signedForm($app, 'yesterday'),
    fn () => TradeRequest::query('2021000000000000', str_repeat('9', 65))->signedForm($app),
    fn () => $query->signedForm('not a key'),
] as $bad) {
    try {
        $bad();
    } catch (AlipayNotify\Exception $e) {
        echo get_class($e), ' ', $e->getErrorName(), "\n";
    }
}

echo "-- TradeResult\n";
$responses = an_vector_file('responses.json');
$answer = array_column($responses['vectors'], null, 'id')['responses-trade-query']['input'];
$alipay = new Verifier(['alipay_public_key' => $responses['keys']['alipay_a']]);
$result = $query->verifyResponse($alipay, $answer);
var_dump($result->isPaid(), $result->isSuccess(), $result->isNotFound(), $result->method(), $result->code());
var_dump($result->totalAmountFen(), $result->buyerPayAmountFen(), $result->receiptAmountFen(), $result->tradeStatus(), $result->subCode());
var_dump($result->toArray()['is_paid'], $result->ledgerEntry()['source'], $result->ledgerEntry()['transition']);
var_dump($result->ledgerEntry()['body_sha256'] === hash('sha256', $answer));
try {
    TradeRequest::query('2021000000000000', 'ANOTHER')->verifyResponse($alipay, $answer);
} catch (AlipayNotify\Exception $e) {
    echo get_class($e), ' ', $e->getErrorName(), "\n";
}
foreach ([fn () => new TradeResult(), fn () => new TradeRequest(), fn () => clone $query] as $misuse) {
    try {
        $misuse();
    } catch (Error $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
?>
--EXPECT--
-- ledgerEntry
string(6) "notify"
string(4) "PAID"
int(8800)
string(8) "verified"
bool(true)
string(9) "REFUND:R1"
NULL
bool(true)
-- rejected_ledger_entry
string(8) "rejected"
string(17) "INVALID_SIGNATURE"
NULL
NULL
string(21) "SIGN_TYPE_NOT_ALLOWED"
INVALID_CONFIG
INVALID_CONFIG
INVALID_CONFIG
-- TradeRequest
string(18) "alipay.trade.query"
string(19) "2024-01-02 10:30:00"
string(36) "{"out_trade_no":"20240102102028001"}"
string(4) "RSA2"
bool(true)
bool(true)
string(33) "alipay.trade.fastpay.refund.query"
string(41) "{"out_request_no":"R1","trade_no":"2024"}"
string(18) "alipay.trade.close"
AlipayNotify\ConfigException INVALID_CONFIG
AlipayNotify\ConfigException INVALID_CONFIG
AlipayNotify\ConfigException INVALID_CONFIG
AlipayNotify\ConfigException INVALID_CONFIG
AlipayNotify\ConfigException INVALID_KEY
-- TradeResult
bool(true)
bool(true)
bool(false)
string(18) "alipay.trade.query"
string(5) "10000"
int(8800)
int(8800)
NULL
string(13) "TRADE_SUCCESS"
NULL
bool(true)
string(5) "query"
string(4) "PAID"
bool(true)
AlipayNotify\BusinessMismatchException ORDER_MISMATCH
Error: AlipayNotify\TradeResult cannot be constructed: TradeRequest::verifyResponse() creates it
Error: AlipayNotify\TradeRequest cannot be constructed: TradeRequest::query(), close() and refundQuery() create it
Error: Trying to clone an uncloneable object of class AlipayNotify\TradeRequest
