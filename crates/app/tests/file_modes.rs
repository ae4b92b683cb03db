//! Files that carry borrowers' data are readable by the servicer's user only (mode 0600,
//! whatever the umask lets through otherwise): the day's ACH file (bank account numbers) and
//! the print batch (statements and their index).
#![cfg(unix)]

use app::clock::test_app;
use app::payments::received::{PhoneBank, ReceivedPayment};
use domain::account_number::AccountNumber;
use domain::loan::ExtraTo;
use domain::payment::PaymentChannel;
use jiff::civil::date;
use money::Money;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use test_support::clock::clock_date;
use test_support::{ach, scratch};

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
}

fn assert_owner_only(path: &Path) {
    let mode = mode(path);
    assert_eq!(
        mode & 0o077,
        0,
        "{} is mode {mode:o}: others can read it",
        path.display()
    );
}

#[tokio::test]
async fn the_ach_file_is_readable_by_its_owner_only() {
    let db = store::testing::sqlite("modes_ach").await;
    let dir = scratch::dir("modes-ach");
    // Tuesday 10:00 in New York: before the cutoff, so the payment is in today's file.
    let (app, _clock) = test_app(db.store.clone(), "2026-11-24T15:00:00Z");
    let app = ach::with_files(app, &dir);
    app.seed_demo().await.unwrap();
    let phone = ReceivedPayment {
        account: AccountNumber::from_base(521_840_000_000_101),
        amount: Money::from_cents(20_000),
        channel: PaymentChannel::Phone,
        received_on: None,
        extra: ExtraTo::Principal,
        bank: Some(PhoneBank {
            holder_name: "Maria Lopez".into(),
            routing_number: "011000015".into(),
            account_number: "55512345".into(),
            account_type: "checking".into(),
        }),
    };
    app.post_received_payment(
        &app::access::Actor::api_client("agent", app::api_clients::Scopes::all()),
        "phone-modes",
        &phone,
    )
    .await
    .unwrap();
    let file = app.originate_ach(None).await.unwrap();
    assert_eq!(file.entries, 1);
    assert_owner_only(&file.path.expect("a file with an entry is written"));
    assert!(app.store().trial_balance(None).await.unwrap().is_balanced());
    let _ = std::fs::remove_dir_all(&dir);
    db.finish().await;
}

#[tokio::test]
async fn the_print_batch_is_readable_by_its_owner_only() {
    let start = date(2027, 1, 4);
    let db = store::testing::sqlite("modes_print").await;
    let dir = scratch::dir("modes-print");
    let (app, clock) = test_app(db.store.clone(), "2027-01-04T15:00:00Z");
    let app = app.with_cob(app::cob::CobSettings {
        print_dir: dir.clone(),
        ..Default::default()
    });
    // One loan (on paper) due on the 25th: its first statement is issued within the month.
    let mut loans = formats::boarding::synthetic(1, 521_840_300_000_000, start);
    for loan in &mut loans {
        use domain::calendar::add_months_on_day;
        loan.term_months = 36;
        loan.disbursement_date = add_months_on_day(start, -1, 25);
        loan.first_payment_date = add_months_on_day(start, 0, 25);
        loan.next_due_date = loan.first_payment_date;
        loan.paid_to_date = None;
        loan.current_principal = loan.original_amount;
    }
    let csv = formats::boarding::write_loans(&loans);
    app.board(
        csv.as_bytes(),
        None,
        false,
        &app::access::Actor::Operator("test"),
    )
    .await
    .unwrap();
    let quiet = |_: &app::cob::Progress| {};
    let mut batch = None;
    for _ in 0..30 {
        let outcome = app.close_of_business(None, "test", &quiet).await.unwrap();
        if outcome.print_batch.is_some() {
            batch = outcome.print_batch;
            break;
        }
        let next = app.business_date().await.unwrap();
        while clock_date(&clock) < next {
            clock.advance(jiff::SignedDuration::from_hours(24));
        }
    }
    let batch = batch.expect("a statement was printed within 30 closes");
    for name in ["statements.pdf", "index.csv"] {
        assert_owner_only(&batch.join(name));
    }
    assert!(app.store().trial_balance(None).await.unwrap().is_balanced());
    let _ = std::fs::remove_dir_all(&dir);
    db.finish().await;
}
