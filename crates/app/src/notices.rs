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

/// Where a message goes: a borrower's email or mobile number on file, or the message center.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recipient {
    /// The borrower it is for.
    pub borrower: BorrowerId,
    /// How.
    pub channel: Channel,
    /// The address or number (or "message center").
    pub address: String,
}

impl Recipient {
    /// "email", "sms" or "portal".
    pub fn channel_name(&self) -> &'static str {
        match self.channel {
            Channel::Email => "email",
            Channel::Sms => "sms",
            Channel::Portal => "portal",
        }
    }

    /// The address as shown on screen: masked.
    pub fn masked(&self) -> String {
        match self.channel {
            Channel::Email => crate::identity::mask_email(&self.address),
            Channel::Sms => crate::identity::mask_phone(&self.address),
            Channel::Portal => "your message center".into(),
        }
    }

    /// A message of an event that happens once per request (a code, an alert): the key
    /// gets a random part, so two such events at the same instant are two messages.
    fn message(&self, subject: String, body: String, key: String) -> NewMessage {
        NewMessage {
            borrower: self.borrower,
            channel: self.channel,
            recipient: self.address.clone(),
            subject,
            body,
            key: format!("{key}:{}", &crate::identity::random_token()[..16]),
        }
    }
}

/// A one-time code. Texts are short; emails say what the code is for and what to do if the
/// borrower did not ask for it.
pub fn one_time_code(
    site: &ServicerInfo,
    to: &Recipient,
    code: &str,
    purpose: &str,
    now_us: i64,
) -> NewMessage {
    let what = match purpose {
        "enroll" => "finish setting up your sign-in",
        "link" => "add a loan to your sign-in",
        _ => "sign in",
    };
    let body = match to.channel {
        Channel::Sms => format!(
            "{}: your code is {code}. It expires in 10 minutes. Never share it: we will never ask for it.",
            site.name
        ),
        _ => format!(
            "Your {name} code is {code}\n\nEnter it to {what}. It works once and expires in 10 minutes.\n\n\
             We will never call or write to ask for this code. If you did not ask for it, someone may \
             know your details: call us at {phone}.\n\n{name}\n",
            name = site.name,
            phone = site.phone,
        ),
    };
    to.message(
        format!("Your {} code: {code}", site.name),
        body,
        format!("otp:{purpose}:{}:{now_us}", to.borrower.0),
    )
}

/// A security alert: something about the sign-in changed. Sent to the address on file
/// before the change, so a borrower whose account was taken over hears of it.
pub fn security_alert(
    site: &ServicerInfo,
    to: &Recipient,
    what_changed: &str,
    now_us: i64,
) -> NewMessage {
    to.message(
        format!("Security alert: {what_changed}"),
        format!(
            "We are letting you know that {what_changed} on your {name} account.\n\n\
             If you did this, there is nothing more to do. If you did not, call us now at {phone} \
             ({hours}).\n\n{name}\n",
            name = site.name,
            phone = site.phone,
            hours = site.hours,
        ),
        format!("security:{}:{}:{now_us}", to.borrower.0, to.address),
    )
}

/// The username reminder.
pub fn username_reminder(
    site: &ServicerInfo,
    to: &Recipient,
    username: &str,
    now_us: i64,
) -> NewMessage {
    to.message(
        format!("Your {} username", site.name),
        format!(
            "You asked for your username. It is: {username}\n\nSign in at {web}/login\n\n\
             If you did not ask, you can ignore this message; your account has not changed.\n\n{name}\n",
            web = site.website,
            name = site.name,
        ),
        format!("username:{}:{now_us}", to.borrower.0),
    )
}

/// The password-reset link.
pub fn password_reset(site: &ServicerInfo, to: &Recipient, token: &str, now_us: i64) -> NewMessage {
    to.message(
        format!("Reset your {} password", site.name),
        format!(
            "Someone asked to reset the password of your {name} sign-in. To choose a new password, \
             open this link within 30 minutes. It works once:\n\n{web}/reset-password?token={token}\n\n\
             You will still need your second step (your authenticator app or a code we send) to sign in.\n\n\
             If you did not ask, ignore this message: your password has not changed.\n\n{name}\n",
            web = site.website,
            name = site.name,
        ),
        format!("reset:{}:{now_us}", to.borrower.0),
    )
}

/// The lockout notice.
pub fn lockout(site: &ServicerInfo, to: &Recipient, now_us: i64) -> NewMessage {
    to.message(
        format!("Your {} sign-in is locked", site.name),
        format!(
            "Wrong passwords or codes were entered for your sign-in {} times in a row, so we locked \
             it. To unlock it, reset your password at {web}/forgot-password (the link goes to this \
             address).\n\n\
             If it was not you, your password and second step kept them out. Call us at {phone} if \
             you would like to talk it through.\n\n{name}\n",
            crate::identity::LOCK_AFTER,
            web = site.website,
            phone = site.phone,
            name = site.name,
        ),
        format!("lockout:{}:{now_us}", to.borrower.0),
    )
}

/// Several wrong passwords or codes in a row: the owner is told, and nothing is locked.
pub fn failed_attempts(site: &ServicerInfo, to: &Recipient, now_us: i64) -> NewMessage {
    to.message(
        format!(
            "Wrong passwords were entered for your {} sign-in",
            site.name
        ),
        format!(
            "Someone entered the wrong password or code for your sign-in {} times in a row. Your \
             sign-in still works: your password and the second step get you in, and until you do \
             we ask for the second step on remembered devices too. If it was you, there is nothing \
             more to do.\n\n\
             If it was not you, they did not get in. To be safe, change your password at \
             {web}/forgot-password, or call us at {phone}.\n\n{name}\n",
            crate::identity::SLOW_AFTER,
            web = site.website,
            phone = site.phone,
            name = site.name,
        ),
        format!("failed-attempts:{}:{now_us}", to.borrower.0),
    )
}

/// Someone gave this borrower's account number and identity facts to enrol, and the borrower
/// already has a sign-in: they are told here, not on the screen (which says the same as for
/// wrong facts, so the screen confirms no one's facts).
pub fn already_enrolled(
    site: &ServicerInfo,
    to: &Recipient,
    username: &str,
    now_us: i64,
) -> NewMessage {
    to.message(
        format!("Someone tried to set up a {} sign-in for you", site.name),
        format!(
            "Someone entered your account number and identity details to set up a sign-in, but \
             you already have one. Your username is: {username}\n\n\
             Sign in at {web}/login, or reset your password at {web}/forgot-password. If it was \
             not you, call us at {phone}: they knew your details.\n\n{name}\n",
            web = site.website,
            phone = site.phone,
            name = site.name,
        ),
        format!("already-enrolled:{}:{now_us}", to.borrower.0),
    )
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
