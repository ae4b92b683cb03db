//! What a notification of change corrects, read from its change code and its corrected data
//! as NACHA lays the data out (positions are 1-based, within the 29 characters of the field):
//!
//! | code | corrects | corrected data |
//! | --- | --- | --- |
//! | C01 | the account number | account number, 1–17 |
//! | C02 | the routing number | routing number, 1–9 |
//! | C03 | both | routing number 1–9, three spaces, account number 13–29 |
//! | C05 | the transaction code (checking or savings) | transaction code, 1–2 |
//! | C06 | the account number and the transaction code | account number 1–17, three spaces, transaction code 21–22 |
//! | C07 | all three | routing number 1–9, account number 10–26, transaction code 27–28 |
//!
//! Other codes (the name, the individual identification, the addenda format, international
//! details) change nothing we keep of a bank account and are not acted on. A part that does
//! not read (a routing number whose check digit fails, an account number an entry could not
//! carry, an unknown transaction code) is left out; a correction with no part that reads is
//! none.

use super::{AccountKind, is_entry_account};
use domain::routing_number::RoutingNumber;

/// What a notification of change corrects. Each part the code corrects is `None` when the
/// bank's data for it did not read; at least one part reads.
#[derive(Clone, PartialEq, Eq)]
pub enum Corrected {
    /// C01: the account number.
    Account(String),
    /// C02: the routing number.
    Routing(RoutingNumber),
    /// C03: the routing number and the account number.
    RoutingAndAccount {
        /// The routing number.
        routing: Option<RoutingNumber>,
        /// The account number.
        account: Option<String>,
    },
    /// C05: the kind of account (from the transaction code).
    Kind(AccountKind),
    /// C06: the account number and the kind of account.
    AccountAndKind {
        /// The account number.
        account: Option<String>,
        /// The kind of account.
        kind: Option<AccountKind>,
    },
    /// C07: the routing number, the account number and the kind of account.
    RoutingAccountAndKind {
        /// The routing number.
        routing: Option<RoutingNumber>,
        /// The account number.
        account: Option<String>,
        /// The kind of account.
        kind: Option<AccountKind>,
    },
}

impl std::fmt::Debug for Corrected {
    /// The parts corrected, never the account number itself.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Corrected")
            .field("routing", &self.routing())
            .field("account", &self.account().map(|_| "…"))
            .field("kind", &self.kind())
            .finish()
    }
}

/// The routing number in the first nine characters.
fn routing(data: &str) -> Option<RoutingNumber> {
    RoutingNumber::parse(data.get(..9).unwrap_or("").trim()).ok()
}

/// An account number, if an entry can carry it.
fn account(data: &str) -> Option<String> {
    let a = data.trim();
    is_entry_account(a).then(|| a.to_owned())
}

/// The kind of account named by a transaction code.
fn kind(code: &str) -> Option<AccountKind> {
    AccountKind::of_transaction_code(code.trim())
}

impl Corrected {
    /// Reads the corrected data of change code `change`; `None` for a code that corrects
    /// nothing we keep, or data of which no part reads.
    pub fn parse(change: &str, corrected_data: &str) -> Option<Self> {
        let data = corrected_data.trim();
        let corrected = match change {
            "C01" => Corrected::Account(account(data)?),
            "C02" => Corrected::Routing(routing(data)?),
            "C03" => Corrected::RoutingAndAccount {
                routing: routing(data),
                account: data.get(12..).and_then(account),
            },
            "C05" => Corrected::Kind(kind(data.get(..2).unwrap_or(""))?),
            "C06" => Corrected::AccountAndKind {
                account: data.get(..17).and_then(account),
                kind: data.get(17..).and_then(kind),
            },
            "C07" => Corrected::RoutingAccountAndKind {
                routing: routing(data),
                account: data.get(9..26).and_then(account),
                kind: data.get(26..).and_then(kind),
            },
            _ => return None,
        };
        let reads = corrected.routing().is_some()
            || corrected.account().is_some()
            || corrected.kind().is_some();
        reads.then_some(corrected)
    }

    /// The corrected routing number, if this corrects it.
    pub fn routing(&self) -> Option<RoutingNumber> {
        match self {
            Corrected::Routing(r) => Some(*r),
            Corrected::RoutingAndAccount { routing, .. }
            | Corrected::RoutingAccountAndKind { routing, .. } => *routing,
            Corrected::Account(_) | Corrected::Kind(_) | Corrected::AccountAndKind { .. } => None,
        }
    }

    /// The corrected account number, if this corrects it.
    pub fn account(&self) -> Option<&str> {
        match self {
            Corrected::Account(a) => Some(a),
            Corrected::RoutingAndAccount { account, .. }
            | Corrected::AccountAndKind { account, .. }
            | Corrected::RoutingAccountAndKind { account, .. } => account.as_deref(),
            Corrected::Routing(_) | Corrected::Kind(_) => None,
        }
    }

    /// The corrected kind of account, if this corrects it.
    pub fn kind(&self) -> Option<AccountKind> {
        match self {
            Corrected::Kind(k) => Some(*k),
            Corrected::AccountAndKind { kind, .. }
            | Corrected::RoutingAccountAndKind { kind, .. } => *kind,
            Corrected::Account(_) | Corrected::Routing(_) | Corrected::RoutingAndAccount { .. } => {
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rn(text: &str) -> RoutingNumber {
        RoutingNumber::parse(text).unwrap()
    }

    /// What a correction sets: (routing, account, kind).
    fn parts(c: &Corrected) -> (Option<RoutingNumber>, Option<&str>, Option<AccountKind>) {
        (c.routing(), c.account(), c.kind())
    }

    #[test]
    fn each_change_code_reads_its_layout() {
        let cases = [
            ("C01", "55566677", (None, Some("55566677"), None)),
            ("C01", "  12-AB-99  ", (None, Some("12-AB-99"), None)),
            ("C02", "231380104", (Some(rn("231380104")), None, None)),
            (
                "C03",
                "231380104   987654321",
                (Some(rn("231380104")), Some("987654321"), None),
            ),
            ("C05", "32", (None, None, Some(AccountKind::Savings))),
            ("C05", "27", (None, None, Some(AccountKind::Checking))),
            (
                "C06",
                "12345678901234567   37",
                (None, Some("12345678901234567"), Some(AccountKind::Savings)),
            ),
            (
                "C06",
                "1234             22",
                (None, Some("1234"), Some(AccountKind::Checking)),
            ),
            (
                "C07",
                "02100002112345            32",
                (
                    Some(rn("021000021")),
                    Some("12345"),
                    Some(AccountKind::Savings),
                ),
            ),
        ];
        for (code, data, want) in cases {
            let c = Corrected::parse(code, data).unwrap_or_else(|| panic!("{code} {data:?}"));
            assert_eq!(parts(&c), want, "{code} {data:?}");
        }
        assert_eq!(
            Corrected::parse("C03", "231380104   987654321"),
            Some(Corrected::RoutingAndAccount {
                routing: Some(rn("231380104")),
                account: Some("987654321".into()),
            })
        );
    }

    #[test]
    fn a_part_that_does_not_read_is_left_out() {
        // C03 with a routing number whose check digit fails: the account alone.
        let c = Corrected::parse("C03", "231380105   987654321").unwrap();
        assert_eq!(parts(&c), (None, Some("987654321"), None));
        // C07 with an unknown transaction code: routing and account.
        let c = Corrected::parse("C07", "02100002112345            99").unwrap();
        assert_eq!(parts(&c), (Some(rn("021000021")), Some("12345"), None));
        // C06 whose account is too short to hold 17 characters: the kind is not where it
        // should be either.
        assert_eq!(Corrected::parse("C06", "12345 27"), None);
    }

    #[test]
    fn codes_that_correct_nothing_we_keep_and_data_that_does_not_read_are_none() {
        for code in [
            "C04", "C08", "C09", "C10", "C11", "C12", "C13", "C14", "C00", "R01", "",
        ] {
            assert_eq!(
                Corrected::parse(code, "231380104   987654321"),
                None,
                "{code}"
            );
        }
        for (code, data) in [
            ("C01", ""),
            ("C01", "123456789012345678"),
            ("C01", "1234 5678"),
            ("C01", "12/34"),
            ("C02", "23138010"),
            ("C02", "231380105"),
            ("C03", "231380105"),
            ("C05", "99"),
            ("C05", ""),
            ("C06", ""),
            ("C07", "231380105"),
        ] {
            assert_eq!(Corrected::parse(code, data), None, "{code} {data:?}");
        }
    }

    #[test]
    fn its_debug_never_shows_the_account_number() {
        let c = Corrected::parse("C01", "55566677").unwrap();
        assert!(!format!("{c:?}").contains("55566677"));
    }
}
