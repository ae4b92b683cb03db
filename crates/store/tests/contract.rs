//! The store's contract, run on SQLite always and on PostgreSQL when
//! `SERVICER_TEST_POSTGRES_URL` names a server (each test gets its own database there).

use domain::account_number::AccountNumber;
use domain::address::{AddressOnFile, MailingAddress, TypedAddress};
use domain::ledger::{self, Account};
use domain::loan::{ExtraTo, LoanTerms, TxnKind, replay};
use domain::schedule::{Frequency, ScheduleTerms, amortize};
use jiff::civil::date;
use money::{DayCount, Money, Rate};
use store::testing::TestDb;
use store::{
    AuditEvent, Channel, LoanRecord, NewBorrower, NewJob, NewMessage, SealedIdentity, Store,
    StoreError,
};

/// A fresh, migrated store on each available backend.
async fn backends(test: &str) -> Vec<(Store, TestDb)> {
    store::testing::fresh(test)
        .await
        .into_iter()
        .map(|db| (db.store.clone(), db))
        .collect()
}

async fn finish(store: Store, db: TestDb) {
    drop(store);
    db.finish().await;
}

fn sample_loan(borrower: store::BorrowerId, account: u64) -> LoanRecord {
    let rate = Rate::parse("7.5").unwrap();
    let amount = Money::parse("10000.00").unwrap();
    let schedule = amortize(&ScheduleTerms {
        amount_financed: amount,
        rate,
        term: 36,
        start: date(2026, 1, 15),
        first_payment: date(2026, 2, 15),
        frequency: Frequency::Monthly,
        day_count: DayCount::Actual365Fixed,
    })
    .unwrap();
    let mut terms = LoanTerms::from_schedule(
        &schedule,
        rate,
        DayCount::Actual365Fixed,
        date(2026, 1, 15),
        amount,
    );
    terms.nsf_fee.fee = Some(Money::from_cents(1500));
    LoanRecord::originated(AccountNumber::from_base(account), borrower, amount, terms)
}

fn borrower(name: &str) -> NewBorrower {
    NewBorrower {
        full_name: name.to_owned(),
        email: Some(format!(
            "{}@example.com",
            name.to_lowercase().replace(' ', ".")
        )),
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

#[tokio::test]
async fn migrating_twice_changes_nothing_and_the_store_is_ready() {
    for (store, cleanup) in backends("migrate").await {
        store.migrate().await.unwrap();
        assert!(store.is_ready().await, "{}", store.backend());
        finish(store, cleanup).await;
    }
}

#[tokio::test]
async fn settings_are_inserted_and_replaced() {
    for (store, cleanup) in backends("settings").await {
        assert_eq!(store.setting("business_date").await.unwrap(), None);
        store
            .put_setting("business_date", "2026-11-25")
            .await
            .unwrap();
        store
            .put_setting("business_date", "2026-11-27")
            .await
            .unwrap();
        assert_eq!(
            store.setting("business_date").await.unwrap().as_deref(),
            Some("2026-11-27")
        );
        finish(store, cleanup).await;
    }
}

#[tokio::test]
async fn a_loan_reads_back_exactly_as_written() {
    for (store, cleanup) in backends("loan").await {
        let b = store
            .insert_borrower(&borrower("Ana Diaz"), 1)
            .await
            .unwrap();
        let record = sample_loan(b, 400_012_341_234_123);
        let id = store.insert_loan(&record, 2).await.unwrap();
        assert_eq!(store.loan(id).await.unwrap(), record, "{}", store.backend());
        assert_eq!(store.loans_of(b).await.unwrap(), vec![id]);
        finish(store, cleanup).await;
    }
}

#[tokio::test]
async fn a_duplicate_account_number_is_refused_and_writes_nothing() {
    for (store, cleanup) in backends("duplicate").await {
        let b = store
            .insert_borrower(&borrower("Ana Diaz"), 1)
            .await
            .unwrap();
        store
            .insert_loan(&sample_loan(b, 400_012_341_234_123), 2)
            .await
            .unwrap();
        let other = store
            .insert_borrower(&borrower("Ben Ode"), 3)
            .await
            .unwrap();
        let err = store
            .insert_loan(&sample_loan(other, 400_012_341_234_123), 4)
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Duplicate { .. }), "{err}");
        assert!(store.loans_of(other).await.unwrap().is_empty());
        finish(store, cleanup).await;
    }
}

/// Two borrowers with a loan each: (borrower, loan) for Ana Diaz and for `second`.
async fn two_borrowers_with_a_loan_each(
    store: &Store,
    second: &str,
    accounts: (u64, u64),
) -> (
    (store::BorrowerId, store::LoanId),
    (store::BorrowerId, store::LoanId),
) {
    let a = store
        .insert_borrower(&borrower("Ana Diaz"), 1)
        .await
        .unwrap();
    let b = store.insert_borrower(&borrower(second), 1).await.unwrap();
    let la = store
        .insert_loan(&sample_loan(a, accounts.0), 2)
        .await
        .unwrap();
    let lb = store
        .insert_loan(&sample_loan(b, accounts.1), 2)
        .await
        .unwrap();
    ((a, la), (b, lb))
}

#[tokio::test]
async fn a_borrower_sees_only_their_own_loans() {
    for (store, cleanup) in backends("scoping").await {
        let ((a, la), (b, lb)) = two_borrowers_with_a_loan_each(
            &store,
            "Ben Ode",
            (400_000_000_000_001, 400_000_000_000_002),
        )
        .await;
        assert_eq!(store.loans_of(a).await.unwrap(), vec![la]);
        assert_eq!(store.loans_of(b).await.unwrap(), vec![lb]);
        finish(store, cleanup).await;
    }
}

#[tokio::test]
async fn stored_history_replays_and_books_to_the_same_balances() {
    for (store, cleanup) in backends("history").await {
        let b = store
            .insert_borrower(&borrower("Ana Diaz"), 1)
            .await
            .unwrap();
        let record = sample_loan(b, 400_012_341_234_123);
        let loan = store.insert_loan(&record, 2).await.unwrap();
        let due = record.terms.installments[0].amount;
        let pay = |amount| TxnKind::Payment {
            amount,
            extra: ExtraTo::Principal,
        };
        let first = store
            .append_transaction(loan, date(2026, 2, 15), pay(due), 3)
            .await
            .unwrap();
        store
            .append_transaction(loan, date(2026, 3, 15), pay(due), 4)
            .await
            .unwrap();
        store
            .append_transaction(
                loan,
                date(2026, 2, 20),
                TxnKind::Reversal {
                    of: first,
                    insufficient_funds: true,
                },
                5,
            )
            .await
            .unwrap();
        store
            .append_transaction(
                loan,
                date(2026, 4, 1),
                TxnKind::FeeWaiver {
                    amount: Money::from_cents(1000),
                },
                6,
            )
            .await
            .unwrap();
        let history = store.history(loan).await.unwrap();
        assert_eq!(history.len(), 4);
        let state = replay(&record.terms, &history, date(2026, 4, 30));
        let mut entries =
            vec![ledger::disbursement(record.terms.accrual_start, record.amount_financed).unwrap()];
        entries.extend(state.events.iter().filter_map(ledger::for_event));
        store.post_entries(Some(loan), &entries, 7).await.unwrap();
        let tb = store.trial_balance(Some(loan)).await.unwrap();
        assert!(tb.is_balanced());
        assert_eq!(tb.net(Account::PrincipalReceivable), state.principal);
        assert_eq!(tb.net(Account::InterestReceivable), state.interest);
        assert_eq!(tb.net(Account::FeesReceivable), state.fees);
        assert_eq!(
            store.trial_balance(None).await.unwrap(),
            tb,
            "{}",
            store.backend()
        );
        finish(store, cleanup).await;
    }
}

#[tokio::test]
async fn bulk_inserts_return_ids_in_input_order() {
    for (store, cleanup) in backends("bulk").await {
        let people: Vec<NewBorrower> = (0..2500)
            .map(|i| NewBorrower {
                ssn_digest: Some(format!("digest-{i}")),
                identity: Some(SealedIdentity {
                    key_id: "k1".into(),
                    ssn: vec![1, 2, 3],
                    date_of_birth: vec![4, 5],
                }),
                ..borrower(&format!("Person {i}"))
            })
            .collect();
        let mut tx = store.begin().await.unwrap();
        let ids = tx.insert_borrowers(&people, 1).await.unwrap();
        let loans: Vec<LoanRecord> = ids
            .iter()
            .zip(0_u64..)
            .map(|(b, i)| sample_loan(*b, 500_000_000_000 + i))
            .collect();
        let loan_ids = tx.insert_loans(&loans, 2).await.unwrap();
        let found = tx
            .borrowers_by_digest(&["digest-7".into(), "digest-2400".into(), "nobody".into()])
            .await
            .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!(found["digest-2400"], ids[2400]);
        for k in [0, 999, 1000, 2499] {
            assert_eq!(
                store.borrower(ids[k]).await.unwrap(),
                people[k],
                "{}",
                store.backend()
            );
            assert_eq!(store.loan(loan_ids[k]).await.unwrap(), loans[k]);
            assert_eq!(
                store
                    .loan_by_account_number(loans[k].account_number)
                    .await
                    .unwrap(),
                Some((loan_ids[k], ids[k]))
            );
        }
        finish(store, cleanup).await;
    }
}

#[tokio::test]
async fn a_rolled_back_transaction_leaves_nothing() {
    for (store, cleanup) in backends("rollback").await {
        let mut tx = store.begin().await.unwrap();
        let b = tx
            .insert_borrowers(&[borrower("Ana Diaz")], 1)
            .await
            .unwrap()[0];
        tx.insert_loans(&[sample_loan(b, 42)], 1).await.unwrap();
        drop(tx);
        assert!(
            store
                .loan_by_account_number(AccountNumber::from_base(42))
                .await
                .unwrap()
                .is_none()
        );
        assert!(store.verify_audit().await.unwrap().records == 0);
        finish(store, cleanup).await;
    }
}

fn event(n: u32) -> AuditEvent {
    AuditEvent {
        actor: "test".into(),
        action: "thing.done".into(),
        subject: format!("thing:{n}"),
        detail: format!("{{\"n\":{n}}}"),
    }
}

#[tokio::test]
async fn the_audit_chain_verifies_and_any_edit_breaks_it() {
    for (store, cleanup) in backends("audit").await {
        for n in 0..5 {
            store.audit(&event(n), i64::from(n)).await.unwrap();
        }
        let ok = store.verify_audit().await.unwrap();
        assert_eq!(
            (ok.records, ok.first_break.clone()),
            (5, None),
            "{}",
            store.backend()
        );
        assert_eq!(
            store.audit_of("thing:3", 10).await.unwrap()[0].event,
            event(3)
        );
        let tamper = "UPDATE audit_log SET detail = '{\"n\":99}' WHERE subject = 'thing:2'";
        // The database refuses edits and deletions…
        for sql in [tamper, "DELETE FROM audit_log"] {
            let refused = match &store {
                Store::Sqlite { write: p, .. } => sqlx::query(sql).execute(p).await.is_err(),
                Store::Postgres(p) => sqlx::query(sql).execute(p).await.is_err(),
            };
            assert!(refused, "{}: {sql} must be refused", store.backend());
        }
        // …and an administrator who drops the guard is caught by the chain.
        let (drop_guard, sqls): (&str, &[&str]) = match &store {
            Store::Sqlite { .. } => ("sqlite", &["DROP TRIGGER audit_log_no_update", tamper]),
            Store::Postgres(_) => (
                "postgres",
                &[
                    "DROP TRIGGER audit_log_no_update_or_delete ON audit_log",
                    tamper,
                ],
            ),
        };
        for sql in sqls {
            match &store {
                Store::Sqlite { write: p, .. } => {
                    sqlx::query(*sql).execute(p).await.unwrap();
                }
                Store::Postgres(p) => {
                    sqlx::query(*sql).execute(p).await.unwrap();
                }
            }
        }
        assert_eq!(store.backend(), drop_guard);
        let broken = store.verify_audit().await.unwrap();
        assert_eq!(broken.records, 2);
        assert!(broken.first_break.unwrap().1.contains("changed"));
        finish(store, cleanup).await;
    }
}

fn job(key: &str, run_at_us: i64) -> NewJob {
    NewJob {
        kind: "test.job".into(),
        key: key.into(),
        payload: "{}".into(),
        run_at_us,
    }
}

#[tokio::test]
async fn jobs_are_keyed_claimed_once_leased_and_retried() {
    for (store, cleanup) in backends("jobs").await {
        let mut tx = store.begin().await.unwrap();
        assert!(tx.enqueue(&job("a", 100), 1).await.unwrap());
        assert!(
            !tx.enqueue(&job("a", 100), 1).await.unwrap(),
            "same key twice is one job"
        );
        assert!(tx.enqueue(&job("b", 500), 1).await.unwrap());
        tx.commit().await.unwrap();
        assert_eq!(
            store.claim_job(50, 1000).await.unwrap(),
            None,
            "nothing due yet"
        );
        let a = store.claim_job(100, 1000).await.unwrap().unwrap();
        assert_eq!((a.key.as_str(), a.attempt), ("a", 1));
        assert_eq!(
            store.claim_job(200, 1000).await.unwrap(),
            None,
            "a is leased, b not due"
        );
        // The worker dies; after the lease another claim takes the job again.
        let again = store.claim_job(1001, 2000).await.unwrap().unwrap();
        assert_eq!((again.key.as_str(), again.attempt), ("a", 2));
        store
            .fail_job(again.id, "timeout", Some(3000))
            .await
            .unwrap();
        let b = store.claim_job(1002, 2000).await.unwrap().unwrap();
        assert_eq!(b.key, "b");
        let mut tx = store.begin().await.unwrap();
        tx.complete_job(b.id).await.unwrap();
        tx.commit().await.unwrap();
        let a3 = store.claim_job(3000, 4000).await.unwrap().unwrap();
        store.fail_job(a3.id, "gave up", None).await.unwrap();
        let counts = store.job_counts().await.unwrap();
        assert_eq!(
            (counts.queued, counts.running, counts.done, counts.failed),
            (0, 0, 1, 1),
            "{}",
            store.backend()
        );
        finish(store, cleanup).await;
    }
}

#[tokio::test]
async fn a_schedule_slot_is_won_once() {
    for (store, cleanup) in backends("slots").await {
        let mut wins = 0;
        for _ in 0..3 {
            let mut tx = store.begin().await.unwrap();
            wins += u32::from(
                tx.claim_slot("audit.verify", "2026-11-25", 1)
                    .await
                    .unwrap(),
            );
            tx.commit().await.unwrap();
        }
        assert_eq!(wins, 1);
        finish(store, cleanup).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_workers_never_claim_the_same_job() {
    for (store, cleanup) in backends("claims").await {
        let mut tx = store.begin().await.unwrap();
        for n in 0..60 {
            tx.enqueue(&job(&format!("j{n}"), 0), 0).await.unwrap();
        }
        tx.commit().await.unwrap();
        let workers: Vec<_> = (0..4)
            .map(|_| {
                let store = store.clone();
                tokio::spawn(async move {
                    let mut mine = Vec::new();
                    while let Some(j) = store.claim_job(10, 1_000_000).await.unwrap() {
                        mine.push(j.id);
                    }
                    mine
                })
            })
            .collect();
        let mut all = Vec::new();
        for w in workers {
            all.extend(w.await.unwrap());
        }
        let claimed = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(
            (claimed, all.len()),
            (60, 60),
            "{}: every job claimed exactly once",
            store.backend()
        );
        finish(store, cleanup).await;
    }
}

#[tokio::test]
async fn an_outbox_message_is_written_once_per_key() {
    for (store, cleanup) in backends("outbox").await {
        let b = store
            .insert_borrower(&borrower("Ana Diaz"), 1)
            .await
            .unwrap();
        let message = |key: &str| NewMessage {
            borrower: b,
            channel: Channel::Email,
            recipient: "ana.diaz@example.com".into(),
            subject: "Hello".into(),
            body: "Body".into(),
            key: key.into(),
        };
        let mut tx = store.begin().await.unwrap();
        assert_eq!(
            tx.enqueue_messages(&[message("k1"), message("k2")], 5)
                .await
                .unwrap(),
            2
        );
        assert_eq!(
            tx.enqueue_messages(&[message("k1")], 6).await.unwrap(),
            0,
            "same key, no second message"
        );
        tx.commit().await.unwrap();
        let all = store.outbox(None, 10).await.unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].message, message("k2"), "newest first");
        assert_eq!(store.outbox(Some("sent"), 10).await.unwrap().len(), 0);
        assert_eq!(store.outbox(Some("pending"), 10).await.unwrap().len(), 2);
        finish(store, cleanup).await;
    }
}

#[tokio::test]
async fn posted_lines_belong_to_their_own_entries_across_loans_and_batches() {
    for (store, cleanup) in backends("entry_ids").await {
        let ((_, la), (_, lb)) = two_borrowers_with_a_loan_each(
            &store,
            "Bo Chen",
            (400_000_000_000_011, 400_000_000_000_012),
        )
        .await;
        let day = date(2026, 1, 15);
        // Something already posted, so new ids do not start at 1.
        store
            .post_entries(
                None,
                &[ledger::disbursement(day, Money::from_cents(5)).unwrap()],
                3,
            )
            .await
            .unwrap();
        // Loans alternating, amounts all different, more entries than one INSERT takes: a
        // line tied to its neighbour's entry would move money between the two loans.
        let (mut to_a, mut to_b) = (Money::ZERO, Money::ZERO);
        let entries: Vec<_> = (1..=2_500_i64)
            .map(|i| {
                let amount = Money::from_cents(i);
                let loan = if i % 2 == 0 { la } else { lb };
                if i % 2 == 0 {
                    to_a += amount
                } else {
                    to_b += amount
                }
                (Some(loan), ledger::disbursement(day, amount).unwrap())
            })
            .collect();
        let mut tx = store.begin().await.unwrap();
        tx.post_entries(&entries, 4).await.unwrap();
        tx.commit().await.unwrap();
        let (ta, tb) = (
            store.trial_balance(Some(la)).await.unwrap(),
            store.trial_balance(Some(lb)).await.unwrap(),
        );
        assert!(ta.is_balanced() && tb.is_balanced());
        assert_eq!(
            ta.net(Account::PrincipalReceivable),
            to_a,
            "{}",
            store.backend()
        );
        assert_eq!(
            tb.net(Account::PrincipalReceivable),
            to_b,
            "{}",
            store.backend()
        );
        finish(store, cleanup).await;
    }
}

/// The account view's trail of staff actions reads the partial index of actions (migration
/// 0022), not every read of the account: before it, the list walked each `account.viewed`
/// record ever written on the borrower, so the view slowed with every view (18 a second after
/// a benchmark's few hundred thousand reads).
#[tokio::test]
async fn the_trail_of_staff_actions_reads_the_index_of_actions_not_every_read() {
    for (store, cleanup) in backends("staff_actions_plan").await {
        let plan = store.staff_actions_plan().await.unwrap().join("\n");
        assert!(
            plan.contains("audit_log_staff_actions"),
            "{}: {plan}",
            store.backend()
        );
        finish(store, cleanup).await;
    }
}
