//! Servicer's HTTP face: the borrower portal (server-rendered HTML that works without
//! JavaScript), the JSON API under `/api/v1` with its OpenAPI document, health and readiness,
//! Prometheus metrics on a private listener, and the layers every response passes through.
//! Handlers parse input into domain types, call the app, and render; no SQL, no rules.

pub mod api;
pub mod bootstrap;
pub mod borrower_api;
pub mod config;
pub mod console;
mod errors;
pub mod help;
pub mod layers;
mod ops;
mod pages;
pub mod payments_api;
pub mod portal;
pub mod server;

pub use config::Config;

/// What every handler can reach.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The application.
    pub app: app::App,
    /// The shared secret the SMS provider sends with inbound texts (STOP); none: no hook.
    pub sms_inbound_token: Option<String>,
}

impl AppState {
    /// State for `app` with no inbound-SMS hook.
    pub fn new(app: app::App) -> Self {
        AppState {
            app,
            sms_inbound_token: None,
        }
    }
}
