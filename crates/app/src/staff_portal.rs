//! See what the borrower sees, page by page: the borrower's portal pages read for staff (the
//! loan page, its schedule, the AutoPay page, the message center), with the portal's own reads
//! so the figures are the ones the borrower has on their screen. The dashboard is
//! [`App::portal_view`] (in [`crate::account_view`]).
//!
//! Every read needs [`Capability::ViewAccount`] and is audited as `account.portal_viewed` on
//! the borrower, with the page (and the loan) in the detail. Every id is scoped as the portal
//! scopes it: a loan is one the borrower's sign-in reaches (their dashboard's loans), or, for a
//! borrower who has not enrolled, one of their own; any other account number, another
//! borrower's included, is [`AccountError::NotFound`], exactly like one that does not exist.
//! Nothing here writes anything but the audit record: reading the message center for staff
//! does not mark the borrower's messages read.

use crate::App;
use crate::access::{Actor, Capability};
use crate::account_view::AccountError;
use crate::portal::LoanDetails;
use crate::verification::borrower_subject;
use domain::account_number::AccountNumber;
use store::{
    AuditEvent, Autopay, BorrowerId, LoanId, LoanView, LoginId, Message, MessageThread,
    PaymentMethod, StoreError,
};

/// The audit action of every read of the borrower's portal by staff (the dashboard's too).
pub const PORTAL_VIEWED: &str = "account.portal_viewed";

/// How many of the message center's messages are read, as the portal's message center reads
/// them (`GET /messages`).
pub const MESSAGE_CENTER_SHOWN: i64 = 100;

/// A page of the borrower's portal that staff read, as the audit record names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PortalPage {
    /// A loan's page: terms, TILA box, balances, payoff, activity, statements.
    Loan,
    /// A loan's full payment schedule.
    Schedule,
    /// A loan's AutoPay page.
    Autopay,
    /// The message center.
    Messages,
}

impl PortalPage {
    /// The page as the audit record's detail names it.
    pub const fn as_str(self) -> &'static str {
        match self {
            PortalPage::Loan => "loan",
            PortalPage::Schedule => "schedule",
            PortalPage::Autopay => "autopay",
            PortalPage::Messages => "messages",
        }
    }
}

/// A loan's page (or its schedule) as the borrower's portal reads it, for staff.
#[derive(Clone, Debug)]
pub struct PortalLoan {
    /// The borrower's full name.
    pub name: String,
    /// Whether the borrower has a portal sign-in (without one, their own loans are shown).
    pub enrolled: bool,
    /// The loan's details, read as the portal's loan page reads them (payoff for today).
    pub details: LoanDetails,
}

/// A loan's AutoPay page as the borrower's portal reads it, for staff.
#[derive(Clone, Debug)]
pub struct PortalAutopay {
    /// The borrower's full name.
    pub name: String,
    /// Whether the borrower has a portal sign-in.
    pub enrolled: bool,
    /// The loan.
    pub view: LoanView,
    /// Every AutoPay authorization of the loan, newest first (the page shows the live one, and
    /// says so when the last one stopped on a return that needs a new authorization).
    pub history: Vec<Autopay>,
    /// The payment methods saved to the borrower's sign-in (masked): the live AutoPay's method
    /// is named from them, as the portal names it.
    pub methods: Vec<PaymentMethod>,
}

impl PortalAutopay {
    /// The live authorization, if any.
    pub fn live(&self) -> Option<&Autopay> {
        self.history.iter().find(|a| a.cancelled_at_us.is_none())
    }
}

/// The borrower's message center as the portal reads it, for staff.
#[derive(Clone, Debug)]
pub struct PortalMessages {
    /// The borrower's full name.
    pub name: String,
    /// Whether the borrower has a portal sign-in (without one there is no message center, and
    /// both lists are empty).
    pub enrolled: bool,
    /// The messages from the servicer, newest first, each with whether the borrower has read
    /// it (left as it is: staff reading does not mark it read).
    pub inbox: Vec<(Message, bool)>,
    /// The borrower's secure-message conversations, most recently changed first.
    pub threads: Vec<MessageThread>,
}

impl App {
    /// The portal's page of the loan `account` of `borrower`'s, as they see it, audited.
    pub async fn portal_loan(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
        account: AccountNumber,
    ) -> Result<PortalLoan, AccountError> {
        self.portal_loan_page(actor, borrower, account, PortalPage::Loan)
            .await
    }

    /// The portal's schedule of the loan `account` of `borrower`'s, as they see it, audited.
    pub async fn portal_schedule(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
        account: AccountNumber,
    ) -> Result<PortalLoan, AccountError> {
        self.portal_loan_page(actor, borrower, account, PortalPage::Schedule)
            .await
    }

    /// The portal's AutoPay page of the loan `account` of `borrower`'s, as they see it,
    /// audited.
    pub async fn portal_autopay(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
        account: AccountNumber,
    ) -> Result<PortalAutopay, AccountError> {
        actor.require(Capability::ViewAccount)?;
        let (name, login) = self.portal_reach(borrower).await?;
        let view = self
            .portal_loan_of(borrower, login, account)
            .await?
            .ok_or(AccountError::NotFound)?;
        let history = self.store().autopays_of_loan(view.loan).await?;
        let methods = match login {
            Some(l) => self.store().payment_methods(l).await?,
            None => Vec::new(),
        };
        self.audit_portal_read(actor, borrower, PortalPage::Autopay, Some(view.loan))
            .await?;
        Ok(PortalAutopay {
            name,
            enrolled: login.is_some(),
            view,
            history,
            methods,
        })
    }

    /// The portal's message center of `borrower`, as they see it, audited. Nothing is marked
    /// read.
    pub async fn portal_messages(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
    ) -> Result<PortalMessages, AccountError> {
        actor.require(Capability::ViewAccount)?;
        let (name, login) = self.portal_reach(borrower).await?;
        let (inbox, threads) = match login {
            Some(l) => (
                self.store()
                    .portal_messages(l, MESSAGE_CENTER_SHOWN)
                    .await?,
                self.store().message_threads_of_login(l).await?,
            ),
            None => (Vec::new(), Vec::new()),
        };
        self.audit_portal_read(actor, borrower, PortalPage::Messages, None)
            .await?;
        Ok(PortalMessages {
            name,
            enrolled: login.is_some(),
            inbox,
            threads,
        })
    }

    /// A loan's page or schedule (`page`) for staff: both read the same details.
    async fn portal_loan_page(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
        account: AccountNumber,
        page: PortalPage,
    ) -> Result<PortalLoan, AccountError> {
        actor.require(Capability::ViewAccount)?;
        let (name, login) = self.portal_reach(borrower).await?;
        let view = self
            .portal_loan_of(borrower, login, account)
            .await?
            .ok_or(AccountError::NotFound)?;
        let loan = view.loan;
        let details = self.loan_details_of(view, None).await?;
        self.audit_portal_read(actor, borrower, page, Some(loan))
            .await?;
        Ok(PortalLoan {
            name,
            enrolled: login.is_some(),
            details,
        })
    }

    /// The borrower's name and portal sign-in (if they enrolled);
    /// [`AccountError::NotFound`] for no such borrower.
    async fn portal_reach(
        &self,
        borrower: BorrowerId,
    ) -> Result<(String, Option<LoginId>), AccountError> {
        let b = self
            .borrower_on_file(borrower)
            .await?
            .ok_or(AccountError::NotFound)?;
        let login = self.store().login_linked_to(borrower).await?;
        Ok((b.full_name, login))
    }

    /// The loan `account` as the borrower's portal reaches it: through their sign-in (the
    /// loans of every record it is linked to, as their dashboard lists them), or without one
    /// among their own loans; `None` for any other account number.
    async fn portal_loan_of(
        &self,
        borrower: BorrowerId,
        login: Option<LoginId>,
        account: AccountNumber,
    ) -> Result<Option<LoanView>, StoreError> {
        match login {
            Some(l) => self.store().loan_view_of_login(l, account).await,
            None => Ok(self
                .store()
                .loan_views_of(borrower)
                .await?
                .into_iter()
                .find(|v| v.account_number == account)),
        }
    }

    /// Records that `actor` read `page` of `borrower`'s portal (the action ends in `viewed`,
    /// which the account's trail of staff actions leaves out; the audit log keeps it).
    async fn audit_portal_read(
        &self,
        actor: &Actor,
        borrower: BorrowerId,
        page: PortalPage,
        loan: Option<LoanId>,
    ) -> Result<(), StoreError> {
        let detail = match loan {
            Some(l) => serde_json::json!({ "page": page.as_str(), "loan_id": l.0 }),
            None => serde_json::json!({ "page": page.as_str() }),
        };
        self.store()
            .audit(
                &AuditEvent {
                    actor: actor.audit_name(),
                    action: PORTAL_VIEWED.into(),
                    subject: borrower_subject(borrower),
                    detail: detail.to_string(),
                },
                self.now_us(),
            )
            .await
    }
}
