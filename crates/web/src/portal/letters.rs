//! A loan's payoff letter and paid-in-full letter, as PDFs and as pages (the documents
//! center's views of them; the payoff letter's page has the form that draws it for another
//! date), read by the signed-in borrower through the login exactly as the loan page is:
//! another borrower's account number is answered as one that does not exist. A letter that
//! cannot be given (a date past or too far ahead, a loan with nothing to pay off, a
//! paid-in-full letter for a loan not paid off) is a page saying why; on the payoff letter's
//! page, a date refused is said beside the date.

use super::{Chrome, SignedIn};
use crate::AppState;
use crate::kit::page::{ErrorPage, render};
use crate::kit::{PageError, PageResult};
use app::letters::{LetterError, MOST_DAYS_AHEAD};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use documents::letters::{PaidInFullLetter, PayoffLetter};
use domain::account_number::AccountNumber;
use domain::payoff::PayoffError;
use i18n::{Lang, Tr};
use jiff::civil::Date;
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

/// Why a letter is not given, in words the borrower reads in `tr`'s language; `None` for a
/// loan that is not theirs or a store that failed (a 404 or a 500: no words of their own).
/// Every refusal has its message: a new one cannot ship without words.
fn refusal_words(e: &LetterError, tr: Tr) -> Option<String> {
    Some(match e {
        LetterError::NotFound | LetterError::Store(_) => return None,
        LetterError::DateInThePast { today } => {
            tr.t1("letter-date-in-the-past", "date", tr.date(*today))
        }
        LetterError::DateTooFar { latest } => {
            tr.t1("letter-date-too-far", "date", tr.date(*latest))
        }
        LetterError::AfterLastDue { last_due } => {
            tr.t1("letter-after-last-due", "date", tr.date(*last_due))
        }
        LetterError::NothingToPayOff | LetterError::Payoff(PayoffError::NotActive { .. }) => {
            tr.t("letter-nothing-to-pay-off")
        }
        LetterError::Payoff(PayoffError::BeforeStart { start, .. }) => {
            tr.t1("letter-before-start", "date", tr.date(*start))
        }
        LetterError::NotPaidOff => tr.t("letter-not-paid-off"),
    })
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
    let words = i18n::Localized::of(|tr| refusal_words(&e, tr).unwrap_or_default());
    ErrorPage::owned("letter-refused", words)
        .answer(status)
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
                return Err(
                    ErrorPage::new("letter-refused", "letter-date-unreadable", None)
                        .answer(StatusCode::BAD_REQUEST)
                        .into(),
                );
            }
        },
    };
    let body = state
        .app
        .payoff_letter_of(who.login, number, date)
        .await
        .map_err(refused)?
        .pdf(who.visitor.lang);
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
        .paid_in_full_letter_of(who.login, number)
        .await
        .map_err(refused)?
        .pdf(who.visitor.lang);
    pdf(
        &format!("paid-in-full-letter-{}.pdf", last4(&account)),
        body,
    )
}

/// The payoff letter as a page: the form that draws it for a date, and the letter for the date
/// asked, or why there is none for it.
#[derive(Template)]
#[template(path = "portal/payoff_letter.html")]
struct PayoffLetterPage {
    chrome: Chrome,
    account: String,
    last4: String,
    /// The date as typed (or the letter's, as ISO text), for the form.
    date: String,
    /// The first and last dates the form takes.
    min_date: String,
    max_date: String,
    /// The last date in words, for the hint.
    latest: String,
    /// Why the date asked gives no letter, beside the field.
    error: Option<String>,
    /// The letter for the date asked.
    letter: Option<PayoffLetterView>,
}

/// The payoff letter's figures and words as its page shows them.
struct PayoffLetterView {
    /// The letter's good-through date, as ISO text (its PDF's address).
    iso: String,
    /// The good-through date, in words.
    good_through: String,
    /// The payoff amount.
    total: String,
    /// Each item, as printed: (label, amount); the unapplied funds taken off with a minus.
    items: Vec<(String, String)>,
    /// The interest for each day after the good-through date.
    per_diem: String,
    /// What the figure assumes.
    assumptions: Vec<String>,
    /// Where mailed payments go, by line.
    remit_to: Vec<String>,
    /// Wire instructions when configured: (label, value) lines.
    wire: Vec<(String, String)>,
    /// Who the letter is about: the loan's name and masked account.
    about: String,
}

impl PayoffLetterView {
    fn of(l: &PayoffLetter, lang: Lang) -> Self {
        PayoffLetterView {
            iso: l.good_through.to_string(),
            good_through: i18n::long_date(lang, l.good_through),
            total: l.total.usd().to_string(),
            items: l
                .items(lang)
                .into_iter()
                .map(|(label, amount)| {
                    let shown = if amount.is_negative() {
                        format!("-{}", amount.abs().usd())
                    } else {
                        amount.usd().to_string()
                    };
                    (label, shown)
                })
                .collect(),
            per_diem: l.per_diem.usd().to_string(),
            assumptions: l.assumptions(lang),
            remit_to: l.remit_to.clone(),
            wire: l.wire.as_ref().map(|w| w.lines(lang)).unwrap_or_default(),
            about: l.to.loan_line(lang),
        }
    }
}

/// `GET /loans/{account_number}/payoff-letter?date=YYYY-MM-DD`: the payoff letter as a page
/// (good through the business date when no date is asked), with the form to draw it for
/// another date; a date that is not one, is past or is too far ahead is said beside the field
/// (a 400), the loan's page and PDF unchanged.
pub async fn payoff_letter_page(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
    Query(q): Query<LetterQuery>,
) -> PageResult {
    let number = account_of(&account)?;
    let lang = who.visitor.lang;
    let tr = lang.tr();
    let today = state.app.business_date().await?;
    let typed = q.date.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let asked: Result<Date, String> = match typed {
        None => Ok(today),
        Some(t) => t
            .parse::<Date>()
            .map_err(|_| tr.t("letter-date-unreadable-form")),
    };
    let letter = match asked {
        Ok(date) => match state.app.payoff_letter_of(who.login, number, date).await {
            Ok(l) => Ok(l),
            Err(
                e @ (LetterError::DateInThePast { .. }
                | LetterError::DateTooFar { .. }
                | LetterError::Payoff(_)),
            ) => Err(refusal_words(&e, tr).unwrap_or_default()),
            Err(e) => return Err(refused(e)),
        },
        Err(why) => {
            // The loan first: another borrower's loan is a 404 whatever the date says.
            if state
                .app
                .loan_details(who.login, number, None)
                .await?
                .is_none()
            {
                return Err(not_found());
            }
            Err(why)
        }
    };
    let latest = today
        .checked_add(jiff::Span::new().days(MOST_DAYS_AHEAD))
        .unwrap_or(today);
    let page = PayoffLetterPage {
        chrome: who.chrome(&state, "documents").await,
        account: number.to_string(),
        last4: number.last4(),
        date: match &letter {
            Ok(l) => l.good_through.to_string(),
            Err(_) => typed.unwrap_or_default().to_owned(),
        },
        min_date: today.to_string(),
        max_date: latest.to_string(),
        latest: tr.date(latest),
        error: letter.as_ref().err().cloned(),
        letter: letter.as_ref().ok().map(|l| PayoffLetterView::of(l, lang)),
    };
    let status = if page.error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    Ok((status, render(&page)).into_response())
}

/// The paid-in-full letter as a page.
#[derive(Template)]
#[template(path = "portal/paid_in_full_letter.html")]
struct PaidInFullLetterPage {
    chrome: Chrome,
    account: String,
    last4: String,
    l: PaidInFullLetter,
    /// The letter's paragraphs, as printed.
    paragraphs: Vec<String>,
}

/// `GET /loans/{account_number}/paid-in-full-letter`: the letter as a page.
pub async fn paid_in_full_letter_page(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
) -> PageResult {
    let number = account_of(&account)?;
    let l = state
        .app
        .paid_in_full_letter_of(who.login, number)
        .await
        .map_err(refused)?;
    Ok(render(&PaidInFullLetterPage {
        chrome: who.chrome(&state, "documents").await,
        account: number.to_string(),
        last4: number.last4(),
        paragraphs: l.paragraphs(who.visitor.lang),
        l,
    }))
}
