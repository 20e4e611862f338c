//! `alipay-notify diagnose`: explain why a message does or does not verify.

use crate::Failure;
use crate::args::{KeyRole, print_line, read_key, read_stdin, read_stdin_exact};
use crate::v3::V3HeaderArgs;
use crate::verifier_args::{Kind, VerifierArgs};
use alipay_notify::{DiagnoseOptions, Diagnosis, MessageKind};
use clap::{Args, ValueEnum};

/// Explain why a message read from standard input fails (or passes) verification.
#[derive(Args)]
#[command(after_help = "\
Examples:
  # Why does this notify body fail? Give the key you configured, and your app key if you have it:
  alipay-notify diagnose --key configured_key.txt --app-public-key app_public.txt < body.txt

  # Machine-readable findings for a support tool:
  alipay-notify diagnose --key alipay_public.pem --json < body.txt

  # An API response or open-data envelope (JSON), or a v3 response with its headers:
  alipay-notify diagnose --kind response --key alipay_public.pem --method alipay.trade.query < body.json
  alipay-notify diagnose --kind v3 --key alipay_public.pem --timestamp \"$TS\" --nonce \"$NONCE\" \\
    --signature \"$SIG\" < body.json

A diagnosis never accepts a message: it undoes one known corruption at a time (HTML escaping,
`+` turned into a space, a second decoding, extra parameters, list values, transcoding, the
wrong rule or sign type) and calls a cause certain only when the signature then verifies.
Its work is bounded (the input is read up to --max-size; cli/README.md lists the search limits):
when a limit cuts the search short, the output says so (`search_capped` in --json). Text taken
from the message is shown with control characters escaped (\\r, \\n, \\x1b).
Exit 0 when the message verifies as received, 1 when it does not, 2 for a usage or
configuration error.")]
pub struct DiagnoseArgs {
    #[command(flatten)]
    verifier: VerifierArgs,

    /// Your app's public key (应用公钥), file or text: detects it configured in place of
    /// Alipay's. Repeat for several apps.
    #[arg(
        long = "app-public-key",
        visible_alias = "app-public-keys",
        value_name = "KEY",
        allow_hyphen_values = true
    )]
    app_public_keys: Vec<String>,

    /// What stdin is: a notify_url body or a return_url query (auto tells them apart), a v2
    /// API response or open-data envelope, or a v3 response body.
    #[arg(long, value_enum, default_value_t = DiagnoseKind::Auto)]
    kind: DiagnoseKind,

    /// --kind response: the API method called, e.g. alipay.trade.query.
    #[arg(long, value_name = "METHOD")]
    method: Option<String>,

    /// --kind v3: the response headers, as for verify-v3.
    #[command(flatten)]
    v3_headers: V3HeaderArgs,

    /// Print the diagnosis as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: DiagnoseArgs) -> Result<(), Failure> {
    let verifier = args.verifier.builder()?.build()?;
    let options = DiagnoseOptions {
        app_public_keys: args
            .app_public_keys
            .iter()
            .map(|k| read_key(k, "--app-public-key", KeyRole::Public))
            .collect::<Result<_, _>>()?,
        // --app-private-key is a verifier flag too (it decrypts 生活号 biz_content): one flag
        // serves both.
        app_private_key: args.verifier.app_private_key()?,
        kind: args.kind.message_kind(),
    };
    let diagnosis = match args.kind {
        DiagnoseKind::Response => {
            verifier.diagnose_response(read_stdin()?, args.method.as_deref(), &options)?
        }
        DiagnoseKind::V3 => {
            let headers = args.v3_headers.headers()?;
            verifier.diagnose_v3(&headers, read_stdin_exact()?, &options)?
        }
        _ => verifier.diagnose(read_stdin()?, &options)?,
    };
    if args.json {
        let text = serde_json::to_string_pretty(&diagnosis)
            .map_err(|e| Failure::Config(format!("INTERNAL: {e}")))?;
        print_line(&text)?;
    } else {
        print_line(&human(&diagnosis))?;
    }
    if diagnosis.verified {
        Ok(())
    } else {
        Err(Failure::Quiet(1))
    }
}

/// The message kinds `diagnose` takes: `verify`'s, and the API responses.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DiagnoseKind {
    /// Input starting with `?`, `/` or `http` is a return_url, anything else a notify body.
    Auto,
    /// A notify_url POST body.
    Notify,
    /// A return_url query string or URL.
    Return,
    /// A v2 API response body (同步响应, plain or encrypted) or a mini-program open-data
    /// envelope.
    Response,
    /// An OpenAPI v3 response body, with its headers as flags.
    V3,
}

impl DiagnoseKind {
    fn message_kind(self) -> Option<MessageKind> {
        match self {
            DiagnoseKind::Notify => Kind::Notify.given(),
            DiagnoseKind::Return => Kind::Return.given(),
            _ => None,
        }
    }
}

fn human(diagnosis: &Diagnosis) -> String {
    let mut out = String::new();
    match &diagnosis.error {
        None => out.push_str("Verified: yes\n"),
        Some((name, message)) => out.push_str(&format!("Verified: no ({name}: {message})\n")),
    }
    for finding in &diagnosis.findings {
        let label = if finding.certain { "Cause" } else { "Hint" };
        out.push_str(&format!(
            "\n{label}: {}\n  {}\n  {}\n  Fix: {}\n  修复：{}\n",
            finding.code, finding.explanation, finding.explanation_zh, finding.fix, finding.fix_zh
        ));
    }
    if diagnosis.search_capped {
        out.push_str(
            "\nSearch cut short: the diagnosis stopped at its work limit before trying every \
             candidate, so a cause may be missing.\n\
             诊断达到工作量上限，未尝试全部可能，原因可能未被找出。\n",
        );
    }
    if !diagnosis.ruled_out.is_empty() {
        out.push_str(&format!(
            "\nRuled out: {}\n",
            diagnosis.ruled_out.join(", ")
        ));
    }
    if let (Some(hash), Some(preview)) = (&diagnosis.content_sha256, &diagnosis.content_preview) {
        out.push_str(&format!(
            "\nSigned content (v1) SHA-256: {hash}\nPreview: {preview}\n"
        ));
    } else if let Some(hash) = &diagnosis.content_sha256 {
        out.push_str(&format!("\nSigned content SHA-256: {hash}\n"));
    }
    out.trim_end().to_string()
}
