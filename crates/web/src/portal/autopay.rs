//! AutoPay in the portal: the borrower reads the exact authorization, agrees and enrolls (or
//! changes the draft), and can turn it off before a draft is sent to their bank: a confirm
//! page first names the draft that will not be made, and the page after says AutoPay is off
//! (a notice says so too: [`app::notices::autopay_off`]). Where the loan's product allows it,
//! the form offers AutoPay twice a month (two days of the month) or every other week (from a
//! first draft date), each draft half the payment (ADR 0028); elsewhere it shows no choice.

use super::auth::{Confirm, Empty, confirm};
use super::payment_methods::method_label;
use super::payments::loan_of;
use super::{Chrome, Errors, Posted, SignedIn};
use crate::AppState;
use crate::kit::page::render;
use crate::kit::{PageError, PageResult};
use app::payments::autopay::{
    AutopayRequest, amount_words_in, cadence_of, day_of_month, monthly_payment, when_words_in,
};
use app::payments::{AmountOf, PaymentError};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use domain::account_number::AccountNumber;
use domain::autopay::{
    Cadence, CadenceError, DEFAULT_TWICE_MONTHLY_DAYS, Frequency, LAST_TWICE_MONTHLY_DAY,
    MAX_DAYS_BEFORE_DUE, biweekly_starts, half_of,
};
use i18n::{Lang, Tr};
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
    /// methods saved to the sign-in, and the servicer's time zone, in English (the console's
    /// copy of the page: staff read English).
    pub(crate) fn of(history: &[Autopay], methods: &[PaymentMethod], zone: &TimeZone) -> Self {
        Self::of_in(Lang::En, history, methods, zone)
    }

    /// [`AutopayState::of`] in `lang`, the language of the page.
    pub(crate) fn of_in(
        lang: Lang,
        history: &[Autopay],
        methods: &[PaymentMethod],
        zone: &TimeZone,
    ) -> Self {
        let tr = lang.tr();
        let live = history
            .iter()
            .find(|a| a.cancelled_at_us.is_none())
            .map(|a| {
                (
                    methods
                        .iter()
                        .find(|m| m.id == a.method)
                        .map_or_else(|| tr.t("autopay-removed-method"), |m| method_label(tr, m)),
                    amount_words_in(lang, a.cadence, a.fixed_amount),
                    when_words_in(lang, a.cadence, a.days_before_due),
                    tr.date(app::clock::date_in(a.authorized_at_us, zone)),
                )
            });
        let reauthorize =
            live.is_none() && history.first().is_some_and(|a| a.reauthorization_required);
        AutopayState { live, reauthorize }
    }
}

/// The frequencies the loan's product offers, as the form's radio buttons, with what each
/// drafts (`half`: half the monthly payment); empty when only monthly is offered.
fn frequency_choices(
    tr: Tr,
    offered: domain::autopay::AllowedFrequencies,
    half: Money,
) -> Vec<Choice> {
    if !offered.allows_split() {
        return Vec::new();
    }
    offered
        .list()
        .into_iter()
        .map(|f| Choice {
            value: f.as_str().to_owned(),
            label: match f {
                Frequency::Monthly => tr.t("autopay-choice-monthly"),
                Frequency::TwiceMonthly => {
                    tr.t1("autopay-choice-twice-monthly", "half", half.usd())
                }
                Frequency::Biweekly => tr.t1("autopay-choice-biweekly", "half", half.usd()),
            },
        })
        .collect()
}

/// When a biweekly AutoPay may start, in words: from `earliest` to `latest`, or, to keep the
/// days of the biweekly AutoPay that is on (of the loan's authorizations, `history`), the
/// date it started.
fn start_hint(
    tr: Tr,
    history: &[Autopay],
    (earliest, latest): (jiff::civil::Date, jiff::civil::Date),
) -> String {
    let (earliest, latest) = (tr.date(earliest), tr.date(latest));
    let live = history.iter().find(|a| a.cancelled_at_us.is_none());
    match live.map(|a| a.cadence) {
        Some(Cadence::Biweekly { start }) => tr.t3(
            "autopay-start-hint-keep",
            "earliest",
            earliest,
            "latest",
            latest,
            "start",
            tr.date(start),
        ),
        _ => tr.t2("autopay-start-hint", "earliest", earliest, "latest", latest),
    }
}

/// The days of the month a twice-monthly AutoPay may draft on: the 1st to the 28th.
fn day_choices(lang: Lang) -> Vec<Choice> {
    (1..=LAST_TWICE_MONTHLY_DAY)
        .map(|d| Choice {
            value: d.to_string(),
            label: day_of_month(lang, d),
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
fn nothing_drafted(tr: Tr, next: Option<jiff::civil::Date>) -> String {
    match next {
        Some(d) => tr.t1("autopay-nothing-drafted-from", "date", tr.date(d)),
        None => tr.t("autopay-nothing-drafted"),
    }
}

/// The messages of every refusal of the AutoPay form, each beside its field
/// ([`crate::kit::payment_refusals::form_field`]), in the page's language; a store failure is
/// our 500 page, and a loan that is not the borrower's (or gone) is a 404.
#[allow(clippy::result_large_err)] // a page is what the caller returns either way
fn refusals(tr: Tr, all: &[PaymentError]) -> Result<Errors, PageError> {
    let mut errors = Errors::default();
    for e in all {
        match e {
            PaymentError::Store(s) => return Err(PageError::internal(s)),
            PaymentError::NotFound => return Err(crate::errors::not_found_page().into()),
            other => errors.push(
                crate::kit::payment_refusals::form_field(other).unwrap_or("amount"),
                refusal_words(tr, other),
            ),
        }
    }
    Ok(errors)
}

/// A refusal of the AutoPay form ([`refusals`]), one.
#[allow(clippy::result_large_err)]
fn refusal(tr: Tr, e: &PaymentError) -> Result<Errors, PageError> {
    refusals(tr, std::slice::from_ref(e))
}

/// Why the AutoPay form was refused, in words the borrower reads in their language. Every
/// refusal is named (no catch-all), so a new one cannot reach the page without words. Those
/// of other forms (a one-time payment, a payment staff take), which the AutoPay form cannot
/// be refused for, say only that the choices were not saved.
fn refusal_words(tr: Tr, e: &PaymentError) -> String {
    match e {
        PaymentError::AmountUnreadable { shown, .. } => tr.t1(
            "autopay-refusal-amount-unreadable",
            "shown",
            format!("{shown:?}"),
        ),
        PaymentError::AmountTooManyCents { shown, .. } => tr.t1(
            "autopay-refusal-amount-cents",
            "shown",
            format!("{shown:?}"),
        ),
        PaymentError::AmountNotPositive { .. } => tr.t("autopay-refusal-amount-not-positive"),
        PaymentError::AmountOverCeiling { ceiling, .. } => {
            tr.t1("autopay-refusal-amount-ceiling", "ceiling", ceiling.usd())
        }
        PaymentError::OverChannelLimit { over, .. } => {
            tr.t1("autopay-refusal-over-limit", "limit", over.limit.usd())
        }
        PaymentError::NoDraftMethod => tr.t("autopay-refusal-no-method"),
        PaymentError::MethodNotSaved => tr.t("autopay-refusal-method-not-saved"),
        PaymentError::AgreementNeeded => tr.t("autopay-refusal-agreement-needed"),
        PaymentError::AutopayOnInactiveLoan => tr.t("autopay-refusal-inactive-loan"),
        PaymentError::DaysBeforeDueOutOfRange => tr.t1(
            "autopay-refusal-days-before-due",
            "max",
            MAX_DAYS_BEFORE_DUE,
        ),
        PaymentError::FixedAmountBelowScheduled { scheduled } => tr.t1(
            "autopay-refusal-fixed-below-scheduled",
            "scheduled",
            scheduled.usd(),
        ),
        PaymentError::FrequencyNotOffered { offered } => tr.t1(
            "autopay-refusal-frequency-not-offered",
            "offered",
            frequencies_words(tr, *offered),
        ),
        PaymentError::NoFrequencyChosen => tr.t("autopay-refusal-no-frequency"),
        PaymentError::DraftDays(CadenceError::DayOutOfRange) => {
            tr.t("autopay-refusal-day-out-of-range")
        }
        PaymentError::DraftDays(CadenceError::DaysTooClose) => {
            tr.t("autopay-refusal-days-too-close")
        }
        PaymentError::StartUnreadable => tr.t("autopay-refusal-start-unreadable"),
        PaymentError::BiweeklyStartOutOfRange { earliest, latest } => tr.t2(
            "autopay-refusal-start-out-of-range",
            "earliest",
            tr.date(earliest),
            "latest",
            tr.date(latest),
        ),
        PaymentError::FixedAmountMonthlyOnly => tr.t("autopay-refusal-fixed-monthly-only"),
        PaymentError::SessionEnded => tr.t("autopay-refusal-session-ended"),
        PaymentError::NotFound => tr.t("autopay-refusal-not-found"),
        PaymentError::ReceivedAmountOutOfRange { .. }
        | PaymentError::Quote(_)
        | PaymentError::NoPaymentMethod
        | PaymentError::NoAmountChosen
        | PaymentError::DateUnreadable
        | PaymentError::BadIdempotencyKey
        | PaymentError::ReceivedAfterBusinessDate { .. }
        | PaymentError::ReceivedBeforeLoanStart { .. }
        | PaymentError::ChannelNeedsBank
        | PaymentError::ChannelTakesNoBank
        | PaymentError::ReceivedOnForPhoneDebit
        | PaymentError::BadRoutingNumber(_)
        | PaymentError::BadBankAccountNumber(_)
        | PaymentError::BadAccountType
        | PaymentError::BadHolderName
        | PaymentError::KeyReused
        | PaymentError::TooLate
        | PaymentError::ProcessorUnavailable
        | PaymentError::Denied(_)
        | PaymentError::Store(_) => tr.t("autopay-refusal-other"),
    }
}

/// The frequencies a loan's product offers, as a refusal names them: "monthly", "monthly or
/// every other week", "monthly, twice a month or every other week".
fn frequencies_words(tr: Tr, offered: domain::autopay::AllowedFrequencies) -> String {
    let words: Vec<String> = offered
        .list()
        .into_iter()
        .map(|f| match f {
            Frequency::Monthly => tr.t("autopay-frequency-monthly"),
            Frequency::TwiceMonthly => tr.t("autopay-frequency-twice-monthly"),
            Frequency::Biweekly => tr.t("autopay-frequency-biweekly"),
        })
        .collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => tr.t2("autopay-list-or", "init", init.join(", "), "last", last),
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
    let lang = who.visitor.lang;
    let tr = lang.tr();
    let methods = super::payments::named_in(tr, state.app.payment_methods(who.login).await?);
    let history = state.app.store().autopays_of_loan(view.loan).await?;
    let AutopayState { live, reauthorize } =
        AutopayState::of_in(lang, &history, &methods, state.app.zone());
    // Just turned off (and not on again since): the draft the ended AutoPay would have made.
    let off = match (off, &live, history.first()) {
        (true, None, Some(ended)) => Some(nothing_drafted(
            tr,
            state.app.next_autopay_draft(ended).await?,
        )),
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
        frequencies: frequency_choices(tr, record.autopay_frequencies, half),
        days: day_choices(lang),
        start_hint: start_hint(tr, &history, (earliest, latest)),
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
    let lang = who.visitor.lang;
    let form = posted.form;
    // The words in the language the borrower reads: those they agree to, and those kept.
    let text = match form.request(view.account_number) {
        Ok(req) => state
            .app
            .autopay_authorization_in(lang, who.login, &req)
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
                refusals(lang.tr(), &all)?,
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
    let lang = who.visitor.lang;
    let tr = lang.tr();
    let form = posted.form;
    if form.agree.is_none() {
        // Show the same words again, with the box to tick.
        let text = match form.request(view.account_number) {
            Ok(req) => state
                .app
                .autopay_authorization_in(lang, who.login, &req)
                .await
                .ok(),
            Err(_) => None,
        };
        return autopay_page(
            &state,
            &who,
            &view,
            form,
            Errors::one("agree", refusal_words(tr, &PaymentError::AgreementNeeded)),
            text,
            (false, false),
        )
        .await;
    }
    // Agreed (the box is ticked: checked above, and again in the use case), to the words in
    // the language of the page: those are recorded.
    let done = match form.request(view.account_number) {
        Ok(req) => state
            .app
            .enroll_autopay_in(lang, who.login, &req, true, &who.visitor.client)
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
                refusals(tr, &all)?,
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
    let tr = who.visitor.lang.tr();
    let heading = tr.t("autopay-cancel-heading");
    let button = tr.t("autopay-turn-off");
    let keep = tr.t("autopay-cancel-keep");
    let back_label = tr.t("autopay-cancel-back");
    Ok(confirm(
        who.chrome(&state, "dashboard").await,
        Confirm {
            heading: &heading,
            paragraphs: vec![
                tr.t2(
                    "autopay-cancel-if",
                    "last4",
                    view.account_number.last4(),
                    "nothing",
                    nothing_drafted(tr, next),
                ),
                tr.t("autopay-cancel-yours-to-make"),
                tr.t("autopay-cancel-notice"),
            ],
            links: Vec::new(),
            action: &action,
            button: &button,
            keep: &keep,
            back: &page,
            back_label: &back_label,
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
            let errors = refusal(who.visitor.lang.tr(), &e)?;
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
