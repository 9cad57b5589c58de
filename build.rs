//! Embeds every `lessons/*.md` and `levels/*.md` into the binary: lessons and challenge
//! levels are data, and adding a file is all it takes to add one.

use std::fmt::Write;

fn main() {
    embed("lessons", "LESSON_FILES", "lesson_files.rs");
    embed("levels", "LEVEL_FILES", "level_files.rs");
}

/// Writes `OUT_DIR/out_file`: a static `name` of (file name, contents) for every
/// `dir/*.md`, sorted by file name.
fn embed(dir: &str, name: &str, out_file: &str) {
    println!("cargo:rerun-if-changed={dir}");
    // Read at run time: a build script's binary is shared between checkouts of the
    // crate that use one target dir, so a compile-time `env!` could name another tree.
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = std::path::Path::new(&root).join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "md"));
    assert!(!files.is_empty(), "no files in {}", dir.display());
    files.sort();
    let mut out = format!("pub static {name}: &[(&str, &str)] = &[\n");
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let file = path.file_name().unwrap().to_string_lossy();
        writeln!(out, "    ({file:?}, include_str!({:?})),", path.display().to_string()).unwrap();
    }
    out.push_str("];\n");
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join(out_file);
    std::fs::write(dest, out).unwrap();
}
