//! Thread scaling of one shared `Verifier`, for scripts/soak.sh: N verifications of a corpus on
//! one thread, then N on each of two threads sharing the verifier, in interleaved rounds, and the
//! ratio of the best rates (2.0 at best on 2 free cores). A measurement, never a test: shared
//! machines are noisy.
//!
//!   cargo run --release -p alipay-notify --example thread_scaling -- CORPUS PUBLIC_KEY_FILE APP_ID N
//!
//! CORPUS has one message a line: the expected status, a space, the raw body.

use std::time::Instant;

use alipay_notify::Verifier;

const ROUNDS: usize = 3;

fn work(verifier: &Verifier, bodies: &[&[u8]], n: usize) -> usize {
    (0..n)
        .filter(|i| verifier.verify_notify(bodies[i % bodies.len()]).is_ok())
        .count()
}

/// Verifications per second of `threads` threads doing `n` each.
fn rate(verifier: &Verifier, bodies: &[&[u8]], n: usize, threads: usize) -> f64 {
    let started = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| work(verifier, bodies, n));
        }
    });
    (threads * n) as f64 / started.elapsed().as_secs_f64()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [corpus, key, app_id, n] = args.as_slice() else {
        return Err("usage: thread_scaling CORPUS PUBLIC_KEY_FILE APP_ID N".into());
    };
    let corpus = std::fs::read(corpus)?;
    let bodies: Vec<&[u8]> = corpus
        .split(|&b| b == b'\n')
        .filter_map(|line| {
            line.iter()
                .position(|&b| b == b' ')
                .map(|at| &line[at + 1..])
        })
        .collect();
    let verifier = Verifier::builder()
        .public_key(std::fs::read_to_string(key)?)
        .app_id(app_id.as_str())
        .build()?;
    let n: usize = n.parse()?;
    work(&verifier, &bodies, n / 10 + 1);
    // Interleaved rounds, the best of each: other processes on a shared machine only slow runs down.
    let (mut one, mut two) = (0f64, 0f64);
    for _ in 0..ROUNDS {
        one = one.max(rate(&verifier, &bodies, n, 1));
        two = two.max(rate(&verifier, &bodies, n, 2));
    }
    println!(
        "binding=rust threads=2 one_per_s={one:.0} two_per_s={two:.0} ratio={:.2}",
        two / one
    );
    Ok(())
}
