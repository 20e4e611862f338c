//! `alipay-notify decrypt` and `alipay-notify verify-open-data`: AES-encrypted content
//! (`encrypt_type=AES`). Encrypted API responses are `verify-response --aes-key`.

use crate::Failure;
use crate::args::{print_line, read_aes_key, read_stdin};
use crate::verifier_args::VerifierArgs;
use clap::Args;

/// Decrypt AES-encrypted content (base64) read from standard input.
#[derive(Args)]
#[command(after_help = "\
Examples:
  # An encrypted value you hold, with the app's AES key (接口内容加密密钥) from the console:
  alipay-notify decrypt --aes-key aes_key.txt < ciphertext.txt

Standard input is the base64 ciphertext (whitespace ignored). Only decrypt content whose
signature you verified: an API response with `verify-response --aes-key`, open data with
`verify-open-data`; they verify first and decrypt after. The plaintext is printed and the exit
code is 0; content that does not decrypt (bad base64 or padding, another app's key) exits 1
with `DECRYPTION_FAILED: explanation` on stderr; a bad key exits 2 (`INVALID_KEY`). Messages
never hold the key or the plaintext.")]
pub struct DecryptArgs {
    /// The app's AES key: a file, or the base64 text the Alipay console shows.
    #[arg(long, value_name = "KEY", allow_hyphen_values = true)]
    aes_key: String,
}

pub fn run_decrypt(args: DecryptArgs) -> Result<(), Failure> {
    let key = read_aes_key(&args.aes_key)?;
    let input = read_stdin()?;
    print_line(&alipay_notify::decrypt(&key, &input)?)
}

/// Verify a mini-program open-data envelope (my.getPhoneNumber) read from standard input, then
/// decrypt it.
#[derive(Args)]
#[command(after_help = "\
Examples:
  # The `response` text my.getPhoneNumber gave the front end, sent on to your server:
  alipay-notify verify-open-data --key alipay_public_key.txt --aes-key aes_key.txt < envelope.json

Standard input is the envelope {\"response\": \"...\", \"sign\": \"...\", \"sign_type\": \"RSA2\",
\"encrypt_type\": \"AES\", \"charset\": \"UTF-8\"} as the front end received it. The signature
covers \"\\\"\" + response + \"\\\"\" when response is encrypted (response itself when it is JSON)
and is checked first, with the sign types and keys given here: the envelope's own sign_type
and encrypt_type are not signed and not used. On success the plaintext is printed as JSON and
the exit code is 0; a rejected envelope exits 1 with `ERROR_NAME: explanation` on stderr
(DECRYPTION_FAILED when it does not decrypt with --aes-key); a usage or configuration error
(no --aes-key for encrypted data) exits 2.")]
pub struct VerifyOpenDataArgs {
    #[command(flatten)]
    verifier: VerifierArgs,
}

pub fn run_verify_open_data(args: VerifyOpenDataArgs) -> Result<(), Failure> {
    let verifier = args.verifier.builder()?.build()?;
    let input = read_stdin()?;
    let data = verifier.verify_open_data(&input)?;
    let json = serde_json::to_string_pretty(data.value())
        .map_err(|e| Failure::Config(format!("INTERNAL: {e}")))?;
    print_line(&json)
}
