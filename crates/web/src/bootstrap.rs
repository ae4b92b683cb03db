//! Turning configuration into a running application: logging, the store (migrated), the
//! encryption keys, the clock and the time zone. Shared by `servicer serve` and the operator
//! commands, so they all see the same database the same way.
//!
//! Only a server creates what is missing ([`Creating`]): an operator command run outside the
//! server's directory would otherwise make a new empty SQLite database and a new demo key
//! there, and report on them as if they were the servicer's.

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
    /// The SQLite file the configuration names does not exist, and this command creates none.
    #[error(
        "No database at {path}. Run this where `servicer serve` runs, or set SERVICER_DATABASE_URL (or SERVICER_CONFIG, naming the server's servicer.toml) to the server's database; only `servicer serve` and `servicer migrate` create a new one"
    )]
    NoDatabase {
        /// The absolute path looked at.
        path: String,
    },
    /// `encryption_keys` is unset and there is no demo key file; only the demo makes one.
    #[error(
        "No encryption key: SERVICER_ENCRYPTION_KEYS is unset and there is no demo key at {path}. Set SERVICER_ENCRYPTION_KEYS (docs/configuration.md), or run this where `servicer serve --demo` made its key (SERVICER_DEMO_KEY_FILE names another place); only `servicer serve --demo` makes a demo key"
    )]
    NoDemoKey {
        /// The absolute path looked at.
        path: String,
    },
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
    /// A loan product's settings are malformed.
    #[error("{0}")]
    Products(String),
}

/// What opening the application may create when it is missing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Creating {
    /// Nothing (the operator commands): the SQLite file must exist, and so must the demo key
    /// when `encryption_keys` is unset.
    Nothing,
    /// A new database, but no demo key (`servicer serve`): real data is sealed under the
    /// configured keys.
    Database,
    /// A new database and a demo key (`servicer serve --demo`).
    DatabaseAndDemoKey,
}

/// Opens the store (applying migrations), loads the keys and wires the application, creating
/// the database and the demo key when missing (as `servicer serve --demo` does; the tests'
/// servers too). Commands that must find them use [`open_app_creating`].
pub async fn open_app(config: &Config) -> Result<App, StartError> {
    open_app_creating(config, Creating::DatabaseAndDemoKey).await
}

/// Opens the store (applying migrations), loads the keys and wires the application, creating
/// only what `creating` allows; a refusal creates nothing.
pub async fn open_app_creating(config: &Config, creating: Creating) -> Result<App, StartError> {
    if creating == Creating::Nothing
        && let Some(path) = sqlite_file(&config.database_url)
        && !path.exists()
    {
        return Err(StartError::NoDatabase {
            path: path.display().to_string(),
        });
    }
    // The key before the database: a command refused for want of a key leaves no new
    // database behind.
    let vault = vault(config, creating)?;
    let shown_url = redact(&config.database_url);
    let store_error = |source| StartError::Store {
        url: shown_url.clone(),
        source,
    };
    let store = Store::connect(&config.database_url)
        .await
        .map_err(store_error)?;
    store.migrate().await.map_err(store_error)?;
    let zone = jiff::tz::TimeZone::get(&config.time_zone)
        .map_err(|_| StartError::TimeZone(config.time_zone.clone()))?;
    let app = App::new(store, Arc::new(SystemClock), vault, zone)
        .with_demo(config.demo)
        .with_servicer(config.servicer.clone())
        .with_products(app::products::catalog(&config.products).map_err(StartError::Products)?)
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
        )
        .with_approvals(
            config
                .approvals
                .thresholds()
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
    // A demo's messages arrive in the demo mailbox: without a real provider, that is where
    // they are delivered (so what waits on delivery, a TEL debit's notice, goes on as it would
    // with a provider). Outside demo mode a channel without a provider keeps its messages
    // pending, never pretending they went.
    let demo = || {
        config
            .demo
            .then(|| Arc::new(app::delivery::DemoMailbox) as Arc<dyn Sender>)
    };
    Ok(Senders {
        email: email.or_else(demo),
        sms: sms.or_else(demo),
    })
}

/// The file a `sqlite:` URL names, made absolute (none for an in-memory database or another
/// scheme): what `Store::connect` would create.
fn sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split_once('?').map_or(rest, |(path, _)| path);
    if path.is_empty() || path.contains(":memory:") || url.contains("mode=memory") {
        return None;
    }
    Some(std::path::absolute(path).unwrap_or_else(|_| path.into()))
}

/// The configured keys, or the demo key (generated into `demo_key_file` on first use, when
/// `creating` allows it).
fn vault(config: &Config, creating: Creating) -> Result<Vault, StartError> {
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
        // A key made now would seal nothing the database holds: only the demo starts afresh.
        Err(e)
            if e.kind() == std::io::ErrorKind::NotFound
                && creating != Creating::DatabaseAndDemoKey =>
        {
            let shown = std::path::absolute(path).unwrap_or_else(|_| path.into());
            return Err(StartError::NoDemoKey {
                path: shown.display().to_string(),
            });
        }
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
    fn a_demo_delivers_to_its_mailbox_and_nothing_else_pretends_to_deliver() {
        let production = crate::config::Config::default();
        let s = super::senders(&production).unwrap();
        assert!(
            s.email.is_none() && s.sms.is_none(),
            "no provider, nothing sent"
        );
        let demo = crate::config::Config {
            demo: true,
            ..crate::config::Config::default()
        };
        let s = super::senders(&demo).unwrap();
        assert!(
            s.email.is_some() && s.sms.is_some(),
            "the demo mailbox takes both"
        );
    }

    #[test]
    fn the_sqlite_file_is_found_in_the_url_and_made_absolute() {
        let here = std::env::current_dir().unwrap();
        assert_eq!(
            super::sqlite_file("sqlite://servicer.db"),
            Some(here.join("servicer.db"))
        );
        assert_eq!(
            super::sqlite_file("sqlite:///var/lib/servicer/s.db?mode=rwc"),
            Some(std::path::PathBuf::from("/var/lib/servicer/s.db"))
        );
        assert_eq!(super::sqlite_file("sqlite::memory:"), None);
        assert_eq!(super::sqlite_file("postgres://db/servicer"), None);
    }

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
