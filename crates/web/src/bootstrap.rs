//! Turning configuration into a running application: logging, the store (migrated), the
//! encryption keys, the clock and the time zone. Shared by `servicer serve` and the operator
//! commands, so they all see the same database the same way.

use crate::config::{Config, LogFormat};
use app::App;
use app::clock::SystemClock;
use app::delivery::{HttpSms, Sender, Senders, Smtp};
use app::vault::{Key, Vault};
use std::sync::Arc;
use store::Store;
use tracing_subscriber::EnvFilter;

/// Starts logging to stderr as configured (once per process; later calls do nothing).
pub fn init_tracing(config: &Config) {
    let filter = EnvFilter::try_new(&config.log_level).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    let _ = match config.log_format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Human => builder.try_init(),
    };
}

/// Why the application could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The database could not be opened or migrated.
    #[error("database {url}: {source}")]
    Store {
        /// The URL, without credentials.
        url: String,
        /// What failed.
        source: store::StoreError,
    },
    /// The encryption keys are malformed.
    #[error("encryption_keys: {0}")]
    Keys(#[from] app::vault::VaultError),
    /// The demo key file could not be read or written.
    #[error("demo key file {path}: {source}")]
    DemoKey {
        /// Its path.
        path: String,
        /// What failed.
        source: std::io::Error,
    },
    /// A provider's settings (email, SMS, card processor) or the payment settings are malformed.
    #[error("{0}")]
    Delivery(String),
    /// The time zone is unknown.
    #[error("time_zone {0:?} is not an IANA time zone (like America/New_York)")]
    TimeZone(String),
}

/// Opens the store (applying migrations), loads the keys and wires the application.
pub async fn open_app(config: &Config) -> Result<App, StartError> {
    let shown_url = redact(&config.database_url);
    let store_error = |source| StartError::Store {
        url: shown_url.clone(),
        source,
    };
    let store = Store::connect(&config.database_url)
        .await
        .map_err(store_error)?;
    store.migrate().await.map_err(store_error)?;
    let vault = vault(config)?;
    let zone = jiff::tz::TimeZone::get(&config.time_zone)
        .map_err(|_| StartError::TimeZone(config.time_zone.clone()))?;
    let app = App::new(store, Arc::new(SystemClock), vault, zone)
        .with_demo(config.demo)
        .with_servicer(config.servicer.clone())
        .with_senders(senders(config)?)
        .with_payments(config.payments.settings().map_err(StartError::Delivery)?)
        .with_cob({
            config
                .close_of_business
                .check()
                .map_err(StartError::Delivery)?;
            config.close_of_business.clone()
        })
        .with_card_processor(
            config
                .payments
                .card_processor()
                .map_err(StartError::Delivery)?,
        );
    Ok(match &config.routing_directory {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| StartError::Delivery(format!("routing_directory {path:?}: {e}")))?;
            app.with_routing_directory(app::payment_methods::read_routing_directory(&text))
        }
        None => app,
    })
}

/// The email and text senders the configuration names.
pub fn senders(config: &Config) -> Result<Senders, StartError> {
    let email = match &config.email {
        Some(e) => Some(
            Arc::new(Smtp::new(&e.smtp_url, &e.from).map_err(StartError::Delivery)?)
                as Arc<dyn Sender>,
        ),
        None => None,
    };
    let sms = match &config.sms {
        Some(s) => Some(Arc::new(
            HttpSms::new(&s.endpoint, &s.token, &s.from).map_err(StartError::Delivery)?,
        ) as Arc<dyn Sender>),
        None => None,
    };
    Ok(Senders { email, sms })
}

/// The configured keys, or the demo key (generated into `demo_key_file` on first use).
fn vault(config: &Config) -> Result<Vault, StartError> {
    if let Some(keys) = &config.encryption_keys {
        return Ok(Vault::from_config(keys)?);
    }
    let path = &config.demo_key_file;
    let io = |source| StartError::DemoKey {
        path: path.clone(),
        source,
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let key = Key::generate("demo");
            match write_private(path, &key) {
                Ok(()) => {
                    tracing::warn!(path = %path, "generated a DEMO encryption key: for demos only; set SERVICER_ENCRYPTION_KEYS for real data");
                    key
                }
                // Another process starting at the same moment made it first: use theirs.
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    std::fs::read_to_string(path).map_err(io)?
                }
                Err(e) => return Err(io(e)),
            }
        }
        Err(e) => return Err(io(e)),
    };
    tracing::warn!(path = %path, "identity facts are encrypted under the DEMO key: for demos only");
    Ok(Vault::from_config(&text)?)
}

/// Writes a new private file whole or not at all: a process killed while writing must not
/// leave an empty key file behind (every later start would fail on it). The text goes to a
/// temporary file first, synced, then is linked to `path` (which fails if `path` exists).
fn write_private(path: &str, text: &str) -> std::io::Result<()> {
    let tmp = format!("{path}.tmp-{}", std::process::id());
    let _ = std::fs::remove_file(&tmp);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let result = (|| {
        let mut file = options.open(&tmp)?;
        std::io::Write::write_all(&mut file, text.as_bytes())?;
        file.sync_all()?;
        std::fs::hard_link(&tmp, path)
    })();
    let _ = std::fs::remove_file(&tmp);
    result
}

/// The URL without a password, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &url[scheme + 3..at];
            let user = creds.split(':').next().unwrap_or_default();
            format!("{}{user}:***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_never_reach_a_message() {
        assert_eq!(
            super::redact("postgres://svc:s3cret@db:5432/servicer"),
            "postgres://svc:***@db:5432/servicer"
        );
        assert_eq!(
            super::redact("sqlite://servicer.db"),
            "sqlite://servicer.db"
        );
    }
}
