//! Staff passwords (ASVS V2.1.5 and V2.1.6).
//!
//! A signed-in staff user changes their own password, giving the current one. The new one
//! keeps the staff policy ([`check_staff_password`]) and is not the current one. A wrong
//! current password is a guess like one at the sign-in form, and counts the same way: the
//! sign-in's throttle keys are counted before any hashing, and the failure counts towards the
//! same five-in-a-row lock. On success the hash is replaced and every other session of theirs
//! ends; the session that changed it stays.
//!
//! An admin resets another user's password, with a reason. A temporary password replaces it.
//! It is returned once, for the admin to pass on by a separate channel, and it is never
//! stored, logged or audited. Every session of the user ends, and they must choose their own
//! password at their next sign-in (`must_change_password`). An admin never resets their own
//! (they change it, giving the current one, so a stolen session cannot take over its user).
//! Both are audited in the transaction that makes them, with no password in the record.

use super::manage::{StaffMember, event, is_self, subject};
use super::{Staff, StaffError, StaffPasswordProblem, check_staff_password, staff_attempt_failed};
use crate::App;
use crate::access::{Actor, Capability};
use crate::identity::{ClientInfo, PER_ACCOUNT, PER_ADDRESS, passwords, random_token};
use store::{AuditEvent, StaffId, StaffUser, StoreError};

/// A staff user's own password, changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PasswordChanged {
    /// How many of their other sessions were ended (the one that changed it stays).
    pub sessions_ended: u64,
}

/// A staff user's password reset by an admin: the temporary password to hand them, shown
/// once.
#[derive(Clone, PartialEq, Eq)]
pub struct PasswordReset {
    /// The user as they are now.
    pub member: StaffMember,
    /// The temporary password. It is not kept anywhere: only its hash is stored.
    pub temporary: String,
    /// How many of their sessions were ended.
    pub sessions_ended: u64,
}

impl std::fmt::Debug for PasswordReset {
    // The temporary password stays out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PasswordReset({})", self.member.id.0)
    }
}

/// Why a staff user's own password was not changed. Each refusal names the rule. Nothing
/// changed, except that a wrong current password was counted.
#[derive(Debug, thiserror::Error)]
pub enum PasswordChangeError {
    /// Too many attempts for this user or from this address in the throttle window (the
    /// sign-in's, shared with it).
    #[error("Too many attempts. Wait 15 minutes and try again")]
    Throttled,
    /// Locked after five wrong passwords in a row, here or at the sign-in form.
    #[error(
        "Too many wrong passwords: changing your password and signing in are locked for 30 minutes. Wait, or ask an admin to reset your password"
    )]
    Locked,
    /// The current password given is not theirs.
    #[error(
        "Your current password is not right. After five wrong passwords in a row, changing your password and signing in are locked for 30 minutes"
    )]
    CurrentWrong,
    /// The new password breaks the staff password policy.
    #[error(transparent)]
    New(#[from] StaffPasswordProblem),
    /// The new password is the current one.
    #[error("Choose a new password that is not your current one")]
    SameAsCurrent,
    /// The session's user was deactivated (or is gone) while the form was open.
    #[error("Your session has ended. Sign in again")]
    SessionEnded,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A temporary password for an admin to hand over: 80 bits from the session tokens'
/// generator ([`random_token`]: the operating system's random source, written in hex), as
/// five groups of four lower-case hex digits, like `3f9a-c02b-77de-1e45-a9c0`. Hex has no
/// letters that pass for digits (no l, o or i), so it reads out and types without doubt.
fn temporary_password() -> String {
    let t = random_token();
    [&t[0..4], &t[4..8], &t[8..12], &t[12..16], &t[16..20]].join("-")
}

impl App {
    /// Changes the signed-in staff user's own password, `current` being their password now
    /// and `new` (typed again as `confirm`) the one they choose. The new one keeps the staff
    /// policy and is not the current one. A wrong current password counts as a failed sign-in
    /// (five in a row lock signing in and this form for 30 minutes), and the sign-in's
    /// throttle is counted before any hashing. On success the hash is replaced, the flag an
    /// admin's reset set is cleared, and every other session of theirs ends, in one
    /// transaction with its audit record.
    pub async fn change_own_password(
        &self,
        staff: &Staff,
        current: &str,
        new: &str,
        confirm: &str,
        client: &ClientInfo,
    ) -> Result<PasswordChanged, PasswordChangeError> {
        // The policy needs no secret: a refusal costs neither a try nor a hash.
        check_staff_password(new, confirm, &staff.email)?;
        // The sign-in's own keys: guesses here and at the sign-in form share one budget.
        let keys = [
            (format!("staff:user:{}", staff.email), PER_ACCOUNT),
            (format!("staff:ip:{}", client.ip), PER_ADDRESS),
        ];
        if self.over_limit(&keys).await? {
            return Err(PasswordChangeError::Throttled);
        }
        let now = self.now_us();
        let user = self
            .store()
            .staff_user(staff.id)
            .await?
            .filter(StaffUser::is_active)
            .ok_or(PasswordChangeError::SessionEnded)?;
        if user.locked_until_us.is_some_and(|t| t > now) {
            return Err(PasswordChangeError::Locked);
        }
        // Hashed outside any transaction: the SQLite writer is not held for argon2.
        let (pw, phc) = (current.to_owned(), user.password_hash.clone());
        if !self.hashing(move || passwords::verify(&pw, &phc)).await {
            let mut tx = self.store().begin().await?;
            // The failures are read again under the row's lock, so two wrong tries at once
            // both count.
            let failed_before = tx
                .staff_user(staff.id)
                .await?
                .map_or(user.failed_logins, |u| u.failed_logins);
            let locked = staff_attempt_failed(
                tx,
                staff.id,
                failed_before,
                "staff.password_change_failed",
                client,
                now,
            )
            .await?;
            return Err(if locked {
                PasswordChangeError::Locked
            } else {
                PasswordChangeError::CurrentWrong
            });
        }
        if new == current {
            return Err(PasswordChangeError::SameAsCurrent);
        }
        let owned = new.to_owned();
        let hash = self.hashing(move || passwords::hash(&owned)).await;
        let mut tx = self.store().begin().await?;
        let Some(locked) = tx.staff_user(staff.id).await?.filter(StaffUser::is_active) else {
            return Err(PasswordChangeError::SessionEnded);
        };
        // Changed or reset by an admin since it was read: what was checked is no longer the
        // current password.
        if locked.password_hash != user.password_hash {
            return Err(PasswordChangeError::CurrentWrong);
        }
        tx.set_staff_password(staff.id, &hash, false).await?;
        let sessions_ended = tx
            .delete_other_staff_sessions(staff.id, &staff.token_digest)
            .await?;
        tx.audit(
            &AuditEvent {
                actor: staff.actor().audit_name(),
                action: "staff.password_changed".into(),
                subject: subject(staff.id),
                detail: serde_json::json!({
                    "ip": client.ip,
                    "sessions_ended": sessions_ended,
                    "after_reset": locked.must_change_password,
                })
                .to_string(),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        self.forget_cached_sessions();
        Ok(PasswordChanged { sessions_ended })
    }

    /// Resets staff user `id`'s password, for an admin who gives `reason` (10 to 500
    /// characters, as other staff reasons): a temporary password replaces it, every session
    /// of theirs ends, a sign-in lock from their failed tries is lifted, and they must choose
    /// their own password at their next sign-in. The temporary password is returned once, to
    /// hand to them by a separate channel; only its hash is kept, and the audit record (the
    /// admin, the user and the reason) does not hold it. Refused for the actor's own
    /// password.
    pub async fn reset_staff_password(
        &self,
        actor: &Actor,
        id: StaffId,
        reason: &str,
    ) -> Result<PasswordReset, StaffError> {
        actor.require(Capability::ManageStaff)?;
        if is_self(actor, id) {
            return Err(StaffError::OwnPassword);
        }
        let reason = domain::verification::staff_reason(reason)?;
        let temporary = temporary_password();
        let owned = temporary.clone();
        let hash = self.hashing(move || passwords::hash(&owned)).await;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let user = tx.staff_user(id).await?.ok_or(StaffError::Unknown)?;
        tx.set_staff_password(id, &hash, true).await?;
        let sessions_ended = tx.delete_staff_sessions_of(id).await?;
        tx.audit(
            &event(
                actor,
                "staff.password_reset",
                subject(id),
                serde_json::json!({ "reason": reason, "sessions_ended": sessions_ended }),
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        self.forget_cached_sessions();
        let mut member = StaffMember::of(&user, now);
        member.locked_until_us = None;
        member.must_change_password = true;
        Ok(PasswordReset {
            member,
            temporary,
            sessions_ended,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temporary_password_is_24_readable_characters_that_keep_the_staff_policy() {
        for _ in 0..50 {
            let t = temporary_password();
            assert_eq!(t.len(), 24, "{t}");
            let groups: Vec<&str> = t.split('-').collect();
            assert_eq!(groups.len(), 5, "{t}");
            assert!(
                groups.iter().all(|g| g.len() == 4
                    && g.chars()
                        .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))),
                "{t}"
            );
            assert_eq!(check_staff_password(&t, &t, "jlee@example.com"), Ok(()));
        }
        assert_ne!(temporary_password(), temporary_password());
    }
}
