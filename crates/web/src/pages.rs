//! The public portal pages: landing and Help, rendered from askama templates (checked at
//! compile time, escaped by default), and the stylesheet, embedded in the binary.

use crate::AppState;
use crate::config::ServicerInfo;
use crate::help::{self, Answer, Block};
use crate::kit::Chrome;
use crate::kit::page::render;
use crate::portal::Visitor;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use std::sync::OnceLock;

static SITE: OnceLock<ServicerInfo> = OnceLock::new();
static TRUST_FORWARDED_FOR: OnceLock<bool> = OnceLock::new();

/// Sets the servicer facts every page shows, and whether a trusted proxy sets
/// X-Forwarded-For (once, at start-up).
pub fn set_site(info: ServicerInfo, trust_forwarded_for: bool) {
    let _ = SITE.set(info);
    let _ = TRUST_FORWARDED_FOR.set(trust_forwarded_for);
}

/// The servicer facts every page shows.
pub fn site() -> &'static ServicerInfo {
    SITE.get_or_init(|| crate::config::Config::default().servicer)
}

/// True when the client address comes from X-Forwarded-For (behind a trusted proxy only).
pub fn trust_forwarded_for() -> bool {
    *TRUST_FORWARDED_FOR.get_or_init(|| false)
}

/// The chrome of a public page in `lang`, outside any visit (no CSRF token).
pub(crate) fn public(nav: &'static str, lang: i18n::Lang) -> Chrome {
    Chrome {
        site: site(),
        nav,
        user: None,
        csrf: String::new(),
        tr: lang.tr(),
        here: "/".to_owned(),
    }
}

#[derive(Template)]
#[template(path = "landing.html")]
struct Landing {
    chrome: Chrome,
    site: &'static ServicerInfo,
}

/// An answer as the page shows it: its title in the page's language.
struct Shown {
    slug: &'static str,
    title: String,
    blocks: &'static [Block],
}

#[derive(Template)]
#[template(path = "help.html")]
struct Help {
    chrome: Chrome,
    site: &'static ServicerInfo,
    example_account: String,
    /// The search words as typed (empty when browsing).
    query: String,
    searched: bool,
    count: usize,
    /// How many answers match, in words (searched and found).
    summary: String,
    /// Each topic's name, with its answers.
    groups: Vec<(String, Vec<Shown>)>,
}

impl Help {
    fn new(chrome: Chrome, query: String, searched: bool, answers: &[&'static Answer]) -> Self {
        let tr = chrome.tr;
        let mut groups: Vec<(String, Vec<Shown>)> = Vec::new();
        for topic in help::topics() {
            let in_topic: Vec<Shown> = answers
                .iter()
                .filter(|a| a.topic == topic)
                .map(|a| Shown {
                    slug: a.slug,
                    title: tr.t(a.title),
                    blocks: a.blocks,
                })
                .collect();
            if !in_topic.is_empty() {
                groups.push((tr.t(topic), in_topic));
            }
        }
        let count = answers.len();
        let summary = if searched && count > 0 {
            let q: &dyn std::fmt::Display = &query;
            tr.count(
                "help-matches",
                i64::try_from(count).unwrap_or(i64::MAX),
                &[("query", q)],
            )
        } else {
            String::new()
        };
        Help {
            chrome,
            site: site(),
            example_account: help::example_account(),
            query,
            searched,
            count,
            summary,
            groups,
        }
    }

    /// The paragraph `id` in the page's language, as HTML (write it `|safe`).
    fn para(&self, id: &str) -> String {
        help::paragraph_html(self.chrome.tr, id, self.site, &self.example_account)
    }
}

/// The query string of `GET /help/search`.
#[derive(serde::Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
}

/// `GET /`: a signed-in borrower sees their own menu here too.
pub async fn landing(State(state): State<AppState>, visitor: Visitor) -> Response {
    render(&Landing {
        chrome: visitor.public_chrome(&state, "home").await,
        site: site(),
    })
}

/// `GET /help`: every answer, by topic (a signed-in borrower keeps their menu).
pub async fn help(State(state): State<AppState>, visitor: Visitor) -> Response {
    let all: Vec<&'static Answer> = help::ANSWERS.iter().collect();
    let chrome = visitor.public_chrome(&state, "help").await;
    render(&Help::new(chrome, String::new(), false, &all))
}

/// `GET /help/search?q=…`: the answers that match, best first within each topic.
pub async fn help_search(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(SearchQuery { q }): Query<SearchQuery>,
) -> Response {
    let query: String = q
        .chars()
        .filter(|c| !c.is_control())
        .take(help::MAX_QUERY_CHARS)
        .collect();
    let chrome = visitor.public_chrome(&state, "help").await;
    let found = help::search(&query, site(), chrome.lang());
    render(&Help::new(chrome, query.trim().to_owned(), true, &found))
}

#[derive(Template)]
#[template(path = "mailbox.html")]
struct Mailbox {
    chrome: Chrome,
    site: &'static ServicerInfo,
    messages: Vec<store::Message>,
}

/// `GET /demo/mailbox` (demo mode only): the outbox, newest first, as a mailbox.
pub async fn demo_mailbox(State(state): State<AppState>) -> crate::kit::PageResult {
    let messages = state.app.store().outbox(None, 200).await?;
    Ok(render(&Mailbox {
        chrome: public("", i18n::Lang::En),
        site: site(),
        messages,
    }))
}

/// `GET /static/session.js`: the warning before the idle timeout, for signed-in portal pages
/// (a same-origin script, as the Content Security Policy allows); embedded; cacheable for a
/// day.
pub async fn session_script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        include_str!("../static/session.js"),
    )
        .into_response()
}

/// `GET /static/site.css`: embedded; cacheable for a day.
pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        include_str!("../static/site.css"),
    )
        .into_response()
}
