//! The schema as the database itself reports it, in terms both backends share: each table's
//! columns (with a type from a small common vocabulary and whether it accepts NULL), its
//! primary key, its unique column sets and its CHECK constraints. For the parity test of the
//! two backends' migrations (`tests/schema.rs`) and operators' checks of a database.
//!
//! SQLite is read from `sqlite_master` and its table-valued pragmas, its CHECK constraints
//! from each table's CREATE TABLE text; PostgreSQL from `information_schema` and the
//! `pg_catalog` (current schema only). sqlx's own `_sqlx_migrations` is left out.

use crate::{Store, StoreError};
use sqlx::{PgPool, Row, SqlitePool};
use std::collections::BTreeMap;

/// A column's type in a vocabulary both backends share: SQLite's declared type read by its
/// affinity rules (`BIGINT` is an integer), PostgreSQL's data type (`bytea` is bytes).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ColumnType {
    /// Any width of integer.
    Integer,
    /// Text of any kind.
    Text,
    /// Bytes (`BLOB`, `bytea`).
    Bytes,
    /// A boolean (SQLite only has one when it is declared so).
    Boolean,
    /// A floating-point number.
    Real,
    /// Anything else, as declared (lower-cased).
    Other(String),
}

impl ColumnType {
    /// Its word: "integer", "text", "bytes", "boolean", "real", or the declared type.
    pub fn name(&self) -> &str {
        match self {
            ColumnType::Integer => "integer",
            ColumnType::Text => "text",
            ColumnType::Bytes => "bytes",
            ColumnType::Boolean => "boolean",
            ColumnType::Real => "real",
            ColumnType::Other(other) => other.as_str(),
        }
    }

    /// A SQLite declared type, by SQLite's affinity rules (a declared `BOOLEAN` is kept apart).
    pub fn from_sqlite(declared: &str) -> ColumnType {
        let upper = declared.to_ascii_uppercase();
        let has = |part: &str| upper.contains(part);
        if has("INT") {
            ColumnType::Integer
        } else if has("BOOL") {
            ColumnType::Boolean
        } else if has("CHAR") || has("CLOB") || has("TEXT") {
            ColumnType::Text
        } else if has("BLOB") || upper.trim().is_empty() {
            ColumnType::Bytes
        } else if has("REAL") || has("FLOA") || has("DOUB") {
            ColumnType::Real
        } else {
            ColumnType::Other(declared.to_ascii_lowercase())
        }
    }

    /// A PostgreSQL data type as `information_schema.columns` names it.
    pub fn from_postgres(data_type: &str) -> ColumnType {
        match data_type.to_ascii_lowercase().as_str() {
            "bigint" | "integer" | "smallint" => ColumnType::Integer,
            "text" | "character varying" | "character" => ColumnType::Text,
            "bytea" => ColumnType::Bytes,
            "boolean" => ColumnType::Boolean,
            "real" | "double precision" => ColumnType::Real,
            other => ColumnType::Other(other.to_owned()),
        }
    }
}

/// A column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// Its name.
    pub name: String,
    /// Its type in the common vocabulary.
    pub ty: ColumnType,
    /// Its type as the backend declares it (`INTEGER`, `bigint`…).
    pub declared: String,
    /// Whether it accepts NULL. A SQLite `INTEGER PRIMARY KEY` (the rowid) does not: SQLite
    /// gives a NULL written there a new rowid. Any other SQLite primary key column declared
    /// without NOT NULL does accept NULL (SQLite's long-kept quirk).
    pub nullable: bool,
}

/// A unique constraint or unique index, the primary key's own excepted.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Unique {
    /// Its columns, in the index's order (an expression's column is "(expression)").
    pub columns: Vec<String>,
    /// A partial index (`WHERE …`): unique among the rows it covers only.
    pub partial: bool,
    /// The backend's name for it (they differ between backends for UNIQUE constraints).
    pub name: String,
}

/// A CHECK constraint, normalised: case, whitespace, quoting and casts (`::text`) are gone.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Check {
    /// Its condition, one token after another separated by spaces.
    pub text: String,
    /// What it names, sorted and without repeats: the columns and functions (lower-cased),
    /// numbers, and quoted literals (`'payment'`); SQL's keywords and operators are left out,
    /// so `x IN ('a', 'b')` and `x = ANY (ARRAY['a'::text, 'b'::text])` have the same terms,
    /// as do `x BETWEEN 0 AND 15` and `x >= 0 AND x <= 15`.
    pub terms: Vec<String>,
}

/// A table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// Its columns, in their order.
    pub columns: Vec<Column>,
    /// Its primary key's columns, in key order (empty when it has none).
    pub primary_key: Vec<String>,
    /// Its unique column sets, sorted.
    pub unique: Vec<Unique>,
    /// Its CHECK constraints, sorted.
    pub checks: Vec<Check>,
}

/// A database's schema: its tables by name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Schema {
    /// The tables.
    pub tables: BTreeMap<String, Table>,
}

impl Store {
    /// The schema as the database reports it (for the parity test of the two backends'
    /// migrations and operators' checks).
    pub async fn schema_outline(&self) -> Result<Schema, StoreError> {
        let mut schema = match self {
            Store::Sqlite { read, .. } => sqlite_outline(read).await?,
            Store::Postgres(pool) => postgres_outline(pool).await?,
        };
        for table in schema.tables.values_mut() {
            table.unique.sort();
            table.checks.sort();
        }
        Ok(schema)
    }
}

const SQLITE_TABLES: &str = "SELECT name, sql FROM sqlite_master
     WHERE type = 'table' AND substr(name, 1, 7) <> 'sqlite_' AND name <> '_sqlx_migrations'";

const SQLITE_COLUMNS: &str =
    "SELECT m.name AS tbl, p.name AS col, p.type AS ty, p.\"notnull\" AS not_null, p.pk AS pk
     FROM sqlite_master m JOIN pragma_table_info(m.name) p
     WHERE m.type = 'table' AND substr(m.name, 1, 7) <> 'sqlite_' AND m.name <> '_sqlx_migrations'
     ORDER BY m.name, p.cid";

const SQLITE_UNIQUE: &str =
    "SELECT m.name AS tbl, il.name AS idx, il.partial AS partial, ii.name AS col
     FROM sqlite_master m JOIN pragma_index_list(m.name) il JOIN pragma_index_info(il.name) ii
     WHERE m.type = 'table' AND substr(m.name, 1, 7) <> 'sqlite_' AND m.name <> '_sqlx_migrations'
       AND il.\"unique\" = 1 AND il.origin <> 'pk'
     ORDER BY m.name, il.name, ii.seqno";

/// One column as `pragma_table_info` gives it.
struct SqliteColumn {
    table: String,
    name: String,
    declared: String,
    not_null: bool,
    pk: i64,
}

async fn sqlite_outline(pool: &SqlitePool) -> Result<Schema, StoreError> {
    let mut schema = Schema::default();
    let mut without_rowid = BTreeMap::new();
    for r in sqlx::query(SQLITE_TABLES).fetch_all(pool).await? {
        let name: String = r.try_get("name")?;
        let parsed = tokens(&r.try_get::<Option<String>, _>("sql")?.unwrap_or_default());
        let without = parsed.windows(2).any(|w| match w {
            [a, b] => is_word(a, "without") && is_word(b, "rowid"),
            _ => false,
        });
        without_rowid.insert(name.clone(), without);
        schema.tables.insert(
            name,
            Table {
                checks: checks(&parsed),
                ..Table::default()
            },
        );
    }
    sqlite_columns(pool, &without_rowid, &mut schema).await?;
    let mut unique: BTreeMap<(String, String), Unique> = BTreeMap::new();
    for r in sqlx::query(SQLITE_UNIQUE).fetch_all(pool).await? {
        let table: String = r.try_get("tbl")?;
        let name: String = r.try_get("idx")?;
        let partial = r.try_get::<i64, _>("partial")? != 0;
        let column = r.try_get::<Option<String>, _>("col")?;
        add_unique(&mut unique, table, name, partial, column);
    }
    put_unique(&mut schema, unique);
    Ok(schema)
}

/// Each table's columns and primary key (`without_rowid`: the tables declared WITHOUT ROWID).
async fn sqlite_columns(
    pool: &SqlitePool,
    without_rowid: &BTreeMap<String, bool>,
    schema: &mut Schema,
) -> Result<(), StoreError> {
    let mut columns = Vec::new();
    for r in sqlx::query(SQLITE_COLUMNS).fetch_all(pool).await? {
        columns.push(SqliteColumn {
            table: r.try_get("tbl")?,
            name: r.try_get("col")?,
            declared: r.try_get("ty")?,
            not_null: r.try_get::<i64, _>("not_null")? != 0,
            pk: r.try_get("pk")?,
        });
    }
    let mut keys: BTreeMap<String, Vec<(i64, String)>> = BTreeMap::new();
    for c in &columns {
        if c.pk > 0 {
            keys.entry(c.table.clone())
                .or_default()
                .push((c.pk, c.name.clone()));
        }
    }
    for c in columns {
        let key_columns = keys.get(&c.table).map_or(0, Vec::len);
        // The rowid: a table's only key column, declared exactly INTEGER, in a rowid table.
        let is_rowid = c.pk > 0
            && key_columns == 1
            && c.declared.eq_ignore_ascii_case("INTEGER")
            && without_rowid.get(&c.table) == Some(&false);
        let table = schema.tables.entry(c.table).or_default();
        table.columns.push(Column {
            name: c.name,
            ty: ColumnType::from_sqlite(&c.declared),
            declared: c.declared,
            nullable: !c.not_null && !is_rowid,
        });
    }
    for (name, mut key) in keys {
        key.sort();
        schema.tables.entry(name).or_default().primary_key =
            key.into_iter().map(|(_, column)| column).collect();
    }
    Ok(())
}

const POSTGRES_COLUMNS: &str = "SELECT c.table_name::text AS tbl, c.column_name::text AS col,
            c.data_type::text AS ty, (c.is_nullable::text = 'YES') AS nullable
     FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
       AND c.table_name <> '_sqlx_migrations'
     ORDER BY c.table_name, c.ordinal_position";

const POSTGRES_KEYS: &str =
    "SELECT t.relname::text AS tbl, i.relname::text AS idx, x.indisprimary AS is_primary,
            (x.indpred IS NOT NULL) AS partial, pg_get_indexdef(x.indexrelid, k.n, true) AS col
     FROM pg_index x
     JOIN pg_class t ON t.oid = x.indrelid
     JOIN pg_class i ON i.oid = x.indexrelid
     JOIN pg_namespace s ON s.oid = t.relnamespace
     CROSS JOIN LATERAL generate_series(1, x.indnkeyatts::int) AS k(n)
     WHERE s.nspname = current_schema() AND x.indisunique AND t.relname <> '_sqlx_migrations'
     ORDER BY t.relname, i.relname, k.n";

const POSTGRES_CHECKS: &str = "SELECT t.relname::text AS tbl, pg_get_constraintdef(c.oid) AS def
     FROM pg_constraint c
     JOIN pg_class t ON t.oid = c.conrelid
     JOIN pg_namespace s ON s.oid = t.relnamespace
     WHERE s.nspname = current_schema() AND c.contype = 'c' AND t.relname <> '_sqlx_migrations'
     ORDER BY t.relname, c.conname";

async fn postgres_outline(pool: &PgPool) -> Result<Schema, StoreError> {
    let mut schema = Schema::default();
    for r in sqlx::query(POSTGRES_COLUMNS).fetch_all(pool).await? {
        let table: String = r.try_get("tbl")?;
        let declared: String = r.try_get("ty")?;
        schema
            .tables
            .entry(table)
            .or_default()
            .columns
            .push(Column {
                name: r.try_get("col")?,
                ty: ColumnType::from_postgres(&declared),
                declared,
                nullable: r.try_get("nullable")?,
            });
    }
    let mut unique: BTreeMap<(String, String), Unique> = BTreeMap::new();
    for r in sqlx::query(POSTGRES_KEYS).fetch_all(pool).await? {
        let table: String = r.try_get("tbl")?;
        let name: String = r.try_get("idx")?;
        // pg_get_indexdef quotes a column whose name needs it.
        let column = r.try_get::<String, _>("col")?.trim_matches('"').to_owned();
        if r.try_get::<bool, _>("is_primary")? {
            schema
                .tables
                .entry(table)
                .or_default()
                .primary_key
                .push(column);
        } else {
            let partial: bool = r.try_get("partial")?;
            add_unique(&mut unique, table, name, partial, Some(column));
        }
    }
    put_unique(&mut schema, unique);
    for r in sqlx::query(POSTGRES_CHECKS).fetch_all(pool).await? {
        let table: String = r.try_get("tbl")?;
        let def: String = r.try_get("def")?;
        schema
            .tables
            .entry(table)
            .or_default()
            .checks
            .extend(checks(&tokens(&def)));
    }
    Ok(schema)
}

/// Adds one column of a unique index (read in the index's column order).
fn add_unique(
    unique: &mut BTreeMap<(String, String), Unique>,
    table: String,
    name: String,
    partial: bool,
    column: Option<String>,
) {
    let entry = unique
        .entry((table, name.clone()))
        .or_insert_with(|| Unique {
            columns: Vec::new(),
            partial,
            name,
        });
    entry
        .columns
        .push(column.unwrap_or_else(|| "(expression)".to_owned()));
}

fn put_unique(schema: &mut Schema, unique: BTreeMap<(String, String), Unique>) {
    for ((table, _), u) in unique {
        schema.tables.entry(table).or_default().unique.push(u);
    }
}

/// A token of SQL text.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    /// A keyword or identifier, lower-cased and unquoted.
    Word(String),
    /// A string literal's content.
    Str(String),
    /// A number.
    Num(String),
    /// Anything else, one character at a time.
    Punct(char),
}

fn is_word(token: &Token, word: &str) -> bool {
    matches!(token, Token::Word(w) if w == word)
}

/// SQL text as tokens; comments and whitespace are dropped.
fn tokens(sql: &str) -> Vec<Token> {
    let chars: Vec<char> = sql.chars().collect();
    let at = |i: usize| chars.get(i).copied();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(c) = at(i) {
        let next = at(i + 1);
        if c.is_whitespace() {
            i += 1;
        } else if c == '-' && next == Some('-') {
            while at(i).is_some_and(|c| c != '\n') {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while at(i).is_some() && (at(i), at(i + 1)) != (Some('*'), Some('/')) {
                i += 1;
            }
            i += 2;
        } else if matches!(c, '\'' | '"' | '`')
            || (c == '[' && next != Some(']') && !out.last().is_some_and(|t| is_word(t, "array")))
        {
            // `[name]` is SQLite's quoting of an identifier; PostgreSQL's `ARRAY[…]` and `[]` are
            // not.
            let close = if c == '[' { ']' } else { c };
            let mut text = String::new();
            i += 1;
            while let Some(d) = at(i) {
                i += 1;
                if d == close && at(i) == Some(close) && close != ']' {
                    // A doubled quote is one quote inside the literal.
                    text.push(d);
                    i += 1;
                } else if d == close {
                    break;
                } else {
                    text.push(d);
                }
            }
            out.push(if c == '\'' {
                Token::Str(text)
            } else {
                Token::Word(text.to_lowercase())
            });
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while at(i).is_some_and(|d| d.is_alphanumeric() || d == '_' || d == '$') {
                i += 1;
            }
            let word: String = chars.get(start..i).unwrap_or_default().iter().collect();
            out.push(Token::Word(word.to_lowercase()));
        } else if c.is_ascii_digit() {
            let start = i;
            while at(i).is_some_and(|d| d.is_ascii_digit() || d == '.') {
                i += 1;
            }
            out.push(Token::Num(
                chars.get(start..i).unwrap_or_default().iter().collect(),
            ));
        } else {
            out.push(Token::Punct(c));
            i += 1;
        }
    }
    out
}

/// The CHECK constraints in `tokens` (a CREATE TABLE, or PostgreSQL's definition of one).
fn checks(tokens: &[Token]) -> Vec<Check> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(token) = tokens.get(i) {
        let opens = is_word(token, "check") && tokens.get(i + 1) == Some(&Token::Punct('('));
        if !opens {
            i += 1;
            continue;
        }
        let mut depth = 0_usize;
        let mut end = i + 1;
        while let Some(t) = tokens.get(end) {
            match t {
                Token::Punct('(') => depth += 1,
                Token::Punct(')') => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            end += 1;
        }
        out.push(check(tokens.get(i + 2..end).unwrap_or_default()));
        i = end + 1;
    }
    out
}

/// SQL's words a CHECK's terms leave out (they differ between the backends' renderings).
const KEYWORDS: &[&str] = &[
    "and", "or", "not", "in", "between", "is", "null", "any", "all", "some", "array", "like",
    "glob", "check",
];

/// One CHECK's condition, normalised.
fn check(body: &[Token]) -> Check {
    let mut shown = Vec::new();
    let mut terms = Vec::new();
    let mut i = 0;
    while let Some(token) = body.get(i) {
        i += 1;
        // A cast (`'a'::text`, `0::bigint`, `::character varying`) says nothing the other
        // backend would: skip it.
        if *token == Token::Punct(':') && body.get(i) == Some(&Token::Punct(':')) {
            i += 2;
            if body
                .get(i)
                .is_some_and(|t| is_word(t, "varying") || is_word(t, "precision"))
            {
                i += 1;
            }
            continue;
        }
        match token {
            Token::Word(w) => {
                if !KEYWORDS.contains(&w.as_str()) {
                    terms.push(w.clone());
                }
                shown.push(w.clone());
            }
            Token::Str(s) => {
                let quoted = format!("'{}'", s.replace('\'', "''"));
                terms.push(quoted.clone());
                shown.push(quoted);
            }
            Token::Num(n) => {
                terms.push(n.clone());
                shown.push(n.clone());
            }
            Token::Punct(p) => shown.push(p.to_string()),
        }
    }
    terms.sort();
    terms.dedup();
    Check {
        text: shown.join(" "),
        terms,
    }
}

#[cfg(test)]
mod tests {
    use super::{Check, ColumnType, checks, tokens};

    #[test]
    fn a_check_reads_the_same_from_sqlite_text_and_postgres_definitions() {
        let sqlite = checks(&tokens(
            "CREATE TABLE t (
                a TEXT NOT NULL CHECK (a IN ('x', 'it''s')), -- not a CHECK (b > 1) either
                /* CHECK (c = 2) */ b INTEGER CHECK (b BETWEEN 0 AND 15),
                \"C\" INTEGER, CHECK (\"C\" > 0)
            )",
        ));
        let postgres: Vec<_> = [
            "CHECK ((a = ANY (ARRAY['x'::text, 'it''s'::text])))",
            "CHECK (((b >= 0) AND (b <= 15)))",
            "CHECK ((c > 0))",
        ]
        .iter()
        .flat_map(|d| checks(&tokens(d)))
        .collect();
        assert_eq!(sqlite.len(), 3, "{sqlite:?}");
        fn terms(checks: &[Check]) -> Vec<Vec<String>> {
            checks.iter().map(|c| c.terms.clone()).collect()
        }
        assert_eq!(terms(&sqlite), terms(&postgres));
        assert_eq!(sqlite[0].terms, ["'it''s'", "'x'", "a"]);
        assert_eq!(sqlite[0].text, "a in ( 'x' , 'it''s' )");
    }

    #[test]
    fn declared_types_map_to_the_common_words() {
        for (sqlite, postgres, common) in [
            ("INTEGER", "bigint", ColumnType::Integer),
            ("BIGINT", "integer", ColumnType::Integer),
            ("TEXT", "text", ColumnType::Text),
            ("BLOB", "bytea", ColumnType::Bytes),
            ("BOOLEAN", "boolean", ColumnType::Boolean),
            ("REAL", "double precision", ColumnType::Real),
        ] {
            assert_eq!(ColumnType::from_sqlite(sqlite), common, "{sqlite}");
            assert_eq!(ColumnType::from_postgres(postgres), common, "{postgres}");
        }
        assert_eq!(
            ColumnType::from_postgres("jsonb"),
            ColumnType::Other("jsonb".into())
        );
    }
}
