//! Payments and AutoPay an agent takes by phone (issue 19). The caller is verified first (a
//! live pass of [`crate::verification`] for this agent and borrower); the agent reads the
//! versioned words of [`domain::phone`] on screen and records the borrower's agreement; the
//! payment, the written notice of the authorization (to the email on file, or the portal's
//! message center), the evidence (script version and words, agent, when read and agreed, the
//! notice, kept two years after the authorization ends) and the audit record are written in
//! one transaction. The words are made again when the agent confirms, from what is true then
//! (the cutoff may have passed, another payment been made): unless they are exactly the words
//! the review page showed (their digest, [`script_digest`], comes back with the agreement),
//! nothing is done and the agent reads the new words.
//!
//! A bank debit by phone is a TEL entry in its credit date's ACH file, pending until then as a
//! portal bank payment is; a debit card is charged at once through the card processor port
//! under the confirmation number, and posts on approval. The borrower pays from a saved
//! method (their portal login's, or one saved to them by phone when AutoPay was set up before
//! they enrolled) or a bank account or card given on the call (`methods`: checked exactly as
//! the portal checks them, kept as the borrower's, so a borrower who never enrolled can pay).
//! The payment is in `payment` (quoted in `quote`), AutoPay by phone in `autopay` (for a
//! borrower who never enrolled too, ADR 0022), and the supervisors' worklist of bank debits by
//! phone cancelled for want of their written notice in `attention`. Every request
//! that moves money or sets up AutoPay is idempotent under the agent's key, as
//! [`super::one_time`] is; a pending bank payment by phone can be cancelled at the borrower's
//! request, by the portal's rule ([`App::cancel_phone_payment`]).
//!
//! The lender's phone system or an agent's desktop may take the same payment through the API
//! (`…_for`: [`App::review_phone_payment_for`], [`App::take_phone_payment_for`],
//! [`App::record_phone_method_for`]), for the agent on the call, named by the email they sign
//! in with: the client is the actor (its capability checked, its name audited and scoping its
//! idempotency keys), and the agent's own live verification of the caller is needed, as in the
//! console; the evidence names the agent as the one who read the words.

mod attention;
mod autopay;
mod methods;
mod payment;
mod quote;

pub use attention::{ATTENTION_DAYS, UnsentPhonePayment, WhyNotSent};
pub use autopay::{AutopayReview, PhoneAutopayRequest, checked_call_reference};
pub use methods::GivenMethod;
pub(crate) use methods::Resolved;
pub use payment::{PhonePaymentRequest, PhoneReceipt, PhoneReview};
pub use quote::PhoneQuote;

use crate::App;
use crate::access::{Actor, Capability, Denied, Role};
use crate::identity::IdentityError;
use crate::notices::Recipient;
use crate::payments::PaymentError;
use crate::verification::VerifiedCaller;
use domain::phone::Script;
use jiff::civil::Date;
use sha2::{Digest, Sha256};
use store::{
    AuditEvent, Autopay, AutopayId, BorrowerId, Channel, LoanView, LoginId, NewBorrower,
    PaymentMethod, PaymentMethodId, PhoneMethod, PhoneMethodId, StaffId, StoreError, Tx,
};

/// How long the words shown on a review page may be read and agreed to, in minutes: past it
/// the agent reviews again, so the date and the amount read are today's.
pub const SCRIPT_FRESH_MINUTES: i64 = 30;

/// How far back a bank account or card given by phone is offered again on the call's forms,
/// in minutes.
pub const GIVEN_ON_THIS_CALL_MINUTES: i64 = 60;

const MINUTE_US: i64 = 60_000_000;

/// Why a request by phone was refused. Each names the rule; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum PhoneError {
    /// A payment rule refused it (the amount, the date, the loan, the key…), as for any
    /// payment.
    #[error(transparent)]
    Payment(#[from] PaymentError),
    /// The bank account or card given was refused by the checks the portal makes of them.
    #[error(transparent)]
    Method(IdentityError),
    /// This agent has no live verification of this borrower as the caller.
    #[error("Verify the caller first")]
    NotVerified,
    /// The agent did not record the borrower's agreement to the words read.
    #[error("Read the words to the borrower, and tick the box once they agree")]
    AgreementNeeded,
    /// The words made now are not those the page showed (their version, or what they state:
    /// the amount, a date, the method, whether written confirmation follows), because what
    /// they are made from changed since (the cutoff passed, another payment was made…).
    /// Nothing was done: the agent reads the new words.
    #[error(
        "The {what} details changed since you read the authorization (the amount, a date or what the words say): read the new words to the borrower"
    )]
    ScriptChanged {
        /// Whose: "payment's", "AutoPay's".
        what: &'static str,
    },
    /// The words were shown too long ago (or the time they were shown is not one).
    #[error(
        "These words were shown more than {} minutes ago: review again and read them afresh",
        SCRIPT_FRESH_MINUTES
    )]
    ScriptStale,
    /// No email address and no portal sign-in to send the written notice a bank debit or an
    /// AutoPay by phone needs before it is settled.
    #[error(
        "There is no email address or portal sign-in on file to send the written confirmation this needs. Take a debit card payment, or add an email address first"
    )]
    NoNoticeChannel,
    /// AutoPay by phone without the reference of the call's recording.
    #[error(
        "Enter the phone system's reference for this call's recording (up to 64 characters): AutoPay set up by phone must be recorded"
    )]
    CallReferenceNeeded,
    /// The payment is over what this staff member's role may take alone by phone (the
    /// four-eyes thresholds, docs/configuration.md): a supervisor takes it.
    #[error(
        "A payment of {} by phone is more than your role may take alone: hand the call to a supervisor to take it",
        amount.usd()
    )]
    NeedsSupervisor {
        /// The payment's amount.
        amount: money::Money,
    },
    /// There is no live AutoPay on the loan to turn off.
    #[error("This loan has no AutoPay to turn off")]
    NoAutopay,
    /// The actor may not take payments.
    #[error(transparent)]
    Denied(#[from] Denied),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<IdentityError> for PhoneError {
    fn from(e: IdentityError) -> Self {
        match e {
            IdentityError::Store(s) => PhoneError::Store(s),
            IdentityError::Denied(d) => PhoneError::Denied(d),
            other => PhoneError::Method(other),
        }
    }
}

/// What a payment or AutoPay by phone is paid from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PayFrom {
    /// One of the borrower's saved methods (their portal login's, or saved to them by phone).
    Saved(PaymentMethodId),
    /// A bank account or card the borrower gave on a call ([`App::record_phone_method`]).
    Given(PhoneMethodId),
}

impl PayFrom {
    /// As forms carry it: `saved:12`, `given:7`.
    pub fn as_text(self) -> String {
        match self {
            PayFrom::Saved(id) => format!("saved:{}", id.0),
            PayFrom::Given(id) => format!("given:{}", id.0),
        }
    }

    /// The method a form names, or `None` for text that names none.
    pub fn parse(text: &str) -> Option<PayFrom> {
        let (kind, id) = text.trim().split_once(':')?;
        let id: i64 = id.parse().ok()?;
        match kind {
            "saved" => Some(PayFrom::Saved(PaymentMethodId(id))),
            "given" => Some(PayFrom::Given(PhoneMethodId(id))),
            _ => None,
        }
    }
}

/// The borrower's agreement to the words read, as the agent records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptAgreement {
    /// The version of the words the agent read (as the page showing them had it).
    pub version: String,
    /// When the page showing them was drawn ([`PhoneReview::read_at_us`]).
    pub read_at_us: i64,
    /// The digest of the exact words the page showed ([`script_digest`] of the review's
    /// script): the words made again at confirmation must have the same.
    pub digest: String,
    /// The agent ticked "The borrower agreed to this authorization".
    pub borrower_agreed: bool,
}

/// The digest of words to read: SHA-256 of their text, in hex. A review page carries it to
/// its confirm form, so that what is done is what was read.
pub fn script_digest(text: &str) -> String {
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// Which page of the phone desk is being opened (for its audit record).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeskFor {
    /// Taking a payment.
    Payment,
    /// AutoPay.
    Autopay,
}

/// What the agent sees before taking a payment or changing AutoPay by phone.
pub struct PhoneDesk {
    /// The borrower.
    pub borrower: BorrowerId,
    /// Their name as on file.
    pub name: String,
    /// This agent's live verification of them, if any.
    pub verified: Option<VerifiedCaller>,
    /// Their loans, by account number.
    pub loans: Vec<LoanView>,
    /// Their portal login, if they enrolled.
    pub login: Option<LoginId>,
    /// Their saved methods (the list the portal shows their login; for a borrower who has not
    /// enrolled, those saved to them by phone).
    pub saved: Vec<PaymentMethod>,
    /// The bank accounts and cards they gave on this call.
    pub given: Vec<PhoneMethod>,
    /// Where a written notice goes.
    pub notice_to: Option<Recipient>,
    /// The live AutoPay of each loan that has one.
    pub autopays: Vec<Autopay>,
    /// The business date.
    pub today: Date,
}

impl App {
    /// What the agent sees before taking a payment or changing AutoPay by phone for
    /// `borrower` (audited: it shows the account).
    pub async fn phone_desk(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
        page: DeskFor,
    ) -> Result<PhoneDesk, PhoneError> {
        actor.require(Capability::TakePayment)?;
        let who = self.phone_borrower(borrower).await?;
        let login = self.store().login_linked_to(borrower).await?;
        let lang = self.store().language_of_borrower(borrower).await?;
        let loans = self.store().loan_views_of(borrower).await?;
        let mut autopays = Vec::new();
        for v in &loans {
            let live = self.store().autopays_of_loan(v.loan).await?;
            autopays.extend(live.into_iter().filter(|a| a.cancelled_at_us.is_none()));
        }
        let saved = self.store().payment_methods_of_borrower(borrower).await?;
        let since = self.now_us() - GIVEN_ON_THIS_CALL_MINUTES * MINUTE_US;
        let desk = PhoneDesk {
            borrower,
            name: who.full_name.clone(),
            verified: self.caller_verified(actor, borrower).await?,
            notice_to: notice_recipient(borrower, who.email, login, lang),
            given: self.store().recent_phone_methods(borrower, since).await?,
            loans,
            login,
            saved,
            autopays,
            today: self.business_date().await?,
        };
        let action = match page {
            DeskFor::Payment => "phone_payment.viewed",
            DeskFor::Autopay => "phone_autopay.viewed",
        };
        self.store()
            .audit(
                &borrower_audit(actor, action, borrower, serde_json::json!({})),
                self.now_us(),
            )
            .await?;
        Ok(desk)
    }

    /// The live verification of `borrower`'s caller by the agent an API client names by the
    /// email they sign in with (`agent_email`): the pass a payment by phone through the API
    /// needs, checked before anything the caller reads out is quoted or recorded. Refused
    /// ([`PhoneError::NotVerified`]) when there is none: the actor is not an API client, no
    /// active staff member signs in with that email, or they have not verified this caller in
    /// the last 15 minutes.
    pub async fn agent_verification(
        &self,
        actor: &Actor,
        agent_email: &str,
        borrower: BorrowerId,
    ) -> Result<VerifiedCaller, PhoneError> {
        actor.require(Capability::TakePayment)?;
        let agent = self.agent_on_call(actor, Some(agent_email)).await?;
        self.verification_by(agent, borrower).await
    }

    /// The staff member on the call of a request by phone: the one whose live verification of
    /// the caller it needs, named in the evidence as the one who read the words. A staff
    /// member acting is on the call themselves (`agent` is `None`). An API client (a phone
    /// system or an agent's desktop relaying what the agent does) names the agent by the email
    /// they sign in with: an active staff member whose role takes payments. Anyone else, or
    /// an agent not named, unknown or deactivated, is refused as [`PhoneError::NotVerified`]:
    /// nobody on the call verified the caller (the same answer either way, so a client cannot
    /// learn which emails are staff's).
    pub(crate) async fn agent_on_call(
        &self,
        actor: &Actor,
        agent: Option<&str>,
    ) -> Result<StaffId, PhoneError> {
        Ok(self.staff_on_call(actor, agent).await?.0)
    }

    /// The staff member on the call and their role ([`App::agent_on_call`]): whose limits
    /// apply to what is taken on the call, whoever sends the request.
    pub(crate) async fn staff_on_call(
        &self,
        actor: &Actor,
        agent: Option<&str>,
    ) -> Result<(StaffId, Role), PhoneError> {
        match (actor, agent) {
            (Actor::Staff { id, role }, None) => Ok((*id, *role)),
            (Actor::ApiClient { .. }, Some(email)) => {
                let email = email.trim().to_lowercase();
                let staff = self
                    .store()
                    .staff_by_email(&email)
                    .await?
                    .filter(|s| s.is_active() && s.role.can(Capability::TakePayment))
                    .ok_or(PhoneError::NotVerified)?;
                Ok((staff.id, staff.role))
            }
            _ => Err(PhoneError::NotVerified),
        }
    }

    /// The live verification of `borrower`'s caller by staff member `agent` (within the last
    /// 15 minutes), or the refusal.
    pub(crate) async fn verification_by(
        &self,
        agent: StaffId,
        borrower: BorrowerId,
    ) -> Result<VerifiedCaller, PhoneError> {
        let lasts = domain::verification::PASS_LASTS_US;
        self.store()
            .latest_caller_pass(agent, borrower, self.now_us() - lasts)
            .await?
            .map(|(staff_name, at_us)| VerifiedCaller {
                staff_name,
                at_us,
                until_us: at_us + lasts,
            })
            .ok_or(PhoneError::NotVerified)
    }

    /// The agent's live verification of `borrower` as the caller, or the refusal.
    pub(crate) async fn live_verification(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
    ) -> Result<VerifiedCaller, PhoneError> {
        self.caller_verified(actor, borrower)
            .await?
            .ok_or(PhoneError::NotVerified)
    }

    /// Checks the agent's record of the borrower's agreement before the words are made again:
    /// agreed, to words shown no more than [`SCRIPT_FRESH_MINUTES`] ago.
    pub(crate) fn check_agreed_lately(&self, agreed: &ScriptAgreement) -> Result<(), PhoneError> {
        if !agreed.borrower_agreed {
            return Err(PhoneError::AgreementNeeded);
        }
        let age = self.now_us().saturating_sub(agreed.read_at_us);
        if !(0..=SCRIPT_FRESH_MINUTES * MINUTE_US).contains(&age) {
            return Err(PhoneError::ScriptStale);
        }
        Ok(())
    }

    /// The borrower as on file; one that does not exist is not found.
    pub(crate) async fn phone_borrower(
        &self,
        borrower: BorrowerId,
    ) -> Result<NewBorrower, PhoneError> {
        match self.store().borrower(borrower).await {
            Ok(b) => Ok(b),
            Err(StoreError::NotFound { .. }) => Err(PaymentError::NotFound.into()),
            Err(e) => Err(e.into()),
        }
    }
}

/// Checks that `script`, the words made again now, are exactly those the agent read and the
/// borrower agreed to (`agreed`): the same version and the same digest. `what` names whose
/// details changed when they are not.
pub(crate) fn check_same_words(
    agreed: &ScriptAgreement,
    script: &Script,
    what: &'static str,
) -> Result<(), PhoneError> {
    if agreed.version != script.version || agreed.digest != script_digest(&script.text) {
        return Err(PhoneError::ScriptChanged { what });
    }
    Ok(())
}

/// Starts, in `tx`, the two years the evidence of AutoPay `autopay`'s authorization by phone is
/// kept after it ends, as it ends at `ended_at_us` (cancelled, replaced or stopped, by phone
/// or not): until then that evidence has no last day. Every path that ends an AutoPay calls
/// it in the transaction that ends it; an AutoPay not set up by phone has no such evidence,
/// and nothing changes.
pub(crate) async fn keep_autopay_evidence(
    tx: &mut Tx,
    autopay: AutopayId,
    ended_at_us: i64,
    zone: &jiff::tz::TimeZone,
) -> Result<(), StoreError> {
    let ended_on = crate::clock::date_in(ended_at_us, zone);
    tx.end_autopay_evidence(autopay, domain::phone::retain_until(ended_on))
        .await?;
    Ok(())
}

/// Where the written notice of an authorization by phone goes: the email on file, else the
/// portal's message center when the borrower enrolled, else nowhere. A record, not an alert:
/// alert choices do not apply (as with the portal's AutoPay copy).
pub(crate) fn notice_recipient(
    borrower: BorrowerId,
    email: Option<String>,
    login: Option<LoginId>,
    lang: i18n::Lang,
) -> Option<Recipient> {
    match (email, login) {
        (Some(address), _) => Some(Recipient {
            borrower,
            channel: Channel::Email,
            address,
            lang,
        }),
        (None, Some(_)) => Some(Recipient {
            borrower,
            channel: Channel::Portal,
            address: "message center".into(),
            lang,
        }),
        (None, None) => None,
    }
}

/// The staff member acting: only a person can hear a borrower agree, and only staff verify
/// callers.
pub(crate) fn staff_of(actor: &Actor) -> Result<StaffId, PhoneError> {
    match actor {
        Actor::Staff { id, .. } => Ok(*id),
        _ => Err(PhoneError::NotVerified),
    }
}

/// The audit record of a staff action on `borrower`'s account.
pub(crate) fn borrower_audit(
    actor: &Actor,
    action: &str,
    borrower: BorrowerId,
    detail: serde_json::Value,
) -> AuditEvent {
    AuditEvent {
        actor: actor.audit_name(),
        action: action.into(),
        subject: format!("borrower:{}", borrower.0),
        detail: detail.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_method_reads_back_from_its_form_text_and_nothing_else_does() {
        for from in [
            PayFrom::Saved(PaymentMethodId(12)),
            PayFrom::Given(PhoneMethodId(7)),
        ] {
            assert_eq!(PayFrom::parse(&from.as_text()), Some(from));
        }
        for bad in ["", "12", "saved:", "saved:x", "card:1", "given:1:2"] {
            assert_eq!(PayFrom::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn words_agreed_to_are_the_words_made_again_only_when_version_and_digest_are_the_same() {
        let script = Script {
            kind: domain::phone::PhoneAuthorizationKind::Payment,
            version: domain::phone::PAYMENT_SCRIPT_VERSION,
            text: "Today, November 25, 2026, you, Maria Lopez, … $200.00 … Do you agree?".into(),
        };
        let agreed = ScriptAgreement {
            version: script.version.into(),
            read_at_us: 0,
            digest: script_digest(&script.text),
            borrower_agreed: true,
        };
        assert_eq!(agreed.digest.len(), 64);
        assert!(check_same_words(&agreed, &script, "payment's").is_ok());
        let moved = Script {
            text: script.text.replace("$200.00", "$250.00"),
            ..script.clone()
        };
        let e = check_same_words(&agreed, &moved, "payment's").unwrap_err();
        assert!(matches!(e, PhoneError::ScriptChanged { .. }), "{e:?}");
        assert!(
            e.to_string()
                .starts_with("The payment's details changed since you read the authorization"),
            "{e}"
        );
        let older = ScriptAgreement {
            version: "tel-payment-2020-01".into(),
            ..agreed
        };
        assert!(check_same_words(&older, &script, "payment's").is_err());
    }

    #[test]
    fn the_notice_goes_to_the_email_else_the_message_center_else_nowhere() {
        let b = BorrowerId(1);
        let to = notice_recipient(b, Some("m@example.com".into()), None, i18n::Lang::En).unwrap();
        assert_eq!(
            (to.channel, to.address.as_str()),
            (Channel::Email, "m@example.com")
        );
        let to = notice_recipient(b, None, Some(LoginId(2)), i18n::Lang::En).unwrap();
        assert_eq!(to.channel, Channel::Portal);
        assert!(notice_recipient(b, None, None, i18n::Lang::En).is_none());
    }
}
