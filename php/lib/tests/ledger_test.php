<?php
/*
 * AlipayNotify\Ledger on one database (argv[1]: sqlite or pgsql): the table of docs/ledger.md,
 * apply-once, duplicates, WAIT_BUYER_PAY, refunds, rejected bodies, a callback that throws, a
 * process killed inside the transaction, keep_raw_body, a reconciliation answer, NotifyRequest.
 */
declare(strict_types=1);

require __DIR__ . '/harness.php';

use AlipayNotify\{ConfigException, Ledger, NotifyRequest, TradeRequest, Verifier};

$db = $argv[1] ?? 'sqlite';
$pdo = connect($db);
$ledger = reset_tables($pdo);
$verifier = notify_verifier();
$apply = mark_order();
$rows = fn (string $no) => (int)scalar($pdo, 'SELECT COUNT(*) FROM alipay_notify_ledger WHERE out_trade_no = ?', [$no]);
$applied = fn (string $no) => (int)scalar($pdo, 'SELECT COUNT(*) FROM applied WHERE out_trade_no = ?', [$no]);
$status = fn (string $no) => scalar($pdo, 'SELECT status FROM orders WHERE out_trade_no = ?', [$no]);

echo "-- $db: the table\n";
$ledger->createTable();
$meta = $pdo->query('SELECT * FROM alipay_notify_ledger WHERE 1 = 0');
$columns = array_map(fn ($i) => $meta->getColumnMeta($i)['name'], range(0, $meta->columnCount() - 1));
check('createTable() twice: the columns of docs/ledger.md', ['id', 'received_at', 'source', 'app_id', 'notify_id',
    'notify_type', 'out_trade_no', 'trade_no', 'out_biz_no', 'trade_status', 'total_amount_fen', 'receipt_amount_fen',
    'buyer_pay_amount_fen', 'refund_fee_fen', 'verdict', 'error_name', 'rule', 'sign_type', 'key_fingerprint',
    'body_sha256', 'raw_body', 'transition', 'changed_order', 'reply'], $columns);
// The DDL is a copy of the page's: the copy must not drift from it.
preg_match_all('/^### (SQLite|PostgreSQL|MySQL)[^\n]*\n\n```sql\n(.*?)```/ms', file_get_contents(repo_root() . '/docs/ledger.md'), $blocks, PREG_SET_ORDER);
$documented = [];
foreach ($blocks as [, $name, $sql]) {
    $documented[['SQLite' => 'sqlite', 'PostgreSQL' => 'pgsql', 'MySQL' => 'mysql'][$name]] =
        array_values(array_filter(array_map('trim', explode(';', $sql))));
}
check('LedgerSchema::DDL is the DDL of docs/ledger.md §1', $documented, array_map(fn ($statements) => array_map('trim', $statements), AlipayNotify\LedgerSchema::DDL));
$silent = connect($db);
$silent->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_SILENT);
new Ledger($silent);
check('the Ledger puts PDO in ERRMODE_EXCEPTION', PDO::ERRMODE_EXCEPTION, $silent->getAttribute(PDO::ATTR_ERRMODE));
try {
    new Ledger($silent, ['keep_raw_bodies' => true]);
    check('an unknown option is refused', 'ConfigException', 'nothing');
} catch (ConfigException $e) {
    check('an unknown option is refused', 'INVALID_CONFIG', $e->getErrorName());
}

echo "-- paid once, duplicates recorded\n";
add_order($pdo, 'T1');
$body = notify_body('T1');
$first = $ledger->applyOnce($verifier, $body, $apply);
check('first delivery: success, changed the order', ['success', true, false, 'PAID'],
    [$first->reply, $first->changedOrder, $first->duplicate, $first->transition]);
$again = $ledger->applyOnce($verifier, $body, $apply);
check('the same delivery again: success, a duplicate', ['success', false, true, 'PAID'],
    [$again->reply, $again->changedOrder, $again->duplicate, $again->transition]);
check('the callback ran once, the order is paid', [1, 'paid'], [$applied('T1'), $status('T1')]);
check('two rows, one with the transition and changed_order', [2, 1, 1], [$rows('T1'),
    (int)scalar($pdo, "SELECT COUNT(*) FROM alipay_notify_ledger WHERE out_trade_no = 'T1' AND transition = 'PAID'"),
    (int)scalar($pdo, "SELECT COUNT(*) FROM alipay_notify_ledger WHERE out_trade_no = 'T1' AND changed_order = TRUE")]);
$row = $pdo->query("SELECT * FROM alipay_notify_ledger WHERE id = {$first->id}")->fetch(PDO::FETCH_ASSOC);
check('the applying row', ['notify', '2021000000000000', 'n-T1', 'TRADE_SUCCESS', 8800, 'verified', 'v1', 'RSA2',
    hash('sha256', $body), 'PAID', 'success', null],
    [$row['source'], $row['app_id'], $row['notify_id'], $row['trade_status'], (int)$row['total_amount_fen'],
        $row['verdict'], $row['rule'], $row['sign_type'], $row['body_sha256'], $row['transition'], $row['reply'], $row['raw_body']]);
check('received_at is UTC', true, (bool)preg_match('/^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d/', (string)$row['received_at']));

if ($db === 'mysql') {
    // Django's MySQL backend and Node's mysql2 connect with CLIENT_FOUND_ROWS: a duplicate's
    // affected-row count is then 1, as a new row's.
    [$dsn, $user, $password] = connect_args('mysql');
    $found = new PDO($dsn, $user, $password, [PDO::MYSQL_ATTR_FOUND_ROWS => true]);
    add_order($found, 'M1');
    $foundLedger = new Ledger($found);
    $foundLedger->applyOnce($verifier, notify_body('M1'), $apply);
    $duplicate = $foundLedger->applyOnce($verifier, notify_body('M1'), $apply);
    check('MYSQL_ATTR_FOUND_ROWS: a duplicate is still a duplicate', [true, 1], [$duplicate->duplicate, $applied('M1')]);
}

echo "-- no transition, refunds, rejected\n";
add_order($pdo, 'W1');
$waiting = $ledger->applyOnce($verifier, notify_body('W1', ['trade_status' => 'WAIT_BUYER_PAY']), $apply);
check('WAIT_BUYER_PAY: recorded, answered success, nothing applied', ['success', false, null, 1, 0, 'unpaid'],
    [$waiting->reply, $waiting->changedOrder, $waiting->transition, $rows('W1'), $applied('W1'), $status('W1')]);
$refund = notify_body('T1', ['notify_id' => 'n-R1', 'refund_fee' => '10.00', 'out_biz_no' => 'R1']);
$outcome = $ledger->applyOnce($verifier, $refund, $apply);
$ledger->applyOnce($verifier, $refund, $apply);
check('a refund applies REFUND:R1 once', ['REFUND:R1', true, 2, 1000], [$outcome->transition, $outcome->changedOrder,
    $applied('T1'), (int)scalar($pdo, "SELECT refunded_fen FROM orders WHERE out_trade_no = 'T1'")]);
add_order($pdo, 'O1');
$early = $ledger->applyOnce($verifier, notify_body('O1', ['notify_id' => 'n-O1-R1', 'refund_fee' => '10.00', 'out_biz_no' => 'R1']), $apply);
$paidLater = $ledger->applyOnce($verifier, notify_body('O1'), $apply);
check('a refund before its payment applies PAID first, then the refund; the payment comes as a duplicate',
    [true, [['PAID'], ['REFUND:R1']], 'paid', true],
    [$early->changedOrder, $pdo->query("SELECT transition FROM applied WHERE out_trade_no = 'O1' ORDER BY transition")->fetchAll(PDO::FETCH_NUM),
        $status('O1'), $paidLater->duplicate]);
$forged = str_replace('88.00', '0.01', notify_body('F1'));
$rejected = $ledger->applyOnce($verifier, $forged, $apply);
$row = $pdo->query("SELECT * FROM alipay_notify_ledger WHERE id = {$rejected->id}")->fetch(PDO::FETCH_ASSOC);
check('a forged body: fail, recorded as rejected, nothing copied from it', ['fail', 'INVALID_SIGNATURE', 'rejected',
    'INVALID_SIGNATURE', 'fail', null, hash('sha256', $forged)], [$rejected->reply, $rejected->errorName, $row['verdict'],
    $row['error_name'], $row['reply'], $row['out_trade_no'], $row['body_sha256']]);

echo "-- the callback throws: fail, nothing applied, the retry applies once\n";
add_order($pdo, 'C1');
$crash = function ($message, PDO $pdo, array $entry) use ($apply): void {
    $apply($message, $pdo, $entry);
    throw new RuntimeException('the stock service is down');
};
$failed = @$ledger->applyOnce($verifier, notify_body('C1'), $crash);
check('the failing delivery: fail, its error name', ['fail', false, 'RuntimeException'],
    [$failed->reply, $failed->changedOrder, $failed->errorName]);
check('rolled back: nothing applied, no transition row, one failure row', [0, 'unpaid', 0, 1], [$applied('C1'), $status('C1'),
    (int)scalar($pdo, "SELECT COUNT(*) FROM alipay_notify_ledger WHERE out_trade_no = 'C1' AND transition IS NOT NULL"),
    (int)scalar($pdo, "SELECT COUNT(*) FROM alipay_notify_ledger WHERE out_trade_no = 'C1' AND reply = 'fail' AND error_name = 'RuntimeException'")]);
$retry = $ledger->applyOnce($verifier, notify_body('C1'), $apply);
check('the retry applies it once', ['success', true, 1, 'paid'], [$retry->reply, $retry->changedOrder, $applied('C1'), $status('C1')]);

echo "-- the process dies inside the transaction\n";
add_order($pdo, 'K1');
$child = proc_open([PHP_BINARY, ...php_args(), __DIR__ . '/crash_child.php', $db, 'K1'], [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$output = stream_get_contents($pipes[1]) . stream_get_contents($pipes[2]);
$exit = proc_close($child);
check('the child was killed inside the callback (SIGKILL)', [true, 'in the callback'], [$exit !== 0, trim($output)]);
$pdo = connect($db);
$ledger = new Ledger($pdo);
check('nothing of it stayed: no row, nothing applied', [0, 0, 'unpaid'], [$rows('K1'), $applied('K1'), $status('K1')]);
$retry = $ledger->applyOnce($verifier, notify_body('K1'), $apply);
check('the retry applies it once', ['success', true, 1, 'paid'], [$retry->reply, $retry->changedOrder, $applied('K1'), $status('K1')]);

echo "-- keep_raw_body\n";
$keeping = new Ledger($pdo, ['keep_raw_body' => true]);
$body = notify_body('B1', ['trade_status' => 'WAIT_BUYER_PAY', 'subject' => '测试 & 商品']);
$kept = $keeping->applyOnce($verifier, $body, $apply);
$raw = scalar($pdo, 'SELECT raw_body FROM alipay_notify_ledger WHERE id = ?', [$kept->id]);
check('the raw body, byte for byte', $body, is_resource($raw) ? stream_get_contents($raw) : $raw);

echo "-- a reconciliation answer, then the late notification\n";
$responses = json_decode(file_get_contents(repo_root() . '/tests/vectors/responses.json'), true);
$answer = array_column($responses['vectors'], null, 'id')['responses-trade-query']['input'];
$no = '20240102102028001';
add_order($pdo, $no);
$result = TradeRequest::query('2021000000000000', $no)
    ->verifyResponse(new Verifier(['alipay_public_key' => $responses['keys']['alipay_a']]), $answer);
$queried = $ledger->applyOnce($result, $answer, $apply);
$row = $pdo->query("SELECT * FROM alipay_notify_ledger WHERE id = {$queried->id}")->fetch(PDO::FETCH_ASSOC);
check('a paid answer applies PAID: a query row, reply null', ['success', true, 'query', 'alipay.trade.query', null, 'paid'],
    [$queried->reply, $queried->changedOrder, $row['source'], $row['notify_type'], $row['reply'], $status($no)]);
$late = $ledger->applyOnce($verifier, notify_body($no), $apply);
check('the notification that comes later is a duplicate', ['success', true, 1], [$late->reply, $late->duplicate, $applied($no)]);

echo "-- NotifyRequest\n";
add_order($pdo, 'N1');
ob_start();
$outcome = NotifyRequest::handle($verifier, $apply, $ledger, notify_body('N1'));
check('handle(): echoes exactly success after applying', ['success', true, 1], [ob_get_clean(), $outcome->changedOrder, $applied('N1')]);
ob_start();
@NotifyRequest::handle($verifier, $apply, $ledger, notify_body('N1') . 'x');
check('handle(): exactly fail for a forged body', 'fail', ob_get_clean());
$seen = [];
$outcome = NotifyRequest::process($verifier, function ($n, $pdo, $entry) use (&$seen) { $seen[] = [$pdo, $entry['transition']]; },
    null, notify_body('N2'));
check('process() without a ledger: the callback gets no PDO', ['success', [[null, 'PAID']]], [$outcome->reply, $seen]);

// Last: it drops the ledger table. A database that cannot even record the delivery is a
// "fail" (Alipay retries), not an uncaught exception and an HTTP 500.
$pdo->exec('DROP TABLE alipay_notify_ledger');
ob_start();
$outcome = @NotifyRequest::handle($verifier, $apply, $ledger, notify_body('N3'));
check('handle(): fail when the ledger cannot record', ['fail', 'fail', 'PDOException'], [ob_get_clean(), $outcome->reply, $outcome->errorName]);

summary("ledger-$db");

/** The php command line this test runs under, for the child (extensions as given). */
function php_args(): array
{
    return array_values(array_filter(explode("\n", (string)getenv('LEDGER_PHP_ARGS'))));
}
