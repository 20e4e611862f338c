//! `diagnose --kind response` and `diagnose --kind v3`, against diagnose_families.json: the
//! same verdict, causes and hints as the core, and the exit code of the verdict.

use super::aes::verifier_flags;
use super::{key_path, run, scratch_dir, vectors_of_kind};
use serde_json::Value;

fn codes(findings: &Value, certain: bool) -> Vec<String> {
    let mut codes: Vec<String> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["certain"] == certain)
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect();
    codes.sort();
    codes
}

fn strings(list: &Value) -> Vec<String> {
    let mut out: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    out.sort();
    out
}

#[test]
fn diagnose_agrees_with_every_response_family_vector() {
    let dir = scratch_dir("diagnose-families");
    let mut ran = 0;
    let mut failures = Vec::new();
    for (kind, flag) in [("diagnose_response", "response"), ("diagnose_v3", "v3")] {
        for (vector, key_files) in vectors_of_kind(kind, &dir) {
            let mut args: Vec<String> = ["diagnose", "--json", "--kind", flag]
                .map(String::from)
                .to_vec();
            args.extend(verifier_flags(&vector, &key_files));
            for id in vector["options"]["app_public_keys"]
                .as_array()
                .into_iter()
                .flatten()
            {
                args.push("--app-public-key".into());
                args.push(key_path(&key_files, id.as_str().unwrap()).into());
            }
            if let Some(method) = vector["method"].as_str() {
                args.extend(["--method".into(), method.into()]);
            }
            for pair in vector["headers"].as_array().into_iter().flatten() {
                let header = format!(
                    "{}: {}",
                    pair[0].as_str().unwrap(),
                    pair[1].as_str().unwrap()
                );
                args.extend(["--header".into(), header]);
            }
            let stdin = match kind {
                "diagnose_v3" => vector["body"].as_str().unwrap().to_string(),
                // A shell's line break after a response is dropped, as by verify-response.
                _ => format!("{}\n", vector["input"].as_str().unwrap()),
            };
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let output = run(&args, stdin.as_bytes());
            let text = String::from_utf8_lossy(&output.stdout);
            let expected = &vector["diagnosis"];
            let verified = expected["verified"].as_bool().unwrap();
            let ok = serde_json::from_str::<Value>(&text).is_ok_and(|got| {
                got["verified"] == verified
                    && codes(&got["findings"], true) == strings(&expected["causes"])
                    && strings(&expected["hints"])
                        .iter()
                        .all(|h| codes(&got["findings"], false).contains(h))
            }) && output.status.code() == Some(if verified { 0 } else { 1 });
            if !ok {
                failures.push(format!(
                    "{}: exit {:?}\n{text}{}",
                    vector["id"],
                    output.status.code(),
                    String::from_utf8_lossy(&output.stderr)
                ));
            }
            ran += 1;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(ran >= 20, "only {ran} vectors ran");
}

#[test]
fn the_human_output_names_the_cause_and_the_signed_content() {
    let dir = scratch_dir("diagnose-families-human");
    let (vector, key_files) = vectors_of_kind("diagnose_v3", &dir)
        .into_iter()
        .find(|(v, _)| v["id"] == "diagnose-families-v3-trailing-newline")
        .expect("the v3 vector with a line break added");
    let mut args = vec!["diagnose".to_string(), "--kind".into(), "v3".into()];
    args.extend(verifier_flags(&vector, &key_files));
    for pair in vector["headers"].as_array().unwrap() {
        let header = format!(
            "{}: {}",
            pair[0].as_str().unwrap(),
            pair[1].as_str().unwrap()
        );
        args.extend(["--header".into(), header]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = run(&args, vector["body"].as_str().unwrap().as_bytes());
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("Cause: BODY_TRAILING_WHITESPACE"), "{text}");
    assert!(text.contains("Signed content SHA-256: "), "{text}");
    // --kind v3 without headers is a diagnosis of an unsigned response, not a usage error.
    let args = [
        "diagnose",
        "--kind",
        "v3",
        "--key",
        key_path(&key_files, "alipay_a"),
    ];
    let output = run(&args, b"{}");
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("RESPONSE_UNSIGNED"));
}
