//! `alipay-notify verify-response`: verify a signed OpenAPI response (同步响应) from standard
//! input.

use crate::Failure;
use crate::args::{print_line, read_stdin};
use crate::verifier_args::VerifierArgs;
use clap::Args;

/// Verify an Alipay OpenAPI response body read from standard input.
#[derive(Args)]
#[command(after_help = "\
Examples:
  # The raw HTTP body of an alipay.trade.query call, key as the Alipay console shows it:
  alipay-notify verify-response --key alipay_public_key.txt --method alipay.trade.query < body.json

  # Certificate mode during a rotation: the response's alipay_cert_sn picks the certificate:
  alipay-notify verify-response --key alipayCertPublicKey_RSA2.crt --key new_alipay_cert.crt < body.json

  # Certificate mode, checking the certificates against Alipay's root bundle first:
  alipay-notify verify-response --key alipayCertPublicKey_RSA2.crt \\
    --check-certificates alipayRootCert.crt < body.json

Standard input is the response body exactly as received: the signature covers the raw text of
the *_response member, so re-serialized JSON does not verify. On success the verified inner
object is printed as JSON and the exit code is 0 (a business error such as code 40004 is a
verified response too: check its code). A rejected response exits 1 with `ERROR_NAME:
explanation` on stderr; a usage or configuration error (including UNKNOWN_CERT_SN: add Alipay's
new certificate) exits 2.")]
pub struct VerifyResponseArgs {
    #[command(flatten)]
    verifier: VerifierArgs,

    /// The API method called, e.g. alipay.trade.query: the response must answer it (or be an
    /// error_response). Without it, the one *_response member is taken. The member's name is
    /// not signed: also check that the content answers your request.
    #[arg(long, value_name = "METHOD")]
    method: Option<String>,
}

pub fn run(args: VerifyResponseArgs) -> Result<(), Failure> {
    let verifier = args.verifier.builder()?.build()?;
    let input = read_stdin()?;
    let response = verifier.verify_response(&input, args.method.as_deref())?;
    let json = serde_json::to_string_pretty(response.value())
        .map_err(|e| Failure::Config(format!("INTERNAL: {e}")))?;
    print_line(&json)
}
