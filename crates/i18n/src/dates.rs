//! Dates and times of day as each language writes them in a sentence.

use crate::Lang;
use jiff::civil::{Date, Time};

/// The months in Spanish, as dates write them (and forms read them).
pub const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

fn mes(d: Date) -> &'static str {
    MONTHS_ES[usize::try_from(d.month() - 1).unwrap_or(0)]
}

/// A date in a sentence: "December 6, 2026"; "6 de diciembre de 2026".
pub fn long_date(lang: Lang, d: Date) -> String {
    match lang {
        Lang::En => d.strftime("%B %-d, %Y").to_string(),
        Lang::Es => format!("{} de {} de {}", d.day(), mes(d), d.year()),
    }
}

/// A date in a column of figures (a statement's activity): "12/06/2026" in English, as the
/// United States writes it; "6 dic 2026" in Spanish, the day first and the month by the first
/// three letters of its name, since a Spanish reader may read 12/06 as the 12th of June.
pub fn short_date(lang: Lang, d: Date) -> String {
    match lang {
        Lang::En => d.strftime("%m/%d/%Y").to_string(),
        Lang::Es => {
            let month = mes(d);
            // Every month's first three letters are ASCII ("ene", "feb", …, "sep", "dic").
            let abbreviated = month.get(..3).unwrap_or(month);
            format!("{} {abbreviated} {}", d.day(), d.year())
        }
    }
}

/// A month and its year: "December 2026"; "diciembre de 2026".
pub fn month_year(lang: Lang, d: Date) -> String {
    match lang {
        Lang::En => d.strftime("%B %Y").to_string(),
        Lang::Es => format!("{} de {}", mes(d), d.year()),
    }
}

/// A time of day as people write it: "5 p.m.", "10:42 a.m.", "noon", "midnight"; "5 p. m.",
/// "10:42 a. m.", "mediodía", "medianoche".
pub fn clock(lang: Lang, t: Time) -> String {
    let (hour, minute) = (t.hour(), t.minute());
    match (lang, hour, minute) {
        (Lang::En, 0, 0) => return "midnight".to_owned(),
        (Lang::En, 12, 0) => return "noon".to_owned(),
        (Lang::Es, 0, 0) => return "medianoche".to_owned(),
        (Lang::Es, 12, 0) => return "mediodía".to_owned(),
        _ => {}
    }
    let half = match (lang, hour < 12) {
        (Lang::En, true) => "a.m.",
        (Lang::En, false) => "p.m.",
        (Lang::Es, true) => "a. m.",
        (Lang::Es, false) => "p. m.",
    };
    let on_the_dial = match hour % 12 {
        0 => 12,
        h => h,
    };
    if minute == 0 {
        format!("{on_the_dial} {half}")
    } else {
        format!("{on_the_dial}:{minute:02} {half}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, time};

    #[test]
    fn dates_and_times_read_as_each_language_writes_them() {
        let d = date(2026, 12, 6);
        assert_eq!(long_date(Lang::En, d), "December 6, 2026");
        assert_eq!(long_date(Lang::Es, d), "6 de diciembre de 2026");
        assert_eq!(month_year(Lang::Es, date(2027, 1, 15)), "enero de 2027");
        assert_eq!(short_date(Lang::En, d), "12/06/2026");
        assert_eq!(short_date(Lang::Es, d), "6 dic 2026");
        assert_eq!(short_date(Lang::Es, date(2026, 9, 30)), "30 sep 2026");
        assert_eq!(short_date(Lang::Es, date(2027, 1, 5)), "5 ene 2027");
        assert_eq!(clock(Lang::En, time(17, 0, 0, 0)), "5 p.m.");
        assert_eq!(clock(Lang::Es, time(10, 42, 0, 0)), "10:42 a. m.");
        assert_eq!(clock(Lang::Es, time(12, 0, 0, 0)), "mediodía");
    }
}
