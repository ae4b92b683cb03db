//! Payments as the borrower and staff see them (scheduled, posted, cancelled, declined,
//! returned), the idempotency keys of money-moving requests, and the per-loan lock a posting
//! takes. A payment becomes a transaction of the loan's history when it is posted; until then
//! it is only a row here, which is what makes it cancellable.
//!
//! `idempotency`: the keys of money-moving requests; `lifecycle`: a payment recorded, the card
//! processor's answer, cancellation; `posting`: the per-loan lock, the history read under it
//! and a payment marked posted; `ach`: bank payments going out in a file and coming back
//! returned; `promises`: what a scheduled payment's review promised, and what the borrower
//! was told when it no longer held; `reads`: payments read back; `alerts`: where a
//! borrower's alerts go.

mod ach;
mod alerts;
mod idempotency;
mod lifecycle;
mod posting;
mod promises;
mod reads;

pub use alerts::{AlertContact, AlertContacts};
pub use idempotency::KeyClaim;

use crate::codec::{money_opt, narrow, parse_date, parse_vocabulary};
use crate::{AutopayId, LoanId, LoginId, PaymentMethodId, StoreError};
use domain::loan::{ExtraTo, TxnId};
use domain::payment::{PaymentChannel, PaymentStatus, Promise, Rail};
use jiff::civil::Date;
use money::Money;
use sqlx::Row;

/// A payment's identity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PaymentId(pub i64);

/// How a posted payment was split.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Split {
    /// To fees.
    pub fees: Money,
    /// To interest.
    pub interest: Money,
    /// To principal.
    pub principal: Money,
    /// Held unapplied (beyond the payoff).
    pub unapplied: Money,
}

impl From<&domain::loan::AppliedPayment> for Split {
    /// How the replay applied a payment.
    fn from(a: &domain::loan::AppliedPayment) -> Split {
        Split {
            fees: a.fees,
            interest: a.interest,
            principal: a.principal,
            unapplied: a.unapplied,
        }
    }
}

/// A payment to record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewPayment {
    /// The confirmation number the borrower is given.
    pub confirmation: String,
    /// The loan.
    pub loan: LoanId,
    /// The borrower's login that made it (none for staff and lockbox).
    pub login: Option<LoginId>,
    /// The method paid from.
    pub method: Option<PaymentMethodId>,
    /// The AutoPay it is a draft of.
    pub autopay: Option<AutopayId>,
    /// The installment an AutoPay draft is for (a twice-monthly or biweekly draft: the one it
    /// counts toward).
    pub installment: Option<u32>,
    /// A twice-monthly or biweekly AutoPay draft's day (one draft per AutoPay and day).
    pub draft_on: Option<Date>,
    /// The returned payment this one retries.
    pub retry_of: Option<PaymentId>,
    /// How it came in.
    pub channel: PaymentChannel,
    /// How the money moves.
    pub rail: Rail,
    /// Amount.
    pub amount: Money,
    /// Where any extra goes.
    pub extra: ExtraTo,
    /// The business day it is credited as of.
    pub credit_date: Date,
    /// Scheduled, or declined for a card the processor refused.
    pub status: PaymentStatus,
    /// The processor's authorization code of a card payment.
    pub card_authorization: Option<String>,
    /// Why the processor declined it.
    pub decline_reason: Option<String>,
    /// The account debited when it is not a saved method (a bank payment taken by phone).
    pub bank: Option<crate::BankDetails>,
    /// Who made it: "login:7", "client:lockbox-feed", "ach" (drafts and retries).
    pub actor: String,
    /// The address it was made from, when a person made it.
    pub client_ip: Option<String>,
}

/// A payment as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payment {
    /// Its id.
    pub id: PaymentId,
    /// The confirmation number.
    pub confirmation: String,
    /// The loan.
    pub loan: LoanId,
    /// The login that made it.
    pub login: Option<LoginId>,
    /// The method paid from.
    pub method: Option<PaymentMethodId>,
    /// The AutoPay it is a draft of.
    pub autopay: Option<AutopayId>,
    /// The installment an AutoPay draft is for (a twice-monthly or biweekly draft: the one it
    /// counts toward).
    pub installment: Option<u32>,
    /// A twice-monthly or biweekly AutoPay draft's day.
    pub draft_on: Option<Date>,
    /// The returned payment this retries.
    pub retry_of: Option<PaymentId>,
    /// How it came in.
    pub channel: PaymentChannel,
    /// How the money moves.
    pub rail: Rail,
    /// Amount.
    pub amount: Money,
    /// Where any extra goes.
    pub extra: ExtraTo,
    /// Credited as of.
    pub credit_date: Date,
    /// Where it is in its life.
    pub status: PaymentStatus,
    /// The history transaction it became.
    pub txn: Option<TxnId>,
    /// Its split when posted.
    pub split: Option<Split>,
    /// The card processor's authorization code.
    pub card_authorization: Option<String>,
    /// Why it was declined.
    pub decline_reason: Option<String>,
    /// The business date of the ACH file it went out in.
    pub ach_file_date: Option<Date>,
    /// Its ACH trace number.
    pub trace_number: Option<String>,
    /// The ACH return reason code, when returned.
    pub return_code: Option<String>,
    /// The business date it was returned (its reversal's date in the loan's history).
    pub returned_on: Option<Date>,
    /// Who made it.
    pub actor: String,
    /// When it was made.
    pub created_at_us: i64,
    /// What its review told the borrower it does to the payments not yet due on its credit
    /// date (a one-time payment made after a review; `None` for drafts, payments staff post,
    /// and payments made before reviews were kept).
    pub promise: Option<Promise>,
    /// What the borrower was told instead, the night before its credit date, when that
    /// promise no longer held (the words shown with it in the portal).
    pub promise_changed: Option<String>,
}

impl Payment {
    /// The row `insert_payment` wrote for `p` under `id` (so a caller need not read it back).
    pub fn recorded(id: PaymentId, p: &NewPayment, now_us: i64) -> Payment {
        Payment {
            id,
            confirmation: p.confirmation.clone(),
            loan: p.loan,
            login: p.login,
            method: p.method,
            autopay: p.autopay,
            installment: p.installment,
            draft_on: p.draft_on,
            retry_of: p.retry_of,
            channel: p.channel,
            rail: p.rail,
            amount: p.amount,
            extra: p.extra,
            credit_date: p.credit_date,
            status: p.status,
            txn: None,
            split: None,
            card_authorization: p.card_authorization.clone(),
            decline_reason: p.decline_reason.clone(),
            ach_file_date: None,
            trace_number: None,
            return_code: None,
            returned_on: None,
            actor: p.actor.clone(),
            created_at_us: now_us,
            promise: None,
            promise_changed: None,
        }
    }
}

/// The columns a [`Payment`] is read from.
const COLUMNS: &str = "id, confirmation, loan_id, login_id, method_id, autopay_id, installment_number, draft_on, retry_of,
    channel, rail, amount_cents, extra_to, credit_date, status, txn_id, split_fees_cents, split_interest_cents,
    split_principal_cents, split_unapplied_cents, card_authorization, decline_reason, ach_file_date,
    trace_number, return_code, returned_on, actor, created_at_us, promised_ahead_cents, promised_ahead_due,
    promise_changed";

/// A payment row read back (the columns of [`COLUMNS`]).
fn payment<R: Row>(r: &R) -> Result<Payment, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<i64>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let opt =
        |col: &str| -> Result<Option<i64>, StoreError> { Ok(r.try_get::<Option<i64>, _>(col)?) };
    Ok(Payment {
        id: PaymentId(r.try_get("id")?),
        confirmation: r.try_get("confirmation")?,
        loan: LoanId(r.try_get("loan_id")?),
        login: opt("login_id")?.map(LoginId),
        method: opt("method_id")?.map(PaymentMethodId),
        autopay: opt("autopay_id")?.map(AutopayId),
        installment: opt("installment_number")?
            .map(|n| narrow("payments", n))
            .transpose()?,
        draft_on: r
            .try_get::<Option<String>, _>("draft_on")?
            .map(|d| parse_date("payments", &d))
            .transpose()?,
        retry_of: opt("retry_of")?.map(PaymentId),
        channel: parse_vocabulary(
            "payments",
            "channel",
            &r.try_get::<String, _>("channel")?,
            PaymentChannel::parse,
        )?,
        rail: parse_vocabulary(
            "payments",
            "rail",
            &r.try_get::<String, _>("rail")?,
            Rail::parse,
        )?,
        amount: money_opt(opt("amount_cents")?).unwrap_or(Money::ZERO),
        extra: match r.try_get::<String, _>("extra_to")?.as_str() {
            "next_installment" => ExtraTo::NextInstallment,
            _ => ExtraTo::Principal,
        },
        credit_date: parse_date("payments", &r.try_get::<String, _>("credit_date")?)?,
        status: parse_vocabulary(
            "payments",
            "status",
            &r.try_get::<String, _>("status")?,
            PaymentStatus::parse,
        )?,
        txn: opt("txn_id")?
            .map(|t| narrow("payments", t).map(TxnId))
            .transpose()?,
        split: split(r)?,
        card_authorization: r.try_get("card_authorization")?,
        decline_reason: r.try_get("decline_reason")?,
        ach_file_date: date_opt(r, "ach_file_date")?,
        trace_number: r.try_get("trace_number")?,
        return_code: r.try_get("return_code")?,
        returned_on: date_opt(r, "returned_on")?,
        actor: r.try_get("actor")?,
        created_at_us: r.try_get("created_at_us")?,
        promise: promise(
            opt("promised_ahead_cents")?,
            date_opt(r, "promised_ahead_due")?,
        )?,
        promise_changed: r.try_get("promise_changed")?,
    })
}

/// The review's promise stored on a payment row: how much was to count toward payments not
/// yet due (0: none) and the first of them; none when no review was kept.
fn promise(cents: Option<i64>, due: Option<Date>) -> Result<Option<Promise>, StoreError> {
    match (cents, due) {
        (None, _) => Ok(None),
        (Some(0), _) => Ok(Some(Promise::NextStillDue)),
        (Some(c), Some(due)) if c > 0 => Ok(Some(Promise::CountsAhead {
            due,
            amount: Money::from_cents(c),
        })),
        (Some(c), _) => Err(StoreError::Corrupt {
            table: "payments",
            detail: format!("a promise of {c} cents ahead without the payment it counts toward"),
        }),
    }
}

/// How a promise is stored: the cents to count toward payments not yet due, and the first of
/// them.
fn promise_columns(p: Promise) -> (i64, Option<Date>) {
    match p {
        Promise::NextStillDue => (0, None),
        Promise::CountsAhead { due, amount } => (amount.cents(), Some(due)),
    }
}

/// The split stored on a payment row: all four parts, or none.
fn split<R: Row>(r: &R) -> Result<Option<Split>, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> Option<i64>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let opt =
        |col: &str| -> Result<Option<i64>, StoreError> { Ok(r.try_get::<Option<i64>, _>(col)?) };
    Ok(
        match (
            opt("split_fees_cents")?,
            opt("split_interest_cents")?,
            opt("split_principal_cents")?,
            opt("split_unapplied_cents")?,
        ) {
            (Some(f), Some(i), Some(p), Some(u)) => Some(Split {
                fees: Money::from_cents(f),
                interest: Money::from_cents(i),
                principal: Money::from_cents(p),
                unapplied: Money::from_cents(u),
            }),
            _ => None,
        },
    )
}

/// A business date column of a payment row that may be empty.
fn date_opt<R: Row>(r: &R, column: &str) -> Result<Option<Date>, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    r.try_get::<Option<String>, _>(column)?
        .map(|d| parse_date("payments", &d))
        .transpose()
}
