//! What the borrower is told when a refund is decided: how much, where it goes, and when it
//! should arrive.

use super::RefundMethod;
use crate::alerts::Alert;
use domain::account_number::AccountNumber;
use money::Money;

/// "We are sending $125.40 back to your bank account ending 6789": the refund `reference` of
/// `amount` from the credit on the loan `account`, going to `to` (the method's words) by
/// `method`.
pub(super) fn refund_decided(
    reference: &str,
    amount: Money,
    method: RefundMethod,
    to: &str,
    account: AccountNumber,
) -> Alert {
    let (sending, arrives) = match method {
        RefundMethod::Ach => (
            format!("We are sending {} back to {to}.", amount.usd()),
            "It should arrive in 1 to 2 business days.",
        ),
        RefundMethod::Card => (
            format!("We are refunding {} to {to}.", amount.usd()),
            "It can take 5 to 10 business days to show on your card statement.",
        ),
        RefundMethod::Check => (
            format!("We are sending you {} by {to}.", amount.usd()),
            "Allow 7 to 10 business days for it to reach you.",
        ),
    };
    Alert {
        alert: "payment_received",
        subject: format!("We are refunding {}", amount.usd()),
        body: format!(
            "{sending} {arrives}\n\n\
             It is money we held for you as a credit on your loan ending in {last4}, and it is \
             no longer on the loan.\nReference: {reference}.\n",
            last4 = account.last4(),
        ),
        key: format!("refund:{reference}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_borrower_is_told_how_much_where_and_when() {
        let a = refund_decided(
            "R2345678ABCD",
            Money::from_cents(12_540),
            RefundMethod::Ach,
            "your bank account ending 6789",
            AccountNumber::from_base(521_840_000_000_201),
        );
        assert!(
            a.body
                .starts_with("We are sending $125.40 back to your bank account ending 6789. It should arrive in 1 to 2 business days."),
            "{}",
            a.body
        );
        assert!(a.body.contains("R2345678ABCD"));
        assert_eq!(a.key, "refund:R2345678ABCD");
        assert_eq!(a.subject, "We are refunding $125.40");
    }
}
