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
    /// The translator of the language the page is in.
    pub tr: i18n::Tr,
    /// The page's own path, where the language switcher comes back to.
    pub here: String,
}

/// The page's words: `{{ chrome.t("pay-heading") }}` in a template (see [`i18n::Tr`]).
impl Chrome {
    /// The language of the page.
    pub fn lang(&self) -> i18n::Lang {
        self.tr.lang()
    }

    /// Where the switch to the other language goes for a visitor: `/language?lang=es&back=…`.
    pub fn switch_href(&self) -> String {
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("lang", self.lang().other().code())
            .append_pair("back", &self.here)
            .finish();
        format!("/language?{query}")
    }

    /// The message `id`.
    pub fn t(&self, id: &str) -> String {
        self.tr.t(id)
    }

    /// The message `id` with one value.
    pub fn t1(&self, id: &str, k: &str, v: impl std::fmt::Display) -> String {
        self.tr.t1(id, k, v)
    }

    /// The message `id` with two values.
    pub fn t2(
        &self,
        id: &str,
        k1: &str,
        v1: impl std::fmt::Display,
        k2: &str,
        v2: impl std::fmt::Display,
    ) -> String {
        self.tr.t2(id, k1, v1, k2, v2)
    }

    /// The message `id` with three values.
    #[allow(clippy::too_many_arguments)]
    pub fn t3(
        &self,
        id: &str,
        k1: &str,
        v1: impl std::fmt::Display,
        k2: &str,
        v2: impl std::fmt::Display,
        k3: &str,
        v3: impl std::fmt::Display,
    ) -> String {
        self.tr.t3(id, k1, v1, k2, v2, k3, v3)
    }

    /// The message `id` choosing its words by `count` (a plural).
    pub fn count(&self, id: &str, count: impl TryInto<i64>) -> String {
        self.tr.count(id, count.try_into().unwrap_or(i64::MAX), &[])
    }

    /// The message `id` whose words carry markup, with one value escaped (write it `|safe`).
    pub fn html1(&self, id: &str, k: &str, v: impl std::fmt::Display) -> String {
        self.tr.html(id, &[(k, &v)])
    }

    /// The message `id` whose words carry markup, with two values escaped.
    pub fn html2(
        &self,
        id: &str,
        k1: &str,
        v1: impl std::fmt::Display,
        k2: &str,
        v2: impl std::fmt::Display,
    ) -> String {
        self.tr.html(id, &[(k1, &v1), (k2, &v2)])
    }

    /// The message `id` whose words carry markup, with three values escaped.
    #[allow(clippy::too_many_arguments)]
    pub fn html3(
        &self,
        id: &str,
        k1: &str,
        v1: impl std::fmt::Display,
        k2: &str,
        v2: impl std::fmt::Display,
        k3: &str,
        v3: impl std::fmt::Display,
    ) -> String {
        self.tr.html(id, &[(k1, &v1), (k2, &v2), (k3, &v3)])
    }

    /// A date in a sentence, in the page's language.
    pub fn date(&self, d: impl std::borrow::Borrow<jiff::civil::Date>) -> String {
        self.tr.date(d)
    }
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
    pub label: String,
    /// The input type.
    pub kind: &'static str,
    /// The value to show again.
    pub value: String,
    /// The autocomplete token.
    pub autocomplete: &'static str,
    /// A hint under the label.
    pub hint: String,
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
    pub heading: String,
    /// Sentences under it.
    pub intro: Vec<String>,
    /// Where the form posts.
    pub action: &'static str,
    /// Hidden fields.
    pub hidden: Vec<(String, String)>,
    /// The fields.
    pub fields: Vec<Field>,
    /// The button's words.
    pub button: String,
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
/// ([`ErrorPage::answer`]), in every language: the error-page layer draws it again in the
/// visitor's header and language.
#[derive(Clone, Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    chrome: Chrome,
    heading: i18n::Localized,
    message: i18n::Localized,
    error_id: Option<String>,
    /// A page of ours to go back to (the form a refused post came from), when known.
    back: Option<String>,
}

impl ErrorPage {
    /// An error page with the messages `heading` and `message` (ids in the catalog), and an
    /// error id for 5xx.
    pub fn new(heading: &'static str, message: &'static str, error_id: Option<String>) -> Self {
        Self::said(heading, i18n::Localized::of(|tr| tr.t(message)), error_id)
    }

    /// An error page whose sentence is made for this request, in every language.
    pub fn owned(heading: &'static str, message: i18n::Localized) -> Self {
        Self::said(heading, message, None)
    }

    fn said(heading: &'static str, message: i18n::Localized, error_id: Option<String>) -> Self {
        ErrorPage {
            chrome: crate::pages::public("", i18n::Lang::En),
            heading: i18n::Localized::of(|tr| tr.t(heading)),
            message,
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
    /// in a signed-in borrower's header and in the visitor's language: a handler answers with
    /// an error page without asking who visits.
    pub fn answer(self, status: StatusCode) -> Response {
        let mut response = (status, render(&self)).into_response();
        response.extensions_mut().insert(self);
        response
    }

    /// The same page in `chrome` (a signed-in borrower's menu, say). Its language switch
    /// goes back to the home page, not to the address refused: a refusal reads the same
    /// whatever was asked for (another borrower's loan and one that does not exist alike).
    pub fn in_chrome(self, chrome: Chrome) -> Self {
        ErrorPage {
            chrome: Chrome {
                here: "/".to_owned(),
                ..chrome
            },
            ..self
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
