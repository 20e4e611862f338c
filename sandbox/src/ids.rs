//! Alipay-shaped identifiers: trade_no and notify_id. Unique per sandbox, not secret.

use crate::clock::{beijing, now_ms};
use std::sync::atomic::{AtomicU64, Ordering};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// A number that differs on every call and across restarts (the clock moves on).
fn unique() -> u64 {
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    (now_ms() as u64 % 10_000_000_000).wrapping_mul(1000) + n % 1000
}

fn date() -> String {
    beijing(now_ms())[..10].replace('-', "")
}

/// A 28-digit trade_no, `yyyyMMdd22001` and digits, as Alipay's look.
pub(crate) fn trade_no() -> String {
    format!("{}22001{:015}", date(), unique() % 1_000_000_000_000_000)
}

/// A 34-digit notify_id, the length Alipay's have.
pub(crate) fn notify_id() -> String {
    format!("{}0022{:022}", date(), unique())
}
