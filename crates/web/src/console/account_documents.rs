//! A borrower's documents in the console, read-only: the Truth in Lending disclosure and the
//! notice of servicing transfer of one of their loans, the same PDFs the borrower's documents
//! center gives ([`app::document_center`]), each read audited. A loan that is not the
//! borrower's, or that has no such document (a loan made here has no transfer notice), is the
//! 404 of one that does not exist.

use super::SignedInStaff;
use super::account::{account_error, not_found};
use crate::AppState;
use crate::kit::{PageError, PageResult, ids};
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use domain::account_number::AccountNumber;
use store::BorrowerId;

/// The borrower and the loan of the path (anything else is the 404).
fn loan_of(id: &str, account: &str) -> Result<(BorrowerId, AccountNumber), PageError> {
    let borrower = ids::borrower(id)?;
    let account = account.parse::<AccountNumber>().map_err(|_| not_found())?;
    Ok((borrower, account))
}

/// A PDF to open in the browser, never cached.
fn pdf(name: &str, body: Vec<u8>) -> PageResult {
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}

/// The Truth in Lending disclosure of one of the borrower's loans, as a PDF.
pub(super) async fn truth_in_lending_pdf(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path((id, account)): Path<(String, String)>,
) -> PageResult {
    let (borrower, account) = loan_of(&id, &account)?;
    let t = state
        .app
        .truth_in_lending_for_staff(&s.staff.actor(), borrower, account)
        .await
        .map_err(account_error)?
        .ok_or_else(not_found)?;
    pdf(
        &format!("truth-in-lending-{}.pdf", account.last4()),
        t.pdf(i18n::Lang::En),
    )
}

/// The notice of servicing transfer of one of the borrower's boarded loans, as a PDF.
pub(super) async fn transfer_notice_pdf(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path((id, account)): Path<(String, String)>,
) -> PageResult {
    let (borrower, account) = loan_of(&id, &account)?;
    let n = state
        .app
        .transfer_notice_for_staff(&s.staff.actor(), borrower, account)
        .await
        .map_err(account_error)?
        .ok_or_else(not_found)?;
    pdf(
        &format!("transfer-notice-{}.pdf", account.last4()),
        n.pdf(i18n::Lang::En),
    )
}
