<?php
/* What every page needs: the settings, the database and HTML escaping. */

declare(strict_types=1);

// The library's PHP classes (Ledger, NotifyRequest, Reconcile) from this checkout; in your
// shop, from wherever you keep php/lib (or Composer's PSR-4 autoloader).
require_once dirname(__DIR__, 3) . '/php/lib/AlipayNotify/autoload.php';
require_once __DIR__ . '/orders.php';
require_once __DIR__ . '/alipay.php';
require_once __DIR__ . '/layout.php';

function shop_config(): array
{
    static $config = null;
    return $config ??= require dirname(__DIR__) . '/config.php';
}

/*
 * The shop's database: PostgreSQL when DATABASE_URL is set (several web servers share it),
 * else the SQLite file SHOP_DB (one machine). Its tables are created on first use.
 */
function shop_db(): PDO
{
    static $db = null;
    if ($db !== null) {
        return $db;
    }
    $config = shop_config();
    $db = $config['database_url'] !== '' ? shop_pgsql($config['database_url']) : shop_sqlite($config['database']);
    create_shop_tables($db);
    return $db;
}

/*
 * The notification ledger (docs/ledger.md) in the shop's own database: the callback that
 * marks an order paid runs in the ledger's transaction, on this same connection.
 */
function shop_ledger(): AlipayNotify\Ledger
{
    // SQLite: a writer waits up to 10 s for another (Alipay's duplicates arrive together).
    return new AlipayNotify\Ledger(shop_db(), ['busy_timeout' => 10]);
}

function shop_sqlite(string $path): PDO
{
    $db = new PDO("sqlite:$path", null, null, [
        PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
        PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC,
        // Alipay may deliver the same notification twice at once: the second writer waits
        // for the first instead of failing with "database is locked".
        PDO::ATTR_TIMEOUT => 10,
    ]);
    $db->exec('PRAGMA journal_mode = WAL');
    return $db;
}

/* postgresql://user:password@host:port/database, as libpq and every other language take it. */
function shop_pgsql(string $url): PDO
{
    $parts = parse_url($url);
    if ($parts === false || !in_array($parts['scheme'] ?? '', ['postgres', 'postgresql'], true)) {
        throw new RuntimeException('DATABASE_URL is not a postgresql:// URL');
    }
    $dsn = sprintf('pgsql:host=%s;port=%d;dbname=%s', $parts['host'] ?? '127.0.0.1', $parts['port'] ?? 5432,
        rawurldecode(ltrim($parts['path'] ?? '', '/')));
    return new PDO($dsn, rawurldecode($parts['user'] ?? ''), rawurldecode($parts['pass'] ?? ''), [
        PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
        PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC,
    ]);
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
