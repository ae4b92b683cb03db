//! Finishing received items: each matched to its loan and posted, or queued for staff, in a
//! transaction of its own.
//!
//! Items are taken a few hundred at a time, in the order they were recorded, and for each
//! batch the loans they name, those loans' records and the repeated checks are read at once
//! (one read each, not one per item: a file holds up to a hundred thousand checks against a
//! million loans). Within a batch, a loan an item posted to is followed in memory (its payoff
//! and whether it is paid off now), so the next item for it is judged on the loan as it is.

use super::{ItemState, ShortPayoff};
use crate::App;
use crate::payments::confirmation_number;
use crate::payments::received::post_in_hand;
use domain::account_number::AccountNumber;
use domain::loan::{ExtraTo, LoanStatus, LoanTerms};
use domain::payment::{PaymentChannel, PaymentStatus, Rail};
use domain::remittance::{ExceptionReason, LoanFacts, decide, short_of_payoff};
use jiff::civil::Date;
use money::Money;
use std::collections::{HashMap, HashSet};
use store::{
    ItemFinish, LoanId, LoanRecord, NewPayment, RemittanceFileId, RemittanceItem, RemittanceItemId,
    RemittanceLoan, RemittanceSource,
};

/// Items finished per batch.
const BATCH: i64 = 500;

/// What finishing did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Finished {
    /// Items posted.
    pub posted: usize,
    /// Their total.
    pub posted_total: Money,
    /// Items queued for staff.
    pub exceptions: usize,
    /// Their total.
    pub exceptions_total: Money,
    /// Payoff checks that posted a few cents short.
    pub short_payoffs: Vec<ShortPayoff>,
}

/// One batch of received items with what finishing them needs.
struct Batch {
    items: Vec<RemittanceItem>,
    loans: HashMap<AccountNumber, RemittanceLoan>,
    records: HashMap<LoanId, LoanRecord>,
    duplicates: HashSet<RemittanceItemId>,
}

impl App {
    /// Finishes the received items of `file` (of every file when `None`; only those
    /// recorded before `received_before_us` when given).
    pub(super) async fn finish_received(
        &self,
        file: Option<RemittanceFileId>,
        received_before_us: Option<i64>,
    ) -> Result<Finished, super::RemittanceError> {
        let mut out = Finished::default();
        let today = self.business_date().await?;
        let mut after = RemittanceItemId(0);
        loop {
            let Batch {
                items,
                mut loans,
                records,
                duplicates,
            } = self.received_batch(file, received_before_us, after).await?;
            let Some(last) = items.last() else {
                break;
            };
            after = last.id;
            for item in &items {
                // The loan the item names, when one on file has its account number.
                let (account, loan) = match item.account_number {
                    Some(a) => match loans.get_mut(&a) {
                        Some(l) => (Some(a), Some(l)),
                        None => (None, None),
                    },
                    None => (None, None),
                };
                let judged = verdict(item, loan.as_deref(), duplicates.contains(&item.id));
                match (judged, account, loan) {
                    (Ok(()), Some(account), Some(loan)) => {
                        // The batch read the record of every loan it names; should one be
                        // missing, it is read alone.
                        let fetched;
                        let record: &LoanRecord = match records.get(&loan.loan) {
                            Some(r) => r,
                            None => {
                                fetched = self.loan_record(loan.loan).await?;
                                &fetched
                            }
                        };
                        self.post_item(item, account, loan, record, today, &mut out)
                            .await?;
                    }
                    (judged, _, loan) => {
                        // Posting needs both the account and its loan; without them the
                        // verdict is always a reason.
                        let reason = judged.err().unwrap_or(ExceptionReason::NoMatch);
                        let loan = loan.map(|l| l.loan);
                        self.hold_item(item, reason, loan, today, &mut out).await?;
                    }
                }
            }
        }
        if out.posted > 0 {
            self.forget_cached_views();
        }
        Ok(out)
    }

    /// The next batch of received items after `after`, with the loans they name, those
    /// loans' records and which items repeat an earlier check, read together.
    async fn received_batch(
        &self,
        file: Option<RemittanceFileId>,
        received_before_us: Option<i64>,
        after: RemittanceItemId,
    ) -> Result<Batch, super::RemittanceError> {
        let mut tx = self.store().begin().await?;
        let items = tx
            .received_remittance_items(file, received_before_us, after, BATCH)
            .await?;
        let mut accounts: Vec<AccountNumber> = items
            .iter()
            .filter(|i| i.reason.is_none())
            .filter_map(|i| i.account_number)
            .collect();
        accounts.sort_unstable();
        accounts.dedup();
        let loans = tx.remittance_loans(&accounts).await?;
        let mut ids: Vec<LoanId> = loans.values().map(|l| l.loan).collect();
        ids.sort_unstable();
        ids.dedup();
        let records = tx.loans_of(&ids).await?;
        let item_ids: Vec<RemittanceItemId> = items.iter().map(|i| i.id).collect();
        let duplicates = tx.remittance_duplicates(&item_ids).await?;
        // Nothing was written: the reads only shared one view of the database.
        tx.commit().await?;
        Ok(Batch {
            items,
            loans,
            records,
            duplicates,
        })
    }

    /// Posts `item` to `loan` (account `account`) as a payment credited on its deposit date,
    /// with the borrower's alert, and marks it posted: one transaction, or nothing when
    /// another worker finished the item first. `loan` is brought up to date in memory.
    async fn post_item(
        &self,
        item: &RemittanceItem,
        account: AccountNumber,
        loan: &mut RemittanceLoan,
        record: &LoanRecord,
        today: Date,
        out: &mut Finished,
    ) -> Result<(), super::RemittanceError> {
        let short = short_of_payoff(item.amount, loan.payoff);
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let claimed = tx
            .finish_remittance_item(
                item.id,
                &ItemFinish {
                    state: ItemState::Posted,
                    loan: Some(loan.loan),
                    reason: None,
                    payoff_short: short,
                },
            )
            .await?;
        if !claimed {
            return Ok(());
        }
        let mut new = payment_of(
            item,
            loan.loan,
            credit_date(item.deposit_date, today, &record.terms),
            item.amount,
            &item.actor,
        );
        // A mailed payment says nothing of where extra goes: the loan's product decides.
        new.extra = record.extra_default;
        let (payment, posted) =
            post_in_hand(&mut tx, &new, &record.terms, self.cycle(), today, now).await?;
        tx.insert_remittance_posting(item.id, payment.id, loan.loan, item.amount)
            .await?;
        self.send_alert(
            &mut tx,
            loan.borrower,
            &crate::notices::payment_received(&payment, &posted, account),
            now,
        )
        .await?;
        // The payment row records who posted it (ADR 0012); the file's import is audited.
        tx.commit().await?;
        loan.payoff = posted.balance;
        if posted.paid_off {
            loan.status = LoanStatus::PaidOff;
        }
        out.posted += 1;
        out.posted_total += item.amount;
        if let Some(short_by) = short {
            out.short_payoffs.push(ShortPayoff {
                item: item.id,
                account,
                amount: item.amount,
                short_by,
            });
        }
        Ok(())
    }

    /// Queues `item` for staff with `reason` (naming `loan` when it names one that would not
    /// take it) and holds its money in remittance suspense: one transaction, or nothing when
    /// another worker finished the item first.
    async fn hold_item(
        &self,
        item: &RemittanceItem,
        reason: ExceptionReason,
        loan: Option<LoanId>,
        today: Date,
        out: &mut Finished,
    ) -> Result<(), super::RemittanceError> {
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let claimed = tx
            .finish_remittance_item(
                item.id,
                &ItemFinish {
                    state: ItemState::Exception,
                    loan,
                    reason: Some(reason),
                    payoff_short: None,
                },
            )
            .await?;
        if !claimed {
            return Ok(());
        }
        if let Some(entry) =
            domain::ledger::remittance_held(item.deposit_date.min(today), item.amount)
        {
            tx.post_entries(&[(None, entry)], now).await?;
        }
        tx.commit().await?;
        out.exceptions += 1;
        out.exceptions_total += item.amount;
        Ok(())
    }
}

/// Whether `item` posts to `loan` (the loan its account number names, if on file), or why it
/// waits for staff ([`judge`]).
fn verdict(
    item: &RemittanceItem,
    loan: Option<&RemittanceLoan>,
    duplicate: bool,
) -> Result<(), ExceptionReason> {
    judge(
        item.reason,
        item.account_number.is_some(),
        item.amount,
        loan,
        duplicate,
    )
}

/// Whether a check of `amount` posts to `loan` (the loan its account number names, if on
/// file; `named` when it names one), or why it waits for staff, in the documented order:
/// what its text already says (`reason`: no account number, several, a mistyped one), an
/// account number no loan has, then the loan's own reasons (`domain::remittance::decide`: a
/// stop, paid off, charged off, far above the payoff), then a check deposited twice.
pub(super) fn judge(
    reason: Option<ExceptionReason>,
    named: bool,
    amount: Money,
    loan: Option<&RemittanceLoan>,
    duplicate: bool,
) -> Result<(), ExceptionReason> {
    if let Some(reason) = reason {
        return Err(reason);
    }
    let Some(loan) = loan else {
        return Err(if named {
            ExceptionReason::UnknownAccount
        } else {
            ExceptionReason::NoMatch
        });
    };
    decide(
        amount,
        &LoanFacts {
            status: loan.status,
            payoff: loan.payoff,
            // No stop on mailed payments exists yet.
            stop: None,
        },
    )?;
    if duplicate {
        return Err(ExceptionReason::Duplicate);
    }
    Ok(())
}

/// The business day an item is credited as of: the day the bank deposited it, never after
/// the business date `today` (a file dated ahead is credited today) and never before the
/// loan's start (interest on it starts then).
pub(super) fn credit_date(deposit: Date, today: Date, terms: &LoanTerms) -> Date {
    deposit.min(today).max(terms.accrual_start)
}

/// The payment an item (or part of it) becomes: money in hand, posted at once, by `actor`
/// (who imported the file, or who resolved the item). A lockbox item is a check; a bill-pay
/// credit came by ACH.
pub(super) fn payment_of(
    item: &RemittanceItem,
    loan: LoanId,
    credit: Date,
    amount: Money,
    actor: &str,
) -> NewPayment {
    let (channel, rail) = match item.source {
        RemittanceSource::Lockbox => (PaymentChannel::Lockbox, Rail::Check),
        RemittanceSource::Ach => (PaymentChannel::BillPay, Rail::Ach),
    };
    NewPayment {
        confirmation: confirmation_number(),
        loan,
        login: None,
        method: None,
        autopay: None,
        installment: None,
        draft_on: None,
        retry_of: None,
        channel,
        rail,
        amount,
        extra: ExtraTo::Principal,
        credit_date: credit,
        status: PaymentStatus::Scheduled,
        card_authorization: None,
        decline_reason: None,
        actor: actor.to_owned(),
        client_ip: None,
        bank: None,
    }
}

#[cfg(test)]
mod tests;
