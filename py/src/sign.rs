//! `sign` and `signed_form`: signed parameters as Alipay would send them, for tests,
//! simulators and signed request URLs. The keyword arguments are the core's `SIGNER_OPTIONS`.

use crate::error::IntoPy;
use crate::{detached, options, params};
use alipay_notify::options::SIGNER_OPTIONS;
use alipay_notify::{SignType, Signer, SignerOptions};
use pyo3::exceptions::{PyDeprecationWarning, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// The `sign` value for `params`, as Alipay would compute it: for tests, simulators and
/// signed request URLs. `sign` in `params` is ignored; `sign_type` is added when missing.
#[pyfunction]
#[pyo3(
    signature = (params, private_key = None, **options),
    text_signature = "(params, private_key=None, *, md5_key=None, sign_type='RSA2', rule='v1')"
)]
pub(crate) fn sign(
    py: Python<'_>,
    params: &Bound<'_, PyAny>,
    private_key: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<String> {
    signed(py, params, private_key, options, Signer::sign)
}

/// A complete signed `application/x-www-form-urlencoded` body (or query string, without `?`).
#[pyfunction]
#[pyo3(
    signature = (params, private_key = None, **options),
    text_signature = "(params, private_key=None, *, md5_key=None, sign_type='RSA2', rule='v1')"
)]
pub(crate) fn signed_form(
    py: Python<'_>,
    params: &Bound<'_, PyAny>,
    private_key: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<String> {
    signed(py, params, private_key, options, Signer::signed_form)
}

/// What `sign` and `signed_form` return: `Signer::sign` or `Signer::signed_form`.
type Output = fn(&Signer, &[(String, String)]) -> alipay_notify::Result<String>;

/// `params` signed, `output` made detached.
fn signed(
    py: Python<'_>,
    params: &Bound<'_, PyAny>,
    private_key: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyDict>>,
    output: Output,
) -> PyResult<String> {
    let pairs = params_of(params)?;
    let signer = signer(py, private_key, options)?;
    detached(py, || output(&signer, &pairs))
}

fn params_of(params: &Bound<'_, PyAny>) -> PyResult<Vec<(String, String)>> {
    params::pairs(params, params::SIGN_MAX_SIZE)?.ok_or_else(|| {
        PyTypeError::new_err("params must be a Mapping of str to str or a list of (name, value)")
    })
}

/// The core's signer for the options; the core chooses the defaults and refuses
/// contradictions.
fn signer(
    py: Python<'_>,
    private_key: Option<&Bound<'_, PyAny>>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Signer> {
    let (mut signer, set) = (SignerOptions::default(), SignerOptions::set);
    if let Some(key) = private_key {
        signer = options::apply_one(signer, SIGNER_OPTIONS, "private_key", key, set)?;
    }
    let signer = options::apply(signer, SIGNER_OPTIONS, options, set)?;
    Signer::from_options(&md5_key_given_as_private_key(py, signer)?).py_err()
}

/// Deprecated, kept for one release: `sign(params, md5_key, sign_type="MD5")`, the MD5 key in
/// the place of the private key, as before `md5_key` existed.
fn md5_key_given_as_private_key(
    py: Python<'_>,
    mut signer: SignerOptions,
) -> PyResult<SignerOptions> {
    let md5 = signer.sign_type == Some(SignType::Md5);
    if md5 && signer.md5_key.is_none() && signer.private_key.is_some() {
        PyErr::warn(
            py,
            &py.get_type::<PyDeprecationWarning>(),
            c"the MD5 key given as private_key is deprecated: pass it as md5_key= \
              (sign(params, md5_key=key); sign_type=\"MD5\" may then be left out)",
            1,
        )?;
        signer.md5_key = signer.private_key.take();
    }
    Ok(signer)
}
