//! Fresh databases for tests of this crate and the crates above it: a SQLite file always, and
//! a PostgreSQL database of its own when `SERVICER_TEST_POSTGRES_URL` names a server.

use crate::{Store, StoreError};

/// The variable that names the PostgreSQL server for tests (an admin URL; each test creates
/// and drops its own database on it).
pub const POSTGRES_URL_VAR: &str = "SERVICER_TEST_POSTGRES_URL";

/// A migrated store for one test, and what to remove afterwards.
pub struct TestDb {
    /// The store.
    pub store: Store,
    /// Its URL (to start a server or a second connection on it).
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Dir(std::path::PathBuf),
    Database { admin: Store, name: String },
}

/// A fresh SQLite store, and a fresh PostgreSQL store when the variable is set (otherwise a
/// line on stderr says it was skipped). `test` names the databases: unique per test.
pub async fn fresh(test: &str) -> Vec<TestDb> {
    let mut out = vec![sqlite(test).await];
    match std::env::var(POSTGRES_URL_VAR) {
        Ok(admin_url) => out.push(postgres(&admin_url, test).await),
        Err(_) => eprintln!("{test}: PostgreSQL skipped: set {POSTGRES_URL_VAR} to run it"),
    }
    out
}

/// Fresh stores as [`fresh`] makes them, but migrated only through migration `version`: a
/// test of a later migration writes rows as the schema then had them, then runs the rest
/// ([`Store::migrate`]).
pub async fn fresh_through(test: &str, version: i64) -> Vec<TestDb> {
    let mut out = vec![sqlite_through(test, Some(version)).await];
    match std::env::var(POSTGRES_URL_VAR) {
        Ok(admin_url) => out.push(postgres_through(&admin_url, test, Some(version)).await),
        Err(_) => eprintln!("{test}: PostgreSQL skipped: set {POSTGRES_URL_VAR} to run it"),
    }
    out
}

/// Applies `store`'s migrations: all of them, or only through `version`.
async fn migrate(store: &Store, version: Option<i64>) -> Result<(), StoreError> {
    match (store, version) {
        (_, None) => store.migrate().await,
        (Store::Sqlite { write, .. }, Some(v)) => sqlx::migrate!("./migrations/sqlite")
            .run_to(v, write)
            .await
            .map_err(StoreError::from),
        (Store::Postgres(pool), Some(v)) => sqlx::migrate!("./migrations/postgres")
            .run_to(v, pool)
            .await
            .map_err(StoreError::from),
    }
}

/// A fresh SQLite store only.
pub async fn sqlite(test: &str) -> TestDb {
    sqlite_through(test, None).await
}

/// A fresh SQLite store, migrated through `version` (all migrations: `None`).
async fn sqlite_through(test: &str, version: Option<i64>) -> TestDb {
    let dir = std::env::temp_dir().join(format!("servicer-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let url = format!("sqlite://{}", dir.join("test.db").display());
    let store = Store::connect(&url).await.expect("sqlite opens");
    migrate(&store, version).await.expect("sqlite migrates");
    TestDb {
        store,
        url,
        cleanup: Cleanup::Dir(dir),
    }
}

/// A fresh PostgreSQL database named after `test` on the server at `admin_url`.
pub async fn postgres(admin_url: &str, test: &str) -> TestDb {
    postgres_through(admin_url, test, None).await
}

/// A fresh PostgreSQL database, migrated through `version` (all migrations: `None`).
async fn postgres_through(admin_url: &str, test: &str, version: Option<i64>) -> TestDb {
    let name = format!(
        "servicer_test_{}_{}",
        std::process::id(),
        test.replace('-', "_")
    );
    let admin = Store::connect(admin_url)
        .await
        .unwrap_or_else(|e| panic!("{POSTGRES_URL_VAR} does not connect: {e}"));
    let Store::Postgres(pool) = &admin else {
        panic!("{POSTGRES_URL_VAR} must be a postgres:// URL")
    };
    for sql in [
        format!("DROP DATABASE IF EXISTS {name}"),
        format!("CREATE DATABASE {name}"),
    ] {
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(pool)
            .await
            .expect("admin statement");
    }
    let base = admin_url.rsplit_once('/').map_or(admin_url, |(b, _)| b);
    let url = format!("{base}/{name}");
    let store = Store::connect(&url).await.expect("test database connects");
    migrate(&store, version).await.expect("postgres migrates");
    TestDb {
        store,
        url,
        cleanup: Cleanup::Database { admin, name },
    }
}

impl TestDb {
    /// Closes the store and removes its database.
    pub async fn finish(self) {
        self.store.close().await;
        match self.cleanup {
            Cleanup::Dir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Database { admin, name } => {
                if let Store::Postgres(pool) = &admin {
                    let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                    let _ = sqlx::query(sqlx::AssertSqlSafe(sql)).execute(pool).await;
                }
                admin.close().await;
            }
        }
    }
}
