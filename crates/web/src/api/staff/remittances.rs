//! The lockbox exception queue for the servicer's own systems: the items (a token with the
//! `read` scope), one item with its postings and the loans suggested for it, the day's
//! report; and resolving an item (the `payments` scope): apply it to a loan (idempotent under
//! the `Idempotency-Key` header, as the payments API is), split it across loans, or return it
//! to the sender. The same use cases as the console's (`app::remittance`): the capability is
//! checked there, and each decision audited under the client's name. Amounts are decimal
//! strings ("123.45"), dates ISO dates.

use crate::AppState;
use crate::api::access::{ApiTable, Client};
use crate::errors::{ApiError, ErrorBody, JsonBody, QueryParams};
use crate::kit::ids::positive;
use app::api_clients::Scope;
use app::payments::{AmountOf, PaymentError};
use app::remittance::{
    ItemFilter, ItemId, ItemState, ItemSummary, RemittanceDay, RemittanceError,
    RemittanceItemDetail,
};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Method, StatusCode};
use domain::account_number::AccountNumber;
use jiff::civil::Date;
use money::Money;
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

/// The remittances part of the OpenAPI document.
#[derive(OpenApi)]
#[openapi(
    paths(
        remittance_items,
        remittance_item,
        apply_remittance,
        split_remittance,
        return_remittance,
        remittance_day
    ),
    components(schemas(
        RemittanceItemJson,
        RemittanceItemsJson,
        RemittanceDetailJson,
        RemittancePostingJson,
        RemittanceSuggestionJson,
        RemittanceDayJson,
        RemittanceCountJson,
        RemittanceApplyBody,
        RemittanceSplitBody,
        RemittanceSplitPart,
        RemittanceReturnBody,
        ErrorBody
    ))
)]
pub struct RemittancesApiDoc;

/// The routes: reads with the `read` scope, decisions with `payments`.
pub(crate) fn routes(t: ApiTable) -> ApiTable {
    t.client(
        Method::GET,
        "/api/v1/remittances",
        Scope::Read,
        remittance_items,
    )
    .client(
        Method::GET,
        "/api/v1/remittances/days/{date}",
        Scope::Read,
        remittance_day,
    )
    .client(
        Method::GET,
        "/api/v1/remittances/{id}",
        Scope::Read,
        remittance_item,
    )
    .client(
        Method::POST,
        "/api/v1/remittances/{id}/apply",
        Scope::Payments,
        apply_remittance,
    )
    .client(
        Method::POST,
        "/api/v1/remittances/{id}/split",
        Scope::Payments,
        split_remittance,
    )
    .client(
        Method::POST,
        "/api/v1/remittances/{id}/return",
        Scope::Payments,
        return_remittance,
    )
}

/// The most loans one item is split across.
const MOST_PARTS: usize = 5;

/// An item received (a check from the lockbox file), as the queue lists it.
#[derive(Serialize, ToSchema)]
pub struct RemittanceItemJson {
    /// The item's id.
    pub id: i64,
    /// The business day the bank deposited it.
    #[schema(format = Date)]
    pub deposit_date: String,
    /// Days from the deposit date to today's business date.
    pub age_days: i64,
    /// The lockbox number, as the bank's file gives it.
    pub lockbox: String,
    /// The batch number within the lockbox.
    pub batch: String,
    /// The item number within the batch.
    pub item: String,
    /// The check's amount.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub amount: String,
    /// The check number ("" for none).
    pub check_number: String,
    /// The remitter's name as the bank read it.
    pub payer: String,
    /// The coupon's scan line and the memo text, as the bank's file gives them, joined with
    /// " | ".
    pub memo: String,
    /// `received` (not yet matched), `posted` (automatically), `exception` (in the queue),
    /// `resolved` (applied or split by staff) or `returned` (to the sender).
    pub state: String,
    /// Why it went to the queue: `no_match`, `several_matches`, `mistyped_account`,
    /// `unknown_account`, `paid_off`, `charged_off`, `far_above_payoff`, `duplicate`, `stop`.
    pub reason: Option<String>,
    /// The same in words.
    pub reason_words: Option<String>,
    /// The loan it names or was posted to, when there is one.
    #[schema(pattern = r"^[0-9]{16}$")]
    pub account_number: Option<String>,
}

/// One page of items.
#[derive(Serialize, ToSchema)]
pub struct RemittanceItemsJson {
    /// The items, oldest deposit first.
    pub items: Vec<RemittanceItemJson>,
    /// This page, from 1.
    pub page: u32,
    /// The next page's number, when there is one.
    pub next_page: Option<u32>,
    /// How many items are in the exception queue now (whatever this page lists).
    pub open_count: usize,
    /// Their total.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub open_total: String,
}

/// A payment an item became.
#[derive(Serialize, ToSchema)]
pub struct RemittancePostingJson {
    /// The loan.
    #[schema(pattern = r"^[0-9]{16}$")]
    pub account_number: String,
    /// How much of the item.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub amount: String,
    /// The payment's confirmation number.
    pub confirmation: String,
}

/// A loan offered for an item: its borrower's name is like the payer's. Never posted
/// without a person's (or a client's) decision.
#[derive(Serialize, ToSchema)]
pub struct RemittanceSuggestionJson {
    /// The loan.
    #[schema(pattern = r"^[0-9]{16}$")]
    pub account_number: String,
    /// Higher is a better match.
    pub score: u32,
    /// Why it is offered, in words.
    pub why: String,
}

/// An item with what became of it.
#[derive(Serialize, ToSchema)]
pub struct RemittanceDetailJson {
    /// The item.
    pub item: RemittanceItemJson,
    /// The payments it became: one when matched or applied, several after a split.
    pub postings: Vec<RemittancePostingJson>,
    /// For an item in the queue: loans whose borrower's name is like the payer's, best first.
    pub suggestions: Vec<RemittanceSuggestionJson>,
    /// What staff (or a client) did, as recorded (JSON text).
    pub resolution: Option<String>,
    /// Who did it.
    pub resolved_by: Option<String>,
}

/// How many items, and their total.
#[derive(Serialize, ToSchema)]
pub struct RemittanceCountJson {
    /// How many.
    pub count: usize,
    /// Their total.
    #[schema(pattern = r"^-?[0-9]+\.[0-9]{2}$")]
    pub total: String,
}

/// The day's report of a deposit date.
#[derive(Serialize, ToSchema)]
pub struct RemittanceDayJson {
    /// The deposit date.
    #[schema(format = Date)]
    pub date: String,
    /// Every item deposited that day.
    pub received: RemittanceCountJson,
    /// Posted automatically.
    pub posted: RemittanceCountJson,
    /// In the exception queue now.
    pub exceptions: RemittanceCountJson,
    /// Resolved by staff: applied or split.
    pub resolved: RemittanceCountJson,
    /// Returned to the sender.
    pub returned: RemittanceCountJson,
    /// The items.
    pub items: Vec<RemittanceItemJson>,
}

/// Apply an item to one loan.
#[derive(Deserialize, ToSchema)]
pub struct RemittanceApplyBody {
    /// The loan's 16-digit account number (spaces and dashes between the digits are ignored).
    #[schema(pattern = r"^[0-9]{16}$")]
    pub account_number: String,
}

/// One loan's part of a split.
#[derive(Deserialize, ToSchema)]
pub struct RemittanceSplitPart {
    /// The loan's 16-digit account number.
    #[schema(pattern = r"^[0-9]{16}$")]
    pub account_number: String,
    /// Its amount in dollars and cents, like `"40.00"` (a leading `$` and thousands commas
    /// are allowed).
    #[schema(pattern = r"^\$?[0-9][0-9,]*(\.[0-9]{1,2})?$", max_length = 32)]
    pub amount: String,
}

/// Split an item across loans.
#[derive(Deserialize, ToSchema)]
pub struct RemittanceSplitBody {
    /// Two to five parts, each a different open loan; the amounts add up to the item's
    /// exactly.
    pub parts: Vec<RemittanceSplitPart>,
}

/// Return an item to its sender.
#[derive(Deserialize, ToSchema)]
pub struct RemittanceReturnBody {
    /// Why (for the letter with the refund check).
    #[schema(min_length = 1, max_length = 500)]
    pub reason: String,
}

/// The state a query names, by its stored name.
fn state_named(text: &str) -> Option<ItemState> {
    match text {
        "received" => Some(ItemState::Received),
        "posted" => Some(ItemState::Posted),
        "exception" => Some(ItemState::Exception),
        "resolved" => Some(ItemState::Resolved),
        "returned" => Some(ItemState::Returned),
        _ => None,
    }
}

/// A state's stored name.
fn state_name(state: &ItemState) -> &'static str {
    match state {
        ItemState::Received => "received",
        ItemState::Posted => "posted",
        ItemState::Exception => "exception",
        ItemState::Resolved => "resolved",
        ItemState::Returned => "returned",
    }
}

fn item_json(i: &ItemSummary) -> RemittanceItemJson {
    RemittanceItemJson {
        id: i.id.0,
        deposit_date: i.deposit_date.to_string(),
        age_days: i.age_days,
        lockbox: i.lockbox.clone(),
        batch: i.batch.clone(),
        item: i.item.clone(),
        amount: i.amount.to_string(),
        check_number: i.check_number.clone(),
        payer: i.payer.clone(),
        memo: i.memo.clone(),
        state: state_name(&i.state).to_owned(),
        reason: i.reason.map(|r| r.as_str().to_owned()),
        reason_words: i.reason.map(|r| r.describe().to_owned()),
        account_number: i.account.map(|a| a.to_string()),
    }
}

fn detail_json(d: &RemittanceItemDetail) -> RemittanceDetailJson {
    RemittanceDetailJson {
        item: item_json(&d.item),
        postings: d
            .postings
            .iter()
            .map(|p| RemittancePostingJson {
                account_number: p.account.to_string(),
                amount: p.amount.to_string(),
                confirmation: p.confirmation.clone(),
            })
            .collect(),
        suggestions: d
            .suggestions
            .iter()
            .map(|g| RemittanceSuggestionJson {
                account_number: g.account.to_string(),
                score: g.score,
                why: g.why.clone(),
            })
            .collect(),
        resolution: d.resolution.clone(),
        resolved_by: d.resolved_by.clone(),
    }
}

fn count_json((count, total): (usize, Money)) -> RemittanceCountJson {
    RemittanceCountJson {
        count,
        total: total.to_string(),
    }
}

/// The item of a path: text that is not an id names one that does not exist.
fn item_id(text: &str) -> Result<ItemId, ApiError> {
    positive(text).map(ItemId).ok_or_else(not_found)
}

fn not_found() -> ApiError {
    ApiError::not_found("no remittance item with this id")
}

/// A refused read or decision as the API answers it; `field` is what a refusal of the
/// request's content is about (`account_number`, `parts`, `reason`).
fn remittance_error(e: RemittanceError, field: &str) -> ApiError {
    match e {
        e @ RemittanceError::Access(_) => {
            ApiError::new(StatusCode::FORBIDDEN, "insufficient_scope", e.to_string())
        }
        RemittanceError::NotFound => not_found(),
        e @ RemittanceError::NotAnException => {
            ApiError::new(StatusCode::CONFLICT, "not_an_exception", e.to_string())
        }
        RemittanceError::BadSplit(m) | RemittanceError::Refused(m) => ApiError::field(field, m),
        RemittanceError::Payment(p) => match p {
            PaymentError::Store(s) => ApiError::internal(&s),
            p @ PaymentError::KeyReused => ApiError::new(
                StatusCode::CONFLICT,
                "idempotency_key_reused",
                p.to_string(),
            ),
            PaymentError::Denied(d) => {
                ApiError::new(StatusCode::FORBIDDEN, "insufficient_scope", d.to_string())
            }
            PaymentError::NotFound => {
                ApiError::field(field, "no open loan has this account number")
            }
            other => ApiError::field(field, other.to_string()),
        },
        RemittanceError::Store(s) => ApiError::internal(&s),
        other => ApiError::field(field, other.to_string()),
    }
}

/// A decision's refusal: a `NotFound` about an item that is there is about the loan the
/// request named.
async fn decision_error(
    state: &AppState,
    client: &app::api_clients::ApiClient,
    id: i64,
    e: RemittanceError,
    field: &str,
) -> ApiError {
    if matches!(e, RemittanceError::NotFound)
        && field != "reason"
        && state
            .app
            .remittance_item(&client.actor(), ItemId(id))
            .await
            .is_ok()
    {
        return ApiError::field(field, "no open loan has this account number");
    }
    remittance_error(e, field)
}

/// The `Idempotency-Key` header: 8 to 128 visible ASCII characters.
fn key(headers: &HeaderMap) -> Result<String, ApiError> {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| {
            ApiError::field(
                "Idempotency-Key",
                "Send a unique key (a UUID) with every request that moves money",
            )
        })?;
    if (8..=128).contains(&key.len()) && key.bytes().all(|b| (b'!'..=b'~').contains(&b)) {
        Ok(key.to_owned())
    } else {
        Err(ApiError::field(
            "Idempotency-Key",
            "Send 8 to 128 visible ASCII characters, no spaces",
        ))
    }
}

/// An account number sent in `field`.
fn account(field: &str, text: &str) -> Result<AccountNumber, ApiError> {
    text.parse::<AccountNumber>()
        .map_err(|e| ApiError::field(field, e.to_string()))
}

/// The list's query string, read as text so a malformed value is answered naming it.
#[derive(Deserialize)]
pub struct ItemsQuery {
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    deposit_date: Option<String>,
    #[serde(default)]
    page: Option<String>,
}

/// `GET /api/v1/remittances?state=exception&page=1`: the items, oldest deposit first.
// Its security (the `read` scope), 401 and 403 come from the route table (`api::routes`).
#[utoipa::path(
    get,
    path = "/api/v1/remittances",
    params(
        ("state" = Option<String>, Query, description = "`exception` (default: the queue), `received`, `posted`, `resolved`, `returned`, or `all`", pattern = "^(exception|received|posted|resolved|returned|all)$"),
        ("deposit_date" = Option<String>, Query, description = "Only the items deposited on this day (YYYY-MM-DD)", format = Date),
        ("page" = Option<u32>, Query, description = "Which page, from 1 (default 1)", minimum = 1)
    ),
    responses(
        (status = 200, description = "One page of items, oldest deposit first (none is an empty list)", body = RemittanceItemsJson),
        (status = 400, description = "A query parameter is wrong (`field` names it)", body = ErrorBody),
    )
)]
pub async fn remittance_items(
    Client(client): Client,
    State(state): State<AppState>,
    QueryParams(q): QueryParams<ItemsQuery>,
) -> Result<Json<RemittanceItemsJson>, ApiError> {
    let wanted = match q.state.as_deref() {
        None => Some(ItemState::Exception),
        Some("all") => None,
        Some(s) => Some(state_named(s).ok_or_else(|| {
            ApiError::field(
                "state",
                "Send `exception`, `received`, `posted`, `resolved`, `returned` or `all`",
            )
        })?),
    };
    let deposit_date = match q.deposit_date.as_deref() {
        None => None,
        Some(d) => Some(
            d.parse::<Date>()
                .map_err(|_| ApiError::field("deposit_date", "Use YYYY-MM-DD"))?,
        ),
    };
    let page = match q.page.as_deref() {
        None => 1,
        Some(p) => p
            .parse::<u32>()
            .ok()
            .filter(|p| *p >= 1)
            .ok_or_else(|| ApiError::field("page", "Send a page number from 1"))?,
    };
    let filter = ItemFilter {
        state: wanted,
        deposit_date,
    };
    let found = state
        .app
        .remittance_items(&client.actor(), filter, page)
        .await
        .map_err(|e| remittance_error(e, "state"))?;
    Ok(Json(RemittanceItemsJson {
        items: found.items.iter().map(item_json).collect(),
        page,
        next_page: found.more.then_some(page.saturating_add(1)),
        open_count: found.open_count,
        open_total: found.open_total.to_string(),
    }))
}

/// `GET /api/v1/remittances/{id}`: an item, its postings, and the loans suggested for it.
// Its security (the `read` scope), 401 and 403 come from the route table (`api::routes`).
#[utoipa::path(
    get,
    path = "/api/v1/remittances/{id}",
    params(
        ("id" = i64, Path, description = "The item's id (text that is not a positive whole number in plain digits is answered as an item that does not exist)")
    ),
    responses(
        (status = 200, description = "The item", body = RemittanceDetailJson),
        (status = 404, description = "No item with this id", body = ErrorBody),
    )
)]
pub async fn remittance_item(
    Client(client): Client,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<RemittanceDetailJson>, ApiError> {
    let id = item_id(&id)?;
    let d = state
        .app
        .remittance_item(&client.actor(), id)
        .await
        .map_err(|e| remittance_error(e, "id"))?;
    Ok(Json(detail_json(&d)))
}

/// `POST /api/v1/remittances/{id}/apply`: the whole item posted to one loan.
// Its security (the `payments` scope), 401 and 403 come from the route table (`api::routes`).
#[utoipa::path(
    post,
    path = "/api/v1/remittances/{id}/apply",
    request_body = RemittanceApplyBody,
    params(
        ("id" = i64, Path, description = "The item's id"),
        ("Idempotency-Key" = String, Header, description = "Unique per decision: 8 to 128 visible ASCII characters. The same key and body again answers the item as the first request left it", pattern = r"^[!-~]{8,128}$", min_length = 8, max_length = 128)
    ),
    responses(
        (status = 200, description = "Applied: the item is resolved, posted as a payment credited on its deposit date", body = RemittanceDetailJson),
        (status = 400, description = "No or a malformed `Idempotency-Key`, an account number that is not valid or names no open loan, or a payment the loan refuses (`field` names it)", body = ErrorBody),
        (status = 404, description = "No item with this id", body = ErrorBody),
        (status = 409, description = "`not_an_exception`: the item is not in the exception queue (already resolved, returned or posted); `idempotency_key_reused`: the key was used for another request", body = ErrorBody),
    )
)]
pub async fn apply_remittance(
    Client(client): Client,
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    JsonBody(b): JsonBody<RemittanceApplyBody>,
) -> Result<Json<RemittanceDetailJson>, ApiError> {
    let key = key(&headers)?;
    let ItemId(id) = item_id(&id)?;
    let loan = account("account_number", &b.account_number)?;
    match state
        .app
        .apply_remittance(&client.actor(), ItemId(id), &key, loan)
        .await
    {
        Ok(d) => Ok(Json(detail_json(&d))),
        Err(e) => Err(decision_error(&state, &client, id, e, "account_number").await),
    }
}

/// `POST /api/v1/remittances/{id}/split`: the item posted across several loans.
// Its security (the `payments` scope), 401 and 403 come from the route table (`api::routes`).
#[utoipa::path(
    post,
    path = "/api/v1/remittances/{id}/split",
    request_body = RemittanceSplitBody,
    params(
        ("id" = i64, Path, description = "The item's id"),
        ("Idempotency-Key" = String, Header, description = "Unique per decision: 8 to 128 visible ASCII characters. The same key and body again answers the item as the first request left it", pattern = r"^[!-~]{8,128}$", min_length = 8, max_length = 128)
    ),
    responses(
        (status = 200, description = "Split: the item is resolved, posted as one payment per part, each credited on its deposit date", body = RemittanceDetailJson),
        (status = 400, description = "No or a malformed `Idempotency-Key`; fewer than two or more than five parts, a part's account number or amount that is not valid, amounts that do not add up to the item, a loan named twice or not open (`field` names it: `parts`, or `parts[N].account_number` / `parts[N].amount`)", body = ErrorBody),
        (status = 404, description = "No item with this id", body = ErrorBody),
        (status = 409, description = "`not_an_exception`: the item is not in the exception queue; `idempotency_key_reused`: the key was used for another request", body = ErrorBody),
    )
)]
pub async fn split_remittance(
    Client(client): Client,
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    JsonBody(b): JsonBody<RemittanceSplitBody>,
) -> Result<Json<RemittanceDetailJson>, ApiError> {
    let key = key(&headers)?;
    let ItemId(id) = item_id(&id)?;
    if !(2..=MOST_PARTS).contains(&b.parts.len()) {
        return Err(ApiError::field(
            "parts",
            format!("Send two to {MOST_PARTS} parts; to put the whole item on one loan, apply it"),
        ));
    }
    let mut parts = Vec::with_capacity(b.parts.len());
    for (n, p) in b.parts.iter().enumerate() {
        let loan = account(&format!("parts[{n}].account_number"), &p.account_number)?;
        let amount = app::payments::parse_amount(AmountOf::Payment, &p.amount)
            .map_err(|e| ApiError::field(&format!("parts[{n}].amount"), e.to_string()))?;
        parts.push((loan, amount));
    }
    match state
        .app
        .split_remittance(&client.actor(), ItemId(id), &key, &parts)
        .await
    {
        Ok(d) => Ok(Json(detail_json(&d))),
        Err(e) => Err(decision_error(&state, &client, id, e, "parts").await),
    }
}

/// `POST /api/v1/remittances/{id}/return`: the item returned to its sender (listed for a
/// refund check; nothing posted to a loan).
// Its security (the `payments` scope), 401 and 403 come from the route table (`api::routes`).
#[utoipa::path(
    post,
    path = "/api/v1/remittances/{id}/return",
    request_body = RemittanceReturnBody,
    params(
        ("id" = i64, Path, description = "The item's id")
    ),
    responses(
        (status = 200, description = "Returned: listed for a refund check to the payer", body = RemittanceDetailJson),
        (status = 400, description = "No reason, or one longer than 500 characters (`field` is `reason`)", body = ErrorBody),
        (status = 404, description = "No item with this id", body = ErrorBody),
        (status = 409, description = "`not_an_exception`: the item is not in the exception queue (a retry of a return that was made answers this too)", body = ErrorBody),
    )
)]
pub async fn return_remittance(
    Client(client): Client,
    State(state): State<AppState>,
    Path(id): Path<String>,
    JsonBody(b): JsonBody<RemittanceReturnBody>,
) -> Result<Json<RemittanceDetailJson>, ApiError> {
    let ItemId(id) = item_id(&id)?;
    let reason = b.reason.trim();
    if reason.is_empty() {
        return Err(ApiError::field(
            "reason",
            "Say why the item goes back to its sender",
        ));
    }
    match state
        .app
        .return_remittance(&client.actor(), ItemId(id), reason)
        .await
    {
        Ok(d) => Ok(Json(detail_json(&d))),
        Err(e) => Err(decision_error(&state, &client, id, e, "reason").await),
    }
}

/// `GET /api/v1/remittances/days/{date}`: the day's report of a deposit date.
// Its security (the `read` scope), 401 and 403 come from the route table (`api::routes`).
#[utoipa::path(
    get,
    path = "/api/v1/remittances/days/{date}",
    params(
        ("date" = String, Path, description = "The deposit date, YYYY-MM-DD", format = Date)
    ),
    responses(
        (status = 200, description = "The day: how many items were received, posted automatically, in the exception queue now, resolved by staff and returned (count and total of each), and the items", body = RemittanceDayJson),
        (status = 400, description = "Not a date (`field` is `date`)", body = ErrorBody),
    )
)]
pub async fn remittance_day(
    Client(client): Client,
    State(state): State<AppState>,
    Path(date): Path<String>,
) -> Result<Json<RemittanceDayJson>, ApiError> {
    let date = date
        .parse::<Date>()
        .map_err(|_| ApiError::field("date", "Use YYYY-MM-DD"))?;
    let r: RemittanceDay = state
        .app
        .remittance_day(&client.actor(), date)
        .await
        .map_err(|e| remittance_error(e, "date"))?;
    Ok(Json(RemittanceDayJson {
        date: r.date.to_string(),
        received: count_json(r.received),
        posted: count_json(r.posted),
        exceptions: count_json(r.exceptions),
        resolved: count_json(r.resolved),
        returned: count_json(r.returned),
        items: r.items.iter().map(item_json).collect(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_reads_back_by_its_name() {
        for s in [
            ItemState::Received,
            ItemState::Posted,
            ItemState::Exception,
            ItemState::Resolved,
            ItemState::Returned,
        ] {
            assert!(
                matches!(state_named(state_name(&s)), Some(t) if state_name(&t) == state_name(&s))
            );
        }
        assert!(state_named("all").is_none());
    }

    #[test]
    fn an_idempotency_key_is_8_to_128_visible_characters() {
        let with = |k: &str| {
            let mut h = HeaderMap::new();
            h.insert("idempotency-key", k.parse().unwrap());
            key(&h)
        };
        assert!(with("lockbox-0001").is_ok());
        assert!(with("short").is_err());
        assert!(with("has a space").is_err());
        assert!(key(&HeaderMap::new()).is_err());
    }
}
