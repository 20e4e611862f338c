//! 生活号 messages with an RSA-encrypted biz_content, through the verifier.

use super::verify_tests::{ALIPAY_KEY, APP_KEY};
use crate::error::ErrorKind;
use crate::sign_type::{Rule, SignType};
use crate::{PrivateKey, Signer, Verifier};
use base64::Engine as _;

/// `plain` encrypted for `key`'s public half as Alipay does: PKCS#1 v1.5 in chunks of at most
/// `chunk` bytes (the Java SDK's 117 for 1024-bit keys, 244 for 2048), blocks joined.
pub(super) fn rsa_encrypt(key: &str, plain: &[u8], chunk: usize) -> String {
    let public = PrivateKey::parse(key)
        .unwrap()
        .rsa()
        .unwrap()
        .to_public_key();
    let mut out = Vec::new();
    for part in plain.chunks(chunk) {
        let block = public
            .encrypt(&mut rsa::rand_core::OsRng, rsa::Pkcs1v15Encrypt, part)
            .unwrap();
        out.extend(block);
    }
    base64::engine::general_purpose::STANDARD.encode(out)
}

fn message(biz_content: &str) -> String {
    let params = [
        ("app_id", "2021000117600000"),
        ("biz_content", biz_content),
        ("charset", "UTF-8"),
        ("msg_method", "alipay.mobile.public.message.notify"),
        ("service", "alipay.service.check"),
        ("sign_type", "RSA2"),
    ];
    Signer::rsa(ALIPAY_KEY, SignType::Rsa2, Rule::V2)
        .unwrap()
        .signed_form(&params)
        .unwrap()
}

fn verifier(app_private_key: Option<&str>) -> Verifier {
    let public = PrivateKey::parse(ALIPAY_KEY)
        .unwrap()
        .public_key()
        .unwrap()
        .to_pem();
    let builder = Verifier::builder().public_key(public);
    match app_private_key {
        Some(key) => builder.app_private_key(key).build().unwrap(),
        None => builder.build().unwrap(),
    }
}

const EVENT: &str = "<XML><FromUserId><![CDATA[2088102122485786]]></FromUserId><AppId><![CDATA[2021000117600000]]></AppId><CreateTime>1719288000000</CreateTime><MsgType><![CDATA[event]]></MsgType><EventType><![CDATA[follow]]></EventType><ActionParam><![CDATA[{\"scene\":{\"sceneId\":\"1234\"}}]]></ActionParam><AgreementId><![CDATA[20240625000000000001]]></AgreementId><AccountNo><![CDATA[null]]></AccountNo><UserInfo><![CDATA[{\"logon_id\":\"159****5620\",\"user_name\":\"*测试\"}]]></UserInfo></XML>";

#[test]
fn an_encrypted_biz_content_is_decrypted_after_the_v2_signature() {
    // Longer than one RSA block, with multi-byte text across a block boundary.
    assert!(EVENT.len() > 245);
    let encrypted = rsa_encrypt(APP_KEY, EVENT.as_bytes(), 244);
    let body = message(&encrypted);
    let notification = verifier(Some(APP_KEY)).verify_notify(&body).unwrap();
    assert_eq!(notification.decrypted_biz_content(), Some(EVENT));
    assert_eq!(notification.get("biz_content"), Some(encrypted.as_str()));
    assert_eq!(notification.verification().rule.as_str(), "v2");
    // Without the option nothing is decrypted.
    let notification = verifier(None).verify_notify(&body).unwrap();
    assert_eq!(notification.decrypted_biz_content(), None);
}

#[test]
fn a_plaintext_biz_content_is_left_alone() {
    let body = message(EVENT);
    let notification = verifier(Some(APP_KEY)).verify_notify(&body).unwrap();
    assert_eq!(notification.decrypted_biz_content(), None);
    assert_eq!(notification.get("biz_content"), Some(EVENT));
}

#[test]
fn a_biz_content_for_another_key_is_decryption_failed() {
    let other = include_str!("../../../tests/vectors/keys/alipay_b.key.pem");
    let encrypted = rsa_encrypt(other, EVENT.as_bytes(), 244);
    let err = verifier(Some(APP_KEY))
        .verify_notify(message(&encrypted))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DecryptionFailed);
    assert!(err.message().contains("app_private_key"), "{err}");
    for (bad, why) in [("bm90IGJsb2Nrcw==", "blocks"), ("@@@", "base64")] {
        let err = verifier(Some(APP_KEY))
            .verify_notify(message(bad))
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::DecryptionFailed, "{bad}");
        assert!(err.message().contains(why), "{err}");
    }
}

#[test]
fn a_forged_biz_content_never_reaches_the_private_key() {
    // Altered after signing: refused by the signature, before any decryption.
    let encrypted = rsa_encrypt(APP_KEY, EVENT.as_bytes(), 244);
    let body = message(&encrypted).replace("biz_content=", "biz_content=A");
    let err = verifier(Some(APP_KEY)).verify_notify(&body).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidSignature);
}
