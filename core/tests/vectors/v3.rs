//! The OpenAPI v3 vectors (`v3.json`): responses verified from their header pairs and body,
//! requests signed with a fixed nonce and timestamp.

use super::{builder_for, str_field};
use alipay_notify::{V3Headers, V3Request, V3Signer};
use serde_json::Value;

/// The `[name, value]` pairs of a vector, in order.
pub fn header_pairs(vector: &Value) -> Vec<(String, String)> {
    vector["headers"]
        .as_array()
        .expect("headers")
        .iter()
        .map(|pair| {
            let text = |i: usize| pair[i].as_str().expect("header text").to_string();
            (text(0), text(1))
        })
        .collect()
}

pub fn run_v3_response(file_keys: &Value, vector: &Value) -> Result<(), String> {
    let body = str_field(vector, "body").expect("body");
    let mut builder = builder_for(file_keys, vector);
    if let Some(age) = vector["options"]
        .get("max_response_age")
        .and_then(Value::as_u64)
    {
        builder = builder.max_response_age(age);
    }
    let outcome = builder.build().and_then(|verifier| {
        let headers = V3Headers::from_pairs(header_pairs(vector))?;
        match vector["now"].as_i64() {
            Some(now) => verifier.verify_v3_at(&headers, body, now),
            None => verifier.verify_v3(&headers, body),
        }
    });
    match (str_field(vector, "expect"), outcome) {
        (Some("valid"), Ok(response)) => {
            if Some(response.key_index() as u64) != vector["key_index"].as_u64() {
                return Err(format!("key_index {}", response.key_index()));
            }
            if response.body() != str_field(vector, "body_out").unwrap().as_bytes() {
                return Err("body_out differs".into());
            }
            Ok(())
        }
        (Some("invalid"), Err(err)) if Some(err.name()) == str_field(vector, "error") => Ok(()),
        (expect, Ok(_)) => Err(format!("expected {expect:?}, but it verified")),
        (_, Err(err)) => Err(format!("expected {}, got {err}", vector["error"])),
    }
}

pub fn run_v3_request(file_keys: &Value, vector: &Value) -> Result<(), String> {
    let key = file_keys[str_field(vector, "private_key").unwrap()]
        .as_str()
        .unwrap();
    let text = |name: &str| str_field(vector, name).unwrap_or_else(|| panic!("{name}"));
    let request = V3Request {
        method: text("method").into(),
        uri: text("uri").into(),
        body: text("body").as_bytes().to_vec(),
        app_auth_token: str_field(vector, "app_auth_token").map(String::from),
        nonce: Some(text("nonce").into()),
        timestamp: vector["timestamp"].as_i64(),
    };
    let outcome = V3Signer::new(key, text("app_id"), str_field(vector, "app_cert_sn"))
        .and_then(|signer| signer.authorization(&request));
    match (str_field(vector, "expect"), outcome) {
        (Some("valid"), Ok(auth)) => {
            if auth.signed_content() != text("signed_content").as_bytes() {
                return Err("signed_content differs".into());
            }
            if auth.header() != text("authorization") {
                return Err(format!(
                    "authorization differs:\n  got      {}\n  expected {}",
                    auth.header(),
                    text("authorization")
                ));
            }
            Ok(())
        }
        (Some("invalid"), Err(err)) if Some(err.name()) == str_field(vector, "error") => Ok(()),
        (expect, Ok(_)) => Err(format!("expected {expect:?}, but it signed")),
        (_, Err(err)) => Err(format!("expected {}, got {err}", vector["error"])),
    }
}
