//! The NULL cases of the legacy-family exports (issue 11, family C): app results and the
//! 消息服务 accessors.

use super::*;

pub(super) fn cases() -> Vec<Case> {
    vec![
        // The fixture's form body is no app result: the valid call's refusal is the status.
        case!(alipay_notify_verifier_verify_app_result, 3, valid 100, |f, m| {
            let (b, bl) = c(&f.body);
            let call = |o, e| {
                alipay_notify_verifier_verify_app_result(p(m, 0, f.verifier), p(m, 1, b), bl, o, e)
            };
            handle_out(call, alipay_notify_notification_free, m, 2)
        }),
        case!(alipay_notify_notification_msg_method, 2, |f, m| {
            text_out(
                |o, l, e| alipay_notify_notification_msg_method(p(m, 0, f.notification), o, l, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_notification_biz_content, 2, |f, m| {
            text_out(
                |o, l, e| alipay_notify_notification_biz_content(p(m, 0, f.notification), o, l, e),
                m,
                1,
            )
        }),
        case!(alipay_notify_notification_utc_timestamp_ms, 2, |f, m| {
            let mut present = true;
            value_out(
                i64::MIN,
                |o, e| {
                    alipay_notify_notification_utc_timestamp_ms(
                        p(m, 0, f.notification),
                        o,
                        &raw mut present,
                        e,
                    )
                },
                m,
                1,
            )
        }),
    ]
}
