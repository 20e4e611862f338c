//! Diagnosis of a v2 API response (同步响应, plain or `encrypt_type=AES`) and of the
//! mini-program open-data envelope: a handful of RSA checks, each undoing one known mistake.

use super::catalog;
use super::report::Report;
use super::session::{app_public_keys, lenient};
use super::{DiagnoseOptions, Diagnosis};
use crate::error::{Error, ErrorKind, Result};
use crate::response::read_members;
use crate::v3::reencoded::{self, Change};
use crate::verifier::Verifier;

/// Diagnoses `body` ([`Verifier::diagnose_response`]).
pub(super) fn run(
    verifier: &Verifier,
    body: &[u8],
    method: Option<&str>,
    options: &DiagnoseOptions,
) -> Result<Diagnosis> {
    // No key at all is the one configuration error; every other problem is the input's.
    verifier.check_raw_input(0, "the response", "responses")?;
    let app_keys = app_public_keys(options)?;
    let mut report = Report::default();
    report.check_app_keys(verifier, &app_keys);

    // Nothing past the size limit is read, as by the verifiers.
    let envelope = body.len() <= verifier.max_size() && is_open_data(body);
    let verify = |v: &Verifier| match envelope {
        true => v.verify_open_data(body).map(drop),
        false => v.verify_response(body, method).map(drop),
    };
    let error = verify(verifier).err();
    let signed = match envelope {
        true => None,
        false => verifier.signed_node(body).ok(),
    };
    if let Some(err) = &error {
        match err.kind() {
            ErrorKind::InvalidSignature => {
                signature_failure(verifier, body, envelope, signed.as_ref(), &mut report);
                if !report.explained()
                    && lenient(verifier).is_some_and(|v| signature_holds(&verify(&v)))
                {
                    report.found(true, catalog::LEGACY_KEY_OR_TYPE, "");
                }
            }
            _ => structure_finding(err, body, &mut report),
        }
    }
    let content = signed.as_ref().map(|s| s.content.as_bytes());
    Ok(report.finish(error.as_ref(), content))
}

/// A JSON object with a `response` member and no `*_response` one.
fn is_open_data(body: &[u8]) -> bool {
    read_members(body).is_ok_and(|members| {
        members.iter().any(|(key, _)| key == "response")
            && !members.iter().any(|(key, _)| key.ends_with("_response"))
    })
}

/// Whether the signature is authentic even though verification failed: what failed came
/// after it (the method, the decryption).
fn signature_holds(result: &Result<()>) -> bool {
    match result {
        Ok(()) => true,
        Err(err) => matches!(
            err.kind(),
            ErrorKind::MethodMismatch | ErrorKind::DecryptionFailed | ErrorKind::InvalidConfig
        ),
    }
}

fn signature_failure(
    verifier: &Verifier,
    body: &[u8],
    envelope: bool,
    signed: Option<&crate::response::SignedNode>,
    report: &mut Report,
) {
    if envelope {
        match verifier.open_data_signed_unquoted(body) {
            true => report.found(true, catalog::ENCRYPTED_RESPONSE_UNQUOTED, ""),
            false => report.rule_out(catalog::ENCRYPTED_RESPONSE_UNQUOTED.code),
        }
        return;
    }
    // `sign` that is not base64 fails before a node is read for its signature.
    let Some(signed) = signed else {
        report.found(true, catalog::SIGNATURE_NOT_BASE64, "");
        return;
    };
    let shortest_key = verifier
        .public_keys()
        .map(|k| *k.signature_lengths().start())
        .min();
    if let Some(expected) = shortest_key.filter(|&n| signed.signature.len() < n) {
        let detail = format!("{} of {expected} bytes", signed.signature.len());
        report.found(true, catalog::SIGNATURE_TRUNCATED, &detail);
        return;
    }
    let candidates = signed.candidates.as_deref();
    if signed.content.starts_with('"') {
        if verifier.signs_unquoted(&signed.content, &signed.signature, candidates) {
            report.found(true, catalog::ENCRYPTED_RESPONSE_UNQUOTED, "");
            return;
        }
        report.rule_out(catalog::ENCRYPTED_RESPONSE_UNQUOTED.code);
    }
    let verifies = |original: &[u8]| {
        verifier
            .match_raw_content(original, &signed.signature, candidates)
            .is_some()
    };
    match reencoded::find(signed.content.as_bytes(), verifies) {
        Change::Reencoded => report.found(true, catalog::RESPONSE_REENCODED, ""),
        Change::NotAsSent => report.found(false, catalog::RESPONSE_REENCODED, ""),
        Change::TrailingWhitespace(_) | Change::Unknown => {
            report.rule_out(catalog::RESPONSE_REENCODED.code)
        }
    }
}

/// The finding for an error other than a signature that does not verify.
fn structure_finding(err: &Error, body: &[u8], report: &mut Report) {
    let (entry, detail) = match err.kind() {
        ErrorKind::MissingSignature => (catalog::MISSING_SIGNATURE, ""),
        ErrorKind::UnsignedResponse => (catalog::RESPONSE_UNSIGNED, ""),
        ErrorKind::InputTooLarge => (catalog::INPUT_TOO_LARGE, err.message()),
        ErrorKind::DuplicateParameter => (catalog::DUPLICATE_PARAMETER, err.message()),
        ErrorKind::MethodMismatch => (catalog::METHOD_MISMATCH, err.message()),
        ErrorKind::DecryptionFailed | ErrorKind::InvalidConfig => {
            (catalog::AES_KEY_MISMATCH, err.message())
        }
        ErrorKind::UnknownCertSn => (catalog::CERT_SN_UNKNOWN, ""),
        ErrorKind::MalformedInput if looks_like_form(body) => (catalog::BODY_IS_FORM, ""),
        ErrorKind::MalformedInput => (catalog::NOT_A_RESPONSE, err.message()),
        _ => return,
    };
    report.found(true, entry, detail);
}

/// `name=value&…`: a notification or return_url query given where a response was expected.
fn looks_like_form(body: &[u8]) -> bool {
    let trimmed = body.trim_ascii();
    !trimmed.starts_with(b"{")
        && !trimmed.starts_with(b"[")
        && trimmed.contains(&b'=')
        && trimmed
            .split(|&b| b == b'&')
            .all(|pair| pair.contains(&b'='))
}
