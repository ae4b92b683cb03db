//! The notices of a loan's cycle that close of business finds owed: the late fee charged,
//! the past-due notice, the AutoPay draft reminder and the payment-due reminder.

use crate::alerts::Alert;
use crate::servicer::ServicerInfo;
use domain::notices::{LateFeeAhead, Notice};
use i18n::Localized;
use jiff::civil::Date;
use money::Money;
use store::LoanId;

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
    let (amount, due_now) = (amount.usd(), amount_due.usd());
    Alert {
        alert: "past_due",
        subject: Localized::of(|tr| tr.t1("notice-late-fee-subject", "amount", amount)),
        body: Localized::of(|tr| {
            format!(
                "{}\n\n{}\n",
                tr.args(
                    "notice-late-fee-charged",
                    &[
                        ("last4", &last4),
                        ("amount", &amount),
                        ("date", &tr.date(date)),
                        ("due", &due_now),
                    ],
                ),
                tr.t1("notice-pay-or-call", "phone", phone),
            )
        }),
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
    Alert {
        alert: "past_due",
        subject: Localized::of(|tr| tr.t("notice-past-due-subject")),
        body: Localized::of(|tr| {
            let mut told = tr.args(
                "notice-past-due",
                &[
                    ("amount", &amount.usd()),
                    ("due", &tr.date(due)),
                    ("last4", &last4),
                    ("now", &amount_due.usd()),
                ],
            );
            if let Some(f) = late_fee {
                told.push(' ');
                told.push_str(&tr.t2(
                    "notice-past-due-fee-ahead",
                    "fee",
                    f.amount.usd(),
                    "date",
                    tr.date(f.unpaid_by),
                ));
            }
            format!(
                "{told}\n\n{}\n",
                tr.t1("notice-pay-or-call", "phone", phone)
            )
        }),
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
    let amount = amount.usd();
    Alert {
        alert: "autopay_upcoming",
        subject: Localized::of(|tr| {
            tr.t2(
                "notice-autopay-draft-subject",
                "amount",
                amount,
                "date",
                tr.date(draft_on),
            )
        }),
        body: Localized::of(|tr| {
            format!(
                "{}\n\n{}\n",
                tr.args(
                    "notice-autopay-draft",
                    &[
                        ("amount", &amount),
                        ("date", &tr.date(draft_on)),
                        ("due", &tr.date(due)),
                        ("last4", &last4),
                    ],
                ),
                tr.t1("notice-autopay-change", "phone", phone),
            )
        }),
        key: format!("autopay-reminder:{}:{installment}", about.loan.0),
    }
}

/// The reminder that `installment` is due on `due`, with `amount_due` due now.
fn payment_due(about: &CycleLoan<'_>, installment: u32, due: Date, amount_due: Money) -> Alert {
    let (last4, phone) = (about.last4, &about.site.phone);
    let due_now = amount_due.usd();
    Alert {
        alert: "payment_due",
        subject: Localized::of(|tr| {
            tr.t2(
                "notice-payment-due-subject",
                "amount",
                due_now,
                "due",
                tr.date(due),
            )
        }),
        body: Localized::of(|tr| {
            format!(
                "{}\n\n{}\n",
                tr.t3(
                    "notice-payment-due",
                    "amount",
                    due_now,
                    "last4",
                    last4,
                    "due",
                    tr.date(due),
                ),
                tr.t1("notice-payment-due-how", "phone", phone),
            )
        }),
        key: format!("due-soon:{}:{installment}", about.loan.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use i18n::Lang;

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
        assert_eq!(past_due.subject.get(Lang::En), "Your payment is past due");
        assert_eq!(
            past_due.body.get(Lang::En),
            format!(
                "The payment of $312.50 due March 1, 2027 on the loan ending in 4321 has not been paid in full. The amount due now is $312.50. A late fee of $25.00 will be charged if it is not paid by March 11, 2027.\n\nPay in the portal, or call {}.\n",
                site.phone
            )
        );
        assert_eq!(past_due.key, "past-due:9:3");
        assert_eq!(past_due.subject.get(Lang::Es), "Su pago está atrasado");
        assert_eq!(
            past_due.body.get(Lang::Es),
            format!(
                "El pago de $312.50 con vencimiento el 1 de marzo de 2027 del préstamo que termina en 4321 no se ha pagado en su totalidad. El monto a pagar ahora es $312.50. Se cobrará un cargo por pago atrasado de $25.00 si no se paga a más tardar el 11 de marzo de 2027.\n\nPague en el portal o llame al {}.\n",
                site.phone
            )
        );
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
            draft.subject.get(Lang::En),
            "AutoPay will draft $312.50 on March 29, 2027"
        );
        assert_eq!(
            draft.subject.get(Lang::Es),
            "AutoPay debitará $312.50 el 29 de marzo de 2027"
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
