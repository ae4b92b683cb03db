//! The addenda of returns (99) and notifications of change (98): which codes NACHA defines,
//! and that a return or notification carries exactly one such addenda, as its entry's
//! addenda indicator says.

use super::{Correction, Entry, Line, Returned, structure};
use crate::nacha::NachaError;

/// The return reason codes of the NACHA Operating Rules, as read: R01–R47 (R40–R47 for ENR
/// entries), R50–R53 (RCK), R61, R62 and R67–R70 (an ODFI's dishonored return), R71–R77 (an
/// RDFI's contested dishonored return), R80–R85 (international). Codes never assigned or
/// retired (R00, R48, R49, R54–R60, R63–R66, R78, R79, R86–R99) are refused.
const RETURN_CODES: &str = "R01–R47, R50–R53, R61, R62, R67–R77 or R80–R85";

/// The change codes of a notification of change, as read: C01–C14. C01–C07 and C09–C13 are
/// domestic; C08 (the receiving bank of an IAT entry) and C14 (the SEC code of an outbound
/// international payment) are international and read too. C61–C69 (codes of a refused
/// notification, which an ODFI sends to the RDFI, not to us) are refused.
const CHANGE_CODES: &str = "C01–C14";

/// The number in a code that is exactly `letter` and two ASCII digits ("R01" is 1).
fn code_number(code: &str, letter: char) -> Option<u8> {
    let digits = code.strip_prefix(letter)?;
    if digits.len() != 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// True for one of the `RETURN_CODES`.
fn is_return_code(code: &str) -> bool {
    code_number(code, 'R')
        .is_some_and(|n| matches!(n, 1..=47 | 50..=53 | 61 | 62 | 67..=77 | 80..=85))
}

/// True for one of the `CHANGE_CODES`.
fn is_change_code(code: &str) -> bool {
    code_number(code, 'C').is_some_and(|n| (1..=14).contains(&n))
}

/// Transaction codes of a return or notification of change (checking 21/26, savings 31/36,
/// general ledger 41/46, loan 51/56): such an entry carries exactly one addenda, a 99 or a 98.
pub(super) fn is_return_or_change(transaction_code: &str) -> bool {
    matches!(
        transaction_code,
        "21" | "26" | "31" | "36" | "41" | "46" | "51" | "56"
    )
}

/// The entry being read, until the next entry or the batch control: its line, whether its
/// addenda indicator (position 79) says addenda follow, whether it is a return or
/// notification of change, and how many addenda followed.
pub(super) struct Open {
    pub(super) line: usize,
    pub(super) promised: bool,
    pub(super) returned: bool,
    pub(super) addenda: usize,
}

impl Open {
    /// Once the entry's records are over: it had the addenda its indicator promised.
    pub(super) fn close(self) -> Result<(), NachaError> {
        if !self.promised || self.addenda > 0 {
            return Ok(());
        }
        Err(structure(
            self.line,
            if self.returned {
                "the return or notification of change has no addenda record (type 7, addenda 99 or 98) after it"
            } else {
                "the entry's addenda indicator (position 79) is 1 but no addenda record (type 7) follows it"
            },
        ))
    }
}

/// Reads an addenda record of the open entry `e`: a return (99) or a notification of change
/// (98) is read with its code checked; other addenda (payment information) are counted only.
pub(super) fn read_addenda(
    rec: &Line<'_>,
    entry: &mut Open,
    e: &mut Entry,
) -> Result<(), NachaError> {
    if !entry.promised {
        return Err(structure(
            rec.number,
            format!(
                "an addenda record follows the entry on line {}, whose addenda indicator (position 79) is 0",
                entry.line
            ),
        ));
    }
    let kind = rec.get(2, 3);
    if entry.returned && entry.addenda > 0 {
        return Err(structure(
            rec.number,
            format!(
                "the return or notification of change on line {} has one addenda record; this is a second",
                entry.line
            ),
        ));
    }
    if entry.returned && kind != "99" && kind != "98" {
        return Err(structure(
            rec.number,
            format!(
                "the return or notification of change on line {} needs a return (99) or change (98) addenda, not addenda type {kind:?}",
                entry.line
            ),
        ));
    }
    entry.addenda += 1;
    match kind {
        "99" => {
            e.returned = Some(Returned {
                reason: code_at(rec, "return reason code", is_return_code, RETURN_CODES)?,
                original_trace: original_trace(rec)?,
                original_rdfi: rec.get(28, 35).to_owned(),
                information: rec.get(36, 79).trim().to_owned(),
                line: rec.number,
            });
        }
        "98" => {
            e.correction = Some(Correction {
                change: code_at(rec, "change code", is_change_code, CHANGE_CODES)?,
                original_trace: original_trace(rec)?,
                corrected_data: rec.get(36, 64).trim().to_owned(),
                line: rec.number,
            });
        }
        _ => {}
    }
    Ok(())
}

/// The code in positions 4–6 of a return or change addenda, exactly as NACHA defines it (no
/// lower case, no padding).
fn code_at(
    rec: &Line<'_>,
    field: &'static str,
    known: fn(&str) -> bool,
    list: &str,
) -> Result<String, NachaError> {
    let code = rec.get(4, 6);
    if known(code) {
        Ok(code.to_owned())
    } else {
        Err(NachaError::Field {
            line: rec.number,
            field,
            message: format!("{code:?} is not a NACHA {field} ({list})"),
        })
    }
}

/// The trace number of the entry a return or change answers (positions 7–21): 15 digits.
fn original_trace(rec: &Line<'_>) -> Result<String, NachaError> {
    let trace = rec.get(7, 21);
    if trace.bytes().all(|b| b.is_ascii_digit()) {
        Ok(trace.to_owned())
    } else {
        Err(NachaError::Field {
            line: rec.number,
            field: "original entry trace number",
            message: format!("{trace:?} is not 15 digits"),
        })
    }
}
