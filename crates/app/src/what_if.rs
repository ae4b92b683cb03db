//! "What if I pay extra?" on a borrower's loan: the loan's terms and recorded history, read
//! through the login as the loan page reads them, projected by [`domain::what_if`] (the same
//! replay that posts payments) with and without the extra amount.

use crate::App;
use domain::account_number::AccountNumber;
use domain::what_if::{Extra, Often, WhatIf, WhatIfError, what_if};
use money::Money;
use store::{LoginId, StoreError};

impl App {
    /// The effect of paying `extra` more (with every payment when `monthly`, else once with
    /// the next payment) on loan `account`'s payoff date and interest, from the business date;
    /// `None` for a loan the login does not reach (the same as one that does not exist). It
    /// reads and writes nothing else: an answer to a question, not a payment.
    pub async fn what_if(
        &self,
        login: LoginId,
        account: AccountNumber,
        extra: Money,
        monthly: bool,
    ) -> Result<Option<Result<WhatIf, WhatIfError>>, StoreError> {
        let Some(view) = self.store().loan_view_of_login(login, account).await? else {
            return Ok(None);
        };
        let record = self.store().loan(view.loan).await?;
        let history = self.store().history(view.loan).await?;
        let today = self.business_date().await?;
        let often = if monthly { Often::Monthly } else { Often::Once };
        // Projected on the due dates as the loan's amendments have them (ADR 0021).
        let terms = record.terms.amended(&history, today);
        Ok(Some(what_if(
            &terms,
            &history,
            today,
            Extra {
                amount: extra,
                often,
            },
        )))
    }
}
