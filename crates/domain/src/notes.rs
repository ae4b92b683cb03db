//! Notes staff write on a borrower's account: what interaction each records ([`NoteKind`],
//! stored as text; the schema's CHECK on `notes.kind` lists the same set,
//! `migrations/{sqlite,postgres}/0016_accounts.sql`), the rule for a note's text
//! ([`note_body`]), and which notes show pinned ([`pinned_now`]).
//!
//! A note is evidence of what was said and done, so it is never edited: a correction is a
//! later note that amends it. Pinning is part of a note when it is written; a later note that
//! amends a pinned note takes its place (and pins itself or not), which is how a pin is
//! removed without changing anything written.

use crate::vocabulary::vocabulary;

vocabulary! {
    /// The interaction a note records.
    pub enum NoteKind {
        /// The borrower (or someone for them) called the servicer.
        CallIn = "call_in",
        /// Staff called the borrower.
        CallOut = "call_out",
        /// An email to or from the borrower.
        Email = "email",
        /// A letter to or from the borrower.
        Letter = "letter",
        /// A complaint the borrower made (by any channel), kept for the complaint log.
        Complaint = "complaint",
    }
}

impl NoteKind {
    /// The kind as staff read it ("Call in").
    pub const fn label(self) -> &'static str {
        match self {
            NoteKind::CallIn => "Call in",
            NoteKind::CallOut => "Call out",
            NoteKind::Email => "Email",
            NoteKind::Letter => "Letter",
            NoteKind::Complaint => "Complaint",
        }
    }
}

/// The most characters a note holds.
pub const NOTE_MAX_CHARS: usize = 5_000;

/// Why a note's text was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NoteTextError {
    /// Nothing but white space.
    #[error("Write the note")]
    Empty,
    /// Longer than [`NOTE_MAX_CHARS`].
    #[error("Keep the note to {max} characters (it has {chars})")]
    TooLong {
        /// The most allowed.
        max: usize,
        /// How many it has.
        chars: usize,
    },
}

/// A note's text as it is kept: white space trimmed at both ends, line breaks as `\n` (a
/// browser sends a text area's as `\r\n`, which would count twice), other control characters
/// dropped; 1 to [`NOTE_MAX_CHARS`] characters.
pub fn note_body(text: &str) -> Result<String, NoteTextError> {
    let kept: String = text
        .replace("\r\n", "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect();
    let kept = kept.trim();
    if kept.is_empty() {
        return Err(NoteTextError::Empty);
    }
    let chars = kept.chars().count();
    if chars > NOTE_MAX_CHARS {
        return Err(NoteTextError::TooLong {
            max: NOTE_MAX_CHARS,
            chars,
        });
    }
    Ok(kept.to_owned())
}

/// Whether a note shows among the pinned notes: it was written pinned and no later note
/// amends it (an amendment takes the note's place, pinned or not).
pub const fn pinned_now(pinned: bool, amended_later: bool) -> bool {
    pinned && !amended_later
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::texts;

    #[test]
    fn every_kind_reads_back_and_the_set_is_the_schemas() {
        // notes.kind CHECK in migrations/{sqlite,postgres}/0016_accounts.sql.
        let check = ["call_in", "call_out", "email", "letter", "complaint"];
        assert_eq!(texts(NoteKind::ALL, NoteKind::as_str), check);
        for k in NoteKind::ALL {
            assert_eq!(NoteKind::parse(k.as_str()), Some(*k));
            assert!(!k.label().is_empty());
        }
        assert_eq!(NoteKind::parse("Call in"), None);
        assert_eq!(NoteKind::parse("fax"), None);
    }

    #[test]
    fn a_note_is_one_to_five_thousand_characters_after_trimming() {
        assert_eq!(
            note_body("  Promised to pay Friday.  "),
            Ok("Promised to pay Friday.".into())
        );
        assert_eq!(note_body(" \r\n\t "), Err(NoteTextError::Empty));
        assert_eq!(note_body(""), Err(NoteTextError::Empty));
        let most = "é".repeat(NOTE_MAX_CHARS);
        assert_eq!(
            note_body(&most).map(|b| b.chars().count()),
            Ok(NOTE_MAX_CHARS)
        );
        assert_eq!(
            note_body(&"a".repeat(NOTE_MAX_CHARS + 1)),
            Err(NoteTextError::TooLong {
                max: NOTE_MAX_CHARS,
                chars: NOTE_MAX_CHARS + 1
            })
        );
    }

    #[test]
    fn line_breaks_count_once_and_control_characters_are_dropped() {
        assert_eq!(note_body("one\r\ntwo\u{7}"), Ok("one\ntwo".into()));
        let lines = "a\r\n".repeat(NOTE_MAX_CHARS / 2);
        assert!(note_body(&lines).is_ok(), "CRLF is one character");
    }

    #[test]
    fn an_amended_note_no_longer_shows_pinned() {
        assert!(pinned_now(true, false));
        assert!(!pinned_now(true, true));
        assert!(!pinned_now(false, false));
    }
}
