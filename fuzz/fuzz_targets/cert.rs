//! Certificate parsing: the serial numbers Alipay's certificate mode compares (`alipay_cert_sn`,
//! `alipay_root_cert_sn`) and a verifier in certificate mode, over arbitrary text.
#![no_main]

use alipay_notify::{Verifier, cert_sn, root_cert_sn};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(sn) = cert_sn(&text) {
        assert!(!sn.is_empty());
    }
    let _ = root_cert_sn(&text);
    let _ = Verifier::builder()
        .public_key(text.as_ref())
        .check_certificates(text.as_ref())
        .build();
});
