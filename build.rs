//! Compiles the content front matter and the cards' index into the binary.
//!
//! - `front_matter.rs`: every content file's front matter as Rust statics
//!   (`notes::front_matter::statics_source`, the crate's own parser, included below), so the
//!   wasm carries neither front matter text nor its parser; a bad file fails the build.
//! - `content_files.rs` (native only: tests, the `prerender` build step): a sorted list of
//!   `(file name, whole text)`. The wasm gets the bodies pre-rendered as the notes bundle
//!   (`src/notes/bundle.rs`).
//! - `cards_index.rs`: each card's id and topic and the name of the cards file the app
//!   fetches (`cards::index::index_source`, included below).
use std::{env, fs, path::Path};

#[allow(dead_code, unreachable_pub)]
#[path = "src/notes/front_matter.rs"]
mod front_matter;

#[allow(dead_code, unreachable_pub)]
#[path = "src/cards/index.rs"]
mod card_index;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out_dir = env::var("OUT_DIR").unwrap();
    let out_dir = Path::new(&out_dir);
    let dir = root.join("content");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("content/ exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md"))
        .collect();
    names.sort();
    if env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        // The app's wasm keeps its relocations, so scripts/wasm-split.mjs can cut the pages a
        // first topic does not need into lazily loaded chunks (`#[lazy]` in src/main.rs).
        println!("cargo:rustc-link-arg-bin=mianshiti-playground=--emit-relocs");
    }
    let mut files = Vec::new();
    let mut list = String::from("/// Every content file, in file-name (= seed) order.\npub(crate) static FILES: &[(&str, &str)] = &[\n");
    for n in &names {
        let path = dir.join(n);
        println!("cargo:rerun-if-changed={}", path.display());
        files.push((
            n.clone(),
            fs::read_to_string(&path).expect("content file is UTF-8"),
        ));
        list.push_str(&format!(
            "    ({n:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    list.push_str("];\n");
    fs::write(out_dir.join("content_files.rs"), list).expect("write content list");
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let statics = front_matter::statics_source(&refs).unwrap_or_else(|e| panic!("content/{e}"));
    fs::write(out_dir.join("front_matter.rs"), statics).expect("write front matter");

    let cards = root.join("src/cards/cards.json");
    println!("cargo:rerun-if-changed={}", cards.display());
    let json = fs::read_to_string(&cards).expect("src/cards/cards.json is UTF-8");
    let index = card_index::index_source(&json).unwrap_or_else(|e| panic!("{e}"));
    fs::write(out_dir.join("cards_index.rs"), index).expect("write cards index");
}
