//! The verified API response handle and its accessors.

use crate::boundary::alipay_notify_error;
use crate::handle::{handle_type, named, read_text, read_value};
use crate::ptr::{CText, bytes, free_handle};
use alipay_notify::VerifiedResponse;
use std::ffi::c_char;

/// A verified OpenAPI response: the signed `<method>_response` object and how it verified.
/// Created by `alipay_notify_verifier_verify_response()`, freed by
/// `alipay_notify_response_free()`. Strings read from it are borrowed: they stay valid until
/// the response is freed and must not be freed themselves.
pub struct alipay_notify_response {
    inner: VerifiedResponse,
    method: CText,
    node: CText,
    content: CText,
    sign_type: CText,
    key_fingerprint: CText,
    cert_sn: Option<CText>,
    /// The inner object's members: strings as their text, other values as compact JSON.
    members: Vec<(String, CText)>,
    /// The decrypted JSON text of an encrypted node (`crate::aes`).
    decrypted: Option<CText>,
}

/// The members of a JSON object as C reads them: strings as their text, other values as
/// compact JSON.
pub(crate) fn members(value: &serde_json::Value) -> Vec<(String, CText)> {
    let Some(object) = value.as_object() else {
        return Vec::new();
    };
    object
        .iter()
        .map(|(name, value)| {
            let text = match value.as_str() {
                Some(text) => CText::new(text),
                None => CText::new(&value.to_string()),
            };
            (name.clone(), text)
        })
        .collect()
}

impl alipay_notify_response {
    pub(crate) fn new(inner: VerifiedResponse) -> alipay_notify_response {
        let members = members(inner.value());
        alipay_notify_response {
            method: CText::new(inner.method()),
            node: CText::new(inner.node()),
            content: CText::new(inner.signed_content()),
            sign_type: CText::new(inner.sign_type().as_str()),
            key_fingerprint: CText::new(inner.key_fingerprint()),
            cert_sn: inner.cert_sn().map(CText::new),
            members,
            decrypted: inner.decrypted_content().map(CText::new),
            inner,
        }
    }

    pub(crate) fn decrypted(&self) -> Option<&CText> {
        self.decrypted.as_ref()
    }

    fn member(&self, name: &[u8]) -> Option<&CText> {
        self.members
            .iter()
            .find(|(n, _)| n.as_bytes() == name)
            .map(|(_, text)| text)
    }
}

handle_type!(alipay_notify_response, "response");

/// Frees a response and every string borrowed from it. NULL is accepted and ignored.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_response_free(response: *mut alipay_notify_response) {
    // SAFETY: the caller guarantees `response` is NULL or a handle from this library.
    unsafe { free_handle(response) }
}

/// The method the response answers, from its node: `"alipay.trade.query"` for
/// `alipay_trade_query_response`, `"error"` for `error_response`. Borrowed from the response;
/// the length goes to `*method_len_out` when that is not NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_response_method(
    response: *const alipay_notify_response,
    method_out: *mut *const c_char,
    method_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_response_method";
    read_text(
        f,
        response,
        named!(method_out),
        method_len_out,
        err_out,
        |r| Ok(Some(&r.method)),
    )
}

/// The top-level key of the signed node, such as `"alipay_trade_query_response"`. Borrowed
/// from the response, with its length as for `alipay_notify_response_method()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_response_node(
    response: *const alipay_notify_response,
    node_out: *mut *const c_char,
    node_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_response_node";
    read_text(f, response, named!(node_out), node_len_out, err_out, |r| {
        Ok(Some(&r.node))
    })
}

/// The exact JSON text that was signed: the node's object, as received. Parse it with any JSON
/// library to read nested values. Borrowed from the response, with its length as for
/// `alipay_notify_response_method()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_response_content(
    response: *const alipay_notify_response,
    content_out: *mut *const c_char,
    content_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_response_content";
    read_text(
        f,
        response,
        named!(content_out),
        content_len_out,
        err_out,
        |r| Ok(Some(&r.content)),
    )
}

/// A member of the signed object by name: a JSON string as its text (unescaped), any other
/// value as compact JSON (`[...]`, `{...}`, numbers). NULL and 0 when there is no such member.
/// Borrowed from the response, with its length in `*value_len_out` when that is not NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_response_get(
    response: *const alipay_notify_response,
    name: *const c_char,
    name_len: usize,
    value_out: *mut *const c_char,
    value_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_response_get";
    read_text(
        f,
        response,
        named!(value_out),
        value_len_out,
        err_out,
        |r| {
            // SAFETY: the caller guarantees `name` is NULL or valid for `name_len` bytes.
            Ok(r.member(unsafe { bytes(name, name_len, "name")? }))
        },
    )
}

/// The response's `alipay_cert_sn` (certificate mode), as sent; NULL and 0 when it has none.
/// It is not signed: it only picks the certificate. Borrowed from the response, with its
/// length as for `alipay_notify_response_method()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_response_cert_sn(
    response: *const alipay_notify_response,
    cert_sn_out: *mut *const c_char,
    cert_sn_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_response_cert_sn";
    read_text(
        f,
        response,
        named!(cert_sn_out),
        cert_sn_len_out,
        err_out,
        |r| Ok(r.cert_sn.as_ref()),
    )
}

/// The algorithm that verified, `"RSA2"` or `"RSA"` (responses do not name theirs; the allowed
/// ones are tried). Borrowed from the response, with its length as for
/// `alipay_notify_response_method()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_response_sign_type(
    response: *const alipay_notify_response,
    sign_type_out: *mut *const c_char,
    sign_type_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_response_sign_type";
    read_text(
        f,
        response,
        named!(sign_type_out),
        sign_type_len_out,
        err_out,
        |r| Ok(Some(&r.sign_type)),
    )
}

/// The fingerprint of the key that verified. Borrowed from the response, with its length as
/// for `alipay_notify_response_method()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_response_key_fingerprint(
    response: *const alipay_notify_response,
    fingerprint_out: *mut *const c_char,
    fingerprint_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_response_key_fingerprint";
    read_text(
        f,
        response,
        named!(fingerprint_out),
        fingerprint_len_out,
        err_out,
        |r| Ok(Some(&r.key_fingerprint)),
    )
}

/// The index of the key that verified, in the order the keys were added.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_response_key_index(
    response: *const alipay_notify_response,
    key_index_out: *mut i64,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_response_key_index";
    read_value(f, response, named!(key_index_out), err_out, |r| {
        Ok(i64::try_from(r.inner.key_index()).unwrap_or(i64::MAX))
    })
}

/// Whether the response is a gateway-level `error_response` (bad app_id, bad request
/// signature, ...). Business errors come in the method's own node with a `sub_code`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_response_is_error_response(
    response: *const alipay_notify_response,
    error_response_out: *mut bool,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_response_is_error_response";
    read_value(f, response, named!(error_response_out), err_out, |r| {
        Ok(r.inner.is_error_response())
    })
}

/// Whether the call succeeded: the response `code` is `"10000"`. Read `code`, `sub_code` and
/// `sub_msg` with `alipay_notify_response_get()` otherwise.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_response_is_success(
    response: *const alipay_notify_response,
    success_out: *mut bool,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_response_is_success";
    read_value(f, response, named!(success_out), err_out, |r| {
        Ok(r.inner.is_success())
    })
}
