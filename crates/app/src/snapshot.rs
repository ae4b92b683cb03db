//! A loan's snapshot (balances as of a business date) from its terms and history, and the
//! ledger entries that bring its books to the same figures.

use domain::cycle::Cycle;
use domain::ledger::{self, JournalEntry};
use domain::loan::{LoanState, LoanTerms, Transaction, replay_to_start_of};
use jiff::civil::Date;
use store::LoanSnapshot;

/// The state and snapshot of a loan during business date `as_of`: every transaction and fee
/// of that day, interest through the day before. Close of business accrues the day's interest
/// that night, so the books and the snapshot agree all day. `terms` are the record's; the
/// snapshot's next cycle date is the schedule's as the history amends it (ADR 0021).
pub fn compute(
    terms: &LoanTerms,
    history: &[Transaction],
    as_of: Date,
    cycle: &Cycle,
) -> (LoanState, LoanSnapshot) {
    let state = replay_to_start_of(terms, history, as_of);
    let snapshot = of_state(&terms.amended(history, as_of), &state, cycle);
    (state, snapshot)
}

/// The snapshot of a replayed state (with the carry and the next cycle date close of
/// business needs to advance it without a replay). `terms` as amended through the state's
/// date (`LoanTerms::amended`): the next cycle date is read from their schedule.
pub fn of_state(terms: &LoanTerms, state: &LoanState, cycle: &Cycle) -> LoanSnapshot {
    LoanSnapshot {
        as_of: state.as_of,
        status: state.status,
        principal: state.principal,
        interest: state.interest,
        fees: state.fees,
        amount_due: state.amount_due(),
        past_due: state.past_due_amount(),
        unapplied: state.unapplied,
        next_due_date: state.next_due().map(|i| i.due_date),
        days_past_due: state.days_past_due(),
        carry: state.carry,
        next_event: cycle.next_event(terms, state.status, state.as_of),
    }
}

/// The entries for every event of a replay (interest accrued, fees assessed, payments applied).
pub fn event_entries(state: &LoanState) -> Vec<JournalEntry> {
    state.events.iter().filter_map(ledger::for_event).collect()
}
