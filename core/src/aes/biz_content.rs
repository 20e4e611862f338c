//! 生活号 (life account) messages whose `biz_content` Alipay encrypted with the merchant's app
//! public key: RSA PKCS#1 v1.5, in blocks of the key's size, base64 as a whole
//! (`AlipaySignature.checkSignAndDecrypt` and `RSAEncryptor.doDecrypt` in the Java SDK;
//! docs/rules.md §AES). Decrypted only after the message's signature verified, and only when
//! the verifier has the `app_private_key` option.
//!
//! PKCS#1 v1.5 decryption is the textbook padding oracle (Bleichenbacher, and Marvin's timing
//! variant against the `rsa` crate): the signature check first means an attacker cannot submit
//! ciphertexts of their own, since only content Alipay signed reaches the private key.

use crate::decryption::failed;
use crate::error::Result;
use crate::notify::Notification;
use crate::sign_type::SignType;
use crate::verifier::Verifier;

/// Plaintext `biz_content` is XML (生活号 events) or JSON; anything else is taken for
/// ciphertext.
fn looks_encrypted(value: &str) -> bool {
    let start = value.trim_start();
    !start.is_empty() && !start.starts_with('<') && !start.starts_with('{')
}

impl Verifier {
    /// The decrypted `biz_content` of a verified RSA message, when the verifier has an app
    /// private key and the message's `biz_content` is encrypted.
    pub(crate) fn decrypt_biz_content(
        &self,
        notification: &Notification,
    ) -> Result<Option<String>> {
        let Some(key) = &self.decryption.rsa else {
            return Ok(None);
        };
        let verification = notification.verification();
        let Some(value) = notification.get("biz_content") else {
            return Ok(None);
        };
        if verification.sign_type == SignType::Md5 || !looks_encrypted(value) {
            return Ok(None);
        }
        let plain = key.decrypt(value)?;
        let charset = verification.charset;
        charset.decode(&plain, "x").map(Some).map_err(|_| {
            failed(&format!(
                "the biz_content decrypts to bytes that are not {} text: the app_private_key is \
                 not the one Alipay encrypted for",
                charset.label()
            ))
        })
    }
}

impl Notification {
    /// The `biz_content` of a 生活号 message, decrypted with the verifier's `app_private_key`
    /// after the signature verified; `None` when no app private key is configured or the
    /// message's `biz_content` is not encrypted (plaintext XML or JSON, read it with
    /// [`Notification::get`]). `get("biz_content")` keeps returning the signed ciphertext.
    pub fn decrypted_biz_content(&self) -> Option<&str> {
        self.decrypted_biz_content.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_text_that_is_neither_xml_nor_json_is_decrypted() {
        assert!(looks_encrypted("MIIBIjAN+/="));
        for plain in ["<XML><A>1</A></XML>", " {\"a\":1}", "", "  "] {
            assert!(!looks_encrypted(plain), "{plain:?}");
        }
    }
}
