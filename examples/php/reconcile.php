<?php
/*
 * 主动查询 (reconciliation): asks Alipay (alipay.trade.query) about every order still pending
 * some time after checkout, in case its notification never came (掉单), and applies a paid
 * answer through the same ledger as notify.php: once, whoever comes first. Run it from cron,
 * never from the web (it is outside public/):
 *
 *   php reconcile.php --older-than 15m        # s, m, h or d; 15m by default
 *
 * Prints one line per order asked about; exits 1 when a query failed (network, signature).
 */

declare(strict_types=1);

require __DIR__ . '/src/bootstrap.php';

/* "15m" as 900; null for anything else. */
function duration_seconds(string $text): ?int
{
    if (!preg_match('/^(\d{1,6})([smhd])$/', $text, $m)) {
        return null;
    }
    return (int) $m[1] * ['s' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400][$m[2]];
}

$options = getopt('', ['older-than:', 'help']);
if (isset($options['help'])) {
    echo "usage: php reconcile.php [--older-than 15m]\n";
    exit(0);
}
$seconds = duration_seconds((string) ($options['older-than'] ?? '15m'));
if ($seconds === null) {
    fwrite(STDERR, "--older-than takes a duration such as 30s, 15m, 2h or 1d\n");
    exit(2);
}

$config = shop_config();
$reconcile = new AlipayNotify\Reconcile(
    alipay_verifier(),
    $config['app_id'],
    read_key_file($config['app_private_key_file']),   // 应用私钥: signs each query
    ['gateway' => $config['gateway'], 'timeout' => 10],
);
$pending = array_column(pending_orders($seconds), 'out_trade_no');
// A paid answer goes through the ledger like the lost notification would have (source
// "query"), into the same apply_transition(): once, whichever of the two comes first.
$outcomes = $reconcile->reconcilePending(shop_ledger(), $pending, 'apply_transition');
$failed = false;
foreach ($outcomes as $outTradeNo => $outcome) {
    if ($outcome instanceof Throwable) {
        $failed = true;
    }
    echo $outTradeNo, ' ', match (true) {
        $outcome instanceof Throwable => 'error: ' . $outcome->getMessage(),
        $outcome === null => 'not paid at Alipay',
        !$outcome->isSuccess() => 'paid at Alipay, not applied: ' . $outcome->errorName,
        $outcome->changedOrder => 'paid, by reconciliation',
        default => 'paid already',
    }, "\n";
}
printf("%d pending order(s) created more than %d s ago asked about\n", count($pending), $seconds);
exit($failed ? 1 : 0);
