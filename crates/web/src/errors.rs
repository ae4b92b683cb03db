//! One error type for the web layer: a status, a stable code and a plain message. JSON for
//! the API, an HTML page for the portal. A 5xx is logged once with its cause under an error
//! id, and the response shows only the id.

use crate::kit::page::ErrorPage;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// An API error.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: String,
    field: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
/// The body of every API error.
pub struct ErrorBody {
    /// Stable, machine-readable: `bad_request` (400), `unauthorized` (401), `too_large`
    /// (413: the body is larger than the server accepts),
    /// `insufficient_scope` (403: the API token lacks the route's scope), `csrf`,
    /// `step_up_required` and `caller_not_verified` (403), `not_found` (404),
    /// `idempotency_key_reused`, `too_late`, `script_changed` and `script_stale` (409),
    /// `throttled` (429), `processor_unavailable` (503), `internal` (500).
    pub code: String,
    /// For people: what is wrong.
    pub message: String,
    /// The request field the message is about, when there is one: a property of the JSON
    /// body as the API names it (`amount`, `account_number`; `bank_account.routing_number`
    /// inside an object), a path or query parameter (`account_number`, `method_id`, `date`), or
    /// a header (`Idempotency-Key`). Absent when the message is about the request as a whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// For a 5xx: quote it to support; the log has the cause under the same id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_id: Option<String>,
}

impl ApiError {
    /// Any status with a stable code and a message.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            field: None,
        }
    }

    /// 400: the request is malformed (the message says which part, and why).
    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// 400 `bad_request` about one field of the request: `field` names it as the API does (a
    /// JSON property, a path or query parameter, a header) and `message` says what is wrong,
    /// in plain words without the field's name, so a client can show it beside that field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        ApiError {
            field: Some(field.to_owned()),
            ..ApiError::bad_request(message)
        }
    }

    /// 401: no valid credentials.
    pub fn unauthorized() -> Self {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "send a valid API token: Authorization: Bearer <token>",
        )
    }

    /// 404.
    pub fn not_found(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    /// 500: logs `cause` under a new error id; the caller sees only the id.
    pub fn internal(cause: &dyn std::fmt::Display) -> Self {
        let id = log_internal(cause);
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", id)
    }
}

impl From<store::StoreError> for ApiError {
    fn from(e: store::StoreError) -> Self {
        ApiError::internal(&e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (message, error_id) = if self.status.is_server_error() {
            (
                "something went wrong on our side; it has been logged".to_owned(),
                Some(self.message),
            )
        } else {
            (self.message, None)
        };
        let mut response = (
            self.status,
            Json(ErrorBody {
                code: self.code.to_owned(),
                message,
                field: self.field,
                error_id,
            }),
        )
            .into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                "www-authenticate",
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}

/// Logs an internal failure once under a new error id, and returns the id.
pub fn log_internal(cause: &dyn std::fmt::Display) -> String {
    let id = crate::layers::random_hex(6);
    tracing::error!(error_id = %id, cause = %cause, "internal error");
    id
}

/// The portal's 404 page (in a signed-in borrower's header when the visitor is one:
/// [`ErrorPage::answer`]).
pub fn not_found_page() -> Response {
    not_found().answer(StatusCode::NOT_FOUND)
}

fn not_found() -> ErrorPage {
    ErrorPage::new("error-not-found", "error-not-found-body", None)
}

/// The page of a form (or any request) too large to read, `limit_bytes` being the most a
/// request may send: nothing was saved, and how to get back to what was typed (the browser's
/// Back button keeps it); `back`, the page it came from, when known.
pub fn too_large_page(limit_bytes: usize, back: Option<String>, lang: i18n::Lang) -> Response {
    let page = ErrorPage::owned(
        "error-too-large",
        i18n::Localized::of(|tr| {
            tr.t2(
                "error-too-large-body",
                "kb",
                limit_bytes / 1024,
                "max",
                domain::messages::BODY_MAX,
            )
        }),
    );
    // In the visitor's language: this page is answered outside the layer that redraws
    // error pages.
    let page = page.in_chrome(crate::pages::public("", lang));
    let page = match back {
        Some(path) => page.with_back(path),
        None => page,
    };
    page.answer(StatusCode::PAYLOAD_TOO_LARGE)
}

/// The API's answer to a body too large to read: 413 `too_large`.
pub fn too_large_json(limit_bytes: usize) -> Response {
    ApiError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too_large",
        format!(
            "the request body is larger than the {limit_bytes} bytes accepted; nothing was changed"
        ),
    )
    .into_response()
}

/// The path of a page of ours that a request came from (its `Referer`, when that names this
/// host), to link back to; `None` for another site's or none.
pub fn same_site_referer(headers: &axum::http::HeaderMap) -> Option<String> {
    let host = headers.get(axum::http::header::HOST)?.to_str().ok()?;
    let referer = headers.get(axum::http::header::REFERER)?.to_str().ok()?;
    let (_, rest) = referer.split_once("://")?;
    let path = rest.strip_prefix(host)?;
    (path.starts_with('/') && !path.starts_with("//")).then(|| path.to_owned())
}

/// The portal's 500 page, naming the error id.
pub fn internal_page(error_id: &str) -> Response {
    let page = ErrorPage::new(
        "error-internal",
        "error-internal-body",
        Some(error_id.to_owned()),
    );
    page.answer(StatusCode::INTERNAL_SERVER_ERROR)
}

/// A JSON request body whose rejection (not JSON, wrong shape, wrong content type) is answered
/// as the API's JSON error, saying what is wrong, instead of axum's plain text.
pub struct JsonBody<T>(pub T);

impl<T, S> axum::extract::FromRequest<S> for JsonBody<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: axum::extract::Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(JsonBody(v)),
            Err(e) => Err(ApiError::bad_request(e.body_text())),
        }
    }
}

/// A request's query string whose rejection (a parameter repeated, of the wrong type) is
/// answered as the API's JSON error, saying what is wrong, instead of axum's plain text.
pub struct QueryParams<T>(pub T);

impl<T, S> axum::extract::FromRequestParts<S> for QueryParams<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(v)) => Ok(QueryParams(v)),
            Err(e) => Err(ApiError::bad_request(e.body_text())),
        }
    }
}
