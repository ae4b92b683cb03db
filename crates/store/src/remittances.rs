//! Money by mail and bank bill pay: the files the bank sends (recognised by digest), the items
//! in them (each under its item key, so a re-sent file adds nothing twice), the state each
//! item is in, the payments each became, and the reads of the exception queue and the day's
//! report (migration 0025 says what each column holds).
//!
//! An item changes state only conditionally (`... WHERE state = 'received'` or `'exception'`):
//! the statement both checks and claims it, so of two workers finishing one item, or two staff
//! resolving one exception, exactly one changes it and the other is told it did not.

use crate::borrowers::CHUNK;
use crate::codec::{date_text, money_opt, parse_date, parse_vocabulary, push_ids};
use crate::tx::on_tx;
use crate::{BorrowerId, LoanId, PaymentId, Store, StoreError, Tx, on_pool};
use domain::account_number::AccountNumber;
use domain::loan::LoanStatus;
use domain::remittance::ExceptionReason;
use jiff::civil::Date;
use money::Money;
use sqlx::{QueryBuilder, Row};
use std::collections::{HashMap, HashSet};

/// Items inserted per statement (each binds 15 values: well under either backend's limit).
const INSERT_CHUNK: usize = 500;

// The stored words of this module (where an item came from, where it is) are declared as
// the domain's are: each variant with its one text.
domain::vocabulary! {
    /// Where an item came from.
    pub enum RemittanceSource {
        /// A check in the bank's lockbox file.
        Lockbox = "lockbox",
        /// A bill-pay credit in an incoming NACHA file.
        Ach = "ach",
    }
}

domain::vocabulary! {
    /// Where an item is in its life.
    pub enum RemittanceState {
        /// Recorded with its file, not yet posted or queued (a crash left it between the two
        /// steps; the next import of its file or the worker's sweep finishes it).
        Received = "received",
        /// Matched to its loan and posted as a payment.
        Posted = "posted",
        /// In the exception queue, waiting for staff.
        Exception = "exception",
        /// Staff applied it to a loan or split it across loans.
        Resolved = "resolved",
        /// Staff sent it back to the payer (listed for a refund check).
        Returned = "returned",
    }
}

domain::vocabulary! {
    /// How an item was matched to its loan.
    pub enum MatchedBy {
        /// The statement coupon's scan line.
        Coupon = "coupon",
        /// An account number on the memo line or in the overflow text.
        Memo = "memo",
        /// The identification number of a bill-pay credit.
        Ach = "ach",
        /// A person chose the loan.
        Staff = "staff",
    }
}

/// A remittance file's identity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RemittanceFileId(pub i64);

/// A remittance item's identity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RemittanceItemId(pub i64);

/// A file to record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewRemittanceFile<'a> {
    /// Lockbox or ACH.
    pub source: RemittanceSource,
    /// The name it arrived under.
    pub name: &'a str,
    /// The SHA-256 of its bytes, hex.
    pub digest: &'a str,
    /// Items in it.
    pub items: i64,
    /// Their total.
    pub total: Money,
    /// Who imported it, as the audit log names actors.
    pub actor: &'a str,
}

/// An item to record, as received (state 'received').
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewRemittanceItem {
    /// Lockbox or ACH.
    pub source: RemittanceSource,
    /// What makes it the same item across re-sent files.
    pub item_key: String,
    /// The business day the bank deposited it.
    pub deposit_date: Date,
    /// The lockbox number.
    pub lockbox: String,
    /// The batch number.
    pub batch: String,
    /// The item's number within its batch.
    pub item: String,
    /// The amount (positive).
    pub amount: Money,
    /// The check number.
    pub check_number: String,
    /// The payer's name as the bank read it.
    pub payer: String,
    /// The last 4 of the payer's bank account.
    pub payer_last4: Option<String>,
    /// The vault's keyed digest of the payer's routing number, account and check number.
    pub payer_digest: Option<String>,
    /// The coupon, memo and overflow text, joined with " | ".
    pub memo: String,
    /// The loan account the item names, when it names exactly one.
    pub account_number: Option<AccountNumber>,
    /// How it names it.
    pub matched_by: Option<MatchedBy>,
    /// Why it waits for staff: what its text says (no account number, several, a mistyped
    /// one), or what the import's match found (no loan has the number, the loan is paid off
    /// or charged off, far above the payoff, a check deposited twice).
    pub reason: Option<ExceptionReason>,
    /// The loan it was matched to at import, when one has its account number.
    pub loan: Option<LoanId>,
    /// Received (to be posted), or an exception already (`reason` says why; the caller holds
    /// its money in suspense in the same transaction).
    pub state: RemittanceState,
}

/// An item as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemittanceItem {
    /// Its id.
    pub id: RemittanceItemId,
    /// The file it came in.
    pub file: Option<RemittanceFileId>,
    /// Lockbox or ACH.
    pub source: RemittanceSource,
    /// What makes it the same item across re-sent files.
    pub item_key: String,
    /// The business day the bank deposited it.
    pub deposit_date: Date,
    /// The lockbox number.
    pub lockbox: String,
    /// The batch number.
    pub batch: String,
    /// The item's number within its batch.
    pub item: String,
    /// The amount.
    pub amount: Money,
    /// The check number.
    pub check_number: String,
    /// The payer's name.
    pub payer: String,
    /// The last 4 of the payer's bank account.
    pub payer_last4: Option<String>,
    /// The coupon, memo and overflow text, joined with " | ".
    pub memo: String,
    /// The loan account the item names, when it names exactly one.
    pub account_number: Option<AccountNumber>,
    /// The loan it was matched or applied to.
    pub loan: Option<LoanId>,
    /// That loan's account number.
    pub loan_account: Option<AccountNumber>,
    /// How it was matched.
    pub matched_by: Option<MatchedBy>,
    /// Where it is.
    pub state: RemittanceState,
    /// Why it went to the exception queue.
    pub reason: Option<ExceptionReason>,
    /// A payoff check that posted this much short of the payoff.
    pub payoff_short: Option<Money>,
    /// What staff did (JSON).
    pub resolution: Option<String>,
    /// Who resolved it, as the audit log names actors.
    pub resolved_by: Option<String>,
    /// When.
    pub resolved_at_us: Option<i64>,
    /// When it was recorded.
    pub received_at_us: i64,
    /// Who imported its file (or its source, for an item without one).
    pub actor: String,
}

/// What matching needs of the loan an account number names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RemittanceLoan {
    /// The loan.
    pub loan: LoanId,
    /// Its borrower.
    pub borrower: BorrowerId,
    /// Active, paid off or charged off.
    pub status: LoanStatus,
    /// Principal, interest and fees as of the snapshot: what pays it off.
    pub payoff: Money,
    /// What the borrower must pay now.
    pub amount_due: Money,
}

/// How a received item was finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ItemFinish {
    /// Posted or exception.
    pub state: RemittanceState,
    /// The loan it names (for an exception, the loan that would not take it).
    pub loan: Option<LoanId>,
    /// Why it is an exception.
    pub reason: Option<ExceptionReason>,
    /// A payoff check that posts this much short of the payoff.
    pub payoff_short: Option<Money>,
}

/// How staff resolved an exception.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ItemResolution<'a> {
    /// Resolved or returned.
    pub state: RemittanceState,
    /// The loan it now belongs to (`Some(None)`: several, after a split) and how it was
    /// matched; `None` leaves both as they were (a return).
    pub assign: Option<(Option<LoanId>, MatchedBy)>,
    /// What was done, as JSON.
    pub resolution: &'a str,
    /// Who did it.
    pub resolved_by: &'a str,
}

/// A payment an item became.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemittancePosting {
    /// The payment.
    pub payment: PaymentId,
    /// Its loan.
    pub loan: LoanId,
    /// The loan's account number.
    pub account: AccountNumber,
    /// How much of the item.
    pub amount: Money,
    /// The payment's confirmation number.
    pub confirmation: String,
}

/// One page of items.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ItemQuery {
    /// Only items in this state.
    pub state: Option<RemittanceState>,
    /// Only items deposited this day.
    pub deposit_date: Option<Date>,
    /// After skipping this many.
    pub offset: i64,
    /// At most this many.
    pub limit: i64,
}

/// An item's columns, with its loan's account number and its file's actor; `WHERE` follows.
const ITEM: &str =
    "SELECT i.id, i.file_id, i.source, i.item_key, i.deposit_date, i.lockbox, i.batch, i.item,
        i.amount_cents, i.check_number, i.payer, i.payer_last4, i.memo, i.account_number, i.loan_id,
        l.account_number AS loan_account, i.matched_by, i.state, i.reason, i.payoff_short_cents,
        i.resolution, i.resolved_by, i.resolved_at_us, i.received_at_us,
        COALESCE(f.actor, i.source) AS actor
     FROM remittance_items i
     LEFT JOIN loans l ON l.id = i.loan_id
     LEFT JOIN remittance_files f ON f.id = i.file_id";

fn account(column: &str, text: &str) -> Result<AccountNumber, StoreError> {
    text.parse().map_err(|e| StoreError::Corrupt {
        table: "remittance_items",
        detail: format!("{column}: {e}"),
    })
}

fn item<R: Row>(r: &R) -> Result<RemittanceItem, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<i64>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    const TABLE: &str = "remittance_items";
    let text = |col: &str| -> Result<Option<String>, StoreError> {
        Ok(r.try_get::<Option<String>, _>(col)?)
    };
    Ok(RemittanceItem {
        id: RemittanceItemId(r.try_get("id")?),
        file: r
            .try_get::<Option<i64>, _>("file_id")?
            .map(RemittanceFileId),
        source: parse_vocabulary(
            TABLE,
            "source",
            &r.try_get::<String, _>("source")?,
            RemittanceSource::parse,
        )?,
        item_key: r.try_get("item_key")?,
        deposit_date: parse_date(TABLE, &r.try_get::<String, _>("deposit_date")?)?,
        lockbox: r.try_get("lockbox")?,
        batch: r.try_get("batch")?,
        item: r.try_get("item")?,
        amount: Money::from_cents(r.try_get("amount_cents")?),
        check_number: r.try_get("check_number")?,
        payer: r.try_get("payer")?,
        payer_last4: text("payer_last4")?,
        memo: r.try_get("memo")?,
        account_number: text("account_number")?
            .map(|t| account("account_number", &t))
            .transpose()?,
        loan: r.try_get::<Option<i64>, _>("loan_id")?.map(LoanId),
        loan_account: text("loan_account")?
            .map(|t| account("loan_account", &t))
            .transpose()?,
        matched_by: text("matched_by")?
            .map(|t| parse_vocabulary(TABLE, "matched_by", &t, MatchedBy::parse))
            .transpose()?,
        state: parse_vocabulary(
            TABLE,
            "state",
            &r.try_get::<String, _>("state")?,
            RemittanceState::parse,
        )?,
        reason: text("reason")?
            .map(|t| parse_vocabulary(TABLE, "reason", &t, ExceptionReason::parse))
            .transpose()?,
        payoff_short: money_opt(r.try_get("payoff_short_cents")?),
        resolution: text("resolution")?,
        resolved_by: text("resolved_by")?,
        resolved_at_us: r.try_get("resolved_at_us")?,
        received_at_us: r.try_get("received_at_us")?,
        actor: r.try_get("actor")?,
    })
}

fn posting<R: Row>(r: &R) -> Result<RemittancePosting, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    Ok(RemittancePosting {
        payment: PaymentId(r.try_get("payment_id")?),
        loan: LoanId(r.try_get("loan_id")?),
        account: account("account_number", &r.try_get::<String, _>("account_number")?)?,
        amount: Money::from_cents(r.try_get("amount_cents")?),
        confirmation: r.try_get("confirmation")?,
    })
}

impl Tx {
    /// Records a file by its digest: its id, and whether it is new (false: the same file was
    /// recorded before, under the id returned).
    pub async fn insert_remittance_file(
        &mut self,
        f: &NewRemittanceFile<'_>,
        now_us: i64,
    ) -> Result<(RemittanceFileId, bool), StoreError> {
        let inserted: Option<i64> = on_tx!(self, c => sqlx::query(
            "INSERT INTO remittance_files (source, name, digest, items, total_cents, imported_at_us, actor)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (digest) DO NOTHING RETURNING id",
        )
        .bind(f.source.as_str()).bind(f.name).bind(f.digest).bind(f.items).bind(f.total.cents())
        .bind(now_us).bind(f.actor)
        .fetch_optional(&mut *c).await?
        .map(|r| r.try_get::<i64, _>("id")).transpose()?);
        if let Some(id) = inserted {
            return Ok((RemittanceFileId(id), true));
        }
        let id: i64 = on_tx!(self, c => sqlx::query("SELECT id FROM remittance_files WHERE digest = $1")
            .bind(f.digest).fetch_one(&mut *c).await?.try_get("id")?);
        Ok((RemittanceFileId(id), false))
    }

    /// Records `items` of `file` in their state, skipping any whose item key is already here
    /// (an item of a re-sent file); the item keys of those that were new.
    pub async fn insert_remittance_items(
        &mut self,
        file: RemittanceFileId,
        items: &[NewRemittanceItem],
        now_us: i64,
    ) -> Result<HashSet<String>, StoreError> {
        let mut inserted = HashSet::with_capacity(items.len());
        for chunk in items.chunks(INSERT_CHUNK) {
            let keys: Vec<String> = on_tx!(self, c => {
                let mut q = QueryBuilder::new(
                    "INSERT INTO remittance_items (file_id, source, item_key, deposit_date, lockbox, batch, item,
                     amount_cents, check_number, payer, payer_last4, payer_digest, memo, account_number,
                     matched_by, state, reason, loan_id, received_at_us) ",
                );
                q.push_values(chunk, |mut row, i| {
                    row.push_bind(file.0)
                        .push_bind(i.source.as_str())
                        .push_bind(i.item_key.as_str())
                        .push_bind(date_text(i.deposit_date))
                        .push_bind(i.lockbox.as_str())
                        .push_bind(i.batch.as_str())
                        .push_bind(i.item.as_str())
                        .push_bind(i.amount.cents())
                        .push_bind(i.check_number.as_str())
                        .push_bind(i.payer.as_str())
                        .push_bind(i.payer_last4.as_deref())
                        .push_bind(i.payer_digest.as_deref())
                        .push_bind(i.memo.as_str())
                        .push_bind(i.account_number.map(|a| a.to_string()))
                        .push_bind(i.matched_by.map(MatchedBy::as_str))
                        .push_bind(i.state.as_str())
                        .push_bind(i.reason.map(ExceptionReason::as_str))
                        .push_bind(i.loan.map(|l| l.0))
                        .push_bind(now_us);
                });
                q.push(" ON CONFLICT (item_key) DO NOTHING RETURNING item_key");
                q.build()
                    .fetch_all(&mut *c)
                    .await?
                    .iter()
                    .map(|r| r.try_get::<String, _>("item_key"))
                    .collect::<Result<_, sqlx::Error>>()?
            });
            inserted.extend(keys);
        }
        Ok(inserted)
    }

    /// Records one item that came in no file (`file_id` null): money staff took off a loan
    /// and hold for the exception queue, in the state `i` gives, under its item key; its id, or
    /// `None` when an item with that key is already here (and nothing changed). The bank's
    /// reconciliation reads only items that came in a file: this money was deposited once
    /// already, with the payment it came as.
    pub async fn insert_unfiled_remittance_item(
        &mut self,
        i: &NewRemittanceItem,
        now_us: i64,
    ) -> Result<Option<RemittanceItemId>, StoreError> {
        let id: Option<i64> = on_tx!(self, c => sqlx::query(
            "INSERT INTO remittance_items (source, item_key, deposit_date, lockbox, batch, item,
             amount_cents, check_number, payer, payer_last4, payer_digest, memo, account_number,
             matched_by, state, reason, loan_id, received_at_us)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
             ON CONFLICT (item_key) DO NOTHING RETURNING id",
        )
        .bind(i.source.as_str()).bind(i.item_key.as_str()).bind(date_text(i.deposit_date))
        .bind(i.lockbox.as_str()).bind(i.batch.as_str()).bind(i.item.as_str())
        .bind(i.amount.cents()).bind(i.check_number.as_str()).bind(i.payer.as_str())
        .bind(i.payer_last4.as_deref()).bind(i.payer_digest.as_deref()).bind(i.memo.as_str())
        .bind(i.account_number.map(|a| a.to_string()))
        .bind(i.matched_by.map(MatchedBy::as_str)).bind(i.state.as_str())
        .bind(i.reason.map(ExceptionReason::as_str)).bind(i.loan.map(|l| l.0)).bind(now_us)
        .fetch_optional(&mut *c).await?
        .map(|r| r.try_get::<i64, _>("id")).transpose()?);
        Ok(id.map(RemittanceItemId))
    }

    /// Which of the payers' check digests `digests` an item on file already carries, each
    /// with the amounts it was for: an item of the same check and amount is a check deposited
    /// twice.
    pub async fn payer_checks_on_file(
        &mut self,
        digests: &[&str],
    ) -> Result<HashSet<(String, i64)>, StoreError> {
        let mut out = HashSet::new();
        for chunk in digests.chunks(CHUNK) {
            let rows: Vec<(String, i64)> = on_tx!(self, c => {
                let mut q = QueryBuilder::new(
                    "SELECT payer_digest, amount_cents FROM remittance_items WHERE payer_digest IN (",
                );
                let mut list = q.separated(", ");
                for d in chunk {
                    list.push_bind(*d);
                }
                q.push(")");
                q.build()
                    .fetch_all(&mut *c)
                    .await?
                    .iter()
                    .map(|r| Ok((r.try_get::<String, _>("payer_digest")?, r.try_get::<i64, _>("amount_cents")?)))
                    .collect::<Result<_, sqlx::Error>>()?
            });
            out.extend(rows);
        }
        Ok(out)
    }

    /// Items still 'received' (recorded, neither posted nor queued), in id order after
    /// `after`, at most `limit`: of one file, or of every file when `file` is `None`; only
    /// those recorded before `received_before_us` when given (so a sweep leaves alone the
    /// items an import is finishing right now).
    pub async fn received_remittance_items(
        &mut self,
        file: Option<RemittanceFileId>,
        received_before_us: Option<i64>,
        after: RemittanceItemId,
        limit: i64,
    ) -> Result<Vec<RemittanceItem>, StoreError> {
        on_tx!(self, c => {
            // The state is written into the text (a fixed word, not a value) so both planners
            // can use the partial index of unfinished items.
            let mut q = QueryBuilder::new(ITEM);
            q.push(" WHERE i.state = 'received' AND i.id > ");
            q.push_bind(after.0);
            if let Some(file) = file {
                q.push(" AND i.file_id = ");
                q.push_bind(file.0);
            }
            if let Some(before) = received_before_us {
                q.push(" AND i.received_at_us < ");
                q.push_bind(before);
            }
            q.push(" ORDER BY i.id LIMIT ");
            q.push_bind(limit);
            q.build().fetch_all(&mut *c).await?.iter().map(item).collect()
        })
    }

    /// The loans of `accounts` that are on file, with what matching needs of each, by account
    /// number: a thousand account numbers per read.
    pub async fn remittance_loans(
        &mut self,
        accounts: &[AccountNumber],
    ) -> Result<HashMap<AccountNumber, RemittanceLoan>, StoreError> {
        let mut out = HashMap::with_capacity(accounts.len());
        for chunk in accounts.chunks(CHUNK) {
            let rows: Vec<(String, RemittanceLoan)> = on_tx!(self, c => {
                let mut q = QueryBuilder::new(
                    "SELECT l.id, l.borrower_id, l.account_number, s.status, s.principal_cents,
                            s.interest_cents, s.fees_cents, s.amount_due_cents
                     FROM loans l JOIN loan_snapshots s ON s.loan_id = l.id
                     WHERE l.account_number IN (",
                );
                let mut list = q.separated(", ");
                for a in chunk {
                    list.push_bind(a.to_string());
                }
                q.push(")");
                let mut found = Vec::new();
                for r in q.build().fetch_all(&mut *c).await? {
                    let owed = [
                        r.try_get::<i64, _>("principal_cents")?,
                        r.try_get::<i64, _>("interest_cents")?,
                        r.try_get::<i64, _>("fees_cents")?,
                    ];
                    let payoff = owed
                        .iter()
                        .try_fold(0_i64, |sum, x| sum.checked_add(*x))
                        .ok_or_else(|| StoreError::Corrupt {
                            table: "loan_snapshots",
                            detail: "balances overflow".into(),
                        })?;
                    found.push((
                        r.try_get::<String, _>("account_number")?,
                        RemittanceLoan {
                            loan: LoanId(r.try_get("id")?),
                            borrower: BorrowerId(r.try_get("borrower_id")?),
                            status: parse_vocabulary(
                                "loan_snapshots",
                                "status",
                                &r.try_get::<String, _>("status")?,
                                LoanStatus::parse,
                            )?,
                            payoff: Money::from_cents(payoff),
                            amount_due: Money::from_cents(r.try_get("amount_due_cents")?),
                        },
                    ));
                }
                found
            });
            for (text, loan) in rows {
                let number: AccountNumber = text.parse().map_err(|e| StoreError::Corrupt {
                    table: "loans",
                    detail: format!("account number: {e}"),
                })?;
                out.insert(number, loan);
            }
        }
        Ok(out)
    }

    /// Which of `items` repeat an earlier item (a lower id): the same check (payer digest)
    /// for the same amount, deposited twice.
    pub async fn remittance_duplicates(
        &mut self,
        items: &[RemittanceItemId],
    ) -> Result<HashSet<RemittanceItemId>, StoreError> {
        let mut out = HashSet::new();
        for chunk in items.chunks(CHUNK) {
            let ids: Vec<i64> = on_tx!(self, c => {
                let mut q = QueryBuilder::new("SELECT i.id FROM remittance_items i WHERE i.id IN ");
                push_ids(&mut q, chunk.iter().map(|x| x.0));
                q.push(
                    " AND i.payer_digest IS NOT NULL AND EXISTS (
                        SELECT 1 FROM remittance_items e
                        WHERE e.payer_digest = i.payer_digest AND e.amount_cents = i.amount_cents
                          AND e.id < i.id)",
                );
                q.build()
                    .fetch_all(&mut *c)
                    .await?
                    .iter()
                    .map(|r| r.try_get::<i64, _>("id"))
                    .collect::<Result<_, sqlx::Error>>()?
            });
            out.extend(ids.into_iter().map(RemittanceItemId));
        }
        Ok(out)
    }

    /// Moves a received item to where it goes (posted or exception); false when it is no
    /// longer received (another worker finished it first), and nothing changed.
    pub async fn finish_remittance_item(
        &mut self,
        id: RemittanceItemId,
        f: &ItemFinish,
    ) -> Result<bool, StoreError> {
        Ok(on_tx!(self, c => sqlx::query(
            "UPDATE remittance_items SET state = $2, loan_id = $3, reason = $4, payoff_short_cents = $5
             WHERE id = $1 AND state = 'received'",
        )
        .bind(id.0).bind(f.state.as_str()).bind(f.loan.map(|l| l.0))
        .bind(f.reason.map(ExceptionReason::as_str)).bind(f.payoff_short.map(Money::cents))
        .execute(&mut *c).await?.rows_affected())
            == 1)
    }

    /// Resolves an exception as staff decided; false when the item is no longer an
    /// exception (someone resolved it first, or it never was one), and nothing changed.
    pub async fn resolve_remittance_item(
        &mut self,
        id: RemittanceItemId,
        r: &ItemResolution<'_>,
        now_us: i64,
    ) -> Result<bool, StoreError> {
        let changed = match r.assign {
            Some((loan, matched_by)) => on_tx!(self, c => sqlx::query(
                "UPDATE remittance_items SET state = $2, loan_id = $3, matched_by = $4, resolution = $5,
                   resolved_by = $6, resolved_at_us = $7
                 WHERE id = $1 AND state = 'exception'",
            )
            .bind(id.0).bind(r.state.as_str()).bind(loan.map(|l| l.0)).bind(matched_by.as_str())
            .bind(r.resolution).bind(r.resolved_by).bind(now_us)
            .execute(&mut *c).await?.rows_affected()),
            None => on_tx!(self, c => sqlx::query(
                "UPDATE remittance_items SET state = $2, resolution = $3, resolved_by = $4, resolved_at_us = $5
                 WHERE id = $1 AND state = 'exception'",
            )
            .bind(id.0).bind(r.state.as_str()).bind(r.resolution).bind(r.resolved_by).bind(now_us)
            .execute(&mut *c).await?.rows_affected()),
        };
        Ok(changed == 1)
    }

    /// Records that `item` became `payment` on `loan`, for `amount` of it.
    pub async fn insert_remittance_posting(
        &mut self,
        item: RemittanceItemId,
        payment: PaymentId,
        loan: LoanId,
        amount: Money,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query(
            "INSERT INTO remittance_postings (item_id, payment_id, loan_id, amount_cents) VALUES ($1, $2, $3, $4)",
        )
        .bind(item.0).bind(payment.0).bind(loan.0).bind(amount.cents())
        .execute(&mut *c).await?.rows_affected());
        Ok(())
    }
}

impl Store {
    /// One item.
    pub async fn remittance_item(
        &self,
        id: RemittanceItemId,
    ) -> Result<Option<RemittanceItem>, StoreError> {
        let sql = format!("{ITEM} WHERE i.id = $1");
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id.0).fetch_optional(pool).await?
            .map(|r| item(&r)).transpose())
    }

    /// One page of items, oldest deposit first.
    pub async fn remittance_items(&self, q: &ItemQuery) -> Result<Vec<RemittanceItem>, StoreError> {
        on_pool!(self, pool => {
            let mut b = QueryBuilder::new(ITEM);
            b.push(" WHERE 1 = 1");
            if let Some(state) = q.state {
                // A fixed word of the vocabulary, written into the text so that the open
                // queue's read can use its partial index.
                b.push(format!(" AND i.state = '{}'", state.as_str()));
            }
            if let Some(date) = q.deposit_date {
                b.push(" AND i.deposit_date = ");
                b.push_bind(date_text(date));
            }
            b.push(" ORDER BY i.deposit_date, i.id LIMIT ");
            b.push_bind(q.limit);
            b.push(" OFFSET ");
            b.push_bind(q.offset);
            b.build().fetch_all(pool).await?.iter().map(item).collect()
        })
    }

    /// How many items are in the exception queue, and their total.
    pub async fn remittance_open_totals(&self) -> Result<(i64, Money), StoreError> {
        on_pool!(self, pool => {
            let r = sqlx::query(
                "SELECT COUNT(*) AS n, CAST(COALESCE(SUM(amount_cents), 0) AS BIGINT) AS total
                 FROM remittance_items WHERE state = 'exception'",
            )
            .fetch_one(pool)
            .await?;
            Ok((r.try_get("n")?, Money::from_cents(r.try_get("total")?)))
        })
    }

    /// The items the bank deposited on `date` (those of its files: money a staff reversal
    /// held is queued without one, and was deposited before), counted and totalled by state.
    pub async fn remittance_day_totals(
        &self,
        date: Date,
    ) -> Result<Vec<(RemittanceState, i64, Money)>, StoreError> {
        on_pool!(self, pool => sqlx::query(
            "SELECT state, COUNT(*) AS n, CAST(COALESCE(SUM(amount_cents), 0) AS BIGINT) AS total
             FROM remittance_items WHERE deposit_date = $1 AND file_id IS NOT NULL GROUP BY state",
        )
        .bind(date_text(date))
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| {
            Ok((
                parse_vocabulary(
                    "remittance_items",
                    "state",
                    &r.try_get::<String, _>("state")?,
                    RemittanceState::parse,
                )?,
                r.try_get("n")?,
                Money::from_cents(r.try_get("total")?),
            ))
        })
        .collect())
    }

    /// The payments `item` became, in the order they were made.
    pub async fn remittance_postings(
        &self,
        item: RemittanceItemId,
    ) -> Result<Vec<RemittancePosting>, StoreError> {
        on_pool!(self, pool => sqlx::query(
            "SELECT p.payment_id, p.loan_id, l.account_number, p.amount_cents, y.confirmation
             FROM remittance_postings p
             JOIN loans l ON l.id = p.loan_id
             JOIN payments y ON y.id = p.payment_id
             WHERE p.item_id = $1 ORDER BY p.payment_id",
        )
        .bind(item.0)
        .fetch_all(pool)
        .await?
        .iter()
        .map(posting)
        .collect())
    }
}
