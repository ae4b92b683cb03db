//! The name a borrower gives one of their loans ("Kitchen", "Dad's car"), so that loans can be
//! told apart at a glance. The rules live here so the portal, the API and any later channel
//! accept exactly the same names.

/// The most characters a nickname may have: short enough to fit a card's heading on a phone.
pub const MAX_NICKNAME_CHARS: usize = 40;

/// A nickname that keeps the rules: trimmed, 1 to [`MAX_NICKNAME_CHARS`] characters, no control
/// characters (no line breaks, tabs or NUL: it is shown on one line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoanNickname(String);

/// Why a nickname was refused, in words the borrower can act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NicknameError {
    /// Longer than [`MAX_NICKNAME_CHARS`] (after trimming).
    #[error("Use at most {max} characters (this one has {chars})")]
    TooLong {
        /// Characters typed (trimmed).
        chars: usize,
        /// The most allowed.
        max: usize,
    },
    /// A control character (a line break, a tab...).
    #[error("Use letters, numbers, spaces and punctuation only, on one line")]
    ControlCharacter,
}

impl LoanNickname {
    /// What the borrower typed, trimmed: `None` when it is empty (saving an empty nickname
    /// clears it), or the nickname, or why it is refused.
    pub fn parse(typed: &str) -> Result<Option<LoanNickname>, NicknameError> {
        let t = typed.trim();
        if t.is_empty() {
            return Ok(None);
        }
        if t.chars().any(char::is_control) {
            return Err(NicknameError::ControlCharacter);
        }
        let chars = t.chars().count();
        if chars > MAX_NICKNAME_CHARS {
            return Err(NicknameError::TooLong {
                chars,
                max: MAX_NICKNAME_CHARS,
            });
        }
        Ok(Some(LoanNickname(t.to_owned())))
    }

    /// The nickname's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nickname_is_trimmed_and_empty_clears_it() {
        assert_eq!(
            LoanNickname::parse("  Kitchen  ")
                .unwrap()
                .unwrap()
                .as_str(),
            "Kitchen"
        );
        assert_eq!(LoanNickname::parse("   ").unwrap(), None);
        assert_eq!(LoanNickname::parse("").unwrap(), None);
    }

    #[test]
    fn forty_characters_are_kept_and_forty_one_refused() {
        let forty = "é".repeat(40);
        assert_eq!(
            LoanNickname::parse(&forty).unwrap().unwrap().as_str(),
            forty
        );
        assert_eq!(
            LoanNickname::parse(&"a".repeat(41)),
            Err(NicknameError::TooLong { chars: 41, max: 40 })
        );
    }

    #[test]
    fn control_characters_are_refused() {
        for bad in ["Car\nloan", "Car\tloan", "Car\0"] {
            assert_eq!(
                LoanNickname::parse(bad),
                Err(NicknameError::ControlCharacter)
            );
        }
    }
}
