//! The raw baseline of the close-of-business benchmark (`servicer bench cob`): one day's
//! accrual of a range of loans done directly in SQL, with nothing of Servicer's rules: one
//! batched update of the snapshots and the accrual entries' inserts, in one transaction per
//! chunk as close of business uses. Integer interest, no carry, no day count but 365.
//!
//! And the raw baselines of the lockbox benchmark (`servicer bench lockbox`): a file's items
//! inserted with batched INSERTs, and items finished one bare transaction each.

use crate::tx::on_tx;
use crate::{Store, StoreError, Tx, on_pool};
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

/// Rows per INSERT of the lockbox baseline: as many as the import's own statements hold, so
/// the baseline differs from the import's first step only in what the import does besides.
const REMITTANCE_ROWS: usize = 500;

/// The raw baseline of the lockbox benchmark (`servicer bench lockbox`): a file's row and its
/// items' rows, as an import's first step records them ('received'), inserted with plain
/// multi-row INSERTs in one transaction: no conflict check, no audit, nothing else. How many
/// items were inserted.
pub async fn raw_remittance_items(
    store: &Store,
    file: &crate::NewRemittanceFile<'_>,
    items: &[crate::NewRemittanceItem],
    now_us: i64,
) -> Result<usize, StoreError> {
    let mut tx = store.begin().await?;
    let file_id: i64 = on_tx!(&mut tx, c => sqlx::query(
        "INSERT INTO remittance_files (source, name, digest, items, total_cents, imported_at_us, actor)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(file.source.as_str()).bind(file.name).bind(file.digest).bind(file.items)
    .bind(file.total.cents()).bind(now_us).bind(file.actor)
    .fetch_one(&mut *c).await?.try_get("id")?);
    let mut inserted: u64 = 0;
    for chunk in items.chunks(REMITTANCE_ROWS) {
        inserted += on_tx!(&mut tx, c => {
            let mut q = QueryBuilder::new(
                "INSERT INTO remittance_items (file_id, source, item_key, deposit_date, lockbox, batch, item,
                 amount_cents, check_number, payer, payer_last4, payer_digest, memo, account_number,
                 matched_by, state, reason, received_at_us) ",
            );
            q.push_values(chunk, |mut row, i| {
                row.push_bind(file_id)
                    .push_bind(i.source.as_str())
                    .push_bind(i.item_key.as_str())
                    .push_bind(crate::codec::date_text(i.deposit_date))
                    .push_bind(i.lockbox.as_str())
                    .push_bind(i.batch.as_str())
                    .push_bind(i.item.as_str())
                    .push_bind(i.amount.cents())
                    .push_bind(i.check_number.as_str())
                    .push_bind(i.payer.as_str())
                    .push_bind(i.payer_last4.as_deref())
                    .push_bind(i.payer_digest.as_deref())
                    .push_bind(i.memo.as_str())
                    .push_bind(i.account_number.map(|a| a.to_string()))
                    .push_bind(i.matched_by.map(crate::MatchedBy::as_str))
                    .push_bind(crate::RemittanceState::Received.as_str())
                    .push_bind(i.reason.map(domain::remittance::ExceptionReason::as_str))
                    .push_bind(now_us);
            });
            q.build().execute(&mut *c).await?.rows_affected()
        });
    }
    tx.commit().await?;
    Ok(usize::try_from(inserted).unwrap_or(usize::MAX))
}

/// The ids of the first `limit` remittance items, in order.
pub async fn remittance_item_ids(store: &Store, limit: i64) -> Result<Vec<i64>, StoreError> {
    on_pool!(store, pool => sqlx::query("SELECT id FROM remittance_items ORDER BY id LIMIT $1")
        .bind(limit)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| r.try_get::<i64, _>("id").map_err(StoreError::from))
        .collect())
}

/// Moves each item of `ids` from 'received' to the exception queue, each in a transaction of
/// its own holding one conditional UPDATE of its row and nothing else: the least finishing
/// items one transaction each can cost (the lockbox bench's floor for its second step). How
/// many moved.
pub async fn raw_finish_each(store: &Store, ids: &[i64]) -> Result<usize, StoreError> {
    let mut moved: u64 = 0;
    for id in ids {
        let mut tx = store.begin().await?;
        moved += on_tx!(&mut tx, c => sqlx::query(
            "UPDATE remittance_items SET state = 'exception', reason = 'no_match'
             WHERE id = $1 AND state = 'received'",
        )
        .bind(*id)
        .execute(&mut *c)
        .await?
        .rows_affected());
        tx.commit().await?;
    }
    Ok(usize::try_from(moved).unwrap_or(usize::MAX))
}

/// How many remittance files are recorded: the lockbox bench watches for its file's row to
/// tell when an import's first step (one transaction) committed.
pub async fn remittance_files_count(store: &Store) -> Result<i64, StoreError> {
    on_pool!(store, pool => Ok(sqlx::query("SELECT COUNT(*) AS n FROM remittance_files")
        .fetch_one(pool)
        .await?
        .try_get("n")?))
}
