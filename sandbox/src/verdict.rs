//! What Alipay makes of a merchant's reply to a notification.

/// The verdict on one delivery attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// HTTP 200 and exactly `success`: Alipay stops retrying.
    Acknowledged,
    /// Not accepted by Alipay, though a human would read it as success: `SUCCESS`, `success`
    /// with whitespace or HTML around it, a redirect, `success` with another status than 200.
    /// Alipay keeps retrying; the merchant's code has a bug.
    NearMiss,
    /// Anything else: an error, `fail`, no answer.
    Failed,
}

impl Verdict {
    /// `acknowledged`, `near_miss` or `failed`, as the JSON API writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Acknowledged => "acknowledged",
            Verdict::NearMiss => "near_miss",
            Verdict::Failed => "failed",
        }
    }
}

/// The verdict on a reply with HTTP `status` (`None`: no HTTP answer) and `body`.
pub fn classify(status: Option<u16>, body: &[u8]) -> Verdict {
    let Some(status) = status else {
        return Verdict::Failed;
    };
    if status == 200 && body == b"success" {
        return Verdict::Acknowledged;
    }
    if (300..400).contains(&status) {
        return Verdict::NearMiss;
    }
    let text = String::from_utf8_lossy(body);
    if without_tags(&text).trim().eq_ignore_ascii_case("success") {
        Verdict::NearMiss
    } else {
        Verdict::Failed
    }
}

/// The text outside `<...>` tags: `<html><body>success</body></html>` reads `success`.
fn without_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_exactly_success_with_200_is_acknowledged() {
        assert_eq!(classify(Some(200), b"success"), Verdict::Acknowledged);
        for (status, body) in [
            (200, &b"SUCCESS"[..]),
            (200, b"success\n"),
            (200, b" success "),
            (200, b"\xef\xbb\xbfsuccess"),
            (200, b"<html><body>success</body></html>"),
            (302, b""),
            (301, b"success"),
            (500, b"success"),
            (201, b"success"),
        ] {
            let verdict = classify(Some(status), body);
            // A byte-order mark is whitespace to no one: it stays a failure.
            let expected = if body.starts_with(b"\xef") {
                Verdict::Failed
            } else {
                Verdict::NearMiss
            };
            assert_eq!(verdict, expected, "{status} {body:?}");
        }
        for (status, body) in [
            (Some(200), &b"fail"[..]),
            (Some(200), b""),
            (Some(500), b"Internal Server Error"),
            (Some(200), b"unsuccessful"),
            (None, b"success"),
        ] {
            assert_eq!(
                classify(status, body),
                Verdict::Failed,
                "{status:?} {body:?}"
            );
        }
    }
}
