//! A loan's Truth in Lending disclosure, as the documents center gives it: the four figures
//! (annual percentage rate, finance charge, amount financed, total of payments), each with what
//! it means, and the payment schedule. The figures are the app's (`domain::disclosure`); this
//! only lays them out, for the page and the PDF alike. A boarded loan's are figured from the
//! original terms its transfer file gave, and the disclosure says so: the one its lender gave
//! at signing is the one that counts.

use crate::letters::{Addressee, Letterhead, Writer, head, questions};
use i18n::Lang;
use jiff::civil::Date;
use money::{Money, Rate};

/// Payments of one amount due one after another, as the schedule lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PaymentRun {
    /// How many payments.
    pub count: u32,
    /// Each one's amount.
    pub amount: Money,
    /// The first one's due date.
    pub first_due: Date,
    /// The last one's due date.
    pub last_due: Date,
}

impl PaymentRun {
    /// "47 payments", "1 payment", in `lang`.
    pub fn how_many(&self, lang: Lang) -> String {
        lang.tr().count("tila-how-many", i64::from(self.count), &[])
    }

    /// "From May 5, 2024 through March 5, 2028", "On April 5, 2028", in `lang`.
    pub fn when(&self, lang: Lang) -> String {
        let tr = lang.tr();
        if self.count == 1 {
            tr.t1("tila-when-once", "date", tr.date(self.first_due))
        } else {
            tr.t2(
                "tila-when-run",
                "first",
                tr.date(self.first_due),
                "last",
                tr.date(self.last_due),
            )
        }
    }

    /// The run in one sentence, in `lang`: "47 payments of $242.84, from May 5, 2024 through
    /// March 5, 2028".
    pub fn words(&self, lang: Lang) -> String {
        let tr = lang.tr();
        let amount = self.amount.usd();
        if self.count == 1 {
            tr.t2(
                "tila-run-once",
                "amount",
                amount,
                "date",
                tr.date(self.first_due),
            )
        } else {
            let (first, last) = (tr.date(self.first_due), tr.date(self.last_due));
            let args: [(&str, &dyn std::fmt::Display); 4] = [
                ("count", &self.count),
                ("amount", &amount),
                ("first", &first),
                ("last", &last),
            ];
            tr.args("tila-run", &args)
        }
    }
}

/// A loan's Truth in Lending disclosure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TruthInLending {
    /// Who gives it.
    pub letterhead: Letterhead,
    /// The business date this copy was drawn.
    pub drawn_on: Date,
    /// The borrower and the loan.
    pub to: Addressee,
    /// The date the loan was made (the credit advanced).
    pub loan_date: Date,
    /// The annual percentage rate, rounded to two decimals as disclosed.
    pub apr: Rate,
    /// What the credit costs in dollars: total of payments less amount financed.
    pub finance_charge: Money,
    /// The credit provided.
    pub amount_financed: Money,
    /// What the borrower pays in all, every payment made as scheduled.
    pub total_of_payments: Money,
    /// The note's interest rate.
    pub rate: Rate,
    /// The payments, grouped.
    pub payments: Vec<PaymentRun>,
    /// When the loan moved to us from another servicer, if it did: its figures are then
    /// figured from the original terms its transfer file gave.
    pub boarded_on: Option<Date>,
}

impl TruthInLending {
    /// The four figures in `lang`, as the boxes of the disclosure: (name, what it means, the
    /// figure).
    pub fn boxes(&self, lang: Lang) -> [(String, String, String); 4] {
        let tr = lang.tr();
        [
            (
                tr.t("tila-apr"),
                tr.t("tila-apr-means"),
                format!("{}%", self.apr),
            ),
            (
                tr.t("tila-finance-charge"),
                tr.t("tila-finance-charge-means"),
                self.finance_charge.usd().to_string(),
            ),
            (
                tr.t("tila-amount-financed"),
                tr.t("tila-amount-financed-means"),
                self.amount_financed.usd().to_string(),
            ),
            (
                tr.t("tila-total-of-payments"),
                tr.t("tila-total-of-payments-means"),
                self.total_of_payments.usd().to_string(),
            ),
        ]
    }

    /// Where the figures come from and what they assume, as printed, in `lang`.
    pub fn notes(&self, lang: Lang) -> Vec<String> {
        let tr = lang.tr();
        let mut out = Vec::new();
        match self.boarded_on {
            Some(on) => out.push(tr.t1("tila-note-boarded", "date", tr.date(on))),
            None => out.push(tr.t1("tila-note-made-here", "date", tr.date(self.loan_date))),
        }
        out.push(tr.t1("tila-note-rate", "rate", format!("{}%", self.rate)));
        out.push(tr.t("tila-note-total"));
        out
    }

    /// The disclosure as a PDF, in `lang`.
    pub fn pdf(&self, lang: Lang) -> Vec<u8> {
        let mut w = Writer::new(lang);
        let tr = w.tr;
        head(
            &mut w,
            &self.letterhead,
            &tr.t("tila-title"),
            &[
                (tr.t("tila-date-drawn"), tr.date(self.drawn_on)),
                (tr.t("letter-account"), self.to.masked_account(lang)),
                (tr.t("tila-loan-date"), tr.date(self.loan_date)),
            ],
            &self.to,
        );
        for (name, meaning, figure) in self.boxes(lang) {
            w.table(|w| w.figure(&name, &figure, true));
            w.para(9, &meaning);
        }
        w.heading(&tr.t("tila-schedule"));
        for run in &self.payments {
            w.para(10, &run.words(lang));
        }
        w.heading(&tr.t("tila-about"));
        for note in self.notes(lang) {
            w.para(9, &note);
        }
        w.gap(6);
        w.para(9, &questions(tr, &self.letterhead));
        w.finish().finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn disclosure(boarded_on: Option<Date>) -> TruthInLending {
        let m = Money::from_cents;
        TruthInLending {
            letterhead: Letterhead {
                name: "Servicer Demo Lending".into(),
                address: vec!["PO Box 4410".into(), "Chicago, IL 60680-4410".into()],
                phone: "1-800-555-0142".into(),
                website: "http://127.0.0.1:8080".into(),
            },
            drawn_on: date(2026, 11, 25),
            to: Addressee {
                name: "Maria Lopez".into(),
                address: vec!["1207 W Lawrence Ave, Springfield, IL 62704".into()],
                account_number: "5218400000001031".into(),
                loan_name: None,
            },
            loan_date: date(2024, 4, 5),
            apr: Rate::parse("8.91").unwrap(),
            finance_charge: m(185_432),
            amount_financed: m(980_000),
            total_of_payments: m(1_165_432),
            rate: Rate::parse("8.75").unwrap(),
            payments: vec![
                PaymentRun {
                    count: 47,
                    amount: m(24_284),
                    first_due: date(2024, 5, 5),
                    last_due: date(2028, 3, 5),
                },
                PaymentRun {
                    count: 1,
                    amount: m(24_084),
                    first_due: date(2028, 4, 5),
                    last_due: date(2028, 4, 5),
                },
            ],
            boarded_on,
        }
    }

    #[test]
    fn a_run_of_payments_reads_as_one_sentence() {
        let d = disclosure(None);
        assert_eq!(
            d.payments[0].words(Lang::En),
            "47 payments of $242.84, from May 5, 2024 through March 5, 2028"
        );
        assert_eq!(
            d.payments[1].words(Lang::En),
            "1 payment of $240.84, on April 5, 2028"
        );
    }

    #[test]
    fn the_pdf_shows_the_four_figures_the_schedule_and_where_they_come_from() {
        let t = String::from_utf8_lossy(&disclosure(Some(date(2026, 11, 25))).pdf(Lang::En))
            .into_owned();
        for shown in [
            "Truth in Lending disclosure",
            "Annual percentage rate",
            "8.91%",
            "$1,854.32",
            "$9,800.00",
            "$11,654.32",
            "Payment schedule",
            "47 payments of $242.84",
            "ending in 1031",
            // One word of the boarded loan's note (a phrase may wrap across lines).
            "agreement,",
        ] {
            assert!(t.contains(shown), "the disclosure shows {shown:?}");
        }
        assert!(!t.contains("5218400000001031"), "the account is masked");
        let made_here = disclosure(None).notes(Lang::En).join(" ");
        assert!(made_here.contains("as it was made on April 5, 2024"));
        assert!(!made_here.contains("previous servicer"));
    }

    #[test]
    fn the_disclosure_reads_in_spanish() {
        let d = disclosure(None);
        assert_eq!(
            d.payments[0].words(Lang::Es),
            "47 pagos de $242.84, del 5 de mayo de 2024 al 5 de marzo de 2028"
        );
        assert_eq!(
            d.payments[1].words(Lang::Es),
            "1 pago de $240.84, el 5 de abril de 2028"
        );
        assert_eq!(d.payments[1].how_many(Lang::En), "1 payment");
        assert_eq!(
            d.payments[0].when(Lang::En),
            "From May 5, 2024 through March 5, 2028"
        );
        assert_eq!(d.boxes(Lang::Es)[0].0, "Tasa de porcentaje anual");
        assert!(d.notes(Lang::Es).join(" ").contains("5 de abril de 2024"));
        let t = String::from_utf8_lossy(&d.pdf(Lang::Es)).into_owned();
        assert!(t.contains("/Lang (es-US)") && t.contains("Calendario de pagos"));
        assert!(!t.contains("Payment schedule"));
    }
}
