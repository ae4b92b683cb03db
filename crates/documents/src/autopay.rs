//! An AutoPay authorization as the borrower agreed to it, kept in the documents center whether
//! it is in effect or ended: the exact words agreed (as stored with the authorization, never
//! written anew), their version, the day agreed, the account or card (its last four digits
//! only), the amount and the timing (in the app's words, the same as the AutoPay page's, for
//! every frequency), and when and why it ended. Laid out here for the page and the PDF alike,
//! from the app's facts.

use crate::letters::{Addressee, Letterhead, Writer, head};
use crate::long_date;
use crate::pdf::Font;
use jiff::civil::Date;

/// An AutoPay authorization.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AutopayAuthorization {
    /// Who it authorizes.
    pub letterhead: Letterhead,
    /// The borrower and the loan.
    pub to: Addressee,
    /// The day it was agreed (in the servicer's time zone).
    pub authorized_on: Date,
    /// The words agreed, exactly as shown then.
    pub words: String,
    /// Their version.
    pub version: String,
    /// The account or card drafted, masked: "Checking account ending 6789".
    pub method: String,
    /// What each draft is, in words: "The scheduled payment", "$300.00 (or the payment due,
    /// if more)", or half of each scheduled payment twice a month or every other week.
    pub amount: String,
    /// When it drafts, in words: "On each due date", "3 days before each due date", "On the
    /// 1st and the 15th of each month", "Every other Friday starting December 11, 2026".
    pub when: String,
    /// When it ended and why ("cancelled by the borrower"), if it has.
    pub ended: Option<(Date, String)>,
}

impl AutopayAuthorization {
    /// Whether it is in effect, or when and why it ended.
    pub fn status(&self) -> String {
        match &self.ended {
            None => "In effect".to_owned(),
            Some((on, why)) => format!("Ended {} ({why})", long_date(*on)),
        }
    }

    /// Its facts in the order shown: (label, value).
    pub fn facts(&self) -> Vec<(&'static str, String)> {
        vec![
            ("Agreed on", long_date(self.authorized_on)),
            ("Status", self.status()),
            ("Paid from", self.method.clone()),
            ("Amount", self.amount.clone()),
            ("When", self.when.clone()),
            ("Version of the words", self.version.clone()),
        ]
    }

    /// What the borrower should know of it now, in a sentence.
    pub fn standing(&self) -> String {
        match &self.ended {
            None => "This authorization is in effect. You can change or cancel it in the portal \
                     on the loan's AutoPay page, or by calling us."
                .to_owned(),
            Some((on, _)) => format!(
                "This authorization ended on {}: nothing has been drafted under it since. It \
                 is kept here as you agreed to it.",
                long_date(*on)
            ),
        }
    }

    /// The authorization as a PDF.
    pub fn pdf(&self) -> Vec<u8> {
        let mut w = Writer::new();
        head(
            &mut w,
            &self.letterhead,
            "AutoPay authorization",
            &[
                ("Agreed on", long_date(self.authorized_on)),
                ("Account", self.to.masked_account()),
                (
                    "Status",
                    if self.ended.is_some() {
                        "Ended"
                    } else {
                        "In effect"
                    }
                    .to_owned(),
                ),
            ],
            &self.to,
        );
        for (label, value) in self.facts() {
            w.para(10, &format!("{label}: {value}"));
        }
        w.heading("The authorization, as you agreed to it");
        w.para(10, &self.words);
        w.gap(6);
        w.line(Font::Bold, 10, "Where it stands");
        w.para(10, &self.standing());
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

    fn authorization(ended: Option<(Date, String)>) -> AutopayAuthorization {
        AutopayAuthorization {
            letterhead: Letterhead {
                name: "Servicer Demo Lending".into(),
                address: vec!["PO Box 4410".into(), "Chicago, IL 60680-4410".into()],
                phone: "1-800-555-0142".into(),
                website: "http://127.0.0.1:8080".into(),
            },
            to: Addressee {
                name: "Maria Lopez".into(),
                address: Vec::new(),
                account_number: "5218400000001015".into(),
                loan_name: Some("Home improvement loan".into()),
            },
            authorized_on: date(2026, 11, 25),
            words: "I authorize Servicer Demo Lending to debit my checking account ending in \
                    6789 for the scheduled monthly payment on each due date."
                .into(),
            version: "autopay-2026-12b".into(),
            method: "Checking account ending 6789".into(),
            amount: "The scheduled payment".into(),
            when: "On each due date".into(),
            ended,
        }
    }

    #[test]
    fn the_authorization_keeps_its_words_and_says_whether_it_is_in_effect() {
        let live = authorization(None);
        assert_eq!(live.status(), "In effect");
        assert!(live.standing().contains("is in effect"));
        let t = String::from_utf8_lossy(&live.pdf()).into_owned();
        for shown in [
            "AutoPay authorization",
            "I authorize Servicer Demo Lending",
            "Checking account ending 6789",
            "autopay-2026-12b",
            "ending in 1015",
        ] {
            assert!(t.contains(shown), "the PDF shows {shown:?}");
        }
        let ended = authorization(Some((
            date(2026, 12, 1),
            "cancelled by the borrower".into(),
        )));
        assert_eq!(
            ended.status(),
            "Ended December 1, 2026 (cancelled by the borrower)"
        );
        assert!(ended.standing().contains("ended on December 1, 2026"));
        let facts = ended.facts();
        assert!(facts.contains(&("Amount", "The scheduled payment".to_owned())));
        assert!(facts.contains(&("When", "On each due date".to_owned())));
    }
}
