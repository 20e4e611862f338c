<?php
/*
 * return_url: where Alipay sends the buyer back. The query is verified and the order shown,
 * but never marked paid here: the buyer may close the tab before this page loads (掉单), and
 * only the asynchronous notification is Alipay's word that the money arrived.
 */

declare(strict_types=1);

require dirname(__DIR__) . '/src/bootstrap.php';

try {
    $notification = alipay_verifier()->verifyReturnRequest();
    $order = find_order((string) $notification->outTradeNo());
    if ($order === null) {
        throw AlipayNotify\Exception::fromCode(AlipayNotify\Exception::ORDER_MISMATCH, 'no such order in this shop');
    }
    $notification->checkOrder($order['out_trade_no'], $order['total_amount']);
} catch (AlipayNotify\Exception $e) {
    http_response_code(400);
    page_start('验签失败 · Not verified');
    echo '<p class="error">', h($e->getErrorName()), '</p>';
    page_end();
    exit;
}
page_start('支付完成 · Returned from Alipay');
echo '<p class="verified">验签成功 · Verified return from Alipay.</p>';
if ($order['status'] !== 'paid') {
    echo '<p>等待支付宝异步通知 · Waiting for Alipay\'s notification to confirm the payment.</p>';
}
order_table($order);
echo '<p><a href="/order.php?out_trade_no=', rawurlencode($order['out_trade_no']), '">订单页 · Order page</a></p>';
page_end();
