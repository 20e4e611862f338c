//! Verifier options: a mutable builder handle, turned into a verifier by
//! `alipay_notify_verifier_build` (and read by `alipay_notify_diagnose`).

use crate::boundary::alipay_notify_error;
use crate::handle::{create, handle_type, update};
use crate::ptr::{free_handle, text};
use alipay_notify::{Charset, Error, ErrorKind, Result, Rule, SignType, VerifierBuilder};
use std::ffi::c_char;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The options of a verifier, set one by one, then passed to `alipay_notify_verifier_build()`.
/// Created by `alipay_notify_verifier_options_new()`, freed by
/// `alipay_notify_verifier_options_free()`; building does not consume it.
pub struct alipay_notify_verifier_options {
    builder: VerifierBuilder,
    sign_types: Option<Vec<SignType>>,
}

impl alipay_notify_verifier_options {
    pub(crate) fn builder(&self) -> &VerifierBuilder {
        &self.builder
    }

    fn update(&mut self, change: impl FnOnce(VerifierBuilder) -> VerifierBuilder) {
        self.builder = change(std::mem::take(&mut self.builder));
    }
}

handle_type!(alipay_notify_verifier_options, "options");

/// Creates verifier options with the defaults: no key, sign types `RSA2` only, rule `auto`, no
/// `app_id` or seller check, a 65536-byte size limit, 2048-bit minimum keys, UTF-8 as the
/// default charset. On success `*options_out` receives a handle the caller must free with
/// `alipay_notify_verifier_options_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_new(
    options_out: *mut *mut alipay_notify_verifier_options,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    create(
        "alipay_notify_verifier_options_new",
        options_out,
        err_out,
        || {
            Ok(alipay_notify_verifier_options {
                builder: VerifierBuilder::default(),
                sign_types: None,
            })
        },
    )
}

/// Frees verifier options. NULL is accepted and ignored. Verifiers built from them are
/// independent and stay valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_free(
    options: *mut alipay_notify_verifier_options,
) {
    // SAFETY: the caller guarantees `options` is NULL or a handle from this library.
    unsafe { free_handle(options) }
}

/// Adds one of Alipay's public keys (支付宝公钥) in any shape: bare base64 as the console shows
/// it, PEM `PUBLIC KEY` or `RSA PUBLIC KEY`, or an X.509 certificate or chain. Call it again
/// for each key during a rotation. The key is parsed by `alipay_notify_verifier_build()`, which
/// reports a bad key as `INVALID_KEY` or `WEAK_KEY`. The text is copied.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_add_public_key(
    options: *mut alipay_notify_verifier_options,
    key: *const c_char,
    key_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_options_add_public_key";
    update(f, options, err_out, |o| {
        // SAFETY: the caller guarantees `key` is NULL or valid for `key_len` bytes.
        let key = unsafe { text(key, key_len, "key", ErrorKind::InvalidKey)? };
        o.update(|b| b.public_key(key));
        Ok(())
    })
}

/// Allows a sign type: `"RSA2"` (SHA256withRSA) or `"RSA"` (SHA1withRSA), case-insensitive.
/// The first call replaces the default (`RSA2` only); later calls add to the list. `"MD5"` is
/// accepted and ignored: MD5 is allowed exactly when an MD5 key is set. An unknown name is
/// `INVALID_CONFIG`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_add_sign_type(
    options: *mut alipay_notify_verifier_options,
    sign_type: *const c_char,
    sign_type_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_options_add_sign_type";
    update(f, options, err_out, |o| {
        // SAFETY: the caller guarantees `sign_type` is NULL or valid for its length.
        let name = unsafe {
            text(
                sign_type,
                sign_type_len,
                "sign_type",
                ErrorKind::InvalidConfig,
            )?
        };
        let sign_type: SignType = name.parse()?;
        let list = o.sign_types.get_or_insert_with(Vec::new);
        list.push(sign_type);
        let list = list.clone();
        o.update(|b| b.sign_types(list));
        Ok(())
    })
}

/// Sets which parameters the signature covers: `"auto"` (the default: `v1`, then `v2`), `"v1"`
/// (`sign` and `sign_type` unsigned: trade notifications and return_url) or `"v2"` (only
/// `sign` unsigned: app-gateway messages). Case-insensitive; anything else is
/// `INVALID_CONFIG`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_set_rule(
    options: *mut alipay_notify_verifier_options,
    rule: *const c_char,
    rule_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_options_set_rule";
    update(f, options, err_out, |o| {
        // SAFETY: the caller guarantees `rule` is NULL or valid for `rule_len` bytes.
        let rule: Rule =
            unsafe { text(rule, rule_len, "rule", ErrorKind::InvalidConfig)? }.parse()?;
        o.update(|b| b.rule(rule));
        Ok(())
    })
}

/// Rejects messages for another `app_id` (`APP_ID_MISMATCH`). The text is copied.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_set_app_id(
    options: *mut alipay_notify_verifier_options,
    app_id: *const c_char,
    app_id_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_options_set_app_id";
    update(f, options, err_out, |o| {
        // SAFETY: the caller guarantees `app_id` is NULL or valid for `app_id_len` bytes.
        let app_id = unsafe { text(app_id, app_id_len, "app_id", ErrorKind::InvalidConfig)? };
        o.update(|b| b.app_id(app_id));
        Ok(())
    })
}

/// Accepts messages for this `seller_id`; call it again for several. Once one is set, messages
/// for other sellers are `SELLER_ID_MISMATCH`. The text is copied.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_add_seller_id(
    options: *mut alipay_notify_verifier_options,
    seller_id: *const c_char,
    seller_id_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_options_add_seller_id";
    update(f, options, err_out, |o| {
        // SAFETY: the caller guarantees `seller_id` is NULL or valid for its length.
        let seller_id = unsafe {
            text(
                seller_id,
                seller_id_len,
                "seller_id",
                ErrorKind::InvalidConfig,
            )?
        };
        o.update(|b| b.seller_id(seller_id));
        Ok(())
    })
}

/// Lets the value of `field` hold text such as `&name=value`; call it again for several fields.
/// Off by default: a message whose signed value holds `&name=` reads as other parameters and
/// is `AMBIGUOUS_SIGNED_CONTENT`. Only for a field your own app fills with unencoded query
/// text: allowing it re-opens the re-split forgery through that field (fields that sort after
/// it can be hidden inside it). A field that is not a parameter name (ASCII letters, digits,
/// `_`) is refused by `alipay_notify_verifier_build()` as `INVALID_CONFIG`. The text is copied.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_allow_embedded_pairs(
    options: *mut alipay_notify_verifier_options,
    field: *const c_char,
    field_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_options_allow_embedded_pairs";
    update(f, options, err_out, |o| {
        // SAFETY: the caller guarantees `field` is NULL or valid for `field_len` bytes.
        let field = unsafe { text(field, field_len, "field", ErrorKind::InvalidConfig)? };
        o.update(|b| b.allow_embedded_pairs(field));
        Ok(())
    })
}

/// Sets the size limit of a message in bytes (default 65536); larger input is
/// `INPUT_TOO_LARGE`. 0 is refused by `alipay_notify_verifier_build()`.
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
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_set_md5_key(
    options: *mut alipay_notify_verifier_options,
    md5_key: *const c_char,
    md5_key_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_options_set_md5_key";
    update(f, options, err_out, |o| {
        // SAFETY: the caller guarantees `md5_key` is NULL or valid for its length.
        let key = unsafe { text(md5_key, md5_key_len, "md5_key", ErrorKind::InvalidKey)? };
        o.update(|b| b.md5_key(key));
        Ok(())
    })
}

/// Sets the charset of messages that carry no `charset` parameter (default `"utf-8"`); legacy
/// mapi merchants set their `input_charset`. Accepted: `utf-8`, `utf8`, `gbk`, `gb2312`,
/// `gb18030` (case-insensitive); anything else is `INVALID_CONFIG`, like every option error.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_set_default_charset(
    options: *mut alipay_notify_verifier_options,
    charset: *const c_char,
    charset_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_options_set_default_charset";
    update(f, options, err_out, |o| {
        // SAFETY: the caller guarantees `charset` is NULL or valid for its length.
        let charset: Charset =
            unsafe { text(charset, charset_len, "charset", ErrorKind::InvalidConfig)? }.parse()?;
        o.update(|b| b.default_charset(charset));
        Ok(())
    })
}

/// Certificate mode: makes `alipay_notify_verifier_build()` check that every configured key is
/// a certificate inside its validity period that chains to `root_bundle` (the text of Alipay's
/// `alipayRootCert.crt`). Failures are `CERT_EXPIRED` and `CERT_UNTRUSTED`. Off by default.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_verifier_options_check_certificates(
    options: *mut alipay_notify_verifier_options,
    root_bundle: *const c_char,
    root_bundle_len: usize,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    let f = "alipay_notify_verifier_options_check_certificates";
    update(f, options, err_out, |o| {
        // SAFETY: the caller guarantees `root_bundle` is NULL or valid for its length.
        let root = unsafe { root_bundle_text(root_bundle, root_bundle_len)? };
        o.update(|b| b.check_certificates(root));
        Ok(())
    })
}

/// Like `alipay_notify_verifier_options_check_certificates()`, but checks validity at
/// `unix_seconds` (seconds since 1970-01-01 UTC) instead of now: for tests, and for checking
/// ahead of an expiry.
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
        let root = unsafe { root_bundle_text(root_bundle, root_bundle_len)? };
        let at = unix_time(unix_seconds)?;
        o.update(|b| b.check_certificates_at(root, at));
        Ok(())
    })
}

/// The text of the root bundle; bytes that are not UTF-8 hold no PEM certificate.
///
/// # Safety
/// As [`crate::ptr::bytes`].
unsafe fn root_bundle_text<'a>(ptr: *const c_char, len: usize) -> Result<&'a str> {
    // SAFETY: forwarded contract.
    unsafe { text(ptr, len, "root_bundle", ErrorKind::InvalidKey) }
}

fn unix_time(seconds: i64) -> Result<SystemTime> {
    let offset = Duration::from_secs(seconds.unsigned_abs());
    let at = if seconds >= 0 {
        UNIX_EPOCH.checked_add(offset)
    } else {
        UNIX_EPOCH.checked_sub(offset)
    };
    at.ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidConfig,
            format!("{seconds} is not a time this system can represent"),
        )
    })
}
