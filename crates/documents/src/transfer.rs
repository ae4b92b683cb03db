//! The notice of servicing transfer of a loan boarded from another servicer, as the documents
//! center keeps it: the date servicing moved to us, that nothing else changed, who we are and
//! how to reach us, where and how to pay from that date, that a payment sent on time to the
//! previous servicer in the 60 days after the transfer is not late, and AutoPay to set up again
//! when the borrower had it there. Only facts on file: the previous servicer's name and phone
//! are not, so the notice says to call us instead. Laid out here for the page and the PDF
//! alike, from the app's facts.

use crate::letters::{Addressee, Letterhead, Writer, head};
use crate::pdf::Font;
use i18n::Lang;
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

    /// The notice's sections in `lang`, in order: (heading, paragraphs).
    pub fn sections(&self, lang: Lang) -> Vec<(String, Vec<String>)> {
        let tr = lang.tr();
        let us = &self.letterhead;
        let on = tr.date(self.transferred_on);
        let through = tr.date(self.grace_ends());
        let grace: [(&str, &dyn std::fmt::Display); 4] = [
            ("days", &GRACE_DAYS),
            ("date", &on),
            ("through", &through),
            ("phone", &us.phone),
        ];
        let mut out = vec![
            (
                tr.t("transfer-what-changed"),
                vec![
                    tr.t2("transfer-moved", "date", &on, "name", &us.name),
                    tr.t("transfer-terms-unchanged"),
                ],
            ),
            (
                tr.t("transfer-new-servicer"),
                vec![
                    tr.t2(
                        "transfer-us",
                        "name",
                        &us.name,
                        "address",
                        us.address.join(", "),
                    ),
                    tr.t2("transfer-call-us", "phone", &us.phone, "hours", &self.hours),
                    tr.t1("transfer-online", "website", &us.website),
                ],
            ),
            (
                tr.t("transfer-previous-servicer"),
                vec![tr.t2("transfer-previous", "date", &on, "phone", &us.phone)],
            ),
            (tr.t("transfer-where-to-pay"), self.ways_to_pay(lang)),
            (
                tr.t("transfer-sent-to-previous"),
                vec![tr.args("transfer-grace", &grace)],
            ),
        ];
        if self.autopay_at_prior_servicer {
            out.push((
                tr.t("transfer-autopay-again"),
                vec![tr.t("transfer-autopay-again-text")],
            ));
        }
        out
    }

    /// The ways to pay, from the transfer date, in `lang`.
    fn ways_to_pay(&self, lang: Lang) -> Vec<String> {
        let tr = lang.tr();
        let us = &self.letterhead;
        let mut out = vec![tr.t1("transfer-pay-us-from", "date", tr.date(self.transferred_on))];
        if let Some((due, amount)) = self.first_due {
            out.push(tr.t2(
                "transfer-first-payment",
                "amount",
                amount.usd(),
                "date",
                tr.date(due),
            ));
        }
        out.extend([
            tr.t1("transfer-pay-online", "website", &us.website),
            tr.t1("transfer-pay-phone", "phone", &self.pay_by_phone),
            tr.t2(
                "transfer-pay-mail",
                "name",
                &us.name,
                "address",
                self.remit_to.join(", "),
            ),
        ]);
        out
    }

    /// The notice as a PDF, in `lang`.
    pub fn pdf(&self, lang: Lang) -> Vec<u8> {
        let mut w = Writer::new(lang);
        let tr = w.tr;
        head(
            &mut w,
            &self.letterhead,
            &tr.t("transfer-title"),
            &[
                (
                    tr.t("transfer-date-of-notice"),
                    tr.date(self.transferred_on),
                ),
                (tr.t("letter-account"), self.to.masked_account(lang)),
                (tr.t("transfer-date"), tr.date(self.transferred_on)),
            ],
            &self.to,
        );
        for (heading, paragraphs) in self.sections(lang) {
            w.heading(&heading);
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
            .sections(Lang::En)
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
        let plain = notice(false).sections(Lang::En);
        assert!(plain.iter().all(|(h, _)| h != "Set up AutoPay again"));
        let t = String::from_utf8_lossy(&n.pdf(Lang::En)).into_owned();
        for shown in [
            "Notice of servicing transfer",
            "Transfer date",
            "ending in 1031",
        ] {
            assert!(t.contains(shown), "the PDF shows {shown:?}");
        }
        assert!(!t.contains("5218400000001031"), "the account is masked");
    }

    #[test]
    fn the_notice_reads_in_spanish() {
        let n = notice(true);
        let words: String = n
            .sections(Lang::Es)
            .into_iter()
            .flat_map(|(h, ps)| std::iter::once(h).chain(ps))
            .collect::<Vec<_>>()
            .join(" ");
        for said in [
            "El 25 de noviembre de 2026",
            "hasta el 23 de enero de 2027",
            "Vuelva a configurar AutoPay",
            "$242.84",
        ] {
            assert!(words.contains(said), "the notice says {said:?}: {words}");
        }
        assert!(!words.contains("November"));
        let t = String::from_utf8_lossy(&n.pdf(Lang::Es)).into_owned();
        assert!(t.contains("/Lang (es-US)"));
    }
}
