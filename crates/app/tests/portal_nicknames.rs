//! Loans that can be told apart (issue 22, item 11), on a real store (SQLite, and PostgreSQL
//! when configured), on the demo portfolio: each loan made here carries its product name; a
//! nickname is one login's own (read only through that login, never through the loan
//! alone), set only on a loan the login reaches, trimmed, refused past 40 characters or with
//! a control character (the old one kept), replaced, cleared by saving it empty, and every
//! change audited against the loan.

use app::App;
use app::nicknames::{NICKNAME_CLEARED, NICKNAME_SET, NicknameRefused};
use domain::account_number::AccountNumber;
use domain::nickname::{LoanNickname, NicknameError};
use store::{LoanId, LoginId};
use test_support::apps::demo_apps;
use test_support::borrowers::{AISHA, MARIA, enrol, session};
use test_support::clients::client;

async fn login(app: &App, who: (&str, &str, &str, &str), username: &str) -> LoginId {
    let token = enrol(app, who, username).await;
    session(app, &token).await.login().unwrap()
}

/// The nickname `login` reads on loan `account` (`None` also when it does not reach it).
async fn nickname(app: &App, login: LoginId, account: AccountNumber) -> Option<String> {
    app.store()
        .loan_view_of_login(login, account)
        .await
        .unwrap()
        .and_then(|v| v.nickname)
}

/// The nickname actions audited against `loan`, oldest first.
async fn nickname_audit(app: &App, loan: LoanId) -> Vec<String> {
    let mut actions: Vec<String> = app
        .store()
        .audit_of(&format!("loan:{}", loan.0), 1000)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.event.action)
        .filter(|a| a == NICKNAME_SET || a == NICKNAME_CLEARED)
        .collect();
    actions.reverse();
    actions
}

#[tokio::test]
async fn the_demo_loans_made_here_carry_their_product_names() {
    for (app, _clock, db) in demo_apps("loan_product_names").await {
        let maria = login(&app, MARIA, "maria.lopez").await;
        let views = app.store().loan_views_of_login(maria).await.unwrap();
        let named: Vec<(String, Option<String>)> = views
            .iter()
            .map(|v| (v.account_number.last4(), v.product_name.clone()))
            .collect();
        assert!(
            named.contains(&("1015".into(), Some("Home improvement loan".into()))),
            "{named:?}"
        );
        assert!(
            named.contains(&("1023".into(), Some("Personal loan".into()))),
            "{named:?}"
        );
        // The boarded loan: the boarding file has no product column.
        assert!(
            views
                .iter()
                .any(|v| v.boarded_on.is_some() && v.product_name.is_none())
        );
        // Nobody has named anything yet.
        assert!(views.iter().all(|v| v.nickname.is_none()));
        db.finish().await;
    }
}

#[tokio::test]
async fn a_nickname_is_one_logins_own_on_a_loan_it_reaches() {
    for (app, _clock, db) in demo_apps("loan_nicknames").await {
        let maria = login(&app, MARIA, "maria.lopez").await;
        let aisha = login(&app, AISHA, "aisha.khan").await;
        let home: AccountNumber = MARIA.0.parse().unwrap();
        let hers: AccountNumber = AISHA.0.parse().unwrap();
        let loan = app.store().loan_view(home).await.unwrap().unwrap().loan;

        let saved = app
            .set_loan_nickname(maria, home, "  Kitchen  ", &client())
            .await
            .unwrap();
        assert_eq!(saved.as_ref().map(LoanNickname::as_str), Some("Kitchen"));
        assert_eq!(
            nickname(&app, maria, home).await.as_deref(),
            Some("Kitchen")
        );
        // The loan read without a login (the console, the API by account) has none: it is
        // Maria's name for it, not the loan's.
        assert_eq!(
            app.store().loan_view(home).await.unwrap().unwrap().nickname,
            None
        );
        // Her dashboard shows it at once (the one-second cache was cleared).
        let d = app.dashboard(maria).await.unwrap();
        let on_dashboard = d
            .rows
            .loans
            .iter()
            .find(|v| v.account_number == home)
            .unwrap();
        assert_eq!(on_dashboard.nickname.as_deref(), Some("Kitchen"));

        // Aisha reaches only her own loan: Maria's is not found, and nothing is written.
        assert!(matches!(
            app.set_loan_nickname(aisha, home, "Mine now", &client())
                .await,
            Err(NicknameRefused::NotFound)
        ));
        assert_eq!(
            nickname(&app, maria, home).await.as_deref(),
            Some("Kitchen")
        );
        app.set_loan_nickname(aisha, hers, "Car", &client())
            .await
            .unwrap();
        assert_eq!(nickname(&app, aisha, hers).await.as_deref(), Some("Car"));
        assert_eq!(
            nickname(&app, maria, home).await.as_deref(),
            Some("Kitchen")
        );

        // Refused: 41 characters, a line break. The old name stays.
        assert!(matches!(
            app.set_loan_nickname(maria, home, &"a".repeat(41), &client())
                .await,
            Err(NicknameRefused::Invalid(NicknameError::TooLong {
                chars: 41,
                max: 40
            }))
        ));
        assert!(matches!(
            app.set_loan_nickname(maria, home, "Two\nlines", &client())
                .await,
            Err(NicknameRefused::Invalid(NicknameError::ControlCharacter))
        ));
        assert_eq!(
            nickname(&app, maria, home).await.as_deref(),
            Some("Kitchen")
        );

        // Forty characters are kept; saving it empty clears it.
        let forty = "b".repeat(40);
        app.set_loan_nickname(maria, home, &forty, &client())
            .await
            .unwrap();
        assert_eq!(nickname(&app, maria, home).await, Some(forty));
        let cleared = app
            .set_loan_nickname(maria, home, "   ", &client())
            .await
            .unwrap();
        assert!(cleared.is_none());
        assert_eq!(nickname(&app, maria, home).await, None);

        assert_eq!(
            nickname_audit(&app, loan).await,
            [NICKNAME_SET, NICKNAME_SET, NICKNAME_CLEARED]
        );
        db.finish().await;
    }
}
