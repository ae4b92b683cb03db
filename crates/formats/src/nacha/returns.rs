//! What a return means for the payment it returns, by its reason code: every return reverses
//! the payment; some call for a retry, some stop the AutoPay that drafted from the account,
//! some need the borrower to authorize it anew. And the reason in the borrower's words.

use jiff::Span;
use jiff::civil::Date;

/// What a return calls for beyond reversing the payment (every return reverses it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReturnAction {
    /// Insufficient or uncollected funds (R01, R09): a returned-payment fee may apply, and
    /// the debit is tried again ([`may_retry`]).
    Retry,
    /// The account cannot be debited (R02 closed, R03 no account, R04 an invalid number):
    /// AutoPay from it stops.
    Stop,
    /// The borrower's bank says the debit was not authorized (R05, R07, R10, R29): AutoPay
    /// stops, and drafts again only under a new authorization.
    Reauthorize,
    /// Any other return: the payment is reversed, nothing more.
    Reverse,
}

impl ReturnAction {
    /// The action a return reason code calls for.
    pub fn for_code(code: &str) -> Self {
        match code {
            "R01" | "R09" => ReturnAction::Retry,
            "R02" | "R03" | "R04" => ReturnAction::Stop,
            "R05" | "R07" | "R10" | "R29" => ReturnAction::Reauthorize,
            _ => ReturnAction::Reverse,
        }
    }

    /// Returned for want of funds (an NSF fee may apply, as the loan agreement allows).
    pub fn insufficient_funds(self) -> bool {
        self == ReturnAction::Retry
    }

    /// The AutoPay drafting from the account stops.
    pub fn stops_autopay(self) -> bool {
        matches!(self, ReturnAction::Stop | ReturnAction::Reauthorize)
    }

    /// A new authorization is needed before AutoPay drafts again.
    pub fn needs_reauthorization(self) -> bool {
        self == ReturnAction::Reauthorize
    }
}

/// How many times a debit returned for insufficient or uncollected funds may be tried again
/// (the NACHA rule on reinitiated entries).
pub const MAX_RETRIES: i64 = 2;

/// Within how many days of the first attempt a retry may go out.
pub const RETRY_WITHIN_DAYS: i64 = 180;

/// True when a debit first attempted on `first_attempt`, tried again `retries` times so far,
/// may be tried once more on `today`.
pub fn may_retry(first_attempt: Date, retries: i64, today: Date) -> bool {
    retries < MAX_RETRIES
        && today <= first_attempt.saturating_add(Span::new().days(RETRY_WITHIN_DAYS))
}

/// The borrower's words for a return reason code.
pub fn return_reason(code: &str) -> &'static str {
    match code {
        "R01" => "insufficient funds",
        "R02" => "the account is closed",
        "R03" => "no account, or the account number does not match the name",
        "R04" => "the account number is not valid",
        "R05" | "R07" | "R10" | "R29" => "your bank reports the debit was not authorized",
        "R08" => "a stop payment was placed on it",
        "R09" => "the funds were not yet available",
        "R16" => "the account is frozen",
        "R20" => "the account does not allow debits",
        _ => "your bank returned it",
    }
}

/// A return as the borrower reads it: the reason in plain words, then the bank's code
/// ("insufficient funds (R01)").
pub fn return_words(code: &str) -> String {
    format!("{} ({code})", return_reason(code))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    /// Every return reason code the reader accepts (`read::addenda`): R01–R47, R50–R53, R61,
    /// R62, R67–R77, R80–R85.
    fn known_codes() -> Vec<String> {
        (1_u8..=99)
            .filter(|n| matches!(*n, 1..=47 | 50..=53 | 61 | 62 | 67..=77 | 80..=85))
            .map(|n| format!("R{n:02}"))
            .collect()
    }

    #[test]
    fn every_known_code_has_its_action_and_words() {
        let codes = known_codes();
        assert_eq!(codes.len(), 47 + 4 + 2 + 11 + 6);
        for code in &codes {
            let (action, words) = match code.as_str() {
                "R01" => (ReturnAction::Retry, "insufficient funds"),
                "R09" => (ReturnAction::Retry, "the funds were not yet available"),
                "R02" => (ReturnAction::Stop, "the account is closed"),
                "R03" => (
                    ReturnAction::Stop,
                    "no account, or the account number does not match the name",
                ),
                "R04" => (ReturnAction::Stop, "the account number is not valid"),
                "R05" | "R07" | "R10" | "R29" => (
                    ReturnAction::Reauthorize,
                    "your bank reports the debit was not authorized",
                ),
                "R08" => (ReturnAction::Reverse, "a stop payment was placed on it"),
                "R16" => (ReturnAction::Reverse, "the account is frozen"),
                "R20" => (ReturnAction::Reverse, "the account does not allow debits"),
                _ => (ReturnAction::Reverse, "your bank returned it"),
            };
            assert_eq!(ReturnAction::for_code(code), action, "{code}");
            assert_eq!(return_reason(code), words, "{code}");
            assert_eq!(return_words(code), format!("{words} ({code})"));
        }
    }

    #[test]
    fn what_each_action_does() {
        use ReturnAction::*;
        let table = [
            // (action, NSF, stops AutoPay, needs a new authorization)
            (Retry, true, false, false),
            (Stop, false, true, false),
            (Reauthorize, false, true, true),
            (Reverse, false, false, false),
        ];
        for (action, nsf, stops, reauthorize) in table {
            assert_eq!(action.insufficient_funds(), nsf, "{action:?}");
            assert_eq!(action.stops_autopay(), stops, "{action:?}");
            assert_eq!(action.needs_reauthorization(), reauthorize, "{action:?}");
        }
    }

    #[test]
    fn an_unknown_or_malformed_code_only_reverses() {
        for code in ["R00", "R48", "R99", "r01", "R1", "", "C01"] {
            assert_eq!(
                ReturnAction::for_code(code),
                ReturnAction::Reverse,
                "{code}"
            );
            assert_eq!(return_reason(code), "your bank returned it");
        }
        assert_eq!(return_words("R01"), "insufficient funds (R01)");
    }

    #[test]
    fn a_debit_is_tried_again_at_most_twice_within_180_days() {
        let first = date(2026, 12, 1);
        assert!(may_retry(first, 0, date(2026, 12, 3)));
        assert!(may_retry(first, 1, date(2026, 12, 10)));
        assert!(!may_retry(first, 2, date(2026, 12, 10)));
        // 180 days after 1 December 2026 is 30 May 2027.
        assert!(may_retry(first, 1, date(2027, 5, 30)));
        assert!(!may_retry(first, 0, date(2027, 5, 31)));
    }
}
