//! Delivering notifications to notify_url the way Alipay does: POST the signed form, and retry
//! until the reply is exactly `success`, at most 8 tries in about 25 hours.

use crate::App;
use crate::clock::now_ms;
use crate::store::{Delivery, Notify};
use crate::verdict::{Verdict, classify};
use std::sync::Arc;
use std::time::Duration;

/// The waits after each unacknowledged try (after the 1st, the 2nd, ...): 4m, 10m, 10m, 1h,
/// 2h, 6h, 15h, as Alipay documents. `--time-scale` divides each.
pub const SCHEDULE: [Duration; 7] = [
    Duration::from_secs(4 * 60),
    Duration::from_secs(10 * 60),
    Duration::from_secs(10 * 60),
    Duration::from_secs(3600),
    Duration::from_secs(2 * 3600),
    Duration::from_secs(6 * 3600),
    Duration::from_secs(15 * 3600),
];

/// The first try and one per interval of [`SCHEDULE`].
pub const MAX_ATTEMPTS: u32 = SCHEDULE.len() as u32 + 1;

/// The longest reply kept: enough to see an HTML error page's start.
const MAX_REPLY: usize = 512;

/// Starts delivering the notification in row `id`, from where its schedule stands.
pub(crate) fn spawn(app: &Arc<App>, id: i64) {
    let app = app.clone();
    tokio::spawn(async move { run(app, id).await });
}

/// Reschedules every delivery a previous run left pending.
pub(crate) fn resume(app: &Arc<App>) {
    let pending = app.store().pending_notifies().unwrap_or_default();
    for id in pending {
        spawn(app, id);
    }
}

/// When the attempt after `attempts` tries is due, counted from `now`; `None` when those were
/// all the tries Alipay makes.
pub(crate) fn next_due(attempts: u32, now: i64, time_scale: f64) -> Option<i64> {
    let wait = SCHEDULE.get(attempts.checked_sub(1)? as usize)?;
    Some(now + (wait.as_millis() as f64 / time_scale).round() as i64)
}

async fn run(app: Arc<App>, id: i64) {
    let mut stopping = app.stopping.clone();
    loop {
        let Ok(Some(notify)) = app.store().notify(id) else {
            return;
        };
        let Some(due) = notify.next_due_ms else {
            return;
        };
        let wait = Duration::from_millis((due - now_ms()).max(0) as u64);
        let delivery = tokio::select! {
            _ = stopping.wait_for(|stopped| *stopped) => return,
            delivery = async {
                tokio::time::sleep(wait).await;
                attempt(&app, &notify).await
            } => delivery,
        };
        let acknowledged = delivery.verdict == Verdict::Acknowledged.as_str();
        let (next, duplicates) = if acknowledged && notify.duplicates > 0 {
            // The duplicate-delivery fault: Alipay sometimes sends an acknowledged notification
            // again; the shop must not pay twice.
            (Some(now_ms()), notify.duplicates - 1)
        } else if acknowledged {
            (None, notify.duplicates)
        } else {
            (
                next_due(delivery.attempt, now_ms(), app.time_scale),
                notify.duplicates,
            )
        };
        if *stopping.borrow() {
            return;
        }
        if app
            .store()
            .record_attempt(&notify, &delivery, next, duplicates)
            .is_err()
        {
            return;
        }
    }
}

/// POSTs the notification once and judges the reply.
async fn attempt(app: &App, notify: &Notify) -> Delivery {
    let url = &notify.notify_url;
    let (delivery, _) = post_once(&app.client, url, &notify.body, &notify.charset).await;
    Delivery {
        attempt: notify.attempts + 1,
        ..delivery
    }
}

/// POSTs `body` to `url` as Alipay does, and judges the reply (attempt number left at 0).
pub(crate) async fn post_once(
    client: &reqwest::Client,
    url: &str,
    body: &str,
    charset: &str,
) -> (Delivery, Verdict) {
    let at_ms = now_ms();
    let sent = client
        .post(url)
        .header(
            "content-type",
            format!("application/x-www-form-urlencoded; charset={charset}"),
        )
        .body(body.to_string())
        .send()
        .await;
    let (http_status, reply) = match sent {
        Ok(response) => {
            let status = response.status().as_u16();
            let reply = response.bytes().await.map(|b| b.to_vec());
            (Some(status), reply.unwrap_or_default())
        }
        Err(err) => (None, describe(&err).into_bytes()),
    };
    let verdict = classify(http_status, &reply);
    let delivery = Delivery {
        attempt: 0,
        at_ms,
        http_status,
        reply: printable(&reply),
        verdict: verdict.as_str().into(),
        notify_id: String::new(),
    };
    (delivery, verdict)
}

/// The client every delivery uses: redirects are not followed (a redirect is an answer Alipay
/// does not accept, recorded as such), and a merchant gets 15 seconds to answer.
pub(crate) fn http_client() -> Result<reqwest::Client, crate::Error> {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(15))
        .build()
        .map_err(|e| crate::Error(format!("cannot build the HTTP client: {e}")))
}

fn describe(err: &reqwest::Error) -> String {
    if err.is_timeout() {
        "no answer: timed out".into()
    } else if err.is_connect() {
        "no answer: connection refused or unreachable".into()
    } else {
        "no answer: the connection failed".into()
    }
}

/// The reply as stored and shown: at most [`MAX_REPLY`] bytes, decoded lossily.
fn printable(body: &[u8]) -> String {
    let cut = &body[..body.len().min(MAX_REPLY)];
    String::from_utf8_lossy(cut).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schedule_is_alipays_divided_by_the_time_scale() {
        let minutes: Vec<u64> = SCHEDULE.iter().map(|d| d.as_secs() / 60).collect();
        assert_eq!(minutes, [4, 10, 10, 60, 120, 360, 900]);
        assert_eq!(MAX_ATTEMPTS, 8);
        assert_eq!(next_due(1, 1000, 1.0), Some(1000 + 240_000));
        assert_eq!(next_due(1, 1000, 60.0), Some(1000 + 4_000));
        assert_eq!(next_due(7, 0, 3600.0), Some(15_000));
        assert_eq!(next_due(8, 0, 1.0), None);
        assert_eq!(next_due(0, 0, 1.0), None);
    }
}
