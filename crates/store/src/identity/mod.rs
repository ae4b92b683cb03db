//! Borrower sign-in: logins and the borrower records they reach, sessions, one-time codes,
//! throttling counters, remembered devices, password resets and TOTP recovery codes.
//!
//! Secrets never reach this table in the clear: session, device, reset and recovery tokens
//! are kept as SHA-256 digests, one-time codes as keyed digests, TOTP secrets sealed by the
//! app's vault, passwords as argon2id hashes.
//!
//! `logins`: logins, the borrower records they reach, their counters and throttles;
//! `sessions`: sessions and remembered devices; `codes`: one-time codes, password-reset tokens
//! and TOTP recovery codes.

mod codes;
mod logins;
mod sessions;

pub use codes::OneTimeCode;
pub use logins::Login;
pub use sessions::{Session, SessionStage};

/// A login's identity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LoginId(pub i64);
