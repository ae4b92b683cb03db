//! The page frame ([`Chrome`]), rendering, the shared page templates (the one-question form,
//! the notice, the error page) and the error type of page handlers ([`PageError`]), so a
//! handler reads: parse, call one use case with `?`, render.

use crate::config::ServicerInfo;
use crate::kit::Errors;
use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// The parts of the page frame every page shows (portal, console, public pages): the one frame
/// is `templates/layout.html`, filled by `base.html` (portal and public pages) and
/// `console/base.html`.
#[derive(Clone, Debug)]
pub struct Chrome {
    /// The servicer.
    pub site: &'static ServicerInfo,
    /// Which menu item is current.
    pub nav: &'static str,
    /// Signed in: the sign-out form's token and unread messages.
    pub user: Option<UserBar>,
    /// The CSRF token for this page's forms.
    pub csrf: String,
}

/// The signed-in part of the header.
#[derive(Clone, Debug)]
pub struct UserBar {
    /// Unread messages in the message center.
    pub unread: i64,
}

/// One field of a one-question form page.
pub struct Field {
    /// Its name (and id).
    pub name: &'static str,
    /// Its label.
    pub label: &'static str,
    /// The input type.
    pub kind: &'static str,
    /// The value to show again.
    pub value: String,
    /// The autocomplete token.
    pub autocomplete: &'static str,
    /// A hint under the label.
    pub hint: &'static str,
}

/// A page with one short form.
#[derive(Template)]
#[template(path = "portal/single.html")]
pub struct SinglePage {
    /// Frame.
    pub chrome: Chrome,
    /// Messages.
    pub errors: Errors,
    /// The question.
    pub heading: &'static str,
    /// Sentences under it.
    pub intro: Vec<String>,
    /// Where the form posts.
    pub action: &'static str,
    /// Hidden fields.
    pub hidden: Vec<(String, String)>,
    /// The fields.
    pub fields: Vec<Field>,
    /// The button's words.
    pub button: &'static str,
    /// Links under the form.
    pub links: Vec<(String, String)>,
}

/// A page that says what happened.
#[derive(Template)]
#[template(path = "portal/notice.html")]
pub struct NoticePage {
    /// Frame.
    pub chrome: Chrome,
    /// What happened.
    pub heading: String,
    /// What it means, what to do.
    pub paragraphs: Vec<String>,
    /// Recovery codes, when shown once.
    pub codes: Vec<String>,
    /// Where to go next.
    pub links: Vec<(String, String)>,
}

/// A page that says what went wrong, with its status set by the caller
/// ([`ErrorPage::answer`]).
#[derive(Clone, Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    chrome: Chrome,
    heading: &'static str,
    message: std::borrow::Cow<'static, str>,
    error_id: Option<String>,
    /// A page of ours to go back to (the form a refused post came from), when known.
    back: Option<String>,
}

impl ErrorPage {
    /// An error page with a heading, a sentence, and an error id for 5xx.
    pub fn new(heading: &'static str, message: &'static str, error_id: Option<String>) -> Self {
        ErrorPage {
            chrome: crate::pages::public(""),
            heading,
            message: message.into(),
            error_id,
            back: None,
        }
    }

    /// The same page with a link back to `path`, a page of ours (the form a refused post
    /// came from).
    pub fn with_back(self, path: String) -> Self {
        ErrorPage {
            back: Some(path),
            ..self
        }
    }

    /// The page as the answer, with `status`. The page goes with the response (an extension),
    /// so that [`InVisitorChrome`](crate::portal::error_pages::InVisitorChrome) draws it again
    /// in a signed-in borrower's header: a handler answers with an error page without asking
    /// who visits.
    pub fn answer(self, status: StatusCode) -> Response {
        let mut response = (status, render(&self)).into_response();
        response.extensions_mut().insert(self);
        response
    }

    /// The same page in `chrome` (a signed-in borrower's menu, say).
    pub fn in_chrome(self, chrome: Chrome) -> Self {
        ErrorPage { chrome, ..self }
    }

    /// An error page whose sentence is made for this request.
    pub fn owned(heading: &'static str, message: String) -> Self {
        ErrorPage {
            chrome: crate::pages::public(""),
            heading,
            message: message.into(),
            error_id: None,
            back: None,
        }
    }
}

/// Renders a template; a template that fails to render is a bug, logged and answered 500.
pub fn render(t: &impl Template) -> Response {
    match t.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed to render");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

/// Why a page handler did not render its page: an answer decided early (a redirect, a 404, a
/// form shown again), or a failure of ours. `?` turns a store failure into the 500 page, logged
/// once under an error id that the page shows.
#[derive(Debug)]
pub enum PageError {
    /// Another answer, decided before the page (a redirect, a 404, a refusal). Boxed: a
    /// `Response` is large, and every page's `Result` carries this on its error side.
    Answer(Box<Response>),
    /// A failure of ours, already logged under this error id.
    Internal(String),
}

/// What a page handler returns.
pub type PageResult = Result<Response, PageError>;

impl PageError {
    /// A failure of ours: logged once with its cause; the visitor sees only the error id.
    pub fn internal(cause: &dyn std::fmt::Display) -> Self {
        PageError::Internal(crate::errors::log_internal(cause))
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        match self {
            PageError::Answer(r) => *r,
            PageError::Internal(id) => crate::errors::internal_page(&id),
        }
    }
}

impl From<Response> for PageError {
    fn from(r: Response) -> Self {
        PageError::Answer(Box::new(r))
    }
}

impl From<store::StoreError> for PageError {
    fn from(e: store::StoreError) -> Self {
        PageError::internal(&e)
    }
}
