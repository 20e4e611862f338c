<?php
/* Creates a pending order and sends the buyer to Alipay with a signed alipay.trade.page.pay. */

declare(strict_types=1);

require dirname(__DIR__) . '/src/bootstrap.php';

if ($_SERVER['REQUEST_METHOD'] !== 'POST') {
    header('Location: /', true, 303);
    exit;
}
$order = create_order();
// 303: the browser GETs the gateway with the signed parameters in the query.
header('Location: ' . payment_url($order), true, 303);
