//! The lockbox exception queue in the console: the checks the bank deposited for us that
//! could not post to a loan by themselves (no match, several matches, a mistyped account
//! number, a closed or charged-off loan, far more than the payoff, a duplicate, a stop on the
//! loan), oldest deposit first, with what is open in all; and the day's report of a deposit
//! date: what came in, what posted by itself, what is in the queue, what staff resolved or
//! returned. An item and the ways to resolve it are in [`super::remittance_item`].
//!
//! Every route needs `TakePayment`; the use cases (`app::remittance`) check again and audit.
//! Links are made from the declared routes' constants, so every console path named here is
//! one of the table's.

use super::{Needs, SignedInStaff, Table};
use crate::AppState;
use crate::kit::page::render;
use crate::kit::{Chrome, Errors, PageError, PageResult, ids};
use app::access::Capability;
use app::remittance::{ItemFilter, ItemState, ItemSummary, RemittanceDay, RemittanceError};
use app::staff::Staff;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::Method;
use axum::response::{IntoResponse, Redirect};
use jiff::civil::Date;
use money::Money;
use serde::Deserialize;

/// The queue; an item is `{QUEUE}/{id}`, a day's report `{QUEUE}/days/{date}`.
const QUEUE: &str = "/console/remittances";
/// The day's report of a deposit date.
const DAY: &str = "/console/remittances/days/{date}";

/// The queue's routes and the item's: every one needs the capability to take payments.
pub(super) fn routes(t: Table) -> Table {
    let can = Needs::Capability(Capability::TakePayment);
    super::remittance_item::routes(t.add(Method::GET, QUEUE, can, queue).add(
        Method::GET,
        DAY,
        can,
        day,
    ))
}

/// Which items the queue lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tab {
    /// The open exceptions: the work.
    Open,
    /// Resolved by staff (applied or split).
    Resolved,
    /// Returned to the sender.
    Returned,
    /// Every item, whatever became of it.
    All,
}

impl Tab {
    const ALL: [Tab; 4] = [Tab::Open, Tab::Resolved, Tab::Returned, Tab::All];

    /// The tab a query names; anything else is the open exceptions.
    fn parse(text: &str) -> Tab {
        match text {
            "resolved" => Tab::Resolved,
            "returned" => Tab::Returned,
            "all" => Tab::All,
            _ => Tab::Open,
        }
    }

    /// Its name in the query string.
    fn as_str(self) -> &'static str {
        match self {
            Tab::Open => "exception",
            Tab::Resolved => "resolved",
            Tab::Returned => "returned",
            Tab::All => "all",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Tab::Open => "Open exceptions",
            Tab::Resolved => "Resolved",
            Tab::Returned => "Returned",
            Tab::All => "All items",
        }
    }

    /// The state the use case lists (none: every state).
    fn state(self) -> Option<ItemState> {
        match self {
            Tab::Open => Some(ItemState::Exception),
            Tab::Resolved => Some(ItemState::Resolved),
            Tab::Returned => Some(ItemState::Returned),
            Tab::All => None,
        }
    }
}

/// The queue's address for `tab` and `page`.
fn queue_href(tab: Tab, page: u32) -> String {
    format!("{QUEUE}?state={}&page={page}", tab.as_str())
}

/// An item's address, with `?done=` when `done` is not empty.
pub(super) fn item_href(id: i64, done: &str) -> String {
    if done.is_empty() {
        format!("{QUEUE}/{id}")
    } else {
        format!("{QUEUE}/{id}?done={done}")
    }
}

/// A day's report's address.
pub(super) fn day_href(date: Date) -> String {
    format!("{QUEUE}/days/{date}")
}

/// A link of the queue's choices, current or not.
struct TabLink {
    href: String,
    label: &'static str,
    current: bool,
}

/// An item as a row of the queue and of the day's report.
struct Row {
    id: i64,
    /// "Check 1043", or "Item 12" for one without a check number (an ACH credit).
    label: String,
    deposited: String,
    age: String,
    amount: String,
    payer: String,
    source: String,
    /// Why it is in the queue, or what became of it.
    why: String,
}

/// "today", "1 day", "12 days": how long ago an item was deposited.
pub(super) fn age_words(days: i64) -> String {
    match days {
        i64::MIN..=0 => "today".to_owned(),
        1 => "1 day".to_owned(),
        n => format!("{n} days"),
    }
}

/// "1 item", "3 items".
fn items_words(n: usize) -> String {
    if n == 1 {
        "1 item".to_owned()
    } else {
        format!("{n} items")
    }
}

/// A state as the queue names it.
pub(super) fn state_words(state: &ItemState) -> &'static str {
    match state {
        ItemState::Received => "Received, not yet matched",
        ItemState::Posted => "Posted automatically",
        ItemState::Exception => "In the exception queue",
        ItemState::Resolved => "Resolved by staff",
        ItemState::Returned => "Returned to the sender",
    }
}

/// Why an item is here, in words; for one no longer here, what became of it too.
fn why_words(i: &ItemSummary) -> String {
    match (&i.state, i.reason) {
        (ItemState::Exception, Some(r)) => r.describe().to_owned(),
        (ItemState::Exception, None) => state_words(&i.state).to_owned(),
        (other, Some(r)) => format!("{} (was: {})", state_words(other), r.describe()),
        (other, None) => state_words(other).to_owned(),
    }
}

/// Lockbox, batch and item numbers, as the bank's file names the item.
pub(super) fn source_words(i: &ItemSummary) -> String {
    format!("{} / {} / {}", i.lockbox, i.batch, i.item)
}

fn row(i: &ItemSummary) -> Row {
    Row {
        id: i.id.0,
        label: if i.check_number.trim().is_empty() {
            format!("Item {}", i.id.0)
        } else {
            format!("Check {}", i.check_number)
        },
        deposited: documents::short_date(i.deposit_date),
        age: age_words(i.age_days),
        amount: i.amount.usd().to_string(),
        payer: i.payer.clone(),
        source: source_words(i),
        why: why_words(i),
    }
}

/// A refusal as a page of its own: an item that does not exist, a role without the
/// capability, a failure of ours.
pub(super) fn answer(e: RemittanceError) -> PageError {
    match e {
        RemittanceError::NotFound => crate::errors::not_found_page().into(),
        RemittanceError::Access(_) => super::denied(Capability::TakePayment).into(),
        RemittanceError::Store(s) => PageError::internal(&s),
        other => PageError::internal(&other),
    }
}

/// An item's id from the path; any other text is the 404 page.
pub(super) fn item_id(text: &str) -> Result<i64, PageError> {
    ids::or_not_found(text, |id| id)
}

#[derive(Template)]
#[template(path = "console/remittances.html")]
struct QueuePage {
    chrome: Chrome,
    staff: Option<Staff>,
    errors: Errors,
    tabs: Vec<TabLink>,
    caption: String,
    /// What the list says when it is empty.
    empty: &'static str,
    rows: Vec<Row>,
    /// "3 items open, $1,234.56 in all."
    open_words: String,
    /// The date picker's value.
    date: String,
    previous: Option<String>,
    next: Option<String>,
}

/// The queue's query string; anything it does not know reads as the default.
#[derive(Deserialize, Default)]
pub(super) struct QueueQuery {
    #[serde(default)]
    state: String,
    #[serde(default)]
    page: String,
    /// From the date picker: the day's report of this deposit date.
    #[serde(default)]
    date: Option<String>,
}

/// `GET /console/remittances?state=exception|resolved|returned|all&page=N`, or `?date=` to
/// go to that day's report.
pub(super) async fn queue(
    State(state): State<AppState>,
    s: SignedInStaff,
    Query(q): Query<QueueQuery>,
) -> PageResult {
    let tab = Tab::parse(&q.state);
    let page_no = q.page.parse::<u32>().ok().filter(|p| *p >= 1).unwrap_or(1);
    let typed = q.date.as_deref().map(str::trim).unwrap_or_default();
    let mut errors = Errors::default();
    if !typed.is_empty()
        && let Some(d) = super::typed_date(typed, "date", "the deposit date", &mut errors)
    {
        return Ok(Redirect::to(&day_href(d)).into_response());
    }
    let filter = ItemFilter {
        state: tab.state(),
        deposit_date: None,
    };
    let page = state
        .app
        .remittance_items(&s.staff.actor(), filter, page_no)
        .await
        .map_err(answer)?;
    let tabs = Tab::ALL
        .into_iter()
        .map(|t| TabLink {
            href: queue_href(t, 1),
            label: t.label(),
            current: t == tab,
        })
        .collect();
    let view = QueuePage {
        chrome: s.visitor.chrome("remittances"),
        staff: Some(s.staff.clone()),
        tabs,
        caption: format!("{}, oldest deposit first, page {page_no}", tab.label()),
        empty: match tab {
            Tab::Open => {
                "No open exceptions: every item the bank sent has posted or been resolved."
            }
            _ => "No items here.",
        },
        rows: page.items.iter().map(row).collect(),
        open_words: format!(
            "{} open, {} in all.",
            items_words(page.open_count),
            page.open_total.usd()
        ),
        date: typed.to_owned(),
        previous: (page_no > 1).then(|| queue_href(tab, page_no - 1)),
        next: page
            .more
            .then(|| queue_href(tab, page_no.saturating_add(1))),
        errors,
    };
    let status = crate::kit::status_of(&view.errors);
    Ok(s.visitor.visit.respond((status, render(&view))))
}

/// A line of the day's report: what became of the day's items, how many, how much.
struct DayLine {
    label: &'static str,
    count: usize,
    total: String,
}

#[derive(Template)]
#[template(path = "console/remittances_day.html")]
struct DayPage {
    chrome: Chrome,
    staff: Option<Staff>,
    long_date: String,
    lines: Vec<DayLine>,
    rows: Vec<Row>,
    previous: Option<String>,
    next: Option<String>,
}

/// `GET /console/remittances/days/{date}`: the day's report of a deposit date.
pub(super) async fn day(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(date): Path<String>,
) -> PageResult {
    let Ok(date) = date.parse::<Date>() else {
        return Ok(crate::errors::not_found_page());
    };
    let r: RemittanceDay = state
        .app
        .remittance_day(&s.staff.actor(), date)
        .await
        .map_err(answer)?;
    let line = |label: &'static str, (count, total): (usize, Money)| DayLine {
        label,
        count,
        total: total.usd().to_string(),
    };
    let view = DayPage {
        chrome: s.visitor.chrome("remittances"),
        staff: Some(s.staff.clone()),
        long_date: documents::long_date(r.date),
        lines: vec![
            line("Received", r.received),
            line("Posted automatically", r.posted),
            line("In the exception queue now", r.exceptions),
            line("Resolved by staff (applied or split)", r.resolved),
            line("Returned to the sender", r.returned),
        ],
        rows: r.items.iter().map(row).collect(),
        previous: r.date.yesterday().ok().map(day_href),
        next: r.date.tomorrow().ok().map(day_href),
    };
    Ok(s.visitor.visit.respond(render(&view)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_age_and_a_count_read_as_people_say_them() {
        assert_eq!(age_words(0), "today");
        assert_eq!(age_words(-1), "today");
        assert_eq!(age_words(1), "1 day");
        assert_eq!(age_words(12), "12 days");
        assert_eq!(items_words(1), "1 item");
        assert_eq!(items_words(0), "0 items");
    }

    #[test]
    fn the_queue_links_to_declared_routes() {
        assert_eq!(
            queue_href(Tab::Open, 2),
            format!("{QUEUE}?state=exception&page=2")
        );
        assert_eq!(Tab::parse("nonsense"), Tab::Open);
        for t in Tab::ALL {
            assert_eq!(Tab::parse(t.as_str()), t);
        }
        assert_eq!(
            day_href(jiff::civil::date(2026, 11, 25)),
            DAY.replace("{date}", "2026-11-25")
        );
        assert_eq!(item_href(7, ""), format!("{QUEUE}/7"));
    }
}
