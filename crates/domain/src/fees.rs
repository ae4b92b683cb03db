//! Fee rules: the late fee (once per late installment, after the grace period, never
//! pyramided) and the NSF fee on a returned payment.

use money::{Money, Rate, Rounding};

/// How a late fee is computed. The fee is `fixed + percent × installment`, rounded half up,
/// and never more than `cap` when a cap is set.
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
}

impl Default for LateFeeRule {
    /// $25.00 flat after a 10-day grace period.
    fn default() -> Self {
        LateFeeRule {
            fixed: Money::from_cents(2500),
            percent: Rate::ZERO,
            cap: None,
            grace_period_days: 10,
        }
    }
}

impl LateFeeRule {
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
            };
            assert_eq!(rule.fee_for(m(installment)), m(fee));
        }
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
