//! Build step (native): renders every topic to HTML and writes the notes bundle next to the
//! built app, then points `index.html` at it.
//!
//!     cargo run --bin prerender -- <dir>
//!
//! `<dir>` is Trunk's staging directory (Trunk's `post_build` hook, `scripts/trunk-post-build.sh`,
//! runs this first, then `scripts/postbuild.mjs`; so `trunk build` and `trunk serve` both get
//! it) or any built `dist/`. It writes
//! `notes-<hash>.json` and one file per topic in `notes-<hash>/<slug>.json` (removing older
//! `notes-*.json` and `notes-*/`) and the cards file `cards::FILE_NAME` (`cards-<hash>.json`,
//! removing older ones), replaces the `notes.json` placeholder in `index.html` (the
//! `<meta name="mianshiti-notes">` the app and the pre-wasm paint read, with the topics' slugs
//! in its `data-topics`) and fills the boot view's home page (`#boot-home`) with the same
//! static HTML the app's home shows. Exits non-zero with a message when anything is off.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    if let Err(e) = run() {
        eprintln!("prerender: {e}");
        std::process::exit(1);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn run() -> Result<(), String> {
    use mianshiti_playground::cards;
    use mianshiti_playground::notes::{self, bundle, Catalogue};
    use std::fs;
    use std::path::PathBuf;

    let dir = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("TRUNK_STAGING_DIR").ok())
        .map(PathBuf::from)
        .ok_or("usage: prerender <dir> (or set TRUNK_STAGING_DIR)")?;
    let cat = Catalogue::load()?;
    let built = bundle::build(&cat);
    let json = bundle::to_json(&built);
    let name = bundle::file_name(&json);
    let topics = bundle::topic_files(&built, &name);
    let topic_dir = name.trim_end_matches(".json");

    let index_path = dir.join("index.html");
    let index = fs::read_to_string(&index_path)
        .map_err(|e| format!("cannot read {}: {e}", index_path.display()))?;
    let index = bundle::patch_index(&index, &name, &notes::home_static_html(&cat))?;
    let slugs: Vec<&str> = cat.topics.iter().map(|t| t.slug.as_str()).collect();
    let index = bundle::patch_topics(&index, &slugs)?;

    for entry in fs::read_dir(&dir).map_err(|e| e.to_string())?.flatten() {
        let n = entry.file_name().to_string_lossy().into_owned();
        if n.starts_with("notes-") && n.ends_with(".json") && n != name {
            fs::remove_file(entry.path()).map_err(|e| e.to_string())?;
        } else if n.starts_with("notes-") && entry.path().is_dir() && n != topic_dir {
            fs::remove_dir_all(entry.path()).map_err(|e| e.to_string())?;
        }
        if n.starts_with("cards-") && n.ends_with(".json") && n != cards::FILE_NAME {
            fs::remove_file(entry.path()).map_err(|e| e.to_string())?;
        }
    }
    // The predict-the-output cards, fetched by the app on first use (`ui::cards_data`).
    fs::write(dir.join(cards::FILE_NAME), cards::JSON).map_err(|e| e.to_string())?;
    fs::write(dir.join(&name), &json).map_err(|e| e.to_string())?;
    fs::create_dir_all(dir.join(topic_dir)).map_err(|e| e.to_string())?;
    for (path, text) in &topics {
        fs::write(dir.join(path), text).map_err(|e| format!("cannot write {path}: {e}"))?;
    }
    fs::write(&index_path, index).map_err(|e| e.to_string())?;
    eprintln!(
        "prerender: {} topics → {name} ({} bytes) and {topic_dir}/<slug>.json ({} bytes in all)",
        cat.topics.len(),
        json.len(),
        topics.iter().map(|(_, t)| t.len()).sum::<usize>()
    );
    Ok(())
}

#[cfg(target_arch = "wasm32")]
fn main() {}
