//! AutoPay by phone: an agent turns a verified caller's AutoPay on, changes it or turns it
//! off, reading the versioned words (which carry the portal's own AutoPay authorization) and
//! recording the borrower's agreement. The authorization is recorded as the portal records
//! one (the same words, version and row, from "by phone"), with the evidence of the call: the
//! script, the agent, when it was read and agreed to, the reference of the call's recording
//! (AutoPay set up by phone must be recorded: NACHA asks it of a recurring TEL authorization),
//! and the written copy sent to the borrower, all in one transaction, under the agent's
//! idempotency key (a form sent twice sets up one AutoPay), and only if the words made again
//! then are the words read. That evidence is kept while the AutoPay lives and two years after
//! it ends (`super::keep_autopay_evidence`, called wherever an AutoPay ends).
//!
//! AutoPay is the loan's, and so its borrower's, whether or not they enrolled in the portal
//! (ADR 0022): it is recorded with their portal login when they have one (`autopays.login_id`),
//! else with none. It drafts a saved method: a bank account or card given on the call is saved
//! to the borrower's login, and they are told a method was added, as in the portal; for a
//! borrower who never enrolled it is saved to the borrower (the written copy of the
//! authorization, to the email on file, names it), and their login reaches it once they
//! enroll, with the AutoPay.

use super::{
    PayFrom, PhoneError, Resolved, ScriptAgreement, borrower_audit, check_same_words,
    keep_autopay_evidence, notice_recipient, script_digest, staff_of,
};
use crate::App;
use crate::access::{Actor, Capability};
use crate::notices::{self, Recipient};
use crate::payments::autopay::{DraftTerms, authorization_text, authorization_version};
use crate::payments::idempotency::{check_key, request_hash, scoped};
use crate::payments::{AmountOf, PaymentError, Taker};
use domain::account_number::AccountNumber;
use domain::autopay::{MAX_DAYS_BEFORE_DUE, draft_day};
use domain::loan::LoanStatus;
use domain::payment::MethodKind;
use domain::phone::{
    AUTOPAY_SCRIPT_VERSION, AutopayFacts, Call, PhoneAuthorizationKind, Script,
    autopay_cancel_script, autopay_script, retain_until,
};
use jiff::civil::Date;
use money::Money;
use store::{
    Autopay, AutopayId, BorrowerId, KeyClaim, LoanView, LoginId, MethodOwner, NewAutopay,
    NewBankAccount, NewBorrower, NewCard, NewPhoneAuthorization, PaymentMethodId, PhoneMethodId,
    StoreError, Tx,
};

/// Most characters in a call recording's reference.
const CALL_REFERENCE_MAX: usize = 64;

/// AutoPay as an agent sets it up by phone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneAutopayRequest {
    /// The loan (one of the borrower's).
    pub account: AccountNumber,
    /// The account or card to draft.
    pub method: PayFrom,
    /// A fixed amount (at least the scheduled payment), or `None` for the scheduled payment.
    pub fixed_amount: Option<Money>,
    /// Draft this many days before the due date (0 to
    /// [`domain::autopay::MAX_DAYS_BEFORE_DUE`]).
    pub days_before_due: u8,
}

/// The words to read before AutoPay is turned on, changed or turned off by phone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AutopayReview {
    /// The words the agent reads.
    pub script: Script,
    /// When they were shown (the confirm form carries it back).
    pub read_at_us: i64,
    /// The digest of the words shown ([`super::script_digest`]; the confirm form carries it
    /// back, so that what is done is what was read).
    pub digest: String,
    /// Where the written copy goes.
    pub notice_to: Option<Recipient>,
    /// The account or card drafted, as the evidence names it.
    pub method_words: String,
}

/// An AutoPay request by phone, checked.
struct Enrolment {
    view: LoanView,
    /// The borrower's portal login, when they enrolled.
    login: Option<LoginId>,
    method: Resolved,
    words: String,
    script: Script,
    notice_to: Option<Recipient>,
}

/// What an AutoPay request by phone asks of the loan, checked ([`App::autopay_terms`]).
struct Terms {
    /// The borrower.
    who: NewBorrower,
    /// Their loan, active.
    view: LoanView,
    /// The due date of the first installment AutoPay drafts (the first from today on).
    first_due: Date,
    /// The business date.
    today: Date,
}

/// A cancellation by phone, checked.
struct Cancellation {
    view: LoanView,
    script: Script,
    notice_to: Recipient,
    method_words: String,
}

impl App {
    /// The words to read before AutoPay is turned on or changed as `req` asks, for a verified
    /// caller.
    pub async fn review_phone_autopay(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
        req: &PhoneAutopayRequest,
    ) -> Result<AutopayReview, PhoneError> {
        actor.require(Capability::TakePayment)?;
        self.live_verification(actor, borrower).await?;
        let now = self.now_us();
        let e = self.enrolment(borrower, req, now).await?;
        Ok(AutopayReview {
            method_words: e.method.words(),
            digest: script_digest(&e.script.text),
            script: e.script,
            read_at_us: now,
            notice_to: e.notice_to,
        })
    }

    /// Turns AutoPay on (or changes it) as `req` asks, for a verified caller who agreed to the
    /// words read (`agreed`: the words made again now must be those) on a recorded call
    /// (`call_reference`), under the agent's idempotency `key` (made when the words were
    /// shown): the same request again answers the AutoPay it set up, and writes nothing (no
    /// second evidence, notice or saved method); another request under the key is refused.
    pub async fn enroll_autopay_by_phone(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
        key: &str,
        req: &PhoneAutopayRequest,
        agreed: &ScriptAgreement,
        call_reference: &str,
    ) -> Result<Autopay, PhoneError> {
        actor.require(Capability::TakePayment)?;
        check_key(key)?;
        let staff = staff_of(actor)?;
        let call_reference = checked_call_reference(call_reference)?;
        let key = scoped(&actor.audit_name(), key);
        let hash = autopay_request_hash(borrower, req, &call_reference, &agreed.digest);
        // A replay answers from the first request before anything is checked again (the
        // verification may have lapsed; the words now say "changing", as AutoPay is on).
        if let Some(autopay) = self.autopay_replay(borrower, req, &key, &hash).await? {
            return Ok(autopay);
        }
        self.live_verification(actor, borrower).await?;
        self.check_agreed_lately(agreed)?;
        let e = self.enrolment(borrower, req, agreed.read_at_us).await?;
        check_same_words(agreed, &e.script, "AutoPay's")?;
        let to = e.notice_to.clone().ok_or(PhoneError::NoNoticeChannel)?;
        // Read before the transaction: code holding one reads only through it. A method
        // saved to a login is announced to it, as in the portal.
        let alert_to = match (req.method, e.login) {
            (PayFrom::Given(_), Some(login)) => Some(self.login_recipient(login, false).await?),
            _ => None,
        };
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        // The key is claimed first, so duplicates in flight wait here and find it answered;
        // its answer (the AutoPay's id) is recorded once the AutoPay is written.
        match tx.claim_key(&key, &hash, "", now).await? {
            KeyClaim::New => {}
            KeyClaim::Conflict => return Err(PaymentError::KeyReused.into()),
            KeyClaim::Replay(first) => {
                let first = answered_autopay(&first)?;
                let autopay = tx.autopay(first).await?.ok_or(PaymentError::NotFound)?;
                tx.commit().await?;
                return Ok(autopay);
            }
        }
        let method = match req.method {
            PayFrom::Saved(id) => id,
            PayFrom::Given(id) => {
                self.save_given(&mut tx, borrower, &e, id, alert_to.as_ref(), now)
                    .await?
            }
        };
        let previous = tx.live_autopay(e.view.loan).await?;
        if let Some(old) = &previous {
            tx.end_autopay(old.id, "changed by phone", false, now)
                .await?;
            keep_autopay_evidence(&mut tx, old.id, now, self.zone()).await?;
            // As in the portal (`replace_autopay`), the change takes effect from tomorrow:
            // the old authorization's drafts for later days are cancelled, and the new one
            // makes its own from the account or card named now.
            let today = crate::clock::date_in(now, self.zone());
            tx.cancel_drafts_after(old.id, today, now).await?;
        }
        let new = NewAutopay {
            loan: e.view.loan,
            login: e.login,
            method,
            fixed_amount: req.fixed_amount,
            days_before_due: req.days_before_due,
            // By phone, AutoPay is monthly: the script's words are for drafts on due dates.
            cadence: domain::autopay::Cadence::Monthly,
            text: e.words.clone(),
            // The words read by phone are English (`enrolment`), so is their version.
            version: authorization_version(i18n::Lang::En),
            ip: "by phone".into(),
        };
        let id = tx.insert_autopay(&new, now).await?;
        tx.answer_key(&key, &id.0.to_string()).await?;
        // What happened, whatever the page saw when the words were drawn.
        let kind = if previous.is_some() {
            PhoneAuthorizationKind::AutopayChange
        } else {
            PhoneAuthorizationKind::AutopayEnroll
        };
        let m = notices::phone_autopay_notice(
            self.servicer(),
            &to,
            kind,
            id,
            req.account,
            &e.script.text,
        );
        tx.enqueue_messages(std::slice::from_ref(&m), now).await?;
        let notice = tx.outbox_id_of_key(&m.key).await?;
        let evidence = NewPhoneAuthorization {
            kind,
            borrower,
            loan: e.view.loan,
            payment: None,
            autopay: Some(id),
            phone_method: match req.method {
                PayFrom::Given(given) => Some(given),
                PayFrom::Saved(_) => None,
            },
            method_words: e.method.words(),
            script_version: e.script.version.to_owned(),
            script_text: e.script.text.clone(),
            staff,
            script_read_at_us: agreed.read_at_us,
            agreed_at_us: now,
            call_reference: Some(call_reference),
            notice,
            // Kept while the AutoPay lives; its last day is set when it ends.
            retain_until: None,
        };
        tx.insert_phone_authorization(&evidence, now).await?;
        let action = match kind {
            PhoneAuthorizationKind::AutopayChange => "phone_autopay.changed",
            _ => "phone_autopay.enrolled",
        };
        let detail = serde_json::json!({
            "autopay": id.0,
            "loan": req.account.to_string(),
            "script_version": AUTOPAY_SCRIPT_VERSION,
        });
        tx.audit(&borrower_audit(actor, action, borrower, detail), now)
            .await?;
        let autopay = tx.autopay(id).await?.ok_or(PaymentError::NotFound)?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(autopay)
    }

    /// The words to read before a verified caller's AutoPay on `account` is turned off.
    pub async fn review_phone_autopay_cancel(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
        account: AccountNumber,
    ) -> Result<AutopayReview, PhoneError> {
        actor.require(Capability::TakePayment)?;
        self.live_verification(actor, borrower).await?;
        let now = self.now_us();
        let c = self.cancellation(borrower, account, now).await?;
        Ok(AutopayReview {
            digest: script_digest(&c.script.text),
            script: c.script,
            read_at_us: now,
            notice_to: Some(c.notice_to),
            method_words: c.method_words,
        })
    }

    /// Turns off the AutoPay on `account` for a verified caller who agreed to the words read
    /// (the words made again now must be those): drafts not yet sent are cancelled with it;
    /// the authorization is kept, and its evidence by phone two years from today. Turning off
    /// again finds no AutoPay.
    pub async fn cancel_autopay_by_phone(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
        account: AccountNumber,
        agreed: &ScriptAgreement,
    ) -> Result<Autopay, PhoneError> {
        actor.require(Capability::TakePayment)?;
        let staff = staff_of(actor)?;
        self.live_verification(actor, borrower).await?;
        self.check_agreed_lately(agreed)?;
        let c = self
            .cancellation(borrower, account, agreed.read_at_us)
            .await?;
        check_same_words(agreed, &c.script, "AutoPay's")?;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let live = tx
            .live_autopay(c.view.loan)
            .await?
            .ok_or(PhoneError::NoAutopay)?;
        tx.end_autopay(live.id, "cancelled by phone", false, now)
            .await?;
        tx.cancel_drafts(live.id, now).await?;
        keep_autopay_evidence(&mut tx, live.id, now, self.zone()).await?;
        let kind = PhoneAuthorizationKind::AutopayCancel;
        let m = notices::phone_autopay_notice(
            self.servicer(),
            &c.notice_to,
            kind,
            live.id,
            account,
            &c.script.text,
        );
        tx.enqueue_messages(std::slice::from_ref(&m), now).await?;
        let notice = tx.outbox_id_of_key(&m.key).await?;
        let evidence = NewPhoneAuthorization {
            kind,
            borrower,
            loan: c.view.loan,
            payment: None,
            autopay: Some(live.id),
            phone_method: None,
            method_words: c.method_words.clone(),
            script_version: c.script.version.to_owned(),
            script_text: c.script.text.clone(),
            staff,
            script_read_at_us: agreed.read_at_us,
            agreed_at_us: now,
            call_reference: None,
            notice,
            // Turning off ends the AutoPay's authorization today.
            retain_until: Some(retain_until(crate::clock::date_in(now, self.zone()))),
        };
        tx.insert_phone_authorization(&evidence, now).await?;
        let detail = serde_json::json!({ "autopay": live.id.0, "loan": account.to_string() });
        tx.audit(
            &borrower_audit(actor, "phone_autopay.cancelled", borrower, detail),
            now,
        )
        .await?;
        let ended = tx.autopay(live.id).await?.ok_or(PaymentError::NotFound)?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(ended)
    }

    /// Checks what an AutoPay by phone asks of the loan, whatever it drafts from (the loan
    /// the borrower's and active, the draft day, a fixed amount within the phone limit and at
    /// least the scheduled payment), as [`App::review_phone_autopay`] checks it, for a
    /// verified caller. `req.method` is not read: the console asks this before it records a
    /// bank account or card read out for the AutoPay, so a request refused for its loan, its
    /// amount or its day records nothing (as [`App::quote_phone_payment`] does for a payment).
    pub async fn check_phone_autopay_terms(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
        req: &PhoneAutopayRequest,
    ) -> Result<(), PhoneError> {
        actor.require(Capability::TakePayment)?;
        self.live_verification(actor, borrower).await?;
        self.autopay_terms(borrower, req).await.map(|_| ())
    }

    /// What an AutoPay request by phone asks of the loan, checked as the portal checks it:
    /// the loan the borrower's and active, the draft day, the fixed amount within the phone
    /// limit and at least the scheduled payment, an installment still to draft.
    async fn autopay_terms(
        &self,
        borrower: BorrowerId,
        req: &PhoneAutopayRequest,
    ) -> Result<Terms, PhoneError> {
        let who = self.phone_borrower(borrower).await?;
        let view = self.borrowers_loan(borrower, req.account).await?;
        if view.snapshot.status != LoanStatus::Active {
            return Err(PaymentError::AutopayOnInactiveLoan.into());
        }
        if req.days_before_due > MAX_DAYS_BEFORE_DUE {
            return Err(PaymentError::DaysBeforeDueOutOfRange.into());
        }
        let record = self.loan_record(view.loan).await?;
        let scheduled = record
            .terms
            .installments
            .iter()
            .map(|i| i.amount)
            .max()
            .unwrap_or(Money::ZERO);
        if let Some(fixed) = req.fixed_amount {
            self.payment_settings()
                .limits
                .check(AmountOf::AutopayFixed, Taker::Phone, fixed)?;
            if fixed < scheduled {
                return Err(PaymentError::FixedAmountBelowScheduled { scheduled }.into());
            }
        }
        let today = self.business_date().await?;
        // The first installment AutoPay drafts: the first due from today on, as the loan's
        // amendments have the due dates (ADR 0021).
        let terms = self.amended_terms(view.loan, &record.terms, today).await?;
        let first_due = terms
            .installments
            .iter()
            .find(|i| i.due_date >= today)
            .map(|i| i.due_date)
            .ok_or(PaymentError::AutopayOnInactiveLoan)?;
        Ok(Terms {
            who,
            view,
            first_due,
            today,
        })
    }

    /// Checks an AutoPay request by phone as the portal checks one (what it asks of the loan,
    /// [`App::autopay_terms`], and the method the borrower's), and makes the words read on
    /// the date of `read_at_us`.
    async fn enrolment(
        &self,
        borrower: BorrowerId,
        req: &PhoneAutopayRequest,
        read_at_us: i64,
    ) -> Result<Enrolment, PhoneError> {
        let Terms {
            who,
            view,
            first_due,
            today,
        } = self.autopay_terms(borrower, req).await?;
        let login = self.store().login_linked_to(borrower).await?;
        let method = self.resolve(borrower, req.method).await?;
        let site = self.servicer();
        // Staff read the words to the borrower in English, and the borrower agrees to those
        // words: they are recorded as read.
        let words = authorization_text(
            i18n::Lang::En,
            &site.name,
            &site.phone,
            req.account,
            method.kind,
            &method.authorization_words(),
            &DraftTerms::monthly(req.fixed_amount, req.days_before_due),
        );
        let change = self
            .store()
            .autopays_of_loan(view.loan)
            .await?
            .iter()
            .any(|a| a.cancelled_at_us.is_none());
        let last4 = req.account.last4();
        let script = autopay_script(&AutopayFacts {
            call: Call {
                borrower_name: &who.full_name,
                servicer_name: &site.name,
                servicer_phone: &site.phone,
                hours: &site.hours,
                authorized_on: crate::clock::date_in(read_at_us, self.zone()),
                loan_last4: &last4,
            },
            authorization: &words,
            first_draft: draft_day(first_due, req.days_before_due).max(today),
            first_due,
            change,
        });
        Ok(Enrolment {
            view,
            login,
            method,
            words,
            script,
            notice_to: notice_recipient(
                borrower,
                who.email,
                login,
                self.store().language_of_borrower(borrower).await?,
            ),
        })
    }

    /// Checks a cancellation by phone (the loan the borrower's, with a live AutoPay) and makes
    /// the words read on the date of `read_at_us`.
    async fn cancellation(
        &self,
        borrower: BorrowerId,
        account: AccountNumber,
        read_at_us: i64,
    ) -> Result<Cancellation, PhoneError> {
        let who = self.phone_borrower(borrower).await?;
        let view = self.borrowers_loan(borrower, account).await?;
        let live = self
            .store()
            .autopays_of_loan(view.loan)
            .await?
            .into_iter()
            .find(|a| a.cancelled_at_us.is_none())
            .ok_or(PhoneError::NoAutopay)?;
        let login = self.store().login_linked_to(borrower).await?;
        // The words promise written confirmation: the email on file, else the message center
        // of the borrower's sign-in or of the one the AutoPay was set up under; an AutoPay set
        // up for a borrower who had not enrolled needed the email on file.
        let lang = self.store().language_of_borrower(borrower).await?;
        let notice_to = notice_recipient(borrower, who.email, login.or(live.login), lang)
            .ok_or(PhoneError::NoNoticeChannel)?;
        let method_words = match self.resolve(borrower, PayFrom::Saved(live.method)).await {
            Ok(m) => format!("AutoPay from the {}", m.words()),
            Err(PhoneError::Payment(PaymentError::NotFound)) => {
                "AutoPay from a method no longer saved".to_owned()
            }
            Err(e) => return Err(e),
        };
        let site = self.servicer();
        let last4 = account.last4();
        let script = autopay_cancel_script(&Call {
            borrower_name: &who.full_name,
            servicer_name: &site.name,
            servicer_phone: &site.phone,
            hours: &site.hours,
            authorized_on: crate::clock::date_in(read_at_us, self.zone()),
            loan_last4: &last4,
        });
        Ok(Cancellation {
            view,
            script,
            notice_to,
            method_words,
        })
    }

    /// A committed earlier request under `key` (read without the write lock; one in flight
    /// is met by the claim in the enrolment's own transaction): the AutoPay it set up.
    async fn autopay_replay(
        &self,
        borrower: BorrowerId,
        req: &PhoneAutopayRequest,
        key: &str,
        hash: &str,
    ) -> Result<Option<Autopay>, PhoneError> {
        let Some((stored_hash, answer)) = self.store().idempotency_key(key).await? else {
            return Ok(None);
        };
        if stored_hash != hash {
            return Err(PaymentError::KeyReused.into());
        }
        let id = answered_autopay(&answer)?;
        // The same request: the same borrower's loan, whose AutoPays are kept, ended or not.
        let view = self.borrowers_loan(borrower, req.account).await?;
        let autopay = self
            .store()
            .autopays_of_loan(view.loan)
            .await?
            .into_iter()
            .find(|a| a.id == id)
            .ok_or(PaymentError::NotFound)?;
        Ok(Some(autopay))
    }

    /// One of `borrower`'s loans; another's is not found, as one that does not exist.
    pub(crate) async fn borrowers_loan(
        &self,
        borrower: BorrowerId,
        account: AccountNumber,
    ) -> Result<LoanView, PhoneError> {
        Ok(self
            .store()
            .loan_view(account)
            .await?
            .filter(|v| v.borrower == borrower)
            .ok_or(PaymentError::NotFound)?)
    }

    /// Saves a bank account or card given on the call (`id`) in `tx` (AutoPay drafts saved
    /// methods): to the borrower's login, or to the borrower when they have none; and tells
    /// the login (`alert_to`) a method was added.
    async fn save_given(
        &self,
        tx: &mut Tx,
        borrower: BorrowerId,
        e: &Enrolment,
        id: PhoneMethodId,
        alert_to: Option<&Recipient>,
        now: i64,
    ) -> Result<PaymentMethodId, PhoneError> {
        let m = &e.method;
        let owner = match e.login {
            Some(login) => MethodOwner::Login(login),
            None => MethodOwner::Borrower(borrower),
        };
        let (saved, what) = match m.kind {
            MethodKind::Bank => {
                let bank = tx
                    .phone_method_bank(borrower, id)
                    .await?
                    .ok_or(PaymentError::NotFound)?;
                let nickname = format!(
                    "{} account ending {}",
                    if bank.account_type == "savings" {
                        "Savings"
                    } else {
                        "Checking"
                    },
                    m.last4
                );
                let new = NewBankAccount {
                    nickname,
                    holder_name: bank.holder_name,
                    routing_number: bank.routing_number,
                    account_type: bank.account_type,
                    sealed_account: bank.sealed_account,
                    last4: m.last4.clone(),
                };
                let saved = tx.insert_bank_account(owner, &new, now).await?;
                (saved, notices::bank_account_added(&m.last4))
            }
            MethodKind::Card => {
                let card = tx
                    .phone_method_card(borrower, id)
                    .await?
                    .ok_or(PaymentError::NotFound)?;
                let new = NewCard {
                    nickname: format!("{} ending {}", card.brand, m.last4),
                    holder_name: m.holder_name.clone(),
                    token: card.token,
                    brand: card.brand,
                    last4: m.last4.clone(),
                    expiry: card.expiry,
                    // The number read out went to the processor and nowhere else: this card
                    // is told apart from one saved again by brand, last four and expiry.
                    fingerprint: None,
                };
                let saved = tx.insert_card(owner, &new, now).await?;
                (saved, notices::card_added(&m.type_or_brand, &m.last4))
            }
        };
        if let Some(to) = alert_to {
            tx.enqueue_messages(
                &[notices::security_alert(self.servicer(), to, &what, now)],
                now,
            )
            .await?;
        }
        Ok(saved)
    }
}

/// The digest of an AutoPay request by phone as sent, with the call's reference and the
/// digest of the words agreed to (`words`: the AutoPay's own words, its first draft).
fn autopay_request_hash(
    borrower: BorrowerId,
    req: &PhoneAutopayRequest,
    call_reference: &str,
    words: &str,
) -> String {
    request_hash(&[
        "phone_autopay",
        &borrower.0.to_string(),
        &req.account.to_string(),
        &req.method.as_text(),
        &req.fixed_amount
            .map(|m| m.cents().to_string())
            .unwrap_or_default(),
        &req.days_before_due.to_string(),
        call_reference,
        words,
    ])
}

/// The AutoPay an idempotency key answers with (its id, recorded with the key).
fn answered_autopay(answer: &str) -> Result<AutopayId, StoreError> {
    answer
        .parse::<i64>()
        .map(AutopayId)
        .map_err(|_| StoreError::Corrupt {
            table: "idempotency_keys",
            detail: format!("an AutoPay by phone's key answers {answer:?}"),
        })
}

/// The reference of the call's recording, as typed: 1 to 64 characters, none a control
/// character. Public so a form checks it with its other fields (and says every problem at
/// once); [`App::enroll_autopay_by_phone`] checks it again.
pub fn checked_call_reference(text: &str) -> Result<String, PhoneError> {
    let t = text.trim();
    if t.is_empty() || t.chars().count() > CALL_REFERENCE_MAX || t.chars().any(char::is_control) {
        return Err(PhoneError::CallReferenceNeeded);
    }
    Ok(t.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_autopay_request_digest_changes_with_what_was_asked_and_the_words_agreed_to() {
        let req = PhoneAutopayRequest {
            account: AccountNumber::from_base(521_840_000_000_101),
            method: PayFrom::Saved(PaymentMethodId(3)),
            fixed_amount: None,
            days_before_due: 0,
        };
        let h = |r: &PhoneAutopayRequest, call: &str, words: &str| {
            autopay_request_hash(BorrowerId(1), r, call, words)
        };
        assert_eq!(h(&req, "REC-1", "w"), h(&req, "REC-1", "w"));
        let later = PhoneAutopayRequest {
            days_before_due: 3,
            ..req.clone()
        };
        assert_ne!(h(&req, "REC-1", "w"), h(&later, "REC-1", "w"));
        assert_ne!(h(&req, "REC-1", "w"), h(&req, "REC-2", "w"));
        assert_ne!(h(&req, "REC-1", "w"), h(&req, "REC-1", "other words"));
        assert_eq!(answered_autopay("12").unwrap(), AutopayId(12));
        assert!(answered_autopay("").is_err());
    }

    #[test]
    fn a_call_reference_is_short_printable_text() {
        assert_eq!(
            checked_call_reference("  REC-2026-11-25-0042 ").unwrap(),
            "REC-2026-11-25-0042"
        );
        for bad in ["", "   ", "a\u{0}b", &"x".repeat(65)] {
            assert!(
                matches!(
                    checked_call_reference(bad),
                    Err(PhoneError::CallReferenceNeeded)
                ),
                "{bad:?}"
            );
        }
    }
}
