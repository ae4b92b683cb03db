//! A staff user's own password (`/console/password`), for every signed-in staff user: the
//! current password, the new one and the new one again. Each refusal is shown beside the
//! field it is about, every one at once (a field left empty, the new password against the
//! staff policy, the two copies differing), and nothing is changed. Once it is changed, the
//! page says so and that their other sessions were signed out.
//!
//! After an admin reset their password, a user must choose their own before anything else:
//! [`SignedInStaff`] sends every other console page of theirs here, except signing out
//! ([`open_while_reset`]).

use super::{Needs, SignedInStaff, StaffVisitor, Table};
use crate::AppState;
use crate::kit::page::render;
use crate::kit::{Chrome, Errors, PageResult, Posted, status_of};
use app::identity::passwords::PasswordProblem;
use app::staff::{
    PasswordChangeError, PasswordChanged, Staff, StaffPasswordProblem, check_staff_password,
};
use askama::Template;
use axum::extract::State;
use axum::http::Method;
use axum::response::Redirect;
use serde::Deserialize;

/// The page to change one's own password.
pub(super) const PASSWORD: &str = "/console/password";
/// Signing out (declared in `console::routes`).
const SIGN_OUT: &str = "/console/sign-out";
/// The console's sign-in page.
const SIGN_IN: &str = "/console/sign-in";

/// Adds the password page: any signed-in staff user, whatever their role.
pub(super) fn routes(t: Table) -> Table {
    t.add(Method::GET, PASSWORD, Needs::Staff, page).add(
        Method::POST,
        PASSWORD,
        Needs::Staff,
        change,
    )
}

/// Whether a user who must choose a new password (an admin reset theirs) may reach `path`:
/// this page, to choose it, and signing out. Every other console page sends them here.
pub(super) fn open_while_reset(path: &str) -> bool {
    path == PASSWORD || path == SIGN_OUT
}

#[derive(Template)]
#[template(path = "console/password.html")]
struct PasswordPage {
    chrome: Chrome,
    staff: Option<Staff>,
    errors: Errors,
    /// The password was changed: the confirmation (the form is not shown again).
    done: Option<String>,
    /// An admin reset the password: the page says why it is the only one open.
    required: bool,
}

/// The form. Nothing typed in it is ever shown again.
#[derive(Deserialize)]
pub(super) struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    confirm: String,
}

fn show(s: &SignedInStaff, staff: Staff, errors: Errors, done: Option<String>) -> PageResult {
    let page = PasswordPage {
        chrome: s.visitor.chrome("password"),
        required: staff.must_change_password && done.is_none(),
        staff: Some(staff),
        done,
        errors: errors.clone(),
    };
    Ok(s.visitor.visit.respond((status_of(&errors), render(&page))))
}

/// The form field a refusal is about. Exhaustive, so a new refusal is placed when it is
/// added.
fn field(e: &PasswordChangeError) -> &'static str {
    use PasswordChangeError as E;
    match e {
        E::New(StaffPasswordProblem::Policy(PasswordProblem::Mismatch)) => "confirm",
        E::New(_) | E::SameAsCurrent => "new",
        E::Throttled | E::Locked | E::CurrentWrong | E::SessionEnded | E::Store(_) => "current",
    }
}

/// The confirmation, saying what happened to the user's other sessions.
fn confirmation(changed: PasswordChanged, was_required: bool) -> String {
    let others = match changed.sessions_ended {
        0 => "You had no other session open.".to_owned(),
        1 => "Your other open session was signed out.".to_owned(),
        n => format!("Your {n} other open sessions were signed out."),
    };
    let open = if was_required {
        " The console is open to you again."
    } else {
        ""
    };
    format!("Your password is changed: use it the next time you sign in. {others}{open}")
}

/// `GET /console/password`
pub(super) async fn page(s: SignedInStaff) -> PageResult {
    let staff = s.staff.clone();
    show(&s, staff, Errors::default(), None)
}

/// `POST /console/password`
pub(super) async fn change(
    State(state): State<AppState>,
    s: SignedInStaff,
    posted: Posted<PasswordForm, StaffVisitor>,
) -> PageResult {
    let f = &posted.form;
    // Every field is checked before the current password is, in the form's order, so every
    // problem is said at once: a field left empty (a password may be spaces: only an empty
    // field is missing), the new password against the staff policy (which needs no secret:
    // the use case checks it first too), and the second copy differing from the first.
    let mut errors = Errors::default();
    if f.current.is_empty() {
        errors.push("current", "Enter your current password");
    }
    if f.new.is_empty() {
        errors.push("new", "Enter a new password");
    } else if let Err(p) = check_staff_password(&f.new, &f.new, &s.staff.email) {
        errors.push("new", PasswordChangeError::New(p).to_string());
    }
    if f.confirm.is_empty() {
        errors.push("confirm", "Enter the new password again");
    } else if !f.new.is_empty() && f.confirm != f.new {
        let differ = StaffPasswordProblem::Policy(PasswordProblem::Mismatch);
        errors.push("confirm", PasswordChangeError::New(differ).to_string());
    }
    if !errors.is_empty() {
        return show(&s, s.staff.clone(), errors, None);
    }
    let changed = state
        .app
        .change_own_password(
            &s.staff,
            &f.current,
            &f.new,
            &f.confirm,
            &s.visitor.visit.client,
        )
        .await;
    match changed {
        Ok(c) => {
            let done = confirmation(c, s.staff.must_change_password);
            // The flag is cleared: the menu is theirs again on this very page.
            let staff = Staff {
                must_change_password: false,
                ..s.staff.clone()
            };
            show(&s, staff, Errors::default(), Some(done))
        }
        Err(PasswordChangeError::Store(e)) => Err(e.into()),
        Err(PasswordChangeError::SessionEnded) => {
            Ok(s.visitor.visit.respond(Redirect::to(SIGN_IN)))
        }
        Err(e) => show(
            &s,
            s.staff.clone(),
            Errors::one(field(&e), e.to_string()),
            None,
        ),
    }
}
