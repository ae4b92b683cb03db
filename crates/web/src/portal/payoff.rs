//! The payoff quote as the loan page words it (the console's read-only copy of the page too):
//! the figure for a date, itemized (principal, interest, each kind of fee owed), what it
//! assumes (the payments it counts, the ones on their way it does not, the interest per day
//! after it), and, when the date asked for could not be used (it has passed, or comes after
//! the loan's last due date), the date used instead and why: never a date silently replaced.

use super::account::usd;
use app::portal::LoanDetails;
use domain::payment::PaymentStatus;
use domain::payoff::{PayoffDateChange, PayoffError, PayoffQuote};
use i18n::Tr;
use jiff::civil::Date;

/// What an unreadable payoff date is told, beside the field, in the language of `tr`.
pub(crate) fn date_unreadable(tr: Tr) -> String {
    tr.t("payoff-date-unreadable")
}

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

/// The payoff of loan `d` in words in the language of `tr`, or why there is none (`bad_date`:
/// the date asked for could not be read).
pub(crate) fn payoff_words_in(
    tr: Tr,
    d: &LoanDetails,
    bad_date: bool,
) -> Result<PayoffWords, String> {
    if bad_date {
        return Err(date_unreadable(tr));
    }
    match &d.payoff {
        Ok(q) => Ok(words(tr, d, q)),
        Err(PayoffError::NotActive { .. }) => Err(tr.t("payoff-nothing-left")),
        Err(PayoffError::BeforeStart { start, .. }) => {
            Err(tr.t1("payoff-before-start", "start", tr.date(*start)))
        }
    }
}

fn words(tr: Tr, d: &LoanDetails, q: &PayoffQuote) -> PayoffWords {
    // Interest is accrued through the day before: a payment credited on the day pays it.
    let through = q.payoff_date.yesterday().unwrap_or(q.payoff_date);
    let mut lines = vec![
        (tr.t("payoff-principal"), usd(q.principal)),
        (
            tr.t1("payoff-interest-through", "date", tr.date(through)),
            usd(q.interest),
        ),
    ];
    // Each kind of fee owed, in the order `FeesByKind::lines` lists them.
    let kinds = &q.fees_by_kind;
    let fees: Vec<(String, String)> = [
        ("payoff-late-fees", kinds.late),
        ("payoff-returned-payment-fees", kinds.returned_payment),
        (
            "payoff-previous-servicer-fees",
            kinds.from_previous_servicer,
        ),
        ("payoff-refund-owed", kinds.refund_owed),
    ]
    .into_iter()
    .filter(|(_, amount)| amount.is_positive())
    .map(|(id, amount)| (tr.t(id), usd(amount)))
    .collect();
    if fees.is_empty() {
        lines.push((tr.t("payoff-fees"), usd(q.fees)));
    } else {
        lines.extend(fees);
    }
    PayoffWords {
        date: tr.date(q.payoff_date),
        total: usd(q.total),
        lines,
        per_diem: usd(q.per_diem),
        changed: d
            .payoff_date_change
            .map(|c| changed_words(tr, c, d.business_date)),
        assumptions: assumptions(tr, d, q),
    }
}

/// What was done with a date that could not be used, and why.
fn changed_words(tr: Tr, change: PayoffDateChange, today: Date) -> String {
    match change {
        PayoffDateChange::Past { asked } => tr.t2(
            "payoff-changed-past",
            "asked",
            tr.date(asked),
            "today",
            tr.date(today),
        ),
        PayoffDateChange::AfterLastDue { asked, last_due } => tr.t2(
            "payoff-changed-after-last-due",
            "asked",
            tr.date(asked),
            "last_due",
            tr.date(last_due),
        ),
    }
}

/// What the figure assumes: the payments it counts and the ones it does not (scheduled
/// payments and AutoPay drafts on their way, named), what a returned payment would do, the
/// late fees and interest it includes for a day to come, and the daily amount after it.
fn assumptions(tr: Tr, d: &LoanDetails, q: &PayoffQuote) -> Vec<String> {
    let (today, on) = (d.business_date, tr.date(q.payoff_date));
    let mut out = vec![tr.t1("payoff-counts-credited", "today", tr.date(today))];
    let coming: Vec<String> = d
        .payments
        .iter()
        .filter(|p| p.status == PaymentStatus::Scheduled)
        .map(|p| {
            tr.t3(
                "payoff-coming-one",
                "amount",
                usd(p.amount),
                "date",
                tr.date(p.credit_date),
                "confirmation",
                &p.confirmation,
            )
        })
        .collect();
    if coming.is_empty() {
        out.push(tr.t1("payoff-no-other-payment", "on", &on));
    } else {
        out.push(tr.t2(
            "payoff-not-counting",
            "payments",
            coming.join("; "),
            "on",
            &on,
        ));
    }
    if d.autopay.is_some() {
        out.push(tr.t1("payoff-autopay-keeps-drafting", "on", &on));
    }
    if q.payoff_date > today {
        out.push(tr.t1("payoff-includes-interest", "on", &on));
    }
    out.push(tr.t2("payoff-good-for", "on", &on, "per_diem", usd(q.per_diem)));
    out
}
