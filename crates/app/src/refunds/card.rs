//! Card refunds: the charge refunded through the card processor port, under the refund's
//! reference as its key (a retry never refunds twice), outside any transaction; when the
//! processor accepts, the refund is marked sent and its entry posted (Dr refunds payable, Cr
//! cash/clearing). One the processor could not take stays pending for
//! [`App::resume_card_refunds`]. One the processor refuses for good (the charge already
//! refunded or disputed, too old, more than is left to refund) would be refused again on
//! every retry, so it is marked failed with the processor's reason and reversed in the loan's
//! history in one transaction, as a returned ACH refund credit is: no money left, so no cash
//! entry; the restatement takes it out of refunds payable and puts it back in the loan's
//! unapplied funds (Dr refunds payable, Cr unapplied funds), where the credit-balance report
//! lists it for staff to refund again another way.

use crate::App;
use crate::payments::cards::CardError;
use domain::ledger::refund_sent;
use domain::loan::TxnId;
use money::Money;
use store::{AuditEvent, LoanId, RefundState, StoreError};

/// A card refund to send.
pub(super) struct CardRefund<'a> {
    /// The refund's id.
    pub(super) id: i64,
    /// Its loan.
    pub(super) loan: LoanId,
    /// The refund transaction of the loan's history (reversed when the processor refuses).
    pub(super) txn: TxnId,
    /// Its amount.
    pub(super) amount: Money,
    /// Its reference: the processor's idempotency key.
    pub(super) reference: &'a str,
    /// The processor's authorization of the charge refunded.
    pub(super) authorization: &'a str,
}

impl App {
    /// Sends card refund `r` through the processor; where it is now: sent when it was
    /// accepted (recorded sent, its entry posted), failed when the processor refused it for
    /// good (recorded failed and reversed: `card_refund_refused`), pending when the
    /// processor could not be reached (it is sent again later under the same key).
    pub(super) async fn send_card_refund(
        &self,
        r: &CardRefund<'_>,
    ) -> Result<RefundState, StoreError> {
        match self
            .cards
            .refund(r.authorization, r.amount, r.reference)
            .await
        {
            Ok(()) => {}
            Err(CardError::Refused(reason)) => {
                tracing::warn!(refund = r.id, %reason, "card refund refused by the processor; reversed for staff to refund another way");
                self.card_refund_refused(r, &reason).await?;
                return Ok(RefundState::Failed);
            }
            Err(e) => {
                tracing::warn!(refund = r.id, error = %e, "card refund not accepted now; it will be sent again under the same key");
                return Ok(RefundState::Pending);
            }
        }
        let today = self.business_date().await?;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        // Another instance may have sent it meanwhile (the sweep): then nothing more is posted.
        if tx.mark_refund_sent(r.id, None, now).await? {
            if let Some(entry) = refund_sent(today, r.amount) {
                tx.post_entries(&[(Some(r.loan), entry)], now).await?;
            }
            tx.audit(
                &AuditEvent {
                    actor: "cards".into(),
                    action: "refund.sent".into(),
                    subject: format!("loan:{}", r.loan.0),
                    detail: serde_json::json!({
                        "reference": r.reference,
                        "amount_cents": r.amount.cents(),
                        "method": "card",
                    })
                    .to_string(),
                },
                now,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(RefundState::Sent)
    }

    /// Card refund `r` refused for good by the processor for `reason`, in one transaction:
    /// marked failed with the reason (listed for staff on the credit-balance report and the
    /// loan's refund page), reversed in the loan's history through the one posting path so
    /// the money is back in the loan's unapplied funds (nothing left, so no cash entry), and
    /// audited. Nothing more when it is no longer pending (another instance's sweep got the
    /// same answer first, or the processor accepted it there).
    async fn card_refund_refused(
        &self,
        r: &CardRefund<'_>,
        reason: &str,
    ) -> Result<(), StoreError> {
        let today = self.business_date().await?;
        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        if !tx.mark_card_refund_refused(r.id, reason, now).await? {
            tx.commit().await?;
            return Ok(());
        }
        let (reversal, as_of) = self
            .reverse_refund(&mut tx, r.loan, r.txn, today, now)
            .await?;
        tx.audit(
            &AuditEvent {
                actor: "cards".into(),
                action: "refund.refused".into(),
                subject: format!("loan:{}", r.loan.0),
                detail: serde_json::json!({
                    "reference": r.reference,
                    "amount_cents": r.amount.cents(),
                    "method": "card",
                    "reason": reason,
                    "reversal_txn": reversal.0,
                    "date": as_of.to_string(),
                })
                .to_string(),
            },
            now,
        )
        .await?;
        tx.commit().await?;
        self.forget_cached_views();
        Ok(())
    }

    /// Sends again the card refunds the processor could not take when they were decided
    /// (decided more than a minute ago and still pending), under the same keys: never a
    /// second refund. One refused for good now is failed and reversed, and no longer sent.
    /// How many were accepted now.
    pub async fn resume_card_refunds(&self) -> Result<usize, StoreError> {
        let waiting = self
            .store()
            .card_refunds_to_send(self.now_us() - 60_000_000)
            .await?;
        let mut sent = 0;
        for (r, authorization) in &waiting {
            let card = CardRefund {
                id: r.id,
                loan: r.loan,
                txn: r.txn,
                amount: r.amount,
                reference: &r.reference,
                authorization,
            };
            if self.send_card_refund(&card).await? == RefundState::Sent {
                sent += 1;
            }
        }
        Ok(sent)
    }
}
