//! Legacy paths: WAP notifications (`notify_data` XML, MD5 or 1024-bit RSA) and app results
//! (`mobile.securitypay.pay`'s quoted `result` string).
#![no_main]

use fuzz_common::fixture;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let fx = fixture();
    let _ = fx.md5_verifier.verify_notify(data);
    let _ = fx.legacy_verifier.verify_notify(data);
    let _ = fx.legacy_verifier.verify_app_result(data);
    if let Some(content) = alipay_notify::app_result_sign_content(data) {
        assert!(data.starts_with(content));
    }
});
