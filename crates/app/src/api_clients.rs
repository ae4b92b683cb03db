//! Clients of the operator JSON API: a token is shown once when the client is created; only
//! its SHA-256 is stored. Each client holds at least one [`Scope`], and its token may call only
//! the routes that need one of its scopes (the web layer's route table says which).

use crate::App;
use sha2::{Digest, Sha256};
use std::fmt;
use store::{AuditEvent, StoreError};

/// The digest under which a token is stored and looked up.
pub fn token_digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Something an API client's token may be allowed to do. Every route an API client can call
/// needs exactly one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Read loans: balances, status, what is due.
    Read,
    /// Post payments received outside the portal (lockbox, mail, bill pay, phone).
    Payments,
    /// Service accounts: write notes on borrowers' accounts and answer their secure messages.
    Service,
}

impl Scope {
    /// Every scope, in the order they are listed and stored.
    pub const ALL: [Scope; 3] = [Scope::Read, Scope::Payments, Scope::Service];

    /// The scope's name, as `servicer api-client create --scope` takes it and the store keeps it.
    pub const fn name(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Payments => "payments",
            Scope::Service => "service",
        }
    }

    /// What the scope allows, in words ("This token may not {action}").
    pub const fn action(self) -> &'static str {
        match self {
            Scope::Read => "read loans",
            Scope::Payments => "post payments",
            Scope::Service => "write notes and answer messages",
        }
    }

    /// The scope named `text` (surrounding spaces and case aside).
    pub fn parse(text: &str) -> Result<Scope, ScopeError> {
        let text = text.trim();
        Scope::ALL
            .into_iter()
            .find(|s| s.name().eq_ignore_ascii_case(text))
            .ok_or_else(|| ScopeError::Unknown {
                name: text.to_owned(),
            })
    }

    const fn bit(self) -> u8 {
        match self {
            Scope::Read => 1,
            Scope::Payments => 2,
            Scope::Service => 4,
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The scopes' names, for messages: "read, payments, service".
pub fn scope_names() -> String {
    Scope::ALL.map(Scope::name).join(", ")
}

/// Why a list of scopes was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScopeError {
    /// A word that names no scope.
    #[error("{name:?} is not a scope; the scopes are {}", scope_names())]
    Unknown {
        /// The word given.
        name: String,
    },
    /// No scope at all: a client that may do nothing is a mistake.
    #[error("give at least one scope ({})", scope_names())]
    Empty,
}

/// A set of scopes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scopes(u8);

impl Scopes {
    /// Every scope: the demo's token, and clients made before scopes existed.
    pub fn all() -> Scopes {
        Scope::ALL.into_iter().collect()
    }

    /// Whether `scope` is among them.
    pub fn contains(self, scope: Scope) -> bool {
        self.0 & scope.bit() != 0
    }

    /// These and `scope`.
    pub fn with(self, scope: Scope) -> Scopes {
        Scopes(self.0 | scope.bit())
    }

    /// These without `scope`.
    pub fn without(self, scope: Scope) -> Scopes {
        Scopes(self.0 & !scope.bit())
    }

    /// Whether there are none.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The scopes, in [`Scope::ALL`]'s order.
    pub fn iter(self) -> impl Iterator<Item = Scope> {
        Scope::ALL.into_iter().filter(move |s| self.contains(*s))
    }

    /// Parses scope names separated by commas or spaces ("read,payments", "read payments"):
    /// every name known, at least one.
    pub fn parse(text: &str) -> Result<Scopes, ScopeError> {
        let mut scopes = Scopes::default();
        for word in text
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|w| !w.is_empty())
        {
            scopes = scopes.with(Scope::parse(word)?);
        }
        if scopes.is_empty() {
            Err(ScopeError::Empty)
        } else {
            Ok(scopes)
        }
    }
}

impl FromIterator<Scope> for Scopes {
    fn from_iter<I: IntoIterator<Item = Scope>>(iter: I) -> Self {
        iter.into_iter().fold(Scopes::default(), Scopes::with)
    }
}

impl fmt::Display for Scopes {
    /// The names separated by spaces, as stored: "read payments".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.iter().map(Scope::name).collect();
        f.write_str(&names.join(" "))
    }
}

/// A client of the API, as its token identifies it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiClient {
    /// Its name (what it does is recorded as `client:{name}`).
    pub name: String,
    /// What its token may do.
    pub scopes: Scopes,
}

impl ApiClient {
    /// Whether its token may do what `scope` allows.
    pub fn may(&self, scope: Scope) -> bool {
        self.scopes.contains(scope)
    }

    /// The client as the actor of a use case.
    pub fn actor(&self) -> crate::access::Actor {
        crate::access::Actor::api_client(&self.name, self.scopes)
    }
}

/// Why an API client was not made.
#[derive(Debug, thiserror::Error)]
pub enum ApiClientError {
    /// The actor may not manage API clients.
    #[error(transparent)]
    Denied(#[from] crate::access::Denied),
    /// The store failed, or the name is taken ([`StoreError::Duplicate`]).
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl App {
    /// Creates a client named `name` that may do what `scopes` allow, and returns its token
    /// (shown once, never stored).
    pub async fn create_api_client(
        &self,
        name: &str,
        scopes: Scopes,
        actor: &crate::access::Actor,
    ) -> Result<String, ApiClientError> {
        let mut raw = [0_u8; 32];
        getrandom::fill(&mut raw).expect("the operating system's random source works");
        let token = format!("svc_{}", hex::encode(raw));
        self.register_api_token(name, &token, scopes, actor).await?;
        Ok(token)
    }

    /// Registers a client with a token chosen elsewhere (the demo's printed token). `scopes`
    /// is never empty (callers parse it with [`Scopes::parse`], which refuses none).
    pub async fn register_api_token(
        &self,
        name: &str,
        token: &str,
        scopes: Scopes,
        actor: &crate::access::Actor,
    ) -> Result<(), ApiClientError> {
        actor.require(crate::access::Capability::ManageApiClients)?;
        assert!(!scopes.is_empty(), "an API client has at least one scope");
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        tx.insert_api_client(name, &token_digest(token), &scopes.to_string(), now)
            .await?;
        tx.audit(
            &AuditEvent {
                actor: actor.audit_name(),
                action: "api_client.created".into(),
                subject: format!("api_client:{name}"),
                detail: serde_json::json!({ "scopes": scopes.to_string() }).to_string(),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The client a bearer token belongs to, with its scopes, if the token is valid. A valid
    /// token is remembered for [`crate::cache::TOKEN_TTL`]; an invalid one is asked about
    /// every time.
    pub async fn api_client(&self, token: &str) -> Result<Option<ApiClient>, StoreError> {
        let digest = token_digest(token);
        // The demo token is published: outside demo mode it is no token at all, even in a
        // database an earlier `serve --demo` seeded (issue 17).
        if !self.is_demo() && digest == token_digest(crate::demo::DEMO_API_TOKEN) {
            tracing::warn!(
                "the published demo API token was refused: it works only with `servicer serve --demo`"
            );
            return Ok(None);
        }
        if let Some(client) = self.caches().tokens.get(&digest) {
            return Ok(Some(client));
        }
        let Some((name, scopes)) = self.store().api_client_by_digest(&digest).await? else {
            return Ok(None);
        };
        let scopes = Scopes::parse(&scopes).map_err(|e| StoreError::Corrupt {
            table: "api_clients",
            detail: format!("client {name:?}: {e}"),
        })?;
        let client = ApiClient { name, scopes };
        self.caches().tokens.put(digest, client.clone());
        Ok(Some(client))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_are_parsed_from_names_separated_by_commas_or_spaces() {
        let read = Scopes::default().with(Scope::Read);
        for (text, parsed) in [
            ("read", Ok(read)),
            ("read,payments,service", Ok(Scopes::all())),
            (" payments service read ", Ok(Scopes::all())),
            ("READ, read", Ok(read)),
            (
                "read,admin",
                Err(ScopeError::Unknown {
                    name: "admin".into(),
                }),
            ),
            ("", Err(ScopeError::Empty)),
            (" , ", Err(ScopeError::Empty)),
        ] {
            assert_eq!(Scopes::parse(text), parsed, "{text:?}");
        }
    }

    #[test]
    fn scopes_are_written_as_they_are_read_back() {
        for scopes in [
            Scopes::all(),
            Scopes::default().with(Scope::Read),
            Scopes::default().with(Scope::Payments),
        ] {
            assert_eq!(Scopes::parse(&scopes.to_string()), Ok(scopes));
        }
        assert_eq!(Scopes::all().to_string(), "read payments service");
        assert_eq!(
            Scopes::all()
                .without(Scope::Read)
                .iter()
                .collect::<Vec<_>>(),
            [Scope::Payments, Scope::Service]
        );
    }

    #[test]
    fn an_unknown_scope_is_named_with_the_known_ones() {
        let e = Scopes::parse("admin").unwrap_err().to_string();
        assert_eq!(
            e,
            "\"admin\" is not a scope; the scopes are read, payments, service"
        );
    }
}
