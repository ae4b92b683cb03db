//! The drafts of AutoPay twice a month or every other week (ADR 0028): one per AutoPay and
//! draft day (the store's unique index holds it too), each for half the payment it counts
//! toward, or, the last before a due date, at least what is left of it
//! ([`domain::autopay::split_draft_amount`]), with payments still pending counted as paid.
//! A draft day whose draft was not made (the AutoPay was set up after close of business had
//! made that day's drafts) is made on a later day until the next draft day comes.

use crate::payments::pending_of;
use domain::autopay::{half_of, split_draft_amount};
use domain::loan::{LoanTerms, replay_to_start_of};
use domain::payment::project_pending;
use jiff::civil::Date;
use money::Money;
use store::{Autopay, StoreError, Tx};

/// An AutoPay draft as it would be made (a split-frequency one here; `drafts` describes a
/// monthly one so too, for the notice of an unusual amount).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct DraftToCome {
    /// Its draft day (twice a month or every other week, the key: one draft per AutoPay and
    /// day).
    pub(super) on: Date,
    /// The installment it is for (twice a month or every other week: the first due on or
    /// after its day, which it counts toward).
    pub(super) installment: u32,
    /// That installment's due date.
    pub(super) due_date: Date,
    /// What it drafts (zero: nothing).
    pub(super) amount: Money,
    /// What it usually drafts (twice a month or every other week: half that installment,
    /// rounded up).
    pub(super) usual: Money,
    /// The loan's payoff on the day it is credited.
    pub(super) payoff: Money,
}

/// The draft split-frequency AutoPay `a` (authorized on `authorized`) makes for business day
/// `date`: its last draft day on or before `date`, if after the authorization and not drafted
/// yet, credited `date`. `None` when there is none to make.
pub(super) async fn due_split_draft(
    tx: &mut Tx,
    a: &Autopay,
    terms: &LoanTerms,
    authorized: Date,
    date: Date,
) -> Result<Option<DraftToCome>, StoreError> {
    let Some(on) = a
        .cadence
        .draft_on_or_before(date)
        .filter(|on| *on > authorized)
    else {
        return Ok(None);
    };
    if tx.draft_on_exists(a.id, on).await? {
        return Ok(None);
    }
    split_draft(tx, a, terms, on, date).await
}

/// The next draft of split-frequency AutoPay `a` (authorized on `authorized`) after business
/// day `date` and on or before `horizon`, as it would be made on its day (the notice of an
/// unusual amount announces it).
pub(super) async fn next_split_draft(
    tx: &mut Tx,
    a: &Autopay,
    terms: &LoanTerms,
    authorized: Date,
    (date, horizon): (Date, Date),
) -> Result<Option<DraftToCome>, StoreError> {
    match a.cadence.draft_after(date.max(authorized)) {
        Some(on) if on <= horizon => split_draft(tx, a, terms, on, on).await,
        _ => Ok(None),
    }
}

/// The draft of `a` for draft day `on`, credited `credit` (`on`, or a later day for a draft
/// made late), over the loan's `terms` and its history with the payments pending by then;
/// `None` when no installment is left to fall due on or after `on`.
async fn split_draft(
    tx: &mut Tx,
    a: &Autopay,
    terms: &LoanTerms,
    on: Date,
    credit: Date,
) -> Result<Option<DraftToCome>, StoreError> {
    let Some(next) = a.cadence.draft_after(on) else {
        return Ok(None);
    };
    let history = tx.history(a.loan).await?;
    let pending = pending_of(&tx.payments_of_loan(a.loan).await?);
    let state = replay_to_start_of(terms, &project_pending(history, &pending, credit), credit);
    let Some(toward) = state.installments.iter().find(|i| i.due_date >= on) else {
        return Ok(None);
    };
    let payoff = state.balance();
    Ok(Some(DraftToCome {
        on,
        installment: toward.number,
        due_date: toward.due_date,
        amount: split_draft_amount(&state.installments, on, next, payoff),
        usual: half_of(toward.amount),
        payoff,
    }))
}
