//! Borrowers: contact facts in the clear, identity facts (SSN, date of birth) only as AEAD
//! ciphertexts sealed by the app, plus a keyed digest of the SSN for matching.

use crate::tx::on_tx;
use crate::{Store, StoreError, Tx, on_pool};
use sqlx::{QueryBuilder, Row};
use std::collections::HashMap;

/// A borrower's identity in the store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BorrowerId(pub i64);

/// Identity facts as ciphertexts, with the id of the key that sealed them.
#[derive(Clone, PartialEq, Eq)]
pub struct SealedIdentity {
    /// Which key sealed both fields (keys rotate; old ciphertexts name their key).
    pub key_id: String,
    /// The sealed SSN.
    pub ssn: Vec<u8>,
    /// The sealed date of birth.
    pub date_of_birth: Vec<u8>,
}

impl std::fmt::Debug for SealedIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SealedIdentity(key {})", self.key_id)
    }
}

/// A borrower to create, or as read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewBorrower {
    /// Full name as on the statement.
    pub full_name: String,
    /// Email on file.
    pub email: Option<String>,
    /// Mobile phone on file (10 digits).
    pub phone: Option<String>,
    /// Mailing address.
    pub address: Option<String>,
    /// ZIP code.
    pub zip: String,
    /// Keyed digest of the SSN (hex), unique across borrowers.
    pub ssn_digest: Option<String>,
    /// Sealed SSN and date of birth.
    pub identity: Option<SealedIdentity>,
}

/// Rows per multi-row INSERT: well under both engines' bound-parameter limits.
pub(crate) const CHUNK: usize = 1000;

const COLUMNS: &str = "INSERT INTO borrowers (full_name, email, phone, address, zip, ssn_digest, ssn_enc, dob_enc, key_id, created_at_us) ";

impl Tx {
    /// Creates borrowers; their ids come back in input order. Ids from one multi-row INSERT
    /// are assigned in VALUES order on both engines, so sorting them restores that order.
    pub async fn insert_borrowers(
        &mut self,
        borrowers: &[NewBorrower],
        now_us: i64,
    ) -> Result<Vec<BorrowerId>, StoreError> {
        let mut ids = Vec::with_capacity(borrowers.len());
        for chunk in borrowers.chunks(CHUNK) {
            let mut chunk_ids: Vec<i64> = on_tx!(self, c => {
                let mut q = QueryBuilder::new(COLUMNS);
                q.push_values(chunk, |mut row, b| {
                    let sealed = b.identity.as_ref();
                    row.push_bind(&b.full_name)
                        .push_bind(&b.email)
                        .push_bind(&b.phone)
                        .push_bind(&b.address)
                        .push_bind(&b.zip)
                        .push_bind(&b.ssn_digest)
                        .push_bind(sealed.map(|s| s.ssn.clone()))
                        .push_bind(sealed.map(|s| s.date_of_birth.clone()))
                        .push_bind(sealed.map(|s| s.key_id.clone()))
                        .push_bind(now_us);
                });
                q.push(" RETURNING id");
                q.build().fetch_all(&mut *c).await.map_err(duplicate_ssn)?
                    .iter()
                    .map(|r| r.try_get::<i64, _>("id"))
                    .collect::<Result<_, _>>()?
            });
            chunk_ids.sort_unstable();
            ids.extend(chunk_ids.into_iter().map(BorrowerId));
        }
        Ok(ids)
    }

    /// Borrowers already on file, by SSN digest.
    pub async fn borrowers_by_digest(
        &mut self,
        digests: &[String],
    ) -> Result<HashMap<String, BorrowerId>, StoreError> {
        let mut found = HashMap::new();
        for chunk in digests.chunks(CHUNK) {
            let rows = on_tx!(self, c => {
                let mut q = QueryBuilder::new("SELECT id, ssn_digest FROM borrowers WHERE ssn_digest IN (");
                let mut list = q.separated(", ");
                for d in chunk {
                    list.push_bind(d);
                }
                q.push(")");
                q.build().fetch_all(&mut *c).await?
                    .iter()
                    .map(|r| Ok((r.try_get::<String, _>("ssn_digest")?, BorrowerId(r.try_get("id")?))))
                    .collect::<Result<Vec<_>, sqlx::Error>>()?
            });
            found.extend(rows);
        }
        Ok(found)
    }
}

fn duplicate_ssn(e: sqlx::Error) -> StoreError {
    match e {
        sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::Duplicate {
            what: "a borrower with this SSN".into(),
        },
        e => e.into(),
    }
}

impl Store {
    /// Creates one borrower in its own transaction.
    pub async fn insert_borrower(
        &self,
        b: &NewBorrower,
        now_us: i64,
    ) -> Result<BorrowerId, StoreError> {
        let mut tx = self.begin().await?;
        let id = tx.insert_borrowers(std::slice::from_ref(b), now_us).await?[0];
        tx.commit().await?;
        Ok(id)
    }

    /// A borrower as stored.
    pub async fn borrower(&self, id: BorrowerId) -> Result<NewBorrower, StoreError> {
        on_pool!(self, pool => {
            let r = sqlx::query("SELECT * FROM borrowers WHERE id = $1")
                .bind(id.0)
                .fetch_optional(pool)
                .await?
                .ok_or_else(|| StoreError::NotFound { what: format!("borrower {}", id.0) })?;
            let key_id: Option<String> = r.try_get("key_id")?;
            let ssn: Option<Vec<u8>> = r.try_get("ssn_enc")?;
            let dob: Option<Vec<u8>> = r.try_get("dob_enc")?;
            Ok(NewBorrower {
                full_name: r.try_get("full_name")?,
                email: r.try_get("email")?,
                phone: r.try_get("phone")?,
                address: r.try_get("address")?,
                zip: r.try_get("zip")?,
                ssn_digest: r.try_get("ssn_digest")?,
                identity: match (key_id, ssn, dob) {
                    (Some(key_id), Some(ssn), Some(date_of_birth)) => Some(SealedIdentity { key_id, ssn, date_of_birth }),
                    _ => None,
                },
            })
        })
    }
}
