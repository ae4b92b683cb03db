//! Issue 22, item 17: AutoPay and payment methods in Spanish. A borrower who reads Spanish (the
//! `__Host-lang=es` cookie) adds a bank account on Spanish pages, sets up AutoPay reading the
//! authorization in Spanish, is refused in Spanish, agrees, and the authorization kept (the
//! documents center's page of it) is the Spanish words she agreed to. Over HTTP against the
//! real server (SQLite, and PostgreSQL when `SERVICER_TEST_POSTGRES_URL` is set), on the demo
//! portfolio (business date Wednesday, November 25, 2026; Maria's first loan and Aisha's are
//! on the demo's flexible product, Maria's boarded loan on the standard one: monthly only).

use axum::http::StatusCode;
use test_support::borrowers::{AISHA, MARIA};
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
            &[
                "Payment methods",
                "account ending",
                "in the name of",
                "Remove",
            ],
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
            &[
                "<h1>Agregar una tarjeta de débito</h1>",
                "Código de seguridad",
            ],
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
        review_words.extend([
            "Lea y acepte",
            "Acepto esta autorización",
            "Activar AutoPay",
        ]);
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
            &[
                "Marque la casilla para aceptar la autorización",
                "Autorizo a ",
            ],
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
            &[
                "AutoPay is on",
                "days before each due date",
                "Turn off AutoPay",
            ],
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
        // Its version names the language of the words agreed, as a consent's does, in the
        // authorization, its audit record and the document.
        assert_eq!(live.version, "autopay-2026-12d-es");
        assert_eq!(
            live.version,
            app::payments::autopay::authorization_version(i18n::Lang::Es)
        );
        let audited = p
            .app
            .store()
            .audit_of(&format!("loan:{}", live.loan.0), 100)
            .await
            .unwrap();
        let enrolled = audited
            .iter()
            .find(|r| r.event.action == "autopay.enrolled")
            .expect("the enrolment is audited");
        assert!(
            enrolled
                .event
                .detail
                .contains("\"version\":\"autopay-2026-12d-es\""),
            "{}",
            enrolled.event.detail
        );
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
        assert!(kept.body.contains("autopay-2026-12d-es"), "{}", kept.body);

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

/// The form's fields for every other week from `start`, drafting from `method`.
fn biweekly<'a>(method: &'a str, start: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("method", method),
        ("amount", "scheduled"),
        ("days_before_due", "0"),
        ("frequency", "biweekly"),
        ("first_day", "1"),
        ("second_day", "15"),
        ("start", start),
    ]
}

#[tokio::test]
async fn every_other_week_reads_in_spanish_and_a_spanish_date_is_read() {
    for p in portals("spanish_autopay_biweekly").await {
        // Aisha's loan is on the demo's flexible product (business date November 25, 2026;
        // Thanksgiving the 26th).
        let aisha = p.enrol(AISHA, "aisha.khan").await;
        let method = p.add_bank_account(&aisha).await.to_string();
        let mut b = Browser::with_session(&aisha);
        b.cookies.insert("__Host-lang".into(), "es".into());
        let page = format!("/loans/{}/autopay", AISHA.0);
        let review = format!("{page}/review");

        let form = b.get(p.addr(), &page).await;
        assert_eq!(form.status, StatusCode::OK);
        spanish(
            "the choices",
            &form.body,
            &[
                "Con qué frecuencia",
                "Mensual: el pago, una vez por cada fecha de vencimiento",
                "Dos veces al mes: la mitad del pago (",
                "Cada dos semanas: la mitad del pago (",
                "Una fecha del 27 de noviembre de 2026 al 9 de diciembre de 2026; después, cada 14 días",
                "Primer día",
            ],
            &[
                "How often",
                "Every other week",
                "A date from",
                "1st",
                "15th",
            ],
        );

        // Refused in Spanish: a date out of range, one that is not a date, days too close.
        let late = b
            .post_form(p.addr(), &page, &review, &biweekly(&method, "2026-12-31"))
            .await;
        assert_eq!(late.status, StatusCode::BAD_REQUEST);
        spanish(
            "a date out of range",
            &late.body,
            &[
                "Elija una fecha para el primer débito del 27 de noviembre de 2026 al 9 de diciembre de 2026",
            ],
            &["Choose a first draft date"],
        );
        let unreadable = b
            .post_form(p.addr(), &page, &review, &biweekly(&method, "el 4"))
            .await;
        assert_eq!(unreadable.status, StatusCode::BAD_REQUEST);
        spanish(
            "a date that is not one",
            &unreadable.body,
            &["Escriba la fecha del primer débito así: 11 de diciembre de 2026"],
            &["Enter the first draft date"],
        );
        let mut close = biweekly(&method, "");
        close[3] = ("frequency", "twice_monthly");
        close[5] = ("second_day", "5");
        let close = b.post_form(p.addr(), &page, &review, &close).await;
        assert_eq!(close.status, StatusCode::BAD_REQUEST);
        spanish(
            "days too close",
            &close.body,
            &["Elija dos días con al menos 10 días de diferencia"],
            &["at least 10 days apart"],
        );

        // A date as Spanish writes it is read; the words say every other Friday, in Spanish.
        let words = b
            .post_form(
                p.addr(),
                &page,
                &review,
                &biweekly(&method, "4 de diciembre de 2026"),
            )
            .await;
        assert_eq!(words.status, StatusCode::OK, "{}", words.body);
        spanish(
            "the biweekly authorization",
            &words.body,
            &[
                "por la mitad de cada pago programado (ahora $",
                "), cada dos viernes a partir del 4 de diciembre de 2026 (o el día hábil anterior",
                "El último débito antes de cada fecha de vencimiento será por al menos lo que quede sin pagar de ese pago",
                "se aplica al capital",
            ],
            &["every other Friday", "goes to principal"],
        );
        p.finish().await;
    }
}

#[tokio::test]
async fn a_frequency_the_product_does_not_offer_is_refused_in_spanish() {
    for p in portals("spanish_autopay_monthly_only").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let method = p.add_bank_account(&maria).await.to_string();
        let mut b = Browser::with_session(&maria);
        b.cookies.insert("__Host-lang".into(), "es".into());
        // Her boarded loan is on the standard product: monthly only.
        let page = "/loans/5218400000001031/autopay";
        let refused = b
            .post_form(
                p.addr(),
                page,
                &format!("{page}/review"),
                &biweekly(&method, "2026-12-04"),
            )
            .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST);
        spanish(
            "a frequency not offered",
            &refused.body,
            &["El producto de este préstamo no lo permite: su AutoPay puede debitar mensualmente"],
            &["does not allow that"],
        );
        p.finish().await;
    }
}
