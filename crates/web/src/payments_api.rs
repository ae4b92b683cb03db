//! Payments under `/api/v1`: the borrower's (quote, pay, list, cancel, AutoPay, cards) with
//! their session token, and the operator's staff-posted payments with an API token. Every
//! request that moves money needs an `Idempotency-Key` header: the same key and body again
//! returns the first result (with `Idempotent-Replayed: true`); the same key with another
//! body is refused with 409.

use crate::AppState;
use crate::borrower_api::Me;
use crate::errors::{ApiError, ErrorBody, JsonBody};
use crate::portal::Table;
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

/// The operator's payment routes.
pub fn operator_routes() -> axum::Router<AppState> {
    axum::Router::new().route(
        "/api/v1/loans/{account_number}/payments",
        axum::routing::post(staff_payment),
    )
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
    /// `due`, `past_due`, `payoff`, or an amount like `"125.50"`.
    pub amount: String,
    /// YYYY-MM-DD for a scheduled payment (bank accounts only); omit for today.
    #[serde(default)]
    pub date: Option<String>,
    /// `principal` (default) or `next_installment`: where any extra goes.
    #[serde(default)]
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
    pub fees: String,
    /// To interest.
    pub interest: String,
    /// To principal.
    pub principal: String,
    /// Beyond the payoff (refunded).
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
    pub amount: String,
    /// The business day it would be credited.
    pub credit_date: String,
    /// Later than asked (after the cutoff, or not a business day).
    pub moved: bool,
    /// The projected split.
    pub split: SplitJson,
    /// The balance after it.
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
    pub amount: String,
    /// Credited as of.
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
    /// Still cancellable.
    pub cancellable: bool,
}

fn payment_json(p: &Payment) -> PaymentJson {
    PaymentJson {
        id: p.id.0,
        confirmation: p.confirmation.clone(),
        status: p.status.clone(),
        amount: p.amount.to_string(),
        credit_date: p.credit_date.to_string(),
        channel: p.channel.clone(),
        rail: p.rail.clone(),
        split: p.split.map(split_json),
        decline_reason: p.decline_reason.clone(),
        return_code: p.return_code.clone(),
        cancellable: p.status == "scheduled" && p.rail == "ach" && p.ach_file_date.is_none(),
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
#[utoipa::path(post, path = "/api/v1/me/loans/{account_number}/payments/quote", request_body = PaymentBody, params(("account_number" = String, Path, description = "16 digits")), security(("bearer" = [])), responses(
    (status = 200, description = "What the payment would do", body = QuoteJson), (status = 400, description = "A field is wrong", body = ErrorBody), (status = 404, description = "Not one of your loans", body = ErrorBody)))]
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
#[utoipa::path(post, path = "/api/v1/me/loans/{account_number}/payments", request_body = PaymentBody, params(("account_number" = String, Path, description = "16 digits"), ("Idempotency-Key" = String, Header, description = "Unique per payment (a UUID)")), security(("bearer" = [])), responses(
    (status = 201, description = "Made (bank: scheduled until the day's file; card: posted or declined)", body = PaymentJson),
    (status = 200, description = "A replay of the same request: the first result", body = PaymentJson),
    (status = 400, description = "A field is wrong", body = ErrorBody), (status = 404, description = "Not one of your loans", body = ErrorBody),
    (status = 409, description = "The key was used for another request", body = ErrorBody)))]
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
#[utoipa::path(get, path = "/api/v1/me/payments", security(("bearer" = [])), responses((status = 200, description = "Pending and scheduled payments", body = [PaymentJson])))]
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
#[utoipa::path(get, path = "/api/v1/me/payments/{payment_id}", params(("payment_id" = i64, Path, description = "The payment's id")), security(("bearer" = [])), responses(
    (status = 200, description = "The payment", body = PaymentJson), (status = 404, description = "Not one of yours", body = ErrorBody)))]
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
#[utoipa::path(post, path = "/api/v1/me/payments/{payment_id}/cancel", params(("payment_id" = i64, Path, description = "The payment's id")), security(("bearer" = [])), responses(
    (status = 200, description = "Cancelled (cancelling again is the same answer)", body = PaymentJson), (status = 404, description = "Not one of yours", body = ErrorBody),
    (status = 409, description = "Already sent or posted", body = ErrorBody)))]
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
    pub fixed_amount: Option<String>,
    /// Draft 0 (the due date) to 15 days before the due date.
    #[serde(default)]
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
#[utoipa::path(get, path = "/api/v1/me/loans/{account_number}/autopay", params(("account_number" = String, Path, description = "16 digits")), security(("bearer" = [])), responses(
    (status = 200, description = "The live AutoPay", body = AutopayJson), (status = 404, description = "None, or not one of your loans", body = ErrorBody)))]
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
#[utoipa::path(post, path = "/api/v1/me/loans/{account_number}/autopay/authorization", request_body = AutopayBody, params(("account_number" = String, Path, description = "16 digits")), security(("bearer" = [])), responses(
    (status = 200, description = "The authorization to show", body = AuthorizationJson), (status = 404, description = "Not one of your loans", body = ErrorBody)))]
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
#[utoipa::path(put, path = "/api/v1/me/loans/{account_number}/autopay", request_body = AutopayBody, params(("account_number" = String, Path, description = "16 digits")), security(("bearer" = [])), responses(
    (status = 200, description = "Enrolled or changed", body = AutopayJson), (status = 400, description = "A field is wrong, or `agree` is not true", body = ErrorBody),
    (status = 404, description = "Not one of your loans", body = ErrorBody)))]
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
#[utoipa::path(delete, path = "/api/v1/me/loans/{account_number}/autopay", params(("account_number" = String, Path, description = "16 digits")), security(("bearer" = [])), responses(
    (status = 204, description = "Cancelled"), (status = 404, description = "None, or not one of your loans", body = ErrorBody)))]
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
    pub holder_name: String,
    /// A name for it (optional).
    #[serde(default)]
    pub nickname: String,
    /// The card number.
    pub number: String,
    /// Expiry month.
    pub exp_month: u8,
    /// Expiry year (four digits).
    pub exp_year: u16,
    /// The security code.
    pub cvv: String,
    /// Billing ZIP.
    pub zip: String,
}

/// `POST /api/v1/me/payment-methods/cards`
#[utoipa::path(post, path = "/api/v1/me/payment-methods/cards", request_body = CardBody, security(("bearer" = [])), responses(
    (status = 201, description = "Saved (the processor's token)", body = crate::borrower_api::CreatedJson), (status = 400, description = "A field is wrong", body = ErrorBody)))]
pub async fn add_card(
    State(state): State<AppState>,
    me: Me,
    JsonBody(b): JsonBody<CardBody>,
) -> Result<(StatusCode, Json<crate::borrower_api::CreatedJson>), ApiError> {
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
        Json(crate::borrower_api::CreatedJson { id: id.0 }),
    ))
}

/// A payment staff received.
#[derive(Deserialize, ToSchema)]
pub struct StaffPaymentBody {
    /// The amount, like `"242.84"`.
    pub amount: String,
    /// `lockbox`, `mail`, `bill_pay`, `staff` (collected by phone), or `phone` with `bank_account`.
    pub channel: String,
    /// The business day received (YYYY-MM-DD; default today).
    #[serde(default)]
    pub received_on: Option<String>,
    /// `principal` (default) or `next_installment`.
    #[serde(default)]
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
    pub holder_name: String,
    /// 9 digits.
    pub routing_number: String,
    /// 4 to 17 digits.
    pub account_number: String,
    /// `checking` or `savings`.
    pub account_type: String,
}

/// `POST /api/v1/loans/{account_number}/payments`: a payment received by staff, posted now.
#[utoipa::path(post, path = "/api/v1/loans/{account_number}/payments", request_body = StaffPaymentBody, params(("account_number" = String, Path, description = "16 digits"), ("Idempotency-Key" = String, Header, description = "Unique per payment (for a lockbox item, its batch and item number)")), security(("bearer" = [])), responses(
    (status = 201, description = "Posted", body = PaymentJson), (status = 200, description = "A replay: the first result", body = PaymentJson),
    (status = 400, description = "A field is wrong", body = ErrorBody), (status = 401, description = "No valid token", body = ErrorBody),
    (status = 404, description = "No such loan", body = ErrorBody), (status = 409, description = "The key was used for another request", body = ErrorBody)))]
pub async fn staff_payment(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(a): Path<String>,
    JsonBody(b): JsonBody<StaffPaymentBody>,
) -> Result<Response, ApiError> {
    let client = crate::api::client(&state, &headers).await?;
    let key = key(&headers)?;
    let channel = STAFF_CHANNELS
        .iter()
        .find(|c| **c == b.channel)
        .ok_or_else(|| {
            ApiError::bad_request(format!("channel: one of {}", STAFF_CHANNELS.join(", ")))
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
        .post_staff_payment(&format!("client:{client}"), &key, &p)
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
