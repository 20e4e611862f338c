//! The command-line contract: flags, exit codes and output, checked against the shared vectors.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

// OpenAPI v3 (issue 11, family A): verify-v3 and sign-v3 against v3.json.
#[path = "cli/aes.rs"]
mod aes;
// Issue 11: diagnose --kind response / v3 against diagnose_families.json.
#[path = "cli/diagnose_families.rs"]
mod diagnose_families;
#[path = "cli/v3.rs"]
mod v3;
// Alipay on 127.0.0.1 (issue 12).
#[path = "cli/sandbox.rs"]
mod sandbox;
// Reconciliation (主动查询), issue 13.
#[path = "cli/https.rs"]
mod https;
#[path = "cli/query.rs"]
mod query;
// Issue 14: docs/troubleshooting*.md, generated from the catalog and checked for drift.
#[path = "cli/troubleshooting.rs"]
mod troubleshooting;

fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_alipay-notify"))
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = binary()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn alipay-notify");
    // The command may exit (say, on a bad key) before reading its input: a broken pipe here is
    // part of the behaviour under test, not a failure.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("alipay-notify-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn vector_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn hex_decode(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

/// The exit code the contract gives an error name: configuration errors 2, rejections 1.
fn expected_exit(error: &str) -> i32 {
    match error {
        "INVALID_KEY" | "WEAK_KEY" | "INVALID_CONFIG" | "UNKNOWN_CERT_SN" | "CERT_EXPIRED"
        | "CERT_UNTRUSTED" => 2,
        _ => 1,
    }
}

fn verify_args(vector: &Value, key_files: &[(String, PathBuf)]) -> Vec<String> {
    let mut args = vec!["verify".to_string()];
    for id in vector["keys"].as_array().into_iter().flatten() {
        let path = &key_files
            .iter()
            .find(|(k, _)| k == id.as_str().unwrap())
            .unwrap()
            .1;
        args.extend(["--key".into(), path.to_string_lossy().into_owned()]);
    }
    let options = &vector["options"];
    for t in options
        .get("sign_types")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        args.extend(["--sign-type".into(), t.as_str().unwrap().into()]);
    }
    for (option, flag) in [
        ("rule", "--rule"),
        ("app_id", "--app-id"),
        ("md5_key", "--md5-key"),
        ("default_charset", "--default-charset"),
    ] {
        if let Some(value) = options.get(option).and_then(Value::as_str) {
            args.extend([flag.into(), value.into()]);
        }
    }
    for (option, flag) in [
        ("seller_ids", "--seller-id"),
        ("allow_embedded_pairs", "--allow-embedded-pairs"),
    ] {
        for value in options
            .get(option)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            args.extend([flag.into(), value.as_str().unwrap().into()]);
        }
    }
    for (option, flag) in [
        ("min_key_bits", "--min-key-bits"),
        ("max_size", "--max-size"),
    ] {
        if let Some(value) = options.get(option).and_then(Value::as_u64) {
            args.extend([flag.into(), value.to_string()]);
        }
    }
    match vector["kind"].as_str().unwrap() {
        "app_result" => args[0] = "verify-app-result".into(),
        "wap_notify" | "message_service" => args.extend(["--kind".into(), "notify".into()]),
        kind => args.extend(["--kind".into(), kind.into()]),
    }
    args
}

#[test]
fn verify_agrees_with_every_shared_vector() {
    let dir = scratch_dir("vectors");
    let mut ran = 0;
    let mut failures = Vec::new();
    for file in vector_files() {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let mut key_files = Vec::new();
        for (id, text) in doc["keys"].as_object().into_iter().flatten() {
            let path = dir.join(format!(
                "{}-{id}.key",
                file.file_stem().unwrap().to_string_lossy()
            ));
            std::fs::write(&path, text.as_str().unwrap()).unwrap();
            key_files.push((id.clone(), path));
        }
        for vector in doc["vectors"].as_array().unwrap() {
            let kind = vector["kind"].as_str().unwrap();
            let families = ["wap_notify", "message_service", "app_result"];
            if kind != "notify" && kind != "return" && !families.contains(&kind) {
                continue;
            }
            let mut input = match (vector.get("input"), vector.get("input_hex")) {
                (Some(text), _) => text.as_str().unwrap().as_bytes().to_vec(),
                (_, Some(hex)) => hex_decode(hex.as_str().unwrap()),
                _ => unreachable!(),
            };
            // The command ignores one trailing line break; check that it really does.
            input.push(b'\n');
            let args = verify_args(vector, &key_files);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let output = run(&args, &input);
            let id = vector["id"].as_str().unwrap();
            let stdout = String::from_utf8_lossy(&output.stdout);
            let stderr = String::from_utf8_lossy(&output.stderr);
            let code = output.status.code().unwrap_or(-1);
            ran += 1;
            match vector["expect"].as_str().unwrap() {
                "valid" => {
                    let parsed: Result<Value, _> = serde_json::from_str(&stdout);
                    match parsed {
                        Ok(params)
                            if code == 0
                                && Some(&params) == vector.get("params_out").or(Some(&params)) => {}
                        _ => failures.push(format!(
                            "{id}: exit {code}, stdout {stdout}, stderr {stderr}"
                        )),
                    }
                }
                _ => {
                    let error = vector["error"].as_str().unwrap();
                    let prefix = format!("{error}: ");
                    if code != expected_exit(error)
                        || !stderr.starts_with(&prefix)
                        || !stdout.is_empty()
                    {
                        failures.push(format!("{id}: exit {code}, stderr {stderr}"));
                    }
                }
            }
        }
    }
    std::fs::remove_dir_all(&dir).ok();
    assert!(ran > 100, "only {ran} vectors ran");
    assert!(
        failures.is_empty(),
        "{} of {ran} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn sign_reproduces_every_signing_vector() {
    let dir = scratch_dir("sign");
    let mut ran = 0;
    for file in vector_files() {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        for vector in doc["vectors"].as_array().unwrap() {
            if vector["kind"] != "sign" || vector["expect"] == "invalid" {
                continue;
            }
            let key_path = dir.join("private.pem");
            let key = doc["keys"][vector["private_key"].as_str().unwrap()]
                .as_str()
                .unwrap();
            std::fs::write(&key_path, key).unwrap();
            let mut params = serde_json::Map::new();
            for pair in vector["params"].as_array().unwrap() {
                params.insert(pair[0].as_str().unwrap().into(), pair[1].clone());
            }
            if let Some(charset) = vector.get("charset") {
                params.entry("charset").or_insert(charset.clone());
            }
            let output = run(
                &[
                    "sign",
                    "--private-key",
                    key_path.to_str().unwrap(),
                    "--sign-type",
                    vector
                        .get("sign_type")
                        .and_then(Value::as_str)
                        .unwrap_or("RSA2"),
                    "--rule",
                    vector.get("rule").and_then(Value::as_str).unwrap_or("v1"),
                    "--sign-only",
                ],
                Value::Object(params).to_string().as_bytes(),
            );
            let id = vector["id"].as_str().unwrap();
            assert_eq!(
                output.status.code(),
                Some(0),
                "{id}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            assert_eq!(
                String::from_utf8_lossy(&output.stdout).trim(),
                vector["sign"].as_str().unwrap(),
                "{id}"
            );
            ran += 1;
        }
    }
    std::fs::remove_dir_all(&dir).ok();
    assert!(ran > 0, "no signing vector ran");
}

#[test]
fn keygen_simulate_verify_round_trip_and_tamper() {
    let dir = scratch_dir("roundtrip");
    let private = dir.join("p.pem");
    let public = dir.join("pub.txt");
    let output = run(
        &[
            "keygen",
            "--private-out",
            private.to_str().unwrap(),
            "--public-out",
            public.to_str().unwrap(),
            "--public-format",
            "base64",
        ],
        b"",
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let body = run(
        &[
            "simulate",
            "--private-key",
            private.to_str().unwrap(),
            "--total-amount",
            "12.30",
        ],
        b"",
    )
    .stdout;
    let key = public.to_str().unwrap();

    let ok = run(
        &[
            "verify",
            "--key",
            key,
            "--app-id",
            "2021000000000000",
            "--out-trade-no",
            "T20240102000001",
            "--total-amount",
            "12.3",
        ],
        &body,
    );
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let params: Value = serde_json::from_slice(&ok.stdout).unwrap();
    assert_eq!(params["total_amount"], "12.30");
    assert!(params.get("sign").is_none() && params.get("sign_type").is_none());

    // The key text itself works as well as a path.
    let key_text = std::fs::read_to_string(&public).unwrap();
    assert_eq!(
        run(&["verify", "--key", key_text.trim()], &body)
            .status
            .code(),
        Some(0)
    );

    let tampered = String::from_utf8(body.clone())
        .unwrap()
        .replace("total_amount=12.30", "total_amount=0.01");
    let rejected = run(&["verify", "--key", key], tampered.as_bytes());
    assert_eq!(rejected.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&rejected.stderr).starts_with("INVALID_SIGNATURE: "));
    assert!(rejected.stdout.is_empty());

    let wrong_order = run(
        &[
            "verify",
            "--key",
            key,
            "--out-trade-no",
            "OTHER",
            "--total-amount",
            "12.30",
        ],
        &body,
    );
    assert_eq!(wrong_order.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&wrong_order.stderr).starts_with("ORDER_MISMATCH: "));

    let wrong_amount = run(
        &[
            "verify",
            "--key",
            key,
            "--out-trade-no",
            "T20240102000001",
            "--total-amount",
            "12.31",
        ],
        &body,
    );
    assert!(String::from_utf8_lossy(&wrong_amount.stderr).starts_with("AMOUNT_MISMATCH: "));

    let report = run(&["verify", "--key", key, "--output", "report"], &body);
    let report: Value = serde_json::from_slice(&report.stdout).unwrap();
    assert_eq!(report["verification"]["rule"], "v1");
    assert_eq!(report["typed"]["total_amount_fen"], 1230);
    assert_eq!(report["typed"]["is_paid"], true);

    let diagnosed = run(&["diagnose", "--key", key], &body);
    assert_eq!(diagnosed.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&diagnosed.stdout).starts_with("Verified: yes"));
    let escaped = String::from_utf8(body.clone())
        .unwrap()
        .replace("%22", "%26quot%3B");
    let diagnosed = run(&["diagnose", "--key", key], escaped.as_bytes());
    assert_eq!(diagnosed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&diagnosed.stdout).contains("Cause: HTML_ESCAPED"));
    let json = run(&["diagnose", "--key", key, "--json"], escaped.as_bytes());
    let json: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["findings"][0]["code"], "HTML_ESCAPED");
    assert_eq!(json["findings"][0]["certain"], true);
    assert_eq!(json["error"][0], "INVALID_SIGNATURE");

    let md5_body = run(&["simulate", "--md5-key", "partner-secret"], b"").stdout;
    assert_eq!(
        run(&["verify", "--md5-key", "partner-secret"], &md5_body)
            .status
            .code(),
        Some(0)
    );
    let wrong = run(&["verify", "--md5-key", "other-secret"], &md5_body);
    assert_eq!(wrong.status.code(), Some(1));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn usage_and_configuration_errors_exit_2() {
    let unknown_flag = run(&["verify", "--no-such-flag"], b"");
    assert_eq!(unknown_flag.status.code(), Some(2));
    let no_key = run(&["verify"], b"a=1");
    assert_eq!(no_key.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&no_key.stderr).starts_with("INVALID_CONFIG: "));
    let bad_key = run(&["verify", "--key", "not-a-file-and-not-a-key"], b"a=1");
    assert_eq!(bad_key.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_key.stderr).starts_with("INVALID_KEY: "));
    let bad_rule = run(&["verify", "--md5-key", "k", "--rule", "v3"], b"a=1");
    assert_eq!(bad_rule.status.code(), Some(2));
    let bad_charset = run(
        &["verify", "--md5-key", "k", "--default-charset", "big5"],
        b"a=1",
    );
    assert_eq!(bad_charset.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad_charset.stderr)
            .starts_with("INVALID_CONFIG: option default_charset: unknown charset \"big5\"")
    );
    // The time of the certificate check needs the roots; --md5-key signs MD5 only.
    let time_alone = run(
        &["verify", "--md5-key", "k", "--check-certificates-at", "0"],
        b"a=1",
    );
    assert_eq!(time_alone.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&time_alone.stderr).starts_with("INVALID_CONFIG: "));
    let md5_as_rsa = run(&["sign", "--md5-key", "k", "--sign-type", "RSA"], b"a=1");
    assert_eq!(md5_as_rsa.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&md5_as_rsa.stderr).starts_with("INVALID_CONFIG: "));
}

#[test]
fn help_documents_every_verify_option_with_an_example() {
    let help = run(&["verify", "--help"], b"");
    assert_eq!(help.status.code(), Some(0));
    let text = String::from_utf8_lossy(&help.stdout);
    for flag in [
        "--key",
        "--sign-type",
        "--rule",
        "--app-id",
        "--seller-id",
        "--min-key-bits",
        "--md5-key",
        "--max-size",
        "Examples:",
        "alipay-notify verify --key",
    ] {
        assert!(text.contains(flag), "verify --help lacks {flag}");
    }
    for command in ["sign", "simulate", "keygen"] {
        let help = run(&[command, "--help"], b"");
        assert!(
            String::from_utf8_lossy(&help.stdout).contains("Example"),
            "{command} --help has no example"
        );
    }
}

/// The vectors of one kind, with their file's keys written to files (id -> path).
fn vectors_of_kind(kind: &str, dir: &Path) -> Vec<(Value, Vec<(String, PathBuf)>)> {
    let mut out = Vec::new();
    for file in vector_files() {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let vectors: Vec<Value> = doc["vectors"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|v| v["kind"] == kind)
            .cloned()
            .collect();
        if vectors.is_empty() {
            continue;
        }
        let mut key_files = Vec::new();
        for (id, text) in doc["keys"].as_object().into_iter().flatten() {
            let path = dir.join(format!(
                "{}-{id}.key",
                file.file_stem().unwrap().to_string_lossy()
            ));
            std::fs::write(&path, text.as_str().unwrap()).unwrap();
            key_files.push((id.clone(), path));
        }
        out.extend(vectors.into_iter().map(|v| (v, key_files.clone())));
    }
    out
}

fn key_path<'a>(key_files: &'a [(String, PathBuf)], id: &str) -> &'a str {
    key_files
        .iter()
        .find(|(k, _)| k == id)
        .unwrap()
        .1
        .to_str()
        .unwrap()
}

#[test]
fn verify_response_agrees_with_every_response_vector() {
    let dir = scratch_dir("responses");
    let mut ran = 0;
    let mut failures = Vec::new();
    for (vector, key_files) in vectors_of_kind("response", &dir) {
        let options = &vector["options"];
        let mut args = vec!["verify-response".to_string()];
        // The vectors pin the time of the certificate check.
        if let Some(check) = options.get("check_certificates") {
            args.extend([
                "--check-certificates".into(),
                key_path(&key_files, check["root"].as_str().unwrap()).into(),
                "--check-certificates-at".into(),
                check["at"].as_i64().unwrap().to_string(),
            ]);
        }
        for id in vector["keys"].as_array().unwrap() {
            args.extend([
                "--key".into(),
                key_path(&key_files, id.as_str().unwrap()).into(),
            ]);
        }
        if let Some(method) = vector["method"].as_str() {
            args.extend(["--method".into(), method.into()]);
        }
        for t in options["sign_types"].as_array().into_iter().flatten() {
            args.extend(["--sign-type".into(), t.as_str().unwrap().into()]);
        }
        if let Some(size) = options["max_size"].as_u64() {
            args.extend(["--max-size".into(), size.to_string()]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let input = format!("{}\n", vector["input"].as_str().unwrap());
        let output = run(&args, input.as_bytes());
        let (code, stdout, stderr) = (
            output.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr),
        );
        let id = vector["id"].as_str().unwrap();
        ran += 1;
        let ok = match vector["error"].as_str() {
            None => {
                code == 0
                    && serde_json::from_str::<Value>(&stdout).ok().as_ref()
                        == Some(&vector["response_out"])
            }
            Some(error) => {
                code == expected_exit(error)
                    && stderr.starts_with(&format!("{error}: "))
                    && stdout.is_empty()
            }
        };
        if !ok {
            failures.push(format!(
                "{id}: exit {code}, stdout {stdout}, stderr {stderr}"
            ));
        }
    }
    std::fs::remove_dir_all(&dir).ok();
    assert!(ran > 30, "only {ran} response vectors ran");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn verify_response_checks_certificates_against_a_root_bundle() {
    let dir = scratch_dir("cert-check");
    let all = vectors_of_kind("response", &dir);
    let (vector, key_files) = all
        .iter()
        .find(|(v, _)| v["id"] == "responses-cert-check-trusted")
        .unwrap();
    let input = vector["input"].as_str().unwrap().as_bytes();
    let root = key_path(key_files, "test_root");
    // The synthetic chain is valid from 2024 to 2034.
    let trusted = run(
        &[
            "verify-response",
            "--key",
            key_path(key_files, "alipay_a_cert"),
            "--check-certificates",
            root,
        ],
        input,
    );
    assert_eq!(
        trusted.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&trusted.stderr)
    );
    let untrusted = run(
        &[
            "verify-response",
            "--key",
            key_path(key_files, "alipay_a_selfsigned_cert"),
            "--check-certificates",
            root,
        ],
        input,
    );
    assert_eq!(untrusted.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&untrusted.stderr).starts_with("CERT_UNTRUSTED: "));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn cert_sn_agrees_with_every_cert_vector() {
    let dir = scratch_dir("cert-sn");
    let mut ran = 0;
    for (vector, key_files) in vectors_of_kind("cert_sn", &dir) {
        let file = key_path(&key_files, vector["cert"].as_str().unwrap());
        let args: Vec<&str> = if vector["root"] == true {
            vec!["cert-sn", "--root", file]
        } else {
            vec!["cert-sn", file]
        };
        let output = run(&args, b"");
        let id = vector["id"].as_str().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        match vector["sn"].as_str() {
            Some(sn) => {
                assert_eq!(output.status.code(), Some(0), "{id}: {stderr}");
                assert_eq!(stdout.trim_end(), sn, "{id}");
            }
            None => {
                let error = vector["error"].as_str().unwrap();
                assert_eq!(output.status.code(), Some(2), "{id}: {stderr}");
                assert!(stderr.starts_with(&format!("{error}: ")), "{id}: {stderr}");
            }
        }
        ran += 1;
    }
    let missing = run(&["cert-sn", "/no/such/file.crt"], b"");
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).starts_with("INVALID_KEY: "));
    std::fs::remove_dir_all(&dir).ok();
    assert!(ran >= 10, "only {ran} cert vectors ran");
}

/// Every option of the core's tables has a flag spelt as its `kebab_case()` name: the flags
/// scripts have always used (`--key`, `--sign-type`, `--app-public-key`) are the primary
/// spellings, and `--alipay-public-key`, `--sign-types` and `--app-public-keys` their aliases.
#[test]
fn every_option_of_the_core_tables_has_a_flag() {
    use alipay_notify::options::{DIAGNOSE_OPTIONS, SIGNER_OPTIONS, VERIFIER_OPTIONS};
    let commands = [
        ("verify", VERIFIER_OPTIONS),
        ("verify-response", VERIFIER_OPTIONS),
        ("verify-v3", VERIFIER_OPTIONS),
        ("diagnose", VERIFIER_OPTIONS),
        ("diagnose", DIAGNOSE_OPTIONS),
        ("sign", SIGNER_OPTIONS),
    ];
    for (command, table) in commands {
        let help = run(&[command, "--help"], b"");
        let text = String::from_utf8_lossy(&help.stdout);
        let flags: Vec<&str> = text
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .filter(|word| word.starts_with("--"))
            .collect();
        let missing: Vec<String> = table
            .iter()
            .map(|spec| format!("--{}", spec.kebab_case()))
            .filter(|flag| !flags.contains(&flag.as_str()))
            .collect();
        assert!(missing.is_empty(), "{command} --help lacks {missing:?}");
    }
}

#[test]
fn the_canonical_flags_work_as_the_contract_ones() {
    let dir = scratch_dir("aliases");
    let vectors = vectors_of_kind("diagnose", &dir);
    let (vector, key_files) = vectors
        .iter()
        .find(|(v, _)| v["id"] == "diagnose-app-public-key-configured")
        .expect("the diagnose vector of an app key configured as Alipay's");
    let (app, body) = (
        key_path(key_files, "app"),
        vector["input"].as_str().unwrap(),
    );
    let diagnosed = run(
        &[
            "diagnose",
            "--alipay-public-key",
            app,
            "--app-public-keys",
            app,
            "--json",
        ],
        body.as_bytes(),
    );
    let json = String::from_utf8_lossy(&diagnosed.stdout);
    assert_eq!(diagnosed.status.code(), Some(1), "{json}");
    assert!(json.contains("APP_PUBLIC_KEY_CONFIGURED"), "{json}");
    let notify = vectors_of_kind("notify", &dir);
    let (vector, key_files) = notify
        .iter()
        .find(|(v, _)| v["id"] == "notify-basic-rsa2")
        .unwrap();
    let (key, body) = (
        key_path(key_files, "alipay_a"),
        vector["input"].as_str().unwrap(),
    );
    for (sign_types, code) in [(&["RSA2"][..], 0), (&["RSA", "RSA2"], 0), (&["RSA"], 1)] {
        let mut args = vec!["verify", "--alipay-public-key", key];
        for t in sign_types {
            args.extend(["--sign-types", t]);
        }
        let verified = run(&args, body.as_bytes());
        let stderr = String::from_utf8_lossy(&verified.stderr);
        assert_eq!(
            verified.status.code(),
            Some(code),
            "{sign_types:?}: {stderr}"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn help_of_the_response_commands_has_examples() {
    for (command, example) in [
        ("verify-response", "alipay-notify verify-response --key"),
        ("cert-sn", "alipay-notify cert-sn --root"),
    ] {
        let help = run(&[command, "--help"], b"");
        assert_eq!(help.status.code(), Some(0));
        let text = String::from_utf8_lossy(&help.stdout);
        assert!(
            text.contains("Examples:"),
            "{command} --help has no example"
        );
        assert!(text.contains(example), "{command} --help lacks {example}");
    }
    let help =
        String::from_utf8_lossy(&run(&["verify-response", "--help"], b"").stdout).into_owned();
    for flag in ["--method", "--key", "--check-certificates", "--sign-type"] {
        assert!(help.contains(flag), "verify-response --help lacks {flag}");
    }
}

/// Issue #9, item 1: the re-split forgery is refused by `verify` (exit 1) and `diagnose` names
/// the field that holds the embedded pair, in English and Chinese.
#[test]
fn the_re_split_forgery_is_refused_and_diagnosed() {
    let dir = scratch_dir("resplit");
    let (vector, key_files) = vectors_of_kind("diagnose", &dir)
        .into_iter()
        .find(|(v, _)| v["id"] == "diagnose-ambiguous-signed-content")
        .expect("the diagnose vector of the forgery");
    let key = key_path(&key_files, "alipay_a");
    let body = vector["input"].as_str().unwrap().as_bytes();

    let verified = run(&["verify", "--key", key], body);
    assert_eq!(verified.status.code(), Some(1));
    assert!(verified.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&verified.stderr);
    assert!(
        stderr.starts_with("AMBIGUOUS_SIGNED_CONTENT: ") && stderr.contains("total_amount_x"),
        "{stderr}"
    );
    // Allowing the field that holds the pair accepts the reading as received: the option
    // re-opens the forgery for that field, which is why it is off by default.
    let allowed = run(
        &[
            "verify",
            "--key",
            key,
            "--allow-embedded-pairs",
            "total_amount_x",
        ],
        body,
    );
    assert_eq!(allowed.status.code(), Some(0));
    let params: Value = serde_json::from_slice(&allowed.stdout).unwrap();
    assert_eq!(params["total_amount_x"], "&total_amount=0.01");
    let bad_option = run(
        &["verify", "--key", key, "--allow-embedded-pairs", "a b"],
        body,
    );
    assert_eq!(bad_option.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad_option.stderr).starts_with("INVALID_CONFIG: "));

    let text = run(&["diagnose", "--key", key], body);
    assert_eq!(text.status.code(), Some(1));
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("AMBIGUOUS_SIGNED_CONTENT")
            && text.contains("total_amount_x holds &total_amount="),
        "{text}"
    );
    let json = run(&["diagnose", "--key", key, "--json"], body);
    let json: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["error"][0], "AMBIGUOUS_SIGNED_CONTENT");
    assert_eq!(json["findings"][0]["code"], "AMBIGUOUS_SIGNED_CONTENT");
    assert_eq!(json["findings"][0]["certain"], true);
    assert!(
        json["findings"][0]["explanation_zh"]
            .as_str()
            .unwrap()
            .contains("重新拆分")
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Exit 0, or the command's stderr in the failure.
fn assert_success(output: &Output, what: &str) {
    assert_eq!(
        output.status.code(),
        Some(0),
        "{what}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

const PRIVATE_PEM: &str = include_str!("../../tests/vectors/keys/alipay_a.key.pem");

fn public_pem() -> String {
    alipay_notify::PrivateKey::parse(PRIVATE_PEM)
        .unwrap()
        .public_key()
        .unwrap()
        .to_pem()
}

fn base64_body(pem: &str) -> String {
    pem.lines().filter(|l| !l.starts_with("-----")).collect()
}

/// Key text in each shape that people paste by mistake, with the word the error must use.
fn bad_shapes(pem: &str) -> Vec<(&'static str, String, &'static str)> {
    let pem = pem.trim();
    let body = base64_body(pem);
    vec![
        ("double-quoted", format!("\"{pem}\""), "quotes"),
        ("single-quoted", format!("'{pem}'"), "quotes"),
        ("quoted base64", format!("\"{body}\""), "quotes"),
        ("\\n-escaped", pem.replace('\n', "\\n"), "\\n escapes"),
        ("cut-off PEM", pem[..pem.len() / 2].to_string(), "cut off"),
        (
            "cut-off base64",
            body[..body.len() / 2].to_string(),
            "cut off",
        ),
        (
            "garbage",
            "this is not a key, ".repeat(8),
            "neither PEM nor base64",
        ),
        ("short garbage", "not-a-key".to_string(), "no readable file"),
        (
            "missing file",
            format!("{}/alipay_public_key.txt", "no-such-folder/".repeat(8)),
            "no readable file",
        ),
    ]
}

/// No 16 characters in a row of `secret` (whitespace ignored) appear in `stderr`.
fn assert_not_echoed(stderr: &str, secret: &str, case: &str) {
    let compact: Vec<char> = secret.chars().filter(|c| !c.is_whitespace()).collect();
    for window in compact.windows(16) {
        let piece: String = window.iter().collect();
        assert!(
            !stderr.contains(&piece),
            "{case}: stderr echoes key text: {stderr}"
        );
    }
}

#[test]
fn every_key_option_names_the_problem_of_bad_key_text_without_echoing_it() {
    let public = public_pem();
    let dir = scratch_dir("bad-key-text");
    let public_file = dir.join("public.pem");
    std::fs::write(&public_file, &public).unwrap();
    let public_file = public_file.to_str().unwrap();
    let roots = vectors_of_kind("response", &dir)
        .into_iter()
        .next()
        .map(|(_, files)| std::fs::read_to_string(key_path(&files, "test_root")).unwrap())
        .unwrap();
    let public_options: Vec<Vec<&str>> = vec![
        vec!["verify", "--key"],
        vec!["verify-response", "--key"],
        vec!["diagnose", "--key"],
        vec!["diagnose", "--key", public_file, "--app-public-key"],
    ];
    let private_options: Vec<Vec<&str>> = vec![
        vec!["sign", "--private-key"],
        vec!["simulate", "--private-key"],
        vec!["diagnose", "--key", public_file, "--app-private-key"],
    ];
    let mut cases = Vec::new();
    for prefix in &public_options {
        for (name, text, word) in bad_shapes(&public) {
            cases.push((prefix.clone(), name, text, word, base64_body(&public)));
        }
        // The app's or Alipay's private key where a public key belongs.
        cases.push((
            prefix.clone(),
            "private key",
            PRIVATE_PEM.to_string(),
            "private key",
            base64_body(PRIVATE_PEM),
        ));
    }
    for prefix in &private_options {
        for (name, text, word) in bad_shapes(PRIVATE_PEM) {
            cases.push((prefix.clone(), name, text, word, base64_body(PRIVATE_PEM)));
        }
        cases.push((
            prefix.clone(),
            "public key",
            public.clone(),
            "public key",
            base64_body(&public),
        ));
    }
    // Root certificates come as PEM files only: bare base64 is no shape of theirs.
    let check = vec![
        "verify-response",
        "--key",
        public_file,
        "--check-certificates",
    ];
    for (name, text, word) in bad_shapes(&roots) {
        let word = match name {
            "quoted base64" | "cut-off base64" => continue,
            "garbage" => "is not PEM",
            _ => word,
        };
        cases.push((check.clone(), name, text, word, base64_body(&roots)));
    }
    for (prefix, name, text, word, body) in cases {
        let mut args = prefix.clone();
        args.push(&text);
        let output = run(&args, b"a=1");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let case = format!("{} {name}", prefix.join(" "));
        assert_eq!(output.status.code(), Some(2), "{case}: {stderr}");
        assert!(stderr.starts_with("INVALID_KEY: "), "{case}: {stderr}");
        assert!(
            stderr.contains(word),
            "{case}: {stderr} does not say {word:?}"
        );
        assert!(output.stdout.is_empty(), "{case}");
        assert_not_echoed(&stderr, &body, &case);
        assert_not_echoed(&stderr, &text, &case);
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn every_key_option_takes_pem_text_as_its_value() {
    let public = public_pem();
    let body = run(&["simulate", "--private-key", PRIVATE_PEM], b"");
    assert_success(&body, "simulate");
    let body = body.stdout;
    let with_equals = format!("--key={public}");
    let app_public = format!("--app-public-key={public}");
    let app_private = format!("--app-private-key={PRIVATE_PEM}");
    let private = format!("--private-key={PRIVATE_PEM}");
    let verify: Vec<Vec<&str>> = vec![
        vec!["verify", "--key", public.as_str()],
        vec!["verify", with_equals.as_str()],
        vec![
            "diagnose",
            "--key",
            public.as_str(),
            "--app-public-key",
            public.as_str(),
            "--app-private-key",
            PRIVATE_PEM,
        ],
        vec![
            "diagnose",
            with_equals.as_str(),
            app_public.as_str(),
            app_private.as_str(),
        ],
    ];
    for args in verify {
        let output = run(&args, &body);
        assert_success(&output, args[0]);
    }
    for args in [
        vec!["sign", "--private-key", PRIVATE_PEM],
        vec!["sign", private.as_str()],
        vec!["simulate", private.as_str()],
    ] {
        let output = run(&args, b"out_trade_no=T1&total_amount=0.01");
        assert_success(&output, args[0]);
    }

    let dir = scratch_dir("pem-values");
    let (vector, files) = vectors_of_kind("response", &dir)
        .into_iter()
        .find(|(v, _)| v["id"] == "responses-cert-check-trusted")
        .unwrap();
    let cert = std::fs::read_to_string(key_path(&files, "alipay_a_cert")).unwrap();
    let root = std::fs::read_to_string(key_path(&files, "test_root")).unwrap();
    let root_equals = format!("--check-certificates={root}");
    let input = vector["input"].as_str().unwrap().as_bytes();
    for args in [
        vec!["verify-response", "--key", public.as_str()],
        vec![
            "verify-response",
            "--key",
            cert.as_str(),
            "--check-certificates",
            root.as_str(),
        ],
        vec![
            "verify-response",
            "--key",
            cert.as_str(),
            root_equals.as_str(),
        ],
    ] {
        let output = run(&args, input);
        assert_success(&output, args[0]);
    }
    std::fs::remove_dir_all(&dir).ok();

    // An MD5 key may start with a hyphen as well.
    let md5_body = run(&["simulate", "--md5-key", "-partner-secret"], b"").stdout;
    for args in [
        vec!["verify", "--md5-key", "-partner-secret"],
        vec!["verify", "--md5-key=-partner-secret"],
    ] {
        assert_eq!(run(&args, &md5_body).status.code(), Some(0));
    }
}

#[test]
fn a_key_pasted_without_quotes_is_not_echoed_by_the_usage_error() {
    // The shell splits an unquoted multi-line key: its second line becomes a stray argument.
    let lines: Vec<&str> = PRIVATE_PEM.lines().collect();
    let output = run(&["sign", "--private-key", lines[1], lines[2]], b"a=1");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("unexpected argument"), "{stderr}");
    assert_not_echoed(&stderr, PRIVATE_PEM, "stray key line");
    // A whole PEM where no key option takes it, and a mistyped key option.
    let misplaced = format!("--private_key={PRIVATE_PEM}");
    for args in [
        vec!["sign", "--md5-key", "k", "--", PRIVATE_PEM],
        vec!["sign", misplaced.as_str()],
    ] {
        let output = run(&args, b"a=1");
        assert_eq!(output.status.code(), Some(2));
        assert_not_echoed(
            &String::from_utf8_lossy(&output.stderr),
            PRIVATE_PEM,
            "misplaced key",
        );
    }
    // A mistyped flag is still named, with clap's suggestion.
    let typo = run(&["verify", "--kye", "x"], b"");
    assert!(String::from_utf8_lossy(&typo.stderr).contains("--kye"));
}

#[test]
fn keygen_refuses_keys_over_the_maximum_and_4096_bits_round_trip() {
    let dir = scratch_dir("key-sizes");
    let private = dir.join("p.pem");
    let public = dir.join("pub.pem");
    let keygen = |bits: &str| {
        run(
            &[
                "keygen",
                "--bits",
                bits,
                "--private-out",
                private.to_str().unwrap(),
                "--public-out",
                public.to_str().unwrap(),
            ],
            b"",
        )
    };
    let too_big = keygen("8192");
    assert_eq!(too_big.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&too_big.stderr);
    assert!(
        stderr.contains("8192") && stderr.contains("4096"),
        "names neither the size nor the maximum: {stderr}"
    );
    assert!(!private.exists());

    let made = keygen("4096");
    assert_success(&made, "keygen --bits 4096");
    let signed = run(
        &["sign", "--private-key", private.to_str().unwrap()],
        b"out_trade_no=T1&total_amount=0.01&charset=utf-8",
    );
    assert_success(&signed, "sign");
    let verified = run(
        &["verify", "--key", public.to_str().unwrap()],
        &signed.stdout,
    );
    assert_success(&verified, "verify");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_response_node_nested_too_deeply_is_rejected_input() {
    let dir = scratch_dir("deep-node");
    let (vector, files) = vectors_of_kind("response", &dir)
        .into_iter()
        .find(|(v, _)| v["id"] == "responses-node-too-deep")
        .expect("the deep-nesting vector");
    let key = key_path(&files, vector["keys"][0].as_str().unwrap());
    let output = run(
        &["verify-response", "--key", key],
        vector["input"].as_str().unwrap().as_bytes(),
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).starts_with("MALFORMED_INPUT: "));
    std::fs::remove_dir_all(&dir).ok();
}

/// Every string in a JSON document.
fn json_strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| json_strings(v, out)),
        Value::Object(members) => members.values().for_each(|v| json_strings(v, out)),
        _ => {}
    }
}

/// No control character but the line breaks the command itself writes.
fn assert_no_raw_controls(output: &[u8]) {
    let text = String::from_utf8_lossy(output);
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "raw control character in {text:?}"
    );
}

#[test]
fn diagnose_escapes_control_characters_and_says_when_its_search_was_cut_short() {
    let dir = scratch_dir("diagnose-hostile");
    let private = dir.join("p.pem");
    let public = dir.join("pub.pem");
    let (private, public) = (private.to_str().unwrap(), public.to_str().unwrap());
    let keygen = run(
        &["keygen", "--private-out", private, "--public-out", public],
        b"",
    );
    assert_eq!(keygen.status.code(), Some(0));
    let body = run(&["simulate", "--private-key", private], b"").stdout;
    let body = String::from_utf8(body).unwrap().trim_end().to_string();

    // An unsigned parameter whose name and value carry CR, LF and ESC, the name forging a line.
    let hostile = format!("{body}&evil%0D%0ACause%3A+FAKE%1B%5B2J=x%0D%0A%1B%5D0%3Btitle%07");
    let human = run(&["diagnose", "--key", public], hostile.as_bytes());
    assert_eq!(human.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&human.stdout);
    assert!(stdout.contains("Cause: UNSIGNED_EXTRA_PARAMS"), "{stdout}");
    assert!(stdout.contains("evil\\r\\nCause: FAKE\\x1b[2J"), "{stdout}");
    assert!(!stdout.lines().any(|line| line.starts_with("Cause: FAKE")));
    assert!(!stdout.contains("Search cut short"));
    assert_no_raw_controls(&human.stdout);
    assert_no_raw_controls(&human.stderr);

    let json = run(&["diagnose", "--key", public, "--json"], hostile.as_bytes());
    assert_no_raw_controls(&json.stdout);
    assert_no_raw_controls(&json.stderr);
    let json: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["search_capped"], false);
    let mut strings = Vec::new();
    json_strings(&json, &mut strings);
    for text in &strings {
        assert!(!text.chars().any(char::is_control), "{text:?}");
    }
    assert!(
        strings
            .iter()
            .any(|s| s.contains("x\\r\\n\\x1b]0;title\\x07"))
    );

    // A tampered amount among hundreds of unsigned parameters up to the size limit (thousands
    // are refused: 1,000 parameters at most): nothing verifies, and the search stops and says so.
    let tampered = body.replace("total_amount=88.00", "total_amount=88.01");
    assert_ne!(tampered, body);
    let mut crowded = format!("{tampered}&s=");
    let value = "1".repeat(64);
    for i in 0.. {
        let pair = format!("&x{i}={value}");
        if crowded.len() + pair.len() > 65536 {
            break;
        }
        crowded.push_str(&pair);
    }
    let human = run(&["diagnose", "--key", public], crowded.as_bytes());
    assert_eq!(human.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&human.stdout);
    assert!(stdout.contains("Search cut short"), "{stdout}");
    assert!(stdout.len() < 16 * 1024, "{stdout}");
    let json = run(&["diagnose", "--key", public, "--json"], crowded.as_bytes());
    let json: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["search_capped"], true);
    std::fs::remove_dir_all(&dir).ok();
}

// ---- SM2 (国密)

/// Runs `openssl` (an SM2 implementation independent of the library's) and says whether it
/// succeeded.
fn openssl(args: &[&str]) -> bool {
    let output = Command::new("openssl")
        .args(args)
        .output()
        .expect("openssl (OpenSSL 3) checks the SM2 signatures");
    output.status.success()
}

/// The V1 or V2 signed content of `params`, built here rather than by the library: sorted,
/// `sign` (and under V1 `sign_type`) and empty values left out.
fn signed_content(params: &[Value], rule: &str) -> String {
    let mut pairs: Vec<(&str, &str)> = params
        .iter()
        .map(|p| (p[0].as_str().unwrap(), p[1].as_str().unwrap()))
        .filter(|(k, v)| *k != "sign" && (rule == "v2" || *k != "sign_type") && !v.is_empty())
        .collect();
    pairs.sort();
    let pairs: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
    pairs.join("&")
}

#[test]
fn sm2_signatures_verify_with_openssl() {
    let dir = scratch_dir("sm2-sign");
    let mut ran = 0;
    for (vector, key_files) in vectors_of_kind("sm2_sign", &dir) {
        let id = vector["id"].as_str().unwrap();
        let rule = vector["rule"].as_str().unwrap();
        let params = vector["params"].as_array().unwrap();
        let object: serde_json::Map<String, Value> = params
            .iter()
            .map(|p| (p[0].as_str().unwrap().to_string(), p[1].clone()))
            .collect();
        let private = key_path(&key_files, vector["private_key"].as_str().unwrap());
        let output = run(
            &[
                "sign",
                "--private-key",
                private,
                "--sign-type",
                "SM2",
                "--rule",
                rule,
                "--sign-only",
            ],
            Value::Object(object).to_string().as_bytes(),
        );
        let stderr = String::from_utf8_lossy(&output.stderr);
        if vector["expect"] == "invalid" {
            assert_eq!(output.status.code(), Some(2), "{id}: {stderr}");
            assert!(stderr.starts_with("INVALID_KEY: "), "{id}: {stderr}");
            continue;
        }
        assert_eq!(output.status.code(), Some(0), "{id}: {stderr}");
        let public = key_path(&key_files, vector["public_key"].as_str().unwrap());
        let public_pem = dir.join("public.pem");
        let base64 = std::fs::read_to_string(public).unwrap();
        std::fs::write(
            &public_pem,
            format!("-----BEGIN PUBLIC KEY-----\n{base64}\n-----END PUBLIC KEY-----\n"),
        )
        .unwrap();
        let (content, sign, der) = (dir.join("content"), dir.join("sign"), dir.join("der"));
        std::fs::write(&content, signed_content(params, rule)).unwrap();
        std::fs::write(&sign, &output.stdout).unwrap();
        let path = |p: &PathBuf| p.to_str().unwrap().to_string();
        assert!(openssl(&[
            "base64",
            "-d",
            "-A",
            "-in",
            &path(&sign),
            "-out",
            &path(&der)
        ]));
        let verifies = |message: &PathBuf| {
            openssl(&[
                "pkeyutl",
                "-verify",
                "-rawin",
                "-digest",
                "sm3",
                "-pubin",
                "-inkey",
                &path(&public_pem),
                "-in",
                &path(message),
                "-sigfile",
                &path(&der),
                "-pkeyopt",
                "distid:1234567812345678",
            ])
        };
        assert!(verifies(&content), "{id}: OpenSSL refuses the signature");
        // The check can fail: one changed byte of the content and OpenSSL refuses.
        std::fs::write(&content, signed_content(params, rule) + " ").unwrap();
        assert!(
            !verifies(&content),
            "{id}: OpenSSL accepts a changed content"
        );
        ran += 1;
    }
    std::fs::remove_dir_all(&dir).ok();
    assert!(ran > 0, "no sm2_sign vector ran");
}

#[test]
fn keygen_sm2_simulate_verify_round_trip_and_tamper() {
    let dir = scratch_dir("sm2-roundtrip");
    let (private, public) = (dir.join("sm2.pem"), dir.join("sm2.pub"));
    let (private, public) = (private.to_str().unwrap(), public.to_str().unwrap());
    let made = run(
        &[
            "keygen",
            "--sm2",
            "--private-out",
            private,
            "--public-out",
            public,
        ],
        b"",
    );
    let stderr = String::from_utf8_lossy(&made.stderr);
    assert_eq!(made.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("256-bit SM2 key pair"), "{stderr}");
    let body = run(
        &["simulate", "--private-key", private, "--sign-type", "SM2"],
        b"",
    )
    .stdout;
    assert!(String::from_utf8_lossy(&body).contains("sign_type=SM2"));
    let ok = run(&["verify", "--key", public, "--sign-type", "SM2"], &body);
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let tampered = String::from_utf8(body.clone())
        .unwrap()
        .replace("total_amount=88.00", "total_amount=0.01");
    let rejected = run(
        &["verify", "--key", public, "--sign-type", "SM2"],
        tampered.as_bytes(),
    );
    assert_eq!(rejected.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&rejected.stderr).starts_with("INVALID_SIGNATURE: "));
    // Without --sign-type SM2 the SM2 key serves no allowed sign type: a configuration error.
    let unconfigured = run(&["verify", "--key", public], &body);
    assert_eq!(unconfigured.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&unconfigured.stderr);
    assert!(
        stderr.starts_with("INVALID_KEY: ") && stderr.contains("add SM2"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
