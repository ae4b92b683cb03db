//! Recovering a sign-in without signing in: the forgotten username (emailed to the address on
//! file), the forgotten password (a link by email) and choosing a new password from that link.

use super::auth::{notice, page, refusal};
use super::{Chrome, DEVICE_COOKIE, Errors, Posted, Visitor, redirect_with_session, set_cookie};
use crate::AppState;
use crate::kit::PageResult;
use crate::kit::page::{Field, SinglePage, render};
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

fn one_field(
    chrome: Chrome,
    errors: Errors,
    heading: &'static str,
    intro: &str,
    action: &'static str,
    field: Field,
    button: &'static str,
) -> SinglePage {
    SinglePage {
        chrome,
        errors,
        heading: heading.into(),
        intro: vec![intro.to_owned()],
        action,
        hidden: Vec::new(),
        fields: vec![field],
        button: button.into(),
        links: vec![("/login".into(), "Back to sign in".into())],
    }
}

fn email_field(value: String) -> Field {
    Field {
        name: "email",
        label: "Email address".into(),
        kind: "email",
        value,
        autocomplete: "email",
        hint: "".into(),
    }
}

fn username_field(value: String) -> Field {
    Field {
        name: "username",
        label: "Username".into(),
        kind: "text",
        value,
        autocomplete: "username",
        hint: "".into(),
    }
}

/// `GET /forgot-username`
pub async fn forgot_username_page(visitor: Visitor) -> Response {
    let p = one_field(
        visitor.chrome("login"),
        Errors::default(),
        "Forgot your username?",
        "Enter the email address we have on file for you. We will email your username to it.",
        "/forgot-username",
        email_field(String::new()),
        "Email my username",
    );
    page(&visitor, &Errors::default(), &p)
}

/// The email form.
#[derive(Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    email: String,
}

/// `POST /forgot-username`: the same answer whether or not the address is on file.
pub async fn forgot_username(
    State(state): State<AppState>,
    posted: Posted<EmailForm>,
) -> PageResult {
    let Posted { form, visitor, .. } = posted;
    match state
        .app
        .forgot_username(&form.email, &visitor.client)
        .await
    {
        Ok(()) => Ok(notice(
            visitor.chrome("login"),
            "Check your email",
            &[
                "If that email address is on file with a sign-in, we have sent the username to it. It can take a few minutes to arrive.",
            ],
            &[("/login", "Back to sign in")],
        )),
        Err(e) => {
            let (status, errors) = refusal(&e, "email")?;
            let p = one_field(
                visitor.chrome("login"),
                errors,
                "Forgot your username?",
                "Enter the email address we have on file for you. We will email your username to it.",
                "/forgot-username",
                email_field(form.email),
                "Email my username",
            );
            Ok((status, render(&p)).into_response())
        }
    }
}

/// `GET /forgot-password`
pub async fn forgot_password_page(visitor: Visitor) -> Response {
    let p = one_field(
        visitor.chrome("login"),
        Errors::default(),
        "Forgot your password?",
        "Enter your username. We will email a link to choose a new password to the address on file.",
        "/forgot-password",
        username_field(String::new()),
        "Email me a link",
    );
    page(&visitor, &Errors::default(), &p)
}

/// The username form.
#[derive(Deserialize)]
pub struct UsernameForm {
    #[serde(default)]
    username: String,
}

/// `POST /forgot-password`: the same answer whether or not the username exists.
pub async fn forgot_password(
    State(state): State<AppState>,
    posted: Posted<UsernameForm>,
) -> PageResult {
    let Posted { form, visitor, .. } = posted;
    match state
        .app
        .forgot_password(&form.username, &visitor.client)
        .await
    {
        Ok(()) => Ok(notice(
            visitor.chrome("login"),
            "Check your email",
            &[
                "If that username exists, we have emailed a link to the address on file. The link works once, for 30 minutes.",
            ],
            &[("/login", "Back to sign in")],
        )),
        Err(e) => {
            let (status, errors) = refusal(&e, "username")?;
            let p = one_field(
                visitor.chrome("login"),
                errors,
                "Forgot your password?",
                "Enter your username. We will email a link to choose a new password to the address on file.",
                "/forgot-password",
                username_field(form.username),
                "Email me a link",
            );
            Ok((status, render(&p)).into_response())
        }
    }
}

/// `?token=` of the reset link.
#[derive(Deserialize, Default)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

fn reset_form(chrome: Chrome, errors: Errors, token: String) -> SinglePage {
    SinglePage {
        chrome,
        errors,
        heading: "Choose a new password".into(),
        intro: vec![
            "At least 12 characters. A phrase of several words you will remember is best.".into(),
        ],
        action: "/reset-password",
        hidden: vec![("token".into(), token)],
        fields: vec![
            Field {
                name: "password",
                label: "New password".into(),
                kind: "password",
                value: String::new(),
                autocomplete: "new-password",
                hint: "".into(),
            },
            Field {
                name: "confirm",
                label: "Enter it again".into(),
                kind: "password",
                value: String::new(),
                autocomplete: "new-password",
                hint: "".into(),
            },
        ],
        button: "Change password".into(),
        links: Vec::new(),
    }
}

/// `GET /reset-password?token=…`
pub async fn reset_page(visitor: Visitor, Query(q): Query<TokenQuery>) -> Response {
    let token: String = q
        .token
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(128)
        .collect();
    page(
        &visitor,
        &Errors::default(),
        &reset_form(visitor.chrome("login"), Errors::default(), token),
    )
}

/// The reset form.
#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /reset-password`: then sign in as usual (the second factor is still asked for).
pub async fn reset(State(state): State<AppState>, posted: Posted<ResetForm>) -> PageResult {
    let Posted { form, visitor, .. } = posted;
    match state
        .app
        .reset_password(&form.token, &form.password, &form.confirm, &visitor.client)
        .await
    {
        Ok(()) => {
            let mut r = redirect_with_session("/login?reset=1", None);
            r.headers_mut().append(
                header::SET_COOKIE,
                set_cookie(DEVICE_COOKIE, "gone", Some(0)),
            );
            Ok(r)
        }
        Err(e) => {
            let (status, errors) = refusal(&e, "password")?;
            Ok((
                status,
                render(&reset_form(visitor.chrome("login"), errors, form.token)),
            )
                .into_response())
        }
    }
}
