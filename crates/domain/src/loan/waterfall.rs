//! The payment waterfall: the order in which a payment pays the loan's balances. The order
//! is a value of the loan's product (fees, interest, principal unless the note says
//! otherwise), stored and configured as its text, `fees,interest,principal`.

use money::Money;

/// A balance a payment can pay.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Bucket {
    /// Fees assessed and unpaid (all assessed fees are past due).
    Fees,
    /// Interest accrued and unpaid (whole cents posted).
    Interest,
    /// Unpaid principal.
    Principal,
}

impl Bucket {
    /// The bucket's name in a waterfall's text: `fees`, `interest`, `principal`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Bucket::Fees => "fees",
            Bucket::Interest => "interest",
            Bucket::Principal => "principal",
        }
    }

    /// The bucket named `text` (trimmed, any case).
    pub fn parse(text: &str) -> Option<Bucket> {
        match text.trim().to_ascii_lowercase().as_str() {
            "fees" => Some(Bucket::Fees),
            "interest" => Some(Bucket::Interest),
            "principal" => Some(Bucket::Principal),
            _ => None,
        }
    }
}

/// Why a waterfall is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WaterfallError {
    /// Each bucket must appear exactly once.
    #[error("a waterfall must name fees, interest and principal exactly once each")]
    NotAPermutation,
    /// A name in the text is not a bucket.
    #[error("{0:?} is not fees, interest or principal")]
    UnknownBucket(String),
}

/// The order buckets are paid in. Default: past-due fees, then accrued interest, then principal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Waterfall([Bucket; 3]);

impl Default for Waterfall {
    fn default() -> Self {
        Waterfall([Bucket::Fees, Bucket::Interest, Bucket::Principal])
    }
}

impl Waterfall {
    /// A waterfall in the given order; each bucket exactly once.
    pub fn try_new(order: [Bucket; 3]) -> Result<Self, WaterfallError> {
        let has = |b| order.contains(&b);
        if has(Bucket::Fees) && has(Bucket::Interest) && has(Bucket::Principal) {
            Ok(Waterfall(order))
        } else {
            Err(WaterfallError::NotAPermutation)
        }
    }

    /// The buckets in payment order.
    pub fn order(&self) -> &[Bucket; 3] {
        &self.0
    }

    /// Reads a waterfall's text: the three buckets in payment order, comma-separated
    /// (`fees,interest,principal`; spaces and case do not matter).
    pub fn parse(text: &str) -> Result<Self, WaterfallError> {
        let names: Vec<&str> = text.split(',').collect();
        let mut order = [Bucket::Fees; 3];
        if names.len() != order.len() {
            return Err(WaterfallError::NotAPermutation);
        }
        for (slot, name) in order.iter_mut().zip(names) {
            *slot = Bucket::parse(name)
                .ok_or_else(|| WaterfallError::UnknownBucket(name.trim().to_owned()))?;
        }
        Waterfall::try_new(order)
    }

    /// The order in words, for the borrower: "fees first, then interest, then principal".
    pub fn in_words(&self) -> String {
        let [first, second, third] = self.0;
        format!(
            "{} first, then {}, then {}",
            first.as_str(),
            second.as_str(),
            third.as_str()
        )
    }

    /// Splits `amount` over the balances in order; returns (fees, interest, principal, left).
    pub fn split(
        &self,
        amount: Money,
        fees: Money,
        interest: Money,
        principal: Money,
    ) -> (Money, Money, Money, Money) {
        let mut left = amount;
        let mut paid = [Money::ZERO; 3];
        for bucket in self.0 {
            let (slot, owed) = match bucket {
                Bucket::Fees => (0, fees),
                Bucket::Interest => (1, interest),
                Bucket::Principal => (2, principal),
            };
            let take = left.min(owed).max(Money::ZERO);
            paid[slot] = take;
            left -= take;
        }
        (paid[0], paid[1], paid[2], left)
    }
}

impl std::fmt::Display for Waterfall {
    /// The stored and configured text: `fees,interest,principal`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let [first, second, third] = self.0;
        write!(
            f,
            "{},{},{}",
            first.as_str(),
            second.as_str(),
            third.as_str()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_pays_fees_then_interest_then_principal() {
        let m = Money::from_cents;
        let w = Waterfall::default();
        assert_eq!(
            w.split(m(100), m(30), m(50), m(1000)),
            (m(30), m(50), m(20), m(0))
        );
        assert_eq!(
            w.split(m(40), m(30), m(50), m(1000)),
            (m(30), m(10), m(0), m(0))
        );
        assert_eq!(
            w.split(m(2000), m(30), m(50), m(1000)),
            (m(30), m(50), m(1000), m(920))
        );
    }

    #[test]
    fn a_waterfall_reads_back_from_its_text_and_bad_text_is_refused() {
        let w = Waterfall::try_new([Bucket::Interest, Bucket::Principal, Bucket::Fees]).unwrap();
        assert_eq!(w.to_string(), "interest,principal,fees");
        assert_eq!(Waterfall::parse(&w.to_string()), Ok(w.clone()));
        assert_eq!(Waterfall::parse(" Interest , PRINCIPAL,fees "), Ok(w));
        assert_eq!(Waterfall::default().to_string(), "fees,interest,principal");
        assert_eq!(
            Waterfall::default().in_words(),
            "fees first, then interest, then principal"
        );
        assert_eq!(
            Waterfall::parse("fees,interest"),
            Err(WaterfallError::NotAPermutation)
        );
        assert_eq!(
            Waterfall::parse("fees,interest,interest"),
            Err(WaterfallError::NotAPermutation)
        );
        assert_eq!(
            Waterfall::parse("fees,escrow,principal"),
            Err(WaterfallError::UnknownBucket("escrow".into()))
        );
    }

    #[test]
    fn a_configured_order_is_followed_and_must_be_complete() {
        let m = Money::from_cents;
        let w = Waterfall::try_new([Bucket::Interest, Bucket::Principal, Bucket::Fees]).unwrap();
        assert_eq!(
            w.split(m(100), m(30), m(50), m(40)),
            (m(10), m(50), m(40), m(0))
        );
        assert_eq!(
            Waterfall::try_new([Bucket::Fees, Bucket::Fees, Bucket::Principal]),
            Err(WaterfallError::NotAPermutation)
        );
    }
}
