//! The Help center: answers as data (so the page and its search read the same words), grouped
//! by topic, searchable without JavaScript (`GET /help/search?q=…`). Every word is a message of
//! `crates/i18n/locales/<lang>/help.ftl` (a translator edits them there); the page and its
//! search read the visitor's language. Facts that differ per servicer (phone numbers,
//! addresses, hours, hardship options) come from configuration.

use crate::config::ServicerInfo;
use i18n::{Lang, Tr};

/// A block of an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Block {
    /// A paragraph: the message of this id. An id ending in `-html` carries emphasis or a link
    /// and may name the servicer's facts: `$name`, `$phone`, `$payphone` (the pay-by-phone
    /// line), `$hours`, `$email` and `$account` (an example account number).
    Para(&'static str),
    /// The lockbox (mail) address.
    Lockbox,
    /// The overnight (courier) address.
    Overnight,
    /// The address for written disputes.
    DisputeAddress,
    /// The lender's hardship options, each with what it means (from configuration).
    HardshipOptions,
}

/// One answer: its words are messages, by id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Answer {
    /// Its anchor on the page.
    pub slug: &'static str,
    /// The message naming the topic it is listed under.
    pub topic: &'static str,
    /// The message of the question or heading.
    pub title: &'static str,
    /// The message of the other words people search with, in each language.
    pub keywords: &'static str,
    /// The answer.
    pub blocks: &'static [Block],
}

use Block::{DisputeAddress, HardshipOptions, Lockbox, Overnight, Para};

/// Every answer, in the order the page shows them.
pub const ANSWERS: &[Answer] = &[
    Answer {
        slug: "pay-online",
        topic: "help-topic-ways-to-pay",
        title: "help-pay-online-title",
        keywords: "help-pay-online-keywords",
        blocks: &[Para("help-pay-online-p1")],
    },
    Answer {
        slug: "autopay",
        topic: "help-topic-ways-to-pay",
        title: "help-autopay-title",
        keywords: "help-autopay-keywords",
        blocks: &[
            Para("help-autopay-p1"),
            Para("help-autopay-p2"),
            Para("help-autopay-p3"),
        ],
    },
    Answer {
        slug: "pay-by-mail",
        topic: "help-topic-ways-to-pay",
        title: "help-pay-by-mail-title",
        keywords: "help-pay-by-mail-keywords",
        blocks: &[
            Para("help-pay-by-mail-p1-html"),
            Lockbox,
            Para("help-pay-by-mail-p2"),
            Overnight,
            Para("help-pay-by-mail-p3"),
        ],
    },
    Answer {
        slug: "pay-by-phone",
        topic: "help-topic-ways-to-pay",
        title: "help-pay-by-phone-title",
        keywords: "help-pay-by-phone-keywords",
        blocks: &[Para("help-pay-by-phone-p1-html")],
    },
    Answer {
        slug: "payment-methods",
        topic: "help-topic-ways-to-pay",
        title: "help-payment-methods-title",
        keywords: "help-payment-methods-keywords",
        blocks: &[Para("help-payment-methods-p1")],
    },
    Answer {
        slug: "account-number",
        topic: "help-topic-your-loan",
        title: "help-account-number-title",
        keywords: "help-account-number-keywords",
        blocks: &[Para("help-account-number-p1-html")],
    },
    Answer {
        slug: "transferred",
        topic: "help-topic-your-loan",
        title: "help-transferred-title",
        keywords: "help-transferred-keywords",
        blocks: &[Para("help-transferred-p1-html")],
    },
    Answer {
        slug: "late",
        topic: "help-topic-your-loan",
        title: "help-late-title",
        keywords: "help-late-keywords",
        blocks: &[Para("help-late-p1")],
    },
    Answer {
        slug: "extra",
        topic: "help-topic-your-loan",
        title: "help-extra-title",
        keywords: "help-extra-keywords",
        blocks: &[Para("help-extra-p1"), Para("help-extra-p2-html")],
    },
    Answer {
        slug: "payoff",
        topic: "help-topic-your-loan",
        title: "help-payoff-title",
        keywords: "help-payoff-keywords",
        blocks: &[Para("help-payoff-p1-html"), Para("help-payoff-p2-html")],
    },
    Answer {
        slug: "hardship",
        topic: "help-topic-trouble-paying",
        title: "help-hardship-title",
        keywords: "help-hardship-keywords",
        blocks: &[
            Para("help-hardship-p1-html"),
            HardshipOptions,
            Para("help-hardship-p2"),
        ],
    },
    Answer {
        slug: "dispute",
        topic: "help-topic-trouble-paying",
        title: "help-dispute-title",
        keywords: "help-dispute-keywords",
        blocks: &[
            Para("help-dispute-p1-html"),
            Para("help-dispute-p2-html"),
            DisputeAddress,
            Para("help-dispute-p3"),
        ],
    },
    Answer {
        slug: "credit-reporting",
        topic: "help-topic-trouble-paying",
        title: "help-credit-reporting-title",
        keywords: "help-credit-reporting-keywords",
        blocks: &[
            Para("help-credit-reporting-p1"),
            Para("help-credit-reporting-p2"),
            DisputeAddress,
            Para("help-credit-reporting-p3"),
        ],
    },
    Answer {
        slug: "enroll",
        topic: "help-topic-signing-in",
        title: "help-enroll-title",
        keywords: "help-enroll-keywords",
        blocks: &[Para("help-enroll-p1-html")],
    },
    Answer {
        slug: "second-step",
        topic: "help-topic-signing-in",
        title: "help-second-step-title",
        keywords: "help-second-step-keywords",
        blocks: &[Para("help-second-step-p1")],
    },
    Answer {
        slug: "forgot",
        topic: "help-topic-signing-in",
        title: "help-forgot-title",
        keywords: "help-forgot-keywords",
        blocks: &[Para("help-forgot-p1-html")],
    },
    Answer {
        slug: "statements",
        topic: "help-topic-your-loan",
        title: "help-statements-title",
        keywords: "help-statements-keywords",
        blocks: &[Para("help-statements-p1"), Para("help-statements-p2-html")],
    },
    Answer {
        slug: "documents",
        topic: "help-topic-your-loan",
        title: "help-documents-title",
        keywords: "help-documents-keywords",
        blocks: &[Para("help-documents-p1-html")],
    },
    Answer {
        slug: "history",
        topic: "help-topic-your-loan",
        title: "help-history-title",
        keywords: "help-history-keywords",
        blocks: &[Para("help-history-p1")],
    },
    Answer {
        slug: "due-date",
        topic: "help-topic-your-loan",
        title: "help-due-date-title",
        keywords: "help-due-date-keywords",
        blocks: &[Para("help-due-date-p1")],
    },
    Answer {
        slug: "contact-details",
        topic: "help-topic-your-loan",
        title: "help-contact-details-title",
        keywords: "help-contact-details-keywords",
        blocks: &[Para("help-contact-details-p1")],
    },
    Answer {
        slug: "alerts",
        topic: "help-topic-your-loan",
        title: "help-alerts-title",
        keywords: "help-alerts-keywords",
        blocks: &[Para("help-alerts-p1")],
    },
    Answer {
        slug: "security",
        topic: "help-topic-security",
        title: "help-security-title",
        keywords: "help-security-keywords",
        blocks: &[Para("help-security-p1")],
    },
    Answer {
        slug: "contact",
        topic: "help-topic-contact-us",
        title: "help-contact-title",
        keywords: "help-contact-keywords",
        blocks: &[Para("help-contact-p1-html")],
    },
    Answer {
        slug: "messages",
        topic: "help-topic-contact-us",
        title: "help-messages-title",
        keywords: "help-messages-keywords",
        blocks: &[Para("help-messages-p1")],
    },
];

/// The topics (message ids), in order of first appearance.
pub fn topics() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for a in ANSWERS {
        if !out.contains(&a.topic) {
            out.push(a.topic);
        }
    }
    out
}

/// The account number the answers show as an example.
pub fn example_account() -> String {
    domain::account_number::AccountNumber::from_base(521_840_000_000_101).grouped()
}

/// The paragraph `id` in `tr`'s language, as HTML: a `-html` message with the servicer's facts
/// (escaped) in their places, or plain words, escaped.
pub fn paragraph_html(tr: Tr, id: &str, site: &ServicerInfo, account: &str) -> String {
    if id.ends_with("-html") {
        let hours = site.hours_in(tr.lang());
        let facts: [(&str, &dyn std::fmt::Display); 6] = [
            ("name", &site.name),
            ("phone", &site.phone),
            ("payphone", &site.pay_by_phone),
            ("hours", &hours),
            ("email", &site.email),
            ("account", &account),
        ];
        tr.html(id, &facts)
    } else {
        i18n::escape(&tr.t(id))
    }
}

/// Longest query looked at (longer ones are cut, not refused).
pub const MAX_QUERY_CHARS: usize = 100;

/// Answers matching `query` in `lang`, best first: every word must appear somewhere in the
/// answer, as that language words it; a word in the title counts most, then in the keywords,
/// then in the text. Case and accents do not matter ("automatico" finds "automático").
pub fn search(query: &str, site: &ServicerInfo, lang: Lang) -> Vec<&'static Answer> {
    let stop_words: &[&str] = match lang {
        Lang::En => &STOP_WORDS_EN,
        Lang::Es => &STOP_WORDS_ES,
    };
    let cleaned: String = query
        .chars()
        .take(MAX_QUERY_CHARS)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let words: Vec<String> = fold(&cleaned)
        .split_whitespace()
        .filter(|w| !stop_words.contains(w))
        .map(str::to_owned)
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    let tr = lang.tr();
    let mut scored: Vec<(usize, usize, &'static Answer)> = ANSWERS
        .iter()
        .enumerate()
        .filter_map(|(order, a)| {
            let (title, keywords, text) = (
                fold(&tr.t(a.title)),
                fold(&tr.t(a.keywords)),
                fold(&plain_text(a, site, tr)),
            );
            let mut score = 0;
            for w in &words {
                let s = 3 * usize::from(title.contains(w.as_str()))
                    + 2 * usize::from(keywords.contains(w.as_str()))
                    + usize::from(text.contains(w.as_str()));
                if s == 0 {
                    return None;
                }
                score += s;
            }
            Some((score, order, a))
        })
        .collect();
    scored.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    scored.into_iter().map(|(_, _, a)| a).collect()
}

const STOP_WORDS_EN: [&str; 14] = [
    "a", "an", "the", "i", "my", "do", "how", "to", "is", "of", "can", "what", "for", "me",
];

/// Folded as [`fold`] folds them ("cómo" is "como").
const STOP_WORDS_ES: [&str; 31] = [
    "a", "al", "de", "del", "el", "la", "las", "los", "lo", "un", "una", "unos", "unas", "y", "o",
    "en", "mi", "mis", "me", "que", "como", "para", "por", "se", "su", "sus", "es", "con", "le",
    "puedo", "cuando",
];

/// `text` in lowercase without accents, as search compares words: "Automático" is
/// "automatico", "Año" is "ano".
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            c => c,
        })
        .collect()
}

/// The text of a paragraph's HTML: its tags removed, its entities read.
fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The answer's words in `tr`'s language as plain text (what search reads).
fn plain_text(a: &Answer, site: &ServicerInfo, tr: Tr) -> String {
    let lang = tr.lang();
    let account = example_account();
    let mut out = String::new();
    for b in a.blocks {
        match b {
            Para(id) => out.push_str(&html_text(&paragraph_html(tr, id, site, &account))),
            Lockbox => out.push_str(&site.lockbox_address.join(" ")),
            Overnight => out.push_str(&site.overnight_address.join(" ")),
            DisputeAddress => out.push_str(&site.dispute_address.join(" ")),
            HardshipOptions => {
                for o in &site.hardship_options {
                    out.push_str(o.name_in(lang));
                    out.push(' ');
                    out.push_str(o.description_in(lang));
                    out.push(' ');
                }
            }
        }
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> ServicerInfo {
        crate::config::Config::default().servicer
    }

    fn slugs(q: &str) -> Vec<&'static str> {
        search(q, &site(), Lang::En)
            .iter()
            .map(|a| a.slug)
            .collect()
    }

    #[test]
    fn a_word_in_the_title_ranks_first() {
        assert_eq!(slugs("autopay")[0], "autopay");
        assert_eq!(slugs("late fee")[0], "late");
        assert_eq!(slugs("payoff")[0], "payoff");
    }

    #[test]
    fn every_word_must_match_and_configured_facts_are_searched() {
        assert_eq!(slugs("mail check"), vec!["pay-by-mail"]);
        assert_eq!(
            slugs("PO Box 4410"),
            vec!["pay-by-mail"],
            "the lockbox address is searchable"
        );
        assert!(slugs("autopay bitcoin").is_empty());
    }

    #[test]
    fn empty_odd_and_huge_queries_are_harmless() {
        assert!(slugs("").is_empty());
        assert!(slugs("<script>alert(1)</script>").is_empty());
        assert!(
            slugs("how do I").is_empty(),
            "stop words alone match nothing"
        );
        let _ = slugs(&"x".repeat(100_000));
    }

    #[test]
    fn hardship_disputes_and_credit_reporting_are_answered_with_the_configured_facts() {
        assert_eq!(slugs("hardship")[0], "hardship");
        let mut lender = site();
        lender.hardship_options = vec![app::servicer::HardshipOption {
            name: "Zebra relief".into(),
            description: "Striped payments.".into(),
            name_es: Some("Alivio cebra".into()),
            description_es: Some("Pagos a rayas.".into()),
        }];
        let found: Vec<&str> = search("zebra striped", &lender, Lang::En)
            .iter()
            .map(|a| a.slug)
            .collect();
        assert_eq!(
            found,
            vec!["hardship"],
            "the configured options are searched"
        );
        assert_eq!(slugs("dispute fee")[0], "dispute");
        assert_eq!(slugs("credit bureau")[0], "credit-reporting");
        assert!(
            slugs("PO Box 4420").contains(&"dispute"),
            "the dispute address is searchable"
        );
    }

    /// Every answer's words, as the page shows them.
    fn words(slug: &str) -> String {
        let a = ANSWERS
            .iter()
            .find(|a| a.slug == slug)
            .unwrap_or_else(|| panic!("an answer {slug}"));
        plain_text(a, &site(), Lang::En.tr())
    }

    #[test]
    fn the_help_center_agrees_with_the_portal() {
        // Payoff is self-service in the portal, with a letter: not a phone call.
        let payoff = words("payoff");
        assert!(
            payoff.contains("Download a payoff letter (PDF)"),
            "{payoff}"
        );
        assert!(!payoff.starts_with("Call"), "{payoff}");
        assert!(payoff.contains(&format!(
            "up to {} days ahead",
            app::letters::MOST_DAYS_AHEAD
        )));
        // Cards are under Payment methods, and a card is credited as a bank payment is.
        assert!(words("payment-methods").contains("Profile, then Payment methods"));
        let online = words("pay-online");
        assert!(online.contains("Profile, Payment methods"), "{online}");
        assert!(!online.contains("credited at once"), "{online}");
        // The phone desk takes bank accounts too.
        assert!(words("pay-by-phone").contains("from your bank account or with a debit card"));
        // The grace period is the loan's, not one number for every loan.
        assert!(words("late").contains("Your loan's rules"));
        // AutoPay's window is the domain's.
        assert!(words("autopay").contains(&format!(
            "up to {} days before",
            domain::autopay::MAX_DAYS_BEFORE_DUE
        )));
        // The alert that protects the borrower is always sent.
        assert!(
            words("alerts")
                .contains("a payment returned by your bank, by email and to your message center")
        );
        assert_eq!(slugs("payoff letter")[0], "payoff");
        assert_eq!(slugs("debit card remove")[0], "payment-methods");
    }

    #[test]
    fn the_help_center_answers_for_what_the_portal_now_does() {
        // AutoPay twice a month and every other week, where the loan allows, on the domain's
        // rule for the two days; by phone, monthly.
        let autopay = words("autopay");
        for said in [
            "Where your loan allows it",
            "twice a month",
            "every other week",
            "half your payment",
            "AutoPay set up by phone is monthly",
            "under Documents",
        ] {
            assert!(autopay.contains(said), "{said}: {autopay}");
        }
        assert!(autopay.contains(&format!(
            "at least {} days apart",
            domain::autopay::MIN_DAYS_APART
        )));
        assert_eq!(slugs("twice a month")[0], "autopay");
        assert_eq!(slugs("every other week")[0], "autopay");
        // The mailing address by its parts, in Profile, every problem at once.
        let contact = words("contact-details");
        for said in [
            "Profile and choose Change contact details",
            "password again",
            "ZIP+4",
            "AA, AE or AP",
            "lists every problem at once",
        ] {
            assert!(contact.contains(said), "{said}: {contact}");
        }
        assert_eq!(slugs("mailing address")[0], "contact-details");
        assert_eq!(slugs("change my address")[0], "contact-details");
        // The Documents page, with every kind of document it lists.
        let documents = words("documents");
        for said in [
            "under Documents",
            "monthly statements",
            "Truth in Lending disclosure",
            "AutoPay authorization",
            "notice we sent when your loan moved",
            "payoff letter",
            "paid-in-full letter",
            "as a PDF",
        ] {
            assert!(documents.contains(said), "{said}: {documents}");
        }
        assert_eq!(slugs("documents")[0], "documents");
        // A statement reconciles from the previous balance, and is found where it is.
        let statements = words("statements");
        for said in [
            "previous balance",
            "new balance",
            "under Documents",
            "Paperless statements",
            "we email you when each one is ready",
        ] {
            assert!(statements.contains(said), "{said}: {statements}");
        }
        // The due date is changed from the loan's Next payments, never while past due.
        let due = words("due-date");
        assert!(
            due.contains("Change your due date, under Next payments"),
            "{due}"
        );
        assert!(
            due.contains("cannot be changed while a payment is past due"),
            "{due}"
        );
        // The payoff letter is kept under Documents, and the paid-in-full letter too.
        let payoff = words("payoff");
        assert!(
            payoff.contains("the letter is under Documents too"),
            "{payoff}"
        );
        assert!(payoff.contains("paid-in-full letter"), "{payoff}");
    }

    #[test]
    fn slugs_are_unique_and_every_topic_has_answers() {
        let mut seen: Vec<&str> = ANSWERS.iter().map(|a| a.slug).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), ANSWERS.len());
        let en: Vec<String> = topics().iter().map(|t| Lang::En.tr().t(t)).collect();
        assert_eq!(
            en,
            vec![
                "Ways to pay",
                "Your loan",
                "Trouble paying",
                "Signing in",
                "Security",
                "Contact us"
            ]
        );
        let es: Vec<String> = topics().iter().map(|t| Lang::Es.tr().t(t)).collect();
        assert_eq!(
            es,
            vec![
                "Formas de pagar",
                "Su préstamo",
                "Dificultades para pagar",
                "Iniciar sesión",
                "Seguridad",
                "Contáctenos"
            ]
        );
    }

    /// Whether the resource files of `lang` define the message `id`.
    fn defined(lang: Lang, id: &str) -> bool {
        i18n::resources()
            .iter()
            .filter(|(code, _, _)| *code == lang.code())
            .any(|(_, _, text)| {
                text.lines().any(|line| {
                    !line.starts_with([' ', '#'])
                        && line.split_once('=').is_some_and(|(k, _)| k.trim() == id)
                })
            })
    }

    #[test]
    fn every_word_of_every_answer_is_a_message_in_both_languages() {
        for a in ANSWERS {
            let mut ids = vec![a.topic, a.title, a.keywords];
            for b in a.blocks {
                if let Para(id) = b {
                    ids.push(*id);
                }
            }
            for id in ids {
                assert!(id.starts_with("help-"), "{}: {id}", a.slug);
                for lang in Lang::ALL {
                    assert!(defined(lang, id), "{}: {id} has no words in {lang}", a.slug);
                }
                // A paragraph with facts in it is rendered whole below, with its facts.
                if id.ends_with("-html") {
                    continue;
                }
                let (en, es) = (Lang::En.tr().t(id), Lang::Es.tr().t(id));
                assert!(!en.trim().is_empty() && !es.trim().is_empty(), "{id}");
                assert_ne!(en, es, "{id}: the Spanish is the English");
            }
            // Every paragraph renders with the configured facts in each language (a fact a
            // message names and the page does not give would stop a debug build).
            for lang in Lang::ALL {
                let text = plain_text(a, &site(), lang.tr());
                assert!(
                    !text.contains('{') && !text.contains('<'),
                    "{}: {text}",
                    a.slug
                );
            }
        }
    }

    fn slugs_es(q: &str) -> Vec<&'static str> {
        search(q, &site(), Lang::Es)
            .iter()
            .map(|a| a.slug)
            .collect()
    }

    #[test]
    fn a_spanish_search_reads_the_spanish_words_and_ignores_accents() {
        for q in [
            "pago automático",
            "pago automatico",
            "PAGO AUTOMÁTICO",
            "autopago",
            "automático",
            "AutoPay",
        ] {
            assert_eq!(slugs_es(q).first(), Some(&"autopay"), "{q}");
        }
        assert_eq!(slugs_es("liquidación")[0], "payoff");
        assert_eq!(slugs_es("periodo de gracia"), vec!["late"]);
        assert_eq!(slugs_es("período de gracia"), vec!["late"]);
        assert_eq!(slugs_es("dificultad económica")[0], "hardship");
        assert_eq!(slugs_es("olvidé mi contraseña")[0], "forgot");
        assert_eq!(slugs_es("agencia de crédito")[0], "credit-reporting");
        assert_eq!(slugs_es("cambiar fecha de vencimiento")[0], "due-date");
        assert_eq!(slugs_es("PO Box 4410"), vec!["pay-by-mail"]);
        assert!(
            slugs_es("¿cómo?").is_empty(),
            "stop words alone match nothing"
        );
        assert!(slugs_es("autopago bitcoin").is_empty());
        // Each language searches its own words.
        assert!(slugs("autopago").is_empty());
        assert!(slugs_es("payoff letter").is_empty());
        // The lender's options, in Spanish.
        assert_eq!(slugs_es("aplazamiento")[0], "hardship");
        let mut lender = site();
        lender.hardship_options = vec![app::servicer::HardshipOption {
            name: "Zebra relief".into(),
            description: "Striped payments.".into(),
            name_es: Some("Alivio cebra".into()),
            description_es: Some("Pagos a rayas.".into()),
        }];
        let found: Vec<&str> = search("cebra rayas", &lender, Lang::Es)
            .iter()
            .map(|a| a.slug)
            .collect();
        assert_eq!(found, vec!["hardship"]);
    }

    #[test]
    fn the_spanish_answers_state_the_same_facts() {
        let es = |slug: &str| {
            let a = ANSWERS
                .iter()
                .find(|a| a.slug == slug)
                .unwrap_or_else(|| panic!("an answer {slug}"));
            plain_text(a, &site(), Lang::Es.tr())
        };
        let autopay = es("autopay");
        assert!(autopay.contains(&format!(
            "hasta {} días antes",
            domain::autopay::MAX_DAYS_BEFORE_DUE
        )));
        assert!(autopay.contains(&format!(
            "al menos {} días de diferencia",
            domain::autopay::MIN_DAYS_APART
        )));
        assert!(autopay.contains("dos veces al mes") && autopay.contains("cada dos semanas"));
        let payoff = es("payoff");
        assert!(payoff.contains(&format!(
            "hasta {} días en el futuro",
            app::letters::MOST_DAYS_AHEAD
        )));
        assert!(
            payoff.contains("Descargar una carta de liquidación (PDF)"),
            "{payoff}"
        );
        let site = site();
        assert!(es("pay-by-phone").contains(site.hours_in(Lang::Es)));
        assert!(es("pay-by-phone").contains(&site.pay_by_phone));
        let hardship = es("hardship");
        for o in &site.hardship_options {
            assert!(hardship.contains(o.name_in(Lang::Es)), "{hardship}");
            assert!(!hardship.contains(o.name.as_str()), "{hardship}");
        }
        assert!(es("pay-by-mail").contains("número de cuenta de 16 dígitos"));
        assert!(es("account-number").contains(&example_account()));
        assert!(es("transferred").contains("debe configurar AutoPay de nuevo"));
    }
}
