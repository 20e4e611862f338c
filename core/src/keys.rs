//! Reading keys in every shape merchants paste them: bare base64 (as Alipay's console shows
//! them), PEM with any wrapping, PKCS#1, X.509 certificates and chains. RSA keys, and SM2 keys
//! (国密) in builds with the `sm2` feature; which sign types a key serves is decided where the
//! sign type is known (the verifier's builder, the signer).

use crate::cert::sn_of;
use crate::error::{Error, ErrorKind, Result};
use crate::key_text::{bare_base64, invalid, pem_block_name, pem_blocks};
use crate::sign_type::SignType;
use base64::Engine as _;
use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey, EncodeRsaPublicKey};
use rsa::pkcs8::spki::{AlgorithmIdentifierRef, ObjectIdentifier, SubjectPublicKeyInfoRef};
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

/// A public key, parsed once: RSA, or SM2 (国密) in builds with the `sm2` feature.
#[derive(Clone)]
pub struct PublicKey {
    key: PublicMaterial,
    fingerprint: String,
    cert_sn: Option<String>,
}

#[derive(Clone)]
enum PublicMaterial {
    Rsa {
        key: RsaPublicKey,
        #[cfg_attr(not(feature = "aws-lc"), allow(dead_code))]
        pkcs1_der: Vec<u8>,
    },
    #[cfg(feature = "sm2")]
    Sm2(crate::sm2::Sm2PublicKey),
}

/// The size of every SM2 key: the curve's 256 bits.
#[cfg(feature = "sm2")]
const SM2_BITS: usize = 256;

impl PublicKey {
    /// Parses Alipay's public key from any accepted shape. `what` names the key in errors
    /// (for example "key 2"); errors never quote the key itself.
    pub fn parse(text: &str, what: &str) -> Result<PublicKey> {
        let der = public_key_der(text, what)?;
        PublicKey::from_spki_or_pkcs1(&der, what)
    }

    pub(crate) fn from_spki_or_pkcs1(der: &[u8], what: &str) -> Result<PublicKey> {
        let key = if let Ok(spki) = SubjectPublicKeyInfoRef::try_from(der) {
            if crate::sm2::is_sm2(&spki.algorithm) {
                return PublicKey::from_sm2_point(spki.subject_public_key.raw_bytes(), what);
            }
            if spki.algorithm.oid != RSA_ENCRYPTION {
                return Err(invalid(
                    what,
                    &format!(
                        "is a {} public key, neither RSA nor SM2; Alipay signs with RSA (or SM2)",
                        algorithm_name(&spki.algorithm)
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
        PublicKey::from_material(PublicMaterial::Rsa { key, pkcs1_der }, what)
    }

    #[cfg(feature = "sm2")]
    fn from_sm2_point(sec1_point: &[u8], what: &str) -> Result<PublicKey> {
        let key = crate::sm2::Sm2PublicKey::from_point(sec1_point).ok_or_else(|| {
            invalid(
                what,
                "is an SM2 public key whose point is not on the SM2 curve (cut off or altered?)",
            )
        })?;
        PublicKey::from_material(PublicMaterial::Sm2(key), what)
    }

    #[cfg(not(feature = "sm2"))]
    fn from_sm2_point(_: &[u8], what: &str) -> Result<PublicKey> {
        Err(crate::sm2::unsupported(
            ErrorKind::InvalidKey,
            &format!("{what} is an SM2 (国密) public key"),
        ))
    }

    fn from_material(key: PublicMaterial, what: &str) -> Result<PublicKey> {
        let spki_der = key
            .spki_der()
            .ok_or_else(|| invalid(what, "cannot be re-encoded"))?;
        let digest = Sha256::digest(&spki_der);
        let fingerprint = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        Ok(PublicKey {
            key,
            fingerprint,
            cert_sn: None,
        })
    }

    /// The key size in bits: an RSA key's modulus size, 256 for an SM2 key.
    pub fn bits(&self) -> usize {
        match &self.key {
            PublicMaterial::Rsa { key, .. } => key.n().bits(),
            #[cfg(feature = "sm2")]
            PublicMaterial::Sm2(_) => SM2_BITS,
        }
    }

    /// `RSA` or `SM2`.
    pub fn algorithm(&self) -> &'static str {
        match &self.key {
            PublicMaterial::Rsa { .. } => "RSA",
            #[cfg(feature = "sm2")]
            PublicMaterial::Sm2(_) => "SM2",
        }
    }

    /// The key as PEM `PUBLIC KEY` (SubjectPublicKeyInfo).
    pub fn to_pem(&self) -> String {
        let der = self.key.spki_der().unwrap_or_default();
        pem::encode_config(
            &pem::Pem::new("PUBLIC KEY", der),
            pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
        )
    }

    /// The key as one line of base64, the way the Alipay console shows public keys.
    pub fn to_base64(&self) -> String {
        let der = self.key.spki_der().unwrap_or_default();
        base64::engine::general_purpose::STANDARD.encode(der)
    }

    /// Whether this key verifies `sign_type` signatures: an RSA key RSA2 and RSA, an SM2 key
    /// SM2.
    pub(crate) fn serves(&self, sign_type: SignType) -> bool {
        match sign_type {
            SignType::Rsa2 | SignType::Rsa => matches!(self.key, PublicMaterial::Rsa { .. }),
            SignType::Sm2 => self.algorithm() == "SM2",
            SignType::Md5 => false,
        }
    }

    /// The lengths a signature by this key can have: an RSA modulus exactly, a DER SM2
    /// signature within its bounds.
    pub(crate) fn signature_lengths(&self) -> std::ops::RangeInclusive<usize> {
        match &self.key {
            PublicMaterial::Rsa { key, .. } => {
                let bytes = key.n().bits().div_ceil(8);
                bytes..=bytes
            }
            #[cfg(feature = "sm2")]
            PublicMaterial::Sm2(_) => crate::sm2::SIGNATURE_LENGTHS,
        }
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

    /// The PKCS#1 DER of an RSA key; `None` for an SM2 key.
    #[cfg_attr(not(feature = "aws-lc"), allow(dead_code))]
    pub(crate) fn pkcs1_der(&self) -> Option<&[u8]> {
        match &self.key {
            PublicMaterial::Rsa { pkcs1_der, .. } => Some(pkcs1_der),
            #[cfg(feature = "sm2")]
            PublicMaterial::Sm2(_) => None,
        }
    }

    /// The RSA key; `None` for an SM2 key.
    #[cfg_attr(feature = "aws-lc", allow(dead_code))]
    pub(crate) fn rsa(&self) -> Option<&RsaPublicKey> {
        match &self.key {
            PublicMaterial::Rsa { key, .. } => Some(key),
            #[cfg(feature = "sm2")]
            PublicMaterial::Sm2(_) => None,
        }
    }

    /// The SM2 key; `None` for an RSA key.
    #[cfg(feature = "sm2")]
    pub(crate) fn sm2(&self) -> Option<&crate::sm2::Sm2PublicKey> {
        match &self.key {
            PublicMaterial::Sm2(key) => Some(key),
            PublicMaterial::Rsa { .. } => None,
        }
    }
}

impl PublicMaterial {
    /// The SubjectPublicKeyInfo DER.
    fn spki_der(&self) -> Option<Vec<u8>> {
        match self {
            PublicMaterial::Rsa { key, .. } => key
                .to_public_key_der()
                .ok()
                .map(|der| der.as_bytes().to_vec()),
            #[cfg(feature = "sm2")]
            PublicMaterial::Sm2(key) => key.spki_der(),
        }
    }
}

impl std::fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PublicKey")
            .field("algorithm", &self.algorithm())
            .field("bits", &self.bits())
            .field("fingerprint", &self.fingerprint)
            .field("cert_sn", &self.cert_sn)
            .finish()
    }
}

/// A private key for signing: RSA, or SM2 (国密) in builds with the `sm2` feature.
#[derive(Clone)]
pub struct PrivateKey {
    key: PrivateMaterial,
}

#[derive(Clone)]
enum PrivateMaterial {
    Rsa(Box<RsaPrivateKey>),
    #[cfg(feature = "sm2")]
    Sm2(crate::sm2::Sm2PrivateKey),
}

impl PrivateKey {
    /// Parses an RSA key in PKCS#8 (`PRIVATE KEY`) or PKCS#1 (`RSA PRIVATE KEY`) form, or an
    /// SM2 key in PKCS#8 form, PEM or bare base64.
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
                    tag @ "EC PRIVATE KEY" => {
                        return Err(sec1_instead_of_pkcs8(what, &pem_block_name(tag)));
                    }
                    tag => {
                        return Err(invalid(
                            what,
                            &format!("is a {}, not a private key", pem_block_name(tag)),
                        ));
                    }
                }
            }
            None => bare_base64(text, what)?,
        };
        if let Some(key) = non_rsa_private_key(&der, what)? {
            return Ok(key);
        }
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
                } else if is_sec1(&der) {
                    sec1_instead_of_pkcs8(what, "SEC1 EC private key")
                } else {
                    invalid(
                        what,
                        "is not an RSA or SM2 private key in PKCS#8 or PKCS#1 form",
                    )
                }
            })?;
        Ok(PrivateKey::from_rsa(key))
    }

    /// The key size in bits: an RSA key's modulus size, 256 for an SM2 key.
    pub fn bits(&self) -> usize {
        match &self.key {
            PrivateMaterial::Rsa(key) => key.n().bits(),
            #[cfg(feature = "sm2")]
            PrivateMaterial::Sm2(_) => SM2_BITS,
        }
    }

    /// `RSA` or `SM2`.
    pub fn algorithm(&self) -> &'static str {
        match &self.key {
            PrivateMaterial::Rsa(_) => "RSA",
            #[cfg(feature = "sm2")]
            PrivateMaterial::Sm2(_) => "SM2",
        }
    }

    /// The key as PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`).
    pub fn to_pkcs8_pem(&self) -> Result<String> {
        use rsa::pkcs8::EncodePrivateKey;
        let pem = match &self.key {
            PrivateMaterial::Rsa(key) => key
                .to_pkcs8_pem(rsa::pkcs8::LineEnding::LF)
                .ok()
                .map(|pem| pem.to_string()),
            #[cfg(feature = "sm2")]
            PrivateMaterial::Sm2(key) => key.to_pkcs8_pem(),
        };
        pem.ok_or_else(|| Error::new(ErrorKind::Internal, "the private key cannot be encoded"))
    }

    /// The matching public key.
    pub fn public_key(&self) -> Result<PublicKey> {
        let what = "the private key's public half";
        match &self.key {
            PrivateMaterial::Rsa(key) => PublicKey::from_rsa(key.to_public_key(), what),
            #[cfg(feature = "sm2")]
            PrivateMaterial::Sm2(key) => {
                PublicKey::from_material(PublicMaterial::Sm2(key.public_key()), what)
            }
        }
    }

    /// Generates a new SM2 key, for tests, demos and sandboxes (Alipay's key tool makes
    /// production keys). Needs the `sm2` feature: without it, [`ErrorKind::InvalidConfig`].
    pub fn generate_sm2() -> Result<PrivateKey> {
        #[cfg(feature = "sm2")]
        return Ok(PrivateKey {
            key: PrivateMaterial::Sm2(crate::sm2::Sm2PrivateKey::generate()),
        });
        #[cfg(not(feature = "sm2"))]
        Err(crate::sm2::unsupported(
            ErrorKind::InvalidConfig,
            "SM2 key generation",
        ))
    }

    pub(crate) fn from_rsa(key: RsaPrivateKey) -> PrivateKey {
        PrivateKey {
            key: PrivateMaterial::Rsa(Box::new(key)),
        }
    }

    /// The RSA key; `None` for an SM2 key.
    pub(crate) fn rsa(&self) -> Option<&RsaPrivateKey> {
        match &self.key {
            PrivateMaterial::Rsa(key) => Some(key.as_ref()),
            #[cfg(feature = "sm2")]
            PrivateMaterial::Sm2(_) => None,
        }
    }

    /// The SM2 key; `None` for an RSA key.
    #[cfg(feature = "sm2")]
    pub(crate) fn sm2(&self) -> Option<&crate::sm2::Sm2PrivateKey> {
        match &self.key {
            PrivateMaterial::Sm2(key) => Some(key),
            PrivateMaterial::Rsa(_) => None,
        }
    }
}

/// An elliptic-curve key as SEC1 `ECPrivateKey` (what `openssl ec` and `openssl pkey
/// -outform DER` write) where PKCS#8 belongs: `form` says how it was recognised.
fn sec1_instead_of_pkcs8(what: &str, form: &str) -> Error {
    invalid(
        what,
        &format!(
            "is a {form}: give the key in PKCS#8 form (PRIVATE KEY), as Alipay's key tool \
             writes SM2 keys; openssl pkcs8 -topk8 -nocrypt converts it"
        ),
    )
}

/// Whether `der` is a SEC1 `ECPrivateKey`: `SEQUENCE { INTEGER 1, OCTET STRING, ... }`.
fn is_sec1(der: &[u8]) -> bool {
    use x509_cert::der::Reader;
    use x509_cert::der::asn1::OctetStringRef;
    let Ok(mut reader) = x509_cert::der::SliceReader::new(der) else {
        return false;
    };
    reader
        .sequence(|inner| {
            let version = u8::decode(inner)?;
            OctetStringRef::decode(inner)?;
            inner.read_slice(inner.remaining_len())?;
            Ok(version == 1)
        })
        .unwrap_or(false)
}

/// A PKCS#8 key that is not RSA: an SM2 key (`None` when the DER is no PKCS#8 SM2 key), or
/// the reason another algorithm is refused.
fn non_rsa_private_key(der: &[u8], what: &str) -> Result<Option<PrivateKey>> {
    let Ok(info) = rsa::pkcs8::PrivateKeyInfo::try_from(der) else {
        return Ok(None);
    };
    if crate::sm2::is_sm2(&info.algorithm) {
        return sm2_private_key(info.private_key, what).map(Some);
    }
    match crate::sm2::curve_name(&info.algorithm) {
        Some(curve) => Err(invalid(
            what,
            &format!("is an {curve} private key, neither RSA nor SM2"),
        )),
        None => Ok(None),
    }
}

#[cfg(feature = "sm2")]
fn sm2_private_key(sec1: &[u8], what: &str) -> Result<PrivateKey> {
    let key = crate::sm2::Sm2PrivateKey::from_sec1(sec1).ok_or_else(|| {
        invalid(
            what,
            "is an SM2 private key that does not parse (cut off, or the public key it carries \
             is not its own)",
        )
    })?;
    Ok(PrivateKey {
        key: PrivateMaterial::Sm2(key),
    })
}

#[cfg(not(feature = "sm2"))]
fn sm2_private_key(_: &[u8], what: &str) -> Result<PrivateKey> {
    Err(crate::sm2::unsupported(
        ErrorKind::InvalidKey,
        &format!("{what} is an SM2 (国密) private key"),
    ))
}

impl std::fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PrivateKey")
            .field("algorithm", &self.algorithm())
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
        || is_sec1(der)
}

fn describe_unknown_der(der: &[u8]) -> String {
    if looks_private(der) {
        return "is a private key; the verifier needs Alipay's public key".into();
    }
    if is_cut_off(der) {
        return "decodes from base64 but is cut off: copy the whole key".into();
    }
    "decodes from base64 but is not a public key (RSA or SM2), PKCS#1 key or certificate".into()
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

fn algorithm_name(algorithm: &AlgorithmIdentifierRef<'_>) -> String {
    if let Some(curve) = crate::sm2::curve_name(algorithm) {
        return curve.into();
    }
    match algorithm.oid.to_string().as_str() {
        "1.3.101.112" => "Ed25519".into(),
        other => format!("non-RSA ({other})"),
    }
}
