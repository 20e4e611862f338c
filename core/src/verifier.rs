//! The verifier: configured once with keys and policy, then shared across threads. Each
//! message family verifies in its own module, as `impl Verifier` blocks: notifications and
//! return_url queries in `notify`, API responses in `response`; this module holds what they
//! share (the keys, the limits) and `build` how a [`VerifierBuilder`] becomes a verifier.

use crate::builder::VerifierBuilder;
use crate::error::{Error, ErrorKind, Result};
use crate::keys::PublicKey;
use crate::sign_type::SignType;
use crate::signature_check::{SignatureCheck, prepare};

mod build;

/// A configured key, prepared for each allowed sign type it serves.
pub(crate) struct KeyEntry {
    pub(crate) public: PublicKey,
    prepared: Vec<(SignType, Box<dyn SignatureCheck>)>,
}

impl KeyEntry {
    /// `public`, prepared for each of `sign_types` it serves.
    pub(crate) fn new(public: PublicKey, sign_types: &[SignType]) -> Result<KeyEntry> {
        let prepared = sign_types
            .iter()
            .filter(|&&sign_type| public.serves(sign_type))
            .map(|&sign_type| Ok((sign_type, prepare(&public, sign_type)?)))
            .collect::<Result<_>>()?;
        Ok(KeyEntry { public, prepared })
    }

    pub(crate) fn for_type(&self, sign_type: SignType) -> Option<&dyn SignatureCheck> {
        self.prepared
            .iter()
            .find(|(prepared, _)| *prepared == sign_type)
            .map(|(_, check)| check.as_ref())
    }
}

/// Verifies Alipay notifications and return_url queries. Build it once at startup and share it:
/// it is immutable, `Send` and `Sync`.
pub struct Verifier {
    /// The configured keys, parsed and prepared for each allowed sign type they serve.
    pub(crate) keys: Vec<KeyEntry>,
    /// The sign types accepted, in the order they are tried.
    pub(crate) allowed: Vec<SignType>,
    /// The options it was built from: the policy checks read them, and diagnosis derives
    /// lenient variants of them.
    pub(crate) config: VerifierBuilder,
    /// The `aes_key` and `app_private_key` options, parsed.
    pub(crate) decryption: crate::decryption::Decryption,
}

impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verifier")
            .field(
                "keys",
                &self.keys.iter().map(|k| &k.public).collect::<Vec<_>>(),
            )
            .field("allowed", &self.allowed)
            .field("config", &self.config)
            .finish()
    }
}

impl Verifier {
    /// Starts configuring a verifier.
    pub fn builder() -> VerifierBuilder {
        VerifierBuilder::default()
    }

    /// A verifier with one Alipay public key and the defaults (RSA2, rule auto).
    pub fn new(alipay_public_key: &str) -> Result<Verifier> {
        Verifier::builder().public_key(alipay_public_key).build()
    }

    /// The sign types this verifier accepts, in the order they are tried.
    pub fn allowed_sign_types(&self) -> &[SignType] {
        &self.allowed
    }

    /// The configured public keys.
    pub fn public_keys(&self) -> impl Iterator<Item = &PublicKey> {
        self.keys.iter().map(|k| &k.public)
    }
}

/// Building blocks for signed content that is not a form message (API responses).
impl Verifier {
    /// The index of the first key, among `candidates` (every key when `None`), whose
    /// `sign_type` signature over `content` is `signature`.
    pub(crate) fn verify_raw_content(
        &self,
        content: &[u8],
        signature: &[u8],
        sign_type: SignType,
        candidates: Option<&[usize]>,
    ) -> Option<usize> {
        self.keys.iter().enumerate().find_map(|(index, key)| {
            let wanted = candidates.is_none_or(|c| c.contains(&index));
            let verifying = key.for_type(sign_type)?;
            (wanted && verifying.verify(content, signature)).then_some(index)
        })
    }

    /// The first allowed RSA sign type, and the index of the first key among `candidates`,
    /// under which `signature` signs `content`: signed text that does not name its sign type
    /// (API responses, open data) is tried with each allowed one.
    pub(crate) fn match_raw_content(
        &self,
        content: &[u8],
        signature: &[u8],
        candidates: Option<&[usize]>,
    ) -> Option<(SignType, usize)> {
        self.allowed
            .iter()
            .filter(|t| **t != SignType::Md5)
            .find_map(|&t| {
                self.verify_raw_content(content, signature, t, candidates)
                    .map(|index| (t, index))
            })
    }

    /// Refuses signed text of `len` bytes over the size limit, and a verifier without RSA
    /// keys: `what` names the input in errors ("the response"), `plural` the kind ("responses").
    pub(crate) fn check_raw_input(&self, len: usize, what: &str, plural: &str) -> Result<()> {
        if len > self.max_size() {
            return Err(Error::new(
                ErrorKind::InputTooLarge,
                format!(
                    "{what} has {len} bytes, over the limit of {}",
                    self.max_size()
                ),
            ));
        }
        if self.public_keys().next().is_none() {
            return Err(Error::new(
                ErrorKind::InvalidConfig,
                format!(
                    "{plural} are signed with RSA: configure Alipay's public key or certificate"
                ),
            ));
        }
        Ok(())
    }
}

/// Limits shared with the other message kinds (API responses).
impl Verifier {
    /// The size limit for a message in bytes (see [`VerifierBuilder::max_size`]). Bindings that
    /// read a request body themselves stop reading there.
    pub fn max_size(&self) -> usize {
        self.config.max_size
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builder::DEFAULT_MAX_SIZE;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn verifier_is_shareable_across_threads() {
        assert_send_sync::<Verifier>();
    }

    #[test]
    fn debug_output_redacts_the_md5_key() {
        let verifier = Verifier::builder()
            .md5_key("s3cr3t-partner-key")
            .build()
            .unwrap();
        let text = format!("{verifier:?}");
        assert!(!text.contains("s3cr3t"), "{text}");
        assert_eq!(verifier.allowed_sign_types(), [SignType::Md5]);
    }

    #[test]
    fn max_size_reports_the_configured_limit() {
        let verifier = Verifier::builder().md5_key("k").build().unwrap();
        assert_eq!(verifier.max_size(), DEFAULT_MAX_SIZE);
        let verifier = Verifier::builder()
            .md5_key("k")
            .max_size(100)
            .build()
            .unwrap();
        assert_eq!(verifier.max_size(), 100);
    }
}
