//! The notices of staff's servicing actions on a borrower's payments: a payment reversed
//! (returned unpaid, posted in error, posted twice), and a payment moved from the loan it was
//! applied to by mistake to the loan it was meant for.

use crate::alerts::Alert;
use crate::payments::posting::Posted;
use crate::servicing::ReversalReason;
use documents::long_date;
use domain::account_number::AccountNumber;
use jiff::civil::Date;
use money::Money;
use store::Payment;

/// The facts of a payment staff reversed, as its notice tells them.
#[derive(Clone, Copy, Debug)]
pub struct ReversedPayment<'a> {
    /// The payment reversed.
    pub payment: &'a Payment,
    /// The loan it was on.
    pub account: AccountNumber,
    /// Why.
    pub reason: ReversalReason,
    /// The business date it was reversed.
    pub on: Date,
    /// The returned-payment fee it drew (zero for none).
    pub nsf_fee: Money,
}

/// A payment staff reversed, in words true whatever becomes of its money. Returned unpaid:
/// the payment came back unpaid, so the money never reached us; it is off the loan, whose
/// balance is what it would be had the payment not been made, with the returned-payment fee
/// when one applies. Posted in error or twice: we removed a payment we posted to the loan by
/// mistake; if the money was the borrower's, we will apply it where it belongs or return it
/// (it may be someone else's, so nothing is promised back). `phone`: the servicer's number,
/// for questions.
pub fn payment_reversed(r: &ReversedPayment<'_>, phone: &str) -> Alert {
    let p = r.payment;
    let amount = p.amount.usd();
    let (subject, mut told) = if r.reason.money_gone() {
        (
            format!("Your payment of {amount} was returned unpaid"),
            format!(
                "Your payment of {amount} (confirmation {confirmation}, credited {date}) on your \
                 loan ending in {last4} came back unpaid, so the money never reached us. On {on} \
                 we took it off your loan: your balance is what it would be had the payment not \
                 been made, and the payments after it are applied without it.",
                confirmation = p.confirmation,
                date = long_date(p.credit_date),
                last4 = r.account.last4(),
                on = long_date(r.on),
            ),
        )
    } else {
        (
            format!("A payment of {amount} was removed from your loan"),
            format!(
                "On {on} we removed a payment of {amount} (confirmation {confirmation}, credited \
                 {date}) that we had posted to your loan ending in {last4} by mistake: {why}. \
                 Your balance is what it would be had it not been posted, and the payments after \
                 it are applied without it. If the money was yours, we will apply it where it \
                 belongs or return it to you.",
                on = long_date(r.on),
                confirmation = p.confirmation,
                date = long_date(p.credit_date),
                last4 = r.account.last4(),
                why = r.reason.describe(),
            ),
        )
    };
    if r.nsf_fee.is_positive() {
        told.push_str(&format!(
            " A returned-payment fee of {} applies, as your loan agreement allows.",
            r.nsf_fee.usd()
        ));
    }
    Alert {
        alert: "payment_returned",
        subject,
        body: format!("{told}\n\nQuestions? Call {phone}.\n"),
        key: format!("payment-reversed:{}", p.id.0),
    }
}

/// To the borrower of the loan `from` a payment was applied to by mistake (another
/// borrower's money): it was taken off their loan on `on`, and the payments after it apply
/// without it. `phone`: the servicer's number, for questions.
pub fn payment_moved_off(p: &Payment, from: AccountNumber, on: Date, phone: &str) -> Alert {
    Alert {
        alert: "payment_returned",
        subject: format!("A payment of {} was moved off your loan", p.amount.usd()),
        body: format!(
            "A payment of {amount} (confirmation {confirmation}, credited {date}) was applied to \
             your loan ending in {last4} by mistake: it was meant for another loan. On {on} we \
             took it off your loan and applied it where it belongs. The payments after it on your \
             loan are applied as if it had not been made.\n\nQuestions? Call {phone}.\n",
            amount = p.amount.usd(),
            confirmation = p.confirmation,
            date = long_date(p.credit_date),
            last4 = from.last4(),
            on = long_date(on),
        ),
        key: format!("payment-moved-off:{}", p.id.0),
    }
}

/// To the borrower of the loan `to` a payment was meant for: `made` (the payment the move
/// made, credited as of the original's date) is applied to their loan, split as `posted`.
pub fn payment_moved_on(made: &Payment, posted: &Posted, to: AccountNumber) -> Alert {
    let s = posted.split;
    let mut body = format!(
        "A payment of {amount} for your loan ending in {last4} had been applied to another loan by \
         mistake. It is now applied to your loan, credited {date} as it was received.\n\n\
         Applied: {principal} to principal, {interest} to interest, {fees} to fees.\n\
         Confirmation number: {confirmation}.\n",
        amount = made.amount.usd(),
        last4 = to.last4(),
        date = long_date(made.credit_date),
        principal = s.principal.usd(),
        interest = s.interest.usd(),
        fees = s.fees.usd(),
        confirmation = made.confirmation,
    );
    if s.unapplied.is_positive() {
        body.push_str(&format!(
            "{} was more than the loan's balance: we hold it as a credit on your account. Call us to have it refunded.\n",
            s.unapplied.usd()
        ));
    }
    Alert {
        alert: "payment_received",
        subject: format!("Payment of {} applied to your loan", made.amount.usd()),
        body,
        key: format!("payment-moved-on:{}", made.id.0),
    }
}

/// To a borrower whose payment `p` was applied to their loan `from` by mistake and moved to
/// their loan `to` (as `made`, credited as of the same date).
pub fn payment_moved_between(
    p: &Payment,
    made: &Payment,
    from: AccountNumber,
    to: AccountNumber,
) -> Alert {
    let split = made.split.unwrap_or_default();
    Alert {
        alert: "payment_received",
        subject: format!(
            "Your payment of {} was moved to your loan ending in {}",
            p.amount.usd(),
            to.last4()
        ),
        body: format!(
            "Your payment of {amount} (confirmation {confirmation}, credited {date}) was applied to \
             your loan ending in {from} by mistake. We moved it to your loan ending in {to}, \
             credited as of the same date. The payments after it on the loan ending in {from} are \
             applied as if it had not been made.\n\n\
             Applied: {principal} to principal, {interest} to interest, {fees} to fees.\n\
             New confirmation number: {made}.\n",
            amount = p.amount.usd(),
            confirmation = p.confirmation,
            date = long_date(p.credit_date),
            from = from.last4(),
            to = to.last4(),
            principal = split.principal.usd(),
            interest = split.interest.usd(),
            fees = split.fees.usd(),
            made = made.confirmation,
        ),
        key: format!("payment-moved:{}", p.id.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::loan::ExtraTo;
    use domain::payment::{PaymentChannel, PaymentStatus, Rail};
    use jiff::civil::date;
    use store::{LoanId, NewPayment, PaymentId};

    fn payment(cents: i64) -> Payment {
        let new = NewPayment {
            confirmation: "P23456789ABC".into(),
            loan: LoanId(1),
            login: None,
            method: None,
            autopay: None,
            installment: None,
            draft_on: None,
            retry_of: None,
            channel: PaymentChannel::Mail,
            rail: Rail::Check,
            amount: Money::from_cents(cents),
            extra: ExtraTo::Principal,
            credit_date: date(2026, 11, 2),
            status: PaymentStatus::Posted,
            card_authorization: None,
            decline_reason: None,
            bank: None,
            actor: "staff:7".into(),
            client_ip: None,
        };
        Payment::recorded(PaymentId(41), &new, 0)
    }

    #[test]
    fn a_reversal_says_why_and_promises_only_what_is_true_of_the_money() {
        let p = payment(25_000);
        let account = AccountNumber::from_base(521_840_000_000_301);
        let reversed = |reason: ReversalReason, nsf_fee: Money| {
            payment_reversed(
                &ReversedPayment {
                    payment: &p,
                    account,
                    reason,
                    on: date(2026, 11, 24),
                    nsf_fee,
                },
                "1-800-555-0100",
            )
        };
        let returned = reversed(ReversalReason::ReturnedUnpaid, Money::from_cents(2_500));
        assert_eq!(returned.alert, "payment_returned");
        assert_eq!(
            returned.subject,
            "Your payment of $250.00 was returned unpaid"
        );
        for said in [
            "$250.00",
            "P23456789ABC",
            "came back unpaid",
            "never reached us",
            "what it would be had the payment not been made",
            "fee of $25.00",
            "1-800-555-0100",
        ] {
            assert!(returned.body.contains(said), "{said}: {}", returned.body);
        }
        assert!(returned.body.contains(&account.last4()));
        assert!(!returned.body.contains("return it to you"));
        let no_fee = reversed(ReversalReason::ReturnedUnpaid, Money::ZERO);
        assert!(!no_fee.body.contains("fee"), "{}", no_fee.body);

        for (reason, why) in [
            (ReversalReason::PostedInError, "posted in error"),
            (ReversalReason::Duplicate, "posted twice"),
        ] {
            let error = reversed(reason, Money::ZERO);
            assert_eq!(
                error.subject,
                "A payment of $250.00 was removed from your loan"
            );
            for said in [
                "we removed a payment of $250.00",
                "by mistake",
                why,
                "If the money was yours, we will apply it where it belongs or return it to you.",
            ] {
                assert!(error.body.contains(said), "{said}: {}", error.body);
            }
            // Nothing said that may not be true: the money may be someone else's.
            for unsaid in ["send it back to you", "We still hold", "fee", "unpaid"] {
                assert!(!error.body.contains(unsaid), "{unsaid}: {}", error.body);
            }
        }
    }
}
