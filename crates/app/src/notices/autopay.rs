//! The notices of AutoPay: the borrower's copy of an authorization (its own words are
//! AutoPay's, [`crate::payments::autopay::authorization_text`]: the agreement), AutoPay turned
//! off by the borrower in the portal, a draft that differs from the usual amount, and AutoPay
//! ended because the loan is paid off.

use crate::alerts::Alert;
use crate::servicer::ServicerInfo;
use domain::account_number::AccountNumber;
use domain::autopay::half_of;
use i18n::{Lang, Localized, Tr};
use jiff::civil::Date;
use money::Money;
use store::{AutopayId, BorrowerId, Channel, NewAutopay, NewMessage};

/// The borrower's copy of authorization `new` (recorded as `id`, given on `given_on`), in
/// `lang`: to `email` on file, or to the message center when there is none. Its words exactly
/// as agreed, with when and from where. A record, not an alert: not subject to alert choices.
#[allow(clippy::too_many_arguments)]
pub fn autopay_authorization_copy(
    lang: Lang,
    site: &ServicerInfo,
    new: &NewAutopay,
    id: AutopayId,
    borrower: BorrowerId,
    email: Option<String>,
    account: AccountNumber,
    given_on: Date,
) -> NewMessage {
    let tr = lang.tr();
    let (channel, recipient) = match email {
        Some(e) => (Channel::Email, e),
        None => (Channel::Portal, "message center".to_owned()),
    };
    // The English copy has always named the day as 2026-11-25.
    let given = match lang {
        Lang::En => given_on.to_string(),
        Lang::Es => tr.date(given_on),
    };
    NewMessage {
        borrower,
        channel,
        recipient,
        subject: tr.t1("notice-autopay-copy-subject", "last4", account.last4()),
        body: format!(
            "{}\n\n{}\n\n{}\n\n{}\n",
            tr.t2("notice-autopay-copy", "date", given, "ip", &new.ip),
            new.text,
            // The version as recorded: it names the language of the words agreed.
            tr.t1("notice-autopay-copy-version", "version", &new.version),
            site.name,
        ),
        key: format!("autopay-authorization:{}", id.0),
    }
}

/// The facts of AutoPay turned off by the borrower in the portal, as its notice tells them.
#[derive(Clone, Debug)]
pub struct AutopayOff {
    /// The AutoPay turned off.
    pub autopay: AutopayId,
    /// The borrower it is for.
    pub borrower: BorrowerId,
    /// The language the borrower reads.
    pub lang: Lang,
    /// The email on file (`None`: the notice goes to the message center).
    pub email: Option<String>,
    /// The loan.
    pub account: AccountNumber,
    /// The day it was turned off.
    pub off_on: Date,
    /// The next draft it would have made, which now will not be made (`None`: none was due).
    pub next_draft: Option<Date>,
}

/// "AutoPay is off": the borrower turned off AutoPay (`off`) in the portal. To the email on
/// file, or the message center when there is none: a record of a change to how the loan is
/// paid, like the copy of the authorization, so not subject to alert choices. It says from
/// which draft nothing is drafted, so the borrower knows the next payment is theirs to make.
pub fn autopay_off(site: &ServicerInfo, off: &AutopayOff) -> NewMessage {
    let tr = off.lang.tr();
    let (channel, recipient) = match &off.email {
        Some(e) => (Channel::Email, e.clone()),
        None => (Channel::Portal, "message center".to_owned()),
    };
    let last4 = off.account.last4();
    let from = match off.next_draft {
        Some(d) => tr.t1("notice-autopay-off-from", "date", tr.date(d)),
        None => tr.t("notice-autopay-off-no-more"),
    };
    NewMessage {
        borrower: off.borrower,
        channel,
        recipient,
        subject: tr.t1("notice-autopay-off-subject", "last4", &last4),
        body: format!(
            "{} {from} {}\n\n{}\n\n{}\n",
            tr.t2(
                "notice-autopay-off",
                "last4",
                &last4,
                "date",
                tr.date(off.off_on),
            ),
            tr.t1("notice-autopay-off-yours", "phone", &site.phone),
            tr.t("notice-autopay-off-again"),
            site.name,
        ),
        key: format!("autopay-off:{}", off.autopay.0),
    }
}

/// AutoPay `autopay` has ended because the loan ending in `last4` is paid off. `phone`: the
/// servicer's number, for questions.
pub fn autopay_ended(autopay: AutopayId, last4: &str, phone: &str) -> Alert {
    Alert {
        alert: "autopay_upcoming",
        subject: Localized::of(|tr| tr.t("notice-autopay-ended-subject")),
        body: Localized::of(|tr| {
            format!(
                "{}\n\n{}\n",
                tr.t1("notice-autopay-ended", "last4", last4),
                tr.t1("notice-autopay-ended-questions", "phone", phone),
            )
        }),
        key: format!("autopay-ended:{}", autopay.0),
    }
}

/// The facts of an AutoPay draft whose amount differs from the usual.
#[derive(Clone, Copy, Debug)]
pub struct DraftDiffers<'a> {
    /// The AutoPay.
    pub autopay: AutopayId,
    /// The installment the draft is for.
    pub installment: u32,
    /// The last four digits of the loan's account number.
    pub last4: &'a str,
    /// What it drafts (zero: no draft).
    pub amount: Money,
    /// What it usually drafts (the fixed amount, or the installment's; twice a month or
    /// every other week, the half of the payment the authorization named).
    pub usual: Money,
    /// The amount of the installment it is for.
    pub payment: Money,
    /// The loan's payoff on the draft day.
    pub payoff: Money,
    /// The draft day.
    pub on: Date,
    /// The installment's due date.
    pub due_date: Date,
    /// A draft of AutoPay twice a month or every other week: several count toward one
    /// installment, so the notice is once per draft day and amount.
    pub split: bool,
}

/// The notice of an AutoPay draft that differs from the usual amount (`d`): the amount and
/// the date, or that there is no draft and why; once per draft and amount. `phone`: the
/// servicer's number.
pub fn autopay_draft_differs(d: &DraftDiffers<'_>, phone: &str) -> Alert {
    Alert {
        alert: "autopay_upcoming",
        subject: Localized::of(|tr| {
            if d.amount.is_positive() {
                tr.t2(
                    "notice-draft-differs-subject",
                    "date",
                    tr.date(d.on),
                    "amount",
                    d.amount.usd(),
                )
            } else {
                tr.t1("notice-no-draft-subject", "date", tr.date(d.on))
            }
        }),
        body: Localized::of(|tr| {
            format!(
                "{}\n\n{}\n",
                draft_differs_words(tr, d),
                tr.t1("notice-autopay-change", "phone", phone),
            )
        }),
        key: if d.split {
            format!(
                "autopay-notice:{}:{}:{}",
                d.autopay.0,
                d.on,
                d.amount.cents()
            )
        } else {
            format!(
                "autopay-notice:{}:{}:{}",
                d.autopay.0,
                d.installment,
                d.amount.cents()
            )
        },
    }
}

/// What the notice of an AutoPay draft that differs from the usual amount says: the amount
/// it drafts and why (it is what remains to pay the loan off; twice a month or every other
/// week, it covers what is left of a payment, or it is half a payment of another amount than
/// the one the authorization named), or why it does not draft at all (the loan is paid off
/// by a scheduled payment, or the installment is already paid).
fn draft_differs_words(tr: Tr, d: &DraftDiffers<'_>) -> String {
    let last4 = d.last4;
    // In words and figures as the borrower reads them (the key keeps the cents).
    let on_words = tr.date(d.on);
    if d.amount.is_positive() {
        let mut b = tr.args(
            "notice-draft-differs",
            &[
                ("last4", &last4),
                ("amount", &d.amount.usd()),
                ("date", &on_words),
                ("usual", &d.usual.usd()),
            ],
        );
        let due = tr.date(d.due_date);
        if d.amount == d.payoff {
            b.push(' ');
            b.push_str(&tr.t("notice-draft-differs-payoff"));
        } else if d.split && d.amount > half_of(d.payment) {
            b.push(' ');
            b.push_str(&tr.t1("notice-draft-differs-last", "due", &due));
        } else if d.split {
            // Half of a payment of another amount (the final one, say).
            b.push(' ');
            b.push_str(&tr.t2(
                "notice-draft-differs-half",
                "due",
                &due,
                "payment",
                d.payment.usd(),
            ));
        }
        b
    } else if !d.payoff.is_positive() {
        tr.t2(
            "notice-no-draft-paid-off",
            "last4",
            last4,
            "date",
            &on_words,
        )
    } else {
        tr.t2(
            "notice-no-draft-already-paid",
            "due",
            tr.date(d.due_date),
            "last4",
            last4,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use i18n::Lang;
    use jiff::civil::date;

    /// A draft every other week toward the payment due January 20, 2027, of an AutoPay whose
    /// words named half of $242.84.
    fn split(amount: i64, payment: i64) -> DraftDiffers<'static> {
        DraftDiffers {
            autopay: AutopayId(7),
            installment: 48,
            last4: "1015",
            amount: Money::from_cents(amount),
            usual: Money::from_cents(12_142),
            payment: Money::from_cents(payment),
            payoff: Money::from_cents(99_999),
            on: date(2027, 1, 8),
            due_date: date(2027, 1, 20),
            split: true,
        }
    }

    #[test]
    fn a_half_of_a_larger_final_payment_is_announced_as_such() {
        let n = autopay_draft_differs(&split(12_500, 25_000), "1-800-555-0142");
        assert_eq!(
            n.subject.get(Lang::En),
            "Your AutoPay on January 8, 2027 will be $125.00"
        );
        assert_eq!(
            n.subject.get(Lang::Es),
            "Su AutoPay del 8 de enero de 2027 será de $125.00"
        );
        assert!(
            n.body.get(Lang::En).contains(
                "will draft $125.00 on January 8, 2027, not the usual $121.42. The payment due \
                 January 20, 2027 is $250.00, and each draft toward it is half of it."
            ),
            "{}",
            n.body.get(Lang::En)
        );
        assert_eq!(n.key, "autopay-notice:7:2027-01-08:12500");
    }

    #[test]
    fn the_last_draft_before_a_due_date_says_it_covers_what_is_left() {
        let n = autopay_draft_differs(&split(13_000, 24_284), "1-800-555-0142");
        let body = n.body.get(Lang::En);
        assert!(
            body.contains(
                "It is the last draft before the payment due January 20, 2027, and covers what \
                 is left of that payment."
            ),
            "{body}"
        );
        assert!(!body.contains("half of it"));
    }
}
