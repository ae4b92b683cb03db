//! Writing the NACHA file we originate on one effective date: the debits, one batch per SEC
//! code and entry description (service class 225, debits only); the credits we send (refunds
//! to borrowers' accounts, transaction code 22 or 32), in batches of their own after the
//! debits (service class 220, credits only); then the returns of credits we refuse
//! ([`super::refuse`]). Trace numbers come from the caller (unique per ODFI); the controls are
//! computed here, debits and credits totalled apart; the file is blocked to ten records.

use super::refuse::{CreditReturn, write_batches};
use super::{AccountKind, BLOCKING, NachaError, RECORD, Sec, entry_hash};
use domain::routing_number::RoutingNumber;
use jiff::civil::{Date, DateTime};
use money::Money;

/// One debit to originate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Debit {
    /// How it was authorized.
    pub sec: Sec,
    /// "LOAN PYMT", or "RETRY PYMT" for a retried return (at most 10 characters).
    pub description: String,
    /// The borrower's bank.
    pub routing: RoutingNumber,
    /// The borrower's account number (1 to 17 characters).
    pub account_number: String,
    /// Checking or savings.
    pub kind: AccountKind,
    /// The amount (positive).
    pub amount: Money,
    /// Our reference for the payment (up to 15 characters), echoed back on a return.
    pub individual_id: String,
    /// The account holder (up to 22 characters; longer is cut).
    pub name: String,
    /// A recurring payment (AutoPay) rather than a single one: WEB and TEL say which.
    pub recurring: bool,
    /// The trace number's sequence part (unique per ODFI; at most 7 digits).
    pub trace_sequence: u64,
}

/// One credit to originate: money we send to a borrower's account (a refund of money we hold
/// for them), in a batch of credits of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credit {
    /// How it is authorized: PPD (a credit to a consumer's account; what a refund is) or WEB.
    pub sec: Sec,
    /// "REFUND" (at most 10 characters).
    pub description: String,
    /// The borrower's bank.
    pub routing: RoutingNumber,
    /// The borrower's account number (1 to 17 characters).
    pub account_number: String,
    /// Checking (transaction code 22) or savings (32).
    pub kind: AccountKind,
    /// The amount (positive).
    pub amount: Money,
    /// Our reference for the refund (up to 15 characters), echoed back on a return.
    pub individual_id: String,
    /// The account holder (up to 22 characters; longer is cut).
    pub name: String,
    /// The trace number's sequence part (unique per ODFI; at most 7 digits).
    pub trace_sequence: u64,
}

/// The credit transaction code of an account kind: 22 checking, 32 savings.
fn credit_code(kind: AccountKind) -> &'static str {
    match kind {
        AccountKind::Checking => "22",
        AccountKind::Savings => "32",
    }
}

/// What the file says about us and our bank, and the debits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origination {
    /// Our bank (the ODFI), the file's immediate destination.
    pub odfi: RoutingNumber,
    /// Our bank's name.
    pub odfi_name: String,
    /// The immediate origin our bank assigned us (10 characters, often our company id).
    pub immediate_origin: String,
    /// Our name as the origin.
    pub origin_name: String,
    /// Our company name on the borrower's bank statement (16 characters).
    pub company_name: String,
    /// Our company identification (10 characters).
    pub company_id: String,
    /// When the file was created (the servicer's time zone).
    pub created: DateTime,
    /// A-Z or 0-9: distinguishes files created the same day.
    pub file_id_modifier: char,
    /// The day the debits settle.
    pub effective_date: Date,
    /// The debits.
    pub debits: Vec<Debit>,
}

/// The plain letter of an accented Latin one (names on bank statements are ASCII).
fn unaccent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' => 'A',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'E',
        'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'I',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' => 'O',
        'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'U',
        'ñ' | 'Ñ' => 'N',
        'ç' | 'Ç' => 'C',
        other => other,
    }
}

/// Text for an alphanumeric field: upper case ASCII (accents dropped), padded or cut.
pub(super) fn alpha(text: &str, width: usize) -> String {
    let clean: String = text
        .chars()
        .map(|c| unaccent(c).to_ascii_uppercase())
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                ' '
            }
        })
        .take(width)
        .collect();
    format!("{clean:<width$}")
}

pub(super) fn numeric(n: u64, width: usize) -> String {
    format!("{n:0width$}")
}

fn cents(m: Money) -> u64 {
    u64::try_from(m.cents()).expect("originated amounts are positive")
}

/// Writes the file. Refuses a debit it could not write faithfully (amount, account, trace).
pub fn originate(o: &Origination) -> Result<String, NachaError> {
    originate_all(o, &[], &[])
}

/// Writes the file with the returns of credits we refuse after its debits (one batch of
/// credits per SEC code, company and description, numbered after the debits' batches).
/// Refuses a debit or return it could not write faithfully.
pub fn originate_with_returns(
    o: &Origination,
    returns: &[CreditReturn],
) -> Result<String, NachaError> {
    originate_all(o, &[], returns)
}

/// Batches of entries as written: their count, entries, entry hash and totals.
#[derive(Default)]
struct Written {
    batches: u64,
    entries: u64,
    hash: u64,
    cents: u64,
}

/// Groups `items` by a key, keeping the order each key is first met.
fn grouped<T, K: PartialEq>(items: &[T], key: impl Fn(&T) -> K) -> Vec<(K, Vec<&T>)> {
    let mut groups: Vec<(K, Vec<&T>)> = Vec::new();
    for item in items {
        let k = key(item);
        match groups.iter_mut().find(|(g, _)| *g == k) {
            Some((_, list)) => list.push(item),
            None => groups.push((k, vec![item])),
        }
    }
    groups
}

/// Writes the file whole: the debits' batches (service class 225), then the credits' we
/// send (220), then the returns of credits we refuse (220), numbered in that order; the file
/// control totals the debits and the credits apart. Refuses an entry it could not write
/// faithfully (amount, account, trace), naming its line.
pub fn originate_all(
    o: &Origination,
    credits: &[Credit],
    returns: &[CreditReturn],
) -> Result<String, NachaError> {
    let mut records = vec![file_header(o)];
    let debits = write_debits(o, &mut records)?;
    let sent = write_credits(o, credits, debits.batches + 1, &mut records)?;
    let back = write_batches(o, returns, debits.batches + sent.batches + 1, &mut records)?;
    let blocks = (records.len() + 1).div_ceil(BLOCKING);
    records.push(format!(
        "9{}{}{}{}{}{}{:39}",
        numeric(debits.batches + sent.batches + back.batches, 6),
        numeric(u64::try_from(blocks).expect("fits"), 6),
        numeric(debits.entries + sent.entries + back.records, 8),
        numeric((debits.hash + sent.hash + back.hash) % 10_000_000_000, 10),
        numeric(debits.cents, 12),
        numeric(sent.cents + back.credits, 12),
        "",
    ));
    while !records.len().is_multiple_of(BLOCKING) {
        records.push("9".repeat(RECORD));
    }
    debug_assert!(records.iter().all(|r| r.len() == RECORD));
    Ok(records.join("\n") + "\n")
}

/// Appends the debits' batches (one per SEC code and description, numbered from 1).
fn write_debits(o: &Origination, records: &mut Vec<String>) -> Result<Written, NachaError> {
    let groups = grouped(&o.debits, |d| (d.sec, alpha(&d.description, 10)));
    let mut w = Written::default();
    for (number, ((sec, description), list)) in (1_u64..).zip(&groups) {
        records.push(batch_header(o, "225", *sec, description, number));
        for d in list {
            records.push(entry(o, d, records.len() + 1)?);
        }
        let batch_hash = entry_hash(list.iter().map(|d| d.routing.bank_id_value()));
        let batch_debits: u64 = list.iter().map(|d| cents(d.amount)).sum();
        let count = u64::try_from(list.len()).expect("fits");
        records.push(batch_control(
            o,
            "225",
            count,
            batch_hash,
            (batch_debits, 0),
            number,
        ));
        w.batches += 1;
        w.entries += count;
        w.hash = (w.hash + batch_hash) % 10_000_000_000;
        w.cents += batch_debits;
    }
    Ok(w)
}

/// Appends the batches of the credits we send (one per SEC code and description), numbered
/// from `first_number`.
fn write_credits(
    o: &Origination,
    credits: &[Credit],
    first_number: u64,
    records: &mut Vec<String>,
) -> Result<Written, NachaError> {
    let groups = grouped(credits, |c| (c.sec, alpha(&c.description, 10)));
    let mut w = Written::default();
    for (number, ((sec, description), list)) in (first_number..).zip(&groups) {
        records.push(batch_header(o, "220", *sec, description, number));
        for c in list {
            records.push(credit_entry(o, c, records.len() + 1)?);
        }
        let batch_hash = entry_hash(list.iter().map(|c| c.routing.bank_id_value()));
        let batch_credits: u64 = list.iter().map(|c| cents(c.amount)).sum();
        let count = u64::try_from(list.len()).expect("fits");
        records.push(batch_control(
            o,
            "220",
            count,
            batch_hash,
            (0, batch_credits),
            number,
        ));
        w.batches += 1;
        w.entries += count;
        w.hash = (w.hash + batch_hash) % 10_000_000_000;
        w.cents += batch_credits;
    }
    Ok(w)
}

/// A batch control record of service class `class`: its entry count, entry hash and
/// (debits, credits) in cents.
fn batch_control(
    o: &Origination,
    class: &str,
    count: u64,
    hash: u64,
    (debits, credits): (u64, u64),
    number: u64,
) -> String {
    format!(
        "8{class}{}{}{}{}{}{:25}{}{}",
        numeric(count, 6),
        numeric(hash, 10),
        numeric(debits, 12),
        numeric(credits, 12),
        alpha(&o.company_id, 10),
        "",
        o.odfi.bank_id(),
        numeric(number, 7),
    )
}

fn file_header(o: &Origination) -> String {
    format!(
        "101 {}{}{}{}{}094101{}{}{:8}",
        o.odfi,
        alpha(&o.immediate_origin, 10),
        o.created.strftime("%y%m%d"),
        o.created.strftime("%H%M"),
        o.file_id_modifier.to_ascii_uppercase(),
        alpha(&o.odfi_name, 23),
        alpha(&o.origin_name, 23),
        "",
    )
}

fn batch_header(o: &Origination, class: &str, sec: Sec, description: &str, number: u64) -> String {
    format!(
        "5{class}{}{:20}{}{}{}{}{}   1{}{}",
        alpha(&o.company_name, 16),
        "",
        alpha(&o.company_id, 10),
        sec.code(),
        description,
        o.effective_date.strftime("%y%m%d"),
        o.effective_date.strftime("%y%m%d"),
        o.odfi.bank_id(),
        numeric(number, 7),
    )
}

/// What one entry detail record carries, a debit's or a credit's.
struct EntryFields<'a> {
    code: &'static str,
    routing: &'a RoutingNumber,
    account_number: &'a str,
    amount: Money,
    individual_id: &'a str,
    name: &'a str,
    payment_type: &'static str,
    trace_sequence: u64,
}

fn entry(o: &Origination, d: &Debit, line: usize) -> Result<String, NachaError> {
    let payment_type = match (d.sec, d.recurring) {
        (Sec::Ppd, _) => "  ",
        (_, true) => "R ",
        (_, false) => "S ",
    };
    entry_record(
        o,
        &EntryFields {
            code: d.kind.debit_code(),
            routing: &d.routing,
            account_number: &d.account_number,
            amount: d.amount,
            individual_id: &d.individual_id,
            name: &d.name,
            payment_type,
            trace_sequence: d.trace_sequence,
        },
        line,
    )
}

fn credit_entry(o: &Origination, c: &Credit, line: usize) -> Result<String, NachaError> {
    entry_record(
        o,
        &EntryFields {
            code: credit_code(c.kind),
            routing: &c.routing,
            account_number: &c.account_number,
            amount: c.amount,
            individual_id: &c.individual_id,
            name: &c.name,
            // A refund is a single entry; PPD leaves the field blank.
            payment_type: if c.sec == Sec::Ppd { "  " } else { "S " },
            trace_sequence: c.trace_sequence,
        },
        line,
    )
}

/// The entry detail record of `f` on line `line`; refuses what it could not write faithfully.
fn entry_record(o: &Origination, f: &EntryFields<'_>, line: usize) -> Result<String, NachaError> {
    let field = |field, message: &str| NachaError::Field {
        line,
        field,
        message: message.into(),
    };
    if !f.amount.is_positive() || f.amount.cents() > 9_999_999_999 {
        return Err(field(
            "amount",
            "must be more than zero and at most 99,999,999.99",
        ));
    }
    let acct = f.account_number.trim();
    if !super::is_entry_account(acct) {
        return Err(field(
            "account number",
            "must be 1 to 17 letters, digits or dashes",
        ));
    }
    if f.trace_sequence >= 10_000_000 {
        return Err(field("trace number", "the sequence has at most 7 digits"));
    }
    Ok(format!(
        "6{}{}{}{:<17}{}{}{}{}0{}{}",
        f.code,
        f.routing.bank_id(),
        f.routing.check_digit(),
        acct,
        numeric(cents(f.amount), 10),
        alpha(f.individual_id, 15),
        alpha(f.name, 22),
        f.payment_type,
        o.odfi.bank_id(),
        numeric(f.trace_sequence, 7),
    ))
}

/// A synthetic file of `entries` WEB, TEL and PPD debits from valid routing numbers, for
/// trying a bank's or a validator's intake (`servicer ach sample`). Made-up accounts.
pub fn sample(entries: u32, effective_date: Date) -> Origination {
    const BANKS: [&str; 5] = [
        "231380104",
        "011000015",
        "121042882",
        "021000021",
        "026009593",
    ];
    let debits = (1..=u64::from(entries))
        .map(|n| {
            let i = usize::try_from(n).expect("fits") % BANKS.len();
            let sec = [Sec::Web, Sec::Tel, Sec::Ppd][i % 3];
            Debit {
                sec,
                description: if n.is_multiple_of(7) {
                    "RETRY PYMT"
                } else {
                    "LOAN PYMT"
                }
                .into(),
                routing: RoutingNumber::parse(BANKS[i]).expect("valid routing numbers"),
                account_number: format!("{:09}", 100_000 + n * 7),
                kind: if n.is_multiple_of(4) {
                    AccountKind::Savings
                } else {
                    AccountKind::Checking
                },
                amount: Money::from_cents(
                    i64::try_from(10_000 + (n * 1_337) % 90_000).expect("fits"),
                ),
                individual_id: format!("PMT{n:012}"),
                name: format!("SAMPLE BORROWER {n}"),
                recurring: n.is_multiple_of(2),
                trace_sequence: n,
            }
        })
        .collect();
    Origination {
        odfi: RoutingNumber::parse("021000021").expect("valid"),
        odfi_name: "SAMPLE ODFI BANK".into(),
        immediate_origin: "1234567890".into(),
        origin_name: "SERVICER DEMO LENDING".into(),
        company_name: "SERVICER DEMO".into(),
        company_id: "1234567890".into(),
        created: effective_date.at(9, 0, 0, 0),
        file_id_modifier: 'A',
        effective_date,
        debits,
    }
}

/// `count` synthetic refunds (PPD credits to made-up checking and savings accounts at valid
/// routing numbers), their trace sequences from `first_sequence`: with [`sample`], a file
/// of debits and credits to try a bank's or a validator's intake (`servicer ach sample`).
pub fn sample_refunds(count: u32, first_sequence: u64) -> Vec<Credit> {
    const BANKS: [&str; 3] = ["231380104", "011000015", "121042882"];
    (0..u64::from(count))
        .map(|n| {
            let i = usize::try_from(n).expect("fits") % BANKS.len();
            Credit {
                sec: Sec::Ppd,
                description: "REFUND".into(),
                routing: RoutingNumber::parse(BANKS[i]).expect("valid routing numbers"),
                account_number: format!("{:09}", 700_000 + n * 13),
                kind: if n.is_multiple_of(3) {
                    AccountKind::Savings
                } else {
                    AccountKind::Checking
                },
                amount: Money::from_cents(i64::try_from(1_250 + (n * 977) % 40_000).expect("fits")),
                individual_id: format!("REF{n:012}"),
                name: format!("SAMPLE BORROWER {}", n + 1),
                trace_sequence: first_sequence + n,
            }
        })
        .collect()
}

#[cfg(test)]
mod credit_tests {
    use super::*;
    use crate::nacha::parse;
    use jiff::civil::date;

    #[test]
    fn refunds_go_in_a_credit_batch_of_their_own_and_the_controls_total_debits_and_credits_apart() {
        let o = sample(3, date(2026, 12, 2));
        let debits: u64 = o.debits.iter().map(|d| cents(d.amount)).sum();
        let refunds = sample_refunds(2, 9_000_001);
        let text = originate_all(&o, &refunds, &[]).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.iter().all(|l| l.len() == RECORD));
        assert_eq!(lines.len() % BLOCKING, 0);
        // The debits' batches are debits only (225); the refunds' is credits only (220).
        let headers: Vec<&str> = lines
            .iter()
            .filter(|l| l.starts_with('5'))
            .map(|l| &l[1..4])
            .collect();
        assert_eq!(headers.last(), Some(&"220"));
        assert!(headers[..headers.len() - 1].iter().all(|c| *c == "225"));
        let refund_header = lines.iter().rfind(|l| l.starts_with('5')).unwrap();
        assert_eq!(&refund_header[50..53], "PPD");
        assert_eq!(refund_header[53..63].trim_end(), "REFUND");
        // Our reader reads it back: every control checked, the refunds credits.
        let entries = parse(text.as_bytes()).unwrap();
        assert_eq!(entries.len(), 5);
        let credits: Vec<_> = entries.iter().filter(|e| !e.is_debit()).collect();
        assert_eq!(credits.len(), 2);
        for (e, r) in credits.iter().zip(&refunds) {
            assert_eq!(
                e.transaction_code,
                if r.kind == AccountKind::Savings {
                    "32"
                } else {
                    "22"
                }
            );
            assert_eq!(e.amount, r.amount);
            assert_eq!(e.account_number, r.account_number);
            assert_eq!(e.individual_id, r.individual_id);
            assert_eq!(e.sec, "PPD");
            assert_eq!(&e.trace[8..], format!("{:07}", r.trace_sequence));
        }
        let control = lines.iter().find(|l| l.starts_with('9')).unwrap();
        let credit_total: u64 = refunds.iter().map(|r| cents(r.amount)).sum();
        assert_eq!(control[31..43].parse::<u64>().unwrap(), debits);
        assert_eq!(control[43..55].parse::<u64>().unwrap(), credit_total);
        assert_eq!(&control[1..7], format!("{:06}", headers.len()));
    }

    #[test]
    fn a_refund_the_file_cannot_carry_is_refused_naming_its_line() {
        let o = sample(1, date(2026, 12, 2));
        let mut bad = sample_refunds(1, 9_000_001);
        bad[0].account_number = "12 34".into();
        let e = originate_all(&o, &bad, &[]).unwrap_err();
        assert!(
            matches!(
                e,
                NachaError::Field {
                    field: "account number",
                    ..
                }
            ),
            "{e}"
        );
    }
}
