//! The web kit: what every audience's pages share, belonging to none of them. Cookies, the
//! client's address, the CSRF token bound to a session or pre-session cookie ([`Visit`]),
//! the CSRF-checked form extractor ([`Posted`]) and form errors ([`Errors`]), route tables
//! ([`routes`]), the page frame, templates and error type ([`page`]), ids read from paths and
//! forms ([`ids`]) and instants written for pages and the API ([`time`]). The borrower portal
//! (`portal`), the staff console (`console`) and the JSON API (`api`) each build on it.

mod forms;
pub mod identity_refusals;
pub mod ids;
pub mod page;
pub mod payment_refusals;
pub mod routes;
pub mod time;

pub use forms::{Errors, FormVisitor, NoFields, Posted, status_of};
pub use page::{Chrome, PageError, PageResult, UserBar};
pub use routes::{RouteSpec, Table, Takes};

use crate::AppState;
use app::identity::ClientInfo;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// The pre-session cookie that anonymous forms' CSRF tokens are bound to.
pub const PRE_COOKIE: &str = "__Host-pre";

/// Reads one cookie.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
        .filter(|v| v.len() <= 128 && v.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A `Set-Cookie` value: Secure, HttpOnly, SameSite=Lax, Path=/; `max_age_s` None for a
/// browser-session cookie, Some(0) to delete.
pub fn set_cookie(name: &str, value: &str, max_age_s: Option<i64>) -> HeaderValue {
    let age = max_age_s
        .map(|s| format!("; Max-Age={s}"))
        .unwrap_or_default();
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; Secure; HttpOnly; SameSite=Lax{age}"
    ))
    .expect("cookie values are hex")
}

/// The client's address: the socket's peer, or the first X-Forwarded-For entry when the
/// configuration says a proxy we trust sets it.
pub fn client_info(parts: &Parts) -> ClientInfo {
    let peer = parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map_or_else(|| "unknown".to_owned(), |c| c.0.ip().to_string());
    let forwarded = crate::pages::trust_forwarded_for()
        .then(|| {
            parts
                .headers
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
        })
        .flatten()
        .and_then(|v| v.split(',').next())
        .map(|v| v.trim().to_owned());
    ClientInfo {
        ip: forwarded.unwrap_or(peer),
        user_agent: parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .chars()
            .take(200)
            .collect(),
    }
}

/// The CSRF token for a cookie value: bound to that session (or pre-session), keyed.
pub fn csrf_for(state: &AppState, cookie_value: &str) -> String {
    state.app.vault().mac("csrf", cookie_value.as_bytes())[..32].to_owned()
}

/// What every page request carries, whoever asks: the client, and the CSRF token its forms
/// carry, bound to the live session's token when there is one (each audience has its own
/// session cookie) and otherwise to the pre-session cookie, which a first visit gets.
#[derive(Clone, Debug)]
pub struct Visit {
    /// Address and user agent.
    pub client: ClientInfo,
    /// The CSRF token this visitor's forms carry.
    pub csrf: String,
    /// A pre-session cookie to set with the response (first visit).
    pub new_pre: Option<String>,
    /// The language they read: their choice (the [`LANG_COOKIE`]), else their browser's.
    pub lang: i18n::Lang,
    /// The page asked for (its path), where the language switcher brings them back.
    pub here: String,
}

/// The cookie that remembers the language a visitor chose (a signed-in borrower's is also
/// on their login, and set again when they sign in).
pub const LANG_COOKIE: &str = "__Host-lang";

/// The language of a request: the visitor's choice, else the first of ours their browser
/// asks for, else English.
pub fn lang_of(headers: &HeaderMap) -> i18n::Lang {
    cookie(headers, LANG_COOKIE)
        .and_then(i18n::Lang::parse)
        .unwrap_or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .map_or_else(i18n::Lang::default, |v| {
                    i18n::Lang::negotiate(&v.chars().take(512).collect::<String>())
                })
        })
}

/// A `Set-Cookie` that remembers `lang` for a year.
pub fn lang_cookie(lang: i18n::Lang) -> HeaderValue {
    set_cookie(LANG_COOKIE, lang.code(), Some(365 * 24 * 3600))
}

impl Visit {
    /// The visit of a request whose live session (if any) has the token `session_token`.
    pub fn of(parts: &Parts, state: &AppState, session_token: Option<&str>) -> Visit {
        let client = client_info(parts);
        let pre = cookie(&parts.headers, PRE_COOKIE);
        let (csrf, new_pre) = match (session_token, pre) {
            (Some(t), _) => (csrf_for(state, t), None),
            (None, Some(p)) => (csrf_for(state, p), None),
            (None, None) => {
                let p = app::identity::random_token();
                (csrf_for(state, &p), Some(p))
            }
        };
        Visit {
            client,
            csrf,
            new_pre,
            lang: lang_of(&parts.headers),
            // The path only: a page does not write back what its query asked for.
            here: parts.uri.path().chars().take(512).collect(),
        }
    }

    /// The chrome of a page for this visitor (not signed in).
    pub fn chrome(&self, nav: &'static str) -> Chrome {
        Chrome {
            site: crate::pages::site(),
            nav,
            user: None,
            csrf: self.csrf.clone(),
            tr: self.lang.tr(),
            here: self.here.clone(),
        }
    }

    /// Attaches the pre-session cookie, if this is the first visit.
    pub fn respond(&self, response: impl IntoResponse) -> Response {
        let mut r = response.into_response();
        if let Some(pre) = &self.new_pre {
            r.headers_mut()
                .append(header::SET_COOKIE, set_cookie(PRE_COOKIE, pre, None));
        }
        r
    }
}
