//! A loan's servicing actions through the API, for a lender's or servicer's own systems (the
//! `service` scope): reverse a posted payment, move one to the loan it was meant for, waive
//! fees or accrued interest, undo a waiver. Each is idempotent under the `Idempotency-Key`
//! header and goes through four eyes as the console's forms do (`App::submit`), so the answer
//! is either the action done (200, with its reference) or a request waiting for a second
//! person's approval (202, with its id). The rules are the app's; a refusal names the one
//! that refused. Amounts are decimal strings ("25.00").

use crate::AppState;
use crate::api::access::{ApiTable, Client};
use crate::errors::{ApiError, ErrorBody, JsonBody};
use crate::kit::ids::positive;
use app::api_clients::Scope;
use app::approvals::{Action, ApprovalError, Submitted};
use app::payments::{AmountOf, parse_amount};
use app::servicing::{
    FeeWaiver, InterestWaiver, PaymentMove, PaymentReversal, ReversalReason, ServicingError,
    WaiverReason, WaiverUndo,
};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::account_number::AccountNumber;
use serde::{Deserialize, Serialize};
use store::PaymentId;
use utoipa::{OpenApi, ToSchema};

/// The servicing actions' part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(reverse_payment, move_payment, waive_fees, waive_interest, undo_waiver),
    components(schemas(
        ReversalBody,
        MoveBody,
        WaiverBody,
        UndoBody,
        ServicingAnswerJson,
        ErrorBody
    ))
)]
pub struct ServicingApiDoc;

/// The routes, each with the `service` scope.
pub(crate) fn routes(t: ApiTable) -> ApiTable {
    t.client(
        Method::POST,
        "/api/v1/loans/{account_number}/payments/{id}/reversal",
        Scope::Service,
        reverse_payment,
    )
    .client(
        Method::POST,
        "/api/v1/loans/{account_number}/payments/{id}/move",
        Scope::Service,
        move_payment,
    )
    .client(
        Method::POST,
        "/api/v1/loans/{account_number}/fees/waiver",
        Scope::Service,
        waive_fees,
    )
    .client(
        Method::POST,
        "/api/v1/loans/{account_number}/interest/waiver",
        Scope::Service,
        waive_interest,
    )
    .client(
        Method::POST,
        "/api/v1/loans/{account_number}/waivers/{txn}/undo",
        Scope::Service,
        undo_waiver,
    )
}

/// Reverse a posted payment.
#[derive(Deserialize, ToSchema)]
pub struct ReversalBody {
    /// Why: `returned_unpaid` (the payment came back unpaid: the money leaves, with the NSF
    /// fee where the loan has one), `posted_in_error` or `duplicate` (the money was received:
    /// it is held in suspense for a decision).
    #[schema(pattern = "^(returned_unpaid|posted_in_error|duplicate)$")]
    pub reason: String,
    /// What the next reader should know (kept with the audit record).
    #[serde(default)]
    #[schema(max_length = 500)]
    pub note: String,
}

/// Move a posted payment to the loan it was meant for.
#[derive(Deserialize, ToSchema)]
pub struct MoveBody {
    /// The 16-digit account number of the loan it belongs to (spaces and dashes between the
    /// digits are ignored).
    #[schema(pattern = r"^[0-9]{16}$")]
    pub to_account_number: String,
    /// What the next reader should know (kept with the audit record).
    #[serde(default)]
    #[schema(max_length = 500)]
    pub note: String,
}

/// Waive fees or accrued interest.
#[derive(Deserialize, ToSchema)]
pub struct WaiverBody {
    /// How much, in dollars and cents, like `"25.00"` (a leading `$` and thousands commas are
    /// allowed): at most what is outstanding.
    #[schema(pattern = r"^\$?[0-9][0-9,]*(\.[0-9]{1,2})?$", max_length = 32)]
    pub amount: String,
    /// Why: `servicer_error`, `hardship` or `goodwill`.
    #[schema(pattern = "^(servicer_error|hardship|goodwill)$")]
    pub reason: String,
    /// What the next reader should know (kept with the audit record).
    #[serde(default)]
    #[schema(max_length = 500)]
    pub note: String,
}

/// Undo a waiver.
#[derive(Deserialize, ToSchema)]
pub struct UndoBody {
    /// Why it is undone (kept with the audit record).
    #[serde(default)]
    #[schema(max_length = 500)]
    pub note: String,
}

/// What became of an action.
#[derive(Serialize, ToSchema)]
pub struct ServicingAnswerJson {
    /// `done` (200: the action was done) or `awaiting_approval` (202: a second person with
    /// the capability must approve it first; nothing changed yet).
    pub state: String,
    /// The action's reference, once done (for a move, the confirmation number of the payment
    /// it made on the other loan).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// What was done, in plain words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The request waiting for approval (`GET /api/v1/approvals` lists it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approval_id: Option<i64>,
}

/// The loan of the path.
fn account(text: &str) -> Result<AccountNumber, ApiError> {
    text.parse::<AccountNumber>()
        .map_err(|e| ApiError::field("account_number", e.to_string()))
}

fn loan_not_found(account: AccountNumber) -> ApiError {
    ApiError::not_found(format!(
        "no loan with account number ending {}",
        account.last4()
    ))
}

/// The answer to an action submitted: 200 done, 202 awaiting approval, or the refusal with
/// `field` the request's part a refusal of its content is about.
fn answer(
    result: Result<Submitted, ApprovalError>,
    account: AccountNumber,
    field: &str,
) -> Result<Response, ApiError> {
    match result {
        Ok(Submitted::Done { reference, summary }) => Ok((
            StatusCode::OK,
            Json(ServicingAnswerJson {
                state: "done".into(),
                reference: Some(reference),
                summary: Some(summary),
                approval_id: None,
            }),
        )
            .into_response()),
        Ok(Submitted::Awaiting { request }) => Ok((
            StatusCode::ACCEPTED,
            Json(ServicingAnswerJson {
                state: "awaiting_approval".into(),
                reference: None,
                summary: None,
                approval_id: Some(request.0),
            }),
        )
            .into_response()),
        Err(ApprovalError::Action(e)) => Err(refusal(e, account, field)),
        Err(e @ ApprovalError::Denied(_)) => Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "insufficient_scope",
            e.to_string(),
        )),
        Err(ApprovalError::Store(e)) => Err(ApiError::internal(&e)),
        Err(other) => Err(ApiError::field(field, other.to_string())),
    }
}

/// A refusal of the action itself, as the API answers it.
fn refusal(e: ServicingError, account: AccountNumber, field: &str) -> ApiError {
    match e {
        e @ ServicingError::Denied(_) => {
            ApiError::new(StatusCode::FORBIDDEN, "insufficient_scope", e.to_string())
        }
        ServicingError::NotFound => loan_not_found(account),
        e @ ServicingError::PaymentNotFound => ApiError::not_found(e.to_string()),
        e @ ServicingError::WaiverNotFound => ApiError::not_found(e.to_string()),
        e @ ServicingError::BadKey => ApiError::field("Idempotency-Key", e.to_string()),
        e @ ServicingError::KeyReused => ApiError::new(
            StatusCode::CONFLICT,
            "idempotency_key_reused",
            e.to_string(),
        ),
        e @ (ServicingError::NotPosted | ServicingError::AlreadyReversed) => {
            ApiError::new(StatusCode::CONFLICT, "not_reversible", e.to_string())
        }
        e @ ServicingError::NotYetCleared { .. } => {
            ApiError::new(StatusCode::CONFLICT, "not_yet_cleared", e.to_string())
        }
        e @ ServicingError::NoteTooLong => ApiError::field("note", e.to_string()),
        e @ (ServicingError::SameLoan
        | ServicingError::TargetNotFound
        | ServicingError::BeforeLoanStart { .. }) => {
            ApiError::field("to_account_number", e.to_string())
        }
        ServicingError::Store(s) => ApiError::internal(&s),
        other => ApiError::field(field, other.to_string()),
    }
}

/// The path's account number and payment id (text that is not an id names no payment).
fn payment_path(account_number: &str, id: &str) -> Result<(AccountNumber, PaymentId), ApiError> {
    let account = account(account_number)?;
    let id = positive(id)
        .map(PaymentId)
        .ok_or_else(|| ApiError::not_found("this loan has no payment with this id"))?;
    Ok((account, id))
}

/// `POST /api/v1/loans/{account_number}/payments/{id}/reversal`
// Its security (the `service` scope), 401 and 403 come from the route table (`api::routes`).
#[utoipa::path(
    post,
    path = "/api/v1/loans/{account_number}/payments/{id}/reversal",
    request_body = ReversalBody,
    params(
        ("account_number" = String, Path, description = "The 16-digit account number of the loan the payment is on", pattern = r"^[0-9]{16}$"),
        ("id" = i64, Path, description = "The payment's id (as `GET /api/v1/loans/{account_number}/activity` lists the loan's payments)"),
        ("Idempotency-Key" = String, Header, description = "Unique per action: 8 to 128 visible ASCII characters. The same key and body again answers as the first request did", pattern = r"^[!-~]{8,128}$", min_length = 8, max_length = 128)
    ),
    responses(
        (status = 200, description = "Done: the payment is off the loan as of its date, every later payment re-split, the books restated, the borrower told", body = ServicingAnswerJson),
        (status = 202, description = "Awaiting approval: nothing changes until a second person with the capability approves the request", body = ServicingAnswerJson),
        (status = 400, description = "No or a malformed `Idempotency-Key`, an account number that is not valid, a reason that is not one of the three, a note over 500 characters (`field` names it)", body = ErrorBody),
        (status = 404, description = "No loan with this account number, or no payment with this id on it", body = ErrorBody),
        (status = 409, description = "`not_reversible`: the payment is not posted, or was already reversed, returned or moved; `not_yet_cleared`: a bank debit the borrower's bank may still return (10 calendar days from its ACH file), reversed as `posted_in_error` or `duplicate`: the message names the date it clears; `idempotency_key_reused`: the key was used for another request", body = ErrorBody),
    )
)]
pub async fn reverse_payment(
    Client(client): Client,
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((account_number, id)): Path<(String, String)>,
    JsonBody(b): JsonBody<ReversalBody>,
) -> Result<Response, ApiError> {
    let key = super::loan_change_key(&headers)?;
    let (account, payment) = payment_path(&account_number, &id)?;
    let reason = ReversalReason::parse(&b.reason).ok_or_else(|| {
        ApiError::field(
            "reason",
            "Send `returned_unpaid`, `posted_in_error` or `duplicate`",
        )
    })?;
    let action = Action::ReversePayment(PaymentReversal {
        account,
        payment,
        reason,
        note: b.note.trim().to_owned(),
    });
    let result = state.app.submit(&client.actor(), &key, action).await;
    answer(result, account, "reason")
}

/// `POST /api/v1/loans/{account_number}/payments/{id}/move`
// Its security (the `service` scope), 401 and 403 come from the route table (`api::routes`).
#[utoipa::path(
    post,
    path = "/api/v1/loans/{account_number}/payments/{id}/move",
    request_body = MoveBody,
    params(
        ("account_number" = String, Path, description = "The 16-digit account number of the loan the payment is on", pattern = r"^[0-9]{16}$"),
        ("id" = i64, Path, description = "The payment's id"),
        ("Idempotency-Key" = String, Header, description = "Unique per action: 8 to 128 visible ASCII characters. The same key and body again answers as the first request did", pattern = r"^[!-~]{8,128}$", min_length = 8, max_length = 128)
    ),
    responses(
        (status = 200, description = "Done: the payment is off this loan and applied to the other as of its original date, in one transaction; both borrowers told. `reference` is the confirmation number of the payment on the other loan", body = ServicingAnswerJson),
        (status = 202, description = "Awaiting approval: nothing changes until a second person with the capability approves the request", body = ServicingAnswerJson),
        (status = 400, description = "No or a malformed `Idempotency-Key`; an account number that is not valid; the other loan is this one, does not exist, or began after the payment was credited (`field` names it)", body = ErrorBody),
        (status = 404, description = "No loan with this account number, or no payment with this id on it", body = ErrorBody),
        (status = 409, description = "`not_reversible`: the payment is not posted, or was already reversed, returned or moved; `not_yet_cleared`: a bank debit the borrower's bank may still return (10 calendar days from its ACH file): the message names the date it clears; `idempotency_key_reused`: the key was used for another request", body = ErrorBody),
    )
)]
pub async fn move_payment(
    Client(client): Client,
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((account_number, id)): Path<(String, String)>,
    JsonBody(b): JsonBody<MoveBody>,
) -> Result<Response, ApiError> {
    let key = super::loan_change_key(&headers)?;
    let (account, payment) = payment_path(&account_number, &id)?;
    let to = b
        .to_account_number
        .parse::<AccountNumber>()
        .map_err(|e| ApiError::field("to_account_number", e.to_string()))?;
    let action = Action::MovePayment(PaymentMove {
        account,
        payment,
        to,
        note: b.note.trim().to_owned(),
    });
    let result = state.app.submit(&client.actor(), &key, action).await;
    answer(result, account, "to_account_number")
}

/// A waiver body's amount and reason.
fn waiver_parts(b: &WaiverBody) -> Result<(money::Money, WaiverReason), ApiError> {
    let amount = parse_amount(AmountOf::Payment, &b.amount)
        .map_err(|e| ApiError::field("amount", e.to_string()))?;
    let reason = WaiverReason::parse(&b.reason).ok_or_else(|| {
        ApiError::field("reason", "Send `servicer_error`, `hardship` or `goodwill`")
    })?;
    Ok((amount, reason))
}

/// `POST /api/v1/loans/{account_number}/fees/waiver`
// Its security (the `service` scope), 401 and 403 come from the route table (`api::routes`).
#[utoipa::path(
    post,
    path = "/api/v1/loans/{account_number}/fees/waiver",
    request_body = WaiverBody,
    params(
        ("account_number" = String, Path, description = "The 16-digit account number", pattern = r"^[0-9]{16}$"),
        ("Idempotency-Key" = String, Header, description = "Unique per action: 8 to 128 visible ASCII characters. The same key and body again answers as the first request did", pattern = r"^[!-~]{8,128}$", min_length = 8, max_length = 128)
    ),
    responses(
        (status = 200, description = "Done: the fees are forgiven as of the business date, later payments re-split, the books restated", body = ServicingAnswerJson),
        (status = 202, description = "Awaiting approval: nothing changes until a second person with the capability approves the request", body = ServicingAnswerJson),
        (status = 400, description = "No or a malformed `Idempotency-Key`, an account number that is not valid, an amount that is not dollars and cents or more than the fees outstanding, a reason that is not one of the three, a note over 500 characters (`field` names it)", body = ErrorBody),
        (status = 404, description = "No loan with this account number", body = ErrorBody),
        (status = 409, description = "`idempotency_key_reused`: the key was used for another request", body = ErrorBody),
    )
)]
pub async fn waive_fees(
    Client(client): Client,
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(account_number): Path<String>,
    JsonBody(b): JsonBody<WaiverBody>,
) -> Result<Response, ApiError> {
    let key = super::loan_change_key(&headers)?;
    let account = account(&account_number)?;
    let (amount, reason) = waiver_parts(&b)?;
    let action = Action::WaiveFees(FeeWaiver {
        account,
        amount,
        reason,
        note: b.note.trim().to_owned(),
    });
    let result = state.app.submit(&client.actor(), &key, action).await;
    answer(result, account, "amount")
}

/// `POST /api/v1/loans/{account_number}/interest/waiver`
// Its security (the `service` scope), 401 and 403 come from the route table (`api::routes`).
#[utoipa::path(
    post,
    path = "/api/v1/loans/{account_number}/interest/waiver",
    request_body = WaiverBody,
    params(
        ("account_number" = String, Path, description = "The 16-digit account number", pattern = r"^[0-9]{16}$"),
        ("Idempotency-Key" = String, Header, description = "Unique per action: 8 to 128 visible ASCII characters. The same key and body again answers as the first request did", pattern = r"^[!-~]{8,128}$", min_length = 8, max_length = 128)
    ),
    responses(
        (status = 200, description = "Done: the interest is forgiven as of the business date, later payments re-split, the books restated", body = ServicingAnswerJson),
        (status = 202, description = "Awaiting approval: nothing changes until a second person with the capability approves the request", body = ServicingAnswerJson),
        (status = 400, description = "No or a malformed `Idempotency-Key`, an account number that is not valid, an amount that is not dollars and cents or more than the interest outstanding, a reason that is not one of the three, a note over 500 characters (`field` names it)", body = ErrorBody),
        (status = 404, description = "No loan with this account number", body = ErrorBody),
        (status = 409, description = "`idempotency_key_reused`: the key was used for another request", body = ErrorBody),
    )
)]
pub async fn waive_interest(
    Client(client): Client,
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(account_number): Path<String>,
    JsonBody(b): JsonBody<WaiverBody>,
) -> Result<Response, ApiError> {
    let key = super::loan_change_key(&headers)?;
    let account = account(&account_number)?;
    let (amount, reason) = waiver_parts(&b)?;
    let action = Action::WaiveInterest(InterestWaiver {
        account,
        amount,
        reason,
        note: b.note.trim().to_owned(),
    });
    let result = state.app.submit(&client.actor(), &key, action).await;
    answer(result, account, "amount")
}

/// `POST /api/v1/loans/{account_number}/waivers/{txn}/undo`
// Its security (the `service` scope), 401 and 403 come from the route table (`api::routes`).
#[utoipa::path(
    post,
    path = "/api/v1/loans/{account_number}/waivers/{txn}/undo",
    request_body = UndoBody,
    params(
        ("account_number" = String, Path, description = "The 16-digit account number", pattern = r"^[0-9]{16}$"),
        ("txn" = i64, Path, description = "The waiver's transaction id in the loan's history"),
        ("Idempotency-Key" = String, Header, description = "Unique per action: 8 to 128 visible ASCII characters. The same key and body again answers as the first request did", pattern = r"^[!-~]{8,128}$", min_length = 8, max_length = 128)
    ),
    responses(
        (status = 200, description = "Done: what the waiver forgave is owed again as of its date, later payments re-split, the books restated", body = ServicingAnswerJson),
        (status = 202, description = "Awaiting approval: nothing changes until a second person with the capability approves the request", body = ServicingAnswerJson),
        (status = 400, description = "No or a malformed `Idempotency-Key`, an account number that is not valid, a note over 500 characters (`field` names it)", body = ErrorBody),
        (status = 404, description = "No loan with this account number, or no fee or interest waiver in force with this id on it", body = ErrorBody),
        (status = 409, description = "`idempotency_key_reused`: the key was used for another request", body = ErrorBody),
    )
)]
pub async fn undo_waiver(
    Client(client): Client,
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((account_number, txn)): Path<(String, String)>,
    JsonBody(b): JsonBody<UndoBody>,
) -> Result<Response, ApiError> {
    let key = super::loan_change_key(&headers)?;
    let account = account(&account_number)?;
    let txn = positive(&txn).ok_or_else(|| {
        ApiError::not_found("this loan has no fee or interest waiver in force with this id")
    })?;
    let action = Action::UndoWaiver(WaiverUndo {
        account,
        txn,
        note: b.note.trim().to_owned(),
    });
    let result = state.app.submit(&client.actor(), &key, action).await;
    answer(result, account, "note")
}
