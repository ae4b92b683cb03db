//! The SMS provider's inbound-message webhook: a reply STOP stops texts to that number. It
//! is called by the provider, not by a borrower's browser, so it has no page of its own; it is
//! authenticated by a shared secret instead of a session.

use crate::AppState;
use crate::kit::PageResult;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use serde::Deserialize;

/// The SMS provider's inbound-message webhook.
#[derive(Deserialize)]
pub struct InboundSms {
    #[serde(default, rename = "From")]
    from: String,
    #[serde(default, rename = "Body")]
    body: String,
}

/// `POST /hooks/sms`: a reply STOP (or UNSUBSCRIBE, CANCEL, END, QUIT) stops texts to that
/// number. Authenticated by the shared secret the provider sends in `X-Servicer-Token`;
/// without a configured secret the hook answers 404.
pub async fn sms_inbound(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::Form(m): axum::Form<InboundSms>,
) -> PageResult {
    let Some(expected) = state.sms_inbound_token.as_deref() else {
        return Ok(crate::errors::not_found_page());
    };
    let given = headers
        .get("x-servicer-token")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if given.is_empty() || !secrets_match(given, expected) {
        return Ok(StatusCode::UNAUTHORIZED.into_response());
    }
    let word = m.body.trim().to_uppercase();
    if ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"].contains(&word.as_str()) {
        state.app.sms_stop(&m.from).await?;
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Whether a secret a caller sent is the one configured, in time that does not depend on
/// where they differ (`==` stops at the first wrong byte, so timing would reveal a prefix):
/// both sides are hashed to 32 bytes and every byte is compared.
fn secrets_match(given: &str, expected: &str) -> bool {
    use sha2::{Digest, Sha256};
    let (given, expected) = (Sha256::digest(given), Sha256::digest(expected));
    let differ = given
        .iter()
        .zip(expected.iter())
        .fold(0_u8, |acc, (a, b)| acc | (a ^ b));
    std::hint::black_box(differ) == 0
}

#[cfg(test)]
mod tests {
    use super::secrets_match;

    #[test]
    fn the_sms_hook_secret_matches_only_itself() {
        let secret = "hook-secret-7f3a9c";
        assert!(secrets_match(secret, secret));
        for other in [
            "",
            "hook-secret-7f3a9",
            "hook-secret-7f3a9d",
            "hook-secret-7f3a9c ",
            "Hook-secret-7f3a9c",
            "hook-secret-7f3a9c-and-more",
        ] {
            assert!(!secrets_match(other, secret), "{other:?}");
        }
    }
}
