//! The Rust row of `make bench` (bench/run.py, BENCHMARKS.md): `Verifier::verify_notify` over
//! the generated corpus of bench/corpus.py, timed in CPU time, one pass per set, the key parsed
//! once. Not a criterion benchmark: the same protocol as the Python, PHP and Node harnesses of
//! bench/, so that one script can interleave them.
//!
//! `corpus DIR SECONDS [--check]`: for each set, passes over its messages until SECONDS of CPU
//! time are spent, then one JSON line `{"id", "set", "n", "cpu", "accepted"}`, where
//! `accepted` counts the messages that verified (for `hostile`, the diagnoses that said
//! "verified": none should). `--check` (the smoke of scripts/test-bench.sh) makes exactly one
//! pass per set, without warm-up.

use alipay_notify::Verifier;
use alipay_notify::diagnose::DiagnoseOptions;
use std::hint::black_box;
use std::path::Path;

const WARM_UP: usize = 200;
/// The clock is read once per this many messages: reading it costs a file read.
const BATCH: usize = 50;

/// CPU time of this thread in seconds: the scheduler's own count (`/proc/thread-self/schedstat`),
/// which needs neither `unsafe` nor a dependency. It moves at scheduler ticks (a few ms), so a
/// set is timed for a second or more.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").expect("Linux schedstat");
    let ns: u64 = stat
        .split_whitespace()
        .next()
        .and_then(|f| f.parse().ok())
        .expect("schedstat's first field");
    ns as f64 / 1e9
}

fn lines(dir: &Path, name: &str) -> Vec<Vec<u8>> {
    let text = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    text.split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(<[u8]>::to_vec)
        .collect()
}

fn report(set: &str, n: usize, cpu: f64, accepted: usize) {
    println!(
        r#"{{"id": "rust/ours", "set": "{set}", "n": {n}, "cpu": {cpu:.6}, "accepted": {accepted}}}"#
    );
}

/// Calls `verify` over `messages`, cycling, until `seconds` of CPU time are spent (one pass
/// when `check`): (messages verified, CPU seconds, accepted).
fn timed<T>(
    messages: &[T],
    seconds: f64,
    check: bool,
    mut verify: impl FnMut(&T) -> bool,
) -> (usize, f64, usize) {
    if !check {
        for m in messages
            .iter()
            .cycle()
            .take(WARM_UP.min(messages.len() * 3))
        {
            black_box(verify(m));
        }
    }
    let (mut n, mut accepted) = (0, 0);
    let started = cpu_seconds();
    let mut spent = 0.0;
    for m in messages.iter().cycle() {
        accepted += usize::from(verify(m));
        n += 1;
        if check {
            if n == messages.len() {
                spent = cpu_seconds() - started;
                break;
            }
        } else if n % BATCH == 0 || messages.len() == 1 {
            spent = cpu_seconds() - started;
            if spent >= seconds && n >= messages.len().min(BATCH) {
                break;
            }
        }
    }
    (n, spent, accepted)
}

fn main() {
    // `cargo bench` adds `--bench` to a harness-less benchmark's arguments.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let check = args.iter().any(|a| a == "--check");
    let args: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let [dir, seconds, ..] = args[..] else {
        eprintln!("usage: corpus DIR SECONDS [--check]");
        std::process::exit(2);
    };
    let dir = Path::new(dir.as_str());
    let seconds: f64 = seconds.parse().expect("SECONDS");
    let pem = std::fs::read_to_string(dir.join("public.pem")).expect("public.pem");
    let verifier = Verifier::builder().public_key(pem).build().expect("key");

    for set in ["valid", "invalid", "v2", "gbk"] {
        let messages = lines(dir, &format!("{set}.txt"));
        let (n, cpu, accepted) = timed(&messages, seconds, check, |body| {
            black_box(verifier.verify_notify(black_box(&body[..]))).is_ok()
        });
        report(set, n, cpu, accepted);
    }

    let hostile = lines(dir, "hostile.txt");
    let options = DiagnoseOptions::default();
    let (n, cpu, verified) = timed(&hostile, seconds, check, |body| {
        verifier
            .diagnose(black_box(&body[..]), &options)
            .expect("diagnoses")
            .verified
    });
    report("hostile", n, cpu, verified);
}
