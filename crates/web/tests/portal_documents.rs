//! Issue 22, item 13: the documents center. `/documents` lists every document of the
//! borrower's loans newest first, for one loan when asked, each with its page and its PDF; the
//! pages and the PDFs of the Truth in Lending disclosure, the notice of servicing transfer, an
//! AutoPay authorization and the letters show the same figures; everything is read through the
//! login, so another borrower's loan or AutoPay is a 404; a loan's document it does not have is
//! a page saying why. Over HTTP against the real server (SQLite, and PostgreSQL when
//! `SERVICER_TEST_POSTGRES_URL` is set). The PDF's text is read from its bytes (pdf-writer
//! leaves it readable); the app's test reads it back with pdftotext.

use app::identity::ClientInfo;
use axum::http::StatusCode;
use documents::long_date;
use test_support::borrowers::{AISHA, MARIA};
use test_support::http::Browser;
use test_support::server::{Portal, portals};

/// Maria's loan boarded from a prior servicer, of the demo portfolio.
const BOARDED: &str = "5218400000001031";

/// Maria's AutoPay on her first loan (login 1), with `method`; its id.
async fn autopay(p: &Portal, method: i64) -> i64 {
    let req = app::payments::autopay::AutopayRequest {
        account: MARIA.0.parse().unwrap(),
        method: store::PaymentMethodId(method),
        fixed_amount: None,
        days_before_due: 0,
        cadence: domain::autopay::Cadence::Monthly,
    };
    p.app
        .enroll_autopay(store::LoginId(1), &req, true, &ClientInfo::default())
        .await
        .unwrap();
    p.app
        .autopay_of(store::LoginId(1), req.account)
        .await
        .unwrap()
        .expect("AutoPay is on")
        .id
        .0
}

#[tokio::test]
async fn the_documents_page_lists_every_document_with_its_page_and_its_pdf() {
    for p in portals("portal_documents").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let method = p.add_bank_account(&maria).await;
        let autopay_id = autopay(&p, method).await;
        let mut b = Browser::with_session(&maria);

        let page = b.get(p.addr(), "/documents").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("<h1>Your documents</h1>"));
        assert!(
            page.body
                .contains("href=\"/documents\" aria-current=\"page\">Documents</a>"),
            "the menu names the page"
        );
        let first = format!("/loans/{}", MARIA.0);
        let boarded = format!("/loans/{BOARDED}");
        for link in [
            format!("{first}/truth-in-lending"),
            format!("{first}/truth-in-lending.pdf"),
            format!("{first}/autopay-authorizations/{autopay_id}"),
            format!("{first}/autopay-authorizations/{autopay_id}/pdf"),
            format!("{first}/payoff-letter"),
            format!("{first}/payoff-letter.pdf"),
            format!("{boarded}/transfer-notice"),
            format!("{boarded}/transfer-notice.pdf"),
            format!("{boarded}/truth-in-lending"),
        ] {
            assert!(
                page.body.contains(&format!("href=\"{link}\"")),
                "the list links {link}"
            );
        }
        for title in [
            "Truth in Lending disclosure",
            "AutoPay authorization",
            "Notice of servicing transfer",
            "Payoff letter",
            "Home improvement loan ending 1015",
        ] {
            assert!(page.body.contains(title), "the list shows {title:?}");
        }
        assert!(
            !page.body.contains(&format!("{first}/transfer-notice")),
            "a loan made here has no transfer notice"
        );

        // One loan's documents only; an account number not hers shows all, and says so.
        let one = b.get(p.addr(), &format!("/documents?loan={BOARDED}")).await;
        assert_eq!(one.status, StatusCode::OK);
        assert!(one.body.contains(&format!("{boarded}/transfer-notice")));
        assert!(!one.body.contains(&format!("{first}/truth-in-lending")));
        assert!(one.body.contains("selected"));
        let none = b
            .get(p.addr(), &format!("/documents?loan={}", AISHA.0))
            .await;
        assert_eq!(none.status, StatusCode::OK);
        assert!(
            none.body
                .contains("No loan of yours has the account number")
        );
        assert!(none.body.contains(&format!("{first}/truth-in-lending")));

        // Each page and its PDF.
        for (view, pdf, says) in [
            (
                format!("{first}/truth-in-lending"),
                format!("{first}/truth-in-lending.pdf"),
                "Truth in Lending disclosure",
            ),
            (
                format!("{boarded}/truth-in-lending"),
                format!("{boarded}/truth-in-lending.pdf"),
                "original terms",
            ),
            (
                format!("{boarded}/transfer-notice"),
                format!("{boarded}/transfer-notice.pdf"),
                "Notice of servicing transfer",
            ),
            (
                format!("{first}/autopay-authorizations/{autopay_id}"),
                format!("{first}/autopay-authorizations/{autopay_id}/pdf"),
                "AutoPay authorization",
            ),
        ] {
            let html = b.get(p.addr(), &view).await;
            assert_eq!(html.status, StatusCode::OK, "{view}");
            assert!(html.body.contains(says), "{view} says {says:?}");
            assert!(
                html.body.contains(&format!("href=\"{pdf}\"")),
                "{view} links its PDF"
            );
            let file = b.get(p.addr(), &pdf).await;
            assert_eq!(file.status, StatusCode::OK, "{pdf}");
            assert_eq!(file.headers["content-type"], "application/pdf", "{pdf}");
            assert_eq!(file.headers["cache-control"], "no-store", "{pdf}");
            assert!(file.body.starts_with("%PDF-"), "{pdf}");
        }
        p.finish().await;
    }
}

#[tokio::test]
async fn a_documents_page_and_its_pdf_show_the_same_figures() {
    for p in portals("portal_documents_figures").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let method = p.add_bank_account(&maria).await;
        let autopay_id = autopay(&p, method).await;
        let mut b = Browser::with_session(&maria);
        let login = store::LoginId(1);

        // The disclosure: the loan page's TILA box, on the page and in the PDF.
        let t = p
            .app
            .truth_in_lending(login, MARIA.0.parse().unwrap())
            .await
            .unwrap();
        let tila = p
            .app
            .loan_details(login, MARIA.0.parse().unwrap(), None)
            .await
            .unwrap()
            .unwrap()
            .tila
            .expect("a loan made here has its TILA box");
        assert_eq!(t.finance_charge, tila.finance_charge);
        assert_eq!(t.total_of_payments, tila.total_of_payments);
        let first = format!("/loans/{}", MARIA.0);
        let html = b.get(p.addr(), &format!("{first}/truth-in-lending")).await;
        let pdf = b
            .get(p.addr(), &format!("{first}/truth-in-lending.pdf"))
            .await;
        for figure in [
            format!("{}%", t.apr),
            t.finance_charge.usd().to_string(),
            t.amount_financed.usd().to_string(),
            t.total_of_payments.usd().to_string(),
            t.payments[0].amount.usd().to_string(),
        ] {
            assert!(html.body.contains(&figure), "the page shows {figure}");
            assert!(pdf.body.contains(&figure), "the PDF shows {figure}");
        }

        // The AutoPay authorization: the words as agreed, on the page and in the PDF.
        let a = p
            .app
            .autopay_of(login, MARIA.0.parse().unwrap())
            .await
            .unwrap()
            .unwrap();
        let html = b
            .get(
                p.addr(),
                &format!("{first}/autopay-authorizations/{autopay_id}"),
            )
            .await;
        assert!(html.body.contains("In effect"));
        assert!(html.body.contains("Checking account ending 6789"));
        let first_words: String = a.text.chars().take(60).collect();
        assert!(html.body.contains(&first_words), "the words as agreed");
        // Agreed in English: the version as it has always been, no language named.
        assert_eq!(a.version, "autopay-2026-12d");
        assert_eq!(
            a.version,
            app::payments::autopay::authorization_version(i18n::Lang::En)
        );
        assert!(html.body.contains(&a.version));

        // The transfer notice: the transfer date, and the sixty days.
        let boarded_on = p
            .app
            .loan_details(login, BOARDED.parse().unwrap(), None)
            .await
            .unwrap()
            .unwrap()
            .record
            .boarded_on
            .expect("boarded");
        let html = b
            .get(p.addr(), &format!("/loans/{BOARDED}/transfer-notice"))
            .await;
        assert!(html.body.contains(&long_date(boarded_on)));
        assert!(html.body.contains("For 60 days from"));
        assert!(html.body.contains("Set up AutoPay again"));

        // The payoff letter's page: the figure the PDF has, and a date refused beside the field.
        let today = p.app.business_date().await.unwrap();
        let letter = p
            .app
            .payoff_letter_of(login, MARIA.0.parse().unwrap(), today)
            .await
            .unwrap();
        let html = b.get(p.addr(), &format!("{first}/payoff-letter")).await;
        assert_eq!(html.status, StatusCode::OK);
        assert!(html.body.contains(&format!(
            "<strong>{}</strong> on {}",
            letter.total.usd(),
            long_date(today)
        )));
        assert!(
            html.body
                .contains(&format!("href=\"{first}/payoff-letter.pdf?date={today}\""))
        );
        let past = today.yesterday().unwrap();
        let refused = b
            .get(p.addr(), &format!("{first}/payoff-letter?date={past}"))
            .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);
        assert!(refused.body.contains("id=\"date-error\""));
        assert!(refused.body.contains(&long_date(today)), "{}", refused.body);
        let garbled = b
            .get(p.addr(), &format!("{first}/payoff-letter?date=soon"))
            .await;
        assert_eq!(garbled.status, StatusCode::BAD_REQUEST);
        assert!(garbled.body.contains("like 2026-12-15"));
        p.finish().await;
    }
}

#[tokio::test]
async fn another_borrowers_documents_are_not_found_and_a_missing_document_says_why() {
    for p in portals("portal_documents_scope").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let aisha = p.enrol(AISHA, "aisha.khan").await;
        let method = p.add_bank_account(&maria).await;
        let autopay_id = autopay(&p, method).await;
        let first = format!("/loans/{}", MARIA.0);
        let boarded = format!("/loans/{BOARDED}");

        // Aisha: none of Maria's documents, and no trace of them in her list.
        let mut as_aisha = Browser::with_session(&aisha);
        for path in [
            format!("{first}/truth-in-lending"),
            format!("{first}/truth-in-lending.pdf"),
            format!("{boarded}/transfer-notice"),
            format!("{boarded}/transfer-notice.pdf"),
            format!("{first}/autopay-authorizations/{autopay_id}"),
            format!("{first}/autopay-authorizations/{autopay_id}/pdf"),
            format!("{first}/payoff-letter"),
            format!("{first}/payoff-letter?date=soon"),
            format!("{first}/paid-in-full-letter"),
        ] {
            let r = as_aisha.get(p.addr(), &path).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        }
        let list = as_aisha.get(p.addr(), "/documents").await;
        assert_eq!(list.status, StatusCode::OK);
        assert!(!list.body.contains(MARIA.0) && !list.body.contains(BOARDED));
        assert!(
            list.body
                .contains(&format!("/loans/{}/truth-in-lending", AISHA.0))
        );

        // Maria: her AutoPay is her first loan's, not the boarded one's; an id that is not one.
        let mut b = Browser::with_session(&maria);
        for path in [
            format!("{boarded}/autopay-authorizations/{autopay_id}"),
            format!("{first}/autopay-authorizations/0{autopay_id}"),
            format!("{first}/autopay-authorizations/x"),
        ] {
            let r = b.get(p.addr(), &path).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        }

        // Her loan made here has no transfer notice, and is not paid off: pages saying why.
        let r = b.get(p.addr(), &format!("{first}/transfer-notice")).await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert!(r.body.contains("not moved to us from another servicer"));
        let r = b
            .get(p.addr(), &format!("{first}/paid-in-full-letter"))
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert!(r.body.contains("This loan is not paid off"));
        p.finish().await;
    }
}
