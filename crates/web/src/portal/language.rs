//! The language switcher in every page's header (issue 22, item 17). A visitor follows the
//! link `GET /language?lang=es&back=/help`: the choice is kept in a cookie for a year. A
//! signed-in borrower submits the same choice as a form, `POST /language`, which also keeps
//! it on their login: their emails, texts and statements follow it, and their next sign-in
//! on any device opens in it. Either way they come back to the page they were on.

use super::{Posted, SignedIn, Visitor};
use crate::AppState;
use crate::kit::page::ErrorPage;
use crate::kit::{PageResult, lang_cookie};
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

/// The choice: a language code, and the page to come back to.
#[derive(Deserialize)]
pub struct Choice {
    /// "en" or "es".
    #[serde(default)]
    lang: String,
    /// The path (and query) of the page the switcher was on.
    #[serde(default)]
    back: String,
}

/// The page to come back to: a path of ours, never another site's ("//evil.example",
/// "/\\evil.example"); the home page otherwise.
fn back_to(back: &str) -> &str {
    let ours = back.starts_with('/')
        && !back.starts_with("//")
        && !back.starts_with("/\\")
        && back.len() <= 512
        && !back.chars().any(char::is_control);
    if ours { back } else { "/" }
}

/// Back to the page, in `lang` from now on.
fn switched(lang: i18n::Lang, back: &str) -> Response {
    let mut r = Redirect::to(back_to(back)).into_response();
    r.headers_mut()
        .append(header::SET_COOKIE, lang_cookie(lang));
    r
}

/// A code that is not one of ours: the page says so in both languages.
fn unknown() -> Response {
    ErrorPage::new("language-unknown", "language-unknown-body", None)
        .answer(StatusCode::BAD_REQUEST)
}

/// `GET /language?lang=…&back=…`: a visitor's choice, kept in a cookie.
pub async fn choose_link(_visitor: Visitor, Query(choice): Query<Choice>) -> Response {
    match i18n::Lang::parse(&choice.lang) {
        Some(lang) => switched(lang, &choice.back),
        None => unknown(),
    }
}

/// `POST /language`: a signed-in borrower's choice, kept on their login too.
pub async fn choose(
    State(state): State<AppState>,
    who: SignedIn,
    posted: Posted<Choice>,
) -> PageResult {
    let Some(lang) = i18n::Lang::parse(&posted.form.lang) else {
        return Ok(unknown());
    };
    state
        .app
        .set_language(who.login, lang, &who.visitor.client)
        .await?;
    Ok(switched(lang, &posted.form.back))
}

#[cfg(test)]
mod tests {
    use super::back_to;

    #[test]
    fn the_switcher_only_comes_back_to_our_own_pages() {
        assert_eq!(back_to("/loans/1?x=1"), "/loans/1?x=1");
        assert_eq!(back_to("//evil.example/"), "/");
        assert_eq!(back_to("/\\evil.example"), "/");
        assert_eq!(back_to("https://evil.example"), "/");
        assert_eq!(back_to(""), "/");
        assert_eq!(back_to("/a\r\nSet-Cookie: x"), "/");
    }
}
