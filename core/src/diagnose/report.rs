//! The findings of a diagnosis of an API response (v2, open data or v3): fewer checks than a
//! notification's, so no search budget, but the same rules for what a diagnosis says.

use super::catalog::{self, Entry};
use super::printable::printable;
use super::{Diagnosis, Finding};
use crate::error::{Error, ErrorKind};
use crate::keys::PublicKey;
use crate::verifier::Verifier;
use sha2::{Digest, Sha256};

#[derive(Default)]
pub(super) struct Report {
    findings: Vec<Finding>,
    ruled_out: Vec<&'static str>,
}

impl Report {
    /// Records a finding once; `detail` may quote the input, so it is escaped.
    pub(super) fn found(&mut self, certain: bool, entry: Entry, detail: &str) {
        if !self.findings.iter().any(|f| f.code == entry.code) {
            self.findings.push(entry.finding(certain, detail));
        }
    }

    pub(super) fn rule_out(&mut self, code: &'static str) {
        if !self.ruled_out.contains(&code) {
            self.ruled_out.push(code);
        }
    }

    /// Whether a certain cause was found.
    pub(super) fn explained(&self) -> bool {
        self.findings.iter().any(|f| f.certain)
    }

    /// The configured key is one of the app's own public keys.
    pub(super) fn check_app_keys(&mut self, verifier: &Verifier, app_keys: &[PublicKey]) {
        if app_key_configured(verifier, app_keys) {
            self.found(true, catalog::APP_PUBLIC_KEY_CONFIGURED, "");
        }
    }

    /// The diagnosis of an input whose verification gave `error`; `content` is the signed
    /// content when it could be built.
    pub(super) fn finish(mut self, error: Option<&Error>, content: Option<&[u8]>) -> Diagnosis {
        // Only a signature that does not verify leaves the key or the content in doubt; the
        // other errors explain themselves.
        if error.is_some_and(|e| e.kind() == ErrorKind::InvalidSignature) && !self.explained() {
            self.found(false, catalog::KEY_OR_CONTENT_UNKNOWN, "");
        }
        self.findings.sort_by_key(|f| !f.certain);
        Diagnosis {
            verified: error.is_none(),
            error: error.map(|e| (e.name().to_string(), printable(e.message()))),
            findings: self.findings,
            ruled_out: self.ruled_out,
            content_sha256: content.map(sha256_hex),
            // The content is JSON with personal data that the form preview cannot mask.
            content_preview: None,
            search_capped: false,
        }
    }
}

pub(super) fn app_key_configured(verifier: &Verifier, app_keys: &[PublicKey]) -> bool {
    app_keys.iter().any(|app_key| {
        verifier
            .public_keys()
            .any(|k| k.fingerprint() == app_key.fingerprint())
    })
}

pub(super) fn sha256_hex(content: &[u8]) -> String {
    Sha256::digest(content)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
