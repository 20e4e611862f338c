"""Family C vectors (wap.json): legacy WAP notifications, mobile.securitypay app results and
消息服务 messages. Independent of the Rust code: messages are built from their fields and signed
with pyca `cryptography` (or hashlib for MD5) in the byte rules of docs/rules.md §11. The
real messages are copied below with their sources and checked against their keys before they
are written; they are never signed here.

Called by generate.py as `vectors(ctx, g)`, where `g` is generate.py's namespace.
"""

import base64
import hashlib
import json
import urllib.parse

from cryptography.hazmat.primitives import serialization

DESCRIPTION = (
    "Legacy WAP notifications (fixed order service, v, sec_id, notify_data; trade fields from "
    "the notify_data XML), legacy mobile.securitypay app results (quoted pairs, signed before "
    "&sign_type=) and 消息服务 messages (msg_method, biz_content, utc_timestamp). Synthetic ones "
    "signed by tests/vectors/families/wap.py; real ones cite their source.")

MD5_KEY = "wap-partner-key-0123456789abcdef"
# Finding codes whose diagnosis vectors are in this family's file.
DIAGNOSE_CODES = {"WAP_VERIFIED_AS_SORTED"}
SERVICE = "alipay.wap.trade.create.direct"
WAP_ORDER = ("service", "v", "sec_id", "notify_data")

# Real messages: copied byte for byte from the cited sources.
REAL_ALIPAY_LEGACY_KEY_SOURCE = (
    "MyGitHubFork/iOSBasicCommonDemos@fed8b0fbe7453b79941c1a3d4af7b5a36984a6f0:"
    "支付宝SDK2.0标准版(20150317)/DEMO/服务端demo/JAVA-UTF-8/src/com/alipay/config/"
    "AlipayConfig.java (ali_public_key, \"支付宝的公钥，无需修改该值\": Alipay's 1024-bit mapi key)")
REAL_ALIPAY_LEGACY_KEY = (
    "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCnxj/9qwVfgoUh/y2W89L6BkRAFljhNhgPdyPuBV64bfQNN1Pj"
    "bCzkIM6qRdKBoLPXmKKMiFYnkd6rAoprih3/PrQEB/VsW8OoM8fxn67UDYuyBTqA23MML9q1+ilIZwBC2AQ2UBVO"
    "rFXfFl75p6/B5KsiNG9zpgmLCUYuLkxpLQIDAQAB")
TOBIAS_SOURCE = ("OpenFlutter/tobias@43574cdf6fc2fb434678c145e3f6ea5e71f2357b:README.md line 58 "
                 "(\"Result sample\" of pay(); the same in README_CN.md line 77)")
TOBIAS_RESULT = (
    'partner="2088411752388544"&seller_id="etongka123@163.com"&out_trade_no="180926084213001"'
    '&subject="test pay"&total_fee="0.01"&notify_url="http://127.0.0.1/alipay001"'
    '&service="mobile.securitypay.pay"&payment_type="1"&_input_charset="utf-8"&it_b_pay="30m"'
    '&return_url="m.alipay.com"&success="true"&sign_type="RSA"&sign="nCZ8MDhsNvYNAbrLZJZ2VUy6vyd'
    'gAp+JCq1aQo6ORDYtI9zwtnja3qNGQNiDJCuktoIj7fSTM487XhjPDqnOreZjIA1GJpxu9D1I3nMXIn1M7DfZ0noDw'
    'XcYZ438/jbYac7g8mhpwdKGweLCAni9mO3Y6q3iBFkox8i9PcsGxJY="')
LXNENG_SOURCE = ("lxneng/alipay@08f4a3ea41045d0c6845de1d2432512771a32828:src/alipay/tests.py "
                 "(test_wap_notifyurl, lines 187-196; MD5 with that test's key \"key\", so signed "
                 "by the library's author, not by Alipay)")
LXNENG_NOTIFY_DATA = (
    "<notify><payment_type>1</payment_type><subject>测试</subject><trade_no>2014080239826696</tr"
    "ade_no><buyer_email>xxx@gmail.com</buyer_email><gmt_create>2014-08-02 14:49:13</gmt_create>"
    "<notify_type>trade_status_sync</notify_type><quantity>1</quantity><out_trade_no>BD8Y9JQ2LT8M"
    "VXLMT34RTUWEMMBAXMIGBVQGF5CQNZHPYPQHSD4MEI56NQD2OLNV</out_trade_no><notify_time>2014-08-02 15"
    ":14:25</notify_time><seller_id>2088411445328172</seller_id><trade_status>TRADE_FINISHED</tra"
    "de_status><is_total_fee_adjust>N</is_total_fee_adjust><total_fee>0.03</total_fee><gmt_payme"
    "nt>2014-08-02 14:49:27</gmt_payment><seller_email>lxneng@gmail.com</seller_email><gmt_close>"
    "2014-08-02 14:49:27</gmt_close><price>0.03</price><buyer_id>2088002293077967</buyer_id><noti"
    "fy_id>6a40ac71fcf17d99b5274b0c6c8970ea7c</notify_id><use_coupon>N</use_coupon></notify>")
LXNENG_SIGN = "1f0a524dc51ed5bfc7ee2bac62e39534"


def md5_hex(data, key=MD5_KEY):
    return hashlib.md5(data + key.encode()).hexdigest()


def xml_escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def notify_xml(fields):
    return "<notify>" + "".join(
        "<%s>%s</%s>" % (k, xml_escape(v), k) for k, v in fields) + "</notify>"


def trade_fields(**over):
    fields = [
        ("payment_type", "1"), ("subject", "WAP 测试订单"), ("trade_no", "2016010221001004880200000009"),
        ("buyer_email", "buyer@example.com"), ("gmt_create", "2016-01-02 10:20:28"),
        ("notify_type", "trade_status_sync"), ("quantity", "1"),
        ("out_trade_no", "W20160102001"), ("notify_time", "2016-01-02 10:20:31"),
        ("seller_id", "2088101122136241"), ("trade_status", "TRADE_SUCCESS"),
        ("is_total_fee_adjust", "N"), ("total_fee", "0.01"),
        ("gmt_payment", "2016-01-02 10:20:30"), ("seller_email", "merchant@example.com"),
        ("price", "0.01"), ("buyer_id", "2088102122524333"),
        ("notify_id", "c2ac4c7e5d2b8e1c7f2ac5a7e4e6b1wap1"), ("use_coupon", "N"),
    ]
    out = []
    for k, v in fields:
        if k in over:
            v = over.pop(k)
        if v is not None:
            out.append((k, v))
    out.extend(over.items())
    return out


def wap_content(values, codec="utf-8"):
    return b"&".join(k.encode() + b"=" + values[k].encode(codec) for k in WAP_ORDER)


def wap_body(g, values, sign, codec="utf-8", order=("service", "sign", "sec_id", "v",
                                                      "notify_data")):
    """The POST body as Alipay sends it (parameter order as in published messages)."""
    pairs = []
    for k in order:
        if k == "sign":
            pairs.append((b"sign", sign.encode()))
        else:
            pairs.append((k.encode(), values[k].encode(codec)))
    return g.wire(pairs)


def wap_out(values, fields):
    out = {k: values[k] for k in WAP_ORDER}
    for k, v in fields:
        out[k] = v
    return out


def typed_of(fields):
    d = dict(fields)
    if "trade_status" not in d:
        return None
    return {"trade_status": d["trade_status"],
            "is_paid": d["trade_status"] in ("TRADE_SUCCESS", "TRADE_FINISHED")}


def wap_vectors(ctx, g):
    V = []

    def add(vid, comment, **kw):
        V.append(g.vector("wap-" + vid, comment, "wap_notify", **kw))

    fields = trade_fields()
    xml = notify_xml(fields)
    md5_values = {"service": SERVICE, "v": "1.0", "sec_id": "MD5", "notify_data": xml}
    md5_sig = md5_hex(wap_content(md5_values))
    md5_body = wap_body(g, md5_values, md5_sig)
    md5_opts = {"md5_key": MD5_KEY}
    out = wap_out(md5_values, fields)
    order_ok = {"out_trade_no": "W20160102001", "total_amount": "0.01", "error": None}
    add("md5-notify", "A legacy WAP (alipay.wap.trade.create.direct) notification with "
        "sec_id=MD5: md5(service=…&v=…&sec_id=…&notify_data=… + key), in that fixed order. The "
        "result holds the four signed parameters, then the trade fields of notify_data.",
        input=md5_body, keys=[], options=md5_opts, valid=("wap", None, out),
        typed=typed_of(fields), check_order=order_ok)
    add("md5-check-order-amount", "check_order compares total_fee from the XML.",
        input=md5_body, keys=[], options=md5_opts, valid=("wap", None, out),
        typed=typed_of(fields), check_order=dict(order_ok, total_amount="0.10",
                                                 error="AMOUNT_MISMATCH"))
    add("md5-rule-wap", "Rule wap forces the fixed order.", input=md5_body, keys=[],
        options=dict(md5_opts, rule="wap"), valid=("wap", None, out), typed=typed_of(fields))
    add("md5-rule-v1-sorted", "Rule v1 reads the message sorted by name "
        "(notify_data, sec_id, service, v): the MD5 no longer matches.", input=md5_body,
        keys=[], options=dict(md5_opts, rule="v1"), error="INVALID_SIGNATURE")
    add("md5-wrong-key", "Another partner key.", input=md5_body, keys=[],
        options={"md5_key": "another-partner-key"}, error="INVALID_SIGNATURE")
    tampered = md5_body.replace("%3Ctotal_fee%3E0.01", "%3Ctotal_fee%3E9.01")
    assert tampered != md5_body
    add("md5-tampered-total-fee", "total_fee changed inside notify_data.", input=tampered,
        keys=[], options=md5_opts, error="INVALID_SIGNATURE")
    add("md5-app-id-configured", "A WAP notification has no app_id: a configured app_id "
        "refuses it.", input=md5_body, keys=[], options=dict(md5_opts, app_id="2021000117600000"),
        error="APP_ID_MISMATCH")
    add("md5-seller-id", "seller_id is read from notify_data for the seller check.",
        input=md5_body, keys=[], options=dict(md5_opts, seller_ids=["2088101122136241"]),
        valid=("wap", None, out), typed=typed_of(fields))
    sorted_sig = md5_hex(g.md5_content([(k.encode(), md5_values[k].encode())
                                        for k in WAP_ORDER]))
    add("md5-signed-sorted", "A signature over the sorted content (as a generic mapi verifier "
        "would build it) is not Alipay's WAP signature.",
        input=wap_body(g, md5_values, sorted_sig), keys=[], options=md5_opts,
        error="INVALID_SIGNATURE")

    # Escaped text and CDATA read as text.
    esc_fields = trade_fields(subject="A&B <套餐>")
    esc_values = dict(md5_values, notify_data=notify_xml(esc_fields))
    add("md5-escaped-subject", "&amp; &lt; &gt; in notify_data are XML escapes: the subject "
        "reads A&B <套餐>; the signed text keeps them escaped (no '&name=' in it).",
        input=wap_body(g, esc_values, md5_hex(wap_content(esc_values))), keys=[],
        options=md5_opts, valid=("wap", None, wap_out(esc_values, esc_fields)),
        typed=typed_of(esc_fields))

    # GBK: no charset parameter; the merchant's input_charset is default_charset.
    gbk_values = dict(md5_values)
    gbk_sig = md5_hex(wap_content(gbk_values, "gbk"))
    add("md5-gbk", "A GBK WAP notification (input_charset gbk): signed over the GBK bytes, "
        "read with default_charset GBK.", input=wap_body(g, gbk_values, gbk_sig, "gbk"),
        keys=[], options=dict(md5_opts, default_charset="GBK"),
        valid=("wap", None, out), typed=typed_of(fields))

    def hostile(vid, comment, notify_data, error="MALFORMED_INPUT"):
        values = dict(md5_values, notify_data=notify_data)
        add(vid, comment, input=wap_body(g, values, md5_hex(wap_content(values))), keys=[],
            options=md5_opts, error=error)

    hostile("md5-dtd", "notify_data with a DTD defining entities: refused (no entity is ever "
            "expanded), even though the signature verifies.",
            '<!DOCTYPE notify [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
            '<notify><subject>&b;</subject></notify>')
    hostile("md5-external-entity", "An undefined (external) entity reference.",
            "<notify><subject>&xxe;</subject></notify>")
    hostile("md5-nested", "A field holding elements.",
            "<notify><subject><a>1</a></subject></notify>")
    hostile("md5-other-root", "The root element is not <notify>.",
            "<response><subject>1</subject></response>")
    hostile("md5-not-xml", "notify_data cut off.", "<notify><subject>1</subject>")
    hostile("md5-duplicate-field", "A field twice.",
            "<notify><total_fee>0.01</total_fee><total_fee>9.99</total_fee></notify>",
            error="DUPLICATE_PARAMETER")
    hostile("md5-field-named-sec-id", "A field named like a signed parameter.",
            "<notify><sec_id>0001</sec_id></notify>", error="DUPLICATE_PARAMETER")
    hostile("md5-embedded-pair", "A value holding '&name=' (here CDATA in notify_data): the "
            "fixed-order text also reads as other parameters.",
            "<notify><subject><![CDATA[x&total_fee=9]]></subject></notify>",
            error="AMBIGUOUS_SIGNED_CONTENT")
    encrypted = dict(md5_values, sec_id="0001",
                     notify_data="EqOJXlG1CaBmdzm5xDKJseiLCZXXqToXcyeq156eEFEkYzTV6X9qo1F4dnX3")
    add("rsa-encrypted-notify-data", "An RSA-encrypted notify_data (sec_id 0001 with "
        "encryption): Alipay signs the decrypted XML; refused as not supported.",
        input=wap_body(g, encrypted, "c2ln"), keys=["legacy1024"],
        options={"sign_types": ["RSA"], "min_key_bits": 1024}, error="MALFORMED_INPUT")
    odd = dict(md5_values, sec_id="0002")
    add("sec-id-unknown", "sec_id 0002 names no algorithm.",
        input=wap_body(g, odd, md5_hex(wap_content(odd))), keys=[], options=md5_opts,
        error="SIGN_TYPE_NOT_ALLOWED")
    add("rule-wap-not-wap", "Rule wap on a message without the WAP parameters.",
        input="a=1&sign=" + md5_sig, keys=[], options=dict(md5_opts, rule="wap"),
        error="MALFORMED_INPUT")

    # sec_id 0001: SHA1withRSA, with a 1024-bit key as Alipay's WAP key.
    rsa_values = dict(md5_values, sec_id="0001")
    rsa_sig = g.rsa_sign(ctx.k["legacy1024"], wap_content(rsa_values), "RSA")
    rsa_body = wap_body(g, rsa_values, rsa_sig)
    rsa_opts = {"sign_types": ["RSA"], "min_key_bits": 1024}
    rsa_out = wap_out(rsa_values, fields)
    add("rsa-notify", "sec_id=0001: SHA1withRSA over the fixed-order content, a 1024-bit key; "
        "the merchant allows RSA and 1024-bit keys.", input=rsa_body, keys=["legacy1024"],
        options=rsa_opts, valid=("wap", 0, rsa_out), typed=typed_of(fields),
        check_order=order_ok)
    add("rsa-second-key", "Two keys configured; the second verifies.", input=rsa_body,
        keys=["alipay_a", "legacy1024"], options=rsa_opts, valid=("wap", 1, rsa_out),
        typed=typed_of(fields))
    add("rsa-not-allowed", "RSA is not in the default allowlist (RSA2 only).", input=rsa_body,
        keys=["legacy1024"], options={"min_key_bits": 1024}, error="SIGN_TYPE_NOT_ALLOWED")
    add("rsa-weak-key", "The 1024-bit key under the default min_key_bits 2048.",
        input=rsa_body, keys=["legacy1024"], options={"sign_types": ["RSA"]}, error="WEAK_KEY")
    add("rsa-wrong-key", "Another key.", input=rsa_body, keys=["alipay_a"],
        options={"sign_types": ["RSA"]}, error="INVALID_SIGNATURE")

    # Published with its key.
    lx_values = {"service": SERVICE, "v": "1.0", "sec_id": "MD5", "notify_data": LXNENG_NOTIFY_DATA}
    assert md5_hex(wap_content(lx_values), "key") == LXNENG_SIGN
    lx_fields = [(k, v) for k, v in _xml_fields(LXNENG_NOTIFY_DATA)]
    lx_body = g.wire([(k.encode(), v.encode()) for k, v in (
        ("sec_id", "MD5"), ("v", "1.0"), ("notify_data", LXNENG_NOTIFY_DATA),
        ("service", SERVICE), ("sign", LXNENG_SIGN))])
    add("published-lxneng-md5", "A WAP notification published with its MD5 key (\"key\") in "
        "lxneng/alipay's tests, in that test's parameter order; form-encoded by us.",
        input=lx_body, keys=[], options={"md5_key": "key"},
        valid=("wap", None, wap_out(lx_values, lx_fields)), typed=typed_of(lx_fields),
        check_order={"out_trade_no": "BD8Y9JQ2LT8MVXLMT34RTUWEMMBAXMIGBVQGF5CQNZHPYPQHSD4MEI56NQD2OLNV",
                     "total_amount": "0.03", "error": None},
        extra={"source": LXNENG_SOURCE})
    for rule in ("v1", "v2"):
        vid = "wap-diagnose-sorted-" + rule
        g.IDS.check(vid)
        V.append({"id": vid, "comment": "A legacy WAP notification verified with rule %s, "
                  "i.e. sorted: the diagnosis finds that it verifies in the fixed order." % rule,
                  "kind": "diagnose", "input": md5_body, "keys": [],
                  "options": dict(md5_opts, rule=rule), "expect": "diagnosis",
                  "diagnosis": {"verified": False, "causes": ["WAP_VERIFIED_AS_SORTED"],
                                "hints": []}})
    return V


def _xml_fields(xml):
    import xml.etree.ElementTree as ET
    return [(c.tag, c.text or "") for c in ET.fromstring(xml)]


def app_result_vectors(ctx, g):
    V = []

    def add(vid, comment, **kw):
        V.append(g.vector("wap-app-result-" + vid, comment, "app_result", **kw))

    pairs = [("partner", "2088101568358171"), ("seller_id", "merchant@example.com"),
             ("out_trade_no", "0819145412-6177"), ("subject", "测试"), ("body", "测试测试"),
             ("total_fee", "0.01"), ("notify_url", "http://notify.example.com/notify.htm"),
             ("service", "mobile.securitypay.pay"), ("payment_type", "1"),
             ("_input_charset", "utf-8"), ("it_b_pay", "30m"), ("success", "true")]
    content = "&".join('%s="%s"' % kv for kv in pairs)
    sig = g.rsa_sign(ctx.k["legacy1024"], content.encode(), "RSA")
    result = content + '&sign_type="RSA"&sign="%s"' % sig
    opts = {"sign_types": ["RSA"], "min_key_bits": 1024}
    out = dict(pairs)
    order_ok = {"out_trade_no": "0819145412-6177", "total_amount": "0.01", "error": None}
    add("rsa", "A mobile.securitypay.pay result: quoted pairs, unsorted; SHA1withRSA over "
        "everything before &sign_type= (quotes included).", input=result,
        keys=["legacy1024"], options=opts, valid=("app_result", 0, out), typed=False,
        check_order=order_ok)
    sig2 = g.rsa_sign(ctx.k["alipay_a"], content.encode(), "RSA2")
    add("rsa2", "The same signed RSA2 with a 2048-bit key.",
        input=content + '&sign_type="RSA2"&sign="%s"' % sig2, keys=["alipay_a"], options={},
        valid=("app_result", 0, out), typed=False)
    add("check-order-other", "check_order against another order.", input=result,
        keys=["legacy1024"], options=opts, valid=("app_result", 0, out), typed=False,
        check_order=dict(order_ok, out_trade_no="0819145412-6178", error="ORDER_MISMATCH"))
    add("tampered", "total_fee changed.", input=result.replace('total_fee="0.01"',
                                                                'total_fee="0.02"'),
        keys=["legacy1024"], options=opts, error="INVALID_SIGNATURE")
    add("sorted-content", "A signature over the sorted pairs is not the one Alipay makes.",
        input=content + '&sign_type="RSA"&sign="%s"' % g.rsa_sign(
            ctx.k["legacy1024"], "&".join('%s="%s"' % kv for kv in sorted(pairs)).encode(), "RSA"),
        keys=["legacy1024"], options=opts, error="INVALID_SIGNATURE")
    add("not-allowed", "RSA is not in the default allowlist.", input=result,
        keys=["legacy1024"], options={"min_key_bits": 1024}, error="SIGN_TYPE_NOT_ALLOWED")
    add("md5", "sign_type MD5 is not an app result's.",
        input=content + '&sign_type="MD5"&sign="%s"' % md5_hex(content.encode()),
        keys=["legacy1024"], options=opts, error="SIGN_TYPE_NOT_ALLOWED")
    add("whole-answer", "The whole resultStatus/memo/result answer instead of result alone.",
        input="resultStatus={9000};memo={};result={%s}" % result, keys=["legacy1024"],
        options=opts, error="MALFORMED_INPUT")
    add("no-sign", "No sign.", input=content + '&sign_type="RSA"', keys=["legacy1024"],
        options=opts, error="MISSING_SIGNATURE")
    add("unquoted", "Values without quotes are not an app result.",
        input="partner=2088&sign_type=RSA&sign=" + sig, keys=["legacy1024"], options=opts,
        error="MALFORMED_INPUT")
    add("duplicate", "A name twice.", input='total_fee="9.99"&' + result,
        keys=["legacy1024"], options=opts, error="DUPLICATE_PARAMETER")

    # Real: Alipay's legacy key, a result published in a README.
    real_content = TOBIAS_RESULT[:TOBIAS_RESULT.index("&sign_type=")]
    _check_real_rsa(REAL_ALIPAY_LEGACY_KEY, real_content.encode(),
                    TOBIAS_RESULT[TOBIAS_RESULT.index('&sign="') + 7:-1])
    real_out = {}
    for piece in real_content.split('"&'):
        k, _, v = piece.partition('="')
        real_out[k] = v.rstrip('"')
    real_opts = {"sign_types": ["RSA"], "min_key_bits": 1024}
    add("real-tobias", "A real mobile.securitypay result signed by Alipay (2018), verified "
        "with Alipay's 1024-bit legacy public key (key source: " + REAL_ALIPAY_LEGACY_KEY_SOURCE
        + ").", input=TOBIAS_RESULT,
        keys=["real-alipay-legacy-1024"], options=real_opts,
        valid=("app_result", 0, real_out), typed=False,
        check_order={"out_trade_no": "180926084213001", "total_amount": "0.01", "error": None},
        extra={"source": TOBIAS_SOURCE})
    add("real-tobias-amount-changed", "The real result with total_fee changed by us.",
        input=TOBIAS_RESULT.replace('total_fee="0.01"', 'total_fee="1.00"'),
        keys=["real-alipay-legacy-1024"], options=real_opts, error="INVALID_SIGNATURE",
        extra={"source": TOBIAS_SOURCE + ", modified by us"})
    add("real-tobias-default-options", "The real result under the defaults (RSA2, 2048 bits).",
        input=TOBIAS_RESULT, keys=["real-alipay-legacy-1024"], options={"sign_types": ["RSA"]},
        error="WEAK_KEY", extra={"source": TOBIAS_SOURCE})
    return V


def _check_real_rsa(key_b64, content, sig_b64):
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding
    key = serialization.load_der_public_key(base64.b64decode(key_b64))
    key.verify(base64.b64decode(sig_b64), content, padding.PKCS1v15(), hashes.SHA1())


def message_vectors(ctx, g):
    V = []

    def add(vid, comment, **kw):
        V.append(g.vector("wap-msg-" + vid, comment, "message_service", **kw))

    biz = ('{"pay_date":"2022-01-19 18:30:01","biz_scene":"DIRECT_TRANSFER","action_type":'
           '"FINISH","out_biz_no":"T202201191830","trans_amount":"0.10","product_code":'
           '"TRANS_ACCOUNT_NO_PWD","order_id":"20220119110070000006250063947373","status":'
           '"SUCCESS"}')
    fields = [("charset", "UTF-8"), ("biz_content", biz), ("utc_timestamp", "1642588201981"),
              ("app_id", "2021000117600000"), ("version", "1.1"), ("sign_type", "RSA2"),
              ("notify_id", "2022011900222183001063841410260953"),
              ("msg_method", "alipay.fund.trans.order.changed")]
    pairs, _ = g.sign_msg(ctx, fields)
    body = g.wire(pairs)
    out = g.signed_set(pairs, "v1", False)
    message = {"msg_method": "alipay.fund.trans.order.changed", "biz_content": json.loads(biz),
               "utc_timestamp_ms": 1642588201981}
    add("fund-trans-order-changed", "A 消息服务 message (alipay.fund.trans.order.changed) pushed "
        "to the app gateway: signed under V1 (sign and sign_type left out), biz_content JSON, "
        "utc_timestamp in milliseconds since 1970.", input=body, keys=["alipay_a"],
        valid=("v1", 0, out), typed=False, extra={"message": message})
    add("app-id", "app_id checked like any notification's.", input=body, keys=["alipay_a"],
        options={"app_id": "2021000117600001"}, error="APP_ID_MISMATCH")
    add("rule-v2", "Forced rule v2 (sign_type signed, as 生活号 gateway messages) does not "
        "verify a 消息服务 message.", input=body, keys=["alipay_a"], options={"rule": "v2"},
        error="INVALID_SIGNATURE")
    odd = [(k, "2022-01-19 18:30:01" if k == "utc_timestamp" else v) for k, v in fields]
    odd = [(k, "{not json" if k == "biz_content" else v) for k, v in odd]
    pairs, _ = g.sign_msg(ctx, odd)
    add("fields-not-typed", "A genuine signature over a utc_timestamp that is not milliseconds "
        "and a biz_content that is not JSON: the message verifies, the typed accessors are "
        "MALFORMED_INPUT.", input=g.wire(pairs), keys=["alipay_a"],
        valid=("v1", 0, g.signed_set(pairs, "v1", False)), typed=False,
        extra={"message": {"msg_method": "alipay.fund.trans.order.changed",
                           "biz_content_error": "MALFORMED_INPUT",
                           "utc_timestamp_error": "MALFORMED_INPUT"}})
    return V


def vectors(ctx, g):
    keys = {
        "legacy1024": g.bare_spki(ctx.k["legacy1024"]),
        "alipay_a": g.bare_spki(ctx.k["alipay_a"]),
        "real-alipay-legacy-1024": REAL_ALIPAY_LEGACY_KEY,
    }
    return keys, wap_vectors(ctx, g) + app_result_vectors(ctx, g) + message_vectors(ctx, g)
