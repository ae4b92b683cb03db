//! Changing a loan's due date in the console: [`section`] draws the form of the loan's
//! actions page (a day to preview); `GET /console/loans/{account}/due-date?day=N` shows what
//! the change would do (the portal's preview: the next payments with their dates now and
//! after, the effect on the interest) or why the loan's rule refuses it; its form posts to
//! `POST /console/loans/{account}/due-date`, which submits the change through four eyes
//! (`App::submit` with `Action::ChangeDueDate`): done at once when the maker may, else a
//! request waiting for a second person's approval. The page says which.

use super::{SignedInStaff, StaffVisitor};
use crate::AppState;
use crate::kit::page::render;
use crate::kit::{Chrome, Errors, PageError, PageResult, Posted, status_of};
use crate::portal::account::long_date;
use crate::portal::due_date::{
    DayChoice, Preview, current_day, day_choices, parse_day, preview_of,
};
use app::access::{Actor, Capability};
use app::approvals::{Action, ApprovalError, Submitted};
use app::due_date::{DueDateChange, ordinal};
use app::servicing::ServicingError;
use app::staff::Staff;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::Method;
use domain::account_number::AccountNumber;
use domain::due_date::DueDatePlan;
use serde::Deserialize;

/// The page of a loan's due date (the links are made from it).
const DUE_DATE: &str = "/console/loans/{account}/due-date";

/// The routes: the preview for anyone who may see accounts; the change for anyone who may
/// ask for an action (a second person approves it when the maker may not do it alone).
pub(super) fn routes(t: super::Table) -> super::Table {
    use super::Needs::Capability as Can;
    t.add(Method::GET, DUE_DATE, Can(Capability::ViewAccount), page)
        .add(
            Method::POST,
            DUE_DATE,
            Can(Capability::RequestAction),
            change,
        )
}

#[derive(Template)]
#[template(path = "console/due_date_section.html")]
struct Section {
    account: String,
    days: Vec<DayChoice>,
}

/// The due-date form of loan `account`'s actions page: a day of the month (the current one,
/// `current`, chosen first) and a button to preview the change on its own page.
pub fn section(account: AccountNumber, current: Option<u8>) -> Result<String, PageError> {
    Section {
        account: account.to_string(),
        days: day_choices(current),
    }
    .render()
    .map_err(|e| PageError::internal(&e))
}

#[derive(Template)]
#[template(path = "console/due_date.html")]
struct DueDatePage {
    chrome: Chrome,
    staff: Option<Staff>,
    errors: Errors,
    account: String,
    last4: String,
    /// The day payments are due now ("20th").
    current_day: Option<String>,
    next_due: Option<String>,
    days: Vec<DayChoice>,
    preview: Option<Preview>,
    /// The confirmation's idempotency key.
    key: String,
    /// The note as typed.
    note: String,
    /// What submitting did, in a sentence.
    outcome: Option<String>,
}

/// `?day=N`: the day to preview.
#[derive(Deserialize, Default)]
pub(super) struct PreviewQuery {
    #[serde(default)]
    day: String,
}

/// The confirmation: the day previewed, the note, the key drawn with the preview.
#[derive(Deserialize, Default)]
pub(super) struct ChangeForm {
    #[serde(default)]
    day: String,
    #[serde(default)]
    note: String,
    #[serde(default)]
    key: String,
}

/// The loan of a path; any other text is the 404 page.
fn account_of(text: &str) -> Result<AccountNumber, PageError> {
    text.parse::<AccountNumber>()
        .map_err(|_| crate::errors::not_found_page().into())
}

/// A refusal or failure of the app that is not about the day chosen, as a page answers it.
fn page_error(e: ServicingError) -> PageError {
    match e {
        ServicingError::NotFound => crate::errors::not_found_page().into(),
        ServicingError::Denied(d) => super::denied(d.capability).into(),
        ServicingError::Store(s) => s.into(),
        other => PageError::internal(&other),
    }
}

/// What the page shows besides the loan: the day chosen, the plan, the note, what was done.
#[derive(Default)]
struct Shown<'a> {
    chosen: Option<u8>,
    plan: Option<&'a DueDatePlan>,
    note: String,
    outcome: Option<String>,
    errors: Errors,
}

/// The page of loan `account` for staff member `s`.
async fn shown(
    state: &AppState,
    s: &SignedInStaff,
    account: AccountNumber,
    what: Shown<'_>,
) -> PageResult {
    let (loan, _) = state
        .app
        .loan_of_account(account)
        .await?
        .ok_or_else(|| PageError::from(crate::errors::not_found_page()))?;
    let view = state
        .app
        .loan_view(account, what.outcome.is_some())
        .await?
        .ok_or_else(|| PageError::from(crate::errors::not_found_page()))?;
    let current = current_day(&view);
    let preview = match what.plan {
        Some(plan) => {
            let record = state.app.loan_record(loan).await?;
            let today = state.app.business_date().await?;
            let now = state.app.amended_terms(loan, &record.terms, today).await?;
            Some(preview_of(plan, &now.installments))
        }
        None => None,
    };
    let status = status_of(&what.errors);
    let page = DueDatePage {
        chrome: s.visitor.chrome(""),
        staff: Some(s.staff.clone()),
        errors: what.errors,
        account: account.to_string(),
        last4: account.last4(),
        current_day: current.map(ordinal),
        next_due: view.snapshot.next_due_date.map(long_date),
        days: day_choices(what.chosen.or(current)),
        preview,
        key: app::identity::random_token()[..32].to_owned(),
        note: what.note,
        outcome: what.outcome,
    };
    Ok(s.visitor.visit.respond((status, render(&page))))
}

/// `GET /console/loans/{account}/due-date`: the form; with `?day=N`, what moving the loan's
/// due date to day N would do, or why its rule refuses it.
pub(super) async fn page(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(account): Path<String>,
    Query(q): Query<PreviewQuery>,
) -> PageResult {
    let account = account_of(&account)?;
    if q.day.trim().is_empty() {
        return shown(&state, &s, account, Shown::default()).await;
    }
    let Some(day) = parse_day(&q.day) else {
        let errors = Errors::one("day", "Choose a day from the 1st to the 28th");
        return shown(
            &state,
            &s,
            account,
            Shown {
                errors,
                ..Shown::default()
            },
        )
        .await;
    };
    let actor: Actor = s.staff.actor();
    match state.app.due_date_plan(&actor, account, day).await {
        Ok(plan) => {
            let what = Shown {
                chosen: Some(day),
                plan: Some(&plan),
                ..Shown::default()
            };
            shown(&state, &s, account, what).await
        }
        Err(ServicingError::DueDate(refusal)) => {
            let what = Shown {
                chosen: Some(day),
                errors: Errors::one("day", refusal.to_string()),
                ..Shown::default()
            };
            shown(&state, &s, account, what).await
        }
        Err(e) => Err(page_error(e)),
    }
}

/// `POST /console/loans/{account}/due-date`: the change submitted through four eyes; the
/// page then says whether it was made or waits for approval. A refusal is shown beside the
/// day (or the note), with the preview as it stands now. A note too long is said beside it
/// before anything is submitted; if the day is refused now too, the day's refusal is said
/// instead (the page has no preview then, nor the note's box).
pub(super) async fn change(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(account): Path<String>,
    posted: Posted<ChangeForm, StaffVisitor>,
) -> PageResult {
    let account = account_of(&account)?;
    let f = posted.form;
    let Some(day) = parse_day(&f.day) else {
        // The day is the preview's, sent back hidden: one that does not read draws the page
        // without a preview (nor its note box) to choose a day again.
        let what = Shown {
            errors: Errors::one("day", "Choose a day from the 1st to the 28th"),
            note: f.note,
            ..Shown::default()
        };
        return shown(&state, &s, account, what).await;
    };
    if f.note.trim().chars().count() > app::servicing::MAX_NOTE {
        // Nothing is submitted. The day's rule is read from the preview (which changes
        // nothing): a day it refuses is said, as the page has no preview then, nor the note's
        // box; else the note's problem is said beside its box, under the preview.
        let planned = state
            .app
            .due_date_plan(&s.staff.actor(), account, day)
            .await;
        let (plan, errors) = match planned {
            Ok(plan) => (
                Some(plan),
                Errors::one(
                    "note",
                    format!("Keep the note to {} characters", app::servicing::MAX_NOTE),
                ),
            ),
            Err(ServicingError::DueDate(refusal)) => {
                (None, Errors::one("day", refusal.to_string()))
            }
            Err(e) => return Err(page_error(e)),
        };
        let what = Shown {
            chosen: Some(day),
            plan: plan.as_ref(),
            errors,
            note: f.note,
            ..Shown::default()
        };
        return shown(&state, &s, account, what).await;
    }
    let req = DueDateChange {
        account,
        day,
        note: f.note.trim().to_owned(),
    };
    let outcome = match state
        .app
        .submit(&s.staff.actor(), &f.key, Action::ChangeDueDate(req))
        .await
    {
        Ok(Submitted::Done { reference, summary }) => {
            format!("Done ({reference}): {summary}.")
        }
        Ok(Submitted::Awaiting { request }) => format!(
            "Sent for approval as request {}: the change is made when a second person with the capability approves it in the approvals inbox.",
            request.0
        ),
        Err(ApprovalError::Denied(d) | ApprovalError::Action(ServicingError::Denied(d))) => {
            return Err(super::denied(d.capability).into());
        }
        Err(ApprovalError::Store(e) | ApprovalError::Action(ServicingError::Store(e))) => {
            return Err(e.into());
        }
        Err(ApprovalError::Action(ServicingError::NotFound)) => {
            return Err(crate::errors::not_found_page().into());
        }
        Err(e) => {
            // Refused: said beside the field it is about, in the refusal's own words, with
            // the preview as it stands now when the loan's rule still allows the change.
            let field = match &e {
                ApprovalError::Action(ServicingError::NoteTooLong) => "note",
                _ => "day",
            };
            let plan = state
                .app
                .due_date_plan(&s.staff.actor(), account, day)
                .await
                .ok();
            let what = Shown {
                chosen: Some(day),
                plan: plan.as_ref(),
                errors: Errors::one(field, e.to_string()),
                note: f.note,
                ..Shown::default()
            };
            return shown(&state, &s, account, what).await;
        }
    };
    let what = Shown {
        chosen: Some(day),
        outcome: Some(outcome),
        ..Shown::default()
    };
    shown(&state, &s, account, what).await
}
