//! A database transaction on either backend. The app opens one per use case, does every write
//! of that use case through it (the change, its ledger entries, its jobs, its audit record),
//! and commits: all or nothing.

use crate::{Store, StoreError};
use sqlx::{Postgres, Sqlite, Transaction};

/// An open transaction. Dropping it without [`Tx::commit`] rolls everything back.
pub enum Tx {
    /// On SQLite, begun with `BEGIN IMMEDIATE`: it holds the write lock from the start, so a
    /// read-then-write cannot fail half-way with SQLITE_BUSY.
    Sqlite(Transaction<'static, Sqlite>),
    /// On PostgreSQL (read committed; rows that must not race are locked explicitly).
    Postgres(Transaction<'static, Postgres>),
}

/// Runs the same code against whichever transaction is open; `$c` is `&mut` the connection.
macro_rules! on_tx {
    ($tx:expr, $c:ident => $body:expr) => {
        match $tx {
            $crate::Tx::Sqlite(t) => {
                let $c = &mut **t;
                $body
            }
            $crate::Tx::Postgres(t) => {
                let $c = &mut **t;
                $body
            }
        }
    };
}
pub(crate) use on_tx;

impl Store {
    /// Opens a read-write transaction.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        Ok(match self {
            Store::Sqlite { write, .. } => Tx::Sqlite(write.begin_with("BEGIN IMMEDIATE").await?),
            Store::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }
}

impl Tx {
    /// Makes every write of this transaction durable.
    pub async fn commit(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(t) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }

    /// "sqlite" or "postgres".
    pub fn backend(&self) -> &'static str {
        match self {
            Tx::Sqlite(_) => "sqlite",
            Tx::Postgres(_) => "postgres",
        }
    }
}
