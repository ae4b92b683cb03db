//! What boarding keeps of a loan's transfer file beyond the terms it is serviced by (migration
//! 0035): the note's original terms, which its Truth in Lending disclosure is figured from, and
//! whether the borrower paid by AutoPay at the previous servicer, which its notice of servicing
//! transfer says. Written once, with the loan; a loan boarded before the migration has none.

use crate::borrowers::CHUNK;
use crate::codec::{date_text, money_opt, narrow, parse_date};
use crate::tx::on_tx;
use crate::{LoanId, Store, StoreError, Tx, on_pool};
use domain::disclosure::OriginalTerms;
use money::Money;
use sqlx::{QueryBuilder, Row};

/// A boarded loan's facts from its transfer file, as kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BoardedTerms {
    /// The note as its lender made it.
    pub original: OriginalTerms,
    /// The borrower paid by AutoPay at the previous servicer.
    pub autopay_at_prior_servicer: bool,
}

const COLUMNS: &str = "loan_id, disbursement_date, first_payment_date, term_months, payment_amount_cents, final_payment_cents, autopay_at_prior_servicer";

impl Tx {
    /// Keeps the transfer-file facts of loans just boarded.
    pub async fn insert_boarded_terms(
        &mut self,
        rows: &[(LoanId, BoardedTerms)],
    ) -> Result<(), StoreError> {
        for chunk in rows.chunks(CHUNK) {
            on_tx!(self, c => {
                let mut q = QueryBuilder::new(format!("INSERT INTO boarded_terms ({COLUMNS}) "));
                q.push_values(chunk, |mut row, (loan, t)| {
                    let o = &t.original;
                    row.push_bind(loan.0)
                        .push_bind(date_text(o.disbursement_date))
                        .push_bind(date_text(o.first_payment_date))
                        .push_bind(i64::from(o.term_months))
                        .push_bind(o.payment_amount.cents())
                        .push_bind(o.final_payment_amount.map(Money::cents))
                        .push_bind(i64::from(t.autopay_at_prior_servicer));
                });
                q.build().execute(&mut *c).await?;
            });
        }
        Ok(())
    }
}

impl Store {
    /// The transfer-file facts of a loan the caller has scoped; `None` for a loan made here,
    /// or boarded before they were kept.
    pub async fn boarded_terms(&self, loan: LoanId) -> Result<Option<BoardedTerms>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM boarded_terms WHERE loan_id = $1");
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(loan.0).fetch_optional(pool).await?.map(|r| boarded(&r)).transpose())
    }
}

fn boarded<R: Row>(r: &R) -> Result<BoardedTerms, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<i64>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let date = |column: &str| -> Result<jiff::civil::Date, StoreError> {
        parse_date("boarded_terms", &r.try_get::<String, _>(column)?)
    };
    Ok(BoardedTerms {
        original: OriginalTerms {
            disbursement_date: date("disbursement_date")?,
            first_payment_date: date("first_payment_date")?,
            term_months: narrow("boarded_terms", r.try_get::<i64, _>("term_months")?)?,
            payment_amount: Money::from_cents(r.try_get("payment_amount_cents")?),
            final_payment_amount: money_opt(r.try_get("final_payment_cents")?),
        },
        autopay_at_prior_servicer: r.try_get::<i64, _>("autopay_at_prior_servicer")? != 0,
    })
}
