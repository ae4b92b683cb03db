//! The message center (from the servicer) and secure messages (both ways, in threads).

use super::{CreatedJson, Me};
use crate::AppState;
use crate::api::request_field;
use crate::errors::{ApiError, ErrorBody, JsonBody};
use app::messages::MessageError;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::messages::MessageDirection;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A message.
#[derive(Serialize, ToSchema)]
pub struct MessageJson {
    /// Id.
    pub id: i64,
    /// The conversation (thread) a secure message is in; absent for the message center's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thread_id: Option<i64>,
    /// Subject.
    pub subject: String,
    /// Text.
    pub body: String,
    /// RFC 3339 instant.
    pub at: String,
    /// `from_servicer` or `to_servicer`.
    pub direction: String,
}

/// The message center and secure messages.
#[derive(Serialize, ToSchema)]
pub struct MessagesJson {
    /// From the servicer, newest first.
    pub inbox: Vec<MessageJson>,
    /// Secure messages, oldest first.
    pub secure: Vec<MessageJson>,
}

fn at(us: i64) -> String {
    jiff::Timestamp::from_microsecond(us)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// A refusal of a secure-message request as the API answers it; a refusal of a text names
/// its field (`subject`, `body`).
pub(crate) fn message_error(e: MessageError) -> ApiError {
    match e {
        MessageError::Store(s) => ApiError::internal(&s),
        MessageError::Throttled => {
            ApiError::new(StatusCode::TOO_MANY_REQUESTS, "throttled", e.to_string())
        }
        MessageError::SessionEnded => ApiError::unauthorized(),
        MessageError::NotFound => ApiError::not_found("no such message thread"),
        MessageError::Denied(d) => {
            ApiError::new(StatusCode::FORBIDDEN, "insufficient_scope", d.to_string())
        }
        MessageError::KeyReused => ApiError::new(
            StatusCode::CONFLICT,
            "idempotency_key_reused",
            e.to_string(),
        ),
        MessageError::BadKey => ApiError::field("Idempotency-Key", e.to_string()),
        other => match crate::portal::messages::form_field(&other).and_then(request_field) {
            Some(field) => ApiError::field(field, other.to_string()),
            None => ApiError::bad_request(other.to_string()),
        },
    }
}

/// `GET /api/v1/me/messages`
#[utoipa::path(get, path = "/api/v1/me/messages", security(("bearer" = [])), responses((status = 200, description = "Messages", body = MessagesJson)))]
pub async fn messages(
    State(state): State<AppState>,
    me: Me,
) -> Result<Json<MessagesJson>, ApiError> {
    let inbox = state.app.store().portal_messages(me.login, 100).await?;
    let secure = state.app.store().secure_messages(me.login).await?;
    Ok(Json(MessagesJson {
        inbox: inbox
            .into_iter()
            .map(|(m, _)| MessageJson {
                id: m.id,
                thread_id: None,
                subject: m.message.subject,
                body: m.message.body,
                at: at(m.created_at_us),
                direction: "from_servicer".into(),
            })
            .collect(),
        secure: secure
            .into_iter()
            .map(|m| MessageJson {
                id: m.id,
                thread_id: Some(m.thread_id),
                subject: m.subject,
                body: m.body,
                at: at(m.created_at_us),
                // The API names a message to the borrower as the inbox does.
                direction: match m.direction {
                    MessageDirection::ToServicer => "to_servicer",
                    MessageDirection::ToBorrower => "from_servicer",
                }
                .into(),
            })
            .collect(),
    }))
}

/// A secure message to write: a new conversation (`subject` and `body`), or a message in one
/// of yours (`thread_id` and `body`; a closed conversation opens again).
#[derive(Deserialize, ToSchema)]
pub struct NewMessageRequest {
    /// Subject (up to 120 characters) of a new conversation; not used with `thread_id`.
    #[serde(default)]
    #[schema(max_length = 120)]
    pub subject: String,
    /// Text (up to 5,000 characters).
    #[schema(min_length = 1, max_length = 5000)]
    pub body: String,
    /// The conversation to write in (a secure message's `thread_id`); omit to start one.
    #[serde(default)]
    pub thread_id: Option<i64>,
}

/// `POST /api/v1/me/messages`
#[utoipa::path(post, path = "/api/v1/me/messages", request_body = NewMessageRequest, security(("bearer" = [])), responses(
    (status = 201, description = "Sent: the message's id", body = CreatedJson), (status = 400, description = "Empty or too long", body = ErrorBody),
    (status = 404, description = "`thread_id` is not one of your conversations", body = ErrorBody),
    (status = 429, description = "Too many messages for now", body = ErrorBody)))]
pub async fn send_message(
    State(state): State<AppState>,
    me: Me,
    JsonBody(r): JsonBody<NewMessageRequest>,
) -> Result<Response, ApiError> {
    let sent = match r.thread_id {
        Some(thread) => {
            state
                .app
                .write_in_thread(&me.any.session, thread, &r.body)
                .await
        }
        None => {
            state
                .app
                .start_thread(&me.any.session, &r.subject, &r.body)
                .await
        }
    }
    .map_err(message_error)?;
    Ok((StatusCode::CREATED, Json(CreatedJson { id: sent.message })).into_response())
}
