//! Shared by the tests: keys and messages from the shared vectors, and handles
//! built through the C ABI itself.

use crate::*;
use serde_json::Value;
use std::ffi::{CStr, c_char};
use std::path::Path;
use std::ptr;

pub fn vectors(file: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/vectors")
        .join(file);
    serde_json::from_str(&std::fs::read_to_string(path).expect("vector file")).expect("JSON")
}

pub fn key(file: &str, id: &str) -> String {
    vectors(file)["keys"][id]
        .as_str()
        .expect("key id")
        .to_string()
}

/// A byte string as the C ABI takes it.
pub fn c(text: &str) -> (*const c_char, usize) {
    (text.as_ptr().cast(), text.len())
}

/// Runs a call that takes `err_out`, returning its status and the error object's code
/// (0 when no error object was produced), and frees the error object.
pub fn run(call: impl FnOnce(*mut *mut alipay_notify_error) -> i32) -> (i32, i32) {
    let mut err = ptr::null_mut();
    let status = call(&mut err);
    let code = if err.is_null() {
        0
    } else {
        // SAFETY: err was produced by the library and is freed once here.
        unsafe {
            let code = alipay_notify_error_code(err);
            alipay_notify_error_free(err);
            code
        }
    };
    (status, code)
}

pub fn ok(call: impl FnOnce(*mut *mut alipay_notify_error) -> i32) {
    let mut err = ptr::null_mut();
    let status = call(&mut err);
    if status != 0 {
        // SAFETY: err was produced by the library.
        let message = unsafe { CStr::from_ptr(alipay_notify_error_message(err)) };
        panic!("status {status}: {message:?}");
    }
}

/// Live handles of every type, freed on drop.
pub struct Fixture {
    pub options: *mut alipay_notify_verifier_options,
    pub verifier: *mut alipay_notify_verifier,
    pub notification: *mut alipay_notify_notification,
    pub response: *mut alipay_notify_response,
    pub params: *mut alipay_notify_params,
    pub signer: *mut alipay_notify_signer,
    pub diagnose_options: *mut alipay_notify_diagnose_options,
    pub body: String,
    pub response_body: String,
    pub public_key: String,
}

impl Fixture {
    pub fn new() -> Fixture {
        let private_key = key("sign.json", "alipay_a_pkcs8_pem");
        let public_key = key("sign.json", "alipay_a_public_pem");
        let responses = vectors("responses.json");
        let response_vector = responses["vectors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["expect"] == "valid" && v["keys"] == serde_json::json!(["alipay_a"]))
            .expect("a valid response vector with alipay_a");
        let response_body = response_vector["input"].as_str().unwrap().to_string();
        let response_key = responses["keys"]["alipay_a"].as_str().unwrap().to_string();
        let mut f = Fixture {
            options: ptr::null_mut(),
            verifier: ptr::null_mut(),
            notification: ptr::null_mut(),
            response: ptr::null_mut(),
            params: ptr::null_mut(),
            signer: ptr::null_mut(),
            diagnose_options: ptr::null_mut(),
            body: String::new(),
            response_body,
            public_key,
        };
        // SAFETY: every pointer passed below is valid for the call.
        unsafe {
            ok(|e| alipay_notify_verifier_options_new(&mut f.options, e));
            let (k, kl) = c(&f.public_key);
            ok(|e| alipay_notify_verifier_options_add_public_key(f.options, k, kl, e));
            let (k, kl) = c(&response_key);
            ok(|e| alipay_notify_verifier_options_add_public_key(f.options, k, kl, e));
            ok(|e| alipay_notify_verifier_build(f.options, &mut f.verifier, e));
            ok(|e| alipay_notify_params_new(&mut f.params, e));
            for (name, value) in [
                ("app_id", "2021000000000000"),
                ("out_trade_no", "T1001"),
                ("total_amount", "88.00"),
                ("trade_status", "TRADE_SUCCESS"),
            ] {
                let ((n, nl), (v, vl)) = (c(name), c(value));
                ok(|e| alipay_notify_params_add(f.params, n, nl, v, vl, e));
            }
            let ((k, kl), (t, tl), (r, rl)) = (c(&private_key), c("RSA2"), c("v1"));
            ok(|e| alipay_notify_signer_new_rsa(k, kl, t, tl, r, rl, &mut f.signer, e));
            let mut form = ptr::null_mut();
            ok(|e| alipay_notify_signer_signed_form(f.signer, f.params, &mut form, e));
            f.body = CStr::from_ptr(form).to_str().unwrap().to_string();
            alipay_notify_string_free(form);
            let (b, bl) = c(&f.body);
            ok(|e| alipay_notify_verifier_verify_notify(f.verifier, b, bl, &mut f.notification, e));
            let (b, bl) = c(&f.response_body);
            let null = ptr::null();
            ok(|e| {
                alipay_notify_verifier_verify_response(
                    f.verifier,
                    b,
                    bl,
                    null,
                    0,
                    &mut f.response,
                    e,
                )
            });
            ok(|e| alipay_notify_diagnose_options_new(&mut f.diagnose_options, e));
        }
        f
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        // SAFETY: each handle came from the library and is freed once.
        unsafe {
            alipay_notify_verifier_options_free(self.options);
            alipay_notify_verifier_free(self.verifier);
            alipay_notify_notification_free(self.notification);
            alipay_notify_response_free(self.response);
            alipay_notify_params_free(self.params);
            alipay_notify_signer_free(self.signer);
            alipay_notify_diagnose_options_free(self.diagnose_options);
        }
    }
}
