//! The borrower portal: server-rendered pages that work without JavaScript.
//!
//! Every page is declared in [`routes`], which also records what each route takes (a loan's
//! account number, a message id), so the security test can call every route that takes an
//! id with another borrower's session. Every POST goes through [`Posted`], which refuses
//! cross-site requests and checks the form's CSRF token before the handler runs.

pub mod account;
pub mod auth;
mod forms;
pub mod payment_methods;
pub mod payments;
pub mod settings;

pub use forms::{Errors, Posted};

use crate::AppState;
use crate::config::ServicerInfo;
use app::identity::{ActiveSession, ClientInfo};
use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::MethodRouter;
use store::LoginId;

/// The session cookie (`__Host-`: Secure, Path=/, no Domain: only this origin sets it).
pub const SESSION_COOKIE: &str = "__Host-session";
/// The remembered-device cookie.
pub const DEVICE_COOKIE: &str = "__Host-device";
/// The pre-session cookie that anonymous forms' CSRF tokens are bound to.
pub const PRE_COOKIE: &str = "__Host-pre";

/// What a route takes from the path, for the route-by-route authorization test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Takes {
    /// Nothing that belongs to a borrower.
    Nothing,
    /// A loan's account number (`{account_number}`).
    Loan,
    /// A secure message id (`{id}`).
    Message,
    /// A saved payment method's id (`{method_id}`).
    PaymentMethod,
    /// A payment's id (`{payment_id}`).
    Payment,
    /// A statement of a loan (`{account_number}` and `{statement_id}`).
    Statement,
}

/// One route of the portal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RouteSpec {
    /// "GET" or "POST".
    pub method: &'static str,
    /// The path pattern.
    pub path: &'static str,
    /// Needs a signed-in borrower.
    pub signed_in: bool,
    /// What it takes from the path.
    pub takes: Takes,
}

/// Routes with what each takes, built together so the list cannot drift from the router.
pub(crate) struct Table {
    pub(crate) router: Router<AppState>,
    pub(crate) specs: Vec<RouteSpec>,
}

impl Table {
    pub(crate) fn new() -> Self {
        Table {
            router: Router::new(),
            specs: Vec::new(),
        }
    }

    pub(crate) fn put<H, T>(self, path: &'static str, signed_in: bool, handler: H) -> Self
    where
        H: axum::handler::Handler<T, AppState>,
        T: 'static,
    {
        self.add("PUT", path, signed_in, axum::routing::put(handler))
    }

    pub(crate) fn delete<H, T>(self, path: &'static str, signed_in: bool, handler: H) -> Self
    where
        H: axum::handler::Handler<T, AppState>,
        T: 'static,
    {
        self.add("DELETE", path, signed_in, axum::routing::delete(handler))
    }

    pub(crate) fn get<H, T>(self, path: &'static str, signed_in: bool, handler: H) -> Self
    where
        H: axum::handler::Handler<T, AppState>,
        T: 'static,
    {
        self.add("GET", path, signed_in, axum::routing::get(handler))
    }

    pub(crate) fn post<H, T>(self, path: &'static str, signed_in: bool, handler: H) -> Self
    where
        H: axum::handler::Handler<T, AppState>,
        T: 'static,
    {
        self.add("POST", path, signed_in, axum::routing::post(handler))
    }

    fn add(
        mut self,
        method: &'static str,
        path: &'static str,
        signed_in: bool,
        handler: MethodRouter<AppState>,
    ) -> Self {
        let takes = if path.contains("{statement_id}") {
            Takes::Statement
        } else if path.contains("{account_number}") {
            Takes::Loan
        } else if path.contains("{payment_id}") {
            Takes::Payment
        } else if path.contains("{method_id}") {
            Takes::PaymentMethod
        } else if path.contains("{id}") {
            Takes::Message
        } else {
            assert!(!path.contains('{'), "classify the path parameter of {path}");
            Takes::Nothing
        };
        self.specs.push(RouteSpec {
            method,
            path,
            signed_in,
            takes,
        });
        self.router = self.router.route(path, handler);
        self
    }
}

/// The portal's routes and what each takes.
pub fn routes() -> (Router<AppState>, Vec<RouteSpec>) {
    use account as a;
    use auth as u;
    use payment_methods as m;
    use payments as p;
    use settings as s;
    let t = Table {
        router: Router::new(),
        specs: Vec::new(),
    }
    .get("/login", false, u::login_page)
    .post("/login", false, u::login)
    .get("/login/verify", false, u::verify_page)
    .post("/login/verify", false, u::verify)
    .post("/login/resend", false, u::resend)
    .get("/enroll", false, u::enroll_page)
    .post("/enroll", false, u::enroll)
    .get("/enroll/verify", false, u::enroll_verify_page)
    .post("/enroll/verify", false, u::enroll_verify)
    .post("/enroll/resend", false, u::resend)
    .get("/enroll/credentials", false, u::credentials_page)
    .post("/enroll/credentials", false, u::credentials)
    .get("/forgot-username", false, u::forgot_username_page)
    .post("/forgot-username", false, u::forgot_username)
    .get("/forgot-password", false, u::forgot_password_page)
    .post("/forgot-password", false, u::forgot_password)
    .get("/reset-password", false, u::reset_page)
    .post("/reset-password", false, u::reset)
    .get("/unsubscribe", false, s::unsubscribe_page)
    .post("/unsubscribe", false, s::unsubscribe)
    .post("/hooks/sms", false, s::sms_inbound)
    .post("/logout", true, u::logout)
    .post("/logout-everywhere", true, u::logout_everywhere)
    .get("/dashboard", true, a::dashboard)
    .get("/loans/{account_number}", true, a::loan)
    .get("/loans/{account_number}/schedule", true, a::schedule)
    .get(
        "/loans/{account_number}/statements/{statement_id}",
        true,
        a::statement,
    )
    .get(
        "/loans/{account_number}/statements/{statement_id}/pdf",
        true,
        a::statement_pdf,
    )
    .get("/loans/{account_number}/pay", true, p::pay)
    .post("/loans/{account_number}/pay", true, p::confirm)
    .post("/loans/{account_number}/pay/review", true, p::review)
    .get("/loans/{account_number}/autopay", true, p::autopay)
    .post("/loans/{account_number}/autopay", true, p::autopay_enroll)
    .post(
        "/loans/{account_number}/autopay/review",
        true,
        p::autopay_review,
    )
    .post(
        "/loans/{account_number}/autopay/cancel",
        true,
        p::autopay_cancel,
    )
    .get("/payments/{payment_id}", true, p::receipt)
    .post("/payments/{payment_id}/cancel", true, p::cancel)
    .get("/payment-methods/cards/new", true, p::new_card)
    .post("/payment-methods/cards", true, p::add_card)
    .get("/link-loan", true, a::link_page)
    .post("/link-loan", true, a::link)
    .post("/link-loan/confirm", true, a::link_confirm)
    .get("/messages", true, s::messages)
    .post("/messages", true, s::send_message)
    .get("/messages/new", true, s::new_message)
    .get("/messages/{id}", true, s::message)
    .get("/profile", true, s::profile)
    .get("/profile/contact", true, s::contact_page)
    .post("/profile/contact", true, s::contact)
    .get("/confirm-password", true, s::step_up_page)
    .post("/confirm-password", true, s::step_up)
    .get("/profile/password", true, s::password_page)
    .post("/profile/password", true, s::password)
    .get("/profile/security", true, s::security)
    .get("/profile/security/authenticator", true, s::totp_page)
    .post("/profile/security/authenticator", true, s::totp_enable)
    .post("/profile/security/codes-by-message", true, s::totp_disable)
    .get("/profile/alerts", true, s::alerts_page)
    .post("/profile/alerts", true, s::alerts)
    .post("/profile/alerts/stop-texts", true, s::stop_texts)
    .get("/payment-methods", true, m::list)
    .post("/payment-methods", true, m::add)
    .get("/payment-methods/new", true, m::new)
    .post("/payment-methods/{method_id}/remove", true, m::remove)
    .get("/profile/paperless", true, s::paperless_page)
    .post("/profile/paperless", true, s::paperless);
    let mut specs = t.specs;
    specs.sort_by_key(|s| (s.path, s.method));
    (t.router, specs)
}

/// The parts of the page frame every portal page shows.
#[derive(Clone, Debug)]
pub struct Chrome {
    /// The servicer.
    pub site: &'static ServicerInfo,
    /// Which menu item is current.
    pub nav: &'static str,
    /// Signed in: the sign-out form's token and unread messages.
    pub user: Option<UserBar>,
    /// The CSRF token for this page's forms.
    pub csrf: String,
}

/// The signed-in part of the header.
#[derive(Clone, Debug)]
pub struct UserBar {
    /// Unread messages in the message center.
    pub unread: i64,
}

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

/// Who is asking: their session (if any, live), the client, and the CSRF token their forms
/// carry. A visitor without any cookie gets a pre-session cookie with the first page.
#[derive(Clone, Debug)]
pub struct Visitor {
    /// The session, when the cookie names a live one.
    pub session: Option<ActiveSession>,
    /// Its token (from the cookie), when live.
    pub token: Option<String>,
    /// The remembered-device token, if the browser has one.
    pub device: Option<String>,
    /// Address and user agent.
    pub client: ClientInfo,
    /// The CSRF token this visitor's forms carry.
    pub csrf: String,
    /// A pre-session cookie to set with the response (first visit).
    pub new_pre: Option<String>,
}

impl Visitor {
    /// The chrome of a page for this visitor.
    pub fn chrome(&self, nav: &'static str) -> Chrome {
        Chrome {
            site: crate::pages::site(),
            nav,
            user: None,
            csrf: self.csrf.clone(),
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

/// The client's address: the socket's peer, or the first X-Forwarded-For entry when the
/// configuration says a proxy we trust sets it.
pub(crate) fn client_info(parts: &Parts) -> ClientInfo {
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

impl FromRequestParts<AppState> for Visitor {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let client = client_info(parts);
        let token = cookie(&parts.headers, SESSION_COOKIE).map(str::to_owned);
        let session = match &token {
            Some(t) => state
                .app
                .session(t)
                .await
                .map_err(|e| crate::errors::internal_page(&crate::errors::log_internal(&e)))?,
            None => None,
        };
        let device = cookie(&parts.headers, DEVICE_COOKIE).map(str::to_owned);
        let pre = cookie(&parts.headers, PRE_COOKIE).map(str::to_owned);
        let (csrf, new_pre) = match (&session, &token, &pre) {
            (Some(_), Some(t), _) => (csrf_for(state, t), None),
            (_, _, Some(p)) => (csrf_for(state, p), None),
            _ => {
                let p = app::identity::random_token();
                (csrf_for(state, &p), Some(p))
            }
        };
        let token = token.filter(|_| session.is_some());
        Ok(Visitor {
            session,
            token,
            device,
            client,
            csrf,
            new_pre,
        })
    }
}

/// A fully signed-in borrower; any other visitor is sent to sign in.
#[derive(Clone, Debug)]
pub struct SignedIn {
    /// The login.
    pub login: LoginId,
    /// The session.
    pub session: ActiveSession,
    /// The visitor (client, CSRF token).
    pub visitor: Visitor,
}

impl SignedIn {
    /// The chrome of a signed-in page.
    pub async fn chrome(&self, state: &AppState, nav: &'static str) -> Chrome {
        // The unread badge is a nicety: without it the page still serves, but say why.
        let unread = state
            .app
            .store()
            .unread_portal_messages(self.login)
            .await
            .unwrap_or_else(|e| {
                tracing::warn!(error = %e, "cannot count unread messages");
                0
            });
        Chrome {
            user: Some(UserBar { unread }),
            ..self.visitor.chrome(nav)
        }
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let visitor = Visitor::from_request_parts(parts, state).await?;
        match visitor
            .session
            .as_ref()
            .and_then(|s| s.login().map(|l| (l, s.clone())))
        {
            Some((login, session)) => Ok(SignedIn {
                login,
                session,
                visitor,
            }),
            None => Err(Redirect::to("/login?ended=1").into_response()),
        }
    }
}

/// A 303 to `to` that also sets (or clears) the session cookie.
pub fn redirect_with_session(to: &str, token: Option<&str>) -> Response {
    let mut r = Redirect::to(to).into_response();
    let value = set_cookie(
        SESSION_COOKIE,
        token.unwrap_or("gone"),
        if token.is_some() { None } else { Some(0) },
    );
    r.headers_mut().append(header::SET_COOKIE, value);
    r
}
