//! Forgotten usernames and passwords. A request gets the same answer, after the same work,
//! whether or not the username or address is on file: it is checked and throttled, and what
//! depends on the answer (reading the login, issuing the reset link, writing the message) is
//! handed to a task of its own, so no one learns from the time taken who has a sign-in
//! (issue 17: a known username once took half again as long to answer).

use super::enroll::audit;
use super::{ClientInfo, IdentityError, PER_ADDRESS, RESET_TTL_US, passwords, random_token};
use crate::App;
use crate::api_clients::token_digest;
use crate::notices;
use store::StoreError;

impl App {
    /// Forgot username: whatever the address, the same answer; the username goes only to
    /// the email on file.
    pub async fn forgot_username(
        &self,
        email: &str,
        client: &ClientInfo,
    ) -> Result<(), IdentityError> {
        let email = email.trim();
        if !email.contains('@') || email.len() > 254 {
            return Err(IdentityError::ReminderEmailShape);
        }
        self.throttle(&[
            (format!("forgot:email:{}", email.to_lowercase()), 5),
            (format!("forgot:ip:{}", client.ip), PER_ADDRESS),
        ])
        .await?;
        let email = email.to_owned();
        self.in_background("username reminder", move |app| async move {
            app.send_username_reminders(&email).await
        });
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
            return Err(IdentityError::UsernameMissing);
        }
        self.throttle(&[
            (format!("forgot:user:{username}"), 5),
            (format!("forgot:ip:{}", client.ip), PER_ADDRESS),
        ])
        .await?;
        self.in_background("password reset", move |app| async move {
            app.send_password_reset(&username).await
        });
        Ok(())
    }

    /// Runs `work` on a task of its own, so the request's answer does not wait for it (nor
    /// take longer when it has more to do). A failure is logged; the borrower asks again.
    pub(crate) fn in_background<F, Fut>(&self, what: &'static str, work: F)
    where
        F: FnOnce(App) -> Fut + Send + 'static,
        Fut: std::future::Future<Output = Result<(), StoreError>> + Send + 'static,
    {
        let app = self.clone();
        tokio::spawn(async move {
            if let Err(e) = work(app).await {
                tracing::warn!(error = %e, "{what} not sent");
            }
        });
    }

    /// The username of every login whose borrower has `email` on file, to that email.
    async fn send_username_reminders(&self, email: &str) -> Result<(), StoreError> {
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
        if messages.is_empty() {
            return Ok(());
        }
        let mut tx = self.store().begin().await?;
        tx.enqueue_messages(&messages, now).await?;
        tx.commit().await
    }

    /// A single-use reset link to the login's email on file, when the username is one.
    async fn send_password_reset(&self, username: &str) -> Result<(), StoreError> {
        let Some(login) = self.store().login_by_username(username).await? else {
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
        tx.commit().await
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
            return Err(IdentityError::ResetLinkSpent);
        };
        let login = tx.login(login_id).await?;
        drop(tx); // the token is spent only when the new password is accepted
        passwords::check_new(password, confirm, &login.username)?;
        let pw = password.to_owned();
        let hash = self.hashing(move || passwords::hash(&pw)).await;
        let to = self.login_recipient(login_id, false).await?;
        let mut tx = self.store().begin().await?;
        if tx.take_reset(&digest, now).await?.is_none() {
            return Err(IdentityError::ResetLinkSpent);
        }
        tx.set_password(login_id, &hash, now).await?;
        tx.delete_sessions_of(login_id).await?;
        tx.forget_devices(login_id).await?;
        tx.enqueue_messages(
            &[notices::security_alert(
                self.servicer(),
                &to,
                &notices::PASSWORD_WAS_RESET,
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
