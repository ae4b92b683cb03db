//! Staff management in the console (issue 19), over HTTP on each backend: an admin adds an
//! agent (the authenticator setup shown once), who signs in; makes them a supervisor (the
//! reports open to them in the same session); deactivates them (their open console stops at
//! once, and signing in gets the usual answer); reactivates them; gives them a new
//! authenticator (the old codes stop working, the new ones work). An admin cannot act on
//! themself; supervisors and agents get 403 on every staff route; hostile input is refused
//! and changes nothing; every change is audited with the admin.

use app::access::Actor;
use axum::http::{Method, StatusCode};
use test_support::http::Browser;
use test_support::server::{Portal, portals};
use test_support::staff::{STAFF_PASSWORD, authenticator_code, browser};

/// The console's answer to a wrong email, password or code (`console::sign_in`).
const NOT_RIGHT: &str = "The email, password or authenticator code is not right";

/// `text` with the HTML escapes of askama undone.
fn unescape(text: &str) -> String {
    text.replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&#60;", "<")
        .replace("&#62;", ">")
        .replace("&#38;", "&")
}

/// The text of the element with `id` on a page (up to its first tag).
fn element(body: &str, id: &str) -> String {
    let start = body
        .find(&format!("id=\"{id}\">"))
        .unwrap_or_else(|| panic!("#{id} in {body}"))
        + id.len()
        + 6;
    let end = start + body[start..].find('<').unwrap();
    unescape(&body[start..end])
}

/// Signs `email` in, in a browser of its own, with the code `url`'s authenticator shows 30
/// seconds on (a step after any code used before); the answer's status and body, and the
/// browser.
async fn sign_in(p: &Portal, email: &str, url: &str) -> (StatusCode, String, Browser) {
    p.clock.advance(jiff::SignedDuration::from_secs(30));
    let code = authenticator_code(&p.app, url, 0);
    let mut b = Browser::default();
    let r = b
        .post_form(
            p.addr(),
            "/console/sign-in",
            "/console/sign-in",
            &[
                ("email", email),
                ("password", STAFF_PASSWORD),
                ("code", &code),
            ],
        )
        .await;
    (r.status, r.body, b)
}

#[tokio::test]
async fn an_admin_adds_promotes_deactivates_reactivates_and_resets_a_staff_user() {
    for p in portals("console_staff").await {
        let addr = p.addr();
        let mut admin = browser(&p, "admin@example.com", "admin").await;
        let store = p.app.store();
        let admin_id = store
            .staff_by_email("admin@example.com")
            .await
            .unwrap()
            .unwrap()
            .id;
        let list = admin.get(addr, "/console/staff").await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(list.body.contains("admin@example.com") && list.body.contains("Add a staff user"));

        // Added: the setup is on the answer, and only there.
        let r = admin
            .post_form(
                addr,
                "/console/staff",
                "/console/staff",
                &[
                    ("email", "Nia.Agent@example.com"),
                    ("name", "Nia Agent"),
                    ("role", "agent"),
                    ("password", STAFF_PASSWORD),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(r.body.contains("Nia Agent is added as agent"), "{}", r.body);
        assert!(r.body.contains("data:image/svg+xml;base64,"), "a QR code");
        let url = element(&r.body, "otpauth-url");
        assert!(url.starts_with("otpauth://totp/"), "{url}");
        let key = element(&r.body, "secret-key");
        assert!(!admin.get(addr, "/console/staff").await.body.contains(&key));
        let nia = store
            .staff_by_email("nia.agent@example.com")
            .await
            .unwrap()
            .unwrap()
            .id;
        let page = format!("/console/staff/{}", nia.0);
        assert!(admin.get(addr, &page).await.body.contains("Nia Agent"));

        // The agent signs in; the reports are not theirs.
        let (status, _, mut agent) = sign_in(&p, "nia.agent@example.com", &url).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let reports = "/console/reports/aging";
        assert_eq!(agent.get(addr, reports).await.status, StatusCode::FORBIDDEN);

        // A supervisor: the reports open in the same session.
        let role = format!("{page}/role");
        let r = admin
            .post_form(addr, &page, &role, &[("role", "supervisor")])
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(r.body.contains("Nia Agent is now supervisor"), "{}", r.body);
        assert_eq!(agent.get(addr, reports).await.status, StatusCode::OK);
        let again = admin
            .post_form(addr, &page, &role, &[("role", "supervisor")])
            .await;
        assert_eq!(again.status, StatusCode::BAD_REQUEST);
        assert!(again.body.contains("Their role is already supervisor"));

        // Deactivated: the open console stops at once; signing in gets the usual answer.
        let r = admin
            .post_form(addr, &page, &format!("{page}/deactivate"), &[])
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(
            r.body
                .contains("they cannot sign in, and their open session was ended"),
            "{}",
            r.body
        );
        assert_eq!(
            agent.get(addr, "/console").await.location(),
            "/console/sign-in"
        );
        let (status, body, _) = sign_in(&p, "nia.agent@example.com", &url).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body.contains(NOT_RIGHT), "{body}");
        assert!(admin.get(addr, &page).await.body.contains("Deactivated"));

        // Reactivated: in again, as before.
        let r = admin
            .post_form(addr, &page, &format!("{page}/reactivate"), &[])
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(r.body.contains("Nia Agent is active again"));
        let (status, _, mut agent) = sign_in(&p, "nia.agent@example.com", &url).await;
        assert_eq!(status, StatusCode::SEE_OTHER);

        // A new authenticator: signed out, the old codes refused, the new ones accepted.
        let r = admin
            .post_form(addr, &page, &format!("{page}/second-factor"), &[])
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(
            r.body
                .contains("old authenticator no longer works, and they were signed out")
        );
        let new_url = element(&r.body, "otpauth-url");
        assert_ne!(new_url, url);
        assert_eq!(
            agent.get(addr, "/console").await.location(),
            "/console/sign-in"
        );
        let (status, body, _) = sign_in(&p, "nia.agent@example.com", &url).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body.contains(NOT_RIGHT));
        let (status, _, _) = sign_in(&p, "nia.agent@example.com", &new_url).await;
        assert_eq!(status, StatusCode::SEE_OTHER);

        // Never on themself: the page says so, and each action is refused.
        let own = format!("/console/staff/{}", admin_id.0);
        assert!(admin.get(addr, &own).await.body.contains("This is you"));
        for (action, fields, message) in [
            (
                "role",
                vec![("role", "agent")],
                "You cannot change your own role",
            ),
            ("deactivate", vec![], "You cannot deactivate yourself"),
            (
                "second-factor",
                vec![],
                "You cannot reset your own authenticator",
            ),
        ] {
            let r = admin
                .post_form(addr, &own, &format!("{own}/{action}"), &fields)
                .await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{action}");
            assert!(r.body.contains(message), "{action}: {}", r.body);
        }
        assert_eq!(
            admin.get(addr, "/console/staff").await.status,
            StatusCode::OK
        );

        // Every change is audited with the admin who made it.
        let actions: Vec<String> = store
            .audit_of(&format!("staff:{}", nia.0), 100)
            .await
            .unwrap()
            .into_iter()
            .filter(|r| r.event.actor == format!("staff:{}", admin_id.0))
            .map(|r| r.event.action)
            .collect();
        for action in [
            "staff.added",
            "staff.viewed",
            "staff.role_changed",
            "staff.deactivated",
            "staff.reactivated",
            "staff.second_factor_reset",
        ] {
            assert!(
                actions.iter().any(|a| a == action),
                "{action} in {actions:?}"
            );
        }
        p.finish().await;
    }
}

#[tokio::test]
async fn hostile_staff_management_input_is_refused_and_changes_nothing() {
    for p in portals("console_staff_hostile").await {
        let addr = p.addr();
        let mut admin = browser(&p, "admin@example.com", "admin").await;
        let before = p.app.store().staff_users().await.unwrap().len();

        // Ids that are not a staff user's: not found, as a page and as an action.
        for path in [
            "/console/staff/999999",
            "/console/staff/0",
            "/console/staff/-1",
            "/console/staff/abc",
            "/console/staff/1.5",
            "/console/staff/99999999999999999999",
        ] {
            assert_eq!(
                admin.get(addr, path).await.status,
                StatusCode::NOT_FOUND,
                "{path}"
            );
        }
        for action in ["role", "deactivate", "reactivate", "second-factor"] {
            let r = admin
                .post_form(
                    addr,
                    "/console/staff",
                    &format!("/console/staff/999999/{action}"),
                    &[("role", "agent")],
                )
                .await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{action}");
        }

        // An unknown role, on a real user: refused, naming the roles.
        let target = p
            .app
            .add_staff(
                "t@example.com",
                "Tess",
                "agent",
                STAFF_PASSWORD,
                &Actor::Operator("staff"),
            )
            .await
            .unwrap();
        let page = format!("/console/staff/{}", target.id.0);
        for role in ["root", "", "ADMIN; DROP TABLE staff_users"] {
            let r = admin
                .post_form(addr, &page, &format!("{page}/role"), &[("role", role)])
                .await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{role}");
            assert!(
                r.body
                    .contains("The role is one of agent, supervisor, admin"),
                "{role}: {}",
                r.body
            );
        }

        // Adding: each bad field is named beside it, and no one is added.
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
                "new@example.com",
                "New",
                "root",
                STAFF_PASSWORD,
                "The role is one of",
            ),
            (
                "new@example.com",
                "New",
                "agent",
                "short one",
                "at least 15 characters",
            ),
            (
                "T@example.com",
                "Again",
                "agent",
                STAFF_PASSWORD,
                "already exists",
            ),
            ("", "", "", "", "Enter an email address"),
        ] {
            let r = admin
                .post_form(
                    addr,
                    "/console/staff",
                    "/console/staff",
                    &[
                        ("email", email),
                        ("name", name),
                        ("role", role),
                        ("password", password),
                    ],
                )
                .await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{message}");
            assert!(r.body.contains(message), "{message}: {}", r.body);
            assert!(r.body.contains("There is a problem"));
        }
        // Every field wrong at once: every one listed, each linked to its field and said
        // beside it; the email and name kept, never the password.
        let r = admin
            .post_form(
                addr,
                "/console/staff",
                "/console/staff",
                &[
                    ("email", "not-an-email"),
                    ("name", long.as_str()),
                    ("role", "root"),
                    ("password", "short one"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
        test_support::page::assert_every_error(&r.body, &["email", "name", "role", "password"]);
        for message in [
            "Enter an email address",
            "at most 100 characters",
            "The role is one of agent, supervisor, admin",
            "at least 15 characters",
        ] {
            assert!(r.body.contains(message), "{message}: {}", r.body);
        }
        assert!(r.body.contains("value=\"not-an-email\""));
        assert!(
            !r.body.contains("short one"),
            "the password is never drawn back"
        );
        assert_eq!(p.app.store().staff_users().await.unwrap().len(), before + 1);
        let same = p.app.store().staff_user(target.id).await.unwrap().unwrap();
        assert!(same.is_active() && same.role == app::access::Role::Agent);
        p.finish().await;
    }
}

#[tokio::test]
async fn supervisors_and_agents_get_403_on_every_staff_route() {
    for p in portals("console_staff_denied").await {
        let addr = p.addr();
        let target = p
            .app
            .add_staff(
                "t@example.com",
                "Tess",
                "agent",
                STAFF_PASSWORD,
                &Actor::Operator("staff"),
            )
            .await
            .unwrap();
        let page = format!("/console/staff/{}", target.id.0);
        for (email, role) in [
            ("lead@example.com", "supervisor"),
            ("agent@example.com", "agent"),
        ] {
            let mut b = browser(&p, email, role).await;
            for path in ["/console/staff", page.as_str()] {
                let r = b.get(addr, path).await;
                assert_eq!(r.status, StatusCode::FORBIDDEN, "{role} {path}");
                assert!(r.body.contains("manage staff users"), "{role} {path}");
            }
            let csrf = b.get(addr, "/console").await.csrf();
            let fields = [
                ("csrf", csrf.as_str()),
                ("email", "x@example.com"),
                ("name", "X"),
                ("role", "admin"),
                ("password", STAFF_PASSWORD),
            ];
            for path in [
                "/console/staff".to_owned(),
                format!("{page}/role"),
                format!("{page}/deactivate"),
                format!("{page}/reactivate"),
                format!("{page}/second-factor"),
            ] {
                let r = b.send(addr, Method::POST, &path, Some(&fields), &[]).await;
                assert_eq!(r.status, StatusCode::FORBIDDEN, "{role} POST {path}");
            }
        }
        // Nothing changed.
        let store = p.app.store();
        assert_eq!(store.staff_by_email("x@example.com").await.unwrap(), None);
        let same = store.staff_user(target.id).await.unwrap().unwrap();
        assert!(same.is_active() && same.role == app::access::Role::Agent);
        p.finish().await;
    }
}
