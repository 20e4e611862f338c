//! Optional checks of the configured Alipay certificates, once, when the verifier is built:
//! each certificate is inside its validity period and chains (leaf, then intermediates from the
//! same file) to a certificate of Alipay's root bundle, every signature checked with this
//! crate's own RSA code (and SM2 code, for the SM2 chain, in builds with the `sm2` feature). Off by default: the certificates in public test suites have expired,
//! and no official SDK checks them when verifying.

use crate::cert::{certificate_blocks, parse, signature_algorithm, tbs_bytes};
use crate::error::{Error, ErrorKind, Result};
use crate::key_text::invalid;
use crate::keys::PublicKey;
use crate::sign_type::SignType;
use crate::signature_check::prepare;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use x509_cert::Certificate;
use x509_cert::der::Encode;

/// The root bundle and the time to check validity at (now when `None`), as time since the Unix
/// epoch: certificate validity has whole seconds after 1950, and a time before 1970 counts as
/// 1970, before any certificate Alipay issued.
#[derive(Clone)]
pub(crate) struct CertCheck {
    pub(crate) roots: String,
    at: Option<Duration>,
}

/// One parsed certificate with its DER, which holds the exact signed bytes.
struct Cert {
    der: Vec<u8>,
    parsed: Certificate,
}

impl CertCheck {
    pub(crate) fn new(roots: String, at: Option<SystemTime>) -> CertCheck {
        CertCheck {
            roots,
            at: at.map(since_epoch),
        }
    }

    #[cfg(test)]
    pub(crate) fn at_seconds(&self) -> Option<i64> {
        self.at.map(|at| at.as_secs() as i64)
    }

    pub(crate) fn at_unix_seconds(roots: String, seconds: i64) -> CertCheck {
        CertCheck {
            roots,
            at: Some(Duration::from_secs(u64::try_from(seconds).unwrap_or(0))),
        }
    }

    /// Checks every configured key text; `name` gives the name a key has in errors.
    pub(crate) fn check_all(&self, keys: &[String], name: impl Fn(usize) -> String) -> Result<()> {
        let roots = self.roots()?;
        let now = self.at.unwrap_or_else(|| since_epoch(SystemTime::now()));
        for (index, text) in keys.iter().enumerate() {
            check_chain(text, &name(index), &roots, now)?;
        }
        Ok(())
    }

    /// The bundle's certificates, read block by block: one unreadable certificate (an
    /// algorithm or encoding the parser refuses) does not hide the others.
    fn roots(&self) -> Result<Vec<Cert>> {
        let what = "the root certificate file";
        let roots: Vec<Cert> = certificate_blocks(&self.roots, what)?
            .into_iter()
            .filter_map(|der| {
                let parsed = parse(&der, what).ok()?;
                Some(Cert { der, parsed })
            })
            .collect();
        if roots.is_empty() {
            return Err(invalid(
                what,
                "holds no readable certificate; give Alipay's alipayRootCert.crt",
            ));
        }
        Ok(roots)
    }
}

fn since_epoch(at: SystemTime) -> Duration {
    at.duration_since(UNIX_EPOCH).unwrap_or_default()
}

fn check_chain(text: &str, what: &str, roots: &[Cert], now: Duration) -> Result<()> {
    if !text.contains("-----BEGIN CERTIFICATE-----") {
        return Err(untrusted(format!(
            "{what} is a bare public key, not a certificate: it cannot be checked against the \
             root certificates; give alipayCertPublicKey_RSA2.crt, or turn certificate checks off"
        )));
    }
    let chain = certificate_blocks(text, what)?
        .into_iter()
        .enumerate()
        .map(|(index, der)| {
            let parsed = parse(&der, &format!("certificate {} of {what}", index + 1))?;
            Ok(Cert { der, parsed })
        })
        .collect::<Result<Vec<Cert>>>()?;
    let mut current = &chain[0];
    let mut used = vec![0];
    loop {
        check_validity(current, what, now)?;
        let issuer = &current.parsed.tbs_certificate.issuer;
        if let Some(root) = roots
            .iter()
            .find(|r| &r.parsed.tbs_certificate.subject == issuer && signed_by(current, r))
        {
            return check_validity(root, what, now);
        }
        let next = chain.iter().enumerate().find(|(index, c)| {
            !used.contains(index) && &c.parsed.tbs_certificate.subject == issuer
        });
        match next {
            Some((index, intermediate)) if signed_by(current, intermediate) => {
                used.push(index);
                current = intermediate;
            }
            Some(_) => {
                return Err(untrusted(format!(
                    "{what}: the signature of {} does not verify with its issuer's key",
                    describe(current)
                )));
            }
            None => {
                let known_issuer = roots
                    .iter()
                    .any(|r| &r.parsed.tbs_certificate.subject == issuer);
                let why = if known_issuer && signature_type(current).is_none() {
                    format!(
                        "is signed with {}, which this library cannot check",
                        signature_algorithm(&current.der)
                            .map(|oid| oid.to_string())
                            .unwrap_or_default()
                    )
                } else if known_issuer {
                    "does not verify with the root certificate of its issuer".to_string()
                } else {
                    format!(
                        "is issued by {issuer}, which is neither in the same file nor among the \
                         root certificates: keep the file as Alipay issued it (it holds the \
                         intermediate certificate), and give the root bundle of the same \
                         environment (sandbox or production)"
                    )
                };
                return Err(untrusted(format!("{what}: {} {why}", describe(current))));
            }
        }
    }
}

fn check_validity(cert: &Cert, what: &str, now: Duration) -> Result<()> {
    let validity = &cert.parsed.tbs_certificate.validity;
    let (from, until) = (validity.not_before, validity.not_after);
    let problem = if now < from.to_unix_duration() {
        format!("is not valid before {}", from.to_date_time())
    } else if now > until.to_unix_duration() {
        format!(
            "expired on {}; download the current certificate from the Alipay console",
            until.to_date_time()
        )
    } else {
        return Ok(());
    };
    Err(Error::new(
        ErrorKind::CertExpired,
        format!("{what}: {} {problem}", describe(cert)),
    ))
}

/// True when `cert`'s signature verifies with `issuer`'s key.
fn signed_by(cert: &Cert, issuer: &Cert) -> bool {
    let Some(sign_type) = signature_type(cert) else {
        return false;
    };
    let Ok(spki) = issuer
        .parsed
        .tbs_certificate
        .subject_public_key_info
        .to_der()
    else {
        return false;
    };
    let Ok(key) = PublicKey::from_spki_or_pkcs1(&spki, "the issuer's key") else {
        return false;
    };
    if !key.serves(sign_type) {
        return false;
    }
    let (Ok(verifying), Ok(tbs)) = (prepare(&key, sign_type), tbs_bytes(&cert.der)) else {
        return false;
    };
    cert.parsed
        .signature
        .as_bytes()
        .is_some_and(|signature| verifying.verify(tbs, signature))
}

/// The certificate signature algorithm, among those this crate can check: RSA PKCS#1 v1.5 with
/// SHA-256 or SHA-1, and SM3withSM2 (GM/T 0015: the same user id as messages) where built in.
fn signature_type(cert: &Cert) -> Option<SignType> {
    let algorithm = signature_algorithm(&cert.der).ok()?;
    if cfg!(feature = "sm2") && algorithm == crate::sm2::SM3_WITH_SM2 {
        return Some(SignType::Sm2);
    }
    match algorithm.to_string().as_str() {
        "1.2.840.113549.1.1.11" => Some(SignType::Rsa2),
        "1.2.840.113549.1.1.5" => Some(SignType::Rsa),
        _ => None,
    }
}

fn describe(cert: &Cert) -> String {
    format!(
        "the certificate {:?}",
        cert.parsed.tbs_certificate.subject.to_string()
    )
}

fn untrusted(message: String) -> Error {
    Error::new(ErrorKind::CertUntrusted, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHAIN: &str = include_str!("../../tests/vectors/keys/alipay_a.chain.crt.pem");
    const SELF_SIGNED: &str = include_str!("../../tests/vectors/keys/alipay_a.selfsigned.crt.pem");
    const YS_PUBLIC: &str = include_str!("../../tests/vectors/certs/ys_alipayPublicCert.crt");
    const ALIPAY_ROOTS: &str = include_str!("../../tests/vectors/certs/ys_alipayRootCert.crt");

    /// The issuer (second certificate) of the synthetic chain, as a root bundle.
    fn issuer_root() -> String {
        let start = CHAIN.rfind("-----BEGIN CERTIFICATE-----").unwrap();
        CHAIN[start..].to_string()
    }

    fn check(key: &str, roots: &str, unix: u64) -> Result<()> {
        let at = UNIX_EPOCH + Duration::from_secs(unix);
        CertCheck::new(roots.into(), Some(at)).check_all(&[key.into()], |_| "the key".into())
    }

    const Y2025: u64 = 1_735_689_600;

    #[test]
    fn a_chain_to_the_root_passes_inside_its_validity_only() {
        check(CHAIN, &issuer_root(), Y2025).unwrap();
        let expired = check(CHAIN, &issuer_root(), 2_051_222_400).unwrap_err();
        assert_eq!(expired.kind(), ErrorKind::CertExpired);
        assert!(expired.message().contains("expired on 2034"), "{expired}");
        let early = check(CHAIN, &issuer_root(), 1_600_000_000).unwrap_err();
        assert!(early.message().contains("not valid before"), "{early}");
    }

    #[test]
    fn other_chains_are_untrusted_with_the_reason() {
        let err = check(SELF_SIGNED, &issuer_root(), Y2025).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::CertUntrusted);
        assert!(err.message().contains("neither in the same file"), "{err}");
        // The real sandbox leaf verifies with the intermediate in its file; that one's issuer
        // (a test root) is not among Alipay's production roots.
        let err = check(YS_PUBLIC, ALIPAY_ROOTS, 1_701_388_800).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::CertUntrusted);
        assert!(err.message().contains("Authority R1 test"), "{err}");
        let bare = check(
            "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA",
            ALIPAY_ROOTS,
            Y2025,
        );
        assert!(bare.unwrap_err().message().contains("bare public key"));
    }

    #[test]
    fn a_root_file_without_certificates_is_an_invalid_key() {
        let err = check(CHAIN, "not a certificate", Y2025).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidKey);
    }
}
