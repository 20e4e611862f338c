<?php
/* The order and every notification received for it; JSON when asked for (Accept or ?format=json). */

declare(strict_types=1);

require dirname(__DIR__) . '/src/bootstrap.php';

$order = find_order((string) ($_GET['out_trade_no'] ?? ''));
$json = ($_GET['format'] ?? '') === 'json' || str_contains($_SERVER['HTTP_ACCEPT'] ?? '', 'application/json');
if ($order === null) {
    http_response_code(404);
}
if ($json) {
    header('Content-Type: application/json');
    echo json_encode($order === null ? ['error' => 'no such order']
        : $order + ['deliveries' => deliveries_of($order['out_trade_no'])], JSON_UNESCAPED_UNICODE);
    exit;
}
if ($order === null) {
    page_start('没有这个订单 · No such order');
    page_end();
    exit;
}
page_start('订单 · Order ' . $order['out_trade_no']);
order_table($order);
echo '<h2>支付宝通知 · Notifications received</h2><table><tr><th>time</th><th>page</th><th>notify_id</th><th>outcome</th></tr>';
foreach (deliveries_of($order['out_trade_no']) as $delivery) {
    echo '<tr><td>', h($delivery['received_at']), '</td><td>', h($delivery['page']), '</td><td>', h($delivery['notify_id']),
        '</td><td>', h($delivery['outcome']), $delivery['error'] !== null ? ' (' . h($delivery['error']) . ')' : '', '</td></tr>';
}
echo '</table>';
page_end();
