//! Payments under `/api/v1`: the borrower's (quote, pay, list, cancel, AutoPay, cards) with
//! their session token, and the operator's staff-posted payments with an API token holding the
//! `payments` scope. Every request that moves money needs an `Idempotency-Key` header: the
//! same key and body again returns the first result (with `Idempotent-Replayed: true`); the
//! same key with another body is refused with 409.

use crate::AppState;
use crate::api::access::Client;
use crate::api::borrower::Me;
use crate::errors::{ApiError, ErrorBody, JsonBody};
use crate::kit::Table;
use app::payments::PaymentError;
use app::payments::autopay::AutopayRequest;
use app::payments::cards::CardDetails;
use app::payments::one_time::{AmountChoice, PaymentRequest};
use app::payments::staff::{Outcome, STAFF_CHANNELS, StaffPayment};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::account_number::AccountNumber;
use domain::loan::ExtraTo;
use domain::payment::{PaymentChannel, PaymentStatus, Rail};
use serde::{Deserialize, Serialize};
use store::{Autopay, Payment, PaymentId, PaymentMethodId};
use utoipa::{OpenApi, ToSchema};

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
        add_card,
        staff_payment
    ),
    components(schemas(
        PaymentBody,
        QuoteJson,
        PaymentJson,
        SplitJson,
        AutopayBody,
        AutopayJson,
        AuthorizationJson,
        CardBody,
        StaffPaymentBody,
        PhoneBankBody
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
    .post("/api/v1/me/payment-methods/cards", true, add_card)
}

fn payment_error(e: PaymentError) -> ApiError {
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
        PaymentError::Field { field, message } => {
            ApiError::bad_request(format!("{field}: {message}"))
        }
        PaymentError::Denied(d) => {
            ApiError::new(StatusCode::FORBIDDEN, "insufficient_scope", d.to_string())
        }
    }
}

/// A borrower's account number from the path: one that is not valid is answered as one that
/// is not theirs (as the borrower API's loan routes do).
fn account(text: &str) -> Result<AccountNumber, ApiError> {
    text.parse()
        .map_err(|_| ApiError::not_found("not found among yours"))
}

fn key(headers: &HeaderMap) -> Result<String, ApiError> {
    headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .ok_or_else(|| {
            ApiError::bad_request(
                "Idempotency-Key: send a unique key (a UUID) with every request that moves money",
            )
        })
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
                app::payments::parse_amount("amount", other).map_err(payment_error)?,
            ),
        };
        let date = self
            .date
            .as_deref()
            .map(|d| {
                d.parse()
                    .map_err(|_| ApiError::bad_request("date: use YYYY-MM-DD"))
            })
            .transpose()?;
        let extra = match self.extra_to.as_deref() {
            None | Some("principal") => ExtraTo::Principal,
            Some("next_installment") => ExtraTo::NextInstallment,
            Some(_) => {
                return Err(ApiError::bad_request(
                    "extra_to: `principal` or `next_installment`",
                ));
            }
        };
        Ok(PaymentRequest {
            account,
            method: PaymentMethodId(self.method_id),
            amount,
            date,
            extra,
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
    }
}

fn outcome(o: Outcome) -> Response {
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
        (status = 400, description = "A field is wrong (the message names it)", body = ErrorBody),
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
        (status = 400, description = "No or a malformed `Idempotency-Key`, or a field is wrong (the message names it)", body = ErrorBody),
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

/// AutoPay choices.
#[derive(Deserialize, ToSchema)]
pub struct AutopayBody {
    /// The bank account's or card's id.
    pub method_id: i64,
    /// A fixed amount like `"300.00"` (at least the scheduled payment); omit for the scheduled payment.
    #[serde(default)]
    #[schema(pattern = r"^\$?[0-9][0-9,]*(\.[0-9]{1,2})?$", max_length = 32)]
    pub fixed_amount: Option<String>,
    /// Draft 0 (the due date) to 15 days before the due date.
    #[serde(default)]
    #[schema(maximum = 15)]
    pub days_before_due: u8,
    /// Must be true on `PUT`: the borrower agreed to the authorization text shown them.
    #[serde(default)]
    pub agree: bool,
}

impl AutopayBody {
    fn request(&self, account: AccountNumber) -> Result<AutopayRequest, ApiError> {
        Ok(AutopayRequest {
            account,
            method: PaymentMethodId(self.method_id),
            fixed_amount: self
                .fixed_amount
                .as_deref()
                .map(|f| app::payments::parse_amount("fixed_amount", f).map_err(payment_error))
                .transpose()?,
            days_before_due: self.days_before_due,
        })
    }
}

/// A live AutoPay.
#[derive(Serialize, ToSchema)]
pub struct AutopayJson {
    /// The drafted method's id.
    pub method_id: i64,
    /// The fixed amount, or none for the scheduled payment.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub fixed_amount: Option<String>,
    /// Days before the due date.
    pub days_before_due: u8,
    /// The words agreed to.
    pub authorization_text: String,
    /// Their version.
    pub authorization_version: String,
}

fn autopay_json(a: &Autopay) -> AutopayJson {
    AutopayJson {
        method_id: a.method.0,
        fixed_amount: a.fixed_amount.map(|m| m.to_string()),
        days_before_due: a.days_before_due,
        authorization_text: a.text.clone(),
        authorization_version: a.version.clone(),
    }
}

/// The words to show before enrolling.
#[derive(Serialize, ToSchema)]
pub struct AuthorizationJson {
    /// Show these to the borrower; `PUT` with `agree: true` records them.
    pub authorization_text: String,
}

/// `GET /api/v1/me/loans/{account_number}/autopay`
#[utoipa::path(
    get,
    path = "/api/v1/me/loans/{account_number}/autopay",
    params(("account_number" = String, Path, description = "The 16-digit account number (one that is not valid is answered as one that is not yours)", pattern = r"^[0-9]{16}$")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The live AutoPay", body = AutopayJson),
        (status = 404, description = "None, or not one of your loans", body = ErrorBody),
    )
)]
pub async fn get_autopay(
    State(state): State<AppState>,
    me: Me,
    Path(a): Path<String>,
) -> Result<Json<AutopayJson>, ApiError> {
    let live = state
        .app
        .autopay_of(me.login, account(&a)?)
        .await?
        .ok_or_else(|| ApiError::not_found("not found among yours"))?;
    Ok(Json(autopay_json(&live)))
}

/// `POST /api/v1/me/loans/{account_number}/autopay/authorization`
#[utoipa::path(
    post,
    path = "/api/v1/me/loans/{account_number}/autopay/authorization",
    request_body = AutopayBody,
    params(("account_number" = String, Path, description = "The 16-digit account number (one that is not valid is answered as one that is not yours)", pattern = r"^[0-9]{16}$")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The authorization to show", body = AuthorizationJson),
        (status = 400, description = "A field is wrong (the message names it)", body = ErrorBody),
        (status = 404, description = "Not one of your loans, or not your payment method", body = ErrorBody),
    )
)]
pub async fn autopay_authorization(
    State(state): State<AppState>,
    me: Me,
    Path(a): Path<String>,
    JsonBody(b): JsonBody<AutopayBody>,
) -> Result<Json<AuthorizationJson>, ApiError> {
    let req = b.request(account(&a)?)?;
    let authorization_text = state
        .app
        .autopay_authorization(me.login, &req)
        .await
        .map_err(payment_error)?;
    Ok(Json(AuthorizationJson { authorization_text }))
}

/// `PUT /api/v1/me/loans/{account_number}/autopay`
#[utoipa::path(
    put,
    path = "/api/v1/me/loans/{account_number}/autopay",
    request_body = AutopayBody,
    params(("account_number" = String, Path, description = "The 16-digit account number (one that is not valid is answered as one that is not yours)", pattern = r"^[0-9]{16}$")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Enrolled or changed", body = AutopayJson),
        (status = 400, description = "A field is wrong, or `agree` is not true", body = ErrorBody),
        (status = 404, description = "Not one of your loans, or not your payment method", body = ErrorBody),
    )
)]
pub async fn put_autopay(
    State(state): State<AppState>,
    me: Me,
    Path(a): Path<String>,
    JsonBody(b): JsonBody<AutopayBody>,
) -> Result<Json<AutopayJson>, ApiError> {
    if !b.agree {
        return Err(ApiError::bad_request(
            "agree: show the borrower the authorization text and send agree: true",
        ));
    }
    let req = b.request(account(&a)?)?;
    let live = state
        .app
        .enroll_autopay(me.login, &req, &me.any.client)
        .await
        .map_err(payment_error)?;
    Ok(Json(autopay_json(&live)))
}

/// `DELETE /api/v1/me/loans/{account_number}/autopay`
#[utoipa::path(
    delete,
    path = "/api/v1/me/loans/{account_number}/autopay",
    params(("account_number" = String, Path, description = "The 16-digit account number (one that is not valid is answered as one that is not yours)", pattern = r"^[0-9]{16}$")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Cancelled"),
        (status = 404, description = "None, or not one of your loans", body = ErrorBody),
    )
)]
pub async fn delete_autopay(
    State(state): State<AppState>,
    me: Me,
    Path(a): Path<String>,
) -> Result<StatusCode, ApiError> {
    state
        .app
        .cancel_autopay(me.login, account(&a)?, &me.any.client)
        .await
        .map_err(payment_error)?;
    Ok(StatusCode::NO_CONTENT)
}

/// A debit card to save (sent on to the card processor; never stored).
#[derive(Deserialize, ToSchema)]
pub struct CardBody {
    /// The name on the card.
    #[schema(min_length = 1, max_length = 60)]
    pub holder_name: String,
    /// A name for it (optional).
    #[serde(default)]
    #[schema(max_length = 40)]
    pub nickname: String,
    /// The card number.
    #[schema(pattern = r"^[0-9]{13,19}$")]
    pub number: String,
    /// Expiry month.
    #[schema(minimum = 1, maximum = 12)]
    pub exp_month: u8,
    /// Expiry year (four digits).
    #[schema(minimum = 2000, maximum = 2200)]
    pub exp_year: u16,
    /// The security code.
    #[schema(pattern = r"^[0-9]{3,4}$")]
    pub cvv: String,
    /// Billing ZIP.
    #[schema(pattern = r"^[0-9]{5}$")]
    pub zip: String,
}

/// `POST /api/v1/me/payment-methods/cards`
#[utoipa::path(
    post,
    path = "/api/v1/me/payment-methods/cards",
    request_body = CardBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Saved (the processor's token)", body = crate::api::borrower::CreatedJson),
        (status = 400, description = "A field is wrong (the message names it), or the card processor did not answer", body = ErrorBody),
    )
)]
pub async fn add_card(
    State(state): State<AppState>,
    me: Me,
    JsonBody(b): JsonBody<CardBody>,
) -> Result<(StatusCode, Json<crate::api::borrower::CreatedJson>), ApiError> {
    let card = CardDetails {
        number: b.number.chars().filter(char::is_ascii_digit).collect(),
        exp_month: b.exp_month,
        exp_year: b.exp_year,
        cvv: b.cvv,
        zip: b.zip,
    };
    let id = state
        .app
        .add_card(
            &me.any.session,
            &b.nickname,
            &b.holder_name,
            &card,
            &me.any.client,
        )
        .await
        .map_err(|e| match e {
            app::identity::IdentityError::Store(s) => ApiError::internal(&s),
            app::identity::IdentityError::Field { field, message } => {
                ApiError::bad_request(format!("{field}: {message}"))
            }
            other => ApiError::bad_request(other.to_string()),
        })?;
    Ok((
        StatusCode::CREATED,
        Json(crate::api::borrower::CreatedJson { id: id.0 }),
    ))
}

/// A payment staff received.
#[derive(Deserialize, ToSchema)]
pub struct StaffPaymentBody {
    /// The amount in dollars and cents, like `"242.84"` (a leading `$` and thousands commas
    /// are allowed).
    #[schema(pattern = r"^\$?[0-9][0-9,]*(\.[0-9]{1,2})?$", max_length = 32)]
    pub amount: String,
    /// `lockbox`, `mail`, `bill_pay`, `staff` (collected by phone), or `phone` with `bank_account`.
    #[schema(pattern = r"^(lockbox|mail|bill_pay|staff|phone)$")]
    pub channel: String,
    /// The business day received (YYYY-MM-DD; default today).
    #[serde(default)]
    #[schema(format = Date)]
    pub received_on: Option<String>,
    /// `principal` (default) or `next_installment`.
    #[serde(default)]
    #[schema(pattern = r"^(principal|next_installment)$")]
    pub extra_to: Option<String>,
    /// With channel `phone`: the bank account the borrower authorized by phone. The payment
    /// is then a TEL debit in the day's ACH file, pending until it goes out.
    #[serde(default)]
    pub bank_account: Option<PhoneBankBody>,
}

/// A bank account given by phone.
#[derive(Deserialize, ToSchema)]
pub struct PhoneBankBody {
    /// The name on the account.
    #[schema(min_length = 1, max_length = 60)]
    pub holder_name: String,
    /// 9 digits.
    #[schema(pattern = r"^[0-9]{9}$")]
    pub routing_number: String,
    /// 4 to 17 digits.
    #[schema(pattern = r"^[0-9]{4,17}$")]
    pub account_number: String,
    /// `checking` or `savings`.
    #[schema(pattern = r"^(checking|savings)$")]
    pub account_type: String,
}

/// `POST /api/v1/loans/{account_number}/payments`: a payment received by staff, posted now.
// Its security (the `payments` scope), 401 and 403 come from the route table (`api::routes`).
#[utoipa::path(
    post,
    path = "/api/v1/loans/{account_number}/payments",
    request_body = StaffPaymentBody,
    params(
        ("account_number" = String, Path, description = "The 16-digit account number: 15 digits and a Luhn check digit (spaces and dashes between the digits are ignored)", pattern = r"^[0-9]{16}$"),
        ("Idempotency-Key" = String, Header, description = "Unique per payment (for a lockbox item, its batch and item number): 8 to 128 visible ASCII characters. The same key and body again answers the first result", pattern = r"^[!-~]{8,128}$", min_length = 8, max_length = 128)
    ),
    responses(
        (status = 201, description = "Posted (a phone payment: pending until the day's ACH file)", body = PaymentJson),
        (status = 200, description = "A replay of the same request: the first result (`Idempotent-Replayed: true`)", body = PaymentJson),
        (status = 400, description = "No or a malformed `Idempotency-Key`, a malformed account number, or a field is wrong (the message names it)", body = ErrorBody),
        (status = 404, description = "No loan with this account number", body = ErrorBody),
        (status = 409, description = "`idempotency_key_reused`: the key was used for another request", body = ErrorBody),
    )
)]
pub async fn staff_payment(
    Client(client): Client,
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(a): Path<String>,
    JsonBody(b): JsonBody<StaffPaymentBody>,
) -> Result<Response, ApiError> {
    let key = key(&headers)?;
    let channel = PaymentChannel::parse(&b.channel)
        .filter(|c| STAFF_CHANNELS.contains(c))
        .ok_or_else(|| {
            let choices: Vec<&str> = STAFF_CHANNELS.iter().map(|c| c.as_str()).collect();
            ApiError::bad_request(format!("channel: one of {}", choices.join(", ")))
        })?;
    let p = StaffPayment {
        account: a
            .parse()
            .map_err(|e| ApiError::bad_request(format!("account_number: {e}")))?,
        amount: app::payments::parse_amount("amount", &b.amount).map_err(payment_error)?,
        channel,
        received_on: b
            .received_on
            .as_deref()
            .map(|d| {
                d.parse()
                    .map_err(|_| ApiError::bad_request("received_on: use YYYY-MM-DD"))
            })
            .transpose()?,
        extra: match b.extra_to.as_deref() {
            None | Some("principal") => ExtraTo::Principal,
            Some("next_installment") => ExtraTo::NextInstallment,
            Some(_) => {
                return Err(ApiError::bad_request(
                    "extra_to: `principal` or `next_installment`",
                ));
            }
        },
        bank: b.bank_account.map(|a| app::payments::staff::PhoneBank {
            holder_name: a.holder_name,
            routing_number: a.routing_number,
            account_number: a.account_number,
            account_type: a.account_type,
        }),
    };
    let o = state
        .app
        .post_staff_payment(&client.actor(), &key, &p)
        .await
        .map_err(|e| match e {
            PaymentError::NotFound => ApiError::not_found(format!(
                "no loan with account number ending {}",
                p.account.last4()
            )),
            other => payment_error(other),
        })?;
    Ok(outcome(o))
}
