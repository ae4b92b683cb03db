//! The borrower's mailing address by its parts (issue 22, item 6; ADR 0029), on a real store
//! (SQLite, and PostgreSQL when configured): changed in the portal (every wrong part named at
//! once and nothing changed; the console's search follows the new ZIP code); addresses kept
//! as free text read into their parts once at start, the rest listed for staff; a boarding file
//! with the address by its parts or on one line; and a statement made by close of business
//! printing each part once, the ZIP code once (read back from the PDF with `pdftotext` when it
//! is installed).

use app::access::{Actor, Role};
use app::addresses::{ADDRESSES_AUDIT_SUBJECT, AddressesRead};
use app::clock::test_app;
use app::identity::IdentityError;
use domain::address::{AddressError, AddressOnFile, MailingAddress, TypedAddress};
use domain::calendar::add_months_on_day;
use formats::boarding::{synthetic, write_loans};
use jiff::civil::date;
use store::NewBorrower;
use store::testing::fresh;
use test_support::apps::{apps, demo_apps};
use test_support::borrowers::{MARIA, PASSWORD, borrower_of, enrol, session};
use test_support::clients::client;
use test_support::clock::clock_date;
use test_support::pdf::pdf_text;
use test_support::scratch;

fn agent() -> Actor {
    Actor::Staff {
        id: store::StaffId(3),
        role: Role::Agent,
    }
}

/// The names on the first page of the console's search for `q`.
async fn found(app: &app::App, q: &str) -> Vec<String> {
    app.search_borrowers(&agent(), q, 1)
        .await
        .unwrap()
        .borrowers
        .into_iter()
        .map(|b| b.name)
        .collect()
}

#[tokio::test]
async fn a_borrower_changes_their_address_by_its_parts_and_a_wrong_part_changes_nothing() {
    for (app, _clock, db) in demo_apps("address_change").await {
        let token = enrol(&app, MARIA, "maria.lopez").await;
        let s = session(&app, &token).await;
        app.step_up(&s, PASSWORD, &client()).await.unwrap();
        let s = session(&app, &token).await;
        let login = s.login().unwrap();
        let before = app.contact(login).await.unwrap();
        assert_eq!(
            before.address.lines(),
            ["1207 W Lawrence Ave", "Springfield, IL 62704"]
        );
        let sent = app.store().outbox(None, 500).await.unwrap().len();

        // Every wrong part is named at once, and nothing changes.
        let wrong = TypedAddress {
            line1: "500 S 2nd St",
            line2: "",
            city: " ",
            state: "ZZ",
            zip: "6270",
        };
        let err = app
            .change_contact(&s, "maria.lopez@example.com", "", &wrong, &client())
            .await
            .unwrap_err();
        let IdentityError::MailingAddress(problems) = &err else {
            panic!("{err:?}")
        };
        assert_eq!(
            problems.all(),
            [
                AddressError::CityMissing,
                AddressError::StateUnknown,
                AddressError::ZipShape
            ]
        );
        assert!(
            err.to_string()
                .starts_with("Enter the city. Choose a state"),
            "{err}"
        );
        assert_eq!(app.contact(login).await.unwrap(), before, "nothing changed");
        assert_eq!(
            app.store().outbox(None, 500).await.unwrap().len(),
            sent,
            "no alert of a change not made"
        );
        assert_eq!(found(&app, "62704").await, ["Maria Lopez"]);

        // A wrong email, a wrong phone and wrong parts are refused together, in the form's
        // order, the address's parts each named; nothing changes.
        let err = app
            .change_contact(&s, "maria at example", "555-0143", &wrong, &client())
            .await
            .unwrap_err();
        let each = err.each();
        assert!(
            matches!(
                each.as_slice(),
                [
                    IdentityError::EmailShape,
                    IdentityError::PhoneShape,
                    IdentityError::MailingAddress(_)
                ]
            ),
            "{err:?}"
        );
        if let IdentityError::MailingAddress(problems) = each[2] {
            assert_eq!(problems.all().len(), 3, "{problems:?}");
        }
        assert_eq!(app.contact(login).await.unwrap(), before, "nothing changed");
        assert_eq!(app.store().outbox(None, 500).await.unwrap().len(), sent);

        // A good one is written by its parts; the staff's view and the search follow it.
        let new = TypedAddress {
            line1: " 500 S 2nd St ",
            line2: "Apt 4",
            city: "Springfield",
            state: "illinois",
            zip: "62701-4410",
        };
        app.change_contact(&s, "maria.lopez@example.com", "2175550143", &new, &client())
            .await
            .unwrap();
        let after = app.contact(login).await.unwrap().address;
        assert_eq!(
            after.lines(),
            ["500 S 2nd St", "Apt 4", "Springfield, IL 62701-4410"]
        );
        assert!(!after.needs_review());
        let maria = borrower_of(&app, MARIA.0).await;
        assert_eq!(app.store().borrower(maria).await.unwrap().address, after);
        assert_eq!(
            app.account_view(&agent(), maria).await.unwrap().address,
            after
        );
        assert_eq!(found(&app, "62701").await, ["Maria Lopez"]);
        assert!(
            found(&app, "62704").await.is_empty(),
            "the old ZIP no longer finds her"
        );
        assert_eq!(
            found(&app, "6789").await,
            ["Maria Lopez"],
            "her other keys are kept"
        );
        db.finish().await;
    }
}

/// A borrower with nothing but a name and an address.
fn borrower(name: &str, address: AddressOnFile) -> NewBorrower {
    NewBorrower {
        full_name: name.into(),
        email: None,
        phone: None,
        address,
        ssn_digest: None,
        identity: None,
    }
}

/// An address kept as typed, as borrowers' addresses were before they were structured.
fn kept(text: Option<&str>, zip: &str) -> AddressOnFile {
    AddressOnFile::NeedsReview {
        as_typed: text.map(str::to_owned),
        zip: zip.to_owned(),
    }
}

#[tokio::test]
async fn free_text_addresses_are_read_once_at_start_and_the_rest_listed_for_review() {
    for (app, _clock, db) in demo_apps("address_read").await {
        let rows = vec![
            borrower(
                "Ana Diaz",
                kept(
                    Some("12 Main St, Apt 4, Springfield, IL 62701-4410"),
                    "62701",
                ),
            ),
            borrower("Bo Chen", kept(Some("12 Main St Springfield IL"), "62701")),
            borrower("Cy Park", kept(None, "10001")),
        ];
        let mut tx = app.store().begin().await.unwrap();
        let ids = tx.insert_borrowers(&rows, 1).await.unwrap();
        tx.commit().await.unwrap();

        assert_eq!(
            app.read_free_text_addresses().await.unwrap(),
            AddressesRead {
                structured: 1,
                to_review: 1
            }
        );
        assert_eq!(
            app.read_free_text_addresses().await.unwrap(),
            AddressesRead::default(),
            "each address is read once"
        );
        let ana = app.store().borrower(ids[0]).await.unwrap().address;
        assert_eq!(
            ana.lines(),
            ["12 Main St", "Apt 4", "Springfield, IL 62701-4410"]
        );
        assert!(!ana.needs_review());
        let bo = app.store().borrower(ids[1]).await.unwrap().address;
        assert_eq!(bo, rows[1].address, "kept as typed");
        assert_eq!(
            bo.lines(),
            ["12 Main St Springfield IL 62701"],
            "printed with the ZIP on file, once"
        );

        // Listed for staff: the report (the demo's addresses are all by their parts), and the
        // account view says so.
        let report = app
            .report(&Actor::Operator("report"), "addresses-to-review", None)
            .await
            .unwrap();
        let names: Vec<&str> = report.rows.iter().map(|r| r[1].as_str()).collect();
        assert_eq!(names, ["Bo Chen", "Cy Park"], "{report:?}");
        assert_eq!(
            report.rows[0],
            [
                ids[1].0.to_string(),
                "Bo Chen".to_owned(),
                "12 Main St Springfield IL".to_owned(),
                "62701".to_owned()
            ]
        );
        assert!(
            app.account_view(&agent(), ids[1])
                .await
                .unwrap()
                .address
                .needs_review()
        );
        assert!(
            app.report(&agent(), "addresses-to-review", None)
                .await
                .is_err(),
            "an agent does not read the operators' reports"
        );
        let audited = app
            .store()
            .audit_of(ADDRESSES_AUDIT_SUBJECT, 10)
            .await
            .unwrap();
        assert_eq!(audited.len(), 1, "the conversion is audited once");
        assert!(audited[0].event.detail.contains("\"to_review\":1"));
        db.finish().await;
    }
}

#[tokio::test]
async fn a_boarding_file_gives_the_address_by_its_parts_or_on_one_line() {
    for (app, _clock, db) in apps("address_boarding").await {
        let today = app.business_date().await.unwrap();
        let mut loans = synthetic(2, 600_000_000_000_000, today);
        loans[0].address = MailingAddress::parse(&TypedAddress {
            line1: "4410 Fremont Ave N",
            line2: "Apt 304",
            city: "Seattle",
            state: "WA",
            zip: "98103-1234",
        })
        .unwrap();
        // The first loan by its parts, as files are written now.
        let by_parts = write_loans(&loans[..1]);
        // The second on one line, as older files give it.
        let second = &loans[1].address;
        let one_line = write_loans(&loans[1..])
            .replace("address_line1,address_line2,city,state,", "address,")
            .replace(
                &format!(",{},,Springfield,IL,", second.line1()),
                &format!(",\"{}, Springfield, IL\",", second.line1()),
            );
        assert!(
            one_line.contains(", Springfield, IL\""),
            "the second file gives the address on one line: {one_line}"
        );
        for file in [by_parts, one_line] {
            app.board(file.as_bytes(), None, false, &Actor::Operator("board"))
                .await
                .unwrap();
        }
        for loan in &loans {
            let view = app
                .store()
                .loan_view(loan.account_number)
                .await
                .unwrap()
                .unwrap();
            assert_eq!(
                app.store().borrower(view.borrower).await.unwrap().address,
                AddressOnFile::Structured(loan.address.clone())
            );
        }
        assert_eq!(
            app.store()
                .borrower(borrower_of_loan(&app, &loans[0]).await)
                .await
                .unwrap()
                .address
                .lines(),
            ["4410 Fremont Ave N", "Apt 304", "Seattle, WA 98103-1234"]
        );
        db.finish().await;
    }
}

/// The borrower of a boarded loan.
async fn borrower_of_loan(
    app: &app::App,
    loan: &formats::boarding::BoardedLoan,
) -> store::BorrowerId {
    app.store()
        .loan_view(loan.account_number)
        .await
        .unwrap()
        .unwrap()
        .borrower
}

#[tokio::test]
async fn a_statement_prints_each_part_of_the_address_once_and_the_zip_once() {
    let start = date(2027, 1, 4);
    for db in fresh("address_statement").await {
        let dir = scratch::dir(&format!("address-statement-{}", db.store.backend()));
        let (app, clock) = test_app(db.store.clone(), "2027-01-04T15:00:00Z");
        let app = app.with_cob(app::cob::CobSettings {
            print_dir: dir.clone(),
            ..Default::default()
        });
        // One loan due on the 28th: its first statement is issued by the close of January 7.
        let mut loans = synthetic(1, 521_840_300_000_000, start);
        let loan = &mut loans[0];
        loan.address = MailingAddress::parse(&TypedAddress {
            line1: "1207 W Lawrence Ave",
            line2: "Apt 2",
            city: "Springfield",
            state: "IL",
            zip: "62704-1234",
        })
        .unwrap();
        loan.term_months = 36;
        loan.disbursement_date = add_months_on_day(start, -1, 28);
        loan.first_payment_date = add_months_on_day(start, 0, 28);
        loan.next_due_date = loan.first_payment_date;
        loan.paid_to_date = None;
        loan.current_principal = loan.original_amount;
        app.board(
            write_loans(&loans).as_bytes(),
            None,
            false,
            &Actor::Operator("test"),
        )
        .await
        .unwrap();
        let view = app
            .store()
            .loan_view(loans[0].account_number)
            .await
            .unwrap()
            .unwrap();
        let quiet = |_: &app::cob::Progress| {};
        while app.statements_of(view.loan).await.unwrap().is_empty() {
            let today = app.business_date().await.unwrap();
            assert!(
                today < date(2027, 2, 1),
                "a statement by the end of January"
            );
            app.close_of_business(None, "test", &quiet).await.unwrap();
            let next = app.business_date().await.unwrap();
            while clock_date(&clock) < next {
                clock.advance(jiff::SignedDuration::from_hours(24));
            }
        }
        let stored = app.statements_of(view.loan).await.unwrap();
        let statement = app
            .statement_of(view.loan, stored[0].id)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            statement.borrower_address,
            ["1207 W Lawrence Ave", "Apt 2", "Springfield, IL 62704-1234"]
        );
        let pdf = documents::statement::pdf(&statement, documents::Lang::En);
        if let Some(text) = pdf_text(&pdf, &dir, "statement.pdf") {
            for line in &statement.borrower_address {
                assert!(text.contains(line.as_str()), "{line:?} in {text}");
            }
            assert_eq!(text.matches("62704").count(), 1, "the ZIP once: {text}");
            assert_eq!(
                text.matches("Springfield").count(),
                1,
                "the city once: {text}"
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
        db.finish().await;
    }
}
