//! The notices of the account itself: the notice of servicing transfer, and the "statement
//! ready" alert of a statement close of business made.

use crate::alerts::Alert;
use crate::servicer::ServicerInfo;
use documents::{Statement, long_date};
use formats::boarding::BoardedLoan;
use jiff::civil::Date;
use store::{BorrowerId, Channel, LoanId, NewMessage};

/// The notice of servicing transfer: the loan is with us now, what stays the same, what the
/// borrower must do (set AutoPay up again), and how to pay. By email when the prior servicer
/// had an address, else in the portal's message center.
pub fn transfer_notice(
    site: &ServicerInfo,
    loan: &BoardedLoan,
    borrower: BorrowerId,
    boarded_on: Date,
) -> NewMessage {
    let last4 = loan.account_number.last4();
    let mut body = format!(
        "Dear {name},\n\n\
         The servicing of your loan ending in {last4} moved to {us} on {boarded_on}.\n\n\
         What stays the same: your account number, your due date (day {day} of each month), your \
         interest rate and your payment of {payment}. Your next payment is due on {next_due}.\n\n",
        name = loan.borrower_name,
        us = site.name,
        boarded_on = documents::long_date(boarded_on),
        day = loan.first_payment_date.day(),
        payment = loan.payment_amount.usd(),
        next_due = documents::long_date(loan.next_due_date),
    );
    if loan.autopay_at_prior_servicer {
        body.push_str(
            "What you must do: you paid by AutoPay with your previous servicer. AutoPay does not move \
             with the loan. Set up AutoPay again with us so that no payment is missed; until then, \
             pay online, by phone or by mail.\n\n",
        );
    }
    body.push_str(&format!(
        "Ways to pay: online in the borrower portal; by phone with a debit card at {phone}; or by \
         check or bank bill pay to {lockbox}, with your 16-digit account number.\n\n\
         Questions? Call {service}, {hours}.\n\n{us}\n",
        phone = site.pay_by_phone,
        lockbox = site.lockbox_address.join(", "),
        service = site.phone,
        hours = site.hours,
        us = site.name,
    ));
    let (channel, recipient) = match &loan.email {
        Some(email) => (Channel::Email, email.clone()),
        None => (Channel::Portal, "message center".to_owned()),
    };
    NewMessage {
        borrower,
        channel,
        recipient,
        subject: format!(
            "Your loan ending in {last4} is now serviced by {}",
            site.name
        ),
        body,
        key: format!("transfer-notice:{}", loan.account_number),
    }
}

/// The "statement ready" alert of statement `s` (installment `installment` of `loan`): the
/// amount and the date due, and where to see it (`website`).
pub fn statement_ready(loan: LoanId, installment: u32, s: &Statement, website: &str) -> Alert {
    let last4 = &s.account_number[s.account_number.len().saturating_sub(4)..];
    Alert {
        alert: "statement_ready",
        subject: "Your statement is ready".into(),
        body: format!(
            "The statement of {} for the loan ending in {last4} is ready in the portal: {} due {}.\n\nSign in at {} to see it.\n",
            long_date(s.statement_date),
            s.amount_due.usd(),
            long_date(s.due_date),
            website
        ),
        key: format!("statement:{}:{}", loan.0, installment),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use formats::boarding::synthetic;

    #[test]
    fn the_transfer_notice_says_what_stays_and_what_to_do() {
        let mut loan = synthetic(1, 42, jiff::civil::date(2026, 11, 25)).remove(0);
        loan.autopay_at_prior_servicer = true;
        let n = transfer_notice(
            &ServicerInfo::default(),
            &loan,
            BorrowerId(7),
            jiff::civil::date(2026, 11, 25),
        );
        assert!(n.subject.contains(&loan.account_number.last4()));
        assert!(n.body.contains("Set up AutoPay again"));
        assert!(n.body.contains("PO Box 4410"));
        assert!(
            !n.body.contains(&loan.account_number.to_string()),
            "never the full account number"
        );
        assert_eq!(n.channel, Channel::Email);
        loan.autopay_at_prior_servicer = false;
        loan.email = None;
        let n = transfer_notice(
            &ServicerInfo::default(),
            &loan,
            BorrowerId(7),
            jiff::civil::date(2026, 11, 25),
        );
        assert!(!n.body.contains("AutoPay again"));
        assert_eq!(n.channel, Channel::Portal);
    }
}
