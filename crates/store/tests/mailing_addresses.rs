//! Mailing addresses by their parts (migration 0034, ADR 0029), on SQLite and on PostgreSQL
//! when `SERVICER_TEST_POSTGRES_URL` is set: an address written before the migration reads as
//! its free text with the ZIP on file (it needs review), is found by the conversion's read and
//! on the list for review; written by its parts, the text is gone, the ZIP is the address's and
//! it is on neither list; a borrower written with the parts reads them back; a stored part that
//! breaks the rules is reported, never guessed at. The conversion writes the parts it read only
//! over the text it read: an address changed between its read and its write is kept.

use domain::address::{AddressOnFile, MailingAddress, TypedAddress};
use sqlx::Row;
use store::testing::{fresh, fresh_through};
use store::{BorrowerId, NewBorrower, Store, StoreError};

/// The last migration before 0034.
const BEFORE: i64 = 33;

/// A value bound to one of the statements below.
enum Arg {
    Int(i64),
    Text(&'static str),
}

/// Runs `sql` with `args` on the store's writer: the `id` it returns, if it returns one.
async fn run(store: &Store, sql: &'static str, args: &[Arg]) -> Option<i64> {
    macro_rules! bound {
        ($q:expr) => {{
            let mut q = $q;
            for a in args {
                q = match a {
                    Arg::Int(v) => q.bind(*v),
                    Arg::Text(v) => q.bind(*v),
                };
            }
            q
        }};
    }
    let row = match store {
        Store::Sqlite { write, .. } => bound!(sqlx::query(sql))
            .fetch_optional(write)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
            .map(|r| r.try_get::<i64, _>("id")),
        Store::Postgres(pool) => bound!(sqlx::query(sql))
            .fetch_optional(pool)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
            .map(|r| r.try_get::<i64, _>("id")),
    };
    row.map(|id| id.unwrap())
}

fn address(line2: &str, zip: &str) -> MailingAddress {
    MailingAddress::parse(&TypedAddress {
        line1: "1207 W Lawrence Ave",
        line2,
        city: "Springfield",
        state: "IL",
        zip,
    })
    .unwrap()
}

#[tokio::test]
async fn an_address_from_before_is_kept_as_typed_until_it_is_written_by_its_parts() {
    for db in fresh_through("mailing_addresses_0034", BEFORE).await {
        let store = &db.store;
        let typed = run(
            store,
            "INSERT INTO borrowers (full_name, address, zip, created_at_us)
             VALUES ($1, $2, '62704', 1) RETURNING id",
            &[
                Arg::Text("Maria Lopez"),
                Arg::Text("1207 W Lawrence Ave, Springfield, IL"),
            ],
        )
        .await
        .map(BorrowerId)
        .unwrap();
        let bare = run(
            store,
            "INSERT INTO borrowers (full_name, zip, created_at_us) VALUES ($1, '43215', 1) RETURNING id",
            &[Arg::Text("James Carter")],
        )
        .await
        .map(BorrowerId)
        .unwrap();
        store.migrate().await.unwrap();

        assert_eq!(
            store.borrower(typed).await.unwrap().address,
            AddressOnFile::NeedsReview {
                as_typed: Some("1207 W Lawrence Ave, Springfield, IL".into()),
                zip: "62704".into(),
            }
        );
        assert_eq!(
            store.borrower(bare).await.unwrap().address,
            AddressOnFile::NeedsReview {
                as_typed: None,
                zip: "43215".into(),
            }
        );
        // The conversion reads the free text only, of the borrowers after and through the
        // ids it is given.
        let found = store
            .free_text_addresses(BorrowerId(0), bare, 10)
            .await
            .unwrap();
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            (
                found[0].borrower,
                found[0].text.as_str(),
                found[0].zip.as_str()
            ),
            (typed, "1207 W Lawrence Ave, Springfield, IL", "62704")
        );
        assert!(
            store
                .free_text_addresses(typed, bare, 10)
                .await
                .unwrap()
                .is_empty()
        );
        let listed = |review: Vec<store::AddressToReview>| -> Vec<BorrowerId> {
            review.into_iter().map(|r| r.borrower).collect()
        };
        assert_eq!(
            listed(store.addresses_to_review(10).await.unwrap()),
            [typed, bare]
        );

        // Written by its parts: the free text is gone and the ZIP is the address's.
        let parts = address("", "62704-1234");
        let mut tx = store.begin().await.unwrap();
        tx.set_mailing_address(typed, &parts).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            store.borrower(typed).await.unwrap().address,
            AddressOnFile::Structured(parts.clone())
        );
        assert_eq!(
            store.borrower(typed).await.unwrap().address.zip(),
            "62704-1234"
        );
        assert!(
            store
                .free_text_addresses(BorrowerId(0), bare, 10)
                .await
                .unwrap()
                .is_empty()
        );
        assert_eq!(listed(store.addresses_to_review(10).await.unwrap()), [bare]);

        // A borrower written with the parts reads them back, the second line too.
        let with_unit = address("Apt 2", "62704");
        let new = store
            .insert_borrower(
                &NewBorrower {
                    full_name: "Ana Diaz".into(),
                    email: None,
                    phone: None,
                    address: AddressOnFile::Structured(with_unit.clone()),
                    ssn_digest: None,
                    identity: None,
                },
                1,
            )
            .await
            .unwrap();
        assert_eq!(
            store.borrower(new).await.unwrap().address,
            AddressOnFile::Structured(with_unit)
        );
        assert_eq!(listed(store.addresses_to_review(10).await.unwrap()), [bare]);

        // A stored part that breaks the rules is reported, not guessed at.
        run(
            store,
            "UPDATE borrowers SET address_state = 'ZZ' WHERE id = $1",
            &[Arg::Int(new.0)],
        )
        .await;
        assert!(matches!(
            store.borrower(new).await,
            Err(StoreError::Corrupt { .. })
        ));
        db.finish().await;
    }
}

/// A borrower whose address is kept as typed, with the ZIP code on file.
fn typed(name: &str, text: &str) -> NewBorrower {
    NewBorrower {
        full_name: name.into(),
        email: None,
        phone: None,
        address: AddressOnFile::NeedsReview {
            as_typed: Some(text.into()),
            zip: "62704".into(),
        },
        ssn_digest: None,
        identity: None,
    }
}

#[tokio::test]
async fn the_conversion_writes_only_over_the_address_it_read() {
    for db in fresh("mailing_addresses_read_then_changed").await {
        let store = &db.store;
        let text = "1207 W Lawrence Ave, Springfield, IL";
        let moved = store
            .insert_borrower(&typed("Maria Lopez", text), 1)
            .await
            .unwrap();
        let corrected = store
            .insert_borrower(&typed("Ana Diaz", text), 1)
            .await
            .unwrap();
        let same = store
            .insert_borrower(&typed("Bo Chen", text), 1)
            .await
            .unwrap();
        let read = store
            .free_text_addresses(BorrowerId(0), same, 10)
            .await
            .unwrap();
        assert_eq!(read.len(), 3, "{read:?}");
        let parts = address("", "62704");

        // Between the read and the write: Maria writes her new address by its parts, and Ana's
        // text is corrected.
        let newer = address("Apt 9", "62704");
        let mut tx = store.begin().await.unwrap();
        tx.set_mailing_address(moved, &newer).await.unwrap();
        tx.commit().await.unwrap();
        run(
            store,
            "UPDATE borrowers SET address = $1 WHERE id = $2",
            &[
                Arg::Text("1207 W Lawrence Ave Apt 3, Springfield, IL"),
                Arg::Int(corrected.0),
            ],
        )
        .await;

        // The conversion's write: only the unchanged address takes the parts read.
        let mut tx = store.begin().await.unwrap();
        let mut written = Vec::new();
        for a in &read {
            written.push(tx.structure_free_text_address(a, &parts).await.unwrap());
        }
        tx.commit().await.unwrap();
        assert_eq!(written, [false, false, true]);
        assert_eq!(
            store.borrower(moved).await.unwrap().address,
            AddressOnFile::Structured(newer),
            "the newer address is kept"
        );
        assert_eq!(
            store.borrower(corrected).await.unwrap().address,
            AddressOnFile::NeedsReview {
                as_typed: Some("1207 W Lawrence Ave Apt 3, Springfield, IL".into()),
                zip: "62704".into(),
            },
            "the corrected text is kept"
        );
        assert_eq!(
            store.borrower(same).await.unwrap().address,
            AddressOnFile::Structured(parts)
        );
        db.finish().await;
    }
}
