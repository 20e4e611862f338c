//! Text taken from a message, made safe to log: a diagnosis ends up in log files and terminals,
//! where a CR, LF or ESC from a forged message could fake log lines or drive the terminal.

/// `text` with each control character (and each character that breaks or reorders a line:
/// U+2028, U+2029, the bidirectional overrides) replaced by a visible escape, so the merchant
/// still sees what was there: `\r`, `\n`, `\t`, `\x1b`, `\u{202e}`.
pub(crate) fn printable(text: &str) -> String {
    if !text.chars().any(needs_escape) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_ascii_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// At most `max` characters of untrusted bytes (invalid UTF-8 shown as U+FFFD) as
/// [`printable`] text, with `…` when cut: a name or value quoted in a finding.
pub(crate) fn printable_bytes(bytes: &[u8], max: usize) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut chars = text.chars();
    let mut out = printable(&chars.by_ref().take(max).collect::<String>());
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

/// Names quoted in a finding: the first few, each shortened, and how many more there are.
pub(crate) fn name_list(names: &[&[u8]]) -> String {
    const SHOWN: usize = 10;
    let mut list = names
        .iter()
        .take(SHOWN)
        .map(|name| printable_bytes(name, 40))
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        list.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    list
}

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_visibly_and_keeps_other_text() {
        assert_eq!(printable("a\r\nb\x1b[31mc\td"), "a\\r\\nb\\x1b[31mc\\td");
        assert_eq!(
            printable("x\u{7f}\u{85}\u{202e}y"),
            "x\\x7f\\u{85}\\u{202e}y"
        );
        assert_eq!(printable("订单 a\\b \"ok\""), "订单 a\\b \"ok\"");
    }

    #[test]
    fn shortens_long_bytes_and_lists() {
        assert_eq!(printable_bytes(b"abcdef", 4), "abcd…");
        assert_eq!(printable_bytes(b"ab\ncd", 5), "ab\\ncd");
        assert_eq!(printable_bytes(&[0x66, 0xff], 4), "f\u{fffd}");
        let names: Vec<Vec<u8>> = (0..12).map(|i| format!("n{i}").into_bytes()).collect();
        let names: Vec<&[u8]> = names.iter().map(Vec::as_slice).collect();
        assert_eq!(
            name_list(&names),
            "n0, n1, n2, n3, n4, n5, n6, n7, n8, n9 and 2 more"
        );
        assert_eq!(name_list(&names[..2]), "n0, n1");
    }
}
