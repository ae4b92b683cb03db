//! The documents center (`/documents`): every document of the signed-in borrower's loans,
//! newest first, for all their loans or one (`?loan=`), each with a page and a PDF; and the
//! pages and PDFs of the documents drawn for it: the Truth in Lending disclosure, the notice of
//! servicing transfer and an AutoPay authorization as agreed. Statements and the payoff and
//! paid-in-full letters have their pages beside the loan's (`account`, `letters`). Each page
//! and its PDF render the same figures, from one call of the app. Every loan is read through
//! the login: another borrower's account number, or another loan's AutoPay, is answered
//! exactly as one that does not exist; a loan's own document that it does not have (the
//! transfer notice of a loan made here) is a page saying why.

use super::account::LoanNames;
use super::{Chrome, SignedIn};
use crate::AppState;
use crate::kit::page::{ErrorPage, render};
use crate::kit::{PageError, PageResult};
use app::document_center::{Document, DocumentEntry, DocumentError, DocumentsCenter};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use documents::autopay::AutopayAuthorization;
use documents::tila::TruthInLending;
use documents::transfer::TransferNotice;
use domain::account_number::AccountNumber;
use i18n::Tr;
use serde::Deserialize;
use store::{AutopayId, LoanView};

/// The 404 of a loan or a document that is not the borrower's.
fn not_found() -> PageError {
    crate::errors::not_found_page().into()
}

/// Why a document is not given, as a page (a 404 for a loan or AutoPay not the borrower's).
/// Every refusal a borrower reads has its message: a new one cannot ship without words.
fn refused(e: DocumentError) -> PageError {
    let message = match e {
        DocumentError::NotFound => return not_found(),
        DocumentError::Store(s) => return s.into(),
        DocumentError::NotBoarded => "document-not-boarded",
        DocumentError::TermsNotOnFile => "document-terms-not-on-file",
        DocumentError::Disclosure { reason } => {
            tracing::warn!(%reason, "a loan's terms do not make a disclosure");
            "document-disclosure-unavailable"
        }
    };
    ErrorPage::new("document-refused", message, None)
        .answer(StatusCode::CONFLICT)
        .into()
}

/// The account number of the path, or the 404 of a loan that does not exist.
fn account_of(account: &str) -> Result<AccountNumber, PageError> {
    account.parse::<AccountNumber>().map_err(|_| not_found())
}

/// A PDF to open in the browser or keep, never cached.
fn pdf(name: &str, body: Vec<u8>) -> PageResult {
    Ok((
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

/// A loan as the documents center names it, in the language of `tr`: its heading, with the
/// product and last four digits after a nickname.
fn loan_name(tr: i18n::Tr, v: &LoanView) -> String {
    let names = LoanNames::in_lang(tr, v);
    match names.subtitle {
        Some(sub) => format!("{} ({sub})", names.title),
        None => names.title,
    }
}

/// `?loan=ACCOUNT`: one loan's documents only.
#[derive(Deserialize, Default)]
pub struct DocumentsQuery {
    #[serde(default)]
    loan: Option<String>,
}

/// One document in the list, in the page's language.
struct DocumentRow {
    /// Its date.
    date: String,
    /// What it is.
    title: String,
    /// More about it ("$242.84 due December 5, 2026", "Ended ...").
    detail: Option<String>,
    /// The loan's name.
    loan: String,
    /// Its page.
    view: String,
    /// The words of the link to its page.
    view_words: String,
    /// Its PDF.
    pdf: String,
}

impl DocumentRow {
    fn of(v: &LoanView, e: &DocumentEntry, tr: Tr) -> Self {
        let base = format!("/loans/{}", v.account_number);
        let (title, detail, view, view_words, pdf) = match e.document {
            Document::Statement {
                id,
                due_date,
                amount_due,
            } => (
                "document-kind-statement",
                Some(tr.t2(
                    "document-statement-detail",
                    "amount",
                    amount_due.usd(),
                    "date",
                    tr.date(due_date),
                )),
                format!("{base}/statements/{id}"),
                "document-view",
                format!("{base}/statements/{id}/pdf"),
            ),
            Document::TransferNotice => (
                "document-kind-transfer",
                Some(tr.t("document-transfer-detail")),
                format!("{base}/transfer-notice"),
                "document-view",
                format!("{base}/transfer-notice.pdf"),
            ),
            Document::TruthInLending => (
                "document-kind-tila",
                Some(tr.t("document-tila-detail")),
                format!("{base}/truth-in-lending"),
                "document-view",
                format!("{base}/truth-in-lending.pdf"),
            ),
            Document::AutopayAuthorization { id, ended_on } => (
                "document-kind-autopay",
                Some(match ended_on {
                    Some(on) => tr.t1("document-autopay-detail-ended", "date", tr.date(on)),
                    None => tr.t("document-autopay-in-effect"),
                }),
                format!("{base}/autopay-authorizations/{}", id.0),
                "document-view",
                format!("{base}/autopay-authorizations/{}/pdf", id.0),
            ),
            Document::PayoffLetter => (
                "document-kind-payoff",
                Some(tr.t("document-payoff-detail")),
                format!("{base}/payoff-letter"),
                "document-choose-date",
                format!("{base}/payoff-letter.pdf"),
            ),
            Document::PaidInFullLetter => (
                "document-kind-paid-in-full",
                None,
                format!("{base}/paid-in-full-letter"),
                "document-view",
                format!("{base}/paid-in-full-letter.pdf"),
            ),
        };
        DocumentRow {
            date: tr.date(e.date),
            title: tr.t(title),
            detail,
            loan: loan_name(tr, v),
            view,
            view_words: tr.t(view_words),
            pdf,
        }
    }
}

/// A loan the list may be narrowed to.
struct LoanChoice {
    /// Its account number (the option's value).
    value: String,
    /// Its name.
    label: String,
    /// The list shows its documents only.
    selected: bool,
}

#[derive(Template)]
#[template(path = "portal/documents.html")]
struct DocumentsPage {
    chrome: Chrome,
    /// The loans to choose from.
    loans: Vec<LoanChoice>,
    /// The loan chosen, by name (none: every loan).
    chosen: Option<String>,
    /// `?loan=` named no loan of the borrower's.
    unknown_loan: bool,
    /// The documents, newest first.
    rows: Vec<DocumentRow>,
}

impl DocumentsPage {
    fn of(chrome: Chrome, center: &DocumentsCenter, asked: Option<&str>) -> Self {
        let tr = chrome.tr;
        let chosen: Option<&LoanView> = asked.and_then(|a| {
            let account = a.parse::<AccountNumber>().ok()?;
            center.loans.iter().find(|v| v.account_number == account)
        });
        DocumentsPage {
            chrome,
            loans: center
                .loans
                .iter()
                .map(|v| LoanChoice {
                    value: v.account_number.to_string(),
                    label: loan_name(tr, v),
                    selected: chosen.is_some_and(|c| c.loan == v.loan),
                })
                .collect(),
            chosen: chosen.map(|v| loan_name(tr, v)),
            unknown_loan: asked.is_some() && chosen.is_none(),
            rows: center
                .documents
                .iter()
                .filter(|e| chosen.is_none_or(|c| c.loan == e.loan))
                .filter_map(|e| center.loan_of(e).map(|v| DocumentRow::of(v, e, tr)))
                .collect(),
        }
    }
}

/// `GET /documents`: every document of the borrower's loans, or of the loan `?loan=` names
/// (any other account number, the borrower's or not, is no loan chosen: all are shown, and
/// the page says the address named none of theirs).
pub async fn documents(
    State(state): State<AppState>,
    who: SignedIn,
    Query(q): Query<DocumentsQuery>,
) -> PageResult {
    let center = state.app.documents(who.login).await?;
    let asked = q.loan.as_deref().map(str::trim).filter(|t| !t.is_empty());
    Ok(render(&DocumentsPage::of(
        who.chrome(&state, "documents").await,
        &center,
        asked,
    )))
}

#[derive(Template)]
#[template(path = "portal/truth_in_lending.html")]
struct TruthInLendingPage {
    chrome: Chrome,
    account: String,
    last4: String,
    t: TruthInLending,
    /// The four figures: (name, what it means, the figure).
    boxes: Vec<(String, String, String)>,
    notes: Vec<String>,
    /// The runs of payments, as the schedule's rows: (how many, amount of each, when due).
    runs: Vec<(String, String, String)>,
}

/// `GET /loans/{account_number}/truth-in-lending`
pub async fn truth_in_lending(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
) -> PageResult {
    let number = account_of(&account)?;
    let t = state
        .app
        .truth_in_lending(who.login, number)
        .await
        .map_err(refused)?;
    let lang = who.visitor.lang;
    Ok(render(&TruthInLendingPage {
        chrome: who.chrome(&state, "documents").await,
        account: number.to_string(),
        last4: number.last4(),
        boxes: t.boxes(lang).into_iter().collect(),
        notes: t.notes(lang),
        runs: t
            .payments
            .iter()
            .map(|r| (r.how_many(lang), r.amount.usd().to_string(), r.when(lang)))
            .collect(),
        t,
    }))
}

/// `GET /loans/{account_number}/truth-in-lending.pdf`
pub async fn truth_in_lending_pdf(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
) -> PageResult {
    let number = account_of(&account)?;
    let t = state
        .app
        .truth_in_lending(who.login, number)
        .await
        .map_err(refused)?;
    pdf(
        &format!("truth-in-lending-{}.pdf", number.last4()),
        t.pdf(who.visitor.lang),
    )
}

#[derive(Template)]
#[template(path = "portal/transfer_notice.html")]
struct TransferNoticePage {
    chrome: Chrome,
    account: String,
    last4: String,
    n: TransferNotice,
    /// (heading, paragraphs) in order.
    sections: Vec<(String, Vec<String>)>,
}

/// The notice of servicing transfer of the path's loan, with the hours the phones are answered
/// in the borrower's language (the configured Spanish hours when there are).
async fn transfer_notice_of(
    state: &AppState,
    who: &SignedIn,
    account: &str,
) -> Result<(AccountNumber, TransferNotice), PageError> {
    let number = account_of(account)?;
    let mut n = state
        .app
        .transfer_notice(who.login, number)
        .await
        .map_err(refused)?;
    n.hours = state.app.servicer().hours_in(who.visitor.lang).to_owned();
    Ok((number, n))
}

/// `GET /loans/{account_number}/transfer-notice`
pub async fn transfer_notice(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
) -> PageResult {
    let (number, n) = transfer_notice_of(&state, &who, &account).await?;
    Ok(render(&TransferNoticePage {
        chrome: who.chrome(&state, "documents").await,
        account: number.to_string(),
        last4: number.last4(),
        sections: n.sections(who.visitor.lang),
        n,
    }))
}

/// `GET /loans/{account_number}/transfer-notice.pdf`
pub async fn transfer_notice_pdf(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
) -> PageResult {
    let (number, n) = transfer_notice_of(&state, &who, &account).await?;
    pdf(
        &format!("transfer-notice-{}.pdf", number.last4()),
        n.pdf(who.visitor.lang),
    )
}

/// The AutoPay authorization of the path: the borrower's loan and one of its AutoPays (an id
/// that is not plain digits is one that does not exist).
async fn authorization_of(
    state: &AppState,
    who: &SignedIn,
    account: &str,
    id: &str,
) -> Result<(AccountNumber, i64, AutopayAuthorization), PageError> {
    let number = account_of(account)?;
    let Some(id) = crate::kit::ids::positive(id) else {
        return Err(not_found());
    };
    let a = state
        .app
        .autopay_authorization_document_in(who.visitor.lang, who.login, number, AutopayId(id))
        .await
        .map_err(refused)?;
    Ok((number, id, a))
}

#[derive(Template)]
#[template(path = "portal/autopay_authorization.html")]
struct AutopayAuthorizationPage {
    chrome: Chrome,
    account: String,
    last4: String,
    id: i64,
    a: AutopayAuthorization,
    /// (label, value) in order.
    facts: Vec<(String, String)>,
    /// Where it stands now, in a sentence.
    standing: String,
}

/// `GET /loans/{account_number}/autopay-authorizations/{autopay_id}`
pub async fn autopay_authorization(
    State(state): State<AppState>,
    who: SignedIn,
    Path((account, id)): Path<(String, String)>,
) -> PageResult {
    let (number, id, a) = authorization_of(&state, &who, &account, &id).await?;
    Ok(render(&AutopayAuthorizationPage {
        chrome: who.chrome(&state, "documents").await,
        account: number.to_string(),
        last4: number.last4(),
        id,
        facts: a.facts(who.visitor.lang),
        standing: a.standing(who.visitor.lang),
        a,
    }))
}

/// `GET /loans/{account_number}/autopay-authorizations/{autopay_id}/pdf`
pub async fn autopay_authorization_pdf(
    State(state): State<AppState>,
    who: SignedIn,
    Path((account, id)): Path<(String, String)>,
) -> PageResult {
    let (number, _, a) = authorization_of(&state, &who, &account, &id).await?;
    pdf(
        &format!(
            "autopay-authorization-{}-{}.pdf",
            number.last4(),
            a.authorized_on
        ),
        a.pdf(who.visitor.lang),
    )
}
