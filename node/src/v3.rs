//! OpenAPI v3: `verifier.verifyV3()` (a response verified from its headers and raw body, which
//! calls [`verify`]), `VerifiedV3Response`, and `V3Signer`, which builds a request's
//! `Authorization` header.

use crate::error::{Code, IntoJs, Result, error};
use crate::input::{KeyText, key_text, property_names};
use alipay_notify::{ErrorKind, V3Headers, V3Request, Verifier};
use napi::bindgen_prelude::{Buffer, Either, FromNapiValue, JsObjectValue, Object, Unknown};
use napi::{JsString, JsValue, Status, ValueType};
use napi_derive::napi;

/// The most header entries read: far above what any HTTP server sends, and a bound for an
/// object that claims millions of properties.
const MAX_HEADERS: usize = 10_000;

/// No header that verification reads has a longer name: longer ones are skipped unread.
const LONGEST_NAME: usize = 16;

/// The response's headers as the HTTP library gives them: an object (`res.headers` of
/// `http`/`https`, axios and Express, lowercase names, a value or an array of values) or an
/// array of `[name, value]` pairs. Only the four headers verification reads are converted; the
/// core matches their names ignoring case and refuses any of them twice.
fn header_pairs(headers: &Object) -> Result<Vec<(String, String)>> {
    let mut pairs = Vec::new();
    if headers.is_array().js()? {
        let length = headers.get_array_length().js()?;
        check_count(length)?;
        for index in 0..length {
            let pair: Unknown = headers.get_element(index).js()?;
            let not_a_pair = || {
                error(
                    ErrorKind::MalformedInput,
                    format!("header {index} is not a [name, value] pair"),
                )
            };
            if pair.get_type().js()? != ValueType::Object || !pair.is_array().js()? {
                return Err(not_a_pair());
            }
            let pair = Object::from_unknown(pair).js()?;
            if pair.get_array_length().js()? != 2 {
                return Err(not_a_pair());
            }
            let name: Unknown = pair.get_element(0).js()?;
            if name.get_type().js()? != ValueType::String {
                return Err(not_a_pair());
            }
            if let Some(name) = read_name(JsString::from_unknown(name).js()?)? {
                push_values(&mut pairs, name, pair.get_element(1).js()?)?;
            }
        }
        return Ok(pairs);
    }
    let (names, count) = property_names(headers)?;
    check_count(count)?;
    for index in 0..count {
        let key: JsString = names.get_element(index).js()?;
        if let Some(name) = read_name(key)? {
            push_values(&mut pairs, name, headers.get_property_unchecked(key).js()?)?;
        }
    }
    Ok(pairs)
}

fn check_count(count: u32) -> Result<()> {
    match count as usize > MAX_HEADERS {
        true => Err(error(
            ErrorKind::InputTooLarge,
            format!("the headers have {count} entries, over the limit of {MAX_HEADERS}"),
        )),
        false => Ok(()),
    }
}

/// The name, when it is one verification reads.
fn read_name(name: JsString) -> Result<Option<String>> {
    if name.utf8_len().js()? > LONGEST_NAME {
        return Ok(None);
    }
    let name = String::from_unknown(name.to_unknown()).js()?;
    Ok(V3Headers::reads(&name).then_some(name))
}

/// A header's value (a string) or values (an array of strings, as Node gives a repeated
/// header), each as one pair: a header repeated is refused by the core.
fn push_values(pairs: &mut Vec<(String, String)>, name: String, value: Unknown) -> Result<()> {
    let wrong = |name: &str| {
        error(
            ErrorKind::MalformedInput,
            format!("the value of header {name} must be a string or an array of strings"),
        )
    };
    match value.get_type().js()? {
        ValueType::String => pairs.push((name, String::from_unknown(value).js()?)),
        ValueType::Object if value.is_array().js()? => {
            let values = Object::from_unknown(value).js()?;
            let length = values.get_array_length().js()?;
            // Two are already ambiguous: the core refuses them, reading more is pointless.
            for index in 0..length.min(2) {
                let item: Unknown = values.get_element(index).js()?;
                if item.get_type().js()? != ValueType::String {
                    return Err(wrong(&name));
                }
                pairs.push((name.clone(), String::from_unknown(item).js()?));
            }
        }
        _ => return Err(wrong(&name)),
    }
    Ok(())
}

/// The headers as the core picks them, from an object or `[name, value]` pairs.
pub(crate) fn headers_of(headers: Unknown) -> Result<V3Headers> {
    // napi would read a string as an object without properties: an unsigned response.
    if headers.get_type().js()? != ValueType::Object {
        let message = "headers must be an object or an array of [name, value] pairs";
        return Err(napi::Error::new(
            Code::Napi(Status::ObjectExpected),
            message,
        ));
    }
    let headers = Object::from_unknown(headers).js()?;
    V3Headers::from_pairs(header_pairs(&headers)?).js()
}

/// `verifier.verifyV3()`: the headers picked as the core picks them, the body's exact bytes.
pub(crate) fn verify(
    verifier: &Verifier,
    headers: Unknown,
    body: &[u8],
    now_millis: Option<i64>,
) -> Result<VerifiedV3Response> {
    let headers = headers_of(headers)?;
    let inner = match now_millis {
        Some(now) => verifier.verify_v3_at(&headers, body, now),
        None => verifier.verify_v3(&headers, body),
    }
    .js()?;
    Ok(VerifiedV3Response { inner })
}

/// An OpenAPI v3 response whose signature verified: its body exactly as signed, and how it
/// verified. Created by `Verifier.verifyV3()`.
#[napi]
pub struct VerifiedV3Response {
    inner: alipay_notify::VerifiedV3Response,
}

#[napi]
impl VerifiedV3Response {
    /// The body, byte for byte as signed.
    #[napi(catch_unwind, getter)]
    pub fn body(&self) -> Buffer {
        self.inner.body().to_vec().into()
    }

    /// The body as text (`MALFORMED_INPUT` when it is not UTF-8).
    #[napi(catch_unwind, getter)]
    pub fn text(&self) -> Result<String> {
        self.inner.text().map(str::to_string).js()
    }

    /// The body parsed as JSON (`DUPLICATE_PARAMETER` for a key twice in one object).
    #[napi(catch_unwind, ts_return_type = "Record<string, unknown>")]
    pub fn json(&self) -> Result<serde_json::Value> {
        self.inner.json().js()
    }

    /// The signed `alipay-timestamp`, as sent (milliseconds since 1970).
    #[napi(catch_unwind, getter)]
    pub fn timestamp(&self) -> String {
        self.inner.timestamp().to_string()
    }

    /// `alipay-timestamp` as a number, or null when it is not one.
    #[napi(catch_unwind, getter)]
    pub fn timestamp_millis(&self) -> Option<i64> {
        self.inner.timestamp_millis()
    }

    /// The signed `alipay-nonce`.
    #[napi(catch_unwind, getter)]
    pub fn nonce(&self) -> String {
        self.inner.nonce().to_string()
    }

    /// The `alipay-sn` header (certificate mode), as sent; it is not signed.
    #[napi(catch_unwind, getter)]
    pub fn cert_sn(&self) -> Option<String> {
        self.inner.cert_sn().map(str::to_string)
    }

    /// The index of the key that verified, in the order configured.
    #[napi(catch_unwind, getter)]
    pub fn key_index(&self) -> u32 {
        u32::try_from(self.inner.key_index()).unwrap_or(u32::MAX)
    }

    /// The fingerprint of the key that verified.
    #[napi(catch_unwind, getter)]
    pub fn key_fingerprint(&self) -> String {
        self.inner.key_fingerprint().to_string()
    }

    /// The exact bytes that were signed: the timestamp, the nonce and the body, each followed
    /// by a line feed.
    #[napi(catch_unwind, getter)]
    pub fn signed_content(&self) -> Buffer {
        self.inner.signed_content().into()
    }
}

/// What `V3Signer.authorization()` may be given besides the request.
#[napi(object)]
pub struct V3AuthorizationOptions {
    /// The `alipay-app-auth-token` header, when calling on behalf of another merchant; it is
    /// signed too, and must be sent in that header.
    pub app_auth_token: Option<String>,
    /// The nonce; a random UUID when absent.
    pub nonce: Option<String>,
    /// The time in milliseconds since 1970; now when absent.
    pub timestamp: Option<i64>,
}

/// Builds the `Authorization` header of OpenAPI v3 requests for one app: its private key
/// (应用私钥), `appId` and, in certificate mode, the SN of its app certificate.
#[napi]
pub struct V3Signer {
    inner: alipay_notify::V3Signer,
}

#[napi]
impl V3Signer {
    /// Throws `INVALID_KEY` for a bad key, `INVALID_CONFIG` for an empty `appId` or one that
    /// cannot go into the header.
    #[napi(
        catch_unwind,
        constructor,
        ts_args_type = "privateKey: string | Buffer, appId: string, appCertSn?: string | null"
    )]
    pub fn new(private_key: KeyText, app_id: String, app_cert_sn: Option<String>) -> Result<Self> {
        let key = key_text(private_key, "privateKey")?;
        let inner = alipay_notify::V3Signer::new(&key, &app_id, app_cert_sn.as_deref()).js()?;
        Ok(V3Signer { inner })
    }

    /// The value of the `Authorization` header: `uri` is the path and query as sent
    /// (`/v3/alipay/trade/query`), `body` the exact bytes sent (none for GET).
    #[napi(
        catch_unwind,
        ts_args_type = "method: string, uri: string, body?: Buffer | Uint8Array | string | null, options?: V3AuthorizationOptions"
    )]
    pub fn authorization(
        &self,
        method: String,
        uri: String,
        body: Option<Either<&[u8], String>>,
        options: Option<V3AuthorizationOptions>,
    ) -> Result<String> {
        let options = options.unwrap_or(V3AuthorizationOptions {
            app_auth_token: None,
            nonce: None,
            timestamp: None,
        });
        let body = match &body {
            Some(body) => crate::input::raw(body).to_vec(),
            None => Vec::new(),
        };
        let request = V3Request {
            method,
            uri,
            body,
            app_auth_token: options.app_auth_token,
            nonce: options.nonce,
            timestamp: options.timestamp,
        };
        self.inner.authorization(&request).map(|a| a.header()).js()
    }
}
