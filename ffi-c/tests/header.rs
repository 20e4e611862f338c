//! Fails when include/alipay_notify.h is out of date with the exports. Fix it with
//! `make header` (UPDATE_HEADER=1 cargo test -p alipay-notify-ffi --test header).

use std::path::Path;

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

#[test]
fn header_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../include/alipay_notify.h");
    let generated = generate();
    if std::env::var_os("UPDATE_HEADER").is_some() {
        std::fs::write(&path, &generated).expect("write include/alipay_notify.h");
        return;
    }
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
