//! The borrower's saved payment methods: bank accounts and debit cards, listed, added and
//! removed.

use super::{CreatedJson, Me, identity_error};
use crate::AppState;
use crate::errors::{ApiError, ErrorBody, JsonBody};
use crate::kit::identity_refusals::form_field;
use app::payments::cards::CardDetails;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A saved payment method.
#[derive(Serialize, ToSchema)]
pub struct PaymentMethodJson {
    /// Its id.
    pub id: i64,
    /// `bank` or `card`.
    pub kind: String,
    /// The borrower's name for it.
    pub nickname: String,
    /// The account holder.
    pub holder_name: String,
    /// Bank: routing number.
    pub routing_number: Option<String>,
    /// Bank: `checking` or `savings`.
    pub account_type: Option<String>,
    /// Last four digits (the full number is never returned).
    pub last4: String,
}

/// `GET /api/v1/me/payment-methods`
#[utoipa::path(get, path = "/api/v1/me/payment-methods", security(("bearer" = [])), responses((status = 200, description = "Saved payment methods", body = [PaymentMethodJson])))]
pub async fn payment_methods(
    State(state): State<AppState>,
    me: Me,
) -> Result<Json<Vec<PaymentMethodJson>>, ApiError> {
    Ok(Json(
        state
            .app
            .payment_methods(me.login)
            .await?
            .into_iter()
            .map(|m| PaymentMethodJson {
                id: m.id.0,
                kind: m.kind.as_str().to_owned(),
                nickname: m.nickname,
                holder_name: m.holder_name,
                routing_number: m.routing_number,
                account_type: m.account_type,
                last4: m.last4,
            })
            .collect(),
    ))
}

/// A bank account to save.
#[derive(Deserialize, ToSchema)]
pub struct BankAccountRequest {
    /// A name for it (optional).
    #[serde(default)]
    #[schema(max_length = 40)]
    pub nickname: String,
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

/// `POST /api/v1/me/payment-methods`
#[utoipa::path(post, path = "/api/v1/me/payment-methods", request_body = BankAccountRequest, security(("bearer" = [])), responses(
    (status = 201, description = "Saved", body = CreatedJson), (status = 400, description = "A field is wrong (the routing number's check digit, …)", body = ErrorBody)))]
pub async fn add_bank_account(
    State(state): State<AppState>,
    me: Me,
    JsonBody(r): JsonBody<BankAccountRequest>,
) -> Result<(StatusCode, Json<CreatedJson>), ApiError> {
    // The API takes the account number once: it is its own confirmation.
    let form = app::payment_methods::BankAccountForm {
        nickname: r.nickname,
        holder_name: r.holder_name,
        routing_number: r.routing_number,
        confirm_account_number: r.account_number.clone(),
        account_number: r.account_number,
        account_type: r.account_type,
    };
    let id = state
        .app
        .add_bank_account(&me.any.session, &form, &me.any.client)
        .await
        .map_err(identity_error)?;
    Ok((StatusCode::CREATED, Json(CreatedJson { id: id.0 })))
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
        (status = 201, description = "Saved (the processor's token)", body = CreatedJson),
        (status = 400, description = "A field is wrong (`field` names it; `number` also when this card is already saved), or the card processor did not answer", body = ErrorBody),
    )
)]
pub async fn add_card(
    State(state): State<AppState>,
    me: Me,
    JsonBody(b): JsonBody<CardBody>,
) -> Result<(StatusCode, Json<CreatedJson>), ApiError> {
    // The app checks the expiry as one field; the API takes it as two, so a refused expiry
    // names the month when the month is impossible, else the year.
    let expiry = if (1..=12).contains(&b.exp_month) {
        "exp_year"
    } else {
        "exp_month"
    };
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
        .map_err(|e| match form_field(&e) {
            Some("expiry") => ApiError::field(expiry, e.to_string()),
            _ => identity_error(e),
        })?;
    Ok((StatusCode::CREATED, Json(CreatedJson { id: id.0 })))
}

/// `DELETE /api/v1/me/payment-methods/{method_id}`
#[utoipa::path(delete, path = "/api/v1/me/payment-methods/{method_id}", params(("method_id" = i64, Path, description = "The method's id (one that is not a number is answered as one that is not yours)")), security(("bearer" = [])), responses(
    (status = 204, description = "Removed"), (status = 400, description = "An AutoPay drafts from it: change or cancel the AutoPay first", body = ErrorBody),
    (status = 404, description = "Not one of this borrower's methods", body = ErrorBody)))]
pub async fn remove_payment_method(
    State(state): State<AppState>,
    me: Me,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let not_found = || ApiError::not_found("no such payment method among yours");
    let id: i64 = id.parse().map_err(|_| not_found())?;
    if state
        .app
        .remove_payment_method(&me.any.session, store::PaymentMethodId(id), &me.any.client)
        .await
        .map_err(identity_error)?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(not_found())
    }
}
