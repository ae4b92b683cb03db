//! Importing the bank's BAI2 prior-day report: read whole first (refused whole, naming the
//! line), recognised by its digest, one report per day and account, then recorded, booked and
//! audited in one transaction (see [`super`]).

use super::BankError;
use crate::App;
use crate::access::{Actor, Capability};
use domain::ledger::{self, JournalEntry};
use domain::reconcile::Category;
use formats::bai2::{self, Bai2File};
use jiff::civil::Date;
use money::Money;
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use store::{AuditEvent, BankReportId, BankTransaction, LoanId, NewBankReport};

/// What an import read and, unless the file was read before, recorded and booked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BankImport {
    /// The report as recorded (the earlier one when the file was read before).
    pub report: BankReportId,
    /// Its name as recorded.
    pub name: String,
    /// The same file was read before: nothing changed.
    pub already_read: bool,
    /// Groups (as-of dates and originators) in the file.
    pub groups: usize,
    /// Account reports in it.
    pub accounts: usize,
    /// Transactions in it.
    pub transactions: usize,
    /// The sum of its credits.
    pub credits: Money,
    /// The sum of its debits.
    pub debits: Money,
    /// The days it reports, oldest first.
    pub days: Vec<Date>,
    /// Ledger entries it booked from cash clearing into cash in bank (none when read before).
    pub booked: usize,
}

impl App {
    /// Imports the bank's BAI2 prior-day report `bytes` (named `name`) for an actor who may
    /// read the reports: all of it or, refused, none of it; the same file again changes
    /// nothing.
    pub async fn import_bank_report(
        &self,
        actor: &Actor,
        name: &str,
        bytes: &[u8],
    ) -> Result<BankImport, BankError> {
        actor.require(Capability::ViewReports)?;
        let file = bai2::read(bytes).map_err(|e| BankError::Refused(e.to_string()))?;
        let today = self.business_date().await?;
        let transactions = transactions_of(&file);
        let mut import = summary(&file, &transactions, name);
        if let Some(last) = import.days.last()
            && *last > today
        {
            return Err(BankError::Future {
                as_of: *last,
                today,
            });
        }
        let digest = hex::encode(Sha256::digest(bytes));
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        if let Some(before) = tx.bank_report_by_digest(&digest).await? {
            // Nothing written: the transaction is dropped.
            import.report = before.id;
            import.name = before.name;
            import.already_read = true;
            return Ok(import);
        }
        let accounts = accounts_of(&file);
        for (as_of, account) in &accounts {
            if let Some(earlier) = tx.bank_day_reported_by(*as_of, account).await? {
                return Err(BankError::DayAlreadyReported {
                    as_of: *as_of,
                    account: account.clone(),
                    name: earlier,
                });
            }
        }
        let entries = entries_of(&transactions);
        let first_group = file.groups.first();
        let report = NewBankReport {
            digest: digest.clone(),
            name: name.to_owned(),
            as_of: first_group.map_or(file.created_on, |g| g.as_of),
            account_number: first_group
                .and_then(|g| g.accounts.first())
                .map(|a| a.number.clone())
                .unwrap_or_default(),
            sender: file.sender.clone(),
            created_on: file.created_on,
            accounts,
            transactions,
            actor: actor.audit_name(),
        };
        import.report = tx.insert_bank_report(&report, now).await?;
        tx.post_entries(&entries, now).await?;
        import.booked = entries.len();
        tx.audit(&audit_event(actor, &digest, &import), now).await?;
        tx.commit().await?;
        Ok(import)
    }
}

/// Every transaction of the file, with its group's as-of date, its account and its category.
fn transactions_of(file: &Bai2File) -> Vec<BankTransaction> {
    let mut out = Vec::new();
    for g in &file.groups {
        for a in &g.accounts {
            for t in &a.transactions {
                out.push(BankTransaction {
                    line: i64::try_from(t.line).unwrap_or(i64::MAX),
                    as_of: g.as_of,
                    account_number: a.number.clone(),
                    type_code: t.type_code,
                    category: Category::of_type_code(t.type_code),
                    amount: t.amount,
                    credit: t.is_credit(),
                    bank_reference: t.bank_reference.clone(),
                    customer_reference: t.customer_reference.clone(),
                    text: t.text.clone(),
                });
            }
        }
    }
    out
}

/// Every (as-of date, account) the file reports, each once (a bank may report an account in
/// two records of one group).
fn accounts_of(file: &Bai2File) -> Vec<(Date, String)> {
    let set: BTreeSet<(Date, String)> = file
        .groups
        .iter()
        .flat_map(|g| g.accounts.iter().map(|a| (g.as_of, a.number.clone())))
        .collect();
    set.into_iter().collect()
}

/// The sum of `amounts`, held at the largest amount rather than overflowing (the reader's
/// control totals keep a real file far below it).
fn sum(amounts: impl Iterator<Item = Money>) -> Money {
    amounts.fold(Money::ZERO, |total, m| {
        total.checked_add(m).unwrap_or(Money::from_cents(i64::MAX))
    })
}

/// What the file holds, as an import not yet recorded.
fn summary(file: &Bai2File, transactions: &[BankTransaction], name: &str) -> BankImport {
    let days: BTreeSet<Date> = file.groups.iter().map(|g| g.as_of).collect();
    BankImport {
        report: BankReportId(0),
        name: name.to_owned(),
        already_read: false,
        groups: file.groups.len(),
        accounts: file.groups.iter().map(|g| g.accounts.len()).sum(),
        transactions: transactions.len(),
        credits: sum(transactions.iter().filter(|t| t.credit).map(|t| t.amount)),
        debits: sum(transactions.iter().filter(|t| !t.credit).map(|t| t.amount)),
        days: days.into_iter().collect(),
        booked: 0,
    }
}

/// The entries the kinds Servicer books post, one per transaction, on its as-of date: money
/// into the account moves from cash clearing into cash in bank, money out (a return of our
/// debits, the settlement of our refund credits) back.
/// Other transactions are not booked: what they pay for is not Servicer's to guess.
fn entries_of(transactions: &[BankTransaction]) -> Vec<(Option<LoanId>, JournalEntry)> {
    transactions
        .iter()
        .filter(|t| t.category.is_booked() && t.amount.is_positive())
        .filter_map(|t| {
            if t.credit {
                ledger::bank_credit(t.as_of, t.amount)
            } else {
                ledger::bank_debit(t.as_of, t.amount)
            }
        })
        .map(|entry| (None, entry))
        .collect()
}

/// The audit record of an import.
fn audit_event(actor: &Actor, digest: &str, import: &BankImport) -> AuditEvent {
    AuditEvent {
        actor: actor.audit_name(),
        action: "bank.report_imported".into(),
        subject: format!("bank-report:{}", import.report.0),
        detail: serde_json::json!({
            "name": import.name,
            "digest": digest,
            "days": import.days.iter().map(ToString::to_string).collect::<Vec<_>>(),
            "transactions": import.transactions,
            "credits_cents": import.credits.cents(),
            "debits_cents": import.debits.cents(),
            "entries": import.booked,
        })
        .to_string(),
    }
}
