//! The verifier options shared by `verify`, `diagnose` and `verify-response`.

use crate::Failure;
use crate::args::{KeyRole, read_key};
use alipay_notify::{Charset, Error, MessageKind, Rule, SignType, Verifier, VerifierBuilder};
use clap::{Args, ValueEnum};

/// How the verifier is configured.
#[derive(Args)]
pub struct VerifierArgs {
    /// Alipay's public key (支付宝公钥): a file path or the key text; bare base64, PEM,
    /// PKCS#1 or a certificate. Repeat for key rotation.
    #[arg(long = "key", value_name = "KEY", allow_hyphen_values = true)]
    keys: Vec<String>,

    /// Accepted sign types (default RSA2). Repeat to accept several, e.g. `--sign-type RSA2
    /// --sign-type RSA` for a merchant migrating from RSA.
    #[arg(long = "sign-type", value_name = "TYPE", value_parser = ["RSA2", "RSA"])]
    sign_types: Vec<String>,

    /// Which parameters the signature covers: v1 (notify, return_url), v2 (app-gateway
    /// messages), auto (v1 then v2).
    #[arg(long, value_name = "RULE", default_value = "auto", value_parser = ["auto", "v1", "v2"])]
    rule: String,

    /// Reject messages for another app_id.
    #[arg(long, value_name = "ID")]
    app_id: Option<String>,

    /// Reject messages for another seller_id. Repeat to accept several.
    #[arg(long = "seller-id", value_name = "ID")]
    seller_ids: Vec<String>,

    /// Let this field's value hold text like `&name=value` (repeat for several). Off by
    /// default: such a message reads as other parameters and is refused as
    /// AMBIGUOUS_SIGNED_CONTENT. Only for a field your own app fills with unencoded query text;
    /// fields that sort after it can then be hidden inside it.
    #[arg(long = "allow-embedded-pairs", value_name = "FIELD")]
    allow_embedded_pairs: Vec<String>,

    /// Minimum RSA key size; 1024 admits legacy keys.
    #[arg(long, value_name = "N", default_value_t = alipay_notify::DEFAULT_MIN_KEY_BITS)]
    min_key_bits: usize,

    /// Legacy mapi MD5 key (安全校验码), to verify sign_type=MD5 messages.
    #[arg(long, value_name = "SECRET", allow_hyphen_values = true)]
    md5_key: Option<String>,

    /// Charset of messages that carry no `charset` parameter: legacy mapi merchants give their
    /// `input_charset` here (utf-8, GBK, GB2312, GB18030).
    #[arg(long, value_name = "CHARSET", default_value = "utf-8")]
    default_charset: String,

    /// Size limit for the message in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = alipay_notify::DEFAULT_MAX_SIZE)]
    max_size: usize,

    /// Certificate mode: check that each --key certificate is valid today and chains to this
    /// root bundle (alipayRootCert.crt) before verifying.
    #[arg(long, value_name = "ROOT_FILE", allow_hyphen_values = true)]
    check_certificates: Option<String>,
}

impl VerifierArgs {
    /// The configured builder; keys are read (files or text) but not yet parsed.
    pub fn builder(&self) -> Result<VerifierBuilder, Failure> {
        if self.keys.is_empty() && self.md5_key.is_none() {
            return Err(Failure::Config(
                "INVALID_CONFIG: give Alipay's public key with --key, or --md5-key for legacy MD5 messages".into(),
            ));
        }
        // The core parses the option (INVALID_CONFIG, as in every binding); the message
        // names the flag.
        let charset: Charset = self.default_charset.parse().map_err(|e: Error| {
            Failure::Config(format!("{}: --default-charset: {}", e.name(), e.message()))
        })?;
        let mut builder = Verifier::builder()
            .rule(self.rule.parse::<Rule>()?)
            .min_key_bits(self.min_key_bits)
            .max_size(self.max_size)
            .default_charset(charset);
        for key in &self.keys {
            builder = builder.public_key(read_key(key, "--key", KeyRole::Public)?);
        }
        if !self.sign_types.is_empty() {
            let types = self
                .sign_types
                .iter()
                .map(|t| t.parse::<SignType>())
                .collect::<Result<Vec<_>, _>>()?;
            builder = builder.sign_types(types);
        }
        if let Some(app_id) = &self.app_id {
            builder = builder.app_id(app_id);
        }
        for seller_id in &self.seller_ids {
            builder = builder.seller_id(seller_id);
        }
        for field in &self.allow_embedded_pairs {
            builder = builder.allow_embedded_pairs(field);
        }
        if let Some(md5_key) = &self.md5_key {
            builder = builder.md5_key(md5_key);
        }
        if let Some(root) = &self.check_certificates {
            builder =
                builder.check_certificates(read_key(root, "--check-certificates", KeyRole::Roots)?);
        }
        Ok(builder)
    }
}

/// notify_url body or return_url query.
#[derive(Clone, Copy, ValueEnum)]
pub enum Kind {
    /// Input starting with `?`, `/` or `http` is a return_url, anything else a notify body.
    Auto,
    /// A notify_url POST body.
    Notify,
    /// A return_url query string or URL.
    Return,
}

impl Kind {
    /// The kind of `input`.
    pub fn resolve(self, input: &[u8]) -> MessageKind {
        match self {
            Kind::Notify => MessageKind::Notify,
            Kind::Return => MessageKind::Return,
            Kind::Auto
                if input.starts_with(b"?")
                    || input.starts_with(b"/")
                    || input.starts_with(b"http") =>
            {
                MessageKind::Return
            }
            Kind::Auto => MessageKind::Notify,
        }
    }
}
