//! Payments by phone through the API, for the lender's phone system or an agent's desktop:
//! what the console's phone desk does, under the `payments` scope, for the agent on the call,
//! named by the email they sign in to the console with (`agent_email`). That agent must have
//! verified the caller (in the console, within the last 15 minutes), exactly as the console
//! requires of itself. First the review (`…/phone-payments/review`): the quote, and the
//! versioned words the agent reads to the borrower (a bank account or card read out on the
//! call is checked and recorded here); then the payment, with the borrower's agreement to
//! those words (their version, digest and the time they were shown) and an `Idempotency-Key`.
//! A bank debit is a TEL entry, sent to the bank only once the written notice of the
//! authorization has gone to the borrower. The client is the actor (audited as
//! `client:NAME`); the evidence names the agent as the one who read the words.

use crate::AppState;
use crate::api::access::{ApiTable, Client};
use crate::api::payments::received::PhoneBankBody;
use crate::api::payments::{PaymentJson, SplitJson, key, outcome, payment_error};
use crate::errors::{ApiError, ErrorBody, JsonBody};
use crate::kit::ids::positive;
use crate::kit::time::rfc3339;
use app::api_clients::Scope;
use app::identity::IdentityError;
use app::payment_methods::BankAccountForm;
use app::payments::cards::{CardDetails, CardError};
use app::payments::phone::{
    GivenMethod, PayFrom, PhoneError, PhonePaymentRequest, PhoneReview, ScriptAgreement,
};
use app::payments::{AmountOf, PaymentError};
use app::verification::VerifiedCaller;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::Response;
use domain::account_number::AccountNumber;
use domain::loan::ExtraTo;
use domain::payment::{AmountChoice, MethodKind};
use serde::{Deserialize, Serialize};
use store::{BorrowerId, PaymentMethodId, PhoneMethodId};
use utoipa::{OpenApi, ToSchema};

/// This part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(review_phone_payment, take_phone_payment),
    components(schemas(
        PhonePaymentReviewBody,
        PhonePaymentBody,
        PhoneCardBody,
        PhoneAgreementBody,
        PhonePaymentReviewJson,
        ErrorBody
    ))
)]
pub struct PhonePaymentsApiDoc;

/// The routes, with the scope each needs.
pub(crate) fn routes(t: ApiTable) -> ApiTable {
    t.client(
        Method::POST,
        "/api/v1/borrowers/{id}/phone-payments/review",
        Scope::Payments,
        review_phone_payment,
    )
    .client(
        Method::POST,
        "/api/v1/borrowers/{id}/phone-payments",
        Scope::Payments,
        take_phone_payment,
    )
}

/// A payment by phone to review: the agent on the call, the loan, what it is paid from, how
/// much and when.
#[derive(Deserialize, ToSchema)]
pub struct PhonePaymentReviewBody {
    /// The email the agent on the call signs in to the console with. They must have verified
    /// the caller as this borrower in the last 15 minutes.
    #[schema(max_length = 254)]
    pub agent_email: String,
    /// The loan (one of the borrower's): its 16-digit account number.
    #[schema(pattern = r"^[0-9]{16}$")]
    pub account_number: String,
    /// One of the borrower's saved bank accounts or cards (`payment_methods` of
    /// `GET /api/v1/borrowers/{id}`). Send exactly one of `method_id`, `phone_method_id`,
    /// `bank_account` and `card`.
    #[serde(default)]
    pub method_id: Option<i64>,
    /// A bank account or card the borrower gave earlier on this call (the `phone_method_id`
    /// of an earlier review's answer).
    #[serde(default)]
    pub phone_method_id: Option<i64>,
    /// A bank account the borrower reads out on the call: checked as the portal checks one,
    /// and recorded as the borrower's (the answer's `phone_method_id`).
    #[serde(default)]
    pub bank_account: Option<PhoneBankBody>,
    /// A debit card the borrower reads out on the call: checked, then tokenized by the card
    /// processor (its number and security code are kept nowhere), and recorded as the
    /// borrower's (the answer's `phone_method_id`).
    #[serde(default)]
    pub card: Option<PhoneCardBody>,
    /// `due`, `past_due`, `payoff`, or an amount in dollars and cents like `"125.50"` (a
    /// leading `$` and thousands commas are allowed).
    #[schema(
        pattern = r"^(due|past_due|payoff|\$?[0-9][0-9,]*(\.[0-9]{1,2})?)$",
        max_length = 32
    )]
    pub amount: String,
    /// YYYY-MM-DD for a later date (a bank account only); omit for as soon as possible.
    #[serde(default)]
    #[schema(format = Date)]
    pub date: Option<String>,
    /// `principal` (default) or `next_installment`: where any extra goes.
    #[serde(default)]
    #[schema(pattern = r"^(principal|next_installment)$")]
    pub extra_to: Option<String>,
}

/// A debit card read out on a call.
#[derive(Deserialize, ToSchema)]
pub struct PhoneCardBody {
    /// The name on the card.
    #[schema(min_length = 1, max_length = 60)]
    pub holder_name: String,
    /// The card number.
    #[schema(pattern = r"^[0-9]{13,19}$")]
    pub number: String,
    /// Expiry month.
    #[schema(minimum = 1, maximum = 12)]
    pub exp_month: u8,
    /// Expiry year, four digits.
    #[schema(minimum = 2000, maximum = 2200)]
    pub exp_year: u16,
    /// The security code.
    #[schema(pattern = r"^[0-9]{3,4}$")]
    pub cvv: String,
    /// The cardholder's ZIP code.
    #[schema(pattern = r"^[0-9]{5}$")]
    pub zip: String,
}

/// A payment by phone to take: the reviewed payment, sent again, with the borrower's
/// agreement to the words read.
#[derive(Deserialize, ToSchema)]
pub struct PhonePaymentBody {
    /// The email the agent on the call signs in to the console with: their verification of
    /// the caller must still be live, and the evidence names them as the one who read the
    /// words.
    #[schema(max_length = 254)]
    pub agent_email: String,
    /// The loan, as reviewed.
    #[schema(pattern = r"^[0-9]{16}$")]
    pub account_number: String,
    /// The saved method, as reviewed. Send exactly one of `method_id` and `phone_method_id`.
    #[serde(default)]
    pub method_id: Option<i64>,
    /// The bank account or card given on the call, as the review's answer named it.
    #[serde(default)]
    pub phone_method_id: Option<i64>,
    /// The amount, as reviewed.
    #[schema(
        pattern = r"^(due|past_due|payoff|\$?[0-9][0-9,]*(\.[0-9]{1,2})?)$",
        max_length = 32
    )]
    pub amount: String,
    /// The date, as reviewed.
    #[serde(default)]
    #[schema(format = Date)]
    pub date: Option<String>,
    /// Where any extra goes, as reviewed.
    #[serde(default)]
    #[schema(pattern = r"^(principal|next_installment)$")]
    pub extra_to: Option<String>,
    /// The borrower's agreement to the words the review gave.
    pub authorization: PhoneAgreementBody,
}

/// The borrower's agreement to the words the agent read, as the review gave them.
#[derive(Deserialize, ToSchema)]
pub struct PhoneAgreementBody {
    /// The review's `script_version`.
    #[schema(max_length = 64)]
    pub script_version: String,
    /// The review's `read_at_us`: the words must have been shown no more than 30 minutes ago.
    pub read_at_us: i64,
    /// The review's `digest`: the words made again now must be exactly those (the same
    /// amount, date, method and promises), or nothing is taken.
    #[schema(pattern = r"^[0-9a-f]{64}$")]
    pub digest: String,
    /// The borrower agreed to the words, as read.
    pub borrower_agreed: bool,
}

/// A payment by phone reviewed: what it would do, and the words the agent reads.
#[derive(Serialize, ToSchema)]
pub struct PhonePaymentReviewJson {
    /// The saved method it is paid from, when one was named.
    pub method_id: Option<i64>,
    /// The bank account or card given on the call it is paid from (recorded by this review
    /// when the body read one out): send it as `phone_method_id` with the payment.
    pub phone_method_id: Option<i64>,
    /// `bank` (a TEL debit in its credit date's ACH file) or `card` (charged at once).
    pub method_kind: String,
    /// The method as the words name it ("checking account ending in 2345").
    pub method: String,
    /// The amount.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub amount: String,
    /// The business day it is credited as of.
    #[schema(format = Date)]
    pub credit_date: String,
    /// Later than asked (after today's cutoff, or not a business day).
    pub moved: bool,
    /// The projected split (other pending payments counted first).
    pub split: SplitJson,
    /// The loan's balance after it, as projected.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub balance_after: String,
    /// The version of the words: send it back in `authorization.script_version`.
    pub script_version: String,
    /// The words the agent reads to the borrower, word for word.
    pub script: String,
    /// The digest of the words: send it back in `authorization.digest`.
    #[schema(pattern = r"^[0-9a-f]{64}$")]
    pub digest: String,
    /// When the words were shown (epoch microseconds): send it back in
    /// `authorization.read_at_us`.
    pub read_at_us: i64,
    /// Where the written notice of the authorization goes, masked (`m••••@example.com`, or
    /// `your message center`); null when nowhere, and then only a card can be taken.
    pub notice_to: Option<String>,
    /// `email` or `portal`; null with `notice_to`.
    pub notice_channel: Option<String>,
    /// The staff member whose verification of the caller the payment rests on.
    pub verified_by: String,
    /// RFC 3339 instant that verification lapses.
    pub verified_until: String,
}

/// The borrower of a path: text that is not an id names one that does not exist.
fn borrower_id(text: &str) -> Result<BorrowerId, ApiError> {
    positive(text)
        .map(BorrowerId)
        .ok_or_else(|| ApiError::not_found("no borrower with this id"))
}

/// A refusal of a request by phone as the API answers it.
fn phone_error(e: PhoneError) -> ApiError {
    match e {
        PhoneError::Payment(PaymentError::NotFound) => ApiError::not_found(
            "No borrower with this id, or the loan or the payment method is not theirs",
        ),
        PhoneError::Payment(p) => payment_error(p),
        PhoneError::Method(i) => method_error(i, "bank_account"),
        PhoneError::NotVerified => ApiError::new(
            StatusCode::FORBIDDEN,
            "caller_not_verified",
            "The agent named by agent_email has not verified this borrower as the caller in the last 15 minutes (or is not an active staff member): verify the caller in the console first",
        ),
        PhoneError::AgreementNeeded => ApiError::field(
            "authorization.borrower_agreed",
            "Read the words to the borrower, and send true once they agree",
        ),
        e @ PhoneError::ScriptChanged { .. } => ApiError::new(
            StatusCode::CONFLICT,
            "script_changed",
            format!("{e}. Nothing was taken: review again"),
        ),
        e @ PhoneError::NeedsSupervisor { .. } => {
            ApiError::new(StatusCode::FORBIDDEN, "needs_supervisor", e.to_string())
        }
        e @ PhoneError::ScriptStale => ApiError::new(
            StatusCode::CONFLICT,
            "script_stale",
            format!("{e}. Nothing was taken"),
        ),
        PhoneError::Denied(d) => {
            ApiError::new(StatusCode::FORBIDDEN, "insufficient_scope", d.to_string())
        }
        PhoneError::Store(s) => ApiError::internal(&s),
        e @ (PhoneError::NoNoticeChannel
        | PhoneError::CallReferenceNeeded
        | PhoneError::NoAutopay) => ApiError::bad_request(e.to_string()),
    }
}

/// A refusal of the bank account or card read out (the body's `object`: `bank_account` or
/// `card`), naming the field inside it.
fn method_error(e: IdentityError, object: &str) -> ApiError {
    match e {
        IdentityError::Store(s) => ApiError::internal(&s),
        IdentityError::CardProcessorUnavailable
        | IdentityError::CardRefused(CardError::Unavailable(_)) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "processor_unavailable",
            e.to_string(),
        ),
        other => match crate::kit::identity_refusals::form_field(&other) {
            Some(field) => {
                let field = match field {
                    "card_number" => "number",
                    "expiry" => "exp_month",
                    "confirm_account_number" => "account_number",
                    f => f,
                };
                ApiError::field(&format!("{object}.{field}"), other.to_string())
            }
            None => ApiError::bad_request(other.to_string()),
        },
    }
}

/// The loan, amount, date and extra of a request by phone, as its body sends them.
struct Terms {
    account: AccountNumber,
    amount: AmountChoice,
    date: Option<jiff::civil::Date>,
    extra: ExtraTo,
}

impl Terms {
    fn parse(
        account_number: &str,
        amount: &str,
        date: Option<&str>,
        extra_to: Option<&str>,
    ) -> Result<Terms, ApiError> {
        let account = account_number
            .parse::<AccountNumber>()
            .map_err(|e| ApiError::field("account_number", e.to_string()))?;
        let amount = match amount {
            "due" => AmountChoice::AmountDue,
            "past_due" => AmountChoice::PastDue,
            "payoff" => AmountChoice::Payoff,
            other => AmountChoice::Other(
                app::payments::parse_amount(AmountOf::Payment, other).map_err(payment_error)?,
            ),
        };
        let date = date
            .map(|d| {
                d.parse::<jiff::civil::Date>()
                    .map_err(|_| ApiError::field("date", "Use YYYY-MM-DD"))
            })
            .transpose()?;
        let extra = match extra_to {
            None | Some("principal") => ExtraTo::Principal,
            Some("next_installment") => ExtraTo::NextInstallment,
            Some(_) => {
                return Err(ApiError::field(
                    "extra_to",
                    "Send `principal` or `next_installment`",
                ));
            }
        };
        Ok(Terms {
            account,
            amount,
            date,
            extra,
        })
    }

    /// The request, paid from `method`.
    fn paid_from(&self, method: PayFrom) -> PhonePaymentRequest {
        PhonePaymentRequest {
            account: self.account,
            method,
            amount: self.amount,
            date: self.date,
            extra: self.extra,
        }
    }
}

/// A saved method or one given earlier on the call, as a body names it: exactly one.
fn named_method(method_id: Option<i64>, phone_method_id: Option<i64>) -> Option<PayFrom> {
    match (method_id, phone_method_id) {
        (Some(id), None) => Some(PayFrom::Saved(PaymentMethodId(id))),
        (None, Some(id)) => Some(PayFrom::Given(PhoneMethodId(id))),
        _ => None,
    }
}

/// What a review's body says the borrower pays from.
enum Chosen {
    /// A saved method, or one given earlier on the call.
    Named(PayFrom),
    /// A bank account or card read out now, to check and record.
    ReadOut(GivenMethod),
}

/// The review body's method: exactly one of its four ways.
fn chosen(
    method_id: Option<i64>,
    phone_method_id: Option<i64>,
    bank_account: Option<PhoneBankBody>,
    card: Option<PhoneCardBody>,
) -> Result<Chosen, ApiError> {
    let one = || {
        ApiError::field(
            "method_id",
            "Send exactly one of method_id, phone_method_id, bank_account and card",
        )
    };
    match (bank_account, card) {
        (None, None) => named_method(method_id, phone_method_id)
            .map(Chosen::Named)
            .ok_or_else(one),
        (Some(a), None) if method_id.is_none() && phone_method_id.is_none() => {
            // The API takes the account number once: it is its own confirmation.
            Ok(Chosen::ReadOut(GivenMethod::Bank(BankAccountForm {
                nickname: String::new(),
                holder_name: a.holder_name,
                routing_number: a.routing_number,
                confirm_account_number: a.account_number.clone(),
                account_number: a.account_number,
                account_type: a.account_type,
            })))
        }
        (None, Some(c)) if method_id.is_none() && phone_method_id.is_none() => {
            Ok(Chosen::ReadOut(GivenMethod::Card {
                holder_name: c.holder_name,
                card: CardDetails {
                    number: c.number.chars().filter(char::is_ascii_digit).collect(),
                    exp_month: c.exp_month,
                    exp_year: c.exp_year,
                    cvv: c.cvv.trim().to_owned(),
                    zip: c.zip.trim().to_owned(),
                },
            }))
        }
        _ => Err(one()),
    }
}

/// The answer to a review.
fn review_json(from: PayFrom, pass: &VerifiedCaller, r: PhoneReview) -> PhonePaymentReviewJson {
    let q = r.quote;
    let (method_id, phone_method_id) = match from {
        PayFrom::Saved(id) => (Some(id.0), None),
        PayFrom::Given(id) => (None, Some(id.0)),
    };
    PhonePaymentReviewJson {
        method_id,
        phone_method_id,
        method_kind: q.method_kind.as_str().to_owned(),
        method: q.method_words,
        amount: q.amount.to_string(),
        credit_date: q.credit_date.to_string(),
        moved: q.moved,
        split: SplitJson {
            fees: q.split.fees.to_string(),
            interest: q.split.interest.to_string(),
            principal: q.split.principal.to_string(),
            unapplied: q.split.unapplied.to_string(),
        },
        balance_after: q.balance_after.to_string(),
        script_version: r.script.version.to_owned(),
        script: r.script.text,
        digest: r.digest,
        read_at_us: r.read_at_us,
        notice_to: r.notice_to.as_ref().map(|to| to.masked()),
        notice_channel: r.notice_to.as_ref().map(|to| to.channel_name().to_owned()),
        verified_by: pass.staff_name.clone(),
        verified_until: rfc3339(pass.until_us),
    }
}

/// `POST /api/v1/borrowers/{id}/phone-payments/review`
// Its security (the `payments` scope), 401 and 403 come from the route table (`api::routes`).
#[utoipa::path(
    post,
    path = "/api/v1/borrowers/{id}/phone-payments/review",
    request_body = PhonePaymentReviewBody,
    params(("id" = i64, Path, description = "The borrower's id (text that is not a positive whole number in plain digits is answered as one that does not exist)")),
    responses(
        (status = 200, description = "What the payment would do, and the words the agent reads to the borrower (a bank account or card read out is recorded: its `phone_method_id`)", body = PhonePaymentReviewJson),
        (status = 400, description = "A field is wrong (`field` names it: `amount`, `date`, `bank_account.routing_number`, `card.number`, …), or not exactly one method", body = ErrorBody),
        (status = 403, description = "`caller_not_verified`: the agent named has not verified this borrower as the caller in the last 15 minutes; `insufficient_scope`: the token lacks the `payments` scope", body = ErrorBody),
        (status = 404, description = "No borrower with this id, or the loan or the payment method is not theirs", body = ErrorBody),
        (status = 503, description = "`processor_unavailable`: the card processor did not answer; the card was not recorded", body = ErrorBody),
    )
)]
pub async fn review_phone_payment(
    Client(client): Client,
    State(state): State<AppState>,
    Path(id): Path<String>,
    JsonBody(b): JsonBody<PhonePaymentReviewBody>,
) -> Result<Json<PhonePaymentReviewJson>, ApiError> {
    let borrower = borrower_id(&id)?;
    let terms = Terms::parse(
        &b.account_number,
        &b.amount,
        b.date.as_deref(),
        b.extra_to.as_deref(),
    )?;
    let chosen = chosen(b.method_id, b.phone_method_id, b.bank_account, b.card)?;
    let actor = client.actor();
    let agent = b.agent_email.as_str();
    // The caller's verification first: nothing is quoted, checked or recorded without it.
    let pass = state
        .app
        .agent_verification(&actor, agent, borrower)
        .await
        .map_err(phone_error)?;
    let from = match chosen {
        Chosen::Named(from) => from,
        Chosen::ReadOut(given) => {
            let (kind, object) = match given {
                GivenMethod::Bank(_) => (MethodKind::Bank, "bank_account"),
                GivenMethod::Card { .. } => (MethodKind::Card, "card"),
            };
            // The loan, amount and date are checked before anything read out is recorded
            // (the quote does not read the method).
            state
                .app
                .quote_phone_payment(&actor, borrower, &terms.paid_from(placeholder()), kind)
                .await
                .map_err(phone_error)?;
            let id = state
                .app
                .record_phone_method_for(&actor, agent, borrower, &given)
                .await
                .map_err(|e| match e {
                    PhoneError::Method(i) => method_error(i, object),
                    other => phone_error(other),
                })?;
            PayFrom::Given(id)
        }
    };
    let review = state
        .app
        .review_phone_payment_for(&actor, agent, borrower, &terms.paid_from(from))
        .await
        .map_err(phone_error)?;
    Ok(Json(review_json(from, &pass, review)))
}

/// The method of a quote made before the method read out is recorded (the quote reads only
/// its kind).
fn placeholder() -> PayFrom {
    PayFrom::Saved(PaymentMethodId(0))
}

/// `POST /api/v1/borrowers/{id}/phone-payments`
// Its security (the `payments` scope), 401 and 403 come from the route table (`api::routes`).
#[utoipa::path(
    post,
    path = "/api/v1/borrowers/{id}/phone-payments",
    request_body = PhonePaymentBody,
    params(
        ("id" = i64, Path, description = "The borrower's id (text that is not a positive whole number in plain digits is answered as one that does not exist)"),
        ("Idempotency-Key" = String, Header, description = "Unique per payment (a UUID is ideal): 8 to 128 visible ASCII characters. The same key and body again answers the first result", pattern = r"^[!-~]{8,128}$", min_length = 8, max_length = 128)
    ),
    responses(
        (status = 201, description = "Taken (bank: a TEL debit, scheduled until the ACH file of its credit date, and sent only once the written notice has gone to the borrower; card: posted or declined)", body = PaymentJson),
        (status = 200, description = "A replay of the same request: the first result (`Idempotent-Replayed: true`)", body = PaymentJson),
        (status = 400, description = "No or a malformed `Idempotency-Key`, a field is wrong (`field` names it; `authorization.borrower_agreed` when the borrower's agreement is not sent), not exactly one method, or no email or portal sign-in to send the written notice a bank debit needs", body = ErrorBody),
        (status = 403, description = "`caller_not_verified`: the agent named has not verified this borrower as the caller in the last 15 minutes; `insufficient_scope`: the token lacks the `payments` scope", body = ErrorBody),
        (status = 404, description = "No borrower with this id, or the loan or the payment method is not theirs", body = ErrorBody),
        (status = 409, description = "`script_changed`: the words made now are not those reviewed (the amount, a date or the method changed): nothing was taken, review again; `script_stale`: reviewed more than 30 minutes ago; `idempotency_key_reused`: the key was used for another request", body = ErrorBody),
        (status = 503, description = "`processor_unavailable`: the card processor did not answer; nothing was charged", body = ErrorBody),
    )
)]
pub async fn take_phone_payment(
    Client(client): Client,
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    JsonBody(b): JsonBody<PhonePaymentBody>,
) -> Result<Response, ApiError> {
    let borrower = borrower_id(&id)?;
    let key = key(&headers)?;
    let terms = Terms::parse(
        &b.account_number,
        &b.amount,
        b.date.as_deref(),
        b.extra_to.as_deref(),
    )?;
    let from = named_method(b.method_id, b.phone_method_id).ok_or_else(|| {
        ApiError::field(
            "method_id",
            "Send exactly one of method_id and phone_method_id, as reviewed",
        )
    })?;
    let agreed = ScriptAgreement {
        version: b.authorization.script_version,
        read_at_us: b.authorization.read_at_us,
        digest: b.authorization.digest,
        borrower_agreed: b.authorization.borrower_agreed,
    };
    let taken = state
        .app
        .take_phone_payment_for(
            &client.actor(),
            &b.agent_email,
            borrower,
            &key,
            &terms.paid_from(from),
            &agreed,
        )
        .await
        .map_err(phone_error)?;
    Ok(outcome(taken))
}
