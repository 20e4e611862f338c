//! `verify-v3` and `sign-v3`: the OpenAPI v3 contract, checked against `v3.json`.

use super::*;

/// The verifier flags of a v3 vector: its keys, options and "now".
fn v3_verifier_args(vector: &Value, key_files: &[(String, PathBuf)]) -> Vec<String> {
    let mut args = vec!["verify-v3".to_string()];
    for id in vector["keys"].as_array().unwrap() {
        args.extend([
            "--key".into(),
            key_path(key_files, id.as_str().unwrap()).into(),
        ]);
    }
    let options = &vector["options"];
    for t in options["sign_types"].as_array().into_iter().flatten() {
        args.extend(["--sign-type".into(), t.as_str().unwrap().into()]);
    }
    for (option, flag) in [
        ("max_size", "--max-size"),
        ("max_response_age", "--max-age"),
    ] {
        if let Some(value) = options[option].as_u64() {
            args.extend([flag.into(), value.to_string()]);
        }
    }
    if let Some(now) = vector["now"].as_i64() {
        args.extend(["--now".into(), now.to_string()]);
    }
    args
}

fn header_pairs(vector: &Value) -> Vec<(String, String)> {
    vector["headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p[0].as_str().unwrap().into(), p[1].as_str().unwrap().into()))
        .collect()
}

/// The contract's flags for the headers, when each of the four is there at most once.
fn contract_flags(pairs: &[(String, String)]) -> Option<Vec<String>> {
    let mut args = Vec::new();
    let mut seen = Vec::new();
    for (name, value) in pairs {
        let flag = match name.to_ascii_lowercase().as_str() {
            "alipay-timestamp" => "--timestamp",
            "alipay-nonce" => "--nonce",
            "alipay-signature" => "--signature",
            "alipay-sn" => "--alipay-sn",
            _ => continue,
        };
        if seen.contains(&flag) {
            return None;
        }
        seen.push(flag);
        args.extend([flag.to_string(), value.clone()]);
    }
    Some(args)
}

/// Whether `output` is the vector's outcome: exit 0 with the body printed exactly, or the
/// error's exit code with `NAME: ` on stderr and nothing on stdout.
fn v3_outcome_problem(vector: &Value, output: &Output) -> Option<String> {
    let code = output.status.code().unwrap_or(-1);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let ok = match vector["error"].as_str() {
        None => code == 0 && output.stdout == vector["body_out"].as_str().unwrap().as_bytes(),
        Some(error) => {
            code == expected_exit(error)
                && stderr.starts_with(&format!("{error}: "))
                && output.stdout.is_empty()
        }
    };
    (!ok).then(|| {
        format!(
            "{}: exit {code}, stdout {:?}, stderr {stderr}",
            vector["id"],
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

#[test]
fn verify_v3_agrees_with_every_v3_vector() {
    let dir = scratch_dir("v3-responses");
    let (mut ran, mut contract, mut failures) = (0, 0, Vec::new());
    for (vector, key_files) in vectors_of_kind("v3_response", &dir) {
        let base = v3_verifier_args(&vector, &key_files);
        let body = vector["body"].as_str().unwrap().as_bytes();
        let pairs = header_pairs(&vector);
        // Every header as --header, in the vector's spelling and order.
        let mut args = base.clone();
        for (name, value) in &pairs {
            args.extend(["--header".into(), format!("{name}: {value}")]);
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        failures.extend(v3_outcome_problem(&vector, &run(&args, body)));
        ran += 1;
        // The contract's flags, when they can say the same.
        if let Some(flags) = contract_flags(&pairs) {
            let args: Vec<&str> = base.iter().chain(&flags).map(String::as_str).collect();
            failures.extend(v3_outcome_problem(&vector, &run(&args, body)));
            contract += 1;
        }
    }
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        ran >= 35 && contract >= 30,
        "only {ran}/{contract} v3 vectors ran"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn sign_v3_reproduces_every_request_vector() {
    let dir = scratch_dir("v3-requests");
    let mut ran = 0;
    for (vector, key_files) in vectors_of_kind("v3_request", &dir) {
        let text = |name: &str| vector[name].as_str().unwrap().to_string();
        let mut args = vec![
            "sign-v3".to_string(),
            "--private-key".into(),
            key_path(&key_files, &text("private_key")).into(),
            "--app-id".into(),
            text("app_id"),
            "--method".into(),
            text("method"),
            "--uri".into(),
            text("uri"),
            "--nonce".into(),
            text("nonce"),
            "--timestamp".into(),
            vector["timestamp"].as_i64().unwrap().to_string(),
            format!("--body={}", text("body")),
        ];
        for (field, flag) in [
            ("app_cert_sn", "--app-cert-sn"),
            ("app_auth_token", "--app-auth-token"),
        ] {
            if let Some(value) = vector[field].as_str() {
                args.extend([flag.into(), value.into()]);
            }
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = run(&args, b"");
        let (stdout, stderr) = (
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr),
        );
        let id = &vector["id"];
        match vector["error"].as_str() {
            None => {
                assert_eq!(output.status.code(), Some(0), "{id}: {stderr}");
                assert_eq!(stdout, format!("{}\n", text("authorization")), "{id}");
            }
            Some(error) => {
                assert_eq!(output.status.code(), Some(2), "{id}: {stderr}");
                assert!(stderr.starts_with(&format!("{error}: ")), "{id}: {stderr}");
                assert!(stdout.is_empty(), "{id}");
            }
        }
        ran += 1;
    }
    std::fs::remove_dir_all(&dir).ok();
    assert!(ran >= 10, "only {ran} request vectors ran");
}

/// `sign-v3 --response` output as `--header` flags for `verify-v3`.
fn signed_headers(body: &[u8], extra: &[&str]) -> Vec<String> {
    let mut args = vec!["sign-v3", "--private-key", PRIVATE_PEM, "--response"];
    args.extend(extra);
    let output = run(&args, body);
    assert_success(&output, "sign-v3 --response");
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .flat_map(|line| ["--header".to_string(), line.to_string()])
        .collect()
}

#[test]
fn a_signed_response_round_trips_and_the_body_must_be_exact() {
    let public = public_pem();
    let body = "{\"trade_no\":\"2024\",\"subject\":\"测试\"}".as_bytes();
    let headers = signed_headers(body, &[]);
    let mut args = vec!["verify-v3", "--key", public.as_str()];
    args.extend(headers.iter().map(String::as_str));
    let verified = run(&args, body);
    assert_success(&verified, "verify-v3");
    assert_eq!(
        verified.stdout, body,
        "the body is printed as read, no line added"
    );

    // A line break added after the body (echo, a heredoc) is part of it: rejected, and said.
    let echoed = [body, b"\n"].concat();
    let output = run(&args, &echoed);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with("INVALID_SIGNATURE: "), "{stderr}");
    assert!(stderr.contains("whitespace"), "{stderr}");
    // So is one a body genuinely ends with, as signed.
    let with_break = signed_headers(&echoed, &[]);
    let mut args = vec!["verify-v3", "--key", public.as_str()];
    args.extend(with_break.iter().map(String::as_str));
    let output = run(&args, &echoed);
    assert_success(&output, "a body ending with a line break");
    assert_eq!(output.stdout, echoed);
    assert_eq!(run(&args, body).status.code(), Some(1));

    // JSON parsed and re-encoded (Python's json.dumps) is explained.
    let mut args = vec!["verify-v3", "--key", public.as_str()];
    args.extend(headers.iter().map(String::as_str));
    let output = run(&args, br#"{"trade_no": "2024", "subject": "\u6d4b\u8bd5"}"#);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("parsed and encoded again"), "{stderr}");
}

#[test]
fn the_contract_flags_give_the_contract_exit_codes() {
    let public = public_pem();
    let body = b"{\"code\":\"invalid-parameter\"}";
    let headers = signed_headers(body, &["--timestamp", "1717756911576", "--nonce", "n-1"]);
    let signature = headers[5].strip_prefix("alipay-signature: ").unwrap();
    let base = [
        "verify-v3",
        "--key",
        public.as_str(),
        "--timestamp",
        "1717756911576",
        "--nonce",
        "n-1",
    ];
    let with = |extra: &[&str]| -> Output {
        let args: Vec<&str> = base.iter().chain(extra).copied().collect();
        run(&args, body)
    };
    let ok = with(&["--signature", signature]);
    assert_success(&ok, "the contract's flags");
    assert_eq!(ok.stdout, body);
    for (extra, code, name) in [
        (vec![], 1, "UNSIGNED_RESPONSE"),
        (vec!["--signature", ""], 1, "UNSIGNED_RESPONSE"),
        (
            vec!["--signature", signature, "--max-age", "300"],
            1,
            "STALE_RESPONSE",
        ),
        (
            vec!["--signature", signature, "--max-response-age", "300"],
            1,
            "STALE_RESPONSE",
        ),
        (vec!["--signature", "AAAA"], 1, "INVALID_SIGNATURE"),
        (
            vec!["--signature", signature, "--header", "Alipay-Signature: x"],
            1,
            "DUPLICATE_PARAMETER",
        ),
        (
            vec!["--signature", signature, "--max-age", "0"],
            2,
            "INVALID_CONFIG",
        ),
        (
            vec!["--signature", signature, "--header", "no colon"],
            2,
            "INVALID_CONFIG",
        ),
    ] {
        let output = with(&extra);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(code), "{extra:?}: {stderr}");
        assert!(
            stderr.starts_with(&format!("{name}: ")),
            "{extra:?}: {stderr}"
        );
        assert!(output.stdout.is_empty(), "{extra:?}");
    }
    // The age as of a given time: fresh within --max-age.
    let fresh = with(&[
        "--signature",
        signature,
        "--max-age",
        "300",
        "--now",
        "1717757211576",
    ]);
    assert_success(&fresh, "--now inside --max-age");
    // Certificate mode: an alipay-sn no configured certificate has exits 2.
    let chain = include_str!("../../../tests/vectors/keys/alipay_a.chain.crt.pem");
    let output = run(
        &[
            "verify-v3",
            "--key",
            chain,
            "--timestamp",
            "1717756911576",
            "--nonce",
            "n-1",
            "--signature",
            signature,
            "--alipay-sn",
            "0123456789abcdef0123456789abcdef",
        ],
        body,
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).starts_with("UNKNOWN_CERT_SN: "));
    let no_key = run(&["verify-v3", "--signature", signature], body);
    assert_eq!(no_key.status.code(), Some(2));
}

#[test]
fn sign_v3_signs_a_request_from_standard_input_with_a_fresh_nonce() {
    let args = [
        "sign-v3",
        "--private-key",
        PRIVATE_PEM,
        "--app-id",
        "2014060600164699",
        "--method",
        "POST",
        "--uri",
        "/v3/alipay/trade/query",
    ];
    let (a, b) = (run(&args, b"{}"), run(&args, b"{}"));
    assert_success(&a, "sign-v3");
    let (a, b) = (
        String::from_utf8(a.stdout).unwrap(),
        String::from_utf8(b.stdout).unwrap(),
    );
    assert!(
        a.starts_with("ALIPAY-SHA256withRSA app_id=2014060600164699,nonce="),
        "{a}"
    );
    assert!(a.contains(",timestamp=") && a.contains(",sign="), "{a}");
    assert_ne!(a, b, "each request gets its own nonce");
    let missing = run(
        &["sign-v3", "--private-key", PRIVATE_PEM, "--app-id", "1"],
        b"",
    );
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn the_v3_commands_have_examples_and_every_verifier_flag() {
    use alipay_notify::options::VERIFIER_OPTIONS;
    for (command, example) in [
        ("verify-v3", "alipay-notify verify-v3 --key"),
        ("sign-v3", "alipay-notify sign-v3 --private-key"),
    ] {
        let help = run(&[command, "--help"], b"");
        assert_eq!(help.status.code(), Some(0));
        let text = String::from_utf8_lossy(&help.stdout);
        assert!(
            text.contains("Examples:") && text.contains(example),
            "{command}"
        );
    }
    let help = String::from_utf8_lossy(&run(&["verify-v3", "--help"], b"").stdout).into_owned();
    for flag in [
        "--timestamp",
        "--nonce",
        "--signature",
        "--alipay-sn",
        "--max-age",
        "--header",
    ] {
        assert!(help.contains(flag), "verify-v3 --help lacks {flag}");
    }
    for spec in VERIFIER_OPTIONS {
        let flag = format!("--{}", spec.kebab_case());
        assert!(help.contains(&flag), "verify-v3 --help lacks {flag}");
    }
}

#[test]
fn v3_key_options_name_bad_key_text_without_echoing_it() {
    let public = public_pem();
    let sign_prefix = [
        "sign-v3",
        "--app-id",
        "1",
        "--method",
        "GET",
        "--uri",
        "/v3/x",
        "--body=",
        "--private-key",
    ];
    let mut cases = Vec::new();
    for (name, text, word) in bad_shapes(&public) {
        cases.push((
            vec!["verify-v3", "--key"],
            name,
            text,
            word,
            base64_body(&public),
        ));
    }
    for (name, text, word) in bad_shapes(PRIVATE_PEM) {
        cases.push((
            sign_prefix.to_vec(),
            name,
            text,
            word,
            base64_body(PRIVATE_PEM),
        ));
    }
    for (prefix, name, text, word, body) in cases {
        let mut args = prefix.clone();
        args.push(&text);
        let output = run(&args, b"{}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let case = format!("{} {name}", prefix[0]);
        assert_eq!(output.status.code(), Some(2), "{case}: {stderr}");
        assert!(stderr.starts_with("INVALID_KEY: "), "{case}: {stderr}");
        assert!(stderr.contains(word), "{case}: {stderr}");
        assert_not_echoed(&stderr, &body, &case);
        assert_not_echoed(&stderr, &text, &case);
    }
}
