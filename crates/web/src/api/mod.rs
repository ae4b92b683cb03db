//! The JSON API under `/api/v1`, for the lender's and the servicer's own systems and for
//! borrowers' apps. Every call but the OpenAPI document, enrolment and sign-in needs a bearer
//! token: an API client's (`servicer api-client create`), whose scopes decide which routes it
//! may call, or a borrower's session. Money is a decimal string ("1234.56"), dates are ISO
//! dates. [`routes`] declares every route with who may call it; the contract test holds the
//! OpenAPI document to that list.

pub mod access;
pub mod borrower;
pub mod payments;
pub mod staff;

use crate::AppState;
use crate::api::access::{ApiRoute, ApiTable, Client};
use crate::errors::{ApiError, ErrorBody};
use app::api_clients::Scope;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method};
use domain::account_number::AccountNumber;
use serde::Serialize;
use utoipa::OpenApi;

/// The OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    info(title = "Servicer API", version = "1", description = "Loan servicing. Operators and lenders call the API with an API token whose scopes say what it may do: `read` (read loans) and `payments` (post payments received); a token without the scope a route needs is answered 403 `insufficient_scope`. Borrowers sign in (enrolment or password, then a second factor) and use their session token for everything the portal does. Every error is JSON: a stable `code` and a plain `message`, with the request's `field` when the message is about one."),
    paths(openapi, loan),
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
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An API token (`servicer api-client create --scope …`) on the operator routes, whose security requirement names the scope it needs (`read`: read loans; `payments`: post payments received); or a borrower's session token on `/api/v1/me/…`, `/api/v1/sessions/…` and `/api/v1/enrollments/…`.",
                    ))
                    .build(),
            ),
        );
    }
}

/// Every route under `/api/v1` with who may call it: the OpenAPI document, the operator's
/// routes (each with the scope its token needs) and the borrower API.
pub fn routes() -> (axum::Router<AppState>, Vec<ApiRoute>) {
    let t = ApiTable::new()
        .public(Method::GET, "/api/v1/openapi.json", openapi)
        .client(
            Method::GET,
            "/api/v1/loans/{account_number}",
            Scope::Read,
            loan,
        )
        .client(
            Method::POST,
            "/api/v1/loans/{account_number}/payments",
            Scope::Payments,
            crate::api::payments::received_payment,
        )
        .borrower(crate::api::borrower::routes());
    let t = crate::api::staff::search::routes(t);
    let t = crate::api::staff::accounts::routes(t);
    let t = crate::api::staff::messages::routes(t);
    let t = crate::api::staff::remittances::routes(t);
    let t = crate::api::staff::approvals::routes(t);
    let t = crate::api::staff::servicing::routes(t);
    let t = crate::api::staff::due_date::routes(t);
    let t = crate::api::staff::refunds::routes(t);
    let t = crate::api::staff::phone_payments::routes(t);
    (t.router, t.routes)
}

/// The API's name for a portal form's field (as `kit::payment_refusals` and
/// `kit::identity_refusals` name the field a refusal is about): the request body's JSON
/// property, path or query parameter, or header the message is about, or `None` when it is
/// nothing the request sent. Names the API shares with the forms pass through.
pub(crate) fn request_field(app: &'static str) -> Option<&'static str> {
    match app {
        // The portal's form asks for the password and the bank account number twice; the API
        // takes each once, as its own confirmation.
        "confirm" => Some("password"),
        "confirm_account_number" => Some("account_number"),
        // The preferences form's checkboxes are the body's `on` list.
        "alerts" => Some("on"),
        // The card form's number; the card body's `number`.
        "card_number" => Some("number"),
        // A saved method: `method_id` in a payment or AutoPay body, or in the path.
        "method" => Some("method_id"),
        // The loan: the account number in the path.
        "account" => Some("account_number"),
        "idempotency_key" => Some("Idempotency-Key"),
        // An authenticator's stored secret that no longer reads: not the request's doing.
        "secret" => None,
        other => Some(other),
    }
}

/// `GET /api/v1/openapi.json`
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    responses(
        (status = 200, description = "This document (OpenAPI 3.1)", body = Object, content_type = "application/json"),
    )
)]
pub async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(document())
}

/// The whole OpenAPI document: the operator API and the borrower API, with each route's
/// security and its 401/403 answers as [`routes`] declares them.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.merge(crate::api::borrower::BorrowerApiDoc::openapi());
    doc.merge(crate::api::payments::PaymentsApiDoc::openapi());
    doc.merge(crate::api::staff::search::SearchApiDoc::openapi());
    doc.merge(crate::api::staff::accounts::AccountsApiDoc::openapi());
    doc.merge(crate::api::staff::messages::MessagesApiDoc::openapi());
    doc.merge(crate::api::staff::remittances::RemittancesApiDoc::openapi());
    doc.merge(crate::api::staff::approvals::ApprovalsApiDoc::openapi());
    doc.merge(crate::api::staff::servicing::ServicingApiDoc::openapi());
    doc.merge(crate::api::staff::due_date::DueDateApiDoc::openapi());
    doc.merge(crate::api::staff::refunds::RefundsApiDoc::openapi());
    doc.merge(crate::api::staff::phone_payments::PhonePaymentsApiDoc::openapi());
    crate::api::access::annotate(&mut doc, &routes().1);
    doc
}

/// One loan: terms in brief and balances as of the business date they were computed for.
#[derive(Serialize, utoipa::ToSchema)]
pub struct LoanJson {
    /// 16-digit account number.
    #[schema(pattern = r"^[0-9]{16}$")]
    pub account_number: String,
    /// `active`, `paid_off` or `charged_off`.
    pub status: String,
    /// Business date the balances are as of.
    #[schema(format = Date)]
    pub as_of: String,
    /// Amount financed at origination.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub amount_financed: String,
    /// Annual interest rate in percent.
    pub rate_percent: String,
    /// Principal outstanding.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub principal: String,
    /// Interest accrued and unpaid.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub interest: String,
    /// Fees assessed and unpaid.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub fees: String,
    /// Principal + interest + fees.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub balance: String,
    /// A credit balance: money received beyond what the loan owed, held for the borrower
    /// until it is refunded (not part of the balance).
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub unapplied: String,
    /// What is due now (past due plus the next installment).
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub amount_due: String,
    /// The past-due part.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub past_due: String,
    /// The next unpaid installment's due date.
    #[schema(format = Date)]
    pub next_due_date: Option<String>,
    /// Days past due.
    pub days_past_due: u32,
    /// Boarded with AutoPay at the prior servicer: AutoPay must be set up again.
    pub autopay_must_be_reestablished: bool,
    /// The business date the loan was boarded from a prior servicer.
    #[schema(format = Date)]
    pub boarded_on: Option<String>,
}

/// Whether the request asks for this instant's figures (`Cache-Control: no-cache`) rather
/// than this instance's copy of them (at most a second old).
pub(crate) fn wants_fresh(headers: &HeaderMap) -> bool {
    headers
        .get(axum::http::header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("no-cache"))
}

/// `GET /api/v1/loans/{account_number}`
// Its security, 401 and 403 come from the route table (`routes`).
#[utoipa::path(
    get,
    path = "/api/v1/loans/{account_number}",
    params(
        ("account_number" = String, Path, description = "The 16-digit account number: 15 digits and a Luhn check digit (spaces and dashes between the digits are ignored)", pattern = r"^[0-9]{16}$"),
        ("Cache-Control" = Option<String>, Header, description = "`no-cache` to read the database now instead of this instance's copy (at most one second old)", max_length = 256)
    ),
    responses(
        (status = 200, description = "The loan", body = LoanJson),
        (status = 400, description = "Not a valid account number (the message says why)", body = ErrorBody),
        (status = 404, description = "No loan with this account number", body = ErrorBody),
    )
)]
pub async fn loan(
    _client: Client,
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(account_number): Path<String>,
) -> Result<Json<LoanJson>, ApiError> {
    let account = account_number
        .parse::<AccountNumber>()
        .map_err(|e| ApiError::field("account_number", e.to_string()))?;
    let v = state
        .app
        .loan_view(account, wants_fresh(&headers))
        .await?
        .ok_or_else(|| {
            ApiError::not_found(format!(
                "no loan with account number ending {}",
                account.last4()
            ))
        })?;
    let s = &v.snapshot;
    Ok(Json(LoanJson {
        account_number: v.account_number.to_string(),
        status: s.status.as_str().to_owned(),
        as_of: s.as_of.to_string(),
        amount_financed: v.amount_financed.to_string(),
        rate_percent: v.rate.to_string(),
        principal: s.principal.to_string(),
        interest: s.interest.to_string(),
        fees: s.fees.to_string(),
        unapplied: s.unapplied.to_string(),
        balance: (s.principal + s.interest + s.fees).to_string(),
        amount_due: s.amount_due.to_string(),
        past_due: s.past_due.to_string(),
        next_due_date: s.next_due_date.map(|d| d.to_string()),
        days_past_due: s.days_past_due,
        autopay_must_be_reestablished: v.autopay_must_be_reestablished,
        boarded_on: v.boarded_on.map(|d| d.to_string()),
    }))
}
