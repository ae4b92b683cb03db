//! What the review of a payment scheduled for a later date promised must happen, or the
//! borrower is told before it posts why not (issue 22, item 3), on SQLite and on PostgreSQL
//! when configured, on the demo portfolio from Wednesday, November 25, 2026 (Maria's first
//! loan and Aisha's are current, due on the 20th).
//!
//! Each borrower pays December's installment early by check, then schedules $500.00 extra to
//! principal for Friday, December 18: the review says none of it counts toward a payment not
//! yet due, so the next payment (January 20) is still due, and that promise is kept with the
//! payment. Maria then moves her due date to the 15th, so a due date (December 15) passes
//! between the review and the credit date and January's payment, due the 15th, is the next to
//! fall due after December 18: her $500.00 will now pay it. Close of business the night
//! before (December 17) runs the review's projection again and tells her so, by her alert
//! channels, with why and that she can cancel before the cutoff; the words are kept with the
//! payment for the portal. Aisha's loan is unchanged: no notice. When the payments post, each
//! does what the borrower was last told.

use app::App;
use app::access::Actor;
use app::api_clients::Scopes;
use app::due_date::DueDateChange;
use app::payments::one_time::{AmountChoice, PaymentRequest};
use app::payments::received::ReceivedPayment;
use domain::account_number::AccountNumber;
use domain::loan::ExtraTo;
use domain::payment::{PaymentChannel, PaymentStatus, Promise};
use jiff::civil::{Date, date};
use money::Money;
use store::LoginId;
use test_support::borrowers::{AISHA, Facts, MARIA, add_bank_account, enrol, session};
use test_support::clients::client;
use test_support::clock::clock_date;
use test_support::desk::Desk;

/// The day the scheduled payments are credited: a Friday.
const CREDIT: Date = date(2026, 12, 18);

/// The demo portfolio on Wednesday, November 25, 2026, its ACH files and print batches in a
/// directory of the test's own; one per backend.
async fn desks(test: &str) -> Vec<Desk> {
    let with_print = |app: App, dir: &std::path::Path| {
        app.with_cob(app::cob::CobSettings {
            print_dir: dir.join("print"),
            ..Default::default()
        })
    };
    Desk::open(test, with_print).await
}

/// A borrower who paid December ahead and scheduled $500.00 extra to principal.
struct Scheduled {
    login: LoginId,
    account: AccountNumber,
    /// The scheduled payment.
    payment: store::Payment,
    /// The loan's monthly installment.
    installment: Money,
}

/// Enrols `who` (with a bank account), pays the December 20 installment of their loan by a
/// check posted today, then schedules $500.00 extra to principal for [`CREDIT`]; checks that
/// the review says the next payment is still due and that the payment keeps that promise.
async fn pay_ahead_and_schedule(app: &App, who: Facts, username: &str) -> Scheduled {
    let token = enrol(app, who, username).await;
    let signed_in = session(app, &token).await;
    let login = signed_in.login().unwrap();
    let bank = add_bank_account(app, &signed_in, &client()).await;
    let account: AccountNumber = who.0.parse().unwrap();
    let (loan, _) = app.loan_of_account(account).await.unwrap().unwrap();
    let installment = app
        .loan_record(loan)
        .await
        .unwrap()
        .terms
        .installments
        .iter()
        .find(|i| i.due_date == date(2026, 12, 20))
        .expect("an installment due December 20")
        .amount;
    app.post_received_payment(
        &Actor::api_client("lockbox", Scopes::all()),
        &format!("check-{username}-0001"),
        &ReceivedPayment {
            account,
            amount: installment,
            channel: PaymentChannel::Mail,
            received_on: None,
            extra: ExtraTo::Principal,
            bank: None,
        },
    )
    .await
    .unwrap();
    let req = PaymentRequest {
        account,
        method: bank,
        amount: AmountChoice::Other(Money::from_cents(50_000)),
        date: Some(CREDIT),
        extra: ExtraTo::Principal,
    };
    let review = app.quote_payment(login, &req).await.unwrap();
    assert_eq!(review.credit_date, CREDIT);
    assert_eq!(
        review.next.counts_ahead, None,
        "{username}: the review says none of it counts toward a payment not yet due"
    );
    assert_eq!(
        review.next.next_due,
        Some((date(2027, 1, 20), installment)),
        "{username}: and that the next payment is still due"
    );
    let made = app
        .make_payment(login, &format!("extra-{username}-0001"), &req, &client())
        .await
        .unwrap();
    assert_eq!(made.payment.status, PaymentStatus::Scheduled);
    assert_eq!(made.payment.promise, Some(Promise::NextStillDue));
    assert_eq!(made.payment.promise_changed, None);
    Scheduled {
        login,
        account,
        payment: made.payment,
        installment,
    }
}

/// Each business day's ACH file and close of business, the clock following, until the
/// business date is `until`.
async fn close_until(d: &Desk, until: Date) {
    let quiet = |_: &app::cob::Progress| {};
    while d.app.business_date().await.unwrap() < until {
        d.app.originate_ach(None).await.unwrap();
        let closed = d.app.close_of_business(None, "test", &quiet).await.unwrap();
        while clock_date(&d.clock) < closed.next_date {
            d.clock.advance(jiff::SignedDuration::from_hours(24));
        }
    }
}

/// Loan `account`'s next due date as stored.
async fn next_due(app: &App, account: AccountNumber) -> Option<Date> {
    app.store()
        .loan_view(account)
        .await
        .unwrap()
        .unwrap()
        .snapshot
        .next_due_date
}

/// The messages of the notice about payment `id`'s promise (one per channel).
async fn promise_notices(app: &App, id: store::PaymentId) -> Vec<store::Message> {
    let key = format!("payment-promise:{}:", id.0);
    app.store()
        .outbox(None, 5_000)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.message.key.starts_with(&key))
        .collect()
}

#[tokio::test]
async fn a_scheduled_payment_whose_review_no_longer_holds_is_told_the_night_before_and_an_unchanged_one_is_not()
 {
    for d in desks("payment_promises").await {
        let maria = pay_ahead_and_schedule(&d.app, MARIA, "maria.lopez").await;
        let aisha = pay_ahead_and_schedule(&d.app, AISHA, "aisha.khan").await;

        // Maria moves her due date to the 15th: December's payment (paid) is due December 15,
        // January's on January 15, the next to fall due after December 18.
        let changed = d
            .app
            .change_my_due_date(
                maria.login,
                "due-date-maria-0001",
                &DueDateChange {
                    account: maria.account,
                    day: 15,
                    note: String::new(),
                },
            )
            .await
            .unwrap();
        assert_eq!(changed.next_due, Some(date(2027, 1, 15)));

        // Up to the night before: nothing told yet.
        close_until(&d, date(2026, 12, 17)).await;
        assert!(promise_notices(&d.app, maria.payment.id).await.is_empty());

        // The close of December 17: Maria is told what her payment will do instead, and why.
        close_until(&d, CREDIT).await;
        let row = d
            .app
            .store()
            .payment_row(maria.payment.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.status, PaymentStatus::Scheduled, "not yet sent");
        let words = row
            .promise_changed
            .expect("the broken promise is kept with the payment");
        let will = format!(
            "Your payment of $500.00 on December 18, 2026 will now also pay {} toward your \
             payment due January 15, 2027, because January 15, 2027 is the next due date after \
             December 18, 2026",
            maria.installment.usd()
        );
        assert!(words.starts_with(&will), "{words}");
        let told = promise_notices(&d.app, maria.payment.id).await;
        assert!(!told.is_empty(), "Maria is told");
        for m in &told {
            assert_eq!(
                m.message.subject,
                "Your payment of $500.00 on December 18, 2026 will apply differently"
            );
            assert!(m.message.body.starts_with(&words), "{}", m.message.body);
            assert!(
                m.message.body.contains(
                    "we told you none of it would count toward a payment not yet due, so your \
                     next payment would still be due in full"
                ),
                "{}",
                m.message.body
            );
            assert!(
                m.message
                    .body
                    .contains("cancel it in the portal before it is sent to your bank"),
                "{}",
                m.message.body
            );
        }

        // Aisha's loan did not change: her promise holds, and she is told nothing.
        assert!(promise_notices(&d.app, aisha.payment.id).await.is_empty());
        let row = d
            .app
            .store()
            .payment_row(aisha.payment.id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(row.promise, Some(Promise::NextStillDue));
        assert_eq!(row.promise_changed, None);

        // December 18's file posts both, each as the borrower was last told: Maria's pays
        // January's payment, so February's is next; Aisha's January payment is still due.
        d.app.originate_ach(None).await.unwrap();
        assert_eq!(
            next_due(&d.app, maria.account).await,
            Some(date(2027, 2, 15))
        );
        assert_eq!(
            next_due(&d.app, aisha.account).await,
            Some(date(2027, 1, 20))
        );
        for p in [&maria.payment, &aisha.payment] {
            let row = d.app.store().payment_row(p.id).await.unwrap().unwrap();
            assert_eq!(row.status, PaymentStatus::Posted, "{}", p.confirmation);
        }
        d.finish().await;
    }
}
