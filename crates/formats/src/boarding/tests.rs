use super::*;
use jiff::civil::date;

const HEADER: &str = "account_number,borrower_name,ssn,date_of_birth,address,zip,email,phone,original_amount,rate,day_count,term_months,disbursement_date,first_payment_date,payment_amount,balances_as_of,current_principal,accrued_interest,fees_due,next_due_date,paid_to_date,autopay_at_prior_servicer";

fn good_row(account: u64) -> String {
    format!(
        "{},Maria Lopez,123-45-6789,1985-04-12,\"12 Elm St, Springfield, IL\",62704,maria@example.com,(217) 555-0143,12000.00,8.25,actual/365,48,2024-03-01,2024-04-01,294.40,2026-11-01,8123.45,18.30,0.00,2026-11-01,2026-10-01,Y",
        AccountNumber::from_base(account)
    )
}

fn file(rows: &[String]) -> Vec<u8> {
    format!("{HEADER}\n{}\n", rows.join("\n")).into_bytes()
}

#[test]
fn a_good_row_reads_into_every_field() {
    let loans = read_loans(&file(&[good_row(4_000_000_001)])).unwrap();
    let l = &loans[0];
    assert_eq!(l.line, 2);
    assert_eq!(l.borrower_name, "Maria Lopez");
    assert_eq!(l.ssn.last4(), "6789");
    assert_eq!(
        format!("{:?}", l.ssn),
        "Ssn(***-**-6789)",
        "debug output masks the SSN"
    );
    assert_eq!(l.phone.as_deref(), Some("2175550143"));
    assert_eq!(l.current_principal, Money::parse("8123.45").unwrap());
    assert!(l.autopay_at_prior_servicer);
    assert_eq!(l.maturity_date(), date(2028, 3, 1));
}

#[test]
fn remaining_installments_keep_the_due_day_and_run_to_maturity() {
    let l = &read_loans(&file(&[good_row(4_000_000_001)])).unwrap()[0];
    let rest = l.remaining_installments();
    // Installment 32 (2026-11-01) to installment 48 (2028-03-01).
    assert_eq!(rest.len(), 17);
    assert_eq!((rest[0].number, rest[0].due_date), (32, date(2026, 11, 1)));
    assert_eq!((rest[16].number, rest[16].due_date), (48, date(2028, 3, 1)));
    assert!(rest.iter().all(|i| i.amount == l.payment_amount));
}

#[test]
fn every_bad_field_is_reported_with_its_line_and_column() {
    let bad = good_row(4_000_000_002)
        .replace("123-45-6789", "123-45-678")
        .replace("12000.00", "12000.001")
        .replace("62704", "6270");
    let account = AccountNumber::from_base(4_000_000_003).to_string();
    let mistyped = format!(
        "{}{}",
        &account[..15],
        if account.ends_with('0') { '1' } else { '0' }
    );
    let broken_account = good_row(4_000_000_003).replace(&account, &mistyped);
    let errors = read_loans(&file(&[good_row(4_000_000_001), bad, broken_account]))
        .unwrap_err()
        .0;
    let found: Vec<(u64, &str)> = errors.iter().map(|e| (e.line, e.field.as_str())).collect();
    assert_eq!(
        found,
        vec![
            (3, "ssn"),
            (3, "zip"),
            (3, "original_amount"),
            (4, "account_number")
        ]
    );
    assert!(
        errors[2].message.contains("two decimal places"),
        "{}",
        errors[2].message
    );
    assert!(
        errors[3].message.contains("not valid"),
        "{}",
        errors[3].message
    );
}

#[test]
fn cross_field_rules_are_checked() {
    let cases = [
        (
            "2026-11-01,2026-10-01,Y",
            "2026-11-15,2026-10-01,Y",
            "next_due_date",
        ),
        (
            "2026-11-01,2026-10-01,Y",
            "2026-11-01,2026-11-01,Y",
            "paid_to_date",
        ),
        ("8123.45,18.30", "13000.00,18.30", "current_principal"),
        ("2028-01-01", "2028-01-01", "none"),
    ];
    for (from, to, field) in cases {
        let row = good_row(4_000_000_001).replace(from, to);
        match read_loans(&file(&[row])) {
            Ok(_) => assert_eq!(field, "none"),
            Err(e) => assert_eq!(e.0[0].field, field, "{from} -> {to}: {e}"),
        }
    }
}

#[test]
fn an_account_number_twice_in_one_file_is_refused() {
    let errors = read_loans(&file(&[good_row(7), good_row(7)]))
        .unwrap_err()
        .0;
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, 3);
    assert!(errors[0].message.contains("also on line 2"));
}

#[test]
fn files_that_are_not_boarding_files_say_why() {
    let cases: [(&[u8], &str); 4] = [
        (b"", "missing column"),
        (b"account_number,amount\n1,2\n", "missing column"),
        (HEADER.as_bytes(), "no rows"),
        (b"\xff\xfe\x00garbage", "header"),
    ];
    for (bytes, says) in cases {
        let e = read_loans(bytes).unwrap_err();
        assert!(e.to_string().contains(says), "{e}");
    }
    let short = format!("{HEADER}\n1,2,3\n");
    assert!(
        read_loans(short.as_bytes()).unwrap_err().0[0]
            .message
            .contains("has 3 fields")
    );
}

#[test]
fn ssns_the_ssa_never_issues_are_refused() {
    for bad in [
        "000-12-3456",
        "666-12-3456",
        "900-12-3456",
        "123-00-4567",
        "123-45-0000",
        "12345678a",
    ] {
        assert!(parse_ssn(bad).is_err(), "{bad}");
    }
    assert_eq!(parse_ssn("123 45 6789").unwrap().digits(), "123456789");
}

#[test]
fn history_rows_are_checked_too() {
    let ok = format!(
        "account_number,paid_on,amount\n{},2026-10-01,294.40\n",
        AccountNumber::from_base(7)
    );
    assert_eq!(
        read_history(ok.as_bytes()).unwrap()[0].amount,
        Money::parse("294.40").unwrap()
    );
    let bad = format!(
        "account_number,paid_on,amount\n{},2026-13-01,-1\n",
        AccountNumber::from_base(7)
    );
    let errors = read_history(bad.as_bytes()).unwrap_err().0;
    assert_eq!(
        errors.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(),
        ["paid_on", "amount"]
    );
}

proptest::proptest! {
    #[test]
    fn any_bytes_give_rows_or_problems_never_a_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
        let _ = read_loans(&bytes);
        let _ = read_history(&bytes);
    }
}

#[test]
fn written_files_read_back_to_the_same_loans() {
    let loans = synthetic(500, 8_000_000, date(2026, 11, 25));
    let text = write_loans(&loans);
    assert_eq!(read_loans(text.as_bytes()).unwrap(), loans);
}
