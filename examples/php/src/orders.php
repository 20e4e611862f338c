<?php
/* Orders and the notifications delivered for them. */

declare(strict_types=1);

/* The one product of the demo shop. */
const SHOP_PRODUCT = ['subject' => '演示商品 Demo item', 'total_amount' => '88.00'];

function create_order(): array
{
    $order = [
        'out_trade_no' => 'PHP' . date('YmdHis') . random_int(100000, 999999),
        'subject' => SHOP_PRODUCT['subject'],
        'total_amount' => SHOP_PRODUCT['total_amount'],
    ];
    shop_db()->prepare('INSERT INTO orders (out_trade_no, subject, total_amount, created_at) VALUES (?, ?, ?, ?)')
        ->execute([$order['out_trade_no'], $order['subject'], $order['total_amount'], now_text()]);
    return find_order($order['out_trade_no']);
}

function find_order(string $outTradeNo): ?array
{
    $statement = shop_db()->prepare('SELECT * FROM orders WHERE out_trade_no = ?');
    $statement->execute([$outTradeNo]);
    return $statement->fetch() ?: null;
}

/*
 * Marks the order paid unless it already is, and records the delivery, in one transaction.
 * Alipay retries and may deliver twice at once: only the UPDATE that finds the order still
 * pending pays it, so the shop ships once. Returns the delivery's outcome, "paid" or
 * "duplicate".
 */
function pay_order_once(string $outTradeNo, string $tradeNo, ?string $notifyId, string $page): string
{
    $db = shop_db();
    // IMMEDIATE takes the write lock first: two deliveries queue up instead of both reading
    // "pending" (PDO's beginTransaction() is a DEFERRED one).
    $db->exec('BEGIN IMMEDIATE');
    try {
        $update = $db->prepare("UPDATE orders SET status = 'paid', trade_no = ?, paid_at = ? WHERE out_trade_no = ? AND status = 'pending'");
        $update->execute([$tradeNo, now_text(), $outTradeNo]);
        $outcome = $update->rowCount() === 1 ? 'paid' : 'duplicate';
        record_delivery($outTradeNo, $page, $notifyId, $outcome);
        $db->exec('COMMIT');
        return $outcome;
    } catch (Throwable $e) {
        $db->exec('ROLLBACK');
        throw $e;
    }
}

/* Every notification received is kept, refused ones too, to answer "did Alipay call us?". */
function record_delivery(?string $outTradeNo, string $page, ?string $notifyId, string $outcome, ?string $error = null): void
{
    shop_db()->prepare('INSERT INTO deliveries (out_trade_no, page, notify_id, outcome, error, received_at) VALUES (?, ?, ?, ?, ?, ?)')
        ->execute([$outTradeNo, $page, $notifyId, $outcome, $error, now_text()]);
}

function deliveries_of(string $outTradeNo): array
{
    $statement = shop_db()->prepare('SELECT page, notify_id, outcome, error, received_at FROM deliveries WHERE out_trade_no = ? ORDER BY id');
    $statement->execute([$outTradeNo]);
    return $statement->fetchAll();
}
