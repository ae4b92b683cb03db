use super::*;
use domain::routing_number::RoutingNumber;
use jiff::civil::date;
use money::Money;
use proptest::prelude::*;

fn debit(sec: Sec, description: &str, routing: &str, cents: i64, trace: u64) -> Debit {
    Debit {
        sec,
        description: description.into(),
        routing: RoutingNumber::parse(routing).unwrap(),
        account_number: format!("00{trace}7788"),
        kind: if trace.is_multiple_of(2) {
            AccountKind::Checking
        } else {
            AccountKind::Savings
        },
        amount: Money::from_cents(cents),
        individual_id: format!("PAY{trace:012}"),
        name: "Maria López-Ñúñez Garcia de la Vega".into(),
        recurring: trace.is_multiple_of(3),
        trace_sequence: trace,
    }
}

fn origination(debits: Vec<Debit>) -> Origination {
    Origination {
        odfi: RoutingNumber::parse("021000021").unwrap(),
        odfi_name: "Big Bank NA".into(),
        immediate_origin: "1234567890".into(),
        origin_name: "Servicer Demo Lending".into(),
        company_name: "Servicer Demo".into(),
        company_id: "1234567890".into(),
        created: date(2026, 12, 1).at(16, 45, 0, 0),
        file_id_modifier: 'a',
        effective_date: date(2026, 12, 2),
        debits,
    }
}

#[test]
fn an_originated_file_is_blocked_94_by_10_and_reads_back_to_its_debits() {
    let debits = vec![
        debit(Sec::Web, "LOAN PYMT", "231380104", 24_284, 1),
        debit(Sec::Tel, "LOAN PYMT", "011000015", 10_000, 2),
        debit(Sec::Web, "LOAN PYMT", "121042882", 36_609, 3),
        debit(Sec::Web, "RETRY PYMT", "231380104", 24_284, 4),
    ];
    let text = originate(&origination(debits.clone())).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines.iter().all(|l| l.len() == RECORD),
        "every record is 94 characters"
    );
    assert_eq!(lines.len() % BLOCKING, 0, "blocked to ten");
    assert_eq!(&lines[0][..13], "101 021000021");
    let batches: Vec<&str> = lines
        .iter()
        .filter(|l| l.starts_with('5'))
        .map(|l| &l[50..63])
        .collect();
    assert_eq!(
        batches,
        ["WEBLOAN PYMT ", "TELLOAN PYMT ", "WEBRETRY PYMT"],
        "one batch per SEC code and description"
    );
    let read = parse(text.as_bytes()).unwrap();
    assert_eq!(read.len(), 4);
    let by_trace = |seq: u64| {
        read.iter()
            .find(|e| e.trace == format!("02100002{seq:07}"))
            .unwrap()
    };
    for d in &debits {
        let e = by_trace(d.trace_sequence);
        assert_eq!(
            (e.amount, e.rdfi.as_str(), e.account_number.as_str()),
            (
                d.amount,
                d.routing.bank_id().as_str(),
                d.account_number.as_str()
            )
        );
        assert_eq!(e.sec, d.sec.code());
        assert_eq!(e.individual_id, d.individual_id);
        assert!(e.is_debit());
    }
    assert_eq!(
        by_trace(1).name,
        "MARIA LOPEZ-NUNEZ GARC",
        "upper case ASCII without accents, cut to 22"
    );
    assert_eq!(by_trace(2).transaction_code, "27");
    assert_eq!(by_trace(1).transaction_code, "37");
    let file_control = lines
        .iter()
        .find(|l| l.starts_with('9') && !l.starts_with("99"))
        .unwrap();
    assert_eq!(&file_control[1..7], "000003", "three batches");
    assert_eq!(&file_control[31..43], "000000095177", "total debits");
}

#[test]
fn a_file_whose_controls_do_not_add_up_is_refused_naming_the_line() {
    let text = originate(&origination(vec![debit(
        Sec::Web,
        "LOAN PYMT",
        "231380104",
        24_284,
        1,
    )]))
    .unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let at = lines.iter().position(|l| l.starts_with('8')).unwrap();
    lines[at].replace_range(31..32, "9");
    let e = parse(lines.join("\n").as_bytes()).unwrap_err();
    assert!(
        matches!(e, NachaError::Control { line: 4, what, .. } if what.contains("total debits")),
        "{e}"
    );
    assert!(
        e.to_string()
            .starts_with("line 4: the batch control's total debits"),
        "{e}"
    );
    let short = text.replacen("LOAN PYMT", "LOAN", 1);
    assert!(matches!(
        parse(short.as_bytes()),
        Err(NachaError::RecordLength { line: 2, .. })
    ));
    assert!(matches!(parse(b""), Err(NachaError::Empty)));
    assert!(matches!(
        parse("5".repeat(94).as_bytes()),
        Err(NachaError::Structure { line: 1, .. })
    ));
    let truncated: String = text.lines().take(3).collect::<Vec<_>>().join("\n");
    assert!(parse(truncated.as_bytes()).is_err());
}

#[test]
fn a_return_and_a_notification_of_change_are_read_with_their_codes() {
    let ours = originate(&origination(vec![debit(
        Sec::Web,
        "LOAN PYMT",
        "231380104",
        24_284,
        1,
    )]))
    .unwrap();
    let mut lines: Vec<String> = ours.lines().take(2).map(str::to_owned).collect();
    let entry = |amount: u64, seq: u64| {
        format!(
            "626{}{}{:<17}{amount:010}{:<15}{:<22}S 1{}{seq:07}",
            "23138010", "4", "007788", "PAY000000000001", "MARIA LOPEZ", "23138010"
        )
    };
    lines.push(entry(24_284, 1));
    lines.push(format!(
        "799R01{}{:6}{}{:<44}{}{:07}",
        "021000020000001", "", "02100002", "NSF", "23138010", 1
    ));
    lines.push(entry(0, 2));
    lines.push(format!(
        "798C01{}{:6}{}{:<29}{:15}{}{:07}",
        "021000020000002", "", "02100002", "987654321", "", "23138010", 2
    ));
    lines.push(format!(
        "8225{:06}{:010}{:012}{:012}{:<10}{:25}{}{:07}",
        4, 46_276_020, 24_284, 0, "1234567890", "", "02100002", 1
    ));
    lines.push(format!(
        "9{:06}{:06}{:08}{:010}{:012}{:012}{:39}",
        1, 1, 4, 46_276_020, 24_284, 0, ""
    ));
    assert!(
        lines.iter().all(|l| l.len() == 94),
        "{:?}",
        lines.iter().map(String::len).collect::<Vec<_>>()
    );
    let read = parse(lines.join("\n").as_bytes()).unwrap();
    let r = read[0].returned.as_ref().unwrap();
    assert_eq!(
        (
            r.reason.as_str(),
            r.original_trace.as_str(),
            r.information.as_str()
        ),
        ("R01", "021000020000001", "NSF")
    );
    let c = read[1].correction.as_ref().unwrap();
    assert_eq!(
        (
            c.change.as_str(),
            c.original_trace.as_str(),
            c.corrected_data.as_str()
        ),
        ("C01", "021000020000002", "987654321")
    );
}

#[test]
fn the_public_corpus_reads_without_a_panic_and_valid_files_total_as_recorded() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/ach");
    let Ok(listing) = std::fs::read_dir(&dir) else {
        eprintln!(
            "skipped: {} is absent (the shared fixtures are not part of the project)",
            dir.display()
        );
        return;
    };
    let totals = std::fs::read_to_string(dir.join("control_totals.csv")).unwrap();
    let mut checked = 0;
    for entry in listing.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".ach") {
            continue;
        }
        let bytes = std::fs::read(entry.path()).unwrap();
        let result = std::panic::catch_unwind(|| parse(&bytes));
        let result = result.unwrap_or_else(|_| panic!("{name}: the reader panicked"));
        let row = totals.lines().find(|l| l.starts_with(&format!("{name},")));
        let Some(row) = row.map(|r| r.split(',').collect::<Vec<_>>()) else {
            continue;
        };
        let (accepted_elsewhere, sec) = (row[11] == "True", row[3]);
        if !accepted_elsewhere || !["PPD", "WEB", "TEL", "CCD"].contains(&sec) {
            continue;
        }
        let entries = result
            .unwrap_or_else(|e| panic!("{name}: a file other validators accept was refused: {e}"));
        let debits: i64 = entries
            .iter()
            .filter(|e| e.is_debit())
            .map(|e| e.amount.cents())
            .sum();
        let credits: i64 = entries
            .iter()
            .filter(|e| !e.is_debit())
            .map(|e| e.amount.cents())
            .sum();
        assert_eq!(
            debits,
            row[9].parse::<i64>().unwrap(),
            "{name}: total debits"
        );
        assert_eq!(
            credits,
            row[10].parse::<i64>().unwrap(),
            "{name}: total credits"
        );
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} files checked");
}

proptest! {
    #[test]
    fn write_then_read_round_trips(amounts in proptest::collection::vec(1_i64..5_000_000, 1..40)) {
        let routings = ["231380104", "011000015", "121042882", "021000021", "026009593"];
        let debits: Vec<Debit> = amounts.iter().enumerate().map(|(i, a)| {
            let seq = u64::try_from(i).unwrap() + 1;
            let sec = [Sec::Web, Sec::Tel, Sec::Ppd][i % 3];
            debit(sec, if i.is_multiple_of(5) { "RETRY PYMT" } else { "LOAN PYMT" }, routings[i % routings.len()], *a, seq)
        }).collect();
        let text = originate(&origination(debits.clone())).unwrap();
        let read = parse(text.as_bytes()).unwrap();
        prop_assert_eq!(read.len(), debits.len());
        let total: i64 = read.iter().map(|e| e.amount.cents()).sum();
        prop_assert_eq!(total, amounts.iter().sum::<i64>());
        let mut traces: Vec<&str> = read.iter().map(|e| e.trace.as_str()).collect();
        traces.sort_unstable();
        traces.dedup();
        prop_assert_eq!(traces.len(), debits.len(), "trace numbers unique");
    }
}

/// The line of an error (none for an empty file).
fn line_of(e: &NachaError) -> Option<usize> {
    match e {
        NachaError::RecordLength { line, .. }
        | NachaError::NotAscii { line }
        | NachaError::Structure { line, .. }
        | NachaError::Field { line, .. }
        | NachaError::Control { line, .. } => Some(*line),
        NachaError::Empty => None,
    }
}

/// What a bank sends back for the first entry of one of our files: line 3 is the return (or
/// change) entry, line 4 its addenda, line 5 the batch control, line 6 the file control.
fn bank_file(answer: bank::Answer) -> String {
    let ours = parse(
        originate(&origination(vec![debit(
            Sec::Web,
            "LOAN PYMT",
            "231380104",
            24_284,
            2,
        )]))
        .unwrap()
        .as_bytes(),
    )
    .unwrap();
    bank::answer(&ours, &[(ours[0].trace.clone(), answer)], "261203")
}

#[test]
fn a_return_file_that_is_not_exactly_right_is_refused_naming_the_line_and_the_reason() {
    let good = bank_file(bank::Answer::Return("R01".into()));
    let read = parse(good.as_bytes()).unwrap();
    assert_eq!(read[0].line, 3);
    assert_eq!(read[0].returned.as_ref().unwrap().line, 4);
    let noc = bank_file(bank::Answer::Change("C01".into(), "55566677".into()));
    let notice = parse(noc.as_bytes()).unwrap().remove(0).correction.unwrap();
    assert_eq!((notice.change.as_str(), notice.line), ("C01", 4));
    let lines: Vec<&str> = good.lines().collect();
    let joined = |ls: Vec<String>| ls.join("\n") + "\n";
    let with_line = |at: usize, text: String| {
        let mut ls: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
        ls[at - 1] = text;
        joined(ls)
    };
    let without_addenda = joined(
        lines
            .iter()
            .filter(|l| !l.starts_with("799"))
            .map(|l| (*l).to_owned())
            .collect(),
    );
    let mut indicator_0 = lines[2].to_owned();
    indicator_0.replace_range(78..79, "0");
    let cut = format!("{}\n{}", lines[..5].join("\n"), &lines[5][..40]);
    let reason = |code: &str| good.replacen("799R01", &format!("799{code}"), 1);
    let change = |code: &str| noc.replacen("798C01", &format!("798{code}"), 1);
    let says_none = with_line(3, indicator_0);
    let nul = good.replacen("RETURNED", "RETURN\u{0}D", 1);
    let short = with_line(5, lines[4][..93].to_owned());
    let blank = with_line(5, format!("\n{}", lines[4]));
    // (what is wrong, the file, the line named, words of the reason)
    let cases = [
        ("no addenda", without_addenda, 3, "no addenda"),
        ("indicator 0", says_none, 3, "indicator"),
        ("R99", reason("R99"), 4, "return reason code"),
        ("r01", reason("r01"), 4, "return reason code"),
        ("R63, retired", reason("R63"), 4, "return reason code"),
        ("NUL in the code", reason("R\u{0}1"), 4, "reason code"),
        ("a code padded", reason("R1 "), 4, "return reason code"),
        ("non-ASCII code", reason("R0\u{e9}"), 4, "ASCII"),
        ("C15", change("C15"), 4, "change code"),
        ("C61, a refusal", change("C61"), 4, "change code"),
        ("a NUL in the addenda", nul, 4, "control character"),
        ("the file cut short", cut, 6, "94 characters"),
        ("a line of 93", short, 5, "94 characters"),
        ("a blank line", blank, 5, "94 characters"),
    ];
    for (case, text, line, why) in cases {
        let e = parse(text.as_bytes()).expect_err(case);
        assert_eq!(line_of(&e), Some(line), "{case}: {e}");
        let shown = e.to_string();
        assert!(shown.starts_with(&format!("line {line}")), "{case}: {e}");
        assert!(shown.contains(why), "{case}: {e}");
    }
}

#[test]
fn return_and_change_codes_are_the_ones_nacha_defines() {
    let returned = bank_file(bank::Answer::Return("R01".into()));
    let changed = bank_file(bank::Answer::Change("C01".into(), "55566677".into()));
    for (code, known) in [
        ("R01", true),
        ("R47", true),
        ("R53", true),
        ("R61", true),
        ("R62", true),
        ("R67", true),
        ("R77", true),
        ("R80", true),
        ("R85", true),
        ("R00", false),
        ("R48", false),
        ("R54", false),
        ("R63", false),
        ("R66", false),
        ("R78", false),
        ("R86", false),
        ("R90", false),
        ("R99", false),
        ("r01", false),
        ("C01", false),
        ("R+1", false),
    ] {
        let file = returned.replacen("799R01", &format!("799{code}"), 1);
        assert_eq!(parse(file.as_bytes()).is_ok(), known, "{code}");
    }
    for (code, known) in [
        ("C01", true),
        ("C07", true),
        ("C08", true),
        ("C09", true),
        ("C13", true),
        ("C14", true),
        ("C00", false),
        ("C15", false),
        ("C61", false),
        ("c01", false),
        ("R01", false),
    ] {
        let file = changed.replacen("798C01", &format!("798{code}"), 1);
        assert_eq!(parse(file.as_bytes()).is_ok(), known, "{code}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    /// The reader of the bank's files never panics on a mutated return file (issue 17: a
    /// fuzz target for every reader of outside files): it reads entries, or refuses the file
    /// naming a line of it.
    #[test]
    fn mutated_return_files_are_read_or_refused_naming_a_line_never_a_panic(
        edits in proptest::collection::vec((0_u8..6, 0_usize..2_000, 0_usize..256), 1..6)
    ) {
        let mut bytes = bank_file(bank::Answer::Return("R01".into())).into_bytes();
        for (kind, at, arg) in edits {
            let at = at % (bytes.len() + 1);
            let byte = u8::try_from(arg % 256).unwrap();
            match kind {
                0 => bytes.insert(at, byte),
                1 if at < bytes.len() => { bytes.remove(at); }
                2 if at < bytes.len() => bytes[at] = byte,
                3 => bytes.truncate(at),
                4 => {
                    // A line again, right after itself.
                    let start = bytes[..at].iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
                    let end = bytes[at..].iter().position(|b| *b == b'\n').map_or(bytes.len(), |p| at + p + 1);
                    let line = bytes[start..end].to_vec();
                    bytes.splice(end..end, line);
                }
                _ => bytes.splice(at..at, b"R99".iter().copied()).for_each(drop),
            }
        }
        let lines = bytes.split(|b| *b == b'\n').count();
        if let Err(e) = parse(&bytes)
            && let Some(line) = line_of(&e)
        {
            prop_assert!(line >= 1 && line <= lines + 1, "line {} of {}: {}", line, lines, e);
        }
    }
}
