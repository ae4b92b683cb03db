//! Issue 22, item 17: AutoPay and payment methods in Spanish. A borrower who reads Spanish (the
//! `__Host-lang=es` cookie) adds a bank account on Spanish pages, sets up AutoPay reading the
//! authorization in Spanish, is refused in Spanish, agrees, and the authorization kept (the
//! documents center's page of it) is the Spanish words she agreed to. Over HTTP against the
//! real server (SQLite, and PostgreSQL when `SERVICER_TEST_POSTGRES_URL` is set), on the demo
//! portfolio (Maria's first loan is on the standard product: AutoPay monthly only).

use axum::http::StatusCode;
use test_support::borrowers::MARIA;
use test_support::http::Browser;
use test_support::server::portals;

/// Asserts every one of `spanish` is in `body` and none of `english` is.
fn spanish(what: &str, body: &str, spanish: &[&str], english: &[&str]) {
    for words in spanish {
        assert!(body.contains(words), "{what}: no {words:?} in {body}");
    }
    for words in english {
        assert!(!body.contains(words), "{what}: English {words:?} in {body}");
    }
}

#[tokio::test]
async fn a_borrower_who_reads_spanish_agrees_to_autopay_in_spanish_and_that_is_what_is_kept() {
    for p in portals("spanish_autopay").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let mut b = Browser::with_session(&maria);
        b.cookies.insert("__Host-lang".into(), "es".into());

        // Adding a bank account: the form and its refusal-free save, in Spanish.
        let form = b.get(p.addr(), "/payment-methods/new").await;
        assert_eq!(form.status, StatusCode::OK);
        spanish(
            "the bank account form",
            &form.body,
            &[
                "<html lang=\"es\">",
                "<h1>Agregar una cuenta bancaria</h1>",
                "Número de ruta",
                "Cuenta de cheques",
                "Guardar la cuenta bancaria",
            ],
            &["Add a bank account", "Routing number", "Save bank account"],
        );
        let saved = b
            .post_form(
                p.addr(),
                "/payment-methods/new",
                "/payment-methods",
                &[
                    ("holder_name", "Maria Lopez"),
                    ("routing_number", "231380104"),
                    ("account_number", "123456789"),
                    ("confirm_account_number", "123456789"),
                    ("account_type", "checking"),
                    ("nickname", "Cheques"),
                ],
            )
            .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        let list = b.get(p.addr(), saved.location()).await;
        spanish(
            "the payment methods",
            &list.body,
            &[
                "<h1>Métodos de pago</h1>",
                "Sus métodos de pago se guardaron.",
                "cuenta de cheques que termina en 6789, número de ruta 231380104, a nombre de Maria Lopez",
                "Agregar una tarjeta de débito",
            ],
            &["Payment methods", "account ending", "in the name of", "Remove"],
        );
        let method = p
            .app
            .payment_methods(store::LoginId(1))
            .await
            .unwrap()
            .first()
            .expect("the account is saved")
            .id
            .0
            .to_string();
        let card = b.get(p.addr(), "/payment-methods/cards/new").await;
        spanish(
            "the card form",
            &card.body,
            &["<h1>Agregar una tarjeta de débito</h1>", "Código de seguridad"],
            &["Add a debit card", "Security code", "Save card"],
        );

        // The AutoPay page.
        let page = format!("/loans/{}/autopay", MARIA.0);
        let review = format!("{page}/review");
        let form = b.get(p.addr(), &page).await;
        assert_eq!(form.status, StatusCode::OK);
        spanish(
            "the AutoPay page",
            &form.body,
            &[
                "<html lang=\"es\">",
                "AutoPay (pago automático) del préstamo que termina en",
                "Debitar de",
                "Cheques (cuenta que termina en 6789)",
                "El pago programado",
                "Continuar",
            ],
            &[
                "AutoPay for the loan",
                "Draft from",
                "The scheduled payment",
                "account ending",
                "Continue",
            ],
        );

        // A draft day out of range: refused in Spanish, beside its field.
        let refused = b
            .post_form(
                p.addr(),
                &page,
                &review,
                &[
                    ("method", method.as_str()),
                    ("amount", "scheduled"),
                    ("days_before_due", "40"),
                ],
            )
            .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);
        assert!(
            refused.body.contains(r#"id="days_before_due-error""#),
            "{}",
            refused.body
        );
        spanish(
            "the refusal",
            &refused.body,
            &["Elija un día de débito entre la fecha de vencimiento y 15 días antes"],
            &["Choose a draft day"],
        );

        // The authorization to agree to, in Spanish.
        let fields = [
            ("method", method.as_str()),
            ("amount", "scheduled"),
            ("fixed_amount", ""),
            ("days_before_due", "3"),
        ];
        let words = b.post_form(p.addr(), &page, &review, &fields).await;
        assert_eq!(words.status, StatusCode::OK, "{}", words.body);
        let agreed_to = [
            "Autorizo a ",
            " a debitar mi cuenta de cheques que termina en 6789 (número de ruta 231380104) por el pago mensual programado 3 días antes de cada fecha de vencimiento (o el día hábil anterior, si ese día es fin de semana o feriado)",
            "El último débito será por el monto exacto necesario para liquidar el préstamo.",
            "Si un débito es devuelto, mi banco puede cobrarme un cargo",
        ];
        let mut review_words = agreed_to.to_vec();
        review_words.extend(["Lea y acepte", "Acepto esta autorización", "Activar AutoPay"]);
        spanish(
            "the authorization",
            &words.body,
            &review_words,
            &[
                "I authorize",
                "each due date",
                "I agree to this authorization",
                "Turn on AutoPay",
            ],
        );

        // Not ticked: asked again in Spanish; nothing recorded.
        let unticked = b.post_form(p.addr(), &page, &page, &fields).await;
        assert_eq!(unticked.status, StatusCode::BAD_REQUEST);
        spanish(
            "the box not ticked",
            &unticked.body,
            &["Marque la casilla para aceptar la autorización", "Autorizo a "],
            &["Tick the box"],
        );
        assert!(
            p.app
                .autopay_of(store::LoginId(1), MARIA.0.parse().unwrap())
                .await
                .unwrap()
                .is_none()
        );

        // Agreed: on, and the page says so in Spanish.
        let mut agreed = fields.to_vec();
        agreed.push(("agree", "yes"));
        let done = b.post_form(p.addr(), &page, &page, &agreed).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
        let on = b.get(p.addr(), done.location()).await;
        spanish(
            "AutoPay on",
            &on.body,
            &[
                "Sus opciones de AutoPay se guardaron.",
                "AutoPay está activado",
                "3 días antes de cada fecha de vencimiento",
                "Cheques (cuenta que termina en 6789)",
                "Desactivar AutoPay",
                "Autorizado el",
            ],
            &["AutoPay is on", "days before each due date", "Turn off AutoPay"],
        );

        // What is kept is what she agreed to, in Spanish; the documents center shows it.
        let live = p
            .app
            .autopay_of(store::LoginId(1), MARIA.0.parse().unwrap())
            .await
            .unwrap()
            .expect("AutoPay is on");
        assert!(live.text.starts_with("Autorizo a "), "{}", live.text);
        for part in agreed_to {
            assert!(live.text.contains(part), "{part:?} in {}", live.text);
        }
        assert!(!live.text.contains("authorize"), "{}", live.text);
        let kept = b
            .get(
                p.addr(),
                &format!("/loans/{}/autopay-authorizations/{}", MARIA.0, live.id.0),
            )
            .await;
        assert_eq!(kept.status, StatusCode::OK, "{}", kept.body);
        for part in agreed_to {
            assert!(kept.body.contains(part), "{part:?} in {}", kept.body);
        }
        assert!(!kept.body.contains("I authorize"), "{}", kept.body);

        // Turning it off asks first, in Spanish.
        let off = b.get(p.addr(), &format!("{page}/cancel")).await;
        spanish(
            "turning AutoPay off",
            &off.body,
            &[
                "¿Desactivar AutoPay?",
                "Si desactiva AutoPay del préstamo que termina en",
                "Mantener AutoPay activado",
            ],
            &["Turn off AutoPay?", "Keep AutoPay on"],
        );
        p.finish().await;
    }
}
