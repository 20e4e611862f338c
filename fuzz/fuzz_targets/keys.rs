//! Key and PEM parsing: public keys (PEM, base64, PKCS#1, certificates), private keys, AES keys
//! and a verifier built from the text. No panic, and no error message that quotes the text.
#![no_main]

use alipay_notify::{AesKey, PrivateKey, PublicKey, Verifier};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(key) = PublicKey::parse(&text, "alipay_public_key") {
        // What parsed must print and parse back as the same key.
        let again = PublicKey::parse(&key.to_pem(), "alipay_public_key").expect("own PEM parses");
        assert_eq!(again.fingerprint(), key.fingerprint());
    }
    if let Ok(key) = PrivateKey::parse(&text) {
        let _ = key.public_key();
    }
    let _ = Verifier::new(&text);
    let _ = AesKey::parse(&text);
});
