//! AES-encrypted content (`encrypt_type=AES`): `alipay_notify.decrypt`, `Verifier.verify_open_data`
//! and its `OpenData`. Encrypted responses and 生活号 `biz_content` decrypt inside
//! `verify_response` and `verify_notify` (the `aes_key` and `app_private_key` options).

use crate::convert::json_to_py;
use crate::input;
use alipay_notify::ErrorKind;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;

/// Decrypts base64 `ciphertext` with the base64 `aes_key` (AES-CBC, zero IV, PKCS#7, as Alipay
/// encrypts). Decrypt only content whose signature verified: responses and open data decrypt
/// themselves after verifying. InvalidKey for a bad key, DecryptionFailed for content that does
/// not decrypt; neither message holds the key or the plaintext.
#[pyfunction]
pub(crate) fn decrypt(
    py: Python<'_>,
    aes_key: &Bound<'_, PyAny>,
    ciphertext: &Bound<'_, PyAny>,
) -> PyResult<String> {
    let key = input::str_text(aes_key, "aes_key", ErrorKind::InvalidKey)?;
    let ciphertext = input::raw_bytes(ciphertext, "ciphertext")?
        .ok_or_else(|| PyTypeError::new_err("ciphertext must be str or bytes (base64 text)"))?;
    crate::detached(py, || alipay_notify::decrypt(&key, &ciphertext))
}

/// `Verifier.verify_open_data`: the envelope's raw text, verified then decrypted.
pub(crate) fn verify_open_data(
    py: Python<'_>,
    verifier: &alipay_notify::Verifier,
    envelope: &Bound<'_, PyAny>,
) -> PyResult<OpenData> {
    let raw = input::raw_message(envelope, "envelope", verifier.max_size())?.ok_or_else(|| {
        PyTypeError::new_err("envelope must be bytes or str (the JSON text the front end sent)")
    })?;
    crate::detached(py, || verifier.verify_open_data(&raw)).map(|inner| OpenData { inner })
}

/// Verified open data (`my.getPhoneNumber` and the other 敏感信息 jsAPIs): the plaintext of the
/// envelope's `response`, decrypted when it was encrypted.
#[pyclass(frozen, module = "alipay_notify")]
pub struct OpenData {
    inner: alipay_notify::OpenData,
}

#[pymethods]
impl OpenData {
    /// The plaintext JSON text.
    #[getter]
    fn content(&self) -> &str {
        self.inner.content()
    }

    /// The plaintext, parsed, as a new `dict` (`value["mobile"]`).
    #[getter]
    fn value<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, self.inner.value())
    }

    /// The plaintext's `code`: `10000` is success.
    #[getter]
    fn code(&self) -> Option<&str> {
        self.inner.code()
    }

    /// Whether `response` was encrypted (and so was decrypted with the `aes_key` option).
    #[getter]
    fn is_encrypted(&self) -> bool {
        self.inner.is_encrypted()
    }

    /// The algorithm that verified: one the verifier allows, whatever the envelope says.
    #[getter]
    fn sign_type(&self) -> &'static str {
        self.inner.sign_type().as_str()
    }

    #[getter]
    fn key_index(&self) -> usize {
        self.inner.key_index()
    }

    #[getter]
    fn key_fingerprint(&self) -> &str {
        self.inner.key_fingerprint()
    }

    fn __repr__(&self) -> String {
        format!(
            "<alipay_notify.OpenData code={:?} encrypted={}>",
            self.inner.code().unwrap_or(""),
            self.inner.is_encrypted()
        )
    }
}
