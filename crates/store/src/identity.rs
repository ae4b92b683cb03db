//! Borrower sign-in: logins and the borrower records they reach, sessions, one-time codes,
//! throttling counters, remembered devices, password resets and TOTP recovery codes.
//!
//! Secrets never reach this table in the clear: session, device, reset and recovery tokens
//! are kept as SHA-256 digests, one-time codes as keyed digests, TOTP secrets sealed by the
//! app's vault, passwords as argon2id hashes.

use crate::codec::parse_vocabulary;
use crate::tx::on_tx;
use crate::{BorrowerId, Store, StoreError, Tx, on_pool};
use domain::identity::SecondFactor;
use sqlx::Row;

/// A login's identity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LoginId(pub i64);

/// A login as stored.
#[derive(Clone, PartialEq, Eq)]
pub struct Login {
    /// Its id.
    pub id: LoginId,
    /// The username, lower-cased.
    pub username: String,
    /// argon2id PHC string.
    pub password_hash: String,
    /// How it proves itself after the password.
    pub second_factor: SecondFactor,
    /// The sealed TOTP secret and the key id that sealed it.
    pub totp: Option<(String, Vec<u8>)>,
    /// The last TOTP step accepted (a step is accepted once).
    pub totp_last_step: Option<i64>,
    /// Consecutive failed password attempts.
    pub failed_logins: i64,
    /// Locked until this instant.
    pub locked_until_us: Option<i64>,
    /// Statements by e-delivery only.
    pub paperless: bool,
    /// When the password was last set.
    pub password_changed_at_us: i64,
}

impl std::fmt::Debug for Login {
    // The hash and the sealed secret stay out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Login({}, {})", self.id.0, self.username)
    }
}

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

/// A one-time code as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OneTimeCode {
    /// Its id.
    pub id: i64,
    /// Keyed digest of the code.
    pub code_digest: String,
    /// "email" or "sms".
    pub channel: String,
    /// Expiry.
    pub expires_at_us: i64,
    /// Wrong tries so far.
    pub attempts: i64,
}

impl Tx {
    /// Creates a login; [`StoreError::Duplicate`] if the username is taken.
    pub async fn insert_login(
        &mut self,
        username: &str,
        password_hash: &str,
        second_factor: SecondFactor,
        now_us: i64,
    ) -> Result<LoginId, StoreError> {
        let row = on_tx!(self, c => sqlx::query(
            "INSERT INTO logins (username, password_hash, second_factor, created_at_us, password_changed_at_us)
             VALUES ($1, $2, $3, $4, $4) RETURNING id",
        )
        .bind(username)
        .bind(password_hash)
        .bind(second_factor.as_str())
        .bind(now_us)
        .fetch_one(&mut *c)
        .await
        .and_then(|r| r.try_get::<i64, _>("id")));
        match row {
            Ok(id) => Ok(LoginId(id)),
            Err(sqlx::Error::Database(d)) if d.is_unique_violation() => {
                Err(StoreError::Duplicate {
                    what: "this username".into(),
                })
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Lets `login` reach `borrower`'s loans; [`StoreError::Duplicate`] if another login has it.
    pub async fn link_borrower(
        &mut self,
        login: LoginId,
        borrower: BorrowerId,
    ) -> Result<(), StoreError> {
        let done = on_tx!(self, c => sqlx::query("INSERT INTO login_links (login_id, borrower_id) VALUES ($1, $2)")
            .bind(login.0)
            .bind(borrower.0)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected()));
        match done {
            Ok(_) => Ok(()),
            Err(sqlx::Error::Database(d)) if d.is_unique_violation() => {
                Err(StoreError::Duplicate {
                    what: "a sign-in for this borrower".into(),
                })
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Sets a login's column to an integer value (the counters and flags the app updates).
    async fn set_login_int(
        &mut self,
        login: LoginId,
        column: LoginInt,
        value: Option<i64>,
    ) -> Result<(), StoreError> {
        let sql = format!("UPDATE logins SET {} = $2 WHERE id = $1", column.name());
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(login.0).bind(value).execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// Counts one more consecutive failed attempt (a wrong password or second-factor code) and
    /// returns the count. One statement, so concurrent failures each count: a read, then a
    /// write of the read value plus one, let eight at once count as one (issue 17).
    pub async fn count_login_failure(&mut self, login: LoginId) -> Result<i64, StoreError> {
        let n = on_tx!(self, c => sqlx::query(
            "UPDATE logins SET failed_logins = failed_logins + 1 WHERE id = $1 RETURNING failed_logins",
        )
        .bind(login.0)
        .fetch_one(&mut *c)
        .await?
        .try_get::<i64, _>("failed_logins")?);
        Ok(n)
    }

    /// Locks a login until `until_us` (the app decides when).
    pub async fn lock_login(&mut self, login: LoginId, until_us: i64) -> Result<(), StoreError> {
        self.set_login_int(login, LoginInt::LockedUntil, Some(until_us))
            .await
    }

    /// Clears the failure count and any lock after a full sign-in.
    pub async fn clear_login_failures(&mut self, login: LoginId) -> Result<(), StoreError> {
        self.set_login_int(login, LoginInt::FailedLogins, Some(0))
            .await?;
        self.set_login_int(login, LoginInt::LockedUntil, None).await
    }

    /// Remembers the TOTP step just accepted.
    pub async fn set_totp_last_step(
        &mut self,
        login: LoginId,
        step: i64,
    ) -> Result<(), StoreError> {
        self.set_login_int(login, LoginInt::TotpLastStep, Some(step))
            .await
    }

    /// Paperless statements on or off.
    pub async fn set_paperless(
        &mut self,
        login: LoginId,
        paperless: bool,
    ) -> Result<(), StoreError> {
        self.set_login_int(login, LoginInt::Paperless, Some(i64::from(paperless)))
            .await
    }

    /// Replaces the password hash.
    pub async fn set_password(
        &mut self,
        login: LoginId,
        password_hash: &str,
        now_us: i64,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("UPDATE logins SET password_hash = $2, password_changed_at_us = $3, failed_logins = 0, locked_until_us = NULL WHERE id = $1")
            .bind(login.0)
            .bind(password_hash)
            .bind(now_us)
            .execute(&mut *c)
            .await?
            .rows_affected());
        Ok(())
    }

    /// Sets the second factor; a TOTP secret (sealed, with its key id) for TOTP.
    pub async fn set_second_factor(
        &mut self,
        login: LoginId,
        factor: SecondFactor,
        totp: Option<(&str, &[u8])>,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("UPDATE logins SET second_factor = $2, totp_key_id = $3, totp_secret_enc = $4, totp_last_step = NULL WHERE id = $1")
            .bind(login.0)
            .bind(factor.as_str())
            .bind(totp.map(|t| t.0))
            .bind(totp.map(|t| t.1.to_vec()))
            .execute(&mut *c)
            .await?
            .rows_affected());
        Ok(())
    }

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

    /// Issues a one-time code for `subject` and `purpose`; earlier unused ones stop working.
    #[allow(clippy::too_many_arguments)]
    pub async fn insert_code(
        &mut self,
        purpose: &str,
        subject: &str,
        code_digest: &str,
        channel: &str,
        expires_at_us: i64,
        now_us: i64,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("UPDATE one_time_codes SET used_at_us = $3 WHERE subject = $1 AND purpose = $2 AND used_at_us IS NULL")
            .bind(subject).bind(purpose).bind(now_us).execute(&mut *c).await?.rows_affected());
        on_tx!(self, c => sqlx::query(
            "INSERT INTO one_time_codes (purpose, subject, code_digest, channel, expires_at_us, created_at_us) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(purpose).bind(subject).bind(code_digest).bind(channel).bind(expires_at_us).bind(now_us)
        .execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// The live code for `subject` and `purpose`, if any.
    pub async fn live_code(
        &mut self,
        purpose: &str,
        subject: &str,
    ) -> Result<Option<OneTimeCode>, StoreError> {
        on_tx!(self, c => sqlx::query(
            "SELECT id, code_digest, channel, expires_at_us, attempts FROM one_time_codes
             WHERE subject = $1 AND purpose = $2 AND used_at_us IS NULL ORDER BY id DESC LIMIT 1",
        )
        .bind(subject).bind(purpose)
        .fetch_optional(&mut *c).await?
        .map(|r| Ok(OneTimeCode {
            id: r.try_get("id")?,
            code_digest: r.try_get("code_digest")?,
            channel: r.try_get("channel")?,
            expires_at_us: r.try_get("expires_at_us")?,
            attempts: r.try_get("attempts")?,
        }))
        .transpose())
    }

    /// Counts a wrong try; `spent` also retires the code (used up, or tried too often).
    pub async fn spend_code(
        &mut self,
        id: i64,
        wrong: bool,
        spent: bool,
        now_us: i64,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query(
            "UPDATE one_time_codes SET attempts = attempts + $2, used_at_us = CASE WHEN $3 = 1 THEN $4 ELSE used_at_us END WHERE id = $1",
        )
        .bind(id).bind(i64::from(wrong)).bind(i64::from(spent)).bind(now_us)
        .execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// Counts one attempt against `key` in a fixed window of `window_us`; returns the count
    /// in the current window, this attempt included.
    pub async fn throttle_hit(
        &mut self,
        key: &str,
        window_us: i64,
        now_us: i64,
    ) -> Result<i64, StoreError> {
        let row = on_tx!(self, c => sqlx::query(
            "INSERT INTO throttles (key, window_start_us, attempts) VALUES ($1, $2, 1)
             ON CONFLICT (key) DO UPDATE SET
                attempts = CASE WHEN throttles.window_start_us + $3 <= $2 THEN 1 ELSE throttles.attempts + 1 END,
                window_start_us = CASE WHEN throttles.window_start_us + $3 <= $2 THEN $2 ELSE throttles.window_start_us END
             RETURNING attempts",
        )
        .bind(key).bind(now_us).bind(window_us)
        .fetch_one(&mut *c).await?.try_get::<i64, _>("attempts")?);
        Ok(row)
    }

    /// Forgets the attempts counted against `key`.
    pub async fn throttle_clear(&mut self, key: &str) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("DELETE FROM throttles WHERE key = $1").bind(key).execute(&mut *c).await?.rows_affected());
        Ok(())
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

    /// Issues a password-reset token.
    pub async fn insert_reset(
        &mut self,
        token_sha256: &str,
        login: LoginId,
        expires_at_us: i64,
        now_us: i64,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("INSERT INTO password_resets (token_sha256, login_id, expires_at_us, created_at_us) VALUES ($1, $2, $3, $4)")
            .bind(token_sha256).bind(login.0).bind(expires_at_us).bind(now_us).execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// The login a live reset token belongs to, marking it used (single use).
    pub async fn take_reset(
        &mut self,
        token_sha256: &str,
        now_us: i64,
    ) -> Result<Option<LoginId>, StoreError> {
        let row = on_tx!(self, c => sqlx::query(
            "UPDATE password_resets SET used_at_us = $2 WHERE token_sha256 = $1 AND used_at_us IS NULL AND expires_at_us > $2 RETURNING login_id",
        )
        .bind(token_sha256).bind(now_us)
        .fetch_optional(&mut *c).await?
        .map(|r| r.try_get::<i64, _>("login_id")).transpose()?);
        Ok(row.map(LoginId))
    }

    /// Replaces a login's recovery codes.
    pub async fn replace_recovery_codes(
        &mut self,
        login: LoginId,
        digests: &[String],
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("DELETE FROM recovery_codes WHERE login_id = $1").bind(login.0).execute(&mut *c).await?.rows_affected());
        for d in digests {
            on_tx!(self, c => sqlx::query("INSERT INTO recovery_codes (login_id, code_sha256) VALUES ($1, $2)")
                .bind(login.0).bind(d).execute(&mut *c).await?.rows_affected());
        }
        Ok(())
    }

    /// Uses a recovery code: true if it was live (it is spent now).
    pub async fn use_recovery_code(
        &mut self,
        login: LoginId,
        digest: &str,
        now_us: i64,
    ) -> Result<bool, StoreError> {
        Ok(on_tx!(self, c => sqlx::query(
            "UPDATE recovery_codes SET used_at_us = $3 WHERE login_id = $1 AND code_sha256 = $2 AND used_at_us IS NULL",
        )
        .bind(login.0).bind(digest).bind(now_us)
        .execute(&mut *c).await?.rows_affected())
            == 1)
    }

    /// A login by username, read in this transaction.
    pub async fn login_by_username(&mut self, username: &str) -> Result<Option<Login>, StoreError> {
        on_tx!(self, c => sqlx::query("SELECT * FROM logins WHERE username = $1").bind(username)
            .fetch_optional(&mut *c).await?.map(|r| login_row(&r)).transpose())
    }

    /// A login by id, read in this transaction.
    pub async fn login(&mut self, id: LoginId) -> Result<Login, StoreError> {
        on_tx!(self, c => sqlx::query("SELECT * FROM logins WHERE id = $1").bind(id.0)
            .fetch_optional(&mut *c).await?.map(|r| login_row(&r)).transpose()?
            .ok_or_else(|| StoreError::NotFound { what: format!("login {}", id.0) }))
    }

    /// The session with this token digest, read in this transaction.
    pub async fn session(&mut self, token_sha256: &str) -> Result<Option<Session>, StoreError> {
        on_tx!(self, c => sqlx::query("SELECT * FROM sessions WHERE token_sha256 = $1").bind(token_sha256)
            .fetch_optional(&mut *c).await?.map(|r| session_row(&r)).transpose())
    }

    /// The login that reaches `borrower`, if one does.
    pub async fn login_of_borrower(
        &mut self,
        borrower: BorrowerId,
    ) -> Result<Option<LoginId>, StoreError> {
        on_tx!(self, c => sqlx::query("SELECT login_id FROM login_links WHERE borrower_id = $1").bind(borrower.0)
            .fetch_optional(&mut *c).await?.map(|r| Ok(LoginId(r.try_get("login_id")?))).transpose())
    }
}

#[derive(Clone, Copy)]
enum LoginInt {
    FailedLogins,
    LockedUntil,
    TotpLastStep,
    Paperless,
}

impl LoginInt {
    fn name(self) -> &'static str {
        match self {
            LoginInt::FailedLogins => "failed_logins",
            LoginInt::LockedUntil => "locked_until_us",
            LoginInt::TotpLastStep => "totp_last_step",
            LoginInt::Paperless => "paperless",
        }
    }
}

impl Store {
    /// A login by username (lower-cased).
    pub async fn login_by_username(&self, username: &str) -> Result<Option<Login>, StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT * FROM logins WHERE username = $1").bind(username)
            .fetch_optional(pool).await?.map(|r| login_row(&r)).transpose())
    }

    /// The logins reaching a borrower whose email on file is `email` (case-insensitive).
    pub async fn logins_by_email(
        &self,
        email: &str,
    ) -> Result<Vec<(LoginId, BorrowerId)>, StoreError> {
        on_pool!(self, pool => sqlx::query(
            "SELECT k.login_id, k.borrower_id FROM login_links k JOIN borrowers b ON b.id = k.borrower_id
             WHERE LOWER(b.email) = LOWER($1) ORDER BY k.login_id",
        )
        .bind(email).fetch_all(pool).await?.iter()
        .map(|r| Ok((LoginId(r.try_get("login_id")?), BorrowerId(r.try_get("borrower_id")?))))
        .collect())
    }

    /// The session with this token digest.
    pub async fn session(&self, token_sha256: &str) -> Result<Option<Session>, StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT * FROM sessions WHERE token_sha256 = $1").bind(token_sha256)
            .fetch_optional(pool).await?.map(|r| session_row(&r)).transpose())
    }

    /// A login by id.
    pub async fn login(&self, id: LoginId) -> Result<Login, StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT * FROM logins WHERE id = $1").bind(id.0)
            .fetch_optional(pool).await?.map(|r| login_row(&r)).transpose()?
            .ok_or_else(|| StoreError::NotFound { what: format!("login {}", id.0) }))
    }

    /// The borrower records a login reaches.
    pub async fn borrowers_of(&self, login: LoginId) -> Result<Vec<BorrowerId>, StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT borrower_id FROM login_links WHERE login_id = $1 ORDER BY borrower_id")
            .bind(login.0).fetch_all(pool).await?
            .iter().map(|r| Ok(BorrowerId(r.try_get("borrower_id")?))).collect())
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

    /// Live recovery codes left.
    pub async fn recovery_codes_left(&self, login: LoginId) -> Result<i64, StoreError> {
        on_pool!(self, pool => Ok(sqlx::query("SELECT COUNT(*) AS n FROM recovery_codes WHERE login_id = $1 AND used_at_us IS NULL")
            .bind(login.0).fetch_one(pool).await?.try_get("n")?))
    }
}

fn login_row<R: Row>(r: &R) -> Result<Login, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<i64>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<Vec<u8>>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let key: Option<String> = r.try_get("totp_key_id")?;
    let sealed: Option<Vec<u8>> = r.try_get("totp_secret_enc")?;
    Ok(Login {
        id: LoginId(r.try_get("id")?),
        username: r.try_get("username")?,
        password_hash: r.try_get("password_hash")?,
        second_factor: parse_vocabulary(
            "logins",
            "second_factor",
            &r.try_get::<String, _>("second_factor")?,
            SecondFactor::parse,
        )?,
        totp: key.zip(sealed),
        totp_last_step: r.try_get("totp_last_step")?,
        failed_logins: r.try_get("failed_logins")?,
        locked_until_us: r.try_get("locked_until_us")?,
        paperless: r.try_get::<i64, _>("paperless")? != 0,
        password_changed_at_us: r.try_get("password_changed_at_us")?,
    })
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
