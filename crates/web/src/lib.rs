//! Servicer's HTTP face: the borrower portal (server-rendered HTML that works without
//! JavaScript), the JSON API under `/api/v1` with its OpenAPI document, health and readiness,
//! Prometheus metrics on a private listener, and the layers every response passes through.
//! Handlers parse input into domain types, call the app, and render; no SQL, no rules.

pub mod api;
pub mod bootstrap;
pub mod config;
pub mod console;
mod errors;
pub mod help;
pub mod kit;
pub mod layers;
mod ops;
mod pages;
pub mod portal;
pub mod server;

pub use config::Config;

/// What every handler can reach: a handle to [`Shared`], so that the clone each extractor and
/// handler takes is one reference count, not one per field of the app (those clones, and the
/// drops after them, were the signed-in dashboard's largest cost of its own: issue 17).
#[derive(Clone, Debug)]
pub struct AppState(std::sync::Arc<Shared>);

/// The state itself.
#[derive(Debug)]
pub struct Shared {
    /// The application.
    pub app: app::App,
    /// The shared secret the SMS provider sends with inbound texts (STOP); none: no hook.
    pub sms_inbound_token: Option<String>,
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl AppState {
    /// State for `app` with no inbound-SMS hook.
    pub fn new(app: app::App) -> Self {
        AppState::with_sms_token(app, None)
    }

    /// State for `app` whose inbound-SMS hook expects `token`.
    pub fn with_sms_token(app: app::App, token: Option<String>) -> Self {
        AppState(std::sync::Arc::new(Shared {
            app,
            sms_inbound_token: token,
        }))
    }
}
