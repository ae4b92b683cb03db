//! Signing in (password, then the second factor when one is asked for) and signing out.

use super::{AnySession, CodeRequest, Me, TokenJson, identity_error};
use crate::AppState;
use crate::errors::{ApiError, ErrorBody, JsonBody};
use crate::kit::{client_info as client, cookie};
use app::identity::sign_in::SignIn;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Username and password.
#[derive(Deserialize, ToSchema)]
pub struct SignInRequest {
    /// Username.
    pub username: String,
    /// Password.
    pub password: String,
}

/// The first step of signing in.
#[derive(Serialize, ToSchema)]
pub struct SignInJson {
    /// The token: for `/sessions/verify` while `second_factor` is set, else signed in.
    pub token: String,
    /// `totp`, `email` or `sms`: what `/sessions/verify` wants; absent when signed in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub second_factor: Option<String>,
    /// Where a code was sent (masked).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_sent_to: Option<String>,
}

/// `POST /api/v1/sessions`
#[utoipa::path(post, path = "/api/v1/sessions", request_body = SignInRequest, responses(
    (status = 201, description = "Password accepted", body = SignInJson),
    (status = 401, description = "Wrong username or password (the same answer for both)", body = ErrorBody),
    (status = 429, description = "Too many attempts", body = ErrorBody)))]
pub async fn sign_in(
    State(state): State<AppState>,
    parts: Parts,
    JsonBody(r): JsonBody<SignInRequest>,
) -> Result<(StatusCode, Json<SignInJson>), ApiError> {
    let device = cookie(&parts.headers, crate::portal::DEVICE_COOKIE);
    let s = state
        .app
        .sign_in(&r.username, &r.password, device, &client(&parts))
        .await
        .map_err(identity_error)?;
    let json = match s {
        SignIn::Done { token } => SignInJson {
            token,
            second_factor: None,
            code_sent_to: None,
        },
        SignIn::SecondFactor {
            token,
            factor,
            sent_to,
        } => SignInJson {
            token,
            second_factor: Some(factor.as_str().to_owned()),
            code_sent_to: sent_to,
        },
    };
    Ok((StatusCode::CREATED, Json(json)))
}

/// `POST /api/v1/sessions/verify`
#[utoipa::path(post, path = "/api/v1/sessions/verify", request_body = CodeRequest, security(("bearer" = [])), responses(
    (status = 200, description = "Signed in: a new token", body = TokenJson),
    (status = 400, description = "Wrong code", body = ErrorBody),
    (status = 401, description = "The pending session ended", body = ErrorBody),
    (status = 429, description = "Too many codes tried", body = ErrorBody)))]
pub async fn sign_in_verify(
    State(state): State<AppState>,
    s: AnySession,
    JsonBody(r): JsonBody<CodeRequest>,
) -> Result<Json<TokenJson>, ApiError> {
    let v = state
        .app
        .verify_second_factor(&s.session, &r.code, r.remember_device, &s.client)
        .await
        .map_err(identity_error)?;
    Ok(Json(TokenJson {
        token: v.token,
        code_sent_to: None,
    }))
}

/// `DELETE /api/v1/sessions/current`
#[utoipa::path(delete, path = "/api/v1/sessions/current", security(("bearer" = [])), responses((status = 204, description = "Signed out")))]
pub async fn sign_out(State(state): State<AppState>, me: Me) -> Result<StatusCode, ApiError> {
    state
        .app
        .end_session_by_digest(&me.any.session.token_digest)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
