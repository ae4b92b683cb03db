//! Servicer's persistence: one [`Store`] over SQLite (the embedded default) and PostgreSQL,
//! chosen by the database URL's scheme, with the same SQL text on both and migrations per
//! backend (`migrations/sqlite`, `migrations/postgres`).
//!
//! The store never reads the clock: callers pass instants (`now_us`, epoch microseconds).
//! Writes go through a [`Tx`] the app opens, so a change, its ledger entries, its jobs and its
//! audit record commit together.

mod account;
mod ach;
mod ach_credits;
mod amendments;
mod api_clients;
mod approvals;
mod audit;
mod autopay;
mod bank;
mod batches;
pub mod bench;
mod boarded_terms;
mod borrowers;
mod cob;
mod codec;
mod history;
mod identity;
mod jobs;
mod ledger;
mod loans;
mod messages;
mod notes;
mod outbox;
mod payment_methods;
mod payments;
mod phone;
mod phone_attention;
mod portal;
mod refunds;
mod remittances;
pub mod schema;
mod search;
mod settings;
mod snapshots;
mod staff;
pub mod testing;
mod tx;
mod verification;

pub use account::SignInFacts;
pub use ach::{AchFile, BankDetails};
pub use ach_credits::{
    AchCreditItem, AchItemState, AchRefusal, CreditLoan, NewAchCreditItem, NewAchRefusal,
};
pub use approvals::{Approval, ApprovalDecision, ApprovalId, ApprovalQuery, NewApproval};
pub use audit::{AuditEvent, AuditRecord, AuditVerification, GENESIS, record_hash};
pub use autopay::{Autopay, AutopayId, NewAutopay};
pub use bank::{
    BankExplanation, BankReport, BankReportId, BankTotal, BankTransaction, NewBankReport,
    ServicerItem,
};
pub use boarded_terms::BoardedTerms;
pub use borrowers::{AddressToReview, BorrowerId, FreeTextAddress, NewBorrower, SealedIdentity};
pub use cob::{
    AccrualDay, Advance, AgingRow, CobChunk, CobProgress, CobRow, CobRun, Mailing, StoredStatement,
};
pub use identity::{Login, LoginId, OneTimeCode, Session, SessionStage};
pub use jobs::{Job, JobCounts, NewJob};
pub use loans::{LoanId, LoanRecord};
pub use messages::{
    InboxFilter, InboxOrder, InboxQuery, InboxRow, MessageThread, NewThreadMessage, ThreadMessage,
};
pub use notes::{NewNote, Note, NoteId};
pub use outbox::{Channel, Claimed, Message, NewMessage};
pub use payment_methods::{
    CardLike, MethodOwner, NewBankAccount, NewCard, PaymentMethod, PaymentMethodId,
};
pub use payments::{AlertContact, AlertContacts, KeyClaim, NewPayment, Payment, PaymentId, Split};
pub use phone::{
    NewPhoneAuthorization, NewPhoneMethod, NoticeDelivery, PhoneAuthorization, PhoneCard,
    PhoneMethod, PhoneMethodId, TelNotice, WrittenNotice,
};
pub use phone_attention::CancelledPhoneDebit;
pub use portal::{Consent, Contact, Preference, SecureMessage};
pub use refunds::{CreditBalanceLoan, NewRefund, Refund, RefundMethod, RefundState, UnappliedMove};
pub use remittances::{
    ItemFinish, ItemQuery, ItemResolution, MatchedBy, NewRemittanceFile, NewRemittanceItem,
    RemittanceFileId, RemittanceItem, RemittanceItemId, RemittanceLoan, RemittancePosting,
    RemittanceSource, RemittanceState,
};
pub use search::{BorrowerSearch, COUNT_CAP, FoundBorrower, KeyRow, UnindexedBorrower};
pub use snapshots::{LoanSnapshot, LoanView};
pub use staff::{StaffId, StaffSession, StaffUser};
pub use tx::Tx;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};
use std::str::FromStr;
use std::time::Duration;

/// The database URL used when none is configured: a SQLite file in the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://servicer.db";

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The URL's scheme is neither sqlite nor postgres.
    #[error("database URL {url:?} must start with sqlite:// or postgres://")]
    UnknownScheme {
        /// The URL given (without credentials).
        url: String,
    },
    /// A row that violates an invariant the schema cannot express (a corrupt store).
    #[error("corrupt row in {table}: {detail}")]
    Corrupt {
        /// The table.
        table: &'static str,
        /// What is wrong.
        detail: String,
    },
    /// A unique key already taken (for example an account number).
    #[error("{what} already exists")]
    Duplicate {
        /// What was duplicated.
        what: String,
    },
    /// No such row.
    #[error("{what} not found")]
    NotFound {
        /// What was looked for.
        what: String,
    },
    /// The database failed.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// A migration failed.
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
}

/// The store: a connection pool to one of the two backends.
#[derive(Clone, Debug)]
pub enum Store {
    /// Embedded SQLite: WAL, synchronous=FULL, one writer connection (64 MiB page cache); reads run on a small
    /// pool of read-only connections beside it (WAL lets them read while the writer writes).
    Sqlite {
        /// The one writer.
        write: SqlitePool,
        /// Read-only connections.
        read: SqlitePool,
    },
    /// PostgreSQL: several Servicer instances may share it.
    Postgres(PgPool),
}

/// Runs the same code against whichever pool the store holds.
macro_rules! on_pool {
    ($store:expr, $pool:ident => $body:expr) => {
        match $store {
            $crate::Store::Sqlite { read: $pool, .. } => $body,
            $crate::Store::Postgres($pool) => $body,
        }
    };
}
pub(crate) use on_pool;

impl Store {
    /// Connects to `url` (`sqlite://path` creates the file; `postgres://…`).
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
                // Rows cross from SQLite's thread to ours through a bounded channel; at the
                // default 50 a thousand-row read ping-pongs between the two threads.
                .row_buffer_size(1024);
            // SQLite would create the file world-readable (0644 less the umask); its -wal and
            // -shm files take the database file's mode. So a new database file is made here
            // first, empty and 0600 (SQLite takes an empty file as a new database). Best
            // effort: if it cannot be made, SQLite's own open says why.
            #[cfg(unix)]
            if !url.contains(":memory:") && !url.contains("mode=memory") {
                use std::os::unix::fs::OpenOptionsExt;
                let _ = std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .mode(0o600)
                    .open(options.get_filename());
            }
            // One connection: SQLite has one writer, and a single connection serializes
            // read-then-write transactions without SQLITE_BUSY upgrades.
            // The writer's page cache at 64 MiB rather than SQLite's 2 MiB: close of business
            // walks every loan's snapshot and appends to the journal's indexes every night.
            let write = SqlitePoolOptions::new()
                .max_connections(1)
                .connect_with(options.clone().pragma("cache_size", "-65536"))
                .await?;
            let read = SqlitePoolOptions::new()
                .max_connections(4)
                .connect_with(options.read_only(true))
                .await?;
            Ok(Store::Sqlite { write, read })
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let options = PgConnectOptions::from_str(url)?;
            let pool = PgPoolOptions::new()
                .max_connections(8)
                .connect_with(options)
                .await?;
            Ok(Store::Postgres(pool))
        } else {
            let shown = url.split('@').next_back().unwrap_or_default().to_owned();
            Err(StoreError::UnknownScheme { url: shown })
        }
    }

    /// Applies every pending migration of this backend; running it again changes nothing.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match self {
            Store::Sqlite { write, .. } => sqlx::migrate!("./migrations/sqlite").run(write).await?,
            Store::Postgres(pool) => sqlx::migrate!("./migrations/postgres").run(pool).await?,
        }
        Ok(())
    }

    /// The backend's name: "sqlite" or "postgres".
    pub fn backend(&self) -> &'static str {
        match self {
            Store::Sqlite { .. } => "sqlite",
            Store::Postgres(_) => "postgres",
        }
    }

    /// True when the database answers (for `/readyz`).
    pub async fn is_ready(&self) -> bool {
        on_pool!(self, pool => sqlx::query("SELECT 1").execute(pool).await.is_ok())
    }

    /// Closes every connection.
    pub async fn close(&self) {
        match self {
            Store::Sqlite { write, read } => {
                read.close().await;
                write.close().await;
            }
            Store::Postgres(pool) => pool.close().await,
        }
    }
}
