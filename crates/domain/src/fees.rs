//! Fee rules: the late fee (once per late installment, after the grace period, never
//! pyramided, and not for a shortfall smaller than the product's minimum) and the NSF fee on
//! a returned payment.

use money::{Money, Rate, Rounding};

/// How a late fee is computed. The fee is `fixed + percent × installment`, rounded half up,
/// and never more than `cap` when a cap is set; it is charged only when the installment is
/// short by at least `min_shortfall` ([`LateFeeRule::charges`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LateFeeRule {
    /// Fixed part of the fee.
    pub fixed: Money,
    /// Percentage of the late installment's amount.
    pub percent: Rate,
    /// Largest fee, if limited.
    pub cap: Option<Money>,
    /// Days after the due date during which a payment is still on time.
    pub grace_period_days: u16,
    /// No late fee when the installment is short by less than this (a few cents left on a
    /// trued-up final payment). Zero: any shortfall draws the fee.
    pub min_shortfall: Money,
}

impl Default for LateFeeRule {
    /// $25.00 flat after a 10-day grace period, for any shortfall.
    fn default() -> Self {
        LateFeeRule {
            fixed: Money::from_cents(2500),
            percent: Rate::ZERO,
            cap: None,
            grace_period_days: 10,
            min_shortfall: Money::ZERO,
        }
    }
}

impl LateFeeRule {
    /// Whether an installment still short by `shortfall` when its grace period ends draws a
    /// late fee: the shortfall is positive and at least the minimum.
    pub fn charges(&self, shortfall: Money) -> bool {
        shortfall.is_positive() && shortfall >= self.min_shortfall
    }

    /// The late fee for an installment of `installment_amount`.
    pub fn fee_for(&self, installment_amount: Money) -> Money {
        let percent_part = Rounding::HalfUp.divide(
            i128::from(installment_amount.cents()) * i128::from(self.percent.micro_percent()),
            i128::from(Rate::UNITS_PER_ONE),
        );
        let percent_part = Money::from_cents(i64::try_from(percent_part).expect("fee fits in i64"));
        let fee = self.fixed + percent_part;
        match self.cap {
            Some(cap) => fee.min(cap),
            None => fee,
        }
    }
}

/// The fee charged when a payment is returned unpaid (for example R01, insufficient funds).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NsfFeeRule {
    /// The fee; `None` where the product or the state does not allow one.
    pub fee: Option<Money>,
}

impl NsfFeeRule {
    /// The fee to assess for a returned payment, if any.
    pub fn fee_for_return(&self, is_insufficient_funds: bool) -> Option<Money> {
        if is_insufficient_funds {
            self.fee
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_fixed_percentage_and_capped_fees() {
        let m = |s: &str| Money::parse(s).unwrap();
        let table = [
            // (fixed, percent, cap, installment, fee)
            ("25.00", "0", None, "311.06", "25.00"),
            ("0", "5", None, "311.06", "15.55"),
            ("0", "5", Some("15.00"), "311.06", "15.00"),
            ("10.00", "5", Some("40.00"), "1000.00", "40.00"),
        ];
        for (fixed, percent, cap, installment, fee) in table {
            let rule = LateFeeRule {
                fixed: m(fixed),
                percent: Rate::parse(percent).unwrap(),
                cap: cap.map(m),
                grace_period_days: 10,
                min_shortfall: Money::ZERO,
            };
            assert_eq!(rule.fee_for(m(installment)), m(fee));
        }
    }

    #[test]
    fn a_shortfall_below_the_minimum_draws_no_late_fee() {
        let m = Money::from_cents;
        let rule = LateFeeRule {
            min_shortfall: m(500),
            ..LateFeeRule::default()
        };
        assert!(
            !rule.charges(m(3)),
            "three cents short of a trued-up payment"
        );
        assert!(!rule.charges(m(499)));
        assert!(rule.charges(m(500)));
        assert!(rule.charges(m(31_106)));
        assert!(!rule.charges(Money::ZERO), "nothing short, nothing charged");
        let any = LateFeeRule::default();
        assert!(any.charges(m(1)), "the default charges for any shortfall");
        assert!(!any.charges(Money::ZERO));
        assert!(!any.charges(m(-1)));
    }

    #[test]
    fn an_nsf_fee_is_charged_only_where_allowed_and_only_for_insufficient_funds() {
        let allowed = NsfFeeRule {
            fee: Some(Money::from_cents(1500)),
        };
        assert_eq!(allowed.fee_for_return(true), Some(Money::from_cents(1500)));
        assert_eq!(allowed.fee_for_return(false), None);
        assert_eq!(NsfFeeRule::default().fee_for_return(true), None);
    }
}
