//! The words of the notices Servicer sends, in one place. Each notice is written to the
//! outbox in the transaction of the event that causes it, under a key unique to the event.

use crate::servicer::ServicerInfo;
use formats::boarding::BoardedLoan;
use jiff::civil::Date;
use store::{BorrowerId, Channel, NewMessage};

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
         interest rate and your payment of ${payment}. Your next payment is due on {next_due}.\n\n",
        name = loan.borrower_name,
        us = site.name,
        day = loan.first_payment_date.day(),
        payment = loan.payment_amount,
        next_due = loan.next_due_date,
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
