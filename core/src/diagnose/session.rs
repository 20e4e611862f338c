//! One diagnosis in progress: the verifiers it tries, its findings and its budget.

use super::budget::Budget;
use super::catalog;
use super::preview::preview;
use super::printable::{name_list, printable, printable_bytes};
use super::report::{app_key_configured, sha256_hex};
use super::variants::{
    Decoding, decode_partial_base64, first_of_duplicates, form_decode, map_all_values, map_values,
    replace_value, split_pairs, to_params, unescape_html, unwrap_list_value, without,
};
use super::{DiagnoseOptions, Diagnosis, Finding};
use crate::builder::LEGACY_MIN_KEY_BITS;
use crate::canonical::{Ambiguity, Coverage, find_ambiguity, sign_content};
use crate::charset::{Charset, printable_prefix};
use crate::error::{Category, Error, ErrorKind, Result};
use crate::input::RawParams;
use crate::keys::{PrivateKey, PublicKey};
use crate::notify::MessageKind;
use crate::sign_type::{EmptyValues, MatchedRule, Rule, SignType};
use crate::verifier::Verifier;
use base64::Engine as _;

/// The sign types a lenient configuration allows: each one this build verifies with a key.
const LENIENT_SIGN_TYPES: &[SignType] = if cfg!(feature = "sm2") {
    &[SignType::Rsa2, SignType::Rsa, SignType::Sm2]
} else {
    &[SignType::Rsa2, SignType::Rsa]
};

/// Diagnoses `input` with `verifier` ([`Verifier::diagnose`]).
pub(super) fn run(
    verifier: &Verifier,
    input: &[u8],
    options: &DiagnoseOptions,
) -> Result<Diagnosis> {
    let lenient = lenient(verifier);
    let app_keys = app_public_keys(options)?;
    let kind = options.kind.unwrap_or_else(|| MessageKind::guess(input));
    let mut session = Session {
        verifier,
        undone: false,
        lenient: lenient.as_ref(),
        kind,
        findings: Vec::new(),
        ruled_out: Vec::new(),
        budget: Budget::default(),
    };

    if app_key_configured(verifier, &app_keys) {
        session.found(true, catalog::APP_PUBLIC_KEY_CONFIGURED);
    }

    let parsed = match kind {
        MessageKind::Notify => RawParams::from_form(input, verifier.max_size()),
        MessageKind::Return => RawParams::from_query(input, verifier.max_size()),
    };
    // Verified through the session, so that its signed contents are known to fail.
    let as_received = match &parsed {
        Ok(params) => session.check(verifier, params, true),
        Err(err) => Err(err.clone()),
    };
    let error = as_received
        .as_ref()
        .err()
        .map(|e| (e.name().to_string(), printable(e.message())));
    let verified = as_received.is_ok();

    let params = match parsed {
        Ok(params) => params,
        Err(err) => {
            session.diagnose_unparsable(input, &err);
            return Ok(session.finish(verified, error, None));
        }
    };
    let content = sign_content(&params, MatchedRule::V1, EmptyValues::Skipped);

    match &as_received {
        Ok(notification) => session.describe_success(&params, notification),
        Err(err) if err.kind().category() == Category::Business => {
            session.findings.push(business_finding(err));
        }
        Err(err) if err.kind() == ErrorKind::AmbiguousSignedContent => {
            session.found_with(
                true,
                catalog::AMBIGUOUS_SIGNED_CONTENT,
                ambiguity_detail(&params, &verifier.config.embedded_pairs_allowed),
            );
        }
        Err(err) if err.kind() == ErrorKind::InvalidTextEncoding => {
            session.found_with(
                true,
                catalog::CHARSET_DOES_NOT_FIT,
                err.message().to_string(),
            );
        }
        Err(err) => session.diagnose_failure(input, &params, err, &app_keys),
    }
    Ok(session.finish(verified, error, Some(&content)))
}

/// The verifier with everything the configuration might have excluded by mistake allowed: RSA
/// as well as RSA2 (and SM2 where built in), both rules, legacy key sizes.
pub(super) fn lenient(verifier: &Verifier) -> Option<Verifier> {
    verifier
        .config
        .clone()
        .sign_types(LENIENT_SIGN_TYPES.iter().copied())
        .rule(Rule::Auto)
        .min_key_bits(LEGACY_MIN_KEY_BITS)
        .build()
        .ok()
}

pub(super) fn app_public_keys(options: &DiagnoseOptions) -> Result<Vec<PublicKey>> {
    let mut keys = Vec::new();
    for (i, text) in options.app_public_keys.iter().enumerate() {
        keys.push(PublicKey::parse(
            text,
            &format!("app public key {}", i + 1),
        )?);
    }
    if let Some(private) = &options.app_private_key {
        keys.push(PrivateKey::parse(private)?.public_key()?);
    }
    Ok(keys)
}

struct Session<'a> {
    verifier: &'a Verifier,
    /// Set once undoing a corruption made the signature verify.
    undone: bool,
    lenient: Option<&'a Verifier>,
    kind: MessageKind,
    findings: Vec<Finding>,
    ruled_out: Vec<&'static str>,
    budget: Budget,
}

/// Whether a verification result means the signature is authentic (business checks come
/// after the signature, so their errors still mean it verified).
fn signature_holds<T>(result: &Result<T>) -> bool {
    match result {
        Ok(_) => true,
        Err(err) => {
            err.kind().category() == Category::Business
                || err.kind() == ErrorKind::InvalidTextEncoding
                || err.kind() == ErrorKind::AmbiguousSignedContent
        }
    }
}

impl Session<'_> {
    fn found(&mut self, certain: bool, entry: catalog::Entry) {
        self.found_with(certain, entry, String::new());
    }

    fn found_with(&mut self, certain: bool, entry: catalog::Entry, detail: String) {
        if self.findings.iter().any(|f| f.code == entry.code) {
            return;
        }
        self.findings.push(entry.finding(certain, &detail));
    }

    /// True when `variant` verifies with the configured verifier (false once the budget is
    /// spent).
    fn verifies(&mut self, variant: &RawParams) -> bool {
        let verifier = self.verifier;
        self.attempt(verifier, variant, true)
            .is_some_and(|result| signature_holds(&result))
    }

    /// Verifies a candidate with `verifier`, or `None` once the budget is spent.
    /// `configured_keys` when `verifier` has the configured keys (the builder's).
    fn attempt(
        &mut self,
        verifier: &Verifier,
        params: &RawParams,
        configured_keys: bool,
    ) -> Option<Result<crate::Notification>> {
        if !self
            .budget
            .take_candidate(params.len(), params.bytes().len())
        {
            return None;
        }
        Some(self.check(verifier, params, configured_keys))
    }

    /// Verifies `params`, within the RSA budget and skipping contents known to fail.
    fn check(
        &mut self,
        verifier: &Verifier,
        params: &RawParams,
        configured_keys: bool,
    ) -> Result<crate::Notification> {
        let key_sizes: Vec<usize> = verifier
            .public_keys()
            .flat_map(|k| k.signature_lengths())
            .collect();
        let budget = &mut self.budget;
        let result = verifier.verify_params_gated(
            params,
            self.kind,
            &mut |content, signature, sign_type, checks| {
                budget.admit(
                    configured_keys,
                    &key_sizes,
                    content,
                    signature,
                    sign_type,
                    checks,
                )
            },
        );
        let no_match = matches!(&result, Err(e) if e.kind() == ErrorKind::InvalidSignature);
        self.budget.settle(no_match);
        result
    }

    /// Records `entry` as certain when `variant` verifies, else as ruled out.
    fn try_variant(
        &mut self,
        entry: catalog::Entry,
        variant: Option<RawParams>,
        detail: String,
    ) -> bool {
        match variant {
            Some(variant) if self.verifies(&variant) => {
                self.found_with(true, entry, detail);
                self.undone = true;
                true
            }
            _ => {
                self.rule_out(entry.code);
                false
            }
        }
    }

    fn rule_out(&mut self, code: &'static str) {
        // Once the search is cut short, a check that failed may not have run to its end.
        if !self.budget.capped() && !self.ruled_out.contains(&code) {
            self.ruled_out.push(code);
        }
    }

    fn finish(
        mut self,
        verified: bool,
        error: Option<(String, String)>,
        content: Option<&[u8]>,
    ) -> Diagnosis {
        if self.undone {
            // The corruption that was undone also explains these symptoms.
            const SYMPTOMS: &[&str] = &[
                "UNSUPPORTED_CHARSET",
                "SIGNATURE_NOT_BASE64",
                "SIGNATURE_TRUNCATED",
            ];
            self.findings.retain(|f| !SYMPTOMS.contains(&f.code));
        }
        if !verified && !self.findings.iter().any(|f| f.certain) {
            self.found(false, catalog::KEY_OR_CONTENT_UNKNOWN);
        }
        self.findings.sort_by_key(|f| !f.certain);
        Diagnosis {
            verified,
            error,
            findings: self.findings,
            ruled_out: self.ruled_out,
            content_sha256: content.map(sha256_hex),
            content_preview: content.map(preview),
            search_capped: self.budget.capped(),
        }
    }

    fn describe_success(&mut self, params: &RawParams, notification: &crate::Notification) {
        let v = notification.verification();
        if params.get("sign").is_some_and(|s| s.contains(&b' ')) {
            self.found(true, catalog::SIGN_SPACES_REPAIRED);
        }
        if v.rule == MatchedRule::V2 {
            self.found(true, catalog::RULE_V2);
        }
        if v.empty_values == EmptyValues::Kept {
            self.found(true, catalog::EMPTY_VALUES_SIGNED);
        }
    }

    fn diagnose_unparsable(&mut self, input: &[u8], err: &Error) {
        // Nothing past the size limit is read, as by the verifier.
        if err.kind() == ErrorKind::InputTooLarge {
            self.found_with(true, catalog::INPUT_TOO_LARGE, err.message().to_string());
            return;
        }
        let trimmed = input.trim_ascii_start();
        if trimmed.starts_with(b"{") || trimmed.starts_with(b"[") {
            self.found(true, catalog::BODY_IS_JSON);
            return;
        }
        if trimmed.starts_with(b"--")
            || input
                .windows(19)
                .any(|w| w.eq_ignore_ascii_case(b"content-disposition"))
        {
            self.found(true, catalog::BODY_IS_MULTIPART);
            return;
        }
        if err.kind() == ErrorKind::DuplicateParameter {
            self.found_with(
                true,
                catalog::DUPLICATE_PARAMETER,
                err.message().to_string(),
            );
            let first_only =
                to_params(split_pairs(input, Decoding::Once).and_then(first_of_duplicates));
            self.try_variant(catalog::MERGED_QUERY_AND_BODY, first_only, String::new());
            return;
        }
        // A body decoded once already (by a framework, or `urldecode` before the verifier)
        // breaks on a literal `%` or `+`.
        let already_decoded = to_params(split_pairs(input, Decoding::None));
        if self.try_variant(catalog::ALREADY_DECODED, already_decoded, String::new()) {
            return;
        }
        self.found_with(true, catalog::NOT_A_FORM, err.message().to_string());
    }

    fn diagnose_failure(
        &mut self,
        input: &[u8],
        params: &RawParams,
        err: &Error,
        app_keys: &[PublicKey],
    ) {
        match err.kind() {
            ErrorKind::InputTooLarge => {
                self.found_with(true, catalog::INPUT_TOO_LARGE, err.message().to_string());
                return;
            }
            ErrorKind::MissingSignature => {
                self.found(true, catalog::MISSING_SIGNATURE);
                return;
            }
            ErrorKind::UnsupportedCharset => {
                self.found_with(
                    true,
                    catalog::UNSUPPORTED_CHARSET,
                    err.message().to_string(),
                );
            }
            _ => {}
        }

        // Signed by the merchant's own key: a request the merchant built, not a notification.
        for app_key in app_keys {
            if let Ok(own) = Verifier::builder()
                .public_key(app_key.to_pem())
                .sign_types([SignType::Rsa2, SignType::Rsa])
                .min_key_bits(LEGACY_MIN_KEY_BITS)
                .build()
                && self
                    .attempt(&own, params, false)
                    .is_some_and(|result| signature_holds(&result))
            {
                self.found(true, catalog::SIGNED_WITH_APP_KEY);
                return;
            }
        }

        self.check_configuration(params);
        self.check_signature_shape(params);
        self.check_corruptions(input, params);
        self.check_hints(params);
    }

    /// Whether a stricter configuration than needed rejected an authentic message, and which
    /// option: the sign type allowlist, the rule, or the key size.
    fn check_configuration(&mut self, params: &RawParams) {
        let Some(lenient) = self.lenient else { return };
        let holds = self
            .attempt(lenient, params, true)
            .is_some_and(|result| signature_holds(&result));
        if !holds {
            self.rule_out("CONFIGURATION");
            return;
        }
        // A legacy WAP notification names its algorithm in sec_id.
        let declared = match crate::wap::is_wap_message(params) {
            true => crate::wap::sec_id_sign_type(params.get("sec_id").unwrap_or_default()),
            false => params
                .get("sign_type")
                .and_then(SignType::parse_message_value),
        };
        if let Some(sign_type) =
            declared.filter(|t| !self.verifier.allowed_sign_types().contains(t))
        {
            self.found_with(true, catalog::SIGN_TYPE_NOT_ALLOWED, sign_type.to_string());
            return;
        }
        if let Ok(any_rule) = self.verifier.config.clone().rule(Rule::Auto).build()
            && let Some(Ok(notification)) = self.attempt(&any_rule, params, true)
        {
            let entry = match notification.verification().rule {
                MatchedRule::V2 => catalog::RULE_V2_NEEDED,
                MatchedRule::Wap => catalog::WAP_VERIFIED_AS_SORTED,
                _ => catalog::RULE_V1_NEEDED,
            };
            self.found(true, entry);
            return;
        }
        self.found(true, catalog::LEGACY_KEY_OR_TYPE);
    }

    fn check_signature_shape(&mut self, params: &RawParams) {
        let Some(sign) = params.get("sign") else {
            return;
        };
        let is_md5 = params
            .get("sign_type")
            .and_then(SignType::parse_message_value)
            == Some(SignType::Md5)
            || (sign.len() == 32 && sign.iter().all(u8::is_ascii_hexdigit));
        if is_md5 {
            return;
        }
        let text = String::from_utf8_lossy(sign);
        if text.contains("%2B")
            || text.contains("%2F")
            || text.contains("%3D")
            || text.contains("%2b")
        {
            let variant = replace_value(params, "sign", |v| {
                percent_encoding::percent_decode(v).collect()
            });
            self.try_variant(catalog::SIGNATURE_ENCODED_TWICE, variant, String::new());
            return;
        }
        if text.contains('-') || text.contains('_') {
            let variant = replace_value(params, "sign", |v| {
                v.iter()
                    .map(|&b| match b {
                        b'-' => b'+',
                        b'_' => b'/',
                        b => b,
                    })
                    .collect()
            });
            self.try_variant(catalog::SIGNATURE_URL_SAFE, variant, String::new());
            return;
        }
        if text.contains('\n') || text.contains('\r') {
            let variant = replace_value(params, "sign", |v| {
                v.iter()
                    .copied()
                    .filter(|b| !b.is_ascii_whitespace())
                    .collect()
            });
            self.try_variant(catalog::SIGNATURE_LINE_BREAKS, variant, String::new());
            return;
        }
        let repaired = text.replace(' ', "+");
        // A cut signature is long base64 that ends mid-group; a short word ("undefined",
        // "null") that happens to use base64 letters is simply not a signature.
        let strict = base64::engine::general_purpose::STANDARD.decode(&repaired);
        let decoded = match strict {
            Ok(bytes) => Ok(bytes),
            Err(_) if repaired.len() >= 100 => decode_partial_base64(&repaired),
            Err(err) => Err(err),
        };
        let key_bytes = self
            .verifier
            .public_keys()
            .map(|k| *k.signature_lengths().start())
            .max();
        match (decoded, key_bytes) {
            (Ok(bytes), Some(expected)) if bytes.len() < expected => {
                self.found_with(
                    true,
                    catalog::SIGNATURE_TRUNCATED,
                    format!("{} of {expected} bytes", bytes.len()),
                );
            }
            (Err(_), _) => self.found(true, catalog::SIGNATURE_NOT_BASE64),
            _ => self.rule_out("SIGNATURE_SHAPE"),
        }
    }

    fn check_corruptions(&mut self, input: &[u8], params: &RawParams) {
        let html = map_values(params, unescape_html);
        self.try_variant(catalog::HTML_ESCAPED, html, String::new());

        let literal = to_params(split_pairs(input, Decoding::None));
        let percent_only = to_params(split_pairs(input, Decoding::PercentOnly));
        if !self.try_variant(catalog::ALREADY_DECODED, literal, String::new()) {
            self.try_variant(catalog::ALREADY_DECODED, percent_only, String::new());
        }

        let form_decoded_again = map_all_values(params, form_decode);
        if !self.try_variant(catalog::ENCODED_TWICE, form_decoded_again, String::new()) {
            let percent_decoded_again =
                map_all_values(params, |v| percent_encoding::percent_decode(v).collect());
            self.try_variant(catalog::ENCODED_TWICE, percent_decoded_again, String::new());
        }

        let lists = map_all_values(params, unwrap_list_value);
        self.try_variant(catalog::LIST_VALUES, lists, String::new());

        self.check_charsets(params);
        // The searches value by value and parameter by parameter come last: they take what is
        // left of the budget.
        self.check_plus_became_space(params);
        self.check_extra_params(params);
    }

    /// Spaces that were `+`: tried in every value at once, then value by value (other values,
    /// such as times, hold real spaces).
    fn check_plus_became_space(&mut self, params: &RawParams) {
        let to_plus = |v: &[u8]| -> Vec<u8> {
            v.iter()
                .map(|&b| if b == b' ' { b'+' } else { b })
                .collect()
        };
        if let Some(variant) = map_values(params, to_plus)
            && self.verifies(&variant)
        {
            self.found(true, catalog::PLUS_BECAME_SPACE);
            return;
        }
        let mut tried = 0;
        for (name, value) in params.pairs() {
            if name == b"sign" || !value.contains(&b' ') {
                continue;
            }
            if !self.budget.may_search(tried) {
                break;
            }
            tried += 1;
            let target = String::from_utf8_lossy(name).into_owned();
            if let Some(variant) = replace_value(params, &target, to_plus)
                && self.verifies(&variant)
            {
                self.found_with(true, catalog::PLUS_BECAME_SPACE, printable_bytes(name, 64));
                return;
            }
        }
        self.rule_out(catalog::PLUS_BECAME_SPACE.code);
    }

    fn check_charsets(&mut self, params: &RawParams) {
        let declared = match params.get("charset") {
            Some(label) => Charset::from_label(label).ok(),
            None => Some(Charset::Utf8),
        };
        for (from, to) in [(Charset::Utf8, Charset::Gbk), (Charset::Gbk, Charset::Utf8)] {
            let variant = map_values(params, |v| {
                from.decode(v, "value")
                    .ok()
                    .and_then(|text| to.encode(&text, "value").ok())
                    .unwrap_or_else(|| v.to_vec())
            });
            let detail = format!("sent as {}, signed as {}", from.label(), to.label());
            if self.try_variant(catalog::WRONG_CHARSET, variant, detail) {
                return;
            }
        }
        if let Some(charset) = declared
            && params
                .pairs()
                .any(|(_, v)| charset.decode(v, "value").is_err())
        {
            self.found_with(
                false,
                catalog::CHARSET_DOES_NOT_FIT,
                charset.label().to_string(),
            );
        }
    }

    fn check_extra_params(&mut self, params: &RawParams) {
        let candidates: Vec<&[u8]> = params
            .pairs()
            .map(|(name, _)| name)
            .filter(|name| !matches!(*name, b"sign" | b"sign_type" | b"charset"))
            .collect();
        let suspects: Vec<&[u8]> = candidates
            .iter()
            .copied()
            .filter(|n| !catalog::is_known_field(n))
            .collect();
        let mut sets: Vec<Vec<&[u8]>> = Vec::new();
        if !suspects.is_empty() {
            sets.push(suspects.clone());
        }
        // Parameters Alipay does not send are the likely culprits, so they come first (alone,
        // then in pairs) in case the search is cut short.
        if suspects.len() > 1 {
            sets.extend(suspects.iter().map(|n| vec![*n]));
        }
        if suspects.len() <= 8 {
            for (i, a) in suspects.iter().enumerate() {
                for b in &suspects[i + 1..] {
                    sets.push(vec![*a, *b]);
                }
            }
        }
        sets.extend(
            candidates
                .iter()
                .filter(|n| catalog::is_known_field(n))
                .map(|n| vec![*n]),
        );
        for (tried, set) in sets.into_iter().enumerate() {
            if !self.budget.may_search(tried) {
                break;
            }
            let variant = without(params, &set);
            if variant.as_ref().is_some_and(|v| self.verifies(v)) {
                self.found_with(true, catalog::UNSIGNED_EXTRA_PARAMS, name_list(&set));
                return;
            }
        }
        self.rule_out(catalog::UNSIGNED_EXTRA_PARAMS.code);
        if !suspects.is_empty() {
            self.found_with(false, catalog::UNKNOWN_PARAMS_PRESENT, name_list(&suspects));
        }
    }

    fn check_hints(&mut self, params: &RawParams) {
        let has = |needle: &[u8]| {
            params
                .pairs()
                .any(|(_, v)| v.windows(needle.len()).any(|w| w == needle))
        };
        if !self.findings.iter().any(|f| f.certain)
            && (has(b"&quot;") || has(b"&amp;") || has(b"&#34;"))
        {
            self.found(false, catalog::HTML_ESCAPED);
        }
        if let (Some(expected), Some(actual)) =
            (self.verifier.config.app_id.as_deref(), params.get("app_id"))
            && expected.as_bytes() != actual
        {
            self.found_with(
                false,
                catalog::OTHER_APP_MESSAGE,
                printable_bytes(actual, 64),
            );
        }
        if let Some(app_id) = params.get("app_id")
            && (app_id.starts_with(b"9021000") || app_id.starts_with(b"2016"))
        {
            self.found_with(false, catalog::SANDBOX_MESSAGE, printable_bytes(app_id, 64));
        }
    }
}

/// The field whose name or value lets the signed text split another way. Every parameter a
/// rule could sign is searched: the error already says that the one that verified is ambiguous.
fn ambiguity_detail(params: &RawParams, embedded_pairs_allowed: &[String]) -> String {
    let charset = params
        .get("charset")
        .and_then(|label| Charset::from_label(label).ok())
        .unwrap_or(Charset::Utf8);
    let widest = Coverage::new(MatchedRule::V2, EmptyValues::Kept, charset);
    match find_ambiguity(params, widest, embedded_pairs_allowed) {
        Some(Ambiguity::EmbeddedPair { field, embedded }) => format!(
            "{} holds &{}=",
            printable_prefix(&field, 40),
            printable_prefix(&embedded, 40)
        ),
        Some(other) => format!("parameter name {}", printable_prefix(other.field(), 40)),
        None => String::new(),
    }
}

fn business_finding(err: &Error) -> Finding {
    catalog::BUSINESS_MISMATCH.finding(true, &format!("{}: {}", err.name(), err.message()))
}
