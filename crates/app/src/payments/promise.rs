//! The review's promise kept (issue 22, item 3). The review of a one-time payment tells the
//! borrower what it does to the payments not yet due on its credit date ("your next payment
//! is still due", or "$242.84 of this payment counts toward your payment due January 15"),
//! from the same replay that posts it ([`crate::payments::one_time::Quote`]'s `next`). A bank
//! payment scheduled for a later date keeps that promise (`domain::payment::Promise`), because
//! something may reach the loan before it posts: another payment posts, is cancelled or
//! returned, an AutoPay draft is made, the due date changes.
//!
//! Close of business the night before its credit date runs the same projection again
//! (`domain::payment::project_next`: the loan's history, its other pending payments
//! credited by then, the AutoPay drafts just made for that day among them, then this one). When
//! the promise no longer holds, the borrower is told what the payment will do instead and why
//! (`domain::payment::why_changed`), by the channels of its "scheduled" notice, while they
//! can still cancel it before the cutoff; the same words are kept with the payment, and the
//! portal shows them with it.

use crate::App;
use crate::notices::{PromiseChanged, payment_promise_changed, promise_changed_words};
use domain::payment::{Promise, project_next, why_changed};
use jiff::civil::Date;
use store::{StoreError, Tx};

impl App {
    /// Close of business for the day before `date`, in its transaction: checks the promise of
    /// every payment still scheduled for `date` against the loan as it stands now, and tells
    /// each borrower whose promise no longer holds (once: the words are kept with the payment,
    /// and a payment told of is not checked again). Returns how many were told.
    pub(crate) async fn check_promises(
        &self,
        tx: &mut Tx,
        date: Date,
        now_us: i64,
    ) -> Result<usize, StoreError> {
        let mut told = 0;
        for p in tx.promised_payments_due(date).await? {
            let Some(promised) = p.promise else {
                continue;
            };
            let record = self.loan_record_in(tx, p.loan).await?;
            let history = tx.history(p.loan).await?;
            // Every other payment still pending on the loan counts first, as the review
            // counted them (and as they will post first).
            let others: Vec<store::Payment> = tx
                .payments_of_loan(p.loan)
                .await?
                .into_iter()
                .filter(|o| o.id != p.id)
                .collect();
            let pending = super::pending_of(&others);
            let (before, next) = project_next(
                &record.terms,
                history,
                &pending,
                p.credit_date,
                p.amount,
                p.extra,
            );
            if promised.holds(&next) {
                continue;
            }
            let changed = PromiseChanged {
                payment: &p,
                account: record.account_number,
                promised,
                now: &next,
                why: why_changed(promised, Promise::of(&next), &before),
            };
            // Kept with the payment in the language the borrower reads, as the portal shows
            // them; the notice goes to each in theirs.
            let lang = tx.language_of_borrower(record.borrower).await?;
            let words = promise_changed_words(lang.tr(), &changed);
            tx.record_promise_changed(p.id, &words, now_us).await?;
            let notice = payment_promise_changed(&changed, &self.servicer().phone);
            self.send_alert(tx, record.borrower, &notice, now_us)
                .await?;
            told += 1;
        }
        Ok(told)
    }
}
