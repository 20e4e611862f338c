//! `alipay-notify verify`: verify a raw notify body or return_url query from standard input.

use crate::Failure;
use crate::args::{print_line, read_key, read_stdin};
use alipay_notify::{Charset, MessageKind, Notification, Rule, SignType, Verifier};
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
    /// Alipay's public key (支付宝公钥): a file path or the key text; bare base64, PEM,
    /// PKCS#1 or a certificate. Repeat for key rotation.
    #[arg(long = "key", value_name = "KEY")]
    keys: Vec<String>,

    /// Accepted sign types (default RSA2). Repeat to accept several, e.g. `--sign-type RSA2
    /// --sign-type RSA` for a merchant migrating from RSA.
    #[arg(long = "sign-type", value_name = "TYPE", value_parser = ["RSA2", "RSA"])]
    sign_types: Vec<String>,

    /// Which parameters the signature covers: v1 (notify, return_url), v2 (app-gateway
    /// messages), auto (v1 then v2).
    #[arg(long, value_name = "RULE", default_value = "auto", value_parser = ["auto", "v1", "v2"])]
    rule: String,

    /// Reject messages for another app_id.
    #[arg(long, value_name = "ID")]
    app_id: Option<String>,

    /// Reject messages for another seller_id. Repeat to accept several.
    #[arg(long = "seller-id", value_name = "ID")]
    seller_ids: Vec<String>,

    /// Minimum RSA key size; 1024 admits legacy keys.
    #[arg(long, value_name = "N", default_value_t = alipay_notify::DEFAULT_MIN_KEY_BITS)]
    min_key_bits: usize,

    /// Legacy mapi MD5 key (安全校验码), to verify sign_type=MD5 messages.
    #[arg(long, value_name = "SECRET")]
    md5_key: Option<String>,

    /// Charset of messages that carry no `charset` parameter: legacy mapi merchants give their
    /// `input_charset` here (utf-8, GBK, GB2312, GB18030).
    #[arg(long, value_name = "CHARSET", default_value = "utf-8")]
    default_charset: String,

    /// Size limit for the message in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = alipay_notify::DEFAULT_MAX_SIZE)]
    max_size: usize,

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
enum Kind {
    Auto,
    Notify,
    Return,
}

#[derive(Clone, Copy, ValueEnum)]
enum Output {
    Params,
    Report,
}

pub fn run(args: VerifyArgs) -> Result<(), Failure> {
    if args.keys.is_empty() && args.md5_key.is_none() {
        return Err(Failure::Config(
            "INVALID_CONFIG: give Alipay's public key with --key, or --md5-key for legacy MD5 messages".into(),
        ));
    }
    let mut builder = Verifier::builder()
        .rule(args.rule.parse::<Rule>()?)
        .min_key_bits(args.min_key_bits)
        .max_size(args.max_size)
        .default_charset(
            Charset::from_label(args.default_charset.as_bytes()).map_err(|e| {
                Failure::Config(format!(
                    "INVALID_CONFIG: --default-charset: {}",
                    e.message()
                ))
            })?,
        );
    for key in &args.keys {
        builder = builder.public_key(read_key(key, "--key")?);
    }
    if !args.sign_types.is_empty() {
        let types = args
            .sign_types
            .iter()
            .map(|t| t.parse::<SignType>())
            .collect::<Result<Vec<_>, _>>()?;
        builder = builder.sign_types(types);
    }
    if let Some(app_id) = args.app_id {
        builder = builder.app_id(app_id);
    }
    for seller_id in args.seller_ids {
        builder = builder.seller_id(seller_id);
    }
    if let Some(md5_key) = args.md5_key {
        builder = builder.md5_key(md5_key);
    }
    let verifier = builder.build()?;

    let input = read_stdin()?;
    let kind = match args.kind {
        Kind::Notify => MessageKind::Notify,
        Kind::Return => MessageKind::Return,
        Kind::Auto
            if input.starts_with(b"?") || input.starts_with(b"/") || input.starts_with(b"http") =>
        {
            MessageKind::Return
        }
        Kind::Auto => MessageKind::Notify,
    };
    let notification = match kind {
        MessageKind::Notify => verifier.verify_notify(&input)?,
        MessageKind::Return => verifier.verify_return(&input)?,
    };
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
        },
    })
}
