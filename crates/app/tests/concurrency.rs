//! Several clients posting payments to the same few loans at once (issue 17), on SQLite and
//! PostgreSQL: afterwards every loan's stored snapshot (the balance and payoff borrowers see)
//! must equal a full replay of its history, its books must equal the snapshot, and every
//! payment must be in the history exactly once. Measured over several rounds, and the count
//! of drifted snapshots printed, rather than judged on one sample.

use app::App;
use app::clock::test_app;
use app::payments::received::ReceivedPayment;
use domain::account_number::AccountNumber;
use domain::ledger::Account;
use domain::loan::{ExtraTo, TxnKind};
use domain::payment::PaymentChannel;
use money::Money;
use store::testing::fresh;

const BASE: u64 = 521_840_300_000_000;
const LOANS: u64 = 3;
const CLIENTS: u64 = 8;
const EACH: u64 = 10;
const ROUNDS: u64 = 4;

fn account(i: u64) -> AccountNumber {
    AccountNumber::from_base(BASE + i)
}

/// The loans whose snapshot or books differ from the replay of their history.
async fn drifted(app: &App) -> Vec<String> {
    let today = app.business_date().await.unwrap();
    let mut out = Vec::new();
    for i in 0..LOANS {
        let view = app.store().loan_view(account(i)).await.unwrap().unwrap();
        let record = app.store().loan(view.loan).await.unwrap();
        let history = app.store().history(view.loan).await.unwrap();
        let (_, expected) = app::snapshot::compute(&record.terms, &history, today, app.cycle());
        if view.snapshot != expected {
            out.push(format!(
                "loan {i}: stored balance {} and payoff figures {:?}, replay {} ({:?})",
                view.snapshot.principal + view.snapshot.interest + view.snapshot.fees,
                view.snapshot,
                expected.principal + expected.interest + expected.fees,
                expected
            ));
        }
        let tb = app.store().trial_balance(Some(view.loan)).await.unwrap();
        if tb.net(Account::PrincipalReceivable) != expected.principal
            || tb.net(Account::InterestReceivable) != expected.interest
            || tb.net(Account::FeesReceivable) != expected.fees
        {
            out.push(format!("loan {i}: the books differ from the replay"));
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_payments_to_the_same_loans_leave_every_snapshot_equal_to_its_replay() {
    for db in fresh("concurrent_postings").await {
        let (app, _clock) = test_app(db.store.clone(), "2027-01-04T15:00:00Z");
        let loans = formats::boarding::synthetic(LOANS, BASE, jiff::civil::date(2027, 1, 4));
        app.board(
            formats::boarding::write_loans(&loans).as_bytes(),
            None,
            false,
            &app::access::Actor::Operator("test"),
        )
        .await
        .unwrap();
        let mut drifts = Vec::new();
        let mut posted = 0;
        for round in 0..ROUNDS {
            let clients: Vec<_> = (0..CLIENTS)
                .map(|c| {
                    let app = app.clone();
                    tokio::spawn(async move {
                        for k in 0..EACH {
                            let p = ReceivedPayment {
                                account: account((c + k) % LOANS),
                                amount: Money::from_cents(
                                    1_000 + i64::try_from(c * 37 + k).unwrap(),
                                ),
                                channel: PaymentChannel::Lockbox,
                                received_on: None,
                                extra: ExtraTo::Principal,
                                bank: None,
                            };
                            let key = format!("r{round}-c{c}-k{k}");
                            app.post_received_payment(
                                &app::access::Actor::api_client(
                                    "test",
                                    app::api_clients::Scopes::all(),
                                ),
                                &key,
                                &p,
                            )
                            .await
                            .unwrap();
                        }
                    })
                })
                .collect();
            for c in clients {
                c.await.unwrap();
            }
            posted += CLIENTS * EACH;
            drifts.push(drifted(&app).await);
        }
        let mut payments = 0;
        for i in 0..LOANS {
            let view = app.store().loan_view(account(i)).await.unwrap().unwrap();
            payments += app
                .store()
                .history(view.loan)
                .await
                .unwrap()
                .iter()
                .filter(|t| matches!(t.kind, TxnKind::Payment { .. }))
                .count();
        }
        let bad: usize = drifts.iter().map(Vec::len).sum();
        eprintln!(
            "{}: {ROUNDS} rounds of {CLIENTS} clients x {EACH} payments over {LOANS} loans: {bad} drifts found in {} loan checks (snapshot and books)",
            db.store.backend(),
            ROUNDS * LOANS
        );
        assert_eq!(
            u64::try_from(payments).unwrap(),
            posted,
            "every payment once"
        );
        assert_eq!(bad, 0, "{:#?}", drifts);
        assert!(app.store().trial_balance(None).await.unwrap().is_balanced());
        db.finish().await;
    }
}
