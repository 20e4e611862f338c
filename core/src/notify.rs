//! Notifications (notify_url POSTs) and return_url queries: the form-message family. Like
//! every message family (API responses are in `response`), it verifies as an `impl Verifier`
//! block in its own module; the signature matching is in `signature`, the verified result in
//! `notification`.

use crate::canonical::Coverage;
use crate::charset::Charset;
use crate::error::{Error, ErrorKind, Result};
use crate::input::{PairSpan, RawParams};
use crate::verifier::Verifier;
use signature::{ContentGate, Verified};
use std::borrow::Cow;

mod message_service;
mod notification;
mod signature;

pub use notification::{MessageKind, Notification, TradeStatus, Verification};

/// A notify body or return_url query as a binding receives it: the raw bytes, or parameters a
/// framework already parsed. [`Verifier::verify_message`] picks the way to verify it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message<'a> {
    /// The raw body (notify) or query string or URL (return), exactly as received.
    Raw(&'a [u8]),
    /// Parameters a framework parsed, as UTF-8 text (see [`Verifier::verify_pairs`]).
    Pairs(&'a [(String, String)]),
}

impl<'a> From<&'a [u8]> for Message<'a> {
    fn from(raw: &'a [u8]) -> Self {
        Message::Raw(raw)
    }
}

impl<'a> From<&'a str> for Message<'a> {
    /// The text's UTF-8 bytes, as received.
    fn from(raw: &'a str) -> Self {
        Message::Raw(raw.as_bytes())
    }
}

impl<'a> From<&'a [(String, String)]> for Message<'a> {
    fn from(pairs: &'a [(String, String)]) -> Self {
        Message::Pairs(pairs)
    }
}

impl Verifier {
    /// Verifies a message of `kind` in whatever shape it came: raw bytes as
    /// [`Verifier::verify_notify`] or [`Verifier::verify_return`] read them, parsed parameters
    /// as [`Verifier::verify_pairs`] does. The one call a binding needs for both kinds and
    /// every input shape its language offers.
    pub fn verify_message(&self, message: Message<'_>, kind: MessageKind) -> Result<Notification> {
        match (message, kind) {
            (Message::Raw(raw), MessageKind::Notify) => self.verify_notify(raw),
            (Message::Raw(raw), MessageKind::Return) => self.verify_return(raw),
            (Message::Pairs(pairs), kind) => self.verify_pairs(pairs, kind),
        }
    }

    /// [`Verifier::verify_message`] as a boolean: false only for the signature failures
    /// [`ErrorKind::InvalidSignature`] and [`ErrorKind::AmbiguousSignedContent`] (genuine
    /// bytes read as other parameters). Every other error (malformed input, another app's
    /// message, a configuration error) is still returned.
    pub fn is_valid_message(&self, message: Message<'_>, kind: MessageKind) -> Result<bool> {
        match self.verify_message(message, kind) {
            Ok(_) => Ok(true),
            Err(e)
                if matches!(
                    e.kind(),
                    ErrorKind::InvalidSignature | ErrorKind::AmbiguousSignedContent
                ) =>
            {
                Ok(false)
            }
            Err(e) => Err(e),
        }
    }

    /// Verifies a notify_url POST from its raw body (`application/x-www-form-urlencoded`).
    pub fn verify_notify(&self, body: impl AsRef<[u8]>) -> Result<Notification> {
        let params = RawParams::from_form(body.as_ref(), self.config.max_size)?;
        self.verify_owned(params, MessageKind::Notify)
    }

    /// Verifies a return_url redirect from its raw query string (with or without `?`) or URL.
    pub fn verify_return(&self, query: impl AsRef<[u8]>) -> Result<Notification> {
        let params = RawParams::from_query(query.as_ref(), self.config.max_size)?;
        self.verify_owned(params, MessageKind::Return)
    }

    /// Verifies parameters a framework already parsed. They are signed as their UTF-8 bytes,
    /// so a message with another `charset` is refused: pass the raw body for those.
    pub fn verify_pairs<K: AsRef<str>, V: AsRef<str>>(
        &self,
        pairs: &[(K, V)],
        kind: MessageKind,
    ) -> Result<Notification> {
        let params = RawParams::from_pairs(pairs, self.config.max_size)?;
        let charset = Charset::from_label(params.get("charset").unwrap_or_default())?;
        if charset != Charset::Utf8 {
            return Err(Error::new(
                ErrorKind::UnsupportedCharset,
                format!(
                    "the message is signed in {}, but parsed parameters are UTF-8 text: verify the raw body instead",
                    charset.label()
                ),
            ));
        }
        self.verify_owned(params, kind)
    }

    /// True when the signature is valid (and the business checks pass); false only for the
    /// signature failures [`ErrorKind::InvalidSignature`] and
    /// [`ErrorKind::AmbiguousSignedContent`] (genuine bytes read as other parameters). Every
    /// other error is still returned.
    pub fn is_valid_notify(&self, body: impl AsRef<[u8]>) -> Result<bool> {
        self.is_valid_message(Message::Raw(body.as_ref()), MessageKind::Notify)
    }

    /// Verifies already-read parameters.
    pub fn verify_params(&self, params: &RawParams, kind: MessageKind) -> Result<Notification> {
        self.verify_params_gated(params, kind, &mut |_, _, _, _| true)
    }

    /// [`Verifier::verify_params`], asking `gate` before each signed content is checked.
    pub(crate) fn verify_params_gated(
        &self,
        params: &RawParams,
        kind: MessageKind,
        gate: &mut ContentGate<'_>,
    ) -> Result<Notification> {
        if self.reads_as_wap(params) {
            return self.verify_wap(params, kind, gate);
        }
        let verified = self.match_signature(params, gate)?;
        self.notification(
            Cow::Borrowed(params.bytes()),
            params.spans(),
            verified,
            kind,
        )
    }

    /// [`Verifier::verify_params`] on parameters this verifier read itself: their bytes move
    /// into the result instead of being copied.
    fn verify_owned(&self, params: RawParams, kind: MessageKind) -> Result<Notification> {
        if self.reads_as_wap(&params) {
            return self.verify_wap(&params, kind, &mut |_, _, _, _| true);
        }
        let verified = self.match_signature(&params, &mut |_, _, _, _| true)?;
        let (bytes, spans) = params.into_parts();
        self.notification(Cow::Owned(bytes), &spans, verified, kind)
    }

    /// The verified notification: the signed parameters as text, in message order, then the
    /// business checks.
    fn notification(
        &self,
        bytes: Cow<'_, [u8]>,
        spans: &[PairSpan],
        verified: Verified,
        kind: MessageKind,
    ) -> Result<Notification> {
        let Verified {
            charset,
            rule,
            empty_values,
            sign_type,
            key_index,
        } = verified;
        let verification = Verification {
            kind,
            rule,
            empty_values,
            sign_type,
            charset,
            key_index,
            key_fingerprint: key_index.map(|i| self.keys[i].public.fingerprint().to_string()),
        };
        let coverage = Coverage::new(rule, empty_values, charset);
        let signed = |name: &[u8], value: &[u8]| coverage.covers(name, value);
        let mut notification =
            Notification::from_signed(bytes, spans, signed, charset, verification)?;
        notification.decrypted_biz_content = self.decrypt_biz_content(&notification)?;
        self.check_business(&notification)?;
        Ok(notification)
    }

    pub(crate) fn check_business(&self, notification: &Notification) -> Result<()> {
        if let Some(expected) = &self.config.app_id
            && notification.app_id() != Some(expected.as_str())
        {
            return Err(Error::new(
                ErrorKind::AppIdMismatch,
                match notification.app_id() {
                    Some(_) => "the message is for another app_id than the configured one",
                    None => "the message has no signed app_id, but an app_id is configured",
                },
            ));
        }
        if !self.config.seller_ids.is_empty() {
            let actual = notification.seller_id();
            if !actual.is_some_and(|id| self.config.seller_ids.iter().any(|s| s == id)) {
                return Err(Error::new(
                    ErrorKind::SellerIdMismatch,
                    match actual {
                        Some(_) => "the message is for a seller_id that is not configured",
                        None => {
                            "the message has no signed seller_id, but seller ids are configured"
                        }
                    },
                ));
            }
        }
        Ok(())
    }
}
