//! Migration 0028 (issue 20: the history's new kinds) on a database that already holds a
//! loan's history (a payment, its return, a fee waiver) and the payment row that names its
//! transaction, on SQLite (which rebuilds `loan_transactions`) and on PostgreSQL when
//! `SERVICER_TEST_POSTGRES_URL` is set: every transaction keeps its id and values, every
//! reference to one holds and is still enforced; afterwards an interest waiver, a due-day
//! amendment and a refund are written and read back, and the table refuses a kind it does not
//! know and a due day past the 28th.

use domain::loan::{ExtraTo, TermsChange, Transaction, TxnId, TxnKind};
use jiff::civil::date;
use money::Money;
use sqlx::Row;
use store::testing::fresh_through;
use store::{LoanId, PaymentId, Store};

/// The last migration before 0028.
const BEFORE: i64 = 27;

/// A value bound to one of the statements below.
enum Arg {
    Int(i64),
    Text(&'static str),
}

/// Runs `sql` with `args` on the store's writer: the `id` it returns, if it returns one; or
/// the database's refusal.
async fn run(store: &Store, sql: &'static str, args: &[Arg]) -> Result<Option<i64>, sqlx::Error> {
    macro_rules! bound {
        ($q:expr) => {{
            let mut q = $q;
            for a in args {
                q = match a {
                    Arg::Int(v) => q.bind(*v),
                    Arg::Text(v) => q.bind(*v),
                };
            }
            q
        }};
    }
    let row = match store {
        Store::Sqlite { write, .. } => bound!(sqlx::query(sql))
            .fetch_optional(write)
            .await?
            .map(|r| r.try_get::<i64, _>("id")),
        Store::Postgres(pool) => bound!(sqlx::query(sql))
            .fetch_optional(pool)
            .await?
            .map(|r| r.try_get::<i64, _>("id")),
    };
    row.transpose()
}

/// As [`run`], for a statement that must succeed and return an id.
async fn insert(store: &Store, sql: &'static str, args: &[Arg]) -> i64 {
    run(store, sql, args)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .unwrap_or_else(|| panic!("{sql}: no id"))
}

fn txn_id(id: i64) -> TxnId {
    TxnId(u64::try_from(id).unwrap())
}

#[tokio::test]
async fn migration_0028_keeps_every_transaction_and_reference_and_stores_the_new_kinds() {
    for db in fresh_through("migration_0028", BEFORE).await {
        let store = &db.store;
        let backend = store.backend();
        let b = insert(
            store,
            "INSERT INTO borrowers (full_name, zip, created_at_us) VALUES ($1, '62701', 1) RETURNING id",
            &[Arg::Text("Ana Diaz")],
        )
        .await;
        let loan = insert(
            store,
            "INSERT INTO loans (account_number, borrower_id, amount_financed_cents, rate_micro_percent,
               day_count, accrual_start, opening_principal_cents, opening_interest_cents,
               opening_fees_cents, opening_carry, late_fee_fixed_cents, late_fee_percent_micro,
               grace_period_days, created_at_us)
             VALUES ($1, $2, 1000000, 7500000, 'actual_365', '2026-01-15', 1000000, 0, 0, 0, 2500, 0,
               10, 1) RETURNING id",
            &[Arg::Text("4000000000000012"), Arg::Int(b)],
        )
        .await;
        let paid = insert(
            store,
            "INSERT INTO loan_transactions (loan_id, effective_date, kind, amount_cents, extra_to,
               created_at_us)
             VALUES ($1, '2026-02-15', 'payment', 31106, 'principal', 1) RETURNING id",
            &[Arg::Int(loan)],
        )
        .await;
        let returned = insert(
            store,
            "INSERT INTO loan_transactions (loan_id, effective_date, kind, reverses_id,
               insufficient_funds, created_at_us)
             VALUES ($1, '2026-02-20', 'reversal', $2, 1, 2) RETURNING id",
            &[Arg::Int(loan), Arg::Int(paid)],
        )
        .await;
        let waived = insert(
            store,
            "INSERT INTO loan_transactions (loan_id, effective_date, kind, amount_cents,
               created_at_us)
             VALUES ($1, '2026-03-01', 'fee_waiver', 1000, 3) RETURNING id",
            &[Arg::Int(loan)],
        )
        .await;
        let payment = insert(
            store,
            "INSERT INTO payments (confirmation, loan_id, channel, rail, amount_cents, extra_to,
               credit_date, status, txn_id, actor, created_at_us, updated_at_us)
             VALUES ('C-0028-0001', $1, 'staff', 'check', 31106, 'principal', '2026-02-15',
               'returned', $2, 'test', 1, 1) RETURNING id",
            &[Arg::Int(loan), Arg::Int(paid)],
        )
        .await;
        store.migrate().await.unwrap();

        // Every transaction as it was, under its id.
        let loan_id = LoanId(loan);
        let before = vec![
            Transaction {
                id: txn_id(paid),
                date: date(2026, 2, 15),
                kind: TxnKind::Payment {
                    amount: Money::from_cents(31_106),
                    extra: ExtraTo::Principal,
                },
            },
            Transaction {
                id: txn_id(returned),
                date: date(2026, 2, 20),
                kind: TxnKind::Reversal {
                    of: txn_id(paid),
                    insufficient_funds: true,
                },
            },
            Transaction {
                id: txn_id(waived),
                date: date(2026, 3, 1),
                kind: TxnKind::FeeWaiver {
                    amount: Money::from_cents(1000),
                },
            },
        ];
        assert_eq!(store.history(loan_id).await.unwrap(), before, "{backend}");
        let row = store
            .payment_row(PaymentId(payment))
            .await
            .unwrap()
            .expect("the payment row");
        assert_eq!(row.txn, Some(txn_id(paid)), "{backend}");

        // Every reference holds, and is still enforced on the rebuilt table.
        if let Store::Sqlite { write, .. } = store {
            let broken = sqlx::query("PRAGMA foreign_key_check")
                .fetch_all(write)
                .await
                .unwrap();
            assert!(broken.is_empty(), "{} broken references", broken.len());
        }
        let nowhere = run(
            store,
            "INSERT INTO loan_transactions (loan_id, effective_date, kind, reverses_id,
               created_at_us)
             VALUES ($1, '2026-03-02', 'reversal', 999999, 4) RETURNING id",
            &[Arg::Int(loan)],
        )
        .await;
        assert!(nowhere.is_err(), "{backend}: a reversal of nothing");

        // The new kinds, written and read back.
        let kinds = [
            (
                date(2026, 3, 5),
                TxnKind::InterestWaiver {
                    amount: Money::from_cents(1234),
                },
            ),
            (
                date(2026, 3, 6),
                TxnKind::Amendment {
                    change: TermsChange::DueDay { day: 28 },
                },
            ),
            (
                date(2026, 3, 7),
                TxnKind::Refund {
                    amount: Money::from_cents(500),
                },
            ),
        ];
        let mut expected = before.clone();
        for (on, kind) in kinds {
            let id = store
                .append_transaction(loan_id, on, kind, 5)
                .await
                .unwrap();
            assert!(
                id > txn_id(waived),
                "{backend}: ids go on after the kept ones"
            );
            expected.push(Transaction { id, date: on, kind });
        }
        let undo = store
            .append_transaction(
                loan_id,
                date(2026, 3, 8),
                TxnKind::Reversal {
                    of: expected[3].id,
                    insufficient_funds: false,
                },
                6,
            )
            .await
            .unwrap();
        expected.push(Transaction {
            id: undo,
            date: date(2026, 3, 8),
            kind: TxnKind::Reversal {
                of: expected[3].id,
                insufficient_funds: false,
            },
        });
        assert_eq!(store.history(loan_id).await.unwrap(), expected, "{backend}");
        let mut tx = store.begin().await.unwrap();
        let read = tx.histories(&[loan_id]).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(read.get(&loan_id), Some(&expected), "{backend}");

        // What the table refuses.
        let unknown = run(
            store,
            "INSERT INTO loan_transactions (loan_id, effective_date, kind, created_at_us)
             VALUES ($1, '2026-03-09', 'moratorium', 7) RETURNING id",
            &[Arg::Int(loan)],
        )
        .await;
        assert!(unknown.is_err(), "{backend}: an unknown kind was written");
        let late_day = run(
            store,
            "INSERT INTO loan_transactions (loan_id, effective_date, kind, due_day, created_at_us)
             VALUES ($1, '2026-03-09', 'amendment', 29, 7) RETURNING id",
            &[Arg::Int(loan)],
        )
        .await;
        assert!(late_day.is_err(), "{backend}: a due day of 29 was written");
        db.finish().await;
    }
}
