use super::*;
use crate::legacy::md5_hex;

fn form(pairs: &[(&str, &str)]) -> Vec<u8> {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, v);
    }
    s.finish().into_bytes()
}

const XML: &str = "<notify><payment_type>1</payment_type><subject>测试</subject><trade_no>2014080239826696</trade_no><out_trade_no>W1</out_trade_no><seller_id>2088411445328172</seller_id><trade_status>TRADE_FINISHED</trade_status><total_fee>0.03</total_fee><notify_id>6a40ac</notify_id></notify>";

fn md5_message(xml: &str, key: &str) -> Vec<u8> {
    let content =
        format!("service=alipay.wap.trade.create.direct&v=1.0&sec_id=MD5&notify_data={xml}");
    let sign = md5_hex(content.as_bytes(), key.as_bytes());
    form(&[
        ("sec_id", "MD5"),
        ("v", "1.0"),
        ("notify_data", xml),
        ("service", "alipay.wap.trade.create.direct"),
        ("sign", &sign),
    ])
}

fn md5_verifier(rule: Rule) -> Verifier {
    Verifier::builder()
        .md5_key("key")
        .rule(rule)
        .build()
        .unwrap()
}

#[test]
fn recognises_the_parameter_set() {
    let params = RawParams::from_form(&md5_message(XML, "key"), 1 << 16).unwrap();
    assert!(is_wap_message(&params));
    let content = wap_sign_content(&params).unwrap();
    assert!(content.starts_with(
        b"service=alipay.wap.trade.create.direct&v=1.0&sec_id=MD5&notify_data=<notify>"
    ));
    let partial =
        RawParams::from_form(b"service=x&v=1&notify_data=%3Cnotify%2F%3E&sign=s", 1 << 10).unwrap();
    assert!(!is_wap_message(&partial));
    assert_eq!(wap_sign_content(&partial), None);
}

#[test]
fn verifies_in_the_fixed_order_and_reads_the_trade_fields() {
    let body = md5_message(XML, "key");
    for rule in [Rule::Auto, Rule::Wap] {
        let n = md5_verifier(rule).verify_notify(&body).unwrap();
        assert_eq!(n.verification().rule, MatchedRule::Wap);
        assert_eq!(n.verification().sign_type, SignType::Md5);
        assert_eq!(n.out_trade_no(), Some("W1"));
        assert_eq!(n.subject(), Some("测试"));
        assert_eq!(n.trade_status(), Some(crate::TradeStatus::TradeFinished));
        assert_eq!(n.notify_id(), Some("6a40ac"));
        assert_eq!(n.order_amount().unwrap(), Some(crate::Amount::from_fen(3)));
        n.check_order("W1", "0.03").unwrap();
        assert_eq!(
            n.check_order("W1", "0.30").unwrap_err().kind(),
            ErrorKind::AmountMismatch
        );
        let names: Vec<&str> = n.params().map(|(k, _)| k).collect();
        assert_eq!(
            &names[..5],
            ["service", "v", "sec_id", "notify_data", "payment_type"]
        );
        assert_eq!(n.get("sign"), None);
    }
    // Sorted, as rule v1 reads it, the same message does not verify.
    let err = md5_verifier(Rule::V1).verify_notify(&body).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidSignature);
}

#[test]
fn any_changed_byte_is_rejected() {
    let body = md5_message(XML, "key");
    let verifier = md5_verifier(Rule::Auto);
    let params = RawParams::from_form(&body, 1 << 16).unwrap();
    for name in WAP_SIGNED_ORDER {
        let pairs: Vec<(String, String)> = params
            .pairs()
            .map(|(k, v)| {
                let k = String::from_utf8(k.to_vec()).unwrap();
                let mut v = String::from_utf8(v.to_vec()).unwrap();
                if k == name {
                    v = v.replacen('1', "2", 1);
                    if !v.contains('2') {
                        v.push('x');
                    }
                }
                (k, v)
            })
            .collect();
        let err = verifier
            .verify_pairs(&pairs, MessageKind::Notify)
            .unwrap_err();
        assert!(
            matches!(
                err.kind(),
                ErrorKind::InvalidSignature | ErrorKind::SignTypeNotAllowed
            ),
            "{name}: {err}"
        );
    }
    assert_eq!(
        md5_verifier(Rule::Auto)
            .verify_notify(md5_message(XML, "other"))
            .unwrap_err()
            .kind(),
        ErrorKind::InvalidSignature
    );
}

#[test]
fn sec_id_is_subject_to_the_allowlist() {
    let body = md5_message(XML, "key").replace_sec_id("0001");
    let rsa2_only = Verifier::builder().md5_key("key").build().unwrap();
    let err = rsa2_only.verify_notify(&body).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::SignTypeNotAllowed);
    assert!(err.message().contains("min_key_bits 1024"), "{err}");
    let odd = md5_message(XML, "key").replace_sec_id("0002");
    assert_eq!(
        md5_verifier(Rule::Auto)
            .verify_notify(&odd)
            .unwrap_err()
            .kind(),
        ErrorKind::SignTypeNotAllowed
    );
}

#[test]
fn encrypted_and_hostile_notify_data_are_malformed_input() {
    let encrypted = md5_message("EqOJXlG1CaBmdzm5xDKJseiLCZXXqToX", "key");
    let err = md5_verifier(Rule::Auto)
        .verify_notify(&encrypted)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MalformedInput);
    assert!(err.message().contains("encrypted"), "{err}");
    let dtd = "<!DOCTYPE notify [<!ENTITY a \"x\">]><notify><subject>&a;</subject></notify>";
    assert_eq!(
        md5_verifier(Rule::Auto)
            .verify_notify(md5_message(dtd, "key"))
            .unwrap_err()
            .kind(),
        ErrorKind::MalformedInput
    );
    let deep = format!("<notify>{}</notify>", "<a>".repeat(20_000));
    let big = Verifier::builder()
        .md5_key("key")
        .max_size(1 << 20)
        .build()
        .unwrap();
    assert_eq!(
        big.verify_notify(md5_message(&deep, "key"))
            .unwrap_err()
            .kind(),
        ErrorKind::MalformedInput
    );
}

#[test]
fn forced_wap_needs_the_four_parameters_and_values_hold_no_pairs() {
    let err = md5_verifier(Rule::Wap)
        .verify_notify("a=1&sign=x")
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MalformedInput);
    let content = "service=s&v=1.0&sec_id=MD5&notify_data=<notify/>";
    let sign = md5_hex(content.as_bytes(), b"key");
    let body = form(&[
        ("service", "s&v=1.0"),
        ("v", "1.0"),
        ("sec_id", "MD5"),
        ("notify_data", "<notify/>"),
        ("sign", &sign),
    ]);
    let err = md5_verifier(Rule::Auto).verify_notify(&body).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidSignature);
    let xml = "<notify/>&x=1";
    let content = format!("service=s&v=1.0&sec_id=MD5&notify_data={xml}");
    let sign = md5_hex(content.as_bytes(), b"key");
    let body = form(&[
        ("service", "s"),
        ("v", "1.0"),
        ("sec_id", "MD5"),
        ("notify_data", xml),
        ("sign", &sign),
    ]);
    let err = md5_verifier(Rule::Auto).verify_notify(&body).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::AmbiguousSignedContent);
    let allowed = Verifier::builder()
        .md5_key("key")
        .allow_embedded_pairs("notify_data")
        .build()
        .unwrap();
    // Allowed, the value is read as it came; it is still no XML document.
    assert_eq!(
        allowed.verify_notify(&body).unwrap_err().kind(),
        ErrorKind::MalformedInput
    );
}

trait ReplaceSecId {
    fn replace_sec_id(&self, sec_id: &str) -> Vec<u8>;
}

impl ReplaceSecId for Vec<u8> {
    fn replace_sec_id(&self, sec_id: &str) -> Vec<u8> {
        String::from_utf8(self.clone())
            .unwrap()
            .replace("sec_id=MD5", &format!("sec_id={sec_id}"))
            .into_bytes()
    }
}
