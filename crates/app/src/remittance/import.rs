//! Importing a lockbox file: read whole (refused whole, naming the line), then recorded and
//! matched in one transaction: the file by its digest, every check under its item key, named
//! to its loan (the loans its checks name read together), and those that cannot post (what
//! the check says, or the loan, or a check deposited twice) recorded as exceptions with their
//! money held in suspense. Then every check still to post is posted, one at a time
//! (`finish`), judged again on its loan as it is then.

use super::{ItemId, ItemState, MEMO_SEPARATOR, RemittanceError};
use crate::App;
use crate::access::{Actor, Capability};
use domain::account_number::AccountNumber;
use domain::remittance::{ExceptionReason, Identified, identify};
use formats::lockbox::{self, Check, LockboxFile};
use money::Money;
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use store::{
    AuditEvent, MatchedBy, NewRemittanceFile, NewRemittanceItem, RemittanceFileId,
    RemittanceSource, Tx,
};

/// The vault's label for the keyed digest of a check's payer account and number.
const PAYER_LABEL: &str = "remittance-payer/v1";

/// The longest file name kept, in characters.
const MAX_NAME: usize = 200;

/// How a lockbox file is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockboxFormat {
    /// The BAI lockbox format banks send (records 1, 2, 5, 6, 4, 7, 8, 9).
    Bai,
    /// A CSV file with the default column names ([`formats::lockbox::CsvLayout`]).
    Csv,
}

impl LockboxFormat {
    /// The format a file named `name` is read as: CSV for a `.csv` file (any case), else BAI.
    pub fn of_name(name: &str) -> LockboxFormat {
        if name.to_ascii_lowercase().ends_with(".csv") {
            LockboxFormat::Csv
        } else {
            LockboxFormat::Bai
        }
    }

    /// Its name, as the audit log records it.
    pub const fn as_str(self) -> &'static str {
        match self {
            LockboxFormat::Bai => "bai",
            LockboxFormat::Csv => "csv",
        }
    }
}

/// A payoff check that posted a few cents short of the payoff: the loan keeps the shortfall,
/// for staff to collect or waive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShortPayoff {
    /// The item.
    pub item: ItemId,
    /// The loan.
    pub account: AccountNumber,
    /// The check's amount.
    pub amount: Money,
    /// How far short of the payoff it was.
    pub short_by: Money,
}

/// What importing a lockbox file did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LockboxImport {
    /// The file as recorded.
    pub file_id: RemittanceFileId,
    /// Checks in the file.
    pub checks: usize,
    /// Their total.
    pub total: Money,
    /// The same file was imported before: nothing new was recorded (items a crash had left
    /// unfinished were finished now, and are counted below).
    pub already_read: bool,
    /// Checks already here under their item key (a re-sent file's, or all of a file read
    /// before): not recorded again.
    pub skipped: usize,
    /// Items posted to their loan now.
    pub posted: usize,
    /// Their total.
    pub posted_total: Money,
    /// Items queued for staff now.
    pub exceptions: usize,
    /// Their total.
    pub exceptions_total: Money,
    /// Payoff checks that posted a few cents short.
    pub short_payoffs: Vec<ShortPayoff>,
}

impl App {
    /// Imports the lockbox file `bytes` (named `name`, laid out as `format`) for `actor`, who
    /// must be able to take payments: the whole file or, when it does not read, nothing
    /// ([`RemittanceError::Refused`], naming the line). Then every check is matched and posted
    /// to its loan, or queued for staff.
    pub async fn import_lockbox(
        &self,
        actor: &Actor,
        name: &str,
        bytes: &[u8],
        format: LockboxFormat,
    ) -> Result<LockboxImport, RemittanceError> {
        actor.require(Capability::TakePayment)?;
        let file = match format {
            LockboxFormat::Bai => lockbox::read(bytes),
            LockboxFormat::Csv => lockbox::read_csv(bytes, &lockbox::CsvLayout::default()),
        }
        .map_err(|e| {
            RemittanceError::Refused(format!("The file was refused and nothing was changed: {e}"))
        })?;
        let digest = hex::encode(Sha256::digest(bytes));
        let mut items = self.items_of(&file);
        let checks = file.count();
        let total = file.total();
        let name: String = name
            .chars()
            .filter(|c| !c.is_control())
            .take(MAX_NAME)
            .collect();
        let actor_name = actor.audit_name();
        let today = self.business_date().await?;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let (file_id, new) = tx
            .insert_remittance_file(
                &NewRemittanceFile {
                    source: RemittanceSource::Lockbox,
                    name: &name,
                    digest: &digest,
                    items: i64::try_from(checks).unwrap_or(i64::MAX),
                    total,
                    actor: &actor_name,
                },
                now,
            )
            .await?;
        let mut held = (0_usize, Money::ZERO);
        let skipped = if new {
            match_items(&mut tx, &mut items).await?;
            let inserted = tx.insert_remittance_items(file_id, &items, now).await?;
            let skipped = items.len().saturating_sub(inserted.len());
            // The money of every check recorded as an exception waits in suspense.
            let mut holds = Vec::new();
            for item in items
                .iter()
                .filter(|i| i.state == ItemState::Exception && inserted.contains(&i.item_key))
            {
                held.0 += 1;
                held.1 += item.amount;
                if let Some(entry) =
                    domain::ledger::remittance_held(item.deposit_date.min(today), item.amount)
                {
                    holds.push((None, entry));
                }
            }
            tx.post_entries(&holds, now).await?;
            tx.audit(
                &AuditEvent {
                    actor: actor_name.clone(),
                    action: "remittance.file_imported".into(),
                    subject: format!("remittance-file:{}", file_id.0),
                    detail: serde_json::json!({
                        "name": name,
                        "digest": digest,
                        "format": format.as_str(),
                        "checks": checks,
                        "total_cents": total.cents(),
                        "recorded": inserted.len(),
                        "skipped": skipped,
                        "exceptions": held.0,
                    })
                    .to_string(),
                },
                now,
            )
            .await?;
            skipped
        } else {
            checks
        };
        tx.commit().await?;
        let finished = self.finish_received(Some(file_id), None).await?;
        Ok(LockboxImport {
            file_id,
            checks,
            total,
            already_read: !new,
            skipped,
            posted: finished.posted,
            posted_total: finished.posted_total,
            exceptions: held.0 + finished.exceptions,
            exceptions_total: held.1 + finished.exceptions_total,
            short_payoffs: finished.short_payoffs,
        })
    }

    /// The file's checks as items to record: each keyed, named by its coupon or memo
    /// (`domain::remittance::identify`), with the payer's account kept only as its last 4 and
    /// a keyed digest.
    fn items_of(&self, file: &LockboxFile) -> Vec<NewRemittanceItem> {
        file.checks()
            .map(|(lb, batch, check)| {
                let (account_number, matched_by, reason) = named(identify(&check.memo));
                NewRemittanceItem {
                    source: RemittanceSource::Lockbox,
                    item_key: format!(
                        "lockbox:{}:{}:{}:{}",
                        lb.number, lb.deposit_date, batch.number, check.item
                    ),
                    deposit_date: lb.deposit_date,
                    lockbox: lb.number.clone(),
                    batch: batch.number.clone(),
                    item: check.item.clone(),
                    amount: check.amount,
                    check_number: check.check_number.clone(),
                    payer: check.payer.clone(),
                    payer_last4: last4(&check.payer_account),
                    payer_digest: self.payer_digest(check),
                    memo: check.memo.join(MEMO_SEPARATOR),
                    account_number,
                    matched_by,
                    reason,
                    loan: None,
                    state: ItemState::Received,
                }
            })
            .collect()
    }

    /// The keyed digest of the check's routing number, account and check number (leading
    /// zeros of the number dropped, as banks pad it differently): the same check deposited
    /// twice has the same digest, and the digest tells nothing of the account without the
    /// vault's key. None when the bank did not send all three.
    fn payer_digest(&self, check: &Check) -> Option<String> {
        let routing = check.payer_routing.trim();
        let account = check.payer_account.trim();
        let number = check.check_number.trim().trim_start_matches('0');
        if routing.is_empty() || account.is_empty() || number.is_empty() {
            return None;
        }
        Some(self.vault().mac(
            PAYER_LABEL,
            format!("{routing}:{account}:{number}").as_bytes(),
        ))
    }
}

/// Matches `items` (in file order) to the loans they name, in `tx`: the loans and the checks
/// already on file are read together, not one per item. An item that cannot post becomes an
/// exception naming why (`finish::judge`, in the documented order); the rest stay received,
/// with their loan, to be posted.
async fn match_items(tx: &mut Tx, items: &mut [NewRemittanceItem]) -> Result<(), RemittanceError> {
    let mut accounts: Vec<AccountNumber> = items
        .iter()
        .filter(|i| i.reason.is_none())
        .filter_map(|i| i.account_number)
        .collect();
    accounts.sort_unstable();
    accounts.dedup();
    let loans = tx.remittance_loans(&accounts).await?;
    // A check is deposited twice when an item on file, or an earlier one of this file, has
    // its payer's digest and amount.
    let mut seen: HashSet<(String, i64)> = {
        let digests: Vec<&str> = items
            .iter()
            .filter_map(|i| i.payer_digest.as_deref())
            .collect();
        tx.payer_checks_on_file(&digests).await?
    };
    for item in items.iter_mut() {
        let loan = item.account_number.and_then(|a| loans.get(&a));
        item.loan = loan.map(|l| l.loan);
        let duplicate = item
            .payer_digest
            .as_ref()
            .is_some_and(|d| !seen.insert((d.clone(), item.amount.cents())));
        let judged = super::finish::judge(
            item.reason,
            item.account_number.is_some(),
            item.amount,
            loan,
            duplicate,
        );
        if let Err(reason) = judged {
            item.state = ItemState::Exception;
            item.reason = Some(reason);
        }
    }
    Ok(())
}

/// The loan account an item names and how, or why it cannot be matched whatever the loans
/// say.
fn named(
    found: Identified,
) -> (
    Option<AccountNumber>,
    Option<MatchedBy>,
    Option<ExceptionReason>,
) {
    match found {
        Identified::Coupon(scan) => (Some(scan.account), Some(MatchedBy::Coupon), None),
        Identified::Memo(account) => (Some(account), Some(MatchedBy::Memo), None),
        Identified::Several(_) => (None, None, Some(ExceptionReason::SeveralMatches)),
        Identified::Mistyped { .. } => (None, None, Some(ExceptionReason::MistypedAccount)),
        Identified::Nothing => (None, None, Some(ExceptionReason::NoMatch)),
    }
}

/// The last 4 digits of a payer's bank account, when it has at least 4.
fn last4(account: &str) -> Option<String> {
    let digits: Vec<char> = account.chars().filter(char::is_ascii_digit).collect();
    let start = digits.len().checked_sub(4)?;
    Some(digits.get(start..)?.iter().collect())
}

#[cfg(test)]
mod tests;
