//! The payoff quote as the loan page words it (the console's read-only copy of the page too):
//! the figure for a date, itemized (principal, interest, each kind of fee owed), what it
//! assumes (the payments it counts, the ones on their way it does not, the interest per day
//! after it), and, when the date asked for could not be used (it has passed, or comes after
//! the loan's last due date), the date used instead and why: never a date silently replaced.

use super::account::{long_date, usd};
use app::portal::LoanDetails;
use domain::payment::PaymentStatus;
use domain::payoff::{PayoffDateChange, PayoffError, PayoffQuote};
use jiff::civil::Date;

/// What an unreadable payoff date is told, beside the field.
pub(crate) const DATE_UNREADABLE: &str = "Enter the payoff date as a date, like December 15, 2026";

/// A payoff quote in words.
pub(crate) struct PayoffWords {
    /// The day it is good for ("December 15, 2026").
    pub(crate) date: String,
    /// What pays the loan off that day.
    pub(crate) total: String,
    /// What it is made of, in order, adding up to the total: principal, interest, and each
    /// kind of fee owed (or "Fees" at $0.00 when none is).
    pub(crate) lines: Vec<(String, String)>,
    /// The interest of each day after it.
    pub(crate) per_diem: String,
    /// The date asked for could not be used: what was done instead, and why.
    pub(crate) changed: Option<String>,
    /// What the figure assumes, a sentence each.
    pub(crate) assumptions: Vec<String>,
}

/// The payoff of loan `d` in words, or why there is none (`bad_date`: the date asked for
/// could not be read).
pub(crate) fn payoff_words(d: &LoanDetails, bad_date: bool) -> Result<PayoffWords, String> {
    if bad_date {
        return Err(DATE_UNREADABLE.to_owned());
    }
    match &d.payoff {
        Ok(q) => Ok(words(d, q)),
        Err(PayoffError::NotActive { .. }) => {
            Err("This loan has nothing left to pay off.".to_owned())
        }
        Err(other) => Err(other.to_string()),
    }
}

fn words(d: &LoanDetails, q: &PayoffQuote) -> PayoffWords {
    // Interest is accrued through the day before: a payment credited on the day pays it.
    let through = q.payoff_date.yesterday().unwrap_or(q.payoff_date);
    let mut lines = vec![
        ("Principal".to_owned(), usd(q.principal)),
        (
            format!("Interest accrued through {}", long_date(through)),
            usd(q.interest),
        ),
    ];
    let fees = q.fees_by_kind.lines();
    if fees.is_empty() {
        lines.push(("Fees".to_owned(), usd(q.fees)));
    } else {
        lines.extend(
            fees.into_iter()
                .map(|(words, amount)| (words.to_owned(), usd(amount))),
        );
    }
    PayoffWords {
        date: long_date(q.payoff_date),
        total: usd(q.total),
        lines,
        per_diem: usd(q.per_diem),
        changed: d
            .payoff_date_change
            .map(|c| changed_words(c, d.business_date)),
        assumptions: assumptions(d, q),
    }
}

/// What was done with a date that could not be used, and why.
fn changed_words(change: PayoffDateChange, today: Date) -> String {
    match change {
        PayoffDateChange::Past { asked } => format!(
            "You asked for the payoff on {}, which has passed, so this is the payoff for today, {}.",
            long_date(asked),
            long_date(today)
        ),
        PayoffDateChange::AfterLastDue { asked, last_due } => format!(
            "You asked for the payoff on {}, which is after your loan's last payment is due, on {}. \
             Everything left is due that day, so this is the payoff for {}; each day after it adds \
             the daily amount below.",
            long_date(asked),
            long_date(last_due),
            long_date(last_due)
        ),
    }
}

/// What the figure assumes: the payments it counts and the ones it does not (scheduled
/// payments and AutoPay drafts on their way, named), what a returned payment would do, the
/// late fees and interest it includes for a day to come, and the daily amount after it.
fn assumptions(d: &LoanDetails, q: &PayoffQuote) -> Vec<String> {
    let (today, on) = (d.business_date, long_date(q.payoff_date));
    let mut out = vec![format!(
        "It counts the payments credited to your loan through {}. If your bank returns one of them, what it paid is owed again and the payoff goes up.",
        long_date(today)
    )];
    let coming: Vec<String> = d
        .payments
        .iter()
        .filter(|p| p.status == PaymentStatus::Scheduled)
        .map(|p| {
            format!(
                "{} for {} (confirmation {})",
                usd(p.amount),
                long_date(p.credit_date),
                p.confirmation
            )
        })
        .collect();
    if coming.is_empty() {
        out.push(format!(
            "It assumes no other payment is made before {on}; one that is lowers what you owe by its amount."
        ));
    } else {
        out.push(format!(
            "It does not count the payments on their way: {}. Each one credited before {on} lowers what you owe by its amount.",
            coming.join("; ")
        ));
    }
    if d.autopay.is_some() {
        out.push(format!(
            "Your AutoPay keeps drafting until the loan is paid off: a draft credited before {on} lowers what you owe by its amount."
        ));
    }
    if q.payoff_date > today {
        out.push(format!(
            "It includes the interest until {on}, and any late fee charged by then on a payment due before it that is not made."
        ));
    }
    out.push(format!(
        "It is good for a payment we receive on {on}. For each day after that, add {} of interest.",
        usd(q.per_diem)
    ));
    out
}
