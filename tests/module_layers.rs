//! The layers stay layers: within each crate, no top-level module uses a module that uses it
//! back, directly or through others. Read from the source, so a new `use crate::…` that closes a
//! cycle fails here with the cycle named.

// Test code: an unwrap that fails is a failing test, with its message.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file below `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files
}

/// The top-level module a file of `src` belongs to (`analytics` for `src/analytics/x.rs` and
/// `src/analytics.rs`); `None` for the crate root.
fn top_module(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?;
    let first = relative.components().next()?.as_os_str().to_string_lossy();
    let name = first.trim_end_matches(".rs").to_string();
    (name != "lib" && name != "main").then_some(name)
}

/// The top-level modules named after `crate::` in a file, leaving out test modules (a test may
/// reach anywhere) and comments.
fn named_modules(text: &str) -> BTreeSet<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let mut named = BTreeSet::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        for (index, _) in line.match_indices("crate::") {
            let before = line[..index].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue; // e.g. `rotation_lens_core::` ends in "core::", not "crate::".
            }
            let rest = &line[index + "crate::".len()..];
            // `crate::{a::X, b}` names a and b (groups are kept on one line by rustfmt's width
            // here only when short; a longer one is caught by the assertion below).
            let names: Vec<&str> = match rest.strip_prefix('{') {
                Some(group) => {
                    assert!(
                        group.contains('}'),
                        "a multi-line `crate::{{` group: {line}"
                    );
                    group.split(['}', ',']).map(str::trim).collect()
                }
                None => vec![rest],
            };
            for name in names {
                let module: String = name
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !module.is_empty() {
                    named.insert(module);
                }
            }
        }
    }
    named
}

/// Which top-level module names which, in the crate whose sources are in `src`.
fn module_graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in rust_files(src) {
        let Some(module) = top_module(src, &file) else {
            continue;
        };
        let text = fs::read_to_string(&file).unwrap();
        let entry = graph.entry(module.clone()).or_default();
        entry.extend(named_modules(&text).into_iter().filter(|m| *m != module));
    }
    graph
}

/// A cycle in `graph`, as the modules along it, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_core_crate_has_no_cycle_between_its_modules() {
    let graph = module_graph(&root().join("core/src"));
    assert!(graph.contains_key("analytics") && graph.contains_key("workspace"));
    assert!(graph["chart"].contains("workspace"), "{graph:?}");
    assert_eq!(find_cycle(&graph), None, "{graph:?}");
}

#[test]
fn the_app_crate_has_no_cycle_between_its_modules() {
    let graph = module_graph(&root().join("src"));
    assert!(graph.contains_key("ui") && graph.contains_key("cli"));
    assert_eq!(find_cycle(&graph), None, "{graph:?}");
}

#[test]
fn the_core_depends_on_no_user_interface_crate() {
    let manifest = fs::read_to_string(root().join("core/Cargo.toml")).unwrap();
    for crate_name in ["egui", "eframe", "egui_plot", "egui_extras", "rfd", "winit"] {
        assert!(
            !manifest
                .lines()
                .any(|line| line.trim_start().starts_with(crate_name)),
            "core/Cargo.toml names {crate_name}"
        );
    }
}

#[test]
fn a_cycle_is_found_and_named() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    graph.insert("a".into(), ["b".to_string()].into());
    graph.insert("b".into(), ["c".to_string()].into());
    graph.insert("c".into(), ["a".to_string()].into());
    assert_eq!(
        find_cycle(&graph),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    assert_eq!(
        named_modules(
            "use crate::model::Date;\n// use crate::ui;\nuse rotation_lens_core::x;\nuse crate::{chart::A, export};"
        ),
        [
            "chart".to_string(),
            "export".to_string(),
            "model".to_string()
        ]
        .into()
    );
}
