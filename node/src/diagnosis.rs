//! What `verifier.diagnose()` returns, as plain JavaScript objects.

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

impl From<alipay_notify::Diagnosis> for Diagnosis {
    fn from(diagnosis: alipay_notify::Diagnosis) -> Self {
        Diagnosis {
            verified: diagnosis.verified,
            error: diagnosis
                .error
                .map(|(code, message)| DiagnosisError { code, message }),
            findings: diagnosis.findings.into_iter().map(Finding::from).collect(),
            ruled_out: diagnosis
                .ruled_out
                .into_iter()
                .map(str::to_string)
                .collect(),
            content_sha256: diagnosis.content_sha256,
            content_preview: diagnosis.content_preview,
            search_capped: diagnosis.search_capped,
        }
    }
}

impl From<alipay_notify::Finding> for Finding {
    fn from(f: alipay_notify::Finding) -> Self {
        Finding {
            code: f.code.to_string(),
            certain: f.certain,
            explanation: f.explanation,
            explanation_zh: f.explanation_zh,
            fix: f.fix,
            fix_zh: f.fix_zh,
        }
    }
}
