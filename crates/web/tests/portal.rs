//! The portal's security, tested over HTTP against the real server (SQLite, and PostgreSQL
//! when `SERVICER_TEST_POSTGRES_URL` is set): every route that takes an id, called with
//! another borrower's session, answers as for an id that does not exist; session tokens
//! change at every step; idle and absolute timeouts on the test clock; cross-site forms
//! refused; throttling; no enumeration; security headers on every page.

use app::identity::ClientInfo;
use axum::http::{Method, StatusCode};
use test_support::borrowers::{AISHA, MARIA, PASSWORD};
use test_support::http::{Browser, urlencode};
use test_support::server::{Portal, portals};
use web::kit::identity_refusals::form_field;
use web::portal::{RouteSpec, Takes, routes};

/// Extra request headers.
type Headers<'a> = Vec<(&'a str, &'a str)>;

fn v_token(r: &(StatusCode, serde_json::Value)) -> Option<String> {
    r.1["token"].as_str().map(str::to_owned)
}

/// A pending bank payment of Maria's (login 1) on her first loan.
async fn pending_payment(p: &Portal, method: &str) -> i64 {
    let req = app::payments::one_time::PaymentRequest {
        account: MARIA.0.parse().unwrap(),
        method: store::PaymentMethodId(method.parse().unwrap()),
        amount: app::payments::one_time::AmountChoice::Other(money::Money::from_cents(1_000)),
        date: None,
        extra: domain::loan::ExtraTo::Principal,
    };
    let key = app::identity::random_token()[..24].to_owned();
    p.app
        .make_payment(store::LoginId(1), &key, &req, &ClientInfo::default())
        .await
        .unwrap()
        .payment
        .id
        .0
}

/// A statement on Maria's first loan (as close of business would issue it).
async fn statement_of_maria(p: &Portal) -> i64 {
    let (loan, _) = p
        .app
        .store()
        .loan_by_account_number(MARIA.0.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let d = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
    let m = money::Money::from_cents;
    let figures = documents::Statement {
        servicer_name: "Servicer Demo Lending".into(),
        servicer_phone: "1-800-555-0142".into(),
        website: "http://127.0.0.1".into(),
        remit_to: vec!["PO Box 4410".into()],
        borrower_name: "Maria Lopez".into(),
        borrower_address: vec!["62704".into()],
        account_number: MARIA.0.into(),
        statement_date: d("2026-11-10"),
        period_start: d("2026-10-11"),
        due_date: d("2026-12-01"),
        amount_due: m(30_000),
        current_payment: m(30_000),
        past_due: m(0),
        days_past_due: 0,
        principal: m(1_000_000),
        interest: m(100),
        fees: m(0),
        unapplied: m(0),
        fees_this_period: m(0),
        interest_this_period: m(5_000),
        interest_paid_this_year: m(40_000),
        activity: Vec::new(),
        late_fee_after: d("2026-12-11"),
        late_fee: m(2_500),
        autopay: false,
        // $10,251.00 − $300.00 paid + $50.00 interest = $10,001.00.
        reconciliation: Some(documents::Reconciliation {
            previous_balance: m(1_025_100),
            payments_principal: m(20_000),
            payments_interest: m(10_000),
            payments_fees: m(0),
            payments_returned: m(0),
            interest_charged: m(5_000),
            fees_charged: m(0),
            fees_waived: m(0),
            interest_waived: m(0),
            new_balance: m(1_000_100),
        }),
    };
    let mut tx = p.app.store().begin().await.unwrap();
    let id = tx
        .insert_statement(
            &store::StoredStatement {
                id: 0,
                loan,
                statement_date: figures.statement_date,
                issued_on: figures.statement_date,
                due_date: figures.due_date,
                amount_due: figures.amount_due,
                delivery: "electronic".into(),
                body: serde_json::to_string(&figures).unwrap(),
            },
            0,
        )
        .await
        .unwrap()
        .unwrap();
    tx.commit().await.unwrap();
    id
}

/// A live AutoPay on Maria's first loan (the routes that change or cancel one need one).
async fn ensure_autopay(p: &Portal, method: &str) {
    let account = MARIA.0.parse().unwrap();
    if p.app
        .autopay_of(store::LoginId(1), account)
        .await
        .unwrap()
        .is_none()
    {
        let req = app::payments::autopay::AutopayRequest {
            account,
            method: store::PaymentMethodId(method.parse().unwrap()),
            fixed_amount: None,
            days_before_due: 0,
            cadence: domain::autopay::Cadence::Monthly,
        };
        p.app
            .enroll_autopay(store::LoginId(1), &req, true, &ClientInfo::default())
            .await
            .unwrap();
    }
}

/// Fills a route's path parameters with `id`.
fn path_with(spec: &RouteSpec, id: &str) -> String {
    // A statement or an AutoPay authorization is Maria's loan's; the id at stake is its own.
    let account = if matches!(spec.takes, Takes::Statement | Takes::Autopay) {
        MARIA.0
    } else {
        id
    };
    spec.path
        .replace("{account_number}", account)
        .replace("{statement_id}", id)
        .replace("{autopay_id}", id)
        .replace("{method_id}", id)
        .replace("{payment_id}", id)
        .replace("{id}", id)
        // A year-end summary's year: the demo's business year, always one of its loans'.
        .replace("{year}", "2026")
}

/// What a route that needs more than its id is sent: form fields for portal forms, a JSON
/// body for the API (so the request reaches the check of the id, as a real one would).
fn body_for(path: &str, method_id: &str) -> (Vec<(&'static str, String)>, Option<String>) {
    let key = app::identity::random_token()[..24].to_owned();
    match path {
        "/loans/{account_number}/pay" | "/loans/{account_number}/pay/review" => (
            vec![
                ("method", method_id.to_owned()),
                ("amount", "other".into()),
                ("other_amount", "10.00".into()),
                ("when", "today".into()),
                ("extra", "principal".into()),
                ("key", key),
            ],
            None,
        ),
        "/loans/{account_number}/autopay" | "/loans/{account_number}/autopay/review" => (
            vec![
                ("method", method_id.to_owned()),
                ("amount", "scheduled".into()),
                ("days_before_due", "0".into()),
                ("agree", "yes".into()),
            ],
            None,
        ),
        "/api/v1/me/loans/{account_number}/payments"
        | "/api/v1/me/loans/{account_number}/payments/quote" => (
            Vec::new(),
            Some(format!(r#"{{"method_id":{method_id},"amount":"10.00"}}"#)),
        ),
        "/api/v1/me/loans/{account_number}/autopay"
        | "/api/v1/me/loans/{account_number}/autopay/authorization" => (
            Vec::new(),
            Some(format!(r#"{{"method_id":{method_id},"agree":true}}"#)),
        ),
        // Maria's first loan is due on the 20th: the 28th is within the window.
        "/api/v1/me/loans/{account_number}/due-date" => {
            (Vec::new(), Some(r#"{"day":28}"#.to_owned()))
        }
        _ => (Vec::new(), None),
    }
}

#[tokio::test]
async fn every_route_that_takes_an_id_answers_another_borrowers_id_as_one_that_does_not_exist() {
    for p in portals("portal_scope").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let aisha = p.enrol(AISHA, "aisha.khan").await;
        // Something of Maria's for every kind of id: a loan and a secure message.
        let mut as_maria = Browser::with_session(&maria);
        let sent = as_maria
            .post_form(
                p.addr(),
                "/messages/new",
                "/messages",
                &[("subject", "Mine"), ("body", "Private")],
            )
            .await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER);
        let marias_message = p
            .app
            .store()
            .secure_messages(store::LoginId(1))
            .await
            .unwrap()[0]
            .id
            .to_string();
        let marias_statement = statement_of_maria(&p).await.to_string();
        let (_, mut specs) = routes();
        specs.extend(web::api::borrower::routes().1);
        let mut covered = 0;
        for spec in specs.iter().filter(|s| s.takes != Takes::Nothing) {
            // A fresh one of Maria's for each route: some routes remove what they are given.
            let marias_method = p.add_bank_account(&maria).await.to_string();
            // And a pending payment and a live AutoPay, for the routes that take or need them.
            let marias_payment = pending_payment(&p, &marias_method).await.to_string();
            ensure_autopay(&p, &marias_method).await;
            let marias_autopay = p
                .app
                .autopay_of(store::LoginId(1), MARIA.0.parse().unwrap())
                .await
                .unwrap()
                .expect("a live AutoPay")
                .id
                .0
                .to_string();
            let (hers, none) = match spec.takes {
                Takes::Loan => (MARIA.0.to_owned(), "5218400000009999".to_owned()),
                Takes::Message => (marias_message.clone(), "999999".to_owned()),
                Takes::PaymentMethod => (marias_method.clone(), "999999".to_owned()),
                Takes::Payment => (marias_payment, "999999".to_owned()),
                Takes::Statement => (marias_statement.clone(), "999999".to_owned()),
                Takes::Autopay => (marias_autopay, "999999".to_owned()),
                Takes::Nothing => unreachable!(),
            };
            let (fields, json) = body_for(spec.path, &marias_method);
            let idempotency = app::identity::random_token()[..24].to_owned();
            assert!(
                spec.signed_in,
                "{} takes an id, so it must need a sign-in",
                spec.path
            );
            let method = Method::from_bytes(spec.method.as_bytes()).unwrap();
            let (mut as_aisha, mut as_maria) = (Browser::with_session(&aisha), as_maria.clone());
            let (bearer_a, bearer_m) = (format!("Bearer {aisha}"), format!("Bearer {maria}"));
            let api = spec.path.starts_with("/api/");
            let (mut auth_a, mut auth_m): (Headers, Headers) = if api {
                (
                    vec![("authorization", bearer_a.as_str())],
                    vec![("authorization", bearer_m.as_str())],
                )
            } else {
                (Vec::new(), Vec::new())
            };
            if json.is_some() {
                for h in [&mut auth_a, &mut auth_m] {
                    h.push(("content-type", "application/json"));
                    h.push(("idempotency-key", idempotency.as_str()));
                }
            }
            // A form post carries the sender's own CSRF token, so only the id is at stake.
            let csrf_a = as_aisha.get(p.addr(), "/dashboard").await.csrf();
            let csrf_m = as_maria.get(p.addr(), "/dashboard").await.csrf();
            let form = |csrf: &str| -> Vec<(String, String)> {
                let mut f = vec![("csrf".to_owned(), csrf.to_owned())];
                f.extend(fields.iter().map(|(k, v)| ((*k).to_owned(), v.clone())));
                f
            };
            let (form_a, form_m) = (form(&csrf_a), form(&csrf_m));
            let post_form = !api && spec.method == "POST";
            let body = |f: &[(String, String)]| -> String {
                match (&json, post_form) {
                    (Some(j), _) => j.clone(),
                    (None, true) => f
                        .iter()
                        .map(|(k, v)| format!("{k}={}", urlencode(v)))
                        .collect::<Vec<_>>()
                        .join("&"),
                    (None, false) => String::new(),
                }
            };
            let mut form_headers_a = auth_a.clone();
            let mut form_headers_m = auth_m.clone();
            if post_form {
                form_headers_a.push(("content-type", "application/x-www-form-urlencoded"));
                form_headers_m.push(("content-type", "application/x-www-form-urlencoded"));
            }
            let other = as_aisha
                .send_raw(
                    p.addr(),
                    method.clone(),
                    &path_with(spec, &hers),
                    body(&form_a),
                    &form_headers_a,
                )
                .await;
            let missing = as_aisha
                .send_raw(
                    p.addr(),
                    method.clone(),
                    &path_with(spec, &none),
                    body(&form_a),
                    &form_headers_a,
                )
                .await;
            assert_eq!(
                other.status,
                StatusCode::NOT_FOUND,
                "{} {}",
                spec.method,
                spec.path
            );
            assert_eq!(
                (other.status, &other.body),
                (missing.status, &missing.body),
                "{} {}: another's id must look like no id",
                spec.method,
                spec.path
            );
            let own = as_maria
                .send_raw(
                    p.addr(),
                    method,
                    &path_with(spec, &hers),
                    body(&form_m),
                    &form_headers_m,
                )
                .await;
            // Maria's loan is not paid off: its paid-in-full letter is refused, not hidden; it
            // was made here, not boarded: its notice of servicing transfer too.
            let refused_for_owner = [
                "/paid-in-full-letter.pdf",
                "/paid-in-full-letter",
                "/transfer-notice",
                "/transfer-notice.pdf",
            ]
            .iter()
            .any(|end| spec.path.ends_with(end))
                && own.status == StatusCode::CONFLICT;
            assert!(
                own.status.is_success() || own.status == StatusCode::SEE_OTHER || refused_for_owner,
                "{} {} works for its owner: {}",
                spec.method,
                spec.path,
                own.status
            );
            covered += 1;
        }
        assert!(
            covered >= 7,
            "the portal's and the API's loan, message and payment-method routes are covered"
        );
        p.finish().await;
    }
}

#[tokio::test]
async fn signed_in_pages_send_a_visitor_without_a_session_to_sign_in() {
    for p in portals("portal_signin").await {
        let (_, specs) = routes();
        for spec in specs.iter().filter(|s| s.signed_in && s.method == "GET") {
            let r = Browser::default()
                .get(p.addr(), &path_with(spec, MARIA.0))
                .await;
            assert_eq!(
                (r.status, r.location()),
                (StatusCode::SEE_OTHER, "/login?ended=1"),
                "{}",
                spec.path
            );
        }
        p.finish().await;
    }
}

#[tokio::test]
async fn session_tokens_change_at_every_step_and_the_old_ones_stop_working() {
    for p in portals("portal_fixation").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let mut b = Browser::default();
        let pre = b.get(p.addr(), "/login").await;
        assert!(
            b.cookies.contains_key("__Host-pre"),
            "a pre-session cookie binds the form's token"
        );
        assert!(pre.headers.get_all("set-cookie").iter().all(|v| {
            let v = v.to_str().unwrap();
            v.contains("Secure")
                && v.contains("HttpOnly")
                && v.contains("SameSite=Lax")
                && v.contains("Path=/")
        }));
        // A borrower already signed in is not shown the sign-in or enrolment form again: their
        // dashboard instead.
        let mut signed_in = Browser::with_session(&maria);
        for path in ["/login", "/enroll"] {
            let r = signed_in.get(p.addr(), path).await;
            assert_eq!(
                (r.status, r.location()),
                (StatusCode::SEE_OTHER, "/dashboard"),
                "{path}"
            );
        }
        // An attacker plants a session cookie they know (one they started signing in with, so
        // the sign-in form still shows): signing in must not keep it.
        let mut attacker = Browser::default();
        let r = attacker
            .post_form(
                p.addr(),
                "/login",
                "/login",
                &[("username", "maria.lopez"), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(r.location(), "/login/verify");
        let planted = attacker.cookies["__Host-session"].clone();
        b.cookies.insert("__Host-session".into(), planted.clone());
        let r = b
            .post_form(
                p.addr(),
                "/login",
                "/login",
                &[("username", "maria.lopez"), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(r.location(), "/login/verify");
        let half = b.cookies["__Host-session"].clone();
        assert_ne!(half, planted);
        assert_ne!(half, maria);
        assert_eq!(
            b.get(p.addr(), "/dashboard").await.location(),
            "/login?ended=1",
            "half signed in is not signed in"
        );
        let code = p.last_code().await;
        let r = b
            .post_form(
                p.addr(),
                "/login/verify",
                "/login/verify",
                &[("code", &code)],
            )
            .await;
        assert_eq!(r.location(), "/dashboard");
        let full = b.cookies["__Host-session"].clone();
        assert_ne!(full, half, "a new token after the second factor");
        assert!(
            p.app.session(&half).await.unwrap().is_none(),
            "the half token is gone"
        );
        assert_eq!(b.get(p.addr(), "/dashboard").await.status, StatusCode::OK);
        assert!(
            p.app
                .session(&planted)
                .await
                .unwrap()
                .is_none_or(|s| s.login().is_none()),
            "the planted token never becomes her signed-in session"
        );
        // Signing out revokes the token server-side, not just in the browser.
        let stolen = full.clone();
        let r = b.post_form(p.addr(), "/dashboard", "/logout", &[]).await;
        assert_eq!(r.location(), "/login?signed_out=1");
        let r = Browser::with_session(&stolen)
            .get(p.addr(), "/dashboard")
            .await;
        assert_eq!(
            r.location(),
            "/login?ended=1",
            "a token is dead after sign-out"
        );
        p.finish().await;
    }
}

#[tokio::test]
async fn sessions_end_after_15_idle_minutes_and_after_12_hours_however_busy() {
    for p in portals("portal_timeouts").await {
        let token = p.enrol(MARIA, "maria.lopez").await;
        let mut b = Browser::with_session(&token);
        p.clock.advance(jiff::SignedDuration::from_mins(14));
        assert_eq!(
            b.get(p.addr(), "/dashboard").await.status,
            StatusCode::OK,
            "14 idle minutes: still signed in"
        );
        p.clock.advance(jiff::SignedDuration::from_mins(16));
        assert_eq!(
            b.get(p.addr(), "/dashboard").await.location(),
            "/login?ended=1",
            "16 idle minutes: signed out"
        );

        let token = {
            let client = ClientInfo::default();
            let s = p
                .app
                .sign_in("maria.lopez", PASSWORD, None, &client)
                .await
                .unwrap();
            let app::identity::sign_in::SignIn::SecondFactor { token, .. } = s else {
                panic!("a second factor")
            };
            let s = p.app.session(&token).await.unwrap().unwrap();
            p.app
                .verify_second_factor(&s, &p.last_code().await, false, &client)
                .await
                .unwrap()
                .token
        };
        let mut b = Browser::with_session(&token);
        for _ in 0..=(12 * 6) {
            p.clock.advance(jiff::SignedDuration::from_mins(10));
            if b.get(p.addr(), "/dashboard").await.status != StatusCode::OK {
                break;
            }
        }
        assert_eq!(
            b.get(p.addr(), "/dashboard").await.location(),
            "/login?ended=1",
            "12 hours: signed out however busy"
        );
        p.finish().await;
    }
}

#[tokio::test]
async fn forms_from_another_site_or_without_this_sessions_token_are_refused_and_change_nothing() {
    for p in portals("portal_csrf").await {
        let token = p.enrol(MARIA, "maria.lopez").await;
        let mut b = Browser::with_session(&token);
        let good = b.get(p.addr(), "/messages/new").await.csrf();
        let form = [
            ("csrf", good.as_str()),
            ("subject", "Hi"),
            ("body", "Hello"),
        ];
        let evil = b
            .send(
                p.addr(),
                Method::POST,
                "/messages",
                Some(&form),
                &[("origin", "https://evil.example")],
            )
            .await;
        assert_eq!(evil.status, StatusCode::FORBIDDEN);
        let cross = b
            .send(
                p.addr(),
                Method::POST,
                "/messages",
                Some(&form),
                &[("sec-fetch-site", "cross-site")],
            )
            .await;
        assert_eq!(cross.status, StatusCode::FORBIDDEN);
        let tokenless = b
            .send(p.addr(), Method::POST, "/messages", Some(&form[1..]), &[])
            .await;
        assert_eq!(tokenless.status, StatusCode::FORBIDDEN);
        let mut other = Browser::default();
        let anon = other.get(p.addr(), "/login").await.csrf();
        let wrong = b
            .send(
                p.addr(),
                Method::POST,
                "/messages",
                Some(&[
                    ("csrf", anon.as_str()),
                    ("subject", "Hi"),
                    ("body", "Hello"),
                ]),
                &[],
            )
            .await;
        assert_eq!(
            wrong.status,
            StatusCode::FORBIDDEN,
            "another visitor's token does not work"
        );
        assert!(
            p.app
                .store()
                .secure_messages(store::LoginId(1))
                .await
                .unwrap()
                .is_empty(),
            "nothing was sent"
        );
        let same = b
            .send(
                p.addr(),
                Method::POST,
                "/messages",
                Some(&form),
                &[
                    ("origin", &format!("http://{}", p.addr())),
                    ("sec-fetch-site", "same-origin"),
                ],
            )
            .await;
        assert_eq!(
            same.status,
            StatusCode::SEE_OTHER,
            "our own form goes through"
        );
        p.finish().await;
    }
}

#[tokio::test]
async fn unknown_usernames_wrong_passwords_and_locked_logins_get_the_same_answer() {
    for p in portals("portal_enumeration").await {
        p.enrol(MARIA, "maria.lopez").await;
        let attempt = async |username: &str, password: &str| {
            let mut b = Browser::default();
            let r = b
                .post_form(
                    p.addr(),
                    "/login",
                    "/login",
                    &[("username", username), ("password", password)],
                )
                .await;
            (r.status, r.body.replace(username, "USER"))
        };
        let unknown = attempt("nobody.here", "whatever password").await;
        let wrong = attempt("maria.lopez", "whatever password").await;
        assert_eq!(unknown.0, StatusCode::BAD_REQUEST);
        let strip = |s: &str| {
            s.split("name=\"csrf\"").next().unwrap().to_owned()
                + s.rsplit("name=\"csrf\"")
                    .next()
                    .unwrap()
                    .split_once('>')
                    .unwrap()
                    .1
        };
        assert_eq!(strip(&unknown.1), strip(&wrong.1), "the same page for both");
        // Enrolment: an unknown account and wrong facts read the same.
        let enrol = async |account: &str, zip: &str| {
            let mut b = Browser::default();
            let r = b
                .post_form(
                    p.addr(),
                    "/enroll",
                    "/enroll",
                    &[
                        ("account_number", account),
                        ("ssn_last4", AISHA.1),
                        ("date_of_birth", AISHA.2),
                        ("zip", zip),
                        ("by", "email"),
                    ],
                )
                .await;
            let summary = r
                .body
                .split("error-summary")
                .nth(1)
                .unwrap_or_default()
                .split("</div>")
                .next()
                .unwrap_or_default()
                .to_owned();
            (r.status, summary)
        };
        assert_eq!(
            enrol("5218400000009999", AISHA.3).await,
            enrol(AISHA.0, "10001").await
        );
        // Facts that match a borrower who already has a sign-in read as wrong facts do; the
        // owner is told (with the username) at the contact on file.
        let already = {
            let mut b = Browser::default();
            b.post_form(
                p.addr(),
                "/enroll",
                "/enroll",
                &[
                    ("account_number", MARIA.0),
                    ("ssn_last4", MARIA.1),
                    ("date_of_birth", MARIA.2),
                    ("zip", MARIA.3),
                    ("by", "email"),
                ],
            )
            .await
        };
        assert_eq!(already.status, StatusCode::BAD_REQUEST);
        assert!(
            !already.body.contains("already has a sign-in"),
            "the screen does not confirm the facts"
        );
        assert_eq!(
            already
                .body
                .split("error-summary")
                .nth(1)
                .unwrap()
                .split("</div>")
                .next()
                .unwrap(),
            enrol(AISHA.0, "10001").await.1
        );
        let told = p.wait_for_message("Someone tried to set up").await;
        assert!(told.message.body.contains("maria.lopez"), "{told:?}");
        // Five wrong passwords in a row: the answer stays the same, the borrower is told, and
        // nothing is locked: the right password still leads to the second factor.
        for _ in 0..5 {
            let again = attempt("maria.lopez", "still not the password").await;
            assert_eq!(strip(&again.1), strip(&unknown.1));
        }
        p.wait_for_message("Wrong passwords were entered").await;
        let owner = attempt("maria.lopez", PASSWORD).await;
        assert_eq!(
            owner.0,
            StatusCode::SEE_OTHER,
            "whoever knows the username cannot lock its owner out"
        );
        // Past the per-account limit a wrong password is "too many attempts", for a username
        // that exists and for one that does not alike; the right one still gets in.
        for _ in 0..10 {
            attempt("maria.lopez", "still not the password").await;
            attempt("nobody.here", "still not the password").await;
        }
        let busy = attempt("maria.lopez", "still not the password").await;
        let busy_unknown = attempt("nobody.here", "still not the password").await;
        assert_eq!(busy.0, StatusCode::TOO_MANY_REQUESTS);
        assert!(busy.1.contains("Too many attempts"), "{}", busy.1);
        assert_eq!(strip(&busy.1), strip(&busy_unknown.1));
        let owner = attempt("maria.lopez", PASSWORD).await;
        assert_eq!(owner.0, StatusCode::SEE_OTHER, "the owner still gets in");
        p.finish().await;
    }
}

#[tokio::test]
async fn sign_in_attempts_are_counted_per_username_and_the_owner_still_gets_in() {
    for p in portals("portal_throttle").await {
        p.enrol(MARIA, "maria.lopez").await;
        let mut b = Browser::default();
        let mut statuses = Vec::new();
        for _ in 0..11 {
            let r = b
                .post_form(
                    p.addr(),
                    "/login",
                    "/login",
                    &[("username", "Maria.Lopez"), ("password", "not it, not it")],
                )
                .await;
            statuses.push(r.status);
        }
        assert_eq!(
            statuses.last(),
            Some(&StatusCode::TOO_MANY_REQUESTS),
            "{statuses:?}"
        );
        // Whoever guesses cannot keep the owner out (issue 17): the right password still
        // leads to the second factor.
        let r = b
            .post_form(
                p.addr(),
                "/login",
                "/login",
                &[("username", "maria.lopez"), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(r.location(), "/login/verify", "the owner gets in");
        p.finish().await;
    }
}

#[tokio::test]
async fn every_portal_page_and_error_page_carries_the_security_headers() {
    for p in portals("portal_headers").await {
        let token = p.enrol(MARIA, "maria.lopez").await;
        let (_, specs) = routes();
        let mut b = Browser::with_session(&token);
        let mut paths: Vec<String> = specs
            .iter()
            .filter(|s| s.method == "GET")
            .map(|s| path_with(s, MARIA.0))
            .collect();
        paths.extend([
            "/loans/5218400000009999".into(),
            "/no/such/page".into(),
            "/reset-password?token=nope".into(),
        ]);
        for path in paths {
            let r = b.get(p.addr(), &path).await;
            for h in [
                "content-security-policy",
                "x-content-type-options",
                "x-frame-options",
                "referrer-policy",
                "strict-transport-security",
                "cache-control",
            ] {
                assert!(r.headers.contains_key(h), "{path}: missing {h}");
            }
            assert_eq!(r.headers["cache-control"], "no-store", "{path}");
        }
        p.finish().await;
    }
}

#[tokio::test]
async fn the_borrower_api_enrols_signs_in_and_does_what_the_portal_does_with_a_session_token() {
    use serde_json::json;
    for p in portals("portal_api").await {
        let a = p.addr();
        let mut b = Browser::default();
        let (s, v) = b.json(a, Method::POST, "/api/v1/enrollments", None, json!({"account_number": MARIA.0, "ssn_last4": MARIA.1, "date_of_birth": "1985-04-12", "zip": MARIA.3})).await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        let (s, v) = b
            .json(
                a,
                Method::POST,
                "/api/v1/enrollments/verify",
                v["token"].as_str(),
                json!({"code": p.last_code().await}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        let enrolled = v["token"].as_str().map(str::to_owned);
        let (s, v) = b
            .json(
                a,
                Method::POST,
                "/api/v1/enrollments/credentials",
                enrolled.as_deref(),
                json!({"username": "maria.api", "password": "password1234"}),
            )
            .await;
        assert_eq!(
            s,
            StatusCode::BAD_REQUEST,
            "a common password is refused: {v}"
        );
        assert_eq!(v["code"], "bad_request");
        let pending = v_token(
            &b.json(
                a,
                Method::POST,
                "/api/v1/enrollments/credentials",
                None,
                json!({}),
            )
            .await,
        );
        assert!(pending.is_none(), "no token, no credentials");
        let (s, v) = b
            .json(
                a,
                Method::POST,
                "/api/v1/enrollments/credentials",
                enrolled.as_deref(),
                json!({"username": "maria.api", "password": PASSWORD}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{v}");
        let token = v["token"].as_str().unwrap().to_owned();
        let (s, v) = b
            .json(
                a,
                Method::GET,
                "/api/v1/me/loans",
                Some(&token),
                json!(null),
            )
            .await;
        assert_eq!(
            (s, v.as_array().map(Vec::len)),
            (StatusCode::OK, Some(3)),
            "{v}"
        );
        let theirs = b
            .json(
                a,
                Method::GET,
                &format!("/api/v1/me/loans/{}", AISHA.0),
                Some(&token),
                json!(null),
            )
            .await;
        let nobodys = b
            .json(
                a,
                Method::GET,
                "/api/v1/me/loans/5218400000009999",
                Some(&token),
                json!(null),
            )
            .await;
        assert_eq!(theirs.0, StatusCode::NOT_FOUND);
        assert_eq!(theirs, nobodys, "another borrower's loan reads as no loan");
        let (s, v) = b
            .json(
                a,
                Method::GET,
                &format!("/api/v1/me/loans/{}", MARIA.0),
                Some(&token),
                json!(null),
            )
            .await;
        assert_eq!(s, StatusCode::OK);
        assert!(
            v["activity"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x["kind"] == "payment" && x["to_interest"].is_string()),
            "{v}"
        );
        let (s, _) = b
            .json(
                a,
                Method::GET,
                &format!("/api/v1/me/loans/{}/payoff?date=soon", MARIA.0),
                Some(&token),
                json!(null),
            )
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST);
        let (s, v) = b
            .json(
                a,
                Method::PUT,
                "/api/v1/me/preferences",
                Some(&token),
                json!({"on": ["payment_due:sms"]}),
            )
            .await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "texts need consent: {v}");
        let (s, _) = b
            .json(
                a,
                Method::PUT,
                "/api/v1/me/preferences",
                Some(&token),
                json!({"on": ["payment_due:sms", "payment_due:email"], "sms_consent": true}),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let consent = p
            .app
            .store()
            .latest_consent(store::LoginId(1), "sms")
            .await
            .unwrap()
            .unwrap();
        assert!(
            consent.given && consent.text.contains("Reply STOP") && consent.detail == "2175550143",
            "the consent is recorded with its words"
        );
        let (s, _) = b
            .json(
                a,
                Method::POST,
                "/api/v1/me/messages",
                Some(&token),
                json!({"subject": "Hello", "body": "A question"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
        // The cookie works too, but a change without the CSRF header is refused.
        let mut with_cookie = Browser::with_session(&token);
        let r = with_cookie
            .send_raw(
                a,
                Method::PUT,
                "/api/v1/me/preferences",
                json!({"on": []}).to_string(),
                &[("content-type", "application/json")],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        // Signing in again: password, then the emailed code.
        let (s, _) = b
            .json(
                a,
                Method::POST,
                "/api/v1/sessions",
                None,
                json!({"username": "maria.api", "password": "wrong wrong wrong"}),
            )
            .await;
        assert_eq!(s, StatusCode::UNAUTHORIZED);
        let (s, v) = b
            .json(
                a,
                Method::POST,
                "/api/v1/sessions",
                None,
                json!({"username": "maria.api", "password": PASSWORD}),
            )
            .await;
        assert_eq!(
            (s, v["second_factor"].as_str()),
            (StatusCode::CREATED, Some("email")),
            "{v}"
        );
        let half = v["token"].as_str().unwrap().to_owned();
        let (s, _) = b
            .json(a, Method::GET, "/api/v1/me/loans", Some(&half), json!(null))
            .await;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "half signed in reads nothing");
        let (s, v) = b
            .json(
                a,
                Method::POST,
                "/api/v1/sessions/verify",
                Some(&half),
                json!({"code": p.last_code().await}),
            )
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        let second = v["token"].as_str().unwrap().to_owned();
        let (s, _) = b
            .json(
                a,
                Method::DELETE,
                "/api/v1/sessions/current",
                Some(&second),
                json!(null),
            )
            .await;
        assert_eq!(s, StatusCode::NO_CONTENT);
        let (s, _) = b
            .json(
                a,
                Method::GET,
                "/api/v1/me/loans",
                Some(&second),
                json!(null),
            )
            .await;
        assert_eq!(s, StatusCode::UNAUTHORIZED, "signed out");
        let doc = b.get(a, "/api/v1/openapi.json").await.body;
        for path in [
            "/api/v1/enrollments",
            "/api/v1/sessions/verify",
            "/api/v1/me/loans/{account_number}/payoff",
            "/api/v1/me/preferences",
        ] {
            assert!(doc.contains(path), "the OpenAPI document lists {path}");
        }
        p.finish().await;
    }
}

#[tokio::test]
async fn money_moving_api_requests_need_a_key_replay_the_first_result_and_refuse_a_reused_one() {
    for p in portals("payments_api").await {
        let addr = p.addr();
        let mut b = Browser::default();
        let path = format!("/api/v1/loans/{}/payments", MARIA.0);
        let auth = format!("Bearer {}", app::demo::DEMO_API_TOKEN);
        let send = |key: Option<&'static str>, body: &'static str| {
            let mut h = vec![
                ("content-type", "application/json"),
                ("authorization", auth.as_str()),
            ];
            if let Some(k) = key {
                h.push(("idempotency-key", k));
            }
            (h, body.to_owned())
        };
        let (h, body) = send(None, r#"{"amount":"50.00","channel":"lockbox"}"#);
        let r = b.send_raw(addr, Method::POST, &path, body, &h).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.body.contains("Idempotency-Key"), "{}", r.body);
        let (h, body) = send(
            Some("lockbox-item-0001"),
            r#"{"amount":"50.001","channel":"lockbox"}"#,
        );
        let r = b.send_raw(addr, Method::POST, &path, body, &h).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.body.contains("dollars and cents"), "{}", r.body);
        let (h, body) = send(Some("lockbox-item-0001"), r#"{"amount":"#);
        let r = b.send_raw(addr, Method::POST, &path, body, &h).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        let v: serde_json::Value =
            serde_json::from_str(&r.body).expect("a malformed body gets a JSON error");
        assert_eq!(v["code"], "bad_request");
        let (h, body) = send(
            Some("lockbox-item-0001"),
            r#"{"amount":"50.00","channel":"lockbox"}"#,
        );
        let first = b
            .send_raw(addr, Method::POST, &path, body.clone(), &h)
            .await;
        assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
        let again = b.send_raw(addr, Method::POST, &path, body, &h).await;
        assert_eq!(again.status, StatusCode::OK);
        assert_eq!(again.headers.get("idempotent-replayed").unwrap(), "true");
        assert_eq!(again.body, first.body, "a replay answers the first result");
        let (h, body) = send(
            Some("lockbox-item-0001"),
            r#"{"amount":"51.00","channel":"lockbox"}"#,
        );
        let reused = b.send_raw(addr, Method::POST, &path, body, &h).await;
        assert_eq!(reused.status, StatusCode::CONFLICT);
        let (h, body) = send(
            Some("lockbox-item-0002"),
            r#"{"amount":"5.00","channel":"lockbox"}"#,
        );
        let h: Vec<_> = h
            .into_iter()
            .filter(|(k, _)| *k != "authorization")
            .collect();
        assert_eq!(
            b.send_raw(addr, Method::POST, &path, body, &h).await.status,
            StatusCode::UNAUTHORIZED
        );
        let counts = p.app.store().payment_counts().await.unwrap();
        assert_eq!(
            counts,
            vec![(
                domain::payment::PaymentStatus::Posted,
                1,
                money::Money::from_cents(5_000)
            )],
            "one payment, and nothing from the refused requests"
        );
        let doc = b.get(addr, "/api/v1/openapi.json").await.body;
        for route in [
            "/api/v1/loans/{account_number}/payments",
            "/api/v1/me/loans/{account_number}/payments",
            "/api/v1/me/loans/{account_number}/autopay",
            "/api/v1/me/payments/{payment_id}/cancel",
        ] {
            assert!(doc.contains(route), "{route} is in the OpenAPI document");
        }
        p.finish().await;
    }
}

use test_support::staff::{STAFF_PASSWORD, authenticator_code};

#[tokio::test]
async fn the_console_needs_a_password_and_an_authenticator_code_and_its_reports_a_supervisor() {
    for p in portals("console").await {
        let addr = p.addr();
        let app = &p.app;
        // Adding staff: the rules say what is wrong, and only who may manage staff adds them.
        let operator = app::access::Actor::Operator("staff");
        let e = app
            .add_staff(
                "new@example.com",
                "New",
                "agent",
                STAFF_PASSWORD,
                &app::access::Actor::Staff {
                    id: store::StaffId(1),
                    role: app::access::Role::Supervisor,
                },
            )
            .await
            .unwrap_err();
        assert_eq!(e.to_string(), "you may not manage staff users");
        for (email, role, password, field) in [
            ("ops@example.com", "supervisor", "too short pw", "password"),
            ("ops@example.com", "owner", STAFF_PASSWORD, "role"),
            ("not an email", "agent", STAFF_PASSWORD, "email"),
        ] {
            let e = app
                .add_staff(email, "Ops", role, password, &operator)
                .await
                .unwrap_err();
            assert_eq!(form_field(&e), Some(field), "{email} {role}: {e}");
        }
        let lead = app
            .add_staff(
                "Ops.Lead@example.com",
                "Olu Lead",
                "supervisor",
                STAFF_PASSWORD,
                &operator,
            )
            .await
            .unwrap();
        let agent = app
            .add_staff(
                "agent@example.com",
                "Ana Agent",
                "agent",
                STAFF_PASSWORD,
                &operator,
            )
            .await
            .unwrap();
        assert_eq!(
            form_field(
                &app.add_staff(
                    "ops.lead@example.com",
                    "Again",
                    "admin",
                    STAFF_PASSWORD,
                    &operator
                )
                .await
                .unwrap_err()
            ),
            Some("email"),
            "an email is one user"
        );

        // Not signed in, or signed in as a borrower: sent to the console's sign-in.
        let borrower = p.enrol(MARIA, "maria.lopez").await;
        for mut b in [Browser::default(), Browser::with_session(&borrower)] {
            for path in [
                "/console",
                "/console/reports/aging",
                "/console/reports/aging/csv",
            ] {
                let r = b.get(addr, path).await;
                assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}");
                assert_eq!(r.location(), "/console/sign-in", "{path}");
            }
        }

        // The right password with a wrong code, or the right code with a wrong password, is
        // refused with the same words, and sets no console cookie.
        let mut b = Browser::default();
        let good = authenticator_code(app, &lead.url, 0);
        let wrong = if good == "000000" { "111111" } else { "000000" };
        for (password, code) in [
            (STAFF_PASSWORD, wrong),
            ("copper harbor lantern 43", good.as_str()),
            (STAFF_PASSWORD, ""),
        ] {
            let r = b
                .post_form(
                    addr,
                    "/console/sign-in",
                    "/console/sign-in",
                    &[
                        ("email", "ops.lead@example.com"),
                        ("password", password),
                        ("code", code),
                    ],
                )
                .await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(r.body.contains("There is a problem"), "{}", r.body);
            assert!(!b.cookies.contains_key("__Host-console"));
        }
        // Password and code: in, and the reports are listed.
        let r = b
            .post_form(
                addr,
                "/console/sign-in",
                "/console/sign-in",
                &[
                    ("email", "Ops.Lead@example.com"),
                    ("password", STAFF_PASSWORD),
                    ("code", &good),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert_eq!(r.location(), "/console");
        assert!(b.cookies.contains_key("__Host-console"));
        let home = b.get(addr, "/console").await;
        assert_eq!(home.status, StatusCode::OK);
        assert!(
            home.body.contains("href=\"/console/reports\""),
            "{}",
            home.body
        );
        let reports = b.get(addr, "/console/reports").await;
        assert_eq!(reports.status, StatusCode::OK);
        for (name, title) in app::cob::reports::REPORTS {
            assert!(
                reports.body.contains(&format!("/console/reports/{name}")),
                "{name}"
            );
            let page = b.get(addr, &format!("/console/reports/{name}")).await;
            assert_eq!(page.status, StatusCode::OK, "{name}");
            assert!(page.body.contains(title), "{name}");
            assert!(page.body.contains("<table"), "{name}");
        }
        let aging = b.get(addr, "/console/reports/aging?date=2026-11-25").await;
        assert!(
            aging.body.contains("<td>current</td>") && aging.body.contains("<td>total</td>"),
            "{}",
            aging.body
        );
        let csv = b
            .get(addr, "/console/reports/trial-balance/csv?date=2026-11-25")
            .await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(
            csv.headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/csv")
        );
        assert!(
            csv.headers["content-disposition"]
                .to_str()
                .unwrap()
                .contains("trial-balance-2026-11-25.csv")
        );
        assert_eq!(
            csv.body,
            app.report(
                &app::access::Actor::Operator("report"),
                "trial-balance",
                Some(jiff::civil::date(2026, 11, 25))
            )
            .await
            .unwrap()
            .to_csv(),
            "the download is the CLI's CSV"
        );
        // A malformed date says so, naming the field and the forms a date is read in; a date
        // as people write it is read; an unknown report is not found.
        let bad = b.get(addr, "/console/reports/aging?date=2026-13-01").await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            bad.body
                .contains("Enter the as-of date like December 15, 2026, or 12/15/2026"),
            "{}",
            bad.body
        );
        assert!(bad.body.contains("href=\"#date\""), "{}", bad.body);
        assert!(
            bad.body.contains("value=\"2026-13-01\""),
            "what was typed is kept"
        );
        let human = b
            .get(addr, "/console/reports/aging?date=November%2025,%202026")
            .await;
        assert_eq!(human.status, StatusCode::OK, "{}", human.body);
        assert!(
            human.body.contains("<td>current</td>") && human.body.contains("value=\"2026-11-25\""),
            "the report as of 2026-11-25: {}",
            human.body
        );
        // So does a date with no aging (a Sunday, never closed), as a page and as CSV.
        for path in ["/console/reports/aging", "/console/reports/aging/csv"] {
            let sunday = b.get(addr, &format!("{path}?date=2026-11-22")).await;
            assert_eq!(sunday.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
            assert!(
                sunday.body.contains("not a business day"),
                "{path}: {}",
                sunday.body
            );
        }
        assert_eq!(
            b.get(addr, "/console/reports/payroll").await.status,
            StatusCode::NOT_FOUND
        );
        // The same code is accepted once: a second browser cannot replay it.
        let mut other = Browser::default();
        let r = other
            .post_form(
                addr,
                "/console/sign-in",
                "/console/sign-in",
                &[
                    ("email", "ops.lead@example.com"),
                    ("password", STAFF_PASSWORD),
                    ("code", &good),
                ],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "a used code is refused"
        );

        // An agent signs in but the reports are not theirs.
        let mut a = Browser::default();
        let r = a
            .post_form(
                addr,
                "/console/sign-in",
                "/console/sign-in",
                &[
                    ("email", "agent@example.com"),
                    ("password", STAFF_PASSWORD),
                    ("code", &authenticator_code(app, &agent.url, 0)),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        // Their home offers the search and their messages, not the reports.
        let home = a.get(addr, "/console").await.body;
        assert!(home.contains("action=\"/console/search\""), "{home}");
        assert!(!home.contains("href=\"/console/reports\""), "{home}");
        assert_eq!(
            a.get(addr, "/console/reports").await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            a.get(addr, "/console/reports/aging").await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            a.get(addr, "/console/reports/aging/csv").await.status,
            StatusCode::FORBIDDEN
        );

        // Signing out ends the session: the old cookie no longer reaches the console.
        let token = b.cookies["__Host-console"].clone();
        let csrf = b.get(addr, "/console").await.csrf();
        let r = b
            .send(
                addr,
                Method::POST,
                "/console/sign-out",
                Some(&[("csrf", csrf.as_str())]),
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let mut replay = Browser::default();
        replay.cookies.insert("__Host-console".into(), token);
        assert_eq!(
            replay.get(addr, "/console").await.location(),
            "/console/sign-in"
        );
        // Idle for more than 15 minutes: the agent's session has ended.
        p.clock.advance(jiff::SignedDuration::from_mins(16));
        assert_eq!(a.get(addr, "/console").await.location(), "/console/sign-in");
        // Five failures lock the user: then even the right password and code are refused,
        // until the 30 minutes are over.
        for _ in 0..5 {
            let r = b
                .post_form(
                    addr,
                    "/console/sign-in",
                    "/console/sign-in",
                    &[
                        ("email", "ops.lead@example.com"),
                        ("password", "not the password at all"),
                        ("code", "123456"),
                    ],
                )
                .await;
            assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        }
        let sign_in = |b: &mut Browser| {
            let code = authenticator_code(app, &lead.url, 0);
            let mut b = b.clone();
            async move {
                b.post_form(
                    addr,
                    "/console/sign-in",
                    "/console/sign-in",
                    &[
                        ("email", "ops.lead@example.com"),
                        ("password", STAFF_PASSWORD),
                        ("code", &code),
                    ],
                )
                .await
                .status
            }
        };
        assert_eq!(
            sign_in(&mut b).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "locked"
        );
        p.clock.advance(jiff::SignedDuration::from_mins(31));
        assert_eq!(
            sign_in(&mut b).await,
            StatusCode::SEE_OTHER,
            "the lock ended"
        );
        // Everything was recorded.
        let actions: Vec<String> = app
            .store()
            .audit_of(&format!("staff:{}", lead.id.0), 100)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.event.action)
            .collect();
        for action in [
            "staff.sign_in_failed",
            "staff.signed_in",
            "staff.signed_out",
        ] {
            assert!(
                actions.iter().any(|a| a == action),
                "{action} in {actions:?}"
            );
        }
        p.finish().await;
    }
}

#[tokio::test]
async fn a_statement_page_shows_the_issued_figures_as_a_borrower_reads_them() {
    for p in portals("portal_statement").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let id = statement_of_maria(&p).await;
        let mut b = Browser::with_session(&maria);
        let loan = b.get(p.addr(), &format!("/loans/{}", MARIA.0)).await;
        assert!(
            loan.body
                .contains(&format!("/loans/{}/statements/{id}", MARIA.0)),
            "the loan lists its statement"
        );
        let page = b
            .get(p.addr(), &format!("/loans/{}/statements/{id}", MARIA.0))
            .await;
        assert_eq!(page.status, StatusCode::OK);
        for text in [
            "Monthly statement of November 10, 2026",
            "<dt>Amount due</dt><dd><strong>$300.00</strong>",
            "<dt>Payment due date</dt><dd>December 1, 2026",
            "<dt>Principal balance</dt><dd>$10,000.00",
            "<dt>Total balance</dt><dd>$10,001.00",
            // It reconciles from the previous balance, as the PDF does.
            "<th scope=\"row\">Previous balance</th><td>$10,251.00</td>",
            "to principal $200.00, interest $100.00, fees $0.00",
            "<td>-$300.00</td>",
            "<th scope=\"row\">Interest charged</th><td>$50.00</td>",
            "<th scope=\"row\">New balance</th><td><strong>$10,001.00</strong></td>",
            "a late fee of $25.00 will be charged",
            "by December 11, 2026",
            "PO Box 4410",
        ] {
            assert!(page.body.contains(text), "the page shows {text:?}");
        }
        let pdf = b
            .get(p.addr(), &format!("/loans/{}/statements/{id}/pdf", MARIA.0))
            .await;
        assert_eq!(pdf.status, StatusCode::OK);
        assert!(pdf.body.starts_with("%PDF-"), "the PDF as issued");
        p.finish().await;
    }
}

/// Issue 18: every console route is declared in one table with what it needs, and the table
/// holds: nobody without a staff session reaches a route (a borrower's session included),
/// and a role without the declared capability is refused before the handler runs. A route
/// written in the console's code but not declared in the table fails here.
#[tokio::test]
async fn every_console_route_needs_a_staff_session_and_the_capability_it_declares() {
    use web::console::Needs;
    let (_, table) = web::console::routes();
    // Only the sign-in page is open; every other route names who may call it.
    for r in &table {
        assert_eq!(
            r.needs == Needs::Nobody,
            r.path == "/console/sign-in",
            "{} {} needs {:?}",
            r.method,
            r.path,
            r.needs
        );
    }
    // Every console path the code names is a declared route.
    let declared: std::collections::HashSet<&str> = table.iter().map(|r| r.path).collect();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/console");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for literal in text.split('"').skip(1).step_by(2) {
            if literal.starts_with("/console") {
                assert!(
                    declared.contains(literal),
                    "{literal} in {} is not a route of web::console::routes",
                    path.display()
                );
            }
        }
    }
    for p in portals("console_sweep").await {
        let addr = p.addr();
        let borrower = p.enrol(MARIA, "maria.lopez").await;
        // Real ids for the routes that take them: Maria, a thread she started, the first
        // staff user. A phone payment's receipt, a statement's PDF and a lockbox item are not
        // made here, and Maria's loan 1015 was made here, not boarded (no transfer notice):
        // those answer 404 to a role that may see them (the handler ran), and 403 to one that
        // may not. A day's lockbox report is served for any date.
        let found = p
            .app
            .search_borrowers(&app::access::Actor::Operator("sweep"), MARIA.0, 1)
            .await
            .unwrap();
        let maria = found.borrowers[0].id.0.to_string();
        let thread = p
            .app
            .start_thread(
                &test_support::borrowers::session(&p.app, &borrower).await,
                "Sweep",
                "Hello",
            )
            .await
            .unwrap()
            .thread
            .to_string();
        let concrete = |path: &str| {
            path.replace("{name}", "aging")
                .replace("{staff_id}", "1")
                .replace("{id}", &maria)
                .replace("{thread}", &thread)
                .replace("{account}", MARIA.0)
                .replace("{payment}", "1")
                .replace("{statement}", "1")
                .replace("{item}", "1")
                .replace("{date}", "2026-11-25")
        };
        let made_here = |path: &str| {
            !path.contains("{payment}")
                && !path.contains("{statement}")
                && !path.contains("{item}")
                && !path.ends_with("/transfer-notice.pdf")
        };
        // No staff session: sent to sign in (GET), or refused (POST), never served.
        for mut b in [Browser::default(), Browser::with_session(&borrower)] {
            for r in table.iter().filter(|r| r.needs != Needs::Nobody) {
                let path = concrete(r.path);
                let method = Method::from_bytes(r.method.as_bytes()).unwrap();
                let reply = b.send(addr, method, &path, Some(&[]), &[]).await;
                assert!(
                    (reply.status == StatusCode::SEE_OTHER
                        && reply.location() == "/console/sign-in")
                        || reply.status == StatusCode::FORBIDDEN,
                    "{} {path}: {}",
                    r.method,
                    reply.status
                );
            }
        }
        // Each role: a route whose capability the role lacks is 403; the others are served.
        for (email, role) in [
            ("agent.sweep@example.com", app::access::Role::Agent),
            ("lead.sweep@example.com", app::access::Role::Supervisor),
            ("admin.sweep@example.com", app::access::Role::Admin),
        ] {
            let mut b = test_support::staff::browser(&p, email, role.as_str()).await;
            for r in table.iter().filter(|r| r.method == "GET") {
                let path = concrete(r.path);
                let reply = b.get(addr, &path).await;
                match r.needs {
                    Needs::Capability(c) if !role.can(c) => {
                        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{role} {path}")
                    }
                    _ if made_here(r.path) => {
                        assert_eq!(reply.status, StatusCode::OK, "{role} {path}")
                    }
                    _ => assert_eq!(reply.status, StatusCode::NOT_FOUND, "{role} {path}"),
                }
            }
        }
        p.finish().await;
    }
}

/// The keys of every message in the outbox.
async fn outbox_keys(p: &Portal) -> Vec<String> {
    p.app
        .store()
        .outbox(None, 500)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.message.key)
        .collect()
}

#[tokio::test]
async fn turning_off_autopay_confirms_first_names_the_draft_and_says_autopay_is_off() {
    for p in portals("portal_autopay_off").await {
        let token = p.enrol(MARIA, "maria.lopez").await;
        let method = p.add_bank_account(&token).await.to_string();
        ensure_autopay(&p, &method).await;
        let mut b = Browser::with_session(&token);
        let page = format!("/loans/{}/autopay", MARIA.0);
        // The AutoPay page links to the confirm page; the confirm page states the consequence.
        assert!(
            b.get(p.addr(), &page)
                .await
                .body
                .contains(&format!("href=\"{page}/cancel\""))
        );
        let ask = b.get(p.addr(), &format!("{page}/cancel")).await;
        assert_eq!(ask.status, StatusCode::OK);
        assert!(ask.body.contains("Turn off AutoPay?"), "{}", ask.body);
        assert!(
            ask.body.contains("No payment will be drafted on "),
            "{}",
            ask.body
        );
        assert!(ask.body.contains(&format!("action=\"{page}/cancel\"")));
        assert!(
            p.app
                .autopay_of(store::LoginId(1), MARIA.0.parse().unwrap())
                .await
                .unwrap()
                .is_some(),
            "the confirm page changes nothing"
        );
        let done = b
            .post_form(
                p.addr(),
                &format!("{page}/cancel"),
                &format!("{page}/cancel"),
                &[],
            )
            .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER);
        assert_eq!(done.location(), format!("{page}?off=1"));
        let after = b.get(p.addr(), done.location()).await;
        assert!(after.body.contains("AutoPay is off"), "{}", after.body);
        assert!(
            after.body.contains("No payment will be drafted on "),
            "{}",
            after.body
        );
        assert!(
            !after.body.contains("copy of the authorization"),
            "{}",
            after.body
        );
        let off = p.wait_for_message("AutoPay is off").await;
        assert!(off.message.key.starts_with("autopay-off:"));
        assert!(
            off.message.body.contains("No payment will be drafted on "),
            "{}",
            off.message.body
        );
        assert!(
            !off.message
                .body
                .contains("copy of the AutoPay authorization")
        );
        p.finish().await;
    }
}

#[tokio::test]
async fn a_declined_card_payment_says_nothing_was_charged_and_sends_no_receipt() {
    for p in portals("portal_declined").await {
        let token = p.enrol(MARIA, "maria.lopez").await;
        let session = test_support::borrowers::session(&p.app, &token).await;
        let card = app::payments::cards::CardDetails {
            number: "4000000000000002".into(),
            exp_month: 12,
            exp_year: 2030,
            cvv: "123".into(),
            zip: "62704".into(),
        };
        let method = p
            .app
            .add_card(&session, "", "Maria Lopez", &card, &ClientInfo::default())
            .await
            .unwrap()
            .0
            .to_string();
        let mut b = Browser::with_session(&token);
        let pay = format!("/loans/{}/pay", MARIA.0);
        let made = b
            .post_form(
                p.addr(),
                &pay,
                &pay,
                &[
                    ("method", method.as_str()),
                    ("amount", "other"),
                    ("other_amount", "10.00"),
                    ("when", "today"),
                    ("extra", "principal"),
                    ("key", "declined-card-key-0001"),
                ],
            )
            .await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
        let receipt = b.get(p.addr(), made.location()).await;
        assert!(
            receipt.body.contains("Your card payment was declined"),
            "{}",
            receipt.body
        );
        assert!(
            receipt.body.contains("Nothing was charged"),
            "{}",
            receipt.body
        );
        assert!(!receipt.body.contains("on its way"), "{}", receipt.body);
        assert!(!receipt.body.contains("Credited on"), "{}", receipt.body);
        assert!(!receipt.body.contains("Thank you"), "{}", receipt.body);
        let id = made
            .location()
            .trim_start_matches("/payments/")
            .trim_end_matches("?made=1")
            .to_owned();
        let keys = outbox_keys(&p).await;
        assert!(
            !keys
                .iter()
                .any(|k| k.starts_with(&format!("payment-received:{id}"))
                    || k.starts_with(&format!("payment-scheduled:{id}"))),
            "no receipt for a declined payment: {keys:?}"
        );
        p.finish().await;
    }
}

#[tokio::test]
async fn cancelling_a_payment_sends_a_cancelled_notice_and_says_so() {
    for p in portals("portal_cancel_words").await {
        let token = p.enrol(MARIA, "maria.lopez").await;
        let method = p.add_bank_account(&token).await.to_string();
        let id = pending_payment(&p, &method).await;
        let mut b = Browser::with_session(&token);
        let receipt = format!("/payments/{id}");
        let done = b
            .post_form(p.addr(), &receipt, &format!("{receipt}/cancel"), &[])
            .await;
        assert_eq!(done.location(), format!("{receipt}?cancelled=1"));
        let page = b.get(p.addr(), done.location()).await;
        assert!(
            page.body.contains("Your payment is cancelled"),
            "{}",
            page.body
        );
        assert!(
            page.body.contains("sent you a notice that it is cancelled"),
            "{}",
            page.body
        );
        assert!(page.body.contains("Was scheduled for"), "{}", page.body);
        let keys = outbox_keys(&p).await;
        assert!(
            keys.iter()
                .any(|k| k.starts_with(&format!("payment-cancelled:{id}"))),
            "the cancelled notice goes as the scheduled one did: {keys:?}"
        );
        assert!(
            keys.iter()
                .any(|k| k.starts_with(&format!("payment-scheduled:{id}")))
        );
        p.finish().await;
    }
}

#[tokio::test]
async fn a_payment_confirmed_after_the_session_ended_is_said_not_to_be_made() {
    for p in portals("portal_not_paid").await {
        let token = p.enrol(MARIA, "maria.lopez").await;
        let method = p.add_bank_account(&token).await.to_string();
        let mut b = Browser::with_session(&token);
        let pay = format!("/loans/{}/pay", MARIA.0);
        let csrf = b.get(p.addr(), &pay).await.csrf();
        p.clock.advance(jiff::SignedDuration::from_mins(16));
        let sent = b
            .send(
                p.addr(),
                Method::POST,
                &pay,
                Some(&[
                    ("csrf", csrf.as_str()),
                    ("method", method.as_str()),
                    ("amount", "other"),
                    ("other_amount", "10.00"),
                    ("when", "today"),
                    ("extra", "principal"),
                    ("key", "ended-session-key-0001"),
                ]),
                &[],
            )
            .await;
        assert_eq!(sent.location(), "/login?ended=1&not_paid=1");
        let page = Browser::default().get(p.addr(), sent.location()).await;
        assert!(
            page.body.contains("the payment was NOT made"),
            "{}",
            page.body
        );
        assert!(
            p.app
                .scheduled_payments(store::LoginId(1))
                .await
                .unwrap()
                .is_empty(),
            "nothing was paid"
        );
        // Any other page of an ended session says only that it ended.
        let other = b.get(p.addr(), "/dashboard").await;
        assert_eq!(other.location(), "/login?ended=1");
        p.finish().await;
    }
}

#[tokio::test]
async fn removing_a_method_and_signing_out_everywhere_confirm_first_and_the_timeout_is_warned() {
    for p in portals("portal_confirms").await {
        let token = p.enrol(MARIA, "maria.lopez").await;
        let method = p.add_bank_account(&token).await;
        let payment = pending_payment(&p, &method.to_string()).await;
        let mut b = Browser::with_session(&token);
        let list = b.get(p.addr(), "/payment-methods").await;
        let remove = format!("/payment-methods/{method}/remove");
        assert!(
            list.body.contains(&format!("href=\"{remove}\"")),
            "{}",
            list.body
        );
        let ask = b.get(p.addr(), &remove).await;
        assert_eq!(ask.status, StatusCode::OK);
        assert!(
            ask.body.contains("you will not be able to choose it"),
            "{}",
            ask.body
        );
        assert!(
            ask.body.contains(&format!("/payments/{payment}")),
            "the payment scheduled from it is listed"
        );
        assert_eq!(
            p.app
                .payment_methods(store::LoginId(1))
                .await
                .unwrap()
                .len(),
            1,
            "asking changes nothing"
        );
        let done = b.post_form(p.addr(), &remove, &remove, &[]).await;
        assert_eq!(done.location(), "/payment-methods?saved=1");
        assert!(
            p.app
                .payment_methods(store::LoginId(1))
                .await
                .unwrap()
                .is_empty()
        );

        let profile = b.get(p.addr(), "/profile").await;
        assert!(
            profile.body.contains("href=\"/logout-everywhere\""),
            "{}",
            profile.body
        );
        let ask = b.get(p.addr(), "/logout-everywhere").await;
        assert!(ask.body.contains("Sign out everywhere?"), "{}", ask.body);
        assert!(ask.body.contains("this one included"), "{}", ask.body);
        assert_eq!(
            b.get(p.addr(), "/dashboard").await.status,
            StatusCode::OK,
            "still signed in"
        );

        // Signed-in pages carry the timeout warning's script; it is served from our origin.
        assert!(profile.body.contains("<script src=\"/static/session.js\""));
        let script = b.get(p.addr(), "/static/session.js").await;
        assert_eq!(script.status, StatusCode::OK);
        assert!(script.body.contains("Stay signed in"));
        assert!(script.body.contains("/session/stay"));
        // "Stay signed in" keeps the session: 14 minutes, stay, 14 more, still signed in.
        let csrf = b.get(p.addr(), "/profile").await.csrf();
        p.clock.advance(jiff::SignedDuration::from_mins(14));
        let stay = b
            .send(
                p.addr(),
                Method::POST,
                "/session/stay",
                Some(&[("csrf", csrf.as_str())]),
                &[],
            )
            .await;
        assert_eq!(stay.status, StatusCode::NO_CONTENT);
        p.clock.advance(jiff::SignedDuration::from_mins(14));
        assert_eq!(b.get(p.addr(), "/dashboard").await.status, StatusCode::OK);
        // Without a session, it is sent to sign in like any page.
        let gone = Browser::default()
            .post_form(p.addr(), "/login", "/session/stay", &[])
            .await;
        assert_eq!(gone.status, StatusCode::SEE_OTHER);
        p.finish().await;
    }
}

#[tokio::test]
async fn the_returned_payment_alert_cannot_be_turned_off_and_the_page_says_why() {
    for p in portals("portal_protective_alerts").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let login = store::LoginId(1);
        let mut b = Browser::with_session(&maria);
        let page = b.get(p.addr(), "/profile/alerts").await;
        assert_eq!(page.status, StatusCode::OK);
        for channel in ["email", "portal"] {
            let input = format!(
                "id=\"payment_returned-{channel}\" name=\"on\" value=\"payment_returned:{channel}\" checked disabled>"
            );
            assert!(page.body.contains(&input), "{input}: {}", page.body);
        }
        assert!(
            page.body.contains(
                "id=\"payment_returned-sms\" name=\"on\" value=\"payment_returned:sms\">"
            ),
            "texts stay the borrower's choice"
        );
        assert!(
            page.body
                .contains("Always sent by email and to your message center.")
        );

        // Everything unticked (a disabled box is not sent): saved, and it stays on.
        let r = b
            .post_form(p.addr(), "/profile/alerts", "/profile/alerts", &[])
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        let prefs = p.app.preferences(login).await.unwrap();
        assert!(
            prefs
                .iter()
                .filter(|x| x.alert == "payment_returned" && x.channel != "sms")
                .all(|x| x.enabled),
            "{prefs:?}"
        );
        assert!(
            prefs
                .iter()
                .filter(|x| x.alert == "payment_due")
                .all(|x| !x.enabled)
        );

        // Its unsubscribe link says why, and changes nothing, however it is followed.
        let t = p.app.unsubscribe_token(login, "payment_returned");
        let mut anyone = Browser::default();
        let r = anyone
            .get(
                p.addr(),
                &format!("/unsubscribe?l=1&a=payment_returned&t={t}"),
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(
            r.body.contains("These emails cannot be stopped"),
            "{}",
            r.body
        );
        let r = anyone
            .post_form(
                p.addr(),
                "/login",
                "/unsubscribe",
                &[("l", "1"), ("a", "payment_returned"), ("t", t.as_str())],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.body.contains("Nothing was changed"), "{}", r.body);
        assert!(
            p.app
                .preferences(login)
                .await
                .unwrap()
                .iter()
                .any(|x| x.alert == "payment_returned" && x.channel == "email" && x.enabled)
        );
        p.finish().await;
    }
}

#[tokio::test]
async fn a_signed_in_borrower_keeps_the_signed_in_header_on_public_pages() {
    for p in portals("portal_public_header").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let mut b = Browser::with_session(&maria);
        for path in ["/", "/help", "/help/search?q=autopay", "/no/such/page"] {
            let r = b.get(p.addr(), path).await;
            assert!(
                r.body.contains("action=\"/logout\""),
                "{path}: the sign-out form: {}",
                r.body
            );
            assert!(r.body.contains(">Your loans</a>"), "{path}");
            assert!(!r.body.contains(">Sign in</a>"), "{path}");
        }
        // Signed out, the same pages offer to sign in.
        let mut anyone = Browser::default();
        for path in ["/", "/help", "/no/such/page"] {
            let r = anyone.get(p.addr(), path).await;
            assert!(r.body.contains(">Sign in</a>"), "{path}");
            assert!(!r.body.contains("action=\"/logout\""), "{path}");
        }
        p.finish().await;
    }
}

/// The error summary of a page: what is between its opening and the end of its box.
fn error_summary(body: &str) -> &str {
    body.split("class=\"error-summary\"")
        .nth(1)
        .unwrap_or_else(|| panic!("an error summary: {body}"))
        .split("</div>")
        .next()
        .unwrap_or_default()
}

#[tokio::test]
async fn a_refused_form_lists_every_error_at_once_and_the_list_takes_focus() {
    for p in portals("portal_every_error").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let login = store::LoginId(1);
        let before = p.app.payment_methods(login).await.unwrap().len();
        let mut b = Browser::with_session(&maria);

        // A bank account with three fields wrong: all three, each linked to its field.
        let r = b
            .post_form(
                p.addr(),
                "/payment-methods/new",
                "/payment-methods",
                &[
                    ("holder_name", ""),
                    ("routing_number", "123"),
                    ("account_number", "000123456789"),
                    ("confirm_account_number", "000123456780"),
                    ("account_type", "checking"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        let summary = error_summary(&r.body);
        for field in ["holder_name", "routing_number", "confirm_account_number"] {
            assert!(
                summary.contains(&format!("href=\"#{field}\"")),
                "{field}: {summary}"
            );
        }
        assert!(
            r.body.contains("tabindex=\"-1\" autofocus"),
            "focus moves to the summary when the page loads"
        );

        // A card with every detail wrong (an expiry that does not read included).
        let r = b
            .post_form(
                p.addr(),
                "/payment-methods/cards/new",
                "/payment-methods/cards",
                &[
                    ("holder_name", "Maria Lopez"),
                    ("card_number", "4242424242424241"),
                    ("expiry", "13/99"),
                    ("cvv", "1"),
                    ("zip", "12"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        let summary = error_summary(&r.body);
        for field in ["card_number", "expiry", "cvv", "zip"] {
            assert!(
                summary.contains(&format!("href=\"#{field}\"")),
                "{field}: {summary}"
            );
        }

        // The pay form: no account or card, an amount and a date that do not read.
        let pay = format!("/loans/{}/pay", MARIA.0);
        let r = b
            .post_form(
                p.addr(),
                &pay,
                &format!("{pay}/review"),
                &[
                    ("amount", "other"),
                    ("other_amount", "12.345"),
                    ("when", "later"),
                    ("date", "someday"),
                    ("key", "every-error-key-0001"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        let summary = error_summary(&r.body);
        for field in ["method", "other_amount", "date"] {
            assert!(
                summary.contains(&format!("href=\"#{field}\"")),
                "{field}: {summary}"
            );
        }
        assert!(summary.contains("like December 15, 2026"), "{summary}");

        // Nothing was saved.
        assert_eq!(p.app.payment_methods(login).await.unwrap().len(), before);
        p.finish().await;
    }
}

#[tokio::test]
async fn a_borrower_changes_their_mailing_address_by_its_parts_in_the_portal_and_the_api() {
    for p in portals("portal_address").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let mut b = Browser::with_session(&maria);
        let profile = b.get(p.addr(), "/profile").await;
        assert!(
            profile
                .body
                .contains("1207 W Lawrence Ave<br>Springfield, IL 62704"),
            "{}",
            profile.body
        );
        assert!(!profile.body.contains("Please confirm your mailing address"));

        // The form is behind the password entered again; the state is chosen from a list.
        let step = b
            .post_form(
                p.addr(),
                "/confirm-password?next=/profile/contact",
                "/confirm-password",
                &[("password", PASSWORD), ("next", "/profile/contact")],
            )
            .await;
        assert_eq!(step.status, StatusCode::SEE_OTHER, "{}", step.body);
        let form = b.get(p.addr(), "/profile/contact").await;
        assert_eq!(form.status, StatusCode::OK, "{}", form.body);
        assert!(
            form.body
                .contains(r#"<option value="IL" selected>Illinois</option>"#),
            "{}",
            form.body
        );
        assert!(form.body.contains(r#"autocomplete="postal-code""#));

        let fields = |city: &'static str, state: &'static str, zip: &'static str| {
            [
                ("email", "maria.lopez@example.com"),
                ("phone", ""),
                ("address_line1", "500 S 2nd St"),
                ("address_line2", "Apt 4"),
                ("city", city),
                ("state", state),
                ("zip", zip),
            ]
        };
        // Every wrong part is named beside its field at once, and nothing changes.
        let bad = b
            .post_form(
                p.addr(),
                "/profile/contact",
                "/profile/contact",
                &fields("", "ZZ", "6270"),
            )
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.body);
        for shown in [
            r##"<a href="#city">Enter the city</a>"##,
            "Choose a state, the District of Columbia",
            "Enter a 5-digit ZIP code like 62704",
            r#"value="500 S 2nd St""#,
        ] {
            assert!(bad.body.contains(shown), "{shown}: {}", bad.body);
        }
        let still = b.get(p.addr(), "/profile").await;
        assert!(
            still
                .body
                .contains("1207 W Lawrence Ave<br>Springfield, IL 62704"),
            "nothing changed: {}",
            still.body
        );

        // A good one is saved by its parts and shown line by line, the ZIP once.
        let good = b
            .post_form(
                p.addr(),
                "/profile/contact",
                "/profile/contact",
                &fields("Springfield", "IL", "62701-4410"),
            )
            .await;
        assert_eq!(good.status, StatusCode::SEE_OTHER, "{}", good.body);
        assert_eq!(good.location(), "/profile?saved=1");
        let saved = b.get(p.addr(), good.location()).await;
        assert!(
            saved
                .body
                .contains("500 S 2nd St<br>Apt 4<br>Springfield, IL 62701-4410"),
            "{}",
            saved.body
        );

        // The borrower API gives the parts.
        let (status, v) = b.api_get(p.addr(), "/api/v1/me/profile", &maria).await;
        assert_eq!(status, StatusCode::OK, "{v}");
        let a = &v["address"];
        assert_eq!(a["line1"], "500 S 2nd St", "{v}");
        assert_eq!(a["line2"], "Apt 4");
        assert_eq!(a["city"], "Springfield");
        assert_eq!(a["state"], "IL");
        assert_eq!(a["zip"], "62701-4410");
        assert_eq!(a["needs_review"], false);
        assert_eq!(
            a["lines"],
            serde_json::json!(["500 S 2nd St", "Apt 4", "Springfield, IL 62701-4410"])
        );
        p.finish().await;
    }
}

#[tokio::test]
async fn the_contact_form_lists_the_email_the_phone_and_every_address_part_wrong_at_once() {
    for p in portals("portal_contact_every_error").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let login = store::LoginId(1);
        let before = p.app.contact(login).await.unwrap();
        let sent = p.app.store().outbox(None, 500).await.unwrap().len();
        let mut b = Browser::with_session(&maria);
        let step = b
            .post_form(
                p.addr(),
                "/confirm-password?next=/profile/contact",
                "/confirm-password",
                &[("password", PASSWORD), ("next", "/profile/contact")],
            )
            .await;
        assert_eq!(step.status, StatusCode::SEE_OTHER, "{}", step.body);

        let bad = b
            .post_form(
                p.addr(),
                "/profile/contact",
                "/profile/contact",
                &[
                    ("email", "maria at example"),
                    ("phone", "555-0143"),
                    ("address_line1", ""),
                    ("address_line2", ""),
                    ("city", ""),
                    ("state", "ZZ"),
                    ("zip", "6270"),
                ],
            )
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.body);
        let summary = error_summary(&bad.body);
        for field in ["email", "phone", "address_line1", "city", "state", "zip"] {
            assert!(
                summary.contains(&format!("href=\"#{field}\"")),
                "{field}: {summary}"
            );
            assert!(
                bad.body.contains(&format!("id=\"{field}-error\"")),
                "{field}'s message beside it: {}",
                bad.body
            );
        }
        assert!(summary.contains("Enter an email address like name@example.com"));
        assert!(summary.contains("Enter a 10-digit US mobile number"));
        assert!(
            bad.body.contains("tabindex=\"-1\" autofocus"),
            "focus moves to the summary when the page loads"
        );
        assert!(
            bad.body.contains(r#"value="maria at example""#),
            "what was typed is kept"
        );

        // Nothing was saved, and no alert tells of a change not made.
        assert_eq!(p.app.contact(login).await.unwrap(), before);
        assert_eq!(p.app.store().outbox(None, 500).await.unwrap().len(), sent);
        p.finish().await;
    }
}
