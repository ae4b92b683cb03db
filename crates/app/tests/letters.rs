//! Issue 22, item 12: the payoff letter and the paid-in-full letter, on a real store (SQLite,
//! and PostgreSQL when configured) with the demo portfolio. The payoff letter's figure is the
//! loan page's payoff for the same date, itemized, with the per diem, the good-through date and
//! how to pay (read back from the PDF with `pdftotext` when it is installed); it is given only
//! through the login, for a date from today through the limit; the paid-in-full letter only
//! for a loan paid off (James Carter's).

use app::App;
use app::letters::{LetterError, MOST_DAYS_AHEAD};
use documents::long_date;
use domain::account_number::AccountNumber;
use jiff::Span;
use money::Money;
use store::LoginId;
use test_support::apps::demo_apps;
use test_support::borrowers::{MARIA, enrol, session};
use test_support::pdf::pdf_text;

/// James Carter, of the demo portfolio: one loan, paid off.
const JAMES: (&str, &str, &str, &str) = ("5218400000002013", "1098", "11/03/1979", "43215");

async fn login_of(app: &App, who: (&str, &str, &str, &str), username: &str) -> LoginId {
    let token = enrol(app, who, username).await;
    session(app, &token)
        .await
        .login()
        .expect("a signed-in session")
}

#[tokio::test]
async fn the_payoff_letter_is_the_loan_pages_payoff_itemized_with_how_to_pay() {
    for (app, _clock, db) in demo_apps("letters_payoff").await {
        let dir = test_support::scratch::dir(&format!("letters-{}", db.store.backend()));
        let maria = login_of(&app, MARIA, "maria.lopez").await;
        let james = login_of(&app, JAMES, "james.carter").await;
        let account: AccountNumber = MARIA.0.parse().unwrap();
        let today = app.business_date().await.unwrap();
        let on = today.checked_add(Span::new().days(10)).unwrap();

        let letter = app.payoff_letter_of(maria, account, on).await.unwrap();
        let page = app
            .loan_details(maria, account, Some(on))
            .await
            .unwrap()
            .unwrap();
        let quote = page.payoff.expect("Maria's first loan is active");
        assert_eq!(letter.good_through, on);
        assert_eq!(letter.total, quote.total, "the loan page's payoff");
        assert_eq!(letter.per_diem, quote.per_diem);
        assert_eq!(
            (letter.principal, letter.interest, letter.fees),
            (quote.principal, quote.interest, quote.fees)
        );
        assert_eq!(letter.unapplied, Money::ZERO, "an active loan holds none");
        let items = letter.items(documents::Lang::En);
        let parts: Money = items[..items.len() - 1].iter().map(|(_, m)| *m).sum();
        assert_eq!(parts, letter.total, "the items add up to the total");
        assert!(letter.wire.is_none(), "no bank details are configured");
        assert_eq!(letter.to.name, "Maria Lopez");

        let pdf = app.payoff_letter(maria, account, on).await.unwrap();
        if let Some(text) = pdf_text(&pdf, &dir, "payoff.pdf") {
            for shown in [
                "Payoff letter".to_owned(),
                "Good through".to_owned(),
                long_date(on),
                quote.total.usd().to_string(),
                quote.principal.usd().to_string(),
                quote.per_diem.usd().to_string(),
                "ending in 1015".to_owned(),
                "What this figure assumes".to_owned(),
                "returned by your bank".to_owned(),
                "Write your 16-digit account number on your check".to_owned(),
                "PO Box 4410".to_owned(),
                "for wire instructions".to_owned(),
                "Make a payment".to_owned(),
            ] {
                assert!(text.contains(&shown), "the letter shows {shown:?}: {text}");
            }
            assert!(!text.contains(MARIA.0), "the account number is masked");
        }

        // Through the login only: James's login does not reach Maria's loan.
        assert!(matches!(
            app.payoff_letter(james, account, on).await,
            Err(LetterError::NotFound)
        ));
        // From today through the limit.
        let yesterday = today.yesterday().unwrap();
        assert!(matches!(
            app.payoff_letter(maria, account, yesterday).await,
            Err(LetterError::DateInThePast { today: t }) if t == today
        ));
        let latest = today
            .checked_add(Span::new().days(MOST_DAYS_AHEAD))
            .unwrap();
        assert!(app.payoff_letter(maria, account, latest).await.is_ok());
        let e = app
            .payoff_letter(maria, account, latest.tomorrow().unwrap())
            .await
            .unwrap_err();
        assert!(matches!(e, LetterError::DateTooFar { .. }));
        assert!(e.to_string().contains(&long_date(latest)), "{e}");
        assert!(app.payoff_letter(maria, account, today).await.is_ok());
        // A loan paid off has nothing to pay off.
        let jamess: AccountNumber = JAMES.0.parse().unwrap();
        assert!(matches!(
            app.payoff_letter(james, jamess, on).await,
            Err(LetterError::NothingToPayOff)
        ));
        db.finish().await;
    }
}

#[tokio::test]
async fn the_paid_in_full_letter_is_for_a_loan_paid_off_only() {
    for (app, _clock, db) in demo_apps("letters_paid_in_full").await {
        let dir = test_support::scratch::dir(&format!("letters-pif-{}", db.store.backend()));
        let maria = login_of(&app, MARIA, "maria.lopez").await;
        let james = login_of(&app, JAMES, "james.carter").await;
        let marias: AccountNumber = MARIA.0.parse().unwrap();
        let jamess: AccountNumber = JAMES.0.parse().unwrap();

        let e = app.paid_in_full_letter(maria, marias).await.unwrap_err();
        assert!(matches!(e, LetterError::NotPaidOff), "{e}");
        assert!(matches!(
            app.paid_in_full_letter(maria, jamess).await,
            Err(LetterError::NotFound)
        ));

        let letter = app.paid_in_full_letter_of(james, jamess).await.unwrap();
        let d = app
            .loan_details(james, jamess, None)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(letter.overpaid, d.state.unapplied);
        let last = d
            .activity
            .iter()
            .find_map(|a| match a {
                app::portal::Activity::Payment(p) => Some(*p),
                _ => None,
            })
            .expect("James's loan was paid");
        assert_eq!(letter.last_payment, (last.date, last.amount));
        assert_eq!(
            letter.paid_in_full_on, last.date,
            "the payoff was the last payment"
        );
        assert_eq!(letter.to.name, "James Carter");

        let pdf = app.paid_in_full_letter(james, jamess).await.unwrap();
        if let Some(text) = pdf_text(&pdf, &dir, "paid-in-full.pdf") {
            for shown in [
                "Paid-in-full letter".to_owned(),
                format!("paid in full on {}", long_date(last.date)),
                last.amount.usd().to_string(),
                "zero balance".to_owned(),
                "nothing more is owed".to_owned(),
                "ending in 2013".to_owned(),
            ] {
                assert!(text.contains(&shown), "the letter shows {shown:?}: {text}");
            }
            assert_eq!(
                text.contains("refunded"),
                d.state.unapplied.is_positive(),
                "a refund is promised only for a credit held"
            );
        }
        db.finish().await;
    }
}

#[tokio::test]
async fn a_letter_names_the_product_in_the_language_it_is_drawn_in() {
    for (app, _clock, db) in demo_apps("letters_product_es").await {
        let dir = test_support::scratch::dir(&format!("letters-es-{}", db.store.backend()));
        let maria = login_of(&app, MARIA, "maria.lopez").await;
        let james = login_of(&app, JAMES, "james.carter").await;
        let marias: AccountNumber = MARIA.0.parse().unwrap();
        let jamess: AccountNumber = JAMES.0.parse().unwrap();
        let today = app.business_date().await.unwrap();

        // The product as the lender names it in each language (`product_names_es`), as the
        // loan's page does: the letter is built once and drawn in its reader's language.
        let letter = app.payoff_letter_of(maria, marias, today).await.unwrap();
        assert_eq!(
            letter.to.loan_line(documents::Lang::Es),
            "Préstamo para mejoras del hogar, cuenta con terminación 1015"
        );
        assert_eq!(
            letter.to.loan_line(documents::Lang::En),
            "Home improvement loan, account ending in 1015"
        );
        if let Some(text) = pdf_text(&letter.pdf(documents::Lang::Es), &dir, "payoff-es.pdf") {
            assert!(
                text.contains("Asunto: Préstamo para mejoras del hogar"),
                "{text}"
            );
            assert!(!text.contains("Home improvement loan"), "{text}");
        }

        // With a nickname: the nickname as typed, the product in the letter's language.
        app.set_loan_nickname(maria, marias, "Kitchen", &test_support::clients::client())
            .await
            .unwrap();
        let letter = app.payoff_letter_of(maria, marias, today).await.unwrap();
        assert_eq!(
            letter.to.loan_line(documents::Lang::Es),
            "Kitchen (Préstamo para mejoras del hogar), cuenta con terminación 1015"
        );

        let paid = app.paid_in_full_letter_of(james, jamess).await.unwrap();
        if let Some(text) = pdf_text(&paid.pdf(documents::Lang::Es), &dir, "paid-es.pdf") {
            assert!(text.contains("Préstamo para reparación de auto"), "{text}");
            assert!(!text.contains("Auto repair loan"), "{text}");
        }
        db.finish().await;
    }
}
