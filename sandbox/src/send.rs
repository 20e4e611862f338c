//! One notification sent the way the sandbox sends them, without a sandbox: for
//! `alipay-notify simulate notify --notify-url`, scripts and CI.

use crate::Error;
use crate::clock::rfc3339;
use crate::delivery::{MAX_ATTEMPTS, http_client, next_due, post_once};
use crate::verdict::Verdict;
use std::time::Duration;

/// One delivery attempt, as reported while sending.
#[derive(Clone, Debug)]
pub struct Attempt {
    /// 1 for the first try.
    pub attempt: u32,
    /// When it was sent (RFC 3339, UTC).
    pub at: String,
    /// The HTTP status; `None` when no HTTP answer came.
    pub http_status: Option<u16>,
    /// The reply (at most 512 bytes), or why there was none.
    pub reply: String,
    /// What Alipay makes of it.
    pub verdict: Verdict,
}

/// POSTs the signed form `body` (in `charset`) to `notify_url` until the reply is exactly
/// `success`, on Alipay's schedule divided by `time_scale`, at most [`MAX_ATTEMPTS`] tries;
/// `report` sees each attempt. Returns the last verdict.
pub fn send_notify_blocking(
    notify_url: &str,
    body: &str,
    charset: &str,
    time_scale: f64,
    mut report: impl FnMut(&Attempt),
) -> Result<Verdict, Error> {
    if !(time_scale.is_finite() && time_scale > 0.0) {
        return Err(Error("--time-scale must be a number above 0".into()));
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error(format!("cannot start the async runtime: {e}")))?;
    runtime.block_on(async {
        let client = http_client()?;
        let mut attempt = 1;
        loop {
            let (delivery, verdict) = post_once(&client, notify_url, body, charset).await;
            report(&Attempt {
                attempt,
                at: rfc3339(delivery.at_ms),
                http_status: delivery.http_status,
                reply: delivery.reply,
                verdict,
            });
            let next = next_due(attempt, delivery.at_ms, time_scale);
            match next {
                Some(due) if verdict != Verdict::Acknowledged && attempt < MAX_ATTEMPTS => {
                    let wait = (due - crate::clock::now_ms()).max(0) as u64;
                    tokio::time::sleep(Duration::from_millis(wait)).await;
                    attempt += 1;
                }
                _ => return Ok(verdict),
            }
        }
    })
}
