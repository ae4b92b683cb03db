//! Borrowers' secure messages for the servicer's own systems: the inbox of threads (a token
//! with the `read` scope) and a reply in a thread (the `service` scope; the reply is recorded
//! as the API client's, idempotent under the `Idempotency-Key` header). The same use cases as
//! the console's (`app::messages`): the capability is checked there, and each call audited.

use crate::AppState;
use crate::api::access::{ApiTable, Client};
use crate::api::borrower::messages::message_error;
use crate::errors::{ApiError, ErrorBody, JsonBody, QueryParams};
use crate::kit::ids::positive;
use crate::kit::time::rfc3339;
use app::api_clients::Scope;
use app::messages::{InboxRequest, Show};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::messages::{ThreadState, Waited};
use serde::{Deserialize, Serialize};
use store::{InboxOrder, InboxRow};
use utoipa::{OpenApi, ToSchema};

/// The messages part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(message_threads, reply_to_thread),
    components(schemas(MessageThreadJson, MessageThreadsJson, ReplyBody, ReplyJson))
)]
pub struct MessagesApiDoc;

/// The messages routes, added to the API's table.
pub(crate) fn routes(t: ApiTable) -> ApiTable {
    t.client(
        Method::GET,
        "/api/v1/messages",
        Scope::Read,
        message_threads,
    )
    .client(
        Method::POST,
        "/api/v1/messages/{id}/replies",
        Scope::Service,
        reply_to_thread,
    )
}

/// A thread of secure messages, as the inbox lists it.
#[derive(Serialize, ToSchema)]
pub struct MessageThreadJson {
    /// The thread's id.
    pub id: i64,
    /// The borrower it is filed under.
    pub borrower_id: i64,
    /// The borrower's full name.
    pub borrower_name: String,
    /// What it is about, as the borrower wrote it.
    pub subject: String,
    /// `open` or `closed`.
    pub state: String,
    /// The staff user who has it.
    pub assigned_staff_id: Option<i64>,
    /// That staff user's name.
    pub assigned_to: Option<String>,
    /// How many messages it holds.
    pub messages: i64,
    /// RFC 3339 instant the borrower last wrote.
    pub last_from_borrower_at: Option<String>,
    /// The service clock: RFC 3339 instant of the borrower's oldest unanswered message;
    /// absent when nothing waits for an answer.
    pub waiting_since: Option<String>,
    /// Whole minutes the borrower has waited for an answer (absent when nothing waits).
    pub waiting_minutes: Option<i64>,
    /// RFC 3339 instant of the thread's last change.
    pub updated_at: String,
}

/// One page of the inbox.
#[derive(Serialize, ToSchema)]
pub struct MessageThreadsJson {
    /// The threads.
    pub threads: Vec<MessageThreadJson>,
    /// The next page's number, when there is one.
    pub next_page: Option<u32>,
}

/// A reply to the borrower.
#[derive(Deserialize, ToSchema)]
pub struct ReplyBody {
    /// The text (up to 5,000 characters). The borrower reads it in the portal's messages; an
    /// alert, on the channels they chose for it, says only that there is an answer.
    #[schema(min_length = 1, max_length = 5000)]
    pub body: String,
}

/// A reply written.
#[derive(Serialize, ToSchema)]
pub struct ReplyJson {
    /// The reply's message id.
    pub id: i64,
    /// The thread.
    pub thread_id: i64,
}

/// The inbox's query string.
#[derive(Deserialize)]
pub struct ThreadsQuery {
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    show: Option<String>,
    #[serde(default)]
    order: Option<String>,
    #[serde(default)]
    page: Option<String>,
}

fn thread_json(r: InboxRow, now_us: i64) -> MessageThreadJson {
    let t = r.thread;
    MessageThreadJson {
        id: t.id,
        borrower_id: t.borrower.0,
        borrower_name: r.borrower_name,
        subject: t.subject,
        state: t.state.as_str().to_owned(),
        assigned_staff_id: t.assigned_to.map(|s| s.0),
        assigned_to: r.assigned_name,
        messages: t.messages,
        last_from_borrower_at: t.last_from_borrower_us.map(rfc3339),
        waiting_since: t.waiting_since_us.map(rfc3339),
        waiting_minutes: Waited::between(t.waiting_since_us, now_us).map(|w| w.minutes),
        updated_at: rfc3339(t.updated_at_us),
    }
}

/// The inbox asked for by the query string, each part checked.
fn inbox_request(q: &ThreadsQuery) -> Result<InboxRequest, ApiError> {
    let state = match q.state.as_deref() {
        None => ThreadState::Open,
        Some(s) => ThreadState::parse(s)
            .ok_or_else(|| ApiError::field("state", "Send `open` or `closed`"))?,
    };
    let show = match q.show.as_deref() {
        None => Show::All,
        Some(s) => Show::parse(s)
            .filter(|s| *s != Show::Mine)
            .ok_or_else(|| ApiError::field("show", "Send `all` or `unassigned`"))?,
    };
    let order = match q.order.as_deref() {
        None => InboxOrder::NewestFirst,
        Some(o) => InboxOrder::parse(o)
            .ok_or_else(|| ApiError::field("order", "Send `newest` or `oldest`"))?,
    };
    let page = match q.page.as_deref() {
        None => 1,
        Some(p) => p
            .parse::<u32>()
            .ok()
            .filter(|p| *p >= 1)
            .ok_or_else(|| ApiError::field("page", "Send a page number from 1"))?,
    };
    Ok(InboxRequest {
        show,
        state,
        order,
        page,
    })
}

/// `GET /api/v1/messages?state=open`: borrowers' secure-message threads.
// Its security (the `read` scope), 401 and 403 come from the route table (`api::routes`).
#[utoipa::path(
    get,
    path = "/api/v1/messages",
    params(
        ("state" = Option<String>, Query, description = "`open` (default) or `closed`", pattern = "^(open|closed)$"),
        ("show" = Option<String>, Query, description = "`all` (default) or `unassigned` (no staff user has them)", pattern = "^(all|unassigned)$"),
        ("order" = Option<String>, Query, description = "`newest` (default) or `oldest` first, by each thread's last change", pattern = "^(newest|oldest)$"),
        ("page" = Option<u32>, Query, description = "Which page of 50, from 1 (default 1)", minimum = 1)
    ),
    responses(
        (status = 200, description = "One page of threads", body = MessageThreadsJson),
        (status = 400, description = "A query parameter is wrong (`field` names it)", body = ErrorBody),
    )
)]
pub async fn message_threads(
    Client(client): Client,
    State(state): State<AppState>,
    QueryParams(q): QueryParams<ThreadsQuery>,
) -> Result<Json<MessageThreadsJson>, ApiError> {
    let request = inbox_request(&q)?;
    let page = state
        .app
        .inbox(&client.actor(), &request)
        .await
        .map_err(message_error)?;
    let now = state.app.now_us();
    Ok(Json(MessageThreadsJson {
        next_page: page.more.then_some(request.page.saturating_add(1)),
        threads: page.rows.into_iter().map(|r| thread_json(r, now)).collect(),
    }))
}

fn key(headers: &HeaderMap) -> Result<String, ApiError> {
    headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .ok_or_else(|| {
            ApiError::field(
                "Idempotency-Key",
                "Send a unique key (a UUID) with every reply, so a retry sends it once",
            )
        })
}

/// `POST /api/v1/messages/{id}/replies`: the servicer's answer in a thread.
// Its security (the `service` scope), 401 and 403 come from the route table (`api::routes`).
#[utoipa::path(
    post,
    path = "/api/v1/messages/{id}/replies",
    request_body = ReplyBody,
    params(
        ("id" = i64, Path, description = "The thread's id (text that is not a positive whole number in plain digits is answered as a thread that does not exist)"),
        ("Idempotency-Key" = String, Header, description = "Unique per reply: 8 to 128 visible ASCII characters. The same key and body again answers the first reply and sends nothing", pattern = r"^[!-~]{8,128}$", min_length = 8, max_length = 128)
    ),
    responses(
        (status = 201, description = "Written; the borrower sees it in the portal's messages (and is alerted on the channels they chose for secure messages, if any)", body = ReplyJson),
        (status = 200, description = "A replay of the same request: the first reply (`Idempotent-Replayed: true`)", body = ReplyJson),
        (status = 400, description = "No or a malformed `Idempotency-Key`, or an empty or too long `body` (`field` names it)", body = ErrorBody),
        (status = 404, description = "No thread with this id", body = ErrorBody),
        (status = 409, description = "`idempotency_key_reused`: the key was used for another request", body = ErrorBody),
    )
)]
pub async fn reply_to_thread(
    Client(client): Client,
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    JsonBody(b): JsonBody<ReplyBody>,
) -> Result<Response, ApiError> {
    let key = key(&headers)?;
    let id = positive(&id).ok_or_else(|| ApiError::not_found("no such message thread"))?;
    let replied = state
        .app
        .reply(&client.actor(), id, &b.body, &key)
        .await
        .map_err(message_error)?;
    let status = if replied.replayed {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    let mut r = (
        status,
        Json(ReplyJson {
            id: replied.message,
            thread_id: replied.thread,
        }),
    )
        .into_response();
    if replied.replayed {
        r.headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    Ok(r)
}
