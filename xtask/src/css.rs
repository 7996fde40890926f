//! Only the NL Design System CSS the SPA uses: a rule whose selector names a
//! `utrecht-` class that no source file mentions is left out (about 400 KB of
//! component CSS of which the pages use a few dozen classes).

use std::collections::HashSet;
use std::path::Path;

const PREFIX: &str = "utrecht-";

/// Every `utrecht-…` class name written in the given text.
pub fn classes_in(text: &str, into: &mut HashSet<String>) {
    let mut rest = text;
    while let Some(at) = rest.find(PREFIX) {
        let tail = &rest[at..];
        let end = tail.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(tail.len());
        into.insert(tail[..end].to_string());
        rest = &tail[end..];
    }
}

/// The class names the SPA's sources, page and stylesheet use.
pub fn used_classes(frontend: &Path) -> std::io::Result<HashSet<String>> {
    let mut used = HashSet::new();
    let mut stack = vec![frontend.join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                classes_in(&std::fs::read_to_string(&path)?, &mut used);
            }
        }
    }
    for file in ["index.html", "style/app.css"] {
        classes_in(&std::fs::read_to_string(frontend.join(file))?, &mut used);
    }
    Ok(used)
}

/// A selector (one of a comma-separated list) is kept when every `utrecht-`
/// class it names outside parentheses is used: inside `:not(…)`, `:is(…)` or
/// `:has(…)` an unused class may still let the selector match.
fn selector_used(selector: &str, used: &HashSet<String>) -> bool {
    let mut outside = String::with_capacity(selector.len());
    let mut depth = 0usize;
    for c in selector.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => outside.push(c),
            _ => outside.push(' '),
        }
    }
    let mut names = HashSet::new();
    classes_in(&outside, &mut names);
    names.iter().all(|n| used.contains(n))
}

/// The selectors of a list, split at the commas outside parentheses
/// (`:not(:disabled, [aria-disabled=true])` is one selector's part).
fn selector_list(prelude: &str) -> Vec<&str> {
    let (mut out, mut depth, mut start) = (Vec::new(), 0usize, 0);
    for (i, c) in prelude.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                out.push(prelude[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(prelude[start..].trim());
    out
}

/// The index of the `}` closing the block whose `{` is at `open`, skipping strings and comments.
fn block_end(css: &str, open: usize) -> usize {
    let bytes = css.as_bytes();
    let (mut depth, mut i) = (0usize, open);
    while i < bytes.len() {
        match bytes[i] {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            b'"' | b'\'' => {
                let quote = bytes[i];
                i += 1;
                while i < bytes.len() && bytes[i] != quote {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = css[i + 2..].find("*/").map(|e| i + 2 + e + 1).unwrap_or(bytes.len());
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len().saturating_sub(1)
}

/// `css` without the rules no used class can match; comments go too, except licences.
pub fn prune(css: &str, used: &HashSet<String>) -> String {
    let mut out = String::with_capacity(css.len() / 4);
    let mut rest = css;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        if let Some(body) = rest.strip_prefix("/*") {
            let end = body.find("*/").map(|e| e + 2).unwrap_or(body.len());
            if body[..end].contains("@license") {
                out.push_str(&rest[..end + 2]);
                out.push('\n');
            }
            rest = &body[end..];
            continue;
        }
        let brace = rest.find('{');
        let semi = rest.find(';');
        match (brace, semi) {
            // A statement at-rule (`@charset …;`, `@import …;`): kept.
            (Some(b), Some(s)) if s < b => {
                out.push_str(&rest[..=s]);
                out.push('\n');
                rest = &rest[s + 1..];
            }
            (None, Some(s)) => {
                out.push_str(&rest[..=s]);
                rest = &rest[s + 1..];
            }
            (Some(b), _) => {
                let end = block_end(rest, b);
                let prelude = rest[..b].trim();
                let inner = &rest[b + 1..end];
                if prelude.starts_with("@media") || prelude.starts_with("@supports") || prelude.starts_with("@container") || prelude.starts_with("@layer") {
                    let kept = prune(inner, used);
                    if !kept.trim().is_empty() {
                        out.push_str(&format!("{prelude}{{\n{kept}}}\n"));
                    }
                } else if prelude.starts_with('@') {
                    out.push_str(&rest[..=end]);
                    out.push('\n');
                } else {
                    let selectors: Vec<&str> = selector_list(prelude).into_iter().filter(|s| selector_used(s, used)).collect();
                    if !selectors.is_empty() {
                        out.push_str(&format!("{}{{{}}}\n", selectors.join(","), inner.trim()));
                    }
                }
                rest = &rest[(end + 1).min(rest.len())..];
            }
            (None, None) => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn used(names: &[&str]) -> HashSet<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn rules_of_unused_classes_go_and_used_ones_stay() {
        let css = "/** @license EUPL-1.2 */\n@charset \"UTF-8\";\n/* note */\n.utrecht-button { color: red; }\n\
                   .utrecht-accordion, .utrecht-button:hover { content: \"}\"; }\n\
                   @media (min-width: 10em) { .utrecht-accordion { a: b; } }\n\
                   @media print { .utrecht-button--x, .utrecht-button { c: d; } }\n\
                   .utrecht-button:not(.utrecht-button--busy) { e: f; }\n\
                   .utrecht-button:hover:not(:disabled, [aria-disabled=true]), .utrecht-link--x { g: h; }\n\
                   @keyframes spin { from { a: b; } to { a: c; } }\n:root { --x: 1; }";
        let out = prune(css, &used(&["utrecht-button"]));
        assert!(out.contains("@license"));
        assert!(out.contains("@charset \"UTF-8\";"));
        assert!(!out.contains("note"));
        assert!(out.contains(".utrecht-button{color: red;}"));
        assert!(out.contains(".utrecht-button:hover{content: \"}\";}"), "{out}");
        assert!(!out.contains("accordion"), "{out}");
        assert!(out.contains("@media print{\n.utrecht-button{c: d;}\n}"), "{out}");
        assert!(!out.contains("min-width"));
        assert!(out.contains(".utrecht-button:not(.utrecht-button--busy){e: f;}"), "{out}");
        assert!(out.contains(".utrecht-button:hover:not(:disabled, [aria-disabled=true]){g: h;}"), "{out}");
        assert!(out.contains("@keyframes spin { from { a: b; } to { a: c; } }"));
        assert!(out.contains(":root{--x: 1;}"));
    }

    #[test]
    fn class_names_are_found_in_source_text() {
        let mut found = HashSet::new();
        classes_in(r#"<p class="utrecht-paragraph utrecht-paragraph--lead">x</p> "utrecht-link""#, &mut found);
        assert_eq!(found, used(&["utrecht-paragraph", "utrecht-paragraph--lead", "utrecht-link"]));
    }
}
