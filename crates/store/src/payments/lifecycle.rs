//! A payment recorded, the card processor's answer to it, and its cancellation (by the
//! borrower, with its AutoPay, or unsent because its loan is no longer active).

use super::{NewPayment, PaymentId};
use crate::codec::{date_text, parse_vocabulary};
use crate::history::extra_text;
use crate::tx::on_tx;
use crate::{AutopayId, LoanId, LoginId, PaymentMethodId, StoreError, Tx};
use domain::payment::{MethodKind, PaymentStatus};
use jiff::civil::Date;
use sqlx::Row;

impl Tx {
    /// Records a payment.
    pub async fn insert_payment(
        &mut self,
        p: &NewPayment,
        now_us: i64,
    ) -> Result<PaymentId, StoreError> {
        let id = on_tx!(self, c => sqlx::query(
            "INSERT INTO payments (confirmation, loan_id, login_id, method_id, autopay_id, installment_number, retry_of,
               channel, rail, amount_cents, extra_to, credit_date, status, card_authorization, decline_reason, created_at_us, updated_at_us,
               actor, client_ip, bank_holder, bank_routing, bank_account_type, bank_account_enc, bank_key_id, draft_on)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17, $18, $19, $20, $21, $22, $23, $24) RETURNING id",
        )
        .bind(&p.confirmation).bind(p.loan.0).bind(p.login.map(|l| l.0)).bind(p.method.map(|m| m.0))
        .bind(p.autopay.map(|a| a.0)).bind(p.installment.map(i64::from)).bind(p.retry_of.map(|r| r.0))
        .bind(p.channel.as_str()).bind(p.rail.as_str()).bind(p.amount.cents()).bind(extra_text(p.extra))
        .bind(date_text(p.credit_date)).bind(p.status.as_str()).bind(&p.card_authorization).bind(&p.decline_reason).bind(now_us)
        .bind(&p.actor).bind(&p.client_ip)
        .bind(p.bank.as_ref().map(|b| &b.holder_name)).bind(p.bank.as_ref().map(|b| &b.routing_number))
        .bind(p.bank.as_ref().map(|b| &b.account_type)).bind(p.bank.as_ref().map(|b| &b.sealed_account.1))
        .bind(p.bank.as_ref().map(|b| &b.sealed_account.0))
        .bind(p.draft_on.map(date_text))
        .fetch_one(&mut *c).await?.try_get::<i64, _>("id")?);
        Ok(PaymentId(id))
    }

    /// Records a card charge's answer: the authorization (the caller posts the payment), or
    /// the decline.
    pub async fn record_card_result(
        &mut self,
        id: PaymentId,
        result: Result<&str, &str>,
        now_us: i64,
    ) -> Result<(), StoreError> {
        let (auth, decline, status) = match result {
            Ok(a) => (Some(a), None, PaymentStatus::Scheduled),
            Err(r) => (None, Some(r), PaymentStatus::Declined),
        };
        on_tx!(self, c => sqlx::query("UPDATE payments SET card_authorization = $2, decline_reason = $3, status = $4, updated_at_us = $5 WHERE id = $1")
            .bind(id.0).bind(auth).bind(decline).bind(status.as_str()).bind(now_us).execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// Cancels a scheduled bank payment of `login` not yet sent; false when there is none such
    /// (a card payment being charged cannot be cancelled: the charge may already be made).
    pub async fn cancel_payment(
        &mut self,
        login: LoginId,
        id: PaymentId,
        now_us: i64,
    ) -> Result<bool, StoreError> {
        Ok(on_tx!(self, c => sqlx::query(
            "UPDATE payments SET status = 'cancelled', updated_at_us = $3
             WHERE id = $1 AND login_id = $2 AND status = 'scheduled' AND rail = 'ach' AND ach_file_date IS NULL",
        )
        .bind(id.0).bind(login.0).bind(now_us)
        .execute(&mut *c).await?.rows_affected())
            == 1)
    }

    /// Cancels every scheduled, unsent draft of an AutoPay (when it is cancelled or stopped).
    pub async fn cancel_drafts(
        &mut self,
        autopay: AutopayId,
        now_us: i64,
    ) -> Result<u64, StoreError> {
        Ok(on_tx!(self, c => sqlx::query(
            "UPDATE payments SET status = 'cancelled', updated_at_us = $2
             WHERE autopay_id = $1 AND status = 'scheduled' AND ach_file_date IS NULL",
        )
        .bind(autopay.0).bind(now_us)
        .execute(&mut *c).await?.rows_affected()))
    }

    /// Cancels every scheduled, unsent draft of an AutoPay credited after `after` (when it is
    /// changed on `after`: a draft for that day, made already, goes out as made).
    pub async fn cancel_drafts_after(
        &mut self,
        autopay: AutopayId,
        after: Date,
        now_us: i64,
    ) -> Result<u64, StoreError> {
        Ok(on_tx!(self, c => sqlx::query(
            "UPDATE payments SET status = 'cancelled', updated_at_us = $2
             WHERE autopay_id = $1 AND status = 'scheduled' AND ach_file_date IS NULL
               AND credit_date > $3",
        )
        .bind(autopay.0).bind(now_us).bind(date_text(after))
        .execute(&mut *c).await?.rows_affected()))
    }

    /// Cancels a scheduled payment that will not be sent (its loan is no longer active).
    pub async fn cancel_unsent(&mut self, id: PaymentId, now_us: i64) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("UPDATE payments SET status = 'cancelled', updated_at_us = $2 WHERE id = $1 AND status = 'scheduled'")
            .bind(id.0).bind(now_us).execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// Whether an AutoPay already has its draft for an installment.
    pub async fn draft_exists(
        &mut self,
        autopay: AutopayId,
        installment: u32,
    ) -> Result<bool, StoreError> {
        on_tx!(self, c => Ok(sqlx::query("SELECT 1 AS one FROM payments WHERE autopay_id = $1 AND installment_number = $2 AND retry_of IS NULL")
            .bind(autopay.0).bind(i64::from(installment)).fetch_optional(&mut *c).await?.is_some()))
    }

    /// Whether a twice-monthly or biweekly AutoPay already has its draft for draft day `on`.
    pub async fn draft_on_exists(
        &mut self,
        autopay: AutopayId,
        on: Date,
    ) -> Result<bool, StoreError> {
        on_tx!(self, c => Ok(sqlx::query("SELECT 1 AS one FROM payments WHERE autopay_id = $1 AND draft_on = $2 AND retry_of IS NULL")
            .bind(autopay.0).bind(date_text(on)).fetch_optional(&mut *c).await?.is_some()))
    }

    /// Whether `loan` already has an AutoPay draft for day `on` that is not cancelled: of any
    /// of its AutoPays, ended ones too (a draft sent, or on its way, before the borrower
    /// changed their AutoPay). A first draft, not a retry; its day is its draft day, or a
    /// monthly draft's credit date.
    pub async fn loan_has_autopay_draft_on(
        &mut self,
        loan: LoanId,
        on: Date,
    ) -> Result<bool, StoreError> {
        on_tx!(self, c => Ok(sqlx::query(
            "SELECT 1 AS one FROM payments
             WHERE loan_id = $1 AND autopay_id IS NOT NULL AND retry_of IS NULL
               AND status <> 'cancelled' AND COALESCE(draft_on, credit_date) = $2",
        )
        .bind(loan.0).bind(date_text(on)).fetch_optional(&mut *c).await?.is_some()))
    }

    /// A saved method's kind (`None` for no such method).
    pub async fn method_kind(
        &mut self,
        id: PaymentMethodId,
    ) -> Result<Option<MethodKind>, StoreError> {
        let text: Option<String> = on_tx!(self, c => sqlx::query("SELECT kind FROM payment_methods WHERE id = $1")
            .bind(id.0).fetch_optional(&mut *c).await?.map(|r| r.try_get("kind")).transpose()?);
        text.map(|t| parse_vocabulary("payment_methods", "kind", &t, MethodKind::parse))
            .transpose()
    }
}
