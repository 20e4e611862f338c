//! How much work one diagnosis may do, whatever the input. Undoing a corruption value by value
//! or parameter by parameter builds one full copy of the message per parameter and verifies
//! each, so a message of thousands of short parameters would cost thousands of verifications:
//! the search stops at fixed limits instead, and the diagnosis says so (`search_capped`).

use crate::sign_type::SignType;
use sha2::{Digest, Sha256};
use std::collections::HashSet;

/// The most candidates one diagnosis verifies: a candidate is the message with one corruption
/// undone, a full copy whose signed contents (at most four: rule v1 or v2, empty values skipped
/// or kept) are rebuilt and checked. A real notification needs fewer than 100.
pub const MAX_CANDIDATES: usize = 128;

/// The most candidates one search through the parameters takes (a `+` restored in one value,
/// one or two parameters removed), so that the other checks keep their share.
pub const MAX_CANDIDATES_PER_SEARCH: usize = 64;

/// The most parameters in all the candidates of one diagnosis together: sorting them into
/// signed contents is most of a candidate's cost, so a message of thousands of parameters gets
/// fewer candidates (a real notification has about 30 and is never cut short by this).
pub const MAX_CANDIDATE_PARAMETERS: usize = 100_000;

/// The most bytes in all the candidates of one diagnosis together, for a `max_size` raised
/// above the default 64 KiB.
pub const MAX_CANDIDATE_BYTES: usize = 8 * 1024 * 1024;

/// The most RSA signature checks one diagnosis makes (a check is one signed content against
/// one key).
pub const MAX_RSA_CHECKS: usize = 512;

type Digest32 = [u8; 32];

/// What a diagnosis has spent, and the signed contents it knows fail.
#[derive(Default)]
pub(super) struct Budget {
    candidates: usize,
    parameters: usize,
    bytes: usize,
    rsa_checks: usize,
    /// Signed contents (with their signature and sign type) checked in vain: an identical
    /// content from another candidate is not checked again.
    failed: HashSet<Digest32>,
    /// Those of the verification under way, which has failed only once it ends without a match.
    pending: Vec<Digest32>,
    capped: bool,
}

impl Budget {
    /// True when a limit cut the search short.
    pub(super) fn capped(&self) -> bool {
        self.capped
    }

    /// Whether a search may build one more candidate, its `tried`-th; once not, the search is
    /// cut short.
    pub(super) fn may_search(&mut self, tried: usize) -> bool {
        if tried >= MAX_CANDIDATES_PER_SEARCH || self.candidates >= MAX_CANDIDATES || self.capped {
            self.capped = true;
            return false;
        }
        true
    }

    /// Takes one candidate of `parameters` parameters and `bytes` bytes; false, and the search
    /// cut short, once the budget does not cover it.
    pub(super) fn take_candidate(&mut self, parameters: usize, bytes: usize) -> bool {
        if self.candidates >= MAX_CANDIDATES
            || self.parameters + parameters > MAX_CANDIDATE_PARAMETERS
            || self.bytes + bytes > MAX_CANDIDATE_BYTES
        {
            self.capped = true;
            return false;
        }
        self.candidates += 1;
        self.parameters += parameters;
        self.bytes += bytes;
        true
    }

    /// Whether to check `content` against `checks` keys whose signatures can be `key_sizes`
    /// bytes long (an RSA modulus; the lengths of a DER SM2 signature). `remember` when the keys
    /// are the configured ones, whose failures are kept.
    pub(super) fn admit(
        &mut self,
        remember: bool,
        key_sizes: &[usize],
        content: &[u8],
        signature: &[u8],
        sign_type: SignType,
        checks: usize,
    ) -> bool {
        // A signature no key can have fails every key without a signature check.
        if !key_sizes.contains(&signature.len()) {
            return false;
        }
        let digest = remember.then(|| {
            let mut hash = Sha256::new();
            hash.update(sign_type.as_str());
            hash.update((signature.len() as u64).to_be_bytes());
            hash.update(signature);
            hash.update(content);
            let mut digest = Digest32::default();
            digest.copy_from_slice(&hash.finalize());
            digest
        });
        if digest.is_some_and(|d| self.failed.contains(&d)) {
            return false;
        }
        if self.rsa_checks + checks > MAX_RSA_CHECKS {
            self.capped = true;
            return false;
        }
        self.rsa_checks += checks;
        self.pending.extend(digest);
        true
    }

    /// Ends a verification: when no content matched, every content it checked failed.
    pub(super) fn settle(&mut self, no_match: bool) {
        if no_match {
            self.failed.extend(self.pending.drain(..));
        } else {
            self.pending.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIZES: &[usize] = &[256];

    #[test]
    fn a_content_that_failed_is_not_checked_again_but_one_that_matched_is() {
        let mut budget = Budget::default();
        let sig = [1u8; 256];
        assert!(budget.admit(true, SIZES, b"a=1", &sig, SignType::Rsa2, 1));
        budget.settle(true);
        assert!(!budget.admit(true, SIZES, b"a=1", &sig, SignType::Rsa2, 1));
        // Another sign type, signature or content is another check.
        assert!(budget.admit(true, SIZES, b"a=1", &sig, SignType::Rsa, 1));
        assert!(budget.admit(true, SIZES, b"a=1", &[2u8; 256], SignType::Rsa2, 1));
        assert!(budget.admit(true, SIZES, b"a=2", &sig, SignType::Rsa2, 1));
        budget.settle(false);
        assert!(budget.admit(true, SIZES, b"a=2", &sig, SignType::Rsa2, 1));
        // Other keys' failures are not remembered.
        assert!(budget.admit(false, SIZES, b"b=1", &sig, SignType::Rsa2, 1));
        budget.settle(true);
        assert!(budget.admit(false, SIZES, b"b=1", &sig, SignType::Rsa2, 1));
        assert!(!budget.capped());
    }

    #[test]
    fn a_signature_that_fits_no_key_costs_no_check() {
        let mut budget = Budget::default();
        for _ in 0..MAX_RSA_CHECKS + 1 {
            assert!(!budget.admit(false, SIZES, b"a=1", &[1u8; 255], SignType::Rsa2, 1));
        }
        assert!(!budget.capped());
        assert!(budget.admit(false, SIZES, b"a=1", &[1u8; 256], SignType::Rsa2, 1));
    }

    #[test]
    fn rsa_checks_stop_at_their_limit() {
        let mut budget = Budget::default();
        let sig = [1u8; 256];
        for _ in 0..MAX_RSA_CHECKS / 2 {
            assert!(budget.admit(false, SIZES, b"a=1", &sig, SignType::Rsa2, 2));
        }
        assert!(!budget.capped());
        assert!(!budget.admit(false, SIZES, b"a=1", &sig, SignType::Rsa2, 1));
        assert!(budget.capped());
    }

    #[test]
    fn candidates_stop_at_each_limit() {
        let mut budget = Budget::default();
        for _ in 0..MAX_CANDIDATES {
            assert!(budget.take_candidate(1, 10));
        }
        assert!(!budget.capped());
        assert!(!budget.take_candidate(1, 10));
        assert!(budget.capped());

        let mut budget = Budget::default();
        assert!(budget.take_candidate(MAX_CANDIDATE_PARAMETERS - 1, 10));
        assert!(!budget.take_candidate(2, 10));
        assert!(budget.capped());

        let mut budget = Budget::default();
        assert!(budget.take_candidate(1, MAX_CANDIDATE_BYTES));
        assert!(!budget.take_candidate(1, 1));
        assert!(budget.capped());

        let mut budget = Budget::default();
        assert!(budget.may_search(MAX_CANDIDATES_PER_SEARCH - 1));
        assert!(!budget.capped());
        assert!(!budget.may_search(MAX_CANDIDATES_PER_SEARCH));
        assert!(budget.capped());
    }
}
