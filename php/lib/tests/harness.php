<?php
/*
 * The Ledger tests' shared part: checks that count, the database a test runs on (SQLite file, or
 * PostgreSQL from the PG* variables scripts/services.sh exports), the merchant's tables, and
 * notifications signed with the shared vectors' key.
 */
declare(strict_types=1);

require_once dirname(__DIR__) . '/AlipayNotify/autoload.php';

use AlipayNotify\{Ledger, Signer, Verifier};

$GLOBALS['checks_passed'] = 0;
$GLOBALS['checks_failed'] = 0;

function check(string $what, mixed $expected, mixed $actual): void
{
    if ($expected === $actual) {
        $GLOBALS['checks_passed']++;
        echo "ok   $what\n";
        return;
    }
    $GLOBALS['checks_failed']++;
    echo "FAIL $what\n     expected: " . var_export($expected, true) . "\n     got:      " . var_export($actual, true) . "\n";
}

/** Ends a test file with "<name>: N passed, M failed" and its exit status. */
function summary(string $name): never
{
    echo "$name: {$GLOBALS['checks_passed']} passed, {$GLOBALS['checks_failed']} failed\n";
    exit($GLOBALS['checks_failed'] === 0 && $GLOBALS['checks_passed'] > 0 ? 0 : 1);
}

function repo_root(): string
{
    return dirname(__DIR__, 3);
}

function vector_keys(string $file): array
{
    return json_decode(file_get_contents(repo_root() . "/tests/vectors/$file"), true, 512, JSON_THROW_ON_ERROR)['keys'];
}

/**
 * A new connection to the test database: $db is "sqlite" (the file $LEDGER_SQLITE), "pgsql"
 * (the PG* variables) or "mysql" (the MYSQL_* variables of scripts/test-php-ledger.sh).
 */
function connect(string $db): PDO
{
    return new PDO(...connect_args($db));
}

/** @return array{string, ?string, ?string} the DSN, user and password of connect(). */
function connect_args(string $db): array
{
    return match ($db) {
        'mysql' => [sprintf('mysql:host=127.0.0.1;port=%s;dbname=%s;charset=utf8mb4', getenv('MYSQL_PORT'),
            getenv('MYSQL_DATABASE')), getenv('MYSQL_USER'), getenv('MYSQL_PASSWORD')],
        'pgsql' => [sprintf('pgsql:host=%s;port=%s;dbname=%s', getenv('PGHOST'), getenv('PGPORT'), getenv('PGDATABASE')),
            getenv('PGUSER'), getenv('PGPASSWORD')],
        default => ['sqlite:' . getenv('LEDGER_SQLITE'), null, null],
    };
}

/** Empty ledger and merchant tables: orders, and applied (one row per callback run). */
function reset_tables(PDO $pdo): Ledger
{
    foreach (['alipay_notify_ledger', 'orders', 'applied'] as $table) {
        $pdo->exec("DROP TABLE IF EXISTS $table");
    }
    $ledger = new Ledger($pdo);
    $ledger->createTable();
    $pdo->exec('CREATE TABLE orders (out_trade_no VARCHAR(64) PRIMARY KEY, status VARCHAR(16) NOT NULL, refunded_fen BIGINT NOT NULL DEFAULT 0)');
    $pdo->exec('CREATE TABLE applied (out_trade_no VARCHAR(64), transition VARCHAR(80))');
    return $ledger;
}

function add_order(PDO $pdo, string $no): void
{
    $pdo->prepare("INSERT INTO orders (out_trade_no, status) VALUES (?, 'unpaid')")->execute([$no]);
}

/**
 * The merchant's callback: counts itself in the database, then changes the order with a
 * conditional update, as docs/ledger.md §2 step 4 says.
 */
function mark_order(): callable
{
    return function ($message, PDO $pdo, array $entry): void {
        $pdo->prepare('INSERT INTO applied (out_trade_no, transition) VALUES (?, ?)')
            ->execute([$entry['out_trade_no'], $entry['transition']]);
        if ($entry['transition'] === 'PAID') {
            $pdo->prepare("UPDATE orders SET status = 'paid' WHERE out_trade_no = ? AND status = 'unpaid'")
                ->execute([$entry['out_trade_no']]);
        } elseif (str_starts_with($entry['transition'], 'REFUND:')) {
            $pdo->prepare('UPDATE orders SET refunded_fen = ? WHERE out_trade_no = ?')
                ->execute([$entry['refund_fee_fen'], $entry['out_trade_no']]);
        }
    };
}

function scalar(PDO $pdo, string $sql, array $args = []): mixed
{
    $statement = $pdo->prepare($sql);
    $statement->execute($args);
    return $statement->fetchColumn();
}

function notify_verifier(): Verifier
{
    return new Verifier(['alipay_public_key' => vector_keys('sign.json')['alipay_a_public_pem'], 'app_id' => '2021000000000000']);
}

/** A notify body signed as Alipay signs it, for order $no. */
function notify_body(string $no, array $fields = []): string
{
    $signer = new Signer(vector_keys('sign.json')['alipay_a_pkcs8_pem']);
    return $signer->signedForm($fields + [
        'app_id' => '2021000000000000', 'notify_type' => 'trade_status_sync', 'notify_id' => "n-$no",
        'out_trade_no' => $no, 'trade_no' => "2024$no", 'total_amount' => '88.00', 'trade_status' => 'TRADE_SUCCESS',
    ]);
}

const APP_ID = '2021000000000000';

function http(string $method, string $url, ?string $json = null): string
{
    $context = stream_context_create(['http' => ['method' => $method, 'ignore_errors' => true, 'timeout' => 10,
        'header' => $json === null ? '' : "Content-Type: application/json\r\n", 'content' => $json ?? '']]);
    return (string)file_get_contents($url, false, $context);
}

/** `alipay-notify sandbox`'s checkout for order $no, as a shop sends the buyer there. */
function checkout(string $gateway, string $appKey, string $no): void
{
    $form = (new Signer($appKey, 'RSA2', 'v2'))->signedForm([
        'app_id' => APP_ID, 'method' => 'alipay.trade.page.pay', 'format' => 'JSON', 'charset' => 'utf-8',
        'sign_type' => 'RSA2', 'timestamp' => '2024-01-02 10:20:00', 'version' => '1.0',
        'notify_url' => 'http://127.0.0.1:9/alipay/notify', 'return_url' => 'http://127.0.0.1:9/alipay/return',
        'biz_content' => json_encode(['out_trade_no' => $no, 'total_amount' => '88.00', 'subject' => 'Test',
            'product_code' => 'FAST_INSTANT_TRADE_PAY']),
    ]);
    http('GET', "$gateway?$form");
}

