//! Sessions (keyed by the SHA-256 of their token) through the stages of signing in, and the
//! devices a login chose to have remembered.

use super::LoginId;
use crate::tx::on_tx;
use crate::{BorrowerId, Store, StoreError, Tx, on_pool};
use sqlx::Row;

/// Where a session is in signing in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionStage {
    /// Identity facts matched; the one-time code is not yet confirmed.
    Enrolling,
    /// Code confirmed; choosing a username and password.
    Enrolled,
    /// Password checked; the second factor is not yet given.
    SecondFactor,
    /// Signed in.
    Full,
}

impl SessionStage {
    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            SessionStage::Enrolling => "enrolling",
            SessionStage::Enrolled => "enrolled",
            SessionStage::SecondFactor => "second_factor",
            SessionStage::Full => "full",
        }
    }

    fn parse(text: &str) -> Result<Self, StoreError> {
        Ok(match text {
            "enrolling" => SessionStage::Enrolling,
            "enrolled" => SessionStage::Enrolled,
            "second_factor" => SessionStage::SecondFactor,
            "full" => SessionStage::Full,
            other => {
                return Err(StoreError::Corrupt {
                    table: "sessions",
                    detail: format!("stage {other:?}"),
                });
            }
        })
    }
}

/// A session as stored (keyed by the digest of its token).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    /// SHA-256 of the token (hex).
    pub token_sha256: String,
    /// The login, once known.
    pub login: Option<LoginId>,
    /// The stage.
    pub stage: SessionStage,
    /// The borrower being enrolled (enrolment stages).
    pub borrower: Option<BorrowerId>,
    /// Created (absolute timeout counts from here).
    pub created_at_us: i64,
    /// Last request (idle timeout counts from here).
    pub last_seen_us: i64,
    /// Last re-authentication (step-up).
    pub step_up_at_us: Option<i64>,
    /// Client address at creation.
    pub ip: String,
    /// Client user agent at creation.
    pub user_agent: String,
}

impl Tx {
    /// Creates a session.
    pub async fn insert_session(&mut self, s: &Session) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query(
            "INSERT INTO sessions (token_sha256, login_id, stage, borrower_id, created_at_us, last_seen_us, step_up_at_us, ip, user_agent)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&s.token_sha256)
        .bind(s.login.map(|l| l.0))
        .bind(s.stage.as_str())
        .bind(s.borrower.map(|b| b.0))
        .bind(s.created_at_us)
        .bind(s.last_seen_us)
        .bind(s.step_up_at_us)
        .bind(&s.ip)
        .bind(&s.user_agent)
        .execute(&mut *c)
        .await?
        .rows_affected());
        Ok(())
    }

    /// Ends one session.
    pub async fn delete_session(&mut self, token_sha256: &str) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("DELETE FROM sessions WHERE token_sha256 = $1").bind(token_sha256).execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// Ends every session of a login (log out everywhere, password change); returns how many.
    pub async fn delete_sessions_of(&mut self, login: LoginId) -> Result<u64, StoreError> {
        Ok(
            on_tx!(self, c => sqlx::query("DELETE FROM sessions WHERE login_id = $1").bind(login.0).execute(&mut *c).await?.rows_affected()),
        )
    }

    /// Marks a session seen now, and re-authenticated now when `step_up`.
    pub async fn touch_session(
        &mut self,
        token_sha256: &str,
        now_us: i64,
        step_up: bool,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query(
            "UPDATE sessions SET last_seen_us = $2, step_up_at_us = CASE WHEN $3 = 1 THEN $2 ELSE step_up_at_us END WHERE token_sha256 = $1",
        )
        .bind(token_sha256)
        .bind(now_us)
        .bind(i64::from(step_up))
        .execute(&mut *c)
        .await?
        .rows_affected());
        Ok(())
    }

    /// The session with this token digest, read in this transaction.
    pub async fn session(&mut self, token_sha256: &str) -> Result<Option<Session>, StoreError> {
        on_tx!(self, c => sqlx::query("SELECT * FROM sessions WHERE token_sha256 = $1").bind(token_sha256)
            .fetch_optional(&mut *c).await?.map(|r| session_row(&r)).transpose())
    }

    /// Remembers a device for a login.
    pub async fn remember_device(
        &mut self,
        token_sha256: &str,
        login: LoginId,
        expires_at_us: i64,
        now_us: i64,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("INSERT INTO remembered_devices (token_sha256, login_id, expires_at_us, created_at_us) VALUES ($1, $2, $3, $4)")
            .bind(token_sha256).bind(login.0).bind(expires_at_us).bind(now_us).execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// Forgets every remembered device of a login.
    pub async fn forget_devices(&mut self, login: LoginId) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("DELETE FROM remembered_devices WHERE login_id = $1").bind(login.0).execute(&mut *c).await?.rows_affected());
        Ok(())
    }
}

impl Store {
    /// The session with this token digest.
    pub async fn session(&self, token_sha256: &str) -> Result<Option<Session>, StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT * FROM sessions WHERE token_sha256 = $1").bind(token_sha256)
            .fetch_optional(pool).await?.map(|r| session_row(&r)).transpose())
    }

    /// True when `token_sha256` is a live remembered device of `login`.
    pub async fn is_remembered_device(
        &self,
        token_sha256: &str,
        login: LoginId,
        now_us: i64,
    ) -> Result<bool, StoreError> {
        on_pool!(self, pool => Ok(sqlx::query("SELECT 1 AS one FROM remembered_devices WHERE token_sha256 = $1 AND login_id = $2 AND expires_at_us > $3")
            .bind(token_sha256).bind(login.0).bind(now_us).fetch_optional(pool).await?.is_some()))
    }
}

fn session_row<R: Row>(r: &R) -> Result<Session, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<i64>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    Ok(Session {
        token_sha256: r.try_get("token_sha256")?,
        login: r.try_get::<Option<i64>, _>("login_id")?.map(LoginId),
        stage: SessionStage::parse(&r.try_get::<String, _>("stage")?)?,
        borrower: r.try_get::<Option<i64>, _>("borrower_id")?.map(BorrowerId),
        created_at_us: r.try_get("created_at_us")?,
        last_seen_us: r.try_get("last_seen_us")?,
        step_up_at_us: r.try_get("step_up_at_us")?,
        ip: r.try_get("ip")?,
        user_agent: r.try_get("user_agent")?,
    })
}
