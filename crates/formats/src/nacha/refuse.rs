//! Credits we send back: the return entries of credits we refuse, written into the file we
//! originate. A return mirrors the credit it returns: the same SEC code, company and entry
//! description in its batch header, the same account, amount and individual fields in its
//! entry, addressed to the bank that sent the credit, with the return transaction code of the
//! credit's (21 for a checking credit, 31 savings, 41 general ledger, 51 loan) and an addenda
//! 99 naming the reason and the credit's trace number.

use super::write::{alpha, numeric};
use super::{NachaError, Origination, is_entry_account};
use domain::routing_number::RoutingNumber;
use money::Money;

/// Why we send a credit back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Refusal {
    /// R03, "No account / unable to locate account": the account number it names (a valid
    /// one) is not a loan of ours.
    NoAccount,
    /// R23, "Credit entry refused by receiver": the loan it names is paid off (nothing is
    /// owed).
    Refused,
}

impl Refusal {
    /// The return reason code.
    pub fn code(self) -> &'static str {
        match self {
            Refusal::NoAccount => "R03",
            Refusal::Refused => "R23",
        }
    }

    /// The refusal of a return reason code, if it is one of ours.
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "R03" => Some(Refusal::NoAccount),
            "R23" => Some(Refusal::Refused),
            _ => None,
        }
    }

    /// The words in the return's addenda (at most 44 characters).
    fn words(self) -> &'static str {
        match self {
            Refusal::NoAccount => "NO SUCH LOAN ACCOUNT AT THE RECEIVER",
            Refusal::Refused => "LOAN PAID OFF: CREDIT REFUSED BY RECEIVER",
        }
    }
}

/// The return transaction code of a credit's: 22 → 21, 32 → 31, 42 → 41, 52 → 51.
pub fn return_code_of(credit_code: &str) -> Option<&'static str> {
    match credit_code {
        "22" => Some("21"),
        "32" => Some("31"),
        "42" => Some("41"),
        "52" => Some("51"),
        _ => None,
    }
}

/// A credit we received and return, with what the return entry must echo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreditReturn {
    /// The credit's SEC code ("CIE", "PPD", "CCD").
    pub sec: String,
    /// The company name of the credit's batch.
    pub company_name: String,
    /// The company identification of the credit's batch.
    pub company_id: String,
    /// The company entry description of the credit's batch.
    pub description: String,
    /// The credit's transaction code (22, 32, 42 or 52).
    pub transaction_code: String,
    /// The bank that sent the credit: the return goes to it.
    pub paying_bank: RoutingNumber,
    /// The credit's receiving bank identification (8 digits: our bank's), echoed in the
    /// addenda.
    pub original_rdfi: String,
    /// The account number the credit was for (our account at our bank).
    pub account_number: String,
    /// The credit's amount: a return is for all of it.
    pub amount: Money,
    /// Positions 40–54 of the credit, as received (a CIE entry's individual name; a PPD
    /// entry's identification number).
    pub individual_id: String,
    /// Positions 55–76 of the credit, as received (a CIE entry's identification number; a PPD
    /// entry's individual name).
    pub individual_name: String,
    /// The credit's trace number (15 digits).
    pub original_trace: String,
    /// Why it goes back.
    pub reason: Refusal,
    /// The return's own trace number's sequence part (unique in the file; at most 7 digits).
    pub trace_sequence: u64,
}

impl CreditReturn {
    /// What keeps this return from being written faithfully, if anything: the field, and
    /// why. A refusal the file could not carry is not queued for it (one bad entry would make
    /// the bank refuse every entry of the file): staff return it another way.
    pub fn problem(&self) -> Option<(&'static str, String)> {
        let digits =
            |text: &str, n: usize| text.len() == n && text.bytes().all(|b| b.is_ascii_digit());
        if self.sec.len() != 3 || !self.sec.bytes().all(|b| b.is_ascii_uppercase()) {
            return Some((
                "standard entry class code",
                format!("{:?} is not three capital letters", self.sec),
            ));
        }
        if return_code_of(&self.transaction_code).is_none() {
            return Some((
                "transaction code",
                format!(
                    "{:?} is not a live credit (22, 32, 42 or 52) that a return can answer",
                    self.transaction_code
                ),
            ));
        }
        if !self.amount.is_positive() || self.amount.cents() > 9_999_999_999 {
            return Some((
                "amount",
                "must be more than zero and at most 99,999,999.99".into(),
            ));
        }
        if !is_entry_account(&self.account_number) {
            return Some((
                "account number",
                "must be 1 to 17 letters, digits or dashes".into(),
            ));
        }
        if !digits(&self.original_trace, 15) {
            return Some((
                "original entry trace number",
                format!("{:?} is not 15 digits", self.original_trace),
            ));
        }
        if !digits(&self.original_rdfi, 8) {
            return Some((
                "original receiving DFI identification",
                format!("{:?} is not 8 digits", self.original_rdfi),
            ));
        }
        if self.trace_sequence >= 10_000_000 {
            return Some(("trace number", "the sequence has at most 7 digits".into()));
        }
        None
    }
}

/// What the return batches added to the file: their count, entries and addenda, entry hash
/// and total (credits: a return of a credit carries a credit transaction code).
#[derive(Default)]
pub(super) struct ReturnTotals {
    pub(super) batches: u64,
    pub(super) records: u64,
    pub(super) hash: u64,
    pub(super) credits: u64,
}

/// What puts returns in one batch: the SEC code, company name, company id and description, as
/// written.
type BatchKey = (String, String, String, String);

/// Appends to `records` one batch per SEC code, company and description of `returns`,
/// numbered from `first_number`; their totals. Refuses a return it could not write faithfully.
pub(super) fn write_batches(
    o: &Origination,
    returns: &[CreditReturn],
    first_number: u64,
    records: &mut Vec<String>,
) -> Result<ReturnTotals, NachaError> {
    let mut groups: Vec<(BatchKey, Vec<&CreditReturn>)> = Vec::new();
    for r in returns {
        let key = (
            r.sec.clone(),
            alpha(&r.company_name, 16),
            alpha(&r.company_id, 10),
            alpha(&r.description, 10),
        );
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(r),
            None => groups.push((key, vec![r])),
        }
    }
    let mut t = ReturnTotals::default();
    for (number, ((sec, company, id, description), list)) in (first_number..).zip(&groups) {
        records.push(format!(
            "5220{company}{:20}{id}{sec}{description}{}{}   1{}{}",
            "",
            o.effective_date.strftime("%y%m%d"),
            o.effective_date.strftime("%y%m%d"),
            o.odfi.bank_id(),
            numeric(number, 7),
        ));
        let mut batch = ReturnTotals::default();
        for r in list {
            let [entry, addenda] = return_records(o, r, records.len() + 1)?;
            records.push(entry);
            records.push(addenda);
            batch.records += 2;
            batch.hash = (batch.hash + r.paying_bank.bank_id_value()) % 10_000_000_000;
            batch.credits += cents(r.amount);
        }
        records.push(format!(
            "8220{}{}{}{}{id}{:25}{}{}",
            numeric(batch.records, 6),
            numeric(batch.hash, 10),
            numeric(0, 12),
            numeric(batch.credits, 12),
            "",
            o.odfi.bank_id(),
            numeric(number, 7),
        ));
        t.batches += 1;
        t.records += batch.records;
        t.hash = (t.hash + batch.hash) % 10_000_000_000;
        t.credits += batch.credits;
    }
    Ok(t)
}

/// The amount in cents of a return checked positive.
fn cents(m: Money) -> u64 {
    u64::try_from(m.cents()).unwrap_or(0)
}

/// The entry and addenda 99 records of return `r`, the entry on line `line`.
fn return_records(
    o: &Origination,
    r: &CreditReturn,
    line: usize,
) -> Result<[String; 2], NachaError> {
    let (Some(code), None) = (return_code_of(&r.transaction_code), r.problem()) else {
        let (field, message) = r.problem().unwrap_or_default();
        return Err(NachaError::Field {
            line,
            field,
            message,
        });
    };
    let acct = r.account_number.trim();
    let trace = format!("{}{}", o.odfi.bank_id(), numeric(r.trace_sequence, 7));
    let entry = format!(
        "6{code}{}{}{acct:<17}{}{}{}  1{trace}",
        r.paying_bank.bank_id(),
        r.paying_bank.check_digit(),
        numeric(cents(r.amount), 10),
        alpha(&r.individual_id, 15),
        alpha(&r.individual_name, 22),
    );
    let addenda = format!(
        "799{}{}{:6}{}{}{trace}",
        r.reason.code(),
        r.original_trace,
        "",
        r.original_rdfi,
        alpha(r.reason.words(), 44),
    );
    Ok([entry, addenda])
}

#[cfg(test)]
mod tests;
