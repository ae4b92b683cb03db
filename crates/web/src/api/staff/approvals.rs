//! Four eyes for the servicer's own systems: the requests waiting for a second person (a token
//! with the `read` scope), and a decision on one (the `service` scope): approve (the action
//! then runs, re-checked against the loan as it is) or reject with a reason. The same use
//! cases as the console's inbox (`app::approvals`): the capability is checked there (`Approve`
//! and the action's own, which API tokens do not hold today: a person decides), the maker can
//! never decide their own request, and every decision is audited with the maker and the
//! checker. Also the answer every servicing action's route gives ([`submitted`]): 200 when
//! it was done, 202 when it waits for approval.

use crate::AppState;
use crate::api::access::{ApiTable, Client};
use crate::errors::{ApiError, ErrorBody, JsonBody, QueryParams};
use crate::kit::ids::positive;
use crate::kit::time::rfc3339;
use app::api_clients::Scope;
use app::approvals::{
    Approval, ApprovalError, ApprovalId, ApprovalQuery, ApprovalState, CheckerRefusal, Outcome,
    Submitted,
};
use app::servicing::ServicingError;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{Method, StatusCode};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

/// The approvals part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(approval_requests, approve_request, reject_request),
    components(schemas(
        ApprovalJson,
        ApprovalsJson,
        DecisionJson,
        RejectBody,
        SubmittedJson,
        ErrorBody
    ))
)]
pub struct ApprovalsApiDoc;

/// The routes: the list with the `read` scope, decisions with `service`.
pub(crate) fn routes(t: ApiTable) -> ApiTable {
    t.client(
        Method::GET,
        "/api/v1/approvals",
        Scope::Read,
        approval_requests,
    )
    .client(
        Method::POST,
        "/api/v1/approvals/{id}/approve",
        Scope::Service,
        approve_request,
    )
    .client(
        Method::POST,
        "/api/v1/approvals/{id}/reject",
        Scope::Service,
        reject_request,
    )
}

/// A request for a second person's approval.
#[derive(Serialize, ToSchema)]
pub struct ApprovalJson {
    /// The request's id.
    pub id: i64,
    /// The action: `waive_fees`, `waive_interest`, `undo_waiver`, `reverse_payment`,
    /// `move_payment`, `change_due_date` or `refund`.
    pub kind: String,
    /// The loan.
    #[schema(pattern = r"^[0-9]{16}$")]
    pub account_number: String,
    /// The amount the thresholds were read against (a waiver's or refund's amount, a reversed
    /// or moved payment's amount; 0.00 for a due-date change).
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub amount: String,
    /// What it does, in plain words, with the maker's note.
    pub summary: String,
    /// The action's request as it will be done (the fields of the action's own route).
    #[schema(value_type = Object)]
    pub request: serde_json::Value,
    /// Who asked, as the audit log names them (`staff:3`, `client:crm`).
    pub maker: String,
    /// Their name, when a staff user asked.
    pub maker_name: Option<String>,
    /// `pending`, `approved` or `rejected`.
    pub state: String,
    /// Who decided, as the audit log names them.
    pub checker: Option<String>,
    /// Their name, when a staff user decided.
    pub checker_name: Option<String>,
    /// Why it was rejected.
    pub reason: Option<String>,
    /// For an approved request: `done`, or `failed` (refused when it ran); absent while it
    /// runs.
    pub outcome: Option<String>,
    /// The action's reference, when done.
    pub outcome_reference: Option<String>,
    /// Why the action was refused, when it failed.
    pub outcome_message: Option<String>,
    /// When it was asked for.
    #[schema(format = DateTime)]
    pub created_at: String,
    /// When it was decided.
    #[schema(format = DateTime)]
    pub decided_at: Option<String>,
}

/// Requests for approval.
#[derive(Serialize, ToSchema)]
pub struct ApprovalsJson {
    /// The requests: pending ones oldest first, others newest first (at most 200).
    pub approvals: Vec<ApprovalJson>,
}

/// What an approval did.
#[derive(Serialize, ToSchema)]
pub struct DecisionJson {
    /// `done` (the action was done), `failed` (it was refused when it ran: nothing was
    /// changed) or `rejected`.
    pub state: String,
    /// The action's reference, when done.
    pub reference: Option<String>,
    /// What was done, in plain words.
    pub summary: Option<String>,
    /// Why the action was refused, when it failed.
    pub message: Option<String>,
}

/// Reject a request.
#[derive(Deserialize, ToSchema)]
pub struct RejectBody {
    /// Why (the maker reads it).
    #[schema(min_length = 1, max_length = 500)]
    pub reason: String,
}

/// The answer of a servicing action's route: done now, or waiting for a second person.
#[derive(Serialize, ToSchema)]
pub struct SubmittedJson {
    /// `done` (200) or `awaiting_approval` (202).
    pub state: String,
    /// The action's reference, when done.
    pub reference: Option<String>,
    /// What was done, in plain words, when done.
    pub summary: Option<String>,
    /// The request waiting for approval (`GET /api/v1/approvals` lists it).
    pub approval_id: Option<i64>,
}

/// A servicing action's answer: 200 `{"state":"done","reference":…}`, or 202
/// `{"state":"awaiting_approval","approval_id":…}`.
pub fn submitted(s: Submitted) -> (StatusCode, Json<SubmittedJson>) {
    match s {
        Submitted::Done { reference, summary } => (
            StatusCode::OK,
            Json(SubmittedJson {
                state: "done".to_owned(),
                reference: Some(reference),
                summary: Some(summary),
                approval_id: None,
            }),
        ),
        Submitted::Awaiting { request } => (
            StatusCode::ACCEPTED,
            Json(SubmittedJson {
                state: "awaiting_approval".to_owned(),
                reference: None,
                summary: None,
                approval_id: Some(request.0),
            }),
        ),
    }
}

/// A refused submission or decision as the API answers it; `field` is what a refusal of the
/// request's content is about.
pub fn approval_error(e: ApprovalError, field: &str) -> ApiError {
    match e {
        ApprovalError::Denied(d) => {
            ApiError::new(StatusCode::FORBIDDEN, "insufficient_scope", d.to_string())
        }
        e @ ApprovalError::Refused(CheckerRefusal::OwnRequest) => {
            ApiError::new(StatusCode::FORBIDDEN, "own_request", e.to_string())
        }
        e @ ApprovalError::Refused(CheckerRefusal::Decided { .. }) => {
            ApiError::new(StatusCode::CONFLICT, "already_decided", e.to_string())
        }
        ApprovalError::NotFound => ApiError::not_found("no request for approval has this id"),
        ApprovalError::Store(s) => ApiError::internal(&s),
        ApprovalError::Action(a) => match a {
            ServicingError::Denied(d) => {
                ApiError::new(StatusCode::FORBIDDEN, "insufficient_scope", d.to_string())
            }
            ServicingError::NotFound => ApiError::not_found("no loan has this account number"),
            ServicingError::BadKey => ApiError::field("Idempotency-Key", a.to_string()),
            a @ ServicingError::KeyReused => ApiError::new(
                StatusCode::CONFLICT,
                "idempotency_key_reused",
                a.to_string(),
            ),
            ServicingError::Store(s) => ApiError::internal(&s),
            other => ApiError::field(field, other.to_string()),
        },
        other => ApiError::field(field, other.to_string()),
    }
}

fn approval_json(a: &Approval) -> ApprovalJson {
    ApprovalJson {
        id: a.id.0,
        kind: a.kind.as_str().to_owned(),
        account_number: a.account.to_string(),
        amount: a.amount.to_string(),
        summary: a.summary.clone(),
        request: serde_json::from_str(&a.payload).unwrap_or(serde_json::Value::Null),
        maker: a.maker.clone(),
        maker_name: a.maker_name.clone(),
        state: a.state.as_str().to_owned(),
        checker: a.checker.clone(),
        checker_name: a.checker_name.clone(),
        reason: a.reason.clone(),
        outcome: a.outcome.map(|o| o.as_str().to_owned()),
        outcome_reference: a.outcome_reference.clone(),
        outcome_message: a.outcome_message.clone(),
        created_at: rfc3339(a.created_at_us),
        decided_at: a.decided_at_us.map(rfc3339),
    }
}

/// The request of a path: text that is not an id names one that does not exist.
fn request_id(text: &str) -> Result<ApprovalId, ApiError> {
    positive(text)
        .map(ApprovalId)
        .ok_or_else(|| ApiError::not_found("no request for approval has this id"))
}

/// The list's query string, read as text so a malformed value is answered naming it.
#[derive(Deserialize)]
pub struct ApprovalsQuery {
    #[serde(default)]
    state: Option<String>,
}

/// `GET /api/v1/approvals?state=pending`: the requests for approval.
// Its security (the `read` scope), 401 and 403 come from the route table (`api::routes`).
#[utoipa::path(
    get,
    path = "/api/v1/approvals",
    params(
        ("state" = Option<String>, Query, description = "`pending` (default: those waiting, oldest first), `approved`, `rejected`, or `all` (newest first)", pattern = "^(pending|approved|rejected|all)$")
    ),
    responses(
        (status = 200, description = "The requests (none is an empty list)", body = ApprovalsJson),
        (status = 400, description = "A query parameter is wrong (`field` names it)", body = ErrorBody),
    )
)]
pub async fn approval_requests(
    Client(client): Client,
    State(state): State<AppState>,
    QueryParams(q): QueryParams<ApprovalsQuery>,
) -> Result<Json<ApprovalsJson>, ApiError> {
    let wanted = match q.state.as_deref() {
        None => Some(ApprovalState::Pending),
        Some("all") => None,
        Some(s) => Some(ApprovalState::parse(s).ok_or_else(|| {
            ApiError::field("state", "Send `pending`, `approved`, `rejected` or `all`")
        })?),
    };
    let query = ApprovalQuery {
        state: wanted,
        maker: None,
        newest_first: wanted != Some(ApprovalState::Pending),
        limit: app::approvals::MOST_LISTED,
    };
    let found = state
        .app
        .approval_requests(&client.actor(), query)
        .await
        .map_err(|e| approval_error(e, "state"))?;
    Ok(Json(ApprovalsJson {
        approvals: found.iter().map(approval_json).collect(),
    }))
}

/// `POST /api/v1/approvals/{id}/approve`: approved, and the action done as the caller.
// Its security (the `service` scope) and 401 come from the route table (`api::routes`).
#[utoipa::path(
    post,
    path = "/api/v1/approvals/{id}/approve",
    params(
        ("id" = i64, Path, description = "The request's id (text that is not a positive whole number in plain digits is answered as a request that does not exist)")
    ),
    responses(
        (status = 200, description = "Approved: `done` with the action's reference, or `failed` with why the action was refused when it ran (nothing was changed). Approving again answers the same", body = DecisionJson),
        (status = 403, description = "`insufficient_scope`: the token lacks the `service` scope, or the caller may not approve requests or do this kind of action; `own_request`: the caller made the request", body = ErrorBody),
        (status = 404, description = "No request with this id", body = ErrorBody),
        (status = 409, description = "`already_decided`: someone else approved or rejected it first", body = ErrorBody),
    )
)]
pub async fn approve_request(
    Client(client): Client,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<DecisionJson>, ApiError> {
    let id = request_id(&id)?;
    let outcome = state
        .app
        .approve(&client.actor(), id)
        .await
        .map_err(|e| approval_error(e, "id"))?;
    Ok(Json(match outcome {
        Outcome::Done { reference, summary } => DecisionJson {
            state: "done".to_owned(),
            reference: Some(reference),
            summary: Some(summary),
            message: None,
        },
        Outcome::Failed { reason } => DecisionJson {
            state: "failed".to_owned(),
            reference: None,
            summary: None,
            message: Some(reason),
        },
    }))
}

/// `POST /api/v1/approvals/{id}/reject`: rejected with a reason; nothing else changes.
// Its security (the `service` scope) and 401 come from the route table (`api::routes`).
#[utoipa::path(
    post,
    path = "/api/v1/approvals/{id}/reject",
    request_body = RejectBody,
    params(
        ("id" = i64, Path, description = "The request's id")
    ),
    responses(
        (status = 200, description = "Rejected: nothing was done; the maker sees the reason", body = DecisionJson),
        (status = 400, description = "No reason, or one longer than 500 characters (`field` is `reason`)", body = ErrorBody),
        (status = 403, description = "`insufficient_scope`: the token lacks the `service` scope, or the caller may not approve requests or do this kind of action; `own_request`: the caller made the request", body = ErrorBody),
        (status = 404, description = "No request with this id", body = ErrorBody),
        (status = 409, description = "`already_decided`: someone else approved or rejected it first", body = ErrorBody),
    )
)]
pub async fn reject_request(
    Client(client): Client,
    State(state): State<AppState>,
    Path(id): Path<String>,
    JsonBody(b): JsonBody<RejectBody>,
) -> Result<Json<DecisionJson>, ApiError> {
    let id = request_id(&id)?;
    state
        .app
        .reject(&client.actor(), id, &b.reason)
        .await
        .map_err(|e| approval_error(e, "reason"))?;
    Ok(Json(DecisionJson {
        state: "rejected".to_owned(),
        reference: None,
        summary: None,
        message: None,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_submitted_action_is_200_when_done_and_202_when_it_waits() {
        let (status, Json(body)) = submitted(Submitted::Done {
            reference: "W123".to_owned(),
            summary: "Waive $25.00 in fees (goodwill)".to_owned(),
        });
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body.state, "done");
        assert_eq!(body.reference.as_deref(), Some("W123"));
        let (status, Json(body)) = submitted(Submitted::Awaiting {
            request: ApprovalId(7),
        });
        assert_eq!(status, StatusCode::ACCEPTED);
        assert_eq!(body.state, "awaiting_approval");
        assert_eq!(body.approval_id, Some(7));
    }
}
