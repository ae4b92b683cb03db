//! Finding a borrower (issue 19): the console's search page as a new agent uses it (by name,
//! by the account number on a statement, by phone; a refused query said beside the box), and
//! `GET /api/v1/borrowers` with a read token (and refused without one).

use app::access::Actor;
use app::api_clients::Scopes;
use axum::http::StatusCode;
use test_support::borrowers::MARIA;
use test_support::http::{Browser, send, urlencode};
use test_support::server::portals;
use test_support::staff::browser;

fn search_path(q: &str) -> String {
    format!("/console/search?q={}", urlencode(q))
}

#[tokio::test]
async fn an_agent_finds_a_borrower_by_name_by_account_number_and_by_phone() {
    for p in portals("console_search_page").await {
        let addr = p.addr();
        let mut agent = browser(&p, "new.agent@example.com", "agent").await;

        let empty = agent.get(addr, "/console/search").await;
        assert_eq!(empty.status, StatusCode::OK, "{}", empty.body);
        for text in [
            "<h1>Find a borrower or loan</h1>",
            "<label class=\"label\" for=\"q\">Search</label>",
            "aria-describedby=\"q-hint\"",
            "role=\"search\"",
        ] {
            assert!(empty.body.contains(text), "the empty page has {text:?}");
        }
        assert!(
            !empty.body.contains("<h2>Results</h2>"),
            "nothing searched yet"
        );

        let maria = &p.demo[0];
        let statement = maria.account_number.grouped();
        let ending = format!("Ending {}: Current", maria.account_number.last4());
        let mut link = String::new();
        for q in ["lopez MARÍA", statement.as_str(), "(217) 555-0143"] {
            let page = agent.get(addr, &search_path(q)).await;
            assert_eq!(page.status, StatusCode::OK, "{q:?}: {}", page.body);
            for text in [
                "Maria Lopez",
                "m•••@example.com",
                "•••-•••-0143",
                "62704",
                "<caption id=\"results-caption\">",
                "<th scope=\"col\">Loans</th>",
                ending.as_str(),
                "days past due",
            ] {
                assert!(page.body.contains(text), "{q:?} shows {text:?}");
            }
            assert!(
                !page.body.contains("2175550143") && !page.body.contains("maria.lopez@"),
                "{q:?}: contact is masked"
            );
            let at = page
                .body
                .find("href=\"/console/borrowers/")
                .expect("a link to the account");
            let href = &page.body[at + 6..];
            let found = &href[..href.find('"').unwrap()];
            if link.is_empty() {
                link = found.to_owned();
            }
            assert_eq!(found, link, "{q:?} finds the same borrower");
            assert!(!page.body.contains("Next page"), "one page");
        }

        let none = agent.get(addr, &search_path("nobody here")).await;
        assert_eq!(none.status, StatusCode::OK);
        assert!(none.body.contains("No borrower matches"), "{}", none.body);

        // A refused query: said beside the box, in the summary, and the box keeps the text.
        let long = "a".repeat(10_000);
        for (q, message) in [
            ("%_'\\", "There is nothing to search for in this"),
            (long.as_str(), "Keep the search to 200 characters"),
            ("1234567", "7 digits are not a number the search knows"),
        ] {
            let page = agent.get(addr, &search_path(q)).await;
            assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{q:?}");
            assert!(page.body.contains(message), "{q:?}: {}", page.body);
            assert!(page.body.contains("aria-invalid=\"true\""), "{q:?}");
            assert!(page.body.contains("class=\"error-summary\""), "{q:?}");
            assert!(page.body.contains("<title>Error: "), "{q:?}");
        }
        let bad_page = agent.get(addr, "/console/search?q=lopez&page=x").await;
        assert_eq!(bad_page.status, StatusCode::UNPROCESSABLE_ENTITY);
        let past = agent.get(addr, "/console/search?q=lopez&page=51").await;
        assert_eq!(past.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(past.body.contains("There is no page 51"), "{}", past.body);

        // Only staff: a borrower's session and no session are sent to sign in.
        let token = p.enrol(MARIA, "maria.lopez").await;
        for mut b in [Browser::default(), Browser::with_session(&token)] {
            let r = b.get(addr, &search_path("lopez")).await;
            assert_eq!(r.status, StatusCode::SEE_OTHER);
            assert_eq!(r.location(), "/console/sign-in");
        }

        let searches = p
            .app
            .store()
            .audit_of(app::search::SEARCH_AUDIT_SUBJECT, 100)
            .await
            .unwrap();
        assert_eq!(searches.len(), 4, "three finds and one with no match");
        assert!(searches.iter().all(|r| r.event.actor.starts_with("staff:")));
        p.finish().await;
    }
}

#[tokio::test]
async fn the_search_api_answers_a_read_token_and_refuses_others() {
    for p in portals("api_borrower_search").await {
        let addr = p.addr();
        let operator = Actor::Operator("test");
        let read = p
            .app
            .create_api_client("reporting", Scopes::parse("read").unwrap(), &operator)
            .await
            .unwrap();
        let payments = p
            .app
            .create_api_client("lockbox", Scopes::parse("payments").unwrap(), &operator)
            .await
            .unwrap();
        let get = move |path: String, token: Option<String>| async move {
            let bearer = token.map(|t| format!("Bearer {t}"));
            let headers: Vec<(&str, &str)> = bearer
                .iter()
                .map(|b| ("authorization", b.as_str()))
                .collect();
            send(addr, "GET", &path, &headers, None).await
        };

        let found = get(
            format!("/api/v1/borrowers?q={}", urlencode("López María")),
            Some(read.clone()),
        )
        .await;
        assert_eq!(found.status, StatusCode::OK, "{}", found.body);
        let json = found.json();
        assert_eq!(json["kinds"], serde_json::json!(["name"]));
        assert_eq!(json["page"], 1);
        assert_eq!(json["has_next"], false);
        let b = &json["borrowers"][0];
        assert_eq!(b["name"], "Maria Lopez");
        assert_eq!(b["email"], "m•••@example.com");
        assert_eq!(b["phone"], "•••-•••-0143");
        assert_eq!(b["zip"], "62704");
        assert!(b["id"].is_i64());
        let loans = b["loans"].as_array().unwrap();
        assert_eq!(loans.len(), 3);
        let last4 = p.demo[0].account_number.last4();
        let first = loans
            .iter()
            .find(|l| l["account_last4"] == last4.as_str())
            .expect("her first loan");
        assert_eq!(first["status"], "active");
        assert!(
            first["balance"]
                .as_str()
                .is_some_and(|s| s.contains('.') && !s.contains('$')),
            "{first}"
        );

        let by_ssn = get("/api/v1/borrowers?q=6789".into(), Some(read.clone())).await;
        assert_eq!(by_ssn.json()["kinds"], serde_json::json!(["ssn_last4"]));
        assert_eq!(by_ssn.json()["borrowers"][0]["name"], "Maria Lopez");
        let nobody = get("/api/v1/borrowers?q=zzzz".into(), Some(read.clone())).await;
        assert_eq!(nobody.status, StatusCode::OK);
        assert_eq!(nobody.json()["borrowers"], serde_json::json!([]));

        for (path, field, message) in [
            ("/api/v1/borrowers", "q", "Type a name"),
            (
                "/api/v1/borrowers?q=%25",
                "q",
                "There is nothing to search for",
            ),
            (
                "/api/v1/borrowers?q=lopez&page=two",
                "page",
                "is not a page number",
            ),
            (
                "/api/v1/borrowers?q=lopez&page=0",
                "page",
                "There is no page 0",
            ),
        ] {
            let r = get(path.into(), Some(read.clone())).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path}: {}", r.body);
            let why = r.json();
            assert_eq!(why["code"], "bad_request", "{path}");
            assert_eq!(why["field"], field, "{path}");
            assert!(
                why["message"].as_str().is_some_and(|m| m.contains(message)),
                "{path}: {why}"
            );
        }
        let long = format!("/api/v1/borrowers?q={}", "a".repeat(10_000));
        let r = get(long, Some(read.clone())).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert_eq!(r.json()["field"], "q");

        let refused = get("/api/v1/borrowers?q=lopez".into(), Some(payments)).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
        assert_eq!(refused.json()["code"], "insufficient_scope");
        let anonymous = get("/api/v1/borrowers?q=lopez".into(), None).await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);

        let searches = p
            .app
            .store()
            .audit_of(app::search::SEARCH_AUDIT_SUBJECT, 100)
            .await
            .unwrap();
        assert_eq!(searches.len(), 3, "each search that ran");
        assert!(searches.iter().all(|r| r.event.actor == "client:reporting"));
        p.finish().await;
    }
}
