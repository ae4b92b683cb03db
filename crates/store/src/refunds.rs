//! Refunds of money held for a borrower (migration 0031): the row each refund decided writes
//! beside the loan's history, `pending` until the money leaves (an ACH credit in a day's file,
//! a card refund the processor accepted: `sent`), `failed` when the borrower's bank sends an
//! ACH credit back or the card processor refuses a card refund for good; and the reads of
//! the credit-balance report (every loan holding unapplied funds, the movements of its
//! unapplied funds for the age of its credit, the money held in suspense).

use crate::codec::{date_text, narrow, parse_date, parse_vocabulary};
use crate::tx::on_tx;
use crate::{LoanId, PaymentId, PaymentMethodId, Store, StoreError, Tx, on_pool};
use domain::account_number::AccountNumber;
use domain::ledger::Account;
use domain::loan::{LoanStatus, TxnId};
use jiff::civil::Date;
use money::Money;
use sqlx::Row;

/// How a refund is paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RefundMethod {
    /// An ACH credit to a saved bank account, in the next day's file.
    Ach,
    /// A refund of a card charge through the card processor.
    Card,
    /// A check, mailed.
    Check,
}

impl RefundMethod {
    /// The stored word.
    pub const fn as_str(self) -> &'static str {
        match self {
            RefundMethod::Ach => "ach",
            RefundMethod::Card => "card",
            RefundMethod::Check => "check",
        }
    }

    /// The method stored as `text`.
    pub fn parse(text: &str) -> Option<RefundMethod> {
        [RefundMethod::Ach, RefundMethod::Card, RefundMethod::Check]
            .into_iter()
            .find(|m| m.as_str() == text)
    }
}

/// Where a refund is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RefundState {
    /// Decided; the money has not left yet.
    Pending,
    /// In a day's ACH file, or accepted by the card processor.
    Sent,
    /// Sent back by the borrower's bank, or a card refund the processor refused: listed for
    /// staff to decide again.
    Failed,
}

impl RefundState {
    /// The stored word.
    pub const fn as_str(self) -> &'static str {
        match self {
            RefundState::Pending => "pending",
            RefundState::Sent => "sent",
            RefundState::Failed => "failed",
        }
    }

    /// The state stored as `text`.
    pub fn parse(text: &str) -> Option<RefundState> {
        [RefundState::Pending, RefundState::Sent, RefundState::Failed]
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

/// A refund decided, to record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewRefund {
    /// Its reference (quoted to the borrower; the audit record carries it).
    pub reference: String,
    /// The loan whose unapplied funds it pays back.
    pub loan: LoanId,
    /// The refund transaction of the loan's history.
    pub txn: TxnId,
    /// The amount.
    pub amount: Money,
    /// How it is paid.
    pub method: RefundMethod,
    /// The saved bank account or card it goes to (none for a check).
    pub method_id: Option<PaymentMethodId>,
    /// For a card refund: the card payment whose charge is refunded.
    pub card_payment: Option<PaymentId>,
    /// The business date it was decided (its transaction's date).
    pub decided_on: Date,
    /// Who decided it (the actor's audit name).
    pub requested_by: String,
    /// The staff member's note.
    pub note: String,
}

/// A refund as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refund {
    /// Its id.
    pub id: i64,
    /// Its reference.
    pub reference: String,
    /// The loan.
    pub loan: LoanId,
    /// The loan's account number.
    pub account: AccountNumber,
    /// The refund transaction of the loan's history.
    pub txn: TxnId,
    /// The amount.
    pub amount: Money,
    /// How it is paid.
    pub method: RefundMethod,
    /// The saved bank account or card it goes to (none for a check).
    pub method_id: Option<PaymentMethodId>,
    /// For a card refund: the card payment whose charge is refunded.
    pub card_payment: Option<PaymentId>,
    /// Where it is.
    pub state: RefundState,
    /// The business date it was decided.
    pub decided_on: Date,
    /// Who decided it.
    pub requested_by: String,
    /// The staff member's note.
    pub note: String,
    /// For an ACH credit sent: the date of the file that carried it.
    pub file_date: Option<Date>,
    /// For an ACH credit sent: its trace number; for a refund check mailed: the check's
    /// number.
    pub trace_number: Option<String>,
    /// For a refund sent back: the bank's return reason code; for a card refund the
    /// processor refused: its reason, in its words.
    pub return_code: Option<String>,
    /// When it was decided.
    pub created_at_us: i64,
}

/// A loan holding unapplied funds, as the credit-balance report lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreditBalanceLoan {
    /// The loan.
    pub loan: LoanId,
    /// Its account number.
    pub account: AccountNumber,
    /// The borrower's name.
    pub borrower_name: String,
    /// Its status as of its snapshot.
    pub status: LoanStatus,
    /// The unapplied funds it holds, as of its snapshot.
    pub unapplied: Money,
    /// The refunds of it decided and not yet sent.
    pub pending_refunds: Money,
}

/// One movement of a loan's unapplied funds in the books: money held (a credit to the
/// account, positive) or paid out or applied (a debit, negative), on its effective date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnappliedMove {
    /// The loan.
    pub loan: LoanId,
    /// The entry's effective date.
    pub date: Date,
    /// Cents held (positive) or released (negative).
    pub cents: i64,
}

/// The columns of [`Refund`], of the rows `r` (refunds) and `l` (loans).
const COLUMNS: &str = "r.id, r.reference, r.loan_id, l.account_number, r.txn_id, r.amount_cents,
    r.method, r.method_id, r.card_payment_id, r.state, r.decided_on, r.requested_by, r.note,
    r.file_date, r.trace_number, r.return_code, r.created_at_us";

/// The refunds joined to their loans.
const FROM: &str = "FROM refunds r JOIN loans l ON l.id = r.loan_id";

/// The return reasons that say a bank account cannot take an entry: closed (R02), no such
/// account (R03), an invalid number (R04).
const ACCOUNT_UNUSABLE: &str = "('R02', 'R03', 'R04')";

/// The day a payment's return window opens: the day its ACH file went out for a bank debit
/// (a debit held for its notice goes out after the date it is credited as of), else its
/// credit date.
const WINDOW_FROM: &str = "CASE WHEN rail = 'ach' AND ach_file_date > credit_date THEN ach_file_date ELSE credit_date END";

/// Whether bank account `$1` is verified for an ACH credit: `settled`, the debits from it
/// posted (in a file we sent) before `$2` and not returned; `unusable`, the entries to or
/// from it that came back closed, no such account or an invalid number.
fn verified_sql() -> String {
    format!(
        "SELECT (SELECT COUNT(*) FROM payments
                  WHERE method_id = $1 AND rail = 'ach' AND status = 'posted' AND {WINDOW_FROM} < $2) AS settled,
                (SELECT COUNT(*) FROM payments WHERE method_id = $1 AND return_code IN {ACCOUNT_UNUSABLE})
                  + (SELECT COUNT(*) FROM refunds WHERE method_id = $1 AND return_code IN {ACCOUNT_UNUSABLE}) AS unusable"
    )
}

/// The posted payments of loan `$1` by check or ACH debit whose return window opened after
/// `$2` (those that can still come back), with the day it opened ([`WINDOW_FROM`]), in that
/// order.
fn in_return_window_sql() -> String {
    format!(
        "SELECT {WINDOW_FROM} AS credit_date, amount_cents FROM payments
         WHERE loan_id = $1 AND status = 'posted' AND rail IN ('ach', 'check') AND {WINDOW_FROM} > $2
         ORDER BY 1, id"
    )
}

/// A payment's window date and amount, read from a row of [`in_return_window_sql`].
fn dated_amount<R: Row>(r: &R) -> Result<(Date, Money), StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    Ok((
        parse_date("payments", &r.try_get::<String, _>("credit_date")?)?,
        Money::from_cents(r.try_get("amount_cents")?),
    ))
}

fn refund<R: Row>(r: &R) -> Result<Refund, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<i64>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let text = |col: &str| -> Result<String, StoreError> { Ok(r.try_get::<String, _>(col)?) };
    Ok(Refund {
        id: r.try_get("id")?,
        reference: text("reference")?,
        loan: LoanId(r.try_get("loan_id")?),
        account: account(&text("account_number")?)?,
        txn: TxnId(narrow("refunds", r.try_get::<i64, _>("txn_id")?)?),
        amount: Money::from_cents(r.try_get("amount_cents")?),
        method: parse_vocabulary("refunds", "method", &text("method")?, RefundMethod::parse)?,
        method_id: r
            .try_get::<Option<i64>, _>("method_id")?
            .map(PaymentMethodId),
        card_payment: r
            .try_get::<Option<i64>, _>("card_payment_id")?
            .map(PaymentId),
        state: parse_vocabulary("refunds", "state", &text("state")?, RefundState::parse)?,
        decided_on: parse_date("refunds", &text("decided_on")?)?,
        requested_by: text("requested_by")?,
        note: text("note")?,
        file_date: r
            .try_get::<Option<String>, _>("file_date")?
            .map(|d| parse_date("refunds", &d))
            .transpose()?,
        trace_number: r.try_get("trace_number")?,
        return_code: r.try_get("return_code")?,
        created_at_us: r.try_get("created_at_us")?,
    })
}

/// A stored account number.
fn account(text: &str) -> Result<AccountNumber, StoreError> {
    text.parse().map_err(|e| StoreError::Corrupt {
        table: "loans",
        detail: format!("account number: {e}"),
    })
}

/// A history transaction's id as stored.
fn txn_column(txn: TxnId) -> Result<i64, StoreError> {
    i64::try_from(txn.0).map_err(|_| StoreError::Corrupt {
        table: "refunds",
        detail: format!("transaction id {} out of range", txn.0),
    })
}

impl Tx {
    /// Records a refund decided, pending; its id.
    pub async fn insert_refund(&mut self, f: &NewRefund, now_us: i64) -> Result<i64, StoreError> {
        let txn = txn_column(f.txn)?;
        Ok(on_tx!(self, c => sqlx::query(
            "INSERT INTO refunds (reference, loan_id, txn_id, amount_cents, method, method_id,
                 card_payment_id, state, decided_on, requested_by, note, created_at_us)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9, $10, $11) RETURNING id",
        )
        .bind(&f.reference).bind(f.loan.0).bind(txn).bind(f.amount.cents())
        .bind(f.method.as_str()).bind(f.method_id.map(|m| m.0)).bind(f.card_payment.map(|p| p.0))
        .bind(date_text(f.decided_on)).bind(&f.requested_by).bind(&f.note).bind(now_us)
        .fetch_one(&mut *c).await?.try_get::<i64, _>("id")?))
    }

    /// The refund with `reference`, if any.
    pub async fn refund_by_reference(
        &mut self,
        reference: &str,
    ) -> Result<Option<Refund>, StoreError> {
        let sql = format!("SELECT {COLUMNS} {FROM} WHERE r.reference = $1");
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(reference)
            .fetch_optional(&mut *c).await?.map(|r| refund(&r)).transpose())
    }

    /// The card payment of `loan` made with card `method` whose charge can take a refund of
    /// `amount` (posted, with the processor's authorization, at least `amount` of it not
    /// refunded yet, and no refund of it refused by the processor: it would refuse again),
    /// the newest first: its id and the authorization.
    pub async fn card_charge_to_refund(
        &mut self,
        loan: LoanId,
        method: PaymentMethodId,
        amount: Money,
    ) -> Result<Option<(PaymentId, String)>, StoreError> {
        on_tx!(self, c => sqlx::query(
            "SELECT p.id, p.card_authorization FROM payments p
             WHERE p.loan_id = $1 AND p.method_id = $2 AND p.rail = 'card' AND p.status = 'posted'
               AND p.card_authorization IS NOT NULL
               AND p.amount_cents - (SELECT CAST(COALESCE(SUM(r.amount_cents), 0) AS BIGINT) FROM refunds r
                                     WHERE r.card_payment_id = p.id AND r.state <> 'failed') >= $3
               AND NOT EXISTS (SELECT 1 FROM refunds f WHERE f.card_payment_id = p.id AND f.state = 'failed')
             ORDER BY p.id DESC LIMIT 1",
        )
        .bind(loan.0).bind(method.0).bind(amount.cents())
        .fetch_optional(&mut *c).await?
        .map(|r| Ok((PaymentId(r.try_get("id")?), r.try_get::<String, _>("card_authorization")?)))
        .transpose())
    }

    /// True when the bank account `method` is verified for an ACH credit: a debit from it
    /// posted (in a file we sent) and credited before `settled_before` was not returned, and
    /// no payment from it or refund to it came back closed, no such account or an invalid
    /// number.
    pub async fn bank_account_verified(
        &mut self,
        method: PaymentMethodId,
        settled_before: Date,
    ) -> Result<bool, StoreError> {
        let (settled, unusable): (i64, i64) = on_tx!(self, c => {
            let r = sqlx::query(sqlx::AssertSqlSafe(verified_sql()))
                .bind(method.0).bind(date_text(settled_before))
                .fetch_one(&mut *c).await?;
            (r.try_get("settled")?, r.try_get("unusable")?)
        });
        Ok(settled > 0 && unusable == 0)
    }

    /// The posted payments of `loan` by check or ACH debit credited after `after` (those that
    /// can still come back: a check bounced, a debit returned), by credit date: each one's
    /// credit date and amount.
    pub async fn payments_in_return_window(
        &mut self,
        loan: LoanId,
        after: Date,
    ) -> Result<Vec<(Date, Money)>, StoreError> {
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(in_return_window_sql())).bind(loan.0).bind(date_text(after))
            .fetch_all(&mut *c).await?.iter().map(dated_amount).collect())
    }

    /// The refund with id `id`, if any.
    pub async fn refund(&mut self, id: i64) -> Result<Option<Refund>, StoreError> {
        let sql = format!("SELECT {COLUMNS} {FROM} WHERE r.id = $1");
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id)
            .fetch_optional(&mut *c).await?.map(|r| refund(&r)).transpose())
    }

    /// Marks a pending refund check mailed: sent, under its check number `number`; false when
    /// it is not a check waiting to be mailed.
    pub async fn mark_check_mailed(
        &mut self,
        id: i64,
        number: &str,
        now_us: i64,
    ) -> Result<bool, StoreError> {
        Ok(on_tx!(self, c => sqlx::query(
            "UPDATE refunds SET state = 'sent', trace_number = $2, sent_at_us = $3
             WHERE id = $1 AND method = 'check' AND state = 'pending'",
        )
        .bind(id).bind(number).bind(now_us)
        .execute(&mut *c).await?.rows_affected())
            == 1)
    }

    /// The ACH refunds decided on or before `date` that no file has carried yet, in id order.
    pub async fn ach_refunds_to_send(&mut self, date: Date) -> Result<Vec<Refund>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} {FROM} WHERE r.state = 'pending' AND r.method = 'ach' AND r.decided_on <= $1
             ORDER BY r.id"
        );
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(date_text(date))
            .fetch_all(&mut *c).await?.iter().map(refund).collect())
    }

    /// Marks a pending refund sent (an ACH credit: in the file of `date` under `trace`; a
    /// card refund: neither); false when it was no longer pending (another instance sent it).
    pub async fn mark_refund_sent(
        &mut self,
        id: i64,
        file: Option<(Date, &str)>,
        now_us: i64,
    ) -> Result<bool, StoreError> {
        Ok(on_tx!(self, c => sqlx::query(
            "UPDATE refunds SET state = 'sent', file_date = $2, trace_number = $3, sent_at_us = $4
             WHERE id = $1 AND state = 'pending'",
        )
        .bind(id).bind(file.map(|(d, _)| date_text(d))).bind(file.map(|(_, t)| t.to_owned()))
        .bind(now_us)
        .execute(&mut *c).await?.rows_affected())
            == 1)
    }

    /// The ACH refunds that went out in the file of `date`, in id order.
    pub async fn refunds_in_file(&mut self, date: Date) -> Result<Vec<Refund>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} {FROM} WHERE r.file_date = $1 AND r.method = 'ach' ORDER BY r.id"
        );
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(date_text(date))
            .fetch_all(&mut *c).await?.iter().map(refund).collect())
    }

    /// The ACH refund sent under trace number `trace` (the newest, should a trace number have
    /// been used again years later), if any.
    pub async fn refund_by_trace(&mut self, trace: &str) -> Result<Option<Refund>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} {FROM} WHERE r.trace_number = $1 AND r.method = 'ach'
             ORDER BY r.id DESC LIMIT 1"
        );
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(trace)
            .fetch_optional(&mut *c).await?.map(|r| refund(&r)).transpose())
    }

    /// Marks a pending card refund failed: the card processor refused it for good, for
    /// `reason` (kept as its return code, in the processor's words); false when it is no
    /// longer pending (another instance sent it, or marked it refused, first).
    pub async fn mark_card_refund_refused(
        &mut self,
        id: i64,
        reason: &str,
        now_us: i64,
    ) -> Result<bool, StoreError> {
        Ok(on_tx!(self, c => sqlx::query(
            "UPDATE refunds SET state = 'failed', return_code = $2, failed_at_us = $3
             WHERE id = $1 AND method = 'card' AND state = 'pending'",
        )
        .bind(id).bind(reason).bind(now_us)
        .execute(&mut *c).await?.rows_affected())
            == 1)
    }

    /// Marks a sent refund failed: the borrower's bank sent it back with `code`, read on
    /// business date `on` (the day the bank puts the money back into our account, which that
    /// day's bank reconciliation expects); false when it was not sent (or failed already).
    pub async fn mark_refund_failed(
        &mut self,
        id: i64,
        code: &str,
        on: Date,
        now_us: i64,
    ) -> Result<bool, StoreError> {
        Ok(on_tx!(self, c => sqlx::query(
            "UPDATE refunds SET state = 'failed', return_code = $2, failed_at_us = $3, returned_on = $4
             WHERE id = $1 AND state = 'sent'",
        )
        .bind(id).bind(code).bind(now_us).bind(date_text(on))
        .execute(&mut *c).await?.rows_affected())
            == 1)
    }
}

impl Store {
    /// True when the bank account `method` is verified for an ACH credit (as
    /// [`Tx::bank_account_verified`], read outside a transaction).
    pub async fn bank_account_verified(
        &self,
        method: PaymentMethodId,
        settled_before: Date,
    ) -> Result<bool, StoreError> {
        let (settled, unusable): (i64, i64) = on_pool!(self, pool => {
            let r = sqlx::query(sqlx::AssertSqlSafe(verified_sql()))
                .bind(method.0).bind(date_text(settled_before))
                .fetch_one(pool).await?;
            (r.try_get("settled")?, r.try_get("unusable")?)
        });
        Ok(settled > 0 && unusable == 0)
    }

    /// The posted payments of `loan` by check or ACH debit credited after `after` (as
    /// [`Tx::payments_in_return_window`], read outside a transaction).
    pub async fn payments_in_return_window(
        &self,
        loan: LoanId,
        after: Date,
    ) -> Result<Vec<(Date, Money)>, StoreError> {
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(in_return_window_sql())).bind(loan.0).bind(date_text(after))
            .fetch_all(pool).await?.iter().map(dated_amount).collect())
    }

    /// The saved cards that paid `loan` by a card payment posted with the processor's
    /// authorization and no refund of it refused by the processor (the cards a refund of it
    /// may go back to), in id order.
    pub async fn cards_that_paid(&self, loan: LoanId) -> Result<Vec<PaymentMethodId>, StoreError> {
        on_pool!(self, pool => sqlx::query(
            "SELECT DISTINCT p.method_id FROM payments p
             WHERE p.loan_id = $1 AND p.rail = 'card' AND p.status = 'posted' AND p.method_id IS NOT NULL
               AND p.card_authorization IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM refunds f WHERE f.card_payment_id = p.id AND f.state = 'failed')
             ORDER BY p.method_id",
        )
        .bind(loan.0).fetch_all(pool).await?.iter()
        .map(|r| Ok(PaymentMethodId(r.try_get("method_id")?)))
        .collect())
    }

    /// The refund with `reference`, if any.
    pub async fn refund_by_reference(&self, reference: &str) -> Result<Option<Refund>, StoreError> {
        let sql = format!("SELECT {COLUMNS} {FROM} WHERE r.reference = $1");
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(reference)
            .fetch_optional(pool).await?.map(|r| refund(&r)).transpose())
    }

    /// The newest `limit` refunds of `loan`, newest first.
    pub async fn refunds_of_loan(
        &self,
        loan: LoanId,
        limit: i64,
    ) -> Result<Vec<Refund>, StoreError> {
        let sql =
            format!("SELECT {COLUMNS} {FROM} WHERE r.loan_id = $1 ORDER BY r.id DESC LIMIT $2");
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(loan.0).bind(limit)
            .fetch_all(pool).await?.iter().map(refund).collect())
    }

    /// The refunds waiting on staff, oldest first: those sent back by the borrower's bank or
    /// refused by the card processor (their money back on the loan) until a refund of the loan is decided again or the loan
    /// holds no credit; the checks still to mail; and the ACH refunds a day's file should
    /// have carried and did not (one written once the refund was decided, for its date or a
    /// later one: the account could not be written as an entry, or was removed).
    pub async fn refunds_for_staff(&self) -> Result<Vec<Refund>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} {FROM}
             WHERE (r.state = 'failed'
                    AND NOT EXISTS (SELECT 1 FROM refunds n WHERE n.loan_id = r.loan_id AND n.id > r.id)
                    AND EXISTS (SELECT 1 FROM loan_snapshots s
                                WHERE s.loan_id = r.loan_id AND s.unapplied_cents > 0))
                OR (r.state = 'pending' AND r.method = 'check')
                OR (r.state = 'pending' AND r.method = 'ach'
                    AND EXISTS (SELECT 1 FROM ach_files f
                                WHERE f.file_date >= r.decided_on AND f.created_at_us >= r.created_at_us))
             ORDER BY r.id"
        );
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(pool).await?.iter().map(refund).collect())
    }

    /// The card refunds decided before `before_us` that the processor has not accepted yet
    /// (it could not be reached; one it refused is failed, not pending), oldest first, with the authorization of the charge each
    /// refunds.
    pub async fn card_refunds_to_send(
        &self,
        before_us: i64,
    ) -> Result<Vec<(Refund, String)>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS}, p.card_authorization {FROM} JOIN payments p ON p.id = r.card_payment_id
             WHERE r.state = 'pending' AND r.method = 'card' AND r.created_at_us < $1
               AND p.card_authorization IS NOT NULL
             ORDER BY r.id"
        );
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(before_us)
            .fetch_all(pool).await?.iter()
            .map(|r| Ok((refund(r)?, r.try_get::<String, _>("card_authorization")?)))
            .collect())
    }

    /// Every loan holding unapplied funds as of its snapshot (open, paid off or charged off),
    /// with the refunds of it still pending; in id order.
    pub async fn credit_balance_loans(&self) -> Result<Vec<CreditBalanceLoan>, StoreError> {
        // CAST keeps PostgreSQL's SUM(bigint) (a numeric) an integer on both backends.
        on_pool!(self, pool => sqlx::query(
            "SELECT l.id, l.account_number, b.full_name, s.status, s.unapplied_cents,
                    (SELECT CAST(COALESCE(SUM(r.amount_cents), 0) AS BIGINT) FROM refunds r
                     WHERE r.loan_id = l.id AND r.state = 'pending') AS pending_cents
             FROM loan_snapshots s JOIN loans l ON l.id = s.loan_id JOIN borrowers b ON b.id = l.borrower_id
             WHERE s.unapplied_cents > 0 ORDER BY l.id",
        )
        .fetch_all(pool).await?.iter()
        .map(|r| Ok(CreditBalanceLoan {
            loan: LoanId(r.try_get("id")?),
            account: account(&r.try_get::<String, _>("account_number")?)?,
            borrower_name: r.try_get("full_name")?,
            status: parse_vocabulary(
                "loan_snapshots",
                "status",
                &r.try_get::<String, _>("status")?,
                LoanStatus::parse,
            )?,
            unapplied: Money::from_cents(r.try_get("unapplied_cents")?),
            pending_refunds: Money::from_cents(r.try_get("pending_cents")?),
        }))
        .collect())
    }

    /// The movements of unapplied funds in the books of every loan that holds some as of its
    /// snapshot, by loan, then effective date, then entry.
    pub async fn unapplied_moves(&self) -> Result<Vec<UnappliedMove>, StoreError> {
        on_pool!(self, pool => sqlx::query(
            "SELECT e.loan_id, e.effective_date, l.side, l.amount_cents
             FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
             WHERE l.account = $1
               AND e.loan_id IN (SELECT loan_id FROM loan_snapshots WHERE unapplied_cents > 0)
             ORDER BY e.loan_id, e.effective_date, e.id, l.line_no",
        )
        .bind(Account::UnappliedFunds.code())
        .fetch_all(pool).await?.iter()
        .map(|r| {
            let cents: i64 = r.try_get("amount_cents")?;
            let side: String = r.try_get("side")?;
            Ok(UnappliedMove {
                loan: LoanId(r.try_get("loan_id")?),
                date: parse_date("journal_entries", &r.try_get::<String, _>("effective_date")?)?,
                cents: if side == "C" { cents } else { -cents },
            })
        })
        .collect())
    }

    /// What remittance suspense holds now (its credits less its debits): money received and
    /// not yet applied to a loan or sent back.
    pub async fn suspense_held(&self) -> Result<Money, StoreError> {
        // CAST keeps PostgreSQL's SUM(bigint) (a numeric) an integer on both backends.
        let (credits, debits): (i64, i64) = on_pool!(self, pool => {
            let r = sqlx::query(
                "SELECT CAST(COALESCE(SUM(CASE WHEN side = 'C' THEN amount_cents ELSE 0 END), 0) AS BIGINT) AS credits,
                        CAST(COALESCE(SUM(CASE WHEN side = 'D' THEN amount_cents ELSE 0 END), 0) AS BIGINT) AS debits
                 FROM journal_lines WHERE account = $1",
            )
            .bind(Account::Suspense.code())
            .fetch_one(pool)
            .await?;
            (r.try_get("credits")?, r.try_get("debits")?)
        });
        Ok(Money::from_cents(credits.saturating_sub(debits)))
    }
}
