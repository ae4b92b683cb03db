//! Bad input is reported as one line naming the field, with exit code 2.

use std::fmt;

/// A failure of a command: bad input (exit 2) or anything else (exit 1).
#[derive(Debug)]
pub enum Failure {
    /// The named field is wrong; the message says how.
    BadInput {
        /// The field or option.
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// Anything else (I/O and the like).
    Other(anyhow::Error),
}

impl Failure {
    /// Bad input in `field`.
    pub fn bad(field: &str, message: impl fmt::Display) -> Self {
        Failure::BadInput {
            field: field.to_owned(),
            message: message.to_string(),
        }
    }

    /// The process exit code.
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::BadInput { .. } => 2,
            Failure::Other(_) => 1,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::BadInput { field, message } => write!(f, "{field}: {message}"),
            Failure::Other(e) => write!(f, "{e:#}"),
        }
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Other(e)
    }
}

/// Parses `text` as `T`, or reports the field.
pub fn parse<T>(field: &str, text: &str) -> Result<T, Failure>
where
    T: std::str::FromStr,
    T::Err: fmt::Display,
{
    text.parse::<T>().map_err(|e| Failure::bad(field, e))
}

/// Parses an ISO date (YYYY-MM-DD), or reports the field.
pub fn date(field: &str, text: &str) -> Result<jiff::civil::Date, Failure> {
    text.trim()
        .parse::<jiff::civil::Date>()
        .map_err(|_| Failure::bad(field, format!("{text:?} is not a date like 2026-01-15")))
}
