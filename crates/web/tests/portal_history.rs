//! Issue 22, item 14: a loan's payment history downloads as CSV and PDF, split as the loan
//! page's activity shows each payment, and each year's summary of interest, fees and principal
//! paid is a page and a PDF; all read through the login, so another borrower's loan (and a
//! year that is not the loan's) is a 404. Over HTTP against the real server (SQLite, and
//! PostgreSQL when `SERVICER_TEST_POSTGRES_URL` is set).

use app::portal::Activity;
use axum::http::StatusCode;
use documents::long_date;
use test_support::borrowers::{AISHA, MARIA};
use test_support::http::Browser;
use test_support::server::portals;

#[tokio::test]
async fn the_payment_history_and_the_year_end_summary_download_with_the_activitys_figures() {
    for p in portals("portal_history").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let aisha = p.enrol(AISHA, "aisha.khan").await;
        let d = p
            .app
            .loan_details(store::LoginId(1), MARIA.0.parse().unwrap(), None)
            .await
            .unwrap()
            .unwrap();
        let payment = d
            .activity
            .iter()
            .find_map(|a| match a {
                Activity::Payment(p) => Some(*p),
                _ => None,
            })
            .expect("Maria's demo loan has payments");
        let year = payment.date.year();
        let totals = app::history::totals_in(&d.activity, year);
        let loan = format!("/loans/{}", MARIA.0);
        let mut b = Browser::with_session(&maria);

        // The loan page links to both downloads and to the year's summary, with its interest.
        let page = b.get(p.addr(), &loan).await;
        for link in [
            format!("{loan}/history.csv"),
            format!("{loan}/history.pdf"),
            format!("{loan}/interest/{year}"),
        ] {
            assert!(page.body.contains(&link), "the loan page links {link}");
        }
        assert!(
            page.body.contains(&format!("Interest paid in {year}"))
                && page.body.contains(&totals.interest.usd().to_string()),
            "the loan page says the interest paid in {year}"
        );

        // The CSV: its header, and the payment's row split as the activity splits it.
        let csv = b.get(p.addr(), &format!("{loan}/history.csv")).await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(
            csv.headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/csv"),
        );
        assert!(
            csv.headers["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment;")
        );
        assert_eq!(
            csv.body.split("\r\n").next(),
            Some("Date,What,Amount,To fees,To interest,To principal,Unapplied,Status")
        );
        let row = format!(
            "\"{}\",Payment,{},{},{},{},{},Applied\r\n",
            long_date(payment.date),
            payment.amount,
            payment.fees,
            payment.interest,
            payment.principal,
            payment.unapplied
        );
        assert!(csv.body.contains(&row), "{row:?} in {}", csv.body);
        let payments = d
            .activity
            .iter()
            .filter(|a| matches!(a, Activity::Payment(_)))
            .count();
        assert_eq!(
            csv.body.matches(",Payment,").count(),
            payments,
            "one row per payment"
        );

        // The PDF, with the same figures (pdf-writer leaves the page's text readable).
        let pdf = b.get(p.addr(), &format!("{loan}/history.pdf")).await;
        assert_eq!(pdf.status, StatusCode::OK);
        assert!(pdf.body.starts_with("%PDF-"));
        for shown in [
            "Payment history".to_owned(),
            long_date(payment.date),
            payment.interest.usd().to_string(),
            payment.principal.usd().to_string(),
        ] {
            assert!(pdf.body.contains(&shown), "the PDF shows {shown:?}");
        }

        // The year's summary: a page and a PDF, with the year's interest.
        let summary = b.get(p.addr(), &format!("{loan}/interest/{year}")).await;
        assert_eq!(summary.status, StatusCode::OK);
        for shown in [
            format!("Year-end summary of payments, {year}"),
            format!("<dt>Interest paid</dt><dd>{}</dd>", totals.interest.usd()),
            format!("<dt>Principal paid</dt><dd>{}</dd>", totals.principal.usd()),
            "It is not a tax form.".to_owned(),
        ] {
            assert!(summary.body.contains(&shown), "the summary shows {shown:?}");
        }
        let pdf = b
            .get(p.addr(), &format!("{loan}/interest/{year}/pdf"))
            .await;
        assert_eq!(pdf.status, StatusCode::OK);
        assert!(pdf.body.starts_with("%PDF-"));
        assert!(pdf.body.contains(&totals.interest.usd().to_string()));

        // Not hers: the same 404 as no loan at all. Not the loan's year: a 404 too.
        let mut as_aisha = Browser::with_session(&aisha);
        for path in [
            format!("{loan}/history.csv"),
            format!("{loan}/history.pdf"),
            format!("{loan}/interest/{year}"),
            format!("{loan}/interest/{year}/pdf"),
        ] {
            let r = as_aisha.get(p.addr(), &path).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        }
        let next_year = d.business_date.year() + 1;
        for bad in [
            "1999".to_owned(),
            next_year.to_string(),
            "20x6".to_owned(),
            "+2026".to_owned(),
            "99999".to_owned(),
        ] {
            let r = b.get(p.addr(), &format!("{loan}/interest/{bad}")).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "year {bad}");
            let r = b.get(p.addr(), &format!("{loan}/interest/{bad}/pdf")).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "year {bad} as PDF");
        }
        p.finish().await;
    }
}
