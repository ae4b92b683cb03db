//! The written notices of authorizations given by phone (issue 19): the borrower's
//! confirmation of a payment they authorized with an agent (NACHA asks that a TEL debit's
//! oral authorization be confirmed in writing before it settles), and their copy of AutoPay
//! turned on, changed or turned off by phone. Each carries the words read to them, exactly.
//! Records, not alerts: they go to the email on file (or the message center) whatever the
//! alert choices, once per authorization (the key names it).

use super::Recipient;
use crate::servicer::ServicerInfo;
use domain::account_number::AccountNumber;
use domain::payment::{MethodKind, Rail};
use domain::phone::PhoneAuthorizationKind;
use i18n::Tr;
use store::{AutopayId, NewMessage, Payment};

/// A method paid from by phone as its written confirmation names it, in `tr`'s language:
/// "checking account ending in 6789", "Visa debit card ending in 4242" (`type_or_brand`:
/// "checking" or "savings", or the card's brand).
pub fn phone_method_words(tr: Tr, kind: MethodKind, type_or_brand: &str, last4: &str) -> String {
    match kind {
        MethodKind::Bank => match type_or_brand {
            "checking" => tr.t1("notice-phone-method-checking", "last4", last4),
            "savings" => tr.t1("notice-phone-method-savings", "last4", last4),
            other => tr.t2("notice-phone-method-account", "type", other, "last4", last4),
        },
        MethodKind::Card => tr.t2(
            "notice-phone-method-card",
            "brand",
            type_or_brand,
            "last4",
            last4,
        ),
    }
}

/// The paragraphs that close each written confirmation of a phone authorization, in `tr`'s
/// language: the words read (`script`, as read), whom to call if they are not what was agreed,
/// and to keep it.
fn words_read_and_close(tr: Tr, site: &ServicerInfo, script: &str) -> String {
    format!(
        "{}\n\n{script}\n\n{}\n\n{}\n\n{}\n",
        tr.t("notice-phone-words-read"),
        tr.t2(
            "notice-phone-not-agreed",
            "phone",
            &site.phone,
            "hours",
            site.hours_in(tr.lang()),
        ),
        tr.t("notice-phone-keep"),
        site.name,
    )
}

/// The confirmation of payment `p`, authorized by phone on loan `account` from `method` (as
/// the words name it, in the language of `to`: [`phone_method_words`]) after `script` was
/// read. Written in the language of `to`; the script is as it was read.
pub fn phone_payment_notice(
    site: &ServicerInfo,
    to: &Recipient,
    p: &Payment,
    account: AccountNumber,
    method: &str,
    script: &str,
) -> NewMessage {
    let tr = to.lang.tr();
    let last4 = account.last4();
    let when = match p.rail {
        Rail::Card => tr.t2(
            "notice-phone-card-when",
            "method",
            method,
            "date",
            tr.date(p.credit_date),
        ),
        _ => tr.t2(
            "notice-phone-bank-when",
            "method",
            method,
            "date",
            tr.date(p.credit_date),
        ),
    };
    NewMessage {
        borrower: to.borrower,
        channel: to.channel,
        recipient: to.address.clone(),
        subject: tr.t2(
            "notice-phone-payment-subject",
            "amount",
            p.amount.usd(),
            "last4",
            &last4,
        ),
        body: format!(
            "{} {when}\n\n{}",
            tr.t3(
                "notice-phone-payment",
                "amount",
                p.amount.usd(),
                "last4",
                &last4,
                "confirmation",
                &p.confirmation,
            ),
            words_read_and_close(tr, site, script),
        ),
        key: format!("phone-authorization:payment:{}", p.id.0),
    }
}

/// The borrower's copy of AutoPay `autopay` on loan `account` turned on, changed or turned
/// off by phone (`kind`) after `script` was read, in the language of `to`.
pub fn phone_autopay_notice(
    site: &ServicerInfo,
    to: &Recipient,
    kind: PhoneAuthorizationKind,
    autopay: AutopayId,
    account: AccountNumber,
    script: &str,
) -> NewMessage {
    let tr = to.lang.tr();
    let last4 = account.last4();
    let (subject, what) = match kind {
        PhoneAuthorizationKind::AutopayCancel => (
            "notice-phone-autopay-off-subject",
            "notice-phone-autopay-off",
        ),
        PhoneAuthorizationKind::AutopayChange => (
            "notice-phone-autopay-changed-subject",
            "notice-phone-autopay-changed",
        ),
        _ => ("notice-phone-autopay-subject", "notice-phone-autopay"),
    };
    NewMessage {
        borrower: to.borrower,
        channel: to.channel,
        recipient: to.address.clone(),
        subject: tr.t1(subject, "last4", &last4),
        body: format!(
            "{}\n\n{}",
            tr.t(what),
            words_read_and_close(tr, site, script),
        ),
        key: format!("phone-authorization:{}:{}", kind.as_str(), autopay.0),
    }
}

/// The notice that bank payment `p` by phone on loan `account` was cancelled and not sent to
/// the bank, because the written confirmation of its authorization could not be delivered
/// before it was due to be debited (NACHA lets such a debit settle only after it); to `to`,
/// one of the channels that can still reach the borrower, in their language.
pub fn phone_payment_not_sent(
    site: &ServicerInfo,
    to: &Recipient,
    p: &Payment,
    account: AccountNumber,
) -> NewMessage {
    let tr = to.lang.tr();
    let last4 = account.last4();
    NewMessage {
        borrower: to.borrower,
        channel: to.channel,
        recipient: to.address.clone(),
        subject: tr.t1("notice-phone-not-sent-subject", "amount", p.amount.usd()),
        body: format!(
            "{}\n\n{}\n\n{}\n",
            tr.args(
                "notice-phone-not-sent",
                &[
                    ("amount", &p.amount.usd()),
                    ("last4", &last4),
                    ("confirmation", &p.confirmation),
                    ("date", &tr.date(p.credit_date)),
                ],
            ),
            tr.t2(
                "notice-phone-not-sent-still-due",
                "phone",
                &site.phone,
                "hours",
                site.hours_in(to.lang),
            ),
            site.name,
        ),
        key: format!("phone-payment-not-sent:{}:{}", p.id.0, to.channel_name()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::loan::ExtraTo;
    use domain::payment::{PaymentChannel, PaymentStatus};
    use i18n::Lang;
    use jiff::civil::date;
    use money::Money;
    use store::{BorrowerId, Channel, LoanId, NewPayment, PaymentId};

    fn payment(rail: Rail) -> Payment {
        let new = NewPayment {
            confirmation: "PABCDEFGHJKM".into(),
            loan: LoanId(1),
            login: None,
            method: None,
            autopay: None,
            installment: None,
            draft_on: None,
            retry_of: None,
            channel: PaymentChannel::Phone,
            rail,
            amount: Money::from_cents(30_000),
            extra: ExtraTo::Principal,
            credit_date: date(2026, 11, 27),
            status: PaymentStatus::Scheduled,
            card_authorization: None,
            decline_reason: None,
            actor: "staff:1".into(),
            client_ip: None,
            bank: None,
        };
        Payment::recorded(PaymentId(9), &new, 0)
    }

    fn to() -> Recipient {
        Recipient {
            borrower: BorrowerId(3),
            channel: Channel::Email,
            address: "maria.lopez@example.com".into(),
            lang: Lang::En,
        }
    }

    #[test]
    fn a_spanish_borrower_reads_the_confirmation_in_spanish_with_the_words_as_read() {
        let to = Recipient {
            lang: Lang::Es,
            ..to()
        };
        let method = phone_method_words(Lang::Es.tr(), MethodKind::Bank, "checking", "6789");
        assert_eq!(method, "cuenta de cheques que termina en 6789");
        let m = phone_payment_notice(
            &ServicerInfo::default(),
            &to,
            &payment(Rail::Ach),
            AccountNumber::from_base(521_840_000_000_101),
            &method,
            "Today, November 25, 2026, you, Maria Lopez, are authorizing…",
        );
        assert_eq!(
            m.subject,
            "Su pago de $300.00 por teléfono del préstamo que termina en 1015"
        );
        for words in [
            "Esto confirma el pago que usted autorizó por teléfono",
            "cuenta de cheques que termina en 6789 el 27 de noviembre de 2026 o después",
            "Today, November 25, 2026, you, Maria Lopez, are authorizing…",
        ] {
            assert!(m.body.contains(words), "{words:?} in {}", m.body);
        }
        assert!(!m.body.contains("This confirms"), "{}", m.body);
    }

    #[test]
    fn the_method_is_named_as_the_evidence_names_it_in_english() {
        let en = Lang::En.tr();
        assert_eq!(
            phone_method_words(en, MethodKind::Bank, "savings", "1234"),
            "savings account ending in 1234"
        );
        assert_eq!(
            phone_method_words(en, MethodKind::Card, "Visa", "4242"),
            "Visa debit card ending in 4242"
        );
    }

    #[test]
    fn a_bank_payment_notice_confirms_the_words_the_date_and_how_to_cancel() {
        let m = phone_payment_notice(
            &ServicerInfo::default(),
            &to(),
            &payment(Rail::Ach),
            AccountNumber::from_base(521_840_000_000_101),
            "checking account ending in 6789",
            "Today, November 25, 2026, you, Maria Lopez, are authorizing…",
        );
        assert_eq!(m.key, "phone-authorization:payment:9");
        assert_eq!(m.recipient, "maria.lopez@example.com");
        for words in [
            "$300.00",
            "ending in 1015",
            "PABCDEFGHJKM",
            "debited from your checking account ending in 6789 on or after November 27, 2026",
            "call us before November 27, 2026",
            "Today, November 25, 2026, you, Maria Lopez, are authorizing…",
            "1-800-555-0142",
        ] {
            assert!(m.body.contains(words), "{words:?} in {}", m.body);
        }
    }

    #[test]
    fn a_card_payment_notice_says_it_is_charged_now() {
        let m = phone_payment_notice(
            &ServicerInfo::default(),
            &to(),
            &payment(Rail::Card),
            AccountNumber::from_base(521_840_000_000_101),
            "Visa debit card ending in 4242",
            "words",
        );
        assert!(
            m.body
                .contains("charged to your Visa debit card ending in 4242 now")
        );
        assert!(!m.body.contains("To cancel"));
    }

    #[test]
    fn a_payment_not_sent_says_so_with_nothing_taken_and_how_to_pay() {
        let m = phone_payment_not_sent(
            &ServicerInfo::default(),
            &to(),
            &payment(Rail::Ach),
            AccountNumber::from_base(521_840_000_000_101),
        );
        assert_eq!(m.key, "phone-payment-not-sent:9:email");
        assert_eq!(m.subject, "Your payment of $300.00 by phone was not made");
        for words in [
            "ending in 1015",
            "PABCDEFGHJKM",
            "November 27, 2026",
            "has been cancelled",
            "Nothing was taken from your account",
            "still due",
            "1-800-555-0142",
        ] {
            assert!(m.body.contains(words), "{words:?} in {}", m.body);
        }
    }

    #[test]
    fn each_autopay_notice_has_its_own_key_and_subject() {
        let site = ServicerInfo::default();
        let account = AccountNumber::from_base(521_840_000_000_101);
        let on = phone_autopay_notice(
            &site,
            &to(),
            PhoneAuthorizationKind::AutopayEnroll,
            AutopayId(4),
            account,
            "words",
        );
        let off = phone_autopay_notice(
            &site,
            &to(),
            PhoneAuthorizationKind::AutopayCancel,
            AutopayId(4),
            account,
            "words",
        );
        assert_ne!(on.key, off.key);
        assert!(on.subject.contains("authorization by phone"));
        assert!(off.subject.contains("turned off"));
        assert!(off.body.contains("still due"));
    }
}
