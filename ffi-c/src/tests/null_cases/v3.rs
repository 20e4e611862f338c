//! The NULL cases of the OpenAPI v3 exports (issue 11, family A).

use super::*;

const BODY: &str = "{\"code\":\"10000\"}";
const TS: &str = "1717756911576";

/// A v3 response verified by the fixture's verifier, its headers and a v3 signer.
struct V3 {
    headers: *mut alipay_notify_params,
    response: *mut alipay_notify_v3_response,
    signer: *mut alipay_notify_v3_signer,
    private_key: String,
}

impl V3 {
    fn new(f: &Fixture) -> V3 {
        let private_key = common::key("sign.json", "alipay_a_pkcs8_pem");
        let key = alipay_notify::PrivateKey::parse(&private_key).unwrap();
        let signature = alipay_notify::v3::sign_response(&key, TS, "n", BODY.as_bytes()).unwrap();
        let mut v3 = V3 {
            headers: ptr::null_mut(),
            response: ptr::null_mut(),
            signer: ptr::null_mut(),
            private_key,
        };
        // SAFETY: every pointer passed below is valid for the call.
        unsafe {
            common::ok(|e| alipay_notify_params_new(&mut v3.headers, e));
            for (name, value) in [
                ("Alipay-Timestamp", TS),
                ("alipay-nonce", "n"),
                ("alipay-signature", signature.as_str()),
            ] {
                let ((n, nl), (v, vl)) = (c(name), c(value));
                common::ok(|e| alipay_notify_params_add(v3.headers, n, nl, v, vl, e));
            }
            let (b, bl) = c(BODY);
            common::ok(|e| {
                alipay_notify_verifier_verify_v3(f.verifier, v3.headers, b, bl, &mut v3.response, e)
            });
            let ((k, kl), (a, al)) = (c(&v3.private_key), c("2014060600164699"));
            common::ok(|e| {
                alipay_notify_v3_signer_new(k, kl, a, al, ptr::null(), 0, &mut v3.signer, e)
            });
        }
        v3
    }
}

impl Drop for V3 {
    fn drop(&mut self) {
        // SAFETY: each handle came from the library and is freed once.
        unsafe {
            alipay_notify_params_free(self.headers);
            alipay_notify_v3_response_free(self.response);
            alipay_notify_v3_signer_free(self.signer);
        }
    }
}

pub(super) fn cases() -> Vec<Case> {
    vec![
        case!(
            alipay_notify_verifier_options_set_max_response_age,
            1,
            |_f, m| {
                on_options(m, |o| {
                    status_only(|e| alipay_notify_verifier_options_set_max_response_age(o, 300, e))
                })
            }
        ),
        case!(alipay_notify_verifier_verify_v3, 4, |f, m| {
            let v3 = V3::new(f);
            let (b, bl) = c(BODY);
            let call = |o, e| {
                alipay_notify_verifier_verify_v3(
                    p(m, 0, f.verifier),
                    p(m, 1, v3.headers),
                    p(m, 2, b),
                    bl,
                    o,
                    e,
                )
            };
            handle_out(call, alipay_notify_v3_response_free, m, 3)
        }),
        case!(alipay_notify_verifier_verify_v3_at, 4, |f, m| {
            let v3 = V3::new(f);
            let (b, bl) = c(BODY);
            let call = |o, e| {
                alipay_notify_verifier_verify_v3_at(
                    p(m, 0, f.verifier),
                    p(m, 1, v3.headers),
                    p(m, 2, b),
                    bl,
                    1_717_756_911_576,
                    o,
                    e,
                )
            };
            handle_out(call, alipay_notify_v3_response_free, m, 3)
        }),
        case!(alipay_notify_verifier_diagnose_v3, 4, |f, m| {
            let v3 = V3::new(f);
            let (b, bl) = c(BODY);
            string_out(
                |o, e| {
                    alipay_notify_verifier_diagnose_v3(
                        p(m, 0, f.verifier),
                        p(m, 1, v3.headers),
                        p(m, 2, b),
                        bl,
                        f.diagnose_options,
                        o,
                        e,
                    )
                },
                m,
                3,
            )
        }),
        case!(alipay_notify_v3_response_body, 2, |f, m| {
            let v3 = V3::new(f);
            text_out(
                |o, l, e| alipay_notify_v3_response_body(p(m, 0, v3.response), o, l, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_v3_response_timestamp, 2, |f, m| {
            let v3 = V3::new(f);
            text_out(
                |o, l, e| alipay_notify_v3_response_timestamp(p(m, 0, v3.response), o, l, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_v3_response_nonce, 2, |f, m| {
            let v3 = V3::new(f);
            text_out(
                |o, l, e| alipay_notify_v3_response_nonce(p(m, 0, v3.response), o, l, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_v3_response_cert_sn, 2, |f, m| {
            let v3 = V3::new(f);
            text_out(
                |o, l, e| alipay_notify_v3_response_cert_sn(p(m, 0, v3.response), o, l, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_v3_response_key_fingerprint, 2, |f, m| {
            let v3 = V3::new(f);
            text_out(
                |o, l, e| alipay_notify_v3_response_key_fingerprint(p(m, 0, v3.response), o, l, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_v3_response_key_index, 2, |f, m| {
            let v3 = V3::new(f);
            value_out(
                -7,
                |o, e| alipay_notify_v3_response_key_index(p(m, 0, v3.response), o, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_v3_signer_new, 3, |f, m| {
            let v3 = V3::new(f);
            let ((k, kl), (a, al)) = (c(&v3.private_key), c("2014060600164699"));
            let call = |o, e| {
                alipay_notify_v3_signer_new(p(m, 0, k), kl, p(m, 1, a), al, ptr::null(), 0, o, e)
            };
            handle_out(call, alipay_notify_v3_signer_free, m, 2)
        }),
        case!(alipay_notify_v3_signer_authorization, 5, |f, m| {
            let v3 = V3::new(f);
            let ((me, ml), (u, ul), (b, bl)) = (c("POST"), c("/v3/alipay/trade/query"), c(BODY));
            string_out(
                |o, e| {
                    alipay_notify_v3_signer_authorization(
                        p(m, 0, v3.signer),
                        p(m, 1, me),
                        ml,
                        p(m, 2, u),
                        ul,
                        p(m, 3, b),
                        bl,
                        ptr::null(),
                        0,
                        o,
                        e,
                    )
                },
                m,
                4,
            )
        }),
        case!(alipay_notify_v3_signer_authorization_at, 5, |f, m| {
            let v3 = V3::new(f);
            let ((me, ml), (u, ul), (b, bl)) = (c("GET"), c("/v3/alipay/trade/query"), c(""));
            let (n, nl) = c("nonce-1");
            string_out(
                |o, e| {
                    alipay_notify_v3_signer_authorization_at(
                        p(m, 0, v3.signer),
                        p(m, 1, me),
                        ml,
                        p(m, 2, u),
                        ul,
                        p(m, 3, b),
                        bl,
                        ptr::null(),
                        0,
                        n,
                        nl,
                        1_717_756_911_576,
                        o,
                        e,
                    )
                },
                m,
                4,
            )
        }),
    ]
}
