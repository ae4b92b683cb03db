//! AutoPay twice a month or every other week in the portal (issue 20, item 3; ADR 0028), over
//! HTTP against the real server (SQLite, and PostgreSQL when `SERVICER_TEST_POSTGRES_URL` is
//! set), on the demo portfolio (business date Wednesday, November 25, 2026, the day before
//! Thanksgiving; Aisha's loan is on the demo's `flexible` product, due on the 20th; Maria's
//! boarded loan is on the standard product): the AutoPay page offers the frequencies where the
//! product allows them, and no choice elsewhere; every other week, the review states half the
//! payment, the weekday and the first date, the last draft before a due date and the extra to
//! principal; agreeing turns it on, and the page and the dashboard say when it drafts and the
//! next draft; a first date out of range, or two days too close, is refused beside its field,
//! changing nothing; a frequency the product does not allow is refused in a sentence. The first
//! date is read as people write it ("December 4, 2026"), and one that is not a date is refused
//! in those words; once on, the form to change it starts from its days.

use axum::http::StatusCode;
use domain::autopay::{Cadence, half_of};
use test_support::borrowers::{AISHA, MARIA};
use test_support::http::Browser;
use test_support::server::portals;

/// The form's fields for every other week from `start`, drafting from `method`.
fn biweekly<'a>(method: &'a str, start: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("method", method),
        ("amount", "scheduled"),
        ("days_before_due", "0"),
        ("frequency", "biweekly"),
        ("first_day", "1"),
        ("second_day", "15"),
        ("start", start),
    ]
}

#[tokio::test]
async fn a_borrower_chooses_every_other_week_where_the_product_allows_it() {
    for p in portals("portal_autopay_frequency").await {
        let aisha = p.enrol(AISHA, "aisha.khan").await;
        let method = p.add_bank_account(&aisha).await.to_string();
        let mut b = Browser::with_session(&aisha);
        let page = format!("/loans/{}/autopay", AISHA.0);
        let review = format!("{page}/review");

        // The choices, the start defaulting to the next business day (Thanksgiving is the
        // 26th), and when it may be.
        let form = b.get(p.addr(), &page).await;
        assert_eq!(form.status, StatusCode::OK);
        for part in [
            r#"name="frequency" value="monthly" checked"#,
            r#"value="twice_monthly""#,
            r#"value="biweekly""#,
            r#"id="first_day""#,
            r#"id="start" name="start" type="date" value="2026-11-27""#,
            "A date from November 27, 2026 to December 9, 2026",
        ] {
            assert!(form.body.contains(part), "{part}: {}", form.body);
        }

        // A first date out of range: refused beside it; nothing is recorded.
        let late = b
            .post_form(p.addr(), &page, &review, &biweekly(&method, "2026-12-31"))
            .await;
        assert_eq!(late.status, StatusCode::BAD_REQUEST);
        assert!(late.body.contains(r#"id="start-error""#), "{}", late.body);
        assert!(
            late.body
                .contains("Choose a first draft date from November 27, 2026 to December 9, 2026"),
            "{}",
            late.body
        );
        // Two days of the month too close together: refused beside the days.
        let mut close = biweekly(&method, "");
        close[3] = ("frequency", "twice_monthly");
        close[5] = ("second_day", "5");
        let close = b.post_form(p.addr(), &page, &review, &close).await;
        assert_eq!(close.status, StatusCode::BAD_REQUEST);
        assert!(
            close.body.contains(r#"id="first_day-error""#),
            "{}",
            close.body
        );
        assert!(
            close.body.contains("at least 10 days apart"),
            "{}",
            close.body
        );

        // A first date that is not a date: refused in the words people write dates in.
        let unreadable = b
            .post_form(p.addr(), &page, &review, &biweekly(&method, "the 4th"))
            .await;
        assert_eq!(unreadable.status, StatusCode::BAD_REQUEST);
        assert!(
            unreadable
                .body
                .contains("Enter the first draft date like December 11, 2026"),
            "{}",
            unreadable.body
        );
        assert!(!unreadable.body.contains("YYYY"), "{}", unreadable.body);

        // Every other Friday from December 4, typed as people write it: the words say what it
        // drafts and when.
        let record = p
            .app
            .store()
            .loan_by_account_number(AISHA.0.parse().unwrap())
            .await
            .unwrap()
            .unwrap()
            .0;
        let loan = p.app.store().loan(record).await.unwrap();
        // Half the payment due next, December 20.
        let payment = loan
            .terms
            .installments
            .iter()
            .find(|i| i.due_date == jiff::civil::date(2026, 12, 20))
            .unwrap()
            .amount;
        let half = half_of(payment).usd().to_string();
        let fields = biweekly(&method, "December 4, 2026");
        let words = b.post_form(p.addr(), &page, &review, &fields).await;
        assert_eq!(words.status, StatusCode::OK, "{}", words.body);
        for part in [
            format!("for half of each scheduled payment (now {half}), every other Friday starting December 4, 2026"),
            "The last draft before each due date will be for at least what is left unpaid of that payment".to_owned(),
            "goes to principal".to_owned(),
            r#"name="frequency" value="biweekly""#.to_owned(),
        ] {
            assert!(words.body.contains(&part), "{part}: {}", words.body);
        }
        assert!(
            p.app
                .autopay_of(store::LoginId(1), AISHA.0.parse().unwrap())
                .await
                .unwrap()
                .is_none(),
            "a review changes nothing"
        );

        // Agreed: on, and the page and the dashboard say when it drafts.
        let mut agreed = fields.clone();
        agreed.push(("agree", "yes"));
        let done = b.post_form(p.addr(), &page, &page, &agreed).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        let on = b.get(p.addr(), done.location()).await;
        assert!(on.body.contains("AutoPay is on"), "{}", on.body);
        assert!(
            on.body
                .contains("Every other Friday starting December 4, 2026"),
            "{}",
            on.body
        );
        let live = p
            .app
            .autopay_of(store::LoginId(1), AISHA.0.parse().unwrap())
            .await
            .unwrap()
            .expect("on");
        assert_eq!(
            live.cadence,
            Cadence::Biweekly {
                start: jiff::civil::date(2026, 12, 4)
            }
        );
        let dashboard = b.get(p.addr(), "/dashboard").await;
        assert!(
            dashboard.body.contains(
                "On: half of each scheduled payment every other Friday starting December 4, 2026"
            ),
            "{}",
            dashboard.body
        );
        // The first draft, December 4, is half: the one on the 18th is the last before the
        // payment due December 20.
        assert!(
            dashboard
                .body
                .contains(&format!("{half} on December 4, 2026")),
            "{}",
            dashboard.body
        );
        // The form to change it starts from its days: every other week from December 4 (a
        // start on them is taken, however early, so changing the account keeps them).
        let change = b.get(p.addr(), &page).await;
        for part in [
            r#"name="frequency" value="biweekly" checked"#,
            r#"id="start" name="start" type="date" value="2026-12-04""#,
            "or December 4, 2026 to keep the days of your AutoPay",
        ] {
            assert!(change.body.contains(part), "{part}: {}", change.body);
        }
        p.finish().await;
    }
}

#[tokio::test]
async fn a_loan_whose_product_drafts_monthly_only_offers_no_choice_and_refuses_one() {
    for p in portals("portal_autopay_monthly_only").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let method = p.add_bank_account(&maria).await.to_string();
        let mut b = Browser::with_session(&maria);
        // Her boarded loan is on the standard product: monthly only.
        let boarded = domain::account_number::AccountNumber::from_base(521_840_000_000_103);
        let page = format!("/loans/{boarded}/autopay");
        let form = b.get(p.addr(), &page).await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(!form.body.contains(r#"name="frequency""#), "{}", form.body);
        assert!(!form.body.contains(r#"id="start""#));
        let refused = b
            .post_form(
                p.addr(),
                &page,
                &format!("{page}/review"),
                &biweekly(&method, "2026-12-04"),
            )
            .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);
        assert!(
            refused
                .body
                .contains("product does not allow that: its AutoPay can draft monthly"),
            "{}",
            refused.body
        );
        assert!(
            p.app
                .autopay_of(store::LoginId(1), boarded)
                .await
                .unwrap()
                .is_none()
        );
        p.finish().await;
    }
}
