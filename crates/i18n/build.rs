//! Embeds every Fluent resource under `locales/<lang>/` in the binary: a translator adds or
//! edits a `.ftl` file and the next build carries it, with no list to keep.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut out = String::from("&[\n");
    let mut langs: Vec<_> = std::fs::read_dir(&root)
        .expect("crates/i18n/locales")
        .map(|e| e.expect("locales entry").path())
        .filter(|p| p.is_dir())
        .collect();
    langs.sort();
    for dir in langs {
        println!("cargo:rerun-if-changed={}", dir.display());
        let lang = dir
            .file_name()
            .and_then(|n| n.to_str())
            .expect("utf-8 name");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("a language's folder")
            .map(|e| e.expect("ftl entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
            .collect();
        files.sort();
        for f in files {
            println!("cargo:rerun-if-changed={}", f.display());
            let name = f.file_name().and_then(|n| n.to_str()).expect("utf-8 name");
            writeln!(
                out,
                "    ({lang:?}, {name:?}, include_str!({:?})),",
                f.display().to_string()
            )
            .expect("write to a string");
        }
    }
    out.push(']');
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("resources.rs");
    std::fs::write(dest, out).expect("write resources.rs");
}
