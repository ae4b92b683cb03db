//! The borrower's loans: the dashboard, one loan's details (terms, TILA box, balances,
//! payoff for a chosen date, activity with each payment's split), the schedule and the
//! statements. Every loan is read through the signed-in login: another borrower's account
//! number is answered exactly as one that does not exist. Linking another loan is in
//! [`super::link`].

use super::payoff::{DATE_UNREADABLE, PayoffWords, payoff_words};
use super::{Chrome, Errors, SignedIn};
use crate::AppState;
use crate::kit::page::render;
use crate::kit::{PageError, PageResult};
use app::payments::{AmountOf, parse_amount};
use app::portal::{Activity, LoanDetails, ScheduleRow, larger_final_payment};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use domain::account_number::AccountNumber;
use domain::headline::{Cover, Headline, PastDue};
use domain::loan::LoanStatus;
use domain::payment::PaymentStatus;
use domain::what_if::{Often, WhatIf, WhatIfError};
use money::Money;
use serde::Deserialize;
use store::{Autopay, LoanView, Payment};

/// Dollars with thousands separators: `$18,500.00`.
pub fn usd(m: Money) -> String {
    m.usd().to_string()
}

pub use documents::long_date;

/// One loan on the dashboard (and at the top of its pages); the console's read-only copies of
/// the borrower's pages show the same card.
pub struct LoanCard {
    /// The account number.
    pub(crate) account: String,
    /// Its last four digits.
    pub(crate) last4: String,
    /// What the card and the loan page are headed with: the borrower's nickname for the loan,
    /// or its product and last four digits ("Home improvement loan ending 1015"), or "Loan
    /// ending 1015" for a loan without a product name.
    pub(crate) title: String,
    /// Under a nickname, the product and last four digits, so the loan is still recognized.
    pub(crate) subtitle: Option<String>,
    /// The original amount and when the loan began here ("$20,000.00, opened November 6,
    /// 2025"; a boarded loan: "boarded ... from your previous servicer").
    pub(crate) origin: String,
    /// "Current", "Past due", "Paid off", "Charged off".
    pub(crate) status: &'static str,
    /// Principal, interest and fees.
    pub(crate) balance: String,
    /// The next payment: the next installment's unpaid amount and its due date, in words
    /// ("$242.84 due January 5, 2027"); never next month's amount a month early.
    pub(crate) next_payment: Option<String>,
    /// What is past due now and since when ("$357.18 since November 5, 2026 (32 days)").
    pub(crate) past_due: Option<String>,
    /// The red banner's words: past due, and nothing on its way brings the loan current.
    pub(crate) alarm: Option<String>,
    /// The calm notice's words instead: the payments on their way bring it current, and when.
    pub(crate) calm: Option<String>,
    /// AutoPay's next draft not yet made ("$242.84 on January 5, 2027").
    pub(crate) next_draft: Option<String>,
    /// Unapplied funds held for the borrower (money received beyond what the loan owed).
    pub(crate) credit: Option<String>,
    /// AutoPay must be set up again (a loan moved from another servicer).
    pub(crate) reestablish_autopay: bool,
    /// The loan is active.
    pub(crate) is_active: bool,
    /// The live AutoPay in words.
    pub(crate) autopay: Option<String>,
    /// Its payments not yet sent.
    pub(crate) pending: Vec<PendingRow>,
}

/// A payment not yet sent, as listed on the dashboard and the loan page.
pub struct PendingRow {
    /// The payment's id (its receipt's).
    pub(crate) id: i64,
    /// How much.
    pub(crate) amount: String,
    /// The date it is credited as of.
    pub(crate) date: String,
    /// "Pending" or "Processing".
    pub(crate) status: &'static str,
    /// What it will do instead of what its review said, when that no longer holds (the words
    /// the borrower was sent the night before its credit date).
    pub(crate) changed: Option<String>,
}

impl LoanCard {
    /// The card of loan `v`, with its scheduled payments among `payments` and its live
    /// AutoPay.
    pub(crate) fn of(
        v: &LoanView,
        payments: &[Payment],
        autopay: Option<&Autopay>,
        headline: &Headline,
    ) -> Self {
        let s = &v.snapshot;
        let words = HeadlineWords::of(headline);
        let names = LoanNames::of(v);
        LoanCard {
            next_payment: words.next_payment,
            past_due: words.past_due,
            alarm: words.alarm,
            calm: words.calm,
            next_draft: words.next_draft,
            autopay: autopay.map(|a| {
                let when = app::payments::autopay::timing_words(a.cadence, a.days_before_due);
                match (a.cadence.is_split(), a.fixed_amount) {
                    (true, _) => format!("On: half of each scheduled payment {when}"),
                    (false, fixed) => {
                        let amount = fixed.map_or_else(|| "the scheduled payment".to_owned(), usd);
                        match a.days_before_due {
                            0 => format!("On: {amount} {when}"),
                            _ => format!("On: {amount}, {when}"),
                        }
                    }
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
                    changed: p.promise_changed.clone(),
                })
                .collect(),
            account: v.account_number.to_string(),
            last4: v.account_number.last4(),
            title: names.title,
            subtitle: names.subtitle,
            origin: names.origin,
            status: match s.status {
                LoanStatus::PaidOff => "Paid off",
                LoanStatus::ChargedOff => "Charged off",
                LoanStatus::Active if s.days_past_due > 0 => "Past due",
                LoanStatus::Active => "Current",
            },
            balance: usd(s.principal + s.interest + s.fees),
            credit: s.unapplied.is_positive().then(|| usd(s.unapplied)),
            reestablish_autopay: v.autopay_must_be_reestablished
                && s.status == LoanStatus::Active
                && autopay.is_none(),
            is_active: s.status == LoanStatus::Active,
        }
    }
}

/// How a loan is told apart from the borrower's others: its heading, the line under it and
/// where it came from (the documents center names loans so too).
pub(crate) struct LoanNames {
    pub(crate) title: String,
    pub(crate) subtitle: Option<String>,
    pub(crate) origin: String,
}

impl LoanNames {
    pub(crate) fn of(v: &LoanView) -> Self {
        let last4 = v.account_number.last4();
        let product = match v.product_name.as_deref().map(str::trim) {
            Some(p) if !p.is_empty() => format!("{p} ending {last4}"),
            _ => format!("Loan ending {last4}"),
        };
        let (title, subtitle) = match &v.nickname {
            Some(n) => (n.clone(), Some(product)),
            None => (product, None),
        };
        let origin = match v.boarded_on {
            Some(on) => format!(
                "{}, boarded {} from your previous servicer",
                usd(v.amount_financed),
                long_date(on)
            ),
            None => format!(
                "{}, opened {}",
                usd(v.amount_financed),
                long_date(v.accrual_start)
            ),
        };
        LoanNames {
            title,
            subtitle,
            origin,
        }
    }
}

/// A loan's headline in the borrower's words: every sentence the dashboard and the loan page
/// say about what is owed and by when is made here.
struct HeadlineWords {
    next_payment: Option<String>,
    past_due: Option<String>,
    alarm: Option<String>,
    calm: Option<String>,
    next_draft: Option<String>,
}

impl HeadlineWords {
    fn of(h: &Headline) -> Self {
        let past_due = h.past_due.as_ref().map(|p| match p.oldest() {
            Some(o) => format!(
                "{} since {} ({})",
                usd(p.amount),
                long_date(o.due_date),
                days(o.days)
            ),
            None => format!("{} in fees", usd(p.amount)),
        });
        let alarm = match (&h.past_due, &h.cover) {
            (Some(p), None) => Some(alarm_words(p)),
            _ => None,
        };
        HeadlineWords {
            next_payment: h
                .next
                .map(|n| format!("{} due {}", usd(n.amount), long_date(n.due_date))),
            past_due,
            alarm,
            calm: h.cover.as_ref().map(calm_words),
            next_draft: h
                .autopay
                .map(|d| format!("{} on {}", usd(d.amount), long_date(d.date))),
        }
    }
}

/// "1 day", "32 days".
fn days(n: u32) -> String {
    if n == 1 {
        "1 day".to_owned()
    } else {
        format!("{n} days")
    }
}

/// What is past due, each installment's part with its due date and days (so a part two days
/// late is never called 32 days late) and the fees, adding up to the amount said.
fn alarm_words(p: &PastDue) -> String {
    let mut parts: Vec<String> = p
        .parts
        .iter()
        .map(|part| {
            format!(
                "{} due {} ({} late)",
                usd(part.unpaid),
                long_date(part.due_date),
                days(part.days)
            )
        })
        .collect();
    let installments = p
        .parts
        .iter()
        .fold(Money::ZERO, |sum, part| sum + part.unpaid);
    let fees = p.amount - installments;
    let what = if parts.is_empty() {
        format!("{} in fees is unpaid.", usd(p.amount))
    } else {
        if fees.is_positive() {
            parts.push(format!("{} in fees", usd(fees)));
        }
        let listed = match parts.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => String::new(),
        };
        format!("{} is past due: {listed}.", usd(p.amount))
    };
    format!("{what} Pay it now to bring your loan current.")
}

/// The payments on their way that bring the loan current, and when.
fn calm_words(c: &Cover) -> String {
    let on = long_date(c.current_on);
    match c.payments.as_slice() {
        [one] if one.autopay => format!(
            "AutoPay will draft {} on {}; your loan will be current then.",
            usd(one.amount),
            long_date(one.date)
        ),
        [one] => format!(
            "Your payment of {} scheduled for {} will bring your loan current then.",
            usd(one.amount),
            long_date(one.date)
        ),
        many => {
            let listed: Vec<String> = many
                .iter()
                .map(|p| {
                    format!(
                        "{}{} on {}",
                        if p.autopay { "AutoPay's draft of " } else { "" },
                        usd(p.amount),
                        long_date(p.date)
                    )
                })
                .collect();
            format!(
                "The payments on their way ({}) will bring your loan current on {on}.",
                listed.join(", ")
            )
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
) -> PageResult {
    let key = format!(
        "dashboard:{}:{}",
        who.session.token_digest,
        q.welcome.is_some()
    );
    if let Some(html) = state.app.cached_page(&key) {
        return Ok(axum::response::Html(html).into_response());
    }
    let d = state.app.dashboard(who.login).await?;
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
                    &d.headline(v.loan),
                )
            })
            .collect(),
        welcome: q.welcome.is_some(),
        unread: d.rows.unread_messages,
        today: long_date(d.business_date),
    };
    Ok(match page.render() {
        Ok(html) => {
            let html = axum::body::Bytes::from(html);
            state.app.remember_page(key, html.clone());
            axum::response::Html(html).into_response()
        }
        Err(_) => render(&page),
    })
}

/// One line of a loan's activity as the loan page shows it.
pub(crate) struct ActivityRow {
    /// When.
    pub(crate) date: String,
    /// A mark before the words ("Returned").
    pub(crate) tag: Option<&'static str>,
    /// What happened, in the borrower's words.
    pub(crate) what: String,
    /// How much.
    pub(crate) amount: String,
    /// The part to fees.
    pub(crate) fees: String,
    /// The part to interest.
    pub(crate) interest: String,
    /// The part to principal.
    pub(crate) principal: String,
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
            Activity::InterestWaiver { date, amount } => ActivityRow {
                date: long_date(*date),
                tag: None,
                what: "Interest waived".into(),
                amount: usd(*amount),
                fees: dash(),
                interest: dash(),
                principal: dash(),
            },
            // It forgave nothing: the replay leaves it out.
            Activity::WaiverUndone {
                date,
                interest,
                amount,
                undone_on,
                ..
            } => ActivityRow {
                date: long_date(*date),
                tag: Some("Undone"),
                what: format!(
                    "{} waiver undone on {}: it waived nothing",
                    if *interest { "Interest" } else { "Fee" },
                    long_date(*undone_on)
                ),
                amount: usd(*amount),
                fees: dash(),
                interest: dash(),
                principal: dash(),
            },
            // It paid nothing here: the replay leaves it out.
            Activity::Reversed {
                date,
                amount,
                reversed_on,
                why,
                ..
            } => ActivityRow {
                date: long_date(*date),
                tag: Some(reversed_tag(*why)),
                what: format!(
                    "Payment reversed on {}: {}. It paid nothing on this loan, and the payments after it are shown as they apply without it",
                    long_date(*reversed_on),
                    why.describe()
                ),
                amount: usd(*amount),
                fees: usd(Money::ZERO),
                interest: usd(Money::ZERO),
                principal: usd(Money::ZERO),
            },
        }
    }
}

/// The mark of a payment staff took off a loan: "Moved", or "Reversed".
pub(crate) fn reversed_tag(why: app::servicing::WhyReversed) -> &'static str {
    match why {
        app::servicing::WhyReversed::Moved => "Moved",
        app::servicing::WhyReversed::Reason(_) => "Reversed",
    }
}

/// One installment as the loan page and the schedule show it.
pub(crate) struct Row {
    /// Installment number.
    pub(crate) number: u32,
    /// Due date.
    pub(crate) due_date: String,
    /// The payment: fees + interest + principal.
    pub(crate) amount: String,
    /// What is still to pay of it.
    pub(crate) to_pay: String,
    /// Fees part.
    pub(crate) fees: String,
    /// Interest part.
    pub(crate) interest: String,
    /// Principal part.
    pub(crate) principal: String,
    /// Principal after it.
    pub(crate) balance: String,
    /// "Paid", "Past due", "Partly paid", "Due" or "Upcoming".
    pub(crate) status: &'static str,
}

impl Row {
    fn of(r: &ScheduleRow, today: jiff::civil::Date) -> Self {
        Row {
            number: r.number,
            due_date: long_date(r.due_date),
            amount: usd(r.amount),
            to_pay: usd(r.to_pay()),
            fees: usd(r.fees),
            interest: usd(r.interest),
            principal: usd(r.principal),
            balance: usd(r.balance),
            status: r.status(today),
        }
    }
}

/// A loan's page: its figures and words, which the console's read-only copy of the page shows
/// as well.
#[derive(Template)]
#[template(path = "portal/loan.html")]
pub(crate) struct LoanPage {
    /// Frame.
    pub(crate) chrome: Chrome,
    /// The loan's card.
    pub(crate) card: LoanCard,
    /// Principal.
    pub(crate) principal: String,
    /// Interest accrued.
    pub(crate) interest: String,
    /// Fees.
    pub(crate) fees: String,
    /// Amount financed.
    pub(crate) amount_financed: String,
    /// Interest rate.
    pub(crate) rate: String,
    /// Day count.
    pub(crate) day_count: String,
    /// Installments.
    pub(crate) term: usize,
    /// Maturity date.
    pub(crate) maturity: String,
    /// The TILA box: (APR, finance charge, amount financed, total of payments).
    pub(crate) tila: Option<(String, String, String, String)>,
    /// When a boarded loan came to us.
    pub(crate) boarded_on: Option<String>,
    /// "Your loan's rules": the loan's product in plain words, a sentence or two each.
    pub(crate) rules: Vec<String>,
    /// The order payments are applied in, in words ("fees first, then interest, then
    /// principal").
    pub(crate) applied_order: String,
    /// The payoff date, for the payoff form.
    pub(crate) payoff_date_iso: String,
    /// The payoff, itemized with what it assumes, or why there is none.
    pub(crate) payoff: Result<PayoffWords, String>,
    /// Every problem with what was asked of the page (an unreadable payoff date, a refused
    /// nickname or extra amount), listed at the top as each form's are.
    pub(crate) errors: Errors,
    /// Activity, newest first.
    pub(crate) activity: Vec<ActivityRow>,
    /// A returned payment is among the activity.
    pub(crate) has_returned: bool,
    /// Each year payments were credited, newest first: (year, its words: "Interest paid in
    /// 2026" with "so far" in the year not over, the interest paid).
    pub(crate) interest_years: Vec<(i16, String, String)>,
    /// The next installments not paid.
    pub(crate) upcoming: Vec<Row>,
    /// (due date, amount) of a last payment larger than the others, to warn of it.
    pub(crate) final_payment: Option<(String, String)>,
    /// (date, amount) of the prior servicer's payments.
    pub(crate) prior_payments: Vec<(String, String)>,
    /// (id, statement date, amount due, due date).
    pub(crate) statements: Vec<(i64, String, String, String)>,
    /// The first date the payoff form takes.
    pub(crate) min_date: String,
    /// The nickname form's value: the nickname in force, or what was typed when refused.
    pub(crate) nickname_value: String,
    /// Why the typed nickname was refused, shown beside the field.
    pub(crate) nickname_error: Option<String>,
    /// "What if I pay extra?": the borrower's own page only (the console's read-only copy
    /// has no such form).
    pub(crate) what_if: Option<WhatIfSection>,
}

/// "What if I pay extra?" on the loan page: the question as asked and its answer, or why
/// there is none.
pub(crate) struct WhatIfSection {
    /// The extra amount as typed (empty until asked).
    pub(crate) amount: String,
    /// With every payment (the default) rather than once.
    pub(crate) monthly: bool,
    /// The answer in words.
    pub(crate) answer: Option<String>,
    /// Why there is no answer, shown beside the amount.
    pub(crate) error: Option<String>,
}

/// `?payoff_date=YYYY-MM-DD`, and "What if I pay extra?": `&extra=50.00&often=monthly|once`
#[derive(Deserialize, Default)]
pub struct LoanQuery {
    #[serde(default)]
    payoff_date: Option<String>,
    /// The extra amount, as typed.
    #[serde(default)]
    extra: Option<String>,
    /// `once`, else with every payment.
    #[serde(default)]
    often: Option<String>,
}

/// The 404 a borrower gets for a loan that is not theirs: the same as for no loan at all.
pub(super) fn no_such_loan() -> PageError {
    crate::errors::not_found_page().into()
}

pub(super) async fn details(
    state: &AppState,
    who: &SignedIn,
    account: &str,
    payoff_date: Option<jiff::civil::Date>,
) -> Result<LoanDetails, PageError> {
    let Ok(account) = account.parse::<AccountNumber>() else {
        return Err(no_such_loan());
    };
    state
        .app
        .loan_details(who.login, account, payoff_date)
        .await?
        .ok_or_else(no_such_loan)
}

/// `GET /loans/{account_number}`
pub async fn loan(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
    Query(q): Query<LoanQuery>,
) -> PageResult {
    let asked = q.payoff_date.as_deref().filter(|t| !t.trim().is_empty());
    let parsed = asked.map(crate::kit::time::parse_date);
    let bad_date = matches!(parsed, Some(None));
    let d = details(&state, &who, &account, parsed.flatten()).await?;
    let (what_if, bad_extra) = what_if_section(&state, &who, d.view.account_number, &q).await?;
    let mut p = LoanPage::of(who.chrome(&state, "dashboard").await, d, bad_date);
    if bad_extra && let Some(e) = &what_if.error {
        p.errors.push("extra", e.clone());
    }
    p.what_if = Some(what_if);
    let status = if bad_date || bad_extra {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    Ok((status, render(&p)).into_response())
}

/// The "What if I pay extra?" section for query `q`: the form alone when nothing was asked,
/// else the answer or the refusal beside the field; true when the amount is refused (a bad
/// request, as an unreadable payoff date is). The amount is read by the payment form's parser.
async fn what_if_section(
    state: &AppState,
    who: &SignedIn,
    account: AccountNumber,
    q: &LoanQuery,
) -> Result<(WhatIfSection, bool), PageError> {
    let typed = q.extra.as_deref().map(str::trim).unwrap_or_default();
    let mut section = WhatIfSection {
        amount: typed.to_owned(),
        monthly: q.often.as_deref() != Some("once"),
        answer: None,
        error: None,
    };
    if typed.is_empty() {
        return Ok((section, false));
    }
    let extra = match parse_amount(AmountOf::Payment, typed) {
        Ok(extra) => extra,
        Err(e) => {
            section.error = Some(e.to_string());
            return Ok((section, true));
        }
    };
    let answer = state
        .app
        .what_if(who.login, account, extra, section.monthly)
        .await?
        .ok_or_else(no_such_loan)?;
    let refused = match answer {
        Ok(w) => {
            section.answer = Some(what_if_words(&w));
            false
        }
        Err(e) => {
            section.error = Some(what_if_refusal(e));
            matches!(e, WhatIfError::NotPositive | WhatIfError::OverPayoff { .. })
        }
    };
    Ok((section, refused))
}

/// The answer in words: "Paying $50.00 more with every payment, your loan is paid off on
/// March 5, 2029 instead of October 5, 2030, and you pay $1,234.56 less interest."
fn what_if_words(w: &WhatIf) -> String {
    let how = match w.extra.often {
        // Installments may be other than monthly: "with every payment" is true of them all.
        Often::Monthly => "with every payment".to_owned(),
        Often::Once => format!(
            "once, with your payment on {}",
            long_date(w.first_payment_date())
        ),
    };
    let paying = format!("Paying {} more {how}", usd(w.extra.amount));
    let saved = usd(w.interest_saved());
    if w.sooner() {
        format!(
            "{paying}, your loan is paid off on {} instead of {}, and you pay {saved} less interest.",
            long_date(w.plan.payoff_date),
            long_date(w.baseline.payoff_date)
        )
    } else {
        // Not enough to save a payment: the last one is smaller instead.
        format!(
            "{paying}, your loan is still paid off on {}, with a last payment of {} instead of {}, and you pay {saved} less interest.",
            long_date(w.plan.payoff_date),
            usd(w.plan.last_payment),
            usd(w.baseline.last_payment)
        )
    }
}

/// Why there is no answer, in the words shown beside the amount.
fn what_if_refusal(e: WhatIfError) -> String {
    match e {
        WhatIfError::NotPositive => "Enter an amount greater than zero".to_owned(),
        WhatIfError::OverPayoff { most, on } if most.is_positive() => format!(
            "Enter an amount up to {}: with your payment on {}, that pays your loan off",
            usd(most),
            long_date(on)
        ),
        WhatIfError::OverPayoff { on, .. } => format!(
            "Your payment on {} pays your loan off: there is nothing more to pay",
            long_date(on)
        ),
        WhatIfError::NotActive => "This loan has nothing left to pay off.".to_owned(),
        WhatIfError::Matured => {
            "This loan is past its last due date: the payoff amount above is what is left to pay."
                .to_owned()
        }
    }
}

impl LoanPage {
    /// The page of loan `d` (`bad_date`: the payoff date asked for could not be read).
    pub(crate) fn of(chrome: Chrome, d: LoanDetails, bad_date: bool) -> Self {
        let t = &d.record.terms;
        let payoff = payoff_words(&d, bad_date);
        let errors = if bad_date {
            Errors::one("payoff_date", DATE_UNREADABLE)
        } else {
            Errors::default()
        };
        let payoff_on = d.payoff.as_ref().map_or(d.business_date, |q| q.payoff_date);
        let today = d.business_date;
        LoanPage {
            chrome,
            card: LoanCard::of(&d.view, &d.payments, d.autopay.as_ref(), &d.headline),
            principal: usd(d.state.principal),
            interest: usd(d.state.interest),
            fees: usd(d.state.fees),
            amount_financed: usd(d.record.amount_financed),
            rate: format!("{}%", t.rate),
            day_count: t.day_count.to_string(),
            term: t.installments.len(),
            // The last due date as the replay has it: a due-date change moves it.
            maturity: d
                .state
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
            rules: d.record.product().plain_words(),
            applied_order: t.waterfall.in_words(),
            payoff_date_iso: payoff_on.to_string(),
            payoff,
            errors,
            activity: d.activity.iter().map(ActivityRow::of).collect(),
            has_returned: d
                .activity
                .iter()
                .any(|a| matches!(a, Activity::Returned { .. })),
            interest_years: app::history::years_paid(&d.activity)
                .iter()
                .rev()
                .map(|t| {
                    let so_far = if t.year == today.year() {
                        " so far"
                    } else {
                        ""
                    };
                    (
                        t.year,
                        format!("Interest paid in {}{so_far}", t.year),
                        usd(t.interest),
                    )
                })
                .collect(),
            upcoming: d
                .schedule
                .iter()
                .filter(|r| !r.is_paid())
                .take(3)
                .map(|r| Row::of(r, today))
                .collect(),
            final_payment: final_payment(&d.schedule),
            prior_payments: d
                .prior_payments
                .iter()
                .map(|(date, m)| (long_date(*date), usd(*m)))
                .collect(),
            min_date: today.to_string(),
            nickname_value: d.view.nickname.clone().unwrap_or_default(),
            nickname_error: None,
            what_if: None,
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
        }
    }
}

/// A loan's full schedule: its figures, which the console's read-only copy shows as well.
#[derive(Template)]
#[template(path = "portal/schedule.html")]
pub(crate) struct SchedulePage {
    /// Frame.
    pub(crate) chrome: Chrome,
    /// The loan's card.
    pub(crate) card: LoanCard,
    /// Every installment.
    pub(crate) rows: Vec<Row>,
    /// How many are not paid.
    pub(crate) remaining: usize,
    /// Some payment went to fees: the fees column is shown.
    pub(crate) has_fees: bool,
    /// (due date, amount) of a last payment larger than the others, to warn of it.
    pub(crate) final_payment: Option<(String, String)>,
}

/// The last payment's due date and amount still to pay, when it is larger than the others.
fn final_payment(schedule: &[ScheduleRow]) -> Option<(String, String)> {
    larger_final_payment(schedule).map(|r| (long_date(r.due_date), usd(r.to_pay())))
}

impl SchedulePage {
    /// The schedule of loan `d`.
    pub(crate) fn of(chrome: Chrome, d: &LoanDetails) -> Self {
        SchedulePage {
            chrome,
            card: LoanCard::of(&d.view, &d.payments, d.autopay.as_ref(), &d.headline),
            rows: d
                .schedule
                .iter()
                .map(|r| Row::of(r, d.business_date))
                .collect(),
            remaining: d.schedule.iter().filter(|r| !r.is_paid()).count(),
            has_fees: d.schedule.iter().any(|r| r.fees.is_positive()),
            final_payment: final_payment(&d.schedule),
        }
    }
}

/// `GET /loans/{account_number}/schedule`: every installment, with what is left marked.
pub async fn schedule(
    State(state): State<AppState>,
    who: SignedIn,
    Path(account): Path<String>,
) -> PageResult {
    let d = details(&state, &who, &account, None).await?;
    Ok(render(&SchedulePage::of(
        who.chrome(&state, "dashboard").await,
        &d,
    )))
}

#[derive(Template)]
#[template(path = "portal/statement.html")]
struct StatementPage {
    chrome: Chrome,
    account: String,
    /// The account number's last four digits.
    last4: String,
    id: i64,
    s: documents::Statement,
    /// The late-fee warning, in the page's language.
    warning: String,
    /// How many days past due the account was, in words, when it was.
    past_due_days: Option<String>,
}

/// The statement of a loan of the signed-in borrower's, or the page a missing loan gets.
async fn statement_of(
    state: &AppState,
    who: &SignedIn,
    account: &str,
    id: &str,
) -> Result<(i64, documents::Statement), PageError> {
    let (Ok(account), Ok(id)) = (account.parse::<AccountNumber>(), id.parse::<i64>()) else {
        return Err(no_such_loan());
    };
    let view = state
        .app
        .store()
        .loan_view_of_login(who.login, account)
        .await?
        .ok_or_else(no_such_loan)?;
    let s = state
        .app
        .statement_of(view.loan, id)
        .await
        .map_err(|e| PageError::internal(&e))?
        .ok_or_else(no_such_loan)?;
    Ok((id, s))
}

/// `GET /loans/{account_number}/statements/{statement_id}`: the statement as a page.
pub async fn statement(
    State(state): State<AppState>,
    who: SignedIn,
    Path((account, id)): Path<(String, String)>,
) -> PageResult {
    let (id, s) = statement_of(&state, &who, &account, &id).await?;
    let lang = who.visitor.lang;
    Ok(render(&StatementPage {
        chrome: who.chrome(&state, "dashboard").await,
        account: s.account_number.clone(),
        last4: s.account_number.get(12..).unwrap_or("").to_owned(),
        id,
        warning: s.late_fee_warning(lang),
        past_due_days: (s.days_past_due > 0).then(|| {
            lang.tr().count(
                "statement-days-past-due-short",
                i64::from(s.days_past_due),
                &[],
            )
        }),
        s,
    }))
}

/// `GET /loans/{account_number}/statements/{statement_id}/pdf`: the statement as issued, as
/// a PDF to keep or print.
pub async fn statement_pdf(
    State(state): State<AppState>,
    who: SignedIn,
    Path((account, id)): Path<(String, String)>,
) -> PageResult {
    let (_, s) = statement_of(&state, &who, &account, &id).await?;
    let name = format!(
        "statement-{}-{}.pdf",
        s.account_number.get(12..).unwrap_or(""),
        s.statement_date
    );
    Ok((
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
        documents::statement::pdf(&s, who.visitor.lang),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::headline::PastDuePart;
    use jiff::civil::date;

    #[test]
    fn the_past_due_words_add_up_to_the_amount_fees_included() {
        let part = |cents, d, days| PastDuePart {
            due_date: d,
            unpaid: Money::from_cents(cents),
            days,
        };
        let p = PastDue {
            amount: Money::from_cents(19_109),
            parts: vec![part(16_609, date(2026, 11, 6), 30)],
        };
        assert_eq!(
            alarm_words(&p),
            "$191.09 is past due: $166.09 due November 6, 2026 (30 days late) and $25.00 in fees. Pay it now to bring your loan current."
        );
        let p = PastDue {
            amount: Money::from_cents(33_218),
            parts: vec![
                part(16_609, date(2026, 11, 6), 30),
                part(16_609, date(2026, 12, 4), 2),
            ],
        };
        assert_eq!(
            alarm_words(&p),
            "$332.18 is past due: $166.09 due November 6, 2026 (30 days late) and $166.09 due December 4, 2026 (2 days late). Pay it now to bring your loan current."
        );
        let fees_only = PastDue {
            amount: Money::from_cents(2_500),
            parts: Vec::new(),
        };
        assert!(alarm_words(&fees_only).starts_with("$25.00 in fees is unpaid."));
    }
}
