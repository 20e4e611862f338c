//! AES-CBC with PKCS#7 padding and the all-zero IV Alipay uses: AWS-LC's `cipher` module by
//! default, RustCrypto's `aes` and `cbc` when the `aws-lc` feature is off. No block cipher or
//! padding code of our own: both libraries check every padding byte.

/// The AES block size, and so the IV's.
pub(super) const BLOCK: usize = 16;

/// Alipay's IV: sixteen zero bytes (AesEncrypt.initIv in the Java SDK, `IV` in the Node SDK).
const ZERO_IV: [u8; BLOCK] = [0; BLOCK];

/// The plaintext of whole blocks of `ciphertext`, or `None` when the padding is invalid.
/// `key` has 16, 24 or 32 bytes (checked by `AesKey::parse`).
#[cfg(feature = "aws-lc")]
pub(super) fn cbc_decrypt(key: &[u8], mut ciphertext: Vec<u8>) -> Option<Vec<u8>> {
    use aws_lc_rs::cipher::{DecryptionContext, PaddedBlockDecryptingKey, UnboundCipherKey};
    let key = UnboundCipherKey::new(algorithm(key), key).ok()?;
    let key = PaddedBlockDecryptingKey::cbc_pkcs7(key).ok()?;
    let context = DecryptionContext::Iv128(ZERO_IV.into());
    let len = key.decrypt(&mut ciphertext, context).ok()?.len();
    ciphertext.truncate(len);
    Some(ciphertext)
}

/// `plaintext` padded and encrypted.
#[cfg(feature = "aws-lc")]
pub(super) fn cbc_encrypt(key: &[u8], plaintext: &[u8]) -> Vec<u8> {
    use aws_lc_rs::cipher::{EncryptionContext, PaddedBlockEncryptingKey, UnboundCipherKey};
    let mut in_out = plaintext.to_vec();
    let encrypted = UnboundCipherKey::new(algorithm(key), key)
        .and_then(PaddedBlockEncryptingKey::cbc_pkcs7)
        .and_then(|key| {
            key.less_safe_encrypt(&mut in_out, EncryptionContext::Iv128(ZERO_IV.into()))
        });
    // Only an AES key of another size fails, and `AesKey::parse` admits none.
    debug_assert!(encrypted.is_ok());
    in_out
}

#[cfg(feature = "aws-lc")]
fn algorithm(key: &[u8]) -> &'static aws_lc_rs::cipher::Algorithm {
    use aws_lc_rs::cipher::{AES_128, AES_192, AES_256};
    match key.len() {
        24 => &AES_192,
        32 => &AES_256,
        _ => &AES_128,
    }
}

#[cfg(not(feature = "aws-lc"))]
pub(super) fn cbc_decrypt(key: &[u8], ciphertext: Vec<u8>) -> Option<Vec<u8>> {
    use cbc::cipher::{BlockDecryptMut, KeyIvInit, block_padding::Pkcs7};
    fn run<C: BlockDecryptMut + KeyIvInit>(key: &[u8], data: &[u8]) -> Option<Vec<u8>> {
        let cipher = C::new_from_slices(key, &ZERO_IV).ok()?;
        cipher.decrypt_padded_vec_mut::<Pkcs7>(data).ok()
    }
    match key.len() {
        24 => run::<cbc::Decryptor<aes::Aes192>>(key, &ciphertext),
        32 => run::<cbc::Decryptor<aes::Aes256>>(key, &ciphertext),
        _ => run::<cbc::Decryptor<aes::Aes128>>(key, &ciphertext),
    }
}

#[cfg(not(feature = "aws-lc"))]
pub(super) fn cbc_encrypt(key: &[u8], plaintext: &[u8]) -> Vec<u8> {
    use cbc::cipher::{BlockEncryptMut, KeyIvInit, block_padding::Pkcs7};
    fn run<C: BlockEncryptMut + KeyIvInit>(key: &[u8], data: &[u8]) -> Vec<u8> {
        match C::new_from_slices(key, &ZERO_IV) {
            Ok(cipher) => cipher.encrypt_padded_vec_mut::<Pkcs7>(data),
            // Only an AES key of another size fails, and `AesKey::parse` admits none.
            Err(_) => Vec::new(),
        }
    }
    match key.len() {
        24 => run::<cbc::Encryptor<aes::Aes192>>(key, plaintext),
        32 => run::<cbc::Encryptor<aes::Aes256>>(key, plaintext),
        _ => run::<cbc::Encryptor<aes::Aes128>>(key, plaintext),
    }
}
