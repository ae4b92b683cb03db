//! Borrowers: contact facts in the clear (the mailing address by its parts, ADR 0029),
//! identity facts (SSN, date of birth) only as AEAD ciphertexts sealed by the app, plus a keyed
//! digest of the SSN for matching.

use crate::tx::on_tx;
use crate::{Store, StoreError, Tx, on_pool};
use domain::address::{AddressOnFile, MailingAddress, TypedAddress};
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
    /// Mailing address, with its ZIP code.
    pub address: AddressOnFile,
    /// Keyed digest of the SSN (hex), unique across borrowers.
    pub ssn_digest: Option<String>,
    /// Sealed SSN and date of birth.
    pub identity: Option<SealedIdentity>,
}

/// Rows per multi-row INSERT: well under both engines' bound-parameter limits.
pub(crate) const CHUNK: usize = 1000;

const COLUMNS: &str = "INSERT INTO borrowers (full_name, email, phone, address, address_line1, address_line2, address_city, address_state, zip, ssn_digest, ssn_enc, dob_enc, key_id, created_at_us) ";

/// The columns of a mailing address as written: the free text, line 1, line 2, city, state and
/// ZIP code. A structured address has no free text; one that needs review has only the text
/// (if any) and the ZIP code.
type AddressColumns<'a> = (
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'static str>,
    &'a str,
);

/// `address` as its columns.
fn address_columns(address: &AddressOnFile) -> AddressColumns<'_> {
    match address {
        AddressOnFile::Structured(a) => (
            None,
            Some(a.line1()),
            a.line2(),
            Some(a.city()),
            Some(a.state().as_str()),
            a.zip().as_str(),
        ),
        AddressOnFile::NeedsReview { as_typed, zip } => {
            (as_typed.as_deref(), None, None, None, None, zip.as_str())
        }
    }
}

/// The mailing address of a row of `borrowers` (read from `table`, for the error): its parts,
/// checked again, when it has them; otherwise the free text kept from before addresses were
/// structured, which needs review.
pub(crate) fn address_of<R: Row>(r: &R, table: &'static str) -> Result<AddressOnFile, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let zip: String = r.try_get("zip")?;
    let line1: Option<String> = r.try_get("address_line1")?;
    let line2: Option<String> = r.try_get("address_line2")?;
    let city: Option<String> = r.try_get("address_city")?;
    let state: Option<String> = r.try_get("address_state")?;
    match (line1, city, state) {
        (Some(line1), Some(city), Some(state)) => MailingAddress::parse(&TypedAddress {
            line1: &line1,
            line2: line2.as_deref().unwrap_or_default(),
            city: &city,
            state: &state,
            zip: &zip,
        })
        .map(AddressOnFile::Structured)
        .map_err(|e| StoreError::Corrupt {
            table,
            detail: format!("a mailing address that breaks its rules: {e}"),
        }),
        _ => Ok(AddressOnFile::NeedsReview {
            as_typed: r.try_get("address")?,
            zip,
        }),
    }
}

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
                    let (text, line1, line2, city, state, zip) = address_columns(&b.address);
                    row.push_bind(&b.full_name)
                        .push_bind(&b.email)
                        .push_bind(&b.phone)
                        .push_bind(text)
                        .push_bind(line1)
                        .push_bind(line2)
                        .push_bind(city)
                        .push_bind(state)
                        .push_bind(zip)
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

impl Tx {
    /// Writes `borrower`'s mailing address by its parts, with its ZIP code, and drops the
    /// free text an older address was kept as.
    pub async fn set_mailing_address(
        &mut self,
        borrower: BorrowerId,
        address: &MailingAddress,
    ) -> Result<(), StoreError> {
        on_tx!(self, c => sqlx::query(
            "UPDATE borrowers SET address = NULL, address_line1 = $2, address_line2 = $3,
               address_city = $4, address_state = $5, zip = $6 WHERE id = $1",
        )
        .bind(borrower.0)
        .bind(address.line1())
        .bind(address.line2())
        .bind(address.city())
        .bind(address.state().as_str())
        .bind(address.zip().as_str())
        .execute(&mut *c)
        .await?
        .rows_affected());
        Ok(())
    }
}

impl Tx {
    /// Writes the parts read from the free-text address `read` (the conversion's, ADR 0029),
    /// only if the row still holds what was read: no parts, the same text and the same ZIP
    /// code. False when it changed since it was read (the borrower wrote a new address by its
    /// parts, say): that address is newer, and is kept.
    pub async fn structure_free_text_address(
        &mut self,
        read: &FreeTextAddress,
        address: &MailingAddress,
    ) -> Result<bool, StoreError> {
        Ok(on_tx!(self, c => sqlx::query(
            "UPDATE borrowers SET address = NULL, address_line1 = $2, address_line2 = $3,
               address_city = $4, address_state = $5, zip = $6
             WHERE id = $1 AND address_line1 IS NULL AND address = $7 AND zip = $8",
        )
        .bind(read.borrower.0)
        .bind(address.line1())
        .bind(address.line2())
        .bind(address.city())
        .bind(address.state().as_str())
        .bind(address.zip().as_str())
        .bind(&read.text)
        .bind(&read.zip)
        .execute(&mut *c)
        .await?
        .rows_affected())
            == 1)
    }
}

/// An address kept as free text, not yet read into its parts (a borrower from before
/// addresses were structured).
#[derive(Clone, PartialEq, Eq)]
pub struct FreeTextAddress {
    /// The borrower.
    pub borrower: BorrowerId,
    /// The text, as typed.
    pub text: String,
    /// The ZIP code on file beside it.
    pub zip: String,
}

impl std::fmt::Debug for FreeTextAddress {
    // An address is a borrower's personal information: not in a log line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FreeTextAddress(borrower {})", self.borrower.0)
    }
}

/// A borrower whose mailing address needs review, as the staff's list shows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddressToReview {
    /// The borrower.
    pub borrower: BorrowerId,
    /// Their full name.
    pub full_name: String,
    /// The address on file (always [`AddressOnFile::NeedsReview`]).
    pub address: AddressOnFile,
}

impl Store {
    /// Up to `limit` addresses kept as free text, of borrowers after `after` and up to
    /// `through`, in id order: what the conversion to structured addresses reads.
    pub async fn free_text_addresses(
        &self,
        after: BorrowerId,
        through: BorrowerId,
        limit: i64,
    ) -> Result<Vec<FreeTextAddress>, StoreError> {
        on_pool!(self, pool => sqlx::query(
            "SELECT id, address, zip FROM borrowers
             WHERE id > $1 AND id <= $2 AND address_line1 IS NULL AND address IS NOT NULL
             ORDER BY id LIMIT $3",
        )
        .bind(after.0)
        .bind(through.0)
        .bind(limit)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| Ok(FreeTextAddress {
            borrower: BorrowerId(r.try_get("id")?),
            text: r.try_get("address")?,
            zip: r.try_get("zip")?,
        }))
        .collect())
    }

    /// The borrowers whose mailing address needs review (free text that could not be read
    /// into its parts, or no street address at all), by id, at most `limit`.
    pub async fn addresses_to_review(
        &self,
        limit: i64,
    ) -> Result<Vec<AddressToReview>, StoreError> {
        on_pool!(self, pool => sqlx::query(
            "SELECT id, full_name, address, address_line1, address_line2, address_city,
                    address_state, zip
             FROM borrowers WHERE address_line1 IS NULL ORDER BY id LIMIT $1",
        )
        .bind(limit)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| Ok(AddressToReview {
            borrower: BorrowerId(r.try_get("id")?),
            full_name: r.try_get("full_name")?,
            address: address_of(r, "borrowers")?,
        }))
        .collect())
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
                address: address_of(&r, "borrowers")?,
                ssn_digest: r.try_get("ssn_digest")?,
                identity: match (key_id, ssn, dob) {
                    (Some(key_id), Some(ssn), Some(date_of_birth)) => Some(SealedIdentity { key_id, ssn, date_of_birth }),
                    _ => None,
                },
            })
        })
    }
}
