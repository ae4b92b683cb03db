//! Payments as the borrower and staff see them (scheduled, posted, cancelled, declined,
//! returned), the idempotency keys of money-moving requests, and the per-loan lock a posting
//! takes. A payment becomes a transaction of the loan's history when it is posted; until then
//! it is only a row here, which is what makes it cancellable.

use crate::codec::{date_text, money_opt, narrow, parse_date, parse_vocabulary};
use crate::history::extra_text;
use crate::tx::on_tx;
use crate::{AutopayId, LoanId, LoginId, PaymentMethodId, Store, StoreError, Tx, on_pool};
use domain::loan::{ExtraTo, LoanStatus, TxnId};
use domain::payment::{MethodKind, PaymentChannel, PaymentStatus, Rail};
use jiff::civil::Date;
use money::Money;
use sqlx::Row;

/// A payment's identity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PaymentId(pub i64);

/// How a posted payment was split.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Split {
    /// To fees.
    pub fees: Money,
    /// To interest.
    pub interest: Money,
    /// To principal.
    pub principal: Money,
    /// Held unapplied (beyond the payoff).
    pub unapplied: Money,
}

impl From<&domain::loan::AppliedPayment> for Split {
    /// How the replay applied a payment.
    fn from(a: &domain::loan::AppliedPayment) -> Split {
        Split {
            fees: a.fees,
            interest: a.interest,
            principal: a.principal,
            unapplied: a.unapplied,
        }
    }
}

/// A payment to record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewPayment {
    /// The confirmation number the borrower is given.
    pub confirmation: String,
    /// The loan.
    pub loan: LoanId,
    /// The borrower's login that made it (none for staff and lockbox).
    pub login: Option<LoginId>,
    /// The method paid from.
    pub method: Option<PaymentMethodId>,
    /// The AutoPay it is a draft of.
    pub autopay: Option<AutopayId>,
    /// The installment an AutoPay draft is for.
    pub installment: Option<u32>,
    /// The returned payment this one retries.
    pub retry_of: Option<PaymentId>,
    /// How it came in.
    pub channel: PaymentChannel,
    /// How the money moves.
    pub rail: Rail,
    /// Amount.
    pub amount: Money,
    /// Where any extra goes.
    pub extra: ExtraTo,
    /// The business day it is credited as of.
    pub credit_date: Date,
    /// Scheduled, or declined for a card the processor refused.
    pub status: PaymentStatus,
    /// The processor's authorization code of a card payment.
    pub card_authorization: Option<String>,
    /// Why the processor declined it.
    pub decline_reason: Option<String>,
    /// The account debited when it is not a saved method (a bank payment taken by phone).
    pub bank: Option<crate::BankDetails>,
    /// Who made it: "login:7", "client:lockbox-feed", "ach" (drafts and retries).
    pub actor: String,
    /// The address it was made from, when a person made it.
    pub client_ip: Option<String>,
}

/// A payment as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payment {
    /// Its id.
    pub id: PaymentId,
    /// The confirmation number.
    pub confirmation: String,
    /// The loan.
    pub loan: LoanId,
    /// The login that made it.
    pub login: Option<LoginId>,
    /// The method paid from.
    pub method: Option<PaymentMethodId>,
    /// The AutoPay it is a draft of.
    pub autopay: Option<AutopayId>,
    /// The installment an AutoPay draft is for.
    pub installment: Option<u32>,
    /// The returned payment this retries.
    pub retry_of: Option<PaymentId>,
    /// How it came in.
    pub channel: PaymentChannel,
    /// How the money moves.
    pub rail: Rail,
    /// Amount.
    pub amount: Money,
    /// Where any extra goes.
    pub extra: ExtraTo,
    /// Credited as of.
    pub credit_date: Date,
    /// Where it is in its life.
    pub status: PaymentStatus,
    /// The history transaction it became.
    pub txn: Option<TxnId>,
    /// Its split when posted.
    pub split: Option<Split>,
    /// The card processor's authorization code.
    pub card_authorization: Option<String>,
    /// Why it was declined.
    pub decline_reason: Option<String>,
    /// The business date of the ACH file it went out in.
    pub ach_file_date: Option<Date>,
    /// Its ACH trace number.
    pub trace_number: Option<String>,
    /// The ACH return reason code, when returned.
    pub return_code: Option<String>,
    /// The business date it was returned (its reversal's date in the loan's history).
    pub returned_on: Option<Date>,
    /// Who made it.
    pub actor: String,
    /// When it was made.
    pub created_at_us: i64,
}

impl Payment {
    /// The row `insert_payment` wrote for `p` under `id` (so a caller need not read it back).
    pub fn recorded(id: PaymentId, p: &NewPayment, now_us: i64) -> Payment {
        Payment {
            id,
            confirmation: p.confirmation.clone(),
            loan: p.loan,
            login: p.login,
            method: p.method,
            autopay: p.autopay,
            installment: p.installment,
            retry_of: p.retry_of,
            channel: p.channel,
            rail: p.rail,
            amount: p.amount,
            extra: p.extra,
            credit_date: p.credit_date,
            status: p.status,
            txn: None,
            split: None,
            card_authorization: p.card_authorization.clone(),
            decline_reason: p.decline_reason.clone(),
            ach_file_date: None,
            trace_number: None,
            return_code: None,
            returned_on: None,
            actor: p.actor.clone(),
            created_at_us: now_us,
        }
    }
}

/// Where a borrower's alerts go: the contact on file, the login that reaches them, and that
/// login's stored choices for one alert, read in one query.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AlertContact {
    /// Email on file.
    pub email: Option<String>,
    /// Mobile on file.
    pub phone: Option<String>,
    /// The login reaching the borrower.
    pub login: Option<LoginId>,
    /// (channel, enabled) choices stored for the alert.
    pub choices: Vec<(String, bool)>,
}

impl AlertContact {
    /// The contact with the choices stored for `alert` only.
    fn for_alert(contact: &AlertContacts, alert: &str) -> Self {
        Self {
            email: contact.email.clone(),
            phone: contact.phone.clone(),
            login: contact.login,
            choices: contact
                .choices
                .iter()
                .filter(|(a, _, _)| a == alert)
                .map(|(_, channel, enabled)| (channel.clone(), *enabled))
                .collect(),
        }
    }
}

/// A borrower's contact on file, the login reaching them, and every (alert, channel,
/// enabled) choice that login stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AlertContacts {
    /// Email on file.
    pub email: Option<String>,
    /// Mobile on file.
    pub phone: Option<String>,
    /// The login reaching the borrower.
    pub login: Option<LoginId>,
    /// (alert, channel, enabled) choices stored.
    pub choices: Vec<(String, String, bool)>,
}

impl AlertContacts {
    /// The contact for one alert.
    pub fn alert(&self, alert: &str) -> AlertContact {
        AlertContact::for_alert(self, alert)
    }
}

impl Tx {
    /// The alert contacts of `borrowers` (a borrower not found has none), one read per few
    /// hundred (close of business sends a chunk's notices at once).
    pub async fn alert_contacts(
        &mut self,
        borrowers: &[crate::BorrowerId],
    ) -> Result<std::collections::HashMap<crate::BorrowerId, AlertContacts>, StoreError> {
        let mut out: std::collections::HashMap<crate::BorrowerId, AlertContacts> =
            std::collections::HashMap::new();
        for part in borrowers.chunks(crate::borrowers::CHUNK) {
            let rows = on_tx!(self, c => {
                let mut q = sqlx::QueryBuilder::new(
                    "SELECT b.id, b.email, b.phone, k.login_id, p.alert, p.channel, p.enabled FROM borrowers b
                     LEFT JOIN login_links k ON k.borrower_id = b.id
                     LEFT JOIN alert_preferences p ON p.login_id = k.login_id
                     WHERE b.id IN ",
                );
                crate::codec::push_ids(&mut q, part.iter().map(|x| x.0));
                q.build()
                    .fetch_all(&mut *c)
                    .await?
                    .iter()
                    .map(|r| Ok((
                        r.try_get::<i64, _>("id")?,
                        r.try_get::<Option<String>, _>("email")?,
                        r.try_get::<Option<String>, _>("phone")?,
                        r.try_get::<Option<i64>, _>("login_id")?,
                        r.try_get::<Option<String>, _>("alert")?,
                        r.try_get::<Option<String>, _>("channel")?,
                        r.try_get::<Option<i64>, _>("enabled")?,
                    )))
                    .collect::<Result<Vec<_>, StoreError>>()?
            });
            for (id, email, phone, login, alert, channel, enabled) in rows {
                let out = out.entry(crate::BorrowerId(id)).or_default();
                out.email = email;
                out.phone = phone;
                out.login = login.map(LoginId);
                if let (Some(a), Some(ch), Some(en)) = (alert, channel, enabled) {
                    out.choices.push((a, ch, en != 0));
                }
            }
        }
        Ok(out)
    }
}

/// What claiming an idempotency key found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyClaim {
    /// The key is new and now held by this transaction (with its response): do the work.
    New,
    /// The same request was made before: its response.
    Replay(String),
    /// The key was used for a different request.
    Conflict,
}

const COLUMNS: &str = "id, confirmation, loan_id, login_id, method_id, autopay_id, installment_number, retry_of,
    channel, rail, amount_cents, extra_to, credit_date, status, txn_id, split_fees_cents, split_interest_cents,
    split_principal_cents, split_unapplied_cents, card_authorization, decline_reason, ach_file_date,
    trace_number, return_code, returned_on, actor, created_at_us";

impl Tx {
    /// Claims an idempotency key for a request whose canonical digest is `hash`, recording
    /// `response` (what a replay is answered with: the payment's confirmation number, chosen
    /// before the payment is written). Concurrent claims of one key wait for each other (the
    /// primary key), so exactly one does the work; a rolled-back claim leaves nothing.
    pub async fn claim_key(
        &mut self,
        key: &str,
        hash: &str,
        response: &str,
        now_us: i64,
    ) -> Result<KeyClaim, StoreError> {
        let inserted = on_tx!(self, c => sqlx::query(
            "INSERT INTO idempotency_keys (key, request_hash, response, created_at_us) VALUES ($1, $2, $3, $4)
             ON CONFLICT (key) DO NOTHING",
        )
        .bind(key).bind(hash).bind(response).bind(now_us)
        .execute(&mut *c).await?.rows_affected());
        if inserted == 1 {
            return Ok(KeyClaim::New);
        }
        let row = on_tx!(self, c => sqlx::query("SELECT request_hash, response FROM idempotency_keys WHERE key = $1")
            .bind(key).fetch_one(&mut *c).await
            .and_then(|r| Ok((r.try_get::<String, _>("request_hash")?, r.try_get::<String, _>("response")?)))?);
        Ok(if row.0 == hash {
            KeyClaim::Replay(row.1)
        } else {
            KeyClaim::Conflict
        })
    }

    /// Locks a loan for a posting, then reads its history: the business date its books were
    /// last brought to, and every transaction in (date, id) order.
    ///
    /// Two statements on purpose. On PostgreSQL a locking read that also joined the history
    /// (one round trip) rechecked only the locked snapshot row once the lock was granted; the
    /// joined transactions came from the statement's snapshot, taken before the wait, so a
    /// payment committed while we waited was missing from the replay and the stored balance
    /// drifted from the ledger (issue 17). The history is read by a statement that starts
    /// after the lock is held, so it sees every posting committed before ours.
    pub async fn lock_loan_with_history(
        &mut self,
        loan: LoanId,
    ) -> Result<(Date, Vec<domain::loan::Transaction>), StoreError> {
        let as_of = self.lock_loan(loan).await?;
        Ok((as_of, self.history(loan).await?))
    }

    /// Locks a loan for a posting (other postings to it wait; SQLite's single writer already
    /// serialises them) and returns the business date its books were last brought to.
    pub async fn lock_loan(&mut self, loan: LoanId) -> Result<Date, StoreError> {
        let as_of: Option<String> = match self {
            Tx::Sqlite(t) => sqlx::query("SELECT as_of FROM loan_snapshots WHERE loan_id = $1")
                .bind(loan.0)
                .fetch_optional(&mut **t)
                .await?
                .map(|r| r.try_get("as_of"))
                .transpose()?,
            Tx::Postgres(t) => {
                sqlx::query("SELECT as_of FROM loan_snapshots WHERE loan_id = $1 FOR UPDATE")
                    .bind(loan.0)
                    .fetch_optional(&mut **t)
                    .await?
                    .map(|r| r.try_get("as_of"))
                    .transpose()?
            }
        };
        let as_of = as_of.ok_or_else(|| StoreError::NotFound {
            what: format!("snapshot of loan {}", loan.0),
        })?;
        parse_date("loan_snapshots", &as_of)
    }

    /// Records a payment.
    pub async fn insert_payment(
        &mut self,
        p: &NewPayment,
        now_us: i64,
    ) -> Result<PaymentId, StoreError> {
        let id = on_tx!(self, c => sqlx::query(
            "INSERT INTO payments (confirmation, loan_id, login_id, method_id, autopay_id, installment_number, retry_of,
               channel, rail, amount_cents, extra_to, credit_date, status, card_authorization, decline_reason, created_at_us, updated_at_us,
               actor, client_ip, bank_holder, bank_routing, bank_account_type, bank_account_enc, bank_key_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17, $18, $19, $20, $21, $22, $23) RETURNING id",
        )
        .bind(&p.confirmation).bind(p.loan.0).bind(p.login.map(|l| l.0)).bind(p.method.map(|m| m.0))
        .bind(p.autopay.map(|a| a.0)).bind(p.installment.map(i64::from)).bind(p.retry_of.map(|r| r.0))
        .bind(p.channel.as_str()).bind(p.rail.as_str()).bind(p.amount.cents()).bind(extra_text(p.extra))
        .bind(date_text(p.credit_date)).bind(p.status.as_str()).bind(&p.card_authorization).bind(&p.decline_reason).bind(now_us)
        .bind(&p.actor).bind(&p.client_ip)
        .bind(p.bank.as_ref().map(|b| &b.holder_name)).bind(p.bank.as_ref().map(|b| &b.routing_number))
        .bind(p.bank.as_ref().map(|b| &b.account_type)).bind(p.bank.as_ref().map(|b| &b.sealed_account.1))
        .bind(p.bank.as_ref().map(|b| &b.sealed_account.0))
        .fetch_one(&mut *c).await?.try_get::<i64, _>("id")?);
        Ok(PaymentId(id))
    }

    /// The account a payment taken by phone debits (none for a saved method's payment).
    pub async fn payment_bank(
        &mut self,
        id: PaymentId,
    ) -> Result<Option<crate::BankDetails>, StoreError> {
        on_tx!(self, c => sqlx::query(
            "SELECT bank_holder, bank_routing, bank_account_type, bank_account_enc, bank_key_id FROM payments WHERE id = $1 AND bank_routing IS NOT NULL",
        )
        .bind(id.0).fetch_optional(&mut *c).await?
        .map(|r| Ok(crate::BankDetails {
            holder_name: r.try_get::<Option<String>, _>("bank_holder")?.unwrap_or_default(),
            routing_number: r.try_get::<Option<String>, _>("bank_routing")?.unwrap_or_default(),
            account_type: r.try_get::<Option<String>, _>("bank_account_type")?.unwrap_or_default(),
            sealed_account: (r.try_get::<Option<String>, _>("bank_key_id")?.unwrap_or_default(), r.try_get::<Option<Vec<u8>>, _>("bank_account_enc")?.unwrap_or_default()),
        }))
        .transpose())
    }

    /// Records a payment already posted as history transaction `txn` with its split (staff
    /// payments, posted before their row is written).
    pub async fn insert_posted_payment(
        &mut self,
        p: &NewPayment,
        txn: TxnId,
        split: Split,
        now_us: i64,
    ) -> Result<PaymentId, StoreError> {
        let txn = i64::try_from(txn.0).map_err(|_| StoreError::Corrupt {
            table: "loan_transactions",
            detail: "id out of range".into(),
        })?;
        let id = on_tx!(self, c => sqlx::query(
            "INSERT INTO payments (confirmation, loan_id, login_id, method_id, autopay_id, installment_number, retry_of,
               channel, rail, amount_cents, extra_to, credit_date, status, card_authorization, decline_reason, created_at_us, updated_at_us,
               txn_id, split_fees_cents, split_interest_cents, split_principal_cents, split_unapplied_cents, actor, client_ip)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'posted', $13, $14, $15, $15, $16, $17, $18, $19, $20, $21, $22) RETURNING id",
        )
        .bind(&p.confirmation).bind(p.loan.0).bind(p.login.map(|l| l.0)).bind(p.method.map(|m| m.0))
        .bind(p.autopay.map(|a| a.0)).bind(p.installment.map(i64::from)).bind(p.retry_of.map(|r| r.0))
        .bind(p.channel.as_str()).bind(p.rail.as_str()).bind(p.amount.cents()).bind(extra_text(p.extra))
        .bind(date_text(p.credit_date)).bind(&p.card_authorization).bind(&p.decline_reason).bind(now_us)
        .bind(txn).bind(split.fees.cents()).bind(split.interest.cents()).bind(split.principal.cents()).bind(split.unapplied.cents())
        .bind(&p.actor).bind(&p.client_ip)
        .fetch_one(&mut *c).await?.try_get::<i64, _>("id")?);
        Ok(PaymentId(id))
    }

    /// Marks a payment posted as history transaction `txn` with its split.
    pub async fn mark_posted(
        &mut self,
        id: PaymentId,
        txn: TxnId,
        split: Split,
        now_us: i64,
    ) -> Result<(), StoreError> {
        let txn = i64::try_from(txn.0).map_err(|_| StoreError::Corrupt {
            table: "loan_transactions",
            detail: "id out of range".into(),
        })?;
        on_tx!(self, c => sqlx::query(
            "UPDATE payments SET status = 'posted', txn_id = $2, split_fees_cents = $3, split_interest_cents = $4,
               split_principal_cents = $5, split_unapplied_cents = $6, updated_at_us = $7 WHERE id = $1",
        )
        .bind(id.0).bind(txn).bind(split.fees.cents()).bind(split.interest.cents())
        .bind(split.principal.cents()).bind(split.unapplied.cents()).bind(now_us)
        .execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// Records the split a scheduled payment is expected to have (shown on its receipt until
    /// it posts and the real split replaces it).
    pub async fn set_expected_split(
        &mut self,
        id: PaymentId,
        split: Split,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query(
            "UPDATE payments SET split_fees_cents = $2, split_interest_cents = $3, split_principal_cents = $4, split_unapplied_cents = $5
             WHERE id = $1 AND status = 'scheduled'",
        )
        .bind(id.0).bind(split.fees.cents()).bind(split.interest.cents()).bind(split.principal.cents()).bind(split.unapplied.cents())
        .execute(&mut *c).await?.rows_affected());
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

    /// One payment, read inside this transaction.
    pub async fn payment(&mut self, id: PaymentId) -> Result<Option<Payment>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM payments WHERE id = $1");
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id.0).fetch_optional(&mut *c).await?.map(|r| payment(&r)).transpose())
    }

    /// The payment with this confirmation number.
    pub async fn payment_by_confirmation(
        &mut self,
        confirmation: &str,
    ) -> Result<Option<Payment>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM payments WHERE confirmation = $1");
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(confirmation).fetch_optional(&mut *c).await?.map(|r| payment(&r)).transpose())
    }

    /// The payment an ACH trace number belongs to.
    pub async fn payment_by_trace(&mut self, trace: &str) -> Result<Option<Payment>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM payments WHERE trace_number = $1");
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(trace).fetch_optional(&mut *c).await?.map(|r| payment(&r)).transpose())
    }

    /// Bank payments to send in the file of `date`: scheduled, credited on or before it, not
    /// yet in a file; in id order.
    pub async fn payments_to_originate(&mut self, date: Date) -> Result<Vec<Payment>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM payments WHERE status = 'scheduled' AND rail = 'ach' AND credit_date <= $1
             AND ach_file_date IS NULL ORDER BY id"
        );
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(date_text(date)).fetch_all(&mut *c).await?.iter().map(payment).collect())
    }

    /// The payments that went out in the file of `date`, in id order.
    pub async fn payments_in_file(&mut self, date: Date) -> Result<Vec<Payment>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM payments WHERE ach_file_date = $1 ORDER BY id");
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(date_text(date)).fetch_all(&mut *c).await?.iter().map(payment).collect())
    }

    /// Puts a payment in the file of `date` under `trace`.
    pub async fn assign_trace(
        &mut self,
        id: PaymentId,
        date: Date,
        trace: &str,
        now_us: i64,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("UPDATE payments SET ach_file_date = $2, trace_number = $3, updated_at_us = $4 WHERE id = $1")
            .bind(id.0).bind(date_text(date)).bind(trace).bind(now_us).execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// Marks a posted payment returned on business date `on` with the bank's reason code.
    pub async fn mark_returned(
        &mut self,
        id: PaymentId,
        code: &str,
        on: Date,
        now_us: i64,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("UPDATE payments SET status = 'returned', return_code = $2, returned_on = $3, updated_at_us = $4 WHERE id = $1")
            .bind(id.0).bind(code).bind(date_text(on)).bind(now_us).execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// Retries already made of a returned payment (and its retries) since `since`.
    pub async fn retries_of(&mut self, first: PaymentId) -> Result<i64, StoreError> {
        on_tx!(self, c => sqlx::query("SELECT COUNT(*) AS n FROM payments WHERE retry_of = $1")
            .bind(first.0).fetch_one(&mut *c).await.and_then(|r| r.try_get::<i64, _>("n")).map_err(StoreError::from))
    }
}

impl Store {
    /// A key already claimed and committed: its request digest and response.
    pub async fn idempotency_key(&self, key: &str) -> Result<Option<(String, String)>, StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT request_hash, response FROM idempotency_keys WHERE key = $1")
            .bind(key).fetch_optional(pool).await?
            .map(|r| Ok((r.try_get("request_hash")?, r.try_get("response")?)))
            .transpose())
    }

    /// The payment with this confirmation number.
    pub async fn payment_by_confirmation(
        &self,
        confirmation: &str,
    ) -> Result<Option<Payment>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM payments WHERE confirmation = $1");
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(confirmation).fetch_optional(pool).await?.map(|r| payment(&r)).transpose())
    }

    /// The payments of a loan the caller has scoped, newest first.
    pub async fn payments_of_loan(&self, loan: LoanId) -> Result<Vec<Payment>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM payments WHERE loan_id = $1 ORDER BY id DESC");
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(loan.0).fetch_all(pool).await?.iter().map(payment).collect())
    }

    /// One payment made by `login` (or on a loan `login` reaches), or `None`.
    pub async fn payment_of_login(
        &self,
        login: LoginId,
        id: PaymentId,
    ) -> Result<Option<Payment>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM payments WHERE id = $1
             AND loan_id IN (SELECT l.id FROM loans l JOIN login_links k ON k.borrower_id = l.borrower_id WHERE k.login_id = $2)"
        );
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id.0).bind(login.0).fetch_optional(pool).await?.map(|r| payment(&r)).transpose())
    }

    /// The scheduled payments on the loans `login` reaches, soonest first.
    pub async fn scheduled_payments_of_login(
        &self,
        login: LoginId,
    ) -> Result<Vec<Payment>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM payments WHERE status = 'scheduled'
             AND loan_id IN (SELECT l.id FROM loans l JOIN login_links k ON k.borrower_id = l.borrower_id WHERE k.login_id = $1)
             ORDER BY credit_date, id"
        );
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(login.0).fetch_all(pool).await?.iter().map(payment).collect())
    }

    /// How many payments there are in each status (for the crash test and operators).
    pub async fn payment_counts(&self) -> Result<Vec<(PaymentStatus, i64, Money)>, StoreError> {
        on_pool!(self, pool => sqlx::query("SELECT status, COUNT(*) AS n, CAST(SUM(amount_cents) AS BIGINT) AS total FROM payments GROUP BY status ORDER BY status")
            .fetch_all(pool).await?.iter()
            .map(|r| Ok((
                parse_vocabulary("payments", "status", &r.try_get::<String, _>("status")?, PaymentStatus::parse)?,
                r.try_get("n")?,
                Money::from_cents(r.try_get::<Option<i64>, _>("total")?.unwrap_or(0)),
            )))
            .collect())
    }
}

fn payment<R: Row>(r: &R) -> Result<Payment, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<i64>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let opt =
        |col: &str| -> Result<Option<i64>, StoreError> { Ok(r.try_get::<Option<i64>, _>(col)?) };
    let split = match (
        opt("split_fees_cents")?,
        opt("split_interest_cents")?,
        opt("split_principal_cents")?,
        opt("split_unapplied_cents")?,
    ) {
        (Some(f), Some(i), Some(p), Some(u)) => Some(Split {
            fees: Money::from_cents(f),
            interest: Money::from_cents(i),
            principal: Money::from_cents(p),
            unapplied: Money::from_cents(u),
        }),
        _ => None,
    };
    Ok(Payment {
        id: PaymentId(r.try_get("id")?),
        confirmation: r.try_get("confirmation")?,
        loan: LoanId(r.try_get("loan_id")?),
        login: opt("login_id")?.map(LoginId),
        method: opt("method_id")?.map(PaymentMethodId),
        autopay: opt("autopay_id")?.map(AutopayId),
        installment: opt("installment_number")?
            .map(|n| narrow("payments", n))
            .transpose()?,
        retry_of: opt("retry_of")?.map(PaymentId),
        channel: parse_vocabulary(
            "payments",
            "channel",
            &r.try_get::<String, _>("channel")?,
            PaymentChannel::parse,
        )?,
        rail: parse_vocabulary(
            "payments",
            "rail",
            &r.try_get::<String, _>("rail")?,
            Rail::parse,
        )?,
        amount: money_opt(opt("amount_cents")?).unwrap_or(Money::ZERO),
        extra: match r.try_get::<String, _>("extra_to")?.as_str() {
            "next_installment" => ExtraTo::NextInstallment,
            _ => ExtraTo::Principal,
        },
        credit_date: parse_date("payments", &r.try_get::<String, _>("credit_date")?)?,
        status: parse_vocabulary(
            "payments",
            "status",
            &r.try_get::<String, _>("status")?,
            PaymentStatus::parse,
        )?,
        txn: opt("txn_id")?
            .map(|t| narrow("payments", t).map(TxnId))
            .transpose()?,
        split,
        card_authorization: r.try_get("card_authorization")?,
        decline_reason: r.try_get("decline_reason")?,
        ach_file_date: r
            .try_get::<Option<String>, _>("ach_file_date")?
            .map(|d| parse_date("payments", &d))
            .transpose()?,
        trace_number: r.try_get("trace_number")?,
        return_code: r.try_get("return_code")?,
        returned_on: r
            .try_get::<Option<String>, _>("returned_on")?
            .map(|d| parse_date("payments", &d))
            .transpose()?,
        actor: r.try_get("actor")?,
        created_at_us: r.try_get("created_at_us")?,
    })
}

impl Tx {
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
}

impl Store {
    /// Card payments still scheduled (not charged or not answered) made before `before_us`.
    pub async fn stuck_card_payments(&self, before_us: i64) -> Result<Vec<Payment>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM payments WHERE rail = 'card' AND status = 'scheduled' AND created_at_us < $1 ORDER BY id LIMIT 100"
        );
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(before_us).fetch_all(pool).await?.iter().map(payment).collect())
    }
}

impl Tx {
    /// A loan's status as of its snapshot (`None` for a loan without one).
    pub async fn loan_status(&mut self, loan: LoanId) -> Result<Option<LoanStatus>, StoreError> {
        let text: Option<String> = on_tx!(self, c => sqlx::query("SELECT status FROM loan_snapshots WHERE loan_id = $1")
            .bind(loan.0).fetch_optional(&mut *c).await?.map(|r| r.try_get("status")).transpose()?);
        text.map(|t| parse_vocabulary("loan_snapshots", "status", &t, LoanStatus::parse))
            .transpose()
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

    /// When the file of `date` was first made (its header's creation time).
    pub async fn ach_file_created(&mut self, date: Date) -> Result<i64, StoreError> {
        on_tx!(self, c => sqlx::query("SELECT created_at_us FROM ach_files WHERE file_date = $1")
            .bind(date_text(date)).fetch_one(&mut *c).await?.try_get("created_at_us").map_err(StoreError::from))
    }
}

impl Store {
    /// One payment by id (for the app's own follow-up work, not for borrowers: unscoped).
    pub async fn payment_row(&self, id: PaymentId) -> Result<Option<Payment>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM payments WHERE id = $1");
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id.0).fetch_optional(pool).await?.map(|r| payment(&r)).transpose())
    }
}

impl Tx {
    /// The payments of a loan, newest first, read inside this transaction.
    pub async fn payments_of_loan(&mut self, loan: LoanId) -> Result<Vec<Payment>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM payments WHERE loan_id = $1 ORDER BY id DESC");
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(loan.0).fetch_all(&mut *c).await?.iter().map(payment).collect())
    }

    /// The scheduled (not yet sent) payments of `loans`, by loan.
    pub async fn scheduled_payments_of(
        &mut self,
        loans: &[LoanId],
    ) -> Result<std::collections::HashMap<LoanId, Vec<Payment>>, StoreError> {
        let mut out: std::collections::HashMap<LoanId, Vec<Payment>> =
            std::collections::HashMap::new();
        for part in loans.chunks(crate::borrowers::CHUNK) {
            let found: Vec<Payment> = on_tx!(self, c => {
                let mut q = sqlx::QueryBuilder::new(format!("SELECT {COLUMNS} FROM payments WHERE status = 'scheduled' AND loan_id IN "));
                crate::codec::push_ids(&mut q, part.iter().map(|x| x.0));
                q.build().fetch_all(&mut *c).await?.iter().map(payment).collect::<Result<_, StoreError>>()?
            });
            for p in found {
                out.entry(p.loan).or_default().push(p);
            }
        }
        Ok(out)
    }
}
