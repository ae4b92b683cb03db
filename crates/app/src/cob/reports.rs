//! Operator reports: delinquency aging, interest accrued by day, the trial balance, and the
//! mailing addresses to review (free text from before addresses were structured that could
//! not be read into its parts, `crate::addresses`). Each
//! is a [`Report`] (a title, columns and rows of text) that the CLI writes as CSV and the
//! console draws as a table.

use crate::App;
use domain::address::AddressOnFile;
use domain::delinquency::AgingBucket;
use domain::ledger::Account;
use jiff::civil::Date;
use money::Money;
use store::{AgingRow, StoreError};

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
    ("addresses-to-review", "Mailing addresses to review"),
];

/// The most borrowers the list of addresses to review shows (the conversion reads nearly every
/// address; a list longer than this is a problem with the conversion, not work for staff).
pub const ADDRESSES_SHOWN: i64 = 5000;

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// No such report.
    #[error(
        "{0:?} is not a report; use one of aging, accruals, trial-balance, addresses-to-review"
    )]
    Unknown(String),
    /// The aging was asked for a date whose close did not record it.
    #[error("{0}")]
    NoAging(String),
    /// The actor may not read reports.
    #[error(transparent)]
    Denied(#[from] crate::access::Denied),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl App {
    /// A report by name, as of `date` (default: the business date), for an actor who may
    /// read the operators' reports.
    pub async fn report(
        &self,
        actor: &crate::access::Actor,
        name: &str,
        date: Option<Date>,
    ) -> Result<Report, ReportError> {
        actor.require(crate::access::Capability::ViewReports)?;
        let today = self.business_date().await?;
        let date = date.unwrap_or(today);
        Ok(match name {
            "aging" => self.aging_report(date, today).await?,
            "accruals" => self.accruals_report(date).await?,
            "trial-balance" => self.trial_balance_report(date).await?,
            "addresses-to-review" => self.addresses_report().await?,
            _ => return Err(ReportError::Unknown(name.to_owned())),
        })
    }

    /// Active loans by aging bucket: count, principal, balance and past-due amount, with a
    /// total row. For the business date (not yet closed) it is the aging now, from the
    /// snapshots; for a date already closed, the aging its close of business recorded.
    async fn aging_report(&self, date: Date, today: Date) -> Result<Report, ReportError> {
        let (rows, title) = if date == today {
            (
                self.store().aging().await?,
                format!("Delinquency aging now, business date {date} (not yet closed)"),
            )
        } else if let Some(rows) = self.store().cob_aging(date).await? {
            (rows, format!("Delinquency aging at the close of {date}"))
        } else {
            return Err(ReportError::NoAging(self.why_no_aging(date, today).await?));
        };
        Ok(aging_table(&rows, title))
    }

    /// Why `date` has no aging, in words an operator can act on.
    async fn why_no_aging(&self, date: Date, today: Date) -> Result<String, StoreError> {
        if date > today {
            return Ok(format!(
                "{date} is after the business date {today}: it has not been closed, so it has no aging yet"
            ));
        }
        let last = self.store().last_cob_aging_date().await?;
        let why = if !domain::calendar::is_business_day(date) {
            "it was not a business day (a weekend or a Federal Reserve holiday)"
        } else {
            "no close of business recorded an aging for it"
        };
        Ok(match last {
            Some(last) => format!(
                "{date} has no aging: {why}. Choose a business date that was closed, for example {last}, or {today} for the aging now"
            ),
            None => format!(
                "{date} has no aging: {why}, and no closed date has one yet. Choose {today} for the aging now"
            ),
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

impl App {
    /// The borrowers whose mailing address needs review, now (the date is not used): each
    /// with the address as typed and the ZIP code on file, for staff to correct or to ask the
    /// borrower about (their account is `/console/borrowers/{borrower}`).
    async fn addresses_report(&self) -> Result<Report, StoreError> {
        let listed = self.store().addresses_to_review(ADDRESSES_SHOWN).await?;
        let count = listed.len();
        let title = if i64::try_from(count).is_ok_and(|n| n >= ADDRESSES_SHOWN) {
            format!("Mailing addresses to review now: the first {count}")
        } else {
            format!("Mailing addresses to review now: {count}")
        };
        Ok(Report {
            title,
            columns: vec!["borrower", "name", "address_as_typed", "zip"],
            rows: listed
                .into_iter()
                .map(|a| {
                    let typed = match &a.address {
                        AddressOnFile::NeedsReview { as_typed, .. } => {
                            as_typed.clone().unwrap_or_default()
                        }
                        AddressOnFile::Structured(parts) => parts.one_line(),
                    };
                    vec![
                        a.borrower.0.to_string(),
                        a.full_name,
                        typed,
                        a.address.zip().to_owned(),
                    ]
                })
                .collect(),
        })
    }
}

/// The aging rows (by days past due) grouped into buckets, with a total row.
fn aging_table(rows: &[AgingRow], title: String) -> Report {
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
    Report {
        title,
        columns: vec!["days_past_due", "loans", "principal", "balance", "past_due"],
        rows: out,
    }
}

#[cfg(test)]
mod tests {
    use super::{REPORTS, ReportError};

    #[test]
    fn an_unknown_report_lists_every_report_there_is() {
        let message = ReportError::Unknown("payroll".into()).to_string();
        assert!(message.starts_with("\"payroll\" is not a report"));
        for (name, _) in REPORTS {
            assert!(message.contains(name), "{name} in {message}");
        }
    }
}
