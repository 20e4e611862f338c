//! docs/troubleshooting.md and docs/troubleshooting.zh-CN.md are generated: one section per code
//! of the diagnosis catalog, its example output produced here by running `alipay-notify
//! diagnose` on a shared vector that triggers it. The test fails when the committed pages differ
//! from what the catalog and the command give now; `UPDATE_DOCS=1 cargo test -p
//! alipay-notify-cli --test cli troubleshooting` rewrites them.

use super::aes::verifier_flags;
use super::{key_path, run, scratch_dir, vector_files, vectors_of_kind};
use alipay_notify::ErrorKind;
use alipay_notify::diagnose::{FINDING_CODES, describe_finding};
use serde_json::Value;
use std::path::{Path, PathBuf};

const REGENERATE: &str = "UPDATE_DOCS=1 cargo test -p alipay-notify-cli --test cli troubleshooting";

/// A diagnosis vector of the shared files and the command that diagnoses it.
struct Example {
    vector: Value,
    file: String,
    args: Vec<String>,
    shown: Vec<String>,
    stdin: String,
    /// What `diagnose --json` printed for it.
    json: Value,
}

/// The options a diagnose vector may carry, each passed as the flags `flags` adds.
const OPTIONS: &[&str] = &[
    "app_public_keys",
    "app_private_key",
    "app_id",
    "seller_ids",
    "md5_key",
    "rule",
    "max_size",
    "sign_types",
    "aes_key",
];

/// What a key file of the vectors is called in the pages: a merchant's file, not a test path.
fn shown_key(id: &str) -> String {
    match id {
        "alipay_a" => "alipay_public_key.pem".into(),
        "alipay_b" => "another_alipay_public_key.pem".into(),
        "alipay_a_cert" => "alipayCertPublicKey_RSA2.crt".into(),
        "app" => "app_public_key.pem".into(),
        "app_private" => "app_private_key.pem".into(),
        "aes" => "aes_key.txt".into(),
        "aes_other" => "another_aes_key.txt".into(),
        other => format!("{other}.pem"),
    }
}

fn example(vector: &Value, file: &str, key_files: &[(String, PathBuf)], scratch: &Path) -> Example {
    let options = &vector["options"];
    for name in options.as_object().into_iter().flatten().map(|(k, _)| k) {
        assert!(
            OPTIONS.contains(&name.as_str()),
            "{}: option {name} is not passed to diagnose here",
            vector["id"]
        );
    }
    let kind = vector["kind"].as_str().unwrap();
    let mut args: Vec<String> = vec!["diagnose".into()];
    match kind {
        "diagnose_response" => args.extend(["--kind".into(), "response".into()]),
        "diagnose_v3" => args.extend(["--kind".into(), "v3".into()]),
        _ => {}
    }
    args.extend(verifier_flags(vector, key_files));
    for id in options["app_public_keys"].as_array().into_iter().flatten() {
        args.push("--app-public-key".into());
        args.push(key_path(key_files, id.as_str().unwrap()).into());
    }
    for (option, flag) in [
        ("app_id", "--app-id"),
        ("md5_key", "--md5-key"),
        ("max_size", "--max-size"),
    ] {
        match &options[option] {
            Value::String(s) => args.extend([flag.into(), s.clone()]),
            Value::Number(n) => args.extend([flag.into(), n.to_string()]),
            _ => {}
        }
    }
    for id in options["seller_ids"].as_array().into_iter().flatten() {
        args.extend(["--seller-id".into(), id.as_str().unwrap().into()]);
    }
    if let Some(method) = vector["method"].as_str() {
        args.extend(["--method".into(), method.into()]);
    }
    for pair in vector["headers"].as_array().into_iter().flatten() {
        let (name, value) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
        args.extend(["--header".into(), format!("{name}: {value}")]);
    }
    let shown = args
        .iter()
        .map(|arg| {
            if let Some((id, _)) = key_files.iter().find(|(_, p)| p.to_str() == Some(arg)) {
                return shown_key(id);
            }
            if options["md5_key"].as_str() == Some(arg) {
                return "\"$MD5_KEY\"".into();
            }
            match arg.strip_prefix("alipay-signature: ") {
                Some(_) => "\"alipay-signature: $SIGNATURE\"".into(),
                None if arg.contains(' ') => format!("\"{arg}\""),
                None => arg.clone(),
            }
        })
        .collect();
    let stdin = match kind {
        // A v3 body is read to its last byte: a line break added is one of the findings.
        "diagnose_v3" => vector["body"].as_str().unwrap().to_string(),
        _ => format!("{}\n", vector["input"].as_str().unwrap()),
    };
    let mut example = Example {
        vector: vector.clone(),
        file: file.to_string(),
        args,
        shown,
        stdin,
        json: Value::Null,
    };
    example.json = serde_json::from_str(&diagnose(&example, scratch, &["--json"])).unwrap();
    example
}

/// Every diagnosis vector of the shared files, with the file it comes from, diagnosed.
fn examples(dir: &Path) -> Vec<Example> {
    let mut file_of = std::collections::HashMap::new();
    for file in vector_files() {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        for vector in doc["vectors"].as_array().unwrap() {
            file_of.insert(vector["id"].as_str().unwrap().to_string(), name.clone());
        }
    }
    let mut out = Vec::new();
    for kind in ["diagnose", "diagnose_response", "diagnose_v3"] {
        for (vector, key_files) in vectors_of_kind(kind, dir) {
            let file = &file_of[vector["id"].as_str().unwrap()];
            out.push(example(&vector, file, &key_files, dir));
        }
    }
    out
}

/// The command's output on `example`, with `extra` flags.
fn diagnose(example: &Example, scratch: &Path, extra: &[&str]) -> String {
    let mut args: Vec<&str> = example.args.iter().map(String::as_str).collect();
    args.extend(extra);
    let output = run(&args, example.stdin.as_bytes());
    let text = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}: {stderr}",
        example.vector["id"]
    );
    assert!(
        !text.contains(scratch.to_str().unwrap()),
        "a machine path in the output: {text}"
    );
    text
}

fn finding<'a>(example: &'a Example, code: &str) -> Option<&'a Value> {
    example.json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == code)
}

/// The vector that shows `code` best: one where it is a certain cause, with the fewest
/// findings, the first such in file order.
fn pick<'a>(code: &str, examples: &'a [Example]) -> &'a Example {
    examples
        .iter()
        .filter_map(|e| {
            let certain = finding(e, code)?["certain"] == true;
            let findings = e.json["findings"].as_array().unwrap().len();
            Some(((!certain, findings), e))
        })
        .min_by_key(|(rank, _)| *rank)
        .map(|(_, e)| e)
        .unwrap_or_else(|| panic!("no shared vector triggers {code}: add one to tests/vectors"))
}

/// What a merchant meets where `code` is found: whether such a message may verify, and the
/// errors of those that do not (name and code, in code order).
struct Symptoms {
    verifies: bool,
    errors: Vec<(&'static str, i32)>,
}

fn symptoms(code: &str, examples: &[Example]) -> Symptoms {
    let mut verifies = false;
    let mut errors = Vec::new();
    for example in examples.iter().filter(|e| finding(e, code).is_some()) {
        let Some(name) = example.json["error"][0].as_str() else {
            verifies = true;
            continue;
        };
        let kind = ErrorKind::ALL
            .iter()
            .find(|k| k.name() == name)
            .unwrap_or_else(|| panic!("{name} is not in the error taxonomy"));
        errors.push((kind.name(), kind.code()));
    }
    errors.sort_by_key(|(_, code)| *code);
    errors.dedup();
    Symptoms { verifies, errors }
}

/// Text of the two pages that differs by language; code blocks and structure are shared.
struct Language {
    english: bool,
    file: &'static str,
    other: &'static str,
    intro: &'static str,
    index_header: &'static str,
    symptom: &'static str,
    cause: &'static str,
    fix: &'static str,
    shown: &'static str,
}

const EN: Language = Language {
    english: true,
    file: "troubleshooting.md",
    other: "[中文版：验签失败排查](troubleshooting.zh-CN.md)",
    intro: include_str!("troubleshooting/intro.en.md.in"),
    index_header: "| Finding | What the verifier says |",
    symptom: "Symptom:",
    cause: "Cause:",
    fix: "Fix:",
    shown: "What `alipay-notify diagnose` prints",
};

const ZH: Language = Language {
    english: false,
    file: "troubleshooting.zh-CN.md",
    other: "[English version: Troubleshooting](troubleshooting.md)",
    intro: include_str!("troubleshooting/intro.zh-CN.md.in"),
    index_header: "| 诊断结论 | 验签时的表现 |",
    symptom: "现象：",
    cause: "原因：",
    fix: "解决方法：",
    shown: "`alipay-notify diagnose` 的输出",
};

/// The symptom in a sentence: the verifier's errors, or none.
fn symptom(lang: &Language, symptoms: &Symptoms) -> String {
    let (fails, or, end, none, otherwise) = if lang.english {
        (
            "verification fails with ",
            ", or ",
            ".",
            "none: the message verifies; `diagnose` reports this as a fact worth knowing.",
            "none when nothing else is wrong (the message verifies); otherwise ",
        )
    } else {
        (
            "验签失败，错误为 ",
            "，或 ",
            "。",
            "无：报文验签通过；`diagnose` 把这一情况作为提示列出。",
            "没有其他问题时报文验签通过；否则",
        )
    };
    if symptoms.errors.is_empty() {
        return none.into();
    }
    let errors: Vec<String> = symptoms
        .errors
        .iter()
        .map(|(name, code)| match lang.english {
            true => format!("`{name}` (error code {code})"),
            false => format!("`{name}`（错误码 {code}）"),
        })
        .collect();
    let failing = format!("{fails}{}{end}", errors.join(or));
    match symptoms.verifies {
        true => format!("{otherwise}{failing}"),
        false => failing,
    }
}

/// The symptom in the index: the error names, or that it verifies.
fn short_symptom(lang: &Language, symptoms: &Symptoms) -> String {
    let names: Vec<String> = symptoms
        .errors
        .iter()
        .map(|(name, _)| format!("`{name}`"))
        .collect();
    match (names.is_empty(), lang.english) {
        (false, _) => names.join(", "),
        (true, true) => "verifies".into(),
        (true, false) => "验签通过".into(),
    }
}

/// The vector's place in the repository, linked from docs/.
fn source(lang: &Language, example: &Example) -> String {
    let id = example.vector["id"].as_str().unwrap();
    let file = &example.file;
    if lang.english {
        format!("vector `{id}` of [tests/vectors/{file}](../tests/vectors/{file})")
    } else {
        format!("向量 `{id}`，见 [tests/vectors/{file}](../tests/vectors/{file})")
    }
}

/// One finding's section: the example chosen, what `diagnose` printed for it, the symptoms.
struct Section<'a> {
    code: &'static str,
    example: &'a Example,
    output: String,
    symptoms: Symptoms,
}

fn page(lang: &Language, sections: &[Section]) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "<!-- Generated from core/src/diagnose/catalog.rs by `{REGENERATE}`: do not edit. -->\n\n"
    ));
    let (title, intro) = lang.intro.split_once('\n').unwrap();
    out.push_str(&format!(
        "{title}\n\n{}\n\n{}\n\n",
        lang.other,
        intro.trim()
    ));
    out.push_str(lang.index_header);
    out.push_str("\n|---|---|\n");
    for section in sections {
        out.push_str(&format!(
            "| [`{}`](#{}) | {} |\n",
            section.code,
            section.code.to_lowercase(),
            short_symptom(lang, &section.symptoms)
        ));
    }
    for section in sections {
        let text = describe_finding(section.code).unwrap();
        let (cause, fix) = match lang.english {
            true => (text.explanation, text.fix),
            false => (text.explanation_zh, text.fix_zh),
        };
        let example = section.example;
        let stdin = match example.vector["kind"].as_str() {
            Some("diagnose") => "body.txt",
            _ => "body.json",
        };
        out.push_str(&format!(
            "\n## `{}`\n\n**{}** {}\n\n**{}** {cause}\n\n**{}** {fix}\n\n{}\n\n\
             ```console\n$ alipay-notify {} < {stdin}\n{}\n```\n",
            section.code,
            lang.symptom,
            symptom(lang, &section.symptoms),
            lang.cause,
            lang.fix,
            match lang.english {
                true => format!("{} ({}):", lang.shown, source(lang, example)),
                false => format!("{}（{}）：", lang.shown, source(lang, example)),
            },
            example.shown.join(" "),
            section.output,
        ));
    }
    out
}

fn docs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs")
}

#[test]
fn troubleshooting_pages_cover_every_finding_code_as_diagnose_shows_it_now() {
    let dir = scratch_dir("troubleshooting");
    let examples = examples(&dir);
    let sections: Vec<Section> = FINDING_CODES
        .iter()
        .map(|code| {
            let example = pick(code, &examples);
            Section {
                code,
                example,
                output: diagnose(example, &dir, &[]).trim_end().to_string(),
                symptoms: symptoms(code, &examples),
            }
        })
        .collect();
    let mut stale = Vec::new();
    for lang in [&EN, &ZH] {
        let path = docs_dir().join(lang.file);
        let generated = page(lang, &sections);
        for code in FINDING_CODES {
            assert!(
                generated.contains(&format!("\n## `{code}`\n")),
                "docs/{}: no section for {code}",
                lang.file
            );
        }
        if std::env::var_os("UPDATE_DOCS").is_some() {
            std::fs::write(&path, &generated).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(generated.as_str()) {
            stale.push(lang.file);
        }
    }
    std::fs::remove_dir_all(&dir).ok();
    assert!(
        stale.is_empty(),
        "docs/{} differ from the catalog and `diagnose`'s output; regenerate with `{REGENERATE}`",
        stale.join(", docs/")
    );
}
