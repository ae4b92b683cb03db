//! The supervisors' worklist of bank debits taken by phone that never went to the bank: each
//! TEL debit the day's ACH file cancelled because the written notice of its authorization
//! could not be sent in time, with the borrower, the loan, the amount and date, why, and
//! whether the borrower was told (when nobody was, someone must call them). The payment is
//! still owed, so each is followed up. Needs `ViewReports` (supervisors and admins); the use
//! case (`app::payments::phone::attention`) checks again and audits the read. Linked from the
//! console's home.

use super::{Needs, SignedInStaff};
use crate::AppState;
use crate::kit::page::render;
use crate::kit::time::local;
use crate::kit::{Chrome, PageError, PageResult};
use crate::portal::account::{long_date, usd};
use app::access::Capability;
use app::payments::phone::{ATTENTION_DAYS, PhoneError, UnsentPhonePayment};
use app::staff::Staff;
use askama::Template;
use axum::extract::State;
use axum::http::Method;
use store::Channel;

/// The worklist.
const ATTENTION: &str = "/console/phone-payments/attention";

/// The worklist's route, added to the console's table.
pub(super) fn routes(t: super::Table) -> super::Table {
    t.add(
        Method::GET,
        ATTENTION,
        Needs::Capability(Capability::ViewReports),
        list,
    )
}

/// A debit as the worklist lists it.
struct AttentionRow {
    borrower: i64,
    name: String,
    account: String,
    confirmation: String,
    amount: String,
    credit_date: String,
    cancelled: String,
    why: &'static str,
    told: &'static str,
    nobody_told: bool,
}

#[derive(Template)]
#[template(path = "console/phone_attention.html")]
struct AttentionPage {
    chrome: Chrome,
    staff: Option<Staff>,
    days: i64,
    rows: Vec<AttentionRow>,
}

/// Who was told the debit was not made, in plain words.
fn told_words(told: &[Channel]) -> &'static str {
    let email = told.contains(&Channel::Email);
    let portal = told.contains(&Channel::Portal);
    match (email, portal) {
        (true, true) => "By email and in the portal's message center",
        (true, false) => "By email",
        (false, true) => "In the portal's message center",
        (false, false) => {
            "Nobody: no email on file takes mail and they have no portal sign-in. Call them"
        }
    }
}

impl AttentionRow {
    fn of(state: &AppState, u: &UnsentPhonePayment) -> AttentionRow {
        AttentionRow {
            borrower: u.borrower.0,
            name: u.borrower_name.clone(),
            account: u.account_number.clone(),
            confirmation: u.confirmation.clone(),
            amount: usd(u.amount),
            credit_date: long_date(u.credit_date),
            cancelled: local(state.app.zone(), u.cancelled_at_us),
            why: u.why.map_or("Not recorded", |w| w.words()),
            told: told_words(&u.told),
            nobody_told: u.told.is_empty(),
        }
    }
}

/// A refusal as a page of its own: a role without the capability, a failure of ours.
fn answer(e: PhoneError) -> PageError {
    match e {
        PhoneError::Denied(d) => super::denied(d.capability).into(),
        PhoneError::Store(s) => PageError::internal(&s),
        other => PageError::internal(&other),
    }
}

/// `GET /console/phone-payments/attention`: the bank debits by phone of the last 30 days
/// that were cancelled for want of their written notice, newest first.
pub(super) async fn list(State(state): State<AppState>, s: SignedInStaff) -> PageResult {
    let unsent = state
        .app
        .unsent_phone_payments(&s.staff.actor())
        .await
        .map_err(answer)?;
    let page = AttentionPage {
        chrome: s.visitor.chrome("reports"),
        staff: Some(s.staff.clone()),
        days: ATTENTION_DAYS,
        rows: unsent.iter().map(|u| AttentionRow::of(&state, u)).collect(),
    };
    Ok(s.visitor.visit.respond(render(&page)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_borrower_told_is_said_by_channel_and_nobody_told_asks_for_a_call() {
        fn words(told: &[&str]) -> &'static str {
            let told: Vec<Channel> = told
                .iter()
                .map(|t| Channel::parse(t).expect("a channel"))
                .collect();
            told_words(&told)
        }
        assert_eq!(words(&["portal"]), "In the portal's message center");
        assert_eq!(
            words(&["email", "portal"]),
            "By email and in the portal's message center"
        );
        assert!(words(&[]).ends_with("Call them"));
    }
}
