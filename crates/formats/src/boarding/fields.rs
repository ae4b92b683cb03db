//! Field parsers for the boarding file, and the per-row reader that collects every problem.

use super::{BoardedLoan, RowError};
use domain::account_number::AccountNumber;
use jiff::civil::Date;
use money::{DayCount, Money, Rate};
use std::collections::HashMap;

/// A Social Security number: nine digits, not one the SSA never issues.
#[derive(Clone, PartialEq, Eq)]
pub struct Ssn(String);

impl Ssn {
    /// The nine digits (handle with care: encrypt before storing).
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// The last four digits, for matching and masked display.
    pub fn last4(&self) -> &str {
        &self.0[5..]
    }
}

impl std::fmt::Debug for Ssn {
    // Never print the number, even in a debug dump or a panic message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Ssn(***-**-{})", self.last4())
    }
}

/// Parses "123-45-6789" or "123456789".
pub fn parse_ssn(text: &str) -> Result<Ssn, String> {
    let digits: String = text.chars().filter(|c| *c != '-' && *c != ' ').collect();
    if digits.len() != 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err("must be nine digits, like 123-45-6789".into());
    }
    let (area, group, serial) = (&digits[..3], &digits[3..5], &digits[5..]);
    if area == "000" || area == "666" || area.starts_with('9') || group == "00" || serial == "0000"
    {
        return Err("is not a number the Social Security Administration issues".into());
    }
    Ok(Ssn(digits))
}

/// Reads one row's fields by column name, keeping every problem found.
pub(super) struct RowReader<'a> {
    line: u64,
    record: &'a csv::StringRecord,
    index: &'a HashMap<String, usize>,
    errors: Vec<RowError>,
}

impl<'a> RowReader<'a> {
    pub(super) fn new(
        row: &'a (u64, csv::StringRecord),
        index: &'a HashMap<String, usize>,
    ) -> Self {
        RowReader {
            line: row.0,
            record: &row.1,
            index,
            errors: Vec::new(),
        }
    }

    fn text(&self, column: &str) -> &'a str {
        self.index
            .get(column)
            .and_then(|i| self.record.get(*i))
            .unwrap_or("")
    }

    fn fail(&mut self, column: &str, message: String) {
        self.errors.push(RowError {
            line: self.line,
            field: column.into(),
            message,
        });
    }

    /// A required field parsed by `parse`.
    pub(super) fn field<T>(
        &mut self,
        column: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        let text = self.text(column);
        if text.is_empty() {
            self.fail(column, "is required".into());
            return None;
        }
        parse(text).map_err(|m| self.fail(column, m)).ok()
    }

    /// An optional field: empty is `Some(None)`, a bad value is `None`.
    pub(super) fn optional<T>(
        &mut self,
        column: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<Option<T>> {
        let text = self.text(column);
        if text.is_empty() {
            return Some(None);
        }
        parse(text).map(Some).map_err(|m| self.fail(column, m)).ok()
    }

    /// Adds a problem found by a check across fields.
    pub(super) fn check(&mut self, ok: bool, column: &str, message: impl FnOnce() -> String) {
        if !ok {
            self.fail(column, message());
        }
    }

    pub(super) fn line(&self) -> u64 {
        self.line
    }

    pub(super) fn is_clean(&self) -> bool {
        self.errors.is_empty()
    }

    pub(super) fn into_errors(self) -> Vec<RowError> {
        self.errors
    }
}

pub(super) fn account_number(t: &str) -> Result<AccountNumber, String> {
    AccountNumber::parse(t).map_err(|e| e.to_string())
}

pub(super) fn date(t: &str) -> Result<Date, String> {
    t.parse::<Date>()
        .map_err(|_| format!("{t:?} is not a date like 2026-03-15"))
}

fn money(t: &str) -> Result<Money, String> {
    Money::parse(t).map_err(|e| e.to_string())
}

pub(super) fn positive_money(t: &str) -> Result<Money, String> {
    let m = money(t)?;
    if m.is_positive() {
        Ok(m)
    } else {
        Err(format!("{m} must be more than zero"))
    }
}

fn non_negative_money(t: &str) -> Result<Money, String> {
    let m = money(t)?;
    if m.is_negative() {
        Err(format!("{m} must not be negative"))
    } else {
        Ok(m)
    }
}

fn rate(t: &str) -> Result<Rate, String> {
    let r = Rate::parse(t).map_err(|e| e.to_string())?;
    if r > Rate::parse("100").expect("literal") {
        return Err(format!(
            "{t}% is above 100%: give the annual rate in percent, like 7.5"
        ));
    }
    Ok(r)
}

fn term(t: &str) -> Result<u32, String> {
    match t.parse::<u32>() {
        Ok(n) if (1..=480).contains(&n) => Ok(n),
        _ => Err(format!(
            "{t:?} must be a whole number of months from 1 to 480"
        )),
    }
}

fn text(t: &str) -> Result<String, String> {
    if t.chars().any(char::is_control) {
        Err("contains control characters".into())
    } else {
        Ok(t.to_owned())
    }
}

fn zip(t: &str) -> Result<String, String> {
    let ok = match t.len() {
        5 => t.bytes().all(|b| b.is_ascii_digit()),
        10 => {
            t.as_bytes()[5] == b'-'
                && t.bytes()
                    .enumerate()
                    .all(|(i, b)| i == 5 || b.is_ascii_digit())
        }
        _ => false,
    };
    if ok {
        Ok(t.to_owned())
    } else {
        Err(format!("{t:?} must be a ZIP code like 12345 or 12345-6789"))
    }
}

fn email(t: &str) -> Result<String, String> {
    match t.split_once('@') {
        Some((local, domain))
            if !local.is_empty() && domain.contains('.') && !t.contains(char::is_whitespace) =>
        {
            Ok(t.to_ascii_lowercase())
        }
        _ => Err(format!("{t:?} is not an email address")),
    }
}

fn phone(t: &str) -> Result<String, String> {
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    let digits = digits
        .strip_prefix('1')
        .filter(|d| d.len() == 10)
        .map_or(digits.clone(), str::to_owned);
    if digits.len() == 10
        && t.chars()
            .all(|c| c.is_ascii_digit() || " ()-+.".contains(c))
    {
        Ok(digits)
    } else {
        Err(format!("{t:?} must be a 10-digit US phone number"))
    }
}

fn yes_no(t: &str) -> Result<bool, String> {
    match t.to_ascii_lowercase().as_str() {
        "y" | "yes" | "true" | "1" => Ok(true),
        "n" | "no" | "false" | "0" => Ok(false),
        _ => Err(format!("{t:?} must be Y or N")),
    }
}

fn day_count(t: &str) -> Result<DayCount, String> {
    t.parse::<DayCount>().map_err(|e| e.to_string())
}

/// Reads and cross-checks one loan row; `None` when any field is bad (the reader has why).
pub(super) fn loan(r: &mut RowReader<'_>) -> Option<BoardedLoan> {
    // Every field is read before any is required, so a row reports all its problems.
    let account_number = r.field("account_number", account_number);
    let borrower_name = r.field("borrower_name", text);
    let ssn = r.field("ssn", parse_ssn);
    let date_of_birth = r.field("date_of_birth", date);
    let address = r.field("address", text);
    let zip = r.field("zip", zip);
    let email = r.optional("email", email);
    let phone = r.optional("phone", phone);
    let original_amount = r.field("original_amount", positive_money);
    let rate = r.field("rate", rate);
    let day_count = r.optional("day_count", day_count);
    let term_months = r.field("term_months", term);
    let disbursement_date = r.field("disbursement_date", date);
    let first_payment_date = r.field("first_payment_date", date);
    let payment_amount = r.field("payment_amount", positive_money);
    let balances_as_of = r.field("balances_as_of", date);
    let current_principal = r.field("current_principal", non_negative_money);
    let accrued_interest = r.field("accrued_interest", non_negative_money);
    let fees_due = r.field("fees_due", non_negative_money);
    let next_due_date = r.field("next_due_date", date);
    let paid_to_date = r.optional("paid_to_date", date);
    let autopay_at_prior_servicer = r.field("autopay_at_prior_servicer", yes_no);
    let loan = BoardedLoan {
        line: r.line,
        account_number: account_number?,
        borrower_name: borrower_name?,
        ssn: ssn?,
        date_of_birth: date_of_birth?,
        address: address?,
        zip: zip?,
        email: email?,
        phone: phone?,
        original_amount: original_amount?,
        rate: rate?,
        day_count: day_count?.unwrap_or_default(),
        term_months: term_months?,
        disbursement_date: disbursement_date?,
        first_payment_date: first_payment_date?,
        payment_amount: payment_amount?,
        balances_as_of: balances_as_of?,
        current_principal: current_principal?,
        accrued_interest: accrued_interest?,
        fees_due: fees_due?,
        next_due_date: next_due_date?,
        paid_to_date: paid_to_date?,
        autopay_at_prior_servicer: autopay_at_prior_servicer?,
    };
    cross_check(r, &loan);
    r.is_clean().then_some(loan)
}

fn cross_check(r: &mut RowReader<'_>, l: &BoardedLoan) {
    r.check(
        l.date_of_birth < l.disbursement_date,
        "date_of_birth",
        || {
            format!(
                "{} is not before the disbursement date {}",
                l.date_of_birth, l.disbursement_date
            )
        },
    );
    r.check(
        l.first_payment_date > l.disbursement_date,
        "first_payment_date",
        || {
            format!(
                "{} must be after the disbursement date {}",
                l.first_payment_date, l.disbursement_date
            )
        },
    );
    r.check(
        l.balances_as_of >= l.disbursement_date,
        "balances_as_of",
        || {
            format!(
                "{} is before the disbursement date {}",
                l.balances_as_of, l.disbursement_date
            )
        },
    );
    r.check(
        l.current_principal <= l.original_amount,
        "current_principal",
        || {
            format!(
                "{} is more than the original amount {}",
                l.current_principal, l.original_amount
            )
        },
    );
    let balance = l
        .current_principal
        .checked_add(l.accrued_interest)
        .and_then(|b| b.checked_add(l.fees_due));
    r.check(
        balance.is_some_and(Money::is_positive),
        "current_principal",
        || "the loan has no balance to service (principal, interest and fees are all zero)".into(),
    );
    let due_day_ok = l.next_due_date.day() == l.first_payment_date.day()
        || (l.next_due_date.day() == l.next_due_date.days_in_month()
            && l.first_payment_date.day() > l.next_due_date.day());
    r.check(due_day_ok, "next_due_date", || {
        format!(
            "{} is not on the loan's due day ({} of the month)",
            l.next_due_date,
            l.first_payment_date.day()
        )
    });
    r.check(
        l.next_due_date >= l.first_payment_date && l.next_due_date <= l.maturity_date(),
        "next_due_date",
        || {
            format!(
                "{} is outside the schedule ({} to {})",
                l.next_due_date,
                l.first_payment_date,
                l.maturity_date()
            )
        },
    );
    if let Some(paid_to) = l.paid_to_date {
        r.check(paid_to < l.next_due_date, "paid_to_date", || {
            format!(
                "{paid_to} must be before the next due date {}",
                l.next_due_date
            )
        });
    }
}
