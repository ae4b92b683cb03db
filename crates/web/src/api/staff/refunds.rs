//! Refunds for the servicer's own systems: refund money a loan holds for its borrower (a token
//! with the `service` scope, idempotent under the `Idempotency-Key` header), through four eyes
//! (`app::approvals`: done at once, 200, or kept for a second person's approval, 202); and the
//! credit-balance report (every loan holding unapplied funds, oldest credit first, and the
//! refunds waiting on staff; a token with the `read` scope). The same use cases as the
//! console's: the capability is checked there, and each refund audited. Amounts are decimal
//! strings ("123.45"), dates ISO dates.

use crate::AppState;
use crate::api::access::{ApiTable, Client};
use crate::api::staff::approvals::{SubmittedJson, approval_error, submitted};
use crate::errors::{ApiError, ErrorBody, JsonBody, QueryParams};
use crate::kit::ids::positive;
use app::api_clients::Scope;
use app::approvals::Action;
use app::payments::{AmountOf, parse_amount};
use app::refunds::{CreditBalances, RefundRequest, RefundTo};
use app::servicing::ServicingError;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode};
use domain::account_number::AccountNumber;
use serde::{Deserialize, Serialize};
use store::PaymentMethodId;
use utoipa::{OpenApi, ToSchema};

/// The refunds part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(post_refund, credit_balances),
    components(schemas(
        RefundBody,
        CreditBalancesJson,
        CreditBalanceJson,
        WaitingRefundJson,
        ErrorBody
    ))
)]
pub struct RefundsApiDoc;

/// The routes: a refund with the `service` scope (requesting a servicing action), the report
/// with `read`.
pub(crate) fn routes(t: ApiTable) -> ApiTable {
    t.client(
        Method::POST,
        "/api/v1/loans/{account_number}/refunds",
        Scope::Service,
        post_refund,
    )
    .client(
        Method::GET,
        "/api/v1/reports/credit-balances",
        Scope::Read,
        credit_balances,
    )
}

/// A refund of money the loan holds for its borrower.
#[derive(Deserialize, ToSchema)]
pub struct RefundBody {
    /// How much: at most the loan's unapplied funds that have cleared (beyond its payments by
    /// check or ACH debit credited within the last 10 days, which can still come back).
    #[schema(pattern = r"^[0-9]+(\.[0-9]{2})?$")]
    pub amount: String,
    /// Where it goes: `bank_account` (an ACH credit to a saved bank account of the borrower
    /// verified for ACH: a debit from it settled more than 5 days ago and did not come back,
    /// and no entry to or from it came back closed or unknown), `card` (back to a saved card
    /// that paid this loan) or `check`.
    #[schema(pattern = "^(bank_account|card|check)$")]
    pub to: String,
    /// The saved bank account or card (`bank_account` and `card` only).
    pub method_id: Option<i64>,
    /// Why, for the next reader and the checker (at most 500 characters).
    #[serde(default)]
    #[schema(max_length = 500)]
    pub note: String,
}

/// One loan holding unapplied funds.
#[derive(Serialize, ToSchema)]
pub struct CreditBalanceJson {
    /// The loan.
    #[schema(pattern = r"^[0-9]{16}$")]
    pub account_number: String,
    /// The borrower's name.
    pub borrower_name: String,
    /// `active`, `paid_off` or `charged_off`.
    pub status: String,
    /// The unapplied funds it holds.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub amount: String,
    /// The day the credit began (since then the loan has held unapplied funds).
    #[schema(format = Date)]
    pub since: String,
    /// Days from `since` to the business date.
    pub age_days: i64,
    /// Refunds of it decided and not yet sent.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub pending_refunds: String,
}

/// A refund waiting on staff.
#[derive(Serialize, ToSchema)]
pub struct WaitingRefundJson {
    /// The loan.
    #[schema(pattern = r"^[0-9]{16}$")]
    pub account_number: String,
    /// The refund's reference.
    pub reference: String,
    /// The amount.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub amount: String,
    /// `ach`, `card` or `check`.
    pub method: String,
    /// `failed` (the borrower's bank sent it back, or the card processor refused a card
    /// refund: the money is back in the loan's unapplied funds, listed until a refund of the
    /// loan is decided again) or `pending` (a check to mail, or an ACH credit a day's file
    /// could not carry).
    pub state: String,
    /// The bank's return reason code, for one sent back; the card processor's reason, in its
    /// words, for a card refund it refused.
    pub return_code: Option<String>,
    /// The day it was decided.
    #[schema(format = Date)]
    pub decided_on: String,
}

/// The credit-balance report.
#[derive(Serialize, ToSchema)]
pub struct CreditBalancesJson {
    /// The business date it is as of.
    #[schema(format = Date)]
    pub as_of: String,
    /// How many loans hold unapplied funds.
    pub count: usize,
    /// What they hold together.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub total: String,
    /// This page's loans, oldest credit first.
    pub balances: Vec<CreditBalanceJson>,
    /// This page (from 1).
    pub page: u32,
    /// The next page, when there is one.
    pub next_page: Option<u32>,
    /// Refunds waiting on staff: sent back by the borrower's bank, checks to mail, or ACH
    /// credits a day's file could not carry.
    pub waiting_on_staff: Vec<WaitingRefundJson>,
    /// The money in remittance suspense: received and not yet applied to a loan or sent back.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub suspense: String,
}

/// The request a body makes for the loan `account`, or the field that is wrong.
fn refund_request(account: AccountNumber, b: &RefundBody) -> Result<RefundRequest, ApiError> {
    let amount = parse_amount(AmountOf::Payment, &b.amount)
        .map_err(|e| ApiError::field("amount", e.to_string()))?;
    let method = || {
        b.method_id
            .filter(|id| *id > 0)
            .map(PaymentMethodId)
            .ok_or_else(|| {
                ApiError::field(
                    "method_id",
                    "Send the id of the saved bank account or card the refund goes to",
                )
            })
    };
    let to = match b.to.as_str() {
        "bank_account" => RefundTo::BankAccount(method()?),
        "card" => RefundTo::Card(method()?),
        "check" => RefundTo::Check,
        _ => {
            return Err(ApiError::field(
                "to",
                "Send `bank_account`, `card` or `check`",
            ));
        }
    };
    Ok(RefundRequest {
        account,
        amount,
        to,
        note: b.note.trim().to_owned(),
    })
}

/// The field a refusal of a refund is about.
fn refused_field(e: &app::approvals::ApprovalError) -> &'static str {
    match e {
        app::approvals::ApprovalError::Action(ServicingError::MethodNotUsable) => "method_id",
        app::approvals::ApprovalError::Action(ServicingError::NoteTooLong) => "note",
        app::approvals::ApprovalError::Action(
            ServicingError::MoreThanHeld { .. } | ServicingError::NotCleared { .. },
        ) => "amount",
        _ => "amount",
    }
}

/// `POST /api/v1/loans/{account_number}/refunds`: refund money the loan holds.
// Its security (the `service` scope), 401 and 403 come from the route table (`api::routes`).
#[utoipa::path(
    post,
    path = "/api/v1/loans/{account_number}/refunds",
    request_body = RefundBody,
    params(
        ("account_number" = String, Path, description = "The 16-digit account number: 15 digits and a Luhn check digit", pattern = r"^[0-9]{16}$"),
        ("Idempotency-Key" = String, Header, description = "Unique per refund: 8 to 128 visible ASCII characters. The same key and body again answers as the first request did", pattern = r"^[!-~]{8,128}$", min_length = 8, max_length = 128)
    ),
    responses(
        (status = 200, description = "Done (`state` is `done`, with the refund's `reference`). The refund left the loan at once; an ACH credit goes out in the next day's file, a card refund through the processor, a check on the list to mail", body = SubmittedJson),
        (status = 202, description = "Kept for a second person's approval (`state` is `awaiting_approval`, with the request's `approval_id`)", body = SubmittedJson),
        (status = 400, description = "No or a malformed `Idempotency-Key`, an account number that is not valid, an amount that is not dollars and cents, more than the loan holds or more than has cleared (the message names the day it clears), or a bank account or card a refund cannot go to (`field` names it)", body = ErrorBody),
        (status = 404, description = "No loan with this account number", body = ErrorBody),
        (status = 409, description = "`idempotency_key_reused`: the key was used for another request", body = ErrorBody),
    )
)]
pub async fn post_refund(
    Client(client): Client,
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(account_number): Path<String>,
    JsonBody(b): JsonBody<RefundBody>,
) -> Result<(StatusCode, Json<SubmittedJson>), ApiError> {
    let key = super::loan_change_key(&headers)?;
    let account = account_number
        .parse::<AccountNumber>()
        .map_err(|e| ApiError::field("account_number", e.to_string()))?;
    let req = refund_request(account, &b)?;
    match state
        .app
        .submit(&client.actor(), &key, Action::Refund(req))
        .await
    {
        Ok(s) => Ok(submitted(s)),
        Err(e) => {
            let field = refused_field(&e);
            Err(approval_error(e, field))
        }
    }
}

/// The report's query string, read as text so a malformed value is answered naming it.
#[derive(Deserialize)]
pub struct ReportQuery {
    #[serde(default)]
    page: Option<String>,
}

/// `GET /api/v1/reports/credit-balances?page=1`: the loans holding a credit, oldest first.
// Its security (the `read` scope), 401 and 403 come from the route table (`api::routes`).
#[utoipa::path(
    get,
    path = "/api/v1/reports/credit-balances",
    params(
        ("page" = Option<u32>, Query, description = "Which page, from 1 (default 1)", minimum = 1)
    ),
    responses(
        (status = 200, description = "One page of loans holding unapplied funds, oldest credit first (none is an empty list), with the refunds waiting on staff and the money in suspense", body = CreditBalancesJson),
        (status = 400, description = "A query parameter is wrong (`field` names it)", body = ErrorBody),
    )
)]
pub async fn credit_balances(
    Client(client): Client,
    State(state): State<AppState>,
    QueryParams(q): QueryParams<ReportQuery>,
) -> Result<Json<CreditBalancesJson>, ApiError> {
    let page = match q.page.as_deref() {
        None => 1,
        Some(p) => positive(p)
            .and_then(|p| u32::try_from(p).ok())
            .ok_or_else(|| ApiError::field("page", "Send a page number from 1"))?,
    };
    let r = match state.app.credit_balances(&client.actor(), page).await {
        Ok(r) => r,
        Err(ServicingError::Denied(d)) => {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "insufficient_scope",
                d.to_string(),
            ));
        }
        Err(ServicingError::Store(e)) => return Err(ApiError::internal(&e)),
        Err(other) => return Err(ApiError::internal(&other)),
    };
    Ok(Json(report_json(&r)))
}

/// The report as the API answers it.
fn report_json(r: &CreditBalances) -> CreditBalancesJson {
    CreditBalancesJson {
        as_of: r.as_of.to_string(),
        count: r.count,
        total: r.total.to_string(),
        balances: r
            .balances
            .iter()
            .map(|b| CreditBalanceJson {
                account_number: b.account.to_string(),
                borrower_name: b.borrower_name.clone(),
                status: b.status.as_str().to_owned(),
                amount: b.amount.to_string(),
                since: b.since.to_string(),
                age_days: b.age_days,
                pending_refunds: b.pending_refunds.to_string(),
            })
            .collect(),
        page: r.page,
        next_page: r.more.then_some(r.page.saturating_add(1)),
        waiting_on_staff: r
            .for_staff
            .iter()
            .map(|f| WaitingRefundJson {
                account_number: f.account.to_string(),
                reference: f.reference.clone(),
                amount: f.amount.to_string(),
                method: f.method.as_str().to_owned(),
                state: f.state.as_str().to_owned(),
                return_code: f.return_code.clone(),
                decided_on: f.decided_on.to_string(),
            })
            .collect(),
        suspense: r.suspense.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(to: &str, method_id: Option<i64>) -> RefundBody {
        RefundBody {
            amount: "125.40".into(),
            to: to.into(),
            method_id,
            note: " Overpaid at payoff ".into(),
        }
    }

    #[test]
    fn a_body_reads_into_a_refund_or_names_the_field_that_is_wrong() {
        let account = AccountNumber::from_base(521_840_000_000_201);
        let r = refund_request(account, &body("bank_account", Some(3))).unwrap();
        assert_eq!(r.to, RefundTo::BankAccount(PaymentMethodId(3)));
        assert_eq!(r.amount, money::Money::from_cents(12_540));
        assert_eq!(r.note, "Overpaid at payoff");
        assert_eq!(
            refund_request(account, &body("check", None)).unwrap().to,
            RefundTo::Check
        );
        for (b, field) in [
            (body("card", None), "method_id"),
            (body("bank_account", Some(0)), "method_id"),
            (body("cash", None), "to"),
            (
                RefundBody {
                    amount: "12.345".into(),
                    ..body("check", None)
                },
                "amount",
            ),
        ] {
            let e = refund_request(account, &b).unwrap_err();
            assert!(format!("{e:?}").contains(field), "{e:?}");
        }
    }
}
