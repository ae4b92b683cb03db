//! Staff of the console (`/console`): agents, supervisors and admins, added by an admin in
//! the console or by an operator with `servicer staff add`. Signing in takes the email, the
//! password (15+ characters, not a common one) and the code of the authenticator app set up
//! when the user was added: the second factor is required, not offered. Attempts are
//! throttled per email and address before any hashing, five failures lock the user for 30
//! minutes, an unknown email costs the same time as a wrong password, and each authenticator
//! step is accepted once.
//! Sessions are their own table (15 minutes idle, 12 hours at most). A deactivated user is
//! refused exactly as a wrong password is, and their sessions end with the deactivation
//! (`manage`: what admins change of staff users). A staff user changes their own password,
//! and an admin resets another's to a temporary one they must change (`password`); both keep
//! the one staff password policy, [`check_staff_password`].

mod manage;
mod password;

pub use manage::{Deactivated, SecondFactorReset, StaffError, StaffMember, qr_svg};
pub use password::{PasswordChangeError, PasswordChanged, PasswordReset};

use crate::App;
use crate::access::{Actor, Capability, Role};
use crate::api_clients::token_digest;
use crate::identity::passwords::PasswordProblem;
use crate::identity::totp::totp;
use crate::identity::{
    ABSOLUTE_US, ClientInfo, IDLE_US, IdentityError, PER_ACCOUNT, PER_ADDRESS, TOUCH_EVERY_US,
    passwords, random_token,
};
use store::{AuditEvent, StaffId, StoreError};

/// Consecutive failed staff sign-ins (wrong password or authenticator code) before the staff
/// user is locked. Staff keep a short lock, unlike borrowers: an administrator can unlock
/// them at once, and a staff sign-in reaches every borrower.
pub const STAFF_LOCK_AFTER: i64 = 5;
/// How long a staff lock lasts.
pub const STAFF_LOCK_US: i64 = 30 * 60 * 1_000_000;

/// Staff passwords are longer than borrowers' (ASVS: 15 for privileged users).
pub const STAFF_MIN_LENGTH: usize = 15;

/// Most bytes in a staff user's name.
const STAFF_NAME_MAX: usize = 100;

/// Why a staff password breaks the staff password policy ([`check_staff_password`]).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StaffPasswordProblem {
    /// Shorter than [`STAFF_MIN_LENGTH`].
    #[error("A staff password has at least {min} characters")]
    TooShort {
        /// The fewest characters it may have.
        min: usize,
    },
    /// Breaks the policy every password keeps: too long, a common one, containing the
    /// email, or typed differently the second time.
    #[error(transparent)]
    Policy(PasswordProblem),
}

impl From<StaffPasswordProblem> for IdentityError {
    fn from(problem: StaffPasswordProblem) -> Self {
        match problem {
            StaffPasswordProblem::TooShort { min } => IdentityError::StaffPasswordTooShort { min },
            StaffPasswordProblem::Policy(p) => IdentityError::Password(p),
        }
    }
}

/// The staff password policy, the one place it is written: a new user's first password and
/// a password a staff user chooses both keep it. At least [`STAFF_MIN_LENGTH`] characters,
/// then what every password keeps ([`passwords::check`]: at most 128 characters, not a
/// common one, not containing `email`, and `confirm` the same).
pub fn check_staff_password(
    password: &str,
    confirm: &str,
    email: &str,
) -> Result<(), StaffPasswordProblem> {
    if password.chars().count() < STAFF_MIN_LENGTH {
        return Err(StaffPasswordProblem::TooShort {
            min: STAFF_MIN_LENGTH,
        });
    }
    passwords::check(password, confirm, email).map_err(StaffPasswordProblem::Policy)
}

/// A staff user just added: the authenticator setup to hand them (shown once).
#[derive(Clone, PartialEq, Eq)]
pub struct StaffAdded {
    /// The user.
    pub id: StaffId,
    /// The TOTP secret, base32 (typed into an authenticator app).
    pub secret: String,
    /// The otpauth:// address (for a QR code).
    pub url: String,
}

impl std::fmt::Debug for StaffAdded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "StaffAdded({})", self.id.0)
    }
}

/// A signed-in staff user, as a request sees them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Staff {
    /// The user.
    pub id: StaffId,
    /// Their name.
    pub name: String,
    /// Their email.
    pub email: String,
    /// What they may do.
    pub role: Role,
    /// The session token's digest.
    pub token_digest: String,
    /// An admin reset their password: until they choose their own, the console shows them
    /// nothing but the password page (and signing out).
    pub must_change_password: bool,
}

impl Staff {
    /// The staff user as the actor of a use case.
    pub fn actor(&self) -> Actor {
        Actor::Staff {
            id: self.id,
            role: self.role,
        }
    }

    /// Whether they hold `capability` (to show or hide what they may not do; the use case
    /// checks again).
    pub fn may(&self, capability: Capability) -> bool {
        self.role.can(capability)
    }
}

/// Counts a failed staff sign-in, or a wrong current password given to change it, in `tx`
/// and commits it: the user (whose failures so far are `failed_before`) locked for
/// [`STAFF_LOCK_US`] at [`STAFF_LOCK_AFTER`] in a row, the failure (audited as `failed`) or
/// the lock audited. Both count together: a wrong password is a guess wherever it is typed.
/// Whether the lock was set.
async fn staff_attempt_failed(
    mut tx: store::Tx,
    user: StaffId,
    failed_before: i64,
    failed: &str,
    client: &ClientInfo,
    now: i64,
) -> Result<bool, StoreError> {
    let lock = (failed_before + 1 >= STAFF_LOCK_AFTER).then_some(now + STAFF_LOCK_US);
    tx.staff_failed(user, lock).await?;
    tx.audit(
        &audit(
            if lock.is_some() {
                "staff.locked"
            } else {
                failed
            },
            user,
            client,
        ),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(lock.is_some())
}

fn audit(action: &str, id: StaffId, client: &ClientInfo) -> AuditEvent {
    AuditEvent {
        actor: format!("staff:{}", id.0),
        action: action.into(),
        subject: format!("staff:{}", id.0),
        detail: serde_json::json!({ "ip": client.ip }).to_string(),
    }
}

impl App {
    /// Adds a staff user with a new authenticator secret (returned once, never shown again),
    /// for an actor who may manage staff. `role` is a role's name, as typed. Every field that
    /// breaks a rule is refused at once, in the form's order (email, name, role, password:
    /// [`IdentityError::several`]), so the console's form lists them all.
    pub async fn add_staff(
        &self,
        email: &str,
        name: &str,
        role: &str,
        password: &str,
        actor: &Actor,
    ) -> Result<StaffAdded, IdentityError> {
        actor
            .require(Capability::ManageStaff)
            .map_err(IdentityError::Denied)?;
        let mut problems = Vec::new();
        let email = email.trim().to_lowercase();
        if !(3..=254).contains(&email.len())
            || !email.contains('@')
            || email.contains(char::is_whitespace)
        {
            problems.push(IdentityError::StaffEmailShape);
        }
        let name = name.trim();
        if name.is_empty() || name.len() > STAFF_NAME_MAX {
            problems.push(IdentityError::StaffNameLength {
                max: STAFF_NAME_MAX,
            });
        }
        let role = Role::parse(role);
        if role.is_none() {
            problems.push(IdentityError::RoleUnknown);
        }
        if let Err(p) = check_staff_password(password, password, &email) {
            problems.push(p.into());
        }
        let Some(role) = role.filter(|_| problems.is_empty()) else {
            return Err(IdentityError::several(problems));
        };
        let mut secret = [0_u8; 20];
        getrandom::fill(&mut secret).expect("the operating system's random source works");
        self.insert_staff_user(&email, name, role, password, secret, actor)
            .await
    }

    /// Records a checked staff user with `secret` as their authenticator's.
    pub(crate) async fn insert_staff_user(
        &self,
        email: &str,
        name: &str,
        role: Role,
        password: &str,
        secret: [u8; 20],
        actor: &Actor,
    ) -> Result<StaffAdded, IdentityError> {
        let url = totp(secret.to_vec(), &self.staff_totp_issuer(), email)?
            .to_url()
            .map_err(|e| IdentityError::StaffEmailUnfitForAuthenticator {
                reason: e.to_string(),
            })?;
        let owned = password.to_owned();
        let hash = self.hashing(move || passwords::hash(&owned)).await;
        let sealed = self.vault().seal("staff_totp_secret", &secret);
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let id = tx
            .insert_staff(
                email,
                name,
                role,
                &hash,
                (self.vault().key_id(), &sealed),
                now,
            )
            .await
            .map_err(|e| match e {
                StoreError::Duplicate { .. } => IdentityError::StaffEmailTaken,
                e => e.into(),
            })?;
        tx.audit(
            &AuditEvent {
                actor: actor.audit_name(),
                action: "staff.added".into(),
                subject: format!("staff:{}", id.0),
                detail: serde_json::json!({ "role": role.as_str() }).to_string(),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(StaffAdded {
            id,
            secret: totp_rs::Secret::from(secret.to_vec()).to_base32(),
            url,
        })
    }

    /// The issuer an authenticator app shows beside a staff user's codes ("Servicer console"),
    /// apart from the same servicer's borrower sign-in.
    pub(crate) fn staff_totp_issuer(&self) -> String {
        format!("{} console", self.servicer().name)
    }

    /// Whether the staff user `email` may sign in here: any but the demo's console users,
    /// whose password and authenticator key are published, and who work only in demo mode.
    fn may_use_staff(&self, email: &str) -> bool {
        let allowed = self.is_demo() || !crate::demo::DEMO_STAFF.iter().any(|(e, ..)| *e == email);
        if !allowed {
            tracing::warn!(
                "a demo console user was refused: their published credentials work only with `servicer serve --demo`"
            );
        }
        allowed
    }

    /// Signs a staff user in with email, password and authenticator code; the session token.
    pub async fn staff_sign_in(
        &self,
        email: &str,
        password: &str,
        code: &str,
        client: &ClientInfo,
    ) -> Result<String, IdentityError> {
        let email = email.trim().to_lowercase();
        if password.len() > 4 * passwords::MAX_LENGTH || email.len() > 254 {
            return Err(IdentityError::BadCredentials);
        }
        self.throttle(&[
            (format!("staff:user:{email}"), PER_ACCOUNT),
            (format!("staff:ip:{}", client.ip), PER_ADDRESS),
        ])
        .await?;
        let now = self.now_us();
        let (user, step) = self.staff_credentials(&email, password, code, now).await?;
        // Checked again under the row's lock before anything is written.
        let mut tx = self.store().begin().await?;
        let Some(current) = tx.staff_by_email(&email).await? else {
            return Err(IdentityError::BadCredentials);
        };
        let fresh = step.filter(|s| {
            current.password_hash == user.password_hash
                && current.is_active()
                && current.locked_until_us.is_none_or(|t| t <= now)
                && current.totp_last_step.is_none_or(|last| *s > last)
        });
        let Some(step) = fresh else {
            staff_attempt_failed(
                tx,
                user.id,
                current.failed_logins,
                "staff.sign_in_failed",
                client,
                now,
            )
            .await?;
            return Err(IdentityError::BadCredentials);
        };
        tx.staff_signed_in(user.id, step, now).await?;
        let token = random_token();
        tx.insert_staff_session(&token_digest(&token), user.id, now)
            .await?;
        tx.audit(&audit("staff.signed_in", user.id, client), now)
            .await?;
        tx.commit().await?;
        Ok(token)
    }

    /// Checks the password and then the authenticator code of staff user `email`, read and
    /// hashed outside any transaction (the SQLite writer is not held for argon2): the user,
    /// and the authenticator step when both were right. An unknown, refused, deactivated or
    /// locked user costs the same argon2 work (a decoy hash) and is refused with the same
    /// answer (a deactivated user's failures are not counted: nobody can sign in as them).
    async fn staff_credentials(
        &self,
        email: &str,
        password: &str,
        code: &str,
        now: i64,
    ) -> Result<(store::StaffUser, Option<i64>), IdentityError> {
        let user = self
            .store()
            .staff_by_email(email)
            .await?
            .filter(|u| u.is_active() && self.may_use_staff(&u.email));
        let usable = user.filter(|u| u.locked_until_us.is_none_or(|t| t <= now));
        let phc = usable.as_ref().map_or_else(
            || passwords::decoy().to_owned(),
            |u| u.password_hash.clone(),
        );
        let owned = password.to_owned();
        let good = self.hashing(move || passwords::verify(&owned, &phc)).await;
        let Some(user) = usable else {
            return Err(IdentityError::BadCredentials);
        };
        // The code is checked only after the password, and either failing counts the same
        // (the answer does not say which was wrong).
        let step = if good {
            self.staff_code_step(&user, code)?
        } else {
            None
        };
        Ok((user, step))
    }

    /// The authenticator step `code` matches now, if any.
    fn staff_code_step(
        &self,
        user: &store::StaffUser,
        code: &str,
    ) -> Result<Option<i64>, IdentityError> {
        let (key_id, sealed) = &user.totp;
        let secret = self
            .vault()
            .open(key_id, "staff_totp_secret", sealed)
            .map_err(|e| StoreError::Corrupt {
                table: "staff_users",
                detail: e.to_string(),
            })?;
        let t = totp(secret, &self.staff_totp_issuer(), &user.email)?;
        let now_s = u64::try_from(self.now_us() / 1_000_000).expect("after 1970");
        Ok(t.check(code.trim(), now_s)
            .map(|s| i64::try_from(s).expect("steps fit")))
    }

    /// The staff user of a live session token (idle and absolute limits checked; a
    /// deactivated user has none, even if a session row outlived the deactivation).
    pub async fn staff_session(&self, token: &str) -> Result<Option<Staff>, StoreError> {
        let digest = token_digest(token);
        let cached = match self.caches().staff_sessions.get(&digest) {
            Some(found) => found,
            None => {
                let Some(found) = self.store().staff_session(&digest).await? else {
                    return Ok(None);
                };
                let found = std::sync::Arc::new(found);
                self.caches()
                    .staff_sessions
                    .put(digest.clone(), found.clone());
                found
            }
        };
        let (session, user) = (&cached.0, &cached.1);
        if !user.is_active() || !self.may_use_staff(&user.email) {
            return Ok(None);
        }
        let now = self.now_us();
        if now - session.last_seen_us > IDLE_US || now - session.created_at_us > ABSOLUTE_US {
            let mut tx = self.store().begin().await?;
            tx.delete_staff_session(&digest).await?;
            tx.commit().await?;
            self.forget_cached_sessions();
            return Ok(None);
        }
        if now - session.last_seen_us > TOUCH_EVERY_US {
            let mut tx = self.store().begin().await?;
            tx.touch_staff_session(&digest, now).await?;
            tx.commit().await?;
            let touched = store::StaffSession {
                last_seen_us: now,
                ..session.clone()
            };
            self.caches()
                .staff_sessions
                .put(digest.clone(), std::sync::Arc::new((touched, user.clone())));
        }
        Ok(Some(Staff {
            id: user.id,
            name: user.name.clone(),
            email: user.email.clone(),
            role: user.role,
            token_digest: digest,
            must_change_password: user.must_change_password,
        }))
    }

    /// Ends a staff session.
    pub async fn staff_sign_out(
        &self,
        staff: &Staff,
        client: &ClientInfo,
    ) -> Result<(), StoreError> {
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        tx.delete_staff_session(&staff.token_digest).await?;
        tx.audit(&audit("staff.signed_out", staff.id, client), now)
            .await?;
        tx.commit().await?;
        self.forget_cached_sessions();
        Ok(())
    }

    /// Records that `actor` viewed or downloaded a report.
    pub async fn audit_report(
        &self,
        actor: &Actor,
        name: &str,
        format: &str,
    ) -> Result<(), StoreError> {
        self.store()
            .audit(
                &AuditEvent {
                    actor: actor.audit_name(),
                    action: "report.viewed".into(),
                    subject: format!("report:{name}"),
                    detail: serde_json::json!({ "format": format }).to_string(),
                },
                self.now_us(),
            )
            .await
    }
}
