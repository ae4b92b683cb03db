//! The words an agent reads to a borrower on the phone before taking a payment, or turning
//! AutoPay on, changing it or turning it off (issue 19), each kind with its version, which is
//! stored with the borrower's agreement.
//!
//! A bank debit authorized by phone is a NACHA TEL entry. Its authorization must state the
//! date on or after which the account is debited, the amount, the borrower's name, a
//! telephone number answered during business hours, the date of the oral authorization, and
//! that it is for a single entry (NACHA Operating Rules, Subsection 2.5.15). An AutoPay set up
//! by phone must also state the account, the timing (with its start) and how to revoke it.
//! The tests below hold every script to the elements its kind needs; a change of words is a
//! new version. A payment's words promise written confirmation only when there is somewhere to
//! send it: without, they are another version's words, without that sentence.

use crate::vocabulary::vocabulary;
use jiff::Span;
use jiff::civil::Date;
use money::Money;

vocabulary! {
    /// What a borrower agreed to by phone. The schema's CHECK on
    /// `phone_authorizations.kind` lists the same set
    /// (`migrations/{sqlite,postgres}/0018_phone_authorizations.sql`).
    pub enum PhoneAuthorizationKind {
        /// A one-time payment: a bank debit (a TEL entry) or a debit card charge.
        Payment = "payment",
        /// AutoPay turned on for a loan that had none.
        AutopayEnroll = "autopay_enroll",
        /// AutoPay changed: the old authorization ended, the new one recorded.
        AutopayChange = "autopay_change",
        /// AutoPay turned off.
        AutopayCancel = "autopay_cancel",
    }
}

/// The version of the one-time payment script, stored with each agreement to it: the words
/// that promise written confirmation (there is an email address or a portal sign-in to send
/// it to).
pub const PAYMENT_SCRIPT_VERSION: &str = "tel-payment-2026-12";

/// The version of the one-time payment script without the promise of written confirmation,
/// for a debit card payment of a borrower with no email address and no portal sign-in (a
/// bank debit by phone is never taken without its written notice).
pub const PAYMENT_NO_NOTICE_SCRIPT_VERSION: &str = "tel-payment-no-notice-2026-12";

/// The version of the AutoPay scripts (turn on, change, turn off).
pub const AUTOPAY_SCRIPT_VERSION: &str = "tel-autopay-2026-12";

/// How long the evidence of an authorization by phone is kept, in years, after the
/// authorization ends (NACHA asks two years for a TEL authorization): a one-time payment's,
/// and a turning off of AutoPay, end the day they are given; an AutoPay's ends when the
/// AutoPay is cancelled or replaced, and until then its evidence is kept without an end date.
pub const RETENTION_YEARS: i64 = 2;

/// The last day the evidence of an authorization that ended on `ended_on` must be kept.
pub fn retain_until(ended_on: Date) -> Date {
    ended_on.saturating_add(Span::new().years(RETENTION_YEARS))
}

/// The versions of the scripts of a kind of authorization (a payment's words with and
/// without the promise of written confirmation).
pub const fn versions_of(kind: PhoneAuthorizationKind) -> &'static [&'static str] {
    match kind {
        PhoneAuthorizationKind::Payment => {
            &[PAYMENT_SCRIPT_VERSION, PAYMENT_NO_NOTICE_SCRIPT_VERSION]
        }
        PhoneAuthorizationKind::AutopayEnroll
        | PhoneAuthorizationKind::AutopayChange
        | PhoneAuthorizationKind::AutopayCancel => &[AUTOPAY_SCRIPT_VERSION],
    }
}

/// The account or card a borrower pays from, as a script names it (never the full number).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScriptMethod<'a> {
    /// A bank account.
    Bank {
        /// "checking" or "savings".
        account_type: &'a str,
        /// The account number's last four digits.
        last4: &'a str,
    },
    /// A debit card.
    Card {
        /// "Visa", "Mastercard"…
        brand: &'a str,
        /// The card number's last four digits.
        last4: &'a str,
    },
}

impl ScriptMethod<'_> {
    /// The method in the borrower's words: "your checking account ending in 6789", "your
    /// Visa debit card ending in 4242".
    pub fn words(&self) -> String {
        match self {
            ScriptMethod::Bank {
                account_type,
                last4,
            } => format!("your {account_type} account ending in {last4}"),
            ScriptMethod::Card { brand, last4 } => {
                format!("your {brand} debit card ending in {last4}")
            }
        }
    }
}

/// Who speaks to whom, and when: the facts every script states.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Call<'a> {
    /// The borrower's name as on file.
    pub borrower_name: &'a str,
    /// The servicer's name.
    pub servicer_name: &'a str,
    /// The servicer's customer service number.
    pub servicer_phone: &'a str,
    /// When that number is answered.
    pub hours: &'a str,
    /// The date the borrower gives the authorization (the date of the call).
    pub authorized_on: Date,
    /// The last four digits of the loan's account number.
    pub loan_last4: &'a str,
}

/// A one-time payment by phone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PaymentFacts<'a> {
    /// The call.
    pub call: Call<'a>,
    /// What is debited or charged.
    pub method: ScriptMethod<'a>,
    /// How much.
    pub amount: Money,
    /// The date on or after which a bank account is debited (the payment's credit date); a
    /// card is charged at once and credited then.
    pub on: Date,
    /// Written confirmation will be sent (there is an email address or a portal sign-in on
    /// file): only then do the words promise it.
    pub written_confirmation: bool,
}

/// AutoPay turned on or changed by phone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AutopayFacts<'a> {
    /// The call.
    pub call: Call<'a>,
    /// The AutoPay authorization's own words (method, amount, timing, how to cancel), the
    /// same the portal shows.
    pub authorization: &'a str,
    /// The first day a draft may go out under it.
    pub first_draft: Date,
    /// The due date of the payment that first draft pays.
    pub first_due: Date,
    /// A change of the loan's AutoPay, rather than a new one.
    pub change: bool,
}

/// The words an agent reads, and their version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Script {
    /// What the borrower agrees to.
    pub kind: PhoneAuthorizationKind,
    /// The version of the words.
    pub version: &'static str,
    /// The words, exactly as read (and stored, and sent to the borrower).
    pub text: String,
}

/// A date as people say it: "December 1, 2026".
fn spoken(d: Date) -> String {
    d.strftime("%B %-d, %Y").to_string()
}

/// The script of a one-time payment by phone: a bank debit (a TEL entry) or a card charge.
pub fn payment_script(f: &PaymentFacts<'_>) -> Script {
    let c = &f.call;
    let (today, on) = (spoken(c.authorized_on), spoken(f.on));
    let what = match f.method {
        ScriptMethod::Bank { .. } => format!(
            "a single, one-time electronic debit (ACH) of {amount} from {method} on or after {on}",
            amount = f.amount.usd(),
            method = f.method.words(),
        ),
        ScriptMethod::Card { .. } => format!(
            "a single, one-time charge of {amount} to {method}, made now and credited {on}",
            amount = f.amount.usd(),
            method = f.method.words(),
        ),
    };
    let cancel = match f.method {
        ScriptMethod::Bank { .. } => format!(", or to cancel this payment before {on}"),
        ScriptMethod::Card { .. } => String::new(),
    };
    // Promised only when there is somewhere to send it; without, other words (a version of
    // their own).
    let (confirmation, version) = if f.written_confirmation {
        (
            " We will send you written confirmation of this authorization before the payment is \
             settled.",
            PAYMENT_SCRIPT_VERSION,
        )
    } else {
        ("", PAYMENT_NO_NOTICE_SCRIPT_VERSION)
    };
    let text = format!(
        "Today, {today}, you, {name}, are authorizing {servicer} to make {what}, to pay your loan \
         ending in {loan}. This authorization is for this single payment only: we will not debit \
         or charge you again under it. If you have questions{cancel}, call us at {phone}, \
         {hours}.{confirmation} Do you agree?",
        name = c.borrower_name,
        servicer = c.servicer_name,
        loan = c.loan_last4,
        phone = c.servicer_phone,
        hours = c.hours,
    );
    Script {
        kind: PhoneAuthorizationKind::Payment,
        version,
        text,
    }
}

/// The script of AutoPay turned on or changed by phone: the AutoPay authorization's own words,
/// framed with the call's facts and the first draft.
pub fn autopay_script(f: &AutopayFacts<'_>) -> Script {
    let c = &f.call;
    let (kind, doing) = if f.change {
        (
            PhoneAuthorizationKind::AutopayChange,
            "are changing your AutoPay",
        )
    } else {
        (
            PhoneAuthorizationKind::AutopayEnroll,
            "are setting up AutoPay",
        )
    };
    let text = format!(
        "Today, {today}, you, {name}, {doing} for your loan ending in {loan}. I will read the \
         authorization; please listen. “{words}” The first draft under it will be on or after \
         {first}, for the payment due {due}, and drafts continue each month until you cancel or \
         the loan is paid. You can cancel at any time by calling us at {phone}, {hours}, or in the \
         portal. We will send you a written copy of this authorization. Do you agree?",
        today = spoken(c.authorized_on),
        name = c.borrower_name,
        loan = c.loan_last4,
        words = f.authorization,
        first = spoken(f.first_draft),
        due = spoken(f.first_due),
        phone = c.servicer_phone,
        hours = c.hours,
    );
    Script {
        kind,
        version: AUTOPAY_SCRIPT_VERSION,
        text,
    }
}

/// The script of AutoPay turned off by phone.
pub fn autopay_cancel_script(c: &Call<'_>) -> Script {
    let text = format!(
        "Today, {today}, you, {name}, are asking {servicer} to turn off AutoPay for your loan \
         ending in {loan}. No draft will be made after today, except one already sent to your \
         bank. Your payments are still due: you can pay in the portal or by calling us at {phone}, \
         {hours}. We will send you written confirmation. Do you want AutoPay turned off?",
        today = spoken(c.authorized_on),
        name = c.borrower_name,
        servicer = c.servicer_name,
        loan = c.loan_last4,
        phone = c.servicer_phone,
        hours = c.hours,
    );
    Script {
        kind: PhoneAuthorizationKind::AutopayCancel,
        version: AUTOPAY_SCRIPT_VERSION,
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::texts;
    use jiff::civil::date;

    fn call() -> Call<'static> {
        Call {
            borrower_name: "Maria Lopez",
            servicer_name: "Servicer Demo Lending",
            servicer_phone: "1-800-555-0142",
            hours: "Monday to Friday 8 a.m. to 8 p.m. Eastern",
            authorized_on: date(2026, 11, 25),
            loan_last4: "1015",
        }
    }

    fn bank() -> PaymentFacts<'static> {
        PaymentFacts {
            call: call(),
            method: ScriptMethod::Bank {
                account_type: "checking",
                last4: "6789",
            },
            amount: Money::from_cents(30_000),
            on: date(2026, 11, 27),
            written_confirmation: true,
        }
    }

    /// Every element NACHA asks of a single-entry TEL authorization, as the words state it.
    fn assert_tel_elements(text: &str, on: &str, amount: &str) {
        for (element, words) in [
            ("the date of the debit", on),
            ("the amount", amount),
            ("the borrower's name", "Maria Lopez"),
            ("a phone number for questions", "1-800-555-0142"),
            (
                "when it is answered",
                "Monday to Friday 8 a.m. to 8 p.m. Eastern",
            ),
            ("the date of the authorization", "Today, November 25, 2026"),
            ("that it is a single entry", "single, one-time"),
            (
                "that it is for this payment only",
                "this single payment only",
            ),
            ("the loan", "ending in 1015"),
        ] {
            assert!(text.contains(words), "{element}: {words:?} in {text}");
        }
    }

    #[test]
    fn a_bank_payment_script_states_every_element_of_a_tel_authorization() {
        let s = payment_script(&bank());
        assert_eq!(s.version, PAYMENT_SCRIPT_VERSION);
        assert_eq!(s.kind, PhoneAuthorizationKind::Payment);
        assert_tel_elements(&s.text, "on or after November 27, 2026", "$300.00");
        assert!(s.text.contains("your checking account ending in 6789"));
        assert!(s.text.contains("electronic debit (ACH)"));
        assert!(
            s.text
                .contains("to cancel this payment before November 27, 2026")
        );
        assert!(s.text.contains("written confirmation"));
        assert!(s.text.ends_with("Do you agree?"));
    }

    #[test]
    fn a_card_payment_script_names_the_card_and_says_it_is_charged_now() {
        let s = payment_script(&PaymentFacts {
            method: ScriptMethod::Card {
                brand: "Visa",
                last4: "4242",
            },
            on: date(2026, 11, 25),
            ..bank()
        });
        assert_tel_elements(&s.text, "credited November 25, 2026", "$300.00");
        assert!(
            s.text
                .contains("your Visa debit card ending in 4242, made now")
        );
        assert!(
            !s.text.contains("cancel"),
            "a card charge cannot be cancelled"
        );
    }

    #[test]
    fn written_confirmation_is_promised_only_when_it_will_be_sent() {
        let card = PaymentFacts {
            method: ScriptMethod::Card {
                brand: "Visa",
                last4: "4242",
            },
            on: date(2026, 11, 25),
            ..bank()
        };
        let sent = payment_script(&card);
        assert_eq!(sent.version, PAYMENT_SCRIPT_VERSION);
        assert!(sent.text.contains("We will send you written confirmation"));
        let unsent = payment_script(&PaymentFacts {
            written_confirmation: false,
            ..card
        });
        assert_eq!(unsent.version, PAYMENT_NO_NOTICE_SCRIPT_VERSION);
        assert_ne!(unsent.version, sent.version);
        assert!(
            !unsent.text.contains("written") && !unsent.text.contains("confirmation"),
            "{}",
            unsent.text
        );
        assert_tel_elements(&unsent.text, "credited November 25, 2026", "$300.00");
        assert!(
            unsent.text.ends_with("Eastern. Do you agree?"),
            "{}",
            unsent.text
        );
    }

    #[test]
    fn an_autopay_script_reads_the_authorization_and_states_its_start_and_how_to_cancel() {
        let words = "I authorize Servicer Demo Lending to debit my checking account ending in 6789 for the scheduled monthly payment on each due date";
        let f = AutopayFacts {
            call: call(),
            authorization: words,
            first_draft: date(2026, 12, 1),
            first_due: date(2026, 12, 1),
            change: false,
        };
        let s = autopay_script(&f);
        assert_eq!(
            (s.kind, s.version),
            (
                PhoneAuthorizationKind::AutopayEnroll,
                AUTOPAY_SCRIPT_VERSION
            )
        );
        for words in [
            words,
            "Today, November 25, 2026",
            "Maria Lopez",
            "setting up AutoPay",
            "ending in 1015",
            "on or after December 1, 2026",
            "payment due December 1, 2026",
            "until you cancel",
            "cancel at any time by calling us at 1-800-555-0142",
            "written copy",
        ] {
            assert!(s.text.contains(words), "{words:?} in {}", s.text);
        }
        let changed = autopay_script(&AutopayFacts { change: true, ..f });
        assert_eq!(changed.kind, PhoneAuthorizationKind::AutopayChange);
        assert!(changed.text.contains("changing your AutoPay"));
    }

    #[test]
    fn the_cancel_script_says_what_stops_and_that_payments_are_still_due() {
        let s = autopay_cancel_script(&call());
        assert_eq!(s.kind, PhoneAuthorizationKind::AutopayCancel);
        for words in [
            "Today, November 25, 2026",
            "Maria Lopez",
            "turn off AutoPay",
            "ending in 1015",
            "except one already sent",
            "still due",
            "1-800-555-0142",
        ] {
            assert!(s.text.contains(words), "{words:?} in {}", s.text);
        }
    }

    #[test]
    fn evidence_is_kept_two_years_after_the_authorization_ends_even_from_a_leap_day() {
        assert_eq!(retain_until(date(2026, 11, 25)), date(2028, 11, 25));
        assert_eq!(retain_until(date(2028, 2, 29)), date(2030, 2, 28));
    }

    #[test]
    fn every_kind_reads_back_has_its_version_and_the_set_is_the_schemas() {
        // phone_authorizations.kind CHECK in migrations/{sqlite,postgres}/0018_phone_authorizations.sql.
        let check = [
            "payment",
            "autopay_enroll",
            "autopay_change",
            "autopay_cancel",
        ];
        assert_eq!(
            texts(PhoneAuthorizationKind::ALL, PhoneAuthorizationKind::as_str),
            check
        );
        for k in PhoneAuthorizationKind::ALL {
            assert_eq!(PhoneAuthorizationKind::parse(k.as_str()), Some(*k));
            assert!(!versions_of(*k).is_empty());
            assert!(versions_of(*k).iter().all(|v| v.starts_with("tel-")));
        }
    }
}
