//! The notices of a payment: received (posted), scheduled (a bank payment waiting for its
//! day's file), cancelled by the borrower before it was sent, and returned by the bank.

use crate::alerts::Alert;
use crate::payments::one_time::Quote;
use crate::payments::posting::Posted;
use documents::long_date;
use domain::account_number::AccountNumber;
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
