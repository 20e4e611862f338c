//! Core errors as the plain-Python exceptions of `alipay_notify.exceptions`, one class per
//! stable error name (pyca's pattern: the classes are Python, Rust looks them up).

use alipay_notify::Error;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyType};
use pyo3::{PyErr, import_exception, intern};

import_exception!(alipay_notify.exceptions, AlipayNotifyError);
import_exception!(alipay_notify.exceptions, InvalidSignature);

/// `alipay_notify.exceptions.BY_NAME`, read once: the classes are generated from the core's
/// table, so a kind needs no line here.
fn classes(py: Python<'_>) -> PyResult<&Bound<'_, PyDict>> {
    static BY_NAME: PyOnceLock<Py<PyDict>> = PyOnceLock::new();
    let by_name = BY_NAME.get_or_try_init(py, || {
        let module = py.import(intern!(py, "alipay_notify.exceptions"))?;
        Ok::<_, PyErr>(
            module
                .getattr(intern!(py, "BY_NAME"))?
                .cast_into::<PyDict>()?
                .unbind(),
        )
    })?;
    Ok(by_name.bind(py))
}

/// The exception for a core error: the class named after its kind, with the core's message
/// (which never contains key material). The class carries `.code`, `.name` and `.group`.
pub(crate) fn to_py(error: Error) -> PyErr {
    let message = error.message().to_string();
    Python::attach(|py| {
        let class = classes(py)
            .and_then(|by_name| by_name.get_item(error.name()))
            .ok()
            .flatten()
            .and_then(|class| class.cast_into::<PyType>().ok());
        match class {
            Some(class) => PyErr::from_type(class, (message,)),
            // Unreachable while the generated classes match the core (a test checks it): still
            // an AlipayNotifyError.
            None => AlipayNotifyError::new_err(format!("{}: {message}", error.name())),
        }
    })
}

/// `?` on core results inside `#[pymethods]`.
pub(crate) trait IntoPy<T> {
    fn py_err(self) -> pyo3::PyResult<T>;
}

impl<T> IntoPy<T> for alipay_notify::Result<T> {
    fn py_err(self) -> pyo3::PyResult<T> {
        self.map_err(to_py)
    }
}
