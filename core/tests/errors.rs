//! Error paths: each bad key or secret gets a precise, typed error that never quotes it.

use alipay_notify::{ErrorKind, PrivateKey, Verifier};

const PRIVATE_KEY: &str = include_str!("../../tests/vectors/keys/alipay_a.key.pem");

fn public_pem() -> String {
    PrivateKey::parse(PRIVATE_KEY)
        .unwrap()
        .public_key()
        .unwrap()
        .to_pem()
}

fn body_of(pem: &str) -> String {
    pem.lines().filter(|l| !l.starts_with("-----")).collect()
}

/// No run of 12 characters of the secret appears in the message.
fn assert_not_quoted(message: &str, secret: &str) {
    let compact: Vec<char> = secret.chars().filter(|c| !c.is_whitespace()).collect();
    for window in compact.windows(12) {
        let piece: String = window.iter().collect();
        assert!(
            !message.contains(&piece),
            "error message quotes key material: {message}"
        );
    }
}

fn key_error(text: &str) -> alipay_notify::Error {
    Verifier::new(text).expect_err("the key must be refused")
}

#[test]
fn a_private_key_in_place_of_alipays_public_key_is_named_as_such() {
    for text in [PRIVATE_KEY.to_string(), body_of(PRIVATE_KEY)] {
        let err = key_error(&text);
        assert_eq!(err.kind(), ErrorKind::InvalidKey);
        assert!(err.message().contains("private key"), "{}", err.message());
        assert_not_quoted(&err.to_string(), &text);
    }
}

#[test]
fn truncated_keys_say_they_are_cut_off() {
    let base64 = body_of(&public_pem());
    let half = &base64[..base64.len() / 2];
    let err = key_error(half);
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
    assert!(err.message().contains("cut off"), "{}", err.message());
    assert_not_quoted(&err.to_string(), half);

    // Cut at a multiple of four characters, so the base64 itself decodes.
    let quarter = &base64[..(base64.len() / 8) * 4];
    let err = key_error(quarter);
    assert!(err.message().contains("cut off"), "{}", err.message());

    let pem = public_pem();
    let without_end = pem
        .lines()
        .filter(|l| !l.starts_with("-----END"))
        .collect::<Vec<_>>()
        .join("\n");
    let err = key_error(&without_end);
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
    assert!(err.message().contains("cut off"), "{}", err.message());
    assert_not_quoted(&err.to_string(), &without_end);
}

#[test]
fn garbage_is_neither_pem_nor_base64() {
    let err = key_error("this is not a key at all!");
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
    assert!(
        err.message().contains("neither PEM nor base64"),
        "{}",
        err.message()
    );
    assert_eq!(key_error("   ").kind(), ErrorKind::InvalidKey);
}

#[test]
fn accepted_shapes_all_name_the_same_key() {
    let pem = public_pem();
    let crlf = pem.replace('\n', "\r\n");
    let one_line = pem.replace('\n', "");
    let bare = body_of(&pem);
    let fingerprints: Vec<String> = [
        pem.as_str(),
        &crlf,
        &one_line,
        &bare,
        &format!("\n\n  {pem}  \n"),
    ]
    .iter()
    .map(|text| {
        Verifier::new(text)
            .unwrap()
            .public_keys()
            .next()
            .unwrap()
            .fingerprint()
            .to_string()
    })
    .collect();
    assert!(
        fingerprints.windows(2).all(|w| w[0] == w[1]),
        "{fingerprints:?}"
    );
}

#[test]
fn md5_key_never_appears_in_errors_or_debug_output() {
    let secret = "md5-partner-secret-0123456789";
    let verifier = Verifier::builder().md5_key(secret).build().unwrap();
    let err = verifier
        .verify_notify(b"a=1&sign=0123456789abcdef0123456789abcdef&sign_type=MD5")
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidSignature);
    assert!(!err.to_string().contains(secret));
    assert!(!format!("{verifier:?}").contains(secret));
    let signer = alipay_notify::Signer::md5(secret).unwrap();
    assert!(!format!("{signer:?}").contains(secret));
}

#[test]
fn huge_inputs_are_refused_before_any_work() {
    let verifier = Verifier::new(&public_pem()).unwrap();
    let huge = vec![b'a'; 64 * 1024 * 1024];
    assert_eq!(
        verifier.verify_notify(&huge).unwrap_err().kind(),
        ErrorKind::InputTooLarge
    );
    assert_eq!(
        verifier.verify_return(&huge).unwrap_err().kind(),
        ErrorKind::InputTooLarge
    );
}
