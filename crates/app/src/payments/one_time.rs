//! One-time payments a borrower makes in the portal or through the API: the amount due, the
//! past-due amount, the payoff, or any amount; today or a scheduled date up to the next due
//! date plus the configured window; extra to principal or to the next installment. The split
//! is projected before confirming ([`App::quote_payment`]) and recorded when the payment posts.
//!
//! A bank payment is pending (cancellable) until it goes out in its credit date's ACH file,
//! which posts it as of that date. A card payment is charged at once (under the payment's
//! confirmation number as the processor's idempotency key) and posts on approval.

use super::idempotency::claim;
use super::idempotency::{check_key, request_hash, scoped};
use super::received::Outcome;
use super::{PaymentError, confirmation_number, posting};
use crate::App;
use crate::identity::ClientInfo;
use crate::payments::cards::Charge;
use domain::account_number::AccountNumber;
use domain::loan::{ExtraTo, replay_to_start_of};
use domain::payment::{
    DateAsk, MethodKind, NextAfter, PaymentChannel, PaymentStatus, Promise, QUOTED_TXN, Rail,
    next_after, project_pending, quote_amount, quote_date, quoted,
};
use jiff::civil::Date;
use money::Money;
use store::{
    AuditEvent, LoginId, NewPayment, Payment, PaymentId, PaymentMethod, PaymentMethodId, Split,
    StoreError,
};

/// Which amount (a domain rule: [`domain::payment::AmountChoice`]).
pub use domain::payment::AmountChoice;

/// A payment the borrower asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentRequest {
    /// The loan.
    pub account: AccountNumber,
    /// The saved bank account or card.
    pub method: PaymentMethodId,
    /// How much.
    pub amount: AmountChoice,
    /// When (`None`: today, or the next business day after the cutoff).
    pub date: Option<Date>,
    /// Where any extra goes.
    pub extra: ExtraTo,
}

/// What the payment would do: shown before the borrower confirms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// The amount.
    pub amount: Money,
    /// The business day it is credited as of.
    pub credit_date: Date,
    /// Made after today's cutoff or on a non-business day, so credited later than asked.
    pub moved: bool,
    /// The projected split (other pending payments counted first).
    pub split: Split,
    /// The method.
    pub method: PaymentMethod,
    /// The loan's balance after it, as projected.
    pub balance_after: Money,
    /// Where any extra goes.
    pub extra: ExtraTo,
    /// What it leaves of the next payments: whether it counts toward one not yet due on the
    /// credit date (so "your next payment is still due" would not be true), and the payment
    /// due next after it. From the same replay that posts it (a bank payment keeps it as its
    /// promise, checked again the night before it posts: [`crate::payments::promise`]).
    pub next: NextAfter,
}

impl App {
    /// Projects a payment without making it.
    pub async fn quote_payment(
        &self,
        login: LoginId,
        req: &PaymentRequest,
    ) -> Result<Quote, PaymentError> {
        let view = self
            .store()
            .loan_view_of_login(login, req.account)
            .await?
            .ok_or(PaymentError::NotFound)?;
        let method = self.saved_method(login, req.method).await?;
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
        })?;
        let (moved, credit) = (credit.moved, credit.date);
        // Other payments still pending on this loan count first, as they will post first.
        let history = self.store().history(view.loan).await?;
        let pending = super::pending_of(&self.store().payments_of_loan(view.loan).await?);
        let mut history = project_pending(history, &pending, credit);
        let before = replay_to_start_of(&record.terms, &history, credit);
        let limit = settings.limits.of(super::Taker::Borrower);
        let amount = quote_amount(&before, req.amount, limit, credit)?;
        history.push(quoted(credit, amount, req.extra));
        let after = replay_to_start_of(&record.terms, &history, credit);
        // The replay applies every payment no reversal names, dated by the day it replays to
        // (to unapplied funds when the loan is not active): a quote it left out is its bug.
        let applied = after
            .applied_payments()
            .find(|a| a.txn == QUOTED_TXN)
            .copied()
            .expect("the replay applies the quoted payment");
        Ok(Quote {
            amount,
            credit_date: credit,
            moved,
            split: Split::from(&applied),
            method,
            balance_after: after.balance(),
            extra: req.extra,
            next: next_after(&before, &after),
        })
    }

    /// Makes a payment under the borrower's idempotency `key`: a replay returns the first
    /// payment; the same key for a different payment is refused.
    pub async fn make_payment(
        &self,
        login: LoginId,
        key: &str,
        req: &PaymentRequest,
        client: &ClientInfo,
    ) -> Result<Outcome, PaymentError> {
        check_key(key)?;
        let key = scoped(&format!("login:{}", login.0), key);
        let hash = one_time_request_hash(req);
        // A replay answers from the first request before anything is re-quoted (the amount
        // due may have changed since).
        if let Some(outcome) = self.replay(&key, &hash).await? {
            return Ok(outcome);
        }
        let quote = self.quote_payment(login, req).await?;
        let (loan, borrower) = self
            .loan_of_account(req.account)
            .await?
            .ok_or(PaymentError::NotFound)?;
        let rail = quote.method.kind.rail();
        let card = rail == Rail::Card;
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
        let new = web_payment(login, loan, req, &quote, confirmation, client);
        let id = tx.insert_payment(&new, now).await?;
        if !card {
            tx.set_expected_split(id, quote.split).await?;
            // What the review said of the next payments, checked again the night before the
            // credit date (`payments::promise`).
            tx.set_promise(id, Promise::of(&quote.next)).await?;
        }
        let payment = tx.payment(id).await?.ok_or(PaymentError::NotFound)?;
        if !card {
            self.send_alert(
                &mut tx,
                borrower,
                &crate::notices::payment_scheduled(&payment, &quote, req.account),
                now,
            )
            .await?;
        }
        tx.commit().await?;
        self.forget_cached_views();
        let payment = if card {
            self.charge_card(&payment).await?
        } else {
            payment
        };
        Ok(Outcome {
            payment,
            replayed: false,
        })
    }

    /// A committed earlier request under `key`, read without taking the write lock (one still
    /// in flight is met by the claim in the payment's own transaction).
    async fn replay(&self, key: &str, hash: &str) -> Result<Option<Outcome>, PaymentError> {
        let Some((stored_hash, confirmation)) = self.store().idempotency_key(key).await? else {
            return Ok(None);
        };
        if stored_hash != hash {
            return Err(PaymentError::KeyReused);
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

    /// Charges a card payment recorded as scheduled and posts it on approval, or records the
    /// decline. If the processor cannot be reached the payment stays scheduled and is
    /// charged again later under the same key ([`App::resume_card_payments`]).
    pub async fn charge_card(&self, p: &Payment) -> Result<Payment, PaymentError> {
        let Some(method) = p.method else {
            // A card read out on a call (issue 19): its token is found through the payment's
            // authorization by phone.
            return self.charge_phone_card(p).await;
        };
        let token = {
            let mut tx = self.store().begin().await?;
            // A saved card the paying login reaches; with no login (an AutoPay draft or a
            // payment by phone for a borrower who has not enrolled, ADR 0022), one the
            // loan's borrower reaches.
            let m = match p.login {
                Some(login) => tx.payment_method_of(login, method).await?,
                None => tx.payment_method_of_loan(p.loan, method).await?,
            };
            drop(tx);
            m.and_then(|(_, token)| token)
        };
        let Some(token) = token else {
            return self.card_removed(p).await;
        };
        self.charge_with_token(p, &token).await
    }

    /// Charges card payment `p` with the processor's `token` (of a saved card, or of one given
    /// by phone), and records the answer: posted on approval, the decline kept. The charge
    /// carries the payment's confirmation as its key, so a retry never charges twice; when the
    /// processor does not answer, the payment stays scheduled for the sweep.
    pub(crate) async fn charge_with_token(
        &self,
        p: &Payment,
        token: &str,
    ) -> Result<Payment, PaymentError> {
        let charge = match self.cards.charge(token, p.amount, &p.confirmation).await {
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
                self.post_card_payment(&mut tx, &current, &record, today, now)
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

    /// Records that card payment `p` was not charged because its card was removed before
    /// it could be; the payment as it now stands.
    async fn card_removed(&self, p: &Payment) -> Result<Payment, PaymentError> {
        let mut tx = self.store().begin().await?;
        tx.record_card_result(
            p.id,
            Err("This card was removed before it was charged"),
            self.now_us(),
        )
        .await?;
        let out = tx.payment(p.id).await?.ok_or(PaymentError::NotFound)?;
        tx.commit().await?;
        Ok(out)
    }

    /// Posts an approved card payment in `tx`, credited as of its credit date or `today` if
    /// that is earlier (a scheduled card payment charged late is credited today), and sends
    /// the "payment received" alert.
    async fn post_card_payment(
        &self,
        tx: &mut store::Tx,
        current: &Payment,
        record: &store::LoanRecord,
        today: Date,
        now: i64,
    ) -> Result<(), PaymentError> {
        let credit = current.credit_date.min(today);
        let mut posting_row = current.clone();
        posting_row.credit_date = credit;
        let posted =
            posting::post(tx, &record.terms, self.cycle(), &posting_row, today, now).await?;
        self.send_alert(
            tx,
            record.borrower,
            &crate::notices::payment_received(current, &posted, record.account_number),
            now,
        )
        .await?;
        Ok(())
    }

    /// Charges again the card payments a crash or an unreachable processor left scheduled
    /// for more than a minute (the same key: never a second charge).
    pub async fn resume_card_payments(&self) -> Result<usize, StoreError> {
        let stuck = self
            .store()
            .stuck_card_payments(self.now_us() - 60_000_000)
            .await?;
        let mut done = 0;
        for p in stuck {
            match self.charge_card(&p).await {
                Ok(_) => done += 1,
                Err(PaymentError::Store(e)) => return Err(e),
                Err(e) => {
                    tracing::warn!(payment = p.id.0, error = %e, "card payment still not charged")
                }
            }
        }
        Ok(done)
    }

    /// Cancels a pending payment of the borrower's, and tells them so by the channels its
    /// "payment scheduled" notice went ([`crate::notices::payment_cancelled`]). Refused once
    /// it is in an ACH file or posted; a payment that is not theirs is not found.
    pub async fn cancel_payment(
        &self,
        login: LoginId,
        id: PaymentId,
        client: &ClientInfo,
    ) -> Result<Payment, PaymentError> {
        // The loan (for the notice's words and its borrower) is read before the transaction.
        let Some(found) = self.store().payment_of_login(login, id).await? else {
            return Err(PaymentError::NotFound);
        };
        let record = self.loan_record(found.loan).await?;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        if !tx.cancel_payment(login, id, now).await? {
            drop(tx);
            return match self.store().payment_of_login(login, id).await? {
                Some(p) if p.status == PaymentStatus::Cancelled => Ok(p),
                Some(_) => Err(PaymentError::TooLate),
                None => Err(PaymentError::NotFound),
            };
        }
        let p = tx.payment(id).await?.ok_or(PaymentError::NotFound)?;
        tx.audit(
            &payment_audit("payment.cancelled", login, id, p.amount, client),
            now,
        )
        .await?;
        self.send_alert(
            &mut tx,
            record.borrower,
            &crate::notices::payment_cancelled(&p, record.account_number),
            now,
        )
        .await?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(p)
    }

    /// The scheduled (pending) payments on the loans a login reaches.
    pub async fn scheduled_payments(&self, login: LoginId) -> Result<Vec<Payment>, StoreError> {
        self.store().scheduled_payments_of_login(login).await
    }

    /// One payment on a loan the login reaches.
    pub async fn payment_of(
        &self,
        login: LoginId,
        id: PaymentId,
    ) -> Result<Option<Payment>, StoreError> {
        self.store().payment_of_login(login, id).await
    }
}

/// The digest of a one-time payment request as sent: the amount as chosen (the amount due,
/// not what it comes to today), so a replay the next day is the same request.
fn one_time_request_hash(req: &PaymentRequest) -> String {
    let amount_text = match req.amount {
        AmountChoice::AmountDue => "due".to_owned(),
        AmountChoice::PastDue => "past_due".to_owned(),
        AmountChoice::Payoff => "payoff".to_owned(),
        AmountChoice::Other(m) => m.cents().to_string(),
    };
    request_hash(&[
        "one_time",
        &req.account.to_string(),
        &req.method.0.to_string(),
        &amount_text,
        &req.date.map(|d| d.to_string()).unwrap_or_default(),
        extra_name(req.extra),
    ])
}

/// The row of a borrower's one-time payment on `loan` as quoted, scheduled, by the rail of
/// the method quoted.
fn web_payment(
    login: LoginId,
    loan: store::LoanId,
    req: &PaymentRequest,
    quote: &Quote,
    confirmation: String,
    client: &ClientInfo,
) -> NewPayment {
    NewPayment {
        confirmation,
        loan,
        login: Some(login),
        method: Some(req.method),
        autopay: None,
        installment: None,
        draft_on: None,
        retry_of: None,
        channel: PaymentChannel::Web,
        rail: quote.method.kind.rail(),
        amount: quote.amount,
        extra: req.extra,
        credit_date: quote.credit_date,
        status: PaymentStatus::Scheduled,
        card_authorization: None,
        decline_reason: None,
        actor: format!("login:{}", login.0),
        client_ip: Some(client.ip.clone()),
        bank: None,
    }
}

fn extra_name(e: ExtraTo) -> &'static str {
    match e {
        ExtraTo::Principal => "principal",
        ExtraTo::NextInstallment => "next_installment",
    }
}

fn payment_audit(
    action: &str,
    login: LoginId,
    id: PaymentId,
    amount: Money,
    client: &ClientInfo,
) -> AuditEvent {
    AuditEvent {
        actor: format!("login:{}", login.0),
        action: action.into(),
        subject: format!("payment:{}", id.0),
        detail: serde_json::json!({ "amount_cents": amount.cents(), "ip": client.ip }).to_string(),
    }
}
