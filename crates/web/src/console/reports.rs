//! The console's home and the operators' reports, as pages and CSV downloads. Each view is
//! audited; the report use case checks the capability again.

use super::SignedInStaff;
use crate::AppState;
use crate::kit::page::render;
use crate::kit::{Chrome, Errors, PageError, PageResult};
use app::cob::reports::{REPORTS, Report, ReportError};
use app::staff::Staff;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "console/home.html")]
struct HomePage {
    chrome: Chrome,
    staff: Option<Staff>,
    business_date: String,
}

#[derive(Template)]
#[template(path = "console/reports.html")]
struct ReportsPage {
    chrome: Chrome,
    staff: Option<Staff>,
    business_date: String,
    reports: &'static [(&'static str, &'static str)],
}

#[derive(Template)]
#[template(path = "console/report.html")]
struct ReportPage {
    chrome: Chrome,
    staff: Option<Staff>,
    errors: Errors,
    name: String,
    date: String,
    report: Report,
}

/// `GET /console`: where every staff user starts: find a borrower, and what their role
/// reaches from here (the menu shows the same).
pub(super) async fn home(State(state): State<AppState>, s: SignedInStaff) -> PageResult {
    let page = HomePage {
        chrome: s.visitor.chrome("home"),
        business_date: state.app.business_date().await?.to_string(),
        staff: Some(s.staff),
    };
    Ok(s.visitor.visit.respond(render(&page)))
}

/// `GET /console/reports`: the operators' reports.
pub(super) async fn list(State(state): State<AppState>, s: SignedInStaff) -> PageResult {
    let page = ReportsPage {
        chrome: s.visitor.chrome("reports"),
        business_date: state.app.business_date().await?.to_string(),
        reports: REPORTS,
        staff: Some(s.staff),
    };
    Ok(s.visitor.visit.respond(render(&page)))
}

/// The report's query string.
#[derive(Deserialize)]
pub(super) struct ReportQuery {
    #[serde(default)]
    date: String,
}

/// A report as of the date shown, or the date as typed with what is wrong with it.
type Loaded = Result<(String, Report), (String, Errors)>;

/// The report `name` as of the date asked for, or why not.
async fn load(
    state: &AppState,
    s: &SignedInStaff,
    name: &str,
    date: &str,
) -> Result<Loaded, PageError> {
    if !REPORTS.iter().any(|(n, _)| *n == name) {
        return Err(crate::errors::not_found_page().into());
    }
    let date = date.trim();
    let parsed = if date.is_empty() {
        None
    } else {
        let mut errors = Errors::default();
        match super::typed_date(date, "date", "the as-of date", &mut errors) {
            Some(d) => Some(d),
            None => return Ok(Err((date.to_owned(), errors))),
        }
    };
    let report = match state.app.report(&s.staff.actor(), name, parsed).await {
        Ok(r) => r,
        Err(ReportError::Unknown(_)) => return Err(crate::errors::not_found_page().into()),
        Err(e @ ReportError::NoAging(_)) => {
            return Ok(Err((date.to_owned(), Errors::one("date", e.to_string()))));
        }
        Err(ReportError::Denied(d)) => return Err(super::denied(d.capability).into()),
        Err(ReportError::Store(e)) => return Err(e.into()),
    };
    let shown = match parsed {
        Some(d) => d,
        None => state.app.business_date().await?,
    };
    Ok(Ok((shown.to_string(), report)))
}

/// `GET /console/reports/{name}?date=D`, `D` a date as people write it (or ISO)
pub(super) async fn page(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(name): Path<String>,
    Query(q): Query<ReportQuery>,
) -> PageResult {
    let (date, report, errors, status) = match load(&state, &s, &name, &q.date).await? {
        Ok((date, report)) => (date, report, Errors::default(), StatusCode::OK),
        Err((date, errors)) => {
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
    state
        .app
        .audit_report(&s.staff.actor(), &name, "page")
        .await?;
    let page = ReportPage {
        chrome: s.visitor.chrome("reports"),
        errors,
        name,
        date,
        report,
        staff: Some(s.staff.clone()),
    };
    Ok(s.visitor.visit.respond((status, render(&page))))
}

/// `GET /console/reports/{name}/csv?date=D`
pub(super) async fn csv(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(name): Path<String>,
    Query(q): Query<ReportQuery>,
) -> PageResult {
    let (date, report) = match load(&state, &s, &name, &q.date).await? {
        Ok(found) => found,
        Err((_, errors)) => {
            let message = errors.0.first().map(|(_, m)| m.clone()).unwrap_or_default();
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, message).into_response());
        }
    };
    state
        .app
        .audit_report(&s.staff.actor(), &name, "csv")
        .await?;
    Ok(csv_download(&format!("{name}-{date}.csv"), report.to_csv()))
}

/// A CSV file to save as `filename`.
fn csv_download(filename: &str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        body,
    )
        .into_response()
}
