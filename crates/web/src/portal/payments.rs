//! Paying in the portal: make a payment (choose the amount, the account or card, the date
//! and where extra goes; review the split; confirm), the receipt, and cancelling a pending
//! payment. Every form that moves money carries an idempotency key made when the form was
//! drawn, so a double click or a resubmitted page makes one payment. AutoPay is in
//! [`super::autopay`]; adding a debit card in [`super::payment_methods`].

use super::account::usd;
use super::auth::Empty;
use super::{Chrome, Errors, Posted, SignedIn};
use crate::AppState;
use crate::kit::page::render;
use crate::kit::payment_refusals::{form_field, refusal_words};
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
    /// The other amount's label and hint, in the page's language.
    other_label: String,
    other_hint: String,
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
    fn of(tr: i18n::Tr, (due, amount): (jiff::civil::Date, money::Money)) -> Self {
        DueWords {
            amount: usd(amount),
            due: tr.date(due),
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
    let chrome = who.chrome(state, "dashboard").await;
    let lang = chrome.lang();
    let methods = named_in(chrome.tr, state.app.payment_methods(who.login).await?);
    let today = state.app.business_date().await?.to_string();
    let status = crate::kit::status_of(&errors);
    let s = &view.snapshot;
    let page = PayPage {
        other_label: chrome.t("pay-other-amount"),
        other_hint: chrome.t("pay-other-amount-hint"),
        chrome,
        errors,
        account: view.account_number.to_string(),
        last4: view.account_number.last4(),
        amount_due: usd(s.amount_due),
        past_due: s.past_due.is_positive().then(|| usd(s.past_due)),
        methods,
        form,
        today,
        cutoff: crate::kit::time::clock_in_lang(
            lang,
            state.app.payment_settings().cutoff,
            state.app.zone(),
        ),
    };
    Ok((status, render(&page)).into_response())
}

/// The messages of a refused payment request in the language of `tr`; (`?`) a 404 for a
/// loan or payment that is not the borrower's, and the 500 page when the store failed.
#[allow(clippy::result_large_err)] // a page is what the caller returns either way
pub(super) fn problem_in(tr: i18n::Tr, e: &PaymentError) -> Result<Errors, PageError> {
    problems_in(tr, std::slice::from_ref(e))
}

/// The messages of every refusal of a payment form, each beside its field, in the language
/// of `tr` ([`refusal_words`]); (`?`) as [`problem_in`].
#[allow(clippy::result_large_err)] // a page is what the caller returns either way
pub(super) fn problems_in(tr: i18n::Tr, all: &[PaymentError]) -> Result<Errors, PageError> {
    let mut errors = Errors::default();
    for e in all {
        match e {
            PaymentError::Store(s) => return Err(PageError::internal(s)),
            PaymentError::NotFound => return Err(crate::errors::not_found_page().into()),
            other => errors.push(
                form_field(other).unwrap_or("amount"),
                refusal_words(tr, other),
            ),
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
        Err(all) => {
            let errors = problems_in(who.visitor.lang.tr(), &all)?;
            pay_page(&state, &who, &view, form, errors).await
        }
    }
}

fn review_page(chrome: Chrome, view: &LoanView, form: PayForm, q: &Quote) -> ReviewPage {
    let tr = chrome.tr;
    ReviewPage {
        chrome,
        account: view.account_number.to_string(),
        last4: view.account_number.last4(),
        form,
        amount: usd(q.amount),
        date: tr.date(q.credit_date),
        moved: q.moved,
        method: method_words_in(tr, &q.method),
        is_card: q.method.kind == MethodKind::Card,
        fees: usd(q.split.fees),
        interest: usd(q.split.interest),
        principal: usd(q.split.principal),
        unapplied: usd(q.split.unapplied),
        balance_after: usd(q.balance_after),
        extra_to_next: q.extra == ExtraTo::NextInstallment,
        counts_ahead: q.next.counts_ahead.map(|n| DueWords::of(tr, n)),
        next_due: q.next.next_due.map(|n| DueWords::of(tr, n)),
    }
}

/// Saved methods with each bank account's name in the page's language (a name the borrower
/// gave stays theirs).
pub(super) fn named_in(tr: i18n::Tr, methods: Vec<PaymentMethod>) -> Vec<PaymentMethod> {
    methods
        .into_iter()
        .map(|m| PaymentMethod {
            nickname: app::payment_methods::nickname_in(tr.lang(), &m),
            ..m
        })
        .collect()
}

/// Why a card payment was declined, as stored (the app's own words for the processor's
/// decline code, `app::payments::cards`), in the language of `tr`; words not known here (a
/// processor's own) are shown as they came in English and said generally in Spanish.
fn decline_words(tr: i18n::Tr, stored: &str) -> String {
    let id = match stored {
        "Your card was declined for insufficient funds" => "receipt-decline-insufficient",
        "Your card has expired. Use another card" => "receipt-decline-expired",
        "The security code is not right. Add the card again" => "receipt-decline-cvc",
        "This card was removed before it was charged" => "receipt-decline-removed",
        "Your card was declined. Use another card or a bank account" => "receipt-decline-declined",
        other if tr.lang() == i18n::Lang::En => return other.to_owned(),
        _ => "receipt-decline-declined",
    };
    tr.t(id)
}

/// A payment method as borrowers read it in the language of `tr`: "Visa card ending 4242",
/// "Tarjeta Visa que termina en 4242".
pub(super) fn method_words_in(tr: i18n::Tr, m: &PaymentMethod) -> String {
    match m.kind {
        MethodKind::Card => match m.card_brand.as_deref() {
            Some(brand) => tr.t2("pay-method-card", "brand", brand, "last4", &m.last4),
            None => tr.t1("pay-method-debit-card", "last4", &m.last4),
        },
        MethodKind::Bank => tr.t2(
            "pay-method-bank",
            "nickname",
            app::payment_methods::nickname_in(tr.lang(), m),
            "last4",
            &m.last4,
        ),
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
    let tr = who.visitor.lang.tr();
    let req = match form.request(view.account_number) {
        Ok(req) => req,
        Err(all) => return pay_page(&state, &who, &view, form, problems_in(tr, &all)?).await,
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
            let errors = Errors::one("amount", tr.t("pay-form-reused"));
            pay_page(&state, &who, &view, fresh, errors).await
        }
        Err(PaymentError::ProcessorUnavailable) => {
            pay_page(
                &state,
                &who,
                &view,
                form,
                Errors::one(
                    "method",
                    refusal_words(tr, &PaymentError::ProcessorUnavailable),
                ),
            )
            .await
        }
        Err(e) => pay_page(&state, &who, &view, form, problem_in(tr, &e)?).await,
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
    status: String,
    /// What the date is, as this payment stands (`None`: no date to show, as for a declined
    /// card payment, which credited nothing).
    date_label: Option<String>,
    declined: bool,
    method: String,
    split: Option<(String, String, String, String)>,
    expected: bool,
    cancellable: bool,
    decline_reason: Option<String>,
    /// Who took it off the loan, when and why, in one sentence; `None` while it is on it.
    returned: Option<String>,
    /// What a scheduled payment will do instead of what its review said (the words the
    /// borrower was sent the night before its credit date).
    promise_changed: Option<String>,
}

/// A payment's status as borrowers read it, in English (the console's words too); a page in
/// the visitor's language asks [`status_words_in`].
pub fn status_words(p: &Payment) -> &'static str {
    match status_of(p) {
        Status::Processing => "Processing",
        Status::Pending => "Pending",
        Status::Posted => "Posted",
        Status::Cancelled => "Cancelled",
        Status::Declined => "Declined",
        Status::Moved => "Moved to another loan",
        Status::Reversed => "Reversed",
        Status::Returned => "Returned by your bank",
    }
}

/// A payment's status as borrowers read it, in the language of `tr`.
pub fn status_words_in(tr: i18n::Tr, p: &Payment) -> String {
    tr.t(match status_of(p) {
        Status::Processing => "receipt-status-processing",
        Status::Pending => "receipt-status-pending",
        Status::Posted => "receipt-status-posted",
        Status::Cancelled => "receipt-status-cancelled",
        Status::Declined => "receipt-status-declined",
        Status::Moved => "receipt-status-moved",
        Status::Reversed => "receipt-status-reversed",
        Status::Returned => "receipt-status-returned",
    })
}

/// A payment's status as borrowers tell them apart.
enum Status {
    Processing,
    Pending,
    Posted,
    Cancelled,
    Declined,
    Moved,
    Reversed,
    Returned,
}

fn status_of(p: &Payment) -> Status {
    match p.status {
        PaymentStatus::Scheduled if p.rail == Rail::Card => Status::Processing,
        PaymentStatus::Scheduled => Status::Pending,
        PaymentStatus::Posted => Status::Posted,
        PaymentStatus::Cancelled => Status::Cancelled,
        PaymentStatus::Declined => Status::Declined,
        // A payment staff took off the loan keeps its reason's code instead of a bank's.
        PaymentStatus::Returned => match p
            .return_code
            .as_deref()
            .and_then(app::servicing::WhyReversed::parse)
        {
            Some(app::servicing::WhyReversed::Moved) => Status::Moved,
            Some(app::servicing::WhyReversed::Reason(_)) => Status::Reversed,
            None => Status::Returned,
        },
    }
}

/// What a payment's date is, as it stands: credited (or to be), scheduled for when it was
/// cancelled; none for a declined card payment, which credited nothing.
fn date_label(tr: i18n::Tr, p: &Payment) -> Option<String> {
    match p.status {
        PaymentStatus::Scheduled => Some(tr.t("receipt-date-to-be-credited")),
        PaymentStatus::Posted | PaymentStatus::Returned => Some(tr.t("receipt-date-credited")),
        PaymentStatus::Cancelled => Some(tr.t("receipt-date-was-scheduled")),
        PaymentStatus::Declined => None,
    }
}

/// Why a payment was taken off its loan, from the code its row keeps: a staff reason's
/// words, or a bank's return in words and its code ("insufficient funds (R01)"), as
/// `app::payments::ach::return_words` says it in English.
fn return_words_in(tr: i18n::Tr, code: &str) -> String {
    use app::servicing::{ReversalReason, WhyReversed};
    match WhyReversed::parse(code) {
        Some(WhyReversed::Moved) => tr.t("receipt-why-moved"),
        Some(WhyReversed::Reason(r)) => tr.t(match r {
            ReversalReason::ReturnedUnpaid => "receipt-why-returned-unpaid",
            ReversalReason::PostedInError => "receipt-why-posted-in-error",
            ReversalReason::Duplicate => "receipt-why-duplicate",
        }),
        None => {
            let why = tr.t(match code {
                "R01" => "receipt-why-r01",
                "R02" => "receipt-why-r02",
                "R03" => "receipt-why-r03",
                "R04" => "receipt-why-r04",
                "R05" | "R07" | "R10" | "R29" => "receipt-why-unauthorized",
                "R08" => "receipt-why-r08",
                "R09" => "receipt-why-r09",
                "R16" => "receipt-why-r16",
                "R20" => "receipt-why-r20",
                _ => "receipt-why-other",
            });
            tr.t2("receipt-why-bank-code", "why", why, "code", code)
        }
    }
}

/// Who took a payment off its loan, when and why, in one sentence: "Your bank returned this
/// payment on December 8, 2026: insufficient funds (R01). It has been taken off your loan."
fn returned_sentence(tr: i18n::Tr, p: &Payment) -> Option<String> {
    let code = p.return_code.as_deref()?;
    let who = tr.t(match app::servicing::WhyReversed::parse(code) {
        Some(app::servicing::WhyReversed::Moved) => "receipt-returned-moved",
        Some(app::servicing::WhyReversed::Reason(_)) => "receipt-returned-reversed",
        None => "receipt-returned-bank",
    });
    let who = match p.returned_on {
        Some(on) => tr.t2("receipt-returned-on", "who", who, "date", tr.date(on)),
        None => who,
    };
    Some(tr.t2(
        "receipt-returned-why",
        "who",
        who,
        "why",
        return_words_in(tr, code),
    ))
}

async fn receipt_row(
    state: &AppState,
    who: &SignedIn,
    p: &Payment,
) -> Result<ReceiptRow, PageError> {
    let tr = who.visitor.lang.tr();
    let record = state.app.loan_record(p.loan).await?;
    let methods = state.app.payment_methods(who.login).await?;
    let method = match (p.method, p.channel) {
        (Some(id), _) => methods
            .iter()
            .find(|m| m.id == id)
            .map_or_else(|| tr.t("pay-method-removed"), |m| method_words_in(tr, m)),
        (None, PaymentChannel::Lockbox | PaymentChannel::Mail) => tr.t("pay-method-check-by-mail"),
        (None, PaymentChannel::BillPay) => tr.t("pay-method-bill-pay"),
        (None, _) => tr.t("pay-method-customer-service"),
    };
    Ok(ReceiptRow {
        id: p.id.0,
        confirmation: p.confirmation.clone(),
        last4: record.account_number.last4(),
        account: record.account_number.to_string(),
        amount: usd(p.amount),
        date: tr.date(p.credit_date),
        status: status_words_in(tr, p),
        date_label: date_label(tr, p),
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
        decline_reason: p
            .decline_reason
            .as_deref()
            .map(|why| decline_words(tr, why)),
        returned: returned_sentence(tr, p),
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
        Err(PaymentError::TooLate) => {
            let tr = who.visitor.lang.tr();
            Ok((
                StatusCode::CONFLICT,
                super::auth::notice(
                    who.chrome(&state, "dashboard").await,
                    tr.t("receipt-cancel-too-late-heading"),
                    &[
                        &refusal_words(tr, &PaymentError::TooLate),
                        &tr.t("receipt-cancel-too-late-help"),
                    ],
                    &[(
                        &format!("/payments/{}", id.0),
                        &tr.t("receipt-back-to-payment"),
                    )],
                ),
            )
                .into_response())
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every reason the app stores for a declined card reads in English as stored, and in
    /// Spanish in Spanish; a processor's own words are said generally in Spanish.
    #[test]
    fn a_decline_reads_in_the_readers_language() {
        for stored in [
            "Your card was declined for insufficient funds",
            "Your card has expired. Use another card",
            "The security code is not right. Add the card again",
            "This card was removed before it was charged",
            "Your card was declined. Use another card or a bank account",
        ] {
            assert_eq!(decline_words(i18n::Lang::En.tr(), stored), stored);
            assert_ne!(decline_words(i18n::Lang::Es.tr(), stored), stored);
        }
        assert_eq!(
            decline_words(i18n::Lang::En.tr(), "Do not honor"),
            "Do not honor"
        );
        assert_eq!(
            decline_words(i18n::Lang::Es.tr(), "Do not honor"),
            "Su tarjeta fue rechazada. Use otra tarjeta o una cuenta bancaria"
        );
    }

    /// Why a payment was taken off its loan reads in English as the app words it (the
    /// console's and the notices' words), for every bank code and every staff reason, and in
    /// Spanish in other words.
    #[test]
    fn a_return_reads_as_the_app_words_it_in_english_and_in_spanish_otherwise() {
        let (en, es) = (i18n::Lang::En.tr(), i18n::Lang::Es.tr());
        let mut codes: Vec<String> = (1_u8..=99).map(|n| format!("R{n:02}")).collect();
        codes.push(app::servicing::MOVED.to_owned());
        codes.extend(
            app::servicing::ReversalReason::ALL
                .iter()
                .map(|r| r.as_str().to_owned()),
        );
        for code in &codes {
            let english = app::payments::ach::return_words(code);
            assert_eq!(return_words_in(en, code), english, "{code}");
            assert_ne!(return_words_in(es, code), english, "{code}: no Spanish");
        }
        assert_eq!(
            return_words_in(es, "R01"),
            "fondos insuficientes (R01)",
            "the bank's code follows the Spanish words"
        );
    }
}
