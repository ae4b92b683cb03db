//! A PDF's text as a reader gets it, for the tests that check what a document says.

/// The PDF's text as poppler's `pdftotext` reads it, its whitespace made single spaces (a
/// wrapped sentence reads as one line), the file written as `name` in `dir`; `None` when
/// pdftotext is not installed (unless `PDFTOTEXT_REQUIRED` is set, as in CI, when that fails).
pub fn pdf_text(pdf: &[u8], dir: &std::path::Path, name: &str) -> Option<String> {
    assert!(pdf.starts_with(b"%PDF-"), "{name} is a PDF");
    let path = dir.join(name);
    std::fs::write(&path, pdf).unwrap();
    match std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
    {
        Ok(out) if out.status.success() => Some(
            String::from_utf8_lossy(&out.stdout)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        ),
        _ if std::env::var_os("PDFTOTEXT_REQUIRED").is_some() => {
            panic!("pdftotext is required here and did not run")
        }
        _ => {
            eprintln!(
                "pdftotext not found (apt-get install poppler-utils): the text of {name} is not checked"
            );
            None
        }
    }
}
