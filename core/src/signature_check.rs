//! A public key prepared to verify one sign type: RSA through [`crate::crypto`], SM2 through
//! [`crate::sm2`]. The verifier keeps one per key and allowed sign type; certificate checks
//! make one per issuer.

use crate::crypto::Verifying;
use crate::error::Result;
#[cfg(feature = "sm2")]
use crate::error::{Error, ErrorKind};
use crate::keys::PublicKey;
use crate::sign_type::SignType;

/// A key prepared for one sign type.
pub(crate) trait SignatureCheck: Send + Sync {
    /// True when `signature` is a valid signature of `message`.
    fn verify(&self, message: &[u8], signature: &[u8]) -> bool;
}

impl SignatureCheck for Verifying {
    fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        #[cfg(test)]
        counted::record();
        Verifying::verify(self, message, signature)
    }
}

#[cfg(feature = "sm2")]
impl SignatureCheck for crate::sm2::Sm2Verifying {
    fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        #[cfg(test)]
        counted::record();
        crate::sm2::Sm2Verifying::verify(self, message, signature)
    }
}

/// `key` ready to verify `sign_type` signatures, a sign type it serves.
pub(crate) fn prepare(key: &PublicKey, sign_type: SignType) -> Result<Box<dyn SignatureCheck>> {
    match sign_type {
        #[cfg(feature = "sm2")]
        SignType::Sm2 => key
            .sm2()
            .and_then(crate::sm2::Sm2PublicKey::verifying)
            .map(|check| Box::new(check) as Box<dyn SignatureCheck>)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::Internal,
                    "an SM2 check was prepared for a key that is not SM2",
                )
            }),
        _ => Ok(Box::new(Verifying::new(key, sign_type)?)),
    }
}

/// The signature checks this thread has made, counted in test builds only (so release builds
/// pay nothing): the abuse-limit tests assert exactly how many RSA operations one message costs.
/// Every key-based check of a message goes through [`SignatureCheck`], so counting here sees
/// them all, whichever module asks.
#[cfg(test)]
pub(crate) mod counted {
    use std::cell::Cell;

    thread_local! {
        static CHECKS: Cell<usize> = const { Cell::new(0) };
    }

    pub(super) fn record() {
        CHECKS.with(|checks| checks.set(checks.get() + 1));
    }

    /// `work`'s result, and the signature checks it made on this thread.
    pub(crate) fn checks<T>(work: impl FnOnce() -> T) -> (T, usize) {
        let before = CHECKS.with(Cell::get);
        let result = work();
        (result, CHECKS.with(Cell::get) - before)
    }
}
