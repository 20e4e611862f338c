//! Benchmarks of `diagnose` on the worst inputs within the default limits: 64 KiB in as many
//! parameters as a message may have (`MAX_PARAMETERS`), each a candidate for a value-by-value
//! or parameter-by-parameter search, with a blank value (both empty-value policies tried) and
//! `sign_type` (both rules tried), against two keys. A diagnosis has to answer each well under
//! a second.
//!
//! `cargo bench -p alipay-notify --bench diagnose`; ids are `diagnose/<backend>/<input>`.

use alipay_notify::diagnose::{DiagnoseOptions, diagnose};
use alipay_notify::{
    BACKEND, DEFAULT_MAX_SIZE, MAX_PARAMETERS, PrivateKey, Verifier, VerifierBuilder,
};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

/// Throwaway test keys from the shared vectors: they protect nothing.
const ALIPAY_A: &str = include_str!("../../tests/vectors/keys/alipay_a.key.pem");
const ALIPAY_B: &str = include_str!("../../tests/vectors/keys/alipay_b.key.pem");
const APP: &str = include_str!("../../tests/vectors/keys/app.key.pem");
const RSA4096: &str = include_str!("../../tests/vectors/keys/rsa4096.key.pem");

fn public_pem(private_pem: &str) -> String {
    let key = PrivateKey::parse(private_pem).expect("test key");
    key.public_key().expect("public half").to_pem()
}

/// A signature as long as a `bytes`-byte modulus and smaller than it, so that every check is a
/// full RSA operation, and that does not verify.
fn sign_param(bytes: usize) -> String {
    use base64::Engine as _;
    let text = base64::engine::general_purpose::STANDARD.encode(vec![0x11u8; bytes]);
    format!(
        "sign={}",
        text.replace('+', "%2B")
            .replace('/', "%2F")
            .replace('=', "%3D")
    )
}

/// A name for parameter `i`, as short as can be: `a`, `b`, …, `aa`, `ab`, ….
fn short_name(mut i: usize) -> String {
    const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyz";
    let mut name = Vec::new();
    loop {
        name.push(LETTERS[i % 26]);
        i /= 26;
        if i == 0 {
            break;
        }
        i -= 1;
    }
    String::from_utf8(name).unwrap()
}

/// `sign_type`, `sign`, one blank value, then the pairs `pair(i)` up to `size` bytes and
/// `MAX_PARAMETERS` parameters in all. When the pairs are shorter than their share of `size`,
/// each name is padded (`_` and `p`s, which keeps the names distinct), so that the message
/// still fills `size`: the most work a message within both limits can ask for.
fn message(size: usize, sign_bytes: usize, pair: impl Fn(usize) -> String) -> Vec<u8> {
    let mut body = format!("sign_type=RSA2&{}&blank=", sign_param(sign_bytes));
    let count = MAX_PARAMETERS - 3;
    let share = (size - body.len()) / count;
    for i in 0..count {
        let pair = pair(i);
        let padding = share.saturating_sub(pair.len() + 2);
        let pair = match pair.split_once('=') {
            Some((name, value)) if padding > 0 => {
                format!("&{name}_{}={value}", "p".repeat(padding))
            }
            _ => format!("&{pair}"),
        };
        if body.len() + pair.len() > size {
            break;
        }
        body.push_str(&pair);
    }
    body.into_bytes()
}

fn benches(c: &mut Criterion) {
    let builder: VerifierBuilder = Verifier::builder()
        .public_key(public_pem(ALIPAY_A))
        .public_key(public_pem(ALIPAY_B))
        .app_id("2021000117600000");
    let options = DiagnoseOptions {
        app_public_keys: vec![public_pem(APP)],
        ..DiagnoseOptions::default()
    };
    let inputs = [
        // The case of the report (once some 8,000 `xN=1`): none a known parameter.
        (
            "issue_unknown_params",
            message(DEFAULT_MAX_SIZE, 256, |i| format!("x{i}=1")),
        ),
        // A space in every value: each is a `+` candidate.
        (
            "spaces_in_every_value",
            message(DEFAULT_MAX_SIZE, 256, |i| format!("{}=a+b", short_name(i))),
        ),
        // As many parameters as fit, all blank: the most pairs to sort per signed content.
        (
            "most_blank_params",
            message(DEFAULT_MAX_SIZE, 256, short_name),
        ),
        // Every corruption at once: spaces, HTML entities, `%`, list values, non-ASCII text.
        (
            "every_corruption",
            message(DEFAULT_MAX_SIZE, 256, |i| {
                let value = match i % 5 {
                    0 => "a+b",
                    1 => "%26quot%3B",
                    2 => "%2541",
                    3 => "%5B%27x%27%5D",
                    _ => "%E4%B8%AD",
                };
                format!("{}={value}", short_name(i))
            }),
        ),
    ];

    // The RSA budget instead: a message of real size whose every check yields a distinct
    // candidate, against two 4096-bit keys (the same one twice, as during a rotation).
    let rsa_builder = Verifier::builder()
        .public_key(public_pem(RSA4096))
        .public_key(public_pem(RSA4096));
    let rsa_input = message(4096, 512, |i| format!("x{}=a+b", short_name(i)));

    let mut g = c.benchmark_group(format!("diagnose/{BACKEND}"));
    g.warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .sample_size(10);
    for (name, input) in &inputs {
        assert!(input.len() <= DEFAULT_MAX_SIZE);
        g.bench_function(*name, |b| {
            b.iter(|| diagnose(black_box(input), &builder, &options).expect("diagnoses"))
        });
    }
    g.bench_function("rsa_checks_4096", |b| {
        b.iter(|| diagnose(black_box(&rsa_input), &rsa_builder, &options).expect("diagnoses"))
    });
    g.finish();
}

criterion_group!(diagnose_worst_case, benches);
criterion_main!(diagnose_worst_case);
