//! Issue 22, item 17, for signing in: the sign-in, enrolment and recovery pages, the second
//! sign-in step and the refusals of every identity step are in the visitor's language. A
//! visitor who chose Spanish (the `__Host-lang` cookie), or whose browser asks for it on a
//! first visit (`Accept-Language`), reads them in Spanish, with no English sentence left; a
//! refusal (a wrong password) is in Spanish too; and in English every refusal reads as the
//! app's own message. Over HTTP against the real server (SQLite, and PostgreSQL when
//! `SERVICER_TEST_POSTGRES_URL` is set).

use app::identity::passwords::PasswordProblem;
use app::identity::{IdentityError, TextEntry};
use app::payments::cards::{CardDetails, card_problems};
use axum::http::{Method, StatusCode};
use domain::account_number::AccountNumberError;
use domain::address::{MailingAddress, TypedAddress};
use domain::bank_account::BankAccountNumberError;
use domain::routing_number::RoutingNumberError;
use i18n::Lang;
use test_support::borrowers::MARIA;
use test_support::http::{Browser, Reply};
use test_support::server::portals;
use web::kit::identity_refusals::{errors, words};

/// English a Spanish sign-in, enrolment or recovery page must not show.
const ENGLISH: &[&str] = &[
    "Sign in",
    "Username",
    "Password",
    "Continue",
    "Forgot your",
    "New here?",
    "Create your sign-in",
    "Set up your sign-in",
    "Account number",
    "Last 4 digits",
    "Date of birth",
    "For example",
    "ZIP code",
    "Where should we send",
    "Email on file",
    "Already have a sign-in",
    "Enter your username",
    "Email me a link",
    "Back to sign in",
    "There is a problem",
    "Skip to main content",
    "not right",
];

/// A browser that chose Spanish.
fn spanish() -> Browser {
    Browser::default().reading("es")
}

/// Panics naming the first English phrase `page` (at `path`) shows.
fn no_english(path: &str, page: &Reply) {
    for english in ENGLISH {
        assert!(
            !page.body.contains(english),
            "{path} in Spanish still says {english:?}:\n{}",
            page.body
        );
    }
}

#[tokio::test]
async fn sign_in_enrolment_and_recovery_are_in_spanish_for_a_visitor_who_chose_it() {
    for p in portals("spanish_auth_pages").await {
        for (path, heading) in [
            ("/login", "<h1>Iniciar sesión</h1>"),
            ("/enroll", "<h1>Crear su acceso</h1>"),
            ("/forgot-password", "<h1>¿Olvidó su contraseña?</h1>"),
            ("/forgot-username", "<h1>¿Olvidó su nombre de usuario?</h1>"),
        ] {
            let mut b = spanish();
            let page = b.get(p.addr(), path).await;
            assert_eq!(page.status, StatusCode::OK, "{path}");
            assert!(page.body.contains("<html lang=\"es\">"), "{path}");
            assert!(page.body.contains(heading), "{path}: {}", page.body);
            no_english(path, &page);
        }
        let mut b = spanish();
        let login = b.get(p.addr(), "/login").await;
        for words in [
            "Nombre de usuario",
            "Contraseña",
            "Continuar",
            "¿Es nuevo aquí?",
        ] {
            assert!(login.body.contains(words), "/login says {words:?}");
        }
        let enroll = b.get(p.addr(), "/enroll").await;
        for words in [
            "Número de cuenta",
            "Fecha de nacimiento",
            "¿A dónde le enviamos el código?",
        ] {
            assert!(enroll.body.contains(words), "/enroll says {words:?}");
        }
        p.finish().await;
    }
}

#[tokio::test]
async fn a_first_visit_from_a_browser_that_asks_for_spanish_reads_spanish() {
    for p in portals("spanish_auth_accept_language").await {
        for (path, heading) in [
            ("/login", "<h1>Iniciar sesión</h1>"),
            ("/enroll", "<h1>Crear su acceso</h1>"),
            ("/forgot-password", "<h1>¿Olvidó su contraseña?</h1>"),
        ] {
            let mut b = Browser::default();
            let page = b
                .send(
                    p.addr(),
                    Method::GET,
                    path,
                    None,
                    &[("accept-language", "es-MX,es;q=0.9")],
                )
                .await;
            assert_eq!(page.status, StatusCode::OK, "{path}");
            assert!(page.body.contains("<html lang=\"es\">"), "{path}");
            assert!(page.body.contains(heading), "{path}: {}", page.body);
            no_english(path, &page);
        }
        // Without the header (or the cookie) the page is in English, as before.
        let mut b = Browser::default();
        let page = b.get(p.addr(), "/login").await;
        assert!(page.body.contains("<html lang=\"en\">"));
        assert!(page.body.contains("<h1>Sign in</h1>"));
        p.finish().await;
    }
}

#[tokio::test]
async fn a_wrong_password_is_refused_in_spanish() {
    for p in portals("spanish_auth_refusal").await {
        p.enrol(MARIA, "maria.lopez").await;
        let mut b = spanish();
        let r = b
            .post_form(
                p.addr(),
                "/login",
                "/login",
                &[
                    ("username", "maria.lopez"),
                    ("password", "not the password"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(r.body.contains("<html lang=\"es\">"));
        assert!(
            r.body
                .contains("El nombre de usuario o la contraseña no son correctos"),
            "{}",
            r.body
        );
        assert!(r.body.contains("Hay un problema"));
        assert!(r.body.contains("<title>Error: Iniciar sesión"));
        no_english("/login (refused)", &r);
        // The same refusal in English reads as before.
        let mut b = Browser::default();
        let r = b
            .post_form(
                p.addr(),
                "/login",
                "/login",
                &[
                    ("username", "maria.lopez"),
                    ("password", "not the password"),
                ],
            )
            .await;
        assert!(r.body.contains("The username or password is not right"));
        // An empty username to recover a password: the refusal is Spanish too.
        let mut b = spanish();
        let r = b
            .post_form(
                p.addr(),
                "/forgot-password",
                "/forgot-password",
                &[("username", "")],
            )
            .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(
            r.body.contains("Ingrese su nombre de usuario"),
            "{}",
            r.body
        );
        no_english("/forgot-password (refused)", &r);
        p.finish().await;
    }
}

#[tokio::test]
async fn the_second_step_and_signing_out_everywhere_are_in_spanish() {
    for p in portals("spanish_auth_signed_in").await {
        let maria = p.enrol(MARIA, "maria.lopez").await;
        let mut b = Browser::with_session(&maria);
        b.cookies.insert("__Host-lang".into(), "es".into());
        let security = b.get(p.addr(), "/profile/security").await;
        assert_eq!(security.status, StatusCode::OK);
        assert!(
            security
                .body
                .contains("<h1>Segundo paso para iniciar sesión</h1>")
        );
        assert!(
            security
                .body
                .contains("Configurar una aplicación de autenticación")
        );
        assert!(!security.body.contains("Second sign-in step"));
        // The idle-timeout warning's words are given to its script in Spanish.
        assert!(
            security
                .body
                .contains("data-stay=\"Mantener la sesión iniciada\"")
        );
        assert!(
            security
                .body
                .contains("data-warning=\"Su sesión se cerrará en 2 minutos")
        );
        let everywhere = b.get(p.addr(), "/logout-everywhere").await;
        assert_eq!(everywhere.status, StatusCode::OK);
        assert!(
            everywhere
                .body
                .contains("<h1>¿Cerrar sesión en todas partes?</h1>")
        );
        assert!(everywhere.body.contains("Mantener la sesión iniciada"));
        assert!(!everywhere.body.contains("Sign out everywhere"));
        let link = b.get(p.addr(), "/link-loan").await;
        assert!(link.body.contains("<h1>Agregar un préstamo</h1>"));
        no_english("/link-loan", &link);
        // Signed out, the sign-in page says so in Spanish.
        let mut b = spanish();
        let page = b.get(p.addr(), "/login?signed_out=1").await;
        assert!(page.body.contains("Cerró sesión."));
        p.finish().await;
    }
}

/// One refusal of each kind a borrower can meet (the staff's keep the app's English).
fn refusals() -> Vec<IdentityError> {
    use IdentityError as E;
    let today: jiff::civil::Date = "2026-12-06".parse().unwrap();
    let card = |number: &str, exp_month, exp_year, cvv: &str, zip: &str| CardDetails {
        number: number.into(),
        exp_month,
        exp_year,
        cvv: cvv.into(),
        zip: zip.into(),
    };
    let mut all = vec![
        E::NoMatch,
        E::AlreadyEnrolled,
        E::Throttled,
        E::WrongCode { tries_left: 4 },
        E::CodeSpent,
        E::BadCredentials,
        E::SessionEnded,
        E::StepUpRequired,
        E::AccountNumberShape(AccountNumberError::WrongLength { found: 15 }),
        E::AccountNumberShape(AccountNumberError::NotDigits),
        E::AccountNumberShape(AccountNumberError::CheckDigitMismatch),
        E::SsnLast4Shape,
        E::DateOfBirthShape,
        E::ZipShape,
        E::UsernameShape,
        E::UsernameTaken,
        E::LoanAlreadyLinked,
        E::Password(PasswordProblem::TooShort),
        E::Password(PasswordProblem::TooLong),
        E::Password(PasswordProblem::Common),
        E::Password(PasswordProblem::ContainsUsername),
        E::Password(PasswordProblem::Mismatch),
        E::StepUpPasswordWrong,
        E::CurrentPasswordWrong,
        E::ReminderEmailShape,
        E::UsernameMissing,
        E::ResetLinkSpent,
        E::SetupKeyUnreadable,
        E::SetupKeyRefused {
            reason: "too short".into(),
        },
        E::AuthenticatorCodeWrong,
        E::RecoveryCodeWrong,
        E::TextMissing(TextEntry::Email),
        E::TextMissing(TextEntry::MessageSubject),
        E::TextMissing(TextEntry::MessageBody),
        E::TextTooLong {
            text: TextEntry::Email,
            max: 254,
        },
        E::TextTooLong {
            text: TextEntry::MessageSubject,
            max: 120,
        },
        E::TextTooLong {
            text: TextEntry::MessageBody,
            max: 5000,
        },
        E::EmailShape,
        E::PhoneShape,
        E::AlertUnknown {
            item: "payment_due:fax".into(),
        },
        E::TextsNeedPhone,
        E::TextsNeedConsent,
        E::PaperlessNeedsConsent,
        E::AccountHolderNameLength { max: 64 },
        E::CardHolderNameLength { max: 64 },
        E::NicknameTooLong { max: 40 },
        E::RoutingNumberShape(RoutingNumberError::WrongLength { found: 8 }),
        E::RoutingNumberShape(RoutingNumberError::NotDigits),
        E::RoutingNumberShape(RoutingNumberError::CheckDigitMismatch),
        E::RoutingNumberUnknown,
        E::BankAccountNumberShape(BankAccountNumberError::Invalid),
        E::AccountNumbersDiffer,
        E::AccountTypeUnknown,
        E::CardProcessorUnavailable,
        E::CardAlreadySaved {
            nickname: "Visa ending 4242".into(),
        },
        E::MethodPaysAutoPay {
            loan: MARIA.0.parse().unwrap(),
        },
        E::Several(vec![E::ZipShape, E::SsnLast4Shape]),
    ];
    // The card checks' own words: every detail wrong, a number that fails its check digit,
    // an expired card and an American Express security code.
    for c in [
        card("1234", 13, 2026, "1", "1"),
        card("4242424242424241", 1, 2020, "123", "62704"),
        card("378282246310005", 12, 2030, "123", "62704"),
    ] {
        all.extend(card_problems(&c, today).into_iter().map(E::CardRefused));
    }
    // Every part of a mailing address wrong, too long, or on two lines.
    let long = "1207 W Lawrence Ave ".repeat(5);
    for typed in [
        TypedAddress {
            line1: "",
            line2: "",
            city: "",
            state: "",
            zip: "",
        },
        TypedAddress {
            line1: &long,
            line2: "",
            city: "Spring\nfield",
            state: "Atlantis",
            zip: "627",
        },
    ] {
        all.push(E::MailingAddress(
            MailingAddress::parse(&typed).expect_err("a wrong address"),
        ));
    }
    all
}

#[test]
fn in_english_every_refusal_reads_as_the_apps_message_and_in_spanish_it_does_not() {
    for e in refusals() {
        let english = words(&e, Lang::En.tr());
        assert_eq!(english, e.to_string(), "{e:?}");
        let spanish = words(&e, Lang::Es.tr());
        assert_ne!(spanish, english, "{e:?} has no Spanish");
        assert!(!spanish.is_empty(), "{e:?}");
    }
    // Plurals: one try left reads as one.
    let one = IdentityError::WrongCode { tries_left: 1 };
    assert!(words(&one, Lang::En.tr()).ends_with("(1 try left)"));
    assert!(words(&one, Lang::Es.tr()).ends_with("(le queda 1 intento)"));
    // A card processor's own message stays as it is in English and is said plainly in Spanish.
    let processor = IdentityError::CardRefused(app::payments::cards::CardError::Invalid {
        field: "card_number",
        message: "Your card was declined.".into(),
    });
    assert_eq!(words(&processor, Lang::En.tr()), "Your card was declined.");
    assert_eq!(words(&processor, Lang::Es.tr()), "No se aceptó la tarjeta");
}

#[test]
fn a_refused_form_lists_each_problem_on_its_field_in_the_visitors_language() {
    let e = IdentityError::Several(vec![IdentityError::ZipShape, IdentityError::SsnLast4Shape]);
    let es = errors(&e, "account_number", Lang::Es.tr());
    assert_eq!(
        es.get("zip"),
        Some("Ingrese un código postal de 5 dígitos, por ejemplo 62704")
    );
    assert_eq!(
        es.get("ssn_last4"),
        Some("Ingrese los últimos 4 dígitos de su número de Seguro Social")
    );
    let en = errors(&e, "account_number", Lang::En.tr());
    assert_eq!(en, web::kit::Errors::from_identity(&e, "account_number"));
    let address = MailingAddress::parse(&TypedAddress {
        line1: "",
        line2: "",
        city: "",
        state: "",
        zip: "",
    })
    .expect_err("an empty address");
    let e = IdentityError::MailingAddress(address);
    let es = errors(&e, "email", Lang::Es.tr());
    assert_eq!(es.get("city"), Some("Ingrese la ciudad"));
    assert_eq!(
        errors(&e, "email", Lang::En.tr()),
        web::kit::Errors::from_identity(&e, "email")
    );
}
