//! The notices of staff's servicing actions on a borrower's payments: a payment reversed
//! (returned unpaid, posted in error, posted twice), and a payment moved from the loan it was
//! applied to by mistake to the loan it was meant for.

use crate::alerts::Alert;
use crate::payments::posting::Posted;
use crate::servicing::ReversalReason;
use domain::account_number::AccountNumber;
use i18n::{Localized, Tr};
use jiff::civil::Date;
use money::Money;
use store::Payment;

/// Why staff reversed a payment, in `tr`'s language, as the end of a sentence ("the payment
/// was posted twice").
pub(crate) fn reason_words(tr: Tr, reason: ReversalReason) -> String {
    tr.t(match reason {
        ReversalReason::ReturnedUnpaid => "notice-reversal-returned-unpaid",
        ReversalReason::PostedInError => "notice-reversal-posted-in-error",
        ReversalReason::Duplicate => "notice-reversal-duplicate",
    })
}

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
    let last4 = r.account.last4();
    let gone = r.reason.money_gone();
    Alert {
        alert: "payment_returned",
        subject: Localized::of(|tr| {
            let id = if gone {
                "notice-reversed-unpaid-subject"
            } else {
                "notice-reversed-removed-subject"
            };
            tr.t1(id, "amount", p.amount.usd())
        }),
        body: Localized::of(|tr| {
            let mut told = if gone {
                tr.args(
                    "notice-reversed-unpaid",
                    &[
                        ("amount", &p.amount.usd()),
                        ("confirmation", &p.confirmation),
                        ("date", &tr.date(p.credit_date)),
                        ("last4", &last4),
                        ("on", &tr.date(r.on)),
                    ],
                )
            } else {
                tr.args(
                    "notice-reversed-removed",
                    &[
                        ("on", &tr.date(r.on)),
                        ("amount", &p.amount.usd()),
                        ("confirmation", &p.confirmation),
                        ("date", &tr.date(p.credit_date)),
                        ("last4", &last4),
                        ("why", &reason_words(tr, r.reason)),
                    ],
                )
            };
            if r.nsf_fee.is_positive() {
                told.push(' ');
                told.push_str(&tr.t1("notice-reversed-fee", "fee", r.nsf_fee.usd()));
            }
            format!(
                "{told}\n\n{}\n",
                tr.t1("notice-questions-call", "phone", phone)
            )
        }),
        key: format!("payment-reversed:{}", p.id.0),
    }
}

/// To the borrower of the loan `from` a payment was applied to by mistake (another
/// borrower's money): it was taken off their loan on `on`, and the payments after it apply
/// without it. `phone`: the servicer's number, for questions.
pub fn payment_moved_off(p: &Payment, from: AccountNumber, on: Date, phone: &str) -> Alert {
    let last4 = from.last4();
    Alert {
        alert: "payment_returned",
        subject: Localized::of(|tr| tr.t1("notice-moved-off-subject", "amount", p.amount.usd())),
        body: Localized::of(|tr| {
            format!(
                "{}\n\n{}\n",
                tr.args(
                    "notice-moved-off",
                    &[
                        ("amount", &p.amount.usd()),
                        ("confirmation", &p.confirmation),
                        ("date", &tr.date(p.credit_date)),
                        ("last4", &last4),
                        ("on", &tr.date(on)),
                    ],
                ),
                tr.t1("notice-questions-call", "phone", phone),
            )
        }),
        key: format!("payment-moved-off:{}", p.id.0),
    }
}

/// To the borrower of the loan `to` a payment was meant for: `made` (the payment the move
/// made, credited as of the original's date) is applied to their loan, split as `posted`.
pub fn payment_moved_on(made: &Payment, posted: &Posted, to: AccountNumber) -> Alert {
    let last4 = to.last4();
    Alert {
        alert: "payment_received",
        subject: Localized::of(|tr| tr.t1("notice-moved-on-subject", "amount", made.amount.usd())),
        body: Localized::of(|tr| {
            format!(
                "{}\n\n{}",
                tr.t3(
                    "notice-moved-on",
                    "amount",
                    made.amount.usd(),
                    "last4",
                    &last4,
                    "date",
                    tr.date(made.credit_date),
                ),
                super::payments::applied_lines(tr, posted, &made.confirmation),
            )
        }),
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
    let (from, to) = (from.last4(), to.last4());
    Alert {
        alert: "payment_received",
        subject: Localized::of(|tr| {
            tr.t2(
                "notice-moved-between-subject",
                "amount",
                p.amount.usd(),
                "last4",
                &to,
            )
        }),
        body: Localized::of(|tr| {
            format!(
                "{}\n\n{}\n{}\n",
                tr.args(
                    "notice-moved-between",
                    &[
                        ("amount", &p.amount.usd()),
                        ("confirmation", &p.confirmation),
                        ("date", &tr.date(p.credit_date)),
                        ("from", &from),
                        ("to", &to),
                    ],
                ),
                tr.t3(
                    "notice-applied",
                    "principal",
                    split.principal.usd(),
                    "interest",
                    split.interest.usd(),
                    "fees",
                    split.fees.usd(),
                ),
                tr.t1(
                    "notice-new-confirmation-number",
                    "confirmation",
                    &made.confirmation
                ),
            )
        }),
        key: format!("payment-moved:{}", p.id.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::loan::ExtraTo;
    use domain::payment::{PaymentChannel, PaymentStatus, Rail};
    use i18n::Lang;
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

    /// An alert's English words.
    struct Plain {
        subject: String,
        body: String,
    }

    impl Plain {
        fn of(a: Alert) -> Self {
            Plain {
                subject: a.subject.get(Lang::En).to_owned(),
                body: a.body.get(Lang::En).to_owned(),
            }
        }
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
            returned.subject.get(Lang::En),
            "Your payment of $250.00 was returned unpaid"
        );
        assert_eq!(
            returned.subject.get(Lang::Es),
            "Su pago de $250.00 fue devuelto sin pagar"
        );
        let returned_es = returned.body.get(Lang::Es);
        assert!(
            returned_es.contains("cargo por pago devuelto de $25.00"),
            "{returned_es}"
        );
        let returned = Plain::of(returned);
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
        let no_fee = Plain::of(reversed(ReversalReason::ReturnedUnpaid, Money::ZERO));
        assert!(!no_fee.body.contains("fee"), "{}", no_fee.body);

        for (reason, why) in [
            (ReversalReason::PostedInError, "posted in error"),
            (ReversalReason::Duplicate, "posted twice"),
        ] {
            let error = Plain::of(reversed(reason, Money::ZERO));
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
