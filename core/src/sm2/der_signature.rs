//! SM2 signatures as the SDKs write them: DER `SEQUENCE { r INTEGER, s INTEGER }` (BouncyCastle's
//! `StandardDSAEncoding`, which also refuses any other encoding of the same numbers when it
//! verifies: BER lengths, padded or negative integers, bytes after the sequence).

use ::sm2::FieldBytes;
use ::sm2::dsa::Signature;
use x509_cert::der::asn1::{SequenceOf, UintRef};
use x509_cert::der::{Decode, Encode};

/// The signature a DER text encodes; `None` for any other bytes, and for `r` or `s` outside
/// `1..n`.
pub(super) fn decode(der: &[u8]) -> Option<Signature> {
    let numbers = SequenceOf::<UintRef<'_>, 2>::from_der(der).ok()?;
    if numbers.len() != 2 {
        return None;
    }
    let r = field_bytes(numbers.get(0)?)?;
    let s = field_bytes(numbers.get(1)?)?;
    Signature::from_scalars(r, s).ok()
}

/// The DER text of a signature.
pub(super) fn encode(signature: &Signature) -> Option<Vec<u8>> {
    let (r, s) = (signature.r_bytes(), signature.s_bytes());
    let mut numbers = SequenceOf::<UintRef<'_>, 2>::new();
    numbers.add(UintRef::new(&r).ok()?).ok()?;
    numbers.add(UintRef::new(&s).ok()?).ok()?;
    numbers.to_der().ok()
}

/// A 32-byte big-endian number, from an INTEGER of at most 32 significant bytes.
fn field_bytes(number: &UintRef<'_>) -> Option<FieldBytes> {
    let bytes = number.as_bytes();
    let mut out = FieldBytes::default();
    let start = out.len().checked_sub(bytes.len())?;
    out[start..].copy_from_slice(bytes);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// r and s of a signature made by `openssl pkeyutl -sign -rawin -digest sm3`.
    const OPENSSL: &str = "30460221009c39433cd2d43bd6bb2b5d42c4e6a48f8897c3e1043fc2269d49e780a7c4b1d8\
                           022100a01e1388d1b74ca47ca5458d6ba306c97864eb12618a10b10b452110935a4a22";

    fn hex(text: &str) -> Vec<u8> {
        let digits: Vec<u8> = text.bytes().filter(u8::is_ascii_hexdigit).collect();
        digits
            .chunks(2)
            .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).unwrap(), 16).unwrap())
            .collect()
    }

    #[test]
    fn der_round_trips_exactly() {
        let der = hex(OPENSSL);
        let signature = decode(&der).expect("a DER signature");
        assert_eq!(encode(&signature).unwrap(), der);
    }

    #[test]
    fn every_other_encoding_of_the_same_numbers_is_refused() {
        let der = hex(OPENSSL);
        let mut trailing = der.clone();
        trailing.push(0);
        let mut long_length = vec![0x30, 0x81, 0x46];
        long_length.extend_from_slice(&der[2..]);
        let mut three = der.clone();
        three[1] += 3;
        three.extend_from_slice(&[0x02, 0x01, 0x01]);
        // r without its 0x00: a negative number.
        let mut negative = vec![0x30, 0x45, 0x02, 0x20];
        negative.extend_from_slice(&der[5..]);
        for bad in [
            trailing,
            long_length,
            three,
            negative,
            der[..der.len() - 1].to_vec(),
        ] {
            assert!(decode(&bad).is_none(), "{bad:02x?}");
        }
    }

    #[test]
    fn zero_and_numbers_of_the_order_or_longer_are_refused() {
        let zero_r = hex(
            "3026 020100 022100a01e1388d1b74ca47ca5458d6ba306c97864eb12618a10b10b452110935a4a22",
        );
        // r = n, the group order.
        let order_r = hex(
            "3046 022100fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123\
             022100a01e1388d1b74ca47ca5458d6ba306c97864eb12618a10b10b452110935a4a22",
        );
        let long_r = hex(
            "3047 02220100fffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d541\
             022100a01e1388d1b74ca47ca5458d6ba306c97864eb12618a10b10b452110935a4a22",
        );
        for bad in [zero_r, order_r, long_r] {
            assert!(decode(&bad).is_none(), "{bad:02x?}");
        }
    }
}
