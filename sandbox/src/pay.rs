//! Paying an order: the signed return_url redirect, and the signed notification queued for
//! delivery, both shaped like Alipay's, with the faults the merchant chose.

use crate::App;
use crate::clock::now_ms;
use crate::messages::{Outgoing, enqueue, return_params};
use crate::store::Order;
use alipay_notify::{Charset, Rule, SignType};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::Duration;

/// How long after the return a `late` notification comes: 10 minutes, divided by the time
/// scale like the retry intervals.
const LATE_BY: Duration = Duration::from_secs(10 * 60);

/// The faults to rehearse for one order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Faults {
    /// Deliver the notification once more after it was acknowledged.
    pub duplicate: bool,
    /// When the first notification goes out, relative to the return redirect.
    pub notify: NotifyTiming,
    /// The buyer never comes back to return_url (掉单): only the notification tells the shop.
    pub drop_return: bool,
    /// Alipay never sends the notification (服务端掉单): the trade is paid, the query says so,
    /// but no notification of this order is ever queued, now, on a retry or after a restart.
    /// With `drop_return` too, only reconciliation (a query) finds the payment.
    pub drop_notify: bool,
    /// Sign and send in this charset (GBK) instead of the request's.
    pub charset: Option<String>,
    /// Sign with this type (RSA, SHA1) instead of the request's.
    pub sign_type: Option<String>,
}

/// When the first notification goes out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotifyTiming {
    /// Right away, as the browser is redirected.
    #[default]
    Normal,
    /// Delivered (first try answered) before Pay answers, so before the return.
    Early,
    /// Long after the return (10 minutes, scaled).
    Late,
}

/// The checkout form's fault choices: checkboxes and a select.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct FaultForm {
    duplicate: Option<String>,
    notify: Option<String>,
    drop_return: Option<String>,
    drop_notify: Option<String>,
    charset: Option<String>,
    sign_type: Option<String>,
}

impl FaultForm {
    pub fn into_faults(self) -> Result<Faults, PayError> {
        let notify = match self.notify.as_deref() {
            None | Some("") | Some("normal") => NotifyTiming::Normal,
            Some("early") => NotifyTiming::Early,
            Some("late") => NotifyTiming::Late,
            Some(_) => return Err(PayError::Invalid("notify is normal, early or late".into())),
        };
        let non_empty = |v: Option<String>| v.filter(|v| !v.is_empty());
        Ok(Faults {
            duplicate: self.duplicate.is_some(),
            notify,
            drop_return: self.drop_return.is_some(),
            drop_notify: self.drop_notify.is_some(),
            charset: non_empty(self.charset),
            sign_type: non_empty(self.sign_type),
        })
    }
}

/// What Pay answers.
#[derive(Debug, Serialize)]
pub struct Paid {
    pub out_trade_no: String,
    pub trade_no: String,
    /// The full signed redirect URL; `null` when the order has no return_url or the redirect
    /// is dropped.
    pub return_url: Option<String>,
}

#[derive(Debug)]
pub(crate) enum PayError {
    NotFound,
    NotWaiting(String),
    Invalid(String),
    Internal(String),
}

impl From<alipay_notify::Error> for PayError {
    fn from(err: alipay_notify::Error) -> PayError {
        PayError::Invalid(format!("{}: {}", err.name(), err.message()))
    }
}

impl From<crate::Error> for PayError {
    fn from(err: crate::Error) -> PayError {
        PayError::Internal(err.0)
    }
}

/// The charset and sign type everything about `order` is signed with.
fn signing_choice(order: &Order, faults: &Faults) -> Result<(String, SignType), PayError> {
    let charset = faults
        .charset
        .clone()
        .unwrap_or_else(|| order.charset.clone());
    let charset = Charset::from_label(charset.as_bytes())?.label().to_string();
    let sign_type = faults.sign_type.as_deref().unwrap_or(&order.sign_type);
    let sign_type = match sign_type {
        "RSA" => SignType::Rsa,
        "" | "RSA2" => SignType::Rsa2,
        other => {
            return Err(PayError::Invalid(format!(
                "the sandbox signs with RSA2 or RSA, not {other}"
            )));
        }
    };
    Ok((charset, sign_type))
}

/// Pays a waiting order: queues its notification and returns the signed return URL.
pub(crate) async fn pay(
    app: &Arc<App>,
    out_trade_no: &str,
    faults: Faults,
) -> Result<Paid, PayError> {
    let order = app.store().order(out_trade_no)?.ok_or(PayError::NotFound)?;
    if order.status != "WAIT_BUYER_PAY" {
        return Err(PayError::NotWaiting(order.status));
    }
    let (charset, sign_type) = signing_choice(&order, &faults)?;
    let signer = app.keys.signer(sign_type, Rule::V1)?;
    let now = now_ms();
    let return_query = signer.signed_form(&return_params(&order, &charset, now))?;
    let notify = Outgoing::new(&order, &charset, sign_type, "TRADE_SUCCESS", now);
    let (notify_id, notify_body) = notify.sign(app)?;
    let faults_json = serde_json::to_string(&faults).unwrap_or_else(|_| "{}".into());
    if !app.store().mark_paid(out_trade_no, &faults_json, now)? {
        return Err(PayError::NotWaiting("TRADE_SUCCESS".into()));
    }
    let due = match faults.notify {
        NotifyTiming::Late => now + (LATE_BY.as_millis() as f64 / app.time_scale).round() as i64,
        _ => now,
    };
    let duplicates = u32::from(faults.duplicate);
    // The order as now stored: its faults decide whether the notification is dropped.
    let order = Order {
        faults: faults_json,
        ..order
    };
    let queued = enqueue(
        app,
        &order,
        &notify_id,
        &notify_body,
        &charset,
        duplicates,
        due,
    )?;
    if let (Some(id), NotifyTiming::Early) = (queued, faults.notify) {
        wait_for_first_attempt(app, id).await;
    }
    let return_url = (!order.return_url.is_empty() && !faults.drop_return)
        .then(|| with_query(&order.return_url, &return_query));
    Ok(Paid {
        out_trade_no: order.out_trade_no,
        trade_no: order.trade_no,
        return_url,
    })
}

/// Waits (at most 20 seconds) until the first delivery of notification `id` is recorded.
async fn wait_for_first_attempt(app: &App, id: i64) {
    for _ in 0..1000 {
        let attempts = app.store().notify(id).ok().flatten().map(|n| n.attempts);
        if attempts.unwrap_or(1) > 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// `url` with `query` appended, after `?` or `&`. Bytes of `url` that cannot stand in a
/// Location header (non-ASCII, spaces, controls) are percent-encoded, as a browser would send
/// them: merchants' return_url values are not always clean.
pub(crate) fn with_query(url: &str, query: &str) -> String {
    let url = header_safe(url);
    let url = url.as_str();
    let (base, fragment) = url.split_once('#').map_or((url, ""), |(b, f)| (b, f));
    let separator = match base.contains('?') {
        true if base.ends_with('?') || base.ends_with('&') => "",
        true => "&",
        false => "?",
    };
    let fragment = if fragment.is_empty() {
        String::new()
    } else {
        format!("#{fragment}")
    };
    format!("{base}{separator}{query}{fragment}")
}

/// `text` with every byte outside visible ASCII percent-encoded.
fn header_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            0x21..=0x7e => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn return_queries_are_appended_after_the_right_separator() {
        assert_eq!(with_query("http://s/r", "a=1"), "http://s/r?a=1");
        assert_eq!(with_query("http://s/r?x=2", "a=1"), "http://s/r?x=2&a=1");
        assert_eq!(with_query("http://s/r?", "a=1"), "http://s/r?a=1");
        assert_eq!(with_query("http://s/r#top", "a=1"), "http://s/r?a=1#top");
        assert_eq!(
            with_query("http://s/支付 r?x=\n", "a=1"),
            "http://s/%E6%94%AF%E4%BB%98%20r?x=%0A&a=1"
        );
    }

    #[test]
    fn checkout_form_choices_become_faults() {
        let form = FaultForm {
            duplicate: Some("1".into()),
            notify: Some("late".into()),
            drop_return: None,
            drop_notify: Some("1".into()),
            charset: Some("GBK".into()),
            sign_type: Some(String::new()),
        };
        let faults = form.into_faults().unwrap();
        assert!(faults.duplicate && !faults.drop_return && faults.drop_notify);
        assert_eq!(faults.notify, NotifyTiming::Late);
        assert_eq!(faults.charset.as_deref(), Some("GBK"));
        assert_eq!(faults.sign_type, None);
    }
}
