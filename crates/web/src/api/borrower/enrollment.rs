//! Enrolment: a borrower proves who they are with facts from a statement, confirms the code
//! sent to the contact on file, and chooses a username and password.

use super::{AnySession, CodeRequest, TokenJson, identity_error};
use crate::AppState;
use crate::errors::{ApiError, ErrorBody, JsonBody};
use crate::kit::client_info as client;
use app::identity::enroll::EnrollmentFacts;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::Deserialize;
use utoipa::ToSchema;

/// The facts that start an enrolment.
#[derive(Deserialize, ToSchema)]
pub struct EnrollRequest {
    /// The 16-digit account number on a statement.
    #[schema(pattern = r"^[0-9]{16}$")]
    pub account_number: String,
    /// Last 4 of the SSN.
    #[schema(pattern = r"^[0-9]{4}$")]
    pub ssn_last4: String,
    /// Date of birth, YYYY-MM-DD or MM/DD/YYYY.
    #[schema(pattern = r"^([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}/[0-9]{1,2}/[0-9]{4})$")]
    pub date_of_birth: String,
    /// ZIP code.
    #[schema(pattern = r"^[0-9]{5}(-[0-9]{4})?$")]
    pub zip: String,
    /// `email` (default) or `text`: where the code goes.
    #[serde(default)]
    #[schema(pattern = r"^(email|text)$")]
    pub send_code_by: Option<String>,
}

/// `POST /api/v1/enrollments`
#[utoipa::path(post, path = "/api/v1/enrollments", request_body = EnrollRequest, responses(
    (status = 201, description = "Facts matched; a code was sent to the contact on file. The token is for the next step only", body = TokenJson),
    (status = 400, description = "A malformed field, or facts that match no account (the same answer for both)", body = ErrorBody),
    (status = 429, description = "Too many attempts", body = ErrorBody)))]
pub async fn enroll(
    State(state): State<AppState>,
    parts: Parts,
    JsonBody(r): JsonBody<EnrollRequest>,
) -> Result<(StatusCode, Json<TokenJson>), ApiError> {
    let facts = EnrollmentFacts::parse(&r.account_number, &r.ssn_last4, &r.date_of_birth, &r.zip)
        .map_err(identity_error)?;
    let by_text = r.send_code_by.as_deref() == Some("text");
    let (token, sent_to) = state
        .app
        .enroll_start(&facts, by_text, &client(&parts))
        .await
        .map_err(identity_error)?;
    Ok((
        StatusCode::CREATED,
        Json(TokenJson {
            token,
            code_sent_to: Some(sent_to),
        }),
    ))
}

/// `POST /api/v1/enrollments/verify`
#[utoipa::path(post, path = "/api/v1/enrollments/verify", request_body = CodeRequest, security(("bearer" = [])), responses(
    (status = 200, description = "Code confirmed: the token for choosing credentials", body = TokenJson),
    (status = 400, description = "Wrong or spent code", body = ErrorBody)))]
pub async fn enroll_verify(
    State(state): State<AppState>,
    s: AnySession,
    JsonBody(r): JsonBody<CodeRequest>,
) -> Result<Json<TokenJson>, ApiError> {
    let token = state
        .app
        .enroll_confirm(&s.session, &r.code, &s.client)
        .await
        .map_err(identity_error)?;
    Ok(Json(TokenJson {
        token,
        code_sent_to: None,
    }))
}

/// A username and password to create.
#[derive(Deserialize, ToSchema)]
pub struct CredentialsRequest {
    /// 4 to 64 letters, digits, `.`, `-`, `_`, `@`.
    #[schema(pattern = r"^[A-Za-z0-9._@-]{4,64}$")]
    pub username: String,
    /// 12+ characters, not a common password.
    #[schema(min_length = 12, max_length = 128)]
    pub password: String,
}

/// `POST /api/v1/enrollments/credentials`
#[utoipa::path(post, path = "/api/v1/enrollments/credentials", request_body = CredentialsRequest, security(("bearer" = [])), responses(
    (status = 201, description = "Signed in", body = TokenJson),
    (status = 400, description = "Username taken or password refused", body = ErrorBody)))]
pub async fn enroll_credentials(
    State(state): State<AppState>,
    s: AnySession,
    JsonBody(r): JsonBody<CredentialsRequest>,
) -> Result<(StatusCode, Json<TokenJson>), ApiError> {
    // The API takes the password once: it is its own confirmation.
    let token = state
        .app
        .enroll_finish(&s.session, &r.username, &r.password, &r.password, &s.client)
        .await
        .map_err(identity_error)?;
    Ok((
        StatusCode::CREATED,
        Json(TokenJson {
            token,
            code_sent_to: None,
        }),
    ))
}
