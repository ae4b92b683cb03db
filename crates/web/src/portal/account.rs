//! The borrower's loans: the dashboard, one loan's details (terms, TILA box, balances,
//! payoff for a chosen date, activity with each payment's split), the schedule and the
//! statements. Every loan is read through the signed-in login: another borrower's account
//! number is answered exactly as one that does not exist. Linking another loan is in
//! [`super::link`].

use super::payoff::{PayoffWords, date_unreadable, payoff_words_in};
use super::{Chrome, Errors, SignedIn};
use crate::AppState;
use crate::kit::page::render;
use crate::kit::{PageError, PageResult};
use app::payments::{AmountOf, PaymentError, parse_amount};
use app::portal::{Activity, LoanDetails, ScheduleRow, larger_final_payment};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use domain::account_number::AccountNumber;
use domain::autopay::{Cadence, Frequency};
use domain::due_date::DueDateRule;
use domain::fees::LateFeeRule;
use domain::headline::{Cover, Headline, PastDue};
use domain::loan::{Bucket, ExtraTo, LoanStatus, Waterfall};
use domain::payment::{PaymentStatus, Rail};
use domain::product::{Product, RefundMethod};
use domain::what_if::{Often, WhatIf, WhatIfError};
use money::{DayCount, Money};
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
    /// "Current", "Past due", "Paid off", "Charged off", in the reader's language.
    pub(crate) status: String,
    /// The loan is paid off (its paid-in-full letter is offered).
    pub(crate) paid_off: bool,
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
    /// "Pending" or "Processing", in the reader's language.
    pub(crate) status: String,
    /// What it will do instead of what its review said, when that no longer holds (the words
    /// the borrower was sent the night before its credit date).
    pub(crate) changed: Option<String>,
}

impl LoanCard {
    /// The card of loan `v`, with its scheduled payments among `payments` and its live
    /// AutoPay, in English (the console's copies).
    pub(crate) fn of(
        v: &LoanView,
        payments: &[Payment],
        autopay: Option<&Autopay>,
        headline: &Headline,
    ) -> Self {
        Self::in_lang(i18n::Lang::En.tr(), v, payments, autopay, headline)
    }

    /// The card of loan `v` in the words of `tr`.
    pub(crate) fn in_lang(
        tr: i18n::Tr,
        v: &LoanView,
        payments: &[Payment],
        autopay: Option<&Autopay>,
        headline: &Headline,
    ) -> Self {
        let s = &v.snapshot;
        let words = HeadlineWords::of(tr, headline);
        let names = LoanNames::in_lang(tr, v);
        LoanCard {
            next_payment: words.next_payment,
            past_due: words.past_due,
            alarm: words.alarm,
            calm: words.calm,
            next_draft: words.next_draft,
            autopay: autopay.map(|a| {
                let when = timing_words(tr, a.cadence, a.days_before_due);
                match (a.cadence.is_split(), a.fixed_amount) {
                    (true, _) => tr.t1("loan-autopay-on-split", "when", when),
                    (false, fixed) => {
                        let amount =
                            fixed.map_or_else(|| tr.t("loan-autopay-scheduled-payment"), usd);
                        match a.days_before_due {
                            0 => tr.t2("loan-autopay-on", "amount", amount, "when", when),
                            _ => tr.t2("loan-autopay-on-before", "amount", amount, "when", when),
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
                    date: tr.date(p.credit_date),
                    // Scheduled: a card payment is already with the card network.
                    status: match p.rail {
                        Rail::Card => tr.t("loan-pending-processing"),
                        _ => tr.t("loan-pending-pending"),
                    },
                    changed: p.promise_changed.clone(),
                })
                .collect(),
            account: v.account_number.to_string(),
            last4: v.account_number.last4(),
            title: names.title,
            subtitle: names.subtitle,
            origin: names.origin,
            status: tr.t(match s.status {
                LoanStatus::PaidOff => "loan-status-paid-off",
                LoanStatus::ChargedOff => "loan-status-charged-off",
                LoanStatus::Active if s.days_past_due > 0 => "loan-status-past-due",
                LoanStatus::Active => "loan-status-current",
            }),
            paid_off: s.status == LoanStatus::PaidOff,
            balance: usd(s.principal + s.interest + s.fees),
            credit: s.unapplied.is_positive().then(|| usd(s.unapplied)),
            reestablish_autopay: v.autopay_must_be_reestablished
                && s.status == LoanStatus::Active
                && autopay.is_none(),
            is_active: s.status == LoanStatus::Active,
        }
    }
}

/// When an AutoPay drafts, in words: "on each due date", "3 days before each due date", "on
/// the 1st and the 15th of each month", "every other Friday starting January 9, 2027".
fn timing_words(tr: i18n::Tr, cadence: Cadence, days_before_due: u8) -> String {
    match cadence {
        Cadence::Monthly => match days_before_due {
            0 => tr.t("loan-autopay-when-due-date"),
            n => tr.count("loan-autopay-when-before", i64::from(n), &[]),
        },
        Cadence::TwiceMonthly(days) => tr.t2(
            "loan-autopay-when-twice",
            "first",
            ordinal(tr, days.first()),
            "second",
            ordinal(tr, days.second()),
        ),
        Cadence::Biweekly { start } => tr.t2(
            "loan-autopay-when-biweekly",
            "weekday",
            weekday(tr, start.weekday()),
            "date",
            tr.date(start),
        ),
    }
}

/// A day of the month as a sentence says it: "15th" in English, "15" in Spanish ("el 15").
pub(crate) fn ordinal(tr: i18n::Tr, day: u8) -> String {
    tr.count("due-day-ordinal", i64::from(day), &[])
}

/// A day of the week's name.
fn weekday(tr: i18n::Tr, d: jiff::civil::Weekday) -> String {
    use jiff::civil::Weekday;
    tr.t(match d {
        Weekday::Monday => "loan-weekday-monday",
        Weekday::Tuesday => "loan-weekday-tuesday",
        Weekday::Wednesday => "loan-weekday-wednesday",
        Weekday::Thursday => "loan-weekday-thursday",
        Weekday::Friday => "loan-weekday-friday",
        Weekday::Saturday => "loan-weekday-saturday",
        Weekday::Sunday => "loan-weekday-sunday",
    })
}

/// How a loan is told apart from the borrower's others: its heading, the line under it and
/// where it came from (the documents center names loans so too).
pub(crate) struct LoanNames {
    pub(crate) title: String,
    pub(crate) subtitle: Option<String>,
    pub(crate) origin: String,
}

impl LoanNames {
    /// The names of loan `v` in the words of `tr` (a product's name as configured in that
    /// language, `product_names_es`, else as the loan carries it).
    pub(crate) fn in_lang(tr: i18n::Tr, v: &LoanView) -> Self {
        let last4 = v.account_number.last4();
        let product = match v.product_name.as_deref().map(str::trim) {
            Some(p) if !p.is_empty() => tr.t2(
                "loan-product-ending",
                "product",
                crate::pages::site().product_name_in(tr.lang(), p),
                "last4",
                &last4,
            ),
            _ => tr.t1("loan-ending", "last4", &last4),
        };
        let (title, subtitle) = match &v.nickname {
            Some(n) => (n.clone(), Some(product)),
            None => (product, None),
        };
        let origin = match v.boarded_on {
            Some(on) => tr.t2(
                "loan-origin-boarded",
                "amount",
                usd(v.amount_financed),
                "date",
                tr.date(on),
            ),
            None => tr.t2(
                "loan-origin-opened",
                "amount",
                usd(v.amount_financed),
                "date",
                tr.date(v.accrual_start),
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
    fn of(tr: i18n::Tr, h: &Headline) -> Self {
        let past_due = h.past_due.as_ref().map(|p| match p.oldest() {
            Some(o) => tr.t3(
                "loan-past-due-since",
                "amount",
                usd(p.amount),
                "date",
                tr.date(o.due_date),
                "days",
                days(tr, o.days),
            ),
            None => tr.t1("loan-in-fees", "amount", usd(p.amount)),
        });
        let alarm = match (&h.past_due, &h.cover) {
            (Some(p), None) => Some(alarm_words(tr, p)),
            _ => None,
        };
        HeadlineWords {
            next_payment: h.next.map(|n| {
                tr.t2(
                    "loan-amount-due-on",
                    "amount",
                    usd(n.amount),
                    "date",
                    tr.date(n.due_date),
                )
            }),
            past_due,
            alarm,
            calm: h.cover.as_ref().map(|c| calm_words(tr, c)),
            next_draft: h.autopay.map(|d| {
                tr.t2(
                    "loan-amount-on",
                    "amount",
                    usd(d.amount),
                    "date",
                    tr.date(d.date),
                )
            }),
        }
    }
}

/// "1 day", "32 days".
fn days(tr: i18n::Tr, n: u32) -> String {
    tr.count("loan-days", i64::from(n), &[])
}

/// Words listed in a sentence: "a", "a and b", "a, b and c".
fn listed(tr: i18n::Tr, parts: &[String]) -> String {
    match parts.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => tr.t2("loan-list-and", "rest", rest.join(", "), "last", last),
        None => String::new(),
    }
}

/// What is past due, each installment's part with its due date and days (so a part two days
/// late is never called 32 days late) and the fees, adding up to the amount said.
fn alarm_words(tr: i18n::Tr, p: &PastDue) -> String {
    let mut parts: Vec<String> = p
        .parts
        .iter()
        .map(|part| {
            tr.t3(
                "loan-alarm-part",
                "amount",
                usd(part.unpaid),
                "date",
                tr.date(part.due_date),
                "days",
                days(tr, part.days),
            )
        })
        .collect();
    let installments = p
        .parts
        .iter()
        .fold(Money::ZERO, |sum, part| sum + part.unpaid);
    let fees = p.amount - installments;
    let what = if parts.is_empty() {
        tr.t1("loan-alarm-fees-unpaid", "amount", usd(p.amount))
    } else {
        if fees.is_positive() {
            parts.push(tr.t1("loan-in-fees", "amount", usd(fees)));
        }
        tr.t2(
            "loan-alarm-past-due",
            "amount",
            usd(p.amount),
            "parts",
            listed(tr, &parts),
        )
    };
    format!("{what} {}", tr.t("loan-alarm-pay-now"))
}

/// The payments on their way that bring the loan current, and when.
fn calm_words(tr: i18n::Tr, c: &Cover) -> String {
    let on = tr.date(c.current_on);
    match c.payments.as_slice() {
        [one] if one.autopay => tr.t2(
            "loan-calm-autopay",
            "amount",
            usd(one.amount),
            "date",
            tr.date(one.date),
        ),
        [one] => tr.t2(
            "loan-calm-payment",
            "amount",
            usd(one.amount),
            "date",
            tr.date(one.date),
        ),
        many => {
            let each: Vec<String> = many
                .iter()
                .map(|p| {
                    tr.t2(
                        if p.autopay {
                            "loan-calm-item-autopay"
                        } else {
                            "loan-amount-on"
                        },
                        "amount",
                        usd(p.amount),
                        "date",
                        tr.date(p.date),
                    )
                })
                .collect();
            tr.t2("loan-calm-many", "payments", each.join(", "), "date", on)
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
    // The page is in the visitor's language: a switch of language is another page.
    let key = format!(
        "dashboard:{}:{}:{}",
        who.session.token_digest,
        q.welcome.is_some(),
        who.visitor.lang.code()
    );
    if let Some(html) = state.app.cached_page(&key) {
        return Ok(axum::response::Html(html).into_response());
    }
    let d = state.app.dashboard(who.login).await?;
    let tr = who.visitor.lang.tr();
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
                LoanCard::in_lang(
                    tr,
                    v,
                    &d.rows.pending,
                    d.rows.autopays.iter().find(|a| a.loan == v.loan),
                    &d.headline(v.loan),
                )
            })
            .collect(),
        welcome: q.welcome.is_some(),
        unread: d.rows.unread_messages,
        today: tr.date(d.business_date),
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
    pub(crate) tag: Option<String>,
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
    fn of(tr: i18n::Tr, a: &Activity) -> Self {
        let dash = || "–".to_owned();
        match a {
            Activity::Payment(p) => ActivityRow {
                date: tr.date(p.date),
                tag: None,
                what: if p.unapplied.is_positive() {
                    tr.t1("loan-activity-payment-credit", "amount", usd(p.unapplied))
                } else {
                    tr.t("loan-activity-payment")
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
                date: tr.date(*date),
                tag: None,
                what: late_installment.map_or_else(
                    || tr.t("loan-activity-returned-fee"),
                    |n| tr.t1("loan-activity-late-fee", "number", n),
                ),
                amount: usd(*amount),
                fees: dash(),
                interest: dash(),
                principal: dash(),
            },
            // Owed with the fees, though not a fee (ADR 0033).
            Activity::RefundOwed { date, amount, .. } => ActivityRow {
                date: tr.date(*date),
                tag: None,
                what: tr.t("loan-activity-refund-owed"),
                amount: usd(*amount),
                fees: dash(),
                interest: dash(),
                principal: dash(),
            },
            Activity::Waiver { date, amount } => ActivityRow {
                date: tr.date(*date),
                tag: None,
                what: tr.t("loan-activity-fee-waived"),
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
                date: tr.date(*date),
                tag: Some(tr.t("loan-tag-returned")),
                what: match code {
                    Some(c) => tr.t2(
                        "loan-activity-returned",
                        "date",
                        tr.date(*returned_on),
                        "why",
                        return_words(tr, c),
                    ),
                    None => tr.t1("loan-activity-reversed-on", "date", tr.date(*returned_on)),
                },
                amount: usd(*amount),
                fees: usd(Money::ZERO),
                interest: usd(Money::ZERO),
                principal: usd(Money::ZERO),
            },
            Activity::InterestWaiver { date, amount } => ActivityRow {
                date: tr.date(*date),
                tag: None,
                what: tr.t("loan-activity-interest-waived"),
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
                date: tr.date(*date),
                tag: Some(tr.t("loan-tag-undone")),
                what: tr.t1(
                    if *interest {
                        "loan-activity-interest-waiver-undone"
                    } else {
                        "loan-activity-fee-waiver-undone"
                    },
                    "date",
                    tr.date(*undone_on),
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
                date: tr.date(*date),
                tag: Some(tr.t(reversed_tag_id(*why))),
                what: tr.t2(
                    "loan-activity-reversed",
                    "date",
                    tr.date(*reversed_on),
                    "why",
                    why_words(tr, *why),
                ),
                amount: usd(*amount),
                fees: usd(Money::ZERO),
                interest: usd(Money::ZERO),
                principal: usd(Money::ZERO),
            },
        }
    }
}

/// The mark of a payment staff took off a loan: "Moved", or "Reversed" (in English, as the
/// console shows it).
pub(crate) fn reversed_tag(why: app::servicing::WhyReversed) -> &'static str {
    match why {
        app::servicing::WhyReversed::Moved => "Moved",
        app::servicing::WhyReversed::Reason(_) => "Reversed",
    }
}

/// Why staff took a payment off the loan, in the reader's words (as
/// `WhyReversed::describe` says it in English).
fn why_words(tr: i18n::Tr, why: app::servicing::WhyReversed) -> String {
    use app::servicing::{ReversalReason, WhyReversed};
    tr.t(match why {
        WhyReversed::Moved => "loan-why-moved",
        WhyReversed::Reason(ReversalReason::ReturnedUnpaid) => "loan-why-returned-unpaid",
        WhyReversed::Reason(ReversalReason::PostedInError) => "loan-why-posted-in-error",
        WhyReversed::Reason(ReversalReason::Duplicate) => "loan-why-duplicate",
    })
}

/// A return as the borrower reads it: the reason in plain words, then the bank's code
/// ("insufficient funds (R01)"); for a payment staff reversed or moved, the reason (as
/// `app::payments::ach::return_words` says it in English).
fn return_words(tr: i18n::Tr, code: &str) -> String {
    if let Some(why) = app::servicing::WhyReversed::parse(code) {
        return why_words(tr, why);
    }
    // The codes `formats::nacha::return_reason` names; any other is the bank's return.
    let reason = tr.t(match code {
        "R01" => "loan-return-r01",
        "R02" => "loan-return-r02",
        "R03" => "loan-return-r03",
        "R04" => "loan-return-r04",
        "R05" | "R07" | "R10" | "R29" => "loan-return-unauthorized",
        "R08" => "loan-return-r08",
        "R09" => "loan-return-r09",
        "R16" => "loan-return-r16",
        "R20" => "loan-return-r20",
        _ => "loan-return-other",
    });
    tr.t2("loan-return-with-code", "reason", reason, "code", code)
}

/// The message of that mark, for the borrower's page.
fn reversed_tag_id(why: app::servicing::WhyReversed) -> &'static str {
    match why {
        app::servicing::WhyReversed::Moved => "loan-tag-moved",
        app::servicing::WhyReversed::Reason(_) => "loan-tag-reversed",
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
    /// "Paid", "Past due", "Partly paid", "Due" or "Upcoming", in the reader's language.
    pub(crate) status: String,
    /// Paid in full.
    pub(crate) paid: bool,
}

impl Row {
    fn of(tr: i18n::Tr, r: &ScheduleRow, today: jiff::civil::Date) -> Self {
        // As `ScheduleRow::status` says it, by the same facts.
        let status = if r.is_paid() {
            "schedule-status-paid"
        } else if r.due_date < today {
            "schedule-status-past-due"
        } else if r.paid.is_positive() {
            "schedule-status-partly-paid"
        } else if r.due_date == today {
            "schedule-status-due"
        } else {
            "schedule-status-upcoming"
        };
        Row {
            number: r.number,
            due_date: tr.date(r.due_date),
            amount: usd(r.amount),
            to_pay: usd(r.to_pay()),
            fees: usd(r.fees),
            interest: usd(r.interest),
            principal: usd(r.principal),
            balance: usd(r.balance),
            status: tr.t(status),
            paid: r.is_paid(),
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
    let tr = who.visitor.lang.tr();
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
            section.error = Some(amount_refusal(tr, &e));
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
            section.answer = Some(what_if_words(tr, &w));
            false
        }
        Err(e) => {
            section.error = Some(what_if_refusal(tr, e));
            matches!(e, WhatIfError::NotPositive | WhatIfError::OverPayoff { .. })
        }
    };
    Ok((section, refused))
}

/// Why the extra amount as typed cannot be read, in the words shown beside it. The amount
/// parser refuses with these four; any other refusal is not about an amount as typed, and
/// keeps its own words.
fn amount_refusal(tr: i18n::Tr, e: &PaymentError) -> String {
    match e {
        PaymentError::AmountUnreadable { shown, .. } => {
            tr.t1("loan-what-if-unreadable", "shown", format!("{shown:?}"))
        }
        PaymentError::AmountTooManyCents { shown, .. } => {
            tr.t1("loan-what-if-too-many-cents", "shown", format!("{shown:?}"))
        }
        PaymentError::AmountNotPositive { .. } => tr.t("loan-what-if-not-positive"),
        PaymentError::AmountOverCeiling { ceiling, .. } => {
            tr.t1("loan-what-if-over-ceiling", "most", usd(*ceiling))
        }
        other => other.to_string(),
    }
}

/// The answer in words: "Paying $50.00 more with every payment, your loan is paid off on
/// March 5, 2029 instead of October 5, 2030, and you pay $1,234.56 less interest."
fn what_if_words(tr: i18n::Tr, w: &WhatIf) -> String {
    let how = match w.extra.often {
        // Installments may be other than monthly: "with every payment" is true of them all.
        Often::Monthly => tr.t("loan-what-if-how-monthly"),
        Often::Once => tr.t1(
            "loan-what-if-how-once",
            "date",
            tr.date(w.first_payment_date()),
        ),
    };
    let paying = tr.t2(
        "loan-what-if-paying",
        "amount",
        usd(w.extra.amount),
        "how",
        how,
    );
    let saved = usd(w.interest_saved());
    if w.sooner() {
        tr.args(
            "loan-what-if-sooner",
            &[
                ("paying", &paying),
                ("date", &tr.date(w.plan.payoff_date)),
                ("instead", &tr.date(w.baseline.payoff_date)),
                ("saved", &saved),
            ],
        )
    } else {
        // Not enough to save a payment: the last one is smaller instead.
        tr.args(
            "loan-what-if-smaller-last",
            &[
                ("paying", &paying),
                ("date", &tr.date(w.plan.payoff_date)),
                ("last", &usd(w.plan.last_payment)),
                ("instead", &usd(w.baseline.last_payment)),
                ("saved", &saved),
            ],
        )
    }
}

/// Why there is no answer, in the words shown beside the amount.
fn what_if_refusal(tr: i18n::Tr, e: WhatIfError) -> String {
    match e {
        WhatIfError::NotPositive => tr.t("loan-what-if-not-positive"),
        WhatIfError::OverPayoff { most, on } if most.is_positive() => tr.t2(
            "loan-what-if-over-payoff",
            "most",
            usd(most),
            "date",
            tr.date(on),
        ),
        WhatIfError::OverPayoff { on, .. } => {
            tr.t1("loan-what-if-nothing-more", "date", tr.date(on))
        }
        WhatIfError::NotActive => tr.t("loan-what-if-not-active"),
        WhatIfError::Matured => tr.t("loan-what-if-matured"),
    }
}

/// How interest counts days, as the terms name it.
fn day_count_words(tr: i18n::Tr, d: DayCount) -> String {
    tr.t(match d {
        DayCount::Actual365Fixed => "loan-day-count-actual-365",
        DayCount::ActualActual => "loan-day-count-actual-actual",
        DayCount::Thirty360 => "loan-day-count-30-360",
    })
}

/// The order payments are applied in: "fees first, then interest, then principal".
fn waterfall_words(tr: i18n::Tr, w: &Waterfall) -> String {
    let name = |b: Bucket| {
        tr.t(match b {
            Bucket::Fees => "loan-bucket-fees",
            Bucket::Interest => "loan-bucket-interest",
            Bucket::Principal => "loan-bucket-principal",
        })
    };
    let [first, second, third] = *w.order();
    tr.t3(
        "loan-waterfall",
        "first",
        name(first),
        "second",
        name(second),
        "third",
        name(third),
    )
}

/// "1 day", "10 days".
fn rule_days(tr: i18n::Tr, n: u16) -> String {
    tr.count("loan-days", i64::from(n), &[])
}

/// "Your loan's rules": the loan's product in plain words, a sentence or two each; AutoPay's
/// frequencies only where more than monthly is allowed (the words of
/// `domain::product::Product::plain_words`, in the reader's language).
fn rules_words(tr: i18n::Tr, p: &Product) -> Vec<String> {
    let mut words = vec![
        tr.t1(
            "loan-rule-waterfall",
            "order",
            waterfall_words(tr, &p.waterfall),
        ),
        tr.t(match p.extra_default {
            ExtraTo::Principal => "loan-rule-extra-principal",
            ExtraTo::NextInstallment => "loan-rule-extra-next",
        }),
        late_fee_words(tr, &p.late_fee),
        match p.nsf_fee.fee {
            Some(fee) if fee.is_positive() => tr.t1("loan-rule-nsf", "fee", usd(fee)),
            _ => tr.t("loan-rule-no-nsf"),
        },
        tr.t(match p.day_count {
            DayCount::Actual365Fixed => "loan-rule-interest-365",
            DayCount::ActualActual => "loan-rule-interest-actual",
            DayCount::Thirty360 => "loan-rule-interest-360",
        }),
        due_date_rule_words(tr, &p.due_date),
        tr.t(match p.refund {
            RefundMethod::Ach => "loan-rule-refund-ach",
            RefundMethod::OriginalMethod => "loan-rule-refund-original",
            RefundMethod::Check => "loan-rule-refund-check",
        }),
    ];
    if p.autopay_frequencies.allows_split() {
        let offered: Vec<String> = p
            .autopay_frequencies
            .list()
            .into_iter()
            .map(|f| {
                tr.t(match f {
                    Frequency::Monthly => "loan-frequency-monthly",
                    Frequency::TwiceMonthly => "loan-frequency-twice-monthly",
                    Frequency::Biweekly => "loan-frequency-biweekly",
                })
            })
            .collect();
        let offered = match offered.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => tr.t2("loan-list-or", "rest", rest.join(", "), "last", last),
            None => String::new(),
        };
        words.push(tr.t1("loan-rule-autopay-split", "often", offered));
    }
    words
}

fn late_fee_words(tr: i18n::Tr, rule: &LateFeeRule) -> String {
    let capped_at_zero = rule.cap.is_some_and(|c| !c.is_positive());
    let amount = match (rule.fixed.is_positive(), rule.percent.is_zero()) {
        _ if capped_at_zero => return tr.t("loan-rule-no-late-fee"),
        (false, true) => return tr.t("loan-rule-no-late-fee"),
        (true, true) => usd(rule.fixed),
        (false, false) => tr.t1("loan-rule-late-fee-percent", "percent", rule.percent),
        (true, false) => tr.t2(
            "loan-rule-late-fee-fixed-percent",
            "fixed",
            usd(rule.fixed),
            "percent",
            rule.percent,
        ),
    };
    let fee = match rule.cap {
        Some(c) => tr.t2("loan-rule-late-fee-capped", "fee", amount, "cap", usd(c)),
        None => amount,
    };
    let late = tr.t2(
        "loan-rule-late-fee",
        "grace",
        rule_days(tr, rule.grace_period_days),
        "fee",
        fee,
    );
    if rule.min_shortfall.is_positive() {
        format!(
            "{late} {}",
            tr.t1("loan-rule-late-fee-least", "least", usd(rule.min_shortfall))
        )
    } else {
        late
    }
}

fn due_date_rule_words(tr: i18n::Tr, rule: &DueDateRule) -> String {
    if !rule.allowed {
        return tr.t("loan-rule-due-date-fixed");
    }
    let how_often = match rule.once_in_months {
        0 => tr.t("loan-rule-due-date-any-time"),
        1 => tr.t("loan-rule-due-date-monthly"),
        12 => tr.t("loan-rule-due-date-yearly"),
        n => tr.t1("loan-rule-due-date-every", "months", n),
    };
    let how_far = tr.t2(
        "loan-rule-due-date-how-far",
        "window",
        rule_days(tr, rule.window_days),
        "notice",
        rule_days(tr, rule.min_notice_days),
    );
    if rule.borrower_may {
        tr.t2(
            "loan-rule-due-date-yourself",
            "often",
            how_often,
            "far",
            how_far,
        )
    } else {
        tr.t2(
            "loan-rule-due-date-call",
            "often",
            how_often,
            "far",
            how_far,
        )
    }
}

impl LoanPage {
    /// The page of loan `d` (`bad_date`: the payoff date asked for could not be read), in
    /// the language of `chrome`.
    pub(crate) fn of(chrome: Chrome, d: LoanDetails, bad_date: bool) -> Self {
        let tr = chrome.tr;
        let t = &d.record.terms;
        let payoff = payoff_words_in(tr, &d, bad_date);
        let errors = if bad_date {
            Errors::one("payoff_date", date_unreadable(tr))
        } else {
            Errors::default()
        };
        let payoff_on = d.payoff.as_ref().map_or(d.business_date, |q| q.payoff_date);
        let today = d.business_date;
        LoanPage {
            card: LoanCard::in_lang(tr, &d.view, &d.payments, d.autopay.as_ref(), &d.headline),
            chrome,
            principal: usd(d.state.principal),
            interest: usd(d.state.interest),
            fees: usd(d.state.fees),
            amount_financed: usd(d.record.amount_financed),
            rate: format!("{}%", t.rate),
            day_count: day_count_words(tr, t.day_count),
            term: t.installments.len(),
            // The last due date as the replay has it: a due-date change moves it.
            maturity: d
                .state
                .installments
                .last()
                .map(|i| tr.date(i.due_date))
                .unwrap_or_default(),
            tila: d.tila.map(|b| {
                (
                    format!("{}%", b.apr.percent()),
                    usd(b.finance_charge),
                    usd(b.amount_financed),
                    usd(b.total_of_payments),
                )
            }),
            boarded_on: d.record.boarded_on.map(|on| tr.date(on)),
            rules: rules_words(tr, &d.record.product()),
            applied_order: waterfall_words(tr, &t.waterfall),
            payoff_date_iso: payoff_on.to_string(),
            payoff,
            errors,
            activity: d.activity.iter().map(|a| ActivityRow::of(tr, a)).collect(),
            has_returned: d
                .activity
                .iter()
                .any(|a| matches!(a, Activity::Returned { .. })),
            interest_years: app::history::years_paid(&d.activity)
                .iter()
                .rev()
                .map(|t| {
                    let id = if t.year == today.year() {
                        "loan-interest-paid-so-far"
                    } else {
                        "loan-interest-paid"
                    };
                    (t.year, tr.t1(id, "year", t.year), usd(t.interest))
                })
                .collect(),
            upcoming: d
                .schedule
                .iter()
                .filter(|r| !r.is_paid())
                .take(3)
                .map(|r| Row::of(tr, r, today))
                .collect(),
            final_payment: final_payment(tr, &d.schedule),
            prior_payments: d
                .prior_payments
                .iter()
                .map(|(date, m)| (tr.date(*date), usd(*m)))
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
                        tr.date(s.statement_date),
                        usd(s.amount_due),
                        tr.date(s.due_date),
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
fn final_payment(tr: i18n::Tr, schedule: &[ScheduleRow]) -> Option<(String, String)> {
    larger_final_payment(schedule).map(|r| (tr.date(r.due_date), usd(r.to_pay())))
}

impl SchedulePage {
    /// The schedule of loan `d`.
    pub(crate) fn of(chrome: Chrome, d: &LoanDetails) -> Self {
        let tr = chrome.tr;
        SchedulePage {
            chrome,
            card: LoanCard::in_lang(tr, &d.view, &d.payments, d.autopay.as_ref(), &d.headline),
            rows: d
                .schedule
                .iter()
                .map(|r| Row::of(tr, r, d.business_date))
                .collect(),
            remaining: d.schedule.iter().filter(|r| !r.is_paid()).count(),
            has_fees: d.schedule.iter().any(|r| r.fees.is_positive()),
            final_payment: final_payment(tr, &d.schedule),
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
            alarm_words(i18n::Lang::En.tr(), &p),
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
            alarm_words(i18n::Lang::En.tr(), &p),
            "$332.18 is past due: $166.09 due November 6, 2026 (30 days late) and $166.09 due December 4, 2026 (2 days late). Pay it now to bring your loan current."
        );
        let fees_only = PastDue {
            amount: Money::from_cents(2_500),
            parts: Vec::new(),
        };
        assert!(
            alarm_words(i18n::Lang::En.tr(), &fees_only).starts_with("$25.00 in fees is unpaid.")
        );
    }
}
