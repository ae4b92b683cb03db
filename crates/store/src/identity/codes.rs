//! Single-use secrets: one-time codes (kept as keyed digests), password-reset tokens and
//! TOTP recovery codes (kept as SHA-256 digests).

use super::LoginId;
use crate::tx::on_tx;
use crate::{Store, StoreError, Tx, on_pool};
use sqlx::Row;

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
}

impl Store {
    /// Live recovery codes left.
    pub async fn recovery_codes_left(&self, login: LoginId) -> Result<i64, StoreError> {
        on_pool!(self, pool => Ok(sqlx::query("SELECT COUNT(*) AS n FROM recovery_codes WHERE login_id = $1 AND used_at_us IS NULL")
            .bind(login.0).fetch_one(pool).await?.try_get("n")?))
    }
}
