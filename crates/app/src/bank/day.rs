//! A business day reconciled: per category the bank's total against Servicer's, the
//! difference and the items behind each, and staff's explanations; the days of a range with
//! where each stands; an explanation of a difference recorded and audited (see [`super`]).

use super::BankError;
use crate::App;
use crate::access::{Actor, Capability};
use domain::reconcile::{
    Category, DayState, Line, day_state, explanation, reconcile, settlement_lookback, settling,
    signed,
};
use jiff::civil::Date;
use money::Money;
use std::collections::{BTreeMap, BTreeSet};
use store::{AuditEvent, BankExplanation, BankReport, BankTransaction, ServicerItem, StoreError};

/// The longest range of days listed at once.
pub const MAX_DAYS: i32 = 366;

/// One category of a day, with what is behind each side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayLine {
    /// The bank's total, Servicer's and the difference.
    pub line: Line,
    /// The bank's transactions of the category.
    pub bank_items: Vec<BankTransaction>,
    /// What Servicer posted in it: lockbox or bill-pay items, ACH files, returned payments,
    /// refund credits sent or sent back.
    pub servicer_items: Vec<ServicerItem>,
    /// Staff's explanations of its difference, oldest first.
    pub explanations: Vec<BankExplanation>,
    /// The difference is explained: the latest explanation is of this very difference.
    pub explained: bool,
}

/// A day reconciled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BankDay {
    /// The day.
    pub date: Date,
    /// Where it stands.
    pub state: DayState,
    /// The bank's reports of it.
    pub reports: Vec<BankReport>,
    /// Each category.
    pub lines: Vec<DayLine>,
}

impl BankDay {
    /// Whether the bank's report came and every category agrees.
    pub fn is_reconciled(&self) -> bool {
        self.state == DayState::Reconciled
    }
}

/// A day of a range, as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BankDaySummary {
    /// The day.
    pub date: Date,
    /// Where it stands.
    pub state: DayState,
    /// Each category's totals and difference.
    pub lines: Vec<Line>,
}

impl BankDaySummary {
    /// The sum of the differences' sizes (what is left to account for, either way).
    pub fn off_by(&self) -> Money {
        self.lines.iter().fold(Money::ZERO, |total, l| {
            total
                .checked_add(l.difference.abs())
                .unwrap_or(Money::from_cents(i64::MAX))
        })
    }
}

/// Whether the latest explanation of `line`'s category is of its difference as it is now.
fn is_explained(explanations: &[BankExplanation], line: &Line) -> bool {
    explanations
        .iter()
        .rfind(|e| e.category == line.category)
        .is_some_and(|e| e.difference == line.difference)
}

/// The order the list shows days in: what needs staff first, then the newest.
fn rank(state: DayState) -> u8 {
    match state {
        DayState::Flagged => 0,
        DayState::AwaitingReport => 1,
        DayState::Explained => 2,
        DayState::Reconciled => 3,
    }
}

impl App {
    /// Day `date` reconciled, for an actor who may read the reports.
    pub async fn bank_day(&self, actor: &Actor, date: Date) -> Result<BankDay, BankError> {
        actor.require(Capability::ViewReports)?;
        let store = self.store();
        let reports = store.bank_reports_on(date).await?;
        let bank_items = store.bank_transactions_on(date).await?;
        let explanations = store.bank_explanations(date, date).await?;
        let mut servicer_items: Vec<(Category, ServicerItem)> = Vec::new();
        for item in store.remittance_items_on("lockbox", date).await? {
            servicer_items.push((Category::LockboxDeposit, item));
        }
        for item in self.files_settling(date, date).await? {
            servicer_items.push((Category::AchSettlement, item));
        }
        for item in store.ach_returns_between(date, date).await? {
            servicer_items.push((Category::AchReturn, item));
        }
        for item in store.remittance_items_on("ach", date).await? {
            servicer_items.push((Category::IncomingCredit, item));
        }
        for item in self.refunds_settling(date, date).await? {
            servicer_items.push((Category::RefundSettlement, item));
        }
        for item in store.refund_returns_between(date, date).await? {
            servicer_items.push((Category::RefundReturn, item));
        }
        let bank: Vec<(Category, Money)> = bank_items
            .iter()
            .map(|t| (t.category, signed(t.category, t.credit, t.amount)))
            .collect();
        let servicer: Vec<(Category, Money)> =
            servicer_items.iter().map(|(c, i)| (*c, i.amount)).collect();
        let lines = reconcile(&bank, &servicer);
        let state = day_state(!reports.is_empty(), &lines, |l| {
            is_explained(&explanations, l)
        });
        let lines = lines
            .into_iter()
            .map(|line| DayLine {
                line,
                bank_items: bank_items
                    .iter()
                    .filter(|t| t.category == line.category)
                    .cloned()
                    .collect(),
                servicer_items: servicer_items
                    .iter()
                    .filter(|(c, _)| *c == line.category)
                    .map(|(_, i)| i.clone())
                    .collect(),
                explanations: explanations
                    .iter()
                    .filter(|e| e.category == line.category)
                    .cloned()
                    .collect(),
                explained: !line.is_reconciled() && is_explained(&explanations, &line),
            })
            .collect();
        Ok(BankDay {
            date,
            state,
            reports,
            lines,
        })
    }

    /// The days from `from` to `to` (inclusive) that the bank reported or Servicer posted
    /// something on, each with where it stands: the flagged first, then those waiting for
    /// the bank's report, the explained and the reconciled, each newest first.
    pub async fn bank_days(
        &self,
        actor: &Actor,
        from: Date,
        to: Date,
    ) -> Result<Vec<BankDaySummary>, BankError> {
        actor.require(Capability::ViewReports)?;
        let length = from.until(to).map_or(i32::MAX, |s| s.get_days());
        if from > to || length >= MAX_DAYS {
            return Err(BankError::BadRange { from, to });
        }
        let store = self.store();
        let reported: BTreeSet<Date> = store
            .bank_reported_days(from, to)
            .await?
            .into_iter()
            .collect();
        let explanations = store.bank_explanations(from, to).await?;
        let mut bank: BTreeMap<Date, Vec<(Category, Money)>> = BTreeMap::new();
        for t in store.bank_totals(from, to).await? {
            bank.entry(t.as_of)
                .or_default()
                .push((t.category, signed(t.category, t.credit, t.amount)));
        }
        let mut servicer: BTreeMap<Date, Vec<(Category, Money)>> = BTreeMap::new();
        for (date, category, amount) in self.servicer_totals(from, to).await? {
            servicer.entry(date).or_default().push((category, amount));
        }
        let days: BTreeSet<Date> = reported
            .iter()
            .chain(bank.keys())
            .chain(servicer.keys())
            .copied()
            .collect();
        let mut out: Vec<BankDaySummary> = days
            .into_iter()
            .map(|date| {
                let lines = reconcile(
                    bank.get(&date).map_or(&[][..], Vec::as_slice),
                    servicer.get(&date).map_or(&[][..], Vec::as_slice),
                );
                let of_day: Vec<BankExplanation> = explanations
                    .iter()
                    .filter(|e| e.as_of == date)
                    .cloned()
                    .collect();
                let state = day_state(reported.contains(&date), &lines, |l| {
                    is_explained(&of_day, l)
                });
                BankDaySummary { date, state, lines }
            })
            .collect();
        out.sort_by_key(|d| (rank(d.state), std::cmp::Reverse(d.date)));
        Ok(out)
    }

    /// Records staff's explanation of the difference in `category` on `date` (audited), for
    /// an actor who may read the reports; the day as it now stands.
    pub async fn explain_bank_day(
        &self,
        actor: &Actor,
        date: Date,
        category: Category,
        text: &str,
    ) -> Result<BankDay, BankError> {
        actor.require(Capability::ViewReports)?;
        let text = explanation(text)?;
        let day = self.bank_day(actor, date).await?;
        let difference = match day.lines.iter().find(|l| l.line.category == category) {
            Some(l) if !l.line.is_reconciled() => l.line.difference,
            _ => return Err(BankError::NothingToExplain { date, category }),
        };
        let now = self.now_us();
        let who = actor.audit_name();
        let mut tx = self.store().begin().await?;
        tx.insert_bank_explanation(
            &BankExplanation {
                as_of: date,
                category,
                difference,
                explanation: text.clone(),
                actor: who.clone(),
                at_us: now,
            },
            now,
        )
        .await?;
        tx.audit(
            &AuditEvent {
                actor: who,
                action: "bank.day_explained".into(),
                subject: format!("bank-day:{date}"),
                detail: serde_json::json!({
                    "category": category.as_str(),
                    "difference_cents": difference.cents(),
                    "explanation": text,
                })
                .to_string(),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        self.bank_day(actor, date).await
    }

    /// Servicer's totals by day and category from `from` to `to` (inclusive): the lockbox
    /// and bill-pay items deposited each day (whatever became of each: the bank deposited
    /// them all), the ACH files settling, our ACH debits returned, the refund credits of the
    /// files settling, and our refund credits sent back.
    async fn servicer_totals(
        &self,
        from: Date,
        to: Date,
    ) -> Result<Vec<(Date, Category, Money)>, StoreError> {
        let store = self.store();
        let mut out = Vec::new();
        for (date, total) in store.remittance_totals("lockbox", from, to).await? {
            out.push((date, Category::LockboxDeposit, total));
        }
        for file in self.files_settling(from, to).await? {
            out.push((file.date, Category::AchSettlement, file.amount));
        }
        for payment in store.ach_returns_between(from, to).await? {
            out.push((payment.date, Category::AchReturn, payment.amount));
        }
        for (date, total) in store.remittance_totals("ach", from, to).await? {
            out.push((date, Category::IncomingCredit, total));
        }
        for refund in self.refunds_settling(from, to).await? {
            out.push((refund.date, Category::RefundSettlement, refund.amount));
        }
        for refund in store.refund_returns_between(from, to).await? {
            out.push((refund.date, Category::RefundReturn, refund.amount));
        }
        Ok(out)
    }

    /// The ACH debit files settling from `from` to `to` (inclusive), each dated the day it
    /// settles, its detail saying the day it was made.
    pub(super) async fn files_settling(
        &self,
        from: Date,
        to: Date,
    ) -> Result<Vec<ServicerItem>, StoreError> {
        let files = self
            .store()
            .ach_files_between(settlement_lookback(from), to)
            .await?;
        Ok(dated_settling(files, from, to))
    }

    /// Our ACH refund credits settling from `from` to `to` (inclusive): those of the files
    /// made before, each dated the day its file settles (its effective date, as the file's
    /// debits), its detail saying the day the file was made. The bank debits our account for
    /// them that day, apart from the debits' proceeds (see `Category::of_type_code`).
    pub(super) async fn refunds_settling(
        &self,
        from: Date,
        to: Date,
    ) -> Result<Vec<ServicerItem>, StoreError> {
        let refunds = self
            .store()
            .refund_credits_between(settlement_lookback(from), to)
            .await?;
        Ok(dated_settling(refunds, from, to))
    }
}

/// `items`, each dated the day its file was made, kept when that file settles from `from` to
/// `to` (inclusive): dated the day it settles, the detail saying the day it was made.
fn dated_settling(items: Vec<ServicerItem>, from: Date, to: Date) -> Vec<ServicerItem> {
    items
        .into_iter()
        .filter_map(|mut item| {
            let settles = settling(item.date, from, to)?;
            item.detail = format!("{}, made {}", item.detail, item.date);
            item.date = settles;
            Some(item)
        })
        .collect()
}
