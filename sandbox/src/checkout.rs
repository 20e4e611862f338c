//! The checkout page (收银台): the order, its amount, Pay and Cancel, and the faults to rehearse.

use crate::html::{escape, page};
use crate::pay::{Faults, NotifyTiming};
use crate::store::Order;

/// How the request's signature went, as the page tells the merchant.
pub(crate) enum SignatureNote {
    Verified,
    Unchecked,
}

/// ` checked` when `on`, for a checkbox's default.
fn checked(on: bool) -> &'static str {
    if on { " checked" } else { "" }
}

/// ` selected` when `on`, for an option's default.
fn selected(on: bool) -> &'static str {
    if on { " selected" } else { "" }
}

/// The page; the fault controls start at `defaults` (the sandbox's --fault flags).
pub(crate) fn page_html(order: &Order, note: SignatureNote, defaults: &Faults) -> String {
    let no = escape(&order.out_trade_no);
    let signature = match note {
        SignatureNote::Verified => {
            "<p class=\"ok\">请求签名已用应用公钥验证 · The request's signature \
             was verified with your app public key.</p>"
                .to_string()
        }
        SignatureNote::Unchecked => {
            "<p class=\"warn\">未校验请求签名：沙箱启动时没有 --app-public-key · \
             The request's signature was NOT checked: the sandbox was started without \
             --app-public-key.</p>"
                .to_string()
        }
    };
    let timing = defaults.notify;
    let (dup, drop_return) = (checked(defaults.duplicate), checked(defaults.drop_return));
    let drop_notify = checked(defaults.drop_notify);
    let gbk = checked(defaults.charset.as_deref() == Some("GBK"));
    let rsa = checked(defaults.sign_type.as_deref() == Some("RSA"));
    let (normal, early, late) = (
        selected(timing == NotifyTiming::Normal),
        selected(timing == NotifyTiming::Early),
        selected(timing == NotifyTiming::Late),
    );
    let actions = if order.status == "WAIT_BUYER_PAY" {
        format!(
            "<form method=\"post\" action=\"/checkout/{no}/pay\" id=\"pay-form\">\
             <fieldset><legend>故障演练 · Faults to rehearse (optional)</legend>\
             <label><input type=\"checkbox\" name=\"duplicate\" value=\"1\"{dup}> 重复通知 · deliver the \
             notification twice</label><br>\
             <label>通知时机 · notify timing <select name=\"notify\">\
             <option value=\"normal\"{normal}>正常 · right after the return</option>\
             <option value=\"early\"{early}>先于跳转 · before the return redirect</option>\
             <option value=\"late\"{late}>延迟 · long after the return</option></select></label><br>\
             <label><input type=\"checkbox\" name=\"drop_return\" value=\"1\"{drop_return}> 掉单 · drop the \
             return redirect</label><br>\
             <label><input type=\"checkbox\" name=\"drop_notify\" value=\"1\"{drop_notify}> 不发通知 \
             · drop the notification (paid, but only a query finds it)</label><br>\
             <label><input type=\"checkbox\" name=\"charset\" value=\"GBK\"{gbk}> GBK 编码 · GBK \
             charset</label><br>\
             <label><input type=\"checkbox\" name=\"sign_type\" value=\"RSA\"{rsa}> RSA (SHA1) 签名 · \
             RSA instead of RSA2</label></fieldset>\
             <button type=\"submit\" class=\"pay\" id=\"pay\">确认付款 · Pay</button>\
             <button type=\"submit\" class=\"cancel\" id=\"cancel\" \
             formaction=\"/checkout/{no}/cancel\">取消 · Cancel</button></form>"
        )
    } else {
        format!(
            "<p>订单状态 · Order status: <b>{}</b></p>",
            escape(&order.status)
        )
    };
    let body = format!(
        "<div class=\"card\"><h1>{subject}</h1>\
         <p class=\"amount\" id=\"amount\">¥ {amount}</p>\
         <p>商户订单号 · out_trade_no: <code id=\"out-trade-no\">{no}</code><br>\
         支付宝交易号 · trade_no: <code>{trade_no}</code><br>\
         app_id: <code>{app_id}</code> · {method}</p>{signature}{actions}</div>",
        subject = escape(&order.subject),
        amount = escape(&order.total_amount),
        trade_no = escape(&order.trade_no),
        app_id = escape(&order.app_id),
        method = escape(&order.method),
    );
    page("收银台 Checkout", "", &body)
}

/// A page that explains a refused request, with Alipay's error fields.
pub(crate) fn error_html(sub_code: &str, sub_msg: &str) -> String {
    let body = format!(
        "<div class=\"card\"><h1 class=\"bad\">支付宝请求错误 · Invalid request</h1>\
         <p>错误代码 · code: <code id=\"sub-code\">{}</code></p><p>{}</p>\
         <pre>{{\"code\":\"40002\",\"msg\":\"Invalid Arguments\",\"sub_code\":\"{}\"}}</pre></div>",
        escape(sub_code),
        escape(sub_msg),
        escape(sub_code)
    );
    page("错误 Error", "", &body)
}

/// What the buyer sees when the return redirect is dropped (掉单), or after Cancel.
pub(crate) fn message_html(title: &str, text: &str, link: Option<&str>) -> String {
    let link = link
        .map(|url| {
            format!(
                "<p><a href=\"{}\">返回商户 · Back to the shop</a></p>",
                escape(url)
            )
        })
        .unwrap_or_default();
    let body = format!(
        "<div class=\"card\"><h1>{}</h1><p>{}</p>{link}</div>",
        escape(title),
        escape(text)
    );
    page(title, "", &body)
}
