//! Reading keys in every shape merchants paste them: bare base64 (as Alipay's console shows
//! them), PEM with any wrapping, PKCS#1, X.509 certificates and chains.

use crate::cert::sn_of;
use crate::error::{Error, ErrorKind, Result};
use crate::key_text::{bare_base64, invalid, pem_block_name, pem_blocks};
use base64::Engine as _;
use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey, EncodeRsaPublicKey};
use rsa::pkcs8::spki::{ObjectIdentifier, SubjectPublicKeyInfoRef};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePublicKey};
use rsa::traits::PublicKeyParts;
use rsa::{RsaPrivateKey, RsaPublicKey};
use sha2::{Digest, Sha256};
use x509_cert::der::Decode;

const RSA_ENCRYPTION: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");

/// The largest RSA key accepted anywhere: public keys, certificates, private keys, signing and
/// [`PrivateKey::generate`]. Alipay's keys have 2048 bits. The limit bounds the work one message
/// can make a verifier do (RSA verification time grows with the square of the key size), and it
/// is the limit of the pure-Rust `rsa` backend, so both backends accept the same keys.
pub const MAX_KEY_BITS: usize = 4096;

/// An RSA public key, parsed once.
#[derive(Clone)]
pub struct PublicKey {
    key: RsaPublicKey,
    #[cfg_attr(not(feature = "aws-lc"), allow(dead_code))]
    pkcs1_der: Vec<u8>,
    fingerprint: String,
    cert_sn: Option<String>,
}

impl PublicKey {
    /// Parses Alipay's public key from any accepted shape. `what` names the key in errors
    /// (for example "key 2"); errors never quote the key itself.
    pub fn parse(text: &str, what: &str) -> Result<PublicKey> {
        let der = public_key_der(text, what)?;
        PublicKey::from_spki_or_pkcs1(&der, what)
    }

    pub(crate) fn from_spki_or_pkcs1(der: &[u8], what: &str) -> Result<PublicKey> {
        let key = if let Ok(spki) = SubjectPublicKeyInfoRef::try_from(der) {
            if spki.algorithm.oid != RSA_ENCRYPTION {
                return Err(invalid(
                    what,
                    &format!(
                        "is a {} public key, not RSA; Alipay signs notifications with RSA",
                        algorithm_name(&spki.algorithm.oid)
                    ),
                ));
            }
            if let Some(bits) = pkcs1_public_modulus_bits(spki.subject_public_key.raw_bytes()) {
                check_size(bits, what)?;
            }
            RsaPublicKey::from_public_key_der(der)
                .map_err(|_| invalid(what, "is a malformed RSA public key"))?
        } else if let Some(bits) = pkcs1_public_modulus_bits(der) {
            check_size(bits, what)?;
            RsaPublicKey::from_pkcs1_der(der)
                .map_err(|_| invalid(what, "is a malformed RSA public key"))?
        } else if let Ok(cert) = x509_cert::Certificate::from_der(der) {
            return PublicKey::from_certificate(&cert, what);
        } else {
            return Err(invalid(what, &describe_unknown_der(der)));
        };
        PublicKey::from_rsa(key, what)
    }

    fn from_certificate(cert: &x509_cert::Certificate, what: &str) -> Result<PublicKey> {
        use x509_cert::der::Encode;
        let spki = cert
            .tbs_certificate
            .subject_public_key_info
            .to_der()
            .map_err(|_| invalid(what, "is a certificate whose public key cannot be read"))?;
        let mut key = PublicKey::from_spki_or_pkcs1(&spki, what)?;
        // Remembered so API responses can pick this key by their `alipay_cert_sn`.
        key.cert_sn = Some(sn_of(cert));
        Ok(key)
    }

    fn from_rsa(key: RsaPublicKey, what: &str) -> Result<PublicKey> {
        check_size(key.n().bits(), what)?;
        let pkcs1_der = key
            .to_pkcs1_der()
            .map_err(|_| invalid(what, "cannot be re-encoded"))?
            .as_bytes()
            .to_vec();
        let spki_der = key
            .to_public_key_der()
            .map_err(|_| invalid(what, "cannot be re-encoded"))?;
        let digest = Sha256::digest(spki_der.as_bytes());
        let fingerprint = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        Ok(PublicKey {
            key,
            pkcs1_der,
            fingerprint,
            cert_sn: None,
        })
    }

    /// The modulus size in bits.
    pub fn bits(&self) -> usize {
        self.key.n().bits()
    }

    /// The key as PEM `PUBLIC KEY` (SubjectPublicKeyInfo).
    pub fn to_pem(&self) -> String {
        self.key
            .to_public_key_pem(rsa::pkcs8::LineEnding::LF)
            .unwrap_or_default()
    }

    /// The key as one line of base64, the way the Alipay console shows public keys.
    pub fn to_base64(&self) -> String {
        let der = self
            .key
            .to_public_key_der()
            .map(|d| d.as_bytes().to_vec())
            .unwrap_or_default();
        base64::engine::general_purpose::STANDARD.encode(der)
    }

    /// The first 16 hex digits of the SHA-256 of the key's SubjectPublicKeyInfo: enough to
    /// tell keys apart in logs, and not secret.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The certificate SN (`alipay_cert_sn`) when the key was read from a certificate (the
    /// first one of a chain): `md5(issuer DN + decimal serial)`, as Alipay computes it.
    pub fn cert_sn(&self) -> Option<&str> {
        self.cert_sn.as_deref()
    }

    #[cfg_attr(not(feature = "aws-lc"), allow(dead_code))]
    pub(crate) fn pkcs1_der(&self) -> &[u8] {
        &self.pkcs1_der
    }

    #[cfg_attr(feature = "aws-lc", allow(dead_code))]
    pub(crate) fn rsa(&self) -> &RsaPublicKey {
        &self.key
    }
}

impl std::fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PublicKey")
            .field("bits", &self.bits())
            .field("fingerprint", &self.fingerprint)
            .field("cert_sn", &self.cert_sn)
            .finish()
    }
}

/// An RSA private key for signing.
#[derive(Clone)]
pub struct PrivateKey {
    key: RsaPrivateKey,
}

impl PrivateKey {
    /// Parses a PKCS#8 (`PRIVATE KEY`) or PKCS#1 (`RSA PRIVATE KEY`) key, PEM or bare base64.
    pub fn parse(text: &str) -> Result<PrivateKey> {
        let what = "the private key";
        let der = match pem_blocks(text, what)? {
            Some(blocks) => {
                let block = blocks
                    .first()
                    .ok_or_else(|| invalid(what, "has no PEM block"))?;
                match block.tag() {
                    "PRIVATE KEY" | "RSA PRIVATE KEY" => block.contents().to_vec(),
                    "ENCRYPTED PRIVATE KEY" => {
                        return Err(invalid(
                            what,
                            "is encrypted; export it without a passphrase",
                        ));
                    }
                    tag if tag.contains("PUBLIC KEY") || tag == "CERTIFICATE" => {
                        return Err(invalid(
                            what,
                            "is a public key or certificate; signing needs the private key",
                        ));
                    }
                    tag => {
                        return Err(invalid(
                            what,
                            &format!("is a {}, not an RSA private key", pem_block_name(tag)),
                        ));
                    }
                }
            }
            None => bare_base64(text, what)?,
        };
        if let Some(bits) = private_modulus_bits(&der) {
            check_size(bits, what)?;
        }
        let key = RsaPrivateKey::from_pkcs8_der(&der)
            .or_else(|_| RsaPrivateKey::from_pkcs1_der(&der))
            .map_err(|_| {
                if SubjectPublicKeyInfoRef::try_from(der.as_slice()).is_ok()
                    || pkcs1_public_modulus_bits(&der).is_some()
                {
                    invalid(what, "is a public key; signing needs the private key")
                } else if is_cut_off(&der) {
                    invalid(
                        what,
                        "decodes from base64 but is cut off: copy the whole key",
                    )
                } else {
                    invalid(what, "is not an RSA private key in PKCS#8 or PKCS#1 form")
                }
            })?;
        Ok(PrivateKey { key })
    }

    /// The modulus size in bits.
    pub fn bits(&self) -> usize {
        self.key.n().bits()
    }

    /// The key as PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`).
    pub fn to_pkcs8_pem(&self) -> Result<String> {
        use rsa::pkcs8::EncodePrivateKey;
        self.key
            .to_pkcs8_pem(rsa::pkcs8::LineEnding::LF)
            .map(|pem| pem.to_string())
            .map_err(|_| Error::new(ErrorKind::Internal, "the private key cannot be encoded"))
    }

    /// The matching public key.
    pub fn public_key(&self) -> Result<PublicKey> {
        PublicKey::from_rsa(self.key.to_public_key(), "the private key's public half")
    }

    pub(crate) fn from_rsa(key: RsaPrivateKey) -> PrivateKey {
        PrivateKey { key }
    }

    pub(crate) fn rsa(&self) -> &RsaPrivateKey {
        &self.key
    }
}

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PrivateKey")
            .field("bits", &self.bits())
            .finish_non_exhaustive()
    }
}

fn check_size(bits: usize, what: &str) -> Result<()> {
    if bits > MAX_KEY_BITS {
        return Err(invalid(
            what,
            &format!(
                "has {bits} bits, over the maximum of {MAX_KEY_BITS}; Alipay's keys have 2048 bits"
            ),
        ));
    }
    Ok(())
}

/// The modulus size of a PKCS#1 `RSAPublicKey`, read from the DER alone: a key over
/// [`MAX_KEY_BITS`] gets its own error before the `rsa` crate, which refuses such keys as
/// merely malformed, sees it.
fn pkcs1_public_modulus_bits(der: &[u8]) -> Option<usize> {
    rsa::pkcs1::RsaPublicKey::from_der(der)
        .ok()
        .map(|key| uint_bits(key.modulus.as_bytes()))
}

/// The modulus size of a PKCS#8 or PKCS#1 private key, read from the DER alone, so an
/// oversized key is refused before any arithmetic on it.
fn private_modulus_bits(der: &[u8]) -> Option<usize> {
    let pkcs1 = match rsa::pkcs8::PrivateKeyInfo::try_from(der) {
        Ok(info) => info.private_key,
        Err(_) => der,
    };
    rsa::pkcs1::RsaPrivateKey::from_der(pkcs1)
        .ok()
        .map(|key| uint_bits(key.modulus.as_bytes()))
}

fn uint_bits(big_endian: &[u8]) -> usize {
    let start = big_endian.iter().position(|&b| b != 0);
    start.map_or(0, |i| {
        (big_endian.len() - i) * 8 - big_endian[i].leading_zeros() as usize
    })
}

/// DER of the first key-bearing PEM block, or of the bare base64 text.
fn public_key_der(text: &str, what: &str) -> Result<Vec<u8>> {
    let Some(blocks) = pem_blocks(text, what)? else {
        let der = bare_base64(text, what)?;
        if looks_private(&der) {
            return Err(private_key_in_place_of_public(what));
        }
        return Ok(der);
    };
    let public_blocks = blocks
        .iter()
        .filter(|b| matches!(b.tag(), "PUBLIC KEY" | "RSA PUBLIC KEY"))
        .count();
    if public_blocks > 1 {
        return Err(invalid(
            what,
            "holds several public keys; pass each key separately (they are all tried)",
        ));
    }
    // A certificate chain lists the leaf first: its key is the one that signs.
    let block = blocks
        .first()
        .ok_or_else(|| invalid(what, "has no PEM block"))?;
    match block.tag() {
        "PUBLIC KEY" | "RSA PUBLIC KEY" | "CERTIFICATE" => Ok(block.contents().to_vec()),
        "PRIVATE KEY" | "RSA PRIVATE KEY" | "ENCRYPTED PRIVATE KEY" => {
            Err(private_key_in_place_of_public(what))
        }
        tag if tag.contains("PRIVATE KEY") => Err(private_key_in_place_of_public(what)),
        tag => Err(invalid(
            what,
            &format!(
                "is a {}; expected PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE",
                pem_block_name(tag)
            ),
        )),
    }
}

fn private_key_in_place_of_public(what: &str) -> Error {
    invalid(
        what,
        "is a private key; the verifier needs Alipay's public key (支付宝公钥) from the Alipay \
         console, never a private key",
    )
}

fn looks_private(der: &[u8]) -> bool {
    RsaPrivateKey::from_pkcs8_der(der).is_ok()
        || RsaPrivateKey::from_pkcs1_der(der).is_ok()
        || rsa::pkcs8::PrivateKeyInfo::try_from(der).is_ok()
}

fn describe_unknown_der(der: &[u8]) -> String {
    if looks_private(der) {
        return "is a private key; the verifier needs Alipay's public key".into();
    }
    if is_cut_off(der) {
        return "decodes from base64 but is cut off: copy the whole key".into();
    }
    "decodes from base64 but is not an RSA public key, PKCS#1 key or certificate".into()
}

/// A DER SEQUENCE that announces more bytes than there are is a key cut short by copy and
/// paste.
fn is_cut_off(der: &[u8]) -> bool {
    header_prefix(der).is_ok_and(|header| {
        let announced = usize::try_from(header.length).unwrap_or(usize::MAX);
        header.tag == x509_cert::der::Tag::Sequence && announced > der.len()
    })
}

/// Reads only the tag and length at the start of `der`.
fn header_prefix(der: &[u8]) -> x509_cert::der::Result<x509_cert::der::Header> {
    use x509_cert::der::Reader;
    let reader = x509_cert::der::SliceReader::new(der)?;
    reader.peek_header()
}

fn algorithm_name(oid: &ObjectIdentifier) -> String {
    match oid.to_string().as_str() {
        "1.2.840.10045.2.1" => "EC".into(),
        "1.2.156.10197.1.301" => "SM2".into(),
        "1.3.101.112" => "Ed25519".into(),
        other => format!("non-RSA ({other})"),
    }
}
