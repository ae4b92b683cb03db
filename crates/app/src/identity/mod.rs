//! Borrower identity: enrolment, sign-in with a second factor, sessions, recovery, step-up.
//!
//! Invariants: identity facts alone never activate a login (a one-time code sent to the
//! contact on file must be confirmed); a wrong username, a wrong password and a locked
//! account get the same answer after the same work; attempts are counted per account and per
//! address before any password is hashed; every change of stage issues a new session token;
//! tokens and codes are kept only as digests.

pub mod enroll;
pub mod passwords;
pub mod profile;
pub mod recovery;
pub mod sign_in;
pub mod totp;

use crate::App;
use crate::access::Denied;
use crate::api_clients::token_digest;
use crate::payments::cards::CardError;
use domain::account_number::{AccountNumber, AccountNumberError};
use domain::address::AddressErrors;
use domain::bank_account::BankAccountNumberError;
use domain::routing_number::RoutingNumberError;
use passwords::PasswordProblem;
use store::{LoginId, Session, SessionStage, StoreError, Tx};

/// A session idles out after this long without a request.
pub const IDLE_US: i64 = 15 * 60 * 1_000_000;
/// A session ends this long after sign-in, however busy.
pub const ABSOLUTE_US: i64 = 12 * 3600 * 1_000_000;
/// Half-signed-in sessions (enrolling, awaiting the second factor) last at most this long.
pub const PENDING_US: i64 = 15 * 60 * 1_000_000;
/// A session's last-seen time is written at most this often (reads stay reads).
pub const TOUCH_EVERY_US: i64 = 60 * 1_000_000;
/// A one-time code lives this long.
pub const CODE_TTL_US: i64 = 10 * 60 * 1_000_000;
/// Wrong tries before a one-time code is spent.
pub const CODE_TRIES: i64 = 5;
/// A re-authentication (or the sign-in itself) allows sensitive changes for this long.
pub const STEP_UP_US: i64 = 10 * 60 * 1_000_000;
/// "Remember this device" lasts this long.
pub const REMEMBER_US: i64 = 30 * 24 * 3600 * 1_000_000;
/// A password-reset link lives this long.
pub const RESET_TTL_US: i64 = 30 * 60 * 1_000_000;
/// Consecutive failed attempts (wrong passwords and wrong second-factor codes) after which
/// the owner is told, and a remembered device no longer skips the second factor. Nothing is
/// locked: whoever knows a username cannot lock its owner out (issue 17).
pub const SLOW_AFTER: i64 = 5;
/// Consecutive failed attempts after which the login is locked until its password is reset:
/// NIST SP 800-63B 5.2.2 allows no more than 100. By then the per-address and per-account
/// limits have slowed a guesser to 10 tries per account a quarter of an hour.
pub const LOCK_AFTER: i64 = 100;
/// Throttling windows and limits: (window, attempts per account, attempts per address).
pub const THROTTLE_WINDOW_US: i64 = 15 * 60 * 1_000_000;
/// Attempts per account (username or account number) in a window.
pub const PER_ACCOUNT: i64 = 10;
/// Attempts per client address in a window.
pub const PER_ADDRESS: i64 = 50;

/// Where a request came from (recorded with consents and sessions; throttles count by it).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClientInfo {
    /// The client's address.
    pub ip: String,
    /// Its user agent (truncated).
    pub user_agent: String,
}

/// Why an identity step was refused: each refusal is named after the rule it enforces and
/// carries the facts its message needs. The messages are what the borrower (or the operator
/// adding staff) reads. Which form field or request property a refusal belongs to is the
/// edge's business (the web's `kit::identity_refusals`), not the app's.
#[derive(Debug, thiserror::Error)]
pub enum IdentityError {
    /// Unknown account, wrong facts, or a borrower who already has a sign-in (told at the
    /// contact on file): the same answer for all three.
    #[error(
        "We could not set up a sign-in with those details. Check the account number on your statement and the details you entered. If you already have a sign-in, sign in or use “Forgot your username?”"
    )]
    NoMatch,
    /// The borrower got a sign-in while this one was being set up (after the code proved the
    /// contact on file).
    #[error("This account already has a sign-in. Sign in, or use “Forgot your username?”")]
    AlreadyEnrolled,
    /// Too many attempts.
    #[error("Too many attempts. Wait 15 minutes and try again, or call us")]
    Throttled,
    /// A wrong one-time code.
    #[error("The code is not right. Check it and try again ({tries_left} tries left)")]
    WrongCode {
        /// Tries left on this code.
        tries_left: i64,
    },
    /// The code expired or was used up.
    #[error("The code has expired or was tried too often. Ask for a new code")]
    CodeSpent,
    /// Wrong username or password (or a locked account: the same answer).
    #[error("The username or password is not right")]
    BadCredentials,
    /// The session ended.
    #[error("Your session has ended. Start again")]
    SessionEnded,
    /// Re-enter the password first.
    #[error("For your security, enter your password again to make this change")]
    StepUpRequired,
    /// The account number typed to enrol or link a loan is not one.
    #[error("Enter the 16-digit account number from your statement: {0}")]
    AccountNumberShape(AccountNumberError),
    /// The last four of the SSN are not four digits.
    #[error("Enter the last 4 digits of your Social Security number")]
    SsnLast4Shape,
    /// The date of birth is not a date (MM/DD/YYYY or YYYY-MM-DD) from 1900 on.
    #[error("Enter your date of birth as MM/DD/YYYY, like 04/12/1985")]
    DateOfBirthShape,
    /// The ZIP code is not five digits (or ZIP+4).
    #[error("Enter a 5-digit ZIP code, like 62704")]
    ZipShape,
    /// The username is not 4 to 64 of letters, digits and `.` `_` `-` `@`.
    #[error("Choose a username of 4 to 64 letters, digits, dots, dashes, underscores or @")]
    UsernameShape,
    /// Another login has the username.
    #[error("That username is taken. Choose another")]
    UsernameTaken,
    /// The loan being linked is already one of this login's.
    #[error("This loan is already in your account")]
    LoanAlreadyLinked,
    /// A new password breaks the password policy (the problem says which rule).
    #[error(transparent)]
    Password(PasswordProblem),
    /// The password re-entered to step up is not the login's.
    #[error("That password is not right")]
    StepUpPasswordWrong,
    /// The current password, asked for to change it, is not the login's.
    #[error("Your current password is not right")]
    CurrentPasswordWrong,
    /// The address given to be reminded of a username is not an email address.
    #[error("Enter your email address, like name@example.com")]
    ReminderEmailShape,
    /// No username was given to reset the password of.
    #[error("Enter your username")]
    UsernameMissing,
    /// The password-reset link expired or was used.
    #[error("This link has expired or was already used. Ask for a new one")]
    ResetLinkSpent,
    /// The authenticator setup key does not read (not base32).
    #[error("That setup key is not valid. Start again")]
    SetupKeyUnreadable,
    /// The authenticator's parameters were refused for this key (too short, say).
    #[error("That setup key is not valid ({reason}). Start again")]
    SetupKeyRefused {
        /// Why, in the authenticator library's words.
        reason: String,
    },
    /// The authenticator setup address (`otpauth://`) could not be written for the key and
    /// the username.
    #[error("{reason}")]
    SetupAddressUnwritable {
        /// Why, in the authenticator library's words.
        reason: String,
    },
    /// The setup address could not be drawn as a QR code.
    #[error("{reason}")]
    SetupQrUnwritable {
        /// Why, in the QR library's words.
        reason: String,
    },
    /// The authenticator code is wrong, or its 30-second step was already used.
    #[error("That code is not right. Enter the 6-digit code your app shows now")]
    AuthenticatorCodeWrong,
    /// The recovery code is not one of the login's unused codes.
    #[error("That recovery code is not right or was already used")]
    RecoveryCodeWrong,
    /// A text the borrower must write is empty.
    #[error("Enter {0}")]
    TextMissing(TextEntry),
    /// A text the borrower wrote is longer than it may be.
    #[error("{text} must be {max} characters or fewer")]
    TextTooLong {
        /// Which text.
        text: TextEntry,
        /// The most characters it may have.
        max: usize,
    },
    /// The contact email address is not one (no `@`, or spaces).
    #[error("Enter an email address like name@example.com")]
    EmailShape,
    /// The phone number is not a 10-digit US number.
    #[error("Enter a 10-digit US mobile number, like 217 555 0143")]
    PhoneShape,
    /// The mailing address breaks its rules: every part at fault, each with its message (the
    /// message is theirs, joined).
    #[error("{0}")]
    MailingAddress(AddressErrors),
    /// An alert choice names an alert or a channel that is not offered.
    #[error("{item:?} is not an alert and channel we offer")]
    AlertUnknown {
        /// The choice as sent ("alert:channel").
        item: String,
    },
    /// Texts were turned on with no mobile number on file.
    #[error("Add a mobile number to your contact details before turning on texts")]
    TextsNeedPhone,
    /// Texts were turned on without the consent to texts, now or before.
    #[error("To get texts, tick the box to agree to receive them")]
    TextsNeedConsent,
    /// Paperless was turned on without the E-SIGN consent.
    #[error("{}", profile::ESIGN_NEEDED)]
    PaperlessNeedsConsent,
    /// A bank account's holder name is empty or too long.
    #[error("Enter the name on the account (up to {max} characters)")]
    AccountHolderNameLength {
        /// The most characters it may have.
        max: usize,
    },
    /// A card's holder name is empty or too long.
    #[error("Enter the name on the card (up to {max} characters)")]
    CardHolderNameLength {
        /// The most characters it may have.
        max: usize,
    },
    /// A payment method's nickname is too long.
    #[error("Keep the name to {max} characters or fewer")]
    NicknameTooLong {
        /// The most characters it may have.
        max: usize,
    },
    /// The routing number is not one (nine digits with a good ABA check digit).
    #[error("Enter the 9-digit routing number from the bottom of a check: {0}")]
    RoutingNumberShape(RoutingNumberError),
    /// The routing number is not in the configured routing directory.
    #[error(
        "We do not recognise this routing number. Check it against a check or your bank's website"
    )]
    RoutingNumberUnknown,
    /// The bank account number is not one.
    #[error(transparent)]
    BankAccountNumberShape(BankAccountNumberError),
    /// The bank account number was typed differently the second time.
    #[error("The account numbers do not match")]
    AccountNumbersDiffer,
    /// The bank account type is neither checking nor savings.
    #[error("Choose checking or savings")]
    AccountTypeUnknown,
    /// The card's details were refused, by the checks made before anything is sent (number,
    /// expiry, security code, ZIP) or by the card processor. Always a
    /// [`CardError::Invalid`], which names the detail at fault.
    #[error(transparent)]
    CardRefused(CardError),
    /// The card processor could not be reached, or failed.
    #[error("We could not reach the card processor. Try again in a few minutes")]
    CardProcessorUnavailable,
    /// The borrower already has this card saved (the same number and expiry): it is not
    /// saved again.
    #[error(
        "This card is already saved as “{nickname}”. Choose it when you make a payment or set up AutoPay"
    )]
    CardAlreadySaved {
        /// The name of the card already saved.
        nickname: String,
    },
    /// The payment method pays an AutoPay: it cannot be removed until that AutoPay changes.
    #[error(
        "This pays your AutoPay on the loan ending {}. Change that AutoPay to another account or card, or turn it off, first",
        .loan.last4()
    )]
    MethodPaysAutoPay {
        /// The loan the AutoPay pays.
        loan: AccountNumber,
    },
    /// The actor may not manage staff users.
    #[error(transparent)]
    Denied(Denied),
    /// A new staff user's email is not an email address.
    #[error("Enter an email address, like jlee@example.com")]
    StaffEmailShape,
    /// A new staff user's name is empty or too long.
    #[error("Enter the person's name (at most {max} characters)")]
    StaffNameLength {
        /// The most characters (bytes) it may have.
        max: usize,
    },
    /// The role is not one of [`Role::ALL`](crate::access::Role::ALL).
    #[error("The role is one of {}", role_names())]
    RoleUnknown,
    /// A new staff user's password is shorter than staff passwords may be.
    #[error("A staff password has at least {min} characters")]
    StaffPasswordTooShort {
        /// The fewest characters it may have.
        min: usize,
    },
    /// A new staff user's email cannot name an account in an authenticator app.
    #[error("{reason}")]
    StaffEmailUnfitForAuthenticator {
        /// Why, in the authenticator library's words.
        reason: String,
    },
    /// Another staff user has the email.
    #[error("A staff user with that email already exists")]
    StaffEmailTaken,
    /// More than one field of a form broke a rule: every refusal, in the form's order, so the
    /// form lists them all at once ([`IdentityError::several`] makes it; never empty, never
    /// one). Its message is the first refusal's, for a caller that shows one.
    #[error("{}", .0.first().map(ToString::to_string).unwrap_or_default())]
    Several(Vec<IdentityError>),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl IdentityError {
    /// The refusal of a form whose fields broke `problems` (in the form's order): the one
    /// problem itself, or [`IdentityError::Several`] of them all. `problems` is not empty.
    pub fn several(mut problems: Vec<IdentityError>) -> IdentityError {
        if problems.len() == 1 {
            problems.pop().expect("one problem")
        } else {
            IdentityError::Several(problems)
        }
    }

    /// Every refusal this is: the ones of [`IdentityError::Several`], or itself.
    pub fn each(&self) -> Vec<&IdentityError> {
        match self {
            IdentityError::Several(all) => all.iter().flat_map(IdentityError::each).collect(),
            one => vec![one],
        }
    }
}

/// A text the borrower writes in the portal; shown as the refusals name it ("your email
/// address").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEntry {
    /// The contact email address.
    Email,
    /// A secure message's subject.
    MessageSubject,
    /// A secure message's body.
    MessageBody,
}

impl std::fmt::Display for TextEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TextEntry::Email => "your email address",
            TextEntry::MessageSubject => "a subject",
            TextEntry::MessageBody => "your message",
        })
    }
}

/// The roles' names, as `servicer staff add --role` takes them: "agent, supervisor, admin".
fn role_names() -> String {
    crate::access::Role::ALL
        .map(crate::access::Role::as_str)
        .join(", ")
}

/// A fresh random token: 256 bits, hex.
pub fn random_token() -> String {
    let mut raw = [0_u8; 32];
    getrandom::fill(&mut raw).expect("the operating system's random source works");
    hex::encode(raw)
}

/// A random six-digit code, uniform (rejection sampling, no modulo bias).
pub fn random_code() -> String {
    loop {
        let mut raw = [0_u8; 4];
        getrandom::fill(&mut raw).expect("the operating system's random source works");
        let n = u32::from_le_bytes(raw);
        if n < 4_000_000_000 {
            return format!("{:06}", n % 1_000_000);
        }
    }
}

/// Masks an email for display: m••••@example.com.
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((user, domain)) => {
            let first: String = user.chars().take(1).collect();
            format!("{first}••••@{domain}")
        }
        None => "your email on file".into(),
    }
}

/// Masks a phone: (•••) •••-0143.
pub fn mask_phone(phone: &str) -> String {
    let last4: String = phone
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    format!("(•••) •••-{last4}")
}

/// A signed-in (or signing-in) session, as checked on a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActiveSession {
    /// The digest of its token.
    pub token_digest: String,
    /// The stored session (shared with this instance's one-second cache).
    pub session: std::sync::Arc<Session>,
}

impl ActiveSession {
    /// The login of a fully signed-in session.
    pub fn login(&self) -> Option<LoginId> {
        (self.session.stage == SessionStage::Full)
            .then_some(self.session.login)
            .flatten()
    }
}

impl App {
    /// Runs argon2 off the async threads, at most two at once.
    pub(crate) async fn hashing<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> T {
        let _permit = self.hashing.acquire().await.expect("never closed");
        tokio::task::spawn_blocking(work)
            .await
            .expect("hashing does not panic")
    }

    /// The session for a token, if it is live: idle and absolute timeouts are checked
    /// against the app's clock, and an ended session is deleted.
    pub async fn session(&self, token: &str) -> Result<Option<ActiveSession>, StoreError> {
        let digest = token_digest(token);
        let cached = self.caches().sessions.get(&digest);
        let session = match cached {
            Some(s) => s,
            None => match self.store().session(&digest).await? {
                Some(s) => {
                    let s = std::sync::Arc::new(s);
                    self.caches().sessions.put(digest.clone(), s.clone());
                    s
                }
                None => return Ok(None),
            },
        };
        let now = self.now_us();
        let limit = if session.stage == SessionStage::Full {
            ABSOLUTE_US
        } else {
            PENDING_US
        };
        if now - session.last_seen_us > IDLE_US || now - session.created_at_us > limit {
            let mut tx = self.store().begin().await?;
            tx.delete_session(&digest).await?;
            tx.commit().await?;
            self.forget_cached_sessions();
            return Ok(None);
        }
        if now - session.last_seen_us > TOUCH_EVERY_US {
            let mut tx = self.store().begin().await?;
            tx.touch_session(&digest, now, false).await?;
            tx.commit().await?;
            let mut touched = (*session).clone();
            touched.last_seen_us = now;
            self.caches()
                .sessions
                .put(digest.clone(), std::sync::Arc::new(touched));
        }
        Ok(Some(ActiveSession {
            token_digest: digest,
            session,
        }))
    }

    /// Ends a session (log out).
    pub async fn end_session(&self, token: &str) -> Result<(), StoreError> {
        self.end_session_by_digest(&token_digest(token)).await
    }

    /// Ends the session whose token has this digest.
    pub async fn end_session_by_digest(&self, digest: &str) -> Result<(), StoreError> {
        let mut tx = self.store().begin().await?;
        tx.delete_session(digest).await?;
        tx.commit().await?;
        self.forget_cached_sessions();
        Ok(())
    }

    /// Starts a session at `stage` in `tx`; returns its token (only its digest is stored).
    pub(crate) async fn open_session(
        &self,
        tx: &mut Tx,
        stage: SessionStage,
        login: Option<LoginId>,
        borrower: Option<store::BorrowerId>,
        client: &ClientInfo,
    ) -> Result<String, StoreError> {
        let token = random_token();
        let now = self.now_us();
        tx.insert_session(&Session {
            token_sha256: token_digest(&token),
            login,
            stage,
            borrower,
            created_at_us: now,
            last_seen_us: now,
            // Signing in is itself a fresh authentication.
            step_up_at_us: (stage == SessionStage::Full).then_some(now),
            ip: client.ip.chars().take(64).collect(),
            user_agent: client.user_agent.chars().take(200).collect(),
        })
        .await?;
        Ok(token)
    }

    /// Counts an attempt against each key; `Throttled` if any is over its limit. Runs in its
    /// own transaction so the count stands even when the attempt fails.
    pub(crate) async fn throttle(&self, keys: &[(String, i64)]) -> Result<(), IdentityError> {
        if self.over_limit(keys).await? {
            Err(IdentityError::Throttled)
        } else {
            Ok(())
        }
    }

    /// Counts an attempt against each key, and says whether any is over its limit (for a
    /// caller that decides what being over means).
    pub(crate) async fn over_limit(&self, keys: &[(String, i64)]) -> Result<bool, StoreError> {
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let mut over = false;
        for (key, limit) in keys {
            over |= tx.throttle_hit(key, THROTTLE_WINDOW_US, now).await? > *limit;
        }
        tx.commit().await?;
        Ok(over)
    }

    /// Issues a one-time code for the session `subject`, and the message that carries it.
    pub(crate) async fn issue_code(
        &self,
        tx: &mut Tx,
        purpose: &str,
        subject: &str,
        to: &crate::notices::Recipient,
    ) -> Result<(), StoreError> {
        let code = random_code();
        let now = self.now_us();
        let digest = self
            .vault()
            .mac("otp", format!("{subject}:{code}").as_bytes());
        tx.insert_code(
            purpose,
            subject,
            &digest,
            to.channel_name(),
            now + CODE_TTL_US,
            now,
        )
        .await?;
        let message = crate::notices::one_time_code(self.servicer(), to, &code, purpose, now);
        tx.enqueue_messages(&[message], now).await?;
        Ok(())
    }

    /// Checks a one-time code for `subject`: single use, [`CODE_TRIES`] tries, expires.
    pub(crate) async fn check_code(
        &self,
        tx: &mut Tx,
        purpose: &str,
        subject: &str,
        code: &str,
    ) -> Result<(), IdentityError> {
        let now = self.now_us();
        let code: String = code.chars().filter(char::is_ascii_digit).collect();
        let Some(live) = tx.live_code(purpose, subject).await? else {
            return Err(IdentityError::CodeSpent);
        };
        if live.expires_at_us <= now {
            tx.spend_code(live.id, false, true, now).await?;
            return Err(IdentityError::CodeSpent);
        }
        let digest = self
            .vault()
            .mac("otp", format!("{subject}:{code}").as_bytes());
        if digest == live.code_digest {
            tx.spend_code(live.id, false, true, now).await?;
            return Ok(());
        }
        let tries = live.attempts + 1;
        tx.spend_code(live.id, true, tries >= CODE_TRIES, now)
            .await?;
        if tries >= CODE_TRIES {
            Err(IdentityError::CodeSpent)
        } else {
            Err(IdentityError::WrongCode {
                tries_left: CODE_TRIES - tries,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_digits_and_tokens_256_bits() {
        for _ in 0..200 {
            let c = random_code();
            assert_eq!(c.len(), 6);
            assert!(c.chars().all(|d| d.is_ascii_digit()));
        }
        assert_eq!(random_token().len(), 64);
        assert_ne!(random_token(), random_token());
    }

    #[test]
    fn contact_details_are_masked() {
        assert_eq!(mask_email("maria.lopez@example.com"), "m••••@example.com");
        assert_eq!(mask_phone("2175550143"), "(•••) •••-0143");
    }
}
