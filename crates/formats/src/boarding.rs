//! The servicing-transfer ("boarding") file: one CSV row per loan moving to us from a prior
//! servicer, and an optional payment-history CSV. Parsing checks every row and every field
//! and reports all problems at once (line and column), so a file is fixed in one pass; a file
//! with any problem yields no rows at all. Column meanings are in docs/boarding.md.
//!
//! Invariants of a read: the header names every column once and only known ones; every field
//! is within its length, has no control or invisible characters, and every amount, rate, term
//! and date is within the bounds below, so nothing built from a `BoardedLoan` (its schedule,
//! its opening entries, a portfolio's totals) can overflow. No input makes the reader panic.
//!
//! A file may name each loan's product and override its terms per loan ([`PRODUCT_COLUMNS`],
//! all optional); whether the product is configured here is the app's check, not the file's.

use domain::account_number::AccountNumber;
use domain::address::MailingAddress;
use domain::calendar::add_months_on_day;
use domain::loan::{Installment, OpeningBalances, Waterfall};
use domain::product::ProductOverrides;
use domain::schedule::project;
use jiff::civil::Date;
use money::{DayCount, Money, Rate};
use std::collections::HashMap;

mod fields;
#[cfg(test)]
mod tests;
mod write;

pub use fields::{Ssn, parse_ssn};
pub use write::{synthetic, write_loans};

/// The loan file's columns, in the order we write them (readers accept any order). The
/// mailing address is given by its parts ([`ADDRESS_COLUMNS`]) or, in files written before
/// addresses were structured, in the one column [`SINGLE_ADDRESS_COLUMN`] beside `zip`.
pub const LOAN_COLUMNS: [&str; 25] = [
    "account_number",
    "borrower_name",
    "ssn",
    "date_of_birth",
    "address_line1",
    "address_line2",
    "city",
    "state",
    "zip",
    "email",
    "phone",
    "original_amount",
    "rate",
    "day_count",
    "term_months",
    "disbursement_date",
    "first_payment_date",
    "payment_amount",
    "balances_as_of",
    "current_principal",
    "accrued_interest",
    "fees_due",
    "next_due_date",
    "paid_to_date",
    "autopay_at_prior_servicer",
];

/// The columns of a mailing address's parts besides `zip`: the street, the apartment, suite
/// or unit (optional), the city and the state (its two-letter code, or its name).
pub const ADDRESS_COLUMNS: [&str; 4] = ["address_line1", "address_line2", "city", "state"];

/// The mailing address on one line ("12 Elm St, Springfield, IL"), as files gave it before
/// addresses were structured: still read, into its parts with the `zip` beside it
/// (`domain::address::read_typed`); a row whose address cannot be read so is refused, and says
/// to give it by its parts.
pub const SINGLE_ADDRESS_COLUMN: &str = "address";

/// The loan file's optional product columns, after [`LOAN_COLUMNS`] when written: the product
/// a loan is serviced under and its terms where this loan's note differs from the product's.
/// An empty field (or a column left out) means the product's own (docs/boarding.md).
pub const PRODUCT_COLUMNS: [&str; 10] = [
    "product",
    "late_fee_fixed",
    "late_fee_percent",
    "late_fee_cap",
    "grace_period_days",
    "late_fee_min_shortfall",
    "nsf_fee",
    "waterfall",
    "extra_to",
    "final_payment_amount",
];

/// The payment-history file's columns.
pub const HISTORY_COLUMNS: [&str; 3] = ["account_number", "paid_on", "amount"];

/// The most loans one file may carry; a larger transfer comes as several files.
pub const MAX_LOAN_ROWS: usize = 2_000_000;

/// The most prior payments one history file may carry.
pub const MAX_HISTORY_ROWS: usize = 20_000_000;

/// The largest amount in any money column: $99,999,999.99, the most one ACH entry carries.
/// With at most [`MAX_LOAN_ROWS`] loans and 480 installments each, no sum over a file or a
/// schedule comes near the limit of `Money`.
pub const MAX_AMOUNT: Money = Money::from_cents(9_999_999_999);

/// The earliest date any date column may hold.
pub const EARLIEST_DATE: Date = jiff::civil::date(1900, 1, 1);

/// The latest date any date column may hold (a 480-month schedule from it still ends far
/// inside the calendar's range).
pub const LATEST_DATE: Date = jiff::civil::date(2200, 12, 31);

/// One loan to board, every field checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BoardedLoan {
    /// The line of the file it came from (the header is line 1).
    pub line: u64,
    /// The account number the borrower already knows: kept.
    pub account_number: AccountNumber,
    /// Borrower's full name.
    pub borrower_name: String,
    /// Social Security number.
    pub ssn: Ssn,
    /// Date of birth.
    pub date_of_birth: Date,
    /// Mailing address, with its ZIP code.
    pub address: MailingAddress,
    /// Email, if the prior servicer had one.
    pub email: Option<String>,
    /// Phone (10 digits), if any.
    pub phone: Option<String>,
    /// Amount financed at origination.
    pub original_amount: Money,
    /// Annual interest rate.
    pub rate: Rate,
    /// Interest day count, when the file gives one (otherwise the product's).
    pub day_count: Option<DayCount>,
    /// Original number of monthly installments.
    pub term_months: u32,
    /// When the loan was disbursed.
    pub disbursement_date: Date,
    /// Due date of the first installment: fixes the due day of every month.
    pub first_payment_date: Date,
    /// The regular monthly payment.
    pub payment_amount: Money,
    /// The date the balances below are as of; interest accrues with us from this date.
    pub balances_as_of: Date,
    /// Principal outstanding.
    pub current_principal: Money,
    /// Interest accrued and unpaid.
    pub accrued_interest: Money,
    /// Fees assessed and unpaid.
    pub fees_due: Money,
    /// Due date of the oldest unpaid installment: kept.
    pub next_due_date: Date,
    /// Due date of the last installment paid in full, if any.
    pub paid_to_date: Option<Date>,
    /// The borrower paid by AutoPay at the prior servicer (it does not transfer).
    pub autopay_at_prior_servicer: bool,
    /// The product the loan is serviced under, as the file names it (lower case); none: the
    /// standard product.
    pub product: Option<String>,
    /// Where this loan's note departs from its product's terms.
    pub overrides: ProductOverrides,
    /// The last installment's amount as the note sets it (a different final installment),
    /// when the file gives one; otherwise it is the true-up [`BoardedLoan::remaining_installments`]
    /// computes.
    pub final_payment_amount: Option<Money>,
}

impl BoardedLoan {
    /// The last installment's due date under the original terms.
    pub fn maturity_date(&self) -> Date {
        let months = i32::try_from(self.term_months).expect("term validated") - 1;
        add_months_on_day(
            self.first_payment_date,
            months,
            self.first_payment_date.day(),
        )
    }

    /// The installments still to pay under the file's day count (Actual/365 when it gives
    /// none) and the default waterfall: see [`BoardedLoan::remaining_installments_under`].
    pub fn remaining_installments(&self) -> Vec<Installment> {
        self.remaining_installments_under(self.day_count.unwrap_or_default(), &Waterfall::default())
    }

    /// The installments still to pay: from the next due date to maturity, on the original
    /// due day, each the regular payment but the last. The last is the file's
    /// `final_payment_amount` when it gives one (the note's own final installment); otherwise
    /// what the note's terms leave owed on the maturity date: the balances as boarded, the
    /// regular payment on every due date before it, interest at the note's rate and
    /// `day_count`, payments applied by `waterfall` (a true-up, larger than the regular
    /// payment when the loan is behind its amortization; `domain::schedule::project`). So the
    /// final installment, the schedule and the payoff on that date agree (docs/boarding.md).
    pub fn remaining_installments_under(
        &self,
        day_count: DayCount,
        waterfall: &Waterfall,
    ) -> Vec<Installment> {
        let day = self.first_payment_date.day();
        let maturity = self.maturity_date();
        let first = months_between(self.first_payment_date, self.next_due_date);
        let mut rest: Vec<Installment> = (first..)
            .map(|k| add_months_on_day(self.first_payment_date, k, day))
            .take_while(|d| *d <= maturity)
            .zip(1..)
            .map(|(due_date, number)| Installment {
                number: u32::try_from(first).expect("non-negative") + number,
                due_date,
                amount: self.payment_amount,
            })
            .collect();
        if let Some(amount) = self.final_payment_amount {
            if let Some(last) = rest.last_mut() {
                last.amount = amount;
            }
            return rest;
        }
        let due: Vec<(Date, Money)> = rest.iter().map(|i| (i.due_date, i.amount)).collect();
        // Fees are owed apart from the installments (they are in the amount due), so the
        // true-up is principal and interest only.
        let owed = OpeningBalances {
            principal: self.current_principal,
            interest: self.accrued_interest,
            ..OpeningBalances::default()
        };
        let projected = project(
            self.balances_as_of,
            owed,
            self.rate,
            day_count,
            waterfall,
            &due,
        );
        // A loan the regular payments repay before maturity keeps the regular amount on its
        // last installment: the amount due never exceeds the balance.
        if let (Some(last), Some(p)) = (rest.last_mut(), projected.last())
            && p.amount().is_positive()
        {
            last.amount = p.amount();
        }
        rest
    }
}

/// One prior payment from the history file (for the borrower's records; the balances in the
/// loan file already reflect it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PriorPayment {
    /// The line of the file it came from.
    pub line: u64,
    /// The loan.
    pub account_number: AccountNumber,
    /// When it was received by the prior servicer.
    pub paid_on: Date,
    /// How much.
    pub amount: Money,
}

/// One problem in a file: where, which column, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// Line number in the file (the header is line 1).
    pub line: u64,
    /// The column, or "row" for a problem with the row as a whole.
    pub field: String,
    /// What is wrong, in words an operator can act on.
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}: {}", self.line, self.field, self.message)
    }
}

/// Every problem found in a file, in line order.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{} problem(s); first: {}", .0.len(), .0.first().map(ToString::to_string).unwrap_or_default())]
pub struct FileErrors(pub Vec<RowError>);

/// Reads a loan file: every row valid, or every problem.
pub fn read_loans(bytes: &[u8]) -> Result<Vec<BoardedLoan>, FileErrors> {
    let columns: Vec<&str> = LOAN_COLUMNS
        .iter()
        .chain(&PRODUCT_COLUMNS)
        .chain(&[SINGLE_ADDRESS_COLUMN])
        .copied()
        .collect();
    // The address's columns are checked as a set below: its parts, or the single column.
    let optional: Vec<&str> = ["email", "phone", "paid_to_date", "day_count"]
        .iter()
        .chain(&ADDRESS_COLUMNS)
        .chain(&PRODUCT_COLUMNS)
        .chain(&[SINGLE_ADDRESS_COLUMN])
        .copied()
        .collect();
    let table = Table::read(bytes, &columns, &optional, MAX_LOAN_ROWS)?;
    check_address_columns(&table.index)?;
    let mut errors = table.errors.clone();
    let mut loans = Vec::new();
    let mut seen: HashMap<AccountNumber, u64> = HashMap::new();
    for row in &table.rows {
        let mut r = fields::RowReader::new(row, &table.index);
        let loan = fields::loan(&mut r);
        let mut row_errors = r.into_errors();
        if let Some(loan) = loan {
            if let Some(first) = seen.insert(loan.account_number, loan.line) {
                row_errors.push(RowError {
                    line: loan.line,
                    field: "account_number".into(),
                    message: format!(
                        "account number {} is also on line {first}",
                        loan.account_number
                    ),
                });
            }
            if row_errors.is_empty() {
                loans.push(loan);
            }
        }
        errors.extend(row_errors);
    }
    errors.sort_by_key(|e| e.line);
    if errors.is_empty() {
        Ok(loans)
    } else {
        Err(FileErrors(errors))
    }
}

/// Reads a payment-history file: every row valid, or every problem.
pub fn read_history(bytes: &[u8]) -> Result<Vec<PriorPayment>, FileErrors> {
    let table = Table::read(bytes, &HISTORY_COLUMNS, &[], MAX_HISTORY_ROWS)?;
    let mut errors = table.errors.clone();
    let mut payments = Vec::new();
    for row in &table.rows {
        let mut r = fields::RowReader::new(row, &table.index);
        let account_number = r.field("account_number", fields::account_number);
        let paid_on = r.field("paid_on", fields::date);
        let amount = r.field("amount", fields::positive_money);
        match (account_number, paid_on, amount) {
            (Some(account_number), Some(paid_on), Some(amount)) if r.is_clean() => {
                payments.push(PriorPayment {
                    line: r.line(),
                    account_number,
                    paid_on,
                    amount,
                });
            }
            _ => errors.extend(r.into_errors()),
        }
    }
    errors.sort_by_key(|e| e.line);
    if errors.is_empty() {
        Ok(payments)
    } else {
        Err(FileErrors(errors))
    }
}

/// A CSV file read into rows, with the header's column positions.
struct Table {
    index: HashMap<String, usize>,
    rows: Vec<(u64, csv::StringRecord)>,
    /// Rows that are not even CSV-shaped; the others are still checked field by field.
    errors: Vec<RowError>,
}

impl Table {
    /// Reads the header (refusing the file if it is wrong) and every row, at most `max_rows`.
    fn read(
        bytes: &[u8],
        columns: &[&str],
        optional: &[&str],
        max_rows: usize,
    ) -> Result<Table, FileErrors> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(bytes);
        let header = reader
            .headers()
            .map_err(|e| whole(1, "header", format!("cannot read the header: {e}")))?
            .clone();
        let index = header_index(&header, columns, optional)?;
        let mut rows = Vec::new();
        let mut errors = Vec::new();
        // A record without a position (csv gives every one a position; this is a fallback)
        // is placed on the line after the last one seen, so every problem names a line.
        let mut last_line = 1;
        for record in reader.records() {
            let line = match &record {
                Ok(rec) => rec.position(),
                Err(e) => e.position(),
            }
            .map_or(last_line + 1, csv::Position::line);
            last_line = line;
            match record {
                Ok(rec) if rec.iter().all(str::is_empty) => continue,
                Ok(rec) if rec.len() != header.len() => errors.push(RowError {
                    line,
                    field: "row".into(),
                    message: format!("has {} fields; the header has {}", rec.len(), header.len()),
                }),
                Ok(rec) => rows.push((line, rec)),
                Err(e) => errors.push(RowError {
                    line,
                    field: "row".into(),
                    message: format!("not valid CSV: {e}"),
                }),
            }
            if rows.len() + errors.len() > max_rows {
                return Err(whole(
                    line,
                    "row",
                    format!("the file has more than {max_rows} rows: split it into smaller files"),
                ));
            }
        }
        if rows.is_empty() && errors.is_empty() {
            return Err(whole(2, "row", "the file has a header but no rows".into()));
        }
        Ok(Table {
            index,
            rows,
            errors,
        })
    }
}

/// The whole file refused for one problem.
fn whole(line: u64, field: &str, message: String) -> FileErrors {
    FileErrors(vec![RowError {
        line,
        field: field.into(),
        message,
    }])
}

/// The header's column positions (by lower-case name). Every name must be one of `columns`
/// and appear once, and every column not `optional` must be there; otherwise the whole file
/// is refused, with every problem of the header.
fn header_index(
    header: &csv::StringRecord,
    columns: &[&str],
    optional: &[&str],
) -> Result<HashMap<String, usize>, FileErrors> {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut problems = Vec::new();
    for (i, name) in header.iter().enumerate() {
        let key = name.to_ascii_lowercase();
        let position = i + 1;
        if key.is_empty() {
            problems.push(format!("column {position} has no name"));
        } else if !columns.contains(&key.as_str()) {
            problems.push(format!(
                "column {position}, {}, is not a column of this file (see docs/boarding.md)",
                fields::shown(name)
            ));
        } else if let Some(first) = index.get(&key) {
            problems.push(format!(
                "column {position}, {key}, is there twice (first as column {}): remove one",
                first + 1
            ));
        } else {
            index.insert(key, i);
        }
    }
    let missing: Vec<&str> = columns
        .iter()
        .copied()
        .filter(|c| !optional.contains(c) && !index.contains_key(*c))
        .collect();
    if !missing.is_empty() {
        // First, so the summary of a file that is not this kind of file says so.
        problems.insert(0, format!("missing column(s): {}", missing.join(", ")));
    }
    if problems.is_empty() {
        Ok(index)
    } else {
        Err(FileErrors(
            problems
                .into_iter()
                .map(|message| RowError {
                    line: 1,
                    field: "header".into(),
                    message,
                })
                .collect(),
        ))
    }
}

/// The header gives the mailing address by its parts (`address_line1`, `city` and `state`;
/// `address_line2` may be left out) or in the single column `address`; otherwise the whole
/// file is refused.
fn check_address_columns(index: &HashMap<String, usize>) -> Result<(), FileErrors> {
    let has = |c: &str| index.contains_key(c);
    let by_parts = ADDRESS_COLUMNS.iter().any(|c| has(c));
    let missing: Vec<&str> = ["address_line1", "city", "state"]
        .into_iter()
        .filter(|c| !has(c))
        .collect();
    if by_parts && !missing.is_empty() {
        return Err(whole(
            1,
            "header",
            format!(
                "missing column(s): {}: the address is given by its parts, address_line1, address_line2 (optional), city and state",
                missing.join(", ")
            ),
        ));
    }
    if !by_parts && !has(SINGLE_ADDRESS_COLUMN) {
        return Err(whole(
            1,
            "header",
            "missing column(s): address_line1, city, state: give the mailing address by its parts (address_line2 for an apartment, suite or unit is optional), or on one line in the column address"
                .into(),
        ));
    }
    Ok(())
}

/// Whole months from `from` to `to` by calendar month (day ignored).
fn months_between(from: Date, to: Date) -> i32 {
    (i32::from(to.year()) - i32::from(from.year())) * 12 + i32::from(to.month())
        - i32::from(from.month())
}
