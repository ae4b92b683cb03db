//! The layers every response passes through, errors and panics included: request ids (a
//! client's kept only when it cannot forge a log field), tracing, security headers and CSP, a
//! timeout, a body limit, panic → 500 with an error id, and request metrics.

use axum::Router;
use axum::body::Body;
use axum::extract::MatchedPath;
use axum::http::{HeaderName, HeaderValue, Request, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// The Content Security Policy: our own scripts, styles and images only; no framing.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
    font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
    frame-ancestors 'none'";

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Request ids: a per-process random prefix and a counter (unique, cheap, not guessable
/// across instances).
#[derive(Clone)]
struct Ids {
    prefix: &'static str,
    next: &'static AtomicU64,
}

impl MakeRequestId for Ids {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        HeaderValue::from_str(&format!("{}-{n:08x}", self.prefix))
            .ok()
            .map(RequestId::new)
    }
}

/// Whether a client's `X-Request-Id` may be kept: 1 to 64 of `A-Z a-z 0-9 . _ -`. Anything
/// else (spaces, quotes, control characters) could forge fields in the human log, so it is
/// replaced by one of ours.
pub fn is_safe_request_id(id: &[u8]) -> bool {
    (1..=64).contains(&id.len())
        && id
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// Drops a client's request id unless it is one safe value, so `SetRequestIdLayer` makes ours.
async fn drop_unsafe_request_id(mut req: Request<Body>, next: Next) -> Response {
    let keep = {
        let mut sent = req.headers().get_all(REQUEST_ID).iter();
        match (sent.next(), sent.next()) {
            (None, _) => true,
            (Some(id), None) => is_safe_request_id(id.as_bytes()),
            (Some(_), Some(_)) => false,
        }
    };
    if !keep {
        req.headers_mut().remove(REQUEST_ID);
    }
    next.run(req).await
}

/// A random hex string of `bytes` bytes (error ids, request-id prefixes).
pub fn random_hex(bytes: usize) -> String {
    let mut raw = vec![0_u8; bytes];
    getrandom::fill(&mut raw).expect("the operating system's random source works");
    hex::encode(raw)
}

/// Wraps `router` in every layer. `timeout` answers slow requests 503; `body_limit` refuses
/// larger bodies with 413.
pub fn wrap(router: Router, timeout: Duration, body_limit: usize) -> Router {
    let ids = Ids {
        prefix: Box::leak(random_hex(4).into_boxed_str()),
        next: Box::leak(Box::new(AtomicU64::new(1))),
    };
    let headers: [(HeaderName, &'static str); 8] = [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (
            header::STRICT_TRANSPORT_SECURITY,
            "max-age=63072000; includeSubDomains",
        ),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), payment=()",
        ),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (header::CACHE_CONTROL, "no-store"),
    ];
    // Layers run outside-in in the reverse of the order added: the headers are set on every
    // response, including the 500 that a caught panic becomes and the 503 of a timeout.
    let mut app = router
        .layer(RequestBodyLimitLayer::new(body_limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            timeout,
        ))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(middleware::from_fn(record_metrics));
    for (name, value) in headers {
        app = app.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ));
    }
    app.layer(TraceLayer::new_for_http().make_span_with(|req: &Request<Body>| {
        let id = req.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
        tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
    }))
    .layer(PropagateRequestIdLayer::new(REQUEST_ID))
    .layer(SetRequestIdLayer::new(REQUEST_ID, ids))
    .layer(middleware::from_fn(drop_unsafe_request_id))
}

/// A panic becomes a plain 500 that names an error id; the panic itself is logged once under
/// that id and never shown.
fn panic_response(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let error_id = random_hex(6);
    let what = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(error_id = %error_id, panic = %what, "handler panicked");
    crate::errors::internal_page(&error_id).into_response()
}

/// Counts requests and their latency by route and status. Label values are interned
/// `&'static str`s (routes and statuses are few), so a request allocates nothing here.
async fn record_metrics(req: Request<Body>, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", |p| intern(p.as_str()));
    let method = match *req.method() {
        axum::http::Method::GET => "GET",
        axum::http::Method::POST => "POST",
        axum::http::Method::PUT => "PUT",
        axum::http::Method::DELETE => "DELETE",
        axum::http::Method::HEAD => "HEAD",
        axum::http::Method::PATCH => "PATCH",
        axum::http::Method::OPTIONS => "OPTIONS",
        _ => "other", // never interned: a client may send any word
    };
    let started = Instant::now();
    let response = next.run(req).await;
    let status = intern(response.status().as_str());
    metrics::counter!("http_requests_total", "method" => method, "route" => route, "status" => status)
        .increment(1);
    metrics::histogram!("http_request_duration_seconds", "method" => method, "route" => route)
        .record(started.elapsed());
    response
}

/// The one `&'static str` for `text` (route patterns and status codes: a bounded set).
fn intern(text: &str) -> &'static str {
    static SEEN: std::sync::OnceLock<std::sync::RwLock<std::collections::HashSet<&'static str>>> =
        std::sync::OnceLock::new();
    let seen = SEEN.get_or_init(Default::default);
    if let Some(s) = seen.read().expect("intern lock").get(text) {
        return s;
    }
    let mut w = seen.write().expect("intern lock");
    if let Some(s) = w.get(text) {
        return s;
    }
    // Bounded: only the router's patterns and status codes reach here.
    let leaked: &'static str = Box::leak(text.to_owned().into_boxed_str());
    w.insert(leaked);
    leaked
}

#[cfg(test)]
mod tests {
    use super::is_safe_request_id;

    #[test]
    fn a_client_request_id_is_kept_only_when_it_cannot_forge_a_log_field() {
        let sixty_four = "a".repeat(64);
        let sixty_five = "a".repeat(65);
        for (id, safe) in [
            ("abc-123.X_y", true),
            ("0", true),
            (sixty_four.as_str(), true),
            ("", false),
            (sixty_five.as_str(), false),
            ("a b\"c\nlevel=error", false),
            ("a b", false),
            ("a\"b", false),
            ("a\tb", false),
            ("a\rb", false),
            ("a=b", false),
            ("a/b", false),
            ("caf\u{e9}", false),
        ] {
            assert_eq!(is_safe_request_id(id.as_bytes()), safe, "{id:?}");
        }
        assert!(!is_safe_request_id(b"a\xffb"), "bytes that are not ASCII");
    }
}
