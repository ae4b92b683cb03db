use super::*;
use jiff::civil::date;
use money::Money;
use proptest::prelude::*;

/// A shared fixture's bytes, or `None` (with the reason printed) when the fixtures are absent.
fn fixture(name: &str) -> Option<Vec<u8>> {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/fixtures/lockbox/"
    );
    match std::fs::read(format!("{dir}{name}")) {
        Ok(bytes) => Some(bytes),
        Err(_) => {
            eprintln!(
                "skipped: {dir}{name} is absent (the shared fixtures are not part of the project)"
            );
            None
        }
    }
}

fn check(item: &str, cents: i64, memo: &[&str]) -> Check {
    Check {
        item: item.to_owned(),
        amount: Money::from_cents(cents),
        check_number: format!("{:010}", 1_000 + cents % 997),
        check_date: Some(date(2026, 2, 27)),
        payer: format!("PAYER {item} O'NEIL-SMITH, J.R."),
        payer_routing: "021000021".to_owned(),
        payer_account: "0012345678".to_owned(),
        memo: memo.iter().map(|m| (*m).to_owned()).collect(),
        line: 0,
    }
}

fn batch(number: &str, checks: Vec<Check>) -> Batch {
    Batch {
        number: number.to_owned(),
        checks,
        line: 0,
    }
}

fn lockbox(number: &str, deposit_date: jiff::civil::Date, batches: Vec<Batch>) -> Lockbox {
    Lockbox {
        number: number.to_owned(),
        deposit_date,
        batches,
        line: 0,
    }
}

/// Several lockboxes (one with no batches), batches (one empty), checks with none, one and
/// several overflow records (one blank), one without a date.
fn several() -> LockboxFile {
    let mut undated = check("002", 250_000, &[]);
    undated.check_date = None;
    LockboxFile {
        origin: "0099999991".to_owned(),
        destination: "SERVICER".to_owned(),
        created_on: date(2026, 3, 2),
        lockboxes: vec![
            lockbox(
                "0022222",
                date(2026, 3, 2),
                vec![
                    batch(
                        "001",
                        vec![
                            check("001", 24_284, &["LOAN 0000123456"]),
                            undated,
                            check(
                                "003",
                                1,
                                &["LOAN 0000123457", "", "EXTRA PRINCIPAL (JAN/FEB)"],
                            ),
                        ],
                    ),
                    batch("002", vec![check("001", 9_000_000_000, &[])]),
                    batch("003", Vec::new()),
                ],
            ),
            lockbox(
                "0033333",
                date(2026, 3, 1),
                vec![batch(
                    "007",
                    vec![check("010", 700_000, &["CE554"]), check("011", 12_345, &[])],
                )],
            ),
            lockbox("0044444", date(2026, 3, 2), Vec::new()),
        ],
    }
}

fn without_lines(mut f: LockboxFile) -> LockboxFile {
    for l in &mut f.lockboxes {
        l.line = 0;
        for b in &mut l.batches {
            b.line = 0;
            for c in &mut b.checks {
                c.line = 0;
            }
        }
    }
    f
}

/// The FundersClub sample as we write it (our time is 0000 and the payee our destination).
/// That parser reads this text: 1 check, BOB E SMITH, 180, 2016-05-16, 7000.00, memo CE554.
const GOLDEN: &str = "\
100ABCDEFGHIJ00999999911605230000
2ABCDEFGHIJ0099999991000000000040008000801
50000000022222160523ABCDEFGHIJ0099999991
6001001000070000005500270700123455550000000180051616BOB E SMITH                   ABCDEFGHIJ
40010016019CE554
700100000222221605230010000700000
8000000002222216052300010000700000
9000008
";

fn golden_file() -> LockboxFile {
    LockboxFile {
        origin: "0099999991".to_owned(),
        destination: "ABCDEFGHIJ".to_owned(),
        created_on: date(2016, 5, 23),
        lockboxes: vec![lockbox(
            "0022222",
            date(2016, 5, 23),
            vec![batch(
                "001",
                vec![Check {
                    item: "001".to_owned(),
                    amount: Money::from_cents(700_000),
                    check_number: "0000000180".to_owned(),
                    check_date: Some(date(2016, 5, 16)),
                    payer: "BOB E SMITH".to_owned(),
                    payer_routing: "055002707".to_owned(),
                    payer_account: "0012345555".to_owned(),
                    memo: vec!["CE554".to_owned()],
                    line: 0,
                }],
            )],
        )],
    }
}

#[test]
fn the_fundersclub_samples_read_with_their_values() {
    let Some(bytes) = fixture("fundersclub__test_lockbox.bai") else {
        return;
    };
    let file = read(&bytes).unwrap();
    assert_eq!(file.count(), 1);
    assert_eq!(file.total(), Money::from_cents(700_000));
    let (lockbox, batch, check) = file.checks().next().unwrap();
    assert_eq!(
        (lockbox.number.as_str(), lockbox.deposit_date, lockbox.line),
        ("0022222", date(2016, 5, 23), 3)
    );
    assert_eq!((batch.number.as_str(), batch.line), ("001", 6));
    assert_eq!(check.check_number.trim_start_matches('0'), "180");
    assert_eq!(check.check_date, Some(date(2016, 5, 16)));
    assert_eq!(check.amount, Money::from_cents(700_000));
    assert_eq!(check.payer, "BOB E SMITH");
    assert_eq!(check.memo, ["CE554"]);
    assert_eq!(
        (check.payer_routing.as_str(), check.payer_account.as_str()),
        ("055002707", "0012345555")
    );
    assert_eq!((check.item.as_str(), check.line), ("001", 4));
    assert_eq!(
        (
            file.origin.as_str(),
            file.destination.as_str(),
            file.created_on
        ),
        ("0099999991", "ABCDEFGHIJ", date(2016, 5, 23))
    );

    let Some(bytes) = fixture("fundersclub__test_empty_lockbox.bai") else {
        return;
    };
    let empty = read(&bytes).unwrap();
    assert_eq!(empty.count(), 0);
    assert_eq!(empty.total(), Money::ZERO);
    assert_eq!(empty.lockboxes.len(), 1);
    assert_eq!(empty.lockboxes[0].batches.len(), 1);
    assert!(empty.lockboxes[0].batches[0].checks.is_empty());
}

#[test]
fn the_writer_lays_records_out_as_the_fundersclub_parser_reads_them() {
    assert_eq!(write(&golden_file()), GOLDEN);
    assert_eq!(
        without_lines(read(GOLDEN.as_bytes()).unwrap()),
        golden_file()
    );
}

#[test]
fn write_then_read_gives_the_file_back() {
    let file = several();
    let text = write(&file);
    assert!(
        text.lines()
            .all(|l| l.len() <= MAX_RECORD && !l.ends_with(' '))
    );
    let back = read(text.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(without_lines(back.clone()), file);
    assert_eq!(back.count(), 6);
    assert_eq!(
        back.total(),
        Money::from_cents(24_284 + 250_000 + 1 + 9_000_000_000 + 700_000 + 12_345)
    );
    // Every line number names its record.
    let lines: Vec<&str> = text.lines().collect();
    for (l, b, c) in back.checks() {
        assert!(lines[l.line - 1].starts_with('5'));
        assert!(lines[b.line - 1].starts_with('7'));
        assert!(lines[c.line - 1].starts_with('6'));
    }
    let items: Vec<(&str, &str, &str)> = back
        .checks()
        .map(|(l, b, c)| (l.number.as_str(), b.number.as_str(), c.item.as_str()))
        .collect();
    assert_eq!(items[3], ("0022222", "002", "001"));
    assert_eq!(items[5], ("0033333", "007", "011"));
    // Padded to a fixed width with CRLF endings, the file reads the same.
    let padded: String = text.lines().map(|l| format!("{l:<104}\r\n")).collect();
    assert_eq!(read(padded.as_bytes()).unwrap(), back);
    // No final line ending, or blank lines after the trailer: the same.
    assert_eq!(read(text.trim_end().as_bytes()).unwrap(), back);
    assert_eq!(read(format!("{text}\n\n  \n").as_bytes()).unwrap(), back);
}

#[test]
fn the_sample_round_trips_across_lockboxes_and_batches() {
    for n in [0, 1, 49, 50, 51, 2_500] {
        let file = sample(n, date(2026, 3, 2));
        let back = read(write(&file).as_bytes()).unwrap();
        assert_eq!(without_lines(back), file, "{n} checks");
        assert_eq!(file.count(), usize::try_from(n).unwrap());
    }
    let big = sample(2_500, date(2026, 3, 2));
    assert_eq!(big.lockboxes.len(), 3);
    assert_eq!(big.lockboxes[0].batches.len(), 20);
    // Whole quarters, so a reader that adds them as floating point agrees with the totals.
    assert!(big.checks().all(|(_, _, c)| c.amount.cents() % 25 == 0));
}

#[test]
fn a_check_prints_only_the_last_four_of_its_account() {
    let c = check("001", 100, &[]);
    let shown = format!("{c:?}");
    assert!(shown.contains("****5678"), "{shown}");
    assert!(!shown.contains("0012345678"), "{shown}");
    let mut short = c;
    short.payer_account = "123".to_owned();
    assert!(!format!("{short:?}").contains("123\""));
}

/// GOLDEN with line `at` (1-based) replaced by `with` (`None` removes it).
fn edit(at: usize, with: Option<&str>) -> String {
    let mut lines: Vec<String> = GOLDEN.lines().map(str::to_owned).collect();
    match with {
        Some(w) => lines[at - 1] = w.to_owned(),
        None => {
            lines.remove(at - 1);
        }
    }
    lines.join("\n") + "\n"
}

fn line(at: usize) -> &'static str {
    GOLDEN.lines().nth(at - 1).unwrap()
}

/// GOLDEN with the first `from` on line `at` replaced by `to`.
fn replaced(at: usize, from: &str, to: &str) -> String {
    edit(at, Some(line(at).replacen(from, to, 1).as_str()))
}

#[test]
fn every_kind_of_broken_file_is_refused_naming_its_line() {
    let with_duplicate = {
        let mut lines: Vec<String> = GOLDEN.lines().map(str::to_owned).collect();
        lines.insert(5, line(4).to_owned());
        lines[6] = "700100000222221605230020001400000".to_owned();
        lines[7] = "8000000002222216052300020001400000".to_owned();
        lines[8] = "9000009".to_owned();
        lines.join("\n")
    };
    let zero = {
        let mut lines: Vec<String> = GOLDEN.lines().map(str::to_owned).collect();
        lines[3] = line(4).replacen("0000700000", "0000000000", 1);
        lines[5] = "700100000222221605230010000000000".to_owned();
        lines[6] = "8000000002222216052300010000000000".to_owned();
        lines.join("\n")
    };
    let cases: Vec<(&str, String, usize)> = vec![
        ("empty", String::new(), 1),
        ("only blank lines", " \r\n\n".to_owned(), 1),
        ("no file header", edit(1, None), 1),
        ("no service header", edit(2, None), 2),
        ("a check before any lockbox", edit(3, None), 3),
        ("an overflow record with no check", edit(4, None), 4),
        ("a lockbox total inside a batch", edit(6, None), 6),
        ("no trailer", edit(8, None), 7),
        ("records after the trailer", format!("{GOLDEN}9000009\n"), 9),
        ("an unknown record type", edit(5, Some("3001001")), 5),
        ("a second file header", edit(5, Some(line(1))), 5),
        (
            "an amount that is not a number",
            replaced(4, "0000700000", "00007000X0"),
            4,
        ),
        (
            "a deposit date that is not a date",
            replaced(3, "160523", "161323"),
            3,
        ),
        (
            "a check date that is not a date",
            replaced(4, "051616", "131616"),
            4,
        ),
        (
            "a processing time that is not a time",
            replaced(1, "0000", "2460"),
            1,
        ),
        (
            "a batch total's amount that is off",
            replaced(6, "0000700000", "0000700001"),
            6,
        ),
        (
            "a batch total's count that is off",
            replaced(6, "160523001", "160523002"),
            6,
        ),
        (
            "a lockbox total's amount that is off",
            replaced(7, "0000700000", "0000700001"),
            7,
        ),
        (
            "a lockbox total's count that is off",
            replaced(7, "1605230001", "1605230002"),
            7,
        ),
        ("a trailer count that is off", edit(8, Some("9000009")), 8),
        ("a zero amount", zero, 4),
        ("a duplicate item", with_duplicate, 6),
        (
            "an overflow record for another check",
            replaced(5, "4001001", "4001002"),
            5,
        ),
        (
            "a batch total for another batch",
            replaced(6, "7001", "7002"),
            6,
        ),
        (
            "a batch total for another lockbox",
            replaced(6, "0022222", "0022223"),
            6,
        ),
        (
            "a lockbox total on another date",
            replaced(7, "160523", "160524"),
            7,
        ),
        ("non-ASCII text", replaced(4, "BOB E", "BOB É"), 4),
        ("a control character", replaced(4, "BOB E", "BOB\tE"), 4),
        (
            "a record too long",
            edit(4, Some(format!("{}{}", line(4), "X".repeat(80)).as_str())),
            4,
        ),
        ("a blank line inside", edit(5, Some("")), 5),
        (
            "text after an overflow record's data",
            edit(5, Some(format!("{:<41}X", line(5)).as_str())),
            5,
        ),
        (
            "a blank numeric field",
            replaced(4, "055002707", "         "),
            4,
        ),
    ];
    for (what, text, at) in cases {
        match read(text.as_bytes()) {
            Ok(_) => panic!("{what}: read, but must be refused"),
            Err(e) => {
                assert_eq!(e.line(), at, "{what}: {e}");
                assert!(
                    e.to_string().starts_with(&format!("line {at}")),
                    "{what}: {e}"
                );
            }
        }
    }
}

#[test]
fn the_messages_say_what_disagrees() {
    let e = read(replaced(6, "0000700000", "0000600000").as_bytes()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "line 6: the batch total's dollar amount is $6,000.00 but its checks add up to $7,000.00"
    );
    let e = read(edit(8, Some("9000009")).as_bytes()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "line 8: the trailer's record count is 9 but the file has 8 records"
    );
}

#[test]
fn a_blank_or_zero_check_date_reads_as_none() {
    for blank in ["000000", "      "] {
        let text = replaced(4, "051616", blank);
        let file = read(text.as_bytes()).unwrap();
        assert_eq!(file.checks().next().unwrap().2.check_date, None);
    }
}

/// Every prefix of `text`, and `text` with each byte replaced by a few others: never a
/// panic, and an error names a line of the file (or the one after its end).
fn never_panics_and_names_a_line(
    text: &str,
    reader: impl Fn(&[u8]) -> Result<LockboxFile, LockboxError>,
) {
    let bytes = text.as_bytes();
    let within = |b: &[u8]| {
        let lines = b.split(|c| *c == b'\n').count();
        if let Err(e) = reader(b) {
            assert!(
                e.line() >= 1 && e.line() <= lines + 1,
                "line {} of {lines}: {e}",
                e.line()
            );
        }
    };
    for at in 0..=bytes.len() {
        within(&bytes[..at]);
    }
    for at in 0..bytes.len() {
        for b in [b'X', b'0', b'9', b' ', b'\n', b',', b'"', 0xC3, 0] {
            let mut changed = bytes.to_vec();
            changed[at] = b;
            within(changed.as_slice());
        }
    }
}

#[test]
fn every_truncation_and_byte_change_is_read_or_refused_naming_a_line() {
    never_panics_and_names_a_line(GOLDEN, read);
    never_panics_and_names_a_line(&write(&several()), read);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    /// Lines duplicated, dropped and moved, and bytes inserted, removed or replaced, in a
    /// valid written file: it reads, or is refused naming a line of it, never a panic.
    #[test]
    fn mutated_files_are_read_or_refused_naming_a_line_never_a_panic(
        edits in proptest::collection::vec((0_u8..7, 0_usize..4_000, 0_usize..256), 1..6)
    ) {
        let mut lines: Vec<Vec<u8>> = write(&sample(12, date(2026, 3, 2)))
            .lines()
            .map(|l| l.as_bytes().to_vec())
            .collect();
        for (kind, at, arg) in edits {
            let n = lines.len();
            let i = at % n.max(1);
            let byte = u8::try_from(arg % 256).unwrap();
            match kind {
                0 if n > 0 => { let copy = lines[i].clone(); lines.insert(i, copy); }
                1 if n > 0 => { lines.remove(i); }
                2 if n > 1 => { let moved = lines.remove(i); lines.insert(arg % (n - 1), moved); }
                3 if n > 0 => { let l = &mut lines[i]; let j = arg % (l.len() + 1); l.insert(j, byte); }
                4 if n > 0 && !lines[i].is_empty() => { let l = &mut lines[i]; let j = arg % l.len(); l.remove(j); }
                5 if n > 0 && !lines[i].is_empty() => { let l = &mut lines[i]; let j = arg % l.len(); l[j] = byte; }
                _ if n > 0 => { let l = &mut lines[i]; l.truncate(arg % (l.len() + 1)); }
                _ => {}
            }
        }
        let bytes = lines.join(&b'\n');
        let count = bytes.split(|b| *b == b'\n').count();
        if let Err(e) = read(&bytes) {
            prop_assert!(e.line() >= 1 && e.line() <= count + 1, "line {} of {}: {}", e.line(), count, e);
        }
    }
}

// CSV.

const CSV: &str = "\
deposit_date,lockbox,batch,item,amount,check_number,payer,routing,account,memo,teller
2026-03-02,22222,1,1,\"1,234.56\",1001,Maria Lopez,021000021,12345678,LOAN 0000123456,A
03/02/2026,22222,1,2,$250.00,1002,J. Smith,,,,B
2026-03-02,22222,2,1,0.01,,Cash Co,231380104,99-0001,,C

2026-03-01,33333,1,1,7000,180,BOB E SMITH,055002707,0012345555,CE554,D
";

#[test]
fn a_csv_reads_into_lockboxes_and_batches_by_its_columns() {
    let file = read_csv(CSV.as_bytes(), &CsvLayout::default()).unwrap();
    assert_eq!(file.count(), 4);
    assert_eq!(
        file.total(),
        Money::from_cents(123_456 + 25_000 + 1 + 700_000)
    );
    assert_eq!(file.created_on, date(2026, 3, 2));
    assert_eq!(file.lockboxes.len(), 2);
    let first = &file.lockboxes[0];
    assert_eq!(
        (first.number.as_str(), first.deposit_date, first.line),
        ("22222", date(2026, 3, 2), 2)
    );
    assert_eq!(first.batches.len(), 2);
    assert_eq!(first.batches[0].checks.len(), 2);
    assert_eq!(first.batches[1].line, 4);
    let c = &first.batches[0].checks[0];
    assert_eq!(c.amount, Money::from_cents(123_456));
    assert_eq!(c.payer, "Maria Lopez");
    assert_eq!(c.memo, ["LOAN 0000123456"]);
    assert_eq!(
        (c.payer_routing.as_str(), c.payer_account.as_str()),
        ("021000021", "12345678")
    );
    assert_eq!(c.check_date, None);
    let blank = &first.batches[0].checks[1];
    assert!(blank.memo.is_empty() && blank.payer_routing.is_empty());
    assert_eq!(file.lockboxes[1].batches[0].checks[0].line, 6);
    // A byte-order mark at the start is not text.
    let bom = [b"\xEF\xBB\xBF".as_slice(), CSV.as_bytes()].concat();
    assert_eq!(read_csv(&bom, &CsvLayout::default()).unwrap(), file);
    // What a CSV gives can be written as a BAI file and read back with the same totals.
    let again = read(write(&file).as_bytes()).unwrap();
    assert_eq!((again.count(), again.total()), (file.count(), file.total()));
}

#[test]
fn a_csv_layout_names_the_bank_s_own_columns() {
    let layout = CsvLayout {
        deposit_date: "Deposit Date".to_owned(),
        lockbox: "Box".to_owned(),
        batch: "Batch #".to_owned(),
        item: "Seq".to_owned(),
        amount: "Check Amount".to_owned(),
        check_number: "Check #".to_owned(),
        payer: "Remitter".to_owned(),
        payer_routing: None,
        payer_account: None,
        memo: vec!["Coupon".to_owned(), "Note".to_owned()],
    };
    let text = "BOX,Batch #,Seq,Deposit Date,Check Amount,Check #,Remitter,Coupon,Note\r\n\
                7,1,1,2026-03-02,10.50,55,A Payer,LOAN 1,late fee\r\n";
    let file = read_csv(text.as_bytes(), &layout).unwrap();
    let (_, _, c) = file.checks().next().unwrap();
    assert_eq!(c.memo, ["LOAN 1", "late fee"]);
    assert_eq!(c.amount, Money::from_cents(1_050));
    let e = read_csv(text.as_bytes(), &CsvLayout::default()).unwrap_err();
    assert_eq!(e.line(), 1, "{e}");
}

#[test]
fn every_kind_of_broken_csv_is_refused_naming_its_line() {
    const HEAD: &str =
        "deposit_date,lockbox,batch,item,amount,check_number,payer,routing,account,memo\n";
    let row = |fields: &str| {
        format!("{HEAD}2026-03-02,22222,1,1,10.00,1001,A Payer,021000021,123,M\n{fields}\n")
    };
    let cases: Vec<(&str, String, usize)> = vec![
        ("empty", String::new(), 1),
        ("only a header", HEAD.to_owned(), 2),
        (
            "a missing column",
            "deposit_date,lockbox,batch,item,amount\n".to_owned(),
            1,
        ),
        ("a column twice", format!("{},amount\n", HEAD.trim_end()), 1),
        ("a bad amount", row("2026-03-02,22222,1,2,ten,1,P,,,"), 3),
        (
            "commas in the wrong place",
            row("2026-03-02,22222,1,2,\"1,23.00\",1,P,,,"),
            3,
        ),
        (
            "three decimals",
            row("2026-03-02,22222,1,2,1.001,1,P,,,"),
            3,
        ),
        ("a zero amount", row("2026-03-02,22222,1,2,0.00,1,P,,,"), 3),
        (
            "a negative amount",
            row("2026-03-02,22222,1,2,-5.00,1,P,,,"),
            3,
        ),
        ("a bad date", row("2026-02-30,22222,1,2,5.00,1,P,,,"), 3),
        (
            "a date out of range",
            row("1999-12-31,22222,1,2,5.00,1,P,,,"),
            3,
        ),
        (
            "a lockbox that is not a number",
            row("2026-03-02,LB1,1,2,5.00,1,P,,,"),
            3,
        ),
        ("a blank item", row("2026-03-02,22222,1,,5.00,1,P,,,"), 3),
        (
            "a short routing number",
            row("2026-03-02,22222,1,2,5.00,1,P,12345,,"),
            3,
        ),
        (
            "an account with spaces inside",
            row("2026-03-02,22222,1,2,5.00,1,P,,12 34,"),
            3,
        ),
        (
            "a duplicate item",
            row("2026-03-02,022222,001,01,5.00,1,P,,,"),
            3,
        ),
        ("too few fields", row("2026-03-02,22222,1,2,5.00"), 3),
        ("non-ASCII", row("2026-03-02,22222,1,2,5.00,1,José,,,"), 3),
        (
            "a control character",
            row("2026-03-02,22222,1,2,5.00,1,\"A\tB\",,,"),
            3,
        ),
        (
            "a total that overflows",
            format!(
                "{HEAD}2026-03-02,1,1,1,92233720368547758.07,,P,,,\n2026-03-02,1,1,2,0.01,,P,,,\n"
            ),
            3,
        ),
    ];
    for (what, text, at) in cases {
        match read_csv(text.as_bytes(), &CsvLayout::default()) {
            Ok(_) => panic!("{what}: read, but must be refused"),
            Err(e) => {
                assert_eq!(e.line(), at, "{what}: {e}");
                assert!(
                    e.to_string().starts_with(&format!("line {at}")),
                    "{what}: {e}"
                );
            }
        }
    }
}

#[test]
fn every_truncation_and_byte_change_of_a_csv_is_read_or_refused_naming_a_line() {
    let layout = CsvLayout::default();
    never_panics_and_names_a_line(CSV, |b| read_csv(b, &layout));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    /// Rows duplicated, dropped and bytes changed in a valid CSV: it reads, or is refused
    /// naming a line of it, never a panic.
    #[test]
    fn mutated_csvs_are_read_or_refused_naming_a_line_never_a_panic(
        edits in proptest::collection::vec((0_u8..5, 0_usize..4_000, 0_usize..256), 1..6)
    ) {
        let mut lines: Vec<Vec<u8>> = CSV.lines().map(|l| l.as_bytes().to_vec()).collect();
        for (kind, at, arg) in edits {
            let n = lines.len();
            let i = at % n.max(1);
            let byte = u8::try_from(arg % 256).unwrap();
            match kind {
                0 if n > 0 => { let copy = lines[i].clone(); lines.insert(i, copy); }
                1 if n > 0 => { lines.remove(i); }
                2 if n > 0 => { let l = &mut lines[i]; let j = arg % (l.len() + 1); l.insert(j, byte); }
                3 if n > 0 && !lines[i].is_empty() => { let l = &mut lines[i]; let j = arg % l.len(); l[j] = byte; }
                _ if n > 0 => { let l = &mut lines[i]; l.truncate(arg % (l.len() + 1)); }
                _ => {}
            }
        }
        let bytes = lines.join(&b'\n');
        let count = bytes.split(|b| *b == b'\n').count();
        if let Err(e) = read_csv(&bytes, &CsvLayout::default()) {
            prop_assert!(e.line() >= 1 && e.line() <= count + 1, "line {} of {}: {}", e.line(), count, e);
        }
    }
}
