//! The sandbox's HTML: escaping and one page layout.

/// `text` safe inside HTML text and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A whole page around `body` (already HTML).
pub(crate) fn page(title: &str, head_extra: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · Alipay sandbox</title>{head_extra}<style>{STYLE}</style></head>\
         <body><header>支付宝沙箱 · Alipay sandbox (127.0.0.1)</header><main>{body}</main></body></html>\n",
        title = escape(title)
    )
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;background:#f5f7fa;color:#222}\
header{background:#1677ff;color:#fff;padding:12px 24px;font-weight:600}\
main{max-width:960px;margin:24px auto;padding:0 16px}\
.card{background:#fff;border-radius:8px;padding:24px;box-shadow:0 1px 3px #0002;margin-bottom:16px}\
.amount{font-size:2em;font-weight:700;color:#ff4d00}\
button{font-size:1em;padding:10px 28px;border-radius:6px;border:1px solid #1677ff;cursor:pointer;margin-right:8px}\
button.pay{background:#1677ff;color:#fff}button.cancel{background:#fff;color:#1677ff}\
.warn{color:#a35200}.ok{color:#237804}.bad{color:#cf1322}\
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:6px;text-align:left;font-size:.9em}\
fieldset{border:1px solid #ddd;border-radius:6px;margin:16px 0}code{word-break:break-all}";
