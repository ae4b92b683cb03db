//! The notices of a loan's cycle that close of business finds owed: the late fee charged,
//! the past-due notice, the AutoPay draft reminder and the payment-due reminder.

use crate::alerts::Alert;
use crate::servicer::ServicerInfo;
use documents::long_date;
use domain::notices::{LateFeeAhead, Notice};
use jiff::civil::Date;
use money::Money;
use store::LoanId;

/// The loan a notice of its cycle is about, as the notice names it.
#[derive(Clone, Copy, Debug)]
pub struct CycleLoan<'a> {
    /// The servicer (its phone number closes each notice).
    pub site: &'a ServicerInfo,
    /// The loan (its id is part of each notice's key).
    pub loan: LoanId,
    /// The last four digits of its account number (never the whole number).
    pub last4: &'a str,
}

/// The account alert of a notice close of business found owed ([`domain::notices::owed`]):
/// the late fee charged, the past-due notice, the AutoPay draft reminder, the payment-due
/// reminder. Each is keyed by its loan and installment, so a re-run sends nothing new. `None`
/// for a statement, which `cob::statements` makes, records and announces.
pub fn cycle_alert(about: &CycleLoan<'_>, notice: Notice) -> Option<Alert> {
    Some(match notice {
        Notice::LateFee {
            installment,
            amount,
            date,
            amount_due,
        } => late_fee_charged(about, installment, amount, date, amount_due),
        Notice::PastDue {
            installment,
            due,
            amount,
            amount_due,
            late_fee,
        } => past_due(about, installment, due, amount, amount_due, late_fee),
        Notice::AutopayDraft {
            installment,
            due,
            draft_on,
            amount,
        } => autopay_draft(about, installment, due, draft_on, amount),
        Notice::DueSoon {
            installment,
            due,
            amount_due,
        } => payment_due(about, installment, due, amount_due),
        Notice::Statement { .. } => return None,
    })
}

/// A late fee of `amount` was charged on `date` for `installment`; `amount_due` is due now.
fn late_fee_charged(
    about: &CycleLoan<'_>,
    installment: u32,
    amount: Money,
    date: Date,
    amount_due: Money,
) -> Alert {
    let (last4, phone) = (about.last4, &about.site.phone);
    let (amount, date) = (amount.usd(), long_date(date));
    Alert {
        alert: "past_due",
        subject: format!("A late fee of {amount} was charged"),
        body: format!(
            "We have not received the full payment due on the loan ending in {last4}, so a late fee of {amount} was charged on {date}. The amount due now is {}.\n\nPay in the portal, or call {phone}.\n",
            amount_due.usd()
        ),
        key: format!("late-fee:{}:{installment}", about.loan.0),
    }
}

/// `installment` (its `amount`, due on `due`) is past due, `amount_due` is due now, and the
/// late fee ahead, if the loan has one, is charged unless it is paid by the grace period's end.
fn past_due(
    about: &CycleLoan<'_>,
    installment: u32,
    due: Date,
    amount: Money,
    amount_due: Money,
    late_fee: Option<LateFeeAhead>,
) -> Alert {
    let (last4, phone) = (about.last4, &about.site.phone);
    let fee_ahead = late_fee.map_or_else(String::new, |f| {
        format!(
            " A late fee of {} will be charged if it is not paid by {}.",
            f.amount.usd(),
            long_date(f.unpaid_by)
        )
    });
    Alert {
        alert: "past_due",
        subject: "Your payment is past due".into(),
        body: format!(
            "The payment of {} due {} on the loan ending in {last4} has not been paid in full. The amount due now is {}.{fee_ahead}\n\nPay in the portal, or call {phone}.\n",
            amount.usd(),
            long_date(due),
            amount_due.usd(),
        ),
        key: format!("past-due:{}:{installment}", about.loan.0),
    }
}

/// AutoPay will draft `amount` on `draft_on` for `installment`, due on `due`.
fn autopay_draft(
    about: &CycleLoan<'_>,
    installment: u32,
    due: Date,
    draft_on: Date,
    amount: Money,
) -> Alert {
    let (last4, phone) = (about.last4, &about.site.phone);
    let (amount, on, due) = (amount.usd(), long_date(draft_on), long_date(due));
    Alert {
        alert: "autopay_upcoming",
        subject: format!("AutoPay will draft {amount} on {on}"),
        body: format!(
            "AutoPay will draft {amount} on {on} for the payment due {due} on the loan ending in {last4}.\n\nTo change or turn off AutoPay, sign in to the portal or call {phone}.\n"
        ),
        key: format!("autopay-reminder:{}:{installment}", about.loan.0),
    }
}

/// The reminder that `installment` is due on `due`, with `amount_due` due now.
fn payment_due(about: &CycleLoan<'_>, installment: u32, due: Date, amount_due: Money) -> Alert {
    let (last4, phone) = (about.last4, &about.site.phone);
    let (due_now, due) = (amount_due.usd(), long_date(due));
    Alert {
        alert: "payment_due",
        subject: format!("Payment of {due_now} due {due}"),
        body: format!(
            "Your payment of {due_now} on the loan ending in {last4} is due {due}.\n\nPay in the portal, set up AutoPay, or call {phone}.\n"
        ),
        key: format!("due-soon:{}:{installment}", about.loan.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cycle_alerts_name_the_loan_by_its_last_four_and_are_keyed_by_installment() {
        let site = ServicerInfo::default();
        let about = CycleLoan {
            site: &site,
            loan: LoanId(9),
            last4: "4321",
        };
        let d = jiff::civil::date;
        let past_due = cycle_alert(
            &about,
            Notice::PastDue {
                installment: 3,
                due: d(2027, 3, 1),
                amount: Money::from_cents(31_250),
                amount_due: Money::from_cents(31_250),
                late_fee: Some(LateFeeAhead {
                    amount: Money::from_cents(2_500),
                    unpaid_by: d(2027, 3, 11),
                }),
            },
        )
        .expect("an alert");
        assert_eq!(past_due.alert, "past_due");
        assert_eq!(past_due.subject, "Your payment is past due");
        assert_eq!(
            past_due.body,
            format!(
                "The payment of $312.50 due March 1, 2027 on the loan ending in 4321 has not been paid in full. The amount due now is $312.50. A late fee of $25.00 will be charged if it is not paid by March 11, 2027.\n\nPay in the portal, or call {}.\n",
                site.phone
            )
        );
        assert_eq!(past_due.key, "past-due:9:3");
        let draft = cycle_alert(
            &about,
            Notice::AutopayDraft {
                installment: 4,
                due: d(2027, 4, 1),
                draft_on: d(2027, 3, 29),
                amount: Money::from_cents(31_250),
            },
        )
        .expect("an alert");
        assert_eq!(
            draft.subject,
            "AutoPay will draft $312.50 on March 29, 2027"
        );
        assert_eq!(draft.key, "autopay-reminder:9:4");
        let statement = Notice::Statement {
            installment: 4,
            statement_date: d(2027, 3, 11),
            previous_due: None,
        };
        assert!(cycle_alert(&about, statement).is_none());
    }
}
