//! A loan's payoff letter and paid-in-full letter, downloaded as PDFs by the signed-in
//! borrower, read through the login exactly as the loan page is: another borrower's account
//! number is answered as one that does not exist. A letter that cannot be given (a date past
//! or too far ahead, a loan with nothing to pay off, a paid-in-full letter for a loan not paid
//! off) is a page saying why.

use super::SignedIn;
use crate::AppState;
use crate::kit::page::{ErrorPage, render};
use crate::kit::{PageError, PageResult};
use app::letters::LetterError;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use domain::account_number::AccountNumber;
use serde::Deserialize;

/// `?date=YYYY-MM-DD`: the day the payoff letter is good through (the business date when
/// absent, as on the loan page).
#[derive(Deserialize, Default)]
pub struct LetterQuery {
    #[serde(default)]
    date: Option<String>,
}

/// The 404 of a loan that is not the borrower's.
fn not_found() -> PageError {
    crate::errors::not_found_page().into()
}

/// Why a letter is not given, as a page (a 404 for a loan not the borrower's).
fn refused(e: LetterError) -> PageError {
    let status = match &e {
        LetterError::NotFound => return not_found(),
        LetterError::Store(s) => return PageError::internal(s),
        LetterError::DateInThePast { .. }
        | LetterError::DateTooFar { .. }
        | LetterError::AfterLastDue { .. }
        | LetterError::Payoff(_) => StatusCode::BAD_REQUEST,
        LetterError::NothingToPayOff | LetterError::NotPaidOff => StatusCode::CONFLICT,
    };
    (
        status,
        render(&ErrorPage::owned("No letter for this loan", e.to_string())),
    )
        .into_response()
        .into()
}

/// The account number of the path, or the 404 of a loan that does not exist.
fn account_of(account: &str) -> Result<AccountNumber, PageError> {
    account.parse::<AccountNumber>().map_err(|_| not_found())
}

/// The last four digits of an account number, to name a file by.
fn last4(account: &str) -> &str {
    account.get(account.len().saturating_sub(4)..).unwrap_or("")
}

/// A PDF to download, never cached.
fn pdf(name: &str, body: Vec<u8>) -> PageResult {
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}

/// `GET /loans/{account_number}/payoff-letter.pdf?date=YYYY-MM-DD`
pub async fn payoff_letter(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
    Query(q): Query<LetterQuery>,
) -> PageResult {
    let number = account_of(&account)?;
    let date = match q.date.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        None => state.app.business_date().await?,
        Some(typed) => match crate::kit::time::parse_date(typed) {
            Some(date) => date,
            // The loan first: another borrower's loan is a 404 whatever the date says.
            None => {
                let scoped = state.app.loan_details(who.login, number, None).await?;
                if scoped.is_none() {
                    return Err(not_found());
                }
                return Err((
                    StatusCode::BAD_REQUEST,
                    render(&ErrorPage::new(
                        "No letter for this loan",
                        "Enter the payoff date as a date, like December 15, 2026",
                        None,
                    )),
                )
                    .into_response()
                    .into());
            }
        },
    };
    let body = state
        .app
        .payoff_letter(who.login, number, date)
        .await
        .map_err(refused)?;
    pdf(
        &format!("payoff-letter-{}-{date}.pdf", last4(&account)),
        body,
    )
}

/// `GET /loans/{account_number}/paid-in-full-letter.pdf`
pub async fn paid_in_full_letter(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
) -> PageResult {
    let number = account_of(&account)?;
    let body = state
        .app
        .paid_in_full_letter(who.login, number)
        .await
        .map_err(refused)?;
    pdf(
        &format!("paid-in-full-letter-{}.pdf", last4(&account)),
        body,
    )
}
