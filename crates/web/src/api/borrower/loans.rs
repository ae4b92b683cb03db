//! The borrower's loans: the list, one loan in detail (activity, payments, schedule) and a
//! payoff quote.

use super::Me;
use crate::AppState;
use crate::api::payments::{PaymentJson, payment_json};
use crate::errors::{ApiError, ErrorBody, QueryParams};
use app::portal::Activity;
use axum::Json;
use axum::extract::{Path, State};
use domain::account_number::AccountNumber;
use money::Money;
use serde::{Deserialize, Serialize};
use store::LoanView;
use utoipa::ToSchema;

/// One of the borrower's loans.
#[derive(Serialize, ToSchema)]
pub struct MyLoanJson {
    /// 16-digit account number.
    pub account_number: String,
    /// `active`, `paid_off` or `charged_off`.
    pub status: String,
    /// Business date of the figures.
    pub as_of: String,
    /// Principal + interest + fees.
    pub balance: String,
    /// Due now.
    pub amount_due: String,
    /// The past-due part.
    pub past_due: String,
    /// Unapplied funds: money received beyond what the loan owed (or after a charge-off), held
    /// as a credit for the borrower until it is refunded; not part of `balance`. A decimal
    /// string, `"0.00"` when there is none.
    pub unapplied: String,
    /// Days past due.
    pub days_past_due: u32,
    /// Next due date.
    pub next_due_date: Option<String>,
    /// AutoPay must be set up again (boarded loan).
    pub autopay_must_be_reestablished: bool,
}

fn loan_json(v: &LoanView) -> MyLoanJson {
    let s = &v.snapshot;
    MyLoanJson {
        account_number: v.account_number.to_string(),
        status: s.status.as_str().to_owned(),
        as_of: s.as_of.to_string(),
        balance: (s.principal + s.interest + s.fees).to_string(),
        amount_due: s.amount_due.to_string(),
        past_due: s.past_due.to_string(),
        unapplied: s.unapplied.to_string(),
        days_past_due: s.days_past_due,
        next_due_date: s.next_due_date.map(|d| d.to_string()),
        autopay_must_be_reestablished: v.autopay_must_be_reestablished,
    }
}

/// `GET /api/v1/me/loans`
#[utoipa::path(get, path = "/api/v1/me/loans", security(("bearer" = [])), responses((status = 200, description = "Every loan of the borrower", body = [MyLoanJson])))]
pub async fn loans(
    State(state): State<AppState>,
    me: Me,
) -> Result<Json<Vec<MyLoanJson>>, ApiError> {
    Ok(Json(
        state
            .app
            .store()
            .loan_views_of_login(me.login)
            .await?
            .iter()
            .map(loan_json)
            .collect(),
    ))
}

/// A payoff quote.
#[derive(Serialize, ToSchema)]
pub struct PayoffJson {
    /// The day the payment must be received.
    pub payoff_date: String,
    /// What pays the loan off that day.
    pub total: String,
    /// Principal part.
    pub principal: String,
    /// Interest part.
    pub interest: String,
    /// Fees part.
    pub fees: String,
    /// Interest for each day later.
    pub per_diem: String,
}

/// One line of activity.
#[derive(Serialize, ToSchema)]
pub struct ActivityJson {
    /// Date.
    pub date: String,
    /// `payment`, `returned_payment` (a payment the bank returned: it applied nothing, and
    /// the payments after it are split without it), `reversed_payment` (a payment the
    /// servicer reversed or moved to another loan: the same), `late_fee`,
    /// `returned_payment_fee`, `refund_owed` (a refund to pay back: a payment that funded it
    /// was returned or reversed after the refund was decided; owed with the fees), `fee_waiver`, `interest_waiver`,
    /// or `fee_waiver_undone` / `interest_waiver_undone` (a waiver the servicer undid: it
    /// waived nothing).
    pub kind: String,
    /// Amount.
    pub amount: String,
    /// For a payment: how it was applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_fees: Option<String>,
    /// To interest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_interest: Option<String>,
    /// To principal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_principal: Option<String>,
    /// For a returned or reversed payment: the business date it was returned or reversed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub returned_on: Option<String>,
    /// For a returned payment: why, in plain words with the bank's code
    /// (`insufficient funds (R01)`); for a reversed one, why in plain words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_reason: Option<String>,
}

fn activity_json(a: &Activity) -> ActivityJson {
    let line = |date: &jiff::civil::Date, kind: &str, amount: Money| ActivityJson {
        date: date.to_string(),
        kind: kind.into(),
        amount: amount.to_string(),
        to_fees: None,
        to_interest: None,
        to_principal: None,
        returned_on: None,
        return_reason: None,
    };
    match a {
        Activity::Payment(p) => ActivityJson {
            to_fees: Some(p.fees.to_string()),
            to_interest: Some(p.interest.to_string()),
            to_principal: Some(p.principal.to_string()),
            ..line(&p.date, "payment", p.amount)
        },
        Activity::Returned {
            date,
            amount,
            returned_on,
            code,
            ..
        } => ActivityJson {
            returned_on: Some(returned_on.to_string()),
            return_reason: code.as_deref().map(app::payments::ach::return_words),
            ..line(date, "returned_payment", *amount)
        },
        Activity::Fee {
            date,
            late_installment,
            amount,
        } => {
            let kind = if late_installment.is_some() {
                "late_fee"
            } else {
                "returned_payment_fee"
            };
            line(date, kind, *amount)
        }
        Activity::RefundOwed { date, amount, .. } => line(date, "refund_owed", *amount),
        Activity::Waiver { date, amount } => line(date, "fee_waiver", *amount),
        Activity::InterestWaiver { date, amount } => line(date, "interest_waiver", *amount),
        Activity::WaiverUndone {
            date,
            interest,
            amount,
            ..
        } => line(
            date,
            if *interest {
                "interest_waiver_undone"
            } else {
                "fee_waiver_undone"
            },
            *amount,
        ),
        Activity::Reversed {
            date,
            amount,
            reversed_on,
            why,
            ..
        } => ActivityJson {
            returned_on: Some(reversed_on.to_string()),
            return_reason: Some(why.describe().to_owned()),
            ..line(date, "reversed_payment", *amount)
        },
    }
}

/// One installment of the schedule.
#[derive(Serialize, ToSchema)]
pub struct InstallmentJson {
    /// Number.
    pub number: u32,
    /// Due date.
    pub due_date: String,
    /// Payment.
    pub amount: String,
    /// Paid toward it.
    pub paid: String,
    /// Projected interest part.
    pub interest: String,
    /// Projected principal part.
    pub principal: String,
}

/// One loan in detail.
#[derive(Serialize, ToSchema)]
pub struct LoanDetailJson {
    /// The loan in brief.
    pub loan: MyLoanJson,
    /// Amount financed.
    pub amount_financed: String,
    /// Interest rate, percent.
    pub rate_percent: String,
    /// Day count.
    pub day_count: String,
    /// Principal.
    pub principal: String,
    /// Interest accrued.
    pub interest: String,
    /// Fees.
    pub fees: String,
    /// APR (originated loans).
    pub apr_percent: Option<String>,
    /// Finance charge (originated loans).
    pub finance_charge: Option<String>,
    /// Total of payments (originated loans).
    pub total_of_payments: Option<String>,
    /// Payoff today.
    pub payoff: Option<PayoffJson>,
    /// Activity, newest first: each payment split as it applies now (after any return or
    /// backdated payment), returned payments marked.
    pub activity: Vec<ActivityJson>,
    /// Every payment made on the loan through Servicer, newest first (returned ones with why
    /// and when; a posted one's split as it applies now).
    pub payments: Vec<PaymentJson>,
    /// The schedule.
    pub schedule: Vec<InstallmentJson>,
}

fn payoff_json(q: &domain::payoff::PayoffQuote) -> PayoffJson {
    PayoffJson {
        payoff_date: q.payoff_date.to_string(),
        total: q.total.to_string(),
        principal: q.principal.to_string(),
        interest: q.interest.to_string(),
        fees: q.fees.to_string(),
        per_diem: q.per_diem.to_string(),
    }
}

async fn details(
    state: &AppState,
    me: &Me,
    account: &str,
    date: Option<jiff::civil::Date>,
) -> Result<app::portal::LoanDetails, ApiError> {
    let not_found = || ApiError::not_found("no such loan among yours");
    let account: AccountNumber = account.parse().map_err(|_| not_found())?;
    state
        .app
        .loan_details(me.login, account, date)
        .await?
        .ok_or_else(not_found)
}

/// `GET /api/v1/me/loans/{account_number}`
#[utoipa::path(get, path = "/api/v1/me/loans/{account_number}", params(("account_number" = String, Path, description = "The 16-digit account number (one that is not valid is answered as one that is not yours)", pattern = r"^[0-9]{16}$")), security(("bearer" = [])), responses(
    (status = 200, description = "The loan", body = LoanDetailJson),
    (status = 404, description = "Not one of this borrower's loans", body = ErrorBody)))]
pub async fn loan(
    State(state): State<AppState>,
    me: Me,
    Path(account): Path<String>,
) -> Result<Json<LoanDetailJson>, ApiError> {
    let d = details(&state, &me, &account, None).await?;
    let m = |x: Money| x.to_string();
    Ok(Json(LoanDetailJson {
        loan: loan_json(&d.view),
        amount_financed: m(d.record.amount_financed),
        rate_percent: d.record.terms.rate.to_string(),
        day_count: d.record.terms.day_count.to_string(),
        principal: m(d.state.principal),
        interest: m(d.state.interest),
        fees: m(d.state.fees),
        apr_percent: d.tila.map(|t| t.apr.percent().to_string()),
        finance_charge: d.tila.map(|t| m(t.finance_charge)),
        total_of_payments: d.tila.map(|t| m(t.total_of_payments)),
        payoff: d.payoff.as_ref().ok().map(payoff_json),
        activity: d.activity.iter().map(activity_json).collect(),
        payments: d.payments.iter().map(payment_json).collect(),
        schedule: d
            .schedule
            .iter()
            .map(|r| InstallmentJson {
                number: r.number,
                due_date: r.due_date.to_string(),
                amount: m(r.amount),
                paid: m(r.paid),
                interest: m(r.interest),
                principal: m(r.principal),
            })
            .collect(),
    }))
}

/// `?date=YYYY-MM-DD`
#[derive(Deserialize)]
pub struct DateQuery {
    #[serde(default)]
    date: Option<String>,
}

/// `GET /api/v1/me/loans/{account_number}/payoff?date=…`
#[utoipa::path(get, path = "/api/v1/me/loans/{account_number}/payoff", params(("account_number" = String, Path, description = "The 16-digit account number (one that is not valid is answered as one that is not yours)", pattern = r"^[0-9]{16}$"), ("date" = Option<String>, Query, description = "YYYY-MM-DD; default today. A date past is quoted for today, and one after the loan's last due date for that date: `payoff_date` is the date used", format = Date)), security(("bearer" = [])), responses(
    (status = 200, description = "The payoff quote", body = PayoffJson),
    (status = 400, description = "A malformed date, or nothing to pay off", body = ErrorBody),
    (status = 404, description = "Not one of this borrower's loans", body = ErrorBody)))]
pub async fn payoff(
    State(state): State<AppState>,
    me: Me,
    Path(account): Path<String>,
    QueryParams(q): QueryParams<DateQuery>,
) -> Result<Json<PayoffJson>, ApiError> {
    let date = q
        .date
        .as_deref()
        .map(|t| {
            t.parse::<jiff::civil::Date>().map_err(|_| {
                ApiError::field("date", format!("{t:?} is not a date like 2026-12-15"))
            })
        })
        .transpose()?;
    let d = details(&state, &me, &account, date).await?;
    d.payoff
        .as_ref()
        .map(|q| Json(payoff_json(q)))
        .map_err(|e| ApiError::bad_request(e.to_string()))
}
