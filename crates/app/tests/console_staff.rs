//! Staff management (issue 19), on SQLite and on PostgreSQL when configured: an admin lists
//! staff, changes a role (it holds in the open session), deactivates (the session ends at
//! once, signing in is refused as a wrong password is), reactivates, and gives a new
//! authenticator (the old app's codes stop working, the new one's work); the console always
//! keeps an active admin and an admin never acts on themself, even when two admins race;
//! only admins may; bad input adds no one; every change is audited with the admin.

use app::App;
use app::access::{Actor, Capability, Role};
use app::api_clients::Scopes;
use app::clock::TestClock;
use app::identity::IdentityError;
use app::staff::{StaffAdded, StaffError};
use store::{LoginId, StaffId};
use test_support::apps::apps;
use test_support::staff::STAFF_PASSWORD;

fn admin(id: StaffId) -> Actor {
    Actor::Staff {
        id,
        role: Role::Admin,
    }
}

/// Adds a staff user as the operator does (`servicer staff add`).
async fn add(app: &App, email: &str, role: &str) -> StaffAdded {
    test_support::staff::add(app, email, "Test Staff", role).await
}

/// Signs `email` in with the tests' staff password (see `test_support::staff::sign_in`).
async fn sign_in(
    app: &App,
    clock: &TestClock,
    email: &str,
    url: &str,
) -> Result<String, IdentityError> {
    test_support::staff::sign_in(app, clock, email, STAFF_PASSWORD, url).await
}

#[tokio::test]
async fn an_admin_changes_a_role_deactivates_reactivates_and_resets_an_authenticator() {
    for (app, clock, db) in apps("staff_manage").await {
        let boss = add(&app, "admin@example.com", "admin").await;
        let by = admin(boss.id);
        let nia = app
            .add_staff("nia@example.com", "Nia Agent", "agent", STAFF_PASSWORD, &by)
            .await
            .unwrap();

        // The agent signs in; the list shows both, active, and when the agent signed in.
        let token = sign_in(&app, &clock, "nia@example.com", &nia.url)
            .await
            .unwrap();
        let listed = app.list_staff(&by).await.unwrap();
        assert_eq!(listed.len(), 2);
        let row = listed.iter().find(|m| m.id == nia.id).unwrap();
        assert!(row.is_active());
        assert_eq!((row.role, row.name.as_str()), (Role::Agent, "Nia Agent"));
        assert_eq!(row.last_signed_in_us, Some(app.now_us()));

        // A supervisor from their next request, in the same session.
        let m = app
            .change_role(&by, nia.id, Role::Supervisor)
            .await
            .unwrap();
        assert_eq!(m.role, Role::Supervisor);
        let s = app.staff_session(&token).await.unwrap().unwrap();
        assert!(s.role == Role::Supervisor && s.may(Capability::ViewReports));
        assert!(matches!(
            app.change_role(&by, nia.id, Role::Supervisor).await,
            Err(StaffError::SameRole {
                role: Role::Supervisor
            })
        ));

        // Deactivated: the open session stops at once, and signing in is refused exactly as
        // an unknown email is.
        let d = app.deactivate_staff(&by, nia.id).await.unwrap();
        assert_eq!(d.sessions_ended, 1);
        assert!(!d.member.is_active());
        assert_eq!(app.staff_session(&token).await.unwrap(), None);
        let refused = sign_in(&app, &clock, "nia@example.com", &nia.url)
            .await
            .unwrap_err();
        let unknown = sign_in(&app, &clock, "nobody@example.com", &nia.url)
            .await
            .unwrap_err();
        assert!(matches!(refused, IdentityError::BadCredentials));
        assert_eq!(refused.to_string(), unknown.to_string());
        assert!(matches!(
            app.deactivate_staff(&by, nia.id).await,
            Err(StaffError::AlreadyDeactivated)
        ));
        assert!(!app.staff_member(&by, nia.id).await.unwrap().is_active());

        // Reactivated: in again with the same password and app.
        assert!(app.reactivate_staff(&by, nia.id).await.unwrap().is_active());
        assert!(matches!(
            app.reactivate_staff(&by, nia.id).await,
            Err(StaffError::AlreadyActive)
        ));
        let token = sign_in(&app, &clock, "nia@example.com", &nia.url)
            .await
            .unwrap();

        // A new authenticator: the session ends, the old app's codes are refused, the new
        // one's work.
        let reset = app.reset_second_factor(&by, nia.id).await.unwrap();
        assert_eq!(reset.sessions_ended, 1);
        assert_ne!(reset.url, nia.url);
        assert_eq!(app.staff_session(&token).await.unwrap(), None);
        assert!(matches!(
            sign_in(&app, &clock, "nia@example.com", &nia.url).await,
            Err(IdentityError::BadCredentials)
        ));
        let token = sign_in(&app, &clock, "nia@example.com", &reset.url)
            .await
            .unwrap();
        assert!(app.staff_session(&token).await.unwrap().is_some());

        // Every change is audited with the admin who made it.
        let records = app
            .store()
            .audit_of(&format!("staff:{}", nia.id.0), 100)
            .await
            .unwrap();
        let by_admin: Vec<(String, String)> = records
            .into_iter()
            .filter(|r| r.event.actor == by.audit_name())
            .map(|r| (r.event.action, r.event.detail))
            .collect();
        for (action, detail) in [
            ("staff.added", r#""role":"agent""#),
            ("staff.role_changed", r#""from":"agent","to":"supervisor""#),
            ("staff.deactivated", r#""sessions_ended":1"#),
            ("staff.reactivated", ""),
            ("staff.second_factor_reset", r#""sessions_ended":1"#),
            ("staff.viewed", ""),
        ] {
            assert!(
                by_admin
                    .iter()
                    .any(|(a, d)| a == action && d.contains(detail)),
                "{action} {detail} in {by_admin:?}"
            );
        }
        let listed = app.store().audit_of("staff", 10).await.unwrap();
        assert!(
            listed
                .iter()
                .any(|r| r.event.action == "staff.listed" && r.event.actor == by.audit_name())
        );
        db.finish().await;
    }
}

#[tokio::test]
async fn the_console_always_keeps_an_active_admin_and_an_admin_never_acts_on_themself() {
    for (app, _clock, db) in apps("staff_last_admin").await {
        let a = add(&app, "a@example.com", "admin").await;
        let operator = Actor::Operator("staff");

        // On themself: refused, whatever the change.
        for role in Role::ALL {
            assert!(matches!(
                app.change_role(&admin(a.id), a.id, role).await,
                Err(StaffError::OwnRole)
            ));
        }
        assert!(matches!(
            app.deactivate_staff(&admin(a.id), a.id).await,
            Err(StaffError::OwnDeactivation)
        ));
        assert!(matches!(
            app.reset_second_factor(&admin(a.id), a.id).await,
            Err(StaffError::OwnSecondFactor)
        ));

        // The only admin is neither demoted nor deactivated, even by the operator.
        assert!(matches!(
            app.change_role(&operator, a.id, Role::Supervisor).await,
            Err(StaffError::LastAdmin)
        ));
        assert!(matches!(
            app.deactivate_staff(&operator, a.id).await,
            Err(StaffError::LastAdmin)
        ));

        // With a second admin one may go; then the other is the last. A deactivated admin
        // counts for nothing, so changing their role is allowed.
        let b = add(&app, "b@example.com", "admin").await;
        app.deactivate_staff(&admin(b.id), a.id).await.unwrap();
        assert!(matches!(
            app.change_role(&operator, b.id, Role::Agent).await,
            Err(StaffError::LastAdmin)
        ));
        assert!(matches!(
            app.deactivate_staff(&operator, b.id).await,
            Err(StaffError::LastAdmin)
        ));
        app.change_role(&operator, a.id, Role::Supervisor)
            .await
            .unwrap();
        app.reactivate_staff(&operator, a.id).await.unwrap();
        app.change_role(&admin(b.id), a.id, Role::Admin)
            .await
            .unwrap();
        app.change_role(&admin(a.id), b.id, Role::Agent)
            .await
            .unwrap();

        // Two admins demoting each other at once: one wins, the other is refused.
        let c = add(&app, "c@example.com", "admin").await;
        let (by_a, by_c) = (admin(a.id), admin(c.id));
        let (x, y) = tokio::join!(
            app.change_role(&by_a, c.id, Role::Supervisor),
            app.change_role(&by_c, a.id, Role::Supervisor),
        );
        assert_eq!(u8::from(x.is_ok()) + u8::from(y.is_ok()), 1, "{x:?} {y:?}");
        assert!(matches!(x.err().or(y.err()), Some(StaffError::LastAdmin)));
        let admins = app
            .list_staff(&operator)
            .await
            .unwrap()
            .into_iter()
            .filter(|m| m.role == Role::Admin && m.is_active())
            .count();
        assert_eq!(admins, 1);

        // An unknown id is refused as unknown by every use case.
        let nobody = StaffId(999_999);
        assert!(matches!(
            app.staff_member(&operator, nobody).await,
            Err(StaffError::Unknown)
        ));
        assert!(matches!(
            app.change_role(&operator, nobody, Role::Agent).await,
            Err(StaffError::Unknown)
        ));
        assert!(matches!(
            app.deactivate_staff(&operator, nobody).await,
            Err(StaffError::Unknown)
        ));
        assert!(matches!(
            app.reactivate_staff(&operator, nobody).await,
            Err(StaffError::Unknown)
        ));
        assert!(matches!(
            app.reset_second_factor(&operator, nobody).await,
            Err(StaffError::Unknown)
        ));
        db.finish().await;
    }
}

#[tokio::test]
async fn only_an_admin_manages_staff_and_bad_input_adds_no_one() {
    for (app, _clock, db) in apps("staff_denied").await {
        let nia = add(&app, "nia@example.com", "agent").await;
        let want = "you may not manage staff users";
        for actor in [
            Actor::Staff {
                id: StaffId(90),
                role: Role::Agent,
            },
            Actor::Staff {
                id: StaffId(91),
                role: Role::Supervisor,
            },
            Actor::api_client("ledger", Scopes::all()),
            Actor::Borrower(LoginId(1)),
        ] {
            let who = actor.audit_name();
            let refusals = [
                app.list_staff(&actor).await.map(|_| ()),
                app.staff_member(&actor, nia.id).await.map(|_| ()),
                app.change_role(&actor, nia.id, Role::Admin)
                    .await
                    .map(|_| ()),
                app.deactivate_staff(&actor, nia.id).await.map(|_| ()),
                app.reactivate_staff(&actor, nia.id).await.map(|_| ()),
                app.reset_second_factor(&actor, nia.id).await.map(|_| ()),
            ];
            for r in refusals {
                let e = r.unwrap_err();
                assert!(matches!(e, StaffError::Denied(_)), "{who}: {e:?}");
                assert_eq!(e.to_string(), want, "{who}");
            }
            assert!(matches!(
                app.add_staff("x@example.com", "X", "agent", STAFF_PASSWORD, &actor)
                    .await,
                Err(IdentityError::Denied(_))
            ));
        }
        let operator = Actor::Operator("staff");
        let same = app.staff_member(&operator, nia.id).await.unwrap();
        assert!(
            same.role == Role::Agent && same.is_active(),
            "nothing changed"
        );

        // Bad input is refused, naming the rule, and adds no one.
        let boss = add(&app, "admin@example.com", "admin").await;
        let long = "n".repeat(10_000);
        for (email, name, role, password, message) in [
            (
                "new@example.com",
                long.as_str(),
                "agent",
                STAFF_PASSWORD,
                "at most 100 characters",
            ),
            (
                "not-an-email",
                "New",
                "agent",
                STAFF_PASSWORD,
                "Enter an email address",
            ),
            (
                "new @example.com",
                "New",
                "agent",
                STAFF_PASSWORD,
                "Enter an email address",
            ),
            (
                "new@example.com",
                "New",
                "root",
                STAFF_PASSWORD,
                "The role is one of agent, supervisor, admin",
            ),
            (
                "new@example.com",
                "New",
                "agent",
                "short one",
                "at least 15 characters",
            ),
            (
                "NIA@example.com",
                "Again",
                "agent",
                STAFF_PASSWORD,
                "already exists",
            ),
        ] {
            let e = app
                .add_staff(email, name, role, password, &admin(boss.id))
                .await
                .unwrap_err();
            assert!(e.to_string().contains(message), "{email}: {e}");
        }
        assert_eq!(app.list_staff(&operator).await.unwrap().len(), 2);
        db.finish().await;
    }
}
