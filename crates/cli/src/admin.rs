//! Operator commands: `servicer audit verify`, `servicer api-client create`, `servicer staff
//! add`.

use crate::input::Failure;
use crate::serve::with_app;
use app::api_clients::{ScopeError, Scopes, scope_names};
use clap::Subcommand;
// The flags are named as the web's forms name the fields (`--email`, `--name`, `--role`).
use web::kit::identity_refusals::form_field;

/// `servicer audit …`
#[derive(Subcommand)]
pub enum AuditCommand {
    /// Walk the whole audit chain and recompute every hash; exit 1 at the first break.
    Verify,
}

/// Arguments of `servicer outbox`.
#[derive(clap::Args)]
pub struct OutboxArgs {
    /// Only messages in this state: pending, sent or failed
    #[arg(long)]
    state: Option<String>,
    /// At most this many, newest first
    #[arg(long, default_value = "20")]
    limit: String,
    /// Print each message's text too
    #[arg(long)]
    full: bool,
}

/// `servicer api-client …`
#[derive(Subcommand)]
pub enum ApiClientCommand {
    /// Create a client of the JSON API and print its token (shown once; only a digest is kept).
    /// Its token may call only the routes its scopes allow.
    Create {
        /// A name for the client, like "lender-reporting"
        #[arg(long)]
        name: String,
        /// What its token may do: read (read loans) or payments (post payments received).
        /// Repeat it or separate with commas: --scope read --scope payments, --scopes read,payments
        #[arg(long = "scope", visible_alias = "scopes", value_name = "SCOPE")]
        scopes: Vec<String>,
    },
}

/// `servicer staff …`
#[derive(Subcommand)]
pub enum StaffCommand {
    /// Add a console user. The password is read from standard input (one line, 15+
    /// characters); the authenticator setup key is printed once.
    Add {
        /// Their email (they sign in with it)
        #[arg(long)]
        email: String,
        /// Their name, as the console and the audit log show it
        #[arg(long)]
        name: String,
        /// agent, supervisor or admin (supervisors and admins see the reports)
        #[arg(long)]
        role: String,
    },
}

pub fn staff(command: &StaffCommand) -> Result<(), Failure> {
    let StaffCommand::Add { email, name, role } = command;
    let mut password = String::new();
    std::io::stdin().read_line(&mut password).map_err(|e| {
        Failure::Other(anyhow::anyhow!(
            "reading the password from standard input: {e}"
        ))
    })?;
    let password = password.trim_end_matches(['\r', '\n']).to_owned();
    with_app(async |app, _| {
        let added = app
            .add_staff(
                email,
                name,
                role,
                &password,
                &app::access::Actor::Operator("staff"),
            )
            .await
            .map_err(|e| match form_field(&e) {
                Some("password") => Failure::bad("password (standard input)", e.to_string()),
                Some(field) => Failure::bad(&format!("--{field}"), e.to_string()),
                None => Failure::Other(e.into()),
            })?;
        println!("{}", added.url);
        eprintln!(
            "Staff user {} ({role}) added. Add the address above (or the setup key {}) to their authenticator app now: it is shown once. They sign in at /console.",
            email.trim().to_lowercase(),
            added.secret
        );
        Ok(())
    })
}

pub fn audit(command: &AuditCommand) -> Result<(), Failure> {
    let AuditCommand::Verify = command;
    with_app(async |app, _| {
        let v = app
            .store()
            .verify_audit()
            .await
            .map_err(anyhow::Error::from)?;
        match v.first_break {
            None => {
                println!("audit chain intact: {} records; head {}", v.records, v.head);
                Ok(())
            }
            Some((id, why)) => Err(Failure::Other(anyhow::anyhow!(
                "audit chain broken at record {id}: {why} ({} records before it verify; last good head {})",
                v.records,
                v.head
            ))),
        }
    })
}

pub fn api_client(command: &ApiClientCommand) -> Result<(), Failure> {
    let ApiClientCommand::Create { name, scopes } = command;
    if name.trim().is_empty() || name.chars().any(char::is_control) {
        return Err(Failure::bad(
            "--name",
            "give a short name, like lender-reporting",
        ));
    }
    let scopes = Scopes::parse(&scopes.join(",")).map_err(|e| match e {
        ScopeError::Empty => Failure::bad(
            "--scope",
            format!(
                "say what the token may do: --scope with one or more of {} (like --scope read)",
                scope_names()
            ),
        ),
        e @ ScopeError::Unknown { .. } => Failure::bad("--scope", e),
    })?;
    with_app(async |app, _| {
        let token = app
            .create_api_client(
                name.trim(),
                scopes,
                &app::access::Actor::Operator("api-client"),
            )
            .await
            .map_err(|e| match e {
                app::api_clients::ApiClientError::Store(store::StoreError::Duplicate { what }) => {
                    Failure::bad("--name", format!("{what} already exists"))
                }
                e => Failure::Other(e.into()),
            })?;
        println!("{token}");
        eprintln!(
            "API client {name:?} created with the scopes {}. The token above is shown once: keep it in a secret store.",
            scopes
                .iter()
                .map(|s| s.name())
                .collect::<Vec<_>>()
                .join(", ")
        );
        Ok(())
    })
}

pub fn outbox(args: &OutboxArgs) -> Result<(), Failure> {
    let limit: i64 = crate::input::parse("--limit", &args.limit)?;
    if limit < 1 {
        return Err(Failure::bad("--limit", "must be at least 1"));
    }
    if let Some(state) = args
        .state
        .as_deref()
        .filter(|s| !["pending", "sent", "failed"].contains(s))
    {
        return Err(Failure::bad(
            "--state",
            format!("{state:?} must be pending, sent or failed"),
        ));
    }
    with_app(async |app, _| {
        let messages = app
            .store()
            .outbox(args.state.as_deref(), limit)
            .await
            .map_err(anyhow::Error::from)?;
        if messages.is_empty() {
            println!("the outbox is empty");
        }
        for m in messages {
            let at = jiff::Timestamp::from_microsecond(m.created_at_us)
                .map(|t| t.to_string())
                .unwrap_or_default();
            let channel = match m.message.channel {
                store::Channel::Email => "email",
                store::Channel::Sms => "text",
                store::Channel::Portal => "portal",
            };
            println!(
                "#{} {at} {} {channel} to {}: {}",
                m.id, m.state, m.message.recipient, m.message.subject
            );
            if args.full {
                println!("{}\n", m.message.body);
            }
        }
        Ok(())
    })
}
