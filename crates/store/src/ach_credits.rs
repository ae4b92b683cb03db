//! Bank bill-pay credits read from inbound ACH files: the loan a credit names (with its
//! status and payoff as of its snapshot), the credits kept as remittance items (source
//! 'ach': posted to a loan, or queued for staff), and the credits refused, queued until the
//! next file we originate carries their return (`ach_refusals`). A credit is known by its
//! item key in either table, so one read twice changes nothing.

use crate::codec::{date_text, parse_date, parse_vocabulary};
use crate::tx::on_tx;
use crate::{BorrowerId, LoanId, PaymentId, Store, StoreError, Tx, on_pool};
use domain::account_number::AccountNumber;
use domain::loan::LoanStatus;
use jiff::civil::Date;
use money::Money;
use sqlx::Row;

/// The loan an account number names, with what deciding about a credit to it needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CreditLoan {
    /// The loan.
    pub loan: LoanId,
    /// Its borrower.
    pub borrower: BorrowerId,
    /// Its status as of its snapshot (none for a loan without one).
    pub status: Option<LoanStatus>,
    /// Principal, interest and fees owed as of its snapshot: the payoff that day.
    pub payoff: Money,
}

/// Where a credit kept as a remittance item stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AchItemState {
    /// Posted to a loan as a bill-pay payment.
    Posted,
    /// Queued for staff (no loan, or one it must not post to on its own).
    Exception,
}

impl AchItemState {
    /// The stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            AchItemState::Posted => "posted",
            AchItemState::Exception => "exception",
        }
    }
}

/// A credit kept as a remittance item (source 'ach').
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAchCreditItem {
    /// The remittance file of the inbound ACH file.
    pub file: i64,
    /// `ach:{effective date}:{trace}`.
    pub item_key: String,
    /// The day it settles: what a posted one is credited as of.
    pub deposit_date: Date,
    /// The company of its batch (the bill-pay provider), kept as the item's batch.
    pub company: String,
    /// Its trace number, kept as the item's number.
    pub trace: String,
    /// The amount.
    pub amount: Money,
    /// The receiver's name as the paying bank sent it.
    pub payer: String,
    /// A keyed digest naming this credit (a bill-pay credit carries no account of the
    /// payer's, so no two credits share one: never taken for a duplicate check).
    pub payer_digest: String,
    /// The identification number as sent (what the borrower typed as their account).
    pub memo: String,
    /// The loan it posted to, or the one it names when queued.
    pub loan: Option<LoanId>,
    /// Posted or queued.
    pub state: AchItemState,
    /// Why it was queued (a `domain::remittance::ExceptionReason` code).
    pub reason: Option<String>,
}

/// A credit kept as a remittance item, as it stands now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AchCreditItem {
    /// The item's id.
    pub id: i64,
    /// "posted", "exception", or what staff made of it since ("resolved", "returned").
    pub state: String,
    /// Why it was queued.
    pub reason: Option<String>,
    /// The loan it posted to, or names.
    pub loan: Option<LoanId>,
    /// The amount.
    pub amount: Money,
    /// The day it settled.
    pub deposit_date: Date,
}

/// A credit refused: what its return must echo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAchRefusal {
    /// `ach:{effective date}:{trace}`.
    pub item_key: String,
    /// The credit's trace number.
    pub original_trace: String,
    /// The day it settled (the business day it was read, at the latest).
    pub received_on: Date,
    /// Its batch's SEC code.
    pub sec: String,
    /// Its batch's company name.
    pub company_name: String,
    /// Its batch's company identification.
    pub company_id: String,
    /// Its batch's entry description.
    pub description: String,
    /// Its transaction code (22, 32, 42 or 52).
    pub transaction_code: String,
    /// The bank that sent it (routing number).
    pub paying_bank: String,
    /// Its receiving bank's identification (8 digits).
    pub original_rdfi: String,
    /// The account it credited.
    pub account_number: String,
    /// Its positions 40–54 as received.
    pub individual_id: String,
    /// Its positions 55–76 as received.
    pub individual_name: String,
    /// The amount.
    pub amount: Money,
    /// "R03" or "R23".
    pub reason: String,
    /// The loan it named, when it names one of ours.
    pub loan: Option<LoanId>,
}

/// A refusal as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AchRefusal {
    /// Its id.
    pub id: i64,
    /// The credit and why it goes back.
    pub refusal: NewAchRefusal,
    /// The date of the file that carried its return (none while queued).
    pub file_date: Option<Date>,
    /// The return's trace number in that file.
    pub return_trace: Option<String>,
}

const REFUSAL_COLUMNS: &str =
    "id, item_key, original_trace, received_on, sec, company_name, company_id,
    description, transaction_code, paying_bank, original_rdfi, account_number, individual_id,
    individual_name, amount_cents, reason, loan_id, file_date, return_trace";

fn refusal<R: Row>(r: &R) -> Result<AchRefusal, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<i64>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let text = |col: &str| -> Result<String, StoreError> { Ok(r.try_get::<String, _>(col)?) };
    Ok(AchRefusal {
        id: r.try_get("id")?,
        refusal: NewAchRefusal {
            item_key: text("item_key")?,
            original_trace: text("original_trace")?,
            received_on: parse_date("ach_refusals", &text("received_on")?)?,
            sec: text("sec")?,
            company_name: text("company_name")?,
            company_id: text("company_id")?,
            description: text("description")?,
            transaction_code: text("transaction_code")?,
            paying_bank: text("paying_bank")?,
            original_rdfi: text("original_rdfi")?,
            account_number: text("account_number")?,
            individual_id: text("individual_id")?,
            individual_name: text("individual_name")?,
            amount: Money::from_cents(r.try_get("amount_cents")?),
            reason: text("reason")?,
            loan: r.try_get::<Option<i64>, _>("loan_id")?.map(LoanId),
        },
        file_date: r
            .try_get::<Option<String>, _>("file_date")?
            .map(|d| parse_date("ach_refusals", &d))
            .transpose()?,
        return_trace: r.try_get("return_trace")?,
    })
}

/// A loan row with its snapshot's status and balances (none without a snapshot).
fn credit_loan<R: Row>(r: &R) -> Result<CreditLoan, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<i64>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let status = r
        .try_get::<Option<String>, _>("status")?
        .map(|t| parse_vocabulary("loan_snapshots", "status", &t, LoanStatus::parse))
        .transpose()?;
    let cents = |col: &str| -> Result<i64, StoreError> {
        Ok(r.try_get::<Option<i64>, _>(col)?.unwrap_or(0))
    };
    let (principal, interest, fees) = (
        cents("principal_cents")?,
        cents("interest_cents")?,
        cents("fees_cents")?,
    );
    let payoff = principal
        .checked_add(interest)
        .and_then(|p| p.checked_add(fees))
        .ok_or_else(|| StoreError::Corrupt {
            table: "loan_snapshots",
            detail: "the balances overflow".into(),
        })?;
    Ok(CreditLoan {
        loan: LoanId(r.try_get("id")?),
        borrower: BorrowerId(r.try_get("borrower_id")?),
        status,
        payoff: Money::from_cents(payoff),
    })
}

impl Tx {
    /// True when a credit under `item_key` was read before (kept or refused).
    pub async fn ach_credit_known(&mut self, item_key: &str) -> Result<bool, StoreError> {
        let n: i64 = on_tx!(self, c => sqlx::query(
            "SELECT (SELECT COUNT(*) FROM remittance_items WHERE item_key = $1)
                  + (SELECT COUNT(*) FROM ach_refusals WHERE item_key = $1) AS n",
        )
        .bind(item_key).fetch_one(&mut *c).await?.try_get("n")?);
        Ok(n > 0)
    }

    /// The loan of `account`, with its status and payoff as of its snapshot; none when no
    /// loan has that number.
    pub async fn credit_loan(
        &mut self,
        account: AccountNumber,
    ) -> Result<Option<CreditLoan>, StoreError> {
        on_tx!(self, c => sqlx::query(
            "SELECT l.id, l.borrower_id, s.status, s.principal_cents, s.interest_cents, s.fees_cents
             FROM loans l LEFT JOIN loan_snapshots s ON s.loan_id = l.id WHERE l.account_number = $1",
        )
        .bind(account.to_string()).fetch_optional(&mut *c).await?
        .map(|r| credit_loan(&r)).transpose())
    }

    /// The remittance file of an inbound ACH file (source 'ach', by the file's digest): its
    /// id, recorded now unless it was before.
    pub async fn ach_remittance_file(
        &mut self,
        digest: &str,
        name: &str,
        items: i64,
        total: Money,
        now_us: i64,
    ) -> Result<i64, StoreError> {
        on_tx!(self, c => sqlx::query(
            "INSERT INTO remittance_files (source, name, digest, items, total_cents, imported_at_us, actor)
             VALUES ('ach', $1, $2, $3, $4, $5, 'ach') ON CONFLICT (digest) DO NOTHING",
        )
        .bind(name).bind(digest).bind(items).bind(total.cents()).bind(now_us)
        .execute(&mut *c).await?.rows_affected());
        Ok(
            on_tx!(self, c => sqlx::query("SELECT id FROM remittance_files WHERE digest = $1")
            .bind(digest).fetch_one(&mut *c).await?.try_get::<i64, _>("id")?),
        )
    }

    /// Keeps a credit as a remittance item (source 'ach'); its id, or none when an item of
    /// that key is there already.
    pub async fn insert_ach_credit_item(
        &mut self,
        i: &NewAchCreditItem,
        now_us: i64,
    ) -> Result<Option<i64>, StoreError> {
        Ok(on_tx!(self, c => sqlx::query(
            "INSERT INTO remittance_items (file_id, source, item_key, deposit_date, lockbox, batch, item,
                 amount_cents, check_number, payer, payer_last4, payer_digest, memo, loan_id, matched_by,
                 state, reason, received_at_us)
             VALUES ($1, 'ach', $2, $3, '', $4, $5, $6, '', $7, '', $8, $9, $10, $11, $12, $13, $14)
             ON CONFLICT (item_key) DO NOTHING RETURNING id",
        )
        .bind(i.file).bind(&i.item_key).bind(date_text(i.deposit_date)).bind(&i.company).bind(&i.trace)
        .bind(i.amount.cents()).bind(&i.payer).bind(&i.payer_digest).bind(&i.memo)
        .bind(i.loan.map(|l| l.0))
        .bind(match i.state { AchItemState::Posted => Some("ach"), AchItemState::Exception => None })
        .bind(i.state.as_str()).bind(i.reason.as_deref()).bind(now_us)
        .fetch_optional(&mut *c).await?
        .map(|r| r.try_get::<i64, _>("id")).transpose()?))
    }

    /// Records the payment a kept credit became.
    pub async fn insert_ach_credit_posting(
        &mut self,
        item: i64,
        payment: PaymentId,
        loan: LoanId,
        amount: Money,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query(
            "INSERT INTO remittance_postings (item_id, payment_id, loan_id, amount_cents) VALUES ($1, $2, $3, $4)",
        )
        .bind(item).bind(payment.0).bind(loan.0).bind(amount.cents())
        .execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// Queues a refused credit for the next file we originate; false when one of that key is
    /// there already.
    pub async fn queue_ach_refusal(
        &mut self,
        r: &NewAchRefusal,
        now_us: i64,
    ) -> Result<bool, StoreError> {
        Ok(on_tx!(self, c => sqlx::query(
            "INSERT INTO ach_refusals (item_key, original_trace, received_on, sec, company_name, company_id,
                 description, transaction_code, paying_bank, original_rdfi, account_number, individual_id,
                 individual_name, amount_cents, reason, loan_id, state, created_at_us)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'queued', $17)
             ON CONFLICT (item_key) DO NOTHING",
        )
        .bind(&r.item_key).bind(&r.original_trace).bind(date_text(r.received_on)).bind(&r.sec)
        .bind(&r.company_name).bind(&r.company_id).bind(&r.description).bind(&r.transaction_code)
        .bind(&r.paying_bank).bind(&r.original_rdfi).bind(&r.account_number).bind(&r.individual_id)
        .bind(&r.individual_name).bind(r.amount.cents()).bind(&r.reason).bind(r.loan.map(|l| l.0))
        .bind(now_us)
        .execute(&mut *c).await?.rows_affected())
            == 1)
    }

    /// The refusals no file has carried yet, oldest first.
    pub async fn queued_ach_refusals(&mut self) -> Result<Vec<AchRefusal>, StoreError> {
        let sql = format!(
            "SELECT {REFUSAL_COLUMNS} FROM ach_refusals WHERE state = 'queued' ORDER BY id"
        );
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(&mut *c).await?.iter().map(refusal).collect())
    }

    /// Puts a queued refusal's return in the file of `date` under `trace`; false when it was
    /// no longer queued (another instance's file took it).
    pub async fn mark_ach_refusal_sent(
        &mut self,
        id: i64,
        date: Date,
        trace: &str,
        now_us: i64,
    ) -> Result<bool, StoreError> {
        Ok(on_tx!(self, c => sqlx::query(
            "UPDATE ach_refusals SET state = 'sent', file_date = $2, return_trace = $3, sent_at_us = $4
             WHERE id = $1 AND state = 'queued'",
        )
        .bind(id).bind(date_text(date)).bind(trace).bind(now_us)
        .execute(&mut *c).await?.rows_affected())
            == 1)
    }

    /// The refusals whose returns went out in the file of `date`, in id order.
    pub async fn ach_refusals_in_file(
        &mut self,
        date: Date,
    ) -> Result<Vec<AchRefusal>, StoreError> {
        let sql =
            format!("SELECT {REFUSAL_COLUMNS} FROM ach_refusals WHERE file_date = $1 ORDER BY id");
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(date_text(date)).fetch_all(&mut *c).await?.iter().map(refusal).collect())
    }
}

impl Store {
    /// The remittance item a credit was kept as, by its key (`ach:{effective date}:{trace}`).
    pub async fn ach_credit_item(
        &self,
        item_key: &str,
    ) -> Result<Option<AchCreditItem>, StoreError> {
        on_pool!(self, pool => sqlx::query(
            "SELECT id, state, reason, loan_id, amount_cents, deposit_date FROM remittance_items WHERE item_key = $1",
        )
        .bind(item_key).fetch_optional(pool).await?
        .map(|r| Ok(AchCreditItem {
            id: r.try_get("id")?,
            state: r.try_get("state")?,
            reason: r.try_get("reason")?,
            loan: r.try_get::<Option<i64>, _>("loan_id")?.map(LoanId),
            amount: Money::from_cents(r.try_get("amount_cents")?),
            deposit_date: parse_date("remittance_items", &r.try_get::<String, _>("deposit_date")?)?,
        }))
        .transpose())
    }
}
