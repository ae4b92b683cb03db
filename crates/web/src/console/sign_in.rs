//! Signing in to the console (email, password and authenticator code, all required) and out.

use super::{CONSOLE_COOKIE, SignedInStaff, StaffVisitor};
use crate::AppState;
use crate::kit::page::render;
use crate::kit::{Chrome, Errors, PageResult, Posted, set_cookie};
use app::identity::IdentityError;
use app::staff::Staff;
use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "console/sign_in.html")]
struct SignInPage {
    chrome: Chrome,
    staff: Option<Staff>,
    errors: Errors,
    email: String,
}

/// `GET /console/sign-in`
pub(super) async fn page(visitor: StaffVisitor) -> Response {
    let page = SignInPage {
        chrome: visitor.chrome(""),
        staff: None,
        errors: Errors::default(),
        email: String::new(),
    };
    visitor.visit.respond(render(&page))
}

/// The sign-in form.
#[derive(Deserialize)]
pub(super) struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    code: String,
}

/// `POST /console/sign-in`
pub(super) async fn sign_in(
    State(state): State<AppState>,
    posted: Posted<SignInForm, StaffVisitor>,
) -> PageResult {
    let f = &posted.form;
    let v = &posted.visitor;
    let missing: Vec<_> = [
        ("email", &f.email, "Enter your email"),
        ("password", &f.password, "Enter your password"),
        ("code", &f.code, "Enter your authenticator code"),
    ]
    .into_iter()
    .filter(|(_, value, _)| value.trim().is_empty())
    .map(|(field, _, message)| (field, message.to_owned()))
    .collect();
    let errors = if !missing.is_empty() {
        Errors(missing)
    } else {
        match state
            .app
            .staff_sign_in(&f.email, &f.password, &f.code, &v.visit.client)
            .await
        {
            Ok(token) => {
                let mut r = Redirect::to("/console").into_response();
                r.headers_mut()
                    .append(header::SET_COOKIE, set_cookie(CONSOLE_COOKIE, &token, None));
                return Ok(r);
            }
            Err(IdentityError::BadCredentials) => Errors::one(
                "email",
                "The email, password or authenticator code is not right (after five tries the sign-in is locked for 30 minutes)",
            ),
            Err(e @ IdentityError::Throttled) => Errors::one("email", e.to_string()),
            Err(e) => return Err(crate::kit::PageError::internal(&e)),
        }
    };
    let page = SignInPage {
        chrome: v.chrome(""),
        staff: None,
        errors,
        email: f.email.clone(),
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
}

/// A form with nothing but its CSRF token.
#[derive(Deserialize)]
pub(super) struct Empty {}

/// `POST /console/sign-out`
pub(super) async fn sign_out(
    State(state): State<AppState>,
    staff: SignedInStaff,
    posted: Posted<Empty, StaffVisitor>,
) -> PageResult {
    let _ = posted.form;
    state
        .app
        .staff_sign_out(&staff.staff, &staff.visitor.visit.client)
        .await?;
    let mut r = Redirect::to("/console/sign-in").into_response();
    r.headers_mut()
        .append(header::SET_COOKIE, set_cookie(CONSOLE_COOKIE, "", Some(0)));
    Ok(r)
}
