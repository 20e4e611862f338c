//! The re-split rule: whoever holds a genuine message can cut its signed text into other
//! parameters that sign the same bytes. Of all those readings, only the canonical split may
//! verify, so one signed content never yields two parameter sets.
#![no_main]

use fuzz_common::{canonical_split, fixture, form_body, joined};
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;

const VALUE: &[char] = &['a', 'b', '1', '&', '=', '_', '.', ' ', '%'];

fn run(data: &[u8]) -> Result<()> {
    let mut u = Unstructured::new(data);
    let mut pairs: Vec<(String, String)> = Vec::new();
    for _ in 0..u.int_in_range(1..=5)? {
        let len = u.int_in_range(1..=4)?;
        let name: String = (0..len)
            .map(|_| u.choose(&['a', 'b', 'c', '_']).copied())
            .collect::<Result<_>>()?;
        if name == "sign" || pairs.iter().any(|(n, _)| *n == name) {
            continue;
        }
        let len = u.int_in_range(1..=12)?;
        let value: String = (0..len)
            .map(|_| u.choose(VALUE).copied())
            .collect::<Result<_>>()?;
        if value.trim().is_empty() {
            continue;
        }
        pairs.push((name, value));
    }
    if pairs.is_empty() {
        return Ok(());
    }
    let fx = fixture();
    let Ok(body) = fx.signer_v1.signed_form(&pairs) else {
        return Ok(());
    };
    let (_, sign) = body
        .rsplit_once("&sign=")
        .expect("the signer writes sign last");
    let content = joined(&pairs);
    // Cut the content at the `&`s the fuzzer picks, each piece at its first `=`.
    let mut reading: Vec<(String, String)> = Vec::new();
    let mut piece = String::new();
    for (i, part) in content.split('&').enumerate() {
        if i > 0 {
            if u.arbitrary()? {
                reading.push(split(&piece));
                piece.clear();
            } else {
                piece.push('&');
            }
        }
        piece.push_str(part);
    }
    reading.push(split(&piece));
    reading.push(("sign_type".into(), "RSA2".into()));
    let forged = format!("{}&sign={sign}", form_body(&reading));
    if let Ok(notification) = fx.verifier.verify_notify(forged.as_bytes()) {
        // Blank pieces count when the empty-value policy that verified keeps them: either way
        // the verified set must be the canonical split of the original content, all of it.
        let mut verified = notification.to_pairs();
        verified.sort();
        assert_eq!(
            joined(&verified),
            content,
            "other content verified: {forged}"
        );
        assert_eq!(
            canonical_split(&content),
            verified,
            "a second reading verified: {forged}"
        );
    }
    Ok(())
}

fn split(piece: &str) -> (String, String) {
    let (name, value) = piece.split_once('=').unwrap_or((piece, ""));
    (name.to_string(), value.to_string())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(data);
});
