//! Monthly statements as issued (their figures as JSON), the paper ones a close prints, and
//! where and how each borrower's statements go.

use crate::codec::{date_text, parse_date};
use crate::tx::on_tx;
use crate::{BorrowerId, LoanId, Store, StoreError, Tx, on_pool};
use domain::address::AddressOnFile;
use jiff::civil::Date;
use money::Money;
use sqlx::{QueryBuilder, Row};
use std::collections::HashMap;

/// A statement as issued.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredStatement {
    /// Its id.
    pub id: i64,
    /// The loan.
    pub loan: LoanId,
    /// The statement date (the end of its cycle).
    pub statement_date: Date,
    /// The business date of the close of business that issued it (its print batch's date).
    pub issued_on: Date,
    /// The payment due date it is for.
    pub due_date: Date,
    /// The amount due.
    pub amount_due: Money,
    /// "electronic" or "print".
    pub delivery: String,
    /// The figures, as JSON.
    pub body: String,
}

/// Where a borrower's statements go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mailing {
    /// The borrower's name.
    pub name: String,
    /// The mailing address on file, with its ZIP code.
    pub address: AddressOnFile,
    /// Statements delivered electronically instead of by mail.
    pub paperless: bool,
}

impl Store {
    /// A loan's statements, newest first.
    pub async fn statements_of_loan(
        &self,
        loan: LoanId,
    ) -> Result<Vec<StoredStatement>, StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT * FROM statements WHERE loan_id = $1 ORDER BY statement_date DESC, id DESC")
            .bind(loan.0)
            .fetch_all(pool)
            .await?
            .iter()
            .map(statement)
            .collect())
    }

    /// One statement of `loan` (none when the id is another loan's).
    pub async fn statement_of_loan(
        &self,
        loan: LoanId,
        id: i64,
    ) -> Result<Option<StoredStatement>, StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT * FROM statements WHERE loan_id = $1 AND id = $2")
            .bind(loan.0)
            .bind(id)
            .fetch_optional(pool)
            .await?
            .map(|r| statement(&r))
            .transpose())
    }

    /// The paper statements the close of business of `date` issued, to be printed and mailed,
    /// by loan.
    pub async fn statements_to_print(
        &self,
        date: Date,
    ) -> Result<Vec<StoredStatement>, StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT * FROM statements WHERE issued_on = $1 AND delivery = 'print' ORDER BY loan_id")
            .bind(date_text(date))
            .fetch_all(pool)
            .await?
            .iter()
            .map(statement)
            .collect())
    }

    /// The language each borrower of the paper statements the close of `date` issued reads
    /// (the one kept on their login), by loan: the print batch prints each statement in it.
    /// A loan whose borrower has no login is absent (English).
    pub async fn print_languages(
        &self,
        date: Date,
    ) -> Result<HashMap<LoanId, i18n::Lang>, StoreError> {
        let rows: Vec<(i64, String)> = on_pool!(self, pool => sqlx::query(
            "SELECT s.loan_id, COALESCE(g.language, 'en') AS language FROM statements s
             JOIN loans l ON l.id = s.loan_id
             JOIN login_links k ON k.borrower_id = l.borrower_id
             JOIN logins g ON g.id = k.login_id
             WHERE s.issued_on = $1 AND s.delivery = 'print'
             ORDER BY s.loan_id, g.id",
        )
        .bind(date_text(date))
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| Ok((r.try_get::<i64, _>("loan_id")?, r.try_get::<String, _>("language")?)))
        .collect::<Result<_, StoreError>>()?);
        let mut out = HashMap::with_capacity(rows.len());
        for (loan, code) in rows {
            // A borrower reaches one login (`login_links` keeps each borrower once).
            out.entry(LoanId(loan))
                .or_insert_with(|| i18n::Lang::parse(&code).unwrap_or_default());
        }
        Ok(out)
    }
}

impl Tx {
    /// Records a statement; `None` when the loan already has the statement for that due date.
    pub async fn insert_statement(
        &mut self,
        s: &StoredStatement,
        now_us: i64,
    ) -> Result<Option<i64>, StoreError> {
        Ok(self
            .insert_statements(std::slice::from_ref(s), now_us)
            .await?
            .first()
            .map(|(id, _)| *id))
    }

    /// Records statements, leaving out any a loan already has for that due date; the ids and
    /// loans of those recorded.
    pub async fn insert_statements(
        &mut self,
        statements: &[StoredStatement],
        now_us: i64,
    ) -> Result<Vec<(i64, LoanId)>, StoreError> {
        let mut out = Vec::new();
        for part in statements.chunks(crate::borrowers::CHUNK) {
            let rows: Vec<(i64, LoanId)> = on_tx!(self, c => {
                let mut q = QueryBuilder::new(
                    "INSERT INTO statements (loan_id, statement_date, issued_on, due_date, amount_due_cents, delivery, body, created_at_us) ",
                );
                q.push_values(part, |mut row, s| {
                    row.push_bind(s.loan.0)
                        .push_bind(date_text(s.statement_date))
                        .push_bind(date_text(s.issued_on))
                        .push_bind(date_text(s.due_date))
                        .push_bind(s.amount_due.cents())
                        .push_bind(&s.delivery)
                        .push_bind(&s.body)
                        .push_bind(now_us);
                });
                q.push(" ON CONFLICT (loan_id, due_date) DO NOTHING RETURNING id, loan_id");
                q.build()
                    .fetch_all(&mut *c)
                    .await?
                    .iter()
                    .map(|r| Ok((r.try_get::<i64, _>("id")?, LoanId(r.try_get("loan_id")?))))
                    .collect::<Result<_, StoreError>>()?
            });
            out.extend(rows);
        }
        Ok(out)
    }

    /// Where and how `borrowers`' statements go: name, mailing address, and whether they
    /// take statements electronically (paperless with E-SIGN consent on a login reaching them).
    pub async fn mailings(
        &mut self,
        borrowers: &[BorrowerId],
    ) -> Result<HashMap<BorrowerId, Mailing>, StoreError> {
        let mut out = HashMap::new();
        for part in borrowers.chunks(crate::borrowers::CHUNK) {
            let rows: Vec<(BorrowerId, Mailing)> = on_tx!(self, c => {
                let mut q = QueryBuilder::new(
                    "SELECT b.id, b.full_name, b.address, b.address_line1, b.address_line2,
                            b.address_city, b.address_state, b.zip,
                            EXISTS (SELECT 1 FROM logins g JOIN login_links k ON k.login_id = g.id
                                    WHERE k.borrower_id = b.id AND g.paperless = 1) AS paperless
                     FROM borrowers b WHERE b.id IN ",
                );
                crate::codec::push_ids(&mut q, part.iter().map(|x| x.0));
                q.build()
                    .fetch_all(&mut *c)
                    .await?
                    .iter()
                    .map(|r| {
                        Ok((BorrowerId(r.try_get("id")?), Mailing {
                            name: r.try_get("full_name")?,
                            address: crate::borrowers::address_of(r, "borrowers")?,
                            paperless: r.try_get::<bool, _>("paperless")?,
                        }))
                    })
                    .collect::<Result<_, StoreError>>()?
            });
            out.extend(rows);
        }
        Ok(out)
    }
}

fn statement<R: Row>(r: &R) -> Result<StoredStatement, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    Ok(StoredStatement {
        id: r.try_get("id")?,
        loan: LoanId(r.try_get("loan_id")?),
        statement_date: parse_date("statements", &r.try_get::<String, _>("statement_date")?)?,
        issued_on: parse_date("statements", &r.try_get::<String, _>("issued_on")?)?,
        due_date: parse_date("statements", &r.try_get::<String, _>("due_date")?)?,
        amount_due: Money::from_cents(r.try_get("amount_due_cents")?),
        delivery: r.try_get("delivery")?,
        body: r.try_get("body")?,
    })
}
