//! The verifier options shared by `verify`, `diagnose`, `verify-response` and `verify-v3`: one flag per
//! option of the core's table (`alipay_notify::options::VERIFIER_OPTIONS`), spelt as its
//! `--kebab-case` name; `--key` and `--sign-type`, the flags scripts have always used, are the
//! primary spellings of `--alipay-public-key` and `--sign-types`.

use crate::Failure;
use crate::args::{KeyRole, read_aes_key, read_key};
use alipay_notify::options::{OptionValue, VERIFIER_OPTIONS, find};
use alipay_notify::{MessageKind, VerifierBuilder};
use clap::builder::PossibleValuesParser;
use clap::{Args, ValueEnum};

/// The default of a verifier option, as the core's table gives it, for clap to show.
fn default_of(option: &str) -> &'static str {
    find(VERIFIER_OPTIONS, option)
        .ok()
        .and_then(|spec| spec.default)
        .unwrap_or_default()
}

/// The values of a choice option, as the core's table lists them.
fn values_of(option: &str) -> PossibleValuesParser {
    let values = find(VERIFIER_OPTIONS, option).map_or(&[][..], |spec| spec.values);
    PossibleValuesParser::new(values.iter().copied())
}

/// How the verifier is configured.
#[derive(Args)]
pub struct VerifierArgs {
    /// Alipay's public key (支付宝公钥): a file path or the key text; bare base64, PEM,
    /// PKCS#1 or a certificate. Repeat for key rotation.
    #[arg(
        long = "key",
        visible_alias = "alipay-public-key",
        value_name = "KEY",
        allow_hyphen_values = true
    )]
    keys: Vec<String>,

    /// Accepted sign types (default RSA2): RSA2, RSA, SM2 (国密, with Alipay's SM2 public
    /// key). Repeat to accept several, e.g. `--sign-type RSA2 --sign-type RSA` for a merchant
    /// migrating from RSA.
    // MD5 is not among them: --md5-key allows it.
    #[arg(
        long = "sign-type",
        visible_alias = "sign-types",
        value_name = "TYPE",
        value_parser = ["RSA2", "RSA", "SM2"]
    )]
    sign_types: Vec<String>,

    /// Which parameters the signature covers: v1 (notify, return_url), v2 (app-gateway
    /// messages), wap (legacy WAP notifications, fixed order), auto (wap for a message with
    /// service, v, sec_id and notify_data; else v1 then v2).
    #[arg(long, value_name = "RULE", default_value = default_of("rule"), value_parser = values_of("rule"))]
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
    #[arg(long, value_name = "CHARSET", default_value = default_of("default_charset"))]
    default_charset: String,

    /// Size limit for the message in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = alipay_notify::DEFAULT_MAX_SIZE)]
    max_size: usize,

    /// Certificate mode: check that each --key certificate is valid today and chains to this
    /// root bundle (alipayRootCert.crt) before verifying.
    #[arg(long, value_name = "ROOT_FILE", allow_hyphen_values = true)]
    check_certificates: Option<String>,

    /// With --check-certificates: check the certificates at this time, in seconds since
    /// 1970-01-01 UTC (`date -d 2026-01-01 +%s`), instead of now: to see a certificate's expiry
    /// coming, or to test with certificates that have expired.
    #[arg(long, value_name = "SECONDS", allow_negative_numbers = true)]
    check_certificates_at: Option<i64>,

    /// OpenAPI v3 responses (verify-v3): refuse an alipay-timestamp more than this many seconds
    /// from now, before or after (STALE_RESPONSE). Off by default, as in Alipay's SDKs.
    #[arg(long, visible_alias = "max-age", value_name = "SECONDS")]
    max_response_age: Option<u64>,

    /// The app's AES key (接口内容加密密钥), a file or the base64 text the Alipay console shows:
    /// encrypted responses and open data are decrypted after they verify.
    #[arg(long, value_name = "KEY", allow_hyphen_values = true)]
    aes_key: Option<String>,

    /// Your app's private key (应用私钥), file or text. Verifying: decrypts a 生活号
    /// biz_content encrypted for your app, after the signature verified. Diagnosing: its
    /// public half is compared like --app-public-key.
    #[arg(long, value_name = "KEY", allow_hyphen_values = true)]
    app_private_key: Option<String>,
}

impl VerifierArgs {
    /// The configured builder: each option given to the core's `set` under its name, as every
    /// binding does; keys are read (files or text) but not yet parsed.
    pub fn builder(&self) -> Result<VerifierBuilder, Failure> {
        if self.keys.is_empty() && self.md5_key.is_none() {
            return Err(Failure::Config(
                "INVALID_CONFIG: give Alipay's public key with --key, or --md5-key for legacy MD5 messages".into(),
            ));
        }
        let mut builder = VerifierBuilder::default();
        for (name, value) in self.options()? {
            builder = builder.set(name, value)?;
        }
        Ok(builder)
    }

    /// The app private key's text, read from its file (or given as text).
    pub fn app_private_key(&self) -> Result<Option<String>, Failure> {
        self.app_private_key
            .as_deref()
            .map(|k| read_key(k, "--app-private-key", KeyRole::Private))
            .transpose()
    }

    /// The options given, by their names in the core's table.
    fn options(&self) -> Result<Vec<(&'static str, OptionValue)>, Failure> {
        use OptionValue::{Integer, Text, Texts};
        let keys = self
            .keys
            .iter()
            .map(|key| read_key(key, "--key", KeyRole::Public));
        let root = self.check_certificates.as_deref();
        let root = root.map(|root| read_key(root, "--check-certificates", KeyRole::Roots));
        let count = |n: usize| Integer(i64::try_from(n).unwrap_or(i64::MAX));
        let mut options = vec![
            ("alipay_public_key", Texts(keys.collect::<Result<_, _>>()?)),
            ("sign_types", Texts(self.sign_types.clone())),
            ("rule", Text(self.rule.clone())),
            ("seller_id", Texts(self.seller_ids.clone())),
            (
                "allow_embedded_pairs",
                Texts(self.allow_embedded_pairs.clone()),
            ),
            ("min_key_bits", count(self.min_key_bits)),
            ("default_charset", Text(self.default_charset.clone())),
            ("max_size", count(self.max_size)),
        ];
        let optional = [
            (
                "aes_key",
                self.aes_key
                    .as_deref()
                    .map(read_aes_key)
                    .transpose()?
                    .map(Text),
            ),
            ("app_private_key", self.app_private_key()?.map(Text)),
            ("app_id", self.app_id.clone().map(Text)),
            ("md5_key", self.md5_key.clone().map(Text)),
            ("check_certificates", root.transpose()?.map(Text)),
            (
                "check_certificates_at",
                self.check_certificates_at.map(OptionValue::Time),
            ),
            (
                "max_response_age",
                self.max_response_age
                    .map(|age| Integer(i64::try_from(age).unwrap_or(i64::MAX))),
            ),
        ];
        options.extend(
            optional
                .into_iter()
                .filter_map(|(name, v)| Some((name, v?))),
        );
        Ok(options)
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
    /// The kind given, `None` for `auto` (a diagnosis guesses it itself).
    pub fn given(self) -> Option<MessageKind> {
        match self {
            Kind::Auto => None,
            Kind::Notify => Some(MessageKind::Notify),
            Kind::Return => Some(MessageKind::Return),
        }
    }

    /// The kind of `input`: for `auto`, the core's guess from its shape.
    pub fn resolve(self, input: &[u8]) -> MessageKind {
        self.given().unwrap_or_else(|| MessageKind::guess(input))
    }
}
