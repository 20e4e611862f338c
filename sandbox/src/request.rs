//! A merchant's request to /gateway.do, as merchant apps send it: a GET query, or an
//! auto-submitted form whose action URL may carry some parameters too (Alipay's Java SDK puts
//! the system parameters in the URL and biz_content in the form).

use crate::App;
use alipay_notify::{Charset, DEFAULT_MAX_SIZE, ErrorKind, MessageKind, RawParams};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

pub(crate) struct GatewayRequest {
    raw: RawParams,
    params: BTreeMap<String, String>,
}

/// Whether a request's signature was checked, and how that went.
pub(crate) enum SignatureCheck {
    Verified,
    /// The sandbox has no app public key: anything is accepted.
    Unchecked,
    /// Alipay's sub_code and an explanation.
    Refused(&'static str, String),
}

impl GatewayRequest {
    /// Merges the query and the form (the form wins where both name a parameter), decoded in
    /// the request's `charset`.
    pub fn parse(query: &[u8], body: &[u8]) -> Result<GatewayRequest, alipay_notify::Error> {
        let body = parse_part(body)?;
        let query = parse_part(query)?;
        let mut pairs: Vec<(Vec<u8>, Vec<u8>)> = body
            .pairs()
            .map(|(n, v)| (n.to_vec(), v.to_vec()))
            .collect();
        for (name, value) in query.pairs() {
            if body.get_bytes(name).is_none() {
                pairs.push((name.to_vec(), value.to_vec()));
            }
        }
        let raw = RawParams::from_byte_pairs(pairs)?;
        let charset = Charset::from_label(raw.get("charset").unwrap_or_default())?;
        let mut params = BTreeMap::new();
        for (name, value) in raw.pairs() {
            let name = charset.decode(name, "a parameter name")?;
            let value = charset.decode(value, &format!("the value of {name}"))?;
            params.insert(name, value);
        }
        Ok(GatewayRequest { raw, params })
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.params.get(name).map(String::as_str)
    }

    /// `name`, or "" when absent.
    pub fn text(&self, name: &str) -> String {
        self.get(name).unwrap_or_default().to_string()
    }

    /// The `biz_content` JSON object; an explanation when it is missing or not an object.
    pub fn biz_content(&self) -> Result<Map<String, Value>, String> {
        let text = self
            .get("biz_content")
            .ok_or("biz_content is missing".to_string())?;
        match serde_json::from_str(text) {
            Ok(Value::Object(map)) => Ok(map),
            Ok(_) => Err("biz_content is not a JSON object".into()),
            Err(e) => Err(format!("biz_content is not valid JSON: {e}")),
        }
    }

    /// Checks the signature over every parameter but `sign`, sorted (rule v2, sign_type
    /// included), with the app public keys the sandbox was given.
    pub fn check_signature(&self, app: &App) -> SignatureCheck {
        let Some(verifier) = &app.app_verifier else {
            return SignatureCheck::Unchecked;
        };
        match verifier.verify_params(&self.raw, MessageKind::Return) {
            Ok(_) => SignatureCheck::Verified,
            Err(err) if err.kind() == ErrorKind::MissingSignature => {
                SignatureCheck::Refused("isv.missing-signature", err.message().to_string())
            }
            Err(err) => SignatureCheck::Refused("isv.invalid-signature", err.message().to_string()),
        }
    }
}

/// One part of a request (query or form body); an empty part has no parameters.
fn parse_part(bytes: &[u8]) -> Result<RawParams, alipay_notify::Error> {
    match bytes.is_empty() {
        true => RawParams::from_byte_pairs(std::iter::empty::<(&[u8], &[u8])>()),
        false => RawParams::from_form(bytes, DEFAULT_MAX_SIZE),
    }
}

/// A string field of biz_content: JSON strings as they are, numbers as written.
pub(crate) fn biz_text(biz: &Map<String, Value>, name: &str) -> Option<String> {
    match biz.get(name)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

trait GetBytes {
    fn get_bytes(&self, name: &[u8]) -> Option<&[u8]>;
}

impl GetBytes for RawParams {
    fn get_bytes(&self, name: &[u8]) -> Option<&[u8]> {
        self.pairs().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
}
