//! Credits others send to our account in an inbound file: a borrower's bank paying a loan
//! through its bill pay. Which entries they are, who they name, and what their batch header
//! says (the company that sent them, the day they settle).
//!
//! Who an entry names depends on its SEC code. A CIE entry (customer-initiated: the bill pay
//! of the borrower's own bank) carries the individual's name in positions 40–54 and their
//! identification number (the borrower's account number with us) in 55–76; PPD and CCD
//! entries carry the identification in 40–54 and the name in 55–76. The reader keeps the two
//! fields by position ([`Entry::individual_id`], [`Entry::name`]); this module reads them by
//! their meaning.

use super::write::{alpha, numeric};
use super::{BLOCKING, Entry, RECORD};
use domain::routing_number::RoutingNumber;
use jiff::civil::Date;
use money::Money;

/// A credit to our account, as the file carries it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceivedCredit {
    /// The entry as read (its trace number, amount, account, line).
    pub entry: Entry,
    /// The company name of its batch header (the bill-pay provider, or the payer's bank).
    pub company_name: String,
    /// The company identification of its batch header.
    pub company_id: String,
    /// The company entry description of its batch header ("BILL PAY").
    pub description: String,
    /// The effective entry date of its batch header: the day the money settles (none when the
    /// field is blank or not a date).
    pub effective_date: Option<Date>,
    /// The receiver's identification number: for a bill-pay credit, the borrower's account
    /// number with us, as the borrower typed it into their bank's bill pay (trimmed).
    pub identification: String,
    /// The receiver's name (trimmed).
    pub receiver: String,
}

impl ReceivedCredit {
    /// The bank that sent the credit (the originating bank): the first eight digits of the
    /// trace number, with their check digit. A return of the credit goes to it.
    pub fn paying_bank(&self) -> Option<RoutingNumber> {
        routing_of_bank_id(self.entry.trace.get(..8)?)
    }

    /// The return of this credit for `reason`, traced with `trace_sequence` in the file we
    /// originate; none when its trace number names no bank (it cannot be sent back by ACH).
    pub fn to_return(
        &self,
        reason: super::Refusal,
        trace_sequence: u64,
    ) -> Option<super::CreditReturn> {
        Some(super::CreditReturn {
            sec: self.entry.sec.clone(),
            company_name: self.company_name.clone(),
            company_id: self.company_id.clone(),
            description: self.description.clone(),
            transaction_code: self.entry.transaction_code.clone(),
            paying_bank: self.paying_bank()?,
            original_rdfi: self.entry.rdfi.clone(),
            account_number: self.entry.account_number.clone(),
            amount: self.entry.amount,
            individual_id: self.entry.individual_id.clone(),
            individual_name: self.entry.name.clone(),
            original_trace: self.entry.trace.clone(),
            reason,
            trace_sequence,
        })
    }

    /// Its effective date as text, or "undated": with the trace number, the key that makes a
    /// credit read twice (in a file the bank sends again) count once. A bank may use a trace
    /// number again on another day, so the trace alone is not enough.
    pub fn settles(&self) -> String {
        self.effective_date
            .map_or_else(|| "undated".to_owned(), |d| d.to_string())
    }
}

/// Transaction codes of a live credit: to a checking (22), savings (32), general ledger (42)
/// or loan (52) account.
const LIVE_CREDITS: [&str; 4] = ["22", "32", "42", "52"];

/// Transaction codes of a credit prenotification (zero dollars: a bill-pay provider telling
/// us it will pay to this account): checking 23, savings 33, general ledger 43, loan 53.
const CREDIT_PRENOTES: [&str; 4] = ["23", "33", "43", "53"];

/// True for an entry an inbound file may carry besides returns and notifications of change:
/// a credit to our account (or its prenotification), sent by someone paying us.
pub fn is_credit_to_us(e: &Entry) -> bool {
    e.returned.is_none()
        && e.correction.is_none()
        && (LIVE_CREDITS.contains(&e.transaction_code.as_str())
            || CREDIT_PRENOTES.contains(&e.transaction_code.as_str()))
}

/// True for a credit that moves money: a live credit code and an amount above zero (a
/// prenotification, or a live code of zero dollars, carries nothing to post).
fn moves_money(e: &Entry) -> bool {
    is_credit_to_us(e)
        && LIVE_CREDITS.contains(&e.transaction_code.as_str())
        && e.amount.is_positive()
}

/// The credits that move money among `entries`, read from the same `bytes` (which
/// [`super::parse`] has already read whole and checked): each with its batch header's company,
/// description and effective date, and who it names by its SEC code. In file order.
pub fn received_credits(bytes: &[u8], entries: &[Entry]) -> Vec<ReceivedCredit> {
    let text = std::str::from_utf8(bytes).unwrap_or_default();
    // The batch header in force at each record (records numbered as the reader numbers them).
    let mut header: Option<&str> = None;
    let headers: Vec<Option<&str>> = records(text)
        .into_iter()
        .map(|r| {
            if r.starts_with('5') {
                header = Some(r);
            }
            header
        })
        .collect();
    entries
        .iter()
        .filter(|e| moves_money(e))
        .map(|e| {
            let h = e
                .line
                .checked_sub(1)
                .and_then(|i| headers.get(i).copied().flatten())
                .unwrap_or_default();
            let (receiver, identification) = if e.sec == "CIE" {
                (e.individual_id.clone(), e.name.clone())
            } else {
                (e.name.clone(), e.individual_id.clone())
            };
            ReceivedCredit {
                entry: e.clone(),
                company_name: field(h, 5, 20).to_owned(),
                company_id: field(h, 41, 50).to_owned(),
                description: field(h, 54, 63).to_owned(),
                effective_date: yymmdd(field(h, 70, 75)),
                identification,
                receiver,
            }
        })
        .collect()
}

/// The records of a file, numbered from 1 as the reader numbers them: its lines, or the
/// 94-character pieces of one unbroken run.
fn records(text: &str) -> Vec<&str> {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let unbroken =
        lines.iter().filter(|l| !l.is_empty()).count() == 1 && text.trim_end().len() > RECORD;
    if unbroken {
        let t = text.trim_end_matches(['\r', '\n']);
        (0..t.len())
            .step_by(RECORD)
            .filter_map(|start| t.get(start..start + RECORD))
            .collect()
    } else {
        lines
    }
}

/// Positions `from` to `to` (1-based, inclusive) of a record, trimmed; empty when the record
/// is shorter.
fn field(record: &str, from: usize, to: usize) -> &str {
    record.get(from - 1..to).unwrap_or_default().trim()
}

/// A YYMMDD date of this century; none when blank or not a date.
fn yymmdd(text: &str) -> Option<Date> {
    if text.len() != 6 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: i16 = text.get(..2)?.parse().ok()?;
    let month: i8 = text.get(2..4)?.parse().ok()?;
    let day: i8 = text.get(4..)?.parse().ok()?;
    Date::new(2000 + year, month, day).ok()
}

/// The routing number of a bank's 8-digit identification: the digits and their ABA check
/// digit. None unless `bank_id` is exactly eight ASCII digits.
pub fn routing_of_bank_id(bank_id: &str) -> Option<RoutingNumber> {
    if bank_id.len() != 8 || !bank_id.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    const WEIGHTS: [u32; 8] = [3, 7, 1, 3, 7, 1, 3, 7];
    let sum: u32 = bank_id
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    let check = (10 - sum % 10) % 10;
    RoutingNumber::parse(&format!("{bank_id}{check}")).ok()
}

/// One credit of a bill-pay file ([`bill_pay_file`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BillPayCredit {
    /// What the borrower typed as their account with us (the identification number).
    pub identification: String,
    /// The borrower's name (up to 15 characters in a CIE entry; longer is cut).
    pub name: String,
    /// The amount (positive).
    pub amount: Money,
    /// The trace number's sequence part (unique in the file; at most 7 digits).
    pub trace_sequence: u64,
}

/// The file a borrower's bank's bill pay sends through our bank: one CIE batch of credits
/// from `paying_bank` to our account `our_account` at `our_bank`, settling on `effective`.
/// What the tests and samples feed the inbound folder; our reader reads it back.
pub fn bill_pay_file(
    paying_bank: RoutingNumber,
    our_bank: RoutingNumber,
    our_account: &str,
    effective: Date,
    credits: &[BillPayCredit],
) -> String {
    let day = effective.strftime("%y%m%d").to_string();
    let payer = paying_bank.bank_id();
    let mut records = vec![
        format!(
            "101 {our_bank} {paying_bank}{day}0600A094101{}{}{:8}",
            alpha("OUR BANK", 23),
            alpha("BILL PAY NETWORK", 23),
            "",
        ),
        format!(
            "5220{}{:20}{}CIE{}{day}{day}   1{payer}{}",
            alpha("ONLINE BILL PAY", 16),
            "",
            alpha("9876543210", 10),
            alpha("BILL PAY", 10),
            numeric(1, 7),
        ),
    ];
    let (mut total, mut hash) = (0_u64, 0_u64);
    for c in credits {
        let cents = u64::try_from(c.amount.cents()).unwrap_or(0);
        records.push(format!(
            "622{}{}{}{}{}{}  0{payer}{}",
            our_bank.bank_id(),
            our_bank.check_digit(),
            alpha(our_account, 17),
            numeric(cents, 10),
            alpha(&c.name, 15),
            alpha(&c.identification, 22),
            numeric(c.trace_sequence % 10_000_000, 7),
        ));
        total += cents;
        hash = (hash + our_bank.bank_id_value()) % 10_000_000_000;
    }
    let count = u64::try_from(credits.len()).unwrap_or(0);
    records.push(format!(
        "8220{}{}{}{}{}{:25}{payer}{}",
        numeric(count, 6),
        numeric(hash, 10),
        numeric(0, 12),
        numeric(total, 12),
        alpha("9876543210", 10),
        "",
        numeric(1, 7),
    ));
    let blocks = (records.len() + 1).div_ceil(BLOCKING);
    records.push(format!(
        "9{}{}{}{}{}{}{:39}",
        numeric(1, 6),
        numeric(u64::try_from(blocks).unwrap_or(0), 6),
        numeric(count, 8),
        numeric(hash, 10),
        numeric(0, 12),
        numeric(total, 12),
        "",
    ));
    while !records.len().is_multiple_of(BLOCKING) {
        records.push("9".repeat(RECORD));
    }
    records.join("\n") + "\n"
}

#[cfg(test)]
mod tests;
