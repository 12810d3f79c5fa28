//! The modules of goal-lint-core form no import cycle: a change low in the core (the model, the
//! bottom-layer types) never needs one high up (the rules, configuration, fixes), and each file
//! can be read knowing only those below it.
//!
//! Each `src/**/*.rs` file is a module. Its edges are the paths it names from `crate::`,
//! `super::` or `self::`, each resolved to the deepest module file the path reaches. A parent
//! module is the face of its directory: declaring a child (`mod x;`) and naming it by its bare
//! name (`x::f()`, `pub use x::T`) are not edges, so the children of a directory may use what
//! the parent defines (`super::Item`). Comments (doc links) and the file's trailing
//! `#[cfg(test)] mod tests`, which may use anything, are not read.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Module path (`crate`, `crate::rules`, `crate::rules::context`) → source text.
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, prefix: &str, out: &mut BTreeMap<String, String>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                walk(&path, &format!("{prefix}::{stem}"), out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let module = match stem.as_str() {
                    "lib" if prefix == "crate" => "crate".to_string(),
                    "mod" => prefix.to_string(),
                    _ => format!("{prefix}::{stem}"),
                };
                out.insert(module, fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        "crate",
        &mut out,
    );
    out
}

/// The code of a file without comments and without its trailing `#[cfg(test)] mod …`.
fn code_of(source: &str) -> String {
    let mut out = String::new();
    let mut lines = source.lines().peekable();
    while let Some(line) = lines.next() {
        if line.trim() == "#[cfg(test)]"
            && lines
                .peek()
                .is_some_and(|next| next.trim_start().starts_with("mod "))
        {
            break;
        }
        let code = line.find("//").map_or(line, |i| &line[..i]);
        out.push_str(code);
        out.push('\n');
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The paths of a `use` tree or an expression starting at `text` (just after `root::`):
/// `a::b`, `{a, b::{c, d}}`, each as its segments.
fn path_tree(text: &str, prefix: &[String], out: &mut Vec<Vec<String>>) -> usize {
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut segments = prefix.to_vec();
    loop {
        while i < bytes.len() && (bytes[i] as char).is_whitespace() {
            i += 1;
        }
        if i < bytes.len() && bytes[i] == b'{' {
            i += 1;
            loop {
                while i < bytes.len() && (bytes[i] as char).is_whitespace() {
                    i += 1;
                }
                if i >= bytes.len() || bytes[i] == b'}' {
                    return i + 1;
                }
                i += path_tree(&text[i..], &segments, out);
                while i < bytes.len() && bytes[i] != b',' && bytes[i] != b'}' {
                    i += 1;
                }
                if i < bytes.len() && bytes[i] == b',' {
                    i += 1;
                }
            }
        }
        let start = i;
        while i < bytes.len() && is_ident(bytes[i] as char) {
            i += 1;
        }
        if i > start {
            segments.push(text[start..i].to_string());
        }
        if text[i..].starts_with("::") {
            i += 2;
        } else {
            out.push(segments);
            return i;
        }
    }
}

/// The modules `module` (whose code is `code`) refers to.
fn edges(module: &str, code: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
    let parent = |m: &str| {
        m.rsplit_once("::")
            .map_or("crate".to_string(), |(p, _)| p.to_string())
    };
    // Roots a path may start from, and the module each stands for.
    let roots: [(&str, String); 3] = [
        ("crate", "crate".into()),
        ("super", parent(module)),
        ("self", module.to_string()),
    ];
    let mut out = BTreeSet::new();
    for (root, base) in &roots {
        let needle = format!("{root}::");
        let mut from = 0;
        while let Some(found) = code[from..].find(&needle) {
            let at = from + found;
            from = at + needle.len();
            let before = code[..at].chars().next_back();
            // A whole path start: not `x::root::` (a path through another module) nor part of
            // a longer identifier.
            if before.is_some_and(|c| is_ident(c) || c == ':') {
                continue;
            }
            let base_segments: Vec<String> = base.split("::").map(str::to_string).collect();
            let mut paths = Vec::new();
            path_tree(&code[from..], &base_segments, &mut paths);
            for path in paths {
                // The deepest module the path reaches.
                let target = (1..=path.len())
                    .rev()
                    .map(|n| path[..n].join("::"))
                    .find(|m| known.contains(m))
                    .unwrap_or_else(|| "crate".to_string());
                if target != module {
                    out.insert(target);
                }
            }
        }
    }
    out
}

/// A cycle in `graph`, as the modules along it, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Open,
        Done,
    }
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, State>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(node.to_string(), State::Open);
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            match state.get(next).copied().unwrap_or(State::New) {
                State::Open => {
                    let start = stack.iter().position(|m| m == next).unwrap();
                    let mut cycle = stack[start..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                State::New => {
                    if let Some(cycle) = visit(next, graph, state, stack) {
                        return Some(cycle);
                    }
                }
                State::Done => {}
            }
        }
        stack.pop();
        state.insert(node.to_string(), State::Done);
        None
    }
    let mut state = BTreeMap::new();
    for node in graph.keys() {
        if state.get(node).copied().unwrap_or(State::New) == State::New
            && let Some(cycle) = visit(node, graph, &mut state, &mut Vec::new())
        {
            return Some(cycle);
        }
    }
    None
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    let known: BTreeSet<String> = modules.keys().cloned().collect();
    modules
        .iter()
        .map(|(m, source)| (m.clone(), edges(m, &code_of(source), &known)))
        .collect()
}

#[test]
fn the_core_has_no_import_cycle() {
    let graph = graph();
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "import cycle among goal-lint-core's modules:\n  {}\n(see docs/architecture.md for the layers)",
            cycle.join("\n  → ")
        );
    }
}

/// The layers `docs/architecture.md` describes, spot-checked: the graph sees the edges that
/// matter (a cycle test that sees no edges would pass on anything).
#[test]
fn the_graph_sees_the_layers() {
    let graph = graph();
    let uses = |from: &str, to: &str| graph[from].contains(to);
    assert!(uses("crate::diagnostic", "crate::meta"));
    assert!(uses("crate::config", "crate::rules"));
    assert!(uses("crate::rules::vague_goal", "crate::rules::context"));
    assert!(uses("crate::rules::missing_why", "crate::edits"));
    assert!(uses("crate::fix", "crate::lint"));
    assert!(uses("crate::lint", "crate::rules"));
    assert!(!uses("crate::rules::context", "crate::config"));
    assert!(!uses("crate::meta", "crate::diagnostic"));
    assert!(uses("crate::model::build", "crate::memo"));
    assert!(
        graph["crate::memo"].is_empty(),
        "the memo names no other module"
    );
}

#[test]
fn a_cycle_is_found_and_named() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    graph.insert("crate::a".into(), ["crate::b".to_string()].into());
    graph.insert("crate::b".into(), ["crate::c".to_string()].into());
    graph.insert("crate::c".into(), ["crate::a".to_string()].into());
    assert_eq!(
        find_cycle(&graph).unwrap(),
        ["crate::a", "crate::b", "crate::c", "crate::a"]
    );
    let known: BTreeSet<String> = ["crate", "crate::x", "crate::x::y", "crate::z"]
        .into_iter()
        .map(String::from)
        .collect();
    let code = "use crate::{z::Thing, x::y::{A, B}};\nuse super::Other;\nfn f() { y::g(); }\n";
    assert_eq!(
        edges("crate::x", code, &known),
        ["crate", "crate::x::y", "crate::z"]
            .into_iter()
            .map(String::from)
            .collect()
    );
}
