//! Borrowers' secure messages in the console: the inbox (unassigned, mine, all; open or
//! closed; oldest or newest first, with the service clock of each thread) and a thread with
//! its messages, the reply form (idempotent under a key made with the form, so a double-click
//! sends one reply), and assigning, closing and reopening. Every route needs
//! `AnswerMessages`; the use cases (`app::messages`) check again and audit each read and
//! action. Links are made from [`INBOX`], a declared route, so every console path named here
//! is one of the table's.

use super::{Needs, SignedInStaff, StaffVisitor};
use crate::AppState;
use crate::kit::page::{ErrorPage, render};
use crate::kit::time::local;
use crate::kit::{Chrome, Errors, NoFields, PageError, PageResult, Posted, ids};
use app::access::Capability;
use app::messages::{InboxRequest, MessageError, Show, ThreadView};
use app::staff::Staff;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use domain::messages::{MessageDirection, ThreadState, Waited};
use serde::Deserialize;
use store::{InboxOrder, StaffId};

/// The inbox; a thread is `{INBOX}/{id}`.
const INBOX: &str = "/console/messages";

/// The messages routes, added to the console's table.
pub(super) fn routes(t: super::Table) -> super::Table {
    let can = Needs::Capability(Capability::AnswerMessages);
    t.add(Method::GET, INBOX, can, inbox)
        .add(Method::GET, "/console/messages/{thread}", can, thread)
        .add(Method::POST, "/console/messages/{thread}/reply", can, reply)
        .add(
            Method::POST,
            "/console/messages/{thread}/assign",
            can,
            assign,
        )
        .add(Method::POST, "/console/messages/{thread}/close", can, close)
        .add(
            Method::POST,
            "/console/messages/{thread}/reopen",
            can,
            reopen,
        )
}

/// A link of the inbox's choices, current or not.
struct Tab {
    href: String,
    label: &'static str,
    current: bool,
}

/// A thread in the inbox.
struct InboxLine {
    id: i64,
    subject: String,
    borrower_id: i64,
    borrower_name: String,
    assigned: String,
    messages: i64,
    /// "waiting 3 h 20 min", "answered" or "closed".
    clock: String,
    /// Still waiting for an answer.
    waiting: bool,
    updated: String,
}

#[derive(Template)]
#[template(path = "console/messages.html")]
struct InboxPage {
    chrome: Chrome,
    staff: Option<Staff>,
    caption: String,
    shows: Vec<Tab>,
    states: Vec<Tab>,
    orders: Vec<Tab>,
    lines: Vec<InboxLine>,
    previous: Option<String>,
    next: Option<String>,
}

/// A message of a thread, as staff read it.
struct Line {
    /// Who wrote it: the borrower's name, the staff user's, or the API client's.
    from: String,
    /// "Borrower", "Staff" or "API client".
    role: &'static str,
    when: String,
    body: String,
}

#[derive(Template)]
#[template(path = "console/message_thread.html")]
struct ThreadPage {
    chrome: Chrome,
    staff: Option<Staff>,
    errors: Errors,
    id: i64,
    subject: String,
    borrower_id: i64,
    borrower_name: String,
    closed: bool,
    assigned: Option<String>,
    mine: bool,
    clock: String,
    started: String,
    lines: Vec<Line>,
    body: String,
    key: String,
    done: &'static str,
}

/// The service clock in words: how long the borrower has waited, or why nothing waits.
fn clock(state: ThreadState, waiting_since_us: Option<i64>, now_us: i64) -> String {
    match (Waited::between(waiting_since_us, now_us), state) {
        (Some(w), _) => format!("waiting {w}"),
        (None, ThreadState::Open) => "answered".to_owned(),
        (None, ThreadState::Closed) => "closed".to_owned(),
    }
}

/// The inbox's query string; anything it does not know reads as the default.
#[derive(Deserialize, Default)]
pub(super) struct InboxQuery {
    #[serde(default)]
    show: String,
    #[serde(default)]
    state: String,
    #[serde(default)]
    order: String,
    #[serde(default)]
    page: String,
}

impl InboxQuery {
    /// What it asks for: by default the open threads nobody has, the longest waiting first.
    fn request(&self) -> InboxRequest {
        InboxRequest {
            show: Show::parse(&self.show).unwrap_or(Show::Unassigned),
            state: ThreadState::parse(&self.state).unwrap_or(ThreadState::Open),
            order: InboxOrder::parse(&self.order).unwrap_or(InboxOrder::OldestFirst),
            page: self
                .page
                .parse::<u32>()
                .ok()
                .filter(|p| *p >= 1)
                .unwrap_or(1),
        }
    }
}

/// The inbox's address for `r`.
fn inbox_href(r: &InboxRequest) -> String {
    format!(
        "{INBOX}?show={}&state={}&order={}&page={}",
        r.show.as_str(),
        r.state.as_str(),
        r.order.as_str(),
        r.page
    )
}

/// The three rows of choices: whose threads, open or closed, which first (a choice starts
/// again at page 1).
fn tabs(r: &InboxRequest) -> (Vec<Tab>, Vec<Tab>, Vec<Tab>) {
    let first = InboxRequest { page: 1, ..*r };
    let shows = [
        (Show::Unassigned, "Unassigned"),
        (Show::Mine, "Mine"),
        (Show::All, "All"),
    ]
    .into_iter()
    .map(|(show, label)| Tab {
        href: inbox_href(&InboxRequest { show, ..first }),
        label,
        current: r.show == show,
    })
    .collect();
    let states = [(ThreadState::Open, "Open"), (ThreadState::Closed, "Closed")]
        .into_iter()
        .map(|(state, label)| Tab {
            href: inbox_href(&InboxRequest { state, ..first }),
            label,
            current: r.state == state,
        })
        .collect();
    let orders = [
        (InboxOrder::OldestFirst, "Oldest first"),
        (InboxOrder::NewestFirst, "Newest first"),
    ]
    .into_iter()
    .map(|(order, label)| Tab {
        href: inbox_href(&InboxRequest { order, ..first }),
        label,
        current: r.order == order,
    })
    .collect();
    (shows, states, orders)
}

/// A refusal as a page of its own: a thread that does not exist, a role without the
/// capability, a failure of ours.
fn answer(e: MessageError) -> PageError {
    match e {
        MessageError::NotFound => crate::errors::not_found_page().into(),
        MessageError::Denied(d) => super::denied(d.capability).into(),
        MessageError::Store(s) => PageError::internal(&s),
        other => PageError::internal(&other),
    }
}

/// `GET /console/messages?show=unassigned|mine|all&state=open|closed&order=oldest|newest&page=N`
pub(super) async fn inbox(
    State(state): State<AppState>,
    s: SignedInStaff,
    Query(q): Query<InboxQuery>,
) -> PageResult {
    let r = q.request();
    let page = state
        .app
        .inbox(&s.staff.actor(), &r)
        .await
        .map_err(answer)?;
    let now = state.app.now_us();
    let (shows, states, orders) = tabs(&r);
    let caption = format!(
        "{} threads: {}, {}, page {}",
        match r.state {
            ThreadState::Open => "Open",
            ThreadState::Closed => "Closed",
        },
        match r.show {
            Show::Unassigned => "unassigned",
            Show::Mine => "assigned to you",
            Show::All => "everyone's",
        },
        match r.order {
            InboxOrder::OldestFirst => "oldest first",
            InboxOrder::NewestFirst => "newest first",
        },
        r.page
    );
    let lines = page
        .rows
        .into_iter()
        .map(|row| {
            let t = row.thread;
            InboxLine {
                id: t.id,
                subject: t.subject,
                borrower_id: t.borrower.0,
                borrower_name: row.borrower_name,
                assigned: row.assigned_name.unwrap_or_else(|| "Nobody".to_owned()),
                messages: t.messages,
                clock: clock(t.state, t.waiting_since_us, now),
                waiting: t.waiting_since_us.is_some(),
                updated: local(state.app.zone(), t.updated_at_us),
            }
        })
        .collect();
    let view = InboxPage {
        chrome: s.visitor.chrome("messages"),
        caption,
        shows,
        states,
        orders,
        lines,
        previous: (r.page > 1).then(|| {
            inbox_href(&InboxRequest {
                page: r.page - 1,
                ..r
            })
        }),
        next: page.more.then(|| {
            inbox_href(&InboxRequest {
                page: r.page.saturating_add(1),
                ..r
            })
        }),
        staff: Some(s.staff.clone()),
    };
    Ok(s.visitor.visit.respond(render(&view)))
}

/// What a thread page says was just done (`?done=…` after an action).
#[derive(Deserialize, Default)]
pub(super) struct DoneQuery {
    #[serde(default)]
    done: String,
}

/// The notice of an action just done, in words; "" for none.
fn done_notice(done: &str) -> &'static str {
    match done {
        // The use case does not say whether an alert went out (the borrower may have turned
        // the secure-message alert off): only what is true either way.
        "replied" => "Your reply is sent. The borrower sees it in the portal's messages.",
        "assigned" => "The thread is yours.",
        "assigned-other" => "The thread is given to the staff user you chose.",
        "unassigned" => "The thread is back with nobody: it shows under Unassigned.",
        "closed" => "The thread is closed. If the borrower writes again, it opens again.",
        "reopened" => "The thread is open again.",
        _ => "",
    }
}

/// The page of thread `id` (read through the use case, which audits it), with `errors` and
/// `body` for a reply shown again, and a new key for the reply form.
async fn thread_page(
    state: &AppState,
    s: &SignedInStaff,
    id: i64,
    errors: Errors,
    body: String,
    done: &'static str,
) -> PageResult {
    let ThreadView { row, messages } = state
        .app
        .thread(&s.staff.actor(), id)
        .await
        .map_err(answer)?;
    let now = state.app.now_us();
    let t = row.thread;
    let borrower_name = row.borrower_name;
    let lines = messages
        .into_iter()
        .map(|m| {
            let (from, role) = match (m.direction, m.staff_name) {
                (MessageDirection::ToServicer, _) => (borrower_name.clone(), "Borrower"),
                (MessageDirection::ToBorrower, Some(name)) => (name, "Staff"),
                // A reply written through the API: its author is the client.
                (MessageDirection::ToBorrower, None) => (m.author, "API client"),
            };
            Line {
                from,
                role,
                when: local(state.app.zone(), m.created_at_us),
                body: m.body,
            }
        })
        .collect();
    let view = ThreadPage {
        chrome: s.visitor.chrome("messages"),
        errors,
        id: t.id,
        subject: t.subject,
        borrower_id: t.borrower.0,
        borrower_name,
        closed: t.state == ThreadState::Closed,
        mine: t.assigned_to == Some(s.staff.id),
        assigned: row.assigned_name,
        clock: clock(t.state, t.waiting_since_us, now),
        started: local(state.app.zone(), t.created_at_us),
        lines,
        body,
        key: app::identity::random_token()[..32].to_owned(),
        done,
        staff: Some(s.staff.clone()),
    };
    Ok(s.visitor.visit.respond(render(&view)))
}

/// `GET /console/messages/{thread}`
pub(super) async fn thread(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(id): Path<String>,
    Query(q): Query<DoneQuery>,
) -> PageResult {
    let id = ids::thread(&id)?;
    thread_page(
        &state,
        &s,
        id,
        Errors::default(),
        String::new(),
        done_notice(&q.done),
    )
    .await
}

/// Back to thread `id`, saying what was done.
fn done(id: i64, what: &str) -> Response {
    Redirect::to(&format!("{INBOX}/{id}?done={what}")).into_response()
}

/// The reply form.
#[derive(Deserialize)]
pub(super) struct ReplyForm {
    #[serde(default)]
    body: String,
    /// Made with the form: the same form sent twice sends one reply.
    #[serde(default)]
    key: String,
}

/// `POST /console/messages/{thread}/reply`
pub(super) async fn reply(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(id): Path<String>,
    posted: Posted<ReplyForm, StaffVisitor>,
) -> PageResult {
    let id = ids::thread(&id)?;
    let f = posted.form;
    let refusal = match state.app.reply(&s.staff.actor(), id, &f.body, &f.key).await {
        Ok(_) => return Ok(done(id, "replied")),
        Err(e @ (MessageError::TextMissing(_) | MessageError::TextTooLong { .. })) => {
            e.to_string()
        }
        // The form's key was tampered with, or used for another reply (the form sent again
        // after its text was changed): the page comes back with a new key.
        Err(MessageError::BadKey | MessageError::KeyReused) => {
            "This form was already used to send a reply. Check the messages above, then send again if you still need to.".to_owned()
        }
        Err(e) => return Err(answer(e)),
    };
    let page = thread_page(&state, &s, id, Errors::one("body", refusal), f.body, "").await?;
    Ok((StatusCode::BAD_REQUEST, page).into_response())
}

/// The assign form: `me`, `nobody`, or a staff user's id.
#[derive(Deserialize)]
pub(super) struct AssignForm {
    #[serde(default)]
    to: String,
}

/// `POST /console/messages/{thread}/assign`
pub(super) async fn assign(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(id): Path<String>,
    posted: Posted<AssignForm, StaffVisitor>,
) -> PageResult {
    let id = ids::thread(&id)?;
    let to = match posted.form.to.as_str() {
        "me" => Some(s.staff.id),
        "nobody" => None,
        other => match ids::positive(other) {
            Some(n) => Some(StaffId(n)),
            None => return Ok(incomplete()),
        },
    };
    match state.app.assign_thread(&s.staff.actor(), id, to).await {
        Ok(()) => Ok(done(
            id,
            if to.is_some() && to != Some(s.staff.id) {
                "assigned-other"
            } else if to.is_some() {
                "assigned"
            } else {
                "unassigned"
            },
        )),
        Err(MessageError::StaffUnknown) => Ok(incomplete()),
        Err(e) => Err(answer(e)),
    }
}

/// The answer to a form whose choice is not one the page offers.
fn incomplete() -> Response {
    (
        StatusCode::BAD_REQUEST,
        render(&ErrorPage::new(
            "error-form-incomplete",
            "error-form-reload-body",
            None,
        )),
    )
        .into_response()
}

/// `POST /console/messages/{thread}/close`
pub(super) async fn close(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(id): Path<String>,
    posted: Posted<NoFields, StaffVisitor>,
) -> PageResult {
    let _ = posted.form;
    let id = ids::thread(&id)?;
    state
        .app
        .close_thread(&s.staff.actor(), id)
        .await
        .map_err(answer)?;
    Ok(done(id, "closed"))
}

/// `POST /console/messages/{thread}/reopen`
pub(super) async fn reopen(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(id): Path<String>,
    posted: Posted<NoFields, StaffVisitor>,
) -> PageResult {
    let _ = posted.form;
    let id = ids::thread(&id)?;
    state
        .app
        .reopen_thread(&s.staff.actor(), id)
        .await
        .map_err(answer)?;
    Ok(done(id, "reopened"))
}
