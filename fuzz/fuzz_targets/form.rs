//! The form/query parser and the canonical split: a notify body and a return_url query of
//! arbitrary bytes, verified with the fixed keys. No panic; and whatever verifies is exactly the
//! canonical split of its own signed content (the re-split rule gives one parameter set).
#![no_main]

use alipay_notify::{EmptyValues, MatchedRule, RawParams, sign_content};
use fuzz_common::{canonical_split, fixture, joined};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let fx = fixture();
    for result in [
        fx.verifier.verify_notify(data),
        fx.verifier.verify_return(data),
        fx.md5_verifier.verify_notify(data),
    ] {
        let Ok(notification) = result else { continue };
        let v = notification.verification();
        // An RSA message under V1 or V2: its signed pairs rebuilt into content must split back
        // into the same pairs. (MD5 and WAP contents are not `k=v&` joins of all pairs.)
        if !matches!(v.rule, MatchedRule::V1 | MatchedRule::V2) {
            continue;
        }
        let mut pairs = notification.to_pairs();
        pairs.sort();
        assert_eq!(
            canonical_split(&joined(&pairs)),
            pairs,
            "a second reading verified"
        );
    }
    if let Ok(params) = RawParams::from_form(data, alipay_notify::DEFAULT_MAX_SIZE) {
        let _ = sign_content(&params, MatchedRule::V1, EmptyValues::Skipped);
    }
});
