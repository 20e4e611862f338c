//! Certificate mode (公钥证书模式): the certificate SNs Alipay computes for `app_cert_sn`,
//! `alipay_cert_sn` and `alipay_root_cert_sn`.
//!
//! SN = lowercase hex `md5(issuer DN + decimal serial number)`, where the issuer DN is written
//! as Java's `X500Principal.getName()` writes it (RFC 2253: last RDN first, short names, no
//! spaces). The official SDKs all reproduce Java's string, so we do too, escaping included.

use crate::error::Result;
use crate::key_text::{invalid, pem_block_name, pem_blocks};
use md5::{Digest, Md5};
use x509_cert::Certificate;
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::der::asn1::ObjectIdentifier;
use x509_cert::der::{Decode, Encode, Header, Reader, SliceReader, Tag, Tagged};
use x509_cert::name::Name;

/// Signature algorithms under PKCS#1 (sha1WithRSA, sha256WithRSA, ...). The root SN counts only
/// certificates signed with one of them, like every official SDK.
const PKCS1_ARC: &str = "1.2.840.113549.1.1.";

/// The SN of the first certificate in a PEM file: the app certificate
/// (`appCertPublicKey_*.crt`, sent as `app_cert_sn`) or Alipay's public certificate
/// (`alipayCertPublicKey_RSA2.crt`, the `alipay_cert_sn` of its responses). A chain's first
/// certificate is its leaf.
pub fn cert_sn(pem: &str) -> Result<String> {
    let what = "the certificate";
    let blocks = certificate_blocks(pem, what)?;
    let cert = parse(&blocks[0], what)?;
    Ok(sn_of(&cert))
}

/// The root SN (`alipay_root_cert_sn`) of Alipay's root bundle (`alipayRootCert.crt`): the SNs
/// of its RSA-signed certificates joined with `_`, in file order. SM2 and ECDSA certificates are
/// skipped, as the SDKs do.
pub fn root_cert_sn(pem: &str) -> Result<String> {
    let what = "the root certificate file";
    let blocks = certificate_blocks(pem, what)?;
    let mut sns = Vec::new();
    for (index, der) in blocks.iter().enumerate() {
        let which = format!("certificate {} of the root certificate file", index + 1);
        // Only the signature algorithm is read before deciding: the bundle's ECDSA certificate
        // carries a NULL parameter that strict parsers refuse, and it is skipped anyway.
        let algorithm =
            signature_algorithm(der).map_err(|_| invalid(&which, "is not a DER certificate"))?;
        if algorithm.to_string().starts_with(PKCS1_ARC) {
            sns.push(sn_of(&parse(der, &which)?));
        }
    }
    if sns.is_empty() {
        return Err(invalid(
            what,
            "holds no RSA-signed certificate; give Alipay's alipayRootCert.crt",
        ));
    }
    Ok(sns.join("_"))
}

/// The SN of a parsed certificate.
pub(crate) fn sn_of(cert: &Certificate) -> String {
    let tbs = &cert.tbs_certificate;
    let text = issuer_dn(&tbs.issuer) + &serial_decimal(tbs.serial_number.as_bytes());
    Md5::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The DER of every PEM block, all of which must be certificates.
pub(crate) fn certificate_blocks(text: &str, what: &str) -> Result<Vec<Vec<u8>>> {
    let Some(blocks) = pem_blocks(text, what)? else {
        return Err(invalid(
            what,
            "is not PEM: give the .crt file as downloaded (-----BEGIN CERTIFICATE-----)",
        ));
    };
    if blocks.is_empty() {
        return Err(invalid(what, "has no PEM block"));
    }
    blocks
        .into_iter()
        .map(|block| match block.tag() {
            "CERTIFICATE" => Ok(block.into_contents()),
            tag if tag.contains("KEY") => Err(invalid(
                what,
                &format!(
                    "holds a {}: a key has no SN, give the certificate",
                    pem_block_name(tag)
                ),
            )),
            tag => Err(invalid(
                what,
                &format!("holds a {}, not a certificate", pem_block_name(tag)),
            )),
        })
        .collect()
}

pub(crate) fn parse(der: &[u8], what: &str) -> Result<Certificate> {
    Certificate::from_der(der).map_err(|_| invalid(what, "is not a readable X.509 certificate"))
}

/// The signature algorithm of a DER certificate, read without parsing the rest.
pub(crate) fn signature_algorithm(der: &[u8]) -> x509_cert::der::Result<ObjectIdentifier> {
    let mut reader = SliceReader::new(der)?;
    Header::decode(&mut reader)?.tag.assert_eq(Tag::Sequence)?;
    reader.tlv_bytes()?;
    Header::decode(&mut reader)?.tag.assert_eq(Tag::Sequence)?;
    ObjectIdentifier::decode(&mut reader)
}

/// The signed part (`tbsCertificate`) of a DER certificate, exactly as received: re-encoding
/// a parsed certificate could differ from what its issuer signed.
pub(crate) fn tbs_bytes(der: &[u8]) -> x509_cert::der::Result<&[u8]> {
    let mut reader = SliceReader::new(der)?;
    Header::decode(&mut reader)?.tag.assert_eq(Tag::Sequence)?;
    reader.tlv_bytes()
}

/// Java's `X500Principal.getName()` (RFC 2253): RDNs last first, joined with `,`; attributes
/// of one RDN joined with `+`.
fn issuer_dn(name: &Name) -> String {
    name.0
        .iter()
        .rev()
        .map(|rdn| {
            rdn.0
                .iter()
                .map(attribute_rfc2253)
                .collect::<Vec<_>>()
                .join("+")
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// `CN=value` for the RFC 2253 short names Java knows; `OID=#hex` (the DER of the value)
/// for any other attribute or a value that is not a string.
fn attribute_rfc2253(attribute: &AttributeTypeAndValue) -> String {
    let oid = attribute.oid.to_string();
    let keyword = match oid.as_str() {
        "2.5.4.3" => Some("CN"),
        "2.5.4.6" => Some("C"),
        "2.5.4.7" => Some("L"),
        "2.5.4.8" => Some("ST"),
        "2.5.4.9" => Some("STREET"),
        "2.5.4.10" => Some("O"),
        "2.5.4.11" => Some("OU"),
        "0.9.2342.19200300.100.1.1" => Some("UID"),
        "0.9.2342.19200300.100.1.25" => Some("DC"),
        _ => None,
    };
    let value = &attribute.value;
    match (keyword, directory_string(value.tag(), value.value())) {
        (Some(keyword), Some(text)) => format!("{keyword}={}", escape_rfc2253(&text)),
        _ => {
            let der = value.to_der().unwrap_or_default();
            let hex: String = der.iter().map(|b| format!("{b:02x}")).collect();
            format!("{oid}=#{hex}")
        }
    }
}

/// The text of a DirectoryString-like value.
fn directory_string(tag: Tag, bytes: &[u8]) -> Option<String> {
    match tag {
        Tag::Utf8String | Tag::PrintableString | Tag::Ia5String | Tag::VisibleString => {
            String::from_utf8(bytes.to_vec()).ok()
        }
        // T.61 in practice holds Latin-1.
        Tag::TeletexString => Some(bytes.iter().map(|&b| char::from(b)).collect()),
        Tag::BmpString => {
            let units: Vec<u16> = bytes
                .chunks(2)
                .map(|pair| Some(u16::from_be_bytes([pair[0], *pair.get(1)?])))
                .collect::<Option<Vec<u16>>>()?;
            String::from_utf16(&units).ok()
        }
        _ => None,
    }
}

/// Java's escaping in `AVA.toRFC2253String`: a backslash before `, = + < > # ; " \`, `\00`
/// for NUL, and a backslash before leading or trailing spaces and carriage returns.
fn escape_rfc2253(value: &str) -> String {
    let mut escaped: Vec<char> = Vec::with_capacity(value.len());
    for c in value.chars() {
        match c {
            ',' | '=' | '+' | '<' | '>' | '#' | ';' | '"' | '\\' => {
                escaped.extend(['\\', c]);
            }
            '\0' => escaped.extend(['\\', '0', '0']),
            c => escaped.push(c),
        }
    }
    let blank = |c: &char| *c == ' ' || *c == '\r';
    let lead = escaped.iter().take_while(|c| blank(c)).count();
    let trail = escaped.iter().rev().take_while(|c| blank(c)).count();
    let mut out = String::with_capacity(escaped.len() + 4);
    for (index, c) in escaped.iter().enumerate() {
        if index < lead || index >= escaped.len() - trail {
            out.push('\\');
        }
        out.push(*c);
    }
    out
}

/// The serial number in decimal, as Java's `BigInteger.toString()`: a non-conforming negative
/// serial keeps its minus sign.
fn serial_decimal(bytes: &[u8]) -> String {
    let value = rsa::BigUint::from_bytes_be(bytes);
    if bytes.first().is_some_and(|b| b & 0x80 != 0) {
        let modulus = rsa::BigUint::from(1u8) << (8 * bytes.len());
        format!("-{}", modulus - value)
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_print_like_java_biginteger() {
        assert_eq!(serial_decimal(&[0x10, 0x01]), "4097");
        assert_eq!(serial_decimal(&[0x00, 0xff]), "255");
        assert_eq!(serial_decimal(&[0xff]), "-1");
        assert_eq!(serial_decimal(&[0x80, 0x00]), "-32768");
    }

    #[test]
    fn values_are_escaped_like_java() {
        assert_eq!(escape_rfc2253("Ant Financial"), "Ant Financial");
        assert_eq!(escape_rfc2253("a,b=c+d"), "a\\,b\\=c\\+d");
        assert_eq!(escape_rfc2253(" x "), "\\ x\\ ");
        assert_eq!(escape_rfc2253("#1"), "\\#1");
    }

    #[test]
    fn bmp_strings_decode() {
        assert_eq!(
            directory_string(Tag::BmpString, &[0x4e, 0x2d, 0x00, 0x41]).as_deref(),
            Some("中A")
        );
        assert_eq!(directory_string(Tag::BmpString, &[0x00]), None);
    }

    #[test]
    fn real_alipay_certificates_have_the_sns_the_sdks_compute() {
        let certs = [
            (
                include_str!("../../tests/vectors/certs/n4_alipayCertPublicKey_RSA2.crt"),
                "7513daaaa48aa3ba2e4018d84402479c",
            ),
            (
                include_str!("../../tests/vectors/certs/n4_appCertPublicKey_2021001161683774.crt"),
                "866efef280dec9137a87d047ac446315",
            ),
            (
                include_str!("../../tests/vectors/certs/ys_alipayCertPublicKey_RSA2.crt"),
                "a359aaadd01ceca03dbc07537da539b9",
            ),
        ];
        for (pem, sn) in certs {
            assert_eq!(cert_sn(pem).unwrap(), sn);
            let key = crate::PublicKey::parse(pem, "the key").unwrap();
            assert_eq!(key.cert_sn(), Some(sn));
        }
        let roots = include_str!("../../tests/vectors/certs/ys_alipayRootCert.crt");
        assert_eq!(
            root_cert_sn(roots).unwrap(),
            "687b59193f3f462dd5336e5abf83c5d8_02941eef3187dddf3d3b83462e1dfcf6"
        );
    }

    #[test]
    fn keys_and_garbage_are_not_certificates() {
        let key = "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n";
        let err = cert_sn(key).unwrap_err();
        assert!(err.message().contains("a key has no SN"), "{err}");
        assert!(cert_sn("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA").is_err());
    }
}
