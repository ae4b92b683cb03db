//! `GET /api/v1/borrowers?q=…&page=…` (issue 19): the console's borrower search for a
//! lender's own systems, with an API token holding the `read` scope. It is the console's use
//! case: the same query rules, contact masked the same way, each page audited under the
//! client's name.

use crate::AppState;
use crate::api::access::{ApiTable, Client};
use crate::errors::{ApiError, ErrorBody, QueryParams};
use app::api_clients::Scope;
use app::search::{BorrowerHit, SearchError, SearchResults};
use axum::Json;
use axum::extract::State;
use axum::http::{Method, StatusCode};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

/// The search's part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(search_borrowers),
    components(schemas(SearchResultsJson, SearchBorrowerJson, SearchLoanJson))
)]
pub struct SearchApiDoc;

/// The search's route.
pub(crate) fn routes(t: ApiTable) -> ApiTable {
    t.client(
        Method::GET,
        "/api/v1/borrowers",
        Scope::Read,
        search_borrowers,
    )
}

/// `?q=…&page=…`, read as text so a malformed page is answered naming `page`.
#[derive(Deserialize)]
pub struct SearchParams {
    #[serde(default)]
    q: Option<String>,
    #[serde(default)]
    page: Option<String>,
}

/// One page of a borrower search.
#[derive(Serialize, ToSchema)]
pub struct SearchResultsJson {
    /// What the query was read as, by kind: `name`, `account_number`, `phone`, `email`, `zip`,
    /// `ssn_last4` (four digits alone), `last4` (four digits with a name: an account's or an
    /// SSN's last 4).
    pub kinds: Vec<String>,
    /// This page, from 1.
    pub page: u32,
    /// Another page follows (ask for `page` + 1).
    pub has_next: bool,
    /// The borrowers, best matches first (a name word typed whole before one it begins,
    /// then by name).
    pub borrowers: Vec<SearchBorrowerJson>,
}

/// A borrower found.
#[derive(Serialize, ToSchema)]
pub struct SearchBorrowerJson {
    /// The borrower's id (the account view's).
    pub id: i64,
    /// Full name as on the statement.
    pub name: String,
    /// Email on file, masked: its first character and its domain.
    pub email: Option<String>,
    /// Phone on file, masked: its last 4 digits.
    pub phone: Option<String>,
    /// ZIP code.
    pub zip: String,
    /// Every loan, by account number.
    pub loans: Vec<SearchLoanJson>,
}

/// A loan of a borrower found, in brief.
#[derive(Serialize, ToSchema)]
pub struct SearchLoanJson {
    /// The account number's last 4 digits.
    #[schema(pattern = r"^[0-9]{4}$")]
    pub account_last4: String,
    /// `active`, `paid_off` or `charged_off`.
    pub status: String,
    /// Principal + interest + fees.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub balance: String,
    /// Days past due.
    pub days_past_due: u32,
}

/// `GET /api/v1/borrowers?q=…&page=…`
// Its security (the `read` scope), 401 and 403 come from the route table (`api::routes`).
#[utoipa::path(
    get,
    path = "/api/v1/borrowers",
    params(
        ("q" = String, Query, description = "What to search for, as typed into the console's search box: name words in any order (each a prefix; accents and case ignored), a 16-digit account number, 4 digits with a name (an account's or an SSN's last 4), a phone number, an email, a ZIP code, or 4 digits alone (an SSN's last 4)", min_length = 1, max_length = 200),
        ("page" = Option<u32>, Query, description = "The page of results, 20 borrowers each (default 1)", minimum = 1, maximum = 50)
    ),
    responses(
        (status = 200, description = "One page of borrowers, best matches first (none is an empty list)", body = SearchResultsJson),
        (status = 400, description = "Nothing to search, a query too long or with nothing searchable, a number of no known length, an account number that is not valid, or no such page (`field` is `q` or `page`)", body = ErrorBody),
        (status = 429, description = "Too many searches by the last 4 of an SSN in 15 minutes (20 per client)", body = ErrorBody),
    )
)]
pub async fn search_borrowers(
    Client(client): Client,
    State(state): State<AppState>,
    QueryParams(params): QueryParams<SearchParams>,
) -> Result<Json<SearchResultsJson>, ApiError> {
    let page = match params.page.as_deref().map(str::trim) {
        None | Some("") => 1,
        Some(text) => text.parse::<u32>().map_err(|_| {
            ApiError::field("page", format!("{text:?} is not a page number like 2"))
        })?,
    };
    let q = params.q.unwrap_or_default();
    let results = state
        .app
        .search_borrowers(&client.actor(), &q, page)
        .await
        .map_err(search_error)?;
    Ok(Json(results_json(results)))
}

/// A refused search as the API answers it, naming the parameter.
fn search_error(e: SearchError) -> ApiError {
    match e {
        e @ SearchError::Denied(_) => {
            ApiError::new(StatusCode::FORBIDDEN, "insufficient_scope", e.sentence())
        }
        e @ SearchError::Query(_) => ApiError::field("q", e.sentence()),
        e @ SearchError::PageOutOfRange { .. } => ApiError::field("page", e.sentence()),
        e @ SearchError::TooManySsnSearches => {
            ApiError::new(StatusCode::TOO_MANY_REQUESTS, "throttled", e.sentence())
        }
        SearchError::Store(e) => e.into(),
    }
}

fn results_json(r: SearchResults) -> SearchResultsJson {
    SearchResultsJson {
        kinds: r.kinds.iter().map(|k| (*k).to_owned()).collect(),
        page: r.page,
        has_next: r.has_next,
        borrowers: r.borrowers.into_iter().map(borrower_json).collect(),
    }
}

fn borrower_json(b: BorrowerHit) -> SearchBorrowerJson {
    SearchBorrowerJson {
        id: b.id.0,
        name: b.name,
        email: b.email,
        phone: b.phone,
        zip: b.zip,
        loans: b
            .loans
            .into_iter()
            .map(|l| SearchLoanJson {
                account_last4: l.last4,
                status: l.status.as_str().to_owned(),
                balance: l.balance.to_string(),
                days_past_due: l.days_past_due,
            })
            .collect(),
    }
}
