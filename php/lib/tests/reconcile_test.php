<?php
/*
 * Reconciliation against `alipay-notify sandbox` ($SANDBOX_GATEWAY, its data directory in
 * $SANDBOX_DIR): an order paid with the dropped-notify fault (服务端掉单) ends paid exactly once,
 * by reconciliation, with a query row that changed the order; the notification that comes
 * later changes nothing. argv: the HTTP client (curl, or streams when PHP runs without curl)
 * and the database.
 */
declare(strict_types=1);

require __DIR__ . '/harness.php';

use AlipayNotify\{NetworkException, Reconcile, Signer, Verifier};

[, $client, $db] = $argv;
$gateway = getenv('SANDBOX_GATEWAY');
$base = substr($gateway, 0, -strlen('/gateway.do'));
$appKey = vector_keys('sign.json')['alipay_a_pkcs8_pem'];
check("the HTTP client is $client", $client === 'curl', function_exists('curl_init'));

$pdo = connect($db);
$ledger = reset_tables($pdo);
$apply = mark_order();
$verifier = new Verifier(['alipay_public_key' => http('GET', "$base/api/alipay-public-key"), 'app_id' => APP_ID]);
$reconcile = new Reconcile($verifier, APP_ID, $appKey, ['gateway' => $gateway, 'timeout' => 5]);
$paid = "D-$client";
$unpaid = "U-$client";
foreach ([$paid, $unpaid] as $no) {
    add_order($pdo, $no);
    checkout($gateway, $appKey, $no);
}
$answer = json_decode(http('POST', "$base/api/orders/$paid/pay", '{"drop_notify": true}'), true);
check('the sandbox paid the order', $paid, $answer['out_trade_no'] ?? null);

$result = $reconcile->queryTrade(outTradeNo: $paid);
check('queryTrade(): verified, paid, amounts in fen', [true, 'TRADE_SUCCESS', 8800], [$result->isPaid(), $result->tradeStatus(), $result->totalAmountFen()]);
check('queryTrade() of an order never paid: not paid', false, $reconcile->queryTrade(outTradeNo: $unpaid)->isPaid());
check('queryTrade() of an order Alipay does not know: not found', true, $reconcile->queryTrade(outTradeNo: "NONE-$client")->isNotFound());

$outcomes = $reconcile->reconcilePending($ledger, [$paid, $unpaid], $apply);
$outcome = $outcomes[$paid];
check('reconcilePending(): the dropped order applied, the unpaid one left', [true, 'PAID', null],
    [$outcome->changedOrder, $outcome->transition, $outcomes[$unpaid]]);
check('the order is paid once', ['paid', 1], [scalar($pdo, 'SELECT status FROM orders WHERE out_trade_no = ?', [$paid]),
    (int)scalar($pdo, 'SELECT COUNT(*) FROM applied WHERE out_trade_no = ?', [$paid])]);
$row = $pdo->query("SELECT * FROM alipay_notify_ledger WHERE id = {$outcome->id}")->fetch(PDO::FETCH_ASSOC);
check('the ledger says reconciliation changed it', ['query', 'alipay.trade.query', null, 'PAID', null, 8800],
    [$row['source'], $row['notify_type'], $row['notify_id'], $row['transition'], $row['reply'], (int)$row['total_amount_fen']]);
check('changed_order on the query row', true, (bool)$row['changed_order']);

$again = $reconcile->reconcile($ledger, $paid, $apply);
check('reconciling again: a duplicate', [false, true], [$again->changedOrder, $again->duplicate]);
$alipayKey = file_get_contents(getenv('SANDBOX_DIR') . '/alipay_private_key.pem');
$late = (new Signer($alipayKey))->signedForm(['app_id' => APP_ID, 'notify_type' => 'trade_status_sync',
    'notify_id' => "late-$client", 'out_trade_no' => $paid, 'trade_no' => $result->tradeNo(), 'total_amount' => '88.00',
    'trade_status' => 'TRADE_SUCCESS']);
$duplicate = $ledger->applyOnce($verifier, $late, $apply);
check('a later notification changes nothing', ['success', true, 1], [$duplicate->reply, $duplicate->duplicate,
    (int)scalar($pdo, 'SELECT COUNT(*) FROM applied WHERE out_trade_no = ?', [$paid])]);
$order = json_decode(http('GET', "$base/api/orders/$paid"), true);
check('the sandbox never sent a notification', [true, []], [$order['notify_dropped'] ?? null, $order['deliveries'] ?? null]);

$closed = stream_socket_server('tcp://127.0.0.1:0');
$port = substr(stream_socket_get_name($closed, false), strrpos(stream_socket_get_name($closed, false), ':') + 1);
fclose($closed);
try {
    (new Reconcile($verifier, APP_ID, $appKey, ['gateway' => "http://127.0.0.1:$port/gateway.do", 'timeout' => 2]))->queryTrade($paid);
    check('a gateway that is down: NetworkException', 'NetworkException', 'an answer');
} catch (NetworkException $e) {
    check('a gateway that is down: NetworkException', true, str_contains($e->getMessage(), "127.0.0.1:$port"));
}
// A gateway that takes the connection and never answers: the timeout ends the wait.
$silent = stream_socket_server('tcp://127.0.0.1:0');
$address = stream_socket_get_name($silent, false);
$started = microtime(true);
try {
    (new Reconcile($verifier, APP_ID, $appKey, ['gateway' => "http://$address/gateway.do", 'timeout' => 1]))->queryTrade($paid);
    check('a gateway that never answers: NetworkException within the timeout', 'NetworkException', 'an answer');
} catch (NetworkException $e) {
    check('a gateway that never answers: NetworkException within the timeout', true, microtime(true) - $started < 5);
}
fclose($silent);
summary("reconcile-$client");
