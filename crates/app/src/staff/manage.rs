//! What admins change of staff users (issue 19): the list and one user, the role,
//! deactivation and reactivation, and a new authenticator secret (a temporary password is
//! `super::password`'s, under the same rules). Each use case needs
//! `ManageStaff` (checked first) and is audited in its own transaction with the typed actor.
//! Each refuses, naming the rule and changing nothing, what would lock the staff out of the
//! console: an admin changing their own role, activation or authenticator (so a stolen
//! session cannot swap its user's second factor, and an admin cannot remove themself), and
//! any change that would leave no active admin. Staff users are never deleted.

use crate::App;
use crate::access::{Actor, Capability, Denied, Role};
use crate::identity::totp::totp;
use domain::verification::ReasonError;
use store::{AuditEvent, StaffId, StaffUser, StoreError};

/// A staff user as the staff-management pages show them: no password hash, no secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffMember {
    /// The user.
    pub id: StaffId,
    /// Their email (the sign-in name).
    pub email: String,
    /// Their name.
    pub name: String,
    /// What they may do.
    pub role: Role,
    /// Added (epoch microseconds).
    pub created_at_us: i64,
    /// Their last full sign-in, if any.
    pub last_signed_in_us: Option<i64>,
    /// Deactivated at this instant: they cannot sign in.
    pub deactivated_at_us: Option<i64>,
    /// Locked after failed sign-ins until this instant (only while the lock lasts).
    pub locked_until_us: Option<i64>,
    /// An admin reset their password: they must choose their own at their next sign-in.
    pub must_change_password: bool,
}

impl StaffMember {
    pub(super) fn of(u: &StaffUser, now_us: i64) -> StaffMember {
        StaffMember {
            id: u.id,
            email: u.email.clone(),
            name: u.name.clone(),
            role: u.role,
            created_at_us: u.created_at_us,
            last_signed_in_us: u.last_signed_in_us,
            deactivated_at_us: u.deactivated_at_us,
            locked_until_us: u.locked_until_us.filter(|t| *t > now_us),
            must_change_password: u.must_change_password,
        }
    }

    /// Whether they may sign in (not deactivated).
    pub fn is_active(&self) -> bool {
        self.deactivated_at_us.is_none()
    }
}

/// A staff user deactivated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deactivated {
    /// The user as they are now.
    pub member: StaffMember,
    /// How many of their sessions were ended (they were signed out at once).
    pub sessions_ended: u64,
}

/// A staff user's new authenticator: the setup to hand them, shown once.
#[derive(Clone, PartialEq, Eq)]
pub struct SecondFactorReset {
    /// The user as they are now.
    pub member: StaffMember,
    /// The new TOTP secret, base32 (typed into an authenticator app).
    pub secret: String,
    /// The otpauth:// address (for a QR code).
    pub url: String,
    /// How many of their sessions were ended.
    pub sessions_ended: u64,
}

impl std::fmt::Debug for SecondFactorReset {
    // The secret stays out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecondFactorReset({})", self.member.id.0)
    }
}

/// Why a staff-management action was refused. Each refusal names the rule; nothing changed.
#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    /// The actor may not manage staff users.
    #[error(transparent)]
    Denied(#[from] Denied),
    /// No staff user has this id.
    #[error("There is no staff user with that id")]
    Unknown,
    /// An admin tried to change their own role.
    #[error("You cannot change your own role. Ask another admin")]
    OwnRole,
    /// An admin tried to deactivate themself.
    #[error("You cannot deactivate yourself. Ask another admin")]
    OwnDeactivation,
    /// An admin tried to replace their own authenticator.
    #[error("You cannot reset your own authenticator. Ask another admin")]
    OwnSecondFactor,
    /// An admin tried to reset their own password (they change it, giving the current one).
    #[error("You cannot reset your own password here. Change it under Your password")]
    OwnPassword,
    /// The reason for a password reset is too short or too long.
    #[error(transparent)]
    Reason(#[from] ReasonError),
    /// The user already has the role.
    #[error("Their role is already {role}")]
    SameRole {
        /// The role they have.
        role: Role,
    },
    /// The user is already deactivated.
    #[error("This user is already deactivated")]
    AlreadyDeactivated,
    /// The user is already active.
    #[error("This user is already active")]
    AlreadyActive,
    /// The change would leave no active admin to manage staff.
    #[error("This would leave no active admin. Make another user an admin first")]
    LastAdmin,
    /// The new authenticator's setup could not be written for the user's email.
    #[error("The new authenticator could not be set up: {reason}")]
    Authenticator {
        /// Why, in the authenticator library's words.
        reason: String,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The otpauth:// address drawn as a QR code (an SVG document) for the console to show
/// beside the setup key; `None` when the address cannot be drawn (the key, typed in, still
/// works).
pub fn qr_svg(url: &str) -> Option<String> {
    let qr = fast_qr::QRBuilder::new(url).build().ok()?;
    Some(fast_qr::convert::svg::SvgBuilder::default().to_str(&qr))
}

/// Whether `actor` is the staff user `id`.
pub(super) fn is_self(actor: &Actor, id: StaffId) -> bool {
    matches!(actor, Actor::Staff { id: me, .. } if *me == id)
}

/// Whether taking `user`'s admin role or activation away leaves no active admin (`admins`:
/// the active admins, locked).
fn leaves_no_admin(admins: &[StaffId], user: &StaffUser) -> bool {
    user.is_active() && user.role == Role::Admin && admins.iter().all(|a| *a == user.id)
}

pub(super) fn event(
    actor: &Actor,
    action: &str,
    subject: String,
    detail: serde_json::Value,
) -> AuditEvent {
    AuditEvent {
        actor: actor.audit_name(),
        action: action.into(),
        subject,
        detail: detail.to_string(),
    }
}

pub(super) fn subject(id: StaffId) -> String {
    format!("staff:{}", id.0)
}

impl App {
    /// Every staff user (the active first, then by name), for an actor who may manage
    /// staff; the view is audited.
    pub async fn list_staff(&self, actor: &Actor) -> Result<Vec<StaffMember>, StaffError> {
        actor.require(Capability::ManageStaff)?;
        let now = self.now_us();
        let users = self.store().staff_users().await?;
        self.store()
            .audit(
                &event(
                    actor,
                    "staff.listed",
                    "staff".into(),
                    serde_json::json!({ "count": users.len() }),
                ),
                now,
            )
            .await?;
        Ok(users.iter().map(|u| StaffMember::of(u, now)).collect())
    }

    /// One staff user, for an actor who may manage staff; the view is audited.
    pub async fn staff_member(
        &self,
        actor: &Actor,
        id: StaffId,
    ) -> Result<StaffMember, StaffError> {
        actor.require(Capability::ManageStaff)?;
        let now = self.now_us();
        let user = self
            .store()
            .staff_user(id)
            .await?
            .ok_or(StaffError::Unknown)?;
        self.store()
            .audit(
                &event(actor, "staff.viewed", subject(id), serde_json::json!({})),
                now,
            )
            .await?;
        Ok(StaffMember::of(&user, now))
    }

    /// Gives staff user `id` the role `role`. It holds from their next request (a session
    /// reads its user's role each time), so they need not sign in again. Refused for the
    /// actor's own role, the role they have, and an admin's demotion that would leave no
    /// active admin.
    pub async fn change_role(
        &self,
        actor: &Actor,
        id: StaffId,
        role: Role,
    ) -> Result<StaffMember, StaffError> {
        actor.require(Capability::ManageStaff)?;
        if is_self(actor, id) {
            return Err(StaffError::OwnRole);
        }
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        // The admins are locked before the user (see `Tx::lock_active_admins`).
        let admins = tx.lock_active_admins().await?;
        let user = tx.staff_user(id).await?.ok_or(StaffError::Unknown)?;
        if user.role == role {
            return Err(StaffError::SameRole { role });
        }
        if role != Role::Admin && leaves_no_admin(&admins, &user) {
            return Err(StaffError::LastAdmin);
        }
        tx.set_staff_role(id, role).await?;
        tx.audit(
            &event(
                actor,
                "staff.role_changed",
                subject(id),
                serde_json::json!({ "from": user.role.as_str(), "to": role.as_str() }),
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        self.forget_cached_sessions();
        let mut member = StaffMember::of(&user, now);
        member.role = role;
        Ok(member)
    }

    /// Deactivates staff user `id`: from now on they cannot sign in (refused as a wrong
    /// password is), and every session of theirs ends in the same transaction, so an open
    /// console stops working at its next request. Refused for the actor themself, a user
    /// already deactivated, and the last active admin.
    pub async fn deactivate_staff(
        &self,
        actor: &Actor,
        id: StaffId,
    ) -> Result<Deactivated, StaffError> {
        actor.require(Capability::ManageStaff)?;
        if is_self(actor, id) {
            return Err(StaffError::OwnDeactivation);
        }
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let admins = tx.lock_active_admins().await?;
        let user = tx.staff_user(id).await?.ok_or(StaffError::Unknown)?;
        if !user.is_active() {
            return Err(StaffError::AlreadyDeactivated);
        }
        if leaves_no_admin(&admins, &user) {
            return Err(StaffError::LastAdmin);
        }
        let sessions_ended = tx.deactivate_staff(id, now).await?;
        tx.audit(
            &event(
                actor,
                "staff.deactivated",
                subject(id),
                serde_json::json!({ "sessions_ended": sessions_ended }),
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        self.forget_cached_sessions();
        let mut member = StaffMember::of(&user, now);
        member.deactivated_at_us = Some(now);
        Ok(Deactivated {
            member,
            sessions_ended,
        })
    }

    /// Lets deactivated staff user `id` sign in again, with their password and authenticator
    /// as before. Refused for a user who is active.
    pub async fn reactivate_staff(
        &self,
        actor: &Actor,
        id: StaffId,
    ) -> Result<StaffMember, StaffError> {
        actor.require(Capability::ManageStaff)?;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let user = tx.staff_user(id).await?.ok_or(StaffError::Unknown)?;
        if user.is_active() {
            return Err(StaffError::AlreadyActive);
        }
        tx.reactivate_staff(id).await?;
        tx.audit(
            &event(
                actor,
                "staff.reactivated",
                subject(id),
                serde_json::json!({}),
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        self.forget_cached_sessions();
        let mut member = StaffMember::of(&user, now);
        member.deactivated_at_us = None;
        Ok(member)
    }

    /// Gives staff user `id` a new authenticator secret (for a lost or replaced phone): the
    /// old app's codes stop working, every session of theirs ends, and a sign-in lock from
    /// their failed tries is lifted. The setup is returned once, to hand to them; it is
    /// never shown again. Refused for the actor's own authenticator.
    pub async fn reset_second_factor(
        &self,
        actor: &Actor,
        id: StaffId,
    ) -> Result<SecondFactorReset, StaffError> {
        actor.require(Capability::ManageStaff)?;
        if is_self(actor, id) {
            return Err(StaffError::OwnSecondFactor);
        }
        let now = self.now_us();
        let mut secret = [0_u8; 20];
        getrandom::fill(&mut secret).expect("the operating system's random source works");
        let sealed = self.vault().seal("staff_totp_secret", &secret);
        let mut tx = self.store().begin().await?;
        let user = tx.staff_user(id).await?.ok_or(StaffError::Unknown)?;
        let unfit = |reason: String| StaffError::Authenticator { reason };
        let url = totp(secret.to_vec(), &self.staff_totp_issuer(), &user.email)
            .map_err(|e| unfit(e.to_string()))?
            .to_url()
            .map_err(|e| unfit(e.to_string()))?;
        let sessions_ended = tx
            .reset_staff_totp(id, (self.vault().key_id(), &sealed))
            .await?;
        tx.audit(
            &event(
                actor,
                "staff.second_factor_reset",
                subject(id),
                serde_json::json!({ "sessions_ended": sessions_ended }),
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        self.forget_cached_sessions();
        let mut member = StaffMember::of(&user, now);
        member.locked_until_us = None;
        Ok(SecondFactorReset {
            member,
            secret: totp_rs::Secret::from(secret.to_vec()).to_base32(),
            url,
            sessions_ended,
        })
    }
}
