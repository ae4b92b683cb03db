//! The approvals inbox in the console (four eyes, ADR 0025): the requests waiting for a
//! second person, oldest first, grouped by kind, with who asked, the loan, the amount, what
//! it does and how long it has waited; a checker approves or rejects each (a reason required),
//! or approves several of one kind at once. Nobody sees approve buttons on their own requests.
//! "My requests" lists what the viewer asked for and what became of each: waiting, done (with
//! the action's reference), refused when it ran (with why), or rejected (with the reason).
//!
//! The page needs `RequestAction` (every role); deciding needs `Approve`. The use cases
//! (`app::approvals`) check again: the action's own capability, and that the checker is not
//! the maker.

use super::{Needs, SignedInStaff, StaffVisitor, Table};
use crate::AppState;
use crate::kit::page::render;
use crate::kit::{Chrome, Errors, NoFields, PageError, PageResult, Posted, ids};
use app::access::Capability;
use app::approvals::{
    ActionKind, Approval, ApprovalError, ApprovalId, ApprovalOutcome, ApprovalQuery, ApprovalState,
    CheckerRefusal, Outcome,
};
use app::staff::Staff;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use money::Money;
use serde::Deserialize;

/// The inbox.
const APPROVALS: &str = "/console/approvals";
/// Approving one request.
const APPROVE: &str = "/console/approvals/{id}/approve";
/// Rejecting one request.
const REJECT: &str = "/console/approvals/{id}/reject";
/// Approving the requests selected (of one kind).
const APPROVE_SELECTED: &str = "/console/approvals/approve";

/// The inbox's routes: seeing it needs `RequestAction`, deciding needs `Approve`.
pub(super) fn routes(t: Table) -> Table {
    let decide = Needs::Capability(Capability::Approve);
    t.add(
        Method::GET,
        APPROVALS,
        Needs::Capability(Capability::RequestAction),
        inbox,
    )
    .add(Method::POST, APPROVE_SELECTED, decide, approve_selected)
    .add(Method::POST, APPROVE, decide, approve)
    .add(Method::POST, REJECT, decide, reject)
}

/// Which list the page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tab {
    /// Waiting for a checker.
    Pending,
    /// The viewer's own requests.
    Mine,
}

impl Tab {
    const ALL: [Tab; 2] = [Tab::Pending, Tab::Mine];

    fn parse(text: &str) -> Tab {
        if text == "mine" {
            Tab::Mine
        } else {
            Tab::Pending
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Tab::Pending => "pending",
            Tab::Mine => "mine",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Tab::Pending => "Waiting for approval",
            Tab::Mine => "My requests",
        }
    }
}

/// The inbox's address for `tab`.
fn tab_href(tab: Tab) -> String {
    format!("{APPROVALS}?tab={}", tab.as_str())
}

/// A link of the tabs.
struct TabLink {
    href: String,
    label: &'static str,
    current: bool,
}

/// A request as a row.
struct Row {
    id: i64,
    /// The loan's account number, and its last four digits.
    account: String,
    last4: String,
    amount: String,
    summary: String,
    /// Who asked.
    maker: String,
    /// How long ago it was asked for.
    age: String,
    /// The viewer asked for it.
    own: bool,
    /// The viewer may approve or reject it.
    can_decide: bool,
    /// What it needs, for a viewer who may not decide it.
    needs: String,
    /// Where it is, in words (for "My requests").
    state: String,
}

/// The pending requests of one kind.
struct Group {
    /// The kind's stored name (the bulk form's id and value).
    kind: &'static str,
    label: &'static str,
    rows: Vec<Row>,
    /// The viewer may decide two or more of them: the bulk form is shown.
    bulk: bool,
}

#[derive(Template)]
#[template(path = "console/approvals.html")]
struct InboxPage {
    chrome: Chrome,
    staff: Option<Staff>,
    tabs: Vec<TabLink>,
    mine: bool,
    /// What was just done (after a decision).
    notice: Option<String>,
    /// Why the decision asked for was not taken.
    problem: Option<String>,
    groups: Vec<Group>,
    rows: Vec<Row>,
    /// A rejection refused for its reason: the message, beside the reason.
    errors: Errors,
    /// The request whose reject form came back (drawn open, its reason box the one the error
    /// summary links to, `#reason`); 0 for none.
    rejected: i64,
    /// The reason as typed on that form.
    reason: String,
}

/// A reject form that came back: the request, the reason as typed, and what is wrong with it.
#[derive(Default)]
struct Rejected {
    id: i64,
    reason: String,
    errors: Errors,
}

/// "just now", "1 minute", "5 hours", "3 days": how long ago `then_us` was.
fn age_words(now_us: i64, then_us: i64) -> String {
    let minutes = now_us.saturating_sub(then_us) / 60_000_000;
    let (n, unit) = match minutes {
        i64::MIN..=0 => return "just now".to_owned(),
        1..=59 => (minutes, "minute"),
        60..=1439 => (minutes / 60, "hour"),
        _ => (minutes / 1440, "day"),
    };
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// An amount, or "None" for an action without one (a due-date change).
fn amount_words(amount: Money) -> String {
    if amount.is_zero() {
        "None".to_owned()
    } else {
        amount.usd().to_string()
    }
}

/// A person as the inbox names them: the staff user's name, else the audit log's name.
fn person(name: Option<&str>, audit: &str) -> String {
    name.unwrap_or(audit).to_owned()
}

/// Where a request is, in words, for its maker.
fn state_words(a: &Approval) -> String {
    let checker = person(
        a.checker_name.as_deref(),
        a.checker.as_deref().unwrap_or("?"),
    );
    match (a.state, a.outcome) {
        (ApprovalState::Pending, _) => "Waiting for approval".to_owned(),
        (ApprovalState::Rejected, _) => format!(
            "Rejected by {checker}: {}",
            a.reason.as_deref().unwrap_or("no reason given")
        ),
        (ApprovalState::Approved, Some(ApprovalOutcome::Done)) => format!(
            "Approved by {checker} and done (reference {})",
            a.outcome_reference.as_deref().unwrap_or("?")
        ),
        (ApprovalState::Approved, Some(ApprovalOutcome::Failed)) => format!(
            "Approved by {checker}, but refused when it ran: {}. Nothing was changed",
            a.outcome_message.as_deref().unwrap_or("no reason given")
        ),
        (ApprovalState::Approved, None) => format!("Approved by {checker}; being done"),
    }
}

/// Whether `staff` made request `a`.
fn is_own(staff: &Staff, a: &Approval) -> bool {
    a.maker_staff == Some(staff.id)
}

fn row(staff: &Staff, now_us: i64, a: &Approval) -> Row {
    let own = is_own(staff, a);
    let capability = a.kind.capability();
    Row {
        id: a.id.0,
        account: a.account.to_string(),
        last4: a.account.last4(),
        amount: amount_words(a.amount),
        summary: a.summary.clone(),
        maker: person(a.maker_name.as_deref(), &a.maker),
        age: age_words(now_us, a.created_at_us),
        own,
        can_decide: !own && staff.may(Capability::Approve) && staff.may(capability),
        needs: format!("Someone who may {}", capability.action()),
        state: state_words(a),
    }
}

/// The pending requests grouped by kind, in the order of the kinds, each oldest first.
fn groups(staff: &Staff, now_us: i64, pending: &[Approval]) -> Vec<Group> {
    ActionKind::ALL
        .iter()
        .filter_map(|kind| {
            let rows: Vec<Row> = pending
                .iter()
                .filter(|a| a.kind == *kind)
                .map(|a| row(staff, now_us, a))
                .collect();
            (!rows.is_empty()).then(|| Group {
                kind: kind.as_str(),
                label: kind.describe(),
                bulk: rows.iter().filter(|r| r.can_decide).count() >= 2,
                rows,
            })
        })
        .collect()
}

/// What a just-made decision on request `id` came to (`?done=` after the redirect).
async fn notice(state: &AppState, s: &SignedInStaff, q: &InboxQuery) -> Option<String> {
    let count = |text: &str| text.parse::<u32>().unwrap_or(0);
    match q.done.as_str() {
        "rejected" => Some(format!(
            "Request {} rejected. Nothing was changed; the maker sees your reason.",
            ids::positive(&q.request)?
        )),
        "selected" => {
            let mut said = format!(
                "{} approved and done; {} refused when they ran (the maker's list says why).",
                count(&q.done_count),
                count(&q.failed_count)
            );
            let skipped = count(&q.skipped_count);
            if skipped > 0 {
                said.push_str(&format!(
                    " {skipped} not approved: already decided by someone else, your own, or not decided because of an error; they are as the list shows."
                ));
            }
            Some(said)
        }
        "approved" => {
            let id = ids::positive(&q.request)?;
            let a = state
                .app
                .approval_request(&s.staff.actor(), ApprovalId(id))
                .await
                .ok()?;
            Some(match a.outcome {
                Some(ApprovalOutcome::Failed) => format!(
                    "Request {id} approved, but it was refused when it ran: {}. Nothing was changed.",
                    a.outcome_message.as_deref().unwrap_or("no reason given")
                ),
                _ => format!(
                    "Request {id} approved and done: {} (reference {}).",
                    a.summary,
                    a.outcome_reference.as_deref().unwrap_or("?")
                ),
            })
        }
        _ => None,
    }
}

/// The inbox's query string; anything it does not know reads as the default.
#[derive(Deserialize, Default)]
pub(super) struct InboxQuery {
    #[serde(default)]
    tab: String,
    #[serde(default)]
    done: String,
    #[serde(default)]
    request: String,
    #[serde(default)]
    done_count: String,
    #[serde(default)]
    failed_count: String,
    #[serde(default)]
    skipped_count: String,
}

/// The inbox's page for `tab`, with a notice or a problem, answered with `status`.
async fn page(
    state: &AppState,
    s: &SignedInStaff,
    tab: Tab,
    notice: Option<String>,
    problem: Option<String>,
    status: StatusCode,
) -> PageResult {
    let shown = Shown {
        notice,
        problem,
        rejected: Rejected::default(),
    };
    page_with(state, s, tab, shown, status).await
}

/// What the inbox says besides its requests.
struct Shown {
    notice: Option<String>,
    problem: Option<String>,
    rejected: Rejected,
}

/// The inbox's page for `tab`, with what `shown` says, answered with `status`.
async fn page_with(
    state: &AppState,
    s: &SignedInStaff,
    tab: Tab,
    shown: Shown,
    status: StatusCode,
) -> PageResult {
    let actor = s.staff.actor();
    let now = state.app.now_us();
    let (groups, rows) = match tab {
        Tab::Pending => {
            let q = ApprovalQuery {
                state: Some(ApprovalState::Pending),
                maker: None,
                newest_first: false,
                limit: app::approvals::MOST_LISTED,
            };
            let pending = state
                .app
                .approval_requests(&actor, q)
                .await
                .map_err(answer)?;
            (groups(&s.staff, now, &pending), Vec::new())
        }
        Tab::Mine => {
            let q = ApprovalQuery {
                state: None,
                maker: Some(actor.audit_name()),
                newest_first: true,
                limit: 50,
            };
            let mine = state
                .app
                .approval_requests(&actor, q)
                .await
                .map_err(answer)?;
            let rows: Vec<Row> = mine.iter().map(|a| row(&s.staff, now, a)).collect();
            (Vec::new(), rows)
        }
    };
    // A reject form that came back is drawn open, its message beside its reason. A request
    // not drawn with a reject form for this viewer (decided by someone else meanwhile, or
    // theirs) has its message said on the page instead: the error summary links only to a
    // box that is there.
    let Shown {
        notice,
        mut problem,
        mut rejected,
    } = shown;
    let drawn = groups
        .iter()
        .flat_map(|g| &g.rows)
        .any(|r| r.id == rejected.id && r.can_decide && !r.own);
    if !drawn && !rejected.errors.is_empty() {
        problem = rejected
            .errors
            .0
            .first()
            .map(|(_, message)| format!("{message}. Nothing was changed."));
        rejected = Rejected::default();
    }
    let view = InboxPage {
        chrome: s.visitor.chrome("approvals"),
        staff: Some(s.staff.clone()),
        tabs: Tab::ALL
            .into_iter()
            .map(|t| TabLink {
                href: tab_href(t),
                label: t.label(),
                current: t == tab,
            })
            .collect(),
        mine: tab == Tab::Mine,
        notice,
        problem,
        groups,
        rows,
        errors: rejected.errors,
        rejected: rejected.id,
        reason: rejected.reason,
    };
    Ok(s.visitor.visit.respond((status, render(&view))))
}

/// `GET /console/approvals?tab=pending|mine`
pub(super) async fn inbox(
    State(state): State<AppState>,
    s: SignedInStaff,
    Query(q): Query<InboxQuery>,
) -> PageResult {
    let notice = notice(&state, &s, &q).await;
    page(&state, &s, Tab::parse(&q.tab), notice, None, StatusCode::OK).await
}

/// A refusal of a read as a page of its own.
fn answer(e: ApprovalError) -> PageError {
    match e {
        ApprovalError::NotFound => crate::errors::not_found_page().into(),
        ApprovalError::Denied(d) => super::denied(d.capability).into(),
        ApprovalError::Store(s) => PageError::internal(&s),
        other => PageError::internal(&other),
    }
}

/// A refused decision shown on the inbox (or a page of its own: no such request, a role
/// without the capability, a failure of ours).
async fn refused(state: &AppState, s: &SignedInStaff, e: ApprovalError) -> PageResult {
    if matches!(
        e,
        ApprovalError::NotFound | ApprovalError::Denied(_) | ApprovalError::Store(_)
    ) {
        return Err(answer(e));
    }
    let status = match &e {
        ApprovalError::Refused(CheckerRefusal::OwnRequest) => StatusCode::FORBIDDEN,
        ApprovalError::Refused(CheckerRefusal::Decided { .. }) => StatusCode::CONFLICT,
        _ => StatusCode::BAD_REQUEST,
    };
    let problem = format!("{}. Nothing was changed.", capitalized(&e.to_string()));
    page(state, s, Tab::Pending, None, Some(problem), status).await
}

/// `text` with its first letter in capitals.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The request of a path; any other text is the 404 page.
fn request_id(text: &str) -> Result<ApprovalId, PageError> {
    ids::or_not_found(text, ApprovalId)
}

/// `POST /console/approvals/{id}/approve`
pub(super) async fn approve(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(id): Path<String>,
    _posted: Posted<NoFields, StaffVisitor>,
) -> PageResult {
    let id = request_id(&id)?;
    match state.app.approve(&s.staff.actor(), id).await {
        Ok(_) => Ok(done(&format!("done=approved&request={}", id.0))),
        Err(e) => refused(&state, &s, e).await,
    }
}

/// The reject form.
#[derive(Deserialize)]
pub(super) struct RejectForm {
    #[serde(default)]
    reason: String,
}

/// `POST /console/approvals/{id}/reject`
pub(super) async fn reject(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(id): Path<String>,
    posted: Posted<RejectForm, StaffVisitor>,
) -> PageResult {
    let id = request_id(&id)?;
    let reason = posted.form.reason;
    match state.app.reject(&s.staff.actor(), id, &reason).await {
        Ok(()) => Ok(done(&format!("done=rejected&request={}", id.0))),
        // The reason's refusal goes beside it, on the request's form drawn open with what
        // was typed; nothing was changed.
        Err(e @ (ApprovalError::NoReason | ApprovalError::ReasonTooLong)) => {
            let message = match e {
                ApprovalError::NoReason => format!(
                    "Say why you reject request {}: the maker reads your reason",
                    id.0
                ),
                other => capitalized(&other.to_string()),
            };
            let shown = Shown {
                notice: None,
                problem: None,
                rejected: Rejected {
                    id: id.0,
                    reason,
                    errors: Errors::one("reason", message),
                },
            };
            page_with(&state, &s, Tab::Pending, shown, StatusCode::BAD_REQUEST).await
        }
        Err(e) => refused(&state, &s, e).await,
    }
}

/// The bulk form: the kind of the requests selected (each selected request is an `id` field).
#[derive(Deserialize)]
pub(super) struct SelectedForm {
    #[serde(default)]
    kind: String,
}

/// `POST /console/approvals/approve`: the requests selected, of one kind, each approved and
/// done as one would be.
pub(super) async fn approve_selected(
    State(state): State<AppState>,
    s: SignedInStaff,
    posted: Posted<SelectedForm, StaffVisitor>,
) -> PageResult {
    let chosen: Vec<ApprovalId> = posted
        .pairs
        .iter()
        .filter(|(k, _)| k == "id")
        .filter_map(|(_, v)| ids::positive(v))
        .map(ApprovalId)
        .collect();
    let kind = ActionKind::parse(&posted.form.kind).map_or("", |k| k.describe());
    if chosen.is_empty() {
        let problem = format!(
            "Select the requests to approve{}{kind}, then choose Approve selected. Nothing was changed.",
            if kind.is_empty() { "" } else { ": " }
        );
        return page(
            &state,
            &s,
            Tab::Pending,
            None,
            Some(problem),
            StatusCode::BAD_REQUEST,
        )
        .await;
    }
    match state.app.approve_many(&s.staff.actor(), &chosen).await {
        Ok(results) => {
            let done_count = results
                .iter()
                .filter(|(_, r)| matches!(r, Ok(Outcome::Done { .. })))
                .count();
            let failed_count = results
                .iter()
                .filter(|(_, r)| matches!(r, Ok(Outcome::Failed { .. })))
                .count();
            // Decided by someone else meanwhile, your own, or not decided at all.
            let skipped_count = results.len() - done_count - failed_count;
            Ok(done(&format!(
                "done=selected&done_count={done_count}&failed_count={failed_count}&skipped_count={skipped_count}"
            )))
        }
        Err(e) => refused(&state, &s, e).await,
    }
}

/// Back to the inbox, saying what was done.
fn done(query: &str) -> Response {
    Redirect::to(&format!("{APPROVALS}?{query}")).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_age_reads_as_people_say_it() {
        let minute = 60_000_000;
        assert_eq!(age_words(0, 0), "just now");
        assert_eq!(age_words(minute, 0), "1 minute");
        assert_eq!(age_words(5 * minute, 0), "5 minutes");
        assert_eq!(age_words(60 * minute, 0), "1 hour");
        assert_eq!(age_words(3 * 1440 * minute, 0), "3 days");
        assert_eq!(age_words(0, minute), "just now");
    }

    #[test]
    fn the_inbox_links_to_declared_routes() {
        for path in [APPROVE, REJECT, APPROVE_SELECTED] {
            assert!(path.starts_with(APPROVALS), "{path}");
        }
        for t in Tab::ALL {
            assert_eq!(Tab::parse(t.as_str()), t);
            assert!(tab_href(t).starts_with(APPROVALS));
        }
        assert_eq!(Tab::parse("anything"), Tab::Pending);
        assert_eq!(capitalized("you made this"), "You made this");
        assert_eq!(amount_words(Money::ZERO), "None");
        assert_eq!(amount_words(Money::from_cents(2_500)), "$25.00");
    }
}
