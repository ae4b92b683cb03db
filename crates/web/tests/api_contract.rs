//! The API's contract: every route under `/api/v1` is served, is in the OpenAPI document with
//! the answers it can give and the formats it enforces, and an API token calls only the routes
//! its scopes allow. The real server on port 0 over a fresh database (SQLite, and PostgreSQL
//! when `SERVICER_TEST_POSTGRES_URL` is set).

use app::api_clients::{Scope, Scopes};
use axum::http::StatusCode;
use serde_json::Value;
use std::collections::BTreeSet;
use test_support::http::send;
use test_support::server::{Portal, portals};
use web::api::access::{Access, ApiRoute};

/// `pattern` with its parameters filled in: `s`'s demo loan for `{account_number}`, 1 for
/// any other id.
fn concrete(s: &Portal, pattern: &str) -> String {
    let account = s.account();
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let close = open + rest[open..].find('}').expect("a closed parameter");
        out.push_str(&rest[..open]);
        out.push_str(match &rest[open + 1..close] {
            "account_number" => account.as_str(),
            _ => "1",
        });
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Every method and path the OpenAPI document lists.
fn documented(doc: &Value) -> BTreeSet<(String, String)> {
    let methods = [
        "get", "put", "post", "delete", "patch", "head", "options", "trace",
    ];
    doc["paths"]
        .as_object()
        .expect("the document has paths")
        .iter()
        .flat_map(|(path, item)| {
            methods
                .into_iter()
                .filter(|m| item.get(*m).is_some())
                .map(|m| (m.to_uppercase(), path.clone()))
        })
        .collect()
}

/// Every `"/api/v1/…"` string literal in the web crate's source: a route added beside the
/// table (straight onto the router) names its path in one.
fn api_paths_in_source() -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut dirs = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (at, _) in text.match_indices("\"/api/v1/") {
                    let literal = &text[at + 1..];
                    let end = literal.find('"').expect("a closed string");
                    found.insert(literal[..end].to_owned());
                }
            }
        }
    }
    found
}

#[tokio::test]
async fn every_api_route_is_served_and_in_the_openapi_document() {
    let (_, routes) = web::api::routes();
    let served: BTreeSet<(String, String)> = routes
        .iter()
        .map(|r| (r.method.to_owned(), r.path.to_owned()))
        .collect();
    assert_eq!(served.len(), routes.len(), "each route is declared once");
    for r in &routes {
        assert!(r.path.starts_with("/api/v1/"), "{} {}", r.method, r.path);
    }
    let doc = serde_json::to_value(web::api::document()).unwrap();
    let documented = documented(&doc);
    let missing: Vec<String> = served
        .difference(&documented)
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    assert!(
        missing.is_empty(),
        "routes under /api/v1 missing from the OpenAPI document:\n{}",
        missing.join("\n")
    );
    let unserved: Vec<String> = documented
        .difference(&served)
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    assert!(
        unserved.is_empty(),
        "documented but not served:\n{}",
        unserved.join("\n")
    );
    let declared: BTreeSet<&str> = routes.iter().map(|r| r.path).collect();
    let stray: Vec<String> = api_paths_in_source()
        .into_iter()
        .filter(|p| !declared.contains(p.as_str()))
        .collect();
    assert!(
        stray.is_empty(),
        "paths named in crates/web/src but not declared in web::api::routes: {stray:?}"
    );

    for s in portals("api_routes").await {
        for r in &routes {
            let path = concrete(&s, r.path);
            let body = (r.method != "GET" && r.method != "DELETE").then_some("{}");
            let reply = send(s.addr(), r.method, &path, &[], body).await;
            assert_ne!(
                reply.status,
                StatusCode::METHOD_NOT_ALLOWED,
                "{} {path}",
                r.method
            );
            assert!(
                !reply.body.contains("no API route"),
                "{} {path} is not served: {}",
                r.method,
                reply.body
            );
            assert!(
                !reply.status.is_server_error(),
                "{} {path}: {} {}",
                r.method,
                reply.status,
                reply.body
            );
            let op = &doc["paths"][r.path][r.method.to_lowercase()];
            assert!(
                op["responses"][reply.status.as_str()].is_object(),
                "{} {path} answered {}, which its document does not list",
                r.method,
                reply.status
            );
        }
        s.finish().await;
    }
}

#[tokio::test]
async fn a_read_only_token_reads_loans_but_may_not_post_payments() {
    for s in portals("api_read_only").await {
        let read = s
            .app
            .create_api_client(
                "reporting",
                Scopes::parse("read").unwrap(),
                &app::access::Actor::Operator("test"),
            )
            .await
            .unwrap();
        let payments = s
            .app
            .create_api_client(
                "lockbox",
                Scopes::parse("payments").unwrap(),
                &app::access::Actor::Operator("test"),
            )
            .await
            .unwrap();
        let (read, payments) = (format!("Bearer {read}"), format!("Bearer {payments}"));
        let loan = format!("/api/v1/loans/{}", s.account());
        let pay = format!("/api/v1/loans/{}/payments", s.account());
        let body = r#"{"amount":"50.00","channel":"lockbox"}"#;
        let before = s.app.store().payment_counts().await.unwrap();

        let got = send(
            s.addr(),
            "GET",
            &loan,
            &[("authorization", read.as_str())],
            None,
        )
        .await;
        assert_eq!(got.status, StatusCode::OK, "{}", got.body);
        assert_eq!(got.json()["account_number"], s.account().as_str());

        let key = ("idempotency-key", "lockbox-item-0001");
        let refused = send(
            s.addr(),
            "POST",
            &pay,
            &[("authorization", read.as_str()), key],
            Some(body),
        )
        .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
        let why = refused.json();
        assert_eq!(why["code"], "insufficient_scope");
        assert_eq!(
            why["message"],
            "This token may not post payments (needs the payments scope)"
        );
        assert_eq!(
            refused.headers["www-authenticate"],
            "Bearer error=\"insufficient_scope\", scope=\"payments\""
        );
        assert_eq!(
            s.app.store().payment_counts().await.unwrap(),
            before,
            "nothing was posted"
        );

        // A field error names the field apart from its message.
        let zero = send(
            s.addr(),
            "POST",
            &pay,
            &[
                ("authorization", payments.as_str()),
                ("idempotency-key", "lockbox-item-0000"),
            ],
            Some(r#"{"amount":"0","channel":"lockbox"}"#),
        )
        .await;
        assert_eq!(zero.status, StatusCode::BAD_REQUEST, "{}", zero.body);
        let why = zero.json();
        assert_eq!(why["code"], "bad_request");
        assert_eq!(why["field"], "amount");
        assert_eq!(why["message"], "Enter an amount greater than zero");
        let phone = r#"{"amount":"50.00","channel":"phone","bank_account":{"holder_name":"Maria Lopez","routing_number":"123456789","account_number":"12345678","account_type":"checking"}}"#;
        let bad_routing = send(
            s.addr(),
            "POST",
            &pay,
            &[
                ("authorization", payments.as_str()),
                ("idempotency-key", "phone-payment-0001"),
            ],
            Some(phone),
        )
        .await;
        assert_eq!(
            bad_routing.status,
            StatusCode::BAD_REQUEST,
            "{}",
            bad_routing.body
        );
        let why = bad_routing.json();
        assert_eq!(
            why["field"], "bank_account.routing_number",
            "a field inside an object is named by its path"
        );
        assert!(
            why["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("The routing number is not valid")),
            "{why}"
        );
        assert_eq!(
            s.app.store().payment_counts().await.unwrap(),
            before,
            "nothing was posted"
        );

        let posted = send(
            s.addr(),
            "POST",
            &pay,
            &[("authorization", payments.as_str()), key],
            Some(body),
        )
        .await;
        assert_eq!(posted.status, StatusCode::CREATED, "{}", posted.body);
        assert_eq!(posted.json()["status"], "posted");
        assert_ne!(s.app.store().payment_counts().await.unwrap(), before);

        let unread = send(
            s.addr(),
            "GET",
            &loan,
            &[("authorization", payments.as_str())],
            None,
        )
        .await;
        assert_eq!(unread.status, StatusCode::FORBIDDEN);
        assert_eq!(
            unread.json()["message"],
            "This token may not read loans (needs the read scope)"
        );
        let wrong = send(
            s.addr(),
            "GET",
            &loan,
            &[("authorization", "Bearer not-a-token")],
            None,
        )
        .await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED, "a bad token is 401");
        s.finish().await;
    }
}

#[tokio::test]
async fn every_api_client_route_refuses_a_token_without_its_scope() {
    let (_, routes) = web::api::routes();
    let guarded: Vec<(ApiRoute, Scope)> = routes
        .iter()
        .filter_map(|r| match r.access {
            Access::Client(scope) => Some((*r, scope)),
            Access::Public | Access::Borrower { .. } => None,
        })
        .collect();
    assert!(
        guarded.len() >= 2,
        "reading loans and posting payments need scopes"
    );
    let doc = serde_json::to_value(web::api::document()).unwrap();
    for (route, scope) in &guarded {
        let op = &doc["paths"][route.path][route.method.to_lowercase()];
        assert_eq!(
            op["security"],
            serde_json::json!([{ "bearer": [scope.name()] }]),
            "{} {} names its scope",
            route.method,
            route.path
        );
        for status in ["401", "403"] {
            assert!(
                op["responses"][status].is_object(),
                "{} {} documents its {status}",
                route.method,
                route.path
            );
        }
    }
    for s in portals("api_scopes").await {
        for (i, (route, scope)) in guarded.iter().enumerate() {
            let others = Scopes::all().without(*scope);
            if others.is_empty() {
                continue;
            }
            let token = s
                .app
                .create_api_client(
                    &format!("sweep-{i}"),
                    others,
                    &app::access::Actor::Operator("test"),
                )
                .await
                .unwrap();
            let auth = format!("Bearer {token}");
            let path = concrete(&s, route.path);
            // No body and no key: the scope is checked before anything else.
            let reply = send(
                s.addr(),
                route.method,
                &path,
                &[("authorization", auth.as_str())],
                None,
            )
            .await;
            assert_eq!(
                reply.status,
                StatusCode::FORBIDDEN,
                "{} {path} with only {others}: {}",
                route.method,
                reply.body
            );
            let why = reply.json();
            assert_eq!(why["code"], "insufficient_scope");
            assert_eq!(
                why["message"],
                format!(
                    "This token may not {} (needs the {scope} scope)",
                    scope.action()
                )
            );
        }
        s.finish().await;
    }
}

#[test]
fn the_document_states_each_answer_and_the_formats_the_api_enforces() {
    let doc = serde_json::to_value(web::api::document()).unwrap();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let Some(responses) = op.get("responses").and_then(Value::as_object) else {
                continue;
            };
            for (status, answer) in responses {
                if status.starts_with('4') || status.starts_with('5') {
                    assert_eq!(
                        answer["content"]["application/json"]["schema"]["$ref"],
                        "#/components/schemas/ErrorBody",
                        "{method} {path}: {status} carries the error body"
                    );
                }
            }
            let secured = op["security"].as_array().is_some_and(|s| !s.is_empty());
            if secured {
                assert!(responses.contains_key("401"), "{method} {path}: its 401");
            }
            if op.get("requestBody").is_some() {
                assert!(responses.contains_key("400"), "{method} {path}: its 400");
            }
            for p in op["parameters"].as_array().into_iter().flatten() {
                match p["name"].as_str().unwrap() {
                    "account_number" => {
                        assert_eq!(p["schema"]["pattern"], "^[0-9]{16}$", "{method} {path}")
                    }
                    "Idempotency-Key" => {
                        assert_eq!(p["in"], "header");
                        assert_eq!(p["required"], true, "{method} {path}");
                        assert_eq!(p["schema"]["pattern"], "^[!-~]{8,128}$");
                        assert_eq!(p["schema"]["maxLength"], 128);
                    }
                    _ => {}
                }
            }
        }
    }
    for path in ["/api/v1/sessions", "/api/v1/enrollments"] {
        assert!(
            doc["paths"][path]["post"]["responses"]["429"].is_object(),
            "{path}: too many attempts"
        );
    }
    let schemas = &doc["components"]["schemas"];
    let amount = r"^\$?[0-9][0-9,]*(\.[0-9]{1,2})?$";
    let field = |schema: &str, name: &str| schemas[schema]["properties"][name].clone();
    assert_eq!(field("ReceivedPaymentBody", "amount")["pattern"], amount);
    assert_eq!(field("AutopayBody", "fixed_amount")["pattern"], amount);
    assert_eq!(
        field("AutopayBody", "frequency")["pattern"],
        "^(monthly|twice_monthly|biweekly)$"
    );
    assert_eq!(field("AutopayBody", "start")["format"], "date");
    assert_eq!(
        field("ReceivedPaymentBody", "received_on")["format"],
        "date"
    );
    assert_eq!(field("PaymentBody", "date")["format"], "date");
    assert_eq!(field("LoanJson", "as_of")["format"], "date");
    assert_eq!(field("NewMessageRequest", "subject")["maxLength"], 120);
    assert_eq!(field("NewMessageRequest", "body")["maxLength"], 5000);
    assert_eq!(
        field("BankAccountRequest", "routing_number")["pattern"],
        "^[0-9]{9}$"
    );
    assert_eq!(
        field("EnrollRequest", "account_number")["pattern"],
        "^[0-9]{16}$"
    );
    assert!(
        doc["components"]["securitySchemes"]["bearer"]["description"]
            .as_str()
            .unwrap()
            .contains("`payments`"),
        "the scopes are explained"
    );
}
