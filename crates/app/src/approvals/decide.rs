//! A checker's side of four eyes: the requests listed, approved (one, or several of one kind),
//! rejected. A decision is claimed with a conditional change from pending and committed first,
//! so two checkers racing decide once; the approved action then runs as the checker under the
//! key `approval-{id}` (a re-run replays it) and its outcome is recorded. Each step is audited
//! with the maker and the checker.

use super::{Action, ApprovalError, Outcome, staff_of};
use crate::App;
use crate::access::{Actor, Capability};
use crate::servicing::ServicingError;
use domain::approval::{ApprovalOutcome, ApprovalState, CheckerRefusal, Party, may_decide};
use store::{Approval, ApprovalDecision, ApprovalId, ApprovalQuery, AuditEvent, StoreError};

/// The most requests a list returns.
pub const MOST_LISTED: i64 = 200;

/// The audit record of a step of request `a`, by `actor`, with what else it says.
fn audit(actor: &Actor, action: &str, a: &Approval, more: serde_json::Value) -> AuditEvent {
    let mut detail = serde_json::json!({
        "request": a.id.0,
        "kind": a.kind.as_str(),
        "amount_cents": a.amount.cents(),
        "maker": a.maker,
        "checker": actor.audit_name(),
    });
    if let (Some(d), serde_json::Value::Object(more)) = (detail.as_object_mut(), more) {
        d.extend(more);
    }
    AuditEvent {
        actor: actor.audit_name(),
        action: action.to_owned(),
        subject: format!("loan:{}", a.loan.0),
        detail: detail.to_string(),
    }
}

/// The action a stored request holds.
fn action_of(a: &Approval) -> Result<Action, StoreError> {
    serde_json::from_str::<serde_json::Value>(&a.payload)
        .map_err(|e| e.to_string())
        .and_then(|v| Action::from_json(&v).map_err(|e| e.to_string()))
        .map_err(|detail| StoreError::Corrupt {
            table: "approval_requests",
            detail: format!("request {}: {detail}", a.id.0),
        })
}

/// The outcome recorded for an approved request, if any.
fn recorded(a: &Approval) -> Option<Outcome> {
    match a.outcome? {
        ApprovalOutcome::Done => Some(Outcome::Done {
            reference: a.outcome_reference.clone().unwrap_or_default(),
            summary: a.summary.clone(),
        }),
        ApprovalOutcome::Failed => Some(Outcome::Failed {
            reason: a.outcome_message.clone().unwrap_or_default(),
        }),
    }
}

impl App {
    /// Requests for approval as `q` asks (at most [`MOST_LISTED`]), for an actor who may see
    /// accounts.
    pub async fn approval_requests(
        &self,
        actor: &Actor,
        q: ApprovalQuery,
    ) -> Result<Vec<Approval>, ApprovalError> {
        actor.require(Capability::ViewAccount)?;
        let q = ApprovalQuery {
            limit: q.limit.clamp(1, MOST_LISTED),
            ..q
        };
        Ok(self.store().approvals(&q).await?)
    }

    /// One request for approval, for an actor who may see accounts.
    pub async fn approval_request(
        &self,
        actor: &Actor,
        id: ApprovalId,
    ) -> Result<Approval, ApprovalError> {
        actor.require(Capability::ViewAccount)?;
        self.store()
            .approval(id)
            .await?
            .ok_or(ApprovalError::NotFound)
    }

    /// Approves request `id` as `checker` (who needs `Approve` and the action's own
    /// capability, and is not its maker), then runs the action as the checker against the
    /// loan as it is now and records what became of it: done, or refused with the reason. A
    /// request this checker approved whose action a crash interrupted runs again; one already
    /// finished answers its outcome.
    pub async fn approve(&self, checker: &Actor, id: ApprovalId) -> Result<Outcome, ApprovalError> {
        checker.require(Capability::Approve)?;
        let request = self
            .store()
            .approval(id)
            .await?
            .ok_or(ApprovalError::NotFound)?;
        checker.require(request.kind.capability())?;
        let action = action_of(&request)?;
        let name = checker.audit_name();
        let me = Party {
            name: &name,
            staff: staff_of(checker).map(|s| s.0),
        };
        let maker = Party {
            name: &request.maker,
            staff: request.maker_staff.map(|s| s.0),
        };
        let claimed = match may_decide(request.state, &maker, &me) {
            Err(CheckerRefusal::OwnRequest) => return Err(CheckerRefusal::OwnRequest.into()),
            Err(CheckerRefusal::Decided { .. }) => false,
            Ok(()) => {
                let now = self.now_us();
                let mut tx = self.store().begin().await?;
                let decision = ApprovalDecision {
                    state: ApprovalState::Approved,
                    checker: &name,
                    checker_staff: staff_of(checker),
                    reason: None,
                };
                let claimed = tx.decide_approval(id, &decision, now).await?;
                if claimed {
                    let event = audit(
                        checker,
                        "approval.approved",
                        &request,
                        serde_json::json!({}),
                    );
                    tx.audit(&event, now).await?;
                    tx.commit().await?;
                }
                claimed
            }
        };
        if !claimed {
            // Decided before, or by someone else just now: only this checker's own approval,
            // finished or not, answers here.
            let now_is = self
                .store()
                .approval(id)
                .await?
                .ok_or(ApprovalError::NotFound)?;
            let mine = now_is.checker_staff.map(|s| s.0) == me.staff
                && now_is.checker.as_deref() == Some(name.as_str());
            if now_is.state != ApprovalState::Approved || !mine {
                return Err(CheckerRefusal::Decided {
                    state: now_is.state,
                }
                .into());
            }
            if let Some(outcome) = recorded(&now_is) {
                return Ok(outcome);
            }
        }
        self.run_approved(checker, &request, &action).await
    }

    /// Runs an approved request's action as `checker` under the key `approval-{id}` and
    /// records its outcome. A failure of the store leaves it without one (the checker may run
    /// it again); a refusal is the outcome.
    async fn run_approved(
        &self,
        checker: &Actor,
        request: &Approval,
        action: &Action,
    ) -> Result<Outcome, ApprovalError> {
        let key = format!("approval-{}", request.id.0);
        let outcome = match self.dispatch(checker, &key, action).await {
            Ok((reference, summary)) => Outcome::Done { reference, summary },
            Err(ServicingError::Store(e)) => return Err(e.into()),
            Err(refusal) => Outcome::Failed {
                reason: refusal.to_string(),
            },
        };
        let (state, reference, message, step) = match &outcome {
            Outcome::Done { reference, .. } => (
                ApprovalOutcome::Done,
                Some(reference.as_str()),
                None,
                "approval.done",
            ),
            Outcome::Failed { reason } => (
                ApprovalOutcome::Failed,
                None,
                Some(reason.as_str()),
                "approval.failed",
            ),
        };
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        if tx
            .finish_approval(request.id, state, reference, message, now)
            .await?
        {
            let more = serde_json::json!({
                "outcome": state.as_str(),
                "reference": reference,
                "message": message,
            });
            tx.audit(&audit(checker, step, request, more), now).await?;
        }
        tx.commit().await?;
        Ok(outcome)
    }

    /// Approves several requests of one kind (the inbox's "Approve selected"), each as
    /// [`App::approve`] does: what became of each, in the order given. Requests of different
    /// kinds are refused together, and nothing is approved.
    pub async fn approve_many(
        &self,
        checker: &Actor,
        ids: &[ApprovalId],
    ) -> Result<Vec<(ApprovalId, Result<Outcome, ApprovalError>)>, ApprovalError> {
        checker.require(Capability::Approve)?;
        let mut kind = None;
        for id in ids {
            if let Some(a) = self.store().approval(*id).await? {
                if kind.is_some_and(|k| k != a.kind) {
                    return Err(ApprovalError::MixedKinds);
                }
                kind = Some(a.kind);
            }
        }
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.push((*id, self.approve(checker, *id).await));
        }
        Ok(out)
    }

    /// Rejects request `id` as `checker` (who needs `Approve` and the action's capability,
    /// and is not its maker), saying why: nothing else changes; the maker sees the reason.
    pub async fn reject(
        &self,
        checker: &Actor,
        id: ApprovalId,
        reason: &str,
    ) -> Result<(), ApprovalError> {
        checker.require(Capability::Approve)?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(ApprovalError::NoReason);
        }
        if reason.chars().count() > 500 {
            return Err(ApprovalError::ReasonTooLong);
        }
        let request = self
            .store()
            .approval(id)
            .await?
            .ok_or(ApprovalError::NotFound)?;
        checker.require(request.kind.capability())?;
        let name = checker.audit_name();
        let me = Party {
            name: &name,
            staff: staff_of(checker).map(|s| s.0),
        };
        let maker = Party {
            name: &request.maker,
            staff: request.maker_staff.map(|s| s.0),
        };
        may_decide(request.state, &maker, &me)?;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let decision = ApprovalDecision {
            state: ApprovalState::Rejected,
            checker: &name,
            checker_staff: staff_of(checker),
            reason: Some(reason),
        };
        if !tx.decide_approval(id, &decision, now).await? {
            let state = tx
                .approval(id)
                .await?
                .map_or(ApprovalState::Rejected, |a| a.state);
            return Err(CheckerRefusal::Decided { state }.into());
        }
        let more = serde_json::json!({ "reason": reason });
        tx.audit(&audit(checker, "approval.rejected", &request, more), now)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Does `action` as `actor` under `key`: the action's reference and summary.
    pub(crate) async fn dispatch(
        &self,
        actor: &Actor,
        key: &str,
        action: &Action,
    ) -> Result<(String, String), ServicingError> {
        let reference = match action {
            Action::WaiveFees(w) => self.waive_fees(actor, key, w).await?.reference,
            Action::WaiveInterest(w) => self.waive_interest(actor, key, w).await?.reference,
            Action::UndoWaiver(u) => self.undo_waiver(actor, key, u).await?.reference,
            Action::ReversePayment(r) => self.reverse_payment(actor, key, r).await?.reference,
            Action::MovePayment(m) => self.move_payment(actor, key, m).await?.reference,
            Action::ChangeDueDate(d) => self.change_due_date(actor, key, d).await?.reference,
            Action::Refund(r) => self.refund(actor, key, r).await?.reference,
        };
        Ok((reference, action.summary()))
    }
}
