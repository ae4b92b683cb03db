//! AutoPay: the authorization to show, enrolling or changing it, reading it and cancelling it.

use super::{account, date, payment_error};
use crate::AppState;
use crate::api::borrower::Me;
use crate::errors::{ApiError, ErrorBody, JsonBody};
use app::payments::PaymentError;
use app::payments::autopay::{AutopayRequest, cadence_of, timing_words};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use domain::account_number::AccountNumber;
use domain::autopay::{Cadence, DEFAULT_TWICE_MONTHLY_DAYS};
use serde::{Deserialize, Serialize};
use store::{Autopay, PaymentMethodId};
use utoipa::ToSchema;

/// AutoPay choices.
#[derive(Deserialize, ToSchema)]
pub struct AutopayBody {
    /// The bank account's or card's id.
    pub method_id: i64,
    /// A fixed amount like `"300.00"` (at least the scheduled payment); omit for the scheduled payment.
    #[serde(default)]
    #[schema(pattern = r"^\$?[0-9][0-9,]*(\.[0-9]{1,2})?$", max_length = 32)]
    pub fixed_amount: Option<String>,
    /// Monthly AutoPay: draft 0 (the due date) to 15 days before the due date.
    #[serde(default)]
    #[schema(maximum = 15)]
    pub days_before_due: u8,
    /// How often: `monthly` (the default), or, where the loan's product allows it,
    /// `twice_monthly` or `biweekly`: each draft half the payment, the last before each due
    /// date at least what is left of that payment, the extra to principal.
    #[serde(default)]
    #[schema(pattern = r"^(monthly|twice_monthly|biweekly)$", max_length = 16)]
    pub frequency: Option<String>,
    /// Twice a month: the first day of the month it drafts on, 1 to 28 (default 1).
    #[serde(default)]
    #[schema(minimum = 1, maximum = 28)]
    pub first_day: Option<u8>,
    /// Twice a month: the second day, at least 10 days from the first both ways round the
    /// month (default 15).
    #[serde(default)]
    #[schema(minimum = 1, maximum = 28)]
    pub second_day: Option<u8>,
    /// Every other week: the first draft date, YYYY-MM-DD, from the next business day to 14
    /// days ahead; or, changing a biweekly AutoPay, one of its days (its `start`) to keep them.
    #[serde(default)]
    #[schema(format = Date)]
    pub start: Option<String>,
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
                .map(|f| {
                    app::payments::parse_amount(app::payments::AmountOf::AutopayFixed, f)
                        .map_err(payment_error)
                })
                .transpose()?,
            days_before_due: self.days_before_due,
            cadence: cadence_of(
                self.frequency.as_deref().unwrap_or_default(),
                match (self.first_day, self.second_day) {
                    (None, None) => None,
                    (first, second) => Some((
                        first.unwrap_or(DEFAULT_TWICE_MONTHLY_DAYS.0),
                        second.unwrap_or(DEFAULT_TWICE_MONTHLY_DAYS.1),
                    )),
                },
                date(
                    "start",
                    self.start
                        .as_deref()
                        .map(str::trim)
                        .filter(|s| !s.is_empty()),
                )?,
            )
            .map_err(|e| match e {
                // The API's dates are YYYY-MM-DD (the portal's words say how people write them).
                PaymentError::StartUnreadable => {
                    ApiError::field("start", "Send the first draft date, YYYY-MM-DD")
                }
                e => payment_error(e),
            })?,
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
    /// Days before the due date (monthly AutoPay).
    pub days_before_due: u8,
    /// `monthly`, `twice_monthly` or `biweekly`.
    pub frequency: String,
    /// Twice a month: the two days of the month it drafts on.
    pub days: Option<Vec<u8>>,
    /// Every other week: the first draft date.
    #[schema(format = Date)]
    pub start: Option<String>,
    /// When it drafts, in words ("every other Friday starting December 11, 2026").
    pub timing: String,
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
        frequency: a.cadence.frequency().as_str().to_owned(),
        days: match a.cadence {
            Cadence::TwiceMonthly(d) => Some(vec![d.first(), d.second()]),
            _ => None,
        },
        start: match a.cadence {
            Cadence::Biweekly { start } => Some(start.to_string()),
            _ => None,
        },
        timing: timing_words(a.cadence, a.days_before_due),
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
        (status = 400, description = "A field is wrong (`field` names it)", body = ErrorBody),
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
        return Err(ApiError::field(
            "agree",
            "Show the borrower the authorization text and send agree: true",
        ));
    }
    let req = b.request(account(&a)?)?;
    let live = state
        .app
        .enroll_autopay(me.login, &req, b.agree, &me.any.client)
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
