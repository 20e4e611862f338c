//! `Verifier`: configured once, then verifies notify bodies, return_url queries, API responses.

use crate::apply::apply;
use crate::diagnosis::Diagnosis;
use crate::error::{IntoJs, Result};
use crate::input::{Input, Message, raw};
use crate::notification::Notification;
use crate::response::VerifiedResponse;
use alipay_notify::options::{DIAGNOSE_OPTIONS, VERIFIER_OPTIONS};
use alipay_notify::{DiagnoseOptions, MessageKind, VerifierBuilder};
use napi::bindgen_prelude::{Either, Unknown};
use napi_derive::napi;

/// Verifies Alipay notifications (notify_url POST bodies), return_url queries and signed API
/// responses. Build one at startup and reuse it: keys are parsed once.
#[napi]
pub struct Verifier {
    pub(crate) inner: alipay_notify::Verifier,
}

#[napi]
impl Verifier {
    /// Parses the keys and checks the options. Throws `INVALID_KEY`, `WEAK_KEY`,
    /// `INVALID_CONFIG` (also for an unknown option name), `CERT_EXPIRED` or `CERT_UNTRUSTED`.
    #[napi(catch_unwind, constructor)]
    pub fn new(#[napi(ts_arg_type = "VerifierOptions")] options: Option<Unknown>) -> Result<Self> {
        let (table, set) = (VERIFIER_OPTIONS, VerifierBuilder::set);
        let builder = apply(
            VerifierBuilder::default(),
            options,
            "new Verifier()",
            table,
            set,
        )?;
        Ok(Verifier {
            inner: builder.build().js()?,
        })
    }

    /// Verifies a notify_url POST: pass the raw body (`Buffer`) as received. A string is taken
    /// as its UTF-8 bytes; an object holds parameters a framework parsed (UTF-8 messages only).
    /// Returns the signed parameters; throws `AlipayNotifyError` (`INVALID_SIGNATURE`, ...).
    #[napi(
        catch_unwind,
        ts_args_type = "body: Buffer | Uint8Array | string | Record<string, string> | Array<[string, string]>"
    )]
    pub fn verify_notify(&self, body: Message) -> Result<Notification> {
        self.verify(
            Input::read(body, self.inner.max_size())?,
            MessageKind::Notify,
        )
    }

    /// Verifies a return_url redirect: the raw query string (with or without `?`) or the whole
    /// URL, e.g. `req.originalUrl`.
    #[napi(
        catch_unwind,
        ts_args_type = "query: Buffer | Uint8Array | string | Record<string, string> | Array<[string, string]>"
    )]
    pub fn verify_return(&self, query: Message) -> Result<Notification> {
        self.verify(
            Input::read(query, self.inner.max_size())?,
            MessageKind::Return,
        )
    }

    /// True when the message verifies; false only for `INVALID_SIGNATURE` and
    /// `AMBIGUOUS_SIGNED_CONTENT` (genuine bytes read as other parameters). Every other error
    /// (a malformed message, another app's message, ...) is still thrown.
    #[napi(
        catch_unwind,
        strict,
        ts_args_type = "message: Buffer | Uint8Array | string | Record<string, string> | Array<[string, string]>, kind?: 'notify' | 'return'"
    )]
    pub fn is_valid(&self, message: Message, kind: Option<String>) -> Result<bool> {
        let kind = kind
            .as_deref()
            .unwrap_or("notify")
            .parse::<MessageKind>()
            .js()?;
        let input = Input::read(message, self.inner.max_size())?;
        self.inner.is_valid_message(input.as_core(), kind).js()
    }

    /// Verifies a signed OpenAPI response body (the raw JSON text). With `method`
    /// (`'alipay.trade.query'`) the response must answer that method (`METHOD_MISMATCH`).
    /// Alipay does not sign the node's name, so a renamed node is not detected: check that the
    /// content answers your request too (`out_trade_no`).
    #[napi(
        catch_unwind,
        strict,
        ts_args_type = "body: Buffer | Uint8Array | string, method?: string"
    )]
    pub fn verify_response(
        &self,
        body: Either<&[u8], String>,
        method: Option<String>,
    ) -> Result<VerifiedResponse> {
        let response = self
            .inner
            .verify_response(raw(&body), method.as_deref())
            .js()?;
        Ok(VerifiedResponse::new(response))
    }

    /// Verifies an OpenAPI v3 response, whatever its HTTP status, from its headers as the HTTP
    /// library gives them (`res.headers`, names in any case; `[name, value]` pairs; fetch's
    /// `Headers`) and its raw body. `nowMillis` judges `maxResponseAge` at another time.
    #[napi(
        catch_unwind,
        ts_args_type = "headers: Record<string, string | string[] | undefined> | Array<[string, string]> | Iterable<[string, string]>, body: Buffer | Uint8Array | string, nowMillis?: number | null"
    )]
    pub fn verify_v3(
        &self,
        headers: Unknown,
        body: Either<&[u8], String>,
        now_millis: Option<i64>,
    ) -> Result<crate::v3::VerifiedV3Response> {
        crate::v3::verify(&self.inner, headers, raw(&body), now_millis)
    }

    /// Explains why a raw notify body or return_url query does or does not verify with this
    /// verifier's configuration. Never accepts a message: advice for the engineer.
    #[napi(
        catch_unwind,
        ts_args_type = "input: Buffer | Uint8Array | string, options?: DiagnoseOptions"
    )]
    pub fn diagnose(
        &self,
        input: Either<&[u8], String>,
        options: Option<Unknown>,
    ) -> Result<Diagnosis> {
        let options = diagnose_options(options, "diagnose()")?;
        let diagnosis = self.inner.diagnose(raw(&input), &options).js()?;
        Ok(Diagnosis::from(diagnosis))
    }

    /// Explains why an API response body (plain or AES, or a mini-program open-data envelope)
    /// does or does not verify, as `verifyResponse(body, method)` (or `verifyOpenData`) would:
    /// a re-encoded node, an encrypted one signed without its quotes, and more. Takes
    /// `diagnose()`'s options (`kind` is not used).
    #[napi(
        catch_unwind,
        ts_args_type = "body: Buffer | Uint8Array | string, method?: string | null, options?: DiagnoseOptions"
    )]
    pub fn diagnose_response(
        &self,
        body: Either<&[u8], String>,
        method: Option<String>,
        options: Option<Unknown>,
    ) -> Result<Diagnosis> {
        let options = diagnose_options(options, "diagnoseResponse()")?;
        let diagnosis = self
            .inner
            .diagnose_response(raw(&body), method.as_deref(), &options)
            .js()?;
        Ok(Diagnosis::from(diagnosis))
    }

    /// Explains why an OpenAPI v3 response (headers as for `verifyV3`, the raw body) does or
    /// does not verify: a body re-encoded or with a line break added, missing headers, and
    /// more. Takes `diagnose()`'s options (`kind` is not used).
    #[napi(
        catch_unwind,
        ts_args_type = "headers: Record<string, string | string[] | undefined> | Array<[string, string]> | Iterable<[string, string]>, body: Buffer | Uint8Array | string, options?: DiagnoseOptions"
    )]
    pub fn diagnose_v3(
        &self,
        headers: Unknown,
        body: Either<&[u8], String>,
        options: Option<Unknown>,
    ) -> Result<Diagnosis> {
        let headers = crate::v3::headers_of(headers)?;
        let options = diagnose_options(options, "diagnoseV3()")?;
        let diagnosis = self
            .inner
            .diagnose_v3(&headers, raw(&body), &options)
            .js()?;
        Ok(Diagnosis::from(diagnosis))
    }

    /// The size limit of a message in bytes. The Express middleware stops reading there.
    #[napi(catch_unwind, getter)]
    pub fn max_size(&self) -> f64 {
        self.inner.max_size() as f64
    }

    /// The accepted sign types, in the order they are tried.
    #[napi(catch_unwind, getter)]
    pub fn sign_types(&self) -> Vec<&'static str> {
        self.inner
            .allowed_sign_types()
            .iter()
            .map(|t| t.as_str())
            .collect()
    }

    /// The fingerprints of the configured public keys, in order.
    #[napi(catch_unwind, getter)]
    pub fn key_fingerprints(&self) -> Vec<String> {
        self.inner
            .public_keys()
            .map(|k| k.fingerprint().to_string())
            .collect()
    }
}

impl Verifier {
    fn verify(&self, input: Input, kind: MessageKind) -> Result<Notification> {
        let notification = self.inner.verify_message(input.as_core(), kind).js()?;
        Ok(Notification::new(notification))
    }
}

/// The options object of the diagnose methods; `what` names the method in errors.
fn diagnose_options(options: Option<Unknown>, what: &str) -> Result<DiagnoseOptions> {
    let (table, set) = (DIAGNOSE_OPTIONS, DiagnoseOptions::set);
    apply(DiagnoseOptions::default(), options, what, table, set)
}
