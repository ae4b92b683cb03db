//! Staff passwords (ASVS V2.1.5, V2.1.6), on SQLite and on PostgreSQL when configured. A
//! staff user changes their own password: the current one must be right, the new one keeps
//! the staff policy and is not the current one, their other sessions end and this one stays.
//! A wrong current password counts as a wrong sign-in (five lock both for 30 minutes), and
//! the sign-in's throttle counts every try. An admin resets another user's password with a
//! reason: the temporary password signs in, must then be changed, the old one stops working,
//! every session ends and a lock is lifted. Only admins may, never on themself, and no
//! password is ever in the audit log.

use app::App;
use app::access::{Actor, Role};
use app::api_clients::Scopes;
use app::identity::passwords::PasswordProblem;
use app::identity::{ClientInfo, IdentityError};
use app::staff::{PasswordChangeError, Staff, StaffAdded, StaffError, StaffPasswordProblem};
use store::{LoginId, StaffId};
use test_support::apps::apps;
use test_support::staff::{STAFF_PASSWORD, sign_in};

/// The password the tests' users choose.
const NEW_PASSWORD: &str = "quiet meadow compass 77";

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

/// The staff user of a live session token.
async fn session(app: &App, token: &str) -> Staff {
    app.staff_session(token)
        .await
        .unwrap()
        .expect("a live session")
}

/// Changes `staff`'s password from `current` to `new`.
async fn change(
    app: &App,
    staff: &Staff,
    current: &str,
    new: &str,
) -> Result<app::staff::PasswordChanged, PasswordChangeError> {
    app.change_own_password(staff, current, new, new, &ClientInfo::default())
        .await
}

/// Every audit record about staff user `id`: (actor, action, detail).
async fn audit_of(app: &App, id: StaffId) -> Vec<(String, String, String)> {
    app.store()
        .audit_of(&format!("staff:{}", id.0), 200)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.event.actor, r.event.action, r.event.detail))
        .collect()
}

#[tokio::test]
async fn a_staff_user_changes_their_own_password_and_their_other_sessions_end() {
    for (app, clock, db) in apps("staff_password_change").await {
        let nia = add(&app, "nia@example.com", "agent").await;
        let here = sign_in(&app, &clock, "nia@example.com", STAFF_PASSWORD, &nia.url)
            .await
            .unwrap();
        let elsewhere = sign_in(&app, &clock, "nia@example.com", STAFF_PASSWORD, &nia.url)
            .await
            .unwrap();
        let staff = session(&app, &here).await;
        assert!(!staff.must_change_password);
        let hash_before = app
            .store()
            .staff_user(nia.id)
            .await
            .unwrap()
            .unwrap()
            .password_hash;

        // Each refusal names its rule and changes nothing.
        assert!(matches!(
            change(&app, &staff, "not my password at all", NEW_PASSWORD).await,
            Err(PasswordChangeError::CurrentWrong)
        ));
        for (new, confirm, want) in [
            (
                "short one",
                "short one",
                StaffPasswordProblem::TooShort { min: 15 },
            ),
            (
                "aaaaaaaaaaaaaaaa",
                "aaaaaaaaaaaaaaaa",
                StaffPasswordProblem::Policy(PasswordProblem::Common),
            ),
            (
                "1qaz2wsx3edc4rfv",
                "1qaz2wsx3edc4rfv",
                StaffPasswordProblem::Policy(PasswordProblem::Common),
            ),
            (
                "my nia@example.com phrase",
                "my nia@example.com phrase",
                StaffPasswordProblem::Policy(PasswordProblem::ContainsUsername),
            ),
            (
                NEW_PASSWORD,
                "quiet meadow compass 78",
                StaffPasswordProblem::Policy(PasswordProblem::Mismatch),
            ),
        ] {
            let refused = app
                .change_own_password(&staff, STAFF_PASSWORD, new, confirm, &ClientInfo::default())
                .await;
            match refused {
                Err(PasswordChangeError::New(problem)) => assert_eq!(problem, want, "{new}"),
                other => panic!("{new}: {other:?}"),
            }
        }
        assert!(matches!(
            change(&app, &staff, STAFF_PASSWORD, STAFF_PASSWORD).await,
            Err(PasswordChangeError::SameAsCurrent)
        ));
        let unchanged = app.store().staff_user(nia.id).await.unwrap().unwrap();
        assert_eq!(unchanged.password_hash, hash_before);
        assert!(app.staff_session(&elsewhere).await.unwrap().is_some());

        // Changed: the other session ends, this one stays.
        let changed = change(&app, &staff, STAFF_PASSWORD, NEW_PASSWORD)
            .await
            .unwrap();
        assert_eq!(changed.sessions_ended, 1);
        assert_eq!(app.staff_session(&elsewhere).await.unwrap(), None);
        assert!(app.staff_session(&here).await.unwrap().is_some());
        let after = app.store().staff_user(nia.id).await.unwrap().unwrap();
        assert_ne!(after.password_hash, hash_before);
        assert!(
            after.password_hash.starts_with("$argon2id$"),
            "the sign-in's hasher"
        );
        assert_eq!(after.failed_logins, 0, "the wrong try before is forgotten");

        // The old password is refused; the new one signs in.
        assert!(matches!(
            sign_in(&app, &clock, "nia@example.com", STAFF_PASSWORD, &nia.url).await,
            Err(IdentityError::BadCredentials)
        ));
        sign_in(&app, &clock, "nia@example.com", NEW_PASSWORD, &nia.url)
            .await
            .unwrap();

        // Audited by Nia, with no password in any record.
        let records = audit_of(&app, nia.id).await;
        let by_nia = format!("staff:{}", nia.id.0);
        for (action, detail) in [
            ("staff.password_change_failed", ""),
            ("staff.password_changed", r#""sessions_ended":1"#),
            ("staff.password_changed", r#""after_reset":false"#),
        ] {
            assert!(
                records
                    .iter()
                    .any(|(who, a, d)| *who == by_nia && a == action && d.contains(detail)),
                "{action} {detail} in {records:?}"
            );
        }
        for (_, _, detail) in &records {
            assert!(!detail.contains(STAFF_PASSWORD) && !detail.contains(NEW_PASSWORD));
            assert!(!detail.contains("not my password"));
        }
        db.finish().await;
    }
}

#[tokio::test]
async fn wrong_current_passwords_lock_as_wrong_sign_ins_do_and_every_try_is_throttled() {
    for (app, clock, db) in apps("staff_password_throttle").await {
        let nia = add(&app, "nia@example.com", "agent").await;
        let token = sign_in(&app, &clock, "nia@example.com", STAFF_PASSWORD, &nia.url)
            .await
            .unwrap();
        let staff = session(&app, &token).await;

        // Four wrong current passwords are refused; the fifth locks, as at the sign-in form.
        for _ in 0..4 {
            assert!(matches!(
                change(&app, &staff, "a wrong guess again", NEW_PASSWORD).await,
                Err(PasswordChangeError::CurrentWrong)
            ));
        }
        assert!(matches!(
            change(&app, &staff, "a wrong guess again", NEW_PASSWORD).await,
            Err(PasswordChangeError::Locked)
        ));
        // Locked: the right password changes nothing, and signing in is refused.
        assert!(matches!(
            change(&app, &staff, STAFF_PASSWORD, NEW_PASSWORD).await,
            Err(PasswordChangeError::Locked)
        ));
        assert!(matches!(
            sign_in(&app, &clock, "nia@example.com", STAFF_PASSWORD, &nia.url).await,
            Err(IdentityError::BadCredentials)
        ));
        let actions: Vec<String> = audit_of(&app, nia.id)
            .await
            .into_iter()
            .map(|(_, a, _)| a)
            .collect();
        assert_eq!(
            actions
                .iter()
                .filter(|a| *a == "staff.password_change_failed")
                .count(),
            4,
            "{actions:?}"
        );
        assert!(actions.iter().any(|a| a == "staff.locked"), "{actions:?}");

        // The lock ends: tries that are not guesses (the new password is the current one)
        // still count against the sign-in's throttle, ten a quarter of an hour.
        clock.advance(jiff::SignedDuration::from_mins(31));
        for _ in 0..10 {
            assert!(matches!(
                change(&app, &staff, STAFF_PASSWORD, STAFF_PASSWORD).await,
                Err(PasswordChangeError::SameAsCurrent)
            ));
        }
        assert!(matches!(
            change(&app, &staff, STAFF_PASSWORD, NEW_PASSWORD).await,
            Err(PasswordChangeError::Throttled)
        ));
        assert!(matches!(
            sign_in(&app, &clock, "nia@example.com", STAFF_PASSWORD, &nia.url).await,
            Err(IdentityError::Throttled)
        ));

        // A quarter of an hour on, the change goes through.
        clock.advance(jiff::SignedDuration::from_mins(16));
        change(&app, &staff, STAFF_PASSWORD, NEW_PASSWORD)
            .await
            .unwrap();
        db.finish().await;
    }
}

#[tokio::test]
async fn an_admin_resets_a_password_to_a_temporary_one_that_must_be_changed() {
    for (app, clock, db) in apps("staff_password_reset").await {
        let boss = add(&app, "admin@example.com", "admin").await;
        let by = admin(boss.id);
        let nia = add(&app, "nia@example.com", "agent").await;
        let open = sign_in(&app, &clock, "nia@example.com", STAFF_PASSWORD, &nia.url)
            .await
            .unwrap();
        // Nia forgets her password and locks herself out trying.
        for _ in 0..5 {
            assert!(
                sign_in(
                    &app,
                    &clock,
                    "nia@example.com",
                    "what was it again",
                    &nia.url
                )
                .await
                .is_err()
            );
        }
        assert!(
            app.staff_member(&by, nia.id)
                .await
                .unwrap()
                .locked_until_us
                .is_some()
        );
        // The throttle's quarter of an hour passes, the 30-minute lock does not, and the
        // session she had open stays open.
        for _ in 0..2 {
            clock.advance(jiff::SignedDuration::from_mins(8));
            assert!(app.staff_session(&open).await.unwrap().is_some());
        }

        let reason = "Forgot her password; identity checked by phone";
        let reset = app.reset_staff_password(&by, nia.id, reason).await.unwrap();
        assert_eq!(reset.sessions_ended, 1);
        assert!(reset.member.must_change_password && reset.member.locked_until_us.is_none());
        assert!(reset.temporary.chars().count() >= 16, "{}", reset.temporary);
        assert!(!format!("{reset:?}").contains(&reset.temporary));
        assert_eq!(app.staff_session(&open).await.unwrap(), None);
        let listed = app.staff_member(&by, nia.id).await.unwrap();
        assert!(listed.must_change_password);

        // The old password no longer works; the temporary one signs in, once the lock is
        // lifted, into a session that must change it.
        assert!(matches!(
            sign_in(&app, &clock, "nia@example.com", STAFF_PASSWORD, &nia.url).await,
            Err(IdentityError::BadCredentials)
        ));
        let token = sign_in(&app, &clock, "nia@example.com", &reset.temporary, &nia.url)
            .await
            .unwrap();
        let staff = session(&app, &token).await;
        assert!(staff.must_change_password);
        assert!(matches!(
            change(&app, &staff, &reset.temporary, &reset.temporary).await,
            Err(PasswordChangeError::SameAsCurrent)
        ));
        let changed = change(&app, &staff, &reset.temporary, NEW_PASSWORD)
            .await
            .unwrap();
        assert_eq!(changed.sessions_ended, 0);
        let staff = session(&app, &token).await;
        assert!(!staff.must_change_password, "the change clears the flag");
        assert!(
            !app.staff_member(&by, nia.id)
                .await
                .unwrap()
                .must_change_password
        );
        assert!(matches!(
            sign_in(&app, &clock, "nia@example.com", &reset.temporary, &nia.url).await,
            Err(IdentityError::BadCredentials)
        ));
        sign_in(&app, &clock, "nia@example.com", NEW_PASSWORD, &nia.url)
            .await
            .unwrap();

        // Audited with the admin, Nia and the reason; the temporary password is in no record.
        let records = audit_of(&app, nia.id).await;
        assert!(
            records.iter().any(|(who, a, d)| *who == by.audit_name()
                && a == "staff.password_reset"
                && d.contains(reason)
                && d.contains(r#""sessions_ended":1"#)),
            "{records:?}"
        );
        assert!(
            records
                .iter()
                .any(|(_, a, d)| a == "staff.password_changed"
                    && d.contains(r#""after_reset":true"#)),
            "{records:?}"
        );
        let everything = app.store().audit_of("staff", 200).await.unwrap();
        for detail in records
            .iter()
            .map(|(_, _, d)| d)
            .chain(everything.iter().map(|r| &r.event.detail))
        {
            assert!(!detail.contains(&reset.temporary) && !detail.contains(NEW_PASSWORD));
        }
        db.finish().await;
    }
}

#[tokio::test]
async fn only_an_admin_resets_a_password_never_their_own_and_only_with_a_reason() {
    for (app, clock, db) in apps("staff_password_reset_denied").await {
        let boss = add(&app, "admin@example.com", "admin").await;
        let nia = add(&app, "nia@example.com", "agent").await;
        let reason = "Forgot her password; identity checked by phone";
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
            let e = app
                .reset_staff_password(&actor, nia.id, reason)
                .await
                .unwrap_err();
            assert!(matches!(e, StaffError::Denied(_)), "{e:?}");
            assert_eq!(e.to_string(), want);
        }
        // Not on themself, not without a reason, not for a user who does not exist.
        assert!(matches!(
            app.reset_staff_password(&admin(boss.id), boss.id, reason)
                .await,
            Err(StaffError::OwnPassword)
        ));
        for short in ["", "forgot", "          "] {
            assert!(matches!(
                app.reset_staff_password(&admin(boss.id), nia.id, short)
                    .await,
                Err(StaffError::Reason(_))
            ));
        }
        assert!(matches!(
            app.reset_staff_password(&admin(boss.id), StaffId(999_999), reason)
                .await,
            Err(StaffError::Unknown)
        ));

        // Nothing changed: both sign in with their own password, and neither must change it.
        for (email, url) in [
            ("admin@example.com", &boss.url),
            ("nia@example.com", &nia.url),
        ] {
            let token = sign_in(&app, &clock, email, STAFF_PASSWORD, url)
                .await
                .unwrap();
            assert!(!session(&app, &token).await.must_change_password);
        }
        let actions: Vec<String> = audit_of(&app, nia.id)
            .await
            .into_iter()
            .map(|(_, a, _)| a)
            .collect();
        assert!(
            !actions.iter().any(|a| a == "staff.password_reset"),
            "{actions:?}"
        );
        db.finish().await;
    }
}
