//! Clients of the operator JSON API: a token is shown once when the client is created; only
//! its SHA-256 is stored.

use crate::App;
use sha2::{Digest, Sha256};
use store::{AuditEvent, StoreError};

/// The digest under which a token is stored and looked up.
pub fn token_digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

impl App {
    /// Creates a client named `name` and returns its token (shown once, never stored).
    pub async fn create_api_client(&self, name: &str, actor: &str) -> Result<String, StoreError> {
        let mut raw = [0_u8; 32];
        getrandom::fill(&mut raw).expect("the operating system's random source works");
        let token = format!("svc_{}", hex::encode(raw));
        self.register_api_token(name, &token, actor).await?;
        Ok(token)
    }

    /// Registers a client with a token chosen elsewhere (the demo's printed token).
    pub async fn register_api_token(
        &self,
        name: &str,
        token: &str,
        actor: &str,
    ) -> Result<(), StoreError> {
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        tx.insert_api_client(name, &token_digest(token), now)
            .await?;
        tx.audit(
            &AuditEvent {
                actor: actor.to_owned(),
                action: "api_client.created".into(),
                subject: format!("api_client:{name}"),
                detail: "{}".into(),
            },
            now,
        )
        .await?;
        tx.commit().await
    }

    /// The client a bearer token belongs to, if it is valid. A valid token is remembered
    /// for [`crate::cache::TOKEN_TTL`]; an invalid one is asked about every time.
    pub async fn api_client(&self, token: &str) -> Result<Option<String>, StoreError> {
        let digest = token_digest(token);
        // The demo token is published: outside demo mode it is no token at all, even in a
        // database an earlier `serve --demo` seeded (issue 17).
        if !self.is_demo() && digest == token_digest(crate::demo::DEMO_API_TOKEN) {
            tracing::warn!(
                "the published demo API token was refused: it works only with `servicer serve --demo`"
            );
            return Ok(None);
        }
        if let Some(name) = self.caches().tokens.get(&digest) {
            return Ok(Some(name));
        }
        let found = self.store().api_client_by_digest(&digest).await?;
        if let Some(name) = &found {
            self.caches().tokens.put(digest, name.clone());
        }
        Ok(found)
    }
}
