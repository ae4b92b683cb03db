//! A borrower's account for the lender's and the servicer's own systems, as the console's
//! account view shows it: the account (`read`), a loan's every transaction with its split and
//! status (`read`), and the account's notes (read with `read`, written with `service`). The
//! use cases check the capability again and audit every read and write with the client's
//! name; identity facts are masked (`***-**-6789`), never whole.

use crate::AppState;
use crate::api::access::{ApiTable, Client};
use crate::api::borrower::profile::MailingAddressJson;
use crate::api::payments::{PaymentJson, SplitJson, payment_json};
use crate::errors::{ApiError, ErrorBody, JsonBody};
use crate::kit::ids::positive;
use crate::kit::time::rfc3339;
use app::account_view::{AccountError, AccountLoan, AccountView};
use app::api_clients::Scope;
use app::notes::{NoteError, NoteRequest, NoteView};
use app::portal::{Activity, LoanDetails};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::account_number::AccountNumber;
use domain::notes::NoteKind;
use domain::payment::MethodKind;
use money::Money;
use serde::{Deserialize, Serialize};
use store::{BorrowerId, NoteId, PaymentMethod};
use utoipa::{OpenApi, ToSchema};

/// This part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(
        get_borrower_account,
        get_loan_activity,
        get_borrower_notes,
        post_borrower_note
    ),
    components(schemas(
        BorrowerAccountJson,
        MailingAddressJson,
        AccountLoanJson,
        AccountAutopayJson,
        AccountStatementJson,
        AccountMethodJson,
        AccountNoteJson,
        AccountThreadJson,
        AccountSignInJson,
        AccountPreferenceJson,
        AccountConsentJson,
        StaffActionJson,
        LoanActivityJson,
        LoanActivityLineJson,
        AccountNoteBody,
        NoteCreatedJson,
        ErrorBody
    ))
)]
pub struct AccountsApiDoc;

/// The routes, with the scope each needs.
pub(crate) fn routes(t: ApiTable) -> ApiTable {
    t.client(
        Method::GET,
        "/api/v1/borrowers/{id}",
        Scope::Read,
        get_borrower_account,
    )
    .client(
        Method::GET,
        "/api/v1/loans/{account_number}/activity",
        Scope::Read,
        get_loan_activity,
    )
    .client(
        Method::GET,
        "/api/v1/borrowers/{id}/notes",
        Scope::Read,
        get_borrower_notes,
    )
    .client(
        Method::POST,
        "/api/v1/borrowers/{id}/notes",
        Scope::Service,
        post_borrower_note,
    )
}

/// The borrower of a path: text that is not an id (a positive whole number in plain digits)
/// names one that does not exist.
fn borrower_id(text: &str) -> Result<BorrowerId, ApiError> {
    positive(text)
        .map(BorrowerId)
        .ok_or_else(|| ApiError::not_found("no borrower with this id"))
}

/// A refusal of the use case's capability check (the route's scope was checked first, so
/// this is the same answer a token without the scope gets).
fn denied(d: &app::access::Denied) -> ApiError {
    ApiError::new(StatusCode::FORBIDDEN, "insufficient_scope", d.to_string())
}

fn account_error(e: AccountError) -> ApiError {
    match e {
        AccountError::Denied(d) => denied(&d),
        AccountError::NotFound => ApiError::not_found("no borrower with this id"),
        AccountError::Store(s) => ApiError::internal(&s),
        other => ApiError::bad_request(other.to_string()),
    }
}

/// A borrower's account.
#[derive(Serialize, ToSchema)]
pub struct BorrowerAccountJson {
    /// The borrower's id.
    pub id: i64,
    /// Full name.
    pub name: String,
    /// The SSN masked to its last four (`***-**-6789`); null when not on file.
    pub ssn: Option<String>,
    /// The date of birth masked to its year (`**/**/1985`); null when not on file.
    pub date_of_birth: Option<String>,
    /// Email on file.
    pub email: Option<String>,
    /// Mobile phone on file (10 digits).
    pub phone: Option<String>,
    /// Mailing address, by its parts, with its ZIP code (`needs_review` when it is free text
    /// from before addresses were structured that could not be read).
    pub address: MailingAddressJson,
    /// The business date.
    #[schema(format = Date)]
    pub business_date: String,
    /// Every loan, by account number.
    pub loans: Vec<AccountLoanJson>,
    /// Saved payment methods (masked).
    pub payment_methods: Vec<AccountMethodJson>,
    /// Notes, pinned first, then newest first.
    pub notes: Vec<AccountNoteJson>,
    /// Secure message threads.
    pub threads: Vec<AccountThreadJson>,
    /// The portal sign-in; null when the borrower has not enrolled.
    pub sign_in: Option<AccountSignInJson>,
    /// Every alert and channel with its choice (empty without a sign-in).
    pub preferences: Vec<AccountPreferenceJson>,
    /// The latest consent of each kind recorded.
    pub consents: Vec<AccountConsentJson>,
    /// The newest actions of staff and API clients on the account.
    pub staff_actions: Vec<StaffActionJson>,
}

/// One loan of the account.
#[derive(Serialize, ToSchema)]
pub struct AccountLoanJson {
    /// 16-digit account number.
    #[schema(pattern = r"^[0-9]{16}$")]
    pub account_number: String,
    /// `active`, `paid_off` or `charged_off`.
    pub status: String,
    /// Principal outstanding (as replayed to the business date).
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
    /// Unapplied funds held as a credit (not part of the balance).
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub unapplied: String,
    /// What is due now.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub amount_due: String,
    /// The past-due part.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub past_due: String,
    /// Days past due.
    pub days_past_due: u32,
    /// The next unpaid installment's due date.
    #[schema(format = Date)]
    pub next_due_date: Option<String>,
    /// The live AutoPay and its authorization; null when none.
    pub autopay: Option<AccountAutopayJson>,
    /// Payments made and not yet applied.
    pub pending: Vec<PaymentJson>,
    /// Statements, newest first.
    pub statements: Vec<AccountStatementJson>,
}

/// A live AutoPay with its authorization evidence.
#[derive(Serialize, ToSchema)]
pub struct AccountAutopayJson {
    /// The method it drafts, masked ("Checking account ending 6789").
    pub method: String,
    /// A fixed amount; null for the scheduled payment.
    pub fixed_amount: Option<String>,
    /// Days before each due date it drafts (0: on it; monthly AutoPay).
    pub days_before_due: u8,
    /// `monthly`, `twice_monthly` or `biweekly`.
    pub frequency: String,
    /// When it drafts, in words ("every other Friday starting December 11, 2026").
    pub timing: String,
    /// The authorization's words as agreed.
    pub authorization_text: String,
    /// Their version.
    pub authorization_version: String,
    /// RFC 3339 instant it was authorized.
    pub authorized_at: String,
    /// The address it was authorized from.
    pub authorized_ip: String,
}

/// A statement.
#[derive(Serialize, ToSchema)]
pub struct AccountStatementJson {
    /// Its id.
    pub id: i64,
    /// The statement date.
    #[schema(format = Date)]
    pub statement_date: String,
    /// The due date it is for.
    #[schema(format = Date)]
    pub due_date: String,
    /// The amount due.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub amount_due: String,
}

/// A saved payment method, masked.
#[derive(Serialize, ToSchema)]
pub struct AccountMethodJson {
    /// Its id.
    pub id: i64,
    /// `bank` or `card`.
    pub kind: String,
    /// Its kind and last four ("Checking account ending 6789").
    pub description: String,
}

/// A note.
#[derive(Serialize, ToSchema)]
pub struct AccountNoteJson {
    /// Its id.
    pub id: i64,
    /// `call_in`, `call_out`, `email`, `letter` or `complaint`.
    pub kind: String,
    /// Written pinned.
    pub pinned: bool,
    /// Shown pinned: written pinned and not amended since.
    pub pinned_now: bool,
    /// The text.
    pub body: String,
    /// Who wrote it, as the audit log names them (`staff:3`, `client:crm`).
    pub author: String,
    /// The staff member's name, when one wrote it.
    pub staff_name: Option<String>,
    /// The earlier note it amends.
    pub amends: Option<i64>,
    /// The newest later note that amends it.
    pub amended_by: Option<i64>,
    /// RFC 3339 instant it was written.
    pub created_at: String,
}

/// A secure message thread.
#[derive(Serialize, ToSchema)]
pub struct AccountThreadJson {
    /// Its id.
    pub id: i64,
    /// Subject.
    pub subject: String,
    /// `open` or `closed`.
    pub state: String,
    /// Assigned to a staff member.
    pub assigned: bool,
    /// RFC 3339 instant the borrower last wrote.
    pub last_from_borrower_at: Option<String>,
    /// Messages in it.
    pub messages: i64,
}

/// The portal sign-in.
#[derive(Serialize, ToSchema)]
pub struct AccountSignInJson {
    /// Username.
    pub username: String,
    /// `email`, `sms` or `totp`.
    pub second_factor: String,
    /// Locked after too many failures in a row.
    pub locked: bool,
    /// Over the per-account limit of attempts now.
    pub throttled: bool,
    /// Failed attempts in a row.
    pub failed_attempts: i64,
    /// RFC 3339 instant of the last full sign-in.
    pub last_signed_in_at: Option<String>,
    /// Remembered devices not yet expired.
    pub remembered_devices: i64,
    /// Statements by e-delivery only.
    pub paperless: bool,
}

/// One alert preference.
#[derive(Serialize, ToSchema)]
pub struct AccountPreferenceJson {
    /// The alert (`payment_due`, …).
    pub alert: String,
    /// `email`, `sms` or `portal`.
    pub channel: String,
    /// On or off.
    pub enabled: bool,
}

/// A consent recorded.
#[derive(Serialize, ToSchema)]
pub struct AccountConsentJson {
    /// `esign` or `sms`.
    pub kind: String,
    /// Given (true) or withdrawn.
    pub given: bool,
    /// The version of the words.
    pub text_version: String,
    /// RFC 3339 instant.
    pub at: String,
}

/// Something staff or an API client did on the account.
#[derive(Serialize, ToSchema)]
pub struct StaffActionJson {
    /// RFC 3339 instant.
    pub at: String,
    /// Who (`staff:3`, `client:crm`).
    pub actor: String,
    /// What (`note.added`, `caller.verified`, …).
    pub action: String,
    /// Details as JSON text.
    pub detail: String,
}

fn method_json(m: &PaymentMethod) -> AccountMethodJson {
    AccountMethodJson {
        id: m.id.0,
        kind: m.kind.as_str().to_owned(),
        description: method_words(m),
    }
}

fn method_words(m: &PaymentMethod) -> String {
    match m.kind {
        MethodKind::Bank => format!(
            "{} account ending {}",
            if m.account_type.as_deref() == Some("savings") {
                "Savings"
            } else {
                "Checking"
            },
            m.last4
        ),
        MethodKind::Card => format!(
            "{} card ending {}",
            m.card_brand.as_deref().unwrap_or("Debit"),
            m.last4
        ),
    }
}

fn note_json(n: &NoteView) -> AccountNoteJson {
    AccountNoteJson {
        id: n.note.id.0,
        kind: n.note.kind.as_str().to_owned(),
        pinned: n.note.pinned,
        pinned_now: n.pinned_now,
        body: n.note.body.clone(),
        author: n.note.author.clone(),
        staff_name: n.note.staff_name.clone(),
        amends: n.note.amends.map(|a| a.0),
        amended_by: n.amended_by.map(|a| a.0),
        created_at: rfc3339(n.note.created_at_us),
    }
}

fn loan_json(l: &AccountLoan) -> AccountLoanJson {
    let d = &l.details;
    let s = &d.view.snapshot;
    AccountLoanJson {
        account_number: d.view.account_number.to_string(),
        status: s.status.as_str().to_owned(),
        principal: d.state.principal.to_string(),
        interest: d.state.interest.to_string(),
        fees: d.state.fees.to_string(),
        balance: d.state.balance().to_string(),
        unapplied: s.unapplied.to_string(),
        amount_due: s.amount_due.to_string(),
        past_due: s.past_due.to_string(),
        days_past_due: s.days_past_due,
        next_due_date: s.next_due_date.map(|x| x.to_string()),
        autopay: d.autopay.as_ref().map(|a| AccountAutopayJson {
            method: l
                .autopay_method
                .as_ref()
                .map_or_else(|| format!("method {}", a.method.0), method_words),
            fixed_amount: a.fixed_amount.map(|m| m.to_string()),
            days_before_due: a.days_before_due,
            frequency: a.cadence.frequency().as_str().to_owned(),
            timing: app::payments::autopay::timing_words(a.cadence, a.days_before_due),
            authorization_text: a.text.clone(),
            authorization_version: a.version.clone(),
            authorized_at: rfc3339(a.authorized_at_us),
            authorized_ip: a.ip.clone(),
        }),
        pending: l.pending().map(payment_json).collect(),
        statements: d
            .statements
            .iter()
            .map(|st| AccountStatementJson {
                id: st.id,
                statement_date: st.statement_date.to_string(),
                due_date: st.due_date.to_string(),
                amount_due: st.amount_due.to_string(),
            })
            .collect(),
    }
}

fn account_json(v: &AccountView) -> BorrowerAccountJson {
    BorrowerAccountJson {
        id: v.borrower.0,
        name: v.name.clone(),
        ssn: v.ssn.clone(),
        date_of_birth: v.date_of_birth.clone(),
        email: v.email.clone(),
        phone: v.phone.clone(),
        address: MailingAddressJson::of(&v.address),
        business_date: v.business_date.to_string(),
        loans: v.loans.iter().map(loan_json).collect(),
        payment_methods: v.methods.iter().map(method_json).collect(),
        notes: v.notes.iter().map(note_json).collect(),
        threads: v
            .threads
            .iter()
            .map(|t| AccountThreadJson {
                id: t.id,
                subject: t.subject.clone(),
                state: t.state.as_str().to_owned(),
                assigned: t.assigned_to.is_some(),
                last_from_borrower_at: t.last_from_borrower_us.map(rfc3339),
                messages: t.messages,
            })
            .collect(),
        sign_in: v.sign_in.as_ref().map(|si| AccountSignInJson {
            username: si.username.clone(),
            second_factor: si.second_factor.as_str().to_owned(),
            locked: si.locked,
            throttled: si.throttled,
            failed_attempts: si.failed_attempts,
            last_signed_in_at: si.last_signed_in_us.map(rfc3339),
            remembered_devices: si.remembered_devices,
            paperless: si.paperless,
        }),
        preferences: v
            .preferences
            .iter()
            .map(|p| AccountPreferenceJson {
                alert: p.alert.clone(),
                channel: p.channel.clone(),
                enabled: p.enabled,
            })
            .collect(),
        consents: v
            .consents
            .iter()
            .map(|c| AccountConsentJson {
                kind: c.kind.clone(),
                given: c.given,
                text_version: c.text_version.clone(),
                at: rfc3339(c.at_us),
            })
            .collect(),
        staff_actions: v
            .staff_actions
            .iter()
            .map(|r| StaffActionJson {
                at: rfc3339(r.at_us),
                actor: r.event.actor.clone(),
                action: r.event.action.clone(),
                detail: r.event.detail.clone(),
            })
            .collect(),
    }
}

/// `GET /api/v1/borrowers/{id}`
// Its security, 401 and 403 come from the route table (`api::routes`).
#[utoipa::path(
    get,
    path = "/api/v1/borrowers/{id}",
    params(
        ("id" = i64, Path, description = "The borrower's id (text that is not a positive whole number in plain digits is answered as one that does not exist)"),
        ("Cache-Control" = Option<String>, Header, description = "`no-cache` to read the database now instead of this instance's copy (at most one second old, and forgotten by any write through this instance)", max_length = 256)
    ),
    responses(
        (status = 200, description = "The account, as the console's account view shows it", body = BorrowerAccountJson),
        (status = 404, description = "No borrower with this id", body = ErrorBody),
    )
)]
// The JSON this instance made for this client in the last second is answered again (the view
// audited either way), as the console's account page is.
pub async fn get_borrower_account(
    Client(client): Client,
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let borrower = borrower_id(&id)?;
    let key = format!("api:account:{}:{}", client.name, borrower.0);
    let fresh = crate::api::wants_fresh(&headers);
    let shown_again = async |json| -> Result<Response, ApiError> {
        state
            .app
            .account_shown_again(&client.actor(), borrower)
            .await
            .map_err(account_error)?;
        Ok(json_bytes(json))
    };
    if !fresh && let Some(json) = state.app.cached_page(&key) {
        return shown_again(json).await;
    }
    // One answer made at a time for this client and borrower: the others wait and get it
    // (a client asking for a fresh one waits for nobody).
    let _turn = if fresh {
        None
    } else {
        Some(state.app.page_turn(&key).await)
    };
    if !fresh && let Some(json) = state.app.cached_page(&key) {
        return shown_again(json).await;
    }
    let version = state.app.pages_version();
    let v = state
        .app
        .account_view(&client.actor(), borrower)
        .await
        .map_err(account_error)?;
    let json = serde_json::to_vec(&account_json(&v))
        .map(axum::body::Bytes::from)
        .map_err(|e| ApiError::internal(&e))?;
    state.app.remember_page_since(key, json.clone(), version);
    Ok(json_bytes(json))
}

/// JSON already serialized, answered as `Json` would answer it.
fn json_bytes(json: axum::body::Bytes) -> Response {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static("application/json"),
        )],
        json,
    )
        .into_response()
}

/// A loan's every transaction.
#[derive(Serialize, ToSchema)]
pub struct LoanActivityJson {
    /// 16-digit account number.
    #[schema(pattern = r"^[0-9]{16}$")]
    pub account_number: String,
    /// The business date the activity is replayed to.
    #[schema(format = Date)]
    pub as_of: String,
    /// Unapplied funds held as a credit (money received beyond what the loan owed).
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub unapplied: String,
    /// What happened on the loan, newest first: each payment with how the replay applies
    /// it now, fees, waivers, and returned or reversed payments (which applied nothing).
    pub activity: Vec<LoanActivityLineJson>,
    /// Every payment made through Servicer, newest first, in any status (`scheduled`,
    /// `posted`, `cancelled`, `declined`, `returned`).
    pub payments: Vec<PaymentJson>,
}

/// One transaction.
#[derive(Serialize, ToSchema)]
pub struct LoanActivityLineJson {
    /// The date it is credited or assessed as of.
    #[schema(format = Date)]
    pub date: String,
    /// `payment`, `late_fee`, `returned_payment_fee`, `refund_owed` (a refund to pay back: a
    /// payment that funded it was returned or reversed after the refund), `fee_waiver`,
    /// `interest_waiver` or `returned_payment`.
    pub kind: String,
    /// Amount.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub amount: String,
    /// `applied` (it counts), or `returned` / `reversed` / `moved` (a payment that applied
    /// nothing: returned by the bank, reversed by the servicer, moved to another loan), or
    /// `undone` (a waiver the servicer undid: it waived nothing).
    pub status: String,
    /// For a payment: how it was applied (all zero for a returned one).
    pub split: Option<SplitJson>,
    /// For a returned, reversed or moved payment: the business date it came back; for an
    /// undone waiver, the business date it was undone.
    #[schema(format = Date)]
    pub returned_on: Option<String>,
    /// For a returned payment: why, in plain words with the bank's code; for one reversed or
    /// moved, why in plain words.
    pub return_reason: Option<String>,
}

fn split(fees: Money, interest: Money, principal: Money, unapplied: Money) -> SplitJson {
    SplitJson {
        fees: fees.to_string(),
        interest: interest.to_string(),
        principal: principal.to_string(),
        unapplied: unapplied.to_string(),
    }
}

fn activity_line(a: &Activity) -> LoanActivityLineJson {
    let line = |date: jiff::civil::Date, kind: &str, amount: Money| LoanActivityLineJson {
        date: date.to_string(),
        kind: kind.to_owned(),
        amount: amount.to_string(),
        status: "applied".to_owned(),
        split: None,
        returned_on: None,
        return_reason: None,
    };
    match a {
        Activity::Payment(p) => LoanActivityLineJson {
            split: Some(split(p.fees, p.interest, p.principal, p.unapplied)),
            ..line(p.date, "payment", p.amount)
        },
        Activity::Fee {
            date,
            late_installment,
            amount,
        } => line(
            *date,
            if late_installment.is_some() {
                "late_fee"
            } else {
                "returned_payment_fee"
            },
            *amount,
        ),
        Activity::RefundOwed { date, amount, .. } => line(*date, "refund_owed", *amount),
        Activity::Waiver { date, amount } => line(*date, "fee_waiver", *amount),
        Activity::Returned {
            date,
            amount,
            returned_on,
            code,
            ..
        } => LoanActivityLineJson {
            status: if code.is_some() {
                "returned"
            } else {
                "reversed"
            }
            .to_owned(),
            split: Some(split(Money::ZERO, Money::ZERO, Money::ZERO, Money::ZERO)),
            returned_on: Some(returned_on.to_string()),
            return_reason: code.as_deref().map(app::payments::ach::return_words),
            ..line(*date, "returned_payment", *amount)
        },
        Activity::InterestWaiver { date, amount } => line(*date, "interest_waiver", *amount),
        // It waived nothing: the replay leaves it out.
        Activity::WaiverUndone {
            date,
            interest,
            amount,
            undone_on,
            ..
        } => LoanActivityLineJson {
            status: "undone".to_owned(),
            returned_on: Some(undone_on.to_string()),
            ..line(
                *date,
                if *interest {
                    "interest_waiver"
                } else {
                    "fee_waiver"
                },
                *amount,
            )
        },
        // It paid nothing here: the replay leaves it out.
        Activity::Reversed {
            date,
            amount,
            reversed_on,
            why,
            ..
        } => LoanActivityLineJson {
            status: match why {
                app::servicing::WhyReversed::Moved => "moved",
                app::servicing::WhyReversed::Reason(_) => "reversed",
            }
            .to_owned(),
            split: Some(split(Money::ZERO, Money::ZERO, Money::ZERO, Money::ZERO)),
            returned_on: Some(reversed_on.to_string()),
            return_reason: Some(why.describe().to_owned()),
            ..line(*date, "returned_payment", *amount)
        },
    }
}

fn activity_json(d: &LoanDetails) -> LoanActivityJson {
    LoanActivityJson {
        account_number: d.view.account_number.to_string(),
        as_of: d.business_date.to_string(),
        unapplied: d.state.unapplied.to_string(),
        activity: d.activity.iter().map(activity_line).collect(),
        payments: d.payments.iter().map(payment_json).collect(),
    }
}

/// `GET /api/v1/loans/{account_number}/activity`
#[utoipa::path(
    get,
    path = "/api/v1/loans/{account_number}/activity",
    params(("account_number" = String, Path, description = "The 16-digit account number: 15 digits and a Luhn check digit (spaces and dashes between the digits are ignored)", pattern = r"^[0-9]{16}$")),
    responses(
        (status = 200, description = "Every transaction with its split and status", body = LoanActivityJson),
        (status = 400, description = "Not a valid account number (the message says why)", body = ErrorBody),
        (status = 404, description = "No loan with this account number", body = ErrorBody),
    )
)]
pub async fn get_loan_activity(
    Client(client): Client,
    State(state): State<AppState>,
    Path(account_number): Path<String>,
) -> Result<Json<LoanActivityJson>, ApiError> {
    let account = account_number
        .parse::<AccountNumber>()
        .map_err(|e| ApiError::field("account_number", e.to_string()))?;
    let d = state
        .app
        .loan_activity(&client.actor(), account)
        .await
        .map_err(account_error)?
        .ok_or_else(|| {
            ApiError::not_found(format!(
                "no loan with account number ending {}",
                account.last4()
            ))
        })?;
    Ok(Json(activity_json(&d)))
}

fn note_error(e: NoteError) -> ApiError {
    match e {
        NoteError::Denied(d) => denied(&d),
        NoteError::NotFound => ApiError::not_found("no borrower with this id"),
        e @ NoteError::Text(_) => ApiError::field("body", e.to_string()),
        e @ NoteError::AmendsUnknown => ApiError::field("amends", e.to_string()),
        NoteError::Store(s) => ApiError::internal(&s),
    }
}

/// `GET /api/v1/borrowers/{id}/notes`
#[utoipa::path(
    get,
    path = "/api/v1/borrowers/{id}/notes",
    params(("id" = i64, Path, description = "The borrower's id (text that is not a positive whole number in plain digits is answered as one that does not exist)")),
    responses(
        (status = 200, description = "The account's notes, pinned first, then newest first", body = [AccountNoteJson]),
        (status = 404, description = "No borrower with this id", body = ErrorBody),
    )
)]
pub async fn get_borrower_notes(
    Client(client): Client,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Vec<AccountNoteJson>>, ApiError> {
    let borrower = borrower_id(&id)?;
    let notes = state
        .app
        .notes(&client.actor(), borrower)
        .await
        .map_err(note_error)?;
    Ok(Json(notes.iter().map(note_json).collect()))
}

/// A note to write.
#[derive(Deserialize, ToSchema)]
pub struct AccountNoteBody {
    /// `call_in`, `call_out`, `email`, `letter` or `complaint`.
    #[schema(pattern = r"^(call_in|call_out|email|letter|complaint)$")]
    pub kind: String,
    /// The text: 1 to 5,000 characters.
    #[schema(min_length = 1, max_length = 5000)]
    pub body: String,
    /// Pin it to the top of the account's notes.
    #[serde(default)]
    pub pinned: bool,
    /// The id of an earlier note of the same borrower that this one corrects.
    #[serde(default)]
    pub amends: Option<i64>,
}

/// A note written.
#[derive(Serialize, ToSchema)]
pub struct NoteCreatedJson {
    /// Its id.
    pub id: i64,
}

/// `POST /api/v1/borrowers/{id}/notes`
#[utoipa::path(
    post,
    path = "/api/v1/borrowers/{id}/notes",
    request_body = AccountNoteBody,
    params(("id" = i64, Path, description = "The borrower's id (text that is not a positive whole number in plain digits is answered as one that does not exist)")),
    responses(
        (status = 201, description = "Written (never edited afterwards: a later note amends it)", body = NoteCreatedJson),
        (status = 400, description = "A field is wrong (`field` names it: `kind`, `body` or `amends`)", body = ErrorBody),
        (status = 404, description = "No borrower with this id", body = ErrorBody),
    )
)]
pub async fn post_borrower_note(
    Client(client): Client,
    State(state): State<AppState>,
    Path(id): Path<String>,
    JsonBody(b): JsonBody<AccountNoteBody>,
) -> Result<Response, ApiError> {
    let borrower = borrower_id(&id)?;
    let kind = NoteKind::parse(&b.kind).ok_or_else(|| {
        ApiError::field("kind", "One of call_in, call_out, email, letter, complaint")
    })?;
    let req = NoteRequest {
        kind,
        body: b.body,
        pinned: b.pinned,
        amends: b.amends.map(NoteId),
    };
    let id = state
        .app
        .add_note(&client.actor(), borrower, &req)
        .await
        .map_err(note_error)?;
    Ok((StatusCode::CREATED, Json(NoteCreatedJson { id: id.0 })).into_response())
}
