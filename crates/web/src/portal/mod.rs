//! The borrower portal: server-rendered pages that work without JavaScript.
//!
//! Every page is declared in [`routes`], which also records what each route takes (a loan's
//! account number, a message id), so the security test can call every route that takes an
//! id with another borrower's session. Every POST goes through [`Posted`], which refuses
//! cross-site requests and checks the form's CSRF token before the handler runs.

pub mod account;
pub mod alerts;
pub mod auth;
pub mod autopay;
pub mod document_center;
pub mod due_date;
pub mod error_pages;
pub mod hardship;
pub mod history;
pub mod language;
pub mod letters;
pub mod link;
pub mod messages;
pub mod nickname;
pub mod payment_methods;
pub mod payments;
pub mod payoff;
pub mod profile;
pub mod recovery;
pub mod security;
pub mod sms_hook;

pub use crate::kit::{Chrome, Errors, Posted, RouteSpec, Takes, UserBar, cookie, set_cookie};

use crate::AppState;
use crate::kit::{FormVisitor, Table, Visit};
use app::identity::ActiveSession;
use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{Method, header};
use axum::response::{IntoResponse, Redirect, Response};
use store::LoginId;

/// The session cookie (`__Host-`: Secure, Path=/, no Domain: only this origin sets it).
pub const SESSION_COOKIE: &str = "__Host-session";
/// The remembered-device cookie.
pub const DEVICE_COOKIE: &str = "__Host-device";

/// The portal's routes and what each takes.
pub fn routes() -> (Router<AppState>, Vec<RouteSpec>) {
    let t = document_routes(profile_routes(loan_routes(public_routes(Table::new()))));
    let mut specs = t.specs;
    specs.sort_by_key(|s| (s.path, s.method));
    (t.router, specs)
}

/// The pages of a visitor not signed in (signing in, enrolling, recovering a sign-in,
/// unsubscribing) and the SMS provider's webhook.
fn public_routes(t: Table) -> Table {
    use alerts as al;
    use auth as u;
    use recovery as r;
    t.get("/login", false, u::login_page)
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
        .get("/forgot-username", false, r::forgot_username_page)
        .post("/forgot-username", false, r::forgot_username)
        .get("/forgot-password", false, r::forgot_password_page)
        .post("/forgot-password", false, r::forgot_password)
        .get("/reset-password", false, r::reset_page)
        .post("/reset-password", false, r::reset)
        .get("/unsubscribe", false, al::unsubscribe_page)
        .post("/unsubscribe", false, al::unsubscribe)
        .post("/hooks/sms", false, sms_hook::sms_inbound)
        .get("/language", false, language::choose_link)
        .post("/language", true, language::choose)
}

/// The borrower's loans (their payment history and year-end summaries too), payments, AutoPay,
/// payment methods, and asking for help when a payment cannot be made.
fn loan_routes(t: Table) -> Table {
    use account as a;
    use autopay as ap;
    use hardship as hd;
    use history as h;
    use payment_methods as m;
    use payments as p;
    t.get("/dashboard", true, a::dashboard)
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
        .post(
            "/loans/{account_number}/nickname",
            true,
            nickname::set_nickname,
        )
        .get("/loans/{account_number}/history.csv", true, h::history_csv)
        .get("/loans/{account_number}/history.pdf", true, h::history_pdf)
        .get(
            "/loans/{account_number}/payoff-letter.pdf",
            true,
            letters::payoff_letter,
        )
        .get(
            "/loans/{account_number}/paid-in-full-letter.pdf",
            true,
            letters::paid_in_full_letter,
        )
        .get(
            "/loans/{account_number}/payoff-letter",
            true,
            letters::payoff_letter_page,
        )
        .get(
            "/loans/{account_number}/paid-in-full-letter",
            true,
            letters::paid_in_full_letter_page,
        )
        .get("/loans/{account_number}/interest/{year}", true, h::summary)
        .get(
            "/loans/{account_number}/interest/{year}/pdf",
            true,
            h::summary_pdf,
        )
        .get("/loans/{account_number}/pay", true, p::pay)
        .post("/loans/{account_number}/pay", true, p::confirm)
        .post("/loans/{account_number}/pay/review", true, p::review)
        .get("/loans/{account_number}/autopay", true, ap::autopay)
        .post("/loans/{account_number}/autopay", true, ap::autopay_enroll)
        .post(
            "/loans/{account_number}/autopay/review",
            true,
            ap::autopay_review,
        )
        .get(
            "/loans/{account_number}/autopay/cancel",
            true,
            ap::autopay_cancel_page,
        )
        .post(
            "/loans/{account_number}/autopay/cancel",
            true,
            ap::autopay_cancel,
        )
        .get("/payments/{payment_id}", true, p::receipt)
        .post("/payments/{payment_id}/cancel", true, p::cancel)
        .get("/hardship", true, hd::hardship)
        .post("/hardship", true, hd::request)
        .get("/hardship/sent", true, hd::sent)
        .get("/payment-methods/cards/new", true, m::new_card)
        .post("/payment-methods/cards", true, m::add_card)
        .get("/link-loan", true, link::link_page)
        .post("/link-loan", true, link::link)
        .post("/link-loan/confirm", true, link::link_confirm)
        .get("/payment-methods", true, m::list)
        .post("/payment-methods", true, m::add)
        .get("/payment-methods/new", true, m::new)
        .get("/payment-methods/{method_id}/remove", true, m::remove_page)
        .post("/payment-methods/{method_id}/remove", true, m::remove)
        .get("/loans/{account_number}/due-date", true, due_date::due_date)
        .post("/loans/{account_number}/due-date", true, due_date::change)
}

/// The documents center: every document of the borrower's loans, and the pages and PDFs of
/// the documents drawn for it (statements and letters are among the loan's routes).
fn document_routes(t: Table) -> Table {
    use document_center as dc;
    t.get("/documents", true, dc::documents)
        .get(
            "/loans/{account_number}/truth-in-lending",
            true,
            dc::truth_in_lending,
        )
        .get(
            "/loans/{account_number}/truth-in-lending.pdf",
            true,
            dc::truth_in_lending_pdf,
        )
        .get(
            "/loans/{account_number}/transfer-notice",
            true,
            dc::transfer_notice,
        )
        .get(
            "/loans/{account_number}/transfer-notice.pdf",
            true,
            dc::transfer_notice_pdf,
        )
        .get(
            "/loans/{account_number}/autopay-authorizations/{autopay_id}",
            true,
            dc::autopay_authorization,
        )
        .get(
            "/loans/{account_number}/autopay-authorizations/{autopay_id}/pdf",
            true,
            dc::autopay_authorization_pdf,
        )
}

/// Signing out, the message center, the profile and preferences.
fn profile_routes(t: Table) -> Table {
    use alerts as al;
    use auth as u;
    use messages as ms;
    use profile as pr;
    use security as se;
    t.post("/logout", true, u::logout)
        .get("/logout-everywhere", true, u::logout_everywhere_page)
        .post("/logout-everywhere", true, u::logout_everywhere)
        .post("/session/stay", true, u::stay_signed_in)
        .get("/messages", true, ms::messages)
        .post("/messages", true, ms::send_message)
        .get("/messages/new", true, ms::new_message)
        .get("/messages/{id}", true, ms::message)
        .get("/profile", true, pr::profile)
        .get("/profile/contact", true, pr::contact_page)
        .post("/profile/contact", true, pr::contact)
        .get("/confirm-password", true, pr::step_up_page)
        .post("/confirm-password", true, pr::step_up)
        .get("/profile/password", true, pr::password_page)
        .post("/profile/password", true, pr::password)
        .get("/profile/security", true, se::security)
        .get("/profile/security/authenticator", true, se::totp_page)
        .post("/profile/security/authenticator", true, se::totp_enable)
        .post("/profile/security/codes-by-message", true, se::totp_disable)
        .get("/profile/alerts", true, al::alerts_page)
        .post("/profile/alerts", true, al::alerts)
        .post("/profile/alerts/stop-texts", true, al::stop_texts)
        .get("/profile/paperless", true, al::paperless_page)
        .post("/profile/paperless", true, al::paperless)
}

/// A borrower's visit: their session (if any, live) under the portal's session cookie, the
/// remembered device, and what every visit carries ([`Visit`]: client, CSRF token). A
/// visitor without any cookie gets a pre-session cookie with the first page.
#[derive(Clone, Debug)]
pub struct Visitor {
    /// The session, when the cookie names a live one.
    pub session: Option<ActiveSession>,
    /// Its token (from the cookie), when live.
    pub token: Option<String>,
    /// The remembered-device token, if the browser has one.
    pub device: Option<String>,
    /// Client, CSRF token, first visit.
    pub visit: Visit,
}

impl std::ops::Deref for Visitor {
    type Target = Visit;

    fn deref(&self) -> &Visit {
        &self.visit
    }
}

impl Visitor {
    /// The chrome of a page anyone may open (the landing page, Help, the 404 page) for this
    /// visitor: a signed-in borrower's menu (with the unread messages and the sign-out form)
    /// while their session is live, so a public page never looks signed out to them; the
    /// visitor's menu otherwise.
    pub async fn public_chrome(&self, state: &AppState, nav: &'static str) -> Chrome {
        match self
            .session
            .as_ref()
            .and_then(|s| s.login().map(|l| (l, s.clone())))
        {
            Some((login, session)) => {
                SignedIn {
                    login,
                    session,
                    visitor: self.clone(),
                }
                .chrome(state, nav)
                .await
            }
            None => self.visit.chrome(nav),
        }
    }
}

impl FormVisitor for Visitor {
    fn visit(&self) -> &Visit {
        &self.visit
    }
}

impl FromRequestParts<AppState> for Visitor {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = cookie(&parts.headers, SESSION_COOKIE).map(str::to_owned);
        let session = match &token {
            Some(t) => state
                .app
                .session(t)
                .await
                .map_err(|e| crate::kit::PageError::from(e).into_response())?,
            None => None,
        };
        let token = token.filter(|_| session.is_some());
        Ok(Visitor {
            visit: Visit::of(parts, state, token.as_deref()),
            device: cookie(&parts.headers, DEVICE_COOKIE).map(str::to_owned),
            session,
            token,
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
            None => Err(Redirect::to(ended_at(&parts.method, parts.uri.path())).into_response()),
        }
    }
}

/// Where a request without a live session is sent to sign in. A payment confirmed after the
/// session ended carries the pay form, but nothing was paid: the sign-in page says so
/// ([`auth::NOT_PAID`]), so the borrower does not take "session ended" for "paid".
fn ended_at(method: &Method, path: &str) -> &'static str {
    let paying = *method == Method::POST
        && path
            .strip_prefix("/loans/")
            .and_then(|rest| rest.strip_suffix("/pay"))
            .is_some_and(|account| !account.is_empty() && !account.contains('/'));
    if paying {
        "/login?ended=1&not_paid=1"
    } else {
        "/login?ended=1"
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
