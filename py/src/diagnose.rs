//! `alipay_notify.Diagnosis` and `Finding`: why a message does or does not verify.

use pyo3::prelude::*;

/// One cause, or one fact worth knowing, with its stable code.
#[pyclass(frozen, module = "alipay_notify")]
pub struct Finding {
    inner: alipay_notify::Finding,
}

#[pymethods]
impl Finding {
    /// A stable code, such as `HTML_ESCAPED`.
    #[getter]
    fn code(&self) -> &'static str {
        self.inner.code
    }

    /// True when the signature verifies once this cause is undone (or the fact is certain).
    #[getter]
    fn certain(&self) -> bool {
        self.inner.certain
    }

    #[getter]
    fn explanation(&self) -> &str {
        &self.inner.explanation
    }

    #[getter]
    fn explanation_zh(&self) -> &str {
        &self.inner.explanation_zh
    }

    #[getter]
    fn fix(&self) -> &str {
        &self.inner.fix
    }

    #[getter]
    fn fix_zh(&self) -> &str {
        &self.inner.fix_zh
    }

    fn __repr__(&self) -> String {
        let certainty = if self.inner.certain { "cause" } else { "hint" };
        format!("<alipay_notify.Finding {} ({certainty})>", self.inner.code)
    }
}

/// The result of `Verifier.diagnose`. Advice for the engineer: it never accepts a message.
#[pyclass(frozen, module = "alipay_notify")]
pub struct Diagnosis {
    inner: alipay_notify::Diagnosis,
}

impl From<alipay_notify::Diagnosis> for Diagnosis {
    fn from(inner: alipay_notify::Diagnosis) -> Self {
        Diagnosis { inner }
    }
}

impl Diagnosis {
    fn select(&self, keep: impl Fn(&alipay_notify::Finding) -> bool) -> Vec<Finding> {
        self.inner
            .findings
            .iter()
            .filter(|f| keep(f))
            .map(|f| Finding { inner: f.clone() })
            .collect()
    }
}

#[pymethods]
impl Diagnosis {
    /// Whether the message verifies as received with the configured verifier.
    #[getter]
    fn verified(&self) -> bool {
        self.inner.verified
    }

    /// The name of the error the configured verifier gives (`"INVALID_SIGNATURE"`), or None.
    #[getter]
    fn error_name(&self) -> Option<&str> {
        self.inner.error.as_ref().map(|(name, _)| name.as_str())
    }

    /// That error's message, or None.
    #[getter]
    fn error_message(&self) -> Option<&str> {
        self.inner
            .error
            .as_ref()
            .map(|(_, message)| message.as_str())
    }

    /// Every finding, the certain ones first.
    #[getter]
    fn findings(&self) -> Vec<Finding> {
        self.select(|_| true)
    }

    /// The certain findings: causes confirmed by a signature that verifies once undone.
    #[getter]
    fn causes(&self) -> Vec<Finding> {
        self.select(|f| f.certain)
    }

    /// The uncertain findings: things worth checking.
    #[getter]
    fn hints(&self) -> Vec<Finding> {
        self.select(|f| !f.certain)
    }

    /// Corruptions that were checked and are not the cause.
    #[getter]
    fn ruled_out(&self) -> Vec<&'static str> {
        self.inner.ruled_out.clone()
    }

    /// SHA-256 (hex) of the V1 content built from the message as received.
    #[getter]
    fn content_sha256(&self) -> Option<&str> {
        self.inner.content_sha256.as_deref()
    }

    /// That content with personal data masked and long values shortened.
    #[getter]
    fn content_preview(&self) -> Option<&str> {
        self.inner.content_preview.as_deref()
    }

    /// True when the search stopped at its work limit before trying every candidate: a cause
    /// may be missing.
    #[getter]
    fn search_capped(&self) -> bool {
        self.inner.search_capped
    }

    /// True when a finding with this code was made.
    fn has(&self, code: &str) -> bool {
        self.inner.has(code)
    }

    /// The whole diagnosis as JSON (the CLI's `diagnose --json`).
    fn to_json(&self) -> String {
        serde_json::to_string(&self.inner).unwrap_or_else(|_| "{}".into())
    }

    fn __repr__(&self) -> String {
        let codes: Vec<&str> = self.inner.findings.iter().map(|f| f.code).collect();
        format!(
            "<alipay_notify.Diagnosis verified={} findings=[{}]>",
            if self.inner.verified { "True" } else { "False" },
            codes.join(", ")
        )
    }
}
