//! Posting a payment to its loan, and reversing one: inside the caller's transaction, the
//! loan is locked, the history appended to, the history replayed, and the books restated from
//! what the old replay said to what the new one says (so a backdated payment or a return
//! re-splits every later payment exactly), and the snapshot refreshed.

use crate::snapshot;
use domain::cycle::Cycle;
use domain::ledger::restate;
use domain::loan::{LoanTerms, Transaction, TxnKind, replay_to_start_of};
use jiff::civil::Date;
use store::{LoanId, Payment, Split, StoreError, Tx};

/// What posting did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Posted {
    /// The history transaction it became.
    pub txn: domain::loan::TxnId,
    /// How the payment was split.
    pub split: Split,
    /// The loan's balance afterwards.
    pub balance: money::Money,
    /// The loan is paid off by it.
    pub paid_off: bool,
}

/// Posts payment `p` (credited as of its credit date, which must be on or before `today`)
/// and marks its row posted.
pub async fn post(
    tx: &mut Tx,
    terms: &LoanTerms,
    cycle: &Cycle,
    p: &Payment,
    today: Date,
    now_us: i64,
) -> Result<Posted, StoreError> {
    let posted = apply(tx, terms, cycle, p, today, now_us).await?;
    tx.mark_posted(p.id, posted.txn, posted.split, now_us)
        .await?;
    Ok(posted)
}

/// Posts payment `p` to its loan without touching its row (for a payment whose row is
/// written afterwards, already posted).
pub async fn apply(
    tx: &mut Tx,
    terms: &LoanTerms,
    cycle: &Cycle,
    p: &Payment,
    today: Date,
    now_us: i64,
) -> Result<Posted, StoreError> {
    let kind = TxnKind::Payment {
        amount: p.amount,
        extra: p.extra,
    };
    let (txn, state) =
        append_and_restate(tx, terms, cycle, p, p.credit_date, kind, today, now_us).await?;
    // The transaction was just appended, dated no later than the day replayed, and nothing
    // reverses it yet: the replay applies it (to unapplied funds when the loan is not active).
    let applied = state
        .applied_payments()
        .find(|a| a.txn == txn)
        .copied()
        .unwrap_or_else(|| panic!("payment {} did not apply in the replay", p.id.0));
    let split = Split::from(&applied);
    Ok(Posted {
        txn,
        split,
        balance: state.balance(),
        paid_off: state.status == domain::loan::LoanStatus::PaidOff,
    })
}

/// Reverses posted payment `p` as of `today` (a return): the replay leaves it out, an NSF fee
/// is assessed when `insufficient_funds` and the product has one.
pub async fn reverse(
    tx: &mut Tx,
    terms: &LoanTerms,
    cycle: &Cycle,
    p: &Payment,
    insufficient_funds: bool,
    today: Date,
    now_us: i64,
) -> Result<(), StoreError> {
    // A row is marked posted only with the transaction posting it made (`mark_posted`,
    // `insert_posted_payment`), and only a posted payment is returned.
    let of = p
        .txn
        .unwrap_or_else(|| panic!("payment {} is posted without a transaction", p.id.0));
    let kind = TxnKind::Reversal {
        of,
        insufficient_funds,
    };
    append_and_restate(tx, terms, cycle, p, today, kind, today, now_us).await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)] // each is one fact of the posting
async fn append_and_restate(
    tx: &mut Tx,
    terms: &LoanTerms,
    cycle: &Cycle,
    p: &Payment,
    date: Date,
    kind: TxnKind,
    today: Date,
    now_us: i64,
) -> Result<(domain::loan::TxnId, domain::loan::LoanState), StoreError> {
    let locked = LockedLoan::lock(tx, p.loan).await?;
    let as_of = today.max(locked.books_as_of);
    // Every caller posts as of a date it has held to the business date: a received payment's
    // date received, the day of the ACH file, a card payment's date or today if earlier, a
    // return's today. A later one is a caller's bug: the books would run ahead of the date.
    assert!(
        date <= as_of,
        "payment {} is credited {date}, after the business date {as_of}",
        p.id.0
    );
    locked
        .append(tx, terms, cycle, date, kind, today, now_us)
        .await
}

/// A loan locked in a transaction, with its history: the one way anything is posted to a
/// loan (a payment, a return, a fee waiver, any servicing action). [`LockedLoan::append`]
/// adds a dated transaction, replays, restates the books from what the old replay said to
/// what the new one says, and refreshes the snapshot, all in the caller's transaction.
///
/// The terms passed in are the loan's record as boarded or originated, which never change:
/// a change of terms is itself a dated transaction of the history (ADR 0021), read here
/// under the lock, so every instance sees it at once.
#[derive(Debug)]
pub struct LockedLoan {
    loan: LoanId,
    /// The date the books (the journal and the snapshot) are as of.
    pub books_as_of: Date,
    history: Vec<Transaction>,
}

impl LockedLoan {
    /// Locks `loan` in `tx` (until it commits), then reads its history: in that order, so a
    /// posting committed while this one waited for the lock is in the history read.
    pub async fn lock(tx: &mut Tx, loan: LoanId) -> Result<LockedLoan, StoreError> {
        let (books_as_of, history) = tx.lock_loan_with_history(loan).await?;
        Ok(LockedLoan {
            loan,
            books_as_of,
            history,
        })
    }

    /// The loan's history as read under the lock.
    pub fn history(&self) -> &[Transaction] {
        &self.history
    }

    /// The loan as of the start of `date` (on or after the books' date).
    pub fn state_at(&self, terms: &LoanTerms, date: Date) -> domain::loan::LoanState {
        replay_to_start_of(terms, &self.history, date.max(self.books_as_of))
    }

    /// Appends `kind` dated `date` (on or before the later of `today` and the books' date),
    /// and restates the loan; the transaction's id and the loan afterwards.
    #[allow(clippy::too_many_arguments)] // each is one fact of the posting
    pub async fn append(
        mut self,
        tx: &mut Tx,
        terms: &LoanTerms,
        cycle: &Cycle,
        date: Date,
        kind: TxnKind,
        today: Date,
        now_us: i64,
    ) -> Result<(domain::loan::TxnId, domain::loan::LoanState), StoreError> {
        let as_of = today.max(self.books_as_of);
        assert!(
            date <= as_of,
            "a transaction dated {date} is after the business date {as_of}"
        );
        let old = replay_to_start_of(terms, &self.history, self.books_as_of);
        let id = tx.append_transaction(self.loan, date, kind, now_us).await?;
        self.history.push(Transaction { id, date, kind });
        let new = replay_to_start_of(terms, &self.history, as_of);
        let entries: Vec<_> = restate(&old.events, &new.events, as_of)
            .into_iter()
            .map(|e| (Some(self.loan), e))
            .collect();
        tx.post_entries(&entries, now_us).await?;
        // The snapshot's next cycle date is the amended schedule's (ADR 0021), so close of
        // business wakes the loan for its new dates, never for the old ones.
        let amended = terms.amended(&self.history, as_of);
        tx.put_snapshots(
            &[(self.loan, snapshot::of_state(&amended, &new, cycle))],
            now_us,
        )
        .await?;
        Ok((id, new))
    }
}
