//! Bundles content/*.md into the binary: generates a sorted list of `(file name, text)`.
//!
//! Natively (tests, the `prerender` build step) the text is the whole file. In the wasm app
//! it is only the front matter: the bodies reach the browser pre-rendered as the notes
//! bundle (`src/notes/bundle.rs`), so the wasm carries neither the Markdown nor a renderer.
use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("content/ exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .collect();
    names.sort();
    let front_matter_only = env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32");
    if front_matter_only {
        // The app's wasm keeps its relocations, so scripts/wasm-split.sh can cut the pages a
        // first topic does not need into lazily loaded chunks (`#[lazy]` in src/ui/app.rs).
        println!("cargo:rustc-link-arg-bin=mianshiti-playground=--emit-relocs");
    }
    let mut out = String::from("/// Every content file, in file-name (= seed) order.\npub(crate) static FILES: &[(&str, &str)] = &[\n");
    for n in &names {
        let path = dir.join(n);
        println!("cargo:rerun-if-changed={}", path.display());
        if front_matter_only {
            let text = fs::read_to_string(&path).expect("content file is UTF-8");
            // `---\n…\n---\n`: keep through the closing marker (a bad file keeps its
            // whole text, so the app reports the same front-matter error the tests would).
            let head = text
                .get(4..)
                .and_then(|rest| rest.find("\n---\n").map(|i| &text[..4 + i + 5]))
                .unwrap_or(&text);
            out.push_str(&format!("    ({n:?}, {head:?}),\n"));
        } else {
            out.push_str(&format!(
                "    ({n:?}, include_str!({:?})),\n",
                path.display().to_string()
            ));
        }
    }
    out.push_str("];\n");
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("content_files.rs");
    fs::write(dest, out).expect("write generated content list");
}
