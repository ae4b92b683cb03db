//! The borrower's profile: the overview, re-entering the password before a sensitive change
//! (the step-up), contact details and the password.

use super::auth::{page, refusal};
use super::{Chrome, Errors, Posted, SignedIn, redirect_with_session};
use crate::AppState;
use crate::kit::page::{Field, SinglePage, render};
use crate::kit::{PageError, PageResult};
use app::identity::IdentityError;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::identity::SecondFactor;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "portal/profile.html")]
struct ProfilePage {
    chrome: Chrome,
    username: String,
    email: String,
    phone: String,
    address: String,
    second_factor: &'static str,
    paperless: bool,
    saved: bool,
}

/// `?saved=1` after a change.
#[derive(Deserialize, Default)]
pub struct SavedQuery {
    /// Present after a change was saved.
    #[serde(default)]
    pub(super) saved: Option<String>,
}

/// `GET /profile`
pub async fn profile(
    State(state): State<AppState>,
    who: SignedIn,
    Query(q): Query<SavedQuery>,
) -> PageResult {
    let login = state.app.store().login(who.login).await?;
    let contact = state.app.contact(who.login).await?;
    Ok(render(&ProfilePage {
        chrome: who.chrome(&state, "profile").await,
        username: login.username,
        email: contact.email.unwrap_or_else(|| "None on file".into()),
        phone: contact
            .phone
            .map_or_else(|| "None on file".into(), |p| app::identity::mask_phone(&p)),
        address: contact.address.unwrap_or_else(|| "None on file".into()),
        second_factor: match login.second_factor {
            SecondFactor::Totp => "Authenticator app",
            SecondFactor::Sms => "A code by text message",
            SecondFactor::Email => "A code by email",
        },
        paperless: login.paperless,
        saved: q.saved.is_some(),
    }))
}

/// Where a step-up sends the borrower back to.
#[derive(Deserialize, Default)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

fn safe_next(next: &str) -> &str {
    // Only our own pages: a path, never another origin.
    if next.starts_with("/profile") {
        next
    } else {
        "/profile"
    }
}

fn step_up_form(chrome: Chrome, errors: Errors, next: &str) -> SinglePage {
    SinglePage {
        chrome,
        errors,
        heading: "Enter your password again",
        intro: vec!["For your security, we ask for your password before you change your contact details, password or sign-in steps.".into()],
        action: "/confirm-password",
        hidden: vec![("next".into(), safe_next(next).to_owned())],
        fields: vec![Field { name: "password", label: "Password", kind: "password", value: String::new(), autocomplete: "current-password", hint: "" }],
        button: "Continue",
        links: vec![("/profile".into(), "Cancel".into())],
    }
}

/// `GET /confirm-password?next=…`
pub async fn step_up_page(
    State(state): State<AppState>,
    who: SignedIn,
    Query(q): Query<NextQuery>,
) -> Response {
    page(
        &who.visitor,
        &Errors::default(),
        &step_up_form(
            who.chrome(&state, "profile").await,
            Errors::default(),
            &q.next,
        ),
    )
}

/// The step-up form.
#[derive(Deserialize)]
pub struct StepUpForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// `POST /confirm-password`
pub async fn step_up(
    State(state): State<AppState>,
    who: SignedIn,
    posted: Posted<StepUpForm>,
) -> PageResult {
    let f = posted.form;
    match state
        .app
        .step_up(&who.session, &f.password, &who.visitor.client)
        .await
    {
        Ok(()) => Ok(Redirect::to(safe_next(&f.next)).into_response()),
        Err(e) => {
            let (status, errors) = refusal(&e, "password")?;
            Ok((
                status,
                render(&step_up_form(
                    who.chrome(&state, "profile").await,
                    errors,
                    &f.next,
                )),
            )
                .into_response())
        }
    }
}

/// Unless the borrower entered their password lately, (`?`) sends them to enter it again,
/// and then back to `next`.
#[allow(clippy::result_large_err)] // the early answer is a page either way
pub(super) fn step_up_first(state: &AppState, who: &SignedIn, next: &str) -> Result<(), PageError> {
    if state.app.require_step_up(&who.session).is_err() {
        let to = format!("/confirm-password?next={next}");
        return Err(Redirect::to(&to).into_response().into());
    }
    Ok(())
}

fn contact_form(
    chrome: Chrome,
    errors: Errors,
    email: String,
    phone: String,
    address: String,
) -> SinglePage {
    SinglePage {
        chrome,
        errors,
        heading: "Change your contact details",
        intro: vec!["We send codes, alerts and notices here. We will tell your old email address about the change.".into()],
        action: "/profile/contact",
        hidden: Vec::new(),
        fields: vec![
            Field { name: "email", label: "Email address", kind: "email", value: email, autocomplete: "email", hint: "" },
            Field { name: "phone", label: "Mobile phone (optional)", kind: "tel", value: phone, autocomplete: "tel-national", hint: "For texts, if you choose them. For example, 217 555 0143" },
            Field { name: "address", label: "Mailing address", kind: "text", value: address, autocomplete: "street-address", hint: "Where paper statements and letters go" },
        ],
        button: "Save contact details",
        links: vec![("/profile".into(), "Cancel".into())],
    }
}

/// `GET /profile/contact` (after a step-up)
pub async fn contact_page(State(state): State<AppState>, who: SignedIn) -> PageResult {
    step_up_first(&state, &who, "/profile/contact")?;
    let c = state.app.contact(who.login).await?;
    let p = contact_form(
        who.chrome(&state, "profile").await,
        Errors::default(),
        c.email.unwrap_or_default(),
        c.phone.unwrap_or_default(),
        c.address.unwrap_or_default(),
    );
    Ok(page(&who.visitor, &Errors::default(), &p))
}

/// The contact form.
#[derive(Deserialize)]
pub struct ContactForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    address: String,
}

/// `POST /profile/contact`
pub async fn contact(
    State(state): State<AppState>,
    who: SignedIn,
    posted: Posted<ContactForm>,
) -> PageResult {
    let f = posted.form;
    match state
        .app
        .change_contact(
            &who.session,
            &f.email,
            &f.phone,
            &f.address,
            &who.visitor.client,
        )
        .await
    {
        Ok(()) => Ok(Redirect::to("/profile?saved=1").into_response()),
        Err(IdentityError::StepUpRequired) => {
            Ok(Redirect::to("/confirm-password?next=/profile/contact").into_response())
        }
        Err(e) => {
            let (status, errors) = refusal(&e, "email")?;
            Ok((
                status,
                render(&contact_form(
                    who.chrome(&state, "profile").await,
                    errors,
                    f.email,
                    f.phone,
                    f.address,
                )),
            )
                .into_response())
        }
    }
}

fn password_form(chrome: Chrome, errors: Errors) -> SinglePage {
    let pw = |name, label, autocomplete, hint| Field {
        name,
        label,
        kind: "password",
        value: String::new(),
        autocomplete,
        hint,
    };
    SinglePage {
        chrome,
        errors,
        heading: "Change your password",
        intro: vec!["Changing your password signs you out everywhere else.".into()],
        action: "/profile/password",
        hidden: Vec::new(),
        fields: vec![
            pw("current", "Current password", "current-password", ""),
            pw(
                "password",
                "New password",
                "new-password",
                "At least 12 characters; not a common password",
            ),
            pw(
                "confirm",
                "Enter the new password again",
                "new-password",
                "",
            ),
        ],
        button: "Change password",
        links: vec![("/profile".into(), "Cancel".into())],
    }
}

/// `GET /profile/password`
pub async fn password_page(State(state): State<AppState>, who: SignedIn) -> Response {
    page(
        &who.visitor,
        &Errors::default(),
        &password_form(who.chrome(&state, "profile").await, Errors::default()),
    )
}

/// The password form.
#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /profile/password`: every other session ends; this one continues under a new token.
pub async fn password(
    State(state): State<AppState>,
    who: SignedIn,
    posted: Posted<PasswordForm>,
) -> PageResult {
    let f = posted.form;
    match state
        .app
        .change_password(
            &who.session,
            &f.current,
            &f.password,
            &f.confirm,
            &who.visitor.client,
        )
        .await
    {
        Ok(token) => Ok(redirect_with_session("/profile?saved=1", Some(&token))),
        Err(e) => {
            let (status, errors) = refusal(&e, "password")?;
            Ok((
                status,
                render(&password_form(who.chrome(&state, "profile").await, errors)),
            )
                .into_response())
        }
    }
}
