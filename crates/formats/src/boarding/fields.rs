//! Field parsers for the boarding file, and the per-row reader that collects every problem.
//! Every field first keeps the rules common to all ([`max_chars`] of its column, no control or
//! invisible characters), then its column's own rule.

use super::{BoardedLoan, EARLIEST_DATE, LATEST_DATE, MAX_AMOUNT, RowError, SINGLE_ADDRESS_COLUMN};
use domain::account_number::AccountNumber;
use domain::address::{AddressField, MailingAddress, TypedAddress, UsState, read_typed};
use domain::loan::{ExtraTo, Waterfall};
use domain::product::{MAX_NAME_CHARS, ProductOverrides, check_name};
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

    /// Whether the file has `column`.
    fn has_column(&self, column: &str) -> bool {
        self.index.contains_key(column)
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
        self.checked(column, text, parse)
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
        self.checked(column, text, parse).map(Some)
    }

    /// A non-empty field checked by the common rules, then parsed by `parse`.
    fn checked<T>(
        &mut self,
        column: &str,
        text: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        match well_formed(column, text).and_then(|()| parse(text)) {
            Ok(value) => Some(value),
            Err(message) => {
                self.fail(column, message);
                None
            }
        }
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

/// The most characters a field of `column` may have. Generous for every value the column's
/// rule accepts; the point is that no field can be a runaway (a 10 MB name).
pub(super) fn max_chars(column: &str) -> usize {
    match column {
        "borrower_name" => 100,
        "address" => 200,
        "address_line1" => AddressField::Line1.max_chars(),
        "address_line2" => AddressField::Line2.max_chars(),
        "city" => AddressField::City.max_chars(),
        "state" => AddressField::State.max_chars(),
        "email" => 254,
        "account_number" => 24,
        "phone" => 20,
        "ssn" => 11,
        "zip" | "date_of_birth" | "disbursement_date" | "first_payment_date" | "balances_as_of"
        | "next_due_date" | "paid_to_date" | "paid_on" => 10,
        "original_amount"
        | "payment_amount"
        | "current_principal"
        | "accrued_interest"
        | "fees_due"
        | "amount"
        | "late_fee_fixed"
        | "late_fee_cap"
        | "late_fee_min_shortfall"
        | "nsf_fee"
        | "final_payment_amount" => 14,
        "rate" | "day_count" | "late_fee_percent" => 16,
        "term_months" | "autopay_at_prior_servicer" | "grace_period_days" => 5,
        "product" => MAX_NAME_CHARS,
        "waterfall" => 40,
        "extra_to" => 20,
        _ => 100,
    }
}

/// The rules every field keeps: at most [`max_chars`] characters, none of them a control
/// character (NUL, tab, line breaks...) or an invisible one that changes how text reads.
fn well_formed(column: &str, text: &str) -> Result<(), String> {
    let most = max_chars(column);
    if text.chars().nth(most).is_some() {
        return Err(format!(
            "is {} characters long; the most is {most}",
            text.chars().count()
        ));
    }
    if let Some((at, c)) = text.chars().enumerate().find(|(_, c)| is_unprintable(*c)) {
        return Err(format!(
            "has a control or invisible character (U+{:04X}) at character {}: remove it",
            u32::from(c),
            at + 1
        ));
    }
    Ok(())
}

/// Control characters (C0, DEL, C1: NUL, tab, line breaks...), and the invisible characters
/// that hide or reorder text: zero-width space, line and paragraph separators, bidirectional
/// embeddings, overrides and isolates, and the byte-order mark. (Zero-width joiners, which
/// some scripts need in names, are allowed.)
fn is_unprintable(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200B}' | '\u{2028}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
        )
}

/// A value quoted for a message, cut at 40 characters so a runaway value cannot flood the
/// report.
pub(super) fn shown(t: &str) -> String {
    match t.char_indices().nth(40) {
        // `cut` is where a character starts, so the slice is on a character boundary.
        Some((cut, _)) => format!("{:?}...", &t[..cut]),
        None => format!("{t:?}"),
    }
}

pub(super) fn account_number(t: &str) -> Result<AccountNumber, String> {
    AccountNumber::parse(t).map_err(|e| e.to_string())
}

/// A date written `YYYY-MM-DD`, a real day, from [`EARLIEST_DATE`] to [`LATEST_DATE`].
pub(super) fn date(t: &str) -> Result<Date, String> {
    let shaped = t.len() == 10
        && t.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return Err(format!("{} is not a date like 2026-03-15", shown(t)));
    }
    let d = t
        .parse::<Date>()
        .map_err(|_| format!("{t} is not a real date: check the month and the day"))?;
    if (EARLIEST_DATE..=LATEST_DATE).contains(&d) {
        Ok(d)
    } else {
        Err(format!(
            "{d} is outside the years {} to {}",
            EARLIEST_DATE.year(),
            LATEST_DATE.year()
        ))
    }
}

/// An amount of money, at most [`MAX_AMOUNT`] (negative ones are refused by the callers).
fn money(t: &str) -> Result<Money, String> {
    let m = Money::parse(t).map_err(|e| e.to_string())?;
    if m > MAX_AMOUNT {
        Err(format!(
            "{m} is more than {MAX_AMOUNT}, the largest amount a boarding file may carry"
        ))
    } else {
        Ok(m)
    }
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

/// A person's name: trimmed, with at least one letter (its length and characters are checked
/// by [`well_formed`]).
fn name(t: &str) -> Result<String, String> {
    let name = t.trim();
    if name.chars().any(char::is_alphabetic) {
        Ok(name.to_owned())
    } else {
        Err(format!(
            "{} has no letters: give the borrower's full name",
            shown(t)
        ))
    }
}

/// A text field, trimmed (its length and characters are checked by [`well_formed`]).
fn trimmed(t: &str) -> Result<String, String> {
    Ok(t.trim().to_owned())
}

/// A state: its two-letter code, or its name.
fn state(t: &str) -> Result<UsState, String> {
    UsState::read(t).ok_or_else(|| {
        format!(
            "{} is not a US state, the District of Columbia, a territory or a military post (AA, AE, AP): give its two-letter code, like IL",
            shown(t)
        )
    })
}

/// The column of an address's part.
fn address_column(field: AddressField) -> &'static str {
    match field {
        AddressField::Line1 => "address_line1",
        AddressField::Line2 => "address_line2",
        AddressField::City => "city",
        AddressField::State => "state",
        AddressField::Zip => "zip",
    }
}

/// The row's mailing address with its ZIP code (`zip`, read already; `None` when it is bad):
/// by its parts, or from the single column of older files read into them. `None` when a part
/// is missing or bad, or the single column cannot be read (the reader has why).
fn mailing_address(r: &mut RowReader<'_>, zip: Option<&str>) -> Option<MailingAddress> {
    let by_parts = super::ADDRESS_COLUMNS.iter().any(|c| !r.text(c).is_empty());
    let single = !r.text(SINGLE_ADDRESS_COLUMN).is_empty();
    if by_parts && single {
        r.fail(
            SINGLE_ADDRESS_COLUMN,
            "is given, and so are address_line1, city and state: give the address by its parts or in address, not both"
                .into(),
        );
        return None;
    }
    if !by_parts && (single || !r.has_column("address_line1")) {
        let text = r.field(SINGLE_ADDRESS_COLUMN, trimmed)?;
        let read = read_typed(&text, zip?);
        if read.is_none() {
            r.fail(
                SINGLE_ADDRESS_COLUMN,
                format!(
                    "{} cannot be read as a street, a city and a state, like \"12 Elm St, Apt 4, Springfield, IL\": give it in the columns address_line1, address_line2, city and state",
                    shown(&text)
                ),
            );
        }
        return read;
    }
    let line1 = r.field("address_line1", trimmed);
    let line2 = r.optional("address_line2", trimmed);
    let city = r.field("city", trimmed);
    let state = r.field("state", state);
    let (line1, line2, city, state, zip) = (line1?, line2?, city?, state?, zip?);
    match MailingAddress::parse(&TypedAddress {
        line1: &line1,
        line2: line2.as_deref().unwrap_or_default(),
        city: &city,
        state: state.as_str(),
        zip,
    }) {
        Ok(address) => Some(address),
        Err(problems) => {
            for p in problems.all() {
                r.fail(address_column(p.field()), p.to_string());
            }
            None
        }
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

/// An email address: one @, 1 to 64 characters before it, a domain with a dot after it, no
/// spaces (the length and the other characters are checked by [`well_formed`]).
fn email(t: &str) -> Result<String, String> {
    let why = match t.split_once('@') {
        _ if t.contains(char::is_whitespace) => "it has a space in it",
        None => "it has no @",
        Some((_, domain)) if domain.contains('@') => "it has more than one @",
        Some((local, _)) if local.is_empty() || local.chars().nth(64).is_some() => {
            "the part before the @ must be 1 to 64 characters"
        }
        Some((_, domain))
            if !domain.contains('.')
                || domain.starts_with('.')
                || domain.ends_with('.')
                || domain.contains("..") =>
        {
            "the part after the @ must be a domain like example.com"
        }
        Some(_) => return Ok(t.to_ascii_lowercase()),
    };
    Err(format!("{} is not an email address: {why}", shown(t)))
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

/// A product's name, in any case: the configuration's names are lower case.
fn product(t: &str) -> Result<String, String> {
    let name = t.to_ascii_lowercase();
    check_name(&name).map_err(|_| {
        format!(
            "{} is not a product name: give the name the configuration declares, like home_improvement",
            shown(t)
        )
    })?;
    Ok(name)
}

/// An amount, or `none` (no cap, no fee).
fn money_or_none(t: &str) -> Result<Option<Money>, String> {
    if t.eq_ignore_ascii_case("none") {
        Ok(None)
    } else {
        non_negative_money(t).map(Some)
    }
}

/// A percentage from 0 to 100, like 5 or 4.5.
fn percent(t: &str) -> Result<Rate, String> {
    let r = Rate::parse(t).map_err(|e| e.to_string())?;
    if r > Rate::parse("100").expect("literal") {
        return Err(format!("{t}% is above 100%"));
    }
    Ok(r)
}

/// Days of grace after a due date: 0 to 365.
fn grace_days(t: &str) -> Result<u16, String> {
    match t.parse::<u16>() {
        Ok(n) if n <= 365 => Ok(n),
        _ => Err(format!(
            "{t:?} must be a whole number of days from 0 to 365"
        )),
    }
}

/// A waterfall: fees, interest and principal in payment order, separated by commas (quote
/// the field) or by `>`.
fn waterfall(t: &str) -> Result<Waterfall, String> {
    Waterfall::parse(&t.replace('>', ","))
        .map_err(|e| format!("{e}: give the three in payment order, like fees>interest>principal"))
}

fn extra_to(t: &str) -> Result<ExtraTo, String> {
    match t.to_ascii_lowercase().as_str() {
        "principal" => Ok(ExtraTo::Principal),
        "next_installment" => Ok(ExtraTo::NextInstallment),
        _ => Err(format!(
            "{} must be principal or next_installment",
            shown(t)
        )),
    }
}

/// The product columns of a row: the product named and the overrides given. `None` when any
/// is bad (the reader has why).
fn product_columns(
    r: &mut RowReader<'_>,
) -> Option<(Option<String>, ProductOverrides, Option<Money>)> {
    let name = r.optional("product", product);
    let late_fee_fixed = r.optional("late_fee_fixed", non_negative_money);
    let late_fee_percent = r.optional("late_fee_percent", percent);
    let late_fee_cap = r.optional("late_fee_cap", money_or_none);
    let grace_period_days = r.optional("grace_period_days", grace_days);
    let late_fee_min_shortfall = r.optional("late_fee_min_shortfall", non_negative_money);
    let nsf_fee = r.optional("nsf_fee", money_or_none);
    let waterfall = r.optional("waterfall", waterfall);
    let extra_default = r.optional("extra_to", extra_to);
    let final_payment = r.optional("final_payment_amount", positive_money);
    let overrides = ProductOverrides {
        late_fee_fixed: late_fee_fixed?,
        late_fee_percent: late_fee_percent?,
        late_fee_cap: late_fee_cap?,
        grace_period_days: grace_period_days?,
        late_fee_min_shortfall: late_fee_min_shortfall?,
        nsf_fee: nsf_fee?,
        waterfall: waterfall?,
        extra_default: extra_default?,
    };
    Some((name?, overrides, final_payment?))
}

/// Reads and cross-checks one loan row; `None` when any field is bad (the reader has why).
pub(super) fn loan(r: &mut RowReader<'_>) -> Option<BoardedLoan> {
    // Every field is read before any is required, so a row reports all its problems.
    let account_number = r.field("account_number", account_number);
    let borrower_name = r.field("borrower_name", name);
    let ssn = r.field("ssn", parse_ssn);
    let date_of_birth = r.field("date_of_birth", date);
    let zip = r.field("zip", zip);
    let address = mailing_address(r, zip.as_deref());
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
    let (product, overrides, final_payment_amount) = product_columns(r)?;
    let loan = BoardedLoan {
        line: r.line,
        account_number: account_number?,
        borrower_name: borrower_name?,
        ssn: ssn?,
        date_of_birth: date_of_birth?,
        address: address?,
        email: email?,
        phone: phone?,
        original_amount: original_amount?,
        rate: rate?,
        day_count: day_count?,
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
        product,
        overrides,
        final_payment_amount,
    };
    cross_check(r, &loan);
    r.is_clean().then_some(loan)
}

/// The row's fields against each other: the dates, the balances and the schedule, in that
/// order, each problem reported against its field.
fn cross_check(r: &mut RowReader<'_>, l: &BoardedLoan) {
    check_dates(r, l);
    check_balances(r, l);
    check_schedule(r, l);
}

/// The birth date, first payment date and balances date against the disbursement date.
fn check_dates(r: &mut RowReader<'_>, l: &BoardedLoan) {
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
}

/// The current principal is at most the original amount, and there is a balance to service.
fn check_balances(r: &mut RowReader<'_>, l: &BoardedLoan) {
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
}

/// The next due date falls on the loan's due day within the schedule, and the paid-to date
/// before it.
fn check_schedule(r: &mut RowReader<'_>, l: &BoardedLoan) {
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
