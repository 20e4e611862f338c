use super::*;

/// alipay-sdk-java-all `src/test/java/com/alipay/api/EncryptTest.java`: the Java SDK's own
/// AES test, encrypted with javax.crypto.
const JAVA_KEY: &str = "aa4BtZ4tspm2wnXLb1ThQA==";
const JAVA_CIPHERTEXT: &str = "ILpoMowjIQjfYMR847rnFQ==";

/// alipay-sdk-nodejs-all `test/alipay.exec.test.ts`: an encrypted
/// `alipay_open_auth_app_aes_set_response` with the test config's `encryptKey`.
const NODE_KEY: &str = "aYA0GP8JEW+D7/UFaskCWA==";
const NODE_CIPHERTEXT: &str = "4AOYHE0rpPnRnghunsGo+mY02DzANFLwNJJCiHfrNh2oaB2pn33PwOEOvH8mjhkE3Wh/jR+3jHM9nvoFvOsY/SqZbZzamRg9Eh3VkRqOhSM=";

#[test]
fn the_sdks_own_ciphertexts_decrypt() {
    assert_eq!(decrypt(JAVA_KEY, JAVA_CIPHERTEXT).unwrap(), "test1234567");
    assert_eq!(
        decrypt(NODE_KEY, NODE_CIPHERTEXT).unwrap(),
        r#"{"code":"10000","msg":"Success","aes_key":"cW8mcZgoMGUVp5g7uv7bHw=="}"#
    );
    // And encryption gives the Java SDK's ciphertext: same key, zero IV, PKCS#7.
    let key = AesKey::parse(JAVA_KEY).unwrap();
    assert_eq!(key.encrypt("test1234567"), JAVA_CIPHERTEXT);
    assert_eq!(key.bits(), 128);
}

#[test]
fn every_key_size_round_trips() {
    for len in [16, 24, 32] {
        let text = base64::engine::general_purpose::STANDARD.encode(vec![7u8; len]);
        let key = AesKey::parse(&text).unwrap();
        assert_eq!(key.bits(), len * 8);
        for plain in ["", "a", "0123456789abcdef", "{\"mobile\":\"15900000000\"}"] {
            let ciphertext = key.encrypt(plain);
            assert_eq!(
                key.decrypt(&ciphertext).unwrap(),
                plain.as_bytes(),
                "{len} {plain}"
            );
        }
    }
}

#[test]
fn bad_keys_are_invalid_key_and_never_quoted() {
    for (text, why) in [
        ("", "empty"),
        ("   \n", "empty"),
        ("not base64!", "not base64"),
        ("\"aa4BtZ4tspm2wnXLb1ThQA==\"", "quotes"),
        ("aa4BtZ4tspm2wnXL", "12 bytes"),
        (
            "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAnaESDeU3bC5Vz03iwa8SlSVFoXkzf5ilLvTv",
            "60 bytes",
        ),
    ] {
        let err = AesKey::parse(text).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey, "{text:?}");
        assert!(err.message().contains(why), "{text:?}: {err}");
        if !text.trim().is_empty() {
            assert!(!err.message().contains(text.trim()), "{err}");
        }
    }
    // Whitespace a configuration file adds is not part of the key.
    assert!(AesKey::parse(" aa4BtZ4tspm2\nwnXLb1ThQA==\n").is_ok());
    let debug = format!("{:?}", AesKey::parse(JAVA_KEY).unwrap());
    assert!(!debug.contains("aa4B") && debug.contains("128"), "{debug}");
}

#[test]
fn bad_ciphertexts_are_decryption_failed_without_content() {
    let key = AesKey::parse(JAVA_KEY).unwrap();
    let other = AesKey::parse(NODE_KEY).unwrap();
    for (ciphertext, why) in [
        ("", "empty"),
        ("@@@@", "not base64"),
        ("ILpoMowjIQjfYMR8", "12 bytes"),
        // A whole block that does not unpad: the Node ciphertext under the Java key.
        (NODE_CIPHERTEXT, "padding"),
    ] {
        let err = key.decrypt(ciphertext).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::DecryptionFailed, "{ciphertext:?}");
        assert!(err.message().contains(why), "{ciphertext:?}: {err}");
        assert!(!err.message().contains(JAVA_KEY), "{err}");
    }
    let err = other.decrypt(JAVA_CIPHERTEXT).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DecryptionFailed);
    // Whitespace inside the base64 (a wrapped line) is ignored, as the SDKs' decoders do.
    assert_eq!(
        key.decrypt("ILpoMowjIQjf\nYMR847rnFQ==\n").unwrap(),
        b"test1234567"
    );
}

#[test]
fn every_padding_byte_is_checked() {
    let key = AesKey::parse(JAVA_KEY).unwrap();
    // A plaintext whose padding is 0x02 0x02, then the second-to-last byte changed through
    // the previous block: a cipher that read only the last byte would accept it.
    let ciphertext = key.encrypt([b'x'; 30]);
    let mut bytes = base64::engine::general_purpose::STANDARD
        .decode(&ciphertext)
        .unwrap();
    bytes[14] ^= 0x01;
    let altered = base64::engine::general_purpose::STANDARD.encode(&bytes);
    let err = key.decrypt(altered).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DecryptionFailed);
}

#[test]
fn text_that_is_not_in_the_charset_is_decryption_failed() {
    let key = AesKey::parse(JAVA_KEY).unwrap();
    let ciphertext = key.encrypt([0xff, 0xfe, 0x00]);
    let err = key.decrypt_text(&ciphertext, Charset::Utf8).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DecryptionFailed);
    let gbk = key.encrypt([0xd6, 0xd0]);
    assert_eq!(key.decrypt_text(&gbk, Charset::Gbk).unwrap(), "中");
}
