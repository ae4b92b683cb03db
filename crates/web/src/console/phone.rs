//! Taking a payment by phone in the console. The agent verifies the caller on the account
//! page first; then chooses the loan, the amount, the date and what the borrower pays from (a
//! saved method, or a bank account or debit card read out on the call, checked as the portal
//! checks them and recorded before the review, so no page carries its number again); reviews
//! the split and reads the authorization on screen; ticks that the borrower agreed; and
//! confirms. The receipt says where the written notice went. The confirm form carries an
//! idempotency key made when the review page was drawn, so a double click makes one payment,
//! and the digest of the words shown, so that a payment whose words changed since (the cutoff
//! passed, another payment was made) is not taken: the new words are shown to read. While a
//! bank payment is pending, its receipt has the button that cancels it at the borrower's
//! request.
//! AutoPay by phone is in [`super::phone_autopay`]; what both share, in [`super::phone_desk`].

use super::phone_desk::{
    MethodChoice, PhoneForm, chosen_method, desk, method_choices, method_problems, notice_words,
    path_of, problem, verified_words, verify_first,
};
use super::{Needs, SignedInStaff, StaffVisitor, Table};
use crate::AppState;
use crate::kit::page::render;
use crate::kit::{Chrome, Errors, PageResult, Posted};
use app::access::Capability;
use app::payments::PaymentError;
use app::payments::phone::{DeskFor, PayFrom, PhoneError, PhonePaymentRequest, PhoneReview};
use app::staff::Staff;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Redirect};
use domain::loan::{ExtraTo, LoanStatus};
use domain::payment::{MethodKind, PaymentStatus, Rail};
use serde::Deserialize;
use store::{BorrowerId, Channel, NoticeDelivery, Payment, PaymentId};

/// A form with nothing but its CSRF token.
#[derive(Deserialize)]
pub(super) struct Empty {}

/// The pay form of a borrower.
const PAY: &str = "/console/borrowers/{id}/pay";
/// Its review step.
const PAY_REVIEW: &str = "/console/borrowers/{id}/pay/review";
/// The receipt of a payment taken by phone.
const RECEIPT: &str = "/console/borrowers/{id}/pay/{payment}";
/// Cancelling a payment taken by phone, at the borrower's request.
const CANCEL: &str = "/console/borrowers/{id}/pay/{payment}/cancel";

/// The message of a pay form that chose nothing to pay from.
const PAYS_FROM: &str = "Choose what the borrower pays from";

/// This module's routes: every one takes a borrower's id (the receipt and the cancel a
/// payment's too), and needs the capability to take payments.
pub(super) fn routes(t: Table) -> Table {
    let can = Needs::Capability(Capability::TakePayment);
    t.add(Method::GET, PAY, can, page)
        .add(Method::POST, PAY_REVIEW, can, review)
        .add(Method::POST, PAY, can, confirm)
        .add(Method::GET, RECEIPT, can, receipt)
        .add(Method::POST, CANCEL, can, cancel)
}

/// One loan the agent may take a payment on.
struct LoanChoice {
    account: String,
    label: String,
}

#[derive(Template)]
#[template(path = "console/phone_pay.html")]
struct PayPage {
    chrome: Chrome,
    staff: Option<Staff>,
    errors: Errors,
    borrower: i64,
    name: String,
    verified: String,
    loans: Vec<LoanChoice>,
    saved: Vec<MethodChoice>,
    given: Vec<MethodChoice>,
    form: PhoneForm,
    /// What the later date's hint says before the forms a date may be typed in.
    date_hint: String,
    cutoff: String,
    notice_to: Option<String>,
}

#[derive(Template)]
#[template(path = "console/phone_review.html")]
struct ReviewPage {
    chrome: Chrome,
    staff: Option<Staff>,
    errors: Errors,
    borrower: i64,
    form: PhoneForm,
    last4: String,
    amount: String,
    date: String,
    moved: bool,
    method: String,
    is_card: bool,
    fees: String,
    interest: String,
    principal: String,
    unapplied: String,
    balance_after: String,
    extra_to_next: bool,
    script: String,
    version: String,
    read_at: String,
    digest: String,
    notice_to: Option<String>,
}

/// The pay form, with `errors` beside their fields; the refusal when the caller is not
/// verified.
async fn pay_page(
    state: &AppState,
    s: &SignedInStaff,
    borrower: BorrowerId,
    mut form: PhoneForm,
    errors: Errors,
) -> PageResult {
    let desk = desk(state, s, borrower, DeskFor::Payment).await?;
    let Some(verified) = verified_words(state, &desk) else {
        return Ok(verify_first(s, borrower, StatusCode::OK));
    };
    form.forget_numbers();
    // What "The amount due" would take, as the payment would be quoted (a bank payment as
    // soon as possible): after the cutoff or on a weekend that is tomorrow's amount due, not
    // today's, and pending payments count as paid.
    let mut loans: Vec<LoanChoice> = Vec::new();
    for v in desk
        .loans
        .iter()
        .filter(|v| v.snapshot.status == LoanStatus::Active)
    {
        let snap = &v.snapshot;
        let ask = app::payments::phone::PhonePaymentRequest {
            account: v.account_number,
            method: PayFrom::Given(store::PhoneMethodId(0)),
            amount: domain::payment::AmountChoice::AmountDue,
            date: None,
            extra: ExtraTo::NextInstallment,
        };
        // A card is credited today, a bank payment as soon as the bank can: the amount due
        // may differ between the two (an installment falling due in between).
        let mut quoted = Vec::new();
        for kind in [MethodKind::Bank, MethodKind::Card] {
            quoted.push(
                match state
                    .app
                    .quote_phone_payment(&s.staff.actor(), borrower, &ask, kind)
                    .await
                {
                    Ok(q) => Some((q.amount, q.credit_date)),
                    Err(PhoneError::Payment(PaymentError::Store(e))) => return Err(e.into()),
                    Err(_) => None,
                },
            );
        }
        let words = |quote: Option<(money::Money, jiff::civil::Date)>, how: &str| match quote {
            Some((amount, credited)) => format!(
                "{} due {how}, credited {}",
                amount.usd(),
                documents::long_date(credited)
            ),
            None => format!("nothing due {how}"),
        };
        // Said once when both ways take the same amount on the same date.
        let due = if quoted[0] == quoted[1] {
            words(quoted[0], "by bank or card")
        } else {
            format!(
                "{}; {}",
                words(quoted[0], "by bank"),
                words(quoted[1], "by card")
            )
        };
        let past = if snap.past_due.is_positive() {
            format!(" (of which {} past due)", snap.past_due.usd())
        } else {
            String::new()
        };
        let next = snap
            .next_due_date
            .map(|d| format!(", next due {}", documents::long_date(d)))
            .unwrap_or_default();
        loans.push(LoanChoice {
            account: v.account_number.to_string(),
            label: format!(
                "Loan ending {}: {due}{past}{next}",
                v.account_number.last4()
            ),
        });
    }
    if form.loan.is_empty()
        && let Some(first) = loans.first()
    {
        form.loan = first.account.clone();
    }
    let (saved, given) = method_choices(&desk);
    let status = crate::kit::status_of(&errors);
    let settings = state.app.payment_settings();
    let page = PayPage {
        chrome: s.visitor.chrome(""),
        staff: Some(s.staff.clone()),
        errors,
        borrower: borrower.0,
        name: desk.name.clone(),
        verified,
        loans,
        saved,
        given,
        form,
        date_hint: format!(
            "Only for a later date: today is {}.",
            documents::long_date(desk.today)
        ),
        cutoff: crate::kit::time::clock_in(settings.cutoff, state.app.zone()),
        notice_to: desk
            .notice_to
            .as_ref()
            .map(|r| notice_words(r.channel, &r.address)),
    };
    Ok((status, render(&page)).into_response())
}

/// A fresh pay form: the amount due, today, extra to principal.
fn fresh_form() -> PhoneForm {
    PhoneForm {
        amount: "due".into(),
        when: "today".into(),
        extra: "principal".into(),
        method: String::new(),
        ..PhoneForm::default()
    }
}

/// `GET /console/borrowers/{id}/pay`
pub(super) async fn page(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(id): Path<String>,
) -> PageResult {
    let borrower = crate::kit::ids::borrower(&id)?;
    pay_page(&state, &s, borrower, fresh_form(), Errors::default()).await
}

/// `POST /console/borrowers/{id}/pay/review`: the split and the words to read.
pub(super) async fn review(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(id): Path<String>,
    posted: Posted<PhoneForm, StaffVisitor>,
) -> PageResult {
    let borrower = crate::kit::ids::borrower(&id)?;
    let mut form = posted.form;
    // Every field is checked before a method read out is recorded, and every problem is said
    // at once: the loan, the amount and the date as written, what it is paid from (each
    // detail of a bank account or card read out), then the amount and the date as the
    // payment would be quoted for that kind of method. A refused form records nothing.
    let mut errors = Errors::default();
    let checked = form
        .request(PayFrom::Given(store::PhoneMethodId(0)))
        .map_err(|e| errors.append(e))
        .ok();
    errors.append(method_problems(&state, &s, borrower, &form, PAYS_FROM).await?);
    let new_kind = match form.method.as_str() {
        "new_bank" => Some(MethodKind::Bank),
        "new_card" => Some(MethodKind::Card),
        _ => None,
    };
    if let (Some(kind), Some(checked)) = (new_kind, &checked)
        && let Err(e) = state
            .app
            .quote_phone_payment(&s.staff.actor(), borrower, checked, kind)
            .await
    {
        errors.append(problem(&s, borrower, &e, false)?);
    }
    if !errors.is_empty() {
        return pay_page(&state, &s, borrower, form, errors).await;
    }
    let from = match chosen_method(&state, &s, borrower, &form, PAYS_FROM).await? {
        Ok(from) => from,
        Err(errors) => return pay_page(&state, &s, borrower, form, errors).await,
    };
    form.method = from.as_text();
    form.forget_numbers();
    let req = match form.request(from) {
        Ok(req) => req,
        Err(errors) => return pay_page(&state, &s, borrower, form, errors).await,
    };
    match state
        .app
        .review_phone_payment(&s.staff.actor(), borrower, &req)
        .await
    {
        Ok(r) => {
            form.key = app::identity::random_token()[..32].to_owned();
            Ok(review_page(&s, borrower, form, &r, Errors::default()))
        }
        Err(e) => {
            let errors = problem(&s, borrower, &e, false)?;
            pay_page(&state, &s, borrower, form, errors).await
        }
    }
}

fn review_page(
    s: &SignedInStaff,
    borrower: BorrowerId,
    form: PhoneForm,
    r: &PhoneReview,
    errors: Errors,
) -> axum::response::Response {
    let q = &r.quote;
    let status = crate::kit::status_of(&errors);
    let page = ReviewPage {
        chrome: s.visitor.chrome(""),
        staff: Some(s.staff.clone()),
        errors,
        borrower: borrower.0,
        last4: q.account.last4(),
        amount: q.amount.usd().to_string(),
        date: documents::long_date(q.credit_date),
        moved: q.moved,
        method: q.method_words.clone(),
        is_card: q.method_kind == MethodKind::Card,
        fees: q.split.fees.usd().to_string(),
        interest: q.split.interest.usd().to_string(),
        principal: q.split.principal.usd().to_string(),
        unapplied: q.split.unapplied.usd().to_string(),
        balance_after: q.balance_after.usd().to_string(),
        extra_to_next: q.extra == ExtraTo::NextInstallment,
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

/// `POST /console/borrowers/{id}/pay`: takes the payment under the form's key.
pub(super) async fn confirm(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path(id): Path<String>,
    posted: Posted<PhoneForm, StaffVisitor>,
) -> PageResult {
    let borrower = crate::kit::ids::borrower(&id)?;
    let form = posted.form;
    let actor = s.staff.actor();
    // The review's fields came back as they were drawn: each problem is said at once all the
    // same, in the form's order.
    let mut errors = Errors::default();
    let req = form
        .request(PayFrom::Given(store::PhoneMethodId(0)))
        .map_err(|e| errors.append(e))
        .ok();
    let from = PayFrom::parse(&form.method);
    if from.is_none() {
        errors.push("method", PAYS_FROM);
    }
    let (Some(from), Some(req)) = (from, req) else {
        return pay_page(&state, &s, borrower, form, errors).await;
    };
    let req = PhonePaymentRequest {
        method: from,
        ..req
    };
    let agreed = form.agreement();
    match state
        .app
        .take_phone_payment(&actor, borrower, &form.key, &req, &agreed)
        .await
    {
        Ok(outcome) => {
            let to = format!("{}?made=1", receipt_path(borrower, outcome.payment.id));
            Ok(Redirect::to(&to).into_response())
        }
        Err(
            e @ (PhoneError::AgreementNeeded
            | PhoneError::ScriptChanged { .. }
            | PhoneError::ScriptStale),
        ) => {
            // The words again (drawn afresh: the date and amount read are those true now),
            // with the message beside the box; the key is kept, as nothing was made.
            match state.app.review_phone_payment(&actor, borrower, &req).await {
                Ok(r) => Ok(review_page(
                    &s,
                    borrower,
                    form,
                    &r,
                    Errors::one("agree", e.to_string()),
                )),
                Err(again) => {
                    let errors = problem(&s, borrower, &again, false)?;
                    pay_page(&state, &s, borrower, form, errors).await
                }
            }
        }
        Err(PhoneError::Payment(PaymentError::KeyReused)) => {
            // The form was changed after it was drawn and sent again: start afresh.
            let errors = Errors::one(
                "amount",
                "This form was already used for another payment. Check the details and review the payment again",
            );
            pay_page(&state, &s, borrower, form, errors).await
        }
        Err(e) => {
            let errors = problem(&s, borrower, &e, false)?;
            pay_page(&state, &s, borrower, form, errors).await
        }
    }
}

/// The receipt's path of payment `payment` of `borrower`.
fn receipt_path(borrower: BorrowerId, payment: PaymentId) -> String {
    path_of(RECEIPT, borrower).replace("{payment}", &payment.0.to_string())
}

#[derive(Template)]
#[template(path = "console/phone_receipt.html")]
struct ReceiptPage {
    chrome: Chrome,
    staff: Option<Staff>,
    borrower: i64,
    payment: i64,
    made: bool,
    cancelled: bool,
    cancellable: bool,
    refused: Option<String>,
    confirmation: String,
    status: &'static str,
    last4: String,
    amount: String,
    date: String,
    method: String,
    split: Option<(String, String, String, String)>,
    expected: bool,
    decline_reason: Option<String>,
    notice_to: Option<String>,
    /// Where the written notice stands (sent, waiting, or failed, and what that means for a
    /// bank debit), when one was written.
    notice: Option<String>,
    agent: String,
    agreed_at: String,
    script: String,
    version: String,
    retain_until: String,
}

/// `?made=1`, `?cancelled=1`
#[derive(Deserialize, Default)]
pub(super) struct ReceiptQuery {
    #[serde(default)]
    made: Option<String>,
    #[serde(default)]
    cancelled: Option<String>,
}

/// What the agent is told when a payment can no longer be cancelled.
const TOO_LATE: &str = "This payment can no longer be cancelled: it has gone to the borrower's bank in its ACH file (or it is a card charge). Nothing was changed.";

/// A payment's status as the agent reads it.
fn status_words(p: &Payment) -> &'static str {
    match p.status {
        PaymentStatus::Scheduled if p.rail == Rail::Card => "Processing",
        PaymentStatus::Scheduled => "Pending: it goes out in the ACH file of its credit date",
        PaymentStatus::Posted => "Posted",
        PaymentStatus::Cancelled => "Cancelled",
        PaymentStatus::Declined => "Declined",
        // A payment staff took off the loan keeps its reason's code instead of a bank's.
        PaymentStatus::Returned => match p
            .return_code
            .as_deref()
            .and_then(app::servicing::WhyReversed::parse)
        {
            Some(app::servicing::WhyReversed::Moved) => "Moved to another loan",
            Some(app::servicing::WhyReversed::Reason(_)) => "Reversed by staff",
            None => "Returned by the borrower's bank",
        },
    }
}

/// `GET /console/borrowers/{id}/pay/{payment}`: the receipt, with the evidence kept.
pub(super) async fn receipt(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path((id, payment)): Path<(String, String)>,
    Query(q): Query<ReceiptQuery>,
) -> PageResult {
    let borrower = crate::kit::ids::borrower(&id)?;
    let Some(payment) = crate::kit::ids::positive(&payment).map(PaymentId) else {
        return Ok(crate::errors::not_found_page());
    };
    let shown = Shown {
        made: q.made.is_some(),
        cancelled: q.cancelled.is_some(),
        refused: None,
    };
    receipt_page(&state, &s, borrower, payment, shown).await
}

/// `POST /console/borrowers/{id}/pay/{payment}/cancel`: cancels a pending bank payment taken
/// by phone, at the verified caller's request; the receipt says what became of it.
pub(super) async fn cancel(
    State(state): State<AppState>,
    s: SignedInStaff,
    Path((id, payment)): Path<(String, String)>,
    posted: Posted<Empty, StaffVisitor>,
) -> PageResult {
    let _ = posted.form;
    let borrower = crate::kit::ids::borrower(&id)?;
    let Some(payment) = crate::kit::ids::positive(&payment).map(PaymentId) else {
        return Ok(crate::errors::not_found_page());
    };
    let refused = match state
        .app
        .cancel_phone_payment(&s.staff.actor(), borrower, payment)
        .await
    {
        Ok(_) => {
            let to = format!("{}?cancelled=1", receipt_path(borrower, payment));
            return Ok(Redirect::to(&to).into_response());
        }
        Err(PhoneError::Payment(PaymentError::TooLate)) => TOO_LATE.to_owned(),
        // Not found, not verified, not allowed, our failure: their own pages.
        Err(e) => {
            problem(&s, borrower, &e, false)?;
            e.to_string()
        }
    };
    let shown = Shown {
        made: false,
        cancelled: false,
        refused: Some(refused),
    };
    receipt_page(&state, &s, borrower, payment, shown).await
}

/// What the receipt says besides the payment: that it was just taken, or just cancelled, or
/// why it could not be cancelled.
struct Shown {
    made: bool,
    cancelled: bool,
    refused: Option<String>,
}

/// The receipt of `payment` (409 when it shows a refusal to cancel it).
async fn receipt_page(
    state: &AppState,
    s: &SignedInStaff,
    borrower: BorrowerId,
    payment: PaymentId,
    shown: Shown,
) -> PageResult {
    let r = match state
        .app
        .phone_receipt(&s.staff.actor(), borrower, payment)
        .await
    {
        Ok(r) => r,
        Err(e) => {
            problem(s, borrower, &e, false)?;
            return Ok(crate::errors::not_found_page());
        }
    };
    let p = &r.payment;
    let ev = &r.evidence.recorded;
    let notice_to = r.evidence.notice_to.as_ref().map(|(channel, address)| {
        let channel = match channel.as_str() {
            "email" => Channel::Email,
            "sms" => Channel::Sms,
            _ => Channel::Portal,
        };
        notice_words(channel, address)
    });
    let notice = notice_to.as_ref().map(|to| {
        // A bank debit authorized on a call not recorded goes to the bank only once its
        // notice is sent (NACHA's TEL rule): what the receipt says follows the outbox.
        let tel = p.rail == Rail::Ach && ev.call_reference.is_none();
        let pending = p.status == PaymentStatus::Scheduled;
        match r.evidence.notice_delivery {
            Some(NoticeDelivery::Sent) | None => format!("Sent {to}"),
            Some(NoticeDelivery::Waiting) if tel && pending => format!(
                "Waiting to be sent {to}. The bank debit is held until it is sent; if it cannot be sent within two business days of the credit date, the payment is cancelled and the borrower told."
            ),
            Some(NoticeDelivery::Waiting) => format!("Waiting to be sent {to}"),
            Some(NoticeDelivery::Failed) if tel && pending => format!(
                "Could not be sent {to}. The bank debit is not sent without it: the payment is cancelled with the next ACH file and the borrower told another way."
            ),
            Some(NoticeDelivery::Failed) => format!("Could not be sent {to}"),
        }
    });
    let status = if shown.refused.is_some() {
        StatusCode::CONFLICT
    } else {
        StatusCode::OK
    };
    let page = ReceiptPage {
        chrome: s.visitor.chrome(""),
        staff: Some(s.staff.clone()),
        borrower: borrower.0,
        payment: p.id.0,
        made: shown.made,
        cancelled: shown.cancelled && p.status == PaymentStatus::Cancelled,
        cancellable: r.cancellable,
        refused: shown.refused,
        confirmation: p.confirmation.clone(),
        status: status_words(p),
        last4: r.account.last4(),
        amount: p.amount.usd().to_string(),
        date: documents::long_date(p.credit_date),
        method: ev.method_words.clone(),
        split: p.split.map(|x| {
            (
                x.principal.usd().to_string(),
                x.interest.usd().to_string(),
                x.fees.usd().to_string(),
                x.unapplied.usd().to_string(),
            )
        }),
        expected: p.status == PaymentStatus::Scheduled,
        decline_reason: p.decline_reason.clone(),
        notice_to,
        notice,
        agent: r.evidence.staff_name.clone(),
        agreed_at: crate::kit::time::local(state.app.zone(), ev.agreed_at_us),
        script: ev.script_text.clone(),
        version: ev.script_version.clone(),
        retain_until: ev.retain_until.map_or_else(
            || "While the AutoPay lasts, and two years after it ends".to_owned(),
            documents::long_date,
        ),
    };
    Ok((status, render(&page)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_receipt_path_names_the_borrower_and_the_payment() {
        assert_eq!(
            receipt_path(BorrowerId(3), PaymentId(41)),
            RECEIPT.replace("{id}", "3").replace("{payment}", "41")
        );
        // The receipt's cancel button posts beside it.
        assert_eq!(CANCEL, format!("{RECEIPT}/cancel"));
    }
}
