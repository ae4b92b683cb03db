//! A route table that records what each route takes from its path, built together with the
//! router so the list cannot drift from it: the security tests call every route that takes
//! an id with another borrower's session.

use crate::AppState;
use axum::Router;
use axum::routing::MethodRouter;

/// What a route takes from the path, for the route-by-route authorization test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Takes {
    /// Nothing that belongs to a borrower.
    Nothing,
    /// A loan's account number (`{account_number}`).
    Loan,
    /// A secure message id (`{id}`).
    Message,
    /// A saved payment method's id (`{method_id}`).
    PaymentMethod,
    /// A payment's id (`{payment_id}`).
    Payment,
    /// A statement of a loan (`{account_number}` and `{statement_id}`).
    Statement,
    /// An AutoPay authorization of a loan (`{account_number}` and `{autopay_id}`).
    Autopay,
}

/// One route of the portal (or of the borrower's API, which takes the same ids).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RouteSpec {
    /// "GET" or "POST".
    pub method: &'static str,
    /// The path pattern.
    pub path: &'static str,
    /// Needs a signed-in borrower.
    pub signed_in: bool,
    /// What it takes from the path.
    pub takes: Takes,
}

/// Routes with what each takes, built together so the list cannot drift from the router.
pub struct Table {
    /// The router.
    pub router: Router<AppState>,
    /// What each route takes.
    pub specs: Vec<RouteSpec>,
}

impl Default for Table {
    fn default() -> Self {
        Table::new()
    }
}

impl Table {
    /// An empty table.
    pub fn new() -> Self {
        Table {
            router: Router::new(),
            specs: Vec::new(),
        }
    }

    /// A PUT route; `signed_in`: it needs a signed-in borrower.
    pub fn put<H, T>(self, path: &'static str, signed_in: bool, handler: H) -> Self
    where
        H: axum::handler::Handler<T, AppState>,
        T: 'static,
    {
        self.add("PUT", path, signed_in, axum::routing::put(handler))
    }

    /// A DELETE route; `signed_in`: it needs a signed-in borrower.
    pub fn delete<H, T>(self, path: &'static str, signed_in: bool, handler: H) -> Self
    where
        H: axum::handler::Handler<T, AppState>,
        T: 'static,
    {
        self.add("DELETE", path, signed_in, axum::routing::delete(handler))
    }

    /// A GET route; `signed_in`: it needs a signed-in borrower.
    pub fn get<H, T>(self, path: &'static str, signed_in: bool, handler: H) -> Self
    where
        H: axum::handler::Handler<T, AppState>,
        T: 'static,
    {
        self.add("GET", path, signed_in, axum::routing::get(handler))
    }

    /// A POST route; `signed_in`: it needs a signed-in borrower.
    pub fn post<H, T>(self, path: &'static str, signed_in: bool, handler: H) -> Self
    where
        H: axum::handler::Handler<T, AppState>,
        T: 'static,
    {
        self.add("POST", path, signed_in, axum::routing::post(handler))
    }

    fn add(
        mut self,
        method: &'static str,
        path: &'static str,
        signed_in: bool,
        handler: MethodRouter<AppState>,
    ) -> Self {
        let takes = if path.contains("{statement_id}") {
            Takes::Statement
        } else if path.contains("{autopay_id}") {
            Takes::Autopay
        } else if path.contains("{account_number}") {
            Takes::Loan
        } else if path.contains("{payment_id}") {
            Takes::Payment
        } else if path.contains("{method_id}") {
            Takes::PaymentMethod
        } else if path.contains("{id}") {
            Takes::Message
        } else {
            assert!(!path.contains('{'), "classify the path parameter of {path}");
            Takes::Nothing
        };
        self.specs.push(RouteSpec {
            method,
            path,
            signed_in,
            takes,
        });
        self.router = self.router.route(path, handler);
        self
    }
}
