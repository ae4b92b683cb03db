//! The BAI2 prior-day report a bank would send for a day, made from what Servicer posted that
//! day, so a newcomer can try the reconciliation end to end (`servicer bank sample`): the day's
//! lockbox items as one lockbox deposit (115), each ACH file settling as a preauthorized ACH
//! credit (165), each returned debit as an individual ACH return item (557), each bill-pay
//! credit as an ACH credit received (142), the refund credits settling as one ACH settlement
//! debit (466), each refund credit sent back as an individual ACH return item credit (257), and
//! the opening and closing ledger balances (010, 015) from cash in bank as Servicer booked it.

use super::BankError;
use crate::App;
use crate::access::{Actor, Capability};
use domain::ledger::Account;
use formats::bai2::{AccountReport, Bai2File, Group, Summary, Transaction};
use jiff::civil::Date;
use money::Money;

/// A field of a BAI2 record keeps letters, digits and a few marks: a comma would split it and
/// a slash end the record.
fn field(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '.' | ':') {
                c
            } else {
                ' '
            }
        })
        .collect()
}

/// One transaction detail of the sample.
fn detail(type_code: u16, amount: Money, reference: &str, text: &str) -> Transaction {
    Transaction {
        type_code,
        amount,
        funds_type: "0".into(),
        bank_reference: field(reference),
        customer_reference: String::new(),
        text: field(text),
        line: 0,
    }
}

impl App {
    /// The report a bank would send for `date` of our account `account`, made from what
    /// Servicer posted that day, for an actor who may read the reports.
    pub async fn bank_sample(
        &self,
        actor: &Actor,
        date: Date,
        account: &str,
    ) -> Result<Bai2File, BankError> {
        actor.require(Capability::ViewReports)?;
        let store = self.store();
        let mut transactions = Vec::new();
        let lockbox = store.remittance_items_on("lockbox", date).await?;
        let deposit = lockbox
            .iter()
            .try_fold(Money::ZERO, |total, i| total.checked_add(i.amount))
            .unwrap_or(Money::ZERO);
        if deposit.is_positive() {
            let reference = format!("LBX{}", date.strftime("%Y%m%d"));
            let text = format!("LOCKBOX DEPOSIT {} ITEMS", lockbox.len());
            transactions.push(detail(115, deposit, &reference, &text));
        }
        for file in self.files_settling(date, date).await? {
            if file.amount.is_positive() {
                transactions.push(detail(165, file.amount, &file.reference, "ACH SETTLEMENT"));
            }
        }
        for payment in store.ach_returns_between(date, date).await? {
            let text = format!("ACH RETURN {}", payment.detail);
            transactions.push(detail(557, payment.amount, &payment.reference, &text));
        }
        for credit in store.remittance_items_on("ach", date).await? {
            transactions.push(detail(142, credit.amount, &credit.reference, "ACH CREDIT"));
        }
        // The refunds' batch settles with an offset of its own, apart from the debits'.
        let refunds = self.refunds_settling(date, date).await?;
        let refunded = refunds
            .iter()
            .try_fold(Money::ZERO, |total, r| total.checked_add(r.amount))
            .unwrap_or(Money::ZERO);
        if refunded.is_positive() {
            let reference = format!("ACH{}", date.strftime("%Y%m%d"));
            let text = format!("ACH SETTLEMENT {} REFUND CREDITS", refunds.len());
            transactions.push(detail(466, refunded, &reference, &text));
        }
        for refund in store.refund_returns_between(date, date).await? {
            let text = format!("ACH RETURN {}", refund.detail);
            transactions.push(detail(257, refund.amount, &refund.reference, &text));
        }
        let before = date.yesterday().ok();
        let opening = store
            .trial_balance_through(None, before)
            .await?
            .net(Account::CashInBank);
        let closing = transactions.iter().fold(opening, |balance, t| {
            let moved = if t.type_code < 400 {
                balance.checked_add(t.amount)
            } else {
                balance.checked_sub(t.amount)
            };
            moved.unwrap_or(balance)
        });
        let ach = &self.payment_settings().ach;
        Ok(Bai2File {
            sender: ach.odfi.clone(),
            receiver: ach.company_id.clone(),
            created_on: date,
            groups: vec![Group {
                originator: ach.odfi.clone(),
                as_of: date,
                currency: None,
                accounts: vec![AccountReport {
                    number: account.to_owned(),
                    currency: None,
                    summaries: vec![
                        Summary {
                            type_code: 10,
                            amount: Some(opening),
                            item_count: None,
                        },
                        Summary {
                            type_code: 15,
                            amount: Some(closing),
                            item_count: None,
                        },
                    ],
                    transactions,
                    line: 0,
                }],
                line: 0,
            }],
        })
    }
}
