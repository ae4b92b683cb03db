//! An AutoPay authorization as the borrower agreed to it, kept in the documents center whether
//! it is in effect or ended: the exact words agreed (as stored with the authorization, never
//! written anew), their version, the day agreed, the account or card (its last four digits
//! only), the amount and the timing (in the app's words, the same as the AutoPay page's, for
//! every frequency), and when and why it ended. Laid out here for the page and the PDF alike,
//! from the app's facts.

use crate::letters::{Addressee, Letterhead, Writer, head, questions};
use crate::pdf::Font;
use i18n::Lang;
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
    /// Whether it is in effect, in `lang`: "In effect", "Ended December 1, 2026 (cancelled by
    /// the borrower)" (why it ended in the words the app gave).
    pub fn status(&self, lang: Lang) -> String {
        let tr = lang.tr();
        match &self.ended {
            None => tr.t("document-autopay-in-effect"),
            Some((on, why)) => tr.t2(
                "document-autopay-ended-on",
                "date",
                tr.date(*on),
                "why",
                why,
            ),
        }
    }

    /// The facts of the authorization, in order, in `lang`: (label, value).
    pub fn facts(&self, lang: Lang) -> Vec<(String, String)> {
        let tr = lang.tr();
        vec![
            (
                tr.t("document-autopay-agreed-on"),
                tr.date(self.authorized_on),
            ),
            (tr.t("document-autopay-status"), self.status(lang)),
            (tr.t("document-autopay-paid-from"), self.method.clone()),
            (tr.t("document-autopay-amount"), self.amount.clone()),
            (tr.t("document-autopay-when"), self.when.clone()),
            (tr.t("document-autopay-version"), self.version.clone()),
        ]
    }

    /// Where it stands now, in a sentence, in `lang`.
    pub fn standing(&self, lang: Lang) -> String {
        let tr = lang.tr();
        match &self.ended {
            None => tr.t("document-autopay-standing-live"),
            Some((on, _)) => tr.t1("document-autopay-standing-ended", "date", tr.date(*on)),
        }
    }

    /// The authorization as a PDF, in `lang` (its words as agreed, in the words agreed).
    pub fn pdf(&self, lang: Lang) -> Vec<u8> {
        let mut w = Writer::new(lang);
        let tr = w.tr;
        head(
            &mut w,
            &self.letterhead,
            &tr.t("document-autopay-title"),
            &[
                (
                    tr.t("document-autopay-agreed-on"),
                    tr.date(self.authorized_on),
                ),
                (tr.t("letter-account"), self.to.masked_account(lang)),
                (
                    tr.t("document-autopay-status"),
                    if self.ended.is_some() {
                        tr.t("document-autopay-ended")
                    } else {
                        tr.t("document-autopay-in-effect")
                    },
                ),
            ],
            &self.to,
        );
        for (label, value) in self.facts(lang) {
            w.para(10, &format!("{label}: {value}"));
        }
        w.heading(&tr.t("document-autopay-as-agreed"));
        w.para(10, &self.words);
        w.gap(6);
        w.line(Font::Bold, 10, &tr.t("document-autopay-where-it-stands"));
        w.para(10, &self.standing(lang));
        w.gap(6);
        w.para(9, &questions(tr, &self.letterhead));
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
                loan_name: Some(i18n::Localized::same("Home improvement loan")),
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
        assert_eq!(live.status(Lang::En), "In effect");
        assert!(live.standing(Lang::En).contains("is in effect"));
        let t = String::from_utf8_lossy(&live.pdf(Lang::En)).into_owned();
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
            ended.status(Lang::En),
            "Ended December 1, 2026 (cancelled by the borrower)"
        );
        assert!(
            ended
                .standing(Lang::En)
                .contains("ended on December 1, 2026")
        );
        let facts = ended.facts(Lang::En);
        assert!(facts.contains(&("Amount".to_owned(), "The scheduled payment".to_owned())));
        assert!(facts.contains(&("When".to_owned(), "On each due date".to_owned())));
    }

    #[test]
    fn the_authorization_reads_in_spanish_around_its_words_as_agreed() {
        let ended = authorization(Some((
            date(2026, 12, 1),
            "cancelled by the borrower".into(),
        )));
        assert_eq!(
            ended.status(Lang::Es),
            "Terminó el 1 de diciembre de 2026 (cancelled by the borrower)"
        );
        assert!(
            ended
                .standing(Lang::Es)
                .contains("terminó el 1 de diciembre de 2026")
        );
        assert_eq!(authorization(None).status(Lang::Es), "Vigente");
        let t = String::from_utf8_lossy(&ended.pdf(Lang::Es)).into_owned();
        assert!(t.contains("/Lang (es-US)"));
        assert!(
            t.contains("I authorize Servicer Demo Lending"),
            "the words as agreed"
        );
    }
}
