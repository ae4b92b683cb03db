//! The notice of servicing transfer of a loan boarded from another servicer, as the documents
//! center keeps it: the date servicing moved to us, that nothing else changed, who we are and
//! how to reach us, where and how to pay from that date, that a payment sent on time to the
//! previous servicer in the 60 days after the transfer is not late, and AutoPay to set up again
//! when the borrower had it there. Only facts on file: the previous servicer's name and phone
//! are not, so the notice says to call us instead. Laid out here for the page and the PDF
//! alike, from the app's facts.

use crate::letters::{Addressee, Letterhead, Writer, head};
use crate::long_date;
use crate::pdf::Font;
use jiff::civil::Date;
use money::Money;

/// The days after the transfer (the transfer date the first) in which a payment sent on time
/// to the previous servicer is not late.
pub const GRACE_DAYS: i64 = 60;

/// A loan's notice of servicing transfer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TransferNotice {
    /// Who sends it: the new servicer (us).
    pub letterhead: Letterhead,
    /// The borrower and the loan.
    pub to: Addressee,
    /// The date servicing moved to us (the date of the notice).
    pub transferred_on: Date,
    /// The pay-by-phone line (debit card).
    pub pay_by_phone: String,
    /// When the phones are answered.
    pub hours: String,
    /// Where mailed payments go, by line.
    pub remit_to: Vec<String>,
    /// The first payment due to us: (due date, amount), when the loan had one left.
    pub first_due: Option<(Date, Money)>,
    /// The borrower paid by AutoPay at the previous servicer.
    pub autopay_at_prior_servicer: bool,
}

impl TransferNotice {
    /// The last day of the [`GRACE_DAYS`] after the transfer.
    pub fn grace_ends(&self) -> Date {
        self.transferred_on
            .checked_add(jiff::Span::new().days(GRACE_DAYS - 1))
            .unwrap_or(self.transferred_on)
    }

    /// The notice's sections in order: (heading, paragraphs), as printed and as the page
    /// shows them.
    pub fn sections(&self) -> Vec<(&'static str, Vec<String>)> {
        let us = &self.letterhead;
        let on = long_date(self.transferred_on);
        let mut out = vec![
            (
                "What changed",
                vec![
                    format!(
                        "On {on}, the servicing of your loan moved from your previous servicer \
                         to {}. From that date we collect your payments and answer your \
                         questions about the loan.",
                        us.name
                    ),
                    "Only who services your loan changed. The transfer does not change the \
                     terms of your loan: your interest rate, your payments, your due dates and \
                     your account number stay the same."
                        .to_owned(),
                ],
            ),
            (
                "Your new servicer",
                vec![
                    format!("{}, {}.", us.name, us.address.join(", ")),
                    format!("Call us at {}, {}.", us.phone, self.hours),
                    format!("Sign in to your loans online at {}.", us.website),
                ],
            ),
            (
                "Your previous servicer",
                vec![format!(
                    "From {on}, your payments go to us, not to your previous servicer. We do not \
                     have its address or phone number on file: for a question about a payment \
                     you made to it before {on}, call us at {}.",
                    us.phone
                )],
            ),
            ("Where to send your payments", self.ways_to_pay()),
            (
                "A payment sent to your previous servicer",
                vec![format!(
                    "For {GRACE_DAYS} days from {on} (through {}), a payment you send on time \
                     to your previous servicer instead of to us is not late, and no late fee is \
                     charged for it. If a late fee is charged for such a payment, call us at {} \
                     and we will take it off.",
                    long_date(self.grace_ends()),
                    us.phone
                )],
            ),
        ];
        if self.autopay_at_prior_servicer {
            out.push((
                "Set up AutoPay again",
                vec![
                    "You paid by AutoPay with your previous servicer. AutoPay does not move \
                     with a loan: set it up again with us in the portal so that no payment is \
                     missed. Until then, pay in the portal, by phone or by mail."
                        .to_owned(),
                ],
            ));
        }
        out
    }

    /// Where and how to pay from the transfer date.
    fn ways_to_pay(&self) -> Vec<String> {
        let us = &self.letterhead;
        let mut out = vec![format!(
            "From {}, send every payment to us:",
            long_date(self.transferred_on)
        )];
        if let Some((due, amount)) = self.first_due {
            out.push(format!(
                "Your first payment to us is {}, due {}.",
                amount.usd(),
                long_date(due)
            ));
        }
        out.extend([
            format!(
                "Online: sign in at {} to make a payment or set up AutoPay.",
                us.website
            ),
            format!("By phone, with a debit card: call {}.", self.pay_by_phone),
            format!(
                "By mail: a check or money order payable to {}, with your 16-digit account \
                 number written on it, to {}.",
                us.name,
                self.remit_to.join(", ")
            ),
        ]);
        out
    }

    /// The notice as a PDF.
    pub fn pdf(&self) -> Vec<u8> {
        let mut w = Writer::new();
        head(
            &mut w,
            &self.letterhead,
            "Notice of servicing transfer",
            &[
                ("Date of notice", long_date(self.transferred_on)),
                ("Account", self.to.masked_account()),
                ("Transfer date", long_date(self.transferred_on)),
            ],
            &self.to,
        );
        for (heading, paragraphs) in self.sections() {
            w.heading(heading);
            for p in paragraphs {
                w.para(10, &p);
            }
        }
        w.gap(6);
        w.line(Font::Bold, 10, &self.letterhead.name);
        w.finish().finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn notice(autopay: bool) -> TransferNotice {
        TransferNotice {
            letterhead: Letterhead {
                name: "Servicer Demo Lending".into(),
                address: vec!["PO Box 4410".into(), "Chicago, IL 60680-4410".into()],
                phone: "1-800-555-0142".into(),
                website: "http://127.0.0.1:8080".into(),
            },
            to: Addressee {
                name: "Maria Lopez".into(),
                address: vec!["1207 W Lawrence Ave, Springfield, IL 62704".into()],
                account_number: "5218400000001031".into(),
                loan_name: None,
            },
            transferred_on: date(2026, 11, 25),
            pay_by_phone: "1-800-555-0143".into(),
            hours: "Monday to Friday 8 a.m. to 8 p.m. Eastern".into(),
            remit_to: vec![
                "Servicer Demo Lending".into(),
                "PO Box 4410".into(),
                "Chicago, IL 60680-4410".into(),
            ],
            first_due: Some((date(2026, 12, 5), Money::from_cents(24_284))),
            autopay_at_prior_servicer: autopay,
        }
    }

    #[test]
    fn the_notice_says_when_what_where_to_pay_and_the_sixty_days() {
        let n = notice(true);
        assert_eq!(
            n.grace_ends(),
            date(2027, 1, 23),
            "60 days, the 25th the first"
        );
        let words: String = n
            .sections()
            .into_iter()
            .flat_map(|(h, ps)| std::iter::once(h.to_owned()).chain(ps))
            .collect::<Vec<_>>()
            .join(" ");
        for said in [
            "On November 25, 2026, the servicing of your loan moved",
            "does not change the terms of your loan",
            "Call us at 1-800-555-0142",
            "$242.84, due December 5, 2026",
            "call 1-800-555-0143",
            "PO Box 4410",
            "through January 23, 2027",
            "We do not have its address or phone number on file",
            "Set up AutoPay again",
        ] {
            assert!(words.contains(said), "the notice says {said:?}: {words}");
        }
        let plain = notice(false).sections();
        assert!(plain.iter().all(|(h, _)| *h != "Set up AutoPay again"));
        let t = String::from_utf8_lossy(&n.pdf()).into_owned();
        for shown in [
            "Notice of servicing transfer",
            "Transfer date",
            "ending in 1031",
        ] {
            assert!(t.contains(shown), "the PDF shows {shown:?}");
        }
        assert!(!t.contains("5218400000001031"), "the account is masked");
    }
}
