//! `Verifier`: configured once, then verifies notify bodies, return_url queries, API responses.

use crate::error::{IntoJs, Result, error, is};
use crate::input::{Input, Message, object, raw};
use crate::notification::Notification;
use crate::options::{diagnose_options, verifier_builder};
use crate::response::VerifiedResponse;
use alipay_notify::{ErrorKind, MessageKind, VerifierBuilder};
use napi::bindgen_prelude::{Either, Unknown};
use napi_derive::napi;

/// One finding of a diagnosis.
#[napi(object)]
pub struct Finding {
    /// A stable code, such as `'HTML_ESCAPED'`.
    pub code: String,
    /// True when the signature verifies once this cause is undone (or the fact is certain).
    pub certain: bool,
    /// What happened, in English.
    pub explanation: String,
    /// What happened, in Chinese.
    pub explanation_zh: String,
    /// How to fix it, in English.
    pub fix: String,
    /// How to fix it, in Chinese.
    pub fix_zh: String,
}

/// The error a message gets from the configured verifier.
#[napi(object)]
pub struct DiagnosisError {
    /// The stable error name, as `AlipayNotifyError.code`.
    pub code: String,
    /// The explanation.
    pub message: String,
}

/// What `verifier.diagnose()` found.
#[napi(object)]
pub struct Diagnosis {
    /// Whether the message verifies as received.
    pub verified: bool,
    /// The error the configured verifier gives (absent when it verifies).
    pub error: Option<DiagnosisError>,
    /// Causes and facts, the certain ones first.
    pub findings: Vec<Finding>,
    /// Corruptions that were checked and are not the cause.
    pub ruled_out: Vec<String>,
    /// SHA-256 (hex) of the V1 content built from the message as received (absent when the
    /// input is not a form).
    pub content_sha256: Option<String>,
    /// That content with personal data masked and long values shortened.
    pub content_preview: Option<String>,
    /// True when the search stopped at its work limit before trying every candidate: a cause
    /// may be missing.
    pub search_capped: bool,
}

/// Verifies Alipay notifications (notify_url POST bodies), return_url queries and signed API
/// responses. Build one at startup and reuse it: keys are parsed once.
#[napi]
pub struct Verifier {
    inner: alipay_notify::Verifier,
    builder: VerifierBuilder,
}

#[napi]
impl Verifier {
    /// Parses the keys and checks the options. Throws `INVALID_KEY`, `WEAK_KEY`,
    /// `INVALID_CONFIG` (also for an unknown option name), `CERT_EXPIRED` or `CERT_UNTRUSTED`.
    #[napi(constructor)]
    pub fn new(#[napi(ts_arg_type = "VerifierOptions")] options: Option<Unknown>) -> Result<Self> {
        let what = "new Verifier(options): options";
        let options = options
            .map(|value| object(value, what, ErrorKind::InvalidConfig))
            .transpose()?;
        let builder = verifier_builder(options.as_ref())?;
        let inner = builder.clone().build().js()?;
        Ok(Verifier { inner, builder })
    }

    /// Verifies a notify_url POST: pass the raw body (`Buffer`) as received. A string is taken
    /// as its UTF-8 bytes; an object holds parameters a framework parsed (UTF-8 messages only).
    /// Returns the signed parameters; throws `AlipayNotifyError` (`INVALID_SIGNATURE`, ...).
    #[napi(
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
        strict,
        ts_args_type = "message: Buffer | Uint8Array | string | Record<string, string> | Array<[string, string]>, kind?: 'notify' | 'return'"
    )]
    pub fn is_valid(&self, message: Message, kind: Option<String>) -> Result<bool> {
        let kind = match kind.as_deref() {
            None | Some("notify") => MessageKind::Notify,
            Some("return") => MessageKind::Return,
            Some(_) => {
                return Err(error(
                    ErrorKind::InvalidConfig,
                    "isValid(): kind must be 'notify' or 'return'",
                ));
            }
        };
        match self.verify(Input::read(message, self.inner.max_size())?, kind) {
            Ok(_) => Ok(true),
            Err(err)
                if is(&err, ErrorKind::InvalidSignature)
                    || is(&err, ErrorKind::AmbiguousSignedContent) =>
            {
                Ok(false)
            }
            Err(err) => Err(err),
        }
    }

    /// Verifies a signed OpenAPI response body (the raw JSON text). With `method`
    /// (`'alipay.trade.query'`) the response must answer that method (`METHOD_MISMATCH`).
    /// Alipay does not sign the node's name, so a renamed node is not detected: check that the
    /// content answers your request too (`out_trade_no`).
    #[napi(
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

    /// Explains why a raw notify body or return_url query does or does not verify with this
    /// verifier's configuration. Never accepts a message: advice for the engineer.
    #[napi(ts_args_type = "input: Buffer | Uint8Array | string, options?: DiagnoseOptions")]
    pub fn diagnose(
        &self,
        input: Either<&[u8], String>,
        options: Option<Unknown>,
    ) -> Result<Diagnosis> {
        let what = "diagnose(input, options): options";
        let options = options
            .map(|value| object(value, what, ErrorKind::InvalidConfig))
            .transpose()?;
        let options = diagnose_options(options.as_ref())?;
        let diagnosis = alipay_notify::diagnose(raw(&input), &self.builder, &options).js()?;
        Ok(Diagnosis {
            verified: diagnosis.verified,
            error: diagnosis
                .error
                .map(|(code, message)| DiagnosisError { code, message }),
            findings: diagnosis
                .findings
                .into_iter()
                .map(|f| Finding {
                    code: f.code.to_string(),
                    certain: f.certain,
                    explanation: f.explanation,
                    explanation_zh: f.explanation_zh,
                    fix: f.fix,
                    fix_zh: f.fix_zh,
                })
                .collect(),
            ruled_out: diagnosis
                .ruled_out
                .into_iter()
                .map(str::to_string)
                .collect(),
            content_sha256: diagnosis.content_sha256,
            content_preview: diagnosis.content_preview,
            search_capped: diagnosis.search_capped,
        })
    }

    /// The size limit of a message in bytes. The Express middleware stops reading there.
    #[napi(getter)]
    pub fn max_size(&self) -> f64 {
        self.inner.max_size() as f64
    }

    /// The accepted sign types, in the order they are tried.
    #[napi(getter)]
    pub fn sign_types(&self) -> Vec<&'static str> {
        self.inner
            .allowed_sign_types()
            .iter()
            .map(|t| t.as_str())
            .collect()
    }

    /// The fingerprints of the configured public keys, in order.
    #[napi(getter)]
    pub fn key_fingerprints(&self) -> Vec<String> {
        self.inner
            .public_keys()
            .map(|k| k.fingerprint().to_string())
            .collect()
    }
}

impl Verifier {
    fn verify(&self, input: Input, kind: MessageKind) -> Result<Notification> {
        let notification = match (input, kind) {
            (Input::Raw(bytes), MessageKind::Notify) => self.inner.verify_notify(bytes),
            (Input::Raw(bytes), MessageKind::Return) => self.inner.verify_return(bytes),
            (Input::Pairs(pairs), kind) => self.inner.verify_pairs(&pairs, kind),
        };
        Ok(Notification::new(notification.js()?))
    }
}
