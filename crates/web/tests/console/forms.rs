//! Every console form lists every problem at once, over HTTP on each backend: a form sent with
//! several mistakes comes back with the error summary at the top listing each message, each
//! linked to its field (`href="#field"`), each said beside its field too, what was typed kept,
//! and nothing changed; and the console's date fields read a date as people write it
//! ("November 1, 2026", "11/25/2026") as well as ISO. The phone desk's forms are in `phone`,
//! the staff user's in `staff`, one's own password in `password`, a rejection's reason in
//! `approvals`, the caller's answers in `account`.

use app::access::Actor;
use axum::http::StatusCode;
use domain::account_number::AccountNumber;
use store::BorrowerId;
use test_support::borrowers::{AISHA, MARIA, borrower_of};
use test_support::page::assert_every_error;
use test_support::server::portals;
use test_support::staff::browser;

fn account_page(b: BorrowerId) -> String {
    format!("/console/borrowers/{}", b.0)
}

#[tokio::test]
async fn a_servicing_action_with_several_mistakes_lists_each_and_changes_nothing() {
    for p in portals("console_forms_actions").await {
        let addr = p.addr();
        let account: AccountNumber = MARIA.0.parse().unwrap();
        let actions = format!("/console/loans/{account}/actions");
        let before = p.app.store().loan_view(account).await.unwrap().unwrap();
        let mut agent = browser(&p, "ana@example.com", "agent").await;

        // The fee waiver: an amount with three decimals, a reason not offered, a note too
        // long. All three at once, each on its field; the amount and the note kept.
        let note = "n".repeat(app::servicing::MAX_NOTE + 1);
        let r = agent
            .post_form(
                addr,
                &actions,
                &format!("/console/loans/{account}/fees/waiver"),
                &[
                    ("key", "console-forms-0001"),
                    ("fee_amount", "12.345"),
                    ("fee_reason", "whim"),
                    ("fee_note", note.as_str()),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
        assert!(r.body.contains("There is a problem"));
        assert_every_error(&r.body, &["fee_amount", "fee_reason", "fee_note"]);
        for words in [
            "two digits of cents",
            "Choose why it is waived",
            "Keep the note to 500 characters",
        ] {
            assert!(r.body.contains(words), "{words}: {}", r.body);
        }
        assert!(r.body.contains("value=\"12.345\""), "the amount kept");
        assert!(
            r.body.contains(&format!(">{note}</textarea>")),
            "the note kept"
        );

        // Nothing was done, nor asked for.
        let after = p.app.store().loan_view(account).await.unwrap().unwrap();
        assert_eq!(after.snapshot.fees, before.snapshot.fees);
        let mine = agent.get(addr, "/console/approvals?tab=mine").await;
        assert!(
            mine.body.contains("You have not asked for anything yet"),
            "{}",
            mine.body
        );

        // A reversal of a payment the page does not list (reversed meanwhile, or none): no
        // row is drawn open for it, so its messages are said at the posted payments, where
        // the error summary links; the reason box it would have had is not on the page.
        let r = agent
            .post_form(
                addr,
                &actions,
                &format!("/console/loans/{account}/payments/999999/reversal"),
                &[
                    ("key", "console-forms-0003"),
                    ("reason", "whim"),
                    ("note", note.as_str()),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
        assert_every_error(&r.body, &["payments", "payments"]);
        assert!(r.body.contains("Choose why the payment is reversed"));
        assert!(!r.body.contains("id=\"reverse_reason\""));

        // The due date (of Aisha's loan, whose rule allows the 28th): a note too long is said
        // beside the note under the preview, the note kept; nothing is changed.
        let account: AccountNumber = AISHA.0.parse().unwrap();
        let before = p.app.store().loan_view(account).await.unwrap().unwrap();
        let day = "28";
        let due_date = format!("/console/loans/{account}/due-date");
        let preview = agent.get(addr, &format!("{due_date}?day={day}")).await;
        assert!(preview.body.contains("id=\"preview\""), "{}", preview.body);
        let r = agent
            .post_form(
                addr,
                &format!("{due_date}?day={day}"),
                &due_date,
                &[
                    ("key", "console-forms-0002"),
                    ("day", day),
                    ("note", note.as_str()),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
        assert_every_error(&r.body, &["note"]);
        assert!(r.body.contains("id=\"preview\""), "the preview is drawn");
        assert!(
            r.body.contains(&format!(">{note}</textarea>")),
            "the note kept"
        );
        let after = p.app.store().loan_view(account).await.unwrap().unwrap();
        assert_eq!(after.snapshot.next_due_date, before.snapshot.next_due_date);
        p.finish().await;
    }
}

#[tokio::test]
async fn the_account_pages_forms_list_every_mistake_at_once() {
    for p in portals("console_forms_account").await {
        let addr = p.addr();
        let maria = borrower_of(&p.app, MARIA.0).await;
        let page = account_page(maria);
        let mut lead = browser(&p, "lee@example.com", "supervisor").await;

        // A full value asked for with nothing chosen and a reason too short: both.
        let r = lead
            .post_form(
                addr,
                &page,
                &format!("{page}/reveal"),
                &[("what", ""), ("reason", "curious")],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
        assert_every_error(&r.body, &["what", "reason"]);
        assert!(r.body.contains(">curious</textarea>"), "the reason kept");
        let log = p
            .app
            .store()
            .audit_of(&format!("borrower:{}", maria.0), 100)
            .await
            .unwrap();
        assert!(
            !log.iter().any(|r| r.event.action == "identity.revealed"),
            "nothing was shown"
        );

        // A note of no kind, too long, amending no note: all three, the text kept.
        let operator = Actor::Operator("test");
        let notes_before = p.app.notes(&operator, maria).await.unwrap().len();
        let long = "a".repeat(5_001);
        let r = lead
            .post_form(
                addr,
                &page,
                &format!("{page}/notes"),
                &[("kind", "fax"), ("body", long.as_str()), ("amends", "x")],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
        assert_every_error(&r.body, &["kind", "body", "amends"]);
        assert!(r.body.contains("Keep the note to 5000 characters"));
        assert!(
            r.body.contains(&format!(">{long}</textarea>")),
            "the text kept"
        );
        let notes_after = p.app.notes(&operator, maria).await.unwrap().len();
        assert_eq!(notes_after, notes_before, "no note written");
        p.finish().await;
    }
}

#[tokio::test]
async fn the_bank_days_read_both_dates_as_people_write_them_and_name_each_mistake() {
    for p in portals("console_forms_bank").await {
        let addr = p.addr();
        let mut lead = browser(&p, "lee@example.com", "supervisor").await;

        // Two dates that are not dates: both said, each naming its field, both kept.
        let r = lead
            .get(addr, "/console/bank?from=2026-02-30&to=someday")
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
        assert_every_error(&r.body, &["from", "to"]);
        for words in [
            "Enter the first day (From) like December 15, 2026",
            "Enter the last day (To) like December 15, 2026",
            "value=\"2026-02-30\"",
            "value=\"someday\"",
        ] {
            assert!(r.body.contains(words), "{words}: {}", r.body);
        }
        // The hint says how a date may be typed.
        assert!(
            r.body
                .contains("For example, December 15, 2026, or 12/15/2026, or 2026-12-15.")
        );

        // As people write them: read, and shown back as the dates they are.
        let r = lead
            .get(
                addr,
                "/console/bank?from=November%201,%202026&to=11/25/2026",
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert!(test_support::page::summary_links(&r.body).is_empty());
        assert!(
            r.body.contains("value=\"2026-11-01\"") && r.body.contains("value=\"2026-11-25\""),
            "{}",
            r.body
        );
        p.finish().await;
    }
}
