//! `alipay-notify sign`: sign a parameter set, the way Alipay signs notifications.

use crate::Failure;
use crate::args::{KeyRole, print_line, read_key, read_params, read_stdin};
use alipay_notify::{Rule, Signer, SignerOptions};
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

  # An SM2 (国密) signature (randomized: each run prints another valid one):
  echo 'out_trade_no=T1&total_amount=0.01' | alipay-notify sign --private-key sm2_private.pem \\
    --sign-type SM2 --sign-only

  # A legacy MD5 signature:
  echo 'out_trade_no=T1&total_fee=0.01' | alipay-notify sign --md5-key \"$PARTNER_KEY\"

Standard input is `name=value&...` (decoded once) or a JSON object of string values. `sign` in
the input is ignored; `sign_type` is added when missing. Values are signed in the charset named
by the `charset` parameter (UTF-8 by default).")]
pub struct SignArgs {
    /// The private key: a file path or the key text, PEM or bare base64 (RSA: PKCS#8 or
    /// PKCS#1; SM2: PKCS#8).
    #[arg(
        long,
        value_name = "KEY",
        required_unless_present = "md5_key",
        allow_hyphen_values = true
    )]
    private_key: Option<String>,

    /// RSA2 (SHA256withRSA, the library's default), RSA (SHA1withRSA) or SM2 (SM3withSM2, 国密,
    /// with an SM2 private key); with --md5-key, MD5 only.
    #[arg(long, value_name = "TYPE", value_parser = ["RSA2", "RSA", "SM2"])]
    sign_type: Option<String>,

    /// v1 (the library's default) leaves sign_type out of the signed content (notifications);
    /// v2 signs it (app-gateway messages).
    #[arg(long, value_name = "RULE", value_parser = ["v1", "v2"])]
    rule: Option<String>,

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
    let rule = args.rule.as_deref().map(str::parse).transpose()?;
    let signer = signer(
        args.private_key.as_deref(),
        args.md5_key.as_deref(),
        args.sign_type.as_deref(),
        rule,
    )?;
    let params = read_params(&read_stdin()?)?;
    if args.sign_only {
        print_line(&signer.sign(&params)?)?;
    } else {
        print_line(&signer.signed_form(&params)?)?;
    }
    Ok(())
}

/// Builds the signer shared by `sign` and `simulate`: the core's `Signer::from_options`,
/// whose defaults fill what is not given and which refuses contradictions (`--md5-key` with an
/// RSA sign type).
pub fn signer(
    private_key: Option<&str>,
    md5_key: Option<&str>,
    sign_type: Option<&str>,
    rule: Option<Rule>,
) -> Result<Signer, Failure> {
    let private_key = private_key.map(|key| read_key(key, "--private-key", KeyRole::Private));
    let options = SignerOptions {
        private_key: private_key.transpose()?,
        md5_key: md5_key.map(String::from),
        sign_type: sign_type.map(str::parse).transpose()?,
        rule,
    };
    Ok(Signer::from_options(&options)?)
}
