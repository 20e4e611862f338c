<?php
declare(strict_types=1);

namespace AlipayNotify;

use PDO;
use Throwable;

/**
 * The notification ledger (docs/ledger.md) in the merchant's own database, through PDO:
 * SQLite for one machine, PostgreSQL or MySQL for many servers. applyOnce() records every
 * delivery and runs the merchant's "mark paid" (refunded, closed) callback at most once per
 * (app_id, out_trade_no, transition), inside the transaction, on this PDO connection: the
 * database's unique constraint decides, never an in-process cache, so it holds across php-fpm
 * children and servers.
 *
 * Options: keep_raw_body (false: the body holds buyer data; true keeps its exact bytes),
 * busy_timeout (SQLite, seconds a writer waits for another; 5).
 */
final class Ledger
{
    public const TABLE = 'alipay_notify_ledger';

    /** The entry's columns, in the order rows are inserted. */
    private const COLUMNS = [
        'source', 'app_id', 'notify_id', 'notify_type', 'out_trade_no', 'trade_no', 'out_biz_no',
        'trade_status', 'total_amount_fen', 'receipt_amount_fen', 'buyer_pay_amount_fen', 'refund_fee_fen',
        'verdict', 'error_name', 'rule', 'sign_type', 'key_fingerprint', 'body_sha256', 'transition',
    ];

    private const AMOUNTS = ['total_amount_fen', 'receipt_amount_fen', 'buyer_pay_amount_fen', 'refund_fee_fen'];

    /** How many times a delivery runs when the database asks for a retry (a deadlock). */
    private const ATTEMPTS = 5;
    /** Microseconds: before attempt n+1 a delivery waits a random time below RETRY_PAUSE_US << n. */
    private const RETRY_PAUSE_US = 10000;

    private readonly string $driver;
    private readonly bool $keepRawBody;

    /** @param array{keep_raw_body?: bool, busy_timeout?: int|float} $options */
    public function __construct(private readonly PDO $pdo, array $options = [])
    {
        $unknown = array_diff(array_keys($options), ['keep_raw_body', 'busy_timeout']);
        if ($unknown !== []) {
            throw Exception::fromCode(302, 'unknown Ledger option ' . json_encode(array_values($unknown)));
        }
        $this->driver = $pdo->getAttribute(PDO::ATTR_DRIVER_NAME);
        if (!isset(LedgerSchema::DDL[$this->driver])) {
            throw Exception::fromCode(302, "the Ledger supports PDO's sqlite, pgsql and mysql drivers, not {$this->driver}");
        }
        $this->keepRawBody = (bool)($options['keep_raw_body'] ?? false);
        // Whatever the caller set: a failed statement must abort the delivery, never pass silently.
        $pdo->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION);
        if ($this->driver === 'sqlite') {
            $timeout = (int)round(1000 * (float)($options['busy_timeout'] ?? 5));
            $pdo->exec("PRAGMA busy_timeout = $timeout");
            // WAL lets readers go on while one writer holds the lock (a file database only).
            $pdo->query('PRAGMA journal_mode = WAL')->closeCursor();
        }
    }

    public function pdo(): PDO
    {
        return $this->pdo;
    }

    /** Creates the table and its indexes (docs/ledger.md §1) unless the table exists. */
    public function createTable(): void
    {
        if ($this->tableExists()) {
            return;
        }
        try {
            foreach (LedgerSchema::DDL[$this->driver] as $statement) {
                $this->pdo->exec($statement);
            }
        } catch (\PDOException $e) {
            // Two first requests at once: the other one created it between the check and here
            // (it also creates the indexes).
            if (!$this->tableExists()) {
                throw $e;
            }
        }
    }

    private function tableExists(): bool
    {
        $sql = match ($this->driver) {
            'sqlite' => "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
            'pgsql' => 'SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?',
            'mysql' => 'SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?',
        };
        $statement = $this->pdo->prepare($sql);
        $statement->execute([self::TABLE]);
        return $statement->fetchColumn() !== false;
    }

    /**
     * Records one delivery and applies its transition at most once (docs/ledger.md §2).
     *
     * $message is a Verifier (then $body is verified as a notify_url body here; a refused one
     * is recorded as rejected and answered "fail"), a verified Notification ($body: the raw
     * body it came from) or a TradeResult ($body: the response body; source "query").
     * $apply(Notification|TradeResult $message, PDO $pdo, array $entry) runs only for the
     * delivery that owns the transition, inside the transaction: make the order change there,
     * on $pdo, as a conditional update (UPDATE orders SET status = 'paid' WHERE ... AND status
     * = 'unpaid'), and throw to refuse (a wrong amount: checkOrderFen()). $entry['transition']
     * says what to do: "PAID", "CLOSED" or "REFUND:<no>".
     *
     * Never throws for the delivery's sake: a failure is rolled back, recorded with its name,
     * and answered "fail". A database that cannot even record it throws.
     */
    public function applyOnce(Verifier|Notification|TradeResult $message, string $body, callable $apply): LedgerOutcome
    {
        if ($message instanceof Verifier) {
            try {
                $message = $message->verifyNotify($body);
            } catch (Exception $e) {
                return $this->record(rejected_ledger_entry('notify', $body, $e), $body, FAIL, $e->getErrorName());
            }
        }
        $entry = $message instanceof TradeResult ? $message->ledgerEntry() : $message->ledgerEntry($body);
        $transition = $entry['transition'];
        if ($transition === null) {
            return $this->record($entry, $body, SUCCESS);
        }
        for ($attempt = 1;; $attempt++) {
            try {
                return $this->applyInTransaction($message, $entry, $body, $apply);
            } catch (Throwable $e) {
                // A deadlock or serialization failure rolled everything back: run the delivery
                // again, as Alipay's retry would, rather than answer fail.
                if ($attempt < self::ATTEMPTS && self::isTransient($e)) {
                    // Apart in time, or the same transactions meet again the same way.
                    usleep(random_int(0, self::RETRY_PAUSE_US << $attempt));
                    continue;
                }
                // The row keeps the name only: the message is the merchant's, for the merchant's log.
                error_log('alipay notify: ' . $transition . ' of ' . ($entry['out_trade_no'] ?? '?')
                    . ' failed, answering fail: ' . get_class($e) . ': ' . $e->getMessage());
                $failed = ['transition' => null, 'error_name' => self::failureName($e)] + $entry;
                return $this->record($failed, $body, FAIL, $failed['error_name']);
            }
        }
    }

    /** Steps 2 to 6 of docs/ledger.md §2; rolls back and rethrows on any failure. */
    private function applyInTransaction(Notification|TradeResult $message, array $entry, string $body, callable $apply): LedgerOutcome
    {
        $isQuery = $entry['source'] === 'query';
        $this->begin();
        try {
            $id = $this->insertOwned($entry, $body);
            $owned = $id !== null;
            if ($owned) {
                // A refund before its payment (out of order): PAID first, in this transaction,
                // on a row of its own (docs/ledger.md §3), unless it is in the ledger already.
                if (str_starts_with($entry['transition'], 'REFUND:')) {
                    $paid = ['transition' => 'PAID'] + $entry;
                    $paidId = $this->insertOwned($paid, $body);
                    if ($paidId !== null) {
                        $apply($message, $this->pdo, $paid);
                        $this->markApplied($paidId, $isQuery);
                    }
                }
                $apply($message, $this->pdo, $entry);
                $this->markApplied($id, $isQuery);
            } else {
                // Step 5. The claim wrote nothing but holds the key's lock; on InnoDB a next-key
                // lock whose gap is where this row goes, so duplicates that insert while holding
                // it deadlock on each other's gaps. End it first.
                $this->commit();
                $this->begin();
                $id = $this->insert(['transition' => null] + $entry, $body, $isQuery ? null : SUCCESS);
            }
            $this->commit();
        } catch (Throwable $e) {
            $this->rollBack();
            throw $e;
        }
        return new LedgerOutcome(SUCCESS, $owned, !$owned, $entry['transition'], $id);
    }

    private function markApplied(int $id, bool $isQuery): void
    {
        // A query is answered to nobody: its reply stays null.
        $reply = $isQuery ? 'NULL' : "'success'";
        $this->pdo->prepare('UPDATE ' . self::TABLE . " SET changed_order = TRUE, reply = $reply WHERE id = ?")
            ->execute([$id]);
    }

    /**
     * InnoDB deadlocks (1213) and PostgreSQL's serialization failures and deadlocks: the
     * database rolled the transaction back and asks for it to be run again. Concurrent
     * duplicates on InnoDB meet them: each waits on the owner's key lock, then they deadlock
     * with each other upgrading it.
     */
    private static function isTransient(Throwable $e): bool
    {
        return $e instanceof \PDOException && in_array($e->errorInfo[0] ?? $e->getCode(), ['40001', '40P01'], true);
    }

    /** A row that applies nothing, in a transaction of its own. */
    private function record(array $entry, string $body, string $reply, ?string $errorName = null): LedgerOutcome
    {
        $rowReply = $entry['source'] === 'query' ? null : $reply;
        $id = $this->insert(['transition' => null] + $entry, $body, $rowReply);
        return new LedgerOutcome($reply, false, false, null, $id, $errorName);
    }

    /**
     * Inserts the row with its transition and lets the unique constraint decide: its id when
     * this delivery owns the transition, null when another row has it. A concurrent owner's
     * uncommitted row makes this wait for its commit or rollback.
     */
    private function insertOwned(array $entry, string $body): ?int
    {
        [$sql, $values] = $this->insertSql($entry, $body, null);
        if ($this->driver === 'pgsql') {
            $sql .= ' ON CONFLICT (app_id, out_trade_no, transition) DO NOTHING RETURNING id';
            $id = $this->execute($sql, $values)->fetchColumn();
            return $id === false ? null : (int)$id;
        }
        if ($this->driver === 'mysql') {
            // Not INSERT IGNORE, which would also hide truncation and other errors. The
            // affected-row count alone is not enough: on a connection with
            // PDO::MYSQL_ATTR_FOUND_ROWS (CLIENT_FOUND_ROWS) a duplicate counts 1 too; its
            // insert id is 0, a new row's is its id.
            $owned = $this->execute($sql . ' ON DUPLICATE KEY UPDATE id = id', $values)->rowCount() === 1;
            $id = (int)$this->pdo->lastInsertId();
            return $owned && $id > 0 ? $id : null;
        }
        $owned = $this->execute($sql . ' ON CONFLICT DO NOTHING', $values)->rowCount() === 1;
        return $owned ? (int)$this->pdo->lastInsertId() : null;
    }

    /** Inserts a row that applies nothing and returns its id. */
    private function insert(array $entry, string $body, ?string $reply): int
    {
        [$sql, $values] = $this->insertSql($entry, $body, $reply);
        if ($this->driver === 'pgsql') {
            return (int)$this->execute($sql . ' RETURNING id', $values)->fetchColumn();
        }
        $this->execute($sql, $values);
        return (int)$this->pdo->lastInsertId();
    }

    /** @return array{string, list<array{mixed, int}>} */
    private function insertSql(array $entry, string $body, ?string $reply): array
    {
        $values = [[self::now($this->driver), PDO::PARAM_STR]];
        foreach (self::COLUMNS as $column) {
            $value = $entry[$column] ?? null;
            $type = match (true) {
                $value === null => PDO::PARAM_NULL,
                in_array($column, self::AMOUNTS, true) => PDO::PARAM_INT,
                default => PDO::PARAM_STR,
            };
            $values[] = [$value, $type];
        }
        $values[] = $this->keepRawBody ? [$body, PDO::PARAM_LOB] : [null, PDO::PARAM_NULL];
        $values[] = [$reply, $reply === null ? PDO::PARAM_NULL : PDO::PARAM_STR];
        // RULE is a reserved word in MySQL.
        $rule = $this->driver === 'mysql' ? '`rule`' : 'rule';
        $columns = array_map(fn($c) => $c === 'rule' ? $rule : $c, ['received_at', ...self::COLUMNS, 'raw_body', 'reply']);
        $sql = 'INSERT INTO ' . self::TABLE . ' (' . implode(', ', $columns) . ') VALUES ('
            . implode(', ', array_fill(0, count($columns), '?')) . ')';
        return [$sql, $values];
    }

    private function execute(string $sql, array $values): \PDOStatement
    {
        $statement = $this->pdo->prepare($sql);
        foreach ($values as $i => [$value, $type]) {
            $statement->bindValue($i + 1, $value, $type);
        }
        $statement->execute();
        return $statement;
    }

    // SQLite takes its write lock at BEGIN IMMEDIATE, so two deliveries queue at the start
    // instead of deadlocking when both upgrade a read lock; PDO's beginTransaction() is a
    // plain (deferred) BEGIN there.
    private function begin(): void
    {
        $this->driver === 'sqlite' ? $this->pdo->exec('BEGIN IMMEDIATE') : $this->pdo->beginTransaction();
    }

    private function commit(): void
    {
        $this->driver === 'sqlite' ? $this->pdo->exec('COMMIT') : $this->pdo->commit();
    }

    private function rollBack(): void
    {
        try {
            $this->driver === 'sqlite' ? $this->pdo->exec('ROLLBACK') : $this->pdo->rollBack();
        } catch (\PDOException) {
            // The server already ended it (a lost connection, SQLite's automatic rollback).
        }
    }

    /** When a row is written, as each column type takes UTC. */
    private static function now(string $driver): string
    {
        $now = new \DateTimeImmutable('now', new \DateTimeZone('UTC'));
        return $driver === 'mysql' ? $now->format('Y-m-d H:i:s.u') : $now->format('Y-m-d\TH:i:s.v\Z');
    }

    /** The stable name of a failure for error_name: the library's error name, else the class. */
    public static function failureName(Throwable $e): string
    {
        $name = $e instanceof Exception ? $e->getErrorName() : (new \ReflectionClass($e))->getShortName();
        return substr($name, 0, 64);
    }
}
