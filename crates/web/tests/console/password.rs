//! Staff passwords over HTTP, on each backend. A staff user changes their own password from
//! the menu (`/console/password`): each refusal is shown beside its field and changes
//! nothing; the change signs out their other sessions and keeps this one. An admin resets
//! another user's password with a reason (`/console/staff/{id}/password`): the temporary
//! password is shown once; the user's sessions end; signed in with it, every console page
//! takes them to the password page (signing out aside) until they choose their own. Only
//! admins may reset, never their own.

use app::access::Actor;
use axum::http::{Method, StatusCode};
use test_support::http::{Browser, Reply};
use test_support::server::{Portal, portals};
use test_support::staff::{STAFF_PASSWORD, authenticator_code, browser};

/// The password the tests' users choose.
const NEW_PASSWORD: &str = "quiet meadow compass 77";
/// The page.
const PAGE: &str = "/console/password";

/// The text of the element with `id` on a page (up to its first tag).
fn element(body: &str, id: &str) -> String {
    let start = body
        .find(&format!("id=\"{id}\">"))
        .unwrap_or_else(|| panic!("#{id} in {body}"))
        + id.len()
        + 6;
    let end = start + body[start..].find('<').unwrap();
    body[start..end].to_owned()
}

/// Adds `email` as an agent named Nia Agent (as the operator does); its authenticator's
/// address.
async fn add_agent(p: &Portal, email: &str) -> (store::StaffId, String) {
    let added = p
        .app
        .add_staff(
            email,
            "Nia Agent",
            "agent",
            STAFF_PASSWORD,
            &Actor::Operator("staff"),
        )
        .await
        .unwrap();
    (added.id, added.url)
}

/// Signs `email` in with `password`, in a browser of its own, with the code `url`'s
/// authenticator shows 30 seconds on (a step after any code used before); the answer's
/// status, and the browser.
async fn sign_in(p: &Portal, email: &str, password: &str, url: &str) -> (StatusCode, Browser) {
    p.clock.advance(jiff::SignedDuration::from_secs(30));
    let code = authenticator_code(&p.app, url, 0);
    let mut b = Browser::default();
    let r = b
        .post_form(
            p.addr(),
            "/console/sign-in",
            "/console/sign-in",
            &[("email", email), ("password", password), ("code", &code)],
        )
        .await;
    (r.status, b)
}

/// Posts the password form.
async fn change(p: &Portal, b: &mut Browser, current: &str, new: &str, confirm: &str) -> Reply {
    b.post_form(
        p.addr(),
        PAGE,
        PAGE,
        &[("current", current), ("new", new), ("confirm", confirm)],
    )
    .await
}

#[tokio::test]
async fn a_staff_user_changes_their_password_and_each_refusal_is_on_its_field() {
    for p in portals("console_password_change").await {
        let addr = p.addr();
        let (_, url) = add_agent(&p, "nia@example.com").await;
        let (status, mut nia) = sign_in(&p, "nia@example.com", STAFF_PASSWORD, &url).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (_, mut elsewhere) = sign_in(&p, "nia@example.com", STAFF_PASSWORD, &url).await;

        // In the menu of every page; the form asks for the three.
        let home = nia.get(addr, "/console").await;
        assert!(
            home.body.contains("href=\"/console/password\""),
            "{}",
            home.body
        );
        let page = nia.get(addr, PAGE).await;
        assert_eq!(page.status, StatusCode::OK);
        for label in ["Current password", "New password", "New password again"] {
            assert!(page.body.contains(label), "{label}");
        }

        // Each refusal beside its field; nothing typed is shown again.
        let r = change(&p, &mut nia, "", "", "").await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.body.contains("There is a problem"));
        for (field, message) in [
            ("current", "Enter your current password"),
            ("new", "Enter a new password"),
            ("confirm", "Enter the new password again"),
        ] {
            assert!(r.body.contains(&format!("id=\"{field}-error\"")), "{field}");
            assert!(r.body.contains(message), "{message}");
        }
        // Three mistakes at once (no current password, a new one too short, typed differently
        // the second time): each listed and linked to its field, none counted as a guess.
        let r = change(&p, &mut nia, "", "short one", "short two").await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        test_support::page::assert_every_error(&r.body, &["current", "new", "confirm"]);
        for message in [
            "Enter your current password",
            "A staff password has at least 15 characters",
            "The passwords do not match",
        ] {
            assert!(r.body.contains(message), "{message}: {}", r.body);
        }
        assert!(!r.body.contains("short one") && !r.body.contains("short two"));
        for (current, new, confirm, field, message) in [
            (
                "not my password at all",
                NEW_PASSWORD,
                NEW_PASSWORD,
                "current",
                "Your current password is not right",
            ),
            (
                STAFF_PASSWORD,
                "short one",
                "short one",
                "new",
                "A staff password has at least 15 characters",
            ),
            (
                STAFF_PASSWORD,
                "1qaz2wsx3edc4rfv",
                "1qaz2wsx3edc4rfv",
                "new",
                "This password is too common",
            ),
            (
                STAFF_PASSWORD,
                NEW_PASSWORD,
                "quiet meadow compass 78",
                "confirm",
                "The passwords do not match",
            ),
            (
                STAFF_PASSWORD,
                STAFF_PASSWORD,
                STAFF_PASSWORD,
                "new",
                "Choose a new password that is not your current one",
            ),
        ] {
            let r = change(&p, &mut nia, current, new, confirm).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{message}");
            assert!(r.body.contains(message), "{message}: {}", r.body);
            assert!(
                r.body.contains(&format!("id=\"{field}-error\"")),
                "{message} on {field}"
            );
            assert!(!r.body.contains(NEW_PASSWORD) && !r.body.contains(STAFF_PASSWORD));
        }
        assert_eq!(elsewhere.get(addr, "/console").await.status, StatusCode::OK);

        // Changed: said so; the other session is signed out, this one stays.
        let r = change(&p, &mut nia, STAFF_PASSWORD, NEW_PASSWORD, NEW_PASSWORD).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(r.body.contains("Your password is changed"), "{}", r.body);
        assert!(r.body.contains("Your other open session was signed out"));
        assert_eq!(
            elsewhere.get(addr, "/console").await.location(),
            "/console/sign-in"
        );
        assert_eq!(nia.get(addr, "/console").await.status, StatusCode::OK);

        // The new password signs in; the old one does not.
        let (status, _) = sign_in(&p, "nia@example.com", NEW_PASSWORD, &url).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let (status, _) = sign_in(&p, "nia@example.com", STAFF_PASSWORD, &url).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        p.finish().await;
    }
}

#[tokio::test]
async fn after_an_admin_resets_a_password_every_console_page_leads_to_the_password_page() {
    for p in portals("console_password_reset").await {
        let addr = p.addr();
        let mut admin = browser(&p, "admin@example.com", "admin").await;
        let (nia_id, url) = add_agent(&p, "nia@example.com").await;
        let (_, mut before) = sign_in(&p, "nia@example.com", STAFF_PASSWORD, &url).await;
        let user = format!("/console/staff/{}", nia_id.0);
        let action = format!("{user}/password");
        assert!(
            admin
                .get(addr, &user)
                .await
                .body
                .contains(&format!("action=\"{action}\""))
        );

        // Without a reason: refused beside the reason, and nothing changed.
        let r = admin
            .post_form(addr, &user, &action, &[("reason", "forgot")])
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.body.contains("Give a reason of 10 to 500 characters"));
        assert!(r.body.contains("id=\"reason-error\""));
        assert!(
            r.body.contains("value=\"forgot\""),
            "the reason typed stays"
        );
        assert_eq!(before.get(addr, "/console").await.status, StatusCode::OK);

        // Reset: the temporary password is shown once; Nia is signed out.
        let r = admin
            .post_form(
                addr,
                &user,
                &action,
                &[("reason", "Forgot her password; checked by phone")],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(r.body.contains("Temporary password for Nia Agent"));
        assert!(r.body.contains("they were signed out"), "{}", r.body);
        let temporary = element(&r.body, "temporary-password");
        assert!(temporary.chars().count() >= 16, "{temporary}");
        let again = admin.get(addr, &user).await.body;
        assert!(!again.contains(&temporary), "shown once");
        assert!(again.contains("must choose a new password at their next sign-in"));
        assert_eq!(
            before.get(addr, "/console").await.location(),
            "/console/sign-in"
        );

        // The old password is refused; the temporary one signs in to the password page only.
        let (status, _) = sign_in(&p, "nia@example.com", STAFF_PASSWORD, &url).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let (status, mut nia) = sign_in(&p, "nia@example.com", &temporary, &url).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        for path in [
            "/console",
            "/console/search",
            "/console/messages",
            "/console/reports",
            "/console/staff",
        ] {
            let r = nia.get(addr, path).await;
            assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}");
            assert_eq!(r.location(), PAGE, "{path}");
        }
        let page = nia.get(addr, PAGE).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("An admin reset your password"));
        assert!(!page.body.contains("href=\"/console/search\""), "no menu");
        let csrf = page.csrf();
        let posted = nia
            .send(
                addr,
                Method::POST,
                "/console/staff",
                Some(&[("csrf", csrf.as_str())]),
                &[],
            )
            .await;
        assert_eq!(posted.location(), PAGE, "a form elsewhere too");

        // Signing out still works while the flag is set.
        let out = nia
            .send(
                addr,
                Method::POST,
                "/console/sign-out",
                Some(&[("csrf", csrf.as_str())]),
                &[],
            )
            .await;
        assert_eq!(out.location(), "/console/sign-in");
        assert_eq!(
            nia.get(addr, "/console").await.location(),
            "/console/sign-in"
        );

        // Choosing her own password opens the console again.
        let (_, mut nia) = sign_in(&p, "nia@example.com", &temporary, &url).await;
        assert_eq!(nia.get(addr, "/console").await.location(), PAGE);
        let r = change(&p, &mut nia, &temporary, NEW_PASSWORD, NEW_PASSWORD).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(r.body.contains("The console is open to you again"));
        assert!(
            r.body.contains("href=\"/console/search\""),
            "the menu is back"
        );
        assert_eq!(nia.get(addr, "/console").await.status, StatusCode::OK);
        assert_eq!(
            nia.get(addr, "/console/search").await.status,
            StatusCode::OK
        );
        let (status, _) = sign_in(&p, "nia@example.com", &temporary, &url).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

        // Audited with the admin; the temporary password is in no record.
        let records = p
            .app
            .store()
            .audit_of(&format!("staff:{}", nia_id.0), 100)
            .await
            .unwrap();
        assert!(
            records
                .iter()
                .any(|r| r.event.action == "staff.password_reset"
                    && r.event.detail.contains("checked by phone"))
        );
        assert!(records.iter().all(|r| !r.event.detail.contains(&temporary)));
        p.finish().await;
    }
}

#[tokio::test]
async fn only_an_admin_resets_a_password_and_never_their_own() {
    for p in portals("console_password_denied").await {
        let addr = p.addr();
        let (nia_id, url) = add_agent(&p, "nia@example.com").await;
        let action = format!("/console/staff/{}/password", nia_id.0);
        for (email, role) in [
            ("lead@example.com", "supervisor"),
            ("agent@example.com", "agent"),
        ] {
            let mut b = browser(&p, email, role).await;
            let csrf = b.get(addr, "/console").await.csrf();
            let form = [
                ("csrf", csrf.as_str()),
                ("reason", "Forgot her password, checked by phone"),
            ];
            let r = b.send(addr, Method::POST, &action, Some(&form), &[]).await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{role}");
        }

        // An admin's own page offers no reset, and a reset posted anyway is refused.
        let mut admin = browser(&p, "admin@example.com", "admin").await;
        let me = p
            .app
            .store()
            .staff_by_email("admin@example.com")
            .await
            .unwrap()
            .unwrap()
            .id;
        let own = format!("/console/staff/{}", me.0);
        let page = admin.get(addr, &own).await.body;
        assert!(page.contains("Change your own password under"), "{page}");
        let r = admin
            .post_form(
                addr,
                &own,
                &format!("{own}/password"),
                &[("reason", "Forgot my own password")],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(
            r.body.contains("You cannot reset your own password here"),
            "{}",
            r.body
        );

        // Nothing changed: Nia signs in with her password and reaches the console.
        let (status, mut nia) = sign_in(&p, "nia@example.com", STAFF_PASSWORD, &url).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_eq!(nia.get(addr, "/console").await.status, StatusCode::OK);
        p.finish().await;
    }
}
