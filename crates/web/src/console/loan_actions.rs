//! A loan's servicing actions in the console (`/console/loans/{account}/actions`): the loan's
//! balances, its posted payments each with a form to reverse it (a reason and a note) and a
//! form to move it to the loan it was meant for, the forms to waive fees or accrued interest,
//! and the waivers in force each with a form to undo it. The due-date and refund forms are
//! their own modules' sections, drawn at the foot of the page once wired in.
//!
//! Every form goes through four eyes: the handler submits an `app::approvals::Action`, never
//! the action's use case, so what it does is either done at once (the staff member's role may
//! do it at that amount) or kept as a request a second person approves. After a form the page
//! says which: "Done: reference R…", or "Sent for approval (request N)". Each form carries an
//! idempotency key made when the page was drawn, so a double click asks once.
//!
//! Every route needs `RequestAction` (the use cases check the action's own capability, or
//! keep the request for a checker who has it).

use super::account::{account_url, not_found};
use super::{Needs, SignedInStaff, StaffVisitor, Table};
use crate::AppState;
use crate::kit::page::render;
use crate::kit::{Chrome, Errors, PageError, PageResult, Posted, ids};
use crate::portal::account::{long_date, usd};
use app::access::Capability;
use app::approvals::{Action, ApprovalError, Submitted};
use app::payments::{AmountOf, parse_amount};
use app::servicing::{
    FeeWaiver, InterestWaiver, LoanActions, PaymentMove, PaymentReversal, ReversalReason,
    ServicingError, WaiverReason, WaiverUndo,
};
use app::staff::Staff;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::Method;
use axum::response::{IntoResponse, Redirect};
use domain::account_number::AccountNumber;
use domain::payment::PaymentStatus;
use money::Money;
use serde::Deserialize;
use store::PaymentId;

/// The actions page of a loan.
const ACTIONS: &str = "/console/loans/{account}/actions";
/// Waiving fees.
const WAIVE_FEES: &str = "/console/loans/{account}/fees/waiver";
/// Waiving interest.
const WAIVE_INTEREST: &str = "/console/loans/{account}/interest/waiver";
/// Undoing a waiver (the waiver's transaction is a field of the form).
const UNDO_WAIVER: &str = "/console/loans/{account}/waivers/undo";
/// Reversing a payment.
const REVERSE: &str = "/console/loans/{account}/payments/{payment}/reversal";
/// Moving a payment to another loan.
const MOVE: &str = "/console/loans/{account}/payments/{payment}/move";

/// The page's routes: every one needs the capability to request servicing actions.
pub(super) fn routes(t: Table) -> Table {
    let can = Needs::Capability(Capability::RequestAction);
    t.add(Method::GET, ACTIONS, can, page)
        .add(Method::POST, WAIVE_FEES, can, waive_fees)
        .add(Method::POST, WAIVE_INTEREST, can, waive_interest)
        .add(Method::POST, UNDO_WAIVER, can, undo_waiver)
        .add(Method::POST, REVERSE, can, reverse)
        .add(Method::POST, MOVE, can, move_payment)
}

/// The actions page's path for `account`.
fn actions_path(account: AccountNumber) -> String {
    ACTIONS.replace("{account}", &account.to_string())
}

/// The account number in a path: one that cannot be read is answered as one that does not
/// exist.
fn account_of(text: &str) -> Result<AccountNumber, PageError> {
    text.parse::<AccountNumber>().map_err(|_| not_found())
}

/// Every field of every form of the page (each form sends its own; the rest are empty).
#[derive(Clone, Debug, Default, Deserialize)]
pub(super) struct ActionForm {
    #[serde(default)]
    key: String,
    #[serde(default)]
    fee_amount: String,
    #[serde(default)]
    fee_reason: String,
    #[serde(default)]
    fee_note: String,
    #[serde(default)]
    interest_amount: String,
    #[serde(default)]
    interest_reason: String,
    #[serde(default)]
    interest_note: String,
    #[serde(default)]
    txn: String,
    #[serde(default)]
    undo_note: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    note: String,
}

/// Which form was sent, for where its refusal is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Which {
    /// Waive fees.
    Fees,
    /// Waive interest.
    Interest,
    /// Undo the waiver of this transaction.
    Undo(i64),
    /// Reverse or move this payment.
    Payment(i64),
}

impl Which {
    /// The field (or the section) a refusal of this form is shown beside.
    fn field(self, e: &ServicingError) -> &'static str {
        match (self, e) {
            (Which::Fees, ServicingError::NoteTooLong) => "fee_note",
            (Which::Fees, _) => "fee_amount",
            (Which::Interest, ServicingError::NoteTooLong) => "interest_note",
            (Which::Interest, _) => "interest_amount",
            (Which::Undo(_), ServicingError::NoteTooLong) => UNDO_NOTE,
            (Which::Undo(_), _) => "waivers",
            (Which::Payment(_), _) => "payments",
        }
    }
}

/// The fields of the row whose form came back (a payment's reversal and move, a waiver's
/// undo): drawn open with these ids, so the error summary links to them; the other rows'
/// fields have ids of their own (`reason-12`, `to-12`, `undo-note-7`).
const REVERSE_REASON: &str = "reverse_reason";
/// The reversal's note, on the row that came back.
const REVERSE_NOTE: &str = "reverse_note";
/// The account number a payment is moved to, on the row that came back.
const MOVE_TO: &str = "move_to";
/// The move's note, on the row that came back.
const MOVE_NOTE: &str = "move_note";
/// The undo's note, on the waiver's row that came back.
const UNDO_NOTE: &str = "undo_note";

/// Adds the note's problem to `errors`, on `field`: longer than every action keeps
/// ([`app::servicing::MAX_NOTE`] characters, as the use cases count it after trimming).
fn check_note(note: &str, field: &'static str, errors: &mut Errors) {
    if note.trim().chars().count() > app::servicing::MAX_NOTE {
        errors.push(field, sentence(&ServicingError::NoteTooLong.to_string()));
    }
}

/// `?done=R…` after an action done at once, `?sent=12` after a request kept for approval.
#[derive(Deserialize, Default)]
pub(super) struct ShownQuery {
    #[serde(default)]
    done: Option<String>,
    #[serde(default)]
    sent: Option<String>,
}

/// A posted payment, with its forms.
struct PaymentRow {
    id: i64,
    confirmation: String,
    date: String,
    amount: String,
    how: String,
    split: String,
    /// This row's form was refused: drawn open, with what was typed.
    open: bool,
    reasons: Vec<(&'static str, &'static str, bool)>,
    to: String,
    note: String,
}

/// A waiver in force, with its undo form.
struct WaiverRow {
    txn: i64,
    date: String,
    what: &'static str,
    amount: String,
    open: bool,
    note: String,
}

#[derive(Template)]
#[template(path = "console/loan_actions.html")]
struct ActionsPage {
    chrome: Chrome,
    staff: Option<Staff>,
    errors: Errors,
    account: String,
    last4: String,
    name: String,
    account_href: String,
    status: &'static str,
    figures: Vec<(&'static str, String)>,
    /// "Done: reference R…" after an action done at once.
    done: Option<String>,
    /// "Sent for approval (request 12)…" after a request kept for a checker.
    sent: Option<String>,
    /// Whether the staff member's role may reverse or move payments and waive at once (else
    /// everything they send is a request).
    may_decide: bool,
    key: String,
    payments: Vec<PaymentRow>,
    waivers: Vec<WaiverRow>,
    /// Each waiver reason: its code, its words, and whether the fee form and the interest
    /// form had it chosen.
    waiver_reasons: Vec<(&'static str, &'static str, bool, bool)>,
    form: ActionForm,
    /// The due-date change form (`due_date_form::section`).
    due_date_section: String,
    /// The refund form (`refund_form::section`).
    refund_section: String,
}

/// What the page says besides the loan: an action just done or sent, or a refusal with what
/// was typed.
struct Shown {
    done: Option<String>,
    sent: Option<String>,
    errors: Errors,
    which: Option<Which>,
    form: ActionForm,
}

impl Shown {
    /// Nothing but the loan.
    fn nothing() -> Shown {
        Shown {
            done: None,
            sent: None,
            errors: Errors::default(),
            which: None,
            form: ActionForm::default(),
        }
    }

    /// A refusal of form `which`, beside `field`, with what was typed.
    fn refused(which: Which, field: &'static str, message: String, form: ActionForm) -> Shown {
        Shown::problems(which, Errors::one(field, message), form)
    }

    /// Every problem of form `which`, each beside its field, with what was typed.
    fn problems(which: Which, errors: Errors, form: ActionForm) -> Shown {
        Shown {
            errors,
            which: Some(which),
            form,
            ..Shown::nothing()
        }
    }
}

/// `text` as a sentence: its first letter a capital.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// How a payment came in, in words.
fn how_words(p: &store::Payment) -> String {
    let channel = match p.channel {
        domain::payment::PaymentChannel::Web => "Portal",
        domain::payment::PaymentChannel::Phone => "By phone",
        domain::payment::PaymentChannel::Autopay => "AutoPay",
        domain::payment::PaymentChannel::Lockbox => "Lockbox",
        domain::payment::PaymentChannel::Mail => "Mail",
        domain::payment::PaymentChannel::BillPay => "Bank bill pay",
        domain::payment::PaymentChannel::Staff => "Taken by staff",
    };
    let rail = match p.rail {
        domain::payment::Rail::Ach => "bank (ACH)",
        domain::payment::Rail::Card => "debit card",
        domain::payment::Rail::Check => "check",
    };
    format!("{channel}, {rail}")
}

/// The page of `account`, with what `shown` says, and a new key for its forms.
async fn actions_page(
    state: &AppState,
    s: &SignedInStaff,
    account: AccountNumber,
    shown: Shown,
) -> PageResult {
    let a: LoanActions = match state.app.loan_actions(&s.staff.actor(), account).await {
        Ok(a) => a,
        Err(ServicingError::Denied(d)) => return Err(super::denied(d.capability).into()),
        Err(ServicingError::NotFound) => return Err(not_found()),
        Err(ServicingError::Store(e)) => return Err(e.into()),
        Err(other) => return Err(PageError::internal(&other)),
    };
    let d = &a.details;
    let snap = &d.view.snapshot;
    let form = &shown.form;
    let figures = vec![
        ("Balance", usd(d.state.balance())),
        ("Principal", usd(d.state.principal)),
        ("Interest accrued", usd(d.state.interest)),
        ("Fees", usd(d.state.fees)),
        ("Unapplied funds (credit)", usd(d.state.unapplied)),
        ("Business date", long_date(d.business_date)),
    ];
    let payments: Vec<PaymentRow> = d
        .payments
        .iter()
        .filter(|p| p.status == PaymentStatus::Posted)
        .map(|p| {
            let open = shown.which == Some(Which::Payment(p.id.0));
            let typed = |text: &str| {
                if open { text.to_owned() } else { String::new() }
            };
            PaymentRow {
                id: p.id.0,
                confirmation: p.confirmation.clone(),
                date: long_date(p.credit_date),
                amount: usd(p.amount),
                how: how_words(p),
                split: p.split.map_or_else(String::new, |x| {
                    format!(
                        "{} to fees, {} to interest, {} to principal{}",
                        usd(x.fees),
                        usd(x.interest),
                        usd(x.principal),
                        if x.unapplied.is_positive() {
                            format!(", {} held as a credit", usd(x.unapplied))
                        } else {
                            String::new()
                        }
                    )
                }),
                open,
                reasons: ReversalReason::ALL
                    .iter()
                    .map(|r| {
                        (
                            r.as_str(),
                            reversal_reason_label(*r),
                            open && form.reason == r.as_str(),
                        )
                    })
                    .collect(),
                to: typed(&form.to),
                note: typed(&form.note),
            }
        })
        .collect();
    let waivers: Vec<WaiverRow> = a
        .waivers
        .iter()
        .map(|w| {
            let open = shown.which == Some(Which::Undo(w.txn));
            WaiverRow {
                txn: w.txn,
                date: long_date(w.date),
                what: if w.interest { "Interest" } else { "Fees" },
                amount: usd(w.amount),
                open,
                note: if open {
                    form.undo_note.clone()
                } else {
                    String::new()
                },
            }
        })
        .collect();
    let staff = &s.staff;
    // A row whose form came back is drawn open, its fields with the ids the error summary
    // links to; one no longer listed (a payment reversed or moved meanwhile, a waiver undone,
    // an id that is none) is not drawn: its messages go to its section, so the summary links
    // only to what is on the page.
    let mut errors = shown.errors;
    let gone = match shown.which {
        Some(Which::Payment(id)) => (!payments.iter().any(|p| p.id == id)).then_some("payments"),
        Some(Which::Undo(txn)) => (!waivers.iter().any(|w| w.txn == txn)).then_some("waivers"),
        _ => None,
    };
    if let Some(section) = gone {
        for (field, _) in &mut errors.0 {
            *field = section;
        }
    }
    let status = crate::kit::status_of(&errors);
    let current_day = snap.next_due_date.and_then(|d| u8::try_from(d.day()).ok());
    let due_date_section = crate::console::due_date_form::section(account, current_day)?;
    let refund_section = crate::console::refund_form::section(state, s, account).await?;
    let page = ActionsPage {
        due_date_section,
        refund_section,
        chrome: s.visitor.chrome(""),
        staff: Some(staff.clone()),
        account: account.to_string(),
        last4: account.last4(),
        name: a.name.clone(),
        account_href: account_url(d.view.borrower, "loans"),
        status: snap.status.label(snap.days_past_due),
        figures,
        done: shown.done.clone(),
        sent: shown.sent.clone(),
        may_decide: staff.may(Capability::ReversePayment) && staff.may(Capability::WaiveFee),
        key: app::identity::random_token()[..32].to_owned(),
        payments,
        waivers,
        waiver_reasons: WaiverReason::ALL
            .iter()
            .map(|r| {
                (
                    r.as_str(),
                    r.describe(),
                    shown.form.fee_reason == r.as_str(),
                    shown.form.interest_reason == r.as_str(),
                )
            })
            .collect(),
        errors,
        form: shown.form,
    };
    Ok(s.visitor.visit.respond((status, render(&page))))
}

/// A reversal reason as the form offers it.
fn reversal_reason_label(r: ReversalReason) -> &'static str {
    match r {
        ReversalReason::ReturnedUnpaid => {
            "Returned unpaid (a check bounced): the money leaves, with the NSF fee where the loan has one"
        }
        ReversalReason::PostedInError => {
            "Posted in error: the money is held in suspense for a decision"
        }
        ReversalReason::Duplicate => {
            "Posted twice: a check's second posting is taken off, no fee (its bank pays it once); a card or bank payment's second collection is held in suspense for a decision"
        }
    }
}

/// `GET /console/loans/{account}/actions`: the loan's actions, and what the last one did.
pub(super) async fn page(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(account): Path<String>,
    Query(q): Query<ShownQuery>,
) -> PageResult {
    let account = account_of(&account)?;
    // Only what this page's own redirects write is echoed back.
    let done = q
        .done
        .filter(|r| (1..=24).contains(&r.len()) && r.bytes().all(|b| b.is_ascii_alphanumeric()))
        .map(|r| format!("Done: reference {r}."));
    let sent = q.sent.as_deref().and_then(ids::positive).map(|n| {
        format!(
            "Sent for approval (request {n}). A second person with the capability approves or rejects it in the approvals inbox; nothing changes until then."
        )
    });
    let shown = Shown {
        done,
        sent,
        ..Shown::nothing()
    };
    actions_page(&state, &s, account, shown).await
}

/// Submits `action` for the staff member under the form's key: to the page saying it was
/// done or sent (a redirect, so a reload asks nothing again), or the page with the refusal
/// beside the form `which`.
async fn submit(
    state: &AppState,
    s: &SignedInStaff,
    account: AccountNumber,
    which: Which,
    form: ActionForm,
    action: Action,
) -> PageResult {
    let result = state
        .app
        .submit(&s.staff.actor(), form.key.trim(), action)
        .await;
    let path = actions_path(account);
    let refusal = match result {
        Ok(Submitted::Done { reference, .. }) => {
            return Ok(Redirect::to(&format!("{path}?done={reference}")).into_response());
        }
        Ok(Submitted::Awaiting { request }) => {
            return Ok(Redirect::to(&format!("{path}?sent={}", request.0)).into_response());
        }
        Err(ApprovalError::Action(e)) => e,
        Err(ApprovalError::Denied(d)) => return Err(super::denied(d.capability).into()),
        Err(ApprovalError::Store(e)) => return Err(e.into()),
        Err(other) => {
            let field = which.field(&ServicingError::NotPositive);
            let shown = Shown::refused(which, field, sentence(&other.to_string()), form);
            return actions_page(state, s, account, shown).await;
        }
    };
    let field = which.field(&refusal);
    let message = match refusal {
        ServicingError::Denied(d) => return Err(super::denied(d.capability).into()),
        ServicingError::NotFound => return Err(not_found()),
        ServicingError::Store(e) => return Err(e.into()),
        ServicingError::KeyReused | ServicingError::BadKey => {
            "This page's forms were already used for another action. The page has been drawn again: check what you asked for and send it again.".to_owned()
        }
        other => sentence(&other.to_string()),
    };
    let shown = Shown::refused(which, field, message, form);
    actions_page(state, s, account, shown).await
}

/// `POST /console/loans/{account}/fees/waiver`
pub(super) async fn waive_fees(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(account): Path<String>,
    posted: Posted<ActionForm, StaffVisitor>,
) -> PageResult {
    let account = account_of(&account)?;
    let form = posted.form;
    let fields = ("fee_amount", "fee_reason", "fee_note");
    let typed = (
        form.fee_amount.as_str(),
        form.fee_reason.as_str(),
        form.fee_note.as_str(),
    );
    let (amount, reason) = match waiver_fields(typed, fields) {
        Ok(parts) => parts,
        Err(errors) => {
            let shown = Shown::problems(Which::Fees, errors, form);
            return actions_page(&state, &s, account, shown).await;
        }
    };
    let action = Action::WaiveFees(FeeWaiver {
        account,
        amount,
        reason,
        note: form.fee_note.trim().to_owned(),
    });
    submit(&state, &s, account, Which::Fees, form, action).await
}

/// `POST /console/loans/{account}/interest/waiver`
pub(super) async fn waive_interest(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(account): Path<String>,
    posted: Posted<ActionForm, StaffVisitor>,
) -> PageResult {
    let account = account_of(&account)?;
    let form = posted.form;
    let fields = ("interest_amount", "interest_reason", "interest_note");
    let typed = (
        form.interest_amount.as_str(),
        form.interest_reason.as_str(),
        form.interest_note.as_str(),
    );
    let (amount, reason) = match waiver_fields(typed, fields) {
        Ok(parts) => parts,
        Err(errors) => {
            let shown = Shown::problems(Which::Interest, errors, form);
            return actions_page(&state, &s, account, shown).await;
        }
    };
    let action = Action::WaiveInterest(InterestWaiver {
        account,
        amount,
        reason,
        note: form.interest_note.trim().to_owned(),
    });
    submit(&state, &s, account, Which::Interest, form, action).await
}

/// A waiver form's amount and reason (`typed`: its amount, reason and note as sent), or every
/// field's problem, each on its field (of `fields`: the form's amount, reason and note).
fn waiver_fields(
    typed: (&str, &str, &str),
    fields: (&'static str, &'static str, &'static str),
) -> Result<(Money, WaiverReason), Errors> {
    let (amount, reason, note) = typed;
    let mut errors = Errors::default();
    let amount = parse_amount(AmountOf::Payment, amount)
        .map_err(|e| errors.push(fields.0, e.to_string()))
        .ok();
    let reason = WaiverReason::parse(reason);
    if reason.is_none() {
        errors.push(fields.1, "Choose why it is waived");
    }
    check_note(note, fields.2, &mut errors);
    match (amount, reason) {
        (Some(amount), Some(reason)) if errors.is_empty() => Ok((amount, reason)),
        _ => Err(errors),
    }
}

/// `POST /console/loans/{account}/waivers/undo`: the waiver is the form's `txn`.
pub(super) async fn undo_waiver(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(account): Path<String>,
    posted: Posted<ActionForm, StaffVisitor>,
) -> PageResult {
    let account = account_of(&account)?;
    let form = posted.form;
    let Some(txn) = ids::positive(form.txn.trim()) else {
        let shown = Shown::refused(
            Which::Undo(0),
            "waivers",
            "Choose a waiver to undo".to_owned(),
            form,
        );
        return actions_page(&state, &s, account, shown).await;
    };
    let mut errors = Errors::default();
    check_note(&form.undo_note, UNDO_NOTE, &mut errors);
    if !errors.is_empty() {
        let shown = Shown::problems(Which::Undo(txn), errors, form);
        return actions_page(&state, &s, account, shown).await;
    }
    let action = Action::UndoWaiver(WaiverUndo {
        account,
        txn,
        note: form.undo_note.trim().to_owned(),
    });
    submit(&state, &s, account, Which::Undo(txn), form, action).await
}

/// `POST /console/loans/{account}/payments/{payment}/reversal`
pub(super) async fn reverse(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path((account, payment)): Path<(String, String)>,
    posted: Posted<ActionForm, StaffVisitor>,
) -> PageResult {
    let account = account_of(&account)?;
    let payment = ids::or_not_found(&payment, PaymentId)?;
    let form = posted.form;
    let mut errors = Errors::default();
    let reason = ReversalReason::parse(&form.reason);
    if reason.is_none() {
        errors.push(REVERSE_REASON, "Choose why the payment is reversed");
    }
    check_note(&form.note, REVERSE_NOTE, &mut errors);
    let Some(reason) = reason.filter(|_| errors.is_empty()) else {
        let shown = Shown::problems(Which::Payment(payment.0), errors, form);
        return actions_page(&state, &s, account, shown).await;
    };
    let action = Action::ReversePayment(PaymentReversal {
        account,
        payment,
        reason,
        note: form.note.trim().to_owned(),
    });
    submit(&state, &s, account, Which::Payment(payment.0), form, action).await
}

/// `POST /console/loans/{account}/payments/{payment}/move`
pub(super) async fn move_payment(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path((account, payment)): Path<(String, String)>,
    posted: Posted<ActionForm, StaffVisitor>,
) -> PageResult {
    let account = account_of(&account)?;
    let payment = ids::or_not_found(&payment, PaymentId)?;
    let form = posted.form;
    let mut errors = Errors::default();
    let to = form
        .to
        .trim()
        .parse::<AccountNumber>()
        .map_err(|e| errors.push(MOVE_TO, format!("The account number to move it to: {e}")))
        .ok();
    check_note(&form.note, MOVE_NOTE, &mut errors);
    let Some(to) = to.filter(|_| errors.is_empty()) else {
        let shown = Shown::problems(Which::Payment(payment.0), errors, form);
        return actions_page(&state, &s, account, shown).await;
    };
    let action = Action::MovePayment(PaymentMove {
        account,
        payment,
        to,
        note: form.note.trim().to_owned(),
    });
    submit(&state, &s, account, Which::Payment(payment.0), form, action).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_is_shown_beside_its_form() {
        let e = ServicingError::NoteTooLong;
        assert_eq!(Which::Fees.field(&e), "fee_note");
        assert_eq!(Which::Interest.field(&e), "interest_note");
        let e = ServicingError::MoreThanOutstanding {
            outstanding: Money::from_cents(2_500),
        };
        assert_eq!(Which::Fees.field(&e), "fee_amount");
        assert_eq!(Which::Payment(4).field(&e), "payments");
        assert_eq!(Which::Undo(9).field(&e), "waivers");
        assert_eq!(
            Which::Undo(9).field(&ServicingError::NoteTooLong),
            UNDO_NOTE
        );
        // A waiver form with every field wrong names each, on its field.
        let long = "x".repeat(app::servicing::MAX_NOTE + 1);
        let errors = waiver_fields(
            ("12.345", "whim", long.as_str()),
            ("fee_amount", "fee_reason", "fee_note"),
        )
        .unwrap_err();
        assert_eq!(
            errors.0.iter().map(|(f, _)| *f).collect::<Vec<_>>(),
            vec!["fee_amount", "fee_reason", "fee_note"]
        );
        assert_eq!(
            errors.get("fee_note"),
            Some("Keep the note to 500 characters")
        );
        assert_eq!(sentence("only a posted payment"), "Only a posted payment");
        assert_eq!(
            actions_path(AccountNumber::from_base(521_840_000_000_101)),
            ACTIONS.replace(
                "{account}",
                &AccountNumber::from_base(521_840_000_000_101).to_string()
            )
        );
    }
}
