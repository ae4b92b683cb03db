use super::*;
use domain::address::{TypedAddress, UsState};
use jiff::civil::date;

/// A file's header as files were written before addresses were structured: the address on one
/// line (still read).
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
    assert_eq!(
        l.address.lines(),
        ["12 Elm St", "Springfield, IL 62704"],
        "the address on one line, read into its parts"
    );
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
    assert!(rest[..16].iter().all(|i| i.amount == l.payment_amount));
    // The last is what the note leaves owed at maturity: $8,123.45 at 8.25 % is behind the
    // 48-month amortization of $12,000.00, so 16 payments of $294.40 leave a true-up.
    let projected = domain::schedule::project(
        l.balances_as_of,
        domain::loan::OpeningBalances {
            principal: l.current_principal,
            interest: l.accrued_interest,
            ..Default::default()
        },
        l.rate,
        l.day_count.unwrap_or_default(),
        &domain::loan::Waterfall::default(),
        &rest
            .iter()
            .map(|i| (i.due_date, i.amount))
            .collect::<Vec<_>>(),
    );
    let last = projected.last().unwrap();
    assert_eq!(rest[16].amount, last.amount());
    assert_eq!(last.balance, Money::ZERO);
    assert!(rest[16].amount > l.payment_amount, "{}", rest[16].amount);
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

/// The product columns, all of them, after the good row's.
const PRODUCT_HEADER: &str = ",product,late_fee_fixed,late_fee_percent,late_fee_cap,grace_period_days,late_fee_min_shortfall,nsf_fee,waterfall,extra_to,final_payment_amount";

#[test]
fn a_row_names_its_product_and_overrides_its_terms() {
    let m = |s: &str| Money::parse(s).unwrap();
    let bytes = format!(
        "{HEADER}{PRODUCT_HEADER}\n{},Home_Improvement,10.00,5,none,15,5.00,20.00,interest>principal>fees,next_installment,301.50\n{},,,,,,,,,,\n",
        good_row(4_000_000_001),
        good_row(4_000_000_002)
    );
    let loans = read_loans(bytes.as_bytes()).unwrap();
    let l = &loans[0];
    assert_eq!(l.product.as_deref(), Some("home_improvement"));
    let o = &l.overrides;
    assert_eq!(o.late_fee_fixed, Some(m("10.00")));
    assert_eq!(o.late_fee_percent, Some(Rate::parse("5").unwrap()));
    assert_eq!(o.late_fee_cap, Some(None), "none: no cap");
    assert_eq!(o.grace_period_days, Some(15));
    assert_eq!(o.late_fee_min_shortfall, Some(m("5.00")));
    assert_eq!(o.nsf_fee, Some(Some(m("20.00"))));
    assert_eq!(
        o.waterfall.as_ref().map(ToString::to_string).as_deref(),
        Some("interest,principal,fees")
    );
    assert_eq!(
        o.extra_default,
        Some(domain::loan::ExtraTo::NextInstallment)
    );
    assert_eq!(l.final_payment_amount, Some(m("301.50")));
    let rest = l.remaining_installments();
    assert_eq!(
        rest.last().map(|i| i.amount),
        Some(m("301.50")),
        "the note's final installment, not a computed true-up"
    );
    assert!(
        rest[..rest.len() - 1]
            .iter()
            .all(|i| i.amount == l.payment_amount)
    );

    let plain = &loans[1];
    assert_eq!(plain.product, None, "empty: the standard product");
    assert!(plain.overrides.is_empty());
    assert_eq!(plain.final_payment_amount, None);
    assert_eq!(plain.day_count, Some(DayCount::Actual365Fixed));

    let written = write_loans(&loans);
    assert!(written.starts_with(&format!("{}{PRODUCT_HEADER}", LOAN_COLUMNS.join(","))));
    assert_eq!(
        read_loans(written.as_bytes()).unwrap(),
        loans,
        "the round trip"
    );
    assert!(
        !write_loans(&loans[1..]).contains("product"),
        "a file without products is written as before"
    );
}

#[test]
fn bad_product_columns_are_reported_by_column() {
    let cases = [
        ("Home Improvement,,,,,,,,,", "product", "not a product name"),
        (
            "gold,-1.00,,,,,,,,",
            "late_fee_fixed",
            "must not be negative",
        ),
        ("gold,,101,,,,,,,", "late_fee_percent", "above 100%"),
        ("gold,,,lots,,,,,,", "late_fee_cap", ""),
        ("gold,,,,400,,,,,", "grace_period_days", "from 0 to 365"),
        ("gold,,,,,,,fees>interest,,", "waterfall", "exactly once"),
        ("gold,,,,,,,fees>escrow>principal,,", "waterfall", "escrow"),
        (
            "gold,,,,,,,,ahead,",
            "extra_to",
            "principal or next_installment",
        ),
        (
            "gold,,,,,,,,,0.00",
            "final_payment_amount",
            "more than zero",
        ),
    ];
    for (fields, field, says) in cases {
        let bytes = format!(
            "{HEADER}{PRODUCT_HEADER}\n{},{fields}\n",
            good_row(4_000_000_001)
        );
        let errors = read_loans(bytes.as_bytes()).expect_err(fields).0;
        assert_eq!(
            (errors[0].line, errors[0].field.as_str()),
            (2, field),
            "{fields}: {errors:?}"
        );
        assert!(errors[0].message.contains(says), "{fields}: {errors:?}");
    }
}

#[test]
fn a_header_with_an_unknown_a_repeated_or_a_nameless_column_refuses_the_whole_file() {
    // (added to the header, added to the row, what the problem says)
    let cases = [
        // Before, the last `rate` won: loans written at 8.25 % boarded at 29.99 %.
        (
            ",rate",
            ",29.99",
            "rate, is there twice (first as column 10)",
        ),
        (",RATE", ",29.99", "is there twice"),
        (
            ",account_number",
            ",x",
            "is there twice (first as column 1)",
        ),
        (",colour", ",blue", "\"colour\", is not a column"),
        (",", ",", "column 23 has no name"),
    ];
    let bad_zip = good_row(4_000_000_001).replace("62704", "6270");
    for (column, value, says) in cases {
        for row in [good_row(4_000_000_001), bad_zip.clone()] {
            let bytes = format!("{HEADER}{column}\n{row}{value}\n").into_bytes();
            let errors = read_loans(&bytes).expect_err(column).0;
            assert!(
                errors.iter().all(|e| e.line == 1 && e.field == "header"),
                "the header is refused before any row is read: {errors:?}"
            );
            assert!(
                errors.iter().any(|e| e.message.contains(says)),
                "{column}: {errors:?}"
            );
        }
    }
    let history = format!(
        "account_number,paid_on,amount,amount\n{},2026-10-01,294.40,1.00\n",
        AccountNumber::from_base(7)
    );
    let errors = read_history(history.as_bytes()).unwrap_err().0;
    assert!(
        errors[0].message.contains("amount, is there twice"),
        "{errors:?}"
    );
}

/// The first 40 characters of `s`, for a readable assertion message.
fn short(s: &str) -> String {
    s.chars().take(40).collect()
}

#[test]
fn fields_too_long_or_with_control_or_invisible_characters_are_refused() {
    let address = "12 Elm St, Springfield, IL";
    // (text in the good row, replaced by, the column refused or "none", what the problem says)
    let cases: [(&str, String, &str, &str); 17] = [
        // Before, a 10 MB name was boarded.
        (
            "Maria Lopez",
            "A".repeat(10 << 20),
            "borrower_name",
            "the most is 100",
        ),
        (
            "Maria Lopez",
            "M".repeat(101),
            "borrower_name",
            "101 characters long",
        ),
        ("Maria Lopez", "M".repeat(100), "none", ""),
        ("Maria Lopez", "José Müller".into(), "none", ""),
        (
            "Maria Lopez",
            "Maria\u{202E}zepoL".into(),
            "borrower_name",
            "U+202E",
        ),
        (
            "Maria Lopez",
            "Maria\u{85}Lopez".into(),
            "borrower_name",
            "U+0085",
        ),
        (
            "Maria Lopez",
            "123 456".into(),
            "borrower_name",
            "no letters",
        ),
        // Before, an email with a NUL (or two @) was boarded.
        (
            "maria@example.com",
            "maria\0@example.com".into(),
            "email",
            "U+0000",
        ),
        (
            "maria@example.com",
            "maria@x@example.com".into(),
            "email",
            "more than one @",
        ),
        (
            "maria@example.com",
            "maria@example".into(),
            "email",
            "a domain like",
        ),
        (
            "maria@example.com",
            format!("{}@example.com", "m".repeat(65)),
            "email",
            "1 to 64",
        ),
        (
            "maria@example.com",
            format!("m@{}.com", "e".repeat(250)),
            "email",
            "the most is 254",
        ),
        (address, "12 Elm St\0".into(), "address", "U+0000"),
        (address, "12 Elm St\u{FEFF}".into(), "address", "U+FEFF"),
        (address, "a".repeat(201), "address", "the most is 200"),
        ("62704", "62704-678é".into(), "zip", "ZIP code"),
        (
            "(217) 555-0143",
            "(217) 555-0143\u{7}".into(),
            "phone",
            "U+0007",
        ),
    ];
    for (from, to, field, says) in cases {
        let row = good_row(4_000_000_001).replacen(from, &to, 1);
        match read_loans(&file(&[row])) {
            Ok(_) => assert_eq!(field, "none", "{} was accepted", short(&to)),
            Err(e) => {
                let first = &e.0[0];
                assert_eq!(
                    (first.line, first.field.as_str()),
                    (2, field),
                    "{}: {e}",
                    short(&to)
                );
                assert!(
                    first.message.contains(says) && first.message.len() < 200,
                    "{}: {}",
                    short(&to),
                    short(&first.message)
                );
            }
        }
    }
}

#[test]
fn values_that_would_overflow_the_schedule_or_the_books_are_refused() {
    // The first case panicked in the reader: a first payment in 9999 put the maturity date
    // past the calendar's end. The amounts near i64::MAX panicked when boarded: the opening
    // entry, the schedule's running sums and the file's totals overflowed `Money`.
    let cases = [
        (
            ",2024-04-01,",
            ",9999-04-01,",
            "first_payment_date",
            "outside the years 1900 to 2200",
        ),
        (
            ",1985-04-12,",
            ",1885-04-12,",
            "date_of_birth",
            "outside the years",
        ),
        (
            ",2024-03-01,",
            ",2024-02-30,",
            "disbursement_date",
            "not a real date",
        ),
        (
            ",2024-03-01,",
            ",99999-03-01,",
            "disbursement_date",
            "the most is 10",
        ),
        (
            ",2024-03-01,",
            ",+002024-03-01,",
            "disbursement_date",
            "the most is 10",
        ),
        (
            ",2024-03-01,",
            ",2024-3-1,",
            "disbursement_date",
            "not a date like",
        ),
        (
            ",12000.00,",
            ",92233720368547758.07,",
            "original_amount",
            "the most is 14",
        ),
        (
            ",294.40,",
            ",92233720368547758.07,",
            "payment_amount",
            "the most is 14",
        ),
        (
            ",12000.00,",
            ",100000000.00,",
            "original_amount",
            "more than 99999999.99",
        ),
        (
            ",0.00,2026",
            ",100000000.00,2026",
            "fees_due",
            "more than 99999999.99",
        ),
        (",12000.00,", ",99999999.99,", "none", ""),
        (",48,", ",10000,", "term_months", "from 1 to 480"),
        (",48,", ",480,", "none", ""),
        (",8.25,", ",999,", "rate", "above 100%"),
        (",8.25,", ",100,", "none", ""),
    ];
    for (from, to, field, says) in cases {
        let row = good_row(4_000_000_001).replacen(from, to, 1);
        match read_loans(&file(&[row])) {
            Ok(loans) => {
                assert_eq!(field, "none", "{to} was accepted");
                assert!(!loans[0].remaining_installments().is_empty());
            }
            Err(e) => {
                let first = &e.0[0];
                assert_eq!((first.line, first.field.as_str()), (2, field), "{to}: {e}");
                assert!(first.message.contains(says), "{to}: {}", first.message);
            }
        }
    }
}

#[test]
fn a_file_with_more_rows_than_the_limit_is_refused_at_the_first_row_over_it() {
    let bytes = write_loans(&synthetic(3, 1, date(2026, 11, 25))).into_bytes();
    let Err(errors) = Table::read(&bytes, &LOAN_COLUMNS, &[], 2) else {
        panic!("three rows are over a limit of two");
    };
    assert_eq!(errors.0.len(), 1);
    assert_eq!((errors.0[0].line, errors.0[0].field.as_str()), (4, "row"));
    assert!(errors.0[0].message.contains("more than 2 rows"));
    assert!(Table::read(&bytes, &LOAN_COLUMNS, &[], 3).is_ok());
}

/// The header with the address by its parts (as files are written now), without the optional
/// second line.
const PARTS_HEADER: &str = "account_number,borrower_name,ssn,date_of_birth,address_line1,city,state,zip,email,phone,original_amount,rate,day_count,term_months,disbursement_date,first_payment_date,payment_amount,balances_as_of,current_principal,accrued_interest,fees_due,next_due_date,paid_to_date,autopay_at_prior_servicer";

/// The good row with its address by parts: `line1,city,state,zip` instead of the one line.
fn parts_row(account: u64, parts: &str) -> String {
    good_row(account).replace("\"12 Elm St, Springfield, IL\",62704", parts)
}

#[test]
fn the_address_is_read_by_its_parts_or_from_one_line() {
    let bytes = format!(
        "{PARTS_HEADER},address_line2\n{},Apt 4\n{},\n",
        parts_row(4_000_000_001, "12 Elm St,Springfield,IL,62704-1234"),
        parts_row(4_000_000_002, "1 Main St,San Juan,Puerto Rico,00901"),
    );
    let loans = read_loans(bytes.as_bytes()).unwrap();
    let a = &loans[0].address;
    assert_eq!(
        (a.line1(), a.line2(), a.city(), a.state(), a.zip().as_str()),
        (
            "12 Elm St",
            Some("Apt 4"),
            "Springfield",
            UsState::Illinois,
            "62704-1234"
        )
    );
    assert_eq!(
        a.lines(),
        ["12 Elm St", "Apt 4", "Springfield, IL 62704-1234"],
        "each part once, the ZIP once"
    );
    let b = &loans[1].address;
    assert_eq!((b.line2(), b.state()), (None, UsState::PuertoRico));
    // Written, the file gives the parts; read back, the same loans.
    let written = write_loans(&loans);
    assert!(written.starts_with(&LOAN_COLUMNS.join(",")), "{written}");
    assert_eq!(read_loans(written.as_bytes()).unwrap(), loans);

    // One line, in the older files (its lines parted by semicolons or commas): read into the
    // same parts, the ZIP once.
    let one_line = good_row(4_000_000_003).replace(
        "\"12 Elm St, Springfield, IL\",62704",
        "\"12 Elm St; Apt 4; Springfield, IL 62704-1234\",62704",
    );
    let read = read_loans(&file(&[one_line])).unwrap();
    assert_eq!(&read[0].address, a);
}

#[test]
fn an_address_missing_a_part_or_unreadable_is_refused_by_its_column() {
    // (the row's address columns, the column refused, what the problem says)
    let cases = [
        (",Springfield,IL,62704", "address_line1", "is required"),
        ("12 Elm St,,IL,62704", "city", "is required"),
        ("12 Elm St,Springfield,,62704", "state", "is required"),
        (
            "12 Elm St,Springfield,ZZ,62704",
            "state",
            "\"ZZ\" is not a US state",
        ),
        (
            "12 Elm St,Springfield,Ontario,62704",
            "state",
            "two-letter code",
        ),
        (
            "12 Elm St,Springfield,IL,6270",
            "zip",
            "ZIP code like 12345",
        ),
        (
            "12 Elm St\u{7},Springfield,IL,62704",
            "address_line1",
            "U+0007",
        ),
    ];
    for (parts, column, says) in cases {
        let bytes = file_with(PARTS_HEADER, &parts_row(4_000_000_001, parts));
        let errors = read_loans(&bytes).expect_err(parts).0;
        assert_eq!(
            (errors[0].line, errors[0].field.as_str()),
            (2, column),
            "{parts}: {errors:?}"
        );
        assert!(errors[0].message.contains(says), "{parts}: {errors:?}");
    }
    let long = format!("{},Springfield,IL,62704", "a".repeat(65));
    let errors = read_loans(&file_with(PARTS_HEADER, &parts_row(1, &long)))
        .unwrap_err()
        .0;
    assert_eq!(errors[0].field, "address_line1");
    assert!(errors[0].message.contains("the most is 64"), "{errors:?}");

    // One line that cannot be told apart, or with another ZIP: refused, saying what to do.
    for line in [
        "\"12 Elm St Springfield IL\",62704",
        "\"12 Elm St, Springfield, IL 62701\",62704",
        "\"Springfield, IL\",62704",
    ] {
        let row = good_row(4_000_000_001).replace("\"12 Elm St, Springfield, IL\",62704", line);
        let errors = read_loans(&file(&[row])).expect_err(line).0;
        assert_eq!(errors.len(), 1, "{line}: {errors:?}");
        assert_eq!(errors[0].field, "address", "{line}");
        assert!(
            errors[0].message.contains("cannot be read")
                && errors[0].message.contains("address_line1"),
            "{line}: {errors:?}"
        );
    }

    // Both ways in one row: refused, the file may say only one thing.
    let both = format!(
        "{PARTS_HEADER},address\n{},\"12 Elm St, Springfield, IL\"\n",
        parts_row(1, "12 Elm St,Springfield,IL,62704")
    );
    let errors = read_loans(both.as_bytes()).unwrap_err().0;
    assert_eq!(errors[0].field, "address");
    assert!(errors[0].message.contains("not both"), "{errors:?}");
}

#[test]
fn a_header_without_a_whole_address_refuses_the_file() {
    let row = parts_row(1, "12 Elm St,Springfield,IL,62704");
    let no_state = PARTS_HEADER.replace(",state,", ",");
    let row_no_state = row.replacen(",IL,", ",", 1);
    let errors = read_loans(&file_with(&no_state, &row_no_state))
        .unwrap_err()
        .0;
    assert_eq!((errors[0].line, errors[0].field.as_str()), (1, "header"));
    assert!(
        errors[0].message.contains("missing column(s): state"),
        "{errors:?}"
    );
    let no_address = HEADER.replace(",address,", ",");
    let row_no_address = good_row(1).replace("\"12 Elm St, Springfield, IL\",", "");
    let errors = read_loans(&file_with(&no_address, &row_no_address))
        .unwrap_err()
        .0;
    assert_eq!((errors[0].line, errors[0].field.as_str()), (1, "header"));
    assert!(
        errors[0].message.contains("address_line1, city, state"),
        "{errors:?}"
    );
}

/// A file of `header` and one `row`.
fn file_with(header: &str, row: &str) -> Vec<u8> {
    format!("{header}\n{row}\n").into_bytes()
}

#[test]
fn a_parsed_address_is_the_domain_s() {
    let typed = TypedAddress {
        line1: "12 Elm St",
        line2: "",
        city: "Springfield",
        state: "IL",
        zip: "62704",
    };
    let loans = read_loans(&file(&[good_row(4_000_000_001)])).unwrap();
    assert_eq!(loans[0].address, MailingAddress::parse(&typed).unwrap());
}

/// Text that breaks careless readers: multi-byte and invisible characters, NUL, CSV syntax,
/// dates and amounts at and past the bounds, a second `rate` column.
const TRICKY: [&str; 13] = [
    "é",
    "\u{202E}",
    "\0",
    "\"",
    ",",
    "\n",
    "9999-12-31",
    "2026-02-30",
    "92233720368547758.07",
    "99999999.99",
    "10000",
    ",rate",
    "0",
];

/// Applies one mutation `(kind, at, arg)` to a file: insert, delete or replace a byte, insert
/// a tricky text, duplicate the line at `at`, or cut the file at `at`.
fn mutate(bytes: &mut Vec<u8>, (kind, at, arg): (u8, usize, usize)) {
    fn insert(bytes: &mut Vec<u8>, at: usize, text: &[u8]) {
        let tail = bytes.split_off(at);
        bytes.extend_from_slice(text);
        bytes.extend_from_slice(&tail);
    }
    let at = at % (bytes.len() + 1);
    let byte = arg.to_le_bytes()[0];
    match kind {
        0 => bytes.insert(at, byte),
        1 if at < bytes.len() => {
            bytes.remove(at);
        }
        2 if at < bytes.len() => bytes[at] = byte,
        3 => insert(bytes, at, TRICKY[arg % TRICKY.len()].as_bytes()),
        4 => {
            let start = bytes[..at]
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |i| i + 1);
            let end = bytes[at..]
                .iter()
                .position(|b| *b == b'\n')
                .map_or(bytes.len(), |i| at + i + 1);
            let line = bytes[start..end].to_vec();
            insert(bytes, end, line.as_slice());
        }
        5 => bytes.truncate(at),
        _ => {}
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    #[test]
    fn mutated_boarding_files_give_loans_or_problems_with_lines_never_a_panic(
        mutations in proptest::collection::vec(
            (0_u8..6, proptest::prelude::any::<usize>(), proptest::prelude::any::<usize>()),
            1..6,
        )
    ) {
        let mut bytes = write_loans(&synthetic(3, 8_000_000, date(2026, 11, 25))).into_bytes();
        for m in mutations {
            mutate(&mut bytes, m);
        }
        // The header is line 1; no problem can be past the line after the last.
        let last_line = u64::try_from(bytes.iter().filter(|b| **b == b'\n').count()).unwrap() + 2;
        match read_loans(&bytes) {
            Ok(loans) => {
                for l in &loans {
                    proptest::prop_assert!((2..=last_line).contains(&l.line));
                    // What boarding builds from a loan must not panic either.
                    let _ = l.remaining_installments();
                }
            }
            Err(e) => {
                proptest::prop_assert!(!e.0.is_empty());
                for p in &e.0 {
                    proptest::prop_assert!((1..=last_line).contains(&p.line), "{p}");
                    proptest::prop_assert!(!p.field.is_empty() && !p.message.is_empty(), "{p}");
                }
            }
        }
    }
}
