//! Four eyes: which staff actions a second person must approve, and who may decide a request.
//!
//! A threshold is set per kind of action and per role: none, the role's action never needs
//! approval; an amount, it needs approval when the action's amount is at least that much (so
//! zero means always). Whatever the thresholds say, an action the maker's role may not do
//! itself is a request for someone who may. The maker never decides their own request.

use crate::access::{Capability, Role};
use crate::vocabulary::vocabulary;
use money::Money;

vocabulary! {
    /// A kind of staff action that may need a second person's approval.
    pub enum ActionKind {
        /// Waive fees on a loan.
        WaiveFees = "waive_fees",
        /// Waive accrued interest on a loan.
        WaiveInterest = "waive_interest",
        /// Undo an earlier fee or interest waiver.
        UndoWaiver = "undo_waiver",
        /// Reverse a posted payment.
        ReversePayment = "reverse_payment",
        /// Move a payment posted to the wrong loan.
        MovePayment = "move_payment",
        /// Change a loan's due date.
        ChangeDueDate = "change_due_date",
        /// Refund money held for the borrower.
        Refund = "refund",
        /// Take a payment by phone.
        PhonePayment = "phone_payment",
    }
}

impl ActionKind {
    /// The capability a person needs to do this kind of action (and so to approve it).
    pub const fn capability(self) -> Capability {
        match self {
            ActionKind::WaiveFees | ActionKind::WaiveInterest | ActionKind::UndoWaiver => {
                Capability::WaiveFee
            }
            ActionKind::ReversePayment | ActionKind::MovePayment | ActionKind::Refund => {
                Capability::ReversePayment
            }
            ActionKind::ChangeDueDate => Capability::ChangeDueDate,
            ActionKind::PhonePayment => Capability::TakePayment,
        }
    }

    /// Its name in plain words, for the inbox ("Waive fees").
    pub const fn describe(self) -> &'static str {
        match self {
            ActionKind::WaiveFees => "Waive fees",
            ActionKind::WaiveInterest => "Waive interest",
            ActionKind::UndoWaiver => "Undo a waiver",
            ActionKind::ReversePayment => "Reverse a payment",
            ActionKind::MovePayment => "Move a payment",
            ActionKind::ChangeDueDate => "Change the due date",
            ActionKind::Refund => "Refund",
            ActionKind::PhonePayment => "Payment by phone",
        }
    }

    /// Its position in [`ActionKind::ALL`].
    const fn index(self) -> usize {
        match self {
            ActionKind::WaiveFees => 0,
            ActionKind::WaiveInterest => 1,
            ActionKind::UndoWaiver => 2,
            ActionKind::ReversePayment => 3,
            ActionKind::MovePayment => 4,
            ActionKind::ChangeDueDate => 5,
            ActionKind::Refund => 6,
            ActionKind::PhonePayment => 7,
        }
    }
}

/// How many kinds of action there are.
const KINDS: usize = 8;

vocabulary! {
    /// Where a request for approval is.
    pub enum ApprovalState {
        /// Waiting for a checker.
        Pending = "pending",
        /// A checker approved it (the action then runs as the checker).
        Approved = "approved",
        /// A checker rejected it: nothing was done.
        Rejected = "rejected",
    }
}

vocabulary! {
    /// What became of an approved request's action.
    pub enum ApprovalOutcome {
        /// The action was done.
        Done = "done",
        /// The action was refused when it ran (re-checked against the loan as it was then).
        Failed = "failed",
    }
}

/// The position of `role` in the thresholds' rows.
const fn role_index(role: Role) -> usize {
    match role {
        Role::Agent => 0,
        Role::Supervisor => 1,
        Role::Admin => 2,
    }
}

/// The default threshold of a staff payment by phone: $2,500.00.
pub const PHONE_PAYMENT_THRESHOLD: Money = Money::from_cents(250_000);

/// The thresholds of every kind of action for every role: `None`, never needs approval;
/// `Some(x)`, needs approval when the amount is at least `x`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Thresholds {
    by_role: [[Option<Money>; KINDS]; 3],
}

impl Default for Thresholds {
    /// Every action by every role needs approval (four eyes always), but a payment by phone:
    /// an agent takes one alone below [`PHONE_PAYMENT_THRESHOLD`] and hands a larger one to a
    /// supervisor, who takes it (the caller's consent is live on the call, so it cannot wait
    /// in an inbox).
    fn default() -> Self {
        let row = [Some(Money::ZERO); KINDS];
        let mut thresholds = Thresholds { by_role: [row; 3] };
        for (role, threshold) in [
            (Role::Agent, Some(PHONE_PAYMENT_THRESHOLD)),
            (Role::Supervisor, None),
            (Role::Admin, None),
        ] {
            thresholds = thresholds.with(ActionKind::PhonePayment, role, threshold);
        }
        thresholds
    }
}

impl Thresholds {
    /// No action ever needs approval (for tests and single-person demos).
    pub fn never() -> Thresholds {
        Thresholds {
            by_role: [[None; KINDS]; 3],
        }
    }

    /// The threshold of `kind` for `role`.
    pub fn get(&self, kind: ActionKind, role: Role) -> Option<Money> {
        self.by_role[role_index(role)][kind.index()]
    }

    /// The same thresholds with `kind` for `role` set to `threshold`.
    pub fn with(mut self, kind: ActionKind, role: Role, threshold: Option<Money>) -> Thresholds {
        self.by_role[role_index(role)][kind.index()] = threshold;
        self
    }

    /// Whether `kind` of `amount` by someone of `role` needs a second person by the thresholds
    /// alone (see [`needs_approval`] for the whole rule).
    pub fn over(&self, kind: ActionKind, role: Role, amount: Money) -> bool {
        self.get(kind, role).is_some_and(|t| amount >= t)
    }
}

/// Whether an action needs a second person's approval: when the maker may not do it
/// themself (`may_do` false), or when their role's threshold for it is reached. A maker
/// without a role (the system, an operator at the server) who may do it never needs one.
pub fn needs_approval(
    thresholds: &Thresholds,
    kind: ActionKind,
    role: Option<Role>,
    may_do: bool,
    amount: Money,
) -> bool {
    !may_do || role.is_some_and(|r| thresholds.over(kind, r, amount))
}

/// Someone who makes or decides a request: the name the audit log knows them by and, for a
/// staff user, their id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Party<'a> {
    /// As the audit log names them (`staff:3`, `client:crm`).
    pub name: &'a str,
    /// The staff user's id, when a staff user.
    pub staff: Option<i64>,
}

impl Party<'_> {
    /// Whether `other` is the same person: the same staff user, or (for anyone else) the
    /// same name.
    pub fn is(&self, other: &Party<'_>) -> bool {
        match (self.staff, other.staff) {
            (Some(a), Some(b)) => a == b,
            _ => self.name == other.name,
        }
    }
}

/// Why a checker may not decide a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CheckerRefusal {
    /// The checker made the request.
    #[error("you made this request: another person must approve or reject it")]
    OwnRequest,
    /// The request was decided already.
    #[error("this request was already {}", state.as_str())]
    Decided {
        /// Where it is.
        state: ApprovalState,
    },
}

/// Whether `checker` may decide (approve or reject) a request `maker` made, now in `state`:
/// never their own, and only while it is pending. (The capabilities are checked by the caller:
/// `Approve`, and the action's own.)
pub fn may_decide(
    state: ApprovalState,
    maker: &Party<'_>,
    checker: &Party<'_>,
) -> Result<(), CheckerRefusal> {
    if maker.is(checker) {
        return Err(CheckerRefusal::OwnRequest);
    }
    if state != ApprovalState::Pending {
        return Err(CheckerRefusal::Decided { state });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::texts;

    #[test]
    fn the_stored_words_are_the_schemas() {
        // approval_requests CHECKs in migrations/{sqlite,postgres}/0029_approvals.sql.
        assert_eq!(
            texts(ActionKind::ALL, ActionKind::as_str),
            [
                "waive_fees",
                "waive_interest",
                "undo_waiver",
                "reverse_payment",
                "move_payment",
                "change_due_date",
                "refund",
                "phone_payment"
            ]
        );
        assert_eq!(
            texts(ApprovalState::ALL, ApprovalState::as_str),
            ["pending", "approved", "rejected"]
        );
        assert_eq!(
            texts(ApprovalOutcome::ALL, ApprovalOutcome::as_str),
            ["done", "failed"]
        );
        assert_eq!(ActionKind::ALL.len(), KINDS);
        for (n, k) in ActionKind::ALL.iter().enumerate() {
            assert_eq!(k.index(), n, "{k}");
            assert_eq!(ActionKind::parse(k.as_str()), Some(*k));
            assert!(!k.describe().is_empty());
        }
    }

    #[test]
    fn by_default_everything_needs_approval_but_phone_payments_below_an_agents_limit() {
        let t = Thresholds::default();
        let small = Money::from_cents(1);
        for role in Role::ALL {
            for k in ActionKind::ALL {
                if *k == ActionKind::PhonePayment {
                    continue;
                }
                assert!(t.over(*k, role, small), "{k} by {role}");
                assert!(t.over(*k, role, Money::ZERO), "{k} by {role}");
            }
        }
        // An agent takes a payment by phone alone below the limit; a supervisor or an admin
        // takes any (the caller's consent is live: it cannot wait in an inbox).
        let phone = ActionKind::PhonePayment;
        assert!(!t.over(phone, Role::Agent, Money::from_cents(249_999)));
        assert!(t.over(phone, Role::Agent, PHONE_PAYMENT_THRESHOLD));
        for role in [Role::Supervisor, Role::Admin] {
            assert!(
                !t.over(phone, role, Money::from_cents(10_000_000)),
                "{role}"
            );
        }
    }

    #[test]
    fn a_threshold_is_reached_at_its_amount_and_none_never_is() {
        let t = Thresholds::never()
            .with(
                ActionKind::WaiveFees,
                Role::Supervisor,
                Some(Money::from_cents(5_000)),
            )
            .with(ActionKind::Refund, Role::Agent, Some(Money::ZERO));
        let (fees, lead) = (ActionKind::WaiveFees, Some(Role::Supervisor));
        assert!(!needs_approval(
            &t,
            fees,
            lead,
            true,
            Money::from_cents(4_999)
        ));
        assert!(needs_approval(
            &t,
            fees,
            lead,
            true,
            Money::from_cents(5_000)
        ));
        assert!(!needs_approval(
            &t,
            fees,
            Some(Role::Admin),
            true,
            Money::from_cents(9_999)
        ));
        // Whatever the thresholds say, someone who may not do it asks someone who may.
        assert!(needs_approval(
            &t,
            fees,
            Some(Role::Admin),
            false,
            Money::ZERO
        ));
        // The system and operators who may do it never ask.
        assert!(!needs_approval(
            &Thresholds::default(),
            fees,
            None,
            true,
            Money::from_cents(1_000_000)
        ));
        assert_eq!(t.get(ActionKind::Refund, Role::Agent), Some(Money::ZERO));
        assert_eq!(t.get(ActionKind::Refund, Role::Admin), None);
    }

    #[test]
    fn the_maker_never_decides_their_own_request_and_a_decided_one_stays_decided() {
        let agent = Party {
            name: "staff:3",
            staff: Some(3),
        };
        let lead = Party {
            name: "staff:4",
            staff: Some(4),
        };
        let client = Party {
            name: "client:crm",
            staff: None,
        };
        assert_eq!(
            may_decide(ApprovalState::Pending, &agent, &agent),
            Err(CheckerRefusal::OwnRequest)
        );
        assert_eq!(
            may_decide(ApprovalState::Pending, &client, &client),
            Err(CheckerRefusal::OwnRequest)
        );
        assert_eq!(may_decide(ApprovalState::Pending, &agent, &lead), Ok(()));
        assert_eq!(may_decide(ApprovalState::Pending, &client, &lead), Ok(()));
        let decided = may_decide(ApprovalState::Rejected, &agent, &lead).unwrap_err();
        assert_eq!(decided.to_string(), "this request was already rejected");
        assert!(
            CheckerRefusal::OwnRequest
                .to_string()
                .contains("another person")
        );
    }

    #[test]
    fn each_kind_needs_the_capability_of_the_action() {
        assert_eq!(ActionKind::WaiveInterest.capability(), Capability::WaiveFee);
        assert_eq!(
            ActionKind::MovePayment.capability(),
            Capability::ReversePayment
        );
        assert_eq!(ActionKind::Refund.capability(), Capability::ReversePayment);
        assert_eq!(
            ActionKind::ChangeDueDate.capability(),
            Capability::ChangeDueDate
        );
        assert_eq!(
            ActionKind::PhonePayment.capability(),
            Capability::TakePayment
        );
        for k in ActionKind::ALL {
            assert!(!Role::Agent.can(k.capability()) || *k == ActionKind::PhonePayment);
            assert!(Role::Supervisor.can(k.capability()), "{k}");
        }
    }
}
