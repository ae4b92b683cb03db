//! The borrower's JSON API under `/api/v1`: everything a borrower can do in the portal, for
//! apps. A borrower authenticates as in the portal (enrolment or password, then the second
//! factor) and gets a session token to send as `Authorization: Bearer <token>`; a browser
//! may use its session cookie instead, with `X-CSRF-Token` on every request that changes
//! something. Every read is scoped by the session's login: another borrower's account
//! number answers 404 exactly as one that does not exist.
//!
//! This module holds the route table, the session extractors ([`AnySession`], [`Me`]) and
//! what the resources share; each resource is its own module: `enrollment`, `sessions`,
//! `loans`, `due_date` (changing a loan's due date), `profile` (with the alert preferences),
//! `messages` and `payment_methods` (bank accounts and cards). Payments and AutoPay are in [`crate::api::payments`], whose borrower
//! routes join this table.

pub mod due_date;
pub mod enrollment;
pub mod loans;
pub mod messages;
pub mod payment_methods;
pub mod profile;
pub mod sessions;

use crate::AppState;
use crate::api::request_field;
use crate::errors::{ApiError, ErrorBody};
use crate::kit::identity_refusals::form_field;
use crate::kit::{RouteSpec, Table, client_info as client, cookie, csrf_for};
use crate::portal::SESSION_COOKIE;
use app::identity::{ActiveSession, ClientInfo, IdentityError};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{Method, StatusCode, header};
use serde::{Deserialize, Serialize};
use store::LoginId;
use utoipa::{OpenApi, ToSchema};

// The OpenAPI derive names each handler without its module: a module in `paths(...)` would
// become the operation's tag, and the document would change with the files.
use self::due_date::{__path_change_due_date, __path_due_date, change_due_date, due_date};
use self::enrollment::{
    __path_enroll, __path_enroll_credentials, __path_enroll_verify, enroll, enroll_credentials,
    enroll_verify,
};
use self::loans::{__path_loan, __path_loans, __path_payoff, loan, loans, payoff};
use self::messages::{__path_messages, __path_send_message, messages, send_message};
use self::payment_methods::{
    __path_add_bank_account, __path_add_card, __path_payment_methods, __path_remove_payment_method,
    add_bank_account, add_card, payment_methods, remove_payment_method,
};
use self::profile::{
    __path_preferences, __path_profile, __path_set_preferences, preferences, profile,
    set_preferences,
};
use self::sessions::{
    __path_sign_in, __path_sign_in_verify, __path_sign_out, sign_in, sign_in_verify, sign_out,
};

/// The borrower API's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(
        enroll,
        enroll_verify,
        enroll_credentials,
        sign_in,
        sign_in_verify,
        sign_out,
        loans,
        loan,
        payoff,
        due_date,
        change_due_date,
        profile,
        preferences,
        set_preferences,
        messages,
        send_message,
        payment_methods,
        add_bank_account,
        remove_payment_method,
        add_card
    ),
    components(schemas(
        enrollment::EnrollRequest,
        CodeRequest,
        enrollment::CredentialsRequest,
        sessions::SignInRequest,
        TokenJson,
        sessions::SignInJson,
        loans::MyLoanJson,
        loans::LoanDetailJson,
        loans::PayoffJson,
        loans::ActivityJson,
        loans::InstallmentJson,
        due_date::DueDateJson,
        due_date::DueDateWindowJson,
        due_date::DueDatePreviewJson,
        due_date::DueDateRowJson,
        due_date::MyDueDateBody,
        due_date::DueDateChangedJson,
        profile::ProfileJson,
        profile::MailingAddressJson,
        profile::PreferenceJson,
        profile::PreferencesRequest,
        messages::MessagesJson,
        messages::MessageJson,
        messages::NewMessageRequest,
        CreatedJson,
        payment_methods::PaymentMethodJson,
        payment_methods::BankAccountRequest,
        payment_methods::CardBody,
        ErrorBody
    ))
)]
pub struct BorrowerApiDoc;

/// The borrower API's routes and what each takes.
pub fn routes() -> (axum::Router<AppState>, Vec<RouteSpec>) {
    let t = Table::new()
        .post("/api/v1/enrollments", false, enroll)
        .post("/api/v1/enrollments/verify", false, enroll_verify)
        .post("/api/v1/enrollments/credentials", false, enroll_credentials)
        .post("/api/v1/sessions", false, sign_in)
        .post("/api/v1/sessions/verify", false, sign_in_verify)
        .delete("/api/v1/sessions/current", true, sign_out)
        .get("/api/v1/me/loans", true, loans)
        .get("/api/v1/me/loans/{account_number}", true, loan)
        .get("/api/v1/me/loans/{account_number}/payoff", true, payoff)
        .get("/api/v1/me/loans/{account_number}/due-date", true, due_date)
        .post(
            "/api/v1/me/loans/{account_number}/due-date",
            true,
            change_due_date,
        )
        .get("/api/v1/me/profile", true, profile)
        .get("/api/v1/me/preferences", true, preferences)
        .put("/api/v1/me/preferences", true, set_preferences)
        .get("/api/v1/me/payment-methods", true, payment_methods)
        .post("/api/v1/me/payment-methods", true, add_bank_account)
        .post("/api/v1/me/payment-methods/cards", true, add_card)
        .delete(
            "/api/v1/me/payment-methods/{method_id}",
            true,
            remove_payment_method,
        )
        .get("/api/v1/me/messages", true, messages)
        .post("/api/v1/me/messages", true, send_message);
    let t = crate::api::payments::borrower_routes(t);
    (t.router, t.specs)
}

/// An identity error as the API answers it. A refusal about one field names the request's
/// field (the form's field, [`form_field`], as the API names it, see [`request_field`])
/// beside the plain message.
fn identity_error(e: IdentityError) -> ApiError {
    match e {
        IdentityError::Store(s) => ApiError::internal(&s),
        IdentityError::Throttled => {
            ApiError::new(StatusCode::TOO_MANY_REQUESTS, "throttled", e.to_string())
        }
        IdentityError::BadCredentials | IdentityError::SessionEnded => {
            ApiError::new(StatusCode::UNAUTHORIZED, "unauthorized", e.to_string())
        }
        IdentityError::StepUpRequired => {
            ApiError::new(StatusCode::FORBIDDEN, "step_up_required", e.to_string())
        }
        other => match form_field(&other).and_then(request_field) {
            Some(field) => ApiError::field(field, other.to_string()),
            None => ApiError::bad_request(other.to_string()),
        },
    }
}

/// A session token, and where a code went.
#[derive(Serialize, ToSchema)]
pub struct TokenJson {
    /// Send as `Authorization: Bearer <token>`.
    pub token: String,
    /// Where a one-time code was sent (masked), if one was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code_sent_to: Option<String>,
}

/// A one-time code.
#[derive(Deserialize, ToSchema)]
pub struct CodeRequest {
    /// The code from the message (or the authenticator app, or a recovery code).
    #[schema(min_length = 1, max_length = 64)]
    pub code: String,
    /// Remember this device for 30 days (sign-in only).
    #[serde(default)]
    pub remember_device: bool,
}

/// What was created.
#[derive(Serialize, ToSchema)]
pub struct CreatedJson {
    /// Its id.
    pub id: i64,
}

/// Any session the request carries (Bearer token, or the cookie with a CSRF header on
/// changes), whatever its stage.
pub struct AnySession {
    pub(crate) session: ActiveSession,
    pub(crate) client: ClientInfo,
}

impl FromRequestParts<AppState> for AnySession {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim);
        let token = match bearer {
            Some(t) => t.to_owned(),
            None => {
                let t = cookie(&parts.headers, SESSION_COOKIE)
                    .ok_or_else(unauthorized)?
                    .to_owned();
                let changes = !matches!(parts.method, Method::GET | Method::HEAD);
                let sent = parts
                    .headers
                    .get("x-csrf-token")
                    .and_then(|v| v.to_str().ok());
                if changes && sent != Some(csrf_for(state, &t).as_str()) {
                    return Err(ApiError::new(
                        StatusCode::FORBIDDEN,
                        "csrf",
                        "send X-CSRF-Token with a request that changes something",
                    ));
                }
                t
            }
        };
        let session = state.app.session(&token).await?.ok_or_else(unauthorized)?;
        Ok(AnySession {
            session,
            client: client(parts),
        })
    }
}

fn unauthorized() -> ApiError {
    ApiError::new(
        StatusCode::UNAUTHORIZED,
        "unauthorized",
        "sign in: send Authorization: Bearer <session token>",
    )
}

/// A fully signed-in borrower.
pub struct Me {
    pub(crate) login: LoginId,
    pub(crate) any: AnySession,
}

impl FromRequestParts<AppState> for Me {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let any = AnySession::from_request_parts(parts, state).await?;
        let login = any.session.login().ok_or_else(unauthorized)?;
        Ok(Me { login, any })
    }
}
