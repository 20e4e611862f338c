//! Diagnosis of an OpenAPI v3 response: its body's exact bytes and the headers that sign them.

use super::catalog;
use super::report::Report;
use super::session::{app_public_keys, lenient};
use super::{DiagnoseOptions, Diagnosis};
use crate::error::{ErrorKind, Result};
use crate::sign_type::SignType;
use crate::v3::V3Headers;
use crate::v3::reencoded::{self, Change};
use crate::v3::response_content;
use crate::verifier::Verifier;
use base64::Engine as _;

/// Diagnoses a v3 response ([`Verifier::diagnose_v3`]).
pub(super) fn run(
    verifier: &Verifier,
    headers: &V3Headers,
    body: &[u8],
    options: &DiagnoseOptions,
) -> Result<Diagnosis> {
    verifier.check_v3_keys()?;
    let app_keys = app_public_keys(options)?;
    let mut report = Report::default();
    report.check_app_keys(verifier, &app_keys);

    let error = verifier.verify_v3(headers, body).err();
    let content = headers
        .timestamp()
        .zip(headers.nonce())
        .map(|(timestamp, nonce)| response_content(timestamp, nonce, body));
    if let Some(err) = &error {
        let (entry, detail) = match err.kind() {
            ErrorKind::InvalidSignature => {
                signature_failure(verifier, headers, body, &mut report);
                if !report.explained()
                    && lenient(verifier)
                        .is_some_and(|v| signature_holds(v.verify_v3(headers, body)))
                {
                    report.found(true, catalog::LEGACY_KEY_OR_TYPE, "");
                }
                return Ok(report.finish(error.as_ref(), content.as_deref()));
            }
            ErrorKind::UnsignedResponse => (catalog::RESPONSE_UNSIGNED, ""),
            ErrorKind::MalformedInput => (catalog::V3_HEADERS_INCOMPLETE, err.message()),
            ErrorKind::InputTooLarge => (catalog::INPUT_TOO_LARGE, err.message()),
            ErrorKind::UnknownCertSn => (catalog::CERT_SN_UNKNOWN, ""),
            _ => return Ok(report.finish(error.as_ref(), content.as_deref())),
        };
        report.found(true, entry, detail);
    }
    Ok(report.finish(error.as_ref(), content.as_deref()))
}

/// Whether the signature verified: a stale response's did, only its age failed.
fn signature_holds<T>(result: Result<T>) -> bool {
    match result {
        Ok(_) => true,
        Err(e) => e.kind() == ErrorKind::StaleResponse,
    }
}

fn signature_failure(verifier: &Verifier, headers: &V3Headers, body: &[u8], report: &mut Report) {
    let signature = headers
        .signature()
        .map(|s| base64::engine::general_purpose::STANDARD.decode(s.trim()));
    let (Some(Ok(signature)), Some(timestamp), Some(nonce)) =
        (signature, headers.timestamp(), headers.nonce())
    else {
        report.found(true, catalog::SIGNATURE_NOT_BASE64, "");
        return;
    };
    // The signature was checked, so the SN picked its keys without error.
    let candidates = verifier.keys_for_sn(headers.cert_sn()).ok().flatten();
    let verifies = |original: &[u8]| {
        verifier
            .verify_raw_content(
                &response_content(timestamp, nonce, original),
                &signature,
                SignType::Rsa2,
                candidates.as_deref(),
            )
            .is_some()
    };
    match reencoded::find(body, verifies) {
        Change::TrailingWhitespace(bytes) => report.found(
            true,
            catalog::BODY_TRAILING_WHITESPACE,
            &format!("{bytes} byte(s)"),
        ),
        Change::Reencoded => report.found(true, catalog::V3_BODY_REENCODED, ""),
        Change::NotAsSent => {
            report.rule_out(catalog::BODY_TRAILING_WHITESPACE.code);
            report.found(false, catalog::V3_BODY_REENCODED, "");
        }
        Change::Unknown => {
            report.rule_out(catalog::BODY_TRAILING_WHITESPACE.code);
            report.rule_out(catalog::V3_BODY_REENCODED.code);
        }
    }
}
