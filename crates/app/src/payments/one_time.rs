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
use super::staff::{Outcome, received_alert};
use super::{PaymentError, confirmation_number, posting};
use crate::App;
use crate::alerts::Alert;
use crate::identity::ClientInfo;
use crate::payments::cards::Charge;
use domain::account_number::AccountNumber;
use domain::calendar::{is_business_day, next_business_day};
use domain::loan::{ExtraTo, LoanStatus, Transaction, TxnId, TxnKind, replay_to_start_of};
use domain::payment::{MethodKind, PaymentChannel, PaymentStatus, Rail};
use jiff::civil::Date;
use money::Money;
use store::{
    AuditEvent, LoginId, NewPayment, Payment, PaymentId, PaymentMethod, PaymentMethodId, Split,
    StoreError,
};

/// Which amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountChoice {
    /// What is due now (past due and the current installment).
    AmountDue,
    /// Only the past-due part.
    PastDue,
    /// Everything: the payoff for the credit date.
    Payoff,
    /// An amount of the borrower's choosing.
    Other(Money),
}

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
        let asap = self.credit_date_now(today);
        // Today (asked for or not) is as soon as possible.
        let (credit, moved) = match req.date.filter(|d| *d != today) {
            None => (asap, asap != today),
            Some(d) if d < today => {
                return Err(PaymentError::field(
                    "date",
                    format!("Choose today or a later date (today is {today})"),
                ));
            }
            Some(d) => {
                if method.kind == MethodKind::Card {
                    return Err(PaymentError::field(
                        "date",
                        "Card payments are made today. To schedule a payment, pay from a bank account",
                    ));
                }
                let latest = view
                    .snapshot
                    .next_due_date
                    .unwrap_or(today)
                    .checked_add(jiff::Span::new().days(settings.schedule_window_days))
                    .map_err(|e| StoreError::Corrupt {
                        table: "loan_snapshots",
                        detail: e.to_string(),
                    })?;
                if d > latest {
                    return Err(PaymentError::field(
                        "date",
                        format!(
                            "Choose a date up to {latest} (the next due date and {} days)",
                            settings.schedule_window_days
                        ),
                    ));
                }
                let on = if is_business_day(d) {
                    d
                } else {
                    next_business_day(d)
                };
                (on, on != d)
            }
        };
        if view.snapshot.status != LoanStatus::Active {
            return Err(PaymentError::field(
                "amount",
                "This loan is paid off or closed; there is nothing to pay",
            ));
        }
        // Other payments still pending on this loan count first, as they will post first.
        let mut history = self.store().history(view.loan).await?;
        let pending = self.store().payments_of_loan(view.loan).await?;
        let mut next_id = u64::MAX - 1_000_000;
        for p in pending
            .iter()
            .filter(|p| p.status == PaymentStatus::Scheduled && p.credit_date <= credit)
        {
            next_id += 1;
            history.push(Transaction {
                id: TxnId(next_id),
                date: p.credit_date,
                kind: TxnKind::Payment {
                    amount: p.amount,
                    extra: p.extra,
                },
            });
        }
        let before = replay_to_start_of(&record.terms, &history, credit);
        if before.status != LoanStatus::Active {
            return Err(PaymentError::field(
                "amount",
                "Payments already scheduled pay this loan off",
            ));
        }
        let payoff = before.balance();
        let amount = match req.amount {
            AmountChoice::AmountDue => before.amount_due(),
            AmountChoice::PastDue => before.past_due_amount(),
            AmountChoice::Payoff => payoff,
            AmountChoice::Other(m) => m,
        };
        if !amount.is_positive() {
            return Err(PaymentError::field(
                "amount",
                "Nothing of that kind is due now. Choose another amount",
            ));
        }
        self.payment_settings()
            .limits
            .check("amount", super::Taker::Borrower, amount)?;
        if amount > payoff {
            return Err(PaymentError::field(
                "amount",
                format!(
                    "That is more than the payoff amount for {}, {}. Choose the payoff instead",
                    documents::long_date(credit),
                    payoff.usd()
                ),
            ));
        }
        let id = TxnId(u64::MAX);
        history.push(Transaction {
            id,
            date: credit,
            kind: TxnKind::Payment {
                amount,
                extra: req.extra,
            },
        });
        let after = replay_to_start_of(&record.terms, &history, credit);
        let applied = after
            .applied_payments()
            .find(|a| a.txn == id)
            .copied()
            .ok_or_else(|| StoreError::Corrupt {
                table: "payments",
                detail: "projected payment did not apply".into(),
            })?;
        Ok(Quote {
            amount,
            credit_date: credit,
            moved,
            split: Split::from(&applied),
            method,
            balance_after: after.balance(),
            extra: req.extra,
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
        let amount_text = match req.amount {
            AmountChoice::AmountDue => "due".to_owned(),
            AmountChoice::PastDue => "past_due".to_owned(),
            AmountChoice::Payoff => "payoff".to_owned(),
            AmountChoice::Other(m) => m.cents().to_string(),
        };
        let hash = request_hash(&[
            "one_time",
            &req.account.to_string(),
            &req.method.0.to_string(),
            &amount_text,
            &req.date.map(|d| d.to_string()).unwrap_or_default(),
            extra_name(req.extra),
        ]);
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
        let id = tx
            .insert_payment(
                &NewPayment {
                    confirmation,
                    loan,
                    login: Some(login),
                    method: Some(req.method),
                    autopay: None,
                    installment: None,
                    retry_of: None,
                    channel: PaymentChannel::Web,
                    rail,
                    amount: quote.amount,
                    extra: req.extra,
                    credit_date: quote.credit_date,
                    status: PaymentStatus::Scheduled,
                    card_authorization: None,
                    decline_reason: None,
                    actor: format!("login:{}", login.0),
                    client_ip: Some(client.ip.clone()),
                    bank: None,
                },
                now,
            )
            .await?;
        if !card {
            tx.set_expected_split(id, quote.split).await?;
        }
        let payment = tx.payment(id).await?.ok_or(PaymentError::NotFound)?;
        if !card {
            self.send_alert(
                &mut tx,
                borrower,
                &scheduled_alert(&payment, &quote, req.account),
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
        let payment = self
            .store()
            .payment_by_confirmation(&confirmation)
            .await?
            .ok_or_else(|| {
                PaymentError::Store(StoreError::Corrupt {
                    table: "idempotency_keys",
                    detail: "the response names no payment".into(),
                })
            })?;
        Ok(Some(Outcome {
            payment,
            replayed: true,
        }))
    }

    /// Charges a card payment recorded as scheduled and posts it on approval, or records the
    /// decline. If the processor cannot be reached the payment stays scheduled and is
    /// charged again later under the same key ([`App::resume_card_payments`]).
    pub async fn charge_card(&self, p: &Payment) -> Result<Payment, PaymentError> {
        let (Some(login), Some(method)) = (p.login, p.method) else {
            return Err(PaymentError::NotFound);
        };
        let token = {
            let mut tx = self.store().begin().await?;
            let m = tx.payment_method_of(login, method).await?;
            drop(tx);
            m.and_then(|(_, token)| token)
        };
        let Some(token) = token else {
            let mut tx = self.store().begin().await?;
            tx.record_card_result(
                p.id,
                Err("This card was removed before it was charged"),
                self.now_us(),
            )
            .await?;
            let out = tx.payment(p.id).await?.ok_or(PaymentError::NotFound)?;
            tx.commit().await?;
            return Ok(out);
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
                let credit = current.credit_date.min(today);
                let mut posting_row = current.clone();
                posting_row.credit_date = credit;
                let posted = posting::post(
                    &mut tx,
                    &record.terms,
                    self.cycle(),
                    &posting_row,
                    today,
                    now,
                )
                .await?;
                self.send_alert(
                    &mut tx,
                    record.borrower,
                    &received_alert(&current, &posted, record.account_number),
                    now,
                )
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

    /// Cancels a pending payment of the borrower's. Refused once it is in an ACH file or
    /// posted; a payment that is not theirs is not found.
    pub async fn cancel_payment(
        &self,
        login: LoginId,
        id: PaymentId,
        client: &ClientInfo,
    ) -> Result<Payment, PaymentError> {
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

/// The receipt of a scheduled bank payment.
fn scheduled_alert(p: &Payment, q: &Quote, account: AccountNumber) -> Alert {
    Alert {
        alert: "payment_received",
        subject: format!(
            "Payment of {} scheduled for {}",
            p.amount.usd(),
            documents::long_date(p.credit_date)
        ),
        body: format!(
            "Your payment of {amount} on your loan ending in {last4} is scheduled from {method} \
             and will be credited {date}.\n\nExpected split: {principal} to principal, {interest} \
             to interest, {fees} to fees.\nConfirmation number: {confirmation}.\n\nYou can cancel \
             it in the portal until it is sent to your bank at the cutoff on {date}.\n",
            amount = p.amount.usd(),
            last4 = account.last4(),
            method = q.method.nickname,
            date = documents::long_date(p.credit_date),
            principal = q.split.principal.usd(),
            interest = q.split.interest.usd(),
            fees = q.split.fees.usd(),
            confirmation = p.confirmation,
        ),
        key: format!("payment-scheduled:{}", p.id.0),
    }
}
