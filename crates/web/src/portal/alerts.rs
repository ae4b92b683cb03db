//! What the borrower is sent, and how: alerts per alert and channel with the consent to
//! texts (and withdrawing it), paperless statements with the E-SIGN consent, and the
//! unsubscribe link of an alert email (which works without signing in).

use super::auth::{Empty, notice, page, refusal};
use super::profile::SavedQuery;
use super::{Chrome, Errors, Posted, SignedIn, Visitor};
use crate::AppState;
use crate::kit::page::{SinglePage, render};
use crate::kit::{PageError, PageResult};
use app::identity::profile::{
    ALERTS, CHANNELS, ESIGN_TEXT, PROTECTIVE, PROTECTIVE_WHY, SMS_CONSENT_TEXT, is_always_on,
};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

struct AlertRow {
    key: &'static str,
    name: &'static str,
    about: &'static str,
    /// (channel, its name, on, always on: a protective alert's, which cannot be unticked).
    channels: Vec<(&'static str, &'static str, bool, bool)>,
    /// Why some of its channels are always on (a protective alert), shown under it.
    why_always: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "portal/alerts.html")]
struct AlertsPage {
    chrome: Chrome,
    errors: Errors,
    rows: Vec<AlertRow>,
    sms_consented: bool,
    has_phone: bool,
    consent_text: &'static str,
    saved: bool,
}

async fn alerts_form(
    state: &AppState,
    who: &SignedIn,
    errors: Errors,
    chosen: Option<&[String]>,
    saved: bool,
) -> PageResult {
    let prefs = state.app.preferences(who.login).await?;
    let consented = state.app.has_sms_consent(who.login).await?;
    let has_phone = state.app.contact(who.login).await?.phone.is_some();
    let rows = ALERTS
        .iter()
        .map(|(key, name, about)| AlertRow {
            key,
            name,
            about,
            channels: CHANNELS
                .iter()
                .map(|(c, label)| {
                    let always = is_always_on(key, c);
                    let on = always
                        || match chosen {
                            Some(list) => list.iter().any(|i| *i == format!("{key}:{c}")),
                            None => prefs
                                .iter()
                                .any(|p| p.alert == *key && p.channel == *c && p.enabled),
                        };
                    (*c, *label, on, always)
                })
                .collect(),
            why_always: PROTECTIVE.contains(key).then_some(PROTECTIVE_WHY),
        })
        .collect();
    let p = AlertsPage {
        chrome: who.chrome(state, "profile").await,
        errors: errors.clone(),
        rows,
        sms_consented: consented,
        has_phone,
        consent_text: SMS_CONSENT_TEXT,
        saved,
    };
    Ok(page(&who.visitor, &errors, &p))
}

/// `GET /profile/alerts`
pub async fn alerts_page(
    State(state): State<AppState>,
    who: SignedIn,
    Query(q): Query<SavedQuery>,
) -> PageResult {
    alerts_form(&state, &who, Errors::default(), None, q.saved.is_some()).await
}

/// `POST /profile/alerts`: the ticked boxes are `on=alert:channel`.
pub async fn alerts(
    State(state): State<AppState>,
    who: SignedIn,
    posted: Posted<Empty>,
) -> PageResult {
    let on: Vec<String> = posted
        .pairs
        .iter()
        .filter(|(k, _)| k == "on")
        .map(|(_, v)| v.clone())
        .collect();
    let consent = posted
        .pairs
        .iter()
        .any(|(k, v)| k == "sms_consent" && v == "yes");
    match state
        .app
        .set_preferences(&who.session, &on, consent, &who.visitor.client)
        .await
    {
        Ok(()) => Ok(Redirect::to("/profile/alerts?saved=1").into_response()),
        Err(e) => {
            let (_, errors) = refusal(&e, "alerts")?;
            alerts_form(&state, &who, errors, Some(&on), false).await
        }
    }
}

/// `POST /profile/alerts/stop-texts`: withdraws the consent to texts.
pub async fn stop_texts(
    State(state): State<AppState>,
    who: SignedIn,
    posted: Posted<Empty>,
) -> PageResult {
    state
        .app
        .withdraw_sms_consent(who.login, "portal", &posted.visitor.client)
        .await?;
    Ok(Redirect::to("/profile/alerts?saved=1").into_response())
}

#[derive(Template)]
#[template(path = "portal/paperless.html")]
struct PaperlessPage {
    chrome: Chrome,
    paperless: bool,
    esign_text: &'static str,
    email: String,
}

async fn paperless_form(state: &AppState, who: &SignedIn) -> Result<PaperlessPage, PageError> {
    let login = state.app.store().login(who.login).await?;
    let email = state
        .app
        .contact(who.login)
        .await?
        .email
        .unwrap_or_default();
    Ok(PaperlessPage {
        chrome: who.chrome(state, "profile").await,
        paperless: login.paperless,
        esign_text: ESIGN_TEXT,
        email,
    })
}

/// `GET /profile/paperless`: the E-SIGN disclosure, and the choice.
pub async fn paperless_page(State(state): State<AppState>, who: SignedIn) -> PageResult {
    Ok(render(&paperless_form(&state, &who).await?))
}

/// The paperless form.
#[derive(Deserialize)]
pub struct PaperlessForm {
    #[serde(default)]
    choice: String,
    #[serde(default)]
    agree: Option<String>,
}

/// `POST /profile/paperless`
pub async fn paperless(
    State(state): State<AppState>,
    who: SignedIn,
    posted: Posted<PaperlessForm>,
) -> PageResult {
    let f = posted.form;
    let on = f.choice == "paperless";
    if on && f.agree.is_none() {
        let p = paperless_form(&state, &who).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&p)).into_response());
    }
    state
        .app
        .set_paperless(&who.session, on, f.agree.is_some(), &who.visitor.client)
        .await
        .map_err(|e| PageError::internal(&e))?;
    Ok(Redirect::to("/profile?saved=1").into_response())
}

/// `?l=&a=&t=` of an unsubscribe link.
#[derive(Deserialize, Default)]
pub struct UnsubscribeQuery {
    #[serde(default)]
    l: String,
    #[serde(default)]
    a: String,
    #[serde(default)]
    t: String,
}

/// The answer to an unsubscribe link of a protective alert: its emails are not stopped,
/// and why.
fn always_sent(chrome: Chrome) -> Response {
    (
        StatusCode::BAD_REQUEST,
        notice(
            chrome,
            "These emails cannot be stopped",
            &[
                PROTECTIVE_WHY,
                "Nothing was changed. You choose every other alert in Profile and preferences, Alerts and reminders.",
            ],
            &[("/profile/alerts", "Alerts and reminders")],
        ),
    )
        .into_response()
}

/// `GET /unsubscribe`: asks to confirm (a link opened by a mail scanner changes nothing); a
/// protective alert's emails cannot be stopped, and the page says why.
pub async fn unsubscribe_page(visitor: Visitor, Query(q): Query<UnsubscribeQuery>) -> Response {
    if is_always_on(&q.a, "email") {
        return visitor.respond(always_sent(visitor.chrome("")));
    }
    let p = SinglePage {
        chrome: visitor.chrome(""),
        errors: Errors::default(),
        heading: "Stop these emails?".into(),
        intro: vec!["We will stop emailing you this alert. You can turn it back on in Profile and preferences. Security alerts and notices the law requires are still sent.".into()],
        action: "/unsubscribe",
        hidden: vec![("l".into(), q.l), ("a".into(), q.a), ("t".into(), q.t)],
        fields: Vec::new(),
        button: "Stop these emails".into(),
        links: Vec::new(),
    };
    page(&visitor, &Errors::default(), &p)
}

/// `POST /unsubscribe` (also the one-click unsubscribe of RFC 8058).
pub async fn unsubscribe(
    State(state): State<AppState>,
    posted: Posted<UnsubscribeQuery>,
) -> PageResult {
    let f = posted.form;
    if is_always_on(&f.a, "email") {
        // The app refuses it too (`App::unsubscribe`); here the page says why.
        return Ok(always_sent(posted.visitor.chrome("")));
    }
    let done = match f.l.parse::<i64>() {
        Ok(l) => state.app.unsubscribe(store::LoginId(l), &f.a, &f.t).await?,
        Err(_) => false,
    };
    let chrome = posted.visitor.chrome("");
    Ok(if done {
        notice(
            chrome,
            "You will not get these emails",
            &["You can turn them back on in Profile and preferences, Alerts and reminders."],
            &[("/login", "Sign in")],
        )
    } else {
        (StatusCode::BAD_REQUEST, notice(chrome, "That link is not valid", &["Nothing was changed. Sign in and choose your alerts in Profile and preferences."], &[("/login", "Sign in")])).into_response()
    })
}
