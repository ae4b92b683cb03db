//! Saved payment methods of a login: bank accounts (the account number sealed by the app,
//! only its last four in the clear) and cards (the processor's token, never the number).
//! Every read is scoped by the login; removing one keeps the row for the payments made with it.

use crate::codec::parse_vocabulary;
use crate::tx::on_tx;
use crate::{LoginId, Store, StoreError, Tx, on_pool};
use domain::payment::MethodKind;
use sqlx::Row;

/// A payment method's identity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PaymentMethodId(pub i64);

/// A bank account to save.
#[derive(Clone, PartialEq, Eq)]
pub struct NewBankAccount {
    /// The borrower's name for it ("Everyday checking").
    pub nickname: String,
    /// The account holder.
    pub holder_name: String,
    /// The 9-digit routing number.
    pub routing_number: String,
    /// "checking" or "savings".
    pub account_type: String,
    /// The sealed account number and the key id that sealed it.
    pub sealed_account: (String, Vec<u8>),
    /// Its last four digits.
    pub last4: String,
}

impl std::fmt::Debug for NewBankAccount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "NewBankAccount({} ••••{})",
            self.routing_number, self.last4
        )
    }
}

/// A saved method as listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentMethod {
    /// Its id.
    pub id: PaymentMethodId,
    /// A bank account or a card.
    pub kind: MethodKind,
    /// The borrower's name for it.
    pub nickname: String,
    /// The account holder.
    pub holder_name: String,
    /// For a bank account: its routing number.
    pub routing_number: Option<String>,
    /// For a bank account: "checking" or "savings".
    pub account_type: Option<String>,
    /// Last four digits.
    pub last4: String,
    /// For a card: its brand.
    pub card_brand: Option<String>,
}

/// A card to save: what the processor returned for it. Never the number or the CVV.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewCard {
    /// The borrower's name for it.
    pub nickname: String,
    /// The cardholder.
    pub holder_name: String,
    /// The processor's token.
    pub token: String,
    /// "Visa", "Mastercard"…
    pub brand: String,
    /// Last four digits.
    pub last4: String,
    /// Expiry as MM/YY.
    pub expiry: String,
}

impl Tx {
    /// Saves a card (its token) for `login`.
    pub async fn insert_card(
        &mut self,
        login: LoginId,
        card: &NewCard,
        now_us: i64,
    ) -> Result<PaymentMethodId, StoreError> {
        let id = on_tx!(self, c => sqlx::query(
            "INSERT INTO payment_methods (login_id, kind, nickname, holder_name, last4, card_token, card_brand, card_expiry, created_at_us)
             VALUES ($1, 'card', $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(login.0).bind(&card.nickname).bind(&card.holder_name).bind(&card.last4)
        .bind(&card.token).bind(&card.brand).bind(&card.expiry).bind(now_us)
        .fetch_one(&mut *c).await?.try_get::<i64, _>("id")?);
        Ok(PaymentMethodId(id))
    }

    /// A live method of `login` with its card token, if it is theirs.
    pub async fn payment_method_of(
        &mut self,
        login: LoginId,
        id: PaymentMethodId,
    ) -> Result<Option<(PaymentMethod, Option<String>)>, StoreError> {
        on_tx!(self, c => sqlx::query(
            "SELECT id, kind, nickname, holder_name, routing_number, account_type, last4, card_brand, card_token FROM payment_methods
             WHERE id = $1 AND login_id = $2 AND removed_at_us IS NULL",
        )
        .bind(id.0).bind(login.0).fetch_optional(&mut *c).await?
        .map(|r| Ok((method(&r)?, r.try_get("card_token")?)))
        .transpose())
    }

    /// Saves a bank account for `login`.
    pub async fn insert_bank_account(
        &mut self,
        login: LoginId,
        a: &NewBankAccount,
        now_us: i64,
    ) -> Result<PaymentMethodId, StoreError> {
        let id = on_tx!(self, c => sqlx::query(
            "INSERT INTO payment_methods (login_id, kind, nickname, holder_name, routing_number, account_type, account_enc, account_key_id, last4, created_at_us)
             VALUES ($1, 'bank', $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(login.0).bind(&a.nickname).bind(&a.holder_name).bind(&a.routing_number).bind(&a.account_type)
        .bind(&a.sealed_account.1).bind(&a.sealed_account.0).bind(&a.last4).bind(now_us)
        .fetch_one(&mut *c).await?.try_get::<i64, _>("id")?);
        Ok(PaymentMethodId(id))
    }

    /// Removes a method of `login`; false when it is not one of theirs (or already removed).
    pub async fn remove_payment_method(
        &mut self,
        login: LoginId,
        id: PaymentMethodId,
        now_us: i64,
    ) -> Result<bool, StoreError> {
        Ok(on_tx!(self, c => sqlx::query(
            "UPDATE payment_methods SET removed_at_us = $3 WHERE id = $1 AND login_id = $2 AND removed_at_us IS NULL",
        )
        .bind(id.0).bind(login.0).bind(now_us)
        .execute(&mut *c).await?.rows_affected())
            == 1)
    }
}

impl Store {
    /// The live methods of `login`, oldest first.
    pub async fn payment_methods(&self, login: LoginId) -> Result<Vec<PaymentMethod>, StoreError> {
        on_pool!(self, pool => sqlx::query(
            "SELECT id, kind, nickname, holder_name, routing_number, account_type, last4, card_brand FROM payment_methods
             WHERE login_id = $1 AND removed_at_us IS NULL ORDER BY id",
        )
        .bind(login.0).fetch_all(pool).await?.iter()
        .map(method)
        .collect())
    }
}

fn method<R: Row>(r: &R) -> Result<PaymentMethod, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    Ok(PaymentMethod {
        id: PaymentMethodId(r.try_get("id")?),
        kind: parse_vocabulary(
            "payment_methods",
            "kind",
            &r.try_get::<String, _>("kind")?,
            MethodKind::parse,
        )?,
        nickname: r.try_get("nickname")?,
        holder_name: r.try_get("holder_name")?,
        routing_number: r.try_get("routing_number")?,
        account_type: r.try_get("account_type")?,
        last4: r.try_get("last4")?,
        card_brand: r.try_get("card_brand")?,
    })
}
