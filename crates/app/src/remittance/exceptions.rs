//! The exception queue: items listed oldest deposit first with their age, one item with the
//! loans its payer may mean, and staff's three decisions: apply to a loan, split across loans,
//! return to the payer. Each decision is one transaction that first moves the item out of
//! 'exception' (conditionally: of two staff at once, exactly one wins; the other is told the
//! item is no longer in the queue and nothing of theirs is written), then posts the payments
//! (the same posting path as every payment staff post, with the borrower's alert) and takes
//! the money out of remittance suspense, and is audited with the typed actor.

use super::finish::{credit_date, payment_of};
use super::{
    ItemFilter, ItemId, ItemPage, ItemPosting, ItemState, MAX_PAGE, MAX_RETURN_REASON,
    MAX_SPLIT_PARTS, MEMO_SEPARATOR, PAGE_SIZE, RemittanceError, RemittanceItemDetail,
    item_subject, summary,
};
use crate::App;
use crate::access::{Actor, Capability};
use crate::payments::idempotency::{check_key, request_hash, scoped};
use crate::payments::received::post_in_hand;
use crate::payments::{AmountOf, PaymentError, Taker};
use domain::account_number::AccountNumber;
use domain::loan::LoanStatus;
use domain::remittance::{Candidate, Identified, Suggestion, identify, suggest};
use domain::search::{Condition, KeyKind, KeyMatch, QUERY_MAX_WORDS, SearchKey, name_words};
use money::Money;
use std::collections::HashSet;
use store::{
    AuditEvent, BorrowerId, BorrowerSearch, ItemQuery, ItemResolution, KeyClaim, LoanId,
    LoanRecord, LoanView, MatchedBy, RemittanceItem,
};

/// Borrowers read for suggestions by each search (all the payer's name words, then any).
const CANDIDATE_BORROWERS: u64 = 25;

/// What staff decided for an item that goes to loans.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Decision {
    /// All of it to one loan.
    Apply,
    /// Parts of it to several loans.
    Split,
}

impl Decision {
    /// Its word in the item's resolution.
    const fn as_str(self) -> &'static str {
        match self {
            Decision::Apply => "apply",
            Decision::Split => "split",
        }
    }

    /// Its action in the audit log.
    const fn audit_action(self) -> &'static str {
        match self {
            Decision::Apply => "remittance.applied",
            Decision::Split => "remittance.split",
        }
    }
}

/// A loan a part of an item goes to.
struct Target {
    account: AccountNumber,
    amount: Money,
    loan: LoanId,
    borrower: BorrowerId,
    record: std::sync::Arc<LoanRecord>,
}

impl App {
    /// One page (from 1) of the items `filter` selects, oldest deposit first, each with its
    /// age in days from the business date; with the count and total of the open queue.
    pub async fn remittance_items(
        &self,
        actor: &Actor,
        filter: ItemFilter,
        page: u32,
    ) -> Result<ItemPage, RemittanceError> {
        actor.require(Capability::TakePayment)?;
        if !(1..=MAX_PAGE).contains(&page) {
            return Err(RemittanceError::Refused(format!(
                "There is no page {page}: pages run from 1 to {MAX_PAGE}"
            )));
        }
        let today = self.business_date().await?;
        let size = i64::from(PAGE_SIZE);
        let rows = self
            .store()
            .remittance_items(&ItemQuery {
                state: filter.state,
                deposit_date: filter.deposit_date,
                offset: i64::from(page - 1) * size,
                // One more than a page: whether another page follows.
                limit: size + 1,
            })
            .await?;
        let shown = usize::try_from(PAGE_SIZE).unwrap_or(usize::MAX);
        let more = rows.len() > shown;
        let items = rows.iter().take(shown).map(|i| summary(i, today)).collect();
        let (count, total) = self.store().remittance_open_totals().await?;
        Ok(ItemPage {
            items,
            page,
            more,
            open_total: total,
            open_count: usize::try_from(count).unwrap_or(0),
        })
    }

    /// One item: what it is, the payments it became, what staff did, and, while it is an
    /// exception, the loans its payer may mean.
    pub async fn remittance_item(
        &self,
        actor: &Actor,
        id: ItemId,
    ) -> Result<RemittanceItemDetail, RemittanceError> {
        actor.require(Capability::TakePayment)?;
        self.item_detail(id).await
    }

    /// Applies all of exception `id` to the loan `account` (idempotently under `key`): a
    /// payment credited on the item's deposit date.
    pub async fn apply_remittance(
        &self,
        actor: &Actor,
        id: ItemId,
        key: &str,
        account: AccountNumber,
    ) -> Result<RemittanceItemDetail, RemittanceError> {
        actor.require(Capability::TakePayment)?;
        let item = self
            .store()
            .remittance_item(id)
            .await?
            .ok_or(RemittanceError::NotFound)?;
        self.resolve_to_loans(
            actor,
            &item,
            key,
            &[(account, item.amount)],
            Decision::Apply,
        )
        .await
    }

    /// Splits exception `id` across loans (idempotently under `key`): `parts` must name
    /// different loans, each amount more than zero, adding up to the item exactly; a payment
    /// to each, credited on the item's deposit date.
    pub async fn split_remittance(
        &self,
        actor: &Actor,
        id: ItemId,
        key: &str,
        parts: &[(AccountNumber, Money)],
    ) -> Result<RemittanceItemDetail, RemittanceError> {
        actor.require(Capability::TakePayment)?;
        let item = self
            .store()
            .remittance_item(id)
            .await?
            .ok_or(RemittanceError::NotFound)?;
        check_split(item.amount, parts)?;
        self.resolve_to_loans(actor, &item, key, parts, Decision::Split)
            .await
    }

    /// Returns exception `id` to its payer for `reason` (required, at most
    /// [`MAX_RETURN_REASON`] characters): it is listed for a refund check, its money moved
    /// from remittance suspense to refunds payable.
    pub async fn return_remittance(
        &self,
        actor: &Actor,
        id: ItemId,
        reason: &str,
    ) -> Result<RemittanceItemDetail, RemittanceError> {
        actor.require(Capability::TakePayment)?;
        let reason = return_reason(reason)?;
        let item = self
            .store()
            .remittance_item(id)
            .await?
            .ok_or(RemittanceError::NotFound)?;
        let actor_name = actor.audit_name();
        let today = self.business_date().await?;
        let now = self.now_us();
        let resolution = serde_json::json!({ "action": "return", "reason": reason }).to_string();
        let mut tx = self.store().begin().await?;
        let resolved = tx
            .resolve_remittance_item(
                item.id,
                &ItemResolution {
                    state: ItemState::Returned,
                    assign: None,
                    resolution: &resolution,
                    resolved_by: &actor_name,
                },
                now,
            )
            .await?;
        if !resolved {
            return Err(RemittanceError::NotAnException);
        }
        // The refund is owed from the day it was decided.
        if let Some(entry) = domain::ledger::remittance_returned(today, item.amount) {
            tx.post_entries(&[(None, entry)], now).await?;
        }
        tx.audit(
            &AuditEvent {
                actor: actor_name,
                action: "remittance.returned".into(),
                subject: item_subject(item.id),
                detail: serde_json::json!({
                    "reason": reason,
                    "amount_cents": item.amount.cents(),
                })
                .to_string(),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        self.forget_cached_views();
        self.item_detail(item.id).await
    }

    /// An item as staff see it (the caller has checked the capability).
    pub(super) async fn item_detail(
        &self,
        id: ItemId,
    ) -> Result<RemittanceItemDetail, RemittanceError> {
        let item = self
            .store()
            .remittance_item(id)
            .await?
            .ok_or(RemittanceError::NotFound)?;
        let today = self.business_date().await?;
        let postings = self
            .store()
            .remittance_postings(id)
            .await?
            .into_iter()
            .map(|p| ItemPosting {
                account: p.account,
                amount: p.amount,
                confirmation: p.confirmation,
            })
            .collect();
        let suggestions = if item.state == ItemState::Exception {
            self.suggestions(&item).await?
        } else {
            Vec::new()
        };
        Ok(RemittanceItemDetail {
            item: summary(&item, today),
            postings,
            suggestions,
            resolution: item.resolution.clone(),
            resolved_by: match &item.resolved_by {
                Some(who) => Some(self.staff_shown_as(who).await?),
                None => None,
            },
            resolved_at_us: item.resolved_at_us,
        })
    }

    /// Who resolved an item, as staff read it: a staff user's name (the log's `staff:N` is
    /// for the examiner), anyone else as the audit log names them.
    async fn staff_shown_as(&self, audit_name: &str) -> Result<String, RemittanceError> {
        let id = audit_name
            .strip_prefix("staff:")
            .and_then(|n| n.parse::<i64>().ok());
        if let Some(id) = id
            && let Some(user) = self.store().staff_user(store::StaffId(id)).await?
        {
            return Ok(user.name);
        }
        Ok(audit_name.to_owned())
    }

    /// The loans an exception's payer may mean: the open loans of borrowers found by the
    /// payer's name words (all of them first, then any of them) through the search index, and
    /// the loans the item itself names when it names several; ranked by
    /// `domain::remittance::suggest`.
    async fn suggestions(&self, item: &RemittanceItem) -> Result<Vec<Suggestion>, RemittanceError> {
        let words: Vec<String> = name_words(&item.payer)
            .into_iter()
            .filter(|w| w.chars().count() > 1)
            .take(QUERY_MAX_WORDS)
            .collect();
        let key = |w: &String| KeyMatch::exact(SearchKey::new(KeyKind::Name, w));
        let mut candidates: Vec<Candidate> = Vec::new();
        let mut seen: HashSet<AccountNumber> = HashSet::new();
        if !words.is_empty() {
            let every: Vec<Condition> = words.iter().map(|w| Condition::one(key(w))).collect();
            let any = vec![Condition {
                alternatives: words.iter().map(key).collect(),
            }];
            for conditions in [every, any] {
                let found = self
                    .store()
                    .search_borrowers(&BorrowerSearch {
                        account: None,
                        conditions: &conditions,
                        offset: 0,
                        limit: CANDIDATE_BORROWERS,
                    })
                    .await?;
                for b in &found {
                    for loan in &b.loans {
                        if loan.snapshot.status == LoanStatus::Active
                            && seen.insert(loan.account_number)
                        {
                            candidates.push(candidate(&b.full_name, loan));
                        }
                    }
                }
            }
        }
        let lines: Vec<String> = item.memo.split(MEMO_SEPARATOR).map(str::to_owned).collect();
        if let Identified::Several(accounts) = identify(&lines) {
            for account in accounts {
                if !seen.insert(account) {
                    continue;
                }
                if let Some(view) = self.store().loan_view(account).await?
                    && let Some(name) = self.store().full_name_of(view.borrower).await?
                {
                    candidates.push(candidate(&name, &view));
                }
            }
        }
        Ok(suggest(&item.payer, item.amount, &candidates))
    }

    /// Applies `item` to the loans of `parts` (already checked to add up to it) for `actor`,
    /// idempotently under `key`: in one transaction, the item moved out of the queue (or
    /// nothing, when someone did first), a payment to each loan, the money released from
    /// remittance suspense, and the audit record. A replay of the same request returns the
    /// item as it is.
    async fn resolve_to_loans(
        &self,
        actor: &Actor,
        item: &RemittanceItem,
        key: &str,
        parts: &[(AccountNumber, Money)],
        decision: Decision,
    ) -> Result<RemittanceItemDetail, RemittanceError> {
        check_key(key)?;
        let mut targets = Vec::with_capacity(parts.len());
        for &(account, amount) in parts {
            let Some((loan, borrower)) = self.loan_of_account(account).await? else {
                return Err(RemittanceError::BadSplit(format!(
                    "No loan has the account number {account}"
                )));
            };
            self.payment_settings()
                .limits
                .check(AmountOf::Payment, Taker::Posted, amount)?;
            targets.push(Target {
                account,
                amount,
                loan,
                borrower,
                record: self.loan_record(loan).await?,
            });
        }
        let actor_name = actor.audit_name();
        let today = self.business_date().await?;
        let now = self.now_us();
        let resolution = serde_json::json!({
            "action": decision.as_str(),
            "parts": parts
                .iter()
                .map(|(account, amount)| serde_json::json!({
                    "account_number": account.to_string(),
                    "amount_cents": amount.cents(),
                }))
                .collect::<Vec<_>>(),
        })
        .to_string();
        let hash = request_hash(&[
            "remittance",
            decision.as_str(),
            &item.id.0.to_string(),
            &resolution,
        ]);
        let mut tx = self.store().begin().await?;
        match tx
            .claim_key(
                &scoped(&actor_name, key),
                &hash,
                &item_subject(item.id),
                now,
            )
            .await?
        {
            KeyClaim::New => {}
            KeyClaim::Replay(_) => {
                tx.commit().await?;
                return self.item_detail(item.id).await;
            }
            KeyClaim::Conflict => return Err(PaymentError::KeyReused.into()),
        }
        let single = match targets.as_slice() {
            [one] => Some(one.loan),
            _ => None,
        };
        let resolved = tx
            .resolve_remittance_item(
                item.id,
                &ItemResolution {
                    state: ItemState::Resolved,
                    assign: Some((single, MatchedBy::Staff)),
                    resolution: &resolution,
                    resolved_by: &actor_name,
                },
                now,
            )
            .await?;
        if !resolved {
            return Err(RemittanceError::NotAnException);
        }
        for t in &targets {
            // Read under this transaction: a payoff posted a moment ago counts.
            if tx.loan_status(t.loan).await? == Some(LoanStatus::PaidOff) {
                return Err(RemittanceError::BadSplit(format!(
                    "The loan {} is paid off: apply the item to another loan, or return it",
                    t.account
                )));
            }
            let mut new = payment_of(
                item,
                t.loan,
                credit_date(item.deposit_date, today, &t.record.terms),
                t.amount,
                &actor_name,
            );
            // Where extra goes is the loan's product's rule (the payer said nothing).
            new.extra = t.record.extra_default;
            let (payment, posted) =
                post_in_hand(&mut tx, &new, &t.record.terms, self.cycle(), today, now).await?;
            tx.insert_remittance_posting(item.id, payment.id, t.loan, t.amount)
                .await?;
            self.send_alert(
                &mut tx,
                t.borrower,
                &crate::notices::payment_received(&payment, &posted, t.account),
                now,
            )
            .await?;
        }
        // Released as of the deposit, as the payments are credited: the day's cash then
        // reads as if the item had matched when it came in.
        if let Some(entry) =
            domain::ledger::remittance_released(item.deposit_date.min(today), item.amount)
        {
            tx.post_entries(&[(None, entry)], now).await?;
        }
        tx.audit(
            &AuditEvent {
                actor: actor_name,
                action: decision.audit_action().into(),
                subject: item_subject(item.id),
                detail: resolution,
            },
            now,
        )
        .await?;
        tx.commit().await?;
        self.forget_cached_views();
        self.item_detail(item.id).await
    }
}

/// A loan offered to `suggest`.
fn candidate(name: &str, loan: &LoanView) -> Candidate {
    let s = &loan.snapshot;
    let payoff = s
        .principal
        .checked_add(s.interest)
        .and_then(|m| m.checked_add(s.fees))
        .unwrap_or(Money::from_cents(i64::MAX));
    Candidate {
        account: loan.account_number,
        name: name.to_owned(),
        amount_due: s.amount_due,
        payoff,
    }
}

/// Refuses parts that cannot split an item of `total`: none, more than
/// [`MAX_SPLIT_PARTS`], an amount of zero or less, a loan named twice, or amounts that do not
/// add up to the item exactly.
pub(super) fn check_split(
    total: Money,
    parts: &[(AccountNumber, Money)],
) -> Result<(), RemittanceError> {
    if parts.is_empty() {
        return Err(RemittanceError::BadSplit(
            "Give at least one loan and the amount for it".into(),
        ));
    }
    if parts.len() > MAX_SPLIT_PARTS {
        return Err(RemittanceError::BadSplit(format!(
            "An item can be split across at most {MAX_SPLIT_PARTS} loans"
        )));
    }
    let mut accounts = HashSet::new();
    let mut sum = Money::ZERO;
    for &(account, amount) in parts {
        if !amount.is_positive() {
            return Err(RemittanceError::BadSplit(
                "Each amount must be more than zero".into(),
            ));
        }
        if !accounts.insert(account) {
            return Err(RemittanceError::BadSplit(format!(
                "The loan {account} is named twice: give one amount for each loan"
            )));
        }
        sum = sum.checked_add(amount).ok_or_else(|| {
            RemittanceError::BadSplit(format!(
                "The amounts add up to more than the item, {}",
                total.usd()
            ))
        })?;
    }
    if sum != total {
        return Err(RemittanceError::BadSplit(format!(
            "The amounts add up to {} but the item is {}: they must add up to the item exactly",
            sum.usd(),
            total.usd()
        )));
    }
    Ok(())
}

/// The reason for returning an item, trimmed: required, at most [`MAX_RETURN_REASON`]
/// characters, no control characters but line breaks and tabs.
pub(super) fn return_reason(text: &str) -> Result<String, RemittanceError> {
    let reason = text.trim();
    if reason.is_empty() {
        return Err(RemittanceError::Refused(
            "Give the reason the item is sent back to the payer".into(),
        ));
    }
    if reason.chars().count() > MAX_RETURN_REASON {
        return Err(RemittanceError::Refused(format!(
            "The reason can be at most {MAX_RETURN_REASON} characters"
        )));
    }
    if reason
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(RemittanceError::Refused(
            "The reason cannot hold control characters".into(),
        ));
    }
    Ok(reason.to_owned())
}

#[cfg(test)]
mod tests;
