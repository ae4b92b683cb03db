//! Four eyes (issue 20, item 5; ADR 0025): every servicing action staff ask for goes through
//! [`App::submit`]. When the maker may not do it themself, or their role's threshold for it is
//! reached (configuration, `[approvals]`), it is kept as a pending request until a second
//! person with the capability approves it ([`App::approve`], which runs the action as the
//! checker, re-checked against the loan as it is then) or rejects it ([`App::reject`]);
//! otherwise it is done at once. The maker never decides their own request. Every step is
//! audited with the maker and the checker. Console pages and API routes call `submit`, never
//! the actions themselves, so four eyes cannot be skipped.

mod decide;
mod payload;

pub use decide::MOST_LISTED;
pub use domain::approval::{
    ActionKind, ApprovalOutcome, ApprovalState, CheckerRefusal, Thresholds,
};
pub use payload::PayloadError;
pub use store::{Approval, ApprovalId, ApprovalQuery};

use crate::App;
use crate::access::{Actor, Capability, Denied, Role};
use crate::due_date::DueDateChange;
use crate::payments::idempotency::{check_key, request_hash, scoped};
use crate::refunds::RefundRequest;
use crate::servicing::{
    FeeWaiver, InterestWaiver, PaymentMove, PaymentReversal, ServicingError, WaiverUndo,
};
use domain::approval::needs_approval;
use domain::loan::TxnKind;
use money::Money;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use store::{AuditEvent, KeyClaim, LoanId, NewApproval, StoreError};

/// A servicing action, as a maker asks for it.
#[derive(Clone, Debug)]
pub enum Action {
    /// Waive fees.
    WaiveFees(FeeWaiver),
    /// Waive accrued interest.
    WaiveInterest(InterestWaiver),
    /// Undo a fee or interest waiver.
    UndoWaiver(WaiverUndo),
    /// Reverse a posted payment.
    ReversePayment(PaymentReversal),
    /// Move a payment to the loan it was meant for.
    MovePayment(PaymentMove),
    /// Change the due date.
    ChangeDueDate(DueDateChange),
    /// Refund money held for the borrower.
    Refund(RefundRequest),
}

/// What submitting an action did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Submitted {
    /// It needed no approval and was done (or was done before under the same key).
    Done {
        /// The action's reference.
        reference: String,
        /// What was done, in plain words.
        summary: String,
    },
    /// It waits for a second person's approval.
    Awaiting {
        /// The request.
        request: ApprovalId,
    },
}

/// What became of an approved request's action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// It was done.
    Done {
        /// The action's reference.
        reference: String,
        /// What was done, in plain words.
        summary: String,
    },
    /// It was refused when it ran (the loan was no longer as it was when it was asked for).
    Failed {
        /// The refusal, in plain words.
        reason: String,
    },
}

/// Why a request could not be submitted, decided or read. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum ApprovalError {
    /// The actor lacks the capability.
    #[error(transparent)]
    Denied(#[from] Denied),
    /// The action was refused (checked before it was kept as a request, or when it was done at
    /// once).
    #[error(transparent)]
    Action(#[from] ServicingError),
    /// No request has this id.
    #[error("no request for approval has this id")]
    NotFound,
    /// The checker may not decide this request (their own, or decided already).
    #[error(transparent)]
    Refused(#[from] CheckerRefusal),
    /// A rejection without a reason.
    #[error("say why the request is rejected: the maker reads it")]
    NoReason,
    /// A reason longer than 500 characters.
    #[error("keep the reason to 500 characters")]
    ReasonTooLong,
    /// Requests of different kinds approved together.
    #[error("approve requests of one kind at a time")]
    MixedKinds,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// `[approvals]` in the configuration: each role's threshold for each kind of action, in
/// dollars ("2500.00": approval is needed from that amount; "0.00": always) or "never".
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ApprovalSettings {
    /// `[approvals.agent]`
    pub agent: RoleThresholds,
    /// `[approvals.supervisor]`
    pub supervisor: RoleThresholds,
    /// `[approvals.admin]`
    pub admin: RoleThresholds,
}

impl Default for ApprovalSettings {
    fn default() -> Self {
        ApprovalSettings {
            agent: RoleThresholds::of(Role::Agent),
            supervisor: RoleThresholds::of(Role::Supervisor),
            admin: RoleThresholds::of(Role::Admin),
        }
    }
}

/// One role's thresholds, a key per kind of action: dollars, or "never".
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RoleThresholds {
    /// Waiving fees.
    pub waive_fees: String,
    /// Waiving interest.
    pub waive_interest: String,
    /// Undoing a waiver.
    pub undo_waiver: String,
    /// Reversing a payment.
    pub reverse_payment: String,
    /// Moving a payment.
    pub move_payment: String,
    /// Changing a due date.
    pub change_due_date: String,
    /// Refunding.
    pub refund: String,
    /// A payment taken by phone.
    pub phone_payment: String,
}

impl Default for RoleThresholds {
    fn default() -> Self {
        RoleThresholds::of(Role::Agent)
    }
}

impl RoleThresholds {
    /// The default thresholds of `role`, as the configuration writes them.
    fn of(role: Role) -> RoleThresholds {
        let d = Thresholds::default();
        let word = |kind: ActionKind| {
            d.get(kind, role)
                .map_or_else(|| NEVER.to_owned(), |m| m.to_string())
        };
        RoleThresholds {
            waive_fees: word(ActionKind::WaiveFees),
            waive_interest: word(ActionKind::WaiveInterest),
            undo_waiver: word(ActionKind::UndoWaiver),
            reverse_payment: word(ActionKind::ReversePayment),
            move_payment: word(ActionKind::MovePayment),
            change_due_date: word(ActionKind::ChangeDueDate),
            refund: word(ActionKind::Refund),
            phone_payment: word(ActionKind::PhonePayment),
        }
    }

    /// Each kind with its text.
    fn entries(&self) -> [(ActionKind, &str); 8] {
        [
            (ActionKind::WaiveFees, &self.waive_fees),
            (ActionKind::WaiveInterest, &self.waive_interest),
            (ActionKind::UndoWaiver, &self.undo_waiver),
            (ActionKind::ReversePayment, &self.reverse_payment),
            (ActionKind::MovePayment, &self.move_payment),
            (ActionKind::ChangeDueDate, &self.change_due_date),
            (ActionKind::Refund, &self.refund),
            (ActionKind::PhonePayment, &self.phone_payment),
        ]
    }
}

/// The word for a threshold that is never reached.
const NEVER: &str = "never";

impl ApprovalSettings {
    /// The thresholds these settings give, or what is wrong with one (the configuration
    /// refuses to start with it).
    pub fn thresholds(&self) -> Result<Thresholds, String> {
        let mut t = Thresholds::default();
        for (role, row) in [
            (Role::Agent, &self.agent),
            (Role::Supervisor, &self.supervisor),
            (Role::Admin, &self.admin),
        ] {
            for (kind, text) in row.entries() {
                let text = text.trim();
                let threshold = if text.eq_ignore_ascii_case(NEVER) {
                    None
                } else {
                    let amount = Money::parse(text).ok().filter(|m| !m.is_negative());
                    Some(amount.ok_or_else(|| {
                        format!(
                            "approvals.{role}.{kind} {text:?}: write dollars and cents like \"2500.00\" (\"0.00\": always), or \"never\""
                        )
                    })?)
                };
                t = t.with(kind, role, threshold);
            }
        }
        Ok(t)
    }
}

/// A staff actor's role (the thresholds are per role); anyone else has none.
fn role_of(actor: &Actor) -> Option<Role> {
    match actor {
        Actor::Staff { role, .. } => Some(*role),
        _ => None,
    }
}

/// The staff user acting, when one is.
fn staff_of(actor: &Actor) -> Option<store::StaffId> {
    match actor {
        Actor::Staff { id, .. } => Some(*id),
        _ => None,
    }
}

impl App {
    /// The same application asking for approval by these thresholds.
    pub fn with_approvals(mut self, thresholds: Thresholds) -> App {
        self.approvals = Arc::new(thresholds);
        self
    }

    /// The thresholds in force.
    pub fn approval_thresholds(&self) -> &Thresholds {
        &self.approvals
    }

    /// Whether a staff payment by phone of `amount` taken by `actor` needs a second person's
    /// approval (the phone desk asks before taking it).
    pub fn phone_payment_needs_approval(&self, actor: &Actor, amount: Money) -> bool {
        needs_approval(
            &self.approvals,
            ActionKind::PhonePayment,
            role_of(actor),
            actor.may(Capability::TakePayment),
            amount,
        )
    }

    /// Submits `action` for `actor`, idempotently under `key`: done at once when it needs no
    /// approval (the action's own checks and refusals apply), otherwise kept as a pending
    /// request (after the checks that need no second person: the loan exists, the amount is
    /// positive, the payment or waiver is the loan's, the note is short enough) and audited
    /// as `approval.requested`. The actor needs `RequestAction` or the action's capability.
    pub async fn submit(
        &self,
        actor: &Actor,
        key: &str,
        action: Action,
    ) -> Result<Submitted, ApprovalError> {
        let kind = action.kind();
        let may_do = actor.may(kind.capability());
        if !may_do {
            actor.require(Capability::RequestAction)?;
        }
        check_key(key).map_err(|_| ServicingError::BadKey)?;
        let (loan, amount) = self.requested_amount(&action).await?;
        if !needs_approval(&self.approvals, kind, role_of(actor), may_do, amount) {
            let (reference, summary) = self.dispatch(actor, key, &action).await?;
            return Ok(Submitted::Done { reference, summary });
        }
        let payload = action.to_json().to_string();
        let summary = action.summary();
        let hash = request_hash(&["approval", kind.as_str(), &payload]);
        let reference = crate::payments::confirmation_number().replacen('P', "A", 1);
        let maker = actor.audit_name();
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        match tx
            .claim_key(&scoped(&maker, key), &hash, &reference, now)
            .await?
        {
            KeyClaim::Conflict => return Err(ServicingError::KeyReused.into()),
            KeyClaim::Replay(first) => {
                // A key claimed with a request's digest is claimed in the transaction that
                // writes the request, under its reference.
                let found = tx.approval_by_reference(&first).await?;
                tx.commit().await?;
                return match found {
                    Some(a) => Ok(Submitted::Awaiting { request: a.id }),
                    None => Err(ServicingError::KeyReused.into()),
                };
            }
            KeyClaim::New => {}
        }
        let new = NewApproval {
            reference: &reference,
            kind,
            loan,
            amount,
            summary: &summary,
            payload: &payload,
            maker: &maker,
            maker_staff: staff_of(actor),
        };
        let id = tx.insert_approval(&new, now).await?;
        let detail = serde_json::json!({
            "request": id.0,
            "reference": reference,
            "kind": kind.as_str(),
            "amount_cents": amount.cents(),
            "summary": summary,
            "maker": maker,
        });
        tx.audit(
            &AuditEvent {
                actor: maker.clone(),
                action: "approval.requested".into(),
                subject: format!("loan:{}", loan.0),
                detail: detail.to_string(),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(Submitted::Awaiting { request: id })
    }

    /// The loan an action is on and the amount its thresholds are read against, after the
    /// checks that need no second person: the loan exists, the note is at most 500
    /// characters, a waiver's or refund's amount is positive, a reversed or moved payment is
    /// the loan's, an undone waiver is one of the loan's waivers.
    async fn requested_amount(&self, action: &Action) -> Result<(LoanId, Money), ApprovalError> {
        if action.note().chars().count() > 500 {
            return Err(ServicingError::NoteTooLong.into());
        }
        let (loan, _) = self
            .loan_of_account(action.account())
            .await?
            .ok_or(ServicingError::NotFound)?;
        let positive = |amount: Money| {
            if amount.is_positive() {
                Ok((loan, amount))
            } else {
                Err(ApprovalError::Action(ServicingError::NotPositive))
            }
        };
        match action {
            Action::WaiveFees(w) => positive(w.amount),
            Action::WaiveInterest(w) => positive(w.amount),
            Action::Refund(r) => positive(r.amount),
            Action::ChangeDueDate(_) => Ok((loan, Money::ZERO)),
            Action::ReversePayment(PaymentReversal { payment, .. })
            | Action::MovePayment(PaymentMove { payment, .. }) => {
                match self.store().payment_row(*payment).await? {
                    Some(p) if p.loan == loan => Ok((loan, p.amount)),
                    _ => Err(ServicingError::PaymentNotFound.into()),
                }
            }
            Action::UndoWaiver(u) => {
                let history = self.store().history(loan).await?;
                let waived = history
                    .iter()
                    .filter(|t| u64::try_from(u.txn).is_ok_and(|id| id == t.id.0))
                    .find_map(|t| match &t.kind {
                        TxnKind::FeeWaiver { amount } | TxnKind::InterestWaiver { amount } => {
                            Some(*amount)
                        }
                        _ => None,
                    });
                match waived {
                    Some(amount) => Ok((loan, amount)),
                    None => Err(ServicingError::WaiverNotFound.into()),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_settings_are_the_default_thresholds() {
        let settings = ApprovalSettings::default();
        assert_eq!(settings.thresholds().unwrap(), Thresholds::default());
        assert_eq!(settings.agent.waive_fees, "0.00");
        assert_eq!(settings.agent.phone_payment, "2500.00");
        assert_eq!(settings.supervisor.phone_payment, "never");
    }

    #[test]
    fn a_threshold_is_dollars_or_never_and_anything_else_is_named() {
        let mut settings = ApprovalSettings::default();
        settings.supervisor.waive_fees = " 50.00 ".into();
        settings.admin.change_due_date = "Never".into();
        let t = settings.thresholds().unwrap();
        assert_eq!(
            t.get(ActionKind::WaiveFees, Role::Supervisor),
            Some(Money::from_cents(5_000))
        );
        assert_eq!(t.get(ActionKind::ChangeDueDate, Role::Admin), None);
        assert_eq!(t.get(ActionKind::WaiveFees, Role::Agent), Some(Money::ZERO));
        for bad in ["-1.00", "lots", ""] {
            settings.agent.refund = bad.into();
            let e = settings.thresholds().unwrap_err();
            assert!(e.starts_with("approvals.agent.refund"), "{e}");
        }
    }

    #[test]
    fn only_staff_have_a_role_for_the_thresholds() {
        let lead = Actor::Staff {
            id: store::StaffId(3),
            role: Role::Supervisor,
        };
        assert_eq!(role_of(&lead), Some(Role::Supervisor));
        assert_eq!(staff_of(&lead), Some(store::StaffId(3)));
        assert_eq!(role_of(&Actor::System("cob")), None);
        assert_eq!(staff_of(&Actor::Operator("board")), None);
    }
}
