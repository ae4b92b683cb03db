//! Waivers: fees or accrued interest forgiven as of the business date, each a transaction of
//! the loan's history; and a waiver undone, a reversal of that transaction (the replay leaves
//! the waiver out, so the fees or interest are owed again and every later payment re-splits
//! as if it had never been made).

use super::{
    FeeWaiver, ServicingError, Waived, WaiverReason, check_action, check_note, claim, loan_subject,
    new_reference,
};
use crate::App;
use crate::access::{Actor, Capability};
use crate::payments::idempotency::{check_key, request_hash};
use crate::payments::posting::LockedLoan;
use domain::account_number::AccountNumber;
use domain::loan::{LoanEvent, TxnId, TxnKind};
use jiff::civil::Date;
use money::Money;
use store::{AuditEvent, LoanId};

/// A request to waive accrued interest on a loan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InterestWaiver {
    /// The loan.
    pub account: AccountNumber,
    /// How much (at most the interest outstanding).
    pub amount: Money,
    /// Why.
    pub reason: WaiverReason,
    /// What the staff member wants the next reader to know (at most 500 characters).
    pub note: String,
}

/// A request to undo a fee or interest waiver.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WaiverUndo {
    /// The loan.
    pub account: AccountNumber,
    /// The waiver's transaction id in the loan's history.
    pub txn: i64,
    /// Why it is undone (at most 500 characters).
    pub note: String,
}

/// What undoing a waiver did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Undone {
    /// The undo's reference (the audit record carries it).
    pub reference: String,
    /// What the waiver had forgiven, owed again (for a replay, zero: see the first answer).
    pub amount: Money,
    /// The fees outstanding afterwards (as of the business date; for a replay, now).
    pub fees_left: Money,
    /// The interest outstanding afterwards (as of the business date; for a replay, now).
    pub interest_left: Money,
    /// The same request was made before with this key; nothing new happened.
    pub replayed: bool,
}

/// What is waived: fees or interest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Waive {
    Fees,
    Interest,
}

impl Waive {
    /// The word of the request's digest and the audit record.
    const fn word(self) -> &'static str {
        match self {
            Waive::Fees => "fee",
            Waive::Interest => "interest",
        }
    }
}

/// A waiver request of either kind, as the shared path reads it.
struct Asked<'a> {
    what: Waive,
    account: AccountNumber,
    amount: Money,
    reason: WaiverReason,
    note: &'a str,
}

impl App {
    /// Waives fees on a loan as of the business date, for an actor who may waive fees,
    /// idempotently under `key`: the waiver is a transaction of the loan's history (the
    /// replay re-splits later payments), the books are restated, and the action is audited
    /// with the reason and the note.
    pub async fn waive_fees(
        &self,
        actor: &Actor,
        key: &str,
        w: &FeeWaiver,
    ) -> Result<Waived, ServicingError> {
        self.waive(
            actor,
            key,
            &Asked {
                what: Waive::Fees,
                account: w.account,
                amount: w.amount,
                reason: w.reason,
                note: &w.note,
            },
        )
        .await
    }

    /// Waives accrued interest on a loan as of the business date (at most the interest
    /// outstanding), for an actor who may waive fees and interest, idempotently under `key`:
    /// as [`App::waive_fees`] does, a transaction of the loan's history, the books restated
    /// (interest income reversed), audited with the reason and the note.
    pub async fn waive_interest(
        &self,
        actor: &Actor,
        key: &str,
        w: &InterestWaiver,
    ) -> Result<Waived, ServicingError> {
        self.waive(
            actor,
            key,
            &Asked {
                what: Waive::Interest,
                account: w.account,
                amount: w.amount,
                reason: w.reason,
                note: &w.note,
            },
        )
        .await
    }

    /// Undoes a fee or interest waiver still in force on a loan, as of the business date,
    /// for an actor who may waive fees and interest, idempotently under `key`: a reversal of
    /// the waiver's transaction, so the replay leaves the waiver out (what it forgave is owed
    /// again, and every payment after it re-splits); audited with the note.
    pub async fn undo_waiver(
        &self,
        actor: &Actor,
        key: &str,
        u: &WaiverUndo,
    ) -> Result<Undone, ServicingError> {
        check_action(actor, Capability::WaiveFee, key, &u.note)?;
        let id = u64::try_from(u.txn)
            .ok()
            .filter(|id| *id > 0)
            .map(TxnId)
            .ok_or(ServicingError::WaiverNotFound)?;
        let (loan, _) = self
            .loan_of_account(u.account)
            .await?
            .ok_or(ServicingError::NotFound)?;
        let record = self.loan_record(loan).await?;
        let today = self.business_date().await?;
        let now = self.now_us();
        let reference = new_reference("U");
        let hash = request_hash(&[
            "waiver_undo",
            &u.account.to_string(),
            &u.txn.to_string(),
            &u.note,
        ]);
        let mut tx = self.store().begin().await?;
        if let Some(first) = claim(&mut tx, actor, key, &hash, &reference, now).await? {
            tx.commit().await?;
            let view = self.store().loan_view(u.account).await?;
            return Ok(Undone {
                reference: first,
                amount: Money::ZERO,
                fees_left: view.as_ref().map_or(Money::ZERO, |v| v.snapshot.fees),
                interest_left: view.map_or(Money::ZERO, |v| v.snapshot.interest),
                replayed: true,
            });
        }
        let locked = LockedLoan::lock(&mut tx, loan).await?;
        // Read under the lock: a waiver or an undo committed while this one waited is in it.
        let history = tx.history(loan).await?;
        let what = match history.iter().find(|t| t.id == id).map(|t| t.kind) {
            Some(TxnKind::FeeWaiver { .. }) => Waive::Fees,
            Some(TxnKind::InterestWaiver { .. }) => Waive::Interest,
            _ => return Err(ServicingError::WaiverNotFound),
        };
        let undone_already = history
            .iter()
            .any(|t| matches!(t.kind, TxnKind::Reversal { of, .. } if of == id));
        if undone_already {
            return Err(ServicingError::WaiverNotFound);
        }
        let as_of = today.max(locked.books_as_of);
        // What the waiver forgave in the books until now (the replay caps it at what was owed).
        let waived = locked
            .state_at(&record.terms, as_of)
            .events
            .iter()
            .find_map(|e| match *e {
                LoanEvent::FeeWaived { txn, amount, .. }
                | LoanEvent::InterestWaived { txn, amount, .. }
                    if txn == id =>
                {
                    Some(amount)
                }
                _ => None,
            })
            .unwrap_or(Money::ZERO);
        let (_, state) = locked
            .append(
                &mut tx,
                &record.terms,
                self.cycle(),
                as_of,
                TxnKind::Reversal {
                    of: id,
                    insufficient_funds: false,
                },
                as_of,
                now,
            )
            .await?;
        tx.audit(
            &AuditEvent {
                actor: actor.audit_name(),
                action: "loan.waiver_undone".into(),
                subject: loan_subject(loan),
                detail: serde_json::json!({
                    "reference": reference,
                    "txn": u.txn,
                    "waived": what.word(),
                    "amount_cents": waived.cents(),
                    "note": u.note,
                    "date": as_of.to_string(),
                })
                .to_string(),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(Undone {
            reference,
            amount: waived,
            fees_left: state.fees,
            interest_left: state.interest,
            replayed: false,
        })
    }

    /// Waives fees or interest (`w.what`) as of the business date: the shared path of
    /// [`App::waive_fees`] and [`App::waive_interest`].
    async fn waive(
        &self,
        actor: &Actor,
        key: &str,
        w: &Asked<'_>,
    ) -> Result<Waived, ServicingError> {
        check_waiver(actor, key, w)?;
        let (loan, _) = self
            .loan_of_account(w.account)
            .await?
            .ok_or(ServicingError::NotFound)?;
        let record = self.loan_record(loan).await?;
        let today = self.business_date().await?;
        let now = self.now_us();
        let reference = new_reference("W");
        let hash = waiver_hash(w);
        let mut tx = self.store().begin().await?;
        if let Some(first) = claim(&mut tx, actor, key, &hash, &reference, now).await? {
            tx.commit().await?;
            let view = self.store().loan_view(w.account).await?;
            return Ok(Waived {
                reference: first,
                fees_left: view.as_ref().map_or(Money::ZERO, |v| v.snapshot.fees),
                interest_left: view.map_or(Money::ZERO, |v| v.snapshot.interest),
                replayed: true,
            });
        }
        // Checked and dated as of the date the books will be at: the business date, or a
        // later one when a close moved them on since it was read.
        let locked = LockedLoan::lock(&mut tx, loan).await?;
        let as_of = today.max(locked.books_as_of);
        let before = locked.state_at(&record.terms, as_of);
        let kind = match w.what {
            Waive::Fees => {
                if w.amount > before.fees {
                    return Err(ServicingError::MoreThanOutstanding {
                        outstanding: before.fees,
                    });
                }
                TxnKind::FeeWaiver { amount: w.amount }
            }
            Waive::Interest => {
                if w.amount > before.interest {
                    return Err(ServicingError::MoreThanInterest {
                        outstanding: before.interest,
                    });
                }
                TxnKind::InterestWaiver { amount: w.amount }
            }
        };
        let (txn, state) = locked
            .append(
                &mut tx,
                &record.terms,
                self.cycle(),
                as_of,
                kind,
                as_of,
                now,
            )
            .await?;
        // What the replay waived (the audit records what the books show, not what was asked).
        let waived = state
            .events
            .iter()
            .find_map(|e| match *e {
                LoanEvent::FeeWaived { txn: t, amount, .. }
                | LoanEvent::InterestWaived { txn: t, amount, .. }
                    if t == txn =>
                {
                    Some(amount)
                }
                _ => None,
            })
            .unwrap_or(Money::ZERO);
        tx.audit(
            &waiver_audit(actor, loan, w, waived, &reference, as_of),
            now,
        )
        .await?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(Waived {
            reference,
            fees_left: state.fees,
            interest_left: state.interest,
            replayed: false,
        })
    }
}

/// Checks a waiver before anything is read: the actor may waive fees and interest, the key
/// is well formed, the amount is positive, the note is at most 500 characters (in that
/// order: the first refusal is the one answered).
fn check_waiver(actor: &Actor, key: &str, w: &Asked<'_>) -> Result<(), ServicingError> {
    actor.require(Capability::WaiveFee)?;
    check_key(key).map_err(|_| ServicingError::BadKey)?;
    if !w.amount.is_positive() {
        return Err(ServicingError::NotPositive);
    }
    check_note(w.note)
}

/// The digest of a waiver request as sent, for its idempotency key (a fee waiver's digest is
/// what it was before interest waivers existed).
fn waiver_hash(w: &Asked<'_>) -> String {
    let kind = match w.what {
        Waive::Fees => "fee_waiver",
        Waive::Interest => "interest_waiver",
    };
    request_hash(&[
        kind,
        &w.account.to_string(),
        &w.amount.cents().to_string(),
        w.reason.as_str(),
        w.note,
    ])
}

/// The audit record of a waiver: who, on which loan, the reference, the amount, the reason,
/// the note and the date it is as of.
fn waiver_audit(
    actor: &Actor,
    loan: LoanId,
    w: &Asked<'_>,
    waived: Money,
    reference: &str,
    as_of: Date,
) -> AuditEvent {
    AuditEvent {
        actor: actor.audit_name(),
        action: match w.what {
            Waive::Fees => "loan.fees_waived",
            Waive::Interest => "loan.interest_waived",
        }
        .into(),
        subject: loan_subject(loan),
        detail: serde_json::json!({
            "reference": reference,
            "waived": w.what.word(),
            "amount_cents": waived.cents(),
            "asked_cents": w.amount.cents(),
            "reason": w.reason.as_str(),
            "note": w.note,
            "date": as_of.to_string(),
        })
        .to_string(),
    }
}
