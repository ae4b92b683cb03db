//! Verifying a caller: the questions an agent asks ([`Question`]), how the caller's answers
//! are read ([`Answers::parse`]) and compared with what is on file ([`check`]), how many
//! attempts an agent has ([`retry_at`]) and how long a pass lasts ([`PASS_LASTS_US`]); and the
//! reason staff give to see a full identity fact or unlock a sign-in ([`staff_reason`]).
//!
//! Invariants: the right values never leave this check (its answer is pass or fail, never
//! which answer was wrong); every answer given is compared, in time that does not depend on
//! where the first difference is; a question whose fact is not on file fails (closed). The
//! ZIP code and the last payment are printed on every statement, so they never verify a
//! caller on their own: at least one of the date of birth and the SSN's last four is asked.

use crate::loan::{Transaction, TxnKind};
use jiff::civil::Date;
use money::Money;

/// A question the agent may ask the caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Question {
    /// The date of birth.
    DateOfBirth,
    /// The ZIP code on file.
    Zip,
    /// The last four digits of the Social Security number.
    SsnLast4,
    /// The amount of the last payment made.
    LastPayment,
}

impl Question {
    /// Every question, in the order the form asks them.
    pub const ALL: [Question; 4] = [
        Question::DateOfBirth,
        Question::Zip,
        Question::SsnLast4,
        Question::LastPayment,
    ];

    /// Its name in forms, the API and the audit log.
    pub const fn as_str(self) -> &'static str {
        match self {
            Question::DateOfBirth => "date_of_birth",
            Question::Zip => "zip",
            Question::SsnLast4 => "ssn_last4",
            Question::LastPayment => "last_payment",
        }
    }

    /// The question as the agent reads it.
    pub const fn label(self) -> &'static str {
        match self {
            Question::DateOfBirth => "Date of birth",
            Question::Zip => "ZIP code",
            Question::SsnLast4 => "Last 4 of the SSN",
            Question::LastPayment => "Amount of the last payment",
        }
    }

    /// Printed on the borrower's statements (and so known to whoever holds one): such an
    /// answer never verifies a caller without a private one.
    pub const fn is_on_statements(self) -> bool {
        matches!(self, Question::Zip | Question::LastPayment)
    }
}

/// The fewest questions answered for a check.
pub const MIN_ANSWERS: usize = 2;
/// A pass lasts this long, for the agent who got it and that borrower.
pub const PASS_LASTS_US: i64 = 15 * 60 * 1_000_000;
/// Failed attempts are counted over this window, per borrower, whichever agents made them (a
/// caller who rings back and reaches another agent gets no fresh tries).
pub const FAILURE_WINDOW_US: i64 = 15 * 60 * 1_000_000;
/// Failed attempts in the window after which the agent must wait.
pub const MAX_FAILURES: usize = 3;

/// The answers as the agent typed them; a blank one was not asked.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct TypedAnswers {
    /// MM/DD/YYYY or YYYY-MM-DD.
    pub date_of_birth: String,
    /// Five digits (ZIP+4 allowed).
    pub zip: String,
    /// Four digits.
    pub ssn_last4: String,
    /// Dollars and cents ("125.50"; a `$` and thousands commas allowed).
    pub last_payment: String,
}

impl std::fmt::Debug for TypedAnswers {
    // What a caller said about themselves stays out of logs.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TypedAnswers(…)")
    }
}

/// Why the answers cannot be checked as typed. Nothing was counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    /// The date of birth is not a date from 1900 on.
    #[error("Enter the date of birth as MM/DD/YYYY, like 07/04/1980")]
    DateOfBirthShape,
    /// The ZIP code is not five digits (or ZIP+4).
    #[error("Enter a 5-digit ZIP code, like 62704")]
    ZipShape,
    /// Not four digits.
    #[error("Enter the last 4 digits of the Social Security number")]
    SsnLast4Shape,
    /// Not an amount greater than zero.
    #[error("Enter the amount of the last payment in dollars and cents, like 125.50")]
    LastPaymentShape,
    /// Fewer than [`MIN_ANSWERS`] answers.
    #[error("Ask the caller at least two of the questions")]
    TooFew,
    /// Only answers printed on statements.
    #[error(
        "Ask the date of birth or the last 4 of the SSN as well: the ZIP code and the last payment are printed on statements"
    )]
    NeedsPrivateFact,
}

impl AnswerError {
    /// The question the refusal is about, when it is about one.
    pub const fn question(self) -> Option<Question> {
        match self {
            AnswerError::DateOfBirthShape => Some(Question::DateOfBirth),
            AnswerError::ZipShape => Some(Question::Zip),
            AnswerError::SsnLast4Shape => Some(Question::SsnLast4),
            AnswerError::LastPaymentShape => Some(Question::LastPayment),
            AnswerError::TooFew | AnswerError::NeedsPrivateFact => None,
        }
    }
}

/// The answers read: each `None` when not asked.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Answers {
    date_of_birth: Option<Date>,
    zip: Option<String>,
    ssn_last4: Option<String>,
    last_payment: Option<Money>,
}

impl std::fmt::Debug for Answers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Answers({:?})", self.asked())
    }
}

impl Answers {
    /// Reads the typed answers, each in the form order (the first malformed one is refused),
    /// then checks there are enough, and a private one among them.
    pub fn parse(typed: &TypedAnswers) -> Result<Answers, AnswerError> {
        let given = |t: &str| Some(t.trim()).filter(|t| !t.is_empty()).map(str::to_owned);
        let answers = Answers {
            date_of_birth: given(&typed.date_of_birth)
                .map(|t| parse_date_of_birth(&t))
                .transpose()?,
            zip: given(&typed.zip).map(|t| parse_zip(&t)).transpose()?,
            ssn_last4: given(&typed.ssn_last4)
                .map(|t| parse_ssn_last4(&t))
                .transpose()?,
            last_payment: given(&typed.last_payment)
                .map(|t| parse_payment(&t))
                .transpose()?,
        };
        let asked = answers.asked();
        if asked.len() < MIN_ANSWERS {
            return Err(AnswerError::TooFew);
        }
        if asked.iter().all(|q| q.is_on_statements()) {
            return Err(AnswerError::NeedsPrivateFact);
        }
        Ok(answers)
    }

    /// The questions answered, in the form's order.
    pub fn asked(&self) -> Vec<Question> {
        let mut out = Vec::new();
        if self.date_of_birth.is_some() {
            out.push(Question::DateOfBirth);
        }
        if self.zip.is_some() {
            out.push(Question::Zip);
        }
        if self.ssn_last4.is_some() {
            out.push(Question::SsnLast4);
        }
        if self.last_payment.is_some() {
            out.push(Question::LastPayment);
        }
        out
    }
}

/// Every answer given that does not read, in the form's order, so a form lists them all at
/// once ([`Answers::parse`] refuses the first of them); empty when each answer given reads
/// (there may still be too few, or no private one).
pub fn malformed(typed: &TypedAnswers) -> Vec<AnswerError> {
    let given = |t: &str| Some(t.trim()).filter(|t| !t.is_empty()).map(str::to_owned);
    [
        given(&typed.date_of_birth).and_then(|t| parse_date_of_birth(&t).err()),
        given(&typed.zip).and_then(|t| parse_zip(&t).err()),
        given(&typed.ssn_last4).and_then(|t| parse_ssn_last4(&t).err()),
        given(&typed.last_payment).and_then(|t| parse_payment(&t).err()),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// What is on file, as the app opened it for the check (never shown to anyone).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// The date of birth, when on file.
    pub date_of_birth: Option<Date>,
    /// The ZIP code on file (its first five digits are compared).
    pub zip: Option<String>,
    /// The SSN's nine digits, when on file.
    pub ssn: Option<String>,
    /// The payments the caller may name as their last ([`last_payments`]); empty when none
    /// was ever made.
    pub last_payments: Vec<Money>,
}

impl std::fmt::Debug for Facts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Facts(…)")
    }
}

/// The answer of a check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Every answer given matches what is on file.
    Pass,
    /// At least one does not, or its fact is not on file (the check does not say which).
    Fail,
}

/// Compares every answer given with what is on file. Each comparison is of fixed-width
/// encodings in constant time, and all of them are made (no early return), so neither the
/// answer's time nor its words tell which answer was wrong.
pub fn check(answers: &Answers, facts: &Facts) -> Outcome {
    let mut all = true;
    if let Some(asked) = answers.date_of_birth {
        let on_file = facts.date_of_birth.map(date_bytes);
        all &= same_opt(&date_bytes(asked), on_file.as_deref());
    }
    if let Some(asked) = &answers.zip {
        let on_file = facts.zip.as_deref().and_then(zip5);
        all &= same_opt(asked.as_bytes(), on_file.as_ref().map(|z| z.as_bytes()));
    }
    if let Some(asked) = &answers.ssn_last4 {
        let on_file = facts
            .ssn
            .as_deref()
            .filter(|s| s.len() == 9)
            .and_then(|s| s.get(5..));
        all &= same_opt(asked.as_bytes(), on_file.map(str::as_bytes));
    }
    if let Some(asked) = answers.last_payment {
        let mut any = false;
        for paid in &facts.last_payments {
            any |= same(&asked.cents().to_be_bytes(), &paid.cents().to_be_bytes());
        }
        all &= any;
    }
    if all { Outcome::Pass } else { Outcome::Fail }
}

/// Equal bytes, compared in time that depends only on the lengths (every byte is looked at).
pub fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut diff = 0_u8;
    for (x, y) in a.iter().zip(b) {
        diff |= x ^ y;
    }
    diff == 0
}

/// [`same`] against a fact that may be missing: a missing fact fails, after a comparison of
/// the same length (so a missing fact takes as long as a wrong answer).
fn same_opt(asked: &[u8], on_file: Option<&[u8]>) -> bool {
    match on_file {
        Some(f) => same(asked, f),
        None => {
            let _ = same(asked, asked);
            false
        }
    }
}

fn date_bytes(d: Date) -> Vec<u8> {
    format!("{:04}{:02}{:02}", d.year(), d.month(), d.day()).into_bytes()
}

/// The first five digits of a ZIP on file ("62704-1234" → "62704").
fn zip5(zip: &str) -> Option<String> {
    let digits: String = zip.chars().filter(char::is_ascii_digit).take(5).collect();
    (digits.len() == 5).then_some(digits)
}

fn parse_date_of_birth(text: &str) -> Result<Date, AnswerError> {
    let bad = || AnswerError::DateOfBirthShape;
    let date = match text.split('/').collect::<Vec<_>>().as_slice() {
        [m, d, y] => {
            let (y, m, d) = (y.parse::<i16>(), m.parse::<i8>(), d.parse::<i8>());
            match (y, m, d) {
                (Ok(y), Ok(m), Ok(d)) => Date::new(y, m, d).map_err(|_| bad())?,
                _ => return Err(bad()),
            }
        }
        _ => text.parse::<Date>().map_err(|_| bad())?,
    };
    if date.year() < 1900 {
        return Err(bad());
    }
    Ok(date)
}

fn parse_zip(text: &str) -> Result<String, AnswerError> {
    let digits: String = text.chars().filter(|c| *c != '-' && *c != ' ').collect();
    if !(digits.len() == 5 || digits.len() == 9) || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(AnswerError::ZipShape);
    }
    Ok(digits[..5].to_owned())
}

fn parse_ssn_last4(text: &str) -> Result<String, AnswerError> {
    if text.len() != 4 || !text.chars().all(|c| c.is_ascii_digit()) {
        return Err(AnswerError::SsnLast4Shape);
    }
    Ok(text.to_owned())
}

fn parse_payment(text: &str) -> Result<Money, AnswerError> {
    let plain: String = text
        .trim_start_matches('$')
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    match Money::parse(&plain) {
        Ok(m) if m.is_positive() => Ok(m),
        _ => Err(AnswerError::LastPaymentShape),
    }
}

/// The payments of a loan's history that stand (a returned or reversed payment paid nothing,
/// so it is nobody's last payment): their dates and amounts.
pub fn payments_made(history: &[Transaction]) -> Vec<(Date, Money)> {
    history
        .iter()
        .filter_map(|t| match t.kind {
            TxnKind::Payment { amount, .. } => {
                let reversed = history
                    .iter()
                    .any(|r| matches!(r.kind, TxnKind::Reversal { of, .. } if of == t.id));
                (!reversed).then_some((t.date, amount))
            }
            _ => None,
        })
        .collect()
}

/// The amounts a caller may name as their last payment: every payment credited on the latest
/// date any was (a borrower who paid two loans that day may name either).
pub fn last_payments(payments: &[(Date, Money)]) -> Vec<Money> {
    let Some(latest) = payments.iter().map(|(d, _)| *d).max() else {
        return Vec::new();
    };
    payments
        .iter()
        .filter(|(d, _)| *d == latest)
        .map(|(_, m)| *m)
        .collect()
}

/// When the agent may try again: `None` while fewer than [`MAX_FAILURES`] of their failed
/// attempts (`failures_us`, for this borrower) fall in the [`FAILURE_WINDOW_US`] before
/// `now_us`; otherwise the moment the oldest of those leaves the window.
pub fn retry_at(failures_us: &[i64], now_us: i64) -> Option<i64> {
    let mut recent: Vec<i64> = failures_us
        .iter()
        .copied()
        .filter(|at| *at > now_us - FAILURE_WINDOW_US && *at <= now_us)
        .collect();
    if recent.len() < MAX_FAILURES {
        return None;
    }
    recent.sort_unstable();
    // The attempts that must leave the window before fewer than MAX_FAILURES remain.
    let must_leave = recent.len() + 1 - MAX_FAILURES;
    recent.get(must_leave - 1).map(|at| at + FAILURE_WINDOW_US)
}

/// The failed attempts left in the window after `failures` of them (this one included).
pub fn attempts_left(failures: usize) -> usize {
    MAX_FAILURES.saturating_sub(failures)
}

/// The most characters a staff reason holds.
pub const REASON_MAX_CHARS: usize = 500;
/// The fewest: a reason says why, which takes a few words.
pub const REASON_MIN_CHARS: usize = 10;

/// Why a staff reason was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ReasonError {
    /// Fewer than [`REASON_MIN_CHARS`] or more than [`REASON_MAX_CHARS`] characters.
    #[error("Give a reason of {min} to {max} characters")]
    Length {
        /// The fewest.
        min: usize,
        /// The most.
        max: usize,
    },
}

/// The reason staff give for seeing a full identity fact or unlocking a sign-in, as recorded
/// in the audit log: trimmed, control characters dropped, 10 to 500 characters.
pub fn staff_reason(text: &str) -> Result<String, ReasonError> {
    let kept: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let kept = kept.trim();
    let chars = kept.chars().count();
    if !(REASON_MIN_CHARS..=REASON_MAX_CHARS).contains(&chars) {
        return Err(ReasonError::Length {
            min: REASON_MIN_CHARS,
            max: REASON_MAX_CHARS,
        });
    }
    Ok(kept.to_owned())
}

/// An SSN as people write it ("512-44-6789"), from its nine digits.
pub fn format_ssn(digits: &str) -> String {
    match (digits.get(..3), digits.get(3..5), digits.get(5..)) {
        (Some(a), Some(b), Some(c)) if digits.len() == 9 => format!("{a}-{b}-{c}"),
        _ => digits.to_owned(),
    }
}

/// An SSN masked to its last four ("***-**-6789").
pub fn mask_ssn(digits: &str) -> String {
    match digits.get(5..).filter(|_| digits.len() == 9) {
        Some(last4) => format!("***-**-{last4}"),
        None => "***-**-****".to_owned(),
    }
}

/// A date of birth masked to its year ("**/**/1985").
pub fn mask_date_of_birth(d: Date) -> String {
    format!("**/**/{:04}", d.year())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loan::{ExtraTo, TxnId};
    use jiff::civil::date;

    fn typed(dob: &str, zip: &str, ssn: &str, paid: &str) -> TypedAnswers {
        TypedAnswers {
            date_of_birth: dob.into(),
            zip: zip.into(),
            ssn_last4: ssn.into(),
            last_payment: paid.into(),
        }
    }

    fn maria() -> Facts {
        Facts {
            date_of_birth: Some(date(1985, 4, 12)),
            zip: Some("62704".into()),
            ssn: Some("512446789".into()),
            last_payments: vec![Money::from_cents(24_284)],
        }
    }

    fn outcome(t: TypedAnswers) -> Outcome {
        check(&Answers::parse(&t).unwrap(), &maria())
    }

    #[test]
    fn right_answers_pass_in_any_accepted_form() {
        for t in [
            typed("04/12/1985", "62704", "", ""),
            typed("1985-04-12", "", "6789", ""),
            typed("4/12/1985", "62704-1234", "6789", "$242.84"),
            typed("", "", " 6789 ", "242.84"),
        ] {
            assert_eq!(outcome(t), Outcome::Pass);
        }
    }

    #[test]
    fn one_wrong_answer_fails_whichever_it_is() {
        for t in [
            typed("04/13/1985", "62704", "", ""),
            typed("04/12/1985", "62705", "", ""),
            typed("", "62704", "6788", ""),
            typed("", "", "6789", "242.85"),
            typed("04/12/1985", "62704", "6789", "1.00"),
        ] {
            assert_eq!(outcome(t), Outcome::Fail);
        }
    }

    #[test]
    fn a_fact_not_on_file_fails_closed() {
        let answers = Answers::parse(&typed("04/12/1985", "", "6789", "")).unwrap();
        let unknown = Facts {
            ssn: None,
            ..maria()
        };
        assert_eq!(check(&answers, &unknown), Outcome::Fail);
        let never_paid = Facts {
            last_payments: Vec::new(),
            ..maria()
        };
        let with_payment = Answers::parse(&typed("", "", "6789", "242.84")).unwrap();
        assert_eq!(check(&with_payment, &never_paid), Outcome::Fail);
        let no_dob = Facts {
            date_of_birth: None,
            ..maria()
        };
        assert_eq!(check(&answers, &no_dob), Outcome::Fail);
    }

    #[test]
    fn two_answers_are_needed_and_one_of_them_private() {
        assert_eq!(
            Answers::parse(&typed("04/12/1985", "", "", "")),
            Err(AnswerError::TooFew)
        );
        assert_eq!(
            Answers::parse(&typed("", "", "", "")),
            Err(AnswerError::TooFew)
        );
        assert_eq!(
            Answers::parse(&typed("", "62704", "", "242.84")),
            Err(AnswerError::NeedsPrivateFact)
        );
    }

    #[test]
    fn every_malformed_answer_is_named_in_the_forms_order() {
        assert_eq!(
            malformed(&typed("13/45/1985", "6270", "", "12.345")),
            vec![
                AnswerError::DateOfBirthShape,
                AnswerError::ZipShape,
                AnswerError::LastPaymentShape
            ]
        );
        // The first is the one `parse` refuses; answers that read, or too few, are none.
        assert_eq!(
            Answers::parse(&typed("13/45/1985", "6270", "", "12.345")),
            Err(AnswerError::DateOfBirthShape)
        );
        assert!(malformed(&typed("04/12/1985", "62704", "", "")).is_empty());
        assert!(malformed(&typed("04/12/1985", "", "", "")).is_empty());
    }

    #[test]
    fn malformed_answers_are_refused_with_their_question() {
        for (t, e) in [
            (
                typed("13/45/1985", "62704", "", ""),
                AnswerError::DateOfBirthShape,
            ),
            (
                typed("04/12/1885", "62704", "", ""),
                AnswerError::DateOfBirthShape,
            ),
            (typed("04/12/1985", "6270", "", ""), AnswerError::ZipShape),
            (
                typed("04/12/1985", "", "67a9", ""),
                AnswerError::SsnLast4Shape,
            ),
            (
                typed("04/12/1985", "", "67890", ""),
                AnswerError::SsnLast4Shape,
            ),
            (
                typed("04/12/1985", "", "", "-5"),
                AnswerError::LastPaymentShape,
            ),
            (
                typed("04/12/1985", "", "", "12.345"),
                AnswerError::LastPaymentShape,
            ),
        ] {
            assert_eq!(Answers::parse(&t), Err(e));
            assert!(e.question().is_some());
        }
    }

    #[test]
    fn nothing_a_caller_said_reaches_a_debug_print() {
        let t = typed("04/12/1985", "62704", "6789", "242.84");
        let a = Answers::parse(&t).unwrap();
        for shown in [format!("{t:?}"), format!("{a:?}"), format!("{:?}", maria())] {
            for secret in ["1985", "62704", "6789", "242"] {
                assert!(!shown.contains(secret), "{shown}");
            }
        }
    }

    #[test]
    fn bytes_compare_equal_only_when_equal() {
        assert!(same(b"6789", b"6789"));
        assert!(!same(b"6789", b"6788"));
        assert!(!same(b"6789", b"678"));
        assert!(same(b"", b""));
    }

    #[test]
    fn the_last_payment_is_the_latest_that_stands() {
        let pay = |id, d, c| Transaction {
            id: TxnId(id),
            date: d,
            kind: TxnKind::Payment {
                amount: Money::from_cents(c),
                extra: ExtraTo::Principal,
            },
        };
        let history = [
            pay(1, date(2026, 9, 1), 24_284),
            pay(2, date(2026, 10, 1), 24_284),
            pay(3, date(2026, 11, 1), 50_000),
            Transaction {
                id: TxnId(4),
                date: date(2026, 11, 5),
                kind: TxnKind::Reversal {
                    of: TxnId(3),
                    insufficient_funds: true,
                },
            },
        ];
        let made = payments_made(&history);
        assert_eq!(made.len(), 2, "the returned one paid nothing");
        assert_eq!(last_payments(&made), [Money::from_cents(24_284)]);
        let same_day = [
            (date(2026, 11, 1), Money::from_cents(100)),
            (date(2026, 11, 1), Money::from_cents(200)),
            (date(2026, 10, 1), Money::from_cents(300)),
        ];
        assert_eq!(
            last_payments(&same_day),
            [Money::from_cents(100), Money::from_cents(200)]
        );
        assert!(last_payments(&[]).is_empty());
    }

    #[test]
    fn three_failures_in_fifteen_minutes_wait_for_the_oldest_to_leave() {
        let minute = 60 * 1_000_000;
        let now = 100 * minute;
        assert_eq!(retry_at(&[], now), None);
        assert_eq!(retry_at(&[now - minute, now - 2 * minute], now), None);
        let three = [now - 10 * minute, now - 5 * minute, now - minute];
        assert_eq!(retry_at(&three, now), Some(now + 5 * minute));
        let old = [now - 20 * minute, now - 5 * minute, now - minute];
        assert_eq!(retry_at(&old, now), None, "one is outside the window");
        let four = [now - 12 * minute, now - 10 * minute, now - 5 * minute, now];
        assert_eq!(retry_at(&four, now), Some(now + 5 * minute));
        assert_eq!(attempts_left(1), 2);
        assert_eq!(attempts_left(4), 0);
    }

    #[test]
    fn a_reason_is_ten_to_five_hundred_characters() {
        assert_eq!(
            staff_reason("  Borrower disputes the SSN on file  "),
            Ok("Borrower disputes the SSN on file".into())
        );
        let refused = Err(ReasonError::Length {
            min: REASON_MIN_CHARS,
            max: REASON_MAX_CHARS,
        });
        assert_eq!(staff_reason("because"), refused);
        assert_eq!(staff_reason("          "), refused);
        assert_eq!(staff_reason(&"x".repeat(501)), refused);
        assert!(staff_reason(&"x".repeat(500)).is_ok());
    }

    #[test]
    fn identity_facts_are_masked_to_what_staff_may_see() {
        assert_eq!(format_ssn("512446789"), "512-44-6789");
        assert_eq!(mask_ssn("512446789"), "***-**-6789");
        assert_eq!(mask_ssn("12"), "***-**-****");
        assert_eq!(mask_date_of_birth(date(1985, 4, 12)), "**/**/1985");
    }
}
