//! Dates and instants as people and programs read them, written one way everywhere. A page
//! shows an instant in the servicer's time zone and names the zone as people say it
//! ([`local`]: "December 6, 2026, 10:42 a.m. Eastern", the date as
//! [`long_date`](documents::long_date) writes dates), or only its time of day when the date
//! goes without saying ([`time_of_day`]: "10:42 a.m. Eastern"); a time of the servicer's
//! day, such as the payment cutoff, reads the same way ([`clock_in`]: "5 p.m. Eastern"). The
//! JSON API sends RFC 3339 in UTC ([`rfc3339`]: "2026-12-06T15:42:00Z"). An instant out of
//! range (no clock gives one) is written as nothing. A date typed into a form (the portal's
//! and the console's) is read as people write it ([`parse_date`]: "December 15, 2026",
//! "12/15/2026", or the "2026-12-15" a date picker sends).

use jiff::Timestamp;
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;

/// The zone as people in it say it ("Eastern"), for the zones of the United States; `None`
/// for another zone, which is then named by its abbreviation ("CET") or its IANA name.
pub fn zone_name(zone: &TimeZone) -> Option<&'static str> {
    Some(match zone.iana_name()? {
        "America/New_York"
        | "America/Detroit"
        | "America/Indiana/Indianapolis"
        | "America/Kentucky/Louisville"
        | "US/Eastern"
        | "EST5EDT" => "Eastern",
        "America/Chicago"
        | "America/Indiana/Knox"
        | "America/Menominee"
        | "US/Central"
        | "CST6CDT" => "Central",
        "America/Denver" | "America/Boise" | "America/Phoenix" | "US/Mountain" | "US/Arizona"
        | "MST7MDT" => "Mountain",
        "America/Los_Angeles" | "US/Pacific" | "PST8PDT" => "Pacific",
        "America/Anchorage" | "America/Juneau" | "US/Alaska" => "Alaska",
        "Pacific/Honolulu" | "US/Hawaii" => "Hawaii",
        "America/Puerto_Rico" => "Atlantic",
        _ => return None,
    })
}

/// The zone's name in `lang`: "Eastern", "hora del Este".
pub fn zone_name_in(lang: i18n::Lang, zone: &TimeZone) -> Option<&'static str> {
    let en = zone_name(zone)?;
    Some(match lang {
        i18n::Lang::En => en,
        i18n::Lang::Es => match en {
            "Eastern" => "hora del Este",
            "Central" => "hora del Centro",
            "Mountain" => "hora de la Montaña",
            "Pacific" => "hora del Pacífico",
            "Alaska" => "hora de Alaska",
            "Hawaii" => "hora de Hawái",
            _ => "hora del Atlántico",
        },
    })
}

/// A time of day as people write it: "5 p.m.", "10:42 a.m.", "noon", "midnight".
pub fn clock(t: Time) -> String {
    i18n::clock(i18n::Lang::En, t)
}

/// A time of the servicer's day in its zone, as the payment cutoff is written: "5 p.m.
/// Eastern" (a zone without a common name is named by its IANA name).
pub fn clock_in(t: Time, zone: &TimeZone) -> String {
    clock_in_lang(i18n::Lang::En, t, zone)
}

/// [`clock_in`] in `lang`: "5 p.m. Eastern", "5 p. m., hora del Este".
pub fn clock_in_lang(lang: i18n::Lang, t: Time, zone: &TimeZone) -> String {
    let name = zone_name_in(lang, zone)
        .or_else(|| zone.iana_name())
        .unwrap_or("the servicer's time");
    with_zone(lang, i18n::clock(lang, t), name)
}

/// A time of day and its zone: "10:42 a.m. Eastern", "10:42 a. m., hora del Este".
fn with_zone(lang: i18n::Lang, time: String, zone: &str) -> String {
    match lang {
        i18n::Lang::En => format!("{time} {zone}"),
        i18n::Lang::Es => format!("{time}, {zone}"),
    }
}

/// `us` in `zone`: its date in words (when `with_date`) and its time of day with the zone's
/// name; "" for an instant out of range.
fn zoned(lang: i18n::Lang, zone: &TimeZone, us: i64, with_date: bool) -> String {
    let Ok(t) = Timestamp::from_microsecond(us) else {
        return String::new();
    };
    let at = t.to_zoned_datetime(zone.clone());
    let name =
        zone_name_in(lang, zone).map_or_else(|| at.strftime("%Z").to_string(), str::to_owned);
    let time = with_zone(lang, i18n::clock(lang, at.time()), &name);
    if with_date {
        format!("{}, {time}", i18n::long_date(lang, at.date()))
    } else {
        time
    }
}

/// An instant as a page shows it, in `zone` (the servicer's): "December 6, 2026, 10:42 a.m.
/// Eastern".
pub fn local(zone: &TimeZone, us: i64) -> String {
    zoned(i18n::Lang::En, zone, us, true)
}

/// [`local`] in `lang`: "6 de diciembre de 2026, 10:42 a. m., hora del Este".
pub fn local_in(lang: i18n::Lang, zone: &TimeZone, us: i64) -> String {
    zoned(lang, zone, us, true)
}

/// The time of day of an instant as a page shows it, in `zone` (the servicer's), for an
/// instant of today (how long a verification lasts): "10:42 a.m. Eastern".
pub fn time_of_day(zone: &TimeZone, us: i64) -> String {
    zoned(i18n::Lang::En, zone, us, false)
}

/// [`time_of_day`] in `lang`.
pub fn time_of_day_in(lang: i18n::Lang, zone: &TimeZone, us: i64) -> String {
    zoned(lang, zone, us, false)
}

/// An instant as the JSON API sends it: RFC 3339 in UTC, "2026-12-06T15:42:00Z" (with the
/// fraction of a second when it has one).
pub fn rfc3339(us: i64) -> String {
    Timestamp::from_microsecond(us)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

/// A date typed into a form, as people write it: "December 15, 2026" (or "Dec 15 2026"),
/// "12/15/2026", or "2026-12-15" (what a date picker sends). `None` when it is not a date.
pub fn parse_date(typed: &str) -> Option<Date> {
    let text = typed.trim();
    if let Ok(d) = text.parse::<Date>() {
        return Some(d);
    }
    let numbers = |parts: &[&str]| -> Option<Date> {
        let [month, day, year] = parts else {
            return None;
        };
        if year.len() != 4 {
            return None;
        }
        let year = year.parse::<i16>().ok()?;
        Date::new(year, month.parse().ok()?, day.parse().ok()?).ok()
    };
    let slashed: Vec<&str> = text.split('/').map(str::trim).collect();
    if slashed.len() == 3 {
        return numbers(&slashed);
    }
    let words: Vec<&str> = text
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("de"))
        .collect();
    // "December 15, 2026", or as Spanish writes it, "15 de diciembre de 2026".
    let (month, day, year) = match words.as_slice() {
        [day, month, year] if day.chars().all(|c| c.is_ascii_digit()) => (month, day, year),
        [month, day, year] => (month, day, year),
        _ => return None,
    };
    let month = month.trim_end_matches('.').to_ascii_lowercase();
    let number = MONTHS
        .iter()
        .chain(i18n::MONTHS_ES.iter())
        .position(|m| month.len() >= 3 && m.starts_with(month.as_str()))?
        % 12;
    let number = (number + 1).to_string();
    numbers(&[number.as_str(), *day, *year])
}

/// The months, as [`parse_date`] reads their names (a name may be cut to its first three
/// letters or more).
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn us(instant: &str) -> i64 {
        instant
            .parse::<Timestamp>()
            .expect("an RFC 3339 instant")
            .as_microsecond()
    }

    fn new_york() -> TimeZone {
        TimeZone::get("America/New_York").expect("the bundled time zone database")
    }

    #[test]
    fn a_page_shows_an_instant_in_the_servicers_zone_and_names_it_as_people_do() {
        let zone = new_york();
        assert_eq!(
            local(&zone, us("2026-12-06T15:42:00Z")),
            "December 6, 2026, 10:42 a.m. Eastern"
        );
        // Summer time is still "Eastern": people do not say EDT.
        assert_eq!(
            local(&zone, us("2026-07-04T16:05:59Z")),
            "July 4, 2026, 12:05 p.m. Eastern"
        );
        // Past midnight UTC is still the evening before in New York.
        assert_eq!(
            local(&zone, us("2026-11-26T02:07:00Z")),
            "November 25, 2026, 9:07 p.m. Eastern"
        );
        assert_eq!(
            time_of_day(&zone, us("2026-12-06T15:42:00Z")),
            "10:42 a.m. Eastern"
        );
        assert_eq!(
            time_of_day(&zone, us("2026-12-06T05:00:00Z")),
            "midnight Eastern"
        );
        assert_eq!(local(&zone, i64::MAX), "");
        // A zone without a common name is named by its abbreviation.
        let paris = TimeZone::get("Europe/Paris").expect("the bundled time zone database");
        assert_eq!(
            time_of_day(&paris, us("2026-12-06T15:42:00Z")),
            "4:42 p.m. CET"
        );
    }

    #[test]
    fn the_cutoff_reads_as_people_say_it() {
        let zone = new_york();
        assert_eq!(
            clock_in(Time::constant(17, 0, 0, 0), &zone),
            "5 p.m. Eastern"
        );
        assert_eq!(
            clock_in(Time::constant(16, 30, 0, 0), &zone),
            "4:30 p.m. Eastern"
        );
        assert_eq!(clock(Time::constant(9, 5, 0, 0)), "9:05 a.m.");
        assert_eq!(clock(Time::constant(12, 0, 0, 0)), "noon");
        assert_eq!(clock(Time::constant(0, 0, 0, 0)), "midnight");
        assert_eq!(clock(Time::constant(0, 30, 0, 0)), "12:30 a.m.");
        assert_eq!(clock(Time::constant(12, 15, 0, 0)), "12:15 p.m.");
        let chicago = TimeZone::get("America/Chicago").expect("the bundled time zone database");
        assert_eq!(
            clock_in(Time::constant(17, 0, 0, 0), &chicago),
            "5 p.m. Central"
        );
    }

    #[test]
    fn a_typed_date_is_read_as_people_write_it() {
        let d = Date::constant(2026, 12, 15);
        for typed in [
            "2026-12-15",
            "December 15, 2026",
            " december 15 2026 ",
            "Dec 15, 2026",
            "Dec. 15, 2026",
            "12/15/2026",
            "12 / 15 / 2026",
        ] {
            assert_eq!(parse_date(typed), Some(d), "{typed:?}");
        }
        for typed in [
            "",
            "not-a-date",
            "12/15/26",
            "13/15/2026",
            "February 30, 2026",
            "De 15, 2026",
            "15 December",
            "Decembers 15, 2026",
        ] {
            assert_eq!(parse_date(typed), None, "{typed:?}");
        }
    }

    #[test]
    fn the_api_sends_an_instant_as_rfc_3339_in_utc() {
        assert_eq!(
            rfc3339(us("2026-12-06T10:42:00-05:00")),
            "2026-12-06T15:42:00Z"
        );
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1), "1970-01-01T00:00:00.000001Z");
        assert_eq!(rfc3339(i64::MAX), "");
    }

    #[test]
    fn a_spanish_page_shows_instants_and_reads_dates_as_spanish_writes_them() {
        let zone = new_york();
        let es = i18n::Lang::Es;
        assert_eq!(
            local_in(es, &zone, us("2026-12-06T15:42:00Z")),
            "6 de diciembre de 2026, 10:42 a. m., hora del Este"
        );
        assert_eq!(
            clock_in_lang(es, jiff::civil::time(17, 0, 0, 0), &zone),
            "5 p. m., hora del Este"
        );
        assert_eq!(
            parse_date("15 de diciembre de 2026"),
            Some(jiff::civil::date(2026, 12, 15))
        );
        assert_eq!(
            parse_date("1 ene 2027"),
            Some(jiff::civil::date(2027, 1, 1))
        );
    }
}
