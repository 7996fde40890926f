//! The shape of the backend, checked on its source: infrastructure below the
//! domains, domains in a DAG, no file importing a file that imports it back,
//! no domain reaching into another domain's crate-private items, and
//! `startup` imported by nothing but the launch.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Below every domain: they may not import a domain.
const INFRASTRUCTURE: &[&str] = &["audit", "auth", "cache", "client", "clock", "config", "csv_in", "db", "edge", "headers", "email", "entities", "error", "health", "problems", "spa", "state", "telemetry"];
/// Domain folders (shared ones first); their imports of each other must form a DAG.
const DOMAINS: &[&str] = &[
    "reference", "roster", "readiness", "training", "followup", "budget", "waitlist", "enrolment", "groups", "monitoring", "survey", "planning", "exports", "meetings", "learning", "feeds", "privacy", "audit",
];
/// May import `startup`.
const ABOVE_STARTUP: &[&str] = &["launch.rs", "lib.rs", "main.rs"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src").flatten() {
        let p = entry.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// Source without comments and string contents, so that prose does not count as an import.
fn code_of(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = match line.find("//") {
            Some(i) if !line[..i].contains('"') => &line[..i],
            _ => line,
        };
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Every `crate::a::b::...` path in the file, `use crate::{a, b::c}` trees expanded.
fn crate_paths(code: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        let (tree, len) = take_tree(after);
        for p in expand(&tree) {
            paths.push(p.split("::").map(str::to_string).filter(|s| !s.is_empty()).collect());
        }
        rest = &after[len.max(1).min(after.len())..];
    }
    paths
}

/// The path or brace tree after `crate::`, and its length.
fn take_tree(s: &str) -> (String, usize) {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    return (s[..=i].to_string(), i + 1);
                }
            }
            c if depth == 0 && !(c.is_alphanumeric() || c == '_' || c == ':') => return (s[..i].to_string(), i),
            _ => {}
        }
    }
    (s.to_string(), s.len())
}

fn expand(tree: &str) -> Vec<String> {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    match tree.find('{') {
        None => vec![tree.trim_end_matches("::").to_string()],
        Some(open) => {
            let prefix = &tree[..open];
            let inner = &tree[open + 1..tree.len() - 1];
            let mut parts = Vec::new();
            let (mut depth, mut start) = (0, 0);
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        parts.push(&inner[start..i]);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            parts.push(&inner[start..]);
            parts
                .into_iter()
                .filter(|p| !p.is_empty())
                .flat_map(|p| expand(p).into_iter().map(move |x| format!("{prefix}{}", if x == "self" { String::new() } else { x })))
                .collect()
        }
    }
}

struct Crate {
    /// File (relative to src) -> its code.
    files: BTreeMap<String, String>,
}

impl Crate {
    fn load() -> Crate {
        let root = src();
        let mut paths = Vec::new();
        rust_files(&root, &mut paths);
        let files = paths
            .into_iter()
            .map(|p| {
                let rel = p.strip_prefix(&root).expect("under src").to_string_lossy().replace('\\', "/");
                let text = std::fs::read_to_string(&p).expect("read");
                (rel, code_of(&text))
            })
            .collect();
        Crate { files }
    }

    /// The file a module path names: the longest prefix that is a file.
    fn file_of(&self, path: &[String]) -> Option<String> {
        for n in (1..=path.len()).rev() {
            let stem = path[..n].join("/");
            for candidate in [format!("{stem}.rs"), format!("{stem}/mod.rs")] {
                if self.files.contains_key(&candidate) {
                    return Some(candidate);
                }
            }
        }
        None
    }

    /// File -> the files it imports through `crate::` paths.
    fn file_graph(&self) -> BTreeMap<String, BTreeSet<String>> {
        self.files
            .iter()
            .map(|(f, code)| {
                let deps = crate_paths(code).iter().filter_map(|p| self.file_of(p)).filter(|d| d != f).collect();
                (f.clone(), deps)
            })
            .collect()
    }
}

fn top(file: &str) -> &str {
    let first = file.split('/').next().unwrap_or(file);
    first.strip_suffix(".rs").unwrap_or(first)
}

/// A cycle in the graph, if any (as the list of its nodes).
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_string(), 1);
        stack.push(n.to_string());
        for d in graph.get(n).into_iter().flatten() {
            match state.get(d.as_str()).copied().unwrap_or(0) {
                1 => {
                    let from = stack.iter().position(|s| s == d).unwrap_or(0);
                    let mut cycle = stack[from..].to_vec();
                    cycle.push(d.clone());
                    return Some(cycle);
                }
                0 => {
                    if let Some(c) = visit(d, graph, state, stack) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in graph.keys() {
        if state.get(n.as_str()).copied().unwrap_or(0) == 0 {
            let mut stack = Vec::new();
            if let Some(c) = visit(n, graph, &mut state, &mut stack) {
                return Some(c);
            }
        }
    }
    None
}

#[test]
fn no_file_imports_a_file_that_imports_it_back() {
    let c = Crate::load();
    assert!(c.files.len() > 50, "the scan found the sources");
    if let Some(cycle) = find_cycle(&c.file_graph()) {
        panic!("import circle: {}", cycle.join(" -> "));
    }
}

#[test]
fn domains_form_a_dag_above_the_infrastructure() {
    let c = Crate::load();
    let mut modules: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, deps) in c.file_graph() {
        let from = top(&file).to_string();
        for d in deps {
            let to = top(&d).to_string();
            if to == from {
                continue;
            }
            assert!(
                !(INFRASTRUCTURE.contains(&from.as_str()) && !INFRASTRUCTURE.contains(&to.as_str())),
                "{file} (infrastructure) imports {d}: infrastructure stays below the domains"
            );
            if DOMAINS.contains(&from.as_str()) && DOMAINS.contains(&to.as_str()) {
                modules.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    if let Some(cycle) = find_cycle(&modules) {
        panic!("domain circle: {}", cycle.join(" -> "));
    }
    for d in DOMAINS {
        assert!(c.files.contains_key(&format!("{d}/mod.rs")), "domain {d} is a folder with mod.rs");
    }
}

#[test]
fn startup_is_imported_only_by_the_launch() {
    let c = Crate::load();
    for (file, code) in &c.files {
        if ABOVE_STARTUP.contains(&file.as_str()) || file == "startup.rs" {
            continue;
        }
        let uses_startup = crate_paths(code).iter().any(|p| p.first().is_some_and(|s| s == "startup"));
        assert!(!uses_startup, "{file} imports startup: only {ABOVE_STARTUP:?} may");
    }
}

/// Items declared `pub(crate)` (or narrower) per domain folder.
fn private_items(c: &Crate, domain: &str) -> BTreeSet<String> {
    let mut items = BTreeSet::new();
    for (file, code) in &c.files {
        if top(file) != domain {
            continue;
        }
        for line in code.lines() {
            let l = line.trim_start();
            let Some(rest) = l.strip_prefix("pub(crate) ").or_else(|| l.strip_prefix("pub(super) ")) else { continue };
            let rest = rest.trim_start_matches("async ").trim_start_matches("const fn ");
            for kw in ["fn ", "struct ", "enum ", "const ", "type ", "static ", "trait "] {
                if let Some(name) = rest.strip_prefix(kw) {
                    let name: String = name.chars().take_while(|ch| ch.is_alphanumeric() || *ch == '_').collect();
                    items.insert(name);
                }
            }
        }
    }
    items
}

#[test]
fn domains_call_each_other_through_public_functions_only() {
    let c = Crate::load();
    let private: BTreeMap<&str, BTreeSet<String>> = DOMAINS.iter().map(|d| (*d, private_items(&c, d))).collect();
    let mut found = BTreeSet::new();
    for (file, code) in &c.files {
        let from = top(file);
        for p in crate_paths(code) {
            let Some(to) = p.first() else { continue };
            let Some(hidden) = private.get(to.as_str()) else { continue };
            if to == from {
                continue;
            }
            if let Some(item) = p.iter().skip(1).find(|seg| hidden.contains(seg.as_str())) {
                found.insert(format!("{file} uses {item} of {to}"));
            }
        }
    }
    assert!(found.is_empty(), "items other domains keep to themselves (pub(crate)); call their public functions:\n{}", found.into_iter().collect::<Vec<_>>().join("\n"));
}

#[test]
fn the_scanner_reads_use_trees() {
    let code = "use crate::{a::b, c::{d, e::f}};\nlet x = crate::g::h(1);\n// crate::comment::ignored\n";
    let paths: Vec<String> = crate_paths(&code_of(code)).into_iter().map(|p| p.join("::")).collect();
    assert_eq!(paths, ["a::b", "c::d", "c::e::f", "g::h"]);
    let mut g = BTreeMap::new();
    g.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    g.insert("b".to_string(), BTreeSet::from(["a".to_string()]));
    assert!(find_cycle(&g).is_some());
    g.insert("b".to_string(), BTreeSet::new());
    assert!(find_cycle(&g).is_none());
}
