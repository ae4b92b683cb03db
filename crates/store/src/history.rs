//! Each loan's dated history (the transactions its state is replayed from) and the prior
//! servicer's payment history kept for the borrower's records.

use crate::borrowers::CHUNK;
use crate::codec::{date_text, narrow, parse_date};
use crate::tx::on_tx;
use crate::{LoanId, Store, StoreError, Tx, on_pool};
use domain::loan::{ExtraTo, TermsChange, Transaction, TxnId, TxnKind};
use jiff::civil::Date;
use money::Money;
use sqlx::{QueryBuilder, Row};

impl Tx {
    /// Appends a transaction to a loan's history; its id is assigned here.
    pub async fn append_transaction(
        &mut self,
        loan: LoanId,
        date: Date,
        kind: TxnKind,
        now_us: i64,
    ) -> Result<TxnId, StoreError> {
        let (name, amount, extra, reverses, nsf, due_day) = match kind {
            TxnKind::Payment { amount, extra } => (
                "payment",
                Some(amount.cents()),
                Some(extra_text(extra)),
                None,
                false,
                None,
            ),
            TxnKind::Reversal {
                of,
                insufficient_funds,
            } => {
                let of = i64::try_from(of.0).map_err(|_| StoreError::NotFound {
                    what: format!("transaction {}", of.0),
                })?;
                ("reversal", None, None, Some(of), insufficient_funds, None)
            }
            TxnKind::FeeWaiver { amount } => {
                ("fee_waiver", Some(amount.cents()), None, None, false, None)
            }
            TxnKind::ChargeOff => ("charge_off", None, None, None, false, None),
            TxnKind::InterestWaiver { amount } => (
                "interest_waiver",
                Some(amount.cents()),
                None,
                None,
                false,
                None,
            ),
            TxnKind::Amendment {
                change: TermsChange::DueDay { day },
            } => ("amendment", None, None, None, false, Some(i64::from(day))),
            TxnKind::Refund { amount } => ("refund", Some(amount.cents()), None, None, false, None),
        };
        let id: i64 = on_tx!(self, c => sqlx::query(
            "INSERT INTO loan_transactions (loan_id, effective_date, kind, amount_cents, extra_to, reverses_id, insufficient_funds, created_at_us, due_day)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(loan.0)
        .bind(date_text(date))
        .bind(name)
        .bind(amount)
        .bind(extra)
        .bind(reverses)
        .bind(i64::from(nsf))
        .bind(now_us)
        .bind(due_day)
        .fetch_one(&mut *c)
        .await?
        .try_get("id")?);
        Ok(TxnId(narrow("loan_transactions", id)?))
    }

    /// Keeps the prior servicer's payments of boarded loans.
    pub async fn insert_prior_payments(
        &mut self,
        payments: &[(LoanId, Date, Money)],
    ) -> Result<(), StoreError> {
        for chunk in payments.chunks(CHUNK) {
            on_tx!(self, c => {
                let mut q = QueryBuilder::new("INSERT INTO prior_payments (loan_id, paid_on, amount_cents) ");
                q.push_values(chunk, |mut row, (loan, date, amount)| {
                    row.push_bind(loan.0).push_bind(date_text(*date)).push_bind(amount.cents());
                });
                q.build().execute(&mut *c).await?;
            });
        }
        Ok(())
    }
}

impl Store {
    /// Appends one transaction in its own database transaction.
    pub async fn append_transaction(
        &self,
        loan: LoanId,
        date: Date,
        kind: TxnKind,
        now_us: i64,
    ) -> Result<TxnId, StoreError> {
        let mut tx = self.begin().await?;
        let id = tx.append_transaction(loan, date, kind, now_us).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The prior servicer's payments of a boarded loan, oldest first.
    pub async fn prior_payments(&self, loan: LoanId) -> Result<Vec<(Date, Money)>, StoreError> {
        on_pool!(self, pool => {
            sqlx::query("SELECT paid_on, amount_cents FROM prior_payments WHERE loan_id = $1 ORDER BY paid_on")
                .bind(loan.0)
                .fetch_all(pool)
                .await?
                .iter()
                .map(|r| Ok((parse_date("prior_payments", &r.try_get::<String, _>("paid_on")?)?, Money::from_cents(r.try_get("amount_cents")?))))
                .collect()
        })
    }

    /// A loan's whole history, in (date, id) order.
    pub async fn history(&self, loan: LoanId) -> Result<Vec<Transaction>, StoreError> {
        on_pool!(self, pool => sqlx::query(HISTORY).bind(loan.0).fetch_all(pool).await?.iter().map(transaction).collect())
    }
}

impl Tx {
    /// A loan's whole history, read inside this transaction (it sees this transaction's writes).
    pub async fn history(&mut self, loan: LoanId) -> Result<Vec<Transaction>, StoreError> {
        on_tx!(self, c => sqlx::query(HISTORY).bind(loan.0).fetch_all(&mut *c).await?.iter().map(transaction).collect())
    }
}

impl Tx {
    /// The histories of `loans` that have any, in one read (close of business reads those of
    /// a chunk's loans it replays at once).
    pub async fn histories(
        &mut self,
        loans: &[LoanId],
    ) -> Result<std::collections::HashMap<LoanId, Vec<Transaction>>, StoreError> {
        let mut out: std::collections::HashMap<LoanId, Vec<Transaction>> =
            std::collections::HashMap::new();
        for part in loans.chunks(CHUNK) {
            let rows = on_tx!(self, c => {
                let mut q = QueryBuilder::new(
                    "SELECT loan_id, id, effective_date, kind, amount_cents, extra_to, reverses_id, insufficient_funds, due_day
                     FROM loan_transactions WHERE loan_id IN ",
                );
                crate::codec::push_ids(&mut q, part.iter().map(|x| x.0));
                q.push(" ORDER BY loan_id, effective_date, id");
                q.build()
                    .fetch_all(&mut *c)
                    .await?
                    .iter()
                    .map(|r| Ok((LoanId(r.try_get("loan_id")?), transaction(r)?)))
                    .collect::<Result<Vec<_>, StoreError>>()?
            });
            for (loan, t) in rows {
                out.entry(loan).or_default().push(t);
            }
        }
        Ok(out)
    }
}

const HISTORY: &str =
    "SELECT id, effective_date, kind, amount_cents, extra_to, reverses_id, insufficient_funds, due_day
     FROM loan_transactions WHERE loan_id = $1 ORDER BY effective_date, id";

pub(crate) fn transaction<R: Row>(r: &R) -> Result<Transaction, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<i64>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let corrupt = |detail: &str| StoreError::Corrupt {
        table: "loan_transactions",
        detail: detail.to_owned(),
    };
    let amount = || -> Result<Money, StoreError> {
        let cents: Option<i64> = r.try_get("amount_cents")?;
        cents
            .map(Money::from_cents)
            .ok_or_else(|| corrupt("missing amount"))
    };
    let kind = match r.try_get::<String, _>("kind")?.as_str() {
        "payment" => TxnKind::Payment {
            amount: amount()?,
            extra: match r.try_get::<Option<String>, _>("extra_to")?.as_deref() {
                Some("next_installment") => ExtraTo::NextInstallment,
                _ => ExtraTo::Principal,
            },
        },
        "reversal" => TxnKind::Reversal {
            of: TxnId(narrow(
                "loan_transactions",
                r.try_get::<Option<i64>, _>("reverses_id")?
                    .ok_or_else(|| corrupt("reversal without target"))?,
            )?),
            insufficient_funds: r.try_get::<i64, _>("insufficient_funds")? != 0,
        },
        "fee_waiver" => TxnKind::FeeWaiver { amount: amount()? },
        "charge_off" => TxnKind::ChargeOff,
        "interest_waiver" => TxnKind::InterestWaiver { amount: amount()? },
        "amendment" => {
            let day = r
                .try_get::<Option<i64>, _>("due_day")?
                .ok_or_else(|| corrupt("amendment without a change"))?;
            TxnKind::Amendment {
                change: TermsChange::DueDay {
                    day: u8::try_from(day).map_err(|_| corrupt("due day out of range"))?,
                },
            }
        }
        "refund" => TxnKind::Refund { amount: amount()? },
        other => return Err(corrupt(&format!("kind {other:?}"))),
    };
    Ok(Transaction {
        id: TxnId(narrow("loan_transactions", r.try_get::<i64, _>("id")?)?),
        date: parse_date(
            "loan_transactions",
            &r.try_get::<String, _>("effective_date")?,
        )?,
        kind,
    })
}

pub(crate) fn extra_text(extra: ExtraTo) -> &'static str {
    match extra {
        ExtraTo::Principal => "principal",
        ExtraTo::NextInstallment => "next_installment",
    }
}
