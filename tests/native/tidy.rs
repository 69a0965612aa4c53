//! Tidy checks: architecture invariants enforced from `cargo test`.

use std::fs;
use std::path::{Path, PathBuf};

const WEB_CRATES: &[&str] = &["leptos", "web_sys", "gloo", "wasm_bindgen", "js_sys"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    files_with_extension(dir, &["rs"], out);
}

/// Every file under `dir` (recursively) whose extension is one of `extensions`.
fn files_with_extension(dir: &Path, extensions: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files_with_extension(&p, extensions, out);
        } else if p
            .extension()
            .is_some_and(|x| extensions.iter().any(|e| x == *e))
        {
            out.push(p);
        }
    }
}

/// The pure modules, as paths under `src/` (a directory ends in `/`). ARCHITECTURE.md's first
/// invariant names exactly these (`architecture_md_names_the_pure_modules`).
const PURE: &[&str] = &[
    "notes/",
    "search/",
    "exercises/",
    "progress/",
    "cards/",
    "route.rs",
    "index_sort.rs",
];

/// Nothing in a pure module uses a browser crate.
#[test]
fn pure_modules_import_no_web_crates() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for module in PURE {
        let path = root.join(module.trim_end_matches('/'));
        if module.ends_with('/') {
            rust_files(&path, &mut files);
        } else {
            files.push(path);
        }
    }
    assert!(files.len() > PURE.len(), "pure modules not found");
    let mut offenders = Vec::new();
    for f in &files {
        let text = fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
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

/// ARCHITECTURE.md, cut at the `## ` heading that starts `section` up to the next one.
fn architecture_section(section: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md");
    let text = fs::read_to_string(&path).expect("ARCHITECTURE.md");
    let start = text
        .find(&format!("\n## {section}"))
        .unwrap_or_else(|| panic!("ARCHITECTURE.md has no `## {section}` section"));
    let rest = &text[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |i| i + 3);
    rest[..end].to_string()
}

/// Every `` `src/…` `` path quoted in `text`, without the `src/` prefix.
fn quoted_src_paths(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter_map(|q| q.strip_prefix("src/"))
        .map(str::to_string)
        .collect()
}

/// The invariant about pure modules names exactly [`PURE`], so the doc and the check agree.
#[test]
fn architecture_md_names_the_pure_modules() {
    let invariants = architecture_section("Invariants");
    let sentence = invariants
        .split("\n- ")
        .find(|item| item.starts_with("**The pure modules are"))
        .expect("an invariant starting with **The pure modules are");
    let mut named = quoted_src_paths(sentence);
    named.sort();
    let mut expected: Vec<String> = PURE.iter().map(|m| m.to_string()).collect();
    expected.sort();
    assert_eq!(named, expected);
}

/// The code map has a row for every module under `src/` (a `mod.rs` is its directory's row) and
/// no row for a path that does not exist.
#[test]
fn architecture_md_maps_every_module() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let map = architecture_section("Code map");
    let rows: Vec<String> = map
        .lines()
        .filter(|l| l.starts_with("| `"))
        .filter_map(|l| l.split('|').nth(1))
        .flat_map(quoted_src_paths)
        .collect();
    for row in &rows {
        assert!(
            root.join("src").join(row).exists(),
            "ARCHITECTURE.md's code map names src/{row}, which does not exist"
        );
    }
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files_with_extension(&root.join("src"), &["js"], &mut files);
    let mut missing = Vec::new();
    for f in files {
        let rel = f
            .strip_prefix(root.join("src"))
            .expect("under src/")
            .to_string_lossy()
            .replace('\\', "/");
        let key = match rel.strip_suffix("mod.rs") {
            Some(dir) => dir.to_string(),
            None => rel,
        };
        if !rows.contains(&key) {
            missing.push(format!("src/{key}"));
        }
    }
    assert!(
        missing.is_empty(),
        "modules without a row in ARCHITECTURE.md's code map: {missing:?}"
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
    let mut texts = vec![
        fs::read_to_string(root.join("index.html")).unwrap_or_default(),
        fs::read_to_string(root.join("src/boot.js")).unwrap_or_default(),
        fs::read_to_string(root.join("src/boot-early.js")).unwrap_or_default(),
    ];
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

/// A file of the repository, as text.
fn repo_file(path: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The boot handshake (documented in src/ui/boot.rs): each window global is named once in
/// boot.rs, and the boot script that sets it (src/boot-early.js or src/boot.js, the two halves
/// index.html inlines), the loader
/// that awaits `WASM` (Trunk.toml's `pattern_script`) and the app use the same names. A
/// typo in any of them would be a promise nobody sets, and start-up would silently not wait
/// (or, for the wasm, silently request it late: the boot script finds its URL by the
/// `data-wasm` attribute Trunk.toml's `pattern_preload` writes).
#[test]
fn boot_handshake_names_agree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let boot_rs = repo_file("src/ui/boot.rs");
    let early_js = repo_file("src/boot-early.js");
    let boot_js = format!("{early_js}\n{}", repo_file("src/boot.js"));
    let trunk = repo_file("Trunk.toml");
    let constant = |name: &str| {
        let decl = format!("pub(crate) const {name}: &str = \"");
        let at = boot_rs
            .find(&decl)
            .unwrap_or_else(|| panic!("src/ui/boot.rs declares no `{decl}…\";`"));
        let value = boot_rs[at + decl.len()..].split('"').next().unwrap_or("");
        value.to_string()
    };
    let [wasm, boot_done, notes] = ["WASM", "BOOT_DONE", "NOTES"].map(constant);

    for global in [&wasm, &boot_done, &notes] {
        assert!(
            boot_js.contains(&format!("window.{global} = ")),
            "neither half of the boot script sets window.{global}"
        );
    }
    let pattern = trunk
        .lines()
        .find(|l| l.starts_with("pattern_script"))
        .expect("Trunk.toml has a pattern_script");
    assert!(
        pattern.contains(&format!("(await window.{wasm})")),
        "Trunk.toml's loader does not await window.{wasm}"
    );
    let preload = trunk
        .lines()
        .find(|l| l.starts_with("pattern_preload"))
        .expect("Trunk.toml has a pattern_preload");
    assert!(
        preload.contains(r#"data-wasm=\"{base}{wasm}\""#)
            && early_js.contains(r#"querySelector("link[data-wasm]")"#),
        "Trunk.toml's pattern_preload must name the wasm in data-wasm, where src/boot-early.js looks for it"
    );
    for read_by_app in ["await_window_promise(BOOT_DONE)", "window_promise(NOTES)"] {
        assert!(
            boot_rs.contains(read_by_app),
            "src/ui/boot.rs no longer calls {read_by_app}"
        );
    }

    // No other `__mianshiti…` name anywhere: the three constants are the whole handshake.
    let mut files = vec![root.join("index.html"), root.join("Trunk.toml")];
    for dir in ["src", "public", "tests/e2e", "bench"] {
        files_with_extension(&root.join(dir), &["rs", "js", "mjs"], &mut files);
    }
    let known = [wasm, boot_done, notes];
    for f in files {
        let text = fs::read_to_string(&f).unwrap_or_default();
        for (at, _) in text.match_indices("__mianshiti") {
            let name: String = text[at..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            assert!(
                known.contains(&name),
                "{} names `{name}`, which is not one of src/ui/boot.rs's handshake globals {known:?}",
                f.display()
            );
        }
    }
}

/// The boot script's halves are inlined where each must run: the first (requests, theme) above
/// the stylesheet, since an inline script below a stylesheet waits for it, and the second (the
/// paint) after the boot view it fills. Neither leaves a script in the live DOM. The first reads
/// the theme under the app's key, and only the values the app stores.
#[test]
fn boot_script_is_inlined_and_reads_the_apps_theme() {
    let index = repo_file("index.html");
    let at = |needle: &str| {
        index
            .find(needle)
            .unwrap_or_else(|| panic!("index.html has no {needle}"))
    };
    let early = at(r#"<link data-trunk rel="inline" href="src/boot-early.js">"#);
    let notes_meta = at(r#"<meta name="mianshiti-notes""#);
    let css = at(r#"<link data-trunk rel="css""#);
    assert!(
        notes_meta < early && early < css,
        "src/boot-early.js must come after the notes meta tag it reads and before the stylesheet"
    );
    let inline = at(r#"<link data-trunk rel="inline" href="src/boot.js">"#);
    let boot_view = at(r#"<div id="boot">"#);
    assert!(
        boot_view < inline,
        "the boot script's second half must come after the boot view it fills"
    );
    for half in ["src/boot-early.js", "src/boot.js"] {
        assert!(
            repo_file(half).contains("document.currentScript.remove()"),
            "{half}"
        );
    }
    let boot_js = repo_file("src/boot-early.js");

    // The theme key is declared in storage.rs, with every other key.
    let keys = storage_keys();
    let keys: Vec<&String> = keys
        .iter()
        .filter(|(name, _)| name == "THEME_KEY")
        .map(|(_, value)| value)
        .collect();
    assert_eq!(keys.len(), 1, "one THEME_KEY in src/storage.rs: {keys:?}");
    assert!(
        boot_js.contains(&format!("localStorage.getItem(\"{}\")", keys[0])),
        "src/boot-early.js does not read the theme key {:?}",
        keys[0]
    );
    for value in ["\"light\"", "\"dark\""] {
        assert!(
            boot_js.contains(value),
            "src/boot-early.js does not apply {value}"
        );
    }
    // So is the 换行 choice, applied before the first paint as the app does.
    let wrap = storage_keys()
        .into_iter()
        .find(|(name, _)| name == "CODE_WRAP_KEY")
        .map(|(_, value)| value)
        .expect("CODE_WRAP_KEY in src/storage.rs");
    assert!(
        boot_js.contains(&format!("localStorage.getItem(\"{wrap}\") === \"1\"")),
        "src/boot-early.js does not read the 换行 key {wrap:?}"
    );
    assert!(boot_js.contains("\"data-code-wrap\""));
}

/// The service worker's registration script says 已可离线使用 once per device, under the key
/// src/storage.rs declares for it.
#[test]
fn sw_register_uses_the_declared_offline_ready_key() {
    let keys = storage_keys();
    let key = keys
        .iter()
        .find(|(name, _)| name == "OFFLINE_READY_KEY")
        .map(|(_, value)| value)
        .expect("OFFLINE_READY_KEY in src/storage.rs");
    let js = repo_file("public/sw-register.js");
    assert!(
        js.contains(&format!("var OFFLINE_READY_KEY = \"{key}\";")),
        "public/sw-register.js does not use {key:?}"
    );
    assert!(js.contains("已可离线使用"));
}

/// `(name, value)` of every `pub const NAME: &str = "mianshiti…";` in src/storage.rs.
fn storage_keys() -> Vec<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/storage.rs");
    let text = fs::read_to_string(&path).expect("src/storage.rs");
    text.lines()
        .filter_map(|line| {
            let rest = line.trim().strip_prefix("pub const ")?;
            let (name, rest) = rest.split_once(": &str = \"")?;
            let value = rest.split('"').next()?;
            value
                .starts_with("mianshiti.")
                .then(|| (name.to_string(), value.to_string()))
        })
        .collect()
}

/// Every localStorage key is declared once, in src/storage.rs; no other Rust file spells one.
#[test]
fn storage_keys_are_declared_only_in_storage_rs() {
    let keys = storage_keys();
    let names: Vec<&str> = keys.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "PROGRESS_KEY",
            "BACKUP_PREFIX",
            "THEME_KEY",
            "CODE_WRAP_KEY",
            "OFFLINE_READY_KEY"
        ]
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut offenders = Vec::new();
    for f in files.iter().filter(|f| !f.ends_with("storage.rs")) {
        let text = fs::read_to_string(f).expect("readable source");
        for (n, line) in text.lines().enumerate() {
            if line.contains("\"mianshiti.") {
                offenders.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "storage keys spelled outside src/storage.rs:\n{}",
        offenders.join("\n")
    );
}

/// `inner_html` is fed only our own build output: the notes bundle's HTML, titles and code
/// rendered by the pure core. Each use must start with one of these expressions; a new kind
/// of use is added here on purpose, after checking that no user text can reach it.
const INNER_HTML_SOURCES: &[&str] = &[
    "crate::notes::",    // static HTML from the catalogue (toc, home)
    "highlight_python(", // the notes' Python, escaped by the highlighter
    "render_inline(",    // a topic title (notes::title_html)
    "title_html(",       // a topic title by slug
    "html>",             // a topic body from the notes bundle (ui::topic_body)
    "title>",            // a topic title rendered by title_html
];

/// No `inner_html` in the UI takes anything but our own rendered content.
#[test]
fn inner_html_takes_only_our_own_content() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let mut offenders = Vec::new();
    for f in &files {
        let text = fs::read_to_string(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        for (n, line) in text.lines().enumerate() {
            for (at, _) in line.match_indices("inner_html=") {
                let expr = &line[at + "inner_html=".len()..];
                if !INNER_HTML_SOURCES.iter().any(|s| expr.starts_with(s)) {
                    offenders.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "inner_html fed from an unlisted source:\n{}",
        offenders.join("\n")
    );
}

/// The repository is self-contained: nothing it runs reads the team's `shared` folder (its source
/// material; tests read their copies under tests/data/).
#[test]
fn nothing_reads_outside_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "tests", "scripts", "bench", "examples", "public"] {
        files_with_extension(
            &root.join(dir),
            &["rs", "py", "sh", "mjs", "js", "toml", "json"],
            &mut files,
        );
    }
    for name in [
        "x",
        ".ci/run",
        "build.rs",
        "Cargo.toml",
        "Trunk.toml",
        "index.html",
        "package.json",
    ] {
        files.push(root.join(name));
    }
    assert!(files.len() > 50, "the repository's files were not found");
    let needle = ["..", "shared"].join("/");
    let offenders: Vec<String> = files
        .iter()
        .filter(|f| !f.ends_with("tidy.rs"))
        .filter(|f| fs::read_to_string(f).is_ok_and(|t| t.contains(&needle)))
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        offenders.is_empty(),
        "files that read {needle}: {offenders:?}"
    );
}
