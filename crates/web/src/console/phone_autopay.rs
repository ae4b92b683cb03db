//! AutoPay by phone in the console: for a verified caller, the agent turns AutoPay on or
//! changes it (the loan, what it drafts from, the amount, the draft day), reads the words on
//! the review page, which carry the portal's own AutoPay authorization, enters the reference
//! of the call's recording and ticks that the borrower agreed; or turns AutoPay off, reading
//! its own short words. A borrower who never enrolled in the portal is enrolled the same way
//! (ADR 0022): the AutoPay, and an account or card read out for it, are kept as theirs, and
//! the page says they will find both in the portal once they enroll. The confirm forms carry
//! the digest of the words shown (words that changed since are shown again to read, and
//! nothing is done), and turning AutoPay on carries an idempotency key made when its words
//! were shown (a form sent twice sets up one AutoPay).

use super::phone_desk::{
    MethodChoice, PhoneForm, chosen_method, desk, method_choices, method_problems, notice_words,
    path_of, problem, refuse, verified_words, verify_first,
};
use super::{Needs, SignedInStaff, StaffVisitor, Table};
use crate::AppState;
use crate::kit::page::render;
use crate::kit::{Chrome, Errors, PageResult, Posted};
use app::access::Capability;
use app::payments::phone::{AutopayReview, DeskFor, PayFrom, PhoneAutopayRequest, PhoneError};
use app::payments::{AmountOf, PaymentError};
use app::staff::Staff;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Redirect};
use domain::autopay::MAX_DAYS_BEFORE_DUE;
use domain::loan::LoanStatus;
use serde::Deserialize;
use store::{BorrowerId, PhoneMethodId};

/// A borrower's AutoPay by phone.
const AUTOPAY: &str = "/console/borrowers/{id}/autopay";
/// The words to read before AutoPay is turned on or changed.
const AUTOPAY_REVIEW: &str = "/console/borrowers/{id}/autopay/review";
/// The words to read before AutoPay is turned off.
const CANCEL_REVIEW: &str = "/console/borrowers/{id}/autopay/cancel/review";
/// Turning AutoPay off.
const CANCEL: &str = "/console/borrowers/{id}/autopay/cancel";

/// The message of an AutoPay form that chose nothing to draft from.
const DRAFTS_FROM: &str = "Choose what AutoPay drafts from";

/// This module's routes: every one takes a borrower's id and needs the capability to take
/// payments (AutoPay by phone is part of taking payments).
pub(super) fn routes(t: Table) -> Table {
    let can = Needs::Capability(Capability::TakePayment);
    t.add(Method::GET, AUTOPAY, can, page)
        .add(Method::POST, AUTOPAY_REVIEW, can, review)
        .add(Method::POST, AUTOPAY, can, enroll)
        .add(Method::POST, CANCEL_REVIEW, can, cancel_review)
        .add(Method::POST, CANCEL, can, cancel)
}

/// One active loan of the borrower's, with its AutoPay.
struct AutopayLoan {
    account: String,
    last4: String,
    live: Option<String>,
}

#[derive(Template)]
#[template(path = "console/phone_autopay.html")]
struct AutopayPage {
    chrome: Chrome,
    staff: Option<Staff>,
    errors: Errors,
    borrower: i64,
    name: String,
    verified: String,
    signed_in: bool,
    done: Option<&'static str>,
    loans: Vec<AutopayLoan>,
    saved: Vec<MethodChoice>,
    given: Vec<MethodChoice>,
    form: PhoneForm,
    notice_to: Option<String>,
}

#[derive(Template)]
#[template(path = "console/phone_autopay_review.html")]
struct ReviewPage {
    chrome: Chrome,
    staff: Option<Staff>,
    errors: Errors,
    borrower: i64,
    cancel: bool,
    last4: String,
    method: String,
    script: String,
    version: String,
    read_at: String,
    digest: String,
    form: PhoneForm,
    notice_to: Option<String>,
}

/// `?saved=1`, `?cancelled=1`
#[derive(Deserialize, Default)]
pub(super) struct Done {
    #[serde(default)]
    saved: Option<String>,
    #[serde(default)]
    cancelled: Option<String>,
}

/// The AutoPay asked for, drafted from `from`; or every field's problem (the loan, the fixed
/// amount, the days before the due date), each beside its field, so the form lists them all.
fn request(form: &PhoneForm, from: PayFrom) -> Result<PhoneAutopayRequest, Errors> {
    let mut errors = Errors::default();
    let account = form.account().map_err(|e| errors.append(e)).ok();
    // `Some(None)`: the scheduled payment.
    let fixed_amount = match form.amount.as_str() {
        "fixed" => app::payments::parse_amount(AmountOf::AutopayFixed, &form.fixed_amount)
            .map(Some)
            .map_err(|e| refuse(&mut errors, &e))
            .ok(),
        _ => Some(None),
    };
    let days_before_due = match form.days_before_due.trim() {
        "" => Some(0),
        d => {
            let days = d.parse::<u8>().ok().filter(|d| *d <= MAX_DAYS_BEFORE_DUE);
            if days.is_none() {
                refuse(&mut errors, &PaymentError::DaysBeforeDueOutOfRange);
            }
            days
        }
    };
    match (account, fixed_amount, days_before_due) {
        (Some(account), Some(fixed_amount), Some(days_before_due)) if errors.is_empty() => {
            Ok(PhoneAutopayRequest {
                account,
                method: from,
                fixed_amount,
                days_before_due,
            })
        }
        _ => Err(errors),
    }
}

/// The AutoPay page, with `errors` beside their fields; the refusal when the caller is not
/// verified.
async fn autopay_page(
    state: &AppState,
    s: &SignedInStaff,
    borrower: BorrowerId,
    mut form: PhoneForm,
    errors: Errors,
    done: Option<&'static str>,
) -> PageResult {
    let desk = desk(state, s, borrower, DeskFor::Autopay).await?;
    let Some(verified) = verified_words(state, &desk) else {
        return Ok(verify_first(s, borrower, StatusCode::OK));
    };
    form.forget_numbers();
    let (saved, given) = method_choices(&desk);
    let loans: Vec<AutopayLoan> = desk
        .loans
        .iter()
        .filter(|v| v.snapshot.status == LoanStatus::Active)
        .map(|v| {
            let live = desk.autopays.iter().find(|a| a.loan == v.loan).map(|a| {
                let from = saved
                    .iter()
                    .find(|c| c.value == PayFrom::Saved(a.method).as_text())
                    .map_or("a method no longer saved", |c| c.label.as_str());
                let amount = match (a.cadence.is_split(), a.fixed_amount) {
                    (true, _) => "half of each scheduled payment".to_owned(),
                    (false, Some(f)) => format!("{} (or the payment due, if more)", f.usd()),
                    (false, None) => "the scheduled payment".to_owned(),
                };
                let when = app::payments::autopay::timing_words(a.cadence, a.days_before_due);
                let since = app::clock::date_in(a.authorized_at_us, state.app.zone());
                format!(
                    "AutoPay is on: {amount} {when}, from {from}, since {}.",
                    documents::long_date(since)
                )
            });
            AutopayLoan {
                account: v.account_number.to_string(),
                last4: v.account_number.last4(),
                live,
            }
        })
        .collect();
    if form.loan.is_empty()
        && let Some(first) = loans.first()
    {
        form.loan = first.account.clone();
    }
    let status = crate::kit::status_of(&errors);
    let page = AutopayPage {
        chrome: s.visitor.chrome(""),
        staff: Some(s.staff.clone()),
        errors,
        borrower: borrower.0,
        name: desk.name.clone(),
        verified,
        signed_in: desk.login.is_some(),
        done,
        loans,
        saved,
        given,
        form,
        notice_to: desk
            .notice_to
            .as_ref()
            .map(|r| notice_words(r.channel, &r.address)),
    };
    Ok((status, render(&page)).into_response())
}

/// A fresh AutoPay form: the scheduled payment, on the due date.
fn fresh_form() -> PhoneForm {
    PhoneForm {
        amount: "scheduled".into(),
        days_before_due: "0".into(),
        ..PhoneForm::default()
    }
}

/// `GET /console/borrowers/{id}/autopay`
pub(super) async fn page(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(id): Path<String>,
    Query(q): Query<Done>,
) -> PageResult {
    let borrower = crate::kit::ids::borrower(&id)?;
    let done = match (q.saved.is_some(), q.cancelled.is_some()) {
        (true, _) => Some(
            "AutoPay is saved. The written copy of the authorization is on its way to the borrower.",
        ),
        (false, true) => {
            Some("AutoPay is turned off. The written confirmation is on its way to the borrower.")
        }
        (false, false) => None,
    };
    autopay_page(&state, &s, borrower, fresh_form(), Errors::default(), done).await
}

/// The review page of `r`: the words to read for turning AutoPay on or changing it, or (when
/// `cancel`) for turning it off.
fn review_page(
    s: &SignedInStaff,
    borrower: BorrowerId,
    form: PhoneForm,
    r: &AutopayReview,
    cancel: bool,
    errors: Errors,
) -> axum::response::Response {
    let status = crate::kit::status_of(&errors);
    let last4 = form.account().map(|a| a.last4()).unwrap_or_default();
    let page = ReviewPage {
        chrome: s.visitor.chrome(""),
        staff: Some(s.staff.clone()),
        errors,
        borrower: borrower.0,
        cancel,
        last4,
        method: r.method_words.clone(),
        script: r.script.text.clone(),
        version: r.script.version.to_owned(),
        read_at: r.read_at_us.to_string(),
        digest: r.digest.clone(),
        notice_to: r
            .notice_to
            .as_ref()
            .map(|t| notice_words(t.channel, &t.address)),
        form,
    };
    (status, render(&page)).into_response()
}

/// `POST /console/borrowers/{id}/autopay/review`: the words to read.
pub(super) async fn review(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(id): Path<String>,
    posted: Posted<PhoneForm, StaffVisitor>,
) -> PageResult {
    let borrower = crate::kit::ids::borrower(&id)?;
    let mut form = posted.form;
    // The loan, the amount, the day and what it drafts from (each detail of a bank account or
    // card read out) are checked before a method read out is recorded, every problem said at
    // once, then what the AutoPay asks of the loan (active, a fixed amount at least the
    // scheduled payment): a refused form records nothing.
    let mut errors = Errors::default();
    let checked = request(&form, PayFrom::Given(PhoneMethodId(0)))
        .map_err(|e| errors.append(e))
        .ok();
    errors.append(method_problems(&state, &s, borrower, &form, DRAFTS_FROM).await?);
    if let Some(checked) = &checked
        && matches!(form.method.as_str(), "new_bank" | "new_card")
        && let Err(e) = state
            .app
            .check_phone_autopay_terms(&s.staff.actor(), borrower, checked)
            .await
    {
        errors.append(problem(&s, borrower, &e, false)?);
    }
    if !errors.is_empty() {
        return autopay_page(&state, &s, borrower, form, errors, None).await;
    }
    let from = match chosen_method(&state, &s, borrower, &form, DRAFTS_FROM).await? {
        Ok(from) => from,
        Err(errors) => return autopay_page(&state, &s, borrower, form, errors, None).await,
    };
    form.method = from.as_text();
    form.forget_numbers();
    let req = match request(&form, from) {
        Ok(req) => req,
        Err(errors) => return autopay_page(&state, &s, borrower, form, errors, None).await,
    };
    match state
        .app
        .review_phone_autopay(&s.staff.actor(), borrower, &req)
        .await
    {
        Ok(r) => {
            // The key of this AutoPay, sent back with the confirm form.
            form.key = app::identity::random_token()[..32].to_owned();
            Ok(review_page(
                &s,
                borrower,
                form,
                &r,
                false,
                Errors::default(),
            ))
        }
        Err(e) => {
            let errors = problem(&s, borrower, &e, false)?;
            autopay_page(&state, &s, borrower, form, errors, None).await
        }
    }
}

/// `POST /console/borrowers/{id}/autopay`: turns AutoPay on, or changes it.
pub(super) async fn enroll(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(id): Path<String>,
    posted: Posted<PhoneForm, StaffVisitor>,
) -> PageResult {
    let borrower = crate::kit::ids::borrower(&id)?;
    let form = posted.form;
    let actor = s.staff.actor();
    let mut errors = Errors::default();
    let req = request(&form, PayFrom::Given(PhoneMethodId(0)))
        .map_err(|e| errors.append(e))
        .ok();
    let from = PayFrom::parse(&form.method);
    if from.is_none() {
        errors.push("method", DRAFTS_FROM);
    }
    let (Some(from), Some(req)) = (from, req) else {
        return autopay_page(&state, &s, borrower, form, errors, None).await;
    };
    let req = PhoneAutopayRequest {
        method: from,
        ..req
    };
    // What the agent fills in on the words' page, the recording's reference and the box the
    // borrower's agreement ticks, is checked together, so both are said at once when both are
    // missing (the use case checks each again).
    let mut missing = Errors::default();
    if let Err(e) = app::payments::phone::checked_call_reference(&form.call_reference) {
        missing.push("call_reference", e.to_string());
    }
    if form.agree.is_none() {
        missing.push("agree", PhoneError::AgreementNeeded.to_string());
    }
    if !missing.is_empty() {
        return match state.app.review_phone_autopay(&actor, borrower, &req).await {
            Ok(r) => Ok(review_page(&s, borrower, form, &r, false, missing)),
            Err(again) => {
                let errors = problem(&s, borrower, &again, false)?;
                autopay_page(&state, &s, borrower, form, errors, None).await
            }
        };
    }
    let done = state
        .app
        .enroll_autopay_by_phone(
            &actor,
            borrower,
            &form.key,
            &req,
            &form.agreement(),
            &form.call_reference,
        )
        .await;
    match done {
        Ok(_) => {
            let to = format!("{}?saved=1", path_of(AUTOPAY, borrower));
            Ok(Redirect::to(&to).into_response())
        }
        Err(
            e @ (PhoneError::AgreementNeeded
            | PhoneError::ScriptChanged { .. }
            | PhoneError::ScriptStale
            | PhoneError::CallReferenceNeeded),
        ) => {
            // The words again, drawn afresh, with the message beside its field; the key is
            // kept, as nothing was done.
            let field = match e {
                PhoneError::CallReferenceNeeded => "call_reference",
                _ => "agree",
            };
            match state.app.review_phone_autopay(&actor, borrower, &req).await {
                Ok(r) => Ok(review_page(
                    &s,
                    borrower,
                    form,
                    &r,
                    false,
                    Errors::one(field, e.to_string()),
                )),
                Err(again) => {
                    let errors = problem(&s, borrower, &again, false)?;
                    autopay_page(&state, &s, borrower, form, errors, None).await
                }
            }
        }
        Err(PhoneError::Payment(PaymentError::KeyReused)) => {
            // The form was changed after it was drawn and sent again: start afresh.
            let errors = Errors::one(
                "loan",
                "This form was already used for another AutoPay. Check the details and continue to the words again",
            );
            autopay_page(&state, &s, borrower, form, errors, None).await
        }
        Err(e) => {
            let errors = problem(&s, borrower, &e, false)?;
            autopay_page(&state, &s, borrower, form, errors, None).await
        }
    }
}

/// `POST /console/borrowers/{id}/autopay/cancel/review`: the words to read before AutoPay
/// is turned off.
pub(super) async fn cancel_review(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(id): Path<String>,
    posted: Posted<PhoneForm, StaffVisitor>,
) -> PageResult {
    let borrower = crate::kit::ids::borrower(&id)?;
    let form = posted.form;
    let account = match form.account() {
        Ok(a) => a,
        Err(errors) => return autopay_page(&state, &s, borrower, form, errors, None).await,
    };
    match state
        .app
        .review_phone_autopay_cancel(&s.staff.actor(), borrower, account)
        .await
    {
        Ok(r) => Ok(review_page(&s, borrower, form, &r, true, Errors::default())),
        Err(e) => {
            let errors = problem(&s, borrower, &e, false)?;
            autopay_page(&state, &s, borrower, form, errors, None).await
        }
    }
}

/// `POST /console/borrowers/{id}/autopay/cancel`: turns AutoPay off.
pub(super) async fn cancel(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(id): Path<String>,
    posted: Posted<PhoneForm, StaffVisitor>,
) -> PageResult {
    let borrower = crate::kit::ids::borrower(&id)?;
    let form = posted.form;
    let actor = s.staff.actor();
    let account = match form.account() {
        Ok(a) => a,
        Err(errors) => return autopay_page(&state, &s, borrower, form, errors, None).await,
    };
    match state
        .app
        .cancel_autopay_by_phone(&actor, borrower, account, &form.agreement())
        .await
    {
        Ok(_) => {
            let to = format!("{}?cancelled=1", path_of(AUTOPAY, borrower));
            Ok(Redirect::to(&to).into_response())
        }
        Err(
            e @ (PhoneError::AgreementNeeded
            | PhoneError::ScriptChanged { .. }
            | PhoneError::ScriptStale),
        ) => {
            match state
                .app
                .review_phone_autopay_cancel(&actor, borrower, account)
                .await
            {
                Ok(r) => Ok(review_page(
                    &s,
                    borrower,
                    form,
                    &r,
                    true,
                    Errors::one("agree", e.to_string()),
                )),
                Err(again) => {
                    let errors = problem(&s, borrower, &again, false)?;
                    autopay_page(&state, &s, borrower, form, errors, None).await
                }
            }
        }
        Err(e) => {
            let errors = problem(&s, borrower, &e, false)?;
            autopay_page(&state, &s, borrower, form, errors, None).await
        }
    }
}
