//! The JSON API under `/api/v1`, for the lender's and the servicer's own systems. Every call
//! but the OpenAPI document needs a bearer token (`servicer api-client create`). Money is a
//! decimal string ("1234.56"), dates are ISO dates.

use crate::AppState;
use crate::errors::{ApiError, ErrorBody};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use domain::account_number::AccountNumber;
use serde::Serialize;
use utoipa::OpenApi;

/// The OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    info(title = "Servicer API", version = "1", description = "Loan servicing. Operators and lenders read loans with an API token; borrowers sign in (enrolment or password, then a second factor) and use their session token for everything the portal does."),
    paths(loan),
    components(schemas(LoanJson, ErrorBody)),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// `GET /api/v1/openapi.json`
pub async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(document())
}

/// The whole OpenAPI document: the operator API and the borrower API.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.merge(crate::borrower_api::BorrowerApiDoc::openapi());
    doc.merge(crate::payments_api::PaymentsApiDoc::openapi());
    doc
}

/// One loan: terms in brief and balances as of the business date they were computed for.
#[derive(Serialize, utoipa::ToSchema)]
pub struct LoanJson {
    /// 16-digit account number.
    pub account_number: String,
    /// `active`, `paid_off` or `charged_off`.
    pub status: String,
    /// Business date the balances are as of.
    pub as_of: String,
    /// Amount financed at origination.
    pub amount_financed: String,
    /// Annual interest rate in percent.
    pub rate_percent: String,
    /// Principal outstanding.
    pub principal: String,
    /// Interest accrued and unpaid.
    pub interest: String,
    /// Fees assessed and unpaid.
    pub fees: String,
    /// Principal + interest + fees.
    pub balance: String,
    /// What is due now (past due plus the next installment).
    pub amount_due: String,
    /// The past-due part.
    pub past_due: String,
    /// The next unpaid installment's due date.
    pub next_due_date: Option<String>,
    /// Days past due.
    pub days_past_due: u32,
    /// Boarded with AutoPay at the prior servicer: AutoPay must be set up again.
    pub autopay_must_be_reestablished: bool,
    /// The business date the loan was boarded from a prior servicer.
    pub boarded_on: Option<String>,
}

pub(crate) async fn client(state: &AppState, headers: &HeaderMap) -> Result<String, ApiError> {
    let token = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or_else(ApiError::unauthorized)?;
    state
        .app
        .api_client(token.trim())
        .await?
        .ok_or_else(ApiError::unauthorized)
}

/// `GET /api/v1/loans/{account_number}`
#[utoipa::path(
    get,
    path = "/api/v1/loans/{account_number}",
    params(
        ("account_number" = String, Path, description = "16-digit account number; spaces and dashes allowed"),
        ("Cache-Control" = Option<String>, Header, description = "`no-cache` to read the database now instead of this instance's copy (at most one second old)")
    ),
    responses(
        (status = 200, description = "The loan", body = LoanJson),
        (status = 400, description = "Not a valid account number", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No loan with this account number", body = ErrorBody),
    ),
    security(("bearer" = []))
)]
pub async fn loan(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(account_number): Path<String>,
) -> Result<Json<LoanJson>, ApiError> {
    client(&state, &headers).await?;
    let account: AccountNumber = account_number
        .parse()
        .map_err(|e| ApiError::bad_request(format!("account_number: {e}")))?;
    // A client that must see this instant's figures sends `Cache-Control: no-cache`.
    let fresh = headers
        .get(axum::http::header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("no-cache"));
    let v = state.app.loan_view(account, fresh).await?.ok_or_else(|| {
        ApiError::not_found(format!(
            "no loan with account number ending {}",
            account.last4()
        ))
    })?;
    let s = &v.snapshot;
    Ok(Json(LoanJson {
        account_number: v.account_number.to_string(),
        status: s.status.clone(),
        as_of: s.as_of.to_string(),
        amount_financed: v.amount_financed.to_string(),
        rate_percent: v.rate.to_string(),
        principal: s.principal.to_string(),
        interest: s.interest.to_string(),
        fees: s.fees.to_string(),
        balance: (s.principal + s.interest + s.fees).to_string(),
        amount_due: s.amount_due.to_string(),
        past_due: s.past_due.to_string(),
        next_due_date: s.next_due_date.map(|d| d.to_string()),
        days_past_due: s.days_past_due,
        autopay_must_be_reestablished: v.autopay_must_be_reestablished,
        boarded_on: v.boarded_on.map(|d| d.to_string()),
    }))
}
