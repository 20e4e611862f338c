//! The findings a diagnosis can make: stable codes, explanations in English and Chinese, and
//! the fix.

use super::Finding;

/// One kind of finding.
#[derive(Clone, Copy)]
pub(super) struct Entry {
    pub code: &'static str,
    explanation: &'static str,
    explanation_zh: &'static str,
    fix: &'static str,
    fix_zh: &'static str,
}

impl Entry {
    pub(super) fn finding(&self, certain: bool, detail: &str) -> Finding {
        // Details quote the message: whatever a check passes, no control character gets out.
        let detail = super::printable::printable(detail);
        let with_detail = |text: &str| {
            if detail.is_empty() {
                text.to_string()
            } else {
                format!("{text} ({detail})")
            }
        };
        Finding {
            code: self.code,
            certain,
            explanation: with_detail(self.explanation),
            explanation_zh: with_detail(self.explanation_zh),
            fix: self.fix.to_string(),
            fix_zh: self.fix_zh.to_string(),
        }
    }
}

macro_rules! entries {
    ($($name:ident: $en:expr, $zh:expr, $fix:expr, $fix_zh:expr;)*) => {
        $(pub(super) const $name: Entry = Entry {
            code: stringify!($name),
            explanation: $en,
            explanation_zh: $zh,
            fix: $fix,
            fix_zh: $fix_zh,
        };)*
        /// Every finding code, for documentation and binding tests.
        pub const ALL_CODES: &[&str] = &[$(stringify!($name)),*];
        const ALL_ENTRIES: &[Entry] = &[$($name),*];
    };
}

entries! {
    APP_PUBLIC_KEY_CONFIGURED:
        "The configured key is your app's own public key (应用公钥), not Alipay's public key.",
        "配置的是应用公钥，而不是支付宝公钥。",
        "Configure the Alipay public key (支付宝公钥) shown next to your app key in the Alipay console.",
        "在开放平台「接口加签方式」中复制「支付宝公钥」并配置为验签公钥。";
    SIGNED_WITH_APP_KEY:
        "The message verifies with your app's public key: it was signed by your own private key, so it is a request your side built, not a message from Alipay.",
        "该报文可用应用公钥验签通过：它由您自己的应用私钥签名，是您发出的请求，而非支付宝的通知。",
        "Verify only what Alipay posts to notify_url or redirects to return_url, with Alipay's public key.",
        "只对支付宝发到 notify_url / return_url 的报文验签，并使用支付宝公钥。";
    HTML_ESCAPED:
        "Values were HTML-escaped before verification (&quot; instead of \"), typically fund_bill_list passed through a framework's input filter.",
        "参数值在验签前被 HTML 转义（如 &quot;），常见于 fund_bill_list 经过框架的输入过滤。",
        "Verify the raw request body (php://input, request.body), not the framework's filtered parameters.",
        "使用原始请求体验签（php://input、request.body），不要使用框架过滤后的参数。";
    PLUS_BECAME_SPACE:
        "A literal '+' in a value arrived as a space: the value was decoded one time too many.",
        "参数值中的「+」变成了空格：参数被多解码了一次。",
        "Pass the raw body to the verifier and remove any extra urldecode / decodeURIComponent.",
        "把原始请求体交给验签，去掉多余的 urldecode / decodeURIComponent。";
    ALREADY_DECODED:
        "The input had already been URL-decoded once before it reached the verifier, so it was decoded twice.",
        "输入在验签前已被 URL 解码过一次，导致被解码两次。",
        "Give the verifier the body exactly as received (not a string rebuilt from decoded parameters).",
        "把收到的原始报文原样交给验签，不要用解码后的参数重新拼接。";
    ENCODED_TWICE:
        "Values were URL-encoded twice in transit (%25XX): decoding once leaves %XX sequences.",
        "参数值在传输中被 URL 编码了两次（%25XX）。",
        "Find the proxy or client that re-encodes the body and forward it unchanged.",
        "检查转发报文的代理或程序，保证报文原样转发。";
    LIST_VALUES:
        "Values are framework lists (['RSA2'] or [\"…\"]) instead of strings.",
        "参数值是框架的列表形式（如 ['RSA2']），而不是字符串。",
        "Use the raw body, or take the single value of each parameter (request.POST.dict(), not lists).",
        "使用原始请求体，或取每个参数的单个值（而不是列表）。";
    WRONG_CHARSET:
        "The body was transcoded between charsets before verification; the signature covers the bytes in the message's charset.",
        "报文在验签前被转换了字符集；签名针对的是报文 charset 对应的原始字节。",
        "Verify the raw body bytes without converting them; decode to text only after verification.",
        "直接使用原始字节验签，不要转码；验签通过后再解码。";
    CHARSET_DOES_NOT_FIT:
        "Some values are not valid text in the message's declared charset.",
        "部分参数值不符合报文声明的 charset。",
        "Check that nothing rewrote the body; for legacy messages without charset set the default charset (input_charset).",
        "确认报文未被改写；旧版接口没有 charset 参数时请配置默认字符集（input_charset）。";
    UNSIGNED_EXTRA_PARAMS:
        "Parameters that Alipay did not sign were added to the message (router or rewrite parameters, or a query string on notify_url).",
        "报文中混入了支付宝未签名的参数（路由/重写参数，或 notify_url 上自带的查询参数）。",
        "Verify only the POST body Alipay sent; keep your own parameters out of notify_url or drop them before verifying.",
        "只对支付宝 POST 的报文体验签；不要在 notify_url 上附加参数，或在验签前去掉它们。";
    UNKNOWN_PARAMS_PRESENT:
        "The message has parameters Alipay does not usually send; removing them did not make it verify.",
        "报文中有支付宝通常不会发送的参数；去掉它们后仍未验签通过。",
        "Check where these parameters come from.",
        "检查这些参数的来源。";
    MERGED_QUERY_AND_BODY:
        "A parameter appears twice: the query string and the body were merged, and the first values verify.",
        "参数重复出现：查询参数与报文体被合并了，取第一次出现的值可以验签通过。",
        "Verify the POST body alone, never a merge of query and body ($_REQUEST, req.Form).",
        "只对 POST 报文体验签，不要合并查询参数与报文体（如 $_REQUEST）。";
    DUPLICATE_PARAMETER:
        "A parameter name occurs more than once, which Alipay never sends.",
        "同名参数出现多次，支付宝不会这样发送。",
        "Verify the raw body Alipay sent.",
        "使用支付宝发送的原始报文验签。";
    SIGN_TYPE_NOT_ALLOWED:
        "The signature is valid, but its sign_type is not in your verifier's allowlist.",
        "签名有效，但其 sign_type 不在验签允许的列表中。",
        "If your app really uses this sign type, add it to sign_types (RSA2 is recommended; switch the app to RSA2 in the console).",
        "如果应用确实使用该签名方式，请加入 sign_types（推荐在开放平台改用 RSA2）。";
    RULE_V2_NEEDED:
        "The message verifies only with sign_type included in the signed content (rsaCheckV2): an app-gateway message.",
        "该报文只有把 sign_type 计入签名内容（rsaCheckV2）时才能验签通过：这是应用网关消息。",
        "Use rule v2 (or auto) for app-gateway messages.",
        "应用网关消息请使用 v2（或 auto）规则。";
    RULE_V1_NEEDED:
        "The message verifies only with sign_type left out of the signed content (rsaCheckV1).",
        "该报文只有在不计入 sign_type 时（rsaCheckV1）才能验签通过。",
        "Use rule v1 (or auto) for trade notifications and return_url.",
        "交易通知与 return_url 请使用 v1（或 auto）规则。";
    WAP_VERIFIED_AS_SORTED:
        "A legacy WAP notification (service, v, sec_id, notify_data) was verified as a sorted message: Alipay signs it in the fixed order service=…&v=…&sec_id=…&notify_data=…, not sorted by name.",
        "旧版手机网页支付（WAP）通知被当作排序后的报文验签：支付宝按固定顺序 service=…&v=…&sec_id=…&notify_data=… 签名，不按参数名排序。",
        "Use rule auto (the default) or wap, which verify it in that fixed order.",
        "使用默认的 auto 规则或 wap 规则，按固定顺序验签。";
    LEGACY_KEY_OR_TYPE:
        "The signature is valid under a more lenient configuration (RSA with SHA-1, or a 1024-bit key).",
        "签名在更宽松的配置下有效（RSA/SHA1 或 1024 位密钥）。",
        "Allow the sign type or key size your app really uses (sign_types, min_key_bits), or move the app to RSA2.",
        "按应用实际情况配置 sign_types / min_key_bits，或将应用升级为 RSA2。";
    SIGNATURE_ENCODED_TWICE:
        "The sign value still contains %2B/%2F/%3D: it was URL-encoded twice.",
        "sign 中仍含 %2B/%2F/%3D：被 URL 编码了两次。",
        "Forward the body unchanged; decode it exactly once.",
        "原样转发报文，只解码一次。";
    SIGNATURE_URL_SAFE:
        "The sign value uses URL-safe base64 ('-' and '_'): something re-encoded it.",
        "sign 使用了 URL 安全的 base64（'-' 和 '_'），被改写过。",
        "Pass the sign exactly as Alipay sent it.",
        "请原样传入支付宝发送的 sign。";
    SIGNATURE_LINE_BREAKS:
        "The sign value contains line breaks: it was wrapped or re-encoded.",
        "sign 中含有换行，被折行或改写过。",
        "Pass the sign exactly as Alipay sent it.",
        "请原样传入支付宝发送的 sign。";
    SIGNATURE_TRUNCATED:
        "The signature is shorter than the key: it was cut off (a column size, a log line, a copy and paste).",
        "签名长度短于密钥长度：被截断了（数据库字段长度、日志、复制粘贴）。",
        "Store and pass the whole sign value.",
        "完整保存并传入 sign。";
    SIGNATURE_NOT_BASE64:
        "The sign value is not base64.",
        "sign 不是 base64。",
        "Pass the sign exactly as Alipay sent it.",
        "请原样传入支付宝发送的 sign。";
    SIGN_SPACES_REPAIRED:
        "The sign arrived with spaces where '+' belongs (an unencoded '+' in a query); they were repaired.",
        "sign 中的「+」以空格形式到达（查询串中未编码的「+」），已自动修复。",
        "Nothing to do; URL-encode the sign if you forward it.",
        "无需处理；转发时请对 sign 进行 URL 编码。";
    RULE_V2:
        "The message is an app-gateway message: sign_type is part of the signed content (rule v2).",
        "这是应用网关消息：sign_type 参与签名（v2 规则）。",
        "Nothing to do.",
        "无需处理。";
    EMPTY_VALUES_SIGNED:
        "Empty values are part of the signed content here (the signer did not skip them).",
        "此报文的空值参与了签名（签名方未剔除空值）。",
        "Nothing to do.",
        "无需处理。";
    BODY_IS_JSON:
        "The body is JSON, not a form: notifications are application/x-www-form-urlencoded.",
        "报文是 JSON 而不是表单：异步通知是 application/x-www-form-urlencoded。",
        "Verify the raw form body. A signed API response or a mini-program open-data envelope (JSON) is verified with verify_response / verify_open_data and diagnosed with diagnose_response; a v3 response body with verify_v3 / diagnose_v3 and its headers (CLI: diagnose --kind response or --kind v3).",
        "对原始表单报文验签。同步响应或小程序开放数据（JSON）请用 verify_response / verify_open_data 验签、用 diagnose_response 诊断；v3 响应请连同响应头用 verify_v3 / diagnose_v3（命令行：diagnose --kind response 或 --kind v3）。";
    BODY_IS_MULTIPART:
        "The body is multipart/form-data, not the form Alipay sends.",
        "报文是 multipart/form-data，而不是支付宝发送的表单格式。",
        "Verify the raw application/x-www-form-urlencoded body Alipay posts.",
        "对支付宝 POST 的原始 application/x-www-form-urlencoded 报文验签。";
    NOT_A_FORM:
        "The input is not a form body or query string.",
        "输入不是表单报文或查询串。",
        "Pass the raw body (notify) or query string (return_url).",
        "传入原始报文体（notify）或查询串（return_url）。";
    INPUT_TOO_LARGE:
        "The input is larger than the configured limit.",
        "输入超过了配置的大小上限。",
        "Raise max_size only if your messages really are this large.",
        "仅当报文确实这么大时才调大 max_size。";
    MISSING_SIGNATURE:
        "The message has no sign parameter.",
        "报文中没有 sign 参数。",
        "Verify the message Alipay sent, with all its parameters.",
        "请对支付宝发送的完整报文验签。";
    UNSUPPORTED_CHARSET:
        "The message's charset is not one Alipay signs in, or parsed parameters were given for a non-UTF-8 message.",
        "报文的 charset 不受支持，或对非 UTF-8 报文传入了已解析的参数。",
        "Pass the raw body.",
        "请传入原始报文。";
    SANDBOX_MESSAGE:
        "The app_id looks like a sandbox app: sandbox messages are signed with the sandbox's Alipay public key.",
        "app_id 看起来是沙箱应用：沙箱报文需用沙箱环境的支付宝公钥验签。",
        "Use the Alipay public key of the same environment (sandbox or production) and app.",
        "使用同一环境（沙箱/正式）、同一应用的支付宝公钥。";
    OTHER_APP_MESSAGE:
        "The message is for another app_id than the configured one; each app has its own Alipay public key.",
        "报文的 app_id 与配置的不同；每个应用的支付宝公钥各不相同。",
        "Verify it with the Alipay public key of the app it names, or check why that app's notify_url points here.",
        "使用报文中 app_id 对应应用的支付宝公钥验签，或检查该应用的 notify_url 为何指向这里。";
    AMBIGUOUS_SIGNED_CONTENT:
        "The signature is genuine, but the signed text also reads as other parameters: a value holds text such as &total_amount=…, so the message can be re-split. Either someone re-split a genuine message to change or hide fields (an attack), or your app put unencoded query text in a field such as passback_params, which Alipay requires URL-encoded.",
        "签名是真实的，但签名原文还能被拆分成另一组参数：某个参数值中含有形如 &total_amount=… 的文本。这要么是有人把一条真实报文重新拆分以篡改或隐藏字段（攻击），要么是您的应用在 passback_params 等字段中放入了未做 URL 编码的查询串（支付宝要求此类值先做 URL 编码）。",
        "Reject the message. If the field is filled by your own app, URL-encode its value when you create the order (urlencode / encodeURIComponent). Only if you cannot, list that field in allow_embedded_pairs, accepting that fields which sort after it can be hidden inside it.",
        "拒绝该报文。如果该字段由您的应用填写，请在下单时先对其做 URL 编码（urlencode / encodeURIComponent）；实在无法修改时，才把该字段加入 allow_embedded_pairs，并接受排序在它之后的字段可能被藏入其中的风险。";
    BUSINESS_MISMATCH:
        "The signature is valid, but the message is not for your app, seller or order.",
        "签名有效，但报文不属于您的应用、卖家或订单。",
        "Check the app_id / seller_id configuration and the order lookup; never mark such an order paid.",
        "检查 app_id / seller_id 配置与订单查询；不要将该订单标记为已支付。";
    V3_BODY_REENCODED:
        "The v3 body was parsed and encoded again (json.dumps, json_encode, JSON.stringify, a pretty-printer) before verification: Alipay signs the exact bytes it sent, compact JSON.",
        "v3 响应体在验签前被解析后重新编码（json.dumps、json_encode、JSON.stringify、格式化工具）：支付宝签名的是它发送的原始字节（紧凑 JSON）。",
        "Pass the raw body bytes (requests' response.content, PHP's (string) $response->getBody(), Node's text before JSON.parse), never re-encoded JSON.",
        "传入原始响应体字节（requests 的 response.content、PHP 的 (string) $response->getBody()、Node 中 JSON.parse 之前的文本），不要传重新编码的 JSON。";
    BODY_TRAILING_WHITESPACE:
        "The v3 body ends with whitespace Alipay did not send (a line break added by a shell, an editor or a logger): the signature covers every byte.",
        "v3 响应体末尾多了支付宝未发送的空白（shell、编辑器或日志加上的换行）：签名覆盖每一个字节。",
        "Pass the body exactly as received (curl -o, printf '%s'; not echo).",
        "原样传入收到的响应体（curl -o、printf '%s'，不要用 echo）。";
    ENCRYPTED_RESPONSE_UNQUOTED:
        "The signature covers the encrypted string without its quotes; Alipay signs it as a JSON string, quotes included (\"...\"): this was signed by a mock or a proxy, never by Alipay.",
        "签名针对的是去掉引号的密文；支付宝签名时包含引号（\"...\"）：该报文由模拟服务或代理签名，而非支付宝。",
        "Refuse it. Test against Alipay's sandbox, or fix the mock to sign the quoted string as Alipay does.",
        "拒绝该报文。请使用支付宝沙箱测试，或修正模拟服务，像支付宝一样对带引号的字符串签名。";
    RESPONSE_REENCODED:
        "The *_response node was parsed and encoded again (spaces, \\u or \\/ escapes changed) before verification: Alipay signs the node's exact text.",
        "*_response 节点在验签前被解析后重新编码（空格、\\u 或 \\/ 转义被改变）：支付宝签名的是节点的原始文本。",
        "Pass the raw HTTP body, unchanged, not re-serialized JSON.",
        "传入原始 HTTP 响应体，不要传重新序列化的 JSON。";
    RESPONSE_UNSIGNED:
        "The response carries no signature: a proxy or gateway answered, Alipay could not tell which app called (error responses), or the signature headers were not passed.",
        "响应没有签名：由代理或网关返回、支付宝无法识别调用方应用（错误响应），或未传入签名响应头。",
        "Pass every header and the raw body; check app_id and the gateway URL. Never trust an unsigned response.",
        "传入全部响应头与原始响应体；检查 app_id 与网关地址。不要信任未签名的响应。";
    NOT_A_RESPONSE:
        "The input is not an Alipay API response (a JSON object with one *_response member and sign) nor an open-data envelope.",
        "输入不是支付宝同步响应（含一个 *_response 成员与 sign 的 JSON 对象），也不是开放数据报文。",
        "Pass the raw HTTP body of the API call, or the open-data text the front end received.",
        "传入接口调用的原始 HTTP 响应体，或前端收到的开放数据文本。";
    BODY_IS_FORM:
        "The input is a form, not a JSON response: a notification or return_url query.",
        "输入是表单而不是 JSON 响应：这是异步通知或 return_url 查询串。",
        "Diagnose it with diagnose (CLI: diagnose --kind notify or --kind return).",
        "请使用 diagnose 诊断（命令行：diagnose --kind notify 或 --kind return）。";
    V3_HEADERS_INCOMPLETE:
        "A signed header (alipay-timestamp, alipay-nonce) is missing or not one line of printable ASCII: the signature covers them with the body.",
        "签名覆盖的响应头（alipay-timestamp、alipay-nonce）缺失或不是一行可打印 ASCII。",
        "Pass every header of the response as received.",
        "原样传入响应的全部响应头。";
    METHOD_MISMATCH:
        "The signature is valid, but the response answers another API method than the one given.",
        "签名有效，但响应对应的接口方法与传入的不同。",
        "Check that the response belongs to this request; never act on another call's response.",
        "确认响应属于本次请求；不要使用其他调用的响应。";
    AES_KEY_MISMATCH:
        "The signature is valid, but the content does not decrypt with the configured aes_key (or none is configured).",
        "签名有效，但内容无法用配置的 aes_key 解密（或未配置 aes_key）。",
        "Configure this app's AES key (接口内容加密密钥, in the Alipay console's 开发设置).",
        "配置该应用的接口内容加密密钥（开放平台「开发设置」）。";
    CERT_SN_UNKNOWN:
        "The response names an Alipay certificate (alipay_cert_sn / alipay-sn) that none of the configured certificates has: Alipay rotated its certificate.",
        "响应中的支付宝证书序列号与配置的证书都不匹配：支付宝已更换证书。",
        "Download the new Alipay certificate (alipay.open.app.alipaycert.download) and add it; if no rotation is expected, do not trust the response.",
        "下载新的支付宝公钥证书（alipay.open.app.alipaycert.download）并加入配置；如不应更换证书，请勿信任该响应。";
    KEY_OR_CONTENT_UNKNOWN:
        "No known corruption explains the failure: most likely the key is not the one that signed (another app's Alipay public key, sandbox vs production, or your app public key), or the message was changed.",
        "未发现已知的报文损坏：最可能是密钥不对（其他应用的支付宝公钥、沙箱与正式环境混用、或配置了应用公钥），或报文被篡改。",
        "Copy the Alipay public key (支付宝公钥) of this app_id and environment from the console, and verify the raw body.",
        "从开放平台复制该 app_id 所在环境的支付宝公钥，并使用原始报文验签。";
}

/// The catalog's text for `code`, without a message's details.
pub(super) fn entry(code: &str) -> Option<&'static Entry> {
    ALL_ENTRIES.iter().find(|entry| entry.code == code)
}

/// Parameters Alipay sends in notifications and return_url redirects (OpenAPI and legacy
/// mapi); anything else is a suspect when a signature fails.
const KNOWN_FIELDS: &[&str] = &[
    "app_id",
    "auth_app_id",
    "body",
    "buyer_email",
    "buyer_id",
    "buyer_logon_id",
    "buyer_open_id",
    "buyer_pay_amount",
    "charset",
    "discount",
    "exterface",
    "fund_bill_list",
    "gmt_close",
    "gmt_create",
    "gmt_payment",
    "gmt_refund",
    "invoice_amount",
    "is_success",
    "is_total_fee_adjust",
    "method",
    "notify_id",
    "notify_time",
    "notify_type",
    "out_biz_no",
    "out_trade_no",
    "passback_params",
    "payment_type",
    "point_amount",
    "price",
    "quantity",
    "receipt_amount",
    "refund_fee",
    "seller_email",
    "seller_id",
    "sign",
    "sign_type",
    "subject",
    "timestamp",
    "total_amount",
    "total_fee",
    "trade_no",
    "trade_status",
    "use_coupon",
    "version",
    "voucher_detail_list",
    "biz_content",
    "service",
    "msg_method",
    "utc_timestamp",
    "send_back_fee",
    "refund_status",
    "extra_common_param",
    "hb_fq_pay_info",
    "merchant_app_id",
    "trade_fund_bill_list",
    "buyer_user_type",
    "enterprise_pay_info",
    "refund_preset_paytool_list",
    // Legacy WAP notifications.
    "v",
    "sec_id",
    "notify_data",
];

pub(super) fn is_known_field(name: &[u8]) -> bool {
    KNOWN_FIELDS.iter().any(|known| known.as_bytes() == name)
}
