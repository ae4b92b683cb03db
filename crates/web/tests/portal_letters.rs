//! Issue 22, item 12: the payoff letter and the paid-in-full letter download from the loan
//! page as PDFs, the payoff letter with the figure the loan page shows for the same date; both
//! read through the login, so another borrower's loan is a 404; a paid-in-full letter is
//! refused for a loan not paid off and served for the demo's paid-off loan (James Carter's).
//! Over HTTP against the real server (SQLite, and PostgreSQL when `SERVICER_TEST_POSTGRES_URL`
//! is set). The PDF's text is read from its bytes (pdf-writer leaves it readable); the app's
//! test reads it back with pdftotext.

use axum::http::StatusCode;
use documents::long_date;
use jiff::Span;
use test_support::borrowers::{AISHA, MARIA};
use test_support::http::Browser;
use test_support::server::portals;

/// James Carter, of the demo portfolio: one loan, paid off.
const JAMES: (&str, &str, &str, &str) = ("5218400000002013", "1098", "11/03/1979", "43215");

#[tokio::test]
async fn the_payoff_letter_downloads_with_the_loan_pages_payoff_and_only_for_its_borrower() {
    for p in portals("portal_letters").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let aisha = p.enrol(AISHA, "aisha.khan").await;
        let today = p.app.business_date().await.unwrap();
        let on = today.checked_add(Span::new().days(12)).unwrap();
        let quote = p
            .app
            .loan_details(store::LoginId(1), MARIA.0.parse().unwrap(), Some(on))
            .await
            .unwrap()
            .unwrap()
            .payoff
            .expect("Maria's first loan is active");
        let loan = format!("/loans/{}", MARIA.0);
        let letter = format!("{loan}/payoff-letter.pdf?date={on}");
        let mut b = Browser::with_session(&maria);

        // The loan page's payoff for that date, and the link to its letter beside it.
        let page = b.get(p.addr(), &format!("{loan}?payoff_date={on}")).await;
        assert_eq!(page.status, StatusCode::OK);
        let figure = format!(
            "<strong>{}</strong> on {}",
            quote.total.usd(),
            long_date(on)
        );
        assert!(page.body.contains(&figure), "the page shows {figure}");
        assert!(page.body.contains(&letter), "the page links {letter}");
        assert!(page.body.contains("Download a payoff letter (PDF)"));
        assert!(
            !page.body.contains("paid-in-full-letter.pdf"),
            "no paid-in-full letter for an active loan"
        );

        // The letter: the same figure, the per diem, the date, how to pay.
        let pdf = b.get(p.addr(), &letter).await;
        assert_eq!(pdf.status, StatusCode::OK);
        assert_eq!(pdf.headers["content-type"], "application/pdf");
        assert_eq!(
            pdf.headers["content-disposition"],
            format!("attachment; filename=\"payoff-letter-1015-{on}.pdf\"").as_str()
        );
        assert!(pdf.body.starts_with("%PDF-"));
        for shown in [
            "Payoff letter".to_owned(),
            "Good through".to_owned(),
            long_date(on),
            quote.total.usd().to_string(),
            quote.per_diem.usd().to_string(),
            "Total payoff amount".to_owned(),
            "How to pay".to_owned(),
            "In the portal".to_owned(),
            "By mail".to_owned(),
            "PO Box 4410".to_owned(),
            "By wire or ACH transfer".to_owned(),
        ] {
            assert!(pdf.body.contains(&shown), "the letter shows {shown:?}");
        }
        assert!(!pdf.body.contains(MARIA.0), "the account number is masked");

        // Without a date: good through today.
        let plain = b.get(p.addr(), &format!("{loan}/payoff-letter.pdf")).await;
        assert_eq!(plain.status, StatusCode::OK);
        assert!(plain.body.contains(&long_date(today)));

        // A date that is not one, or past, or too far ahead: refused, saying why.
        let yesterday = today.yesterday().unwrap();
        for (date, says) in [
            ("soon".to_owned(), "like December 15, 2026".to_owned()),
            (yesterday.to_string(), long_date(today)),
            (
                today
                    .checked_add(Span::new().days(200))
                    .unwrap()
                    .to_string(),
                "Choose a date up to".to_owned(),
            ),
        ] {
            let r = b
                .get(p.addr(), &format!("{loan}/payoff-letter.pdf?date={date}"))
                .await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{date}");
            assert!(r.body.contains(&says), "{date}: {}", r.body);
        }

        // Not hers: the same 404 as no loan at all, whatever the date.
        let mut as_aisha = Browser::with_session(&aisha);
        for path in [
            letter.clone(),
            format!("{loan}/payoff-letter.pdf?date=soon"),
            format!("{loan}/paid-in-full-letter.pdf"),
        ] {
            let r = as_aisha.get(p.addr(), &path).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        }

        // Maria's loan is active: no paid-in-full letter, and the page says why.
        let r = b
            .get(p.addr(), &format!("{loan}/paid-in-full-letter.pdf"))
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert!(r.body.contains("This loan is not paid off"), "{}", r.body);
        p.finish().await;
    }
}

#[tokio::test]
async fn the_paid_off_loan_has_its_paid_in_full_letter_and_no_payoff_letter() {
    for p in portals("portal_letters_paid").await {
        let james = p.enrol(JAMES, "james.carter").await;
        let loan = format!("/loans/{}", JAMES.0);
        let mut b = Browser::with_session(&james);

        let page = b.get(p.addr(), &loan).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body
                .contains(&format!("{loan}/paid-in-full-letter.pdf"))
        );
        assert!(page.body.contains("Paid-in-full letter (PDF)"));
        assert!(
            !page.body.contains("payoff-letter.pdf"),
            "nothing to pay off, no payoff letter"
        );

        let pdf = b
            .get(p.addr(), &format!("{loan}/paid-in-full-letter.pdf"))
            .await;
        assert_eq!(pdf.status, StatusCode::OK);
        assert_eq!(pdf.headers["content-type"], "application/pdf");
        assert_eq!(
            pdf.headers["content-disposition"],
            "attachment; filename=\"paid-in-full-letter-2013.pdf\""
        );
        for shown in [
            "Paid-in-full letter",
            "Paid in full on",
            "James Carter",
            "$0.00",
        ] {
            assert!(pdf.body.contains(shown), "the letter shows {shown:?}");
        }

        let r = b.get(p.addr(), &format!("{loan}/payoff-letter.pdf")).await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert!(r.body.contains("nothing left to pay off"), "{}", r.body);
        p.finish().await;
    }
}
