//! AutoPay authorizations: what the borrower agreed to (the text and its version, who, when,
//! from where, the account, the amount and the timing: monthly, twice a month or every other
//! week, ADR 0028), kept after cancellation. An AutoPay is
//! its loan's, and so its borrower's; the portal login it was set up under or for is kept when
//! there is one (none when it was set up by phone for a borrower who had not enrolled, ADR
//! 0023).

use crate::codec::{date_text, money_opt, narrow, parse_date, parse_vocabulary};
use crate::tx::on_tx;
use crate::{LoanId, LoginId, PaymentMethodId, Store, StoreError, Tx, on_pool};
use domain::autopay::{Cadence, Frequency, TwiceMonthlyDays};
use money::Money;
use sqlx::Row;

/// An AutoPay authorization's identity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AutopayId(pub i64);

/// An authorization to record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAutopay {
    /// The loan.
    pub loan: LoanId,
    /// The portal login it is set up under (the borrower's, by phone); `None` for a borrower
    /// who has not enrolled.
    pub login: Option<LoginId>,
    /// The account or card drafted.
    pub method: PaymentMethodId,
    /// A fixed amount (at least the scheduled payment), or `None` for the scheduled payment.
    pub fixed_amount: Option<Money>,
    /// Draft this many days before the due date (0: on it); monthly AutoPay only (0 otherwise).
    pub days_before_due: u8,
    /// Monthly, twice a month on two days, or every other week from a start date.
    pub cadence: Cadence,
    /// The authorization's words as shown.
    pub text: String,
    /// Their version.
    pub version: String,
    /// The address it was authorized from.
    pub ip: String,
}

/// An authorization as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Autopay {
    /// Its id.
    pub id: AutopayId,
    /// The loan.
    pub loan: LoanId,
    /// The portal login it was set up under; `None` when it was set up by phone for a
    /// borrower who had not enrolled.
    pub login: Option<LoginId>,
    /// The account or card drafted.
    pub method: PaymentMethodId,
    /// A fixed amount, or `None` for the scheduled payment.
    pub fixed_amount: Option<Money>,
    /// Days before the due date it drafts (monthly AutoPay; 0 otherwise).
    pub days_before_due: u8,
    /// Monthly, twice a month on two days, or every other week from a start date.
    pub cadence: Cadence,
    /// The words agreed to.
    pub text: String,
    /// Their version.
    pub version: String,
    /// From where.
    pub ip: String,
    /// When.
    pub authorized_at_us: i64,
    /// When it was cancelled or stopped.
    pub cancelled_at_us: Option<i64>,
    /// Why ("borrower", "R02 account closed"…).
    pub cancel_reason: Option<String>,
    /// Stopped by a return that needs a new authorization (R05/R07/R10/R29).
    pub reauthorization_required: bool,
}

const COLUMNS: &str = "id, loan_id, login_id, method_id, fixed_amount_cents, days_before_due, authorization_text,
    authorization_version, authorized_ip, authorized_at_us, cancelled_at_us, cancel_reason, reauthorization_required,
    frequency, twice_monthly_first, twice_monthly_second, biweekly_start";

/// A cadence as its columns hold it: the frequency, the twice-monthly days, the biweekly start.
fn cadence_columns(c: Cadence) -> (&'static str, Option<i64>, Option<i64>, Option<String>) {
    match c {
        Cadence::Monthly => (Frequency::Monthly.as_str(), None, None, None),
        Cadence::TwiceMonthly(days) => (
            Frequency::TwiceMonthly.as_str(),
            Some(i64::from(days.first())),
            Some(i64::from(days.second())),
            None,
        ),
        Cadence::Biweekly { start } => (
            Frequency::Biweekly.as_str(),
            None,
            None,
            Some(date_text(start)),
        ),
    }
}

impl Tx {
    /// Records an authorization and clears the loan's "re-establish AutoPay" flag. A loan with
    /// a live AutoPay already fails with [`StoreError::Duplicate`].
    pub async fn insert_autopay(
        &mut self,
        a: &NewAutopay,
        now_us: i64,
    ) -> Result<AutopayId, StoreError> {
        if self.live_autopay(a.loan).await?.is_some() {
            return Err(StoreError::Duplicate {
                what: "live AutoPay of this loan".into(),
            });
        }
        let (frequency, first, second, start) = cadence_columns(a.cadence);
        let id = on_tx!(self, c => sqlx::query(
            "INSERT INTO autopays (loan_id, login_id, method_id, amount_kind, fixed_amount_cents, days_before_due,
               authorization_text, authorization_version, authorized_ip, authorized_at_us,
               frequency, twice_monthly_first, twice_monthly_second, biweekly_start)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
        )
        .bind(a.loan.0).bind(a.login.map(|l| l.0)).bind(a.method.0)
        .bind(if a.fixed_amount.is_some() { "fixed" } else { "scheduled" })
        .bind(a.fixed_amount.map(Money::cents)).bind(i64::from(a.days_before_due))
        .bind(&a.text).bind(&a.version).bind(&a.ip).bind(now_us)
        .bind(frequency).bind(first).bind(second).bind(start.as_deref())
        .fetch_one(&mut *c).await?.try_get::<i64, _>("id")?);
        on_tx!(self, c => sqlx::query("UPDATE loans SET autopay_must_be_reestablished = 0 WHERE id = $1")
            .bind(a.loan.0).execute(&mut *c).await?.rows_affected());
        Ok(AutopayId(id))
    }

    /// Ends a live authorization; false when it was not live.
    pub async fn end_autopay(
        &mut self,
        id: AutopayId,
        reason: &str,
        reauthorization_required: bool,
        now_us: i64,
    ) -> Result<bool, StoreError> {
        Ok(on_tx!(self, c => sqlx::query(
            "UPDATE autopays SET cancelled_at_us = $2, cancel_reason = $3, reauthorization_required = $4
             WHERE id = $1 AND cancelled_at_us IS NULL",
        )
        .bind(id.0).bind(now_us).bind(reason).bind(i64::from(reauthorization_required))
        .execute(&mut *c).await?.rows_affected())
            == 1)
    }

    /// The live authorization of a loan, read inside this transaction.
    pub async fn live_autopay(&mut self, loan: LoanId) -> Result<Option<Autopay>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM autopays WHERE loan_id = $1 AND cancelled_at_us IS NULL"
        );
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(loan.0).fetch_optional(&mut *c).await?.map(|r| autopay(&r)).transpose())
    }

    /// The live authorizations of `loans`, by loan (close of business reads a chunk's at once).
    pub async fn live_autopays_of(
        &mut self,
        loans: &[LoanId],
    ) -> Result<std::collections::HashMap<LoanId, Autopay>, StoreError> {
        let mut out = std::collections::HashMap::new();
        for part in loans.chunks(crate::borrowers::CHUNK) {
            let found: Vec<Autopay> = on_tx!(self, c => {
                let sql = format!("SELECT {COLUMNS} FROM autopays WHERE cancelled_at_us IS NULL AND loan_id IN ");
                let mut q = sqlx::QueryBuilder::new(sql);
                crate::codec::push_ids(&mut q, part.iter().map(|x| x.0));
                q.build().fetch_all(&mut *c).await?.iter().map(autopay).collect::<Result<_, StoreError>>()?
            });
            out.extend(found.into_iter().map(|a| (a.loan, a)));
        }
        Ok(out)
    }

    /// One authorization.
    pub async fn autopay(&mut self, id: AutopayId) -> Result<Option<Autopay>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM autopays WHERE id = $1");
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id.0).fetch_optional(&mut *c).await?.map(|r| autopay(&r)).transpose())
    }

    /// Every live authorization, by loan (the drafting run walks them).
    pub async fn live_autopays(&mut self) -> Result<Vec<Autopay>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM autopays WHERE cancelled_at_us IS NULL ORDER BY loan_id"
        );
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(&mut *c).await?.iter().map(autopay).collect())
    }
}

impl Store {
    /// The live authorizations on the loans `login` reaches.
    pub async fn live_autopays_of_login(&self, login: LoginId) -> Result<Vec<Autopay>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM autopays WHERE cancelled_at_us IS NULL
             AND loan_id IN (SELECT l.id FROM loans l JOIN login_links k ON k.borrower_id = l.borrower_id WHERE k.login_id = $1)
             ORDER BY loan_id"
        );
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(login.0).fetch_all(pool).await?.iter().map(autopay).collect())
    }

    /// Every authorization of a loan the caller has scoped, newest first (live and ended).
    pub async fn autopays_of_loan(&self, loan: LoanId) -> Result<Vec<Autopay>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM autopays WHERE loan_id = $1 ORDER BY id DESC");
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(loan.0).fetch_all(pool).await?.iter().map(autopay).collect())
    }
}

fn autopay<R: Row>(r: &R) -> Result<Autopay, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<i64>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    Ok(Autopay {
        id: AutopayId(r.try_get("id")?),
        loan: LoanId(r.try_get("loan_id")?),
        login: r.try_get::<Option<i64>, _>("login_id")?.map(LoginId),
        method: PaymentMethodId(r.try_get("method_id")?),
        fixed_amount: money_opt(r.try_get("fixed_amount_cents")?),
        days_before_due: narrow("autopays", r.try_get::<i64, _>("days_before_due")?)?,
        cadence: cadence(r)?,
        text: r.try_get("authorization_text")?,
        version: r.try_get("authorization_version")?,
        ip: r.try_get("authorized_ip")?,
        authorized_at_us: r.try_get("authorized_at_us")?,
        cancelled_at_us: r.try_get("cancelled_at_us")?,
        cancel_reason: r.try_get("cancel_reason")?,
        reauthorization_required: r.try_get::<i64, _>("reauthorization_required")? != 0,
    })
}

/// The cadence an authorization's row holds (its frequency and that frequency's columns).
fn cadence<R: Row>(r: &R) -> Result<Cadence, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<i64>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let corrupt = |detail: &str| StoreError::Corrupt {
        table: "autopays",
        detail: detail.to_owned(),
    };
    let frequency = parse_vocabulary(
        "autopays",
        "frequency",
        &r.try_get::<String, _>("frequency")?,
        Frequency::parse,
    )?;
    Ok(match frequency {
        Frequency::Monthly => Cadence::Monthly,
        Frequency::TwiceMonthly => {
            let day = |col: &str| -> Result<u8, StoreError> {
                let n = r
                    .try_get::<Option<i64>, _>(col)?
                    .ok_or_else(|| corrupt("a twice-monthly AutoPay without its days"))?;
                narrow("autopays", n)
            };
            let days = TwiceMonthlyDays::try_new(
                day("twice_monthly_first")?,
                day("twice_monthly_second")?,
            )
            .map_err(|e| corrupt(&e.to_string()))?;
            Cadence::TwiceMonthly(days)
        }
        Frequency::Biweekly => {
            let start = r
                .try_get::<Option<String>, _>("biweekly_start")?
                .ok_or_else(|| corrupt("a biweekly AutoPay without its start"))?;
            Cadence::Biweekly {
                start: parse_date("autopays", &start)?,
            }
        }
    })
}
