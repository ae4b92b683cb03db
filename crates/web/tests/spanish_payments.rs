//! Issue 22, item 17, payments: a borrower who reads Spanish (`__Host-lang=es`) makes a payment
//! in Spanish: the pay form, the review before confirming and the receipt, with dates as
//! Spanish writes them and no English sentence; a refused amount is refused in Spanish; and a
//! borrower who reads English reads the same pages in the same English words as before. Over
//! HTTP against the real server (SQLite, and PostgreSQL when `SERVICER_TEST_POSTGRES_URL` is
//! set).

use axum::http::StatusCode;
use test_support::borrowers::MARIA;
use test_support::http::Browser;
use test_support::server::portals;

use test_support::page::main_text;

/// English words a Spanish payment page must not show (outside names and numbers).
const ENGLISH: [&str; 16] = [
    " the ",
    " your ",
    "Your ",
    " of ",
    "Payment",
    " payment",
    "Pay ",
    "Amount",
    "Review",
    "Balance",
    "Credited",
    "How it",
    "Back to",
    "Thank you",
    "Confirmation",
    "Enter an",
];

fn assert_spanish(page: &str, text: &str) {
    for english in ENGLISH {
        assert!(
            !text.contains(english),
            "{page}: {english:?} in the Spanish page:\n{text}"
        );
    }
}

/// The pay form's fields for $10.00 from `method`, today, extra to principal, under `key`.
fn pay_fields<'a>(method: &'a str, amount: &'a str, key: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("method", method),
        ("amount", "other"),
        ("other_amount", amount),
        ("when", "today"),
        ("extra", "principal"),
        ("key", key),
    ]
}

#[tokio::test]
async fn a_borrower_who_reads_spanish_pays_reviews_and_reads_the_receipt_in_spanish() {
    for p in portals("spanish_payments").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let method = p.add_bank_account(&maria).await.to_string();
        let mut b = Browser::with_session(&maria);
        b.cookies.insert("__Host-lang".into(), "es".into());
        let pay = format!("/loans/{}/pay", MARIA.0);

        // The pay form.
        let form = b.get(p.addr(), &pay).await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(
            form.body.contains("<h1>Hacer un pago</h1>"),
            "{}",
            form.body
        );
        for words in [
            "Pagar desde",
            "Cuánto pagar",
            "Monto adeudado",
            "Otro monto, en dólares",
            "Liquidar el préstamo",
            "Cuándo",
            "se acreditan el siguiente día hábil",
            "Revisar el pago",
        ] {
            assert!(form.body.contains(words), "{words}: {}", form.body);
        }
        assert!(!form.body.contains("Make a payment"), "{}", form.body);
        assert_spanish("pay", &main_text(&form.body));

        // A refused amount is refused in Spanish, beside its field.
        let refused = b
            .post_form(
                p.addr(),
                &pay,
                &format!("{pay}/review"),
                &pay_fields(&method, "12.345", "spanish-refused-key-0001"),
            )
            .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
        assert!(
            refused
                .body
                .contains("Escriba un monto en dólares y centavos, con dos dígitos de centavos"),
            "{}",
            refused.body
        );
        assert!(
            !refused.body.contains("Enter an amount"),
            "{}",
            refused.body
        );
        assert!(
            refused.body.contains("href=\"#other_amount\""),
            "{}",
            refused.body
        );

        // The review.
        let fields = pay_fields(&method, "10.00", "spanish-payment-key-0001");
        let review = b
            .post_form(p.addr(), &pay, &format!("{pay}/review"), &fields)
            .await;
        assert_eq!(review.status, StatusCode::OK, "{}", review.body);
        for words in [
            "<h1>Revise su pago</h1>",
            "Acreditado con fecha",
            "Cómo se aplicará",
            "Saldo después de este pago",
            "Pagar $10.00",
            "Cambiar el pago",
            " de 20",
        ] {
            assert!(review.body.contains(words), "{words}: {}", review.body);
        }
        assert!(
            !review.body.contains("Review your payment"),
            "{}",
            review.body
        );
        assert_spanish("review", &main_text(&review.body));

        // Confirmed: the receipt.
        let made = b.post_form(p.addr(), &pay, &pay, &fields).await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
        let receipt = b.get(p.addr(), made.location()).await;
        assert_eq!(receipt.status, StatusCode::OK);
        for words in [
            "Gracias: su pago está",
            "Número de confirmación",
            "Estado",
            "Monto",
            "Desde",
            "cuenta que termina en",
            " de 20",
        ] {
            assert!(receipt.body.contains(words), "{words}: {}", receipt.body);
        }
        assert!(!receipt.body.contains("Thank you"), "{}", receipt.body);
        assert_spanish("receipt", &main_text(&receipt.body));
        p.finish().await;
    }
}

#[tokio::test]
async fn a_borrower_who_reads_english_reads_the_same_english_words_as_before() {
    for p in portals("english_payments").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let method = p.add_bank_account(&maria).await.to_string();
        let mut b = Browser::with_session(&maria);
        let pay = format!("/loans/{}/pay", MARIA.0);

        let form = b.get(p.addr(), &pay).await;
        assert!(
            form.body.contains("<h1>Make a payment</h1>"),
            "{}",
            form.body
        );
        assert!(
            form.body.contains("Other amount, in dollars"),
            "{}",
            form.body
        );
        assert!(
            form.body
                .contains("cutoff, or on a weekend or holiday, are credited"),
            "{}",
            form.body
        );

        let refused = b
            .post_form(
                p.addr(),
                &pay,
                &format!("{pay}/review"),
                &pay_fields(&method, "12.345", "english-refused-key-0001"),
            )
            .await;
        assert!(
            refused.body.contains(
                "Enter an amount in dollars and cents, with at most two digits of cents, like 125.50 (not "
            ),
            "{}",
            refused.body
        );

        let fields = pay_fields(&method, "10.00", "english-payment-key-0001");
        let review = b
            .post_form(p.addr(), &pay, &format!("{pay}/review"), &fields)
            .await;
        assert!(
            review.body.contains("<h1>Review your payment</h1>"),
            "{}",
            review.body
        );
        assert!(
            review.body.contains("Balance after this payment: <strong>"),
            "{}",
            review.body
        );
        assert!(review.body.contains("Pay $10.00"), "{}", review.body);

        let made = b.post_form(p.addr(), &pay, &pay, &fields).await;
        let receipt = b.get(p.addr(), made.location()).await;
        assert!(
            receipt.body.contains("Thank you: your payment is "),
            "{}",
            receipt.body
        );
        assert!(
            receipt.body.contains("(account ending "),
            "{}",
            receipt.body
        );
        p.finish().await;
    }
}
