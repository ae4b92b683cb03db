//! Changing the due date in the portal (`/loans/{account_number}/due-date`): the borrower
//! chooses a day of the month (1st to 28th); the same page then shows what the change would
//! do (the next payments with their dates now and after, the effect on the interest in plain
//! words) or, when the loan's rule does not allow it, why, in a sentence; confirming posts
//! the change under the idempotency key drawn with the preview, and the page says the new
//! next due date. The preview and the change are the app's (`App::due_date_plan`,
//! `App::change_my_due_date`), read through the login, so another borrower's loan is the
//! same 404 as one that does not exist. A refused or stale confirmation goes back to the
//! preview, which says why.

use super::account::{ordinal, usd};
use super::payments::loan_of;
use super::{Chrome, Errors, Posted, SignedIn};
use crate::AppState;
use crate::kit::page::render;
use crate::kit::{PageError, PageResult, status_of};
use app::access::Actor;
use app::due_date::DueDateChange;
use app::servicing::ServicingError;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use domain::due_date::{DueDatePlan, DueDateRefusal, DueDateRule};
use money::Money;
use serde::Deserialize;
use store::LoanView;

/// How many of the next payments the preview lists.
const PREVIEW_ROWS: usize = 6;

/// `?day=` (a preview) or `?changed=1` (after the change).
#[derive(Deserialize, Default)]
pub struct DueDateQuery {
    #[serde(default)]
    day: String,
    #[serde(default)]
    changed: String,
}

/// The confirmation as posted: the day previewed and the key drawn with the preview.
#[derive(Deserialize, Default)]
pub struct DueDateForm {
    #[serde(default)]
    day: String,
    #[serde(default)]
    key: String,
}

/// One day of the select (the console's form draws the same).
pub(crate) struct DayChoice {
    /// 1 to 28.
    pub(crate) value: u8,
    /// "1st" to "28th".
    pub(crate) label: String,
    /// Chosen.
    pub(crate) selected: bool,
}

/// The days 1 to 28, `selected` chosen, in English (the console's form).
pub(crate) fn day_choices(selected: Option<u8>) -> Vec<DayChoice> {
    day_choices_in(i18n::Lang::En.tr(), selected)
}

/// The days 1 to 28, `selected` chosen, as `tr` says them ("28th", "28").
pub(crate) fn day_choices_in(tr: i18n::Tr, selected: Option<u8>) -> Vec<DayChoice> {
    (1..=28)
        .map(|d| DayChoice {
            value: d,
            label: ordinal(tr, d),
            selected: Some(d) == selected,
        })
        .collect()
}

/// One of the next payments, before and after the change.
pub(crate) struct PreviewRow {
    /// The installment's number.
    pub(crate) number: u32,
    /// Its due date now.
    pub(crate) old: String,
    /// Its due date after the change.
    pub(crate) new: String,
    /// Its amount.
    pub(crate) amount: String,
}

/// What the change would do, in words (the console's preview shows the same).
pub(crate) struct Preview {
    /// The day chosen (for the confirmation's hidden field).
    pub(crate) day: u8,
    /// The day as people say it ("28th").
    pub(crate) day_words: String,
    /// The date the change takes effect.
    pub(crate) effective: String,
    /// The next due date now.
    pub(crate) old_next_due: String,
    /// The next due date after the change.
    pub(crate) new_next_due: String,
    /// The next payments.
    pub(crate) rows: Vec<PreviewRow>,
    /// Payments after those listed.
    pub(crate) more: usize,
    /// "And 12 more payments, each on the 28th."
    pub(crate) more_words: String,
    /// "about $1.23 more interest over the life of the loan".
    pub(crate) interest: String,
}

#[derive(Template)]
#[template(path = "portal/due_date.html")]
struct DueDatePage {
    chrome: Chrome,
    errors: Errors,
    account: String,
    last4: String,
    /// The day payments are due now ("20th"), when a payment is still to come.
    current_day: Option<String>,
    next_due: Option<String>,
    /// The loan's rule lets the borrower change the due date here.
    may_change: bool,
    once_in_months: u16,
    window_days: u16,
    notice_days: u16,
    days: Vec<DayChoice>,
    autopay: bool,
    preview: Option<Preview>,
    /// The idempotency key of the confirmation.
    key: String,
}

/// A day of the month as the form sends it: 1 to 28 in plain digits.
pub(crate) fn parse_day(text: &str) -> Option<u8> {
    text.trim()
        .parse::<u8>()
        .ok()
        .filter(|d| (1..=28).contains(d))
}

/// The day of a loan's next due date.
pub(crate) fn current_day(view: &LoanView) -> Option<u8> {
    view.snapshot
        .next_due_date
        .and_then(|d| u8::try_from(d.day()).ok())
}

/// A refusal or failure of the app that is not about the day chosen, as a page answers it.
fn page_error(e: ServicingError) -> PageError {
    match e {
        ServicingError::NotFound => crate::errors::not_found_page().into(),
        ServicingError::Store(s) => s.into(),
        other => PageError::internal(&other),
    }
}

/// The page of loan `view`: the form with `chosen` selected, and the plan's `preview` (or
/// the refusal in `errors`).
async fn page(
    state: &AppState,
    who: &SignedIn,
    view: &LoanView,
    chosen: Option<u8>,
    preview: Option<&DueDatePlan>,
    errors: Errors,
) -> PageResult {
    let record = state.app.loan_record(view.loan).await?;
    let rule: DueDateRule = app::due_date::due_date_rule(&record);
    let today = state.app.business_date().await?;
    let current = current_day(view);
    let selected = chosen.or(current);
    let autopay = state
        .app
        .autopay_of(who.login, view.account_number)
        .await?
        .is_some();
    let preview = match preview {
        Some(plan) => {
            // The dates now, as the loan's amendments have them, by installment.
            let now = state
                .app
                .amended_terms(view.loan, &record.terms, today)
                .await?;
            Some(preview_in(who.visitor.lang.tr(), plan, &now.installments))
        }
        None => None,
    };
    let status = status_of(&errors);
    let tr = who.visitor.lang.tr();
    let p = DueDatePage {
        chrome: who.chrome(state, "dashboard").await,
        errors,
        account: view.account_number.to_string(),
        last4: view.account_number.last4(),
        current_day: current.map(|d| ordinal(tr, d)),
        next_due: view.snapshot.next_due_date.map(|d| tr.date(d)),
        may_change: rule.allowed && rule.borrower_may,
        once_in_months: rule.once_in_months,
        window_days: rule.window_days,
        notice_days: rule.min_notice_days,
        days: day_choices_in(tr, selected),
        autopay,
        preview,
        key: app::identity::random_token()[..32].to_owned(),
    };
    Ok((status, render(&p)).into_response())
}

/// The plan in words, in English (the console's preview).
pub(crate) fn preview_of(plan: &DueDatePlan, now: &[domain::loan::Installment]) -> Preview {
    preview_in(i18n::Lang::En.tr(), plan, now)
}

/// The plan in the words of `tr`: the next payments with their dates now (from `now`, the
/// schedule as it stands) and after.
pub(crate) fn preview_in(
    tr: i18n::Tr,
    plan: &DueDatePlan,
    now: &[domain::loan::Installment],
) -> Preview {
    let rows: Vec<PreviewRow> = plan
        .schedule
        .iter()
        .take(PREVIEW_ROWS)
        .map(|i| PreviewRow {
            number: i.number,
            old: now
                .iter()
                .find(|o| o.number == i.number)
                .map_or_else(String::new, |o| tr.date(o.due_date)),
            new: tr.date(i.due_date),
            amount: usd(i.amount),
        })
        .collect();
    let more = plan.schedule.len().saturating_sub(rows.len());
    let day_words = ordinal(tr, plan.day);
    Preview {
        day: plan.day,
        more_words: tr.count(
            "due-more",
            i64::try_from(more).unwrap_or(i64::MAX),
            &[("day", &day_words)],
        ),
        day_words,
        effective: tr.date(plan.effective),
        old_next_due: tr.date(plan.old_next_due),
        new_next_due: tr.date(plan.new_next_due),
        more,
        rows,
        interest: interest_words(tr, plan.interest_change),
    }
}

/// The effect of a change on the interest over the life of the loan, in plain words, from
/// the plan's projected `change` (positive: the borrower pays more), as
/// `app::due_date::interest_words` says it in English.
fn interest_words(tr: i18n::Tr, change: Money) -> String {
    if change.is_positive() {
        tr.t1("due-interest-more", "amount", usd(change))
    } else if change.is_negative() {
        tr.t1("due-interest-less", "amount", usd(change.abs()))
    } else {
        tr.t("due-interest-same")
    }
}

/// Why the loan's rule refuses the change, in the reader's words (every refusal has its
/// message: a new one cannot ship without words).
fn refusal_words(tr: i18n::Tr, r: &DueDateRefusal) -> String {
    match r {
        DueDateRefusal::NotAllowed => tr.t("due-refused-not-allowed"),
        DueDateRefusal::BorrowerMayNot => tr.t("due-refused-borrower-may-not"),
        DueDateRefusal::BadDay => tr.t("due-refused-bad-day"),
        DueDateRefusal::PastDue => tr.t("due-refused-past-due"),
        DueDateRefusal::SameDay => tr.t("due-refused-same-day"),
        DueDateRefusal::NothingLeft => tr.t("due-refused-nothing-left"),
        DueDateRefusal::TooSoon { next_allowed } => {
            tr.t1("due-refused-too-soon", "date", tr.date(*next_allowed))
        }
        DueDateRefusal::OutsideWindow { window_days } => {
            tr.t1("due-refused-outside-window", "days", window_days)
        }
        DueDateRefusal::TooClose { earliest } => {
            tr.t1("due-refused-too-close", "date", tr.date(*earliest))
        }
    }
}

/// `GET /loans/{account_number}/due-date`: the form; `?day=N` with what moving to day N
/// would do (or why it may not); `?changed=1` after the change.
pub async fn due_date(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
    Query(q): Query<DueDateQuery>,
) -> PageResult {
    let view = loan_of(&state, &who, &account).await?;
    if !q.changed.is_empty() {
        return changed(&state, &who, &view).await;
    }
    if q.day.trim().is_empty() {
        return page(&state, &who, &view, None, None, Errors::default()).await;
    }
    let tr = who.visitor.lang.tr();
    let Some(day) = parse_day(&q.day) else {
        let errors = Errors::one("day", tr.t("due-choose-day"));
        return page(&state, &who, &view, None, None, errors).await;
    };
    match state
        .app
        .due_date_plan(&Actor::Borrower(who.login), view.account_number, day)
        .await
    {
        Ok(plan) => {
            page(
                &state,
                &who,
                &view,
                Some(day),
                Some(&plan),
                Errors::default(),
            )
            .await
        }
        Err(ServicingError::DueDate(refusal)) => {
            let errors = Errors::one("day", refusal_words(tr, &refusal));
            page(&state, &who, &view, Some(day), None, errors).await
        }
        Err(e) => Err(page_error(e)),
    }
}

/// `POST /loans/{account_number}/due-date`: the change, under the preview's key; on to the
/// page that says the new next due date. Refused (the rule, a key used for another day), or
/// a form without a day: back to the preview, which says why.
pub async fn change(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
    posted: Posted<DueDateForm>,
) -> PageResult {
    let view = loan_of(&state, &who, &account).await?;
    let f = posted.form;
    let here = format!("/loans/{}/due-date", view.account_number);
    let Some(day) = parse_day(&f.day) else {
        return Ok(Redirect::to(&here).into_response());
    };
    let req = DueDateChange {
        account: view.account_number,
        day,
        note: String::new(),
    };
    match state.app.change_my_due_date(who.login, &f.key, &req).await {
        Ok(_) => Ok(Redirect::to(&format!("{here}?changed=1")).into_response()),
        Err(e @ (ServicingError::NotFound | ServicingError::Store(_))) => Err(page_error(e)),
        Err(_) => Ok(Redirect::to(&format!("{here}?day={day}")).into_response()),
    }
}

/// The page after the change: the new day, the next due date, AutoPay's next draft.
async fn changed(state: &AppState, who: &SignedIn, view: &LoanView) -> PageResult {
    // Read afresh: the change was just made, perhaps through another instance.
    let fresh = state
        .app
        .loan_view(view.account_number, true)
        .await?
        .ok_or_else(|| PageError::from(crate::errors::not_found_page()))?;
    let tr = who.visitor.lang.tr();
    let mut paragraphs = Vec::new();
    if let Some(day) = current_day(&fresh) {
        paragraphs.push(tr.t2(
            "due-changed-day",
            "last4",
            fresh.account_number.last4(),
            "day",
            ordinal(tr, day),
        ));
    }
    if let Some(next) = fresh.snapshot.next_due_date {
        paragraphs.push(tr.t1("due-changed-next", "date", tr.date(next)));
    }
    if let Some(a) = state
        .app
        .autopay_of(who.login, fresh.account_number)
        .await?
        && let Some(draft) = state.app.next_autopay_draft(&a).await?
    {
        paragraphs.push(tr.t1("due-changed-autopay", "date", tr.date(draft)));
    }
    paragraphs.push(tr.t("due-changed-sent"));
    let words: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
    let back = format!("/loans/{}", fresh.account_number);
    let back_words = tr.t("due-back-to-loan");
    Ok(super::auth::notice(
        who.chrome(state, "dashboard").await,
        tr.t("due-changed-heading"),
        &words,
        &[(back.as_str(), back_words.as_str())],
    ))
}
