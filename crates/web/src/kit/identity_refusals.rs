//! Which form field an identity refusal belongs to. The app names each refusal after the
//! rule it enforces ([`IdentityError`]) and says nothing of forms; the forms that ask for the
//! facts are the web's, so the web says, here and only here, beside which field a refusal's
//! message goes. The portal and the console put the message there
//! ([`Errors::from_identity`](super::Errors::from_identity)), the API names the request's
//! property from it (`api::request_field`), and `servicer staff add` names its flag from it
//! (`--email`, `--name`, `--role`; the password, read from standard input, is named so).
//!
//! The match is exhaustive: a new refusal is placed on a field (or on none) when it is added.

use app::identity::passwords::PasswordProblem;
use app::identity::{IdentityError, TextEntry};
use app::payments::cards::CardError;
use domain::address::AddressField;

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
        E::CardRefused(CardError::Unavailable(_))
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
