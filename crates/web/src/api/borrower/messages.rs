//! The message center (from the servicer) and secure messages (both ways).

use super::{CreatedJson, Me, identity_error};
use crate::AppState;
use crate::errors::{ApiError, ErrorBody, JsonBody};
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

/// A secure message to write.
#[derive(Deserialize, ToSchema)]
pub struct NewMessageRequest {
    /// Subject (up to 120 characters).
    #[schema(min_length = 1, max_length = 120)]
    pub subject: String,
    /// Text (up to 5,000 characters).
    #[schema(min_length = 1, max_length = 5000)]
    pub body: String,
}

/// `POST /api/v1/me/messages`
#[utoipa::path(post, path = "/api/v1/me/messages", request_body = NewMessageRequest, security(("bearer" = [])), responses(
    (status = 201, description = "Sent", body = CreatedJson), (status = 400, description = "Empty or too long", body = ErrorBody),
    (status = 429, description = "Too many messages for now", body = ErrorBody)))]
pub async fn send_message(
    State(state): State<AppState>,
    me: Me,
    JsonBody(r): JsonBody<NewMessageRequest>,
) -> Result<Response, ApiError> {
    let id = state
        .app
        .send_secure_message(&me.any.session, &r.subject, &r.body)
        .await
        .map_err(identity_error)?;
    Ok((StatusCode::CREATED, Json(CreatedJson { id })).into_response())
}
