//! The bank's BAI2 prior-day reports (by content digest, one per day and account), their
//! transactions with the category Servicer sorts each into, staff's explanations of a day's
//! differences, and the reads of what Servicer posted that a day is reconciled against: the
//! lockbox and bill-pay items by deposit date (`remittance_items`, read only here), the ACH
//! debit files by the date they were made, our ACH debits returned by the day they were
//! returned, and our ACH refund credits by the date of the file that carried them and by the
//! day they came back.

use crate::codec::{date_text, parse_date, parse_vocabulary};
use crate::tx::on_tx;
use crate::{Store, StoreError, Tx, on_pool};
use domain::reconcile::Category;
use jiff::civil::Date;
use money::Money;
use sqlx::{QueryBuilder, Row};

/// Transactions per multi-row INSERT (12 values each: well under both engines' limits).
const ROWS: usize = 500;

/// A report's id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BankReportId(pub i64);

/// A report to record, with its transactions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewBankReport {
    /// SHA-256 of the file's bytes, hex.
    pub digest: String,
    /// The file's name.
    pub name: String,
    /// The first group's as-of date.
    pub as_of: Date,
    /// The first account's number, as the bank wrote it (our own account).
    pub account_number: String,
    /// Who sent it (the file header's sender).
    pub sender: String,
    /// When the bank made it.
    pub created_on: Date,
    /// Every (as-of date, account) the file reports, each once.
    pub accounts: Vec<(Date, String)>,
    /// Its transactions.
    pub transactions: Vec<BankTransaction>,
    /// Who imported it, as the audit log names them.
    pub actor: String,
}

/// One transaction of a report (a BAI2 record 16).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BankTransaction {
    /// The line of its record in the file.
    pub line: i64,
    /// Its group's as-of date.
    pub as_of: Date,
    /// Its account.
    pub account_number: String,
    /// The BAI type code.
    pub type_code: u16,
    /// What it is to Servicer.
    pub category: Category,
    /// The amount as reported.
    pub amount: Money,
    /// Money into the account (a credit type code) or out of it.
    pub credit: bool,
    /// The bank's reference.
    pub bank_reference: String,
    /// Our reference, as the bank kept it.
    pub customer_reference: String,
    /// The free text.
    pub text: String,
}

/// A report as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BankReport {
    /// Its id.
    pub id: BankReportId,
    /// The file's name.
    pub name: String,
    /// The first group's as-of date.
    pub as_of: Date,
    /// The first account's number.
    pub account_number: String,
    /// Transactions in it.
    pub transactions: i64,
    /// When it was imported (epoch microseconds).
    pub imported_at_us: i64,
    /// Who imported it.
    pub actor: String,
}

/// The bank's total of one day, category and direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BankTotal {
    /// The as-of date.
    pub as_of: Date,
    /// The category.
    pub category: Category,
    /// Credits (true) or debits.
    pub credit: bool,
    /// Their sum.
    pub amount: Money,
}

/// An explanation to record, or as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BankExplanation {
    /// The day.
    pub as_of: Date,
    /// The category whose difference it explains.
    pub category: Category,
    /// That difference, when it was explained.
    pub difference: Money,
    /// What staff wrote.
    pub explanation: String,
    /// Who, as the audit log names them.
    pub actor: String,
    /// When (epoch microseconds; set by the store from `now_us` on insert).
    pub at_us: i64,
}

/// Something Servicer posted that a day's bank total is reconciled against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServicerItem {
    /// The day it counts on.
    pub date: Date,
    /// Its key (an item's key, a file's name, a payment's confirmation number).
    pub reference: String,
    /// What it is, in a few words.
    pub detail: String,
    /// Its amount.
    pub amount: Money,
}

impl Tx {
    /// The report read from bytes with this digest, if one was.
    pub async fn bank_report_by_digest(
        &mut self,
        digest: &str,
    ) -> Result<Option<BankReport>, StoreError> {
        on_tx!(self, c => sqlx::query(
            "SELECT id, name, as_of, account_number, transactions, imported_at_us, actor FROM bank_reports WHERE digest = $1",
        )
        .bind(digest).fetch_optional(&mut *c).await?
        .map(|r| -> Result<BankReport, StoreError> { Ok(BankReport {
            id: BankReportId(r.try_get("id")?),
            name: r.try_get("name")?,
            as_of: parse_date("bank_reports", &r.try_get::<String, _>("as_of")?)?,
            account_number: r.try_get("account_number")?,
            transactions: r.try_get("transactions")?,
            imported_at_us: r.try_get("imported_at_us")?,
            actor: r.try_get("actor")?,
        }) })
        .transpose())
    }

    /// The name of the report that already covers `account` on `as_of`, if one does.
    pub async fn bank_day_reported_by(
        &mut self,
        as_of: Date,
        account: &str,
    ) -> Result<Option<String>, StoreError> {
        on_tx!(self, c => Ok(sqlx::query(
            "SELECT r.name FROM bank_report_accounts a JOIN bank_reports r ON r.id = a.report_id
             WHERE a.as_of = $1 AND a.account_number = $2",
        )
        .bind(date_text(as_of)).bind(account).fetch_optional(&mut *c).await?
        .map(|r| r.try_get::<String, _>("name")).transpose()?))
    }

    /// Records a report, the days and accounts it covers, and its transactions; its id.
    pub async fn insert_bank_report(
        &mut self,
        r: &NewBankReport,
        now_us: i64,
    ) -> Result<BankReportId, StoreError> {
        let count = i64::try_from(r.transactions.len()).unwrap_or(i64::MAX);
        let id: i64 = on_tx!(self, c => sqlx::query(
            "INSERT INTO bank_reports (digest, name, as_of, account_number, sender, created_on, transactions, imported_at_us, actor)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(&r.digest).bind(&r.name).bind(date_text(r.as_of)).bind(&r.account_number)
        .bind(&r.sender).bind(date_text(r.created_on)).bind(count).bind(now_us).bind(&r.actor)
        .fetch_one(&mut *c).await?.try_get::<i64, _>("id")?);
        for (as_of, account) in &r.accounts {
            on_tx!(self, c => sqlx::query(
                "INSERT INTO bank_report_accounts (as_of, account_number, report_id) VALUES ($1, $2, $3)",
            )
            .bind(date_text(*as_of)).bind(account).bind(id)
            .execute(&mut *c).await?.rows_affected());
        }
        for chunk in r.transactions.chunks(ROWS) {
            on_tx!(self, c => {
                let mut q = QueryBuilder::new(
                    "INSERT INTO bank_transactions (report_id, line, as_of, account_number, type_code, category, amount_cents, credit, bank_reference, customer_reference, text) ",
                );
                q.push_values(chunk, |mut row, t| {
                    row.push_bind(id)
                        .push_bind(t.line)
                        .push_bind(date_text(t.as_of))
                        .push_bind(t.account_number.clone())
                        .push_bind(i64::from(t.type_code))
                        .push_bind(t.category.as_str())
                        .push_bind(t.amount.cents())
                        .push_bind(i64::from(t.credit))
                        .push_bind(t.bank_reference.clone())
                        .push_bind(t.customer_reference.clone())
                        .push_bind(t.text.clone());
                });
                q.build().execute(&mut *c).await?.rows_affected()
            });
        }
        Ok(BankReportId(id))
    }

    /// Records staff's explanation of a day's difference in one category.
    pub async fn insert_bank_explanation(
        &mut self,
        e: &BankExplanation,
        now_us: i64,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query(
            "INSERT INTO bank_day_explanations (as_of, category, difference_cents, explanation, actor, at_us)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(date_text(e.as_of)).bind(e.category.as_str()).bind(e.difference.cents())
        .bind(&e.explanation).bind(&e.actor).bind(now_us)
        .execute(&mut *c).await?.rows_affected());
        Ok(())
    }
}

impl Store {
    /// The days from `from` to `to` (inclusive) a report covers, oldest first.
    pub async fn bank_reported_days(&self, from: Date, to: Date) -> Result<Vec<Date>, StoreError> {
        on_pool!(self, pool => sqlx::query(
            "SELECT DISTINCT as_of FROM bank_report_accounts WHERE as_of BETWEEN $1 AND $2 ORDER BY as_of",
        )
        .bind(date_text(from)).bind(date_text(to)).fetch_all(pool).await?
        .iter()
        .map(|r| -> Result<Date, StoreError> {
            parse_date("bank_report_accounts", &r.try_get::<String, _>("as_of")?)
        })
        .collect())
    }

    /// The reports that cover `as_of`, in the order they were imported.
    pub async fn bank_reports_on(&self, as_of: Date) -> Result<Vec<BankReport>, StoreError> {
        on_pool!(self, pool => sqlx::query(
            "SELECT DISTINCT r.id, r.name, r.as_of, r.account_number, r.transactions, r.imported_at_us, r.actor
             FROM bank_reports r JOIN bank_report_accounts a ON a.report_id = r.id
             WHERE a.as_of = $1 ORDER BY r.id",
        )
        .bind(date_text(as_of)).fetch_all(pool).await?
        .iter()
        .map(|r| -> Result<BankReport, StoreError> { Ok(BankReport {
            id: BankReportId(r.try_get("id")?),
            name: r.try_get("name")?,
            as_of: parse_date("bank_reports", &r.try_get::<String, _>("as_of")?)?,
            account_number: r.try_get("account_number")?,
            transactions: r.try_get("transactions")?,
            imported_at_us: r.try_get("imported_at_us")?,
            actor: r.try_get("actor")?,
        }) })
        .collect())
    }

    /// The bank's totals by day, category and direction, from `from` to `to` (inclusive).
    pub async fn bank_totals(&self, from: Date, to: Date) -> Result<Vec<BankTotal>, StoreError> {
        // CAST keeps PostgreSQL's SUM(bigint) (a numeric) an integer on both backends.
        on_pool!(self, pool => sqlx::query(
            "SELECT as_of, category, credit, CAST(SUM(amount_cents) AS BIGINT) AS total
             FROM bank_transactions WHERE as_of BETWEEN $1 AND $2
             GROUP BY as_of, category, credit ORDER BY as_of",
        )
        .bind(date_text(from)).bind(date_text(to)).fetch_all(pool).await?
        .iter()
        .map(|r| -> Result<BankTotal, StoreError> { Ok(BankTotal {
            as_of: parse_date("bank_transactions", &r.try_get::<String, _>("as_of")?)?,
            category: parse_vocabulary("bank_transactions", "category", &r.try_get::<String, _>("category")?, Category::parse)?,
            credit: r.try_get::<i64, _>("credit")? != 0,
            amount: Money::from_cents(r.try_get("total")?),
        }) })
        .collect())
    }

    /// The bank's transactions of `as_of`, in report and line order.
    pub async fn bank_transactions_on(
        &self,
        as_of: Date,
    ) -> Result<Vec<BankTransaction>, StoreError> {
        on_pool!(self, pool => sqlx::query(
            "SELECT line, as_of, account_number, type_code, category, amount_cents, credit, bank_reference, customer_reference, text
             FROM bank_transactions WHERE as_of = $1 ORDER BY report_id, line",
        )
        .bind(date_text(as_of)).fetch_all(pool).await?
        .iter()
        .map(|r| -> Result<BankTransaction, StoreError> { Ok(BankTransaction {
            line: r.try_get("line")?,
            as_of: parse_date("bank_transactions", &r.try_get::<String, _>("as_of")?)?,
            account_number: r.try_get("account_number")?,
            type_code: crate::codec::narrow("bank_transactions", r.try_get::<i64, _>("type_code")?)?,
            category: parse_vocabulary("bank_transactions", "category", &r.try_get::<String, _>("category")?, Category::parse)?,
            amount: Money::from_cents(r.try_get("amount_cents")?),
            credit: r.try_get::<i64, _>("credit")? != 0,
            bank_reference: r.try_get("bank_reference")?,
            customer_reference: r.try_get("customer_reference")?,
            text: r.try_get("text")?,
        }) })
        .collect())
    }

    /// Staff's explanations of the days from `from` to `to` (inclusive), oldest first.
    pub async fn bank_explanations(
        &self,
        from: Date,
        to: Date,
    ) -> Result<Vec<BankExplanation>, StoreError> {
        on_pool!(self, pool => sqlx::query(
            "SELECT as_of, category, difference_cents, explanation, actor, at_us
             FROM bank_day_explanations WHERE as_of BETWEEN $1 AND $2 ORDER BY as_of, id",
        )
        .bind(date_text(from)).bind(date_text(to)).fetch_all(pool).await?
        .iter()
        .map(|r| -> Result<BankExplanation, StoreError> { Ok(BankExplanation {
            as_of: parse_date("bank_day_explanations", &r.try_get::<String, _>("as_of")?)?,
            category: parse_vocabulary("bank_day_explanations", "category", &r.try_get::<String, _>("category")?, Category::parse)?,
            difference: Money::from_cents(r.try_get("difference_cents")?),
            explanation: r.try_get("explanation")?,
            actor: r.try_get("actor")?,
            at_us: r.try_get("at_us")?,
        }) })
        .collect())
    }

    /// The lockbox (`source` "lockbox") or bill-pay ACH (`source` "ach") items deposited on
    /// each day from `from` to `to`: the sum per day, whatever became of each item (the bank
    /// deposited them all). Only items that came in a file: one held from a payment staff
    /// reversed (no file) is money the bank deposited once already.
    pub async fn remittance_totals(
        &self,
        source: &str,
        from: Date,
        to: Date,
    ) -> Result<Vec<(Date, Money)>, StoreError> {
        on_pool!(self, pool => sqlx::query(
            "SELECT deposit_date, CAST(SUM(amount_cents) AS BIGINT) AS total FROM remittance_items
             WHERE source = $1 AND deposit_date BETWEEN $2 AND $3 AND file_id IS NOT NULL
             GROUP BY deposit_date",
        )
        .bind(source).bind(date_text(from)).bind(date_text(to)).fetch_all(pool).await?
        .iter()
        .map(|r| -> Result<(Date, Money), StoreError> {
            Ok((
                parse_date("remittance_items", &r.try_get::<String, _>("deposit_date")?)?,
                Money::from_cents(r.try_get("total")?),
            ))
        })
        .collect())
    }

    /// The `source` items deposited on `date`, in the order they were read (only items that
    /// came in a file, as [`Store::remittance_totals`]).
    pub async fn remittance_items_on(
        &self,
        source: &str,
        date: Date,
    ) -> Result<Vec<ServicerItem>, StoreError> {
        on_pool!(self, pool => sqlx::query(
            "SELECT item_key, payer, state, amount_cents FROM remittance_items
             WHERE source = $1 AND deposit_date = $2 AND file_id IS NOT NULL ORDER BY id",
        )
        .bind(source).bind(date_text(date)).fetch_all(pool).await?
        .iter()
        .map(|r| -> Result<ServicerItem, StoreError> { Ok(ServicerItem {
            date,
            reference: r.try_get("item_key")?,
            detail: format!(
                "{} ({})",
                r.try_get::<Option<String>, _>("payer")?.unwrap_or_default(),
                r.try_get::<String, _>("state")?
            ),
            amount: Money::from_cents(r.try_get("amount_cents")?),
        }) })
        .collect())
    }

    /// The ACH debit files made on the days from `from` to `to` (inclusive): each one's date
    /// as the item's date, its name and entries, and its total.
    pub async fn ach_files_between(
        &self,
        from: Date,
        to: Date,
    ) -> Result<Vec<ServicerItem>, StoreError> {
        on_pool!(self, pool => sqlx::query(
            "SELECT file_date, file_name, entry_count, debit_cents FROM ach_files
             WHERE file_date BETWEEN $1 AND $2 ORDER BY file_date",
        )
        .bind(date_text(from)).bind(date_text(to)).fetch_all(pool).await?
        .iter()
        .map(|r| -> Result<ServicerItem, StoreError> { Ok(ServicerItem {
            date: parse_date("ach_files", &r.try_get::<String, _>("file_date")?)?,
            reference: r.try_get("file_name")?,
            detail: format!("{} debits", r.try_get::<i64, _>("entry_count")?),
            amount: Money::from_cents(r.try_get("debit_cents")?),
        }) })
        .collect())
    }

    /// Our ACH refund credits in the files made on the days from `from` to `to` (inclusive):
    /// each one's file date as the item's date, its reference, trace number and amount. Every
    /// one that went out, whatever became of it since: one sent back still settled first (its
    /// return is a credit of its own, [`Store::refund_returns_between`]).
    pub async fn refund_credits_between(
        &self,
        from: Date,
        to: Date,
    ) -> Result<Vec<ServicerItem>, StoreError> {
        on_pool!(self, pool => sqlx::query(
            "SELECT file_date, reference, trace_number, amount_cents FROM refunds
             WHERE method = 'ach' AND file_date BETWEEN $1 AND $2
             ORDER BY file_date, id",
        )
        .bind(date_text(from)).bind(date_text(to)).fetch_all(pool).await?
        .iter()
        .map(|r| -> Result<ServicerItem, StoreError> { Ok(ServicerItem {
            date: parse_date("refunds", &r.try_get::<String, _>("file_date")?)?,
            reference: r.try_get("reference")?,
            detail: format!(
                "refund credit, trace {}",
                r.try_get::<Option<String>, _>("trace_number")?.unwrap_or_default()
            ),
            amount: Money::from_cents(r.try_get("amount_cents")?),
        }) })
        .collect())
    }

    /// Our ACH refund credits that borrowers' banks sent back, read on the days from `from`
    /// to `to` (inclusive): each one's reference, return code and amount, on the day it came
    /// back (a refund that came back before that day was kept has none, and is not here).
    pub async fn refund_returns_between(
        &self,
        from: Date,
        to: Date,
    ) -> Result<Vec<ServicerItem>, StoreError> {
        on_pool!(self, pool => sqlx::query(
            "SELECT returned_on, reference, return_code, amount_cents FROM refunds
             WHERE method = 'ach' AND returned_on BETWEEN $1 AND $2
             ORDER BY returned_on, id",
        )
        .bind(date_text(from)).bind(date_text(to)).fetch_all(pool).await?
        .iter()
        .map(|r| -> Result<ServicerItem, StoreError> { Ok(ServicerItem {
            date: parse_date("refunds", &r.try_get::<String, _>("returned_on")?)?,
            reference: r.try_get("reference")?,
            detail: format!(
                "refund credit returned {}",
                r.try_get::<Option<String>, _>("return_code")?.unwrap_or_default()
            ),
            amount: Money::from_cents(r.try_get("amount_cents")?),
        }) })
        .collect())
    }

    /// Our ACH debits returned on the days from `from` to `to` (inclusive): each one's
    /// confirmation number, return code and amount, on the day it was returned. Only the
    /// bank's returns (an R code): a payment staff reversed or moved keeps its reason's code
    /// instead (`returned_unpaid`, `moved`, …), and the bank moves no money for it.
    pub async fn ach_returns_between(
        &self,
        from: Date,
        to: Date,
    ) -> Result<Vec<ServicerItem>, StoreError> {
        on_pool!(self, pool => sqlx::query(
            "SELECT returned_on, confirmation, return_code, amount_cents FROM payments
             WHERE returned_on BETWEEN $1 AND $2 AND status = 'returned' AND rail = 'ach'
               AND substr(return_code, 1, 1) = 'R'
             ORDER BY returned_on, id",
        )
        .bind(date_text(from)).bind(date_text(to)).fetch_all(pool).await?
        .iter()
        .map(|r| -> Result<ServicerItem, StoreError> { Ok(ServicerItem {
            date: parse_date("payments", &r.try_get::<String, _>("returned_on")?)?,
            reference: r.try_get("confirmation")?,
            detail: format!(
                "returned {}",
                r.try_get::<Option<String>, _>("return_code")?.unwrap_or_default()
            ),
            amount: Money::from_cents(r.try_get("amount_cents")?),
        }) })
        .collect())
    }
}
