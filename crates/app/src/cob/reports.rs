//! Operator reports: delinquency aging, interest accrued by day, and the trial balance. Each
//! is a [`Report`] (a title, columns and rows of text) that the CLI writes as CSV and the
//! console draws as a table.

use crate::App;
use domain::delinquency::AgingBucket;
use domain::ledger::Account;
use jiff::civil::Date;
use money::Money;
use store::StoreError;

/// A report: what the CLI prints as CSV and the console shows as a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// Its title.
    pub title: String,
    /// Column headings.
    pub columns: Vec<&'static str>,
    /// Rows, each as many cells as there are columns.
    pub rows: Vec<Vec<String>>,
}

impl Report {
    /// As CSV (RFC 4180: cells with a comma or quote are quoted).
    pub fn to_csv(&self) -> String {
        let cell = |c: &str| {
            if c.contains([',', '"', '\n']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.to_owned()
            }
        };
        let mut out = self.columns.join(",");
        out.push('\n');
        for row in &self.rows {
            out.push_str(&row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
            out.push('\n');
        }
        out
    }
}

/// The reports there are: (name in the CLI and the console's address, title).
pub const REPORTS: &[(&str, &str)] = &[
    ("aging", "Delinquency aging"),
    ("accruals", "Interest accrued by day"),
    ("trial-balance", "Trial balance"),
];

impl App {
    /// A report by name, as of `date` (default: the business date). `None` for an unknown
    /// name.
    pub async fn report(
        &self,
        name: &str,
        date: Option<Date>,
    ) -> Result<Option<Report>, StoreError> {
        let date = match date {
            Some(d) => d,
            None => self.business_date().await?,
        };
        Ok(Some(match name {
            "aging" => self.aging_report(date).await?,
            "accruals" => self.accruals_report(date).await?,
            "trial-balance" => self.trial_balance_report(date).await?,
            _ => return Ok(None),
        }))
    }

    /// Active loans by aging bucket: count, principal, balance and past-due amount, with a
    /// total row (from the snapshots close of business keeps).
    async fn aging_report(&self, date: Date) -> Result<Report, StoreError> {
        let rows = self.store().aging().await?;
        let mut buckets: Vec<(AgingBucket, i64, Money, Money, Money)> = AgingBucket::ALL
            .iter()
            .map(|b| (*b, 0, Money::ZERO, Money::ZERO, Money::ZERO))
            .collect();
        for r in rows {
            let bucket = AgingBucket::for_days(r.days_past_due);
            if let Some(b) = buckets.iter_mut().find(|b| b.0 == bucket) {
                b.1 += r.loans;
                b.2 += r.principal;
                b.3 += r.balance;
                b.4 += r.past_due;
            }
        }
        let total = buckets
            .iter()
            .fold((0, Money::ZERO, Money::ZERO, Money::ZERO), |t, b| {
                (t.0 + b.1, t.1 + b.2, t.2 + b.3, t.3 + b.4)
            });
        let mut out: Vec<Vec<String>> = buckets
            .iter()
            .map(|b| {
                vec![
                    b.0.to_string(),
                    b.1.to_string(),
                    b.2.to_string(),
                    b.3.to_string(),
                    b.4.to_string(),
                ]
            })
            .collect();
        out.push(vec![
            "total".into(),
            total.0.to_string(),
            total.1.to_string(),
            total.2.to_string(),
            total.3.to_string(),
        ]);
        Ok(Report {
            title: format!("Delinquency aging, business date {date}"),
            columns: vec!["days_past_due", "loans", "principal", "balance", "past_due"],
            rows: out,
        })
    }

    /// Interest accrued each day of the 31 days to `date`, and accruals of those days later
    /// reversed by a backdated change.
    async fn accruals_report(&self, date: Date) -> Result<Report, StoreError> {
        let from = date.saturating_sub(jiff::Span::new().days(30));
        let rows = self.store().accruals_by_day(from, date).await?;
        Ok(Report {
            title: format!("Interest accrued by day, {from} to {date}"),
            columns: vec!["date", "loans", "accrued", "reversed", "net"],
            rows: rows
                .iter()
                .map(|d| {
                    vec![
                        d.date.to_string(),
                        d.loans.to_string(),
                        d.accrued.to_string(),
                        d.reversed.to_string(),
                        (d.accrued - d.reversed).to_string(),
                    ]
                })
                .collect(),
        })
    }

    /// Debits, credits and the net of every account, entries effective through `date`; the
    /// last row says whether it balances.
    async fn trial_balance_report(&self, date: Date) -> Result<Report, StoreError> {
        let tb = self.store().trial_balance_through(None, Some(date)).await?;
        let mut rows: Vec<Vec<String>> = Account::ALL
            .iter()
            .map(|a| {
                let (debits, credits) = tb.totals(*a);
                vec![
                    a.code().to_owned(),
                    debits.to_string(),
                    credits.to_string(),
                    (debits - credits).to_string(),
                ]
            })
            .collect();
        let (debits, credits) = tb.grand_totals();
        rows.push(vec![
            if tb.is_balanced() {
                "total (balanced)"
            } else {
                "total (NOT BALANCED)"
            }
            .into(),
            debits.to_string(),
            credits.to_string(),
            (debits - credits).to_string(),
        ]);
        Ok(Report {
            title: format!("Trial balance through {date}"),
            columns: vec!["account", "debits", "credits", "net_debit"],
            rows,
        })
    }
}
