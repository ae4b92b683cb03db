//! Servicing actions through the loan-level posting path (issue 18), on SQLite and on
//! PostgreSQL when configured: a supervisor waives a late fee; the waiver is a transaction of
//! the loan's history, the snapshot equals a full replay, the books are restated and still
//! balance; an agent may not; a replayed key changes nothing; concurrent duplicates waive once;
//! bad requests are refused naming the rule and change nothing.

use app::access::{Actor, Role};
use app::clock::test_app;
use app::servicing::{FeeWaiver, ServicingError, WaiverReason};
use domain::account_number::AccountNumber;
use money::Money;
use store::testing::fresh;

/// The demo loan that is past due with a late fee.
fn past_due() -> AccountNumber {
    AccountNumber::from_base(521_840_000_000_102)
}

fn supervisor() -> Actor {
    Actor::Staff {
        id: store::StaffId(7),
        role: Role::Supervisor,
    }
}

fn waiver(cents: i64) -> FeeWaiver {
    FeeWaiver {
        account: past_due(),
        amount: Money::from_cents(cents),
        reason: WaiverReason::ServicerError,
        note: "The payment was in the lockbox on the due date".into(),
    }
}

#[tokio::test]
async fn a_supervisor_waives_a_late_fee_once_through_the_replay_and_the_books_follow() {
    for db in fresh("waive_fees").await {
        let (app, _clock) = test_app(db.store.clone(), "2026-11-24T15:00:00Z");
        app.seed_demo().await.unwrap();
        let view = app.store().loan_view(past_due()).await.unwrap().unwrap();
        let fees = view.snapshot.fees;
        assert!(fees.is_positive(), "the demo loan has a late fee");
        let history_before = app.store().history(view.loan).await.unwrap().len();

        // Refused, naming the rule, and nothing changes.
        let agent = Actor::Staff {
            id: store::StaffId(8),
            role: Role::Agent,
        };
        for (actor, key, w, want) in [
            (
                &agent,
                "waive-0001",
                waiver(100),
                "you may not waive fees or interest",
            ),
            (&supervisor(), "short", waiver(100), "idempotency key"),
            (&supervisor(), "waive-0002", waiver(0), "greater than zero"),
            (
                &supervisor(),
                "waive-0003",
                waiver(fees.cents() + 1),
                "in fees is outstanding",
            ),
            (
                &supervisor(),
                "waive-0004",
                FeeWaiver {
                    note: "x".repeat(501),
                    ..waiver(100)
                },
                "500 characters",
            ),
        ] {
            let e = app.waive_fees(actor, key, &w).await.unwrap_err();
            assert!(e.to_string().contains(want), "{e}");
        }
        let e = app
            .waive_fees(
                &supervisor(),
                "waive-0005",
                &FeeWaiver {
                    account: AccountNumber::from_base(521_840_000_009_999),
                    ..waiver(100)
                },
            )
            .await
            .unwrap_err();
        assert!(matches!(e, ServicingError::NotFound), "{e}");
        assert_eq!(
            app.store().history(view.loan).await.unwrap().len(),
            history_before
        );

        // Three clients send the same waiver at once: it is made once.
        let (lead, all) = (supervisor(), waiver(fees.cents()));
        let (a, b, c) = tokio::join!(
            app.waive_fees(&lead, "waive-late-fee", &all),
            app.waive_fees(&lead, "waive-late-fee", &all),
            app.waive_fees(&lead, "waive-late-fee", &all),
        );
        let outcomes = [a.unwrap(), b.unwrap(), c.unwrap()];
        assert_eq!(outcomes.iter().filter(|o| !o.replayed).count(), 1);
        assert!(
            outcomes
                .iter()
                .all(|o| o.reference == outcomes[0].reference)
        );
        assert!(outcomes[0].reference.starts_with('W'));
        assert_eq!(
            outcomes.iter().find(|o| !o.replayed).unwrap().fees_left,
            Money::ZERO
        );
        // The same key with another request is refused.
        let e = app
            .waive_fees(&supervisor(), "waive-late-fee", &waiver(1))
            .await
            .unwrap_err();
        assert!(matches!(e, ServicingError::KeyReused), "{e}");

        // One transaction more; the snapshot is the replay's; the books balance and agree.
        let history = app.store().history(view.loan).await.unwrap();
        assert_eq!(history.len(), history_before + 1);
        let after = app.store().loan_view(past_due()).await.unwrap().unwrap();
        assert_eq!(after.snapshot.fees, Money::ZERO);
        let record = app.store().loan(view.loan).await.unwrap();
        let today = app.business_date().await.unwrap();
        let replayed = domain::loan::replay_to_start_of(&record.terms, &history, today);
        assert_eq!(replayed.fees, Money::ZERO);
        assert_eq!(after.snapshot.principal, replayed.principal);
        assert_eq!(after.snapshot.interest, replayed.interest);
        let tb = app.store().trial_balance(None).await.unwrap();
        assert!(tb.is_balanced(), "{tb:?}");
        let books = app.store().trial_balance(Some(view.loan)).await.unwrap();
        assert_eq!(
            books.net(domain::ledger::Account::FeesReceivable),
            Money::ZERO,
            "no fee is receivable in the books"
        );
        assert_eq!(
            books.net(domain::ledger::Account::PrincipalReceivable),
            after.snapshot.principal
        );

        // Audited with the typed actor, the reason and the note.
        let audit = app
            .store()
            .audit_of(&format!("loan:{}", view.loan.0), 10)
            .await
            .unwrap();
        let waived = audit
            .iter()
            .find(|r| r.event.action == "loan.fees_waived")
            .expect("an audit record");
        assert_eq!(waived.event.actor, "staff:7");
        assert!(waived.event.detail.contains("servicer_error"));
        assert!(waived.event.detail.contains(&outcomes[0].reference));
        assert!(
            waived
                .event
                .detail
                .contains(&format!("\"amount_cents\":{}", fees.cents())),
            "the audit records what the books waived: {}",
            waived.event.detail
        );
        db.finish().await;
    }
}
