//! Every command that cli/README.md shows (and the repository README's command-line sample) is
//! run here, in order, in a scratch directory: a merchant who copies them gets what the page
//! says. The files and variables the page only names (a second key, a return_url, a legacy
//! message, certificates, a failing body) are made from the shared vectors first.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A fenced code block: its language, the `<!-- sample: NAME -->` marker on the line before
/// it (if any), the line its code starts on, and the code.
struct Block {
    lang: String,
    marker: Option<String>,
    line: usize,
    code: String,
}

fn blocks(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut lines = markdown.lines().enumerate();
    let mut previous = "";
    while let Some((index, line)) = lines.next() {
        if let Some(lang) = line.strip_prefix("```") {
            let marker = previous
                .trim()
                .strip_prefix("<!-- sample:")
                .and_then(|rest| rest.strip_suffix("-->"))
                .map(|name| name.trim().to_string());
            let mut code = String::new();
            for (_, line) in lines.by_ref() {
                if line.starts_with("```") {
                    break;
                }
                code.push_str(line);
                code.push('\n');
            }
            blocks.push(Block {
                lang: lang.trim().to_string(),
                marker,
                line: index + 2,
                code,
            });
            previous = "";
        } else {
            previous = line;
        }
    }
    blocks
}

/// The commands of a shell block: comments and blank lines dropped, `\` continuations joined.
fn commands(code: &str) -> Vec<String> {
    let mut commands = Vec::new();
    let mut current = String::new();
    for line in code.lines() {
        if current.is_empty() && (line.trim().is_empty() || line.trim_start().starts_with('#')) {
            continue;
        }
        match line.strip_suffix('\\') {
            Some(start) => current.push_str(start),
            None => {
                current.push_str(line);
                commands.push(std::mem::take(&mut current));
            }
        }
    }
    assert!(
        current.is_empty(),
        "a continued line ends the block: {current}"
    );
    commands
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn vector_file(name: &str) -> Value {
    let text = std::fs::read_to_string(repo().join("tests/vectors").join(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn vector<'a>(file: &'a Value, id: &str) -> &'a Value {
    file["vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["id"] == id)
        .unwrap_or_else(|| panic!("no vector {id}"))
}

fn pem(bare_base64: &str) -> String {
    let lines: Vec<&str> = bare_base64
        .as_bytes()
        .chunks(64)
        .map(|chunk| std::str::from_utf8(chunk).unwrap())
        .collect();
    format!(
        "-----BEGIN PUBLIC KEY-----\n{}\n-----END PUBLIC KEY-----\n",
        lines.join("\n")
    )
}

fn simulate(args: &[&str]) -> String {
    let key = repo().join("tests/vectors/keys/alipay_a.key.pem");
    let output = Command::new(env!("CARGO_BIN_EXE_alipay-notify"))
        .arg("simulate")
        .arg("--private-key")
        .arg(key)
        .args(args)
        .output()
        .unwrap();
    assert!(output.status.success(), "simulate failed");
    String::from_utf8(output.stdout).unwrap()
}

/// A scratch directory holding what the README's commands read, and the variables they use.
fn fixtures(name: &str) -> (PathBuf, Vec<(&'static str, String)>) {
    let dir = std::env::temp_dir().join(format!(
        "alipay-notify-readme-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let notify = vector_file("notify.json");
    let alipay_a = notify["keys"]["alipay_a"].as_str().unwrap();
    let responses = vector_file("responses.json");
    let diagnose = vector_file("diagnose.json");
    let legacy = vector_file("legacy_md5.json");
    let legacy_message = vector(&legacy, "legacy-md5-notify");
    let certs = repo().join("tests/vectors/certs");
    let files: Vec<(&str, String)> = vec![
        ("alipay_public_key.txt", alipay_a.to_string()),
        (
            "alipay_private_key.pem",
            std::fs::read_to_string(repo().join("tests/vectors/keys/alipay_a.key.pem")).unwrap(),
        ),
        (
            "body.txt",
            simulate(&["--out-trade-no", "T1001", "--total-amount", "88.00"]),
        ),
        (
            "old.pem",
            notify["keys"]["alipay_b"].as_str().unwrap().into(),
        ),
        ("new.pem", pem(alipay_a)),
        (
            "mapi_body.txt",
            legacy_message["input"].as_str().unwrap().into(),
        ),
        (
            "alipayCertPublicKey_RSA2.crt",
            responses["keys"]["alipay_a_cert"].as_str().unwrap().into(),
        ),
        (
            "response.json",
            vector(&responses, "responses-cert-sn-before-sign")["input"]
                .as_str()
                .unwrap()
                .into(),
        ),
        (
            "appCertPublicKey_2021000000000000.crt",
            std::fs::read_to_string(certs.join("n4_appCertPublicKey_2021001161683774.crt"))
                .unwrap(),
        ),
        (
            "alipayRootCert.crt",
            std::fs::read_to_string(certs.join("ys_alipayRootCert.crt")).unwrap(),
        ),
        (
            "configured_key.txt",
            diagnose["keys"]["alipay_a"].as_str().unwrap().into(),
        ),
        (
            "app_public.txt",
            diagnose["keys"]["app"].as_str().unwrap().into(),
        ),
        (
            "failing_body.txt",
            vector(&diagnose, "diagnose-html-escaped")["input"]
                .as_str()
                .unwrap()
                .into(),
        ),
    ];
    for (file, text) in files.into_iter().chain(aes_files()) {
        std::fs::write(dir.join(file), text).unwrap();
    }
    let return_query = simulate(&[
        "--kind",
        "return",
        "--out-trade-no",
        "T1001",
        "--total-amount",
        "88.00",
    ]);
    let env = vec![
        (
            "RETURN_URL",
            format!(
                "https://shop.example.com/alipay/return?{}",
                return_query.trim_end()
            ),
        ),
        (
            "PARTNER_KEY",
            legacy_message["options"]["md5_key"]
                .as_str()
                .unwrap()
                .into(),
        ),
    ];
    (dir, env)
}

/// The files of the guide's "Encrypted content" commands, from aes.json.
fn aes_files() -> Vec<(&'static str, String)> {
    let aes = vector_file("aes.json");
    let input = |id: &str| vector(&aes, id)["input"].as_str().unwrap().to_string();
    let key = |id: &str| aes["keys"][id].as_str().unwrap().to_string();
    vec![
        ("alipay_public_key.pem", pem(&key("alipay_a"))),
        ("aes_key.txt", key("aes128")),
        ("app_private_key.pem", key("app")),
        ("encrypted_response.json", input("aes-response-trade-query")),
        ("envelope.json", input("aes-open-data-phone-number")),
        ("ciphertext.txt", input("aes-decrypt-aes128")),
        ("life_message.txt", input("aes-biz-content-rsa2048")),
    ]
}

/// Runs one command as a reader would, with the built `alipay-notify` first on PATH, and
/// checks what the page promises: exit 0 and the verified JSON, or, for the failing body, a
/// diagnosis that names its cause and exit 1.
fn run(source: &str, line: usize, command: &str, dir: &Path, env: &[(&str, String)]) {
    let bin = Path::new(env!("CARGO_BIN_EXE_alipay-notify"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = std::env::join_paths(
        std::iter::once(bin).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    let output = Command::new("bash")
        .args(["-o", "pipefail", "-c", command])
        .current_dir(dir)
        .env("PATH", path)
        .envs(env.iter().map(|(k, v)| (k, v)))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let context = format!("{source}:{line}: `{command}`\nstdout: {stdout}\nstderr: {stderr}");
    let failing = command.contains("failing_body.txt");
    assert_eq!(
        output.status.code(),
        Some(if failing { 1 } else { 0 }),
        "{context}"
    );
    if failing {
        assert!(stdout.contains("HTML_ESCAPED"), "no cause found: {context}");
    } else if command.contains("alipay-notify verify") {
        let verified: Value = serde_json::from_str(&stdout).expect(&context);
        assert!(verified.is_object(), "{context}");
    }
}

/// Runs the blocks `select` picks from a README; returns how many commands ran.
fn run_readme(path: &str, select: impl Fn(&Block) -> bool) -> usize {
    let text = std::fs::read_to_string(repo().join(path)).unwrap();
    let (dir, env) = fixtures(&path.replace('/', "-"));
    let mut ran = 0;
    for block in blocks(&text).iter().filter(|b| select(b)) {
        let commands = commands(&block.code);
        assert!(!commands.is_empty(), "{path}:{}: no command", block.line);
        for command in commands {
            run(path, block.line, &command, &dir, &env);
            ran += 1;
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
    ran
}

#[test]
fn every_command_of_the_guide_works_as_shown() {
    let ran = run_readme("cli/README.md", |block| {
        assert_eq!(block.lang, "sh", "cli/README.md:{}", block.line);
        match block.marker.as_deref() {
            None => true,
            // Installing is what the test run itself did.
            Some("install") => false,
            Some(other) => panic!("cli/README.md:{}: unknown marker {other}", block.line),
        }
    });
    assert!(ran >= 15, "only {ran} commands ran");
}

#[test]
fn the_repository_readme_sample_works_as_shown() {
    let ran = run_readme("README.md", |block| block.marker.as_deref() == Some("cli"));
    assert!(ran >= 2, "only {ran} commands ran");
}

#[test]
fn a_broken_command_fails_the_test() {
    // The harness itself: a command that does not do what the page says must not pass.
    let (dir, env) = fixtures("broken");
    for command in [
        "alipay-notify verify --key new.pem --app-id 2021000000000001 < body.txt",
        "alipay-notify verify --key configured_key.txt < failing_body.txt",
        "alipay-notify verify --no-such-option < body.txt",
    ] {
        let result = std::panic::catch_unwind(|| run("test", 0, command, &dir, &env));
        assert!(result.is_err(), "`{command}` passed");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
