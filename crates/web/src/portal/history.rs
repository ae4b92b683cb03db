//! A loan's payment history to download (CSV and PDF) and its year-end summaries (a page and a
//! PDF), read through the signed-in login exactly as the loan page is: another borrower's
//! account number is answered as one that does not exist, and so is a year that is not one of
//! the loan's.

use super::account::usd;
use super::{Chrome, SignedIn};
use crate::AppState;
use crate::kit::page::render;
use crate::kit::{PageError, PageResult};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;
use documents::history::{History, YearSummary};
use domain::account_number::AccountNumber;

/// The 404 of a loan that is not the borrower's, or of a year that is not the loan's.
fn not_found() -> PageError {
    crate::errors::not_found_page().into()
}

/// The history of a loan of the signed-in borrower's.
async fn history_of(state: &AppState, who: &SignedIn, account: &str) -> Result<History, PageError> {
    let Ok(account) = account.parse::<AccountNumber>() else {
        return Err(not_found());
    };
    state
        .app
        .payment_history_in(who.visitor.lang, who.login, account)
        .await?
        .ok_or_else(not_found)
}

/// The summary of a year of a loan of the signed-in borrower's.
async fn summary_of(
    state: &AppState,
    who: &SignedIn,
    account: &str,
    year: &str,
) -> Result<YearSummary, PageError> {
    // Four digits only: "+2026" or "02026" would parse, and are not the year's address.
    let year = Some(year)
        .filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|y| y.parse::<i16>().ok());
    let (Ok(account), Some(year)) = (account.parse::<AccountNumber>(), year) else {
        return Err(not_found());
    };
    state
        .app
        .year_summary(who.login, account, year)
        .await?
        .ok_or_else(not_found)
}

/// The last four digits of an account number, to name a file by.
fn last4(account: &str) -> &str {
    account.get(account.len().saturating_sub(4)..).unwrap_or("")
}

/// A file to download (`attachment`) or to open in the browser (`inline`), never cached.
fn file(content_type: &'static str, disposition: &str, name: &str, body: Vec<u8>) -> PageResult {
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("{disposition}; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}

/// `GET /loans/{account_number}/history.csv`: the payment history for a spreadsheet.
pub async fn history_csv(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
) -> PageResult {
    let h = history_of(&state, &who, &account).await?;
    let name = format!(
        "payment-history-{}-{}.csv",
        last4(&h.account_number),
        h.as_of
    );
    file(
        "text/csv; charset=utf-8",
        "attachment",
        &name,
        documents::history::to_csv(&h, who.visitor.lang),
    )
}

/// `GET /loans/{account_number}/history.pdf`: the payment history to keep or print.
pub async fn history_pdf(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
) -> PageResult {
    let h = history_of(&state, &who, &account).await?;
    let name = format!(
        "payment-history-{}-{}.pdf",
        last4(&h.account_number),
        h.as_of
    );
    file(
        "application/pdf",
        "inline",
        &name,
        documents::history::to_pdf(&h, who.visitor.lang),
    )
}

/// A year's summary as a page.
#[derive(Template)]
#[template(path = "portal/interest.html")]
struct SummaryPage {
    chrome: Chrome,
    /// The account number.
    account: String,
    /// Its last four digits.
    last4: String,
    /// The year.
    year: i16,
    /// (label, amount) in the order shown.
    figures: Vec<(String, String)>,
    /// What to know to read them right.
    notes: Vec<String>,
}

/// `GET /loans/{account_number}/interest/{year}`: the year's interest, fees and principal
/// paid.
pub async fn summary(
    State(state): State<AppState>,
    who: SignedIn,
    Path((account, year)): Path<(String, String)>,
) -> PageResult {
    let s = summary_of(&state, &who, &account, &year).await?;
    Ok(render(&SummaryPage {
        chrome: who.chrome(&state, "dashboard").await,
        last4: last4(&s.account_number).to_owned(),
        figures: s
            .figures(who.visitor.lang)
            .into_iter()
            .map(|(label, m)| (label, usd(m)))
            .collect(),
        notes: s.notes(who.visitor.lang),
        year: s.year,
        account: s.account_number,
    }))
}

/// `GET /loans/{account_number}/interest/{year}/pdf`: the year's summary to keep or print.
pub async fn summary_pdf(
    State(state): State<AppState>,
    who: SignedIn,
    Path((account, year)): Path<(String, String)>,
) -> PageResult {
    let s = summary_of(&state, &who, &account, &year).await?;
    let name = format!("year-end-{}-{}.pdf", last4(&s.account_number), s.year);
    file(
        "application/pdf",
        "inline",
        &name,
        documents::history::summary_pdf(&s, who.visitor.lang),
    )
}
