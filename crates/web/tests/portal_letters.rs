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

/// Maria's second demo loan: past due, with a late fee.
fn marias_past_due_loan() -> String {
    domain::account_number::AccountNumber::from_base(521_840_000_000_102).to_string()
}

#[tokio::test]
async fn a_payoff_date_past_or_after_the_last_due_date_says_what_date_was_used_and_why() {
    for p in portals("portal_payoff_dates").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let today = p.app.business_date().await.unwrap();
        let details = |on| {
            let app = p.app.clone();
            async move {
                app.loan_details(store::LoginId(1), MARIA.0.parse().unwrap(), on)
                    .await
                    .unwrap()
                    .unwrap()
            }
        };
        let last_due = details(None)
            .await
            .state
            .installments
            .last()
            .unwrap()
            .due_date;
        assert!(last_due > today, "Maria's first loan has payments to come");
        let loan = format!("/loans/{}", MARIA.0);
        let mut b = Browser::with_session(&maria);

        // A date that has passed: today's payoff, and the page says so (never silently).
        let past = today.checked_sub(Span::new().days(20)).unwrap();
        let page = b.get(p.addr(), &format!("{loan}?payoff_date={past}")).await;
        assert_eq!(page.status, StatusCode::OK);
        let said = format!(
            "You asked for the payoff on {}, which has passed, so this is the payoff for today, {}.",
            long_date(past),
            long_date(today)
        );
        assert!(page.body.contains(&said), "{}", page.body);
        let today_total = details(None).await.payoff.unwrap().total;
        assert!(page.body.contains(&format!(
            "<strong>{}</strong> on {}",
            today_total.usd(),
            long_date(today)
        )));
        assert!(
            page.body
                .contains(&format!("payoff-letter.pdf?date={today}"))
        );

        // After the last due date: the payoff on that date, and why.
        let after = last_due.checked_add(Span::new().days(45)).unwrap();
        let page = b
            .get(p.addr(), &format!("{loan}?payoff_date={after}"))
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body.contains(&format!(
                "You asked for the payoff on {}, which is after your loan",
                long_date(after)
            )),
            "{}",
            page.body
        );
        assert!(page.body.contains(&format!(
            "so this is the payoff for {}",
            long_date(last_due)
        )));
        let at_last = details(Some(after)).await;
        assert_eq!(
            at_last.payoff.as_ref().unwrap().payoff_date,
            last_due,
            "the app quotes the last due date"
        );
        assert!(page.body.contains(&format!(
            "<strong>{}</strong> on {}",
            at_last.payoff.unwrap().total.usd(),
            long_date(last_due)
        )));

        // A date as people write it is read; one that is not a date is listed at the top.
        let soon = today.checked_add(Span::new().days(5)).unwrap();
        let typed = long_date(soon).replace(' ', "+").replace(',', "%2C");
        let page = b
            .get(p.addr(), &format!("{loan}?payoff_date={typed}"))
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.body
                .contains(&format!("payoff-letter.pdf?date={soon}"))
        );
        assert!(!page.body.contains("which has passed"));
        let bad = b.get(p.addr(), &format!("{loan}?payoff_date=soon")).await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(bad.body.contains("There is a problem"), "{}", bad.body);
        assert!(bad.body.contains("href=\"#payoff_date\""));
        assert!(bad.body.contains("like December 15, 2026"));
        p.finish().await;
    }
}

#[tokio::test]
async fn the_payoff_quote_itemizes_its_fees_by_kind_and_states_what_it_assumes() {
    for p in portals("portal_payoff_items").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let account = marias_past_due_loan();
        let quote = p
            .app
            .loan_details(store::LoginId(1), account.parse().unwrap(), None)
            .await
            .unwrap()
            .unwrap()
            .payoff
            .expect("the past-due loan is active");
        assert!(
            quote.fees_by_kind.late.is_positive(),
            "the demo's past-due loan has a late fee"
        );
        assert_eq!(quote.fees_by_kind.total(), quote.fees);
        let mut b = Browser::with_session(&maria);
        let page = b.get(p.addr(), &format!("/loans/{account}")).await;
        assert_eq!(page.status, StatusCode::OK);
        let body = &page.body;
        // Each part on a line of its own, fees by kind: never "interest and fees" together.
        for (label, amount) in [
            ("Principal", quote.principal),
            ("Late fees", quote.fees_by_kind.late),
            ("Payoff amount", quote.total),
        ] {
            let line = format!("<dt>{label}</dt><dd>");
            let at = body
                .find(&line)
                .unwrap_or_else(|| panic!("{label}: {body}"));
            assert!(
                body[at..].contains(&amount.usd().to_string()),
                "{label} {amount}"
            );
        }
        assert!(body.contains("<dt>Interest accrued through "), "{body}");
        assert!(!body.contains("Interest and fees"));
        // What it assumes: the payments it counts, what a return does, the daily amount.
        assert!(body.contains("What this figure assumes"));
        assert!(body.contains("It counts the payments credited to your loan through"));
        assert!(body.contains("If your bank returns one of them"));
        assert!(body.contains(&format!(
            "For each day after that, add {} of interest.",
            quote.per_diem.usd()
        )));
        p.finish().await;
    }
}
