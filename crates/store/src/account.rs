//! What the console's account view reads that no other part of the store gives, each scoped by
//! the borrower: the audit trail of what staff and API clients did on the account, the state of
//! the borrower's sign-in (its login, remembered devices, last sign-in, throttle), and one of
//! the borrower's saved bank accounts with its sealed number (for a supervisor's reveal).

use crate::tx::on_tx;
use crate::{
    AuditEvent, AuditRecord, BankDetails, BorrowerId, Login, LoginId, PaymentMethodId, Store,
    StoreError, Tx, on_pool,
};
use sqlx::{QueryBuilder, Row};

/// A borrower's sign-in as the console shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignInFacts {
    /// The login that reaches the borrower.
    pub login: Login,
    /// Remembered devices not yet expired.
    pub remembered_devices: i64,
    /// The last full sign-in (from the audit log), if any.
    pub last_signed_in_us: Option<i64>,
}

/// What staff and API clients did, not what they read: the predicate of the partial index
/// `audit_log_staff_actions` (migration 0022), repeated exactly so that both planners use it
/// (reads far outnumber actions on an account; through the subject index the list walked
/// every read).
const ACTIONS_NOT_READS: &str =
    "(actor LIKE 'staff:%' OR actor LIKE 'client:%') AND action NOT LIKE '%viewed'";

impl Store {
    /// Where the trail of staff actions is read from: SQLite is told the index by name (its
    /// planner, knowing nothing of the table's contents, prefers the plain subject index,
    /// which holds every read; `INDEXED BY` also makes the query fail rather than quietly
    /// walk the reads should the index ever stop matching); PostgreSQL's planner weighs the
    /// partial index by its statistics.
    fn staff_actions_source(&self) -> &'static str {
        match self {
            Store::Sqlite { .. } => "audit_log INDEXED BY audit_log_staff_actions",
            Store::Postgres(_) => "audit_log",
        }
    }

    /// How the database plans the account's trail of staff actions (for the test that it
    /// reads the partial index, not every read of the account): the plan's lines.
    pub async fn staff_actions_plan(&self) -> Result<Vec<String>, StoreError> {
        // Made only of this module's constant text: nothing from outside is in it.
        let query = format!(
            "SELECT * FROM {} WHERE subject IN ('borrower:1', 'loan:1') AND {ACTIONS_NOT_READS} ORDER BY id DESC LIMIT 50",
            self.staff_actions_source()
        );
        Ok(match self {
            Store::Sqlite { read, .. } => {
                sqlx::query(sqlx::AssertSqlSafe(format!("EXPLAIN QUERY PLAN {query}")))
                    .fetch_all(read)
                    .await?
                    .iter()
                    .map(|r| r.try_get::<String, _>("detail"))
                    .collect::<Result<_, _>>()?
            }
            Store::Postgres(pool) => {
                // A planner that sees a tiny table scans it whatever the indexes; the plan is
                // asked with sequential scans priced out, as on a table of real size.
                let mut c = pool.acquire().await?;
                sqlx::query("SET enable_seqscan = off")
                    .execute(&mut *c)
                    .await?;
                let lines = sqlx::query(sqlx::AssertSqlSafe(format!("EXPLAIN {query}")))
                    .fetch_all(&mut *c)
                    .await?
                    .iter()
                    .map(|r| r.try_get::<String, _>(0))
                    .collect::<Result<_, _>>()?;
                sqlx::query("RESET enable_seqscan").execute(&mut *c).await?;
                lines
            }
        })
    }

    /// The newest records (at most `limit`) about any of `subjects` made by staff or API
    /// clients, leaving out reads (actions ending in `viewed`): what people did to the
    /// account, not who looked.
    pub async fn staff_actions_on(
        &self,
        subjects: &[String],
        limit: i64,
    ) -> Result<Vec<AuditRecord>, StoreError> {
        if subjects.is_empty() {
            return Ok(Vec::new());
        }
        let from = self.staff_actions_source();
        on_pool!(self, pool => {
            let mut q = QueryBuilder::new(format!("SELECT * FROM {from} WHERE subject IN ("));
            let mut list = q.separated(", ");
            for s in subjects {
                list.push_bind(s.as_str());
            }
            q.push(") AND ");
            q.push(ACTIONS_NOT_READS);
            q.push(" ORDER BY id DESC LIMIT ");
            q.push_bind(limit);
            q.build().fetch_all(pool).await?.iter().map(audit_row).collect()
        })
    }

    /// The sign-in of `borrower`, when the borrower has enrolled: the login, its remembered
    /// devices live at `now_us`, and its last full sign-in.
    pub async fn sign_in_of_borrower(
        &self,
        borrower: BorrowerId,
        now_us: i64,
    ) -> Result<Option<SignInFacts>, StoreError> {
        let id: Option<i64> = on_pool!(self, pool => sqlx::query("SELECT login_id FROM login_links WHERE borrower_id = $1")
            .bind(borrower.0).fetch_optional(pool).await?
            .map(|r| r.try_get::<i64, _>("login_id")).transpose()?);
        let Some(id) = id else { return Ok(None) };
        let login = self.login(LoginId(id)).await?;
        let remembered_devices: i64 = on_pool!(self, pool => sqlx::query(
            "SELECT COUNT(*) AS n FROM remembered_devices WHERE login_id = $1 AND expires_at_us > $2",
        )
        .bind(id).bind(now_us).fetch_one(pool).await?.try_get("n")?);
        let last_signed_in_us: Option<i64> = on_pool!(self, pool => sqlx::query(
            "SELECT MAX(at_us) AS at FROM audit_log WHERE subject = $1 AND action = 'login.signed_in'",
        )
        .bind(format!("login:{id}")).fetch_one(pool).await?.try_get("at")?);
        Ok(Some(SignInFacts {
            login,
            remembered_devices,
            last_signed_in_us,
        }))
    }

    /// The sign-in throttle kept under `key`: its window's start and the attempts in it.
    pub async fn throttle_of(&self, key: &str) -> Result<Option<(i64, i64)>, StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT window_start_us, attempts FROM throttles WHERE key = $1")
            .bind(key).fetch_optional(pool).await?
            .map(|r| Ok((r.try_get::<i64, _>("window_start_us")?, r.try_get::<i64, _>("attempts")?)))
            .transpose())
    }

    /// A saved bank account `borrower` reaches (their login's, or saved to them by phone
    /// before they enrolled) with its sealed number; `None` when the id is a card, another
    /// borrower's method, or none. Removed accounts are included: a payment made from one is
    /// still the borrower's.
    pub async fn bank_account_of_borrower(
        &self,
        borrower: BorrowerId,
        method: PaymentMethodId,
    ) -> Result<Option<(BankDetails, String)>, StoreError> {
        let sql = format!(
            "SELECT m.holder_name, m.routing_number, m.account_type, m.account_key_id, m.account_enc, m.last4
             FROM payment_methods m WHERE m.id = $1 AND m.kind = 'bank' AND {}",
            crate::payment_methods::reached_by_borrower("$2")
        );
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(method.0).bind(borrower.0).fetch_optional(pool).await?
        .map(|r| Ok((
            BankDetails {
                holder_name: r.try_get("holder_name")?,
                routing_number: r.try_get::<Option<String>, _>("routing_number")?.unwrap_or_default(),
                account_type: r.try_get::<Option<String>, _>("account_type")?.unwrap_or_default(),
                sealed_account: (
                    r.try_get::<Option<String>, _>("account_key_id")?.unwrap_or_default(),
                    r.try_get::<Option<Vec<u8>>, _>("account_enc")?.unwrap_or_default(),
                ),
            },
            r.try_get::<String, _>("last4")?,
        )))
        .transpose())
    }
}

impl Tx {
    /// Forgets every remembered device of `login`; how many there were.
    pub async fn revoke_remembered_devices(&mut self, login: LoginId) -> Result<u64, StoreError> {
        Ok(
            on_tx!(self, c => sqlx::query("DELETE FROM remembered_devices WHERE login_id = $1")
            .bind(login.0).execute(&mut *c).await?.rows_affected()),
        )
    }
}

/// An audit record read back (the `audit_log` columns).
fn audit_row<R: Row>(r: &R) -> Result<AuditRecord, StoreError>
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
