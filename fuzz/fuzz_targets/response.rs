//! The response extractor: an OpenAPI v2 response body (`<method>_response`, `sign`, and the
//! encrypted form) verified over the raw text of its node, with and without a method.
#![no_main]

use fuzz_common::fixture;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let fx = fixture();
    if let Ok(response) = fx.verifier.verify_response(data, None) {
        // The signed content is a slice of what was received, never text rebuilt from JSON.
        let content = response.signed_content().as_bytes();
        assert!(data.windows(content.len().max(1)).any(|w| w == content));
    }
    let _ = fx
        .verifier
        .verify_response(data, Some("alipay.trade.query"));
    let _ = fx.aes_verifier.verify_response(data, None);
});
