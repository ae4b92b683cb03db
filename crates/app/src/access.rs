//! Who is acting ([`Actor`]), and the check every use case that needs a capability makes
//! first ([`Actor::require`]). The roles and what each may do are rules, in
//! [`domain::access`]; the audit log records [`Actor::audit_name`] (ADR 0020).

use crate::api_clients::{Scope, Scopes};
pub use domain::access::{Capability, Role};
use store::{LoginId, StaffId};

/// Who is asking a use case to act.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actor {
    /// A borrower signed in to the portal or the borrower's API. They act on their own loans
    /// only (every read goes through their login); they hold no staff capability.
    Borrower(LoginId),
    /// A console user with their role.
    Staff {
        /// The user.
        id: StaffId,
        /// Their role.
        role: Role,
    },
    /// A lender's or servicer's system calling the operator API with a token.
    ApiClient {
        /// The client's name (as `servicer api-client create` gave it).
        name: String,
        /// What its token may do.
        scopes: Scopes,
    },
    /// Servicer itself: close of business, the ACH file, AutoPay, the worker's jobs.
    System(&'static str),
    /// Someone at the server's shell running a `servicer` command (named here: boarding,
    /// staff and API clients, reports): as trusted as the machine's configuration.
    Operator(&'static str),
}

/// A refusal: this actor lacks the capability.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("you may not {}", capability.action())]
pub struct Denied {
    /// What was asked for.
    pub capability: Capability,
}

impl Actor {
    /// An API client named `name` whose token holds `scopes`.
    pub fn api_client(name: &str, scopes: Scopes) -> Actor {
        Actor::ApiClient {
            name: name.to_owned(),
            scopes,
        }
    }

    /// The actor as the audit log records it: `login:7`, `staff:3`, `client:lockbox-sync`,
    /// `cob`, `cli:staff`.
    pub fn audit_name(&self) -> String {
        match self {
            Actor::Borrower(login) => format!("login:{}", login.0),
            Actor::Staff { id, .. } => format!("staff:{}", id.0),
            Actor::ApiClient { name, .. } => format!("client:{name}"),
            Actor::System(job) => (*job).to_owned(),
            Actor::Operator(command) => format!("cli:{command}"),
        }
    }

    /// Whether this actor holds `capability`. An API client's scopes map onto capabilities
    /// (`read`: see accounts; `payments`: post payments received; `service`: write notes,
    /// answer messages, request servicing actions for a person to approve); the system and the
    /// operator hold every capability but seeing full identity facts, which is a person's,
    /// with a reason.
    pub fn may(&self, capability: Capability) -> bool {
        match self {
            Actor::Borrower(_) => false,
            Actor::Staff { role, .. } => role.can(capability),
            Actor::ApiClient { scopes, .. } => match capability {
                Capability::ViewAccount => scopes.contains(Scope::Read),
                Capability::AddNote | Capability::AnswerMessages | Capability::RequestAction => {
                    scopes.contains(Scope::Service)
                }
                Capability::TakePayment => scopes.contains(Scope::Payments),
                _ => false,
            },
            Actor::System(_) | Actor::Operator(_) => capability != Capability::RevealPii,
        }
    }

    /// `Ok` when this actor holds `capability`; otherwise the refusal.
    pub fn require(&self, capability: Capability) -> Result<(), Denied> {
        if self.may(capability) {
            Ok(())
        } else {
            Err(Denied { capability })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrowers_hold_no_staff_capability_and_clients_only_their_scopes() {
        for c in Capability::ALL {
            assert!(!Actor::Borrower(LoginId(1)).may(c), "{c:?}");
        }
        let reader = Actor::ApiClient {
            name: "ledger".into(),
            scopes: Scopes::default().with(Scope::Read),
        };
        assert!(reader.may(Capability::ViewAccount));
        assert!(!reader.may(Capability::TakePayment));
        assert!(!reader.may(Capability::ViewReports));
        let agent = Actor::Staff {
            id: StaffId(4),
            role: Role::Agent,
        };
        assert_eq!(
            agent
                .require(Capability::ViewReports)
                .unwrap_err()
                .to_string(),
            "you may not read the operators' reports"
        );
        assert_eq!(agent.audit_name(), "staff:4");
        assert!(!Actor::Operator("report").may(Capability::RevealPii));
        assert_eq!(Actor::Operator("staff").audit_name(), "cli:staff");
        assert!(Actor::System("cob").may(Capability::TakePayment));
    }
}
