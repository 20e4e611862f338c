//! The abuse limits of docs/security.md ("Abuse limits"), asserted: how many signature checks
//! one message can cost under each configuration (counted where every check goes, in
//! `signature_check`), that one signed content is checked once, that a verifier tries a bounded
//! number of keys, and that input over a limit is refused before it is read.

use crate::aes::verify_tests::{ALIPAY_KEY as ALIPAY_A, public_pem};
use crate::diagnose::{DiagnoseOptions, MAX_RSA_CHECKS};
use crate::error::ErrorKind;
use crate::sign_type::{Rule, SignType};
use crate::signature_check::counted;
use crate::v3::V3Headers;
use crate::verifier::Verifier;
use crate::{
    DEFAULT_MAX_SIZE, MAX_PARAMETERS, MAX_PUBLIC_KEYS, MessageKind, PairBudget, RawParams,
};
use base64::Engine as _;

const ALIPAY_B: &str = include_str!("../../tests/vectors/keys/alipay_b.key.pem");

/// A verifier with `keys` keys (A, B, A, B, …).
fn verifier(rule: Rule, sign_types: &[SignType], keys: usize) -> Verifier {
    let (a, b) = (public_pem(ALIPAY_A), public_pem(ALIPAY_B));
    Verifier::builder()
        .public_keys((0..keys).map(|i| if i % 2 == 0 { a.clone() } else { b.clone() }))
        .sign_types(sign_types.iter().copied())
        .rule(rule)
        .build()
        .unwrap()
}

/// A signature as long as a 2048-bit modulus that verifies under no key: every check is a full
/// RSA operation.
fn forged_sign() -> String {
    let text = base64::engine::general_purpose::STANDARD.encode([0x11u8; 256]);
    text.replace('+', "%2B")
        .replace('/', "%2F")
        .replace('=', "%3D")
}

/// How a message names its sign type.
#[derive(Debug, Clone, Copy)]
enum Declared {
    /// `sign_type=RSA2`.
    Rsa2,
    /// No `sign_type`.
    Absent,
    /// `sign_type=` present but blank: every allowed type, and rule auto tries v2 too.
    Blank,
}

/// A notification with a forged signature; `blank_value` adds a parameter with an empty value,
/// so that both empty-value policies are tried.
fn forged(declared: Declared, blank_value: bool) -> String {
    let mut body = String::from(
        "app_id=2021000117600000&out_trade_no=1001&total_amount=0.01&trade_status=TRADE_SUCCESS",
    );
    match declared {
        Declared::Rsa2 => body.push_str("&sign_type=RSA2"),
        Declared::Absent => {}
        Declared::Blank => body.push_str("&sign_type="),
    }
    if blank_value {
        body.push_str("&body=");
    }
    body + "&sign=" + &forged_sign()
}

/// The signature checks verifying `body` costs; it must fail as a signature that does not
/// verify.
fn checks_of(verifier: &Verifier, body: &str) -> usize {
    let (result, checks) = counted::checks(|| verifier.verify_notify(body));
    assert_eq!(result.unwrap_err().kind(), ErrorKind::InvalidSignature);
    checks
}

/// The distinct signed contents a rule reads from a message: rule auto reads v1, and v2 when
/// the message has `sign_type`; a blank value doubles them (skipped, kept). A blank
/// `sign_type` is skipped like any blank value, so v2 with empty values skipped is v1's
/// content again, and is not checked twice.
fn distinct_contents(rule: Rule, declared: Declared, blank_value: bool) -> usize {
    let policies = |blank_in_content: bool| if blank_in_content { 2 } else { 1 };
    let v1 = policies(blank_value);
    let v2 = policies(blank_value || matches!(declared, Declared::Blank));
    match (rule, declared) {
        (Rule::V1, _) => v1,
        (Rule::V2, _) => v2,
        (_, Declared::Absent) => v1,
        (_, Declared::Rsa2) => v1 + v2,
        // v2 with empty values skipped is v1's content.
        (_, Declared::Blank) => v1 + v2 - 1,
    }
}

#[test]
fn rsa_checks_per_message_are_contents_times_types_times_keys() {
    let type_sets: [&[SignType]; 2] = [&[SignType::Rsa2], &[SignType::Rsa2, SignType::Rsa]];
    for keys in [1, 2, 3] {
        for sign_types in type_sets {
            for rule in [Rule::Auto, Rule::V1, Rule::V2] {
                let verifier = verifier(rule, sign_types, keys);
                for declared in [Declared::Rsa2, Declared::Absent, Declared::Blank] {
                    for blank_value in [false, true] {
                        let types = match declared {
                            Declared::Rsa2 => 1,
                            _ => sign_types.len(),
                        };
                        let expected =
                            types * distinct_contents(rule, declared, blank_value) * keys;
                        let body = forged(declared, blank_value);
                        assert_eq!(
                            checks_of(&verifier, &body),
                            expected,
                            "{keys} keys, {sign_types:?}, {rule:?}, {declared:?}, blank value \
                             {blank_value}"
                        );
                        // The documented ceiling: 3 contents of 2 RSA types per key.
                        assert!(expected <= 6 * keys);
                    }
                }
            }
        }
    }
}

#[test]
fn one_signed_content_is_checked_once_across_rules_and_policies() {
    // A blank sign_type under rule auto: v1 and v2-with-empty-values-skipped are one content.
    let verifier = verifier(Rule::Auto, &[SignType::Rsa2], 1);
    assert_eq!(checks_of(&verifier, &forged(Declared::Blank, false)), 2);
    assert_eq!(checks_of(&verifier, &forged(Declared::Blank, true)), 3);
    // Whitespace is blank as well (Java's isWhitespace).
    let body = forged(Declared::Absent, false) + "&sign_type=%20%09";
    assert_eq!(checks_of(&verifier, &body), 2);
}

#[test]
fn the_worst_message_costs_six_checks_per_key_at_most() {
    let verifier = verifier(
        Rule::Auto,
        &[SignType::Rsa2, SignType::Rsa],
        MAX_PUBLIC_KEYS,
    );
    let worst = forged(Declared::Blank, true);
    assert_eq!(checks_of(&verifier, &worst), 6 * MAX_PUBLIC_KEYS);
}

#[test]
fn a_verifier_takes_a_bounded_number_of_keys() {
    let key = public_pem(ALIPAY_A);
    let keys = |n: usize| vec![key.clone(); n];
    assert!(
        Verifier::builder()
            .public_keys(keys(MAX_PUBLIC_KEYS))
            .build()
            .is_ok()
    );
    let err = Verifier::builder()
        .public_keys(keys(MAX_PUBLIC_KEYS + 1))
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidConfig);
    assert!(
        err.message().contains(&MAX_PUBLIC_KEYS.to_string()),
        "{err}"
    );
    // Refused before any key is read: a key that does not parse is not what is reported.
    let mut bad = keys(MAX_PUBLIC_KEYS + 1);
    bad[0] = "not a key".into();
    let err = Verifier::builder().public_keys(bad).build().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidConfig);
}

/// `count` distinct parameters `p0=1&p1=1…`, after `first`.
fn many_parameters(first: &str, count: usize) -> String {
    let mut body = String::from(first);
    for i in 0..count {
        body.push_str(&format!("&p{i}=1"));
    }
    body
}

#[test]
fn input_over_the_size_limit_is_refused_before_it_is_decoded() {
    // 10 MB whose first value is malformed: the size, not the encoding, is what is reported.
    let body = format!("a=%zz&{}", "b".repeat(10 * 1024 * 1024));
    let verifier = verifier(Rule::Auto, &[SignType::Rsa2], 1);
    for kind in MessageKind::ALL {
        let (result, checks) =
            counted::checks(|| verifier.verify_message(crate::Message::Raw(body.as_bytes()), kind));
        assert_eq!(result.unwrap_err().kind(), ErrorKind::InputTooLarge);
        assert_eq!(checks, 0);
    }
    // 100,000 parameters are some 1.2 MB: over the default limit whatever their shape.
    let body = many_parameters("a=%zz", 100_000);
    let err = RawParams::from_form(body.as_bytes(), DEFAULT_MAX_SIZE).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InputTooLarge);
    let pairs: Vec<(String, String)> = (0..100_000)
        .map(|i| (format!("p{i}"), "1".into()))
        .collect();
    let err = verifier
        .verify_pairs(&pairs, MessageKind::Notify)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InputTooLarge);
}

/// A name or value that counts how often it is read.
struct Counted<'a>(&'a std::cell::Cell<usize>);

impl AsRef<str> for Counted<'_> {
    fn as_ref(&self) -> &str {
        self.0.set(self.0.get() + 1);
        "p"
    }
}

#[test]
fn a_message_of_too_many_parameters_is_refused_before_it_is_decoded() {
    // A raised size limit does not raise the parameter limit.
    let verifier = Verifier::builder()
        .public_key(public_pem(ALIPAY_A))
        .max_size(10 * 1024 * 1024)
        .build()
        .unwrap();
    // The first value is malformed: the count, not the encoding, is what is reported.
    let body = many_parameters("a=%zz", 100_000);
    for kind in MessageKind::ALL {
        let (result, checks) =
            counted::checks(|| verifier.verify_message(crate::Message::Raw(body.as_bytes()), kind));
        let err = result.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InputTooLarge, "{err}");
        assert!(err.message().contains("100001 parameters"), "{err}");
        assert_eq!(checks, 0);
    }
    let (diagnosis, checks) =
        counted::checks(|| verifier.diagnose(&body, &DiagnoseOptions::default()));
    let diagnosis = diagnosis.unwrap();
    assert_eq!(diagnosis.error.unwrap().0, "INPUT_TOO_LARGE");
    assert_eq!(checks, 0);
    // The limit itself is a message like any other.
    let at_limit = many_parameters("a=1", MAX_PARAMETERS - 1);
    assert_eq!(
        verifier.verify_notify(&at_limit).unwrap_err().kind(),
        ErrorKind::MissingSignature
    );
    let over = many_parameters("a=1", MAX_PARAMETERS);
    assert_eq!(
        verifier.verify_notify(&over).unwrap_err().kind(),
        ErrorKind::InputTooLarge
    );

    // Parsed pairs: refused on their number, before one name or value is read.
    let reads = std::cell::Cell::new(0);
    let pairs: Vec<(Counted, Counted)> = (0..MAX_PARAMETERS + 1)
        .map(|_| (Counted(&reads), Counted(&reads)))
        .collect();
    let err = RawParams::from_pairs(&pairs, 10 * 1024 * 1024).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InputTooLarge);
    assert_eq!(reads.get(), 0);
    // A binding's object, before it converts one entry.
    let budget = PairBudget::new(10 * 1024 * 1024);
    assert!(budget.check_count(MAX_PARAMETERS, "the object").is_ok());
    let err = budget
        .check_count(MAX_PARAMETERS + 1, "the object")
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InputTooLarge);
}

#[test]
fn a_v3_response_costs_one_check_per_distinct_content_and_key() {
    let verifier = verifier(Rule::Auto, &[SignType::Rsa2], 2);
    let signature = base64::engine::general_purpose::STANDARD.encode([0x11u8; 256]);
    let headers = V3Headers::from_pairs([
        ("alipay-timestamp", "1700000000000"),
        ("alipay-nonce", "n0nce"),
        ("alipay-signature", signature.as_str()),
    ])
    .unwrap();
    // Compact JSON and a line break: the body, then without the line break (which is also its
    // compact form: one content, checked once).
    let cases: [(&[u8], usize); 3] = [
        (b"{\"a\":1}", 1),
        (b"{\"a\":1}\n", 2),
        // Not compact: the body, then its compact form.
        (b"{\"a\": 1}", 2),
    ];
    for (body, contents) in cases {
        let (result, checks) = counted::checks(|| verifier.verify_v3(&headers, body));
        assert_eq!(result.unwrap_err().kind(), ErrorKind::InvalidSignature);
        assert_eq!(checks, contents * 2, "{:?}", String::from_utf8_lossy(body));
    }
}

/// The worst message within the default limits for a diagnosis: a blank `sign_type` (every
/// type, both rules), a blank value (both policies), and as many parameters as the parameter
/// limit allows, each with a space and an unknown name, so a candidate of both searches, up to
/// 64 KiB.
fn hostile_64_kib() -> String {
    let mut body = forged(Declared::Blank, true);
    let padding = "c".repeat(DEFAULT_MAX_SIZE / MAX_PARAMETERS);
    for i in 0.. {
        let pair = format!("&x{i}=a+b{padding}");
        let parameters = body.matches('&').count() + 1;
        if body.len() + pair.len() > DEFAULT_MAX_SIZE || parameters == MAX_PARAMETERS {
            break;
        }
        body.push_str(&pair);
    }
    body
}

#[test]
fn a_diagnosis_of_a_hostile_message_makes_a_bounded_number_of_rsa_checks() {
    let body = hostile_64_kib();
    assert!(body.len() > DEFAULT_MAX_SIZE - 100 && body.len() <= DEFAULT_MAX_SIZE);
    let options = DiagnoseOptions {
        app_public_keys: vec![public_pem(ALIPAY_B)],
        ..DiagnoseOptions::default()
    };
    for keys in [1, MAX_PUBLIC_KEYS] {
        let verifier = verifier(Rule::Auto, &[SignType::Rsa2, SignType::Rsa], keys);
        let (diagnosis, checks) = counted::checks(|| verifier.diagnose(&body, &options));
        let diagnosis = diagnosis.unwrap();
        assert!(!diagnosis.verified);
        assert!(diagnosis.search_capped, "{keys} keys");
        assert!(
            checks > 6 * keys && checks <= MAX_RSA_CHECKS,
            "{keys} keys: {checks} checks"
        );
    }
}

#[test]
fn diagnoses_of_responses_make_a_few_checks_per_key() {
    let signature = base64::engine::general_purpose::STANDARD.encode([0x11u8; 256]);
    let options = DiagnoseOptions {
        app_public_keys: vec![public_pem(ALIPAY_B)],
        ..DiagnoseOptions::default()
    };
    let headers = V3Headers::from_pairs([
        ("alipay-timestamp", "1700000000000"),
        ("alipay-nonce", "n0nce"),
        ("alipay-signature", signature.as_str()),
    ])
    .unwrap();
    let response = format!(
        "{{\"alipay_trade_query_response\": {{\"code\": \"10000\"}}, \"sign\":\"{signature}\"}}\n"
    );
    for keys in [1, MAX_PUBLIC_KEYS] {
        let verifier = verifier(Rule::Auto, &[SignType::Rsa2, SignType::Rsa], keys);
        let (diagnosis, checks) =
            counted::checks(|| verifier.diagnose_v3(&headers, b"{\"a\": 1}\n", &options));
        assert!(!diagnosis.unwrap().verified);
        assert!(checks <= 8 * keys, "v3, {keys} keys: {checks} checks");
        let (diagnosis, checks) =
            counted::checks(|| verifier.diagnose_response(&response, None, &options));
        assert!(!diagnosis.unwrap().verified);
        assert!(
            checks <= 12 * keys,
            "response, {keys} keys: {checks} checks"
        );
    }
}
