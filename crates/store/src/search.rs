//! The borrower search index (issue 19): `borrower_search_keys`, one row per key a borrower is
//! found by (`domain::search`: a folded name word, the phone, the email, the ZIP code, an
//! account's last 4, the keyed digest of the SSN's last 4), with the borrower's folded name
//! to order by. The app writes the keys in the transaction that writes what they come from.
//!
//! A search is a list of conditions, each met when the borrower has a key in one of a few
//! ranges. The narrowest condition (fewest keys in its ranges, counted up to [`COUNT_CAP`])
//! drives: its ranges are read from the index in key order, and each other condition is a
//! probe of the borrower's own keys (the primary key, borrower first). A driver with fewer
//! matches than the cap is ranked in full: borrowers with a name word typed whole first, then
//! by name. A broader one is read in the index's own order (a word typed whole sorts before
//! the longer words it begins, then by name) and stops at the page, so a one-letter search of
//! a million borrowers reads one page of the index, not the million. An account number goes
//! straight to its loan.

use crate::borrowers::CHUNK;
use crate::codec::push_ids;
use crate::snapshots::{VIEW, view};
use crate::tx::on_tx;
use crate::{BorrowerId, LoanView, Store, StoreError, Tx, on_pool};
use domain::account_number::AccountNumber;
use domain::search::{Condition, KeyKind, KeyMatch, SORT_NAME_CHARS, SearchKey};
use sqlx::{QueryBuilder, Row};
use std::collections::HashMap;

/// Keys of a condition counted before it is called broad (see the module's note).
pub const COUNT_CAP: i64 = 2000;

/// Rows per `unnest` insert on PostgreSQL (one statement, three arrays).
const UNNEST_CHUNK: usize = 20_000;

/// One key of a borrower, to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyRow {
    /// The borrower.
    pub borrower: BorrowerId,
    /// The key.
    pub key: SearchKey,
    /// The borrower's folded name (`domain::search::sort_name`), to order results by.
    pub sort_name: String,
}

/// A search: every condition must hold; results from `offset`, at most `limit`.
#[derive(Clone, Debug)]
pub struct BorrowerSearch<'a> {
    /// The borrower of this loan only (then the conditions narrow that one borrower).
    pub account: Option<AccountNumber>,
    /// What the borrower must have, every one.
    pub conditions: &'a [Condition],
    /// Results skipped (earlier pages).
    pub offset: u64,
    /// Most results returned.
    pub limit: u64,
}

/// A borrower found, with their contact as stored (the app masks it) and their loans.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundBorrower {
    /// The borrower.
    pub id: BorrowerId,
    /// Full name as on the statement.
    pub full_name: String,
    /// Email on file.
    pub email: Option<String>,
    /// Phone on file.
    pub phone: Option<String>,
    /// ZIP code.
    pub zip: String,
    /// Every loan with its snapshot, by account number.
    pub loans: Vec<LoanView>,
}

/// A borrower not yet in the index (boarded before it existed), with what indexing needs.
#[derive(Clone, PartialEq, Eq)]
pub struct UnindexedBorrower {
    /// The borrower.
    pub id: BorrowerId,
    /// Full name.
    pub full_name: String,
    /// Email on file.
    pub email: Option<String>,
    /// Phone on file.
    pub phone: Option<String>,
    /// ZIP code.
    pub zip: String,
    /// The sealed SSN and the id of the key that sealed it, when on file.
    pub sealed_ssn: Option<(String, Vec<u8>)>,
    /// Their loans' account numbers.
    pub accounts: Vec<AccountNumber>,
}

impl std::fmt::Debug for UnindexedBorrower {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "UnindexedBorrower({})", self.id.0)
    }
}

/// A value bound to a search's SQL, in `$n` order.
#[derive(Clone)]
enum Bind {
    Text(String),
    Int(i64),
}

/// The SQL of a search being built: its text and its bound values. Placeholders are written
/// `$n` and may repeat (a range read for the driver and again for its duplicates), which
/// both backends allow.
#[derive(Clone, Default)]
struct Sql {
    text: String,
    binds: Vec<Bind>,
}

impl Sql {
    fn bind(&mut self, value: Bind) -> String {
        self.binds.push(value);
        format!("${}", self.binds.len())
    }

    /// Binds each range of `c` once: its `(low, high)` placeholders.
    fn ranges(&mut self, c: &Condition) -> Vec<(String, String)> {
        c.alternatives
            .iter()
            .map(|m| {
                let (low, high) = m.bounds();
                (self.bind(Bind::Text(low)), self.bind(Bind::Text(high)))
            })
            .collect()
    }

    /// ` AND EXISTS (…)`: the borrower `owner` has a key in one of `c`'s ranges (a probe of
    /// the primary key).
    fn exists(&mut self, owner: &str, alias: &str, c: &Condition) -> String {
        let ranges = self.ranges(c);
        format!(
            " AND EXISTS (SELECT 1 FROM borrower_search_keys {alias} WHERE {alias}.borrower_id = {owner} AND {})",
            within(alias, &ranges)
        )
    }

    /// ` AND …`: the name in the driver's index entry `alias` (its `sort_name`, the folded
    /// words) has the word of `m`, read from the entry itself rather than by a probe for each
    /// entry: a further name word costs nothing but the comparison. A `sort_name` cut at
    /// [`SORT_NAME_CHARS`] may have lost the word, so a name that long is probed instead.
    fn in_sort_name(&mut self, alias: &str, probe: &str, m: &KeyMatch) -> String {
        let word = &m.key.as_str()[KeyKind::Name.prefix().len()..];
        // Words are letters and digits only (domain::search), so `%` and `_` cannot occur.
        let pattern = self.bind(Bind::Text(if m.prefix {
            format!("% {word}%")
        } else {
            format!("% {word} %")
        }));
        let cut = self.bind(Bind::Int(
            i64::try_from(SORT_NAME_CHARS).unwrap_or(i64::MAX),
        ));
        let ranges = self.ranges(&Condition {
            alternatives: vec![m.clone()],
        });
        format!(
            " AND ((length({alias}.sort_name) < {cut} AND (' ' || {alias}.sort_name || ' ') LIKE {pattern})
                OR (length({alias}.sort_name) >= {cut} AND EXISTS (SELECT 1 FROM borrower_search_keys {probe} WHERE {probe}.borrower_id = {alias}.borrower_id AND {})))",
            within(probe, &ranges)
        )
    }

    /// ` LIMIT … OFFSET …` of the page.
    fn page(&mut self, s: &BorrowerSearch<'_>) -> Result<String, StoreError> {
        let int = |n: u64| {
            i64::try_from(n).map_err(|_| StoreError::Corrupt {
                table: "borrower_search_keys",
                detail: format!("page bound {n} out of range"),
            })
        };
        let limit = self.bind(Bind::Int(int(s.limit)?));
        let offset = self.bind(Bind::Int(int(s.offset)?));
        Ok(format!(" LIMIT {limit} OFFSET {offset}"))
    }
}

/// The one name word `c` matches, if that is what it is (four digits typed with a name may
/// match two kinds of key: those are probed).
fn name_word(c: &Condition) -> Option<&KeyMatch> {
    match c.alternatives.as_slice() {
        [m] if m.key.kind() == KeyKind::Name => Some(m),
        _ => None,
    }
}

/// `alias.key` in any of `ranges`.
fn within(alias: &str, ranges: &[(String, String)]) -> String {
    let parts: Vec<String> = ranges
        .iter()
        .map(|(low, high)| format!("({alias}.key >= {low} AND {alias}.key < {high})"))
        .collect();
    format!("({})", parts.join(" OR "))
}

/// Runs `sql` with its binds and reads one integer column, `column`, of every row.
macro_rules! integers {
    ($pool:expr, $sql:expr, $column:expr) => {{
        let Sql { text, binds } = $sql;
        let mut q = sqlx::query(sqlx::AssertSqlSafe(text));
        for b in binds {
            q = match b {
                Bind::Text(t) => q.bind(t),
                Bind::Int(i) => q.bind(i),
            };
        }
        q.fetch_all($pool)
            .await?
            .iter()
            .map(|r| r.try_get::<i64, _>($column))
            .collect::<Result<Vec<i64>, sqlx::Error>>()?
    }};
}

impl Store {
    /// The borrowers a search finds, in rank order, with their contact and loans.
    pub async fn search_borrowers(
        &self,
        s: &BorrowerSearch<'_>,
    ) -> Result<Vec<FoundBorrower>, StoreError> {
        let ids = match s.account {
            Some(account) => self.search_by_account(account, s).await?,
            None => self.search_by_keys(s).await?,
        };
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        self.found(&ids).await
    }

    /// The borrower of `account`'s loan, if they meet every condition.
    async fn search_by_account(
        &self,
        account: AccountNumber,
        s: &BorrowerSearch<'_>,
    ) -> Result<Vec<i64>, StoreError> {
        let mut sql = Sql::default();
        let number = sql.bind(Bind::Text(account.to_string()));
        let mut text =
            format!("SELECT l.borrower_id FROM loans l WHERE l.account_number = {number}");
        for (i, c) in s.conditions.iter().enumerate() {
            let clause = sql.exists("l.borrower_id", &format!("f{i}"), c);
            text.push_str(&clause);
        }
        text.push_str(&sql.page(s)?);
        sql.text = text;
        Ok(on_pool!(self, pool => integers!(pool, sql, "borrower_id")))
    }

    /// The borrowers with a key matching every condition, driven by the narrowest.
    async fn search_by_keys(&self, s: &BorrowerSearch<'_>) -> Result<Vec<i64>, StoreError> {
        let mut counts = Vec::with_capacity(s.conditions.len());
        for c in s.conditions {
            counts.push(self.count_matches(c).await?);
        }
        let Some((driver, count)) = counts.iter().copied().enumerate().min_by_key(|(_, n)| *n)
        else {
            return Ok(Vec::new());
        };
        if count == 0 {
            return Ok(Vec::new());
        }
        let lead = &s.conditions[driver];
        let mut sql = Sql::default();
        let ranges = sql.ranges(lead);
        let mut text = format!(
            "SELECT k.borrower_id FROM borrower_search_keys k WHERE {}",
            within("k", &ranges)
        );
        for (i, c) in s
            .conditions
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != driver)
        {
            let clause = match name_word(c) {
                Some(m) => sql.in_sort_name("k", &format!("f{i}"), m),
                None => sql.exists("k.borrower_id", &format!("f{i}"), c),
            };
            text.push_str(&clause);
        }
        let order = if count < COUNT_CAP {
            ranked_order(&mut sql, s.conditions)
        } else {
            "k.key, k.sort_name, k.borrower_id".to_owned()
        };
        text.push_str(&format!(" ORDER BY {order}"));
        // A borrower with several keys in the driver's ranges (Jo Johnson for `jo`) is
        // counted once, at the first of them. That is rare, so rather than a probe for each
        // entry read (most of a broad search's cost), the rows from the first are read with
        // a little to spare and repeats dropped here, reading further only when repeats ate
        // into the page.
        let wanted = s.offset.saturating_add(s.limit);
        let mut reading = wanted.saturating_add(8);
        loop {
            let mut page = sql.clone();
            let read = BorrowerSearch {
                account: None,
                conditions: s.conditions,
                offset: 0,
                limit: reading,
            };
            let limits = page.page(&read)?;
            page.text = format!("{text}{limits}");
            let rows = on_pool!(self, pool => integers!(pool, page, "borrower_id"));
            let exhausted = (rows.len() as u64) < reading;
            let mut seen = std::collections::HashSet::with_capacity(rows.len());
            let unique: Vec<i64> = rows.into_iter().filter(|id| seen.insert(*id)).collect();
            if exhausted || unique.len() as u64 >= wanted {
                return Ok(unique
                    .into_iter()
                    .skip(usize::try_from(s.offset).unwrap_or(usize::MAX))
                    .take(usize::try_from(s.limit).unwrap_or(usize::MAX))
                    .collect());
            }
            reading = reading.saturating_mul(2);
        }
    }

    /// How many keys are in `c`'s ranges, counted up to [`COUNT_CAP`] (an index-only read of
    /// at most that many entries).
    async fn count_matches(&self, c: &Condition) -> Result<i64, StoreError> {
        let mut sql = Sql::default();
        let ranges = sql.ranges(c);
        let cap = sql.bind(Bind::Int(COUNT_CAP));
        sql.text = format!(
            "SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM borrower_search_keys k WHERE {} LIMIT {cap}) capped",
            within("k", &ranges)
        );
        let counted = on_pool!(self, pool => integers!(pool, sql, "n"));
        Ok(counted.first().copied().unwrap_or_default())
    }

    /// The borrowers of `ids` with their contact and loans, in the order of `ids`.
    async fn found(&self, ids: &[i64]) -> Result<Vec<FoundBorrower>, StoreError> {
        type Person = (String, Option<String>, Option<String>, String);
        let people: HashMap<i64, Person> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new("SELECT id, full_name, email, phone, zip FROM borrowers WHERE id IN ");
            push_ids(&mut q, ids.iter().copied());
            q.build()
                .fetch_all(pool)
                .await?
                .iter()
                .map(|r| -> Result<(i64, Person), sqlx::Error> {
                    Ok((
                        r.try_get::<i64, _>("id")?,
                        (
                            r.try_get::<String, _>("full_name")?,
                            r.try_get::<Option<String>, _>("email")?,
                            r.try_get::<Option<String>, _>("phone")?,
                            r.try_get::<String, _>("zip")?,
                        ),
                    ))
                })
                .collect::<Result<_, _>>()?
        });
        let sql = format!("{VIEW} WHERE l.borrower_id IN ");
        let views: Vec<LoanView> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new(sql.clone());
            push_ids(&mut q, ids.iter().copied());
            q.push(" ORDER BY l.borrower_id, l.account_number");
            q.build()
                .fetch_all(pool)
                .await?
                .iter()
                .map(view)
                .collect::<Result<_, StoreError>>()?
        });
        let mut loans: HashMap<BorrowerId, Vec<LoanView>> = HashMap::new();
        for v in views {
            loans.entry(v.borrower).or_default().push(v);
        }
        Ok(ids
            .iter()
            .filter_map(|id| {
                let (full_name, email, phone, zip) = people.get(id)?.clone();
                Some(FoundBorrower {
                    id: BorrowerId(*id),
                    full_name,
                    email,
                    phone,
                    zip,
                    loans: loans.remove(&BorrowerId(*id)).unwrap_or_default(),
                })
            })
            .collect())
    }

    /// A borrower's keys, in key order (for the account view and the tests that no SSN
    /// digit is stored).
    pub async fn search_keys_of(&self, borrower: BorrowerId) -> Result<Vec<SearchKey>, StoreError> {
        let texts: Vec<String> = on_pool!(self, pool => sqlx::query(
            "SELECT key FROM borrower_search_keys WHERE borrower_id = $1 ORDER BY key",
        )
        .bind(borrower.0)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| r.try_get::<String, _>("key"))
        .collect::<Result<_, _>>()?);
        texts
            .into_iter()
            .map(|t| {
                SearchKey::from_stored(t.clone()).ok_or_else(|| StoreError::Corrupt {
                    table: "borrower_search_keys",
                    detail: format!(
                        "key of no known kind: {:?}",
                        t.chars().take(2).collect::<String>()
                    ),
                })
            })
            .collect()
    }

    /// The highest borrower id there is (0 with none): where indexing stops this time.
    pub async fn last_borrower_id(&self) -> Result<BorrowerId, StoreError> {
        let id: i64 = on_pool!(self, pool => sqlx::query("SELECT COALESCE(MAX(id), 0) AS last FROM borrowers")
            .fetch_one(pool)
            .await?
            .try_get("last")?);
        Ok(BorrowerId(id))
    }

    /// Up to `limit` borrowers after `after` and up to `through`, in id order, that have no
    /// name key: borrowers boarded before the index existed. (A borrower the index knows has
    /// a key for each word of their name; one who joined a boarding file since has only their
    /// new loan's key and is still listed.)
    pub async fn unindexed_borrowers(
        &self,
        after: BorrowerId,
        through: BorrowerId,
        limit: i64,
    ) -> Result<Vec<UnindexedBorrower>, StoreError> {
        let (low, high) = KeyMatch::starting(SearchKey::new(KeyKind::Name, "")).bounds();
        let mut people: Vec<UnindexedBorrower> = on_pool!(self, pool => sqlx::query(
            "SELECT b.id, b.full_name, b.email, b.phone, b.zip, b.ssn_enc, b.key_id FROM borrowers b
             WHERE b.id > $1 AND b.id <= $2
               AND NOT EXISTS (SELECT 1 FROM borrower_search_keys k
                               WHERE k.borrower_id = b.id AND k.key >= $3 AND k.key < $4)
             ORDER BY b.id LIMIT $5",
        )
        .bind(after.0)
        .bind(through.0)
        .bind(&low)
        .bind(&high)
        .bind(limit)
        .fetch_all(pool)
        .await?
        .iter()
        .map(|r| -> Result<UnindexedBorrower, sqlx::Error> {
            let key_id: Option<String> = r.try_get("key_id")?;
            let ssn: Option<Vec<u8>> = r.try_get("ssn_enc")?;
            Ok(UnindexedBorrower {
                id: BorrowerId(r.try_get("id")?),
                full_name: r.try_get("full_name")?,
                email: r.try_get("email")?,
                phone: r.try_get("phone")?,
                zip: r.try_get("zip")?,
                sealed_ssn: key_id.zip(ssn),
                accounts: Vec::new(),
            })
        })
        .collect::<Result<_, _>>()?);
        if people.is_empty() {
            return Ok(people);
        }
        let accounts: Vec<(i64, String)> = on_pool!(self, pool => {
            let mut q = QueryBuilder::new("SELECT borrower_id, account_number FROM loans WHERE borrower_id IN ");
            push_ids(&mut q, people.iter().map(|p| p.id.0));
            q.push(" ORDER BY borrower_id, account_number");
            q.build()
                .fetch_all(pool)
                .await?
                .iter()
                .map(|r| Ok((r.try_get::<i64, _>("borrower_id")?, r.try_get::<String, _>("account_number")?)))
                .collect::<Result<_, sqlx::Error>>()?
        });
        let mut by_borrower: HashMap<i64, Vec<AccountNumber>> = HashMap::new();
        for (borrower, text) in accounts {
            let account = text.parse().map_err(|e| StoreError::Corrupt {
                table: "loans",
                detail: format!("account number: {e}"),
            })?;
            by_borrower.entry(borrower).or_default().push(account);
        }
        for p in &mut people {
            p.accounts = by_borrower.remove(&p.id.0).unwrap_or_default();
        }
        Ok(people)
    }

    /// One borrower's full name by id: a single primary-key read (the search benchmark's
    /// baseline).
    pub async fn full_name_of(&self, id: BorrowerId) -> Result<Option<String>, StoreError> {
        Ok(
            on_pool!(self, pool => sqlx::query("SELECT full_name FROM borrowers WHERE id = $1")
            .bind(id.0)
            .fetch_optional(pool)
            .await?
            .map(|r| r.try_get::<String, _>("full_name"))
            .transpose()?),
        )
    }

    /// Refreshes the query planner's statistics (after a bulk load, as an operator would):
    /// `ANALYZE` on SQLite, `VACUUM ANALYZE` on PostgreSQL (whose index-only reads need the
    /// visibility map a vacuum writes).
    pub async fn refresh_statistics(&self) -> Result<(), StoreError> {
        match self {
            Store::Sqlite { write, .. } => {
                sqlx::raw_sql("ANALYZE").execute(write).await?;
            }
            Store::Postgres(pool) => {
                sqlx::raw_sql("VACUUM ANALYZE").execute(pool).await?;
            }
        }
        Ok(())
    }
}

/// The order of a narrow search: borrowers who have each name word typed whole before those
/// who only have longer words it begins, then by name.
fn ranked_order(sql: &mut Sql, conditions: &[Condition]) -> String {
    let mut terms = Vec::new();
    for (i, c) in conditions.iter().enumerate() {
        if let Some(key) = c.rank_key() {
            let exact = sql.bind(Bind::Text(key.as_str().to_owned()));
            terms.push(format!(
                "(CASE WHEN EXISTS (SELECT 1 FROM borrower_search_keys r{i} WHERE r{i}.borrower_id = k.borrower_id AND r{i}.key = {exact}) THEN 0 ELSE 1 END)"
            ));
        }
    }
    if terms.is_empty() {
        "k.sort_name, k.borrower_id".to_owned()
    } else {
        format!("{}, k.sort_name, k.borrower_id", terms.join(" + "))
    }
}

impl Tx {
    /// Writes keys; a key the borrower already has is left as it is.
    pub async fn insert_search_keys(&mut self, rows: &[KeyRow]) -> Result<(), StoreError> {
        if rows.is_empty() {
            return Ok(());
        }
        if let Tx::Postgres(t) = self {
            for part in rows.chunks(UNNEST_CHUNK) {
                let ids: Vec<i64> = part.iter().map(|r| r.borrower.0).collect();
                let keys: Vec<String> = part.iter().map(|r| r.key.as_str().to_owned()).collect();
                let names: Vec<String> = part.iter().map(|r| r.sort_name.clone()).collect();
                sqlx::query(
                    "INSERT INTO borrower_search_keys (borrower_id, key, sort_name)
                     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[])
                     ON CONFLICT (borrower_id, key) DO NOTHING",
                )
                .bind(&ids)
                .bind(&keys)
                .bind(&names)
                .execute(&mut **t)
                .await?;
            }
            return Ok(());
        }
        for part in rows.chunks(CHUNK) {
            on_tx!(self, c => {
                let mut q = QueryBuilder::new("INSERT INTO borrower_search_keys (borrower_id, key, sort_name) ");
                q.push_values(part, |mut row, r| {
                    row.push_bind(r.borrower.0)
                        .push_bind(r.key.as_str().to_owned())
                        .push_bind(r.sort_name.clone());
                });
                q.push(" ON CONFLICT (borrower_id, key) DO NOTHING");
                q.build().execute(&mut *c).await?.rows_affected()
            });
        }
        Ok(())
    }

    /// Replaces a borrower's keys of `kinds` with `rows` (the keys of their new phone, email
    /// and mailing address's ZIP code, when they change them).
    pub async fn replace_search_keys(
        &mut self,
        borrower: BorrowerId,
        kinds: &[KeyKind],
        rows: &[KeyRow],
    ) -> Result<(), StoreError> {
        debug_assert!(
            rows.iter()
                .all(|r| r.borrower == borrower && kinds.contains(&r.key.kind())),
            "only keys of this borrower and of the kinds replaced"
        );
        for kind in kinds {
            let (low, high) = KeyMatch::starting(SearchKey::new(*kind, "")).bounds();
            on_tx!(self, c => sqlx::query(
                "DELETE FROM borrower_search_keys WHERE borrower_id = $1 AND key >= $2 AND key < $3",
            )
            .bind(borrower.0)
            .bind(&low)
            .bind(&high)
            .execute(&mut *c)
            .await?
            .rows_affected());
        }
        self.insert_search_keys(rows).await
    }

    /// The full names of `ids` (the sort name of keys added to borrowers already on file).
    pub async fn borrower_full_names(
        &mut self,
        ids: &[BorrowerId],
    ) -> Result<HashMap<BorrowerId, String>, StoreError> {
        let mut names = HashMap::with_capacity(ids.len());
        for chunk in ids.chunks(CHUNK) {
            let rows: Vec<(i64, String)> = on_tx!(self, c => {
                let mut q = QueryBuilder::new("SELECT id, full_name FROM borrowers WHERE id IN ");
                push_ids(&mut q, chunk.iter().map(|b| b.0));
                q.build()
                    .fetch_all(&mut *c)
                    .await?
                    .iter()
                    .map(|r| Ok((r.try_get::<i64, _>("id")?, r.try_get::<String, _>("full_name")?)))
                    .collect::<Result<_, sqlx::Error>>()?
            });
            names.extend(rows.into_iter().map(|(id, name)| (BorrowerId(id), name)));
        }
        Ok(names)
    }
}
