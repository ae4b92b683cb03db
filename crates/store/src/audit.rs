//! The audit log: append-only and hash-chained. Each record's hash covers the previous
//! record's hash and every field of its own, so changing, removing or reordering any record
//! breaks the chain from there on; [`Store::verify_audit`] finds the first break.

use crate::tx::on_tx;
use crate::{Store, StoreError, Tx, on_pool};
use sha2::{Digest, Sha256};
use sqlx::Row;

/// The chain's starting point: the "previous hash" of the first record.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Something that happened, who did it, and to what.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AuditEvent {
    /// Who: "cli:board", "staff:jlee", "borrower:42", "system".
    pub actor: String,
    /// What: "loan.boarded", "demo.seeded", …
    pub action: String,
    /// To what: "loan:17", "batch:ab12…".
    pub subject: String,
    /// Details as JSON text (never a secret, an SSN or a card number).
    pub detail: String,
}

/// A record as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditRecord {
    /// Position in the chain.
    pub id: i64,
    /// When (epoch microseconds).
    pub at_us: i64,
    /// The event.
    pub event: AuditEvent,
    /// The previous record's hash.
    pub prev_hash: String,
    /// This record's hash.
    pub hash: String,
}

/// The result of walking the whole chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditVerification {
    /// Records checked.
    pub records: u64,
    /// The last record's hash: write it down; a later verify must reach the same head.
    pub head: String,
    /// The first record that does not chain, and why; `None` when the chain is whole.
    pub first_break: Option<(i64, String)>,
}

/// The hash of one record: SHA-256 over length-prefixed fields, so no two different records
/// can encode alike.
pub fn record_hash(prev_hash: &str, at_us: i64, e: &AuditEvent) -> String {
    let mut h = Sha256::new();
    for field in [
        prev_hash,
        &at_us.to_string(),
        &e.actor,
        &e.action,
        &e.subject,
        &e.detail,
    ] {
        h.update((field.len() as u64).to_be_bytes());
        h.update(field.as_bytes());
    }
    hex::encode(h.finalize())
}

impl Tx {
    /// Appends an event to the chain, in this transaction (it commits with the change).
    pub async fn audit(&mut self, event: &AuditEvent, now_us: i64) -> Result<(), StoreError> {
        // Locks the head row and reads it in one statement (the latest committed head, after
        // any other append commits).
        let prev: String = on_tx!(self, c => sqlx::query("UPDATE audit_head SET one = one WHERE one = 1 RETURNING hash")
            .fetch_one(&mut *c)
            .await?
            .try_get::<String, _>("hash")?);
        let hash = record_hash(&prev, now_us, event);
        match self {
            // One statement: the record and the new head.
            Tx::Postgres(t) => {
                sqlx::query(
                    "WITH head AS (UPDATE audit_head SET hash = $7 WHERE one = 1)
                     INSERT INTO audit_log (at_us, actor, action, subject, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(now_us)
                .bind(&event.actor)
                .bind(&event.action)
                .bind(&event.subject)
                .bind(&event.detail)
                .bind(&prev)
                .bind(&hash)
                .execute(&mut **t)
                .await?;
            }
            Tx::Sqlite(t) => {
                sqlx::query(
                    "INSERT INTO audit_log (at_us, actor, action, subject, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(now_us)
                .bind(&event.actor)
                .bind(&event.action)
                .bind(&event.subject)
                .bind(&event.detail)
                .bind(&prev)
                .bind(&hash)
                .execute(&mut **t)
                .await?;
                sqlx::query("UPDATE audit_head SET hash = $1 WHERE one = 1")
                    .bind(&hash)
                    .execute(&mut **t)
                    .await?;
            }
        }
        Ok(())
    }
}

impl Tx {
    /// Appends `events` (each with its time) to the chain in order, in this transaction:
    /// the head read and written once for all of them (a group of reads committed together).
    pub async fn audit_all(&mut self, events: &[(AuditEvent, i64)]) -> Result<(), StoreError> {
        let Some(((first, first_at), rest)) = events.split_first() else {
            return Ok(());
        };
        if rest.is_empty() {
            return self.audit(first, *first_at).await;
        }
        let mut prev: String = on_tx!(self, c => sqlx::query("UPDATE audit_head SET one = one WHERE one = 1 RETURNING hash")
            .fetch_one(&mut *c)
            .await?
            .try_get::<String, _>("hash")?);
        for (event, at_us) in events {
            let hash = record_hash(&prev, *at_us, event);
            on_tx!(self, c => sqlx::query(
                "INSERT INTO audit_log (at_us, actor, action, subject, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(*at_us)
            .bind(&event.actor)
            .bind(&event.action)
            .bind(&event.subject)
            .bind(&event.detail)
            .bind(&prev)
            .bind(&hash)
            .execute(&mut *c)
            .await
            .map(|_| ())?);
            prev = hash;
        }
        on_tx!(self, c => sqlx::query("UPDATE audit_head SET hash = $1 WHERE one = 1")
            .bind(&prev)
            .execute(&mut *c)
            .await
            .map(|_| ())?);
        Ok(())
    }
}

impl Store {
    /// Appends one event in its own transaction.
    pub async fn audit(&self, event: &AuditEvent, now_us: i64) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        tx.audit(event, now_us).await?;
        tx.commit().await
    }

    /// Records about `subject`, newest first (at most `limit`).
    pub async fn audit_of(
        &self,
        subject: &str,
        limit: i64,
    ) -> Result<Vec<AuditRecord>, StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT * FROM audit_log WHERE subject = $1 ORDER BY id DESC LIMIT $2")
            .bind(subject)
            .bind(limit)
            .fetch_all(pool)
            .await?
            .iter()
            .map(record)
            .collect())
    }

    /// Walks the whole chain in pages, recomputing every hash.
    pub async fn verify_audit(&self) -> Result<AuditVerification, StoreError> {
        let mut expected_prev = GENESIS.to_owned();
        let mut records = 0;
        let mut after = 0_i64;
        loop {
            let page: Vec<AuditRecord> = on_pool!(self, pool => sqlx::query("SELECT * FROM audit_log WHERE id > $1 ORDER BY id LIMIT 5000")
                .bind(after)
                .fetch_all(pool)
                .await?
                .iter()
                .map(record)
                .collect::<Result<_, StoreError>>()?);
            let Some(last) = page.last() else { break };
            after = last.id;
            for r in page {
                let why = if r.prev_hash != expected_prev {
                    Some(
                        "its previous-hash does not match the record before it (a record was removed, inserted or reordered)",
                    )
                } else if record_hash(&r.prev_hash, r.at_us, &r.event) != r.hash {
                    Some("its contents do not match its hash (the record was changed)")
                } else {
                    None
                };
                if let Some(why) = why {
                    return Ok(AuditVerification {
                        records,
                        head: expected_prev,
                        first_break: Some((r.id, why.into())),
                    });
                }
                records += 1;
                expected_prev = r.hash;
            }
        }
        Ok(AuditVerification {
            records,
            head: expected_prev,
            first_break: None,
        })
    }
}

/// An `audit_log` row.
pub(crate) fn record<R: Row>(r: &R) -> Result<AuditRecord, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    Ok(AuditRecord {
        id: r.try_get("id")?,
        at_us: r.try_get("at_us")?,
        event: AuditEvent {
            actor: r.try_get("actor")?,
            action: r.try_get("action")?,
            subject: r.try_get("subject")?,
            detail: r.try_get("detail")?,
        },
        prev_hash: r.try_get("prev_hash")?,
        hash: r.try_get("hash")?,
    })
}
