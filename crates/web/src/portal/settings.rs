//! Profile and preferences: contact details (after re-entering the password), password,
//! the second sign-in step (authenticator app with recovery codes, or codes by message),
//! alerts per alert and channel with consent to texts, paperless statements with E-SIGN
//! consent, the message center and secure messages, unsubscribe links and text STOP.

use super::auth::{Empty, notice, page, refusal};
use super::{Chrome, Errors, Posted, SignedIn, Visitor, redirect_with_session};
use crate::AppState;
use crate::kit::page::render;
use crate::kit::page::{Field, NoticePage, SinglePage};
use app::identity::IdentityError;
use app::identity::profile::{ALERTS, CHANNELS, ESIGN_TEXT, SMS_CONSENT_TEXT};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use domain::identity::SecondFactor;
use domain::messages::MessageDirection;
use serde::Deserialize;

fn internal(e: &dyn std::fmt::Display) -> Response {
    crate::errors::internal_page(&crate::errors::log_internal(e))
}

/// A store read, or the 500 page.
macro_rules! read {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(e) => return internal(&e),
        }
    };
}

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
    #[serde(default)]
    saved: Option<String>,
}

/// `GET /profile`
pub async fn profile(
    State(state): State<AppState>,
    who: SignedIn,
    Query(q): Query<SavedQuery>,
) -> Response {
    let login = read!(state.app.store().login(who.login).await);
    let contact = read!(state.app.contact(who.login).await);
    render(&ProfilePage {
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
    })
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
) -> Response {
    let f = posted.form;
    match state
        .app
        .step_up(&who.session, &f.password, &who.visitor.client)
        .await
    {
        Ok(()) => Redirect::to(safe_next(&f.next)).into_response(),
        Err(e) => match refusal(&e, "password") {
            Err(r) => r,
            Ok((status, errors)) => (
                status,
                render(&step_up_form(
                    who.chrome(&state, "profile").await,
                    errors,
                    &f.next,
                )),
            )
                .into_response(),
        },
    }
}

fn needs_step_up(state: &AppState, who: &SignedIn, next: &str) -> Option<Response> {
    state
        .app
        .require_step_up(&who.session)
        .is_err()
        .then(|| Redirect::to(&format!("/confirm-password?next={next}")).into_response())
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
pub async fn contact_page(State(state): State<AppState>, who: SignedIn) -> Response {
    if let Some(r) = needs_step_up(&state, &who, "/profile/contact") {
        return r;
    }
    let c = read!(state.app.contact(who.login).await);
    let p = contact_form(
        who.chrome(&state, "profile").await,
        Errors::default(),
        c.email.unwrap_or_default(),
        c.phone.unwrap_or_default(),
        c.address.unwrap_or_default(),
    );
    page(&who.visitor, &Errors::default(), &p)
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
) -> Response {
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
        Ok(()) => Redirect::to("/profile?saved=1").into_response(),
        Err(IdentityError::StepUpRequired) => {
            Redirect::to("/confirm-password?next=/profile/contact").into_response()
        }
        Err(e) => match refusal(&e, "email") {
            Err(r) => r,
            Ok((status, errors)) => (
                status,
                render(&contact_form(
                    who.chrome(&state, "profile").await,
                    errors,
                    f.email,
                    f.phone,
                    f.address,
                )),
            )
                .into_response(),
        },
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
) -> Response {
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
        Ok(token) => redirect_with_session("/profile?saved=1", Some(&token)),
        Err(e) => match refusal(&e, "password") {
            Err(r) => r,
            Ok((status, errors)) => (
                status,
                render(&password_form(who.chrome(&state, "profile").await, errors)),
            )
                .into_response(),
        },
    }
}

#[derive(Template)]
#[template(path = "portal/security.html")]
struct SecurityPage {
    chrome: Chrome,
    totp: bool,
    recovery_left: i64,
}

/// `GET /profile/security`
pub async fn security(State(state): State<AppState>, who: SignedIn) -> Response {
    let login = read!(state.app.store().login(who.login).await);
    let left = read!(state.app.store().recovery_codes_left(who.login).await);
    render(&SecurityPage {
        chrome: who.chrome(&state, "profile").await,
        totp: login.second_factor == SecondFactor::Totp,
        recovery_left: left,
    })
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
) -> Response {
    let login = read!(state.app.store().login(who.login).await);
    // A secret the borrower is already typing in is kept, so a mistyped code can be retried.
    let setup = match state.app.totp_setup(&login.username, secret) {
        Ok(s) => s,
        Err(e) => return internal(&e),
    };
    let p = TotpPage {
        chrome: who.chrome(state, "profile").await,
        errors: errors.clone(),
        secret: setup.secret,
        qr_svg_data: format!(
            "data:image/svg+xml;base64,{}",
            base64_encode(setup.qr_svg.as_bytes())
        ),
    };
    page(&who.visitor, &errors, &p)
}

fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// `GET /profile/security/authenticator` (after a step-up)
pub async fn totp_page(State(state): State<AppState>, who: SignedIn) -> Response {
    if let Some(r) = needs_step_up(&state, &who, "/profile/security/authenticator") {
        return r;
    }
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
) -> Response {
    let f = posted.form;
    match state.app.totp_enable(&who.session, &f.secret, &f.code, &who.visitor.client).await {
        Ok(codes) => render(&NoticePage {
            chrome: who.chrome(&state, "profile").await,
            heading: "Your authenticator app is set up".into(),
            paragraphs: vec![
                "From now on, signing in asks for the code your app shows.".into(),
                "Save these recovery codes somewhere safe, such as a password manager or on paper. Each works once, if you lose your phone. We will not show them again.".into(),
            ],
            codes,
            links: vec![("/profile".into(), "Back to your profile".into())],
        }),
        Err(IdentityError::StepUpRequired) => Redirect::to("/confirm-password?next=/profile/security/authenticator").into_response(),
        Err(e) => match refusal(&e, "code") {
            Err(r) => r,
            Ok((_, errors)) => totp_form(&state, &who, errors, Some(&f.secret)).await,
        },
    }
}

/// `POST /profile/security/codes-by-message`: back to codes by email.
pub async fn totp_disable(
    State(state): State<AppState>,
    who: SignedIn,
    posted: Posted<Empty>,
) -> Response {
    let _ = posted;
    match state
        .app
        .totp_disable(&who.session, false, &who.visitor.client)
        .await
    {
        Ok(()) => Redirect::to("/profile?saved=1").into_response(),
        Err(IdentityError::StepUpRequired) => {
            Redirect::to("/confirm-password?next=/profile/security").into_response()
        }
        Err(e) => internal(&e),
    }
}

struct AlertRow {
    key: &'static str,
    name: &'static str,
    about: &'static str,
    channels: Vec<(&'static str, &'static str, bool)>,
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
) -> Response {
    let prefs = read!(state.app.preferences(who.login).await);
    let consented = read!(state.app.has_sms_consent(who.login).await);
    let has_phone = read!(state.app.contact(who.login).await).phone.is_some();
    let rows = ALERTS
        .iter()
        .map(|(key, name, about)| AlertRow {
            key,
            name,
            about,
            channels: CHANNELS
                .iter()
                .map(|(c, label)| {
                    let on = match chosen {
                        Some(list) => list.iter().any(|i| *i == format!("{key}:{c}")),
                        None => prefs
                            .iter()
                            .any(|p| p.alert == *key && p.channel == *c && p.enabled),
                    };
                    (*c, *label, on)
                })
                .collect(),
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
    page(&who.visitor, &errors, &p)
}

/// `GET /profile/alerts`
pub async fn alerts_page(
    State(state): State<AppState>,
    who: SignedIn,
    Query(q): Query<SavedQuery>,
) -> Response {
    alerts_form(&state, &who, Errors::default(), None, q.saved.is_some()).await
}

/// `POST /profile/alerts`: the ticked boxes are `on=alert:channel`.
pub async fn alerts(
    State(state): State<AppState>,
    who: SignedIn,
    posted: Posted<Empty>,
) -> Response {
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
        Ok(()) => Redirect::to("/profile/alerts?saved=1").into_response(),
        Err(e) => match refusal(&e, "alerts") {
            Err(r) => r,
            Ok((_, errors)) => alerts_form(&state, &who, errors, Some(&on), false).await,
        },
    }
}

/// `POST /profile/alerts/stop-texts`: withdraws the consent to texts.
pub async fn stop_texts(
    State(state): State<AppState>,
    who: SignedIn,
    posted: Posted<Empty>,
) -> Response {
    match state
        .app
        .withdraw_sms_consent(who.login, "portal", &posted.visitor.client)
        .await
    {
        Ok(()) => Redirect::to("/profile/alerts?saved=1").into_response(),
        Err(e) => internal(&e),
    }
}

#[derive(Template)]
#[template(path = "portal/paperless.html")]
struct PaperlessPage {
    chrome: Chrome,
    paperless: bool,
    esign_text: &'static str,
    email: String,
}

/// `GET /profile/paperless`: the E-SIGN disclosure, and the choice.
pub async fn paperless_page(State(state): State<AppState>, who: SignedIn) -> Response {
    let login = read!(state.app.store().login(who.login).await);
    let email = read!(state.app.contact(who.login).await)
        .email
        .unwrap_or_default();
    render(&PaperlessPage {
        chrome: who.chrome(&state, "profile").await,
        paperless: login.paperless,
        esign_text: ESIGN_TEXT,
        email,
    })
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
) -> Response {
    let f = posted.form;
    let on = f.choice == "paperless";
    if on && f.agree.is_none() {
        let login = read!(state.app.store().login(who.login).await);
        let email = read!(state.app.contact(who.login).await)
            .email
            .unwrap_or_default();
        let p = PaperlessPage {
            chrome: who.chrome(&state, "profile").await,
            paperless: login.paperless,
            esign_text: ESIGN_TEXT,
            email,
        };
        return (StatusCode::BAD_REQUEST, render(&p)).into_response();
    }
    match state
        .app
        .set_paperless(&who.session, on, &who.visitor.client)
        .await
    {
        Ok(()) => Redirect::to("/profile?saved=1").into_response(),
        Err(e) => internal(&e),
    }
}

struct MessageRow {
    id: String,
    subject: String,
    from: &'static str,
    when: String,
    unread: bool,
    body: String,
}

#[derive(Template)]
#[template(path = "portal/messages.html")]
struct MessagesPage {
    chrome: Chrome,
    inbox: Vec<MessageRow>,
    sent: Vec<MessageRow>,
    sent_ok: bool,
}

fn when(us: i64) -> String {
    jiff::Timestamp::from_microsecond(us)
        .map(|t| t.strftime("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default()
}

/// `?sent=1` after sending.
#[derive(Deserialize, Default)]
pub struct SentQuery {
    #[serde(default)]
    sent: Option<String>,
}

/// `GET /messages`: the message center (and marks it read).
pub async fn messages(
    State(state): State<AppState>,
    who: SignedIn,
    Query(q): Query<SentQuery>,
) -> Response {
    let inbox = read!(state.app.store().portal_messages(who.login, 100).await);
    let sent = read!(state.app.store().secure_messages(who.login).await);
    let page_view = MessagesPage {
        chrome: who.chrome(&state, "messages").await,
        inbox: inbox
            .into_iter()
            .map(|(m, read)| MessageRow {
                id: m.id.to_string(),
                subject: m.message.subject,
                from: "Us",
                when: when(m.created_at_us),
                unread: !read,
                body: m.message.body,
            })
            .collect(),
        sent: sent
            .into_iter()
            .rev()
            .map(|m| MessageRow {
                id: m.id.to_string(),
                subject: m.subject,
                from: if m.direction == MessageDirection::ToServicer {
                    "You"
                } else {
                    "Us"
                },
                when: when(m.created_at_us),
                unread: false,
                body: m.body,
            })
            .collect(),
        sent_ok: q.sent.is_some(),
    };
    let response = render(&page_view);
    if let Err(e) = state.app.mark_messages_read(who.login).await {
        tracing::warn!(error = %e, "cannot mark the message center read");
    }
    response
}

fn compose(chrome: Chrome, errors: Errors, subject: String, body: String) -> Response {
    let p = ComposePage {
        chrome,
        errors: errors.clone(),
        subject,
        body,
    };
    (crate::kit::status_of(&errors), render(&p)).into_response()
}

#[derive(Template)]
#[template(path = "portal/compose.html")]
struct ComposePage {
    chrome: Chrome,
    errors: Errors,
    subject: String,
    body: String,
}

/// `GET /messages/new`
pub async fn new_message(State(state): State<AppState>, who: SignedIn) -> Response {
    compose(
        who.chrome(&state, "messages").await,
        Errors::default(),
        String::new(),
        String::new(),
    )
}

/// The message form.
#[derive(Deserialize)]
pub struct MessageForm {
    #[serde(default)]
    subject: String,
    #[serde(default)]
    body: String,
}

/// `POST /messages`: a secure message to the servicer.
pub async fn send_message(
    State(state): State<AppState>,
    who: SignedIn,
    posted: Posted<MessageForm>,
) -> Response {
    let f = posted.form;
    match state
        .app
        .send_secure_message(&who.session, &f.subject, &f.body)
        .await
    {
        Ok(_) => Redirect::to("/messages?sent=1").into_response(),
        Err(e) => match refusal(&e, "body") {
            Err(r) => r,
            Ok((_, errors)) => compose(
                who.chrome(&state, "messages").await,
                errors,
                f.subject,
                f.body,
            ),
        },
    }
}

/// `GET /messages/{id}`: one secure message of this borrower (another's is a 404, like none).
pub async fn message(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return crate::errors::not_found_page();
    };
    let all = read!(state.app.store().secure_messages(who.login).await);
    let Some(m) = all.into_iter().find(|m| m.id == id) else {
        return crate::errors::not_found_page();
    };
    render(&NoticePage {
        chrome: who.chrome(&state, "messages").await,
        heading: m.subject,
        paragraphs: vec![
            format!(
                "{} · {}",
                if m.direction == MessageDirection::ToServicer {
                    "You wrote"
                } else {
                    "We wrote"
                },
                when(m.created_at_us)
            ),
            m.body,
        ],
        codes: Vec::new(),
        links: vec![("/messages".into(), "Back to messages".into())],
    })
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

/// `GET /unsubscribe`: asks to confirm (a link opened by a mail scanner changes nothing).
pub async fn unsubscribe_page(visitor: Visitor, Query(q): Query<UnsubscribeQuery>) -> Response {
    let p = SinglePage {
        chrome: visitor.chrome(""),
        errors: Errors::default(),
        heading: "Stop these emails?",
        intro: vec!["We will stop emailing you this alert. You can turn it back on in Profile and preferences. Security alerts and notices the law requires are still sent.".into()],
        action: "/unsubscribe",
        hidden: vec![("l".into(), q.l), ("a".into(), q.a), ("t".into(), q.t)],
        fields: Vec::new(),
        button: "Stop these emails",
        links: Vec::new(),
    };
    page(&visitor, &Errors::default(), &p)
}

/// `POST /unsubscribe` (also the one-click unsubscribe of RFC 8058).
pub async fn unsubscribe(
    State(state): State<AppState>,
    posted: Posted<UnsubscribeQuery>,
) -> Response {
    let f = posted.form;
    let done = match f.l.parse::<i64>() {
        Ok(l) => read!(state.app.unsubscribe(store::LoginId(l), &f.a, &f.t).await),
        Err(_) => false,
    };
    let chrome = posted.visitor.chrome("");
    if done {
        notice(
            chrome,
            "You will not get these emails",
            &["You can turn them back on in Profile and preferences, Alerts and reminders."],
            &[("/login", "Sign in")],
        )
    } else {
        (StatusCode::BAD_REQUEST, notice(chrome, "That link is not valid", &["Nothing was changed. Sign in and choose your alerts in Profile and preferences."], &[("/login", "Sign in")])).into_response()
    }
}

/// The SMS provider's inbound-message webhook.
#[derive(Deserialize)]
pub struct InboundSms {
    #[serde(default, rename = "From")]
    from: String,
    #[serde(default, rename = "Body")]
    body: String,
}

/// `POST /hooks/sms`: a reply STOP (or UNSUBSCRIBE, CANCEL, END, QUIT) stops texts to that
/// number. Authenticated by the shared secret the provider sends in `X-Servicer-Token`;
/// without a configured secret the hook answers 404.
pub async fn sms_inbound(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::Form(m): axum::Form<InboundSms>,
) -> Response {
    let Some(expected) = state.sms_inbound_token.as_deref() else {
        return crate::errors::not_found_page();
    };
    let given = headers
        .get("x-servicer-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if given.is_empty() || !secrets_match(given, expected) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let word = m.body.trim().to_uppercase();
    if ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"].contains(&word.as_str()) {
        read!(state.app.sms_stop(&m.from).await);
    }
    StatusCode::NO_CONTENT.into_response()
}

/// Whether a secret a caller sent is the one configured, in time that does not depend on
/// where they differ (`==` stops at the first wrong byte, so timing would reveal a prefix):
/// both sides are hashed to 32 bytes and every byte is compared.
fn secrets_match(given: &str, expected: &str) -> bool {
    use sha2::{Digest, Sha256};
    let (given, expected) = (Sha256::digest(given), Sha256::digest(expected));
    let differ = given
        .iter()
        .zip(expected.iter())
        .fold(0_u8, |acc, (a, b)| acc | (a ^ b));
    std::hint::black_box(differ) == 0
}

#[cfg(test)]
mod tests {
    use super::secrets_match;

    #[test]
    fn the_sms_hook_secret_matches_only_itself() {
        let secret = "hook-secret-7f3a9c";
        assert!(secrets_match(secret, secret));
        for other in [
            "",
            "hook-secret-7f3a9",
            "hook-secret-7f3a9d",
            "hook-secret-7f3a9c ",
            "Hook-secret-7f3a9c",
            "hook-secret-7f3a9c-and-more",
        ] {
            assert!(!secrets_match(other, secret), "{other:?}");
        }
    }
}
