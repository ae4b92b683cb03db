//! Reading a NACHA file: every record checked for length and place, every batch's and the
//! file's controls recomputed; a file that does not add up is refused whole, naming the line.
//! Returns (addenda 99) and notifications of change (addenda 98) are read into their own
//! types, so the app can reverse a payment or correct an account.

use super::{BLOCKING, NachaError, RECORD};
use money::Money;

/// A return: the bank sent an entry back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Returned {
    /// The return reason code ("R01").
    pub reason: String,
    /// The trace number of the entry we originated.
    pub original_trace: String,
    /// The receiving bank of the original entry.
    pub original_rdfi: String,
    /// Free text the bank added.
    pub information: String,
}

/// A notification of change: the bank tells us the account details to use next time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correction {
    /// The change code ("C01": account number, "C02": routing number, …).
    pub change: String,
    /// The trace number of the entry we originated.
    pub original_trace: String,
    /// The corrected data, as the bank wrote it (trimmed).
    pub corrected_data: String,
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
    let sec = header.get(51, 53).to_owned();
    let mut t = Totals::default();
    let mut i = start + 1;
    loop {
        let rec = recs.get(i).ok_or_else(|| {
            structure(
                header.number,
                "the batch has no batch control (a record of type 8)",
            )
        })?;
        match &rec.text[..1] {
            "6" => {
                let e = read_entry(rec, &sec)?;
                t.records += 1;
                t.hash = (t.hash + rec.number_at(4, 11, "receiving DFI identification")?)
                    % 10_000_000_000;
                let cents = rec.number_at(30, 39, "amount")?;
                if e.is_debit() {
                    t.debits += cents
                } else {
                    t.credits += cents
                }
                out.push(e);
            }
            "7" => {
                let e = out.last_mut().filter(|_| i > start + 1).ok_or_else(|| {
                    structure(rec.number, "an addenda record must follow an entry")
                })?;
                t.records += 1;
                read_addenda(rec, e);
            }
            "8" => {
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
                )?;
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
    })
}

fn read_addenda(rec: &Line<'_>, e: &mut Entry) {
    match rec.get(2, 3) {
        "99" => {
            e.returned = Some(Returned {
                reason: rec.get(4, 6).trim().to_owned(),
                original_trace: rec.get(7, 21).to_owned(),
                original_rdfi: rec.get(28, 35).to_owned(),
                information: rec.get(36, 79).trim().to_owned(),
            });
        }
        "98" => {
            e.correction = Some(Correction {
                change: rec.get(4, 6).trim().to_owned(),
                original_trace: rec.get(7, 21).to_owned(),
                corrected_data: rec.get(36, 64).trim().to_owned(),
            });
        }
        _ => {}
    }
}
