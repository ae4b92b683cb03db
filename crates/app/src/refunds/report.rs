//! The credit-balance report: every loan holding unapplied funds (money received beyond what
//! it owed, an overpayment after payoff, a payment after charge-off) with the amount, the age
//! of the credit (days since the unapplied funds last rose above zero: the oldest money still
//! held, or the payoff that left it) and any refund of it pending; oldest first, in pages. And
//! what waits on staff besides: refunds the borrower's bank sent back (their money back on the
//! loan, to decide again), refund checks to mail, ACH refunds no file could carry, and the
//! money in remittance suspense. So a credit balance is never left without a decision.

use super::Refund;
use crate::App;
use crate::access::{Actor, Capability};
use crate::servicing::ServicingError;
use domain::account_number::AccountNumber;
use domain::loan::LoanStatus;
use jiff::civil::Date;
use money::Money;
use std::collections::HashMap;
use store::{LoanId, UnappliedMove};

/// How many credit balances a page lists.
pub const CREDIT_BALANCES_PAGE: usize = 50;

/// One loan holding unapplied funds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreditBalance {
    /// The loan.
    pub account: AccountNumber,
    /// The borrower's name.
    pub borrower_name: String,
    /// Open, paid off or charged off.
    pub status: LoanStatus,
    /// The unapplied funds it holds.
    pub amount: Money,
    /// The day the credit began: since then the loan has held unapplied funds.
    pub since: Date,
    /// Days from `since` to the business date.
    pub age_days: i64,
    /// Refunds of it decided and not yet sent.
    pub pending_refunds: Money,
}

/// The report: one page of credit balances, oldest first, with the totals of all of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreditBalances {
    /// The business date it is as of.
    pub as_of: Date,
    /// How many loans hold unapplied funds.
    pub count: usize,
    /// What they hold together.
    pub total: Money,
    /// The page asked for (from 1).
    pub page: u32,
    /// This page's loans, oldest credit first.
    pub balances: Vec<CreditBalance>,
    /// More loans are listed on the next page.
    pub more: bool,
    /// Refunds waiting on staff, oldest first: those the borrower's bank sent back (the money
    /// is back in the loan's unapplied funds; listed until a refund is decided again), refund
    /// checks to mail, and ACH refunds a day's file could not carry (still pending).
    pub for_staff: Vec<Refund>,
    /// The money in remittance suspense: received and not yet applied to a loan or sent back.
    pub suspense: Money,
}

impl App {
    /// Page `page` (from 1) of the credit-balance report, for staff who may read the
    /// operators' reports, or an API client that may see accounts (the `read` scope: no API
    /// scope grants the reports).
    pub async fn credit_balances(
        &self,
        actor: &Actor,
        page: u32,
    ) -> Result<CreditBalances, ServicingError> {
        actor.require(report_capability(actor))?;
        let today = self.business_date().await?;
        let loans = self.store().credit_balance_loans().await?;
        let starts = credit_starts(&self.store().unapplied_moves().await?);
        let mut all: Vec<CreditBalance> = loans
            .into_iter()
            .map(|l| {
                // A loan whose books show no run of unapplied funds (none should) is as new.
                let since = starts.get(&l.loan).copied().unwrap_or(today).min(today);
                CreditBalance {
                    account: l.account,
                    borrower_name: l.borrower_name,
                    status: l.status,
                    amount: l.unapplied,
                    since,
                    age_days: money::days_between(since, today),
                    pending_refunds: l.pending_refunds,
                }
            })
            .collect();
        all.sort_by(|a, b| {
            a.since
                .cmp(&b.since)
                .then_with(|| b.amount.cmp(&a.amount))
                .then_with(|| a.account.cmp(&b.account))
        });
        let count = all.len();
        let total = all.iter().map(|b| b.amount).sum();
        let page = page.max(1);
        let first = usize::try_from(page - 1)
            .unwrap_or(usize::MAX)
            .saturating_mul(CREDIT_BALANCES_PAGE);
        let more = count > first.saturating_add(CREDIT_BALANCES_PAGE);
        let balances = all
            .into_iter()
            .skip(first)
            .take(CREDIT_BALANCES_PAGE)
            .collect();
        Ok(CreditBalances {
            as_of: today,
            count,
            total,
            page,
            balances,
            more,
            for_staff: self.store().refunds_for_staff().await?,
            suspense: self.store().suspense_held().await?,
        })
    }
}

/// What reading the report needs of `actor`: an API client, to see accounts; anyone else, to
/// read the operators' reports.
fn report_capability(actor: &Actor) -> Capability {
    match actor {
        Actor::ApiClient { .. } => Capability::ViewAccount,
        _ => Capability::ViewReports,
    }
}

/// For each loan, the day its credit began: the first date from which the unapplied funds in
/// its books stayed above zero through its last movement (`moves` are by loan, then date).
fn credit_starts(moves: &[UnappliedMove]) -> HashMap<LoanId, Date> {
    let mut out = HashMap::new();
    for loan in moves.chunk_by(|a, b| a.loan == b.loan) {
        let mut balance = 0_i64;
        let mut start: Option<Date> = None;
        for day in loan.chunk_by(|a, b| a.date == b.date) {
            balance = day
                .iter()
                .fold(balance, |sum, m| sum.saturating_add(m.cents));
            if balance <= 0 {
                start = None;
            } else if start.is_none() {
                start = Some(day[0].date);
            }
        }
        if let Some(since) = start {
            out.insert(loan[0].loan, since);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn moved(loan: i64, day: Date, cents: i64) -> UnappliedMove {
        UnappliedMove {
            loan: LoanId(loan),
            date: day,
            cents,
        }
    }

    #[test]
    fn an_api_client_reads_the_report_with_the_read_scope_and_staff_with_the_reports() {
        use crate::api_clients::{Scope, Scopes};
        let reader = Actor::api_client("ledger", Scopes::default().with(Scope::Read));
        assert_eq!(report_capability(&reader), Capability::ViewAccount);
        assert!(reader.require(report_capability(&reader)).is_ok());
        let payer = Actor::api_client("lockbox", Scopes::default().with(Scope::Payments));
        assert!(payer.require(report_capability(&payer)).is_err());
        let agent = Actor::Staff {
            id: store::StaffId(8),
            role: crate::access::Role::Agent,
        };
        assert_eq!(report_capability(&agent), Capability::ViewReports);
        assert!(agent.require(report_capability(&agent)).is_err());
    }

    #[test]
    fn a_credit_is_as_old_as_the_last_time_the_unapplied_funds_rose_above_zero() {
        let moves = [
            // Loan 1: an overpayment in March, refunded in April; another in June, topped up
            // in July: the credit held now began in June.
            moved(1, date(2026, 3, 2), 5_000),
            moved(1, date(2026, 4, 1), -5_000),
            moved(1, date(2026, 6, 10), 2_000),
            moved(1, date(2026, 7, 1), 300),
            // Loan 2: paid off with $12.00 over in May, $5.00 of it refunded since.
            moved(2, date(2026, 5, 20), 1_200),
            moved(2, date(2026, 8, 3), -500),
            // Loan 3: a restatement's reversal and the new entry on one day net to the same.
            moved(3, date(2026, 9, 1), 700),
            moved(3, date(2026, 9, 9), -700),
            moved(3, date(2026, 9, 9), 650),
        ];
        let starts = credit_starts(&moves);
        assert_eq!(starts.get(&LoanId(1)), Some(&date(2026, 6, 10)));
        assert_eq!(starts.get(&LoanId(2)), Some(&date(2026, 5, 20)));
        assert_eq!(starts.get(&LoanId(3)), Some(&date(2026, 9, 1)));
        let refunded = [
            moved(4, date(2026, 1, 5), 100),
            moved(4, date(2026, 2, 5), -100),
        ];
        assert_eq!(credit_starts(&refunded).get(&LoanId(4)), None);
    }
}
