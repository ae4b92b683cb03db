//! Configuration: built-in defaults, then a TOML file (`servicer.toml` in the working
//! directory, or the one named by `SERVICER_CONFIG`), then `SERVICER_*` environment variables
//! (`SERVICER_DATABASE_URL`, `SERVICER_LISTEN`, `SERVICER_SERVICER__PHONE` for nested keys).
//! docs/configuration.md lists every key.

pub use app::servicer::ServicerInfo;
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::net::SocketAddr;

/// Everything an instance needs to run.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `sqlite://servicer.db` (the default) or `postgres://user@host/db`.
    pub database_url: String,
    /// Where the portal and the API listen.
    pub listen: SocketAddr,
    /// Where Prometheus metrics are served: a separate, private listener.
    pub metrics_listen: Option<SocketAddr>,
    /// `human` or `json` log lines.
    pub log_format: LogFormat,
    /// A `tracing` filter: `info`, `servicer=debug,info`, …
    pub log_level: String,
    /// The servicer's IANA time zone: it decides the business date.
    pub time_zone: String,
    /// Encryption keys for identity facts, `id:64-hex`, comma-separated, current first.
    /// Unset: a demo key is generated into `demo_key_file` (for demos only).
    pub encryption_keys: Option<String>,
    /// Where a generated demo key is kept.
    pub demo_key_file: String,
    /// Seconds a request may take before it is answered 503.
    pub request_timeout_secs: u64,
    /// Largest request body accepted, in bytes.
    pub body_limit_bytes: usize,
    /// Run the job worker and scheduler in this instance.
    pub run_worker: bool,
    /// What the portal's pages say about the servicer.
    pub servicer: ServicerInfo,
    /// Take the client address from X-Forwarded-For (only behind a proxy that sets it).
    pub trust_forwarded_for: bool,
    /// The shared secret the SMS provider sends (header `X-Servicer-Token`) with inbound
    /// texts to `POST /hooks/sms`; unset, the hook does not exist.
    pub sms_inbound_token: Option<String>,
    /// A routing directory file (one routing number at the start of each line, as the
    /// Federal Reserve's E-Payments Routing Directory): bank accounts must name a bank in it.
    pub routing_directory: Option<String>,
    /// Email delivery (SMTP); unset, email waits in the outbox.
    pub email: Option<EmailConfig>,
    /// Text delivery (an SMS provider's HTTP API); unset, texts wait in the outbox.
    pub sms: Option<SmsConfig>,
    /// Payments: the cutoff, scheduling window, ACH origination and the card processor.
    pub payments: PaymentsConfig,
    /// `[close_of_business]`: when the nightly run starts, the statement and reminder
    /// cycle, the chunk size and lease, where the print batch goes.
    pub close_of_business: app::cob::CobSettings,
    /// `[products.NAME]`: the loan products a boarding file may name, each key left out the
    /// standard product's (declare `[products.standard]` to change the default product).
    pub products: BTreeMap<String, app::products::ProductSettings>,
    /// Demo mode (`serve --demo` sets it): adds the demo mailbox page, which shows every
    /// message in the outbox. Never in production.
    pub demo: bool,
    /// `[approvals]`: four eyes, each role's threshold for each kind of servicing action.
    pub approvals: app::approvals::ApprovalSettings,
}

/// Where email goes out.
#[derive(Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct EmailConfig {
    /// `smtps://user:pass@smtp.example.com:465` or `smtp://user:pass@host:587?tls=required`.
    pub smtp_url: String,
    /// The From address: `Acme Loan Servicing <no-reply@acme.example>`.
    pub from: String,
}

impl std::fmt::Debug for EmailConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "EmailConfig(from {})", self.from)
    }
}

/// Where texts go out.
#[derive(Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SmsConfig {
    /// The provider's endpoint for sending a message (https).
    pub endpoint: String,
    /// The provider's API token (sent as a bearer token).
    pub token: String,
    /// The number texts come from (E.164, like +12175550100).
    pub from: String,
}

impl std::fmt::Debug for SmsConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SmsConfig({})", self.endpoint)
    }
}

/// `[payments]`
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PaymentsConfig {
    /// "HH:MM" in the servicer's time zone: payments made before it on a business day are
    /// credited that day, and the day's ACH file is made at it.
    pub cutoff: String,
    /// Days past the next due date a payment may be scheduled.
    pub schedule_window_days: i16,
    /// `[payments.ach]`: who we are to our bank (from the ODFI agreement) and where files go.
    pub ach: app::payments::ach::AchSettings,
    /// `[payments.cards]`
    pub cards: CardsConfig,
    /// `[payments.limits]`
    pub limits: LimitsConfig,
    /// `[payments.lockbox]`: where the bank's lockbox files arrive.
    pub lockbox: app::remittance::LockboxSettings,
}

impl Default for PaymentsConfig {
    fn default() -> Self {
        PaymentsConfig {
            cutoff: "17:00".into(),
            schedule_window_days: 15,
            ach: app::payments::ach::AchSettings::default(),
            cards: CardsConfig::default(),
            limits: LimitsConfig::default(),
            lockbox: app::remittance::LockboxSettings::default(),
        }
    }
}

/// `[payments.limits]`: the largest single payment of each channel, in dollars ("50000.00"),
/// each at most 99999999.99 (what an ACH entry's amount field carries).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct LimitsConfig {
    /// A payment or AutoPay amount a borrower chooses (portal and API).
    pub portal: String,
    /// A bank debit authorized by phone.
    pub phone: String,
    /// A payment staff post (lockbox, mail, bill pay, collected).
    pub posted: String,
}

impl Default for LimitsConfig {
    fn default() -> Self {
        let d = app::payments::PaymentLimits::default();
        LimitsConfig {
            portal: d.portal.to_string(),
            phone: d.phone.to_string(),
            posted: d.posted.to_string(),
        }
    }
}

impl LimitsConfig {
    fn limits(&self) -> Result<app::payments::PaymentLimits, String> {
        let read = |key: &str, text: &str| {
            money::Money::parse(text)
                .ok()
                .filter(|m| m.is_positive() && *m <= app::payments::MAX_AMOUNT)
                .ok_or_else(|| {
                    format!(
                        "payments.limits.{key} {text:?}: use dollars and cents from 0.01 to {}, like \"50000.00\"",
                        app::payments::MAX_AMOUNT
                    )
                })
        };
        Ok(app::payments::PaymentLimits {
            portal: read("portal", &self.portal)?,
            phone: read("phone", &self.phone)?,
            posted: read("posted", &self.posted)?,
        })
    }
}

/// `[payments.cards]`: `processor = "sandbox"` (built in, test cards only) or `"http"`
/// (a Stripe-style API at `base_url` with `secret_key`).
#[derive(Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct CardsConfig {
    /// "sandbox" (default) or "http".
    pub processor: Option<String>,
    /// The processor's API base URL (for "http").
    pub base_url: Option<String>,
    /// The processor's secret key (for "http"); never logged.
    pub secret_key: Option<String>,
}

impl std::fmt::Debug for CardsConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CardsConfig({:?} {:?})", self.processor, self.base_url)
    }
}

impl PaymentsConfig {
    /// The app's settings from this configuration.
    pub fn settings(&self) -> Result<app::payments::PaymentSettings, String> {
        let cutoff: jiff::civil::Time = self
            .cutoff
            .parse()
            .map_err(|_| format!("payments.cutoff {:?}: use HH:MM, like 17:00", self.cutoff))?;
        if !(0..=60).contains(&self.schedule_window_days) {
            return Err("payments.schedule_window_days must be 0 to 60".into());
        }
        let a = &self.ach;
        domain::routing_number::RoutingNumber::parse(&a.odfi)
            .map_err(|e| format!("payments.ach.odfi {:?}: {e}", a.odfi))?;
        for (key, value, width) in [
            ("immediate_origin", &a.immediate_origin, 10),
            ("company_id", &a.company_id, 10),
            ("company_name", &a.company_name, 16),
        ] {
            if value.trim().is_empty() || value.len() > width || !value.is_ascii() {
                return Err(format!(
                    "payments.ach.{key} must be 1 to {width} ASCII characters"
                ));
            }
        }
        Ok(app::payments::PaymentSettings {
            cutoff,
            schedule_window_days: self.schedule_window_days,
            ach: a.clone(),
            limits: self.limits.limits()?,
            lockbox: self.lockbox.clone(),
        })
    }

    /// The card processor this configuration names.
    pub fn card_processor(
        &self,
    ) -> Result<std::sync::Arc<dyn app::payments::cards::CardProcessor>, String> {
        match self.cards.processor.as_deref() {
            None | Some("sandbox") => {
                Ok(std::sync::Arc::new(app::payments::cards::Sandbox::default()))
            }
            Some("http") => {
                let (Some(base), Some(secret)) = (&self.cards.base_url, &self.cards.secret_key)
                else {
                    return Err(
                        "payments.cards: processor \"http\" needs base_url and secret_key".into(),
                    );
                };
                Ok(std::sync::Arc::new(
                    app::payments::cards::HttpProcessor::new(base, secret)?,
                ))
            }
            Some(other) => Err(format!(
                "payments.cards.processor {other:?}: use \"sandbox\" or \"http\""
            )),
        }
    }
}

/// Log line format.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// For people at a terminal.
    Human,
    /// One JSON object per line, for log shippers.
    Json,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database_url: store::DEFAULT_DATABASE_URL.into(),
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            metrics_listen: Some(SocketAddr::from(([127, 0, 0, 1], 9464))),
            log_format: LogFormat::Human,
            log_level: "info".into(),
            time_zone: "America/New_York".into(),
            encryption_keys: None,
            demo_key_file: "servicer-demo.key".into(),
            request_timeout_secs: 30,
            body_limit_bytes: 64 * 1024,
            run_worker: true,
            servicer: ServicerInfo::default(),
            trust_forwarded_for: false,
            sms_inbound_token: None,
            routing_directory: None,
            email: None,
            sms: None,
            payments: PaymentsConfig::default(),
            close_of_business: app::cob::CobSettings::default(),
            products: BTreeMap::new(),
            demo: false,
            approvals: app::approvals::ApprovalSettings::default(),
        }
    }
}

/// Why configuration could not be loaded.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(String);

impl Config {
    /// Defaults, then the file (if present), then the environment.
    pub fn load() -> Result<Config, ConfigError> {
        let file = std::env::var("SERVICER_CONFIG").unwrap_or_else(|_| "servicer.toml".into());
        if std::env::var("SERVICER_CONFIG").is_ok() && !std::path::Path::new(&file).exists() {
            return Err(ConfigError(format!(
                "SERVICER_CONFIG names {file:?}, which does not exist"
            )));
        }
        Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::file(&file))
            .merge(
                Env::prefixed("SERVICER_")
                    .ignore(&["CONFIG", "TEST_POSTGRES_URL"])
                    .split("__"),
            )
            .extract()
            .map_err(|e| ConfigError(e.to_string()))
    }
}

#[cfg(test)]
#[allow(clippy::result_large_err)] // figment's Jail fixes the closure's error type
mod tests {
    use super::*;

    #[test]
    fn defaults_serve_sqlite_on_localhost() {
        let c = Config::default();
        assert_eq!(c.database_url, "sqlite://servicer.db");
        assert_eq!(c.listen.to_string(), "127.0.0.1:8080");
        assert!(
            c.metrics_listen.unwrap().ip().is_loopback(),
            "metrics stay private by default"
        );
    }

    #[test]
    fn the_environment_overrides_the_file_which_overrides_defaults() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "servicer.toml",
                "listen = \"0.0.0.0:9000\"\n[servicer]\nphone = \"1-888-555-0100\"\n",
            )?;
            jail.set_env("SERVICER_DATABASE_URL", "postgres://db/servicer");
            jail.set_env("SERVICER_SERVICER__HOURS", "always");
            let c = Config::load().map_err(|e| e.to_string())?;
            assert_eq!(c.listen.to_string(), "0.0.0.0:9000");
            assert_eq!(c.database_url, "postgres://db/servicer");
            assert_eq!(c.servicer.phone, "1-888-555-0100");
            assert_eq!(c.servicer.hours, "always");
            Ok(())
        });
    }

    #[test]
    fn the_lenders_hardship_options_replace_the_demo_ones_whole() {
        assert_eq!(
            Config::default()
                .servicer
                .hardship_options
                .iter()
                .map(|o| o.name.as_str())
                .collect::<Vec<_>>(),
            vec!["Payment deferral", "Due date change", "Payment plan"],
            "the demo offers these"
        );
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "servicer.toml",
                "[[servicer.hardship_options]]\nname = \"Forbearance\"\ndescription = \"Pause payments for up to 3 months.\"\n",
            )?;
            let c = Config::load().map_err(|e| e.to_string())?;
            assert_eq!(
                c.servicer.hardship_options,
                vec![app::servicer::HardshipOption {
                    name: "Forbearance".into(),
                    description: "Pause payments for up to 3 months.".into(),
                    name_es: None,
                    description_es: None,
                }]
            );
            assert_eq!(
                c.servicer.dispute_address,
                ServicerInfo::default().dispute_address,
                "the keys not set keep their defaults"
            );
            Ok(())
        });
    }

    #[test]
    fn two_products_are_read_from_the_file() {
        figment::Jail::expect_with(|jail| {
            jail.create_file(
                "servicer.toml",
                concat!(
                    "[products.home_improvement]\n",
                    "waterfall = \"interest,principal,fees\"\n",
                    "late_fee = \"15.00\"\n",
                    "late_fee_min_shortfall = \"5.00\"\n",
                    "refund = \"check\"\n",
                    "[products.home_improvement.due_date]\n",
                    "borrower_may = false\n",
                    "[products.medical]\n",
                    "late_fee_percent = \"5\"\n",
                    "grace_period_days = 15\n",
                    "day_count = \"30/360\"\n",
                    "autopay_frequencies = [\"monthly\", \"twice_monthly\", \"biweekly\"]\n",
                ),
            )?;
            let c = Config::load().map_err(|e| e.to_string())?;
            assert_eq!(
                c.products.keys().map(String::as_str).collect::<Vec<_>>(),
                vec!["home_improvement", "medical"]
            );
            let catalog = app::products::catalog(&c.products)?;
            assert_eq!(
                catalog.names(),
                vec!["home_improvement", "medical", "standard"]
            );
            let home = catalog
                .get("home_improvement")
                .ok_or("no home_improvement")?;
            assert_eq!(home.late_fee.min_shortfall, money::Money::from_cents(500));
            assert!(!home.due_date.borrower_may);
            let medical = catalog.get("medical").ok_or("no medical")?;
            assert_eq!(medical.late_fee.grace_period_days, 15);
            assert_eq!(medical.day_count, money::DayCount::Thirty360);
            assert_eq!(
                medical.autopay_frequencies,
                domain::autopay::AllowedFrequencies::ALL
            );
            assert_eq!(
                home.autopay_frequencies,
                domain::autopay::AllowedFrequencies::default()
            );
            Ok(())
        });
    }

    #[test]
    fn a_products_unknown_key_is_refused_by_name() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("servicer.toml", "[products.gold]\nlate_fe = \"1.00\"\n")?;
            let e = Config::load().unwrap_err().to_string();
            assert!(e.contains("late_fe"), "{e}");
            Ok(())
        });
    }

    #[test]
    fn an_unknown_key_is_refused_by_name() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("servicer.toml", "lisen = \"0.0.0.0:9000\"\n")?;
            let e = Config::load().unwrap_err().to_string();
            assert!(e.contains("lisen"), "{e}");
            Ok(())
        });
    }
}
