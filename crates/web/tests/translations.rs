//! Every word a borrower reads on a page comes from the catalog (`crates/i18n/locales`), so it
//! has its Spanish: a borrower template (every template but the staff console's and the
//! development mailbox) that writes words of its own, as text or in an attribute people read
//! (`aria-label`, `placeholder`, `title`, `alt`), fails here, naming the file and line.
//! `crates/i18n/tests/catalog.rs` holds the catalog's languages to the same messages.

use std::path::{Path, PathBuf};

/// Removes every `open … close` span, keeping its line breaks (so lines still count).
fn strip(text: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(open) {
        out.push_str(&rest[..at]);
        let after = &rest[at + open.len()..];
        let end = after.find(close).map_or(after.len(), |e| e + close.len());
        out.extend(after[..end].chars().filter(|c| *c == '\n'));
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// A word (a letter) that is not part of a path of ours ("/dashboard") or an entity ("&amp;").
fn has_words(text: &str) -> bool {
    text.split_whitespace().any(|token| {
        let path = token.starts_with('/');
        let entity = token.starts_with('&') && token.ends_with(';');
        !path && !entity && token.chars().any(|c| c.is_ascii_alphabetic())
    })
}

const READ_ATTRIBUTES: [&str; 5] = ["aria-label", "placeholder", "title", "alt", "data-confirm"];

fn problems(file: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(file).expect("read a template");
    let mut t = strip(&text, "{#", "#}");
    t = strip(&t, "{%", "%}");
    t = strip(&t, "{{", "}}");
    t = strip(&t, "<script", "</script>");
    t = strip(&t, "<style", "</style>");
    let mut out = Vec::new();
    let line_of = |s: &str, at: usize| s[..at].matches('\n').count() + 1;
    // Attributes people read, inside tags.
    for attr in READ_ATTRIBUTES {
        let needle = format!(" {attr}=\"");
        for (at, _) in t.match_indices(&needle) {
            let value: String = t[at + needle.len()..]
                .chars()
                .take_while(|c| *c != '"')
                .collect();
            if has_words(&value) {
                out.push(format!(
                    "{}:{}: {attr}=\"{value}\"",
                    file.display(),
                    line_of(&t, at)
                ));
            }
        }
    }
    // Text between tags.
    let text_only = strip(&t, "<", ">");
    for (n, line) in text_only.lines().enumerate() {
        if has_words(line) {
            out.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
        }
    }
    out
}

fn borrower_templates() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("templates folder") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                if p.file_name().is_some_and(|n| n != "console") {
                    stack.push(p);
                }
            } else if p.extension().is_some_and(|x| x == "html")
                && p.file_name().is_some_and(|n| n != "mailbox.html")
            {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_word_of_a_borrower_page_comes_from_the_catalog() {
    let all: Vec<String> = borrower_templates()
        .iter()
        .flat_map(|f| problems(f))
        .collect();
    assert!(
        all.is_empty(),
        "words in templates that have no Spanish (ask the catalog: chrome.t(\"id\")):\n{}",
        all.join("\n")
    );
}

#[test]
fn the_check_finds_words_it_should() {
    let dir = tempfile_dir();
    let f = dir.join("t.html");
    std::fs::write(
        &f,
        "{# a comment #}<p>{{ chrome.t(\"x\") }}</p>\n<a href=\"/dashboard\" aria-label=\"Open\">{% if a %}/{% endif %}</a>\n<p>Pay now</p>",
    )
    .expect("write");
    let found = problems(&f);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].ends_with(":2: aria-label=\"Open\""), "{found:?}");
    assert!(found[1].ends_with(":3: Pay now"), "{found:?}");
}

fn tempfile_dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("servicer-translations-{}", std::process::id()));
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}
