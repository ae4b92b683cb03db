//! See what the borrower sees, page by page, on a real store (SQLite, and PostgreSQL when
//! configured), on the demo portfolio: the borrower's portal loan page, schedule, AutoPay page
//! and message center read for staff (`app::staff_portal`) are the portal's own reads; every
//! account number is scoped to the borrower (another borrower's loan is the same
//! `NotFound` as one that does not exist); only a reader with `ViewAccount` reads them; each
//! read is audited as `account.portal_viewed` with its page, and reading the message center
//! marks nothing read.

use app::App;
use app::access::Actor;
use app::account_view::AccountError;
use app::api_clients::Scopes;
use app::payments::autopay::AutopayRequest;
use app::staff_portal::{PORTAL_VIEWED, PortalAutopay, PortalLoan, PortalMessages};
use domain::account_number::AccountNumber;
use store::{BorrowerId, LoginId};
use test_support::apps::demo_apps;
use test_support::borrowers::{AISHA, MARIA, add_bank_account, borrower_of, enrol, session};
use test_support::clients::client;
use test_support::staff::actor as staff;

fn acct(text: &str) -> AccountNumber {
    text.parse().unwrap()
}

/// Maria enrolled in the portal: her login.
async fn enrol_maria(app: &App) -> LoginId {
    let token = enrol(app, MARIA, "maria.lopez").await;
    session(app, &token).await.login().unwrap()
}

/// The pages of `borrower`'s loan `account` that `actor` reads, or the refusal of the first
/// that is refused (each page is scoped and checked on its own).
async fn loan_pages(
    app: &App,
    actor: &Actor,
    borrower: BorrowerId,
    account: AccountNumber,
) -> Result<(PortalLoan, PortalLoan, PortalAutopay), AccountError> {
    Ok((
        app.portal_loan(actor, borrower, account).await?,
        app.portal_schedule(actor, borrower, account).await?,
        app.portal_autopay(actor, borrower, account).await?,
    ))
}

/// Every page of `borrower`'s loan `account` is refused as `NotFound`, each on its own.
async fn all_not_found(app: &App, actor: &Actor, borrower: BorrowerId, account: AccountNumber) {
    let what = format!("borrower {} loan {account}", borrower.0);
    assert!(
        matches!(
            app.portal_loan(actor, borrower, account).await,
            Err(AccountError::NotFound)
        ),
        "loan page of {what}"
    );
    assert!(
        matches!(
            app.portal_schedule(actor, borrower, account).await,
            Err(AccountError::NotFound)
        ),
        "schedule of {what}"
    );
    assert!(
        matches!(
            app.portal_autopay(actor, borrower, account).await,
            Err(AccountError::NotFound)
        ),
        "AutoPay page of {what}"
    );
}

/// The `account.portal_viewed` records about `borrower`, newest first: (actor, detail).
async fn portal_reads(app: &App, borrower: BorrowerId) -> Vec<(String, serde_json::Value)> {
    app.store()
        .audit_of(&format!("borrower:{}", borrower.0), 1000)
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.event.action == PORTAL_VIEWED)
        .map(|r| {
            (
                r.event.actor,
                serde_json::from_str(&r.event.detail).unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn the_loan_pages_for_staff_are_the_portals_own_reads_of_the_borrowers_loan() {
    for (app, _clock, db) in demo_apps("portal_copy_figures").await {
        let agent = staff(&app, "ana@example.com", "Ana Agent", "agent").await;
        let maria = borrower_of(&app, MARIA.0).await;
        let login = enrol_maria(&app).await;
        let dashboard = app.portal_view(&agent, maria).await.unwrap();
        assert_eq!(dashboard.dashboard.rows.loans.len(), 3);
        // Every loan on her dashboard opens, with the figures her own loan page reads.
        for v in &dashboard.dashboard.rows.loans {
            let account = v.account_number;
            let (loan, schedule, autopay) = loan_pages(&app, &agent, maria, account).await.unwrap();
            let hers = app
                .loan_details(login, account, None)
                .await
                .unwrap()
                .unwrap();
            for (copy, what) in [(&loan, "loan page"), (&schedule, "schedule")] {
                assert_eq!(copy.name, "Maria Lopez");
                assert!(copy.enrolled);
                let d = &copy.details;
                assert_eq!(d.view, hers.view, "{what} of {account}");
                assert_eq!(d.state.balance(), hers.state.balance(), "{what}");
                assert_eq!(d.state.principal, hers.state.principal, "{what}");
                assert_eq!(d.activity, hers.activity, "{what}");
                assert_eq!(d.schedule, hers.schedule, "{what}");
                assert_eq!(d.prior_payments, hers.prior_payments, "{what}");
                assert_eq!(format!("{:?}", d.payoff), format!("{:?}", hers.payoff));
                assert_eq!(format!("{:?}", d.payments), format!("{:?}", hers.payments));
                assert_eq!(
                    format!("{:?}", d.statements),
                    format!("{:?}", hers.statements)
                );
                assert_eq!(d.business_date, hers.business_date);
            }
            assert_eq!(autopay.view, hers.view);
            assert!(autopay.live().is_none(), "no AutoPay yet");
        }
        db.finish().await;
    }
}

#[tokio::test]
async fn the_autopay_page_for_staff_shows_the_live_authorization_and_its_method_masked() {
    for (app, _clock, db) in demo_apps("portal_copy_autopay").await {
        let agent = staff(&app, "ana@example.com", "Ana Agent", "agent").await;
        let maria = borrower_of(&app, MARIA.0).await;
        let token = enrol(&app, MARIA, "maria.lopez").await;
        let s = session(&app, &token).await;
        let login = s.login().unwrap();
        let method = add_bank_account(&app, &s, &client()).await;
        let agreed = app
            .enroll_autopay(
                login,
                &AutopayRequest {
                    account: acct(MARIA.0),
                    method,
                    fixed_amount: None,
                    days_before_due: 0,
                    cadence: domain::autopay::Cadence::Monthly,
                },
                true,
                &client(),
            )
            .await
            .unwrap();
        let a = app
            .portal_autopay(&agent, maria, acct(MARIA.0))
            .await
            .unwrap();
        let live = a.live().expect("the live AutoPay");
        assert_eq!(live.id, agreed.id);
        assert_eq!(live.text, agreed.text, "the words she agreed to");
        assert_eq!(a.methods.len(), 1);
        assert_eq!(a.methods[0].id, method);
        assert_eq!(a.methods[0].last4, "6789", "masked: the last four only");
        assert!(!format!("{a:?}").contains("123456789"), "{a:?}");
        db.finish().await;
    }
}

#[tokio::test]
async fn every_account_number_is_scoped_to_the_borrower_and_another_borrowers_is_not_found() {
    for (app, _clock, db) in demo_apps("portal_copy_scoped").await {
        let agent = staff(&app, "ana@example.com", "Ana Agent", "agent").await;
        let maria = borrower_of(&app, MARIA.0).await;
        let aisha = borrower_of(&app, AISHA.0).await;
        let nowhere = AccountNumber::from_base(521_840_000_009_999);

        // Before anyone enrols: a borrower's own loans only.
        let (loan, _, _) = loan_pages(&app, &agent, aisha, acct(AISHA.0))
            .await
            .unwrap();
        assert!(!loan.enrolled);
        assert_eq!(loan.details.view.account_number, acct(AISHA.0));
        all_not_found(&app, &agent, aisha, acct(MARIA.0)).await;
        all_not_found(&app, &agent, maria, acct(AISHA.0)).await;
        all_not_found(&app, &agent, maria, nowhere).await;
        all_not_found(&app, &agent, BorrowerId(999_999), acct(MARIA.0)).await;
        let m = app.portal_messages(&agent, aisha).await.unwrap();
        assert!(!m.enrolled && m.inbox.is_empty() && m.threads.is_empty());
        assert!(matches!(
            app.portal_messages(&agent, BorrowerId(999_999)).await,
            Err(AccountError::NotFound)
        ));

        // After Maria enrols: the loans her sign-in reaches, and still not Aisha's.
        enrol_maria(&app).await;
        let (loan, _, _) = loan_pages(&app, &agent, maria, acct(MARIA.0))
            .await
            .unwrap();
        assert!(loan.enrolled);
        all_not_found(&app, &agent, maria, acct(AISHA.0)).await;
        all_not_found(&app, &agent, maria, nowhere).await;
        all_not_found(&app, &agent, aisha, acct(MARIA.0)).await;
        db.finish().await;
    }
}

#[tokio::test]
async fn only_a_reader_with_view_account_reads_the_borrowers_pages() {
    for (app, _clock, db) in demo_apps("portal_copy_denied").await {
        let maria = borrower_of(&app, MARIA.0).await;
        let login = enrol_maria(&app).await;
        let before = portal_reads(&app, maria).await.len();
        for nobody in [
            Actor::api_client("lockbox", Scopes::parse("payments").unwrap()),
            Actor::Borrower(login),
        ] {
            assert!(
                matches!(
                    loan_pages(&app, &nobody, maria, acct(MARIA.0)).await,
                    Err(AccountError::Denied(_))
                ),
                "{nobody:?}"
            );
            for page in [
                app.portal_schedule(&nobody, maria, acct(MARIA.0))
                    .await
                    .err(),
                app.portal_autopay(&nobody, maria, acct(MARIA.0))
                    .await
                    .err(),
                app.portal_messages(&nobody, maria).await.err(),
            ] {
                assert!(matches!(page, Some(AccountError::Denied(_))), "{nobody:?}");
            }
            // Refused before anything is read: another borrower's loan is refused the same.
            assert!(matches!(
                app.portal_loan(&nobody, maria, acct(AISHA.0)).await,
                Err(AccountError::Denied(_))
            ));
        }
        assert_eq!(
            portal_reads(&app, maria).await.len(),
            before,
            "a refusal reads nothing"
        );
        // Every role of the console may (an agent, a supervisor, an admin), and a read token.
        for reader in [
            staff(&app, "ana@example.com", "Ana Agent", "agent").await,
            staff(&app, "sam@example.com", "Sam Supervisor", "supervisor").await,
            staff(&app, "ada@example.com", "Ada Admin", "admin").await,
            Actor::api_client("reports", Scopes::parse("read").unwrap()),
        ] {
            loan_pages(&app, &reader, maria, acct(MARIA.0))
                .await
                .unwrap();
            app.portal_messages(&reader, maria).await.unwrap();
        }
        db.finish().await;
    }
}

#[tokio::test]
async fn each_page_read_is_audited_with_its_page_and_the_message_center_stays_unread() {
    for (app, _clock, db) in demo_apps("portal_copy_audit").await {
        let agent = staff(&app, "ana@example.com", "Ana Agent", "agent").await;
        let maria = borrower_of(&app, MARIA.0).await;
        let token = enrol(&app, MARIA, "maria.lopez").await;
        let s = session(&app, &token).await;
        let login = s.login().unwrap();
        let (loan, _) = app.loan_of_account(acct(MARIA.0)).await.unwrap().unwrap();

        // A message in her message center, and a conversation she started.
        let mut tx = app.store().begin().await.unwrap();
        tx.enqueue_messages(
            &[store::NewMessage {
                borrower: maria,
                channel: store::Channel::Portal,
                recipient: "maria.lopez".into(),
                subject: "Your payment is due soon".into(),
                body: "Your payment of $300.00 is due on December 1.".into(),
                key: "test:portal-copy:1".into(),
            }],
            app.now_us(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let sent = app
            .start_thread(&s, "Late fee", "Why was I charged a late fee?")
            .await
            .unwrap();
        let unread = app.store().unread_portal_messages(login).await.unwrap();
        assert!(unread >= 1);

        let before = portal_reads(&app, maria).await.len();
        app.portal_loan(&agent, maria, acct(MARIA.0)).await.unwrap();
        app.portal_schedule(&agent, maria, acct(MARIA.0))
            .await
            .unwrap();
        app.portal_autopay(&agent, maria, acct(MARIA.0))
            .await
            .unwrap();
        let m: PortalMessages = app.portal_messages(&agent, maria).await.unwrap();
        assert!(m.enrolled);
        assert!(
            m.inbox
                .iter()
                .any(|(msg, read)| msg.message.subject == "Your payment is due soon" && !read),
            "listed, and still unread"
        );
        assert!(
            m.threads
                .iter()
                .any(|t| t.id == sent.thread && t.subject == "Late fee")
        );
        assert_eq!(
            app.store().unread_portal_messages(login).await.unwrap(),
            unread,
            "staff reading the message center marks nothing read"
        );

        let reads = portal_reads(&app, maria).await;
        assert_eq!(reads.len(), before + 4, "{reads:?}");
        let actor = agent.audit_name();
        // Newest first: messages, autopay, schedule, loan.
        let pages: Vec<&str> = reads[..4]
            .iter()
            .map(|(who, d)| {
                assert_eq!(who, &actor);
                d["page"].as_str().unwrap()
            })
            .collect();
        assert_eq!(pages, ["messages", "autopay", "schedule", "loan"]);
        for (_, d) in &reads[1..4] {
            assert_eq!(d["loan_id"], loan.0, "{d}");
        }
        assert!(reads[0].1.get("loan_id").is_none());

        // A page that is not found is not a read of anything.
        let _ = app.portal_loan(&agent, maria, acct(AISHA.0)).await;
        assert_eq!(portal_reads(&app, maria).await.len(), before + 4);
        db.finish().await;
    }
}
