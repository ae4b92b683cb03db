//! "I can't make a payment" (issue 22, item 16), through the portal and the console: the
//! past-due banner links to the hardship page, which explains the configured options; a
//! request reaches the staff inbox under Unassigned as a secure message naming the loan, and
//! the borrower's messages; every problem is shown beside its field and nothing is sent;
//! another login's loan is neither offered nor accepted, and another login's confirmation is
//! a 404.

use app::messages::{InboxRequest, Show};
use axum::http::StatusCode;
use domain::account_number::AccountNumber;
use domain::messages::ThreadState;
use store::InboxOrder;
use test_support::borrowers::{AISHA, MARIA, session};
use test_support::http::{Browser, Reply};
use test_support::server::{Portal, portals};

/// Maria's demo loan that is past due (her second).
fn past_due_loan() -> AccountNumber {
    AccountNumber::from_base(521_840_000_000_102)
}

/// A complete request about `loan`, with `details` as the borrower's words.
fn request<'a>(loan: &'a str, details: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("loan", loan),
        ("reason", "job_loss"),
        ("option", "Payment deferral"),
        ("details", details),
        ("contact", "phone"),
        ("time", "morning"),
    ]
}

/// Posts `fields` to `/hardship` from the hardship page, as the browser `b`.
async fn ask(b: &mut Browser, p: &Portal, fields: &[(&str, &str)]) -> Reply {
    b.post_form(p.addr(), "/hardship", "/hardship", fields)
        .await
}

#[tokio::test]
async fn the_past_due_banner_links_to_the_hardship_page_which_explains_the_options() {
    for p in portals("hardship_page").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let mut b = Browser::with_session(&maria);
        let account = past_due_loan().to_string();
        let link = format!("href=\"/hardship?loan={account}\"");

        let dashboard = b.get(p.addr(), "/dashboard").await;
        assert!(
            dashboard.body.contains("is past due</h2>"),
            "{}",
            dashboard.body
        );
        assert!(dashboard.body.contains(&link), "{}", dashboard.body);
        assert!(
            dashboard
                .body
                .contains("Can't make a payment? See your options")
        );
        let loan = b.get(p.addr(), &format!("/loans/{account}")).await;
        assert!(loan.body.contains(&link), "the loan page's banner too");
        let current = b.get(p.addr(), &format!("/loans/{}", MARIA.0)).await;
        assert!(
            !current.body.contains("/hardship?loan="),
            "a loan that is not past due has no banner, so no link"
        );

        let page = b.get(p.addr(), &format!("/hardship?loan={account}")).await;
        assert_eq!(page.status, StatusCode::OK);
        for o in &web::Config::default().servicer.hardship_options {
            assert!(page.body.contains(&o.name), "{}: {}", o.name, page.body);
            assert!(page.body.contains(&o.description), "{}", o.description);
        }
        for words in [
            "Asking does not change your account by itself",
            "within 2 business days",
            "name=\"csrf\"",
        ] {
            assert!(page.body.contains(words), "{words}: {}", page.body);
        }
        assert!(
            page.body
                .contains(&format!("<option value=\"{account}\" selected>")),
            "the banner's loan is chosen: {}",
            page.body
        );
        p.finish().await;
    }
}

#[tokio::test]
async fn a_hardship_request_reaches_the_staff_inbox_and_the_borrowers_messages() {
    for p in portals("hardship_request").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let aisha = p.enrol(AISHA, "aisha.khan").await;
        let maria_login = session(&p.app, &maria).await.login().unwrap();
        let mut b = Browser::with_session(&maria);
        let account = past_due_loan().to_string();
        let subject = format!("Hardship request: loan ending {}", past_due_loan().last4());

        let sent = ask(
            &mut b,
            &p,
            &request(
                &account,
                "I was laid off in October.\nI start a new job in March.",
            ),
        )
        .await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
        let threads = p
            .app
            .store()
            .message_threads_of_login(maria_login)
            .await
            .unwrap();
        assert_eq!(threads.len(), 1, "one request, one thread");
        let id = threads[0].id;
        assert_eq!(threads[0].subject, subject);
        assert_eq!(threads[0].state, ThreadState::Open);
        let confirmation = format!("/hardship/sent?thread={id}");
        assert_eq!(sent.location(), confirmation);
        let page = b.get(p.addr(), &confirmation).await;
        assert_eq!(page.status, StatusCode::OK);
        for words in [
            "We have your request",
            subject.as_str(),
            "Asking does not change anything on your account by itself",
        ] {
            assert!(page.body.contains(words), "{words}: {}", page.body);
        }
        assert!(page.body.contains(&format!("href=\"/messages/{id}\"")));

        // Staff find it unassigned, the loan named and every answer in the body.
        let agent =
            test_support::staff::actor(&p.app, "agent.hs@example.com", "Agent", "agent").await;
        let inbox = p
            .app
            .inbox(
                &agent,
                &InboxRequest {
                    show: Show::Unassigned,
                    state: ThreadState::Open,
                    order: InboxOrder::NewestFirst,
                    page: 1,
                },
            )
            .await
            .unwrap();
        assert!(
            inbox
                .rows
                .iter()
                .any(|r| r.thread.id == id && r.thread.subject == subject),
            "{inbox:?}"
        );
        let view = p.app.thread(&agent, id).await.unwrap();
        let body = &view.messages[0].body;
        for line in [
            format!(
                "Loan: account {account} (ending {})",
                past_due_loan().last4()
            ),
            "What happened: I lost my job".to_owned(),
            "Asking about: Payment deferral".to_owned(),
            "Best way to reach me: By phone, at the number on file".to_owned(),
            "Best time: Mornings, before noon".to_owned(),
            "In my words:\nI was laid off in October.\nI start a new job in March.".to_owned(),
        ] {
            assert!(body.contains(&line), "{line}: {body}");
        }
        let mut console =
            test_support::staff::browser(&p, "agent.console@example.com", "agent").await;
        let listed = console.get(p.addr(), "/console/messages").await;
        assert!(listed.body.contains(&subject), "{}", listed.body);

        // Maria reads it in her messages.
        let messages = b.get(p.addr(), "/messages").await;
        assert!(messages.body.contains(&subject), "{}", messages.body);
        let thread = b.get(p.addr(), &format!("/messages/{id}")).await;
        assert!(thread.body.contains("I start a new job in March."));

        // Aisha cannot read Maria's confirmation.
        let theirs = Browser::with_session(&aisha)
            .get(p.addr(), &confirmation)
            .await;
        assert_eq!(theirs.status, StatusCode::NOT_FOUND);
        p.finish().await;
    }
}

#[tokio::test]
async fn a_request_with_problems_shows_each_beside_its_field_and_sends_nothing() {
    for p in portals("hardship_errors").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let login = session(&p.app, &maria).await.login().unwrap();
        let mut b = Browser::with_session(&maria);

        let empty = ask(&mut b, &p, &[]).await;
        assert_eq!(empty.status, StatusCode::BAD_REQUEST);
        for says in [
            "Choose the loan you are asking about",
            "Choose what happened",
            "Choose the option you are asking about",
            "Tell us in your own words what happened and what would help",
            "Choose the best way to reach you",
            "Choose the best time to reach you",
        ] {
            assert!(empty.body.contains(says), "{says}: {}", empty.body);
        }
        assert!(empty.body.contains("There is a problem"));
        assert!(empty.body.contains("aria-invalid=\"true\""));

        let account = past_due_loan().to_string();
        let long = "x".repeat(2001);
        let too_long = ask(&mut b, &p, &request(&account, &long)).await;
        assert_eq!(too_long.status, StatusCode::BAD_REQUEST);
        assert!(
            too_long.body.contains("2000 characters or fewer"),
            "{}",
            too_long.body
        );
        assert!(
            too_long
                .body
                .contains(&format!("<option value=\"{account}\" selected>")),
            "what was chosen is kept"
        );
        assert!(too_long.body.contains("value=\"job_loss\" checked"));

        assert!(
            p.app
                .store()
                .message_threads_of_login(login)
                .await
                .unwrap()
                .is_empty(),
            "nothing was sent"
        );
        p.finish().await;
    }
}

#[tokio::test]
async fn another_logins_loan_is_neither_offered_nor_accepted() {
    for p in portals("hardship_scope").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let login = session(&p.app, &maria).await.login().unwrap();
        let mut b = Browser::with_session(&maria);

        let page = b
            .get(p.addr(), &format!("/hardship?loan={}", AISHA.0))
            .await;
        assert_eq!(page.status, StatusCode::OK, "ignored, not an error");
        assert!(!page.body.contains(AISHA.0), "{}", page.body);
        assert!(!page.body.contains(" selected>"), "no loan chosen");
        assert!(
            page.body
                .contains(&format!("<option value=\"{}\"", MARIA.0))
        );

        let refused = ask(&mut b, &p, &request(AISHA.0, "Please help.")).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);
        assert!(
            refused
                .body
                .contains("Choose the loan you are asking about")
        );
        assert!(!refused.body.contains(AISHA.0));
        assert!(
            p.app
                .store()
                .message_threads_of_login(login)
                .await
                .unwrap()
                .is_empty(),
            "nothing was sent"
        );
        p.finish().await;
    }
}
