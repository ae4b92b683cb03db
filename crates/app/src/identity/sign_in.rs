//! Signing in (password, then a second factor), remembered devices, forgotten usernames and
//! passwords. Every answer about credentials is the same whether the username exists, the
//! password is wrong or the login is locked, and costs the same argon2 work.

use super::enroll::audit;
use super::{
    ActiveSession, ClientInfo, IdentityError, LOCK_AFTER, LOCK_US, PER_ACCOUNT, PER_ADDRESS,
    REMEMBER_US, RESET_TTL_US, passwords, random_token,
};
use crate::App;
use crate::api_clients::token_digest;
use crate::notices::{self, Recipient};
use store::{Login, LoginId, SessionStage, StoreError};

/// What a correct password leads to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignIn {
    /// A remembered device: signed in.
    Done {
        /// The session token.
        token: String,
    },
    /// The second factor is next.
    SecondFactor {
        /// The half-signed-in session's token.
        token: String,
        /// "totp", "email" or "sms".
        factor: String,
        /// Where a code went (masked), for email and sms.
        sent_to: Option<String>,
    },
}

/// A finished second factor: the session, and a device token when asked to remember.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    /// The session token.
    pub token: String,
    /// The remembered-device token (30 days), if asked for.
    pub device: Option<String>,
}

impl App {
    /// The contact of the first borrower a login reaches (where its codes and alerts go).
    pub async fn login_recipient(
        &self,
        login: LoginId,
        by_text: bool,
    ) -> Result<Recipient, StoreError> {
        let borrowers = self.store().borrowers_of(login).await?;
        let first = *borrowers.first().ok_or_else(|| StoreError::NotFound {
            what: format!("borrower of login {}", login.0),
        })?;
        self.code_recipient(first, by_text).await
    }

    /// Step 1: username and password.
    pub async fn sign_in(
        &self,
        username: &str,
        password: &str,
        device: Option<&str>,
        client: &ClientInfo,
    ) -> Result<SignIn, IdentityError> {
        let username = username.trim().to_lowercase();
        let password = password.to_owned();
        if password.len() > 4 * passwords::MAX_LENGTH {
            return Err(IdentityError::BadCredentials);
        }
        // Counted before any hashing, so a guessing run costs us no argon2 work past the limit.
        self.throttle(&[
            (format!("login:user:{username}"), PER_ACCOUNT),
            (format!("login:ip:{}", client.ip), PER_ADDRESS),
        ])
        .await?;
        let now = self.now_us();
        let login = self.store().login_by_username(&username).await?;
        let usable = login
            .as_ref()
            .filter(|l| l.locked_until_us.is_none_or(|t| t <= now));
        let phc = usable.map_or_else(
            || passwords::decoy().to_owned(),
            |l| l.password_hash.clone(),
        );
        let good = self
            .hashing(move || passwords::verify(&password, &phc))
            .await;
        let (Some(login), true) = (usable, good) else {
            if let Some(l) = usable {
                self.count_failure(l).await?;
            }
            return Err(IdentityError::BadCredentials);
        };
        let mut tx = self.store().begin().await?;
        tx.clear_login_failures(login.id).await?;
        let remembered = match device {
            Some(d) => {
                self.store()
                    .is_remembered_device(&token_digest(d), login.id, now)
                    .await?
            }
            None => false,
        };
        if remembered {
            let token = self
                .open_session(&mut tx, SessionStage::Full, Some(login.id), None, client)
                .await?;
            tx.audit(&audit("login.signed_in", login.id, client), now)
                .await?;
            tx.commit().await?;
            return Ok(SignIn::Done { token });
        }
        let token = self
            .open_session(
                &mut tx,
                SessionStage::SecondFactor,
                Some(login.id),
                None,
                client,
            )
            .await?;
        let sent_to = if login.second_factor == "totp" {
            None
        } else {
            let to = self
                .login_recipient(login.id, login.second_factor == "sms")
                .await?;
            self.issue_code(&mut tx, "login", &token_digest(&token), &to)
                .await?;
            Some(to.masked())
        };
        tx.commit().await?;
        Ok(SignIn::SecondFactor {
            token,
            factor: login.second_factor.clone(),
            sent_to,
        })
    }

    async fn count_failure(&self, login: &Login) -> Result<(), IdentityError> {
        let now = self.now_us();
        let failures = login.failed_logins + 1;
        let lock = (failures >= LOCK_AFTER).then_some(now + LOCK_US);
        let mut tx = self.store().begin().await?;
        tx.record_login_failure(login.id, if lock.is_some() { 0 } else { failures }, lock)
            .await?;
        if lock.is_some() {
            let to = self.login_recipient(login.id, false).await?;
            tx.enqueue_messages(&[notices::lockout(self.servicer(), &to, now)], now)
                .await?;
            tx.audit(
                &audit("login.locked", login.id, &ClientInfo::default()),
                now,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Sends a fresh code for a session waiting for one (enrolment or second factor).
    pub async fn resend_code(
        &self,
        session: &ActiveSession,
        by_text: bool,
    ) -> Result<String, IdentityError> {
        let s = &session.session;
        let (purpose, to) = match (s.stage, s.login, s.borrower) {
            (SessionStage::Enrolling, _, Some(b)) => {
                ("enroll", self.code_recipient(b, by_text).await?)
            }
            (SessionStage::SecondFactor, Some(l), _) => {
                ("login", self.login_recipient(l, by_text).await?)
            }
            _ => return Err(IdentityError::SessionEnded),
        };
        self.throttle(&[(format!("resend:{}", session.token_digest), 5)])
            .await?;
        let mut tx = self.store().begin().await?;
        self.issue_code(&mut tx, purpose, &session.token_digest, &to)
            .await?;
        tx.commit().await?;
        Ok(to.masked())
    }

    /// Step 2: the second factor (an authenticator code, a recovery code, or the code we
    /// sent). Signs in under a new token.
    pub async fn verify_second_factor(
        &self,
        session: &ActiveSession,
        code: &str,
        remember: bool,
        client: &ClientInfo,
    ) -> Result<Verified, IdentityError> {
        let s = &session.session;
        let (SessionStage::SecondFactor, Some(login_id)) = (s.stage, s.login) else {
            return Err(IdentityError::SessionEnded);
        };
        let login = self.store().login(login_id).await?;
        if login.second_factor == "totp" {
            // A six-digit code is guessable given enough tries: five per session.
            self.throttle(&[(format!("2fa:{}", session.token_digest), super::CODE_TRIES)])
                .await?;
        }
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let checked = if login.second_factor == "totp" {
            self.check_totp_or_recovery(&mut tx, &login, code).await
        } else {
            self.check_code(&mut tx, "login", &session.token_digest, code)
                .await
        };
        if let Err(e) = checked {
            tx.commit().await?;
            return Err(e);
        }
        tx.delete_session(&session.token_digest).await?;
        let token = self
            .open_session(&mut tx, SessionStage::Full, Some(login_id), None, client)
            .await?;
        let device = if remember {
            let d = random_token();
            tx.remember_device(&token_digest(&d), login_id, now + REMEMBER_US, now)
                .await?;
            Some(d)
        } else {
            None
        };
        tx.audit(&audit("login.signed_in", login_id, client), now)
            .await?;
        tx.commit().await?;
        self.forget_cached_sessions();
        Ok(Verified { token, device })
    }

    /// Logs out of every session and forgets every remembered device.
    pub async fn sign_out_everywhere(
        &self,
        login: LoginId,
        client: &ClientInfo,
    ) -> Result<u64, StoreError> {
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let n = tx.delete_sessions_of(login).await?;
        tx.forget_devices(login).await?;
        tx.audit(&audit("login.signed_out_everywhere", login, client), now)
            .await?;
        tx.commit().await?;
        self.forget_cached_sessions();
        Ok(n)
    }

    /// Forgot username: whatever the address, the same answer; the username goes only to
    /// the email on file.
    pub async fn forgot_username(
        &self,
        email: &str,
        client: &ClientInfo,
    ) -> Result<(), IdentityError> {
        let email = email.trim();
        if !email.contains('@') || email.len() > 254 {
            return Err(IdentityError::field(
                "email",
                "Enter your email address, like name@example.com",
            ));
        }
        self.throttle(&[
            (format!("forgot:email:{}", email.to_lowercase()), 5),
            (format!("forgot:ip:{}", client.ip), PER_ADDRESS),
        ])
        .await?;
        let now = self.now_us();
        let mut messages = Vec::new();
        for (login, borrower) in self.store().logins_by_email(email).await? {
            let l = self.store().login(login).await?;
            let to = self.code_recipient(borrower, false).await?;
            messages.push(notices::username_reminder(
                self.servicer(),
                &to,
                &l.username,
                now,
            ));
        }
        let mut tx = self.store().begin().await?;
        tx.enqueue_messages(&messages, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Forgot password: the same answer for any username; a single-use link goes to the
    /// email on file of a login that exists.
    pub async fn forgot_password(
        &self,
        username: &str,
        client: &ClientInfo,
    ) -> Result<(), IdentityError> {
        let username = username.trim().to_lowercase();
        if username.is_empty() {
            return Err(IdentityError::field("username", "Enter your username"));
        }
        self.throttle(&[
            (format!("forgot:user:{username}"), 5),
            (format!("forgot:ip:{}", client.ip), PER_ADDRESS),
        ])
        .await?;
        let Some(login) = self.store().login_by_username(&username).await? else {
            return Ok(());
        };
        let now = self.now_us();
        let token = random_token();
        let to = self.login_recipient(login.id, false).await?;
        let mut tx = self.store().begin().await?;
        tx.insert_reset(&token_digest(&token), login.id, now + RESET_TTL_US, now)
            .await?;
        tx.enqueue_messages(
            &[notices::password_reset(self.servicer(), &to, &token, now)],
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets a new password from a reset link: single use; every session and remembered
    /// device ends, and signing in still needs the second factor.
    pub async fn reset_password(
        &self,
        reset_token: &str,
        password: &str,
        confirm: &str,
        client: &ClientInfo,
    ) -> Result<(), IdentityError> {
        let now = self.now_us();
        let digest = token_digest(reset_token.trim());
        let mut tx = self.store().begin().await?;
        let Some(login_id) = tx.take_reset(&digest, now).await? else {
            return Err(IdentityError::field(
                "token",
                "This link has expired or was already used. Ask for a new one",
            ));
        };
        let login = tx.login(login_id).await?;
        drop(tx); // the token is spent only when the new password is accepted
        passwords::check_new(password, confirm, &login.username)?;
        let pw = password.to_owned();
        let hash = self.hashing(move || passwords::hash(&pw)).await;
        let to = self.login_recipient(login_id, false).await?;
        let mut tx = self.store().begin().await?;
        if tx.take_reset(&digest, now).await?.is_none() {
            return Err(IdentityError::field(
                "token",
                "This link has expired or was already used. Ask for a new one",
            ));
        }
        tx.set_password(login_id, &hash, now).await?;
        tx.delete_sessions_of(login_id).await?;
        tx.forget_devices(login_id).await?;
        tx.enqueue_messages(
            &[notices::security_alert(
                self.servicer(),
                &to,
                "your password was reset",
                now,
            )],
            now,
        )
        .await?;
        tx.audit(&audit("login.password_reset", login_id, client), now)
            .await?;
        tx.commit().await?;
        self.forget_cached_sessions();
        Ok(())
    }
}
