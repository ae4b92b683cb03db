//! Idempotency keys of money-moving requests. The key is scoped to whoever sent it (a login
//! or an API client), and stored with a digest of the request: a replay of the same request
//! returns the first result; the same key with a different request is refused. The key is
//! claimed in the transaction that does the work, so concurrent duplicates wait for each
//! other at the key's row and only one does the work.

use super::PaymentError;
use sha2::{Digest, Sha256};
use store::{KeyClaim, Payment, Tx};

/// Claims `key` in `tx` for a request digested as `hash`, answering a replay with its
/// recorded `response` (the payment's confirmation number): `Some(payment)` for a replay,
/// `None` for a new request (the caller does the work in `tx`), an error for a reused key.
pub(crate) async fn claim(
    tx: &mut Tx,
    key: &str,
    hash: &str,
    response: &str,
    now_us: i64,
) -> Result<Option<Payment>, PaymentError> {
    match tx.claim_key(key, hash, response, now_us).await? {
        KeyClaim::New => Ok(None),
        KeyClaim::Conflict => Err(PaymentError::KeyReused),
        // A key is claimed in the transaction that inserts its payment, under the
        // confirmation number it answers with, and payments are never deleted: a replayed
        // key names one.
        KeyClaim::Replay(confirmation) => Ok(Some(
            tx.payment_by_confirmation(&confirmation)
                .await?
                .expect("a claimed idempotency key names the payment made with it"),
        )),
    }
}

/// The longest key accepted.
pub const MAX_KEY: usize = 128;

/// Checks a client's key: 8 to 128 visible ASCII characters.
pub fn check_key(key: &str) -> Result<(), super::PaymentError> {
    if (8..=MAX_KEY).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic()) {
        Ok(())
    } else {
        Err(super::PaymentError::BadIdempotencyKey)
    }
}

/// The stored key: who sent it and what they sent.
pub fn scoped(scope: &str, key: &str) -> String {
    format!("{scope}:{key}")
}

/// The digest of a request's fields, in order (each length-prefixed, so no two field lists
/// give the same bytes).
pub fn request_hash(fields: &[&str]) -> String {
    let mut h = Sha256::new();
    for f in fields {
        h.update(u64::try_from(f.len()).unwrap_or(u64::MAX).to_be_bytes());
        h.update(f.as_bytes());
    }
    hex::encode(h.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_boundaries_are_part_of_the_digest() {
        assert_ne!(request_hash(&["ab", "c"]), request_hash(&["a", "bc"]));
        assert_eq!(request_hash(&["a", "b"]), request_hash(&["a", "b"]));
    }

    #[test]
    fn keys_are_checked() {
        assert!(check_key("0f8e2c1a-4b6d").is_ok());
        assert!(check_key("short").is_err());
        assert!(check_key("has space in it").is_err());
        assert!(check_key(&"x".repeat(129)).is_err());
    }
}
