//! Issue 22, item 17, for the profile's side of the portal: with Spanish chosen
//! (`__Host-lang=es`), Maria reads her profile, her contact details, her alert choices, her
//! messages, the message form and the hardship page in Spanish, with none of their English
//! sentences; the problems of a form are said in Spanish too; and choosing Spanish on the
//! profile (`POST /language`) keeps it on her login, so her next sign-in, on any browser,
//! opens in it. Over HTTP against the real server.

use axum::http::StatusCode;
use test_support::borrowers::{MARIA, PASSWORD};
use test_support::http::Browser;
use test_support::server::portals;

/// `body` has every one of `spanish` and none of `english`.
fn spanish_only(what: &str, body: &str, spanish: &[&str], english: &[&str]) {
    assert!(
        body.contains(r#"<html lang="es">"#),
        "{what} is marked Spanish: {body}"
    );
    for words in spanish {
        assert!(body.contains(words), "{what} says {words:?}: {body}");
    }
    for words in english {
        assert!(!body.contains(words), "{what} still says {words:?}: {body}");
    }
}

#[tokio::test]
async fn maria_reads_her_profile_alerts_messages_and_hardship_page_in_spanish() {
    for p in portals("spanish_profile").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let mut b = Browser::with_session(&maria);
        b.cookies.insert("__Host-lang".into(), "es".into());

        let profile = b.get(p.addr(), "/profile").await;
        assert_eq!(profile.status, StatusCode::OK);
        spanish_only(
            "/profile",
            &profile.body,
            &[
                "<h1>Perfil y preferencias</h1>",
                "Datos de contacto",
                "Inicio de sesión y seguridad",
                "Alertas y estados de cuenta",
                "Cerrar sesión en todos los dispositivos",
                // The language row: what she reads, and the form that changes it.
                "Idioma",
                "Sus correos electrónicos, mensajes de texto y estados de cuenta",
                r#"action="/language""#,
                r#"name="back" value="/profile""#,
                r#"<option value="es" lang="es" selected>Español</option>"#,
                r#"<option value="en" lang="en">English</option>"#,
            ],
            &[
                "Profile and preferences",
                "Contact details",
                "Sign-in and security",
                "Sign out everywhere",
                "Alerts and statements",
                "Paper, by mail",
                "Change contact details",
                "Mailing address",
            ],
        );

        // The contact form is behind the password entered again (asked in Spanish too).
        let step_page = b
            .get(p.addr(), "/confirm-password?next=/profile/contact")
            .await;
        spanish_only(
            "/confirm-password",
            &step_page.body,
            &["Vuelva a ingresar su contraseña", "Continuar"],
            &["Enter your password again", "For your security"],
        );
        let step = b
            .post_form(
                p.addr(),
                "/confirm-password?next=/profile/contact",
                "/confirm-password",
                &[("password", PASSWORD), ("next", "/profile/contact")],
            )
            .await;
        assert_eq!(step.status, StatusCode::SEE_OTHER, "{}", step.body);
        let contact = b.get(p.addr(), "/profile/contact").await;
        assert_eq!(contact.status, StatusCode::OK, "{}", contact.body);
        spanish_only(
            "/profile/contact",
            &contact.body,
            &[
                "<h1>Cambie sus datos de contacto</h1>",
                "Dirección de correo electrónico",
                "Código postal (ZIP)",
                "Guardar los datos de contacto",
                r#"<option value="DC">Distrito de Columbia</option>"#,
            ],
            &[
                "Change your contact details",
                "Email address",
                "Mobile phone (optional)",
                "Street address",
                "Choose a state",
                "Save contact details",
                "District of Columbia",
            ],
        );

        // A wrong ZIP code (and a missing city) is said in Spanish beside its field.
        let bad = b
            .post_form(
                p.addr(),
                "/profile/contact",
                "/profile/contact",
                &[
                    ("email", "maria.lopez@example.com"),
                    ("phone", ""),
                    ("address_line1", "500 S 2nd St"),
                    ("address_line2", ""),
                    ("city", ""),
                    ("state", "IL"),
                    ("zip", "6270"),
                ],
            )
            .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.body);
        spanish_only(
            "the refused contact form",
            &bad.body,
            &[
                "Ingrese un código postal de 5 dígitos como 62704",
                r##"<a href="#city">Ingrese la ciudad</a>"##,
                r#"id="zip-error""#,
            ],
            &["Enter a 5-digit ZIP code", "Enter the city"],
        );

        let alerts = b.get(p.addr(), "/profile/alerts").await;
        assert_eq!(alerts.status, StatusCode::OK);
        spanish_only(
            "/profile/alerts",
            &alerts.body,
            &[
                "<h1>Alertas y recordatorios</h1>",
                "Pago recibido",
                "cuando se acredita un pago",
                "Pago devuelto",
                "Siempre se envía por correo electrónico y a su centro de mensajes.",
                "Mensaje de texto",
                "(siempre activada)",
                "Acepto recibir alertas de mi cuenta por mensaje de texto",
                "Guardar las preferencias de alertas",
            ],
            &[
                "Alerts and reminders",
                "Payment received",
                "when a payment is credited",
                "Text message",
                "Message center",
                "(always on)",
                "I agree to receive account alerts",
                "Save alert choices",
                "Back to your profile",
            ],
        );

        let paperless = b.get(p.addr(), "/profile/paperless").await;
        spanish_only(
            "/profile/paperless",
            &paperless.body,
            &[
                "Estados de cuenta sin papel",
                "Acepto recibir mis estados de cuenta",
            ],
            &[
                "Paperless statements",
                "I agree to receive my statements",
                "Go paperless",
            ],
        );

        let compose = b.get(p.addr(), "/messages/new").await;
        assert_eq!(compose.status, StatusCode::OK);
        spanish_only(
            "/messages/new",
            &compose.body,
            &[
                "<h1>Escríbanos</h1>",
                "Asunto",
                "Su mensaje",
                "Enviar el mensaje",
            ],
            &[
                "Write to us",
                "Secure messages stay inside the portal",
                "Subject",
                "Your message",
                "Send message",
            ],
        );
        // Nothing written: both problems, in Spanish.
        let empty = b
            .post_form(
                p.addr(),
                "/messages/new",
                "/messages",
                &[("subject", ""), ("body", "  ")],
            )
            .await;
        assert_eq!(empty.status, StatusCode::BAD_REQUEST, "{}", empty.body);
        spanish_only(
            "the refused message",
            &empty.body,
            &["Ingrese un asunto", "Escriba su mensaje"],
            &["Enter a subject", "Enter your message"],
        );
        let sent = b
            .post_form(
                p.addr(),
                "/messages/new",
                "/messages",
                &[("subject", "Mi pago"), ("body", "¿Recibieron mi pago?")],
            )
            .await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);

        let messages = b.get(p.addr(), sent.location()).await;
        assert_eq!(messages.status, StatusCode::OK);
        spanish_only(
            "/messages",
            &messages.body,
            &[
                "<h1>Mensajes</h1>",
                "Su mensaje se envió.",
                "De nosotros",
                "Sus mensajes seguros",
                "Esperando nuestra respuesta",
                "1 mensaje · último",
            ],
            &[
                "Your message is sent",
                "From us",
                "Your secure messages",
                "Waiting for our answer",
                "1 message · last",
                "No messages yet",
            ],
        );

        let threads = p
            .app
            .store()
            .message_threads_of_login(store::LoginId(1))
            .await
            .unwrap();
        let thread = b
            .get(p.addr(), &format!("/messages/{}", threads[0].id))
            .await;
        assert_eq!(thread.status, StatusCode::OK);
        spanish_only(
            "the conversation",
            &thread.body,
            &[
                "Volver a los mensajes",
                "Usted escribió",
                "Vuelva a escribir en esta conversación",
            ],
            &[
                "Back to messages",
                "You wrote",
                "Write again in this conversation",
                "Do not include a full card",
            ],
        );

        let hardship = b.get(p.addr(), "/hardship").await;
        assert_eq!(hardship.status, StatusCode::OK);
        spanish_only(
            "/hardship",
            &hardship.body,
            &[
                "<h1>¿No puede hacer un pago?</h1>",
                "Qué pasa cuando lo pide",
                "Perdí mi empleo",
                "Por teléfono, al número registrado",
                "No estoy seguro: díganme qué podría funcionar",
                "Enviar mi solicitud",
            ],
            &[
                "make a payment?",
                "What happens when you ask",
                "What happened?",
                "I lost my job",
                "By phone, at the number on file",
                "tell me what could work",
                "Send my request",
                "Loan ending",
            ],
        );
        // Its problems too.
        let refused = b
            .post_form(p.addr(), "/hardship", "/hardship", &[("details", "")])
            .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
        spanish_only(
            "the refused hardship request",
            &refused.body,
            &[
                "Elija lo que ocurrió",
                "Elija el mejor horario para comunicarnos con usted",
            ],
            &["Choose what happened", "Choose the best time to reach you"],
        );
        p.finish().await;
    }
}

#[tokio::test]
async fn choosing_spanish_on_the_profile_keeps_it_on_her_login_for_her_next_sign_in() {
    for p in portals("spanish_profile_choice").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let mut b = Browser::with_session(&maria);
        let profile = b.get(p.addr(), "/profile").await;
        assert!(profile.body.contains("<h1>Profile and preferences</h1>"));
        assert!(
            profile.body.contains(r#"action="/language""#),
            "{}",
            profile.body
        );

        let chosen = b
            .post_form(
                p.addr(),
                "/profile",
                "/language",
                &[("lang", "es"), ("back", "/profile")],
            )
            .await;
        assert_eq!(chosen.status, StatusCode::SEE_OTHER, "{}", chosen.body);
        assert_eq!(chosen.location(), "/profile");
        assert_eq!(b.cookies.get("__Host-lang").map(String::as_str), Some("es"));
        let login = p.app.store().login(store::LoginId(1)).await.unwrap();
        assert_eq!(login.language, Some(i18n::Lang::Es), "kept on her login");
        let again = b.get(p.addr(), "/profile").await;
        assert!(
            again.body.contains("<h1>Perfil y preferencias</h1>"),
            "{}",
            again.body
        );

        // Another browser, never told: her sign-in opens in Spanish.
        let mut other = Browser::default();
        let r = other
            .post_form(
                p.addr(),
                "/login",
                "/login",
                &[("username", "maria.lopez"), ("password", PASSWORD)],
            )
            .await;
        assert_eq!(r.location(), "/login/verify", "{}", r.body);
        let code = p.last_code().await;
        let r = other
            .post_form(
                p.addr(),
                "/login/verify",
                "/login/verify",
                &[("code", &code)],
            )
            .await;
        assert_eq!(r.location(), "/dashboard", "{}", r.body);
        assert_eq!(
            other.cookies.get("__Host-lang").map(String::as_str),
            Some("es"),
            "the sign-in sets her language"
        );
        let profile = other.get(p.addr(), "/profile").await;
        assert!(
            profile.body.contains("<h1>Perfil y preferencias</h1>"),
            "{}",
            profile.body
        );
        p.finish().await;
    }
}

#[tokio::test]
async fn a_hardship_request_in_spanish_names_the_option_in_spanish() {
    for p in portals("spanish_hardship_request").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let mut b = Browser::with_session(&maria).reading("es");
        // Maria's second demo loan, past due.
        let account =
            domain::account_number::AccountNumber::from_base(521_840_000_000_102).to_string();
        let sent = b
            .post_form(
                p.addr(),
                "/hardship",
                "/hardship",
                &[
                    ("loan", account.as_str()),
                    ("reason", "job_loss"),
                    // The form's value is the option's English name, as configured.
                    ("option", "Payment deferral"),
                    ("details", "Me despidieron en octubre."),
                    ("contact", "phone"),
                    ("time", "morning"),
                ],
            )
            .await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
        let login = test_support::borrowers::session(&p.app, &maria)
            .await
            .login()
            .unwrap();
        let threads = p.app.store().message_threads_of_login(login).await.unwrap();
        let thread = b
            .get(p.addr(), &format!("/messages/{}", threads[0].id))
            .await;
        assert_eq!(thread.status, StatusCode::OK);
        // Her answers in Spanish, the option by its Spanish name (`name_es`); the English
        // answers below them for staff name it in English.
        for words in [
            "Qué pasó: Perdí mi empleo",
            "Pregunta por: Aplazamiento de pagos",
            "Asking about: Payment deferral",
        ] {
            assert!(thread.body.contains(words), "{words}: {}", thread.body);
        }
        assert!(
            !thread.body.contains("Pregunta por: Payment deferral"),
            "{}",
            thread.body
        );
        p.finish().await;
    }
}
