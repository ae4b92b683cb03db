//! The borrower API's change of due date (issue 20, item 3), over HTTP against the real server
//! (SQLite, and PostgreSQL when `SERVICER_TEST_POSTGRES_URL` is set), on the demo portfolio on
//! Wednesday, November 25, 2026 (Aisha's loan is current, due on the 20th, next on December
//! 20; Maria's second loan is past due): the status says a change may be made, the window the
//! next payment may move within and the days to choose from; `?day=28` previews the next
//! payments' dates now and after and the interest effect, changing nothing; the change is
//! made once under its `Idempotency-Key` (the same key and body again answers the same,
//! marked replayed; the same key with another day is 409); a second change within 12 months
//! and a change while past due are refused naming `day`, in the portal's words, and the status
//! says why; another borrower's loan is the same 404 as none; bad input is refused naming the
//! field, changing nothing.

use axum::http::StatusCode;
use domain::account_number::AccountNumber;
use jiff::civil::{Date, date};
use test_support::borrowers::{AISHA, MARIA};
use test_support::http::{Reply, send};
use test_support::server::{Portal, portals};

/// The due-date resource of loan `account`.
fn path(account: &str) -> String {
    format!("/api/v1/me/loans/{account}/due-date")
}

/// A GET of `path` with the session `token`.
async fn get(p: &Portal, token: &str, path: &str) -> Reply {
    let bearer = format!("Bearer {token}");
    send(
        p.addr(),
        "GET",
        path,
        &[("authorization", bearer.as_str())],
        None,
    )
    .await
}

/// A POST of `body` to `path` with the session `token` and the idempotency `key`.
async fn post(p: &Portal, token: &str, path: &str, key: &str, body: &str) -> Reply {
    let bearer = format!("Bearer {token}");
    send(
        p.addr(),
        "POST",
        path,
        &[("authorization", bearer.as_str()), ("idempotency-key", key)],
        Some(body),
    )
    .await
}

/// Loan `account`'s next due date as stored.
async fn next_due(p: &Portal, account: &str) -> Option<Date> {
    p.app
        .store()
        .loan_view(account.parse().unwrap())
        .await
        .unwrap()
        .unwrap()
        .snapshot
        .next_due_date
}

#[tokio::test]
async fn a_borrower_reads_the_window_previews_and_changes_the_due_date_once() {
    for p in portals("api_due_date").await {
        let aisha = p.enrol(AISHA, "aisha.khan").await;
        let here = path(AISHA.0);

        // May change: the window around December 20 and the days to choose from.
        let status = get(&p, &aisha, &here).await;
        assert_eq!(status.status, StatusCode::OK, "{}", status.body);
        let v = status.json();
        assert_eq!(v["may_change"], true, "{v}");
        assert!(v["reason"].is_null(), "{v}");
        assert_eq!(v["current_day"], 20);
        assert_eq!(v["next_due_date"], "2026-12-20");
        assert_eq!(v["once_in_months"], 12);
        assert_eq!(v["window_days"], 15);
        assert_eq!(v["window"]["earliest"], "2026-12-05", "{v}");
        assert_eq!(v["window"]["latest"], "2027-01-04", "{v}");
        let days: Vec<u64> = v["window"]["days"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d.as_u64().unwrap())
            .collect();
        assert!(days.contains(&28), "{days:?}");
        assert!(!days.contains(&20), "not the day it is on: {days:?}");
        assert!(v["preview"].is_null());

        // The preview of the 28th: the next payments' dates now and after, the interest.
        let preview = get(&p, &aisha, &format!("{here}?day=28")).await;
        assert_eq!(preview.status, StatusCode::OK, "{}", preview.body);
        let v = preview.json();
        let plan = &v["preview"];
        assert_eq!(plan["day"], 28);
        assert_eq!(plan["effective"], "2026-11-25");
        assert_eq!(plan["old_next_due"], "2026-12-20");
        assert_eq!(plan["new_next_due"], "2026-12-28");
        assert_eq!(plan["schedule"][0]["due_date_now"], "2026-12-20", "{v}");
        assert_eq!(plan["schedule"][0]["due_date"], "2026-12-28", "{v}");
        assert_eq!(plan["schedule"][1]["due_date"], "2027-01-28", "{v}");
        assert!(
            plan["interest"]
                .as_str()
                .unwrap()
                .ends_with("interest over the life of the loan"),
            "{v}"
        );
        assert_eq!(
            next_due(&p, AISHA.0).await,
            Some(date(2026, 12, 20)),
            "a preview changes nothing"
        );

        // Bad input: refused naming the field, nothing changed.
        for bad in ["31", "0", "x", "2.5"] {
            let r = get(&p, &aisha, &format!("{here}?day={bad}")).await;
            assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}: {}", r.body);
            assert_eq!(r.json()["field"], "day", "{bad}");
        }
        let bearer = format!("Bearer {aisha}");
        let keyless = send(
            p.addr(),
            "POST",
            &here,
            &[("authorization", bearer.as_str())],
            Some(r#"{"day":28}"#),
        )
        .await;
        assert_eq!(keyless.status, StatusCode::BAD_REQUEST, "{}", keyless.body);
        assert_eq!(keyless.json()["field"], "Idempotency-Key");
        let not_a_day = post(&p, &aisha, &here, "due-date-api-0000", r#"{"day":31}"#).await;
        assert_eq!(not_a_day.status, StatusCode::BAD_REQUEST);
        let why = not_a_day.json();
        assert_eq!(why["field"], "day");
        assert_eq!(
            why["message"],
            "Choose a day of the month from the 1st to the 28th."
        );
        let not_json = post(&p, &aisha, &here, "due-date-api-0009", r#"{"day":"soon"}"#).await;
        assert_eq!(not_json.status, StatusCode::BAD_REQUEST);
        assert_eq!(next_due(&p, AISHA.0).await, Some(date(2026, 12, 20)));

        // The change, under its key: the new next due date, and the borrower is told.
        let done = post(&p, &aisha, &here, "due-date-api-0001", r#"{"day":28}"#).await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
        assert!(done.headers.get("idempotent-replayed").is_none());
        let v = done.json();
        assert_eq!(v["day"], 28);
        assert_eq!(v["next_due_date"], "2026-12-28", "{v}");
        let reference = v["reference"].as_str().unwrap().to_owned();
        assert!(!reference.is_empty());
        assert_eq!(next_due(&p, AISHA.0).await, Some(date(2026, 12, 28)));
        let told = p.wait_for_message("Your due date has changed").await;
        assert!(told.message.body.contains("28th of each month"));

        // The same request again: the same answer, marked replayed; another day under the
        // same key: refused.
        let again = post(&p, &aisha, &here, "due-date-api-0001", r#"{"day":28}"#).await;
        assert_eq!(again.status, StatusCode::OK, "{}", again.body);
        assert_eq!(again.headers["idempotent-replayed"], "true");
        assert_eq!(again.json()["reference"], reference.as_str());
        let reused = post(&p, &aisha, &here, "due-date-api-0001", r#"{"day":27}"#).await;
        assert_eq!(reused.status, StatusCode::CONFLICT, "{}", reused.body);
        assert_eq!(reused.json()["code"], "idempotency_key_reused");

        // A second change within 12 months: refused naming the day, and the status says why.
        let second = post(&p, &aisha, &here, "due-date-api-0002", r#"{"day":25}"#).await;
        assert_eq!(second.status, StatusCode::BAD_REQUEST, "{}", second.body);
        let why = second.json();
        assert_eq!(why["field"], "day");
        assert!(
            why["message"]
                .as_str()
                .unwrap()
                .starts_with("The due date was changed recently."),
            "{why}"
        );
        let v = get(&p, &aisha, &here).await.json();
        assert_eq!(v["may_change"], false, "{v}");
        assert!(v["window"].is_null());
        assert!(
            v["reason"]
                .as_str()
                .unwrap()
                .contains("can be changed again on or after November 25, 2027"),
            "{v}"
        );
        assert_eq!(next_due(&p, AISHA.0).await, Some(date(2026, 12, 28)));
        p.finish().await;
    }
}

#[tokio::test]
async fn a_past_due_loan_is_refused_and_another_borrowers_loan_is_not_found() {
    for p in portals("api_due_date_refused").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;

        // Maria's second loan is past due: the status says so, and a change is refused.
        let past_due = AccountNumber::from_base(521_840_000_000_102).to_string();
        let before = next_due(&p, &past_due).await;
        let status = get(&p, &maria, &path(&past_due)).await;
        assert_eq!(status.status, StatusCode::OK, "{}", status.body);
        let v = status.json();
        assert_eq!(v["may_change"], false, "{v}");
        assert!(
            v["reason"]
                .as_str()
                .unwrap()
                .contains("cannot be changed while a payment is past due"),
            "{v}"
        );
        assert!(v["window"].is_null());
        let refused = post(
            &p,
            &maria,
            &path(&past_due),
            "due-date-api-0003",
            r#"{"day":10}"#,
        )
        .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
        let why = refused.json();
        assert_eq!(why["field"], "day");
        assert!(
            why["message"]
                .as_str()
                .unwrap()
                .contains("while a payment is past due"),
            "{why}"
        );
        assert_eq!(next_due(&p, &past_due).await, before, "nothing changed");

        // Aisha's loan, asked for with Maria's session: the same 404 as a loan that does not
        // exist, for the status and for the change; and Aisha's loan is left as it was.
        let theirs = get(&p, &maria, &path(AISHA.0)).await;
        let none = get(&p, &maria, &path("5218400000009999")).await;
        assert_eq!(theirs.status, StatusCode::NOT_FOUND);
        assert_eq!((theirs.status, &theirs.body), (none.status, &none.body));
        let theirs = post(
            &p,
            &maria,
            &path(AISHA.0),
            "due-date-api-0004",
            r#"{"day":28}"#,
        )
        .await;
        let none = post(
            &p,
            &maria,
            &path("5218400000009999"),
            "due-date-api-0005",
            r#"{"day":28}"#,
        )
        .await;
        assert_eq!(theirs.status, StatusCode::NOT_FOUND);
        assert_eq!((theirs.status, &theirs.body), (none.status, &none.body));
        assert_eq!(next_due(&p, AISHA.0).await, Some(date(2026, 12, 20)));
        p.finish().await;
    }
}
