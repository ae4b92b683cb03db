//! Finding a borrower or a loan from the console's one search box (issue 19), and keeping
//! the search index true.
//!
//! [`App::search_borrowers`] reads the query by the domain's rules (`domain::search`), needs
//! the `ViewAccount` capability, answers one page of borrowers with their contact masked and
//! their loans in brief, and audits every search: the kinds of thing searched for, the name
//! words, how many borrowers were shown and which. The digits of an SSN's last 4 are never
//! written anywhere: the index and the query hold a keyed digest of them under a label of
//! their own ([`ssn_last4_key`]).
//!
//! The index is written in the transaction that writes what it is made from: boarding and the
//! demo call [`key_rows`] for each borrower they add, and `App::index_accounts` for the loans
//! they add to borrowers already on file; a borrower's contact change (their phone, email
//! and mailing address, whose ZIP code is the one they are found by) calls
//! `App::reindex_contact`. Borrowers boarded before the index existed are indexed by
//! [`App::index_borrowers_for_search`] when the server starts (their SSN opened by the vault,
//! the only time the index needs it).

use crate::App;
use crate::access::{Actor, Capability, Denied};
use crate::vault::Vault;
use domain::account_number::AccountNumber;
use domain::loan::LoanStatus;
use domain::search::{
    KeyKind, Query, QueryError, SearchKey, account_key, contact_keys, mask_email, mask_phone,
    phone_and_email_keys, sort_name, zip_key,
};
use money::Money;
use std::collections::HashSet;
use store::{
    AuditEvent, BorrowerId, BorrowerSearch, FoundBorrower, KeyRow, StoreError, Tx,
    UnindexedBorrower,
};

/// Borrowers on a page of results.
pub const PAGE_SIZE: u32 = 20;
/// The last page a search goes to (a thousand borrowers deep: a search that broad is
/// narrowed, not paged through).
pub const MAX_PAGE: u32 = 50;
/// The audit log's subject of every search.
pub const SEARCH_AUDIT_SUBJECT: &str = "search:borrowers";
/// The vault's label for the keyed digest of an SSN's last 4 (not the SSN digest's: the two
/// never match each other).
const SSN_LAST4_LABEL: &str = "search-ssn-last4/v1";
/// The setting that records the highest borrower id indexed at a start.
const INDEXED_THROUGH: &str = "search_indexed_through";
/// Borrowers indexed per transaction at a start.
const BACKFILL_BATCH: i64 = 1000;

/// One page of a search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchResults {
    /// What was searched for, by kind (`name`, `account_number`, `phone`, `email`, `zip`,
    /// `ssn_last4`, `last4`).
    pub kinds: Vec<&'static str>,
    /// This page (from 1).
    pub page: u32,
    /// The borrowers, best first.
    pub borrowers: Vec<BorrowerHit>,
    /// Another page follows.
    pub has_next: bool,
}

/// A borrower found, as an agent sees them in the results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BorrowerHit {
    /// The borrower (their account view is `/console/borrowers/{id}`).
    pub id: BorrowerId,
    /// Full name.
    pub name: String,
    /// Email, masked (`m•••@example.com`).
    pub email: Option<String>,
    /// Phone, masked (`•••-•••-0143`).
    pub phone: Option<String>,
    /// ZIP code.
    pub zip: String,
    /// Their loans, by account number.
    pub loans: Vec<LoanHit>,
}

/// A loan of a borrower found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoanHit {
    /// The account number's last 4.
    pub last4: String,
    /// Active, paid off or charged off.
    pub status: LoanStatus,
    /// Principal, interest and fees.
    pub balance: Money,
    /// Days past due.
    pub days_past_due: u32,
}

/// Why a search was not made. Nothing was read and nothing audited.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The actor may not see borrowers' accounts.
    #[error(transparent)]
    Denied(#[from] Denied),
    /// The query cannot be searched (empty, too long, nothing searchable, a number of no
    /// known length, an account number whose check digit is wrong).
    #[error(transparent)]
    Query(#[from] QueryError),
    /// A page before the first or after [`MAX_PAGE`].
    #[error("there is no page {page}: pages run from 1 to {max}")]
    PageOutOfRange {
        /// The page asked for.
        page: u32,
        /// The last page there can be.
        max: u32,
    },
    /// Too many searches by an SSN's last 4 in a short time (each names about one borrower in
    /// ten thousand: many in a row is a search for someone's SSN, not for a caller).
    #[error(
        "you have searched by the last 4 of an SSN {SSN_SEARCHES} times in 15 minutes: search by name, phone, email or ZIP code, or try again later"
    )]
    TooManySsnSearches,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Searches by an SSN's last 4 one actor may make in the throttle window (15 minutes).
pub const SSN_SEARCHES: i64 = 20;

impl SearchError {
    /// The refusal as a sentence, as the console's search page and the API show it: its
    /// words (written lower-case, to follow others as a log line does) with the first letter
    /// capitalised.
    pub fn sentence(&self) -> String {
        let words = self.to_string();
        let mut chars = words.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    }
}

/// The key of an SSN's last 4: a keyed digest (HMAC under the vault's digest key), so the
/// index and the audit log never hold the digits and nobody without the key can test them.
pub fn ssn_last4_key(vault: &Vault, last4: &str) -> SearchKey {
    SearchKey::new(
        KeyKind::SsnLast4,
        &vault.mac(SSN_LAST4_LABEL, last4.as_bytes()),
    )
}

/// What a borrower being written is found by.
#[derive(Clone, Copy, Debug)]
pub struct Indexed<'a> {
    /// Full name.
    pub full_name: &'a str,
    /// Email on file.
    pub email: Option<&'a str>,
    /// Phone on file.
    pub phone: Option<&'a str>,
    /// ZIP code.
    pub zip: &'a str,
    /// The SSN's digits (only its last 4 are used, digested), when known.
    pub ssn_digits: Option<&'a str>,
    /// Their loans' account numbers.
    pub accounts: &'a [AccountNumber],
}

/// Every key of a borrower: their name's words, phone, email and ZIP code, the keyed digest
/// of their SSN's last 4 and each account's last 4, each with their folded name.
pub fn key_rows(vault: &Vault, borrower: BorrowerId, b: &Indexed<'_>) -> Vec<KeyRow> {
    let mut keys = contact_keys(b.full_name, b.email, b.phone, b.zip);
    if let Some(four) = b.ssn_digits.and_then(last4_of) {
        keys.push(ssn_last4_key(vault, four));
    }
    keys.extend(b.accounts.iter().map(account_key));
    rows(borrower, &sort_name(b.full_name), keys)
}

/// The last 4 of an SSN's digits (`None` unless it is at least 4 digits).
fn last4_of(digits: &str) -> Option<&str> {
    (digits.len() >= 4 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| &digits[digits.len() - 4..])
}

/// `keys` as rows of `borrower`, without repeats.
fn rows(borrower: BorrowerId, sort: &str, keys: Vec<SearchKey>) -> Vec<KeyRow> {
    let mut seen = HashSet::new();
    keys.into_iter()
        .filter(|k| seen.insert(k.clone()))
        .map(|key| KeyRow {
            borrower,
            key,
            sort_name: sort.to_owned(),
        })
        .collect()
}

impl App {
    /// One page (from 1) of the borrowers `query` finds, for an actor who may see accounts;
    /// audited.
    pub async fn search_borrowers(
        &self,
        actor: &Actor,
        query: &str,
        page: u32,
    ) -> Result<SearchResults, SearchError> {
        actor.require(Capability::ViewAccount)?;
        let q = Query::parse(query)?;
        if !(1..=MAX_PAGE).contains(&page) {
            return Err(SearchError::PageOutOfRange {
                page,
                max: MAX_PAGE,
            });
        }
        if !q.last4.is_empty() && q.last4_is_ssn() {
            let key = format!("search:ssn4:{}", actor.audit_name());
            if self.over_limit(&[(key, SSN_SEARCHES)]).await? {
                return Err(SearchError::TooManySsnSearches);
            }
        }
        let conditions = q.conditions(|four| ssn_last4_key(self.vault(), four));
        let size = usize::try_from(PAGE_SIZE).expect("a page of results fits in memory");
        let found = self
            .store()
            .search_borrowers(&BorrowerSearch {
                account: q.account,
                conditions: &conditions,
                offset: u64::from(page - 1) * u64::from(PAGE_SIZE),
                // One more than a page: whether another page follows.
                limit: u64::from(PAGE_SIZE) + 1,
            })
            .await?;
        let has_next = found.len() > size;
        let borrowers: Vec<BorrowerHit> = found.into_iter().take(size).map(hit).collect();
        self.store()
            .audit(
                &search_audit(actor, &q, page, &borrowers, has_next),
                self.now_us(),
            )
            .await?;
        Ok(SearchResults {
            kinds: q.kinds(),
            page,
            borrowers,
            has_next,
        })
    }

    /// Indexes the borrowers the index does not know yet (boarded before it existed), in
    /// batches, each one transaction that also records how far it got; run when the server
    /// starts. Only the borrowers added since the last run are looked at. How many were
    /// indexed.
    pub async fn index_borrowers_for_search(&self) -> Result<usize, StoreError> {
        let through = self.store().last_borrower_id().await?;
        let mut after = match self.store().setting(INDEXED_THROUGH).await? {
            Some(text) => BorrowerId(text.parse().map_err(|_| StoreError::Corrupt {
                table: "settings",
                detail: format!("{INDEXED_THROUGH} {text:?}"),
            })?),
            None => BorrowerId(0),
        };
        let batch_size = usize::try_from(BACKFILL_BATCH).expect("a batch fits in memory");
        let mut indexed = 0;
        while after < through {
            let batch = self
                .store()
                .unindexed_borrowers(after, through, BACKFILL_BATCH)
                .await?;
            // A short batch is the last: everything up to `through` is indexed after it.
            let reached = match batch.last() {
                Some(last) if batch.len() == batch_size => last.id,
                _ => through,
            };
            let keys: Vec<KeyRow> = batch.iter().flat_map(|b| self.backfill_rows(b)).collect();
            let mut tx = self.store().begin().await?;
            tx.insert_search_keys(&keys).await?;
            tx.put_setting(INDEXED_THROUGH, &reached.0.to_string())
                .await?;
            tx.commit().await?;
            indexed += batch.len();
            after = reached;
        }
        if indexed > 0 {
            self.store()
                .audit(
                    &AuditEvent {
                        actor: Actor::System("search").audit_name(),
                        action: "borrowers.indexed_for_search".into(),
                        subject: SEARCH_AUDIT_SUBJECT.into(),
                        detail: serde_json::json!({
                            "borrowers": indexed,
                            "through": through.0,
                        })
                        .to_string(),
                    },
                    self.now_us(),
                )
                .await?;
        }
        Ok(indexed)
    }

    /// The keys of a borrower found unindexed: their SSN opened by the vault for its last 4
    /// (one that does not open is left out, and said in the log: the borrower is still found
    /// by everything else).
    fn backfill_rows(&self, b: &UnindexedBorrower) -> Vec<KeyRow> {
        let ssn = b.sealed_ssn.as_ref().and_then(|(key_id, sealed)| {
            match self.vault().open(key_id, "ssn", sealed) {
                Ok(plain) => String::from_utf8(plain).ok(),
                Err(e) => {
                    tracing::warn!(borrower = b.id.0, error = %e, "the SSN does not open: indexed for search without its last 4");
                    None
                }
            }
        });
        key_rows(
            self.vault(),
            b.id,
            &Indexed {
                full_name: &b.full_name,
                email: b.email.as_deref(),
                phone: b.phone.as_deref(),
                zip: &b.zip,
                ssn_digits: ssn.as_deref(),
                accounts: &b.accounts,
            },
        )
    }

    /// Writes, in `tx`, every key of a borrower being added.
    pub(crate) async fn index_borrower(
        &self,
        tx: &mut Tx,
        borrower: BorrowerId,
        b: &Indexed<'_>,
    ) -> Result<(), StoreError> {
        tx.insert_search_keys(&key_rows(self.vault(), borrower, b))
            .await
    }

    /// Writes, in `tx`, the key of each loan added to a borrower already on file (their
    /// other keys are there already), with the borrower's name as stored.
    pub(crate) async fn index_accounts(
        &self,
        tx: &mut Tx,
        accounts: &[(BorrowerId, AccountNumber)],
    ) -> Result<(), StoreError> {
        if accounts.is_empty() {
            return Ok(());
        }
        let ids: Vec<BorrowerId> = accounts
            .iter()
            .map(|(b, _)| *b)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        let names = tx.borrower_full_names(&ids).await?;
        let rows: Vec<KeyRow> = accounts
            .iter()
            .map(|(b, a)| KeyRow {
                borrower: *b,
                key: account_key(a),
                sort_name: sort_name(names.get(b).map_or("", String::as_str)),
            })
            .collect();
        tx.insert_search_keys(&rows).await
    }

    /// Replaces, in `tx`, a borrower's phone, email and ZIP code keys with those of their new
    /// contact details (the old ones no longer find them). The ZIP code is their mailing
    /// address's.
    pub(crate) async fn reindex_contact(
        &self,
        tx: &mut Tx,
        borrower: BorrowerId,
        email: Option<&str>,
        phone: Option<&str>,
        zip: &str,
    ) -> Result<(), StoreError> {
        let names = tx.borrower_full_names(&[borrower]).await?;
        let sort = sort_name(names.get(&borrower).map_or("", String::as_str));
        let mut keys = phone_and_email_keys(email, phone);
        keys.extend(zip_key(zip));
        let keys = rows(borrower, &sort, keys);
        tx.replace_search_keys(
            borrower,
            &[KeyKind::Phone, KeyKind::Email, KeyKind::Zip],
            &keys,
        )
        .await
    }
}

/// A borrower found, as the results show them: contact masked, loans in brief.
fn hit(f: FoundBorrower) -> BorrowerHit {
    BorrowerHit {
        id: f.id,
        email: f.email.as_deref().map(mask_email),
        phone: f.phone.as_deref().map(mask_phone),
        name: f.full_name,
        zip: f.zip,
        loans: f
            .loans
            .iter()
            .map(|v| {
                let s = &v.snapshot;
                LoanHit {
                    last4: v.account_number.last4(),
                    status: s.status,
                    balance: s.principal + s.interest + s.fees,
                    days_past_due: s.days_past_due,
                }
            })
            .collect(),
    }
}

/// The audit record of a search: who, the kinds searched for and the name words (never a
/// number typed: an SSN's last 4, a phone, an account), the page, and the borrowers shown.
fn search_audit(
    actor: &Actor,
    q: &Query,
    page: u32,
    shown: &[BorrowerHit],
    more: bool,
) -> AuditEvent {
    AuditEvent {
        actor: actor.audit_name(),
        action: "borrowers.searched".into(),
        subject: SEARCH_AUDIT_SUBJECT.into(),
        detail: serde_json::json!({
            "kinds": q.kinds(),
            "names": q.names,
            "conditions": q.count(),
            "page": page,
            "results": shown.len(),
            "more": more,
            "shown": shown.iter().map(|b| b.id.0).collect::<Vec<_>>(),
        })
        .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_search_is_said_as_a_sentence() {
        let past = SearchError::PageOutOfRange { page: 51, max: 50 };
        assert_eq!(
            past.sentence(),
            "There is no page 51: pages run from 1 to 50"
        );
        let denied = SearchError::Denied(Denied {
            capability: Capability::ViewAccount,
        });
        assert!(
            denied.sentence().starts_with("You may not "),
            "{}",
            denied.sentence()
        );
    }
}
