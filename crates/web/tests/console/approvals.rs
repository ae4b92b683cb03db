//! The approvals inbox (four eyes, issue 20 item 5) over HTTP on each backend: an agent's fee
//! waiver waits in the inbox; the agent sees it without a decision to make (their own) and
//! cannot approve (403); a supervisor sees who asked and the decisions, is refused a rejection
//! without a reason (nothing changes), approves, and is told it was done; the agent's "My
//! requests" shows the outcome. The books balance after it all (`Portal::finish`).

use app::access::{Actor, Role};
use app::approvals::{Action, ApprovalState, Submitted};
use app::servicing::{FeeWaiver, WaiverReason};
use axum::http::StatusCode;
use domain::account_number::AccountNumber;
use money::Money;
use test_support::server::portals;
use test_support::staff::browser;

#[tokio::test]
async fn a_supervisor_approves_in_the_inbox_what_an_agent_asked_for() {
    for p in portals("console_approvals").await {
        let addr = p.addr();
        let mut agent = browser(&p, "agent.four@example.com", "agent").await;
        let mut lead = browser(&p, "lead.four@example.com", "supervisor").await;
        let agent_id = p
            .app
            .store()
            .staff_by_email("agent.four@example.com")
            .await
            .unwrap()
            .unwrap()
            .id;
        let maker = Actor::Staff {
            id: agent_id,
            role: Role::Agent,
        };
        let account = AccountNumber::from_base(521_840_000_000_102);
        let fees = p
            .app
            .store()
            .loan_view(account)
            .await
            .unwrap()
            .unwrap()
            .snapshot
            .fees;
        assert!(fees.is_positive(), "the demo loan has a late fee");
        let waiver = Action::WaiveFees(FeeWaiver {
            account,
            amount: fees,
            reason: WaiverReason::Goodwill,
            note: "First late payment".into(),
        });
        let Submitted::Awaiting { request } =
            p.app.submit(&maker, "console-0001", waiver).await.unwrap()
        else {
            panic!("an agent's waiver waits for approval");
        };
        let id = request.0.to_string();
        let approve = format!("/console/approvals/{id}/approve");
        let reject = format!("/console/approvals/{id}/reject");

        // The agent: the menu links to the inbox; their request is listed, with no decision
        // offered; approving is refused.
        let page = agent.get(addr, "/console/approvals").await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        for shown in [
            "href=\"/console/approvals\"",
            "Waive fees (1 waiting)",
            "Your request: another person decides it.",
            "First late payment",
        ] {
            assert!(page.body.contains(shown), "{shown}: {}", page.body);
        }
        assert!(!page.body.contains(&approve), "{}", page.body);
        let refused = agent
            .post_form(addr, "/console/approvals", &approve, &[])
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let mine = agent.get(addr, "/console/approvals?tab=mine").await;
        assert!(mine.body.contains("Waiting for approval"), "{}", mine.body);

        // The supervisor: who asked, and the decisions.
        let page = lead.get(addr, "/console/approvals").await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        for shown in [
            format!("action=\"{approve}\""),
            format!("action=\"{reject}\""),
            "Test Staff".to_owned(),
            fees.usd().to_string(),
        ] {
            assert!(page.body.contains(&shown), "{shown}: {}", page.body);
        }

        // A rejection without a reason is refused, and nothing changes.
        let r = lead
            .post_form(addr, "/console/approvals", &reject, &[("reason", " ")])
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.body.contains("Say why you reject request"), "{}", r.body);
        // Beside the request's own reason box, drawn open, which the error summary links to.
        test_support::page::assert_every_error(&r.body, &["reason"]);
        assert!(r.body.contains("<details open>"), "{}", r.body);
        // A reason too long: said the same way, what was typed kept.
        let long = "r".repeat(501);
        let r = lead
            .post_form(
                addr,
                "/console/approvals",
                &reject,
                &[("reason", long.as_str())],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        test_support::page::assert_every_error(&r.body, &["reason"]);
        assert!(
            r.body.contains("Keep the reason to 500 characters"),
            "{}",
            r.body
        );
        assert!(
            r.body.contains(&format!(">{long}</textarea>")),
            "the reason kept"
        );
        let stored = p.app.store().approval(request).await.unwrap().unwrap();
        assert_eq!(stored.state, ApprovalState::Pending);

        // Approved: done, and said.
        let r = lead
            .post_form(addr, "/console/approvals", &approve, &[])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(
            r.location(),
            format!("/console/approvals?done=approved&request={id}")
        );
        let shown = lead.get(addr, r.location()).await;
        assert!(
            shown
                .body
                .contains(&format!("Request {id} approved and done")),
            "{}",
            shown.body
        );
        assert!(!shown.body.contains(&approve), "no longer waiting");
        // A rejection without a reason sent for it now (from a page drawn before it was
        // approved): its reject form is no longer drawn, so the message is the page's, and
        // the error summary links to no box that is not there.
        let r = lead
            .post_form(addr, "/console/approvals", &reject, &[("reason", "")])
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(
            test_support::page::summary_links(&r.body).is_empty(),
            "{}",
            r.body
        );
        assert!(
            r.body.contains("Say why you reject request")
                && r.body.contains("Nothing was changed."),
            "{}",
            r.body
        );
        let after = p.app.store().loan_view(account).await.unwrap().unwrap();
        assert_eq!(after.snapshot.fees, Money::ZERO);

        // The maker sees what became of it.
        let mine = agent.get(addr, "/console/approvals?tab=mine").await;
        assert!(
            mine.body.contains("Approved by Test Staff and done"),
            "{}",
            mine.body
        );
        p.finish().await;
    }
}
