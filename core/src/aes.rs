//! AES-encrypted content (`encrypt_type=AES`, 内容加密) and the messages that carry it; the keys
//! and ciphers are in `crate::decryption`.
//!
//! Alipay signs the ciphertext, never the plaintext, and the cipher has no integrity of its
//! own: every verifier method here checks the signature first and only then decrypts, so the
//! padding check never runs on content Alipay did not send, and a failed decryption tells an
//! attacker nothing about a chosen ciphertext.
//!
//! Three families use it: encrypted OpenAPI responses ([`Verifier::verify_response`] with the
//! `aes_key` option), the mini-program open-data envelope ([`Verifier::verify_open_data`]), and,
//! with RSA instead of AES, 生活号 messages whose `biz_content` is encrypted with the merchant's
//! app public key (the `app_private_key` option, [`crate::Notification::decrypted_biz_content`]).

mod biz_content;
mod open_data;
mod response;

#[cfg(doc)]
use crate::Verifier;
pub use crate::decryption::{AesKey, decrypt};
pub use open_data::OpenData;

#[cfg(test)]
mod biz_content_tests;
#[cfg(test)]
mod properties;
#[cfg(test)]
pub(crate) mod verify_tests;
