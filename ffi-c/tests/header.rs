//! Fails when include/alipay_notify.h is out of date with the exports, or the status enum
//! (ffi-c/src/status/codes.rs) with the core's error kinds. Fix both with `make header`
//! (UPDATE_HEADER=1 cargo test -p alipay-notify-ffi --test header), which writes the enum first
//! and then the header from it.

use alipay_notify::ErrorKind;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const REGENERATE: &str = "UPDATE_HEADER=1 cargo test -p alipay-notify-ffi --test header";

fn version_macros() -> String {
    let version = env!("CARGO_PKG_VERSION");
    let [major, minor, patch] = ["MAJOR", "MINOR", "PATCH"].map(|part| {
        std::env::var(format!("CARGO_PKG_VERSION_{part}"))
            .expect("cargo sets the version parts")
            .parse::<u32>()
            .expect("numeric version part")
    });
    format!(
        "\n/* The version this header was generated for; alipay_notify_version() gives the \
         library's. */\n\
         #define ALIPAY_NOTIFY_VERSION \"{version}\"\n\
         #define ALIPAY_NOTIFY_VERSION_MAJOR {major}\n\
         #define ALIPAY_NOTIFY_VERSION_MINOR {minor}\n\
         #define ALIPAY_NOTIFY_VERSION_PATCH {patch}\n\
         /* MAJOR * 10000 + MINOR * 100 + PATCH */\n\
         #define ALIPAY_NOTIFY_VERSION_NUMBER {}\n",
        major * 10000 + minor * 100 + patch
    )
}

fn generate() -> Vec<u8> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut config = cbindgen::Config::from_file(dir.join("cbindgen.toml")).expect("cbindgen.toml");
    config.after_includes = Some(version_macros());
    let mut out = Vec::new();
    cbindgen::Builder::new()
        .with_crate(dir)
        .with_config(config)
        .generate()
        .expect("cbindgen could not generate the header")
        .write(&mut out);
    out
}

fn updating() -> bool {
    std::env::var_os("UPDATE_HEADER").is_some()
}

fn status_codes_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/status/codes.rs")
}

/// `MALFORMED_INPUT` as the Rust variant `MalformedInput` (cbindgen's ScreamingSnakeCase
/// renaming gives `ALIPAY_NOTIFY_STATUS_MALFORMED_INPUT` back).
fn variant(name: &str) -> String {
    name.split('_')
        .map(|word| word[..1].to_string() + &word[1..].to_ascii_lowercase())
        .collect()
}

/// `text` as `///` lines of at most 100 columns, indented by `indent`.
fn doc(out: &mut String, indent: &str, text: &str) {
    let width = 100 - indent.len() - 4;
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            writeln!(out, "{indent}/// {line}").unwrap();
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    writeln!(out, "{indent}/// {line}").unwrap();
}

/// The status enum: success, then one variant per core error kind with its code, summary and
/// group, so the header (and PHP, which reads it) lists every code the library returns.
fn status_codes() -> String {
    let mut out = String::from(
        "//! Generated from the core's `ErrorKind` table by ffi-c/tests/header.rs: do not edit. After\n\
         //! a change to the core's error kinds, run `make header`, which rewrites this file and the\n\
         //! header.\n\n",
    );
    doc(
        &mut out,
        "",
        "The status codes functions return: 0 for success, otherwise the stable code of the \
         core's error taxonomy (the same numbers in every binding; a retired code is never \
         reused). Functions return them as `int32_t`, so a newer library may return a code this \
         header does not list: treat unknown codes like their hundred (1xx sender, 2xx business \
         check, 3xx configuration, 9xx library). `alipay_notify_status_group()` tells what a \
         code means for the caller.",
    );
    out.push_str(
        "#[repr(C)]\n#[derive(Debug, Clone, Copy, PartialEq, Eq)]\n\
         pub enum alipay_notify_status {\n    /// Success.\n    Ok = 0,\n",
    );
    for kind in ErrorKind::ALL {
        let text = format!("{} Group `{}`.", kind.summary(), kind.group().name());
        doc(&mut out, "    ", &text);
        writeln!(out, "    {} = {},", variant(kind.name()), kind.code()).unwrap();
    }
    out.push_str("}\n");
    out
}

#[test]
fn the_status_enum_has_every_core_error_kind() {
    if updating() {
        return; // header_is_up_to_date writes it
    }
    let current = std::fs::read_to_string(status_codes_path()).unwrap_or_default();
    assert!(
        current == status_codes(),
        "ffi-c/src/status/codes.rs is out of date with the core's error kinds. Regenerate it \
         (and the header) with:\n    {REGENERATE}\n(or `make header`) and commit the result."
    );
}

#[test]
fn variant_names_give_the_stable_names_back() {
    for kind in ErrorKind::ALL {
        let variant = variant(kind.name());
        let mut screaming = String::new();
        for (i, c) in variant.char_indices() {
            if i > 0 && c.is_ascii_uppercase() {
                screaming.push('_');
            }
            screaming.push(c.to_ascii_uppercase());
        }
        assert_eq!(screaming, kind.name());
    }
}

#[test]
fn header_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../include/alipay_notify.h");
    if updating() {
        // The enum first: cbindgen reads the sources from disk.
        std::fs::write(status_codes_path(), status_codes()).expect("write status/codes.rs");
        std::fs::write(&path, generate()).expect("write include/alipay_notify.h");
        return;
    }
    let generated = generate();
    let current = std::fs::read(&path).unwrap_or_default();
    assert!(
        current == generated,
        "include/alipay_notify.h is out of date with ffi-c/src. Regenerate it with:\n    {REGENERATE}\n(or `make header`) and commit the result."
    );
}

#[test]
fn the_version_macros_match_the_version_string() {
    let macros = version_macros();
    let version = env!("CARGO_PKG_VERSION");
    let number: u32 = macros
        .lines()
        .find_map(|l| l.strip_prefix("#define ALIPAY_NOTIFY_VERSION_NUMBER "))
        .unwrap()
        .parse()
        .unwrap();
    let parts: Vec<u32> = version
        .split(['.', '-'])
        .take(3)
        .map(|p| p.parse().unwrap())
        .collect();
    assert_eq!(number, parts[0] * 10000 + parts[1] * 100 + parts[2]);
    assert!(macros.contains(&format!("#define ALIPAY_NOTIFY_VERSION \"{version}\"")));
}
