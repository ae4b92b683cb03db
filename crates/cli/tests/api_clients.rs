//! `servicer api-client create` as an operator runs it: what a token may do is chosen when it
//! is made, and a scope that does not exist is refused before anything is written.

use std::path::Path;
use std::process::Output;
use test_support::cli::{Servicer, sqlite_url, text};
use test_support::scratch;

const SERVICER: Servicer = Servicer(env!("CARGO_BIN_EXE_servicer"));

/// `servicer api-client create` with `args`, on the database `s.db` in `dir`.
fn create(dir: &Path, args: &[&str]) -> Output {
    let args = [&["api-client", "create"][..], args].concat();
    SERVICER.run(dir, &sqlite_url(dir), &args)
}

#[test]
fn an_unknown_scope_or_none_is_refused_with_exit_2_and_the_scopes_named() {
    let dir = scratch::dir("cli-clients-refused");
    for (args, says) in [
        (
            &["--name", "reporting", "--scope", "admin"][..],
            "\"admin\" is not a scope; the scopes are read, payments",
        ),
        (
            &["--name", "reporting", "--scopes", "read,everything"][..],
            "\"everything\" is not a scope",
        ),
        (
            &["--name", "reporting"][..],
            "one or more of read, payments",
        ),
    ] {
        let out = create(&dir, args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        let why = text(&out.stderr);
        assert!(
            why.contains("--scope") && why.contains(says),
            "{args:?}: {why}"
        );
        assert!(
            text(&out.stdout).is_empty(),
            "{args:?}: no token is printed"
        );
    }
    assert!(
        !dir.join("s.db").exists(),
        "refused before the database is opened"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_client_is_stored_with_the_scopes_asked_for() {
    let dir = scratch::dir("cli-clients-stored");
    SERVICER.install(&dir, &sqlite_url(&dir));
    let cases = [
        ("reporting", &["--scope", "read"][..], "read"),
        (
            "lockbox",
            &["--scopes", "read,payments"][..],
            "read payments",
        ),
        (
            "bank",
            &["--scope", "payments", "--scope", "read"][..],
            "read payments",
        ),
    ];
    let mut tokens = Vec::new();
    for (name, scopes, _) in cases {
        let mut args = vec!["--name", name];
        args.extend_from_slice(scopes);
        let out = create(&dir, &args);
        assert!(out.status.success(), "{name}: {}", text(&out.stderr));
        let token = text(&out.stdout).trim().to_owned();
        assert!(token.starts_with("svc_"), "{token}");
        tokens.push(token);
    }
    let store = store::Store::connect(&sqlite_url(&dir)).await.unwrap();
    for ((name, _, stored), token) in cases.iter().zip(&tokens) {
        let found = store
            .api_client_by_digest(&app::api_clients::token_digest(token))
            .await
            .unwrap();
        assert_eq!(
            found,
            Some(((*name).to_owned(), (*stored).to_owned())),
            "{name}"
        );
    }
    store.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}
