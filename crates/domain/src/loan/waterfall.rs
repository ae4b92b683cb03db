//! The payment waterfall: the order in which a payment pays the loan's balances.

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

/// Why a waterfall is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WaterfallError {
    /// Each bucket must appear exactly once.
    #[error("a waterfall must name fees, interest and principal exactly once each")]
    NotAPermutation,
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
