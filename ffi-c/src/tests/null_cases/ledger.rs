//! The NULL cases of the ledger-row and reconciliation exports (issue 13).

use super::*;

const APP_ID: &str = "2021000000000000";
/// The order the fixture's `alipay.trade.query` answer is about.
const ORDER: &str = "20240102102028001";

/// A query request for the fixture's response, and that response verified as its answer.
struct Trade {
    request: *mut alipay_notify_trade_request,
    result: *mut alipay_notify_trade_result,
}

impl Trade {
    fn new(f: &Fixture) -> Trade {
        let mut t = Trade {
            request: ptr::null_mut(),
            result: ptr::null_mut(),
        };
        let ((a, al), (o, ol), (b, bl)) = (c(APP_ID), c(ORDER), c(&f.response_body));
        // SAFETY: every pointer passed below is valid for the call.
        unsafe {
            common::ok(|e| {
                alipay_notify_trade_request_query(a, al, o, ol, ptr::null(), 0, &mut t.request, e)
            });
            common::ok(|e| {
                alipay_notify_trade_request_verify_response(
                    t.request,
                    f.verifier,
                    b,
                    bl,
                    &mut t.result,
                    e,
                )
            });
        }
        t
    }
}

impl Drop for Trade {
    fn drop(&mut self) {
        // SAFETY: handles from the library, freed once.
        unsafe {
            alipay_notify_trade_result_free(self.result);
            alipay_notify_trade_request_free(self.request);
        }
    }
}

pub(super) fn cases() -> Vec<Case> {
    vec![
        case!(alipay_notify_notification_ledger_entry_json, 3, |f, m| {
            let (b, bl) = c(&f.body);
            string_out(
                |o, e| {
                    alipay_notify_notification_ledger_entry_json(
                        p(m, 0, f.notification),
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
        case!(alipay_notify_rejected_ledger_entry_json, 3, |f, m| {
            let ((s, sl), (b, bl)) = (c("notify"), c(&f.body));
            string_out(
                |o, e| {
                    alipay_notify_rejected_ledger_entry_json(
                        p(m, 0, s),
                        sl,
                        p(m, 1, b),
                        bl,
                        200,
                        o,
                        e,
                    )
                },
                m,
                2,
            )
        }),
        // The two trade numbers are optional pointers (exactly one is given): not in the mask.
        case!(alipay_notify_trade_request_query, 2, |_f, m| {
            let ((a, al), (o, ol)) = (c(APP_ID), c(ORDER));
            handle_out(
                |r, e| {
                    alipay_notify_trade_request_query(p(m, 0, a), al, o, ol, ptr::null(), 0, r, e)
                },
                alipay_notify_trade_request_free,
                m,
                1,
            )
        }),
        case!(alipay_notify_trade_request_close, 2, |_f, m| {
            let ((a, al), (o, ol)) = (c(APP_ID), c(ORDER));
            handle_out(
                |r, e| {
                    alipay_notify_trade_request_close(p(m, 0, a), al, ptr::null(), 0, o, ol, r, e)
                },
                alipay_notify_trade_request_free,
                m,
                1,
            )
        }),
        case!(alipay_notify_trade_request_refund_query, 3, |_f, m| {
            let ((a, al), (q, ql), (o, ol)) = (c(APP_ID), c("R1"), c(ORDER));
            handle_out(
                |r, e| {
                    alipay_notify_trade_request_refund_query(
                        p(m, 0, a),
                        al,
                        p(m, 1, q),
                        ql,
                        o,
                        ol,
                        ptr::null(),
                        0,
                        r,
                        e,
                    )
                },
                alipay_notify_trade_request_free,
                m,
                2,
            )
        }),
        case!(alipay_notify_trade_request_signed_form, 3, |f, m| {
            let t = Trade::new(f);
            let key = common::key("sign.json", "alipay_a_pkcs8_pem");
            let ((k, kl), (s, sl)) = (c(&key), c("2024-01-02 10:30:00"));
            string_out(
                |o, e| {
                    alipay_notify_trade_request_signed_form(
                        p(m, 0, t.request),
                        p(m, 1, k),
                        kl,
                        s,
                        sl,
                        o,
                        e,
                    )
                },
                m,
                2,
            )
        }),
        case!(alipay_notify_trade_request_verify_response, 4, |f, m| {
            let t = Trade::new(f);
            let (b, bl) = c(&f.response_body);
            handle_out(
                |r, e| {
                    alipay_notify_trade_request_verify_response(
                        p(m, 0, t.request),
                        p(m, 1, f.verifier),
                        p(m, 2, b),
                        bl,
                        r,
                        e,
                    )
                },
                alipay_notify_trade_result_free,
                m,
                3,
            )
        }),
        case!(alipay_notify_trade_result_to_json, 2, |f, m| {
            let t = Trade::new(f);
            string_out(
                |o, e| alipay_notify_trade_result_to_json(p(m, 0, t.result), o, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_trade_result_ledger_entry_json, 2, |f, m| {
            let t = Trade::new(f);
            string_out(
                |o, e| alipay_notify_trade_result_ledger_entry_json(p(m, 0, t.result), o, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_trade_result_is_success, 2, |f, m| {
            let t = Trade::new(f);
            value_out(
                false,
                |o, e| alipay_notify_trade_result_is_success(p(m, 0, t.result), o, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_trade_result_is_not_found, 2, |f, m| {
            let t = Trade::new(f);
            value_out(
                true,
                |o, e| alipay_notify_trade_result_is_not_found(p(m, 0, t.result), o, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_trade_result_is_paid, 2, |f, m| {
            let t = Trade::new(f);
            value_out(
                false,
                |o, e| alipay_notify_trade_result_is_paid(p(m, 0, t.result), o, e),
                m,
                1,
            )
        }),
    ]
}
