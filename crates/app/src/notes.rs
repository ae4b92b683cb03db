//! Notes on a borrower's account: what was said and done (a call in or out, an email, a
//! letter, a complaint), by whom and when. A note is never edited; a correction is a later
//! note that amends it, and takes its place among the pinned notes (`domain::notes`). Writing
//! one needs [`Capability::AddNote`] and is audited; reading them needs
//! [`Capability::ViewAccount`].

use crate::App;
use crate::access::{Actor, Capability, Denied};
use crate::verification::{borrower_subject, staff_of};
use domain::notes::{NoteKind, NoteTextError, note_body, pinned_now};
use store::{AuditEvent, BorrowerId, NewNote, Note, NoteId, StoreError};

/// A note as shown: the note, whether it shows pinned, and the later note that amends it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteView {
    /// The note.
    pub note: Note,
    /// Shown among the pinned notes: written pinned and not amended since.
    pub pinned_now: bool,
    /// The newest later note that amends it.
    pub amended_by: Option<NoteId>,
}

/// A note to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteRequest {
    /// The interaction it records.
    pub kind: NoteKind,
    /// The text, as typed.
    pub body: String,
    /// Pinned to the top of the account's notes.
    pub pinned: bool,
    /// The earlier note of the same borrower it corrects.
    pub amends: Option<NoteId>,
}

/// Why a note was not written or read. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum NoteError {
    /// The actor may not write (or read) notes.
    #[error(transparent)]
    Denied(#[from] Denied),
    /// No such borrower.
    #[error("no such borrower")]
    NotFound,
    /// The text is empty or too long.
    #[error(transparent)]
    Text(#[from] NoteTextError),
    /// The note to amend is not one of this borrower's.
    #[error("The note to amend is not one of this borrower's notes")]
    AmendsUnknown,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl App {
    /// Writes a note on `borrower`'s account as `actor`, audited (the kind, the pin and the
    /// note it amends; the text is the note's own, kept in the note).
    pub async fn add_note(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
        req: &NoteRequest,
    ) -> Result<NoteId, NoteError> {
        actor.require(Capability::AddNote)?;
        let body = note_body(&req.body)?;
        if self.borrower_on_file(borrower).await?.is_none() {
            return Err(NoteError::NotFound);
        }
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        if let Some(amends) = req.amends
            && tx.note_of_borrower(borrower, amends).await?.is_none()
        {
            return Err(NoteError::AmendsUnknown);
        }
        let id = tx
            .insert_note(
                &NewNote {
                    borrower,
                    kind: req.kind,
                    pinned: req.pinned,
                    body,
                    author: actor.audit_name(),
                    staff: staff_of(actor),
                    amends: req.amends,
                },
                now,
            )
            .await?;
        tx.audit(
            &AuditEvent {
                actor: actor.audit_name(),
                action: "note.added".into(),
                subject: borrower_subject(borrower),
                detail: serde_json::json!({
                    "note_id": id.0,
                    "kind": req.kind.as_str(),
                    "pinned": req.pinned,
                    "amends": req.amends.map(|a| a.0),
                })
                .to_string(),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(id)
    }

    /// The notes of `borrower`'s account, pinned first, then newest first; the read is
    /// audited.
    pub async fn notes(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
    ) -> Result<Vec<NoteView>, NoteError> {
        actor.require(Capability::ViewAccount)?;
        if self.borrower_on_file(borrower).await?.is_none() {
            return Err(NoteError::NotFound);
        }
        let notes = self.notes_of(borrower).await?;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        tx.audit(
            &AuditEvent {
                actor: actor.audit_name(),
                action: "notes.viewed".into(),
                subject: borrower_subject(borrower),
                detail: "{}".into(),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(notes)
    }

    /// The notes of a borrower the caller has already checked, in the order they are shown.
    pub(crate) async fn notes_of(&self, borrower: BorrowerId) -> Result<Vec<NoteView>, StoreError> {
        Ok(order_notes(self.store().notes_of_borrower(borrower).await?))
    }
}

/// Notes (newest first, as read) with each one's amendment and pin, pinned first, then
/// newest first.
fn order_notes(notes: Vec<Note>) -> Vec<NoteView> {
    // Newest first: the first note seen amending an id is its newest amendment.
    let mut amended_by: std::collections::HashMap<NoteId, NoteId> =
        std::collections::HashMap::new();
    for n in &notes {
        if let Some(earlier) = n.amends {
            amended_by.entry(earlier).or_insert(n.id);
        }
    }
    let mut out: Vec<NoteView> = notes
        .into_iter()
        .map(|note| {
            let amended = amended_by.get(&note.id).copied();
            NoteView {
                pinned_now: pinned_now(note.pinned, amended.is_some()),
                amended_by: amended,
                note,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.pinned_now
            .cmp(&a.pinned_now)
            .then(b.note.id.cmp(&a.note.id))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(id: i64, pinned: bool, amends: Option<i64>) -> Note {
        Note {
            id: NoteId(id),
            borrower: BorrowerId(1),
            kind: NoteKind::CallIn,
            pinned,
            body: format!("note {id}"),
            author: "staff:1".into(),
            staff: None,
            staff_name: None,
            amends: amends.map(NoteId),
            created_at_us: id,
        }
    }

    #[test]
    fn pinned_notes_come_first_and_an_amended_pin_gives_way_to_its_amendment() {
        // As read: newest first.
        let shown = order_notes(vec![
            note(5, false, Some(2)),
            note(4, false, None),
            note(3, true, None),
            note(2, true, None),
            note(1, false, None),
        ]);
        let ids: Vec<i64> = shown.iter().map(|v| v.note.id.0).collect();
        assert_eq!(ids, [3, 5, 4, 2, 1]);
        assert!(shown[0].pinned_now);
        let two = shown.iter().find(|v| v.note.id.0 == 2).unwrap();
        assert!(!two.pinned_now, "note 5 amends it");
        assert_eq!(two.amended_by, Some(NoteId(5)));
    }
}
