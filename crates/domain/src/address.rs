//! A borrower's mailing address: street lines, city, state and ZIP code, each checked on its
//! own, so that a statement or a letter prints each part once, in the order the Postal Service
//! reads it ([`MailingAddress::lines`]), and the console's search finds the borrower by the
//! ZIP code the address holds (ADR 0029).
//!
//! Addresses were once one line of free text beside a separate ZIP code. [`read_typed`] reads
//! such a text into its parts when it can ("1207 W Lawrence Ave, Springfield, IL 62704", or the
//! same on several lines); one it cannot read stays as typed ([`AddressOnFile::NeedsReview`]),
//! printed with the ZIP on file once ([`AddressOnFile::lines`]), until the borrower confirms
//! their address or staff correct it.

use crate::vocabulary::vocabulary;

vocabulary! {
    /// Where a US mailing address is: one of the 50 states, the District of Columbia, a US
    /// territory or freely associated state the Postal Service delivers to, or a military or
    /// diplomatic post (AA, AE, AP). Stored as its two-letter Postal Service code; listed as a
    /// form's choices are: the states and DC by name, then the territories, then the posts.
    #[allow(missing_docs)] // each value is its place; `name` says it in words
    pub enum UsState {
        Alabama = "AL",
        Alaska = "AK",
        Arizona = "AZ",
        Arkansas = "AR",
        California = "CA",
        Colorado = "CO",
        Connecticut = "CT",
        Delaware = "DE",
        DistrictOfColumbia = "DC",
        Florida = "FL",
        Georgia = "GA",
        Hawaii = "HI",
        Idaho = "ID",
        Illinois = "IL",
        Indiana = "IN",
        Iowa = "IA",
        Kansas = "KS",
        Kentucky = "KY",
        Louisiana = "LA",
        Maine = "ME",
        Maryland = "MD",
        Massachusetts = "MA",
        Michigan = "MI",
        Minnesota = "MN",
        Mississippi = "MS",
        Missouri = "MO",
        Montana = "MT",
        Nebraska = "NE",
        Nevada = "NV",
        NewHampshire = "NH",
        NewJersey = "NJ",
        NewMexico = "NM",
        NewYork = "NY",
        NorthCarolina = "NC",
        NorthDakota = "ND",
        Ohio = "OH",
        Oklahoma = "OK",
        Oregon = "OR",
        Pennsylvania = "PA",
        RhodeIsland = "RI",
        SouthCarolina = "SC",
        SouthDakota = "SD",
        Tennessee = "TN",
        Texas = "TX",
        Utah = "UT",
        Vermont = "VT",
        Virginia = "VA",
        Washington = "WA",
        WestVirginia = "WV",
        Wisconsin = "WI",
        Wyoming = "WY",
        AmericanSamoa = "AS",
        Guam = "GU",
        NorthernMarianaIslands = "MP",
        PuertoRico = "PR",
        VirginIslands = "VI",
        Micronesia = "FM",
        MarshallIslands = "MH",
        Palau = "PW",
        ArmedForcesAmericas = "AA",
        ArmedForcesEurope = "AE",
        ArmedForcesPacific = "AP",
    }
}

impl UsState {
    /// Its name, as a form's choice and a sentence say it.
    pub const fn name(self) -> &'static str {
        use UsState as S;
        match self {
            S::Alabama => "Alabama",
            S::Alaska => "Alaska",
            S::Arizona => "Arizona",
            S::Arkansas => "Arkansas",
            S::California => "California",
            S::Colorado => "Colorado",
            S::Connecticut => "Connecticut",
            S::Delaware => "Delaware",
            S::DistrictOfColumbia => "District of Columbia",
            S::Florida => "Florida",
            S::Georgia => "Georgia",
            S::Hawaii => "Hawaii",
            S::Idaho => "Idaho",
            S::Illinois => "Illinois",
            S::Indiana => "Indiana",
            S::Iowa => "Iowa",
            S::Kansas => "Kansas",
            S::Kentucky => "Kentucky",
            S::Louisiana => "Louisiana",
            S::Maine => "Maine",
            S::Maryland => "Maryland",
            S::Massachusetts => "Massachusetts",
            S::Michigan => "Michigan",
            S::Minnesota => "Minnesota",
            S::Mississippi => "Mississippi",
            S::Missouri => "Missouri",
            S::Montana => "Montana",
            S::Nebraska => "Nebraska",
            S::Nevada => "Nevada",
            S::NewHampshire => "New Hampshire",
            S::NewJersey => "New Jersey",
            S::NewMexico => "New Mexico",
            S::NewYork => "New York",
            S::NorthCarolina => "North Carolina",
            S::NorthDakota => "North Dakota",
            S::Ohio => "Ohio",
            S::Oklahoma => "Oklahoma",
            S::Oregon => "Oregon",
            S::Pennsylvania => "Pennsylvania",
            S::RhodeIsland => "Rhode Island",
            S::SouthCarolina => "South Carolina",
            S::SouthDakota => "South Dakota",
            S::Tennessee => "Tennessee",
            S::Texas => "Texas",
            S::Utah => "Utah",
            S::Vermont => "Vermont",
            S::Virginia => "Virginia",
            S::Washington => "Washington",
            S::WestVirginia => "West Virginia",
            S::Wisconsin => "Wisconsin",
            S::Wyoming => "Wyoming",
            S::AmericanSamoa => "American Samoa",
            S::Guam => "Guam",
            S::NorthernMarianaIslands => "Northern Mariana Islands",
            S::PuertoRico => "Puerto Rico",
            S::VirginIslands => "U.S. Virgin Islands",
            S::Micronesia => "Federated States of Micronesia",
            S::MarshallIslands => "Marshall Islands",
            S::Palau => "Palau",
            S::ArmedForcesAmericas => "Armed Forces Americas (AA)",
            S::ArmedForcesEurope => "Armed Forces Europe, Middle East, Africa, Canada (AE)",
            S::ArmedForcesPacific => "Armed Forces Pacific (AP)",
        }
    }

    /// The state as typed: its two-letter code in any case ("il", "IL") or its name in any
    /// case, dots and extra spaces aside ("Illinois", "u.s. virgin islands").
    pub fn read(typed: &str) -> Option<UsState> {
        let folded = fold(typed);
        if folded.len() == 2 {
            return UsState::parse(&folded.to_ascii_uppercase());
        }
        UsState::ALL
            .iter()
            .copied()
            .find(|s| fold(s.name()) == folded)
    }
}

/// Lower case, no dots, single spaces: how a state's name is compared.
fn fold(text: &str) -> String {
    text.split_whitespace()
        .map(|w| w.replace('.', "").to_lowercase())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A ZIP code: five digits, or ZIP+4 (`62704-1234`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Zip(String);

impl Zip {
    /// `12345`, `12345-6789` or `123456789` (kept as `12345-6789`), spaces around it ignored.
    pub fn parse(typed: &str) -> Result<Zip, AddressError> {
        let t = typed.trim();
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if t.is_empty() {
            return Err(AddressError::ZipMissing);
        }
        if !t.is_ascii() {
            return Err(AddressError::ZipShape);
        }
        match t.len() {
            5 if digits(t) => Ok(Zip(t.to_owned())),
            9 if digits(t) => Ok(Zip(format!("{}-{}", &t[..5], &t[5..]))),
            10 if t.as_bytes()[5] == b'-' && digits(&t[..5]) && digits(&t[6..]) => {
                Ok(Zip(t.to_owned()))
            }
            _ => Err(AddressError::ZipShape),
        }
    }

    /// As printed and stored: `62704` or `62704-1234`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The five-digit ZIP code (what the console's search finds a borrower by).
    pub fn five(&self) -> &str {
        &self.0[..5]
    }
}

impl std::fmt::Display for Zip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One part of a mailing address, as a form asks for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AddressField {
    /// The street address (number and street, or PO Box).
    Line1,
    /// The apartment, suite or unit (optional).
    Line2,
    /// The city.
    City,
    /// The state.
    State,
    /// The ZIP code.
    Zip,
}

impl AddressField {
    /// Every part, in the order a form asks for them.
    pub const ALL: [AddressField; 5] = [
        AddressField::Line1,
        AddressField::Line2,
        AddressField::City,
        AddressField::State,
        AddressField::Zip,
    ];

    /// Its label on a form.
    pub const fn label(self) -> &'static str {
        match self {
            AddressField::Line1 => "Street address",
            AddressField::Line2 => "Apartment, suite or unit",
            AddressField::City => "City",
            AddressField::State => "State",
            AddressField::Zip => "ZIP code",
        }
    }

    /// The most characters it may have: room for any real address, and short enough for the
    /// address block of a window envelope.
    pub const fn max_chars(self) -> usize {
        match self {
            AddressField::Line1 | AddressField::Line2 => 64,
            AddressField::City => 50,
            AddressField::State => 60,
            AddressField::Zip => 10,
        }
    }
}

/// What is wrong with one part of an address, in words the borrower can act on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    /// No street address.
    #[error("Enter the street address, like 1207 W Lawrence Ave or PO Box 4410")]
    Line1Missing,
    /// No city.
    #[error("Enter the city")]
    CityMissing,
    /// No state chosen.
    #[error("Choose the state")]
    StateMissing,
    /// No ZIP code.
    #[error("Enter the ZIP code")]
    ZipMissing,
    /// A part longer than [`AddressField::max_chars`].
    #[error("{} must be {max} characters or fewer (this one has {chars})", .field.label())]
    TooLong {
        /// Which part.
        field: AddressField,
        /// How many characters it has (trimmed).
        chars: usize,
        /// The most it may have.
        max: usize,
    },
    /// A control character (a line break, a tab) or an invisible one in a part.
    #[error(
        "{} can have letters, numbers, spaces and punctuation only, on one line",
        .field.label()
    )]
    Unprintable {
        /// Which part.
        field: AddressField,
    },
    /// Not a state, DC, a territory or a military post.
    #[error(
        "Choose a state, the District of Columbia, a U.S. territory, or AA, AE or AP for a military address"
    )]
    StateUnknown,
    /// Not five digits or ZIP+4.
    #[error("Enter a 5-digit ZIP code like 62704, or ZIP+4 like 62704-1234")]
    ZipShape,
}

impl AddressError {
    /// The part of the address it is about.
    pub const fn field(&self) -> AddressField {
        match self {
            AddressError::Line1Missing => AddressField::Line1,
            AddressError::CityMissing => AddressField::City,
            AddressError::StateMissing | AddressError::StateUnknown => AddressField::State,
            AddressError::ZipMissing | AddressError::ZipShape => AddressField::Zip,
            AddressError::TooLong { field, .. } | AddressError::Unprintable { field } => *field,
        }
    }
}

/// Every problem of an address typed: at least one, at most one per part, in the order the
/// form asks for the parts (so a form lists them all at once).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddressErrors(Vec<AddressError>);

impl AddressErrors {
    /// Each problem, in the form's order.
    pub fn all(&self) -> &[AddressError] {
        &self.0
    }

    /// The first problem.
    pub fn first(&self) -> &AddressError {
        // Never empty: made only by `MailingAddress::parse` when a part is wrong.
        &self.0[0]
    }
}

impl std::fmt::Display for AddressErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sentences: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&sentences.join(". "))
    }
}

impl std::error::Error for AddressErrors {}

/// An address as typed into a form's fields (or read from a file's columns, or the store's).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TypedAddress<'a> {
    /// The street address.
    pub line1: &'a str,
    /// The apartment, suite or unit; empty when there is none.
    pub line2: &'a str,
    /// The city.
    pub city: &'a str,
    /// The state: its code or its name.
    pub state: &'a str,
    /// The ZIP code.
    pub zip: &'a str,
}

/// A checked US mailing address. Each part is trimmed, with single spaces, no control or
/// invisible characters, and within [`AddressField::max_chars`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MailingAddress {
    line1: String,
    line2: Option<String>,
    city: String,
    state: UsState,
    zip: Zip,
}

impl MailingAddress {
    /// The address typed, or every problem with it (one per part).
    pub fn parse(typed: &TypedAddress<'_>) -> Result<MailingAddress, AddressErrors> {
        let line1 = part(AddressField::Line1, typed.line1);
        let line2 = part(AddressField::Line2, typed.line2);
        let city = part(AddressField::City, typed.city);
        let state = match part(AddressField::State, typed.state) {
            Ok(Some(s)) => UsState::read(&s)
                .ok_or(AddressError::StateUnknown)
                .map(Some),
            other => other.map(|_| None),
        };
        let zip = Zip::parse(typed.zip);
        match (line1, line2, city, state, zip) {
            (Ok(Some(line1)), Ok(line2), Ok(Some(city)), Ok(Some(state)), Ok(zip)) => {
                Ok(MailingAddress {
                    line1,
                    line2,
                    city,
                    state,
                    zip,
                })
            }
            (line1, line2, city, state, zip) => {
                let problems = [
                    line1.and_then(|l| l.map(|_| ()).ok_or(AddressError::Line1Missing)),
                    line2.map(|_| ()),
                    city.and_then(|c| c.map(|_| ()).ok_or(AddressError::CityMissing)),
                    state.and_then(|s| s.map(|_| ()).ok_or(AddressError::StateMissing)),
                    zip.map(|_| ()),
                ];
                Err(AddressErrors(
                    problems.into_iter().filter_map(Result::err).collect(),
                ))
            }
        }
    }

    /// The street address.
    pub fn line1(&self) -> &str {
        &self.line1
    }

    /// The apartment, suite or unit, when there is one.
    pub fn line2(&self) -> Option<&str> {
        self.line2.as_deref()
    }

    /// The city.
    pub fn city(&self) -> &str {
        &self.city
    }

    /// The state.
    pub fn state(&self) -> UsState {
        self.state
    }

    /// The ZIP code.
    pub fn zip(&self) -> &Zip {
        &self.zip
    }

    /// The parts as a form shows them again (the state as its code).
    pub fn typed(&self) -> TypedAddress<'_> {
        TypedAddress {
            line1: &self.line1,
            line2: self.line2.as_deref().unwrap_or_default(),
            city: &self.city,
            state: self.state.as_str(),
            zip: self.zip.as_str(),
        }
    }

    /// The last line of the address block: `Springfield, IL 62704`.
    pub fn last_line(&self) -> String {
        format!("{}, {} {}", self.city, self.state, self.zip)
    }

    /// The address block of a statement or a letter, one line each: the street, the unit when
    /// there is one, and the city, state and ZIP code (each once).
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![self.line1.clone()];
        lines.extend(self.line2.clone());
        lines.push(self.last_line());
        lines
    }

    /// The address on one line, as a page shows it: `1207 W Lawrence Ave, Apt 2, Springfield,
    /// IL 62704`.
    pub fn one_line(&self) -> String {
        self.lines().join(", ")
    }
}

impl std::fmt::Display for MailingAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.one_line())
    }
}

/// One part as typed: trimmed, runs of spaces made one; `None` when empty; refused with a
/// control or invisible character or when too long.
fn part(field: AddressField, typed: &str) -> Result<Option<String>, AddressError> {
    if typed.chars().any(is_unprintable) {
        return Err(AddressError::Unprintable { field });
    }
    let words: Vec<&str> = typed.split_whitespace().collect();
    if words.is_empty() {
        return Ok(None);
    }
    let text = words.join(" ");
    let chars = text.chars().count();
    let max = field.max_chars();
    if chars > max {
        return Err(AddressError::TooLong { field, chars, max });
    }
    Ok(Some(text))
}

/// Control characters (NUL, tab, line breaks...) and the invisible characters that hide or
/// reorder text (zero-width space, line and paragraph separators, bidirectional embeddings,
/// overrides and isolates, the byte-order mark), as the boarding file refuses them.
fn is_unprintable(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200B}' | '\u{2028}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
        )
}

/// A borrower's mailing address as the store keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddressOnFile {
    /// Street, city, state and ZIP code, each checked.
    Structured(MailingAddress),
    /// An address from before addresses were structured that [`read_typed`] could not read:
    /// the text as it was typed (`None`: no street address on file) and the ZIP code on file.
    /// Staff review it, and the borrower is asked to confirm their address.
    NeedsReview {
        /// The free text, as typed.
        as_typed: Option<String>,
        /// The ZIP code on file.
        zip: String,
    },
}

impl AddressOnFile {
    /// The ZIP code on file, as stored (`62704` or `62704-1234`).
    pub fn zip(&self) -> &str {
        match self {
            AddressOnFile::Structured(a) => a.zip().as_str(),
            AddressOnFile::NeedsReview { zip, .. } => zip,
        }
    }

    /// The checked address, unless it needs review.
    pub fn structured(&self) -> Option<&MailingAddress> {
        match self {
            AddressOnFile::Structured(a) => Some(a),
            AddressOnFile::NeedsReview { .. } => None,
        }
    }

    /// True when it is free text that could not be read (or only a ZIP code).
    pub fn needs_review(&self) -> bool {
        matches!(self, AddressOnFile::NeedsReview { .. })
    }

    /// The address block, one line each: the checked address's lines; or the text as typed,
    /// split at its line breaks and semicolons, with the ZIP code on file ending its last line
    /// unless that line already ends with it (so a ZIP typed into the text too is printed
    /// once), or alone when there is no text.
    pub fn lines(&self) -> Vec<String> {
        match self {
            AddressOnFile::Structured(a) => a.lines(),
            AddressOnFile::NeedsReview { as_typed, zip } => typed_lines(as_typed.as_deref(), zip),
        }
    }

    /// The address on one line (its [`lines`](AddressOnFile::lines) joined by commas).
    pub fn one_line(&self) -> String {
        self.lines().join(", ")
    }
}

/// The lines of an address kept as typed, with `zip` once at the end (see
/// [`AddressOnFile::lines`]).
fn typed_lines(text: Option<&str>, zip: &str) -> Vec<String> {
    let zip = zip.trim();
    let mut lines: Vec<String> = text
        .into_iter()
        .flat_map(|s| s.split(['\n', '\r', ';']))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    match lines.last_mut() {
        Some(last) if !zip.is_empty() && !ends_with_zip(last, zip) => {
            last.push(' ');
            last.push_str(zip);
        }
        Some(_) => {}
        None if zip.is_empty() => {}
        None => lines.push(zip.to_owned()),
    }
    lines
}

/// Whether a line ends with the ZIP code `zip`: its last word is the ZIP, or the same five
/// digits with or without the +4 ("62704" and "62704-1234").
fn ends_with_zip(line: &str, zip: &str) -> bool {
    let Some(word) = line.split_whitespace().last() else {
        return false;
    };
    let word = word.trim_end_matches(['.', ',']);
    let five = |z: &str| z.split('-').next().unwrap_or_default().to_owned();
    word == zip || (word.chars().all(|c| c.is_ascii_digit() || c == '-') && five(word) == five(zip))
}

/// Reads an address typed as free text, with the ZIP code kept beside it, into its parts: the
/// best effort of the conversion to structured addresses (ADR 0029). It reads
/// "1207 W Lawrence Ave, Springfield, IL", "12 Main St, Apt 4, Springfield, IL 62704", the
/// same split over lines or semicolons, "Springfield IL 62704" on the last line, and the
/// state by its code or its name. The ZIP code is the one on file; a ZIP typed into the text
/// too must be the same five digits (its +4 is kept). `None` when any part is missing, the
/// city cannot be told from the street (no comma or line break between them), there are more
/// than two street lines, the two ZIP codes differ, or a part breaks a rule of
/// [`MailingAddress::parse`]: such an address needs review.
pub fn read_typed(text: &str, zip_on_file: &str) -> Option<MailingAddress> {
    let mut segments: Vec<String> = text
        .split(['\n', '\r', ';', ','])
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|s| !s.is_empty())
        .collect();
    // The ZIP typed at the end, on the state's line or on its own.
    let mut last: Vec<String> = segments
        .pop()?
        .split(' ')
        .map(|w| w.trim_end_matches('.').to_owned())
        .filter(|w| !w.is_empty())
        .collect();
    let typed_zip = last.last().and_then(|w| Zip::parse(w.as_str()).ok());
    if typed_zip.is_some() {
        last.pop();
    }
    if last.is_empty() {
        last = segments
            .pop()?
            .split(' ')
            .map(|w| w.trim_end_matches('.').to_owned())
            .filter(|w| !w.is_empty())
            .collect();
    }
    // The state: the whole segment ("IL", "New York"), the city before it; or the segment's
    // last word as a code, the city the words before it ("Springfield IL").
    let (city, state) = match UsState::read(&last.join(" ")) {
        Some(state) => (segments.pop()?, state),
        None => {
            let code = last.pop()?;
            if code.len() != 2 {
                return None;
            }
            let state = UsState::read(&code)?;
            if last.is_empty() {
                return None;
            }
            (last.join(" "), state)
        }
    };
    let zip = match (typed_zip, Zip::parse(zip_on_file)) {
        (None, Ok(on_file)) => on_file,
        (Some(typed), Err(_)) => typed,
        (Some(typed), Ok(on_file)) if typed.five() == on_file.five() => {
            if typed.as_str().len() > on_file.as_str().len() {
                typed
            } else {
                on_file
            }
        }
        _ => return None,
    };
    let (line1, line2) = match segments.as_slice() {
        [line1] => (line1.as_str(), ""),
        [line1, line2] => (line1.as_str(), line2.as_str()),
        _ => return None,
    };
    MailingAddress::parse(&TypedAddress {
        line1,
        line2,
        city: &city,
        state: state.as_str(),
        zip: zip.as_str(),
    })
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn typed<'a>(
        line1: &'a str,
        line2: &'a str,
        city: &'a str,
        state: &'a str,
        zip: &'a str,
    ) -> TypedAddress<'a> {
        TypedAddress {
            line1,
            line2,
            city,
            state,
            zip,
        }
    }

    fn maria() -> MailingAddress {
        MailingAddress::parse(&typed(
            "1207 W Lawrence Ave",
            "",
            "Springfield",
            "IL",
            "62704",
        ))
        .unwrap()
    }

    #[test]
    fn every_state_dc_territory_and_post_reads_back_by_code_and_name() {
        assert_eq!(
            UsState::ALL.len(),
            62,
            "50 states, DC, 8 territories, 3 posts"
        );
        for s in UsState::ALL {
            assert_eq!(UsState::parse(s.as_str()), Some(*s));
            assert_eq!(UsState::read(&s.as_str().to_lowercase()), Some(*s));
            assert_eq!(UsState::read(&s.name().to_uppercase()), Some(*s), "{s}");
        }
        for (typed, state) in [
            ("dc", UsState::DistrictOfColumbia),
            ("PR", UsState::PuertoRico),
            ("GU", UsState::Guam),
            ("AE", UsState::ArmedForcesEurope),
            ("  new   york ", UsState::NewYork),
            ("US Virgin Islands", UsState::VirginIslands),
        ] {
            assert_eq!(UsState::read(typed), Some(state), "{typed:?}");
        }
        for unknown in ["", "XX", "Ontario", "I L", "ILL", "Illinoisx"] {
            assert_eq!(UsState::read(unknown), None, "{unknown:?}");
        }
    }

    #[test]
    fn a_zip_is_five_digits_or_zip_plus_four() {
        for (t, kept) in [
            ("62704", "62704"),
            (" 62704 ", "62704"),
            ("62704-1234", "62704-1234"),
            ("627041234", "62704-1234"),
        ] {
            let zip = Zip::parse(t).unwrap();
            assert_eq!(zip.as_str(), kept);
            assert_eq!(zip.five(), "62704");
        }
        assert_eq!(Zip::parse(""), Err(AddressError::ZipMissing));
        for bad in [
            "6270",
            "627045",
            "62704-123",
            "62704 1234",
            "6270a",
            "62704–1234",
            "٦٢٧٠٤",
        ] {
            assert_eq!(Zip::parse(bad), Err(AddressError::ZipShape), "{bad:?}");
        }
    }

    #[test]
    fn an_address_is_trimmed_and_prints_each_part_once() {
        let a = MailingAddress::parse(&typed(
            "  1207  W Lawrence   Ave ",
            " Apt 2 ",
            " Springfield",
            "il",
            "62704-1234",
        ))
        .unwrap();
        assert_eq!(a.line1(), "1207 W Lawrence Ave");
        assert_eq!(a.line2(), Some("Apt 2"));
        assert_eq!(a.city(), "Springfield");
        assert_eq!(a.state(), UsState::Illinois);
        assert_eq!(a.zip().as_str(), "62704-1234");
        assert_eq!(
            a.lines(),
            ["1207 W Lawrence Ave", "Apt 2", "Springfield, IL 62704-1234"]
        );
        assert_eq!(
            a.one_line(),
            "1207 W Lawrence Ave, Apt 2, Springfield, IL 62704-1234"
        );
        assert_eq!(
            maria().lines(),
            ["1207 W Lawrence Ave", "Springfield, IL 62704"]
        );
        assert_eq!(MailingAddress::parse(&a.typed()), Ok(a.clone()));
    }

    #[test]
    fn every_wrong_part_is_named_at_once() {
        let e = MailingAddress::parse(&typed("", "", " ", "", "")).unwrap_err();
        assert_eq!(
            e.all(),
            [
                AddressError::Line1Missing,
                AddressError::CityMissing,
                AddressError::StateMissing,
                AddressError::ZipMissing,
            ]
        );
        let e = MailingAddress::parse(&typed("1 Main St", "Apt\t4", "Springfield", "ZZ", "627"))
            .unwrap_err();
        assert_eq!(
            e.all(),
            [
                AddressError::Unprintable {
                    field: AddressField::Line2
                },
                AddressError::StateUnknown,
                AddressError::ZipShape,
            ]
        );
        assert_eq!(e.first().field(), AddressField::Line2);
        assert_eq!(
            e.to_string(),
            "Apartment, suite or unit can have letters, numbers, spaces and punctuation only, on one line. \
             Choose a state, the District of Columbia, a U.S. territory, or AA, AE or AP for a military address. \
             Enter a 5-digit ZIP code like 62704, or ZIP+4 like 62704-1234"
        );
        let long = "a".repeat(65);
        let e = MailingAddress::parse(&typed(&long, "", "Springfield", "IL", "62704")).unwrap_err();
        assert_eq!(
            e.all(),
            [AddressError::TooLong {
                field: AddressField::Line1,
                chars: 65,
                max: 64
            }]
        );
        assert_eq!(
            e.to_string(),
            "Street address must be 64 characters or fewer (this one has 65)"
        );
        for bad in [
            "1 Main St\n",
            "1 Main\u{200B}St",
            "1 Main St\u{FEFF}",
            "\u{202E}1 Main St",
        ] {
            let e =
                MailingAddress::parse(&typed(bad, "", "Springfield", "IL", "62704")).unwrap_err();
            assert_eq!(
                e.all(),
                [AddressError::Unprintable {
                    field: AddressField::Line1
                }],
                "{bad:?}"
            );
        }
        let max = "é".repeat(64);
        assert!(MailingAddress::parse(&typed(&max, "", "Springfield", "IL", "62704")).is_ok());
    }

    #[test]
    fn free_text_is_read_into_its_parts() {
        let apt =
            MailingAddress::parse(&typed("12 Main St", "Apt 4", "Springfield", "IL", "62701"))
                .unwrap();
        let plus4 = MailingAddress::parse(&typed(
            "1207 W Lawrence Ave",
            "",
            "Springfield",
            "IL",
            "62704-1234",
        ))
        .unwrap();
        let new_york =
            MailingAddress::parse(&typed("350 5th Ave", "", "New York", "NY", "10118")).unwrap();
        let table: [(&str, &str, &MailingAddress); 11] = [
            ("1207 W Lawrence Ave, Springfield, IL", "62704", &maria()),
            (
                "1207 W Lawrence Ave, Springfield, IL 62704",
                "62704",
                &maria(),
            ),
            (
                "1207 W Lawrence Ave\nSpringfield, IL 62704",
                "62704",
                &maria(),
            ),
            (
                "1207 W Lawrence Ave; Springfield IL 62704.",
                "62704",
                &maria(),
            ),
            (
                "1207 W Lawrence Ave, Springfield, Illinois, 62704",
                "62704",
                &maria(),
            ),
            ("  1207 W Lawrence Ave ,Springfield ,il ", "62704", &maria()),
            ("12 Main St, Apt 4, Springfield, IL", "62701", &apt),
            (
                "12 Main St\r\nApt 4\r\nSpringfield, IL 62701",
                "62701",
                &apt,
            ),
            // The +4 typed into the text is kept; the five digits are the same.
            (
                "1207 W Lawrence Ave, Springfield, IL 62704-1234",
                "62704",
                &plus4,
            ),
            ("1207 W Lawrence Ave, Springfield, IL", "62704-1234", &plus4),
            ("350 5th Ave, New York, New York", "10118", &new_york),
        ];
        for (text, zip, want) in table {
            assert_eq!(read_typed(text, zip).as_ref(), Some(want), "{text:?}");
        }
    }

    #[test]
    fn free_text_that_cannot_be_told_apart_is_left_for_review() {
        for (text, zip) in [
            // No comma or line between street and city.
            ("1207 W Lawrence Ave Springfield IL", "62704"),
            // No state, no city, no street.
            ("1207 W Lawrence Ave, Springfield", "62704"),
            ("Springfield, IL 62704", "62704"),
            ("IL", "62704"),
            ("", "62704"),
            // Three street lines.
            ("Attn: Maria, 12 Main St, Apt 4, Springfield, IL", "62701"),
            // A ZIP in the text that is not the one on file.
            ("1207 W Lawrence Ave, Springfield, IL 62701", "62704"),
            // Not a state.
            ("1 Rue de Rivoli, Paris, FR 75001", "75001"),
            // No usable ZIP at all.
            ("1207 W Lawrence Ave, Springfield, IL", "6270"),
        ] {
            assert_eq!(read_typed(text, zip), None, "{text:?} {zip:?}");
        }
    }

    #[test]
    fn an_address_kept_as_typed_prints_the_zip_once() {
        let kept = |text: Option<&str>, zip: &str| AddressOnFile::NeedsReview {
            as_typed: text.map(str::to_owned),
            zip: zip.to_owned(),
        };
        let table: [(Option<&str>, &str, &[&str]); 9] = [
            (
                Some("1207 W Lawrence Ave Springfield IL"),
                "62704",
                &["1207 W Lawrence Ave Springfield IL 62704"],
            ),
            (
                Some("12 Main St\nApt 4; Springfield IL "),
                "62701",
                &["12 Main St", "Apt 4", "Springfield IL 62701"],
            ),
            (None, "62704", &["62704"]),
            (Some("  \n"), "62704", &["62704"]),
            (None, "", &[]),
            // The ZIP typed into the text too: printed once.
            (
                Some("1207 W Lawrence Ave\nSpringfield IL 62704"),
                "62704",
                &["1207 W Lawrence Ave", "Springfield IL 62704"],
            ),
            (
                Some("12 Main St Springfield IL 62701-4410."),
                "62701",
                &["12 Main St Springfield IL 62701-4410."],
            ),
            (
                Some("12 Main St Springfield IL 62701"),
                "62701-4410",
                &["12 Main St Springfield IL 62701"],
            ),
            // Another ZIP in the text: the one on file is still printed (the mismatch shows).
            (
                Some("Springfield IL 62704"),
                "62701",
                &["Springfield IL 62704 62701"],
            ),
        ];
        for (text, zip, lines) in table {
            let on_file = kept(text, zip);
            assert_eq!(on_file.lines(), lines, "{text:?} {zip}");
            assert!(on_file.needs_review());
            assert_eq!(on_file.zip(), zip);
        }
        let structured = AddressOnFile::Structured(maria());
        assert!(!structured.needs_review());
        assert_eq!(structured.zip(), "62704");
        assert_eq!(
            structured.one_line(),
            "1207 W Lawrence Ave, Springfield, IL 62704"
        );
    }

    /// An address of the shapes people type: a numbered street (up to 4 digits, so the only
    /// run of five digits is the ZIP's), sometimes a unit, a city of one or two words, any
    /// state, a ZIP with or without its +4.
    fn an_address() -> impl Strategy<Value = MailingAddress> {
        (
            "[1-9][0-9]{0,3} [A-Z][a-z]{1,10} (St|Ave|Rd|Blvd)",
            proptest::option::of("(Apt|Unit|Suite) [1-9][0-9]{0,3}"),
            "[A-Z][a-z]{2,12}( [A-Z][a-z]{2,10})?",
            proptest::sample::select(UsState::ALL),
            "[0-9]{5}(-[0-9]{4})?",
        )
            .prop_map(|(line1, line2, city, state, zip)| {
                MailingAddress::parse(&TypedAddress {
                    line1: &line1,
                    line2: line2.as_deref().unwrap_or_default(),
                    city: &city,
                    state: state.as_str(),
                    zip: &zip,
                })
                .expect("a well-formed address")
            })
    }

    proptest! {
        #[test]
        fn an_address_printed_on_one_line_or_several_reads_back_the_same(a in an_address()) {
            let five = a.zip().five().to_owned();
            prop_assert_eq!(read_typed(&a.one_line(), a.zip().as_str()), Some(a.clone()));
            prop_assert_eq!(read_typed(&a.lines().join("\n"), &five), Some(a.clone()));
            prop_assert_eq!(MailingAddress::parse(&a.typed()), Ok(a.clone()));
            // Printed, the ZIP appears once.
            prop_assert_eq!(a.lines().concat().matches(&five).count(), 1);
        }

        #[test]
        fn any_text_is_read_or_refused_without_a_panic(
            line1 in "\\PC{0,80}", line2 in ".{0,10}", city in ".{0,60}", state in ".{0,4}",
            zip in "[0-9 -]{0,11}", text in "(.|\n){0,120}"
        ) {
            if let Ok(a) = MailingAddress::parse(&TypedAddress {
                line1: &line1, line2: &line2, city: &city, state: &state, zip: &zip,
            }) {
                for f in AddressField::ALL {
                    let value = match f {
                        AddressField::Line1 => a.line1(),
                        AddressField::Line2 => a.line2().unwrap_or_default(),
                        AddressField::City => a.city(),
                        AddressField::State => a.state().as_str(),
                        AddressField::Zip => a.zip().as_str(),
                    };
                    prop_assert!(value.chars().count() <= f.max_chars());
                    prop_assert!(!value.chars().any(is_unprintable));
                    prop_assert_eq!(value.trim(), value);
                }
            }
            if let Some(a) = read_typed(&text, &zip) {
                prop_assert_eq!(MailingAddress::parse(&a.typed()), Ok(a.clone()));
            }
        }
    }
}
