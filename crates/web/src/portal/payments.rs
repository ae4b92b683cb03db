//! Paying in the portal: make a payment (choose the amount, the account or card, the date
//! and where extra goes; review the split; confirm), the receipt, cancelling a pending
//! payment, AutoPay (enroll after reading the exact authorization, change, cancel) and
//! adding a debit card. Every form that moves money carries an idempotency key made when the
//! form was drawn, so a double click or a resubmitted page makes one payment.

use super::account::{long_date, usd};
use super::auth::Empty;
use super::{Chrome, Errors, Posted, SignedIn};
use crate::AppState;
use crate::kit::page::render;
use app::payments::PaymentError;
use app::payments::autopay::AutopayRequest;
use app::payments::cards::CardDetails;
use app::payments::one_time::{AmountChoice, PaymentRequest, Quote};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
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
    fn request(&self, account: AccountNumber) -> Result<PaymentRequest, PaymentError> {
        let method = self
            .method
            .parse::<i64>()
            .map(PaymentMethodId)
            .map_err(|_| {
                PaymentError::field("method", "Choose a bank account or card to pay from")
            })?;
        let amount = match self.amount.as_str() {
            "due" => AmountChoice::AmountDue,
            "past_due" => AmountChoice::PastDue,
            "payoff" => AmountChoice::Payoff,
            "other" => AmountChoice::Other(app::payments::parse_amount(
                "other_amount",
                &self.other_amount,
            )?),
            _ => return Err(PaymentError::field("amount", "Choose how much to pay")),
        };
        let date = match self.when.as_str() {
            "later" => Some(self.date.trim().parse().map_err(|_| {
                PaymentError::field("date", "Enter the date as YYYY-MM-DD, or choose today")
            })?),
            _ => None,
        };
        let extra = match self.extra.as_str() {
            "next_installment" => ExtraTo::NextInstallment,
            _ => ExtraTo::Principal,
        };
        Ok(PaymentRequest {
            account,
            method,
            amount,
            date,
            extra,
        })
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
}

async fn loan_of(state: &AppState, who: &SignedIn, account: &str) -> Result<LoanView, Response> {
    let Ok(account) = account.parse::<AccountNumber>() else {
        return Err(crate::errors::not_found_page());
    };
    match state
        .app
        .store()
        .loan_view_of_login(who.login, account)
        .await
    {
        Ok(Some(v)) => Ok(v),
        Ok(None) => Err(crate::errors::not_found_page()),
        Err(e) => Err(crate::errors::internal_page(&crate::errors::log_internal(
            &e,
        ))),
    }
}

async fn pay_page(
    state: &AppState,
    who: &SignedIn,
    view: &LoanView,
    form: PayForm,
    errors: Errors,
) -> Response {
    let methods = match state.app.payment_methods(who.login).await {
        Ok(m) => m,
        Err(e) => return crate::errors::internal_page(&crate::errors::log_internal(&e)),
    };
    let today = match state.app.business_date().await {
        Ok(d) => d.to_string(),
        Err(e) => return crate::errors::internal_page(&crate::errors::log_internal(&e)),
    };
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
        cutoff: format!(
            "{} ({})",
            state.app.payment_settings().cutoff.strftime("%-I:%M %p"),
            state
                .app
                .zone()
                .iana_name()
                .unwrap_or("the servicer's time")
        ),
    };
    (status, render(&page)).into_response()
}

#[allow(clippy::result_large_err)] // a page is what the caller returns either way
fn problem(e: &PaymentError) -> Result<Errors, Response> {
    match e {
        PaymentError::Store(s) => Err(crate::errors::internal_page(&crate::errors::log_internal(
            s,
        ))),
        PaymentError::NotFound => Err(crate::errors::not_found_page()),
        other => Ok(Errors::one(
            other.field_name().unwrap_or("amount"),
            other.to_string(),
        )),
    }
}

/// `GET /loans/{account_number}/pay`
pub async fn pay(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
) -> Response {
    let view = match loan_of(&state, &who, &account).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let form = PayForm {
        amount: "due".into(),
        when: "today".into(),
        extra: "principal".into(),
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
) -> Response {
    let view = match loan_of(&state, &who, &account).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let form = posted.form;
    let quote = match form.request(view.account_number) {
        Ok(req) => state.app.quote_payment(who.login, &req).await,
        Err(e) => Err(e),
    };
    match quote {
        Ok(q) => render(&review_page(
            who.chrome(&state, "dashboard").await,
            &view,
            form,
            &q,
        )),
        Err(e) => match problem(&e) {
            Ok(errors) => pay_page(&state, &who, &view, form, errors).await,
            Err(r) => r,
        },
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
    }
}

fn method_words(m: &PaymentMethod) -> String {
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
) -> Response {
    let view = match loan_of(&state, &who, &account).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let form = posted.form;
    let made = match form.request(view.account_number) {
        Ok(req) => {
            state
                .app
                .make_payment(who.login, &form.key, &req, &who.visitor.client)
                .await
        }
        Err(e) => Err(e),
    };
    match made {
        Ok(outcome) => {
            Redirect::to(&format!("/payments/{}?made=1", outcome.payment.id.0)).into_response()
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
        Err(e) => match problem(&e) {
            Ok(errors) => pay_page(&state, &who, &view, form, errors).await,
            Err(r) => r,
        },
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
    method: String,
    split: Option<(String, String, String, String)>,
    expected: bool,
    cancellable: bool,
    decline_reason: Option<String>,
    return_reason: Option<String>,
    returned_on: Option<String>,
}

/// A payment's status as borrowers read it.
pub fn status_words(p: &Payment) -> &'static str {
    match p.status {
        PaymentStatus::Scheduled if p.rail == Rail::Card => "Processing",
        PaymentStatus::Scheduled => "Pending",
        PaymentStatus::Posted => "Posted",
        PaymentStatus::Cancelled => "Cancelled",
        PaymentStatus::Declined => "Declined",
        PaymentStatus::Returned => "Returned by your bank",
    }
}

async fn receipt_row(
    state: &AppState,
    who: &SignedIn,
    p: &Payment,
) -> Result<ReceiptRow, Response> {
    let record = state
        .app
        .loan_record(p.loan)
        .await
        .map_err(|e| crate::errors::internal_page(&crate::errors::log_internal(&e)))?;
    let methods = state
        .app
        .payment_methods(who.login)
        .await
        .map_err(|e| crate::errors::internal_page(&crate::errors::log_internal(&e)))?;
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
        returned_on: p.returned_on.map(long_date),
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
) -> Response {
    let Some(id) = payment_id(&id) else {
        return crate::errors::not_found_page();
    };
    let p = match state.app.payment_of(who.login, id).await {
        Ok(Some(p)) => p,
        Ok(None) => return crate::errors::not_found_page(),
        Err(e) => return crate::errors::internal_page(&crate::errors::log_internal(&e)),
    };
    let row = match receipt_row(&state, &who, &p).await {
        Ok(r) => r,
        Err(r) => return r,
    };
    render(&ReceiptPage {
        chrome: who.chrome(&state, "dashboard").await,
        made: q.made.is_some(),
        cancelled: q.cancelled.is_some(),
        p: row,
    })
}

/// `POST /payments/{payment_id}/cancel`
pub async fn cancel(
    State(state): State<AppState>,
    who: SignedIn,
    Path(id): Path<String>,
    posted: Posted<Empty>,
) -> Response {
    let _ = posted;
    let Some(id) = payment_id(&id) else {
        return crate::errors::not_found_page();
    };
    match state
        .app
        .cancel_payment(who.login, id, &who.visitor.client)
        .await
    {
        Ok(_) => Redirect::to(&format!("/payments/{}?cancelled=1", id.0)).into_response(),
        Err(PaymentError::TooLate) => (
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
            .into_response(),
        Err(e) => match problem(&e) {
            Ok(_) | Err(_) => crate::errors::not_found_page(),
        },
    }
}

#[derive(Template)]
#[template(path = "portal/autopay.html")]
struct AutopayPage {
    chrome: Chrome,
    errors: Errors,
    account: String,
    last4: String,
    live: Option<(String, String, String, String)>,
    methods: Vec<PaymentMethod>,
    form: AutopayForm,
    review: Option<String>,
    saved: bool,
    reauthorize: bool,
}

/// The AutoPay form.
#[derive(Deserialize, Default, Clone)]
pub struct AutopayForm {
    #[serde(default)]
    method: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    fixed_amount: String,
    #[serde(default)]
    days_before_due: String,
    #[serde(default)]
    agree: Option<String>,
}

impl AutopayForm {
    fn request(&self, account: AccountNumber) -> Result<AutopayRequest, PaymentError> {
        let method = self
            .method
            .parse::<i64>()
            .map(PaymentMethodId)
            .map_err(|_| {
                PaymentError::field("method", "Choose the bank account or card to draft")
            })?;
        let fixed_amount = match self.amount.as_str() {
            "fixed" => Some(app::payments::parse_amount(
                "fixed_amount",
                &self.fixed_amount,
            )?),
            _ => None,
        };
        let days_before_due = match self.days_before_due.trim() {
            "" => 0,
            d => d.parse::<u8>().ok().filter(|d| *d <= 15).ok_or_else(|| {
                PaymentError::field(
                    "days_before_due",
                    "Choose a draft day from the due date to 15 days before it",
                )
            })?,
        };
        Ok(AutopayRequest {
            account,
            method,
            fixed_amount,
            days_before_due,
        })
    }
}

/// `?saved=1`
#[derive(Deserialize, Default)]
pub struct SavedQuery {
    #[serde(default)]
    saved: Option<String>,
}

async fn autopay_page(
    state: &AppState,
    who: &SignedIn,
    view: &LoanView,
    form: AutopayForm,
    errors: Errors,
    review: Option<String>,
    saved: bool,
) -> Response {
    let methods = match state.app.payment_methods(who.login).await {
        Ok(m) => m,
        Err(e) => return crate::errors::internal_page(&crate::errors::log_internal(&e)),
    };
    let history = match state.app.store().autopays_of_loan(view.loan).await {
        Ok(h) => h,
        Err(e) => return crate::errors::internal_page(&crate::errors::log_internal(&e)),
    };
    let live = history
        .iter()
        .find(|a| a.cancelled_at_us.is_none())
        .map(|a| {
            (
                methods
                    .iter()
                    .find(|m| m.id == a.method)
                    .map_or_else(|| "a removed account".to_owned(), method_words),
                a.fixed_amount.map_or_else(
                    || "The scheduled payment".to_owned(),
                    |f| format!("{} (or the payment due, if more)", usd(f)),
                ),
                match a.days_before_due {
                    0 => "On each due date".to_owned(),
                    n => format!("{n} days before each due date"),
                },
                long_date(app::clock::date_in(a.authorized_at_us, state.app.zone())),
            )
        });
    let reauthorize = live.is_none() && history.first().is_some_and(|a| a.reauthorization_required);
    let status = crate::kit::status_of(&errors);
    let page = AutopayPage {
        chrome: who.chrome(state, "dashboard").await,
        errors,
        account: view.account_number.to_string(),
        last4: view.account_number.last4(),
        live,
        methods,
        form,
        review,
        saved,
        reauthorize,
    };
    (status, render(&page)).into_response()
}

/// `GET /loans/{account_number}/autopay`
pub async fn autopay(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
    Query(q): Query<SavedQuery>,
) -> Response {
    let view = match loan_of(&state, &who, &account).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let form = AutopayForm {
        amount: "scheduled".into(),
        days_before_due: "0".into(),
        ..AutopayForm::default()
    };
    autopay_page(
        &state,
        &who,
        &view,
        form,
        Errors::default(),
        None,
        q.saved.is_some(),
    )
    .await
}

/// `POST /loans/{account_number}/autopay/review`: the exact authorization to agree to.
pub async fn autopay_review(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
    posted: Posted<AutopayForm>,
) -> Response {
    let view = match loan_of(&state, &who, &account).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let form = posted.form;
    let text = match form.request(view.account_number) {
        Ok(req) => state.app.autopay_authorization(who.login, &req).await,
        Err(e) => Err(e),
    };
    match text {
        Ok(t) => autopay_page(&state, &who, &view, form, Errors::default(), Some(t), false).await,
        Err(e) => match problem(&e) {
            Ok(errors) => autopay_page(&state, &who, &view, form, errors, None, false).await,
            Err(r) => r,
        },
    }
}

/// `POST /loans/{account_number}/autopay`: enrolls (or changes) after the borrower agreed.
pub async fn autopay_enroll(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
    posted: Posted<AutopayForm>,
) -> Response {
    let view = match loan_of(&state, &who, &account).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let form = posted.form;
    if form.agree.is_none() {
        // Show the same words again, with the box to tick.
        let text = match form.request(view.account_number) {
            Ok(req) => state.app.autopay_authorization(who.login, &req).await.ok(),
            Err(_) => None,
        };
        return autopay_page(
            &state,
            &who,
            &view,
            form,
            Errors::one(
                "agree",
                "Tick the box to agree to the authorization, or go back",
            ),
            text,
            false,
        )
        .await;
    }
    let done = match form.request(view.account_number) {
        Ok(req) => {
            state
                .app
                .enroll_autopay(who.login, &req, &who.visitor.client)
                .await
        }
        Err(e) => Err(e),
    };
    match done {
        Ok(_) => {
            Redirect::to(&format!("/loans/{}/autopay?saved=1", view.account_number)).into_response()
        }
        Err(e) => match problem(&e) {
            Ok(errors) => autopay_page(&state, &who, &view, form, errors, None, false).await,
            Err(r) => r,
        },
    }
}

/// `POST /loans/{account_number}/autopay/cancel`
pub async fn autopay_cancel(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
    posted: Posted<Empty>,
) -> Response {
    let _ = posted;
    let view = match loan_of(&state, &who, &account).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    match state
        .app
        .cancel_autopay(who.login, view.account_number, &who.visitor.client)
        .await
    {
        Ok(_) | Err(PaymentError::NotFound) => {
            Redirect::to(&format!("/loans/{}/autopay?saved=1", view.account_number)).into_response()
        }
        Err(e) => match problem(&e) {
            Ok(errors) => {
                autopay_page(
                    &state,
                    &who,
                    &view,
                    AutopayForm::default(),
                    errors,
                    None,
                    false,
                )
                .await
            }
            Err(r) => r,
        },
    }
}

#[derive(Template)]
#[template(path = "portal/card.html")]
struct CardPage {
    chrome: Chrome,
    errors: Errors,
    holder_name: String,
    nickname: String,
    zip: String,
}

/// The add-a-card form. The number and the security code are never drawn back into a page.
#[derive(Deserialize, Default)]
pub struct CardForm {
    #[serde(default)]
    holder_name: String,
    #[serde(default)]
    nickname: String,
    #[serde(default)]
    card_number: String,
    #[serde(default)]
    expiry: String,
    #[serde(default)]
    cvv: String,
    #[serde(default)]
    zip: String,
}

/// `GET /payment-methods/cards/new`
pub async fn new_card(State(state): State<AppState>, who: SignedIn) -> Response {
    render(&CardPage {
        chrome: who.chrome(&state, "profile").await,
        errors: Errors::default(),
        holder_name: String::new(),
        nickname: String::new(),
        zip: String::new(),
    })
}

/// `POST /payment-methods/cards`
pub async fn add_card(
    State(state): State<AppState>,
    who: SignedIn,
    posted: Posted<CardForm>,
) -> Response {
    let f = posted.form;
    let again = |errors: Errors| async {
        let page = CardPage {
            chrome: who.chrome(&state, "profile").await,
            errors,
            holder_name: f.holder_name.clone(),
            nickname: f.nickname.clone(),
            zip: f.zip.clone(),
        };
        (StatusCode::BAD_REQUEST, render(&page)).into_response()
    };
    let Some((month, year)) = parse_expiry(&f.expiry) else {
        return again(Errors::one(
            "expiry",
            "Enter the expiry as MM/YY, as printed on the card",
        ))
        .await;
    };
    let card = CardDetails {
        number: f.card_number.chars().filter(char::is_ascii_digit).collect(),
        exp_month: month,
        exp_year: year,
        cvv: f.cvv.trim().to_owned(),
        zip: f.zip.trim().to_owned(),
    };
    match state
        .app
        .add_card(
            &who.session,
            &f.nickname,
            &f.holder_name,
            &card,
            &who.visitor.client,
        )
        .await
    {
        Ok(_) => Redirect::to("/payment-methods?saved=1").into_response(),
        Err(e) => match super::auth::refusal(&e, "card_number") {
            Err(r) => r,
            Ok((_, errors)) => again(errors).await,
        },
    }
}

/// "MM/YY" or "MM/YYYY".
fn parse_expiry(text: &str) -> Option<(u8, u16)> {
    let (m, y) = text.trim().split_once('/')?;
    let month: u8 = m.trim().parse().ok()?;
    let year: u16 = match y.trim() {
        y if y.len() == 2 => 2000 + y.parse::<u16>().ok()?,
        y if y.len() == 4 => y.parse().ok()?,
        _ => return None,
    };
    (1..=12).contains(&month).then_some((month, year))
}

#[cfg(test)]
mod tests {
    #[test]
    fn expiry_is_read_as_printed() {
        assert_eq!(super::parse_expiry("12/30"), Some((12, 2030)));
        assert_eq!(super::parse_expiry(" 01 / 2031 "), Some((1, 2031)));
        assert_eq!(super::parse_expiry("13/30"), None);
        assert_eq!(super::parse_expiry("1230"), None);
    }
}
