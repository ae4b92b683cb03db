//! Error pages in the visitor's own header. A handler answers a 404, a refusal or the 500 page
//! with [`ErrorPage::answer`] without knowing who visits (most never need to ask); the page
//! goes with its response, and [`InVisitorChrome`] draws it again in the header of the
//! borrower whose live session the request names. So a loan that is not theirs, a letter
//! refused or a failure of ours looks as signed in as the page the borrower came from, and the
//! server's 404 for an address with no route does too. The page is drawn in the visitor's
//! language too (a handler's error page is English until then). A request that names no
//! session from an English reader passes through untouched: its error page is already in a
//! visitor's header, in English.

use super::{SESSION_COOKIE, Visitor, cookie};
use crate::AppState;
use crate::kit::page::ErrorPage;
use app::identity::ActiveSession;
use askama::Template;
use axum::body::Body;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{Request, header};
use axum::response::Response;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// The layer: the error pages of the routes inside it are drawn in the signed-in borrower's
/// header while the request's session is live. A layer of its own rather than a `from_fn`
/// middleware, which boxes and clones the rest of the stack on every request (issue 17); only
/// an error page of a request with a session cookie is boxed here.
#[derive(Clone)]
pub struct InVisitorChrome {
    state: AppState,
}

impl InVisitorChrome {
    /// The layer over `state`'s app (the session, the unread messages of the header).
    pub fn new(state: AppState) -> Self {
        InVisitorChrome { state }
    }
}

impl<S> tower::Layer<S> for InVisitorChrome {
    type Service = Redrawn<S>;

    fn layer(&self, inner: S) -> Redrawn<S> {
        Redrawn {
            inner,
            state: self.state.clone(),
        }
    }
}

/// A service whose error pages are drawn in the visitor's header ([`InVisitorChrome`]).
#[derive(Clone)]
pub struct Redrawn<S> {
    inner: S,
    state: AppState,
}

impl<S> tower::Service<Request<Body>> for Redrawn<S>
where
    S: tower::Service<Request<Body>, Response = Response>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = RedrawnFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<Body>) -> Self::Future {
        // Only a request that names a session can be a signed-in borrower's: only its head is
        // kept, to find the session again if the answer is an error page.
        // The console and the API are not the borrower's pages: their error pages keep their
        // own frame, whatever other cookies the browser sends.
        let (head, body) = req.into_parts();
        let path = head.uri.path();
        let borrowers = !path.starts_with("/console") && !path.starts_with("/api/");
        // A visitor who reads Spanish gets the page again in Spanish, signed in or not.
        let kept = (borrowers
            && (cookie(&head.headers, SESSION_COOKIE).is_some()
                || crate::kit::lang_of(&head.headers) != i18n::Lang::En))
            .then(|| (head.clone(), self.state.clone()));
        RedrawnFuture {
            inner: self.inner.call(Request::from_parts(head, body)),
            kept,
            redraw: None,
        }
    }
}

/// The error page drawn again, once the handler's answer is known.
type Redraw = Pin<Box<dyn Future<Output = Response> + Send>>;

pin_project_lite::pin_project! {
    /// The answer to a request: the handler's, its error page drawn again in the signed-in
    /// borrower's header when the request named a live session.
    pub struct RedrawnFuture<F> {
        #[pin]
        inner: F,
        kept: Option<(Parts, AppState)>,
        redraw: Option<Redraw>,
    }
}

impl<F, E> Future for RedrawnFuture<F>
where
    F: Future<Output = Result<Response, E>>,
{
    type Output = Result<Response, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        if let Some(redraw) = this.redraw.as_mut() {
            return redraw.as_mut().poll(cx).map(Ok);
        }
        let mut response = std::task::ready!(this.inner.poll(cx))?;
        let page = response.extensions_mut().remove::<ErrorPage>();
        let (Some(page), Some((head, state))) = (page, this.kept.take()) else {
            return Poll::Ready(Ok(response));
        };
        let mut redraw: Redraw = Box::pin(redrawn(state, head, page, response));
        let polled = redraw.as_mut().poll(cx).map(Ok);
        *this.redraw = Some(redraw);
        polled
    }
}

/// `response`, the error page `page`, drawn again in the header of the visitor `head` names:
/// the signed-in borrower's while their session is live; as it was otherwise (no live
/// session, or a half-finished sign-in).
async fn redrawn(
    state: AppState,
    mut head: Parts,
    page: ErrorPage,
    response: Response,
) -> Response {
    let Ok(visitor) = Visitor::from_request_parts(&mut head, &state).await else {
        return response;
    };
    let signed_in = visitor
        .session
        .as_ref()
        .and_then(ActiveSession::login)
        .is_some();
    if !signed_in && visitor.lang == i18n::Lang::En {
        return response;
    }
    let page = page.in_chrome(visitor.public_chrome(&state, "").await);
    match page.render() {
        Ok(html) => {
            let (mut parts, _) = response.into_parts();
            parts.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(parts, Body::from(html))
        }
        Err(e) => {
            tracing::error!(error = %e, "an error page failed to render in the visitor's header");
            response
        }
    }
}
