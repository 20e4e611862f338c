//! The crate's modules import each other without a cycle, so each can be read (and changed)
//! knowing only the ones below it: key_text → cert → keys → crypto → … → verifier → notify,
//! response → diagnose. Test modules may use anything and are not counted.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

/// `lib.rs`'s `pub use module::{Name, …}`: which module a root path such as
/// `crate::PublicKey` comes from.
fn reexports(lib: &str) -> BTreeMap<String, String> {
    let item = regex::Regex::new(r"pub use ([a-z_]+)::(\{[^}]*\}|[A-Za-z_]+)").unwrap();
    let word = regex::Regex::new(r"[A-Za-z_]+").unwrap();
    let mut out = BTreeMap::new();
    for c in item.captures_iter(lib) {
        for name in word.find_iter(&c[2]) {
            out.insert(name.as_str().to_string(), c[1].to_string());
        }
    }
    out
}

/// The top-level module of every `crate::` path in `dir`, by the top-level module that uses
/// it, leaving out comments and `#[cfg(test)] mod tests` blocks.
fn graph(dir: &Path, top: Option<&str>, reexports: &BTreeMap<String, String>, out: &mut Graph) {
    let path_use = regex::Regex::new(r"crate::([A-Za-z_]+)").unwrap();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
        let module = top.map_or(stem.clone(), str::to_string);
        if path.is_dir() {
            graph(&path, Some(&module), reexports, out);
            continue;
        }
        if top.is_none() && stem == "lib" || stem == "tests" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let code = text.split("#[cfg(test)]\nmod tests").next().unwrap();
        let uses = out.entry(module.clone()).or_default();
        for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for c in path_use.captures_iter(line) {
                let name = &c[1];
                let target = match name.starts_with(char::is_lowercase) {
                    true => name.to_string(),
                    false => reexports[name].clone(),
                };
                if target != module {
                    uses.insert(target);
                }
            }
        }
    }
}

/// A cycle through `module`, if any: the path back to a module on the stack.
fn find_cycle(
    graph: &Graph,
    module: &str,
    stack: &mut Vec<String>,
    done: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    if let Some(start) = stack.iter().position(|m| m == module) {
        let mut cycle = stack[start..].to_vec();
        cycle.push(module.to_string());
        return Some(cycle);
    }
    if !done.insert(module.to_string()) {
        return None;
    }
    stack.push(module.to_string());
    for next in graph.get(module).into_iter().flatten() {
        if let Some(cycle) = find_cycle(graph, next, stack, done) {
            return Some(cycle);
        }
    }
    stack.pop();
    None
}

fn core_graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    let mut out = Graph::new();
    graph(&src, None, &reexports(&lib), &mut out);
    out
}

#[test]
fn modules_import_each_other_without_a_cycle() {
    let graph = core_graph();
    let mut done = BTreeSet::new();
    for module in graph.keys() {
        let cycle = find_cycle(&graph, module, &mut Vec::new(), &mut done);
        assert!(
            cycle.is_none(),
            "import cycle: {}",
            cycle.unwrap().join(" -> ")
        );
    }
}

#[test]
fn key_text_cert_keys_and_crypto_import_in_that_order() {
    let graph = core_graph();
    let uses = |module: &str| graph[module].iter().cloned().collect::<Vec<_>>();
    assert_eq!(uses("key_text"), ["error"]);
    assert_eq!(uses("cert"), ["error", "key_text"]);
    assert!(
        !uses("keys").contains(&"crypto".to_string()),
        "{:?}",
        uses("keys")
    );
    assert!(uses("crypto").contains(&"keys".to_string()));
}
