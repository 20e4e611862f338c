//! A preview of the signed content that a merchant can compare with Alipay's own tool,
//! without personal data.

use super::printable::printable;

/// The content with personal data masked and long values shortened.
pub(super) fn preview(content: &[u8]) -> String {
    const PERSONAL: &[&str] = &[
        "buyer_logon_id",
        "buyer_email",
        "buyer_id",
        "buyer_open_id",
        "seller_email",
    ];
    let text = String::from_utf8_lossy(content);
    let parts: Vec<String> = text
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) if PERSONAL.contains(&name) => format!("{name}={}", mask(value)),
            Some((name, value)) if value.chars().count() > 48 => {
                format!("{name}={}…", value.chars().take(40).collect::<String>())
            }
            _ => pair.to_string(),
        })
        .collect();
    let joined = parts.join("&");
    // Cut before escaping, so that no escape is cut in half.
    if joined.chars().count() > 1200 {
        printable(&joined.chars().take(1200).collect::<String>()) + "…"
    } else {
        printable(&joined)
    }
}

fn mask(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() <= 4 {
        return "*".repeat(chars.len());
    }
    let keep = 2;
    format!(
        "{}{}{}",
        chars[..keep].iter().collect::<String>(),
        "*".repeat(chars.len() - 2 * keep),
        chars[chars.len() - keep..].iter().collect::<String>()
    )
}
