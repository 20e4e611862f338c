//! Diagnosis of hostile messages: the size limit and the search limits hold and are reported,
//! and no control character from the message reaches any text of the result.

use alipay_notify::diagnose::{DiagnoseOptions, Diagnosis, diagnose};
use alipay_notify::{
    DEFAULT_MAX_SIZE, MAX_PARAMETERS, PrivateKey, Rule, SignType, Signer, Verifier,
};
use serde_json::Value;

/// Throwaway test keys from the shared vectors: they protect nothing.
const ALIPAY_A: &str = include_str!("../../tests/vectors/keys/alipay_a.key.pem");
const ALIPAY_B: &str = include_str!("../../tests/vectors/keys/alipay_b.key.pem");

fn public_pem(private_pem: &str) -> String {
    PrivateKey::parse(private_pem)
        .unwrap()
        .public_key()
        .unwrap()
        .to_pem()
}

/// A notification signed with key A, with `extra` pairs among its signed parameters.
fn signed(extra: &[(&str, &str)]) -> String {
    let mut pairs = vec![
        ("gmt_create", "2024-01-02 10:20:28"),
        ("charset", "utf-8"),
        ("subject", "Test order 1001"),
        ("notify_type", "trade_status_sync"),
        ("trade_status", "TRADE_SUCCESS"),
        ("app_id", "2021000117600000"),
        ("out_trade_no", "20240102102028001"),
        ("total_amount", "0.01"),
        ("trade_no", "2024010222001446880500000001"),
    ];
    pairs.extend_from_slice(extra);
    Signer::rsa(ALIPAY_A, SignType::Rsa2, Rule::V1)
        .unwrap()
        .signed_form(&pairs)
        .unwrap()
}

fn diagnosed(input: &str, key: &str) -> Diagnosis {
    let builder = Verifier::builder()
        .public_key(public_pem(key))
        .app_id("2021000117600000");
    diagnose(input.as_bytes(), &builder, &DiagnoseOptions::default()).unwrap()
}

fn detail_of<'a>(diagnosis: &'a Diagnosis, code: &str) -> &'a str {
    &diagnosis
        .findings
        .iter()
        .find(|f| f.code == code)
        .unwrap_or_else(|| panic!("no {code} in {:?}", diagnosis.findings))
        .explanation
}

/// Pads `body` with unsigned parameters `x0=1…&x1=1…` up to the default size limit, in as many
/// parameters as the parameter limit allows.
fn padded_to_the_limit(mut body: String) -> String {
    let value = "1".repeat(DEFAULT_MAX_SIZE / MAX_PARAMETERS);
    for i in 0.. {
        let pair = format!("&x{i}={value}");
        if body.len() + pair.len() > DEFAULT_MAX_SIZE {
            break;
        }
        body.push_str(&pair);
    }
    body
}

/// Every string anywhere in the diagnosis, as its JSON shows it to tools.
fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(members) => members.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

fn assert_printable(diagnosis: &Diagnosis) {
    let mut all = Vec::new();
    strings(&serde_json::to_value(diagnosis).unwrap(), &mut all);
    assert!(all.len() > 5, "{all:?}");
    for text in all {
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() || c == '\u{2028}' || c == '\u{202e}'),
            "raw control character in {text:?}"
        );
    }
}

#[test]
fn control_characters_from_the_message_are_escaped_in_every_text() {
    // An unsigned parameter whose name and value carry CR, LF and ESC: a certain cause whose
    // detail names it, and the content preview shows it.
    let body = signed(&[]) + "&evil%0D%0ACause%3A+FAKE%1B%5B2J=x%0D%0A%1B%5D0%3Btitle%07";
    let diagnosis = diagnosed(&body, ALIPAY_A);
    assert!(diagnosis.has("UNSIGNED_EXTRA_PARAMS"), "{diagnosis:?}");
    assert!(
        detail_of(&diagnosis, "UNSIGNED_EXTRA_PARAMS").contains("evil\\r\\nCause: FAKE\\x1b[2J")
    );
    let preview = diagnosis.content_preview.as_deref().unwrap();
    assert!(preview.contains("x\\r\\n\\x1b]0;title\\x07"), "{preview}");
    assert_printable(&diagnosis);

    // The wrong key: hints that quote unknown parameter names and the app_id.
    let body = signed(&[("a\u{1b}[31mred", "v"), ("line\u{2028}sep\u{202e}", "v\rw")])
        .replace("app_id=2021000117600000", "app_id=2016%0D%0Aforged");
    let diagnosis = diagnosed(&body, ALIPAY_B);
    assert!(detail_of(&diagnosis, "UNKNOWN_PARAMS_PRESENT").contains("a\\x1b[31mred"));
    assert!(detail_of(&diagnosis, "UNKNOWN_PARAMS_PRESENT").contains("line\\u{2028}sep\\u{202e}"));
    assert!(detail_of(&diagnosis, "OTHER_APP_MESSAGE").contains("2016\\r\\nforged"));
    assert!(detail_of(&diagnosis, "SANDBOX_MESSAGE").contains("2016\\r\\nforged"));
    assert_printable(&diagnosis);

    // A `+` that became a space in a value whose name carries LF.
    let body = signed(&[("note\nname\u{1b}", "a+b")]).replace("a%2Bb", "a+b");
    let diagnosis = diagnosed(&body, ALIPAY_A);
    assert!(detail_of(&diagnosis, "PLUS_BECAME_SPACE").contains("note\\nname\\x1b"));
    assert_printable(&diagnosis);
}

#[test]
fn hundreds_of_parameters_are_searched_within_the_limits_and_say_so() {
    // The shape that kept diagnose busy for minutes, thousands of short parameters and a blank
    // value, is now refused by the parameter limit; its largest accepted form has hundreds.
    let body = padded_to_the_limit(signed(&[]) + "&s=");
    let diagnosis = diagnosed(&body, ALIPAY_B);
    assert!(!diagnosis.verified);
    assert!(diagnosis.search_capped, "{diagnosis:?}");
    let detail = detail_of(&diagnosis, "UNKNOWN_PARAMS_PRESENT");
    assert!(detail.len() < 1000 && detail.contains(" more"), "{detail}");

    // A real message that fails is searched to the end.
    let diagnosis = diagnosed(&signed(&[("s", "/index/notify")]), ALIPAY_B);
    assert!(!diagnosis.search_capped, "{diagnosis:?}");
    assert!(diagnosis.ruled_out.contains(&"UNSIGNED_EXTRA_PARAMS"));
}

#[test]
fn a_cause_behind_hundreds_of_unsigned_parameters_is_still_found() {
    let diagnosis = diagnosed(&padded_to_the_limit(signed(&[])), ALIPAY_A);
    assert!(
        diagnosis
            .causes()
            .any(|f| f.code == "UNSIGNED_EXTRA_PARAMS"),
        "{diagnosis:?}"
    );
    let detail = detail_of(&diagnosis, "UNSIGNED_EXTRA_PARAMS");
    assert!(
        detail.contains("x0, x1, x2") && detail.contains(" more)"),
        "{detail}"
    );
    assert!(detail.len() < 1000, "{detail}");
}

#[test]
fn input_over_the_size_limit_is_not_read() {
    let builder = Verifier::builder()
        .public_key(public_pem(ALIPAY_A))
        .max_size(256);
    let options = DiagnoseOptions::default();
    let json = format!("{{\"sign\":\"{}\"}}", "A".repeat(300));
    let diagnosis = diagnose(json.as_bytes(), &builder, &options).unwrap();
    let codes: Vec<&str> = diagnosis.findings.iter().map(|f| f.code).collect();
    assert_eq!(codes, ["INPUT_TOO_LARGE"]);

    let form = signed(&[]);
    assert!(form.len() > 256);
    let diagnosis = diagnose(form.as_bytes(), &builder, &options).unwrap();
    assert_eq!(diagnosis.error.as_ref().unwrap().0, "INPUT_TOO_LARGE");
    assert!(diagnosis.has("INPUT_TOO_LARGE"));
    assert_eq!(diagnosis.content_sha256, None);
    assert_eq!(diagnosis.content_preview, None);
}

#[test]
fn a_verifier_diagnoses_with_the_options_it_was_built_from() {
    // RSA only, for another app: the RSA2 message fails on the sign type, which diagnosis
    // finds only by relaxing this verifier's own options.
    let builder = Verifier::builder()
        .public_key(public_pem(ALIPAY_A))
        .sign_types([SignType::Rsa])
        .app_id("2021000117609999");
    let verifier = builder.clone().build().unwrap();
    let body = signed(&[]);
    let options = DiagnoseOptions::default();
    let diagnosis = verifier.diagnose(&body, &options).unwrap();
    assert!(!diagnosis.verified);
    assert!(
        diagnosis.has("SIGN_TYPE_NOT_ALLOWED"),
        "{:?}",
        diagnosis.findings
    );
    let from_builder = diagnose(body.as_bytes(), &builder, &options).unwrap();
    assert_eq!(
        serde_json::to_value(&diagnosis).unwrap(),
        serde_json::to_value(&from_builder).unwrap()
    );

    let allowed = Verifier::builder()
        .public_key(public_pem(ALIPAY_A))
        .app_id("2021000117609999")
        .build()
        .unwrap();
    let diagnosis = allowed.diagnose(&body, &options).unwrap();
    assert!(
        diagnosis.has("BUSINESS_MISMATCH"),
        "{:?}",
        diagnosis.findings
    );
}

/// The troubleshooting pages are generated from `describe_finding`: every code has its text,
/// the same a diagnosis gives without a message's detail.
#[test]
fn every_finding_code_has_its_catalog_text() {
    use alipay_notify::diagnose::{FINDING_CODES, describe_finding};
    for code in FINDING_CODES {
        let finding = describe_finding(code).unwrap_or_else(|| panic!("{code}: no text"));
        assert_eq!(finding.code, *code);
        assert!(!finding.certain);
        for text in [
            &finding.explanation,
            &finding.explanation_zh,
            &finding.fix,
            &finding.fix_zh,
        ] {
            assert!(!text.is_empty() && !text.ends_with(')'), "{code}: {text}");
        }
    }
    assert!(describe_finding("NOT_A_CODE").is_none());
    let wrong_key = diagnosed(&signed(&[]), ALIPAY_B);
    let made = wrong_key.findings.first().expect("a finding");
    let described = describe_finding(made.code).unwrap();
    assert_eq!(
        (&made.fix, &made.fix_zh),
        (&described.fix, &described.fix_zh)
    );
    assert!(made.explanation.starts_with(&described.explanation));
}

/// Found by the `diagnose` fuzz target (docs/security.md): a long `sign` that is not base64 and
/// ends in a multi-byte character, at a length of 1 modulo 4, panicked where the cut-signature
/// check dropped its last byte (a slice inside the character).
#[test]
fn a_long_signature_ending_in_a_multibyte_character_is_diagnosed() {
    let body = signed(&[]);
    let (unsigned, _) = body.rsplit_once("&sign=").unwrap();
    for tail in ["%E3%80%82", "%FF", "%C3%A9%C3%A9"] {
        for len in 96..104 {
            let input = format!("{unsigned}&sign={}{tail}", "A".repeat(len));
            let diagnosis = diagnosed(&input, ALIPAY_A);
            assert!(
                !diagnosis.causes().any(|f| f.code == "SIGNATURE_TRUNCATED"),
                "{input}"
            );
        }
    }
    let minimized = b"sign=\xff\xff\xff\xf8\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xe0\xff\xff\xff\xff\xf8\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff,J\xe0\xff\xff";
    let verifier = Verifier::new(&public_pem(ALIPAY_A)).unwrap();
    verifier
        .diagnose(minimized, &DiagnoseOptions::default())
        .unwrap();
}
