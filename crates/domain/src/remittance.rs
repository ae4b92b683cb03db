//! Money by mail and bank bill pay: which loan an item names, whether it may post, and which
//! loans staff might mean when it names none (docs/remittance.md, "Matching order").
//!
//! An item (a check from the lockbox, a bill-pay credit) is never posted to a guessed loan: a
//! mistyped digit must not pay a stranger's loan. What does not match exactly goes to the
//! exception queue with an [`ExceptionReason`], and [`suggest`] only helps staff choose.

use crate::account_number::AccountNumber;
use crate::loan::LoanStatus;
use crate::search::name_words;
use crate::vocabulary::vocabulary;
use money::Money;

#[cfg(test)]
mod tests;

/// Digits in an account number.
const ACCOUNT_DIGITS: usize = 16;

/// Digits in the scan line's amount field (cents, right-aligned in 10 characters).
const AMOUNT_DIGITS: usize = 10;

/// The least an amount may exceed the payoff by before it is held as far above it.
pub const FAR_ABOVE_FLOOR: Money = Money::from_dollars(100);

/// The share of the payoff, in percent, an amount may exceed it by before it is held.
pub const FAR_ABOVE_PERCENT: i64 = 10;

/// The most a payoff check may be short of the payoff and still post (the loan keeps the
/// shortfall, which the day's report lists).
pub const SHORT_OF_PAYOFF_LIMIT: Money = Money::from_cents(500);

/// The most suggestions [`suggest`] gives.
pub const MAX_SUGGESTIONS: usize = 5;

/// Points for each name word a payer and a borrower share.
const NAME_WORD_POINTS: u32 = 10;

/// Points for an amount equal to the amount due or the payoff: an exact amount to the cent is
/// better evidence than a shared surname, so one shared word with the right amount (25) ranks
/// above a whole name with another amount (20).
const AMOUNT_POINTS: u32 = 15;

/// What the statement coupon's scan line carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScanLine {
    /// The loan's account number (its check digit verified).
    pub account: AccountNumber,
    /// The amount due printed on the coupon.
    pub amount_due: Money,
}

/// Reads a coupon's scan line: the 16-digit account number, spaces, and the amount due in
/// cents (up to 10 digits), as `documents::statement` prints it (`4000123412341234       51023`).
/// Any number of spaces may separate and surround the two fields. `None` when the text is not
/// exactly that, or the account number fails its check digit.
pub fn scan_line(text: &str) -> Option<ScanLine> {
    let mut fields = text.split_whitespace();
    let (account, amount) = (fields.next()?, fields.next()?);
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if fields.next().is_some()
        || account.len() != ACCOUNT_DIGITS
        || !all_digits(account)
        || amount.len() > AMOUNT_DIGITS
        || !all_digits(amount)
    {
        return None;
    }
    let account = AccountNumber::parse(account).ok()?;
    // At most 10 ASCII digits: always fits in an i64.
    let cents: i64 = amount.parse().ok()?;
    Some(ScanLine {
        account,
        amount_due: Money::from_cents(cents),
    })
}

/// How an item names its loan, in the documented matching order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Identified {
    /// A coupon's scan line (the best evidence: printed by us, read by machine).
    Coupon(ScanLine),
    /// A valid account number written by the payer (memo line, bill-pay identification).
    Memo(AccountNumber),
    /// Sixteen digits that fail the check digit: a digit is mistyped. Never guessed.
    Mistyped {
        /// The last four digits as written, for staff to look the loan up.
        last4: String,
    },
    /// More than one different valid account number: staff choose.
    Several(Vec<AccountNumber>),
    /// No account number at all.
    Nothing,
}

/// Which loan an item's texts (coupon scan line, memo, overflow text, bill-pay
/// identification) name, in this order:
///
/// 1. a coupon scan line in any text ([`scan_line`]); coupons of different loans are
///    [`Identified::Several`];
/// 2. otherwise 16 digits written together, or in groups joined by single spaces or dashes
///    (`4000 1234 1234 1234`, `4000-1234-1234-1234`), anywhere in any text, that pass the check
///    digit: one account is [`Identified::Memo`], different ones [`Identified::Several`];
/// 3. otherwise 16 such digits that fail it: [`Identified::Mistyped`];
/// 4. otherwise [`Identified::Nothing`].
///
/// A longer run of digits is not an account number (17 digits in a row are something else).
pub fn identify(texts: &[String]) -> Identified {
    let mut coupons: Vec<ScanLine> = Vec::new();
    for coupon in texts.iter().filter_map(|t| scan_line(t)) {
        if !coupons.iter().any(|c| c.account == coupon.account) {
            coupons.push(coupon);
        }
    }
    match coupons.as_slice() {
        [] => {}
        [one] => return Identified::Coupon(*one),
        several => return Identified::Several(several.iter().map(|c| c.account).collect()),
    }

    let mut valid: Vec<AccountNumber> = Vec::new();
    let mut mistyped: Option<String> = None;
    for text in texts {
        for run in digit_runs(text) {
            for digits in sixteen_digit_windows(&run) {
                match AccountNumber::parse(&digits) {
                    Ok(account) => {
                        if !valid.contains(&account) {
                            valid.push(account);
                        }
                    }
                    Err(_) => {
                        if mistyped.is_none() {
                            mistyped = digits.get(ACCOUNT_DIGITS - 4..).map(str::to_owned);
                        }
                    }
                }
            }
        }
    }
    if valid.len() > 1 {
        return Identified::Several(valid);
    }
    match (valid.first(), mistyped) {
        (Some(one), _) => Identified::Memo(*one),
        (None, Some(last4)) => Identified::Mistyped { last4 },
        (None, None) => Identified::Nothing,
    }
}

/// The runs of ASCII digits in `text`, each as its groups: a single space or dash between two
/// digits joins groups into one run; anything else (letters, two spaces, a dot) ends a run.
fn digit_runs(text: &str) -> Vec<Vec<&str>> {
    let bytes = text.as_bytes();
    let mut runs: Vec<Vec<&str>> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut group_start: Option<usize> = None;
    let mut after_digit = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_digit() {
            if group_start.is_none() {
                group_start = Some(i);
            }
            after_digit = true;
            continue;
        }
        // Group bounds sit next to ASCII bytes, so they are character boundaries.
        if let Some(start) = group_start.take() {
            run.extend(text.get(start..i));
        }
        let joins = after_digit
            && matches!(b, b' ' | b'-')
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        if !joins && !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
        after_digit = false;
    }
    if let Some(start) = group_start {
        run.extend(text.get(start..));
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs
}

/// Every sequence of whole, neighbouring groups of a run that holds exactly 16 digits, joined.
/// Groups are never split, so a run of 17 digits in a row gives none; grouped digits followed
/// by another number (`4000 1234 1234 1234 510`) still give the account.
fn sixteen_digit_windows(groups: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for start in 0..groups.len() {
        let mut digits = String::with_capacity(ACCOUNT_DIGITS);
        for group in groups.iter().skip(start) {
            digits.push_str(group);
            if digits.len() >= ACCOUNT_DIGITS {
                break;
            }
        }
        if digits.len() == ACCOUNT_DIGITS {
            found.push(digits);
        }
    }
    found
}

/// What the matcher needs to know about the loan an item names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoanFacts {
    /// Active, paid off or charged off.
    pub status: LoanStatus,
    /// What pays the loan off today.
    pub payoff: Money,
    /// A stop staff placed on mailed payments to the loan, with its reason.
    pub stop: Option<String>,
}

vocabulary! {
    /// Why an item waits in the exception queue instead of posting. Stored as text.
    pub enum ExceptionReason {
        /// No account number on the item.
        NoMatch = "no_match",
        /// More than one loan named.
        SeveralMatches = "several_matches",
        /// An account number that fails its check digit.
        MistypedAccount = "mistyped_account",
        /// A valid account number that no loan has.
        UnknownAccount = "unknown_account",
        /// The loan is paid off.
        PaidOff = "paid_off",
        /// The loan is charged off.
        ChargedOff = "charged_off",
        /// The amount is far above the payoff.
        FarAbovePayoff = "far_above_payoff",
        /// The item was already received.
        Duplicate = "duplicate",
        /// Staff placed a stop on the loan.
        Stop = "stop",
    }
}

impl ExceptionReason {
    /// The reason as a sentence for the staff working the queue.
    pub const fn describe(self) -> &'static str {
        match self {
            ExceptionReason::NoMatch => {
                "No account number was found on the coupon, the memo line or the bill-pay record."
            }
            ExceptionReason::SeveralMatches => {
                "The item names more than one loan; choose the one it pays."
            }
            ExceptionReason::MistypedAccount => {
                "The account number written fails its check digit: a digit is probably mistyped."
            }
            ExceptionReason::UnknownAccount => "The account number is valid, but no loan has it.",
            ExceptionReason::PaidOff => {
                "The loan is paid off: return the money or apply it to the payer's other loan."
            }
            ExceptionReason::ChargedOff => {
                "The loan is charged off: a payment now is a recovery, applied by a person."
            }
            ExceptionReason::FarAbovePayoff => {
                "The amount is far above what pays the loan off: it may be meant for another loan."
            }
            ExceptionReason::Duplicate => {
                "This item was already received: it may be the same payment twice."
            }
            ExceptionReason::Stop => "Staff placed a stop on mailed payments to this loan.",
        }
    }
}

/// How far above the payoff an amount may be and still post: the larger of $100 and 10% of
/// the payoff's whole dollars. Paying a little over is ordinary (the payoff grows by a day's interest while the
/// check is in the mail, a borrower rounds up) and the excess is refunded from unapplied funds;
/// paying far over more likely means the check was meant for another loan or its amount was
/// misread, and posting it would pay off the wrong loan. The $100 floor keeps small balances
/// from holding every rounded-up check; the 10% scales with the loan, so a large payoff
/// rounded up by a few hundred dollars still posts.
pub fn far_above_margin(payoff: Money) -> Money {
    Money::from_cents(payoff.cents().max(0) / 100 * FAR_ABOVE_PERCENT).max(FAR_ABOVE_FLOOR)
}

/// Whether an item for a loan named exactly may post, or why it waits for staff. Checked in
/// this order: a stop (someone's explicit instruction, so the most specific reason), a paid-off
/// or charged-off loan, then an amount more than [`far_above_margin`] above the payoff. A
/// payoff check a few cents short posts (see [`short_of_payoff`]). Duplicates, and items that
/// name no loan, are the caller's to find.
pub fn decide(amount: Money, loan: &LoanFacts) -> Result<(), ExceptionReason> {
    if loan.stop.is_some() {
        return Err(ExceptionReason::Stop);
    }
    match loan.status {
        LoanStatus::PaidOff => return Err(ExceptionReason::PaidOff),
        LoanStatus::ChargedOff => return Err(ExceptionReason::ChargedOff),
        LoanStatus::Active => {}
    }
    // No limit fits in cents beyond i64: then nothing is above it.
    let limit = loan.payoff.checked_add(far_above_margin(loan.payoff));
    if limit.is_some_and(|limit| amount > limit) {
        return Err(ExceptionReason::FarAbovePayoff);
    }
    Ok(())
}

/// The shortfall when `amount` is short of `payoff` by more than nothing and at most
/// [`SHORT_OF_PAYOFF_LIMIT`]: a payoff check a few cents short (interest of a day the payer
/// did not count) posts, the loan keeps the few cents, and the day's report says so.
pub fn short_of_payoff(amount: Money, payoff: Money) -> Option<Money> {
    let short = payoff.checked_sub(amount)?;
    (short.is_positive() && short <= SHORT_OF_PAYOFF_LIMIT).then_some(short)
}

/// A loan staff might mean, as [`suggest`] weighs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The loan's account number.
    pub account: AccountNumber,
    /// The borrower's name.
    pub name: String,
    /// The amount due now.
    pub amount_due: Money,
    /// What pays the loan off today.
    pub payoff: Money,
}

/// A loan offered to staff for an unmatched item, best first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// The loan's account number.
    pub account: AccountNumber,
    /// Higher is likelier.
    pub score: u32,
    /// Why, for staff: the shared name words and whether the amount matched.
    pub why: String,
}

/// The loans an unmatched item from `payer` for `amount` may be for: only candidates whose
/// borrower shares at least one name word with the payer (folded, in any order; initials do
/// not count), scored by the shared words and an amount equal to the amount due or the payoff;
/// best first, at most [`MAX_SUGGESTIONS`]. Never posted automatically: staff choose.
pub fn suggest(payer: &str, amount: Money, candidates: &[Candidate]) -> Vec<Suggestion> {
    let payer_words: Vec<String> = name_words(payer)
        .into_iter()
        .filter(|w| w.chars().count() > 1)
        .collect();
    let mut found: Vec<Suggestion> = Vec::new();
    for candidate in candidates {
        if found.iter().any(|s| s.account == candidate.account) {
            continue;
        }
        let shared: Vec<String> = name_words(&candidate.name)
            .into_iter()
            .filter(|w| payer_words.contains(w))
            .collect();
        if shared.is_empty() {
            continue;
        }
        let amount_matches = if amount == candidate.amount_due {
            Some("the amount due")
        } else if amount == candidate.payoff {
            Some("the payoff")
        } else {
            None
        };
        let words = u32::try_from(shared.len()).unwrap_or(u32::MAX);
        let amount_points = if amount_matches.is_some() {
            AMOUNT_POINTS
        } else {
            0
        };
        let score = words
            .saturating_mul(NAME_WORD_POINTS)
            .saturating_add(amount_points);
        let noun = if shared.len() == 1 { "word" } else { "words" };
        let names = format!("shares the name {noun} {}", shared.join(", "));
        let why = match amount_matches {
            Some(which) => format!("{names}; {} is {which}", amount.usd()),
            None => names,
        };
        found.push(Suggestion {
            account: candidate.account,
            score,
            why,
        });
    }
    found.sort_by(|a, b| b.score.cmp(&a.score).then(a.account.cmp(&b.account)));
    found.truncate(MAX_SUGGESTIONS);
    found
}
