//! The builder methods bindings call one option at a time: sign types added one by one, and
//! the certificate check time in Unix seconds.

use alipay_notify::{ErrorKind, PrivateKey, SignType, Verifier};
use std::time::{Duration, UNIX_EPOCH};

/// Throwaway test keys and certificates from the shared vectors: they protect nothing.
const ALIPAY_A: &str = include_str!("../../tests/vectors/keys/alipay_a.key.pem");
const CHAIN: &str = include_str!("../../tests/vectors/keys/alipay_a.chain.crt.pem");

fn public_pem() -> String {
    PrivateKey::parse(ALIPAY_A)
        .unwrap()
        .public_key()
        .unwrap()
        .to_pem()
}

fn accepted(
    build: impl FnOnce(alipay_notify::VerifierBuilder) -> alipay_notify::VerifierBuilder,
) -> Vec<SignType> {
    let builder = build(Verifier::builder().public_key(public_pem()));
    builder.build().unwrap().allowed_sign_types().to_vec()
}

#[test]
fn the_first_sign_type_added_replaces_the_default() {
    use SignType::{Rsa, Rsa2};
    assert_eq!(accepted(|b| b), [Rsa2]);
    assert_eq!(accepted(|b| b.add_sign_type(Rsa)), [Rsa]);
    assert_eq!(
        accepted(|b| b.add_sign_type(Rsa).add_sign_type(Rsa2)),
        [Rsa, Rsa2]
    );
    assert_eq!(
        accepted(|b| b.add_sign_type(Rsa2).add_sign_type(Rsa2)),
        [Rsa2]
    );
    // After a list, adding extends it; after adding, a list replaces everything.
    assert_eq!(
        accepted(|b| b.sign_types([Rsa]).add_sign_type(Rsa2)),
        [Rsa, Rsa2]
    );
    assert_eq!(
        accepted(|b| b.add_sign_type(Rsa).sign_types([Rsa2])),
        [Rsa2]
    );
    assert_eq!(accepted(|b| b.sign_types([]).add_sign_type(Rsa)), [Rsa]);
}

#[test]
fn md5_alone_as_the_first_sign_type_leaves_no_rsa_type() {
    // MD5 is allowed by an MD5 key, not by the list: as the first type added it still replaces
    // the default, so the RSA keys have no sign type left (as the C API always did).
    let err = Verifier::builder()
        .public_key(public_pem())
        .add_sign_type(SignType::Md5)
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidConfig);
    assert!(err.message().contains("no sign type for them"), "{err}");
    let verifier = Verifier::builder()
        .md5_key("partner-key")
        .add_sign_type(SignType::Md5)
        .build()
        .unwrap();
    assert_eq!(verifier.allowed_sign_types(), [SignType::Md5]);
}

/// The issuer (second certificate) of the synthetic chain, as a root bundle.
fn issuer_root() -> &'static str {
    &CHAIN[CHAIN.rfind("-----BEGIN CERTIFICATE-----").unwrap()..]
}

/// The outcome of checking the chain at `unix_seconds`, through the Unix-seconds method.
fn checked_at_unix(unix_seconds: i64) -> Result<(), ErrorKind> {
    Verifier::builder()
        .public_key(CHAIN)
        .check_certificates_at_unix(issuer_root(), unix_seconds)
        .build()
        .map(drop)
        .map_err(|e| e.kind())
}

#[test]
fn certificates_are_checked_at_a_time_in_unix_seconds() {
    const Y2025: i64 = 1_735_689_600;
    assert_eq!(checked_at_unix(Y2025), Ok(()));
    assert_eq!(checked_at_unix(2_051_222_400), Err(ErrorKind::CertExpired));
    assert_eq!(checked_at_unix(1_600_000_000), Err(ErrorKind::CertExpired));
    // Out-of-range times need no conversion by the caller and cannot fail to convert: before
    // 1970 nothing was valid yet, and the far future is past every expiry.
    for extreme in [-1, i64::MIN, i64::MAX] {
        assert_eq!(
            checked_at_unix(extreme),
            Err(ErrorKind::CertExpired),
            "{extreme}"
        );
    }
    // The same outcome as at the same SystemTime.
    for seconds in [Y2025, 2_051_222_400, 1_600_000_000] {
        let at = UNIX_EPOCH + Duration::from_secs(seconds as u64);
        let with_system_time = Verifier::builder()
            .public_key(CHAIN)
            .check_certificates_at(issuer_root(), at)
            .build()
            .map(drop)
            .map_err(|e| e.kind());
        assert_eq!(with_system_time, checked_at_unix(seconds), "{seconds}");
    }
}
