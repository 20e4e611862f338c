<?php
/* What every page needs: the settings, the database and HTML escaping. */

declare(strict_types=1);

require_once __DIR__ . '/orders.php';
require_once __DIR__ . '/alipay.php';
require_once __DIR__ . '/layout.php';

function shop_config(): array
{
    static $config = null;
    return $config ??= require dirname(__DIR__) . '/config.php';
}

/* The SQLite database, its tables created on first use. */
function shop_db(): PDO
{
    static $db = null;
    if ($db !== null) {
        return $db;
    }
    $db = new PDO('sqlite:' . shop_config()['database'], null, null, [
        PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
        PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC,
        // Alipay may deliver the same notification twice at once: the second writer waits
        // for the first instead of failing with "database is locked".
        PDO::ATTR_TIMEOUT => 10,
    ]);
    $db->exec('PRAGMA journal_mode = WAL');
    $db->exec(<<<'SQL'
        CREATE TABLE IF NOT EXISTS orders (
            out_trade_no TEXT PRIMARY KEY,
            subject TEXT NOT NULL,
            total_amount TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending',
            trade_no TEXT,
            created_at TEXT NOT NULL,
            paid_at TEXT
        );
        CREATE TABLE IF NOT EXISTS deliveries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            out_trade_no TEXT,
            page TEXT NOT NULL,
            notify_id TEXT,
            outcome TEXT NOT NULL,
            error TEXT,
            received_at TEXT NOT NULL
        );
        SQL);
    return $db;
}

function h(?string $text): string
{
    return htmlspecialchars((string) $text, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8');
}

/* This shop's address as the buyer's browser and Alipay reach it. */
function shop_base_url(): string
{
    $base = shop_config()['base_url'];
    if ($base !== '') {
        return rtrim($base, '/');
    }
    $scheme = (!empty($_SERVER['HTTPS']) && $_SERVER['HTTPS'] !== 'off') ? 'https' : 'http';
    return $scheme . '://' . ($_SERVER['HTTP_HOST'] ?? '127.0.0.1');
}

function now_text(): string
{
    return (new DateTimeImmutable('now', new DateTimeZone('Asia/Shanghai')))->format('Y-m-d H:i:s');
}
