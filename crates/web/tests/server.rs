//! The real server on port 0 over a fresh database (SQLite, and PostgreSQL when
//! `SERVICER_TEST_POSTGRES_URL` is set), spoken to over HTTP.

use app::clock::test_app;
use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::routing::get;
use http_body_util::BodyExt;
use std::time::Duration;
use store::testing::fresh;
use test_support::http::{Reply, request};
use test_support::server::{Boot, Portal, boot};
use tower::ServiceExt;
use web::Config;
use web::server::start;

/// The server over each fresh store (no demo portfolio), serving metrics too.
async fn servers(test: &str) -> Vec<Portal> {
    boot(
        test,
        Boot {
            metrics: true,
            ..Boot::default()
        },
    )
    .await
}

fn assert_security_headers(r: &Reply, what: &str) {
    let csp = r
        .headers
        .get("content-security-policy")
        .unwrap_or_else(|| panic!("{what}: no CSP"))
        .to_str()
        .unwrap();
    assert!(
        csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
        "{what}: {csp}"
    );
    for h in [
        "x-content-type-options",
        "x-frame-options",
        "referrer-policy",
        "strict-transport-security",
        "x-request-id",
    ] {
        assert!(r.headers.contains_key(h), "{what}: missing {h}");
    }
}

#[tokio::test]
async fn the_landing_and_help_pages_are_served_with_security_headers() {
    for Portal { running, db, .. } in servers("pages").await {
        let landing = request(running.addr, "/", None).await;
        assert_eq!(landing.status, StatusCode::OK);
        assert_security_headers(&landing, "landing");
        assert!(
            landing.body.contains("<html lang=\"en\">")
                && landing.body.contains("Skip to main content")
        );
        assert!(
            landing
                .body
                .contains("your account number and due date stay the same")
        );

        let help = request(running.addr, "/help", None).await;
        assert_eq!(help.status, StatusCode::OK);
        for words in [
            "PO Box 4410",
            "16-digit account number",
            "must set up AutoPay again",
            "1-800-555-0143",
            "debit card",
        ] {
            assert!(help.body.contains(words), "Help lacks {words:?}");
        }
        let found = request(running.addr, "/help/search?q=late+fee", None).await;
        assert_eq!(found.status, StatusCode::OK);
        assert!(
            found.body.contains("When is a payment late?") && !found.body.contains("PO Box 4410"),
            "only what matches"
        );
        let none = request(running.addr, "/help/search?q=%3Cscript%3Ebitcoin", None).await;
        assert!(
            none.body.contains("No answers match") && none.body.contains("&#60;script&#62;bitcoin"),
            "{}",
            none.body
        );
        assert!(!none.body.contains("<script>"), "the query is escaped");
        assert_eq!(
            request(running.addr, "/help/search", None).await.status,
            StatusCode::OK,
            "an empty search is harmless"
        );
        let css = request(running.addr, "/static/site.css", None).await;
        assert!(
            css.headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/css")
        );

        let missing = request(running.addr, "/no/such/page", None).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert_security_headers(&missing, "404");
        assert!(missing.body.contains("Page not found"));
        running.shutdown().await;
        db.finish().await;
    }
}

#[tokio::test]
async fn health_readiness_and_metrics_answer_where_they_should() {
    for Portal { running, db, .. } in servers("ops").await {
        assert_eq!(request(running.addr, "/healthz", None).await.body, "ok");
        assert_eq!(
            request(running.addr, "/readyz", None).await.status,
            StatusCode::OK
        );
        assert_eq!(
            request(running.addr, "/metrics", None).await.status,
            StatusCode::NOT_FOUND,
            "not on the public listener"
        );
        let metrics = request(running.metrics_addr.unwrap(), "/metrics", None).await;
        assert!(
            metrics.body.contains("http_requests_total"),
            "{}",
            metrics.body
        );
        assert!(metrics.body.contains("servicer_jobs"));
        running.shutdown().await;
        db.finish().await;
    }
}

#[tokio::test]
async fn the_api_reads_one_loan_for_a_valid_token_only() {
    for Portal {
        running, app, db, ..
    } in servers("api").await
    {
        let shown = app.seed_demo().await.unwrap();
        let account = shown[0].account_number.to_string();
        let path = format!("/api/v1/loans/{account}");
        let anonymous = request(running.addr, &path, None).await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
        assert_eq!(anonymous.headers["www-authenticate"], "Bearer");
        assert_security_headers(&anonymous, "401");
        assert_eq!(
            request(running.addr, &path, Some("wrong")).await.status,
            StatusCode::UNAUTHORIZED
        );

        let token = Some(app::demo::DEMO_API_TOKEN);
        let ok = request(running.addr, &path, token).await;
        assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
        let json: serde_json::Value = serde_json::from_str(&ok.body).unwrap();
        assert_eq!(json["account_number"], account.as_str());
        assert_eq!(json["status"], "active");
        assert!(
            json["principal"].as_str().unwrap().contains('.'),
            "money is a decimal string"
        );

        let mistyped = format!(
            "{}{}",
            &account[..15],
            (account.as_bytes()[15] - b'0' + 1) % 10
        );
        let bad = request(running.addr, &format!("/api/v1/loans/{mistyped}"), token).await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(bad.body.contains("account_number"), "{}", bad.body);
        let unknown = domain::account_number::AccountNumber::from_base(123_456_789);
        assert_eq!(
            request(running.addr, &format!("/api/v1/loans/{unknown}"), token)
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            request(running.addr, "/api/v1/nothing", token).await.status,
            StatusCode::NOT_FOUND
        );

        let doc = request(running.addr, "/api/v1/openapi.json", None).await;
        let doc: serde_json::Value = serde_json::from_str(&doc.body).unwrap();
        assert!(doc["paths"]["/api/v1/loans/{account_number}"]["get"].is_object());
        running.shutdown().await;
        db.finish().await;
    }
}

#[tokio::test]
async fn a_panic_becomes_a_500_with_an_error_id_and_big_bodies_are_refused() {
    async fn boom() -> &'static str {
        panic!("secret detail")
    }
    let routes = Router::new()
        .route("/boom", get(boom).post(|| async { "ok" }))
        .route("/api/v1/echo", axum::routing::post(|| async { "ok" }));
    let app = web::layers::wrap(routes, Duration::from_secs(5), 1024);
    let res = app
        .clone()
        .oneshot(Request::get("/boom").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(res.headers().contains_key("content-security-policy"));
    let body =
        String::from_utf8(res.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
    assert!(
        body.contains("quote error") && !body.contains("secret detail"),
        "{body}"
    );

    // A body over the limit: the site's own page (not the limit's line of plain text), which
    // says nothing was saved and links back to the page the form was on.
    let big = |path: &str| {
        Request::post(path)
            .header("host", "servicer.test")
            .header("referer", "http://servicer.test/messages/new")
            .header("content-length", "4096")
            .body(Body::from(vec![b'x'; 4096]))
            .unwrap()
    };
    let page = app.clone().oneshot(big("/boom")).await.unwrap();
    assert_eq!(page.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(page.headers().contains_key("content-security-policy"));
    assert!(
        page.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let body = String::from_utf8(
        page.into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec(),
    )
    .unwrap();
    assert!(body.contains("That was too much to send"), "{body}");
    assert!(body.contains("Nothing was saved or changed"), "{body}");
    assert!(body.contains("href=\"/messages/new\""), "{body}");
    // Another site's referer is no link of ours.
    let elsewhere = Request::post("/boom")
        .header("host", "servicer.test")
        .header("referer", "https://evil.test/messages/new")
        .header("content-length", "4096")
        .body(Body::from(vec![b'x'; 4096]))
        .unwrap();
    let page = app.clone().oneshot(elsewhere).await.unwrap();
    let body = String::from_utf8(
        page.into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec(),
    )
    .unwrap();
    assert!(!body.contains("Back to the page you were on"), "{body}");
    // The API's answer is its JSON error.
    let api = app.oneshot(big("/api/v1/echo")).await.unwrap();
    assert_eq!(api.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let json: serde_json::Value =
        serde_json::from_slice(&api.into_body().collect().await.unwrap().to_bytes()).unwrap();
    assert_eq!(json["code"], "too_large", "{json}");
}

#[tokio::test]
async fn a_panic_page_is_in_the_visitors_language() {
    async fn boom() -> &'static str {
        panic!("secret detail")
    }
    let app = web::layers::wrap(
        Router::new()
            .route("/boom", get(boom))
            .route("/console/boom", get(boom).post(|| async { "ok" }))
            .route("/api/v1/boom", get(boom)),
        Duration::from_secs(5),
        1024,
    );
    let body_of = |res: axum::response::Response| async move {
        String::from_utf8(res.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap()
    };

    // A browser that asks for Spanish: the 500 page in Spanish, the error id still quoted.
    let res = app
        .clone()
        .oneshot(
            Request::get("/boom")
                .header("accept-language", "es-MX,es;q=0.9,en;q=0.8")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(res.headers().contains_key("content-security-policy"));
    let body = body_of(res).await;
    for words in [
        r#"<html lang="es">"#,
        "Lo sentimos, algo salió mal",
        "No pudimos completar esta solicitud.",
        "mencione el error",
    ] {
        assert!(body.contains(words), "{words:?}: {body}");
    }
    assert!(!body.contains("Sorry, something went wrong"), "{body}");
    assert!(!body.contains("secret detail"), "{body}");

    // The visitor's choice (the language cookie) over what the browser asks for.
    let res = app
        .clone()
        .oneshot(
            Request::get("/boom")
                .header("accept-language", "es")
                .header("cookie", "__Host-lang=en")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let body = body_of(res).await;
    assert!(body.contains("Sorry, something went wrong"), "{body}");
    assert!(!body.contains("Lo sentimos"), "{body}");

    // The staff console is English, and the API's answer is as it was, whatever the browser
    // asks for.
    for path in ["/console/boom", "/api/v1/boom"] {
        let res = app
            .clone()
            .oneshot(
                Request::get(path)
                    .header("accept-language", "es")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR, "{path}");
        let body = body_of(res).await;
        assert!(
            body.contains("Sorry, something went wrong"),
            "{path}: {body}"
        );
        assert!(!body.contains("Lo sentimos"), "{path}: {body}");
        assert!(!body.contains("secret detail"), "{path}: {body}");
    }
    // So is the console's page of a form too large to read.
    let res = app
        .oneshot(
            Request::post("/console/boom")
                .header("accept-language", "es")
                .header("content-length", "4096")
                .body(Body::from(vec![b'x'; 4096]))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body = body_of(res).await;
    assert!(body.contains("That was too much to send"), "{body}");
    assert!(body.contains(r#"<html lang="en">"#), "{body}");
}

#[tokio::test]
async fn a_portal_form_too_large_is_answered_with_the_sites_own_page() {
    for db in fresh("too_large").await {
        let (app, _clock) = test_app(db.store.clone(), "2026-11-25T15:00:00Z");
        let router = web::server::router(app.clone(), &Config::default());
        let form = format!(
            "csrf=x&subject=Hello&body={}",
            "x".repeat(Config::default().body_limit_bytes + 1)
        );
        let res = router
            .oneshot(
                Request::post("/messages")
                    .header("host", "servicer.test")
                    .header("referer", "http://servicer.test/messages/new")
                    .header("content-type", "application/x-www-form-urlencoded")
                    .header("content-length", form.len().to_string())
                    .body(Body::from(form))
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
        let body = String::from_utf8(res.into_body().collect().await.unwrap().to_bytes().to_vec())
            .unwrap();
        assert!(
            body.contains("<html lang=\"en\">"),
            "the site's page: {body}"
        );
        assert!(body.contains("That was too much to send"));
        assert!(body.contains("Back button"));
        assert!(body.contains("href=\"/messages/new\""));
        db.finish().await;
    }
}

#[tokio::test]
async fn a_request_that_takes_too_long_is_answered_503_with_the_headers() {
    async fn slow() -> &'static str {
        tokio::time::sleep(Duration::from_secs(5)).await;
        "late"
    }
    let app = web::layers::wrap(
        Router::new().route("/slow", get(slow)),
        Duration::from_millis(50),
        1024,
    );
    let res = app
        .oneshot(Request::get("/slow").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(res.headers().contains_key("content-security-policy"));
    assert!(res.headers().contains_key("x-request-id"));
}

#[tokio::test]
async fn the_demo_mailbox_exists_only_in_demo_mode() {
    for db in fresh("mailbox").await {
        let (app, _clock) = test_app(db.store.clone(), "2026-11-25T15:00:00Z");
        app.seed_demo().await.unwrap();
        let config = |demo| Config {
            listen: "127.0.0.1:0".parse().unwrap(),
            metrics_listen: None,
            run_worker: false,
            demo,
            ..Config::default()
        };
        let production = web::server::router(app.clone(), &config(false));
        let res = production
            .oneshot(Request::get("/demo/mailbox").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(
            res.status(),
            StatusCode::NOT_FOUND,
            "never outside demo mode"
        );

        let running = start(app.clone(), &config(true)).await.unwrap();
        let page = request(running.addr, "/demo/mailbox", None).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(
            page.body.contains("is now serviced by"),
            "Maria's notice of transfer"
        );
        assert!(page.body.contains("Set up AutoPay again"));
        assert_security_headers(&page, "mailbox");
        running.shutdown().await;
        db.finish().await;
    }
}

/// Issue 17: a client's `X-Request-Id` reached the human log as sent, so spaces and quotes
/// could forge fields. Only a safe id is kept; anything else is replaced by one of ours.
#[tokio::test]
async fn a_request_id_that_could_forge_a_log_field_is_replaced_and_a_safe_one_kept() {
    let app = web::layers::wrap(
        Router::new().route("/", get(|| async { "ok" })),
        Duration::from_secs(5),
        1024,
    );
    let id_for = |sent: &str| {
        let app = app.clone();
        let sent = sent.to_owned();
        async move {
            let res = app
                .oneshot(
                    Request::get("/")
                        .header("x-request-id", sent)
                        .body(Body::empty())
                        .unwrap(),
                )
                .await
                .unwrap();
            res.headers()["x-request-id"].to_str().unwrap().to_owned()
        }
    };
    let too_long = "x".repeat(65);
    for forged in ["a b\"c level=error", "a\"b", too_long.as_str()] {
        let id = id_for(forged).await;
        assert_ne!(id, forged, "not echoed");
        assert!(
            !id.is_empty() && id.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-'),
            "one of ours: {id:?}"
        );
    }
    assert_eq!(id_for("abc-123.X_y").await, "abc-123.X_y");
}

/// Issue 17: a connection that never finished its headers was held for minutes. It is closed
/// once the header-read timeout passes (measured loosely: within ten times the timeout).
#[tokio::test]
async fn a_connection_that_never_finishes_its_headers_is_closed() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let timeout = Duration::from_secs(1);
    let server = tokio::spawn(web::server::serve(
        listener,
        Router::new().route("/", get(|| async { "ok" })),
        timeout,
        async move {
            let _ = stopped.await;
        },
    ));
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let started = std::time::Instant::now();
    let mut answer = Vec::new();
    // EOF or a reset: either way the server let go.
    let closed = tokio::time::timeout(timeout * 10, stream.read_to_end(&mut answer)).await;
    assert!(closed.is_ok(), "still open after {:?}", started.elapsed());
    assert!(
        !String::from_utf8_lossy(&answer).contains("200 OK"),
        "the request was never answered"
    );
    let _ = stop.send(());
    tokio::time::timeout(Duration::from_secs(10), server)
        .await
        .expect("the server stops")
        .unwrap();
}

/// Serving connections ourselves (for the header-read timeout) keeps graceful shutdown: a
/// request in flight when the server is told to stop is answered before it stops.
#[tokio::test]
async fn stopping_the_server_finishes_the_request_in_flight() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let entered = std::sync::Arc::new(tokio::sync::Notify::new());
    let handler_entered = entered.clone();
    let router = Router::new().route(
        "/slow",
        get(move || {
            let entered = handler_entered.clone();
            async move {
                entered.notify_one();
                tokio::time::sleep(Duration::from_millis(300)).await;
                "done"
            }
        }),
    );
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(web::server::serve(
        listener,
        router,
        web::server::HEADER_READ_TIMEOUT,
        async move {
            let _ = stopped.await;
        },
    ));
    let reply = tokio::spawn(request(addr, "/slow", None));
    entered.notified().await;
    let _ = stop.send(());
    let reply = reply.await.unwrap();
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body, "done");
    tokio::time::timeout(Duration::from_secs(10), server)
        .await
        .expect("the server stops once the request is answered")
        .unwrap();
}

/// Issue 17: the SQLite database (and the -wal and -shm files SQLite makes beside it) and the
/// generated demo key are readable by the servicer's user only.
#[cfg(unix)]
#[tokio::test]
async fn the_database_and_the_demo_key_are_created_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = test_support::scratch::dir("web-modes");
    let config = Config {
        database_url: format!("sqlite://{}", dir.join("servicer.db").display()),
        demo_key_file: dir.join("servicer-demo.key").display().to_string(),
        encryption_keys: None,
        ..Config::default()
    };
    let app = web::bootstrap::open_app(&config).await.unwrap();
    for (name, always) in [
        ("servicer.db", true),
        ("servicer-demo.key", true),
        ("servicer.db-wal", false),
        ("servicer.db-shm", false),
    ] {
        let path = dir.join(name);
        if !always && !path.exists() {
            continue;
        }
        let mode = std::fs::metadata(&path)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .permissions()
            .mode();
        assert_eq!(
            mode & 0o077,
            0,
            "{name} is mode {mode:o}: others can read it"
        );
    }
    app.store().close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// A request answered before its body was read (a borrower route refusing a token that is no
/// session, before the JSON) leaves the rest of the body on the wire: the answer says
/// `Connection: close`, so a client opens a new connection instead of sending its next request
/// into one about to close (Schemathesis met that as "closed without response"). A request
/// whose body was read, and one without a body, keep the connection.
#[tokio::test]
async fn a_request_answered_before_its_body_was_read_closes_its_connection() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    for p in servers("unread_body").await {
        let answer = |request: String| {
            let addr = p.addr();
            async move {
                let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
                s.write_all(request.as_bytes()).await.unwrap();
                let mut buf = vec![0u8; 16 * 1024];
                let n = s.read(&mut buf).await.unwrap();
                String::from_utf8_lossy(&buf[..n]).to_lowercase()
            }
        };
        let body = format!(
            "{{\"subject\": \"x\", \"body\": \"{}\"}}",
            "0".repeat(5_000)
        );
        let unread = answer(format!(
            "POST /api/v1/me/messages HTTP/1.1\r\nhost: x\r\nauthorization: Bearer nobody\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        ))
        .await;
        assert!(unread.starts_with("http/1.1 401"), "{unread}");
        assert!(unread.contains("connection: close"), "{unread}");
        let bodiless = answer("GET /api/v1/me/profile HTTP/1.1\r\nhost: x\r\n\r\n".into()).await;
        assert!(bodiless.starts_with("http/1.1 401"), "{bodiless}");
        assert!(!bodiless.contains("connection: close"), "{bodiless}");
        p.finish().await;
    }
}
