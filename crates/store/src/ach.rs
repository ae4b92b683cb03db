//! The ACH files sent (one per business date) and received (by content digest), and the bank
//! details an origination reads and a notification of change updates.

use crate::codec::date_text;
use crate::tx::on_tx;
use crate::{PaymentMethodId, StoreError, Tx};
use jiff::civil::Date;
use money::Money;
use sqlx::Row;

/// A debit file originated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AchFile {
    /// Entries in it.
    pub entry_count: i64,
    /// Their total.
    pub debit_total: Money,
    /// The name it was written under.
    pub file_name: String,
}

/// A saved bank account with its sealed number, for origination.
#[derive(Clone, PartialEq, Eq)]
pub struct BankDetails {
    /// The account holder.
    pub holder_name: String,
    /// Routing number.
    pub routing_number: String,
    /// "checking" or "savings".
    pub account_type: String,
    /// The sealing key's id and the sealed account number.
    pub sealed_account: (String, Vec<u8>),
}

impl std::fmt::Debug for BankDetails {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "BankDetails({} sealed)", self.routing_number)
    }
}

impl Tx {
    /// The file of `date`, if one was originated.
    pub async fn ach_file(&mut self, date: Date) -> Result<Option<AchFile>, StoreError> {
        on_tx!(self, c => sqlx::query("SELECT entry_count, debit_cents, file_name FROM ach_files WHERE file_date = $1")
            .bind(date_text(date)).fetch_optional(&mut *c).await?
            .map(|r| Ok(AchFile { entry_count: r.try_get("entry_count")?, debit_total: Money::from_cents(r.try_get("debit_cents")?), file_name: r.try_get("file_name")? }))
            .transpose())
    }

    /// Records the file of `date`.
    pub async fn insert_ach_file(
        &mut self,
        date: Date,
        f: &AchFile,
        now_us: i64,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query("INSERT INTO ach_files (file_date, entry_count, debit_cents, file_name, created_at_us) VALUES ($1, $2, $3, $4, $5)")
            .bind(date_text(date)).bind(f.entry_count).bind(f.debit_total.cents()).bind(&f.file_name).bind(now_us)
            .execute(&mut *c).await?.rows_affected());
        Ok(())
    }

    /// Records an inbound file by digest; false when it was read before.
    pub async fn record_inbound_file(
        &mut self,
        digest: &str,
        name: &str,
        returns: i64,
        corrections: i64,
        now_us: i64,
    ) -> Result<bool, StoreError> {
        Ok(on_tx!(self, c => sqlx::query(
            "INSERT INTO ach_inbound_files (digest, file_name, returns, corrections, created_at_us) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (digest) DO NOTHING",
        )
        .bind(digest).bind(name).bind(returns).bind(corrections).bind(now_us)
        .execute(&mut *c).await?.rows_affected())
            == 1)
    }

    /// A bank account's details for a debit (removed accounts too: a draft already made from
    /// one still goes out), or for writing again a file that went out.
    pub async fn bank_details(
        &mut self,
        id: PaymentMethodId,
    ) -> Result<Option<BankDetails>, StoreError> {
        self.bank_details_where(id, "").await
    }

    /// A bank account's details for a credit going out now (a refund): only an account the
    /// borrower has not removed, so no money is sent to an account they took away.
    pub async fn live_bank_details(
        &mut self,
        id: PaymentMethodId,
    ) -> Result<Option<BankDetails>, StoreError> {
        self.bank_details_where(id, " AND removed_at_us IS NULL")
            .await
    }

    /// A saved bank account's details, if it is one and meets `and` (more of the condition).
    async fn bank_details_where(
        &mut self,
        id: PaymentMethodId,
        and: &'static str,
    ) -> Result<Option<BankDetails>, StoreError> {
        let sql = format!(
            "SELECT holder_name, routing_number, account_type, account_key_id, account_enc FROM payment_methods WHERE id = $1 AND kind = 'bank'{and}"
        );
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id.0).fetch_optional(&mut *c).await?
        .map(|r| Ok(BankDetails {
            holder_name: r.try_get("holder_name")?,
            routing_number: r.try_get::<Option<String>, _>("routing_number")?.unwrap_or_default(),
            account_type: r.try_get::<Option<String>, _>("account_type")?.unwrap_or_default(),
            sealed_account: (r.try_get::<Option<String>, _>("account_key_id")?.unwrap_or_default(), r.try_get::<Option<Vec<u8>>, _>("account_enc")?.unwrap_or_default()),
        }))
        .transpose())
    }

    /// Applies a notification of change to a saved bank account: whichever of the routing
    /// number, the sealed account number (with its last four) and the account type it corrects.
    pub async fn correct_bank_details(
        &mut self,
        id: PaymentMethodId,
        routing_number: Option<&str>,
        account: Option<(&(String, Vec<u8>), &str)>,
        account_type: Option<&str>,
    ) -> Result<(), StoreError> {
        if let Some(routing) = routing_number {
            on_tx!(self, c => sqlx::query("UPDATE payment_methods SET routing_number = $2 WHERE id = $1")
                .bind(id.0).bind(routing).execute(&mut *c).await?.rows_affected());
        }
        if let Some(((key, sealed), last4)) = account {
            on_tx!(self, c => sqlx::query("UPDATE payment_methods SET account_key_id = $2, account_enc = $3, last4 = $4 WHERE id = $1")
                .bind(id.0).bind(key).bind(sealed).bind(last4).execute(&mut *c).await?.rows_affected());
        }
        if let Some(kind) = account_type {
            on_tx!(self, c => sqlx::query("UPDATE payment_methods SET account_type = $2 WHERE id = $1")
                .bind(id.0).bind(kind).execute(&mut *c).await?.rows_affected());
        }
        Ok(())
    }
}
