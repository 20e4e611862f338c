//! Diagnosis: turn a bare "验签失败" into its cause.
//!
//! A diagnosis never accepts a message: it is advice for the merchant engineer. It undoes the
//! corruptions web stacks are known to cause (HTML escaping, `+` turned into a space, a second
//! decoding, unsigned extra parameters, framework list values, transcoding) one at a time, and
//! reports a cause as certain only when the signature verifies once that corruption is undone.
//!
//! Its work is bounded whatever the input. The input is read under the verifier's `max_size`,
//! as by [`Verifier::verify_notify`]. A candidate (the message with one corruption undone) is
//! verified like a message, building up to four signed contents; per call at most
//! [`MAX_CANDIDATES`] candidates are verified, [`MAX_CANDIDATES_PER_SEARCH`] of them by one search
//! value by value or parameter by parameter, with [`MAX_CANDIDATE_PARAMETERS`] parameters and
//! [`MAX_CANDIDATE_BYTES`] bytes in all candidates together and [`MAX_RSA_CHECKS`] RSA checks.
//! A signed content already checked in vain is not checked again, and a signature whose length
//! fits no key costs no RSA check. The worst case is thus about 100,000 parameters sorted into
//! signed contents and 512 RSA operations, on top of verifying the message once: under 50 ms
//! within the default 64 KiB on a shared 2-core machine, 0.13 s while it is busy
//! (`benches/diagnose.rs`). When a limit cuts the search short, [`Diagnosis::search_capped`]
//! says so.
//!
//! API responses have diagnoses of their own ([`Verifier::diagnose_response`],
//! [`Verifier::diagnose_v3`]): no search, only the few mistakes that break a response's
//! signature (a body parsed and encoded again, a line break added, the quotes around a
//! ciphertext dropped), each checked with a handful of RSA operations.
//!
//! Every text taken from the message (parameter names and values in findings, the content
//! preview) has its control characters escaped (`\r`, `\n`, `\x1b`): a diagnosis is meant for
//! logs and terminals.

mod api_response;
mod budget;
mod catalog;
mod preview;
mod printable;
mod report;
mod session;
mod v3_response;
mod variants;

#[cfg(test)]
mod families_tests;

pub use budget::{
    MAX_CANDIDATE_BYTES, MAX_CANDIDATE_PARAMETERS, MAX_CANDIDATES, MAX_CANDIDATES_PER_SEARCH,
    MAX_RSA_CHECKS,
};
pub use catalog::ALL_CODES as FINDING_CODES;

use crate::builder::VerifierBuilder;
use crate::error::Result;
use crate::notify::MessageKind;
use crate::v3::V3Headers;
use crate::verifier::Verifier;
use serde::Serialize;

/// Extra facts that sharpen a diagnosis.
#[derive(Debug, Clone, Default)]
pub struct DiagnoseOptions {
    /// The merchant's own app public keys (应用公钥): configuring one of these instead of
    /// Alipay's public key is the most common mistake.
    pub app_public_keys: Vec<String>,
    /// The merchant's app private key; its public half is compared like `app_public_keys`.
    pub app_private_key: Option<String>,
    /// Whether the input is a notify body or a return_url query; `None` guesses from its shape.
    pub kind: Option<MessageKind>,
}

/// One cause, or one fact worth knowing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// A stable code, such as `HTML_ESCAPED`.
    pub code: &'static str,
    /// True when the signature verifies once this cause is undone (or the cause is a fact
    /// established without doubt, such as a key equal to the app's own public key).
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

/// The result of [`diagnose`].
#[derive(Debug, Clone, Serialize)]
pub struct Diagnosis {
    /// Whether the message verifies as received, with the configured verifier.
    pub verified: bool,
    /// The error the configured verifier gives, if any: `(name, message)`.
    pub error: Option<(String, String)>,
    /// Causes and facts, the certain ones first.
    pub findings: Vec<Finding>,
    /// Corruptions that were checked and are not the cause.
    pub ruled_out: Vec<&'static str>,
    /// SHA-256 (hex) of the V1 content built from the message as received, to compare with
    /// the content Alipay's signature tool shows.
    pub content_sha256: Option<String>,
    /// That content with personal data masked and long values shortened.
    pub content_preview: Option<String>,
    /// True when a limit ([`MAX_CANDIDATES`], [`MAX_CANDIDATES_PER_SEARCH`],
    /// [`MAX_CANDIDATE_PARAMETERS`], [`MAX_CANDIDATE_BYTES`], [`MAX_RSA_CHECKS`]) stopped the
    /// search before every candidate was tried: a cause may have been missed, and `ruled_out`
    /// names only the checks that ran to their end before.
    pub search_capped: bool,
}

/// The catalog's explanation and fix for a finding code ([`FINDING_CODES`]), as a finding made
/// on no message: `certain` is false and no detail is appended. For documentation and support
/// tools that explain a code met in a log; `None` for a code the catalog does not have.
pub fn describe_finding(code: &str) -> Option<Finding> {
    catalog::entry(code).map(|entry| entry.finding(false, ""))
}

impl Diagnosis {
    /// The certain findings.
    pub fn causes(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.certain)
    }

    /// True when a finding with this code was made.
    pub fn has(&self, code: &str) -> bool {
        self.findings.iter().any(|f| f.code == code)
    }
}

impl Verifier {
    /// Explains why `input` (a raw notify body or return_url query) does or does not verify
    /// with this verifier. Errors only for configuration errors (a bad app key in `options`);
    /// every problem of the message is a finding.
    pub fn diagnose(
        &self,
        input: impl AsRef<[u8]>,
        options: &DiagnoseOptions,
    ) -> Result<Diagnosis> {
        session::run(self, input.as_ref(), options)
    }

    /// Explains why a v2 API response body (同步响应, plain or `encrypt_type=AES`) does or does
    /// not verify with this verifier, as [`Verifier::verify_response`] with `method` would; a
    /// mini-program open-data envelope (a JSON object with a `response` member and no
    /// `*_response` one) as [`Verifier::verify_open_data`] would. It recognises a node that was
    /// re-encoded (`RESPONSE_REENCODED`), an encrypted node signed without its quotes
    /// (`ENCRYPTED_RESPONSE_UNQUOTED`), a stricter sign type or key size than the signer's
    /// (`LEGACY_KEY_OR_TYPE`) and the app's own key configured (`options.app_public_keys`,
    /// `options.app_private_key`; `options.kind` is not used). A few RSA checks at most.
    /// `content_sha256` is the SHA-256 of the node's raw text; there is no `content_preview`.
    /// Errors only for configuration errors (no public key, a bad app key in `options`).
    pub fn diagnose_response(
        &self,
        body: impl AsRef<[u8]>,
        method: Option<&str>,
        options: &DiagnoseOptions,
    ) -> Result<Diagnosis> {
        api_response::run(self, body.as_ref(), method, options)
    }

    /// Explains why an OpenAPI v3 response (its headers and raw body) does or does not verify
    /// with this verifier, as [`Verifier::verify_v3`] would: a body re-encoded after parsing
    /// (`V3_BODY_REENCODED`), whitespace added at its end (`BODY_TRAILING_WHITESPACE`), missing
    /// headers, a stricter key size than the signer's, the app's own key configured (from
    /// `options`; `options.kind` is not used). A few RSA checks at most. `content_sha256` is the
    /// SHA-256 of `timestamp\nnonce\nbody\n` when both headers are there; there is no
    /// `content_preview`. Errors only for configuration errors (no RSA key, RSA2 not allowed, a
    /// bad app key in `options`).
    pub fn diagnose_v3(
        &self,
        headers: &V3Headers,
        body: impl AsRef<[u8]>,
        options: &DiagnoseOptions,
    ) -> Result<Diagnosis> {
        v3_response::run(self, headers, body.as_ref(), options)
    }
}

/// Explains why `input` (a raw notify body or return_url query) does or does not verify with
/// the verifier `builder` configures: [`Verifier::diagnose`] for a verifier built from
/// `builder`. Errors only for configuration errors (bad keys or options); every problem of the
/// message is a finding.
pub fn diagnose(
    input: &[u8],
    builder: &VerifierBuilder,
    options: &DiagnoseOptions,
) -> Result<Diagnosis> {
    builder.clone().build()?.diagnose(input, options)
}
