//! AES-encrypted content through the C ABI: the NULL cases of its exports (run by `null.rs`),
//! and what each returns, owns and refuses.

use super::fixture::{self as common, Fixture, c, run};
use super::null_cases::{
    Case, Outcome, handle_out, on_options, p, pm, status_only, text_out, value_out,
};
use crate::*;
use alipay_notify::ErrorKind;
use serde_json::Value;
use std::ffi::{CStr, c_char};
use std::ptr;

const KEY: &str = "aa4BtZ4tspm2wnXLb1ThQA==";
const CIPHERTEXT: &str = "ILpoMowjIQjfYMR847rnFQ==";

fn aes_vector(id: &str) -> Value {
    common::vectors("aes.json")["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == id)
        .unwrap_or_else(|| panic!("no vector {id}"))
        .clone()
}

/// A verifier with aes.json's Alipay key and, when given, an aes_key and app private key.
fn verifier(aes_key: Option<&str>, app_private_key: Option<&str>) -> *mut alipay_notify_verifier {
    let keys = &common::vectors("aes.json")["keys"];
    let text = |id: &str| keys[id].as_str().unwrap().to_string();
    let (mut options, mut verifier) = (ptr::null_mut(), ptr::null_mut());
    // SAFETY: valid arguments; the options are freed here, the verifier by the caller.
    unsafe {
        common::ok(|e| alipay_notify_verifier_options_new(&mut options, e));
        let key = text("alipay_a");
        let (k, kl) = c(&key);
        common::ok(|e| alipay_notify_verifier_options_add_public_key(options, k, kl, e));
        if let Some(id) = aes_key {
            let key = text(id);
            let (k, kl) = c(&key);
            common::ok(|e| alipay_notify_verifier_options_set_aes_key(options, k, kl, e));
        }
        if let Some(id) = app_private_key {
            let key = text(id);
            let (k, kl) = c(&key);
            common::ok(|e| alipay_notify_verifier_options_set_app_private_key(options, k, kl, e));
        }
        common::ok(|e| alipay_notify_verifier_build(options, &mut verifier, e));
        alipay_notify_verifier_options_free(options);
    }
    verifier
}

/// Open data verified from aes.json's plaintext envelope with the fixture's verifier (its keys
/// include alipay_a), freed by the caller.
fn open_data(f: &Fixture) -> *mut alipay_notify_open_data {
    let input = aes_vector("aes-open-data-plaintext")["input"]
        .as_str()
        .unwrap()
        .to_string();
    let mut data = ptr::null_mut();
    let (i, il) = c(&input);
    // SAFETY: valid arguments.
    common::ok(|e| unsafe {
        alipay_notify_verifier_verify_open_data(f.verifier, i, il, &mut data, e)
    });
    data
}

/// Runs `call` on fresh open data, then frees it.
fn on_open_data(
    f: &Fixture,
    call: impl FnOnce(*const alipay_notify_open_data) -> Outcome,
) -> Outcome {
    let data = open_data(f);
    let outcome = call(data);
    // SAFETY: a handle from the library, freed once.
    unsafe { alipay_notify_open_data_free(data) };
    outcome
}

fn case(name: &'static str, pointers: u32, call: fn(&Fixture, u32) -> Outcome) -> Case {
    Case {
        name,
        pointers,
        valid: 0,
        call,
    }
}

pub(super) fn null_cases() -> Vec<Case> {
    // SAFETY (every call below): valid arguments except where the mask asks for NULL.
    vec![
        case("alipay_notify_verifier_options_set_aes_key", 2, |_f, m| {
            let (k, kl) = c(KEY);
            on_options(m, |o| {
                status_only(|e| unsafe {
                    alipay_notify_verifier_options_set_aes_key(o, p(m, 1, k), kl, e)
                })
            })
        }),
        case(
            "alipay_notify_verifier_options_set_app_private_key",
            2,
            |f, m| {
                let (k, kl) = c(&f.public_key);
                on_options(m, |o| {
                    status_only(|e| unsafe {
                        alipay_notify_verifier_options_set_app_private_key(o, p(m, 1, k), kl, e)
                    })
                })
            },
        ),
        case("alipay_notify_decrypt", 3, |_f, m| {
            let ((k, kl), (t, tl)) = (c(KEY), c(CIPHERTEXT));
            let (mut out, mut len): (*mut c_char, usize) = (ptr::dangling_mut(), 0xDEAD);
            let (status, code) = run(|e| unsafe {
                alipay_notify_decrypt(
                    p(m, 0, k),
                    kl,
                    p(m, 1, t),
                    tl,
                    pm(m, 2, &raw mut out),
                    &raw mut len,
                    e,
                )
            });
            let untouched = out == ptr::dangling_mut() && len == 0xDEAD;
            if status == 0 {
                unsafe { alipay_notify_string_free(out) };
            }
            (status, code, untouched)
        }),
        case("alipay_notify_verifier_verify_open_data", 3, |f, m| {
            let input = aes_vector("aes-open-data-plaintext")["input"]
                .as_str()
                .unwrap()
                .to_string();
            let (i, il) = c(&input);
            let call = |o, e| unsafe {
                alipay_notify_verifier_verify_open_data(p(m, 0, f.verifier), p(m, 1, i), il, o, e)
            };
            handle_out(call, alipay_notify_open_data_free, m, 2)
        }),
        case("alipay_notify_open_data_content", 2, |f, m| {
            on_open_data(f, |d| {
                text_out(
                    |o, l, e| unsafe { alipay_notify_open_data_content(p(m, 0, d), o, l, e) },
                    m,
                    1,
                )
            })
        }),
        case("alipay_notify_open_data_get", 3, |f, m| {
            let (n, nl) = c("mobile");
            on_open_data(f, |d| {
                text_out(
                    |o, l, e| unsafe {
                        alipay_notify_open_data_get(p(m, 0, d), p(m, 1, n), nl, o, l, e)
                    },
                    m,
                    2,
                )
            })
        }),
        case("alipay_notify_open_data_is_encrypted", 2, |f, m| {
            on_open_data(f, |d| {
                value_out(
                    true,
                    |o, e| unsafe { alipay_notify_open_data_is_encrypted(p(m, 0, d), o, e) },
                    m,
                    1,
                )
            })
        }),
        case("alipay_notify_open_data_sign_type", 2, |f, m| {
            on_open_data(f, |d| {
                text_out(
                    |o, l, e| unsafe { alipay_notify_open_data_sign_type(p(m, 0, d), o, l, e) },
                    m,
                    1,
                )
            })
        }),
        case("alipay_notify_open_data_key_index", 2, |f, m| {
            on_open_data(f, |d| {
                value_out(
                    -7,
                    |o, e| unsafe { alipay_notify_open_data_key_index(p(m, 0, d), o, e) },
                    m,
                    1,
                )
            })
        }),
        case("alipay_notify_open_data_key_fingerprint", 2, |f, m| {
            on_open_data(f, |d| {
                text_out(
                    |o, l, e| unsafe {
                        alipay_notify_open_data_key_fingerprint(p(m, 0, d), o, l, e)
                    },
                    m,
                    1,
                )
            })
        }),
        case("alipay_notify_response_is_decrypted", 2, |f, m| {
            value_out(
                true,
                |o, e| unsafe { alipay_notify_response_is_decrypted(p(m, 0, f.response), o, e) },
                m,
                1,
            )
        }),
        case("alipay_notify_response_decrypted_content", 2, |f, m| {
            text_out(
                |o, l, e| unsafe {
                    alipay_notify_response_decrypted_content(p(m, 0, f.response), o, l, e)
                },
                m,
                1,
            )
        }),
        case(
            "alipay_notify_notification_decrypted_biz_content",
            2,
            |f, m| {
                text_out(
                    |o, l, e| unsafe {
                        alipay_notify_notification_decrypted_biz_content(
                            p(m, 0, f.notification),
                            o,
                            l,
                            e,
                        )
                    },
                    m,
                    1,
                )
            },
        ),
    ]
}

/// The text of a borrowed output, or None for NULL.
fn borrowed(call: impl FnOnce(*mut *const c_char, *mut usize) -> i32) -> Option<String> {
    let (mut out, mut len) = (ptr::null(), usize::MAX);
    assert_eq!(call(&mut out, &mut len), 0);
    if out.is_null() {
        assert_eq!(len, 0);
        return None;
    }
    // SAFETY: a NUL-terminated string borrowed from a live handle.
    let text = unsafe { CStr::from_ptr(out) }.to_str().unwrap().to_string();
    assert_eq!(text.len(), len);
    Some(text)
}

#[test]
fn decrypt_returns_an_owned_string_and_typed_errors() {
    let decrypt = |key: &str, ciphertext: &str| {
        let ((k, kl), (t, tl)) = (c(key), c(ciphertext));
        let (mut out, mut len) = (ptr::null_mut(), 0);
        let (status, code) =
            run(|e| unsafe { alipay_notify_decrypt(k, kl, t, tl, &mut out, &mut len, e) });
        let text = (status == 0).then(|| {
            // SAFETY: an owned string, freed once.
            unsafe {
                let text = CStr::from_ptr(out).to_str().unwrap().to_string();
                alipay_notify_string_free(out);
                text
            }
        });
        (status, code, text, len)
    };
    assert_eq!(
        decrypt(KEY, CIPHERTEXT),
        (0, 0, Some("test1234567".into()), 11)
    );
    let failed = ErrorKind::DecryptionFailed.code();
    assert_eq!(decrypt("aYA0GP8JEW+D7/UFaskCWA==", CIPHERTEXT).0, failed);
    assert_eq!(decrypt(KEY, "ILpo").0, failed);
    let invalid_key = ErrorKind::InvalidKey.code();
    assert_eq!(decrypt("MTIzNDU2Nzg5MA==", CIPHERTEXT).0, invalid_key);
    // A NUL byte cannot cross as a C string: refused, never cut short.
    let with_nul = alipay_notify::AesKey::parse(KEY).unwrap().encrypt(b"a\0b");
    assert_eq!(decrypt(KEY, &with_nul).0, failed);
    // Bytes that are not UTF-8 as the key are a bad key, not a crash.
    let mut err = ptr::null_mut();
    let (mut out, mut len) = (ptr::null_mut(), 0);
    let bad = [0xffu8, 0xfe];
    let (t, tl) = c(CIPHERTEXT);
    let status = unsafe {
        alipay_notify_decrypt(bad.as_ptr().cast(), 2, t, tl, &mut out, &mut len, &mut err)
    };
    assert_eq!(status, invalid_key);
    assert!(out.is_null());
    unsafe { alipay_notify_error_free(err) };
}

#[test]
fn open_data_reads_the_plaintext() {
    let v = verifier(Some("aes128"), None);
    let input = aes_vector("aes-open-data-phone-number")["input"]
        .as_str()
        .unwrap()
        .to_string();
    let (i, il) = c(&input);
    let mut data = ptr::null_mut();
    // SAFETY: valid handles, freed once.
    unsafe {
        common::ok(|e| alipay_notify_verifier_verify_open_data(v, i, il, &mut data, e));
        let mobile = borrowed(|o, l| {
            let (n, nl) = c("mobile");
            alipay_notify_open_data_get(data, n, nl, o, l, ptr::null_mut())
        });
        assert_eq!(mobile.as_deref(), Some("15900000000"));
        let missing = borrowed(|o, l| {
            let (n, nl) = c("no_such");
            alipay_notify_open_data_get(data, n, nl, o, l, ptr::null_mut())
        });
        assert_eq!(missing, None);
        let content =
            borrowed(|o, l| alipay_notify_open_data_content(data, o, l, ptr::null_mut())).unwrap();
        assert!(content.contains("\"mobile\""), "{content}");
        let mut encrypted = false;
        alipay_notify_open_data_is_encrypted(data, &mut encrypted, ptr::null_mut());
        assert!(encrypted);
        let sign_type =
            borrowed(|o, l| alipay_notify_open_data_sign_type(data, o, l, ptr::null_mut()));
        assert_eq!(sign_type.as_deref(), Some("RSA2"));
        alipay_notify_open_data_free(data);
        // A forged envelope writes nothing.
        let forged = input.replacen("\"response\":\"", "\"response\":\"A", 1);
        let (i, il) = c(&forged);
        let mut out: *mut alipay_notify_open_data = ptr::dangling_mut();
        let (status, code) =
            run(|e| alipay_notify_verifier_verify_open_data(v, i, il, &mut out, e));
        assert_eq!(
            (status, code),
            (
                ErrorKind::InvalidSignature.code(),
                ErrorKind::InvalidSignature.code()
            )
        );
        assert_eq!(out, ptr::dangling_mut());
        alipay_notify_verifier_free(v);
    }
}

#[test]
fn an_encrypted_response_reads_as_its_decryption() {
    let input = aes_vector("aes-response-trade-query")["input"]
        .as_str()
        .unwrap()
        .to_string();
    for (aes_key, decrypted) in [(Some("aes128"), true), (None, false)] {
        let v = verifier(aes_key, None);
        let (i, il) = c(&input);
        let mut r = ptr::null_mut();
        // SAFETY: valid handles, freed once.
        unsafe {
            common::ok(|e| {
                alipay_notify_verifier_verify_response(v, i, il, ptr::null(), 0, &mut r, e)
            });
            let mut is = !decrypted;
            alipay_notify_response_is_decrypted(r, &mut is, ptr::null_mut());
            assert_eq!(is, decrypted);
            let amount = borrowed(|o, l| {
                let (n, nl) = c("total_amount");
                alipay_notify_response_get(r, n, nl, o, l, ptr::null_mut())
            });
            let content =
                borrowed(|o, l| alipay_notify_response_decrypted_content(r, o, l, ptr::null_mut()));
            if decrypted {
                assert_eq!(amount.as_deref(), Some("88.00"));
                assert!(content.unwrap().contains("88.00"));
            } else {
                assert_eq!((amount, content), (None, None));
            }
            alipay_notify_response_free(r);
            alipay_notify_verifier_free(v);
        }
    }
}

#[test]
fn a_life_message_gives_its_decrypted_biz_content() {
    let vector = aes_vector("aes-biz-content-rsa2048");
    let input = vector["input"].as_str().unwrap().to_string();
    let v = verifier(None, Some("app"));
    let (i, il) = c(&input);
    let mut n = ptr::null_mut();
    // SAFETY: valid handles, freed once.
    unsafe {
        common::ok(|e| alipay_notify_verifier_verify_notify(v, i, il, &mut n, e));
        let text = borrowed(|o, l| {
            alipay_notify_notification_decrypted_biz_content(n, o, l, ptr::null_mut())
        });
        assert_eq!(text.as_deref(), vector["biz_content_out"].as_str());
        alipay_notify_notification_free(n);
        alipay_notify_verifier_free(v);
    }
}

#[test]
fn the_named_setters_and_set_text_judge_keys_alike() {
    for name in ["aes_key", "aesKey"] {
        let mut options = ptr::null_mut();
        let (n, nl) = c(name);
        let (k, kl) = c("MTIzNDU2Nzg5MA==");
        let mut verifier = ptr::null_mut();
        // SAFETY: valid arguments, freed once.
        unsafe {
            common::ok(|e| alipay_notify_verifier_options_new(&mut options, e));
            let public = common::key("sign.json", "alipay_a_public_pem");
            let (pk, pkl) = c(&public);
            common::ok(|e| alipay_notify_verifier_options_add_public_key(options, pk, pkl, e));
            common::ok(|e| alipay_notify_verifier_options_set_text(options, n, nl, k, kl, e));
            let (status, _) = run(|e| alipay_notify_verifier_build(options, &mut verifier, e));
            assert_eq!(status, ErrorKind::InvalidKey.code(), "{name}");
            assert!(verifier.is_null());
            alipay_notify_verifier_options_free(options);
        }
    }
}
