//! 消息服务 messages: what Alipay pushes to the app gateway with `msg_method`, a JSON
//! `biz_content`, `utc_timestamp` and `version=1.1` (`alipay.fund.trans.order.changed`, …).
//! They are signed under the V1 rule, so they verify as any notification; these accessors read
//! their fields.

use super::Notification;
use crate::error::{Error, ErrorKind, Result};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

impl Notification {
    /// `msg_method`: the message's topic, for example `alipay.fund.trans.order.changed`.
    pub fn msg_method(&self) -> Option<&str> {
        self.get("msg_method")
    }

    /// `biz_content`, parsed from the JSON text that was signed (`MALFORMED_INPUT` when it is
    /// not JSON). 消息服务 and 生活号 messages carry their payload there.
    pub fn biz_content(&self) -> Result<Option<serde_json::Value>> {
        self.get("biz_content")
            .map(|text| {
                serde_json::from_str(text).map_err(|_| {
                    Error::new(ErrorKind::MalformedInput, "biz_content is not valid JSON")
                })
            })
            .transpose()
    }

    /// `utc_timestamp` as Alipay sends it: milliseconds since 1970-01-01 UTC
    /// (`1642588201981`). Anything but 1 to 15 ASCII digits is `MALFORMED_INPUT`.
    pub fn utc_timestamp_millis(&self) -> Result<Option<i64>> {
        self.get("utc_timestamp")
            .map(|text| {
                let digits = text.len() <= 15 && !text.is_empty();
                match text.parse::<i64>() {
                    Ok(ms) if digits && text.bytes().all(|b| b.is_ascii_digit()) => Ok(ms),
                    _ => Err(Error::new(
                        ErrorKind::MalformedInput,
                        format!(
                            "utc_timestamp {:?} is not milliseconds since 1970",
                            crate::charset::printable_prefix(text.as_bytes(), 24)
                        ),
                    )),
                }
            })
            .transpose()
    }

    /// [`Notification::utc_timestamp_millis`] as a point in time.
    pub fn utc_timestamp(&self) -> Result<Option<SystemTime>> {
        Ok(self
            .utc_timestamp_millis()?
            .map(|ms| UNIX_EPOCH + Duration::from_millis(ms.unsigned_abs())))
    }
}

#[cfg(test)]
mod tests {
    use crate::ErrorKind;
    use crate::charset::Charset;
    use crate::notify::{MessageKind, Notification, Verification};
    use crate::sign_type::{EmptyValues, MatchedRule, SignType};
    use std::time::{Duration, UNIX_EPOCH};

    fn message(params: &[(&str, &str)]) -> Notification {
        Notification::from_text_pairs(
            params
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            Verification {
                kind: MessageKind::Notify,
                rule: MatchedRule::V1,
                empty_values: EmptyValues::Skipped,
                sign_type: SignType::Rsa2,
                charset: Charset::Utf8,
                key_index: Some(0),
                key_fingerprint: None,
            },
        )
    }

    #[test]
    fn reads_the_message_service_fields() {
        let n = message(&[
            ("msg_method", "alipay.fund.trans.order.changed"),
            (
                "biz_content",
                r#"{"status":"SUCCESS","trans_amount":"0.10"}"#,
            ),
            ("utc_timestamp", "1642588201981"),
        ]);
        assert_eq!(n.msg_method(), Some("alipay.fund.trans.order.changed"));
        assert_eq!(n.biz_content().unwrap().unwrap()["status"], "SUCCESS");
        assert_eq!(n.utc_timestamp_millis().unwrap(), Some(1_642_588_201_981));
        assert_eq!(
            n.utc_timestamp().unwrap(),
            Some(UNIX_EPOCH + Duration::from_millis(1_642_588_201_981))
        );
        let none = message(&[("a", "1")]);
        assert_eq!(none.msg_method(), None);
        assert_eq!(none.biz_content().unwrap(), None);
        assert_eq!(none.utc_timestamp().unwrap(), None);
    }

    #[test]
    fn rejects_what_is_not_a_millisecond_count() {
        for bad in [
            "",
            "-1",
            "+5",
            "1.5",
            "2022-01-19 18:30:01",
            "1234567890123456",
            " 1",
        ] {
            let n = message(&[("utc_timestamp", bad)]);
            assert_eq!(
                n.utc_timestamp_millis().unwrap_err().kind(),
                ErrorKind::MalformedInput,
                "{bad:?}"
            );
        }
        let n = message(&[("biz_content", "{not json")]);
        assert_eq!(
            n.biz_content().unwrap_err().kind(),
            ErrorKind::MalformedInput
        );
    }
}
