//! The messages of every language, parsed once from the embedded resource files.

use crate::Lang;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::LazyLock;

/// Every `.ftl` file under `locales/`, as (language, file name, text) (see `build.rs`).
pub(crate) static RESOURCES: &[(&str, &str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/resources.rs"));

type Bundle = FluentBundle<FluentResource>;

/// One bundle per language, in the order of [`Lang::ALL`].
static BUNDLES: LazyLock<[Bundle; 2]> = LazyLock::new(|| Lang::ALL.map(bundle));

fn bundle(lang: Lang) -> Bundle {
    let id = lang.tag().parse().expect("a valid language tag");
    let mut b = FluentBundle::new_concurrent(vec![id]);
    // The words go into HTML, PDFs, emails and texts: no Unicode isolation marks around
    // values (they would show as stray characters in a text message or a PDF).
    b.set_use_isolating(false);
    for (code, name, text) in RESOURCES.iter().filter(|(code, _, _)| *code == lang.code()) {
        let resource = FluentResource::try_new((*text).to_owned())
            .unwrap_or_else(|(_, e)| panic!("locales/{code}/{name} does not parse: {e:?}"));
        b.add_resource(resource)
            .unwrap_or_else(|e| panic!("locales/{code}/{name}: {e:?}"));
    }
    b
}

fn of(lang: Lang) -> &'static Bundle {
    &BUNDLES[match lang {
        Lang::En => 0,
        Lang::Es => 1,
    }]
}

/// A value for a message: words, or a number (for a message that chooses by plural).
pub(crate) enum Value {
    Text(String),
    Number(i64),
}

pub(crate) fn has(id: &str) -> bool {
    of(Lang::En).has_message(id)
}

/// The message `id` of `lang` with `args`. A message a language lacks is a bug the catalog
/// test catches; were one to ship, the borrower reads the English words rather than nothing
/// (and a debug build stops at once, so tests fail).
pub(crate) fn format(lang: Lang, id: &str, args: &[(&str, Value)]) -> String {
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (k, v) in args {
        match v {
            Value::Text(s) => fluent_args.set(*k, FluentValue::from(s.as_str())),
            Value::Number(n) => fluent_args.set(*k, FluentValue::from(*n)),
        }
    }
    for bundle in [of(lang), of(Lang::En)] {
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            debug_assert!(false, "no message {id:?} in {lang}");
            continue;
        };
        let mut errors = Vec::new();
        let words = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        debug_assert!(errors.is_empty(), "message {id:?} in {lang}: {errors:?}");
        return words.into_owned();
    }
    id.to_owned()
}
