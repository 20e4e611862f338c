//! No panic crosses into Node: napi turns a panic in an export into process abort unless the
//! export is declared `#[napi(catch_unwind)]` (then it throws, and index.js makes that an
//! `AlipayNotifyError` with code `PANIC`). This test reads the sources so that an export added
//! without it fails here, not in a merchant's server.

use std::fs;
use std::path::Path;

/// The `#[napi...]` attributes of `source` that stand on a function, with their line numbers.
fn function_attributes(source: &str) -> Vec<(usize, String)> {
    let lines: Vec<&str> = source.lines().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].trim_start().starts_with("#[napi") {
            i += 1;
            continue;
        }
        let start = i;
        let mut attribute = lines[i].to_string();
        let mut depth = bracket_depth(lines[i]);
        while depth > 0 && i + 1 < lines.len() {
            i += 1;
            attribute.push('\n');
            attribute.push_str(lines[i]);
            depth += bracket_depth(lines[i]);
        }
        let item = lines[i + 1..]
            .iter()
            .map(|line| line.trim())
            .find(|line| !line.is_empty() && !line.starts_with("#[") && !line.starts_with("///"))
            .unwrap_or("");
        if item.contains("fn ") {
            found.push((start + 1, attribute));
        }
        i += 1;
    }
    found
}

fn bracket_depth(line: &str) -> i32 {
    line.matches('[').count() as i32 - line.matches(']').count() as i32
}

#[test]
fn every_export_catches_panics() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut exports = 0;
    let mut missing = Vec::new();
    for entry in fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        let source = fs::read_to_string(&path).unwrap();
        for (line, attribute) in function_attributes(&source) {
            exports += 1;
            if !attribute.contains("catch_unwind") {
                missing.push(format!(
                    "{}:{line}",
                    path.file_name().unwrap().to_string_lossy()
                ));
            }
        }
    }
    assert!(
        exports > 100,
        "found only {exports} exported functions: is the scan broken?"
    );
    assert!(
        missing.is_empty(),
        "exports without #[napi(catch_unwind)]: {missing:?}"
    );
}

#[test]
fn the_scan_tells_functions_from_other_items() {
    let source = "#[napi]\npub struct A {}\n#[napi(getter)]\n/// doc\npub fn b() {}\n\
                  #[napi(\n  catch_unwind,\n  ts_return_type = \"x[]\"\n)]\npub fn c() {}\n";
    let found = function_attributes(source);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0], (3, "#[napi(getter)]".to_string()));
    assert!(found[1].1.contains("catch_unwind"));
}
