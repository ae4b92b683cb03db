//! Issue 22, item 17: the documents a borrower reads in Spanish. With the language cookie
//! (`__Host-lang=es`), the documents center, the letters, the disclosure and the transfer
//! notice are pages in Spanish, with dates as Spanish writes them, and their PDFs say so
//! (`/Lang (es-US)`); a letter refused is refused in Spanish. Over HTTP against the real
//! server (SQLite, and PostgreSQL when `SERVICER_TEST_POSTGRES_URL` is set).

use axum::http::StatusCode;
use i18n::Lang;
use test_support::borrowers::MARIA;
use test_support::http::Browser;
use test_support::server::{Portal, portals};

/// Maria's loan boarded from a prior servicer, of the demo portfolio.
const BOARDED: &str = "5218400000001031";

/// James Carter, of the demo portfolio: one loan, paid off.
const JAMES: (&str, &str, &str, &str) = ("5218400000002013", "1098", "11/03/1979", "43215");

/// A browser with the borrower's session `token`, reading Spanish.
fn in_spanish(token: &str) -> Browser {
    Browser::with_session(token).reading("es")
}

/// Asserts `body` has every one of `spanish` and none of `english`.
fn reads_spanish(what: &str, body: &str, spanish: &[&str], english: &[&str]) {
    for words in spanish {
        assert!(body.contains(words), "{what} says {words:?}: {body}");
    }
    for words in english {
        assert!(!body.contains(words), "{what} still says {words:?}: {body}");
    }
}

#[tokio::test]
async fn the_documents_center_and_its_documents_read_in_spanish() {
    for p in portals("spanish_documents").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let mut b = in_spanish(&maria);
        let first = format!("/loans/{}", MARIA.0);

        let page = b.get(p.addr(), "/documents").await;
        assert_eq!(page.status, StatusCode::OK);
        reads_spanish(
            "/documents",
            &page.body,
            &[
                "<h1>Sus documentos</h1>",
                "Declaración de Veracidad en los Préstamos (Truth in Lending)",
                "Carta de liquidación",
                "Aviso de cambio de administrador del préstamo",
                "Documentos de todos sus préstamos, del más reciente al más antiguo",
                "Elegir una fecha",
                "¿Busca una copia en papel? Llámenos al",
            ],
            &[
                "Your documents",
                "Payoff letter",
                "Notice of servicing transfer",
                "newest first",
                "Choose a date",
                "Looking for a paper copy?",
            ],
        );
        // The links are the same in every language.
        assert!(
            page.body
                .contains(&format!("href=\"{first}/truth-in-lending.pdf\""))
        );

        // The disclosure, and its PDF in Spanish.
        let tila = b.get(p.addr(), &format!("{first}/truth-in-lending")).await;
        assert_eq!(tila.status, StatusCode::OK);
        reads_spanish(
            "the disclosure",
            &tila.body,
            &[
                "Tasa de porcentaje anual",
                "Calendario de pagos",
                "Acerca de estas cifras",
                "Descargar esta declaración como PDF",
            ],
            &[
                "Annual percentage rate",
                "Payment schedule",
                "About these figures",
            ],
        );
        let pdf = b
            .get(p.addr(), &format!("{first}/truth-in-lending.pdf"))
            .await;
        assert_eq!(pdf.status, StatusCode::OK);
        assert!(pdf.body.contains("/Lang (es-US)"), "the PDF says Spanish");
        assert!(!pdf.body.contains("Payment schedule"));

        // The transfer notice of the boarded loan.
        let notice = b
            .get(p.addr(), &format!("/loans/{BOARDED}/transfer-notice"))
            .await;
        assert_eq!(notice.status, StatusCode::OK);
        reads_spanish(
            "the transfer notice",
            &notice.body,
            &[
                "Qué cambió",
                "Durante 60 días a partir del",
                "Su nuevo administrador del préstamo",
            ],
            &["What changed", "For 60 days from", "Your new servicer"],
        );

        // The payoff letter's page: its words and its dates in Spanish.
        let today = p.app.business_date().await.unwrap();
        let letter = b.get(p.addr(), &format!("{first}/payoff-letter")).await;
        assert_eq!(letter.status, StatusCode::OK);
        let on_today = format!("</strong> el {}", i18n::long_date(Lang::Es, today));
        reads_spanish(
            "the payoff letter",
            &letter.body,
            &[
                "<h1>Carta de liquidación</h1>",
                "Cómo pagar",
                "Lo que supone esta cifra",
                "Mostrar la carta",
                "Capital",
                "Préstamo para mejoras del hogar, cuenta con terminación 1015",
                on_today.as_str(),
            ],
            &[
                "Home improvement loan",
                "How to pay",
                "What this figure assumes",
                "Show the letter",
                "Good through",
            ],
        );
        assert!(!letter.body.contains(&documents::long_date(today)));
        let pdf = b.get(p.addr(), &format!("{first}/payoff-letter.pdf")).await;
        assert_eq!(pdf.status, StatusCode::OK);
        assert!(pdf.body.contains("/Lang (es-US)"));

        // A date refused is said in Spanish beside the field.
        let past = today.yesterday().unwrap();
        let refused = b
            .get(p.addr(), &format!("{first}/payoff-letter?date={past}"))
            .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);
        assert!(
            refused.body.contains(&format!(
                "Elija una fecha a partir del {}",
                i18n::long_date(Lang::Es, today)
            )),
            "{}",
            refused.body
        );
        let garbled = b
            .get(p.addr(), &format!("{first}/payoff-letter?date=soon"))
            .await;
        assert_eq!(garbled.status, StatusCode::BAD_REQUEST);
        assert!(garbled.body.contains("por ejemplo 2026-12-15"));

        // A paid-in-full letter of a loan not paid off: refused, in Spanish.
        let not_paid = b
            .get(p.addr(), &format!("{first}/paid-in-full-letter"))
            .await;
        assert_eq!(not_paid.status, StatusCode::CONFLICT);
        reads_spanish(
            "the refusal",
            &not_paid.body,
            &["Este préstamo no está liquidado"],
            &["This loan is not paid off"],
        );

        // Without the cookie, the same pages are English.
        let mut english = Browser::with_session(&maria);
        let page = english.get(p.addr(), "/documents").await;
        assert!(page.body.contains("<h1>Your documents</h1>"));
        assert!(!page.body.contains("Sus documentos"));
        p.finish().await;
    }
}

#[tokio::test]
async fn the_paid_in_full_letter_reads_in_spanish() {
    for p in portals("spanish_documents_paid").await {
        let james = p.enrol(JAMES, "james.carter").await;
        let mut b = in_spanish(&james);
        let loan = format!("/loans/{}", JAMES.0);

        let page = b
            .get(p.addr(), &format!("{loan}/paid-in-full-letter"))
            .await;
        assert_eq!(page.status, StatusCode::OK);
        reads_spanish(
            "the paid-in-full letter",
            &page.body,
            &[
                "<h1>Carta de pago total</h1>",
                "<dt>Liquidado el</dt>",
                // The product by the Spanish name the lender configures, as the loan's page
                // names it.
                "Préstamo para reparación de auto, cuenta con terminación 2013",
                "Su préstamo fue pagado en su totalidad el",
                "Guarde esta carta para sus registros.",
                "Descargar esta carta como PDF",
            ],
            &[
                "Paid in full on",
                "Keep this letter",
                "Download this letter",
                "Auto repair loan",
            ],
        );
        let pdf = b
            .get(p.addr(), &format!("{loan}/paid-in-full-letter.pdf"))
            .await;
        assert_eq!(pdf.status, StatusCode::OK);
        assert!(pdf.body.contains("/Lang (es-US)"));
        assert!(pdf.body.contains("James Carter"));
        assert!(!pdf.body.contains("Paid in full on"));

        // Nothing to pay off: the payoff letter is refused in Spanish.
        let r = b.get(p.addr(), &format!("{loan}/payoff-letter.pdf")).await;
        assert_eq!(r.status, StatusCode::CONFLICT);
        assert!(
            r.body
                .contains("Este préstamo no tiene nada pendiente que liquidar."),
            "{}",
            r.body
        );
        p.finish().await;
    }
}

/// A statement of Maria's first loan, as a close would issue it (a payment received, three
/// days past due); its id and its figures.
async fn statement_of_maria(p: &Portal) -> (i64, documents::Statement) {
    let (loan, _) = p
        .app
        .store()
        .loan_by_account_number(MARIA.0.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let d = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
    let m = money::Money::from_cents;
    let figures = documents::Statement {
        servicer_name: "Servicer Demo Lending".into(),
        servicer_phone: "1-800-555-0142".into(),
        website: "http://127.0.0.1".into(),
        remit_to: vec!["PO Box 4410".into()],
        borrower_name: "Maria Lopez".into(),
        borrower_address: vec!["62704".into()],
        account_number: MARIA.0.into(),
        statement_date: d("2026-11-10"),
        period_start: d("2026-10-11"),
        due_date: d("2026-12-01"),
        amount_due: m(30_000),
        current_payment: m(30_000),
        past_due: m(0),
        days_past_due: 3,
        principal: m(1_000_000),
        interest: m(100),
        fees: m(0),
        unapplied: m(0),
        fees_this_period: m(0),
        interest_this_period: m(5_000),
        interest_paid_this_year: m(40_000),
        activity: vec![documents::ActivityLine {
            date: d("2026-11-01"),
            description: "Payment received".into(),
            amount: m(30_000),
            principal: m(20_000),
            interest: m(10_000),
            fees: m(0),
        }],
        late_fee_after: d("2026-12-11"),
        late_fee: m(2_500),
        autopay: false,
        reconciliation: Some(documents::Reconciliation {
            previous_balance: m(1_025_100),
            payments_principal: m(20_000),
            payments_interest: m(10_000),
            payments_fees: m(0),
            payments_returned: m(0),
            interest_charged: m(5_000),
            fees_charged: m(0),
            fees_waived: m(0),
            interest_waived: m(0),
            new_balance: m(1_000_100),
        }),
    };
    let mut tx = p.app.store().begin().await.unwrap();
    let id = tx
        .insert_statement(
            &store::StoredStatement {
                id: 0,
                loan,
                statement_date: figures.statement_date,
                issued_on: figures.statement_date,
                due_date: figures.due_date,
                amount_due: figures.amount_due,
                delivery: "electronic".into(),
                body: serde_json::to_string(&figures).unwrap(),
            },
            0,
        )
        .await
        .unwrap()
        .unwrap();
    tx.commit().await.unwrap();
    (id, figures)
}

#[tokio::test]
async fn a_statement_reads_in_spanish_as_a_page_and_as_a_pdf() {
    for p in portals("spanish_documents_statement").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let (id, figures) = statement_of_maria(&p).await;
        let mut b = in_spanish(&maria);
        let path = format!("/loans/{}/statements/{id}", MARIA.0);
        let page = b.get(p.addr(), &path).await;
        assert_eq!(page.status, StatusCode::OK);
        reads_spanish(
            "the statement",
            &page.body,
            &[
                "Estado de cuenta mensual del 10 de noviembre de 2026",
                "<dt>Monto adeudado</dt><dd><strong>$300.00</strong>",
                "<dt>Vence el</dt><dd>1 de diciembre de 2026",
                "<th scope=\"row\">Saldo anterior</th><td>$10,251.00</td>",
                "a capital $200.00, intereses $100.00, cargos $0.00",
                "<th scope=\"row\">Saldo nuevo</th><td><strong>$10,001.00</strong></td>",
                "(3 días de atraso)",
                "cargo por pago atrasado de $25.00",
                "<td>Pago recibido</td>",
                "Movimientos del 11 de octubre de 2026 al 10 de noviembre de 2026",
                "Pagar por correo",
            ],
            &[
                "Monthly statement",
                "Previous balance",
                "Payment received",
                "days past due",
                "November 10, 2026",
                "Paying by mail",
            ],
        );
        let pdf = b.get(p.addr(), &format!("{path}/pdf")).await;
        assert_eq!(pdf.status, StatusCode::OK);
        assert!(pdf.body.contains("/Lang (es-US)"));
        assert!(pdf.body.contains("Saldo anterior"));
        assert!(!pdf.body.contains("Previous balance"));
        // The activity's dates as a Spanish reader reads them, the day first and the month by
        // name: 11/01/2026 is the 1st of November to one reader, the 11th of January to
        // another.
        assert!(pdf.body.contains("1 nov 2026"), "the served PDF's activity");
        assert!(!pdf.body.contains("11/01/2026"));
        let dir =
            test_support::scratch::dir(&format!("spanish-statement-{}", p.db.store.backend()));
        if let Some(text) = test_support::pdf::pdf_text(
            &documents::statement::pdf(&figures, Lang::Es),
            &dir,
            "statement-es.pdf",
        ) {
            assert!(text.contains("1 nov 2026"), "{text}");
            assert!(text.contains("Pago recibido"), "{text}");
            assert!(!text.contains("11/01/2026"), "{text}");
        }
        assert!(
            documents::statement::pdf(&figures, Lang::En)
                .windows(10)
                .any(|w| w == b"11/01/2026"),
            "English keeps the United States' short dates"
        );
        p.finish().await;
    }
}
