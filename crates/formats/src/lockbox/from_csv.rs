//! Reading a lockbox deposit a bank sends as CSV instead of a BAI file: one row per check,
//! the columns named by a [`CsvLayout`] (banks name them differently), rows grouped into
//! lockboxes (by lockbox number and deposit date) and batches (by batch number) in the order
//! they first appear. A CSV has no control totals, so what can be checked is: every field,
//! every amount more than zero, no (lockbox, batch, item) key twice, the total within an
//! amount. A file with anything wrong is refused whole, naming the line.

use super::{Batch, Check, Lockbox, LockboxError, LockboxFile, ascii, field, structure};
use jiff::civil::Date;
use money::Money;
use std::collections::HashMap;

/// The CSV's header name for each value of a check (matched without regard to case or
/// surrounding spaces). Every column named must be in the file; other columns are ignored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvLayout {
    /// The deposit date: YYYY-MM-DD or MM/DD/YYYY.
    pub deposit_date: String,
    /// The lockbox number (digits).
    pub lockbox: String,
    /// The batch number (digits).
    pub batch: String,
    /// The item number within the batch (digits).
    pub item: String,
    /// The amount in dollars: "1234.56", "1,234.56" or "$1,234.56".
    pub amount: String,
    /// The check number (digits; may be blank, as for a money order).
    pub check_number: String,
    /// The remitter's name.
    pub payer: String,
    /// The check's routing number (9 digits, or blank), when the bank sends it.
    pub payer_routing: Option<String>,
    /// The payer's account number, when the bank sends it.
    pub payer_account: Option<String>,
    /// Columns of coupon or memo text, each kept (when not blank) as one memo line.
    pub memo: Vec<String>,
}

impl Default for CsvLayout {
    fn default() -> Self {
        CsvLayout {
            deposit_date: "deposit_date".to_owned(),
            lockbox: "lockbox".to_owned(),
            batch: "batch".to_owned(),
            item: "item".to_owned(),
            amount: "amount".to_owned(),
            check_number: "check_number".to_owned(),
            payer: "payer".to_owned(),
            payer_routing: Some("routing".to_owned()),
            payer_account: Some("account".to_owned()),
            memo: vec!["memo".to_owned()],
        }
    }
}

/// The most digits of a lockbox, batch or item number.
const MAX_NUMBER: usize = 10;
/// The most digits of a check number.
const MAX_CHECK_NUMBER: usize = 15;
/// The most characters of an account number.
const MAX_ACCOUNT: usize = 17;
/// The most characters of a payer's name or a memo line.
const MAX_TEXT: usize = 200;

/// Where each value is in a row.
struct Columns {
    deposit_date: usize,
    lockbox: usize,
    batch: usize,
    item: usize,
    amount: usize,
    check_number: usize,
    payer: usize,
    payer_routing: Option<usize>,
    payer_account: Option<usize>,
    memo: Vec<usize>,
}

impl Columns {
    /// The position of each of the layout's columns in `header`; the whole file is refused
    /// (line 1) when one is missing or named twice.
    fn find(header: &::csv::StringRecord, layout: &CsvLayout) -> Result<Columns, LockboxError> {
        let mut index: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, name) in header.iter().enumerate() {
            index
                .entry(name.trim().to_ascii_lowercase())
                .or_default()
                .push(i);
        }
        let find = |name: &str, role: &str| -> Result<usize, LockboxError> {
            match index
                .get(&name.trim().to_ascii_lowercase())
                .map(Vec::as_slice)
            {
                Some([one]) => Ok(*one),
                Some([_, _, ..]) => Err(structure(
                    1,
                    format!("the header names the column {name:?} (the {role}) more than once"),
                )),
                _ => Err(structure(
                    1,
                    format!("the header has no column {name:?} (the {role})"),
                )),
            }
        };
        Ok(Columns {
            deposit_date: find(layout.deposit_date.as_str(), "deposit date")?,
            lockbox: find(layout.lockbox.as_str(), "lockbox number")?,
            batch: find(layout.batch.as_str(), "batch number")?,
            item: find(layout.item.as_str(), "item number")?,
            amount: find(layout.amount.as_str(), "amount")?,
            check_number: find(layout.check_number.as_str(), "check number")?,
            payer: find(layout.payer.as_str(), "payer")?,
            payer_routing: layout
                .payer_routing
                .as_deref()
                .map(|n| find(n, "routing number"))
                .transpose()?,
            payer_account: layout
                .payer_account
                .as_deref()
                .map(|n| find(n, "account number"))
                .transpose()?,
            memo: layout
                .memo
                .iter()
                .map(|n| find(n.as_str(), "memo"))
                .collect::<Result<_, _>>()?,
        })
    }
}

/// One row read: where it goes and the check.
struct Row {
    line: usize,
    deposit_date: Date,
    lockbox: (String, u64),
    batch: (String, u64),
    item: u64,
    check: Check,
}

/// One row's fields, named by the layout's header names for errors.
struct Fields<'r> {
    record: &'r ::csv::StringRecord,
    line: usize,
}

impl Fields<'_> {
    fn get(&self, at: usize) -> &str {
        self.record.get(at).unwrap_or("").trim()
    }

    /// Printable text of at most `max` characters.
    fn text(&self, at: usize, name: &str, max: usize) -> Result<String, LockboxError> {
        let v = self.get(at);
        if v.chars().any(|c| c.is_ascii_control()) {
            return Err(field(
                self.line,
                name,
                "holds a control character (a tab, a line break, …)",
            ));
        }
        if v.len() > max {
            return Err(field(
                self.line,
                name,
                format!("is {} characters; at most {max}", v.len()),
            ));
        }
        Ok(v.to_owned())
    }

    /// Digits (1 to `max`, or none when `blank` is allowed).
    fn digits(
        &self,
        at: usize,
        name: &str,
        max: usize,
        blank: bool,
    ) -> Result<String, LockboxError> {
        let v = self.get(at);
        if v.is_empty() && blank {
            return Ok(String::new());
        }
        if v.is_empty() || v.len() > max || !v.bytes().all(|b| b.is_ascii_digit()) {
            return Err(field(
                self.line,
                name,
                format!("{v:?} is not a number of 1 to {max} digits"),
            ));
        }
        Ok(v.to_owned())
    }

    /// A lockbox, batch or item number: as written, and its value.
    fn number(&self, at: usize, name: &str) -> Result<(String, u64), LockboxError> {
        let v = self.digits(at, name, MAX_NUMBER, false)?;
        let n = v
            .parse::<u64>()
            .map_err(|_| field(self.line, name, format!("{v:?} is too large")))?;
        Ok((v, n))
    }
}

/// Reads a lockbox deposit from CSV: the header (line 1) names the columns, each row is a
/// check. Origin and destination are blank (a CSV has no header record); the file's date is
/// its latest deposit date.
pub fn read_csv(bytes: &[u8], layout: &CsvLayout) -> Result<LockboxFile, LockboxError> {
    // A spreadsheet's export may begin with a UTF-8 byte-order mark; it is not text.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = ascii(bytes)?;
    if text.trim().is_empty() {
        return Err(LockboxError::Empty);
    }
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(true)
        .trim(::csv::Trim::All)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| structure(1, format!("cannot read the header: {e}")))?
        .clone();
    let columns = Columns::find(&header, layout)?;
    let mut grouped = Grouped::default();
    // A record without a position (csv gives every one a position; this is a fallback) is
    // placed on the line after the last one seen, so every problem names a line.
    let mut last_line = 1_usize;
    for record in reader.records() {
        let line = match &record {
            Ok(rec) => rec.position(),
            Err(e) => e.position(),
        }
        // The line counted from the record's byte offset: the csv crate places a record
        // after blank lines at the first of them, so they are stepped over first.
        .map_or(last_line.saturating_add(1), |p| {
            usize::try_from(p.byte()).map_or(usize::MAX, |at| {
                let bytes = text.as_bytes();
                let blank = bytes
                    .get(at..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|&&b| b == b'\n' || b == b'\r')
                    .count();
                let before = bytes.get(..at.saturating_add(blank)).unwrap_or_default();
                before
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
                    .saturating_add(1)
            })
        });
        last_line = line;
        let rec = record.map_err(|e| structure(line, format!("not valid CSV: {e}")))?;
        if rec.iter().all(str::is_empty) {
            continue;
        }
        if rec.len() != header.len() {
            return Err(structure(
                line,
                format!(
                    "the row has {} fields; the header has {}",
                    rec.len(),
                    header.len()
                ),
            ));
        }
        let row = read_row(&Fields { record: &rec, line }, &columns, layout)?;
        grouped.add(row)?;
    }
    grouped.finish()
}

fn read_row(f: &Fields<'_>, c: &Columns, layout: &CsvLayout) -> Result<Row, LockboxError> {
    let line = f.line;
    let raw_date = f.get(c.deposit_date);
    let deposit_date = parse_date(raw_date)
        .filter(|d| (2000..=2099).contains(&d.year()))
        .ok_or_else(|| {
            field(
                line,
                &layout.deposit_date,
                format!(
                    "{raw_date:?} is not a date from 2000 to 2099 written YYYY-MM-DD or MM/DD/YYYY"
                ),
            )
        })?;
    let lockbox = f.number(c.lockbox, &layout.lockbox)?;
    let batch = f.number(c.batch, &layout.batch)?;
    let (item, item_value) = f.number(c.item, &layout.item)?;
    let raw_amount = f.get(c.amount);
    let amount = dollars(raw_amount).map_err(|m| field(line, &layout.amount, m))?;
    if !amount.is_positive() {
        return Err(field(
            line,
            &layout.amount,
            format!(
                "a check of {} cannot be deposited: every check is for more than zero",
                amount.usd()
            ),
        ));
    }
    let check_number = f.digits(c.check_number, &layout.check_number, MAX_CHECK_NUMBER, true)?;
    let payer = f.text(c.payer, &layout.payer, MAX_TEXT)?;
    let payer_routing = match (c.payer_routing, &layout.payer_routing) {
        (Some(at), Some(name)) => {
            let v = f.digits(at, name, 9, true)?;
            if !v.is_empty() && v.len() != 9 {
                return Err(field(
                    line,
                    name,
                    format!("{v:?} is not a routing number: those are 9 digits"),
                ));
            }
            v
        }
        _ => String::new(),
    };
    let payer_account = match (c.payer_account, &layout.payer_account) {
        (Some(at), Some(name)) => {
            let v = f.get(at);
            if v.len() > MAX_ACCOUNT || !v.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-')
            {
                return Err(field(
                    line,
                    name,
                    format!(
                        "is not an account number: at most {MAX_ACCOUNT} letters, digits or dashes"
                    ),
                ));
            }
            v.to_owned()
        }
        _ => String::new(),
    };
    let mut memo = Vec::new();
    for (&at, name) in c.memo.iter().zip(&layout.memo) {
        let v = f.text(at, name, MAX_TEXT)?;
        if !v.is_empty() {
            memo.push(v);
        }
    }
    Ok(Row {
        line,
        deposit_date,
        lockbox,
        batch,
        item: item_value,
        check: Check {
            item,
            amount,
            check_number,
            check_date: None,
            payer,
            payer_routing,
            payer_account,
            memo,
            line,
        },
    })
}

/// The rows so far, grouped, with what the whole file must not break.
#[derive(Default)]
struct Grouped {
    lockboxes: Vec<Lockbox>,
    /// Each lockbox's place in `lockboxes`, by number and deposit date.
    lockbox_at: HashMap<(u64, Date), usize>,
    /// Each batch's place in its lockbox, by the lockbox's place and the batch number.
    batch_at: HashMap<(usize, u64), usize>,
    /// The line of each (lockbox, batch, item) key.
    keys: HashMap<(u64, u64, u64), usize>,
    total: Money,
    latest: Option<Date>,
}

impl Grouped {
    fn add(&mut self, row: Row) -> Result<(), LockboxError> {
        let key = (row.lockbox.1, row.batch.1, row.item);
        if let Some(first) = self.keys.insert(key, row.line) {
            return Err(LockboxError::Duplicate {
                line: row.line,
                lockbox: row.lockbox.0,
                batch: row.batch.0,
                item: row.check.item,
                first,
            });
        }
        self.total = self
            .total
            .checked_add(row.check.amount)
            .ok_or(LockboxError::Overflow { line: row.line })?;
        self.latest = Some(
            self.latest
                .map_or(row.deposit_date, |d| d.max(row.deposit_date)),
        );
        let at = match self.lockbox_at.get(&(row.lockbox.1, row.deposit_date)) {
            Some(&at) => at,
            None => {
                self.lockboxes.push(Lockbox {
                    number: row.lockbox.0,
                    deposit_date: row.deposit_date,
                    batches: Vec::new(),
                    line: row.line,
                });
                let at = self.lockboxes.len() - 1;
                self.lockbox_at
                    .insert((row.lockbox.1, row.deposit_date), at);
                at
            }
        };
        // `at` is a place this reader made in `lockboxes`, never one from the input.
        let lockbox = &mut self.lockboxes[at];
        let b = match self.batch_at.get(&(at, row.batch.1)) {
            Some(&b) => b,
            None => {
                lockbox.batches.push(Batch {
                    number: row.batch.0,
                    checks: Vec::new(),
                    line: row.line,
                });
                let b = lockbox.batches.len() - 1;
                self.batch_at.insert((at, row.batch.1), b);
                b
            }
        };
        lockbox.batches[b].checks.push(row.check);
        Ok(())
    }

    fn finish(self) -> Result<LockboxFile, LockboxError> {
        match self.latest {
            Some(created_on) if !self.lockboxes.is_empty() => Ok(LockboxFile {
                origin: String::new(),
                destination: String::new(),
                created_on,
                lockboxes: self.lockboxes,
            }),
            _ => Err(structure(2, "the file has a header but no rows")),
        }
    }
}

/// An amount in dollars: "1234.56", "1,234.56" (commas between thousands only), "$1,234.56".
fn dollars(text: &str) -> Result<Money, String> {
    let t = text.trim();
    let (sign, t) = match t.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", t),
    };
    let t = t.strip_prefix('$').unwrap_or(t);
    let (whole, fraction) = match t.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (t, None),
    };
    let whole = if whole.contains(',') {
        let mut groups = whole.split(',');
        let first = groups.next().unwrap_or("");
        if !(1..=3).contains(&first.len()) || !groups.all(|g| g.len() == 3) {
            return Err(format!(
                "{text:?} has commas that do not separate thousands"
            ));
        }
        whole.replace(',', "")
    } else {
        whole.to_owned()
    };
    let plain = match fraction {
        Some(f) => format!("{sign}{whole}.{f}"),
        None => format!("{sign}{whole}"),
    };
    Money::parse(&plain).map_err(|e| e.to_string())
}

/// A date written YYYY-MM-DD or MM/DD/YYYY (month and day may have one digit).
fn parse_date(t: &str) -> Option<Date> {
    let digits = |s: &str, min: usize, max: usize| {
        (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    let (y, m, d) = if let Some((y, rest)) = t.split_once('-') {
        let (m, d) = rest.split_once('-')?;
        (digits(y, 4, 4) && digits(m, 2, 2) && digits(d, 2, 2)).then_some((y, m, d))?
    } else {
        let (m, rest) = t.split_once('/')?;
        let (d, y) = rest.split_once('/')?;
        (digits(y, 4, 4) && digits(m, 1, 2) && digits(d, 1, 2)).then_some((y, m, d))?
    };
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}
