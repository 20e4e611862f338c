//! `alipay-notify cert-sn`: the SN Alipay computes for a certificate file.

use crate::Failure;
use crate::args::print_line;
use clap::Args;
use std::path::PathBuf;

/// Print the SN of a certificate (app_cert_sn, alipay_cert_sn) or of the root bundle
/// (alipay_root_cert_sn).
#[derive(Args)]
#[command(after_help = "\
Examples:
  # app_cert_sn, sent with every request in certificate mode:
  alipay-notify cert-sn appCertPublicKey_2021000000000000.crt

  # The alipay_cert_sn Alipay's responses carry, for this certificate:
  alipay-notify cert-sn alipayCertPublicKey_RSA2.crt

  # alipay_root_cert_sn:
  alipay-notify cert-sn --root alipayRootCert.crt

The SN is md5(issuer DN + decimal serial number), as Alipay's SDKs compute it; for a chain the
first certificate counts; for the root bundle, the SNs of its RSA-signed certificates joined
with `_`. Exit 0 with the SN on stdout; 2 when the file is not a certificate.")]
pub struct CertSnArgs {
    /// The certificate file (PEM, as downloaded from the Alipay console).
    #[arg(value_name = "FILE")]
    file: PathBuf,

    /// FILE is Alipay's root bundle (alipayRootCert.crt): print alipay_root_cert_sn.
    #[arg(long)]
    root: bool,
}

pub fn run(args: CertSnArgs) -> Result<(), Failure> {
    let text = std::fs::read_to_string(&args.file).map_err(|e| {
        Failure::Config(format!(
            "INVALID_KEY: cannot read certificate file {:?}: {e}",
            args.file
        ))
    })?;
    let sn = if args.root {
        alipay_notify::root_cert_sn(&text)?
    } else {
        alipay_notify::cert_sn(&text)?
    };
    print_line(&sn)
}
