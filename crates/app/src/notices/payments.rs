//! The notices of a payment: received (posted), scheduled (a bank payment waiting for its
//! day's file), cancelled by the borrower before it was sent, returned by the bank, and
//! (the night before its credit date) a scheduled payment that will no longer do what its
//! review said.

use crate::alerts::Alert;
use crate::payments::one_time::Quote;
use crate::payments::posting::Posted;
use domain::account_number::AccountNumber;
use domain::payment::{NextAfter, Promise, Why};
use i18n::{Localized, Tr};
use jiff::civil::Date;
use money::Money;
use store::Payment;

/// "Applied: … to principal, … to interest, … to fees." (`id`: the words that open it).
fn split_line(tr: Tr, id: &str, principal: Money, interest: Money, fees: Money) -> String {
    tr.t3(
        id,
        "principal",
        principal.usd(),
        "interest",
        interest.usd(),
        "fees",
        fees.usd(),
    )
}

/// What a payment posted as `posted` did, after its first paragraph: the split, the
/// confirmation number, the credit held when it paid more than the balance.
pub(super) fn applied_lines(tr: Tr, posted: &Posted, confirmation: &str) -> String {
    let s = posted.split;
    let mut lines = format!(
        "{}\n{}\n",
        split_line(tr, "notice-applied", s.principal, s.interest, s.fees),
        tr.t1("notice-confirmation-number", "confirmation", confirmation),
    );
    if s.unapplied.is_positive() {
        lines.push_str(&tr.t1("notice-unapplied", "amount", s.unapplied.usd()));
        lines.push('\n');
    }
    lines
}

/// "Payment received": the amount, the date credited and the split of payment `p` as
/// `posted` on the loan `account` (and that it paid the loan off, when it did).
pub fn payment_received(p: &Payment, posted: &Posted, account: AccountNumber) -> Alert {
    let last4 = account.last4();
    Alert {
        alert: if posted.paid_off {
            "paid_off"
        } else {
            "payment_received"
        },
        subject: Localized::of(|tr| tr.t1("notice-received-subject", "amount", p.amount.usd())),
        body: Localized::of(|tr| {
            let mut body = format!(
                "{}\n\n{}",
                tr.t3(
                    "notice-received",
                    "amount",
                    p.amount.usd(),
                    "last4",
                    &last4,
                    "date",
                    tr.date(p.credit_date),
                ),
                applied_lines(tr, posted, &p.confirmation),
            );
            if posted.paid_off {
                body.push_str(&tr.t("notice-received-paid-off"));
                body.push('\n');
            }
            body
        }),
        key: format!("payment-received:{}", p.id.0),
    }
}

/// The receipt of bank payment `p`, scheduled on the loan `account` as quoted (`q`: the
/// method and the expected split).
pub fn payment_scheduled(p: &Payment, q: &Quote, account: AccountNumber) -> Alert {
    let last4 = account.last4();
    Alert {
        alert: "payment_received",
        subject: Localized::of(|tr| {
            tr.t2(
                "notice-scheduled-subject",
                "amount",
                p.amount.usd(),
                "date",
                tr.date(p.credit_date),
            )
        }),
        body: Localized::of(|tr| {
            format!(
                "{}\n\n{}\n{}\n\n{}\n",
                tr.args(
                    "notice-scheduled",
                    &[
                        ("amount", &p.amount.usd()),
                        ("last4", &last4),
                        (
                            "method",
                            &crate::payment_methods::nickname_in(tr.lang(), &q.method),
                        ),
                        ("date", &tr.date(p.credit_date)),
                    ],
                ),
                split_line(
                    tr,
                    "notice-expected-split",
                    q.split.principal,
                    q.split.interest,
                    q.split.fees,
                ),
                tr.t1(
                    "notice-confirmation-number",
                    "confirmation",
                    &p.confirmation
                ),
                tr.t1("notice-scheduled-cancel", "date", tr.date(p.credit_date)),
            )
        }),
        key: format!("payment-scheduled:{}", p.id.0),
    }
}

/// "Payment cancelled": the borrower cancelled bank payment `p` on the loan `account` before
/// it was sent, so nothing is taken for it. Sent by the same channels as its
/// [`payment_scheduled`] notice (the same alert), so that notice does not stand alone.
pub fn payment_cancelled(p: &Payment, account: AccountNumber) -> Alert {
    let last4 = account.last4();
    Alert {
        alert: "payment_received",
        subject: Localized::of(|tr| {
            tr.t2(
                "notice-cancelled-subject",
                "amount",
                p.amount.usd(),
                "date",
                tr.date(p.credit_date),
            )
        }),
        body: Localized::of(|tr| {
            format!(
                "{}\n\n{}\n",
                tr.args(
                    "notice-cancelled",
                    &[
                        ("amount", &p.amount.usd()),
                        ("last4", &last4),
                        ("date", &tr.date(p.credit_date)),
                        ("confirmation", &p.confirmation),
                    ],
                ),
                tr.t("notice-cancelled-still-due"),
            )
        }),
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

/// The message of a bank's return reason `code`, in plain words (as
/// `formats::nacha::return_reason` says them in English).
pub(crate) fn return_reason_id(code: &str) -> &'static str {
    match code {
        "R01" => "notice-return-r01",
        "R02" => "notice-return-r02",
        "R03" => "notice-return-r03",
        "R04" => "notice-return-r04",
        "R05" | "R07" | "R10" | "R29" => "notice-return-not-authorized",
        "R08" => "notice-return-r08",
        "R09" => "notice-return-r09",
        "R16" => "notice-return-r16",
        "R20" => "notice-return-r20",
        _ => "notice-return-other",
    }
}

/// "Your payment was returned": the payment, the bank's reason, that it is off the loan, the
/// returned-payment fee when one applies, the retry when there is one, and the AutoPay stopped
/// when it was. `phone`: the servicer's number, for questions.
pub fn payment_returned(r: &Returned<'_>, phone: &str) -> Alert {
    let p = r.payment;
    Alert {
        alert: "payment_returned",
        subject: Localized::of(|tr| tr.t1("notice-returned-subject", "amount", p.amount.usd())),
        body: Localized::of(|tr| {
            let mut told = tr.args(
                "notice-returned",
                &[
                    ("amount", &p.amount.usd()),
                    ("confirmation", &p.confirmation),
                    ("last4", &r.last4),
                    ("why", &tr.t(return_reason_id(r.code))),
                    ("code", &r.code),
                ],
            );
            if r.fee_applies {
                told.push(' ');
                told.push_str(&tr.t("notice-returned-fee"));
            }
            if let Some(on) = r.retry_on {
                told.push(' ');
                told.push_str(&tr.t1("notice-returned-retry", "date", tr.date(on)));
            }
            if let Some(stopped) = r.autopay_stopped {
                told.push(' ');
                told.push_str(&tr.t(match stopped {
                    AutopayStopped::NotAuthorized => "notice-returned-autopay-not-authorized",
                    AutopayStopped::AccountUnusable => "notice-returned-autopay-account",
                }));
            }
            format!(
                "{told}\n\n{}\n",
                tr.t1("notice-questions-call", "phone", phone)
            )
        }),
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

/// What the payment will do now, and why, in the sentences (in `tr`'s language) the borrower
/// is sent and the portal shows with the pending payment: "Your payment of $500.00 on
/// December 18, 2026 will now also pay $361.86 toward your payment due January 15, 2027,
/// because …".
pub fn promise_changed_words(tr: Tr, c: &PromiseChanged<'_>) -> String {
    let p = c.payment;
    let will = match (Promise::of(c.now), c.promised) {
        (Promise::CountsAhead { due, amount }, Promise::NextStillDue) => tr.t2(
            "notice-promise-will-also-pay",
            "amount",
            amount.usd(),
            "due",
            tr.date(due),
        ),
        (
            Promise::CountsAhead { due, amount },
            Promise::CountsAhead {
                due: said_due,
                amount: said,
            },
        ) if due == said_due => tr.t3(
            "notice-promise-will-pay-not",
            "amount",
            amount.usd(),
            "due",
            tr.date(due),
            "said",
            said.usd(),
        ),
        (Promise::CountsAhead { due, amount }, Promise::CountsAhead { due: said_due, .. }) => tr
            .t3(
                "notice-promise-will-pay-instead",
                "amount",
                amount.usd(),
                "due",
                tr.date(due),
                "said",
                tr.date(said_due),
            ),
        (Promise::NextStillDue, Promise::CountsAhead { due: said_due, .. }) => {
            tr.t1("notice-promise-no-longer", "due", tr.date(said_due))
        }
        (Promise::NextStillDue, Promise::NextStillDue) => tr.t("notice-promise-differently"),
    };
    let after = match c.now.next_due {
        Some((due, amount)) => tr.t2(
            "notice-promise-after",
            "amount",
            amount.usd(),
            "due",
            tr.date(due),
        ),
        None => tr.t("notice-promise-after-nothing"),
    };
    tr.args(
        "notice-promise-words",
        &[
            ("amount", &p.amount.usd()),
            ("date", &tr.date(p.credit_date)),
            ("will", &will),
            ("because", &because(tr, c.why, p.credit_date)),
            ("after", &after),
        ],
    )
}

/// The reason a payment credited `credit_date` will do something else, as the end of a
/// sentence ("… because your payment due January 15, 2027 will already be paid by then").
fn because(tr: Tr, why: Why, credit_date: Date) -> String {
    match why {
        Why::LoanClosed => tr.t("notice-because-loan-closed"),
        Why::EarlierUnpaid(unpaid) => {
            tr.t1("notice-because-earlier-unpaid", "unpaid", unpaid.usd())
        }
        Why::AlreadyPaid(due) => tr.t1("notice-because-already-paid", "due", tr.date(due)),
        Why::DueDatesChanged => tr.t("notice-because-due-dates-changed"),
        Why::NextUnpaid { due, unpaid } => tr.t3(
            "notice-because-next-unpaid",
            "due",
            tr.date(due),
            "date",
            tr.date(credit_date),
            "unpaid",
            unpaid.usd(),
        ),
        Why::LoanChanged => tr.t("notice-because-loan-changed"),
    }
}

/// The notice of a scheduled payment that will no longer do what its review said: what it will
/// do now and why ([`promise_changed_words`]), what the review said, and that the borrower
/// may cancel it in the portal until it is sent at the cutoff on its credit date. Sent the
/// night before, by the channels of the payment's "scheduled" notice (the same alert);
/// `phone`: the servicer's number, for questions.
pub fn payment_promise_changed(c: &PromiseChanged<'_>, phone: &str) -> Alert {
    let p = c.payment;
    let last4 = c.account.last4();
    Alert {
        alert: "payment_received",
        subject: Localized::of(|tr| {
            tr.t2(
                "notice-promise-subject",
                "amount",
                p.amount.usd(),
                "date",
                tr.date(p.credit_date),
            )
        }),
        body: Localized::of(|tr| {
            let said = match c.promised {
                Promise::NextStillDue => tr.t("notice-promise-said-still-due"),
                Promise::CountsAhead { due, amount } => tr.t2(
                    "notice-promise-said-counts",
                    "amount",
                    amount.usd(),
                    "due",
                    tr.date(due),
                ),
            };
            format!(
                "{}\n\n{}\n\n{}\n\n{}\n",
                promise_changed_words(tr, c),
                tr.t3(
                    "notice-promise-told",
                    "last4",
                    &last4,
                    "confirmation",
                    &p.confirmation,
                    "said",
                    said,
                ),
                tr.t1("notice-promise-cancel", "date", tr.date(p.credit_date)),
                tr.t1("notice-questions-call", "phone", phone),
            )
        }),
        key: format!("payment-promise:{}", p.id.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::loan::ExtraTo;
    use domain::payment::{PaymentChannel, PaymentStatus, Rail};
    use i18n::Lang;
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
        let words = promise_changed_words(Lang::En.tr(), &changed);
        assert_eq!(
            words,
            "Your payment of $500.00 on December 18, 2026 will now also pay $361.86 toward your \
             payment due January 15, 2027, because January 15, 2027 is the next due date after \
             December 18, 2026 and $361.86 of that payment will still be unpaid then. After it, \
             your next payment is $361.86 due February 15, 2027."
        );
        let alert = payment_promise_changed(&changed, "1-800-555-0142");
        assert_eq!(alert.alert, "payment_received");
        assert_eq!(alert.key, "payment-promise:7");
        let body = alert.body.get(Lang::En);
        assert!(body.starts_with(&words));
        for said in [
            "we told you none of it would count toward a payment not yet due",
            "cancel it in the portal before it is sent to your bank at the cutoff on December 18, 2026",
            "confirmation number P23456789ABC",
            "1-800-555-0142",
        ] {
            assert!(body.contains(said), "{said}: {body}");
        }
        let es = promise_changed_words(Lang::Es.tr(), &changed);
        assert_eq!(
            es,
            "Su pago de $500.00 del 18 de diciembre de 2026 ahora también pagará $361.86 del \
             pago que vence el 15 de enero de 2027, porque el 15 de enero de 2027 es la próxima \
             fecha de vencimiento después del 18 de diciembre de 2026 y $361.86 de ese pago \
             seguirá sin pagar en esa fecha. Después de este pago, su próximo pago es de \
             $361.86 y vence el 15 de febrero de 2027."
        );
        assert!(alert.body.get(Lang::Es).starts_with(&es));
        assert!(
            alert
                .subject
                .get(Lang::Es)
                .starts_with("Su pago de $500.00 del 18 de diciembre"),
            "{}",
            alert.subject.get(Lang::Es)
        );
        // Promised toward a payment that will be paid by then.
        let still = NextAfter {
            counts_ahead: None,
            next_due: Some((date(2027, 2, 15), Money::from_cents(36_186))),
        };
        let no_longer = promise_changed_words(
            Lang::En.tr(),
            &PromiseChanged {
                promised: Promise::CountsAhead {
                    due: january,
                    amount: Money::from_cents(36_186),
                },
                now: &still,
                why: Why::AlreadyPaid(january),
                ..changed
            },
        );
        assert!(
            no_longer.contains(
                "will no longer pay toward your payment due January 15, 2027, because your \
                 payment due January 15, 2027 will already be paid by then"
            ),
            "{no_longer}"
        );
    }
}
