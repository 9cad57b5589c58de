//! Embeds every `lessons/*.md` into the binary: lessons are data, and adding a file is
//! all it takes to add a lesson.

use std::fmt::Write;

fn main() {
    println!("cargo:rerun-if-changed=lessons");
    // Read at run time: a build script's binary is shared between checkouts of the
    // crate that use one target dir, so a compile-time `env!` could name another tree.
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = std::path::Path::new(&root).join("lessons");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "md"));
    assert!(!files.is_empty(), "no lessons in {}", dir.display());
    files.sort();
    let mut out = String::from("pub static LESSON_FILES: &[(&str, &str)] = &[\n");
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().unwrap().to_string_lossy();
        writeln!(out, "    ({name:?}, include_str!({:?})),", path.display().to_string()).unwrap();
    }
    out.push_str("];\n");
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("lesson_files.rs");
    std::fs::write(dest, out).unwrap();
}
