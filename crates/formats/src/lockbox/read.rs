//! Reading a BAI lockbox file. Every record is checked for its place and every field for what
//! it holds; every batch total (7), lockbox total (8) and the trailer (9) is recomputed and
//! compared. A file with anything wrong is refused whole, naming the line, so a deposit is
//! never applied in part.

use super::{
    Batch, Check, Lockbox, LockboxError, LockboxFile, MAX_RECORD, ascii, field, structure,
};
use jiff::civil::Date;
use money::Money;
use std::collections::HashMap;

/// One record: its line number and its text, without the line ending or trailing spaces
/// (banks pad records to a fixed width, or not; the layout reads the same either way).
struct Line<'a> {
    number: usize,
    text: &'a str,
}

impl<'a> Line<'a> {
    /// The record type: the first character (records are never empty).
    fn kind(&self) -> char {
        self.text.chars().next().unwrap_or(' ')
    }

    /// Columns `from` to `to` (1-based, inclusive). Columns past the end of the line read as
    /// nothing: its trailing spaces were removed, so a short last field reads short. The text
    /// is ASCII (checked first), so any byte offset is a character boundary.
    fn get(&self, from: usize, to: usize) -> &'a str {
        let text: &'a str = self.text;
        let end = to.min(text.len());
        let start = from.saturating_sub(1).min(end);
        text.get(start..end).unwrap_or("")
    }

    /// A text field, trimmed.
    fn text(&self, from: usize, to: usize) -> String {
        self.get(from, to).trim().to_owned()
    }

    /// A numeric field as written (spaces around it aside): digits, at least one.
    fn digits(&self, from: usize, to: usize, name: &str) -> Result<&'a str, LockboxError> {
        let t = self.get(from, to).trim();
        if t.is_empty() {
            return Err(field(
                self.number,
                name,
                format!("columns {from}-{to} are blank; they hold a number"),
            ));
        }
        if !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(field(
                self.number,
                name,
                format!("{t:?} (columns {from}-{to}) is not a number"),
            ));
        }
        Ok(t)
    }

    /// A numeric field's value (fields are at most ten digits, so it fits).
    fn number(&self, from: usize, to: usize, name: &str) -> Result<u64, LockboxError> {
        let t = self.digits(from, to, name)?;
        t.parse()
            .map_err(|_| field(self.number, name, format!("{t:?} is too large")))
    }

    /// An amount in cents.
    fn cents(&self, from: usize, to: usize, name: &str) -> Result<Money, LockboxError> {
        let n = self.number(from, to, name)?;
        i64::try_from(n)
            .map(Money::from_cents)
            .map_err(|_| field(self.number, name, format!("{n} is too large")))
    }

    /// A date written YYMMDD in the six columns from `from` (the year is 20YY).
    fn yymmdd(&self, from: usize, name: &str) -> Result<Date, LockboxError> {
        let t = self.get(from, from + 5);
        date_of(t, [0, 2, 4]).ok_or_else(|| {
            field(
                self.number,
                name,
                format!(
                    "{t:?} (columns {from}-{}) is not a date written YYMMDD",
                    from + 5
                ),
            )
        })
    }

    /// A date written MMDDYY in the six columns from `from`, or none when they are blank or
    /// zeros (a check whose date the bank did not capture).
    fn mmddyy(&self, from: usize, name: &str) -> Result<Option<Date>, LockboxError> {
        let t = self.get(from, from + 5);
        if t.bytes().all(|b| b == b'0' || b == b' ') {
            return Ok(None);
        }
        date_of(t, [4, 0, 2]).map(Some).ok_or_else(|| {
            field(
                self.number,
                name,
                format!(
                    "{t:?} (columns {from}-{}) is not a date written MMDDYY",
                    from + 5
                ),
            )
        })
    }

    /// Refuses text from `column` on: the record's layout ends before it, so text there means
    /// the file is not laid out as we read it, and reading on would misread it.
    fn blank_from(&self, column: usize, what: &str) -> Result<(), LockboxError> {
        let rest = self
            .text
            .get(column.saturating_sub(1)..)
            .unwrap_or("")
            .trim();
        if rest.is_empty() {
            Ok(())
        } else {
            Err(structure(
                self.number,
                format!(
                    "a {what} ends at column {}; this one has {rest:?} after it",
                    column.saturating_sub(1)
                ),
            ))
        }
    }
}

/// The date in the six digits `t`, with its two-digit year, month and day at the offsets
/// `at` (the year is 20YY, as the format has it).
fn date_of(t: &str, [y, m, d]: [usize; 3]) -> Option<Date> {
    if t.len() != 6 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let two = |at: usize| t.get(at..at + 2)?.parse::<i8>().ok();
    let year = 2000 + i16::from(two(y)?);
    Date::new(year, two(m)?, two(d)?).ok()
}

/// True for a time written HHMM.
fn is_hhmm(t: &str) -> bool {
    let part = |at: usize| {
        t.get(at..at + 2)
            .filter(|p| p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u8>().ok())
    };
    t.len() == 4 && part(0).is_some_and(|h| h < 24) && part(2).is_some_and(|m| m < 60)
}

/// The file's records: every line up to the last non-blank one, each non-blank, printable and
/// at most [`MAX_RECORD`] characters.
fn records(text: &str) -> Result<Vec<Line<'_>>, LockboxError> {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.trim_end_matches([' ', '\r']))
        .collect();
    let end = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(0, |p| p + 1);
    let mut out = Vec::with_capacity(end);
    for (i, &l) in lines.iter().take(end).enumerate() {
        let number = i + 1;
        if l.is_empty() {
            return Err(structure(
                number,
                "a blank line inside the file: every line is a record",
            ));
        }
        if let Some(at) = l.bytes().position(|b| b.is_ascii_control()) {
            return Err(structure(
                number,
                format!(
                    "column {} holds a control character ({:#04x}); a lockbox record is printable text",
                    at + 1,
                    l.as_bytes().get(at).copied().unwrap_or(0)
                ),
            ));
        }
        if l.len() > MAX_RECORD {
            return Err(LockboxError::TooLong {
                line: number,
                length: l.len(),
            });
        }
        out.push(Line { number, text: l });
    }
    if out.is_empty() {
        return Err(LockboxError::Empty);
    }
    Ok(out)
}

fn control(line: usize, what: &'static str, stated: impl ToString, found: String) -> LockboxError {
    LockboxError::Control {
        line,
        what,
        stated: stated.to_string(),
        found,
    }
}

fn expect(rec: &Line<'_>, kind: char, message: &str) -> Result<(), LockboxError> {
    if rec.kind() == kind {
        Ok(())
    } else {
        Err(structure(
            rec.number,
            format!("{message}; this line is a record of type {}", rec.kind()),
        ))
    }
}

/// What the whole file has shown so far: the line of each (lockbox, batch, item) key, and
/// the running total (refused when it overflows).
#[derive(Default)]
struct Seen {
    keys: HashMap<(u64, u64, u64), usize>,
    total: Money,
}

/// Reads a whole BAI lockbox file: its lockboxes, batches and checks, or the first thing wrong
/// with it (which names its line).
pub fn read(bytes: &[u8]) -> Result<LockboxFile, LockboxError> {
    let recs = records(ascii(bytes)?)?;
    let Some(header) = recs.first() else {
        return Err(LockboxError::Empty);
    };
    expect(
        header,
        '1',
        "a lockbox file starts with its file header (a record of type 1)",
    )?;
    let (destination, origin, created_on) = file_header(header)?;
    let service = recs.get(1).ok_or_else(|| {
        structure(
            header.number,
            "the file ends after its header; the service header (a record of type 2) comes next",
        )
    })?;
    expect(
        service,
        '2',
        "the service header (a record of type 2) follows the file header",
    )?;
    service_header(service)?;
    let mut seen = Seen::default();
    let mut lockboxes = Vec::new();
    let mut i = 2;
    loop {
        let Some(rec) = recs.get(i) else {
            return Err(structure(
                recs.len(),
                "the file ends without its trailer (a record of type 9)",
            ));
        };
        match rec.kind() {
            '5' => {
                let (lockbox, next) = read_lockbox(&recs, rec, &mut seen)?;
                lockboxes.push(lockbox);
                i = next;
            }
            '9' => {
                trailer(rec, i + 1)?;
                if let Some(extra) = recs.get(i + 1) {
                    return Err(structure(
                        extra.number,
                        "nothing may follow the file trailer (9)",
                    ));
                }
                return Ok(LockboxFile {
                    origin,
                    destination,
                    created_on,
                    lockboxes,
                });
            }
            other => {
                return Err(structure(
                    rec.number,
                    format!(
                        "expected a lockbox header (5) or the file trailer (9), found a record of type {other}"
                    ),
                ));
            }
        }
    }
}

/// The file header (1): the destination (us), the origin (the bank), the processing date.
fn file_header(rec: &Line<'_>) -> Result<(String, String, Date), LockboxError> {
    rec.number(2, 3, "priority code")?;
    let destination = rec.text(4, 13);
    let origin = rec.digits(14, 23, "origin")?.to_owned();
    let created_on = rec.yymmdd(24, "processing date")?;
    let time = rec.get(30, 33);
    if !is_hhmm(time) {
        return Err(field(
            rec.number,
            "processing time",
            format!("{time:?} (columns 30-33) is not a time written HHMM"),
        ));
    }
    rec.blank_from(34, "file header")?;
    Ok((destination, origin, created_on))
}

/// The service header (2). Columns 2-21 (the ultimate destination and origin) are text we
/// do not keep; the rest must be numbers.
fn service_header(rec: &Line<'_>) -> Result<(), LockboxError> {
    rec.number(22, 31, "reference code")?;
    rec.number(32, 34, "service type")?;
    rec.number(35, 37, "record size")?;
    rec.number(38, 41, "blocking factor")?;
    rec.number(42, 42, "format code")?;
    rec.blank_from(43, "service header")
}

/// The file trailer (9), whose count is every record of the file, itself included.
fn trailer(rec: &Line<'_>, records: usize) -> Result<(), LockboxError> {
    let stated = rec.number(2, 7, "record count")?;
    rec.blank_from(8, "file trailer")?;
    if u64::try_from(records).ok() == Some(stated) {
        Ok(())
    } else {
        Err(control(
            rec.number,
            "the trailer's record count",
            stated,
            format!("the file has {records} records"),
        ))
    }
}

/// Reads the lockbox whose header (5) is `header`, through its lockbox total (8); the
/// lockbox, and the index of the record after its total.
fn read_lockbox(
    recs: &[Line<'_>],
    header: &Line<'_>,
    seen: &mut Seen,
) -> Result<(Lockbox, usize), LockboxError> {
    header.number(2, 4, "batch number")?;
    header.number(5, 7, "reference code")?;
    let number = header.digits(8, 14, "lockbox number")?;
    let value = header.number(8, 14, "lockbox number")?;
    let deposit_date = header.yymmdd(15, "deposit date")?;
    // Columns 21-40 repeat the destination and origin: text we do not keep.
    header.blank_from(41, "lockbox header")?;
    let mut lockbox = Lockbox {
        number: number.to_owned(),
        deposit_date,
        batches: Vec::new(),
        line: header.number,
    };
    let mut open = OpenBatch::default();
    // Line numbers are 1-based positions in `recs`: the record after the header is at index
    // `header.number`.
    let mut i = header.number;
    loop {
        let Some(rec) = recs.get(i) else {
            return Err(structure(
                recs.len(),
                format!(
                    "the file ends inside lockbox {} (line {}): its lockbox total (a record of type 8) is missing",
                    lockbox.number, header.number
                ),
            ));
        };
        match rec.kind() {
            '6' => open.check(rec, value, &lockbox.number, seen)?,
            '4' => open.overflow(rec)?,
            '7' => {
                let batch = open.close(rec, value, deposit_date)?;
                lockbox.batches.push(batch);
            }
            '8' => {
                if let Some((_, first)) = open.batch {
                    return Err(structure(
                        rec.number,
                        format!(
                            "the lockbox total comes before the batch total (7) of the checks from line {first}"
                        ),
                    ));
                }
                lockbox_total(rec, &lockbox, value)?;
                return Ok((lockbox, i + 1));
            }
            other => {
                return Err(structure(
                    rec.number,
                    format!(
                        "expected a check (6), an overflow record (4), a batch total (7) or the lockbox total (8), found a record of type {other}"
                    ),
                ));
            }
        }
        i += 1;
    }
}

/// The batch and item numbers in columns 2-7, which the totals carry but we do not keep (the
/// batch total's batch number is checked where it is read): they must still be numbers.
fn rec_numbers(rec: &Line<'_>) -> Result<(), LockboxError> {
    rec.number(2, 4, "batch number")?;
    rec.number(5, 7, "item number")?;
    Ok(())
}

/// Refuses a total record (7 or 8) for another lockbox or deposit date than its header's.
fn same_lockbox(
    rec: &Line<'_>,
    lockbox: u64,
    deposit_date: Date,
    what: &str,
) -> Result<(), LockboxError> {
    let n = rec.number(8, 14, "lockbox number")?;
    if n != lockbox {
        return Err(structure(
            rec.number,
            format!("this {what} is for lockbox {n} but follows the header of lockbox {lockbox}"),
        ));
    }
    let d = rec.yymmdd(15, "deposit date")?;
    if d != deposit_date {
        return Err(structure(
            rec.number,
            format!("this {what} is dated {d} but the lockbox's deposit date is {deposit_date}"),
        ));
    }
    Ok(())
}

/// The sum of `checks`, refused as an overflow at `line` (the file's running total is
/// checked as each check is read, so this cannot overflow; it is checked all the same).
fn sum_of<'c>(
    checks: impl IntoIterator<Item = &'c Check>,
    line: usize,
) -> Result<Money, LockboxError> {
    checks.into_iter().try_fold(Money::ZERO, |sum, c| {
        sum.checked_add(c.amount)
            .ok_or(LockboxError::Overflow { line })
    })
}

/// The lockbox total (8): its count and amount against the lockbox's batches.
fn lockbox_total(rec: &Line<'_>, lockbox: &Lockbox, value: u64) -> Result<(), LockboxError> {
    rec_numbers(rec)?;
    same_lockbox(rec, value, lockbox.deposit_date, "lockbox total")?;
    let count = rec.number(21, 24, "check count")?;
    let total = rec.cents(25, 34, "dollar total")?;
    rec.blank_from(35, "lockbox total")?;
    let checks: usize = lockbox.batches.iter().map(|b| b.checks.len()).sum();
    if u64::try_from(checks).ok() != Some(count) {
        return Err(control(
            rec.number,
            "the lockbox total's count of checks",
            count,
            format!("its batches hold {checks}"),
        ));
    }
    let sum = sum_of(lockbox.batches.iter().flat_map(|b| &b.checks), rec.number)?;
    if sum != total {
        return Err(control(
            rec.number,
            "the lockbox total's dollar amount",
            total.usd(),
            format!("its checks add up to {}", sum.usd()),
        ));
    }
    Ok(())
}

/// The checks read since the last batch total: the batch they are in (its number and the
/// line of its first check), and the batch and item of the last one, which the overflow
/// records after it repeat.
#[derive(Default)]
struct OpenBatch {
    checks: Vec<Check>,
    batch: Option<(u64, usize)>,
    last: Option<(u64, u64)>,
}

impl OpenBatch {
    /// Reads the check record (6) `rec` of lockbox `lockbox` (numbered `lockbox_number`).
    fn check(
        &mut self,
        rec: &Line<'_>,
        lockbox: u64,
        lockbox_number: &str,
        seen: &mut Seen,
    ) -> Result<(), LockboxError> {
        let batch_number = rec.digits(2, 4, "batch number")?;
        let batch = rec.number(2, 4, "batch number")?;
        let item = rec.digits(5, 7, "item number")?;
        let item_value = rec.number(5, 7, "item number")?;
        let amount = rec.cents(8, 17, "amount")?;
        if !amount.is_positive() {
            return Err(field(
                rec.number,
                "amount",
                format!(
                    "a check of {} cannot be deposited: every check is for more than zero",
                    amount.usd()
                ),
            ));
        }
        let routing = rec.digits(18, 26, "transit/routing number")?;
        let account = rec.digits(27, 36, "account number")?;
        let check_number = rec.digits(37, 46, "check number")?;
        let check_date = rec.mmddyy(47, "check date")?;
        let payer = rec.text(53, 82);
        // Columns 83-160 are the payee (us): not kept.
        match self.batch {
            Some((open, first)) if open != batch => {
                return Err(structure(
                    rec.number,
                    format!(
                        "this check is in batch {batch} but the checks from line {first} are in batch {open}: a batch total (7) closes one batch before the next begins"
                    ),
                ));
            }
            Some(_) => {}
            None => self.batch = Some((batch, rec.number)),
        }
        if let Some(first) = seen.keys.insert((lockbox, batch, item_value), rec.number) {
            return Err(LockboxError::Duplicate {
                line: rec.number,
                lockbox: lockbox_number.to_owned(),
                batch: batch_number.to_owned(),
                item: item.to_owned(),
                first,
            });
        }
        seen.total = seen
            .total
            .checked_add(amount)
            .ok_or(LockboxError::Overflow { line: rec.number })?;
        self.last = Some((batch, item_value));
        self.checks.push(Check {
            item: item.to_owned(),
            amount,
            check_number: check_number.to_owned(),
            check_date,
            payer,
            payer_routing: routing.to_owned(),
            payer_account: account.to_owned(),
            memo: Vec::new(),
            line: rec.number,
        });
        Ok(())
    }

    /// Reads the overflow record (4) `rec` onto the check before it.
    fn overflow(&mut self, rec: &Line<'_>) -> Result<(), LockboxError> {
        let (Some((batch, item)), Some(check)) = (self.last, self.checks.last_mut()) else {
            return Err(structure(
                rec.number,
                "an overflow record (4) must follow a check (6) or another overflow record",
            ));
        };
        let b = rec.number(2, 4, "batch number")?;
        let i = rec.number(5, 7, "item number")?;
        if (b, i) != (batch, item) {
            return Err(structure(
                rec.number,
                format!(
                    "this overflow record is for batch {b} item {i} but follows the check of batch {batch} item {item}"
                ),
            ));
        }
        rec.number(8, 8, "overflow record type")?;
        rec.number(9, 10, "overflow sequence number")?;
        rec.number(11, 11, "overflow indicator")?;
        rec.blank_from(42, "overflow record")?;
        check.memo.push(rec.text(12, 41));
        Ok(())
    }

    /// Reads the batch total (7) `rec`, closing the batch: its count and amount against the
    /// checks read since the last one.
    fn close(
        &mut self,
        rec: &Line<'_>,
        lockbox: u64,
        deposit_date: Date,
    ) -> Result<Batch, LockboxError> {
        let number = rec.digits(2, 4, "batch number")?;
        let batch = rec.number(2, 4, "batch number")?;
        rec.number(5, 7, "item number")?;
        same_lockbox(rec, lockbox, deposit_date, "batch total")?;
        let count = rec.number(21, 23, "check count")?;
        let total = rec.cents(24, 33, "dollar total")?;
        rec.blank_from(34, "batch total")?;
        if let Some((open, first)) = self.batch
            && open != batch
        {
            return Err(structure(
                rec.number,
                format!(
                    "this batch total is for batch {batch} but the checks from line {first} are in batch {open}"
                ),
            ));
        }
        let checks = std::mem::take(&mut self.checks);
        self.batch = None;
        self.last = None;
        if u64::try_from(checks.len()).ok() != Some(count) {
            return Err(control(
                rec.number,
                "the batch total's count of checks",
                count,
                format!("the batch has {}", checks.len()),
            ));
        }
        let sum = sum_of(&checks, rec.number)?;
        if sum != total {
            return Err(control(
                rec.number,
                "the batch total's dollar amount",
                total.usd(),
                format!("its checks add up to {}", sum.usd()),
            ));
        }
        Ok(Batch {
            number: number.to_owned(),
            checks,
            line: rec.number,
        })
    }
}
