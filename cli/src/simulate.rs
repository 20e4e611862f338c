//! `alipay-notify simulate`: a realistic signed notification, as Alipay would send it.

use crate::Failure;
use crate::args::print_line;
use crate::sign::signer;
use crate::simulate_send::{SendNotifyArgs, send_notify};
use alipay_notify::Rule;
use clap::{Args, Subcommand, ValueEnum};

/// Print a signed sample notify body or return_url query, or (`simulate notify`) send one.
#[derive(Args)]
#[command(
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    after_help = "\
Examples:
  # A paid trade notification for order T1 of 88.00 yuan, signed with a test key:
  alipay-notify simulate --private-key test_private.pem --out-trade-no T1 --total-amount 88.00

  # Post it to a local notify_url the way Alipay does:
  alipay-notify simulate --private-key test_private.pem > body.txt
  curl -s -H 'Content-Type: application/x-www-form-urlencoded' --data-binary @body.txt \\
    http://127.0.0.1:8000/alipay/notify

  # The return_url redirect for the same order, and a GBK-encoded notification:
  alipay-notify simulate --private-key test_private.pem --kind return
  alipay-notify simulate --private-key test_private.pem --charset GBK --subject '测试商品'

  # Send it to notify_url and retry on Alipay's schedule (60x faster) until `success`:
  alipay-notify simulate notify --notify-url http://127.0.0.1:8000/alipay/notify \\
    --key test_private.pem --time-scale 60 out_trade_no=T1 total_amount=88.00"
)]
pub struct SimulateArgs {
    /// The private key that stands in for Alipay's (file path or key text).
    #[arg(
        long,
        value_name = "KEY",
        required_unless_present = "md5_key",
        allow_hyphen_values = true
    )]
    private_key: Option<String>,

    /// Sign a legacy mapi MD5 notification with this key instead.
    #[arg(
        long,
        value_name = "SECRET",
        conflicts_with = "private_key",
        allow_hyphen_values = true
    )]
    md5_key: Option<String>,

    /// notify (async POST body) or return (return_url query).
    #[arg(long, value_enum, default_value_t = Kind::Notify)]
    kind: Kind,

    /// RSA2 (the library's default), RSA, or SM2 (国密, with an SM2 private key).
    #[arg(long, value_name = "TYPE", value_parser = ["RSA2", "RSA", "SM2"])]
    sign_type: Option<String>,

    #[command(flatten)]
    sample: SampleArgs,

    #[command(subcommand)]
    send: Option<SimulateCommand>,
}

/// The fields of the sample message, each with a realistic default.
#[derive(Args)]
pub struct SampleArgs {
    /// app_id of the merchant's app.
    #[arg(long, value_name = "ID", default_value = "2021000000000000")]
    app_id: String,

    /// seller_id (the merchant's Alipay user id).
    #[arg(long, value_name = "ID", default_value = "2088000000000000")]
    seller_id: String,

    /// The merchant's order number.
    #[arg(long, value_name = "NO", default_value = "T20240102000001")]
    out_trade_no: String,

    /// The amount in yuan.
    #[arg(long, value_name = "YUAN", default_value = "88.00")]
    total_amount: String,

    /// trade_status (notify only).
    #[arg(long, value_name = "STATUS", default_value = "TRADE_SUCCESS")]
    trade_status: String,

    /// subject of the trade.
    #[arg(long, value_name = "TEXT", default_value = "测试商品 Test item")]
    subject: String,

    /// charset of the signed bytes: utf-8, GBK, GB2312 or GB18030.
    #[arg(long, value_name = "CHARSET", default_value = "utf-8")]
    charset: String,

    /// notify_id; a fixed one makes Alipay's retries easy to simulate.
    #[arg(
        long,
        value_name = "ID",
        default_value = "2024010200222102030000000000000001"
    )]
    notify_id: String,
}

#[derive(Subcommand)]
enum SimulateCommand {
    Notify(SendNotifyArgs),
}

#[derive(Clone, Copy, ValueEnum)]
enum Kind {
    Notify,
    Return,
}

pub fn run(args: SimulateArgs) -> Result<(), Failure> {
    if let Some(SimulateCommand::Notify(send)) = args.send {
        return send_notify(send);
    }
    // Notifications and return_url queries are signed under v1 (sign_type not signed).
    let signer = signer(
        args.private_key.as_deref(),
        args.md5_key.as_deref(),
        args.sign_type.as_deref(),
        Some(Rule::V1),
    )?;
    print_line(&signer.signed_form(&sample_params(args.kind, &args.sample))?)?;
    Ok(())
}

/// The sample notification: every field Alipay sends, from `sample`.
pub fn notify_params(sample: &SampleArgs) -> Vec<(String, String)> {
    sample_params(Kind::Notify, sample)
}

/// The sample message of `kind`: every field Alipay sends, from `sample`.
fn sample_params(kind: Kind, sample: &SampleArgs) -> Vec<(String, String)> {
    let trade_no = "2024010222001400000000000001";
    let fund_bill = format!(
        r#"[{{"amount":"{}","fundChannel":"ALIPAYACCOUNT"}}]"#,
        sample.total_amount
    );
    let params: Vec<(&str, &str)> = match kind {
        Kind::Notify => vec![
            ("gmt_create", "2024-01-02 10:20:25"),
            ("charset", &sample.charset),
            ("seller_email", "merchant@example.com"),
            ("subject", &sample.subject),
            ("buyer_id", "2088102000000001"),
            ("invoice_amount", &sample.total_amount),
            ("notify_id", &sample.notify_id),
            // Built from the amount so the bill always matches the trade.
            ("fund_bill_list", &fund_bill),
            ("notify_type", "trade_status_sync"),
            ("trade_status", &sample.trade_status),
            ("receipt_amount", &sample.total_amount),
            ("app_id", &sample.app_id),
            ("buyer_pay_amount", &sample.total_amount),
            ("notify_time", "2024-01-02 10:20:31"),
            ("point_amount", "0.00"),
            ("total_amount", &sample.total_amount),
            ("trade_no", trade_no),
            ("auth_app_id", &sample.app_id),
            ("buyer_logon_id", "138****0000"),
            ("gmt_payment", "2024-01-02 10:20:30"),
            ("seller_id", &sample.seller_id),
            ("version", "1.0"),
            ("out_trade_no", &sample.out_trade_no),
            ("passback_params", "merchant%3Dshop%261"),
        ],
        Kind::Return => vec![
            ("charset", &sample.charset),
            ("out_trade_no", &sample.out_trade_no),
            ("method", "alipay.trade.page.pay.return"),
            ("total_amount", &sample.total_amount),
            ("trade_no", trade_no),
            ("auth_app_id", &sample.app_id),
            ("version", "1.0"),
            ("app_id", &sample.app_id),
            ("seller_id", &sample.seller_id),
            ("timestamp", "2024-01-02 10:20:33"),
        ],
    };
    params
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}
