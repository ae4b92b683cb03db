//! Logins: one per person, reaching one or more borrower records; the password, the second
//! factor, the failure count and lock, and the throttling counters of sign-in attempts.

use super::LoginId;
use crate::codec::parse_vocabulary;
use crate::tx::on_tx;
use crate::{BorrowerId, Store, StoreError, Tx, on_pool};
use domain::identity::SecondFactor;
use sqlx::Row;

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
    /// The language they read the portal, their notices and statements in, once known (chosen,
    /// or the one they enrolled or first signed in in); `None` for a login from before, which
    /// reads English until then ([`Login::reads`]).
    pub language: Option<i18n::Lang>,
    /// When the password was last set.
    pub password_changed_at_us: i64,
}

impl Login {
    /// The language they read: theirs, English until it is known.
    pub fn reads(&self) -> i18n::Lang {
        self.language.unwrap_or_default()
    }
}

impl std::fmt::Debug for Login {
    // The hash and the sealed secret stay out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Login({}, {})", self.id.0, self.username)
    }
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

    /// The language the person of `login` reads Servicer in.
    pub async fn set_language(
        &mut self,
        login: LoginId,
        language: i18n::Lang,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("UPDATE logins SET language = $2 WHERE id = $1")
            .bind(login.0).bind(language.code()).execute(&mut *c).await?.rows_affected());
        Ok(())
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

    /// The login that reaches `borrower`, if one does.
    pub async fn login_of_borrower(
        &mut self,
        borrower: BorrowerId,
    ) -> Result<Option<LoginId>, StoreError> {
        on_tx!(self, c => sqlx::query("SELECT login_id FROM login_links WHERE borrower_id = $1").bind(borrower.0)
            .fetch_optional(&mut *c).await?.map(|r| Ok(LoginId(r.try_get("login_id")?))).transpose())
    }

    /// The language `borrower` reads their notices in, read in this transaction: their
    /// login's (the first, were two to reach them), English without one.
    pub async fn language_of_borrower(
        &mut self,
        borrower: BorrowerId,
    ) -> Result<i18n::Lang, StoreError> {
        let code: Option<String> = on_tx!(self, c => sqlx::query(
            "SELECT COALESCE(g.language, 'en') AS language FROM login_links k JOIN logins g ON g.id = k.login_id
             WHERE k.borrower_id = $1 ORDER BY k.login_id LIMIT 1",
        )
        .bind(borrower.0).fetch_optional(&mut *c).await?.map(|r| r.try_get("language")).transpose()?);
        Ok(code
            .as_deref()
            .and_then(i18n::Lang::parse)
            .unwrap_or_default())
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

    /// A login by id.
    pub async fn login(&self, id: LoginId) -> Result<Login, StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT * FROM logins WHERE id = $1").bind(id.0)
            .fetch_optional(pool).await?.map(|r| login_row(&r)).transpose()?
            .ok_or_else(|| StoreError::NotFound { what: format!("login {}", id.0) }))
    }

    /// The language `borrower` reads their notices and statements in: their login's (the
    /// first, were two to reach them), English without one.
    pub async fn language_of_borrower(
        &self,
        borrower: BorrowerId,
    ) -> Result<i18n::Lang, StoreError> {
        let code: Option<String> = on_pool!(self, pool => sqlx::query(
            "SELECT COALESCE(g.language, 'en') AS language FROM login_links k JOIN logins g ON g.id = k.login_id
             WHERE k.borrower_id = $1 ORDER BY k.login_id LIMIT 1",
        )
        .bind(borrower.0).fetch_optional(pool).await?.map(|r| r.try_get("language")).transpose()?);
        Ok(code
            .as_deref()
            .and_then(i18n::Lang::parse)
            .unwrap_or_default())
    }

    /// The borrower records a login reaches.
    pub async fn borrowers_of(&self, login: LoginId) -> Result<Vec<BorrowerId>, StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT borrower_id FROM login_links WHERE login_id = $1 ORDER BY borrower_id")
            .bind(login.0).fetch_all(pool).await?
            .iter().map(|r| Ok(BorrowerId(r.try_get("borrower_id")?))).collect())
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
        language: r
            .try_get::<Option<String>, _>("language")?
            .map(|code| parse_vocabulary("logins", "language", &code, i18n::Lang::parse))
            .transpose()?,
        password_changed_at_us: r.try_get("password_changed_at_us")?,
    })
}
