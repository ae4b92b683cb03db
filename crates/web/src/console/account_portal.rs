//! See what the borrower sees: the borrower's portal pages for staff, read-only. The
//! dashboard, each loan's page and full schedule, each loan's AutoPay page and the message
//! center. The figures come from the portal's own reads (`App::portal_view` and
//! `app::staff_portal`) and are put into words by the portal's own view-models (the loan card,
//! the loan page, the schedule, the AutoPay state, the message center's rows), so they are what
//! the borrower has on their screen. The pages have no form, and their links lead only to these
//! copies and to the console, never into the borrower's portal: nothing on them can act as the
//! borrower. Each says so in a banner with the way back to the account.

use super::SignedInStaff;
use super::account::{account_error, account_url, not_found};
use crate::AppState;
use crate::kit::page::render;
use crate::kit::{Chrome, PageError, PageResult, ids};
use crate::portal::account::{LoanCard, LoanPage, SchedulePage, long_date};
use crate::portal::autopay::AutopayState;
use crate::portal::messages::{MessageRow, ThreadRow};
use app::staff::Staff;
use askama::Template;
use axum::extract::{Path, State};
use domain::account_number::AccountNumber;
use store::{BorrowerId, PaymentMethod};

/// What every read-only page shows above the borrower's page: whose view it is, that it is
/// read-only, and the links back to the account and between the copies.
struct ReadOnly {
    /// The borrower's full name.
    name: String,
    /// Which page of the portal this is, in words (the dashboard, the loan page…).
    page: &'static str,
    /// Whether the borrower has a portal sign-in.
    enrolled: bool,
    /// The account page.
    account_href: String,
    /// The read-only dashboard; the other copies are under it.
    portal_href: String,
}

impl ReadOnly {
    fn new(borrower: BorrowerId, name: String, page: &'static str, enrolled: bool) -> Self {
        let account_href = account_url(borrower, "");
        ReadOnly {
            portal_href: format!("{account_href}/portal"),
            account_href,
            name,
            page,
            enrolled,
        }
    }
}

/// The account number in a path: one that cannot be read is answered as one that does not
/// exist.
fn account_of(text: &str) -> Result<AccountNumber, PageError> {
    text.parse::<AccountNumber>().map_err(|_| not_found())
}

#[derive(Template)]
#[template(path = "console/account_portal.html")]
struct DashboardCopy {
    chrome: Chrome,
    staff: Option<Staff>,
    ro: ReadOnly,
    today: String,
    unread: i64,
    loans: Vec<LoanCard>,
}

/// `GET /console/borrowers/{id}/portal`: the dashboard.
pub(super) async fn page(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(id): Path<String>,
) -> PageResult {
    let borrower = ids::borrower(&id)?;
    let view = state
        .app
        .portal_view(&s.staff.actor(), borrower)
        .await
        .map_err(account_error)?;
    let name = state.app.store().borrower(borrower).await?.full_name;
    let rows = &view.dashboard.rows;
    let page = DashboardCopy {
        chrome: s.visitor.chrome(""),
        staff: Some(s.staff.clone()),
        ro: ReadOnly::new(borrower, name, "dashboard", view.enrolled),
        today: long_date(view.dashboard.business_date),
        unread: rows.unread_messages,
        loans: rows
            .loans
            .iter()
            .map(|v| {
                LoanCard::of(
                    v,
                    &rows.pending,
                    rows.autopays.iter().find(|a| a.loan == v.loan),
                    &view.dashboard.headline(v.loan),
                )
            })
            .collect(),
    };
    Ok(s.visitor.visit.respond(render(&page)))
}

#[derive(Template)]
#[template(path = "console/portal_loan.html")]
struct LoanCopy {
    chrome: Chrome,
    staff: Option<Staff>,
    ro: ReadOnly,
    /// The portal's loan page.
    p: LoanPage,
}

/// `GET /console/borrowers/{id}/portal/loans/{account}`: a loan's page (payoff for today).
pub(super) async fn loan(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path((id, account)): Path<(String, String)>,
) -> PageResult {
    let borrower = ids::borrower(&id)?;
    let account = account_of(&account)?;
    let v = state
        .app
        .portal_loan(&s.staff.actor(), borrower, account)
        .await
        .map_err(account_error)?;
    let chrome = s.visitor.chrome("");
    let page = LoanCopy {
        ro: ReadOnly::new(borrower, v.name, "loan page", v.enrolled),
        p: LoanPage::of(chrome.clone(), v.details, false),
        chrome,
        staff: Some(s.staff.clone()),
    };
    Ok(s.visitor.visit.respond(render(&page)))
}

#[derive(Template)]
#[template(path = "console/portal_schedule.html")]
struct ScheduleCopy {
    chrome: Chrome,
    staff: Option<Staff>,
    ro: ReadOnly,
    /// The portal's schedule page.
    p: SchedulePage,
}

/// `GET /console/borrowers/{id}/portal/loans/{account}/schedule`: a loan's full schedule.
pub(super) async fn schedule(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path((id, account)): Path<(String, String)>,
) -> PageResult {
    let borrower = ids::borrower(&id)?;
    let account = account_of(&account)?;
    let v = state
        .app
        .portal_schedule(&s.staff.actor(), borrower, account)
        .await
        .map_err(account_error)?;
    let chrome = s.visitor.chrome("");
    let page = ScheduleCopy {
        p: SchedulePage::of(chrome.clone(), &v.details),
        ro: ReadOnly::new(borrower, v.name, "payment schedule", v.enrolled),
        chrome,
        staff: Some(s.staff.clone()),
    };
    Ok(s.visitor.visit.respond(render(&page)))
}

#[derive(Template)]
#[template(path = "console/portal_autopay.html")]
struct AutopayCopy {
    chrome: Chrome,
    staff: Option<Staff>,
    ro: ReadOnly,
    account: String,
    last4: String,
    /// The AutoPay as the portal's page states it.
    autopay: AutopayState,
    /// The words the borrower agreed to for the live AutoPay, and their version.
    words: Option<(String, String)>,
    /// The methods saved to the borrower's sign-in (masked), which their page offers to draft
    /// from.
    methods: Vec<PaymentMethod>,
}

/// `GET /console/borrowers/{id}/portal/loans/{account}/autopay`: a loan's AutoPay page.
pub(super) async fn autopay(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path((id, account)): Path<(String, String)>,
) -> PageResult {
    let borrower = ids::borrower(&id)?;
    let account = account_of(&account)?;
    let a = state
        .app
        .portal_autopay(&s.staff.actor(), borrower, account)
        .await
        .map_err(account_error)?;
    let words = a.live().map(|l| (l.text.clone(), l.version.clone()));
    let autopay = AutopayState::of(&a.history, &a.methods, state.app.zone());
    let page = AutopayCopy {
        chrome: s.visitor.chrome(""),
        staff: Some(s.staff.clone()),
        ro: ReadOnly::new(borrower, a.name, "AutoPay page", a.enrolled),
        account: a.view.account_number.to_string(),
        last4: a.view.account_number.last4(),
        autopay,
        words,
        methods: a.methods,
    };
    Ok(s.visitor.visit.respond(render(&page)))
}

#[derive(Template)]
#[template(path = "console/portal_messages.html")]
struct MessagesCopy {
    chrome: Chrome,
    staff: Option<Staff>,
    ro: ReadOnly,
    inbox: Vec<MessageRow>,
    threads: Vec<ThreadRow>,
}

/// `GET /console/borrowers/{id}/portal/messages`: the message center (nothing is marked read).
pub(super) async fn messages(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(id): Path<String>,
) -> PageResult {
    let borrower = ids::borrower(&id)?;
    let m = state
        .app
        .portal_messages(&s.staff.actor(), borrower)
        .await
        .map_err(account_error)?;
    let zone = state.app.zone();
    let page = MessagesCopy {
        chrome: s.visitor.chrome(""),
        staff: Some(s.staff.clone()),
        ro: ReadOnly::new(borrower, m.name, "message center", m.enrolled),
        inbox: m
            .inbox
            .into_iter()
            .map(|(message, read)| MessageRow::of(message, read, zone, i18n::Lang::En))
            .collect(),
        threads: m
            .threads
            .iter()
            .map(|t| ThreadRow::of(t, zone, i18n::Lang::En))
            .collect(),
    };
    Ok(s.visitor.visit.respond(render(&page)))
}
