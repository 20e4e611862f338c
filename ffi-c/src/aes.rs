//! AES-encrypted content (`encrypt_type=AES`): the decryption options, `alipay_notify_decrypt`,
//! the open-data handle, and what encrypted responses and 生活号 messages gain.

use crate::boundary::alipay_notify_error;
use crate::by_name::set_text_as;
use crate::handle::{create, handle_type, named, read_text, read_value};
use crate::notification::alipay_notify_notification;
use crate::options::alipay_notify_verifier_options;
use crate::ptr::{CText, OptionalOut, Out, bytes, free_handle, handle, text};
use crate::response::{alipay_notify_response, members};
use crate::string::owned_string;
use crate::verifier::alipay_notify_verifier;
use alipay_notify::{Error, ErrorKind, OpenData};
use std::ffi::c_char;

/// Sets the app's AES key (接口内容加密密钥), base64 as the Alipay console shows it: encrypted
/// responses are decrypted after they verify, and `alipay_notify_verifier_verify_open_data()`
/// decrypts encrypted open data. `alipay_notify_verifier_build()` reports a key that is not
/// base64 of 16, 24 or 32 bytes as `INVALID_KEY`. The text is copied and never shown.
/// By name: `aes_key`, with `alipay_notify_verifier_options_set_text()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_set_aes_key(
    options: *mut alipay_notify_verifier_options,
    aes_key: *const c_char,
    aes_key_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_options_set_aes_key";
    let text = (aes_key, aes_key_len, "aes_key");
    // SAFETY: the caller guarantees `aes_key` is NULL or valid for `aes_key_len` bytes.
    unsafe { set_text_as(f, options, "aes_key", text, ErrorKind::InvalidKey, err_out) }
}

/// Sets the merchant's app private key (应用私钥, PKCS#8 or PKCS#1, PEM or bare base64): the
/// `biz_content` of a 生活号 message that Alipay encrypted with the app public key is decrypted
/// after the message verifies (`alipay_notify_notification_decrypted_biz_content()`).
/// `alipay_notify_verifier_build()` reports a bad key as `INVALID_KEY`. The text is copied and
/// never shown.
/// By name: `app_private_key`, with `alipay_notify_verifier_options_set_text()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_set_app_private_key(
    options: *mut alipay_notify_verifier_options,
    private_key: *const c_char,
    private_key_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_options_set_app_private_key";
    let text = (private_key, private_key_len, "private_key");
    let kind = ErrorKind::InvalidKey;
    // SAFETY: the caller guarantees `private_key` is NULL or valid for its length.
    unsafe { set_text_as(f, options, "app_private_key", text, kind, err_out) }
}

/// Decrypts base64 `ciphertext` (whitespace ignored) with the base64 `aes_key`: AES-CBC with a
/// zero IV and PKCS#7 padding, as Alipay encrypts. Decrypt only content whose signature you
/// verified (responses and open data decrypt themselves after verifying). A bad key is
/// `INVALID_KEY`; content that does not decrypt (bad base64 or padding, another app's key) or
/// is not UTF-8 text without NUL bytes is `DECRYPTION_FAILED`. Messages never hold the key or
/// the plaintext. On success `*plaintext_out` receives the text, which the caller must free
/// with `alipay_notify_string_free()`, and `*plaintext_len_out` (when not NULL) its length.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_decrypt(
    aes_key: *const c_char,
    aes_key_len: usize,
    ciphertext: *const c_char,
    ciphertext_len: usize,
    plaintext_out: *mut *mut c_char,
    plaintext_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    crate::boundary::call("alipay_notify_decrypt", err_out, || {
        // SAFETY (all): the caller guarantees each pointer is NULL or valid.
        let key = unsafe { text(aes_key, aes_key_len, "aes_key", ErrorKind::InvalidKey)? };
        let ciphertext = unsafe { bytes(ciphertext, ciphertext_len, "ciphertext")? };
        let out = unsafe { Out::new(plaintext_out, "plaintext_out")? };
        let len_out = unsafe { OptionalOut::new(plaintext_len_out) };
        let plaintext = alipay_notify::decrypt(key, ciphertext)?;
        if plaintext.contains('\0') {
            return Err(Error::new(
                ErrorKind::DecryptionFailed,
                "the content decrypts to text holding a NUL byte, which no Alipay content has",
            ));
        }
        let len = plaintext.len();
        out.put(owned_string(plaintext)?);
        len_out.put(len);
        Ok(())
    })
}

/// Verified open data (the mini-program envelope of `my.getPhoneNumber` and the other
/// 敏感信息 jsAPIs): the plaintext JSON of its `response`, decrypted when it was encrypted.
/// Created by `alipay_notify_verifier_verify_open_data()`, freed by
/// `alipay_notify_open_data_free()`. Strings read from it are borrowed: they stay valid until
/// it is freed and must not be freed themselves.
pub struct alipay_notify_open_data {
    inner: OpenData,
    content: CText,
    sign_type: CText,
    key_fingerprint: CText,
    /// The plaintext object's members: strings as their text, other values as compact JSON.
    members: Vec<(String, CText)>,
}

handle_type!(alipay_notify_open_data, "open_data");

/// Verifies a mini-program open-data envelope, `{"response": "...", "sign": "...", "sign_type":
/// "RSA2", "encrypt_type": "AES", "charset": "UTF-8"}` as the front end received it, then
/// decrypts it with the `aes_key` option. The signature covers `"` + response + `"` when
/// `response` is encrypted (`response` itself when it is JSON) and is checked first, with the
/// verifier's sign types and keys: the envelope's own `sign_type` and `encrypt_type` are not
/// signed and not used. Errors: `MISSING_SIGNATURE`, `INVALID_SIGNATURE`, `DECRYPTION_FAILED`,
/// `INVALID_CONFIG` (encrypted data and no `aes_key`), `MALFORMED_INPUT`,
/// `DUPLICATE_PARAMETER`. On success `*open_data_out` receives a handle the caller must free
/// with `alipay_notify_open_data_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_verify_open_data(
    verifier: *const alipay_notify_verifier,
    envelope: *const c_char,
    envelope_len: usize,
    open_data_out: *mut *mut alipay_notify_open_data,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_verify_open_data";
    create(f, open_data_out, err_out, || {
        // SAFETY (both): the caller guarantees each pointer is NULL or valid.
        let verifier = unsafe { handle(verifier, "verifier")? };
        let envelope = unsafe { bytes(envelope, envelope_len, "envelope")? };
        let inner = verifier.inner().verify_open_data(envelope)?;
        Ok(alipay_notify_open_data {
            content: CText::new(inner.content()),
            sign_type: CText::new(inner.sign_type().as_str()),
            key_fingerprint: CText::new(inner.key_fingerprint()),
            members: members(inner.value()),
            inner,
        })
    })
}

/// Frees open data and every string borrowed from it. NULL is accepted and ignored.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_open_data_free(open_data: *mut alipay_notify_open_data) {
    // SAFETY: the caller guarantees `open_data` is NULL or a handle from this library.
    unsafe { free_handle(open_data) }
}

/// The plaintext JSON text (for `my.getPhoneNumber`,
/// `{"code":"10000","msg":"Success","mobile":"..."}`). Borrowed from the open data; the length
/// goes to `*content_len_out` when that is not NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_open_data_content(
    open_data: *const alipay_notify_open_data,
    content_out: *mut *const c_char,
    content_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_open_data_content";
    read_text(
        f,
        open_data,
        named!(content_out),
        content_len_out,
        err_out,
        |d| Ok(Some(&d.content)),
    )
}

/// A member of the plaintext object by name (`"mobile"`): a JSON string as its text, any other
/// value as compact JSON. NULL and 0 when there is no such member. Borrowed from the open data,
/// with its length in `*value_len_out` when that is not NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_open_data_get(
    open_data: *const alipay_notify_open_data,
    name: *const c_char,
    name_len: usize,
    value_out: *mut *const c_char,
    value_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_open_data_get";
    read_text(
        f,
        open_data,
        named!(value_out),
        value_len_out,
        err_out,
        |d| {
            // SAFETY: the caller guarantees `name` is NULL or valid for `name_len` bytes.
            let name = unsafe { bytes(name, name_len, "name")? };
            Ok(d.members
                .iter()
                .find(|(n, _)| n.as_bytes() == name)
                .map(|(_, text)| text))
        },
    )
}

/// Whether `response` was encrypted (and so was decrypted with the `aes_key` option).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_open_data_is_encrypted(
    open_data: *const alipay_notify_open_data,
    encrypted_out: *mut bool,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_open_data_is_encrypted";
    read_value(f, open_data, named!(encrypted_out), err_out, |d| {
        Ok(d.inner.is_encrypted())
    })
}

/// The algorithm that verified, `"RSA2"` or `"RSA"`: one the verifier allows, whatever the
/// envelope's unsigned `sign_type` says. Borrowed, with its length as for
/// `alipay_notify_open_data_content()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_open_data_sign_type(
    open_data: *const alipay_notify_open_data,
    sign_type_out: *mut *const c_char,
    sign_type_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_open_data_sign_type";
    let out = named!(sign_type_out);
    read_text(f, open_data, out, sign_type_len_out, err_out, |d| {
        Ok(Some(&d.sign_type))
    })
}

/// The index of the key that verified, in the order the keys were added.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_open_data_key_index(
    open_data: *const alipay_notify_open_data,
    key_index_out: *mut i64,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_open_data_key_index";
    read_value(f, open_data, named!(key_index_out), err_out, |d| {
        Ok(i64::try_from(d.inner.key_index()).unwrap_or(i64::MAX))
    })
}

/// The fingerprint of the key that verified. Borrowed, with its length as for
/// `alipay_notify_open_data_content()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_open_data_key_fingerprint(
    open_data: *const alipay_notify_open_data,
    fingerprint_out: *mut *const c_char,
    fingerprint_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_open_data_key_fingerprint";
    let out = named!(fingerprint_out);
    read_text(f, open_data, out, fingerprint_len_out, err_out, |d| {
        Ok(Some(&d.key_fingerprint))
    })
}

/// Whether the response's node was encrypted and was decrypted with the `aes_key` option: its
/// members (`alipay_notify_response_get()`) are then the decrypted object's, and
/// `alipay_notify_response_decrypted_content()` its JSON text. Without an `aes_key` an
/// encrypted node stays the ciphertext string (`alipay_notify_response_content()`).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_response_is_decrypted(
    response: *const alipay_notify_response,
    decrypted_out: *mut bool,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_response_is_decrypted";
    read_value(f, response, named!(decrypted_out), err_out, |r| {
        Ok(r.decrypted().is_some())
    })
}

/// The decrypted JSON text of an encrypted response; NULL and 0 when nothing was decrypted.
/// Borrowed from the response, with its length in `*content_len_out` when that is not NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_response_decrypted_content(
    response: *const alipay_notify_response,
    content_out: *mut *const c_char,
    content_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_response_decrypted_content";
    read_text(
        f,
        response,
        named!(content_out),
        content_len_out,
        err_out,
        |r| Ok(r.decrypted()),
    )
}

/// The `biz_content` of a 生活号 message decrypted with the `app_private_key` option after the
/// signature verified; NULL and 0 when no app private key is set or the message's
/// `biz_content` is not encrypted (read it with `alipay_notify_notification_get()`, which
/// always gives the signed value). Borrowed from the notification, with its length in
/// `*biz_content_len_out` when that is not NULL.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_notification_decrypted_biz_content(
    notification: *const alipay_notify_notification,
    biz_content_out: *mut *const c_char,
    biz_content_len_out: *mut usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_notification_decrypted_biz_content";
    let out = named!(biz_content_out);
    read_text(f, notification, out, biz_content_len_out, err_out, |n| {
        Ok(n.decrypted_biz_content())
    })
}
