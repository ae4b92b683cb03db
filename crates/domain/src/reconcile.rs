//! The bank reconciliation: each transaction of the bank's BAI2 prior-day report sorted by its
//! BAI type code into the kind of money Servicer accounts for ([`Category`]), and each kind's
//! bank total set against what Servicer posted for that day ([`reconcile`]). A day reconciles
//! when every difference is zero; one that does not is flagged until staff explain each
//! difference ([`day_state`]), and an explanation holds only for the difference it explained.
//!
//! Invariant: `difference == bank - servicer` on every [`Line`], and the six kinds Servicer
//! books always have a line, so a day with nothing from the bank still shows what Servicer
//! expected.

use crate::calendar::is_business_day;
use crate::vocabulary::vocabulary;
use jiff::civil::Date;
use money::Money;

vocabulary! {
    /// What a bank transaction is to Servicer, by its BAI type code. The schema's CHECK on
    /// `bank_transactions.category` and `bank_day_explanations.category` lists the same set
    /// (`migrations/{sqlite,postgres}/0026_bank_reports.sql`, the refunds' two added by
    /// `0038_bank_refund_categories.sql`).
    pub enum Category {
        /// Checks the bank deposited from the lockbox: the day's lockbox items.
        LockboxDeposit = "lockbox_deposit",
        /// The settlement of the ACH debit file we originated: what borrowers' banks paid.
        AchSettlement = "ach_settlement",
        /// Our ACH debits returned by borrowers' banks, taken back out of our account.
        AchReturn = "ach_return",
        /// Borrowers' bank bill-pay payments arriving as ACH credits.
        IncomingCredit = "incoming_credit",
        /// The settlement of the ACH credits we originated (refunds of credit balances to
        /// borrowers' bank accounts): what the bank takes out of our account to pay them.
        RefundSettlement = "refund_settlement",
        /// Our refund credits returned by borrowers' banks, put back into our account.
        RefundReturn = "refund_return",
        /// Anything else (fees, transfers, wires): Servicer posts none of it, so any of it
        /// leaves a difference for staff to explain.
        Other = "other",
    }
}

impl Category {
    /// The category of a BAI2 detail type code. The codes are the BAI Cash Management Balance
    /// Reporting Specifications, version 2 (2005), type code list:
    /// - 115 "Lockbox Deposit", 116 "Item in Lockbox Deposit", 118 "Lockbox Adjustment
    ///   Credit" (credits): the checks of the lockbox, whether a bank reports the deposit or
    ///   its items;
    /// - 165 "Preauthorized ACH Credit", 166 "ACH Settlement" (credits): the proceeds of the
    ///   debits we originated;
    /// - 555 "Deposited Item Returned", 557 "Individual ACH Return Item", 468 "ACH Return Item
    ///   or Adjustment Settlement" (debits): returned items taken back out of the account
    ///   (not 455 "Preauthorized ACH Debit", a debit someone else drew on us, nor 451 "ACH
    ///   Debit Received");
    /// - 142 "ACH Credit Received", 143 "Item in ACH Deposit" (credits): credits others sent
    ///   us, which is how a borrower's bill pay arrives;
    /// - 466 "ACH Settlement" (debit): the settlement of the credits we originated, our
    ///   refunds. Our file carries them in a batch of their own (service class 220), and the
    ///   bank settles each batch with an offset of its own, so the refunds' debit comes apart
    ///   from the debits' 166 credit, on the same effective date ([`settles_on`]), rather
    ///   than netted into it. (A bank that nets a file into one entry shows on both lines,
    ///   each off by the refunds' total, for staff to explain; ask it for gross settlement.)
    ///   Not 455, nor 469 "Miscellaneous ACH Debit": nothing in them says they are ours;
    /// - 168 "ACH Return Item or Adjustment Settlement", 257 "Individual ACH Return Item"
    ///   (credits): the credit-side twins of 468 and 557, a returned item put back into the
    ///   account, which for us is one of our refund credits sent back (returns of our debits
    ///   are debits; an adjustment of another kind leaves a difference on this line for staff
    ///   to explain). Not 258 "ACH Reversal Credit": a reversal is not a return.
    pub const fn of_type_code(code: u16) -> Category {
        match code {
            115 | 116 | 118 => Category::LockboxDeposit,
            165 | 166 => Category::AchSettlement,
            468 | 555 | 557 => Category::AchReturn,
            142 | 143 => Category::IncomingCredit,
            466 => Category::RefundSettlement,
            168 | 257 => Category::RefundReturn,
            _ => Category::Other,
        }
    }

    /// The category as staff read it.
    pub const fn label(self) -> &'static str {
        match self {
            Category::LockboxDeposit => "Lockbox deposits",
            Category::AchSettlement => "ACH settlement of our debit files",
            Category::AchReturn => "Returns of our ACH debits",
            Category::IncomingCredit => "Bill-pay ACH credits received",
            Category::RefundSettlement => "ACH settlement of our refund credits",
            Category::RefundReturn => "Returns of our refund credits",
            Category::Other => "Other bank transactions",
        }
    }

    /// Whether Servicer books it: the bank's figure moves cash clearing into cash in bank
    /// (or back, for money that leaves: returns of our debits, our refunds' settlement).
    /// Other transactions are not booked: Servicer cannot know what they pay for, so they
    /// are explained, not guessed.
    pub const fn is_booked(self) -> bool {
        !matches!(self, Category::Other)
    }

    /// Whether its money comes into the account (every kind but the returns of our debits
    /// and the settlement of our refund credits); its bank total is counted in that
    /// direction.
    pub const fn is_money_in(self) -> bool {
        !matches!(self, Category::AchReturn | Category::RefundSettlement)
    }
}

/// A bank transaction's amount in its category's direction: a credit adds to a kind of money
/// coming in and takes from a kind going out; a debit the other way.
pub fn signed(category: Category, credit: bool, amount: Money) -> Money {
    if category.is_money_in() == credit {
        amount
    } else {
        Money::from_cents(amount.cents().saturating_neg())
    }
}

/// One kind of money on one day: the bank's total against Servicer's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    /// The kind.
    pub category: Category,
    /// What the bank reported.
    pub bank: Money,
    /// What Servicer posted.
    pub servicer: Money,
    /// `bank - servicer`.
    pub difference: Money,
}

impl Line {
    /// Whether the bank and Servicer agree.
    pub fn is_reconciled(&self) -> bool {
        self.difference.is_zero()
    }
}

/// The sum of `amounts`, held at the ends of the range rather than overflowing (no real
/// account reaches them; a report does not panic on a file that claims to).
fn total<'a>(amounts: impl Iterator<Item = &'a Money>) -> Money {
    let sum: i128 = amounts.map(|m| i128::from(m.cents())).sum();
    clamp(sum)
}

/// `value` as money, held at the ends of the range.
fn clamp(value: i128) -> Money {
    let held = value.clamp(i128::from(i64::MIN), i128::from(i64::MAX));
    Money::from_cents(i64::try_from(held).unwrap_or_default())
}

/// Each category's bank total (`bank`: amounts already [`signed`]) against Servicer's: a line
/// for each kind Servicer books, in [`Category::ALL`]'s order, and one for other transactions
/// when there are any.
pub fn reconcile(bank: &[(Category, Money)], servicer: &[(Category, Money)]) -> Vec<Line> {
    Category::ALL
        .iter()
        .filter(|c| {
            c.is_booked()
                || bank.iter().any(|(b, _)| b == *c)
                || servicer.iter().any(|(s, _)| s == *c)
        })
        .map(|c| {
            let bank = total(bank.iter().filter(|(b, _)| b == c).map(|(_, m)| m));
            let servicer = total(servicer.iter().filter(|(s, _)| s == c).map(|(_, m)| m));
            Line {
                category: *c,
                bank,
                servicer,
                difference: clamp(i128::from(bank.cents()) - i128::from(servicer.cents())),
            }
        })
        .collect()
}

/// Whether every line agrees.
pub fn is_reconciled(lines: &[Line]) -> bool {
    lines.iter().all(Line::is_reconciled)
}

/// Where a day stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DayState {
    /// The bank's report came and every kind agrees.
    Reconciled,
    /// Some kind does not agree, and staff explained each such difference.
    Explained,
    /// Some kind does not agree and its difference is not explained.
    Flagged,
    /// No report from the bank for the day yet (Servicer posted something).
    AwaitingReport,
}

impl DayState {
    /// The stable word (for addresses and CSS).
    pub const fn as_str(self) -> &'static str {
        match self {
            DayState::Reconciled => "reconciled",
            DayState::Explained => "explained",
            DayState::Flagged => "flagged",
            DayState::AwaitingReport => "awaiting_report",
        }
    }

    /// As staff read it.
    pub const fn label(self) -> &'static str {
        match self {
            DayState::Reconciled => "Reconciled",
            DayState::Explained => "Explained",
            DayState::Flagged => "Does not reconcile",
            DayState::AwaitingReport => "No bank report yet",
        }
    }
}

/// Where a day stands: `reported` says whether the bank's report for it came, `explained`
/// whether staff explained a line's difference (as it is now: an explanation of an earlier
/// difference does not cover a new one).
pub fn day_state(reported: bool, lines: &[Line], explained: impl Fn(&Line) -> bool) -> DayState {
    if !reported {
        DayState::AwaitingReport
    } else if is_reconciled(lines) {
        DayState::Reconciled
    } else if lines.iter().filter(|l| !l.is_reconciled()).all(explained) {
        DayState::Explained
    } else {
        DayState::Flagged
    }
}

/// The day the ACH file originated on `file_date` settles: the file carries the effective
/// date of the next business day (see `app::payments::ach::originate`), and that day the bank
/// credits our account with its debits' proceeds and debits it for its refund credits. None
/// past the end of the calendar.
pub fn settles_on(file_date: Date) -> Option<Date> {
    let mut d = file_date.tomorrow().ok()?;
    while !is_business_day(d) {
        d = d.tomorrow().ok()?;
    }
    Some(d)
}

/// No file made more than this many days before a day settles on it: no run of days without
/// a business day is as long (a weekend with a holiday on either side is four).
pub const SETTLEMENT_LOOKBACK_DAYS: i64 = 10;

/// The day the file made on `file_date` settles ([`settles_on`]), when that is from `from` to
/// `to` (inclusive): the days whose bank report shows its debits' proceeds and its refund
/// credits' settlement.
pub fn settling(file_date: Date, from: Date, to: Date) -> Option<Date> {
    settles_on(file_date).filter(|d| from <= *d && *d <= to)
}

/// The earliest day a file settling on `from` or later can have been made:
/// [`SETTLEMENT_LOOKBACK_DAYS`] before it (`from` itself at the start of the calendar).
pub fn settlement_lookback(from: Date) -> Date {
    from.checked_sub(jiff::Span::new().days(SETTLEMENT_LOOKBACK_DAYS))
        .unwrap_or(from)
}

/// The most characters an explanation holds.
pub const EXPLANATION_MAX_CHARS: usize = 2_000;

/// Why an explanation was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ExplanationError {
    /// Nothing but white space.
    #[error("Write what explains the difference")]
    Empty,
    /// Longer than [`EXPLANATION_MAX_CHARS`].
    #[error("Keep the explanation to {max} characters (it has {chars})")]
    TooLong {
        /// The most allowed.
        max: usize,
        /// How many it has.
        chars: usize,
    },
}

/// An explanation as it is kept: trimmed, line breaks as `\n`, other control characters
/// dropped; 1 to [`EXPLANATION_MAX_CHARS`] characters.
pub fn explanation(text: &str) -> Result<String, ExplanationError> {
    let kept: String = text
        .replace("\r\n", "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect();
    let kept = kept.trim();
    if kept.is_empty() {
        return Err(ExplanationError::Empty);
    }
    let chars = kept.chars().count();
    if chars > EXPLANATION_MAX_CHARS {
        return Err(ExplanationError::TooLong {
            max: EXPLANATION_MAX_CHARS,
            chars,
        });
    }
    Ok(kept.to_owned())
}

#[cfg(test)]
mod tests;
