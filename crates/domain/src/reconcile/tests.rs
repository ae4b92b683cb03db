use super::*;
use crate::vocabulary::texts;
use jiff::civil::date;

fn usd(cents: i64) -> Money {
    Money::from_cents(cents)
}

#[test]
fn every_category_reads_back_and_the_set_is_the_schemas() {
    // bank_transactions.category CHECK in migrations/{sqlite,postgres}/0026_bank_reports.sql.
    let check = [
        "lockbox_deposit",
        "ach_settlement",
        "ach_return",
        "incoming_credit",
        "other",
    ];
    assert_eq!(texts(Category::ALL, Category::as_str), check);
    for c in Category::ALL {
        assert_eq!(Category::parse(c.as_str()), Some(*c));
        assert!(!c.label().is_empty());
    }
    assert_eq!(Category::parse("Lockbox deposits"), None);
}

#[test]
fn type_codes_sort_into_the_kinds_servicer_books() {
    let table = [
        (115, Category::LockboxDeposit),
        (116, Category::LockboxDeposit),
        (118, Category::LockboxDeposit),
        (165, Category::AchSettlement),
        (166, Category::AchSettlement),
        (555, Category::AchReturn),
        (557, Category::AchReturn),
        (468, Category::AchReturn),
        (142, Category::IncomingCredit),
        (143, Category::IncomingCredit),
        // A debit someone else drew on us is not a return of ours.
        (455, Category::Other),
        (451, Category::Other),
        // Summary codes and fees.
        (110, Category::Other),
        (167, Category::Other),
        (698, Category::Other),
        (0, Category::Other),
        (999, Category::Other),
    ];
    for (code, category) in table {
        assert_eq!(Category::of_type_code(code), category, "{code}");
    }
    assert!(Category::ALL[..4].iter().all(|c| c.is_booked()));
    assert!(!Category::Other.is_booked());
}

#[test]
fn amounts_count_in_their_kinds_direction() {
    let m = usd(1_000);
    assert_eq!(signed(Category::LockboxDeposit, true, m), m);
    assert_eq!(signed(Category::LockboxDeposit, false, m), usd(-1_000));
    assert_eq!(signed(Category::AchReturn, false, m), m);
    assert_eq!(signed(Category::AchReturn, true, m), usd(-1_000));
    assert_eq!(signed(Category::Other, false, m), usd(-1_000));
}

#[test]
fn a_day_reconciles_when_every_kind_agrees() {
    let bank = [
        (Category::LockboxDeposit, usd(10_000)),
        (Category::LockboxDeposit, usd(2_550)),
        (Category::AchSettlement, usd(40_000)),
    ];
    let servicer = [
        (Category::LockboxDeposit, usd(12_550)),
        (Category::AchSettlement, usd(40_000)),
    ];
    let lines = reconcile(&bank, &servicer);
    assert_eq!(
        lines.iter().map(|l| l.category).collect::<Vec<_>>(),
        [
            Category::LockboxDeposit,
            Category::AchSettlement,
            Category::AchReturn,
            Category::IncomingCredit
        ]
    );
    assert_eq!(lines[0].bank, usd(12_550));
    assert!(is_reconciled(&lines));
    assert_eq!(day_state(true, &lines, |_| false), DayState::Reconciled);
}

#[test]
fn a_difference_is_flagged_until_it_is_explained() {
    let bank = [
        (Category::LockboxDeposit, usd(12_000)),
        (Category::Other, usd(-2_500)),
    ];
    let servicer = [(Category::LockboxDeposit, usd(12_550))];
    let lines = reconcile(&bank, &servicer);
    assert_eq!(lines.len(), 5, "other transactions get a line: {lines:?}");
    assert_eq!(lines[0].difference, usd(-550));
    assert_eq!(lines[4].category, Category::Other);
    assert_eq!(lines[4].difference, usd(-2_500));
    assert!(!is_reconciled(&lines));
    assert_eq!(day_state(true, &lines, |_| false), DayState::Flagged);
    let lockbox_only = |l: &Line| l.category == Category::LockboxDeposit;
    assert_eq!(day_state(true, &lines, lockbox_only), DayState::Flagged);
    assert_eq!(day_state(true, &lines, |_| true), DayState::Explained);
    assert_eq!(day_state(false, &lines, |_| true), DayState::AwaitingReport);
}

#[test]
fn nothing_from_either_side_still_shows_what_servicer_books() {
    let lines = reconcile(&[], &[]);
    assert_eq!(lines.len(), 4);
    assert!(is_reconciled(&lines));
}

#[test]
fn totals_too_large_for_money_are_held_not_panicking() {
    let bank = [
        (Category::Other, Money::from_cents(i64::MAX)),
        (Category::Other, Money::from_cents(i64::MAX)),
    ];
    let servicer = [(Category::Other, Money::from_cents(i64::MIN))];
    let lines = reconcile(&bank, &servicer);
    let other = lines.last().unwrap();
    assert_eq!(other.bank, Money::from_cents(i64::MAX));
    assert_eq!(other.difference, Money::from_cents(i64::MAX));
    assert_eq!(
        signed(Category::AchReturn, true, Money::from_cents(i64::MIN)),
        Money::from_cents(i64::MAX)
    );
}

#[test]
fn a_file_settles_on_the_next_business_day() {
    // Monday, November 30, 2026: Tuesday.
    assert_eq!(settles_on(date(2026, 11, 30)), Some(date(2026, 12, 1)));
    // Friday, and a file made on the weekend: Monday.
    assert_eq!(settles_on(date(2026, 11, 27)), Some(date(2026, 11, 30)));
    assert_eq!(settles_on(date(2026, 11, 28)), Some(date(2026, 11, 30)));
    // Wednesday, November 25: Friday (Thanksgiving, the 26th, is a Fed holiday).
    assert_eq!(settles_on(date(2026, 11, 25)), Some(date(2026, 11, 27)));
    assert_eq!(settles_on(Date::MAX), None);
    let mut d = date(2026, 1, 1);
    for _ in 0..366 {
        let settles = settles_on(d).unwrap();
        let days = d.until(settles).unwrap().get_days();
        assert!(
            i64::from(days) <= SETTLEMENT_LOOKBACK_DAYS,
            "{d} settles {days} days on"
        );
        d = d.tomorrow().unwrap();
    }
}

#[test]
fn an_explanation_is_trimmed_and_bounded() {
    assert_eq!(
        explanation("  Deposit correction credited on the 3rd.\r\n "),
        Ok("Deposit correction credited on the 3rd.".into())
    );
    assert_eq!(explanation(" \t\r\n"), Err(ExplanationError::Empty));
    assert_eq!(
        explanation(&"a".repeat(EXPLANATION_MAX_CHARS + 1)),
        Err(ExplanationError::TooLong {
            max: EXPLANATION_MAX_CHARS,
            chars: EXPLANATION_MAX_CHARS + 1
        })
    );
    assert_eq!(explanation("one\r\ntwo\u{7}"), Ok("one\ntwo".into()));
}
