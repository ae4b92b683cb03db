//! The borrower's loans: the dashboard, one loan's details (terms, TILA box, balances,
//! payoff for a chosen date, activity with each payment's split), the schedule, and linking
//! another loan. Every loan is read through the signed-in login: another borrower's account
//! number is answered exactly as one that does not exist.

use super::auth::{page, refusal};
use super::{Chrome, Errors, Posted, SignedIn};
use crate::AppState;
use crate::kit::page::render;
use crate::kit::page::{Field, SinglePage};
use app::identity::IdentityError;
use app::identity::enroll::EnrollmentFacts;
use app::portal::{Activity, LoanDetails, ScheduleRow};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::account_number::AccountNumber;
use domain::loan::LoanStatus;
use domain::payment::PaymentStatus;
use money::Money;
use serde::Deserialize;
use store::{Autopay, LoanView, Payment};

/// Dollars with thousands separators: `$18,500.00`.
pub fn usd(m: Money) -> String {
    m.usd().to_string()
}

pub use documents::long_date;

/// One loan on the dashboard.
pub struct LoanCard {
    account: String,
    last4: String,
    status: &'static str,
    balance: String,
    amount_due: String,
    due_date: String,
    past_due: Option<(String, u32)>,
    /// Unapplied funds held for the borrower (money received beyond what the loan owed).
    credit: Option<String>,
    reestablish_autopay: bool,
    is_active: bool,
    autopay: Option<String>,
    pending: Vec<PendingRow>,
}

/// A payment not yet sent, as listed on the dashboard and the loan page.
pub struct PendingRow {
    id: i64,
    amount: String,
    date: String,
    status: &'static str,
}

impl LoanCard {
    fn of(v: &LoanView, payments: &[Payment], autopay: Option<&Autopay>) -> Self {
        let s = &v.snapshot;
        LoanCard {
            autopay: autopay.map(|a| {
                let amount = a
                    .fixed_amount
                    .map_or_else(|| "the scheduled payment".to_owned(), usd);
                match a.days_before_due {
                    0 => format!("On: {amount} on each due date"),
                    n => format!("On: {amount}, {n} days before each due date"),
                }
            }),
            pending: payments
                .iter()
                .filter(|p| p.loan == v.loan && p.status == PaymentStatus::Scheduled)
                .map(|p| PendingRow {
                    id: p.id.0,
                    amount: usd(p.amount),
                    date: long_date(p.credit_date),
                    status: super::payments::status_words(p),
                })
                .collect(),
            account: v.account_number.to_string(),
            last4: v.account_number.last4(),
            status: match s.status {
                LoanStatus::PaidOff => "Paid off",
                LoanStatus::ChargedOff => "Charged off",
                LoanStatus::Active if s.days_past_due > 0 => "Past due",
                LoanStatus::Active => "Current",
            },
            balance: usd(s.principal + s.interest + s.fees),
            amount_due: usd(s.amount_due),
            due_date: s
                .next_due_date
                .map(long_date)
                .unwrap_or_else(|| "None".into()),
            past_due: (s.past_due.is_positive() && s.status == LoanStatus::Active)
                .then(|| (usd(s.past_due), s.days_past_due)),
            credit: s.unapplied.is_positive().then(|| usd(s.unapplied)),
            reestablish_autopay: v.autopay_must_be_reestablished
                && s.status == LoanStatus::Active
                && autopay.is_none(),
            is_active: s.status == LoanStatus::Active,
        }
    }
}

#[derive(Template)]
#[template(path = "portal/dashboard.html")]
struct DashboardPage {
    chrome: Chrome,
    loans: Vec<LoanCard>,
    welcome: bool,
    unread: i64,
    today: String,
}

/// `?welcome=1` after enrolment.
#[derive(Deserialize, Default)]
pub struct DashboardQuery {
    #[serde(default)]
    welcome: Option<String>,
}

/// `GET /dashboard`: rendered from the rows this instance keeps for a second, and kept as
/// long (only after the session was checked live; cleared with those rows).
pub async fn dashboard(
    State(state): State<AppState>,
    who: SignedIn,
    Query(q): Query<DashboardQuery>,
) -> Response {
    let key = format!(
        "dashboard:{}:{}",
        who.session.token_digest,
        q.welcome.is_some()
    );
    if let Some(html) = state.app.cached_page(&key) {
        return axum::response::Html(html).into_response();
    }
    let d = match state.app.dashboard(who.login).await {
        Ok(d) => d,
        Err(e) => return crate::errors::internal_page(&crate::errors::log_internal(&e)),
    };
    let chrome = Chrome {
        user: Some(super::UserBar {
            unread: d.rows.unread_messages,
        }),
        ..who.visitor.chrome("dashboard")
    };
    let page = DashboardPage {
        chrome,
        loans: d
            .rows
            .loans
            .iter()
            .map(|v| {
                LoanCard::of(
                    v,
                    &d.rows.pending,
                    d.rows.autopays.iter().find(|a| a.loan == v.loan),
                )
            })
            .collect(),
        welcome: q.welcome.is_some(),
        unread: d.rows.unread_messages,
        today: long_date(d.business_date),
    };
    match page.render() {
        Ok(html) => {
            let html = axum::body::Bytes::from(html);
            state.app.remember_page(key, html.clone());
            axum::response::Html(html).into_response()
        }
        Err(_) => render(&page),
    }
}

struct ActivityRow {
    date: String,
    /// A mark before the words ("Returned").
    tag: Option<&'static str>,
    what: String,
    amount: String,
    fees: String,
    interest: String,
    principal: String,
}

impl ActivityRow {
    fn of(a: &Activity) -> Self {
        let dash = || "–".to_owned();
        match a {
            Activity::Payment(p) => ActivityRow {
                date: long_date(p.date),
                tag: None,
                what: if p.unapplied.is_positive() {
                    format!(
                        "Payment ({} more than the loan owed, held as a credit)",
                        usd(p.unapplied)
                    )
                } else {
                    "Payment".into()
                },
                amount: usd(p.amount),
                fees: usd(p.fees),
                interest: usd(p.interest),
                principal: usd(p.principal),
            },
            Activity::Fee {
                date,
                late_installment,
                amount,
            } => ActivityRow {
                date: long_date(*date),
                tag: None,
                what: late_installment.map_or_else(
                    || "Returned payment fee".into(),
                    |n| format!("Late fee (installment {n})"),
                ),
                amount: usd(*amount),
                fees: dash(),
                interest: dash(),
                principal: dash(),
            },
            Activity::Waiver { date, amount } => ActivityRow {
                date: long_date(*date),
                tag: None,
                what: "Fee waived".into(),
                amount: usd(*amount),
                fees: dash(),
                interest: dash(),
                principal: dash(),
            },
            // It paid nothing: the replay leaves it out.
            Activity::Returned {
                date,
                amount,
                returned_on,
                code,
                ..
            } => ActivityRow {
                date: long_date(*date),
                tag: Some("Returned"),
                what: match code {
                    Some(c) => format!(
                        "Payment returned by your bank on {}: {}",
                        long_date(*returned_on),
                        app::payments::ach::return_words(c)
                    ),
                    None => format!("Payment reversed on {}", long_date(*returned_on)),
                },
                amount: usd(*amount),
                fees: usd(Money::ZERO),
                interest: usd(Money::ZERO),
                principal: usd(Money::ZERO),
            },
        }
    }
}

struct Row {
    number: u32,
    due_date: String,
    amount: String,
    interest: String,
    principal: String,
    balance: String,
    status: &'static str,
}

impl Row {
    fn of(r: &ScheduleRow, today: jiff::civil::Date) -> Self {
        Row {
            number: r.number,
            due_date: long_date(r.due_date),
            amount: usd(r.amount),
            interest: usd(r.interest),
            principal: usd(r.principal),
            balance: usd(r.balance),
            status: r.status(today),
        }
    }
}

#[derive(Template)]
#[template(path = "portal/loan.html")]
struct LoanPage {
    chrome: Chrome,
    card: LoanCard,
    principal: String,
    interest: String,
    fees: String,
    amount_financed: String,
    rate: String,
    day_count: String,
    term: usize,
    maturity: String,
    tila: Option<(String, String, String, String)>,
    boarded_on: Option<String>,
    payoff_date_iso: String,
    payoff: Result<(String, String, String, String, String), String>,
    activity: Vec<ActivityRow>,
    /// A returned payment is among the activity.
    has_returned: bool,
    upcoming: Vec<Row>,
    prior_payments: Vec<(String, String)>,
    /// (id, statement date, amount due, due date).
    statements: Vec<(i64, String, String, String)>,
    min_date: String,
}

/// `?payoff_date=YYYY-MM-DD`
#[derive(Deserialize, Default)]
pub struct LoanQuery {
    #[serde(default)]
    payoff_date: Option<String>,
}

/// The 404 a borrower gets for a loan that is not theirs: the same as for no loan at all.
fn no_such_loan() -> Response {
    crate::errors::not_found_page()
}

async fn details(
    state: &AppState,
    who: &SignedIn,
    account: &str,
    payoff_date: Option<jiff::civil::Date>,
) -> Result<LoanDetails, Response> {
    let Ok(account) = account.parse::<AccountNumber>() else {
        return Err(no_such_loan());
    };
    match state
        .app
        .loan_details(who.login, account, payoff_date)
        .await
    {
        Ok(Some(d)) => Ok(d),
        Ok(None) => Err(no_such_loan()),
        Err(e) => Err(crate::errors::internal_page(&crate::errors::log_internal(
            &e,
        ))),
    }
}

/// `GET /loans/{account_number}`
pub async fn loan(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
    Query(q): Query<LoanQuery>,
) -> Response {
    let asked = q.payoff_date.as_deref().filter(|t| !t.is_empty());
    let parsed = asked.map(str::parse::<jiff::civil::Date>);
    let bad_date = matches!(parsed, Some(Err(_)));
    let d = match details(&state, &who, &account, parsed.and_then(Result::ok)).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    let t = &d.record.terms;
    let payoff = if bad_date {
        Err("Enter the payoff date as a date, like 2026-12-15".to_owned())
    } else {
        d.payoff
            .as_ref()
            .map(|q| {
                (
                    long_date(q.payoff_date),
                    usd(q.total),
                    usd(q.principal),
                    usd(q.interest + q.fees),
                    usd(q.per_diem),
                )
            })
            .map_err(|e| match e {
                domain::payoff::PayoffError::NotActive { .. } => {
                    "This loan has nothing left to pay off.".to_owned()
                }
                other => other.to_string(),
            })
    };
    let payoff_on = d.payoff.as_ref().map_or(d.business_date, |q| q.payoff_date);
    let today = d.business_date;
    let p = LoanPage {
        chrome: who.chrome(&state, "dashboard").await,
        card: LoanCard::of(&d.view, &d.payments, d.autopay.as_ref()),
        principal: usd(d.state.principal),
        interest: usd(d.state.interest),
        fees: usd(d.state.fees),
        amount_financed: usd(d.record.amount_financed),
        rate: format!("{}%", t.rate),
        day_count: t.day_count.to_string(),
        term: t.installments.len(),
        maturity: t
            .installments
            .last()
            .map(|i| long_date(i.due_date))
            .unwrap_or_default(),
        tila: d.tila.map(|b| {
            (
                format!("{}%", b.apr.percent()),
                usd(b.finance_charge),
                usd(b.amount_financed),
                usd(b.total_of_payments),
            )
        }),
        boarded_on: d.record.boarded_on.map(long_date),
        payoff_date_iso: payoff_on.to_string(),
        payoff,
        activity: d.activity.iter().map(ActivityRow::of).collect(),
        has_returned: d
            .activity
            .iter()
            .any(|a| matches!(a, Activity::Returned { .. })),
        upcoming: d
            .schedule
            .iter()
            .filter(|r| r.paid < r.amount)
            .take(3)
            .map(|r| Row::of(r, today))
            .collect(),
        prior_payments: d
            .prior_payments
            .iter()
            .map(|(date, m)| (long_date(*date), usd(*m)))
            .collect(),
        min_date: today.to_string(),
        statements: d
            .statements
            .iter()
            .map(|s| {
                (
                    s.id,
                    long_date(s.statement_date),
                    usd(s.amount_due),
                    long_date(s.due_date),
                )
            })
            .collect(),
    };
    let status = if bad_date {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    (status, render(&p)).into_response()
}

#[derive(Template)]
#[template(path = "portal/schedule.html")]
struct SchedulePage {
    chrome: Chrome,
    card: LoanCard,
    rows: Vec<Row>,
    remaining: usize,
}

/// `GET /loans/{account_number}/schedule`: every installment, with what is left marked.
pub async fn schedule(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
) -> Response {
    let d = match details(&state, &who, &account, None).await {
        Ok(d) => d,
        Err(r) => return r,
    };
    let rows: Vec<Row> = d
        .schedule
        .iter()
        .map(|r| Row::of(r, d.business_date))
        .collect();
    let remaining = d.schedule.iter().filter(|r| r.paid < r.amount).count();
    render(&SchedulePage {
        chrome: who.chrome(&state, "dashboard").await,
        card: LoanCard::of(&d.view, &d.payments, d.autopay.as_ref()),
        rows,
        remaining,
    })
}

fn link_form(chrome: Chrome, errors: Errors, f: &LinkForm) -> SinglePage {
    let field = |name, label, value: &str, hint| Field {
        name,
        label,
        kind: "text",
        value: value.to_owned(),
        autocomplete: "off",
        hint,
    };
    SinglePage {
        chrome,
        errors,
        heading: "Add a loan",
        intro: vec!["Loans of yours that we service appear on your dashboard. To add a loan under another record (for example a loan that moved to us later), enter its details. We will send a code to the contact on file for that loan.".into()],
        action: "/link-loan",
        hidden: Vec::new(),
        fields: vec![
            field("account_number", "Account number", &f.account_number, "The 16 digits on the statement"),
            field("ssn_last4", "Last 4 digits of your Social Security number", &f.ssn_last4, ""),
            field("date_of_birth", "Date of birth", &f.date_of_birth, "For example, 04/12/1985"),
            field("zip", "ZIP code", &f.zip, ""),
        ],
        button: "Continue",
        links: vec![("/dashboard".into(), "Back to your loans".into())],
    }
}

/// The link form.
#[derive(Deserialize, Default)]
pub struct LinkForm {
    #[serde(default)]
    account_number: String,
    #[serde(default)]
    ssn_last4: String,
    #[serde(default)]
    date_of_birth: String,
    #[serde(default)]
    zip: String,
}

/// `GET /link-loan`
pub async fn link_page(State(state): State<AppState>, who: SignedIn) -> Response {
    let p = link_form(
        who.chrome(&state, "dashboard").await,
        Errors::default(),
        &LinkForm::default(),
    );
    page(&who.visitor, &Errors::default(), &p)
}

fn link_code_form(chrome: Chrome, errors: Errors, account: &str, sent_to: &str) -> SinglePage {
    SinglePage {
        chrome,
        errors,
        heading: "Check your messages",
        intro: vec![format!(
            "We sent a 6-digit code to {sent_to}. It expires in 10 minutes."
        )],
        action: "/link-loan/confirm",
        hidden: vec![("account_number".into(), account.to_owned())],
        fields: vec![Field {
            name: "code",
            label: "Code",
            kind: "text",
            value: String::new(),
            autocomplete: "one-time-code",
            hint: "",
        }],
        button: "Add loan",
        links: vec![("/dashboard".into(), "Back to your loans".into())],
    }
}

/// `POST /link-loan`
pub async fn link(
    State(state): State<AppState>,
    who: SignedIn,
    posted: Posted<LinkForm>,
) -> Response {
    let f = posted.form;
    let chrome = who.chrome(&state, "dashboard").await;
    let started =
        match EnrollmentFacts::parse(&f.account_number, &f.ssn_last4, &f.date_of_birth, &f.zip) {
            Ok(facts) => state
                .app
                .link_start(&who.session, &facts, &who.visitor.client)
                .await
                .map(|to| (facts.account, to)),
            Err(e) => Err(e),
        };
    match started {
        Ok((account, sent_to)) => render(&link_code_form(
            chrome,
            Errors::default(),
            &account.to_string(),
            &sent_to,
        )),
        Err(e) => match refusal(&e, "account_number") {
            Err(r) => r,
            Ok((status, errors)) => {
                (status, render(&link_form(chrome, errors, &f))).into_response()
            }
        },
    }
}

/// The link-code form.
#[derive(Deserialize)]
pub struct LinkCodeForm {
    #[serde(default)]
    account_number: String,
    #[serde(default)]
    code: String,
}

/// `POST /link-loan/confirm`
pub async fn link_confirm(
    State(state): State<AppState>,
    who: SignedIn,
    posted: Posted<LinkCodeForm>,
) -> Response {
    let f = posted.form;
    let Ok(account) = f.account_number.parse::<AccountNumber>() else {
        return Redirect::to("/link-loan").into_response();
    };
    match state
        .app
        .link_confirm(&who.session, account, &f.code, &who.visitor.client)
        .await
    {
        Ok(()) => Redirect::to("/dashboard").into_response(),
        Err(e @ (IdentityError::WrongCode { .. } | IdentityError::CodeSpent)) => {
            let errors = Errors::from_identity(&e, "code");
            (
                StatusCode::BAD_REQUEST,
                render(&link_code_form(
                    who.chrome(&state, "dashboard").await,
                    errors,
                    &account.to_string(),
                    "the contact on file",
                )),
            )
                .into_response()
        }
        Err(e) => match refusal(&e, "code") {
            Err(r) => r,
            Ok((status, errors)) => (
                status,
                render(&link_form(
                    who.chrome(&state, "dashboard").await,
                    errors,
                    &LinkForm::default(),
                )),
            )
                .into_response(),
        },
    }
}

#[derive(Template)]
#[template(path = "portal/statement.html")]
struct StatementPage {
    chrome: Chrome,
    account: String,
    id: i64,
    s: documents::Statement,
    warning: String,
}

/// The statement of a loan of the signed-in borrower's, or the page a missing loan gets.
async fn statement_of(
    state: &AppState,
    who: &SignedIn,
    account: &str,
    id: &str,
) -> Result<(i64, documents::Statement), Response> {
    let (Ok(account), Ok(id)) = (account.parse::<AccountNumber>(), id.parse::<i64>()) else {
        return Err(no_such_loan());
    };
    let view = match state
        .app
        .store()
        .loan_view_of_login(who.login, account)
        .await
    {
        Ok(Some(v)) => v,
        Ok(None) => return Err(no_such_loan()),
        Err(e) => {
            return Err(crate::errors::internal_page(&crate::errors::log_internal(
                &e,
            )));
        }
    };
    match state.app.statement_of(view.loan, id).await {
        Ok(Some(s)) => Ok((id, s)),
        Ok(None) => Err(no_such_loan()),
        Err(e) => Err(crate::errors::internal_page(&crate::errors::log_internal(
            &e,
        ))),
    }
}

/// `GET /loans/{account_number}/statements/{statement_id}`: the statement as a page.
pub async fn statement(
    State(state): State<AppState>,
    who: SignedIn,
    Path((account, id)): Path<(String, String)>,
) -> Response {
    let (id, s) = match statement_of(&state, &who, &account, &id).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    render(&StatementPage {
        chrome: who.chrome(&state, "dashboard").await,
        account: s.account_number.clone(),
        id,
        warning: s.late_fee_warning(),
        s,
    })
}

/// `GET /loans/{account_number}/statements/{statement_id}/pdf`: the statement as issued, as
/// a PDF to keep or print.
pub async fn statement_pdf(
    State(state): State<AppState>,
    who: SignedIn,
    Path((account, id)): Path<(String, String)>,
) -> Response {
    let (_, s) = match statement_of(&state, &who, &account, &id).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let name = format!(
        "statement-{}-{}.pdf",
        s.account_number.get(12..).unwrap_or(""),
        s.statement_date
    );
    (
        [
            (
                axum::http::header::CONTENT_TYPE,
                "application/pdf".to_owned(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{name}\""),
            ),
            (axum::http::header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        documents::statement::pdf(&s),
    )
        .into_response()
}
