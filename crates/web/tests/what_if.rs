//! "What if I pay extra?" on the portal's loan page, over HTTP against the real server
//! (SQLite, and PostgreSQL when `SERVICER_TEST_POSTGRES_URL` is set), on the demo portfolio:
//! the GET form answers on the same page with the app's figures in words; an amount the
//! payment form's parser refuses is a message beside the field (a 400, the rest of the page as
//! it was, no answer); an extra over the payoff says the most that makes sense; another
//! borrower's loan is the same 404 as a loan that does not exist; the pay page links to it.

use axum::http::StatusCode;
use documents::long_date;
use money::Money;
use test_support::borrowers::{AISHA, MARIA, session};
use test_support::http::Browser;
use test_support::server::portals;

#[tokio::test]
async fn the_what_if_form_answers_with_the_replays_figures_and_refuses_a_bad_amount_beside_it() {
    for p in portals("portal_what_if").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let login = session(&p.app, &maria).await.login().unwrap();
        let mut b = Browser::with_session(&maria);
        let loan = format!("/loans/{}", MARIA.0);

        // Before asking: the form, no answer.
        let page = b.get(p.addr(), &loan).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("What if I pay extra?"));
        assert!(page.body.contains(r#"id="extra""#));
        assert!(!page.body.contains("what-if-answer"));

        // $50 with every payment: the app's answer, in words, on the same page.
        let w = p
            .app
            .what_if(
                login,
                MARIA.0.parse().unwrap(),
                Money::parse("50.00").unwrap(),
                true,
            )
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        assert!(w.sooner(), "$50 a month pays the demo loan off sooner");
        let asked = b
            .get(p.addr(), &format!("{loan}?extra=%2450.00&often=monthly"))
            .await;
        assert_eq!(asked.status, StatusCode::OK);
        let words = format!(
            "Paying $50.00 more with every payment, your loan is paid off on {} instead of {}, and you pay {} less interest.",
            long_date(w.plan.payoff_date),
            long_date(w.baseline.payoff_date),
            w.interest_saved().usd()
        );
        assert!(asked.body.contains(&words), "the answer: {words}");
        assert!(
            asked.body.contains(r#"value="$50.00""#),
            "the amount as typed"
        );
        assert!(
            asked.body.contains("To pay this loan off"),
            "the payoff is still there"
        );

        // Once, with the next payment.
        let once = b
            .get(p.addr(), &format!("{loan}?extra=500&often=once"))
            .await;
        assert_eq!(once.status, StatusCode::OK);
        assert!(
            once.body
                .contains("Paying $500.00 more once, with your payment on ")
        );
        assert!(
            once.body
                .contains(r#"id="often-once" name="often" value="once" checked"#)
        );

        // An amount the parser refuses: beside the field, nothing else changes.
        let bad = b
            .get(
                p.addr(),
                &format!("{loan}?extra=%3Cb%3Efifty&often=monthly"),
            )
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(bad.body.contains(r#"id="extra-error""#));
        assert!(bad.body.contains("Enter an amount in dollars and cents"));
        assert!(bad.body.contains(r#"aria-invalid="true""#));
        assert!(!bad.body.contains("<b>"), "what was typed is escaped");
        assert!(!bad.body.contains("what-if-answer"));
        assert!(bad.body.contains("To pay this loan off"));
        let zero = b.get(p.addr(), &format!("{loan}?extra=0&often=once")).await;
        assert_eq!(zero.status, StatusCode::BAD_REQUEST);
        assert!(zero.body.contains("Enter an amount greater than zero"));

        // More than the payoff: the most that makes sense.
        let over = b
            .get(p.addr(), &format!("{loan}?extra=999999&often=once"))
            .await;
        assert_eq!(over.status, StatusCode::BAD_REQUEST);
        assert!(over.body.contains("Enter an amount up to "));
        assert!(over.body.contains("that pays your loan off"));

        // Another borrower's loan: the same 404 as none.
        let theirs = b
            .get(
                p.addr(),
                &format!("/loans/{}?extra=50&often=monthly", AISHA.0),
            )
            .await;
        assert_eq!(theirs.status, StatusCode::NOT_FOUND);

        // The pay page links to the question.
        let pay = b.get(p.addr(), &format!("{loan}/pay")).await;
        assert!(pay.body.contains(&format!("/loans/{}#what-if", MARIA.0)));
        p.finish().await;
    }
}
