//! Writing the NACHA file of the debits we originate on one effective date: one batch per
//! SEC code and entry description, trace numbers from the caller (unique per ODFI), controls
//! computed here, blocked to ten records. The returns of credits we refuse go in the same
//! file, after the debits ([`super::refuse`]).

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
    originate_with_returns(o, &[])
}

/// Writes the file with the returns of credits we refuse after its debits (one batch of
/// credits per SEC code, company and description, numbered after the debits' batches).
/// Refuses a debit or return it could not write faithfully.
pub fn originate_with_returns(
    o: &Origination,
    returns: &[CreditReturn],
) -> Result<String, NachaError> {
    let mut records = vec![file_header(o)];
    let mut groups: Vec<((Sec, String), Vec<&Debit>)> = Vec::new();
    for d in &o.debits {
        let key = (d.sec, alpha(&d.description, 10));
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(d),
            None => groups.push((key, vec![d])),
        }
    }
    let (mut entries, mut hash, mut debits) = (0_u64, 0_u64, 0_u64);
    for (number, ((sec, description), list)) in (1_u64..).zip(&groups) {
        records.push(batch_header(o, *sec, description, number));
        for d in list {
            records.push(entry(o, d, records.len() + 1)?);
        }
        let batch_hash = entry_hash(list.iter().map(|d| d.routing.bank_id_value()));
        let batch_debits: u64 = list.iter().map(|d| cents(d.amount)).sum();
        let count = u64::try_from(list.len()).expect("fits");
        records.push(format!(
            "8225{}{}{}{}{}{:25}{}{}",
            numeric(count, 6),
            numeric(batch_hash, 10),
            numeric(batch_debits, 12),
            numeric(0, 12),
            alpha(&o.company_id, 10),
            "",
            o.odfi.bank_id(),
            numeric(number, 7),
        ));
        entries += count;
        hash = (hash + batch_hash) % 10_000_000_000;
        debits += batch_debits;
    }
    let debit_batches = u64::try_from(groups.len()).expect("fits");
    let back = write_batches(o, returns, debit_batches + 1, &mut records)?;
    let blocks = (records.len() + 1).div_ceil(BLOCKING);
    records.push(format!(
        "9{}{}{}{}{}{}{:39}",
        numeric(debit_batches + back.batches, 6),
        numeric(u64::try_from(blocks).expect("fits"), 6),
        numeric(entries + back.records, 8),
        numeric((hash + back.hash) % 10_000_000_000, 10),
        numeric(debits, 12),
        numeric(back.credits, 12),
        "",
    ));
    while !records.len().is_multiple_of(BLOCKING) {
        records.push("9".repeat(RECORD));
    }
    debug_assert!(records.iter().all(|r| r.len() == RECORD));
    Ok(records.join("\n") + "\n")
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

fn batch_header(o: &Origination, sec: Sec, description: &str, number: u64) -> String {
    format!(
        "5225{}{:20}{}{}{}{}{}   1{}{}",
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

fn entry(o: &Origination, d: &Debit, line: usize) -> Result<String, NachaError> {
    let field = |field, message: &str| NachaError::Field {
        line,
        field,
        message: message.into(),
    };
    if !d.amount.is_positive() || d.amount.cents() > 9_999_999_999 {
        return Err(field(
            "amount",
            "must be more than zero and at most 99,999,999.99",
        ));
    }
    let acct = d.account_number.trim();
    if !super::is_entry_account(acct) {
        return Err(field(
            "account number",
            "must be 1 to 17 letters, digits or dashes",
        ));
    }
    if d.trace_sequence >= 10_000_000 {
        return Err(field("trace number", "the sequence has at most 7 digits"));
    }
    let payment_type = match (d.sec, d.recurring) {
        (Sec::Ppd, _) => "  ",
        (_, true) => "R ",
        (_, false) => "S ",
    };
    Ok(format!(
        "6{}{}{}{:<17}{}{}{}{}0{}{}",
        d.kind.debit_code(),
        d.routing.bank_id(),
        d.routing.check_digit(),
        acct,
        numeric(cents(d.amount), 10),
        alpha(&d.individual_id, 15),
        alpha(&d.name, 22),
        payment_type,
        o.odfi.bank_id(),
        numeric(d.trace_sequence, 7),
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
