//! What the borrower is sent, and how: alerts per alert and channel with the consent to
//! texts (and withdrawing it), paperless statements with the E-SIGN consent, and the
//! unsubscribe link of an alert email (which works without signing in).

use super::auth::{Empty, notice, page, refusal};
use super::profile::SavedQuery;
use super::{Chrome, Errors, Posted, SignedIn, Visitor};
use crate::AppState;
use crate::kit::page::{SinglePage, render};
use crate::kit::{PageError, PageResult};
use app::identity::profile::{ALERTS, CHANNELS, PROTECTIVE, is_always_on};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

struct AlertRow {
    key: &'static str,
    name: String,
    about: String,
    /// (channel, its name, on, always on: a protective alert's, which cannot be unticked).
    channels: Vec<(&'static str, String, bool, bool)>,
    /// A protective alert: some of its channels are always on, and the page says why.
    protective: bool,
}

/// The message ids of an alert's name and of what it tells, by its key; `None` for a key
/// the page has no words for (`every_alert_has_words` holds every key of
/// [`ALERTS`] to having them).
fn alert_words(key: &str) -> Option<(&'static str, &'static str)> {
    Some(match key {
        "payment_due" => ("alerts-payment-due", "alerts-payment-due-about"),
        "payment_received" => ("alerts-payment-received", "alerts-payment-received-about"),
        "autopay_upcoming" => ("alerts-autopay-upcoming", "alerts-autopay-upcoming-about"),
        "payment_returned" => ("alerts-payment-returned", "alerts-payment-returned-about"),
        "statement_ready" => ("alerts-statement-ready", "alerts-statement-ready-about"),
        "past_due" => ("alerts-past-due", "alerts-past-due-about"),
        "paid_off" => ("alerts-paid-off", "alerts-paid-off-about"),
        "secure_message" => ("alerts-secure-message", "alerts-secure-message-about"),
        _ => return None,
    })
}

/// The message id of a channel's name, by its key (`every_channel_has_words` holds every
/// key of [`CHANNELS`] to having one).
fn channel_words(key: &str) -> Option<&'static str> {
    Some(match key {
        "email" => "alerts-channel-email",
        "sms" => "alerts-channel-sms",
        "portal" => "alerts-channel-portal",
        _ => return None,
    })
}

#[derive(Template)]
#[template(path = "portal/alerts.html")]
struct AlertsPage {
    chrome: Chrome,
    errors: Errors,
    rows: Vec<AlertRow>,
    sms_consented: bool,
    has_phone: bool,
    consent_text: String,
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
    let tr = who.visitor.lang.tr();
    let rows = ALERTS
        .iter()
        .map(|(key, name, about)| AlertRow {
            key,
            // An alert without words of its own (a test stops that) shows the app's.
            name: alert_words(key).map_or_else(|| (*name).to_owned(), |(n, _)| tr.t(n)),
            about: alert_words(key).map_or_else(|| (*about).to_owned(), |(_, a)| tr.t(a)),
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
                    let label = channel_words(c).map_or_else(|| (*label).to_owned(), |id| tr.t(id));
                    (*c, label, on, always)
                })
                .collect(),
            protective: PROTECTIVE.contains(key),
        })
        .collect();
    let p = AlertsPage {
        chrome: who.chrome(state, "profile").await,
        errors: errors.clone(),
        rows,
        sms_consented: consented,
        has_phone,
        consent_text: tr.t("alerts-sms-consent"),
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
            let (_, errors) = refusal(&e, "alerts", who.visitor.lang.tr())?;
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
    let tr = chrome.tr;
    let why = tr.t("alerts-protective-why");
    let nothing = tr.t("alerts-cannot-stop-body");
    let link = tr.t("alerts-title");
    (
        StatusCode::BAD_REQUEST,
        notice(
            chrome,
            tr.t("alerts-cannot-stop"),
            &[why.as_str(), nothing.as_str()],
            &[("/profile/alerts", link.as_str())],
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
    let tr = visitor.lang.tr();
    let p = SinglePage {
        chrome: visitor.chrome(""),
        errors: Errors::default(),
        heading: tr.t("alerts-unsubscribe-heading"),
        intro: vec![tr.t("alerts-unsubscribe-intro")],
        action: "/unsubscribe",
        hidden: vec![("l".into(), q.l), ("a".into(), q.a), ("t".into(), q.t)],
        fields: Vec::new(),
        button: tr.t("alerts-unsubscribe-button"),
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
    let tr = chrome.tr;
    let sign_in = tr.t("alerts-unsubscribe-sign-in");
    Ok(if done {
        let body = tr.t("alerts-unsubscribed-body");
        notice(
            chrome,
            tr.t("alerts-unsubscribed"),
            &[body.as_str()],
            &[("/login", sign_in.as_str())],
        )
    } else {
        let body = tr.t("alerts-unsubscribe-invalid-body");
        (
            StatusCode::BAD_REQUEST,
            notice(
                chrome,
                tr.t("alerts-unsubscribe-invalid"),
                &[body.as_str()],
                &[("/login", sign_in.as_str())],
            ),
        )
            .into_response()
    })
}

#[cfg(test)]
mod tests {
    use super::{alert_words, channel_words};
    use app::identity::profile::{ALERTS, CHANNELS};

    #[test]
    fn every_alert_has_words() {
        for (key, name, about) in ALERTS {
            let (n, a) = alert_words(key).unwrap_or_else(|| panic!("{key} has no words"));
            // The English words are the app's.
            assert_eq!(i18n::Lang::En.tr().t(n), *name, "{key}");
            assert_eq!(i18n::Lang::En.tr().t(a), *about, "{key}");
            assert_ne!(i18n::Lang::Es.tr().t(n), *name, "{key} in Spanish");
        }
    }

    #[test]
    fn every_channel_has_words() {
        for (key, name) in CHANNELS {
            let id = channel_words(key).unwrap_or_else(|| panic!("{key} has no words"));
            assert_eq!(i18n::Lang::En.tr().t(id), *name, "{key}");
            assert_ne!(i18n::Lang::Es.tr().t(id), *name, "{key} in Spanish");
        }
    }

    #[test]
    fn the_consents_say_the_apps_words_in_english() {
        let en = i18n::Lang::En.tr();
        assert_eq!(
            en.t("alerts-sms-consent"),
            app::identity::profile::SMS_CONSENT_TEXT
        );
        assert_eq!(en.t("paperless-esign"), app::identity::profile::ESIGN_TEXT);
        assert_eq!(
            en.t("alerts-protective-why"),
            app::identity::profile::PROTECTIVE_WHY
        );
    }
}
