//! `alipay-notify simulate notify`: one signed notification POSTed to a notify_url, retried as
//! Alipay retries it (the sandbox's delivery), each attempt and its verdict printed.

use crate::Failure;
use crate::args::print_line;
use crate::sign::signer;
use crate::simulate::{SampleArgs, notify_params};
use alipay_notify::Rule;
use alipay_notify_sandbox::{Verdict, send_notify_blocking};
use clap::Args;

/// Send one signed notification to a notify_url, retrying until it answers exactly `success`.
#[derive(Args)]
#[command(after_help = "\
Examples:
  # Retry on Alipay's schedule (4m, 10m, 10m, 1h, 2h, 6h, 15h), 60 times faster:
  alipay-notify simulate notify --notify-url http://127.0.0.1:8000/alipay/notify \\
    --key alipay_private_key.pem --time-scale 60 out_trade_no=T1 total_amount=88.00

Fields given as NAME=VALUE replace the sample's (or add to them). One line per attempt:
`attempt N TIME HTTP STATUS VERDICT \"REPLY\"`, VERDICT being acknowledged (exactly `success`),
near_miss (what a human would read as success, Alipay not) or failed. Exit code 0 when the last
attempt was acknowledged, 1 when every attempt failed.")]
pub struct SendNotifyArgs {
    /// Where to POST the notification.
    #[arg(long, value_name = "URL")]
    notify_url: String,

    /// The private key that stands in for Alipay's (file path or key text).
    #[arg(long, value_name = "KEY", allow_hyphen_values = true)]
    key: String,

    /// RSA2 (default) or RSA.
    #[arg(long, value_name = "TYPE", value_parser = ["RSA2", "RSA"])]
    sign_type: Option<String>,

    /// Divide every retry interval by N: 60 turns 4 minutes into 4 seconds.
    #[arg(long, value_name = "N", default_value_t = 1.0)]
    time_scale: f64,

    #[command(flatten)]
    sample: SampleArgs,

    /// Fields to set, as NAME=VALUE.
    #[arg(value_name = "NAME=VALUE")]
    fields: Vec<String>,
}

pub fn send_notify(args: SendNotifyArgs) -> Result<(), Failure> {
    let signer = signer(
        Some(&args.key),
        None,
        args.sign_type.as_deref(),
        Some(Rule::V1),
    )?;
    let mut params = notify_params(&args.sample);
    for field in &args.fields {
        let Some((name, value)) = field.split_once('=').filter(|(n, _)| !n.is_empty()) else {
            return Err(Failure::Config(format!(
                "fields are NAME=VALUE; got an argument without a name and '=' ({} characters)",
                field.chars().count()
            )));
        };
        match params.iter_mut().find(|(n, _)| n == name) {
            Some(pair) => pair.1 = value.to_string(),
            None => params.push((name.to_string(), value.to_string())),
        }
    }
    let charset = params
        .iter()
        .find(|(n, _)| n == "charset")
        .map_or("utf-8".to_string(), |(_, v)| v.clone());
    let body = signer.signed_form(&params)?;
    let mut failed_output = None;
    let verdict = send_notify_blocking(&args.notify_url, &body, &charset, args.time_scale, |a| {
        let status = a
            .http_status
            .map_or("-".to_string(), |status| status.to_string());
        let line = format!(
            "attempt {} {} HTTP {status} {} {:?}",
            a.attempt,
            a.at,
            a.verdict.as_str(),
            a.reply
        );
        if let Err(err) = print_line(&line) {
            failed_output.get_or_insert(err);
        }
    })
    .map_err(|e| Failure::Config(e.to_string()))?;
    if let Some(err) = failed_output {
        return Err(err);
    }
    match verdict {
        Verdict::Acknowledged => Ok(()),
        _ => Err(Failure::Quiet(1)),
    }
}
