//! Who may call each route under `/api/v1`. Every route is declared once, in
//! [`crate::api::routes`], with its [`Access`]: anyone, a borrower's session, or an API client
//! whose token holds one [`Scope`]. A route for API clients carries its scope on every request,
//! and its handler learns who is calling through the [`Client`] extractor, which checks that
//! scope before the handler runs: a token without it is answered 403 `insufficient_scope`, and
//! a handler that asks for a [`Client`] on a route declared without a scope fails closed. The
//! OpenAPI document takes each route's security and its 401/403 answers from the same table.

use crate::AppState;
use crate::errors::ApiError;
use crate::kit::RouteSpec;
use app::api_clients::{ApiClient, Scope};
use axum::Router;
use axum::extract::FromRequestParts;
use axum::handler::Handler;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodFilter, on};
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::SecurityRequirement;
use utoipa::openapi::{Content, HeaderBuilder, OpenApi, PathItem, Ref, ResponseBuilder};

/// Who may call a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone (the OpenAPI document, starting an enrolment, signing in).
    Public,
    /// A borrower, with a session token (or the session cookie and `X-CSRF-Token`).
    Borrower {
        /// Needs a fully signed-in session (false: none, or one part way through enrolment or
        /// sign-in).
        signed_in: bool,
    },
    /// An API client whose token holds this scope.
    Client(Scope),
}

/// One route under `/api/v1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ApiRoute {
    /// "GET", "POST", "PUT" or "DELETE".
    pub method: &'static str,
    /// The path pattern, written as the router and the OpenAPI document write it.
    pub path: &'static str,
    /// Who may call it.
    pub access: Access,
}

/// The API's routes with who may call each, built together so the list cannot drift from
/// the router.
pub(crate) struct ApiTable {
    pub(crate) router: Router<AppState>,
    pub(crate) routes: Vec<ApiRoute>,
}

/// The scope a route declared for API clients needs, put on each of its requests.
#[derive(Clone, Copy, Debug)]
struct Needs(Scope);

impl ApiTable {
    pub(crate) fn new() -> Self {
        ApiTable {
            router: Router::new(),
            routes: Vec::new(),
        }
    }

    /// A route anyone may call.
    pub(crate) fn public<H, T>(mut self, method: Method, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let (name, filter) = verb(&method);
        self.routes.push(ApiRoute {
            method: name,
            path,
            access: Access::Public,
        });
        self.router = self.router.route(path, on(filter, handler));
        self
    }

    /// A route for API clients whose token holds `scope`; its handler takes a [`Client`].
    pub(crate) fn client<H, T>(
        mut self,
        method: Method,
        path: &'static str,
        scope: Scope,
        handler: H,
    ) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let (name, filter) = verb(&method);
        self.routes.push(ApiRoute {
            method: name,
            path,
            access: Access::Client(scope),
        });
        self.router = self.router.route(
            path,
            on(filter, handler).layer(axum::Extension(Needs(scope))),
        );
        self
    }

    /// The borrower API's routes, from its own table.
    pub(crate) fn borrower(mut self, (router, specs): (Router<AppState>, Vec<RouteSpec>)) -> Self {
        self.routes.extend(specs.into_iter().map(|s| ApiRoute {
            method: s.method,
            path: s.path,
            access: Access::Borrower {
                signed_in: s.signed_in,
            },
        }));
        self.router = self.router.merge(router);
        self
    }
}

fn verb(method: &Method) -> (&'static str, MethodFilter) {
    match *method {
        Method::GET => ("GET", MethodFilter::GET),
        Method::POST => ("POST", MethodFilter::POST),
        Method::PUT => ("PUT", MethodFilter::PUT),
        Method::DELETE => ("DELETE", MethodFilter::DELETE),
        _ => panic!("no API route answers {method}"),
    }
}

/// The API client calling a route declared for clients, its token checked against the scope
/// the route needs.
pub struct Client(pub ApiClient);

impl FromRequestParts<AppState> for Client {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(&Needs(scope)) = parts.extensions.get::<Needs>() else {
            return Err(ApiError::internal(&format!(
                "{} {} takes an API client but was declared without a scope",
                parts.method,
                parts.uri.path()
            ))
            .into_response());
        };
        let client = authenticate(state, &parts.headers)
            .await
            .map_err(IntoResponse::into_response)?;
        if client.may(scope) {
            Ok(Client(client))
        } else {
            Err(insufficient_scope(scope))
        }
    }
}

/// The client whose bearer token the request carries: 401 without a valid one.
async fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<ApiClient, ApiError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or_else(ApiError::unauthorized)?;
    state
        .app
        .api_client(token.trim())
        .await?
        .ok_or_else(ApiError::unauthorized)
}

/// 403 for a valid token without the scope, saying which scope it needs (in the body, and in
/// `WWW-Authenticate` as RFC 6750 has it).
fn insufficient_scope(scope: Scope) -> Response {
    let mut response = ApiError::new(
        StatusCode::FORBIDDEN,
        "insufficient_scope",
        format!(
            "This token may not {} (needs the {} scope)",
            scope.action(),
            scope.name()
        ),
    )
    .into_response();
    let challenge = format!(
        "Bearer error=\"insufficient_scope\", scope=\"{}\"",
        scope.name()
    );
    if let Ok(v) = HeaderValue::from_str(&challenge) {
        response.headers_mut().insert(header::WWW_AUTHENTICATE, v);
    }
    response
}

/// Writes into `doc` what the table knows of each route: an API client route's scope (its
/// security requirement, a line of its description, and its 401 and 403 answers), a borrower
/// route's 401 (and 403 for a change sent with the cookie but no CSRF header), and the 400 of
/// any route that takes a body. An answer the route documents itself is kept as it is.
pub(crate) fn annotate(doc: &mut OpenApi, routes: &[ApiRoute]) {
    for route in routes {
        // A route missing from the document is the contract test's to report.
        let Some(op) = doc
            .paths
            .paths
            .get_mut(route.path)
            .and_then(|item| operation(item, route.method))
        else {
            continue;
        };
        match route.access {
            Access::Client(scope) => {
                op.security = Some(vec![SecurityRequirement::new("bearer", [scope.name()])]);
                let line = format!("Needs an API token with the `{scope}` scope.");
                op.description = Some(match op.description.take() {
                    Some(d) => format!("{d}\n\n{line}"),
                    None => line,
                });
                unauthorized(op, "No valid API token");
                answer(
                    op,
                    403,
                    &format!(
                        "`insufficient_scope`: the token is valid but lacks the `{scope}` scope"
                    ),
                );
            }
            Access::Borrower { .. } if op.security.as_ref().is_some_and(|s| !s.is_empty()) => {
                unauthorized(
                    op,
                    "No valid session: sign in, then send `Authorization: Bearer <session token>`",
                );
                if route.method != "GET" {
                    answer(
                        op,
                        403,
                        "`csrf`: sent with the session cookie but without a valid `X-CSRF-Token`",
                    );
                }
            }
            Access::Borrower { .. } | Access::Public => {}
        }
        if op.request_body.is_some() {
            answer(
                op,
                400,
                "The body is not JSON of this shape, or a field is wrong (`field` names it)",
            );
        }
    }
}

fn operation<'a>(item: &'a mut PathItem, method: &str) -> Option<&'a mut Operation> {
    match method {
        "GET" => item.get.as_mut(),
        "POST" => item.post.as_mut(),
        "PUT" => item.put.as_mut(),
        "DELETE" => item.delete.as_mut(),
        _ => None,
    }
}

/// Documents `status` with the error body, unless the route documents it already.
fn answer(op: &mut Operation, status: u16, description: &str) {
    op.responses
        .responses
        .entry(status.to_string())
        .or_insert_with(|| {
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/json",
                    Content::new(Some(Ref::from_schema_name("ErrorBody"))),
                )
                .build()
                .into()
        });
}

/// Documents the 401 with its `WWW-Authenticate: Bearer` header, unless the route documents
/// it already.
fn unauthorized(op: &mut Operation, description: &str) {
    op.responses
        .responses
        .entry("401".to_owned())
        .or_insert_with(|| {
            ResponseBuilder::new()
                .description(description)
                .header(
                    "WWW-Authenticate",
                    HeaderBuilder::new().description(Some("`Bearer`")).build(),
                )
                .content(
                    "application/json",
                    Content::new(Some(Ref::from_schema_name("ErrorBody"))),
                )
                .build()
                .into()
        });
}
