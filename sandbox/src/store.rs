//! The sandbox's state in SQLite: orders, the notifications to deliver (with their retry
//! schedule, so a restart resumes them), and every delivery attempt.

use crate::Error;
use rusqlite::{Connection, OptionalExtension, params};
use std::path::Path;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS orders (
    out_trade_no TEXT PRIMARY KEY,
    trade_no TEXT NOT NULL,
    app_id TEXT NOT NULL,
    method TEXT NOT NULL,
    subject TEXT NOT NULL,
    total_amount TEXT NOT NULL,
    notify_url TEXT NOT NULL,
    return_url TEXT NOT NULL,
    charset TEXT NOT NULL,
    sign_type TEXT NOT NULL,
    status TEXT NOT NULL,
    refund_amount TEXT NOT NULL DEFAULT '0.00',
    faults TEXT NOT NULL DEFAULT '{}',
    created_ms INTEGER NOT NULL,
    paid_ms INTEGER
);
CREATE TABLE IF NOT EXISTS notifies (
    id INTEGER PRIMARY KEY,
    out_trade_no TEXT NOT NULL,
    notify_id TEXT NOT NULL UNIQUE,
    notify_url TEXT NOT NULL,
    body TEXT NOT NULL,
    charset TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    next_due_ms INTEGER,
    verify_answered INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS deliveries (
    id INTEGER PRIMARY KEY,
    notify_row INTEGER NOT NULL REFERENCES notifies(id),
    out_trade_no TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    at_ms INTEGER NOT NULL,
    http_status INTEGER,
    reply TEXT NOT NULL,
    verdict TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS refunds (
    out_trade_no TEXT NOT NULL,
    out_request_no TEXT NOT NULL,
    refund_amount TEXT NOT NULL,
    at_ms INTEGER NOT NULL,
    PRIMARY KEY (out_trade_no, out_request_no)
);
CREATE INDEX IF NOT EXISTS deliveries_by_order ON deliveries(out_trade_no, id);
";

/// An order as the checkout page created it.
#[derive(Clone, Debug)]
pub(crate) struct Order {
    pub out_trade_no: String,
    pub trade_no: String,
    pub app_id: String,
    pub method: String,
    pub subject: String,
    pub total_amount: String,
    pub notify_url: String,
    pub return_url: String,
    pub charset: String,
    pub sign_type: String,
    pub status: String,
    pub refund_amount: String,
    pub faults: String,
    pub created_ms: i64,
    pub paid_ms: Option<i64>,
}

impl Order {
    /// Whether the order was paid with the drop_notify fault (its stored faults JSON).
    pub fn drops_notifications(&self) -> bool {
        serde_json::from_str::<crate::Faults>(&self.faults).is_ok_and(|f| f.drop_notify)
    }
}

/// A notification to deliver, and where its retries stand.
#[derive(Clone, Debug)]
pub(crate) struct Notify {
    pub id: i64,
    pub out_trade_no: String,
    pub notify_url: String,
    pub body: String,
    pub charset: String,
    pub attempts: u32,
    pub duplicates: u32,
    /// When the next attempt is due; `None` once acknowledged or given up.
    pub next_due_ms: Option<i64>,
}

/// A notification to queue.
pub(crate) struct NewNotify<'a> {
    pub out_trade_no: &'a str,
    pub notify_id: &'a str,
    pub notify_url: &'a str,
    /// The signed form, exactly as POSTed on every try.
    pub body: &'a str,
    pub charset: &'a str,
    /// How many more times to deliver it after it is acknowledged (the duplicate fault).
    pub duplicates: u32,
    /// When the first try is due (Unix milliseconds).
    pub due_ms: i64,
}

/// One delivery attempt and what the merchant answered.
#[derive(Clone, Debug)]
pub(crate) struct Delivery {
    pub attempt: u32,
    pub at_ms: i64,
    pub http_status: Option<u16>,
    pub reply: String,
    pub verdict: String,
    /// Which notification this attempt delivered (a payment's, a refund's); empty until stored.
    pub notify_id: String,
}

pub(crate) struct Store {
    db: Connection,
}

fn db_error(e: rusqlite::Error) -> Error {
    Error(format!("the sandbox database failed: {e}"))
}

const ORDER_COLUMNS: &str = "out_trade_no, trade_no, app_id, method, subject, total_amount, \
    notify_url, return_url, charset, sign_type, status, refund_amount, faults, created_ms, paid_ms";

fn order_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Order> {
    Ok(Order {
        out_trade_no: row.get(0)?,
        trade_no: row.get(1)?,
        app_id: row.get(2)?,
        method: row.get(3)?,
        subject: row.get(4)?,
        total_amount: row.get(5)?,
        notify_url: row.get(6)?,
        return_url: row.get(7)?,
        charset: row.get(8)?,
        sign_type: row.get(9)?,
        status: row.get(10)?,
        refund_amount: row.get(11)?,
        faults: row.get(12)?,
        created_ms: row.get(13)?,
        paid_ms: row.get(14)?,
    })
}

const NOTIFY_COLUMNS: &str =
    "id, out_trade_no, notify_url, body, charset, attempts, duplicates, next_due_ms";

fn notify_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Notify> {
    Ok(Notify {
        id: row.get(0)?,
        out_trade_no: row.get(1)?,
        notify_url: row.get(2)?,
        body: row.get(3)?,
        charset: row.get(4)?,
        attempts: row.get(5)?,
        duplicates: row.get(6)?,
        next_due_ms: row.get(7)?,
    })
}

impl Store {
    pub fn open(path: &Path) -> Result<Store, Error> {
        let db = Connection::open(path).map_err(|e| {
            Error(format!(
                "cannot open the sandbox database {}: {e}",
                path.display()
            ))
        })?;
        db.execute_batch(SCHEMA).map_err(db_error)?;
        Ok(Store { db })
    }

    /// Creates the order, or replaces an unpaid one with the same out_trade_no (a shop that
    /// sends the buyer to the checkout again). A paid order is left as it is.
    pub fn upsert_unpaid_order(&self, order: &Order) -> Result<Order, Error> {
        self.db
            .execute(
                "INSERT INTO orders (out_trade_no, trade_no, app_id, method, subject, total_amount,
                     notify_url, return_url, charset, sign_type, status, refund_amount, faults,
                     created_ms, paid_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
                 ON CONFLICT(out_trade_no) DO UPDATE SET
                     app_id = excluded.app_id, method = excluded.method,
                     subject = excluded.subject, total_amount = excluded.total_amount,
                     notify_url = excluded.notify_url, return_url = excluded.return_url,
                     charset = excluded.charset, sign_type = excluded.sign_type,
                     status = excluded.status
                 WHERE orders.status IN ('WAIT_BUYER_PAY', 'TRADE_CLOSED') AND orders.paid_ms IS NULL",
                params![
                    order.out_trade_no,
                    order.trade_no,
                    order.app_id,
                    order.method,
                    order.subject,
                    order.total_amount,
                    order.notify_url,
                    order.return_url,
                    order.charset,
                    order.sign_type,
                    order.status,
                    order.refund_amount,
                    order.faults,
                    order.created_ms,
                    order.paid_ms,
                ],
            )
            .map_err(db_error)?;
        self.order(&order.out_trade_no)?
            .ok_or_else(|| Error("the order vanished".into()))
    }

    pub fn order(&self, out_trade_no: &str) -> Result<Option<Order>, Error> {
        self.db
            .query_row(
                &format!("SELECT {ORDER_COLUMNS} FROM orders WHERE out_trade_no = ?1"),
                [out_trade_no],
                order_from_row,
            )
            .optional()
            .map_err(db_error)
    }

    /// The order with `out_trade_no`, or else the one with `trade_no`, as Alipay's query and
    /// refund take either.
    pub fn find_order(
        &self,
        out_trade_no: Option<&str>,
        trade_no: Option<&str>,
    ) -> Result<Option<Order>, Error> {
        match (out_trade_no, trade_no) {
            (Some(no), _) => self.order(no),
            (None, Some(no)) => self.order_by_trade_no(no),
            (None, None) => Ok(None),
        }
    }

    pub fn order_by_trade_no(&self, trade_no: &str) -> Result<Option<Order>, Error> {
        self.db
            .query_row(
                &format!("SELECT {ORDER_COLUMNS} FROM orders WHERE trade_no = ?1"),
                [trade_no],
                order_from_row,
            )
            .optional()
            .map_err(db_error)
    }

    /// Every order, newest first.
    pub fn orders(&self) -> Result<Vec<Order>, Error> {
        let mut statement = self
            .db
            .prepare(&format!(
                "SELECT {ORDER_COLUMNS} FROM orders ORDER BY created_ms DESC, out_trade_no"
            ))
            .map_err(db_error)?;
        let rows = statement.query_map([], order_from_row).map_err(db_error)?;
        rows.collect::<rusqlite::Result<_>>().map_err(db_error)
    }

    /// Marks a waiting order paid; false when it was not waiting (paid or closed already).
    pub fn mark_paid(&self, out_trade_no: &str, faults: &str, at_ms: i64) -> Result<bool, Error> {
        let changed = self
            .db
            .execute(
                "UPDATE orders SET status = 'TRADE_SUCCESS', paid_ms = ?2, faults = ?3
                 WHERE out_trade_no = ?1 AND status = 'WAIT_BUYER_PAY'",
                params![out_trade_no, at_ms, faults],
            )
            .map_err(db_error)?;
        Ok(changed == 1)
    }

    pub fn set_status(&self, out_trade_no: &str, status: &str) -> Result<(), Error> {
        self.db
            .execute(
                "UPDATE orders SET status = ?2 WHERE out_trade_no = ?1",
                params![out_trade_no, status],
            )
            .map_err(db_error)?;
        Ok(())
    }

    /// Records a refund of `amount` (already checked against what is left) and the order's
    /// new refunded total and status, in one transaction. False, and nothing changed, when
    /// this out_request_no was already refunded: Alipay's refund is idempotent on it.
    pub fn add_refund(
        &mut self,
        out_trade_no: &str,
        out_request_no: &str,
        amount: &str,
        total_refunded: &str,
        status: &str,
        at_ms: i64,
    ) -> Result<bool, Error> {
        let tx = self.db.transaction().map_err(db_error)?;
        let inserted = tx
            .execute(
                "INSERT OR IGNORE INTO refunds (out_trade_no, out_request_no, refund_amount, at_ms)
                 VALUES (?1, ?2, ?3, ?4)",
                params![out_trade_no, out_request_no, amount, at_ms],
            )
            .map_err(db_error)?;
        if inserted == 1 {
            tx.execute(
                "UPDATE orders SET refund_amount = ?2, status = ?3 WHERE out_trade_no = ?1",
                params![out_trade_no, total_refunded, status],
            )
            .map_err(db_error)?;
        }
        tx.commit().map_err(db_error)?;
        Ok(inserted == 1)
    }

    /// Queues a notification; returns its row id.
    pub fn add_notify(&self, notify: &NewNotify<'_>) -> Result<i64, Error> {
        self.db
            .execute(
                "INSERT INTO notifies (out_trade_no, notify_id, notify_url, body, charset,
                     duplicates, next_due_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    notify.out_trade_no,
                    notify.notify_id,
                    notify.notify_url,
                    notify.body,
                    notify.charset,
                    notify.duplicates,
                    notify.due_ms
                ],
            )
            .map_err(db_error)?;
        Ok(self.db.last_insert_rowid())
    }

    pub fn notify(&self, id: i64) -> Result<Option<Notify>, Error> {
        self.db
            .query_row(
                &format!("SELECT {NOTIFY_COLUMNS} FROM notifies WHERE id = ?1"),
                [id],
                notify_from_row,
            )
            .optional()
            .map_err(db_error)
    }

    /// The notifications with an attempt still due.
    pub fn pending_notifies(&self) -> Result<Vec<i64>, Error> {
        let mut statement = self
            .db
            .prepare("SELECT id FROM notifies WHERE next_due_ms IS NOT NULL ORDER BY id")
            .map_err(db_error)?;
        let rows = statement
            .query_map([], |row| row.get(0))
            .map_err(db_error)?;
        rows.collect::<rusqlite::Result<_>>().map_err(db_error)
    }

    /// Records one attempt and what comes next, in one transaction.
    pub fn record_attempt(
        &mut self,
        notify: &Notify,
        delivery: &Delivery,
        next_due_ms: Option<i64>,
        duplicates: u32,
    ) -> Result<(), Error> {
        let tx = self.db.transaction().map_err(db_error)?;
        tx.execute(
            "INSERT INTO deliveries (notify_row, out_trade_no, attempt, at_ms, http_status, reply,
                 verdict)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                notify.id,
                notify.out_trade_no,
                delivery.attempt,
                delivery.at_ms,
                delivery.http_status,
                delivery.reply,
                delivery.verdict
            ],
        )
        .map_err(db_error)?;
        tx.execute(
            "UPDATE notifies SET attempts = ?2, next_due_ms = ?3, duplicates = ?4 WHERE id = ?1",
            params![notify.id, delivery.attempt, next_due_ms, duplicates],
        )
        .map_err(db_error)?;
        tx.commit().map_err(db_error)
    }

    /// Every delivery attempt for an order, oldest first.
    pub fn deliveries(&self, out_trade_no: &str) -> Result<Vec<Delivery>, Error> {
        let mut statement = self
            .db
            .prepare(
                "SELECT d.attempt, d.at_ms, d.http_status, d.reply, d.verdict, n.notify_id
                 FROM deliveries d JOIN notifies n ON n.id = d.notify_row
                 WHERE d.out_trade_no = ?1 ORDER BY d.id",
            )
            .map_err(db_error)?;
        let rows = statement
            .query_map([out_trade_no], |row| {
                Ok(Delivery {
                    attempt: row.get(0)?,
                    at_ms: row.get(1)?,
                    http_status: row.get(2)?,
                    reply: row.get(3)?,
                    verdict: row.get(4)?,
                    notify_id: row.get(5)?,
                })
            })
            .map_err(db_error)?;
        rows.collect::<rusqlite::Result<_>>().map_err(db_error)
    }

    /// The legacy `notify_verify` answer: true the first time a sent notify_id is asked about,
    /// false afterwards and for ids the sandbox never sent.
    pub fn answer_notify_verify(&self, notify_id: &str) -> Result<bool, Error> {
        let changed = self
            .db
            .execute(
                "UPDATE notifies SET verify_answered = 1
                 WHERE notify_id = ?1 AND verify_answered = 0 AND attempts > 0",
                [notify_id],
            )
            .map_err(db_error)?;
        Ok(changed == 1)
    }
}
