//! The words Servicer shows and sends to borrowers, in English and Spanish.
//!
//! - Every sentence lives in a Fluent resource file a translator edits,
//!   `crates/i18n/locales/<lang>/<area>.ftl`, under the same message id in each language
//!   (`pay-heading = Make a payment` / `pay-heading = Hacer un pago`). The build embeds every
//!   file it finds there; `tests/catalog.rs` fails when a message of one language is missing
//!   from the other or names other variables.
//! - Code asks for a message through [`Tr`], the translator of one [`Lang`]:
//!   `tr.t("pay-heading")`, `tr.t1("pay-amount", "amount", amount.usd())`. Values are
//!   formatted before they go in (money as `$1,234.56` in both languages, as the United
//!   States writes it in Spanish too; dates with [`Tr::date`]); [`Tr::count`] passes a number
//!   for messages that choose a plural.
//! - A visitor reads the language they chose (the portal remembers it in a cookie and, for a
//!   borrower, on their profile), else the first of ours their browser asks for
//!   ([`Lang::negotiate`], `Accept-Language`), else English.

mod catalog;
mod dates;

pub use dates::{MONTHS_ES, clock, long_date, month_year, short_date};

use std::fmt::Display;

/// A language Servicer speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English, the default.
    #[default]
    En,
    /// Spanish.
    Es,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Es];

    /// The version of words agreed to in this language, from `version`, the English words':
    /// `version` itself in English, the language named after it otherwise ("esign-2026-12-es"),
    /// so a record of consent says which words were read.
    pub fn version_of(self, version: &str) -> String {
        match self {
            Lang::En => version.to_owned(),
            other => format!("{version}-{}", other.code()),
        }
    }

    /// Its code, as stored and as `<html lang>` says it: "en", "es".
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
        }
    }

    /// Its tag with the region Servicer serves, as a PDF's `/Lang` says it: "en-US", "es-US".
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en-US",
            Lang::Es => "es-US",
        }
    }

    /// Its name in itself, as a language switcher offers it: "English", "Español".
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
        }
    }

    /// The other language (the one a switcher offers).
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Es,
            Lang::Es => Lang::En,
        }
    }

    /// A stored or submitted code ("en", "es"); `None` for anything else.
    pub fn parse(code: &str) -> Option<Lang> {
        match code {
            "en" => Some(Lang::En),
            "es" => Some(Lang::Es),
            _ => None,
        }
    }

    /// The language a browser asks for in `Accept-Language` ("es-MX,es;q=0.9,en;q=0.8"), by
    /// its order of preference; English when it asks for neither (or the header is garbage).
    pub fn negotiate(accept_language: &str) -> Lang {
        use fluent_langneg::{NegotiationStrategy, accepted_languages, negotiate_languages};
        use unic_langid::LanguageIdentifier;
        // A header of hundreds of languages is no browser's: read the first few.
        let requested: Vec<LanguageIdentifier> = accepted_languages::parse(accept_language)
            .into_iter()
            .take(16)
            .collect();
        let available: [LanguageIdentifier; 2] = [
            "en".parse().expect("a valid tag"),
            "es".parse().expect("a valid tag"),
        ];
        let default: LanguageIdentifier = "en".parse().expect("a valid tag");
        let chosen = negotiate_languages(
            &requested,
            &available,
            Some(&default),
            NegotiationStrategy::Lookup,
        );
        match chosen.first().map(|l| l.language.as_str()) {
            Some("es") => Lang::Es,
            _ => Lang::En,
        }
    }

    /// Its translator.
    pub fn tr(self) -> Tr {
        Tr(self)
    }
}

impl Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// The translator of one language: the words of a message id, with its values.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Tr(pub Lang);

impl Tr {
    /// Its language.
    pub fn lang(self) -> Lang {
        self.0
    }

    /// The message `id`.
    pub fn t(self, id: &str) -> String {
        catalog::format(self.0, id, &[])
    }

    /// The message `id` with one value.
    pub fn t1(self, id: &str, k: &str, v: impl Display) -> String {
        catalog::format(self.0, id, &[(k, catalog::Value::Text(v.to_string()))])
    }

    /// The message `id` with two values.
    pub fn t2(self, id: &str, k1: &str, v1: impl Display, k2: &str, v2: impl Display) -> String {
        catalog::format(
            self.0,
            id,
            &[
                (k1, catalog::Value::Text(v1.to_string())),
                (k2, catalog::Value::Text(v2.to_string())),
            ],
        )
    }

    /// The message `id` with three values.
    #[allow(clippy::too_many_arguments)]
    pub fn t3(
        self,
        id: &str,
        k1: &str,
        v1: impl Display,
        k2: &str,
        v2: impl Display,
        k3: &str,
        v3: impl Display,
    ) -> String {
        catalog::format(
            self.0,
            id,
            &[
                (k1, catalog::Value::Text(v1.to_string())),
                (k2, catalog::Value::Text(v2.to_string())),
                (k3, catalog::Value::Text(v3.to_string())),
            ],
        )
    }

    /// The message `id` with any number of values (`&[("amount", &amount), …]`).
    pub fn args(self, id: &str, args: &[(&str, &dyn Display)]) -> String {
        let values: Vec<_> = args
            .iter()
            .map(|(k, v)| (*k, catalog::Value::Text(v.to_string())))
            .collect();
        catalog::format(self.0, id, &values)
    }

    /// The message `id` with `$count` a number, for a message that chooses its words by
    /// plural (`{ $count -> [one] … *[other] … }`), and any other values.
    pub fn count(self, id: &str, count: i64, args: &[(&str, &dyn Display)]) -> String {
        let mut values = vec![("count", catalog::Value::Number(count))];
        values.extend(
            args.iter()
                .map(|(k, v)| (*k, catalog::Value::Text(v.to_string()))),
        );
        catalog::format(self.0, id, &values)
    }

    /// The message `id`, whose words carry markup of their own (a link in a sentence), with
    /// its values escaped as HTML: the one kind of message a template writes unescaped
    /// (`|safe`). Only ids ending in `-html` carry markup (`tests/catalog.rs` checks it).
    pub fn html(self, id: &str, args: &[(&str, &dyn Display)]) -> String {
        debug_assert!(id.ends_with("-html"), "{id}: markup only in -html messages");
        let values: Vec<_> = args
            .iter()
            .map(|(k, v)| (*k, catalog::Value::Text(escape(&v.to_string()))))
            .collect();
        catalog::format(self.0, id, &values)
    }

    /// A date as this language writes it in a sentence: "December 6, 2026",
    /// "6 de diciembre de 2026".
    pub fn date(self, d: impl std::borrow::Borrow<jiff::civil::Date>) -> String {
        long_date(self.0, *d.borrow())
    }

    /// Whether the catalog has the message `id` (in English; the catalog test holds the
    /// languages to the same ids).
    pub fn has(id: &str) -> bool {
        catalog::has(id)
    }
}

/// The same words in every language, composed once and read in each reader's: a notice is
/// written when its event happens and sent to each recipient in the language they read
/// (`Localized::of(|tr| tr.t1("payment-received-subject", "amount", amount))`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Localized([String; 2]);

impl Localized {
    /// The words `words` gives in each language.
    pub fn of(words: impl Fn(Tr) -> String) -> Self {
        Localized(Lang::ALL.map(|l| words(Tr(l))))
    }

    /// The same `text` in every language (a name, a number).
    pub fn same(text: &str) -> Self {
        Localized([text.to_owned(), text.to_owned()])
    }

    /// The words in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        &self.0[Self::index(lang)]
    }

    /// Adds `more` to the words of each language.
    pub fn push(&mut self, more: &Localized) {
        for l in Lang::ALL {
            self.0[Self::index(l)].push_str(more.get(l));
        }
    }

    /// Adds the words `more` gives in each language.
    pub fn push_with(&mut self, more: impl Fn(Tr) -> String) {
        for l in Lang::ALL {
            let words = more(Tr(l));
            self.0[Self::index(l)].push_str(&words);
        }
    }

    fn index(lang: Lang) -> usize {
        match lang {
            Lang::En => 0,
            Lang::Es => 1,
        }
    }
}

/// `text` safe inside HTML text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Every resource, as (language code, file name, text): for the catalog and its tests.
pub fn resources() -> &'static [(&'static str, &'static str, &'static str)] {
    catalog::RESOURCES
}
