use super::super::parse;
use super::*;
use jiff::civil::date;

fn bank(routing: &str) -> RoutingNumber {
    RoutingNumber::parse(routing).unwrap()
}

fn credit(identification: &str, name: &str, cents: i64, seq: u64) -> BillPayCredit {
    BillPayCredit {
        identification: identification.into(),
        name: name.into(),
        amount: Money::from_cents(cents),
        trace_sequence: seq,
    }
}

fn file() -> String {
    bill_pay_file(
        bank("231380104"),
        bank("021000021"),
        "987654321",
        date(2026, 11, 25),
        &[
            credit("5218400000001015", "Maria Lopez", 25_000, 1),
            credit("5218 4000 0000 3011", "Aisha Khan", 41_200, 2),
        ],
    )
}

#[test]
fn a_bill_pay_file_reads_back_with_the_account_number_as_the_identification() {
    let text = file();
    assert!(text.lines().all(|l| l.len() == RECORD), "{text}");
    let entries = parse(text.as_bytes()).unwrap();
    let credits = received_credits(text.as_bytes(), &entries);
    assert_eq!(credits.len(), 2);
    let c = &credits[0];
    assert_eq!(c.identification, "5218400000001015");
    assert_eq!(c.receiver, "MARIA LOPEZ");
    assert_eq!(c.entry.amount, Money::from_cents(25_000));
    assert_eq!(c.entry.account_number, "987654321");
    assert_eq!(c.company_name, "ONLINE BILL PAY");
    assert_eq!(c.description, "BILL PAY");
    assert_eq!(c.effective_date, Some(date(2026, 11, 25)));
    assert_eq!(c.settles(), "2026-11-25");
    assert_eq!(c.paying_bank(), Some(bank("231380104")));
    assert_eq!(credits[1].identification, "5218 4000 0000 3011");
}

#[test]
fn a_file_in_one_unbroken_run_names_the_same_batch() {
    let text = file().replace('\n', "");
    let entries = parse(text.as_bytes()).unwrap();
    let credits = received_credits(text.as_bytes(), &entries);
    assert_eq!(credits.len(), 2);
    assert_eq!(credits[1].company_name, "ONLINE BILL PAY");
    assert_eq!(credits[1].effective_date, Some(date(2026, 11, 25)));
}

#[test]
fn the_public_cie_sample_is_a_credit_to_us_read_by_its_cie_layout() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/fixtures/ach/examples__testdata__cie-credit.ach"
    );
    let Ok(bytes) = std::fs::read(path) else {
        eprintln!("skipped: {path} is absent");
        return;
    };
    // Its file control record (line 6) stops after its 55 characters of data: refused as
    // it is, naming the line; with the 39 reserved blanks a file control ends with, it reads.
    let refused = parse(&bytes).unwrap_err();
    assert!(refused.to_string().starts_with("line 6:"), "{refused}");
    let text = String::from_utf8(bytes).unwrap();
    let bytes = text
        .lines()
        .map(|l| {
            if l.len() == 55 {
                format!("{l:<94}")
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        .into_bytes();
    let entries = parse(&bytes).unwrap();
    assert!(entries.iter().all(is_credit_to_us));
    let credits = received_credits(&bytes, &entries);
    assert_eq!(credits.len(), 1);
    let c = &credits[0];
    assert_eq!(c.entry.sec, "CIE");
    // The sample's name runs past its 15 characters into the identification field.
    assert_eq!(c.receiver, "Receiver Accoun");
    assert_eq!(c.identification, "t Name");
    assert_eq!(c.entry.amount, Money::from_cents(100_000_000));
    assert_eq!(c.company_name, "Name on Account");
    assert_eq!(c.effective_date, Some(date(2019, 8, 16)));
    assert_eq!(
        c.paying_bank().map(|b| b.bank_id()),
        Some("12104288".to_owned())
    );
}

#[test]
fn prenotes_are_credits_to_us_that_move_no_money() {
    let text = file().replacen("622", "623", 1).replacen(
        &format!("{:010}", 25_000),
        &format!("{:010}", 0),
        1,
    );
    // The controls now disagree with the entries: fix the totals the way a bank would.
    let fixed = text.replace(&format!("{:012}", 66_200), &format!("{:012}", 41_200));
    let entries = parse(fixed.as_bytes()).unwrap();
    assert!(entries.iter().all(is_credit_to_us));
    let credits = received_credits(fixed.as_bytes(), &entries);
    assert_eq!(credits.len(), 1, "the prenote posts nothing");
    assert_eq!(credits[0].identification, "5218 4000 0000 3011");
}

#[test]
fn a_routing_number_is_made_whole_from_a_bank_id() {
    assert_eq!(routing_of_bank_id("02100002"), Some(bank("021000021")));
    assert_eq!(routing_of_bank_id("23138010"), Some(bank("231380104")));
    assert_eq!(routing_of_bank_id("2313801"), None);
    assert_eq!(routing_of_bank_id("2313801x"), None);
}

#[test]
fn a_blank_or_impossible_effective_date_is_none() {
    assert_eq!(yymmdd("      "), None);
    assert_eq!(yymmdd("261340"), None);
    assert_eq!(yymmdd("261130"), Some(date(2026, 11, 30)));
}
