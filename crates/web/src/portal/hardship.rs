//! "I can't make a payment": the hardship page, linked from every past-due banner. It explains
//! the options the lender offers (configured: `servicer.hardship_options`), what happens after
//! asking, and that asking changes nothing on the account by itself; its form sends the
//! request to the servicer as a secure message through the message center's own use case
//! ([`app::App::start_thread`]), so staff find it in the inbox under Unassigned and the
//! borrower finds it, and our answer, in their messages. A thread carries no loan, so the
//! loan is named in the subject ("Hardship request: loan ending 1015") and, with its account
//! number, in the body. Only the login's own loans are offered: any other account number, in
//! the address (`?loan=`) or in the form, is treated as no loan chosen, never as an error
//! that would tell whether it exists.

use super::{Chrome, Errors, Posted, SignedIn};
use crate::AppState;
use crate::kit::page::render;
use crate::kit::{PageError, PageResult};
use app::messages::MessageError;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::loan::LoanStatus;
use domain::messages::{TextProblem, clean_text};
use serde::Deserialize;
use store::LoanView;

/// The most characters the borrower's own words may have.
pub const DETAILS_MAX: usize = 2000;

/// The option value of "I'm not sure".
const UNSURE: &str = "unsure";

/// What happened, as the form asks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Lost a job.
    JobLoss,
    /// Hours or pay cut.
    LessIncome,
    /// Illness or injury.
    Illness,
    /// A death, divorce or separation.
    Family,
    /// A natural disaster.
    Disaster,
    /// Anything else (the borrower's words say what).
    Other,
}

impl Reason {
    /// Every choice, in the form's order.
    pub const ALL: [Reason; 6] = [
        Reason::JobLoss,
        Reason::LessIncome,
        Reason::Illness,
        Reason::Family,
        Reason::Disaster,
        Reason::Other,
    ];

    /// Its value in the form.
    pub const fn as_str(self) -> &'static str {
        match self {
            Reason::JobLoss => "job_loss",
            Reason::LessIncome => "less_income",
            Reason::Illness => "illness",
            Reason::Family => "family",
            Reason::Disaster => "disaster",
            Reason::Other => "other",
        }
    }

    /// Its words, as the borrower reads them (and staff read them in the request).
    pub const fn label(self) -> &'static str {
        match self {
            Reason::JobLoss => "I lost my job",
            Reason::LessIncome => "My hours or my pay were cut",
            Reason::Illness => "Illness or injury, mine or my family's",
            Reason::Family => "A death, divorce or separation in my family",
            Reason::Disaster => "A natural disaster",
            Reason::Other => "Something else",
        }
    }

    /// The message id of its words, as the borrower reads them in their language.
    pub const fn message_id(self) -> &'static str {
        match self {
            Reason::JobLoss => "hardship-reason-job-loss",
            Reason::LessIncome => "hardship-reason-less-income",
            Reason::Illness => "hardship-reason-illness",
            Reason::Family => "hardship-reason-family",
            Reason::Disaster => "hardship-reason-disaster",
            Reason::Other => "hardship-reason-other",
        }
    }
}

/// The best way to reach the borrower about the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Way {
    /// A call to the phone number on file.
    Phone,
    /// An email to the address on file.
    Email,
    /// Secure messages in the portal only.
    Message,
}

impl Way {
    /// Every choice, in the form's order.
    pub const ALL: [Way; 3] = [Way::Phone, Way::Email, Way::Message];

    /// Its value in the form.
    pub const fn as_str(self) -> &'static str {
        match self {
            Way::Phone => "phone",
            Way::Email => "email",
            Way::Message => "message",
        }
    }

    /// Its words.
    pub const fn label(self) -> &'static str {
        match self {
            Way::Phone => "By phone, at the number on file",
            Way::Email => "By email, at the address on file",
            Way::Message => "Only in my secure messages here",
        }
    }

    /// The message id of its words, as the borrower reads them in their language.
    pub const fn message_id(self) -> &'static str {
        match self {
            Way::Phone => "hardship-way-phone",
            Way::Email => "hardship-way-email",
            Way::Message => "hardship-way-message",
        }
    }
}

/// The best time to reach the borrower.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// Before noon.
    Morning,
    /// Noon to 5 p.m.
    Afternoon,
    /// After 5 p.m.
    Evening,
    /// Whenever we are open.
    Any,
}

impl When {
    /// Every choice, in the form's order.
    pub const ALL: [When; 4] = [When::Morning, When::Afternoon, When::Evening, When::Any];

    /// Its value in the form.
    pub const fn as_str(self) -> &'static str {
        match self {
            When::Morning => "morning",
            When::Afternoon => "afternoon",
            When::Evening => "evening",
            When::Any => "any",
        }
    }

    /// Its words.
    pub const fn label(self) -> &'static str {
        match self {
            When::Morning => "Mornings, before noon",
            When::Afternoon => "Afternoons, noon to 5 p.m.",
            When::Evening => "Evenings, after 5 p.m.",
            When::Any => "Any time you are open",
        }
    }

    /// The message id of its words, as the borrower reads them in their language.
    pub const fn message_id(self) -> &'static str {
        match self {
            When::Morning => "hardship-when-morning",
            When::Afternoon => "hardship-when-afternoon",
            When::Evening => "hardship-when-evening",
            When::Any => "hardship-when-any",
        }
    }
}

/// One choice of a radio group or a select, as the page shows it.
struct Choice {
    value: String,
    label: String,
    checked: bool,
}

/// `choices` as `(value, label)`, the one equal to `chosen` checked.
fn choices(all: impl IntoIterator<Item = (String, String)>, chosen: &str) -> Vec<Choice> {
    all.into_iter()
        .map(|(value, label)| Choice {
            checked: value == chosen,
            value,
            label,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "portal/hardship.html")]
struct HardshipPage {
    chrome: Chrome,
    errors: Errors,
    loans: Vec<Choice>,
    reasons: Vec<Choice>,
    options: Vec<Choice>,
    ways: Vec<Choice>,
    times: Vec<Choice>,
    details: String,
    details_max: usize,
}

#[derive(Template)]
#[template(path = "portal/hardship_sent.html")]
struct SentPage {
    chrome: Chrome,
    thread: i64,
    subject: String,
}

/// The hardship form as sent (every field as typed, shown again beside its error).
#[derive(Deserialize, Default)]
pub struct HardshipForm {
    #[serde(default)]
    loan: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    option: String,
    #[serde(default)]
    details: String,
    #[serde(default)]
    contact: String,
    #[serde(default)]
    time: String,
}

/// `?loan=<account number>`: the loan to choose first, if the login reaches it.
#[derive(Deserialize, Default)]
pub struct HardshipQuery {
    #[serde(default)]
    loan: String,
}

/// The loans a request may be about: every loan the login reaches that is not paid off.
async fn offered(state: &AppState, who: &SignedIn) -> Result<Vec<LoanView>, PageError> {
    let mut loans = state.app.store().loan_views_of_login(who.login).await?;
    loans.retain(|v| v.snapshot.status != LoanStatus::PaidOff);
    Ok(loans)
}

/// How a loan is named in the select: its last four digits, and whether it is past due.
fn loan_label(tr: i18n::Tr, v: &LoanView) -> String {
    let id = if v.snapshot.days_past_due > 0 {
        "hardship-loan-ending-past-due"
    } else {
        "hardship-loan-ending"
    };
    tr.t1(id, "last4", v.account_number.last4())
}

/// The page with `form` filled in and `errors` beside their fields.
fn page(chrome: Chrome, loans: &[LoanView], form: &HardshipForm, errors: Errors) -> Response {
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let tr = chrome.tr;
    // The value is the option's name as configured (and as staff read it); the label, its
    // name in the borrower's language.
    let mut options: Vec<(String, String)> = chrome
        .site
        .hardship_options
        .iter()
        .map(|o| (o.name.clone(), o.name_in(tr.lang()).to_owned()))
        .collect();
    options.push((UNSURE.to_owned(), tr.t("hardship-unsure")));
    let p = HardshipPage {
        loans: choices(
            loans
                .iter()
                .map(|v| (v.account_number.to_string(), loan_label(tr, v))),
            &form.loan,
        ),
        reasons: choices(
            Reason::ALL.map(|r| (r.as_str().to_owned(), tr.t(r.message_id()))),
            &form.reason,
        ),
        options: choices(options, &form.option),
        ways: choices(
            Way::ALL.map(|w| (w.as_str().to_owned(), tr.t(w.message_id()))),
            &form.contact,
        ),
        times: choices(
            When::ALL.map(|t| (t.as_str().to_owned(), tr.t(t.message_id()))),
            &form.time,
        ),
        details: form.details.clone(),
        details_max: DETAILS_MAX,
        errors,
        chrome,
    };
    (status, render(&p)).into_response()
}

/// `GET /hardship` (`?loan=<account number>` chooses that loan first when the login reaches
/// it; another account number is ignored). With one loan, that loan is chosen.
pub async fn hardship(
    State(state): State<AppState>,
    who: SignedIn,
    Query(q): Query<HardshipQuery>,
) -> PageResult {
    let loans = offered(&state, &who).await?;
    let loan = match loans.as_slice() {
        [only] => only.account_number.to_string(),
        many => many
            .iter()
            .map(|v| v.account_number.to_string())
            .find(|a| *a == q.loan)
            .unwrap_or_default(),
    };
    let form = HardshipForm {
        loan,
        ..HardshipForm::default()
    };
    Ok(page(
        who.chrome(&state, "dashboard").await,
        &loans,
        &form,
        Errors::default(),
    ))
}

/// What the borrower asks about: one of the configured options, or that they are not sure.
#[derive(Clone, Copy)]
enum Asking<'a> {
    /// A configured option (named in each reader's language when the request is written).
    Offered(&'a app::servicer::HardshipOption),
    /// "I'm not sure".
    Unsure,
}

impl Asking<'_> {
    /// Its words in the language of `tr`: the option's name as the lender configured it in
    /// that language (`name_es`), so a Spanish request names it in Spanish and the English
    /// answers for staff in English.
    fn words(self, tr: i18n::Tr) -> String {
        match self {
            Asking::Offered(o) => o.name_in(tr.lang()).to_owned(),
            Asking::Unsure => tr.t("hardship-request-unsure"),
        }
    }
}

/// A request as asked, checked: every field as the servicer reads it.
struct Asked<'a> {
    loan: &'a LoanView,
    reason: Reason,
    option: Asking<'a>,
    details: String,
    way: Way,
    when: When,
}

/// The form read into an [`Asked`] against the loans offered and the configured options, or
/// every problem at once, each on its field, in `tr`'s language.
fn check<'a>(
    tr: i18n::Tr,
    f: &HardshipForm,
    loans: &'a [LoanView],
    options: &'a [app::servicer::HardshipOption],
) -> Result<Asked<'a>, Errors> {
    let mut errors = Vec::new();
    let loan = loans
        .iter()
        .find(|v| v.account_number.to_string() == f.loan);
    if loan.is_none() {
        errors.push(("loan", tr.t("hardship-error-loan")));
    }
    let reason = Reason::ALL.into_iter().find(|r| r.as_str() == f.reason);
    if reason.is_none() {
        errors.push(("reason", tr.t("hardship-error-reason")));
    }
    // The form's value is the option's English name, whatever language the page was in.
    let option = if f.option == UNSURE {
        Some(Asking::Unsure)
    } else {
        options
            .iter()
            .find(|o| o.name == f.option)
            .map(Asking::Offered)
    };
    if option.is_none() {
        errors.push(("option", tr.t("hardship-error-option")));
    }
    let details = match clean_text(&f.details, DETAILS_MAX) {
        Ok(d) => Some(d),
        Err(TextProblem::Missing) => {
            errors.push(("details", tr.t("hardship-error-details-missing")));
            None
        }
        Err(TextProblem::TooLong { max }) => {
            errors.push((
                "details",
                tr.t1("hardship-error-details-too-long", "max", max),
            ));
            None
        }
    };
    let way = Way::ALL.into_iter().find(|w| w.as_str() == f.contact);
    if way.is_none() {
        errors.push(("contact", tr.t("hardship-error-way")));
    }
    let when = When::ALL.into_iter().find(|t| t.as_str() == f.time);
    if when.is_none() {
        errors.push(("time", tr.t("hardship-error-time")));
    }
    match (loan, reason, option, details, way, when) {
        (Some(loan), Some(reason), Some(option), Some(details), Some(way), Some(when)) => {
            Ok(Asked {
                loan,
                reason,
                option,
                details,
                way,
                when,
            })
        }
        _ => Err(Errors(errors)),
    }
}

/// The secure message's subject, in the language of `tr` (the borrower's; they see it in
/// their messages): the loan by its last four digits, as staff scan the inbox.
fn subject(tr: i18n::Tr, r: &Asked<'_>) -> String {
    tr.t1(
        "hardship-request-subject",
        "last4",
        r.loan.account_number.last4(),
    )
}

/// The secure message's body: every answer, labelled, then the borrower's words, in the
/// language of `tr`; a request in Spanish carries the labelled answers in English too, for
/// staff who read English.
fn body(tr: i18n::Tr, r: &Asked<'_>) -> String {
    let mut out = answers(tr, r);
    out.push_str(&tr.t("hardship-request-in-my-words"));
    out.push('\n');
    out.push_str(&r.details);
    if tr.lang() != i18n::Lang::En {
        out.push_str("\n\n---\n");
        out.push_str(&answers(i18n::Lang::En.tr(), r));
    }
    out
}

/// The labelled answers of request `r` in the language of `tr`, a line each.
fn answers(tr: i18n::Tr, r: &Asked<'_>) -> String {
    let account = r.loan.account_number;
    [
        tr.t("hardship-request-heading"),
        tr.t2(
            "hardship-request-loan",
            "account",
            account,
            "last4",
            account.last4(),
        ),
        tr.t1(
            "hardship-request-reason",
            "reason",
            tr.t(r.reason.message_id()),
        ),
        tr.t1("hardship-request-option", "option", r.option.words(tr)),
        tr.t1("hardship-request-way", "way", tr.t(r.way.message_id())),
        tr.t1("hardship-request-when", "when", tr.t(r.when.message_id())),
        String::new(),
    ]
    .join("\n")
        + "\n"
}

/// `POST /hardship`: the request checked (every problem beside its field), then sent as a
/// secure message; on to the confirmation.
pub async fn request(
    State(state): State<AppState>,
    who: SignedIn,
    posted: Posted<HardshipForm>,
) -> PageResult {
    let f = posted.form;
    let loans = offered(&state, &who).await?;
    let tr = who.visitor.lang.tr();
    let checked = match check(tr, &f, &loans, &crate::pages::site().hardship_options) {
        Ok(r) => r,
        Err(errors) => {
            return Ok(page(
                who.chrome(&state, "dashboard").await,
                &loans,
                &f,
                errors,
            ));
        }
    };
    match state
        .app
        .start_thread(
            &who.session,
            &subject(who.visitor.lang.tr(), &checked),
            &body(who.visitor.lang.tr(), &checked),
        )
        .await
    {
        Ok(sent) => {
            Ok(Redirect::to(&format!("/hardship/sent?thread={}", sent.thread)).into_response())
        }
        Err(MessageError::SessionEnded) => Err(Redirect::to("/login").into_response().into()),
        Err(MessageError::Store(s)) => Err(PageError::internal(&s)),
        Err(e @ MessageError::Throttled) => {
            let mut response = page(
                who.chrome(&state, "dashboard").await,
                &loans,
                &f,
                Errors::one("details", super::messages::refusal_words(tr, &e)),
            );
            *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
            Ok(response)
        }
        // The subject and body were checked above within the message center's limits, so any
        // other refusal is a mistake of ours.
        Err(other) => Err(PageError::internal(&other)),
    }
}

/// `?thread=<id>` after sending.
#[derive(Deserialize, Default)]
pub struct SentQuery {
    #[serde(default)]
    thread: String,
}

/// `GET /hardship/sent?thread=<id>`: the confirmation, naming the conversation it started
/// (another borrower's thread, or none, is the 404 page).
pub async fn sent(
    State(state): State<AppState>,
    who: SignedIn,
    Query(q): Query<SentQuery>,
) -> PageResult {
    let Ok(id) = q.thread.parse::<i64>() else {
        return Ok(crate::errors::not_found_page());
    };
    let Some(t) = state
        .app
        .store()
        .message_thread_of_login(who.login, id)
        .await?
    else {
        return Ok(crate::errors::not_found_page());
    };
    Ok(render(&SentPage {
        chrome: who.chrome(&state, "messages").await,
        thread: t.id,
        subject: t.subject,
    }))
}
