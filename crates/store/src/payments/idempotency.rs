//! The idempotency keys of money-moving requests: a request repeated with the same key is
//! answered as the first was, and never done twice.

use crate::tx::on_tx;
use crate::{Store, StoreError, Tx, on_pool};
use sqlx::Row;

/// What claiming an idempotency key found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyClaim {
    /// The key is new and now held by this transaction (with its response): do the work.
    New,
    /// The same request was made before: its response.
    Replay(String),
    /// The key was used for a different request.
    Conflict,
}

impl Tx {
    /// Claims an idempotency key for a request whose canonical digest is `hash`, recording
    /// `response` (what a replay is answered with: the payment's confirmation number, chosen
    /// before the payment is written). Concurrent claims of one key wait for each other (the
    /// primary key), so exactly one does the work; a rolled-back claim leaves nothing.
    pub async fn claim_key(
        &mut self,
        key: &str,
        hash: &str,
        response: &str,
        now_us: i64,
    ) -> Result<KeyClaim, StoreError> {
        let inserted = on_tx!(self, c => sqlx::query(
            "INSERT INTO idempotency_keys (key, request_hash, response, created_at_us) VALUES ($1, $2, $3, $4)
             ON CONFLICT (key) DO NOTHING",
        )
        .bind(key).bind(hash).bind(response).bind(now_us)
        .execute(&mut *c).await?.rows_affected());
        if inserted == 1 {
            return Ok(KeyClaim::New);
        }
        let row = on_tx!(self, c => sqlx::query("SELECT request_hash, response FROM idempotency_keys WHERE key = $1")
            .bind(key).fetch_one(&mut *c).await
            .and_then(|r| Ok((r.try_get::<String, _>("request_hash")?, r.try_get::<String, _>("response")?)))?);
        Ok(if row.0 == hash {
            KeyClaim::Replay(row.1)
        } else {
            KeyClaim::Conflict
        })
    }
}

impl Store {
    /// A key already claimed and committed: its request digest and response.
    pub async fn idempotency_key(&self, key: &str) -> Result<Option<(String, String)>, StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT request_hash, response FROM idempotency_keys WHERE key = $1")
            .bind(key).fetch_optional(pool).await?
            .map(|r| Ok((r.try_get("request_hash")?, r.try_get("response")?)))
            .transpose())
    }
}
