//! A loan's product values (migration 0030, ADR 0026) on SQLite always and on PostgreSQL when
//! `SERVICER_TEST_POSTGRES_URL` is set: every value a product sets reads back as written, by
//! the one-loan read and the close-of-business range read; and a loan written before the
//! migration reads as the standard product, today's behaviour.

use domain::account_number::AccountNumber;
use domain::address::{AddressOnFile, MailingAddress, TypedAddress};
use domain::due_date::DueDateRule;
use domain::loan::{Bucket, ExtraTo, Installment, LoanTerms, OpeningBalances, Waterfall};
use domain::product::{Product, RefundMethod};
use jiff::civil::date;
use money::{DayCount, Money, Rate};
use sqlx::Row;
use store::testing::{fresh, fresh_through};
use store::{LoanId, LoanRecord, NewBorrower, Store};

/// The last migration before 0030.
const BEFORE: i64 = 29;

fn borrower() -> NewBorrower {
    NewBorrower {
        full_name: "Ana Diaz".to_owned(),
        email: None,
        phone: None,
        address: AddressOnFile::Structured(
            MailingAddress::parse(&TypedAddress {
                line1: "1 Main St",
                line2: "",
                city: "Springfield",
                state: "IL",
                zip: "62701",
            })
            .unwrap(),
        ),
        ssn_digest: None,
        identity: None,
    }
}

/// A loan under a product that differs from the standard one in every value it sets.
fn unusual_loan(borrower: store::BorrowerId) -> LoanRecord {
    let m = Money::from_cents;
    let mut terms = LoanTerms {
        rate: Rate::parse("9.25").unwrap(),
        day_count: DayCount::Thirty360,
        accrual_start: date(2026, 1, 15),
        opening: OpeningBalances {
            principal: m(500_000),
            ..OpeningBalances::default()
        },
        installments: vec![
            Installment {
                number: 1,
                due_date: date(2026, 2, 15),
                amount: m(255_000),
            },
            Installment {
                number: 2,
                due_date: date(2026, 3, 15),
                amount: m(255_003),
            },
        ],
        late_fee: Default::default(),
        nsf_fee: Default::default(),
        waterfall: Waterfall::try_new([Bucket::Interest, Bucket::Principal, Bucket::Fees]).unwrap(),
    };
    terms.late_fee.min_shortfall = m(500);
    terms.late_fee.cap = Some(m(1500));
    terms.nsf_fee.fee = Some(m(2000));
    LoanRecord {
        product: "home_improvement".to_owned(),
        extra_default: ExtraTo::NextInstallment,
        due_date_rule: DueDateRule {
            allowed: true,
            borrower_may: false,
            window_days: 20,
            once_in_months: 6,
            min_notice_days: 7,
        },
        refund_method: RefundMethod::OriginalMethod,
        autopay_frequencies: domain::autopay::AllowedFrequencies::ALL,
        ..LoanRecord::originated(
            AccountNumber::from_base(400_030_000_000_001),
            borrower,
            m(500_000),
            terms,
        )
    }
}

#[tokio::test]
async fn a_loans_product_values_read_back_exactly_as_written() {
    for db in fresh("loan_products").await {
        let store = db.store.clone();
        let b = store.insert_borrower(&borrower(), 1).await.unwrap();
        let record = unusual_loan(b);
        let id = store.insert_loan(&record, 2).await.unwrap();
        let back = store.loan(id).await.unwrap();
        assert_eq!(back, record, "{}", store.backend());
        assert_eq!(back.product().name, "home_improvement");
        assert_eq!(back.product().refund, RefundMethod::OriginalMethod);

        let mut tx = store.begin().await.unwrap();
        let by_range = tx.loans_of(&[id]).await.unwrap();
        drop(tx);
        assert_eq!(by_range.get(&id), Some(&record), "{}", store.backend());

        let standard = LoanRecord::originated(
            AccountNumber::from_base(400_030_000_000_002),
            b,
            Money::from_cents(100_000),
            LoanTerms {
                waterfall: Waterfall::default(),
                ..record.terms.clone()
            },
        );
        let id = store.insert_loan(&standard, 3).await.unwrap();
        let back = store.loan(id).await.unwrap();
        assert_eq!(back, standard, "{}", store.backend());
        assert_eq!(back.product, Product::STANDARD);
        drop(store);
        db.finish().await;
    }
}

/// Runs `sql` (which returns `id`) on the store's writer with `text` as `$1` and, when given,
/// `int` as `$2`: rows written as the schema before 0030 had them.
async fn insert(store: &Store, sql: &'static str, text: &str, int: Option<i64>) -> i64 {
    macro_rules! run {
        ($exec:expr) => {{
            let mut q = sqlx::query(sql).bind(text.to_owned());
            if let Some(i) = int {
                q = q.bind(i);
            }
            q.fetch_one($exec).await.map(|r| r.try_get::<i64, _>("id"))
        }};
    }
    let row = match store {
        Store::Sqlite { write, .. } => run!(write),
        Store::Postgres(pool) => run!(pool),
    };
    row.unwrap_or_else(|e| panic!("{sql}: {e}"))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

#[tokio::test]
async fn a_loan_written_before_products_reads_as_the_standard_product() {
    for db in fresh_through("loan_products_0030", BEFORE).await {
        let store = db.store.clone();
        let b = insert(
            &store,
            "INSERT INTO borrowers (full_name, zip, created_at_us) VALUES ($1, '62701', 1) RETURNING id",
            "Ben Ode",
            None,
        )
        .await;
        let account = AccountNumber::from_base(400_030_000_000_003).to_string();
        let id = insert(
            &store,
            "INSERT INTO loans (account_number, borrower_id, amount_financed_cents, rate_micro_percent,
               day_count, accrual_start, opening_principal_cents, opening_interest_cents,
               opening_fees_cents, opening_carry, late_fee_fixed_cents, late_fee_percent_micro,
               grace_period_days, created_at_us)
             VALUES ($1, $2, 1000000, 7500000, 'actual/365', '2026-01-15', 1000000, 0, 0, 0, 2500,
               0, 10, 1) RETURNING id",
            &account,
            Some(b),
        )
        .await;
        store.migrate().await.unwrap();
        let record = store.loan(LoanId(id)).await.unwrap();
        let standard = Product::standard();
        assert_eq!(
            record.product(),
            standard,
            "{}: every rule is today's",
            store.backend()
        );
        assert_eq!(record.terms.late_fee.min_shortfall, Money::ZERO);
        assert_eq!(record.terms.waterfall, Waterfall::default());
        drop(store);
        db.finish().await;
    }
}
