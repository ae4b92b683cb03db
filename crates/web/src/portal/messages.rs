//! The message center: the borrower's inbox (alerts from us), their conversations with the
//! servicer (secure-message threads), writing to the servicer, and one conversation with its
//! reply form. Every thread is read through the login: another borrower's thread id is the
//! same 404 as one that does not exist. A reply from the servicer shows the servicer's name,
//! never the staff member's.

use super::{Chrome, Errors, Posted, SignedIn};
use crate::AppState;
use crate::kit::page::render;
use crate::kit::{PageError, PageResult};
use app::identity::TextEntry;
use app::messages::MessageError;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::messages::{MessageDirection, ThreadState};
use jiff::tz::TimeZone;
use serde::Deserialize;

/// A message from the servicer in the message center (the console's read-only copy of the
/// message center lists it so too).
pub(crate) struct MessageRow {
    /// Its id.
    pub(crate) id: String,
    /// Subject.
    pub(crate) subject: String,
    /// Who sent it: "Us".
    pub(crate) from: String,
    /// When, in the servicer's time zone.
    pub(crate) when: String,
    /// Not read yet.
    pub(crate) unread: bool,
    /// Text.
    pub(crate) body: String,
}

impl MessageRow {
    /// Message `m` (`read` or not), its time in `zone`, as a reader of `lang` reads it.
    pub(crate) fn of(m: store::Message, read: bool, zone: &TimeZone, lang: i18n::Lang) -> Self {
        MessageRow {
            id: m.id.to_string(),
            subject: m.message.subject,
            from: lang.tr().t("messages-from-us"),
            when: crate::kit::time::local_in(lang, zone, m.created_at_us),
            unread: !read,
            body: m.message.body,
        }
    }
}

/// A conversation in the list.
pub(crate) struct ThreadRow {
    /// Its id.
    pub(crate) id: i64,
    /// Subject.
    pub(crate) subject: String,
    /// "Waiting for our answer", "Answered" or "Closed".
    pub(crate) status: String,
    /// How many messages it holds and when it last changed, in the servicer's time zone:
    /// "2 messages · last December 6, 2026, 10:42 a.m. Eastern".
    pub(crate) meta: String,
}

impl ThreadRow {
    /// Conversation `t`, its time in `zone`, as a reader of `lang` reads it.
    pub(crate) fn of(t: &store::MessageThread, zone: &TimeZone, lang: i18n::Lang) -> Self {
        let when = crate::kit::time::local_in(lang, zone, t.updated_at_us);
        ThreadRow {
            id: t.id,
            subject: t.subject.clone(),
            status: lang.tr().t(status(t)),
            meta: lang
                .tr()
                .count("messages-thread-meta", t.messages, &[("when", &when)]),
        }
    }
}

#[derive(Template)]
#[template(path = "portal/messages.html")]
struct MessagesPage {
    chrome: Chrome,
    inbox: Vec<MessageRow>,
    threads: Vec<ThreadRow>,
    sent_ok: bool,
}

/// One message of a conversation, as the borrower reads it.
struct ThreadLine {
    /// Written by the servicer (shown under the servicer's name).
    ours: bool,
    when: String,
    body: String,
}

#[derive(Template)]
#[template(path = "portal/thread.html")]
struct ThreadPage {
    chrome: Chrome,
    errors: Errors,
    id: i64,
    subject: String,
    closed: bool,
    lines: Vec<ThreadLine>,
    body: String,
    sent_ok: bool,
}

/// How a conversation stands, in the borrower's words (a message id).
fn status(t: &store::MessageThread) -> &'static str {
    match (t.state, t.waiting_since_us) {
        (ThreadState::Closed, _) => "messages-status-closed",
        (ThreadState::Open, Some(_)) => "messages-status-waiting",
        (ThreadState::Open, None) => "messages-status-answered",
    }
}

/// A message refusal in `tr`'s language. The match is exhaustive: a new refusal cannot ship
/// without its words. (The staff's and the API's refusals never reach a borrower's page: they
/// read as the frame's own.)
pub(crate) fn refusal_words(tr: i18n::Tr, e: &MessageError) -> String {
    match e {
        MessageError::TextMissing(text) => tr.t(match text {
            TextEntry::MessageSubject => "messages-error-subject-missing",
            TextEntry::MessageBody => "messages-error-body-missing",
            TextEntry::Email => "messages-error-email-missing",
        }),
        MessageError::TextTooLong { text, max } => tr.t1(
            match text {
                TextEntry::MessageSubject => "messages-error-subject-too-long",
                TextEntry::MessageBody => "messages-error-body-too-long",
                TextEntry::Email => "messages-error-email-too-long",
            },
            "max",
            max,
        ),
        MessageError::Throttled => tr.t("messages-error-throttled"),
        MessageError::SessionEnded => tr.t("messages-error-session-ended"),
        MessageError::NotFound => tr.t("messages-error-not-found"),
        MessageError::Denied(_) => tr.t("error-not-allowed"),
        MessageError::StaffUnknown
        | MessageError::BadKey
        | MessageError::KeyReused
        | MessageError::Store(_) => tr.t("error-internal-body"),
    }
}

/// The form field a message refusal is about, if any.
pub(crate) fn form_field(e: &MessageError) -> Option<&'static str> {
    match e {
        MessageError::TextMissing(t) | MessageError::TextTooLong { text: t, .. } => Some(match t {
            TextEntry::MessageSubject => "subject",
            TextEntry::MessageBody => "body",
            TextEntry::Email => "email",
        }),
        _ => None,
    }
}

/// A refusal to show on the form (its status and message, on its field or on `fallback`);
/// a thread that is not theirs, an ended session and a failure of ours are answers of their
/// own.
fn refused(
    tr: i18n::Tr,
    e: MessageError,
    fallback: &'static str,
) -> Result<(StatusCode, Errors), PageError> {
    match e {
        MessageError::Store(s) => Err(PageError::internal(&s)),
        MessageError::NotFound => Err(crate::errors::not_found_page().into()),
        MessageError::SessionEnded => Err(Redirect::to("/login").into_response().into()),
        MessageError::Throttled => Ok((
            StatusCode::TOO_MANY_REQUESTS,
            Errors::one(fallback, refusal_words(tr, &e)),
        )),
        other => Ok((
            StatusCode::BAD_REQUEST,
            Errors::one(
                form_field(&other).unwrap_or(fallback),
                refusal_words(tr, &other),
            ),
        )),
    }
}

/// `?sent=1` after sending.
#[derive(Deserialize, Default)]
pub struct SentQuery {
    #[serde(default)]
    sent: Option<String>,
}

/// `GET /messages`: the message center and the conversations (and marks the center read).
pub async fn messages(
    State(state): State<AppState>,
    who: SignedIn,
    Query(q): Query<SentQuery>,
) -> PageResult {
    let inbox = state
        .app
        .store()
        .portal_messages(who.login, app::staff_portal::MESSAGE_CENTER_SHOWN)
        .await?;
    let threads = state
        .app
        .store()
        .message_threads_of_login(who.login)
        .await?;
    let lang = who.visitor.lang;
    let page_view = MessagesPage {
        chrome: who.chrome(&state, "messages").await,
        inbox: inbox
            .into_iter()
            .map(|(m, read)| MessageRow::of(m, read, state.app.zone(), lang))
            .collect(),
        threads: threads
            .iter()
            .map(|t| ThreadRow::of(t, state.app.zone(), lang))
            .collect(),
        sent_ok: q.sent.is_some(),
    };
    let response = render(&page_view);
    if let Err(e) = state.app.mark_messages_read(who.login).await {
        tracing::warn!(error = %e, "cannot mark the message center read");
    }
    Ok(response)
}

fn compose(
    chrome: Chrome,
    status: StatusCode,
    errors: Errors,
    subject: String,
    body: String,
) -> Response {
    let p = ComposePage {
        chrome,
        errors,
        subject,
        body,
    };
    (status, render(&p)).into_response()
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
        StatusCode::OK,
        Errors::default(),
        String::new(),
        String::new(),
    )
}

/// The message form: a new conversation (subject and body), or, with `thread`, a message in
/// one of the borrower's conversations (body only).
#[derive(Deserialize)]
pub struct MessageForm {
    #[serde(default)]
    subject: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    thread: String,
}

/// `POST /messages`: a secure message to the servicer, starting a conversation or in one.
pub async fn send_message(
    State(state): State<AppState>,
    who: SignedIn,
    posted: Posted<MessageForm>,
) -> PageResult {
    let f = posted.form;
    if !f.thread.is_empty() {
        return write_in_thread(&state, &who, &f.thread, f.body).await;
    }
    match state
        .app
        .start_thread(&who.session, &f.subject, &f.body)
        .await
    {
        Ok(_) => Ok(Redirect::to("/messages?sent=1").into_response()),
        Err(e) => {
            let subject_refused = matches!(
                e,
                MessageError::TextMissing(TextEntry::MessageSubject)
                    | MessageError::TextTooLong {
                        text: TextEntry::MessageSubject,
                        ..
                    }
            );
            let tr = who.visitor.lang.tr();
            let (status, mut errors) = refused(tr, e, "body")?;
            // The app stops at the subject; the message is checked too, so the form says
            // everything that is wrong at once.
            if subject_refused
                && let Err(problem) =
                    domain::messages::clean_text(&f.body, domain::messages::BODY_MAX)
            {
                let also = match problem {
                    domain::messages::TextProblem::Missing => {
                        MessageError::TextMissing(TextEntry::MessageBody)
                    }
                    domain::messages::TextProblem::TooLong { max } => MessageError::TextTooLong {
                        text: TextEntry::MessageBody,
                        max,
                    },
                };
                errors.push("body", refusal_words(tr, &also));
            }
            Ok(compose(
                who.chrome(&state, "messages").await,
                status,
                errors,
                f.subject,
                f.body,
            ))
        }
    }
}

/// A message in conversation `thread` (as the form sent it): back to the conversation, or
/// the conversation again with what is wrong.
async fn write_in_thread(
    state: &AppState,
    who: &SignedIn,
    thread: &str,
    body: String,
) -> PageResult {
    let Ok(id) = thread.parse::<i64>() else {
        return Ok(crate::errors::not_found_page());
    };
    match state.app.write_in_thread(&who.session, id, &body).await {
        Ok(_) => Ok(Redirect::to(&format!("/messages/{id}?sent=1")).into_response()),
        Err(e) => {
            let (status, errors) = refused(who.visitor.lang.tr(), e, "body")?;
            let page = thread_page(state, who, id, errors, body, false).await?;
            Ok((status, page).into_response())
        }
    }
}

/// The page of the borrower's conversation `id`, or the 404 page when it is not theirs.
async fn thread_page(
    state: &AppState,
    who: &SignedIn,
    id: i64,
    errors: Errors,
    body: String,
    sent_ok: bool,
) -> PageResult {
    let Some(t) = state
        .app
        .store()
        .message_thread_of_login(who.login, id)
        .await?
    else {
        return Ok(crate::errors::not_found_page());
    };
    let lines = state
        .app
        .store()
        .thread_messages(t.id)
        .await?
        .into_iter()
        .map(|m| ThreadLine {
            ours: m.direction == MessageDirection::ToBorrower,
            when: crate::kit::time::local_in(who.visitor.lang, state.app.zone(), m.created_at_us),
            body: m.body,
        })
        .collect();
    Ok(render(&ThreadPage {
        chrome: who.chrome(state, "messages").await,
        errors,
        id: t.id,
        subject: t.subject,
        closed: t.state == ThreadState::Closed,
        lines,
        body,
        sent_ok,
    }))
}

/// `GET /messages/{id}`: one conversation of this borrower (another's is a 404, like none).
pub async fn message(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<String>,
    Query(q): Query<SentQuery>,
) -> PageResult {
    let Ok(id) = id.parse::<i64>() else {
        return Ok(crate::errors::not_found_page());
    };
    thread_page(
        &state,
        &who,
        id,
        Errors::default(),
        String::new(),
        q.sent.is_some(),
    )
    .await
}
