//! The notices of a borrower's sign-in: one-time codes, security alerts (and what each names
//! as changed), the username reminder, the password-reset link, the lockout and
//! failed-attempt notices, and the notice that someone tried to enrol again. Each goes to one
//! address ([`Recipient`]), in the language the borrower reads.

use super::Recipient;
use crate::servicer::ServicerInfo;
use i18n::Tr;
use store::{Channel, NewMessage};

/// What a security alert names as changed, in the words of the alert's language
/// ([`Changed::words`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Changed {
    /// An authenticator app was set up for signing in.
    AuthenticatorSetUp,
    /// The second sign-in step was changed (the authenticator app removed, back to codes).
    SecondStepChanged,
    /// The borrower changed their password.
    PasswordChanged,
    /// The borrower changed their contact details.
    ContactDetailsChanged,
    /// A sign-in was set up (enrolment).
    SignInSetUp,
    /// The password was reset by the emailed link.
    PasswordWasReset,
    /// Staff unlocked the sign-in.
    UnlockedByStaff,
    /// Staff forgot the devices the sign-in remembered.
    DevicesForgottenByStaff,
    /// A bank account was saved.
    BankAccountAdded {
        /// Its last four digits.
        last4: String,
    },
    /// A card was saved.
    CardAdded {
        /// Its brand.
        brand: String,
        /// Its last four digits.
        last4: String,
    },
}

impl Changed {
    /// What changed, in `tr`'s language, as the middle of a sentence ("your password was
    /// changed").
    pub fn words(&self, tr: Tr) -> String {
        match self {
            Changed::AuthenticatorSetUp => tr.t("notice-changed-authenticator"),
            Changed::SecondStepChanged => tr.t("notice-changed-second-step"),
            Changed::PasswordChanged => tr.t("notice-changed-password"),
            Changed::ContactDetailsChanged => tr.t("notice-changed-contact"),
            Changed::SignInSetUp => tr.t("notice-changed-sign-in-set-up"),
            Changed::PasswordWasReset => tr.t("notice-changed-password-reset"),
            Changed::UnlockedByStaff => tr.t("notice-changed-unlocked"),
            Changed::DevicesForgottenByStaff => tr.t("notice-changed-devices-forgotten"),
            Changed::BankAccountAdded { last4 } => {
                tr.t1("notice-changed-bank-account", "last4", last4)
            }
            Changed::CardAdded { brand, last4 } => {
                tr.t2("notice-changed-card", "brand", brand, "last4", last4)
            }
        }
    }
}

/// What a security alert names as changed when an authenticator app was set up.
pub const AUTHENTICATOR_SET_UP: Changed = Changed::AuthenticatorSetUp;

/// What a security alert names as changed when the second sign-in step was changed (the
/// authenticator app removed, back to codes).
pub const SECOND_STEP_CHANGED: Changed = Changed::SecondStepChanged;

/// What a security alert names as changed when the borrower changed their password.
pub const PASSWORD_CHANGED: Changed = Changed::PasswordChanged;

/// What a security alert names as changed when the borrower changed their contact details
/// (sent to the old address and, if it changed, the new one).
pub const CONTACT_DETAILS_CHANGED: Changed = Changed::ContactDetailsChanged;

/// What a security alert names as changed when a sign-in was set up (enrolment).
pub const SIGN_IN_SET_UP: Changed = Changed::SignInSetUp;

/// What a security alert names as changed when the password was reset by the emailed link.
pub const PASSWORD_WAS_RESET: Changed = Changed::PasswordWasReset;

/// What a security alert names as changed when staff unlocked the sign-in.
pub const UNLOCKED_BY_STAFF: Changed = Changed::UnlockedByStaff;

/// What a security alert names as changed when staff forgot the remembered devices.
pub const DEVICES_FORGOTTEN_BY_STAFF: Changed = Changed::DevicesForgottenByStaff;

/// What a security alert names as changed when a bank account ending in `last4` was saved.
pub fn bank_account_added(last4: &str) -> Changed {
    Changed::BankAccountAdded {
        last4: last4.to_owned(),
    }
}

/// What a security alert names as changed when a `brand` card ending in `last4` was saved.
pub fn card_added(brand: &str, last4: &str) -> Changed {
    Changed::CardAdded {
        brand: brand.to_owned(),
        last4: last4.to_owned(),
    }
}

/// A one-time code. Texts are short; emails say what the code is for and what to do if the
/// borrower did not ask for it.
pub fn one_time_code(
    site: &ServicerInfo,
    to: &Recipient,
    code: &str,
    purpose: &str,
    now_us: i64,
) -> NewMessage {
    let tr = to.lang.tr();
    let what = match purpose {
        "enroll" => tr.t("notice-code-for-enroll"),
        "link" => tr.t("notice-code-for-link"),
        _ => tr.t("notice-code-for-sign-in"),
    };
    let body = match to.channel {
        Channel::Sms => tr.t2("notice-code-text", "servicer", &site.name, "code", code),
        _ => format!(
            "{}\n\n{}\n\n{}\n\n{}\n",
            tr.t2("notice-code-is", "servicer", &site.name, "code", code),
            tr.t1("notice-code-enter", "what", &what),
            tr.t1("notice-code-never-ask", "phone", &site.phone),
            site.name,
        ),
    };
    to.message(
        tr.t2("notice-code-subject", "servicer", &site.name, "code", code),
        body,
        format!("otp:{purpose}:{}:{now_us}", to.borrower.0),
    )
}

/// A security alert: something about the sign-in changed. Sent to the address on file
/// before the change, so a borrower whose account was taken over hears of it.
pub fn security_alert(
    site: &ServicerInfo,
    to: &Recipient,
    what_changed: &Changed,
    now_us: i64,
) -> NewMessage {
    let tr = to.lang.tr();
    let what = what_changed.words(tr);
    to.message(
        tr.t1("notice-security-subject", "what", &what),
        format!(
            "{}\n\n{}\n\n{}\n",
            tr.t2(
                "notice-security-letting-you-know",
                "what",
                &what,
                "servicer",
                &site.name,
            ),
            tr.t2(
                "notice-security-if-not-you",
                "phone",
                &site.phone,
                "hours",
                site.hours_in(to.lang),
            ),
            site.name,
        ),
        format!("security:{}:{}:{now_us}", to.borrower.0, to.address),
    )
}

/// The username reminder.
pub fn username_reminder(
    site: &ServicerInfo,
    to: &Recipient,
    username: &str,
    now_us: i64,
) -> NewMessage {
    let tr = to.lang.tr();
    to.message(
        tr.t1("notice-username-subject", "servicer", &site.name),
        format!(
            "{}\n\n{}\n\n{}\n\n{}\n",
            tr.t1("notice-username-is", "username", username),
            tr.t1(
                "notice-sign-in-at",
                "link",
                format!("{}/login", site.website)
            ),
            tr.t("notice-username-ignore"),
            site.name,
        ),
        format!("username:{}:{now_us}", to.borrower.0),
    )
}

/// The password-reset link.
pub fn password_reset(site: &ServicerInfo, to: &Recipient, token: &str, now_us: i64) -> NewMessage {
    let tr = to.lang.tr();
    to.message(
        tr.t1("notice-reset-subject", "servicer", &site.name),
        format!(
            "{}\n\n{}/reset-password?token={token}\n\n{}\n\n{}\n\n{}\n",
            tr.t1("notice-reset-asked", "servicer", &site.name),
            site.website,
            tr.t("notice-reset-second-step"),
            tr.t("notice-reset-ignore"),
            site.name,
        ),
        format!("reset:{}:{now_us}", to.borrower.0),
    )
}

/// The lockout notice.
pub fn lockout(site: &ServicerInfo, to: &Recipient, now_us: i64) -> NewMessage {
    let tr = to.lang.tr();
    let forgot = format!("{}/forgot-password", site.website);
    to.message(
        tr.t1("notice-lockout-subject", "servicer", &site.name),
        format!(
            "{}\n\n{}\n\n{}\n",
            tr.t2(
                "notice-lockout",
                "times",
                crate::identity::LOCK_AFTER,
                "link",
                &forgot,
            ),
            tr.t1("notice-lockout-not-you", "phone", &site.phone),
            site.name,
        ),
        format!("lockout:{}:{now_us}", to.borrower.0),
    )
}

/// Several wrong passwords or codes in a row: the owner is told, and nothing is locked.
pub fn failed_attempts(site: &ServicerInfo, to: &Recipient, now_us: i64) -> NewMessage {
    let tr = to.lang.tr();
    let forgot = format!("{}/forgot-password", site.website);
    to.message(
        tr.t1("notice-failed-subject", "servicer", &site.name),
        format!(
            "{}\n\n{}\n\n{}\n",
            tr.t1("notice-failed", "times", crate::identity::SLOW_AFTER),
            tr.t2(
                "notice-failed-not-you",
                "link",
                &forgot,
                "phone",
                &site.phone,
            ),
            site.name,
        ),
        format!("failed-attempts:{}:{now_us}", to.borrower.0),
    )
}

/// Someone gave this borrower's account number and identity facts to enrol, and the borrower
/// already has a sign-in: they are told here, not on the screen (which says the same as for
/// wrong facts, so the screen confirms no one's facts).
pub fn already_enrolled(
    site: &ServicerInfo,
    to: &Recipient,
    username: &str,
    now_us: i64,
) -> NewMessage {
    let tr = to.lang.tr();
    to.message(
        tr.t1("notice-already-enrolled-subject", "servicer", &site.name),
        format!(
            "{}\n\n{}\n\n{}\n",
            tr.t1("notice-already-enrolled", "username", username),
            tr.t3(
                "notice-already-enrolled-what-to-do",
                "login",
                format!("{}/login", site.website),
                "forgot",
                format!("{}/forgot-password", site.website),
                "phone",
                &site.phone,
            ),
            site.name,
        ),
        format!("already-enrolled:{}:{now_us}", to.borrower.0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use i18n::Lang;
    use store::BorrowerId;

    fn to(lang: Lang) -> Recipient {
        Recipient {
            borrower: BorrowerId(3),
            channel: Channel::Email,
            address: "maria.lopez@example.com".into(),
            lang,
        }
    }

    #[test]
    fn an_english_security_alert_keeps_its_words() {
        let site = ServicerInfo::default();
        let m = security_alert(&site, &to(Lang::En), &PASSWORD_CHANGED, 1);
        assert_eq!(m.subject, "Security alert: your password was changed");
        assert_eq!(
            m.body,
            format!(
                "We are letting you know that your password was changed on your {name} account.\n\n\
                 If you did this, there is nothing more to do. If you did not, call us now at {phone} \
                 ({hours}).\n\n{name}\n",
                name = site.name,
                phone = site.phone,
                hours = site.hours,
            )
        );
        let card = security_alert(&site, &to(Lang::En), &card_added("Visa", "4242"), 1);
        assert_eq!(
            card.subject,
            "Security alert: a Visa card ending 4242 was added"
        );
    }

    #[test]
    fn a_spanish_borrower_gets_codes_and_alerts_in_spanish() {
        let site = ServicerInfo::default();
        let m = security_alert(&site, &to(Lang::Es), &PASSWORD_CHANGED, 1);
        assert_eq!(m.subject, "Alerta de seguridad: se cambió su contraseña");
        assert!(!m.body.contains("We are letting you know"), "{}", m.body);
        let code = one_time_code(&site, &to(Lang::Es), "123456", "sign_in", 1);
        assert!(code.subject.ends_with(": 123456"), "{}", code.subject);
        assert!(
            code.body.contains("Ingréselo para iniciar sesión"),
            "{}",
            code.body
        );
        let text = one_time_code(
            &site,
            &Recipient {
                channel: Channel::Sms,
                address: "+15555550100".into(),
                ..to(Lang::Es)
            },
            "123456",
            "sign_in",
            1,
        );
        assert!(text.body.contains("su código es 123456"), "{}", text.body);
        let en = one_time_code(&site, &to(Lang::En), "123456", "enroll", 1);
        assert_eq!(en.subject, format!("Your {} code: 123456", site.name));
        assert!(en.body.contains(
            "Enter it to finish setting up your sign-in. It works once and expires in 10 minutes."
        ));
    }
}
