//! The written notices of authorizations given by phone (issue 19): the borrower's
//! confirmation of a payment they authorized with an agent (NACHA asks that a TEL debit's
//! oral authorization be confirmed in writing before it settles), and their copy of AutoPay
//! turned on, changed or turned off by phone. Each carries the words read to them, exactly.
//! Records, not alerts: they go to the email on file (or the message center) whatever the
//! alert choices, once per authorization (the key names it).

use super::Recipient;
use crate::servicer::ServicerInfo;
use documents::long_date;
use domain::account_number::AccountNumber;
use domain::payment::Rail;
use domain::phone::PhoneAuthorizationKind;
use store::{AutopayId, NewMessage, Payment};

/// The confirmation of payment `p`, authorized by phone on loan `account` from `method` (as
/// the words name it) after `script` was read.
pub fn phone_payment_notice(
    site: &ServicerInfo,
    to: &Recipient,
    p: &Payment,
    account: AccountNumber,
    method: &str,
    script: &str,
) -> NewMessage {
    let last4 = account.last4();
    let when = match p.rail {
        Rail::Card => format!(
            "It is charged to your {method} now and credited {}. If your card issuer declines the charge, nothing is paid: call us to pay another way.",
            long_date(p.credit_date)
        ),
        _ => format!(
            "It will be debited from your {method} on or after {date}. To cancel it, call us before {date}.",
            date = long_date(p.credit_date)
        ),
    };
    NewMessage {
        borrower: to.borrower,
        channel: to.channel,
        recipient: to.address.clone(),
        subject: format!(
            "Your payment of {} by phone on the loan ending in {last4}",
            p.amount.usd()
        ),
        body: format!(
            "This confirms the payment you authorized by phone: {amount} on your loan ending in {last4}, \
             confirmation number {confirmation}. {when}\n\n\
             These are the words read to you, which you agreed to:\n\n{script}\n\n\
             If this is not what you agreed to, call us at once at {phone} ({hours}).\n\n\
             Keep this message for your records.\n\n{name}\n",
            amount = p.amount.usd(),
            confirmation = p.confirmation,
            phone = site.phone,
            hours = site.hours,
            name = site.name,
        ),
        key: format!("phone-authorization:payment:{}", p.id.0),
    }
}

/// The borrower's copy of AutoPay `autopay` on loan `account` turned on, changed or turned
/// off by phone (`kind`) after `script` was read.
pub fn phone_autopay_notice(
    site: &ServicerInfo,
    to: &Recipient,
    kind: PhoneAuthorizationKind,
    autopay: AutopayId,
    account: AccountNumber,
    script: &str,
) -> NewMessage {
    let last4 = account.last4();
    let (subject, what) = match kind {
        PhoneAuthorizationKind::AutopayCancel => (
            format!("AutoPay turned off by phone for the loan ending in {last4}"),
            "This confirms that AutoPay was turned off at your request by phone. Your payments are still due.",
        ),
        PhoneAuthorizationKind::AutopayChange => (
            format!("Your AutoPay changed by phone for the loan ending in {last4}"),
            "This is your copy of the AutoPay authorization you gave by phone, which replaces the one you had.",
        ),
        _ => (
            format!("Your AutoPay authorization by phone for the loan ending in {last4}"),
            "This is your copy of the AutoPay authorization you gave by phone.",
        ),
    };
    NewMessage {
        borrower: to.borrower,
        channel: to.channel,
        recipient: to.address.clone(),
        subject,
        body: format!(
            "{what}\n\nThese are the words read to you, which you agreed to:\n\n{script}\n\n\
             If this is not what you agreed to, call us at once at {phone} ({hours}).\n\n\
             Keep this message for your records.\n\n{name}\n",
            phone = site.phone,
            hours = site.hours,
            name = site.name,
        ),
        key: format!("phone-authorization:{}:{}", kind.as_str(), autopay.0),
    }
}

/// The notice that bank payment `p` by phone on loan `account` was cancelled and not sent to
/// the bank, because the written confirmation of its authorization could not be delivered
/// before it was due to be debited (NACHA lets such a debit settle only after it); to `to`,
/// one of the channels that can still reach the borrower.
pub fn phone_payment_not_sent(
    site: &ServicerInfo,
    to: &Recipient,
    p: &Payment,
    account: AccountNumber,
) -> NewMessage {
    let last4 = account.last4();
    NewMessage {
        borrower: to.borrower,
        channel: to.channel,
        recipient: to.address.clone(),
        subject: format!("Your payment of {} by phone was not made", p.amount.usd()),
        body: format!(
            "We did not send your payment of {amount} on your loan ending in {last4} \
             (confirmation number {confirmation}, for {date}) to your bank, and it has been \
             cancelled. We debit your account only after we have sent you the written \
             confirmation of what you authorized by phone, and we could not get it to you. \
             Nothing was taken from your account.\n\n\
             The payment is still due: call us at {phone} ({hours}) to pay another way, or pay \
             in the portal. Please check with us that we have your right email address.\n\n\
             {name}\n",
            amount = p.amount.usd(),
            confirmation = p.confirmation,
            date = long_date(p.credit_date),
            phone = site.phone,
            hours = site.hours,
            name = site.name,
        ),
        key: format!("phone-payment-not-sent:{}:{}", p.id.0, to.channel_name()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::loan::ExtraTo;
    use domain::payment::{PaymentChannel, PaymentStatus};
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
        }
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
