//! Paying in the portal: make a payment (choose the amount, the account or card, the date
//! and where extra goes; review the split; confirm), the receipt, and cancelling a pending
//! payment. Every form that moves money carries an idempotency key made when the form was
//! drawn, so a double click or a resubmitted page makes one payment. AutoPay is in
//! [`super::autopay`]; adding a debit card in [`super::payment_methods`].

use super::account::{long_date, usd};
use super::auth::Empty;
use super::{Chrome, Errors, Posted, SignedIn};
use crate::AppState;
use crate::kit::page::render;
use crate::kit::payment_refusals::form_field;
use crate::kit::{PageError, PageResult};
use app::payments::one_time::{AmountChoice, PaymentRequest, Quote};
use app::payments::{AmountOf, PaymentError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use domain::account_number::AccountNumber;
use domain::loan::ExtraTo;
use domain::payment::{MethodKind, PaymentChannel, PaymentStatus, Rail};
use serde::Deserialize;
use store::{LoanView, Payment, PaymentId, PaymentMethod, PaymentMethodId};

/// The pay form as posted (and drawn again).
#[derive(Deserialize, Default, Clone)]
pub struct PayForm {
    #[serde(default)]
    method: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    other_amount: String,
    #[serde(default)]
    when: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    extra: String,
    #[serde(default)]
    key: String,
}

impl PayForm {
    /// The payment request the form asks for, or every field of it that does not read (the
    /// account or card, the amount, the date), so the form lists them all at once.
    fn request(&self, account: AccountNumber) -> Result<PaymentRequest, Vec<PaymentError>> {
        let method = self
            .method
            .parse::<i64>()
            .map(PaymentMethodId)
            .map_err(|_| PaymentError::NoPaymentMethod);
        let amount = match self.amount.as_str() {
            "due" => Ok(AmountChoice::AmountDue),
            "past_due" => Ok(AmountChoice::PastDue),
            "payoff" => Ok(AmountChoice::Payoff),
            "other" => app::payments::parse_amount(AmountOf::Payment, &self.other_amount)
                .map(AmountChoice::Other),
            _ => Err(PaymentError::NoAmountChosen),
        };
        let date = match self.when.as_str() {
            "later" => crate::kit::time::parse_date(&self.date)
                .map(Some)
                .ok_or(PaymentError::DateUnreadable),
            _ => Ok(None),
        };
        let extra = match self.extra.as_str() {
            "next_installment" => ExtraTo::NextInstallment,
            _ => ExtraTo::Principal,
        };
        match (method, amount, date) {
            (Ok(method), Ok(amount), Ok(date)) => Ok(PaymentRequest {
                account,
                method,
                amount,
                date,
                extra,
            }),
            (method, amount, date) => Err([method.err(), amount.err(), date.err()]
                .into_iter()
                .flatten()
                .collect()),
        }
    }
}

#[derive(Template)]
#[template(path = "portal/pay.html")]
struct PayPage {
    chrome: Chrome,
    errors: Errors,
    account: String,
    last4: String,
    amount_due: String,
    past_due: Option<String>,
    methods: Vec<PaymentMethod>,
    form: PayForm,
    today: String,
    cutoff: String,
}

#[derive(Template)]
#[template(path = "portal/pay_review.html")]
struct ReviewPage {
    chrome: Chrome,
    account: String,
    last4: String,
    form: PayForm,
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
    /// What the payment counts toward payments not yet due on the credit date, from the
    /// first of them; `None` when it counts toward none (so the next payment is still due).
    counts_ahead: Option<DueWords>,
    /// The payment due next after this one: what is left of it, and its due date.
    next_due: Option<DueWords>,
}

/// An amount and a due date, in words ("$242.84", "January 15, 2027").
struct DueWords {
    amount: String,
    due: String,
}

impl DueWords {
    fn of((due, amount): (jiff::civil::Date, money::Money)) -> Self {
        DueWords {
            amount: usd(amount),
            due: long_date(due),
        }
    }
}

/// A loan of the signed-in borrower's; another's is a 404, like none.
pub(super) async fn loan_of(
    state: &AppState,
    who: &SignedIn,
    account: &str,
) -> Result<LoanView, PageError> {
    let not_found = || PageError::from(crate::errors::not_found_page());
    let Ok(account) = account.parse::<AccountNumber>() else {
        return Err(not_found());
    };
    state
        .app
        .store()
        .loan_view_of_login(who.login, account)
        .await?
        .ok_or_else(not_found)
}

async fn pay_page(
    state: &AppState,
    who: &SignedIn,
    view: &LoanView,
    form: PayForm,
    errors: Errors,
) -> PageResult {
    let methods = state.app.payment_methods(who.login).await?;
    let today = state.app.business_date().await?.to_string();
    let status = crate::kit::status_of(&errors);
    let s = &view.snapshot;
    let page = PayPage {
        chrome: who.chrome(state, "dashboard").await,
        errors,
        account: view.account_number.to_string(),
        last4: view.account_number.last4(),
        amount_due: usd(s.amount_due),
        past_due: s.past_due.is_positive().then(|| usd(s.past_due)),
        methods,
        form,
        today,
        cutoff: crate::kit::time::clock_in(state.app.payment_settings().cutoff, state.app.zone()),
    };
    Ok((status, render(&page)).into_response())
}

/// The messages of a refused payment request; (`?`) a 404 for a loan or payment that is not
/// the borrower's, and the 500 page when the store failed.
#[allow(clippy::result_large_err)] // a page is what the caller returns either way
pub(super) fn problem(e: &PaymentError) -> Result<Errors, PageError> {
    problems(std::slice::from_ref(e))
}

/// The messages of every refusal of a payment form, each beside its field; (`?`) as
/// [`problem`].
#[allow(clippy::result_large_err)] // a page is what the caller returns either way
pub(super) fn problems(all: &[PaymentError]) -> Result<Errors, PageError> {
    let mut errors = Errors::default();
    for e in all {
        match e {
            PaymentError::Store(s) => return Err(PageError::internal(s)),
            PaymentError::NotFound => return Err(crate::errors::not_found_page().into()),
            other => errors.push(form_field(other).unwrap_or("amount"), other.to_string()),
        }
    }
    Ok(errors)
}

/// `GET /loans/{account_number}/pay`
pub async fn pay(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
) -> PageResult {
    let view = loan_of(&state, &who, &account).await?;
    // Where extra goes starts at the loan's product's rule; the borrower may choose the other.
    let record = state
        .app
        .loan_record(view.loan)
        .await
        .map_err(|e| PageError::internal(&e))?;
    let form = PayForm {
        amount: "due".into(),
        when: "today".into(),
        extra: match record.extra_default {
            ExtraTo::NextInstallment => "next_installment",
            ExtraTo::Principal => "principal",
        }
        .into(),
        key: app::identity::random_token()[..32].to_owned(),
        ..PayForm::default()
    };
    pay_page(&state, &who, &view, form, Errors::default()).await
}

/// `POST /loans/{account_number}/pay/review`: the split before confirming.
pub async fn review(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
    posted: Posted<PayForm>,
) -> PageResult {
    let view = loan_of(&state, &who, &account).await?;
    let form = posted.form;
    let quote = match form.request(view.account_number) {
        Ok(req) => state
            .app
            .quote_payment(who.login, &req)
            .await
            .map_err(|e| vec![e]),
        Err(all) => Err(all),
    };
    match quote {
        Ok(q) => Ok(render(&review_page(
            who.chrome(&state, "dashboard").await,
            &view,
            form,
            &q,
        ))),
        Err(all) => pay_page(&state, &who, &view, form, problems(&all)?).await,
    }
}

fn review_page(chrome: Chrome, view: &LoanView, form: PayForm, q: &Quote) -> ReviewPage {
    ReviewPage {
        chrome,
        account: view.account_number.to_string(),
        last4: view.account_number.last4(),
        form,
        amount: usd(q.amount),
        date: long_date(q.credit_date),
        moved: q.moved,
        method: method_words(&q.method),
        is_card: q.method.kind == MethodKind::Card,
        fees: usd(q.split.fees),
        interest: usd(q.split.interest),
        principal: usd(q.split.principal),
        unapplied: usd(q.split.unapplied),
        balance_after: usd(q.balance_after),
        extra_to_next: q.extra == ExtraTo::NextInstallment,
        counts_ahead: q.next.counts_ahead.map(DueWords::of),
        next_due: q.next.next_due.map(DueWords::of),
    }
}

/// A payment method as borrowers read it ("Visa card ending 4242").
pub(super) fn method_words(m: &PaymentMethod) -> String {
    match m.kind {
        MethodKind::Card => format!(
            "{} card ending {}",
            m.card_brand.as_deref().unwrap_or("Debit"),
            m.last4
        ),
        MethodKind::Bank => format!("{} (account ending {})", m.nickname, m.last4),
    }
}

/// `POST /loans/{account_number}/pay`: makes the payment under the form's key.
pub async fn confirm(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
    posted: Posted<PayForm>,
) -> PageResult {
    let view = loan_of(&state, &who, &account).await?;
    let form = posted.form;
    let req = match form.request(view.account_number) {
        Ok(req) => req,
        Err(all) => return pay_page(&state, &who, &view, form, problems(&all)?).await,
    };
    let made = state
        .app
        .make_payment(who.login, &form.key, &req, &who.visitor.client)
        .await;
    match made {
        Ok(outcome) => {
            Ok(Redirect::to(&format!("/payments/{}?made=1", outcome.payment.id.0)).into_response())
        }
        Err(PaymentError::KeyReused) => {
            // The form was changed after it was drawn and sent again: start afresh.
            let fresh = PayForm {
                key: app::identity::random_token()[..32].to_owned(),
                ..form
            };
            pay_page(&state, &who, &view, fresh, Errors::one("amount", "This form was already used for another payment. Check the details and send it again")).await
        }
        Err(PaymentError::ProcessorUnavailable) => {
            pay_page(
                &state,
                &who,
                &view,
                form,
                Errors::one("method", PaymentError::ProcessorUnavailable.to_string()),
            )
            .await
        }
        Err(e) => pay_page(&state, &who, &view, form, problem(&e)?).await,
    }
}

#[derive(Template)]
#[template(path = "portal/receipt.html")]
struct ReceiptPage {
    chrome: Chrome,
    made: bool,
    cancelled: bool,
    p: ReceiptRow,
}

struct ReceiptRow {
    id: i64,
    confirmation: String,
    last4: String,
    account: String,
    amount: String,
    date: String,
    status: &'static str,
    /// What the date is, as this payment stands (`None`: no date to show, as for a declined
    /// card payment, which credited nothing).
    date_label: Option<&'static str>,
    declined: bool,
    method: String,
    split: Option<(String, String, String, String)>,
    expected: bool,
    cancellable: bool,
    decline_reason: Option<String>,
    return_reason: Option<String>,
    /// Who took it off the loan, as the sentence before the reason starts.
    returned_by: &'static str,
    returned_on: Option<String>,
    /// What a scheduled payment will do instead of what its review said (the words the
    /// borrower was sent the night before its credit date).
    promise_changed: Option<String>,
}

/// A payment's status as borrowers read it.
pub fn status_words(p: &Payment) -> &'static str {
    match p.status {
        PaymentStatus::Scheduled if p.rail == Rail::Card => "Processing",
        PaymentStatus::Scheduled => "Pending",
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
            Some(app::servicing::WhyReversed::Reason(_)) => "Reversed",
            None => "Returned by your bank",
        },
    }
}

/// What a payment's date is, as it stands: credited (or to be), scheduled for when it was
/// cancelled; none for a declined card payment, which credited nothing.
fn date_label(p: &Payment) -> Option<&'static str> {
    match p.status {
        PaymentStatus::Scheduled => Some("To be credited on"),
        PaymentStatus::Posted | PaymentStatus::Returned => Some("Credited on"),
        PaymentStatus::Cancelled => Some("Was scheduled for"),
        PaymentStatus::Declined => None,
    }
}

async fn receipt_row(
    state: &AppState,
    who: &SignedIn,
    p: &Payment,
) -> Result<ReceiptRow, PageError> {
    let record = state.app.loan_record(p.loan).await?;
    let methods = state.app.payment_methods(who.login).await?;
    let method = match (p.method, p.channel) {
        (Some(id), _) => methods
            .iter()
            .find(|m| m.id == id)
            .map_or_else(|| "A removed payment method".to_owned(), method_words),
        (None, PaymentChannel::Lockbox | PaymentChannel::Mail) => "Check by mail".into(),
        (None, PaymentChannel::BillPay) => "Your bank's bill pay".into(),
        (None, _) => "Paid through customer service".into(),
    };
    Ok(ReceiptRow {
        id: p.id.0,
        confirmation: p.confirmation.clone(),
        last4: record.account_number.last4(),
        account: record.account_number.to_string(),
        amount: usd(p.amount),
        date: long_date(p.credit_date),
        status: status_words(p),
        date_label: date_label(p),
        declined: p.status == PaymentStatus::Declined,
        method,
        split: p.split.map(|s| {
            (
                usd(s.principal),
                usd(s.interest),
                usd(s.fees),
                usd(s.unapplied),
            )
        }),
        expected: p.status == PaymentStatus::Scheduled,
        cancellable: p.status == PaymentStatus::Scheduled
            && p.rail == Rail::Ach
            && p.ach_file_date.is_none(),
        decline_reason: p.decline_reason.clone(),
        return_reason: p
            .return_code
            .as_deref()
            .map(app::payments::ach::return_words),
        returned_by: match p
            .return_code
            .as_deref()
            .and_then(app::servicing::WhyReversed::parse)
        {
            Some(app::servicing::WhyReversed::Moved) => "We moved this payment off this loan",
            Some(app::servicing::WhyReversed::Reason(_)) => "We reversed this payment",
            None => "Your bank returned this payment",
        },
        returned_on: p.returned_on.map(long_date),
        promise_changed: p
            .promise_changed
            .clone()
            .filter(|_| p.status == PaymentStatus::Scheduled),
    })
}

/// `?made=1`, `?cancelled=1`
#[derive(Deserialize, Default)]
pub struct ReceiptQuery {
    #[serde(default)]
    made: Option<String>,
    #[serde(default)]
    cancelled: Option<String>,
}

fn payment_id(text: &str) -> Option<PaymentId> {
    text.parse::<i64>().ok().map(PaymentId)
}

/// `GET /payments/{payment_id}`: the receipt.
pub async fn receipt(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<String>,
    Query(q): Query<ReceiptQuery>,
) -> PageResult {
    let Some(id) = payment_id(&id) else {
        return Ok(crate::errors::not_found_page());
    };
    let Some(p) = state.app.payment_of(who.login, id).await? else {
        return Ok(crate::errors::not_found_page());
    };
    let row = receipt_row(&state, &who, &p).await?;
    Ok(render(&ReceiptPage {
        chrome: who.chrome(&state, "dashboard").await,
        made: q.made.is_some(),
        cancelled: q.cancelled.is_some(),
        p: row,
    }))
}

/// `POST /payments/{payment_id}/cancel`
pub async fn cancel(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<String>,
    posted: Posted<Empty>,
) -> PageResult {
    let _ = posted;
    let Some(id) = payment_id(&id) else {
        return Ok(crate::errors::not_found_page());
    };
    match state
        .app
        .cancel_payment(who.login, id, &who.visitor.client)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/payments/{}?cancelled=1", id.0)).into_response()),
        Err(PaymentError::TooLate) => Ok((
            StatusCode::CONFLICT,
            super::auth::notice(
                who.chrome(&state, "dashboard").await,
                "This payment can no longer be cancelled",
                &[
                    &PaymentError::TooLate.to_string(),
                    "If you need the money back, call us: we can help.",
                ],
                &[(&format!("/payments/{}", id.0), "Back to the payment")],
            ),
        )
            .into_response()),
        // Anything else is answered as a payment that is not there; a store failure is
        // logged first (under an error id the 404 page does not show).
        Err(e) => {
            if let PaymentError::Store(s) = &e {
                crate::errors::log_internal(s);
            }
            Ok(crate::errors::not_found_page())
        }
    }
}
