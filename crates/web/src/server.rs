//! The HTTP server: the public router (portal pages, API, health), the private metrics
//! listener, the job worker beside them, and graceful shutdown on SIGTERM or Ctrl-C: stop
//! accepting, finish requests in flight, let the worker finish its job, close the database.
//! A connection that does not finish a request's headers in time is closed.

use crate::config::Config;
use crate::{AppState, api, errors, layers, ops, pages};
use app::App;
use app::jobs::WorkerConfig;
use axum::Router;
use axum::extract::ConnectInfo;
use axum::http::{HeaderValue, Request, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tower::ServiceExt as _;

/// How long a client may take to send a request's headers (on a kept-alive connection, from
/// the end of the last answer) before its connection is closed: without it a client that
/// never finishes them holds a connection, and its task, for as long as it likes.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// A request body that notes when it has been read to its end.
struct Tracked {
    inner: Incoming,
    read: Arc<AtomicBool>,
}

impl hyper::body::Body for Tracked {
    type Data = hyper::body::Bytes;
    type Error = hyper::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<hyper::body::Frame<Self::Data>, Self::Error>>> {
        let polled = Pin::new(&mut self.inner).poll_frame(cx);
        if matches!(polled, Poll::Ready(None)) || self.inner.is_end_stream() {
            self.read.store(true, Ordering::Release);
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        self.inner.size_hint()
    }
}

/// The request's body for the router, and, when it has one, the flag that says whether it
/// was read to its end (a request without a body has nothing to track).
fn tracked(body: Incoming) -> (axum::body::Body, Option<Arc<AtomicBool>>) {
    use hyper::body::Body as _;
    if body.is_end_stream() {
        return (axum::body::Body::new(body), None);
    }
    let read = Arc::new(AtomicBool::new(false));
    let body = Tracked {
        inner: body,
        read: Arc::clone(&read),
    };
    (axum::body::Body::new(body), Some(read))
}

/// The public application router with every layer.
pub fn router(app: App, config: &Config) -> Router {
    pages::set_site(config.servicer.clone(), config.trust_forwarded_for);
    let (portal, _) = crate::portal::routes();
    let (api_routes, _) = api::routes();
    let state = AppState::with_sms_token(app, config.sms_inbound_token.clone());
    let routes = Router::new()
        .route("/", get(pages::landing))
        .route("/help", get(pages::help))
        .route("/help/search", get(pages::help_search))
        .route("/static/site.css", get(pages::stylesheet))
        .route("/static/session.js", get(pages::session_script))
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .merge(if config.demo {
            Router::new().route("/demo/mailbox", get(pages::demo_mailbox))
        } else {
            Router::new()
        })
        .merge(portal)
        .merge(crate::console::routes().0)
        .merge(api_routes)
        .fallback(not_found)
        .with_state(state.clone())
        // Every error page (the fallback's 404 too) in a signed-in borrower's header.
        .layer(crate::portal::error_pages::InVisitorChrome::new(state));
    layers::wrap(
        routes,
        Duration::from_secs(config.request_timeout_secs),
        config.body_limit_bytes,
    )
}

/// No route: the API's JSON 404, or the 404 page (drawn in a signed-in borrower's header
/// when the visitor is one, as every error page is:
/// [`InVisitorChrome`](crate::portal::error_pages::InVisitorChrome)).
async fn not_found(uri: Uri) -> Response {
    if uri.path().starts_with("/api/") {
        errors::ApiError::not_found(format!("no API route {}", uri.path())).into_response()
    } else {
        errors::not_found_page()
    }
}

/// The process-wide Prometheus recorder (installed on first use).
pub fn metrics_handle() -> PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new().build_recorder();
            let handle = recorder.handle();
            let _ = metrics::set_global_recorder(recorder);
            handle
        })
        .clone()
}

/// The private metrics router.
pub fn metrics_router(app: App) -> Router {
    Router::new()
        .route("/metrics", get(ops::metrics))
        .with_state((AppState::new(app), metrics_handle()))
}

/// A running server: where it listens and how to stop it.
pub struct Running {
    /// The public address (useful with port 0).
    pub addr: std::net::SocketAddr,
    /// The metrics address, if any.
    pub metrics_addr: Option<std::net::SocketAddr>,
    stop: watch::Sender<bool>,
    done: tokio::task::JoinHandle<()>,
}

impl Running {
    /// Asks everything to stop and waits until it has.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        let _ = self.done.await;
    }

    /// Waits until the server stops (after a signal).
    pub async fn wait(self) {
        let _ = self.done.await;
    }
}

/// Binds the listeners and starts serving, the worker and the signal handler.
pub async fn start(app: App, config: &Config) -> std::io::Result<Running> {
    let listener = TcpListener::bind(config.listen).await?;
    let addr = listener.local_addr()?;
    let metrics = match config.metrics_listen {
        Some(a) => Some(TcpListener::bind(a).await?),
        None => None,
    };
    let metrics_addr = metrics.as_ref().map(TcpListener::local_addr).transpose()?;
    let (stop, stopped) = watch::channel(false);
    let public = router(app.clone(), config);
    let worker = config.run_worker.then(|| {
        let (app, stopped) = (app.clone(), stopped.clone());
        tokio::spawn(async move { app.run_worker(WorkerConfig::default(), stopped).await })
    });
    let metrics_task = metrics.map(|l| {
        let mut stopped = stopped.clone();
        let router = metrics_router(app.clone());
        tokio::spawn(serve(l, router, HEADER_READ_TIMEOUT, async move {
            let _ = stopped.wait_for(|s| *s).await;
        }))
    });
    let signals = {
        let stop = stop.clone();
        tokio::spawn(async move {
            shutdown_signal().await;
            tracing::info!("shutdown requested: finishing requests in flight");
            let _ = stop.send(true);
        })
    };
    let mut stopped_public = stopped.clone();
    let done = tokio::spawn(async move {
        serve(listener, public, HEADER_READ_TIMEOUT, async move {
            let _ = stopped_public.wait_for(|s| *s).await;
        })
        .await;
        if let Some(w) = worker {
            let _ = w.await;
        }
        if let Some(m) = metrics_task {
            let _ = m.await;
        }
        signals.abort();
        // The reloads counted without waiting are written before the store closes.
        app.flush_read_audits().await;
        app.store().close().await;
        tracing::info!("stopped");
    });
    Ok(Running {
        addr,
        metrics_addr,
        stop,
        done,
    })
}

/// Serves `router` over HTTP/1.1 on `listener` until `stop` completes; then stops accepting,
/// lets every connection finish the request it is answering, and returns when all are closed.
/// Handlers see the peer as `ConnectInfo<SocketAddr>`. A connection that takes longer than
/// `header_read_timeout` to send a request's headers is closed, unanswered.
pub async fn serve(
    mut listener: TcpListener,
    router: Router,
    header_read_timeout: Duration,
    stop: impl Future<Output = ()> + Send,
) {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(header_read_timeout);
    // `draining` tells connections to finish; each holds a `connection_open` receiver until it
    // is closed, so `all_closed.closed()` completes when the last one is.
    let (draining, drain) = watch::channel(false);
    let (all_closed, connection_open) = watch::channel(());
    let mut stop = std::pin::pin!(stop);
    loop {
        // axum's `Listener` retries failed accepts (pausing when out of file descriptors).
        let (stream, peer) = tokio::select! {
            accepted = axum::serve::Listener::accept(&mut listener) => accepted,
            () = &mut stop => break,
        };
        let router = router.clone();
        let service = hyper::service::service_fn(move |request: Request<Incoming>| {
            let (mut parts, body) = request.into_parts();
            parts.extensions.insert(ConnectInfo(peer));
            let (body, read) = tracked(body);
            let router = router.clone();
            async move {
                let mut response = router
                    .oneshot(Request::from_parts(parts, body))
                    .await
                    .unwrap_or_else(|never| match never {});
                // Answered before its body was read (a 401 before the JSON, say): the rest of
                // the body is still on the wire, so this connection cannot carry another
                // request. Saying so lets the client open a new one instead of sending its
                // next request into a connection about to close.
                if read.is_some_and(|r| !r.load(Ordering::Acquire)) {
                    response
                        .headers_mut()
                        .insert(header::CONNECTION, HeaderValue::from_static("close"));
                }
                Ok::<_, Infallible>(response)
            }
        });
        let connection = http.serve_connection(TokioIo::new(stream), service);
        let mut drain = drain.clone();
        let open = connection_open.clone();
        tokio::spawn(async move {
            let mut connection = std::pin::pin!(connection);
            let draining = async {
                let _ = drain.wait_for(|d| *d).await;
            };
            let closed = tokio::select! {
                closed = connection.as_mut() => closed,
                () = draining => {
                    connection.as_mut().graceful_shutdown();
                    connection.await
                }
            };
            if let Err(e) = closed {
                tracing::debug!(peer = %peer, error = %e, "connection ended with an error");
            }
            drop(open);
        });
    }
    drop(listener);
    let _ = draining.send(true);
    drop(connection_open);
    all_closed.closed().await;
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}
