--TEST--
README samples: every PHP block of php/README.md and README.md, served by php -S and sent a signed notification, another amount and a forged one
--EXTENSIONS--
alipay_notify
--FILE--
<?php
require __DIR__ . '/merchant.inc';

/* The ```php blocks of a Markdown file, each with the name of its `<!-- sample: NAME -->`
 * marker (the line before the fence), or null. */
function an_readme_samples(string $path): array
{
    $samples = [];
    $lines = explode("\n", file_get_contents($path));
    $previous = '';
    for ($i = 0; $i < count($lines); $i++) {
        if (!preg_match('/^```(\S*)/', $lines[$i], $fence)) {
            $previous = $lines[$i];
            continue;
        }
        $marker = preg_match('/^<!-- sample: (\S+) -->$/', trim($previous), $m) ? $m[1] : null;
        $code = [];
        for ($i++; $i < count($lines) && !str_starts_with($lines[$i], '```'); $i++) {
            $code[] = $lines[$i];
        }
        if ($fence[1] === 'php') {
            $samples[] = [$marker, implode("\n", $code) . "\n"];
        }
        $previous = '';
    }
    return $samples;
}

$root = an_root();
$alipay = new AlipayNotify\Signer(file_get_contents("$root/tests/vectors/keys/alipay_a.key.pem"), 'RSA2');
$params = [
    'notify_type' => 'trade_status_sync', 'notify_id' => '2024010200222102031000591437250001',
    'app_id' => '2021000000000000', 'charset' => 'utf-8', 'version' => '1.0',
    'trade_no' => '2024010222001446880500001234', 'out_trade_no' => 'T1001', 'subject' => '测试商品',
    'total_amount' => '88.00', 'trade_status' => 'TRADE_SUCCESS', 'gmt_payment' => '2024-01-02 10:20:30',
];
$notifications = [
    'the order' => $alipay->signedForm($params),
    'another amount' => $alipay->signedForm(['total_amount' => '8.80'] + $params),
    'forged amount' => str_replace('total_amount=88.00', 'total_amount=0.01', $alipay->signedForm($params)),
];
// What the samples leave to the merchant's code, prepended to each request's script.
$preamble = <<<'PHP'
<?php
function find_order(string $outTradeNo): ?object
{
    return $outTradeNo === 'T1001' ? (object) ['out_trade_no' => 'T1001', 'total_amount' => '88.00'] : null;
}
function mark_paid(object $order, ?string $tradeNo): void
{
    header("X-Paid: {$order->out_trade_no} $tradeNo");
}
PHP;

/* A Verifier sample as a merchant's notify_url.php, with the key file next to it. */
function an_run_notify_url(string $code, array $notifications, string $preamble): string
{
    $dir = an_temp_dir('readme-' . md5($code));
    file_put_contents("$dir/alipay_public_key.txt", an_vector_file('notify.json')['keys']['alipay_a']);
    file_put_contents("$dir/preamble.php", $preamble);
    file_put_contents("$dir/notify_url.php", $code);
    $server = an_start_server($dir, null, ['auto_prepend_file' => "$dir/preamble.php"]);
    $answers = [];
    foreach ($notifications as $name => $body) {
        [$status, $headers, $answer] = an_post_form($server, '/notify_url.php', $body);
        $answers[] = "$name: $answer" . (isset($headers['x-paid']) ? " (paid {$headers['x-paid']})" : '')
            . ($status === 200 ? '' : " (HTTP $status)");
    }
    return implode('; ', $answers);
}

/* The legacy drop-in sample as the demo's notify_url.php, with the demo's alipay.config.php
 * and a notify_verify stand-in; /path/to/alipay-notify is this checkout. */
function an_run_legacy_notify_url(string $code, string $root): string
{
    [$gateway] = an_start_gateway();
    $dir = an_temp_dir('readme-legacy-' . md5($code));
    an_write_legacy_merchant($dir, $gateway);
    file_put_contents("$dir/notify_url.php", str_replace('/path/to/alipay-notify', $root, $code));
    $server = an_start_server($dir);
    $answers = [];
    foreach ([
        'verified' => an_legacy_message('nid-true'),
        'notify_verify false' => an_legacy_message('nid-false'),
        'forged amount' => str_replace('total_fee=0.01', 'total_fee=100.00', an_legacy_message('nid-true')),
    ] as $name => $body) {
        [$status, , $answer] = an_post_form($server, '/notify_url.php', $body);
        $answers[] = "$name: $answer" . ($status === 200 ? '' : " (HTTP $status)");
    }
    return implode('; ', $answers);
}

foreach (['php/README.md', 'README.md'] as $readme) {
    $samples = an_readme_samples("$root/$readme");
    echo "$readme: ", count($samples), " PHP samples\n";
    foreach ($samples as $n => [$marker, $code]) {
        echo '  ', $n + 1, " ($marker): ", match ($marker) {
            'notify-url' => an_run_notify_url($code, $notifications, $preamble),
            'legacy-notify-url' => an_run_legacy_notify_url($code, $root),
            // They need PDO and a database: scripts/test-php-ledger.sh runs them.
            'ledger-notify-url', 'ledger-reconcile' => 'run by scripts/test-php-ledger.sh',
            default => 'no test for this marker',
        }, "\n";
    }
}
?>
--EXPECT--
php/README.md: 4 PHP samples
  1 (notify-url): the order: success (paid T1001 2024010222001446880500001234); another amount: fail; forged amount: fail
  2 (ledger-notify-url): run by scripts/test-php-ledger.sh
  3 (ledger-reconcile): run by scripts/test-php-ledger.sh
  4 (legacy-notify-url): verified: success; notify_verify false: fail; forged amount: fail
README.md: 1 PHP samples
  1 (notify-url): the order: success (paid T1001 2024010222001446880500001234); another amount: fail; forged amount: fail
