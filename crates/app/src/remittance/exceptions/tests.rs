use super::*;

fn a(base: u64) -> AccountNumber {
    AccountNumber::from_base(base)
}

fn m(cents: i64) -> Money {
    Money::from_cents(cents)
}

#[test]
fn a_split_must_add_up_to_the_item_exactly_across_different_loans() {
    let (x, y) = (a(521_840_000_000_101), a(521_840_000_000_301));
    assert!(check_split(m(10_000), &[(x, m(6_000)), (y, m(4_000))]).is_ok());
    let e = check_split(m(10_000), &[(x, m(6_000)), (y, m(3_999))]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "The amounts add up to $99.99 but the item is $100.00: they must add up to the item exactly"
    );
    assert!(matches!(
        check_split(m(10_000), &[(x, m(6_000)), (x, m(4_000))]),
        Err(RemittanceError::BadSplit(_))
    ));
    assert!(matches!(
        check_split(m(10_000), &[(x, m(10_000)), (y, m(0))]),
        Err(RemittanceError::BadSplit(_))
    ));
    assert!(matches!(
        check_split(m(10_000), &[]),
        Err(RemittanceError::BadSplit(_))
    ));
    let many: Vec<(AccountNumber, Money)> = (0..11)
        .map(|i| (a(521_840_000_100_000 + i), m(1)))
        .collect();
    assert!(matches!(
        check_split(m(11), &many),
        Err(RemittanceError::BadSplit(_))
    ));
    // Sums that overflow are refused, not wrapped.
    assert!(matches!(
        check_split(m(10_000), &[(x, m(i64::MAX)), (y, m(i64::MAX))]),
        Err(RemittanceError::BadSplit(_))
    ));
}

#[test]
fn a_return_needs_a_reason_of_at_most_500_characters() {
    assert_eq!(
        return_reason("  Paid off in October; refund  ").unwrap(),
        "Paid off in October; refund"
    );
    assert!(matches!(
        return_reason("   "),
        Err(RemittanceError::Refused(_))
    ));
    assert!(return_reason(&"x".repeat(500)).is_ok());
    assert!(matches!(
        return_reason(&"x".repeat(501)),
        Err(RemittanceError::Refused(_))
    ));
    assert!(matches!(
        return_reason("bad\u{7}bell"),
        Err(RemittanceError::Refused(_))
    ));
    assert!(return_reason("two\nlines").is_ok());
}
