//! Reading a BAI2 file: the lines gathered into records (`88` continuations joined to the
//! record they continue), the records into groups and accounts, every field checked, and every
//! trailer's control total and counts recomputed and compared. A file that does not add up is
//! refused whole, naming the line.
//!
//! Fields are comma-separated and a record ends at its `/` or its line. A continuation starts a
//! new field, so a field never spans two lines, but one summary of an account identifier may.
//! A transaction's text is the rest of its record, commas included, its continuations joined
//! by a space; it is the only place a slash may appear inside a record.

use super::{AccountReport, Bai2Error, Bai2File, Group, Summary, Transaction};
use jiff::civil::Date;
use money::Money;

/// The kinds of record (continuations are folded into the record they continue).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    FileHeader,
    GroupHeader,
    Account,
    Detail,
    AccountTrailer,
    GroupTrailer,
    FileTrailer,
}

impl Kind {
    fn of(code: &str) -> Option<Kind> {
        match code {
            "01" => Some(Kind::FileHeader),
            "02" => Some(Kind::GroupHeader),
            "03" => Some(Kind::Account),
            "16" => Some(Kind::Detail),
            "49" => Some(Kind::AccountTrailer),
            "98" => Some(Kind::GroupTrailer),
            "99" => Some(Kind::FileTrailer),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::FileHeader => "a file header (01)",
            Kind::GroupHeader => "a group header (02)",
            Kind::Account => "an account identifier (03)",
            Kind::Detail => "a transaction (16)",
            Kind::AccountTrailer => "an account trailer (49)",
            Kind::GroupTrailer => "a group trailer (98)",
            Kind::FileTrailer => "a file trailer (99)",
        }
    }
}

/// One line of a record: what follows its record code and comma, without the closing slash.
struct Row<'a> {
    line: usize,
    text: &'a str,
}

/// A record with its continuations, one row each.
struct Record<'a> {
    kind: Kind,
    rows: Vec<Row<'a>>,
}

impl Record<'_> {
    fn line(&self) -> usize {
        self.rows.first().map_or(1, |r| r.line)
    }

    /// How many records the trailers count for it: itself and each continuation.
    fn count(&self) -> u64 {
        u64::try_from(self.rows.len()).unwrap_or(u64::MAX)
    }
}

/// The fields of a record, in order across its rows.
struct Fields<'r, 'a> {
    rows: &'r [Row<'a>],
    row: usize,
    /// What is left of the current row; `None` once its last field is taken.
    rest: Option<&'a str>,
    /// The line of the field last taken.
    line: usize,
    /// Whether the field last taken was the last of its row.
    row_ended: bool,
}

impl<'r, 'a> Fields<'r, 'a> {
    fn new(record: &'r Record<'a>) -> Self {
        Fields {
            rows: &record.rows,
            row: 0,
            rest: record.rows.first().map(|r| r.text),
            line: record.line(),
            row_ended: false,
        }
    }

    /// The next field (trimmed), or `None` when the record has no more.
    fn next_field(&mut self) -> Option<&'a str> {
        loop {
            if let Some(rest) = self.rest {
                if let Some(row) = self.rows.get(self.row) {
                    self.line = row.line;
                }
                let (field, after) = match rest.split_once(',') {
                    Some((field, after)) => (field, Some(after)),
                    None => (rest, None),
                };
                self.rest = after;
                self.row_ended = after.is_none();
                return Some(field.trim());
            }
            self.row += 1;
            self.rest = Some(self.rows.get(self.row)?.text);
        }
    }

    /// The next field and its line; a field the record leaves off is blank.
    fn take(&mut self) -> (&'a str, usize) {
        let field = self.next_field().unwrap_or("");
        (field, self.line)
    }

    /// The rest of the record as free text: what is left of this row and every continuation
    /// after it, each trimmed, joined by a space.
    fn text(&mut self) -> String {
        let mut parts: Vec<&'a str> = Vec::new();
        if let Some(rest) = self.rest.take() {
            parts.push(rest);
        }
        while let Some(row) = self.rows.get(self.row + 1) {
            self.row += 1;
            self.line = row.line;
            parts.push(row.text);
        }
        let parts: Vec<&str> = parts
            .into_iter()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        parts.join(" ")
    }

    /// Refuses a record with fields beyond those BAI2 defines (blank ones aside: some banks
    /// end a record with a comma or two more than it needs).
    fn end(&mut self, what: &str) -> Result<(), Bai2Error> {
        while let Some(field) = self.next_field() {
            if !field.is_empty() {
                return Err(structure(
                    self.line,
                    format!(
                        "{what} has more fields than BAI2 defines: {} is one too many",
                        quoted(field)
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// The records still to read, in order.
struct Reader<'r, 'a> {
    records: &'r [Record<'a>],
    at: usize,
    /// The file's last line, named when the file ends too soon.
    last_line: usize,
}

impl<'r, 'a> Reader<'r, 'a> {
    fn next_record(&mut self) -> Option<&'r Record<'a>> {
        let record = self.records.get(self.at)?;
        self.at += 1;
        Some(record)
    }

    fn ended(&self, before: String) -> Bai2Error {
        structure(self.last_line, format!("the file ends before {before}"))
    }
}

/// What a group or an account adds to the totals of what holds it.
struct Read<T> {
    value: T,
    /// Its control total, as counted (and found equal to its trailer's).
    total: i128,
    /// Its records, continuations included.
    records: u64,
}

/// Reads a whole BAI2 file, or names the line of the first thing wrong with it.
pub fn read(bytes: &[u8]) -> Result<Bai2File, Bai2Error> {
    let text = text_of(bytes)?;
    let records = records(text)?;
    let mut reader = Reader {
        records: &records,
        at: 0,
        last_line: text.lines().count().max(1),
    };
    let Some(header) = reader.next_record() else {
        return Err(structure(
            1,
            "the file is empty: a BAI2 file starts with its file header (01)",
        ));
    };
    if header.kind != Kind::FileHeader {
        return Err(structure(
            header.line(),
            format!(
                "a BAI2 file starts with its file header (01), not {}",
                header.kind.name()
            ),
        ));
    }
    let mut f = Fields::new(header);
    let (value, line) = f.take();
    let sender = required(value, line, "sender")?;
    let (value, line) = f.take();
    let receiver = required(value, line, "receiver")?;
    let (value, line) = f.take();
    let created_on = date(value, line, "creation date")?;
    let (value, line) = f.take();
    time(value, line, "creation time")?;
    let _file_id = f.take();
    let (value, line) = f.take();
    number(value, line, "physical record length")?;
    let (value, line) = f.take();
    number(value, line, "block size")?;
    let (value, line) = f.take();
    if value != "2" {
        return Err(field(
            line,
            "version",
            format!(
                "{} is not 2; only BAI version 2 files are read",
                quoted(value)
            ),
        ));
    }
    f.end("the file header")?;

    let mut groups = Vec::new();
    let mut total: i128 = 0;
    let mut records_counted = header.count();
    let trailer = loop {
        let Some(record) = reader.next_record() else {
            return Err(reader.ended("its file trailer (99)".to_owned()));
        };
        match record.kind {
            Kind::GroupHeader => {
                let group = group(record, &mut reader)?;
                total += group.total;
                records_counted = records_counted.saturating_add(group.records);
                groups.push(group.value);
            }
            Kind::FileTrailer => break record,
            other => {
                return Err(structure(
                    record.line(),
                    format!(
                        "expected a group header (02) or the file trailer (99), not {}",
                        other.name()
                    ),
                ));
            }
        }
    };
    records_counted = records_counted.saturating_add(trailer.count());
    if let Some(after) = reader.next_record() {
        return Err(structure(
            after.line(),
            format!(
                "the file goes on after its trailer (99), which ends it: this is {}",
                after.kind.name()
            ),
        ));
    }
    let mut f = Fields::new(trailer);
    let (value, line) = f.take();
    let stated_total = cents(value, line, "file control total", true)?.unwrap_or(0);
    let (value, line) = f.take();
    let stated_groups = required_number(value, line, "number of groups")?;
    let (value, line) = f.take();
    let stated_records = required_number(value, line, "number of records")?;
    f.end("the file trailer")?;
    let at = trailer.line();
    if groups.is_empty() {
        return Err(structure(
            at,
            "the file has no groups: a BAI2 file reports at least one",
        ));
    }
    total_agrees(
        at,
        "the file trailer's control total",
        "its groups' control totals add up to",
        stated_total,
        total,
    )?;
    count_agrees(
        at,
        "the file trailer's number of groups",
        "the groups in the file number",
        stated_groups,
        u64::try_from(groups.len()).unwrap_or(u64::MAX),
    )?;
    count_agrees(
        at,
        "the file trailer's record count",
        "the file's records (01 to 99, continuations included) number",
        stated_records,
        records_counted,
    )?;
    Ok(Bai2File {
        sender,
        receiver,
        created_on,
        groups,
    })
}

/// A group: its header (already taken), its accounts, its trailer.
fn group(header: &Record<'_>, reader: &mut Reader<'_, '_>) -> Result<Read<Group>, Bai2Error> {
    let mut f = Fields::new(header);
    let _ultimate_receiver = f.take();
    let (value, line) = f.take();
    let originator = required(value, line, "originator")?;
    let (value, line) = f.take();
    if !matches!(value, "" | "1" | "2" | "3" | "4") {
        return Err(field(
            line,
            "group status",
            format!(
                "{} is not a group status (1 update, 2 deletion, 3 correction, 4 test only)",
                quoted(value)
            ),
        ));
    }
    let (value, line) = f.take();
    let as_of = date(value, line, "as-of date")?;
    let (value, line) = f.take();
    time(value, line, "as-of time")?;
    let (value, line) = f.take();
    let currency = currency(value, line)?;
    let (value, line) = f.take();
    if !matches!(value, "" | "1" | "2" | "3" | "4") {
        return Err(field(
            line,
            "as-of-date modifier",
            format!(
                "{} is not an as-of-date modifier (1 to 4: interim or final, previous or same day)",
                quoted(value)
            ),
        ));
    }
    f.end("the group header")?;

    let mut accounts = Vec::new();
    let mut total: i128 = 0;
    let mut records = header.count();
    let trailer = loop {
        let Some(record) = reader.next_record() else {
            return Err(reader.ended(format!(
                "the trailer (98) of the group that starts on line {}",
                header.line()
            )));
        };
        match record.kind {
            Kind::Account => {
                let account = account(record, reader)?;
                total += account.total;
                records = records.saturating_add(account.records);
                accounts.push(account.value);
            }
            Kind::GroupTrailer => break record,
            other => {
                return Err(structure(
                    record.line(),
                    format!(
                        "expected an account identifier (03) or the group trailer (98), not {}",
                        other.name()
                    ),
                ));
            }
        }
    };
    records = records.saturating_add(trailer.count());
    let mut f = Fields::new(trailer);
    let (value, line) = f.take();
    let stated_total = cents(value, line, "group control total", true)?.unwrap_or(0);
    let (value, line) = f.take();
    let stated_accounts = required_number(value, line, "number of accounts")?;
    let (value, line) = f.take();
    let stated_records = required_number(value, line, "number of records")?;
    f.end("the group trailer")?;
    let at = trailer.line();
    if accounts.is_empty() {
        return Err(structure(
            at,
            "the group has no accounts: a BAI2 group reports at least one",
        ));
    }
    total_agrees(
        at,
        "the group trailer's control total",
        "its accounts' control totals add up to",
        stated_total,
        total,
    )?;
    count_agrees(
        at,
        "the group trailer's number of accounts",
        "the accounts in the group number",
        stated_accounts,
        u64::try_from(accounts.len()).unwrap_or(u64::MAX),
    )?;
    count_agrees(
        at,
        "the group trailer's record count",
        "the group's records (02 to 98, continuations included) number",
        stated_records,
        records,
    )?;
    Ok(Read {
        value: Group {
            originator,
            as_of,
            currency,
            accounts,
            line: header.line(),
        },
        total,
        records,
    })
}

/// An account: its identifier (already taken) with its summaries, its transactions, its
/// trailer.
fn account(
    identifier: &Record<'_>,
    reader: &mut Reader<'_, '_>,
) -> Result<Read<AccountReport>, Bai2Error> {
    let mut f = Fields::new(identifier);
    let (value, line) = f.take();
    let account_number = required(value, line, "account number")?;
    let (value, line) = f.take();
    let currency = currency(value, line)?;
    let mut summaries = Vec::new();
    let mut total: i128 = 0;
    while let Some(code) = f.next_field() {
        let code_line = f.line;
        // Some banks end a line with one comma more than its last summary needs: the blank
        // field it leaves is not the start of another summary.
        if code.is_empty() && f.row_ended {
            continue;
        }
        let (value, line) = f.take();
        let amount = cents(value, line, "summary amount", true)?;
        let (value, line) = f.take();
        let item_count = match number(value, line, "item count")? {
            None => None,
            Some(n) => Some(u32::try_from(n).map_err(|_| {
                field(
                    line,
                    "item count",
                    format!("{n} items is more than a report can hold"),
                )
            })?),
        };
        let funds_type = funds(&mut f)?;
        if code.is_empty() {
            // A summary left wholly blank says nothing; one with figures needs its type.
            if amount.is_none() && item_count.is_none() && funds_type.is_empty() {
                continue;
            }
            return Err(field(
                code_line,
                "summary type code",
                "blank, but the summary it starts has an amount or a count",
            ));
        }
        let type_code = type_code(code, code_line)?;
        total += i128::from(amount.unwrap_or(0));
        summaries.push(Summary {
            type_code,
            amount: amount.map(Money::from_cents),
            item_count,
        });
    }

    let mut transactions = Vec::new();
    let mut records = identifier.count();
    let trailer = loop {
        let Some(record) = reader.next_record() else {
            return Err(reader.ended(format!(
                "the trailer (49) of the account that starts on line {}",
                identifier.line()
            )));
        };
        match record.kind {
            Kind::Detail => {
                let transaction = transaction(record)?;
                total += i128::from(transaction.amount.cents());
                records = records.saturating_add(record.count());
                transactions.push(transaction);
            }
            Kind::AccountTrailer => break record,
            other => {
                return Err(structure(
                    record.line(),
                    format!(
                        "expected a transaction (16) or the account trailer (49), not {}",
                        other.name()
                    ),
                ));
            }
        }
    };
    records = records.saturating_add(trailer.count());
    let mut f = Fields::new(trailer);
    let (value, line) = f.take();
    // A blank control total is zero (some banks leave it blank for an account with no
    // amounts).
    let stated_total = cents(value, line, "account control total", true)?.unwrap_or(0);
    let (value, line) = f.take();
    let stated_records = required_number(value, line, "number of records")?;
    f.end("the account trailer")?;
    let at = trailer.line();
    total_agrees(
        at,
        "the account trailer's control total",
        "its summaries and transactions add up to",
        stated_total,
        total,
    )?;
    count_agrees(
        at,
        "the account trailer's record count",
        "the account's records (03 to 49, continuations included) number",
        stated_records,
        records,
    )?;
    Ok(Read {
        value: AccountReport {
            number: account_number,
            currency,
            summaries,
            transactions,
            line: identifier.line(),
        },
        total,
        records,
    })
}

/// A transaction detail record.
fn transaction(record: &Record<'_>) -> Result<Transaction, Bai2Error> {
    let mut f = Fields::new(record);
    let (value, line) = f.take();
    let type_code = type_code(value, line)?;
    let (value, line) = f.take();
    let amount = cents(value, line, "amount", false)?.ok_or_else(|| {
        field(
            line,
            "amount",
            "blank, but a transaction must give its amount",
        )
    })?;
    let funds_type = funds(&mut f)?;
    let (bank_reference, _) = f.take();
    let (customer_reference, _) = f.take();
    let text = f.text();
    Ok(Transaction {
        type_code,
        amount: Money::from_cents(amount),
        funds_type,
        bank_reference: bank_reference.to_owned(),
        customer_reference: customer_reference.to_owned(),
        text,
        line: record.line(),
    })
}

/// A funds type and the availability fields it brings (checked, not kept); returns its code.
fn funds(f: &mut Fields<'_, '_>) -> Result<String, Bai2Error> {
    let (code, line) = f.take();
    match code {
        "" | "0" | "1" | "2" | "Z" => {}
        "S" => {
            for name in [
                "immediately available amount",
                "one-day available amount",
                "two-or-more-day available amount",
            ] {
                let (value, line) = f.take();
                cents(value, line, name, false)?;
            }
        }
        "V" => {
            let (value, line) = f.take();
            date(value, line, "value date")?;
            let (value, line) = f.take();
            time(value, line, "value time")?;
        }
        "D" => {
            let (value, line) = f.take();
            let distributions = required_number(value, line, "number of distributions")?;
            // Each distribution takes two fields; a count beyond the record's fields runs
            // into a blank one, which is refused, so this ends.
            for _ in 0..distributions {
                let (value, line) = f.take();
                required_number(value, line, "days of a distribution")?;
                let (value, line) = f.take();
                cents(value, line, "amount of a distribution", false)?.ok_or_else(|| {
                    field(
                        line,
                        "amount of a distribution",
                        "blank, but BAI2 requires it",
                    )
                })?;
            }
        }
        other => {
            return Err(field(
                line,
                "funds type",
                format!(
                    "{} is not a funds type (0, 1, 2, S, V, D or Z)",
                    quoted(other)
                ),
            ));
        }
    }
    Ok(code.to_owned())
}

/// The bytes as text (a UTF-8 byte-order mark dropped).
fn text_of(bytes: &[u8]) -> Result<&str, Bai2Error> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let good = bytes.get(..e.valid_up_to()).unwrap_or_default();
        Bai2Error::NotText {
            line: good.iter().filter(|b| **b == b'\n').count() + 1,
        }
    })
}

/// The file's lines gathered into records: blank lines skipped, each line trimmed, a
/// continuation (88) joined to the record before it.
fn records(text: &str) -> Result<Vec<Record<'_>>, Bai2Error> {
    let mut out: Vec<Record<'_>> = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let line = i + 1;
        let l = raw.trim();
        if l.is_empty() {
            continue;
        }
        if let Some(c) = l.chars().find(|c| c.is_control()) {
            return Err(structure(
                line,
                format!(
                    "the line holds a control character (U+{:04X}); a BAI2 record is printable text",
                    u32::from(c)
                ),
            ));
        }
        let Some((code, rest)) = l.split_once(',') else {
            return Err(structure(
                line,
                format!(
                    "{} is not a record: a record starts with its two-digit type and a comma",
                    quoted(l)
                ),
            ));
        };
        let rest = rest.strip_suffix('/').unwrap_or(rest);
        if code == "88" {
            let Some(last) = out.last_mut() else {
                return Err(structure(
                    line,
                    "a continuation (88) comes before any record it could continue",
                ));
            };
            one_record(last.kind, rest, line)?;
            last.rows.push(Row { line, text: rest });
            continue;
        }
        let Some(kind) = Kind::of(code) else {
            return Err(structure(
                line,
                format!(
                    "{} is not a BAI2 record type (01, 02, 03, 16, 49, 88, 98 or 99)",
                    quoted(code)
                ),
            ));
        };
        one_record(kind, rest, line)?;
        out.push(Record {
            kind,
            rows: vec![Row { line, text: rest }],
        });
    }
    Ok(out)
}

/// Refuses a slash inside a record other than a transaction: a slash ends a record, so what
/// follows it would be a second record on the line (or a field cut short). A transaction's
/// text runs to the end of its record and may hold slashes.
fn one_record(kind: Kind, rest: &str, line: usize) -> Result<(), Bai2Error> {
    if kind != Kind::Detail && rest.contains('/') {
        return Err(structure(
            line,
            "the record goes on after the slash that ends it (a BAI2 file has one record a line)",
        ));
    }
    Ok(())
}

fn structure(line: usize, message: impl Into<String>) -> Bai2Error {
    Bai2Error::Structure {
        line,
        message: message.into(),
    }
}

fn field(line: usize, field: &'static str, message: impl Into<String>) -> Bai2Error {
    Bai2Error::Field {
        line,
        field,
        message: message.into(),
    }
}

/// A value shown in a message: quoted, and cut at 24 characters.
fn quoted(value: &str) -> String {
    let short: String = value.chars().take(24).collect();
    if short.len() < value.len() {
        format!("{short:?}…")
    } else {
        format!("{short:?}")
    }
}

fn all_digits(value: &str) -> bool {
    !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit())
}

fn required(value: &str, line: usize, name: &'static str) -> Result<String, Bai2Error> {
    if value.is_empty() {
        Err(field(line, name, "blank, but BAI2 requires it"))
    } else {
        Ok(value.to_owned())
    }
}

/// An amount in cents: digits, with a sign where `signed` (a transaction's amount has none; its
/// type code says credit or debit). Blank is `None`.
fn cents(
    value: &str,
    line: usize,
    name: &'static str,
    signed: bool,
) -> Result<Option<i64>, Bai2Error> {
    if value.is_empty() {
        return Ok(None);
    }
    let (negative, digits) = match value.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, value.strip_prefix('+').unwrap_or(value)),
    };
    if negative && !signed {
        return Err(field(
            line,
            name,
            format!(
                "{} has a minus sign, but this amount has none (the type code says credit or debit)",
                quoted(value)
            ),
        ));
    }
    // Eighteen digits always fit in 64 bits.
    let bad = || {
        field(
            line,
            name,
            format!(
                "{} is not an amount in cents (up to 18 digits, with an optional sign)",
                quoted(value)
            ),
        )
    };
    if !all_digits(digits) || digits.len() > 18 {
        return Err(bad());
    }
    let n: i64 = digits.parse().map_err(|_| bad())?;
    Ok(Some(if negative { -n } else { n }))
}

/// A count: digits; blank is `None`.
fn number(value: &str, line: usize, name: &'static str) -> Result<Option<u64>, Bai2Error> {
    if value.is_empty() {
        return Ok(None);
    }
    let bad = || field(line, name, format!("{} is not a number", quoted(value)));
    if !all_digits(value) || value.len() > 18 {
        return Err(bad());
    }
    value.parse().map(Some).map_err(|_| bad())
}

fn required_number(value: &str, line: usize, name: &'static str) -> Result<u64, Bai2Error> {
    number(value, line, name)?.ok_or_else(|| field(line, name, "blank, but BAI2 requires it"))
}

fn type_code(value: &str, line: usize) -> Result<u16, Bai2Error> {
    let bad = || {
        field(
            line,
            "type code",
            format!("{} is not a type code (three digits)", quoted(value)),
        )
    };
    if value.len() != 3 || !all_digits(value) {
        return Err(bad());
    }
    value.parse().map_err(|_| bad())
}

/// A date written YYMMDD. Two-digit years 69–99 are the 1900s and 00–68 the 2000s, as Python's
/// `strptime` reads them, so we agree with the PyPI reader.
fn date(value: &str, line: usize, name: &'static str) -> Result<Date, Bai2Error> {
    let bad = || {
        field(
            line,
            name,
            format!("{} is not a date (YYMMDD)", quoted(value)),
        )
    };
    if value.len() != 6 || !all_digits(value) {
        return Err(bad());
    }
    let part = |from: usize| {
        value
            .get(from..from + 2)
            .and_then(|p| p.parse::<i8>().ok())
            .ok_or_else(&bad)
    };
    let (yy, mm, dd) = (part(0)?, part(2)?, part(4)?);
    let century: i16 = if yy <= 68 { 2000 } else { 1900 };
    Date::new(century + i16::from(yy), mm, dd).map_err(|_| bad())
}

/// A time: blank, HHMM (0000 to 2400, or 9999 for the end of the day) or HH:MM:SS. Checked,
/// not kept.
fn time(value: &str, line: usize, name: &'static str) -> Result<(), Bai2Error> {
    let two = |from: usize| {
        value
            .get(from..from + 2)
            .filter(|p| all_digits(p))
            .and_then(|p| p.parse::<u8>().ok())
    };
    let ok = match value.len() {
        0 => true,
        4 if all_digits(value) => {
            value == "2400"
                || value == "9999"
                || two(0).zip(two(2)).is_some_and(|(h, m)| h < 24 && m < 60)
        }
        8 => match (two(0), value.get(2..3), two(3), value.get(5..6), two(6)) {
            (Some(h), Some(":"), Some(m), Some(":"), Some(s)) => h < 24 && m < 60 && s < 60,
            _ => false,
        },
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(field(
            line,
            name,
            format!("{} is not a time (HHMM, 0000 to 2400)", quoted(value)),
        ))
    }
}

fn currency(value: &str, line: usize) -> Result<Option<String>, Bai2Error> {
    if value.is_empty() {
        Ok(None)
    } else if value.len() == 3 && value.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(Some(value.to_owned()))
    } else {
        Err(field(
            line,
            "currency",
            format!("{} is not a three-letter currency code", quoted(value)),
        ))
    }
}

fn total_agrees(
    line: usize,
    what: &'static str,
    counted: &'static str,
    stated: i64,
    actual: i128,
) -> Result<(), Bai2Error> {
    if i128::from(stated) == actual {
        Ok(())
    } else {
        Err(Bai2Error::Control {
            line,
            what,
            stated: shown(i128::from(stated)),
            counted,
            actual: shown(actual),
        })
    }
}

fn count_agrees(
    line: usize,
    what: &'static str,
    counted: &'static str,
    stated: u64,
    actual: u64,
) -> Result<(), Bai2Error> {
    if stated == actual {
        Ok(())
    } else {
        Err(Bai2Error::Control {
            line,
            what,
            stated: stated.to_string(),
            counted,
            actual: actual.to_string(),
        })
    }
}

/// An amount of cents as people read it, without a currency sign (a group may be in any
/// currency): `-12,345.67`.
fn shown(cents: i128) -> String {
    let abs = cents.unsigned_abs();
    let whole = (abs / 100).to_string();
    let mut text = String::from(if cents < 0 { "-" } else { "" });
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            text.push(',');
        }
        text.push(c);
    }
    text.push_str(&format!(".{:02}", abs % 100));
    text
}
