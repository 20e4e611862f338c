//! Diagnosis of arbitrary notify bodies, return_url queries and responses: never a panic, never
//! an error for a bad message (only configuration errors are errors), a bounded report.
#![no_main]

use alipay_notify::DiagnoseOptions;
use fuzz_common::fixture;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let fx = fixture();
    let options = DiagnoseOptions::default();
    let diagnosis = fx
        .verifier
        .diagnose(data, &options)
        .expect("a message is never an error");
    assert!(diagnosis.causes().count() <= 64, "an unbounded report");
    let _ = fx.verifier.diagnose_response(data, None, &options);
    let _ = fx.md5_verifier.diagnose(data, &options);
});
