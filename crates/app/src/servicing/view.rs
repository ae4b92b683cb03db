//! What the console's actions page of a loan shows: the loan as the replay has it today, its
//! payments (the posted ones to reverse or move), and the waivers in force (to undo). A read
//! for staff who may see accounts, audited as every account read is.

use super::{ServicingError, loan_subject};
use crate::App;
use crate::access::{Actor, Capability};
use crate::portal::LoanDetails;
use domain::account_number::AccountNumber;
use domain::loan::LoanEvent;
use jiff::civil::Date;
use money::Money;
use store::AuditEvent;

/// The audit action of a read of a loan's actions page.
pub const ACTIONS_VIEWED: &str = "loan.actions_viewed";

/// A waiver in force on a loan (the replay applies it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WaiverLine {
    /// Its transaction id in the loan's history (what undoing it names).
    pub txn: i64,
    /// The date it is as of.
    pub date: Date,
    /// It forgave interest (else fees).
    pub interest: bool,
    /// What it forgives as the replay applies it now.
    pub amount: Money,
}

/// A loan as its actions page shows it.
#[derive(Clone, Debug)]
pub struct LoanActions {
    /// The borrower's full name.
    pub name: String,
    /// The loan as the loan page reads it: balances today, payments newest first (a posted
    /// one with its split as the replay applies it now), activity.
    pub details: LoanDetails,
    /// The waivers in force, oldest first.
    pub waivers: Vec<WaiverLine>,
}

impl App {
    /// The actions page of the loan `account` for an actor who may see accounts, audited
    /// ([`ACTIONS_VIEWED`], on the loan).
    pub async fn loan_actions(
        &self,
        actor: &Actor,
        account: AccountNumber,
    ) -> Result<LoanActions, ServicingError> {
        actor.require(Capability::ViewAccount)?;
        let view = self
            .store()
            .loan_view(account)
            .await?
            .ok_or(ServicingError::NotFound)?;
        let (loan, borrower) = (view.loan, view.borrower);
        let name = self
            .borrower_on_file(borrower)
            .await?
            .map_or_else(String::new, |b| b.full_name);
        let details = self.loan_details_of(view, None).await?;
        let waivers = details
            .state
            .events
            .iter()
            .filter_map(|e| {
                let (date, txn, amount, interest) = match *e {
                    LoanEvent::FeeWaived { date, txn, amount } => (date, txn, amount, false),
                    LoanEvent::InterestWaived { date, txn, amount } => (date, txn, amount, true),
                    _ => return None,
                };
                Some(WaiverLine {
                    txn: i64::try_from(txn.0).ok()?,
                    date,
                    interest,
                    amount,
                })
            })
            .collect();
        let event = AuditEvent {
            actor: actor.audit_name(),
            action: ACTIONS_VIEWED.into(),
            subject: loan_subject(loan),
            detail: "{}".into(),
        };
        self.read_audits
            .record(self.store(), event, self.now_us())
            .await?;
        Ok(LoanActions {
            name,
            details,
            waivers,
        })
    }
}
