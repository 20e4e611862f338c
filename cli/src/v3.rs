//! `alipay-notify verify-v3` and `alipay-notify sign-v3`: OpenAPI v3 (`/v3/` REST API)
//! responses signed in HTTP headers, requests signed in an `Authorization` header.

use crate::Failure;
use crate::args::{KeyRole, print_bytes, print_line, read_key, read_stdin_exact};
use crate::verifier_args::VerifierArgs;
use alipay_notify::v3::{NONCE_HEADER, SIGNATURE_HEADER, SN_HEADER, TIMESTAMP_HEADER};
use alipay_notify::{PrivateKey, V3Headers, V3Request, V3Signer};
use clap::Args;

/// Verify an OpenAPI v3 response: its body from standard input, its signature headers as
/// flags.
#[derive(Args)]
#[command(after_help = "\
Examples:
  # The body saved byte for byte (curl -o), the headers copied from the response:
  curl -s -D headers.txt -o body.json ...
  alipay-notify verify-v3 --key alipay_public_key.txt --timestamp 1717756911576 \\
    --nonce 4f14052a-803e-6219-a069-e9635961a5a5 --signature 'FYlmMLRk...' < body.json

  # Certificate mode: alipay-sn picks the certificate; refuse responses older than 5 minutes:
  alipay-notify verify-v3 --key alipayCertPublicKey_RSA2.crt --key new_alipay_cert.crt \\
    --timestamp \"$TS\" --nonce \"$NONCE\" --signature \"$SIG\" --alipay-sn \"$SN\" \\
    --max-age 300 < body.json

  # Headers as `name: value` lines, in any case, as curl -D wrote them:
  alipay-notify verify-v3 --key alipay_public_key.txt \\
    --header 'Alipay-Timestamp: 1717756911576' --header 'Alipay-Nonce: ...' \\
    --header 'Alipay-Signature: ...' < body.json

Standard input is the body byte for byte: the signature covers every byte, so a line break at
its end counts (write it with printf '%s' or curl -o, not echo; when an added line break is why
it fails, the error says so). Verify every response this way, whatever its HTTP status: Alipay
signs its error responses too. On success the verified body is printed exactly as read and the
exit code is 0. A rejected response exits 1 with `ERROR_NAME: explanation` on stderr (no
alipay-signature: UNSIGNED_RESPONSE; too old for --max-age: STALE_RESPONSE); a usage or
configuration error exits 2 (an alipay-sn no configured certificate has: UNKNOWN_CERT_SN).")]
pub struct VerifyV3Args {
    #[command(flatten)]
    verifier: VerifierArgs,

    #[command(flatten)]
    headers: V3HeaderArgs,

    /// Judge --max-age as of this time, in milliseconds since 1970, instead of now (tests).
    #[arg(long, value_name = "MILLIS", allow_negative_numbers = true)]
    now: Option<i64>,
}

pub fn run_verify(args: VerifyV3Args) -> Result<(), Failure> {
    let verifier = args.verifier.builder()?.build()?;
    let headers = args.headers.headers()?;
    let body = read_stdin_exact()?;
    let verified = match args.now {
        Some(now) => verifier.verify_v3_at(&headers, &body, now)?,
        None => verifier.verify_v3(&headers, &body)?,
    };
    print_bytes(verified.body())
}

/// The response headers of a v3 response, as flags: shared by `verify-v3` and `diagnose --kind
/// v3`.
#[derive(Args)]
pub struct V3HeaderArgs {
    /// The alipay-timestamp header (milliseconds since 1970).
    #[arg(long, value_name = "TS")]
    timestamp: Option<String>,

    /// The alipay-nonce header.
    #[arg(long, value_name = "NONCE")]
    nonce: Option<String>,

    /// The alipay-signature header (base64). Without it the response is UNSIGNED_RESPONSE.
    #[arg(long, value_name = "SIG", allow_hyphen_values = true)]
    signature: Option<String>,

    /// The alipay-sn header (certificate mode): the SN of the Alipay certificate that signed.
    #[arg(long, value_name = "SN")]
    alipay_sn: Option<String>,

    /// A response header as `name: value`, repeatable, in any case: the alipay-* ones are
    /// read, others ignored. A header given twice (here or with the flags above) is
    /// DUPLICATE_PARAMETER.
    #[arg(
        long = "header",
        value_name = "NAME: VALUE",
        allow_hyphen_values = true
    )]
    headers: Vec<String>,
}

impl V3HeaderArgs {
    /// The headers given, picked as `V3Headers::from_pairs` picks them.
    pub fn headers(&self) -> Result<V3Headers, Failure> {
        let mut pairs = Vec::new();
        for (name, value) in [
            (TIMESTAMP_HEADER, &self.timestamp),
            (NONCE_HEADER, &self.nonce),
            (SIGNATURE_HEADER, &self.signature),
            (SN_HEADER, &self.alipay_sn),
        ] {
            if let Some(value) = value {
                pairs.push((name.to_string(), value.clone()));
            }
        }
        for header in &self.headers {
            let Some((name, value)) = header.split_once(':') else {
                return Err(Failure::Config(
                    "INVALID_CONFIG: --header takes `name: value`, such as \
                 'alipay-signature: ...'"
                        .into(),
                ));
            };
            pairs.push((name.trim().to_string(), value.trim().to_string()));
        }
        Ok(V3Headers::from_pairs(pairs)?)
    }
}

/// Sign an OpenAPI v3 request (the Authorization header), or, with --response, a v3 response
/// the way Alipay does (sandboxes, tests).
#[derive(Args)]
#[command(after_help = "\
Examples:
  # The Authorization header of a POST, the body read from standard input:
  printf '%s' '{\"out_trade_no\":\"T1\"}' | alipay-notify sign-v3 --private-key app_private.pem \\
    --app-id 2021000000000000 --method POST --uri /v3/alipay/trade/query

  # A GET (empty body), in certificate mode, on behalf of another merchant:
  alipay-notify sign-v3 --private-key app_private.pem --app-id 2021000000000000 \\
    --app-cert-sn \"$(alipay-notify cert-sn appCertPublicKey_2021000000000000.crt)\" \\
    --method GET --uri '/v3/alipay/trade/query?out_trade_no=T1' \\
    --app-auth-token 202212BBd64b2be8afd4b6c8468cf585bd05E50 < /dev/null

  # Play Alipay: the alipay-timestamp, alipay-nonce and alipay-signature headers of a body:
  alipay-notify sign-v3 --private-key alipay_test_private.pem --response < body.json

Standard input (or --body) is the body byte for byte; give an empty one (< /dev/null) for GET.
The nonce (a random UUID) and the timestamp (now, in milliseconds) are chosen unless given.
The request form prints the Authorization header's value:
`ALIPAY-SHA256withRSA app_id=...,[app_cert_sn=...,]nonce=...,timestamp=...,sign=...`; send
the token in the alipay-app-auth-token header, and in certificate mode Alipay's root SN in
alipay-root-cert-sn (alipay-notify cert-sn --root alipayRootCert.crt). A bad key or request
part exits 2.")]
pub struct SignV3Args {
    /// The private key: a file path or the key text (PKCS#8 or PKCS#1, PEM or bare base64).
    /// The app private key (应用私钥) for requests; the key that plays Alipay's for --response.
    #[arg(long, value_name = "KEY", allow_hyphen_values = true)]
    private_key: String,

    /// The app's app_id.
    #[arg(long, value_name = "ID", required_unless_present = "response")]
    app_id: Option<String>,

    /// Certificate mode: the SN of the app certificate (alipay-notify cert-sn
    /// appCertPublicKey_<app_id>.crt).
    #[arg(long, value_name = "SN", conflicts_with = "response")]
    app_cert_sn: Option<String>,

    /// The HTTP method (GET, POST, ...).
    #[arg(long, value_name = "METHOD", required_unless_present = "response")]
    method: Option<String>,

    /// The path and query as sent, without scheme and host: /v3/alipay/trade/query?...
    #[arg(long, value_name = "URI", required_unless_present = "response")]
    uri: Option<String>,

    /// The app auth token when calling on behalf of another merchant (代调用); it is signed.
    #[arg(long, value_name = "TOKEN", conflicts_with = "response")]
    app_auth_token: Option<String>,

    /// The nonce, instead of a random UUID.
    #[arg(long, value_name = "NONCE")]
    nonce: Option<String>,

    /// The timestamp in milliseconds since 1970, instead of now.
    #[arg(long, value_name = "MILLIS", allow_negative_numbers = true)]
    timestamp: Option<i64>,

    /// The body, instead of standard input.
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    body: Option<String>,

    /// Sign a response as Alipay does instead, and print its three alipay-* header lines.
    #[arg(long, conflicts_with_all = ["app_id", "method", "uri"])]
    response: bool,
}

pub fn run_sign(args: SignV3Args) -> Result<(), Failure> {
    let key = read_key(&args.private_key, "--private-key", KeyRole::Private)?;
    let body = match args.body {
        Some(body) => body.into_bytes(),
        None => read_stdin_exact()?,
    };
    if args.response {
        return sign_response(&key, args.timestamp, args.nonce, &body);
    }
    let (app_id, method, uri) = match (args.app_id, args.method, args.uri) {
        (Some(app_id), Some(method), Some(uri)) => (app_id, method, uri),
        _ => unreachable!("clap requires --app-id, --method and --uri without --response"),
    };
    let signer = V3Signer::new(&key, &app_id, args.app_cert_sn.as_deref())?;
    let authorization = signer.authorization(&V3Request {
        method,
        uri,
        body,
        app_auth_token: args.app_auth_token,
        nonce: args.nonce,
        timestamp: args.timestamp,
    })?;
    print_line(&authorization.header())
}

/// The headers Alipay would send with `body`, the nonce and time chosen as for a request.
fn sign_response(
    key: &str,
    timestamp: Option<i64>,
    nonce: Option<String>,
    body: &[u8],
) -> Result<(), Failure> {
    use alipay_notify::v3;
    let private = PrivateKey::parse(key)?;
    let timestamp = timestamp.unwrap_or_else(v3::now_millis).to_string();
    let nonce = nonce.map_or_else(v3::random_nonce, Ok)?;
    let signature = v3::sign_response(&private, &timestamp, &nonce, body)?;
    print_line(&format!(
        "{TIMESTAMP_HEADER}: {timestamp}\n{NONCE_HEADER}: {nonce}\n{SIGNATURE_HEADER}: {signature}"
    ))
}
