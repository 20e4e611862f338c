//! The runners of aes.json's kinds (AES-encrypted content): `aes_decrypt`, `aes_response`,
//! `open_data` and `rsa_biz_content`.

use super::{builder_for, str_field};
use alipay_notify::{Verifier, decrypt};
use serde_json::Value;

/// The verifier of `vector`, with its decryption keys: `options.aes_key` and
/// `options.app_private_key` are key ids of the file.
pub fn verifier(file_keys: &Value, vector: &Value) -> alipay_notify::Result<Verifier> {
    let mut builder = builder_for(file_keys, vector);
    let options = &vector["options"];
    if let Some(id) = str_field(options, "aes_key") {
        builder = builder.aes_key(file_keys[id].as_str().expect("aes key text"));
    }
    if let Some(id) = str_field(options, "app_private_key") {
        builder = builder.app_private_key(file_keys[id].as_str().expect("private key text"));
    }
    builder.build()
}

/// Compares an outcome with the vector: `valid` with the fields `got` gives, or the error.
fn judge<T>(
    vector: &Value,
    outcome: alipay_notify::Result<T>,
    got: impl FnOnce(T) -> Vec<(&'static str, Value)>,
) -> Result<(), String> {
    match (str_field(vector, "expect"), outcome) {
        (Some("valid"), Ok(value)) => {
            for (field, value) in got(value) {
                if vector[field] != value {
                    return Err(format!("{field}: got {value}, expected {}", vector[field]));
                }
            }
            Ok(())
        }
        (Some("invalid"), Err(err)) if Some(err.name()) == str_field(vector, "error") => Ok(()),
        (expect, Ok(_)) => Err(format!("expected {expect:?}, but it succeeded")),
        (_, Err(err)) => Err(format!("expected {}, got {err}", vector["error"])),
    }
}

pub fn run_decrypt(file_keys: &Value, vector: &Value) -> Result<(), String> {
    let key = file_keys[str_field(vector, "aes_key").expect("aes_key")]
        .as_str()
        .expect("aes key text");
    let outcome = decrypt(key, str_field(vector, "input").expect("input"));
    judge(vector, outcome, |plain| {
        vec![("plaintext", Value::from(plain))]
    })
}

pub fn run_response(file_keys: &Value, vector: &Value) -> Result<(), String> {
    let input = str_field(vector, "input").expect("input");
    let outcome = verifier(file_keys, vector)
        .and_then(|v| v.verify_response(input, str_field(vector, "method")));
    judge(vector, outcome, |r| {
        vec![
            ("method_out", Value::from(r.method())),
            ("key_index", Value::from(r.key_index())),
            ("decrypted", Value::from(r.is_decrypted())),
            ("response_out", r.value().clone()),
        ]
    })
}

pub fn run_open_data(file_keys: &Value, vector: &Value) -> Result<(), String> {
    let input = str_field(vector, "input").expect("input");
    let outcome = verifier(file_keys, vector).and_then(|v| v.verify_open_data(input));
    judge(vector, outcome, |data| {
        vec![
            ("key_index", Value::from(data.key_index())),
            ("sign_type", Value::from(data.sign_type().as_str())),
            ("encrypted", Value::from(data.is_encrypted())),
            ("data_out", data.value().clone()),
        ]
    })
}

pub fn run_biz_content(file_keys: &Value, vector: &Value) -> Result<(), String> {
    let input = str_field(vector, "input").expect("input");
    let outcome = verifier(file_keys, vector).and_then(|v| v.verify_notify(input));
    judge(vector, outcome, |n| {
        vec![("biz_content_out", Value::from(n.decrypted_biz_content()))]
    })
}
