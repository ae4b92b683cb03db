//! Finding a borrower or a loan (issue 19) through `App::search_borrowers`, on SQLite and on
//! PostgreSQL when configured: every kind of query finds the right borrower (names in any
//! order, accents and case ignored, each word a prefix; account numbers typed any way; last 4
//! with a name; phone, email, ZIP; an SSN's last 4 through its keyed digest, whose digits are
//! stored nowhere); results are ranked and paged; borrowers boarded before the index existed
//! are indexed at start; a changed phone finds the borrower and the old one no longer does;
//! who may search, and every search audited; hostile input refused or searched as text.

use app::App;
use app::access::{Actor, Role};
use app::api_clients::Scopes;
use app::search::{MAX_PAGE, PAGE_SIZE, SEARCH_AUDIT_SUBJECT, SearchError, SearchResults};
use domain::account_number::AccountNumber;
use domain::address::{AddressOnFile, TypedAddress};
use domain::loan::LoanStatus;
use domain::search::QueryError;
use store::{BorrowerId, NewBorrower, SealedIdentity};
use test_support::apps::demo_apps;
use test_support::borrowers::{MARIA, PASSWORD, enrol, session};
use test_support::clients::client;

fn agent() -> Actor {
    Actor::Staff {
        id: store::StaffId(3),
        role: Role::Agent,
    }
}

async fn search(app: &App, q: &str) -> SearchResults {
    app.search_borrowers(&agent(), q, 1)
        .await
        .unwrap_or_else(|e| panic!("{q:?}: {e}"))
}

/// The names on the first page of results for `q`.
async fn names(app: &App, q: &str) -> Vec<String> {
    search(app, q)
        .await
        .borrowers
        .into_iter()
        .map(|b| b.name)
        .collect()
}

/// How many searches the audit log holds.
async fn audited(app: &App) -> usize {
    app.store()
        .audit_of(SEARCH_AUDIT_SUBJECT, 1000)
        .await
        .unwrap()
        .len()
}

/// Maria's first loan's account number (made here, current).
fn marias_first() -> AccountNumber {
    AccountNumber::from_base(521_840_000_000_101)
}

/// Adds borrowers the way they were before the search existed (no keys), each `(name, SSN)`,
/// ZIP 10001, their SSN sealed; their ids.
async fn add_unindexed(app: &App, people: &[(String, String)]) -> Vec<BorrowerId> {
    let vault = app.vault();
    let rows: Vec<NewBorrower> = people
        .iter()
        .map(|(name, ssn)| NewBorrower {
            full_name: name.clone(),
            email: None,
            phone: None,
            address: AddressOnFile::NeedsReview {
                as_typed: None,
                zip: "10001".into(),
            },
            ssn_digest: Some(vault.ssn_digest(ssn)),
            identity: Some(SealedIdentity {
                key_id: vault.key_id().into(),
                ssn: vault.seal("ssn", ssn.as_bytes()),
                date_of_birth: vault.seal("date_of_birth", b"1980-01-01"),
            }),
        })
        .collect();
    let mut tx = app.store().begin().await.unwrap();
    let ids = tx.insert_borrowers(&rows, 1).await.unwrap();
    tx.commit().await.unwrap();
    ids
}

#[tokio::test]
async fn every_kind_of_query_finds_the_right_borrower() {
    for (app, _clock, db) in demo_apps("search_kinds").await {
        let maria = search(&app, "maria").await;
        assert_eq!(maria.kinds, ["name"]);
        assert_eq!(maria.borrowers.len(), 1, "{maria:?}");
        let m = &maria.borrowers[0];
        assert_eq!(m.name, "Maria Lopez");
        assert_eq!(m.zip, "62704");
        assert_eq!(m.email.as_deref(), Some("m•••@example.com"), "masked");
        assert_eq!(m.phone.as_deref(), Some("•••-•••-0143"), "masked");
        assert_eq!(m.loans.len(), 3, "every loan of hers: {:?}", m.loans);
        let first = m.loans.iter().find(|l| l.last4 == marias_first().last4());
        let first = first.expect("her first loan is listed by its last 4");
        assert_eq!(first.status, LoanStatus::Active);
        assert!(first.balance.is_positive());
        assert!(
            m.loans.iter().any(|l| l.days_past_due > 0),
            "her past-due loan shows its days: {:?}",
            m.loans
        );
        let id = m.id;

        let grouped = marias_first().grouped();
        let dashed = grouped.replace(' ', "-");
        let boarded_last4 = AccountNumber::from_base(521_840_000_000_103).last4();
        let by_last4 = format!("lopez {}", marias_first().last4());
        let by_boarded = format!("maria {boarded_last4}");
        for q in [
            "LÓPEZ maría",
            "lopez maria",
            "lop ma",
            "  Maria   ",
            MARIA.0,
            grouped.as_str(),
            dashed.as_str(),
            by_last4.as_str(),
            by_boarded.as_str(),
            "(217) 555-0143",
            "+1 217.555.0143",
            "2175550143",
            "Maria.Lopez@EXAMPLE.com",
            "62704",
            "6789",
            "maria 62704",
        ] {
            let found = search(&app, q).await;
            let ids: Vec<BorrowerId> = found.borrowers.iter().map(|b| b.id).collect();
            assert_eq!(ids, [id], "{q:?} finds Maria only");
        }
        assert_eq!(search(&app, MARIA.0).await.kinds, ["account_number"]);
        assert_eq!(search(&app, "6789").await.kinds, ["ssn_last4"]);
        assert_eq!(search(&app, &by_last4).await.kinds, ["name", "last4"]);
        assert_eq!(
            names(&app, "4321").await,
            ["Aisha Khan"],
            "her SSN's last 4"
        );
        assert_eq!(names(&app, "khan aisha").await, ["Aisha Khan"]);
        assert_eq!(names(&app, "carter").await, ["James Carter"]);
        for nobody in [
            "khan 1015",
            "maria 98103",
            "lopez 4321",
            // A name with four digits matches an account's last 4 only, never the SSN's:
            // otherwise 10,000 searches would tell anyone Maria's, a verification answer.
            "lopez 6789",
            "2175550199",
            "nobody@example.com",
            "10001",
            "0000",
        ] {
            assert!(
                search(&app, nobody).await.borrowers.is_empty(),
                "{nobody:?} finds nobody"
            );
        }
        db.finish().await;
    }
}

#[tokio::test]
async fn an_ssns_last_4_is_matched_through_its_keyed_digest_and_its_digits_are_stored_nowhere() {
    for (app, _clock, db) in demo_apps("search_ssn").await {
        let maria = search(&app, "6789").await.borrowers[0].id;
        let keys: Vec<String> = app
            .store()
            .search_keys_of(maria)
            .await
            .unwrap()
            .iter()
            .map(|k| k.as_str().to_owned())
            .collect();
        let ssn: Vec<&String> = keys.iter().filter(|k| k.starts_with("s:")).collect();
        assert_eq!(ssn.len(), 1, "one SSN key: {keys:?}");
        assert_eq!(
            ssn[0].len(),
            2 + 64,
            "a keyed digest (hex SHA-256): {keys:?}"
        );
        assert!(
            ssn[0][2..].bytes().all(|b| b.is_ascii_hexdigit()),
            "{keys:?}"
        );
        assert!(
            !keys.iter().any(|k| k == "s:6789" || k.ends_with(":6789")),
            "the digits are not a key: {keys:?}"
        );
        for want in ["n:maria", "n:lopez", "p:2175550143", "z:62704"] {
            assert!(keys.iter().any(|k| k == want), "{want} in {keys:?}");
        }
        for record in app
            .store()
            .audit_of(SEARCH_AUDIT_SUBJECT, 100)
            .await
            .unwrap()
        {
            assert!(
                !record.event.detail.contains("6789"),
                "the audit never holds the digits: {}",
                record.event.detail
            );
        }
        db.finish().await;
    }
}

#[tokio::test]
async fn borrowers_boarded_before_the_index_are_indexed_at_start_then_ranked_and_paged() {
    for (app, _clock, db) in demo_apps("search_paging").await {
        let mut people: Vec<(String, String)> = (0..45)
            .map(|n| (format!("Pat Tester {n:02}"), format!("90000{n:04}")))
            .collect();
        for (name, ssn) in [
            ("Joan Abbot", "123450001"),
            ("Jo Zed", "123455555"),
            ("Jo Johnson", "123450002"),
        ] {
            people.push((name.into(), ssn.into()));
        }
        add_unindexed(&app, &people).await;
        assert!(
            search(&app, "pat").await.borrowers.is_empty(),
            "not found before they are indexed"
        );
        assert_eq!(app.index_borrowers_for_search().await.unwrap(), 48);
        assert_eq!(
            app.index_borrowers_for_search().await.unwrap(),
            0,
            "each borrower is indexed once"
        );

        // A word typed whole ranks first, then by name; a borrower with two matching words
        // (Jo Johnson for "jo") is listed once.
        assert_eq!(
            names(&app, "jo").await,
            ["Jo Johnson", "Jo Zed", "Joan Abbot"]
        );
        assert_eq!(names(&app, "5555").await, ["Jo Zed"], "backfilled SSN key");

        // Three pages of "pat", in name order, each borrower once.
        let mut seen = Vec::new();
        let size = usize::try_from(PAGE_SIZE).unwrap();
        for (page, len, more) in [(1, size, true), (2, size, true), (3, 5, false)] {
            let r = app.search_borrowers(&agent(), "pat", page).await.unwrap();
            assert_eq!((r.page, r.borrowers.len(), r.has_next), (page, len, more));
            seen.extend(r.borrowers.into_iter().map(|b| b.name));
        }
        let expected: Vec<String> = (0..45).map(|n| format!("Pat Tester {n:02}")).collect();
        assert_eq!(seen, expected);
        let past = app.search_borrowers(&agent(), "pat", 4).await.unwrap();
        assert!(past.borrowers.is_empty() && !past.has_next);
        // An exact key (the ZIP) pages the same way.
        let zip = app.search_borrowers(&agent(), "10001", 3).await.unwrap();
        assert_eq!((zip.borrowers.len(), zip.has_next), (8, false));
        for page in [0, MAX_PAGE + 1] {
            assert!(
                matches!(
                    app.search_borrowers(&agent(), "pat", page).await,
                    Err(SearchError::PageOutOfRange { .. })
                ),
                "page {page}"
            );
        }
        db.finish().await;
    }
}

#[tokio::test]
async fn a_broad_search_reads_the_index_in_order_one_page_at_a_time() {
    for (app, _clock, db) in demo_apps("search_broad").await {
        let mut people: Vec<(String, String)> = (0..2100)
            .map(|n| (format!("Kim B{n:04}"), format!("80000{n:04}")))
            .collect();
        people.push(("Kim Aaron".into(), "700000001".into()));
        add_unindexed(&app, &people).await;
        app.index_borrowers_for_search().await.unwrap();
        let first = app.search_borrowers(&agent(), "ki", 1).await.unwrap();
        assert!(first.has_next);
        let got: Vec<&str> = first.borrowers.iter().map(|b| b.name.as_str()).collect();
        let mut want = vec!["Kim Aaron".to_owned()];
        want.extend((0..19).map(|n| format!("Kim B{n:04}")));
        assert_eq!(got, want);
        let second = app.search_borrowers(&agent(), "ki", 2).await.unwrap();
        assert_eq!(second.borrowers[0].name, "Kim B0019");
        // A narrow word with a broad one: driven by the narrow one.
        assert_eq!(names(&app, "b2099 ki").await, ["Kim B2099"]);
        db.finish().await;
    }
}

#[tokio::test]
async fn a_borrower_is_found_by_their_new_phone_and_email_and_no_longer_by_the_old() {
    for (app, _clock, db) in demo_apps("search_contact").await {
        let token = enrol(&app, MARIA, "maria.lopez").await;
        let s = session(&app, &token).await;
        app.step_up(&s, PASSWORD, &client()).await.unwrap();
        let s = session(&app, &token).await;
        app.change_contact(
            &s,
            "maria.new@example.com",
            "(217) 555-0199",
            &TypedAddress {
                line1: "1 Main St",
                line2: "",
                city: "Springfield",
                state: "IL",
                zip: "62701",
            },
            &client(),
        )
        .await
        .unwrap();
        assert_eq!(names(&app, "217-555-0199").await, ["Maria Lopez"]);
        assert_eq!(names(&app, "62701").await, ["Maria Lopez"], "her new ZIP");
        assert!(
            search(&app, "62704").await.borrowers.is_empty(),
            "not her old"
        );
        assert_eq!(names(&app, "maria.new@example.com").await, ["Maria Lopez"]);
        assert!(search(&app, "2175550143").await.borrowers.is_empty());
        assert!(
            search(&app, "maria.lopez@example.com")
                .await
                .borrowers
                .is_empty()
        );
        let hit = &search(&app, "lopez").await.borrowers[0];
        assert_eq!(hit.phone.as_deref(), Some("•••-•••-0199"));
        assert_eq!(
            names(&app, "6789").await,
            ["Maria Lopez"],
            "her other keys are kept"
        );
        db.finish().await;
    }
}

#[tokio::test]
async fn a_boarded_borrower_is_found_by_what_the_file_says() {
    for (app, _clock, db) in demo_apps("search_boarding").await {
        let today = app.business_date().await.unwrap();
        let mut loans = formats::boarding::synthetic(2, 600_000_000_000_000, today);
        loans[0].borrower_name = "Renée Dupont-Moreau".into();
        loans[0].phone = Some("3125550100".into());
        let file = formats::boarding::write_loans(&loans);
        app.board(file.as_bytes(), None, false, &Actor::Operator("board"))
            .await
            .unwrap();
        let account = loans[0].account_number;
        let last4 = format!("moreau {}", account.last4());
        let full = account.to_string();
        for q in [
            "renee dupont",
            "MOREAU",
            "(312) 555-0100",
            last4.as_str(),
            full.as_str(),
        ] {
            assert_eq!(names(&app, q).await, ["Renée Dupont-Moreau"], "{q:?}");
        }
        db.finish().await;
    }
}

#[tokio::test]
async fn staff_and_readers_may_search_borrowers_and_clients_without_read_may_not() {
    for (app, _clock, db) in demo_apps("search_who").await {
        let before = app
            .store()
            .audit_of(SEARCH_AUDIT_SUBJECT, 100)
            .await
            .unwrap()
            .len();
        for actor in [
            Actor::Borrower(store::LoginId(1)),
            Actor::api_client("lockbox", Scopes::parse("payments").unwrap()),
        ] {
            let e = app.search_borrowers(&actor, "maria", 1).await.unwrap_err();
            assert!(matches!(e, SearchError::Denied(_)), "{actor:?}: {e}");
            assert_eq!(e.to_string(), "you may not see borrowers' accounts");
        }
        for actor in [
            agent(),
            Actor::Staff {
                id: store::StaffId(4),
                role: Role::Supervisor,
            },
            Actor::api_client("reporting", Scopes::parse("read").unwrap()),
        ] {
            let r = app.search_borrowers(&actor, "maria", 1).await.unwrap();
            assert_eq!(r.borrowers.len(), 1, "{actor:?}");
        }
        let records = app
            .store()
            .audit_of(SEARCH_AUDIT_SUBJECT, 100)
            .await
            .unwrap();
        assert_eq!(records.len(), before + 3, "each search audited, no refusal");
        let newest = &records[0].event;
        assert_eq!(newest.actor, "client:reporting");
        assert_eq!(newest.action, "borrowers.searched");
        let detail: serde_json::Value = serde_json::from_str(&newest.detail).unwrap();
        assert_eq!(detail["kinds"], serde_json::json!(["name"]));
        assert_eq!(detail["names"], serde_json::json!(["maria"]));
        assert_eq!(detail["results"], 1);
        assert_eq!(detail["page"], 1);
        assert_eq!(detail["shown"].as_array().map(Vec::len), Some(1));
        assert_eq!(records[2].event.actor, "staff:3");
        assert!(
            app.store()
                .verify_audit()
                .await
                .unwrap()
                .first_break
                .is_none()
        );
        db.finish().await;
    }
}

#[tokio::test]
async fn hostile_queries_are_refused_or_searched_as_plain_text() {
    for (app, _clock, db) in demo_apps("search_hostile").await {
        let before = audited(&app).await;
        let long = "maria ".repeat(2000);
        let wrong_check = {
            let mut a = MARIA.0.to_owned();
            let last = a.pop().unwrap();
            a.push(if last == '9' { '0' } else { '9' });
            a
        };
        for (q, want) in [
            ("", QueryError::Empty),
            (long.as_str(), QueryError::TooLong { max: 200 }),
            ("%", QueryError::NothingSearchable),
            ("_", QueryError::NothingSearchable),
            ("'", QueryError::NothingSearchable),
            ("\\", QueryError::NothingSearchable),
            ("% _ ' \\ ; --", QueryError::NothingSearchable),
            ("12345678", QueryError::UnclearNumber { digits: 8 }),
        ] {
            match app.search_borrowers(&agent(), q, 1).await {
                Err(SearchError::Query(e)) => assert_eq!(e, want, "{q:?}"),
                other => panic!("{q:?}: {other:?}"),
            }
        }
        assert!(matches!(
            app.search_borrowers(&agent(), &wrong_check, 1).await,
            Err(SearchError::Query(QueryError::AccountNumber(_)))
        ));
        assert_eq!(audited(&app).await, before, "a refused query reads nothing");

        // Wildcards and quotes are punctuation, never patterns.
        assert_eq!(names(&app, "mar%").await, ["Maria Lopez"]);
        assert_eq!(names(&app, "m_ria").await, Vec::<String>::new());
        assert_eq!(names(&app, "%aria").await, Vec::<String>::new());
        assert_eq!(names(&app, "lopez\\").await, ["Maria Lopez"]);
        assert_eq!(
            names(&app, "lop\\ez").await,
            Vec::<String>::new(),
            "two words"
        );
        assert_eq!(
            names(&app, "'; DROP TABLE borrowers; --").await,
            Vec::<String>::new()
        );
        assert_eq!(names(&app, "Мария 李 😀").await, Vec::<String>::new());
        assert_eq!(names(&app, "maría ló").await, ["Maria Lopez"]);
        assert_eq!(names(&app, "Maria").await, ["Maria Lopez"], "still there");
        db.finish().await;
    }
}

/// An SSN's last 4 names about one borrower in ten thousand: many such searches in a row are a
/// hunt for someone's SSN, not for a caller. Each actor may make 20 in 15 minutes; the next is
/// refused (and reads nothing), another agent is not held back, and the window passes.
#[tokio::test]
async fn searches_by_an_ssns_last_4_are_limited_per_actor() {
    for (app, clock, db) in demo_apps("search_ssn_limit").await {
        for _ in 0..app::search::SSN_SEARCHES {
            assert_eq!(names(&app, "6789").await, ["Maria Lopez"]);
        }
        let e = app.search_borrowers(&agent(), "6789", 1).await.unwrap_err();
        assert!(matches!(e, SearchError::TooManySsnSearches), "{e}");
        // Names, phones and the rest are not limited.
        assert_eq!(names(&app, "lopez maria").await, ["Maria Lopez"]);
        let other = Actor::Staff {
            id: store::StaffId(99),
            role: app::access::Role::Agent,
        };
        assert_eq!(
            app.search_borrowers(&other, "6789", 1)
                .await
                .unwrap()
                .borrowers
                .len(),
            1
        );
        clock.advance(jiff::SignedDuration::from_mins(16));
        assert_eq!(names(&app, "6789").await, ["Maria Lopez"]);
        db.finish().await;
    }
}
