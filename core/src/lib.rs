//! Verify Alipay (支付宝) payment notifications: notify_url POSTs, return_url redirects,
//! app-gateway messages and legacy mapi MD5 messages; and signed OpenAPI responses
//! ([`Verifier::verify_response`]), in key or certificate mode ([`cert_sn`]).
//!
//! ```no_run
//! use alipay_notify::{Verifier, SUCCESS, FAIL};
//!
//! # fn handle(raw_body: &[u8]) -> &'static str {
//! let verifier = Verifier::builder()
//!     .public_key("MIIBIjANBgkqh...")        // 支付宝公钥, as the console shows it
//!     .app_id("2021000000000000")
//!     .build()
//!     .expect("configuration");
//! match verifier.verify_notify(raw_body) {
//!     Ok(notification) => {
//!         // The second step Alipay requires: is this our order, for this amount?
//!         if notification.check_order("order-1", "88.00").is_err() {
//!             return FAIL;
//!         }
//!         if notification.is_paid() { /* mark the order paid, idempotently */ }
//!         SUCCESS
//!     }
//!     Err(_) => FAIL,
//! }
//! # }
//! ```
//!
//! The rules are in `docs/rules.md`; every binding runs the shared vectors in `tests/vectors/`.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod amount;
mod builder;
mod canonical;
mod category;
mod cert;
mod cert_check;
mod charset;
mod crypto;
pub mod diagnose;
mod error;
mod input;
mod key_text;
mod keys;
pub mod legacy;
mod notify;
pub mod options;
mod response;
mod sign_type;
mod signing;
mod time;
mod verifier;

pub use amount::Amount;
pub use builder::{
    DEFAULT_MAX_SIZE, DEFAULT_MIN_KEY_BITS, DEFAULT_SIGN_TYPES, LEGACY_MIN_KEY_BITS,
    VerifierBuilder,
};
pub use canonical::sign_content;
pub use cert::{cert_sn, root_cert_sn};
pub use charset::{Charset, printable_quoted};
pub use crypto::BACKEND;
pub use diagnose::{DiagnoseOptions, Diagnosis, Finding, diagnose};
pub use error::{Category, Error, ErrorGroup, ErrorKind, Result};
pub use input::{PairBudget, RawParams};
pub use keys::{MAX_KEY_BITS, PrivateKey, PublicKey};
pub use notify::{Message, MessageKind, Notification, TradeStatus, Verification};
pub use response::VerifiedResponse;
pub use sign_type::{EmptyValues, MatchedRule, Rule, SignType};
pub use signing::{Signer, SignerOptions};
pub use time::AlipayTime;
pub use verifier::Verifier;

/// The body to answer Alipay with once a notification is handled: exactly these 7 bytes,
/// HTTP 200, no HTML. Anything else makes Alipay retry for about 25 hours.
pub const SUCCESS: &str = "success";

/// The body to answer when verification or handling failed; Alipay will retry.
pub const FAIL: &str = "fail";

/// This library's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
