//! An error summary's link moves focus to what it names (GOV.UK's pattern). A text box takes
//! focus by itself; a group of radio buttons is a `<fieldset>`, which takes focus only with
//! `tabindex="-1"`: without it, following "Choose what the borrower pays from" left focus on the
//! page's body and a screen reader announced nothing (found by e2e/console_forms.mjs). Every
//! template, the portal's and the console's, is read here: a fieldset with an id (which is what
//! a summary links to) must take focus.

use std::path::{Path, PathBuf};

/// Every template under `templates/`.
fn templates() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("templates")];
    while let Some(dir) = dirs.pop() {
        for e in std::fs::read_dir(&dir).expect("templates folder") {
            let path = e.expect("a template").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|x| x == "html") {
                out.push(path);
            }
        }
    }
    out
}

#[test]
fn every_fieldset_a_summary_can_link_to_takes_focus() {
    let mut wrong = Vec::new();
    let mut seen = 0;
    for file in templates() {
        let text = std::fs::read_to_string(&file).expect("template read");
        for (at, _) in text.match_indices("<fieldset") {
            let tag = &text[at..at + text[at..].find('>').expect("the tag ends")];
            if tag.contains(" id=") {
                seen += 1;
                if !tag.contains("tabindex=\"-1\"") {
                    wrong.push(format!("{}: {tag}>", file.display()));
                }
            }
        }
    }
    assert!(seen > 10, "the templates' fieldsets were found ({seen})");
    assert!(
        wrong.is_empty(),
        "fieldsets an error summary links to that cannot take focus (add tabindex=\"-1\"):\n{}",
        wrong.join("\n")
    );
}
