//! Finding a borrower or a loan (`GET /console/search?q=…&page=…`, issue 19): one search box,
//! the borrowers found with their contact masked and each loan in brief, best first, paged.
//! The use case checks the capability again and audits every search.

use super::{Needs, SignedInStaff, Table};
use crate::AppState;
use crate::kit::page::render;
use crate::kit::{Chrome, Errors, PageResult};
use app::access::Capability;
use app::search::{BorrowerHit, PAGE_SIZE, SearchError, SearchResults};
use app::staff::Staff;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{Method, StatusCode};
use serde::Deserialize;

/// The search page (its links to further pages are built on it).
const SEARCH: &str = "/console/search";

/// The search's route.
pub(super) fn routes(t: Table) -> Table {
    t.add(
        Method::GET,
        SEARCH,
        Needs::Capability(Capability::ViewAccount),
        page,
    )
}

/// The query string: what was typed, and the page (from 1).
#[derive(Deserialize)]
pub(super) struct SearchQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    page: String,
}

/// A borrower as a row of the results.
struct Row {
    id: i64,
    name: String,
    /// Masked email and phone, those on file.
    contact: Vec<String>,
    zip: String,
    loans: Vec<LoanRow>,
}

/// A loan in a row of the results.
struct LoanRow {
    last4: String,
    status: &'static str,
    balance: String,
    days_past_due: u32,
}

#[derive(Template)]
#[template(path = "console/search.html")]
struct SearchPage {
    chrome: Chrome,
    staff: Option<Staff>,
    errors: Errors,
    /// What was typed, shown again.
    q: String,
    /// A search was made (results, or none).
    searched: bool,
    rows: Vec<Row>,
    page: u32,
    /// The position of the first and last borrower shown, from 1.
    first_shown: u64,
    last_shown: u64,
    previous: Option<String>,
    next: Option<String>,
    /// The first page of this search (from a page past the last).
    first: String,
}

/// `GET /console/search?q=…&page=…`
pub(super) async fn page(
    State(state): State<AppState>,
    s: SignedInStaff,
    Query(query): Query<SearchQuery>,
) -> PageResult {
    let mut shown = SearchPage {
        chrome: s.visitor.chrome("search"),
        staff: Some(s.staff.clone()),
        errors: Errors::default(),
        q: query.q.clone(),
        searched: false,
        rows: Vec::new(),
        page: 1,
        first_shown: 0,
        last_shown: 0,
        previous: None,
        next: None,
        first: href(&query.q, 1),
    };
    // The page as first opened: the box only.
    if query.q.trim().is_empty() && query.page.trim().is_empty() {
        return Ok(s.visitor.visit.respond(render(&shown)));
    }
    let number = match query.page.trim() {
        "" => Ok(1),
        text => text.parse::<u32>().map_err(|_| {
            "That page of results does not exist: search again from the first page".to_owned()
        }),
    };
    let found = match number {
        Ok(n) => {
            state
                .app
                .search_borrowers(&s.staff.actor(), &query.q, n)
                .await
        }
        Err(message) => {
            shown.errors = Errors::one("q", message);
            return Ok(refused(&s, &shown));
        }
    };
    match found {
        Ok(results) => {
            fill(&mut shown, &query.q, results);
            Ok(s.visitor.visit.respond(render(&shown)))
        }
        Err(SearchError::Denied(d)) => Err(super::denied(d.capability).into()),
        Err(SearchError::Store(e)) => Err(e.into()),
        Err(
            e @ (SearchError::Query(_)
            | SearchError::PageOutOfRange { .. }
            | SearchError::TooManySsnSearches),
        ) => {
            shown.errors = Errors::one("q", e.sentence());
            Ok(refused(&s, &shown))
        }
    }
}

/// The page again with the refusal beside the box (nothing was searched).
fn refused(s: &SignedInStaff, page: &SearchPage) -> axum::response::Response {
    s.visitor
        .visit
        .respond((StatusCode::UNPROCESSABLE_ENTITY, render(page)))
}

/// Puts one page of results into the page.
fn fill(shown: &mut SearchPage, q: &str, r: SearchResults) {
    let before = u64::from(r.page - 1) * u64::from(PAGE_SIZE);
    let count = u64::try_from(r.borrowers.len()).unwrap_or(u64::MAX);
    shown.searched = true;
    shown.page = r.page;
    shown.first_shown = before + 1;
    shown.last_shown = before + count;
    shown.previous = (r.page > 1).then(|| href(q, r.page - 1));
    shown.next = r.has_next.then(|| href(q, r.page + 1));
    shown.rows = r.borrowers.into_iter().map(row).collect();
}

fn row(b: BorrowerHit) -> Row {
    Row {
        id: b.id.0,
        name: b.name,
        contact: b.email.into_iter().chain(b.phone).collect(),
        zip: b.zip,
        loans: b
            .loans
            .into_iter()
            .map(|l| LoanRow {
                status: l.status.label(l.days_past_due),
                last4: l.last4,
                balance: l.balance.usd().to_string(),
                days_past_due: l.days_past_due,
            })
            .collect(),
    }
}

/// The address of page `n` of the search for `q`.
fn href(q: &str, n: u32) -> String {
    let encoded: String = form_urlencoded::byte_serialize(q.as_bytes()).collect();
    format!("{SEARCH}?q={encoded}&page={n}")
}
