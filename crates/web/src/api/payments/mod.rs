//! Payments under `/api/v1`: the borrower's (quote, pay, list, cancel; AutoPay in
//! [`autopay`]) with their session token, and the operator's received payments
//! ([`received`]) with an API token holding the `payments` scope. Every request that moves money
//! needs an `Idempotency-Key` header: the same key and body again returns the first result
//! (with `Idempotent-Replayed: true`); the same key with another body is refused with 409.
//! A borrower's saved cards are added with the other payment methods
//! (`api::borrower::payment_methods`).

pub mod autopay;
pub mod received;

use crate::AppState;
use crate::api::borrower::Me;
use crate::api::request_field;
use crate::errors::{ApiError, ErrorBody, JsonBody};
use crate::kit::{Table, payment_refusals};
use app::payments::one_time::{AmountChoice, PaymentRequest};
use app::payments::received::Outcome;
use app::payments::{AmountOf, PaymentError};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::account_number::AccountNumber;
use domain::loan::ExtraTo;
use domain::payment::{PaymentStatus, Rail};
use serde::{Deserialize, Serialize};
use store::{Payment, PaymentId, PaymentMethodId};
use utoipa::{OpenApi, ToSchema};

// The OpenAPI derive names each handler without its module: a module in `paths(...)` would
// become the operation's tag, and the document would change with the files.
use self::autopay::{
    __path_autopay_authorization, __path_delete_autopay, __path_get_autopay, __path_put_autopay,
    autopay_authorization, delete_autopay, get_autopay, put_autopay,
};
use self::received::__path_received_payment;
pub use self::received::received_payment;

/// The payments part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(
        quote,
        pay,
        scheduled,
        payment,
        cancel,
        get_autopay,
        autopay_authorization,
        put_autopay,
        delete_autopay,
        received_payment
    ),
    components(schemas(
        PaymentBody,
        QuoteJson,
        PaymentJson,
        SplitJson,
        autopay::AutopayBody,
        autopay::AutopayJson,
        autopay::AuthorizationJson,
        received::ReceivedPaymentBody,
        received::PhoneBankBody
    ))
)]
pub struct PaymentsApiDoc;

/// Adds the borrower's payment routes to the borrower API's table (so the route-scoping test
/// calls them with another borrower's session).
pub(crate) fn borrower_routes(t: Table) -> Table {
    t.post(
        "/api/v1/me/loans/{account_number}/payments/quote",
        true,
        quote,
    )
    .post("/api/v1/me/loans/{account_number}/payments", true, pay)
    .get("/api/v1/me/payments", true, scheduled)
    .get("/api/v1/me/payments/{payment_id}", true, payment)
    .post("/api/v1/me/payments/{payment_id}/cancel", true, cancel)
    .get(
        "/api/v1/me/loans/{account_number}/autopay",
        true,
        get_autopay,
    )
    .post(
        "/api/v1/me/loans/{account_number}/autopay/authorization",
        true,
        autopay_authorization,
    )
    .put(
        "/api/v1/me/loans/{account_number}/autopay",
        true,
        put_autopay,
    )
    .delete(
        "/api/v1/me/loans/{account_number}/autopay",
        true,
        delete_autopay,
    )
}

/// The request's field a refusal names: the portal form's field
/// ([`payment_refusals::form_field`]) as the API names it ([`request_field`]). A body's
/// `amount` is the pay form's `other_amount`, the amount of the borrower's choosing.
fn refused_field(e: &PaymentError) -> Option<&'static str> {
    match payment_refusals::form_field(e)? {
        "other_amount" => Some("amount"),
        field => request_field(field),
    }
}

/// A payment error as the API answers it. A refusal of a field names the request's field
/// ([`refused_field`]) beside the plain message.
pub(crate) fn payment_error(e: PaymentError) -> ApiError {
    match e {
        PaymentError::Store(s) => ApiError::internal(&s),
        PaymentError::NotFound => ApiError::not_found("not found among yours"),
        PaymentError::KeyReused => ApiError::new(
            StatusCode::CONFLICT,
            "idempotency_key_reused",
            e.to_string(),
        ),
        PaymentError::TooLate => ApiError::new(StatusCode::CONFLICT, "too_late", e.to_string()),
        PaymentError::SessionEnded => ApiError::unauthorized(),
        PaymentError::ProcessorUnavailable => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "processor_unavailable",
            e.to_string(),
        ),
        PaymentError::Denied(d) => {
            ApiError::new(StatusCode::FORBIDDEN, "insufficient_scope", d.to_string())
        }
        refusal => match refused_field(&refusal) {
            Some(field) => ApiError::field(field, refusal.to_string()),
            None => ApiError::bad_request(refusal.to_string()),
        },
    }
}

/// A borrower's account number from the path: one that is not valid is answered as one that
/// is not theirs (as the borrower API's loan routes do).
fn account(text: &str) -> Result<AccountNumber, ApiError> {
    text.parse()
        .map_err(|_| ApiError::not_found("not found among yours"))
}

/// The request's `Idempotency-Key` header, or the field error asking for one.
pub(crate) fn key(headers: &HeaderMap) -> Result<String, ApiError> {
    headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .ok_or_else(|| {
            ApiError::field(
                "Idempotency-Key",
                "Send a unique key (a UUID) with every request that moves money",
            )
        })
}

/// A date the request names in `field`, YYYY-MM-DD.
fn date(field: &str, text: Option<&str>) -> Result<Option<jiff::civil::Date>, ApiError> {
    text.map(|d| {
        d.parse::<jiff::civil::Date>()
            .map_err(|_| ApiError::field(field, "Use YYYY-MM-DD"))
    })
    .transpose()
}

/// Where any extra goes: `principal` (the default) or `next_installment`.
fn extra_to(text: Option<&str>) -> Result<ExtraTo, ApiError> {
    match text {
        None | Some("principal") => Ok(ExtraTo::Principal),
        Some("next_installment") => Ok(ExtraTo::NextInstallment),
        Some(_) => Err(ApiError::field(
            "extra_to",
            "Send `principal` or `next_installment`",
        )),
    }
}

/// A payment to quote or make.
#[derive(Deserialize, ToSchema)]
pub struct PaymentBody {
    /// The saved bank account's or card's id.
    pub method_id: i64,
    /// `due`, `past_due`, `payoff`, or an amount in dollars and cents like `"125.50"` (a
    /// leading `$` and thousands commas are allowed).
    #[schema(
        pattern = r"^(due|past_due|payoff|\$?[0-9][0-9,]*(\.[0-9]{1,2})?)$",
        max_length = 32
    )]
    pub amount: String,
    /// YYYY-MM-DD for a scheduled payment (bank accounts only); omit for today.
    #[serde(default)]
    #[schema(format = Date)]
    pub date: Option<String>,
    /// `principal` (default) or `next_installment`: where any extra goes.
    #[serde(default)]
    #[schema(pattern = r"^(principal|next_installment)$")]
    pub extra_to: Option<String>,
}

impl PaymentBody {
    fn request(&self, account: AccountNumber) -> Result<PaymentRequest, ApiError> {
        let amount = match self.amount.as_str() {
            "due" => AmountChoice::AmountDue,
            "past_due" => AmountChoice::PastDue,
            "payoff" => AmountChoice::Payoff,
            other => AmountChoice::Other(
                app::payments::parse_amount(AmountOf::Payment, other).map_err(payment_error)?,
            ),
        };
        Ok(PaymentRequest {
            account,
            method: PaymentMethodId(self.method_id),
            amount,
            date: date("date", self.date.as_deref())?,
            extra: extra_to(self.extra_to.as_deref())?,
        })
    }
}

/// How a payment is (or will be) split.
#[derive(Serialize, ToSchema)]
pub struct SplitJson {
    /// To fees.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub fees: String,
    /// To interest.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub interest: String,
    /// To principal.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub principal: String,
    /// Beyond what the loan owed: held as a credit on the account (unapplied funds) until it
    /// is refunded.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub unapplied: String,
}

fn split_json(s: store::Split) -> SplitJson {
    SplitJson {
        fees: s.fees.to_string(),
        interest: s.interest.to_string(),
        principal: s.principal.to_string(),
        unapplied: s.unapplied.to_string(),
    }
}

/// A payment quoted, not made.
#[derive(Serialize, ToSchema)]
pub struct QuoteJson {
    /// The amount.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub amount: String,
    /// The business day it would be credited.
    #[schema(format = Date)]
    pub credit_date: String,
    /// Later than asked (after the cutoff, or not a business day).
    pub moved: bool,
    /// The projected split.
    pub split: SplitJson,
    /// The balance after it.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub balance_after: String,
}

/// A payment.
#[derive(Serialize, ToSchema)]
pub struct PaymentJson {
    /// Its id.
    pub id: i64,
    /// The confirmation number.
    pub confirmation: String,
    /// `scheduled` (pending), `posted`, `cancelled`, `declined` or `returned`.
    pub status: String,
    /// The amount.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub amount: String,
    /// Credited as of.
    #[schema(format = Date)]
    pub credit_date: String,
    /// `web`, `autopay`, `lockbox`, …
    pub channel: String,
    /// `ach`, `card` or `check`.
    pub rail: String,
    /// Expected split while scheduled, the split applied once posted.
    pub split: Option<SplitJson>,
    /// Why a card was declined.
    pub decline_reason: Option<String>,
    /// The bank's return code.
    pub return_code: Option<String>,
    /// Why the bank returned it, in plain words with its code (`insufficient funds (R01)`).
    pub return_reason: Option<String>,
    /// The business date it was returned.
    pub returned_on: Option<String>,
    /// Still cancellable.
    pub cancellable: bool,
    /// For a payment scheduled for a later date: what it will do instead of what its review
    /// said, when that no longer holds (found the night before its credit date, and sent to
    /// the borrower in the same words); `null` otherwise.
    pub promise_changed: Option<String>,
}

/// A payment as the API shows it.
pub(crate) fn payment_json(p: &Payment) -> PaymentJson {
    PaymentJson {
        id: p.id.0,
        confirmation: p.confirmation.clone(),
        status: p.status.as_str().to_owned(),
        amount: p.amount.to_string(),
        credit_date: p.credit_date.to_string(),
        channel: p.channel.as_str().to_owned(),
        rail: p.rail.as_str().to_owned(),
        split: p.split.map(split_json),
        decline_reason: p.decline_reason.clone(),
        return_code: p.return_code.clone(),
        return_reason: p
            .return_code
            .as_deref()
            .map(app::payments::ach::return_words),
        returned_on: p.returned_on.map(|d| d.to_string()),
        cancellable: p.status == PaymentStatus::Scheduled
            && p.rail == Rail::Ach
            && p.ach_file_date.is_none(),
        promise_changed: p
            .promise_changed
            .clone()
            .filter(|_| p.status == PaymentStatus::Scheduled),
    }
}

/// A payment made (201) or a replay of the request that made it (200, with
/// `Idempotent-Replayed: true`).
pub(crate) fn outcome(o: Outcome) -> Response {
    let status = if o.replayed {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    let mut r = (status, Json(payment_json(&o.payment))).into_response();
    if o.replayed {
        r.headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    r
}

/// `POST /api/v1/me/loans/{account_number}/payments/quote`
#[utoipa::path(
    post,
    path = "/api/v1/me/loans/{account_number}/payments/quote",
    request_body = PaymentBody,
    params(("account_number" = String, Path, description = "The 16-digit account number (one that is not valid is answered as one that is not yours)", pattern = r"^[0-9]{16}$")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "What the payment would do", body = QuoteJson),
        (status = 400, description = "A field is wrong (`field` names it)", body = ErrorBody),
        (status = 404, description = "Not one of your loans, or not your payment method", body = ErrorBody),
    )
)]
pub async fn quote(
    State(state): State<AppState>,
    me: Me,
    Path(a): Path<String>,
    JsonBody(b): JsonBody<PaymentBody>,
) -> Result<Json<QuoteJson>, ApiError> {
    let req = b.request(account(&a)?)?;
    let q = state
        .app
        .quote_payment(me.login, &req)
        .await
        .map_err(payment_error)?;
    Ok(Json(QuoteJson {
        amount: q.amount.to_string(),
        credit_date: q.credit_date.to_string(),
        moved: q.moved,
        split: split_json(q.split),
        balance_after: q.balance_after.to_string(),
    }))
}

/// `POST /api/v1/me/loans/{account_number}/payments`
#[utoipa::path(
    post,
    path = "/api/v1/me/loans/{account_number}/payments",
    request_body = PaymentBody,
    params(("account_number" = String, Path, description = "The 16-digit account number (one that is not valid is answered as one that is not yours)", pattern = r"^[0-9]{16}$"), ("Idempotency-Key" = String, Header, description = "Unique per payment (a UUID is ideal): 8 to 128 visible ASCII characters. The same key and body again answers the first result", pattern = r"^[!-~]{8,128}$", min_length = 8, max_length = 128)),
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Made (bank: scheduled until the day's file; card: posted or declined)", body = PaymentJson),
        (status = 200, description = "A replay of the same request: the first result (`Idempotent-Replayed: true`)", body = PaymentJson),
        (status = 400, description = "No or a malformed `Idempotency-Key`, or a field is wrong (`field` names it)", body = ErrorBody),
        (status = 404, description = "Not one of your loans, or not your payment method", body = ErrorBody),
        (status = 409, description = "`idempotency_key_reused`: the key was used for another request; `too_late`: past the cutoff for that date", body = ErrorBody),
        (status = 503, description = "`processor_unavailable`: the card processor did not answer; nothing was charged", body = ErrorBody),
    )
)]
pub async fn pay(
    State(state): State<AppState>,
    me: Me,
    Path(a): Path<String>,
    headers: HeaderMap,
    JsonBody(b): JsonBody<PaymentBody>,
) -> Result<Response, ApiError> {
    let key = key(&headers)?;
    let req = b.request(account(&a)?)?;
    Ok(outcome(
        state
            .app
            .make_payment(me.login, &key, &req, &me.any.client)
            .await
            .map_err(payment_error)?,
    ))
}

/// `GET /api/v1/me/payments`
#[utoipa::path(
    get,
    path = "/api/v1/me/payments",
    security(("bearer" = [])),
    responses((status = 200, description = "Pending and scheduled payments", body = [PaymentJson]))
)]
pub async fn scheduled(
    State(state): State<AppState>,
    me: Me,
) -> Result<Json<Vec<PaymentJson>>, ApiError> {
    Ok(Json(
        state
            .app
            .scheduled_payments(me.login)
            .await?
            .iter()
            .map(payment_json)
            .collect(),
    ))
}

fn payment_id(text: &str) -> Result<PaymentId, ApiError> {
    text.parse::<i64>()
        .map(PaymentId)
        .map_err(|_| ApiError::not_found("not found among yours"))
}

/// `GET /api/v1/me/payments/{payment_id}`
#[utoipa::path(
    get,
    path = "/api/v1/me/payments/{payment_id}",
    params(("payment_id" = i64, Path, description = "The payment's id (one that is not a number is answered as one that is not yours)")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The payment", body = PaymentJson),
        (status = 404, description = "Not one of yours", body = ErrorBody),
    )
)]
pub async fn payment(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
) -> Result<Json<PaymentJson>, ApiError> {
    let p = state
        .app
        .payment_of(me.login, payment_id(&id)?)
        .await?
        .ok_or_else(|| ApiError::not_found("not found among yours"))?;
    Ok(Json(payment_json(&p)))
}

/// `POST /api/v1/me/payments/{payment_id}/cancel`
#[utoipa::path(
    post,
    path = "/api/v1/me/payments/{payment_id}/cancel",
    params(("payment_id" = i64, Path, description = "The payment's id (one that is not a number is answered as one that is not yours)")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Cancelled (cancelling again is the same answer)", body = PaymentJson),
        (status = 404, description = "Not one of yours", body = ErrorBody),
        (status = 409, description = "`too_late`: already sent to the bank or posted", body = ErrorBody),
    )
)]
pub async fn cancel(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
) -> Result<Json<PaymentJson>, ApiError> {
    let p = state
        .app
        .cancel_payment(me.login, payment_id(&id)?, &me.any.client)
        .await
        .map_err(payment_error)?;
    Ok(Json(payment_json(&p)))
}
