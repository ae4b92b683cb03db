use super::*;
use crate::vocabulary::texts;
use jiff::civil::date;

fn usd(cents: i64) -> Money {
    Money::from_cents(cents)
}

#[test]
fn every_category_reads_back_and_the_set_is_the_schemas() {
    // bank_transactions.category CHECK in
    // migrations/{sqlite,postgres}/0038_bank_refund_categories.sql.
    let check = [
        "lockbox_deposit",
        "ach_settlement",
        "ach_return",
        "incoming_credit",
        "refund_settlement",
        "refund_return",
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
        // The bank's debit settling the refund credits we sent, and a refund credit sent back.
        (466, Category::RefundSettlement),
        (168, Category::RefundReturn),
        (257, Category::RefundReturn),
        // A debit someone else drew on us is not a return of ours, nor the settlement of our
        // refunds; a reversal is not a return.
        (455, Category::Other),
        (451, Category::Other),
        (469, Category::Other),
        (258, Category::Other),
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
    assert!(Category::ALL[..6].iter().all(|c| c.is_booked()));
    assert!(!Category::Other.is_booked());
    // A bank's debit codes settle money out, its credit codes bring money in: the category's
    // direction is the code's.
    for code in [466, 168, 257, 165, 557] {
        let c = Category::of_type_code(code);
        assert_eq!(c.is_money_in(), code < 400, "{code}");
    }
}

#[test]
fn amounts_count_in_their_kinds_direction() {
    let m = usd(1_000);
    assert_eq!(signed(Category::LockboxDeposit, true, m), m);
    assert_eq!(signed(Category::LockboxDeposit, false, m), usd(-1_000));
    assert_eq!(signed(Category::AchReturn, false, m), m);
    assert_eq!(signed(Category::AchReturn, true, m), usd(-1_000));
    assert_eq!(signed(Category::RefundSettlement, false, m), m);
    assert_eq!(signed(Category::RefundSettlement, true, m), usd(-1_000));
    assert_eq!(signed(Category::RefundReturn, true, m), m);
    assert_eq!(signed(Category::RefundReturn, false, m), usd(-1_000));
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
            Category::IncomingCredit,
            Category::RefundSettlement,
            Category::RefundReturn,
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
    assert_eq!(lines.len(), 7, "other transactions get a line: {lines:?}");
    assert_eq!(lines[0].difference, usd(-550));
    assert_eq!(lines[6].category, Category::Other);
    assert_eq!(lines[6].difference, usd(-2_500));
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
    assert_eq!(lines.len(), 6);
    assert!(is_reconciled(&lines));
}

/// The bank's transactions of a day, as the import sorts and signs them: (type code, credit,
/// cents).
fn bank_of(transactions: &[(u16, bool, i64)]) -> Vec<(Category, Money)> {
    transactions
        .iter()
        .map(|&(code, credit, cents)| {
            let c = Category::of_type_code(code);
            (c, signed(c, credit, usd(cents)))
        })
        .collect()
}

#[test]
fn a_day_with_a_refund_credit_reconciles_against_the_refunds_in_the_file() {
    // The file made the day before carried $400.00 of debits and a $125.40 refund credit;
    // a refund credit of $60.00 sent earlier came back today.
    let servicer = [
        (Category::AchSettlement, usd(40_000)),
        (Category::RefundSettlement, usd(12_540)),
        (Category::RefundReturn, usd(6_000)),
    ];
    // The bank settles each batch on its own: a credit for the debits, a debit for the
    // refunds; the return is a credit.
    let bank = bank_of(&[
        (166, true, 40_000),
        (466, false, 12_540),
        (257, true, 6_000),
    ]);
    let lines = reconcile(&bank, &servicer);
    assert!(is_reconciled(&lines), "{lines:?}");
    assert_eq!(day_state(true, &lines, |_| false), DayState::Reconciled);
    let refunds = lines
        .iter()
        .find(|l| l.category == Category::RefundSettlement)
        .unwrap();
    assert_eq!((refunds.bank, refunds.servicer), (usd(12_540), usd(12_540)));
    assert!(
        lines.iter().all(|l| l.category != Category::Other),
        "nothing left for staff: {lines:?}"
    );

    // The bank's debit for the refunds never came: that line is off by them, flagged.
    let missing = bank_of(&[(166, true, 40_000), (257, true, 6_000)]);
    let lines = reconcile(&missing, &servicer);
    let off: Vec<(Category, Money)> = lines
        .iter()
        .filter(|l| !l.is_reconciled())
        .map(|l| (l.category, l.difference))
        .collect();
    assert_eq!(off, [(Category::RefundSettlement, usd(-12_540))]);
    assert_eq!(day_state(true, &lines, |_| false), DayState::Flagged);

    // A bank that nets the file into one settlement credit: both lines off by the refunds.
    let netted = bank_of(&[(166, true, 40_000 - 12_540), (257, true, 6_000)]);
    let lines = reconcile(&netted, &servicer);
    let off: Vec<(Category, Money)> = lines
        .iter()
        .filter(|l| !l.is_reconciled())
        .map(|l| (l.category, l.difference))
        .collect();
    assert_eq!(
        off,
        [
            (Category::AchSettlement, usd(-12_540)),
            (Category::RefundSettlement, usd(-12_540))
        ]
    );
}

#[test]
fn a_file_and_its_refund_credits_settle_on_the_same_day_in_range() {
    // Friday, November 27, 2026: its file settles Monday the 30th.
    let friday = date(2026, 11, 27);
    let monday = date(2026, 11, 30);
    assert_eq!(settling(friday, monday, monday), Some(monday));
    assert_eq!(settling(friday, date(2026, 11, 28), monday), Some(monday));
    assert_eq!(
        settling(friday, date(2026, 12, 1), date(2026, 12, 31)),
        None
    );
    assert_eq!(settling(friday, friday, date(2026, 11, 29)), None);
    assert_eq!(settling(Date::MAX, friday, Date::MAX), None);
    // The files that can settle in a range were made no earlier than this.
    assert_eq!(
        settlement_lookback(monday),
        monday
            .checked_sub(jiff::Span::new().days(SETTLEMENT_LOOKBACK_DAYS))
            .unwrap()
    );
    assert_eq!(settlement_lookback(Date::MIN), Date::MIN);
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
