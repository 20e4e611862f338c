//! What the fuzz targets share: verifiers over the vectors' fixed test keys (built once per
//! process, so each execution measures the code under test, not key parsing), the canonical
//! split written independently of the core, and an allocator that turns an allocation beyond the
//! input limits into a crash libFuzzer reports.

use alipay_notify::{PrivateKey, Rule, SignType, Signer, Verifier};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The vectors' Alipay key (tests/vectors/keys): most seeds are signed with it, so they verify
/// and the fuzzer starts from inside the verified paths.
pub const ALIPAY_A: &str = include_str!("../../tests/vectors/keys/alipay_a.key.pem");
/// The 1024-bit key of the legacy WAP and app-result vectors.
pub const LEGACY_1024: &str = include_str!("../../tests/vectors/keys/legacy1024.key.pem");
/// The MD5 partner key of tests/vectors/wap.json.
pub const WAP_MD5_KEY: &str = "wap-partner-key-0123456789abcdef";
/// The `aes128` key of tests/vectors/aes.json (a throwaway test key, like the RSA ones).
pub const AES_KEY: &str = "gFmoXPufph/cJ6HX8F79mQ==";

/// The largest single allocation any target may make: 64 times the default input limit
/// (`DEFAULT_MAX_SIZE`, 64 KiB). An input-sized buffer, its decoded copy, a few variants of a
/// diagnosis: all far below; a length read from the input and trusted would not be.
pub const MAX_ALLOCATION: usize = 64 * alipay_notify::DEFAULT_MAX_SIZE;
/// The most live heap one execution may hold, the verifiers built once included.
pub const MAX_LIVE: usize = 256 * alipay_notify::DEFAULT_MAX_SIZE;

/// Counts live bytes and aborts on an allocation over the limits: libFuzzer's own
/// `-malloc_limit_mb` needs a sanitizer's allocator hooks, and the targets run without one.
pub struct Bounded;

static LIVE: AtomicUsize = AtomicUsize::new(0);

fn over_limit(size: usize) -> bool {
    let live = LIVE.fetch_add(size, Ordering::Relaxed) + size;
    // A panic's backtrace reads debug information, megabytes at once: the panic is the finding.
    (size > MAX_ALLOCATION || live > MAX_LIVE) && !std::thread::panicking()
}

fn refuse() -> ! {
    // No formatting here: it would allocate inside the allocator.
    use std::io::Write;
    let _ = std::io::stderr().write_all(b"fuzz: allocation beyond the input limits\n");
    std::process::abort()
}

// SAFETY: every call forwards to the system allocator with the caller's layout unchanged; the
// counter is bookkeeping only.
unsafe impl GlobalAlloc for Bounded {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if over_limit(layout.size()) {
            refuse();
        }
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if over_limit(layout.size()) {
            refuse();
        }
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        if over_limit(new_size) {
            refuse();
        }
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Bounded = Bounded;

/// Verifiers and signers over the fixed keys.
pub struct Fixture {
    /// Alipay's key `alipay_a`, RSA2, rule auto: the notify and return_url verifier.
    pub verifier: Verifier,
    /// The same key with the AES key configured, for encrypted responses and open data.
    pub aes_verifier: Verifier,
    /// MD5 with the WAP vectors' partner key.
    pub md5_verifier: Verifier,
    /// The legacy 1024-bit key, sign type RSA: WAP notifications and app results.
    pub legacy_verifier: Verifier,
    /// `alipay_a` signing RSA2 under rule V1 (notify, return_url).
    pub signer_v1: Signer,
    /// `alipay_a` signing RSA2 under rule V2 (app-gateway messages).
    pub signer_v2: Signer,
}

/// The fixture, built on first use.
pub fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let public = PrivateKey::parse(ALIPAY_A)
            .and_then(|key| key.public_key())
            .expect("the vectors' key parses")
            .to_pem();
        let legacy = PrivateKey::parse(LEGACY_1024)
            .and_then(|key| key.public_key())
            .expect("the vectors' legacy key parses")
            .to_pem();
        Fixture {
            verifier: Verifier::new(&public).expect("verifier"),
            aes_verifier: Verifier::builder()
                .public_key(public.clone())
                .aes_key(AES_KEY)
                .build()
                .expect("AES verifier"),
            md5_verifier: Verifier::builder()
                .md5_key(WAP_MD5_KEY)
                .build()
                .expect("MD5 verifier"),
            legacy_verifier: Verifier::builder()
                .public_key(legacy)
                .sign_types([SignType::Rsa])
                .min_key_bits(alipay_notify::LEGACY_MIN_KEY_BITS)
                .build()
                .expect("legacy verifier"),
            signer_v1: Signer::rsa(ALIPAY_A, SignType::Rsa2, Rule::V1).expect("V1 signer"),
            signer_v2: Signer::rsa(ALIPAY_A, SignType::Rsa2, Rule::V2).expect("V2 signer"),
        }
    })
}

/// The signed content cut the one way docs/rules.md §4 allows: at every `&` followed by a
/// parameter name and `=`, then each piece at its first `=`. Written here without the core's
/// code, so that the two can disagree.
pub fn canonical_split(content: &str) -> Vec<(String, String)> {
    if content.is_empty() {
        return Vec::new();
    }
    let bytes = content.as_bytes();
    let mut starts = vec![0];
    for (at, _) in content.match_indices('&') {
        let name = bytes[at + 1..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
            .count();
        if name > 0 && bytes.get(at + 1 + name) == Some(&b'=') {
            starts.push(at + 1);
        }
    }
    let mut pieces = Vec::with_capacity(starts.len());
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(content.len(), |next| next - 1);
        let piece = &content[start..end];
        let (name, value) = piece.split_once('=').unwrap_or((piece, ""));
        pieces.push((name.to_string(), value.to_string()));
    }
    pieces
}

/// `pairs` sorted by name and joined as `k=v&k=v`: the content a signer signs.
pub fn joined(pairs: &[(String, String)]) -> String {
    let mut sorted = pairs.to_vec();
    sorted.sort();
    let parts: Vec<String> = sorted.iter().map(|(k, v)| format!("{k}={v}")).collect();
    parts.join("&")
}

/// Form-encodes `pairs` the way Alipay's gateway does (space as `+`, the rest percent-encoded).
pub fn form_body(pairs: &[(String, String)]) -> String {
    let mut out = String::new();
    for (name, value) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        encode_into(&mut out, name);
        out.push('=');
        encode_into(&mut out, value);
    }
    out
}

fn encode_into(out: &mut String, text: &str) {
    for b in text.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
}

/// True when a value holds `&name=`: its signed text then has a second reading, which the
/// verifier refuses (`AMBIGUOUS_SIGNED_CONTENT`).
pub fn has_second_reading(value: &str) -> bool {
    value.match_indices('&').any(|(at, _)| {
        let rest = &value.as_bytes()[at + 1..];
        let name = rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
            .count();
        name > 0 && rest.get(name) == Some(&b'=')
    })
}
