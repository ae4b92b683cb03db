//! Refunding a loan's credit in the console: the loan's refund page
//! (`/console/loans/{account}/refunds`) with what the loan holds for the borrower, the form
//! (how much; to a verified bank account of the borrower by ACH credit, to the card that paid,
//! or by check; a note) and the loan's refunds so far. The same form is drawn into the loan's
//! actions page by [`section`].
//!
//! The form goes through four eyes: the handler submits `app::approvals::Action::Refund`,
//! never the refund's use case, so it is either done at once (the staff member's role may
//! refund that amount) or kept as a request a second person approves. The page then says
//! which. The form carries an idempotency key made when it was drawn, so a double click asks
//! once. Reading the page needs `ViewAccount`; sending the form, `RequestAction`.
//!
//! Each refund check still to mail carries a small form of its own, for whoever may refund
//! (`ReversePayment`): the check's number, and "Mark mailed"
//! (`/console/loans/{account}/refunds/{id}/mailed`, `App::refund_check_mailed`).

use super::{Needs, SignedInStaff, StaffVisitor, Table};
use crate::AppState;
use crate::kit::page::render;
use crate::kit::{Chrome, Errors, PageError, PageResult, Posted, ids};
use app::access::Capability;
use app::approvals::{Action, ApprovalError, Submitted};
use app::payments::{AmountOf, parse_amount};
use app::refunds::{
    CheckMailedError, MAX_CHECK_NUMBER, MAX_NOTE, Refund, RefundMethod, RefundOptions,
    RefundRequest, RefundState, RefundTo,
};
use app::servicing::ServicingError;
use app::staff::Staff;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Redirect};
use domain::account_number::AccountNumber;
use domain::loan::LoanStatus;
use serde::Deserialize;
use store::PaymentMethodId;

/// A loan's refund page, and its form's target.
const REFUNDS: &str = "/console/loans/{account}/refunds";

/// A refund check of the loan recorded mailed (`{id}`: the refund's).
const MAILED: &str = "/console/loans/{account}/refunds/{id}/mailed";

/// The field of a check's number (the one that came back with a problem).
const CHECK_NUMBER: &str = "check_number";

/// The routes: the page for whoever sees accounts, the form for whoever may request an
/// action, a check mailed for whoever may refund.
pub(super) fn routes(t: Table) -> Table {
    t.add(
        Method::GET,
        REFUNDS,
        Needs::Capability(Capability::ViewAccount),
        page,
    )
    .add(
        Method::POST,
        REFUNDS,
        Needs::Capability(Capability::RequestAction),
        refund,
    )
    .add(
        Method::POST,
        MAILED,
        Needs::Capability(Capability::ReversePayment),
        mailed,
    )
}

/// The refund page's path for `account`.
pub(super) fn refunds_path(account: AccountNumber) -> String {
    REFUNDS.replace("{account}", &account.to_string())
}

/// The account number in a path: one that cannot be read is answered as one that does not
/// exist.
fn account_of(text: &str) -> Result<AccountNumber, PageError> {
    text.parse::<AccountNumber>()
        .map_err(|_| super::account::not_found())
}

/// The form as sent (and drawn again when it comes back).
#[derive(Clone, Debug, Default, Deserialize)]
pub(super) struct RefundForm {
    /// Made with the form: the same form sent twice asks once.
    #[serde(default)]
    key: String,
    #[serde(default)]
    refund_amount: String,
    /// `bank:{id}`, `card:{id}` or `check`.
    #[serde(default)]
    refund_to: String,
    #[serde(default)]
    refund_note: String,
}

/// A place the refund may go, as a radio button.
struct Choice {
    id: String,
    value: String,
    label: String,
    checked: bool,
}

/// One of the loan's refunds.
struct RefundLine {
    reference: String,
    decided: String,
    amount: String,
    to: &'static str,
    state: String,
    /// For a check to mail, to one who may record it mailed: its form.
    mail: Option<MailForm>,
}

/// The form recording a refund check mailed.
struct MailForm {
    action: String,
    /// The number's field: [`CHECK_NUMBER`] for the form that came back with a problem (the
    /// summary links to it), else one of its own.
    input_id: String,
    error: Option<String>,
    value: String,
}

#[derive(Template)]
#[template(path = "console/refund_section.html")]
struct Section {
    chrome: Chrome,
    errors: Errors,
    action: String,
    held: String,
    /// What of it has cleared, when not all of it has.
    clearing: Option<String>,
    has_credit: bool,
    paid_off: bool,
    key: String,
    amount: String,
    choices: Vec<Choice>,
    note: String,
    max_note: usize,
    max_check_number: usize,
    refunds: Vec<RefundLine>,
}

#[derive(Template)]
#[template(path = "console/refund.html")]
struct RefundPage {
    chrome: Chrome,
    staff: Option<Staff>,
    errors: Errors,
    grouped: String,
    /// "Done: reference R…" after a refund done at once.
    done: Option<String>,
    /// A request was kept for a second person's approval.
    sent: bool,
    section: String,
}

/// How a refund goes, in words.
fn method_words(m: RefundMethod) -> &'static str {
    match m {
        RefundMethod::Ach => "ACH credit to a bank account",
        RefundMethod::Card => "Refund to the card that paid",
        RefundMethod::Check => "Check",
    }
}

/// Where a refund is, in words.
fn state_words(r: &Refund) -> String {
    match (r.state, r.method) {
        (RefundState::Pending, RefundMethod::Ach) => "Goes out in the next ACH file".to_owned(),
        (RefundState::Pending, RefundMethod::Card) => {
            "Waiting for the card processor (sent again automatically)".to_owned()
        }
        (RefundState::Pending, RefundMethod::Check) => "Check to mail".to_owned(),
        (RefundState::Sent, RefundMethod::Check) => match r.trace_number.as_deref() {
            Some(n) => format!("Check {n} mailed"),
            None => "Check mailed".to_owned(),
        },
        (RefundState::Sent, _) => match r.file_date {
            Some(d) => format!("Sent in the ACH file of {}", documents::long_date(d)),
            None => "Sent".to_owned(),
        },
        (RefundState::Failed, RefundMethod::Card) => format!(
            "Refused by the card processor ({}): the money is back on the loan, refund it by check or bank account",
            r.return_code.as_deref().unwrap_or("no reason given")
        ),
        (RefundState::Failed, _) => format!(
            "Sent back by the borrower's bank ({}): the money is back on the loan, decide again",
            r.return_code.as_deref().unwrap_or("returned")
        ),
    }
}

/// What of the money held has cleared, in words, when not all of it has.
fn clearing_words(o: &RefundOptions) -> Option<String> {
    let day = o.clears_on?;
    Some(format!(
        "Of it, {} has cleared and may be refunded now. The rest came by a check or bank debit that can still come back: all of it has cleared on {}.",
        o.cleared.usd(),
        documents::long_date(day)
    ))
}

/// The path recording refund `id` of `account` mailed.
fn mailed_path(account: AccountNumber, id: i64) -> String {
    MAILED
        .replace("{account}", &account.to_string())
        .replace("{id}", &id.to_string())
}

/// What the form's `refund_to` names, or what is wrong with it.
fn read_to(text: &str) -> Result<RefundTo, &'static str> {
    let text = text.trim();
    if text == "check" {
        return Ok(RefundTo::Check);
    }
    let method = |id: &str| ids::positive(id).map(PaymentMethodId);
    let to = match text.split_once(':') {
        Some(("bank", id)) => method(id).map(RefundTo::BankAccount),
        Some(("card", id)) => method(id).map(RefundTo::Card),
        _ => None,
    };
    to.ok_or("Choose where the refund goes")
}

/// The value of a radio button for `to`.
fn to_value(to: RefundTo) -> String {
    match to {
        RefundTo::BankAccount(id) => format!("bank:{}", id.0),
        RefundTo::Card(id) => format!("card:{}", id.0),
        RefundTo::Check => "check".to_owned(),
    }
}

/// The loan's refund section for `account`, to draw into a page of the console (the loan's
/// actions page): what it holds, the form (empty, with a new key), and its refunds so far.
pub(crate) async fn section(
    state: &AppState,
    s: &SignedInStaff,
    account: AccountNumber,
) -> Result<String, PageError> {
    let o = options(state, s, account).await?;
    draw_section(s, &o, &Errors::default(), &RefundForm::default(), None)
}

/// What the form of `account` offers, read through the use case.
async fn options(
    state: &AppState,
    s: &SignedInStaff,
    account: AccountNumber,
) -> Result<RefundOptions, PageError> {
    match state.app.refund_options(&s.staff.actor(), account).await {
        Ok(o) => Ok(o),
        Err(ServicingError::Denied(d)) => Err(super::denied(d.capability).into()),
        Err(ServicingError::NotFound) => Err(super::account::not_found()),
        Err(ServicingError::Store(e)) => Err(e.into()),
        Err(other) => Err(PageError::internal(&other)),
    }
}

/// The section drawn from `o`, with `errors` beside their fields and what was typed in `form`
/// (or, for the check of refund `mail.0` recorded mailed, in its form: `mail.1`).
fn draw_section(
    s: &SignedInStaff,
    o: &RefundOptions,
    errors: &Errors,
    form: &RefundForm,
    mail: Option<(i64, &str)>,
) -> Result<String, PageError> {
    let mut places: Vec<(RefundTo, String)> = Vec::new();
    for b in &o.banks {
        places.push((
            RefundTo::BankAccount(b.id),
            format!("ACH credit to the bank account: {}", b.label),
        ));
    }
    for c in &o.cards {
        places.push((
            RefundTo::Card(c.id),
            format!("Back to the card that paid: {}", c.label),
        ));
    }
    places.push((
        RefundTo::Check,
        "A check mailed to the borrower's address on file".to_owned(),
    ));
    let choices = places
        .into_iter()
        .enumerate()
        .map(|(n, (to, label))| {
            let value = to_value(to);
            Choice {
                id: format!("refund_to_{n}"),
                checked: form.refund_to == value,
                value,
                label,
            }
        })
        .collect();
    let may_mail = s.staff.actor().may(Capability::ReversePayment);
    let mail_form = |r: &Refund| -> Option<MailForm> {
        if !may_mail || (r.state, r.method) != (RefundState::Pending, RefundMethod::Check) {
            return None;
        }
        let typed = mail.filter(|(id, _)| *id == r.id).map(|(_, typed)| typed);
        Some(MailForm {
            action: mailed_path(o.account, r.id),
            input_id: match typed {
                Some(_) => CHECK_NUMBER.to_owned(),
                None => format!("{CHECK_NUMBER}_{}", r.id),
            },
            error: typed.and(errors.get(CHECK_NUMBER)).map(str::to_owned),
            value: typed.unwrap_or_default().to_owned(),
        })
    };
    // The amount offered: what has cleared, when any has; else all of it (a refund of it is
    // refused naming the day it clears).
    let offered = if o.cleared.is_positive() {
        o.cleared
    } else {
        o.held
    };
    let view = Section {
        chrome: s.visitor.chrome(""),
        errors: errors.clone(),
        action: refunds_path(o.account),
        held: o.held.usd().to_string(),
        clearing: clearing_words(o),
        has_credit: o.held.is_positive(),
        paid_off: o.status == LoanStatus::PaidOff,
        key: app::identity::random_token()[..32].to_owned(),
        amount: if form.refund_amount.is_empty() && errors.is_empty() {
            offered.to_string()
        } else {
            form.refund_amount.clone()
        },
        choices,
        note: form.refund_note.clone(),
        max_note: MAX_NOTE,
        max_check_number: MAX_CHECK_NUMBER,
        refunds: o
            .refunds
            .iter()
            .map(|r| RefundLine {
                reference: r.reference.clone(),
                decided: documents::long_date(r.decided_on),
                amount: r.amount.usd().to_string(),
                to: method_words(r.method),
                state: state_words(r),
                mail: mail_form(r),
            })
            .collect(),
    };
    view.render().map_err(|e| PageError::internal(&e))
}

/// `?done=R…` after a refund done at once, `?sent=1` after a request kept for approval,
/// `?mailed=R…` after a refund check recorded mailed.
#[derive(Deserialize, Default)]
pub(super) struct ShownQuery {
    #[serde(default)]
    done: Option<String>,
    #[serde(default)]
    sent: Option<String>,
    #[serde(default)]
    mailed: Option<String>,
}

/// A reference from the query string, shown only when it is one (letters and digits).
fn shown_reference(text: Option<String>) -> Option<String> {
    text.filter(|r| !r.is_empty() && r.len() <= 32 && r.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// What the page says after refund `reference` was done at once, read from the loan's
/// `refunds` as the section lists them: made; or, for a card refund the processor refused for
/// good the moment it was sent (failed and reversed before the page was drawn), refused, the
/// money back on the loan, for staff to refund another way.
fn done_words(reference: &str, refunds: &[Refund]) -> String {
    match refunds.iter().find(|r| r.reference == reference) {
        Some(r) if (r.state, r.method) == (RefundState::Failed, RefundMethod::Card) => format!(
            "Refund {reference} was decided and the borrower told, but the card processor refused it ({}): the money is back on the loan. Refund it by check or bank account",
            r.return_code.as_deref().unwrap_or("no reason given")
        ),
        _ => format!("Done: the refund is made, reference {reference}. The borrower is told."),
    }
}

/// The refund page of `account` around its drawn `section`, with `errors` (shown in the
/// section beside their fields, and summed up at the top) and what was just done (its words
/// from the loan's `refunds`, [`done_words`]).
fn refund_page(
    s: &SignedInStaff,
    account: AccountNumber,
    section: String,
    errors: Errors,
    shown: ShownQuery,
    refunds: &[Refund],
) -> PageResult {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    // A reference is letters and digits: anything else in the query is not shown.
    let done = shown_reference(shown.done)
        .map(|r| done_words(&r, refunds))
        .or_else(|| {
            shown_reference(shown.mailed).map(|r| {
                format!("Done: the check of refund {r} is recorded mailed. The refund is sent.")
            })
        });
    let view = RefundPage {
        chrome: s.visitor.chrome(""),
        staff: Some(s.staff.clone()),
        errors,
        grouped: account.grouped(),
        done,
        sent: shown.sent.is_some(),
        section,
    };
    Ok(s.visitor.visit.respond((status, render(&view))))
}

/// The refund page of `account` again, with `errors` beside their fields and what was typed.
async fn refused(
    state: &AppState,
    s: &SignedInStaff,
    account: AccountNumber,
    errors: Errors,
    form: &RefundForm,
) -> PageResult {
    let o = options(state, s, account).await?;
    let section = draw_section(s, &o, &errors, form, None)?;
    refund_page(s, account, section, errors, ShownQuery::default(), &[])
}

/// `GET /console/loans/{account}/refunds`
pub(super) async fn page(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(account): Path<String>,
    Query(q): Query<ShownQuery>,
) -> PageResult {
    let account = account_of(&account)?;
    let o = options(&state, &s, account).await?;
    let drawn = draw_section(&s, &o, &Errors::default(), &RefundForm::default(), None)?;
    refund_page(&s, account, drawn, Errors::default(), q, &o.refunds)
}

/// The request the form makes, or each field's problem.
fn read_form(account: AccountNumber, f: &RefundForm) -> Result<RefundRequest, Errors> {
    let mut problems: Vec<(&'static str, String)> = Vec::new();
    let amount = match parse_amount(AmountOf::Payment, &f.refund_amount) {
        Ok(m) => Some(m),
        Err(e) => {
            problems.push(("refund_amount", e.to_string()));
            None
        }
    };
    let to = match read_to(&f.refund_to) {
        Ok(to) => Some(to),
        Err(m) => {
            problems.push(("refund_to", m.to_owned()));
            None
        }
    };
    if f.refund_note.chars().count() > MAX_NOTE {
        problems.push((
            "refund_note",
            format!("Keep the note to {MAX_NOTE} characters"),
        ));
    }
    match (amount, to) {
        (Some(amount), Some(to)) if problems.is_empty() => Ok(RefundRequest {
            account,
            amount,
            to,
            note: f.refund_note.trim().to_owned(),
        }),
        _ => Err(Errors(problems)),
    }
}

/// The field a refusal of the refund is shown beside.
fn field_of(e: &ServicingError) -> &'static str {
    match e {
        ServicingError::MethodNotUsable => "refund_to",
        ServicingError::NoteTooLong => "refund_note",
        ServicingError::MoreThanHeld { .. } | ServicingError::NotCleared { .. } => "refund_amount",
        _ => "refund_amount",
    }
}

/// `POST /console/loans/{account}/refunds`
pub(super) async fn refund(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(account): Path<String>,
    posted: Posted<RefundForm, StaffVisitor>,
) -> PageResult {
    let account = account_of(&account)?;
    let form = posted.form;
    let req = match read_form(account, &form) {
        Ok(req) => req,
        Err(errors) => return refused(&state, &s, account, errors, &form).await,
    };
    let path = refunds_path(account);
    match state
        .app
        .submit(&s.staff.actor(), &form.key, Action::Refund(req))
        .await
    {
        Ok(Submitted::Done { reference, .. }) => {
            Ok(Redirect::to(&format!("{path}?done={reference}")).into_response())
        }
        Ok(Submitted::Awaiting { .. }) => {
            Ok(Redirect::to(&format!("{path}?sent=1")).into_response())
        }
        Err(ApprovalError::Denied(d)) => Err(super::denied(d.capability).into()),
        Err(ApprovalError::Action(ServicingError::Denied(d))) => {
            Err(super::denied(d.capability).into())
        }
        Err(ApprovalError::Action(ServicingError::NotFound)) => Err(super::account::not_found()),
        Err(ApprovalError::Action(ServicingError::Store(e)) | ApprovalError::Store(e)) => {
            Err(e.into())
        }
        Err(ApprovalError::Action(ServicingError::BadKey | ServicingError::KeyReused)) => {
            let errors = Errors::one(
                "refund_amount",
                "This form was already used. Check the loan's refunds below, then send the form again if the refund is not there",
            );
            refused(&state, &s, account, errors, &form).await
        }
        Err(ApprovalError::Action(e)) => {
            let errors = Errors::one(field_of(&e), e.to_string());
            refused(&state, &s, account, errors, &form).await
        }
        Err(other) => {
            let errors = Errors::one("refund_amount", other.to_string());
            refused(&state, &s, account, errors, &form).await
        }
    }
}

/// The form recording a refund check mailed, as sent.
#[derive(Clone, Debug, Default, Deserialize)]
pub(super) struct MailedForm {
    #[serde(default)]
    check_number: String,
}

/// `POST /console/loans/{account}/refunds/{id}/mailed`
pub(super) async fn mailed(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path((account, refund_id)): Path<(String, String)>,
    posted: Posted<MailedForm, StaffVisitor>,
) -> PageResult {
    let account = account_of(&account)?;
    let Some(id) = ids::positive(&refund_id) else {
        return Err(super::account::not_found());
    };
    let typed = posted.form.check_number;
    match state
        .app
        .refund_check_mailed(&s.staff.actor(), id, &typed)
        .await
    {
        Ok(r) => Ok(Redirect::to(&format!(
            "{}?mailed={}",
            refunds_path(r.account),
            r.reference
        ))
        .into_response()),
        Err(CheckMailedError::Denied(d)) => Err(super::denied(d.capability).into()),
        Err(CheckMailedError::Store(e)) => Err(e.into()),
        Err(e @ (CheckMailedError::BadCheckNumber | CheckMailedError::NotWaiting)) => {
            let errors = Errors::one(CHECK_NUMBER, e.to_string());
            let o = options(&state, &s, account).await?;
            let section = draw_section(
                &s,
                &o,
                &errors,
                &RefundForm::default(),
                Some((id, typed.as_str())),
            )?;
            refund_page(&s, account, section, errors, ShownQuery::default(), &[])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_refund_says_why_and_what_staff_do_next() {
        let failed = |method: RefundMethod, code: &str| Refund {
            id: 1,
            reference: "R23456789ABC".into(),
            loan: store::LoanId(3),
            account: AccountNumber::from_base(521_840_000_000_201),
            txn: domain::loan::TxnId(9),
            amount: money::Money::from_cents(13_000),
            method,
            method_id: Some(PaymentMethodId(4)),
            card_payment: (method == RefundMethod::Card).then_some(store::PaymentId(5)),
            state: RefundState::Failed,
            decided_on: jiff::civil::date(2026, 12, 8),
            requested_by: "staff:7".into(),
            note: String::new(),
            file_date: None,
            trace_number: None,
            return_code: Some(code.into()),
            created_at_us: 0,
        };
        let refused = state_words(&failed(
            RefundMethod::Card,
            "Charge ch_1 has already been refunded. (charge_already_refunded)",
        ));
        assert!(
            refused.starts_with(
                "Refused by the card processor (Charge ch_1 has already been refunded."
            ),
            "{refused}"
        );
        assert!(refused.contains("by check or bank account"), "{refused}");
        let returned = state_words(&failed(RefundMethod::Ach, "R03"));
        assert!(
            returned.starts_with("Sent back by the borrower's bank (R03)"),
            "{returned}"
        );
    }

    #[test]
    fn after_a_refund_the_page_says_it_was_made_or_that_the_card_processor_refused_it() {
        let refund = |reference: &str, method: RefundMethod, state: RefundState| Refund {
            id: 1,
            reference: reference.into(),
            loan: store::LoanId(3),
            account: AccountNumber::from_base(521_840_000_000_201),
            txn: domain::loan::TxnId(9),
            amount: money::Money::from_cents(13_000),
            method,
            method_id: Some(PaymentMethodId(4)),
            card_payment: (method == RefundMethod::Card).then_some(store::PaymentId(5)),
            state,
            decided_on: jiff::civil::date(2026, 12, 8),
            requested_by: "staff:7".into(),
            note: String::new(),
            file_date: None,
            trace_number: None,
            return_code: (state == RefundState::Failed).then(|| "charge_disputed".to_owned()),
            created_at_us: 0,
        };
        let made = [refund("R1", RefundMethod::Card, RefundState::Sent)];
        assert_eq!(
            done_words("R1", &made),
            "Done: the refund is made, reference R1. The borrower is told."
        );
        // Refused the moment it was sent: failed and reversed before the page is drawn, so it
        // is not "made".
        let refused = [
            refund("R2", RefundMethod::Card, RefundState::Failed),
            refund("R1", RefundMethod::Card, RefundState::Sent),
        ];
        let words = done_words("R2", &refused);
        assert!(
            words.starts_with("Refund R2 was decided and the borrower told, but the card processor refused it (charge_disputed)"),
            "{words}"
        );
        assert!(!words.contains("is made"), "{words}");
        assert!(words.contains("by check or bank account"), "{words}");
        // One not among the refunds listed is only named.
        assert!(done_words("R9", &refused).starts_with("Done: the refund is made"));
    }

    #[test]
    fn where_a_refund_goes_reads_from_its_radio_button() {
        for to in [
            RefundTo::BankAccount(PaymentMethodId(3)),
            RefundTo::Card(PaymentMethodId(12)),
            RefundTo::Check,
        ] {
            assert_eq!(read_to(&to_value(to)), Ok(to));
        }
        for bad in ["", "bank:", "bank:0", "card:x", "cash", "bank:03"] {
            assert!(read_to(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_form_names_each_problem_beside_its_field() {
        let account = AccountNumber::from_base(521_840_000_000_201);
        let errors = read_form(
            account,
            &RefundForm {
                refund_amount: "12.345".into(),
                refund_note: "x".repeat(MAX_NOTE + 1),
                ..RefundForm::default()
            },
        )
        .unwrap_err();
        assert_eq!(
            errors.0.iter().map(|(f, _)| *f).collect::<Vec<_>>(),
            vec!["refund_amount", "refund_to", "refund_note"]
        );
        let ok = read_form(
            account,
            &RefundForm {
                refund_amount: "$125.40".into(),
                refund_to: "bank:3".into(),
                refund_note: " Overpaid at payoff ".into(),
                ..RefundForm::default()
            },
        )
        .unwrap();
        assert_eq!(ok.amount, money::Money::from_cents(12_540));
        assert_eq!(ok.to, RefundTo::BankAccount(PaymentMethodId(3)));
        assert_eq!(ok.note, "Overpaid at payoff");
        assert_eq!(
            refunds_path(account),
            REFUNDS.replace("{account}", &account.to_string())
        );
        assert_eq!(
            mailed_path(account, 42),
            format!("{}/42/mailed", refunds_path(account))
        );
    }

    #[test]
    fn only_a_reference_from_the_query_string_is_shown() {
        assert_eq!(
            shown_reference(Some("R2345678ABCD".into())).as_deref(),
            Some("R2345678ABCD")
        );
        for bad in ["", "<script>", "R 1"] {
            assert_eq!(shown_reference(Some(bad.into())), None, "{bad}");
        }
    }
}
