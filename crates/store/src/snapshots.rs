//! Each loan's balances as of a business date, kept so that reading a loan is one row. The
//! app writes a snapshot in the transaction that changes the loan; close of business
//! refreshes every snapshot nightly.

use crate::borrowers::CHUNK;
use crate::codec::{date_text, narrow, parse_date, parse_vocabulary};
use crate::tx::on_tx;
use crate::{BorrowerId, LoanId, Store, StoreError, Tx, on_pool};
use domain::account_number::AccountNumber;
use domain::accrual::AccrualCarry;
use domain::loan::LoanStatus;
use jiff::civil::Date;
use money::{Money, Rate};
use sqlx::{QueryBuilder, Row};

/// A loan's balances and status as of a business date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoanSnapshot {
    /// The business date these figures are as of.
    pub as_of: Date,
    /// Active, paid off or charged off.
    pub status: LoanStatus,
    /// Principal outstanding.
    pub principal: Money,
    /// Interest accrued and unpaid.
    pub interest: Money,
    /// Fees assessed and unpaid.
    pub fees: Money,
    /// What the borrower must pay now.
    pub amount_due: Money,
    /// The part of it that is past due.
    pub past_due: Money,
    /// Unapplied funds: money received beyond what the loan owed (or after a charge-off),
    /// held as a credit for the borrower until it is refunded. Not part of the balance.
    pub unapplied: Money,
    /// Due date of the next unpaid installment.
    pub next_due_date: Option<Date>,
    /// Days past due.
    pub days_past_due: u32,
    /// The sub-cent interest carried into the next accrual.
    pub carry: AccrualCarry,
    /// The first date after `as_of` on which anything but interest changes (a due date
    /// passes, a grace period ends, a reminder or a statement is due); `None` when nothing
    /// will, or when not known (close of business then replays the loan).
    pub next_event: Option<Date>,
}

/// What a one-loan read returns: the loan's identity, its terms in brief and its snapshot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoanView {
    /// The loan.
    pub loan: LoanId,
    /// Its borrower.
    pub borrower: BorrowerId,
    /// The account number.
    pub account_number: AccountNumber,
    /// The amount financed.
    pub amount_financed: Money,
    /// The interest rate.
    pub rate: Rate,
    /// AutoPay must be set up again after a servicing transfer.
    pub autopay_must_be_reestablished: bool,
    /// When it was boarded from a prior servicer, if it was.
    pub boarded_on: Option<Date>,
    /// The day interest starts: for a loan made here, the day it was disbursed (the day the
    /// portal says it was opened); for a boarded loan, the day its balances were as of.
    pub accrual_start: Date,
    /// What the loan is ("Home improvement loan"), when known.
    pub product_name: Option<String>,
    /// The name the signed-in borrower gave it: read only through a login
    /// ([`Store::loan_views_of_login`], [`Store::loan_view_of_login`]); `None` elsewhere, since
    /// a nickname is one person's own.
    pub nickname: Option<String>,
    /// Balances as of the last computation.
    pub snapshot: LoanSnapshot,
}

impl Tx {
    /// Writes (or replaces) snapshots.
    pub async fn put_snapshots(
        &mut self,
        snapshots: &[(LoanId, LoanSnapshot)],
        now_us: i64,
    ) -> Result<(), StoreError> {
        for chunk in snapshots.chunks(CHUNK) {
            on_tx!(self, c => {
                let mut q = QueryBuilder::new(
                    "INSERT INTO loan_snapshots (loan_id, as_of, status, principal_cents, interest_cents, fees_cents,
                     amount_due_cents, past_due_cents, unapplied_cents, next_due_date, days_past_due, carry_units, next_event_date,
                     updated_at_us) ",
                );
                q.push_values(chunk, |mut row, (loan, s)| {
                    row.push_bind(loan.0)
                        .push_bind(date_text(s.as_of))
                        .push_bind(s.status.as_str())
                        .push_bind(s.principal.cents())
                        .push_bind(s.interest.cents())
                        .push_bind(s.fees.cents())
                        .push_bind(s.amount_due.cents())
                        .push_bind(s.past_due.cents())
                        .push_bind(s.unapplied.cents())
                        .push_bind(s.next_due_date.map(date_text))
                        .push_bind(i64::from(s.days_past_due))
                        .push_bind(s.carry.units())
                        .push_bind(s.next_event.map(date_text))
                        .push_bind(now_us);
                });
                q.push(
                    " ON CONFLICT (loan_id) DO UPDATE SET as_of = excluded.as_of, status = excluded.status,
                      principal_cents = excluded.principal_cents, interest_cents = excluded.interest_cents,
                      fees_cents = excluded.fees_cents, amount_due_cents = excluded.amount_due_cents,
                      past_due_cents = excluded.past_due_cents, unapplied_cents = excluded.unapplied_cents,
                      next_due_date = excluded.next_due_date,
                      days_past_due = excluded.days_past_due, carry_units = excluded.carry_units,
                      next_event_date = excluded.next_event_date, updated_at_us = excluded.updated_at_us",
                );
                q.build().execute(&mut *c).await?;
            });
        }
        Ok(())
    }
}

/// The columns of a [`LoanView`] but its nickname, which the two selects below each supply.
macro_rules! view_columns {
    () => {
        "SELECT l.id, l.borrower_id, l.account_number, l.amount_financed_cents, l.rate_micro_percent,
        l.autopay_must_be_reestablished, l.boarded_on, l.accrual_start, l.product_name, s.as_of, s.status,
        s.principal_cents, s.interest_cents, s.fees_cents, s.amount_due_cents, s.past_due_cents,
        s.unapplied_cents, s.next_due_date, s.days_past_due, s.carry_units, s.next_event_date"
    };
}

/// A loan view without a login: no nickname (it is one person's own).
pub(crate) const VIEW: &str = concat!(
    view_columns!(),
    ", CAST(NULL AS TEXT) AS nickname
    FROM loans l JOIN loan_snapshots s ON s.loan_id = l.id"
);

/// A loan view read through login `$1`: with the nickname that login gave the loan. The
/// caller still scopes the loans to the login (`WHERE ...`).
pub(crate) const LOGIN_VIEW: &str = concat!(
    view_columns!(),
    ", n.nickname
    FROM loans l JOIN loan_snapshots s ON s.loan_id = l.id
    LEFT JOIN loan_nicknames n ON n.loan_id = l.id AND n.login_id = $1"
);

impl Store {
    /// One loan by account number, with its latest snapshot (one indexed read).
    pub async fn loan_view(&self, account: AccountNumber) -> Result<Option<LoanView>, StoreError> {
        let sql = format!("{VIEW} WHERE l.account_number = $1");
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(account.to_string())
            .fetch_optional(pool)
            .await?
            .map(|r| view(&r))
            .transpose())
    }

    /// Every loan of one borrower with its snapshot, by account number.
    pub async fn loan_views_of(&self, borrower: BorrowerId) -> Result<Vec<LoanView>, StoreError> {
        let sql = format!("{VIEW} WHERE l.borrower_id = $1 ORDER BY l.account_number");
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(borrower.0)
            .fetch_all(pool)
            .await?
            .iter()
            .map(view)
            .collect())
    }
}

pub(crate) fn view<R: Row>(r: &R) -> Result<LoanView, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let date = |col: &str| -> Result<Option<Date>, StoreError> {
        r.try_get::<Option<String>, _>(col)?
            .map(|d| parse_date("loans", &d))
            .transpose()
    };
    let cents = |col: &str| -> Result<Money, StoreError> { Ok(Money::from_cents(r.try_get(col)?)) };
    Ok(LoanView {
        loan: LoanId(r.try_get("id")?),
        borrower: BorrowerId(r.try_get("borrower_id")?),
        account_number: r
            .try_get::<String, _>("account_number")?
            .parse()
            .map_err(|e| StoreError::Corrupt {
                table: "loans",
                detail: format!("account number: {e}"),
            })?,
        amount_financed: cents("amount_financed_cents")?,
        rate: Rate::from_micro_percent(r.try_get("rate_micro_percent")?),
        autopay_must_be_reestablished: r.try_get::<i64, _>("autopay_must_be_reestablished")? != 0,
        boarded_on: date("boarded_on")?,
        accrual_start: date("accrual_start")?.ok_or_else(|| StoreError::Corrupt {
            table: "loans",
            detail: "no accrual_start".into(),
        })?,
        product_name: r.try_get("product_name")?,
        nickname: r.try_get("nickname")?,
        snapshot: snapshot(r)?,
    })
}

/// A snapshot from a row with the `loan_snapshots` columns.
pub(crate) fn snapshot<R: Row>(r: &R) -> Result<LoanSnapshot, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let date = |col: &str| -> Result<Option<Date>, StoreError> {
        r.try_get::<Option<String>, _>(col)?
            .map(|d| parse_date("loan_snapshots", &d))
            .transpose()
    };
    let cents = |col: &str| -> Result<Money, StoreError> { Ok(Money::from_cents(r.try_get(col)?)) };
    Ok(LoanSnapshot {
        as_of: date("as_of")?.ok_or_else(|| StoreError::Corrupt {
            table: "loan_snapshots",
            detail: "no as_of".into(),
        })?,
        status: parse_vocabulary(
            "loan_snapshots",
            "status",
            &r.try_get::<String, _>("status")?,
            LoanStatus::parse,
        )?,
        principal: cents("principal_cents")?,
        interest: cents("interest_cents")?,
        fees: cents("fees_cents")?,
        amount_due: cents("amount_due_cents")?,
        past_due: cents("past_due_cents")?,
        unapplied: cents("unapplied_cents")?,
        next_due_date: date("next_due_date")?,
        days_past_due: narrow("loan_snapshots", r.try_get::<i64, _>("days_past_due")?)?,
        carry: carry(r.try_get("carry_units")?)?,
        next_event: date("next_event_date")?,
    })
}

/// A stored carry, checked (a negative one is a corrupt row, not a panic).
pub(crate) fn carry(units: i64) -> Result<AccrualCarry, StoreError> {
    if units < 0 {
        return Err(StoreError::Corrupt {
            table: "loan_snapshots",
            detail: format!("negative carry {units}"),
        });
    }
    Ok(AccrualCarry::from_units(units))
}
