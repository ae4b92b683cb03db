//! The drafts of AutoPay twice a month or every other week (ADR 0028): one per AutoPay and
//! draft day (the store's unique index holds it too), each for half the payment it counts
//! toward, or, the last before a due date, at least what is left of it
//! ([`domain::autopay::split_draft_amount`]), with payments still pending counted as paid.
//! A draft day whose draft was not made (the AutoPay was set up after close of business had
//! made that day's drafts) is made on a later day until the next draft day comes.

use crate::payments::autopay::monthly_payment;
use crate::payments::pending_of;
use domain::autopay::{half_of, split_draft_amount};
use domain::loan::{Installment, LoanTerms, replay_to_start_of};
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
    /// What it usually drafts (twice a month or every other week: the half of the payment
    /// the authorization named, rounded up; monthly: the installment, or the fixed amount).
    pub(super) usual: Money,
    /// The installment's amount (of the payment it counts toward).
    pub(super) payment: Money,
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
    // The AutoPay this one replaced drafted the day already (sent, or on its way): a change
    // never drafts a day twice. Its drafts not yet sent were cancelled with the change, so
    // those days are drafted here, from the account the borrower chose now.
    if tx.loan_has_autopay_draft_on(a.loan, on).await? {
        return Ok(None);
    }
    split_draft(tx, a, terms, (authorized, on), date).await
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
        Some(on) if on <= horizon => split_draft(tx, a, terms, (authorized, on), on).await,
        _ => Ok(None),
    }
}

/// The draft of `a` (authorized on `authorized`) for draft day `on`, credited `credit`
/// (`on`, or a later day for a draft made late), over the loan's `terms` and its history with
/// the payments pending by then; `None` when no installment is left to fall due on or after
/// `on`.
async fn split_draft(
    tx: &mut Tx,
    a: &Autopay,
    terms: &LoanTerms,
    (authorized, on): (Date, Date),
    credit: Date,
) -> Result<Option<DraftToCome>, StoreError> {
    let Some(next) = a.cadence.draft_after(on) else {
        return Ok(None);
    };
    let history = tx.history(a.loan).await?;
    let usual = half_as_authorized(
        &terms.amended(&history, authorized).installments,
        authorized,
    );
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
        usual,
        payment: toward.amount,
        payoff,
    }))
}

/// The half of the payment a split-frequency AutoPay's words named when it was authorized on
/// `authorized` ("half of each scheduled payment (now $121.42)"), over the loan's
/// `installments` as amended then: what its drafts usually are. A draft toward a payment of
/// another amount (a final one) differs from it, and the borrower is told so ahead of it.
/// (The words were drawn on the business date of that day, which a weekend or holiday puts
/// a day or two later; installments' amounts differ only at the end, so the half is the same
/// but for an authorization in the last days before the final one falls due.)
fn half_as_authorized(installments: &[Installment], authorized: Date) -> Money {
    half_of(monthly_payment(installments, authorized))
}

/// Whether the borrower is told of draft `d` ahead of it: it differs from the half their
/// authorization named (a payment of another amount, or the last draft before a due date
/// covering more), or it draws nothing because the loan will be paid off by a payment
/// scheduled before it. A split draft toward an installment paid already still draws the
/// half, so that is no news.
pub(super) fn worth_a_notice(d: &DraftToCome) -> bool {
    (d.amount != d.usual && d.amount.is_positive()) || !d.payoff.is_positive()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_half_of_a_larger_final_payment_differs_from_the_half_authorized_and_is_announced() {
        let i = |number, due_date, cents| Installment {
            number,
            due_date,
            amount: Money::from_cents(cents),
        };
        let installments = [
            i(47, date(2027, 12, 20), 24_284),
            i(48, date(2028, 1, 20), 25_000),
        ];
        // Authorized in December: the words named half of $242.84.
        let usual = half_as_authorized(&installments, date(2027, 12, 1));
        assert_eq!(usual, Money::from_cents(12_142));
        let final_half = DraftToCome {
            on: date(2028, 1, 7),
            installment: 48,
            due_date: date(2028, 1, 20),
            amount: half_of(Money::from_cents(25_000)),
            usual,
            payment: Money::from_cents(25_000),
            payoff: Money::from_cents(25_100),
        };
        assert!(
            worth_a_notice(&final_half),
            "half the final payment is not the half authorized: the borrower is told"
        );
        // Measured against half of the payment it counts toward, it would pass unannounced.
        assert!(!worth_a_notice(&DraftToCome {
            usual: half_of(final_half.payment),
            ..final_half
        }));
        // The usual half is no news.
        assert!(!worth_a_notice(&DraftToCome {
            amount: usual,
            installment: 47,
            payment: Money::from_cents(24_284),
            ..final_half
        }));
        // Nothing drawn because a scheduled payment pays the loan off: told.
        assert!(worth_a_notice(&DraftToCome {
            amount: Money::ZERO,
            payoff: Money::ZERO,
            ..final_half
        }));
    }
}
