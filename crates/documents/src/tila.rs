//! A loan's Truth in Lending disclosure, as the documents center gives it: the four figures
//! (annual percentage rate, finance charge, amount financed, total of payments), each with what
//! it means, and the payment schedule. The figures are the app's (`domain::disclosure`); this
//! only lays them out, for the page and the PDF alike. A boarded loan's are figured from the
//! original terms its transfer file gave, and the disclosure says so: the one its lender gave
//! at signing is the one that counts.

use crate::letters::{Addressee, Letterhead, Writer, head};
use crate::long_date;
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
    /// How many: "47 payments", "1 payment".
    pub fn how_many(&self) -> String {
        if self.count == 1 {
            "1 payment".to_owned()
        } else {
            format!("{} payments", self.count)
        }
    }

    /// When they are due: "From January 5, 2025 through November 5, 2028", or "On
    /// December 5, 2028" for one.
    pub fn when(&self) -> String {
        if self.count == 1 {
            format!("On {}", long_date(self.first_due))
        } else {
            format!(
                "From {} through {}",
                long_date(self.first_due),
                long_date(self.last_due)
            )
        }
    }

    /// The run in one sentence: "47 payments of $242.84, from ... through ...".
    pub fn words(&self) -> String {
        let when = self.when();
        let (first, rest) = when.split_at(1);
        format!(
            "{} of {}, {}{rest}",
            self.how_many(),
            self.amount.usd(),
            first.to_lowercase()
        )
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
    /// The four figures in the order disclosed: (name, what it means, the figure).
    pub fn boxes(&self) -> [(&'static str, &'static str, String); 4] {
        [
            (
                "Annual percentage rate",
                "The cost of your credit as a yearly rate.",
                format!("{}%", self.apr),
            ),
            (
                "Finance charge",
                "The dollar amount the credit will cost you.",
                self.finance_charge.usd().to_string(),
            ),
            (
                "Amount financed",
                "The amount of credit provided to you or on your behalf.",
                self.amount_financed.usd().to_string(),
            ),
            (
                "Total of payments",
                "The amount you will have paid after you have made all payments as scheduled.",
                self.total_of_payments.usd().to_string(),
            ),
        ]
    }

    /// What to know to read the figures right, as printed.
    pub fn notes(&self) -> Vec<String> {
        let mut out = Vec::new();
        match self.boarded_on {
            Some(on) => out.push(format!(
                "Your loan moved to us from your previous servicer on {}. These figures are \
                 worked out from your loan's original terms as your previous servicer's records \
                 give them: the amount financed, the date the loan was made, the interest rate \
                 and the payments. The disclosure your lender gave you when you signed is in \
                 your loan agreement, and it is the one that counts.",
                long_date(on)
            )),
            None => out.push(format!(
                "These are your loan's figures as it was made on {}: the amount financed and \
                 the payments scheduled then.",
                long_date(self.loan_date)
            )),
        }
        out.push(format!(
            "Your interest rate is {}%. The annual percentage rate is worked out by the \
             actuarial method of Regulation Z (Appendix J) from the amount financed, the date \
             the loan was made and each payment's amount and due date.",
            self.rate
        ));
        out.push(
            "The total of payments assumes every payment is made on its due date for the amount \
             scheduled. Paying late or paying more, or a change to your loan such as a new due \
             date, changes what you pay in all: your loan's page in the portal shows what you \
             owe now."
                .to_owned(),
        );
        out
    }

    /// The disclosure as a PDF.
    pub fn pdf(&self) -> Vec<u8> {
        let mut w = Writer::new();
        head(
            &mut w,
            &self.letterhead,
            "Truth in Lending disclosure",
            &[
                ("Date drawn", long_date(self.drawn_on)),
                ("Account", self.to.masked_account()),
                ("Loan date", long_date(self.loan_date)),
            ],
            &self.to,
        );
        // Each box a table of one row (its name and figure), its meaning a paragraph after it:
        // a row is read as one only in a table.
        for (name, meaning, figure) in self.boxes() {
            w.table(|w| w.figure(name, &figure, true));
            w.para(9, meaning);
        }
        w.heading("Payment schedule");
        for run in &self.payments {
            w.para(10, &run.words());
        }
        w.heading("About these figures");
        for note in self.notes() {
            w.para(9, &note);
        }
        w.gap(6);
        w.para(
            9,
            &format!(
                "Questions? Call us at {} or visit {}.",
                self.letterhead.phone, self.letterhead.website
            ),
        );
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
            d.payments[0].words(),
            "47 payments of $242.84, from May 5, 2024 through March 5, 2028"
        );
        assert_eq!(
            d.payments[1].words(),
            "1 payment of $240.84, on April 5, 2028"
        );
    }

    #[test]
    fn the_pdf_shows_the_four_figures_the_schedule_and_where_they_come_from() {
        let t = String::from_utf8_lossy(&disclosure(Some(date(2026, 11, 25))).pdf()).into_owned();
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
        let made_here = disclosure(None).notes().join(" ");
        assert!(made_here.contains("as it was made on April 5, 2024"));
        assert!(!made_here.contains("previous servicer"));
    }
}
