//! Issue 22, item 17: the Help center and the landing page in Spanish. A visitor who chose
//! Spanish (the `__Host-lang` cookie) reads both pages with no English sentence of theirs left,
//! with the servicer's Spanish facts (hours, hardship options); Help's search reads the Spanish
//! words and ignores accents ("autopago", "pago automático", "pago automatico" find AutoPay).
//! Over HTTP against the real server.

use axum::http::StatusCode;
use test_support::http::{Browser, urlencode};
use test_support::server::portals;

/// A browser that chose Spanish.
fn spanish() -> Browser {
    Browser::default().reading("es")
}

/// The English words of the messages of `help.ftl` whose ids start with `prefix` (not the
/// keywords, which are not shown): each run of words between a value and a tag, of 20
/// characters or more, that the Spanish does not say too.
fn english_sentences(prefix: &str) -> Vec<String> {
    let file = |lang: &str| {
        i18n::resources()
            .iter()
            .find(|(code, name, _)| *code == lang && *name == "help.ftl")
            .map(|(_, _, text)| (*text).to_owned())
            .unwrap_or_else(|| panic!("{lang}/help.ftl"))
    };
    let spanish = file("es");
    let mut out = Vec::new();
    for line in file("en").lines() {
        let Some((id, value)) = line.split_once(" = ") else {
            continue;
        };
        if !id.starts_with(prefix) || id.ends_with("-keywords") || id.starts_with('#') {
            continue;
        }
        let mut piece = String::new();
        let mut inside = 0_u32;
        for c in value.chars().chain(std::iter::once('<')) {
            match c {
                '<' | '{' => {
                    inside += 1;
                    let words = piece.trim().trim_matches(|c: char| ",.:;()".contains(c));
                    if words.len() >= 20 && !spanish.contains(words) {
                        out.push(words.to_owned());
                    }
                    piece.clear();
                }
                '>' | '}' => inside = inside.saturating_sub(1),
                c if inside == 0 => piece.push(c),
                _ => {}
            }
        }
    }
    assert!(out.len() > 10, "English sentences of {prefix}: {out:?}");
    out
}

#[tokio::test]
async fn the_landing_page_is_in_spanish() {
    for p in portals("spanish_help_landing").await {
        let mut b = spanish();
        let r = b.get(p.addr(), "/").await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("<html lang=\"es\">"), "{}", r.body);
        for words in [
            "<h1>Su préstamo, en un solo lugar</h1>",
            "Servicer Demo Lending administra préstamos a plazos en nombre de su prestamista.",
            "¿Su préstamo es nuevo con nosotros?",
            "<strong>su número de cuenta y su fecha de vencimiento siguen siendo los mismos</strong>",
            "debe configurar AutoPay de nuevo con nosotros",
            "Formas de pagar",
            "Por correo o pago de facturas de su banco",
            "hasta 15 días antes",
            "Llame al <a href=\"tel:1-800-555-0143\">1-800-555-0143</a> para pagar",
            "Todas las formas de pagar, con nuestras direcciones de pago",
        ] {
            assert!(r.body.contains(words), "the landing page lacks {words:?}");
        }
        for english in english_sentences("landing-") {
            assert!(
                !r.body.contains(&english),
                "English on the landing page: {english:?}"
            );
        }
        for english in ["Your loan, in one place", "Ways to pay", "By phone"] {
            assert!(
                !r.body.contains(english),
                "English on the landing page: {english:?}"
            );
        }
        // Without the cookie, English as before.
        let en = Browser::default().get(p.addr(), "/").await;
        assert!(en.body.contains("<h1>Your loan, in one place</h1>"));
        assert!(!en.body.contains("Su préstamo, en un solo lugar"));
        p.finish().await;
    }
}

#[tokio::test]
async fn the_help_center_is_in_spanish_with_the_spanish_facts() {
    for p in portals("spanish_help_page").await {
        let mut b = spanish();
        let r = b.get(p.addr(), "/help").await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("<html lang=\"es\">"));
        for words in [
            "<h1>Ayuda</h1>",
            "Buscar en la ayuda",
            ">Buscar</button>",
            "aria-label=\"Temas\"",
            "Formas de pagar",
            "Dificultades para pagar",
            "<h3 id=\"autopay\">AutoPay (pago automático)</h3>",
            "<h3 id=\"late\">¿Cuándo se atrasa un pago?</h3>",
            "<strong>número de cuenta de 16 dígitos</strong>",
            "Haga el cheque a nombre de <strong>Servicer Demo Lending</strong>",
            "PO Box 4410",
            "PO Box 4420",
            "debe configurar AutoPay de nuevo con nosotros",
            "tarjeta de débito",
            "Llame al <a href=\"tel:1-800-555-0143\">1-800-555-0143</a>, de lunes a viernes",
            // The lender's options, in Spanish.
            "<dt>Aplazamiento de pagos</dt>",
            "Plan de pagos",
        ] {
            assert!(r.body.contains(words), "Help lacks {words:?}");
        }
        for english in english_sentences("help-") {
            assert!(
                !r.body.contains(&english),
                "English on the Help page: {english:?}"
            );
        }
        for english in [
            "Search help",
            ">Search</button>",
            "Ways to pay",
            "Trouble paying",
            "Payment deferral",
            "Monday to Friday",
            "Skip to main content",
        ] {
            assert!(
                !r.body.contains(english),
                "English on the Help page: {english:?}"
            );
        }
        p.finish().await;
    }
}

#[tokio::test]
async fn a_spanish_search_finds_autopay_in_spanish_words_with_or_without_accents() {
    for p in portals("spanish_help_search").await {
        let mut b = spanish();
        for q in [
            "autopago",
            "pago automático",
            "pago automatico",
            "AUTOMÁTICO",
        ] {
            let r = b
                .get(p.addr(), &format!("/help/search?q={}", urlencode(q)))
                .await;
            assert_eq!(r.status, StatusCode::OK, "{q}");
            assert!(
                r.body
                    .contains("<h3 id=\"autopay\">AutoPay (pago automático)</h3>"),
                "{q}: {}",
                r.body
            );
            assert!(r.body.contains("Ayuda: resultados de la búsqueda"), "{q}");
            assert!(r.body.contains("Ver todas las respuestas"), "{q}");
            assert!(!r.body.contains("answers match"), "{q}");
            assert!(!r.body.contains("answer matches"), "{q}");
        }
        let one = b.get(p.addr(), "/help/search?q=autopago").await;
        assert!(
            one.body.contains("1 respuesta coincide con “autopago”."),
            "{}",
            one.body
        );
        let late = b
            .get(p.addr(), "/help/search?q=per%C3%ADodo+de+gracia")
            .await;
        assert!(late.body.contains("id=\"late\""), "{}", late.body);
        assert!(!late.body.contains("id=\"autopay\""), "only what matches");
        let none = b.get(p.addr(), "/help/search?q=zzzz").await;
        assert!(
            none.body.contains("Ninguna respuesta coincide con “zzzz”.")
                && none.body.contains("todas las respuestas")
                && !none.body.contains("No answers match"),
            "{}",
            none.body
        );
        // The English search reads the English words.
        let en = Browser::default()
            .get(p.addr(), "/help/search?q=autopago")
            .await;
        assert!(en.body.contains("No answers match"), "{}", en.body);
        p.finish().await;
    }
}
