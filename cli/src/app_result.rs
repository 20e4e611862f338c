//! `alipay-notify verify-app-result`: verify a legacy mobile.securitypay app result (the
//! `result` string the Alipay app returned to the merchant's app) from standard input.

use crate::Failure;
use crate::args::{print_line, read_stdin};
use crate::verifier_args::VerifierArgs;
use clap::Args;

/// Verify a legacy mobile.securitypay app result read from standard input.
#[derive(Args)]
#[command(after_help = "\
Examples:
  # The result string the app sent to your server, Alipay's 1024-bit RSA key:
  alipay-notify verify-app-result --key alipay_public_key.txt --sign-type RSA \\
    --min-key-bits 1024 < result.txt

  # Also check the order it paid:
  alipay-notify verify-app-result --key alipay_public_key.txt --sign-type RSA \\
    --min-key-bits 1024 --out-trade-no 0819145412-6177 --total-amount 0.01 < result.txt

Standard input is the value of result alone (partner=\"…\"&…&success=\"true\"&sign_type=\"RSA\"&
sign=\"…\"), not the whole resultStatus/memo/result answer. Alipay signs everything before
&sign_type=, quotes included. On success the signed pairs are printed as one JSON object (values
without their quotes) and the exit code is 0. It came through the buyer's phone: show it, but
ship on the async notification. A rejected result exits 1 with `ERROR_NAME: explanation` on
stderr; a usage or configuration error exits 2.")]
pub struct AppResultArgs {
    #[command(flatten)]
    verifier: VerifierArgs,

    /// Also check the order: the expected out_trade_no (use with --total-amount).
    #[arg(long, value_name = "NO", requires = "total_amount")]
    out_trade_no: Option<String>,

    /// Also check the order: the expected total_fee in yuan, e.g. 0.01.
    #[arg(long, value_name = "YUAN", requires = "out_trade_no")]
    total_amount: Option<String>,
}

pub fn run(args: AppResultArgs) -> Result<(), Failure> {
    let verifier = args.verifier.builder()?.build()?;
    let input = read_stdin()?;
    let result = verifier.verify_app_result(&input)?;
    if let (Some(out_trade_no), Some(total_amount)) = (&args.out_trade_no, &args.total_amount) {
        result.check_order(out_trade_no, total_amount)?;
    }
    let json = serde_json::to_string_pretty(&result)
        .map_err(|e| Failure::Config(format!("INTERNAL: {e}")))?;
    print_line(&json)
}
