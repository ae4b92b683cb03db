//! The rows the nightly accrual reads and writes in bulk: a chunk's loans with their
//! snapshots, and the fast path's writes (PostgreSQL's `unnest` arrays; SQLite's rows packed
//! as JSON, ADR 0016).

use crate::codec::{date_text, narrow, parse_date, parse_vocabulary};
use crate::tx::on_tx;
use crate::{BorrowerId, LoanId, StoreError, Tx};
use domain::accrual::AccrualCarry;
use domain::loan::LoanStatus;
use jiff::civil::Date;
use money::{DayCount, Money, Rate};
use sqlx::{QueryBuilder, Row};

/// What close of business reads of one loan: its snapshot and the terms accrual needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CobRow {
    /// The loan.
    pub loan: LoanId,
    /// Its borrower.
    pub borrower: BorrowerId,
    /// Its rate.
    pub rate: Rate,
    /// Its day count.
    pub day_count: DayCount,
    /// The snapshot.
    pub snapshot: crate::LoanSnapshot,
}

/// The fast path's write for one loan: interest accrued to `as_of`, days past due moved on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Advance {
    /// The loan.
    pub loan: LoanId,
    /// Interest accrued and unpaid afterwards.
    pub interest: Money,
    /// The carry afterwards.
    pub carry: AccrualCarry,
    /// Days past due afterwards.
    pub days_past_due: u32,
}

const ROW_COLUMNS: &str = "s.loan_id, l.borrower_id, l.rate_micro_percent, l.day_count, s.as_of, s.status,
    s.principal_cents, s.interest_cents, s.fees_cents, s.amount_due_cents, s.past_due_cents, s.next_due_date,
    s.days_past_due, s.carry_units, s.next_event_date, s.unapplied_cents";

impl Tx {
    /// The loans `first..=last` whose snapshot is before `next_date`, locked on PostgreSQL
    /// (a second claimant of the chunk waits, then reads them done and skips them).
    pub async fn cob_rows(
        &mut self,
        first: LoanId,
        last: LoanId,
        next_date: Date,
    ) -> Result<Vec<CobRow>, StoreError> {
        if let Tx::Sqlite(c) = self {
            // Each row as one JSON array: sqlx-sqlite copies every value it hands over, and
            // sixteen values a loan were the largest part of a chunk's reading (ADR 0016).
            let sql = format!(
                "SELECT json_array({ROW_COLUMNS}) AS packed FROM loan_snapshots s JOIN loans l ON l.id = s.loan_id
                 WHERE s.loan_id BETWEEN $1 AND $2 AND s.as_of < $3 ORDER BY s.loan_id"
            );
            return sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(first.0)
                .bind(last.0)
                .bind(date_text(next_date))
                .fetch_all(&mut **c)
                .await?
                .iter()
                .map(|r| cob_row_packed(r.try_get("packed")?))
                .collect();
        }
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM loan_snapshots s JOIN loans l ON l.id = s.loan_id
             WHERE s.loan_id BETWEEN $1 AND $2 AND s.as_of < $3 ORDER BY s.loan_id FOR UPDATE OF s"
        );
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(first.0)
            .bind(last.0)
            .bind(date_text(next_date))
            .fetch_all(&mut *c)
            .await?
            .iter()
            .map(cob_row)
            .collect())
    }

    /// The fast path's writes: each loan's interest, carry and days past due, as of `as_of`.
    pub async fn advance_snapshots(
        &mut self,
        rows: &[Advance],
        as_of: Date,
        now_us: i64,
    ) -> Result<(), StoreError> {
        if rows.is_empty() {
            return Ok(());
        }
        if let Tx::Postgres(t) = self {
            let ids: Vec<i64> = rows.iter().map(|r| r.loan.0).collect();
            let interest: Vec<i64> = rows.iter().map(|r| r.interest.cents()).collect();
            let carry: Vec<i64> = rows.iter().map(|r| r.carry.units()).collect();
            let dpd: Vec<i64> = rows.iter().map(|r| i64::from(r.days_past_due)).collect();
            sqlx::query(
                "UPDATE loan_snapshots s SET as_of = $5, interest_cents = v.interest, carry_units = v.carry,
                        days_past_due = v.dpd, updated_at_us = $6
                 FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[]) AS v(id, interest, carry, dpd)
                 WHERE s.loan_id = v.id",
            )
            .bind(&ids)
            .bind(&interest)
            .bind(&carry)
            .bind(&dpd)
            .bind(date_text(as_of))
            .bind(now_us)
            .execute(&mut **t)
            .await?;
            return Ok(());
        }
        for part in rows.chunks(crate::borrowers::CHUNK) {
            on_tx!(self, c => {
                let mut q = QueryBuilder::new("WITH v(id, interest, carry, dpd) AS (");
                q.push_values(part, |mut row, a| {
                    row.push_bind(a.loan.0)
                        .push_bind(a.interest.cents())
                        .push_bind(a.carry.units())
                        .push_bind(i64::from(a.days_past_due));
                });
                q.push(") UPDATE loan_snapshots SET as_of = ");
                q.push_bind(date_text(as_of));
                q.push(", interest_cents = v.interest, carry_units = v.carry, days_past_due = v.dpd, updated_at_us = ");
                q.push_bind(now_us);
                q.push(" FROM v WHERE loan_snapshots.loan_id = v.id");
                q.build().execute(&mut *c).await?;
            });
        }
        Ok(())
    }
}

/// [`ROW_COLUMNS`] as SQLite's `json_array` packs them.
type Packed = (
    i64,
    i64,
    i64,
    String,
    String,
    String,
    i64,
    i64,
    i64,
    i64,
    i64,
    Option<String>,
    i64,
    i64,
    Option<String>,
    i64,
);

/// A close-of-business row from its packed form (SQLite).
fn cob_row_packed(text: &str) -> Result<CobRow, StoreError> {
    let corrupt = |detail: String| StoreError::Corrupt {
        table: "loan_snapshots",
        detail,
    };
    let (
        loan,
        borrower,
        rate,
        day_count,
        as_of,
        status,
        principal,
        interest,
        fees,
        due,
        past_due,
        next_due,
        dpd,
        carry_units,
        next_event,
        unapplied,
    ): Packed =
        serde_json::from_str(text).map_err(|e| corrupt(format!("unreadable row {text:?}: {e}")))?;
    let date = |d: Option<String>| d.map(|d| parse_date("loan_snapshots", &d)).transpose();
    Ok(CobRow {
        loan: LoanId(loan),
        borrower: BorrowerId(borrower),
        rate: Rate::from_micro_percent(rate),
        day_count: day_count
            .parse()
            .map_err(|e| corrupt(format!("day count: {e}")))?,
        snapshot: crate::LoanSnapshot {
            as_of: parse_date("loan_snapshots", &as_of)?,
            status: parse_vocabulary("loan_snapshots", "status", &status, LoanStatus::parse)?,
            principal: Money::from_cents(principal),
            interest: Money::from_cents(interest),
            fees: Money::from_cents(fees),
            amount_due: Money::from_cents(due),
            past_due: Money::from_cents(past_due),
            unapplied: Money::from_cents(unapplied),
            next_due_date: date(next_due)?,
            days_past_due: narrow("loan_snapshots", dpd)?,
            carry: crate::snapshots::carry(carry_units)?,
            next_event: date(next_event)?,
        },
    })
}

fn cob_row<R: Row>(r: &R) -> Result<CobRow, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    Ok(CobRow {
        loan: LoanId(r.try_get("loan_id")?),
        borrower: BorrowerId(r.try_get("borrower_id")?),
        rate: Rate::from_micro_percent(r.try_get("rate_micro_percent")?),
        day_count: r.try_get::<String, _>("day_count")?.parse().map_err(|e| {
            StoreError::Corrupt {
                table: "loans",
                detail: format!("day count: {e}"),
            }
        })?,
        snapshot: crate::snapshots::snapshot(r)?,
    })
}

#[cfg(test)]
mod tests {
    use super::cob_row_packed;
    use domain::loan::LoanStatus;

    #[test]
    fn a_packed_row_reads_back_and_a_mangled_one_is_refused() {
        let row = cob_row_packed(
            r#"[7,3,7500000,"actual/365","2027-01-04","active",1000000,1234,0,33456,0,"2027-02-15",0,98765,"2027-02-10",0]"#,
        )
        .unwrap();
        assert_eq!(row.loan.0, 7);
        assert_eq!(row.borrower.0, 3);
        assert_eq!(row.snapshot.principal.cents(), 1_000_000);
        assert_eq!(row.snapshot.as_of.to_string(), "2027-01-04");
        assert_eq!(row.snapshot.next_event.unwrap().to_string(), "2027-02-10");
        assert_eq!(row.snapshot.carry.units(), 98765);
        assert_eq!(row.snapshot.status, LoanStatus::Active);
        let nulls = cob_row_packed(
            r#"[7,3,0,"actual/365","2027-01-04","paid_off",0,0,0,0,0,null,0,0,null,4321]"#,
        )
        .unwrap();
        assert_eq!(nulls.snapshot.next_due_date, None);
        assert_eq!(nulls.snapshot.status, LoanStatus::PaidOff);
        assert_eq!(nulls.snapshot.unapplied.cents(), 4321);
        for bad in [
            "",
            "[7,3]",
            r#"[7,3,7500000,"actual/365","2027-02-30","active",1,1,0,1,0,null,0,0,null,0]"#,
            r#"[7,3,7500000,"actual/365","2027-01-04","active",1,1,0,1,0,null,0,-1,null,0]"#,
            r#"[7,3,7500000,"actual/365","2027-01-04","closed",1,1,0,1,0,null,0,0,null,0]"#,
        ] {
            assert!(
                matches!(cob_row_packed(bad), Err(crate::StoreError::Corrupt { .. })),
                "{bad}"
            );
        }
    }
}
