//! The tables are complete and agree with the code: every builder setter has an entry, every
//! field of the option structs has one, and the defaults and values are the code's.

use super::*;
use crate::builder::{DEFAULT_MAX_SIZE, DEFAULT_MIN_KEY_BITS, DEFAULT_SIGN_TYPES};
use crate::charset::Charset;
use crate::notify::MessageKind;
use crate::sign_type::{Rule, SignType};
use crate::{DiagnoseOptions, Signer, SignerOptions};
use std::collections::BTreeSet;

fn spec(table: &[OptionSpec], name: &str) -> OptionSpec {
    *table
        .iter()
        .find(|o| o.name == name)
        .unwrap_or_else(|| panic!("no option {name}"))
}

fn names(table: &[OptionSpec]) -> Vec<&'static str> {
    table.iter().map(|o| o.name).collect()
}

/// The public `VerifierBuilder` methods that take `mut self`: its option setters.
fn builder_setters() -> BTreeSet<String> {
    let source = include_str!("../builder.rs");
    let setter = regex::Regex::new(r"pub fn ([a-z0-9_]+)(?:<[^>]*>)?\(\s*mut self").unwrap();
    setter
        .captures_iter(source)
        .map(|c| c[1].to_string())
        .collect()
}

#[test]
fn every_builder_setter_has_exactly_one_verifier_option() {
    let setters = builder_setters();
    assert!(
        setters.len() >= 12,
        "the scan found too few setters: {setters:?}"
    );
    let mut listed = BTreeSet::new();
    for option in VERIFIER_OPTIONS {
        assert!(
            !option.rust_setters.is_empty(),
            "{} has no setter",
            option.name
        );
        for setter in option.rust_setters {
            assert!(
                setters.contains(*setter),
                "{}: no setter {setter}",
                option.name
            );
            assert!(
                listed.insert(setter.to_string()),
                "{setter} is listed twice"
            );
        }
    }
    assert_eq!(listed, setters, "a builder setter has no verifier option");
}

#[test]
fn diagnose_and_signer_options_are_the_fields_of_their_structs() {
    // Exhaustive patterns: a field added to either struct stops this from compiling.
    let DiagnoseOptions {
        app_public_keys: _,
        app_private_key: _,
        kind: _,
    } = DiagnoseOptions::default();
    assert_eq!(
        names(DIAGNOSE_OPTIONS),
        ["app_public_keys", "app_private_key", "kind"]
    );
    let SignerOptions {
        private_key: _,
        md5_key: _,
        sign_type: _,
        rule: _,
    } = SignerOptions::default();
    assert_eq!(
        names(SIGNER_OPTIONS),
        ["private_key", "md5_key", "sign_type", "rule"]
    );
}

#[test]
fn defaults_are_the_codes_defaults() {
    let v = |name| spec(VERIFIER_OPTIONS, name).default;
    let joined: Vec<&str> = DEFAULT_SIGN_TYPES.iter().map(|t| t.as_str()).collect();
    assert_eq!(v("sign_types"), Some(joined.join(",").as_str()));
    assert_eq!(v("rule"), Some(Rule::default().as_str()));
    assert_eq!(v("max_size"), Some(DEFAULT_MAX_SIZE.to_string().as_str()));
    assert_eq!(
        v("min_key_bits"),
        Some(DEFAULT_MIN_KEY_BITS.to_string().as_str())
    );
    let charset = Charset::from_label(v("default_charset").unwrap().as_bytes()).unwrap();
    assert_eq!(charset, crate::VerifierBuilder::default().default_charset);
    let s = |name| spec(SIGNER_OPTIONS, name).default;
    assert_eq!(s("sign_type"), Some(Signer::DEFAULT_SIGN_TYPE.as_str()));
    assert_eq!(s("rule"), Some(Signer::DEFAULT_RULE.as_str()));
    for option in [VERIFIER_OPTIONS, DIAGNOSE_OPTIONS, SIGNER_OPTIONS].concat() {
        let has_values = matches!(option.kind, OptionKind::Choice | OptionKind::Choices);
        assert_eq!(has_values, !option.values.is_empty(), "{}", option.name);
        if let (Some(default), true) = (option.default, has_values) {
            assert!(
                default.split(',').all(|d| option.values.contains(&d)),
                "{}",
                option.name
            );
        }
    }
}

#[test]
fn choice_values_are_what_the_parsers_accept() {
    let all_names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let sign_types = all_names(spec(VERIFIER_OPTIONS, "sign_types").values);
    let expected: Vec<String> = [SignType::Rsa2, SignType::Rsa, SignType::Sm2, SignType::Md5]
        .map(|t| t.as_str().to_string())
        .to_vec();
    assert_eq!(sign_types, expected);
    assert_eq!(
        all_names(spec(SIGNER_OPTIONS, "sign_type").values),
        expected
    );
    for rule in spec(VERIFIER_OPTIONS, "rule").values {
        assert_eq!(rule.parse::<Rule>().unwrap().as_str(), *rule);
    }
    assert_eq!(spec(SIGNER_OPTIONS, "rule").values, RULES);
    for label in spec(VERIFIER_OPTIONS, "default_charset").values {
        Charset::from_label(label.as_bytes()).unwrap();
    }
    let kinds: Vec<&str> = MessageKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(spec(DIAGNOSE_OPTIONS, "kind").values, kinds);
}

#[test]
fn names_are_snake_case_unique_and_convert_to_the_other_cases() {
    for table in [VERIFIER_OPTIONS, DIAGNOSE_OPTIONS, SIGNER_OPTIONS] {
        let unique: BTreeSet<_> = table.iter().map(|o| o.name).collect();
        assert_eq!(unique.len(), table.len());
        for option in table {
            let snake = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_';
            assert!(option.name.chars().all(snake), "{}", option.name);
            assert!(!option.meaning.is_empty() && !option.meaning.contains('\n'));
            if let Some(required) = option.requires {
                spec(table, required);
            }
        }
    }
    let camel: Vec<String> = VERIFIER_OPTIONS.iter().map(|o| o.camel_case()).collect();
    assert_eq!(
        camel,
        [
            "alipayPublicKey",
            "signTypes",
            "rule",
            "appId",
            "sellerId",
            "allowEmbeddedPairs",
            "md5Key",
            "maxSize",
            "minKeyBits",
            "defaultCharset",
            "checkCertificates",
            "checkCertificatesAt",
            "maxResponseAge",
            "aesKey",
            "appPrivateKey",
        ]
    );
    let at = spec(VERIFIER_OPTIONS, "check_certificates_at");
    assert_eq!(at.kebab_case(), "check-certificates-at");
    assert_eq!(OptionKind::Choices.to_string(), "choices");
}
