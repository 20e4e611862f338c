//! The sandbox's own "Alipay" key pair: generated once, then read from the data directory, so
//! a merchant pastes the public key once.

use crate::Error;
use alipay_notify::{PrivateKey, Rule, SignType, Signer};
use std::path::Path;

const PRIVATE_FILE: &str = "alipay_private_key.pem";
const PUBLIC_FILE: &str = "alipay_public_key.txt";

pub(crate) struct AlipayKeys {
    public_base64: String,
    private_pem: String,
}

impl AlipayKeys {
    pub fn load_or_generate(dir: &Path) -> Result<AlipayKeys, Error> {
        let private_path = dir.join(PRIVATE_FILE);
        let private_pem = match std::fs::read_to_string(&private_path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let pem = PrivateKey::generate(2048)?.to_pkcs8_pem()?;
                write(&private_path, &pem)?;
                pem
            }
            Err(e) => {
                return Err(Error(format!(
                    "cannot read {}: {e}",
                    private_path.display()
                )));
            }
        };
        let public_base64 = PrivateKey::parse(&private_pem)?.public_key()?.to_base64();
        // The public key is written for merchants' settings (ALIPAY_PUBLIC_KEY_FILE); it is
        // always derived from the private key, so an edited copy changes nothing here.
        write(&dir.join(PUBLIC_FILE), &format!("{public_base64}\n"))?;
        Ok(AlipayKeys {
            public_base64,
            private_pem,
        })
    }

    pub fn public_base64(&self) -> &str {
        &self.public_base64
    }

    /// A signer for `sign_type` (RSA2 or RSA) under `rule`: v1 for notify and return, v2 for
    /// responses.
    pub fn signer(&self, sign_type: SignType, rule: Rule) -> Result<Signer, alipay_notify::Error> {
        Signer::rsa(&self.private_pem, sign_type, rule)
    }
}

fn write(path: &Path, text: &str) -> Result<(), Error> {
    std::fs::write(path, text).map_err(|e| Error(format!("cannot write {}: {e}", path.display())))
}
