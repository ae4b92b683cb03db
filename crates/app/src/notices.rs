//! The words of the notices Servicer sends, in one place. Each notice is written to the
//! outbox in the transaction of the event that causes it, under a key unique to the event.
//! A notice to one address is a [`NewMessage`]; an account alert, sent by the channels the
//! borrower chose, is an [`Alert`] (the use cases decide which notice is owed and hand the
//! facts here: close of business's reminders and past-due notices are [`cycle_alert`]).

use crate::alerts::Alert;
use crate::servicer::ServicerInfo;
use documents::long_date;
use domain::notices::{LateFeeAhead, Notice};
use formats::boarding::BoardedLoan;
use jiff::civil::Date;
use money::Money;
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
