//! Passwords: the policy (length, not common, not the username; no composition rules, per
//! NIST SP 800-63B) and argon2id hashing, run off the async threads and limited to a few at
//! once so a burst of sign-ins cannot starve the server.

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};
use std::collections::HashSet;
use std::sync::OnceLock;

/// Fewest characters in a borrower's password.
pub const MIN_LENGTH: usize = 12;
/// Most characters (long enough for any passphrase; bounds the hashing work).
pub const MAX_LENGTH: usize = 128;

/// Why a password was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordProblem {
    /// Too short.
    #[error("Enter a password of at least {MIN_LENGTH} characters")]
    TooShort,
    /// Too long.
    #[error("Enter a password of at most {MAX_LENGTH} characters")]
    TooLong,
    /// On the list of common passwords, or a common password with digits or symbols added.
    #[error(
        "This password is too common: people guess it first. Choose a longer phrase only you would think of"
    )]
    Common,
    /// Contains the username.
    #[error("Your password must not contain your username")]
    ContainsUsername,
    /// The two entries differ.
    #[error("The passwords do not match")]
    Mismatch,
}

fn common() -> &'static HashSet<&'static str> {
    static LIST: OnceLock<HashSet<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("common-passwords.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect()
    })
}

/// Checks a new password against the policy.
pub fn check(password: &str, confirm: &str, username: &str) -> Result<(), PasswordProblem> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(PasswordProblem::TooShort);
    }
    if length > MAX_LENGTH {
        return Err(PasswordProblem::TooLong);
    }
    let lower = password.to_lowercase();
    // "sunshine2024!" is "sunshine" with a suffix: strip trailing digits and symbols too.
    let stem = lower.trim_end_matches(|c: char| !c.is_alphabetic());
    let repeated = lower.chars().all(|c| lower.starts_with(c));
    if common().contains(lower.as_str()) || common().contains(stem) || repeated {
        return Err(PasswordProblem::Common);
    }
    let user = username.trim().to_lowercase();
    if user.chars().count() >= 3 && lower.contains(&user) {
        return Err(PasswordProblem::ContainsUsername);
    }
    if password != confirm {
        return Err(PasswordProblem::Mismatch);
    }
    Ok(())
}

/// [`check`] for a use case: the problem as the refusal
/// ([`IdentityError::Password`](super::IdentityError::Password)); a password that breaks a
/// rule and is typed differently the second time is refused for both at once
/// ([`IdentityError::several`](super::IdentityError::several)), so the form says both.
pub fn check_new(
    password: &str,
    confirm: &str,
    username: &str,
) -> Result<(), super::IdentityError> {
    use super::IdentityError;
    let mut problems = Vec::new();
    if let Err(p) = check(password, password, username) {
        problems.push(IdentityError::Password(p));
    }
    if password != confirm {
        problems.push(IdentityError::Password(PasswordProblem::Mismatch));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(IdentityError::several(problems))
    }
}

fn hasher() -> Argon2<'static> {
    // OWASP's argon2id minimum: 19 MiB, 2 passes, 1 lane.
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// The argon2id PHC string of `password` (salted).
pub fn hash(password: &str) -> String {
    hasher()
        .hash_password(password.as_bytes())
        .expect("hashing a bounded password cannot fail")
        .to_string()
}

/// True when `password` matches `phc`. A malformed stored hash never matches.
pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|h| hasher().verify_password(password.as_bytes(), &h).is_ok())
}

/// A hash of nothing anyone knows: verified against when the username does not exist, so an
/// unknown username costs the same time as a wrong password.
pub fn decoy() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| hash(&super::random_token()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_takes_long_uncommon_phrases_and_nothing_else() {
        let table = [
            ("short", Err(PasswordProblem::TooShort)),
            ("password1234", Err(PasswordProblem::Common)),
            ("qwertyuiop12", Err(PasswordProblem::Common)),
            ("Sunshine2026!!", Err(PasswordProblem::Common)),
            ("aaaaaaaaaaaaaaaa", Err(PasswordProblem::Common)),
            (
                "maria.lopez-garden-9",
                Err(PasswordProblem::ContainsUsername),
            ),
            ("lantern orchard velvet", Ok(())),
        ];
        for (pw, want) in table {
            assert_eq!(check(pw, pw, "maria.lopez"), want, "{pw}");
        }
        assert_eq!(
            check("lantern orchard velvet", "lantern orchard", "x"),
            Err(PasswordProblem::Mismatch)
        );
        assert_eq!(
            check(&"x".repeat(129), "", "u"),
            Err(PasswordProblem::TooLong)
        );
    }

    #[test]
    fn hashes_are_argon2id_salted_and_verify() {
        let a = hash("lantern orchard velvet");
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        assert_ne!(a, hash("lantern orchard velvet"), "a fresh salt each time");
        assert!(verify("lantern orchard velvet", &a));
        assert!(!verify("lantern orchard velvex", &a));
        assert!(!verify("anything", "not a hash"));
    }
}
