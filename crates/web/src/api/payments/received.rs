//! The operator's payments: one received by staff (lockbox, mail, bill pay, by phone), posted
//! now, with an API token holding the `payments` scope.

use super::{PaymentJson, date, extra_to, key, outcome, payment_error};
use crate::AppState;
use crate::api::access::Client;
use crate::errors::{ApiError, ErrorBody, JsonBody};
use crate::kit::payment_refusals::form_field;
use app::payments::received::{RECEIVED_CHANNELS, ReceivedPayment};
use app::payments::{AmountOf, PaymentError};
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use domain::account_number::AccountNumber;
use domain::payment::PaymentChannel;
use serde::Deserialize;
use utoipa::ToSchema;

/// A payment staff received.
#[derive(Deserialize, ToSchema)]
pub struct ReceivedPaymentBody {
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
    request_body = ReceivedPaymentBody,
    params(
        ("account_number" = String, Path, description = "The 16-digit account number: 15 digits and a Luhn check digit (spaces and dashes between the digits are ignored)", pattern = r"^[0-9]{16}$"),
        ("Idempotency-Key" = String, Header, description = "Unique per payment (for a lockbox item, its batch and item number): 8 to 128 visible ASCII characters. The same key and body again answers the first result", pattern = r"^[!-~]{8,128}$", min_length = 8, max_length = 128)
    ),
    responses(
        (status = 201, description = "Posted (a phone payment: pending until the day's ACH file)", body = PaymentJson),
        (status = 200, description = "A replay of the same request: the first result (`Idempotent-Replayed: true`)", body = PaymentJson),
        (status = 400, description = "No or a malformed `Idempotency-Key`, a malformed account number, or a field is wrong (`field` names it)", body = ErrorBody),
        (status = 404, description = "No loan with this account number", body = ErrorBody),
        (status = 409, description = "`idempotency_key_reused`: the key was used for another request", body = ErrorBody),
    )
)]
pub async fn received_payment(
    Client(client): Client,
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(a): Path<String>,
    JsonBody(b): JsonBody<ReceivedPaymentBody>,
) -> Result<Response, ApiError> {
    let key = key(&headers)?;
    let channel = PaymentChannel::parse(&b.channel)
        .filter(|c| RECEIVED_CHANNELS.contains(c))
        .ok_or_else(|| {
            let choices: Vec<&str> = RECEIVED_CHANNELS.iter().map(|c| c.as_str()).collect();
            ApiError::field("channel", format!("One of {}", choices.join(", ")))
        })?;
    let p = ReceivedPayment {
        account: a
            .parse::<AccountNumber>()
            .map_err(|e| ApiError::field("account_number", e.to_string()))?,
        amount: app::payments::parse_amount(AmountOf::Payment, &b.amount).map_err(payment_error)?,
        channel,
        received_on: date("received_on", b.received_on.as_deref())?,
        extra: extra_to(b.extra_to.as_deref())?,
        bank: b.bank_account.map(|a| app::payments::received::PhoneBank {
            holder_name: a.holder_name,
            routing_number: a.routing_number,
            account_number: a.account_number,
            account_type: a.account_type,
        }),
    };
    let o = state
        .app
        .post_received_payment(&client.actor(), &key, &p)
        .await
        .map_err(|e| match e {
            PaymentError::NotFound => ApiError::not_found(format!(
                "no loan with account number ending {}",
                p.account.last4()
            )),
            other => match form_field(&other) {
                // The phone payment's bank account is its own object in the body.
                Some(
                    field @ ("holder_name" | "routing_number" | "account_number" | "account_type"),
                ) => ApiError::field(&format!("bank_account.{field}"), other.to_string()),
                _ => payment_error(other),
            },
        })?;
    Ok(outcome(o))
}
