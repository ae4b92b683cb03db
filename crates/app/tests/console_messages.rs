//! Secure messages both ways (issue 19), on SQLite and on PostgreSQL when configured: a
//! borrower writes; the thread waits in the unassigned inbox with its service clock; an agent
//! takes it, replies (once per key, the borrower told by their channels without the text),
//! closes it; the borrower writes again and it reopens. Another borrower cannot reach the
//! thread; empty and too-long replies, unknown threads and staff, and actors without the
//! capability are refused and change nothing; each staff action and read is audited.

use app::App;
use app::access::{Actor, Role};
use app::api_clients::{Scope, Scopes};
use app::identity::ActiveSession;
use app::messages::{InboxRequest, MessageError, Show};
use domain::messages::{ThreadState, Waited};
use store::{Channel, InboxOrder, StaffId};
use test_support::apps::demo_apps;
use test_support::borrowers::{AISHA, MARIA, enrol, session};

async fn staff(app: &App, email: &str, role: Role) -> Actor {
    test_support::staff::actor(app, email, "Jo Rivera", role.as_str()).await
}

fn staff_id(actor: &Actor) -> StaffId {
    match actor {
        Actor::Staff { id, .. } => *id,
        other => panic!("{other:?} is not staff"),
    }
}

fn open(show: Show) -> InboxRequest {
    InboxRequest {
        show,
        state: ThreadState::Open,
        order: InboxOrder::OldestFirst,
        page: 1,
    }
}

async fn inbox_ids(app: &App, actor: &Actor, r: InboxRequest) -> Vec<i64> {
    app.inbox(actor, &r)
        .await
        .unwrap()
        .rows
        .iter()
        .map(|row| row.thread.id)
        .collect()
}

/// The "new secure message" alerts written to the outbox: (channel, body).
async fn answer_alerts(app: &App) -> Vec<(Channel, String)> {
    app.store()
        .outbox(None, 200)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.message.subject == "You have a new secure message")
        .map(|m| (m.message.channel, m.message.body))
        .collect()
}

async fn audited(app: &App, borrower: store::BorrowerId, action: &str) -> usize {
    app.store()
        .audit_of(&format!("borrower:{}", borrower.0), 500)
        .await
        .unwrap()
        .iter()
        .filter(|r| r.event.action == action)
        .count()
}

async fn borrower(app: &App, token: &str) -> ActiveSession {
    session(app, token).await
}

#[tokio::test]
async fn a_borrowers_message_is_taken_answered_once_closed_and_reopened_by_the_borrower() {
    for (app, clock, db) in demo_apps("messages_flow").await {
        let maria = borrower(&app, &enrol(&app, MARIA, "maria.lopez").await).await;
        let agent = staff(&app, "jo.rivera@example.com", Role::Agent).await;

        // Maria writes: the thread waits in the unassigned inbox, clock running.
        let sent = app
            .start_thread(
                &maria,
                "Payoff letter",
                "  Please send me a payoff letter.\n ",
            )
            .await
            .unwrap();
        let started_at = app.now_us();
        assert_eq!(
            inbox_ids(&app, &agent, open(Show::Unassigned)).await,
            [sent.thread]
        );
        assert!(inbox_ids(&app, &agent, open(Show::Mine)).await.is_empty());
        let view = app.thread(&agent, sent.thread).await.unwrap();
        assert_eq!(view.row.borrower_name, "Maria Lopez");
        assert_eq!(view.row.thread.subject, "Payoff letter");
        assert_eq!(view.row.thread.waiting_since_us, Some(started_at));
        assert_eq!(view.messages.len(), 1);
        assert_eq!(view.messages[0].body, "Please send me a payoff letter.");
        let who = view.row.thread.borrower;
        assert_eq!(audited(&app, who, "messages.thread_viewed").await, 1);

        // The agent takes it: it is theirs, no longer unassigned.
        app.assign_thread(&agent, sent.thread, Some(staff_id(&agent)))
            .await
            .unwrap();
        assert_eq!(
            inbox_ids(&app, &agent, open(Show::Mine)).await,
            [sent.thread]
        );
        assert!(
            inbox_ids(&app, &agent, open(Show::Unassigned))
                .await
                .is_empty()
        );
        assert_eq!(audited(&app, who, "messages.thread_assigned").await, 1);
        // Taking it again changes and records nothing.
        app.assign_thread(&agent, sent.thread, Some(staff_id(&agent)))
            .await
            .unwrap();
        assert_eq!(audited(&app, who, "messages.thread_assigned").await, 1);

        // Three hours and twenty minutes on, the clock says so.
        clock.advance(jiff::SignedDuration::from_mins(200));
        let row = &app.inbox(&agent, &open(Show::Mine)).await.unwrap().rows[0];
        let waited = Waited::between(row.thread.waiting_since_us, app.now_us()).unwrap();
        assert_eq!(waited.to_string(), "3 h 20 min");

        // The reply: sent once under its key, however often the key is sent.
        let first = app
            .reply(
                &agent,
                sent.thread,
                "We mailed it today.",
                "reply-0001-abcd",
            )
            .await
            .unwrap();
        assert!(!first.replayed);
        let again = app
            .reply(
                &agent,
                sent.thread,
                "We mailed it today.",
                "reply-0001-abcd",
            )
            .await
            .unwrap();
        assert!(again.replayed);
        assert_eq!(again.message, first.message);
        assert!(matches!(
            app.reply(&agent, sent.thread, "Something else", "reply-0001-abcd")
                .await,
            Err(MessageError::KeyReused)
        ));
        let view = app.thread(&agent, sent.thread).await.unwrap();
        assert_eq!(view.messages.len(), 2, "one reply");
        assert_eq!(view.messages[1].staff, Some(staff_id(&agent)));
        assert_eq!(view.messages[1].staff_name.as_deref(), Some("Jo Rivera"));
        assert_eq!(view.row.thread.waiting_since_us, None, "answered");
        assert_eq!(view.row.thread.state, ThreadState::Open);
        assert_eq!(audited(&app, who, "messages.replied").await, 1);

        // Maria is told by her channels (email and the message center by default), without
        // the answer's text; she reads the answer in her thread.
        let alerts = answer_alerts(&app).await;
        let mut channels: Vec<Channel> = alerts.iter().map(|(c, _)| *c).collect();
        channels.sort_by_key(|c| format!("{c:?}"));
        assert_eq!(channels, [Channel::Email, Channel::Portal], "{alerts:?}");
        for (_, body) in &alerts {
            assert!(!body.contains("mailed it"), "{body}");
            assert!(
                body.contains(&format!("/messages/{}", sent.thread)),
                "{body}"
            );
        }
        let login = maria.login().unwrap();
        let mine = app
            .store()
            .message_thread_of_login(login, sent.thread)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(mine.messages, 2);

        // Closed: off the open list, clock stopped; closing again records nothing.
        app.close_thread(&agent, sent.thread).await.unwrap();
        app.close_thread(&agent, sent.thread).await.unwrap();
        assert_eq!(audited(&app, who, "messages.thread_closed").await, 1);
        assert!(inbox_ids(&app, &agent, open(Show::All)).await.is_empty());
        let closed = InboxRequest {
            state: ThreadState::Closed,
            ..open(Show::Mine)
        };
        assert_eq!(inbox_ids(&app, &agent, closed).await, [sent.thread]);

        // Maria writes again in the thread: it reopens and the clock starts anew.
        clock.advance(jiff::SignedDuration::from_mins(5));
        app.write_in_thread(&maria, sent.thread, "Thank you, and one more question.")
            .await
            .unwrap();
        let view = app.thread(&agent, sent.thread).await.unwrap();
        assert_eq!(view.row.thread.state, ThreadState::Open);
        assert_eq!(view.row.thread.waiting_since_us, Some(app.now_us()));
        assert_eq!(view.row.thread.last_from_borrower_us, Some(app.now_us()));
        assert_eq!(view.messages.len(), 3);
        assert_eq!(
            inbox_ids(&app, &agent, open(Show::Mine)).await,
            [sent.thread],
            "still the agent's"
        );
        // The account view's read lists it under Maria.
        let hers = app.store().message_threads_of_borrower(who).await.unwrap();
        assert_eq!(hers.len(), 1);
        assert_eq!(hers[0].id, sent.thread);
        assert_eq!(hers[0].messages, 3);

        // Every message belongs to a thread of the login that wrote or received it.
        for m in app.store().secure_messages(login).await.unwrap() {
            assert!(
                app.store()
                    .message_thread_of_login(login, m.thread_id)
                    .await
                    .unwrap()
                    .is_some(),
                "{m:?}"
            );
        }
        db.finish().await;
    }
}

#[tokio::test]
async fn another_borrower_cannot_reach_the_thread_and_bad_requests_change_nothing() {
    for (app, _clock, db) in demo_apps("messages_refusals").await {
        let maria = borrower(&app, &enrol(&app, MARIA, "maria.lopez").await).await;
        let aisha = borrower(&app, &enrol(&app, AISHA, "aisha.khan").await).await;
        let agent = staff(&app, "jo.rivera@example.com", Role::Agent).await;
        let sent = app
            .start_thread(&maria, "Statement", "Where is my statement?")
            .await
            .unwrap();

        // Aisha: Maria's thread is as one that does not exist.
        assert!(matches!(
            app.write_in_thread(&aisha, sent.thread, "Hello").await,
            Err(MessageError::NotFound)
        ));
        assert!(matches!(
            app.write_in_thread(&aisha, 999_999, "Hello").await,
            Err(MessageError::NotFound)
        ));
        let aisha_login = aisha.login().unwrap();
        assert_eq!(
            app.store()
                .message_thread_of_login(aisha_login, sent.thread)
                .await
                .unwrap(),
            None
        );
        assert!(
            app.store()
                .message_threads_of_login(aisha_login)
                .await
                .unwrap()
                .is_empty()
        );

        // Texts: empty, too long (5,001 characters), for a borrower and for staff.
        assert!(matches!(
            app.start_thread(&maria, " ", "Body").await,
            Err(MessageError::TextMissing(_))
        ));
        assert!(matches!(
            app.start_thread(&maria, &"s".repeat(121), "Body").await,
            Err(MessageError::TextTooLong { max: 120, .. })
        ));
        let too_long = "x".repeat(5001);
        for body in ["", " \n\t ", too_long.as_str()] {
            let e = app
                .reply(&agent, sent.thread, body, "reply-key-0002")
                .await
                .unwrap_err();
            assert!(
                matches!(
                    e,
                    MessageError::TextMissing(_) | MessageError::TextTooLong { max: 5000, .. }
                ),
                "{e:?}"
            );
        }
        assert!(
            app.reply(&agent, sent.thread, &"x".repeat(5000), "reply-key-0003")
                .await
                .is_ok()
        );
        assert!(matches!(
            app.reply(&agent, sent.thread, "Hi", "short").await,
            Err(MessageError::BadKey)
        ));
        assert!(matches!(
            app.reply(&agent, 999_999, "Hi", "reply-key-0004").await,
            Err(MessageError::NotFound)
        ));
        assert!(matches!(
            app.thread(&agent, 999_999).await,
            Err(MessageError::NotFound)
        ));
        assert!(matches!(
            app.close_thread(&agent, 999_999).await,
            Err(MessageError::NotFound)
        ));
        assert!(matches!(
            app.assign_thread(&agent, sent.thread, Some(StaffId(999_999)))
                .await,
            Err(MessageError::StaffUnknown)
        ));
        // Nor to someone who no longer works here: nobody would answer it.
        let gone = staff(&app, "gone@example.com", Role::Agent).await;
        app.deactivate_staff(&Actor::Operator("staff"), staff_id(&gone))
            .await
            .unwrap();
        assert!(matches!(
            app.assign_thread(&agent, sent.thread, Some(staff_id(&gone)))
                .await,
            Err(MessageError::StaffUnknown)
        ));
        let view = app.thread(&agent, sent.thread).await.unwrap();
        assert_eq!(
            view.messages.len(),
            2,
            "only the 5,000-character reply was written"
        );
        assert_eq!(view.row.thread.assigned_to, None);

        // Who may: a borrower holds no staff capability; a read-only token reads but may not
        // answer; a service token answers, recorded as the client.
        let as_borrower = Actor::Borrower(maria.login().unwrap());
        assert!(matches!(
            app.inbox(&as_borrower, &open(Show::All)).await,
            Err(MessageError::Denied(_))
        ));
        assert!(matches!(
            app.thread(&as_borrower, sent.thread).await,
            Err(MessageError::Denied(_))
        ));
        let reader = Actor::api_client("ledger", Scopes::default().with(Scope::Read));
        assert_eq!(
            inbox_ids(&app, &reader, open(Show::All)).await,
            [sent.thread]
        );
        assert!(
            inbox_ids(&app, &reader, open(Show::Mine)).await.is_empty(),
            "an API client has no threads of its own"
        );
        assert!(matches!(
            app.reply(&reader, sent.thread, "Hi", "reply-key-0005")
                .await,
            Err(MessageError::Denied(_))
        ));
        assert!(matches!(
            app.assign_thread(&reader, sent.thread, None).await,
            Err(MessageError::Denied(_))
        ));
        let crm = Actor::api_client("crm", Scopes::default().with(Scope::Service));
        app.reply(
            &crm,
            sent.thread,
            "Your statement is in the portal.",
            "crm-reply-0001",
        )
        .await
        .unwrap();
        let view = app.thread(&agent, sent.thread).await.unwrap();
        assert_eq!(view.messages.len(), 3);
        let last = &view.messages[2];
        assert_eq!((last.staff, last.author.as_str()), (None, "client:crm"));
        db.finish().await;
    }
}

#[tokio::test]
async fn the_same_reply_sent_at_once_three_times_is_written_once() {
    for (app, _clock, db) in demo_apps("messages_concurrent").await {
        let maria = borrower(&app, &enrol(&app, MARIA, "maria.lopez").await).await;
        let agent = staff(&app, "jo.rivera@example.com", Role::Supervisor).await;
        let sent = app
            .start_thread(&maria, "Due date", "Can I move my due date?")
            .await
            .unwrap();
        let (text, key) = ("Yes: call us.", "double-click-0001");
        let (a, b, c) = tokio::join!(
            app.reply(&agent, sent.thread, text, key),
            app.reply(&agent, sent.thread, text, key),
            app.reply(&agent, sent.thread, text, key),
        );
        let outcomes = [a.unwrap(), b.unwrap(), c.unwrap()];
        assert_eq!(outcomes.iter().filter(|o| !o.replayed).count(), 1);
        assert!(outcomes.iter().all(|o| o.message == outcomes[0].message));
        let view = app.thread(&agent, sent.thread).await.unwrap();
        assert_eq!(view.messages.len(), 2);
        assert_eq!(
            answer_alerts(&app).await.len(),
            2,
            "email and message center, once"
        );
        db.finish().await;
    }
}
