//! The worst cases of the abuse limits (docs/security.md, "Abuse limits"), measured: what the
//! most expensive hostile input within each limit costs, next to one ordinary verification timed
//! in the same run. A measurement, never a test: shared machines are noisy, so each figure is
//! the median of interleaved rounds, and the ratio to the ordinary verification is the figure
//! to compare between machines.
//!
//!   cargo run --release -p alipay-notify --example abuse_limits [ROUNDS]
//!
//! The RSA operations of each case are asserted by the core's tests (`core/src/abuse_tests.rs`);
//! this prints what they cost.

use alipay_notify::diagnose::DiagnoseOptions;
use alipay_notify::{
    DEFAULT_MAX_SIZE, MAX_PARAMETERS, MAX_PUBLIC_KEYS, MessageKind, PrivateKey, Rule, SignType,
    Signer, Verifier,
};
use base64::Engine as _;
use std::hint::black_box;
use std::time::Instant;

/// Throwaway test keys from the shared vectors: they protect nothing.
const ALIPAY_A: &str = include_str!("../../tests/vectors/keys/alipay_a.key.pem");
const ALIPAY_B: &str = include_str!("../../tests/vectors/keys/alipay_b.key.pem");

fn public_pem(private_pem: &str) -> String {
    let key = PrivateKey::parse(private_pem).expect("test key");
    key.public_key().expect("public half").to_pem()
}

fn verifier(keys: usize, sign_types: &[SignType]) -> Verifier {
    let (a, b) = (public_pem(ALIPAY_A), public_pem(ALIPAY_B));
    Verifier::builder()
        .public_keys((0..keys).map(|i| if i % 2 == 0 { a.clone() } else { b.clone() }))
        .sign_types(sign_types.iter().copied())
        .build()
        .expect("verifier")
}

/// A notification of 25 fields, some 1.2 KB, signed with key A.
fn ordinary() -> String {
    let mut pairs = vec![
        ("app_id".to_string(), "2021000117600000".to_string()),
        ("trade_status".to_string(), "TRADE_SUCCESS".to_string()),
    ];
    for i in pairs.len()..25 {
        pairs.push((
            format!("field_{i}"),
            format!("value {i} of a notification, {}", "x".repeat(i)),
        ));
    }
    Signer::rsa(ALIPAY_A, SignType::Rsa2, Rule::V1)
        .expect("signer")
        .signed_form(&pairs)
        .expect("signed")
}

/// A blank `sign_type` (every allowed type, both rules), a blank value (both policies), a
/// signature of a 2048-bit modulus's length that verifies under no key, then `pair(i)` up to
/// the default size limit, and up to `parameters` parameters.
fn hostile(parameters: usize, pair: impl Fn(usize) -> String) -> Vec<u8> {
    let signature = base64::engine::general_purpose::STANDARD.encode([0x11u8; 256]);
    let signature = signature
        .replace('+', "%2B")
        .replace('/', "%2F")
        .replace('=', "%3D");
    let mut body = format!("sign_type=&blank=&sign={signature}");
    for i in 3..parameters {
        let pair = format!("&{}", pair(i));
        if body.len() + pair.len() > DEFAULT_MAX_SIZE {
            break;
        }
        body.push_str(&pair);
    }
    body.into_bytes()
}

type Case<'a> = (&'a str, Box<dyn Fn() + 'a>);

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .map(|n| n.parse().expect("ROUNDS is a number"))
        .unwrap_or(15);
    let default = verifier(1, &[SignType::Rsa2]);
    let widest = verifier(MAX_PUBLIC_KEYS, &[SignType::Rsa2, SignType::Rsa]);
    let ordinary = ordinary();
    assert!(default.verify_notify(&ordinary).is_ok());
    let too_large = vec![b'a'; 10 * 1024 * 1024];
    let pairs: Vec<(String, String)> = (0..100_000)
        .map(|i| (format!("p{i}"), "1".to_string()))
        .collect();
    // The most parameters the limit lets through, padded to 64 KiB: blank values, and values
    // with a space (a candidate of diagnosis's searches).
    let padding = "v".repeat(DEFAULT_MAX_SIZE / MAX_PARAMETERS - 8);
    let spaces = "+".repeat(padding.len());
    let blank_params = hostile(MAX_PARAMETERS, |i| format!("x{i}={spaces}"));
    let plus_params = hostile(MAX_PARAMETERS, |i| format!("x{i}=a+b{padding}"));
    // What the parameter limit refuses: some 20,000 short parameters in 64 KiB.
    let short_params = hostile(usize::MAX, |i| format!("x{i}="));
    let gbk_blank = hostile(5, |i| match i {
        3 => "charset=gbk".to_string(),
        _ => "v=".to_string() + &"%A1%A1".repeat((DEFAULT_MAX_SIZE - 500) / 6),
    });
    let options = DiagnoseOptions::default();

    let verify = |verifier: &Verifier, body: &[u8]| {
        black_box(verifier.verify_notify(body).is_ok());
    };
    let cases: Vec<Case> = vec![
        (
            "ordinary notification, 25 fields, valid (1 RSA op)",
            Box::new(|| verify(&default, ordinary.as_bytes())),
        ),
        (
            "10 MiB body (INPUT_TOO_LARGE)",
            Box::new(|| verify(&default, &too_large)),
        ),
        (
            "100,000 parsed pairs (INPUT_TOO_LARGE)",
            Box::new(|| {
                black_box(default.verify_pairs(&pairs, MessageKind::Notify).is_err());
            }),
        ),
        (
            "64 KiB of ~10,000 parameters (INPUT_TOO_LARGE: MAX_PARAMETERS)",
            Box::new(|| verify(&default, &short_params)),
        ),
        (
            "64 KiB, 1,000 blank parameters `xN=++…`, 1 key RSA2 (3 RSA ops)",
            Box::new(|| verify(&default, &blank_params)),
        ),
        (
            "64 KiB, one GBK blank value, 1 key RSA2 (3 RSA ops)",
            Box::new(|| verify(&default, &gbk_blank)),
        ),
        (
            "64 KiB, 1,000 blank parameters `xN=++…`, 8 keys RSA2+RSA (48 RSA ops)",
            Box::new(|| verify(&widest, &blank_params)),
        ),
        (
            "diagnose 64 KiB, 1,000 parameters `xN=a+b…`, 1 key",
            Box::new(|| {
                black_box(default.diagnose(&plus_params, &options).is_ok());
            }),
        ),
        (
            "diagnose 64 KiB, 1,000 parameters `xN=++…` (blank), 1 key",
            Box::new(|| {
                black_box(default.diagnose(&blank_params, &options).is_ok());
            }),
        ),
        (
            "diagnose 64 KiB, 1,000 parameters `xN=a+b…`, 8 keys RSA2+RSA",
            Box::new(|| {
                black_box(widest.diagnose(&plus_params, &options).is_ok());
            }),
        ),
    ];
    // Interleaved rounds: each case once per round, so load from elsewhere spreads over all.
    let mut samples: Vec<Vec<f64>> = vec![Vec::new(); cases.len()];
    for _ in 0..rounds {
        for (i, (_, run)) in cases.iter().enumerate() {
            let started = Instant::now();
            run();
            samples[i].push(started.elapsed().as_secs_f64() * 1e6);
        }
    }
    let medians: Vec<f64> = samples.into_iter().map(median).collect();
    println!("| worst case | median µs | × one ordinary verification |");
    println!("|---|---:|---:|");
    for ((name, _), micros) in cases.iter().zip(&medians) {
        println!("| {name} | {micros:.1} | {:.2} |", micros / medians[0]);
    }
    println!(
        "\n{} rounds, RSA backend {}, body sizes: `xN=++…` {} B, `xN=a+b…` {} B, short {} B, GBK {} B",
        rounds,
        alipay_notify::BACKEND,
        blank_params.len(),
        plus_params.len(),
        short_params.len(),
        gbk_blank.len()
    );
}
