//! Servicing actions: what staff do to fix a loan, each a dated transaction appended to the
//! loan's history through the one posting path ([`crate::payments::posting::LockedLoan`]),
//! so the replay re-splits everything after it and the books are restated exactly. Each is
//! idempotent under the caller's key, checked against the actor's capability, and audited
//! with the typed actor and the reason. The first is waiving fees; reversals, moves, interest
//! waivers and terms amendments (ADR 0021) follow the same path.

use crate::App;
use crate::access::{Actor, Capability, Denied};
use crate::payments::idempotency::{check_key, request_hash, scoped};
use crate::payments::posting::LockedLoan;
use domain::account_number::AccountNumber;
use domain::loan::{LoanEvent, TxnKind};
use money::Money;
use store::{AuditEvent, KeyClaim, StoreError};

/// Why fees are waived: recorded with the waiver and reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WaiverReason {
    /// The fee was charged because of our mistake (a payment posted late, a wrong date).
    ServicerError,
    /// The borrower is in hardship.
    Hardship,
    /// A courtesy to a borrower in good standing.
    Goodwill,
}

impl WaiverReason {
    /// Every reason.
    pub const ALL: [WaiverReason; 3] = [
        WaiverReason::ServicerError,
        WaiverReason::Hardship,
        WaiverReason::Goodwill,
    ];

    /// The reason's code, as forms, the API and the audit log have it.
    pub const fn as_str(self) -> &'static str {
        match self {
            WaiverReason::ServicerError => "servicer_error",
            WaiverReason::Hardship => "hardship",
            WaiverReason::Goodwill => "goodwill",
        }
    }

    /// The reason with code `text`.
    pub fn parse(text: &str) -> Option<WaiverReason> {
        WaiverReason::ALL
            .into_iter()
            .find(|r| r.as_str() == text.trim())
    }
}

/// A request to waive fees on a loan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeeWaiver {
    /// The loan.
    pub account: AccountNumber,
    /// How much (at most the fees outstanding).
    pub amount: Money,
    /// Why.
    pub reason: WaiverReason,
    /// What the staff member wants the next reader to know (at most 500 characters).
    pub note: String,
}

/// What waiving did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Waived {
    /// The waiver's reference (quoted to the borrower; the audit record carries it).
    pub reference: String,
    /// The fees still outstanding afterwards (as of the business date; for a replay, now).
    pub fees_left: Money,
    /// The same request was made before with this key; nothing new happened.
    pub replayed: bool,
}

/// Why a servicing action was refused. Each refusal names the rule; nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum ServicingError {
    /// The actor lacks the capability.
    #[error(transparent)]
    Denied(#[from] Denied),
    /// No loan has this account number.
    #[error("no loan has this account number")]
    NotFound,
    /// The idempotency key is malformed.
    #[error("send an idempotency key of 8 to 128 visible ASCII characters")]
    BadKey,
    /// The key was used before for a different request.
    #[error("this idempotency key was already used for a different request")]
    KeyReused,
    /// The amount is zero or negative.
    #[error("enter an amount greater than zero")]
    NotPositive,
    /// More than the fees outstanding.
    #[error("only {} in fees is outstanding", outstanding.usd())]
    MoreThanOutstanding {
        /// The fees outstanding.
        outstanding: Money,
    },
    /// The note is too long.
    #[error("keep the note to 500 characters")]
    NoteTooLong,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
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
        check_waiver(actor, key, w)?;
        let (loan, _) = self
            .loan_of_account(w.account)
            .await?
            .ok_or(ServicingError::NotFound)?;
        let record = self.loan_record(loan).await?;
        let today = self.business_date().await?;
        let now = self.now_us();
        let reference = crate::payments::confirmation_number().replacen('P', "W", 1);
        let hash = waiver_hash(w);
        let mut tx = self.store().begin().await?;
        let claim = tx
            .claim_key(&scoped(&actor.audit_name(), key), &hash, &reference, now)
            .await?;
        let reference = match claim {
            KeyClaim::Conflict => return Err(ServicingError::KeyReused),
            KeyClaim::Replay(first) => {
                tx.commit().await?;
                let view = self.store().loan_view(w.account).await?;
                return Ok(Waived {
                    reference: first,
                    fees_left: view.map_or(Money::ZERO, |v| v.snapshot.fees),
                    replayed: true,
                });
            }
            KeyClaim::New => reference,
        };
        // Checked and dated as of the date the books will be at: the business date, or a
        // later one when a close moved them on since it was read.
        let locked = LockedLoan::lock(&mut tx, loan).await?;
        let as_of = today.max(locked.books_as_of);
        let outstanding = locked.state_at(&record.terms, as_of).fees;
        if w.amount > outstanding {
            return Err(ServicingError::MoreThanOutstanding { outstanding });
        }
        let (txn, state) = locked
            .append(
                &mut tx,
                &record.terms,
                self.cycle(),
                as_of,
                TxnKind::FeeWaiver { amount: w.amount },
                as_of,
                now,
            )
            .await?;
        // What the replay waived (the audit records what the books show, not what was asked).
        let waived = state
            .events
            .iter()
            .find_map(|e| match e {
                LoanEvent::FeeWaived { txn: t, amount, .. } if *t == txn => Some(*amount),
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
            replayed: false,
        })
    }
}

/// Checks a waiver before anything is read: the actor may waive fees, the key is well
/// formed, the amount is positive, the note is at most 500 characters (in that order: the
/// first refusal is the one answered).
fn check_waiver(actor: &Actor, key: &str, w: &FeeWaiver) -> Result<(), ServicingError> {
    actor.require(Capability::WaiveFee)?;
    check_key(key).map_err(|_| ServicingError::BadKey)?;
    if !w.amount.is_positive() {
        return Err(ServicingError::NotPositive);
    }
    if w.note.chars().count() > 500 {
        return Err(ServicingError::NoteTooLong);
    }
    Ok(())
}

/// The digest of a waiver request as sent, for its idempotency key.
fn waiver_hash(w: &FeeWaiver) -> String {
    request_hash(&[
        "fee_waiver",
        &w.account.to_string(),
        &w.amount.cents().to_string(),
        w.reason.as_str(),
        &w.note,
    ])
}

/// The audit record of a waiver: who, on which loan, the reference, the amount, the reason,
/// the note and the date it is as of.
fn waiver_audit(
    actor: &Actor,
    loan: store::LoanId,
    w: &FeeWaiver,
    waived: Money,
    reference: &str,
    as_of: jiff::civil::Date,
) -> AuditEvent {
    AuditEvent {
        actor: actor.audit_name(),
        action: "loan.fees_waived".into(),
        subject: format!("loan:{}", loan.0),
        detail: serde_json::json!({
            "reference": reference,
            "amount_cents": waived.cents(),
            "asked_cents": w.amount.cents(),
            "reason": w.reason.as_str(),
            "note": w.note,
            "date": as_of.to_string(),
        })
        .to_string(),
    }
}
