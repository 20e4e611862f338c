//! The verified result: exactly the signed parameters, with typed accessors.

use crate::amount::Amount;
use crate::charset::{Charset, printable_quoted};
use crate::error::{Error, ErrorKind, Result};
use crate::input::PairSpan;
use crate::sign_type::{EmptyValues, MatchedRule, SignType};
use crate::time::AlipayTime;
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

/// How the message reached the merchant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MessageKind {
    /// notify_url (异步通知): POSTed by Alipay's servers. The authoritative one.
    Notify,
    /// return_url (同步通知): the buyer's browser was redirected. For display only: it can be
    /// lost and carries no `trade_status`.
    Return,
}

impl MessageKind {
    /// Both kinds, in the order of their codes.
    pub const ALL: [MessageKind; 2] = [MessageKind::Notify, MessageKind::Return];

    /// `notify` or `return`: the name every binding accepts and shows (`FromStr` reads it).
    pub fn as_str(self) -> &'static str {
        match self {
            MessageKind::Notify => "notify",
            MessageKind::Return => "return",
        }
    }

    /// The kind a raw message most likely is, from its shape: a return_url query starts with
    /// `?`, a path (`/`) or a URL (`http`), after any leading whitespace; anything else is
    /// taken for a notify body. For tools and diagnosis, where the caller may not know; a
    /// server knows which endpoint it is.
    pub fn guess(input: &[u8]) -> MessageKind {
        let start = input.trim_ascii_start();
        if start.starts_with(b"?") || start.starts_with(b"/") || start.starts_with(b"http") {
            MessageKind::Return
        } else {
            MessageKind::Notify
        }
    }
}

impl fmt::Display for MessageKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for MessageKind {
    type Err = Error;

    /// Exactly `notify` or `return` (lower case, as bindings have always accepted them);
    /// anything else is [`ErrorKind::InvalidConfig`]: the kind is the caller's choice, not the
    /// sender's.
    fn from_str(s: &str) -> Result<MessageKind> {
        MessageKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == s)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidConfig,
                    format!(
                        "kind must be \"notify\" or \"return\", not {}",
                        printable_quoted(s.as_bytes(), 20)
                    ),
                )
            })
    }
}

/// A trade status, OpenAPI and legacy mapi.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TradeStatus {
    /// Trade created, waiting for the buyer to pay.
    WaitBuyerPay,
    /// Unpaid trade closed on timeout, or paid trade fully refunded.
    TradeClosed,
    /// Paid; refunds still possible.
    TradeSuccess,
    /// Paid, and no refund possible any more.
    TradeFinished,
    /// Legacy 担保交易: paid, waiting for the seller to ship.
    WaitSellerSendGoods,
    /// Legacy 担保交易: shipped, waiting for the buyer to confirm receipt.
    WaitBuyerConfirmGoods,
    /// Legacy refund: waiting for the seller to agree.
    WaitSellerAgree,
    /// Legacy refund: waiting for the buyer to return the goods.
    WaitBuyerReturnGoods,
    /// Legacy refund: waiting for the seller to confirm the returned goods.
    WaitSellerConfirmGoods,
    /// Legacy refund: refunded.
    RefundSuccess,
    /// A status this library does not know, as sent.
    Unknown(String),
}

impl TradeStatus {
    /// Reads a status as Alipay writes it.
    pub fn parse(text: &str) -> TradeStatus {
        match text {
            "WAIT_BUYER_PAY" => TradeStatus::WaitBuyerPay,
            "TRADE_CLOSED" => TradeStatus::TradeClosed,
            "TRADE_SUCCESS" => TradeStatus::TradeSuccess,
            "TRADE_FINISHED" => TradeStatus::TradeFinished,
            "WAIT_SELLER_SEND_GOODS" => TradeStatus::WaitSellerSendGoods,
            "WAIT_BUYER_CONFIRM_GOODS" => TradeStatus::WaitBuyerConfirmGoods,
            "WAIT_SELLER_AGREE" => TradeStatus::WaitSellerAgree,
            "WAIT_BUYER_RETURN_GOODS" => TradeStatus::WaitBuyerReturnGoods,
            "WAIT_SELLER_CONFIRM_GOODS" => TradeStatus::WaitSellerConfirmGoods,
            "REFUND_SUCCESS" => TradeStatus::RefundSuccess,
            other => TradeStatus::Unknown(other.to_string()),
        }
    }

    /// The status as Alipay writes it.
    pub fn as_str(&self) -> &str {
        match self {
            TradeStatus::WaitBuyerPay => "WAIT_BUYER_PAY",
            TradeStatus::TradeClosed => "TRADE_CLOSED",
            TradeStatus::TradeSuccess => "TRADE_SUCCESS",
            TradeStatus::TradeFinished => "TRADE_FINISHED",
            TradeStatus::WaitSellerSendGoods => "WAIT_SELLER_SEND_GOODS",
            TradeStatus::WaitBuyerConfirmGoods => "WAIT_BUYER_CONFIRM_GOODS",
            TradeStatus::WaitSellerAgree => "WAIT_SELLER_AGREE",
            TradeStatus::WaitBuyerReturnGoods => "WAIT_BUYER_RETURN_GOODS",
            TradeStatus::WaitSellerConfirmGoods => "WAIT_SELLER_CONFIRM_GOODS",
            TradeStatus::RefundSuccess => "REFUND_SUCCESS",
            TradeStatus::Unknown(other) => other,
        }
    }

    /// True for `TRADE_SUCCESS` and `TRADE_FINISHED`, the only statuses that mean paid.
    pub fn is_paid(&self) -> bool {
        matches!(self, TradeStatus::TradeSuccess | TradeStatus::TradeFinished)
    }
}

impl fmt::Display for TradeStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a notification was verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// notify_url or return_url.
    pub kind: MessageKind,
    /// The canonicalization rule that verified.
    pub rule: MatchedRule,
    /// Whether empty values were part of the signed content.
    pub empty_values: EmptyValues,
    /// The algorithm that verified.
    pub sign_type: SignType,
    /// The charset of the signed bytes.
    pub charset: Charset,
    /// Index of the configured key that verified (`None` for MD5).
    pub key_index: Option<usize>,
    /// Fingerprint of the key that verified (see [`crate::PublicKey::fingerprint`]).
    pub key_fingerprint: Option<String>,
}

/// A verified Alipay message: exactly the signed parameters, as UTF-8, in message order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    /// Every signed name and value back to back (one allocation, not one per parameter).
    text: String,
    spans: Vec<PairSpan>,
    verification: Verification,
    /// A 生活号 `biz_content` decrypted with the `app_private_key` option (`crate::aes`).
    pub(crate) decrypted_biz_content: Option<String>,
}

macro_rules! text_fields {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {
        $( $(#[$doc])* pub fn $name(&self) -> Option<&str> { self.get(stringify!($name)) } )*
    };
}

macro_rules! amount_fields {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {
        $( $(#[$doc])* pub fn $name(&self) -> Result<Option<Amount>> { self.amount(stringify!($name)) } )*
    };
}

macro_rules! time_fields {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {
        $( $(#[$doc])* pub fn $name(&self) -> Result<Option<AlipayTime>> { self.time(stringify!($name)) } )*
    };
}

impl Notification {
    /// A notification of pairs that are already text (legacy WAP fields read from XML, app
    /// results), in the order given.
    pub(crate) fn from_text_pairs(
        params: Vec<(String, String)>,
        verification: Verification,
    ) -> Notification {
        let mut text = String::new();
        let mut spans = Vec::with_capacity(params.len());
        for (name, value) in &params {
            let start = text.len();
            text.push_str(name);
            let name_end = text.len();
            text.push_str(value);
            spans.push(PairSpan {
                start,
                name_end,
                end: text.len(),
            });
        }
        Notification {
            text,
            spans,
            verification,
            decrypted_biz_content: None,
        }
    }

    /// The signed parameters of a verified message, decoded from `charset` to UTF-8.
    /// `bytes` and `spans` are the parsed message; `signed` says which pairs the signature
    /// covered. Invalid text is an error, never replaced, so the caller gets exactly what was
    /// signed.
    pub(crate) fn from_signed(
        bytes: Cow<'_, [u8]>,
        spans: &[PairSpan],
        signed: impl Fn(&[u8], &[u8]) -> bool,
        charset: Charset,
        verification: Verification,
    ) -> Result<Notification> {
        let signed_spans: Vec<PairSpan> = spans
            .iter()
            .copied()
            .filter(|span| signed(span.name(&bytes), span.value(&bytes)))
            .collect();
        let bytes = if charset == Charset::Utf8 {
            // The usual case: the parsed buffer becomes the text as it is, checked once.
            match String::from_utf8(bytes.into_owned()) {
                Ok(text) => {
                    return Ok(Notification {
                        text,
                        spans: signed_spans,
                        verification,
                        decrypted_biz_content: None,
                    });
                }
                Err(not_utf8) => Cow::Owned(not_utf8.into_bytes()),
            }
        } else {
            bytes
        };
        let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
        let mut text_spans = Vec::with_capacity(signed_spans.len());
        for span in &signed_spans {
            let start = text.len();
            charset.decode_into(span.name(&bytes), &mut text, || {
                "a parameter name".to_string()
            })?;
            let name_end = text.len();
            let value = span.value(&bytes);
            charset.decode_into(value, &mut text, || {
                format!("the value of {}", &text_name(&bytes, span))
            })?;
            text_spans.push(PairSpan {
                start,
                name_end,
                end: text.len(),
            });
        }
        Ok(Notification {
            text,
            spans: text_spans,
            verification,
            decrypted_biz_content: None,
        })
    }

    /// The value of a signed parameter.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.params().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// Every signed parameter as `(name, value)`, in message order.
    pub fn params(
        &self,
    ) -> impl ExactSizeIterator<Item = (&str, &str)> + DoubleEndedIterator + Clone + '_ {
        self.spans.iter().map(|span| {
            (
                &self.text[span.start..span.name_end],
                &self.text[span.name_end..span.end],
            )
        })
    }

    /// Every signed parameter as owned `(name, value)` strings, in message order.
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        self.params()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect()
    }

    /// The `index`-th signed parameter, in message order.
    pub fn param(&self, index: usize) -> Option<(&str, &str)> {
        let span = self.spans.get(index)?;
        Some((
            &self.text[span.start..span.name_end],
            &self.text[span.name_end..span.end],
        ))
    }

    /// How many parameters were signed.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// True when no parameter was signed (never the case for a real message).
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// How the message was verified.
    pub fn verification(&self) -> &Verification {
        &self.verification
    }

    /// notify_url or return_url.
    pub fn kind(&self) -> MessageKind {
        self.verification.kind
    }

    text_fields! {
        /// `notify_type`, for example `trade_status_sync`.
        notify_type,
        /// `notify_id`: identical across Alipay's retries of one notification; an idempotency key.
        notify_id,
        /// `app_id`: the merchant's app.
        app_id,
        /// `auth_app_id`: the app that was authorized (third-party apps).
        auth_app_id,
        /// `seller_id`: the merchant's Alipay user id (2088…).
        seller_id,
        /// `seller_email`.
        seller_email,
        /// `buyer_id`: the buyer's Alipay user id.
        buyer_id,
        /// `buyer_logon_id`: the buyer's masked account.
        buyer_logon_id,
        /// `trade_no`: Alipay's trade number.
        trade_no,
        /// `out_trade_no`: the merchant's order number.
        out_trade_no,
        /// `out_biz_no`: the merchant's refund request number.
        out_biz_no,
        /// `subject`.
        subject,
        /// `body`.
        body,
        /// `passback_params`, echoed as the merchant sent it (still URL-encoded if it was).
        passback_params,
    }

    amount_fields! {
        /// `total_amount` in fen.
        total_amount,
        /// `receipt_amount` in fen.
        receipt_amount,
        /// `invoice_amount` in fen.
        invoice_amount,
        /// `buyer_pay_amount` in fen.
        buyer_pay_amount,
        /// `point_amount` in fen.
        point_amount,
        /// `refund_fee` in fen.
        refund_fee,
    }

    time_fields! {
        /// `notify_time`.
        notify_time,
        /// `gmt_create`.
        gmt_create,
        /// `gmt_payment`.
        gmt_payment,
        /// `gmt_refund` (Alipay may add milliseconds; only the first 19 characters are read).
        gmt_refund,
        /// `gmt_close`.
        gmt_close,
    }

    /// `trade_status`; return_url messages have none.
    pub fn trade_status(&self) -> Option<TradeStatus> {
        self.get("trade_status").map(TradeStatus::parse)
    }

    /// True when `trade_status` is `TRADE_SUCCESS` or `TRADE_FINISHED`.
    pub fn is_paid(&self) -> bool {
        self.trade_status().is_some_and(|s| s.is_paid())
    }

    /// `fund_bill_list`, parsed from the JSON text that was signed.
    pub fn fund_bill_list(&self) -> Result<Option<serde_json::Value>> {
        self.get("fund_bill_list")
            .map(|text| {
                serde_json::from_str(text).map_err(|_| {
                    Error::new(
                        ErrorKind::MalformedInput,
                        "fund_bill_list is not valid JSON",
                    )
                })
            })
            .transpose()
    }

    /// The order amount: `total_amount`, or `total_fee` in legacy mapi messages.
    pub fn order_amount(&self) -> Result<Option<Amount>> {
        match self.total_amount()? {
            Some(amount) => Ok(Some(amount)),
            None => self.amount("total_fee"),
        }
    }

    /// The order amount exactly as signed (`"88.00"`): the text [`Notification::order_amount`]
    /// reads, for bindings that show it unparsed.
    pub fn order_amount_text(&self) -> Option<&str> {
        self.get("total_amount").or_else(|| self.get("total_fee"))
    }

    /// The second step Alipay requires after the signature: the message is for this order and
    /// this amount. `total_amount` is a yuan string (`"88.00"`); it is compared as fen.
    pub fn check_order(&self, out_trade_no: &str, total_amount: &str) -> Result<()> {
        let expected = Amount::parse_yuan(total_amount).map_err(|e| {
            Error::new(
                ErrorKind::InvalidAmount,
                format!("the expected order amount: {}", e.message()),
            )
        })?;
        self.check_order_fen(out_trade_no, expected)
    }

    /// [`Notification::check_order`] with the amount already in fen.
    pub fn check_order_fen(&self, out_trade_no: &str, expected: Amount) -> Result<()> {
        match self.out_trade_no() {
            Some(actual) if actual == out_trade_no => {}
            Some(_) => {
                return Err(Error::new(
                    ErrorKind::OrderMismatch,
                    "out_trade_no is not the expected order number",
                ));
            }
            None => {
                return Err(Error::new(
                    ErrorKind::OrderMismatch,
                    "the message has no out_trade_no",
                ));
            }
        }
        match self.order_amount()? {
            Some(actual) if actual == expected => Ok(()),
            Some(actual) => Err(Error::new(
                ErrorKind::AmountMismatch,
                format!("the message pays {actual} yuan, the order is {expected} yuan"),
            )),
            None => Err(Error::new(
                ErrorKind::AmountMismatch,
                "the message has no total_amount (or total_fee)",
            )),
        }
    }

    /// Any amount parameter by name (`total_amount`, `total_fee`, `refund_fee`, ...) in fen:
    /// `None` when the message has no such signed parameter, [`ErrorKind::InvalidAmount`] when
    /// its value is not yuan with at most two decimals. The named accessors above call it;
    /// bindings use it to offer one accessor for every amount.
    pub fn amount(&self, name: &str) -> Result<Option<Amount>> {
        self.get(name)
            .map(|text| {
                Amount::parse_yuan(text).map_err(|e| {
                    Error::new(ErrorKind::InvalidAmount, format!("{name}: {}", e.message()))
                })
            })
            .transpose()
    }

    fn time(&self, name: &str) -> Result<Option<AlipayTime>> {
        self.get(name)
            .map(|text| {
                let head = text.get(..19).unwrap_or(text);
                AlipayTime::parse(head).map_err(|e| {
                    Error::new(
                        ErrorKind::MalformedInput,
                        format!("{name}: {}", e.message()),
                    )
                })
            })
            .transpose()
    }

    /// The signed parameters as one JSON object, in message order.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }
}

/// A parameter's name for an error message (it decoded already, so it is text).
fn text_name(bytes: &[u8], span: &PairSpan) -> String {
    String::from_utf8_lossy(span.name(bytes)).into_owned()
}

impl Serialize for Notification {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (name, value) in self.params() {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notification(params: &[(&str, &str)]) -> Notification {
        let params = params
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        Notification::from_text_pairs(
            params,
            Verification {
                kind: MessageKind::Notify,
                rule: MatchedRule::V1,
                empty_values: EmptyValues::Skipped,
                sign_type: SignType::Rsa2,
                charset: Charset::Utf8,
                key_index: Some(0),
                key_fingerprint: None,
            },
        )
    }

    #[test]
    fn amount_reads_any_amount_parameter_by_name() {
        let n = notification(&[("total_fee", "12.5"), ("refund_fee", "1.234")]);
        assert_eq!(n.amount("total_fee").unwrap(), Some(Amount::from_fen(1250)));
        assert_eq!(n.amount("total_amount").unwrap(), None);
        let err = n.amount("refund_fee").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidAmount);
        assert!(
            err.message().starts_with("refund_fee: "),
            "{}",
            err.message()
        );
        assert_eq!(n.order_amount().unwrap(), Some(Amount::from_fen(1250)));
        assert_eq!(n.order_amount_text(), Some("12.5"));
        let n = notification(&[("total_fee", "1.00"), ("total_amount", "88.00")]);
        assert_eq!(n.order_amount_text(), Some("88.00"));
        assert_eq!(n.order_amount().unwrap(), Some(Amount::from_fen(8800)));
        assert_eq!(notification(&[]).order_amount_text(), None);
    }

    #[test]
    fn message_kinds_read_and_show_their_names() {
        for kind in MessageKind::ALL {
            assert_eq!(kind.as_str().parse::<MessageKind>().unwrap(), kind);
            assert_eq!(kind.to_string(), kind.as_str());
        }
        assert_eq!(
            "notify".parse::<MessageKind>().unwrap(),
            MessageKind::Notify
        );
        assert_eq!(
            "return".parse::<MessageKind>().unwrap(),
            MessageKind::Return
        );
        for wrong in [
            "",
            "Notify",
            "RETURN",
            " notify",
            "notify_url",
            "return\r\nX",
        ] {
            let err = wrong.parse::<MessageKind>().unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidConfig, "{wrong:?}");
            assert!(
                err.message()
                    .starts_with("kind must be \"notify\" or \"return\"")
            );
            assert!(!err.message().contains(['\r', '\n']), "{err}");
        }
    }

    #[test]
    fn the_kind_is_guessed_from_the_shape() {
        for query in [
            "?a=1",
            "  ?a=1",
            "/return?a=1",
            "http://shop/return?a=1",
            "https://x",
        ] {
            assert_eq!(
                MessageKind::guess(query.as_bytes()),
                MessageKind::Return,
                "{query}"
            );
        }
        for body in ["a=1&sign=x", "", "  gmt_create=1", "{\"a\":1}"] {
            assert_eq!(
                MessageKind::guess(body.as_bytes()),
                MessageKind::Notify,
                "{body}"
            );
        }
    }
}
