//! A one-time payment by phone: reviewed (the quote and the words to read), taken under the
//! agent's idempotency key with the written notice, the evidence and the audit record in one
//! transaction (only if the words made again then are the words read), a card charged after
//! the commit; its receipt; and its cancellation at the borrower's request while it is still
//! pending, by the portal's rule.

use super::quote::PhoneQuote;
use super::{
    PayFrom, PhoneError, Resolved, ScriptAgreement, borrower_audit, check_same_words,
    notice_recipient, script_digest, staff_of,
};
use crate::App;
use crate::access::{Actor, Capability};
use crate::notices::{self, Recipient};
use crate::payments::idempotency::{check_key, claim, request_hash, scoped};
use crate::payments::received::Outcome;
use crate::payments::{PaymentError, confirmation_number};
use domain::account_number::AccountNumber;
use domain::loan::ExtraTo;
use domain::payment::{AmountChoice, MethodKind, PaymentChannel, PaymentStatus, Rail};
use domain::phone::{Call, PaymentFacts, PhoneAuthorizationKind, Script, payment_script};
use jiff::civil::Date;
use store::{
    AuditEvent, BorrowerId, LoanView, LoginId, NewPayment, NewPhoneAuthorization, Payment,
    PaymentId, PhoneAuthorization, StaffId,
};

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
    /// The digest of the words shown ([`super::script_digest`]; the confirm form carries it
    /// back, so that the payment taken is the one read).
    pub digest: String,
    /// Where the written notice goes (none: nowhere, so only a card may be taken, and the
    /// words do not promise it).
    pub notice_to: Option<Recipient>,
}

/// A payment taken by phone, with its evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneReceipt {
    /// The payment as it stands.
    pub payment: Payment,
    /// Its loan.
    pub account: AccountNumber,
    /// The evidence of its authorization (with the agent's name).
    pub evidence: PhoneAuthorization,
    /// It can still be cancelled ([`App::cancel_phone_payment`]): a bank payment not yet in
    /// an ACH file.
    pub cancellable: bool,
}

impl App {
    /// The quote of a payment by phone and the words to read for it, for a verified caller.
    pub async fn review_phone_payment(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
        req: &PhonePaymentRequest,
    ) -> Result<PhoneReview, PhoneError> {
        self.review_payment_on_call(actor, None, borrower, req)
            .await
    }

    /// [`App::review_phone_payment`] asked by an API client for the agent on the call, named
    /// by the email they sign in with (`agent_email`): that agent's live verification of the
    /// caller is needed.
    pub async fn review_phone_payment_for(
        &self,
        actor: &Actor,
        agent_email: &str,
        borrower: BorrowerId,
        req: &PhonePaymentRequest,
    ) -> Result<PhoneReview, PhoneError> {
        self.review_payment_on_call(actor, Some(agent_email), borrower, req)
            .await
    }

    /// The review, for the agent on the call (`App::agent_on_call`).
    async fn review_payment_on_call(
        &self,
        actor: &Actor,
        agent: Option<&str>,
        borrower: BorrowerId,
        req: &PhonePaymentRequest,
    ) -> Result<PhoneReview, PhoneError> {
        actor.require(Capability::TakePayment)?;
        let agent = self.agent_on_call(actor, agent).await?;
        self.verification_by(agent, borrower).await?;
        let now = self.now_us();
        let facts = self.payment_facts(borrower, req, now).await?;
        Ok(PhoneReview {
            digest: script_digest(&facts.script.text),
            quote: facts.quote,
            script: facts.script,
            read_at_us: now,
            notice_to: facts.notice_to,
        })
    }

    /// Quotes `req` as if paid from a method of `kind` not yet given (a bank account or card
    /// the borrower is about to read out): the loan, amount and date are checked exactly as
    /// the review checks them, so a refusal is found before anything read out is recorded;
    /// and the pay page's figures are the ones a payment would take. `req.method` is not read.
    pub async fn quote_phone_payment(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
        req: &PhonePaymentRequest,
        kind: MethodKind,
    ) -> Result<PhoneQuote, PhoneError> {
        actor.require(Capability::TakePayment)?;
        let method = Resolved {
            from: req.method,
            kind,
            type_or_brand: String::new(),
            last4: String::new(),
            routing_number: None,
            holder_name: String::new(),
        };
        Ok(self.phone_quote(borrower, req, &method).await?.1)
    }

    /// Takes a payment by phone under the agent's idempotency `key`: a replay returns the
    /// first payment; the same key for another payment is refused. The caller must be
    /// verified, and the borrower's agreement to the words read recorded (`agreed`): the words
    /// are made again from what is true now, and unless they are those read (the same digest:
    /// the same amount, credit date, method and promises), nothing is taken.
    pub async fn take_phone_payment(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
        key: &str,
        req: &PhonePaymentRequest,
        agreed: &ScriptAgreement,
    ) -> Result<Outcome, PhoneError> {
        self.take_payment_on_call(actor, None, borrower, key, req, agreed)
            .await
    }

    /// [`App::take_phone_payment`] asked by an API client for the agent on the call, named by
    /// the email they sign in with (`agent_email`): that agent's live verification of the
    /// caller is needed, and the evidence names them as the one who read the words; the key
    /// is the client's, and the client is audited as the actor.
    pub async fn take_phone_payment_for(
        &self,
        actor: &Actor,
        agent_email: &str,
        borrower: BorrowerId,
        key: &str,
        req: &PhonePaymentRequest,
        agreed: &ScriptAgreement,
    ) -> Result<Outcome, PhoneError> {
        self.take_payment_on_call(actor, Some(agent_email), borrower, key, req, agreed)
            .await
    }

    /// The payment taken, for the agent on the call (`App::agent_on_call`).
    async fn take_payment_on_call(
        &self,
        actor: &Actor,
        agent: Option<&str>,
        borrower: BorrowerId,
        key: &str,
        req: &PhonePaymentRequest,
        agreed: &ScriptAgreement,
    ) -> Result<Outcome, PhoneError> {
        actor.require(Capability::TakePayment)?;
        check_key(key)?;
        let key = scoped(&actor.audit_name(), key);
        // The request with the words agreed to: they state the amount and the date it came to.
        let hash = phone_request_hash(borrower, req, &agreed.digest);
        // A replay answers from the first request before anything is checked again (the
        // verification may have lapsed, the amount due changed).
        if let Some(outcome) = self.phone_replay(&key, &hash).await? {
            return Ok(outcome);
        }
        let (staff, role) = self.staff_on_call(actor, agent).await?;
        self.verification_by(staff, borrower).await?;
        self.check_agreed_lately(agreed)?;
        let facts = self.payment_facts(borrower, req, agreed.read_at_us).await?;
        check_same_words(agreed, &facts.script, "payment's")?;
        // The limit is the agent's on the call, also when a client's request names them.
        let on_call = Actor::Staff { id: staff, role };
        if self.phone_payment_needs_approval(&on_call, facts.quote.amount) {
            return Err(PhoneError::NeedsSupervisor {
                amount: facts.quote.amount,
            });
        }
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
                // Written in the borrower's language (the script stays as it was read).
                let method = notices::phone_method_words(
                    to.lang.tr(),
                    facts.method.kind,
                    &facts.method.type_or_brand,
                    &facts.method.last4,
                );
                let m = notices::phone_payment_notice(
                    self.servicer(),
                    to,
                    &payment,
                    req.account,
                    &method,
                    &facts.script.text,
                );
                tx.enqueue_messages(std::slice::from_ref(&m), now).await?;
                tx.outbox_id_of_key(&m.key).await?
            }
            None => None,
        };
        let evidence = evidence_of(&facts, &payment, staff, agreed, notice, self.zone(), now);
        tx.insert_phone_authorization(&evidence, now).await?;
        tx.audit(
            &taken_audit(
                actor,
                staff,
                borrower,
                &payment,
                req.account,
                facts.script.version,
            ),
            now,
        )
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
    /// payment's authorization) as [`App::charge_card`] charges a saved card: posted on
    /// approval, the decline recorded, and charged again later under the same key when the
    /// processor cannot be reached.
    pub async fn charge_phone_card(&self, p: &Payment) -> Result<Payment, PaymentError> {
        let Some(token) = self.store().phone_card_token(p.id).await? else {
            return Err(PaymentError::NotFound);
        };
        self.charge_with_token(p, &token).await
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
            cancellable: cancellable(&p),
            payment: p,
            account: record.account_number,
            evidence,
        })
    }

    /// Cancels payment `payment` of `borrower`'s taken by phone, at the verified caller's
    /// request, by the rule the portal holds the borrower's own cancellation to
    /// ([`App::cancel_payment`]): a bank payment still pending, not yet in its credit date's
    /// ACH file (which goes out at that day's cutoff); a card charge cannot be cancelled
    /// ([`PaymentError::TooLate`], as one already sent). Another borrower's payment, or one
    /// not taken by phone, is not found. A payment already cancelled is answered as it is,
    /// and nothing is written again (a second press of the button). Audited.
    pub async fn cancel_phone_payment(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
        payment: PaymentId,
    ) -> Result<Payment, PhoneError> {
        actor.require(Capability::TakePayment)?;
        staff_of(actor)?;
        // A payment by phone is known by the evidence of its authorization, which names the
        // borrower who gave it.
        self.store()
            .phone_authorization_of_payment(payment)
            .await?
            .filter(|ev| ev.recorded.borrower == borrower)
            .ok_or(PaymentError::NotFound)?;
        self.live_verification(actor, borrower).await?;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        if !tx.cancel_phone_payment(borrower, payment, now).await? {
            drop(tx);
            let p = self
                .store()
                .payment_row(payment)
                .await?
                .ok_or(PaymentError::NotFound)?;
            return match p.status {
                PaymentStatus::Cancelled => Ok(p),
                _ => Err(PaymentError::TooLate.into()),
            };
        }
        let p = tx.payment(payment).await?.ok_or(PaymentError::NotFound)?;
        let detail = serde_json::json!({
            "payment": p.id.0,
            "confirmation": p.confirmation,
            "amount_cents": p.amount.cents(),
            "credit_date": p.credit_date.to_string(),
        });
        tx.audit(
            &borrower_audit(actor, "phone_payment.cancelled", borrower, detail),
            now,
        )
        .await?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(p)
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
        // The written confirmation goes in the borrower's language.
        let lang = self.store().language_of_borrower(borrower).await?;
        let method = self.resolve(borrower, req.method).await?;
        let (view, quote) = self.phone_quote(borrower, req, &method).await?;
        let site = self.servicer();
        let last4 = req.account.last4();
        let notice_to = notice_recipient(borrower, who.email, login, lang);
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
            // The words promise written confirmation only when there is somewhere to send it.
            written_confirmation: notice_to.is_some(),
        });
        Ok(Facts {
            view,
            quote,
            script,
            login,
            method,
            notice_to,
            borrower,
            read_at_us,
        })
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

/// The digest of a payment request by phone as sent: the amount as chosen, and the digest of
/// the words the borrower agreed to (`words`), which state what the choice came to (the
/// amount, the credit date, the method): the same form sent again is the same request, even
/// once the amount due has changed; another amount or date under the same key is not.
fn phone_request_hash(borrower: BorrowerId, req: &PhonePaymentRequest, words: &str) -> String {
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
        words,
    ])
}

/// A payment that can still be cancelled, by the rule of [`store::Tx::cancel_payment`]: a
/// bank payment scheduled and not yet in an ACH file.
fn cancellable(p: &Payment) -> bool {
    p.status == PaymentStatus::Scheduled && p.rail == Rail::Ach && p.ach_file_date.is_none()
}

/// The row of a payment by phone, scheduled: a saved method's (with the borrower's login,
/// when they enrolled, so the portal lets them cancel it), or one given on the call (a bank
/// account sealed on the row as `bank`).
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
        draft_on: None,
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
    // A single payment's authorization ends the day it is given.
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
        retain_until: Some(domain::phone::retain_until(authorized_on)),
    }
}

/// The audit record of payment `p` taken by phone on loan `account` by `actor`, with `agent`
/// on the call.
fn taken_audit(
    actor: &Actor,
    agent: StaffId,
    borrower: BorrowerId,
    p: &Payment,
    account: AccountNumber,
    script_version: &str,
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
            "script_version": script_version,
            "agent": format!("staff:{}", agent.0),
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use money::Money;
    use store::PhoneMethodId;

    #[test]
    fn a_request_digest_changes_with_the_borrower_the_amount_and_the_words_agreed_to() {
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
        let words = script_digest("… $300.00 … on or after November 25, 2026 …");
        let later = script_digest("… $300.00 … on or after November 27, 2026 …");
        assert_eq!(
            phone_request_hash(BorrowerId(1), &req, &words),
            phone_request_hash(BorrowerId(1), &req, &words)
        );
        assert_ne!(
            phone_request_hash(BorrowerId(1), &req, &words),
            phone_request_hash(BorrowerId(2), &req, &words)
        );
        assert_ne!(
            phone_request_hash(BorrowerId(1), &req, &words),
            phone_request_hash(BorrowerId(1), &other, &words)
        );
        // "The amount due" that came to another amount or date is another request.
        assert_ne!(
            phone_request_hash(BorrowerId(1), &req, &words),
            phone_request_hash(BorrowerId(1), &req, &later)
        );
    }
}
