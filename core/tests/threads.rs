//! One `Verifier` shared by many threads answers every message exactly as a sequential run
//! does: valid V1 and V2 notifications, tampered ones, other apps' and malformed bodies,
//! verified at the same time in different orders.

use alipay_notify::{PrivateKey, Rule, SignType, Signer, Verifier};

/// A throwaway test key from the shared vectors: it protects nothing.
const PRIVATE_KEY: &str = include_str!("../../tests/vectors/keys/alipay_a.key.pem");
const APP_ID: &str = "2021000000000001";
const THREADS: usize = 8;
const ROUNDS: usize = 5;

/// What a verification answered: the signed parameters, or the error's code and message.
type Outcome = Result<Vec<(String, String)>, (i32, String)>;

fn notification(signer: &Signer, app_id: &str, order: usize) -> String {
    let (no, amount) = (format!("T{order}"), format!("{order}.00"));
    let params = [
        ("app_id", app_id),
        ("charset", "utf-8"),
        ("notify_id", "2024010200222102030000000000000001"),
        ("out_trade_no", no.as_str()),
        ("subject", "测试商品 a+b=c&d"),
        ("total_amount", amount.as_str()),
        ("trade_status", "TRADE_SUCCESS"),
    ];
    signer.signed_form(&params).unwrap()
}

fn corpus() -> Vec<String> {
    let v1 = Signer::rsa(PRIVATE_KEY, SignType::Rsa2, Rule::V1).unwrap();
    let v2 = Signer::rsa(PRIVATE_KEY, SignType::Rsa2, Rule::V2).unwrap();
    let mut bodies = Vec::new();
    for order in 0..6 {
        let signer = if order % 2 == 0 { &v1 } else { &v2 };
        let body = notification(signer, APP_ID, order);
        bodies.push(body.replace("TRADE_SUCCESS", "TRADE_CLOSED"));
        bodies.push(body.replace("subject=", "subject=%zz"));
        bodies.push(body[..body.find("&sign=").unwrap()].to_owned());
        bodies.push(body);
        bodies.push(notification(signer, "2021000000000002", order));
    }
    bodies
}

fn outcome(verifier: &Verifier, body: &str) -> Outcome {
    verifier
        .verify_notify(body)
        .map(|n| n.to_pairs())
        .map_err(|e| (e.code(), e.to_string()))
}

#[test]
fn threads_sharing_a_verifier_answer_as_a_sequential_run() {
    let public = PrivateKey::parse(PRIVATE_KEY)
        .unwrap()
        .public_key()
        .unwrap()
        .to_pem();
    let verifier = Verifier::builder()
        .public_key(public)
        .app_id(APP_ID)
        .rule(Rule::Auto)
        .build()
        .unwrap();
    let bodies = corpus();
    let sequential: Vec<Outcome> = bodies.iter().map(|b| outcome(&verifier, b)).collect();
    // Every kind of answer is in the corpus, so agreement means something.
    let mut codes: Vec<i32> = sequential
        .iter()
        .map(|o| o.as_ref().map_or_else(|e| e.0, |_| 0))
        .collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes, [0, 102, 104, 107, 200]);

    let concurrent: Vec<Vec<(usize, Outcome)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..THREADS)
            .map(|thread| {
                let (verifier, bodies) = (&verifier, &bodies);
                // Each thread starts elsewhere in the corpus: different messages at once.
                scope.spawn(move || {
                    (0..ROUNDS * bodies.len())
                        .map(|i| (i + thread * 7) % bodies.len())
                        .map(|index| (index, outcome(verifier, &bodies[index])))
                        .collect()
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    assert_eq!(concurrent.len(), THREADS);
    for answers in &concurrent {
        assert_eq!(answers.len(), ROUNDS * bodies.len());
        for (index, answer) in answers {
            assert_eq!(answer, &sequential[*index], "message {index}");
        }
    }
}
