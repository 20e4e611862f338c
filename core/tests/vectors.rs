//! Runs every shared vector in `tests/vectors/` against the core, asserting the exact outcome.

use alipay_notify::{
    Charset, DiagnoseOptions, MessageKind, Rule, SignType, Signer, Verifier, VerifierBuilder,
    diagnose,
};
use alipay_notify::{cert_sn, root_cert_sn};
use serde_json::Value;
use std::path::{Path, PathBuf};

#[path = "vectors/aes.rs"]
mod aes;
#[path = "vectors/diagnose_families.rs"]
mod diagnose_families;
#[path = "vectors/v3.rs"]
mod v3;

fn vector_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

fn hex_decode(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"))
        .collect()
}

fn str_field<'a>(v: &'a Value, name: &str) -> Option<&'a str> {
    v.get(name).and_then(Value::as_str)
}

/// A vector's `params`, as pairs.
fn params_of(vector: &Value) -> Vec<(String, String)> {
    vector["params"]
        .as_array()
        .expect("params")
        .iter()
        .map(|p| (p[0].as_str().unwrap().into(), p[1].as_str().unwrap().into()))
        .collect()
}

fn build_verifier(file_keys: &Value, vector: &Value) -> alipay_notify::Result<Verifier> {
    builder_for(file_keys, vector).build()
}

fn builder_for(file_keys: &Value, vector: &Value) -> VerifierBuilder {
    let mut builder = Verifier::builder();
    for id in vector["keys"].as_array().into_iter().flatten() {
        let id = id.as_str().expect("key id");
        let text = file_keys[id]
            .as_str()
            .unwrap_or_else(|| panic!("unknown key id {id}"));
        builder = builder.public_key(text);
    }
    let options = &vector["options"];
    if let Some(types) = options.get("sign_types").and_then(Value::as_array) {
        let types: Vec<SignType> = types
            .iter()
            .map(|t| t.as_str().unwrap().parse().expect("sign type"))
            .collect();
        builder = builder.sign_types(types);
    }
    if let Some(rule) = str_field(options, "rule") {
        builder = builder.rule(rule.parse::<Rule>().expect("rule"));
    }
    if let Some(app_id) = str_field(options, "app_id") {
        builder = builder.app_id(app_id);
    }
    for seller in options
        .get("seller_ids")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        builder = builder.seller_id(seller.as_str().unwrap());
    }
    for field in options
        .get("allow_embedded_pairs")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        builder = builder.allow_embedded_pairs(field.as_str().expect("field name"));
    }
    if let Some(bits) = options.get("min_key_bits").and_then(Value::as_u64) {
        builder = builder.min_key_bits(bits as usize);
    }
    if let Some(size) = options.get("max_size").and_then(Value::as_u64) {
        builder = builder.max_size(size as usize);
    }
    if let Some(label) = str_field(options, "default_charset") {
        builder = builder.default_charset(Charset::from_label(label.as_bytes()).expect("charset"));
    }
    if let Some(key) = str_field(options, "md5_key") {
        builder = builder.md5_key(key);
    }
    if let Some(check) = options.get("check_certificates") {
        let root = file_keys[str_field(check, "root").expect("root key id")]
            .as_str()
            .expect("root certificate text");
        let at = check["at"].as_i64().expect("at: unix time");
        builder = builder.check_certificates_at_unix(root, at);
    }
    builder
}

fn run_response(file_keys: &Value, vector: &Value) -> Result<(), String> {
    let input = str_field(vector, "input").expect("input");
    let outcome = build_verifier(file_keys, vector)
        .and_then(|verifier| verifier.verify_response(input, str_field(vector, "method")));
    match (str_field(vector, "expect"), outcome) {
        (Some("valid"), Ok(response)) => {
            if Some(response.method()) != str_field(vector, "method_out") {
                return Err(format!(
                    "method {} != {}",
                    response.method(),
                    vector["method_out"]
                ));
            }
            if Some(response.key_index() as u64) != vector["key_index"].as_u64() {
                return Err(format!(
                    "key_index {} != {}",
                    response.key_index(),
                    vector["key_index"]
                ));
            }
            if response.value() != &vector["response_out"] {
                return Err(format!(
                    "response_out differs:\n  got      {}\n  expected {}",
                    response.value(),
                    vector["response_out"]
                ));
            }
            Ok(())
        }
        (Some("invalid"), Err(err)) if Some(err.name()) == str_field(vector, "error") => Ok(()),
        (expect, Ok(_)) => Err(format!("expected {expect:?}, but it verified")),
        (_, Err(err)) => Err(format!("expected {}, got {err}", vector["error"])),
    }
}

fn run_cert_sn(file_keys: &Value, vector: &Value) -> Result<(), String> {
    let text = file_keys[str_field(vector, "cert").expect("cert key id")]
        .as_str()
        .expect("certificate text");
    let outcome = if vector["root"].as_bool().unwrap_or(false) {
        root_cert_sn(text)
    } else {
        cert_sn(text)
    };
    match (str_field(vector, "expect"), outcome) {
        (Some("valid"), Ok(sn)) if Some(sn.as_str()) == str_field(vector, "sn") => Ok(()),
        (Some("invalid"), Err(err)) if Some(err.name()) == str_field(vector, "error") => Ok(()),
        (_, outcome) => Err(format!(
            "got {outcome:?}, expected sn {} / error {}",
            vector["sn"], vector["error"]
        )),
    }
}

/// The diagnosis options of a vector: its app keys, as key ids of the file.
fn diagnose_options(file_keys: &Value, vector: &Value) -> DiagnoseOptions {
    let options = &vector["options"];
    let key_text = |id: &Value| {
        file_keys[id.as_str().unwrap()]
            .as_str()
            .unwrap()
            .to_string()
    };
    DiagnoseOptions {
        app_public_keys: options
            .get("app_public_keys")
            .and_then(Value::as_array)
            .map(|ids| ids.iter().map(key_text).collect())
            .unwrap_or_default(),
        app_private_key: options.get("app_private_key").map(key_text),
        kind: None,
    }
}

fn run_diagnose(file_keys: &Value, vector: &Value) -> Result<(), String> {
    let diagnose_options = diagnose_options(file_keys, vector);
    let input = match (str_field(vector, "input"), str_field(vector, "input_hex")) {
        (Some(text), _) => text.as_bytes().to_vec(),
        (None, Some(hex)) => hex_decode(hex),
        (None, None) => Vec::new(),
    };
    let diagnosis = diagnose(&input, &builder_for(file_keys, vector), &diagnose_options)
        .map_err(|e| format!("diagnose failed: {e}"))?;
    judge_diagnosis(&diagnosis, vector)
}

/// Compares a diagnosis with the vector's: `verified`, the causes exactly, the hints present.
fn judge_diagnosis(diagnosis: &alipay_notify::Diagnosis, vector: &Value) -> Result<(), String> {
    let expected = &vector["diagnosis"];
    if Some(diagnosis.verified) != expected["verified"].as_bool() {
        return Err(format!(
            "verified {} != {}",
            diagnosis.verified, expected["verified"]
        ));
    }
    let mut causes: Vec<&str> = diagnosis.causes().map(|f| f.code).collect();
    let mut expected_causes: Vec<&str> = expected["causes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| c.as_str().unwrap())
        .collect();
    causes.sort_unstable();
    expected_causes.sort_unstable();
    if causes != expected_causes {
        return Err(format!(
            "causes {causes:?} != {expected_causes:?}; findings {:?}",
            diagnosis.findings
        ));
    }
    for hint in expected["hints"].as_array().into_iter().flatten() {
        let hint = hint.as_str().unwrap();
        if !diagnosis
            .findings
            .iter()
            .any(|f| f.code == hint && !f.certain)
        {
            return Err(format!(
                "hint {hint} missing; findings {:?}",
                diagnosis.findings
            ));
        }
    }
    Ok(())
}

fn run_verify(file_keys: &Value, vector: &Value) -> Result<(), String> {
    let kind = str_field(vector, "kind").unwrap();
    let outcome = build_verifier(file_keys, vector).and_then(|verifier| {
        let input = match (str_field(vector, "input"), str_field(vector, "input_hex")) {
            (Some(text), _) => text.as_bytes().to_vec(),
            (None, Some(hex)) => hex_decode(hex),
            (None, None) => Vec::new(),
        };
        match kind {
            "notify" => verifier.verify_notify(&input),
            "return" => verifier.verify_return(&input),
            "wap_notify" | "message_service" => verifier.verify_notify(&input),
            "app_result" => verifier.verify_app_result(&input),
            "params" => verifier.verify_pairs(&params_of(vector), MessageKind::Notify),
            other => panic!("unknown kind {other}"),
        }
    });
    match (str_field(vector, "expect"), outcome) {
        (Some("valid"), Ok(notification)) => {
            let v = notification.verification();
            if let Some(rule) = str_field(vector, "rule")
                && v.rule.as_str() != rule
            {
                return Err(format!("rule {} != {rule}", v.rule));
            }
            if let Some(index) = vector.get("key_index").and_then(Value::as_u64)
                && v.key_index != Some(index as usize)
            {
                return Err(format!("key_index {:?} != {index}", v.key_index));
            }
            if let Some(expected) = vector.get("params_out") {
                let actual = serde_json::to_value(&notification).unwrap();
                if &actual != expected {
                    return Err(format!(
                        "params_out differs:\n  got      {actual}\n  expected {expected}"
                    ));
                }
            }
            if let Some(typed) = vector.get("typed") {
                if let Some(status) = str_field(typed, "trade_status") {
                    let actual = notification.trade_status().map(|s| s.as_str().to_string());
                    if actual.as_deref() != Some(status) {
                        return Err(format!("trade_status {actual:?} != {status}"));
                    }
                }
                if let Some(paid) = typed.get("is_paid").and_then(Value::as_bool)
                    && notification.is_paid() != paid
                {
                    return Err(format!("is_paid != {paid}"));
                }
                if let Some(fen) = typed.get("total_amount_fen").and_then(Value::as_i64) {
                    let actual = notification.order_amount().map_err(|e| e.to_string())?;
                    if actual.map(|a| a.fen()) != Some(fen) {
                        return Err(format!("total_amount_fen {actual:?} != {fen}"));
                    }
                }
            }
            check_message(&notification, vector)?;
            if let Some(check) = vector.get("check_order") {
                let result = notification.check_order(
                    str_field(check, "out_trade_no").unwrap(),
                    str_field(check, "total_amount").unwrap(),
                );
                let expected = str_field(check, "error");
                let actual = result.err().map(|e| e.name());
                if actual != expected {
                    return Err(format!(
                        "check_order gave {actual:?}, expected {expected:?}"
                    ));
                }
            }
            Ok(())
        }
        (Some("invalid"), Err(err)) => {
            let expected = str_field(vector, "error").expect("error name");
            if err.name() != expected {
                return Err(format!(
                    "error {} ({}) != {expected}",
                    err.name(),
                    err.message()
                ));
            }
            Ok(())
        }
        (expect, Ok(_)) => Err(format!("expected {expect:?}, but it verified")),
        (expect, Err(err)) => Err(format!("expected {expect:?}, got {err}")),
    }
}

/// A 消息服务 vector's `message`: msg_method, biz_content parsed, utc_timestamp in ms, or the
/// errors of the last two.
fn check_message(n: &alipay_notify::Notification, vector: &Value) -> Result<(), String> {
    let Some(expected) = vector.get("message") else {
        return Ok(());
    };
    if n.msg_method() != str_field(expected, "msg_method") {
        return Err(format!("msg_method {:?}", n.msg_method()));
    }
    match (n.biz_content(), expected.get("biz_content")) {
        (Ok(Some(actual)), Some(want)) if &actual == want => {}
        (Err(e), None) if Some(e.name()) == str_field(expected, "biz_content_error") => {}
        (got, _) => return Err(format!("biz_content {got:?}")),
    }
    match (n.utc_timestamp_millis(), expected.get("utc_timestamp_ms")) {
        (Ok(Some(ms)), Some(want)) if want.as_i64() == Some(ms) => {}
        (Err(e), None) if Some(e.name()) == str_field(expected, "utc_timestamp_error") => {}
        (got, _) => return Err(format!("utc_timestamp {got:?}")),
    }
    Ok(())
}

fn run_sign(file_keys: &Value, vector: &Value) -> Result<(), String> {
    let key = file_keys[str_field(vector, "private_key").unwrap()]
        .as_str()
        .unwrap();
    let sign_type: SignType = str_field(vector, "sign_type")
        .unwrap_or("RSA2")
        .parse()
        .unwrap();
    let rule: Rule = str_field(vector, "rule").unwrap_or("v1").parse().unwrap();
    let mut pairs = params_of(vector);
    if let Some(charset) = str_field(vector, "charset")
        && !pairs.iter().any(|(k, _)| k == "charset")
    {
        pairs.push(("charset".into(), charset.into()));
    }
    let outcome = Signer::rsa(key, sign_type, rule).and_then(|signer| signer.sign(&pairs));
    let sign = match (str_field(vector, "expect"), outcome) {
        (Some("invalid"), Err(err)) => {
            let expected = str_field(vector, "error").expect("error name");
            return if err.name() == expected {
                Ok(())
            } else {
                Err(format!("error {} != {expected}", err.name()))
            };
        }
        (Some("invalid"), Ok(_)) => return Err("expected an error, but it signed".into()),
        (_, Err(err)) => return Err(err.to_string()),
        (_, Ok(sign)) => sign,
    };
    let expected = str_field(vector, "sign").unwrap();
    if sign != expected {
        return Err(format!(
            "sign differs:\n  got      {sign}\n  expected {expected}"
        ));
    }
    Ok(())
}

#[test]
fn every_shared_vector_holds() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(vector_dir())
        .expect("tests/vectors")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no vector files found");
    let mut failures = Vec::new();
    let mut ran = 0;
    for file in &files {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let keys = &doc["keys"];
        for vector in doc["vectors"].as_array().expect("vectors") {
            let id = str_field(vector, "id").unwrap_or("?");
            let result = match str_field(vector, "kind") {
                _ if !cfg!(feature = "sm2") && asks_for_sm2(vector) => {
                    run_without_sm2(keys, vector)
                }
                Some("sm2_sign") => run_sm2_sign(keys, vector),
                Some("sign") => run_sign(keys, vector),
                Some("diagnose") => run_diagnose(keys, vector),
                Some("response") => run_response(keys, vector),
                Some("cert_sn") => run_cert_sn(keys, vector),
                Some("v3_response") => v3::run_v3_response(keys, vector),
                Some("diagnose_response") => diagnose_families::run_response(keys, vector),
                Some("diagnose_v3") => diagnose_families::run_v3(keys, vector),
                Some("v3_request") => v3::run_v3_request(keys, vector),
                Some("aes_decrypt") => aes::run_decrypt(keys, vector),
                Some("aes_response") => aes::run_response(keys, vector),
                Some("open_data") => aes::run_open_data(keys, vector),
                Some("rsa_biz_content") => aes::run_biz_content(keys, vector),
                _ => run_verify(keys, vector),
            };
            ran += 1;
            if let Err(why) = result {
                failures.push(format!(
                    "{}: {id}: {why}",
                    file.file_name().unwrap().to_string_lossy()
                ));
            }
        }
    }
    println!(
        "{ran} vectors from {} files, {} failed",
        files.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {ran} vectors failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// ---- SM2 (国密): kind sm2_sign, and what a build without the `sm2` feature does

/// Whether the verifier or signer a vector needs is asked for SM2.
fn asks_for_sm2(vector: &Value) -> bool {
    let types = vector["options"]["sign_types"].as_array();
    vector["kind"] == "sm2_sign" || types.is_some_and(|t| t.iter().any(|t| t == "SM2"))
}

/// Built without SM2, a vector that asks for it gets INVALID_CONFIG: its verifier or signer
/// cannot be built.
fn run_without_sm2(file_keys: &Value, vector: &Value) -> Result<(), String> {
    let outcome = match str_field(vector, "kind") {
        Some("sm2_sign") => Signer::sm2(
            file_keys[str_field(vector, "private_key").unwrap()]
                .as_str()
                .unwrap(),
            Rule::V1,
        )
        .map(drop),
        _ => build_verifier(file_keys, vector).map(drop),
    };
    match outcome {
        Err(err) if err.kind() == alipay_notify::ErrorKind::InvalidConfig => Ok(()),
        other => Err(format!(
            "built without sm2, expected INVALID_CONFIG, got {other:?}"
        )),
    }
}

/// SM2 signatures are randomized: the signature made is verified with `public_key` (sign type
/// SM2, rule auto) instead of compared.
fn run_sm2_sign(file_keys: &Value, vector: &Value) -> Result<(), String> {
    let key = |field: &str| {
        file_keys[str_field(vector, field).unwrap()]
            .as_str()
            .unwrap()
    };
    let rule: Rule = str_field(vector, "rule").unwrap_or("v1").parse().unwrap();
    let mut pairs = params_of(vector);
    let sign = match (
        str_field(vector, "expect"),
        Signer::sm2(key("private_key"), rule).and_then(|signer| signer.sign(&pairs)),
    ) {
        (Some("invalid"), Err(err)) if Some(err.name()) == str_field(vector, "error") => {
            return Ok(());
        }
        (Some("valid"), Ok(sign)) => sign,
        (_, outcome) => return Err(format!("expected {}, got {outcome:?}", vector["error"])),
    };
    pairs.push(("sign".into(), sign));
    let notification = Verifier::builder()
        .public_key(key("public_key"))
        .sign_types([SignType::Sm2])
        .build()
        .and_then(|verifier| verifier.verify_pairs(&pairs, MessageKind::Notify))
        .map_err(|e| format!("the signature does not verify: {e}"))?;
    if Some(notification.verification().rule.as_str()) != str_field(vector, "rule") {
        return Err(format!("rule {}", notification.verification().rule));
    }
    let actual = serde_json::to_value(&notification).unwrap();
    if actual != vector["params_out"] {
        return Err(format!("params_out differs: {actual}"));
    }
    Ok(())
}
