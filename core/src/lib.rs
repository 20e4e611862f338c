// The crate page (on the registry and its documentation site) is core/README.md, so its Rust samples run as doc-tests.
#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

// The abuse limits of docs/security.md, asserted.
#[cfg(test)]
mod abuse_tests;
pub mod aes;
mod amount;
mod app_result;
mod builder;
mod canonical;
mod category;
mod cert;
mod cert_check;
mod charset;
mod crypto;
mod decryption;
pub mod diagnose;
mod error;
mod input;
mod key_text;
mod keys;
// The notification ledger's row (docs/ledger.md), issue 13.
mod ledger;
pub mod legacy;
mod notify;
pub mod options;
// Reconciliation (主动查询), issue 13.
mod reconcile;
mod response;
mod sign_type;
mod signature_check;
mod signing;
mod time;
// SM2 (国密), family D of issue 11.
mod sm2;
pub mod v3;
mod verifier;
pub mod wap;

pub use amount::Amount;
pub use app_result::app_result_sign_content;
pub use builder::{
    DEFAULT_MAX_SIZE, DEFAULT_MIN_KEY_BITS, DEFAULT_SIGN_TYPES, LEGACY_MIN_KEY_BITS,
    MAX_PUBLIC_KEYS, VerifierBuilder,
};
pub use canonical::sign_content;
pub use cert::{cert_sn, root_cert_sn};
pub use charset::{Charset, printable_quoted};
pub use crypto::BACKEND;
pub use diagnose::{DiagnoseOptions, Diagnosis, Finding, diagnose};
pub use error::{Category, Error, ErrorGroup, ErrorKind, Result};
pub use input::{MAX_PARAMETERS, PairBudget, RawParams};
pub use keys::{MAX_KEY_BITS, PrivateKey, PublicKey};
pub use ledger::{LedgerEntry, Transition, sha256_hex};
pub use notify::{Message, MessageKind, Notification, TradeStatus, Verification};
pub use reconcile::{TradeMethod, TradeRef, TradeRequest, TradeResult};
pub use response::VerifiedResponse;
pub use sign_type::{EmptyValues, MatchedRule, Rule, SignType};
pub use signing::{Signer, SignerOptions};
pub use time::AlipayTime;
pub use verifier::Verifier;
// OpenAPI v3 signatures (issue 11, family A).
pub use v3::{V3Authorization, V3Headers, V3Request, V3Signer, VerifiedV3Response};

// AES-encrypted content (encrypt_type=AES), open data and 生活号 encrypted biz_content.
pub use aes::{AesKey, OpenData, decrypt};

/// The body to answer Alipay with once a notification is handled: exactly these 7 bytes,
/// HTTP 200, no HTML. Anything else makes Alipay retry for about 25 hours.
pub const SUCCESS: &str = "success";

/// The body to answer when verification or handling failed; Alipay will retry.
pub const FAIL: &str = "fail";

/// This library's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

// The repository's README shows a Rust sample too: run it with the doc-tests. (Behind
// cfg(doctest), so the published crate never reads a file outside its package.)
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct RepositoryReadme;
