use super::*;
use jiff::civil::date;
use money::Money;
use proptest::prelude::*;

/// A report with continuations as banks write them: an identifier whose last summary runs onto
/// an 88 (its type on line 3, its amount on line 4), a transaction whose text runs onto two 88s
/// (one ending with a slash, one without), and a transaction with no customer reference.
const CONTINUED: &str = "\
01,121000248,SERVICER,261202,0800,7,80,10,2/
02,SERVICER,121000248,1,261201,2400,USD,2/
03,4455667788,USD,010,1000000,,,015,1019284,,,100,24284,1,0,400
88,5000,1,0/
16,165,24284,V,261201,0900,B8812,PAY000000000001,ACH CREDIT FROM MARIA GARCIA,
88,FOR LOAN 100-200-300/
88,THANK YOU
16,455,5000,0,B8813,,INSURANCE PREMIUM/
49,2077852,7/
98,2077852,1,9/
99,2077852,1,11/
";

fn small() -> Bai2File {
    Bai2File {
        sender: "121000248".into(),
        receiver: "SERVICER".into(),
        created_on: date(2026, 12, 2),
        groups: vec![Group {
            originator: "121000248".into(),
            as_of: date(2026, 12, 1),
            currency: Some("USD".into()),
            accounts: vec![AccountReport {
                number: "4455667788".into(),
                currency: None,
                summaries: vec![
                    Summary {
                        type_code: 10,
                        amount: Some(Money::from_cents(1_000_000)),
                        item_count: None,
                    },
                    Summary {
                        type_code: 15,
                        amount: Some(Money::from_cents(1_024_284)),
                        item_count: None,
                    },
                    Summary {
                        type_code: 100,
                        amount: Some(Money::from_cents(24_284)),
                        item_count: Some(1),
                    },
                ],
                transactions: vec![Transaction {
                    type_code: 165,
                    amount: Money::from_cents(24_284),
                    funds_type: "0".into(),
                    bank_reference: "B123".into(),
                    customer_reference: "PAY000000000001".into(),
                    text: "ACH CREDIT, SERVICER DEMO".into(),
                    line: 0,
                }],
                line: 0,
            }],
            line: 0,
        }],
    }
}

/// The file with every line number set to zero, to compare what was written with what was
/// read.
fn without_lines(mut file: Bai2File) -> Bai2File {
    for group in &mut file.groups {
        group.line = 0;
        for account in &mut group.accounts {
            account.line = 0;
            for transaction in &mut account.transactions {
                transaction.line = 0;
            }
        }
    }
    file
}

#[test]
fn a_written_file_has_every_total_computed() {
    let text = write(&small());
    assert_eq!(
        text,
        "01,121000248,SERVICER,261202,0000,1,,,2/\n\
         02,SERVICER,121000248,1,261201,,USD,2/\n\
         03,4455667788,,010,1000000,,,015,1024284,,,100,24284,1,/\n\
         16,165,24284,0,B123,PAY000000000001,ACH CREDIT, SERVICER DEMO/\n\
         49,2072852,3/\n\
         98,2072852,1,5/\n\
         99,2072852,1,7/\n"
    );
    let read_back = read(text.as_bytes()).unwrap();
    assert_eq!(read_back.groups[0].line, 2);
    assert_eq!(read_back.groups[0].accounts[0].line, 3);
    assert_eq!(read_back.groups[0].accounts[0].transactions[0].line, 4);
    assert_eq!(without_lines(read_back), small());
}

#[test]
fn continuations_are_joined_fields_across_lines_and_text_by_a_space() {
    let file = read(CONTINUED.as_bytes()).unwrap();
    assert_eq!(
        (
            file.sender.as_str(),
            file.receiver.as_str(),
            file.created_on
        ),
        ("121000248", "SERVICER", date(2026, 12, 2))
    );
    let group = &file.groups[0];
    assert_eq!(group.as_of, date(2026, 12, 1));
    assert_eq!(group.currency.as_deref(), Some("USD"));
    let account = &group.accounts[0];
    assert_eq!(account.number, "4455667788");
    assert_eq!(account.currency.as_deref(), Some("USD"));
    assert_eq!(account.summaries.len(), 4);
    assert_eq!(
        account.summaries[3],
        Summary {
            type_code: 400,
            amount: Some(Money::from_cents(5_000)),
            item_count: Some(1),
        }
    );
    let [credit, debit] = account.transactions.as_slice() else {
        panic!("two transactions: {:?}", account.transactions);
    };
    assert_eq!(
        credit.text,
        "ACH CREDIT FROM MARIA GARCIA, FOR LOAN 100-200-300 THANK YOU"
    );
    assert_eq!(
        (
            credit.type_code,
            credit.amount,
            credit.funds_type.as_str(),
            credit.bank_reference.as_str(),
            credit.customer_reference.as_str(),
            credit.line
        ),
        (
            165,
            Money::from_cents(24_284),
            "V",
            "B8812",
            "PAY000000000001",
            5
        )
    );
    assert!(credit.is_credit() && !credit.is_debit());
    assert_eq!(
        (
            debit.customer_reference.as_str(),
            debit.text.as_str(),
            debit.line
        ),
        ("", "INSURANCE PREMIUM", 8)
    );
    assert!(debit.is_debit() && !debit.is_credit());
    assert_eq!(type_code_name(credit.type_code), "Preauthorized ACH credit");
    assert_eq!(type_code_name(debit.type_code), "Preauthorized ACH debit");
}

#[test]
fn type_codes_have_names() {
    for (code, name) in [
        (10, "Opening ledger"),
        (15, "Closing ledger"),
        (115, "Lockbox deposit"),
        (142, "ACH credit received"),
        (165, "Preauthorized ACH credit"),
        (455, "Preauthorized ACH debit"),
        (555, "Deposited item returned"),
        (0, "Other"),
        (999, "Other"),
    ] {
        assert_eq!(type_code_name(code), name, "{code}");
    }
}

#[test]
fn line_endings_blank_lines_and_a_missing_last_slash_are_read() {
    let crlf = CONTINUED.replace('\n', "\r\n");
    assert_eq!(
        without_lines(read(crlf.as_bytes()).unwrap()),
        without_lines(read(CONTINUED.as_bytes()).unwrap())
    );
    let spaced = format!("\n\n{}", CONTINUED.replace("\n16,455", "\n\n16,455"));
    let file = read(spaced.as_bytes()).unwrap();
    assert_eq!(file.groups[0].accounts[0].transactions[1].line, 11);
    let bare_end = CONTINUED.replace("99,2077852,1,11/\n", "99,2077852,1,11");
    assert!(read(bare_end.as_bytes()).is_ok());
    let with_bom = format!("\u{feff}{CONTINUED}");
    assert!(read(with_bom.as_bytes()).is_ok());
}

/// The small file written, with line `at` (1-based) replaced.
fn small_with(at: usize, line: &str) -> String {
    let text = write(&small());
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines[at - 1] = line.to_owned();
    lines.join("\n") + "\n"
}

#[test]
fn every_broken_total_or_field_is_refused_naming_its_line() {
    let text = write(&small());
    let lines: Vec<&str> = text.lines().collect();
    let without = |at: usize| {
        let mut ls = lines.clone();
        ls.remove(at - 1);
        ls.join("\n") + "\n"
    };
    let empty_group = "01,121000248,SERVICER,261202,0000,1,,,2/\n\
                       02,SERVICER,121000248,1,261201,,USD,2/\n\
                       98,0,0,2/\n\
                       99,0,1,4/\n";
    // (what is wrong, the file, the line named, words of the reason)
    let cases: Vec<(&str, String, usize, &str)> = vec![
        (
            "account total",
            small_with(5, "49,2072853,3/"),
            5,
            "account trailer's control total is 20,728.53, but its summaries and transactions add up to 20,728.52",
        ),
        (
            "account records",
            small_with(5, "49,2072852,4/"),
            5,
            "account trailer's record count is 4",
        ),
        (
            "a transaction's amount",
            small_with(
                4,
                "16,165,24285,0,B123,PAY000000000001,ACH CREDIT, SERVICER DEMO/",
            ),
            5,
            "account trailer's control total",
        ),
        (
            "a balance",
            small_with(
                3,
                "03,4455667788,,010,1000001,,,015,1024284,,,100,24284,1,/",
            ),
            5,
            "account trailer's control total",
        ),
        (
            "group total",
            small_with(6, "98,2072850,1,5/"),
            6,
            "group trailer's control total is 20,728.50",
        ),
        (
            "group accounts",
            small_with(6, "98,2072852,2,5/"),
            6,
            "group trailer's number of accounts is 2, but the accounts in the group number 1",
        ),
        (
            "group records",
            small_with(6, "98,2072852,1,6/"),
            6,
            "group trailer's record count is 6",
        ),
        (
            "file total",
            small_with(7, "99,-2072852,1,7/"),
            7,
            "file trailer's control total is -20,728.52",
        ),
        (
            "file groups",
            small_with(7, "99,2072852,2,7/"),
            7,
            "file trailer's number of groups is 2",
        ),
        (
            "file records",
            small_with(7, "99,2072852,1,70/"),
            7,
            "file trailer's record count is 70",
        ),
        (
            "a blank record count",
            small_with(5, "49,2072852,/"),
            5,
            "number of records: blank",
        ),
        (
            "a total not a number",
            small_with(5, "49,20728.52,3/"),
            5,
            "not an amount in cents",
        ),
        (
            "a negative transaction",
            small_with(4, "16,165,-24284,0,B123,PAY1,TEXT/"),
            4,
            "minus sign",
        ),
        (
            "a blank transaction amount",
            small_with(4, "16,165,,0,B123,PAY1,TEXT/"),
            4,
            "amount: blank",
        ),
        (
            "a funds type BAI2 does not define",
            small_with(4, "16,165,24284,X,B123,PAY1,TEXT/"),
            4,
            "not a funds type",
        ),
        (
            "a value date that is not a date",
            small_with(4, "16,165,24284,V,261301,,B123,PAY1,TEXT/"),
            4,
            "value date",
        ),
        (
            "a type code of two digits",
            small_with(4, "16,65,24284,0,B123,PAY1,TEXT/"),
            4,
            "type code",
        ),
        (
            "a creation date of February 30",
            small_with(1, "01,121000248,SERVICER,260230,0000,1,,,2/"),
            1,
            "creation date",
        ),
        (
            "a time of 25:00",
            small_with(1, "01,121000248,SERVICER,261202,2500,1,,,2/"),
            1,
            "creation time",
        ),
        (
            "BAI version 3",
            small_with(1, "01,121000248,SERVICER,261202,0000,1,,,3/"),
            1,
            "version",
        ),
        (
            "a header field too many",
            small_with(1, "01,121000248,SERVICER,261202,0000,1,,,2,X/"),
            1,
            "more fields",
        ),
        (
            "a blank originator",
            small_with(2, "02,SERVICER,,1,261201,,USD,2/"),
            2,
            "originator: blank",
        ),
        (
            "a currency of two letters",
            small_with(2, "02,SERVICER,121000248,1,261201,,US,2/"),
            2,
            "currency",
        ),
        (
            "a group status of 9",
            small_with(2, "02,SERVICER,121000248,9,261201,,USD,2/"),
            2,
            "group status",
        ),
        (
            "a blank account number",
            small_with(3, "03,,,010,1000000,,,015,1024284,,,100,24284,1,/"),
            3,
            "account number: blank",
        ),
        (
            "a summary with an amount and no type",
            small_with(3, "03,4455667788,,,1000000,,,015,1024284,,,100,24284,1,/"),
            3,
            "summary type code",
        ),
        (
            "two records on one line",
            small_with(5, "49,2072852,3/ 98,2072852,1,5/"),
            5,
            "slash",
        ),
        (
            "no account trailer",
            without(5),
            5,
            "expected a transaction (16) or the account trailer (49)",
        ),
        (
            "no group trailer",
            without(6),
            6,
            "expected an account identifier (03) or the group trailer (98)",
        ),
        (
            "no file trailer",
            without(7),
            6,
            "the file ends before its file trailer (99)",
        ),
        (
            "no file header",
            without(1),
            1,
            "starts with its file header",
        ),
        (
            "a record after the end",
            text.clone() + "99,0,0,1/\n",
            8,
            "goes on after its trailer",
        ),
        (
            "a continuation first",
            format!("88,X/\n{text}"),
            1,
            "continuation (88)",
        ),
        (
            "a record type 17",
            small_with(4, "17,165,24284,0,,,/"),
            4,
            "not a BAI2 record type",
        ),
        (
            "a line without a comma",
            small_with(4, "16/"),
            4,
            "not a record",
        ),
        (
            "a NUL",
            small_with(4, "16,165,24284,0,B\u{0}123,PAY1,TEXT/"),
            4,
            "control character",
        ),
        (
            "a control character in the text",
            text.replacen("DEMO", "D\u{1}MO", 1),
            4,
            "control character",
        ),
        (
            "a group of no accounts",
            empty_group.to_owned(),
            3,
            "no accounts",
        ),
        ("nothing", String::new(), 1, "empty"),
        ("only blank lines", "\n \n\r\n".to_owned(), 1, "empty"),
    ];
    for (case, text, line, why) in cases {
        let e = read(text.as_bytes()).expect_err(case);
        assert_eq!(e.line(), line, "{case}: {e}");
        let shown = e.to_string();
        assert!(shown.starts_with(&format!("line {line}")), "{case}: {e}");
        assert!(shown.contains(why), "{case}: {e}");
    }
    let mut latin1 = text.into_bytes();
    latin1.extend_from_slice(b"16,165,1,0,,,CAF\xC9/\n");
    let e = read(&latin1).unwrap_err();
    assert_eq!(
        (e.line(), e.to_string().contains("UTF-8")),
        (8, true),
        "{e}"
    );
}

/// Where the shared fixtures are (absent outside the build machine).
fn fixtures() -> Option<std::path::PathBuf> {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/bai2");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: {} is absent (the shared fixtures are not part of the project)",
            dir.display()
        );
        None
    }
}

/// Every amount of a file: its summaries' and its transactions' (what the file trailer's
/// control total adds up).
fn grand_total(file: &Bai2File) -> i64 {
    file.groups
        .iter()
        .flat_map(|g| &g.accounts)
        .map(|a| {
            a.summaries
                .iter()
                .filter_map(|s| s.amount)
                .map(Money::cents)
                .sum::<i64>()
                + a.transactions.iter().map(|t| t.amount.cents()).sum::<i64>()
        })
        .sum()
}

/// The numbers of accounts by group and of transactions by account.
fn shape(file: &Bai2File) -> (Vec<usize>, Vec<usize>) {
    let accounts = file.groups.iter().map(|g| g.accounts.len()).collect();
    let transactions = file
        .groups
        .iter()
        .flat_map(|g| &g.accounts)
        .map(|a| a.transactions.len())
        .collect();
    (accounts, transactions)
}

#[test]
fn the_public_samples_are_read_with_their_totals_or_refused_naming_the_line() {
    let Some(dir) = fixtures() else {
        return;
    };
    let open = |name: &str| {
        let bytes = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        std::panic::catch_unwind(|| read(&bytes))
            .unwrap_or_else(|_| panic!("{name}: the reader panicked"))
    };
    let good = |name: &str| open(name).unwrap_or_else(|e| panic!("{name}: refused: {e}"));

    let blank = good("moj-bai2__account_trailer_amount_blank_example.bai2");
    assert_eq!(shape(&blank), (vec![2], vec![0, 0]));
    assert_eq!(blank.created_on, date(2021, 1, 1));
    assert_eq!(grand_total(&blank), 0);

    let citi = good("moj-bai2__citi_example.bai2");
    assert_eq!(shape(&citi), (vec![1], vec![1]));
    assert_eq!(citi.groups[0].currency.as_deref(), Some("GBP"));
    assert_eq!(citi.groups[0].as_of, date(2015, 7, 15));
    let wire = &citi.groups[0].accounts[0].transactions[0];
    assert_eq!(
        (
            wire.type_code,
            wire.amount.cents(),
            wire.funds_type.as_str(),
            wire.bank_reference.as_str(),
            wire.customer_reference.as_str()
        ),
        (191, 1, "V", "1234567890", "RP12312312312312")
    );
    assert!(
        wire.text
            .starts_with("FR:FP SIP INCOMING ENDT:20150715 TRID:RP12312312312312 PY:"),
        "{}",
        wire.text
    );
    assert!(
        wire.text.ends_with("BO:11111111 BO1:DOE JO"),
        "{}",
        wire.text
    );
    assert_eq!(grand_total(&citi), 20_001);

    let nwb = good("moj-bai2__nwb_example.bai2");
    assert_eq!(shape(&nwb), (vec![1], vec![5]));
    let account = &nwb.groups[0].accounts[0];
    assert_eq!(account.number, "88888888 600004");
    assert_eq!(account.summaries.len(), 9);
    assert_eq!(
        account.transactions[4].text,
        "TFR XBANKGO24007680SJ CAT JPY 2 GBPXBANKGO24007680BGC INTERNATIONAL-5373 CLIE NT SECCY AC TFR"
    );
    assert_eq!(
        account.transactions.iter().filter(|t| t.is_debit()).count(),
        4
    );
    assert_eq!(grand_total(&nwb), 143_764);

    let svb = good("moj-bai2__svb_us_example.bai2");
    assert_eq!(shape(&svb), (vec![1, 1], vec![1, 1]));
    let ach = &svb.groups[1].accounts[0].transactions[0];
    assert_eq!(
        (
            ach.type_code,
            ach.amount.cents(),
            ach.bank_reference.as_str(),
            ach.text.as_str()
        ),
        (142, 905_800, "150675", "SOME PAYMENT ACH OFFSET")
    );
    assert_eq!(svb.groups[0].accounts[0].summaries.len(), 8);
    assert_eq!(grand_total(&svb), 282_030_196);

    let sample1 = good("moov-io-bai2__sample1.bai");
    assert_eq!(shape(&sample1), (vec![2], vec![11, 6]));
    assert_eq!(sample1.groups[0].currency.as_deref(), Some("CAD"));
    assert_eq!(sample1.created_on, date(2006, 3, 21));
    let first = &sample1.groups[0].accounts[0].transactions[0];
    assert_eq!(
        (
            first.type_code,
            first.amount.cents(),
            first.text.as_str(),
            first.line
        ),
        (409, 2_500, "RETURNED CHEQUE", 5)
    );
    assert_eq!(
        sample1.groups[0].accounts[0].summaries[3],
        Summary {
            type_code: 400,
            amount: Some(Money::from_cents(208_500)),
            item_count: Some(8),
        }
    );
    assert_eq!(grand_total(&sample1), 1_280_000);

    let sample2 = good("moov-io-bai2__sample2.bai");
    assert_eq!(shape(&sample2), (vec![2, 1, 1, 1], vec![1, 1, 2, 0, 0]));
    let lockbox = &sample2.groups[0].accounts[1];
    assert_eq!(lockbox.summaries.len(), 8);
    assert_eq!(
        lockbox.summaries[7].amount,
        Some(Money::from_cents(-1_500_000))
    );
    assert_eq!(
        (
            lockbox.transactions[0].funds_type.as_str(),
            lockbox.transactions[0].text.as_str()
        ),
        ("S", "LOCK BOX NO.68751")
    );
    let letter = &sample2.groups[1].accounts[0].transactions[0];
    assert_eq!(
        (
            letter.bank_reference.as_str(),
            letter.customer_reference.as_str(),
            letter.text.as_str()
        ),
        (
            "SP4738",
            "YRC065321",
            "PROCEEDS OF LETTER OF CREDIT FROM THE ARAMCO OIL CO"
        )
    );
    let distributed = &sample2.groups[2].accounts[0].summaries;
    assert_eq!(
        distributed
            .iter()
            .map(|s| (s.type_code, s.item_count))
            .collect::<Vec<_>>(),
        [(10, None), (190, Some(4)), (110, Some(15))]
    );
    assert_eq!(
        sample2.groups[3].accounts[0].summaries[2].item_count,
        Some(4)
    );
    assert_eq!(grand_total(&sample2), 345_450_000);

    // (file, the line named, words of the reason)
    for (name, line, why) in [
        (
            "moov-io-bai2__sample-parseError.bai",
            1,
            "not a BAI2 record type",
        ),
        // Two records on a line (and no file trailer at its end).
        ("moov-io-bai2__sample3.bai", 1, "slash"),
        // Its control totals were edited by hand and no longer add up.
        (
            "moov-io-bai2__sample4-continuations-newline-delimited.bai",
            22,
            "the account trailer's control total is -12,601,613,417.62, but its summaries and transactions add up to 79,999.60",
        ),
        // A continuation written "88:" (the same edited totals follow).
        (
            "moov-io-bai2__sample5-issue113.bai",
            63,
            "\"88:EREF: 07370568132\" is not a record",
        ),
        // The account's trailer counts 2 records where there are 4 (03, 16, 88, 49).
        ("dnsbty-bai2__test.bai", 7, "record count is 2, but"),
        ("dnsbty-bai2__test2.bai", 6, "control total is 4,460.00"),
        (
            "dnsbty-bai2__test3.bai",
            3,
            "the file ends before the trailer (49)",
        ),
    ] {
        let e = open(name).expect_err(name);
        assert_eq!(e.line(), line, "{name}: {e}");
        assert!(e.to_string().contains(why), "{name}: {e}");
    }
}

/// The lines of a file, counted as the reader numbers them.
fn line_count(bytes: &[u8]) -> usize {
    bytes.split(|b| *b == b'\n').count()
}

#[test]
fn a_file_cut_at_any_byte_is_read_or_refused_naming_a_line_never_a_panic() {
    for text in [CONTINUED.to_owned(), write(&small())] {
        let bytes = text.as_bytes();
        for end in 0..=bytes.len() {
            let cut = &bytes[..end];
            if let Err(e) = read(cut) {
                assert!(
                    (1..=line_count(cut)).contains(&e.line()),
                    "cut at {end}: {e}"
                );
            }
        }
    }
}

/// Strategies for the round trip: values a bank could have sent, already trimmed.
fn transaction() -> impl Strategy<Value = Transaction> {
    (
        proptest::sample::select(vec![115_u16, 142, 165, 195, 301, 399, 455, 475, 555, 699]),
        0_i64..10_000_000_000,
        proptest::sample::select(vec!["", "0", "1", "2", "Z", "S", "V", "D"]),
        "[A-Z0-9]{0,16}",
        "[A-Z0-9/-]{0,16}",
        "([A-Z0-9:/.,-]{1,12}( [A-Z0-9:/.,-]{1,12}){0,3})?",
    )
        .prop_map(
            |(type_code, cents, funds, bank, customer, text)| Transaction {
                type_code,
                amount: Money::from_cents(cents),
                funds_type: funds.to_owned(),
                bank_reference: bank,
                customer_reference: customer,
                text,
                line: 0,
            },
        )
}

fn summary() -> impl Strategy<Value = Summary> {
    (
        proptest::sample::select(vec![10_u16, 15, 40, 45, 100, 400]),
        proptest::option::of(-10_000_000_000_i64..10_000_000_000),
        proptest::option::of(any::<u32>()),
    )
        .prop_map(|(type_code, amount, item_count)| Summary {
            type_code,
            amount: amount.map(Money::from_cents),
            item_count,
        })
}

fn currency() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(proptest::sample::select(vec!["USD", "CAD"]).prop_map(str::to_owned))
}

fn day() -> impl Strategy<Value = jiff::civil::Date> {
    (1969_i16..=2068, 1_i8..=12, 1_i8..=28).prop_map(|(y, m, d)| date(y, m, d))
}

fn account() -> impl Strategy<Value = AccountReport> {
    (
        "[0-9]{4,12}",
        currency(),
        proptest::collection::vec(summary(), 0..4),
        proptest::collection::vec(transaction(), 0..6),
    )
        .prop_map(
            |(number, currency, summaries, transactions)| AccountReport {
                number,
                currency,
                summaries,
                transactions,
                line: 0,
            },
        )
}

fn group() -> impl Strategy<Value = Group> {
    (
        "[0-9]{9}",
        day(),
        currency(),
        proptest::collection::vec(account(), 1..3),
    )
        .prop_map(|(originator, as_of, currency, accounts)| Group {
            originator,
            as_of,
            currency,
            accounts,
            line: 0,
        })
}

fn file() -> impl Strategy<Value = Bai2File> {
    (
        "[0-9]{9}",
        "[A-Z]{3,10}",
        day(),
        proptest::collection::vec(group(), 1..3),
    )
        .prop_map(|(sender, receiver, created_on, groups)| Bai2File {
            sender,
            receiver,
            created_on,
            groups,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn write_then_read_round_trips(original in file()) {
        let text = write(&original);
        let read_back = read(text.as_bytes());
        prop_assert!(read_back.is_ok(), "{:?}\n{}", read_back, text);
        if let Ok(read_back) = read_back {
            prop_assert_eq!(without_lines(read_back), original);
        }
    }

    /// The reader never panics on a mutated report: it reads it, or refuses it naming a line
    /// of it.
    #[test]
    fn mutated_reports_are_read_or_refused_naming_a_line_never_a_panic(
        from_continued in any::<bool>(),
        edits in proptest::collection::vec((0_u8..6, 0_usize..2_000, 0_usize..256), 1..6)
    ) {
        let mut bytes = if from_continued {
            CONTINUED.as_bytes().to_vec()
        } else {
            write(&small()).into_bytes()
        };
        for (kind, at, arg) in edits {
            let at = at % (bytes.len() + 1);
            let byte = u8::try_from(arg % 256).unwrap();
            match kind {
                0 => bytes.insert(at, byte),
                1 if at < bytes.len() => { bytes.remove(at); }
                2 if at < bytes.len() => bytes[at] ^= byte,
                3 => {
                    // The line holding `at`, dropped.
                    let start = bytes[..at].iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
                    let end = bytes[at..].iter().position(|b| *b == b'\n').map_or(bytes.len(), |p| at + p + 1);
                    bytes.drain(start..end).for_each(drop);
                }
                4 => {
                    // The line holding `at`, again right after itself.
                    let start = bytes[..at].iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
                    let end = bytes[at..].iter().position(|b| *b == b'\n').map_or(bytes.len(), |p| at + p + 1);
                    let line = bytes[start..end].to_vec();
                    bytes.splice(end..end, line);
                }
                _ => bytes.splice(at..at, b",/88,".iter().copied()).for_each(drop),
            }
        }
        let lines = line_count(&bytes);
        if let Err(e) = read(&bytes) {
            prop_assert!((1..=lines).contains(&e.line()), "line {} of {}: {}", e.line(), lines, e);
        }
    }
}
