//! Clients of the operator JSON API. Only the SHA-256 of each token is kept: a leaked
//! database does not leak working tokens. Each client's scopes (what its token may do) are
//! kept beside it as their names separated by spaces; the app parses them.

use crate::tx::on_tx;
use crate::{Store, StoreError, Tx, on_pool};
use sqlx::Row;

impl Tx {
    /// Registers a client by the digest of its token, with its scopes (names separated by
    /// spaces); a second client of the same name is refused.
    pub async fn insert_api_client(
        &mut self,
        name: &str,
        token_sha256: &str,
        scopes: &str,
        now_us: i64,
    ) -> Result<(), StoreError> {
        let inserted = on_tx!(self, c => sqlx::query(
            "INSERT INTO api_clients (name, token_sha256, scopes, created_at_us) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        )
        .bind(name)
        .bind(token_sha256)
        .bind(scopes)
        .bind(now_us)
        .execute(&mut *c)
        .await?
        .rows_affected());
        if inserted == 0 {
            return Err(StoreError::Duplicate {
                what: format!("API client {name:?}"),
            });
        }
        Ok(())
    }
}

impl Store {
    /// The client whose token has this digest, unless revoked: its name and its scopes (names
    /// separated by spaces).
    pub async fn api_client_by_digest(
        &self,
        token_sha256: &str,
    ) -> Result<Option<(String, String)>, StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT name, scopes FROM api_clients WHERE token_sha256 = $1 AND revoked_at_us IS NULL")
            .bind(token_sha256)
            .fetch_optional(pool)
            .await?
            .map(|r| Ok((r.try_get::<String, _>("name")?, r.try_get::<String, _>("scopes")?)))
            .transpose())
    }
}
