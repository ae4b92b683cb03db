//! The due-date change: the plan shown before it is confirmed, and each refusal.

use super::*;
use crate::payoff::payoff_quote;
use crate::schedule::{Frequency, ScheduleTerms, amortize};
use jiff::civil::date;
use money::{DayCount, Rate};

fn m(s: &str) -> Money {
    Money::parse(s).unwrap()
}

/// $10,000 at 7.5 %, 36 monthly payments due on the 15th from 15 Feb 2026, disbursed 15 Jan.
fn loan() -> LoanTerms {
    let rate = Rate::parse("7.5").unwrap();
    let day_count = DayCount::Actual365Fixed;
    let schedule = amortize(&ScheduleTerms {
        amount_financed: m("10000.00"),
        rate,
        term: 36,
        start: date(2026, 1, 15),
        first_payment: date(2026, 2, 15),
        frequency: Frequency::Monthly,
        day_count,
    })
    .unwrap();
    LoanTerms::from_schedule(&schedule, rate, day_count, date(2026, 1, 15), m("10000.00"))
}

fn pay(id: u64, on: Date, amount: Money) -> Transaction {
    Transaction {
        id: TxnId(id),
        date: on,
        kind: TxnKind::Payment {
            amount,
            extra: ExtraTo::Principal,
        },
    }
}

fn due_day(id: u64, on: Date, day: u8) -> Transaction {
    Transaction {
        id: TxnId(id),
        date: on,
        kind: TxnKind::Amendment {
            change: TermsChange::DueDay { day },
        },
    }
}

/// The borrower asks, under the default rule.
fn ask(
    terms: &LoanTerms,
    history: &[Transaction],
    today: Date,
    day: u8,
) -> Result<DueDatePlan, DueDateRefusal> {
    plan(terms, history, today, day, &DueDateRule::default(), true)
}

#[test]
fn a_later_day_moves_every_installment_still_to_come_and_costs_interest() {
    let terms = loan();
    let today = date(2026, 2, 1);
    let later = ask(&terms, &[], today, 25).unwrap();
    assert_eq!((later.effective, later.day), (today, 25));
    assert_eq!(
        (later.old_next_due, later.new_next_due),
        (date(2026, 2, 15), date(2026, 2, 25))
    );
    assert_eq!(later.schedule.len(), 36);
    assert!(later.schedule.iter().all(|i| i.due_date.day() == 25));
    assert_eq!(
        later.schedule.last().map(|i| i.due_date),
        Some(date(2029, 1, 25))
    );
    assert!(
        later.interest_change.is_positive(),
        "{}",
        later.interest_change
    );
    // The amendment recorded gives the schedule the plan showed.
    let recorded = terms.amended(&[due_day(1, today, 25)], today);
    assert_eq!(recorded.installments, later.schedule);

    // An earlier day saves interest.
    let earlier = ask(&terms, &[], today, 10).unwrap();
    assert_eq!(earlier.new_next_due, date(2026, 2, 10));
    assert!(
        earlier.interest_change.is_negative(),
        "{}",
        earlier.interest_change
    );
}

#[test]
fn the_rule_and_the_day_are_checked_first() {
    let terms = loan();
    let today = date(2026, 2, 1);
    let rule = DueDateRule::default();
    let not_allowed = DueDateRule {
        allowed: false,
        ..rule
    };
    assert_eq!(
        plan(&terms, &[], today, 25, &not_allowed, false),
        Err(DueDateRefusal::NotAllowed)
    );
    let staff_only = DueDateRule {
        borrower_may: false,
        ..rule
    };
    assert_eq!(
        plan(&terms, &[], today, 25, &staff_only, true),
        Err(DueDateRefusal::BorrowerMayNot)
    );
    assert!(plan(&terms, &[], today, 25, &staff_only, false).is_ok());
    for day in [0, 29, 31] {
        assert_eq!(
            ask(&terms, &[], today, day),
            Err(DueDateRefusal::BadDay),
            "{day}"
        );
    }
}

#[test]
fn a_loan_past_due_or_with_nothing_left_is_refused() {
    let terms = loan();
    // 15 Feb unpaid on 1 Mar.
    assert_eq!(
        ask(&terms, &[], date(2026, 3, 1), 25),
        Err(DueDateRefusal::PastDue)
    );
    let quote = payoff_quote(&terms, &[], date(2026, 2, 10)).unwrap();
    let paid_off = [pay(1, date(2026, 2, 10), quote.total)];
    assert_eq!(
        ask(&terms, &paid_off, date(2026, 3, 1), 25),
        Err(DueDateRefusal::NothingLeft)
    );
}

#[test]
fn a_change_within_the_last_twelve_months_is_refused_unless_it_was_reversed() {
    let terms = loan();
    let installment = terms.installments[0].amount;
    // Moved to the 20th on 1 Mar: 15 Mar became 20 Mar; every payment since on time.
    let history = vec![
        pay(1, date(2026, 2, 15), installment),
        due_day(2, date(2026, 3, 1), 20),
        pay(3, date(2026, 3, 20), installment),
        pay(4, date(2026, 4, 20), installment),
    ];
    let today = date(2026, 5, 1);
    let refused = ask(&terms, &history, today, 25);
    assert_eq!(
        refused,
        Err(DueDateRefusal::TooSoon {
            next_allowed: date(2027, 3, 1)
        })
    );
    assert!(
        refused
            .unwrap_err()
            .to_string()
            .contains("on or after March 1, 2027")
    );
    let every_month = DueDateRule {
        once_in_months: 1,
        ..DueDateRule::default()
    };
    let again = plan(&terms, &history, today, 25, &every_month, true).unwrap();
    assert_eq!(
        (again.old_next_due, again.new_next_due),
        (date(2026, 5, 20), date(2026, 5, 25))
    );
    // Taken back, the change never was: the 15th again, and no limit.
    let mut undone = history.clone();
    undone.push(Transaction {
        id: TxnId(5),
        date: date(2026, 4, 25),
        kind: TxnKind::Reversal {
            of: TxnId(2),
            insufficient_funds: false,
        },
    });
    let after_undo = ask(&terms, &undone, today, 25).unwrap();
    assert_eq!(after_undo.old_next_due, date(2026, 5, 15));
}

#[test]
fn the_new_date_must_differ_stay_in_the_window_and_give_notice() {
    let terms = loan();
    let today = date(2026, 2, 1);
    assert_eq!(ask(&terms, &[], today, 15), Err(DueDateRefusal::SameDay));
    let narrow = DueDateRule {
        window_days: 5,
        ..DueDateRule::default()
    };
    assert_eq!(
        plan(&terms, &[], today, 25, &narrow, true),
        Err(DueDateRefusal::OutsideWindow { window_days: 5 })
    );
    // 15 Feb to 10 Feb, asked on 8 Feb: five days' notice means 13 Feb at the earliest.
    assert_eq!(
        ask(&terms, &[], date(2026, 2, 8), 10),
        Err(DueDateRefusal::TooClose {
            earliest: date(2026, 2, 13)
        })
    );
    // 15 Feb to the 1st: 1 Feb and 1 Mar are both 14 days away; the later is taken.
    let first = ask(&terms, &[], today, 1).unwrap();
    assert_eq!(first.new_next_due, date(2026, 3, 1));
}

#[test]
fn installments_that_are_not_monthly_cannot_move_to_a_day_of_the_month() {
    let mut biweekly = loan();
    for (n, installment) in (0_i64..).zip(biweekly.installments.iter_mut()) {
        installment.due_date = date(2026, 2, 15).saturating_add(Span::new().days(14 * n));
    }
    assert_eq!(
        ask(&biweekly, &[], date(2026, 2, 1), 20),
        Err(DueDateRefusal::NotAllowed)
    );
}

#[test]
fn the_window_lists_exactly_the_days_a_change_may_be_to_now() {
    let terms = loan();
    let today = date(2026, 2, 1);
    let rule = DueDateRule::default();
    let w = window(&terms, &[], today, &rule, true).unwrap();
    assert_eq!(w.next_due, date(2026, 2, 15));
    // 15 days either side of 15 Feb, and no sooner than five days from 1 Feb.
    assert_eq!((w.earliest, w.latest), (date(2026, 2, 6), date(2026, 3, 2)));
    assert!(!w.days.contains(&15), "not the day it is on");
    assert!(!w.days.contains(&5), "5 Feb is too soon");
    for day in [1, 6, 14, 16, 28] {
        assert!(w.days.contains(&day), "{day}: {:?}", w.days);
    }
    // The same answer the plan gives, day by day.
    for day in 1..=28 {
        assert_eq!(
            w.days.contains(&day),
            ask(&terms, &[], today, day).is_ok(),
            "{day}"
        );
    }
}

#[test]
fn the_window_is_refused_for_what_refuses_every_day() {
    let terms = loan();
    let staff_only = DueDateRule {
        borrower_may: false,
        ..DueDateRule::default()
    };
    assert_eq!(
        window(&terms, &[], date(2026, 2, 1), &staff_only, true),
        Err(DueDateRefusal::BorrowerMayNot)
    );
    assert!(window(&terms, &[], date(2026, 2, 1), &staff_only, false).is_ok());
    assert_eq!(
        window(&terms, &[], date(2026, 3, 1), &DueDateRule::default(), true),
        Err(DueDateRefusal::PastDue)
    );
    let never = DueDateRule {
        window_days: 0,
        ..DueDateRule::default()
    };
    assert_eq!(
        window(&terms, &[], date(2026, 2, 1), &never, true),
        Err(DueDateRefusal::NotAllowed),
        "no day moves the next payment within a window of no days"
    );
}
