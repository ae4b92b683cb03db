//! Who may do what on the staff side: the roles a console user has and the capabilities each
//! role holds. The app checks a capability inside every use case that needs one, so a console
//! page, an API route and a job cannot decide differently (ADR 0020).

/// A console user's role, lowest first. The database keeps [`Role::as_str`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Answers borrowers: finds them, sees their accounts, takes payments by phone.
    Agent,
    /// Fixes what goes wrong and approves what moves money: reversals, waivers, due-date
    /// changes, full identity facts (with a reason), the operators' reports.
    Supervisor,
    /// Everything a supervisor does, and manages staff users.
    Admin,
}

impl Role {
    /// Every role, lowest first.
    pub const ALL: [Role; 3] = [Role::Agent, Role::Supervisor, Role::Admin];

    /// The role's name, as the database and `servicer staff add --role` have it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::Agent => "agent",
            Role::Supervisor => "supervisor",
            Role::Admin => "admin",
        }
    }

    /// The role named `text` (surrounding spaces and case aside).
    pub fn parse(text: &str) -> Option<Role> {
        let text = text.trim();
        Role::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(text))
    }

    /// Whether the role holds `capability`.
    pub const fn can(self, capability: Capability) -> bool {
        use Capability as C;
        match capability {
            C::ViewAccount
            | C::VerifyCaller
            | C::TakePayment
            | C::AddNote
            | C::AnswerMessages
            | C::RequestAction => true,
            C::UnlockSignIn
            | C::ReversePayment
            | C::WaiveFee
            | C::ChangeDueDate
            | C::Approve
            | C::ViewReports
            | C::RevealPii => matches!(self, Role::Supervisor | Role::Admin),
            C::ManageStaff | C::BoardLoans | C::ManageApiClients => matches!(self, Role::Admin),
        }
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Something only some actors may do. A use case that needs one checks it first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Capability {
    /// See a borrower's account: loans, payments, contact, messages.
    ViewAccount,
    /// Check a caller's answers to identity questions (never seeing the right values).
    VerifyCaller,
    /// Take or post a payment (by phone, from the mail or the lockbox).
    TakePayment,
    /// Write a note on a borrower's account (notes are never edited, only amended).
    AddNote,
    /// Read, assign, answer and close borrowers' secure messages.
    AnswerMessages,
    /// Unlock a borrower's sign-in and revoke their remembered devices.
    UnlockSignIn,
    /// Reverse a posted payment (a returned check, a payment posted in error).
    ReversePayment,
    /// Waive a fee or interest.
    WaiveFee,
    /// Change a loan's due date.
    ChangeDueDate,
    /// Approve another person's request (four eyes).
    Approve,
    /// Read the operators' reports (trial balance, aging, accruals, activity).
    ViewReports,
    /// See a full identity fact (SSN, bank account number), with a reason, audited.
    RevealPii,
    /// Add staff users and change their roles.
    ManageStaff,
    /// Board loans from a servicing-transfer file.
    BoardLoans,
    /// Create and revoke API clients' tokens.
    ManageApiClients,
    /// Ask for a servicing action (a waiver, a reversal, a due-date change, a refund) that a
    /// second person with the action's capability approves (four eyes).
    RequestAction,
}

impl Capability {
    /// Every capability.
    pub const ALL: [Capability; 16] = [
        Capability::ViewAccount,
        Capability::VerifyCaller,
        Capability::TakePayment,
        Capability::AddNote,
        Capability::AnswerMessages,
        Capability::UnlockSignIn,
        Capability::ReversePayment,
        Capability::WaiveFee,
        Capability::ChangeDueDate,
        Capability::Approve,
        Capability::ViewReports,
        Capability::RevealPii,
        Capability::ManageStaff,
        Capability::BoardLoans,
        Capability::ManageApiClients,
        Capability::RequestAction,
    ];

    /// What it allows, in words ("You may not {action}").
    pub const fn action(self) -> &'static str {
        match self {
            Capability::ViewAccount => "see borrowers' accounts",
            Capability::VerifyCaller => "verify callers",
            Capability::TakePayment => "take payments",
            Capability::AddNote => "write notes on accounts",
            Capability::AnswerMessages => "answer borrowers' messages",
            Capability::UnlockSignIn => "unlock borrowers' sign-in",
            Capability::ReversePayment => "reverse payments",
            Capability::WaiveFee => "waive fees or interest",
            Capability::ChangeDueDate => "change due dates",
            Capability::Approve => "approve requests",
            Capability::ViewReports => "read the operators' reports",
            Capability::RevealPii => "see full identity facts",
            Capability::ManageStaff => "manage staff users",
            Capability::BoardLoans => "board loans",
            Capability::ManageApiClients => "manage API clients",
            Capability::RequestAction => "request servicing actions",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_back_and_match_the_schema() {
        // crates/store/migrations/*/0010_staff.sql: CHECK (role IN ('agent', 'supervisor', 'admin'))
        let names: Vec<_> = Role::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(names, ["agent", "supervisor", "admin"]);
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
            assert_eq!(
                Role::parse(&format!(" {} ", r.as_str().to_uppercase())),
                Some(r)
            );
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn each_role_holds_what_the_one_below_holds_and_more() {
        for c in Capability::ALL {
            assert!(!Role::Agent.can(c) || Role::Supervisor.can(c), "{c:?}");
            assert!(!Role::Supervisor.can(c) || Role::Admin.can(c), "{c:?}");
        }
        assert!(Role::Agent.can(Capability::TakePayment));
        assert!(!Role::Agent.can(Capability::ViewReports));
        assert!(!Role::Agent.can(Capability::RevealPii));
        assert!(!Role::Agent.can(Capability::UnlockSignIn));
        assert!(Role::Agent.can(Capability::AnswerMessages));
        assert!(Role::Supervisor.can(Capability::UnlockSignIn));
        assert!(Role::Supervisor.can(Capability::ViewReports));
        assert!(!Role::Supervisor.can(Capability::ManageStaff));
        assert!(Role::Admin.can(Capability::ManageStaff));
        // Four eyes: an agent asks, a supervisor approves.
        assert!(Role::Agent.can(Capability::RequestAction));
        assert!(!Role::Agent.can(Capability::Approve));
        assert!(Role::Supervisor.can(Capability::Approve));
    }
}
