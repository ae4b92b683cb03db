//! Ids written in paths and forms, read one way everywhere. An id is a positive number written
//! as plain decimal digits: no sign, no leading zero, no spaces, at most [`MAX_DIGITS`] digits
//! (so it always fits an `i64`). Any other text names nothing, and is answered as the id of
//! something that does not exist: a page answers the 404 page ([`borrower`], [`staff`],
//! [`thread`], [`or_not_found`]); the API answers its 404, worded by each handler, from
//! [`positive`].

use super::PageError;
use store::{BorrowerId, StaffId};

/// The most digits an id is written with: every number of 18 digits fits an `i64`.
pub const MAX_DIGITS: usize = 18;

/// The positive id `text` writes as plain decimal digits (no sign, no leading zero, at most
/// [`MAX_DIGITS`] digits); `None` for any other text.
pub fn positive(text: &str) -> Option<i64> {
    let plain = !text.is_empty()
        && text.len() <= MAX_DIGITS
        && !text.starts_with('0')
        && text.bytes().all(|b| b.is_ascii_digit());
    if plain { text.parse().ok() } else { None }
}

/// The id `text` writes, made into `id`; any other text is the 404 page.
pub fn or_not_found<T>(text: &str, id: impl FnOnce(i64) -> T) -> Result<T, PageError> {
    positive(text)
        .map(id)
        .ok_or_else(|| crate::errors::not_found_page().into())
}

/// The borrower of a path; any other text is the 404 page.
pub fn borrower(text: &str) -> Result<BorrowerId, PageError> {
    or_not_found(text, BorrowerId)
}

/// The staff user of a path; any other text is the 404 page.
pub fn staff(text: &str) -> Result<StaffId, PageError> {
    or_not_found(text, StaffId)
}

/// The secure-message thread of a path; any other text is the 404 page.
pub fn thread(text: &str) -> Result<i64, PageError> {
    or_not_found(text, |id| id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_a_positive_number_in_plain_digits() {
        assert_eq!(positive("7"), Some(7));
        assert_eq!(positive("1234567"), Some(1_234_567));
        assert_eq!(
            positive("999999999999999999"),
            Some(999_999_999_999_999_999)
        );
        for text in [
            "",
            "0",
            "00",
            "07",
            "-1",
            "+1",
            " 1",
            "1 ",
            "1.5",
            "1e3",
            "abc",
            "١",
            "1000000000000000000",
            "9223372036854775807",
            "99999999999999999999",
        ] {
            assert_eq!(positive(text), None, "{text:?}");
        }
    }

    #[test]
    fn a_page_answers_an_id_that_is_not_one_with_the_404_page() {
        assert_eq!(borrower("12").ok(), Some(BorrowerId(12)));
        assert_eq!(staff("3").ok(), Some(StaffId(3)));
        assert_eq!(thread("44").ok(), Some(44));
        for text in ["0", "-3", "+3", "03", "x"] {
            match borrower(text) {
                Err(PageError::Answer(r)) => {
                    assert_eq!(r.status(), axum::http::StatusCode::NOT_FOUND, "{text:?}");
                }
                other => panic!("{text:?}: {:?}", other.map(|b| b.0)),
            }
            assert!(staff(text).is_err() && thread(text).is_err(), "{text:?}");
        }
    }
}
