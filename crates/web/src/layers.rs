//! The layers every response passes through, errors and panics included: request ids (a
//! client's kept only when it cannot forge a log field), tracing, security headers and CSP, a
//! timeout, a body limit (whose refusal is the site's own page, or the API's JSON), panic →
//! 500 with an error id (in the visitor's language), and request metrics.

use axum::Router;
use axum::body::Body;
use axum::extract::MatchedPath;
use axum::http::{HeaderName, HeaderValue, Request, StatusCode, header};
use axum::response::Response;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
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
/// A plain request map (no boxed `Next`): it runs on every request.
fn drop_unsafe_request_id(mut req: Request<Body>) -> Request<Body> {
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
    req
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
    // Layers run outside-in in the reverse of the order added: the headers are set on every
    // response, including the 500 that a caught panic becomes and the 503 of a timeout.
    router
        .layer(RequestBodyLimitLayer::new(body_limit))
        .layer(
            tower::ServiceBuilder::new()
                .layer(CatchPanicLayer::custom(panic_response))
                .layer(TimeoutLayer::with_status_code(
                    StatusCode::SERVICE_UNAVAILABLE,
                    timeout,
                )),
        )
        // Outside the panic layer, to see its 500 as well as the limit's 413: the limit's
        // own answer is a line of plain text, the site's page (or the API's JSON) instead;
        // the panic's page is drawn again in the visitor's language.
        .layer(SitesOwnPages { limit: body_limit })
        .layer(
            tower::ServiceBuilder::new()
                // One layer for the eight headers (it was eight layers, each a future and a
                // clone per request: issue 17's dashboard profile).
                .layer(tower::util::MapResponseLayer::new(security_headers))
                .layer(RecordMetrics),
        )
        // The request id's and the trace's layers as one stack: each `Router::layer` boxes
        // every route again, and every request clones each box (the console's account view
        // profile, issue 19), so the layers that compose are given as one.
        .layer(
            tower::ServiceBuilder::new()
                .layer(tower::util::MapRequestLayer::new(drop_unsafe_request_id))
                .layer(SetRequestIdLayer::new(REQUEST_ID, ids))
                .layer(PropagateRequestIdLayer::new(REQUEST_ID))
                .layer(TraceLayer::new_for_http().make_span_with(|req: &Request<Body>| {
                    let id = req.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
                    tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
                })),
        )
}

/// The security headers every response carries, each unless the handler set its own.
const SECURITY_HEADERS: [(HeaderName, &str); 8] = [
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

/// Sets the security headers a response does not already have.
fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        if let axum::http::header::Entry::Vacant(slot) = headers.entry(name) {
            slot.insert(HeaderValue::from_static(value));
        }
    }
    response
}

/// A panic becomes the 500 page that names an error id; the panic itself is logged once under
/// that id and never shown. The page is English here, where there is no request to read the
/// visitor's language from: it is marked ([`Panicked`]) for [`SitesOwnPages`], which knows the
/// request, to draw it again in the visitor's language.
fn panic_response(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let error_id = random_hex(6);
    let what = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(error_id = %error_id, panic = %what, "handler panicked");
    let mut response = crate::errors::internal_page(&error_id);
    response.extensions_mut().insert(Panicked);
    response
}

/// Marks the 500 page a caught panic became ([`panic_response`]).
#[derive(Clone, Copy, Debug)]
struct Panicked;

/// The answers the layers make themselves, as the site answers, in the visitor's language
/// (the staff console's in English, as the console is):
/// - a request refused by the body limit: the page that says nothing was saved and how to get
///   back to the form ([`errors::too_large_page`], with the page it came from), or the API's
///   JSON error under `/api/`. The limit's own answer is a plain-text 413, told apart by its
///   content type from a handler's own 413 (already a page);
/// - a handler that panicked: its 500 page ([`Panicked`]), drawn again in the language the
///   visitor reads ([`ErrorPage::in_chrome`], as the portal's error-page layer draws the pages
///   handlers answer with).
///
/// [`errors::too_large_page`]: crate::errors::too_large_page
/// [`ErrorPage::in_chrome`]: crate::kit::page::ErrorPage::in_chrome
#[derive(Clone, Copy)]
struct SitesOwnPages {
    /// The most a request body may be, in bytes.
    limit: usize,
}

impl<S> tower::Layer<S> for SitesOwnPages {
    type Service = SitesOwn<S>;

    fn layer(&self, inner: S) -> SitesOwn<S> {
        SitesOwn {
            inner,
            limit: self.limit,
        }
    }
}

/// A service whose body-limit refusals and panics are answered with the site's own pages.
#[derive(Clone)]
struct SitesOwn<S> {
    inner: S,
    limit: usize,
}

/// Who a refused request was from: the API, or a page (and which page it came from).
enum Asker {
    Api,
    /// A page, the page it came from, and the language its visitor reads.
    Page(Option<String>, i18n::Lang),
}

impl<S> tower::Service<Request<Body>> for SitesOwn<S>
where
    S: tower::Service<Request<Body>, Response = Response>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = SitesOwnFuture<S::Future>;

    fn poll_ready(
        &mut self,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<Body>) -> Self::Future {
        let path = req.uri().path();
        let asker = if path.starts_with("/api/") {
            Asker::Api
        } else {
            // The staff console is English whatever the browser asks for (its error pages
            // keep their own frame, as the portal's error-page layer leaves them).
            let lang = if path.starts_with("/console") {
                i18n::Lang::En
            } else {
                crate::kit::lang_of(req.headers())
            };
            Asker::Page(crate::errors::same_site_referer(req.headers()), lang)
        };
        SitesOwnFuture {
            inner: self.inner.call(req),
            asker: Some(asker),
            limit: self.limit,
        }
    }
}

pin_project_lite::pin_project! {
    /// The response of a request, made the site's own when the body limit refused it or its
    /// handler panicked.
    struct SitesOwnFuture<F> {
        #[pin]
        inner: F,
        asker: Option<Asker>,
        limit: usize,
    }
}

impl<F, E> std::future::Future for SitesOwnFuture<F>
where
    F: std::future::Future<Output = Result<Response, E>>,
{
    type Output = Result<Response, E>;

    fn poll(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        let this = self.project();
        let out = std::task::ready!(this.inner.poll(cx));
        let refused_by_limit = |r: &Response| {
            r.status() == StatusCode::PAYLOAD_TOO_LARGE
                && r.headers()
                    .get(header::CONTENT_TYPE)
                    .is_some_and(|v| v.as_bytes().starts_with(b"text/plain"))
        };
        std::task::Poll::Ready(match out {
            Ok(r) if refused_by_limit(&r) => Ok(match this.asker.take() {
                Some(Asker::Api) => crate::errors::too_large_json(*this.limit),
                Some(Asker::Page(back, lang)) => {
                    crate::errors::too_large_page(*this.limit, back, lang)
                }
                None => r,
            }),
            Ok(r) if r.extensions().get::<Panicked>().is_some() => {
                Ok(panic_page_in(r, this.asker.take()))
            }
            other => other,
        })
    }
}

/// The 500 page of a caught panic, `panicked`, drawn again in the language of the visitor who
/// asked (`asker`); as it is for the API and for a visitor who reads English.
fn panic_page_in(mut panicked: Response, asker: Option<Asker>) -> Response {
    let Some(Asker::Page(_, lang)) = asker else {
        return panicked;
    };
    if lang == i18n::Lang::En {
        return panicked;
    }
    let page = panicked
        .extensions_mut()
        .remove::<crate::kit::page::ErrorPage>();
    match page {
        Some(page) => page
            .in_chrome(crate::pages::public("", lang))
            .answer(panicked.status()),
        None => panicked,
    }
}

/// Counts each request and times it by method, route pattern and status
/// (`http_requests_total`, `http_request_duration_seconds`). A layer of its own rather than a
/// `from_fn` middleware, which boxes and clones the rest of the stack on every request (issue
/// 17's dashboard profile).
#[derive(Clone, Copy)]
struct RecordMetrics;

impl<S> tower::Layer<S> for RecordMetrics {
    type Service = Metered<S>;

    fn layer(&self, inner: S) -> Metered<S> {
        Metered { inner }
    }
}

/// A service whose requests are counted and timed.
#[derive(Clone)]
struct Metered<S> {
    inner: S,
}

impl<S> tower::Service<Request<Body>> for Metered<S>
where
    S: tower::Service<Request<Body>, Response = Response>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = MeteredFuture<S::Future>;

    fn poll_ready(
        &mut self,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<Body>) -> Self::Future {
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
        MeteredFuture {
            inner: self.inner.call(req),
            route,
            method,
            started: Instant::now(),
        }
    }
}

pin_project_lite::pin_project! {
    /// The response of a metered request, recorded when it is ready.
    struct MeteredFuture<F> {
        #[pin]
        inner: F,
        route: &'static str,
        method: &'static str,
        started: Instant,
    }
}

impl<F, E> std::future::Future for MeteredFuture<F>
where
    F: std::future::Future<Output = Result<Response, E>>,
{
    type Output = Result<Response, E>;

    fn poll(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        let this = self.project();
        let out = std::task::ready!(this.inner.poll(cx));
        if let Ok(response) = &out {
            let (method, route) = (*this.method, *this.route);
            let status = intern(response.status().as_str());
            metrics::counter!("http_requests_total", "method" => method, "route" => route, "status" => status)
                .increment(1);
            metrics::histogram!("http_request_duration_seconds", "method" => method, "route" => route)
                .record(this.started.elapsed());
        }
        std::task::Poll::Ready(out)
    }
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
