//! Properties over arbitrary inputs: signing then verifying round-trips, any change to a signed
//! byte is caught, and no input makes the verifier panic.

use alipay_notify::{Charset, MessageKind, Rule, SignType, Signer, Verifier};
use proptest::prelude::*;
use std::sync::OnceLock;

const PRIVATE_KEY: &str = include_str!("../../tests/vectors/keys/alipay_a.key.pem");

struct Fixture {
    signer: Signer,
    signer_v2: Signer,
    verifier: Verifier,
    md5: Signer,
    md5_verifier: Verifier,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let public = alipay_notify::PrivateKey::parse(PRIVATE_KEY)
            .unwrap()
            .public_key()
            .unwrap();
        Fixture {
            signer: Signer::rsa(PRIVATE_KEY, SignType::Rsa2, Rule::V1).unwrap(),
            signer_v2: Signer::rsa(PRIVATE_KEY, SignType::Rsa2, Rule::V2).unwrap(),
            verifier: Verifier::new(&public.to_pem()).unwrap(),
            md5: Signer::md5("partner-key").unwrap(),
            md5_verifier: Verifier::builder().md5_key("partner-key").build().unwrap(),
        }
    })
}

/// Text Alipay could send: ASCII with form-special characters, CJK, and JSON punctuation.
fn value() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-zA-Z0-9 +%&=?/@#:;,.{}\\[\\]\"'测试商品订单￥中文-]{0,24}")
        .unwrap()
}

fn params() -> impl Strategy<Value = Vec<(String, String)>> {
    proptest::collection::btree_map("[a-z][a-z_]{0,11}", value(), 1..20).prop_map(|map| {
        map.into_iter()
            .filter(|(name, _)| !matches!(name.as_str(), "sign" | "sign_type" | "charset"))
            .collect()
    })
}

fn charset() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("utf-8"), Just("GBK"), Just("gb2312"), Just("GB18030")]
}

/// True when a signed value holds `&name=`: the signed text then has a second reading, and
/// the verifier refuses the message (`AMBIGUOUS_SIGNED_CONTENT`).
fn has_second_reading(pairs: &[(String, String)]) -> bool {
    pairs.iter().any(|(_, value)| {
        value.match_indices('&').any(|(at, _)| {
            let rest = &value[at + 1..];
            let name = rest
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                .count();
            name > 0 && rest.as_bytes().get(name) == Some(&b'=')
        })
    })
}

/// The parameters a verifier returns for a signed set: the non-blank ones (Alipay's signing
/// rule leaves empty values out of the content, so they are not signed).
fn expected_signed(pairs: &[(String, String)], with_sign_type: bool) -> Vec<(String, String)> {
    pairs
        .iter()
        .filter(|(name, value)| {
            (with_sign_type || name != "sign_type") && !value.trim_ascii().is_empty()
        })
        .cloned()
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn sign_then_verify_round_trips(mut pairs in params(), charset in charset()) {
        pairs.push(("charset".into(), charset.into()));
        let body = fixture().signer.signed_form(&pairs).unwrap();
        let result = fixture().verifier.verify_notify(body.as_bytes());
        if has_second_reading(&pairs) {
            prop_assert_eq!(result.unwrap_err().name(), "AMBIGUOUS_SIGNED_CONTENT");
            return Ok(());
        }
        let notification = result.unwrap();
        prop_assert_eq!(notification.to_pairs(), expected_signed(&pairs, false));
        prop_assert_eq!(notification.verification().charset, Charset::from_label(charset.as_bytes()).unwrap());

        // The same message read as a return_url query, and as an app-gateway (V2) message.
        let query = format!("https://shop.example/return?{body}");
        prop_assert!(fixture().verifier.verify_return(query.as_bytes()).is_ok());
        let v2 = fixture().signer_v2.signed_form(&pairs).unwrap();
        let notification = fixture().verifier.verify_notify(v2.as_bytes()).unwrap();
        prop_assert_eq!(notification.verification().rule.as_str(), "v2");
        let mut with_type = pairs.clone();
        with_type.push(("sign_type".into(), "RSA2".into()));
        prop_assert_eq!(notification.to_pairs(), expected_signed(&with_type, true));
    }

    #[test]
    fn parsed_pairs_verify_like_the_raw_body(pairs in params()) {
        let sign = fixture().signer.sign(&pairs).unwrap();
        let mut received = pairs.clone();
        received.push(("sign_type".into(), "RSA2".into()));
        received.push(("sign".into(), sign));
        let result = fixture().verifier.verify_pairs(&received, MessageKind::Notify);
        if has_second_reading(&pairs) {
            prop_assert_eq!(result.unwrap_err().name(), "AMBIGUOUS_SIGNED_CONTENT");
            return Ok(());
        }
        let notification = result.unwrap();
        prop_assert_eq!(notification.to_pairs(), expected_signed(&pairs, false));
    }

    #[test]
    fn any_change_to_a_signed_value_is_rejected(
        pairs in params(),
        which in any::<prop::sample::Index>(),
        replacement in "[a-zA-Z0-9测]{1,3}",
    ) {
        let signed = expected_signed(&pairs, false);
        prop_assume!(!signed.is_empty());
        let body = fixture().signer.signed_form(&pairs).unwrap();
        let (name, value) = &signed[which.index(signed.len())];
        let changed = format!("{value}{replacement}");
        let mut tampered = pairs.clone();
        for pair in tampered.iter_mut().filter(|(n, _)| n == name) {
            pair.1 = changed.clone();
        }
        let sign = body.rsplit_once("&sign=").unwrap().1;
        let tampered_body = format!(
            "{}&sign={sign}",
            form_body(&tampered)
        );
        let err = fixture().verifier.verify_notify(tampered_body.as_bytes()).unwrap_err();
        prop_assert_eq!(err.name(), "INVALID_SIGNATURE");
    }

    #[test]
    fn a_mutated_byte_is_rejected_or_changes_nothing(
        pairs in params(),
        position in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        prop_assume!(!has_second_reading(&pairs));
        let body = fixture().signer.signed_form(&pairs).unwrap().into_bytes();
        let original = fixture().verifier.verify_notify(&body).unwrap();
        let mut mutated = body.clone();
        let at = position.index(mutated.len());
        mutated[at] = byte;
        if let Ok(notification) = fixture().verifier.verify_notify(&mutated) {
            // Only encodings of the same bytes (`+` for `%20`, `%41` for `A`, …) may verify.
            prop_assert_eq!(notification.to_pairs(), original.to_pairs());
        }
    }

    #[test]
    fn md5_round_trips_and_catches_changes(pairs in params(), extra in "[a-z]{1,4}") {
        let body = fixture().md5.signed_form(&pairs).unwrap();
        let result = fixture().md5_verifier.verify_notify(body.as_bytes());
        if has_second_reading(&pairs) {
            prop_assert_eq!(result.unwrap_err().name(), "AMBIGUOUS_SIGNED_CONTENT");
            return Ok(());
        }
        let notification = result.unwrap();
        let expected: Vec<(String, String)> = pairs.iter().filter(|(_, v)| !v.is_empty()).cloned().collect();
        prop_assert_eq!(notification.to_pairs(), expected);
        let tampered = format!("zz_extra={extra}&{body}");
        prop_assert!(fixture().md5_verifier.verify_notify(tampered.as_bytes()).is_err());
    }

    /// Whoever holds a genuine message can cut its signed text into other parameters that sign
    /// the same bytes; of all those readings, only the canonical split may verify.
    #[test]
    fn no_other_reading_of_the_signed_text_verifies(
        pairs in proptest::collection::btree_map(
            "[a-z][a-z_]{0,5}",
            proptest::string::string_regex("[a-z0-9]{1,3}(&[a-z_]{1,5}=[a-z0-9.]{0,4}){0,3}").unwrap(),
            1..6,
        ),
        cuts in proptest::collection::vec(any::<bool>(), 0..24),
    ) {
        let pairs: Vec<(String, String)> = pairs
            .into_iter()
            .filter(|(name, _)| !matches!(name.as_str(), "sign" | "sign_type" | "charset"))
            .collect();
        prop_assume!(!pairs.is_empty());
        let body = fixture().signer.signed_form(&pairs).unwrap();
        let sign = body.rsplit_once("&sign=").unwrap().1;
        let mut sorted = pairs.clone();
        sorted.sort();
        let content = sorted
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&");
        // Cut the content at a chosen subset of its `&`s, each piece at its first `=`.
        let mut pieces = vec![String::new()];
        for (i, part) in content.split('&').enumerate() {
            if i > 0 && cuts.get(i - 1).copied().unwrap_or(true) {
                pieces.push(String::new());
            } else if i > 0 {
                pieces.last_mut().unwrap().push('&');
            }
            pieces.last_mut().unwrap().push_str(part);
        }
        let reading: Vec<(String, String)> = pieces
            .iter()
            .map(|piece| match piece.split_once('=') {
                Some((k, v)) => (k.to_string(), v.to_string()),
                None => (piece.clone(), String::new()),
            })
            .collect();
        let forged = format!("{}&sign={sign}", form_body(&reading));
        if let Ok(notification) = fixture().verifier.verify_notify(forged.as_bytes()) {
            prop_assert_eq!(notification.to_pairs(), canonical_split(&content));
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(input in proptest::collection::vec(any::<u8>(), 0..512)) {
        let verifier = &fixture().verifier;
        let _ = verifier.verify_notify(&input);
        let _ = verifier.verify_return(&input);
        let _ = fixture().md5_verifier.verify_notify(&input);
        let _ = verifier.verify_response(&input, Some("alipay.trade.query"));
    }

    #[test]
    fn json_like_garbage_never_panics(
        input in r#"\{("[a-z_]{0,24}"[ :]{1,2}("[a-z\\/=+]{0,20}"|\{[^{}]{0,40}\}|null|5)[ ,]{0,2}){0,4}\}?"#
    ) {
        let _ = fixture().verifier.verify_response(input.as_bytes(), None);
        let _ = alipay_notify::cert_sn(&input);
        let _ = alipay_notify::root_cert_sn(&input);
    }

    #[test]
    fn form_like_garbage_never_panics(input in "[a-z_=&%+0-9A-F]{0,200}(&sign=[A-Za-z0-9+/= ]{0,400})?") {
        let _ = fixture().verifier.verify_notify(input.as_bytes());
        let _ = fixture().md5_verifier.verify_notify(input.as_bytes());
    }

    #[test]
    fn key_parsing_never_panics(text in "(-----BEGIN [A-Z ]{0,20}-----)?[A-Za-z0-9+/=\\r\\n ]{0,300}(-----END [A-Z ]{0,20}-----)?") {
        let _ = Verifier::new(&text);
        let _ = alipay_notify::PrivateKey::parse(&text);
    }
}

/// The content cut at every `&` followed by a parameter name and `=`, then at each piece's
/// first `=` (docs/rules.md §4), written here with a regular expression of the test's own.
fn canonical_split(content: &str) -> Vec<(String, String)> {
    let boundary = regex::Regex::new(r"&[A-Za-z0-9_]+=").unwrap();
    let mut starts: Vec<usize> = boundary.find_iter(content).map(|m| m.start()).collect();
    starts.push(content.len());
    let mut pieces = Vec::new();
    let mut from = 0;
    for end in starts {
        let piece = &content[from..end];
        let (k, v) = piece.split_once('=').unwrap_or((piece, ""));
        pieces.push((k.to_string(), v.to_string()));
        from = (end + 1).min(content.len());
    }
    pieces
}

fn form_body(pairs: &[(String, String)]) -> String {
    let mut with_type = pairs.to_vec();
    with_type.push(("sign_type".into(), "RSA2".into()));
    with_type
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                (b as char).to_string()
            }
            b' ' => "+".into(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
