//! Mailing addresses kept as free text from before addresses were structured (issue 22, item
//! 6; ADR 0029): read into their parts once, when the server starts
//! ([`App::read_free_text_addresses`]), and those that cannot be read listed for staff (the
//! report "Mailing addresses to review", `cob::reports`), shown on the
//! console's account view as needing review, and put to the borrower to confirm in the
//! portal's profile. Every address written since is written by its parts.

use crate::App;
use crate::access::Actor;
use domain::address::read_typed;
use store::{AuditEvent, BorrowerId, StoreError};

/// The setting that records the highest borrower id whose address was read at a start.
const READ_THROUGH: &str = "addresses_read_through";
/// Addresses read per transaction at a start.
const BATCH: i64 = 1000;
/// The audit log's subject of the conversion.
pub const ADDRESSES_AUDIT_SUBJECT: &str = "borrowers:addresses";

/// What one run of the conversion did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AddressesRead {
    /// Addresses read into their parts (street, city, state, ZIP code).
    pub structured: usize,
    /// Addresses that could not be read: kept as typed, for review.
    pub to_review: usize,
}

impl App {
    /// Reads the addresses kept as free text into their parts (`domain::address::read_typed`,
    /// with the ZIP code on file), in batches, each one transaction that also records how far
    /// it got; run when the server starts. Only the borrowers added since the last run are
    /// looked at, so each address is read once; one that cannot be read stays as typed, for
    /// review. The ZIP code the console's search finds the borrower by stays the same: an
    /// address is read only when the ZIP typed into it, if any, has the five digits on file.
    /// An address changed between the batch's read and its write is left as it was changed,
    /// and not counted.
    pub async fn read_free_text_addresses(&self) -> Result<AddressesRead, StoreError> {
        let through = self.store().last_borrower_id().await?;
        let mut after = match self.store().setting(READ_THROUGH).await? {
            Some(text) => BorrowerId(text.parse().map_err(|_| StoreError::Corrupt {
                table: "settings",
                detail: format!("{READ_THROUGH} {text:?}"),
            })?),
            None => BorrowerId(0),
        };
        let batch_size = usize::try_from(BATCH).expect("a batch fits in memory");
        let mut read = AddressesRead::default();
        while after < through {
            let batch = self
                .store()
                .free_text_addresses(after, through, BATCH)
                .await?;
            // A short batch is the last: everything up to `through` is read after it.
            let reached = match batch.last() {
                Some(last) if batch.len() == batch_size => last.borrower,
                _ => through,
            };
            let mut tx = self.store().begin().await?;
            for a in &batch {
                match read_typed(&a.text, &a.zip) {
                    // Written only over what was read: the batch was read before this
                    // transaction, and an address the borrower changed since is newer.
                    Some(parts) => {
                        if tx.structure_free_text_address(a, &parts).await? {
                            read.structured += 1;
                        }
                    }
                    None => read.to_review += 1,
                }
            }
            tx.put_setting(READ_THROUGH, &reached.0.to_string()).await?;
            tx.commit().await?;
            after = reached;
        }
        if read != AddressesRead::default() {
            self.forget_cached_views();
            self.store()
                .audit(
                    &AuditEvent {
                        actor: Actor::System("addresses").audit_name(),
                        action: "addresses.read".into(),
                        subject: ADDRESSES_AUDIT_SUBJECT.into(),
                        detail: serde_json::json!({
                            "structured": read.structured,
                            "to_review": read.to_review,
                            "through": through.0,
                        })
                        .to_string(),
                    },
                    self.now_us(),
                )
                .await?;
        }
        Ok(read)
    }
}
