//! A borrower naming their own loans (issue 22, item 11): the nickname a login gives a loan it
//! reaches ("Kitchen"), shown on the dashboard and the loan page above the product name and
//! the account number's last four digits. A nickname is the person's own, kept per login; the
//! rules of its text are `domain::nickname`.

use crate::App;
use crate::identity::ClientInfo;
use domain::account_number::AccountNumber;
use domain::nickname::{LoanNickname, NicknameError};
use store::{AuditEvent, LoginId, StoreError};

/// The audit action of a nickname set or replaced.
pub const NICKNAME_SET: &str = "loan.nickname_set";
/// The audit action of a nickname cleared.
pub const NICKNAME_CLEARED: &str = "loan.nickname_cleared";

/// Why a nickname was not saved.
#[derive(Debug, thiserror::Error)]
pub enum NicknameRefused {
    /// The login does not reach the loan (or it does not exist): the same answer for both.
    #[error("no such loan")]
    NotFound,
    /// The text breaks a rule; the message says which.
    #[error(transparent)]
    Invalid(#[from] NicknameError),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl App {
    /// Saves what the borrower typed as `login`'s nickname for loan `account` (trimmed; empty
    /// clears it), audited. Returns the nickname now in force (`None`: cleared).
    pub async fn set_loan_nickname(
        &self,
        login: LoginId,
        account: AccountNumber,
        typed: &str,
        client: &ClientInfo,
    ) -> Result<Option<LoanNickname>, NicknameRefused> {
        // Reach first: another borrower's loan is "not found" whatever they typed.
        let Some(view) = self.store().loan_view_of_login(login, account).await? else {
            return Err(NicknameRefused::NotFound);
        };
        let nickname = LoanNickname::parse(typed)?;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        // The store checks the reach again inside the transaction (a link removed meanwhile).
        if !tx
            .set_loan_nickname(
                login,
                view.loan,
                nickname.as_ref().map(LoanNickname::as_str),
                now,
            )
            .await?
        {
            return Err(NicknameRefused::NotFound);
        }
        tx.audit(
            &AuditEvent {
                actor: format!("login:{}", login.0),
                action: if nickname.is_some() {
                    NICKNAME_SET
                } else {
                    NICKNAME_CLEARED
                }
                .into(),
                subject: format!("loan:{}", view.loan.0),
                // Not the nickname itself: the audit trail is append-only, and what a borrower
                // calls their loan is theirs to change and forget.
                detail: serde_json::json!({ "ip": client.ip }).to_string(),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        // The dashboard and its page are cached for a second: the next read shows the name.
        self.forget_cached_views();
        Ok(nickname)
    }
}
