//! Issue 22, item 17: a borrower who reads Spanish reads every page in Spanish. Over HTTP
//! against the real server (SQLite, and PostgreSQL when `SERVICER_TEST_POSTGRES_URL` is set):
//! the language of a first visit follows `Accept-Language`; the switcher keeps a visitor's
//! choice in a cookie and a signed-in borrower's on their login too, and their next sign-in
//! opens in it; every page a borrower reaches (public, signed in, the error pages) is
//! `<html lang="es">` with no English sentence in what it shows.

use axum::http::{Method, StatusCode};
use test_support::borrowers::MARIA;
use test_support::http::{Browser, Reply};
use test_support::server::portals;

/// Words that are English and never Spanish, as a reader meets them in a sentence.
const ENGLISH: [&str; 16] = [
    "the", "your", "you", "and", "with", "will", "this", "when", "what", "please", "pay",
    "payment", "balance", "due", "sign", "help",
];

/// The words a page shows: its text outside tags, scripts and styles, and what people read in
/// attributes (labels for screen readers, placeholders, titles, button values).
fn shown(html: &str) -> String {
    let rest = without(&without(html, "<script", "</script>"), "<style", "</style>");
    let mut text = String::new();
    let mut in_tag = false;
    let mut tag = String::new();
    for c in rest.chars() {
        match (in_tag, c) {
            (false, '<') => {
                in_tag = true;
                tag.clear();
            }
            (true, '>') => {
                in_tag = false;
                for attr in ["aria-label=\"", "placeholder=\"", "title=\"", "alt=\""] {
                    if let Some(at) = tag.find(attr) {
                        let v: String = tag[at + attr.len()..]
                            .chars()
                            .take_while(|c| *c != '"')
                            .collect();
                        text.push(' ');
                        text.push_str(&v);
                    }
                }
                text.push(' ');
            }
            (true, c) => tag.push(c),
            (false, c) => text.push(c),
        }
    }
    text
}

/// `html` without its `open … close` spans.
fn without(html: &str, open: &str, close: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(open) {
        out.push_str(&rest[..at]);
        rest = rest[at..]
            .find(close)
            .map_or("", |e| &rest[at + e + close.len()..]);
    }
    out.push_str(rest);
    out
}

/// The English words of `html`'s text, if any.
fn english_in(html: &str) -> Vec<String> {
    // An address (help@servicer.example) is not words.
    let text: String = shown(html)
        .split_whitespace()
        .filter(|w| !w.contains('@'))
        .collect::<Vec<_>>()
        .join(" ");
    let mut found = Vec::new();
    let tokens: Vec<&str> = text.split_whitespace().collect();
    for (i, token) in tokens.iter().enumerate() {
        for word in token
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
        {
            if ENGLISH.contains(&word.to_lowercase().as_str()) {
                // The words around it, to say where.
                let around = &tokens[i.saturating_sub(6)..(i + 6).min(tokens.len())];
                found.push(format!("{word:?} in …{}…", around.join(" ")));
            }
        }
    }
    found
}

fn assert_spanish(page: &Reply, path: &str) {
    assert!(
        page.body.contains("<html lang=\"es\">"),
        "{path} is not marked Spanish"
    );
    let english = english_in(&page.body);
    assert!(english.is_empty(), "{path} shows English: {english:#?}");
}

#[test]
fn the_check_finds_english_and_passes_spanish() {
    assert!(english_in("<p>Hacer un pago</p><p title=\"Cerrar\">Su saldo</p>").is_empty());
    assert_eq!(english_in("<p>Make a payment</p>").len(), 1);
    assert_eq!(
        english_in("<button aria-label=\"Close the dialog\">x</button>").len(),
        1
    );
    assert!(english_in("<script>var the = 1;</script><p>hola</p>").is_empty());
}

#[tokio::test]
async fn a_first_visit_follows_the_browsers_language_and_the_switcher_keeps_the_choice() {
    for p in portals("spanish_switcher").await {
        let mut b = Browser::default();
        let es = [("accept-language", "es-MX,es;q=0.9,en;q=0.8")];
        let page = b.send(p.addr(), Method::GET, "/", None, &es).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("<html lang=\"es\">"));
        assert!(
            page.body
                .contains("lang=\"en\" hreflang=\"en\">English</a>"),
            "the switcher offers English"
        );
        // English otherwise.
        let page = Browser::default().get(p.addr(), "/").await;
        assert!(page.body.contains("<html lang=\"en\">"));
        assert!(page.body.contains(">Español</a>"));

        // The visitor chooses Spanish: kept in a cookie, back to the page they were on.
        let mut b = Browser::default();
        let r = b.get(p.addr(), "/language?lang=es&back=%2Fhelp").await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(r.location(), "/help");
        assert_eq!(b.cookies.get("__Host-lang").map(String::as_str), Some("es"));
        let page = b.get(p.addr(), "/help").await;
        assert!(page.body.contains("<html lang=\"es\">"));
        // Their choice wins over what the browser asks for.
        let en = [("accept-language", "en-US")];
        let page = b.send(p.addr(), Method::GET, "/login", None, &en).await;
        assert!(page.body.contains("<html lang=\"es\">"));
        // Another site is never where the switcher goes back to; an unknown language changes nothing.
        let r = b
            .get(p.addr(), "/language?lang=es&back=%2F%2Fevil.example")
            .await;
        assert_eq!(r.location(), "/");
        let mut fresh = Browser::default();
        let r = fresh.get(p.addr(), "/language?lang=fr&back=%2F").await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(!fresh.cookies.contains_key("__Host-lang"));
    }
}

#[tokio::test]
async fn a_signed_in_borrowers_choice_is_kept_on_their_login_and_opens_their_next_sign_in() {
    for p in portals("spanish_login").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let mut b = Browser::with_session(&maria);
        let r = b
            .post_form(
                p.addr(),
                "/dashboard",
                "/language",
                &[("lang", "es"), ("back", "/dashboard")],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(r.location(), "/dashboard");
        let login = p.app.store().login(store::LoginId(1)).await.unwrap();
        assert_eq!(login.language, Some(i18n::Lang::Es));

        // A new device: English until she signs in, Spanish from then on.
        let mut other = Browser::default();
        let page = other.get(p.addr(), "/login").await;
        assert!(page.body.contains("<html lang=\"en\">"));
        let r = other
            .post_form(
                p.addr(),
                "/login",
                "/login",
                &[
                    ("username", "maria.lopez"),
                    ("password", test_support::borrowers::PASSWORD),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        // Her sign-in asks for the code sent to her; then her portal is in Spanish.
        assert_eq!(r.location(), "/login/verify");
        let code = test_support::borrowers::last_code(&p.app).await;
        let r = other
            .post_form(
                p.addr(),
                "/login/verify",
                "/login/verify",
                &[("code", &code)],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(r.location(), "/dashboard");
        assert_eq!(
            other.cookies.get("__Host-lang").map(String::as_str),
            Some("es")
        );
        let page = other.get(p.addr(), "/dashboard").await;
        assert!(page.body.contains("<html lang=\"es\">"));
    }
}

/// Every page Maria reaches, public and signed in, and the error pages.
#[tokio::test]
async fn every_page_a_borrower_reaches_is_in_spanish() {
    for p in portals("spanish_pages").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        p.add_bank_account(&maria).await;
        let loan = MARIA.0;
        let mut b = Browser::with_session(&maria).reading("es");
        let signed_in = [
            "/dashboard".to_owned(),
            format!("/loans/{loan}"),
            format!("/loans/{loan}/schedule"),
            format!("/loans/{loan}/pay"),
            format!("/loans/{loan}/autopay"),
            format!("/loans/{loan}/payoff-letter"),
            format!("/loans/{loan}/due-date"),
            "/documents".to_owned(),
            "/messages".to_owned(),
            "/messages/new".to_owned(),
            "/profile".to_owned(),
            "/profile/contact".to_owned(),
            "/profile/password".to_owned(),
            "/profile/security".to_owned(),
            "/profile/alerts".to_owned(),
            "/profile/paperless".to_owned(),
            "/payment-methods".to_owned(),
            "/payment-methods/new".to_owned(),
            "/payment-methods/cards/new".to_owned(),
            "/link-loan".to_owned(),
            "/logout-everywhere".to_owned(),
            "/hardship".to_owned(),
            "/help".to_owned(),
            "/".to_owned(),
        ];
        let mut problems = Vec::new();
        for path in &signed_in {
            let page = b.get(p.addr(), path).await;
            if page.status != StatusCode::OK {
                problems.push(format!("{path}: {}", page.status));
                continue;
            }
            if let Err(e) = std::panic::catch_unwind(|| assert_spanish(&page, path)) {
                problems.push(
                    e.downcast_ref::<String>()
                        .cloned()
                        .unwrap_or_else(|| path.clone()),
                );
            }
        }
        // A loan that is not hers, and an address that does not exist.
        for path in ["/loans/5218400000002013", "/no-such-page"] {
            let page = b.get(p.addr(), path).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "{path}");
            if let Err(e) = std::panic::catch_unwind(|| assert_spanish(&page, path)) {
                problems.push(e.downcast_ref::<String>().cloned().unwrap_or_default());
            }
        }
        // The pages of a visitor.
        let mut visitor = Browser::default().reading("es");
        for path in [
            "/",
            "/login",
            "/enroll",
            "/forgot-username",
            "/forgot-password",
            "/help",
        ] {
            let page = visitor.get(p.addr(), path).await;
            if let Err(e) = std::panic::catch_unwind(|| assert_spanish(&page, path)) {
                problems.push(e.downcast_ref::<String>().cloned().unwrap_or_default());
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    }
}
