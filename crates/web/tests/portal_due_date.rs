//! Changing the due date in the portal (issue 20, item 3), over HTTP against the real server
//! (SQLite, and PostgreSQL when `SERVICER_TEST_POSTGRES_URL` is set), on the demo portfolio
//! (Aisha's loan is due on the 20th, next on December 20, 2026): the loan page links to the
//! page; the form (a select of the 1st to the 28th, the current day chosen); `?day=28`
//! previews the next payments with their dates now and after and the interest effect in
//! words, with a confirm form; confirming changes it and the page after says the new next
//! due date; a second change is refused in a sentence beside the day; a day that is not one
//! is refused beside the field; another borrower's loan is the same 404 as none.

use axum::http::StatusCode;
use test_support::borrowers::{AISHA, MARIA};
use test_support::http::Browser;
use test_support::server::portals;

/// The value of the hidden field `name` in `body`.
fn hidden(body: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = body.find(&marker).expect("the hidden field") + marker.len();
    let end = start + body[start..].find('"').expect("a closed value");
    body[start..end].to_owned()
}

#[tokio::test]
async fn a_borrower_previews_and_confirms_a_new_due_date() {
    for p in portals("portal_due_date").await {
        let aisha = p.enrol(AISHA, "aisha.khan").await;
        let mut b = Browser::with_session(&aisha);
        let page = format!("/loans/{}/due-date", AISHA.0);

        // The loan page links to it.
        let loan = b.get(p.addr(), &format!("/loans/{}", AISHA.0)).await;
        assert!(loan.body.contains(&format!("href=\"{page}\"")), "the link");

        // The form: the days of the month, the current one chosen; no preview yet.
        let form = b.get(p.addr(), &page).await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(form.body.contains("Change your due date"));
        assert!(
            form.body
                .contains(r#"<select class="input" id="day" name="day""#)
        );
        assert!(
            form.body
                .contains(r#"<option value="20" selected>20th</option>"#)
        );
        assert!(form.body.contains(r#"<option value="28">28th</option>"#));
        assert!(!form.body.contains("Your new schedule"));
        assert!(!form.body.contains(r#"<option value="29""#));

        // The preview: the next payments, their dates now and after, the interest in words.
        let preview = b.get(p.addr(), &format!("{page}?day=28")).await;
        assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
        assert!(preview.body.contains("Your new schedule"));
        assert!(preview.body.contains("December 20, 2026"));
        assert!(preview.body.contains("December 28, 2026"));
        assert!(preview.body.contains("interest over the life of the loan"));
        assert!(
            preview
                .body
                .contains(r#"<option value="28" selected>28th</option>"#)
        );
        assert!(preview.body.contains(&format!("action=\"{page}\"")));
        let before = p
            .app
            .store()
            .loan_view(AISHA.0.parse().unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            before.snapshot.next_due_date,
            Some(jiff::civil::date(2026, 12, 20)),
            "a preview changes nothing"
        );

        // Confirming changes it; the page after says the new next due date.
        let key = hidden(&preview.body, "key");
        let done = b
            .post_form(
                p.addr(),
                &format!("{page}?day=28"),
                &page,
                &[("day", "28"), ("key", key.as_str())],
            )
            .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        assert_eq!(done.location(), format!("{page}?changed=1"));
        let after = b.get(p.addr(), done.location()).await;
        assert_eq!(after.status, StatusCode::OK);
        assert!(
            after.body.contains("Your due date has changed"),
            "{}",
            after.body
        );
        assert!(after.body.contains("28th of each month"), "{}", after.body);
        assert!(after.body.contains("December 28, 2026"), "{}", after.body);
        let view = p
            .app
            .store()
            .loan_view(AISHA.0.parse().unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            view.snapshot.next_due_date,
            Some(jiff::civil::date(2026, 12, 28))
        );
        // The same form sent again changes nothing more.
        let twice = b
            .post_form(
                p.addr(),
                &page,
                &page,
                &[("day", "28"), ("key", key.as_str())],
            )
            .await;
        assert_eq!(twice.location(), format!("{page}?changed=1"));

        // A second change within 12 months: refused beside the day, in a sentence.
        let again = b.get(p.addr(), &format!("{page}?day=25")).await;
        assert_eq!(again.status, StatusCode::BAD_REQUEST);
        assert!(again.body.contains(r#"id="day-error""#));
        assert!(!again.body.contains("Your new schedule"));

        // Not a day every month has: refused beside the field.
        let bad = b.get(p.addr(), &format!("{page}?day=31")).await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(bad.body.contains("Choose a day from the 1st to the 28th"));

        // Another borrower's loan: the same 404 as none.
        let theirs = b
            .get(p.addr(), &format!("/loans/{}/due-date?day=28", MARIA.0))
            .await;
        let none = b
            .get(p.addr(), "/loans/5218400000009999/due-date?day=28")
            .await;
        assert_eq!(theirs.status, StatusCode::NOT_FOUND);
        assert_eq!((theirs.status, theirs.body), (none.status, none.body));
        p.finish().await;
    }
}
