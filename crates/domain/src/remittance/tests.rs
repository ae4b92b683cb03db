//! Matching mailed and bill-pay items: the scan line, the matching order, the posting
//! decision and staff suggestions.

use super::*;
use crate::vocabulary::texts;

fn m(text: &str) -> Money {
    Money::parse(text).unwrap()
}

fn first() -> AccountNumber {
    AccountNumber::from_base(400_012_341_234_123)
}

fn second() -> AccountNumber {
    AccountNumber::parse("4111 1111 1111 1111").unwrap()
}

/// `account`'s 16 digits with the last one changed: fails the check digit.
fn mistyped(account: AccountNumber) -> String {
    let mut digits = account.to_string().into_bytes();
    if let Some(last) = digits.last_mut() {
        *last = b'0' + (*last - b'0' + 1) % 10;
    }
    String::from_utf8(digits).unwrap()
}

fn texts_of<S: AsRef<str>>(items: &[S]) -> Vec<String> {
    items.iter().map(|t| t.as_ref().to_owned()).collect()
}

#[test]
fn reads_the_scan_line_the_statement_prints() {
    let printed = format!("{}  {:>10}", first(), 51_023);
    assert_eq!(
        scan_line(&printed),
        Some(ScanLine {
            account: first(),
            amount_due: m("510.23"),
        })
    );
    // Extra spaces around and between the fields, and a zero-padded amount, read the same.
    let loose = format!("   {}      0000051023  ", first());
    assert_eq!(scan_line(&loose).map(|s| s.amount_due), Some(m("510.23")));
    assert_eq!(
        scan_line(&format!("{}  0", first())).map(|s| s.amount_due),
        Some(Money::ZERO)
    );
}

#[test]
fn anything_else_is_not_a_scan_line() {
    let a = first();
    for text in [
        String::new(),
        a.to_string(),
        format!("{a}  510.23"),
        format!("{a}  51023 7"),
        format!("{a}  12345678901"),
        format!("{}  51023", mistyped(a)),
        format!("{}  51023", a.grouped()),
        format!("4{a}  51023"),
        format!("Acct {a}  51023"),
    ] {
        assert_eq!(scan_line(&text), None, "{text:?}");
    }
}

#[test]
fn a_coupon_in_any_text_comes_before_a_memo() {
    let coupon = format!("{}  {:>10}", first(), 51_023);
    let texts = vec![
        "PAY TO THE ORDER OF SERVICER DEMO LENDING".to_owned(),
        format!("memo {}", second().grouped()),
        coupon,
    ];
    assert_eq!(
        identify(&texts),
        Identified::Coupon(ScanLine {
            account: first(),
            amount_due: m("510.23"),
        })
    );
    // Coupons of two loans in one envelope: staff choose.
    let two = vec![
        format!("{}  {:>10}", first(), 100),
        format!("{}  {:>10}", second(), 200),
    ];
    assert_eq!(identify(&two), Identified::Several(vec![first(), second()]));
}

#[test]
fn finds_the_account_written_grouped_dashed_or_inside_other_text() {
    let a = first();
    let plain = a.to_string();
    let dashed = a.grouped().replace(' ', "-");
    for memo in [
        plain.clone(),
        a.grouped(),
        dashed.clone(),
        format!("Acct # {} thanks", a.grouped()),
        format!("loan{plain}."),
        format!("acct {dashed}, May payment"),
        // The account followed by the amount still reads the account.
        format!("{} 510.23", a.grouped()),
    ] {
        assert_eq!(
            identify(&texts_of(&[&memo])),
            Identified::Memo(a),
            "{memo:?}"
        );
    }
    // Written twice, in two forms: still one account.
    assert_eq!(
        identify(&texts_of(&[&plain, &a.grouped()])),
        Identified::Memo(a)
    );
}

#[test]
fn a_mistyped_digit_is_never_guessed() {
    let bad = mistyped(first());
    assert_eq!(
        identify(&texts_of(&[&format!("acct {bad}")])),
        Identified::Mistyped {
            last4: bad[12..].to_owned()
        }
    );
    // A coupon whose digits fail is no coupon; its account is reported as mistyped.
    assert!(matches!(
        identify(&texts_of(&[&format!("{bad}  51023")])),
        Identified::Mistyped { .. }
    ));
    // A valid account elsewhere on the item wins over the mistyped one.
    assert_eq!(
        identify(&texts_of(&[&bad, &second().to_string()])),
        Identified::Memo(second())
    );
}

#[test]
fn two_different_accounts_are_several() {
    let memo = format!("{} and {}", first().grouped(), second());
    assert_eq!(
        identify(&texts_of(&[&memo])),
        Identified::Several(vec![first(), second()])
    );
}

#[test]
fn other_runs_of_digits_are_not_accounts() {
    let a = first().to_string();
    let grouped = first().grouped();
    for text in [
        // 17 digits in a row.
        format!("{a}7"),
        format!("7{a}"),
        // 17 digits in groups whose sums never make 16.
        format!("{grouped}7"),
        // Two spaces split the run.
        format!("{}  {}", &a[..4], &a[4..]),
        "check 1042".to_owned(),
        String::new(),
    ] {
        assert_eq!(
            identify(std::slice::from_ref(&text)),
            Identified::Nothing,
            "{text:?}"
        );
    }
    assert_eq!(identify(&[]), Identified::Nothing);
}

fn active(payoff: &str) -> LoanFacts {
    LoanFacts {
        status: LoanStatus::Active,
        payoff: m(payoff),
        stop: None,
    }
}

#[test]
fn decides_whether_an_item_posts() {
    assert_eq!(decide(m("510.23"), &active("9000.00")), Ok(()));
    let paid = LoanFacts {
        status: LoanStatus::PaidOff,
        ..active("0.00")
    };
    assert_eq!(decide(m("510.23"), &paid), Err(ExceptionReason::PaidOff));
    let charged = LoanFacts {
        status: LoanStatus::ChargedOff,
        ..active("0.00")
    };
    assert_eq!(
        decide(m("510.23"), &charged),
        Err(ExceptionReason::ChargedOff)
    );
    let stopped = LoanFacts {
        stop: Some("bankruptcy filed".into()),
        ..paid
    };
    assert_eq!(decide(m("510.23"), &stopped), Err(ExceptionReason::Stop));
}

#[test]
fn far_above_the_payoff_is_the_larger_of_100_dollars_and_ten_percent() {
    // 10% of a large payoff.
    assert_eq!(far_above_margin(m("10000.00")), m("1000.00"));
    assert_eq!(decide(m("11000.00"), &active("10000.00")), Ok(()));
    assert_eq!(
        decide(m("11000.01"), &active("10000.00")),
        Err(ExceptionReason::FarAbovePayoff)
    );
    // $100 on a small one.
    assert_eq!(far_above_margin(m("300.00")), m("100.00"));
    assert_eq!(decide(m("400.00"), &active("300.00")), Ok(()));
    assert_eq!(
        decide(m("400.01"), &active("300.00")),
        Err(ExceptionReason::FarAbovePayoff)
    );
    assert_eq!(far_above_margin(m("-5.00")), m("100.00"));
    // Nothing overflows at the edge of i64 cents.
    let huge = Money::from_cents(i64::MAX);
    assert_eq!(
        decide(huge, &active("100.00")),
        Err(ExceptionReason::FarAbovePayoff)
    );
    assert_eq!(
        decide(
            huge,
            &LoanFacts {
                payoff: huge,
                ..active("0")
            }
        ),
        Ok(())
    );
}

#[test]
fn a_payoff_check_a_few_cents_short_posts_and_says_so() {
    let payoff = m("1000.00");
    assert_eq!(decide(m("995.00"), &active("1000.00")), Ok(()));
    assert_eq!(short_of_payoff(m("995.00"), payoff), Some(m("5.00")));
    assert_eq!(short_of_payoff(m("999.99"), payoff), Some(m("0.01")));
    assert_eq!(short_of_payoff(m("994.99"), payoff), None);
    assert_eq!(short_of_payoff(payoff, payoff), None);
    assert_eq!(short_of_payoff(m("1000.01"), payoff), None);
    assert_eq!(
        short_of_payoff(Money::from_cents(i64::MIN), Money::from_cents(i64::MAX)),
        None
    );
}

#[test]
fn exception_reasons_keep_their_stored_codes_and_explain_themselves() {
    assert_eq!(
        texts(ExceptionReason::ALL, ExceptionReason::as_str),
        [
            "no_match",
            "several_matches",
            "mistyped_account",
            "unknown_account",
            "paid_off",
            "charged_off",
            "far_above_payoff",
            "duplicate",
            "stop",
        ]
    );
    for reason in ExceptionReason::ALL {
        assert_eq!(ExceptionReason::parse(reason.as_str()), Some(*reason));
        assert!(reason.describe().ends_with('.'), "{reason}");
    }
    assert_eq!(ExceptionReason::parse("No_Match"), None);
}

fn candidate(account: AccountNumber, name: &str, due: &str, payoff: &str) -> Candidate {
    Candidate {
        account,
        name: name.into(),
        amount_due: m(due),
        payoff: m(payoff),
    }
}

#[test]
fn suggests_loans_by_shared_name_words_and_the_amount() {
    let others: Vec<AccountNumber> = (1..=3)
        .map(|n| AccountNumber::from_base(500_000_000_000_000 + n))
        .collect();
    let candidates = vec![
        candidate(first(), "María García", "510.23", "9000.00"),
        candidate(second(), "Pedro García", "200.00", "510.23"),
        candidate(others[0], "John Smith", "510.23", "510.23"),
        candidate(others[1], "Maria Lopez Garcia", "100.00", "4000.00"),
        candidate(others[2], "J Q Public", "510.23", "510.23"),
    ];
    let found = suggest("GARCIA MARIA J", m("510.23"), &candidates);
    let accounts: Vec<AccountNumber> = found.iter().map(|s| s.account).collect();
    // Both words and the amount due (35); one word and the payoff (25); both words (20).
    // Smith shares no word, and an initial is no word.
    assert_eq!(accounts, [first(), second(), others[1]]);
    let scores: Vec<u32> = found.iter().map(|s| s.score).collect();
    assert_eq!(scores, [35, 25, 20]);
    assert_eq!(
        found[0].why,
        "shares the name words maria, garcia; $510.23 is the amount due"
    );
    assert_eq!(
        found[1].why,
        "shares the name word garcia; $510.23 is the payoff"
    );
    assert_eq!(found[2].why, "shares the name words maria, garcia");
}

#[test]
fn gives_at_most_five_suggestions_and_none_without_a_name() {
    let candidates: Vec<Candidate> = (1..=7)
        .map(|n| {
            candidate(
                AccountNumber::from_base(600_000_000_000_000 + n),
                "Ana Garcia",
                "10.00",
                "20.00",
            )
        })
        .collect();
    assert_eq!(
        suggest("Garcia", m("10.00"), &candidates).len(),
        MAX_SUGGESTIONS
    );
    assert!(suggest("", m("10.00"), &candidates).is_empty());
    assert!(suggest("J", m("10.00"), &candidates).is_empty());
}
