use super::*;

#[test]
fn a_csv_file_is_read_as_csv_and_anything_else_as_bai() {
    assert_eq!(
        LockboxFormat::of_name("day-2026-11-25.CSV"),
        LockboxFormat::Csv
    );
    assert_eq!(LockboxFormat::of_name("lockbox.csv"), LockboxFormat::Csv);
    assert_eq!(
        LockboxFormat::of_name("LBX20261125.txt"),
        LockboxFormat::Bai
    );
    assert_eq!(LockboxFormat::of_name("csv"), LockboxFormat::Bai);
}

#[test]
fn only_the_last_four_digits_of_a_payers_account_are_kept() {
    assert_eq!(last4("000123456789").as_deref(), Some("6789"));
    assert_eq!(last4(" 12-34 5678 ").as_deref(), Some("5678"));
    assert_eq!(last4("123"), None);
    assert_eq!(last4(""), None);
    assert_eq!(last4("ééé1234").as_deref(), Some("1234"));
}

#[test]
fn what_an_item_names_decides_how_it_is_recorded() {
    let account = AccountNumber::from_base(521_840_000_000_101);
    assert_eq!(
        named(Identified::Memo(account)),
        (Some(account), Some(MatchedBy::Memo), None)
    );
    assert_eq!(
        named(Identified::Several(vec![account])),
        (None, None, Some(ExceptionReason::SeveralMatches))
    );
    assert_eq!(
        named(Identified::Mistyped {
            last4: "1234".into()
        }),
        (None, None, Some(ExceptionReason::MistypedAccount))
    );
    assert_eq!(
        named(Identified::Nothing),
        (None, None, Some(ExceptionReason::NoMatch))
    );
}
