//! The notices of the account itself: the notice of servicing transfer, and the "statement
//! ready" alert of a statement close of business made.

use crate::alerts::Alert;
use crate::servicer::ServicerInfo;
use documents::Statement;
use formats::boarding::BoardedLoan;
use i18n::{Lang, Localized};
use jiff::civil::Date;
use store::{BorrowerId, Channel, LoanId, NewMessage};

/// The notice of servicing transfer, in English: [`transfer_notice_in`].
pub fn transfer_notice(
    site: &ServicerInfo,
    loan: &BoardedLoan,
    borrower: BorrowerId,
    boarded_on: Date,
) -> NewMessage {
    transfer_notice_in(Lang::En, site, loan, borrower, boarded_on)
}

/// The notice of servicing transfer, in `lang`: the loan is with us now, what stays the same,
/// what the borrower must do (set AutoPay up again), and how to pay. By email when the prior
/// servicer had an address, else in the portal's message center.
pub fn transfer_notice_in(
    lang: Lang,
    site: &ServicerInfo,
    loan: &BoardedLoan,
    borrower: BorrowerId,
    boarded_on: Date,
) -> NewMessage {
    let tr = lang.tr();
    let last4 = loan.account_number.last4();
    let mut body = format!(
        "{}\n\n{}\n\n{}\n\n",
        tr.t1("notice-transfer-dear", "name", &loan.borrower_name),
        tr.t3(
            "notice-transfer-moved",
            "last4",
            &last4,
            "servicer",
            &site.name,
            "date",
            tr.date(boarded_on),
        ),
        tr.args(
            "notice-transfer-same",
            &[
                ("day", &loan.first_payment_date.day()),
                ("payment", &loan.payment_amount.usd()),
                ("next", &tr.date(loan.next_due_date)),
            ],
        ),
    );
    if loan.autopay_at_prior_servicer {
        body.push_str(&tr.t("notice-transfer-autopay"));
        body.push_str("\n\n");
    }
    body.push_str(&format!(
        "{}\n\n{}\n\n{}\n",
        tr.t2(
            "notice-transfer-ways",
            "phone",
            &site.pay_by_phone,
            "lockbox",
            site.lockbox_address.join(", "),
        ),
        tr.t2(
            "notice-transfer-questions",
            "phone",
            &site.phone,
            "hours",
            site.hours_in(lang),
        ),
        site.name,
    ));
    let (channel, recipient) = match &loan.email {
        Some(email) => (Channel::Email, email.clone()),
        None => (Channel::Portal, "message center".to_owned()),
    };
    NewMessage {
        borrower,
        channel,
        recipient,
        subject: tr.t2(
            "notice-transfer-subject",
            "last4",
            &last4,
            "servicer",
            &site.name,
        ),
        body,
        key: format!("transfer-notice:{}", loan.account_number),
    }
}

/// The "statement ready" alert of statement `s` (installment `installment` of `loan`): the
/// amount and the date due, and where to see it (`website`).
pub fn statement_ready(loan: LoanId, installment: u32, s: &Statement, website: &str) -> Alert {
    let last4 = &s.account_number[s.account_number.len().saturating_sub(4)..];
    Alert {
        alert: "statement_ready",
        subject: Localized::of(|tr| tr.t("notice-statement-subject")),
        body: Localized::of(|tr| {
            format!(
                "{}\n\n{}\n",
                tr.args(
                    "notice-statement-ready",
                    &[
                        ("date", &tr.date(s.statement_date)),
                        ("last4", &last4),
                        ("amount", &s.amount_due.usd()),
                        ("due", &tr.date(s.due_date)),
                    ],
                ),
                tr.t1("notice-statement-sign-in", "website", website),
            )
        }),
        key: format!("statement:{}:{}", loan.0, installment),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use formats::boarding::synthetic;

    #[test]
    fn the_transfer_notice_says_what_stays_and_what_to_do() {
        let mut loan = synthetic(1, 42, jiff::civil::date(2026, 11, 25)).remove(0);
        loan.autopay_at_prior_servicer = true;
        let n = transfer_notice(
            &ServicerInfo::default(),
            &loan,
            BorrowerId(7),
            jiff::civil::date(2026, 11, 25),
        );
        assert!(n.subject.contains(&loan.account_number.last4()));
        assert!(n.body.contains("Set up AutoPay again"));
        assert!(n.body.starts_with(&format!(
            "Dear {},\n\nThe servicing of your loan ending in",
            loan.borrower_name
        )));
        assert!(n.body.contains("PO Box 4410"));
        assert!(
            !n.body.contains(&loan.account_number.to_string()),
            "never the full account number"
        );
        assert_eq!(n.channel, Channel::Email);
        loan.autopay_at_prior_servicer = false;
        loan.email = None;
        let n = transfer_notice(
            &ServicerInfo::default(),
            &loan,
            BorrowerId(7),
            jiff::civil::date(2026, 11, 25),
        );
        assert!(!n.body.contains("AutoPay again"));
        assert_eq!(n.channel, Channel::Portal);
        let es = transfer_notice_in(
            Lang::Es,
            &ServicerInfo::default(),
            &loan,
            BorrowerId(7),
            jiff::civil::date(2026, 11, 25),
        );
        assert!(
            es.subject.starts_with("Su préstamo que termina en"),
            "{}",
            es.subject
        );
        assert!(es.body.contains("25 de noviembre de 2026"), "{}", es.body);
        assert!(!es.body.contains("What stays"), "{}", es.body);
    }
}
