//! Legacy WAP notifications and app results over arbitrary field values: signed in their fixed
//! order they verify and read back; a changed byte is rejected or changes nothing; no input
//! makes the verifier panic.

use alipay_notify::{PrivateKey, Verifier};
use proptest::prelude::*;
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::DecodePrivateKey;
use rsa::signature::{SignatureEncoding, Signer as _};
use std::sync::OnceLock;

const PRIVATE_KEY: &str = include_str!("../../tests/vectors/keys/legacy1024.key.pem");

struct Fixture {
    rsa: SigningKey<sha1::Sha1>,
    verifier: Verifier,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let public = PrivateKey::parse(PRIVATE_KEY)
            .unwrap()
            .public_key()
            .unwrap();
        let key = rsa::RsaPrivateKey::from_pkcs8_pem(PRIVATE_KEY).unwrap();
        Fixture {
            rsa: SigningKey::<sha1::Sha1>::new(key),
            verifier: Verifier::builder()
                .public_key(public.to_pem())
                .sign_types([alipay_notify::SignType::Rsa])
                .min_key_bits(1024)
                .md5_key("partner-key")
                .build()
                .unwrap(),
        }
    })
}

fn rsa_sign(content: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(fixture().rsa.sign(content).to_bytes())
}

fn md5_sign(content: &[u8]) -> String {
    use md5::{Digest, Md5};
    let mut h = Md5::new();
    h.update(content);
    h.update(b"partner-key");
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A trade field value: text with the characters XML and forms treat specially.
fn value() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-zA-Z0-9 +%&=?/@#:;,.<>\"'测试商品-]{0,16}").unwrap()
}

fn fields() -> impl Strategy<Value = Vec<(String, String)>> {
    // The four signed parameters' names are refused as fields (DUPLICATE_PARAMETER).
    proptest::collection::btree_map("[a-z][a-z_]{0,9}", value(), 1..12).prop_map(|m| {
        m.into_iter()
            .filter(|(k, _)| !alipay_notify::wap::WAP_SIGNED_ORDER.contains(&k.as_str()))
            .collect()
    })
}

fn wap_body(fields: &[(String, String)], rsa: bool) -> (String, Vec<u8>) {
    let xml: String = fields
        .iter()
        .map(|(k, v)| format!("<{k}>{}</{k}>", escape(v)))
        .collect();
    let xml = format!("<notify>{xml}</notify>");
    let sec_id = if rsa { "0001" } else { "MD5" };
    let content =
        format!("service=alipay.wap.trade.create.direct&v=1.0&sec_id={sec_id}&notify_data={xml}");
    let sign = if rsa {
        rsa_sign(content.as_bytes())
    } else {
        md5_sign(content.as_bytes())
    };
    let body = form_urlencoded::Serializer::new(String::new())
        .append_pair("service", "alipay.wap.trade.create.direct")
        .append_pair("sign", &sign)
        .append_pair("sec_id", sec_id)
        .append_pair("v", "1.0")
        .append_pair("notify_data", &xml)
        .finish();
    (xml, body.into_bytes())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn wap_round_trips_in_the_fixed_order(fields in fields(), rsa in any::<bool>()) {
        let (xml, body) = wap_body(&fields, rsa);
        let n = fixture().verifier.verify_notify(&body).unwrap();
        prop_assert_eq!(n.verification().rule.as_str(), "wap");
        prop_assert_eq!(n.get("notify_data"), Some(xml.as_str()));
        let read: Vec<(String, String)> = n.to_pairs().into_iter().skip(4).collect();
        prop_assert_eq!(read, fields);
    }

    #[test]
    fn a_changed_wap_byte_is_rejected_or_changes_nothing(
        fields in fields(),
        rsa in any::<bool>(),
        position in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let (_, body) = wap_body(&fields, rsa);
        let original = fixture().verifier.verify_notify(&body).unwrap();
        let mut mutated = body.clone();
        let at = position.index(mutated.len());
        mutated[at] = byte;
        if let Ok(n) = fixture().verifier.verify_notify(&mutated) {
            prop_assert_eq!(n.to_pairs(), original.to_pairs());
        }
    }

    #[test]
    fn app_results_round_trip_and_catch_changes(
        fields in proptest::collection::btree_map("[a-z][a-z_]{0,9}", "[a-zA-Z0-9 .:/@测试-]{0,16}", 1..10),
        position in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let signed: Vec<String> = fields
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "sign" | "sign_type" | "_input_charset"))
            .map(|(k, v)| format!("{k}=\"{v}\""))
            .collect();
        prop_assume!(!signed.is_empty());
        let content = signed.join("&");
        let result = format!(
            "{content}&sign_type=\"RSA\"&sign=\"{}\"",
            rsa_sign(content.as_bytes())
        );
        let n = fixture().verifier.verify_app_result(&result).unwrap();
        prop_assert_eq!(n.len(), signed.len());
        let mut mutated = result.clone().into_bytes();
        let at = position.index(content.len());
        mutated[at] = byte;
        if let Ok(changed) = fixture().verifier.verify_app_result(&mutated) {
            prop_assert_eq!(changed.to_pairs(), n.to_pairs());
        }
    }

    #[test]
    fn no_input_panics(input in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = fixture().verifier.verify_app_result(&input);
        let mut body = b"service=s&v=1&sec_id=MD5&sign=x&notify_data=".to_vec();
        body.extend_from_slice(&input);
        let _ = fixture().verifier.verify_notify(&body);
    }
}
