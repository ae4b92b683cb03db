//! The staff console at `/console`: sign-in (email, password and authenticator code, all
//! required), the operators' reports as pages and CSV downloads, one's own password
//! (`password`), and sign-out.
//!
//! Its session cookie is its own (`__Host-console`), checked against the staff sessions only
//! ([`StaffVisitor`]), so a borrower's session never reaches it. Every route is declared in
//! [`routes`] with what it needs ([`Needs`]): a signed-in staff user, and for most a
//! capability, which [`SignedInStaff`] checks before the handler runs and the use case checks
//! again. The security test sweeps the table.

mod account;
mod account_documents;
mod account_page;
mod account_portal;
mod approvals;
mod bank;
pub mod due_date_form;
mod loan_actions;
mod messages;
mod password;
mod phone;
mod phone_attention;
mod phone_autopay;
mod phone_desk;
mod remittance_item;
mod remittances;
mod reports;
mod search;
mod sign_in;
mod staff;
// Issue 20, refunds.
mod credit_balances;
pub(crate) mod refund_form;

use crate::AppState;
use crate::kit::{Chrome, Errors, FormVisitor, PageError, Visit, cookie};
use app::access::Capability;
use app::staff::Staff;
use axum::Router;
use axum::extract::FromRequestParts;
use axum::handler::Handler;
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{MethodFilter, on};

/// The console's session cookie.
pub const CONSOLE_COOKIE: &str = "__Host-console";

/// A date typed into a console form's field `field`, read as people write it ("December 15,
/// 2026", "12/15/2026", or ISO: [`crate::kit::time::parse_date`]); `None` when it is not a
/// date, with a message naming the field (`what`: "the deposit date") beside it in `errors`.
/// Every console form with a date reads it here, so each takes the same forms its hint shows
/// (`date_field` in `console/staff_macros.html`).
pub(crate) fn typed_date(
    text: &str,
    field: &'static str,
    what: &str,
    errors: &mut Errors,
) -> Option<jiff::civil::Date> {
    let read = crate::kit::time::parse_date(text);
    if read.is_none() {
        errors.push(
            field,
            format!("Enter {what} like December 15, 2026, or 12/15/2026, or 2026-12-15"),
        );
    }
    read
}

/// What a console route needs of the one who calls it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Needs {
    /// Nothing: the sign-in page.
    Nobody,
    /// A signed-in staff user, whatever their role (the home page, sign-out).
    Staff,
    /// A signed-in staff user whose role holds the capability.
    Capability(Capability),
}

/// One route of the console.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConsoleRoute {
    /// "GET" or "POST".
    pub method: &'static str,
    /// The path pattern.
    pub path: &'static str,
    /// Who may call it.
    pub needs: Needs,
}

/// The console's routes with what each needs, built together so the list cannot drift from
/// the router; each route's requests carry its [`Needs`] for [`SignedInStaff`] to check.
struct Table {
    router: Router<AppState>,
    routes: Vec<ConsoleRoute>,
}

impl Table {
    fn add<H, T>(mut self, method: Method, path: &'static str, needs: Needs, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let (name, filter) = match method {
            Method::GET => ("GET", MethodFilter::GET),
            Method::POST => ("POST", MethodFilter::POST),
            _ => panic!("no console route answers {method}"),
        };
        self.routes.push(ConsoleRoute {
            method: name,
            path,
            needs,
        });
        self.router = self
            .router
            .route(path, on(filter, handler).layer(axum::Extension(needs)));
        self
    }
}

/// The console's routes and what each needs.
pub fn routes() -> (Router<AppState>, Vec<ConsoleRoute>) {
    use Needs::{Capability as Can, Nobody, Staff};
    let t = Table {
        router: Router::new(),
        routes: Vec::new(),
    }
    .add(Method::GET, "/console/sign-in", Nobody, sign_in::page)
    .add(Method::POST, "/console/sign-in", Nobody, sign_in::sign_in)
    .add(Method::POST, "/console/sign-out", Staff, sign_in::sign_out)
    .add(Method::GET, "/console", Staff, reports::home)
    .add(
        Method::GET,
        "/console/reports",
        Can(Capability::ViewReports),
        reports::list,
    )
    .add(
        Method::GET,
        "/console/reports/{name}",
        Can(Capability::ViewReports),
        reports::page,
    )
    .add(
        Method::GET,
        "/console/reports/{name}/csv",
        Can(Capability::ViewReports),
        reports::csv,
    );
    let t = search::routes(t);
    let t = account::routes(t);
    let t = messages::routes(t);
    let t = phone_autopay::routes(phone::routes(t));
    let t = remittances::routes(t);
    let t = staff::routes(t);
    let t = password::routes(t);
    let t = bank::routes(t);
    let t = approvals::routes(t);
    let t = loan_actions::routes(t);
    let t = due_date_form::routes(t);
    let t = credit_balances::routes(refund_form::routes(t));
    let t = phone_attention::routes(t);
    let mut routes = t.routes;
    routes.sort_by_key(|r| (r.path, r.method));
    (t.router, routes)
}

/// A console visit: the staff user of the console's session cookie (if live), and what every
/// visit carries (client, the CSRF token bound to that session or the pre-session cookie).
#[derive(Clone, Debug)]
pub struct StaffVisitor {
    /// The staff user, when the cookie names a live session.
    pub staff: Option<Staff>,
    /// Client, CSRF token, first visit.
    pub visit: Visit,
}

impl StaffVisitor {
    /// The frame of a console page, `nav` naming its current menu item ("reports", or "" for
    /// none).
    pub fn chrome(&self, nav: &'static str) -> Chrome {
        // The console is in English whatever the browser asks for (staff read it; ADR 0032),
        // the borrower's pages it shows read-only too.
        Chrome {
            tr: i18n::Lang::En.tr(),
            ..self.visit.chrome(nav)
        }
    }
}

impl FormVisitor for StaffVisitor {
    fn visit(&self) -> &Visit {
        &self.visit
    }
}

impl FromRequestParts<AppState> for StaffVisitor {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let token = cookie(&parts.headers, CONSOLE_COOKIE);
        let staff = match token {
            Some(t) => state
                .app
                .staff_session(t)
                .await
                .map_err(|e| PageError::from(e).into_response())?,
            None => None,
        };
        let live = token.filter(|_| staff.is_some());
        Ok(StaffVisitor {
            visit: Visit::of(parts, state, live),
            staff,
        })
    }
}

/// A request from a signed-in staff user who holds what the route needs; anyone else is sent
/// to the sign-in page (no session) or refused (a role without the capability).
pub struct SignedInStaff {
    /// The staff user.
    pub staff: Staff,
    /// The visit.
    pub visitor: StaffVisitor,
}

impl FromRequestParts<AppState> for SignedInStaff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let visitor = StaffVisitor::from_request_parts(parts, state).await?;
        let Some(staff) = visitor.staff.clone() else {
            return Err(visitor.visit.respond(Redirect::to("/console/sign-in")));
        };
        // An admin reset this user's password: until they choose their own, the console
        // serves them nothing else (ASVS V2.1.6), whatever the route and their role.
        if staff.must_change_password && !password::open_while_reset(parts.uri.path()) {
            return Err(visitor.visit.respond(Redirect::to(password::PASSWORD)));
        }
        match parts.extensions.get::<Needs>() {
            Some(Needs::Staff) => {}
            Some(Needs::Capability(c)) if staff.may(*c) => {}
            Some(Needs::Capability(c)) => return Err(denied(*c)),
            // A handler that takes a staff user on a route declared for nobody (or not
            // through the table) is a mistake of ours: refuse rather than guess.
            Some(Needs::Nobody) | None => {
                return Err(PageError::internal(&format!(
                    "{} takes a signed-in staff user but was not declared for staff",
                    parts.uri.path()
                ))
                .into_response());
            }
        }
        Ok(SignedInStaff { staff, visitor })
    }
}

/// The 403 page of a role without `capability`.
pub(crate) fn denied(capability: Capability) -> Response {
    // The console is in English (staff read it); the page is shared with the portal's.
    let message = i18n::Localized::same(&format!(
        "Your role does not let you {}. Ask a supervisor or an admin.",
        capability.action()
    ));
    (
        StatusCode::FORBIDDEN,
        crate::kit::page::render(&crate::kit::page::ErrorPage::owned(
            "error-not-allowed",
            message,
        )),
    )
        .into_response()
}
