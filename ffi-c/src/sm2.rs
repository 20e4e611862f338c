//! SM2 (国密), `sign_type=SM2`: its signer. Verifying SM2 needs nothing of its own: `"SM2"`
//! among a verifier's sign types, with Alipay's SM2 public key.

use crate::boundary::alipay_notify_error;
use crate::handle::create;
use crate::ptr::{optional_text, text};
use crate::sign::alipay_notify_signer;
use alipay_notify::{ErrorKind, Signer};
use std::ffi::c_char;

/// Creates an SM2 signer (SM3withSM2 with the user id `1234567812345678`, as Alipay signs)
/// from an SM2 private key in PKCS#8 form (PEM or bare base64). `rule` is as for
/// `alipay_notify_signer_new_rsa()`, NULL for `"v1"`. SM2 signatures are randomized: each
/// signing gives another valid signature. An RSA key is `ALIPAY_NOTIFY_STATUS_INVALID_KEY`; a
/// library built without SM2 answers `ALIPAY_NOTIFY_STATUS_INVALID_CONFIG`. On success
/// `*signer_out` receives a handle the caller must free with `alipay_notify_signer_free()`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn alipay_notify_signer_new_sm2(
    private_key: *const c_char,
    private_key_len: usize,
    rule: *const c_char,
    rule_len: usize,
    signer_out: *mut *mut alipay_notify_signer,
    err_out: *mut *mut alipay_notify_error,
) -> i32 {
    create("alipay_notify_signer_new_sm2", signer_out, err_out, || {
        // SAFETY (both): the caller guarantees each pointer is NULL or valid for its length.
        let key = unsafe {
            text(
                private_key,
                private_key_len,
                "private_key",
                ErrorKind::InvalidKey,
            )?
        };
        let rule = unsafe { optional_text(rule, rule_len, "rule", ErrorKind::InvalidConfig)? };
        let rule = rule
            .map(str::parse)
            .transpose()?
            .unwrap_or(Signer::DEFAULT_RULE);
        Ok(alipay_notify_signer::from(Signer::sm2(key, rule)?))
    })
}
