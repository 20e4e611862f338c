<?php
/*
 * The ledger samples of php/README.md, run as a merchant would: the notify_url sample served
 * by php -S (two workers) on SQLite and sent a notification twice, another amount and a
 * forged body; the reconciliation sample run from the command line against the sandbox
 * ($SANDBOX_GATEWAY) after an order was paid with the dropped-notify fault.
 */
declare(strict_types=1);

require __DIR__ . '/harness.php';

use AlipayNotify\Ledger;

/** The ```php block after `<!-- sample: NAME -->` in php/README.md, with this checkout's path. */
function sample(string $name): string
{
    $readme = file_get_contents(repo_root() . '/php/README.md');
    if (!preg_match('/<!-- sample: ' . preg_quote($name, '/') . ' -->\n```php\n(.*?)```/s', $readme, $m)) {
        throw new RuntimeException("no sample $name in php/README.md");
    }
    return str_replace('/path/to/alipay-notify', repo_root(), $m[1]);
}

function php_command(): array
{
    return [PHP_BINARY, ...array_values(array_filter(explode("\n", (string)getenv('LEDGER_PHP_ARGS'))))];
}

/** A shop directory: its SQLite database with the ledger and orders (number => [fen, status]). */
function shop(string $name, array $orders): array
{
    $dir = sys_get_temp_dir() . "/alipay-notify-readme-$name-" . getmypid();
    @mkdir($dir, 0700, true);
    $dsn = "sqlite:$dir/shop.db";
    $pdo = new PDO($dsn);
    (new Ledger($pdo))->createTable();
    $pdo->exec('CREATE TABLE orders (out_trade_no TEXT PRIMARY KEY, total_fen INTEGER NOT NULL, status TEXT NOT NULL)');
    foreach ($orders as $no => [$fen, $status]) {
        $pdo->prepare('INSERT INTO orders VALUES (?, ?, ?)')->execute([$no, $fen, $status]);
    }
    return [$dir, $dsn, $pdo];
}

echo "-- ledger-notify-url\n";
[$dir, $dsn, $pdo] = shop('notify', ['T1001' => [8800, 'unpaid']]);
file_put_contents("$dir/notify_url.php", sample('ledger-notify-url'));
file_put_contents("$dir/alipay_public_key.txt", vector_keys('sign.json')['alipay_a_public_pem']);
$server = stream_socket_server('tcp://127.0.0.1:0');
$address = stream_socket_get_name($server, false);
fclose($server);
$process = proc_open([...php_command(), '-S', $address, '-t', $dir], [0 => ['file', '/dev/null', 'r'],
    1 => ['file', "$dir/server.log", 'a'], 2 => ['file', "$dir/server.log", 'a']], $pipes, $dir,
    ['SHOP_DSN' => $dsn, 'PHP_CLI_SERVER_WORKERS' => '2', 'PATH' => getenv('PATH')]);
[$host, $port] = explode(':', $address);
for ($i = 0; $i < 200 && !@fsockopen($host, (int)$port); $i++) {
    usleep(50000);
}
$post = function (string $body) use ($address): string {
    $context = stream_context_create(['http' => ['method' => 'POST', 'content' => $body, 'ignore_errors' => true,
        'header' => "Content-Type: application/x-www-form-urlencoded; charset=utf-8\r\n", 'timeout' => 20]]);
    return (string)file_get_contents("http://$address/notify_url.php", false, $context);
};
// Another amount first: once the order is paid, a later message is a duplicate and its
// callback (with the amount check) does not run.
$replies = [$post(notify_body('T1001', ['total_amount' => '8.80'])), $post(notify_body('T1001')), $post(notify_body('T1001')),
    $post(str_replace('88.00', '0.01', notify_body('T1001')))];
proc_terminate($process);
proc_close($process);
check('another amount, the order twice, a forged body', ['fail', 'success', 'success', 'fail'], $replies);
check('paid once, every delivery recorded', ['paid', 4, 1], [scalar($pdo, "SELECT status FROM orders WHERE out_trade_no = 'T1001'"),
    (int)scalar($pdo, 'SELECT COUNT(*) FROM alipay_notify_ledger'), (int)scalar($pdo, 'SELECT COUNT(*) FROM alipay_notify_ledger WHERE changed_order = 1')]);
check('the wrong amount recorded by its name', 1, (int)scalar($pdo, "SELECT COUNT(*) FROM alipay_notify_ledger WHERE error_name = 'AMOUNT_MISMATCH'"));

echo "-- ledger-reconcile\n";
$gateway = getenv('SANDBOX_GATEWAY');
$base = substr($gateway, 0, -strlen('/gateway.do'));
$appKey = vector_keys('sign.json')['alipay_a_pkcs8_pem'];
[$dir, $dsn, $pdo] = shop('reconcile', ['README-1' => [8800, 'unpaid'], 'README-2' => [8800, 'unpaid']]);
checkout($gateway, $appKey, 'README-1');
checkout($gateway, $appKey, 'README-2');
http('POST', "$base/api/orders/README-1/pay", '{"drop_notify": true}');
file_put_contents("$dir/reconcile.php", sample('ledger-reconcile'));
file_put_contents("$dir/alipay_public_key.txt", http('GET', "$base/api/alipay-public-key"));
file_put_contents("$dir/app_private_key.pem", $appKey);
$run = function () use ($dir, $dsn, $gateway): string {
    $process = proc_open([...php_command(), 'reconcile.php'], [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, $dir,
        ['SHOP_DSN' => $dsn, 'ALIPAY_GATEWAY' => $gateway, 'PATH' => getenv('PATH')]);
    $output = stream_get_contents($pipes[1]) . stream_get_contents($pipes[2]);
    proc_close($process);
    return trim($output);
};
check('the cron run pays the dropped order', "README-1: paid now, by reconciliation\nREADME-2: not paid", $run());
check('the next run only asks about the unpaid one', 'README-2: not paid', $run());
check('a query row changed the order', 1, (int)scalar($pdo, "SELECT COUNT(*) FROM alipay_notify_ledger WHERE source = 'query' AND changed_order = 1"));
summary('readme');
