//! Tidy checks: architecture invariants enforced from `cargo test`.

use std::fs;
use std::path::{Path, PathBuf};

const WEB_CRATES: &[&str] = &["leptos", "web_sys", "gloo", "wasm_bindgen", "js_sys"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Nothing under src/notes, src/exercises, src/progress or src/search uses a browser crate.
#[test]
fn pure_modules_import_no_web_crates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for dir in ["notes", "exercises", "progress", "search"] {
        rust_files(&root.join(dir), &mut files);
    }
    files.push(root.join("route.rs"));
    assert!(files.len() >= 3, "pure modules not found");
    let mut offenders = Vec::new();
    for f in &files {
        let text = fs::read_to_string(f).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for c in WEB_CRATES {
                if code.contains(&format!("{c}::")) || code.contains(&format!("use {c}")) {
                    offenders.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "pure modules touch the browser:\n{}",
        offenders.join("\n")
    );
}

/// Only src/storage.rs touches localStorage.
#[test]
fn only_storage_touches_local_storage() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    for f in files {
        if f.ends_with("storage.rs") {
            continue;
        }
        let text = fs::read_to_string(&f).unwrap_or_default();
        for needle in ["local_storage", "LocalStorage", "gloo_storage"] {
            assert!(!text.contains(needle), "{} mentions {needle}", f.display());
        }
    }
}

/// The app loads nothing from other hosts: no http(s) URLs in index.html or style/.
#[test]
fn no_outside_hosts_in_shell_or_style() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = vec![fs::read_to_string(root.join("index.html")).unwrap_or_default()];
    if let Ok(entries) = fs::read_dir(root.join("style")) {
        for e in entries.flatten() {
            texts.push(fs::read_to_string(e.path()).unwrap_or_default());
        }
    }
    for t in texts {
        for scheme in ["http://", "https://", "//fonts.", "cdn"] {
            assert!(!t.contains(scheme), "found {scheme} in the app shell");
        }
    }
}
