//! The credit-balance report in the console (`/console/reports/credit-balances`): every loan
//! holding unapplied funds, oldest credit first, with its amount, age and any refund pending,
//! each linked to its refund page; the refunds waiting on staff (sent back by the borrower's
//! bank, checks to mail); and the money in remittance suspense. So a credit balance is never
//! left without a decision. Needs `ViewReports`; each view is audited, as other reports are.

use super::refund_form::refunds_path;
use super::{Needs, SignedInStaff, Table};
use crate::AppState;
use crate::kit::page::render;
use crate::kit::{Chrome, PageError, PageResult, ids};
use app::access::Capability;
use app::refunds::{CreditBalances, RefundMethod, RefundState};
use app::servicing::ServicingError;
use app::staff::Staff;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::Method;
use domain::loan::LoanStatus;
use serde::Deserialize;

/// The report's page.
const CREDIT_BALANCES: &str = "/console/reports/credit-balances";

/// The route: for whoever reads the operators' reports.
pub(super) fn routes(t: Table) -> Table {
    t.add(
        Method::GET,
        CREDIT_BALANCES,
        Needs::Capability(Capability::ViewReports),
        page,
    )
}

/// One loan's credit.
struct BalanceLine {
    grouped: String,
    href: String,
    borrower: String,
    status: &'static str,
    amount: String,
    since: String,
    age: String,
    pending: String,
}

/// A refund waiting on staff.
struct StaffLine {
    grouped: String,
    href: String,
    reference: String,
    amount: String,
    what: String,
}

#[derive(Template)]
#[template(path = "console/credit_balances.html")]
struct ReportPage {
    chrome: Chrome,
    staff: Option<Staff>,
    as_of: String,
    count: usize,
    total: String,
    balances: Vec<BalanceLine>,
    /// Page numbers of the pages before and after, when there are such pages.
    previous: Option<u32>,
    next: Option<u32>,
    for_staff: Vec<StaffLine>,
    suspense: String,
}

/// The report's query string.
#[derive(Deserialize, Default)]
pub(super) struct PageQuery {
    #[serde(default)]
    page: Option<String>,
}

/// A loan's status in words.
fn status_words(s: LoanStatus) -> &'static str {
    match s {
        LoanStatus::Active => "Open",
        LoanStatus::PaidOff => "Paid off",
        LoanStatus::ChargedOff => "Charged off",
    }
}

/// An age in days, in words.
fn age_words(days: i64) -> String {
    match days {
        0 => "today".to_owned(),
        1 => "1 day".to_owned(),
        n => format!("{n} days"),
    }
}

/// The report's page `page`, drawn from `r`.
fn report_page(s: &SignedInStaff, r: &CreditBalances) -> ReportPage {
    let balances = r
        .balances
        .iter()
        .map(|b| BalanceLine {
            grouped: b.account.grouped(),
            href: refunds_path(b.account),
            borrower: b.borrower_name.clone(),
            status: status_words(b.status),
            amount: b.amount.usd().to_string(),
            since: documents::long_date(b.since),
            age: age_words(b.age_days),
            pending: if b.pending_refunds.is_positive() {
                b.pending_refunds.usd().to_string()
            } else {
                String::new()
            },
        })
        .collect();
    let for_staff = r
        .for_staff
        .iter()
        .map(|f| StaffLine {
            grouped: f.account.grouped(),
            href: refunds_path(f.account),
            reference: f.reference.clone(),
            amount: f.amount.usd().to_string(),
            what: match (f.state, f.method) {
                (RefundState::Failed, RefundMethod::Card) => format!(
                    "Refused by the card processor ({}). The money is back in the loan's unapplied funds: refund it by check or bank account",
                    f.return_code.as_deref().unwrap_or("no reason given")
                ),
                (RefundState::Failed, _) => format!(
                    "Sent back by the borrower's bank ({}). The money is back in the loan's unapplied funds: decide the refund again",
                    f.return_code.as_deref().unwrap_or("returned")
                ),
                (_, RefundMethod::Check) => format!(
                    "Check to mail, decided {}",
                    documents::long_date(f.decided_on)
                ),
                // A pending ACH refund listed here is one a day's file could not carry (the
                // account was removed, or its details are gone).
                (_, RefundMethod::Ach) => {
                    "Not sent: the bank account can no longer be used; the borrower must give another".to_owned()
                }
                _ => "Waiting to be sent".to_owned(),
            },
        })
        .collect();
    ReportPage {
        chrome: s.visitor.chrome("reports"),
        staff: Some(s.staff.clone()),
        as_of: documents::long_date(r.as_of),
        count: r.count,
        total: r.total.usd().to_string(),
        balances,
        previous: r.page.checked_sub(1).filter(|p| *p >= 1),
        next: r.more.then_some(r.page.saturating_add(1)),
        for_staff,
        suspense: r.suspense.usd().to_string(),
    }
}

/// `GET /console/reports/credit-balances?page=N`
pub(super) async fn page(
    State(state): State<AppState>,
    s: SignedInStaff,
    Query(q): Query<PageQuery>,
) -> PageResult {
    // A page that is not a positive number is the first.
    let page = q
        .page
        .as_deref()
        .and_then(ids::positive)
        .and_then(|p| u32::try_from(p).ok())
        .unwrap_or(1);
    let r = match state.app.credit_balances(&s.staff.actor(), page).await {
        Ok(r) => r,
        Err(ServicingError::Denied(d)) => return Err(super::denied(d.capability).into()),
        Err(ServicingError::Store(e)) => return Err(e.into()),
        Err(other) => return Err(PageError::internal(&other)),
    };
    state
        .app
        .audit_report(&s.staff.actor(), "credit-balances", "page")
        .await?;
    let view = report_page(&s, &r);
    Ok(s.visitor.visit.respond(render(&view)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_and_statuses_read_as_words() {
        assert_eq!(age_words(0), "today");
        assert_eq!(age_words(1), "1 day");
        assert_eq!(age_words(45), "45 days");
        assert_eq!(status_words(LoanStatus::PaidOff), "Paid off");
    }
}
