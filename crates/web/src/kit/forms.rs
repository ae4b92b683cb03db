//! Form posts: [`Posted`] refuses a cross-site request (Sec-Fetch-Site, Origin) and a form
//! without this visitor's CSRF token before the handler sees it, then parses the fields;
//! [`Errors`] carries field messages back to the form (an error summary at the top, each
//! message beside its field, as the GOV.UK Design System does).

use super::Visit;
use super::page::ErrorPage;
use crate::AppState;
use crate::portal::Visitor;
use app::identity::IdentityError;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{StatusCode, header};
use axum::response::Response;
use serde::Deserialize;
use serde::de::DeserializeOwned;

/// The most a form post may send, in bytes (the body limit's default, for a body sent
/// without its length, which the limit cannot refuse before it is read).
const FORM_LIMIT: usize = 64 * 1024;

/// Who sends a form: an audience's visitor (the borrower portal's, by default, or the
/// console's), which knows the CSRF token its forms must carry.
pub trait FormVisitor: FromRequestParts<AppState, Rejection = Response> + Send {
    /// The visit: client, CSRF token, and whether this is a first visit.
    fn visit(&self) -> &Visit;
}

/// A checked form post: the parsed form, its raw fields (for repeated checkboxes) and the
/// visitor who sent it.
pub struct Posted<T, V = Visitor> {
    /// The form.
    pub form: T,
    /// Every field as sent, in order.
    pub pairs: Vec<(String, String)>,
    /// Who sent it.
    pub visitor: V,
}

/// A form with nothing but its CSRF token (what it does is in its address): [`Posted`] checks
/// the token, and the fields, the token among them, are ignored here.
#[derive(Clone, Copy, Debug, Default, Deserialize)]
pub struct NoFields {}

/// The page of a form refused, `heading` and `message` being message ids.
fn refused(status: StatusCode, heading: &'static str, message: &'static str) -> Response {
    ErrorPage::new(heading, message, None).answer(status)
}

/// True when the request says it comes from another site.
fn is_cross_site(req: &Request) -> bool {
    let h = req.headers();
    if let Some(site) = h.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return true;
    }
    match (
        h.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        h.get(header::HOST).and_then(|v| v.to_str().ok()),
    ) {
        (Some(origin), Some(host)) => origin
            .split_once("://")
            .is_none_or(|(_, authority)| authority != host),
        (Some(_), None) => true,
        _ => false,
    }
}

impl<T: DeserializeOwned + Send, V: FormVisitor> FromRequest<AppState> for Posted<T, V> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        if is_cross_site(&req) {
            return Err(refused(
                StatusCode::FORBIDDEN,
                "error-cross-site",
                "error-cross-site-body",
            ));
        }
        let (mut parts, body) = req.into_parts();
        let visitor = V::from_request_parts(&mut parts, state).await?;
        let bytes = axum::body::to_bytes(body, FORM_LIMIT).await.map_err(|_| {
            crate::errors::too_large_page(
                FORM_LIMIT,
                crate::errors::same_site_referer(&parts.headers),
                super::lang_of(&parts.headers),
            )
        })?;
        let pairs: Vec<(String, String)> = form_urlencoded::parse(&bytes).into_owned().collect();
        let sent = pairs
            .iter()
            .find(|(k, _)| k == "csrf")
            .map(|(_, v)| v.as_str());
        let visit = visitor.visit();
        if visit.new_pre.is_some() || sent != Some(visit.csrf.as_str()) {
            return Err(refused(
                StatusCode::FORBIDDEN,
                "error-expired",
                "error-expired-body",
            ));
        }
        let form = serde_urlencoded::from_bytes(&bytes).map_err(|_| {
            refused(
                StatusCode::BAD_REQUEST,
                "error-form-incomplete",
                "error-form-incomplete-body",
            )
        })?;
        Ok(Posted {
            form,
            pairs,
            visitor,
        })
    }
}

/// Messages for a form: which field, and what is wrong with it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Errors(pub Vec<(&'static str, String)>);

impl Errors {
    /// One message for one field.
    pub fn one(field: &'static str, message: impl Into<String>) -> Self {
        Errors(vec![(field, message.into())])
    }

    /// The messages of an identity step, each on its field
    /// ([`form_field`](super::identity_refusals::form_field)) or on `fallback`: every refusal
    /// of a form that broke several rules ([`IdentityError::Several`]), so the form lists them
    /// all at once; a mailing address refused names every part at fault, each on its own field.
    pub fn from_identity(e: &IdentityError, fallback: &'static str) -> Self {
        Errors(
            e.each()
                .into_iter()
                .flat_map(|one| -> Vec<(&'static str, String)> {
                    if let IdentityError::MailingAddress(problems) = one {
                        problems
                            .all()
                            .iter()
                            .map(|p| {
                                (
                                    super::identity_refusals::address_field(p.field()),
                                    p.to_string(),
                                )
                            })
                            .collect()
                    } else {
                        vec![(
                            super::identity_refusals::form_field(one).unwrap_or(fallback),
                            one.to_string(),
                        )]
                    }
                })
                .collect(),
        )
    }

    /// Adds a message for `field`.
    pub fn push(&mut self, field: &'static str, message: impl Into<String>) {
        self.0.push((field, message.into()));
    }

    /// Adds every message of `more` after these: a form checked part by part lists the
    /// problems of all its parts at once, in the form's order.
    pub fn append(&mut self, more: Errors) {
        self.0.extend(more.0);
    }

    /// The message for `field`, if any.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    /// No messages.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The HTTP status of a form shown again with errors (or 200 on first show).
pub fn status_of(errors: &Errors) -> StatusCode {
    if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    }
}
