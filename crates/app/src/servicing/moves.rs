//! Moving a payment posted to the wrong loan: reversed on the loan it is on (as of the
//! business date, the replay leaving it out as of its own date) and applied as a new payment
//! to the loan it was meant for as of its original credit date, in one transaction. Both
//! loans are locked first, in ascending id order, so two moves between the same loans in
//! opposite directions wait for each other rather than deadlock. The cash never moves: the
//! first loan's restatement takes the amount out of cash/clearing and the second's puts it
//! back. Both borrowers are told (one notice when it is the same borrower's two loans). A bank
//! debit we sent is not moved while the borrower's bank may still return it: a return of a
//! payment already moved would change nothing, and the money would be lost.

use super::reversal::check_cleared;
use super::{ServicingError, check_action, claim, loan_subject};
use crate::App;
use crate::access::{Actor, Capability};
use crate::payments::idempotency::request_hash;
use crate::payments::posting::{self, LockedLoan};
use domain::account_number::AccountNumber;
use domain::loan::TxnKind;
use domain::payment::PaymentStatus;
use store::{AuditEvent, NewPayment, Payment, PaymentId, StoreError};

/// A request to move a posted payment to another loan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentMove {
    /// The loan the payment is on.
    pub account: AccountNumber,
    /// The payment.
    pub payment: PaymentId,
    /// The loan it belongs to.
    pub to: AccountNumber,
    /// What the staff member wants the next reader to know (at most 500 characters).
    pub note: String,
}

/// What moving did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Moved {
    /// The move's reference: the confirmation number of the payment it made on the other
    /// loan.
    pub reference: String,
    /// The payment made on the other loan (posted, credited as of the original's date).
    pub payment: PaymentId,
    /// The same request was made before with this key; nothing new happened.
    pub replayed: bool,
}

impl App {
    /// Moves a posted payment to the loan it was meant for, for an actor who may reverse
    /// payments, idempotently under `key`: in one transaction, reversed on its loan as of the
    /// business date (its row marked returned, [`super::MOVED`]) and posted to the other as
    /// of its original credit date (a new payment row, with the same amount, channel and
    /// rail), both loans restated, both borrowers told, the action audited on both loans.
    /// Refused ([`ServicingError::NotYetCleared`]) for a bank debit its bank may still return.
    pub async fn move_payment(
        &self,
        actor: &Actor,
        key: &str,
        m: &PaymentMove,
    ) -> Result<Moved, ServicingError> {
        check_action(actor, Capability::ReversePayment, key, &m.note)?;
        if m.to == m.account {
            return Err(ServicingError::SameLoan);
        }
        let (from, from_borrower) = self
            .loan_of_account(m.account)
            .await?
            .ok_or(ServicingError::NotFound)?;
        let (to, to_borrower) = self
            .loan_of_account(m.to)
            .await?
            .ok_or(ServicingError::TargetNotFound)?;
        let from_record = self.loan_record(from).await?;
        let to_record = self.loan_record(to).await?;
        let today = self.business_date().await?;
        let now = self.now_us();
        // The new payment's confirmation number is the move's reference.
        let reference = crate::payments::confirmation_number();
        let hash = request_hash(&[
            "payment_move",
            &m.account.to_string(),
            &m.payment.0.to_string(),
            &m.to.to_string(),
            &m.note,
        ]);
        let mut tx = self.store().begin().await?;
        if let Some(first) = claim(&mut tx, actor, key, &hash, &reference, now).await? {
            tx.commit().await?;
            let made = self
                .store()
                .payment_by_confirmation(&first)
                .await?
                .ok_or_else(|| StoreError::NotFound {
                    what: format!("payment {first}, made by a move"),
                })?;
            return Ok(Moved {
                reference: first,
                payment: made.id,
                replayed: true,
            });
        }
        // Both loans locked before either is touched, in ascending id order.
        let (first, second) = if from.0 < to.0 {
            (from, to)
        } else {
            (to, from)
        };
        tx.lock_loan(first).await?;
        tx.lock_loan(second).await?;
        let locked = LockedLoan::lock(&mut tx, from).await?;
        let p = tx
            .payment(m.payment)
            .await?
            .filter(|p| p.loan == from)
            .ok_or(ServicingError::PaymentNotFound)?;
        let of = match (p.status, p.txn) {
            (PaymentStatus::Posted, Some(txn)) => txn,
            (PaymentStatus::Returned, _) => return Err(ServicingError::AlreadyReversed),
            _ => return Err(ServicingError::NotPosted),
        };
        check_cleared(&p, today)?;
        let start = to_record.terms.accrual_start;
        if p.credit_date < start {
            return Err(ServicingError::BeforeLoanStart { start });
        }
        let as_of = today.max(locked.books_as_of);
        locked
            .append(
                &mut tx,
                &from_record.terms,
                self.cycle(),
                as_of,
                TxnKind::Reversal {
                    of,
                    insufficient_funds: false,
                },
                as_of,
                now,
            )
            .await?;
        tx.mark_returned(p.id, super::MOVED, as_of, now).await?;
        let new = NewPayment {
            confirmation: reference.clone(),
            loan: to,
            login: None,
            method: None,
            autopay: None,
            installment: None,
            draft_on: None,
            retry_of: None,
            channel: p.channel,
            rail: p.rail,
            amount: p.amount,
            extra: p.extra,
            credit_date: p.credit_date,
            status: PaymentStatus::Posted,
            card_authorization: p.card_authorization.clone(),
            decline_reason: None,
            bank: None,
            actor: actor.audit_name(),
            client_ip: None,
        };
        // Posted first, then its row written posted (as money in hand is).
        let mut made = Payment::recorded(PaymentId(0), &new, now);
        let posted =
            posting::apply(&mut tx, &to_record.terms, self.cycle(), &made, today, now).await?;
        made.id = tx
            .insert_posted_payment(&new, posted.txn, posted.split, now)
            .await?;
        made.status = PaymentStatus::Posted;
        made.txn = Some(posted.txn);
        made.split = Some(posted.split);
        for (loan, other) in [(from, m.to), (to, m.account)] {
            tx.audit(
                &AuditEvent {
                    actor: actor.audit_name(),
                    action: "loan.payment_moved".into(),
                    subject: loan_subject(loan),
                    detail: serde_json::json!({
                        "reference": reference,
                        "payment": p.id.0,
                        "confirmation": p.confirmation,
                        "moved_to_payment": made.id.0,
                        "amount_cents": p.amount.cents(),
                        "credit_date": p.credit_date.to_string(),
                        "from": m.account.to_string(),
                        "to": m.to.to_string(),
                        "other_loan": other.to_string(),
                        "note": m.note,
                        "date": as_of.to_string(),
                    })
                    .to_string(),
                },
                now,
            )
            .await?;
        }
        let phone = &self.servicer().phone;
        if from_borrower == to_borrower {
            let notice = crate::notices::payment_moved_between(&p, &made, m.account, m.to);
            self.send_alert(&mut tx, from_borrower, &notice, now)
                .await?;
        } else {
            let off = crate::notices::payment_moved_off(&p, m.account, as_of, phone);
            self.send_alert(&mut tx, from_borrower, &off, now).await?;
            let on = crate::notices::payment_moved_on(&made, &posted, m.to);
            self.send_alert(&mut tx, to_borrower, &on, now).await?;
        }
        tx.commit().await?;
        self.forget_cached_views();
        Ok(Moved {
            reference,
            payment: made.id,
            replayed: false,
        })
    }
}
