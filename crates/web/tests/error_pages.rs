//! Issue 22, item 9: an error page raised inside the portal's handlers (a loan that is not the
//! borrower's, a letter refused, the 500 page) keeps a signed-in borrower's header, as every
//! other page does; signed out, the same pages offer to sign in. Over HTTP against the real
//! server (SQLite, and PostgreSQL when `SERVICER_TEST_POSTGRES_URL` is set); the 500 page
//! through the layer itself (`InVisitorChrome`), since no portal page fails on demand.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use http_body_util::BodyExt;
use test_support::borrowers::{AISHA, MARIA};
use test_support::http::Browser;
use test_support::server::portals;
use tower::ServiceExt;
use web::AppState;
use web::kit::PageError;
use web::portal::SESSION_COOKIE;
use web::portal::error_pages::InVisitorChrome;

/// The page has the signed-in borrower's header: their menu and the sign-out form.
fn signed_in(body: &str) -> bool {
    body.contains("action=\"/logout\"")
        && body.contains(">Your loans</a>")
        && !body.contains(">Sign in</a>")
}

#[tokio::test]
async fn error_pages_raised_inside_the_portal_keep_a_signed_in_borrowers_header() {
    for p in portals("error_pages_signed_in").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let aisha = p.enrol(AISHA, "aisha.khan").await;
        let loan = format!("/loans/{}", MARIA.0);

        // Maria's loan, asked for by Aisha: the 404 of a loan that is not hers, in her header.
        let mut as_aisha = Browser::with_session(&aisha);
        for path in [
            loan.clone(),
            format!("{loan}/schedule"),
            format!("{loan}/payoff-letter.pdf"),
            "/loans/not-a-number".to_owned(),
            "/payments/999999".to_owned(),
        ] {
            let r = as_aisha.get(p.addr(), &path).await;
            assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
            assert!(r.body.contains("Page not found"), "{path}: {}", r.body);
            assert!(signed_in(&r.body), "{path}: {}", r.body);
        }

        // The console's pages are not the borrower's: a browser with a borrower's session
        // that asks for a console address gets the console's answer, never her header.
        for path in ["/console/no/such/page", "/console/borrowers/1"] {
            let r = as_aisha.get(p.addr(), path).await;
            assert!(!signed_in(&r.body), "{path}: {}", r.body);
        }

        // A letter refused: Maria's loan is not paid off, and a payoff date that is no date.
        let mut b = Browser::with_session(&maria);
        let r = b
            .get(p.addr(), &format!("{loan}/paid-in-full-letter.pdf"))
            .await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert!(r.body.contains("This loan is not paid off"), "{}", r.body);
        assert!(signed_in(&r.body), "{}", r.body);
        let r = b
            .get(p.addr(), &format!("{loan}/payoff-letter.pdf?date=someday"))
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.body.contains("No letter for this loan"), "{}", r.body);
        assert!(signed_in(&r.body), "{}", r.body);

        // Signed out, an error page offers to sign in.
        let mut anyone = Browser::default();
        let r = anyone.get(p.addr(), "/no/such/page").await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert!(r.body.contains(">Sign in</a>"), "{}", r.body);
        assert!(!r.body.contains("action=\"/logout\""), "{}", r.body);

        // The 500 page: a handler's failure of ours, in the header of the session the request
        // names; the error id is still shown.
        let failing = Router::new()
            .route(
                "/fails",
                get(|| async { PageError::Internal("e1a2b3".into()).into_response() }),
            )
            .layer(InVisitorChrome::new(AppState::new(p.app.clone())));
        let ask = |token: Option<&str>| {
            let mut req = Request::get("/fails");
            if let Some(token) = token {
                req = req.header(header::COOKIE, format!("{SESSION_COOKIE}={token}"));
            }
            req.body(Body::empty()).unwrap()
        };
        for (token, signed) in [(Some(maria.as_str()), true), (None, false)] {
            let res = failing.clone().oneshot(ask(token)).await.unwrap();
            assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
            let body =
                String::from_utf8(res.into_body().collect().await.unwrap().to_bytes().to_vec())
                    .unwrap();
            assert!(body.contains("e1a2b3"), "the error id: {body}");
            assert_eq!(signed_in(&body), signed, "{body}");
            assert_eq!(body.contains(">Sign in</a>"), !signed, "{body}");
        }
        p.finish().await;
    }
}
