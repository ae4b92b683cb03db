//! Changing the due date of one of the borrower's loans (issue 20, item 3), as the portal's
//! `/loans/{account_number}/due-date` does: `GET` says whether the borrower may change it now
//! (and why not, when not), the window the next payment may move within and the days of the
//! month to choose from, and with `?day=N` what moving to day N would do (the next payments'
//! due dates now and after, the effect on the interest); `POST` makes the change, idempotent
//! under the `Idempotency-Key` header. The status, the preview and the change are the app's
//! (`App::due_date_window`, `App::due_date_plan`, `App::change_my_due_date`), read through
//! the session's login, so another borrower's loan is the same 404 as one that does not
//! exist; a refusal is the portal's sentence, with `field` naming what it is about.

use super::Me;
use crate::AppState;
use crate::api::staff::loan_change_key;
use crate::errors::{ApiError, ErrorBody, JsonBody, QueryParams};
use crate::portal::due_date::{current_day, parse_day};
use app::access::Actor;
use app::due_date::{DueDateChange, DueDateChanged, interest_words};
use app::servicing::ServicingError;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::account_number::AccountNumber;
use domain::due_date::{DueDatePlan, DueDateRefusal, DueDateWindow};
use serde::{Deserialize, Serialize};
use store::LoanView;
use utoipa::ToSchema;

/// Whether the borrower may change a loan's due date now, within what, and (asked for a day)
/// what the change would do.
#[derive(Serialize, ToSchema)]
pub struct DueDateJson {
    /// The day of the month the loan's payments are due on now (its next payment's), when a
    /// payment is still to come.
    #[schema(minimum = 1, maximum = 31)]
    pub current_day: Option<u8>,
    /// The next payment's due date.
    #[schema(format = Date)]
    pub next_due_date: Option<String>,
    /// The borrower may change the due date now (to one of `window.days`).
    pub may_change: bool,
    /// Why not, in a sentence, when they may not (a payment past due, changed within the last
    /// `once_in_months` months, a loan whose due date only staff may change, …).
    pub reason: Option<String>,
    /// The loan's rule: at most one change in this many months.
    pub once_in_months: u16,
    /// The loan's rule: the next payment may move by at most this many days, earlier or later.
    pub window_days: u16,
    /// The loan's rule: its new date is at least this many days from today.
    pub notice_days: u16,
    /// When the borrower may change it: the dates the next payment may move to and the days of
    /// the month to choose from.
    pub window: Option<DueDateWindowJson>,
    /// With `?day=N`: what moving the due date to day N would do.
    pub preview: Option<DueDatePreviewJson>,
}

/// The dates the next payment may move to, and the days that put it there.
#[derive(Serialize, ToSchema)]
pub struct DueDateWindowJson {
    /// The earliest date the next payment may move to.
    #[schema(format = Date)]
    pub earliest: String,
    /// The latest date it may move to.
    #[schema(format = Date)]
    pub latest: String,
    /// The days of the month (1 to 28) a change may be to now, in order.
    pub days: Vec<u8>,
}

/// What moving the due date to a day would do, as the portal shows it before confirming.
#[derive(Serialize, ToSchema)]
pub struct DueDatePreviewJson {
    /// The day asked for.
    #[schema(minimum = 1, maximum = 28)]
    pub day: u8,
    /// The date the change would take effect (today).
    #[schema(format = Date)]
    pub effective: String,
    /// The next payment's due date now.
    #[schema(format = Date)]
    pub old_next_due: String,
    /// Its due date after the change.
    #[schema(format = Date)]
    pub new_next_due: String,
    /// The projected interest over the life of the loan with the change minus without it, if
    /// every payment is made on its due date (positive: more interest).
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub interest_change: String,
    /// The same in words: "about $1.23 more interest over the life of the loan".
    pub interest: String,
    /// The payments from the next one owed on, with their due dates now and after.
    pub schedule: Vec<DueDateRowJson>,
}

/// One payment of the preview.
#[derive(Serialize, ToSchema)]
pub struct DueDateRowJson {
    /// The installment's number.
    pub number: u32,
    /// Its due date now.
    #[schema(format = Date)]
    pub due_date_now: Option<String>,
    /// Its due date after the change.
    #[schema(format = Date)]
    pub due_date: String,
    /// Its amount.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub amount: String,
}

/// A change of the due date.
#[derive(Deserialize, ToSchema)]
pub struct MyDueDateBody {
    /// The new day of the month, 1 to 28 (every month has one): one of the status's
    /// `window.days`.
    #[schema(minimum = 1, maximum = 28)]
    pub day: u8,
}

/// The change made.
#[derive(Serialize, ToSchema)]
pub struct DueDateChangedJson {
    /// The change's reference (in the confirmation the borrower is sent).
    pub reference: String,
    /// The new day of the month.
    pub day: u8,
    /// The loan's next due date now.
    #[schema(format = Date)]
    pub next_due_date: Option<String>,
    /// With AutoPay on, its next draft now (on the new dates).
    #[schema(format = Date)]
    pub autopay_draft: Option<String>,
}

/// `?day=N`, read as text so a malformed value is answered naming it.
#[derive(Deserialize)]
pub struct DayQuery {
    #[serde(default)]
    day: Option<String>,
}

/// 404 for a loan that is not the borrower's, worded as the other loan routes word it.
fn not_found() -> ApiError {
    ApiError::not_found("no such loan among yours")
}

/// One of the borrower's loans, from the path: an account number that is not valid is
/// answered as one that is not theirs.
async fn my_loan(state: &AppState, me: &Me, account: &str) -> Result<LoanView, ApiError> {
    let account: AccountNumber = account.parse().map_err(|_| not_found())?;
    state
        .app
        .store()
        .loan_view_of_login(me.login, account)
        .await?
        .ok_or_else(not_found)
}

/// A refusal or failure of the app as the API answers it: a refusal of the change names the
/// day (or the key) it is about.
fn servicing_error(e: ServicingError) -> ApiError {
    match e {
        ServicingError::NotFound => not_found(),
        ServicingError::Store(s) => ApiError::internal(&s),
        e @ ServicingError::BadKey => ApiError::field("Idempotency-Key", e.to_string()),
        e @ ServicingError::KeyReused => ApiError::new(
            StatusCode::CONFLICT,
            "idempotency_key_reused",
            e.to_string(),
        ),
        ServicingError::DueDate(refusal) => ApiError::field("day", refusal.to_string()),
        other => ApiError::bad_request(other.to_string()),
    }
}

/// `GET /api/v1/me/loans/{account_number}/due-date`
#[utoipa::path(
    get,
    path = "/api/v1/me/loans/{account_number}/due-date",
    operation_id = "my_due_date",
    params(
        ("account_number" = String, Path, description = "The 16-digit account number (one that is not valid is answered as one that is not yours)", pattern = r"^[0-9]{16}$"),
        ("day" = Option<u8>, Query, description = "A day of the month, 1 to 28: adds the preview of moving the due date there", minimum = 1, maximum = 28)
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Whether the due date may be changed now (and why not, when not), the window and the days to choose from; with `day`, the preview", body = DueDateJson),
        (status = 400, description = "`day` is not a day from 1 to 28, or the loan's rule refuses a change to it now (`field` is `day`; the message says why: once in 12 months, within the window of days, not while past due, not the day it is already on)", body = ErrorBody),
        (status = 404, description = "Not one of this borrower's loans", body = ErrorBody),
    )
)]
pub async fn due_date(
    State(state): State<AppState>,
    me: Me,
    Path(account): Path<String>,
    QueryParams(q): QueryParams<DayQuery>,
) -> Result<Json<DueDateJson>, ApiError> {
    let view = my_loan(&state, &me, &account).await?;
    let day = q
        .day
        .as_deref()
        .map(|text| {
            parse_day(text)
                .ok_or_else(|| ApiError::field("day", DueDateRefusal::BadDay.to_string()))
        })
        .transpose()?;
    let who = Actor::Borrower(me.login);
    let (window, reason) = match state.app.due_date_window(&who, view.account_number).await {
        Ok(w) => (Some(w), None),
        Err(ServicingError::DueDate(refusal)) => (None, Some(refusal.to_string())),
        Err(e) => return Err(servicing_error(e)),
    };
    let preview = match day {
        Some(day) => {
            let plan = state
                .app
                .due_date_plan(&who, view.account_number, day)
                .await
                .map_err(servicing_error)?;
            Some(preview_json(&state, &view, &plan).await?)
        }
        None => None,
    };
    let record = state.app.loan_record(view.loan).await?;
    let rule = app::due_date::due_date_rule(&record);
    Ok(Json(DueDateJson {
        current_day: current_day(&view),
        next_due_date: view.snapshot.next_due_date.map(|d| d.to_string()),
        may_change: window.is_some(),
        reason,
        once_in_months: rule.once_in_months,
        window_days: rule.window_days,
        notice_days: rule.min_notice_days,
        window: window.as_ref().map(window_json),
        preview,
    }))
}

fn window_json(w: &DueDateWindow) -> DueDateWindowJson {
    DueDateWindowJson {
        earliest: w.earliest.to_string(),
        latest: w.latest.to_string(),
        days: w.days.clone(),
    }
}

/// The plan as the API shows it: the payments with their due dates now (as the loan's
/// amendments have them today) and after.
async fn preview_json(
    state: &AppState,
    view: &LoanView,
    plan: &DueDatePlan,
) -> Result<DueDatePreviewJson, ApiError> {
    let record = state.app.loan_record(view.loan).await?;
    let today = state.app.business_date().await?;
    let now = state
        .app
        .amended_terms(view.loan, &record.terms, today)
        .await?;
    Ok(DueDatePreviewJson {
        day: plan.day,
        effective: plan.effective.to_string(),
        old_next_due: plan.old_next_due.to_string(),
        new_next_due: plan.new_next_due.to_string(),
        interest_change: plan.interest_change.to_string(),
        interest: interest_words(plan.interest_change),
        schedule: plan
            .schedule
            .iter()
            .map(|i| DueDateRowJson {
                number: i.number,
                due_date_now: now
                    .installments
                    .iter()
                    .find(|o| o.number == i.number)
                    .map(|o| o.due_date.to_string()),
                due_date: i.due_date.to_string(),
                amount: i.amount.to_string(),
            })
            .collect(),
    })
}

/// `POST /api/v1/me/loans/{account_number}/due-date`
#[utoipa::path(
    post,
    path = "/api/v1/me/loans/{account_number}/due-date",
    operation_id = "change_my_due_date",
    request_body = MyDueDateBody,
    params(
        ("account_number" = String, Path, description = "The 16-digit account number (one that is not valid is answered as one that is not yours)", pattern = r"^[0-9]{16}$"),
        ("Idempotency-Key" = String, Header, description = "Unique per change: 8 to 128 visible ASCII characters. The same key and body again answers as the first request did (`Idempotent-Replayed: true`)", pattern = r"^[!-~]{8,128}$", min_length = 8, max_length = 128)
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Changed: the payments still to come fall due on the new day from today, and the borrower is sent a confirmation; or a replay of the same request (`Idempotent-Replayed: true`)", body = DueDateChangedJson),
        (status = 400, description = "No or a malformed `Idempotency-Key`, a body that is not a change of due date, or a change the loan's rule refuses now (`field` is `day`; the message says why: once in 12 months, within the window of days, not while past due, not the day it is already on); nothing changed", body = ErrorBody),
        (status = 404, description = "Not one of this borrower's loans", body = ErrorBody),
        (status = 409, description = "`idempotency_key_reused`: the key was used for another request", body = ErrorBody),
    )
)]
pub async fn change_due_date(
    State(state): State<AppState>,
    me: Me,
    Path(account): Path<String>,
    headers: HeaderMap,
    JsonBody(b): JsonBody<MyDueDateBody>,
) -> Result<Response, ApiError> {
    let key = loan_change_key(&headers)?;
    let view = my_loan(&state, &me, &account).await?;
    let req = DueDateChange {
        account: view.account_number,
        day: b.day,
        note: String::new(),
    };
    let changed = state
        .app
        .change_my_due_date(me.login, &key, &req)
        .await
        .map_err(servicing_error)?;
    Ok(changed_response(&changed))
}

/// The change as answered: 200 either way, marked `Idempotent-Replayed: true` when it is the
/// answer to a request made before under the same key.
fn changed_response(c: &DueDateChanged) -> Response {
    let mut r = Json(DueDateChangedJson {
        reference: c.reference.clone(),
        day: c.day,
        next_due_date: c.next_due.map(|d| d.to_string()),
        autopay_draft: c.autopay_draft.map(|d| d.to_string()),
    })
    .into_response();
    if c.replayed {
        r.headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    r
}
