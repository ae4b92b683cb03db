//! The lockbox exception queue through the console and the API (issue 21): a day's lockbox
//! file is imported (one check posts by itself, five go to the queue); an agent lists the
//! queue (oldest first, with what is open in all), opens an item, applies it to a loan (a
//! mistyped account number first: the form comes back and nothing changes), splits one (the
//! amounts not adding up first: said, and nothing changes), returns one (a reason required);
//! each item then shows what was done; the day's report counts them. A borrower's session and
//! no session get the console's usual answers. Through the API a client lists and reads the
//! items, applies one once per key, splits one and returns one; a read-only token cannot
//! write. The books balance after all of it (`Portal::finish`).

use app::access::Actor;
use app::remittance::{ItemFilter, ItemId, ItemState, ItemSummary, LockboxFormat};
use axum::http::{Method, StatusCode};
use domain::account_number::AccountNumber;
use formats::lockbox::{Batch, Check, Lockbox, LockboxFile};
use jiff::civil::Date;
use money::Money;
use test_support::borrowers::MARIA;
use test_support::http::{Browser, Reply, send};
use test_support::server::{Portal, portals};

/// Maria's current loan, her past-due loan, James's paid-off loan, Aisha's loan (the demo's).
fn maria() -> AccountNumber {
    AccountNumber::from_base(521_840_000_000_101)
}
fn maria_second() -> AccountNumber {
    AccountNumber::from_base(521_840_000_000_102)
}
fn james() -> AccountNumber {
    AccountNumber::from_base(521_840_000_000_201)
}
fn aisha() -> AccountNumber {
    AccountNumber::from_base(521_840_000_000_301)
}

/// `a` with its last digit changed: 16 digits whose check digit does not match.
fn mistyped(a: AccountNumber) -> String {
    let mut digits = a.to_string().into_bytes();
    digits[15] = if digits[15] == b'9' {
        b'0'
    } else {
        digits[15] + 1
    };
    String::from_utf8(digits).unwrap()
}

fn check(item: &str, cents: i64, number: &str, payer: &str, memo: Vec<String>) -> Check {
    Check {
        item: item.to_owned(),
        amount: Money::from_cents(cents),
        check_number: number.to_owned(),
        check_date: None,
        payer: payer.to_owned(),
        payer_routing: "011000015".to_owned(),
        payer_account: format!("7700{number}"),
        memo,
        line: 0,
    }
}

/// The six checks of the day, each with its own amount (the tests find items by amount).
const AISHA_POSTS: i64 = 15_000;
const MARIA_MISTYPED: i64 = 12_500;
const MARIA_NO_MEMO: i64 = 30_000;
const JAMES_PAID_OFF: i64 = 8_000;
const UNKNOWN: i64 = 5_000;
const UNKNOWN_TOO: i64 = 6_000;

/// Imports a lockbox file deposited on the business date: Aisha's check names her account
/// (it posts), Maria's names hers mistyped, another of Maria's names nothing, James's names
/// his paid-off loan, and two name an account that does not exist. The deposit date.
async fn import_day(p: &Portal) -> Date {
    let date = p.app.business_date().await.unwrap();
    let unknown = AccountNumber::from_base(999_999_000_000_001);
    let file = LockboxFile {
        origin: "011000015".to_owned(),
        destination: "071000013".to_owned(),
        created_on: date,
        lockboxes: vec![Lockbox {
            number: "4410".to_owned(),
            deposit_date: date,
            line: 0,
            batches: vec![Batch {
                number: "1".to_owned(),
                line: 0,
                checks: vec![
                    check(
                        "1",
                        AISHA_POSTS,
                        "1001",
                        "AISHA KHAN",
                        vec![format!("ACCT {}", aisha())],
                    ),
                    check(
                        "2",
                        MARIA_MISTYPED,
                        "1002",
                        "MARIA LOPEZ",
                        vec![format!("ACCT {}", mistyped(maria()))],
                    ),
                    check("3", MARIA_NO_MEMO, "1003", "MARIA LOPEZ", Vec::new()),
                    check(
                        "4",
                        JAMES_PAID_OFF,
                        "1004",
                        "JAMES CARTER",
                        vec![format!("ACCT {}", james())],
                    ),
                    check(
                        "5",
                        UNKNOWN,
                        "1005",
                        "PAT DOE",
                        vec![format!("ACCT {unknown}")],
                    ),
                    check(
                        "6",
                        UNKNOWN_TOO,
                        "1006",
                        "PAT DOE",
                        vec![format!("ACCT {unknown}")],
                    ),
                ],
            }],
        }],
    };
    let text = formats::lockbox::write(&file);
    p.app
        .import_lockbox(
            &Actor::Operator("lockbox"),
            "lockbox-day.txt",
            text.as_bytes(),
            LockboxFormat::Bai,
        )
        .await
        .unwrap();
    date
}

/// The items in `state` (every item: `None`).
async fn items(p: &Portal, state: Option<ItemState>) -> Vec<ItemSummary> {
    p.app
        .remittance_items(
            &Actor::Operator("test"),
            ItemFilter {
                state,
                deposit_date: None,
            },
            1,
        )
        .await
        .unwrap()
        .items
}

/// The id of the day's item of `cents`.
async fn id_of(p: &Portal, cents: i64) -> i64 {
    items(p, None)
        .await
        .iter()
        .find(|i| i.amount == Money::from_cents(cents))
        .unwrap_or_else(|| panic!("an item of {cents} cents"))
        .id
        .0
}

/// Item `id`'s state (its stored name) and how many payments it became.
async fn state_of(p: &Portal, id: i64) -> (&'static str, usize) {
    let d = p
        .app
        .remittance_item(&Actor::Operator("test"), ItemId(id))
        .await
        .unwrap();
    (d.item.state.as_str(), d.postings.len())
}

/// The value of the hidden field `name` in a page's form.
fn hidden(page: &Reply, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = page
        .body
        .find(&marker)
        .unwrap_or_else(|| panic!("no field {name}: {}", page.body))
        + marker.len();
    page.body[at..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// Posts `fields` with the CSRF token (and the forms' key, while the item is open) of the
/// item page at `page` to `action`.
async fn post(
    b: &mut Browser,
    p: &Portal,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> Reply {
    let form = b.get(p.addr(), page).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    let csrf = form.csrf();
    let key = if form.body.contains("name=\"key\"") {
        hidden(&form, "key")
    } else {
        Default::default()
    };
    let mut all = vec![("csrf", csrf.as_str()), ("key", key.as_str())];
    all.extend_from_slice(fields);
    b.send(p.addr(), Method::POST, action, Some(&all), &[])
        .await
}

#[tokio::test]
async fn an_agent_applies_splits_and_returns_lockbox_exceptions() {
    for p in portals("console_remittances").await {
        let addr = p.addr();
        let date = import_day(&p).await;
        assert_eq!(items(&p, Some(ItemState::Exception)).await.len(), 5);
        let mut agent =
            test_support::staff::browser(&p, "agent.lockbox@example.com", "agent").await;

        // The home page links to the queue; the queue lists what is open, with its total.
        let home = agent.get(addr, "/console").await;
        assert!(
            home.body.contains("href=\"/console/remittances\""),
            "{}",
            home.body
        );
        let queue = agent.get(addr, "/console/remittances").await;
        assert_eq!(queue.status, StatusCode::OK, "{}", queue.body);
        for shown in [
            "5 items open, $615.00 in all.",
            "MARIA LOPEZ",
            "$125.00",
            "PAT DOE",
            "today",
        ] {
            assert!(queue.body.contains(shown), "{shown}: {}", queue.body);
        }
        assert!(
            !queue.body.contains("$150.00"),
            "Aisha's check posted by itself"
        );

        // The mistyped one: a wrong number typed gets the form back, and nothing changes.
        let mistyped_id = id_of(&p, MARIA_MISTYPED).await;
        let page = format!("/console/remittances/{mistyped_id}");
        let opened = agent.get(addr, &page).await;
        assert_eq!(opened.status, StatusCode::OK);
        for shown in [
            "$125.00",
            "MARIA LOPEZ",
            "Why it came to the queue",
            "Apply the whole check",
        ] {
            assert!(opened.body.contains(shown), "{shown}: {}", opened.body);
        }
        let wrong = mistyped(maria());
        let apply = format!("{page}/apply");
        let refused = post(
            &mut agent,
            &p,
            &page,
            &apply,
            &[("account", wrong.as_str())],
        )
        .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);
        assert!(
            refused.body.contains("a digit is probably mistyped"),
            "{}",
            refused.body
        );
        assert!(refused.body.contains("aria-invalid=\"true\""));
        assert_eq!(state_of(&p, mistyped_id).await, ("exception", 0));

        // Applied to Maria's loan (typed as printed, in groups of four): resolved, and the page
        // says what was done and where the money went. The same form again posts nothing more.
        let typed = maria().grouped();
        let form = agent.get(addr, &page).await;
        let (csrf, key) = (form.csrf(), hidden(&form, "key"));
        let fields = [
            ("csrf", csrf.as_str()),
            ("key", key.as_str()),
            ("account", typed.as_str()),
        ];
        let applied = agent
            .send(addr, Method::POST, &apply, Some(&fields), &[])
            .await;
        assert_eq!(applied.status, StatusCode::SEE_OTHER, "{}", applied.body);
        assert_eq!(applied.location(), format!("{page}?done=applied"));
        let again = agent
            .send(addr, Method::POST, &apply, Some(&fields), &[])
            .await;
        assert!(
            again.status == StatusCode::SEE_OTHER || again.status == StatusCode::CONFLICT,
            "{}: {}",
            again.status,
            again.body
        );
        assert_eq!(state_of(&p, mistyped_id).await, ("resolved", 1));
        let shown = agent.get(addr, applied.location()).await;
        let ending = format!("Ending {}", maria().last4());
        for text in [
            "Applied.",
            "Resolved by staff",
            "Where the money went",
            ending.as_str(),
        ] {
            assert!(shown.body.contains(text), "{text}: {}", shown.body);
        }
        assert!(
            !shown.body.contains("Apply the whole check"),
            "no forms on a resolved item"
        );

        // Split across Maria's two loans: amounts that do not add up are refused and change
        // nothing; then they do.
        let split_id = id_of(&p, MARIA_NO_MEMO).await;
        let page = format!("/console/remittances/{split_id}");
        let split = format!("{page}/split");
        let (first, second) = (maria().to_string(), maria_second().to_string());
        let short = post(
            &mut agent,
            &p,
            &page,
            &split,
            &[
                ("split_account_1", first.as_str()),
                ("split_amount_1", "200.00"),
                ("split_account_2", second.as_str()),
                ("split_amount_2", "50.00"),
            ],
        )
        .await;
        assert_eq!(short.status, StatusCode::BAD_REQUEST, "{}", short.body);
        assert!(short.body.contains("add up"), "{}", short.body);
        assert!(
            short.body.contains("value=\"50.00\""),
            "what was typed is kept"
        );
        assert_eq!(state_of(&p, split_id).await, ("exception", 0));
        let done = post(
            &mut agent,
            &p,
            &page,
            &split,
            &[
                ("split_account_1", first.as_str()),
                ("split_amount_1", "200.00"),
                ("split_account_2", second.as_str()),
                ("split_amount_2", "100.00"),
            ],
        )
        .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        assert_eq!(done.location(), format!("{page}?done=split"));
        assert_eq!(state_of(&p, split_id).await, ("resolved", 2));

        // Returned to the sender: a reason is required.
        let returned_id = id_of(&p, JAMES_PAID_OFF).await;
        let page = format!("/console/remittances/{returned_id}");
        let action = format!("{page}/return");
        let bare = post(&mut agent, &p, &page, &action, &[("reason", "  ")]).await;
        assert_eq!(bare.status, StatusCode::BAD_REQUEST);
        assert!(bare.body.contains("Say why"), "{}", bare.body);
        assert_eq!(state_of(&p, returned_id).await, ("exception", 0));
        let sent_back = post(
            &mut agent,
            &p,
            &page,
            &action,
            &[("reason", "The loan was paid off; this check is not needed")],
        )
        .await;
        assert_eq!(
            sent_back.status,
            StatusCode::SEE_OTHER,
            "{}",
            sent_back.body
        );
        assert_eq!(state_of(&p, returned_id).await, ("returned", 0));
        let shown = agent.get(addr, sent_back.location()).await;
        assert!(
            shown.body.contains("Marked to return to the sender"),
            "{}",
            shown.body
        );
        // Too late now: the form sent again changes nothing and says so.
        let late = post(&mut agent, &p, &page, &action, &[("reason", "Again")]).await;
        assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
        assert!(
            late.body.contains("already marked to return"),
            "{}",
            late.body
        );
        assert_eq!(state_of(&p, returned_id).await, ("returned", 0));

        // The tabs: two open, one returned, two resolved.
        let open = agent.get(addr, "/console/remittances").await;
        assert!(
            open.body.contains("2 items open, $110.00 in all."),
            "{}",
            open.body
        );
        let gone = agent.get(addr, "/console/remittances?state=returned").await;
        assert!(gone.body.contains("$80.00") && gone.body.contains("JAMES CARTER"));
        let resolved = agent.get(addr, "/console/remittances?state=resolved").await;
        assert!(resolved.body.contains("$125.00") && resolved.body.contains("$300.00"));

        // The day's report, from the date picker.
        let picked = agent
            .get(addr, &format!("/console/remittances?date={date}"))
            .await;
        assert_eq!(picked.status, StatusCode::SEE_OTHER);
        assert_eq!(
            picked.location(),
            format!("/console/remittances/days/{date}")
        );
        let day = agent.get(addr, picked.location()).await;
        assert_eq!(day.status, StatusCode::OK, "{}", day.body);
        for shown in [
            "$765.00",
            "Posted automatically",
            "Returned to the sender",
            "AISHA KHAN",
        ] {
            assert!(day.body.contains(shown), "{shown}: {}", day.body);
        }
        // A date as people write it goes to the same day; one that is not a date is refused
        // beside its field, named, with what was typed kept.
        let human = agent
            .get(
                addr,
                &format!(
                    "/console/remittances?date={}",
                    test_support::http::urlencode(&documents::long_date(date))
                ),
            )
            .await;
        assert_eq!(human.status, StatusCode::SEE_OTHER, "{}", human.body);
        assert_eq!(human.location(), picked.location());
        let bad = agent.get(addr, "/console/remittances?date=25/11").await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(
            bad.body
                .contains("Enter the deposit date like December 15, 2026, or 12/15/2026"),
            "{}",
            bad.body
        );
        assert!(bad.body.contains("href=\"#date\""), "{}", bad.body);
        assert!(bad.body.contains("value=\"25/11\""), "{}", bad.body);

        // Ids that are not items are 404s; nobody but staff reaches the queue.
        for path in [
            "/console/remittances/999999",
            "/console/remittances/abc",
            "/console/remittances/0",
            "/console/remittances/days/soon",
        ] {
            assert_eq!(
                agent.get(addr, path).await.status,
                StatusCode::NOT_FOUND,
                "{path}"
            );
        }
        let borrower = p.enrol(MARIA, "maria.lopez").await;
        let open_id = id_of(&p, UNKNOWN).await;
        for mut b in [Browser::default(), Browser::with_session(&borrower)] {
            let r = b.get(addr, "/console/remittances").await;
            assert_eq!(r.location(), "/console/sign-in");
            let r = b
                .send(
                    addr,
                    Method::POST,
                    &format!("/console/remittances/{open_id}/return"),
                    Some(&[("reason", "x")]),
                    &[],
                )
                .await;
            assert!(
                r.location() == "/console/sign-in" || r.status == StatusCode::FORBIDDEN,
                "{}",
                r.status
            );
        }
        assert_eq!(state_of(&p, open_id).await, ("exception", 0));
        p.finish().await;
    }
}

#[tokio::test]
async fn a_client_reads_and_resolves_lockbox_items_and_a_read_only_token_cannot() {
    for p in portals("api_remittances").await {
        let addr = p.addr();
        let date = import_day(&p).await;
        let operator = Actor::Operator("test");
        let scopes = |s: &str| app::api_clients::Scopes::parse(s).unwrap();
        let reader = p
            .app
            .create_api_client("reporting", scopes("read"), &operator)
            .await
            .unwrap();
        let payer = p
            .app
            .create_api_client("lockbox-desk", scopes("read,payments"), &operator)
            .await
            .unwrap();
        let (reader, payer) = (format!("Bearer {reader}"), format!("Bearer {payer}"));

        // The queue, oldest first, with what is open in all.
        let list = send(
            addr,
            "GET",
            "/api/v1/remittances?state=exception",
            &[("authorization", payer.as_str())],
            None,
        )
        .await;
        assert_eq!(list.status, StatusCode::OK, "{}", list.body);
        let json = list.json();
        assert_eq!(json["items"].as_array().unwrap().len(), 5);
        assert_eq!(json["open_count"], 5);
        assert_eq!(json["open_total"], "615.00");
        let bad = send(
            addr,
            "GET",
            "/api/v1/remittances?state=lost",
            &[("authorization", payer.as_str())],
            None,
        )
        .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert_eq!(bad.json()["field"], "state");

        // One item.
        let unknown = id_of(&p, UNKNOWN).await;
        let path = format!("/api/v1/remittances/{unknown}");
        let one = send(
            addr,
            "GET",
            &path,
            &[("authorization", payer.as_str())],
            None,
        )
        .await;
        assert_eq!(one.status, StatusCode::OK, "{}", one.body);
        assert_eq!(one.json()["item"]["amount"], "50.00");
        assert_eq!(one.json()["item"]["state"], "exception");
        assert_eq!(one.json()["item"]["payer"], "PAT DOE");
        let missing = send(
            addr,
            "GET",
            "/api/v1/remittances/999999",
            &[("authorization", payer.as_str())],
            None,
        )
        .await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);

        // A read-only token may not decide anything.
        let apply = format!("{path}/apply");
        let body = format!(r#"{{"account_number":"{}"}}"#, aisha());
        let key = ("idempotency-key", "lockbox-api-0001");
        let refused = send(
            addr,
            "POST",
            &apply,
            &[("authorization", reader.as_str()), key],
            Some(&body),
        )
        .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert_eq!(refused.json()["code"], "insufficient_scope");
        assert_eq!(state_of(&p, unknown).await, ("exception", 0));

        // Applied once per key: no key, a bad account number, then the same request twice.
        let no_key = send(
            addr,
            "POST",
            &apply,
            &[("authorization", payer.as_str())],
            Some(&body),
        )
        .await;
        assert_eq!(no_key.status, StatusCode::BAD_REQUEST);
        assert_eq!(no_key.json()["field"], "Idempotency-Key");
        let wrong = format!(r#"{{"account_number":"{}"}}"#, mistyped(aisha()));
        let bad_account = send(
            addr,
            "POST",
            &apply,
            &[("authorization", payer.as_str()), key],
            Some(&wrong),
        )
        .await;
        assert_eq!(bad_account.status, StatusCode::BAD_REQUEST);
        assert_eq!(bad_account.json()["field"], "account_number");
        assert_eq!(state_of(&p, unknown).await, ("exception", 0));
        let applied = send(
            addr,
            "POST",
            &apply,
            &[("authorization", payer.as_str()), key],
            Some(&body),
        )
        .await;
        assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
        let json = applied.json();
        assert_eq!(json["item"]["state"], "resolved");
        assert_eq!(json["postings"][0]["account_number"], aisha().to_string());
        assert_eq!(json["postings"][0]["amount"], "50.00");
        let replay = send(
            addr,
            "POST",
            &apply,
            &[("authorization", payer.as_str()), key],
            Some(&body),
        )
        .await;
        assert!(
            replay.status == StatusCode::OK || replay.status == StatusCode::CONFLICT,
            "{}: {}",
            replay.status,
            replay.body
        );
        assert_eq!(state_of(&p, unknown).await, ("resolved", 1));

        // Split across Maria's two loans.
        let split_id = id_of(&p, MARIA_NO_MEMO).await;
        let split = format!("/api/v1/remittances/{split_id}/split");
        let parts = |a: &str, b: &str| {
            format!(
                r#"{{"parts":[{{"account_number":"{}","amount":"{a}"}},{{"account_number":"{}","amount":"{b}"}}]}}"#,
                maria(),
                maria_second()
            )
        };
        let split_key = ("idempotency-key", "lockbox-api-0002");
        let short = send(
            addr,
            "POST",
            &split,
            &[("authorization", payer.as_str()), split_key],
            Some(&parts("100.00", "100.00")),
        )
        .await;
        assert_eq!(short.status, StatusCode::BAD_REQUEST, "{}", short.body);
        assert_eq!(state_of(&p, split_id).await, ("exception", 0));
        let split_key = ("idempotency-key", "lockbox-api-0003");
        let done = send(
            addr,
            "POST",
            &split,
            &[("authorization", payer.as_str()), split_key],
            Some(&parts("150.00", "150.00")),
        )
        .await;
        assert_eq!(done.status, StatusCode::OK, "{}", done.body);
        assert_eq!(done.json()["postings"].as_array().unwrap().len(), 2);

        // Returned; a second return is a conflict.
        let other = id_of(&p, UNKNOWN_TOO).await;
        let ret = format!("/api/v1/remittances/{other}/return");
        let reason = r#"{"reason":"No loan has the account number on the memo"}"#;
        let returned = send(
            addr,
            "POST",
            &ret,
            &[("authorization", payer.as_str())],
            Some(reason),
        )
        .await;
        assert_eq!(returned.status, StatusCode::OK, "{}", returned.body);
        assert_eq!(returned.json()["item"]["state"], "returned");
        let twice = send(
            addr,
            "POST",
            &ret,
            &[("authorization", payer.as_str())],
            Some(reason),
        )
        .await;
        assert_eq!(twice.status, StatusCode::CONFLICT);
        assert_eq!(twice.json()["code"], "not_an_exception");

        // The day's report.
        let day = send(
            addr,
            "GET",
            &format!("/api/v1/remittances/days/{date}"),
            &[("authorization", payer.as_str())],
            None,
        )
        .await;
        assert_eq!(day.status, StatusCode::OK, "{}", day.body);
        let json = day.json();
        assert_eq!(json["received"]["count"], 6);
        assert_eq!(json["received"]["total"], "765.00");
        assert_eq!(json["posted"]["count"], 1);
        assert_eq!(json["returned"]["count"], 1);
        assert_eq!(json["items"].as_array().unwrap().len(), 6);
        let not_a_date = send(
            addr,
            "GET",
            "/api/v1/remittances/days/soon",
            &[("authorization", payer.as_str())],
            None,
        )
        .await;
        assert_eq!(not_a_date.status, StatusCode::BAD_REQUEST);
        assert_eq!(not_a_date.json()["field"], "date");
        p.finish().await;
    }
}
