//! Servicer's HTTP face: the borrower portal (server-rendered HTML that works without
//! JavaScript), the JSON API under `/api/v1` with its OpenAPI document, health and readiness,
//! Prometheus metrics on a private listener, and the layers every response passes through.
//! Handlers parse input into domain types, call the app, and render; no SQL, no rules.

pub mod api;
pub mod bootstrap;
pub mod config;
mod errors;
pub mod help;
pub mod layers;
mod ops;
mod pages;
pub mod server;

pub use config::Config;

/// What every handler can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The application.
    pub app: app::App,
}
