--TEST--
Psr7::handle(): a PSR-7 request through NotifyRequest and the Ledger (SQLite): applied once, duplicates and a forged copy recorded, exactly success/fail; a consumed body is thrown, not answered
--FILE--
<?php
require __DIR__ . '/frameworks.inc';

use AlipayNotify\{Ledger, Notification, Psr7};
use GuzzleHttp\Psr7\{HttpFactory, NoSeekStream, ServerRequest, Utils};

$dir = an_temp_dir('psr7-handle');
$pdo = new PDO("sqlite:$dir/shop.sqlite");
$ledger = new Ledger($pdo);
$ledger->createTable();
$pdo->exec("CREATE TABLE orders (out_trade_no TEXT PRIMARY KEY, total_amount TEXT, status TEXT)");
$pdo->exec("INSERT INTO orders VALUES ('T1001', '88.00', 'unpaid')");
$pdo->exec("CREATE TABLE calls (transition TEXT)");
$apply = function (Notification $n, ?PDO $pdo, array $entry): void {
    $n->checkOrder('T1001', '88.00');
    $pdo->prepare("UPDATE orders SET status = 'paid' WHERE out_trade_no = ? AND status = 'unpaid'")->execute([$n->outTradeNo()]);
    $pdo->prepare('INSERT INTO calls VALUES (?)')->execute([$entry['transition']]);
};
$request = fn (string $body) => new ServerRequest('POST', '/alipay/notify',
    ['Content-Type' => 'application/x-www-form-urlencoded; charset=GBK', 'Content-Length' => (string) strlen($body)], $body);
$gbk = fw_notification(['charset' => 'GBK']);
$factory = new HttpFactory();

$answers = [];
foreach (['first' => $gbk, 'retry' => $gbk, 'forged' => str_replace('total_amount=88.00', 'total_amount=0.01', $gbk)] as $name => $body) {
    $answers[] = "$name: " . Psr7::handle($request($body), $factory, fw_verifier(), $apply, $ledger)->getBody();
}
// A body-parsing middleware read it first: rewound, a duplicate.
$read = $request($gbk);
$read->getBody()->getContents();
$answers[] = 'read by a middleware: ' . Psr7::handle($read, $factory, fw_verifier(), $apply, $ledger)->getBody();
echo implode('; ', $answers), "\n";
echo 'callback runs: ', implode(' ', $pdo->query('SELECT transition FROM calls')->fetchAll(PDO::FETCH_COLUMN)), "\n";
echo 'order: ', $pdo->query("SELECT status FROM orders")->fetchColumn(), "\n";
foreach ($pdo->query('SELECT verdict, error_name, transition, changed_order, reply FROM alipay_notify_ledger ORDER BY id')->fetchAll(PDO::FETCH_NUM) as $row) {
    echo '  ledger: ', implode(' ', array_map(fn ($v) => $v ?? '-', $row)), "\n";
}

// Not rewindable and read already: thrown before anything is verified or recorded.
$consumed = $request($gbk)->withBody(new NoSeekStream(Utils::streamFor($gbk)));
$consumed->getBody()->read(10);
echo 'consumed: ', fw_outcome(fn () => Psr7::handle($consumed, $factory, fw_verifier(), $apply, $ledger)), ', ledger rows: ',
    $pdo->query('SELECT count(*) FROM alipay_notify_ledger')->fetchColumn(), "\n";
?>
--EXPECT--
first: success; retry: success; forged: fail; read by a middleware: success
callback runs: PAID
order: paid
  ledger: verified - PAID 1 success
  ledger: verified - - 0 success
  ledger: rejected INVALID_SIGNATURE - 0 fail
  ledger: verified - - 0 success
consumed: ConfigException INVALID_CONFIG, ledger rows: 4
