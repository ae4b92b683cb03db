//! What the borrower is told when a refund is decided: how much, where it goes, and when it
//! should arrive.

use super::RefundMethod;
use crate::alerts::Alert;
use domain::account_number::AccountNumber;
use i18n::Localized;
use money::Money;

/// "We are sending $125.40 back to your bank account ending 6789": the refund `reference` of
/// `amount` from the credit on the loan `account`, going to `to` (the method's words, in
/// every language) by `method`.
pub(super) fn refund_decided(
    reference: &str,
    amount: Money,
    method: RefundMethod,
    to: &Localized,
    account: AccountNumber,
) -> Alert {
    let (sending, arrives) = match method {
        RefundMethod::Ach => ("notice-refund-sending-bank", "notice-refund-arrives-bank"),
        RefundMethod::Card => ("notice-refund-sending-card", "notice-refund-arrives-card"),
        RefundMethod::Check => ("notice-refund-sending-check", "notice-refund-arrives-check"),
    };
    let last4 = account.last4();
    Alert {
        alert: "payment_received",
        subject: Localized::of(|tr| tr.t1("notice-refund-subject", "amount", amount.usd())),
        body: Localized::of(|tr| {
            format!(
                "{} {}\n\n{}\n{}\n",
                tr.t2(sending, "amount", amount.usd(), "to", to.get(tr.lang()),),
                tr.t(arrives),
                tr.t1("notice-refund-held", "last4", &last4),
                tr.t1("notice-refund-reference", "reference", reference),
            )
        }),
        key: format!("refund:{reference}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use i18n::Lang;

    #[test]
    fn the_borrower_is_told_how_much_where_and_when() {
        let to = Localized::of(|tr| tr.t1("notice-refund-to-bank-account", "last4", "6789"));
        let a = refund_decided(
            "R2345678ABCD",
            Money::from_cents(12_540),
            RefundMethod::Ach,
            &to,
            AccountNumber::from_base(521_840_000_000_201),
        );
        let body = a.body.get(Lang::En);
        assert!(
            body.starts_with("We are sending $125.40 back to your bank account ending 6789. It should arrive in 1 to 2 business days."),
            "{body}"
        );
        assert!(body.contains("R2345678ABCD"));
        assert_eq!(a.key, "refund:R2345678ABCD");
        assert_eq!(a.subject.get(Lang::En), "We are refunding $125.40");
        let es = a.body.get(Lang::Es);
        assert!(
            es.starts_with("Le devolvemos $125.40 a su cuenta bancaria que termina en 6789."),
            "{es}"
        );
        assert!(es.contains("R2345678ABCD"));
    }
}
