//! `alipay-notify keygen`: a throwaway RSA or SM2 key pair for tests, demos and the sandbox.

use crate::Failure;
use alipay_notify::PrivateKey;
use clap::Args;
use std::path::PathBuf;

/// Generate a test RSA (or SM2) key pair.
#[derive(Args)]
#[command(after_help = "\
Examples:
  alipay-notify keygen --private-out test_private.pem --public-out test_public.pem

  # An SM2 (国密) pair, to sign with --sign-type SM2:
  alipay-notify keygen --sm2 --private-out sm2_private.pem --public-out sm2_public.pem

The public key is written as PEM; `--public-format base64` writes one line of base64, the way
the Alipay console shows keys. Production keys come from Alipay's own key tool.")]
pub struct KeygenArgs {
    /// Where to write the private key (PKCS#8 PEM).
    #[arg(long, value_name = "FILE")]
    private_out: PathBuf,

    /// Where to write the public key.
    #[arg(long, value_name = "FILE")]
    public_out: PathBuf,

    /// pem or base64 (one line, as the Alipay console shows keys).
    #[arg(long, value_name = "FORMAT", default_value = "pem", value_parser = ["pem", "base64"])]
    public_format: String,

    /// RSA key size in bits, 1024 to 4096 (Alipay's keys have 2048).
    #[arg(
        long,
        value_name = "BITS",
        default_value_t = 2048,
        conflicts_with = "sm2"
    )]
    bits: usize,

    /// An SM2 (国密) key pair instead of RSA.
    #[arg(long)]
    sm2: bool,
}

pub fn run(args: KeygenArgs) -> Result<(), Failure> {
    let key = match args.sm2 {
        true => PrivateKey::generate_sm2()?,
        false => PrivateKey::generate(args.bits)?,
    };
    let public = key.public_key()?;
    let public_text = match args.public_format.as_str() {
        "base64" => format!("{}\n", public.to_base64()),
        _ => public.to_pem(),
    };
    write(&args.private_out, &key.to_pkcs8_pem()?)?;
    write(&args.public_out, &public_text)?;
    eprintln!(
        "wrote a {}-bit {} key pair: {} (private), {} (public, fingerprint {})",
        key.bits(),
        key.algorithm(),
        args.private_out.display(),
        args.public_out.display(),
        public.fingerprint()
    );
    Ok(())
}

fn write(path: &PathBuf, text: &str) -> Result<(), Failure> {
    std::fs::write(path, text)
        .map_err(|e| Failure::Config(format!("cannot write {}: {e}", path.display())))
}
