//! Signing in (password, then a second factor) and remembered devices. Every answer about
//! credentials is the same whether the username exists, the password is wrong or the login is
//! locked, and costs the same argon2 work and the same writes.

use super::enroll::audit;
use super::{
    ActiveSession, ClientInfo, IdentityError, LOCK_AFTER, PER_ACCOUNT, PER_ADDRESS, REMEMBER_US,
    SLOW_AFTER, THROTTLE_WINDOW_US, passwords, random_token,
};
use crate::App;
use crate::api_clients::token_digest;
use crate::notices::{self, Recipient};
use domain::identity::SecondFactor;
use store::{Login, LoginId, SessionStage, StoreError, Tx};

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
        /// What the login signs in with.
        factor: SecondFactor,
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
        // Per address, before any hashing: it slows a guesser at one address, and no one else.
        self.throttle(&[(format!("login:ip:{}", client.ip), PER_ADDRESS)])
            .await?;
        // Per account, counted for any username, known or not (the answer must not tell which).
        // Over it, a wrong password is answered "too many attempts", and the right one still
        // gets in, through the second factor: the owner is slowed by no one (issue 17).
        let busy = self
            .over_limit(&[(format!("login:user:{username}"), PER_ACCOUNT)])
            .await?;
        let now = self.now_us();
        let login = self.password_login(&username, password, busy, now).await?;
        let tx = self.store().begin().await?;
        // While someone is guessing, a remembered device does not skip the second factor.
        let device = device.filter(|_| !busy && login.failed_logins < SLOW_AFTER);
        let remembered = match device {
            Some(d) => {
                self.store()
                    .is_remembered_device(&token_digest(d), login.id, now)
                    .await?
            }
            None => false,
        };
        if remembered {
            return self.signed_in_remembered(tx, login.id, client, now).await;
        }
        self.second_factor_next(tx, &login, client).await
    }

    /// The usable login `username` names whose password `password` is, or the refusal. An
    /// unknown or locked username costs the same argon2 work (a decoy hash) and the same
    /// write (the failure counted) as a wrong password; over the per-account limit (`busy`)
    /// the refusal is "too many attempts".
    async fn password_login(
        &self,
        username: &str,
        password: String,
        busy: bool,
        now: i64,
    ) -> Result<Login, IdentityError> {
        let login = self.store().login_by_username(username).await?;
        let usable = login.filter(|l| l.locked_until_us.is_none_or(|t| t <= now));
        let phc = usable.as_ref().map_or_else(
            || passwords::decoy().to_owned(),
            |l| l.password_hash.clone(),
        );
        let good = self
            .hashing(move || passwords::verify(&password, &phc))
            .await;
        match (usable, good) {
            (Some(login), true) => Ok(login),
            (usable, _) => {
                self.count_failure(usable.map(|l| l.id)).await?;
                Err(if busy {
                    IdentityError::Throttled
                } else {
                    IdentityError::BadCredentials
                })
            }
        }
    }

    /// Signs `login` in at once from a remembered device, in `tx`: its failures cleared, a
    /// full session opened, the sign-in audited.
    async fn signed_in_remembered(
        &self,
        mut tx: Tx,
        login: LoginId,
        client: &ClientInfo,
        now: i64,
    ) -> Result<SignIn, IdentityError> {
        tx.clear_login_failures(login).await?;
        let token = self
            .open_session(&mut tx, SessionStage::Full, Some(login), None, client)
            .await?;
        tx.audit(&audit("login.signed_in", login, client), now)
            .await?;
        tx.commit().await?;
        Ok(SignIn::Done { token })
    }

    /// Opens the half-signed-in session of `login`, in `tx`, and sends the code of its second
    /// factor (an email or text; none for an authenticator app): what the next step asks.
    async fn second_factor_next(
        &self,
        mut tx: Tx,
        login: &Login,
        client: &ClientInfo,
    ) -> Result<SignIn, IdentityError> {
        let token = self
            .open_session(
                &mut tx,
                SessionStage::SecondFactor,
                Some(login.id),
                None,
                client,
            )
            .await?;
        let sent_to = if login.second_factor == SecondFactor::Totp {
            None
        } else {
            let to = self
                .login_recipient(login.id, login.second_factor == SecondFactor::Sms)
                .await?;
            self.issue_code(&mut tx, "login", &token_digest(&token), &to)
                .await?;
            Some(to.masked())
        };
        tx.commit().await?;
        Ok(SignIn::SecondFactor {
            token,
            factor: login.second_factor,
            sent_to,
        })
    }

    /// Counts a failed attempt (a wrong password or second-factor code) against `login`: at
    /// [`SLOW_AFTER`] in a row the owner is told, at [`LOCK_AFTER`] the login is locked until
    /// its password is reset. The count is one atomic statement, so concurrent failures all
    /// count. For a username with no usable login the same kind of write is made (a throttle
    /// row), so a wrong password takes as long to answer whether or not the username exists.
    async fn count_failure(&self, login: Option<LoginId>) -> Result<(), IdentityError> {
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let Some(login) = login else {
            tx.throttle_hit("login:unknown", THROTTLE_WINDOW_US, now)
                .await?;
            tx.commit().await?;
            return Ok(());
        };
        let failures = tx.count_login_failure(login).await?;
        if failures == SLOW_AFTER || failures == LOCK_AFTER {
            let to = self.login_recipient(login, false).await?;
            let notice = if failures == LOCK_AFTER {
                notices::lockout(self.servicer(), &to, now)
            } else {
                notices::failed_attempts(self.servicer(), &to, now)
            };
            tx.enqueue_messages(&[notice], now).await?;
        }
        if failures == LOCK_AFTER {
            tx.lock_login(login, i64::MAX).await?;
            tx.audit(&audit("login.locked", login, &ClientInfo::default()), now)
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
        self.resend_code_in(None, session, by_text).await
    }

    /// [`App::resend_code`] for someone reading `reader` (the portal's language): an
    /// enrolment's code goes in it (the borrower has no sign-in, and no language, yet); a
    /// sign-in's in the login's.
    pub async fn resend_code_in(
        &self,
        reader: Option<i18n::Lang>,
        session: &ActiveSession,
        by_text: bool,
    ) -> Result<String, IdentityError> {
        let s = &session.session;
        let (purpose, to) = match (s.stage, s.login, s.borrower) {
            (SessionStage::Enrolling, _, Some(b)) => {
                let mut to = self.code_recipient(b, by_text).await?;
                if let Some(lang) = reader {
                    to.lang = lang;
                }
                ("enroll", to)
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
        // A six-digit code is guessable given enough tries: at most five per code (or, for an
        // authenticator, per session), ten per account and fifty per address in a quarter of
        // an hour, whatever the number of fresh sessions, and every wrong one counts toward
        // the lock at LOCK_AFTER in a row (issue 17).
        self.throttle(&[
            (format!("2fa:login:{}", login_id.0), PER_ACCOUNT),
            (format!("2fa:ip:{}", client.ip), PER_ADDRESS),
        ])
        .await?;
        let login = self.store().login(login_id).await?;
        let now = self.now_us();
        if login.locked_until_us.is_some_and(|t| t > now) {
            return Err(IdentityError::SessionEnded);
        }
        if login.second_factor == SecondFactor::Totp {
            self.throttle(&[(format!("2fa:{}", session.token_digest), super::CODE_TRIES)])
                .await?;
        }
        let mut tx = self.store().begin().await?;
        let checked = if login.second_factor == SecondFactor::Totp {
            self.check_totp_or_recovery(&mut tx, &login, code).await
        } else {
            self.check_code(&mut tx, "login", &session.token_digest, code)
                .await
        };
        if let Err(e) = checked {
            tx.commit().await?;
            if !matches!(e, IdentityError::Store(_)) {
                self.count_failure(Some(login_id)).await?;
            }
            return Err(e);
        }
        tx.clear_login_failures(login_id).await?;
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
}
