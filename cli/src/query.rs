//! `alipay-notify query`: ask Alipay about one trade (alipay.trade.query, 主动查询), close an
//! unpaid one (alipay.trade.close) or look up a refund (alipay.trade.fastpay.refund.query), and
//! print the verified answer. The core builds the signed request and reads the signed answer;
//! this file only picks the request, and gateway_post.rs does the HTTP(S) POST.

use crate::Failure;
use crate::args::{KeyRole, print_line, read_key};
use crate::gateway_post::post;
use alipay_notify::{AlipayTime, LedgerEntry, TradeRef, TradeRequest, TradeResult, Verifier};
use clap::{Args, ValueEnum};
use serde_json::{Value, json};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Query one trade (alipay.trade.query), close it, or look up one of its refunds.
#[derive(Args)]
#[command(after_help = "\
Examples:
  # Alipay's gateway (HTTPS, the certificate checked against the system's CA store):
  alipay-notify query --gateway https://openapi.alipay.com/gateway.do --app-id 2021000000000001 \\
    --private-key app_private_key.pem --key alipay_public_key.txt --out-trade-no T20240102001

  # Against the local sandbox (alipay-notify sandbox prints its URL and key):
  alipay-notify query --gateway http://127.0.0.1:8090/gateway.do --app-id 2021000000000001 \\
    --private-key app_private_key.pem --key alipay_public_key.txt --out-trade-no T20240102001

  # Close an unpaid trade; look up a refund:
  alipay-notify query --method close ... --out-trade-no T20240102001
  alipay-notify query --method refund-query ... --out-trade-no T20240102001 --out-request-no R1

The request is signed with the app private key (RSA2, sign_type signed) and the answer's
signature checked with Alipay's public key. The verified result is printed as JSON, amounts in
integer fen (total_amount_fen ...). Exit codes: 0 Alipay answered code 10000 (the trade was
found; closed; for refund-query, read refund_amount_fen: null means not refunded), 1 not found
(ACQ.TRADE_NOT_EXIST), another business failure, or an answer that does not verify; 2 a usage,
configuration or network error (an untrusted TLS certificate among them).")]
#[command(group(clap::ArgGroup::new("trade").required(true).args(["out_trade_no", "trade_no"])))]
pub struct QueryArgs {
    /// The gateway URL: Alipay's https://openapi.alipay.com/gateway.do, or the sandbox's
    /// http://127.0.0.1:8090/gateway.do.
    #[arg(long, value_name = "URL")]
    gateway: String,

    /// The app's APPID.
    #[arg(long, value_name = "ID")]
    app_id: String,

    /// The app private key (应用私钥): a file path or the key text, PEM or bare base64.
    #[arg(long, value_name = "KEY", allow_hyphen_values = true)]
    private_key: String,

    /// Alipay's public key (支付宝公钥): a file path or the key text. Repeat for key rotation.
    #[arg(
        long = "key",
        value_name = "KEY",
        required = true,
        allow_hyphen_values = true
    )]
    keys: Vec<String>,

    /// The merchant's order number.
    #[arg(long, value_name = "NO")]
    out_trade_no: Option<String>,

    /// Alipay's trade number.
    #[arg(long, value_name = "NO")]
    trade_no: Option<String>,

    /// What to ask: query (alipay.trade.query), close (alipay.trade.close, an unpaid trade) or
    /// refund-query (alipay.trade.fastpay.refund.query, with --out-request-no).
    #[arg(long, value_enum, default_value_t = Method::Query)]
    method: Method,

    /// The refund's number for --method refund-query (for a refund made without one, the
    /// out_trade_no).
    #[arg(long, value_name = "NO", required_if_eq("method", "refund-query"))]
    out_request_no: Option<String>,

    /// Seconds to wait for the answer.
    #[arg(long, value_name = "SECONDS", default_value_t = 15)]
    timeout: u64,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Method {
    Query,
    Close,
    RefundQuery,
}

pub fn run(args: QueryArgs) -> Result<(), Failure> {
    let request = request(&args)?;
    let private_key = read_key(&args.private_key, "--private-key", KeyRole::Private)?;
    let mut builder = Verifier::builder();
    for key in &args.keys {
        builder = builder.public_key(read_key(key, "--key", KeyRole::Public)?);
    }
    let verifier = builder.build()?;
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let timestamp = AlipayTime::from_unix_timestamp(now)?.to_string();
    let form = request.signed_form(&private_key, &timestamp)?;
    let body = post(&args.gateway, form, Duration::from_secs(args.timeout))?;
    let result = request.verify_response(&verifier, &body)?;
    let entry = LedgerEntry::for_trade_result(&request, &result, &body);
    let json = serde_json::to_string_pretty(&to_json(&result, entry.transition))
        .map_err(|e| Failure::Config(format!("INTERNAL: {e}")))?;
    print_line(&json)?;
    match result.is_success() {
        true => Ok(()),
        false => Err(Failure::Quiet(1)),
    }
}

/// The core's request for the chosen method and trade.
fn request(args: &QueryArgs) -> Result<TradeRequest, Failure> {
    let trade = match (&args.out_trade_no, &args.trade_no) {
        (Some(no), _) => TradeRef::OutTradeNo(no.clone()),
        (None, Some(no)) => TradeRef::TradeNo(no.clone()),
        (None, None) => unreachable!("clap requires one of them"),
    };
    let app_id = &args.app_id;
    Ok(match (args.method, &args.out_request_no) {
        (Method::RefundQuery, Some(no)) => TradeRequest::refund_query(app_id, trade, no),
        (Method::RefundQuery, None) => unreachable!("clap requires --out-request-no"),
        // Silently ignoring it would answer another question than the one asked.
        (_, Some(_)) => {
            return Err(Failure::Config(
                "INVALID_CONFIG: --out-request-no is for --method refund-query only".into(),
            ));
        }
        (Method::Query, None) => TradeRequest::query(app_id, trade),
        (Method::Close, None) => TradeRequest::close(app_id, trade),
    })
}

/// The result as JSON: amounts in integer fen, fields the answer left out as null, and the
/// ledger transition the core reads from it (PAID, CLOSED, REFUND:<out_request_no> or null).
fn to_json(result: &TradeResult, transition: Option<String>) -> Value {
    let fen = |amount: Option<alipay_notify::Amount>| amount.map(|a| a.fen());
    json!({
        "method": result.method.as_str(),
        "verified": true,
        "found": result.is_success(),
        "paid": result.is_paid(),
        "code": result.code,
        "msg": result.msg,
        "sub_code": result.sub_code,
        "sub_msg": result.sub_msg,
        "out_trade_no": result.out_trade_no,
        "trade_no": result.trade_no,
        "trade_status": result.trade_status.as_ref().map(|s| s.as_str()),
        "total_amount_fen": fen(result.total_amount),
        "receipt_amount_fen": fen(result.receipt_amount),
        "buyer_pay_amount_fen": fen(result.buyer_pay_amount),
        "out_request_no": result.out_request_no,
        "refund_amount_fen": fen(result.refund_amount),
        "refund_status": result.refund_status,
        "transition": transition,
        "send_pay_date": result.send_pay_date,
        "buyer_logon_id": result.buyer_logon_id,
        "buyer_user_id": result.buyer_user_id,
        "buyer_open_id": result.buyer_open_id,
        "sign_type": result.sign_type.as_str(),
        "key_fingerprint": result.key_fingerprint,
    })
}
