//! Issue 22, item 13: the documents center on a real store (SQLite, and PostgreSQL when
//! configured) with the demo portfolio. Maria Lopez has a loan boarded from a prior servicer
//! (its notice of servicing transfer, its disclosure from the original terms kept at boarding),
//! an AutoPay enrolled, cancelled and enrolled again on her first loan (both authorizations, the
//! words exactly as agreed), and a statement; James Carter's loan is paid off (its paid-in-full
//! letter). Every list is newest first and through the login only; the Truth in Lending figures
//! are domain::apr's for the loan's terms; the PDFs read back with `pdftotext` (when installed)
//! say what the figures say.

use app::App;
use app::document_center::{Document, DocumentEntry, DocumentError};
use app::payments::autopay::AutopayRequest;
use documents::long_date;
use domain::account_number::AccountNumber;
use domain::apr::tila_box;
use domain::loan::LoanStatus;
use jiff::civil::Date;
use money::{Money, Rate};
use store::{AutopayId, LoginId};
use test_support::apps::demo_apps;
use test_support::borrowers::{MARIA, add_bank_account, enrol, session};
use test_support::clients::client;
use test_support::pdf::pdf_text;

/// James Carter, of the demo portfolio: one loan, paid off.
const JAMES: (&str, &str, &str, &str) = ("5218400000002013", "1098", "11/03/1979", "43215");

/// Maria's loan boarded from a prior servicer (with AutoPay there).
const BOARDED: &str = "5218400000001031";

fn account(text: &str) -> AccountNumber {
    text.parse().unwrap()
}

async fn login_of(app: &App, who: (&str, &str, &str, &str), username: &str) -> LoginId {
    let token = enrol(app, who, username).await;
    session(app, &token)
        .await
        .login()
        .expect("a signed-in session")
}

/// A statement row on `loan` as close of business keeps one (the list reads the row: its
/// date, due date and amount; not its figures).
async fn statement_on(app: &App, loan: AccountNumber, on: Date) -> i64 {
    let (id, _) = app
        .store()
        .loan_by_account_number(loan)
        .await
        .unwrap()
        .unwrap();
    let mut tx = app.store().begin().await.unwrap();
    let statement = tx
        .insert_statement(
            &store::StoredStatement {
                id: 0,
                loan: id,
                statement_date: on,
                issued_on: on,
                due_date: on.checked_add(jiff::Span::new().days(21)).unwrap(),
                amount_due: Money::from_cents(35_000),
                delivery: "electronic".into(),
                body: "{}".into(),
            },
            0,
        )
        .await
        .unwrap()
        .expect("a new statement");
    tx.commit().await.unwrap();
    statement
}

/// The entries of `loan` among `list`.
fn of_loan<'a>(
    list: &'a [DocumentEntry],
    center: &app::document_center::DocumentsCenter,
    loan: &str,
) -> Vec<&'a DocumentEntry> {
    list.iter()
        .filter(|e| center.loan_of(e).map(|v| v.account_number.to_string()) == Some(loan.into()))
        .collect()
}

#[tokio::test]
async fn the_list_has_every_document_of_the_borrowers_loans_newest_first() {
    for (app, _clock, db) in demo_apps("documents_list").await {
        let token = enrol(&app, MARIA, "maria.lopez").await;
        let s = session(&app, &token).await;
        let maria = s.login().unwrap();
        let james = login_of(&app, JAMES, "james.carter").await;
        let today = app.business_date().await.unwrap();
        let first = account(MARIA.0);

        // AutoPay on her first loan: enrolled, cancelled, enrolled again.
        let method = add_bank_account(&app, &s, &client()).await;
        let req = AutopayRequest {
            account: first,
            method,
            fixed_amount: None,
            days_before_due: 0,
            cadence: domain::autopay::Cadence::Monthly,
        };
        app.enroll_autopay(maria, &req, true, &client())
            .await
            .unwrap();
        app.cancel_autopay(maria, first, &client()).await.unwrap();
        app.enroll_autopay(maria, &req, true, &client())
            .await
            .unwrap();
        let earlier = today.checked_sub(jiff::Span::new().days(20)).unwrap();
        let statement = statement_on(&app, first, earlier).await;

        let center = app.documents(maria).await.unwrap();
        assert_eq!(center.business_date, today);
        assert_eq!(center.loans.len(), 3, "her three loans");
        let list = &center.documents;
        assert!(
            list.windows(2).all(|w| w[0].date >= w[1].date),
            "newest first: {list:?}"
        );

        // Her first loan: the statement, both authorizations, the disclosure, the payoff
        // letter; no transfer notice (made here), no paid-in-full letter (active).
        let firsts = of_loan(list, &center, MARIA.0);
        let view = center
            .loans
            .iter()
            .find(|v| v.account_number == first)
            .unwrap();
        assert!(firsts.iter().any(|e| e.date == earlier
            && matches!(e.document, Document::Statement { id, .. } if id == statement)));
        let autopays: Vec<(AutopayId, Option<Date>)> = firsts
            .iter()
            .filter_map(|e| match e.document {
                Document::AutopayAuthorization { id, ended_on } => Some((id, ended_on)),
                _ => None,
            })
            .collect();
        assert_eq!(autopays.len(), 2, "the ended authorization is kept");
        assert_eq!(
            autopays
                .iter()
                .filter(|(_, ended)| *ended == Some(today))
                .count(),
            1,
            "one ended today"
        );
        assert!(
            autopays.iter().any(|(_, ended)| ended.is_none()),
            "one in effect"
        );
        assert!(
            firsts
                .iter()
                .any(|e| e.date == view.accrual_start && e.document == Document::TruthInLending)
        );
        assert!(
            firsts
                .iter()
                .any(|e| e.date == today && e.document == Document::PayoffLetter)
        );
        assert!(!firsts.iter().any(|e| matches!(
            e.document,
            Document::TransferNotice | Document::PaidInFullLetter
        )));

        // The boarded loan: its notice of transfer dated the day it was boarded, its
        // disclosure dated the day its lender made it.
        let boarded = of_loan(list, &center, BOARDED);
        let bv = center
            .loans
            .iter()
            .find(|v| v.account_number == account(BOARDED))
            .unwrap();
        let boarded_on = bv.boarded_on.expect("boarded");
        assert!(
            boarded
                .iter()
                .any(|e| e.date == boarded_on && e.document == Document::TransferNotice)
        );
        let kept = app.store().boarded_terms(bv.loan).await.unwrap().unwrap();
        assert!(
            boarded
                .iter()
                .any(|e| e.date == kept.original.disbursement_date
                    && e.document == Document::TruthInLending)
        );

        // James: his paid-off loan's letter, dated the day it was paid in full; no payoff
        // letter; nothing of Maria's.
        let his = app.documents(james).await.unwrap();
        assert_eq!(his.loans.len(), 1);
        assert_eq!(his.loans[0].snapshot.status, LoanStatus::PaidOff);
        let letter = app
            .paid_in_full_letter_of(james, account(JAMES.0))
            .await
            .unwrap();
        assert!(
            his.documents
                .iter()
                .any(|e| e.date == letter.paid_in_full_on
                    && e.document == Document::PaidInFullLetter)
        );
        assert!(
            !his.documents
                .iter()
                .any(|e| e.document == Document::PayoffLetter)
        );
        assert!(his.documents.iter().all(|e| e.loan == his.loans[0].loan));
        db.finish().await;
    }
}

#[tokio::test]
async fn the_truth_in_lending_disclosure_is_domain_aprs_for_the_loans_terms() {
    for (app, _clock, db) in demo_apps("documents_tila").await {
        let dir = test_support::scratch::dir(&format!("documents-tila-{}", db.store.backend()));
        let maria = login_of(&app, MARIA, "maria.lopez").await;
        let james = login_of(&app, JAMES, "james.carter").await;
        let first = account(MARIA.0);

        // A loan made here: the contract's installments from the day it was disbursed, the
        // loan page's TILA box.
        let t = app.truth_in_lending(maria, first).await.unwrap();
        let (loan, _) = app
            .store()
            .loan_by_account_number(first)
            .await
            .unwrap()
            .unwrap();
        let record = app.store().loan(loan).await.unwrap();
        let payments: Vec<(Date, Money)> = record
            .terms
            .installments
            .iter()
            .map(|i| (i.due_date, i.amount))
            .collect();
        let expected = tila_box(
            record.terms.accrual_start,
            record.amount_financed,
            &payments,
        )
        .unwrap();
        assert_eq!(
            t.apr,
            Rate::parse(&expected.apr.percent().to_string()).unwrap()
        );
        assert_eq!(t.finance_charge, expected.finance_charge);
        assert_eq!(t.amount_financed, record.amount_financed);
        assert_eq!(t.total_of_payments, expected.total_of_payments);
        assert_eq!(t.loan_date, record.terms.accrual_start);
        assert_eq!(t.boarded_on, None);
        let page = app.loan_details(maria, first, None).await.unwrap().unwrap();
        assert_eq!(
            page.tila.map(|b| (b.finance_charge, b.total_of_payments)),
            Some((t.finance_charge, t.total_of_payments)),
            "the loan page's TILA box"
        );
        let scheduled: u32 = t.payments.iter().map(|r| r.count).sum();
        assert_eq!(usize::try_from(scheduled).unwrap(), payments.len());
        let listed: Money = t
            .payments
            .iter()
            .map(|r| r.amount.checked_mul(i64::from(r.count)).unwrap())
            .sum();
        assert_eq!(listed, t.total_of_payments, "the schedule adds up");

        // The boarded loan: its original terms, as the demo's transfer file gave them.
        let boarded = account(BOARDED);
        let (bloan, _) = app
            .store()
            .loan_by_account_number(boarded)
            .await
            .unwrap()
            .unwrap();
        let brecord = app.store().loan(bloan).await.unwrap();
        let kept = app.store().boarded_terms(bloan).await.unwrap().unwrap();
        assert!(kept.autopay_at_prior_servicer);
        let o = kept.original;
        assert_eq!(o.term_months, 48);
        assert_eq!(o.payment_amount, Money::parse("242.84").unwrap());
        assert_eq!(o.first_payment_date.day(), 5);
        assert_eq!(
            o.disbursement_date,
            domain::calendar::add_months_on_day(o.first_payment_date, -1, 5)
        );
        let original = o.payments(
            brecord.amount_financed,
            brecord.terms.rate,
            brecord.terms.day_count,
            &brecord.terms.waterfall,
        );
        let expected = tila_box(o.disbursement_date, brecord.amount_financed, &original).unwrap();
        let bt = app.truth_in_lending(maria, boarded).await.unwrap();
        assert_eq!(
            bt.apr,
            Rate::parse(&expected.apr.percent().to_string()).unwrap()
        );
        assert_eq!(bt.finance_charge, expected.finance_charge);
        assert_eq!(bt.total_of_payments, expected.total_of_payments);
        assert_eq!(bt.amount_financed, Money::parse("9800.00").unwrap());
        assert_eq!(bt.loan_date, o.disbursement_date);
        assert_eq!(bt.boarded_on, brecord.boarded_on);
        assert_eq!(bt.payments.iter().map(|r| r.count).sum::<u32>(), 48);

        if let Some(text) = pdf_text(&bt.pdf(documents::Lang::En), &dir, "tila.pdf") {
            for shown in [
                "Truth in Lending disclosure".to_owned(),
                format!("{}%", bt.apr),
                bt.finance_charge.usd().to_string(),
                bt.total_of_payments.usd().to_string(),
                "Payment schedule".to_owned(),
                bt.payments[0].words(documents::Lang::En),
                long_date(o.disbursement_date),
                "original terms".to_owned(),
                "ending in 1031".to_owned(),
            ] {
                assert!(text.contains(&shown), "the PDF shows {shown:?}: {text}");
            }
            assert!(!text.contains(BOARDED), "the account number is masked");
        }

        // Through the login only.
        assert!(matches!(
            app.truth_in_lending(james, first).await,
            Err(DocumentError::NotFound)
        ));
        db.finish().await;
    }
}

#[tokio::test]
async fn the_transfer_notice_and_the_autopay_authorizations_are_as_on_file() {
    for (app, _clock, db) in demo_apps("documents_notices").await {
        let dir = test_support::scratch::dir(&format!("documents-notice-{}", db.store.backend()));
        let token = enrol(&app, MARIA, "maria.lopez").await;
        let s = session(&app, &token).await;
        let maria = s.login().unwrap();
        let james = login_of(&app, JAMES, "james.carter").await;
        let first = account(MARIA.0);
        let boarded = account(BOARDED);
        let today = app.business_date().await.unwrap();

        // The notice of servicing transfer: the day it was boarded, the first payment due to
        // us, AutoPay to set up again; a loan made here has none.
        let n = app.transfer_notice(maria, boarded).await.unwrap();
        let (bloan, _) = app
            .store()
            .loan_by_account_number(boarded)
            .await
            .unwrap()
            .unwrap();
        let brecord = app.store().loan(bloan).await.unwrap();
        assert_eq!(Some(n.transferred_on), brecord.boarded_on);
        let next = brecord.terms.installments[0];
        assert_eq!(n.first_due, Some((next.due_date, next.amount)));
        assert!(n.autopay_at_prior_servicer);
        assert_eq!(n.to.name, "Maria Lopez");
        assert!(matches!(
            app.transfer_notice(maria, first).await,
            Err(DocumentError::NotBoarded)
        ));
        assert!(matches!(
            app.transfer_notice(james, boarded).await,
            Err(DocumentError::NotFound)
        ));
        if let Some(text) = pdf_text(&n.pdf(documents::Lang::En), &dir, "transfer.pdf") {
            for shown in [
                "Notice of servicing transfer".to_owned(),
                format!(
                    "On {}, the servicing of your loan moved",
                    long_date(n.transferred_on)
                ),
                format!("through {}", long_date(n.grace_ends())),
                format!("{}, due {}", next.amount.usd(), long_date(next.due_date)),
                "We do not have its address or phone number on file".to_owned(),
                "Set up AutoPay again".to_owned(),
                "PO Box 4410".to_owned(),
            ] {
                assert!(text.contains(&shown), "the notice shows {shown:?}: {text}");
            }
        }
        // Setting AutoPay up again clears the loan's flag; the notice still says what was so.
        let method = add_bank_account(&app, &s, &client()).await;
        let on_boarded = AutopayRequest {
            account: boarded,
            method,
            fixed_amount: Some(Money::parse("900.00").unwrap()),
            days_before_due: 3,
            cadence: domain::autopay::Cadence::Monthly,
        };
        app.enroll_autopay(maria, &on_boarded, true, &client())
            .await
            .unwrap();
        assert!(
            app.transfer_notice(maria, boarded)
                .await
                .unwrap()
                .autopay_at_prior_servicer
        );

        // The authorization as agreed, then ended: the stored words exactly, masked method.
        let live = app.autopay_of(maria, boarded).await.unwrap().unwrap();
        let doc = app
            .autopay_authorization_document(maria, boarded, live.id)
            .await
            .unwrap();
        assert_eq!(doc.words, live.text, "the words exactly as agreed");
        assert_eq!(doc.version, live.version);
        assert_eq!(doc.method, "Checking account ending 6789");
        assert_eq!(doc.amount, "$900.00 (or the payment due, if more)");
        assert_eq!(doc.when, "3 days before each due date");
        assert_eq!(doc.authorized_on, today);
        assert_eq!(doc.ended, None);
        app.cancel_autopay(maria, boarded, &client()).await.unwrap();
        let ended = app
            .autopay_authorization_document(maria, boarded, live.id)
            .await
            .unwrap();
        assert_eq!(ended.words, live.text);
        assert_eq!(
            ended.ended,
            Some((today, "cancelled by the borrower".to_owned()))
        );
        if let Some(text) = pdf_text(&ended.pdf(documents::Lang::En), &dir, "autopay.pdf") {
            let words = live.text.split_whitespace().collect::<Vec<_>>().join(" ");
            for shown in [
                "AutoPay authorization".to_owned(),
                words,
                "Checking account ending 6789".to_owned(),
                live.version.clone(),
                format!("ended on {}", long_date(today)),
            ] {
                assert!(text.contains(&shown), "the PDF shows {shown:?}: {text}");
            }
            assert!(!text.contains(BOARDED), "the account number is masked");
        }
        // Only through its own loan and login.
        assert!(matches!(
            app.autopay_authorization_document(maria, first, live.id)
                .await,
            Err(DocumentError::NotFound)
        ));
        assert!(matches!(
            app.autopay_authorization_document(james, boarded, live.id)
                .await,
            Err(DocumentError::NotFound)
        ));

        // Twice a month, on her first loan (its product allows it): the document says half
        // of each scheduled payment on the 1st and the 15th, never "on each due date".
        let twice = AutopayRequest {
            account: first,
            method,
            fixed_amount: None,
            days_before_due: 0,
            cadence: domain::autopay::Cadence::TwiceMonthly(
                domain::autopay::TwiceMonthlyDays::try_new(1, 15).unwrap(),
            ),
        };
        let split = app
            .enroll_autopay(maria, &twice, true, &client())
            .await
            .unwrap();
        let doc = app
            .autopay_authorization_document(maria, first, split.id)
            .await
            .unwrap();
        assert_eq!(
            doc.amount,
            "Half of each scheduled payment; the last draft before each due date covers what is left of it"
        );
        assert_eq!(doc.when, "On the 1st and the 15th of each month");
        assert!(
            doc.words
                .contains("for half of each scheduled payment (now $"),
            "{}",
            doc.words
        );
        let facts = doc.facts(documents::Lang::En);
        assert!(facts.contains(&(
            "When".to_owned(),
            "On the 1st and the 15th of each month".to_owned()
        )));
        if let Some(text) = pdf_text(&doc.pdf(documents::Lang::En), &dir, "autopay-split.pdf") {
            for shown in [
                "Amount: Half of each scheduled payment; the last draft before each due date covers what is left of it",
                "When: On the 1st and the 15th of each month",
            ] {
                assert!(text.contains(shown), "the PDF shows {shown:?}: {text}");
            }
            assert!(!text.contains("On each due date"), "{text}");
        }
        db.finish().await;
    }
}

#[tokio::test]
async fn staff_read_a_borrowers_disclosure_and_transfer_notice_by_borrower_audited() {
    for (app, _clock, db) in demo_apps("documents_staff").await {
        let agent =
            test_support::staff::actor(&app, "agent.documents@example.com", "Docs Agent", "agent")
                .await;
        let maria = test_support::borrowers::borrower_of(&app, MARIA.0).await;
        let aisha =
            test_support::borrowers::borrower_of(&app, test_support::borrowers::AISHA.0).await;
        let login = login_of(&app, MARIA, "maria.lopez").await;

        // The borrower's own document, figure for figure.
        let t = app
            .truth_in_lending_for_staff(&agent, maria, account(MARIA.0))
            .await
            .unwrap()
            .expect("her first loan's disclosure");
        let hers = app.truth_in_lending(login, account(MARIA.0)).await.unwrap();
        assert_eq!(
            (t.apr, t.finance_charge, t.total_of_payments),
            (hers.apr, hers.finance_charge, hers.total_of_payments)
        );
        let n = app
            .transfer_notice_for_staff(&agent, maria, account(BOARDED))
            .await
            .unwrap()
            .expect("the boarded loan's notice");
        assert_eq!(
            n.sections(documents::Lang::En),
            app.transfer_notice(login, account(BOARDED))
                .await
                .unwrap()
                .sections(documents::Lang::En)
        );

        // None: a loan made here has no notice; a loan that is not the borrower's is not found.
        assert!(
            app.transfer_notice_for_staff(&agent, maria, account(MARIA.0))
                .await
                .unwrap()
                .is_none()
        );
        assert!(
            app.truth_in_lending_for_staff(&agent, aisha, account(MARIA.0))
                .await
                .unwrap()
                .is_none()
        );

        // Each document given is a read on the record of its loan.
        let (loan, _) = app
            .store()
            .loan_by_account_number(account(MARIA.0))
            .await
            .unwrap()
            .unwrap();
        let records = app
            .store()
            .audit_of(&format!("loan:{}", loan.0), 100)
            .await
            .unwrap();
        assert!(
            records.iter().any(|r| r.event.action == "document.viewed"),
            "{records:?}"
        );
        db.finish().await;
    }
}
