//! Changing a loan's due date through the API (`POST /api/v1/loans/{account_number}/due-date`,
//! the `service` scope), idempotent under the `Idempotency-Key` header: the request goes
//! through four eyes as the console's does (`App::submit` with `Action::ChangeDueDate`), so
//! the answer is either the change made (200, with its reference) or a request waiting for
//! a second person's approval (202, with its id). The rule of the loan (once in 12 months,
//! within a window of days, not while past due) is the app's; a refusal names it.

use crate::AppState;
use crate::api::access::{ApiTable, Client};
use crate::api::staff::approvals::{SubmittedJson, approval_error, submitted};
use crate::errors::{ApiError, ErrorBody, JsonBody};
use app::api_clients::Scope;
use app::approvals::Action;
use app::due_date::DueDateChange;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode};
use domain::account_number::AccountNumber;
use serde::Deserialize;
use utoipa::{OpenApi, ToSchema};

/// The due-date part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(change_due_date),
    components(schemas(DueDateBody, SubmittedJson, ErrorBody))
)]
pub struct DueDateApiDoc;

/// The route, with the `service` scope.
pub(crate) fn routes(t: ApiTable) -> ApiTable {
    t.client(
        Method::POST,
        "/api/v1/loans/{account_number}/due-date",
        Scope::Service,
        change_due_date,
    )
}

/// A change of a loan's due date.
#[derive(Deserialize, ToSchema)]
pub struct DueDateBody {
    /// The new day of the month the installments still to come fall due on, 1 to 28.
    #[schema(minimum = 1, maximum = 28)]
    pub day: u8,
    /// Why, as the borrower asked it (kept with the change and its audit record).
    #[serde(default)]
    #[schema(max_length = 500)]
    pub note: String,
}

/// `POST /api/v1/loans/{account_number}/due-date`
// Its security (the `service` scope), 401 and 403 come from the route table (`api::routes`).
#[utoipa::path(
    post,
    path = "/api/v1/loans/{account_number}/due-date",
    request_body = DueDateBody,
    params(
        ("account_number" = String, Path, description = "The 16-digit account number: 15 digits and a Luhn check digit (spaces and dashes between the digits are ignored)", pattern = r"^[0-9]{16}$"),
        ("Idempotency-Key" = String, Header, description = "Unique per change: 8 to 128 visible ASCII characters. The same key and body again answers as the first request did", pattern = r"^[!-~]{8,128}$", min_length = 8, max_length = 128)
    ),
    responses(
        (status = 200, description = "Done: the installments still to come fall due on the new day from today; the borrower is told", body = SubmittedJson),
        (status = 202, description = "Awaiting approval: nothing changes until a second person with the capability approves the request", body = SubmittedJson),
        (status = 400, description = "No or a malformed `Idempotency-Key`, a body that is not a change of due date, an account number that is not valid, or a change the loan's rule refuses now (once in 12 months, within the window of days, not while past due, not the day it is already on: the message says which; `field` names what it is about)", body = ErrorBody),
        (status = 404, description = "No loan with this account number", body = ErrorBody),
        (status = 409, description = "`idempotency_key_reused`: the key was used for another request", body = ErrorBody),
    )
)]
pub async fn change_due_date(
    Client(client): Client,
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(account_number): Path<String>,
    JsonBody(b): JsonBody<DueDateBody>,
) -> Result<(StatusCode, Json<SubmittedJson>), ApiError> {
    let key = super::loan_change_key(&headers)?;
    let account = account_number
        .parse::<AccountNumber>()
        .map_err(|e| ApiError::field("account_number", e.to_string()))?;
    if state.app.loan_of_account(account).await?.is_none() {
        return Err(ApiError::not_found(format!(
            "no loan with account number ending {}",
            account.last4()
        )));
    }
    let req = DueDateChange {
        account,
        day: b.day,
        note: b.note.trim().to_owned(),
    };
    state
        .app
        .submit(&client.actor(), &key, Action::ChangeDueDate(req))
        .await
        .map(submitted)
        .map_err(|e| approval_error(e, "day"))
}
