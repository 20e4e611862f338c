//! The NULL cases of `null.rs`: one per export that returns a status, each calling the
//! export with valid arguments except where bits of a mask ask for NULL.

use super::fixture::{self as common, Fixture, c, run};
use crate::*;
use std::ffi::{CStr, c_char};
use std::ptr;

/// A pointer, or NULL when bit `bit` of `mask` is set.
pub(super) fn p<T>(mask: u32, bit: u32, ptr: *const T) -> *const T {
    if mask & (1 << bit) != 0 {
        ptr::null()
    } else {
        ptr
    }
}

pub(super) fn pm<T>(mask: u32, bit: u32, ptr: *mut T) -> *mut T {
    if mask & (1 << bit) != 0 {
        ptr::null_mut()
    } else {
        ptr
    }
}

/// (status, error object code, whether the outputs kept their sentinel values)
pub(super) type Outcome = (i32, i32, bool);

pub(super) struct Case {
    pub(super) name: &'static str,
    /// How many required pointer parameters the mask can null (bits 0..pointers).
    pub(super) pointers: u32,
    /// The status with valid arguments: 0, or the refusal of a setter no option can take yet.
    pub(super) valid: i32,
    pub(super) call: fn(&Fixture, u32) -> Outcome,
}

macro_rules! case {
    ($name:ident, $pointers:expr, |$f:ident, $m:ident| $body:block) => {
        case!($name, $pointers, valid 0, |$f, $m| $body)
    };
    ($name:ident, $pointers:expr, valid $valid:expr, |$f:ident, $m:ident| $body:block) => {
        Case {
            name: stringify!($name),
            pointers: $pointers,
            valid: $valid,
            call: |$f: &Fixture, $m: u32| -> Outcome { unsafe { $body } },
        }
    };
}

const S: *const c_char = ptr::dangling();
const SM: *mut c_char = ptr::dangling_mut();
const LEN: usize = 0xDEAD;

/// A setter on fresh verifier options: `set(options, mask)`.
pub(super) fn on_options(
    m: u32,
    set: impl FnOnce(*mut alipay_notify_verifier_options) -> Outcome,
) -> Outcome {
    let mut options = ptr::null_mut();
    // SAFETY: valid out pointer; the handle is freed below.
    unsafe {
        common::ok(|e| alipay_notify_verifier_options_new(&mut options, e));
        let outcome = set(pm(m, 0, options));
        alipay_notify_verifier_options_free(options);
        outcome
    }
}

fn on_diagnose_options(
    m: u32,
    set: impl FnOnce(*mut alipay_notify_diagnose_options) -> Outcome,
) -> Outcome {
    let mut options = ptr::null_mut();
    // SAFETY: valid out pointer; the handle is freed below.
    unsafe {
        common::ok(|e| alipay_notify_diagnose_options_new(&mut options, e));
        let outcome = set(pm(m, 0, options));
        alipay_notify_diagnose_options_free(options);
        outcome
    }
}

/// A call whose only outputs are a status (setters, checks).
pub(super) fn status_only(call: impl FnOnce(*mut *mut alipay_notify_error) -> i32) -> Outcome {
    let (status, code) = run(call);
    (status, code, true)
}

/// A call with one borrowed-text output (and an optional length).
pub(super) fn text_out(
    call: impl FnOnce(*mut *const c_char, *mut usize, *mut *mut alipay_notify_error) -> i32,
    m: u32,
    bit: u32,
) -> Outcome {
    let (mut out, mut len) = (S, LEN);
    let (status, code) = run(|e| call(pm(m, bit, &raw mut out), &raw mut len, e));
    (status, code, out == S && len == LEN)
}

/// A call with one owned-string output, freed on success.
pub(super) fn string_out(
    call: impl FnOnce(*mut *mut c_char, *mut *mut alipay_notify_error) -> i32,
    m: u32,
    bit: u32,
) -> Outcome {
    let mut out = SM;
    let (status, code) = run(|e| call(pm(m, bit, &raw mut out), e));
    let untouched = out == SM;
    if status == 0 {
        // SAFETY: a string the call returned.
        unsafe { alipay_notify_string_free(out) };
    }
    (status, code, untouched)
}

/// A call with one handle output, freed on success with `free`.
pub(super) fn handle_out<T>(
    call: impl FnOnce(*mut *mut T, *mut *mut alipay_notify_error) -> i32,
    free: unsafe extern "C" fn(*mut T),
    m: u32,
    bit: u32,
) -> Outcome {
    let mut out: *mut T = ptr::dangling_mut();
    let (status, code) = run(|e| call(pm(m, bit, &raw mut out), e));
    let untouched = out == ptr::dangling_mut();
    if status == 0 {
        // SAFETY: a handle the call returned.
        unsafe { free(out) };
    }
    (status, code, untouched)
}

pub(super) fn value_out<T: Copy + PartialEq>(
    sentinel: T,
    call: impl FnOnce(*mut T, *mut *mut alipay_notify_error) -> i32,
    m: u32,
    bit: u32,
) -> Outcome {
    let mut out = sentinel;
    let (status, code) = run(|e| call(pm(m, bit, &raw mut out), e));
    (status, code, out == sentinel)
}

// OpenAPI v3 (issue 11, family A).
mod v3;
// Legacy WAP, app results and 消息服务 (issue 11, family C).
mod wap;
// The ledger row and reconciliation requests (issue 13).
mod ledger;

pub(super) fn cases() -> Vec<Case> {
    let mut cases = vec![
        // Verifier options.
        case!(alipay_notify_verifier_options_new, 1, |_f, m| {
            handle_out(
                |o, e| alipay_notify_verifier_options_new(o, e),
                alipay_notify_verifier_options_free,
                m,
                0,
            )
        }),
        case!(alipay_notify_verifier_options_add_public_key, 2, |f, m| {
            let (k, kl) = c(&f.public_key);
            on_options(m, |o| {
                status_only(|e| alipay_notify_verifier_options_add_public_key(o, p(m, 1, k), kl, e))
            })
        }),
        case!(alipay_notify_verifier_options_add_sign_type, 2, |_f, m| {
            let (t, tl) = c("RSA");
            on_options(m, |o| {
                status_only(|e| alipay_notify_verifier_options_add_sign_type(o, p(m, 1, t), tl, e))
            })
        }),
        case!(alipay_notify_verifier_options_set_rule, 2, |_f, m| {
            let (r, rl) = c("v1");
            on_options(m, |o| {
                status_only(|e| alipay_notify_verifier_options_set_rule(o, p(m, 1, r), rl, e))
            })
        }),
        case!(alipay_notify_verifier_options_set_app_id, 2, |_f, m| {
            let (a, al) = c("2021000000000000");
            on_options(m, |o| {
                status_only(|e| alipay_notify_verifier_options_set_app_id(o, p(m, 1, a), al, e))
            })
        }),
        case!(alipay_notify_verifier_options_add_seller_id, 2, |_f, m| {
            let (s, sl) = c("2088000000000000");
            on_options(m, |o| {
                status_only(|e| alipay_notify_verifier_options_add_seller_id(o, p(m, 1, s), sl, e))
            })
        }),
        case!(
            alipay_notify_verifier_options_allow_embedded_pairs,
            2,
            |_f, m| {
                let (s, sl) = c("passback_params");
                on_options(m, |o| {
                    status_only(|e| {
                        alipay_notify_verifier_options_allow_embedded_pairs(o, p(m, 1, s), sl, e)
                    })
                })
            }
        ),
        case!(alipay_notify_verifier_options_set_max_size, 1, |_f, m| {
            on_options(m, |o| {
                status_only(|e| alipay_notify_verifier_options_set_max_size(o, 1024, e))
            })
        }),
        case!(
            alipay_notify_verifier_options_set_min_key_bits,
            1,
            |_f, m| {
                on_options(m, |o| {
                    status_only(|e| alipay_notify_verifier_options_set_min_key_bits(o, 1024, e))
                })
            }
        ),
        case!(alipay_notify_verifier_options_set_md5_key, 2, |_f, m| {
            let (k, kl) = c("md5-key");
            on_options(m, |o| {
                status_only(|e| alipay_notify_verifier_options_set_md5_key(o, p(m, 1, k), kl, e))
            })
        }),
        case!(
            alipay_notify_verifier_options_set_default_charset,
            2,
            |_f, m| {
                let (s, sl) = c("GBK");
                on_options(m, |o| {
                    status_only(|e| {
                        alipay_notify_verifier_options_set_default_charset(o, p(m, 1, s), sl, e)
                    })
                })
            }
        ),
        case!(
            alipay_notify_verifier_options_check_certificates,
            2,
            |_f, m| {
                let (r, rl) = c("root");
                on_options(m, |o| {
                    status_only(|e| {
                        alipay_notify_verifier_options_check_certificates(o, p(m, 1, r), rl, e)
                    })
                })
            }
        ),
        case!(
            alipay_notify_verifier_options_check_certificates_at,
            2,
            |_f, m| {
                let (r, rl) = c("root");
                on_options(m, |o| {
                    status_only(|e| {
                        alipay_notify_verifier_options_check_certificates_at(
                            o,
                            p(m, 1, r),
                            rl,
                            0,
                            e,
                        )
                    })
                })
            }
        ),
        // Verifier options by name.
        case!(alipay_notify_verifier_options_set_text, 3, |_f, m| {
            let ((n, nl), (v, vl)) = (c("app_id"), c("2021000000000000"));
            on_options(m, |o| {
                status_only(|e| {
                    alipay_notify_verifier_options_set_text(o, p(m, 1, n), nl, p(m, 2, v), vl, e)
                })
            })
        }),
        case!(alipay_notify_verifier_options_set_texts, 4, |_f, m| {
            let (n, nl) = c("seller_id");
            let (values, lens) = ([c"2088000000000000".as_ptr()], [16]);
            on_options(m, |o| {
                status_only(|e| {
                    let (v, l) = (p(m, 2, values.as_ptr()), p(m, 3, lens.as_ptr()));
                    alipay_notify_verifier_options_set_texts(o, p(m, 1, n), nl, v, l, 1, e)
                })
            })
        }),
        case!(alipay_notify_verifier_options_set_integer, 2, |_f, m| {
            let (n, nl) = c("max_size");
            on_options(m, |o| {
                status_only(|e| {
                    alipay_notify_verifier_options_set_integer(o, p(m, 1, n), nl, 1024, e)
                })
            })
        }),
        case!(alipay_notify_verifier_options_set_time, 2, |_f, m| {
            let (n, nl) = c("check_certificates_at");
            on_options(m, |o| {
                status_only(|e| alipay_notify_verifier_options_set_time(o, p(m, 1, n), nl, 0, e))
            })
        }),
        // Verifier.
        case!(alipay_notify_verifier_build, 2, |f, m| {
            handle_out(
                |o, e| alipay_notify_verifier_build(p(m, 0, f.options), o, e),
                alipay_notify_verifier_free,
                m,
                1,
            )
        }),
        case!(alipay_notify_verifier_new, 2, |f, m| {
            let (k, kl) = c(&f.public_key);
            handle_out(
                |o, e| alipay_notify_verifier_new(p(m, 0, k), kl, o, e),
                alipay_notify_verifier_free,
                m,
                1,
            )
        }),
        case!(alipay_notify_verifier_verify_notify, 3, |f, m| {
            let (b, bl) = c(&f.body);
            let call = |o, e| {
                alipay_notify_verifier_verify_notify(p(m, 0, f.verifier), p(m, 1, b), bl, o, e)
            };
            handle_out(call, alipay_notify_notification_free, m, 2)
        }),
        case!(alipay_notify_verifier_verify_return, 3, |f, m| {
            let (b, bl) = c(&f.body);
            let call = |o, e| {
                alipay_notify_verifier_verify_return(p(m, 0, f.verifier), p(m, 1, b), bl, o, e)
            };
            handle_out(call, alipay_notify_notification_free, m, 2)
        }),
        case!(alipay_notify_verifier_verify_params, 4, |f, m| {
            let mut signed = ptr::null_mut();
            common::ok(|e| alipay_notify_params_new(&mut signed, e));
            let mut sign = ptr::null_mut();
            common::ok(|e| alipay_notify_signer_sign(f.signer, f.params, &mut sign, e));
            for (name, value) in [
                ("app_id", "2021000000000000"),
                ("out_trade_no", "T1001"),
                ("total_amount", "88.00"),
                ("trade_status", "TRADE_SUCCESS"),
                ("sign", CStr::from_ptr(sign).to_str().unwrap()),
            ] {
                let ((n, nl), (v, vl)) = (c(name), c(value));
                common::ok(|e| alipay_notify_params_add(signed, n, nl, v, vl, e));
            }
            alipay_notify_string_free(sign);
            let (k, kl) = c("notify");
            let call = |o, e| {
                alipay_notify_verifier_verify_params(
                    p(m, 0, f.verifier),
                    p(m, 1, signed),
                    p(m, 2, k),
                    kl,
                    o,
                    e,
                )
            };
            let outcome = handle_out(call, alipay_notify_notification_free, m, 3);
            alipay_notify_params_free(signed);
            outcome
        }),
        case!(alipay_notify_verifier_is_valid_notify, 3, |f, m| {
            let (b, bl) = c(&f.body);
            value_out(
                false,
                |o, e| {
                    alipay_notify_verifier_is_valid_notify(
                        p(m, 0, f.verifier),
                        p(m, 1, b),
                        bl,
                        o,
                        e,
                    )
                },
                m,
                2,
            )
        }),
        case!(alipay_notify_verifier_verify_response, 3, |f, m| {
            let (b, bl) = c(&f.response_body);
            let call = |o, e| {
                alipay_notify_verifier_verify_response(
                    p(m, 0, f.verifier),
                    p(m, 1, b),
                    bl,
                    ptr::null(),
                    0,
                    o,
                    e,
                )
            };
            handle_out(call, alipay_notify_response_free, m, 2)
        }),
        // Notification.
        case!(alipay_notify_notification_get, 3, |f, m| {
            let (n, nl) = c("out_trade_no");
            text_out(
                |o, l, e| {
                    alipay_notify_notification_get(p(m, 0, f.notification), p(m, 1, n), nl, o, l, e)
                },
                m,
                2,
            )
        }),
        case!(alipay_notify_notification_param_count, 2, |f, m| {
            value_out(
                LEN,
                |o, e| alipay_notify_notification_param_count(p(m, 0, f.notification), o, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_notification_param, 3, |f, m| {
            let (mut name, mut value, mut nl, mut vl) = (S, S, LEN, LEN);
            let (status, code) = run(|e| {
                alipay_notify_notification_param(
                    p(m, 0, f.notification),
                    0,
                    pm(m, 1, &raw mut name),
                    &raw mut nl,
                    pm(m, 2, &raw mut value),
                    &raw mut vl,
                    e,
                )
            });
            (
                status,
                code,
                name == S && value == S && nl == LEN && vl == LEN,
            )
        }),
        case!(alipay_notify_notification_to_json, 2, |f, m| {
            string_out(
                |o, e| alipay_notify_notification_to_json(p(m, 0, f.notification), o, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_notification_kind, 2, |f, m| {
            text_out(
                |o, l, e| alipay_notify_notification_kind(p(m, 0, f.notification), o, l, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_notification_rule, 2, |f, m| {
            text_out(
                |o, l, e| alipay_notify_notification_rule(p(m, 0, f.notification), o, l, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_notification_empty_values, 2, |f, m| {
            text_out(
                |o, l, e| alipay_notify_notification_empty_values(p(m, 0, f.notification), o, l, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_notification_sign_type, 2, |f, m| {
            text_out(
                |o, l, e| alipay_notify_notification_sign_type(p(m, 0, f.notification), o, l, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_notification_charset, 2, |f, m| {
            text_out(
                |o, l, e| alipay_notify_notification_charset(p(m, 0, f.notification), o, l, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_notification_key_fingerprint, 2, |f, m| {
            text_out(
                |o, l, e| {
                    alipay_notify_notification_key_fingerprint(p(m, 0, f.notification), o, l, e)
                },
                m,
                1,
            )
        }),
        case!(alipay_notify_notification_key_index, 2, |f, m| {
            value_out(
                -7,
                |o, e| alipay_notify_notification_key_index(p(m, 0, f.notification), o, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_notification_trade_status, 2, |f, m| {
            text_out(
                |o, l, e| alipay_notify_notification_trade_status(p(m, 0, f.notification), o, l, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_notification_is_paid, 2, |f, m| {
            value_out(
                false,
                |o, e| alipay_notify_notification_is_paid(p(m, 0, f.notification), o, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_notification_amount_fen, 3, |f, m| {
            let (n, nl) = c("total_amount");
            value_out(
                -7,
                |o, e| {
                    alipay_notify_notification_amount_fen(
                        p(m, 0, f.notification),
                        p(m, 1, n),
                        nl,
                        o,
                        ptr::null_mut(),
                        e,
                    )
                },
                m,
                2,
            )
        }),
        case!(alipay_notify_notification_order_amount_fen, 2, |f, m| {
            value_out(
                -7,
                |o, e| {
                    alipay_notify_notification_order_amount_fen(
                        p(m, 0, f.notification),
                        o,
                        ptr::null_mut(),
                        e,
                    )
                },
                m,
                1,
            )
        }),
        case!(alipay_notify_notification_check_order, 3, |f, m| {
            let ((o, ol), (a, al)) = (c("T1001"), c("88.00"));
            status_only(|e| {
                alipay_notify_notification_check_order(
                    p(m, 0, f.notification),
                    p(m, 1, o),
                    ol,
                    p(m, 2, a),
                    al,
                    e,
                )
            })
        }),
        case!(alipay_notify_notification_check_order_fen, 2, |f, m| {
            let (o, ol) = c("T1001");
            status_only(|e| {
                alipay_notify_notification_check_order_fen(
                    p(m, 0, f.notification),
                    p(m, 1, o),
                    ol,
                    8800,
                    e,
                )
            })
        }),
        // Response.
        case!(alipay_notify_response_method, 2, |f, m| {
            text_out(
                |o, l, e| alipay_notify_response_method(p(m, 0, f.response), o, l, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_response_node, 2, |f, m| {
            text_out(
                |o, l, e| alipay_notify_response_node(p(m, 0, f.response), o, l, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_response_content, 2, |f, m| {
            text_out(
                |o, l, e| alipay_notify_response_content(p(m, 0, f.response), o, l, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_response_get, 3, |f, m| {
            let (n, nl) = c("code");
            text_out(
                |o, l, e| alipay_notify_response_get(p(m, 0, f.response), p(m, 1, n), nl, o, l, e),
                m,
                2,
            )
        }),
        case!(alipay_notify_response_cert_sn, 2, |f, m| {
            text_out(
                |o, l, e| alipay_notify_response_cert_sn(p(m, 0, f.response), o, l, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_response_sign_type, 2, |f, m| {
            text_out(
                |o, l, e| alipay_notify_response_sign_type(p(m, 0, f.response), o, l, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_response_key_fingerprint, 2, |f, m| {
            text_out(
                |o, l, e| alipay_notify_response_key_fingerprint(p(m, 0, f.response), o, l, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_response_key_index, 2, |f, m| {
            value_out(
                -7,
                |o, e| alipay_notify_response_key_index(p(m, 0, f.response), o, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_response_is_error_response, 2, |f, m| {
            value_out(
                true,
                |o, e| alipay_notify_response_is_error_response(p(m, 0, f.response), o, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_response_is_success, 2, |f, m| {
            value_out(
                false,
                |o, e| alipay_notify_response_is_success(p(m, 0, f.response), o, e),
                m,
                1,
            )
        }),
        // Parameter lists.
        case!(alipay_notify_params_new, 1, |_f, m| {
            handle_out(
                |o, e| alipay_notify_params_new(o, e),
                alipay_notify_params_free,
                m,
                0,
            )
        }),
        case!(alipay_notify_params_add, 3, |_f, m| {
            let mut params = ptr::null_mut();
            common::ok(|e| alipay_notify_params_new(&mut params, e));
            let ((n, nl), (v, vl)) = (c("name"), c("value"));
            let outcome = status_only(|e| {
                alipay_notify_params_add(pm(m, 0, params), p(m, 1, n), nl, p(m, 2, v), vl, e)
            });
            alipay_notify_params_free(params);
            outcome
        }),
        // Signing.
        // sign_type and rule are optional (NULL: the defaults).
        case!(alipay_notify_signer_new_rsa, 2, |_f, m| {
            let key = common::key("sign.json", "alipay_a_pkcs8_pem");
            let ((k, kl), (t, tl), (r, rl)) = (c(&key), c("RSA2"), c("v1"));
            let call = |o, e| alipay_notify_signer_new_rsa(p(m, 0, k), kl, t, tl, r, rl, o, e);
            handle_out(call, alipay_notify_signer_free, m, 1)
        }),
        case!(alipay_notify_signer_new_md5, 2, |_f, m| {
            let (k, kl) = c("md5-key");
            handle_out(
                |o, e| alipay_notify_signer_new_md5(p(m, 0, k), kl, o, e),
                alipay_notify_signer_free,
                m,
                1,
            )
        }),
        case!(alipay_notify_signer_sign, 3, |f, m| {
            string_out(
                |o, e| alipay_notify_signer_sign(p(m, 0, f.signer), p(m, 1, f.params), o, e),
                m,
                2,
            )
        }),
        case!(alipay_notify_signer_signed_form, 3, |f, m| {
            string_out(
                |o, e| alipay_notify_signer_signed_form(p(m, 0, f.signer), p(m, 1, f.params), o, e),
                m,
                2,
            )
        }),
        // Diagnosis.
        case!(alipay_notify_diagnose_options_new, 1, |_f, m| {
            handle_out(
                |o, e| alipay_notify_diagnose_options_new(o, e),
                alipay_notify_diagnose_options_free,
                m,
                0,
            )
        }),
        case!(
            alipay_notify_diagnose_options_add_app_public_key,
            2,
            |f, m| {
                let (k, kl) = c(&f.public_key);
                on_diagnose_options(m, |o| {
                    status_only(|e| {
                        alipay_notify_diagnose_options_add_app_public_key(o, p(m, 1, k), kl, e)
                    })
                })
            }
        ),
        case!(
            alipay_notify_diagnose_options_set_app_private_key,
            2,
            |_f, m| {
                let (k, kl) = c("key");
                on_diagnose_options(m, |o| {
                    status_only(|e| {
                        alipay_notify_diagnose_options_set_app_private_key(o, p(m, 1, k), kl, e)
                    })
                })
            }
        ),
        case!(alipay_notify_diagnose_options_set_kind, 2, |_f, m| {
            let (k, kl) = c("return");
            on_diagnose_options(m, |o| {
                status_only(|e| alipay_notify_diagnose_options_set_kind(o, p(m, 1, k), kl, e))
            })
        }),
        case!(alipay_notify_diagnose_options_set_text, 3, |_f, m| {
            let ((n, nl), (v, vl)) = (c("kind"), c("return"));
            on_diagnose_options(m, |o| {
                status_only(|e| {
                    alipay_notify_diagnose_options_set_text(o, p(m, 1, n), nl, p(m, 2, v), vl, e)
                })
            })
        }),
        case!(alipay_notify_diagnose_options_set_texts, 4, |f, m| {
            let (n, nl) = c("app_public_keys");
            let (values, lens) = ([f.public_key.as_ptr().cast()], [f.public_key.len()]);
            on_diagnose_options(m, |o| {
                status_only(|e| {
                    let (v, l) = (p(m, 2, values.as_ptr()), p(m, 3, lens.as_ptr()));
                    alipay_notify_diagnose_options_set_texts(o, p(m, 1, n), nl, v, l, 1, e)
                })
            })
        }),
        // No diagnosis option takes a number or a time (yet): valid arguments are refused.
        case!(alipay_notify_diagnose_options_set_integer, 2, valid 302, |_f, m| {
            let (n, nl) = c("kind");
            on_diagnose_options(m, |o| {
                status_only(|e| alipay_notify_diagnose_options_set_integer(o, p(m, 1, n), nl, 1, e))
            })
        }),
        case!(alipay_notify_diagnose_options_set_time, 2, valid 302, |_f, m| {
            let (n, nl) = c("kind");
            on_diagnose_options(m, |o| {
                status_only(|e| alipay_notify_diagnose_options_set_time(o, p(m, 1, n), nl, 1, e))
            })
        }),
        case!(alipay_notify_verifier_diagnose, 3, |f, m| {
            let (b, bl) = c(&f.body);
            string_out(
                |o, e| {
                    alipay_notify_verifier_diagnose(
                        p(m, 0, f.verifier),
                        p(m, 1, b),
                        bl,
                        f.diagnose_options,
                        o,
                        e,
                    )
                },
                m,
                2,
            )
        }),
        case!(alipay_notify_verifier_diagnose_response, 3, |f, m| {
            let (b, bl) = c(&f.response_body);
            string_out(
                |o, e| {
                    alipay_notify_verifier_diagnose_response(
                        p(m, 0, f.verifier),
                        p(m, 1, b),
                        bl,
                        ptr::null(),
                        0,
                        f.diagnose_options,
                        o,
                        e,
                    )
                },
                m,
                2,
            )
        }),
        case!(alipay_notify_diagnose, 3, |f, m| {
            let (b, bl) = c(&f.body);
            string_out(
                |o, e| {
                    alipay_notify_diagnose(
                        p(m, 0, f.options),
                        p(m, 1, b),
                        bl,
                        f.diagnose_options,
                        o,
                        e,
                    )
                },
                m,
                2,
            )
        }),
        // Certificates.
        case!(alipay_notify_cert_sn, 2, |_f, m| {
            let pem = common::key("cert.json", "n4_alipay_cert");
            let (t, tl) = c(&pem);
            string_out(|o, e| alipay_notify_cert_sn(p(m, 0, t), tl, o, e), m, 1)
        }),
        case!(alipay_notify_root_cert_sn, 2, |_f, m| {
            let pem = common::key("cert.json", "ys_root");
            let (t, tl) = c(&pem);
            string_out(
                |o, e| alipay_notify_root_cert_sn(p(m, 0, t), tl, o, e),
                m,
                1,
            )
        }),
        // Legacy.
        case!(alipay_notify_legacy_notify_verify_url, 3, |_f, m| {
            let ((pa, pl), (n, nl)) = (c("2088101122136241"), c("notify-id"));
            string_out(
                |o, e| {
                    alipay_notify_legacy_notify_verify_url(
                        ptr::null(),
                        0,
                        p(m, 0, pa),
                        pl,
                        p(m, 1, n),
                        nl,
                        o,
                        e,
                    )
                },
                m,
                2,
            )
        }),
        case!(alipay_notify_printable, 2, |_f, m| {
            let (t, tl) = c("name\r\n");
            string_out(
                |o, e| alipay_notify_printable(p(m, 0, t), tl, 40, o, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_legacy_classify_notify_verify, 1, |_f, m| {
            let (a, al) = c("true");
            status_only(|e| alipay_notify_legacy_classify_notify_verify(p(m, 0, a), al, e))
        }),
        // SM2 (国密): rule is optional (NULL: v1).
        case!(alipay_notify_signer_new_sm2, 2, |_f, m| {
            let key = common::key("sm2.json", "sm2_a_private_pem");
            let ((k, kl), (r, rl)) = (c(&key), c("v1"));
            let call = |o, e| alipay_notify_signer_new_sm2(p(m, 0, k), kl, r, rl, o, e);
            handle_out(call, alipay_notify_signer_free, m, 1)
        }),
    ];
    cases.extend(v3::cases());
    cases.extend(wap::cases());
    cases.extend(ledger::cases());
    // AES-encrypted content (encrypt_type=AES).
    cases.extend(super::aes::null_cases());
    cases
}
