//! Sign then verify, over parameter sets the fuzzer builds: a set signed with the fixed key
//! verifies to exactly its non-blank pairs (or is refused as ambiguous when a value holds
//! `&name=`), the verified pairs are the one canonical split of their content, any changed
//! signed character is rejected, and a changed body byte either is rejected or changes nothing.
#![no_main]

use fuzz_common::{canonical_split, fixture, form_body, has_second_reading, joined};
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;

/// Characters Alipay's values hold and the form encoding treats specially, CJK, a full-width
/// space and a few control characters.
const ALPHABET: &[char] = &[
    'a', 'Z', '0', '9', ' ', '+', '%', '=', '&', '?', '/', '.', '-', '_', '{', '}', '"', ':', ',',
    '\t', '\n', '测', '试', '￥', '\u{3000}', '\u{a0}', '\u{0}',
];
const CHARSETS: &[&str] = &["utf-8", "GBK", "gb2312", "GB18030", "UTF-8"];

fn name(u: &mut Unstructured) -> Result<String> {
    let len = u.int_in_range(1..=8)?;
    let mut name = String::with_capacity(len);
    for _ in 0..len {
        name.push(*u.choose(&['a', 'b', 'n', 'o', 't', 'y', '_'])?);
    }
    Ok(name)
}

fn value(u: &mut Unstructured) -> Result<String> {
    if u.ratio(1, 4)? {
        let text: String = u.arbitrary()?;
        return Ok(text.chars().take(32).collect());
    }
    let len = u.int_in_range(0..=16)?;
    (0..len).map(|_| u.choose(ALPHABET).copied()).collect()
}

fn run(data: &[u8]) -> Result<()> {
    let mut u = Unstructured::new(data);
    let fx = fixture();
    let mut pairs: Vec<(String, String)> = Vec::new();
    for _ in 0..u.int_in_range(1..=12)? {
        let name = name(&mut u)?;
        if matches!(name.as_str(), "sign" | "sign_type" | "charset")
            || pairs.iter().any(|(n, _)| *n == name)
        {
            continue;
        }
        pairs.push((name, value(&mut u)?));
    }
    if u.ratio(1, 2)? {
        pairs.push(("charset".into(), u.choose(CHARSETS)?.to_string()));
    }
    let v2 = u.ratio(1, 3)?;
    let signer = if v2 { &fx.signer_v2 } else { &fx.signer_v1 };
    // A value the charset cannot encode is the signer's error, not a finding.
    let Ok(body) = signer.signed_form(&pairs) else {
        return Ok(());
    };
    let result = fx.verifier.verify_notify(body.as_bytes());
    if pairs.iter().any(|(_, v)| has_second_reading(v)) {
        let err = result.expect_err("an ambiguous signed content verified");
        assert_eq!(err.name(), "AMBIGUOUS_SIGNED_CONTENT");
        return Ok(());
    }
    let notification = match result {
        Ok(notification) => notification,
        Err(err) => panic!("a signed set did not verify: {err}\nbody: {body}"),
    };
    let mut signed = pairs.clone();
    if v2 {
        signed.push(("sign_type".into(), "RSA2".into()));
    }
    let verified = notification.to_pairs();
    for pair in &verified {
        assert!(
            signed.contains(pair),
            "verified a pair that was not signed: {pair:?}"
        );
    }
    for pair in &signed {
        // Blank is Java's Character.isWhitespace (docs/rules.md), which counts U+001C..U+001F
        // and leaves out U+00A0: only a value with a visible character is surely signed.
        let visible = |c: char| !c.is_whitespace() && !c.is_control();
        if pair.1.chars().any(visible) {
            assert!(
                verified.contains(pair),
                "a signed pair went missing: {pair:?}"
            );
        }
    }
    let mut sorted = verified.clone();
    sorted.sort();
    assert_eq!(canonical_split(&joined(&sorted)), sorted);

    // One signed character changed, the signature kept: rejected.
    let (_, sign) = body
        .rsplit_once("&sign=")
        .expect("the signer writes sign last");
    let at = u.choose_index(verified.len())?;
    let mut tampered = pairs.clone();
    let (name, value) = &verified[at];
    if let Some(slot) = tampered.iter_mut().find(|(n, _)| n == name) {
        let chars: Vec<char> = value.chars().collect();
        let i = u.choose_index(chars.len())?;
        let mut changed = chars.clone();
        changed[i] = if chars[i] == 'x' { 'y' } else { 'x' };
        slot.1 = changed.into_iter().collect();
        if !v2 {
            tampered.push(("sign_type".into(), "RSA2".into()));
        }
        let forged = format!("{}&sign={sign}", form_body(&tampered));
        assert!(
            fx.verifier.verify_notify(forged.as_bytes()).is_err(),
            "a changed signed character verified: {forged}"
        );
    }

    // Any one byte of the body changed: rejected, or the same signed pairs.
    let mut mutated = body.into_bytes();
    let at = u.choose_index(mutated.len())?;
    mutated[at] ^= u.int_in_range(1..=255)?;
    if let Ok(other) = fx.verifier.verify_notify(&mutated) {
        assert_eq!(
            other.to_pairs(),
            verified,
            "a changed byte changed what verified"
        );
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(data);
});
