//! Staff of the console and their sessions (kept apart from borrowers' logins and sessions:
//! a borrower's session token is never a staff session), and what admins change of them:
//! the role, deactivation (which ends the user's sessions in the same transaction), a new
//! authenticator secret and a new password (their own, or an admin's temporary one that they
//! must change: `must_change_password`, migration 0020). Staff users are never deleted: the
//! audit log names them by id.

use crate::tx::on_tx;
use crate::{Store, StoreError, Tx, on_pool};
use domain::access::Role;
use sqlx::Row;

/// A staff user's id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StaffId(pub i64);

/// A staff user as stored.
#[derive(Clone, PartialEq, Eq)]
pub struct StaffUser {
    /// Its id.
    pub id: StaffId,
    /// Email, lower-cased (the sign-in name).
    pub email: String,
    /// The name shown in the console and the audit log.
    pub name: String,
    /// What they may do.
    pub role: Role,
    /// argon2id PHC string.
    pub password_hash: String,
    /// The sealed TOTP secret and the key id that sealed it.
    pub totp: (String, Vec<u8>),
    /// The last TOTP step accepted (a step is accepted once).
    pub totp_last_step: Option<i64>,
    /// Consecutive failed sign-ins.
    pub failed_logins: i64,
    /// Locked until this instant.
    pub locked_until_us: Option<i64>,
    /// Added (epoch microseconds).
    pub created_at_us: i64,
    /// The last full sign-in, if any since migration 0019.
    pub last_signed_in_us: Option<i64>,
    /// Deactivated at this instant: they cannot sign in until an admin reactivates them.
    pub deactivated_at_us: Option<i64>,
    /// An admin reset their password: the console takes them to choose their own before
    /// anything else, and the flag is cleared when they have.
    pub must_change_password: bool,
}

impl StaffUser {
    /// Whether the user may sign in (not deactivated).
    pub fn is_active(&self) -> bool {
        self.deactivated_at_us.is_none()
    }
}

impl std::fmt::Debug for StaffUser {
    // The hash and the sealed secret stay out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "StaffUser({}, {}, {})", self.id.0, self.email, self.role)
    }
}

/// A staff session as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffSession {
    /// The staff user.
    pub staff: StaffId,
    /// Started (epoch microseconds).
    pub created_at_us: i64,
    /// Last request.
    pub last_seen_us: i64,
}

const COLUMNS: &str = "id, email, name, role, password_hash, totp_secret_enc, totp_key_id, totp_last_step, failed_logins, locked_until_us, created_at_us, last_signed_in_us, deactivated_at_us, must_change_password";

fn user<R: Row>(r: &R) -> Result<StaffUser, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<i64>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Vec<u8>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    Ok(StaffUser {
        id: StaffId(r.try_get("id")?),
        email: r.try_get("email")?,
        name: r.try_get("name")?,
        role: {
            let text: String = r.try_get("role")?;
            Role::parse(&text).ok_or_else(|| StoreError::Corrupt {
                table: "staff_users",
                detail: format!("role {text:?} is not a role"),
            })?
        },
        password_hash: r.try_get("password_hash")?,
        totp: (r.try_get("totp_key_id")?, r.try_get("totp_secret_enc")?),
        totp_last_step: r.try_get("totp_last_step")?,
        failed_logins: r.try_get("failed_logins")?,
        locked_until_us: r.try_get("locked_until_us")?,
        created_at_us: r.try_get("created_at_us")?,
        last_signed_in_us: r.try_get("last_signed_in_us")?,
        deactivated_at_us: r.try_get("deactivated_at_us")?,
        // 0 or 1 on both backends (as `paperless` is).
        must_change_password: r.try_get::<i64, _>("must_change_password")? != 0,
    })
}

impl Tx {
    /// Adds a staff user; [`StoreError::Duplicate`] when the email is taken.
    #[allow(clippy::too_many_arguments)] // the columns of a new user
    pub async fn insert_staff(
        &mut self,
        email: &str,
        name: &str,
        role: Role,
        password_hash: &str,
        totp: (&str, &[u8]),
        now_us: i64,
    ) -> Result<StaffId, StoreError> {
        let r = on_tx!(self, c => sqlx::query(
            "INSERT INTO staff_users (email, name, role, password_hash, totp_key_id, totp_secret_enc, created_at_us)
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (email) DO NOTHING RETURNING id",
        )
        .bind(email).bind(name).bind(role.as_str()).bind(password_hash).bind(totp.0).bind(totp.1.to_vec()).bind(now_us)
        .fetch_optional(&mut *c).await?
        .map(|r| r.try_get::<i64, _>("id")).transpose()?);
        r.map(StaffId).ok_or_else(|| StoreError::Duplicate {
            what: format!("staff user {email}"),
        })
    }

    /// A staff user by email (lower-cased), locked for this transaction on PostgreSQL.
    pub async fn staff_by_email(&mut self, email: &str) -> Result<Option<StaffUser>, StoreError> {
        let lock = if matches!(self, Tx::Postgres(_)) {
            " FOR UPDATE"
        } else {
            ""
        };
        let sql = format!("SELECT {COLUMNS} FROM staff_users WHERE email = $1{lock}");
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(email).fetch_optional(&mut *c).await?.map(|r| user(&r)).transpose())
    }

    /// Records a failed sign-in (and a lock, when given).
    pub async fn staff_failed(
        &mut self,
        id: StaffId,
        locked_until_us: Option<i64>,
    ) -> Result<(), StoreError> {
        // A lock starts the count again, so the user has five tries once it ends.
        on_tx!(self, c => sqlx::query("UPDATE staff_users SET failed_logins = CASE WHEN $2 IS NULL THEN failed_logins + 1 ELSE 0 END, locked_until_us = COALESCE($2, locked_until_us) WHERE id = $1")
            .bind(id.0).bind(locked_until_us).execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// Records a sign-in at `now_us`: failures reset, the TOTP step used.
    pub async fn staff_signed_in(
        &mut self,
        id: StaffId,
        step: i64,
        now_us: i64,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("UPDATE staff_users SET failed_logins = 0, locked_until_us = NULL, totp_last_step = $2, last_signed_in_us = $3 WHERE id = $1")
            .bind(id.0).bind(step).bind(now_us).execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// A staff user by id, locked for this transaction on PostgreSQL (SQLite's `BEGIN
    /// IMMEDIATE` already holds the only writer).
    pub async fn staff_user(&mut self, id: StaffId) -> Result<Option<StaffUser>, StoreError> {
        let lock = if matches!(self, Tx::Postgres(_)) {
            " FOR UPDATE"
        } else {
            ""
        };
        let sql = format!("SELECT {COLUMNS} FROM staff_users WHERE id = $1{lock}");
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id.0).fetch_optional(&mut *c).await?.map(|r| user(&r)).transpose())
    }

    /// The active admins, by id, locked for this transaction on PostgreSQL. A change that
    /// could leave no active admin takes these locks before the changed user's row, so two
    /// admins demoting each other at once are serialized (the second reads the first's
    /// change) and cannot deadlock.
    pub async fn lock_active_admins(&mut self) -> Result<Vec<StaffId>, StoreError> {
        let lock = if matches!(self, Tx::Postgres(_)) {
            " FOR UPDATE"
        } else {
            ""
        };
        let sql = format!(
            "SELECT id FROM staff_users WHERE role = $1 AND deactivated_at_us IS NULL ORDER BY id{lock}"
        );
        let ids: Vec<i64> = on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(Role::Admin.as_str())
            .fetch_all(&mut *c).await?
            .iter()
            .map(|r| r.try_get::<i64, _>("id"))
            .collect::<Result<_, _>>()?);
        Ok(ids.into_iter().map(StaffId).collect())
    }

    /// Sets a staff user's role (it holds from their next request: a session reads its
    /// user's row each time).
    pub async fn set_staff_role(&mut self, id: StaffId, role: Role) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("UPDATE staff_users SET role = $2 WHERE id = $1")
            .bind(id.0).bind(role.as_str()).execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// Deactivates a staff user at `now_us` and ends every session of theirs; how many
    /// sessions ended.
    pub async fn deactivate_staff(&mut self, id: StaffId, now_us: i64) -> Result<u64, StoreError> {
        on_tx!(self, c => sqlx::query("UPDATE staff_users SET deactivated_at_us = $2 WHERE id = $1")
            .bind(id.0).bind(now_us).execute(&mut *c).await?.rows_affected());
        self.delete_staff_sessions_of(id).await
    }

    /// Lets a deactivated staff user sign in again.
    pub async fn reactivate_staff(&mut self, id: StaffId) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("UPDATE staff_users SET deactivated_at_us = NULL WHERE id = $1")
            .bind(id.0).execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// Gives a staff user a new sealed authenticator secret (with the key id that sealed
    /// it) and ends every session of theirs; how many sessions ended. The accepted-step
    /// record starts again (it was about the old secret), and so do the failures and any
    /// lock: the user who lost their authenticator may have locked themself trying.
    pub async fn reset_staff_totp(
        &mut self,
        id: StaffId,
        totp: (&str, &[u8]),
    ) -> Result<u64, StoreError> {
        on_tx!(self, c => sqlx::query("UPDATE staff_users SET totp_key_id = $2, totp_secret_enc = $3, totp_last_step = NULL, failed_logins = 0, locked_until_us = NULL WHERE id = $1")
            .bind(id.0).bind(totp.0).bind(totp.1.to_vec()).execute(&mut *c).await?.rows_affected());
        self.delete_staff_sessions_of(id).await
    }

    /// Replaces a staff user's password hash. `must_change` says whether they must choose
    /// their own at their next sign-in (an admin's temporary password) or not (they chose
    /// this one, which clears the flag). The failures and any sign-in lock start again, as
    /// after a sign-in: the password is known again. Sessions are the caller's to end
    /// ([`Tx::delete_staff_sessions_of`], [`Tx::delete_other_staff_sessions`]).
    pub async fn set_staff_password(
        &mut self,
        id: StaffId,
        password_hash: &str,
        must_change: bool,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("UPDATE staff_users SET password_hash = $2, must_change_password = $3, failed_logins = 0, locked_until_us = NULL WHERE id = $1")
            .bind(id.0).bind(password_hash).bind(i64::from(must_change)).execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// Ends every session of a staff user but the one whose token has the digest `keep`
    /// (the session that changed the password stays); how many ended.
    pub async fn delete_other_staff_sessions(
        &mut self,
        id: StaffId,
        keep: &str,
    ) -> Result<u64, StoreError> {
        Ok(
            on_tx!(self, c => sqlx::query("DELETE FROM staff_sessions WHERE staff_id = $1 AND token_sha256 <> $2")
            .bind(id.0).bind(keep).execute(&mut *c).await?.rows_affected()),
        )
    }

    /// Ends every session of a staff user; how many there were.
    pub async fn delete_staff_sessions_of(&mut self, id: StaffId) -> Result<u64, StoreError> {
        Ok(
            on_tx!(self, c => sqlx::query("DELETE FROM staff_sessions WHERE staff_id = $1")
            .bind(id.0).execute(&mut *c).await?.rows_affected()),
        )
    }

    /// Opens a staff session under a token's digest.
    pub async fn insert_staff_session(
        &mut self,
        digest: &str,
        staff: StaffId,
        now_us: i64,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("INSERT INTO staff_sessions (token_sha256, staff_id, created_at_us, last_seen_us) VALUES ($1, $2, $3, $3)")
            .bind(digest).bind(staff.0).bind(now_us).execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// Marks a staff session used now.
    pub async fn touch_staff_session(
        &mut self,
        digest: &str,
        now_us: i64,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("UPDATE staff_sessions SET last_seen_us = $2 WHERE token_sha256 = $1")
            .bind(digest).bind(now_us).execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// Ends a staff session.
    pub async fn delete_staff_session(&mut self, digest: &str) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("DELETE FROM staff_sessions WHERE token_sha256 = $1")
            .bind(digest).execute(&mut *c).await?.rows_affected());
        Ok(())
    }
}

impl Store {
    /// Every staff user: the active first, then by name.
    pub async fn staff_users(&self) -> Result<Vec<StaffUser>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM staff_users ORDER BY CASE WHEN deactivated_at_us IS NULL THEN 0 ELSE 1 END, lower(name), id"
        );
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(pool).await?.iter().map(user).collect())
    }

    /// A staff user by id.
    pub async fn staff_user(&self, id: StaffId) -> Result<Option<StaffUser>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM staff_users WHERE id = $1");
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id.0).fetch_optional(pool).await?.map(|r| user(&r)).transpose())
    }

    /// A staff user by email (lower-cased).
    pub async fn staff_by_email(&self, email: &str) -> Result<Option<StaffUser>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM staff_users WHERE email = $1");
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(email).fetch_optional(pool).await?.map(|r| user(&r)).transpose())
    }

    /// A staff session and its user, by the token's digest.
    pub async fn staff_session(
        &self,
        digest: &str,
    ) -> Result<Option<(StaffSession, StaffUser)>, StoreError> {
        let cols: String = COLUMNS
            .split(", ")
            .map(|c| format!("u.{c}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT s.created_at_us, s.last_seen_us, {cols} FROM staff_sessions s JOIN staff_users u ON u.id = s.staff_id WHERE s.token_sha256 = $1"
        );
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(digest).fetch_optional(pool).await?.map(|r| {
            let u = user(&r)?;
            Ok((StaffSession { staff: u.id, created_at_us: r.try_get("created_at_us")?, last_seen_us: r.try_get("last_seen_us")? }, u))
        }).transpose())
    }
}
