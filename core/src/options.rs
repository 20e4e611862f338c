//! The options of a verifier, of a diagnosis and of a signer, named once for every language.
//!
//! A merchant who moves from the PHP extension to the Python wheel, or reads the logs of both,
//! must find the same option under the same name. These tables are that name: Python and PHP
//! spell it in snake_case ([`OptionSpec::name`]), Node in camelCase
//! ([`OptionSpec::camel_case`]), the command line as `--kebab-case`
//! ([`OptionSpec::kebab_case`]), and C through the setter of the same name. Each binding's
//! tests compare the options it accepts with these tables.
//!
//! ```
//! use alipay_notify::options::{OptionKind, VERIFIER_OPTIONS};
//!
//! let spec = VERIFIER_OPTIONS.iter().find(|o| o.name == "alipay_public_key").unwrap();
//! assert_eq!(spec.kind, OptionKind::Keys);
//! assert_eq!(spec.camel_case(), "alipayPublicKey");
//! assert_eq!(spec.kebab_case(), "alipay-public-key");
//! ```

use std::fmt;

/// The kind of value an option takes. Each binding accepts its language's natural form of it
/// (a Python `list` or a PHP array for a list, a `datetime` or a `Date` for a time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OptionKind {
    /// A text.
    String,
    /// A text, or a list of texts.
    Strings,
    /// A whole number, not negative.
    Integer,
    /// A key or certificate text, PEM or bare base64 as the Alipay console shows it.
    Key,
    /// A key or certificate text, or a list of them.
    Keys,
    /// A secret text that is not a key file (the MD5 key); never shown in errors or logs.
    Secret,
    /// A point in time: seconds since 1970-01-01 UTC, or the language's date type.
    Time,
    /// One of [`OptionSpec::values`].
    Choice,
    /// One or more of [`OptionSpec::values`].
    Choices,
}

impl OptionKind {
    /// `string`, `strings`, `integer`, `key`, `keys`, `secret`, `time`, `choice` or `choices`.
    pub fn as_str(self) -> &'static str {
        match self {
            OptionKind::String => "string",
            OptionKind::Strings => "strings",
            OptionKind::Integer => "integer",
            OptionKind::Key => "key",
            OptionKind::Keys => "keys",
            OptionKind::Secret => "secret",
            OptionKind::Time => "time",
            OptionKind::Choice => "choice",
            OptionKind::Choices => "choices",
        }
    }
}

impl fmt::Display for OptionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One option: its canonical name and what it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptionSpec {
    /// The canonical name, in snake_case: `alipay_public_key`.
    pub name: &'static str,
    /// The kind of value it takes.
    pub kind: OptionKind,
    /// The values of a [`OptionKind::Choice`] or [`OptionKind::Choices`] option, in their
    /// canonical spelling; empty for other kinds.
    pub values: &'static [&'static str],
    /// The default as text, `None` when the option is simply unset by default (`meaning` says
    /// what unset means when it matters).
    pub default: Option<&'static str>,
    /// What it does, in one line of English.
    pub meaning: &'static str,
    /// The option this one only works with, if any.
    pub requires: Option<&'static str>,
    /// The Rust methods that set it: on [`crate::VerifierBuilder`] for verifier options;
    /// empty for diagnosis and signer options, which are the fields of
    /// [`crate::DiagnoseOptions`] and [`crate::SignerOptions`] of the same names.
    pub rust_setters: &'static [&'static str],
}

impl OptionSpec {
    /// The name in camelCase, as Node spells it: `alipayPublicKey`, `md5Key`.
    pub fn camel_case(&self) -> String {
        let mut out = String::with_capacity(self.name.len());
        let mut upper = false;
        for c in self.name.chars() {
            match c {
                '_' => upper = true,
                c if upper => {
                    out.push(c.to_ascii_uppercase());
                    upper = false;
                }
                c => out.push(c),
            }
        }
        out
    }

    /// The name in kebab-case, as command-line flags spell it (without the `--`):
    /// `alipay-public-key`.
    pub fn kebab_case(&self) -> String {
        self.name.replace('_', "-")
    }
}

const SIGN_TYPES: &[&str] = &["RSA2", "RSA", "SM2", "MD5"];
const RULES: &[&str] = &["auto", "v1", "v2"];
/// The verifier's rules: the signer's, and `wap` for legacy WAP notifications.
const VERIFIER_RULES: &[&str] = &["auto", "v1", "v2", "wap"];

/// The options of a verifier, in the order bindings list them.
pub const VERIFIER_OPTIONS: &[OptionSpec] = &[
    OptionSpec {
        name: "alipay_public_key",
        kind: OptionKind::Keys,
        values: &[],
        default: None,
        meaning: "Alipay's public key or public certificate, as the console shows it; several \
                  during a key rotation",
        requires: None,
        rust_setters: &["public_key", "public_keys"],
    },
    OptionSpec {
        name: "sign_types",
        kind: OptionKind::Choices,
        values: SIGN_TYPES,
        default: Some("RSA2"),
        meaning: "The sign types accepted, in the order tried: RSA2, RSA, SM2 (国密; builds with \
                  SM2 only); MD5 is accepted exactly when md5_key is set",
        requires: None,
        rust_setters: &["sign_types", "add_sign_type"],
    },
    OptionSpec {
        name: "rule",
        kind: OptionKind::Choice,
        values: VERIFIER_RULES,
        default: Some("auto"),
        meaning: "Which parameters the signature covers: v1 (notifications, return_url), v2 \
                  (app-gateway messages), wap (legacy WAP notifications, fixed order) or auto \
                  (v1, then v2; wap for a message with service, v, sec_id and notify_data)",
        requires: None,
        rust_setters: &["rule"],
    },
    OptionSpec {
        name: "app_id",
        kind: OptionKind::String,
        values: &[],
        default: None,
        meaning: "Refuses messages for another app_id (APP_ID_MISMATCH); unset, app_id is not \
                  checked",
        requires: None,
        rust_setters: &["app_id"],
    },
    OptionSpec {
        name: "seller_id",
        kind: OptionKind::Strings,
        values: &[],
        default: None,
        meaning: "Accepts only messages for this seller_id, or one of these \
                  (SELLER_ID_MISMATCH); unset, seller_id is not checked",
        requires: None,
        rust_setters: &["seller_id"],
    },
    OptionSpec {
        name: "allow_embedded_pairs",
        kind: OptionKind::Strings,
        values: &[],
        default: None,
        meaning: "Fields whose value may hold text like &name=value (otherwise \
                  AMBIGUOUS_SIGNED_CONTENT); re-opens the re-split forgery through them",
        requires: None,
        rust_setters: &["allow_embedded_pairs"],
    },
    OptionSpec {
        name: "md5_key",
        kind: OptionKind::Secret,
        values: &[],
        default: None,
        meaning: "The legacy mapi MD5 key (the partner's security code), to verify sign_type=MD5 \
                  messages",
        requires: None,
        rust_setters: &["md5_key"],
    },
    OptionSpec {
        name: "max_size",
        kind: OptionKind::Integer,
        values: &[],
        default: Some("65536"),
        meaning: "The size limit of a message in bytes (INPUT_TOO_LARGE above it)",
        requires: None,
        rust_setters: &["max_size"],
    },
    OptionSpec {
        name: "min_key_bits",
        kind: OptionKind::Integer,
        values: &[],
        default: Some("2048"),
        meaning: "The minimum RSA key size in bits (WEAK_KEY under it); 1024 admits legacy keys",
        requires: None,
        rust_setters: &["min_key_bits"],
    },
    OptionSpec {
        name: "default_charset",
        kind: OptionKind::Choice,
        values: &["utf-8", "gbk", "gb2312", "gb18030"],
        default: Some("utf-8"),
        meaning: "The charset of messages without a charset parameter (a legacy merchant's \
                  input_charset)",
        requires: None,
        rust_setters: &["default_charset"],
    },
    OptionSpec {
        name: "check_certificates",
        kind: OptionKind::Key,
        values: &[],
        default: None,
        meaning: "Alipay's root certificate bundle (alipayRootCert.crt): each configured \
                  certificate must be valid and chain to it (CERT_EXPIRED, CERT_UNTRUSTED)",
        requires: None,
        rust_setters: &["check_certificates"],
    },
    OptionSpec {
        name: "check_certificates_at",
        kind: OptionKind::Time,
        values: &[],
        default: None,
        meaning: "The time certificates are checked at, instead of now: for tests and for \
                  checking ahead of an expiry",
        requires: Some("check_certificates"),
        rust_setters: &["check_certificates_at", "check_certificates_at_unix"],
    },
    OptionSpec {
        name: "max_response_age",
        kind: OptionKind::Integer,
        values: &[],
        default: None,
        meaning: "OpenAPI v3 responses: refuses an alipay-timestamp more than this many seconds \
                  from now (STALE_RESPONSE); unset, the age is not checked, as in Alipay's SDKs",
        requires: None,
        rust_setters: &["max_response_age"],
    },
    // Decryption (encrypt_type=AES content, 生活号 encrypted biz_content).
    OptionSpec {
        name: "aes_key",
        kind: OptionKind::Secret,
        values: &[],
        default: None,
        meaning: "The app's AES key (接口内容加密密钥), base64 as the console shows it: encrypted \
                  responses and open data are decrypted after they verify",
        requires: None,
        rust_setters: &["aes_key"],
    },
    OptionSpec {
        name: "app_private_key",
        kind: OptionKind::Key,
        values: &[],
        default: None,
        meaning: "The merchant's app private key, to decrypt the biz_content Alipay encrypted for \
                  it (生活号 messages) after they verify; never shown",
        requires: None,
        rust_setters: &["app_private_key"],
    },
];

/// The options of a diagnosis ([`crate::DiagnoseOptions`]).
pub const DIAGNOSE_OPTIONS: &[OptionSpec] = &[
    OptionSpec {
        name: "app_public_keys",
        kind: OptionKind::Keys,
        values: &[],
        default: None,
        meaning: "The merchant's own app public keys, the most common key configured by mistake",
        requires: None,
        rust_setters: &[],
    },
    OptionSpec {
        name: "app_private_key",
        kind: OptionKind::Key,
        values: &[],
        default: None,
        meaning: "The merchant's app private key; its public half is compared like \
                  app_public_keys, and it is never shown",
        requires: None,
        rust_setters: &[],
    },
    OptionSpec {
        name: "kind",
        kind: OptionKind::Choice,
        values: &["notify", "return"],
        default: None,
        meaning: "Whether the input is a notify body or a return_url query; unset, it is \
                  guessed from the input's shape",
        requires: None,
        rust_setters: &[],
    },
];

/// The options of a signer ([`crate::SignerOptions`]).
pub const SIGNER_OPTIONS: &[OptionSpec] = &[
    OptionSpec {
        name: "private_key",
        kind: OptionKind::Key,
        values: &[],
        default: None,
        meaning: "The private key that signs RSA2 and RSA (PKCS#8 or PKCS#1), or SM2 (PKCS#8); \
                  give it or md5_key",
        requires: None,
        rust_setters: &[],
    },
    OptionSpec {
        name: "md5_key",
        kind: OptionKind::Secret,
        values: &[],
        default: None,
        meaning: "The legacy mapi MD5 key, to sign MD5 instead; give it or private_key",
        requires: None,
        rust_setters: &[],
    },
    OptionSpec {
        name: "sign_type",
        kind: OptionKind::Choice,
        values: SIGN_TYPES,
        default: Some("RSA2"),
        meaning: "The sign type; MD5 signs with md5_key",
        requires: None,
        rust_setters: &[],
    },
    OptionSpec {
        name: "rule",
        kind: OptionKind::Choice,
        values: RULES,
        default: Some("v1"),
        meaning: "Whether sign_type is signed: v1 (not signed, notifications) or v2 (app-gateway \
                  messages); auto means v1",
        requires: None,
        rust_setters: &[],
    },
];

mod set;
pub use set::{OptionValue, Spelling, find, find_spelt};

#[cfg(test)]
mod tests;
