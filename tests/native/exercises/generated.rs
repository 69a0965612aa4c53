//! Generated sources match their generators: each script under `scripts/` is run with
//! `python3` and its output compared byte for byte with the file it wrote.

use std::path::Path;
use std::process::Command;

#[track_caller]
fn check_generated(script: &str, output: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = Command::new("python3")
        .arg(root.join(script))
        .current_dir(root)
        .output()
        .expect("python3 is required to check generated sources (CI has it)");
    assert!(
        run.status.success(),
        "python3 {script} failed:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let on_disk = std::fs::read(root.join(output)).expect("generated file exists");
    assert!(
        run.stdout == on_disk,
        "{output} is not what {script} writes: rerun `python3 {script} > {output}` \
         (and never edit it by hand)"
    );
}

#[test]
fn generated_unicode_tables_match_their_generator() {
    check_generated(
        "scripts/gen_unicode_tables.py",
        "src/exercises/unicode_tables.rs",
    );
}

#[test]
fn generated_seed_code_matches_its_generator() {
    check_generated("scripts/gen_seed_code.py", "src/exercises/seed_code.rs");
}
