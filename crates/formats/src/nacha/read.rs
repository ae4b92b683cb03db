//! Reading a NACHA file: every record checked for length, place and printable text, every
//! batch's and the file's controls recomputed; a file that does not add up is refused whole,
//! naming the line. Returns (addenda 99) and notifications of change (addenda 98) are read into
//! their own types, so the app can reverse a payment or correct an account: a return or
//! notification without its addenda, or with a code NACHA does not define, is refused too.

mod addenda;

use super::{BLOCKING, NachaError, RECORD};
use addenda::{Open, is_return_or_change, read_addenda};
use money::Money;

/// A return: the bank sent an entry back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Returned {
    /// The return reason code ("R01"): one NACHA defines (others are refused).
    pub reason: String,
    /// The trace number of the entry we originated.
    pub original_trace: String,
    /// The receiving bank of the original entry.
    pub original_rdfi: String,
    /// Free text the bank added.
    pub information: String,
    /// The line of its addenda record.
    pub line: usize,
}

/// A notification of change: the bank tells us the account details to use next time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correction {
    /// The change code ("C01": account number, "C02": routing number, …): one NACHA defines
    /// (others are refused).
    pub change: String,
    /// The trace number of the entry we originated.
    pub original_trace: String,
    /// The corrected data, as the bank wrote it (trimmed).
    pub corrected_data: String,
    /// The line of its addenda record.
    pub line: usize,
}

/// One entry of a file, with what its addenda say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The batch's SEC code.
    pub sec: String,
    /// The transaction code ("27": checking debit, "26": a returned debit, …).
    pub transaction_code: String,
    /// The receiving bank's 8-digit identification.
    pub rdfi: String,
    /// The account number.
    pub account_number: String,
    /// The amount.
    pub amount: Money,
    /// The individual identification (our reference on entries we originated).
    pub individual_id: String,
    /// The account holder's name.
    pub name: String,
    /// The entry's trace number.
    pub trace: String,
    /// The return, if this entry is one.
    pub returned: Option<Returned>,
    /// The notification of change, if this entry is one.
    pub correction: Option<Correction>,
    /// The line of the entry detail record.
    pub line: usize,
}

impl Entry {
    /// True for a debit transaction code (second digit 5–9), false for a credit.
    pub fn is_debit(&self) -> bool {
        self.transaction_code
            .as_bytes()
            .get(1)
            .is_some_and(|d| (b'5'..=b'9').contains(d))
    }
}

struct Line<'a> {
    number: usize,
    text: &'a str,
}

impl Line<'_> {
    fn get(&self, from: usize, to: usize) -> &str {
        &self.text[from - 1..to]
    }

    fn number_at(&self, from: usize, to: usize, field: &'static str) -> Result<u64, NachaError> {
        let t = self.get(from, to).trim();
        t.parse().map_err(|_| NachaError::Field {
            line: self.number,
            field,
            message: format!("{t:?} is not a number"),
        })
    }
}

/// The records of the file: lines of 94 characters, or one unbroken run of them.
fn records(text: &str) -> Result<Vec<Line<'_>>, NachaError> {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let unbroken =
        lines.iter().filter(|l| !l.is_empty()).count() == 1 && text.trim_end().len() > RECORD;
    let mut out = Vec::new();
    if unbroken {
        let t = text.trim_end_matches(['\r', '\n']);
        if !t.len().is_multiple_of(RECORD) {
            return Err(NachaError::RecordLength {
                line: 1,
                length: t.len() % RECORD,
            });
        }
        for (i, start) in (0..t.len()).step_by(RECORD).enumerate() {
            out.push(Line {
                number: i + 1,
                text: &t[start..start + RECORD],
            });
        }
        return Ok(out);
    }
    for (i, l) in lines.iter().enumerate() {
        if l.is_empty() && lines[i..].iter().all(|x| x.is_empty()) {
            break;
        }
        if l.len() != RECORD {
            return Err(NachaError::RecordLength {
                line: i + 1,
                length: l.chars().count(),
            });
        }
        out.push(Line {
            number: i + 1,
            text: l,
        });
    }
    Ok(out)
}

/// Refuses a record holding a control character (a NUL, a tab, …): a record is printable text.
fn printable(rec: &Line<'_>) -> Result<(), NachaError> {
    match rec.text.bytes().position(|b| b.is_ascii_control()) {
        None => Ok(()),
        Some(at) => Err(structure(
            rec.number,
            format!(
                "column {} holds a control character ({:#04x}); a NACHA record is printable text",
                at + 1,
                rec.text.as_bytes()[at]
            ),
        )),
    }
}

fn structure(line: usize, message: impl Into<String>) -> NachaError {
    NachaError::Structure {
        line,
        message: message.into(),
    }
}

fn control(line: usize, what: &'static str, stated: u64, actual: u64) -> Result<(), NachaError> {
    if stated == actual {
        Ok(())
    } else {
        Err(NachaError::Control {
            line,
            what,
            stated: stated.to_string(),
            actual: actual.to_string(),
        })
    }
}

/// Totals of a batch or the file as counted from its entries.
#[derive(Default)]
struct Totals {
    records: u64,
    hash: u64,
    debits: u64,
    credits: u64,
}

/// Reads a whole file: its entries in order, or the first thing wrong with it.
pub fn parse(bytes: &[u8]) -> Result<Vec<Entry>, NachaError> {
    if let Some(at) = bytes.iter().position(|b| !b.is_ascii()) {
        let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
        return Err(NachaError::NotAscii { line });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| NachaError::NotAscii { line: 1 })?;
    let recs = records(text)?;
    let first = recs.first().ok_or(NachaError::Empty)?;
    if !first.text.starts_with('1') {
        return Err(structure(
            first.number,
            "a NACHA file starts with its file header (a record of type 1)",
        ));
    }
    printable(first)?;
    let mut entries = Vec::new();
    let (mut file, mut batches) = (Totals::default(), 0_u64);
    let mut i = 1;
    loop {
        let rec = recs.get(i).ok_or_else(|| {
            structure(
                recs.len(),
                "the file ends without its file control (a record of type 9)",
            )
        })?;
        match &rec.text[..1] {
            "5" => {
                let (batch, next) = read_batch(&recs, i, &mut entries)?;
                file.records += batch.records;
                file.hash = (file.hash + batch.hash) % 10_000_000_000;
                file.debits += batch.debits;
                file.credits += batch.credits;
                batches += 1;
                i = next;
            }
            "9" => {
                check_file_control(rec, &file, batches, &recs, i)?;
                return Ok(entries);
            }
            t => {
                return Err(structure(
                    rec.number,
                    format!(
                        "expected a batch header (5) or the file control (9), found a record of type {t}"
                    ),
                ));
            }
        }
    }
}

fn check_file_control(
    rec: &Line<'_>,
    file: &Totals,
    batches: u64,
    recs: &[Line<'_>],
    at: usize,
) -> Result<(), NachaError> {
    printable(rec)?;
    let n = rec.number;
    control(
        n,
        "the file control's batch count",
        rec.number_at(2, 7, "batch count")?,
        batches,
    )?;
    let blocks = u64::try_from((at + 1).div_ceil(BLOCKING)).expect("fits");
    control(
        n,
        "the file control's block count",
        rec.number_at(8, 13, "block count")?,
        blocks,
    )?;
    control(
        n,
        "the file control's entry and addenda count",
        rec.number_at(14, 21, "entry/addenda count")?,
        file.records,
    )?;
    control(
        n,
        "the file control's entry hash",
        rec.number_at(22, 31, "entry hash")?,
        file.hash,
    )?;
    control(
        n,
        "the file control's total debits (cents)",
        rec.number_at(32, 43, "total debits")?,
        file.debits,
    )?;
    control(
        n,
        "the file control's total credits (cents)",
        rec.number_at(44, 55, "total credits")?,
        file.credits,
    )?;
    for pad in &recs[at + 1..] {
        if pad.text.bytes().any(|b| b != b'9') {
            return Err(structure(
                pad.number,
                "only 9-filled padding may follow the file control",
            ));
        }
    }
    Ok(())
}

/// Reads the batch whose header is `recs[start]`; its totals and the index after its control.
fn read_batch(
    recs: &[Line<'_>],
    start: usize,
    out: &mut Vec<Entry>,
) -> Result<(Totals, usize), NachaError> {
    let header = &recs[start];
    printable(header)?;
    let sec = header.get(51, 53).to_owned();
    let mut t = Totals::default();
    let mut open: Option<Open> = None;
    let mut i = start + 1;
    loop {
        let rec = recs.get(i).ok_or_else(|| {
            structure(
                header.number,
                "the batch has no batch control (a record of type 8)",
            )
        })?;
        let kind = &rec.text[..1];
        if kind != "7"
            && let Some(entry) = open.take()
        {
            entry.close()?;
        }
        match kind {
            "6" => open = Some(entry_record(rec, &sec, &mut t, out)?),
            "7" => addenda_record(rec, open.as_mut(), out, &mut t)?,
            "8" => {
                printable(rec)?;
                check_batch_control(rec, &t)?;
                return Ok((t, i + 1));
            }
            other => {
                return Err(structure(
                    rec.number,
                    format!(
                        "expected an entry (6), addenda (7) or batch control (8), found a record of type {other}"
                    ),
                ));
            }
        }
        i += 1;
    }
}

/// Reads the entry record `rec` of a batch of `sec` entries onto `out`, counting it in the
/// batch's totals `t`; the entry, open for the addenda that may follow.
fn entry_record(
    rec: &Line<'_>,
    sec: &str,
    t: &mut Totals,
    out: &mut Vec<Entry>,
) -> Result<Open, NachaError> {
    let e = read_entry(rec, sec)?;
    printable(rec)?;
    t.records += 1;
    t.hash = (t.hash + rec.number_at(4, 11, "receiving DFI identification")?) % 10_000_000_000;
    let cents = rec.number_at(30, 39, "amount")?;
    if e.is_debit() {
        t.debits += cents
    } else {
        t.credits += cents
    }
    let open = Open {
        line: rec.number,
        promised: rec.get(79, 79) == "1",
        returned: is_return_or_change(&e.transaction_code),
        addenda: 0,
    };
    out.push(e);
    Ok(open)
}

/// Reads the addenda record `rec` onto the entry before it (`open`, the last of `out`),
/// counting it in the batch's totals `t`; an addenda with no entry before it is refused.
fn addenda_record(
    rec: &Line<'_>,
    open: Option<&mut Open>,
    out: &mut [Entry],
    t: &mut Totals,
) -> Result<(), NachaError> {
    let (Some(entry), Some(e)) = (open, out.last_mut()) else {
        return Err(structure(
            rec.number,
            "an addenda record must follow an entry",
        ));
    };
    read_addenda(rec, entry, e)?;
    printable(rec)?;
    t.records += 1;
    Ok(())
}

fn check_batch_control(rec: &Line<'_>, t: &Totals) -> Result<(), NachaError> {
    let n = rec.number;
    control(
        n,
        "the batch control's entry and addenda count",
        rec.number_at(5, 10, "entry/addenda count")?,
        t.records,
    )?;
    control(
        n,
        "the batch control's entry hash",
        rec.number_at(11, 20, "entry hash")?,
        t.hash,
    )?;
    control(
        n,
        "the batch control's total debits (cents)",
        rec.number_at(21, 32, "total debits")?,
        t.debits,
    )?;
    control(
        n,
        "the batch control's total credits (cents)",
        rec.number_at(33, 44, "total credits")?,
        t.credits,
    )
}

fn read_entry(rec: &Line<'_>, sec: &str) -> Result<Entry, NachaError> {
    let cents = rec.number_at(30, 39, "amount")?;
    let code = rec.get(2, 3);
    if !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(NachaError::Field {
            line: rec.number,
            field: "transaction code",
            message: format!("{code:?} is not a transaction code"),
        });
    }
    let indicator = rec.get(79, 79);
    if indicator != "0" && indicator != "1" {
        return Err(NachaError::Field {
            line: rec.number,
            field: "addenda record indicator",
            message: format!("{indicator:?} is neither 0 (no addenda) nor 1 (addenda follow)"),
        });
    }
    if is_return_or_change(code) && indicator != "1" {
        return Err(NachaError::Field {
            line: rec.number,
            field: "addenda record indicator",
            message: format!(
                "transaction code {code} is a return or notification of change, which carries its addenda (99 or 98): the indicator must be 1"
            ),
        });
    }
    Ok(Entry {
        sec: sec.to_owned(),
        transaction_code: code.to_owned(),
        rdfi: rec.get(4, 11).to_owned(),
        account_number: rec.get(13, 29).trim().to_owned(),
        amount: Money::from_cents(i64::try_from(cents).expect("ten digits fit")),
        individual_id: rec.get(40, 54).trim().to_owned(),
        name: rec.get(55, 76).trim().to_owned(),
        trace: rec.get(80, 94).to_owned(),
        returned: None,
        correction: None,
        line: rec.number,
    })
}
