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

/// Quotes and `\n` escapes are what copying a key out of JSON, YAML or a .env file leaves.
#[test]
fn keys_copied_from_a_config_file_name_the_mistake() {
    let pem = public_pem();
    let body = body_of(&pem);
    for (text, word) in [
        (format!("\"{}\"", pem.trim()), "quotes"),
        (format!("'{body}'"), "quotes"),
        (format!("  \u{201c}{body}\u{201d}\n"), "quotes"),
        (pem.trim().replace('\n', "\\n"), "\\n escapes"),
        (pem.replace('\n', "\\r\\n"), "\\n escapes"),
    ] {
        let err = key_error(&text);
        assert_eq!(err.kind(), ErrorKind::InvalidKey);
        assert!(err.message().contains(word), "{}", err.message());
        assert_not_quoted(&err.to_string(), &text);

        let private = if text.contains("\\n") {
            PRIVATE_KEY.trim().replace('\n', "\\n")
        } else {
            format!("\"{}\"", PRIVATE_KEY.trim())
        };
        let err = PrivateKey::parse(&private).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey);
        assert!(err.message().contains(word), "{}", err.message());
        assert_not_quoted(&err.to_string(), &private);
    }
    let err = alipay_notify::cert_sn(&format!("'{}'", pem.trim())).unwrap_err();
    assert!(err.message().contains("quotes"), "{}", err.message());
}

#[test]
fn pem_labels_that_are_not_labels_are_not_repeated() {
    let body = body_of(&public_pem());
    let label = &body[..40];
    let text = format!("-----BEGIN {label}-----\n{body}\n-----END {label}-----\n");
    for err in [
        key_error(&text),
        PrivateKey::parse(&text).unwrap_err(),
        alipay_notify::cert_sn(&text).unwrap_err(),
    ] {
        assert_eq!(err.kind(), ErrorKind::InvalidKey);
        assert!(err.message().contains("unusual label"), "{}", err.message());
        assert_not_quoted(&err.to_string(), &text);
    }
    // A real label is named: it tells which file was given.
    let ec = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n";
    let err = PrivateKey::parse(ec).unwrap_err();
    assert!(err.message().contains("\"EC PRIVATE KEY\""), "{err}");
    assert!(
        key_error(ec).message().contains("private key"),
        "{}",
        key_error(ec)
    );
}

#[test]
fn a_private_key_is_cut_off_when_its_der_announces_more_bytes() {
    let body = body_of(PRIVATE_KEY);
    let cut = &body[..(body.len() / 8) * 4];
    let err = PrivateKey::parse(cut).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
    assert!(err.message().contains("cut off"), "{}", err.message());
}

/// A syntactically valid RSA public key of `bits` bits: the modulus size is what is checked, so
/// it needs no primes behind it.
fn public_key_of_size(bits: usize) -> rsa::RsaPublicKey {
    let mut modulus = vec![0xc5u8; bits.div_ceil(8)];
    let top = (bits - 1) % 8;
    modulus[0] = (1 << top) | (0xc5 & ((1u8 << top) - 1));
    *modulus.last_mut().unwrap() |= 1;
    let n = rsa::BigUint::from_bytes_be(&modulus);
    assert_eq!(n.bits(), bits);
    rsa::RsaPublicKey::new_with_max_size(n, rsa::BigUint::from(65537u32), 16384).unwrap()
}

fn assert_over_the_maximum(err: &alipay_notify::Error, bits: usize) {
    assert_eq!(err.kind(), ErrorKind::InvalidKey, "{err}");
    assert!(
        err.message().contains(&format!("{bits} bits"))
            && err
                .message()
                .contains(&alipay_notify::MAX_KEY_BITS.to_string()),
        "{err}"
    );
}

#[test]
fn public_keys_over_the_maximum_size_say_so() {
    use rsa::pkcs1::EncodeRsaPublicKey;
    use rsa::pkcs8::{EncodePublicKey, LineEnding};
    assert_eq!(alipay_notify::MAX_KEY_BITS, 4096);
    for bits in [4097, 8192] {
        let key = public_key_of_size(bits);
        let spki = key.to_public_key_pem(LineEnding::LF).unwrap();
        let pkcs1 = key.to_pkcs1_pem(LineEnding::LF).unwrap();
        for text in [spki.clone(), body_of(&spki), pkcs1.clone(), body_of(&pkcs1)] {
            assert_over_the_maximum(&key_error(&text), bits);
        }
    }
    // Exactly the maximum is a key like any other (signature checks: the shared vectors).
    let key = public_key_of_size(4096);
    let spki = rsa::pkcs8::EncodePublicKey::to_public_key_pem(&key, LineEnding::LF).unwrap();
    assert_eq!(
        Verifier::new(&spki)
            .unwrap()
            .public_keys()
            .next()
            .unwrap()
            .bits(),
        4096
    );
}

#[test]
fn private_keys_over_the_maximum_size_say_so() {
    use rsa::pkcs1::der::Encode;
    use rsa::pkcs1::der::asn1::UintRef;
    use rsa::traits::PublicKeyParts;
    // Only the modulus is read before the size is refused: the other numbers need not fit.
    let modulus = public_key_of_size(8192).n().to_bytes_be();
    let one = [1u8];
    let pkcs1 = rsa::pkcs1::RsaPrivateKey {
        modulus: UintRef::new(&modulus).unwrap(),
        public_exponent: UintRef::new(&[1, 0, 1]).unwrap(),
        private_exponent: UintRef::new(&one).unwrap(),
        prime1: UintRef::new(&one).unwrap(),
        prime2: UintRef::new(&one).unwrap(),
        exponent1: UintRef::new(&one).unwrap(),
        exponent2: UintRef::new(&one).unwrap(),
        coefficient: UintRef::new(&one).unwrap(),
        other_prime_infos: None,
    }
    .to_der()
    .unwrap();
    let pkcs1_pem = pem_of("RSA PRIVATE KEY", &pkcs1);
    assert_over_the_maximum(&PrivateKey::parse(&pkcs1_pem).unwrap_err(), 8192);
    let info = rsa::pkcs8::PrivateKeyInfo::new(rsa::pkcs1::ALGORITHM_ID, &pkcs1);
    let pkcs8 = info.to_der().unwrap();
    assert_over_the_maximum(
        &PrivateKey::parse(&pem_of("PRIVATE KEY", &pkcs8)).unwrap_err(),
        8192,
    );
    let err = alipay_notify::Signer::rsa(
        &pem_of("PRIVATE KEY", &pkcs8),
        alipay_notify::SignType::Rsa2,
        alipay_notify::Rule::V1,
    )
    .unwrap_err();
    assert_over_the_maximum(&err, 8192);
}

fn pem_of(label: &str, der: &[u8]) -> String {
    use base64::Engine as _;
    let body = base64::engine::general_purpose::STANDARD.encode(der);
    let lines: Vec<&str> = body
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        lines.join("\n")
    )
}

#[test]
fn key_generation_stops_at_the_maximum_size() {
    let err = PrivateKey::generate(8192).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidConfig);
    assert!(
        err.message().contains("8192") && err.message().contains("4096"),
        "{err}"
    );
    assert_eq!(
        PrivateKey::generate(512).unwrap_err().kind(),
        ErrorKind::InvalidConfig
    );
}

/// The README's error table lists every kind with its code, group and category, as the core
/// has them: the bindings document the groups by linking to it.
#[test]
fn the_readme_error_table_is_the_core_table() {
    let readme = include_str!("../../README.md");
    let rows: Vec<Vec<&str>> = readme
        .lines()
        .filter(|line| line.starts_with("| ") && line.contains(" | `"))
        .map(|line| {
            line.split(" | ")
                .map(|cell| cell.trim_matches(['|', ' ', '`']))
                .collect()
        })
        .filter(|cells: &Vec<&str>| cells[0].parse::<i32>().is_ok())
        .collect();
    let table: Vec<(i32, &str, &str, &str)> = rows
        .iter()
        .map(|cells| (cells[0].parse().unwrap(), cells[1], cells[2], cells[3]))
        .collect();
    let core: Vec<(i32, &str, &str, &str)> = ErrorKind::ALL
        .iter()
        .map(|kind| {
            let (group, who) = (kind.group().name(), kind.category().name());
            (kind.code(), kind.name(), group, who)
        })
        .collect();
    assert_eq!(table, core);
}
