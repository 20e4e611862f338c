//! Benchmarks of notification verification: the whole pipeline (parse, canonicalize, RSA2
//! verify, decode to UTF-8, business checks) on a realistic 27-field `trade_status_sync`
//! notification, and each step on its own. `scripts/bench.sh` runs them next to
//! `openssl speed rsa2048` and writes the ratios that BENCHMARKS.md records.
//!
//! Benchmark ids are `<backend>/<name>`, where the backend is `aws-lc-rs` (default features)
//! or `rsa` (`--no-default-features --features rustcrypto`), so both runs can be kept side by
//! side under `target/criterion/`.

use alipay_notify::{
    BACKEND, Charset, EmptyValues, MatchedRule, MessageKind, PrivateKey, RawParams, Rule, SignType,
    Signer, Verifier, sign_content,
};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

/// Throwaway test keys from the shared vectors: they protect nothing.
const ALIPAY_A: &str = include_str!("../../tests/vectors/keys/alipay_a.key.pem");
const ALIPAY_B: &str = include_str!("../../tests/vectors/keys/alipay_b.key.pem");
const MD5_KEY: &str = "bench0md5key0for0legacy0mapi0000";
const MAX_SIZE: usize = alipay_notify::DEFAULT_MAX_SIZE;

/// A realistic async trade notification: 25 business fields plus `sign_type` and `sign`,
/// with a Chinese subject and body, JSON in `fund_bill_list` and `voucher_detail_list`, and
/// URL-encoded text in `passback_params`.
fn trade_status_sync(charset: &str) -> Vec<(&'static str, String)> {
    let fields: [(&'static str, &str); 25] = [
        ("gmt_create", "2024-03-18 14:05:11"),
        ("charset", charset),
        ("seller_email", "shop-finance@example.com"),
        ("subject", "华为 Mate 60 Pro 12GB+512GB 雅川青 官方标配"),
        ("buyer_id", "2088102177846880"),
        ("body", "订单 20240318140511001：手机 x1，赠品 保护壳 x1"),
        ("invoice_amount", "6988.00"),
        ("notify_id", "2024031800222140512065281437250913"),
        (
            "fund_bill_list",
            r#"[{"amount":"6888.00","fundChannel":"ALIPAYACCOUNT"},{"amount":"100.00","fundChannel":"MDISCOUNT"}]"#,
        ),
        ("notify_type", "trade_status_sync"),
        ("trade_status", "TRADE_SUCCESS"),
        ("receipt_amount", "6988.00"),
        ("buyer_pay_amount", "6888.00"),
        ("app_id", "2021000117600000"),
        ("seller_id", "2088102177846883"),
        ("gmt_payment", "2024-03-18 14:05:19"),
        ("notify_time", "2024-03-18 14:05:20"),
        (
            "passback_params",
            "orderType%3Dphone%26channel%3Dmini_app%26campaign%3Dspring_sale",
        ),
        ("version", "1.0"),
        ("out_trade_no", "20240318140511001"),
        ("total_amount", "6988.00"),
        ("trade_no", "2024031822001446880512345678"),
        ("auth_app_id", "2021000117600000"),
        ("buyer_logon_id", "158****1234"),
        (
            "voucher_detail_list",
            r#"[{"amount":"100.00","merchantContribute":"100.00","name":"春季新人立减券","otherContribute":"0.00","type":"ALIPAY_DISCOUNT_VOUCHER","voucherId":"2024031800073002039000CV1Y6Q"}]"#,
        ),
    ];
    fields.iter().map(|&(k, v)| (k, v.to_string())).collect()
}

fn rsa2_body(key_pem: &str, rule: Rule, charset: &str) -> Vec<u8> {
    let signer = Signer::rsa(key_pem, SignType::Rsa2, rule).expect("test key");
    signer
        .signed_form(&trade_status_sync(charset))
        .expect("signs")
        .into_bytes()
}

struct Setup {
    verifier: Verifier,
    md5_verifier: Verifier,
    utf8_v1: Vec<u8>,
    gbk_v1: Vec<u8>,
    utf8_v2: Vec<u8>,
    md5: Vec<u8>,
    wrong_key: Vec<u8>,
}

fn setup() -> Setup {
    let public_pem = PrivateKey::parse(ALIPAY_A)
        .unwrap()
        .public_key()
        .unwrap()
        .to_pem();
    let verifier = Verifier::builder()
        .public_key(public_pem)
        .app_id("2021000117600000")
        .seller_id("2088102177846883")
        .build()
        .unwrap();
    let md5_verifier = Verifier::builder().md5_key(MD5_KEY).build().unwrap();
    let md5 = Signer::md5(MD5_KEY)
        .unwrap()
        .signed_form(&trade_status_sync("utf-8"))
        .unwrap()
        .into_bytes();
    let s = Setup {
        verifier,
        md5_verifier,
        utf8_v1: rsa2_body(ALIPAY_A, Rule::V1, "utf-8"),
        gbk_v1: rsa2_body(ALIPAY_A, Rule::V1, "GBK"),
        utf8_v2: rsa2_body(ALIPAY_A, Rule::V2, "utf-8"),
        md5,
        wrong_key: rsa2_body(ALIPAY_B, Rule::V1, "utf-8"),
    };
    // The benchmarks measure what they claim to: check each outcome once, up front.
    let ok = |body: &[u8], rule: MatchedRule| {
        let n = s.verifier.verify_notify(body).expect("verifies");
        assert_eq!(n.verification().rule, rule);
        // The 25 business fields, plus sign_type when V2 signed it.
        let signed = if rule == MatchedRule::V2 { 26 } else { 25 };
        assert_eq!(n.params().len(), signed);
        assert!(n.is_paid());
        n
    };
    ok(&s.utf8_v1, MatchedRule::V1);
    let gbk = ok(&s.gbk_v1, MatchedRule::V1);
    assert_eq!(gbk.verification().charset, Charset::Gbk);
    assert!(gbk.subject().unwrap().starts_with("华为"));
    ok(&s.utf8_v2, MatchedRule::V2);
    let md5 = s.md5_verifier.verify_notify(&s.md5).expect("md5 verifies");
    assert_eq!(md5.verification().sign_type, SignType::Md5);
    let err = s.verifier.verify_notify(&s.wrong_key).unwrap_err();
    assert_eq!(err.kind(), alipay_notify::ErrorKind::InvalidSignature);
    s
}

/// The RSA2 verification of already-built content, through the backend directly: what the
/// pipeline adds on top of the raw primitive is the rest.
struct RawVerify {
    #[cfg(feature = "aws-lc")]
    key: aws_lc_rs::signature::ParsedPublicKey,
    #[cfg(not(feature = "aws-lc"))]
    key: rsa::pkcs1v15::VerifyingKey<sha2::Sha256>,
}

impl RawVerify {
    fn new() -> RawVerify {
        use rsa::pkcs8::DecodePublicKey as _;
        let public = PrivateKey::parse(ALIPAY_A).unwrap().public_key().unwrap();
        let key = rsa::RsaPublicKey::from_public_key_pem(&public.to_pem()).unwrap();
        #[cfg(feature = "aws-lc")]
        {
            use aws_lc_rs::signature as sig;
            use rsa::pkcs1::EncodeRsaPublicKey as _;
            let pkcs1 = key.to_pkcs1_der().unwrap();
            let key = sig::ParsedPublicKey::new(&sig::RSA_PKCS1_2048_8192_SHA256, pkcs1.as_bytes())
                .expect("2048-bit RSA key");
            RawVerify { key }
        }
        #[cfg(not(feature = "aws-lc"))]
        {
            RawVerify {
                key: rsa::pkcs1v15::VerifyingKey::new(key),
            }
        }
    }

    fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        #[cfg(feature = "aws-lc")]
        {
            self.key.verify_sig(message, signature).is_ok()
        }
        #[cfg(not(feature = "aws-lc"))]
        {
            use rsa::signature::Verifier as _;
            let Ok(signature) = rsa::pkcs1v15::Signature::try_from(signature) else {
                return false;
            };
            self.key.verify(message, &signature).is_ok()
        }
    }
}

fn benches(c: &mut Criterion) {
    let s = setup();
    let mut g = c.benchmark_group(BACKEND);
    g.warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(30);

    // The whole pipeline on the common case: UTF-8, V1, RSA2, one 2048-bit key.
    g.bench_function("full_notify_rsa2", |b| {
        b.iter(|| s.verifier.verify_notify(black_box(&s.utf8_v1[..])).unwrap())
    });

    // Step 1: parse the form body into byte pairs (percent-decoding, duplicate check).
    g.bench_function("step_parse", |b| {
        b.iter(|| RawParams::from_form(black_box(&s.utf8_v1[..]), MAX_SIZE).unwrap())
    });

    // Step 2: build the signed content (filter, sort, join).
    let params = RawParams::from_form(&s.utf8_v1, MAX_SIZE).unwrap();
    g.bench_function("step_canonicalize", |b| {
        b.iter(|| sign_content(black_box(&params), MatchedRule::V1, EmptyValues::Skipped))
    });

    // Step 3: RSA2 (SHA-256 + PKCS#1 v1.5, 2048-bit) over the content, straight to the backend.
    let content = sign_content(&params, MatchedRule::V1, EmptyValues::Skipped);
    let signature = {
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD
            .decode(params.get("sign").unwrap())
            .unwrap()
    };
    let raw = RawVerify::new();
    assert!(raw.verify(&content, &signature));
    g.bench_function("step_rsa2_verify_raw", |b| {
        b.iter(|| assert!(raw.verify(black_box(&content), black_box(&signature))))
    });

    // Step 4: verification of parsed params, i.e. the pipeline without parsing: base64 of
    // `sign`, canonicalization, RSA2, UTF-8 decoding into the result, business checks.
    g.bench_function("step_verify_params", |b| {
        b.iter(|| {
            s.verifier
                .verify_params(black_box(&params), MessageKind::Notify)
                .unwrap()
        })
    });

    // The same notification in GBK: decoding the signed bytes to UTF-8 goes through encoding_rs.
    g.bench_function("full_notify_gbk", |b| {
        b.iter(|| s.verifier.verify_notify(black_box(&s.gbk_v1[..])).unwrap())
    });

    // A V2 message (sign_type signed): rule auto tries V1 first, fails, then V2. The worst
    // valid case: two canonicalizations and two RSA verifications.
    g.bench_function("full_notify_v2_auto", |b| {
        b.iter(|| s.verifier.verify_notify(black_box(&s.utf8_v2[..])).unwrap())
    });

    // Legacy mapi MD5: no RSA at all.
    g.bench_function("full_legacy_md5", |b| {
        b.iter(|| s.md5_verifier.verify_notify(black_box(&s.md5[..])).unwrap())
    });

    // Signed with another key: every rule is tried before the error (and its message) is built.
    g.bench_function("full_wrong_key", |b| {
        b.iter(|| {
            s.verifier
                .verify_notify(black_box(&s.wrong_key[..]))
                .unwrap_err()
        })
    });

    g.finish();
}

criterion_group!(verify, benches);
criterion_main!(verify);
