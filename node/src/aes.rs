//! AES-encrypted content (`encrypt_type=AES`): `decrypt()`, `Verifier.verifyOpenData()` and its
//! `OpenData`, and what encrypted responses and 生活号 messages gain. The options `aesKey` and
//! `appPrivateKey` come through the core's table like every other.

use crate::error::{IntoJs, Result};
use crate::input::raw;
use crate::notification::Notification;
use crate::response::VerifiedResponse;
use crate::verifier::Verifier;
use napi::bindgen_prelude::Either;
use napi_derive::napi;

/// Decrypts base64 `ciphertext` with the base64 `aesKey` (AES-CBC, zero IV, PKCS#7, as Alipay
/// encrypts). Decrypt only content whose signature verified: responses and open data decrypt
/// themselves after verifying. Throws `INVALID_KEY` for a bad key and `DECRYPTION_FAILED` for
/// content that does not decrypt; neither message holds the key or the plaintext.
#[napi(
    catch_unwind,
    strict,
    ts_args_type = "aesKey: string, ciphertext: string | Buffer | Uint8Array"
)]
pub fn decrypt(aes_key: String, ciphertext: Either<&[u8], String>) -> Result<String> {
    alipay_notify::decrypt(&aes_key, raw(&ciphertext)).js()
}

/// Verified open data (`my.getPhoneNumber` and the other 敏感信息 jsAPIs): the plaintext of the
/// envelope's `response`, decrypted when it was encrypted. Created by
/// `Verifier.verifyOpenData()`.
#[napi]
pub struct OpenData {
    inner: alipay_notify::OpenData,
}

#[napi]
impl OpenData {
    /// The plaintext JSON text.
    #[napi(catch_unwind, getter)]
    pub fn content(&self) -> String {
        self.inner.content().to_string()
    }

    /// The plaintext, parsed (`value.mobile`).
    #[napi(catch_unwind, getter, ts_return_type = "Record<string, unknown>")]
    pub fn value(&self) -> serde_json::Value {
        self.inner.value().clone()
    }

    /// The plaintext's `code`: `'10000'` is success.
    #[napi(catch_unwind, getter)]
    pub fn code(&self) -> Option<String> {
        self.inner.code().map(str::to_string)
    }

    /// Whether `response` was encrypted (and so was decrypted with the `aesKey` option).
    #[napi(catch_unwind, getter)]
    pub fn is_encrypted(&self) -> bool {
        self.inner.is_encrypted()
    }

    /// The algorithm that verified: one the verifier allows, whatever the envelope says.
    #[napi(catch_unwind, getter)]
    pub fn sign_type(&self) -> &'static str {
        self.inner.sign_type().as_str()
    }

    /// Index of the configured key that verified.
    #[napi(catch_unwind, getter)]
    pub fn key_index(&self) -> u32 {
        self.inner.key_index() as u32
    }

    /// Fingerprint of the key that verified.
    #[napi(catch_unwind, getter)]
    pub fn key_fingerprint(&self) -> String {
        self.inner.key_fingerprint().to_string()
    }

    /// The plaintext, parsed (what `JSON.stringify` shows).
    #[napi(
        catch_unwind,
        js_name = "toJSON",
        ts_return_type = "Record<string, unknown>"
    )]
    pub fn to_json(&self) -> serde_json::Value {
        self.inner.value().clone()
    }
}

#[napi]
impl Verifier {
    /// Verifies a mini-program open-data envelope (`my.getPhoneNumber`) from the raw JSON text
    /// the front end sent, then decrypts it with the `aesKey` option. The envelope's own
    /// `sign_type` and `encrypt_type` are unsigned and ignored: this verifier's decide.
    #[napi(
        catch_unwind,
        strict,
        ts_args_type = "envelope: Buffer | Uint8Array | string"
    )]
    pub fn verify_open_data(&self, envelope: Either<&[u8], String>) -> Result<OpenData> {
        let inner = self.inner.verify_open_data(raw(&envelope)).js()?;
        Ok(OpenData { inner })
    }
}

#[napi]
impl VerifiedResponse {
    /// True when the node was encrypted and `value` is its decryption with the `aesKey` option.
    #[napi(catch_unwind, getter)]
    pub fn is_decrypted(&self) -> bool {
        self.inner.is_decrypted()
    }

    /// The decrypted JSON text of an encrypted response, or `null`.
    #[napi(catch_unwind, getter)]
    pub fn decrypted_content(&self) -> Option<String> {
        self.inner.decrypted_content().map(str::to_string)
    }
}

#[napi]
impl Notification {
    /// A 生活号 `biz_content` that Alipay encrypted for the app, decrypted with the
    /// `appPrivateKey` option after the signature verified; `null` when nothing was decrypted
    /// (`get('biz_content')` is always the signed value).
    #[napi(catch_unwind, getter)]
    pub fn decrypted_biz_content(&self) -> Option<String> {
        self.inner.decrypted_biz_content().map(str::to_string)
    }
}
