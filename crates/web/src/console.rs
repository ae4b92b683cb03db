//! The staff console at `/console`: sign-in (email, password and authenticator code, all
//! required), the operators' reports as pages and CSV downloads (supervisors and admins),
//! and sign-out. Its session cookie is its own (`__Host-console`), checked against the staff
//! sessions only, so a borrower's session never reaches it.

use crate::AppState;
use crate::pages::render;
use crate::portal::{Chrome, Errors, Posted, Visitor, cookie, set_cookie};
use app::cob::reports::{REPORTS, Report, ReportError};
use app::identity::IdentityError;
use app::staff::Staff;
use askama::Template;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

/// The console's session cookie.
pub const CONSOLE_COOKIE: &str = "__Host-console";

/// The console's routes.
pub fn routes() -> axum::Router<AppState> {
    axum::Router::new()
        .route("/console", get(home))
        .route("/console/sign-in", get(sign_in_page).post(sign_in))
        .route("/console/sign-out", post(sign_out))
        .route("/console/reports/{name}", get(report_page))
        .route("/console/reports/{name}/csv", get(report_csv))
}

/// A request from a signed-in staff user; anyone else is sent to the sign-in page.
pub struct SignedInStaff {
    staff: Staff,
    visitor: Visitor,
}

impl FromRequestParts<AppState> for SignedInStaff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let visitor = Visitor::from_request_parts(parts, state).await?;
        let staff = match cookie(&parts.headers, CONSOLE_COOKIE) {
            Some(token) => state
                .app
                .staff_session(token)
                .await
                .map_err(|e| crate::errors::internal_page(&crate::errors::log_internal(&e)))?,
            None => None,
        };
        match staff {
            Some(staff) => Ok(SignedInStaff { staff, visitor }),
            None => Err(visitor.respond(Redirect::to("/console/sign-in"))),
        }
    }
}

/// The frame of a console page.
fn chrome(visitor: &Visitor) -> Chrome {
    visitor.chrome("")
}

#[derive(Template)]
#[template(path = "console/sign_in.html")]
struct SignInPage {
    chrome: Chrome,
    staff: Option<Staff>,
    nav: &'static str,
    errors: Errors,
    email: String,
}

#[derive(Template)]
#[template(path = "console/home.html")]
struct HomePage {
    chrome: Chrome,
    staff: Option<Staff>,
    nav: &'static str,
    business_date: String,
    staff_sees_reports: bool,
    role: String,
    reports: &'static [(&'static str, &'static str)],
}

#[derive(Template)]
#[template(path = "console/report.html")]
struct ReportPage {
    chrome: Chrome,
    staff: Option<Staff>,
    nav: &'static str,
    errors: Errors,
    name: String,
    date: String,
    report: Report,
}

/// `GET /console/sign-in`
async fn sign_in_page(visitor: Visitor) -> Response {
    let page = SignInPage {
        chrome: chrome(&visitor),
        staff: None,
        nav: "",
        errors: Errors::default(),
        email: String::new(),
    };
    visitor.respond(render(&page))
}

/// The sign-in form.
#[derive(Deserialize)]
struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    code: String,
}

/// `POST /console/sign-in`
async fn sign_in(State(state): State<AppState>, posted: Posted<SignInForm>) -> Response {
    let f = &posted.form;
    let v = &posted.visitor;
    let missing = [
        ("email", &f.email),
        ("password", &f.password),
        ("code", &f.code),
    ]
    .iter()
    .filter(|(_, value)| value.trim().is_empty())
    .map(|(field, _)| {
        (
            *field,
            format!(
                "Enter your {}",
                if *field == "code" {
                    "authenticator code"
                } else {
                    field
                }
            ),
        )
    })
    .collect::<Vec<_>>();
    let errors = if !missing.is_empty() {
        Errors(missing)
    } else {
        match state
            .app
            .staff_sign_in(&f.email, &f.password, &f.code, &v.client)
            .await
        {
            Ok(token) => {
                let mut r = Redirect::to("/console").into_response();
                r.headers_mut()
                    .append(header::SET_COOKIE, set_cookie(CONSOLE_COOKIE, &token, None));
                return r;
            }
            Err(IdentityError::BadCredentials) => Errors::one(
                "email",
                "The email, password or authenticator code is not right (after five tries the sign-in is locked for 30 minutes)",
            ),
            Err(e @ IdentityError::Throttled) => Errors::one("email", e.to_string()),
            Err(e) => {
                return crate::errors::internal_page(&crate::errors::log_internal(&e));
            }
        }
    };
    let page = SignInPage {
        chrome: chrome(v),
        staff: None,
        nav: "",
        errors,
        email: f.email.clone(),
    };
    (StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response()
}

/// `POST /console/sign-out`
async fn sign_out(
    State(state): State<AppState>,
    staff: SignedInStaff,
    posted: Posted<Empty>,
) -> Response {
    let _ = posted.form;
    if let Err(e) = state
        .app
        .staff_sign_out(&staff.staff, &staff.visitor.client)
        .await
    {
        return crate::errors::internal_page(&crate::errors::log_internal(&e));
    }
    let mut r = Redirect::to("/console/sign-in").into_response();
    r.headers_mut()
        .append(header::SET_COOKIE, set_cookie(CONSOLE_COOKIE, "", Some(0)));
    r
}

/// A form with nothing but its CSRF token.
#[derive(Deserialize)]
struct Empty {}

/// `GET /console`
async fn home(State(state): State<AppState>, s: SignedInStaff) -> Response {
    let business_date = match state.app.business_date().await {
        Ok(d) => d.to_string(),
        Err(e) => return crate::errors::internal_page(&crate::errors::log_internal(&e)),
    };
    let page = HomePage {
        chrome: chrome(&s.visitor),
        nav: "reports",
        business_date,
        staff_sees_reports: s.staff.sees_reports(),
        role: s.staff.role.clone(),
        reports: REPORTS,
        staff: Some(s.staff),
    };
    s.visitor.respond(render(&page))
}

/// The report's query string.
#[derive(Deserialize)]
struct ReportQuery {
    #[serde(default)]
    date: String,
}

/// The report `name` as of the date asked for, or why not.
async fn load(
    state: &AppState,
    s: &SignedInStaff,
    name: &str,
    date: &str,
) -> Result<Result<(String, Report), (String, Errors)>, Response> {
    if !s.staff.sees_reports() {
        return Err((
            StatusCode::FORBIDDEN,
            render(&crate::pages::ErrorPage::new(
                "Reports are for supervisors and admins",
                "Your role does not include the operators' reports. Ask a supervisor or an admin.",
                None,
            )),
        )
            .into_response());
    }
    if !REPORTS.iter().any(|(n, _)| *n == name) {
        return Err(crate::errors::not_found_page());
    }
    let date = date.trim();
    let parsed = if date.is_empty() {
        None
    } else {
        match date.parse::<jiff::civil::Date>() {
            Ok(d) => Some(d),
            Err(_) => {
                return Ok(Err((
                    date.to_owned(),
                    Errors::one(
                        "date",
                        "Enter the date as YYYY-MM-DD, for example 2026-12-01",
                    ),
                )));
            }
        }
    };
    let report = match state.app.report(name, parsed).await {
        Ok(r) => r,
        Err(ReportError::Unknown(_)) => return Err(crate::errors::not_found_page()),
        Err(e @ ReportError::NoAging(_)) => {
            return Ok(Err((date.to_owned(), Errors::one("date", e.to_string()))));
        }
        Err(ReportError::Store(e)) => {
            return Err(crate::errors::internal_page(&crate::errors::log_internal(
                &e,
            )));
        }
    };
    let shown = match parsed {
        Some(d) => d.to_string(),
        None => state
            .app
            .business_date()
            .await
            .map_err(|e| crate::errors::internal_page(&crate::errors::log_internal(&e)))?
            .to_string(),
    };
    Ok(Ok((shown, report)))
}

/// `GET /console/reports/{name}?date=YYYY-MM-DD`
async fn report_page(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(name): Path<String>,
    Query(q): Query<ReportQuery>,
) -> Response {
    let (date, report, errors, status) = match load(&state, &s, &name, &q.date).await {
        Err(r) => return s.visitor.respond(r),
        Ok(Ok((date, report))) => (date, report, Errors::default(), StatusCode::OK),
        Ok(Err((date, errors))) => {
            let title = REPORTS
                .iter()
                .find(|(n, _)| *n == name)
                .map_or("", |(_, t)| t);
            let empty = Report {
                title: title.to_owned(),
                columns: Vec::new(),
                rows: Vec::new(),
            };
            (date, empty, errors, StatusCode::UNPROCESSABLE_ENTITY)
        }
    };
    if let Err(e) = state.app.audit_report(&s.staff, &name, "page").await {
        return crate::errors::internal_page(&crate::errors::log_internal(&e));
    }
    let page = ReportPage {
        chrome: chrome(&s.visitor),
        nav: "reports",
        errors,
        name,
        date,
        report,
        staff: Some(s.staff.clone()),
    };
    s.visitor.respond((status, render(&page)))
}

/// `GET /console/reports/{name}/csv?date=YYYY-MM-DD`
async fn report_csv(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(name): Path<String>,
    Query(q): Query<ReportQuery>,
) -> Response {
    let (date, report) = match load(&state, &s, &name, &q.date).await {
        Err(r) => return r,
        Ok(Ok(found)) => found,
        Ok(Err((_, errors))) => {
            let message = errors.0.first().map(|(_, m)| m.clone()).unwrap_or_default();
            return (StatusCode::UNPROCESSABLE_ENTITY, message).into_response();
        }
    };
    if let Err(e) = state.app.audit_report(&s.staff, &name, "csv").await {
        return crate::errors::internal_page(&crate::errors::log_internal(&e));
    }
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}-{date}.csv\""),
            ),
        ],
        report.to_csv(),
    )
        .into_response()
}
