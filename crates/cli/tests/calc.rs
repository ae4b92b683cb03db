//! `servicer calc` as a user runs it: the real binary, its output and its exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn servicer(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_servicer"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("servicer runs");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const LOAN: [&str; 10] = [
    "--amount",
    "10000.00",
    "--rate",
    "7.5",
    "--term",
    "36",
    "--start",
    "2026-01-15",
    "--first-payment",
    "2026-02-15",
];

#[test]
fn schedule_csv_has_the_documented_header_and_one_row_per_installment() {
    let mut args = vec!["calc", "schedule"];
    args.extend(LOAN);
    args.extend(["--day-count", "30/360", "--format", "csv"]);
    let out = servicer(&args, None);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "period,date,payment,interest,principal,balance");
    assert_eq!(lines.len(), 37);
    assert_eq!(lines[1], "1,2026-02-15,311.06,62.50,248.56,9751.44");
    assert!(lines[36].starts_with("36,2029-01-15,"));
    assert!(lines[36].ends_with(",0.00"));
}

#[test]
fn schedule_table_ends_with_totals_and_json_parses() {
    let mut args = vec!["calc", "schedule"];
    args.extend(LOAN);
    let table = stdout(&servicer(&args, None));
    assert!(
        table
            .lines()
            .last()
            .unwrap()
            .trim_start()
            .starts_with("total")
    );
    args.extend(["--format", "json", "--frequency", "biweekly"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&servicer(&args, None))).unwrap();
    assert_eq!(json["installments"].as_array().unwrap().len(), 36);
    assert_eq!(json["installments"][1]["date"], "2026-03-01");
}

#[test]
fn apr_reads_the_documented_json_from_stdin() {
    let input = r#"{"advance_date": "1978-01-10", "amount_financed": "5000.00",
        "payments": [{"date": "1978-02-10", "amount": "250.00"},
                     {"first_date": "1978-03-10", "count": 23, "amount": "230.00", "every": "month"}]}"#;
    let out = servicer(&["calc", "apr", "--format", "json"], Some(input));
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    // Regulation Z Appendix J (c)(2)(i).
    assert_eq!(json["apr"], "10.08");
    assert_eq!(json["finance_charge"], "540.00");
    assert_eq!(json["total_of_payments"], "5540.00");
    assert!(json["apr_exact"].as_str().unwrap().starts_with("10.08"));
}

#[test]
fn apr_reads_a_file_too() {
    let path = std::env::temp_dir().join(format!("servicer-apr-{}.json", std::process::id()));
    std::fs::write(
        &path,
        r#"{"advance_date": "1978-01-03", "amount_financed": "1000.00", "payments": [{"date": "1978-09-15", "amount": "1080.00"}]}"#,
    )
    .unwrap();
    let out = servicer(&["calc", "apr", "--input", path.to_str().unwrap()], None);
    std::fs::remove_file(&path).ok();
    assert!(stdout(&out).contains("11.45 %"), "{}", stdout(&out));
}

#[test]
fn payoff_prints_the_total_and_per_diem() {
    let mut args = vec!["calc", "payoff"];
    args.extend(LOAN);
    args.extend(["--date", "2026-06-01", "--format", "json"]);
    let out = servicer(&args, None);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["payoff_date"], "2026-06-01");
    assert!(json["per_diem"].as_str().unwrap().parse::<f32>().is_ok());
}

/// `calc schedule` for the sample loan with one option's value replaced.
fn schedule_with(option: &'static str, value: &'static str) -> Vec<&'static str> {
    let mut args = vec!["calc", "schedule"];
    args.extend(LOAN);
    let at = args
        .iter()
        .position(|a| *a == option)
        .expect("a LOAN option")
        + 1;
    args[at] = value;
    args
}

#[test]
fn bad_input_exits_2_with_one_line_naming_the_field() {
    let apr_bad_amount = r#"{"advance_date": "1978-01-10", "amount_financed": "5000.00", "payments": [{"date": "1978-02-10", "amount": "1e3"}]}"#;
    let table: [(Vec<&str>, Option<&str>, &str); 6] = [
        (schedule_with("--amount", "1.234"), None, "--amount"),
        (schedule_with("--rate", "7.5%"), None, "--rate"),
        (schedule_with("--start", "2026-13-15"), None, "--start"),
        (
            schedule_with("--first-payment", "2026-01-01"),
            None,
            "--first-payment",
        ),
        (
            vec!["calc", "apr"],
            Some(apr_bad_amount),
            "payments[0].amount",
        ),
        (
            vec!["calc", "apr"],
            Some(r#"{"amount_financed": "5000.00", "payments": []}"#),
            "advance_date",
        ),
    ];
    for (args, stdin, field) in table {
        let out = servicer(&args, stdin);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(err.starts_with(&format!("error: {field}: ")), "{err}");
        assert!(stdout(&out).is_empty());
    }
}
