//! The notices of a payment: received (posted), scheduled (a bank payment waiting for its
//! day's file), cancelled by the borrower before it was sent, returned by the bank, and
//! (the night before its credit date) a scheduled payment that will no longer do what its
//! review said.

use crate::alerts::Alert;
use crate::payments::one_time::Quote;
use crate::payments::posting::Posted;
use documents::long_date;
use domain::account_number::AccountNumber;
use domain::payment::{NextAfter, Promise, Why};
use formats::nacha;
use jiff::civil::Date;
use store::Payment;

/// "Payment received": the amount, the date credited and the split of payment `p` as
/// `posted` on the loan `account` (and that it paid the loan off, when it did).
pub fn payment_received(p: &Payment, posted: &Posted, account: AccountNumber) -> Alert {
    let s = posted.split;
    let mut body = format!(
        "We received your payment of {amount} on your loan ending in {last4}, credited {date}.\n\n\
         Applied: {principal} to principal, {interest} to interest, {fees} to fees.\n\
         Confirmation number: {confirmation}.\n",
        amount = p.amount.usd(),
        last4 = account.last4(),
        date = long_date(p.credit_date),
        principal = s.principal.usd(),
        interest = s.interest.usd(),
        fees = s.fees.usd(),
        confirmation = p.confirmation,
    );
    if s.unapplied.is_positive() {
        body.push_str(&format!(
            "{} was more than the loan's balance: we hold it as a credit on your account. Call us to have it refunded.\n",
            s.unapplied.usd()
        ));
    }
    if posted.paid_off {
        body.push_str("This payment paid your loan in full. Thank you.\n");
    }
    Alert {
        alert: if posted.paid_off {
            "paid_off"
        } else {
            "payment_received"
        },
        subject: format!("Payment of {} received", p.amount.usd()),
        body,
        key: format!("payment-received:{}", p.id.0),
    }
}

/// The receipt of bank payment `p`, scheduled on the loan `account` as quoted (`q`: the
/// method and the expected split).
pub fn payment_scheduled(p: &Payment, q: &Quote, account: AccountNumber) -> Alert {
    Alert {
        alert: "payment_received",
        subject: format!(
            "Payment of {} scheduled for {}",
            p.amount.usd(),
            long_date(p.credit_date)
        ),
        body: format!(
            "Your payment of {amount} on your loan ending in {last4} is scheduled from {method} \
             and will be credited {date}.\n\nExpected split: {principal} to principal, {interest} \
             to interest, {fees} to fees.\nConfirmation number: {confirmation}.\n\nYou can cancel \
             it in the portal until it is sent to your bank at the cutoff on {date}.\n",
            amount = p.amount.usd(),
            last4 = account.last4(),
            method = q.method.nickname,
            date = long_date(p.credit_date),
            principal = q.split.principal.usd(),
            interest = q.split.interest.usd(),
            fees = q.split.fees.usd(),
            confirmation = p.confirmation,
        ),
        key: format!("payment-scheduled:{}", p.id.0),
    }
}

/// "Payment cancelled": the borrower cancelled bank payment `p` on the loan `account` before
/// it was sent, so nothing is taken for it. Sent by the same channels as its
/// [`payment_scheduled`] notice (the same alert), so that notice does not stand alone.
pub fn payment_cancelled(p: &Payment, account: AccountNumber) -> Alert {
    Alert {
        alert: "payment_received",
        subject: format!(
            "Payment of {} for {} cancelled",
            p.amount.usd(),
            long_date(p.credit_date)
        ),
        body: format!(
            "You cancelled your payment of {amount} on your loan ending in {last4}, which was \
             scheduled for {date} (confirmation number {confirmation}). It will not be sent to \
             your bank and nothing will be taken for it.\n\nIf a payment is still due, make \
             it in the portal before its due date.\n",
            amount = p.amount.usd(),
            last4 = account.last4(),
            date = long_date(p.credit_date),
            confirmation = p.confirmation,
        ),
        key: format!("payment-cancelled:{}", p.id.0),
    }
}

/// What a return did to the loan's AutoPay, as the borrower is told.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AutopayStopped {
    /// Stopped because the bank reports the debit was not authorized: a new authorization is
    /// needed.
    NotAuthorized,
    /// Stopped because the account cannot be debited: another account is needed.
    AccountUnusable,
}

/// The facts of a payment the bank returned, as its notice tells them.
#[derive(Clone, Copy, Debug)]
pub struct Returned<'a> {
    /// The payment returned.
    pub payment: &'a Payment,
    /// The bank's return reason code ("R01", …).
    pub code: &'a str,
    /// The last four digits of the loan's account number.
    pub last4: &'a str,
    /// A returned-payment fee applies (the reason is insufficient funds and the loan has one).
    pub fee_applies: bool,
    /// The day the payment is tried once more, if it is.
    pub retry_on: Option<Date>,
    /// The loan's AutoPay stopped because of the return, and why.
    pub autopay_stopped: Option<AutopayStopped>,
}

/// "Your payment was returned": the payment, the bank's reason, that it is off the loan, the
/// returned-payment fee when one applies, the retry when there is one, and the AutoPay stopped
/// when it was. `phone`: the servicer's number, for questions.
pub fn payment_returned(r: &Returned<'_>, phone: &str) -> Alert {
    let p = r.payment;
    let mut told = format!(
        "Your bank returned your payment of {amount} (confirmation {confirmation}) on your loan ending in {last4}: {why} ({code}). \
         The payment has been taken off your loan.",
        amount = p.amount.usd(),
        confirmation = p.confirmation,
        last4 = r.last4,
        why = nacha::return_reason(r.code),
        code = r.code,
    );
    if r.fee_applies {
        told.push_str(" A returned-payment fee applies as your loan agreement allows.");
    }
    if let Some(on) = r.retry_on {
        told.push_str(&format!(
            " We will try the payment once more on {}.",
            long_date(on)
        ));
    }
    if let Some(stopped) = r.autopay_stopped {
        told.push_str(match stopped {
            AutopayStopped::NotAuthorized => {
                " Your AutoPay has stopped: your bank reports it was not authorized. To pay by AutoPay again, set it up anew in the portal."
            }
            AutopayStopped::AccountUnusable => {
                " Your AutoPay from this account has stopped. Add another account and set up AutoPay again in the portal."
            }
        });
    }
    Alert {
        alert: "payment_returned",
        subject: format!("Your payment of {} was returned", p.amount.usd()),
        body: format!("{told}\n\nQuestions? Call {phone}.\n"),
        key: format!("payment-returned:{}", p.id.0),
    }
}

/// A payment scheduled for a later date that will no longer do what its review told the
/// borrower, as they are told the night before its credit date.
#[derive(Clone, Copy, Debug)]
pub struct PromiseChanged<'a> {
    /// The payment, still scheduled.
    pub payment: &'a Payment,
    /// The loan's account number.
    pub account: AccountNumber,
    /// What its review said.
    pub promised: Promise,
    /// What it will do now, projected as the review projected it.
    pub now: &'a NextAfter,
    /// Why, as the borrower can check it.
    pub why: Why,
}

/// What the payment will do now, and why, in the sentences the borrower is sent and the portal
/// shows with the pending payment: "Your payment of $500.00 on December 18, 2026 will now also
/// pay $361.86 toward your payment due January 15, 2027, because …".
pub fn promise_changed_words(c: &PromiseChanged<'_>) -> String {
    let p = c.payment;
    let will = match (Promise::of(c.now), c.promised) {
        (Promise::CountsAhead { due, amount }, Promise::NextStillDue) => format!(
            "will now also pay {} toward your payment due {}",
            amount.usd(),
            long_date(due)
        ),
        (
            Promise::CountsAhead { due, amount },
            Promise::CountsAhead {
                due: said_due,
                amount: said,
            },
        ) if due == said_due => format!(
            "will now pay {} toward your payment due {}, not the {} we told you",
            amount.usd(),
            long_date(due),
            said.usd()
        ),
        (Promise::CountsAhead { due, amount }, Promise::CountsAhead { due: said_due, .. }) => {
            format!(
                "will now pay {} toward your payment due {} instead of your payment due {}",
                amount.usd(),
                long_date(due),
                long_date(said_due)
            )
        }
        (Promise::NextStillDue, Promise::CountsAhead { due: said_due, .. }) => format!(
            "will no longer pay toward your payment due {}",
            long_date(said_due)
        ),
        (Promise::NextStillDue, Promise::NextStillDue) => {
            "will be applied differently than we told you".to_owned()
        }
    };
    let after = match c.now.next_due {
        Some((due, amount)) => format!(
            "After it, your next payment is {} due {}.",
            amount.usd(),
            long_date(due)
        ),
        None => "After it, nothing more is due on this loan.".to_owned(),
    };
    format!(
        "Your payment of {amount} on {date} {will}, because {because}. {after}",
        amount = p.amount.usd(),
        date = long_date(p.credit_date),
        because = because(c.why, p.credit_date),
    )
}

/// The reason a payment credited `credit_date` will do something else, as the end of a
/// sentence ("… because your payment due January 15, 2027 will already be paid by then").
fn because(why: Why, credit_date: Date) -> String {
    match why {
        Why::LoanClosed => "your loan will already be paid in full by then".to_owned(),
        Why::EarlierUnpaid(unpaid) => format!(
            "{} of your payments already due will still be unpaid then, and it pays that first",
            unpaid.usd()
        ),
        Why::AlreadyPaid(due) => format!(
            "your payment due {} will already be paid by then",
            long_date(due)
        ),
        Why::DueDatesChanged => "your due dates have changed since you scheduled it".to_owned(),
        Why::NextUnpaid { due, unpaid } => format!(
            "{} is the next due date after {} and {} of that payment will still be unpaid then",
            long_date(due),
            long_date(credit_date),
            unpaid.usd()
        ),
        Why::LoanChanged => "your loan has changed since you scheduled it".to_owned(),
    }
}

/// The notice of a scheduled payment that will no longer do what its review said: what it will
/// do now and why (`words`, [`promise_changed_words`]), what the review said, and that the
/// borrower may cancel it in the portal until it is sent at the cutoff on its credit date.
/// Sent the night before, by the channels of the payment's "scheduled" notice (the same
/// alert); `phone`: the servicer's number, for questions.
pub fn payment_promise_changed(c: &PromiseChanged<'_>, words: &str, phone: &str) -> Alert {
    let p = c.payment;
    let said = match c.promised {
        Promise::NextStillDue => "none of it would count toward a payment not yet due, so your \
                                  next payment would still be due in full"
            .to_owned(),
        Promise::CountsAhead { due, amount } => format!(
            "{} of it would count toward your payment due {}",
            amount.usd(),
            long_date(due)
        ),
    };
    Alert {
        alert: "payment_received",
        subject: format!(
            "Your payment of {} on {} will apply differently",
            p.amount.usd(),
            long_date(p.credit_date)
        ),
        body: format!(
            "{words}\n\nWhen you scheduled this payment on your loan ending in {last4} \
             (confirmation number {confirmation}), we told you {said}. Your loan has changed \
             since then, so that is no longer what will happen.\n\nIf you do not want the \
             payment to go ahead as it now will, cancel it in the portal before it is sent to \
             your bank at the cutoff on {date}, and make the payment you want instead. If you \
             do nothing, it will be credited on {date} as described above.\n\nQuestions? Call \
             {phone}.\n",
            last4 = c.account.last4(),
            confirmation = p.confirmation,
            date = long_date(p.credit_date),
        ),
        key: format!("payment-promise:{}", p.id.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::loan::ExtraTo;
    use domain::payment::{PaymentChannel, PaymentStatus, Rail};
    use jiff::civil::date;
    use money::Money;
    use store::{LoanId, NewPayment, PaymentId};

    /// $500.00 by bank, extra to principal, scheduled for December 18, 2026.
    fn scheduled() -> Payment {
        let new = NewPayment {
            confirmation: "P23456789ABC".into(),
            loan: LoanId(1),
            login: None,
            method: None,
            autopay: None,
            installment: None,
            draft_on: None,
            retry_of: None,
            channel: PaymentChannel::Web,
            rail: Rail::Ach,
            amount: Money::from_cents(50_000),
            extra: ExtraTo::Principal,
            credit_date: date(2026, 12, 18),
            status: PaymentStatus::Scheduled,
            card_authorization: None,
            decline_reason: None,
            bank: None,
            actor: "login:1".into(),
            client_ip: None,
        };
        Payment::recorded(PaymentId(7), &new, 0)
    }

    #[test]
    fn a_broken_promise_says_what_will_happen_instead_why_and_how_to_stop_it() {
        let p = scheduled();
        let january = date(2027, 1, 15);
        let now = NextAfter {
            counts_ahead: Some((january, Money::from_cents(36_186))),
            next_due: Some((date(2027, 2, 15), Money::from_cents(36_186))),
        };
        let changed = PromiseChanged {
            payment: &p,
            account: AccountNumber::from_base(521_840_000_000_101),
            promised: Promise::NextStillDue,
            now: &now,
            why: Why::NextUnpaid {
                due: january,
                unpaid: Money::from_cents(36_186),
            },
        };
        let words = promise_changed_words(&changed);
        assert_eq!(
            words,
            "Your payment of $500.00 on December 18, 2026 will now also pay $361.86 toward your \
             payment due January 15, 2027, because January 15, 2027 is the next due date after \
             December 18, 2026 and $361.86 of that payment will still be unpaid then. After it, \
             your next payment is $361.86 due February 15, 2027."
        );
        let alert = payment_promise_changed(&changed, &words, "1-800-555-0142");
        assert_eq!(alert.alert, "payment_received");
        assert_eq!(alert.key, "payment-promise:7");
        assert!(alert.body.starts_with(&words));
        for said in [
            "we told you none of it would count toward a payment not yet due",
            "cancel it in the portal before it is sent to your bank at the cutoff on December 18, 2026",
            "confirmation number P23456789ABC",
            "1-800-555-0142",
        ] {
            assert!(alert.body.contains(said), "{said}: {}", alert.body);
        }
        // Promised toward a payment that will be paid by then.
        let still = NextAfter {
            counts_ahead: None,
            next_due: Some((date(2027, 2, 15), Money::from_cents(36_186))),
        };
        let no_longer = promise_changed_words(&PromiseChanged {
            promised: Promise::CountsAhead {
                due: january,
                amount: Money::from_cents(36_186),
            },
            now: &still,
            why: Why::AlreadyPaid(january),
            ..changed
        });
        assert!(
            no_longer.contains(
                "will no longer pay toward your payment due January 15, 2027, because your \
                 payment due January 15, 2027 will already be paid by then"
            ),
            "{no_longer}"
        );
    }
}
