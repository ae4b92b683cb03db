//! Saved payment methods: bank accounts (the account number sealed by the app, only its last
//! four in the clear) and cards (the processor's token, never the number). Each has one owner
//! ([`MethodOwner`]): a portal login, or a borrower who had not enrolled when AutoPay was set
//! up for them by phone (ADR 0022). A login reaches its own and those of the borrowers it
//! links; a borrower reaches the same set as their login, or their own when they have none.
//! Every read is scoped by one of the two; removing one keeps the row for the payments made
//! with it.

use crate::codec::parse_vocabulary;
use crate::tx::on_tx;
use crate::{BorrowerId, LoanId, LoginId, Store, StoreError, Tx, on_pool};
use domain::payment::MethodKind;
use sqlx::Row;

/// A payment method's identity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PaymentMethodId(pub i64);

/// Whose a saved method is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MethodOwner {
    /// A portal login: the person, reaching every borrower record it links (a method added
    /// in the portal, or saved by phone for a borrower who had enrolled).
    Login(LoginId),
    /// A borrower with no portal login (a method saved by phone when AutoPay was set up for
    /// them); their login reaches it once they enroll.
    Borrower(BorrowerId),
}

impl MethodOwner {
    /// The row's `login_id` and `borrower_id`: exactly one is set.
    fn columns(self) -> (Option<i64>, Option<i64>) {
        match self {
            MethodOwner::Login(l) => (Some(l.0), None),
            MethodOwner::Borrower(b) => (None, Some(b.0)),
        }
    }
}

/// The condition that method row `m` is one the login `login` (an SQL expression) reaches:
/// its own, or one saved to a borrower it links.
fn reached_by_login(login: &str) -> String {
    format!(
        "(m.login_id = {login} OR m.borrower_id IN (SELECT borrower_id FROM login_links WHERE login_id = {login}))"
    )
}

/// The condition that method row `m` is one the borrower `borrower` (an SQL expression)
/// reaches: saved to them; or, once they enrolled, every method their login reaches (its own,
/// and those saved to any borrower record it links).
pub(crate) fn reached_by_borrower(borrower: &str) -> String {
    format!(
        "(m.borrower_id = {borrower}
          OR m.login_id IN (SELECT login_id FROM login_links WHERE borrower_id = {borrower})
          OR m.borrower_id IN (SELECT k2.borrower_id FROM login_links k1 JOIN login_links k2 ON k2.login_id = k1.login_id
                               WHERE k1.borrower_id = {borrower}))"
    )
}

/// The columns of [`PaymentMethod`], of the row `m`.
const LISTED: &str = "m.id, m.kind, m.nickname, m.holder_name, m.routing_number, m.account_type, m.last4, m.card_brand, m.card_expiry";

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
    /// For a card: its expiry as MM/YY.
    pub card_expiry: Option<String>,
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
    /// The vault's keyed digest of the card number, telling the same card saved again
    /// (migration 0023); `None` when the number was not at hand (a card given by phone).
    pub fingerprint: Option<String>,
}

/// A card as the borrower is about to save it, to find it among those already saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardLike<'a> {
    /// The vault's keyed digest of its number.
    pub fingerprint: &'a str,
    /// "Visa", "Mastercard"…
    pub brand: &'a str,
    /// Last four digits.
    pub last4: &'a str,
    /// Expiry as MM/YY.
    pub expiry: &'a str,
}

impl Tx {
    /// Saves a card (its token) for `owner`.
    pub async fn insert_card(
        &mut self,
        owner: MethodOwner,
        card: &NewCard,
        now_us: i64,
    ) -> Result<PaymentMethodId, StoreError> {
        let (login, borrower) = owner.columns();
        let id = on_tx!(self, c => sqlx::query(
            "INSERT INTO payment_methods (login_id, borrower_id, kind, nickname, holder_name, last4, card_token, card_brand, card_expiry, created_at_us, card_fingerprint)
             VALUES ($1, $9, 'card', $2, $3, $4, $5, $6, $7, $8, $10) RETURNING id",
        )
        .bind(login).bind(&card.nickname).bind(&card.holder_name).bind(&card.last4)
        .bind(&card.token).bind(&card.brand).bind(&card.expiry).bind(now_us).bind(borrower)
        .bind(card.fingerprint.as_deref())
        .fetch_one(&mut *c).await.map_err(card_saved_twice)?.try_get::<i64, _>("id")?);
        Ok(PaymentMethodId(id))
    }

    /// A live method `login` reaches, with its card token, if it is theirs.
    pub async fn payment_method_of(
        &mut self,
        login: LoginId,
        id: PaymentMethodId,
    ) -> Result<Option<(PaymentMethod, Option<String>)>, StoreError> {
        let sql = format!(
            "SELECT {LISTED}, m.card_token FROM payment_methods m
             WHERE m.id = $1 AND m.removed_at_us IS NULL AND {}",
            reached_by_login("$2")
        );
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id.0).bind(login.0).fetch_optional(&mut *c).await?
        .map(|r| Ok((method(&r)?, r.try_get("card_token")?)))
        .transpose())
    }

    /// A live method the borrower of `loan` reaches, with its card token, if it is theirs
    /// (an AutoPay draft set up by phone for a borrower with no login has no login to scope
    /// its card by).
    pub async fn payment_method_of_loan(
        &mut self,
        loan: LoanId,
        id: PaymentMethodId,
    ) -> Result<Option<(PaymentMethod, Option<String>)>, StoreError> {
        let sql = format!(
            "SELECT {LISTED}, m.card_token FROM payment_methods m
             WHERE m.id = $1 AND m.removed_at_us IS NULL AND {}",
            reached_by_borrower("(SELECT borrower_id FROM loans WHERE id = $2)")
        );
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id.0).bind(loan.0).fetch_optional(&mut *c).await?
        .map(|r| Ok((method(&r)?, r.try_get("card_token")?)))
        .transpose())
    }

    /// Saves a bank account for `owner`.
    pub async fn insert_bank_account(
        &mut self,
        owner: MethodOwner,
        a: &NewBankAccount,
        now_us: i64,
    ) -> Result<PaymentMethodId, StoreError> {
        let (login, borrower) = owner.columns();
        let id = on_tx!(self, c => sqlx::query(
            "INSERT INTO payment_methods (login_id, borrower_id, kind, nickname, holder_name, routing_number, account_type, account_enc, account_key_id, last4, created_at_us)
             VALUES ($1, $10, 'bank', $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(login).bind(&a.nickname).bind(&a.holder_name).bind(&a.routing_number).bind(&a.account_type)
        .bind(&a.sealed_account.1).bind(&a.sealed_account.0).bind(&a.last4).bind(now_us).bind(borrower)
        .fetch_one(&mut *c).await?.try_get::<i64, _>("id")?);
        Ok(PaymentMethodId(id))
    }

    /// Removes a method `login` reaches; false when it is not one of theirs (or already
    /// removed).
    pub async fn remove_payment_method(
        &mut self,
        login: LoginId,
        id: PaymentMethodId,
        now_us: i64,
    ) -> Result<bool, StoreError> {
        let sql = format!(
            "UPDATE payment_methods SET removed_at_us = $3 WHERE removed_at_us IS NULL
             AND id IN (SELECT m.id FROM payment_methods m WHERE m.id = $1 AND {})",
            reached_by_login("$2")
        );
        Ok(on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id.0).bind(login.0).bind(now_us)
        .execute(&mut *c).await?.rows_affected())
            == 1)
    }
}

impl Store {
    /// The live methods `login` reaches (its own, and those saved by phone to a borrower it
    /// links), oldest first.
    pub async fn payment_methods(&self, login: LoginId) -> Result<Vec<PaymentMethod>, StoreError> {
        let sql = format!(
            "SELECT {LISTED} FROM payment_methods m WHERE m.removed_at_us IS NULL AND {} ORDER BY m.id",
            reached_by_login("$1")
        );
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(login.0).fetch_all(pool).await?.iter()
        .map(method)
        .collect())
    }

    /// The live card `login` reaches that is `card` saved before, if any: the one with the
    /// same fingerprint, or, for a card saved with none (before migration 0023, or by phone),
    /// the one with the same brand, last four and expiry.
    pub async fn saved_card(
        &self,
        login: LoginId,
        card: &CardLike<'_>,
    ) -> Result<Option<PaymentMethod>, StoreError> {
        let sql = format!(
            "SELECT {LISTED} FROM payment_methods m
             WHERE m.kind = 'card' AND m.removed_at_us IS NULL AND {}
             AND (m.card_fingerprint = $2
                  OR (m.card_fingerprint IS NULL AND m.card_brand = $3 AND m.last4 = $4 AND m.card_expiry = $5))
             ORDER BY m.id LIMIT 1",
            reached_by_login("$1")
        );
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(login.0).bind(card.fingerprint).bind(card.brand).bind(card.last4).bind(card.expiry)
        .fetch_optional(pool).await?.as_ref()
        .map(method)
        .transpose())
    }

    /// A method the borrower of `loan` reaches, removed or not: the one an AutoPay of the loan
    /// drafts or drafted (an ended authorization's method may have been removed since), as
    /// listed, never its token.
    pub async fn payment_method_of_loan_kept(
        &self,
        loan: LoanId,
        id: PaymentMethodId,
    ) -> Result<Option<PaymentMethod>, StoreError> {
        let sql = format!(
            "SELECT {LISTED} FROM payment_methods m WHERE m.id = $1 AND {}",
            reached_by_borrower("(SELECT borrower_id FROM loans WHERE id = $2)")
        );
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id.0).bind(loan.0).fetch_optional(pool).await?.as_ref()
        .map(method)
        .transpose())
    }

    /// The live methods `borrower` reaches, oldest first: those of their login when they
    /// enrolled (the same list the portal shows them), else those saved to them by phone.
    pub async fn payment_methods_of_borrower(
        &self,
        borrower: BorrowerId,
    ) -> Result<Vec<PaymentMethod>, StoreError> {
        let sql = format!(
            "SELECT {LISTED} FROM payment_methods m WHERE m.removed_at_us IS NULL AND {} ORDER BY m.id",
            reached_by_borrower("$1")
        );
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(borrower.0).fetch_all(pool).await?.iter()
        .map(method)
        .collect())
    }
}

/// The same card saved twice by one login at once (`payment_methods_one_live_card`, migration
/// 0023): the second is refused as a duplicate.
fn card_saved_twice(e: sqlx::Error) -> StoreError {
    match e {
        sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::Duplicate {
            what: "a saved card with this number".into(),
        },
        other => StoreError::Database(other),
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
        card_expiry: r.try_get("card_expiry")?,
    })
}
