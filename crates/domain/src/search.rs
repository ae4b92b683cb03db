//! Finding a borrower from the console's one search box: what a query means (a 16-digit
//! account number, a phone number, an email, a ZIP code, four digits, name words) and the
//! search keys a borrower is found by.
//!
//! Names are folded so that accents, case and punctuation do not matter ("María O'Brien" is
//! found by "maria obrien"), and each name word typed matches as a prefix, in any order. A
//! key is its kind's prefix and the folded value (`n:lopez`, `p:2175550143`,
//! `e:maria@example.com`, `z:62704`, `a:1015`, `s:<keyed digest>`), so every word of a query
//! is one range of one index, compared byte by byte (SQLite's BINARY, PostgreSQL's "C"
//! collation). The SSN's last 4 is only ever a keyed digest, made by the app: nothing here
//! sees one.

use crate::account_number::{AccountNumber, AccountNumberError};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Most characters of a query (a longer one is refused, not cut).
pub const QUERY_MAX_CHARS: usize = 200;
/// Most conditions (words and numbers) in one query: each is one more index range to check.
pub const QUERY_MAX_WORDS: usize = 8;
/// Characters of a name word kept for matching: a longer word matches by its first 40.
pub const WORD_CHARS: usize = 40;
/// Characters of the folded name kept to order results by.
pub const SORT_NAME_CHARS: usize = 32;
/// Most characters of an email kept as a key (the longest an address can be).
const EMAIL_CHARS: usize = 254;

/// What a search key is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyKind {
    /// One folded word of the borrower's name.
    Name,
    /// The borrower's phone number: 10 digits.
    Phone,
    /// The borrower's email, lower-cased.
    Email,
    /// The first 5 digits of the borrower's ZIP code.
    Zip,
    /// The last 4 digits of one of the borrower's account numbers.
    AccountLast4,
    /// A keyed digest (made by the app) of the last 4 digits of the borrower's SSN.
    SsnLast4,
}

impl KeyKind {
    /// Every kind.
    pub const ALL: [KeyKind; 6] = [
        KeyKind::Name,
        KeyKind::Phone,
        KeyKind::Email,
        KeyKind::Zip,
        KeyKind::AccountLast4,
        KeyKind::SsnLast4,
    ];

    /// The prefix of its keys as stored.
    pub const fn prefix(self) -> &'static str {
        match self {
            KeyKind::Name => "n:",
            KeyKind::Phone => "p:",
            KeyKind::Email => "e:",
            KeyKind::Zip => "z:",
            KeyKind::AccountLast4 => "a:",
            KeyKind::SsnLast4 => "s:",
        }
    }

    /// Its name, as the audit log records what a search was for.
    pub const fn as_str(self) -> &'static str {
        match self {
            KeyKind::Name => "name",
            KeyKind::Phone => "phone",
            KeyKind::Email => "email",
            KeyKind::Zip => "zip",
            KeyKind::AccountLast4 => "account_last4",
            KeyKind::SsnLast4 => "ssn_last4",
        }
    }
}

/// One key a borrower is found by, as stored: the kind's prefix and the folded value.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SearchKey(String);

impl SearchKey {
    /// The key of `kind` for `value`, which the caller has already folded (with
    /// [`name_words`], [`phone_value`], [`email_value`], [`zip_value`]) or digested.
    pub fn new(kind: KeyKind, value: &str) -> SearchKey {
        SearchKey(format!("{}{value}", kind.prefix()))
    }

    /// A key read back from the store: `None` when it has no known kind's prefix.
    pub fn from_stored(text: String) -> Option<SearchKey> {
        KeyKind::ALL
            .iter()
            .any(|k| text.starts_with(k.prefix()))
            .then_some(SearchKey(text))
    }

    /// The key as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Its kind.
    pub fn kind(&self) -> KeyKind {
        KeyKind::ALL
            .into_iter()
            .find(|k| self.0.starts_with(k.prefix()))
            .expect("a key is made with its kind's prefix")
    }
}

/// A key to match: exactly, or as the start of longer keys (a name word typed in part).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyMatch {
    /// The key.
    pub key: SearchKey,
    /// Matches every key that starts with it (otherwise only the key itself).
    pub prefix: bool,
}

impl KeyMatch {
    /// Matches `key` only.
    pub fn exact(key: SearchKey) -> KeyMatch {
        KeyMatch { key, prefix: false }
    }

    /// Matches `key` and every key that starts with it.
    pub fn starting(key: SearchKey) -> KeyMatch {
        KeyMatch { key, prefix: true }
    }

    /// The stored keys it matches: from the first (included) to the second (excluded), in
    /// byte order, so the store reads one range of its index. Byte order of UTF-8 is code
    /// point order, so the end of a prefix's range is the prefix with its last character
    /// moved to the next one; an exact key's range ends at the key and a U+0001, below any
    /// character a key holds (keys are folded: no control characters).
    pub fn bounds(&self) -> (String, String) {
        let low = self.key.0.clone();
        let high = if self.prefix {
            successor(&low)
        } else {
            format!("{low}\u{1}")
        };
        (low, high)
    }
}

/// The smallest text after every text that starts with `prefix`.
fn successor(prefix: &str) -> String {
    let mut chars: Vec<char> = prefix.chars().collect();
    while let Some(last) = chars.pop() {
        if let Some(next) = next_char(last) {
            chars.push(next);
            return chars.into_iter().collect();
        }
    }
    // Only a text of nothing but U+10FFFF has no successor; keys start with an ASCII prefix.
    unreachable!("a key starts with its kind's ASCII prefix")
}

/// The next Unicode scalar value (surrogates are not characters: skipped).
fn next_char(c: char) -> Option<char> {
    let next = u32::from(c) + 1;
    char::from_u32(if next == 0xD800 { 0xE000 } else { next })
}

/// One condition of a search: the borrower has a key matching any of its alternatives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Condition {
    /// What matches (most conditions have one; four digits typed with a name have two).
    pub alternatives: Vec<KeyMatch>,
}

impl Condition {
    /// A condition with one way to match.
    pub fn one(m: KeyMatch) -> Condition {
        Condition {
            alternatives: vec![m],
        }
    }

    /// The key whose exact match ranks a borrower first: a name word typed whole (`jo`
    /// finds Jo before Joan). `None` for a condition matched exactly anyway.
    pub fn rank_key(&self) -> Option<&SearchKey> {
        self.alternatives.iter().find(|m| m.prefix).map(|m| &m.key)
    }
}

/// Folds text for matching: compatibility decomposition, combining marks (accents) dropped,
/// the few Latin letters that do not decompose spelled out, lower case.
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkd().filter(|c| !is_combining_mark(*c)) {
        match c {
            'ß' | 'ẞ' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'þ' | 'Þ' => out.push_str("th"),
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            'ı' => out.push('i'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// An apostrophe inside a name (O'Brien, D’Angelo) joins its parts rather than splitting.
fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}'
    )
}

/// The folded words of `text`, in order, each at most [`WORD_CHARS`] characters, repeats
/// kept (for the name to order by).
fn folded_words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !(c.is_alphanumeric() || is_apostrophe(c)))
        .map(|part| {
            part.chars()
                .filter(|c| c.is_alphanumeric())
                .take(WORD_CHARS)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The words a name is found by: folded, split at spaces, hyphens and other punctuation
/// (apostrophes join), without repeats. "María José García-López" gives maria, jose, garcia,
/// lopez.
pub fn name_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for w in folded_words(text) {
        if !words.contains(&w) {
            words.push(w);
        }
    }
    words
}

/// The folded name results are ordered by (its first [`SORT_NAME_CHARS`] characters).
pub fn sort_name(full_name: &str) -> String {
    folded_words(full_name)
        .join(" ")
        .chars()
        .take(SORT_NAME_CHARS)
        .collect()
}

/// A phone number as a key holds it: its 10 digits (a leading country code 1 dropped), or
/// `None` when it is not a US phone number (letters, or another count of digits).
pub fn phone_value(text: &str) -> Option<String> {
    if text.chars().any(char::is_alphabetic) {
        return None;
    }
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    match digits.len() {
        10 => Some(digits),
        11 if digits.starts_with('1') => Some(digits[1..].to_owned()),
        _ => None,
    }
}

/// An email as a key holds it: trimmed and lower-cased; `None` unless it has one `@` with
/// text on each side and no spaces.
pub fn email_value(text: &str) -> Option<String> {
    let email = text.trim().to_lowercase();
    let (local, domain) = email.split_once('@')?;
    let shaped = !local.is_empty()
        && !domain.is_empty()
        && !domain.contains('@')
        && !email.chars().any(char::is_whitespace)
        && email.chars().count() <= EMAIL_CHARS;
    shaped.then_some(email)
}

/// A ZIP code as a key holds it: the first 5 digits of `12345`, `12345-6789` or `123456789`.
pub fn zip_value(text: &str) -> Option<String> {
    let t = text.trim();
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let shaped = t.is_ascii()
        && match t.len() {
            5 | 9 => all_digits(t),
            10 => t.as_bytes()[5] == b'-' && all_digits(&t[..5]) && all_digits(&t[6..]),
            _ => false,
        };
    shaped.then(|| t[..5].to_owned())
}

/// The keys a borrower is found by from what the store holds in the clear: each word of the
/// name, the phone, the email and the ZIP code. (The app adds the keyed digest of the SSN's
/// last 4, and each loan's [`account_key`].)
pub fn contact_keys(
    full_name: &str,
    email: Option<&str>,
    phone: Option<&str>,
    zip: &str,
) -> Vec<SearchKey> {
    let mut keys: Vec<SearchKey> = name_words(full_name)
        .iter()
        .map(|w| SearchKey::new(KeyKind::Name, w))
        .collect();
    keys.extend(phone_and_email_keys(email, phone));
    keys.extend(zip_key(zip));
    keys
}

/// The key of a ZIP code on file (its first five digits), `None` when it is not one.
pub fn zip_key(zip: &str) -> Option<SearchKey> {
    zip_value(zip).map(|z| SearchKey::new(KeyKind::Zip, &z))
}

/// The keys of a phone number and an email (what a borrower changes in the portal).
pub fn phone_and_email_keys(email: Option<&str>, phone: Option<&str>) -> Vec<SearchKey> {
    let phone = phone
        .and_then(phone_value)
        .map(|p| SearchKey::new(KeyKind::Phone, &p));
    let email = email
        .and_then(email_value)
        .map(|e| SearchKey::new(KeyKind::Email, &e));
    phone.into_iter().chain(email).collect()
}

/// The key of one of a borrower's loans: its account number's last 4.
pub fn account_key(account: &AccountNumber) -> SearchKey {
    SearchKey::new(KeyKind::AccountLast4, &account.last4())
}

/// Why a query was not searched.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// Nothing was typed.
    #[error(
        "type a name, an account number, a phone number, an email, a ZIP code or the last 4 of an SSN"
    )]
    Empty,
    /// More than [`QUERY_MAX_CHARS`] characters.
    #[error("keep the search to {max} characters")]
    TooLong {
        /// The most allowed.
        max: usize,
    },
    /// More than [`QUERY_MAX_WORDS`] words and numbers.
    #[error("search with at most {max} words and numbers")]
    TooManyWords {
        /// The most allowed.
        max: usize,
    },
    /// Only punctuation or symbols: nothing a borrower is found by.
    #[error("there is nothing to search for in this: type letters of a name, or a number")]
    NothingSearchable,
    /// Sixteen digits that are not an account number (the check digit does not match).
    #[error(transparent)]
    AccountNumber(#[from] AccountNumberError),
    /// Two different account numbers.
    #[error("search for one account number at a time")]
    SeveralAccountNumbers,
    /// A number of a length no search uses.
    #[error(
        "{digits} digits are not a number the search knows: type 16 for an account number, 10 for a phone number, 5 for a ZIP code, or 4 for the last 4 of an SSN (or of an account, with a name)"
    )]
    UnclearNumber {
        /// How many digits it has.
        digits: usize,
    },
}

/// A query as the search reads it. Four digits alone are the last 4 of an SSN; typed with a
/// name or an account number they are the last 4 of an account number or of an SSN.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// A 16-digit account number.
    pub account: Option<AccountNumber>,
    /// Folded name words, each matched as a prefix.
    pub names: Vec<String>,
    /// Phone numbers (10 digits).
    pub phones: Vec<String>,
    /// Emails (lower-cased).
    pub emails: Vec<String>,
    /// ZIP codes (5 digits).
    pub zips: Vec<String>,
    /// Four digits each.
    pub last4: Vec<String>,
}

/// How the tokens of a formatted phone or account number are grouped, by their digits: the
/// statement's 4-4-4-4, and a phone's 3-3-4, (3) 3-4, 1 3 3 4… A group that matches none is
/// read token by token.
const GROUPINGS: &[&[usize]] = &[
    &[4, 4, 4, 4],
    &[8, 8],
    &[1, 3, 3, 4],
    &[1, 3, 7],
    &[1, 10],
    &[3, 3, 4],
    &[3, 7],
];

/// A token of a number: digits with the punctuation people type in numbers.
fn is_numeric(token: &str) -> bool {
    token.chars().any(|c| c.is_ascii_digit())
        && token
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '(' | ')' | '-' | '.' | '+' | '/'))
}

fn digits_of(token: &str) -> String {
    token.chars().filter(char::is_ascii_digit).collect()
}

impl Query {
    /// Reads what was typed into the search box.
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(QueryError::Empty);
        }
        if text.chars().count() > QUERY_MAX_CHARS {
            return Err(QueryError::TooLong {
                max: QUERY_MAX_CHARS,
            });
        }
        let tokens: Vec<&str> = text.split_whitespace().collect();
        let mut q = Query::default();
        let mut i = 0;
        while i < tokens.len() {
            let token = tokens[i];
            if token.contains('@') {
                q.add_email(token);
                i += 1;
            } else if is_numeric(token) {
                i += q.add_numbers(&tokens[i..])?;
            } else {
                for w in name_words(token) {
                    if !q.names.contains(&w) {
                        q.names.push(w);
                    }
                }
                i += 1;
            }
        }
        match q.count() {
            0 => Err(QueryError::NothingSearchable),
            n if n > QUERY_MAX_WORDS => Err(QueryError::TooManyWords {
                max: QUERY_MAX_WORDS,
            }),
            _ => Ok(q),
        }
    }

    /// An email typed; one that is not shaped like an email is searched as name words.
    fn add_email(&mut self, token: &str) {
        match email_value(token) {
            Some(e) if !self.emails.contains(&e) => self.emails.push(e),
            Some(_) => {}
            None => {
                for w in name_words(token) {
                    if !self.names.contains(&w) {
                        self.names.push(w);
                    }
                }
            }
        }
    }

    /// Reads the number that starts `tokens` (its first token is numeric), joining the tokens
    /// of a formatted account or phone number; how many tokens it took.
    fn add_numbers(&mut self, tokens: &[&str]) -> Result<usize, QueryError> {
        for grouping in GROUPINGS {
            let Some(group) = tokens.get(..grouping.len()) else {
                continue;
            };
            let fits = group
                .iter()
                .zip(grouping.iter())
                .all(|(t, n)| is_numeric(t) && digits_of(t).len() == *n);
            if !fits {
                continue;
            }
            let digits: String = group.iter().map(|t| digits_of(t)).collect();
            if digits.len() == 16 {
                self.add_account(&digits)?;
                return Ok(group.len());
            }
            if let Some(phone) = phone_value(&digits) {
                push_new(&mut self.phones, phone);
                return Ok(group.len());
            }
        }
        self.add_number(tokens[0])?;
        Ok(1)
    }

    /// One numeric token on its own.
    fn add_number(&mut self, token: &str) -> Result<(), QueryError> {
        let digits = digits_of(token);
        match digits.len() {
            16 => self.add_account(&digits)?,
            4 => push_new(&mut self.last4, digits),
            5 => push_new(&mut self.zips, digits),
            n => {
                if let Some(phone) = phone_value(&digits) {
                    push_new(&mut self.phones, phone);
                } else if let Some(zip) = zip_value(token) {
                    push_new(&mut self.zips, zip);
                } else {
                    return Err(QueryError::UnclearNumber { digits: n });
                }
            }
        }
        Ok(())
    }

    fn add_account(&mut self, digits: &str) -> Result<(), QueryError> {
        let account = AccountNumber::parse(digits)?;
        match self.account {
            Some(a) if a != account => Err(QueryError::SeveralAccountNumbers),
            _ => {
                self.account = Some(account);
                Ok(())
            }
        }
    }

    /// How many conditions it has (the account number counted as one).
    pub fn count(&self) -> usize {
        usize::from(self.account.is_some())
            + self.names.len()
            + self.phones.len()
            + self.emails.len()
            + self.zips.len()
            + self.last4.len()
    }

    /// What was searched for, by kind, without the values (for the audit log): each of
    /// `account_number`, `name`, `phone`, `email`, `zip`, `ssn_last4` and `last4` (four
    /// digits with something else: an account's) that the query has.
    pub fn kinds(&self) -> Vec<&'static str> {
        let four = if self.last4_is_ssn() {
            "ssn_last4"
        } else {
            "last4"
        };
        [
            ("account_number", self.account.is_some()),
            ("name", !self.names.is_empty()),
            ("phone", !self.phones.is_empty()),
            ("email", !self.emails.is_empty()),
            ("zip", !self.zips.is_empty()),
            (four, !self.last4.is_empty()),
        ]
        .into_iter()
        .filter(|(_, has)| *has)
        .map(|(kind, _)| kind)
        .collect()
    }

    /// Four digits alone are an SSN's last 4 (any account's last 4 would find thousands of
    /// strangers). Typed with anything else (a name, a phone, an email, a ZIP, an account
    /// number) they are an account's last 4 only: were they also an SSN's, a search for a
    /// name with each of 10,000 endings would tell an SSN's last 4, the answer caller
    /// verification asks for.
    pub fn last4_is_ssn(&self) -> bool {
        self.names.is_empty()
            && self.account.is_none()
            && self.phones.is_empty()
            && self.emails.is_empty()
            && self.zips.is_empty()
    }

    /// The conditions a borrower must meet, every one; `ssn_key` makes the key of an SSN's
    /// last 4 (a keyed digest: only the app holds the key). The account number is not among
    /// them: the store finds its loan directly.
    pub fn conditions(&self, ssn_key: impl Fn(&str) -> SearchKey) -> Vec<Condition> {
        let exact =
            |kind: KeyKind, v: &String| Condition::one(KeyMatch::exact(SearchKey::new(kind, v)));
        let mut out: Vec<Condition> = self
            .names
            .iter()
            .map(|w| Condition::one(KeyMatch::starting(SearchKey::new(KeyKind::Name, w))))
            .collect();
        out.extend(self.phones.iter().map(|v| exact(KeyKind::Phone, v)));
        out.extend(self.emails.iter().map(|v| exact(KeyKind::Email, v)));
        out.extend(self.zips.iter().map(|v| exact(KeyKind::Zip, v)));
        for four in &self.last4 {
            out.push(Condition::one(if self.last4_is_ssn() {
                KeyMatch::exact(ssn_key(four))
            } else {
                KeyMatch::exact(SearchKey::new(KeyKind::AccountLast4, four))
            }));
        }
        out
    }
}

fn push_new(list: &mut Vec<String>, value: String) {
    if !list.contains(&value) {
        list.push(value);
    }
}

/// An email as an agent sees it in results: its first character and its domain
/// (`m•••@example.com`).
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}•••@{domain}")
        }
        None => "•••".to_owned(),
    }
}

/// A phone number as an agent sees it in results: its last 4 digits (`•••-•••-0143`).
pub fn mask_phone(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    let last4: String = digits[digits.len().saturating_sub(4)..].iter().collect();
    format!("•••-•••-{last4}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ssn(d: &str) -> SearchKey {
        SearchKey::new(KeyKind::SsnLast4, &format!("digest-of-{d}"))
    }

    #[test]
    fn names_fold_accents_case_and_punctuation_into_words() {
        for (name, words) in [
            ("Maria Lopez", vec!["maria", "lopez"]),
            ("MARÍA LÓPEZ", vec!["maria", "lopez"]),
            (
                "María José García-López",
                vec!["maria", "jose", "garcia", "lopez"],
            ),
            ("Siobhán O'Brien", vec!["siobhan", "obrien"]),
            ("D’Angelo  Smith", vec!["dangelo", "smith"]),
            ("Jürgen Weiß", vec!["jurgen", "weiss"]),
            ("Søren Ørsted", vec!["soren", "orsted"]),
            ("Łukasz Wałęsa", vec!["lukasz", "walesa"]),
            ("Ann Ann", vec!["ann"]),
            ("Zoë Ñúñez", vec!["zoe", "nunez"]),
            ("% _ \\ '", vec![]),
        ] {
            assert_eq!(name_words(name), words, "{name}");
        }
        assert_eq!(sort_name("María  de la Cruz"), "maria de la cruz");
        assert_eq!(sort_name(&"a".repeat(100)).len(), SORT_NAME_CHARS);
        assert_eq!(name_words(&"b".repeat(100))[0].len(), WORD_CHARS);
    }

    #[test]
    fn phones_emails_and_zips_are_held_one_way() {
        for (typed, held) in [
            ("(217) 555-0143", Some("2175550143")),
            ("+1 217.555.0143", Some("2175550143")),
            ("12175550143", Some("2175550143")),
            ("555-0143", None),
            ("22175550143", None),
            ("217-555-CALL", None),
        ] {
            assert_eq!(phone_value(typed).as_deref(), held, "{typed}");
        }
        assert_eq!(
            email_value(" Maria.Lopez@Example.COM ").as_deref(),
            Some("maria.lopez@example.com")
        );
        for bad in ["maria@", "@example.com", "a@b@c", "a b@c.d"] {
            assert_eq!(email_value(bad), None, "{bad}");
        }
        for (typed, held) in [
            ("62704", Some("62704")),
            ("62704-1234", Some("62704")),
            ("627041234", Some("62704")),
            ("6270", None),
            ("62704-12", None),
            ("6270A", None),
            ("62704x1234", None),
        ] {
            assert_eq!(zip_value(typed).as_deref(), held, "{typed}");
        }
    }

    #[test]
    fn a_borrower_is_found_by_each_name_word_their_phone_email_and_zip() {
        let keys: Vec<String> = contact_keys(
            "María López",
            Some("Maria.Lopez@example.com"),
            Some("2175550143"),
            "62704-0001",
        )
        .iter()
        .map(|k| k.as_str().to_owned())
        .collect();
        assert_eq!(
            keys,
            [
                "n:maria",
                "n:lopez",
                "p:2175550143",
                "e:maria.lopez@example.com",
                "z:62704"
            ]
        );
        let account = AccountNumber::from_base(521_840_000_000_101);
        assert_eq!(
            account_key(&account).as_str(),
            format!("a:{}", account.last4())
        );
        assert_eq!(account_key(&account).kind(), KeyKind::AccountLast4);
        assert_eq!(
            SearchKey::from_stored("x:1".into()),
            None,
            "an unknown kind is not a key"
        );
    }

    #[test]
    fn a_prefix_range_holds_exactly_the_keys_that_start_with_it() {
        let (low, high) = KeyMatch::starting(SearchKey::new(KeyKind::Name, "jo")).bounds();
        assert_eq!((low.as_str(), high.as_str()), ("n:jo", "n:jp"));
        for inside in ["n:jo", "n:joan", "n:jozzzz", "n:jo\u{10FFFF}"] {
            assert!(low.as_str() <= inside && inside < high.as_str(), "{inside}");
        }
        for outside in ["n:j", "n:jp", "n:jn", "p:jo", "n:jpa"] {
            assert!(
                !(low.as_str() <= outside && outside < high.as_str()),
                "{outside}"
            );
        }
        let (low, high) = KeyMatch::exact(SearchKey::new(KeyKind::Zip, "62704")).bounds();
        assert!(low.as_str() <= "z:62704" && "z:62704" < high.as_str());
        assert!(
            "z:627041" >= high.as_str(),
            "a longer key is not an exact match"
        );
        assert_eq!(successor("n:\u{D7FF}"), "n:\u{E000}");
        assert_eq!(successor("n:a\u{10FFFF}"), "n:b");
    }

    #[test]
    fn a_query_is_read_into_what_it_searches_for() {
        let account = AccountNumber::from_base(521_840_000_000_101);
        let typed = account.to_string();
        let grouped = account.grouped();
        for (text, want) in [
            (
                typed.as_str(),
                Query {
                    account: Some(account),
                    ..Query::default()
                },
            ),
            (
                grouped.as_str(),
                Query {
                    account: Some(account),
                    ..Query::default()
                },
            ),
            (
                "(217) 555-0143",
                Query {
                    phones: vec!["2175550143".into()],
                    ..Query::default()
                },
            ),
            (
                "+1 217 555 0143",
                Query {
                    phones: vec!["2175550143".into()],
                    ..Query::default()
                },
            ),
            (
                "Maria.Lopez@Example.com",
                Query {
                    emails: vec!["maria.lopez@example.com".into()],
                    ..Query::default()
                },
            ),
            (
                "62704",
                Query {
                    zips: vec!["62704".into()],
                    ..Query::default()
                },
            ),
            (
                "6789",
                Query {
                    last4: vec!["6789".into()],
                    ..Query::default()
                },
            ),
            (
                "López  Mar",
                Query {
                    names: vec!["lopez".into(), "mar".into()],
                    ..Query::default()
                },
            ),
            (
                "1015 217 555 0143",
                Query {
                    phones: vec!["2175550143".into()],
                    last4: vec!["1015".into()],
                    ..Query::default()
                },
            ),
            (
                "lopez 62704 6789",
                Query {
                    names: vec!["lopez".into()],
                    zips: vec!["62704".into()],
                    last4: vec!["6789".into()],
                    ..Query::default()
                },
            ),
        ] {
            assert_eq!(Query::parse(text), Ok(want), "{text:?}");
        }
    }

    #[test]
    fn a_query_that_cannot_be_searched_is_refused_naming_why() {
        let mut wrong = AccountNumber::from_base(521_840_000_000_101).to_string();
        let last = wrong.pop().unwrap();
        wrong.push(if last == '0' { '1' } else { '0' });
        let other = AccountNumber::from_base(521_840_000_000_102).to_string();
        let two = format!("{} {other}", AccountNumber::from_base(521_840_000_000_101));
        let long = "a".repeat(201);
        for (text, want) in [
            ("", QueryError::Empty),
            ("   ", QueryError::Empty),
            (long.as_str(), QueryError::TooLong { max: 200 }),
            ("% _ ' \\ -- ;", QueryError::NothingSearchable),
            ("a b c d e f g h i", QueryError::TooManyWords { max: 8 }),
            (
                wrong.as_str(),
                QueryError::AccountNumber(AccountNumberError::CheckDigitMismatch),
            ),
            (two.as_str(), QueryError::SeveralAccountNumbers),
            ("1234567", QueryError::UnclearNumber { digits: 7 }),
            ("512-44-6789", QueryError::UnclearNumber { digits: 9 }),
        ] {
            assert_eq!(Query::parse(text), Err(want), "{text:?}");
        }
        assert!(
            Query::parse(&"a".repeat(200)).is_ok(),
            "200 characters are fine"
        );
        let e = Query::parse("1234567").unwrap_err().to_string();
        assert!(e.starts_with("7 digits are not a number"), "{e}");
    }

    #[test]
    fn four_digits_are_an_ssns_last_4_alone_and_an_accounts_with_anything_else() {
        let alone = Query::parse("6789").unwrap();
        assert_eq!(alone.kinds(), ["ssn_last4"]);
        assert_eq!(
            alone.conditions(ssn),
            [Condition::one(KeyMatch::exact(ssn("6789")))]
        );
        let named = Query::parse("maria 1015").unwrap();
        assert_eq!(named.kinds(), ["name", "last4"]);
        assert_eq!(
            named.conditions(ssn),
            [
                Condition::one(KeyMatch::starting(SearchKey::new(KeyKind::Name, "maria"))),
                Condition::one(KeyMatch::exact(SearchKey::new(
                    KeyKind::AccountLast4,
                    "1015"
                ))),
            ]
        );
        // With a name, a phone, an email or a ZIP, never an SSN's last 4: a search would
        // otherwise tell whose SSN ends how (a verification answer).
        for q in [
            "maria 6789",
            "2175550143 6789",
            "a@b.example 6789",
            "62704 6789",
        ] {
            let conditions = Query::parse(q).unwrap().conditions(ssn);
            assert!(
                conditions
                    .iter()
                    .flat_map(|c| &c.alternatives)
                    .all(|m| m.key.kind() != KeyKind::SsnLast4),
                "{q}"
            );
        }
        let c = &named.conditions(ssn)[0];
        assert_eq!(c.rank_key().map(SearchKey::as_str), Some("n:maria"));
        assert_eq!(named.conditions(ssn)[1].rank_key(), None);
        assert!(
            !format!("{:?}", alone.kinds()).contains("6789"),
            "the kinds never carry the digits"
        );
    }

    #[test]
    fn contact_is_masked_for_results() {
        assert_eq!(mask_email("maria.lopez@example.com"), "m•••@example.com");
        assert_eq!(mask_email("nonsense"), "•••");
        assert_eq!(mask_phone("2175550143"), "•••-•••-0143");
        assert_eq!(mask_phone("12"), "•••-•••-12");
    }
}
