//! Issue 22, item 17: the borrower's loans in Spanish. With the language cookie set to
//! Spanish, Maria's dashboard, her loan's page, its payment schedule, a year-end summary of
//! its payments and Aisha's due-date page say everything in Spanish: no English sentence in
//! the page's main content, dates as "6 de diciembre de 2026". Over HTTP against the real
//! server (SQLite, and PostgreSQL when `SERVICER_TEST_POSTGRES_URL` is set).

use app::portal::Activity;
use axum::http::StatusCode;
use test_support::borrowers::{AISHA, MARIA};
use test_support::http::Browser;
use test_support::server::portals;

/// Words only an English sentence has (with the spaces around them where a Spanish word
/// could hold the same letters).
const ENGLISH: &[&str] = &[
    " the ",
    "The ",
    " your ",
    "Your ",
    " you ",
    " of ",
    " and ",
    " due ",
    " on ",
    "Payment",
    "Balance",
    "Principal",
    "Interest",
    "Next ",
    "Pending",
    "Download",
    "Statement",
    "Activity",
    "Schedule",
    "None",
];

/// The configured product name of Maria's loan: a fact of the loan, shown as configured.
const PRODUCT: &str = "Home improvement loan";

/// The text a reader reads in the page's main content: its tags taken out (so an address or
/// an attribute name is not read as words), the entities of the text made plain.
fn main_text(body: &str) -> String {
    test_support::page::main_text(body).replace(PRODUCT, "")
}

/// `section` of `body` left out: from `<section aria-labelledby="{id}"` to its end.
fn without_section(body: &str, id: &str) -> String {
    let marker = format!("<section aria-labelledby=\"{id}\"");
    match body.find(&marker) {
        Some(start) => {
            let end = body[start..]
                .find("</section>")
                .map_or(body.len(), |e| start + e + "</section>".len());
            format!("{}{}", &body[..start], &body[end..])
        }
        None => body.to_owned(),
    }
}

/// Fails with the English words found in `text`, naming the page.
fn assert_spanish(page: &str, text: &str) {
    let found: Vec<&str> = ENGLISH
        .iter()
        .copied()
        .filter(|w| text.contains(w))
        .collect();
    assert!(
        found.is_empty(),
        "{page} has English words {found:?} in its text:\n{text}"
    );
}

/// A browser of `token`'s session that reads Spanish.
fn in_spanish(token: &str) -> Browser {
    Browser::with_session(token).reading("es")
}

#[tokio::test]
async fn marias_loans_are_in_spanish_when_she_reads_spanish() {
    for p in portals("spanish_loans").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let mut b = in_spanish(&maria);
        let loan = format!("/loans/{}", MARIA.0);

        // The dashboard.
        let dashboard = b.get(p.addr(), "/dashboard").await;
        assert_eq!(dashboard.status, StatusCode::OK);
        assert!(dashboard.body.contains("<h1>Sus préstamos</h1>"));
        assert!(dashboard.body.contains("que termina en 1015"));
        assert!(dashboard.body.contains("<dt>Saldo</dt>"));
        assert!(dashboard.body.contains("Hacer un pago"));
        let text = main_text(&dashboard.body);
        assert!(text.contains("Saldos al "), "{text}");
        assert!(text.contains(" de diciembre de "), "{text}");
        assert_spanish("/dashboard", &text);
        assert!(!dashboard.body.contains("Your loans"));

        // The loan's page (its payoff figures are the payment pages' words, checked there).
        let page = b.get(p.addr(), &loan).await;
        assert_eq!(page.status, StatusCode::OK);
        for words in [
            "Volver a sus préstamos",
            "<h2 id=\"summary\">Saldo</h2>",
            "<dt>Capital</dt>",
            "<h2 id=\"payoff\">Monto de liquidación</h2>",
            "¿Y si pago de más?",
            "<h2 id=\"terms\">Condiciones</h2>",
            "Las reglas de su préstamo",
            "Cada pago se aplica primero a ",
            "<h2 id=\"upcoming\">Próximos pagos</h2>",
            "<h2 id=\"activity\">Movimientos</h2>",
            "Estados de cuenta y documentos",
            "Intereses pagados en ",
        ] {
            assert!(page.body.contains(words), "the loan page says {words:?}");
        }
        let text = main_text(&without_section(&page.body, "payoff"));
        assert!(text.contains(" de 20"), "dates in Spanish: {text}");
        assert_spanish(&loan, &text);

        // An extra amount the parser refuses, and one it answers, in Spanish.
        let refused = b.get(p.addr(), &format!("{loan}?extra=12.345")).await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);
        assert!(
            refused
                .body
                .contains("Ingrese un monto en dólares y centavos"),
            "the refusal is in Spanish"
        );
        let answered = b.get(p.addr(), &format!("{loan}?extra=50.00")).await;
        assert!(
            answered
                .body
                .contains("id=\"what-if-answer\">Si paga $50.00 más con cada pago")
        );

        // The payment schedule.
        let schedule = b.get(p.addr(), &format!("{loan}/schedule")).await;
        assert_eq!(schedule.status, StatusCode::OK);
        assert!(schedule.body.contains("<h1>Calendario de pagos</h1>"));
        assert!(
            schedule
                .body
                .contains("Volver al préstamo que termina en 1015")
        );
        let text = main_text(&schedule.body);
        assert!(text.contains(" de diciembre de "), "{text}");
        assert_spanish("the schedule", &text);

        // A year-end summary of the payments (its figures are the documents' words).
        let d = p
            .app
            .loan_details(store::LoginId(1), MARIA.0.parse().unwrap(), None)
            .await
            .unwrap()
            .unwrap();
        let year = d
            .activity
            .iter()
            .find_map(|a| match a {
                Activity::Payment(p) => Some(p.date.year()),
                _ => None,
            })
            .expect("Maria's demo loan has payments");
        let summary = b.get(p.addr(), &format!("{loan}/interest/{year}")).await;
        assert_eq!(summary.status, StatusCode::OK);
        assert!(
            summary
                .body
                .contains(&format!("<h1>Resumen de pagos de fin de año, {year}</h1>"))
        );
        assert!(
            summary
                .body
                .contains("Descargar el historial de pagos (CSV)")
        );

        // The same pages in English for a reader of English: the words are not lost.
        let mut en = Browser::with_session(&maria);
        let english = en.get(p.addr(), "/dashboard").await;
        assert!(english.body.contains("<h1>Your loans</h1>"));
        assert!(english.body.contains("Home improvement loan ending 1015"));
        let english = en.get(p.addr(), &loan).await;
        assert!(english.body.contains("How each payment was applied: to "));
        p.finish().await;
    }
}

#[tokio::test]
async fn the_due_date_page_is_in_spanish_when_the_borrower_reads_spanish() {
    for p in portals("spanish_loans_due_date").await {
        let aisha = p.enrol(AISHA, "aisha.khan").await;
        let mut b = in_spanish(&aisha);
        let page = format!("/loans/{}/due-date", AISHA.0);

        let form = b.get(p.addr(), &page).await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(
            form.body
                .contains("<h1>Cambiar su fecha de vencimiento</h1>")
        );
        // The days of the month as Spanish says them: "28", not "28th".
        assert!(form.body.contains(">28</option>"));
        assert!(!form.body.contains(">28th</option>"));
        assert_spanish(&page, &main_text(&form.body));

        // A day no month lacks is refused beside the field, in Spanish.
        let bad = b.get(p.addr(), &format!("{page}?day=31")).await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(bad.body.contains("Elija un día del 1 al 28"));
        assert!(!bad.body.contains("Choose a day"));
        p.finish().await;
    }
}
