//! `servicer serve [--demo]` and `servicer migrate`.

use crate::input::Failure;
use anyhow::Context;
use app::App;
use app::demo::{DEMO_API_TOKEN, DemoBorrower};
use clap::Args;
use web::Config;
use web::bootstrap::{Creating, StartError, init_tracing, open_app_creating, redact};

/// Arguments of `serve`.
#[derive(Args)]
pub struct ServeArgs {
    /// Seed a demo portfolio on first run and print what to type to try it
    #[arg(long)]
    demo: bool,
}

/// Loads configuration, or says which setting is wrong (exit 2). Every command sees the
/// portal's address as `serve` does: where this instance listens unless the operator named
/// the public address (so the statements `servicer cob` makes, and the links in messages any
/// command sends, point at the portal, not at the built-in example address).
pub fn config() -> Result<Config, Failure> {
    let mut config = Config::load().map_err(|e| Failure::bad("configuration", e))?;
    if config.servicer.website == web::config::ServicerInfo::default().website {
        config.servicer.website = format!("http://{}", config.listen);
    }
    Ok(config)
}

/// A database that does not answer, or one (or a demo key) that is not where this command
/// looked, is a failure (exit 1, saying where it looked); a malformed key, zone or key file is
/// bad configuration (exit 2, naming it).
fn start_failure(e: StartError) -> Failure {
    match e {
        StartError::Store {
            source: store::StoreError::UnknownScheme { .. },
            ..
        } => Failure::bad("configuration", e),
        StartError::Store { .. } | StartError::NoDatabase { .. } | StartError::NoDemoKey { .. } => {
            Failure::Other(e.into())
        }
        other => Failure::bad("configuration", other),
    }
}

/// A multi-threaded runtime for the commands that use the database.
pub fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    Ok(tokio::runtime::Runtime::new().context("starting the runtime")?)
}

pub fn serve(args: &ServeArgs) -> Result<(), Failure> {
    let mut config = config()?;
    config.demo |= args.demo;
    init_tracing(&config);
    // A server may start a new database; only the demo may make a demo key (real data is
    // sealed under the configured keys).
    let creating = if config.demo {
        Creating::DatabaseAndDemoKey
    } else {
        Creating::Database
    };
    runtime()?.block_on(async {
        let app = open_app_creating(&config, creating)
            .await
            .map_err(start_failure)?;
        let demo = if args.demo {
            Some(
                app.seed_demo()
                    .await
                    .context("seeding the demo portfolio")?,
            )
        } else {
            None
        };
        // Borrowers boarded before the console's search existed are indexed once, before the
        // console answers (later ones are indexed as they are written).
        let indexed = app
            .index_borrowers_for_search()
            .await
            .context("indexing borrowers for the console's search")?;
        if indexed > 0 {
            println!("Indexed {indexed} borrowers for the console's search.");
        }
        // Mailing addresses kept as free text from before they were structured are read into
        // their parts once (ADR 0029); those that cannot be are listed for staff.
        let read = app
            .read_free_text_addresses()
            .await
            .context("reading mailing addresses into street, city, state and ZIP code")?;
        if read.structured > 0 {
            println!(
                "Read {} mailing addresses into street, city, state and ZIP code.",
                read.structured
            );
        }
        if read.to_review > 0 {
            println!(
                "{} mailing addresses could not be read and need review: see the console's report \"Mailing addresses to review\" (servicer report addresses-to-review).",
                read.to_review
            );
        }
        let demo_data = !config.demo
            && app
                .demo_seeded()
                .await
                .context("reading whether the demo was seeded")?;
        let running = web::server::start(app, &config)
            .await
            .with_context(|| format!("listening on {}", config.listen))?;
        print_welcome(
            &config,
            running.addr,
            running.metrics_addr,
            demo.as_deref(),
            demo_data,
        );
        running.wait().await;
        Ok(())
    })
}

/// Prints where the running server answers, the demo's guide when it was seeded, a warning
/// when the database holds an earlier demo, and how to stop.
fn print_welcome(
    config: &Config,
    addr: std::net::SocketAddr,
    metrics: Option<std::net::SocketAddr>,
    demo: Option<&[DemoBorrower]>,
    demo_data: bool,
) {
    print_addresses(config, addr, metrics);
    if let Some(people) = demo {
        print_demo_people(people);
        print_demo_tryout(config, addr);
        print_demo_staff_and_api(addr, people);
    }
    if demo_data {
        print_demo_data_warning();
    }
    println!();
    println!("Stop with Ctrl-C.");
}

/// Prints the server's address, its database (redacted) and its main pages.
fn print_addresses(
    config: &Config,
    addr: std::net::SocketAddr,
    metrics: Option<std::net::SocketAddr>,
) {
    println!();
    println!(
        "Servicer is running: http://{addr}/   (database: {})",
        redact(&config.database_url)
    );
    println!("  Sign in:          http://{addr}/login   (new here? http://{addr}/enroll)");
    println!("  Help pages:       http://{addr}/help");
    println!("  API document:     http://{addr}/api/v1/openapi.json");
    println!(
        "  Staff console:    http://{addr}/console   (add a user: `servicer staff add --email … --name … --role supervisor`)"
    );
    if let Some(m) = metrics {
        println!("  Metrics (private): http://{m}/metrics");
    }
}

/// Prints the demo's made-up borrowers with what they enroll with and their stories.
fn print_demo_people(people: &[DemoBorrower]) {
    println!();
    println!(
        "Demo portfolio (made-up people; their SSNs and birth dates are encrypted under a DEMO key):"
    );
    for p in people {
        println!(
            "  {:<13} account {}   SSN last 4: {}   born {}   ZIP {}",
            p.name,
            p.account_number.grouped(),
            p.ssn_last4,
            p.date_of_birth.strftime("%m/%d/%Y"),
            p.zip
        );
        println!("  {:<13} {}", "", p.story);
    }
}

/// Prints how to enroll in the portal, make a payment with the demo and move it forward (with
/// where its database and key are: the operator commands must find them).
fn print_demo_tryout(config: &Config, addr: std::net::SocketAddr) {
    println!();
    println!(
        "To try the portal: open http://{addr}/enroll, enter one of the account numbers above with its"
    );
    println!(
        "SSN last 4, date of birth (MM/DD/YYYY) and ZIP, then read the one-time code in the demo mailbox:"
    );
    println!("  http://{addr}/demo/mailbox");
    println!();
    println!(
        "To pay: add a bank account under Profile > Payment methods (routing number 231380104, any"
    );
    println!(
        "account number), or a debit card from Make a payment > Add a debit card (the card processor"
    );
    println!(
        "sandbox's 4242 4242 4242 4242, any future expiry, any 3 digits), then choose Make a payment."
    );
    println!(
        "A bank payment is pending until the day's ACH file (the scheduler writes it at the cutoff;"
    );
    println!(
        "`servicer ach originate` writes it now, to ach/outbound/). To move the demo forward through"
    );
    println!(
        "due dates, reminders and a statement, run `servicer cob --until YYYY-MM-DD` (each day's ACH"
    );
    println!(
        "file, then close of business) where this server runs, with its settings: the database is"
    );
    let key = std::path::absolute(&config.demo_key_file).map_or_else(
        |_| config.demo_key_file.clone(),
        |p| p.display().to_string(),
    );
    println!("{} and the demo key {key}.", redact(&config.database_url));
}

/// Prints the demo console users' sign-in and two API calls on the first demo loan.
fn print_demo_staff_and_api(addr: std::net::SocketAddr, people: &[DemoBorrower]) {
    println!();
    println!(
        "Staff console: http://{addr}/console as {} (or {} for the reports, {} to manage staff)",
        app::demo::DEMO_STAFF[0].0,
        app::demo::DEMO_STAFF[1].0,
        app::demo::DEMO_STAFF[2].0,
    );
    println!(
        "with the password {:?} and the code of an authenticator app set",
        app::demo::DEMO_STAFF_PASSWORD
    );
    println!(
        "up with the key {} (a demo secret; `servicer staff add` makes real users).",
        app::demo::demo_staff_setup_key()
    );
    println!();
    println!("Read a loan through the API (demo token):");
    println!(
        "  curl -H 'Authorization: Bearer {DEMO_API_TOKEN}' http://{addr}/api/v1/loans/{}",
        people[0].account_number
    );
    println!("Post a check received at the lockbox (the key makes a retry safe):");
    println!(
        "  curl -X POST -H 'Authorization: Bearer {DEMO_API_TOKEN}' -H 'Idempotency-Key: lockbox-0001' -H 'Content-Type: application/json' -d '{{\"amount\":\"100.00\",\"channel\":\"lockbox\"}}' http://{addr}/api/v1/loans/{}/payments",
        people[0].account_number
    );
    println!();
    println!("Try a day's lockbox file (checks mailed with their coupons) where this server runs:");
    let accounts: Vec<String> = people
        .iter()
        .map(|p| format!("--account {}", p.account_number))
        .collect();
    println!(
        "  servicer lockbox sample --checks 6 --date YYYY-MM-DD {} > day.bai",
        accounts.join(" ")
    );
    println!(
        "  servicer lockbox import --file day.bai    (what matches nothing waits at http://{addr}/console/remittances)"
    );
}

/// Prints why the earlier demo's published token and sign-in are refused without `--demo`.
fn print_demo_data_warning() {
    println!();
    println!(
        "This database holds the demo portfolio from an earlier `servicer serve --demo`. The demo's"
    );
    println!(
        "API token and supervisor sign-in are published, so they are refused unless you start it with"
    );
    println!("--demo. Make real ones with `servicer api-client create` and `servicer staff add`.");
}

/// Runs `servicer migrate`: creates the database when it is missing (the one command besides
/// `serve` that may) and applies every pending migration. It opens only the store: a schema
/// needs no encryption key, so none is asked for or made.
pub fn migrate() -> Result<(), Failure> {
    let config = config()?;
    init_tracing(&config);
    let url = redact(&config.database_url);
    runtime()?.block_on(async {
        let store_error = |source| {
            start_failure(StartError::Store {
                url: url.clone(),
                source,
            })
        };
        let store = store::Store::connect(&config.database_url)
            .await
            .map_err(store_error)?;
        let migrated = store.migrate().await.map_err(store_error);
        let backend = store.backend();
        store.close().await;
        migrated?;
        println!("database {url} is migrated ({backend})");
        Ok(())
    })
}

/// Loads configuration, starts logging, opens the application (migrating the database), runs
/// `work`, and closes the database: the frame of every operator command. The database and,
/// without configured keys, the demo key must exist: a command run outside the server's
/// directory says where it looked rather than start an empty database of its own.
pub fn with_app<T>(
    work: impl AsyncFnOnce(&App, &Config) -> Result<T, Failure>,
) -> Result<T, Failure> {
    let config = config()?;
    init_tracing(&config);
    runtime()?.block_on(async {
        let app = open_app_creating(&config, Creating::Nothing)
            .await
            .map_err(start_failure)?;
        let result = work(&app, &config).await;
        app.store().close().await;
        result
    })
}
