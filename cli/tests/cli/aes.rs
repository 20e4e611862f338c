//! AES-encrypted content through the command line: `decrypt`, `verify-response --aes-key`,
//! `verify-open-data` and `verify --app-private-key`, against aes.json.

use super::{expected_exit, key_path, run, scratch_dir, vectors_of_kind};
use serde_json::Value;
use std::path::PathBuf;

/// The flags every verifier command takes from a vector: keys, sign types, rule, and the
/// decryption keys (as files).
pub(super) fn verifier_flags(vector: &Value, key_files: &[(String, PathBuf)]) -> Vec<String> {
    let mut args = Vec::new();
    for id in vector["keys"].as_array().into_iter().flatten() {
        args.extend([
            "--key".into(),
            key_path(key_files, id.as_str().unwrap()).into(),
        ]);
    }
    let options = &vector["options"];
    for t in options["sign_types"].as_array().into_iter().flatten() {
        args.extend(["--sign-type".into(), t.as_str().unwrap().into()]);
    }
    if let Some(rule) = options["rule"].as_str() {
        args.extend(["--rule".into(), rule.into()]);
    }
    for (option, flag) in [
        ("aes_key", "--aes-key"),
        ("app_private_key", "--app-private-key"),
    ] {
        if let Some(id) = options[option].as_str() {
            args.extend([flag.into(), key_path(key_files, id).into()]);
        }
    }
    args
}

/// Runs every vector of `kind` with the command `args_of` gives; `valid` says whether the
/// output of a valid vector is the expected one.
fn run_kind(
    kind: &str,
    args_of: impl Fn(&Value, &[(String, PathBuf)]) -> Vec<String>,
    valid: impl Fn(&Value, &str) -> bool,
) -> usize {
    let dir = scratch_dir(kind);
    let mut failures = Vec::new();
    let vectors = vectors_of_kind(kind, &dir);
    for (vector, key_files) in &vectors {
        let args = args_of(vector, key_files);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let input = format!("{}\n", vector["input"].as_str().unwrap());
        let output = run(&args, input.as_bytes());
        let (code, stdout, stderr) = (
            output.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr),
        );
        let ok = match vector["error"].as_str() {
            None => code == 0 && valid(vector, &stdout),
            Some(error) => {
                code == expected_exit(error)
                    && stderr.starts_with(&format!("{error}: "))
                    && stdout.is_empty()
            }
        };
        if !ok {
            let id = vector["id"].as_str().unwrap();
            failures.push(format!(
                "{id}: exit {code}, stdout {stdout}, stderr {stderr}"
            ));
        }
    }
    std::fs::remove_dir_all(&dir).ok();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    vectors.len()
}

fn json_is(stdout: &str, expected: &Value) -> bool {
    serde_json::from_str::<Value>(stdout).ok().as_ref() == Some(expected)
}

#[test]
fn decrypt_agrees_with_every_aes_decrypt_vector() {
    let ran = run_kind(
        "aes_decrypt",
        |v, files| {
            let key = key_path(files, v["aes_key"].as_str().unwrap());
            vec!["decrypt".into(), "--aes-key".into(), key.into()]
        },
        |v, stdout| stdout == format!("{}\n", v["plaintext"].as_str().unwrap()),
    );
    assert!(ran >= 20, "only {ran} aes_decrypt vectors ran");
}

#[test]
fn verify_response_decrypts_every_aes_response_vector() {
    let ran = run_kind(
        "aes_response",
        |v, files| {
            let mut args = vec!["verify-response".to_string()];
            args.extend(verifier_flags(v, files));
            if let Some(method) = v["method"].as_str() {
                args.extend(["--method".into(), method.into()]);
            }
            args
        },
        |v, stdout| json_is(stdout, &v["response_out"]),
    );
    assert!(ran >= 10, "only {ran} aes_response vectors ran");
}

#[test]
fn verify_open_data_agrees_with_every_open_data_vector() {
    let ran = run_kind(
        "open_data",
        |v, files| {
            let mut args = vec!["verify-open-data".to_string()];
            args.extend(verifier_flags(v, files));
            args
        },
        |v, stdout| json_is(stdout, &v["data_out"]),
    );
    assert!(ran >= 15, "only {ran} open_data vectors ran");
}

#[test]
fn verify_decrypts_the_biz_content_of_every_rsa_biz_content_vector() {
    let ran = run_kind(
        "rsa_biz_content",
        |v, files| {
            let mut args = vec!["verify".to_string(), "--output".into(), "report".into()];
            args.extend(verifier_flags(v, files));
            args
        },
        |v, stdout| {
            serde_json::from_str::<Value>(stdout)
                .is_ok_and(|report| report["decrypted_biz_content"] == v["biz_content_out"])
        },
    );
    assert!(ran >= 7, "only {ran} rsa_biz_content vectors ran");
}

/// The contract's exit codes, and messages that hold neither the key nor the plaintext.
#[test]
fn decrypt_exit_codes_and_messages_hold_no_secret() {
    const KEY: &str = "aa4BtZ4tspm2wnXLb1ThQA==";
    let ok = run(
        &["decrypt", "--aes-key", KEY],
        b"ILpoMowjIQjfYMR847rnFQ==\n",
    );
    assert_eq!(ok.status.code(), Some(0));
    assert_eq!(ok.stdout, b"test1234567\n");
    // Another app's key: the padding fails.
    let other = "aYA0GP8JEW+D7/UFaskCWA==";
    let wrong = run(
        &["decrypt", "--aes-key", other],
        b"ILpoMowjIQjfYMR847rnFQ==",
    );
    let stderr = String::from_utf8_lossy(&wrong.stderr);
    assert_eq!(wrong.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with("DECRYPTION_FAILED: "), "{stderr}");
    assert!(
        !stderr.contains(other) && !stderr.contains("ILpo"),
        "{stderr}"
    );
    for bad in [
        "MTIzNDU2Nzg5MA==",
        "\"aa4BtZ4tspm2wnXLb1ThQA==\"",
        "not-a-key!",
    ] {
        let out = run(&["decrypt", "--aes-key", bad], b"ILpoMowjIQjfYMR847rnFQ==");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{bad}: {stderr}");
        assert!(stderr.starts_with("INVALID_KEY: --aes-key: "), "{stderr}");
        assert!(!stderr.contains(bad.trim_matches('"')), "{stderr}");
    }
    // Every verifier command checks --aes-key as it reads it.
    for command in ["verify", "verify-response", "verify-open-data", "diagnose"] {
        let out = run(
            &[command, "--key", "k.pem", "--aes-key", "MTIzNDU2Nzg5MA=="],
            b"",
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command}: {stderr}");
        assert!(stderr.contains("INVALID_KEY"), "{command}: {stderr}");
        assert!(!stderr.contains("MTIzNDU2Nzg5MA"), "{command}: {stderr}");
    }
}

#[test]
fn a_response_signed_without_the_quotes_is_named() {
    let dir = scratch_dir("aes-quotes");
    let (vector, files) = vectors_of_kind("aes_response", &dir)
        .into_iter()
        .find(|(v, _)| v["id"] == "aes-response-quotes-dropped")
        .expect("the quotes-dropped vector");
    let mut args = vec!["verify-response".to_string()];
    args.extend(verifier_flags(&vector, &files));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run(&args, vector["input"].as_str().unwrap().as_bytes());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("without its quotes"), "{stderr}");
    std::fs::remove_dir_all(&dir).ok();
}
