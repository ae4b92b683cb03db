//! The bank reconciliation in the console (issue 21, item 5), over HTTP on each backend: a
//! supervisor lists the days (one that does not reconcile is shown as such), opens the day
//! (each category's totals, our refund credits' settlement and returns among them, the bank's
//! transaction behind the difference), is told what is wrong with an empty explanation
//! (nothing recorded), explains the difference and sees the day explained; an agent gets 403
//! on every route; a day that is not a date is a 404.

use app::access::Actor;
use axum::http::StatusCode;
use formats::bai2;
use money::Money;
use test_support::server::portals;
use test_support::staff::browser;

#[tokio::test]
async fn a_supervisor_reads_and_explains_a_day_and_an_agent_may_not() {
    for p in portals("console_bank").await {
        let addr = p.addr();
        let date = p.app.business_date().await.unwrap();
        let operator = Actor::Operator("bank");
        // The bank reports a lockbox deposit Servicer has no items for.
        let mut report = p
            .app
            .bank_sample(&operator, date, "0123456789")
            .await
            .unwrap();
        report.groups[0].accounts[0]
            .transactions
            .push(bai2::Transaction {
                type_code: 115,
                amount: Money::from_cents(1_234),
                funds_type: "0".into(),
                bank_reference: "LBX1".into(),
                customer_reference: String::new(),
                text: "LOCKBOX DEPOSIT".into(),
                line: 0,
            });
        p.app
            .import_bank_report(&operator, "bai2-web.txt", bai2::write(&report).as_bytes())
            .await
            .unwrap();

        let mut lead = browser(&p, "lee@example.com", "supervisor").await;
        let list = lead.get(addr, "/console/bank").await;
        assert_eq!(list.status, StatusCode::OK, "{}", list.body);
        assert!(list.body.contains("Bank reconciliation"), "{}", list.body);
        assert!(
            list.body
                .contains(&format!("href=\"/console/bank/{date}\"")),
            "{}",
            list.body
        );
        assert!(list.body.contains("Does not reconcile"), "{}", list.body);
        assert!(
            lead.get(addr, "/console")
                .await
                .body
                .contains("href=\"/console/bank\""),
            "the menu links the reconciliation for a supervisor"
        );

        let page = format!("/console/bank/{date}");
        let day = lead.get(addr, &page).await;
        assert_eq!(day.status, StatusCode::OK, "{}", day.body);
        for text in [
            "Lockbox deposits",
            "$12.34",
            "LBX1",
            "Explain the difference",
            // Every kind Servicer books has its line, our refund credits' two with them.
            "ACH settlement of our refund credits",
            "Returns of our refund credits",
        ] {
            assert!(day.body.contains(text), "{text:?} in {}", day.body);
        }

        // An empty explanation: the form comes back saying so; nothing is recorded.
        let action = format!("{page}/explain");
        let empty = lead
            .post_form(
                addr,
                &page,
                &action,
                &[("category", "lockbox_deposit"), ("explanation", "  ")],
            )
            .await;
        assert_eq!(empty.status, StatusCode::BAD_REQUEST, "{}", empty.body);
        assert!(empty.body.contains("Write what explains the difference"));
        let actor = p
            .app
            .store()
            .staff_by_email("lee@example.com")
            .await
            .unwrap()
            .unwrap();
        let lead_actor = Actor::Staff {
            id: actor.id,
            role: app::access::Role::Supervisor,
        };
        assert!(
            p.app.bank_day(&lead_actor, date).await.unwrap().lines[0]
                .explanations
                .is_empty()
        );

        // Explained.
        let done = lead
            .post_form(
                addr,
                &page,
                &action,
                &[
                    ("category", "lockbox_deposit"),
                    (
                        "explanation",
                        "A deposit of another account, reversed tomorrow.",
                    ),
                ],
            )
            .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        assert_eq!(done.location(), format!("{page}?done=explained"));
        let day = lead.get(addr, done.location()).await;
        assert!(
            day.body.contains("Your explanation is recorded"),
            "{}",
            day.body
        );
        assert!(day.body.contains("reversed tomorrow"), "{}", day.body);
        assert!(day.body.contains("Explained"), "{}", day.body);

        // Not a date: a 404.
        assert_eq!(
            lead.get(addr, "/console/bank/yesterday").await.status,
            StatusCode::NOT_FOUND
        );

        // An agent: 403 everywhere, and no link.
        let mut agent = browser(&p, "ana@example.com", "agent").await;
        assert_eq!(
            agent.get(addr, "/console/bank").await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(agent.get(addr, &page).await.status, StatusCode::FORBIDDEN);
        let refused = agent
            .post_form(
                addr,
                "/console",
                &action,
                &[("category", "lockbox_deposit"), ("explanation", "no")],
            )
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert!(
            !agent
                .get(addr, "/console")
                .await
                .body
                .contains("href=\"/console/bank\"")
        );
        p.finish().await;
    }
}
