//! `alipay-notify sandbox`: Alipay on 127.0.0.1 (the `alipay-notify-sandbox` crate).

use crate::Failure;
use crate::args::{KeyRole, read_key};
use alipay_notify_sandbox::{Config, Faults, NotifyTiming, run_blocking};
use clap::Args;
use std::io::Write as _;
use std::path::PathBuf;

/// Run a local Alipay gateway that pays, notifies and retries like Alipay.
#[derive(Args)]
#[command(after_help = "\
Examples:
  # On a free port; the first line printed is the gateway URL:
  alipay-notify sandbox --port 0

  # Check the shop's request signatures, and retry every minute instead of every hour:
  alipay-notify sandbox --port 8090 --app-public-key app_public_key.txt --time-scale 60

  # Rehearse idempotency: every notification twice, and no return redirect (掉单):
  alipay-notify sandbox --fault duplicate --fault drop-return

The sandbox listens on 127.0.0.1 only. It prints the gateway URL, its Alipay public key and the
settings to paste into a Django, Express or PHP shop. State (its key pair, orders, deliveries,
pending retries) is kept in --data-dir: a restart keeps the key and resumes pending retries.
Ctrl-C stops it.")]
pub struct SandboxArgs {
    /// The port on 127.0.0.1; 0 picks a free one.
    #[arg(long, value_name = "PORT", default_value_t = 8090)]
    port: u16,

    /// Where the key pair and the SQLite state live (created when missing).
    #[arg(long, value_name = "DIR", default_value = "alipay-sandbox")]
    data_dir: PathBuf,

    /// Divide every retry interval by N: 60 turns 4 minutes into 4 seconds.
    #[arg(long, value_name = "N", default_value_t = 1.0)]
    time_scale: f64,

    /// The merchant app's public key (应用公钥), file or text; repeatable. With it, requests
    /// are signature-checked; without, any signature is accepted.
    #[arg(long, value_name = "KEY", allow_hyphen_values = true)]
    app_public_key: Vec<String>,

    /// A fault every order gets unless its checkout page or Pay request chooses others;
    /// repeatable: duplicate (the notification delivered twice), early-notify (before the
    /// return), late-notify (10 minutes after it, scaled), drop-return (掉单), drop-notify
    /// (paid, but no notification is ever sent: only a query finds it), gbk, rsa.
    #[arg(long, value_name = "FAULT", value_parser = [
        "duplicate", "early-notify", "late-notify", "drop-return", "drop-notify", "gbk", "rsa",
    ])]
    fault: Vec<String>,
}

/// The `--fault` flags as the sandbox's default faults.
fn default_faults(names: &[String]) -> Result<Faults, Failure> {
    let mut faults = Faults::default();
    for name in names {
        match name.as_str() {
            "duplicate" => faults.duplicate = true,
            "early-notify" | "late-notify" if faults.notify != NotifyTiming::Normal => {
                return Err(Failure::Config(
                    "--fault early-notify and late-notify exclude each other".into(),
                ));
            }
            "early-notify" => faults.notify = NotifyTiming::Early,
            "late-notify" => faults.notify = NotifyTiming::Late,
            "drop-return" => faults.drop_return = true,
            "drop-notify" => faults.drop_notify = true,
            "gbk" => faults.charset = Some("GBK".into()),
            _ => faults.sign_type = Some("RSA".into()),
        }
    }
    Ok(faults)
}

pub fn run(args: SandboxArgs) -> Result<(), Failure> {
    let app_public_keys = args
        .app_public_key
        .iter()
        .map(|key| read_key(key, "--app-public-key", KeyRole::Public))
        .collect::<Result<Vec<_>, _>>()?;
    let config = Config {
        port: args.port,
        data_dir: args.data_dir,
        time_scale: args.time_scale,
        app_public_keys,
        default_faults: default_faults(&args.fault)?,
    };
    run_blocking(config, |sandbox| {
        let mut out = std::io::stdout().lock();
        // Scripts wait for the first line: flush it now, not when the buffer fills.
        let _ = out.write_all(sandbox.banner().as_bytes());
        let _ = out.flush();
    })
    .map_err(|e| Failure::Config(e.to_string()))
}
