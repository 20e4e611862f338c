//! OpenAPI v3 responses: arbitrary headers and body. The input is `name: value` lines, an empty
//! line, then the body (scripts/fuzz-seeds.py writes the vectors that way).
#![no_main]

use alipay_notify::V3Headers;
use fuzz_common::fixture;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (head, body) = match data.windows(2).position(|w| w == b"\n\n") {
        Some(at) => (&data[..at], &data[at + 2..]),
        None => (data, &[][..]),
    };
    let head = String::from_utf8_lossy(head);
    let pairs = head
        .lines()
        .map(|line| line.split_once(':').unwrap_or((line, "")))
        .map(|(name, value)| (name.trim(), value.trim()));
    let Ok(headers) = V3Headers::from_pairs(pairs) else {
        return;
    };
    let fx = fixture();
    // A fixed "now" inside the vectors' timestamps: the age check is exercised, not the clock.
    let _ = fx.verifier.verify_v3_at(&headers, body, 1_717_756_911_576);
    if let Ok(verified) = fx.verifier.verify_v3(&headers, body) {
        assert_eq!(verified.body(), body);
    }
});
