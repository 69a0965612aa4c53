//! Generated sources match their generators: each script under `scripts/` is run with
//! `python3` and its output compared byte for byte with the file it wrote.

use std::path::Path;
use std::process::Command;

/// Fails unless `python3 script` writes exactly the file `output` (both relative to the
/// repository root), naming the first line that differs.
#[track_caller]
pub(crate) fn check_generated(script: &str, output: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let written = script_output(script);
    let on_disk = std::fs::read(root.join(output)).expect("generated file exists");
    if written != on_disk {
        let now = String::from_utf8_lossy(&written);
        let disk = String::from_utf8_lossy(&on_disk);
        let first = now
            .lines()
            .zip(disk.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| now.lines().count().min(disk.lines().count()));
        panic!(
            "{output} is not what {script} writes (first difference at line {}: the script \
             writes {:?}, the file has {:?}): rerun `python3 {script} > {output}` (and never \
             edit it by hand)",
            first + 1,
            now.lines().nth(first),
            disk.lines().nth(first)
        );
    }
}

/// What `python3 script` (relative to the repository root, run there) writes to stdout; fails
/// when it fails.
#[track_caller]
pub(crate) fn script_output(script: &str) -> Vec<u8> {
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
    run.stdout
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
