//! See what the borrower sees, page by page, over HTTP: from the read-only dashboard an agent
//! opens each loan's read-only page, its schedule, its AutoPay page and the message center;
//! each shows the very figures and words of the borrower's own portal page (the same amounts in
//! the same order), has no form and no link into the borrower's portal, says it is read-only,
//! and another borrower's loan is the 404 of one that does not exist.

use app::identity::ClientInfo;
use app::payments::autopay::AutopayRequest;
use axum::http::StatusCode;
use store::BorrowerId;
use test_support::borrowers::{AISHA, MARIA, borrower_of, session};
use test_support::http::{Browser, Reply};
use test_support::server::portals;
use test_support::staff::browser;

/// The read-only copy of `borrower`'s portal page `page` (empty for the dashboard).
fn copy(b: BorrowerId, page: &str) -> String {
    format!("/console/borrowers/{}/portal{page}", b.0)
}

/// What is inside the page's `<main>` (the header holds the sign-out form).
fn main_of(body: &str) -> &str {
    let start = body.find("<main").expect("a main element");
    let end = body.find("</main>").expect("main closes");
    &body[start..end]
}

/// The text between each `open` and the next `close`, in order.
fn between<'a>(html: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    html.split(open)
        .skip(1)
        .filter_map(|s| s.split_once(close).map(|(inner, _)| inner))
        .collect()
}

/// Every dollar amount in `html`, in order ("$1,234.56").
fn amounts(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('$') {
        let after = &rest[i + 1..];
        let len = after
            .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .unwrap_or(after.len());
        // A period after the amount ends the sentence.
        let amount = after[..len].trim_end_matches('.');
        if !amount.is_empty() {
            out.push(&rest[i..=i + amount.len()]);
        }
        rest = &after[len..];
    }
    out
}

/// The table cells of `html` that hold no link (a link is the portal's or the console's).
fn cells(html: &str) -> Vec<&str> {
    between(html, "<td>", "</td>")
        .into_iter()
        .filter(|c| !c.contains("<a "))
        .collect()
}

/// A read-only copy: served, marked read-only with the way back to the account, with nothing
/// that acts (no form, no button, no field) and no link but the console's.
fn assert_read_only(r: &Reply, maria: BorrowerId, path: &str) {
    assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
    let main = main_of(&r.body);
    assert!(main.contains("Read-only."), "{path}");
    assert!(
        main.contains(&format!("href=\"/console/borrowers/{}\"", maria.0)),
        "{path}: the way back to the account"
    );
    for acts in ["<form", "<button", "<input", "<textarea", "action="] {
        assert!(!main.contains(acts), "{path} has {acts}");
    }
    for href in between(main, "href=\"", "\"") {
        assert!(
            href.starts_with("/console/borrowers/"),
            "{path} links to {href}"
        );
    }
}

#[tokio::test]
async fn each_loan_opens_a_read_only_copy_of_its_portal_page_with_the_same_figures() {
    for p in portals("console_portal_pages").await {
        let addr = p.addr();
        let maria = borrower_of(&p.app, MARIA.0).await;
        let token = p.enrol(MARIA, "maria.lopez").await;
        let mut her = Browser::with_session(&token);
        let mut agent = browser(&p, "ana@example.com", "agent").await;

        let dashboard = agent.get(addr, &copy(maria, "")).await;
        assert_read_only(&dashboard, maria, "dashboard");
        let view = p
            .app
            .portal_view(&app::access::Actor::Operator("test"), maria)
            .await
            .unwrap();
        assert_eq!(view.dashboard.rows.loans.len(), 3);
        for v in &view.dashboard.rows.loans {
            let account = v.account_number.to_string();
            // The dashboard links each loan to its read-only page, never to the portal's.
            let loan = copy(maria, &format!("/loans/{account}"));
            assert!(
                main_of(&dashboard.body).contains(&format!("href=\"{loan}\"")),
                "{loan}"
            );
            let schedule = format!("{loan}/schedule");
            for (theirs, ours) in [
                (format!("/loans/{account}"), loan),
                (format!("/loans/{account}/schedule"), schedule),
            ] {
                let seen = her.get(addr, &theirs).await;
                assert_eq!(seen.status, StatusCode::OK, "{theirs}");
                let shown = agent.get(addr, &ours).await;
                assert_read_only(&shown, maria, &ours);
                let (seen, shown) = (main_of(&seen.body), main_of(&shown.body));
                assert!(!amounts(seen).is_empty(), "{theirs}");
                assert_eq!(amounts(seen), amounts(shown), "{ours}");
                assert_eq!(
                    between(seen, "<dd>", "</dd>"),
                    between(shown, "<dd>", "</dd>"),
                    "{ours}"
                );
                assert_eq!(cells(seen), cells(shown), "{ours}");
                assert_eq!(
                    between(seen, "<h1>", "</h1>"),
                    between(shown, "<h1>", "</h1>"),
                    "{ours}"
                );
            }
        }
        // The loan page links to the read-only schedule and AutoPay page.
        let loan = copy(maria, &format!("/loans/{}", MARIA.0));
        let shown = agent.get(addr, &loan).await;
        assert!(shown.body.contains(&format!("href=\"{loan}/schedule\"")));
        assert!(shown.body.contains(&format!("href=\"{loan}/autopay\"")));
        assert!(shown.body.contains("To principal"), "the activity's split");
        p.finish().await;
    }
}

#[tokio::test]
async fn the_autopay_page_and_the_message_center_are_the_borrowers_read_only() {
    for p in portals("console_portal_autopay").await {
        let addr = p.addr();
        let maria = borrower_of(&p.app, MARIA.0).await;
        let token = p.enrol(MARIA, "maria.lopez").await;
        let s = session(&p.app, &token).await;
        let login = s.login().unwrap();
        let method = p.add_bank_account(&token).await;
        let agreed = p
            .app
            .enroll_autopay(
                login,
                &AutopayRequest {
                    account: MARIA.0.parse().unwrap(),
                    method: store::PaymentMethodId(method),
                    fixed_amount: None,
                    days_before_due: 0,
                    cadence: domain::autopay::Cadence::Monthly,
                },
                true,
                &ClientInfo::default(),
            )
            .await
            .unwrap();
        p.app
            .start_thread(&s, "Late fee", "Why was I charged a late fee?")
            .await
            .unwrap();
        let mut her = Browser::with_session(&token);
        let mut agent = browser(&p, "ana@example.com", "agent").await;

        let path = copy(maria, &format!("/loans/{}/autopay", MARIA.0));
        let shown = agent.get(addr, &path).await;
        assert_read_only(&shown, maria, &path);
        let seen = her.get(addr, &format!("/loans/{}/autopay", MARIA.0)).await;
        let (seen, shown) = (main_of(&seen.body), main_of(&shown.body));
        let figures = between(shown, "<dd>", "</dd>");
        assert_eq!(figures.len(), 4, "from, amount, when, authorized");
        assert!(figures[0].contains("ending 6789"), "{figures:?}");
        assert_eq!(between(seen, "<dd>", "</dd>"), figures);
        assert!(shown.contains("AutoPay is on"));
        assert!(shown.contains("The authorization they agreed to"));
        assert!(shown.contains(&format!("version {}", agreed.version)));
        assert!(shown.contains("until I cancel"), "the words agreed to");
        assert!(!shown.contains("123456789"), "the account is masked");

        // The message center: the staff's look first (it marks nothing read), then hers.
        let unread = p.app.store().unread_portal_messages(login).await.unwrap();
        let path = copy(maria, "/messages");
        let shown = agent.get(addr, &path).await;
        assert_read_only(&shown, maria, &path);
        assert_eq!(
            p.app.store().unread_portal_messages(login).await.unwrap(),
            unread
        );
        let seen = her.get(addr, "/messages").await;
        assert_eq!(seen.status, StatusCode::OK);
        let (seen, shown) = (main_of(&seen.body), main_of(&shown.body));
        assert!(shown.contains("Late fee <span class=\"tag\">Waiting for our answer</span>"));
        assert_eq!(
            between(seen, "<span class=\"meta\">", "</span>"),
            between(shown, "<span class=\"meta\">", "</span>")
        );
        assert_eq!(
            between(seen, "<h3 id=", "</h3>"),
            between(shown, "<h3 id=", "</h3>")
        );
        p.finish().await;
    }
}

#[tokio::test]
async fn another_borrowers_loan_is_not_found_on_every_read_only_page() {
    for p in portals("console_portal_scoped").await {
        let addr = p.addr();
        let maria = borrower_of(&p.app, MARIA.0).await;
        let aisha = borrower_of(&p.app, AISHA.0).await;
        p.enrol(MARIA, "maria.lopez").await;
        let mut agent = browser(&p, "ana@example.com", "agent").await;
        for page in ["", "/schedule", "/autopay"] {
            let ok = copy(maria, &format!("/loans/{}{page}", MARIA.0));
            assert_eq!(agent.get(addr, &ok).await.status, StatusCode::OK, "{ok}");
            for path in [
                copy(maria, &format!("/loans/{}{page}", AISHA.0)),
                copy(aisha, &format!("/loans/{}{page}", MARIA.0)),
                copy(maria, &format!("/loans/5218400000099999{page}")),
                copy(maria, &format!("/loans/1234{page}")),
                copy(BorrowerId(999_999), &format!("/loans/{}{page}", MARIA.0)),
                format!(
                    "/console/borrowers/0{}/portal/loans/{}{page}",
                    maria.0, MARIA.0
                ),
            ] {
                assert_eq!(
                    agent.get(addr, &path).await.status,
                    StatusCode::NOT_FOUND,
                    "{path}"
                );
            }
        }
        assert_eq!(
            agent.get(addr, &copy(aisha, "/messages")).await.status,
            StatusCode::OK,
            "a borrower without a sign-in has an empty message center"
        );
        for path in [
            copy(BorrowerId(999_999), "/messages"),
            format!("/console/borrowers/0{}/portal/messages", maria.0),
        ] {
            assert_eq!(
                agent.get(addr, &path).await.status,
                StatusCode::NOT_FOUND,
                "{path}"
            );
        }
        // Aisha has not enrolled: her own loan is shown, and said so.
        let hers = agent
            .get(addr, &copy(aisha, &format!("/loans/{}", AISHA.0)))
            .await;
        assert_read_only(&hers, aisha, "Aisha's loan");
        assert!(
            hers.body
                .contains("they have not set up a portal sign-in yet")
        );
        p.finish().await;
    }
}
