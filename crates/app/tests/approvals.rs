//! Four eyes (issue 20, item 5), on SQLite and on PostgreSQL when configured: an agent asks
//! for a fee waiver (it waits, nothing changes); the agent cannot approve it, and nobody
//! approves their own request; a supervisor approves it and the waiver is in the history, the
//! snapshot equals a full replay and the books balance; approving again answers the same; an
//! approved request the loan no longer allows is refused when it runs and changes nothing; a
//! rejected request changes nothing; two checkers approving at once do it once; several of
//! one kind are approved together, never of two kinds; the thresholds decide what waits.

use app::access::{Actor, Role};
use app::approvals::{
    Action, ApprovalError, ApprovalOutcome, ApprovalQuery, ApprovalState, CheckerRefusal, Outcome,
    Submitted, Thresholds,
};
use app::clock::test_app;
use app::due_date::DueDateChange;
use app::servicing::{FeeWaiver, WaiverReason};
use domain::account_number::AccountNumber;
use money::Money;
use store::testing::fresh;

/// The demo loan that is past due with a late fee.
fn past_due() -> AccountNumber {
    AccountNumber::from_base(521_840_000_000_102)
}

fn staff(id: i64, role: Role) -> Actor {
    Actor::Staff {
        id: store::StaffId(id),
        role,
    }
}

fn agent() -> Actor {
    staff(8, Role::Agent)
}

fn waiver(cents: i64) -> Action {
    Action::WaiveFees(FeeWaiver {
        account: past_due(),
        amount: Money::from_cents(cents),
        reason: WaiverReason::Goodwill,
        note: "Long-standing borrower, first late payment".into(),
    })
}

/// The request a submission left waiting.
fn awaiting(s: Submitted) -> store::ApprovalId {
    match s {
        Submitted::Awaiting { request } => request,
        Submitted::Done { .. } => panic!("the action was done at once: {s:?}"),
    }
}

/// Checks the loan's snapshot against a full replay of its history, and the whole ledger.
async fn books_agree(app: &app::App) {
    let view = app.store().loan_view(past_due()).await.unwrap().unwrap();
    let history = app.store().history(view.loan).await.unwrap();
    let record = app.store().loan(view.loan).await.unwrap();
    let today = app.business_date().await.unwrap();
    let replayed = domain::loan::replay_to_start_of(&record.terms, &history, today);
    assert_eq!(view.snapshot.fees, replayed.fees);
    assert_eq!(view.snapshot.principal, replayed.principal);
    assert_eq!(view.snapshot.interest, replayed.interest);
    test_support::ledger::assert_books_balance(app.store()).await;
}

#[tokio::test]
async fn an_agent_asks_a_supervisor_approves_and_the_waiver_is_done_once() {
    for db in fresh("approvals_waiver").await {
        let (app, _clock) = test_app(db.store.clone(), "2026-11-24T15:00:00Z");
        app.seed_demo().await.unwrap();
        let view = app.store().loan_view(past_due()).await.unwrap().unwrap();
        let fees = view.snapshot.fees;
        assert!(fees.is_positive(), "the demo loan has a late fee");
        let history_before = app.store().history(view.loan).await.unwrap().len();

        // The agent asks: it waits, and nothing changes. The same key again is the same request.
        let id = awaiting(
            app.submit(&agent(), "request-0001", waiver(fees.cents()))
                .await
                .unwrap(),
        );
        assert_eq!(
            awaiting(
                app.submit(&agent(), "request-0001", waiver(fees.cents()))
                    .await
                    .unwrap()
            ),
            id
        );
        let e = app
            .submit(&agent(), "request-0001", waiver(1))
            .await
            .unwrap_err();
        assert!(e.to_string().contains("already used"), "{e}");
        assert_eq!(
            app.store().history(view.loan).await.unwrap().len(),
            history_before
        );
        let pending = app
            .approval_requests(
                &agent(),
                ApprovalQuery {
                    state: Some(ApprovalState::Pending),
                    limit: 50,
                    ..ApprovalQuery::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(pending.len(), 1);
        assert_eq!(pending[0].maker, "staff:8");
        assert_eq!(pending[0].amount, fees);
        assert!(
            pending[0].summary.starts_with("Waive "),
            "{}",
            pending[0].summary
        );

        // The agent may not approve; nobody approves their own request.
        let e = app.approve(&agent(), id).await.unwrap_err();
        assert!(matches!(e, ApprovalError::Denied(_)), "{e}");
        let lead = staff(7, Role::Supervisor);
        let own = awaiting(app.submit(&lead, "request-0002", waiver(1)).await.unwrap());
        let e = app.approve(&lead, own).await.unwrap_err();
        assert!(
            matches!(e, ApprovalError::Refused(CheckerRefusal::OwnRequest)),
            "{e}"
        );
        assert!(e.to_string().contains("another person"), "{e}");

        // A second supervisor approves: the waiver runs as them, once.
        let checker = staff(9, Role::Supervisor);
        let done = app.approve(&checker, id).await.unwrap();
        let Outcome::Done { reference, .. } = &done else {
            panic!("the waiver was refused: {done:?}");
        };
        assert!(reference.starts_with('W'), "{reference}");
        assert_eq!(app.approve(&checker, id).await.unwrap(), done);
        let history = app.store().history(view.loan).await.unwrap();
        assert_eq!(history.len(), history_before + 1);
        let after = app.store().loan_view(past_due()).await.unwrap().unwrap();
        assert_eq!(after.snapshot.fees, Money::ZERO);
        let stored = app.store().approval(id).await.unwrap().unwrap();
        assert_eq!(stored.state, ApprovalState::Approved);
        assert_eq!(stored.outcome, Some(ApprovalOutcome::Done));
        assert_eq!(
            stored.outcome_reference.as_deref(),
            Some(reference.as_str())
        );
        assert_eq!(stored.checker.as_deref(), Some("staff:9"));

        // The supervisor's own small waiver, approved now that no fee is left: refused when it
        // runs, recorded so, and nothing changes.
        let failed = app.approve(&checker, own).await.unwrap();
        let Outcome::Failed { reason } = &failed else {
            panic!("a waiver of a fee no longer there was done: {failed:?}");
        };
        assert!(reason.contains("in fees is outstanding"), "{reason}");
        assert_eq!(
            app.store().history(view.loan).await.unwrap().len(),
            history_before + 1
        );
        let mine = app
            .approval_requests(
                &lead,
                ApprovalQuery {
                    maker: Some("staff:7".into()),
                    newest_first: true,
                    limit: 50,
                    ..ApprovalQuery::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(mine.len(), 1);
        assert_eq!(mine[0].outcome, Some(ApprovalOutcome::Failed));

        // Audited with both: the maker asked, the checker approved and did it.
        let audit = app
            .store()
            .audit_of(&format!("loan:{}", view.loan.0), 20)
            .await
            .unwrap();
        let of = |action: &str| {
            audit
                .iter()
                .filter(|r| r.event.action == action)
                .map(|r| (r.event.actor.clone(), r.event.detail.clone()))
                .collect::<Vec<_>>()
        };
        assert!(of("approval.requested").iter().any(|(a, _)| a == "staff:8"));
        let approved = of("approval.approved");
        assert!(
            approved
                .iter()
                .any(|(a, d)| a == "staff:9" && d.contains("\"maker\":\"staff:8\"")),
            "{approved:?}"
        );
        assert!(of("loan.fees_waived").iter().any(|(a, _)| a == "staff:9"));
        assert_eq!(of("approval.failed").len(), 1);
        books_agree(&app).await;
        db.finish().await;
    }
}

#[tokio::test]
async fn a_rejected_request_changes_nothing_and_the_maker_sees_why() {
    for db in fresh("approvals_reject").await {
        let (app, _clock) = test_app(db.store.clone(), "2026-11-24T15:00:00Z");
        app.seed_demo().await.unwrap();
        let view = app.store().loan_view(past_due()).await.unwrap().unwrap();
        let history_before = app.store().history(view.loan).await.unwrap().len();
        let id = awaiting(
            app.submit(&agent(), "request-0101", waiver(100))
                .await
                .unwrap(),
        );
        let checker = staff(9, Role::Supervisor);

        let e = app.reject(&checker, id, "  ").await.unwrap_err();
        assert!(matches!(e, ApprovalError::NoReason), "{e}");
        let e = app.reject(&agent(), id, "No").await.unwrap_err();
        assert!(matches!(e, ApprovalError::Denied(_)), "{e}");
        app.reject(&checker, id, "Waived once this year already")
            .await
            .unwrap();
        let e = app.approve(&checker, id).await.unwrap_err();
        assert!(
            matches!(
                e,
                ApprovalError::Refused(CheckerRefusal::Decided {
                    state: ApprovalState::Rejected
                })
            ),
            "{e}"
        );
        let e = app
            .reject(&staff(10, Role::Admin), id, "Again")
            .await
            .unwrap_err();
        assert!(e.to_string().contains("already rejected"), "{e}");

        let stored = app.store().approval(id).await.unwrap().unwrap();
        assert_eq!(stored.state, ApprovalState::Rejected);
        assert_eq!(
            stored.reason.as_deref(),
            Some("Waived once this year already")
        );
        assert_eq!(stored.outcome, None);
        let after = app.store().loan_view(past_due()).await.unwrap().unwrap();
        assert_eq!(after.snapshot.fees, view.snapshot.fees);
        assert_eq!(
            app.store().history(view.loan).await.unwrap().len(),
            history_before
        );
        let audit = app
            .store()
            .audit_of(&format!("loan:{}", view.loan.0), 20)
            .await
            .unwrap();
        let rejected = audit
            .iter()
            .find(|r| r.event.action == "approval.rejected")
            .expect("the rejection is audited");
        assert_eq!(rejected.event.actor, "staff:9");
        assert!(rejected.event.detail.contains("\"maker\":\"staff:8\""));
        assert!(
            rejected
                .event
                .detail
                .contains("Waived once this year already")
        );
        books_agree(&app).await;
        db.finish().await;
    }
}

#[tokio::test]
async fn two_checkers_approving_at_once_do_it_once() {
    for db in fresh("approvals_race").await {
        let (app, _clock) = test_app(db.store.clone(), "2026-11-24T15:00:00Z");
        app.seed_demo().await.unwrap();
        let view = app.store().loan_view(past_due()).await.unwrap().unwrap();
        let history_before = app.store().history(view.loan).await.unwrap().len();
        let id = awaiting(
            app.submit(&agent(), "request-0201", waiver(100))
                .await
                .unwrap(),
        );
        let (one, two) = (staff(9, Role::Supervisor), staff(10, Role::Admin));
        let (a, b) = tokio::join!(app.approve(&one, id), app.approve(&two, id));
        let results = [a, b];
        assert_eq!(
            results
                .iter()
                .filter(|r| matches!(r, Ok(Outcome::Done { .. })))
                .count(),
            1,
            "{results:?}"
        );
        assert_eq!(
            results
                .iter()
                .filter(|r| matches!(
                    r,
                    Err(ApprovalError::Refused(CheckerRefusal::Decided {
                        state: ApprovalState::Approved
                    }))
                ))
                .count(),
            1,
            "{results:?}"
        );
        assert_eq!(
            app.store().history(view.loan).await.unwrap().len(),
            history_before + 1
        );
        books_agree(&app).await;
        db.finish().await;
    }
}

#[tokio::test]
async fn several_requests_of_one_kind_are_approved_together_never_of_two_kinds() {
    for db in fresh("approvals_bulk").await {
        let (app, _clock) = test_app(db.store.clone(), "2026-11-24T15:00:00Z");
        app.seed_demo().await.unwrap();
        let view = app.store().loan_view(past_due()).await.unwrap().unwrap();
        assert!(view.snapshot.fees >= Money::from_cents(300));
        let history_before = app.store().history(view.loan).await.unwrap().len();
        let first = awaiting(
            app.submit(&agent(), "request-0301", waiver(100))
                .await
                .unwrap(),
        );
        let second = awaiting(
            app.submit(&agent(), "request-0302", waiver(200))
                .await
                .unwrap(),
        );
        let due_date = Action::ChangeDueDate(DueDateChange {
            account: past_due(),
            day: 15,
            note: String::new(),
        });
        let other = awaiting(
            app.submit(&agent(), "request-0303", due_date)
                .await
                .unwrap(),
        );
        let checker = staff(9, Role::Supervisor);

        let e = app
            .approve_many(&checker, &[first, other])
            .await
            .unwrap_err();
        assert!(matches!(e, ApprovalError::MixedKinds), "{e}");
        for id in [first, second, other] {
            let a = app.store().approval(id).await.unwrap().unwrap();
            assert_eq!(a.state, ApprovalState::Pending, "nothing was approved");
        }

        let results = app.approve_many(&checker, &[first, second]).await.unwrap();
        assert_eq!(results.len(), 2);
        for (id, r) in &results {
            assert!(matches!(r, Ok(Outcome::Done { .. })), "{id:?}: {r:?}");
        }
        assert_eq!(
            app.store().history(view.loan).await.unwrap().len(),
            history_before + 2
        );
        let after = app.store().loan_view(past_due()).await.unwrap().unwrap();
        assert_eq!(
            after.snapshot.fees,
            view.snapshot.fees - Money::from_cents(300)
        );
        books_agree(&app).await;
        db.finish().await;
    }
}

#[tokio::test]
async fn the_thresholds_decide_what_waits() {
    for db in fresh("approvals_thresholds").await {
        let (app, _clock) = test_app(db.store.clone(), "2026-11-24T15:00:00Z");
        app.seed_demo().await.unwrap();
        let agent = agent();
        // By default a payment by phone waits from $2,500.00.
        assert!(!app.phone_payment_needs_approval(&agent, Money::from_cents(249_999)));
        assert!(app.phone_payment_needs_approval(&agent, Money::from_cents(250_000)));

        // A supervisor's waiver under their threshold is done at once; an agent's still waits
        // (an agent may not waive fees whatever the thresholds say).
        let app = app.with_approvals(Thresholds::never().with(
            app::approvals::ActionKind::WaiveFees,
            Role::Supervisor,
            Some(Money::from_cents(5_000)),
        ));
        let lead = staff(7, Role::Supervisor);
        let done = app
            .submit(&lead, "request-0401", waiver(100))
            .await
            .unwrap();
        assert!(
            matches!(&done, Submitted::Done { reference, .. } if reference.starts_with('W')),
            "{done:?}"
        );
        awaiting(
            app.submit(&lead, "request-0402", waiver(5_000))
                .await
                .unwrap(),
        );
        awaiting(
            app.submit(&agent, "request-0403", waiver(100))
                .await
                .unwrap(),
        );
        // Refusals that need no second person come back at once.
        let e = app
            .submit(
                &agent,
                "request-0404",
                Action::WaiveFees(FeeWaiver {
                    account: AccountNumber::from_base(521_840_000_009_999),
                    amount: Money::from_cents(100),
                    reason: WaiverReason::Goodwill,
                    note: String::new(),
                }),
            )
            .await
            .unwrap_err();
        assert!(e.to_string().contains("no loan"), "{e}");
        let e = app
            .submit(&agent, "request-0405", waiver(0))
            .await
            .unwrap_err();
        assert!(e.to_string().contains("greater than zero"), "{e}");
        let e = app.submit(&agent, "short", waiver(100)).await.unwrap_err();
        assert!(e.to_string().contains("idempotency key"), "{e}");
        let e = app
            .submit(
                &Actor::Borrower(store::LoginId(1)),
                "request-0406",
                waiver(100),
            )
            .await
            .unwrap_err();
        assert!(matches!(e, ApprovalError::Denied(_)), "{e}");
        books_agree(&app).await;
        db.finish().await;
    }
}
