//! `alipay-notify sign`: sign a parameter set, the way Alipay signs notifications.

use crate::Failure;
use crate::args::{KeyRole, print_line, read_key, read_params, read_stdin};
use alipay_notify::{Rule, SignType, Signer};
use clap::Args;

/// Sign parameters read from standard input.
#[derive(Args)]
#[command(after_help = "\
Examples:
  # Sign a parameter set with a test key and print the signed form body:
  echo 'app_id=2021000000000000&out_trade_no=T1&total_amount=0.01&charset=utf-8' \\
    | alipay-notify sign --private-key test_private.pem

  # Only the sign value, for a JSON object of parameters:
  echo '{\"out_trade_no\":\"T1\",\"total_amount\":\"0.01\"}' \\
    | alipay-notify sign --private-key test_private.pem --sign-only

  # A legacy MD5 signature:
  echo 'out_trade_no=T1&total_fee=0.01' | alipay-notify sign --md5-key \"$PARTNER_KEY\"

Standard input is `name=value&...` (decoded once) or a JSON object of string values. `sign` in
the input is ignored; `sign_type` is added when missing. Values are signed in the charset named
by the `charset` parameter (UTF-8 by default).")]
pub struct SignArgs {
    /// The private key: a file path or the key text (PKCS#8 or PKCS#1, PEM or bare base64).
    #[arg(
        long,
        value_name = "KEY",
        required_unless_present = "md5_key",
        allow_hyphen_values = true
    )]
    private_key: Option<String>,

    /// RSA2 (SHA256withRSA) or RSA (SHA1withRSA).
    #[arg(long, value_name = "TYPE", default_value = "RSA2", value_parser = ["RSA2", "RSA"])]
    sign_type: String,

    /// v1 leaves sign_type out of the signed content (notifications); v2 signs it
    /// (app-gateway messages).
    #[arg(long, value_name = "RULE", default_value = "v1", value_parser = ["v1", "v2"])]
    rule: String,

    /// Sign with a legacy MD5 key instead of a private key.
    #[arg(
        long,
        value_name = "SECRET",
        conflicts_with = "private_key",
        allow_hyphen_values = true
    )]
    md5_key: Option<String>,

    /// Print only the sign value instead of the signed form body.
    #[arg(long)]
    sign_only: bool,
}

pub fn run(args: SignArgs) -> Result<(), Failure> {
    let signer = signer(
        args.private_key.as_deref(),
        &args.sign_type,
        &args.rule,
        args.md5_key.as_deref(),
    )?;
    let params = read_params(&read_stdin()?)?;
    if args.sign_only {
        print_line(&signer.sign(&params)?)?;
    } else {
        print_line(&signer.signed_form(&params)?)?;
    }
    Ok(())
}

/// Builds the signer shared by `sign` and `simulate`.
pub fn signer(
    private_key: Option<&str>,
    sign_type: &str,
    rule: &str,
    md5_key: Option<&str>,
) -> Result<Signer, Failure> {
    if let Some(md5_key) = md5_key {
        return Ok(Signer::md5(md5_key)?);
    }
    let Some(private_key) = private_key else {
        return Err(Failure::Config(
            "INVALID_CONFIG: give --private-key or --md5-key".into(),
        ));
    };
    let key = read_key(private_key, "--private-key", KeyRole::Private)?;
    Ok(Signer::rsa(
        &key,
        sign_type.parse::<SignType>()?,
        rule.parse::<Rule>()?,
    )?)
}
