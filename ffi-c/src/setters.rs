//! The setters of verifier options named after the options (`_add_public_key` for
//! `alipay_public_key`, ...): each hands its text to the core's `set` under the option's name,
//! as `alipay_notify_verifier_options_set_text()` does, so both ways judge a value alike.

use crate::boundary::alipay_notify_error;
use crate::by_name::set_text_as;
use crate::handle::update;
use crate::options::alipay_notify_verifier_options;
use crate::ptr::text;
use alipay_notify::ErrorKind;
use std::ffi::c_char;

/// Adds one of Alipay's public keys (支付宝公钥) in any shape: bare base64 as the console shows
/// it, PEM `PUBLIC KEY` or `RSA PUBLIC KEY`, or an X.509 certificate or chain. Call it again
/// for each key during a rotation. The key is parsed by `alipay_notify_verifier_build()`, which
/// reports a bad key as `INVALID_KEY` or `WEAK_KEY`. The text is copied.
/// By name: `alipay_public_key`, with `alipay_notify_verifier_options_set_text()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_add_public_key(
    options: *mut alipay_notify_verifier_options,
    key: *const c_char,
    key_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_options_add_public_key";
    let text = (key, key_len, "key");
    // SAFETY: the caller guarantees `key` is NULL or valid for `key_len` bytes.
    unsafe {
        set_text_as(
            f,
            options,
            "alipay_public_key",
            text,
            ErrorKind::InvalidKey,
            err_out,
        )
    }
}

/// Allows a sign type: `"RSA2"` (SHA256withRSA) or `"RSA"` (SHA1withRSA), case-insensitive.
/// The first call replaces the default (`RSA2` only); later calls add to the list. `"MD5"` is
/// accepted and ignored: MD5 is allowed exactly when an MD5 key is set. An unknown name is
/// `INVALID_CONFIG`.
/// By name: `sign_types`, with `alipay_notify_verifier_options_set_text()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_add_sign_type(
    options: *mut alipay_notify_verifier_options,
    sign_type: *const c_char,
    sign_type_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_options_add_sign_type";
    let text = (sign_type, sign_type_len, "sign_type");
    // SAFETY: the caller guarantees `sign_type` is NULL or valid for `sign_type_len` bytes.
    unsafe {
        set_text_as(
            f,
            options,
            "sign_types",
            text,
            ErrorKind::InvalidConfig,
            err_out,
        )
    }
}

/// Sets which parameters the signature covers: `"auto"` (the default: `v1`, then `v2`), `"v1"`
/// (`sign` and `sign_type` unsigned: trade notifications and return_url) or `"v2"` (only
/// `sign` unsigned: app-gateway messages). Case-insensitive; anything else is
/// `INVALID_CONFIG`.
/// By name: `rule`, with `alipay_notify_verifier_options_set_text()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_set_rule(
    options: *mut alipay_notify_verifier_options,
    rule: *const c_char,
    rule_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_options_set_rule";
    let text = (rule, rule_len, "rule");
    // SAFETY: the caller guarantees `rule` is NULL or valid for `rule_len` bytes.
    unsafe { set_text_as(f, options, "rule", text, ErrorKind::InvalidConfig, err_out) }
}

/// Rejects messages for another `app_id` (`APP_ID_MISMATCH`). The text is copied.
/// By name: `app_id`, with `alipay_notify_verifier_options_set_text()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_set_app_id(
    options: *mut alipay_notify_verifier_options,
    app_id: *const c_char,
    app_id_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_options_set_app_id";
    let text = (app_id, app_id_len, "app_id");
    // SAFETY: the caller guarantees `app_id` is NULL or valid for `app_id_len` bytes.
    unsafe {
        set_text_as(
            f,
            options,
            "app_id",
            text,
            ErrorKind::InvalidConfig,
            err_out,
        )
    }
}

/// Accepts messages for this `seller_id`; call it again for several. Once one is set, messages
/// for other sellers are `SELLER_ID_MISMATCH`. The text is copied.
/// By name: `seller_id`, with `alipay_notify_verifier_options_set_text()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_add_seller_id(
    options: *mut alipay_notify_verifier_options,
    seller_id: *const c_char,
    seller_id_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_options_add_seller_id";
    let text = (seller_id, seller_id_len, "seller_id");
    // SAFETY: the caller guarantees `seller_id` is NULL or valid for `seller_id_len` bytes.
    unsafe {
        set_text_as(
            f,
            options,
            "seller_id",
            text,
            ErrorKind::InvalidConfig,
            err_out,
        )
    }
}

/// Lets the value of `field` hold text such as `&name=value`; call it again for several fields.
/// Off by default: a message whose signed value holds `&name=` reads as other parameters and
/// is `AMBIGUOUS_SIGNED_CONTENT`. Only for a field your own app fills with unencoded query
/// text: allowing it re-opens the re-split forgery through that field (fields that sort after
/// it can be hidden inside it). A field that is not a parameter name (ASCII letters, digits,
/// `_`) is refused by `alipay_notify_verifier_build()` as `INVALID_CONFIG`. The text is copied.
/// By name: `allow_embedded_pairs`, with `alipay_notify_verifier_options_set_text()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_allow_embedded_pairs(
    options: *mut alipay_notify_verifier_options,
    field: *const c_char,
    field_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_options_allow_embedded_pairs";
    let text = (field, field_len, "field");
    // SAFETY: the caller guarantees `field` is NULL or valid for `field_len` bytes.
    unsafe {
        set_text_as(
            f,
            options,
            "allow_embedded_pairs",
            text,
            ErrorKind::InvalidConfig,
            err_out,
        )
    }
}

/// Sets the size limit of a message in bytes (default 65536); larger input is
/// `INPUT_TOO_LARGE`. 0 is refused by `alipay_notify_verifier_build()`.
/// By name: `max_size`, with `alipay_notify_verifier_options_set_integer()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_set_max_size(
    options: *mut alipay_notify_verifier_options,
    max_size: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_options_set_max_size";
    update(f, options, err_out, |o| {
        o.update(|b| b.max_size(max_size));
        Ok(())
    })
}

/// Sets the minimum RSA key size in bits (default 2048; 1024 admits legacy keys). Values under
/// 1024 are refused by `alipay_notify_verifier_build()`.
/// By name: `min_key_bits`, with `alipay_notify_verifier_options_set_integer()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_set_min_key_bits(
    options: *mut alipay_notify_verifier_options,
    min_key_bits: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_options_set_min_key_bits";
    update(f, options, err_out, |o| {
        o.update(|b| b.min_key_bits(min_key_bits));
        Ok(())
    })
}

/// Sets the legacy mapi MD5 key (the partner's 安全校验码), which allows `sign_type=MD5`
/// messages. The key is copied and never appears in error messages.
/// By name: `md5_key`, with `alipay_notify_verifier_options_set_text()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_set_md5_key(
    options: *mut alipay_notify_verifier_options,
    md5_key: *const c_char,
    md5_key_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_options_set_md5_key";
    let text = (md5_key, md5_key_len, "md5_key");
    // SAFETY: the caller guarantees `md5_key` is NULL or valid for `md5_key_len` bytes.
    unsafe { set_text_as(f, options, "md5_key", text, ErrorKind::InvalidKey, err_out) }
}

/// Sets the charset of messages that carry no `charset` parameter (default `"utf-8"`); legacy
/// mapi merchants set their `input_charset`. Accepted: `utf-8`, `utf8`, `gbk`, `gb2312`,
/// `gb18030` (case-insensitive); anything else is `INVALID_CONFIG`, like every option error.
/// By name: `default_charset`, with `alipay_notify_verifier_options_set_text()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_set_default_charset(
    options: *mut alipay_notify_verifier_options,
    charset: *const c_char,
    charset_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_options_set_default_charset";
    let text = (charset, charset_len, "charset");
    // SAFETY: the caller guarantees `charset` is NULL or valid for `charset_len` bytes.
    unsafe {
        set_text_as(
            f,
            options,
            "default_charset",
            text,
            ErrorKind::InvalidConfig,
            err_out,
        )
    }
}

/// Certificate mode: makes `alipay_notify_verifier_build()` check that every configured key is
/// a certificate inside its validity period that chains to `root_bundle` (the text of Alipay's
/// `alipayRootCert.crt`). Failures are `CERT_EXPIRED` and `CERT_UNTRUSTED`. Off by default.
/// By name: `check_certificates`, with `alipay_notify_verifier_options_set_text()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_check_certificates(
    options: *mut alipay_notify_verifier_options,
    root_bundle: *const c_char,
    root_bundle_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_options_check_certificates";
    let text = (root_bundle, root_bundle_len, "root_bundle");
    // SAFETY: the caller guarantees `root_bundle` is NULL or valid for `root_bundle_len` bytes.
    unsafe {
        set_text_as(
            f,
            options,
            "check_certificates",
            text,
            ErrorKind::InvalidKey,
            err_out,
        )
    }
}

/// Like `alipay_notify_verifier_options_check_certificates()`, but checks validity at
/// `unix_seconds` (seconds since 1970-01-01 UTC) instead of now: for tests, and for checking
/// ahead of an expiry. A time before 1970 counts as 1970, when no certificate was valid yet
/// (`CERT_EXPIRED`).
/// By name: `check_certificates`, then `check_certificates_at` with
/// `alipay_notify_verifier_options_set_time()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_check_certificates_at(
    options: *mut alipay_notify_verifier_options,
    root_bundle: *const c_char,
    root_bundle_len: usize,
    unix_seconds: i64,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_options_check_certificates_at";
    update(f, options, err_out, |o| {
        // SAFETY: the caller guarantees `root_bundle` is NULL or valid for its length.
        let root = unsafe {
            text(
                root_bundle,
                root_bundle_len,
                "root_bundle",
                ErrorKind::InvalidKey,
            )?
        };
        o.update(|b| b.check_certificates_at_unix(root, unix_seconds));
        Ok(())
    })
}
