//! The second sign-in step: the overview of how the borrower signs in, setting up an
//! authenticator app (with recovery codes, shown once), and going back to codes by message.

use super::auth::{Empty, page, refusal};
use super::profile::step_up_first;
use super::{Chrome, Errors, Posted, SignedIn};
use crate::AppState;
use crate::kit::page::{NoticePage, render};
use crate::kit::{PageError, PageResult};
use app::identity::IdentityError;
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect};
use domain::identity::SecondFactor;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "portal/security.html")]
struct SecurityPage {
    chrome: Chrome,
    totp: bool,
    recovery_left: i64,
}

/// `GET /profile/security`
pub async fn security(State(state): State<AppState>, who: SignedIn) -> PageResult {
    let login = state.app.store().login(who.login).await?;
    let left = state.app.store().recovery_codes_left(who.login).await?;
    Ok(render(&SecurityPage {
        chrome: who.chrome(&state, "profile").await,
        totp: login.second_factor == SecondFactor::Totp,
        recovery_left: left,
    }))
}

#[derive(Template)]
#[template(path = "portal/totp.html")]
struct TotpPage {
    chrome: Chrome,
    errors: Errors,
    secret: String,
    qr_svg_data: String,
}

async fn totp_form(
    state: &AppState,
    who: &SignedIn,
    errors: Errors,
    secret: Option<&str>,
) -> PageResult {
    let login = state.app.store().login(who.login).await?;
    // A secret the borrower is already typing in is kept, so a mistyped code can be retried.
    let setup = state
        .app
        .totp_setup(&login.username, secret)
        .map_err(|e| PageError::internal(&e))?;
    let p = TotpPage {
        chrome: who.chrome(state, "profile").await,
        errors: errors.clone(),
        secret: setup.secret,
        qr_svg_data: format!(
            "data:image/svg+xml;base64,{}",
            base64_encode(setup.qr_svg.as_bytes())
        ),
    };
    Ok(page(&who.visitor, &errors, &p))
}

fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// `GET /profile/security/authenticator` (after a step-up)
pub async fn totp_page(State(state): State<AppState>, who: SignedIn) -> PageResult {
    step_up_first(&state, &who, "/profile/security/authenticator")?;
    totp_form(&state, &who, Errors::default(), None).await
}

/// The authenticator form.
#[derive(Deserialize)]
pub struct TotpForm {
    #[serde(default)]
    secret: String,
    #[serde(default)]
    code: String,
}

/// `POST /profile/security/authenticator`: on a right code, the recovery codes, once.
pub async fn totp_enable(
    State(state): State<AppState>,
    who: SignedIn,
    posted: Posted<TotpForm>,
) -> PageResult {
    let f = posted.form;
    let tr = who.visitor.lang.tr();
    match state
        .app
        .totp_enable(&who.session, &f.secret, &f.code, &who.visitor.client)
        .await
    {
        Ok(codes) => Ok(render(&NoticePage {
            chrome: who.chrome(&state, "profile").await,
            heading: tr.t("security-totp-done"),
            paragraphs: vec![
                tr.t("security-totp-done-from-now"),
                tr.t("security-totp-done-save-codes"),
            ],
            codes,
            links: vec![("/profile".into(), tr.t("auth-back-to-profile"))],
        })),
        Err(IdentityError::StepUpRequired) => Ok(Redirect::to(
            "/confirm-password?next=/profile/security/authenticator",
        )
        .into_response()),
        Err(e) => {
            let (_, errors) = refusal(&e, "code", tr)?;
            totp_form(&state, &who, errors, Some(&f.secret)).await
        }
    }
}

/// `POST /profile/security/codes-by-message`: back to codes by email.
pub async fn totp_disable(
    State(state): State<AppState>,
    who: SignedIn,
    posted: Posted<Empty>,
) -> PageResult {
    let _ = posted;
    match state
        .app
        .totp_disable(&who.session, false, &who.visitor.client)
        .await
    {
        Ok(()) => Ok(Redirect::to("/profile?saved=1").into_response()),
        Err(IdentityError::StepUpRequired) => {
            Ok(Redirect::to("/confirm-password?next=/profile/security").into_response())
        }
        Err(e) => Err(PageError::internal(&e)),
    }
}
