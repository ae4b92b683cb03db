//! A borrower's account in the console, over HTTP (issue 19): an agent opens Maria Lopez's
//! account and sees her three loans' figures; verifies a caller (one wrong answer, then
//! right) without the right values ever on a page; writes notes; a supervisor reveals a full
//! SSN with a reason and unlocks a sign-in, an agent may not; every id in a path is scoped;
//! the read-only portal view has no form; the account's API reads with a read token, and only
//! a service token writes notes.

use app::access::Actor;
use app::api_clients::Scopes;
use axum::http::{Method, StatusCode};
use domain::account_number::AccountNumber;
use serde_json::json;
use store::BorrowerId;
use test_support::borrowers::{AISHA, MARIA, borrower_of};
use test_support::http::Browser;
use test_support::server::portals;
use test_support::staff::browser;

fn account_page(b: BorrowerId) -> String {
    format!("/console/borrowers/{}", b.0)
}

/// What is inside the page's `<main>` (the header holds the sign-out form).
fn main_of(body: &str) -> &str {
    let start = body.find("<main").expect("a main element");
    let end = body.find("</main>").expect("main closes");
    &body[start..end]
}

#[tokio::test]
async fn an_agent_sees_every_loan_of_maria_with_its_figures_and_her_identity_masked() {
    for p in portals("console_account_page").await {
        let addr = p.addr();
        let maria = borrower_of(&p.app, MARIA.0).await;
        let mut agent = browser(&p, "ana@example.com", "agent").await;
        let page = agent.get(addr, &account_page(maria)).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let body = &page.body;
        assert!(body.contains("Maria Lopez"));

        // The figures the use case reads, every one on the page.
        let view = p
            .app
            .account_view(&Actor::Operator("test"), maria)
            .await
            .unwrap();
        assert_eq!(view.loans.len(), 3);
        for l in &view.loans {
            let d = &l.details;
            let s = &d.view.snapshot;
            assert!(
                body.contains(&format!("Loan ending {}", d.view.account_number.last4())),
                "{}",
                d.view.account_number
            );
            assert!(body.contains(&d.state.balance().usd().to_string()));
            assert!(body.contains(&d.state.principal.usd().to_string()));
            if s.past_due.is_positive() {
                assert!(body.contains(&format!("{} ({} days)", s.past_due.usd(), s.days_past_due)));
            }
        }
        assert!(body.contains("Past due") && body.contains("Current"));
        assert!(body.contains("To principal"), "the activity's split");
        assert!(body.contains("Not set up: it must be re-established"));

        // Identity masked wholly until the caller is verified.
        assert!(body.contains("***-**-****") && body.contains("**/**/****"));
        for secret in ["-6789", "04/12/1985", "1985-04-12", "**/**/1985"] {
            assert!(!body.contains(secret), "{secret} on the page");
        }
        // An agent is offered no supervisor's form.
        assert!(!body.contains("/reveal\"") && !body.contains("/unlock\""));
        assert!(body.contains(&format!("/console/borrowers/{}/pay", maria.0)));
        assert!(body.contains(&format!("/console/borrowers/{}/portal", maria.0)));

        // Opened again within the second: the same page (kept for this session), and each
        // view is audited, the kept one too.
        let again = agent.get(addr, &account_page(maria)).await;
        assert_eq!(again.status, StatusCode::OK);
        assert_eq!(main_of(&again.body), main_of(body));
        // The page shown again within the second is a reload: counted once its group commits.
        p.app.flush_read_audits().await;
        let views = p
            .app
            .store()
            .audit_of(&format!("borrower:{}", maria.0), 100)
            .await
            .unwrap()
            .iter()
            .filter(|r| r.event.action == "account.viewed")
            .count();
        assert_eq!(views, 3, "two pages and the use case's own read above");
        p.finish().await;
    }
}

#[tokio::test]
async fn an_agent_verifies_a_caller_after_one_wrong_answer_without_seeing_the_right_values() {
    for p in portals("console_verify").await {
        let addr = p.addr();
        let maria = borrower_of(&p.app, MARIA.0).await;
        let page = account_page(maria);
        let verify = format!("{page}/verify");
        let mut agent = browser(&p, "ana@example.com", "agent").await;

        let wrong = agent
            .post_form(
                addr,
                &page,
                &verify,
                &[
                    ("date_of_birth", "04/13/1985"),
                    ("zip", MARIA.3),
                    ("ssn_last4", ""),
                    ("last_payment", ""),
                ],
            )
            .await;
        assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
        assert!(wrong.body.contains("do not match what is on file"));
        assert!(wrong.body.contains("2 attempts are left"));
        for secret in ["04/13/1985", "04/12/1985", "-6789", "**/**/1985"] {
            assert!(!wrong.body.contains(secret), "{secret} after a failure");
        }

        let malformed = agent
            .post_form(
                addr,
                &page,
                &verify,
                &[("date_of_birth", "April"), ("zip", MARIA.3)],
            )
            .await;
        assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
        assert!(malformed.body.contains("MM/DD/YYYY, like 07/04/1980"));
        assert!(malformed.body.contains("aria-invalid=\"true\""));

        // Two answers that do not read: both named at once, beside their questions, kept to
        // correct.
        let both = agent
            .post_form(
                addr,
                &page,
                &verify,
                &[("date_of_birth", "13/45/1985"), ("zip", "6270")],
            )
            .await;
        assert_eq!(both.status, StatusCode::BAD_REQUEST);
        test_support::page::assert_every_error(&both.body, &["date_of_birth", "zip"]);
        assert!(both.body.contains("Enter a 5-digit ZIP code"));
        assert!(
            both.body.contains("value=\"13/45/1985\"") && both.body.contains("value=\"6270\""),
            "{}",
            both.body
        );

        // The date of birth as the caller says it.
        let right = agent
            .post_form(
                addr,
                &page,
                &verify,
                &[("date_of_birth", "April 12, 1985"), ("ssn_last4", MARIA.1)],
            )
            .await;
        assert_eq!(right.status, StatusCode::SEE_OTHER, "{}", right.body);
        let shown = agent.get(addr, &page).await;
        assert!(shown.body.contains("Caller verified"), "{}", shown.body);
        assert!(shown.body.contains("by Test Staff until"));
        assert!(shown.body.contains("***-**-6789") && shown.body.contains("**/**/1985"));

        // Another agent is not verified by that pass.
        let mut other = browser(&p, "otto@example.com", "agent").await;
        let theirs = other.get(addr, &page).await;
        assert!(!theirs.body.contains("Caller verified"));
        assert!(theirs.body.contains("***-**-****"));

        let log = p
            .app
            .store()
            .audit_of(&format!("borrower:{}", maria.0), 100)
            .await
            .unwrap();
        assert!(log.iter().any(|r| r.event.action == "caller.verified"));
        for r in &log {
            for secret in ["1985", "6789", MARIA.3] {
                assert!(!r.event.detail.contains(secret), "{}", r.event.detail);
            }
        }
        p.finish().await;
    }
}

#[tokio::test]
async fn notes_are_written_from_the_account_page_and_refused_with_their_reason() {
    for p in portals("console_notes").await {
        let addr = p.addr();
        let maria = borrower_of(&p.app, MARIA.0).await;
        let aisha = borrower_of(&p.app, AISHA.0).await;
        let mut agent = browser(&p, "ana@example.com", "agent").await;
        let page = account_page(maria);
        let notes = format!("{page}/notes");

        let r = agent
            .post_form(
                addr,
                &page,
                &notes,
                &[
                    ("kind", "complaint"),
                    ("body", "Disputes the October late fee."),
                    ("pinned", "1"),
                    ("amends", ""),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let shown = agent.get(addr, &page).await;
        assert!(shown.body.contains("Disputes the October late fee."));
        assert!(shown.body.contains("Pinned"));
        assert!(shown.body.contains("Complaint"));

        let long = "a".repeat(5_001);
        for (fields, want) in [
            (
                vec![("kind", "letter"), ("body", long.as_str()), ("amends", "")],
                "Keep the note to 5000 characters",
            ),
            (
                vec![("kind", "fax"), ("body", "Sent a fax."), ("amends", "")],
                "Choose what the note records",
            ),
            (
                vec![
                    ("kind", "letter"),
                    ("body", "Amends what?"),
                    ("amends", "x"),
                ],
                "not one of this borrower",
            ),
        ] {
            let r = agent.post_form(addr, &page, &notes, &fields).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{want}");
            assert!(r.body.contains(want), "{want}: {}", r.body);
        }
        // Another borrower's note cannot be amended from Maria's account.
        let hers = p
            .app
            .add_note(
                &Actor::Operator("test"),
                aisha,
                &app::notes::NoteRequest {
                    kind: domain::notes::NoteKind::Email,
                    body: "Aisha's note.".into(),
                    pinned: false,
                    amends: None,
                },
            )
            .await
            .unwrap();
        let hers = hers.0.to_string();
        let r = agent
            .post_form(
                addr,
                &page,
                &notes,
                &[
                    ("kind", "letter"),
                    ("body", "Amends hers?"),
                    ("amends", hers.as_str()),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(!agent.get(addr, &page).await.body.contains("Amends hers?"));
        p.finish().await;
    }
}

#[tokio::test]
async fn a_supervisor_reveals_an_ssn_with_a_reason_and_unlocks_a_sign_in_and_an_agent_may_not() {
    for p in portals("console_reveal").await {
        let addr = p.addr();
        let maria = borrower_of(&p.app, MARIA.0).await;
        let page = account_page(maria);
        let reveal = format!("{page}/reveal");
        let reason = "Borrower disputes the SSN on the credit report";
        let mut agent = browser(&p, "ana@example.com", "agent").await;
        let mut boss = browser(&p, "sam@example.com", "supervisor").await;

        let r = agent
            .post_form(addr, &page, &reveal, &[("what", "ssn"), ("reason", reason)])
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert!(!r.body.contains("512-44-6789"));

        let r = boss
            .post_form(addr, &page, &reveal, &[("what", "ssn"), ("reason", "")])
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.body.contains("Give a reason of 10 to 500 characters"));
        assert!(!r.body.contains("512-44-6789"));

        let r = boss
            .post_form(addr, &page, &reveal, &[("what", "ssn"), ("reason", reason)])
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(r.body.contains("512-44-6789"));
        assert_eq!(
            r.headers.get("cache-control").unwrap().to_str().unwrap(),
            "no-store"
        );
        let log = p
            .app
            .store()
            .audit_of(&format!("borrower:{}", maria.0), 100)
            .await
            .unwrap();
        let revealed = log
            .iter()
            .find(|r| r.event.action == "identity.revealed")
            .expect("audited");
        assert!(revealed.event.detail.contains(reason));
        assert!(!revealed.event.detail.contains("6789"));

        // Unlock and forget devices: a supervisor's; the borrower must have a sign-in.
        let token = p.enrol(MARIA, "maria.lopez").await;
        let login = p
            .app
            .session(&token)
            .await
            .unwrap()
            .unwrap()
            .login()
            .unwrap();
        let mut tx = p.app.store().begin().await.unwrap();
        tx.lock_login(login, i64::MAX).await.unwrap();
        tx.commit().await.unwrap();
        let locked = boss.get(addr, &page).await;
        assert!(
            locked
                .body
                .contains("Locked after too many failed attempts")
        );
        let unlock = format!("{page}/unlock");
        let r = agent
            .post_form(addr, &page, &unlock, &[("unlock_reason", reason)])
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        let r = boss
            .post_form(addr, &page, &unlock, &[("unlock_reason", "no")])
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        let r = boss
            .post_form(addr, &page, &unlock, &[("unlock_reason", reason)])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert!(boss.get(addr, &page).await.body.contains("Can sign in"));
        let revoke = format!("{page}/devices/revoke");
        assert_eq!(
            agent.post_form(addr, &page, &revoke, &[]).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            boss.post_form(addr, &page, &revoke, &[]).await.status,
            StatusCode::SEE_OTHER
        );
        p.finish().await;
    }
}

#[tokio::test]
async fn every_id_in_an_account_path_is_scoped_and_callers_without_a_staff_session_are_sent_away() {
    for p in portals("console_account_scoped").await {
        let addr = p.addr();
        let maria = borrower_of(&p.app, MARIA.0).await;
        let aisha = borrower_of(&p.app, AISHA.0).await;
        let mut agent = browser(&p, "ana@example.com", "agent").await;
        for path in [
            "/console/borrowers/999999".to_owned(),
            "/console/borrowers/abc".to_owned(),
            "/console/borrowers/999999/portal".to_owned(),
            "/console/borrowers/0".to_owned(),
            "/console/borrowers/-1".to_owned(),
            "/console/borrowers/1000000000000000000".to_owned(),
            // Only plain digits name a borrower: not Maria's id with a sign or a leading zero.
            format!("/console/borrowers/+{}", maria.0),
            format!("/console/borrowers/0{}", maria.0),
            format!("/console/borrowers/0{}/portal", maria.0),
        ] {
            assert_eq!(
                agent.get(addr, &path).await.status,
                StatusCode::NOT_FOUND,
                "{path}"
            );
        }

        // A statement of Maria's loan, through her account only.
        let (loan, _) = p
            .app
            .loan_of_account(MARIA.0.parse().unwrap())
            .await
            .unwrap()
            .unwrap();
        let d = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
        let m = money::Money::from_cents;
        let figures = documents::Statement {
            servicer_name: "Servicer Demo Lending".into(),
            servicer_phone: "1-800-555-0142".into(),
            website: "http://127.0.0.1".into(),
            remit_to: vec!["PO Box 4410".into()],
            borrower_name: "Maria Lopez".into(),
            borrower_address: vec!["62704".into()],
            account_number: MARIA.0.into(),
            statement_date: d("2026-11-10"),
            period_start: d("2026-10-11"),
            due_date: d("2026-12-01"),
            amount_due: m(30_000),
            current_payment: m(30_000),
            past_due: m(0),
            days_past_due: 0,
            principal: m(1_000_000),
            interest: m(100),
            fees: m(0),
            unapplied: m(0),
            fees_this_period: m(0),
            interest_this_period: m(5_000),
            interest_paid_this_year: m(40_000),
            activity: Vec::new(),
            late_fee_after: d("2026-12-11"),
            late_fee: m(2_500),
            autopay: false,
            // Issued before statements carried their reconciliation.
            reconciliation: None,
        };
        let mut tx = p.app.store().begin().await.unwrap();
        let id = tx
            .insert_statement(
                &store::StoredStatement {
                    id: 0,
                    loan,
                    statement_date: figures.statement_date,
                    issued_on: figures.statement_date,
                    due_date: figures.due_date,
                    amount_due: figures.amount_due,
                    delivery: "electronic".into(),
                    body: serde_json::to_string(&figures).unwrap(),
                },
                0,
            )
            .await
            .unwrap()
            .unwrap();
        tx.commit().await.unwrap();
        let pdf = |b: BorrowerId, account: &str, statement: i64| {
            format!(
                "/console/borrowers/{}/loans/{account}/statements/{statement}/pdf",
                b.0
            )
        };
        let ok = agent.get(addr, &pdf(maria, MARIA.0, id)).await;
        assert_eq!(ok.status, StatusCode::OK);
        assert!(ok.body.starts_with("%PDF"));
        let page = agent.get(addr, &account_page(maria)).await;
        assert!(
            page.body.contains(&pdf(maria, MARIA.0, id)),
            "linked from the account"
        );
        let aisha_loan = AccountNumber::from_base(521_840_000_000_301).to_string();
        for path in [
            pdf(aisha, MARIA.0, id),
            pdf(maria, MARIA.0, id + 1),
            pdf(maria, aisha_loan.as_str(), id),
            pdf(maria, "1234", id),
            pdf(maria, MARIA.0, 0).replace("/0/pdf", "/x/pdf"),
        ] {
            assert_eq!(
                agent.get(addr, &path).await.status,
                StatusCode::NOT_FOUND,
                "{path}"
            );
        }

        // No session, or a borrower's: sent to the console's sign-in, before any read.
        let token = p.enrol(MARIA, "maria.lopez").await;
        for mut b in [Browser::default(), Browser::with_session(&token)] {
            for path in [
                account_page(maria),
                format!("{}/portal", account_page(maria)),
            ] {
                let r = b.get(addr, &path).await;
                assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}");
                assert_eq!(r.location(), "/console/sign-in");
            }
        }
        p.finish().await;
    }
}

#[tokio::test]
async fn the_read_only_portal_view_shows_what_the_borrower_sees_with_no_form() {
    for p in portals("console_portal_view").await {
        let addr = p.addr();
        let maria = borrower_of(&p.app, MARIA.0).await;
        let mut agent = browser(&p, "ana@example.com", "agent").await;
        let r = agent
            .get(addr, &format!("{}/portal", account_page(maria)))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let main = main_of(&r.body);
        assert!(main.contains("Read-only"));
        assert!(!main.contains("<form"), "nothing acts as the borrower");
        assert!(!main.contains("href=\"/loans/") && !main.contains("href=\"/payments/"));
        let dashboard = p
            .app
            .portal_view(&Actor::Operator("test"), maria)
            .await
            .unwrap();
        for v in &dashboard.dashboard.rows.loans {
            // Headed by the product name when the loan has one ("Home improvement loan ending 1015").
            assert!(main.contains(&format!(" ending {}</a>", v.account_number.last4())));
            let s = &v.snapshot;
            let balance = s.principal + s.interest + s.fees;
            assert!(main.contains(&balance.usd().to_string()));
        }
        p.finish().await;
    }
}

#[tokio::test]
async fn the_account_api_reads_with_a_read_token_and_only_a_service_token_writes_notes() {
    for p in portals("console_account_api").await {
        let addr = p.addr();
        let maria = borrower_of(&p.app, MARIA.0).await;
        let operator = Actor::Operator("test");
        let read = p
            .app
            .create_api_client("reports", Scopes::parse("read").unwrap(), &operator)
            .await
            .unwrap();
        let service = p
            .app
            .create_api_client("crm", Scopes::parse("service").unwrap(), &operator)
            .await
            .unwrap();
        let mut b = Browser::default();
        let account = format!("/api/v1/borrowers/{}", maria.0);
        let (status, v) = b.api_get(addr, &account, &read).await;
        assert_eq!(status, StatusCode::OK, "{v}");
        assert_eq!(v["name"], "Maria Lopez");
        // The SSN's last 4 and the year of birth answer caller verification: an API token,
        // which verifies no one, never reads them.
        assert_eq!(v["ssn"], "***-**-****");
        assert!(
            !v.to_string().contains("6789") && !v.to_string().contains("1985"),
            "{v}"
        );
        assert_eq!(v["loans"].as_array().unwrap().len(), 3);
        for path in [
            "/api/v1/borrowers/999999".to_owned(),
            "/api/v1/borrowers/0".to_owned(),
            format!("/api/v1/borrowers/+{}", maria.0),
            format!("/api/v1/borrowers/0{}", maria.0),
        ] {
            let (status, _) = b.api_get(addr, &path, &read).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        }

        let (status, v) = b
            .api_get(addr, &format!("/api/v1/loans/{}/activity", MARIA.0), &read)
            .await;
        assert_eq!(status, StatusCode::OK, "{v}");
        let lines = v["activity"].as_array().unwrap();
        assert!(
            lines
                .iter()
                .any(|l| l["kind"] == "payment" && l["split"]["principal"].is_string())
        );
        assert!(v["unapplied"].is_string());
        let (status, _) = b
            .api_get(addr, "/api/v1/loans/5218400000009999/activity", &read)
            .await;
        assert!(status == StatusCode::NOT_FOUND || status == StatusCode::BAD_REQUEST);

        let notes = format!("{account}/notes");
        let body = json!({ "kind": "email", "body": "Sent the payoff letter.", "pinned": true });
        let (status, _) = b
            .json(
                addr,
                Method::POST,
                &notes,
                Some(read.as_str()),
                body.clone(),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "a read token cannot write");
        let (status, v) = b
            .json(addr, Method::POST, &notes, Some(service.as_str()), body)
            .await;
        assert_eq!(status, StatusCode::CREATED, "{v}");
        let (status, v) = b
            .json(
                addr,
                Method::POST,
                &notes,
                Some(service.as_str()),
                json!({ "kind": "fax", "body": "x" }),
            )
            .await;
        assert_eq!(
            (status, v["field"].as_str()),
            (StatusCode::BAD_REQUEST, Some("kind"))
        );
        let (status, v) = b
            .json(
                addr,
                Method::POST,
                &notes,
                Some(service.as_str()),
                json!({ "kind": "email", "body": "a".repeat(5_001) }),
            )
            .await;
        assert_eq!(
            (status, v["field"].as_str()),
            (StatusCode::BAD_REQUEST, Some("body"))
        );
        let (status, v) = b.api_get(addr, &notes, &read).await;
        assert_eq!(status, StatusCode::OK);
        let list = v.as_array().unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0]["author"], "client:crm");
        assert_eq!(list[0]["pinned_now"], true);
        p.finish().await;
    }
}
