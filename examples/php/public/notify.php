<?php
/*
 * notify_url: Alipay's asynchronous notification. Verified over the raw body (never $_POST),
 * checked against the order, the order paid at most once; the answer is exactly "success"
 * (Alipay stops retrying) or "fail" (it retries later), with nothing else in the body.
 */

declare(strict_types=1);

require dirname(__DIR__) . '/src/bootstrap.php';

use AlipayNotify\Exception as AlipayException;

// A warning printed into the body would turn "success" into something Alipay does not accept.
ini_set('display_errors', '0');
header('Content-Type: text/plain; charset=utf-8');
$raw = AlipayNotify\request_body();
try {
    $notification = alipay_verifier()->verifyNotify($raw);
    $order = find_order((string) $notification->outTradeNo());
    if ($order === null) {
        throw AlipayException::fromCode(AlipayException::ORDER_MISMATCH, 'no such order in this shop');
    }
    // The library's order checks: this order number and amount (app_id and seller_id were
    // checked by the verifier).
    $notification->checkOrder($order['out_trade_no'], $order['total_amount']);
    if ($notification->isPaid()) {
        pay_order_once($order['out_trade_no'], (string) $notification->tradeNo(), $notification->notifyId(), 'notify');
    } else {
        // WAIT_BUYER_PAY, TRADE_CLOSED: nothing to ship; acknowledged so that Alipay stops.
        record_delivery($order['out_trade_no'], 'notify', $notification->notifyId(), 'status ' . $notification['trade_status']);
    }
    echo AlipayNotify\SUCCESS;
} catch (AlipayException $e) {
    error_log('alipay notify refused: ' . $e->getMessage());
    record_delivery(claimed_order_number($raw), 'notify', null, 'refused', $e->getErrorName());
    echo AlipayNotify\FAIL;
} catch (Throwable $e) {
    // Our own failure (the database, say): "fail" makes Alipay deliver again later.
    error_log('alipay notify not handled: ' . $e->getMessage());
    echo AlipayNotify\FAIL;
}
