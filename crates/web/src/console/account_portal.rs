//! See what the borrower sees: the borrower's portal dashboard for staff, read-only. The
//! figures come from the portal's own read (`app::portal`'s dashboard rows, through
//! `App::portal_view`) and are worded as the portal words them; the page has no form and no
//! link into the borrower's portal, so nothing on it can act as the borrower.

use super::SignedInStaff;
use super::account::{account_error, account_url};
use crate::AppState;
use crate::kit::page::render;
use crate::kit::{Chrome, PageResult, ids};
use crate::portal::account::{long_date, usd};
use app::staff::Staff;
use askama::Template;
use axum::extract::{Path, State};
use domain::loan::LoanStatus;
use domain::payment::PaymentStatus;
use store::{Autopay, LoanView, Payment};

/// One loan as the dashboard shows it.
struct Card {
    last4: String,
    status: &'static str,
    balance: String,
    amount_due: String,
    due_date: String,
    past_due: Option<(String, u32)>,
    credit: Option<String>,
    reestablish_autopay: bool,
    is_active: bool,
    autopay: Option<String>,
    /// (amount, date, status) of each payment not yet sent.
    pending: Vec<(String, String, &'static str)>,
}

impl Card {
    /// The dashboard's figures of one loan (as `portal::account`'s loan card has them).
    fn of(v: &LoanView, pending: &[Payment], autopay: Option<&Autopay>) -> Card {
        let s = &v.snapshot;
        Card {
            last4: v.account_number.last4(),
            status: s.status.label(s.days_past_due),
            balance: usd(s.principal + s.interest + s.fees),
            amount_due: usd(s.amount_due),
            due_date: s.next_due_date.map_or_else(|| "None".to_owned(), long_date),
            past_due: (s.past_due.is_positive() && s.status == LoanStatus::Active)
                .then(|| (usd(s.past_due), s.days_past_due)),
            credit: s.unapplied.is_positive().then(|| usd(s.unapplied)),
            reestablish_autopay: v.autopay_must_be_reestablished
                && s.status == LoanStatus::Active
                && autopay.is_none(),
            is_active: s.status == LoanStatus::Active,
            autopay: autopay.map(|a| {
                let amount = a
                    .fixed_amount
                    .map_or_else(|| "the scheduled payment".to_owned(), usd);
                match a.days_before_due {
                    0 => format!("On: {amount} on each due date"),
                    n => format!("On: {amount}, {n} days before each due date"),
                }
            }),
            pending: pending
                .iter()
                .filter(|p| p.loan == v.loan && p.status == PaymentStatus::Scheduled)
                .map(|p| {
                    (
                        usd(p.amount),
                        long_date(p.credit_date),
                        crate::portal::payments::status_words(p),
                    )
                })
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "console/account_portal.html")]
struct PortalPage {
    chrome: Chrome,
    staff: Option<Staff>,
    account_href: String,
    name: String,
    enrolled: bool,
    today: String,
    unread: i64,
    loans: Vec<Card>,
}

/// `GET /console/borrowers/{id}/portal`
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
    let page = PortalPage {
        chrome: s.visitor.chrome(""),
        staff: Some(s.staff.clone()),
        account_href: account_url(borrower, ""),
        name,
        enrolled: view.enrolled,
        today: long_date(view.dashboard.business_date),
        unread: rows.unread_messages,
        loans: rows
            .loans
            .iter()
            .map(|v| {
                Card::of(
                    v,
                    &rows.pending,
                    rows.autopays.iter().find(|a| a.loan == v.loan),
                )
            })
            .collect(),
    };
    Ok(s.visitor.visit.respond(render(&page)))
}
