//! Setting an option by its name: the one way bindings apply the options a merchant gives
//! (a Python keyword, a PHP array, a JavaScript object), so that every binding accepts exactly
//! the options of the tables, under the same names, and refuses the same mistakes the same way.

use super::{DIAGNOSE_OPTIONS, OptionKind, OptionSpec, SIGNER_OPTIONS, VERIFIER_OPTIONS};
use crate::charset::{Charset, printable_quoted};
use crate::error::{Error, ErrorKind, Result};
use crate::notify::MessageKind;
use crate::sign_type::{Rule, SignType};
use crate::{DiagnoseOptions, SignerOptions, VerifierBuilder};

/// An option's value as a binding reads it from its language: the binding only converts
/// (a `list` to [`OptionValue::Texts`], a `datetime` or `Date` to [`OptionValue::Time`]); the
/// core judges it against the option's [`OptionKind`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum OptionValue {
    /// A text.
    Text(String),
    /// Several texts (a list or an array).
    Texts(Vec<String>),
    /// A whole number.
    Integer(i64),
    /// A point in time, in seconds since 1970-01-01 UTC.
    Time(i64),
}

impl OptionValue {
    fn shape(&self) -> &'static str {
        match self {
            OptionValue::Text(_) => "a text",
            OptionValue::Texts(_) => "a list of texts",
            OptionValue::Integer(_) => "a number",
            OptionValue::Time(_) => "a time",
        }
    }
}

/// How a language spells option names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spelling {
    /// `alipay_public_key` ([`OptionSpec::name`]): Python, PHP, C.
    SnakeCase,
    /// `alipayPublicKey` ([`OptionSpec::camel_case`]): Node.
    CamelCase,
}

impl Spelling {
    /// `spec`'s name in this spelling.
    pub fn of(self, spec: &OptionSpec) -> String {
        match self {
            Spelling::SnakeCase => spec.name.to_string(),
            Spelling::CamelCase => spec.camel_case(),
        }
    }
}

/// The option of `table` named `name`: its canonical snake_case name or its camelCase (Node's
/// spelling). An unknown name is `INVALID_CONFIG` listing the options, spelt as asked.
pub fn find(table: &'static [OptionSpec], name: &str) -> Result<&'static OptionSpec> {
    let camel = name.bytes().any(|b| b.is_ascii_uppercase()) && !name.contains('_');
    let asked = if camel {
        Spelling::CamelCase
    } else {
        Spelling::SnakeCase
    };
    table
        .iter()
        .find(|spec| spec.name == name || spec.camel_case() == name)
        .ok_or_else(|| unknown(table, name, asked))
}

/// The option of `table` named `name` in `spelling` only, for a binding whose language spells
/// option names one way (`app_id` in Python, `appId` in Node). Any other name, the other
/// spelling of an option included, is `INVALID_CONFIG` listing the options in `spelling`, with
/// a did-you-mean when it is an option's name in another spelling or case.
pub fn find_spelt(
    table: &'static [OptionSpec],
    name: &str,
    spelling: Spelling,
) -> Result<&'static OptionSpec> {
    table
        .iter()
        .find(|spec| spelling.of(spec) == name)
        .ok_or_else(|| unknown(table, name, spelling))
}

fn unknown(table: &'static [OptionSpec], name: &str, spelling: Spelling) -> Error {
    let known: Vec<String> = table.iter().map(|spec| spelling.of(spec)).collect();
    let meant = table.iter().find(|spec| {
        spec.name.eq_ignore_ascii_case(name) || spec.camel_case().eq_ignore_ascii_case(name)
    });
    let hint = match meant {
        Some(spec) => format!(" (did you mean {}?)", spelling.of(spec)),
        None => String::new(),
    };
    Error::new(
        ErrorKind::InvalidConfig,
        format!(
            "unknown option {}{hint}; the options are: {}",
            printable_quoted(name.as_bytes(), 40),
            known.join(", ")
        ),
    )
}

/// An option as the caller named it: what the table says of it, and the spelling used
/// (snake_case or camelCase), which its errors repeat.
struct Named<'a> {
    spec: &'static OptionSpec,
    name: &'a str,
}

/// What an option got when it takes something else.
fn wrong_value(option: &Named<'_>, value: &OptionValue) -> Error {
    let wanted = match option.spec.kind {
        OptionKind::String | OptionKind::Key | OptionKind::Secret | OptionKind::Choice => "a text",
        OptionKind::Strings | OptionKind::Keys | OptionKind::Choices => "a text or a list of texts",
        OptionKind::Integer => "a whole number (not negative)",
        OptionKind::Time => "a time",
    };
    Error::new(
        ErrorKind::InvalidConfig,
        format!(
            "option {} takes {wanted}, not {}",
            option.name,
            value.shape()
        ),
    )
}

/// One text (options that take exactly one).
fn text(option: &Named<'_>, value: OptionValue) -> Result<String> {
    match value {
        OptionValue::Text(text) => Ok(text),
        other => Err(wrong_value(option, &other)),
    }
}

/// One text or several (options that take a list).
fn texts(option: &Named<'_>, value: OptionValue) -> Result<Vec<String>> {
    match value {
        OptionValue::Text(text) => Ok(vec![text]),
        OptionValue::Texts(texts) => Ok(texts),
        other => Err(wrong_value(option, &other)),
    }
}

/// A size or count.
fn count(option: &Named<'_>, value: OptionValue) -> Result<usize> {
    match value {
        OptionValue::Integer(n) => usize::try_from(n).map_err(|_| {
            Error::new(
                ErrorKind::InvalidConfig,
                format!("option {} must not be negative", option.name),
            )
        }),
        other => Err(wrong_value(option, &other)),
    }
}

/// Seconds since 1970 (a time, or a plain number of seconds).
fn seconds(option: &Named<'_>, value: OptionValue) -> Result<i64> {
    match value {
        OptionValue::Time(seconds) | OptionValue::Integer(seconds) => Ok(seconds),
        other => Err(wrong_value(option, &other)),
    }
}

/// A choice parsed by the core type's `FromStr`, its error named after the option.
fn choice<T: std::str::FromStr<Err = Error>>(option: &Named<'_>, text: &str) -> Result<T> {
    text.parse::<T>().map_err(|err| {
        Error::new(
            ErrorKind::InvalidConfig,
            format!("option {}: {}", option.name, err.message()),
        )
    })
}

impl VerifierBuilder {
    /// Sets the verifier option `name` ([`VERIFIER_OPTIONS`]: the canonical snake_case name,
    /// or its camelCase) to `value`. Options that take a list add to what is set already, as
    /// their builder methods do. A name or value the option does not take is `INVALID_CONFIG`
    /// naming the option as `name` spells it (keys are judged when the verifier is built:
    /// `INVALID_KEY`).
    ///
    /// ```
    /// use alipay_notify::VerifierBuilder;
    /// use alipay_notify::options::OptionValue;
    ///
    /// let builder = VerifierBuilder::default()
    ///     .set("app_id", OptionValue::Text("2021000000000000".into()))?
    ///     .set("signTypes", OptionValue::Texts(vec!["RSA2".into(), "RSA".into()]))?
    ///     .set("max_size", OptionValue::Integer(32 * 1024))?;
    /// assert!(builder.set("appid", OptionValue::Text("x".into())).is_err());
    /// # Ok::<(), alipay_notify::Error>(())
    /// ```
    pub fn set(self, name: &str, value: OptionValue) -> Result<VerifierBuilder> {
        let option = Named {
            spec: find(VERIFIER_OPTIONS, name)?,
            name,
        };
        Ok(match option.spec.name {
            "alipay_public_key" => self.public_keys(texts(&option, value)?),
            "sign_types" => {
                let mut builder = self;
                for name in texts(&option, value)? {
                    builder = builder.add_sign_type(choice::<SignType>(&option, &name)?);
                }
                builder
            }
            "rule" => self.rule(choice::<Rule>(&option, &text(&option, value)?)?),
            "app_id" => self.app_id(text(&option, value)?),
            "seller_id" => texts(&option, value)?
                .into_iter()
                .fold(self, VerifierBuilder::seller_id),
            "allow_embedded_pairs" => texts(&option, value)?
                .into_iter()
                .fold(self, VerifierBuilder::allow_embedded_pairs),
            "md5_key" => self.md5_key(text(&option, value)?),
            "max_size" => self.max_size(count(&option, value)?),
            "min_key_bits" => self.min_key_bits(count(&option, value)?),
            "default_charset" => {
                self.default_charset(choice::<Charset>(&option, &text(&option, value)?)?)
            }
            "check_certificates" => self.check_certificate_roots(text(&option, value)?),
            "check_certificates_at" => self.check_certificate_time(seconds(&option, value)?),
            "max_response_age" => self.max_response_age(count(&option, value)? as u64),
            "aes_key" => self.aes_key(text(&option, value)?),
            "app_private_key" => self.app_private_key(text(&option, value)?),
            other => unreachable!("VERIFIER_OPTIONS lists {other} without a setter"),
        })
    }
}

impl DiagnoseOptions {
    /// Sets the diagnosis option `name` ([`DIAGNOSE_OPTIONS`], snake_case or camelCase) to
    /// `value`, as [`VerifierBuilder::set`] does for verifier options.
    pub fn set(mut self, name: &str, value: OptionValue) -> Result<DiagnoseOptions> {
        let option = Named {
            spec: find(DIAGNOSE_OPTIONS, name)?,
            name,
        };
        match option.spec.name {
            "app_public_keys" => self.app_public_keys.extend(texts(&option, value)?),
            "app_private_key" => self.app_private_key = Some(text(&option, value)?),
            "kind" => self.kind = Some(choice::<MessageKind>(&option, &text(&option, value)?)?),
            other => unreachable!("DIAGNOSE_OPTIONS lists {other} without a field"),
        }
        Ok(self)
    }
}

impl SignerOptions {
    /// Sets the signer option `name` ([`SIGNER_OPTIONS`], snake_case or camelCase) to `value`;
    /// [`crate::Signer::from_options`] then judges the combination.
    pub fn set(mut self, name: &str, value: OptionValue) -> Result<SignerOptions> {
        let option = Named {
            spec: find(SIGNER_OPTIONS, name)?,
            name,
        };
        match option.spec.name {
            "private_key" => self.private_key = Some(text(&option, value)?),
            "md5_key" => self.md5_key = Some(text(&option, value)?),
            "sign_type" => {
                self.sign_type = Some(choice::<SignType>(&option, &text(&option, value)?)?)
            }
            "rule" => self.rule = Some(choice::<Rule>(&option, &text(&option, value)?)?),
            other => unreachable!("SIGNER_OPTIONS lists {other} without a field"),
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    fn t(text: &str) -> OptionValue {
        OptionValue::Text(text.into())
    }

    #[test]
    fn every_verifier_option_can_be_set_by_both_spellings() {
        for spec in VERIFIER_OPTIONS {
            let value = match spec.kind {
                OptionKind::Integer => OptionValue::Integer(4096),
                OptionKind::Time => OptionValue::Time(1_700_000_000),
                _ => t(spec.values.first().copied().unwrap_or("x")),
            };
            for name in [spec.name.to_string(), spec.camel_case()] {
                VerifierBuilder::default()
                    .set(&name, value.clone())
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
            }
        }
    }

    #[test]
    fn mistakes_are_configuration_errors_naming_the_option() {
        let kind = |r: Result<VerifierBuilder>| r.map(|_| ()).unwrap_err();
        let b = VerifierBuilder::default;
        let err = kind(b().set("appid", t("x")));
        assert_eq!(err.kind(), ErrorKind::InvalidConfig);
        assert!(err.message().contains("app_id"), "{}", err.message());
        let err = kind(b().set("appID", t("x")));
        assert!(err.message().contains("appId"), "{}", err.message());
        for (name, value) in [
            ("rule", t("v3")),
            ("sign_types", t("RSA3")),
            ("default_charset", t("big5")),
            ("max_size", OptionValue::Integer(-1)),
            ("max_size", t("1")),
            ("app_id", OptionValue::Texts(vec!["a".into()])),
            ("check_certificates_at", t("tomorrow")),
        ] {
            let err = kind(b().set(name, value));
            assert_eq!(err.kind(), ErrorKind::InvalidConfig, "{name}");
            assert!(err.message().contains(name), "{name}: {}", err.message());
        }
    }

    #[test]
    fn a_wrong_value_is_named_as_the_caller_spelt_the_option() {
        for (name, value) in [
            ("maxSize", OptionValue::Integer(-1)),
            ("signTypes", t("RSA3")),
            ("defaultCharset", t("big5")),
            ("appId", OptionValue::Integer(1)),
        ] {
            let err = VerifierBuilder::default().set(name, value).unwrap_err();
            assert!(err.message().contains(name), "{name}: {}", err.message());
        }
        let err = SignerOptions::default()
            .set("signType", t("RSA3"))
            .unwrap_err();
        assert!(err.message().contains("signType"), "{}", err.message());
    }

    #[test]
    fn a_language_finds_its_own_spelling_only() {
        let snake = find_spelt(VERIFIER_OPTIONS, "app_id", Spelling::SnakeCase).unwrap();
        let camel = find_spelt(VERIFIER_OPTIONS, "appId", Spelling::CamelCase).unwrap();
        assert_eq!((snake.name, camel.name), ("app_id", "app_id"));
        for (name, spelling, hint, listed) in [
            (
                "appId",
                Spelling::SnakeCase,
                "(did you mean app_id?)",
                "alipay_public_key",
            ),
            (
                "APP_ID",
                Spelling::SnakeCase,
                "(did you mean app_id?)",
                "alipay_public_key",
            ),
            (
                "app_id",
                Spelling::CamelCase,
                "(did you mean appId?)",
                "alipayPublicKey",
            ),
            (
                "appid",
                Spelling::CamelCase,
                "(did you mean appId?)",
                "alipayPublicKey",
            ),
        ] {
            let err = find_spelt(VERIFIER_OPTIONS, name, spelling).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidConfig);
            assert!(err.message().contains(hint), "{name}: {}", err.message());
            assert!(err.message().contains(listed), "{name}: {}", err.message());
        }
        let err = find_spelt(SIGNER_OPTIONS, "key", Spelling::CamelCase).unwrap_err();
        assert!(!err.message().contains("did you mean"), "{}", err.message());
        assert!(
            err.message().contains("privateKey, md5Key"),
            "{}",
            err.message()
        );
    }

    #[test]
    fn list_options_add_and_sign_types_replace_the_default_once() {
        let builder = VerifierBuilder::default()
            .set("seller_id", t("2088000000000001"))
            .unwrap()
            .set(
                "seller_id",
                OptionValue::Texts(vec!["2088000000000002".into()]),
            )
            .unwrap()
            .set("sign_types", t("RSA"))
            .unwrap();
        assert_eq!(builder.seller_ids.len(), 2);
        assert_eq!(builder.requested_sign_types(), [SignType::Rsa]);
    }

    #[test]
    fn the_certificate_time_may_come_before_or_after_the_roots() {
        let time_only = VerifierBuilder::default()
            .md5_key("k")
            .set("check_certificates_at", OptionValue::Time(1))
            .unwrap();
        let err = time_only.clone().build().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidConfig);
        assert!(
            err.message().contains("check_certificates"),
            "{}",
            err.message()
        );
        let both = time_only.set("check_certificates", t("roots")).unwrap();
        assert_eq!(both.check_certificates_at_seconds(), Some(1));
        let reversed = VerifierBuilder::default()
            .set("check_certificates", t("roots"))
            .unwrap()
            .set("check_certificates_at", OptionValue::Integer(1))
            .unwrap();
        assert_eq!(reversed.check_certificates_at_seconds(), Some(1));
    }

    #[test]
    fn diagnose_and_signer_options_by_name() {
        let options = DiagnoseOptions::default()
            .set("appPublicKeys", t("k1"))
            .unwrap()
            .set("kind", t("return"))
            .unwrap();
        assert_eq!(options.app_public_keys, ["k1"]);
        assert_eq!(options.kind, Some(MessageKind::Return));
        assert!(DiagnoseOptions::default().set("kind", t("both")).is_err());
        let signer = SignerOptions::default()
            .set("signType", t("MD5"))
            .unwrap()
            .set("md5_key", t("secret"))
            .unwrap();
        assert_eq!(signer.sign_type, Some(SignType::Md5));
        assert_eq!(
            SignerOptions::default()
                .set("private", t("x"))
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidConfig
        );
    }
}
