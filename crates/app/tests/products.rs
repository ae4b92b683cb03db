//! Loan products at boarding (issue 20, item 6; ADR 0026), on SQLite and on PostgreSQL when
//! `SERVICER_TEST_POSTGRES_URL` is set: a row naming a configured product boards with the
//! product's terms and the row's overrides (and a different final installment where the row
//! gives one), a row naming none with the standard product's; a row naming a product not
//! configured refuses the whole file, naming its line, and nothing is written.

use app::App;
use app::access::Actor;
use app::boarding::BoardingError;
use domain::account_number::AccountNumber;
use domain::fees::{LateFeeRule, NsfFeeRule};
use domain::loan::{Bucket, ExtraTo, Waterfall};
use domain::product::{Catalog, Product, ProductOverrides, RefundMethod};
use formats::boarding::{synthetic, write_loans};
use jiff::civil::date;
use money::Money;
use store::LoanRecord;
use test_support::apps::apps;
use test_support::ledger::assert_books_balance;

/// The standard product and "home_improvement": $15.00 late, none for a shortfall under
/// $5.00, a $20.00 NSF fee, extra to the next installment, refunds by check.
fn catalog() -> Catalog {
    let home = Product {
        name: "home_improvement".into(),
        late_fee: LateFeeRule {
            fixed: Money::from_cents(1500),
            min_shortfall: Money::from_cents(500),
            ..LateFeeRule::default()
        },
        nsf_fee: NsfFeeRule {
            fee: Some(Money::from_cents(2000)),
        },
        extra_default: ExtraTo::NextInstallment,
        refund: RefundMethod::Check,
        ..Product::standard()
    };
    Catalog::try_new(vec![home]).unwrap()
}

async fn record_of(app: &App, account: AccountNumber) -> LoanRecord {
    let (id, _) = app
        .store()
        .loan_by_account_number(account)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("{account} was boarded"));
    app.store().loan(id).await.unwrap()
}

fn interest_first() -> Waterfall {
    Waterfall::try_new([Bucket::Interest, Bucket::Principal, Bucket::Fees]).unwrap()
}

#[tokio::test]
async fn a_loan_boards_with_its_products_terms_and_its_rows_overrides() {
    for (app, _clock, db) in apps("board_products").await {
        let app = app.with_products(catalog());
        let mut loans = synthetic(3, 5_300_000, date(2026, 11, 25));
        loans[0].product = Some("home_improvement".into());
        loans[0].overrides = ProductOverrides {
            grace_period_days: Some(15),
            waterfall: Some(interest_first()),
            ..ProductOverrides::default()
        };
        loans[1].product = Some("home_improvement".into());
        loans[1].final_payment_amount = Some(Money::from_cents(12_345));
        let report = app
            .board(
                write_loans(&loans).as_bytes(),
                None,
                false,
                &Actor::Operator("test"),
            )
            .await
            .unwrap();
        assert_eq!(report.loans, 3);

        let overridden = record_of(&app, loans[0].account_number).await;
        assert_eq!(overridden.product, "home_improvement");
        let t = &overridden.terms;
        assert_eq!(t.late_fee.fixed, Money::from_cents(1500), "the product's");
        assert_eq!(
            t.late_fee.min_shortfall,
            Money::from_cents(500),
            "the product's"
        );
        assert_eq!(t.late_fee.grace_period_days, 15, "the row's override");
        assert_eq!(t.waterfall, interest_first(), "the row's override");
        assert_eq!(t.nsf_fee.fee, Some(Money::from_cents(2000)));
        assert_eq!(overridden.extra_default, ExtraTo::NextInstallment);
        assert_eq!(overridden.refund_method, RefundMethod::Check);
        assert_eq!(
            overridden.product().plain_words()[0],
            "Each payment pays interest first, then principal, then fees."
        );

        let final_payment = record_of(&app, loans[1].account_number).await;
        assert_eq!(final_payment.product, "home_improvement");
        assert_eq!(final_payment.terms.late_fee.grace_period_days, 10);
        assert_eq!(
            final_payment.terms.installments.last().map(|i| i.amount),
            Some(Money::from_cents(12_345)),
            "the note's final installment"
        );

        let standard = record_of(&app, loans[2].account_number).await;
        assert_eq!(standard.product, Product::STANDARD);
        assert_eq!(standard.product(), Product::standard());

        assert_books_balance(app.store()).await;
        db.finish().await;
    }
}

#[tokio::test]
async fn a_row_naming_a_product_not_configured_refuses_the_file_by_its_line() {
    for (app, _clock, db) in apps("board_unknown_product").await {
        let app = app.with_products(catalog());
        let mut loans = synthetic(3, 5_400_000, date(2026, 11, 25));
        loans[0].product = Some("home_improvement".into());
        loans[1].product = Some("gold".into());
        let Err(BoardingError::Loans(errors)) = app
            .board(
                write_loans(&loans).as_bytes(),
                None,
                false,
                &Actor::Operator("test"),
            )
            .await
        else {
            panic!("a file naming an unknown product is refused");
        };
        assert_eq!(errors.0.len(), 1, "{errors:?}");
        let e = &errors.0[0];
        assert_eq!((e.line, e.field.as_str()), (3, "product"), "{e}");
        assert!(
            e.message.contains("\"gold\"") && e.message.contains("home_improvement, standard"),
            "{e}"
        );
        for l in &loans {
            assert_eq!(
                app.store()
                    .loan_by_account_number(l.account_number)
                    .await
                    .unwrap(),
                None,
                "nothing is written"
            );
        }
        assert_books_balance(app.store()).await;
        db.finish().await;
    }
}
