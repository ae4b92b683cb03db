//! Notes on borrowers' accounts: written once, never changed (the schema's triggers refuse an
//! UPDATE or DELETE, and nothing here issues one); a correction is a later note that amends
//! the earlier one. Every read is scoped by the borrower.

use crate::codec::parse_vocabulary;
use crate::tx::on_tx;
use crate::{BorrowerId, StaffId, Store, StoreError, Tx, on_pool};
use domain::notes::NoteKind;
use sqlx::Row;

/// A note's id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NoteId(pub i64);

/// A note to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewNote {
    /// The borrower it is about.
    pub borrower: BorrowerId,
    /// The interaction it records.
    pub kind: NoteKind,
    /// Shown among the pinned notes (until a later note amends it).
    pub pinned: bool,
    /// The text (already checked by `domain::notes::note_body`).
    pub body: String,
    /// Who wrote it, as the audit log names them (`staff:3`, `client:crm`).
    pub author: String,
    /// The staff user who wrote it, when one did.
    pub staff: Option<StaffId>,
    /// The earlier note of the same borrower it amends.
    pub amends: Option<NoteId>,
}

/// A note as stored, with its author's name when a staff user wrote it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// Its id.
    pub id: NoteId,
    /// The borrower.
    pub borrower: BorrowerId,
    /// The interaction it records.
    pub kind: NoteKind,
    /// Written pinned.
    pub pinned: bool,
    /// The text.
    pub body: String,
    /// Who wrote it, as the audit log names them.
    pub author: String,
    /// The staff user who wrote it.
    pub staff: Option<StaffId>,
    /// That staff user's name.
    pub staff_name: Option<String>,
    /// The note it amends.
    pub amends: Option<NoteId>,
    /// When (epoch microseconds).
    pub created_at_us: i64,
}

const COLUMNS: &str =
    "n.id, n.borrower_id, n.kind, n.pinned, n.body, n.author, n.staff_id, n.amends_note_id,
    n.created_at_us, s.name AS staff_name
    FROM notes n LEFT JOIN staff_users s ON s.id = n.staff_id";

impl Tx {
    /// Writes a note; its id.
    pub async fn insert_note(&mut self, n: &NewNote, now_us: i64) -> Result<NoteId, StoreError> {
        let id = on_tx!(self, c => sqlx::query(
            "INSERT INTO notes (borrower_id, kind, pinned, body, author, staff_id, amends_note_id, created_at_us)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(n.borrower.0).bind(n.kind.as_str()).bind(i64::from(n.pinned)).bind(&n.body)
        .bind(&n.author).bind(n.staff.map(|s| s.0)).bind(n.amends.map(|a| a.0)).bind(now_us)
        .fetch_one(&mut *c).await?.try_get::<i64, _>("id")?);
        Ok(NoteId(id))
    }

    /// One note of `borrower`, read in this transaction; `None` when the id is another
    /// borrower's or no note's.
    pub async fn note_of_borrower(
        &mut self,
        borrower: BorrowerId,
        id: NoteId,
    ) -> Result<Option<Note>, StoreError> {
        let sql = format!("SELECT {COLUMNS} WHERE n.id = $1 AND n.borrower_id = $2");
        on_tx!(self, c => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id.0).bind(borrower.0)
            .fetch_optional(&mut *c).await?.map(|r| note(&r)).transpose())
    }
}

impl Store {
    /// Every note of `borrower`, newest first.
    pub async fn notes_of_borrower(&self, borrower: BorrowerId) -> Result<Vec<Note>, StoreError> {
        let sql = format!("SELECT {COLUMNS} WHERE n.borrower_id = $1 ORDER BY n.id DESC");
        on_pool!(self, pool => sqlx::query(sqlx::AssertSqlSafe(sql)).bind(borrower.0)
            .fetch_all(pool).await?.iter().map(note).collect())
    }
}

fn note<R: Row>(r: &R) -> Result<Note, StoreError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> i64: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<i64>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    Ok(Note {
        id: NoteId(r.try_get("id")?),
        borrower: BorrowerId(r.try_get("borrower_id")?),
        kind: parse_vocabulary(
            "notes",
            "kind",
            &r.try_get::<String, _>("kind")?,
            NoteKind::parse,
        )?,
        pinned: r.try_get::<i64, _>("pinned")? != 0,
        body: r.try_get("body")?,
        author: r.try_get("author")?,
        staff: r.try_get::<Option<i64>, _>("staff_id")?.map(StaffId),
        staff_name: r.try_get("staff_name")?,
        amends: r.try_get::<Option<i64>, _>("amends_note_id")?.map(NoteId),
        created_at_us: r.try_get("created_at_us")?,
    })
}
