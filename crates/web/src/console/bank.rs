//! The bank reconciliation in the console: the days of a range (those that do not reconcile
//! first) and a day with each category's bank total against Servicer's, the difference, the
//! items behind both sides and staff's explanations, with a form to explain a difference.
//! Every route needs `ViewReports` (supervisors and admins); the use cases (`app::bank`)
//! check again and audit each explanation. Links are made from [`DAYS`], a declared route.

use super::{Needs, SignedInStaff, StaffVisitor};
use crate::AppState;
use crate::kit::page::{ErrorPage, render};
use crate::kit::time::local;
use crate::kit::{Chrome, Errors, PageError, PageResult, Posted, status_of};
use app::access::Capability;
use app::bank::{BankDay, BankError};
use app::staff::Staff;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use domain::reconcile::{Category, DayState};
use jiff::civil::Date;
use serde::Deserialize;

/// The list of days; a day is `{DAYS}/{date}`.
const DAYS: &str = "/console/bank";

/// The most items of one side of one category a day's page lists (a lockbox day may hold
/// thousands; the totals count every one).
const SHOWN_ITEMS: usize = 200;

/// The bank reconciliation's routes, added to the console's table.
pub(super) fn routes(t: super::Table) -> super::Table {
    let can = Needs::Capability(Capability::ViewReports);
    t.add(Method::GET, DAYS, can, days)
        .add(Method::GET, "/console/bank/{date}", can, day)
        .add(Method::POST, "/console/bank/{date}/explain", can, explain)
}

/// A day in the list.
struct DayRow {
    date: String,
    state: &'static str,
    needs_staff: bool,
    off_by: String,
    differing: String,
}

#[derive(Template)]
#[template(path = "console/bank_days.html")]
struct DaysPage {
    chrome: Chrome,
    staff: Option<Staff>,
    errors: Errors,
    from: String,
    to: String,
    rows: Vec<DayRow>,
}

/// A bank transaction as the day's page lists it.
struct BankItem {
    line: i64,
    kind: String,
    direction: &'static str,
    amount: String,
    bank_reference: String,
    customer_reference: String,
    text: String,
}

/// Something Servicer posted, as the day's page lists it.
struct OurItem {
    reference: String,
    detail: String,
    amount: String,
}

/// An explanation as the day's page shows it.
struct Said {
    who: String,
    when: String,
    difference: String,
    text: String,
}

/// One category of the day.
struct CategoryView {
    key: &'static str,
    label: &'static str,
    bank: String,
    servicer: String,
    difference: String,
    reconciled: bool,
    explained: bool,
    bank_items: Vec<BankItem>,
    bank_more: usize,
    our_items: Vec<OurItem>,
    our_more: usize,
    explanations: Vec<Said>,
}

/// A report that covers the day.
struct ReportLine {
    name: String,
    imported: String,
    by: String,
}

#[derive(Template)]
#[template(path = "console/bank_day.html")]
struct DayPage {
    chrome: Chrome,
    staff: Option<Staff>,
    errors: Errors,
    date: String,
    state: &'static str,
    needs_staff: bool,
    reports: Vec<ReportLine>,
    lines: Vec<CategoryView>,
    /// The category whose explanation form comes back with the error, and what was typed.
    error_category: &'static str,
    typed: String,
    done: &'static str,
}

/// A refusal as a page of its own: a role without the capability, a failure of ours.
fn answer(e: BankError) -> PageError {
    match e {
        BankError::Denied(d) => super::denied(d.capability).into(),
        BankError::Store(s) => PageError::internal(&s),
        other => PageError::internal(&other),
    }
}

/// The day a path names; any other text is the 404 page.
fn day_of(text: &str) -> Result<Date, PageError> {
    text.parse::<Date>()
        .map_err(|_| crate::errors::not_found_page().into())
}

/// The list's query string.
#[derive(Deserialize, Default)]
pub(super) struct DaysQuery {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

/// A date typed in the list's form (`field`, named `what` in its message), as people write it
/// (or ISO), or the default when nothing was typed.
fn typed_date(
    text: &str,
    field: &'static str,
    what: &str,
    default: Date,
    errors: &mut Errors,
) -> Option<Date> {
    let text = text.trim();
    if text.is_empty() {
        return Some(default);
    }
    super::typed_date(text, field, what, errors)
}

/// `GET /console/bank?from=D&to=D`, each `D` a date as people write it (or ISO): the days of
/// the range (default: the 31 days to the business date), those that need staff first.
pub(super) async fn days(
    State(state): State<AppState>,
    s: SignedInStaff,
    Query(q): Query<DaysQuery>,
) -> PageResult {
    let today = state.app.business_date().await?;
    let month_ago = today.saturating_sub(jiff::Span::new().days(30));
    let mut errors = Errors::default();
    // Both dates are read before either is used, so two mistyped dates are said at once.
    let from = typed_date(
        &q.from,
        "from",
        "the first day (From)",
        month_ago,
        &mut errors,
    );
    let to = typed_date(&q.to, "to", "the last day (To)", today, &mut errors);
    let mut rows = Vec::new();
    if let (Some(from), Some(to)) = (from, to) {
        match state.app.bank_days(&s.staff.actor(), from, to).await {
            Ok(days) => {
                rows = days
                    .iter()
                    .map(|d| DayRow {
                        date: d.date.to_string(),
                        state: d.state.label(),
                        needs_staff: d.state == DayState::Flagged,
                        off_by: d.off_by().usd().to_string(),
                        differing: d
                            .lines
                            .iter()
                            .filter(|l| !l.is_reconciled())
                            .map(|l| l.category.label())
                            .collect::<Vec<_>>()
                            .join("; "),
                    })
                    .collect();
            }
            Err(e @ BankError::BadRange { .. }) => errors.0.push(("from", e.to_string())),
            Err(e) => return Err(answer(e)),
        }
    }
    let page = DaysPage {
        chrome: s.visitor.chrome("bank"),
        staff: Some(s.staff.clone()),
        from: from.map_or_else(|| q.from.clone(), |d| d.to_string()),
        to: to.map_or_else(|| q.to.clone(), |d| d.to_string()),
        rows,
        errors,
    };
    let status = if page.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(s.visitor.visit.respond((status, render(&page))))
}

/// What a day's page says was just done (`?done=…` after an action).
#[derive(Deserialize, Default)]
pub(super) struct DoneQuery {
    #[serde(default)]
    done: String,
}

/// A category of `day` as the page shows it.
fn category_view(state: &AppState, l: &app::bank::DayLine) -> CategoryView {
    let zone = state.app.zone();
    CategoryView {
        key: l.line.category.as_str(),
        label: l.line.category.label(),
        bank: l.line.bank.usd().to_string(),
        servicer: l.line.servicer.usd().to_string(),
        difference: l.line.difference.usd().to_string(),
        reconciled: l.line.is_reconciled(),
        explained: l.explained,
        bank_items: l
            .bank_items
            .iter()
            .take(SHOWN_ITEMS)
            .map(|t| BankItem {
                line: t.line,
                kind: format!("{} {}", t.type_code, app::bank::type_code_name(t.type_code)),
                direction: if t.credit { "Credit" } else { "Debit" },
                amount: t.amount.usd().to_string(),
                bank_reference: t.bank_reference.clone(),
                customer_reference: t.customer_reference.clone(),
                text: t.text.clone(),
            })
            .collect(),
        bank_more: l.bank_items.len().saturating_sub(SHOWN_ITEMS),
        our_items: l
            .servicer_items
            .iter()
            .take(SHOWN_ITEMS)
            .map(|i| OurItem {
                reference: i.reference.clone(),
                detail: i.detail.clone(),
                amount: i.amount.usd().to_string(),
            })
            .collect(),
        our_more: l.servicer_items.len().saturating_sub(SHOWN_ITEMS),
        explanations: l
            .explanations
            .iter()
            .map(|e| Said {
                who: e.actor.clone(),
                when: local(zone, e.at_us),
                difference: e.difference.usd().to_string(),
                text: e.explanation.clone(),
            })
            .collect(),
    }
}

/// The page of `day`, with `errors` on the explanation form of `error_category` (what was
/// typed shown again).
fn day_page(
    state: &AppState,
    s: &SignedInStaff,
    day: &BankDay,
    errors: Errors,
    error_category: &'static str,
    typed: String,
    done: &'static str,
) -> Response {
    let zone = state.app.zone();
    let view = DayPage {
        chrome: s.visitor.chrome("bank"),
        staff: Some(s.staff.clone()),
        date: day.date.to_string(),
        state: day.state.label(),
        needs_staff: day.state == DayState::Flagged,
        reports: day
            .reports
            .iter()
            .map(|r| ReportLine {
                name: r.name.clone(),
                imported: local(zone, r.imported_at_us),
                by: r.actor.clone(),
            })
            .collect(),
        lines: day.lines.iter().map(|l| category_view(state, l)).collect(),
        error_category,
        typed,
        done,
        errors,
    };
    let status = status_of(&view.errors);
    s.visitor.visit.respond((status, render(&view)))
}

/// `GET /console/bank/{date}`
pub(super) async fn day(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(date): Path<String>,
    Query(q): Query<DoneQuery>,
) -> PageResult {
    let date = day_of(&date)?;
    let day = state
        .app
        .bank_day(&s.staff.actor(), date)
        .await
        .map_err(answer)?;
    let done = match q.done.as_str() {
        "explained" => {
            "Your explanation is recorded. It holds while the difference stays as it is."
        }
        _ => "",
    };
    Ok(day_page(
        &state,
        &s,
        &day,
        Errors::default(),
        "",
        String::new(),
        done,
    ))
}

/// The explanation form.
#[derive(Deserialize)]
pub(super) struct ExplainForm {
    #[serde(default)]
    category: String,
    #[serde(default)]
    explanation: String,
}

/// The answer to a form whose choice is not one the page offers.
fn incomplete() -> Response {
    (
        StatusCode::BAD_REQUEST,
        render(&ErrorPage::new(
            "error-form-incomplete",
            "error-form-reload-body",
            None,
        )),
    )
        .into_response()
}

/// `POST /console/bank/{date}/explain`
pub(super) async fn explain(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(date): Path<String>,
    posted: Posted<ExplainForm, StaffVisitor>,
) -> PageResult {
    let date = day_of(&date)?;
    let f = posted.form;
    let Some(category) = Category::parse(&f.category) else {
        return Ok(incomplete());
    };
    let actor = s.staff.actor();
    match state
        .app
        .explain_bank_day(&actor, date, category, &f.explanation)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("{DAYS}/{date}?done=explained")).into_response()),
        Err(e @ (BankError::Explanation(_) | BankError::NothingToExplain { .. })) => {
            let day = state.app.bank_day(&actor, date).await.map_err(answer)?;
            Ok(day_page(
                &state,
                &s,
                &day,
                Errors::one("explanation", e.to_string()),
                category.as_str(),
                f.explanation,
                "",
            ))
        }
        Err(e) => Err(answer(e)),
    }
}
