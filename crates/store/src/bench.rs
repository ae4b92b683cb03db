//! The raw baseline of the close-of-business benchmark (`servicer bench cob`): one day's
//! accrual of a range of loans done directly in SQL, with nothing of Servicer's rules: one
//! batched update of the snapshots and the accrual entries' inserts, in one transaction per
//! chunk as close of business uses. Integer interest, no carry, no day count but 365.

use crate::tx::on_tx;
use crate::{Store, StoreError, Tx};
use jiff::civil::Date;
use sqlx::{QueryBuilder, Row};

/// Accrues `day` on loans `first..=last` still before `next`; returns the loans done.
pub async fn raw_accrual_chunk(
    store: &Store,
    first: i64,
    last: i64,
    day: Date,
    next: Date,
    now_us: i64,
) -> Result<usize, StoreError> {
    let mut tx = store.begin().await?;
    let lock = match &tx {
        Tx::Sqlite(_) => "",
        Tx::Postgres(_) => "FOR UPDATE OF s",
    };
    let sql = format!(
        "SELECT s.loan_id, s.principal_cents, s.interest_cents, l.rate_micro_percent
         FROM loan_snapshots s JOIN loans l ON l.id = s.loan_id
         WHERE s.loan_id BETWEEN $1 AND $2 AND s.as_of < $3 {lock}"
    );
    let rows: Vec<(i64, i64, i64)> = on_tx!(&mut tx, c => sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(first)
        .bind(last)
        .bind(next.to_string())
        .fetch_all(&mut *c)
        .await?
        .iter()
        .map(|r| -> Result<(i64, i64, i64), StoreError> {
            let principal: i64 = r.try_get("principal_cents")?;
            let rate: i64 = r.try_get("rate_micro_percent")?;
            let cents = i64::try_from(i128::from(principal) * i128::from(rate) / 36_500_000_000).unwrap_or(0);
            Ok((r.try_get("loan_id")?, r.try_get::<i64, _>("interest_cents")? + cents, cents))
        })
        .collect::<Result<_, _>>()?);
    if rows.is_empty() {
        tx.commit().await?;
        return Ok(0);
    }
    let (day, next) = (day.to_string(), next.to_string());
    on_tx!(&mut tx, c => {
        let mut q = QueryBuilder::new("WITH v(id, interest) AS (");
        q.push_values(&rows, |mut b, (id, interest, _)| {
            b.push_bind(*id).push_bind(*interest);
        });
        q.push(") UPDATE loan_snapshots SET as_of = ");
        q.push_bind(&next);
        q.push(", interest_cents = v.interest FROM v WHERE loan_snapshots.loan_id = v.id");
        q.build().execute(&mut *c).await?;
        let accrued: Vec<_> = rows.iter().filter(|r| r.2 > 0).collect();
        if !accrued.is_empty() {
        let mut q = QueryBuilder::new("INSERT INTO journal_entries (loan_id, effective_date, kind, created_at_us) ");
        q.push_values(&accrued, |mut b, (id, _, _)| {
            b.push_bind(*id).push_bind(&day).push_bind("accrual").push_bind(now_us);
        });
        q.push(" RETURNING id");
        let mut ids: Vec<i64> = q.build().fetch_all(&mut *c).await?.iter().map(|r| r.try_get::<i64, _>("id")).collect::<Result<_, _>>()?;
        ids.sort_unstable();
        let lines: Vec<(i64, i64)> = ids.iter().zip(&accrued).map(|(id, r)| (*id, r.2)).collect();
        for part in lines.chunks(crate::borrowers::CHUNK) {
            let mut q = QueryBuilder::new("INSERT INTO journal_lines (entry_id, line_no, account, side, amount_cents) ");
            q.push_values(part.iter().flat_map(|l| [(l, 1_i64, "1200-interest-receivable", "D"), (l, 2, "4000-interest-income", "C")]), |mut b, (l, n, account, side)| {
                b.push_bind(l.0).push_bind(n).push_bind(account).push_bind(side).push_bind(l.1);
            });
            q.build().execute(&mut *c).await?;
        }
        }
    });
    tx.commit().await?;
    Ok(rows.len())
}
