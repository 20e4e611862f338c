//! `alipay-notify simulate`: a realistic signed notification, as Alipay would send it.

use crate::Failure;
use crate::args::print_line;
use crate::sign::signer;
use alipay_notify::Rule;
use clap::{Args, ValueEnum};

/// Print a signed sample notify body or return_url query.
#[derive(Args)]
#[command(after_help = "\
Examples:
  # A paid trade notification for order T1 of 88.00 yuan, signed with a test key:
  alipay-notify simulate --private-key test_private.pem --out-trade-no T1 --total-amount 88.00

  # Post it to a local notify_url the way Alipay does:
  alipay-notify simulate --private-key test_private.pem > body.txt
  curl -s -H 'Content-Type: application/x-www-form-urlencoded' --data-binary @body.txt \\
    http://127.0.0.1:8000/alipay/notify

  # The return_url redirect for the same order, and a GBK-encoded notification:
  alipay-notify simulate --private-key test_private.pem --kind return
  alipay-notify simulate --private-key test_private.pem --charset GBK --subject '测试商品'")]
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

#[derive(Clone, Copy, ValueEnum)]
enum Kind {
    Notify,
    Return,
}

pub fn run(args: SimulateArgs) -> Result<(), Failure> {
    // Notifications and return_url queries are signed under v1 (sign_type not signed).
    let signer = signer(
        args.private_key.as_deref(),
        args.md5_key.as_deref(),
        args.sign_type.as_deref(),
        Some(Rule::V1),
    )?;
    let trade_no = "2024010222001400000000000001";
    let params: Vec<(&str, &str)> = match args.kind {
        Kind::Notify => vec![
            ("gmt_create", "2024-01-02 10:20:25"),
            ("charset", &args.charset),
            ("seller_email", "merchant@example.com"),
            ("subject", &args.subject),
            ("buyer_id", "2088102000000001"),
            ("invoice_amount", &args.total_amount),
            ("notify_id", &args.notify_id),
            (
                "fund_bill_list",
                // Built from the amount so the bill always matches the trade.
                "__FUND_BILL__",
            ),
            ("notify_type", "trade_status_sync"),
            ("trade_status", &args.trade_status),
            ("receipt_amount", &args.total_amount),
            ("app_id", &args.app_id),
            ("buyer_pay_amount", &args.total_amount),
            ("notify_time", "2024-01-02 10:20:31"),
            ("point_amount", "0.00"),
            ("total_amount", &args.total_amount),
            ("trade_no", trade_no),
            ("auth_app_id", &args.app_id),
            ("buyer_logon_id", "138****0000"),
            ("gmt_payment", "2024-01-02 10:20:30"),
            ("seller_id", &args.seller_id),
            ("version", "1.0"),
            ("out_trade_no", &args.out_trade_no),
            ("passback_params", "merchant%3Dshop%261"),
        ],
        Kind::Return => vec![
            ("charset", &args.charset),
            ("out_trade_no", &args.out_trade_no),
            ("method", "alipay.trade.page.pay.return"),
            ("total_amount", &args.total_amount),
            ("trade_no", trade_no),
            ("auth_app_id", &args.app_id),
            ("version", "1.0"),
            ("app_id", &args.app_id),
            ("seller_id", &args.seller_id),
            ("timestamp", "2024-01-02 10:20:33"),
        ],
    };
    let fund_bill = format!(
        r#"[{{"amount":"{}","fundChannel":"ALIPAYACCOUNT"}}]"#,
        args.total_amount
    );
    let params: Vec<(&str, &str)> = params
        .into_iter()
        .map(|(k, v)| {
            if v == "__FUND_BILL__" {
                (k, fund_bill.as_str())
            } else {
                (k, v)
            }
        })
        .collect();
    print_line(&signer.signed_form(&params)?)?;
    Ok(())
}
