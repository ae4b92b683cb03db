//! Which form field an identity refusal belongs to. The app names each refusal after the
//! rule it enforces ([`IdentityError`]) and says nothing of forms; the forms that ask for the
//! facts are the web's, so the web says, here and only here, beside which field a refusal's
//! message goes. The portal and the console put the message there
//! ([`Errors::from_identity`](super::Errors::from_identity)), the API names the request's
//! property from it (`api::request_field`), and `servicer staff add` names its flag from it
//! (`--email`, `--name`, `--role`; the password, read from standard input, is named so).
//!
//! The words of each refusal are here too ([`words`], [`errors`]): the app's messages are
//! English (its `Display`), and the portal says them in the visitor's language, from the
//! catalog (`crates/i18n/locales/*/auth.ftl`, ids `auth-refusal-…`).
//!
//! The matches are exhaustive: a new refusal is placed on a field (or on none), and given its
//! words, when it is added.

use super::Errors;
use app::identity::passwords::{MAX_LENGTH, MIN_LENGTH, PasswordProblem};
use app::identity::{IdentityError, TextEntry};
use app::payments::cards::CardError;
use domain::account_number::AccountNumberError;
use domain::address::{AddressError, AddressField};
use domain::bank_account::BankAccountNumberError;
use domain::routing_number::RoutingNumberError;
use i18n::Tr;

/// The form field `e`'s message belongs to, or `None` when it is about no one field (the
/// caller's fallback then takes it).
pub fn form_field(e: &IdentityError) -> Option<&'static str> {
    use IdentityError as E;
    Some(match e {
        E::NoMatch
        | E::AlreadyEnrolled
        | E::Throttled
        | E::BadCredentials
        | E::SessionEnded
        | E::StepUpRequired
        | E::Store(_) => return None,
        E::WrongCode { .. } | E::CodeSpent | E::AuthenticatorCodeWrong | E::RecoveryCodeWrong => {
            "code"
        }
        E::AccountNumberShape(_) | E::LoanAlreadyLinked => "account_number",
        E::SsnLast4Shape => "ssn_last4",
        E::DateOfBirthShape => "date_of_birth",
        E::ZipShape => "zip",
        E::UsernameShape | E::UsernameTaken | E::UsernameMissing => "username",
        E::Password(PasswordProblem::Mismatch) => "confirm",
        E::Password(_) | E::StepUpPasswordWrong | E::StaffPasswordTooShort { .. } => "password",
        E::CurrentPasswordWrong => "current",
        E::ReminderEmailShape
        | E::EmailShape
        | E::StaffEmailShape
        | E::StaffEmailUnfitForAuthenticator { .. }
        | E::StaffEmailTaken => "email",
        E::ResetLinkSpent => "token",
        E::SetupKeyUnreadable
        | E::SetupKeyRefused { .. }
        | E::SetupAddressUnwritable { .. }
        | E::SetupQrUnwritable { .. } => "secret",
        E::TextMissing(text) | E::TextTooLong { text, .. } => text_field(*text),
        E::PhoneShape => "phone",
        // Each part at fault has its own message on its own field (`Errors::from_identity`);
        // the first part is the refusal's field.
        E::MailingAddress(problems) => address_field(problems.first().field()),
        E::AlertUnknown { .. } | E::TextsNeedPhone => "alerts",
        E::TextsNeedConsent => "sms_consent",
        E::PaperlessNeedsConsent => "agree",
        E::AccountHolderNameLength { .. } | E::CardHolderNameLength { .. } => "holder_name",
        E::NicknameTooLong { .. } => "nickname",
        E::RoutingNumberShape(_) | E::RoutingNumberUnknown => "routing_number",
        E::BankAccountNumberShape(_) => "account_number",
        E::AccountNumbersDiffer => "confirm_account_number",
        E::AccountTypeUnknown => "account_type",
        // The card module names the detail at fault: "card_number", "expiry", "cvv", "zip".
        E::CardRefused(CardError::Invalid { field, .. }) => *field,
        E::CardRefused(CardError::Unavailable(_) | CardError::Refused(_))
        | E::CardProcessorUnavailable
        | E::CardAlreadySaved { .. } => "card_number",
        E::MethodPaysAutoPay { .. } => "method",
        E::Denied(_) | E::RoleUnknown => "role",
        E::StaffNameLength { .. } => "name",
        // A form with several refusals: the first's field (the portal's forms show each
        // beside its own, `Errors::from_identity`).
        E::Several(all) => return all.first().and_then(form_field),
    })
}

/// The field a text the borrower writes is typed into.
fn text_field(text: TextEntry) -> &'static str {
    match text {
        TextEntry::Email => "email",
        TextEntry::MessageSubject => "subject",
        TextEntry::MessageBody => "body",
    }
}

/// The form field of a part of the mailing address (the portal's contact form names them so,
/// with the autocomplete tokens `address-line1`, `address-line2`, `address-level2`,
/// `address-level1` and `postal-code`).
pub fn address_field(field: AddressField) -> &'static str {
    match field {
        AddressField::Line1 => "address_line1",
        AddressField::Line2 => "address_line2",
        AddressField::City => "city",
        AddressField::State => "state",
        AddressField::Zip => "zip",
    }
}

/// The messages of an identity step in the language of `tr`, each on its field
/// ([`form_field`]) or on `fallback`: every refusal of a form that broke several rules
/// ([`IdentityError::Several`]), so the form lists them all at once; a mailing address refused
/// names every part at fault, each on its own field. (`Errors::from_identity` is the same in
/// the app's English.)
pub fn errors(e: &IdentityError, fallback: &'static str, tr: Tr) -> Errors {
    Errors(
        e.each()
            .into_iter()
            .flat_map(|one| -> Vec<(&'static str, String)> {
                if let IdentityError::MailingAddress(problems) = one {
                    problems
                        .all()
                        .iter()
                        .map(|p| (address_field(p.field()), address_words(p, tr)))
                        .collect()
                } else {
                    vec![(form_field(one).unwrap_or(fallback), words(one, tr))]
                }
            })
            .collect(),
    )
}

/// What the borrower reads for the refusal `e`, in the language of `tr` (in English, the
/// app's own message). Refusals only staff meet (adding a staff user, a capability denied)
/// keep the app's English: the console is in English.
pub fn words(e: &IdentityError, tr: Tr) -> String {
    use IdentityError as E;
    match e {
        E::NoMatch => tr.t("auth-refusal-no-match"),
        E::AlreadyEnrolled => tr.t("auth-refusal-already-enrolled"),
        E::Throttled => tr.t("auth-refusal-throttled"),
        E::WrongCode { tries_left } => tr.count("auth-refusal-wrong-code", *tries_left, &[]),
        E::CodeSpent => tr.t("auth-refusal-code-spent"),
        E::BadCredentials => tr.t("auth-refusal-bad-credentials"),
        E::SessionEnded => tr.t("auth-refusal-session-ended"),
        E::StepUpRequired => tr.t("auth-refusal-step-up-required"),
        E::AccountNumberShape(a) => tr.t1(
            "auth-refusal-account-number-shape",
            "why",
            account_number_words(a, tr),
        ),
        E::SsnLast4Shape => tr.t("auth-refusal-ssn-last4-shape"),
        E::DateOfBirthShape => tr.t("auth-refusal-date-of-birth-shape"),
        E::ZipShape => tr.t("auth-refusal-zip-shape"),
        E::UsernameShape => tr.t("auth-refusal-username-shape"),
        E::UsernameTaken => tr.t("auth-refusal-username-taken"),
        E::LoanAlreadyLinked => tr.t("auth-refusal-loan-already-linked"),
        E::Password(p) => password_words(p, tr),
        E::StepUpPasswordWrong => tr.t("auth-refusal-step-up-password-wrong"),
        E::CurrentPasswordWrong => tr.t("auth-refusal-current-password-wrong"),
        E::ReminderEmailShape => tr.t("auth-refusal-reminder-email-shape"),
        E::UsernameMissing => tr.t("auth-refusal-username-missing"),
        E::ResetLinkSpent => tr.t("auth-refusal-reset-link-spent"),
        E::SetupKeyUnreadable => tr.t("auth-refusal-setup-key-unreadable"),
        E::SetupKeyRefused { reason } => tr.t1("auth-refusal-setup-key-refused", "reason", reason),
        // The libraries' own words, about a key or a picture of ours: a failure, not the
        // borrower's to act on; said as the library said it.
        E::SetupAddressUnwritable { reason } | E::SetupQrUnwritable { reason } => reason.clone(),
        E::AuthenticatorCodeWrong => tr.t("auth-refusal-authenticator-code-wrong"),
        E::RecoveryCodeWrong => tr.t("auth-refusal-recovery-code-wrong"),
        E::TextMissing(text) => tr.t(match text {
            TextEntry::Email => "auth-refusal-text-missing-email",
            TextEntry::MessageSubject => "auth-refusal-text-missing-subject",
            TextEntry::MessageBody => "auth-refusal-text-missing-body",
        }),
        E::TextTooLong { text, max } => tr.t1(
            match text {
                TextEntry::Email => "auth-refusal-text-too-long-email",
                TextEntry::MessageSubject => "auth-refusal-text-too-long-subject",
                TextEntry::MessageBody => "auth-refusal-text-too-long-body",
            },
            "max",
            max,
        ),
        E::EmailShape => tr.t("auth-refusal-email-shape"),
        E::PhoneShape => tr.t("auth-refusal-phone-shape"),
        E::MailingAddress(problems) => problems
            .all()
            .iter()
            .map(|p| address_words(p, tr))
            .collect::<Vec<_>>()
            .join(". "),
        E::AlertUnknown { item } => {
            tr.t1("auth-refusal-alert-unknown", "item", format!("{item:?}"))
        }
        E::TextsNeedPhone => tr.t("auth-refusal-texts-need-phone"),
        E::TextsNeedConsent => tr.t("auth-refusal-texts-need-consent"),
        E::PaperlessNeedsConsent => tr.t("auth-refusal-paperless-needs-consent"),
        E::AccountHolderNameLength { max } => {
            tr.t1("auth-refusal-account-holder-name-length", "max", max)
        }
        E::CardHolderNameLength { max } => {
            tr.t1("auth-refusal-card-holder-name-length", "max", max)
        }
        E::NicknameTooLong { max } => tr.t1("auth-refusal-nickname-too-long", "max", max),
        E::RoutingNumberShape(r) => tr.t1(
            "auth-refusal-routing-number-shape",
            "why",
            routing_number_words(r, tr),
        ),
        E::RoutingNumberUnknown => tr.t("auth-refusal-routing-number-unknown"),
        E::BankAccountNumberShape(b) => match b {
            BankAccountNumberError::Invalid => tr.t("auth-refusal-bank-account-number-shape"),
        },
        E::AccountNumbersDiffer => tr.t("auth-refusal-account-numbers-differ"),
        E::AccountTypeUnknown => tr.t("auth-refusal-account-type-unknown"),
        E::CardRefused(c) => card_words(c, tr),
        E::CardProcessorUnavailable => tr.t("auth-refusal-card-processor-unavailable"),
        E::CardAlreadySaved { nickname } => {
            tr.t1("auth-refusal-card-already-saved", "nickname", nickname)
        }
        E::MethodPaysAutoPay { loan } => {
            tr.t1("auth-refusal-method-pays-autopay", "last4", loan.last4())
        }
        // Only staff meet these (the console and `servicer staff add`, in English).
        E::Denied(_)
        | E::StaffEmailShape
        | E::StaffNameLength { .. }
        | E::RoleUnknown
        | E::StaffPasswordTooShort { .. }
        | E::StaffEmailUnfitForAuthenticator { .. }
        | E::StaffEmailTaken => e.to_string(),
        // The first refusal's words, as the app's message is.
        E::Several(all) => all.first().map(|one| words(one, tr)).unwrap_or_default(),
        // Never shown (a store failure is the 500 page), but said if it were.
        E::Store(_) => tr.t("error-internal-body"),
    }
}

/// Why an account number typed is not one.
fn account_number_words(e: &AccountNumberError, tr: Tr) -> String {
    match e {
        AccountNumberError::WrongLength { found } => {
            tr.t1("auth-refusal-account-number-length", "found", found)
        }
        AccountNumberError::NotDigits => tr.t("auth-refusal-account-number-digits"),
        AccountNumberError::CheckDigitMismatch => tr.t("auth-refusal-account-number-check"),
    }
}

/// Why a routing number typed is not one.
fn routing_number_words(e: &RoutingNumberError, tr: Tr) -> String {
    match e {
        RoutingNumberError::WrongLength { found } => {
            tr.t1("auth-refusal-routing-number-length", "found", found)
        }
        RoutingNumberError::NotDigits => tr.t("auth-refusal-routing-number-digits"),
        RoutingNumberError::CheckDigitMismatch => tr.t("auth-refusal-routing-number-check"),
    }
}

/// Why a new password was refused.
fn password_words(p: &PasswordProblem, tr: Tr) -> String {
    match p {
        PasswordProblem::TooShort => tr.t1("auth-refusal-password-too-short", "min", MIN_LENGTH),
        PasswordProblem::TooLong => tr.t1("auth-refusal-password-too-long", "max", MAX_LENGTH),
        PasswordProblem::Common => tr.t("auth-refusal-password-common"),
        PasswordProblem::ContainsUsername => tr.t("auth-refusal-password-contains-username"),
        PasswordProblem::Mismatch => tr.t("auth-refusal-password-mismatch"),
    }
}

/// What is wrong with one part of a mailing address.
pub fn address_words(e: &AddressError, tr: Tr) -> String {
    match e {
        AddressError::Line1Missing => tr.t("auth-refusal-address-line1-missing"),
        AddressError::CityMissing => tr.t("auth-refusal-address-city-missing"),
        AddressError::StateMissing => tr.t("auth-refusal-address-state-missing"),
        AddressError::ZipMissing => tr.t("auth-refusal-address-zip-missing"),
        AddressError::TooLong { field, chars, max } => tr.t3(
            "auth-refusal-address-too-long",
            "part",
            address_part(*field, tr),
            "max",
            max,
            "chars",
            chars,
        ),
        AddressError::Unprintable { field } => tr.t1(
            "auth-refusal-address-unprintable",
            "part",
            address_part(*field, tr),
        ),
        AddressError::StateUnknown => tr.t("auth-refusal-address-state-unknown"),
        AddressError::ZipShape => tr.t("auth-refusal-address-zip-shape"),
    }
}

/// A part of the mailing address as its form labels it (at the start of a sentence).
fn address_part(field: AddressField, tr: Tr) -> String {
    tr.t(match field {
        AddressField::Line1 => "auth-refusal-address-part-line1",
        AddressField::Line2 => "auth-refusal-address-part-line2",
        AddressField::City => "auth-refusal-address-part-city",
        AddressField::State => "auth-refusal-address-part-state",
        AddressField::Zip => "auth-refusal-address-part-zip",
    })
}

/// What is wrong with the card's details. The checks made before anything is sent say which
/// detail and why (their English words, matched here); the card processor's own message is
/// English only, so another language says the card was not accepted.
fn card_words(e: &CardError, tr: Tr) -> String {
    match e {
        CardError::Invalid { field, message } => {
            let id = match (*field, message.as_str()) {
                ("card_number", m) if m.starts_with("Enter the 13 to 19 digits") => {
                    Some("auth-refusal-card-number-length")
                }
                ("card_number", m) if m.starts_with("This card number is not valid") => {
                    Some("auth-refusal-card-number-check")
                }
                ("expiry", m) if m.starts_with("Enter the expiry") => {
                    Some("auth-refusal-card-expiry-shape")
                }
                ("expiry", m) if m.starts_with("This card has expired") => {
                    Some("auth-refusal-card-expired")
                }
                ("zip", m) if m.starts_with("Enter the 5-digit ZIP code") => {
                    Some("auth-refusal-card-zip")
                }
                _ => None,
            };
            match id {
                Some(id) => tr.t(id),
                None if *field == "cvv" => {
                    let digits = if message.contains("4-digit") { 4 } else { 3 };
                    tr.t1("auth-refusal-card-cvv", "digits", digits)
                }
                None if tr.lang() == i18n::Lang::En => message.clone(),
                None => tr.t("auth-refusal-card-not-accepted"),
            }
        }
        CardError::Unavailable(_) => tr.t("auth-refusal-card-processor-unavailable"),
        CardError::Refused(_) => tr.t("auth-refusal-card-not-accepted"),
    }
}
