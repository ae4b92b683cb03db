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

/// The one-question page of a recovery: `heading`, `intro` and `button` are message ids.
fn one_field(
    chrome: Chrome,
    errors: Errors,
    heading: &'static str,
    intro: &'static str,
    action: &'static str,
    field: Field,
    button: &'static str,
) -> SinglePage {
    let tr = chrome.tr;
    SinglePage {
        chrome,
        errors,
        heading: tr.t(heading),
        intro: vec![tr.t(intro)],
        action,
        hidden: Vec::new(),
        fields: vec![field],
        button: tr.t(button),
        links: vec![("/login".into(), tr.t("recover-back-to-sign-in"))],
    }
}

fn email_field(tr: i18n::Tr, value: String) -> Field {
    Field {
        name: "email",
        label: tr.t("recover-email-address"),
        kind: "email",
        value,
        autocomplete: "email",
        hint: "".into(),
    }
}

fn username_field(tr: i18n::Tr, value: String) -> Field {
    Field {
        name: "username",
        label: tr.t("auth-username"),
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
        "recover-username-heading",
        "recover-username-intro",
        "/forgot-username",
        email_field(visitor.lang.tr(), String::new()),
        "recover-username-button",
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
        Ok(()) => {
            let tr = visitor.lang.tr();
            let sent = tr.t("recover-username-sent");
            let back = tr.t("recover-back-to-sign-in");
            Ok(notice(
                visitor.chrome("login"),
                tr.t("recover-check-email"),
                &[sent.as_str()],
                &[("/login", back.as_str())],
            ))
        }
        Err(e) => {
            let (status, errors) = refusal(&e, "email", visitor.lang.tr())?;
            let p = one_field(
                visitor.chrome("login"),
                errors,
                "recover-username-heading",
                "recover-username-intro",
                "/forgot-username",
                email_field(visitor.lang.tr(), form.email),
                "recover-username-button",
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
        "recover-password-heading",
        "recover-password-intro",
        "/forgot-password",
        username_field(visitor.lang.tr(), String::new()),
        "recover-password-button",
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
        Ok(()) => {
            let tr = visitor.lang.tr();
            let sent = tr.t("recover-password-sent");
            let back = tr.t("recover-back-to-sign-in");
            Ok(notice(
                visitor.chrome("login"),
                tr.t("recover-check-email"),
                &[sent.as_str()],
                &[("/login", back.as_str())],
            ))
        }
        Err(e) => {
            let (status, errors) = refusal(&e, "username", visitor.lang.tr())?;
            let p = one_field(
                visitor.chrome("login"),
                errors,
                "recover-password-heading",
                "recover-password-intro",
                "/forgot-password",
                username_field(visitor.lang.tr(), form.username),
                "recover-password-button",
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
    let tr = chrome.tr;
    SinglePage {
        chrome,
        errors,
        heading: tr.t("recover-reset-heading"),
        intro: vec![tr.t("recover-reset-intro")],
        action: "/reset-password",
        hidden: vec![("token".into(), token)],
        fields: vec![
            Field {
                name: "password",
                label: tr.t("recover-reset-password"),
                kind: "password",
                value: String::new(),
                autocomplete: "new-password",
                hint: "".into(),
            },
            Field {
                name: "confirm",
                label: tr.t("recover-reset-confirm"),
                kind: "password",
                value: String::new(),
                autocomplete: "new-password",
                hint: "".into(),
            },
        ],
        button: tr.t("recover-reset-button"),
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
            let (status, errors) = refusal(&e, "password", visitor.lang.tr())?;
            Ok((
                status,
                render(&reset_form(visitor.chrome("login"), errors, form.token)),
            )
                .into_response())
        }
    }
}
