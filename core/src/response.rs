//! Signed OpenAPI responses (同步响应), such as
//! `{"alipay_trade_query_response":{...},"alipay_cert_sn":"...","sign":"..."}`.
//!
//! Alipay signs the exact text of the `<method>_response` (or `error_response`) value, so the
//! body is never re-serialized: a serde visitor walks the top-level object and keeps each
//! member's raw text (escaped `\/`, key order and whitespace survive), and it sees every key,
//! so a duplicated key is refused instead of silently keeping the last one; inside the node too
//! ([`node`]).

use crate::charset::printable_prefix;
use crate::error::{Error, ErrorKind, Result};
use crate::sign_type::SignType;
use crate::verifier::Verifier;
use base64::Engine as _;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;
use std::fmt;

pub(crate) mod node;

const NODE_SUFFIX: &str = "_response";
const ERROR_NODE: &str = "error_response";

/// A response whose signature verified: the inner object and how it verified.
#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedResponse {
    method: String,
    node: String,
    value: Value,
    content: String,
    sign_type: SignType,
    key_index: usize,
    key_fingerprint: String,
    cert_sn: Option<String>,
    /// The plaintext JSON of an encrypted node, decrypted with the `aes_key` option.
    decrypted: Option<String>,
}

impl VerifiedResponse {
    /// The API method the response answers, from its node: `alipay.trade.query` for
    /// `alipay_trade_query_response`; `error` for `error_response`, which names no method.
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The top-level key of the signed node, e.g. `alipay_trade_query_response`.
    pub fn node(&self) -> &str {
        &self.node
    }

    /// True for an `error_response` (gateway-level error: bad app_id, bad signature, ...).
    /// Business errors (`code` 40004 with a `sub_code`) come in the method's own node.
    pub fn is_error_response(&self) -> bool {
        self.node == ERROR_NODE
    }

    /// The verified inner object. For an AES-encrypted response, the decrypted object when the
    /// verifier has the `aes_key` option, the ciphertext string otherwise.
    pub fn value(&self) -> &Value {
        &self.value
    }

    /// The verified inner object, taken out.
    pub fn into_value(self) -> Value {
        self.value
    }

    /// The exact text that was signed (for an encrypted response, the ciphertext string with
    /// its quotes).
    pub fn signed_content(&self) -> &str {
        &self.content
    }

    /// True when the node was encrypted and [`VerifiedResponse::value`] is its decryption.
    pub fn is_decrypted(&self) -> bool {
        self.decrypted.is_some()
    }

    /// The decrypted JSON text of an encrypted response, when it was decrypted.
    pub fn decrypted_content(&self) -> Option<&str> {
        self.decrypted.as_deref()
    }

    /// The algorithm that verified (responses do not name theirs; the allowed ones are tried).
    pub fn sign_type(&self) -> SignType {
        self.sign_type
    }

    /// Index of the configured key that verified.
    pub fn key_index(&self) -> usize {
        self.key_index
    }

    /// Fingerprint of the key that verified (see [`crate::PublicKey::fingerprint`]).
    pub fn key_fingerprint(&self) -> &str {
        &self.key_fingerprint
    }

    /// The response's `alipay_cert_sn` (certificate mode), as sent; it is not signed.
    pub fn cert_sn(&self) -> Option<&str> {
        self.cert_sn.as_deref()
    }

    /// The response `code`: `10000` is success.
    pub fn code(&self) -> Option<&str> {
        self.value.get("code").and_then(Value::as_str)
    }

    /// The business error code, e.g. `ACQ.TRADE_NOT_EXIST`.
    pub fn sub_code(&self) -> Option<&str> {
        self.value.get("sub_code").and_then(Value::as_str)
    }

    /// True when `code` is `10000`: the call succeeded.
    pub fn is_success(&self) -> bool {
        self.code() == Some("10000")
    }
}

impl Verifier {
    /// Verifies a gateway response body. With `method` (e.g. `alipay.trade.query`) the response
    /// must answer that method (or be an `error_response`); without it, the one
    /// `*_response` member is taken. In certificate mode the response's `alipay_cert_sn` picks
    /// the configured certificate.
    ///
    /// Alipay signs the node's value, not its name: `METHOD_MISMATCH` catches the response to
    /// another request, but not a signed response whose node was renamed on the way (its
    /// signature still verifies). Check that the content answers your request too
    /// (`out_trade_no`, `trade_no`, amounts) before acting on it.
    ///
    /// A key twice in any object of the node is `DUPLICATE_PARAMETER`; a node nested more than
    /// 100 levels deep is `MALFORMED_INPUT`. Both are refused before the signature is checked.
    pub fn verify_response(
        &self,
        body: impl AsRef<[u8]>,
        method: Option<&str>,
    ) -> Result<VerifiedResponse> {
        let signed = self.signed_node(body.as_ref())?;
        let content = signed.content.as_str();
        let candidates = signed.candidates.as_deref();
        let matched = self.match_raw_content(content.as_bytes(), &signed.signature, candidates);
        let Some((sign_type, key_index)) = matched else {
            let unquoted =
                self.unquoted_signature("response", content, &signed.signature, candidates);
            return Err(unquoted.unwrap_or_else(|| self.response_not_verified(candidates)));
        };
        let SignedNode {
            node,
            value,
            content,
            cert_sn,
            ..
        } = signed;
        if let Some(wanted) = method {
            let expected = format!("{}{NODE_SUFFIX}", wanted.replace('.', "_"));
            if node != expected && node != ERROR_NODE {
                return Err(Error::new(
                    ErrorKind::MethodMismatch,
                    format!(
                        "the response answers {}, not {:?}: it belongs to another request",
                        method_of(&node),
                        printable_prefix(wanted.as_bytes(), 64)
                    ),
                ));
            }
        }
        let (value, decrypted) = self.decrypt_node(value)?;
        Ok(VerifiedResponse {
            method: method_of(&node),
            node,
            value,
            content,
            sign_type,
            key_index,
            key_fingerprint: self
                .public_keys()
                .nth(key_index)
                .map(|k| k.fingerprint().to_string())
                .unwrap_or_default(),
            cert_sn,
            decrypted,
        })
    }

    /// The parts of a response its signature check needs, read and checked before any key is
    /// tried: the node (its duplicates and depth refused), its raw text, the signature and the
    /// keys its `alipay_cert_sn` picks. A diagnosis reads a response the same way.
    pub(crate) fn signed_node(&self, body: &[u8]) -> Result<SignedNode> {
        self.check_raw_input(body.len(), "the response", "responses")?;
        let members = read_members(body)?;
        let parts = Parts::find(&members)?;
        let value = node::parse_node(parts.node_raw)?;
        let signature = base64::engine::general_purpose::STANDARD
            .decode(parts.sign.as_bytes())
            .map_err(|_| Error::new(ErrorKind::InvalidSignature, "sign is not valid base64"))?;
        let candidates = self.keys_for_sn(parts.cert_sn.as_deref())?;
        Ok(SignedNode {
            node: parts.node.to_string(),
            value,
            content: parts.node_raw.get().to_string(),
            signature,
            candidates,
            cert_sn: parts.cert_sn,
        })
    }

    /// The keys to try: with an SN in the response and certificates configured, only the
    /// certificates with that SN (`None` means every key).
    pub(crate) fn keys_for_sn(&self, sn: Option<&str>) -> Result<Option<Vec<usize>>> {
        let Some(sn) = sn else {
            return Ok(None);
        };
        let known: Vec<&str> = self.public_keys().filter_map(|k| k.cert_sn()).collect();
        if known.is_empty() {
            return Ok(None);
        }
        let matching: Vec<usize> = self
            .public_keys()
            .enumerate()
            .filter(|(_, k)| k.cert_sn() == Some(sn))
            .map(|(index, _)| index)
            .collect();
        if matching.is_empty() {
            return Err(Error::new(
                ErrorKind::UnknownCertSn,
                format!(
                    "the response is signed with Alipay certificate {:?}, which none of the \
                     configured certificates ({}) is: Alipay rotated its certificate; download \
                     the new one (alipay.open.app.alipaycert.download with this alipay_cert_sn) \
                     and add it. If no rotation is expected, do not trust this response",
                    printable_prefix(sn.as_bytes(), 40),
                    known.join(", ")
                ),
            ));
        }
        Ok(Some(matching))
    }

    fn response_not_verified(&self, candidates: Option<&[usize]>) -> Error {
        let types = self
            .allowed_sign_types()
            .iter()
            .filter(|t| **t != SignType::Md5)
            .map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join("/");
        let keys = match candidates.map_or(self.public_keys().count(), <[usize]>::len) {
            1 if candidates.is_some() => " with the certificate of its alipay_cert_sn".to_string(),
            1 => " with the configured key".to_string(),
            n => format!(" with any of the {n} configured keys"),
        };
        Error::new(
            ErrorKind::InvalidSignature,
            format!(
                "the response's {types} signature does not verify{keys}. Check that the key is \
                 Alipay's public key (支付宝公钥) for this app and environment, and that the body \
                 is the raw HTTP body, unchanged (not re-serialized JSON, no whitespace changed)"
            ),
        )
    }
}

/// A response read for its signature check ([`Verifier::signed_node`]).
pub(crate) struct SignedNode {
    /// The node's key, e.g. `alipay_trade_query_response`.
    pub node: String,
    pub value: Value,
    /// The node's raw text: what Alipay signed.
    pub content: String,
    pub signature: Vec<u8>,
    /// The keys to try (`None`: every key).
    pub candidates: Option<Vec<usize>>,
    pub cert_sn: Option<String>,
}

/// `alipay.trade.query` from `alipay_trade_query_response`; `error` from `error_response`.
/// Alipay's method names have no underscores, so the mapping is exact.
fn method_of(node: &str) -> String {
    node.strip_suffix(NODE_SUFFIX)
        .unwrap_or(node)
        .replace('_', ".")
}

/// The top-level members, in order, each with its raw text.
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct MembersVisitor;
        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Members<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Members<'de>, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry::<String, &'de RawValue>()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(MembersVisitor)
    }
}

pub(crate) fn read_members(body: &[u8]) -> Result<Vec<(String, &RawValue)>> {
    let malformed = |why: String| Error::new(ErrorKind::MalformedInput, why);
    let text = std::str::from_utf8(body).map_err(|_| {
        malformed(
            "the response is not UTF-8 text; request with charset=utf-8 and pass the raw body"
                .into(),
        )
    })?;
    let members: Members<'_> = serde_json::from_str(text).map_err(|e| {
        malformed(if e.is_data() {
            "the response is not a JSON object".to_string()
        } else {
            format!(
                "the response is not JSON (line {}, column {})",
                e.line(),
                e.column()
            )
        })
    })?;
    Ok(members.0)
}

/// The members that matter, each present once.
struct Parts<'a> {
    node: &'a str,
    node_raw: &'a RawValue,
    sign: String,
    cert_sn: Option<String>,
}

impl<'a> Parts<'a> {
    fn find(members: &'a [(String, &'a RawValue)]) -> Result<Parts<'a>> {
        let mut seen = std::collections::HashSet::with_capacity(members.len());
        for (key, _) in members {
            if !seen.insert(key.as_str()) {
                return Err(Error::new(
                    ErrorKind::DuplicateParameter,
                    format!(
                        "the response has the member {:?} twice; which one was signed is \
                         ambiguous, so the response is refused",
                        printable_prefix(key.as_bytes(), 64)
                    ),
                ));
            }
        }
        let nodes: Vec<&(String, &RawValue)> = members
            .iter()
            .filter(|(key, _)| key.ends_with(NODE_SUFFIX))
            .collect();
        let (node, node_raw) = match nodes.as_slice() {
            [(key, raw)] => (key.as_str(), *raw),
            [] => {
                return Err(Error::new(
                    ErrorKind::MalformedInput,
                    "the JSON has no *_response member: it is not an Alipay API response",
                ));
            }
            [first, second, ..] => {
                return Err(Error::new(
                    ErrorKind::DuplicateParameter,
                    format!(
                        "the response has two response nodes ({} and {}); exactly one is signed",
                        printable_prefix(first.0.as_bytes(), 64),
                        printable_prefix(second.0.as_bytes(), 64)
                    ),
                ));
            }
        };
        let member = |name: &str| members.iter().find(|(key, _)| key == name).map(|m| m.1);
        let sign = match member("sign").map(string_or_null).transpose()? {
            None => {
                return Err(Error::new(
                    ErrorKind::MissingSignature,
                    "the response has no sign member",
                ));
            }
            Some(Some(sign)) if !sign.trim().is_empty() => sign,
            Some(_) => return Err(unsigned(node_raw)),
        };
        let cert_sn = member("alipay_cert_sn")
            .map(string_or_null)
            .transpose()?
            .flatten();
        Ok(Parts {
            node,
            node_raw,
            sign,
            cert_sn,
        })
    }
}

/// A JSON string decoded (so `\/` is `/`), or `None` for `null`.
fn string_or_null(raw: &RawValue) -> Result<Option<String>> {
    serde_json::from_str::<Option<String>>(raw.get()).map_err(|_| {
        Error::new(
            ErrorKind::MalformedInput,
            "sign and alipay_cert_sn must be JSON strings",
        )
    })
}

/// The error for an empty `sign`, naming the node's unverified `code`/`sub_code` because
/// they usually explain why Alipay could not sign.
fn unsigned(node: &RawValue) -> Error {
    let value: Value = serde_json::from_str(node.get()).unwrap_or(Value::Null);
    let field = |name: &str| {
        value
            .get(name)
            .and_then(Value::as_str)
            .map(|s| format!(" {name}={:?}", printable_prefix(s.as_bytes(), 64)))
            .unwrap_or_default()
    };
    Error::new(
        ErrorKind::UnsignedResponse,
        format!(
            "the response's sign is empty: Alipay did not sign it, so none of it can be trusted \
             (unverified:{}{}); Alipay leaves error responses unsigned when it cannot tell \
             which app called, e.g. a wrong app_id",
            field("code"),
            field("sub_code")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PrivateKey;

    const PRIVATE_KEY: &str = include_str!("../../tests/vectors/keys/alipay_a.key.pem");

    fn verifier() -> Verifier {
        let public = PrivateKey::parse(PRIVATE_KEY)
            .unwrap()
            .public_key()
            .unwrap()
            .to_pem();
        Verifier::new(&public).unwrap()
    }

    /// A body whose node is `node_text`, signed over exactly that text.
    fn signed(node_key: &str, node_text: &str) -> String {
        let key = PrivateKey::parse(PRIVATE_KEY).unwrap();
        let signature = crate::crypto::sign(&key, SignType::Rsa2, node_text.as_bytes()).unwrap();
        let sign = base64::engine::general_purpose::STANDARD.encode(signature);
        format!("{{\"{node_key}\":{node_text},\"sign\":\"{sign}\"}}")
    }

    #[test]
    fn the_raw_text_is_verified_not_a_reserialization() {
        let node =
            "{ \"code\":\"10000\",\n \"url\":\"https:\\/\\/a.example\\/x\",\"s\":\"\\u4e2d\" }";
        let body = signed("alipay_trade_query_response", node);
        let verified = verifier()
            .verify_response(&body, Some("alipay.trade.query"))
            .unwrap();
        assert_eq!(verified.method(), "alipay.trade.query");
        assert_eq!(verified.signed_content(), node);
        assert_eq!(verified.value()["url"], "https://a.example/x");
        assert_eq!(verified.value()["s"], "中");
        assert!(verified.is_success() && !verified.is_error_response());
    }

    #[test]
    fn structure_errors_are_typed() {
        let v = verifier();
        let kind = |body: &str| v.verify_response(body, None).unwrap_err().kind();
        assert_eq!(kind("not json"), ErrorKind::MalformedInput);
        assert_eq!(kind("[1]"), ErrorKind::MalformedInput);
        assert_eq!(kind("{\"sign\":\"AA==\"}"), ErrorKind::MalformedInput);
        assert_eq!(
            kind("{\"a_response\":{},\"b_response\":{},\"sign\":\"AA==\"}"),
            ErrorKind::DuplicateParameter
        );
        assert_eq!(
            kind("{\"a_response\":{},\"sign\":\"AA==\",\"sign\":\"AA==\"}"),
            ErrorKind::DuplicateParameter
        );
        assert_eq!(kind("{\"a_response\":{}}"), ErrorKind::MissingSignature);
        assert_eq!(
            kind("{\"error_response\":{\"code\":\"40002\"},\"sign\":\"\"}"),
            ErrorKind::UnsignedResponse
        );
        assert_eq!(
            kind("{\"a_response\":{},\"sign\":null}"),
            ErrorKind::UnsignedResponse
        );
        assert_eq!(
            kind("{\"a_response\":{},\"sign\":5}"),
            ErrorKind::MalformedInput
        );
        assert_eq!(
            kind("{\"a_response\":{},\"sign\":\"not base64\"}"),
            ErrorKind::InvalidSignature
        );
        assert_eq!(kind("\u{ff}"), ErrorKind::MalformedInput);
    }

    #[test]
    fn unsigned_errors_name_the_unverified_sub_code() {
        let err = verifier()
            .verify_response(
                r#"{"error_response":{"code":"40002","sub_code":"isv.invalid-app-id"},"sign":""}"#,
                None,
            )
            .unwrap_err();
        assert!(err.message().contains("isv.invalid-app-id"), "{err}");
    }

    #[test]
    fn another_methods_response_is_a_mismatch_and_error_responses_pass() {
        let v = verifier();
        let body = signed("alipay_trade_pay_response", "{\"code\":\"10000\"}");
        let err = v
            .verify_response(&body, Some("alipay.trade.query"))
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::MethodMismatch);
        let body = signed("error_response", "{\"code\":\"40002\"}");
        let verified = v
            .verify_response(&body, Some("alipay.trade.query"))
            .unwrap();
        assert_eq!(verified.method(), "error");
        assert!(verified.is_error_response() && !verified.is_success());
    }

    #[test]
    fn a_key_twice_inside_the_signed_node_is_refused() {
        let v = verifier();
        for node in [
            r#"{"code":"10000","total_amount":"88.00","total_amount":"0.01"}"#,
            r#"{"code":"10000","fund_bill_list":[{"amount":"1.00","amount":"9.00"}]}"#,
            r#"{"code":"10000","a":{"b":{"c":1,"\u0063":2}}}"#,
        ] {
            let body = signed("alipay_trade_query_response", node);
            let err = v.verify_response(&body, None).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::DuplicateParameter, "{node}: {err}");
        }
        // The same key in two objects is no duplicate.
        let node = r#"{"code":"10000","a":{"x":"1"},"b":[{"x":"2"},{"x":"3"}]}"#;
        let body = signed("alipay_trade_query_response", node);
        v.verify_response(&body, None).unwrap();
    }

    /// `depth` nested arrays inside the node object.
    fn nested(depth: usize) -> String {
        format!(
            "{{\"code\":\"10000\",\"x\":{}{}}}",
            "[".repeat(depth),
            "]".repeat(depth)
        )
    }

    #[test]
    fn a_node_nested_too_deeply_is_malformed_input_not_internal() {
        let v = verifier();
        let verify =
            |node: &str| v.verify_response(signed("alipay_trade_query_response", node), None);
        // The node itself is level 1.
        verify(&nested(node::MAX_NODE_DEPTH - 1)).unwrap();
        for depth in [node::MAX_NODE_DEPTH, 127, 128, 200, 5000] {
            let err = verify(&nested(depth)).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::MalformedInput, "{depth}: {err}");
        }
        let err = verify(&nested(300)).unwrap_err();
        assert!(
            err.message().contains("nested more than 100 levels"),
            "{err}"
        );
        // Numbers out of f64's range are unreadable the same way, not an internal error.
        let err = verify(r#"{"code":"10000","x":1e400}"#).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::MalformedInput, "{err}");
    }

    #[test]
    fn the_size_limit_comes_first() {
        let v = Verifier::builder()
            .public_key(verifier().public_keys().next().unwrap().to_pem())
            .max_size(10)
            .build()
            .unwrap();
        let err = v.verify_response("{\"a_response\":{}}", None).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InputTooLarge);
    }
}
