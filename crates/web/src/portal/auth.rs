//! Sign-in pages: enrolment (facts, code, credentials), sign-in (password, second factor,
//! remember this device), resending codes, and signing out (here, or everywhere); and what
//! every portal page shares: [`page`], [`refusal`], [`notice`], [`Empty`]. Forgotten
//! usernames and passwords are in [`super::recovery`].

use super::{
    Chrome, DEVICE_COOKIE, Errors, Posted, SignedIn, Visitor, redirect_with_session, set_cookie,
};
use crate::AppState;
use crate::kit::page::NoticePage;
use crate::kit::page::render;
use crate::kit::{PageError, PageResult, identity_refusals, status_of};
use app::identity::enroll::EnrollmentFacts;
use app::identity::sign_in::SignIn;
use app::identity::{ActiveSession, IdentityError};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::identity::SecondFactor;
use serde::Deserialize;
use store::SessionStage;

#[derive(Template)]
#[template(path = "portal/login.html")]
struct LoginPage {
    chrome: Chrome,
    errors: Errors,
    username: String,
    notice: String,
}

#[derive(Template)]
#[template(path = "portal/verify.html")]
struct VerifyPage {
    chrome: Chrome,
    errors: Errors,
    heading: String,
    totp: bool,
    sent_to: String,
    action: &'static str,
    resend_action: &'static str,
    remember_option: bool,
    can_text: bool,
}

#[derive(Template)]
#[template(path = "portal/enroll.html")]
struct EnrollPage {
    chrome: Chrome,
    errors: Errors,
    form: EnrollForm,
}

#[derive(Template)]
#[template(path = "portal/credentials.html")]
struct CredentialsPage {
    chrome: Chrome,
    errors: Errors,
    username: String,
}

/// A page rendered with the status its errors call for, and the visitor's cookie.
pub fn page(visitor: &Visitor, errors: &Errors, t: &impl Template) -> Response {
    visitor.respond((status_of(errors), render(t)))
}

/// The messages of a refused step, in the visitor's language (`tr`), or (`?`) the 500 page
/// when the store failed.
#[allow(clippy::result_large_err)] // a page is the handler's answer either way
pub fn refusal(
    e: &IdentityError,
    fallback: &'static str,
    tr: i18n::Tr,
) -> Result<(StatusCode, Errors), PageError> {
    match e {
        IdentityError::Store(s) => Err(PageError::internal(s)),
        IdentityError::Throttled => Ok((
            StatusCode::TOO_MANY_REQUESTS,
            identity_refusals::errors(e, fallback, tr),
        )),
        _ => Ok((
            StatusCode::BAD_REQUEST,
            identity_refusals::errors(e, fallback, tr),
        )),
    }
}

/// A notice page.
pub fn notice(
    chrome: Chrome,
    heading: impl Into<String>,
    paragraphs: &[&str],
    links: &[(&str, &str)],
) -> Response {
    render(&NoticePage {
        chrome,
        heading: heading.into(),
        paragraphs: paragraphs.iter().map(|p| (*p).to_owned()).collect(),
        codes: Vec::new(),
        links: links
            .iter()
            .map(|(h, t)| ((*h).to_owned(), (*t).to_owned()))
            .collect(),
    })
}

#[derive(Template)]
#[template(path = "portal/confirm.html")]
struct ConfirmPage<'a> {
    chrome: Chrome,
    heading: &'a str,
    paragraphs: Vec<String>,
    links: Vec<(String, String)>,
    action: &'a str,
    button: &'a str,
    keep: &'a str,
    back: &'a str,
    back_label: &'a str,
}

/// What a confirm page asks: the action, its consequence and the way back.
pub struct Confirm<'a> {
    /// The question ("Turn off AutoPay?").
    pub heading: &'a str,
    /// The consequence, stated.
    pub paragraphs: Vec<String>,
    /// Things to look at first (link, words).
    pub links: Vec<(String, String)>,
    /// Where the form posts (the action's own route).
    pub action: &'a str,
    /// The button that does it.
    pub button: &'a str,
    /// The link that keeps things as they are.
    pub keep: &'a str,
    /// Where that link (and the back link) goes.
    pub back: &'a str,
    /// The back link's words.
    pub back_label: &'a str,
}

/// The page before a destructive action: its consequence stated, and a form (with the CSRF
/// token) that posts to the action's route. A GET, so it works without JavaScript and changes
/// nothing.
pub fn confirm(chrome: Chrome, c: Confirm<'_>) -> Response {
    render(&ConfirmPage {
        chrome,
        heading: c.heading,
        paragraphs: c.paragraphs,
        links: c.links,
        action: c.action,
        button: c.button,
        keep: c.keep,
        back: c.back,
        back_label: c.back_label,
    })
}

/// `GET /login` query.
#[derive(Deserialize, Default)]
pub struct LoginQuery {
    #[serde(default)]
    ended: Option<String>,
    #[serde(default)]
    reset: Option<String>,
    #[serde(default)]
    signed_out: Option<String>,
    /// The session ended as a payment was confirmed ([`super::SignedIn`]).
    #[serde(default)]
    not_paid: Option<String>,
}

/// The message (its id in the catalog) the sign-in page shows when the session ended as a
/// payment was confirmed: the payment was not made, so the borrower does not think it was.
pub const NOT_PAID: &str = "login-notice-not-paid";

/// A borrower already signed in has nothing to sign in or enrol for: their dashboard instead
/// of the form (a 303), so a bookmark or the Back button does not look signed out.
fn signed_in_already(visitor: &Visitor) -> Option<Response> {
    visitor
        .session
        .as_ref()
        .and_then(ActiveSession::login)
        .map(|_| Redirect::to("/dashboard").into_response())
}

/// `GET /login` (the dashboard for a borrower already signed in)
pub async fn login_page(visitor: Visitor, Query(q): Query<LoginQuery>) -> Response {
    if let Some(dashboard) = signed_in_already(&visitor) {
        return dashboard;
    }
    let tr = visitor.lang.tr();
    let notice = if q.reset.is_some() {
        tr.t("login-notice-reset")
    } else if q.signed_out.is_some() {
        tr.t("login-notice-signed-out")
    } else if q.not_paid.is_some() {
        tr.t(NOT_PAID)
    } else if q.ended.is_some() {
        tr.t("login-notice-ended")
    } else {
        String::new()
    };
    let errors = Errors::default();
    page(
        &visitor,
        &errors,
        &LoginPage {
            chrome: visitor.chrome("login"),
            errors: errors.clone(),
            username: String::new(),
            notice,
        },
    )
}

/// The sign-in form.
#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
}

/// `POST /login`
pub async fn login(State(state): State<AppState>, posted: Posted<LoginForm>) -> PageResult {
    let Posted { form, visitor, .. } = posted;
    match state
        .app
        .sign_in(
            &form.username,
            &form.password,
            visitor.device.as_deref(),
            &visitor.client,
        )
        .await
    {
        Ok(SignIn::Done { token }) => {
            let r = redirect_with_session("/dashboard", Some(&token));
            Ok(in_their_language(&state, &visitor, &token, r).await)
        }
        Ok(SignIn::SecondFactor { token, .. }) => {
            Ok(redirect_with_session("/login/verify", Some(&token)))
        }
        Err(e) => {
            let (status, errors) = refusal(&e, "username", visitor.lang.tr())?;
            let p = LoginPage {
                chrome: visitor.chrome("login"),
                errors,
                username: form.username.trim().to_owned(),
                notice: String::new(),
            };
            Ok((status, render(&p)).into_response())
        }
    }
}

/// `response` to a sign-in just completed under the session `token` by `visitor`: the
/// portal opens in the borrower's language, kept on their login, on any device. A login
/// whose language is not known yet (from before languages) takes the one they signed in in.
async fn in_their_language(
    state: &AppState,
    visitor: &Visitor,
    token: &str,
    mut response: Response,
) -> Response {
    let login = match state.app.session(token).await {
        Ok(Some(s)) => s.login(),
        _ => None,
    };
    let Some(login) = login else {
        return response;
    };
    match state.app.store().login(login).await {
        Ok(l) => match l.language {
            Some(lang) => {
                response
                    .headers_mut()
                    .append(header::SET_COOKIE, crate::kit::lang_cookie(lang));
            }
            None => {
                if let Err(e) = state
                    .app
                    .set_language(login, visitor.lang, &visitor.client)
                    .await
                {
                    // Their notices stay in English until they choose: say why, and go on.
                    tracing::warn!(error = %e, "cannot keep the login's language");
                }
            }
        },
        // The page then opens in the browser's language: say why, and go on.
        Err(e) => tracing::warn!(error = %e, "cannot read the login's language"),
    }
    response
}

/// `GET /login/verify`
pub async fn verify_page(State(state): State<AppState>, visitor: Visitor) -> PageResult {
    verify_form(&state, &visitor, Errors::default()).await
}

async fn verify_form(state: &AppState, visitor: &Visitor, errors: Errors) -> PageResult {
    let Some((login, SessionStage::SecondFactor)) = visitor
        .session
        .as_ref()
        .and_then(|s| s.session.login.map(|l| (l, s.session.stage)))
    else {
        return Ok(Redirect::to("/login?ended=1").into_response());
    };
    let l = state.app.store().login(login).await?;
    let to = state
        .app
        .login_recipient(login, l.second_factor == SecondFactor::Sms)
        .await;
    let can_text = state
        .app
        .contact(login)
        .await
        .is_ok_and(|c| c.phone.is_some());
    let p = VerifyPage {
        chrome: visitor.chrome("login"),
        errors: errors.clone(),
        heading: visitor
            .lang
            .tr()
            .t(if l.second_factor == SecondFactor::Totp {
                "auth-verify-heading-app"
            } else {
                "auth-verify-heading-messages"
            }),
        totp: l.second_factor == SecondFactor::Totp,
        sent_to: to.map(|t| t.masked()).unwrap_or_default(),
        action: "/login/verify",
        resend_action: "/login/resend",
        remember_option: true,
        can_text,
    };
    Ok(page(visitor, &errors, &p))
}

/// The code form.
#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    remember: Option<String>,
}

/// `POST /login/verify`
pub async fn verify(State(state): State<AppState>, posted: Posted<CodeForm>) -> PageResult {
    let Posted { form, visitor, .. } = posted;
    let Some(session) = visitor.session.clone() else {
        return Ok(Redirect::to("/login?ended=1").into_response());
    };
    match state
        .app
        .verify_second_factor(
            &session,
            &form.code,
            form.remember.is_some(),
            &visitor.client,
        )
        .await
    {
        Ok(v) => {
            let r = redirect_with_session("/dashboard", Some(&v.token));
            let mut r = in_their_language(&state, &visitor, &v.token, r).await;
            if let Some(d) = v.device {
                r.headers_mut().append(
                    header::SET_COOKIE,
                    set_cookie(DEVICE_COOKIE, &d, Some(30 * 24 * 3600)),
                );
            }
            Ok(r)
        }
        Err(IdentityError::SessionEnded | IdentityError::Throttled) => {
            Ok(redirect_with_session("/login?ended=1", None))
        }
        Err(e) => {
            let (_, errors) = refusal(&e, "code", visitor.lang.tr())?;
            verify_form(&state, &visitor, errors).await
        }
    }
}

/// The resend form.
#[derive(Deserialize)]
pub struct ResendForm {
    #[serde(default)]
    by: String,
}

/// `POST /login/resend` and `POST /enroll/resend`
pub async fn resend(State(state): State<AppState>, posted: Posted<ResendForm>) -> PageResult {
    let Posted { form, visitor, .. } = posted;
    let Some(session) = visitor.session.clone() else {
        return Ok(Redirect::to("/login?ended=1").into_response());
    };
    let back = if session.session.stage == SessionStage::Enrolling {
        "/enroll/verify"
    } else {
        "/login/verify"
    };
    let by_text = form.by == "text";
    match state
        .app
        .resend_code_in(Some(visitor.lang), &session, by_text)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!(
            "{back}?by={}",
            if by_text { "text" } else { "email" }
        ))
        .into_response()),
        Err(IdentityError::Store(e)) => Err(e.into()),
        Err(_) => Ok(Redirect::to(back).into_response()),
    }
}

/// The enrolment form.
#[derive(Deserialize, Default, Clone)]
pub struct EnrollForm {
    #[serde(default)]
    account_number: String,
    #[serde(default)]
    ssn_last4: String,
    #[serde(default)]
    date_of_birth: String,
    #[serde(default)]
    zip: String,
    #[serde(default)]
    by: String,
}

/// `GET /enroll` (the dashboard for a borrower already signed in)
pub async fn enroll_page(visitor: Visitor) -> Response {
    if let Some(dashboard) = signed_in_already(&visitor) {
        return dashboard;
    }
    let errors = Errors::default();
    page(
        &visitor,
        &errors,
        &EnrollPage {
            chrome: visitor.chrome("login"),
            errors: errors.clone(),
            form: EnrollForm::default(),
        },
    )
}

/// `POST /enroll`
pub async fn enroll(State(state): State<AppState>, posted: Posted<EnrollForm>) -> PageResult {
    let Posted { form, visitor, .. } = posted;
    let by_text = form.by == "text";
    let started = match EnrollmentFacts::parse(
        &form.account_number,
        &form.ssn_last4,
        &form.date_of_birth,
        &form.zip,
    ) {
        Ok(facts) => {
            state
                .app
                .enroll_start_in(Some(visitor.lang), &facts, by_text, &visitor.client)
                .await
        }
        Err(e) => Err(e),
    };
    match started {
        Ok((token, _)) => Ok(redirect_with_session(
            &format!(
                "/enroll/verify?by={}",
                if by_text { "text" } else { "email" }
            ),
            Some(&token),
        )),
        Err(e) => {
            let (status, errors) = refusal(&e, "account_number", visitor.lang.tr())?;
            let p = EnrollPage {
                chrome: visitor.chrome("login"),
                errors,
                form,
            };
            Ok((status, render(&p)).into_response())
        }
    }
}

/// `?by=` on the code pages: which channel the code went by.
#[derive(Deserialize, Default)]
pub struct ByQuery {
    #[serde(default)]
    by: String,
}

/// `GET /enroll/verify`
pub async fn enroll_verify_page(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(q): Query<ByQuery>,
) -> Response {
    enroll_verify_form(&state, &visitor, q.by == "text", Errors::default()).await
}

async fn enroll_verify_form(
    state: &AppState,
    visitor: &Visitor,
    by_text: bool,
    errors: Errors,
) -> Response {
    let Some((SessionStage::Enrolling, Some(borrower))) = visitor
        .session
        .as_ref()
        .map(|s| (s.session.stage, s.session.borrower))
    else {
        return Redirect::to("/enroll").into_response();
    };
    let to = state.app.code_recipient(borrower, by_text).await;
    let can_text = state
        .app
        .store()
        .borrower(borrower)
        .await
        .is_ok_and(|b| b.phone.is_some());
    let p = VerifyPage {
        chrome: visitor.chrome("login"),
        errors: errors.clone(),
        heading: visitor.lang.tr().t("auth-verify-heading-messages"),
        totp: false,
        sent_to: to.map(|t| t.masked()).unwrap_or_default(),
        action: "/enroll/verify",
        resend_action: "/enroll/resend",
        remember_option: false,
        can_text,
    };
    page(visitor, &errors, &p)
}

/// `POST /enroll/verify`
pub async fn enroll_verify(State(state): State<AppState>, posted: Posted<CodeForm>) -> PageResult {
    let Posted { form, visitor, .. } = posted;
    let Some(session) = visitor.session.clone() else {
        return Ok(Redirect::to("/enroll").into_response());
    };
    match state
        .app
        .enroll_confirm(&session, &form.code, &visitor.client)
        .await
    {
        Ok(token) => Ok(redirect_with_session("/enroll/credentials", Some(&token))),
        Err(IdentityError::SessionEnded) => Ok(Redirect::to("/enroll").into_response()),
        Err(e) => {
            let (_, errors) = refusal(&e, "code", visitor.lang.tr())?;
            Ok(enroll_verify_form(&state, &visitor, false, errors).await)
        }
    }
}

/// `GET /enroll/credentials`
pub async fn credentials_page(visitor: Visitor) -> Response {
    if visitor.session.as_ref().map(|s| s.session.stage) != Some(SessionStage::Enrolled) {
        return Redirect::to("/enroll").into_response();
    }
    let errors = Errors::default();
    page(
        &visitor,
        &errors,
        &CredentialsPage {
            chrome: visitor.chrome("login"),
            errors: errors.clone(),
            username: String::new(),
        },
    )
}

/// The credentials form.
#[derive(Deserialize)]
pub struct CredentialsForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /enroll/credentials`
pub async fn credentials(
    State(state): State<AppState>,
    posted: Posted<CredentialsForm>,
) -> PageResult {
    let Posted { form, visitor, .. } = posted;
    let Some(session) = visitor.session.clone() else {
        return Ok(Redirect::to("/enroll").into_response());
    };
    match state
        .app
        .enroll_finish(
            &session,
            &form.username,
            &form.password,
            &form.confirm,
            &visitor.client,
        )
        .await
    {
        Ok(token) => {
            // The language they enrolled in (their choice, or their browser's) is theirs from
            // now on: their notices and statements are in it.
            if let Ok(Some(login)) = state
                .app
                .session(&token)
                .await
                .map(|s| s.and_then(|s| s.login()))
            {
                state
                    .app
                    .set_language(login, visitor.lang, &visitor.client)
                    .await?;
            }
            let mut r = redirect_with_session("/dashboard?welcome=1", Some(&token));
            r.headers_mut()
                .append(header::SET_COOKIE, crate::kit::lang_cookie(visitor.lang));
            Ok(r)
        }
        Err(IdentityError::SessionEnded) => Ok(Redirect::to("/enroll").into_response()),
        Err(e) => {
            let (status, errors) = refusal(&e, "username", visitor.lang.tr())?;
            let p = CredentialsPage {
                chrome: visitor.chrome("login"),
                errors,
                username: form.username,
            };
            Ok((status, render(&p)).into_response())
        }
    }
}

/// A form with only its CSRF token.
#[derive(Deserialize)]
pub struct Empty {}

/// `POST /logout`
pub async fn logout(State(state): State<AppState>, posted: Posted<Empty>) -> PageResult {
    // The cookie is cleared only once the session is gone on our side: a sign-out that did
    // not happen must not look as if it did.
    if let Some(token) = &posted.visitor.token {
        state.app.end_session(token).await?;
    }
    Ok(redirect_with_session("/login?signed_out=1", None))
}

/// `GET /logout-everywhere`: what signing out everywhere means, before the borrower confirms.
pub async fn logout_everywhere_page(State(state): State<AppState>, who: SignedIn) -> Response {
    let tr = who.visitor.lang.tr();
    let (heading, button, keep, back_label) = (
        tr.t("auth-everywhere-heading"),
        tr.t("auth-everywhere-button"),
        tr.t("auth-stay-signed-in"),
        tr.t("auth-back-to-profile"),
    );
    confirm(
        who.chrome(&state, "profile").await,
        Confirm {
            heading: &heading,
            paragraphs: vec![
                tr.t("auth-everywhere-what"),
                tr.t("auth-everywhere-devices"),
            ],
            links: Vec::new(),
            action: "/logout-everywhere",
            button: &button,
            keep: &keep,
            back: "/profile",
            back_label: &back_label,
        },
    )
}

/// `POST /session/stay`: "Stay signed in", from the warning before the idle timeout
/// (`static/session.js`). Reading the session ([`SignedIn`]) keeps it alive; nothing else
/// changes. A session already ended is sent to sign in, as any page is.
pub async fn stay_signed_in(_who: SignedIn, _posted: Posted<Empty>) -> StatusCode {
    StatusCode::NO_CONTENT
}

/// `POST /logout-everywhere`: every session and remembered device of this login ends.
pub async fn logout_everywhere(
    State(state): State<AppState>,
    who: SignedIn,
    posted: Posted<Empty>,
) -> PageResult {
    state
        .app
        .sign_out_everywhere(who.login, &posted.visitor.client)
        .await?;
    let mut r = redirect_with_session("/login?signed_out=1", None);
    r.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(DEVICE_COOKIE, "gone", Some(0)),
    );
    Ok(r)
}
