//! Changing a loan's due date (issue 20, item 3), on SQLite and on PostgreSQL when
//! configured, on the demo portfolio (business date Wednesday, November 25, 2026; Aisha's
//! loan is current, due on the 20th, next on December 20; Maria's second loan is past due):
//! a supervisor moves Aisha's due date to the 28th mid-life, then a payment is posted
//! backdated before the change: the amendment is a transaction of the history, the snapshot
//! equals a full replay (its next cycle date the amended schedule's, never the old one's),
//! no late fee falls on the old due date, the books balance; the borrower changes it through
//! the portal's use case, AutoPay's next draft follows the new date and the borrower is told
//! it; a second change within 12 months is refused, a past-due loan is refused, and bad
//! requests are refused naming the rule, changing nothing.

use app::access::{Actor, Role};
use app::due_date::DueDateChange;
use app::payments::autopay::AutopayRequest;
use app::payments::received::ReceivedPayment;
use app::servicing::ServicingError;
use domain::account_number::AccountNumber;
use domain::due_date::DueDateRefusal;
use domain::ledger::Account;
use domain::loan::{ExtraTo, FeeKind, LoanEvent, LoanStatus, TermsChange, TxnKind, replay};
use domain::payment::PaymentChannel;
use jiff::civil::date;
use money::Money;
use test_support::apps::demo_apps;
use test_support::borrowers::{AISHA, add_bank_account, enrol, session};
use test_support::clients::client;
use test_support::ledger::assert_books_balance;

/// Aisha's loan: current, due on the 20th of each month.
fn aishas() -> AccountNumber {
    AISHA.0.parse().unwrap()
}

/// Maria's second loan: past due with a late fee.
fn past_due() -> AccountNumber {
    AccountNumber::from_base(521_840_000_000_102)
}

fn supervisor() -> Actor {
    Actor::Staff {
        id: store::StaffId(7),
        role: Role::Supervisor,
    }
}

fn to_the_28th(account: AccountNumber) -> DueDateChange {
    DueDateChange {
        account,
        day: 28,
        note: "Her pay day moved to the 25th".into(),
    }
}

#[tokio::test]
async fn a_supervisor_moves_the_due_date_mid_life_and_a_backdated_payment_replays_across_it() {
    for (app, _clock, db) in demo_apps("due_date_staff").await {
        let today = app.business_date().await.unwrap();
        assert_eq!(today, date(2026, 11, 25));
        let before = app.store().loan_view(aishas()).await.unwrap().unwrap();
        assert_eq!(before.snapshot.next_due_date, Some(date(2026, 12, 20)));
        let history_before = app.store().history(before.loan).await.unwrap().len();

        // Refused, naming the rule, and nothing changes.
        let agent = Actor::Staff {
            id: store::StaffId(8),
            role: Role::Agent,
        };
        let e = app
            .change_due_date(&agent, "due-date-0001", &to_the_28th(aishas()))
            .await
            .unwrap_err();
        assert!(matches!(e, ServicingError::Denied(_)), "{e}");
        assert_eq!(e.to_string(), "you may not change due dates");
        let e = app
            .change_due_date(&supervisor(), "short", &to_the_28th(aishas()))
            .await
            .unwrap_err();
        assert!(matches!(e, ServicingError::BadKey), "{e}");
        for day in [0, 29, 31] {
            let e = app
                .change_due_date(
                    &supervisor(),
                    "due-date-0002",
                    &DueDateChange {
                        day,
                        ..to_the_28th(aishas())
                    },
                )
                .await
                .unwrap_err();
            assert!(
                matches!(e, ServicingError::DueDate(DueDateRefusal::BadDay)),
                "{day}: {e}"
            );
        }
        let e = app
            .change_due_date(
                &supervisor(),
                "due-date-0003",
                &DueDateChange {
                    note: "x".repeat(501),
                    ..to_the_28th(aishas())
                },
            )
            .await
            .unwrap_err();
        assert!(matches!(e, ServicingError::NoteTooLong), "{e}");
        let e = app
            .change_due_date(
                &supervisor(),
                "due-date-0004",
                &to_the_28th(AccountNumber::from_base(521_840_000_009_999)),
            )
            .await
            .unwrap_err();
        assert!(matches!(e, ServicingError::NotFound), "{e}");
        assert_eq!(
            app.store().history(before.loan).await.unwrap().len(),
            history_before
        );

        // The preview is the plan: the next payment moves from the 20th to the 28th.
        let plan = app
            .due_date_plan(&supervisor(), aishas(), 28)
            .await
            .unwrap();
        assert_eq!(plan.old_next_due, date(2026, 12, 20));
        assert_eq!(plan.new_next_due, date(2026, 12, 28));
        assert_eq!(plan.effective, today);
        assert!(
            plan.schedule.iter().all(|i| i.due_date.day() == 28),
            "every installment still to come falls on the 28th"
        );

        // The supervisor changes it; the same key again changes nothing more.
        let changed = app
            .change_due_date(&supervisor(), "due-date-aisha", &to_the_28th(aishas()))
            .await
            .unwrap();
        assert!(!changed.replayed);
        assert!(changed.reference.starts_with('D'), "{}", changed.reference);
        assert_eq!(changed.day, 28);
        assert_eq!(changed.next_due, Some(date(2026, 12, 28)));
        let again = app
            .change_due_date(&supervisor(), "due-date-aisha", &to_the_28th(aishas()))
            .await
            .unwrap();
        assert!(again.replayed);
        assert_eq!(again.reference, changed.reference);
        let e = app
            .change_due_date(
                &supervisor(),
                "due-date-aisha",
                &DueDateChange {
                    day: 27,
                    ..to_the_28th(aishas())
                },
            )
            .await
            .unwrap_err();
        assert!(matches!(e, ServicingError::KeyReused), "{e}");
        let history = app.store().history(before.loan).await.unwrap();
        assert_eq!(history.len(), history_before + 1);
        assert!(history.iter().any(|t| t.date == today
            && matches!(
                t.kind,
                TxnKind::Amendment {
                    change: TermsChange::DueDay { day: 28 }
                }
            )));

        // A second change within 12 months is refused.
        let e = app
            .change_due_date(
                &supervisor(),
                "due-date-again",
                &DueDateChange {
                    day: 25,
                    ..to_the_28th(aishas())
                },
            )
            .await
            .unwrap_err();
        assert!(
            matches!(e, ServicingError::DueDate(DueDateRefusal::TooSoon { .. })),
            "{e}"
        );

        // A check found in the lockbox, received two days before the change, posts now.
        let posted = app
            .post_received_payment(
                &supervisor(),
                "backdated-check-0001",
                &ReceivedPayment {
                    account: aishas(),
                    amount: Money::from_cents(10_000),
                    channel: PaymentChannel::Lockbox,
                    received_on: Some(date(2026, 11, 23)),
                    extra: ExtraTo::Principal,
                    bank: None,
                },
            )
            .await
            .unwrap();
        assert_eq!(posted.payment.credit_date, date(2026, 11, 23));

        // The snapshot is a full replay of the history, with the amended schedule's dates.
        let history = app.store().history(before.loan).await.unwrap();
        let record = app.store().loan(before.loan).await.unwrap();
        let view = app.store().loan_view(aishas()).await.unwrap().unwrap();
        let (state, expected) = app::snapshot::compute(&record.terms, &history, today, app.cycle());
        assert_eq!(view.snapshot, expected, "the snapshot is the replay");
        assert_eq!(view.snapshot.next_due_date, Some(date(2026, 12, 28)));
        let amended = record.terms.amended(&history, today);
        assert_eq!(
            view.snapshot.next_event,
            app.cycle().next_event(&amended, LoanStatus::Active, today)
        );
        assert_ne!(
            view.snapshot.next_event,
            app.cycle()
                .next_event(&record.terms, LoanStatus::Active, today),
            "close of business wakes the loan for the new dates, not the old ones"
        );
        // The backdated payment applied before the change, to principal.
        assert!(
            state
                .applied_payments()
                .any(|a| a.date == date(2026, 11, 23) && a.principal.is_positive())
        );
        // No late fee falls on the old due date (December 20, grace through the 30th).
        let new_year = replay(&record.terms, &history, date(2026, 12, 31));
        assert!(
            !new_year.events.iter().any(|e| matches!(
                e,
                LoanEvent::FeeAssessed {
                    kind: FeeKind::Late { .. },
                    ..
                }
            )),
            "no late fee before the new due date's grace period ends"
        );

        // The books balance and agree with the snapshot.
        assert_books_balance(app.store()).await;
        let books = app.store().trial_balance(Some(view.loan)).await.unwrap();
        assert_eq!(
            books.net(Account::PrincipalReceivable),
            view.snapshot.principal
        );
        assert_eq!(
            books.net(Account::InterestReceivable),
            view.snapshot.interest
        );

        // Audited with the typed actor and the note; the borrower told.
        let audit = app
            .store()
            .audit_of(&format!("loan:{}", view.loan.0), 10)
            .await
            .unwrap();
        let audited = audit
            .iter()
            .find(|r| r.event.action == "loan.due_date_changed")
            .expect("an audit record");
        assert_eq!(audited.event.actor, "staff:7");
        assert!(audited.event.detail.contains(&changed.reference));
        assert!(audited.event.detail.contains("Her pay day moved"));
        let told = app
            .store()
            .outbox(None, 100)
            .await
            .unwrap()
            .into_iter()
            .find(|m| m.message.key == format!("due-date-changed:{}", changed.reference))
            .expect("the borrower is told");
        assert!(
            told.message.body.contains("28th of each month"),
            "{}",
            told.message.body
        );
        assert!(
            told.message.body.contains("December 28, 2026"),
            "{}",
            told.message.body
        );
        db.finish().await;
    }
}

#[tokio::test]
async fn the_borrower_changes_the_due_date_and_autopay_drafts_on_the_new_date() {
    for (app, _clock, db) in demo_apps("due_date_borrower").await {
        let token = enrol(&app, AISHA, "aisha.khan").await;
        let signed_in = session(&app, &token).await;
        let login = signed_in.login().unwrap();
        let method = add_bank_account(&app, &signed_in, &client()).await;
        let autopay = app
            .enroll_autopay(
                login,
                &AutopayRequest {
                    account: aishas(),
                    method,
                    fixed_amount: None,
                    days_before_due: 0,
                    cadence: domain::autopay::Cadence::Monthly,
                },
                true,
                &client(),
            )
            .await
            .unwrap();
        // December 20, 2026 is a Sunday: drafted the Friday before.
        assert_eq!(
            app.next_autopay_draft(&autopay).await.unwrap(),
            Some(date(2026, 12, 18))
        );

        // What the portal previews: the plan, for her own loan only.
        let plan = app
            .due_date_plan(&Actor::Borrower(login), aishas(), 28)
            .await
            .unwrap();
        assert_eq!(plan.new_next_due, date(2026, 12, 28));
        let e = app
            .due_date_plan(&Actor::Borrower(login), past_due(), 28)
            .await
            .unwrap_err();
        assert!(
            matches!(e, ServicingError::NotFound),
            "another borrower's loan is one that does not exist: {e}"
        );
        let e = app
            .change_my_due_date(login, "mine-0001", &to_the_28th(past_due()))
            .await
            .unwrap_err();
        assert!(matches!(e, ServicingError::NotFound), "{e}");

        // She changes it; AutoPay's next draft follows (December 28 is a Monday).
        let changed = app
            .change_my_due_date(login, "mine-0002", &to_the_28th(aishas()))
            .await
            .unwrap();
        assert!(!changed.replayed);
        assert_eq!(changed.next_due, Some(date(2026, 12, 28)));
        assert_eq!(changed.autopay_draft, Some(date(2026, 12, 28)));
        assert_eq!(
            app.next_autopay_draft(&autopay).await.unwrap(),
            Some(date(2026, 12, 28))
        );
        let view = app.store().loan_view(aishas()).await.unwrap().unwrap();
        assert_eq!(view.snapshot.next_due_date, Some(date(2026, 12, 28)));
        let told = app
            .store()
            .outbox(None, 100)
            .await
            .unwrap()
            .into_iter()
            .find(|m| m.message.key == format!("due-date-changed:{}", changed.reference))
            .expect("the borrower is told");
        assert!(
            told.message.body.contains("As you asked"),
            "{}",
            told.message.body
        );
        assert!(
            told.message
                .body
                .contains("its next draft is on December 28, 2026"),
            "{}",
            told.message.body
        );
        let audit = app
            .store()
            .audit_of(&format!("loan:{}", view.loan.0), 10)
            .await
            .unwrap();
        assert!(
            audit
                .iter()
                .any(|r| r.event.action == "loan.due_date_changed"
                    && r.event.actor == format!("login:{}", login.0))
        );

        // Once in 12 months: a second change is refused, by her or by staff.
        let e = app
            .change_my_due_date(
                login,
                "mine-0003",
                &DueDateChange {
                    day: 25,
                    ..to_the_28th(aishas())
                },
            )
            .await
            .unwrap_err();
        assert!(
            matches!(e, ServicingError::DueDate(DueDateRefusal::TooSoon { .. })),
            "{e}"
        );
        assert!(!e.to_string().is_empty(), "the refusal says why");
        assert_books_balance(app.store()).await;
        db.finish().await;
    }
}

#[tokio::test]
async fn a_past_due_loan_keeps_its_due_date() {
    for (app, _clock, db) in demo_apps("due_date_past_due").await {
        let view = app.store().loan_view(past_due()).await.unwrap().unwrap();
        assert!(view.snapshot.days_past_due > 0, "the demo loan is past due");
        let history_before = app.store().history(view.loan).await.unwrap().len();
        let e = app
            .change_due_date(&supervisor(), "past-due-0001", &to_the_28th(past_due()))
            .await
            .unwrap_err();
        assert!(
            matches!(e, ServicingError::DueDate(DueDateRefusal::PastDue)),
            "{e}"
        );
        let e = app
            .due_date_plan(&supervisor(), past_due(), 28)
            .await
            .unwrap_err();
        assert!(
            matches!(e, ServicingError::DueDate(DueDateRefusal::PastDue)),
            "{e}"
        );
        assert_eq!(
            app.store().history(view.loan).await.unwrap().len(),
            history_before,
            "nothing was appended"
        );
        assert_books_balance(app.store()).await;
        db.finish().await;
    }
}
