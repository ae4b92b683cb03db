//! The notices of a borrower's sign-in: one-time codes, security alerts (and what each names
//! as changed), the username reminder, the password-reset link, the lockout and
//! failed-attempt notices, and the notice that someone tried to enrol again. Each goes to one
//! address ([`Recipient`]).

use super::Recipient;
use crate::servicer::ServicerInfo;
use store::{Channel, NewMessage};

/// What a security alert names as changed when an authenticator app was set up.
pub const AUTHENTICATOR_SET_UP: &str = "an authenticator app was set up for signing in";

/// What a security alert names as changed when the second sign-in step was changed (the
/// authenticator app removed, back to codes).
pub const SECOND_STEP_CHANGED: &str = "your second sign-in step was changed";

/// What a security alert names as changed when the borrower changed their password.
pub const PASSWORD_CHANGED: &str = "your password was changed";

/// What a security alert names as changed when the borrower changed their contact details
/// (sent to the old address and, if it changed, the new one).
pub const CONTACT_DETAILS_CHANGED: &str = "your contact details were changed";

/// What a security alert names as changed when a sign-in was set up (enrolment).
pub const SIGN_IN_SET_UP: &str = "a sign-in was set up";

/// What a security alert names as changed when the password was reset by the emailed link.
pub const PASSWORD_WAS_RESET: &str = "your password was reset";

/// What a security alert names as changed when a bank account ending in `last4` was saved.
pub fn bank_account_added(last4: &str) -> String {
    format!("a bank account ending {last4} was added")
}

/// What a security alert names as changed when a `brand` card ending in `last4` was saved.
pub fn card_added(brand: &str, last4: &str) -> String {
    format!("a {brand} card ending {last4} was added")
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
    let what = match purpose {
        "enroll" => "finish setting up your sign-in",
        "link" => "add a loan to your sign-in",
        _ => "sign in",
    };
    let body = match to.channel {
        Channel::Sms => format!(
            "{}: your code is {code}. It expires in 10 minutes. Never share it: we will never ask for it.",
            site.name
        ),
        _ => format!(
            "Your {name} code is {code}\n\nEnter it to {what}. It works once and expires in 10 minutes.\n\n\
             We will never call or write to ask for this code. If you did not ask for it, someone may \
             know your details: call us at {phone}.\n\n{name}\n",
            name = site.name,
            phone = site.phone,
        ),
    };
    to.message(
        format!("Your {} code: {code}", site.name),
        body,
        format!("otp:{purpose}:{}:{now_us}", to.borrower.0),
    )
}

/// A security alert: something about the sign-in changed. Sent to the address on file
/// before the change, so a borrower whose account was taken over hears of it.
pub fn security_alert(
    site: &ServicerInfo,
    to: &Recipient,
    what_changed: &str,
    now_us: i64,
) -> NewMessage {
    to.message(
        format!("Security alert: {what_changed}"),
        format!(
            "We are letting you know that {what_changed} on your {name} account.\n\n\
             If you did this, there is nothing more to do. If you did not, call us now at {phone} \
             ({hours}).\n\n{name}\n",
            name = site.name,
            phone = site.phone,
            hours = site.hours,
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
    to.message(
        format!("Your {} username", site.name),
        format!(
            "You asked for your username. It is: {username}\n\nSign in at {web}/login\n\n\
             If you did not ask, you can ignore this message; your account has not changed.\n\n{name}\n",
            web = site.website,
            name = site.name,
        ),
        format!("username:{}:{now_us}", to.borrower.0),
    )
}

/// The password-reset link.
pub fn password_reset(site: &ServicerInfo, to: &Recipient, token: &str, now_us: i64) -> NewMessage {
    to.message(
        format!("Reset your {} password", site.name),
        format!(
            "Someone asked to reset the password of your {name} sign-in. To choose a new password, \
             open this link within 30 minutes. It works once:\n\n{web}/reset-password?token={token}\n\n\
             You will still need your second step (your authenticator app or a code we send) to sign in.\n\n\
             If you did not ask, ignore this message: your password has not changed.\n\n{name}\n",
            web = site.website,
            name = site.name,
        ),
        format!("reset:{}:{now_us}", to.borrower.0),
    )
}

/// The lockout notice.
pub fn lockout(site: &ServicerInfo, to: &Recipient, now_us: i64) -> NewMessage {
    to.message(
        format!("Your {} sign-in is locked", site.name),
        format!(
            "Wrong passwords or codes were entered for your sign-in {} times in a row, so we locked \
             it. To unlock it, reset your password at {web}/forgot-password (the link goes to this \
             address).\n\n\
             If it was not you, your password and second step kept them out. Call us at {phone} if \
             you would like to talk it through.\n\n{name}\n",
            crate::identity::LOCK_AFTER,
            web = site.website,
            phone = site.phone,
            name = site.name,
        ),
        format!("lockout:{}:{now_us}", to.borrower.0),
    )
}

/// Several wrong passwords or codes in a row: the owner is told, and nothing is locked.
pub fn failed_attempts(site: &ServicerInfo, to: &Recipient, now_us: i64) -> NewMessage {
    to.message(
        format!(
            "Wrong passwords were entered for your {} sign-in",
            site.name
        ),
        format!(
            "Someone entered the wrong password or code for your sign-in {} times in a row. Your \
             sign-in still works: your password and the second step get you in, and until you do \
             we ask for the second step on remembered devices too. If it was you, there is nothing \
             more to do.\n\n\
             If it was not you, they did not get in. To be safe, change your password at \
             {web}/forgot-password, or call us at {phone}.\n\n{name}\n",
            crate::identity::SLOW_AFTER,
            web = site.website,
            phone = site.phone,
            name = site.name,
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
    to.message(
        format!("Someone tried to set up a {} sign-in for you", site.name),
        format!(
            "Someone entered your account number and identity details to set up a sign-in, but \
             you already have one. Your username is: {username}\n\n\
             Sign in at {web}/login, or reset your password at {web}/forgot-password. If it was \
             not you, call us at {phone}: they knew your details.\n\n{name}\n",
            web = site.website,
            phone = site.phone,
            name = site.name,
        ),
        format!("already-enrolled:{}:{now_us}", to.borrower.0),
    )
}
