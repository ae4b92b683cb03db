//! The catalog holds every language to the same messages: a message shown to borrowers in
//! English and missing in Spanish (or the other way), or whose translation names other
//! values, fails here; so does a message id the code asks for that no language has.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A message's words (value and continuation lines) by id, for each file of one language.
fn messages(lang: &str) -> BTreeMap<String, (String, String)> {
    let mut out = BTreeMap::new();
    for (code, file, text) in i18n::resources() {
        if *code != lang {
            continue;
        }
        let mut current: Option<String> = None;
        for line in text.lines() {
            let starts_message =
                line.chars().next().is_some_and(|c| c.is_ascii_lowercase()) && line.contains('=');
            if starts_message {
                let (id, value) = line.split_once('=').expect("checked");
                let id = id.trim().to_owned();
                assert!(
                    !out.contains_key(&id),
                    "{lang}/{file}: message {id} is defined twice"
                );
                out.insert(id.clone(), ((*file).to_owned(), value.to_owned()));
                current = Some(id);
            } else if line.starts_with(' ') {
                if let Some(id) = &current {
                    let entry = out.get_mut(id).expect("inserted");
                    entry.1.push('\n');
                    entry.1.push_str(line);
                }
            } else {
                current = None;
            }
        }
    }
    out
}

fn variables(words: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = words;
    while let Some(at) = rest.find('$') {
        let name: String = rest[at + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .collect();
        out.insert(name);
        rest = &rest[at + 1..];
    }
    out
}

#[test]
fn every_message_is_in_every_language_with_the_same_values() {
    let en = messages("en");
    let es = messages("es");
    assert!(!en.is_empty(), "no English messages");
    let mut problems = Vec::new();
    for (id, (file, words)) in &en {
        match es.get(id) {
            None => problems.push(format!("{id} (en/{file}) has no Spanish")),
            Some((es_file, es_words)) => {
                if es_file != file {
                    problems.push(format!("{id} is in en/{file} but es/{es_file}"));
                }
                if variables(words) != variables(es_words) {
                    problems.push(format!(
                        "{id}: English uses {:?}, Spanish {:?}",
                        variables(words),
                        variables(es_words)
                    ));
                }
                if es_words.trim().is_empty() {
                    problems.push(format!("{id}: the Spanish is empty"));
                }
            }
        }
    }
    for id in es.keys() {
        if !en.contains_key(id) {
            problems.push(format!("{id} is in Spanish only"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn only_html_messages_carry_markup() {
    for lang in ["en", "es"] {
        for (id, (file, words)) in messages(lang) {
            let markup = words.match_indices('<').any(|(i, _)| {
                words[i + 1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
            });
            assert!(
                !markup || id.ends_with("-html"),
                "{lang}/{file}: {id} has markup; name it …-html and render it with tr.html"
            );
        }
    }
}

/// Every file of the workspace's code that asks for messages.
fn code_files() -> Vec<PathBuf> {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = [
        "web/src",
        "web/templates",
        "app/src",
        "documents/src",
        "cli/src",
    ]
    .iter()
    .map(|d| crates.join(d))
    .collect();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs" || x == "html") {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn every_message_the_code_asks_for_exists() {
    let en = messages("en");
    let mut missing = Vec::new();
    for file in code_files() {
        let all = std::fs::read_to_string(&file).expect("read");
        // Comments may show examples.
        let text: String = all
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for call in [
            ".t(\"",
            ".t1(\"",
            ".t2(\"",
            ".t3(\"",
            ".args(\"",
            ".count(\"",
            ".html(\"",
            ".html1(\"",
            ".html2(\"",
            ".html3(\"",
        ] {
            for (at, _) in text.match_indices(call) {
                let rest = &text[at + call.len()..];
                let id: String = rest.chars().take_while(|c| *c != '"').collect();
                if id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    && !en.contains_key(&id)
                {
                    missing.push(format!("{}: {id}", file.display()));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "messages asked for and not in the catalog:\n{}",
        missing.join("\n")
    );
}

#[test]
fn a_browser_gets_the_first_of_our_languages_it_asks_for() {
    use i18n::Lang;
    assert_eq!(Lang::negotiate("es-MX,es;q=0.9,en;q=0.8"), Lang::Es);
    assert_eq!(Lang::negotiate("en-US,en;q=0.9,es;q=0.8"), Lang::En);
    assert_eq!(Lang::negotiate("fr-FR,es;q=0.5"), Lang::Es);
    assert_eq!(Lang::negotiate("fr-FR"), Lang::En);
    assert_eq!(Lang::negotiate(""), Lang::En);
    assert_eq!(Lang::negotiate(";;;,,=q"), Lang::En);
    assert_eq!(Lang::negotiate(&"x-".repeat(10_000)), Lang::En);
}
