use super::*;
use crate::calendar::is_business_day;
use crate::loan::{
    ExtraTo, FeeKind, LoanEvent, LoanStatus, LoanTerms, Transaction, TxnId, TxnKind, replay,
    replay_to_start_of,
};
use crate::schedule::{ScheduleTerms, amortize};
use crate::vocabulary::texts;
use jiff::civil::date;
use money::{DayCount, Rate};

fn m(cents: i64) -> Money {
    Money::from_cents(cents)
}

#[test]
fn frequencies_read_back_from_the_words_the_schema_allows() {
    // migrations/{sqlite,postgres}/0033_autopay_frequency.sql
    let check = ["monthly", "twice_monthly", "biweekly"];
    assert_eq!(texts(Frequency::ALL, Frequency::as_str), check);
    for f in Frequency::ALL {
        assert_eq!(Frequency::parse(f.as_str()), Some(*f));
    }
    assert_eq!(Frequency::parse("weekly"), None);
}

#[test]
fn twice_monthly_days_are_the_1st_to_the_28th_at_least_10_days_apart_both_ways() {
    let ok = TwiceMonthlyDays::try_new(15, 1).unwrap();
    assert_eq!((ok.first(), ok.second()), (1, 15), "put in order");
    assert_eq!(TwiceMonthlyDays::default_days(), ok);
    for (a, b) in [(1, 11), (14, 28), (5, 23), (10, 20)] {
        assert!(TwiceMonthlyDays::try_new(a, b).is_ok(), "{a} and {b}");
    }
    for (a, b) in [(0, 15), (1, 29), (15, 31)] {
        assert_eq!(
            TwiceMonthlyDays::try_new(a, b),
            Err(CadenceError::DayOutOfRange),
            "{a} and {b}"
        );
    }
    // 9 days apart within the month; the 5th and the 24th are 9 apart across February's end;
    // one day twice.
    for (a, b) in [(1, 10), (5, 24), (3, 28), (7, 7)] {
        assert_eq!(
            TwiceMonthlyDays::try_new(a, b),
            Err(CadenceError::DaysTooClose),
            "{a} and {b}"
        );
    }
}

#[test]
fn a_biweekly_start_is_from_the_next_business_day_to_14_days_ahead() {
    // Wednesday 25 November 2026: Thanksgiving is the 26th.
    assert_eq!(
        biweekly_starts(date(2026, 11, 25)),
        (date(2026, 11, 27), date(2026, 12, 9))
    );
    assert_eq!(
        biweekly_starts(date(2026, 12, 1)),
        (date(2026, 12, 2), date(2026, 12, 15))
    );
}

#[test]
fn the_frequencies_a_product_allows_in_words() {
    let monthly = AllowedFrequencies::default();
    assert_eq!(monthly.list(), vec![Frequency::Monthly]);
    assert_eq!(monthly.in_words(), "monthly");
    assert!(!monthly.allows_split());
    assert!(monthly.allows(Frequency::Monthly));
    assert!(!monthly.allows(Frequency::Biweekly));
    let biweekly = AllowedFrequencies {
        biweekly: true,
        ..monthly
    };
    assert_eq!(biweekly.in_words(), "monthly or every other week");
    assert_eq!(
        AllowedFrequencies::ALL.in_words(),
        "monthly, twice a month or every other week"
    );
}

#[test]
fn half_a_payment_is_rounded_up_to_the_cent() {
    assert_eq!(half_of(m(24_284)), m(12_142));
    assert_eq!(half_of(m(24_285)), m(12_143));
    assert_eq!(half_of(m(1)), m(1));
    assert_eq!(half_of(Money::ZERO), Money::ZERO);
}

#[test]
fn biweekly_drafts_every_other_friday_and_a_holiday_moves_one_back() {
    let c = Cadence::Biweekly {
        start: date(2026, 12, 11),
    };
    assert_eq!(c.frequency(), Frequency::Biweekly);
    assert!(c.is_split());
    assert_eq!(c.draft_on_or_before(date(2026, 12, 10)), None, "not begun");
    assert_eq!(c.draft_after(date(2026, 11, 25)), Some(date(2026, 12, 11)));
    assert_eq!(
        c.draft_on_or_after(date(2026, 12, 11)),
        Some(date(2026, 12, 11))
    );
    // Christmas, Friday 25 December: Thursday the 24th.
    assert_eq!(c.draft_after(date(2026, 12, 11)), Some(date(2026, 12, 24)));
    assert_eq!(
        c.draft_on_or_before(date(2026, 12, 26)),
        Some(date(2026, 12, 24))
    );
    assert_eq!(c.draft_after(date(2026, 12, 24)), Some(date(2027, 1, 8)));
}

#[test]
fn twice_monthly_drafts_on_its_days_or_the_business_day_before() {
    let c = Cadence::TwiceMonthly(TwiceMonthlyDays::default_days());
    // 1 November 2026 is a Sunday (Friday 30 October), the 15th too (Friday the 13th).
    assert_eq!(
        c.draft_on_or_before(date(2026, 11, 1)),
        Some(date(2026, 10, 30))
    );
    assert_eq!(c.draft_after(date(2026, 10, 30)), Some(date(2026, 11, 13)));
    assert_eq!(c.draft_after(date(2026, 11, 13)), Some(date(2026, 12, 1)));
    assert_eq!(c.draft_after(date(2026, 12, 1)), Some(date(2026, 12, 15)));
    // New Year's Day 2027 is a Friday: Thursday 31 December.
    assert_eq!(c.draft_after(date(2026, 12, 15)), Some(date(2026, 12, 31)));
    assert_eq!(c.draft_after(date(2026, 12, 31)), Some(date(2027, 1, 15)));
    // A monthly cadence has no days of its own.
    assert_eq!(Cadence::Monthly.draft_after(date(2026, 12, 1)), None);
    assert_eq!(Cadence::Monthly.draft_on_or_before(date(2026, 12, 1)), None);
    assert!(!Cadence::Monthly.is_split());
}

fn status(number: u32, due: Date, amount: i64, paid: i64) -> InstallmentStatus {
    InstallmentStatus {
        number,
        due_date: due,
        amount: m(amount),
        paid: m(paid),
        late_fee_assessed: false,
    }
}

#[test]
fn a_draft_is_half_and_the_last_before_a_due_date_covers_what_is_left() {
    let due = date(2026, 12, 20);
    let s = [
        status(1, date(2026, 11, 20), 50_001, 50_001),
        status(2, due, 50_001, 0),
        status(3, date(2027, 1, 20), 50_001, 0),
    ];
    let payoff = m(1_000_000);
    // The first draft of the month: half, rounded up.
    assert_eq!(
        split_draft_amount(&s, date(2026, 12, 4), date(2026, 12, 18), payoff),
        m(25_001)
    );
    // The last before the due date, after the first half: the half covers what is left.
    let after_first = credited(&s, m(25_001));
    assert_eq!(after_first[1].paid, m(25_001));
    assert_eq!(
        split_draft_amount(&after_first, date(2026, 12, 18), date(2027, 1, 1), payoff),
        m(25_001)
    );
    // The first half was returned: the last draft drafts the whole installment.
    assert_eq!(
        split_draft_amount(&s, date(2026, 12, 18), date(2027, 1, 1), payoff),
        m(50_001)
    );
    // And what an earlier installment left unpaid too.
    let behind = [status(1, date(2026, 11, 20), 50_001, 40_001), s[1], s[2]];
    assert_eq!(
        split_draft_amount(&behind, date(2026, 12, 18), date(2027, 1, 1), payoff),
        m(60_001)
    );
    // Paid already (by the borrower): the half is still drafted, to principal.
    let paid = credited(&s, m(50_001));
    assert!(paid[1].is_paid());
    assert_eq!(
        split_draft_amount(&paid, date(2026, 12, 18), date(2027, 1, 1), payoff),
        m(25_001)
    );
    // Never more than the payoff; nothing once no installment is left to fall due.
    assert_eq!(
        split_draft_amount(&s, date(2026, 12, 4), date(2026, 12, 18), m(12_000)),
        m(12_000)
    );
    assert_eq!(
        split_draft_amount(&s, date(2027, 1, 21), date(2027, 2, 4), payoff),
        Money::ZERO
    );
}

/// $6,000.00 at 9 % over 24 months, disbursed a month before `first_due` (Actual/365).
fn loan(first_due: Date) -> LoanTerms {
    let amount = Money::from_dollars(6_000);
    let rate = Rate::parse("9").unwrap();
    let start = crate::calendar::add_months_on_day(first_due, -1, first_due.day());
    let schedule = amortize(&ScheduleTerms {
        amount_financed: amount,
        rate,
        term: 24,
        start,
        first_payment: first_due,
        frequency: crate::schedule::Frequency::Monthly,
        day_count: DayCount::Actual365Fixed,
    })
    .unwrap();
    LoanTerms::from_schedule(&schedule, rate, DayCount::Actual365Fixed, start, amount)
}

/// What a two-year walk of one AutoPay drafted, and the loan it drafted on.
struct Walk {
    terms: LoanTerms,
    history: Vec<Transaction>,
    end: Date,
}

/// Walks every day of the loan's two years (from its start to two weeks after its last due
/// date) with AutoPay drafting on `cadence`'s days as close of business does (each draft
/// credited on its day, extra to principal), checking each day's draft rules.
fn walk(cadence: Cadence, first_due: Date) -> Walk {
    let terms = loan(first_due);
    let end = terms
        .installments
        .last()
        .unwrap()
        .due_date
        .saturating_add(Span::new().days(14));
    let mut history: Vec<Transaction> = Vec::new();
    let mut day = terms.accrual_start;
    while day <= end {
        let on = cadence.draft_on_or_before(day);
        let after = cadence
            .draft_after(day)
            .expect("a split cadence always has a next");
        assert!(after > day && is_business_day(after), "{cadence:?} {day}");
        if let Some(on) = on {
            assert!(on <= day && is_business_day(on), "{cadence:?} {day}: {on}");
            assert_eq!(
                cadence.draft_after(on),
                Some(after),
                "{cadence:?} {day}: no draft day between {on} and {after}"
            );
        }
        if on == Some(day) {
            let state = replay_to_start_of(&terms, &history, day);
            let half = state
                .installments
                .iter()
                .find(|i| i.due_date >= day)
                .map(|i| half_of(i.amount));
            let amount = split_draft_amount(&state.installments, day, after, state.balance());
            if state.status != LoanStatus::Active {
                assert!(amount.is_zero(), "{cadence:?} {day}: nothing once paid off");
            } else if amount.is_positive() {
                let half = half.expect("an installment to draft toward");
                assert!(
                    amount >= half || amount == state.balance(),
                    "{cadence:?} {day}: {amount} is at least the half {half} or the payoff"
                );
                history.push(Transaction {
                    id: TxnId(u64::try_from(history.len()).unwrap() + 1),
                    date: day,
                    kind: TxnKind::Payment {
                        amount,
                        extra: ExtraTo::Principal,
                    },
                });
            }
        }
        day = day.tomorrow().unwrap();
    }
    Walk {
        terms,
        history,
        end,
    }
}

/// Every installment due by the end of the walk is paid by the end of its due date, no late
/// fee is charged, and the principal at the 12th due date is below what paying each
/// installment on its due date leaves. Returns the final state's status and the day of the
/// last draft.
fn check(w: &Walk, what: &str) -> (LoanStatus, Date) {
    for i in w.terms.installments.iter().filter(|i| i.due_date <= w.end) {
        let then = replay(&w.terms, &w.history, i.due_date);
        let s = then
            .installments
            .iter()
            .find(|s| s.number == i.number)
            .unwrap();
        assert!(
            s.is_paid(),
            "{what}: installment {} due {} paid by then ({} of {})",
            i.number,
            i.due_date,
            s.paid,
            s.amount
        );
    }
    let last = replay(&w.terms, &w.history, w.end);
    assert!(
        !last.events.iter().any(|e| matches!(
            e,
            LoanEvent::FeeAssessed {
                kind: FeeKind::Late { .. },
                ..
            }
        )),
        "{what}: no late fee"
    );
    let twelfth = w.terms.installments[11].due_date;
    let on_due_dates: Vec<Transaction> = w
        .terms
        .installments
        .iter()
        .zip(1_u64..)
        .map(|(i, n)| Transaction {
            id: TxnId(n),
            date: i.due_date,
            kind: TxnKind::Payment {
                amount: i.amount,
                extra: ExtraTo::Principal,
            },
        })
        .collect();
    let monthly = replay(&w.terms, &on_due_dates, twelfth).principal;
    let split = replay(&w.terms, &w.history, twelfth).principal;
    assert!(
        split < monthly,
        "{what}: principal {split} at {twelfth} is below the monthly schedule's {monthly}"
    );
    let last_draft = w.history.last().expect("drafts").date;
    (last.status, last_draft)
}

/// The due dates the walks use: early, mid and late in the month, the 28th, and the 31st
/// (the last day of shorter months).
const DUE_DAYS: [i8; 6] = [1, 5, 15, 20, 28, 31];

#[test]
fn twice_monthly_walked_day_by_day_pays_every_installment_on_time_without_a_late_fee() {
    for (a, b) in [(1, 15), (5, 20), (10, 28), (14, 28), (1, 11)] {
        let cadence = Cadence::TwiceMonthly(TwiceMonthlyDays::try_new(a, b).unwrap());
        for due in DUE_DAYS {
            let what = format!("the {a}th and {b}th, due on the {due}th");
            let w = walk(cadence, date(2026, 12, due));
            let (status, _) = check(&w, &what);
            assert_eq!(status, LoanStatus::PaidOff, "{what}: paid off in two years");
            // Two drafts a month, each on one of its days or the business day before.
            for t in &w.history {
                let d = t.date;
                let near = |day: u8| {
                    (0..=4).any(|back| {
                        let nominal = d.saturating_add(Span::new().days(back));
                        nominal.day() == i8::try_from(day).unwrap()
                    })
                };
                assert!(near(a) || near(b), "{what}: a draft on {d}");
            }
        }
    }
}

#[test]
fn biweekly_walked_day_by_day_pays_on_time_and_pays_the_loan_off_sooner() {
    for due in DUE_DAYS {
        let first_due = date(2026, 12, due);
        let start_of_loan = loan(first_due).accrual_start;
        // Every start day of the fortnight after the loan begins.
        for k in 1..=14 {
            let start = start_of_loan.saturating_add(Span::new().days(k));
            let what = format!("every other week from {start}, due on the {due}th");
            let w = walk(Cadence::Biweekly { start }, first_due);
            let (status, last_draft) = check(&w, &what);
            assert_eq!(status, LoanStatus::PaidOff, "{what}");
            let final_due = w.terms.installments.last().unwrap().due_date;
            let month_early = final_due.saturating_sub(Span::new().days(28));
            assert!(
                last_draft < month_early,
                "{what}: 26 halves a year pay it off sooner ({last_draft}, not {final_due})"
            );
            // Every draft day is a fortnight after the one before, less a move.
            for pair in w.history.windows(2) {
                let gap = money::days_between(pair[0].date, pair[1].date);
                assert!((10..=18).contains(&gap), "{what}: {gap} days");
            }
        }
    }
}
