//! Ledger rows (docs/ledger.md §1) as the core builds them: plain objects with the table's
//! column names. The transition is the core's; nothing here recomputes it.

use crate::error::{Result, error};
use crate::input::raw;
use crate::notification::Notification;
use alipay_notify::{ErrorKind, LedgerEntry};
use napi::bindgen_prelude::Either;
use napi_derive::napi;

/// The object JavaScript gets: the row's columns, snake_case (it is a table row).
pub(crate) fn to_object(entry: &LedgerEntry) -> serde_json::Value {
    serde_json::to_value(entry).unwrap_or(serde_json::Value::Null)
}

#[napi]
impl Notification {
    /// The ledger row of this notification: `body` is the raw body (or query) it was verified
    /// from, for `body_sha256`. `received_at`, `raw_body`, `changed_order` and `reply` are the
    /// caller's to add.
    #[napi(
        catch_unwind,
        ts_args_type = "body: Buffer | Uint8Array | string",
        ts_return_type = "import('./ledger/index').LedgerEntry"
    )]
    pub fn ledger_entry(&self, body: Either<&[u8], String>) -> serde_json::Value {
        to_object(&LedgerEntry::for_notification(&self.inner, raw(&body)))
    }
}

/// The ledger row of a delivery that was refused: `errorName` is the error's stable name
/// (`err.code` of an AlipayNotifyError). Nothing of the unverified body is copied but its
/// SHA-256. `index.js` exposes it as `rejectedLedgerEntry(source, body, err)`.
#[napi(catch_unwind, ts_return_type = "import('./ledger/index').LedgerEntry")]
pub fn rejected_ledger_entry(
    #[napi(ts_arg_type = "'notify' | 'return' | 'query'")] source: String,
    #[napi(ts_arg_type = "Buffer | Uint8Array | string")] body: Either<&[u8], String>,
    error_name: String,
) -> Result<serde_json::Value> {
    if !matches!(source.as_str(), "notify" | "return" | "query") {
        return Err(error(
            ErrorKind::InvalidConfig,
            "rejectedLedgerEntry(): source must be 'notify', 'return' or 'query'",
        ));
    }
    let kind = ErrorKind::from_name(&error_name).ok_or_else(|| {
        error(
            ErrorKind::InvalidConfig,
            "rejectedLedgerEntry(): the error is not an AlipayNotifyError (its code names no error kind)",
        )
    })?;
    let err = alipay_notify::Error::new(kind, kind.summary());
    Ok(to_object(&LedgerEntry::rejected(&source, raw(&body), &err)))
}
