//! Encryption of identity facts at rest: XChaCha20-Poly1305 (random 192-bit nonces, so no
//! nonce bookkeeping) under a named key, and a keyed digest (HMAC-SHA-256) of the SSN for
//! matching a borrower without decrypting anyone. Keys come from configuration; older keys
//! stay listed so ciphertexts sealed under them still open after a rotation.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::collections::HashMap;

/// One key: its id (stored beside every ciphertext) and 32 secret bytes.
#[derive(Clone)]
pub struct Key {
    id: String,
    bytes: [u8; 32],
}

impl std::fmt::Debug for Key {
    // The secret never appears in logs or panic messages.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Key({})", self.id)
    }
}

/// Why a key or a ciphertext was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum VaultError {
    /// A configured key is not `id:64-hex-digits`.
    #[error("encryption key {id:?} must be written id:<64 hex digits> (32 random bytes)")]
    MalformedKey {
        /// The id part, or the whole text if it has no id.
        id: String,
    },
    /// No keys at all.
    #[error("no encryption key is configured")]
    NoKey,
    /// A ciphertext names a key that is not configured.
    #[error("ciphertext sealed under key {0:?}, which is not configured")]
    UnknownKey(String),
    /// A ciphertext that does not open (wrong key, or altered).
    #[error("ciphertext does not open: altered, or sealed under another key with the same id")]
    Tampered,
}

impl Key {
    /// Parses `id:hex`.
    pub fn parse(text: &str) -> Result<Key, VaultError> {
        let (id, hex_text) =
            text.trim()
                .split_once(':')
                .ok_or_else(|| VaultError::MalformedKey {
                    id: "(no id)".into(),
                })?;
        let malformed = || VaultError::MalformedKey { id: id.to_owned() };
        let raw = hex::decode(hex_text).map_err(|_| malformed())?;
        let bytes: [u8; 32] = raw.try_into().map_err(|_| malformed())?;
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(malformed());
        }
        Ok(Key {
            id: id.to_owned(),
            bytes,
        })
    }

    /// A fresh random key named `id`, written as `id:hex`.
    pub fn generate(id: &str) -> String {
        let mut bytes = [0_u8; 32];
        getrandom::fill(&mut bytes).expect("the operating system's random source works");
        format!("{id}:{}", hex::encode(bytes))
    }
}

/// The configured keys; the first seals, all open.
#[derive(Clone, Debug)]
pub struct Vault {
    current: Key,
    /// Keys the SSN digest: the oldest key listed, so digests survive a rotation (keep it
    /// listed until a re-digest).
    digest: Key,
    all: HashMap<String, Key>,
}

impl Vault {
    /// A vault over `keys` (the first is current).
    pub fn new(keys: Vec<Key>) -> Result<Vault, VaultError> {
        let current = keys.first().cloned().ok_or(VaultError::NoKey)?;
        let digest = keys.last().cloned().ok_or(VaultError::NoKey)?;
        let all = keys.into_iter().map(|k| (k.id.clone(), k)).collect();
        Ok(Vault {
            current,
            digest,
            all,
        })
    }

    /// Parses a comma-separated list of `id:hex` keys.
    pub fn from_config(text: &str) -> Result<Vault, VaultError> {
        Vault::new(
            text.split(',')
                .filter(|k| !k.trim().is_empty())
                .map(Key::parse)
                .collect::<Result<_, _>>()?,
        )
    }

    /// The id of the key that seals.
    pub fn key_id(&self) -> &str {
        &self.current.id
    }

    /// Seals `plain`; `context` (the field's name) is authenticated, so a sealed SSN cannot
    /// be passed off as a date of birth. Output: nonce (24 bytes) then ciphertext and tag.
    pub fn seal(&self, context: &str, plain: &[u8]) -> Vec<u8> {
        let cipher = XChaCha20Poly1305::new((&self.current.bytes).into());
        let mut nonce = [0_u8; 24];
        getrandom::fill(&mut nonce).expect("the operating system's random source works");
        let sealed = cipher
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: plain,
                    aad: context.as_bytes(),
                },
            )
            .expect("encryption of a short field cannot fail");
        [nonce.as_slice(), &sealed].concat()
    }

    /// Opens what [`Vault::seal`] sealed under key `key_id`.
    pub fn open(&self, key_id: &str, context: &str, sealed: &[u8]) -> Result<Vec<u8>, VaultError> {
        let key = self
            .all
            .get(key_id)
            .ok_or_else(|| VaultError::UnknownKey(key_id.to_owned()))?;
        if sealed.len() < 24 {
            return Err(VaultError::Tampered);
        }
        let (nonce, body) = sealed.split_at(24);
        let nonce: [u8; 24] = nonce.try_into().expect("split at 24");
        XChaCha20Poly1305::new((&key.bytes).into())
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: body,
                    aad: context.as_bytes(),
                },
            )
            .map_err(|_| VaultError::Tampered)
    }

    /// A keyed digest (HMAC-SHA-256, hex) of `data` for purpose `label`: one-time codes, CSRF
    /// tokens and unsubscribe links are checked against it without storing the secret.
    pub fn mac(&self, label: &str, data: &[u8]) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.digest.bytes)
            .expect("HMAC takes any key length");
        mac.update(b"servicer/");
        mac.update(label.as_bytes());
        mac.update(b":");
        mac.update(data);
        hex::encode(mac.finalize().into_bytes())
    }

    /// The keyed digest of an SSN (hex): equal SSNs give equal digests under the same key.
    pub fn ssn_digest(&self, ssn_digits: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.digest.bytes)
            .expect("HMAC takes any key length");
        mac.update(b"servicer/ssn-digest/v1:");
        mac.update(ssn_digits.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vault(keys: &[&str]) -> Vault {
        Vault::new(
            keys.iter()
                .map(|k| Key::parse(&Key::generate(k)).unwrap())
                .collect(),
        )
        .unwrap()
    }

    #[test]
    fn sealed_fields_open_only_with_their_key_and_context() {
        let v = vault(&["k1"]);
        let sealed = v.seal("ssn", b"123456789");
        assert!(
            !sealed.windows(9).any(|w| w == b"123456789"),
            "no plaintext in the ciphertext"
        );
        assert_eq!(v.open("k1", "ssn", &sealed).unwrap(), b"123456789");
        assert_eq!(
            v.open("k1", "date_of_birth", &sealed),
            Err(VaultError::Tampered)
        );
        assert_eq!(
            v.open("k9", "ssn", &sealed),
            Err(VaultError::UnknownKey("k9".into()))
        );
        let mut altered = sealed.clone();
        altered[30] ^= 1;
        assert_eq!(v.open("k1", "ssn", &altered), Err(VaultError::Tampered));
        assert_ne!(
            v.seal("ssn", b"123456789"),
            sealed,
            "a fresh nonce every time"
        );
    }

    #[test]
    fn after_a_rotation_old_ciphertexts_still_open() {
        let old_text = Key::generate("k1");
        let old = Vault::new(vec![Key::parse(&old_text).unwrap()]).unwrap();
        let sealed = old.seal("ssn", b"987654321");
        let rotated = Vault::from_config(&format!("{},{old_text}", Key::generate("k2"))).unwrap();
        assert_eq!(rotated.key_id(), "k2");
        assert_eq!(rotated.open("k1", "ssn", &sealed).unwrap(), b"987654321");
        assert_eq!(
            rotated.ssn_digest("123456789"),
            old.ssn_digest("123456789"),
            "digests survive"
        );
    }

    #[test]
    fn malformed_keys_are_refused_without_echoing_the_secret() {
        for bad in [
            "nocolon",
            "k1:abcd",
            "k1:zz",
            ":00",
            "bad id:0000000000000000000000000000000000000000000000000000000000000000",
        ] {
            let e = Vault::from_config(bad).unwrap_err();
            assert!(!e.to_string().contains("abcd"), "{e}");
        }
        assert_eq!(Vault::from_config("").unwrap_err(), VaultError::NoKey);
        assert_eq!(
            format!("{:?}", Key::parse(&Key::generate("k1")).unwrap()),
            "Key(k1)"
        );
    }

    #[test]
    fn the_ssn_digest_is_stable_and_keyed() {
        let a = vault(&["k1"]);
        let b = vault(&["k1"]);
        assert_eq!(a.ssn_digest("123456789"), a.ssn_digest("123456789"));
        assert_ne!(a.ssn_digest("123456789"), b.ssn_digest("123456789"));
    }
}
