<?php
/*
 * The parallel-duplicate test's two halves around scripts/test-php-ledger.sh, which POSTs the
 * bodies to php-fpm all at once:
 *
 *   parallel.php prepare DB DIR   empty tables, order P1, and DIR/{paid,refund,waiting}.body
 *   parallel.php check DB COUNT   what the database says after COUNT paid deliveries
 */
declare(strict_types=1);

require __DIR__ . '/harness.php';

[, $mode, $db, $arg] = $argv;
$pdo = connect($db);
if ($mode === 'prepare') {
    reset_tables($pdo);
    add_order($pdo, 'P1');
    file_put_contents("$arg/paid.body", notify_body('P1'));
    file_put_contents("$arg/refund.body", notify_body('P1', ['notify_id' => 'n-P1-R1', 'refund_fee' => '10.00', 'out_biz_no' => 'R1']));
    file_put_contents("$arg/waiting.body", notify_body('P1', ['notify_id' => 'n-P1-W', 'trade_status' => 'WAIT_BUYER_PAY']));
    exit(0);
}
$count = (int)$arg;
$n = fn (string $sql) => (int)scalar($pdo, $sql);
check("$db: the callback ran once per transition (counted in the database)", [['PAID', 1], ['REFUND:R1', 1]],
    array_map(fn ($r) => [$r[0], (int)$r[1]], $pdo->query('SELECT transition, COUNT(*) FROM applied GROUP BY transition ORDER BY transition')->fetchAll(PDO::FETCH_NUM)));
// When the refund came before every payment, its delivery applied PAID on a row of its own.
$refundPaid = $n("SELECT COUNT(*) FROM alipay_notify_ledger WHERE transition = 'PAID' AND notify_id = 'n-P1-R1'");
check("$db: one ledger row per delivery (and the PAID a refund applied)", $count + 2 + $refundPaid,
    $n('SELECT COUNT(*) FROM alipay_notify_ledger'));
check("$db: one changed_order row per transition", [['PAID', 1], ['REFUND:R1', 1]],
    array_map(fn ($r) => [$r[0], (int)$r[1]], $pdo->query('SELECT transition, COUNT(*) FROM alipay_notify_ledger WHERE changed_order = TRUE GROUP BY transition ORDER BY transition')->fetchAll(PDO::FETCH_NUM)));
check("$db: every row answered success", $count + 2 + $refundPaid, $n("SELECT COUNT(*) FROM alipay_notify_ledger WHERE reply = 'success'"));
check("$db: duplicates recorded without a transition", $count - 1 + $refundPaid,
    $n("SELECT COUNT(*) FROM alipay_notify_ledger WHERE transition IS NULL AND trade_status = 'TRADE_SUCCESS' AND refund_fee_fen IS NULL"));
check("$db: the order is paid, the refund recorded", ['paid', 1000],
    [scalar($pdo, "SELECT status FROM orders WHERE out_trade_no = 'P1'"), (int)scalar($pdo, "SELECT refunded_fen FROM orders WHERE out_trade_no = 'P1'")]);
summary("parallel-$db");
