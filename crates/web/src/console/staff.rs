//! Staff management, for admins: the list of staff users with the form to add one, and one
//! user's page (their role, deactivating and reactivating them, a new authenticator, a
//! temporary password with a reason). Every route needs `ManageStaff`, declared here and
//! checked again by each use case, which also audits every view and change. An
//! authenticator's setup (its otpauth address, QR code and key) and a temporary password are
//! each shown once, on the page answering the change that made it, and never again.
//!
//! The paths are the constants below, so every console address written in this file is a
//! declared route (the console's route test reads the source); concrete addresses are made
//! from them.

use super::{Needs, SignedInStaff, StaffVisitor, Table};
use crate::AppState;
use crate::kit::page::render;
use crate::kit::time::local;
use crate::kit::{Chrome, Errors, NoFields, PageError, PageResult, Posted, ids, status_of};
use app::access::{Capability, Role};
use app::identity::IdentityError;
use app::staff::{Staff, StaffError, StaffMember};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::Method;
use serde::Deserialize;
use store::StaffId;

/// The staff users, and the form to add one.
const STAFF: &str = "/console/staff";
/// One staff user.
const STAFF_USER: &str = "/console/staff/{staff_id}";
/// Changes a staff user's role.
const STAFF_ROLE: &str = "/console/staff/{staff_id}/role";
/// Deactivates a staff user.
const STAFF_DEACTIVATE: &str = "/console/staff/{staff_id}/deactivate";
/// Reactivates a staff user.
const STAFF_REACTIVATE: &str = "/console/staff/{staff_id}/reactivate";
/// Gives a staff user a new authenticator secret.
const STAFF_SECOND_FACTOR: &str = "/console/staff/{staff_id}/second-factor";
/// Resets a staff user's password to a temporary one.
const STAFF_PASSWORD: &str = "/console/staff/{staff_id}/password";

/// Adds the staff-management routes, each needing `ManageStaff`.
pub(super) fn routes(t: Table) -> Table {
    let admin = Needs::Capability(Capability::ManageStaff);
    t.add(Method::GET, STAFF, admin, list)
        .add(Method::POST, STAFF, admin, add)
        .add(Method::GET, STAFF_USER, admin, user)
        .add(Method::POST, STAFF_ROLE, admin, change_role)
        .add(Method::POST, STAFF_DEACTIVATE, admin, deactivate)
        .add(Method::POST, STAFF_REACTIVATE, admin, reactivate)
        .add(
            Method::POST,
            STAFF_SECOND_FACTOR,
            admin,
            reset_second_factor,
        )
        .add(Method::POST, STAFF_PASSWORD, admin, reset_password)
}

/// One staff user as the pages show them.
struct Row {
    id: i64,
    /// The user's own page.
    href: String,
    name: String,
    email: String,
    role: &'static str,
    active: bool,
    /// Active, locked or deactivated, with when; and whether they must choose a new password.
    state: String,
    last_sign_in: String,
    added: String,
}

/// A role to choose, with what it may do.
struct RoleChoice {
    value: &'static str,
    words: &'static str,
    checked: bool,
}

/// A temporary password to hand over, shown once.
struct Temporary {
    name: String,
    password: String,
}

/// What a user's page shows besides the user: what a change made, shown once (an
/// authenticator setup, a temporary password), and the reason typed for a reset refused.
#[derive(Default)]
struct Shown {
    setup: Option<Setup>,
    temporary: Option<Temporary>,
    reason: String,
}

/// An authenticator setup to hand over, shown once.
struct Setup {
    name: String,
    secret: String,
    url: String,
    /// The QR code as a data: address, or empty when it could not be drawn.
    qr: String,
}

#[derive(Template)]
#[template(path = "console/staff.html")]
struct ListPage {
    chrome: Chrome,
    staff: Option<Staff>,
    errors: Errors,
    done: Option<String>,
    setup: Option<Setup>,
    rows: Vec<Row>,
    form: AddForm,
    roles: Vec<RoleChoice>,
}

#[derive(Template)]
#[template(path = "console/staff_user.html")]
struct UserPage {
    chrome: Chrome,
    staff: Option<Staff>,
    errors: Errors,
    done: Option<String>,
    setup: Option<Setup>,
    temporary: Option<Temporary>,
    /// The reason typed for a password reset (shown again when it was refused).
    reason: String,
    member: Row,
    /// The page is the signed-in admin's own: they change nothing of themself here.
    is_self: bool,
    roles: Vec<RoleChoice>,
}

/// The add form (the password is never shown again).
#[derive(Clone, Default, Deserialize)]
pub(super) struct AddForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    password: String,
}

/// The role form.
#[derive(Deserialize)]
pub(super) struct RoleForm {
    #[serde(default)]
    role: String,
}

/// The password reset form.
#[derive(Deserialize)]
pub(super) struct ResetForm {
    #[serde(default)]
    reason: String,
}

fn row(state: &AppState, m: &StaffMember) -> Row {
    let when = |us: i64| local(state.app.zone(), us);
    let status = match (m.deactivated_at_us, m.locked_until_us) {
        (Some(at), _) => format!("Deactivated {}", when(at)),
        (None, Some(until)) => format!("Active; sign-in locked until {}", when(until)),
        (None, None) => "Active".to_owned(),
    };
    let status = if m.must_change_password {
        format!("{status}; must choose a new password at their next sign-in")
    } else {
        status
    };
    Row {
        id: m.id.0,
        href: STAFF_USER.replace("{staff_id}", &m.id.0.to_string()),
        name: m.name.clone(),
        email: m.email.clone(),
        role: m.role.as_str(),
        active: m.is_active(),
        state: status,
        last_sign_in: m.last_signed_in_us.map_or_else(|| "Never".to_owned(), when),
        added: when(m.created_at_us),
    }
}

/// What each role may do, in the words of docs/console.md.
fn roles(checked: &str) -> Vec<RoleChoice> {
    Role::ALL
        .into_iter()
        .map(|r| RoleChoice {
            value: r.as_str(),
            words: match r {
                Role::Agent => {
                    "Agent: finds borrowers, sees their accounts, verifies callers, writes notes, answers messages, takes payments by phone"
                }
                Role::Supervisor => {
                    "Supervisor: also unlocks borrowers' sign-in, sees full identity facts with a reason, reverses payments, waives fees, reads the reports"
                }
                Role::Admin => "Admin: also manages staff users",
            },
            checked: r.as_str() == checked,
        })
        .collect()
}

fn setup(name: &str, secret: String, url: String) -> Setup {
    use base64::Engine;
    let qr = app::staff::qr_svg(&url).map_or_else(String::new, |svg| {
        format!(
            "data:image/svg+xml;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(svg.as_bytes())
        )
    });
    Setup {
        name: name.to_owned(),
        secret,
        url,
        qr,
    }
}

/// The answer to a refusal that is not shown on the form: 403, 404, or a failure of ours.
fn page_error(e: StaffError) -> PageError {
    match e {
        StaffError::Denied(d) => super::denied(d.capability).into(),
        StaffError::Unknown => crate::errors::not_found_page().into(),
        StaffError::Store(e) => e.into(),
        e => PageError::internal(&e),
    }
}

/// A refusal of an action on one user, on `field` of their page (or its other answer).
fn refusal(e: StaffError, field: &'static str) -> Result<Errors, PageError> {
    match e {
        StaffError::OwnRole
        | StaffError::OwnDeactivation
        | StaffError::OwnSecondFactor
        | StaffError::OwnPassword
        | StaffError::Reason(_)
        | StaffError::SameRole { .. }
        | StaffError::AlreadyDeactivated
        | StaffError::AlreadyActive
        | StaffError::LastAdmin => Ok(Errors::one(field, e.to_string())),
        e => Err(page_error(e)),
    }
}

async fn list_page(
    state: &AppState,
    s: &SignedInStaff,
    errors: Errors,
    form: AddForm,
    added: Option<(String, Setup)>,
) -> PageResult {
    let members = state
        .app
        .list_staff(&s.staff.actor())
        .await
        .map_err(page_error)?;
    let (done, setup) = added.unzip();
    let page = ListPage {
        chrome: s.visitor.chrome("staff"),
        staff: Some(s.staff.clone()),
        roles: roles(if form.role.is_empty() {
            Role::Agent.as_str()
        } else {
            form.role.trim()
        }),
        form: AddForm {
            password: String::new(),
            ..form
        },
        rows: members.iter().map(|m| row(state, m)).collect(),
        done,
        setup,
        errors: errors.clone(),
    };
    Ok(s.visitor.visit.respond((status_of(&errors), render(&page))))
}

fn user_page(
    state: &AppState,
    s: &SignedInStaff,
    member: &StaffMember,
    errors: Errors,
    done: Option<String>,
    shown: Shown,
) -> PageResult {
    let page = UserPage {
        chrome: s.visitor.chrome("staff"),
        staff: Some(s.staff.clone()),
        is_self: member.id == s.staff.id,
        roles: roles(member.role.as_str()),
        member: row(state, member),
        done,
        setup: shown.setup,
        temporary: shown.temporary,
        reason: shown.reason,
        errors: errors.clone(),
    };
    Ok(s.visitor.visit.respond((status_of(&errors), render(&page))))
}

/// The user's page again with a refusal of an action on them.
async fn refused(
    state: &AppState,
    s: &SignedInStaff,
    id: StaffId,
    e: StaffError,
    field: &'static str,
) -> PageResult {
    let errors = refusal(e, field)?;
    let member = state
        .app
        .staff_member(&s.staff.actor(), id)
        .await
        .map_err(page_error)?;
    user_page(state, s, &member, errors, None, Shown::default())
}

/// `GET /console/staff`
pub(super) async fn list(State(state): State<AppState>, s: SignedInStaff) -> PageResult {
    list_page(&state, &s, Errors::default(), AddForm::default(), None).await
}

/// `POST /console/staff`: adds a user; the page shows their authenticator setup once.
pub(super) async fn add(
    State(state): State<AppState>,
    s: SignedInStaff,
    posted: Posted<AddForm, StaffVisitor>,
) -> PageResult {
    let f = posted.form;
    let added = state
        .app
        .add_staff(&f.email, &f.name, &f.role, &f.password, &s.staff.actor())
        .await;
    match added {
        Ok(a) => {
            let name = f.name.trim();
            let role = Role::parse(&f.role).map_or("", Role::as_str);
            let done = format!(
                "{name} is added as {role}. They can sign in once their authenticator app is set up with what is below."
            );
            let shown = setup(name, a.secret, a.url);
            list_page(
                &state,
                &s,
                Errors::default(),
                AddForm::default(),
                Some((done, shown)),
            )
            .await
        }
        Err(IdentityError::Denied(d)) => Err(super::denied(d.capability).into()),
        Err(IdentityError::Store(e)) => Err(e.into()),
        Err(e) => list_page(&state, &s, Errors::from_identity(&e, "email"), f, None).await,
    }
}

/// `GET /console/staff/{staff_id}`
pub(super) async fn user(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(raw): Path<String>,
) -> PageResult {
    let id = ids::staff(&raw)?;
    let member = state
        .app
        .staff_member(&s.staff.actor(), id)
        .await
        .map_err(page_error)?;
    user_page(
        &state,
        &s,
        &member,
        Errors::default(),
        None,
        Shown::default(),
    )
}

/// `POST /console/staff/{staff_id}/role`
pub(super) async fn change_role(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(raw): Path<String>,
    posted: Posted<RoleForm, StaffVisitor>,
) -> PageResult {
    let id = ids::staff(&raw)?;
    let Some(role) = Role::parse(&posted.form.role) else {
        let e = IdentityError::RoleUnknown;
        let member = state
            .app
            .staff_member(&s.staff.actor(), id)
            .await
            .map_err(page_error)?;
        return user_page(
            &state,
            &s,
            &member,
            Errors::one("role", e.to_string()),
            None,
            Shown::default(),
        );
    };
    match state.app.change_role(&s.staff.actor(), id, role).await {
        Ok(m) => {
            let done = format!(
                "{} is now {role}. It applies from their next page: they need not sign in again.",
                m.name
            );
            user_page(
                &state,
                &s,
                &m,
                Errors::default(),
                Some(done),
                Shown::default(),
            )
        }
        Err(e) => refused(&state, &s, id, e, "role").await,
    }
}

/// `POST /console/staff/{staff_id}/deactivate`
pub(super) async fn deactivate(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(raw): Path<String>,
    posted: Posted<NoFields, StaffVisitor>,
) -> PageResult {
    let _ = posted.form;
    let id = ids::staff(&raw)?;
    match state.app.deactivate_staff(&s.staff.actor(), id).await {
        Ok(d) => {
            let sessions = match d.sessions_ended {
                0 => "they had no open session".to_owned(),
                1 => "their open session was ended".to_owned(),
                n => format!("their {n} open sessions were ended"),
            };
            let done = format!(
                "{} is deactivated: they cannot sign in, and {sessions}.",
                d.member.name
            );
            user_page(
                &state,
                &s,
                &d.member,
                Errors::default(),
                Some(done),
                Shown::default(),
            )
        }
        Err(e) => refused(&state, &s, id, e, "access").await,
    }
}

/// `POST /console/staff/{staff_id}/reactivate`
pub(super) async fn reactivate(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(raw): Path<String>,
    posted: Posted<NoFields, StaffVisitor>,
) -> PageResult {
    let _ = posted.form;
    let id = ids::staff(&raw)?;
    match state.app.reactivate_staff(&s.staff.actor(), id).await {
        Ok(m) => {
            let done = format!(
                "{} is active again: they sign in with their password and authenticator app as before.",
                m.name
            );
            user_page(
                &state,
                &s,
                &m,
                Errors::default(),
                Some(done),
                Shown::default(),
            )
        }
        Err(e) => refused(&state, &s, id, e, "access").await,
    }
}

/// `POST /console/staff/{staff_id}/second-factor`: the new setup is shown once.
pub(super) async fn reset_second_factor(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(raw): Path<String>,
    posted: Posted<NoFields, StaffVisitor>,
) -> PageResult {
    let _ = posted.form;
    let id = ids::staff(&raw)?;
    match state.app.reset_second_factor(&s.staff.actor(), id).await {
        Ok(r) => {
            let signed_out = if r.sessions_ended == 0 {
                ""
            } else {
                ", and they were signed out"
            };
            let done = format!(
                "{}'s old authenticator no longer works{signed_out}. Give them the new setup below now: it is shown only once.",
                r.member.name
            );
            let shown = Shown {
                setup: Some(setup(&r.member.name, r.secret, r.url)),
                ..Shown::default()
            };
            user_page(&state, &s, &r.member, Errors::default(), Some(done), shown)
        }
        Err(e) => refused(&state, &s, id, e, "second-factor").await,
    }
}

/// `POST /console/staff/{staff_id}/password`: a temporary password, with a reason; the page
/// shows it once.
pub(super) async fn reset_password(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(raw): Path<String>,
    posted: Posted<ResetForm, StaffVisitor>,
) -> PageResult {
    let id = ids::staff(&raw)?;
    let reason = posted.form.reason;
    match state
        .app
        .reset_staff_password(&s.staff.actor(), id, &reason)
        .await
    {
        Ok(r) => {
            let signed_out = if r.sessions_ended == 0 {
                ""
            } else {
                ", and they were signed out"
            };
            let done = format!(
                "{}'s old password no longer works{signed_out}. Give them the temporary password below now: it is shown only once. They must choose their own when they sign in with it.",
                r.member.name
            );
            let shown = Shown {
                temporary: Some(Temporary {
                    name: r.member.name.clone(),
                    password: r.temporary,
                }),
                ..Shown::default()
            };
            user_page(&state, &s, &r.member, Errors::default(), Some(done), shown)
        }
        Err(e) => {
            // The reason's refusal goes beside it; the others beside the reset button.
            let field = if matches!(e, StaffError::Reason(_)) {
                "reason"
            } else {
                "password"
            };
            let errors = refusal(e, field)?;
            let member = state
                .app
                .staff_member(&s.staff.actor(), id)
                .await
                .map_err(page_error)?;
            let shown = Shown {
                reason,
                ..Shown::default()
            };
            user_page(&state, &s, &member, errors, None, shown)
        }
    }
}
