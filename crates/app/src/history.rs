//! A borrower's payment history to download and the year-end summaries of what was paid, read
//! through the login exactly as the loan page is (another borrower's loan is `None`, as one
//! that does not exist). Both come from the loan page's activity: the payments as the replay
//! applies them now, so a returned payment paid nothing and the payments after it are split
//! without it. Borrower reads are not audited (as the loan page is not).

use crate::App;
use crate::portal::{Activity, LoanDetails};
use documents::history::{History, HistoryLine, LineKind, Split, YearSummary};
use domain::account_number::AccountNumber;
use money::Money;
use store::{LoginId, StoreError};

/// What the payments credited in one calendar year paid, as the replay applies them now (net
/// of returned payments: the replay leaves those out, so they paid nothing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearTotals {
    /// The calendar year.
    pub year: i16,
    /// How many payments.
    pub payments: u32,
    /// What they came to.
    pub received: Money,
    /// To interest.
    pub interest: Money,
    /// To fees.
    pub fees: Money,
    /// To principal.
    pub principal: Money,
    /// Held as a credit.
    pub unapplied: Money,
}

impl YearTotals {
    /// Nothing paid in `year`.
    pub fn none(year: i16) -> Self {
        YearTotals {
            year,
            payments: 0,
            received: Money::ZERO,
            interest: Money::ZERO,
            fees: Money::ZERO,
            principal: Money::ZERO,
            unapplied: Money::ZERO,
        }
    }
}

/// Each year in which payments were credited (by the date they were credited as of), oldest
/// first, from a loan's activity (in any order).
pub fn years_paid(activity: &[Activity]) -> Vec<YearTotals> {
    let mut out: Vec<YearTotals> = Vec::new();
    for a in activity {
        let Activity::Payment(p) = a else { continue };
        let year = p.date.year();
        let at = match out.iter().position(|t| t.year == year) {
            Some(at) => at,
            None => {
                out.push(YearTotals::none(year));
                out.len() - 1
            }
        };
        let t = &mut out[at];
        t.payments += 1;
        t.received += p.amount;
        t.interest += p.interest;
        t.fees += p.fees;
        t.principal += p.principal;
        t.unapplied += p.unapplied;
    }
    out.sort_by_key(|t| t.year);
    out
}

/// What the payments credited in `year` paid (nothing, for a year without payments).
pub fn totals_in(activity: &[Activity], year: i16) -> YearTotals {
    years_paid(activity)
        .into_iter()
        .find(|t| t.year == year)
        .unwrap_or_else(|| YearTotals::none(year))
}

/// The history's line for one line of the activity.
/// Why a payment came off its loan, from the code its row keeps, in the language of `tr`: a
/// bank's reason and code ("insufficient funds (R01)"), or staff's reason (as
/// [`crate::payments::ach::return_words`] says it in English).
fn return_words_in(tr: i18n::Tr, code: &str) -> String {
    match crate::servicing::WhyReversed::parse(code) {
        Some(crate::servicing::WhyReversed::Reason(r)) => crate::notices::reversal_words(tr, r),
        Some(crate::servicing::WhyReversed::Moved) => tr.t("history-note-moved"),
        None => format!("{} ({code})", tr.t(crate::notices::return_reason_id(code))),
    }
}

/// A line of the history, its notes in the language of `tr`.
fn line_of(tr: i18n::Tr, a: &Activity) -> HistoryLine {
    match a {
        Activity::Payment(p) => HistoryLine {
            date: p.date,
            kind: LineKind::Payment,
            what: "Payment".to_owned(),
            amount: p.amount,
            split: Some(Split {
                fees: p.fees,
                interest: p.interest,
                principal: p.principal,
                unapplied: p.unapplied,
            }),
            note: None,
        },
        // It paid nothing: the replay leaves it out.
        Activity::Returned {
            date,
            amount,
            returned_on,
            code,
            ..
        } => HistoryLine {
            date: *date,
            kind: LineKind::ReturnedPayment,
            what: "Returned payment".to_owned(),
            amount: *amount,
            split: Some(Split::default()),
            note: Some(match code {
                Some(c) => tr.t2(
                    "history-note-returned",
                    "date",
                    tr.date(*returned_on),
                    "why",
                    return_words_in(tr, c),
                ),
                None => tr.t1("history-note-reversed-on", "date", tr.date(*returned_on)),
            }),
        },
        Activity::Fee {
            date,
            late_installment,
            amount,
        } => HistoryLine {
            date: *date,
            kind: LineKind::Fee,
            what: late_installment.map_or_else(
                || "Returned payment fee".to_owned(),
                |n| format!("Late fee (installment {n})"),
            ),
            amount: *amount,
            split: None,
            note: None,
        },
        // Owed with the fees, though not a fee (ADR 0033).
        Activity::RefundOwed { date, amount, .. } => HistoryLine {
            date: *date,
            kind: LineKind::Fee,
            what: "Refund to pay back".to_owned(),
            amount: *amount,
            split: None,
            note: None,
        },
        Activity::Waiver { date, amount } => HistoryLine {
            date: *date,
            kind: LineKind::Waiver,
            what: "Fee waived".to_owned(),
            amount: *amount,
            split: None,
            note: None,
        },
        Activity::InterestWaiver { date, amount } => HistoryLine {
            date: *date,
            kind: LineKind::Waiver,
            what: "Interest waived".to_owned(),
            amount: *amount,
            split: None,
            note: None,
        },
        // It forgave nothing: the replay leaves it out.
        Activity::WaiverUndone {
            date,
            interest,
            amount,
            undone_on,
            ..
        } => HistoryLine {
            date: *date,
            kind: LineKind::Waiver,
            what: if *interest {
                "Interest waiver, undone"
            } else {
                "Fee waiver, undone"
            }
            .to_owned(),
            amount: *amount,
            split: None,
            note: Some(tr.t1("history-note-undone", "date", tr.date(*undone_on))),
        },
        // It paid nothing: the replay leaves it out.
        Activity::Reversed {
            date,
            amount,
            reversed_on,
            why,
            ..
        } => HistoryLine {
            date: *date,
            kind: LineKind::ReturnedPayment,
            what: "Reversed payment".to_owned(),
            amount: *amount,
            split: Some(Split::default()),
            note: Some(tr.t2(
                "history-note-reversed-why",
                "date",
                tr.date(*reversed_on),
                "why",
                return_words_in(tr, why.code()),
            )),
        },
    }
}

impl App {
    /// The payment history of a login's loan, or `None` when the login does not reach it.
    pub async fn payment_history(
        &self,
        login: LoginId,
        account: AccountNumber,
    ) -> Result<Option<History>, StoreError> {
        self.payment_history_in(i18n::Lang::En, login, account)
            .await
    }

    /// [`App::payment_history`] with its notes in `lang`.
    pub async fn payment_history_in(
        &self,
        lang: i18n::Lang,
        login: LoginId,
        account: AccountNumber,
    ) -> Result<Option<History>, StoreError> {
        Ok(self
            .loan_details(login, account, None)
            .await?
            .map(|d| self.history_in(lang, &d)))
    }

    /// The payment history of a loan already read: its activity, oldest first.
    pub fn history_of(&self, d: &LoanDetails) -> History {
        self.history_in(i18n::Lang::En, d)
    }

    /// [`App::history_of`] with its notes in `lang`.
    pub fn history_in(&self, lang: i18n::Lang, d: &LoanDetails) -> History {
        History {
            servicer_name: self.servicer().name.clone(),
            account_number: d.view.account_number.to_string(),
            as_of: d.business_date,
            // The loan page's activity is newest first; a history reads oldest first.
            lines: d
                .activity
                .iter()
                .rev()
                .map(|a| line_of(lang.tr(), a))
                .collect(),
        }
    }

    /// The summary of `year` of a login's loan, or `None` when the login does not reach the
    /// loan or the year is not one of the loan's (see [`App::year_summary_of`]).
    pub async fn year_summary(
        &self,
        login: LoginId,
        account: AccountNumber,
        year: i16,
    ) -> Result<Option<YearSummary>, StoreError> {
        Ok(self
            .loan_details(login, account, None)
            .await?
            .and_then(|d| self.year_summary_of(&d, year)))
    }

    /// The summary of `year` of a loan already read, for any year from the loan's first (the
    /// year its interest started, or of its first payment if earlier) through the business
    /// date's; `None` for any other year. A year without payments is a summary of nothing,
    /// which says so.
    pub fn year_summary_of(&self, d: &LoanDetails, year: i16) -> Option<YearSummary> {
        let first = years_paid(&d.activity)
            .first()
            .map_or(i16::MAX, |t| t.year)
            .min(d.record.terms.accrual_start.year());
        if year < first || year > d.business_date.year() {
            return None;
        }
        let t = totals_in(&d.activity, year);
        Some(YearSummary {
            servicer_name: self.servicer().name.clone(),
            account_number: d.view.account_number.to_string(),
            year,
            as_of: d.business_date,
            payments: t.payments,
            received: t.received,
            interest: t.interest,
            fees: t.fees,
            principal: t.principal,
            unapplied: t.unapplied,
            boarded_on: d.record.boarded_on,
        })
    }
}

#[cfg(test)]
mod tests {

    /// Why a payment came off its loan reads in English as the rest of Servicer words it, for
    /// every bank code and staff reason, and in Spanish in other words.
    #[test]
    fn a_return_reads_in_the_readers_language() {
        for code in [
            "R01",
            "R02",
            "R03",
            "R04",
            "R05",
            "R07",
            "R08",
            "R09",
            "R10",
            "R16",
            "R20",
            "R29",
            "R99",
            "returned_unpaid",
            "posted_in_error",
            "duplicate",
            "moved",
        ] {
            assert_eq!(
                return_words_in(i18n::Lang::En.tr(), code),
                crate::payments::ach::return_words(code),
                "{code}"
            );
            assert_ne!(
                return_words_in(i18n::Lang::Es.tr(), code),
                crate::payments::ach::return_words(code),
                "{code}"
            );
        }
    }
    use super::*;
    use domain::loan::{AppliedPayment, TxnId};
    use jiff::civil::date;

    fn paid(txn: u64, date: jiff::civil::Date, interest: i64, principal: i64) -> Activity {
        Activity::Payment(AppliedPayment {
            txn: TxnId(txn),
            date,
            amount: Money::from_cents(interest + principal),
            fees: Money::ZERO,
            interest: Money::from_cents(interest),
            principal: Money::from_cents(principal),
            unapplied: Money::ZERO,
        })
    }

    #[test]
    fn each_year_adds_up_its_payments_and_a_returned_one_counts_for_nothing() {
        let activity = vec![
            paid(3, date(2026, 2, 1), 4_000, 20_000),
            Activity::Returned {
                txn: TxnId(2),
                date: date(2026, 1, 1),
                amount: Money::from_cents(24_000),
                returned_on: date(2026, 1, 6),
                code: Some("R01".to_owned()),
            },
            paid(1, date(2025, 12, 1), 5_000, 19_000),
            Activity::Fee {
                date: date(2026, 1, 6),
                late_installment: None,
                amount: Money::from_cents(2_500),
            },
        ];
        let years = years_paid(&activity);
        assert_eq!(
            years.iter().map(|t| t.year).collect::<Vec<_>>(),
            [2025, 2026]
        );
        let y2026 = totals_in(&activity, 2026);
        assert_eq!(y2026.payments, 1, "the returned payment is not counted");
        assert_eq!(y2026.interest, Money::from_cents(4_000));
        assert_eq!(y2026.principal, Money::from_cents(20_000));
        assert_eq!(totals_in(&activity, 2024), YearTotals::none(2024));
        let returned = line_of(i18n::Lang::En.tr(), &activity[1]);
        assert_eq!(returned.kind, LineKind::ReturnedPayment);
        assert_eq!(returned.split, Some(Split::default()), "it paid nothing");
        assert!(
            returned
                .note
                .as_deref()
                .is_some_and(|n| n.starts_with("returned by your bank on January 6, 2026: ")),
        );
    }
}
