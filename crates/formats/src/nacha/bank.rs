//! The bank's side: the return and notification-of-change file a receiving bank would send
//! back for entries of a file we originated. Used by the tests, the crash test and the demo
//! to drive our reader the way a bank does (`servicer ach bank-returns`).

use super::{BLOCKING, Entry, RECORD, entry_hash};

/// What the bank answers for one entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Returned with a reason code ("R01").
    Return(String),
    /// A notification of change: the change code ("C01") and the corrected data.
    Change(String, String),
}

/// A return/NOC file answering `answers` (the trace of an entry of `original`, and what the
/// bank says about it). Entries of `original` not named are left out; unknown traces are
/// skipped.
pub fn answer(original: &[Entry], answers: &[(String, Answer)], yymmdd: &str) -> String {
    let odfi = original.first().map_or_else(
        || "00000000".to_owned(),
        |e| e.trace.get(..8).unwrap_or("00000000").to_owned(),
    );
    let mut records = headers(&odfi, yymmdd);
    let (mut count, mut hashes, mut debits, mut credits) = (0_u64, Vec::new(), 0_u64, 0_u64);
    for (seq, (trace, what)) in (1_u64..).zip(answers) {
        let Some(e) = original.iter().find(|e| &e.trace == trace) else {
            continue;
        };
        let (entry_records, cents) = answer_entry(e, trace, what, seq);
        records.extend(entry_records);
        count += 2;
        hashes.push(
            e.rdfi
                .get(..8)
                .unwrap_or("00000000")
                .parse::<u64>()
                .unwrap_or(0),
        );
        // The return of a debit is a debit; the return of a credit (a refund we sent), a credit.
        if e.is_debit() {
            debits += cents;
        } else {
            credits += cents;
        }
    }
    close(records, &odfi, count, entry_hash(hashes), (debits, credits))
}

/// The file header and the batch header of a return file from the bank to `odfi`, dated
/// `yymmdd`.
fn headers(odfi: &str, yymmdd: &str) -> Vec<String> {
    let mut records = vec![format!(
        "101 {odfi}0{}{yymmdd}0900A094101{:<23}{:<23}{:8}",
        "0000000000", "SERVICER ODFI", "RECEIVING BANK", ""
    )];
    records.push(format!(
        "5200{:<16}{:20}{:<10}PPD{:<10}{yymmdd}{yymmdd}   1{:<8}{:07}",
        "RETURNS", "", "0000000000", "RETURN", odfi, 1
    ));
    records
}

/// The entry and addenda records answering our entry `e` (traced `trace`) with `what`,
/// numbered `seq`, and the cents it returns (zero for a notification of change).
fn answer_entry(e: &Entry, trace: &str, what: &Answer, seq: u64) -> ([String; 2], u64) {
    let rdfi = e.rdfi.get(..8).unwrap_or("00000000");
    let (code, amount) = match what {
        // A returned checking debit is transaction code 26 (savings 36), a returned checking
        // credit 21 (savings 31); an NOC is 21/31 with a zero amount.
        Answer::Return(_) => (
            match e.transaction_code.as_str() {
                "37" => "36",
                "22" => "21",
                "32" => "31",
                _ => "26",
            },
            e.amount.cents(),
        ),
        Answer::Change(..) => (
            if e.transaction_code == "37" {
                "31"
            } else {
                "21"
            },
            0,
        ),
    };
    let cents = u64::try_from(amount).unwrap_or(0);
    let entry = format!(
        "6{code}{rdfi}{}{:<17}{cents:010}{:<15}{:<22}  1{rdfi}{seq:07}",
        check_digit(rdfi),
        e.account_number.trim(),
        e.individual_id.trim(),
        e.name.trim(),
    );
    let addenda = match what {
        Answer::Return(reason) => format!(
            "799{reason:<3}{trace:<15}{:6}{rdfi}{:<44}{rdfi}{seq:07}",
            "", "RETURNED"
        ),
        Answer::Change(change, data) => format!(
            "798{change:<3}{trace:<15}{:6}{rdfi}{data:<29}{:15}{rdfi}{seq:07}",
            "", ""
        ),
    };
    ([entry, addenda], cents)
}

/// The file `records` closed: the batch control and file control with `count` entry and
/// addenda records, their `hash` and (debits, credits), then padding to whole blocks; as text.
fn close(
    mut records: Vec<String>,
    odfi: &str,
    count: u64,
    hash: u64,
    (debits, credits): (u64, u64),
) -> String {
    records.push(format!(
        "8200{count:06}{hash:010}{debits:012}{credits:012}{:<10}{:25}{:<8}{:07}",
        "0000000000", "", odfi, 1
    ));
    let blocks = (records.len() + 1).div_ceil(BLOCKING);
    records.push(format!(
        "9{:06}{blocks:06}{count:08}{hash:010}{debits:012}{credits:012}{:39}",
        1, ""
    ));
    while !records.len().is_multiple_of(BLOCKING) {
        records.push("9".repeat(RECORD));
    }
    records.join("\n") + "\n"
}

/// The ABA check digit of an 8-digit bank identification.
fn check_digit(bank_id: &str) -> u32 {
    let weights = [3, 7, 1, 3, 7, 1, 3, 7];
    let sum: u32 = bank_id
        .bytes()
        .zip(weights)
        .map(|(b, w)| u32::from(b.wrapping_sub(b'0')) * w)
        .sum();
    (10 - sum % 10) % 10
}

#[cfg(test)]
mod tests {
    use super::super::{originate, parse, sample};
    use super::*;

    #[test]
    fn the_banks_answer_reads_back_with_our_reader() {
        let ours = parse(
            originate(&sample(5, jiff::civil::date(2026, 12, 2)))
                .unwrap()
                .as_bytes(),
        )
        .unwrap();
        let file = answer(
            &ours,
            &[
                (ours[0].trace.clone(), Answer::Return("R01".into())),
                (
                    ours[3].trace.clone(),
                    Answer::Change("C01".into(), "55566677".into()),
                ),
            ],
            "261203",
        );
        assert!(file.lines().all(|l| l.len() == RECORD), "{file}");
        let read = parse(file.as_bytes()).unwrap();
        assert_eq!(read.len(), 2);
        let r = read[0].returned.as_ref().unwrap();
        assert_eq!(
            (r.reason.as_str(), r.original_trace.as_str()),
            ("R01", ours[0].trace.as_str())
        );
        assert_eq!(read[0].amount, ours[0].amount);
        let c = read[1].correction.as_ref().unwrap();
        assert_eq!(
            (c.change.as_str(), c.corrected_data.as_str()),
            ("C01", "55566677")
        );
    }
}
