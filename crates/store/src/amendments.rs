//! The amendments of loans' terms (ADR 0021), read for many loans at once: whatever reads a
//! loan's schedule outside a replay (AutoPay's draft dates, the dashboard's headline, close of
//! business's cycle dates) applies them to the record's terms with
//! `LoanTerms::amended`. Most loans have none, so the read goes through the partial index of
//! amendment and reversal rows (migration 0032) and touches nothing for them.

use crate::borrowers::CHUNK;
use crate::history::transaction;
use crate::tx::on_tx;
use crate::{LoanId, Store, StoreError, Tx, on_pool};
use domain::loan::{Transaction, TxnId, TxnKind};
use sqlx::{QueryBuilder, Row};
use std::collections::{HashMap, HashSet};

/// The rows that may matter: every amendment and every reversal of the loans (the reversals
/// of payments are dropped by [`keep_amendments`]). Every column (`*`), so the history's own
/// row reader reads them however an amendment is stored; the condition on `kind` is the
/// partial index's, word for word, so both databases use it.
const SELECT: &str =
    "SELECT * FROM loan_transactions WHERE kind IN ('amendment', 'reversal') AND loan_id IN ";

impl Store {
    /// The amendments of `loans` (with any reversal of one), by loan, each loan's in (date,
    /// id) order; a loan without any is absent.
    pub async fn amendments(
        &self,
        loans: &[LoanId],
    ) -> Result<HashMap<LoanId, Vec<Transaction>>, StoreError> {
        let mut rows = Vec::new();
        for part in loans.chunks(CHUNK) {
            let found = on_pool!(self, pool => {
                let mut q = QueryBuilder::new(SELECT);
                crate::codec::push_ids(&mut q, part.iter().map(|x| x.0));
                q.push(" ORDER BY loan_id, effective_date, id");
                q.build()
                    .fetch_all(pool)
                    .await?
                    .iter()
                    .map(|r| Ok((LoanId(r.try_get("loan_id")?), transaction(r)?)))
                    .collect::<Result<Vec<_>, StoreError>>()?
            });
            rows.extend(found);
        }
        Ok(keep_amendments(rows))
    }
}

impl Tx {
    /// The amendments of `loans` (with any reversal of one), read inside this transaction,
    /// by loan, each loan's in (date, id) order; a loan without any is absent.
    pub async fn amendments(
        &mut self,
        loans: &[LoanId],
    ) -> Result<HashMap<LoanId, Vec<Transaction>>, StoreError> {
        let mut rows = Vec::new();
        for part in loans.chunks(CHUNK) {
            let found = on_tx!(self, c => {
                let mut q = QueryBuilder::new(SELECT);
                crate::codec::push_ids(&mut q, part.iter().map(|x| x.0));
                q.push(" ORDER BY loan_id, effective_date, id");
                q.build()
                    .fetch_all(&mut *c)
                    .await?
                    .iter()
                    .map(|r| Ok((LoanId(r.try_get("loan_id")?), transaction(r)?)))
                    .collect::<Result<Vec<_>, StoreError>>()?
            });
            rows.extend(found);
        }
        Ok(keep_amendments(rows))
    }
}

/// The amendments among `rows` and the reversals of them (not those of payments), by loan,
/// in the order read.
fn keep_amendments(rows: Vec<(LoanId, Transaction)>) -> HashMap<LoanId, Vec<Transaction>> {
    let amendments: HashSet<TxnId> = rows
        .iter()
        .filter(|(_, t)| is_amendment(t))
        .map(|(_, t)| t.id)
        .collect();
    let mut out: HashMap<LoanId, Vec<Transaction>> = HashMap::new();
    for (loan, t) in rows {
        let keep = match t.kind {
            TxnKind::Reversal { of, .. } => amendments.contains(&of),
            _ => amendments.contains(&t.id),
        };
        if keep {
            out.entry(loan).or_default().push(t);
        }
    }
    out
}

/// Whether `t` is an amendment of the terms.
fn is_amendment(t: &Transaction) -> bool {
    matches!(t.kind, TxnKind::Amendment { .. })
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::loan::TermsChange;
    use jiff::civil::date;

    #[test]
    fn keeps_amendments_and_their_reversals_only() {
        let t = |id: u64, kind: TxnKind| Transaction {
            id: TxnId(id),
            date: date(2027, 1, 1),
            kind,
        };
        let rows = vec![
            (
                LoanId(1),
                t(
                    1,
                    TxnKind::Amendment {
                        change: TermsChange::DueDay { day: 12 },
                    },
                ),
            ),
            (
                LoanId(1),
                t(
                    2,
                    TxnKind::Reversal {
                        of: TxnId(1),
                        insufficient_funds: false,
                    },
                ),
            ),
            // A returned payment's reversal is not about the terms.
            (
                LoanId(2),
                t(
                    4,
                    TxnKind::Reversal {
                        of: TxnId(3),
                        insufficient_funds: true,
                    },
                ),
            ),
        ];
        let kept = keep_amendments(rows);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[&LoanId(1)].len(), 2);
        assert!(!kept.contains_key(&LoanId(2)));
    }
}
