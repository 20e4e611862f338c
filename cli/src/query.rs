//! `alipay-notify query`: ask Alipay about one trade (alipay.trade.query, 主动查询) and print the
//! verified answer. The core builds the signed request and reads the signed answer; this file
//! only does the HTTP POST.

use crate::Failure;
use crate::args::{KeyRole, print_line, read_key};
use alipay_notify::{AlipayTime, TradeRef, TradeRequest, TradeResult, Verifier};
use clap::Args;
use serde_json::{Value, json};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Query one trade's status and amounts with alipay.trade.query.
#[derive(Args)]
#[command(after_help = "\
Examples:
  # Against the local sandbox (alipay-notify sandbox prints its URL and key):
  alipay-notify query --gateway http://127.0.0.1:8090/gateway.do --app-id 2021000000000001 \\
    --private-key app_private_key.pem --key alipay_public_key.txt --out-trade-no T20240102001

The request is signed with the app private key (RSA2, sign_type signed) and the answer's
signature checked with Alipay's public key. The verified result is printed as JSON, amounts in
integer fen (total_amount_fen ...). Exit codes: 0 the trade was found, 1 not found
(ACQ.TRADE_NOT_EXIST), another business failure, or an answer that does not verify; 2 a usage,
configuration or network error. Only http:// gateways for now: this build has no TLS.")]
#[command(group(clap::ArgGroup::new("trade").required(true).args(["out_trade_no", "trade_no"])))]
pub struct QueryArgs {
    /// The gateway URL, e.g. the sandbox's http://127.0.0.1:8090/gateway.do.
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

    /// Seconds to wait for the answer.
    #[arg(long, value_name = "SECONDS", default_value_t = 15)]
    timeout: u64,
}

pub fn run(args: QueryArgs) -> Result<(), Failure> {
    if !args.gateway.starts_with("http://") {
        return Err(Failure::Config(
            "INVALID_CONFIG: --gateway: only http:// URLs are supported by this build (no TLS)"
                .into(),
        ));
    }
    let private_key = read_key(&args.private_key, "--private-key", KeyRole::Private)?;
    let mut builder = Verifier::builder();
    for key in &args.keys {
        builder = builder.public_key(read_key(key, "--key", KeyRole::Public)?);
    }
    let verifier = builder.build()?;
    let trade = match (args.out_trade_no, args.trade_no) {
        (Some(no), _) => TradeRef::OutTradeNo(no),
        (None, Some(no)) => TradeRef::TradeNo(no),
        (None, None) => unreachable!("clap requires one of them"),
    };
    let request = TradeRequest::query(&args.app_id, trade);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let timestamp = AlipayTime::from_unix_timestamp(now)?.to_string();
    let form = request.signed_form(&private_key, &timestamp)?;
    let body = post(&args.gateway, form, Duration::from_secs(args.timeout))?;
    let result = request.verify_response(&verifier, &body)?;
    let json = serde_json::to_string_pretty(&to_json(&result))
        .map_err(|e| Failure::Config(format!("INTERNAL: {e}")))?;
    print_line(&json)?;
    match result.is_success() {
        true => Ok(()),
        false => Err(Failure::Quiet(1)),
    }
}

/// POSTs the form and returns the raw body: the signature covers its exact text.
fn post(url: &str, form: String, timeout: Duration) -> Result<Vec<u8>, Failure> {
    let network = |e: reqwest::Error| Failure::Config(format!("NETWORK: {url}: {e}"));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Config(format!("INTERNAL: {e}")))?;
    runtime.block_on(async {
        let client = reqwest::Client::builder()
            .timeout(timeout)
            .build()
            .map_err(network)?;
        let response = client
            .post(url)
            .header(
                "content-type",
                "application/x-www-form-urlencoded;charset=utf-8",
            )
            .body(form)
            .send()
            .await
            .map_err(network)?;
        if !response.status().is_success() {
            return Err(Failure::Config(format!(
                "NETWORK: {url}: HTTP {}",
                response.status()
            )));
        }
        Ok(response.bytes().await.map_err(network)?.to_vec())
    })
}

/// The result as JSON: amounts in integer fen, fields the answer left out as null.
fn to_json(result: &TradeResult) -> Value {
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
        "send_pay_date": result.send_pay_date,
        "buyer_logon_id": result.buyer_logon_id,
        "buyer_user_id": result.buyer_user_id,
        "buyer_open_id": result.buyer_open_id,
        "sign_type": result.sign_type.as_str(),
        "key_fingerprint": result.key_fingerprint,
    })
}
