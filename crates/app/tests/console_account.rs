//! The console's account work on a real store (SQLite, and PostgreSQL when configured), on the
//! demo portfolio (issue 19): verifying a caller (pass and fail, never the right values; three
//! failures make the agent wait; a pass lasts 15 minutes and is the agent's own), revealing a
//! full identity fact (a supervisor's, with a reason, audited), notes (kinds, pins, amendments,
//! never another borrower's), the account view (every loan, identity masked until the caller is
//! verified, staff actions), the scoped reads behind it, and the supervisor's unlock and
//! revoke.

use app::App;
use app::access::Actor;
use app::account_view::AccountError;
use app::api_clients::Scopes;
use app::notes::{NoteError, NoteRequest};
use app::verification::{Reveal, RevealError, Verification, VerifyError};
use domain::account_number::AccountNumber;
use domain::loan::TxnKind;
use domain::notes::NoteKind;
use domain::verification::{AnswerError, TypedAnswers};
use jiff::SignedDuration;
use store::{BorrowerId, NoteId};
use test_support::apps::demo_apps;
use test_support::borrowers::{AISHA, MARIA, add_bank_account, borrower_of, enrol, session};
use test_support::clients::client;
use test_support::staff::actor as staff;

fn answers(dob: &str, zip: &str, ssn: &str, paid: &str) -> TypedAnswers {
    TypedAnswers {
        date_of_birth: dob.into(),
        zip: zip.into(),
        ssn_last4: ssn.into(),
        last_payment: paid.into(),
    }
}

/// Maria's right answers to the two private questions.
fn right() -> TypedAnswers {
    answers(MARIA.2, "", MARIA.1, "")
}

/// The amount of Maria's last payment, from her loans' histories.
async fn last_payment_of_maria(app: &App) -> String {
    let b = borrower_of(app, MARIA.0).await;
    let mut made = Vec::new();
    for loan in app.store().loans_of(b).await.unwrap() {
        for t in app.store().history(loan).await.unwrap() {
            if let TxnKind::Payment { amount, .. } = t.kind {
                made.push((t.date, amount));
            }
        }
        made.extend(app.store().prior_payments(loan).await.unwrap());
    }
    made.sort_by_key(|(d, _)| *d);
    made.last().unwrap().1.to_string()
}

/// Every audit record about `subject`, as one text (to search for what must not be there).
async fn audit_text(app: &App, subject: &str) -> String {
    app.store()
        .audit_of(subject, 1000)
        .await
        .unwrap()
        .iter()
        .map(|r| format!("{} {} {}\n", r.event.actor, r.event.action, r.event.detail))
        .collect()
}

#[tokio::test]
async fn a_caller_passes_after_one_wrong_answer_and_the_pass_is_the_agents_own_for_fifteen_minutes()
{
    for (app, clock, db) in demo_apps("verify_pass").await {
        let agent = staff(&app, "ana@example.com", "Ana Agent", "agent").await;
        let other = staff(&app, "otto@example.com", "Otto Other", "agent").await;
        let maria = borrower_of(&app, MARIA.0).await;

        let wrong = answers("04/13/1985", MARIA.3, "", "");
        match app.verify_caller(&agent, maria, &wrong).await.unwrap() {
            Verification::Failed { attempts_left } => assert_eq!(attempts_left, 2),
            other => panic!("{other:?}"),
        }
        assert_eq!(app.caller_verified(&agent, maria).await.unwrap(), None);

        let Verification::Passed(pass) = app.verify_caller(&agent, maria, &right()).await.unwrap()
        else {
            panic!("the right answers pass")
        };
        assert_eq!(pass.staff_name, "Ana Agent");
        assert_eq!(pass.until_us - pass.at_us, 15 * 60 * 1_000_000);
        assert_eq!(
            app.caller_verified(&agent, maria).await.unwrap(),
            Some(pass.clone())
        );
        assert_eq!(
            app.caller_verified(&other, maria).await.unwrap(),
            None,
            "another agent is not verified by my pass"
        );
        let aisha = borrower_of(&app, AISHA.0).await;
        assert_eq!(app.caller_verified(&agent, aisha).await.unwrap(), None);

        // The last payment is a question too (with a private one).
        let paid = last_payment_of_maria(&app).await;
        assert!(matches!(
            app.verify_caller(&other, maria, &answers("", "", MARIA.1, &paid))
                .await
                .unwrap(),
            Verification::Passed(_)
        ));

        clock.advance(SignedDuration::from_mins(15) + SignedDuration::from_secs(1));
        assert_eq!(
            app.caller_verified(&agent, maria).await.unwrap(),
            None,
            "a pass lasts 15 minutes"
        );

        let log = audit_text(&app, &format!("borrower:{}", maria.0)).await;
        assert!(log.contains("caller.verification_failed"), "{log}");
        assert!(log.contains("caller.verified"), "{log}");
        for secret in ["1985", "6789", MARIA.3, paid.as_str()] {
            assert!(!log.contains(secret), "{secret} in the audit log: {log}");
        }
        db.finish().await;
    }
}

#[tokio::test]
async fn three_failures_make_every_agent_wait_for_that_borrower() {
    for (app, clock, db) in demo_apps("verify_limit").await {
        let agent = staff(&app, "ana@example.com", "Ana Agent", "agent").await;
        let other = staff(&app, "otto@example.com", "Otto Other", "agent").await;
        let maria = borrower_of(&app, MARIA.0).await;
        let wrong = answers("01/01/1980", "", "0000", "");
        for left in [2, 1, 0] {
            match app.verify_caller(&agent, maria, &wrong).await.unwrap() {
                Verification::Failed { attempts_left } => assert_eq!(attempts_left, left),
                other => panic!("{other:?}"),
            }
            clock.advance(SignedDuration::from_mins(1));
        }
        // Even the right answers wait, and the refusal says until when.
        match app.verify_caller(&agent, maria, &right()).await {
            Err(e @ VerifyError::TooManyAttempts { .. }) => {
                assert!(e.to_string().contains("try again at"), "{e}")
            }
            other => panic!("{other:?}"),
        }
        // A caller who rings back and reaches another agent gets no fresh tries: the
        // failures are the borrower's, whoever counted them.
        assert!(matches!(
            app.verify_caller(&other, maria, &right()).await,
            Err(VerifyError::TooManyAttempts { .. })
        ));
        // Another borrower's callers are not held back.
        let aisha = borrower_of(&app, AISHA.0).await;
        assert!(matches!(
            app.verify_caller(&other, aisha, &wrong).await.unwrap(),
            Verification::Failed { attempts_left: 2 }
        ));
        // The oldest failure leaves the window 15 minutes after it was made.
        clock.advance(SignedDuration::from_mins(13));
        assert!(matches!(
            app.verify_caller(&agent, maria, &right()).await.unwrap(),
            Verification::Passed(_)
        ));
        let log = audit_text(&app, &format!("borrower:{}", maria.0)).await;
        assert!(log.contains("caller.verification_refused"), "{log}");
        db.finish().await;
    }
}

#[tokio::test]
async fn answers_that_cannot_be_checked_are_refused_and_not_counted() {
    for (app, _clock, db) in demo_apps("verify_refused").await {
        let agent = staff(&app, "ana@example.com", "Ana Agent", "agent").await;
        let maria = borrower_of(&app, MARIA.0).await;
        for (typed, want) in [
            (answers(MARIA.2, "", "", ""), AnswerError::TooFew),
            (
                answers("", MARIA.3, "", "242.84"),
                AnswerError::NeedsPrivateFact,
            ),
            (
                answers("April 12", MARIA.3, "", ""),
                AnswerError::DateOfBirthShape,
            ),
            (answers(MARIA.2, "", "67x9", ""), AnswerError::SsnLast4Shape),
            (
                answers(MARIA.2, "", "", "lots"),
                AnswerError::LastPaymentShape,
            ),
        ] {
            match app.verify_caller(&agent, maria, &typed).await {
                Err(VerifyError::Answer(e)) => assert_eq!(e, want),
                other => panic!("{other:?}"),
            }
        }
        assert!(matches!(
            app.verify_caller(&agent, BorrowerId(999_999), &right())
                .await,
            Err(VerifyError::NotFound)
        ));
        let reader = Actor::api_client("crm", Scopes::all());
        assert!(matches!(
            app.verify_caller(&reader, maria, &right()).await,
            Err(VerifyError::Denied(_))
        ));
        // None of those counted: two wrong answers still leave one attempt.
        let wrong = answers("01/01/1980", "", "0000", "");
        for _ in 0..2 {
            app.verify_caller(&agent, maria, &wrong).await.unwrap();
        }
        assert!(matches!(
            app.verify_caller(&agent, maria, &right()).await.unwrap(),
            Verification::Passed(_)
        ));
        db.finish().await;
    }
}

#[tokio::test]
async fn a_supervisor_sees_a_full_fact_with_a_reason_and_an_agent_may_not() {
    for (app, _clock, db) in demo_apps("reveal").await {
        let agent = staff(&app, "ana@example.com", "Ana Agent", "agent").await;
        let boss = staff(&app, "sam@example.com", "Sam Supervisor", "supervisor").await;
        let maria = borrower_of(&app, MARIA.0).await;
        let aisha = borrower_of(&app, AISHA.0).await;
        let reason = "Borrower disputes the SSN on the credit report";

        assert!(matches!(
            app.reveal(&agent, maria, Reveal::Ssn, reason).await,
            Err(RevealError::Denied(_))
        ));
        for short in ["", "because"] {
            assert!(matches!(
                app.reveal(&boss, maria, Reveal::Ssn, short).await,
                Err(RevealError::Reason(_))
            ));
        }
        let ssn = app.reveal(&boss, maria, Reveal::Ssn, reason).await.unwrap();
        assert_eq!(ssn.value, "512-44-6789");
        let dob = app
            .reveal(&boss, maria, Reveal::DateOfBirth, reason)
            .await
            .unwrap();
        assert_eq!(dob.value, "1985-04-12");

        // A bank account of hers, not of another borrower's.
        let token = enrol(&app, MARIA, "maria.lopez").await;
        let method = add_bank_account(&app, &session(&app, &token).await, &client()).await;
        let bank = app
            .reveal(&boss, maria, Reveal::BankAccount(method), reason)
            .await
            .unwrap();
        assert_eq!(bank.value, "123456789");
        assert!(bank.label.contains("6789"), "{}", bank.label);
        assert!(matches!(
            app.reveal(&boss, aisha, Reveal::BankAccount(method), reason)
                .await,
            Err(RevealError::NotFound)
        ));
        assert!(matches!(
            app.reveal(&boss, BorrowerId(999_999), Reveal::Ssn, reason)
                .await,
            Err(RevealError::NotFound)
        ));

        let log = audit_text(&app, &format!("borrower:{}", maria.0)).await;
        assert_eq!(log.matches("identity.revealed").count(), 3, "{log}");
        assert!(log.contains(reason), "{log}");
        for secret in ["512-44-6789", "512446789", "1985-04-12", "123456789"] {
            assert!(!log.contains(secret), "{secret} in the audit log");
        }
        db.finish().await;
    }
}

#[tokio::test]
async fn notes_are_listed_pinned_first_amended_never_edited_and_scoped_by_borrower() {
    for (app, clock, db) in demo_apps("notes").await {
        let agent = staff(&app, "ana@example.com", "Ana Agent", "agent").await;
        let maria = borrower_of(&app, MARIA.0).await;
        let aisha = borrower_of(&app, AISHA.0).await;
        let note = |kind, body: &str, pinned, amends| NoteRequest {
            kind,
            body: body.into(),
            pinned,
            amends,
        };
        let first = app
            .add_note(
                &agent,
                maria,
                &note(NoteKind::CallIn, "Asked about the payoff.", false, None),
            )
            .await
            .unwrap();
        clock.advance(SignedDuration::from_secs(1));
        let pinned = app
            .add_note(
                &agent,
                maria,
                &note(
                    NoteKind::Complaint,
                    "Disputes the late fee of October.",
                    true,
                    None,
                ),
            )
            .await
            .unwrap();
        clock.advance(SignedDuration::from_secs(1));
        let amendment = app
            .add_note(
                &agent,
                maria,
                &note(
                    NoteKind::CallOut,
                    "Correction: the September fee.",
                    false,
                    Some(first),
                ),
            )
            .await
            .unwrap();

        let shown = app.notes(&agent, maria).await.unwrap();
        let ids: Vec<NoteId> = shown.iter().map(|v| v.note.id).collect();
        assert_eq!(ids, [pinned, amendment, first], "pinned first, then newest");
        assert!(shown[0].pinned_now);
        assert_eq!(shown[2].amended_by, Some(amendment));
        assert_eq!(shown[1].note.staff_name.as_deref(), Some("Ana Agent"));
        assert_eq!(shown[1].note.author, agent.audit_name());

        // An amendment that unpins: the pinned note gives way to it.
        app.add_note(
            &agent,
            maria,
            &note(
                NoteKind::CallIn,
                "Fee waived: no longer disputed.",
                false,
                Some(pinned),
            ),
        )
        .await
        .unwrap();
        assert!(
            app.notes(&agent, maria)
                .await
                .unwrap()
                .iter()
                .all(|v| !v.pinned_now)
        );

        // Refusals change nothing.
        let before = app.notes(&agent, maria).await.unwrap().len();
        assert!(matches!(
            app.add_note(
                &agent,
                maria,
                &note(NoteKind::Letter, "a".repeat(5_001).as_str(), false, None)
            )
            .await,
            Err(NoteError::Text(_))
        ));
        assert!(matches!(
            app.add_note(&agent, maria, &note(NoteKind::Letter, "   ", false, None))
                .await,
            Err(NoteError::Text(_))
        ));
        let hers = app
            .add_note(
                &agent,
                aisha,
                &note(NoteKind::Email, "Sent the payoff letter.", false, None),
            )
            .await
            .unwrap();
        assert!(matches!(
            app.add_note(
                &agent,
                maria,
                &note(NoteKind::CallIn, "Amends hers?", false, Some(hers))
            )
            .await,
            Err(NoteError::AmendsUnknown)
        ));
        assert!(matches!(
            app.add_note(
                &agent,
                maria,
                &note(
                    NoteKind::CallIn,
                    "No such note.",
                    false,
                    Some(NoteId(999_999))
                )
            )
            .await,
            Err(NoteError::AmendsUnknown)
        ));
        assert!(matches!(
            app.add_note(
                &agent,
                BorrowerId(999_999),
                &note(NoteKind::CallIn, "Nobody.", false, None)
            )
            .await,
            Err(NoteError::NotFound)
        ));
        assert_eq!(app.notes(&agent, maria).await.unwrap().len(), before);
        assert!(
            app.add_note(
                &agent,
                maria,
                &note(NoteKind::Letter, "a".repeat(5_000).as_str(), false, None)
            )
            .await
            .is_ok(),
            "5,000 characters fit"
        );

        // An API client: a read token reads but may not write; a service token writes.
        let reader = Actor::api_client("reports", Scopes::parse("read").unwrap());
        assert!(app.notes(&reader, maria).await.is_ok());
        assert!(matches!(
            app.add_note(
                &reader,
                maria,
                &note(NoteKind::Email, "From the CRM.", false, None)
            )
            .await,
            Err(NoteError::Denied(_))
        ));
        let service = Actor::api_client("crm", Scopes::parse("service").unwrap());
        let from_crm = app
            .add_note(
                &service,
                maria,
                &note(NoteKind::Email, "From the CRM.", false, None),
            )
            .await
            .unwrap();
        let crm = app.notes(&agent, maria).await.unwrap();
        let crm = crm.iter().find(|v| v.note.id == from_crm).unwrap();
        assert_eq!(
            (crm.note.author.as_str(), crm.note.staff),
            ("client:crm", None)
        );

        let log = audit_text(&app, &format!("borrower:{}", maria.0)).await;
        assert!(log.matches("note.added").count() >= 5, "{log}");
        db.finish().await;
    }
}

#[tokio::test]
async fn the_account_view_shows_every_loan_and_masks_identity_until_the_caller_is_verified() {
    for (app, _clock, db) in demo_apps("account_view").await {
        let agent = staff(&app, "ana@example.com", "Ana Agent", "agent").await;
        let maria = borrower_of(&app, MARIA.0).await;

        let v = app.account_view(&agent, maria).await.unwrap();
        assert_eq!(v.name, "Maria Lopez");
        assert_eq!(v.loans.len(), 3, "current, past due, boarded");
        assert_eq!(v.ssn.as_deref(), Some("***-**-****"));
        assert_eq!(v.date_of_birth.as_deref(), Some("**/**/****"));
        assert!(v.verified.is_none() && !v.identity_shown);
        let past_due = v
            .loans
            .iter()
            .find(|l| {
                l.details.view.account_number == AccountNumber::from_base(521_840_000_000_102)
            })
            .unwrap();
        assert!(past_due.details.view.snapshot.days_past_due > 0);
        assert!(!past_due.details.activity.is_empty());
        assert!(!past_due.details.schedule.is_empty());
        assert!(v.sign_in.is_none(), "not enrolled yet");

        app.verify_caller(&agent, maria, &right()).await.unwrap();
        let v = app.account_view(&agent, maria).await.unwrap();
        assert_eq!(v.ssn.as_deref(), Some("***-**-6789"));
        assert_eq!(v.date_of_birth.as_deref(), Some("**/**/1985"));
        assert_eq!(
            v.verified.as_ref().map(|p| p.staff_name.as_str()),
            Some("Ana Agent")
        );
        assert!(
            v.staff_actions
                .iter()
                .any(|r| r.event.action == "caller.verified"),
            "what staff did is on the account"
        );
        assert!(
            v.staff_actions
                .iter()
                .all(|r| !r.event.action.ends_with("viewed")),
            "reads are in the audit log, not the trail"
        );
        // The second view came within a second of the first: counted once its group
        // commits (`read_audit`).
        app.flush_read_audits().await;
        let log = audit_text(&app, &format!("borrower:{}", maria.0)).await;
        assert_eq!(log.matches("account.viewed").count(), 2, "{log}");

        assert!(matches!(
            app.account_view(&agent, BorrowerId(999_999)).await,
            Err(AccountError::NotFound)
        ));
        let nobody = Actor::api_client("lockbox", Scopes::parse("payments").unwrap());
        assert!(matches!(
            app.account_view(&nobody, maria).await,
            Err(AccountError::Denied(_))
        ));
        let reader = Actor::api_client("reports", Scopes::parse("read").unwrap());
        let v = app.account_view(&reader, maria).await.unwrap();
        assert_eq!(
            v.ssn.as_deref(),
            Some("***-**-****"),
            "a token verifies no caller, so it never reads a verification answer"
        );
        db.finish().await;
    }
}

#[tokio::test]
async fn reads_behind_the_account_view_are_scoped_by_the_borrower() {
    for (app, _clock, db) in demo_apps("account_scoped").await {
        let agent = staff(&app, "ana@example.com", "Ana Agent", "agent").await;
        let maria = borrower_of(&app, MARIA.0).await;
        let aisha = borrower_of(&app, AISHA.0).await;
        let hers: AccountNumber = MARIA.0.parse().unwrap();

        let d = app.loan_activity(&agent, hers).await.unwrap().unwrap();
        assert_eq!(d.view.account_number, hers);
        assert!(d.activity.len() > 1);
        assert!(
            app.loan_activity(&agent, AccountNumber::from_base(521_840_000_009_999))
                .await
                .unwrap()
                .is_none()
        );
        let (loan, _) = app.loan_of_account(hers).await.unwrap().unwrap();
        let mut tx = app.store().begin().await.unwrap();
        let id = tx
            .insert_statement(
                &store::StoredStatement {
                    id: 0,
                    loan,
                    statement_date: jiff::civil::date(2026, 11, 10),
                    issued_on: jiff::civil::date(2026, 11, 10),
                    due_date: jiff::civil::date(2026, 12, 1),
                    amount_due: money::Money::from_cents(30_000),
                    delivery: "electronic".into(),
                    body: "{}".into(),
                },
                0,
            )
            .await
            .unwrap()
            .unwrap();
        tx.commit().await.unwrap();
        assert!(
            app.statement_for_staff(&agent, aisha, hers, id)
                .await
                .unwrap()
                .is_none(),
            "Maria's loan is not Aisha's"
        );
        assert!(
            app.statement_for_staff(&agent, maria, hers, id + 1)
                .await
                .unwrap()
                .is_none()
        );

        // What the borrower sees: her sign-in's loans, or her own before she enrols.
        let d = app.portal_view(&agent, aisha).await.unwrap();
        assert_eq!((d.dashboard.rows.loans.len(), d.enrolled), (1, false));
        enrol(&app, MARIA, "maria.lopez").await;
        let d = app.portal_view(&agent, maria).await.unwrap();
        assert_eq!((d.dashboard.rows.loans.len(), d.enrolled), (3, true));
        db.finish().await;
    }
}

#[tokio::test]
async fn a_supervisor_unlocks_a_sign_in_and_revokes_its_devices_and_an_agent_may_not() {
    for (app, _clock, db) in demo_apps("unlock").await {
        let agent = staff(&app, "ana@example.com", "Ana Agent", "agent").await;
        let boss = staff(&app, "sam@example.com", "Sam Supervisor", "supervisor").await;
        let maria = borrower_of(&app, MARIA.0).await;
        let aisha = borrower_of(&app, AISHA.0).await;
        let reason = "Caller verified; locked after a forgotten password";

        assert!(matches!(
            app.unlock_sign_in(&boss, aisha, reason).await,
            Err(AccountError::NoSignIn)
        ));
        let token = enrol(&app, MARIA, "maria.lopez").await;
        let login = session(&app, &token).await.login().unwrap();
        let now = app.now_us();
        let mut tx = app.store().begin().await.unwrap();
        tx.lock_login(login, i64::MAX).await.unwrap();
        tx.remember_device("a-device-digest", login, now + 1_000_000_000, now)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let state = app
            .account_view(&boss, maria)
            .await
            .unwrap()
            .sign_in
            .unwrap();
        assert!(state.locked);
        assert_eq!(state.username, "maria.lopez");
        assert_eq!(state.remembered_devices, 1);

        assert!(matches!(
            app.unlock_sign_in(&agent, maria, reason).await,
            Err(AccountError::Denied(_))
        ));
        assert!(matches!(
            app.revoke_devices(&agent, maria).await,
            Err(AccountError::Denied(_))
        ));
        assert!(matches!(
            app.unlock_sign_in(&boss, maria, "ok").await,
            Err(AccountError::Reason(_))
        ));
        assert!(
            app.account_view(&boss, maria)
                .await
                .unwrap()
                .sign_in
                .unwrap()
                .locked
        );

        app.unlock_sign_in(&boss, maria, reason).await.unwrap();
        assert_eq!(app.revoke_devices(&boss, maria).await.unwrap(), 1);
        let state = app
            .account_view(&boss, maria)
            .await
            .unwrap()
            .sign_in
            .unwrap();
        assert!(!state.locked);
        assert_eq!((state.failed_attempts, state.remembered_devices), (0, 0));

        let sent = app.store().outbox(None, 100).await.unwrap();
        assert!(
            sent.iter()
                .any(|m| m.message.subject.contains("unlocked by our staff")),
            "the borrower is told"
        );
        let log = audit_text(&app, &format!("borrower:{}", maria.0)).await;
        assert!(
            log.contains("sign_in.unlocked") && log.contains(reason),
            "{log}"
        );
        assert!(log.contains("sign_in.devices_revoked"), "{log}");
        db.finish().await;
    }
}

/// Views of the same moment share one commit of their audit records (`read_audit`): however
/// many read at once, on either backend, every view is counted exactly once (the same
/// agent's reads of one moment in one record that counts them; the reloads of a read already
/// committed are counted once their group commits), and the chain stays whole.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn views_at_once_are_each_audited_once_and_the_chain_stays_whole() {
    const VIEWS: usize = 60;
    for (app, _clock, db) in demo_apps("views_at_once").await {
        let agent = staff(&app, "ana@example.com", "Ana Agent", "agent").await;
        let maria = borrower_of(&app, MARIA.0).await;
        let mut views = tokio::task::JoinSet::new();
        for i in 0..VIEWS {
            let (app, agent) = (app.clone(), agent.clone());
            views.spawn(async move {
                // Half assemble the view, half are the page shown again: both are audited.
                if i % 2 == 0 {
                    app.account_view(&agent, maria).await.map(|_| ())
                } else {
                    app.account_shown_again(&agent, maria).await
                }
            });
        }
        while let Some(done) = views.join_next().await {
            done.unwrap().unwrap();
        }
        app.flush_read_audits().await;
        // Reads of the same moment by the same agent are one record that counts them.
        let records = app
            .store()
            .audit_of(&format!("borrower:{}", maria.0), 1000)
            .await
            .unwrap();
        let views: u64 = records
            .iter()
            .filter(|r| r.event.action == "account.viewed")
            .map(|r| {
                serde_json::from_str::<serde_json::Value>(&r.event.detail).unwrap()["times"]
                    .as_u64()
                    .unwrap_or(1)
            })
            .sum();
        assert_eq!(views, VIEWS as u64, "{records:?}");
        let chain = app.store().verify_audit().await.unwrap();
        assert_eq!(chain.first_break, None, "the chain is whole");

        let nobody = Actor::api_client("lockbox", Scopes::parse("payments").unwrap());
        assert!(matches!(
            app.account_shown_again(&nobody, maria).await,
            Err(AccountError::Denied(_))
        ));
        db.finish().await;
    }
}

/// A reload of a read committed less than a second ago is answered without waiting for a
/// commit and counted into a later record; a read a second later is a new read, committed
/// before it is answered (`read_audit`, ADR 0023). Either way every view is counted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reload_within_the_second_is_counted_and_a_later_read_is_recorded_again() {
    for (app, clock, db) in demo_apps("reload_counted").await {
        let agent = staff(&app, "ana@example.com", "Ana Agent", "agent").await;
        let maria = borrower_of(&app, MARIA.0).await;
        let subject = format!("borrower:{}", maria.0);
        let viewed = |records: &[store::AuditRecord]| -> u64 {
            records
                .iter()
                .filter(|r| r.event.action == "account.viewed")
                .map(|r| {
                    serde_json::from_str::<serde_json::Value>(&r.event.detail).unwrap()["times"]
                        .as_u64()
                        .unwrap_or(1)
                })
                .sum()
        };
        // The first read is committed before it returns.
        app.account_shown_again(&agent, maria).await.unwrap();
        let first = app.store().audit_of(&subject, 1000).await.unwrap();
        assert_eq!(viewed(&first), 1, "{first:?}");
        // Reloads in the same second: counted once their group commits.
        for _ in 0..5 {
            clock.advance(jiff::SignedDuration::from_millis(100));
            app.account_shown_again(&agent, maria).await.unwrap();
        }
        app.flush_read_audits().await;
        let reloads = app.store().audit_of(&subject, 1000).await.unwrap();
        assert_eq!(viewed(&reloads), 6, "{reloads:?}");
        // Over a second after the last committed read: a new read, there when it returns.
        clock.advance(jiff::SignedDuration::from_secs(2));
        app.account_shown_again(&agent, maria).await.unwrap();
        let later = app.store().audit_of(&subject, 1000).await.unwrap();
        assert_eq!(viewed(&later), 7, "{later:?}");
        assert_eq!(
            app.store().verify_audit().await.unwrap().first_break,
            None,
            "the chain is whole"
        );
        db.finish().await;
    }
}
