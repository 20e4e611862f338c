//! `alipay-notify verify`: verify a raw notify body or return_url query from standard input.

use crate::Failure;
use crate::args::{print_line, read_stdin};
use crate::verifier_args::{Kind, VerifierArgs};
use alipay_notify::{Message, Notification};
use clap::{Args, ValueEnum};
use serde_json::json;

/// Verify a notification read from standard input.
#[derive(Args)]
#[command(after_help = "\
Examples:
  # A notify_url POST body saved from the request, with the key as the Alipay console shows it:
  alipay-notify verify --key alipay_public_key.txt --app-id 2021000000000000 < body.txt

  # A return_url query string (or the whole URL), during a key rotation:
  echo 'https://shop.example/return?charset=utf-8&...&sign=...' \\
    | alipay-notify verify --key old.pem --key new.pem

  # A legacy mapi (即时到账) notification signed with MD5:
  alipay-notify verify --md5-key \"$PARTNER_KEY\" < body.txt

Standard input is the raw body or query exactly as received (one trailing line break is
ignored). On success the verified parameters are printed as one JSON object and the exit code
is 0. A rejected message exits 1 with `ERROR_NAME: explanation` on stderr; a usage or
configuration error exits 2.")]
pub struct VerifyArgs {
    #[command(flatten)]
    verifier: VerifierArgs,

    /// Whether stdin is a notify_url body or a return_url query; auto treats input starting
    /// with `?`, `/` or `http` as a return_url.
    #[arg(long, value_enum, default_value_t = Kind::Auto)]
    kind: Kind,

    /// Also check the order: the expected out_trade_no (use with --total-amount).
    #[arg(long, value_name = "NO", requires = "total_amount")]
    out_trade_no: Option<String>,

    /// Also check the order: the expected amount in yuan, e.g. 88.00.
    #[arg(long, value_name = "YUAN", requires = "out_trade_no")]
    total_amount: Option<String>,

    /// Print the verified parameters (default), or a report with how it verified and typed
    /// fields.
    #[arg(long, value_enum, default_value_t = Output::Params)]
    output: Output,
}

#[derive(Clone, Copy, ValueEnum)]
enum Output {
    Params,
    Report,
}

pub fn run(args: VerifyArgs) -> Result<(), Failure> {
    let verifier = args.verifier.builder()?.build()?;
    let input = read_stdin()?;
    let kind = args.kind.resolve(&input);
    let notification = verifier.verify_message(Message::Raw(&input), kind)?;
    if let (Some(out_trade_no), Some(total_amount)) = (&args.out_trade_no, &args.total_amount) {
        notification.check_order(out_trade_no, total_amount)?;
    }
    let output = match args.output {
        Output::Params => serde_json::to_string_pretty(&notification),
        Output::Report => serde_json::to_string_pretty(&report(&notification)),
    };
    print_line(&output.map_err(|e| Failure::Config(format!("INTERNAL: {e}")))?)?;
    Ok(())
}

fn report(notification: &Notification) -> serde_json::Value {
    let v = notification.verification();
    let amount =
        |r: alipay_notify::Result<Option<alipay_notify::Amount>>| r.ok().flatten().map(|a| a.fen());
    json!({
        "params": notification,
        "decrypted_biz_content": notification.decrypted_biz_content(),
        "verification": {
            "kind": v.kind.as_str(),
            "rule": v.rule.as_str(),
            "empty_values": v.empty_values.as_str(),
            "sign_type": v.sign_type.as_str(),
            "charset": v.charset.label(),
            "key_index": v.key_index,
            "key_fingerprint": v.key_fingerprint,
        },
        "typed": {
            "out_trade_no": notification.out_trade_no(),
            "trade_no": notification.trade_no(),
            "trade_status": notification.trade_status().map(|s| s.as_str().to_string()),
            "is_paid": notification.is_paid(),
            "total_amount_fen": amount(notification.order_amount()),
            "receipt_amount_fen": amount(notification.receipt_amount()),
            "gmt_payment": notification.gmt_payment().ok().flatten().map(|t| t.to_rfc3339()),
            "notify_id": notification.notify_id(),
            "msg_method": notification.msg_method(),
            "biz_content": notification.biz_content().ok().flatten(),
            "utc_timestamp_ms": notification.utc_timestamp_millis().ok().flatten(),
        },
    })
}
