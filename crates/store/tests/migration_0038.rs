//! Migration 0038 (the bank reconciliation learns our refund credits) on a database that
//! already holds a bank report (a settlement credit, and a refunds' settlement debit sorted
//! "other" as it was then) and staff's explanation of it, on SQLite (which rebuilds
//! `bank_transactions` and `bank_day_explanations`) and on PostgreSQL when
//! `SERVICER_TEST_POSTGRES_URL` is set: every row is kept as it was, its category too (its
//! books were posted with it); afterwards the two new categories are written and read back,
//! the day's refunds read by the new `refunds.returned_on`, and a category the schema does not
//! know is refused; the rebuilt tables keep their indexes and their enforced reference to the
//! report.

use domain::reconcile::Category;
use jiff::civil::{Date, date};
use money::Money;
use sqlx::Row;
use store::testing::fresh_through;
use store::{BankExplanation, BankTransaction, NewBankReport, Store};

/// The last migration before 0038.
const BEFORE: i64 = 37;

/// Our account at the bank.
const ACCOUNT: &str = "0123456789";

/// A transaction of day `as_of` on line `line`.
fn transaction(
    as_of: Date,
    line: i64,
    type_code: u16,
    category: Category,
    credit: bool,
    cents: i64,
) -> BankTransaction {
    BankTransaction {
        line,
        as_of,
        account_number: ACCOUNT.into(),
        type_code,
        category,
        amount: Money::from_cents(cents),
        credit,
        bank_reference: format!("REF{line}"),
        customer_reference: String::new(),
        text: "ACH SETTLEMENT".into(),
    }
}

/// Records the report of day `as_of` named `name` with `transactions`; its id.
async fn report(store: &Store, name: &str, as_of: Date, transactions: &[BankTransaction]) -> i64 {
    let mut tx = store.begin().await.unwrap();
    let id = tx
        .insert_bank_report(
            &NewBankReport {
                digest: format!("digest-{name}"),
                name: name.into(),
                as_of,
                account_number: ACCOUNT.into(),
                sender: "021000021".into(),
                created_on: as_of,
                accounts: vec![(as_of, ACCOUNT.into())],
                transactions: transactions.to_vec(),
                actor: "operator:bank".into(),
            },
            1,
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id.0
}

/// Records staff's explanation of `category`'s difference on `as_of`.
async fn explain(store: &Store, as_of: Date, category: Category, cents: i64, at_us: i64) {
    let mut tx = store.begin().await.unwrap();
    tx.insert_bank_explanation(
        &BankExplanation {
            as_of,
            category,
            difference: Money::from_cents(cents),
            explanation: format!("{category} explained"),
            actor: "staff:1".into(),
            at_us,
        },
        at_us,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

/// Inserts a bank transaction of report `report` in category `category` with plain SQL; the
/// database's refusal, if it refuses.
async fn insert_category(store: &Store, report: i64, category: &str) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO bank_transactions (report_id, line, as_of, account_number,
          type_code, category, amount_cents, credit, bank_reference, customer_reference, text)
        VALUES ($1, 99, '2026-12-10', '0123456789', 999, $2, 1, 1, '', '', '') RETURNING id";
    // One query per backend: a query's arguments are typed by the database it runs on.
    let id: i64 = match store {
        Store::Sqlite { write, .. } => sqlx::query(SQL)
            .bind(report)
            .bind(category)
            .fetch_one(write)
            .await?
            .try_get("id")?,
        Store::Postgres(pool) => sqlx::query(SQL)
            .bind(report)
            .bind(category)
            .fetch_one(pool)
            .await?
            .try_get("id")?,
    };
    assert!(id > 0);
    Ok(())
}

#[tokio::test]
async fn migration_0038_keeps_every_bank_row_and_stores_the_refund_categories() {
    for db in fresh_through("migration_0038", BEFORE).await {
        let store = &db.store;
        let backend = store.backend();
        let day = date(2026, 12, 9);
        let then = [
            transaction(day, 3, 166, Category::AchSettlement, true, 40_000),
            transaction(day, 4, 466, Category::Other, false, 12_540),
        ];
        report(store, "before", day, &then).await;
        explain(store, day, Category::Other, -12_540, 2).await;
        store.migrate().await.unwrap();

        // Every row as it was, its category too.
        assert_eq!(
            store.bank_transactions_on(day).await.unwrap(),
            then,
            "{backend}"
        );
        let said = store.bank_explanations(day, day).await.unwrap();
        assert_eq!(
            said.iter()
                .map(|e| (e.category, e.difference, e.at_us))
                .collect::<Vec<_>>(),
            [(Category::Other, Money::from_cents(-12_540), 2)],
            "{backend}"
        );

        // The rebuilt tables (SQLite) keep their reference to the report, enforced, and
        // their indexes.
        assert!(
            insert_category(store, 999_999, "other").await.is_err(),
            "{backend}: a transaction of no report was written"
        );
        if let Store::Sqlite { write, .. } = store {
            let broken = sqlx::query("PRAGMA foreign_key_check")
                .fetch_all(write)
                .await
                .unwrap();
            assert!(broken.is_empty(), "{} broken references", broken.len());
            let indexes: Vec<String> = sqlx::query(
                "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
                   AND tbl_name IN ('bank_transactions', 'bank_day_explanations')
                 ORDER BY name",
            )
            .fetch_all(write)
            .await
            .unwrap()
            .iter()
            .map(|r| r.try_get::<String, _>("name").unwrap())
            .collect();
            assert_eq!(
                indexes,
                ["bank_day_explanations_by_day", "bank_transactions_by_day"]
            );
        }

        // The refunds' categories, written and read back.
        let next = date(2026, 12, 10);
        let now = [
            transaction(next, 3, 466, Category::RefundSettlement, false, 6_000),
            transaction(next, 4, 257, Category::RefundReturn, true, 12_540),
        ];
        let after = report(store, "after", next, &now).await;
        explain(store, next, Category::RefundSettlement, -6_000, 3).await;
        assert_eq!(
            store.bank_transactions_on(next).await.unwrap(),
            now,
            "{backend}"
        );
        let totals = store.bank_totals(next, next).await.unwrap();
        assert!(
            totals
                .iter()
                .any(|t| t.category == Category::RefundReturn && t.credit),
            "{backend}: {totals:?}"
        );
        let said = store.bank_explanations(next, next).await.unwrap();
        assert_eq!(
            said.iter().map(|e| e.category).collect::<Vec<_>>(),
            [Category::RefundSettlement],
            "{backend}"
        );

        // The refunds read by file date and by the day they came back (none here).
        assert!(
            store
                .refund_credits_between(day, next)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(
            store
                .refund_returns_between(day, next)
                .await
                .unwrap()
                .is_empty()
        );

        // What the table refuses, and takes.
        assert!(
            insert_category(store, after, "card_settlement")
                .await
                .is_err(),
            "{backend}: an unknown category was written"
        );
        insert_category(store, after, "refund_return")
            .await
            .unwrap_or_else(|e| panic!("{backend}: {e}"));
        db.finish().await;
    }
}
