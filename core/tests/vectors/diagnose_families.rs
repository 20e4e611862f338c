//! The runners of diagnose_families.json's kinds: `diagnose_response` (a v2 response or an
//! open-data envelope, with an optional `method`) and `diagnose_v3` (header pairs and a body).

use super::aes::verifier;
use super::v3::header_pairs;
use super::{diagnose_options, judge_diagnosis, str_field};
use alipay_notify::V3Headers;
use serde_json::Value;

pub fn run_response(file_keys: &Value, vector: &Value) -> Result<(), String> {
    let input = str_field(vector, "input").expect("input");
    let diagnosis = verifier(file_keys, vector)
        .and_then(|v| {
            v.diagnose_response(
                input,
                str_field(vector, "method"),
                &diagnose_options(file_keys, vector),
            )
        })
        .map_err(|e| format!("diagnose_response failed: {e}"))?;
    judge_diagnosis(&diagnosis, vector)
}

pub fn run_v3(file_keys: &Value, vector: &Value) -> Result<(), String> {
    let body = str_field(vector, "body").expect("body");
    let headers = V3Headers::from_pairs(header_pairs(vector)).map_err(|e| e.to_string())?;
    let diagnosis = verifier(file_keys, vector)
        .and_then(|v| v.diagnose_v3(&headers, body, &diagnose_options(file_keys, vector)))
        .map_err(|e| format!("diagnose_v3 failed: {e}"))?;
    judge_diagnosis(&diagnosis, vector)
}
