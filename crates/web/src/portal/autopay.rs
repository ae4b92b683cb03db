//! AutoPay in the portal: the borrower reads the exact authorization, agrees and enrolls (or
//! changes the draft), and can turn it off before a draft is sent to their bank: a confirm
//! page first names the draft that will not be made, and the page after says AutoPay is off
//! (a notice says so too: [`app::notices::autopay_off`]). Where the loan's product allows it,
//! the form offers AutoPay twice a month (two days of the month) or every other week (from a
//! first draft date), each draft half the payment (ADR 0028); elsewhere it shows no choice.

use super::account::{long_date, usd};
use super::auth::{Confirm, Empty, confirm};
use super::payments::{loan_of, method_words, problem, problems};
use super::{Chrome, Errors, Posted, SignedIn};
use crate::AppState;
use crate::kit::PageResult;
use crate::kit::page::render;
use app::payments::autopay::{
    AutopayRequest, amount_words, cadence_of, monthly_payment, when_words,
};
use app::payments::{AmountOf, PaymentError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use domain::account_number::AccountNumber;
use domain::autopay::{
    Cadence, DEFAULT_TWICE_MONTHLY_DAYS, Frequency, LAST_TWICE_MONTHLY_DAY, MAX_DAYS_BEFORE_DUE,
    biweekly_starts, half_of,
};
use jiff::tz::TimeZone;
use money::Money;
use serde::Deserialize;
use store::{Autopay, LoanView, PaymentMethod, PaymentMethodId};

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
    /// AutoPay was just turned off: what that means, from which draft.
    off: Option<String>,
    /// The frequencies the loan's product offers, when more than monthly (empty: the form
    /// asks nothing of it).
    frequencies: Vec<Choice>,
    /// The days of the month a twice-monthly AutoPay may draft on.
    days: Vec<Choice>,
    /// When a biweekly AutoPay may start, in words.
    start_hint: String,
}

/// A radio button or an option of a select: the value sent, and its label.
struct Choice {
    value: String,
    label: String,
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
    /// "monthly", "twice_monthly" or "biweekly" (none: monthly).
    #[serde(default)]
    frequency: String,
    /// Twice a month: the two days of the month.
    #[serde(default)]
    first_day: String,
    #[serde(default)]
    second_day: String,
    /// Every other week: the first draft date, as typed ("December 11, 2026", "12/11/2026")
    /// or as a date picker sends it (YYYY-MM-DD).
    #[serde(default)]
    start: String,
    #[serde(default)]
    agree: Option<String>,
}

impl AutopayForm {
    /// This form with the amount and the timing of AutoPay `live` chosen: its frequency, its
    /// two days of the month, or its biweekly start (however long ago: a start on its days
    /// keeps them).
    fn filled_from(self, live: &Autopay) -> Self {
        let mut form = AutopayForm {
            frequency: live.cadence.frequency().as_str().into(),
            days_before_due: live.days_before_due.to_string(),
            ..self
        };
        if let Some(fixed) = live.fixed_amount {
            form.amount = "fixed".into();
            form.fixed_amount = fixed.to_string();
        }
        match live.cadence {
            Cadence::TwiceMonthly(days) => {
                form.first_day = days.first().to_string();
                form.second_day = days.second().to_string();
            }
            Cadence::Biweekly { start } => form.start = start.to_string(),
            Cadence::Monthly => {}
        }
        form
    }

    /// The AutoPay the form asks for, or every field of it that does not read (the account
    /// or card, the fixed amount, the draft day), so the form lists them all at once.
    fn request(&self, account: AccountNumber) -> Result<AutopayRequest, Vec<PaymentError>> {
        let method = self
            .method
            .parse::<i64>()
            .map(PaymentMethodId)
            .map_err(|_| PaymentError::NoDraftMethod);
        let fixed_amount = match self.amount.as_str() {
            "fixed" => {
                app::payments::parse_amount(AmountOf::AutopayFixed, &self.fixed_amount).map(Some)
            }
            _ => Ok(None),
        };
        let days_before_due = match self.days_before_due.trim() {
            "" => Ok(0),
            d => d
                .parse::<u8>()
                .ok()
                .filter(|d| *d <= MAX_DAYS_BEFORE_DUE)
                .ok_or(PaymentError::DaysBeforeDueOutOfRange),
        };
        let day = |text: &str| {
            text.trim()
                .parse::<u8>()
                .map_err(|_| PaymentError::DraftDays(domain::autopay::CadenceError::DayOutOfRange))
        };
        let cadence = if self.frequency.trim() == Frequency::TwiceMonthly.as_str() {
            day(self.first_day.as_str())
                .and_then(|first| Ok((first, day(self.second_day.as_str())?)))
                .map(Some)
        } else {
            Ok(None)
        }
        .and_then(|days| {
            // Read as people write dates; a start not read is refused only when it is asked for.
            cadence_of(
                &self.frequency,
                days,
                crate::kit::time::parse_date(&self.start),
            )
        });
        match (method, fixed_amount, days_before_due, cadence) {
            (Ok(method), Ok(fixed_amount), Ok(days_before_due), Ok(cadence)) => {
                Ok(AutopayRequest {
                    account,
                    method,
                    fixed_amount,
                    days_before_due,
                    cadence,
                })
            }
            (method, fixed_amount, days_before_due, cadence) => Err([
                method.err(),
                fixed_amount.err(),
                days_before_due.err(),
                cadence.err(),
            ]
            .into_iter()
            .flatten()
            .collect()),
        }
    }
}

/// How the AutoPay page states a loan's AutoPay (the console's read-only copy of the page
/// states it so too).
pub(crate) struct AutopayState {
    /// The live AutoPay: (from, with the method masked as borrowers read it; amount; when;
    /// authorized on).
    pub(crate) live: Option<(String, String, String, String)>,
    /// None is live because the last one stopped on a return that needs a new authorization.
    pub(crate) reauthorize: bool,
}

impl AutopayState {
    /// The state of a loan's AutoPay from its authorizations (`history`, newest first), the
    /// methods saved to the sign-in, and the servicer's time zone.
    pub(crate) fn of(history: &[Autopay], methods: &[PaymentMethod], zone: &TimeZone) -> Self {
        let live = history
            .iter()
            .find(|a| a.cancelled_at_us.is_none())
            .map(|a| {
                (
                    methods
                        .iter()
                        .find(|m| m.id == a.method)
                        .map_or_else(|| "a removed account".to_owned(), method_words),
                    amount_words(a.cadence, a.fixed_amount),
                    when_words(a.cadence, a.days_before_due),
                    long_date(app::clock::date_in(a.authorized_at_us, zone)),
                )
            });
        let reauthorize =
            live.is_none() && history.first().is_some_and(|a| a.reauthorization_required);
        AutopayState { live, reauthorize }
    }
}

/// The frequencies the loan's product offers, as the form's radio buttons, with what each
/// drafts (`half`: half the monthly payment); empty when only monthly is offered.
fn frequency_choices(offered: domain::autopay::AllowedFrequencies, half: Money) -> Vec<Choice> {
    if !offered.allows_split() {
        return Vec::new();
    }
    offered
        .list()
        .into_iter()
        .map(|f| Choice {
            value: f.as_str().to_owned(),
            label: match f {
                Frequency::Monthly => "Monthly: the payment, once for each due date".to_owned(),
                Frequency::TwiceMonthly => format!(
                    "Twice a month: half the payment ({}) on two days of the month",
                    usd(half)
                ),
                Frequency::Biweekly => format!(
                    "Every other week: half the payment ({}); 26 halves a year pay the loan off sooner",
                    usd(half)
                ),
            },
        })
        .collect()
}

/// When a biweekly AutoPay may start, in words: from `earliest` to `latest`, or, to keep the
/// days of the biweekly AutoPay that is on (of the loan's authorizations, `history`), the
/// date it started.
fn start_hint(
    history: &[Autopay],
    (earliest, latest): (jiff::civil::Date, jiff::civil::Date),
) -> String {
    let from = format!(
        "A date from {} to {}",
        long_date(earliest),
        long_date(latest)
    );
    let live = history.iter().find(|a| a.cancelled_at_us.is_none());
    match live.map(|a| a.cadence) {
        Some(Cadence::Biweekly { start }) => format!(
            "{from}, or {} to keep the days of your AutoPay; then every 14 days",
            long_date(start)
        ),
        _ => format!("{from}; then every 14 days"),
    }
}

/// The days of the month a twice-monthly AutoPay may draft on: the 1st to the 28th.
fn day_choices() -> Vec<Choice> {
    (1..=LAST_TWICE_MONTHLY_DAY)
        .map(|d| Choice {
            value: d.to_string(),
            label: app::due_date::ordinal(d),
        })
        .collect()
}

/// `?saved=1` (choices saved), `?off=1` (turned off)
#[derive(Deserialize, Default)]
pub struct SavedQuery {
    #[serde(default)]
    saved: Option<String>,
    #[serde(default)]
    off: Option<String>,
}

/// What is drafted no more once AutoPay is off, from the draft `next` it would have made.
fn nothing_drafted(next: Option<jiff::civil::Date>) -> String {
    match next {
        Some(d) => format!("No payment will be drafted on {} or after.", long_date(d)),
        None => "No further payment will be drafted.".to_owned(),
    }
}

async fn autopay_page(
    state: &AppState,
    who: &SignedIn,
    view: &LoanView,
    form: AutopayForm,
    errors: Errors,
    review: Option<String>,
    (saved, off): (bool, bool),
) -> PageResult {
    let methods = state.app.payment_methods(who.login).await?;
    let history = state.app.store().autopays_of_loan(view.loan).await?;
    let AutopayState { live, reauthorize } = AutopayState::of(&history, &methods, state.app.zone());
    // Just turned off (and not on again since): the draft the ended AutoPay would have made.
    let off = match (off, &live, history.first()) {
        (true, None, Some(ended)) => {
            Some(nothing_drafted(state.app.next_autopay_draft(ended).await?))
        }
        _ => None,
    };
    // What the loan's product offers, half its payment, and when a biweekly AutoPay may start.
    let record = state.app.loan_record(view.loan).await?;
    let today = state.app.business_date().await?;
    let half = half_of(monthly_payment(&record.terms.installments, today));
    let (earliest, latest) = biweekly_starts(today);
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
        off,
        frequencies: frequency_choices(record.autopay_frequencies, half),
        days: day_choices(),
        start_hint: start_hint(&history, (earliest, latest)),
    };
    Ok((status, render(&page)).into_response())
}

/// `GET /loans/{account_number}/autopay`
pub async fn autopay(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
    Query(q): Query<SavedQuery>,
) -> PageResult {
    let view = loan_of(&state, &who, &account).await?;
    let (first, second) = DEFAULT_TWICE_MONTHLY_DAYS;
    let (earliest, _) = biweekly_starts(state.app.business_date().await?);
    let form = AutopayForm {
        amount: "scheduled".into(),
        days_before_due: "0".into(),
        frequency: Frequency::Monthly.as_str().into(),
        first_day: first.to_string(),
        second_day: second.to_string(),
        start: earliest.to_string(),
        ..AutopayForm::default()
    };
    // A change starts from the AutoPay that is on: its amount and its days, so changing only
    // the account keeps every draft day.
    let form = match state.app.autopay_of(who.login, view.account_number).await? {
        Some(live) => form.filled_from(&live),
        None => form,
    };
    autopay_page(
        &state,
        &who,
        &view,
        form,
        Errors::default(),
        None,
        (q.saved.is_some(), q.off.is_some()),
    )
    .await
}

/// `POST /loans/{account_number}/autopay/review`: the exact authorization to agree to.
pub async fn autopay_review(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
    posted: Posted<AutopayForm>,
) -> PageResult {
    let view = loan_of(&state, &who, &account).await?;
    let form = posted.form;
    let text = match form.request(view.account_number) {
        Ok(req) => state
            .app
            .autopay_authorization(who.login, &req)
            .await
            .map_err(|e| vec![e]),
        Err(all) => Err(all),
    };
    match text {
        Ok(t) => {
            autopay_page(
                &state,
                &who,
                &view,
                form,
                Errors::default(),
                Some(t),
                (false, false),
            )
            .await
        }
        Err(all) => {
            autopay_page(
                &state,
                &who,
                &view,
                form,
                problems(&all)?,
                None,
                (false, false),
            )
            .await
        }
    }
}

/// `POST /loans/{account_number}/autopay`: enrolls (or changes) after the borrower agreed.
pub async fn autopay_enroll(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
    posted: Posted<AutopayForm>,
) -> PageResult {
    let view = loan_of(&state, &who, &account).await?;
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
            Errors::one("agree", app::payments::autopay::AGREEMENT_NEEDED),
            text,
            (false, false),
        )
        .await;
    }
    // Agreed (the box is ticked: checked above, and again in the use case).
    let done = match form.request(view.account_number) {
        Ok(req) => state
            .app
            .enroll_autopay(who.login, &req, true, &who.visitor.client)
            .await
            .map_err(|e| vec![e]),
        Err(all) => Err(all),
    };
    match done {
        Ok(_) => Ok(
            Redirect::to(&format!("/loans/{}/autopay?saved=1", view.account_number))
                .into_response(),
        ),
        Err(all) => {
            autopay_page(
                &state,
                &who,
                &view,
                form,
                problems(&all)?,
                None,
                (false, false),
            )
            .await
        }
    }
}

/// `GET /loans/{account_number}/autopay/cancel`: the consequence of turning AutoPay off (the
/// draft that will not be made), stated before the borrower confirms. Without a live AutoPay,
/// back to the AutoPay page.
pub async fn autopay_cancel_page(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
) -> PageResult {
    let view = loan_of(&state, &who, &account).await?;
    let page = format!("/loans/{}/autopay", view.account_number);
    let Some(live) = state.app.autopay_of(who.login, view.account_number).await? else {
        return Ok(Redirect::to(&page).into_response());
    };
    let next = state.app.next_autopay_draft(&live).await?;
    let action = format!("{page}/cancel");
    Ok(confirm(
        who.chrome(&state, "dashboard").await,
        Confirm {
            heading: "Turn off AutoPay?",
            paragraphs: vec![
                format!(
                    "If you turn off AutoPay for the loan ending in {}: {}",
                    view.account_number.last4(),
                    nothing_drafted(next)
                ),
                "Your payments will be yours to make, in the portal or by phone, before each due date. A payment you miss may be charged a late fee.".to_owned(),
                "We will send you a notice that AutoPay is off. You can turn it on again at any time.".to_owned(),
            ],
            links: Vec::new(),
            action: &action,
            button: "Turn off AutoPay",
            keep: "Keep AutoPay on",
            back: &page,
            back_label: "Back to AutoPay",
        },
    ))
}

/// `POST /loans/{account_number}/autopay/cancel`
pub async fn autopay_cancel(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
    posted: Posted<Empty>,
) -> PageResult {
    let _ = posted;
    let view = loan_of(&state, &who, &account).await?;
    match state
        .app
        .cancel_autopay(who.login, view.account_number, &who.visitor.client)
        .await
    {
        // Turned off, or already off (a second click): the page says it is off.
        Ok(_) | Err(PaymentError::NotFound) => Ok(Redirect::to(&format!(
            "/loans/{}/autopay?off=1",
            view.account_number
        ))
        .into_response()),
        Err(e) => {
            let errors = problem(&e)?;
            autopay_page(
                &state,
                &who,
                &view,
                AutopayForm::default(),
                errors,
                None,
                (false, false),
            )
            .await
        }
    }
}
