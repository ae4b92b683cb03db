//! Payments and AutoPay an agent takes by phone (issue 19). The caller is verified first (a
//! live pass of [`crate::verification`] for this agent and borrower); the agent reads the
//! versioned words of [`domain::phone`] on screen and records the borrower's agreement; the
//! payment, the written notice of the authorization (to the email on file, or the portal's
//! message center), the evidence (script version and words, agent, when read and agreed, the
//! notice, kept two years) and the audit record are written in one transaction.
//!
//! A bank debit by phone is a TEL entry in its credit date's ACH file, pending until then as a
//! portal bank payment is; a debit card is charged at once through the card processor port
//! under the confirmation number, and posts on approval. The borrower pays from a saved
//! method (their portal login's) or a bank account or card given on the call
//! (`methods`: checked exactly as the portal checks them, kept as the borrower's, so a
//! borrower who never enrolled can pay). AutoPay by phone is in `autopay`. Every request
//! that moves money is idempotent under the agent's key, as [`super::one_time`] is.

mod autopay;
mod methods;

pub use autopay::{AutopayReview, PhoneAutopayRequest};
pub use methods::GivenMethod;
pub(crate) use methods::Resolved;

use super::idempotency::{check_key, claim, request_hash, scoped};
use super::received::Outcome;
use super::{AmountOf, MAX_AMOUNT, PaymentError, Taker, confirmation_number, posting};
use crate::App;
use crate::access::{Actor, Capability, Denied};
use crate::identity::IdentityError;
use crate::notices::{self, Recipient};
use crate::payments::cards::Charge;
use crate::verification::VerifiedCaller;
use domain::account_number::AccountNumber;
use domain::loan::{ExtraTo, replay_to_start_of};
use domain::payment::{
    AmountChoice, DateAsk, MethodKind, PaymentChannel, PaymentStatus, QUOTED_TXN, Rail,
    project_pending, quote_amount, quote_date, quoted,
};
use domain::phone::{
    Call, PAYMENT_SCRIPT_VERSION, PaymentFacts, PhoneAuthorizationKind, Script, payment_script,
};
use jiff::civil::Date;
use money::Money;
use store::{
    AuditEvent, Autopay, BorrowerId, Channel, LoanView, LoginId, NewBorrower, NewPayment,
    NewPhoneAuthorization, Payment, PaymentId, PaymentMethod, PaymentMethodId, PhoneAuthorization,
    PhoneMethod, PhoneMethodId, Split, StaffId, StoreError,
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
    /// The words' version changed after the page showing them was drawn.
    #[error("The words to read have changed since this page was shown: read the new words")]
    ScriptChanged,
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
    /// AutoPay is kept with a portal sign-in, and the borrower has none.
    #[error(
        "AutoPay is kept with the borrower's portal sign-in, and this borrower has not enrolled. They can enroll with the account number on their statement; until then, take each payment by phone"
    )]
    AutopayNeedsSignIn,
    /// AutoPay by phone without the reference of the call's recording.
    #[error(
        "Enter the phone system's reference for this call's recording (up to 64 characters): AutoPay set up by phone must be recorded"
    )]
    CallReferenceNeeded,
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
    /// One of the borrower's saved methods (their portal login's).
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

/// A payment an agent takes by phone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhonePaymentRequest {
    /// The loan (one of the borrower's).
    pub account: AccountNumber,
    /// What it is paid from.
    pub method: PayFrom,
    /// How much.
    pub amount: AmountChoice,
    /// When (`None`: as soon as possible). A card is charged now.
    pub date: Option<Date>,
    /// Where any extra goes.
    pub extra: ExtraTo,
}

/// What a payment by phone would do: shown, with the words to read, before the borrower agrees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneQuote {
    /// The loan.
    pub account: AccountNumber,
    /// The amount.
    pub amount: Money,
    /// The business day it is credited as of.
    pub credit_date: Date,
    /// Later than asked (after today's cutoff, or not a business day).
    pub moved: bool,
    /// The projected split (other pending payments counted first).
    pub split: Split,
    /// The loan's balance after it, as projected.
    pub balance_after: Money,
    /// Where any extra goes.
    pub extra: ExtraTo,
    /// A bank account or a card.
    pub method_kind: MethodKind,
    /// The method as the words name it ("checking account ending in 6789").
    pub method_words: String,
}

/// The review of a payment by phone: the quote, the words to read, when they were shown, and
/// where the written notice will go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneReview {
    /// What the payment would do.
    pub quote: PhoneQuote,
    /// The words the agent reads.
    pub script: Script,
    /// When they were shown (the confirm form carries it back).
    pub read_at_us: i64,
    /// Where the written notice goes (none: nowhere, so only a card may be taken).
    pub notice_to: Option<Recipient>,
}

/// The borrower's agreement to the words read, as the agent records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptAgreement {
    /// The version of the words the agent read (as the page showing them had it).
    pub version: String,
    /// When the page showing them was drawn ([`PhoneReview::read_at_us`]).
    pub read_at_us: i64,
    /// The agent ticked "The borrower agreed to this authorization".
    pub borrower_agreed: bool,
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
    /// Their saved methods (their login's).
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

/// A payment taken by phone, with its evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneReceipt {
    /// The payment as it stands.
    pub payment: Payment,
    /// Its loan.
    pub account: AccountNumber,
    /// The evidence of its authorization.
    pub evidence: PhoneAuthorization,
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
        let loans = self.store().loan_views_of(borrower).await?;
        let mut autopays = Vec::new();
        for v in &loans {
            let live = self.store().autopays_of_loan(v.loan).await?;
            autopays.extend(live.into_iter().filter(|a| a.cancelled_at_us.is_none()));
        }
        let saved = match login {
            Some(l) => self.store().payment_methods(l).await?,
            None => Vec::new(),
        };
        let since = self.now_us() - GIVEN_ON_THIS_CALL_MINUTES * MINUTE_US;
        let desk = PhoneDesk {
            borrower,
            name: who.full_name.clone(),
            verified: self.caller_verified(actor, borrower).await?,
            notice_to: notice_recipient(borrower, who.email, login),
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

    /// The quote of a payment by phone and the words to read for it, for a verified caller.
    pub async fn review_phone_payment(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
        req: &PhonePaymentRequest,
    ) -> Result<PhoneReview, PhoneError> {
        actor.require(Capability::TakePayment)?;
        self.live_verification(actor, borrower).await?;
        let now = self.now_us();
        let facts = self.payment_facts(borrower, req, now).await?;
        Ok(PhoneReview {
            quote: facts.quote,
            script: facts.script,
            read_at_us: now,
            notice_to: facts.notice_to,
        })
    }

    /// Takes a payment by phone under the agent's idempotency `key`: a replay returns the
    /// first payment; the same key for another payment is refused. The caller must be
    /// verified, and the borrower's agreement to the words read recorded (`agreed`).
    pub async fn take_phone_payment(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
        key: &str,
        req: &PhonePaymentRequest,
        agreed: &ScriptAgreement,
    ) -> Result<Outcome, PhoneError> {
        actor.require(Capability::TakePayment)?;
        check_key(key)?;
        let staff = staff_of(actor)?;
        let key = scoped(&actor.audit_name(), key);
        let hash = phone_request_hash(borrower, req);
        // A replay answers from the first request before anything is checked again (the
        // verification may have lapsed, the amount due changed).
        if let Some(outcome) = self.phone_replay(&key, &hash).await? {
            return Ok(outcome);
        }
        self.live_verification(actor, borrower).await?;
        self.check_agreement(agreed, PAYMENT_SCRIPT_VERSION)?;
        let facts = self.payment_facts(borrower, req, agreed.read_at_us).await?;
        let card = facts.quote.method_kind == MethodKind::Card;
        // A TEL debit needs its written notice before it settles; a card charge is
        // confirmed by it when there is somewhere to send it.
        if !card && facts.notice_to.is_none() {
            return Err(PhoneError::NoNoticeChannel);
        }
        let now = self.now_us();
        let confirmation = confirmation_number();
        let mut tx = self.store().begin().await?;
        if let Some(payment) = claim(&mut tx, &key, &hash, &confirmation, now).await? {
            tx.commit().await?;
            return Ok(Outcome {
                payment,
                replayed: true,
            });
        }
        let bank = match (req.method, card) {
            (PayFrom::Given(id), false) => Some(
                tx.phone_method_bank(borrower, id)
                    .await?
                    .ok_or(PaymentError::NotFound)?,
            ),
            _ => None,
        };
        let new = phone_payment_row(&facts, req, confirmation, actor, bank);
        let id = tx.insert_payment(&new, now).await?;
        if !card {
            tx.set_expected_split(id, facts.quote.split).await?;
        }
        let payment = tx.payment(id).await?.ok_or(PaymentError::NotFound)?;
        let notice = match &facts.notice_to {
            Some(to) => {
                let m = notices::phone_payment_notice(
                    self.servicer(),
                    to,
                    &payment,
                    req.account,
                    &facts.quote.method_words,
                    &facts.script.text,
                );
                tx.enqueue_messages(std::slice::from_ref(&m), now).await?;
                tx.outbox_id_of_key(&m.key).await?
            }
            None => None,
        };
        let evidence = evidence_of(&facts, &payment, staff, agreed, notice, self.zone(), now);
        tx.insert_phone_authorization(&evidence, now).await?;
        tx.audit(&taken_audit(actor, borrower, &payment, req.account), now)
            .await?;
        tx.commit().await?;
        self.forget_cached_views();
        if !card {
            return Ok(Outcome {
                payment,
                replayed: false,
            });
        }
        let charged = match req.method {
            PayFrom::Saved(_) => self.charge_card(&payment).await,
            PayFrom::Given(_) => self.charge_phone_card(&payment).await,
        };
        let payment = match charged {
            Ok(p) => p,
            // Recorded, and charged again later under the same key (never twice): the agent
            // is shown it processing, so that it is not taken a second time.
            Err(PaymentError::ProcessorUnavailable) => payment,
            Err(e) => return Err(e.into()),
        };
        Ok(Outcome {
            payment,
            replayed: false,
        })
    }

    /// Charges a payment by phone from a card given on the call (its token found through the
    /// payment's authorization), and posts it on approval or records the decline, as
    /// [`App::charge_card`] does for a saved card. If the processor cannot be reached the
    /// payment stays scheduled and is charged again later under the same key.
    pub async fn charge_phone_card(&self, p: &Payment) -> Result<Payment, PaymentError> {
        let Some(token) = self.store().phone_card_token(p.id).await? else {
            return Err(PaymentError::NotFound);
        };
        let charge = match self.cards.charge(&token, p.amount, &p.confirmation).await {
            Ok(c) => c,
            Err(e) => {
                tracing::warn!(payment = p.id.0, error = %e, "card charge not answered; it will be retried under the same key");
                return Err(PaymentError::ProcessorUnavailable);
            }
        };
        let now = self.now_us();
        let today = self.business_date().await?;
        let record = self.loan_record(p.loan).await?;
        let mut tx = self.store().begin().await?;
        // Another instance may have finished it meanwhile (the sweep): then this is a replay.
        let current = tx.payment(p.id).await?.ok_or(PaymentError::NotFound)?;
        if current.status != PaymentStatus::Scheduled {
            tx.commit().await?;
            return Ok(current);
        }
        match &charge {
            Charge::Approved { authorization } => {
                tx.record_card_result(p.id, Ok(authorization), now).await?;
                // Credited as of its credit date, or today when that is earlier.
                let mut row = current.clone();
                row.credit_date = current.credit_date.min(today);
                let posted =
                    posting::post(&mut tx, &record.terms, self.cycle(), &row, today, now).await?;
                let alert = notices::payment_received(&current, &posted, record.account_number);
                self.send_alert(&mut tx, record.borrower, &alert, now)
                    .await?;
            }
            Charge::Declined { reason } => {
                tx.record_card_result(p.id, Err(reason), now).await?;
            }
        }
        let out = tx.payment(p.id).await?.ok_or(PaymentError::NotFound)?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(out)
    }

    /// A payment of `borrower`'s taken by phone, with the evidence of its authorization
    /// (audited: it shows the account). Another borrower's payment, or one not taken by
    /// phone, is not found.
    pub async fn phone_receipt(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
        payment: PaymentId,
    ) -> Result<PhoneReceipt, PhoneError> {
        actor.require(Capability::TakePayment)?;
        let p = self
            .store()
            .payment_row(payment)
            .await?
            .ok_or(PaymentError::NotFound)?;
        let record = self.loan_record(p.loan).await?;
        if record.borrower != borrower {
            return Err(PaymentError::NotFound.into());
        }
        let evidence = self
            .store()
            .phone_authorization_of_payment(p.id)
            .await?
            .ok_or(PaymentError::NotFound)?;
        let detail = serde_json::json!({ "payment": p.id.0 });
        self.store()
            .audit(
                &borrower_audit(actor, "phone_payment.receipt_viewed", borrower, detail),
                self.now_us(),
            )
            .await?;
        Ok(PhoneReceipt {
            payment: p,
            account: record.account_number,
            evidence,
        })
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

    /// Checks the agent's record of the borrower's agreement to words of `version`: agreed,
    /// to the current words, shown no more than [`SCRIPT_FRESH_MINUTES`] ago.
    pub(crate) fn check_agreement(
        &self,
        agreed: &ScriptAgreement,
        version: &str,
    ) -> Result<(), PhoneError> {
        if !agreed.borrower_agreed {
            return Err(PhoneError::AgreementNeeded);
        }
        if agreed.version != version {
            return Err(PhoneError::ScriptChanged);
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

    /// The facts of a payment by phone: the quote, the words (as read on the date of
    /// `read_at_us`), where the notice goes.
    async fn payment_facts(
        &self,
        borrower: BorrowerId,
        req: &PhonePaymentRequest,
        read_at_us: i64,
    ) -> Result<Facts, PhoneError> {
        let who = self.phone_borrower(borrower).await?;
        let login = self.store().login_linked_to(borrower).await?;
        let method = self.resolve(borrower, login, req.method).await?;
        let (view, quote) = self.phone_quote(borrower, req, &method).await?;
        let site = self.servicer();
        let last4 = req.account.last4();
        let script = payment_script(&PaymentFacts {
            call: Call {
                borrower_name: &who.full_name,
                servicer_name: &site.name,
                servicer_phone: &site.phone,
                hours: &site.hours,
                authorized_on: crate::clock::date_in(read_at_us, self.zone()),
                loan_last4: &last4,
            },
            method: method.script_method(),
            amount: quote.amount,
            on: quote.credit_date,
        });
        Ok(Facts {
            view,
            quote,
            script,
            login,
            method,
            notice_to: notice_recipient(borrower, who.email, login),
            borrower,
            read_at_us,
        })
    }

    /// Quotes `req` for `borrower` paying from `method`: the loan (which must be the
    /// borrower's) and what the payment would do, as a portal payment is quoted but within
    /// the phone limit.
    async fn phone_quote(
        &self,
        borrower: BorrowerId,
        req: &PhonePaymentRequest,
        method: &Resolved,
    ) -> Result<(LoanView, PhoneQuote), PhoneError> {
        let view = self
            .store()
            .loan_view(req.account)
            .await?
            .filter(|v| v.borrower == borrower)
            .ok_or(PaymentError::NotFound)?;
        check_chosen_amount(req.amount)?;
        let record = self.loan_record(view.loan).await?;
        let today = self.business_date().await?;
        let settings = self.payment_settings();
        let credit = quote_date(&DateAsk {
            today,
            asap: self.credit_date_now(today),
            asked: req.date,
            card: method.kind == MethodKind::Card,
            next_due: view.snapshot.next_due_date,
            window_days: settings.schedule_window_days,
            status: view.snapshot.status,
        })
        .map_err(PaymentError::from)?;
        // Other payments still pending on this loan count first, as they will post first.
        let history = self.store().history(view.loan).await?;
        let pending = super::pending_of(&self.store().payments_of_loan(view.loan).await?);
        let mut history = project_pending(history, &pending, credit.date);
        let before = replay_to_start_of(&record.terms, &history, credit.date);
        let limit = settings.limits.of(Taker::Phone);
        let amount =
            quote_amount(&before, req.amount, limit, credit.date).map_err(PaymentError::from)?;
        history.push(quoted(credit.date, amount, req.extra));
        let after = replay_to_start_of(&record.terms, &history, credit.date);
        // The replay applies every payment no reversal names: a quote it left out is its bug.
        let applied = after
            .applied_payments()
            .find(|a| a.txn == QUOTED_TXN)
            .copied()
            .expect("the replay applies the quoted payment");
        let quote = PhoneQuote {
            account: req.account,
            amount,
            credit_date: credit.date,
            moved: credit.moved,
            split: Split::from(&applied),
            balance_after: after.balance(),
            extra: req.extra,
            method_kind: method.kind,
            method_words: method.words(),
        };
        Ok((view, quote))
    }

    /// A committed earlier request under `key` (read without the write lock; one in flight
    /// is met by the claim in the payment's own transaction).
    async fn phone_replay(&self, key: &str, hash: &str) -> Result<Option<Outcome>, PhoneError> {
        let Some((stored_hash, confirmation)) = self.store().idempotency_key(key).await? else {
            return Ok(None);
        };
        if stored_hash != hash {
            return Err(PaymentError::KeyReused.into());
        }
        // A key is claimed in the transaction that inserts its payment, and payments are
        // never deleted: a committed key names one.
        let payment = self
            .store()
            .payment_by_confirmation(&confirmation)
            .await?
            .expect("a committed idempotency key names the payment made with it");
        Ok(Some(Outcome {
            payment,
            replayed: true,
        }))
    }
}

/// What a payment by phone is made of, once checked.
struct Facts {
    view: LoanView,
    quote: PhoneQuote,
    script: Script,
    login: Option<LoginId>,
    method: Resolved,
    notice_to: Option<Recipient>,
    borrower: BorrowerId,
    read_at_us: i64,
}

/// Where the written notice of an authorization by phone goes: the email on file, else the
/// portal's message center when the borrower enrolled, else nowhere. A record, not an alert:
/// alert choices do not apply (as with the portal's AutoPay copy).
pub(crate) fn notice_recipient(
    borrower: BorrowerId,
    email: Option<String>,
    login: Option<LoginId>,
) -> Option<Recipient> {
    match (email, login) {
        (Some(address), _) => Some(Recipient {
            borrower,
            channel: Channel::Email,
            address,
        }),
        (None, Some(_)) => Some(Recipient {
            borrower,
            channel: Channel::Portal,
            address: "message center".into(),
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

/// Refuses an amount of the agent's choosing that no payment may be (the form's parser
/// refuses these first; a use case holds whoever calls it).
fn check_chosen_amount(choice: AmountChoice) -> Result<(), PaymentError> {
    if let AmountChoice::Other(m) = choice {
        if !m.is_positive() {
            return Err(PaymentError::AmountNotPositive {
                of: AmountOf::Payment,
            });
        }
        if m > MAX_AMOUNT {
            return Err(PaymentError::AmountOverCeiling {
                of: AmountOf::Payment,
                ceiling: MAX_AMOUNT,
            });
        }
    }
    Ok(())
}

/// The digest of a payment request by phone as sent: the amount as chosen (the amount due,
/// not what it comes to today), so a retry later is the same request.
fn phone_request_hash(borrower: BorrowerId, req: &PhonePaymentRequest) -> String {
    let amount = match req.amount {
        AmountChoice::AmountDue => "due".to_owned(),
        AmountChoice::PastDue => "past_due".to_owned(),
        AmountChoice::Payoff => "payoff".to_owned(),
        AmountChoice::Other(m) => m.cents().to_string(),
    };
    let extra = match req.extra {
        ExtraTo::Principal => "principal",
        ExtraTo::NextInstallment => "next_installment",
    };
    request_hash(&[
        "phone",
        &borrower.0.to_string(),
        &req.account.to_string(),
        &req.method.as_text(),
        &amount,
        &req.date.map(|d| d.to_string()).unwrap_or_default(),
        extra,
    ])
}

/// The row of a payment by phone, scheduled: a saved method's (the borrower's login made it
/// theirs), or one given on the call (a bank account sealed on the row as `bank`).
fn phone_payment_row(
    facts: &Facts,
    req: &PhonePaymentRequest,
    confirmation: String,
    actor: &Actor,
    bank: Option<store::BankDetails>,
) -> NewPayment {
    let (login, method) = match req.method {
        PayFrom::Saved(id) => (facts.login, Some(id)),
        PayFrom::Given(_) => (None, None),
    };
    NewPayment {
        confirmation,
        loan: facts.view.loan,
        login,
        method,
        autopay: None,
        installment: None,
        retry_of: None,
        channel: PaymentChannel::Phone,
        rail: match facts.quote.method_kind {
            MethodKind::Bank => Rail::Ach,
            MethodKind::Card => Rail::Card,
        },
        amount: facts.quote.amount,
        extra: req.extra,
        credit_date: facts.quote.credit_date,
        status: PaymentStatus::Scheduled,
        card_authorization: None,
        decline_reason: None,
        actor: actor.audit_name(),
        client_ip: None,
        bank,
    }
}

/// The evidence of payment `p`'s authorization by phone.
fn evidence_of(
    facts: &Facts,
    p: &Payment,
    staff: StaffId,
    agreed: &ScriptAgreement,
    notice: Option<i64>,
    zone: &jiff::tz::TimeZone,
    now: i64,
) -> NewPhoneAuthorization {
    let authorized_on = crate::clock::date_in(facts.read_at_us, zone);
    NewPhoneAuthorization {
        kind: PhoneAuthorizationKind::Payment,
        borrower: facts.borrower,
        loan: p.loan,
        payment: Some(p.id),
        autopay: None,
        phone_method: match facts.method.from {
            PayFrom::Given(id) => Some(id),
            PayFrom::Saved(_) => None,
        },
        method_words: facts.quote.method_words.clone(),
        script_version: facts.script.version.to_owned(),
        script_text: facts.script.text.clone(),
        staff,
        script_read_at_us: agreed.read_at_us,
        agreed_at_us: now,
        call_reference: None,
        notice,
        retain_until: domain::phone::retain_until(authorized_on),
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

/// The audit record of payment `p` taken by phone on loan `account`.
fn taken_audit(
    actor: &Actor,
    borrower: BorrowerId,
    p: &Payment,
    account: AccountNumber,
) -> AuditEvent {
    borrower_audit(
        actor,
        "phone_payment.taken",
        borrower,
        serde_json::json!({
            "payment": p.id.0,
            "confirmation": p.confirmation,
            "loan": account.to_string(),
            "amount_cents": p.amount.cents(),
            "rail": p.rail.as_str(),
            "script_version": PAYMENT_SCRIPT_VERSION,
        }),
    )
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
    fn the_notice_goes_to_the_email_else_the_message_center_else_nowhere() {
        let b = BorrowerId(1);
        let to = notice_recipient(b, Some("m@example.com".into()), None).unwrap();
        assert_eq!(
            (to.channel, to.address.as_str()),
            (Channel::Email, "m@example.com")
        );
        let to = notice_recipient(b, None, Some(LoginId(2))).unwrap();
        assert_eq!(to.channel, Channel::Portal);
        assert!(notice_recipient(b, None, None).is_none());
    }

    #[test]
    fn a_request_digest_changes_with_the_borrower_and_the_amount() {
        let req = PhonePaymentRequest {
            account: AccountNumber::from_base(521_840_000_000_101),
            method: PayFrom::Given(PhoneMethodId(1)),
            amount: AmountChoice::AmountDue,
            date: None,
            extra: ExtraTo::Principal,
        };
        let other = PhonePaymentRequest {
            amount: AmountChoice::Other(Money::from_cents(100)),
            ..req.clone()
        };
        assert_eq!(
            phone_request_hash(BorrowerId(1), &req),
            phone_request_hash(BorrowerId(1), &req)
        );
        assert_ne!(
            phone_request_hash(BorrowerId(1), &req),
            phone_request_hash(BorrowerId(2), &req)
        );
        assert_ne!(
            phone_request_hash(BorrowerId(1), &req),
            phone_request_hash(BorrowerId(1), &other)
        );
    }
}
