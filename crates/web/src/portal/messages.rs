//! The message center: the borrower's inbox (alerts and our replies) and sent secure
//! messages, writing to the servicer, and reading one message.

use super::auth::refusal;
use super::{Chrome, Errors, Posted, SignedIn};
use crate::AppState;
use crate::kit::PageResult;
use crate::kit::page::{NoticePage, render};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::messages::MessageDirection;
use serde::Deserialize;

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
) -> PageResult {
    let inbox = state.app.store().portal_messages(who.login, 100).await?;
    let sent = state.app.store().secure_messages(who.login).await?;
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
    Ok(response)
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
) -> PageResult {
    let f = posted.form;
    match state
        .app
        .send_secure_message(&who.session, &f.subject, &f.body)
        .await
    {
        Ok(_) => Ok(Redirect::to("/messages?sent=1").into_response()),
        Err(e) => {
            let (_, errors) = refusal(&e, "body")?;
            Ok(compose(
                who.chrome(&state, "messages").await,
                errors,
                f.subject,
                f.body,
            ))
        }
    }
}

/// `GET /messages/{id}`: one secure message of this borrower (another's is a 404, like none).
pub async fn message(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<String>,
) -> PageResult {
    let Ok(id) = id.parse::<i64>() else {
        return Ok(crate::errors::not_found_page());
    };
    let all = state.app.store().secure_messages(who.login).await?;
    let Some(m) = all.into_iter().find(|m| m.id == id) else {
        return Ok(crate::errors::not_found_page());
    };
    Ok(render(&NoticePage {
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
    }))
}
