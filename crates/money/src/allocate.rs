//! Splitting a sum of money by weights so that the parts add up to the sum to the cent
//! (largest-remainder method; ties go to the earlier weight).

use crate::Money;

/// Why a sum cannot be allocated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AllocationError {
    /// No weights, or all weights zero.
    #[error("allocation needs at least one positive weight")]
    NoWeight,
    /// A negative weight.
    #[error("allocation weight {weight} is negative")]
    NegativeWeight {
        /// The offending weight.
        weight: i64,
    },
}

/// Splits `total` in proportion to `weights`. The parts always sum to `total` exactly.
/// Each part is the floor of its exact share; the cents left over go one each to the parts
/// with the largest remainders (earlier parts first on a tie).
pub fn allocate(total: Money, weights: &[i64]) -> Result<Vec<Money>, AllocationError> {
    if let Some(&weight) = weights.iter().find(|w| **w < 0) {
        return Err(AllocationError::NegativeWeight { weight });
    }
    let weight_sum: i128 = weights.iter().map(|w| i128::from(*w)).sum();
    if weight_sum == 0 {
        return Err(AllocationError::NoWeight);
    }
    let sign: i128 = if total.is_negative() { -1 } else { 1 };
    let magnitude = i128::from(total.cents()).abs();
    let mut parts: Vec<i128> = Vec::with_capacity(weights.len());
    let mut remainders: Vec<(i128, usize)> = Vec::with_capacity(weights.len());
    for (index, weight) in weights.iter().enumerate() {
        let exact = magnitude * i128::from(*weight);
        parts.push(exact / weight_sum);
        remainders.push((exact % weight_sum, index));
    }
    let mut left: i128 = magnitude - parts.iter().sum::<i128>();
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, index) in remainders {
        if left == 0 {
            break;
        }
        parts[index] += 1;
        left -= 1;
    }
    Ok(parts
        .into_iter()
        .map(|p| {
            let cents = i64::try_from(p * sign).expect("a part never exceeds the total");
            Money::from_cents(cents)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn splits_a_dollar_three_ways_to_the_cent() {
        let parts = allocate(Money::from_cents(100), &[1, 1, 1]).unwrap();
        assert_eq!(
            parts,
            vec![
                Money::from_cents(34),
                Money::from_cents(33),
                Money::from_cents(33)
            ]
        );
    }

    #[test]
    fn splits_negative_sums_symmetrically() {
        let parts = allocate(Money::from_cents(-100), &[1, 1, 1]).unwrap();
        assert_eq!(parts.iter().sum::<Money>(), Money::from_cents(-100));
    }

    #[test]
    fn refuses_meaningless_weights() {
        assert_eq!(
            allocate(Money::from_cents(1), &[]),
            Err(AllocationError::NoWeight)
        );
        assert_eq!(
            allocate(Money::from_cents(1), &[0, 0]),
            Err(AllocationError::NoWeight)
        );
        assert_eq!(
            allocate(Money::from_cents(1), &[1, -1]),
            Err(AllocationError::NegativeWeight { weight: -1 })
        );
    }

    proptest! {
        #[test]
        fn allocation_preserves_the_total(
            total in -1_000_000_000_000i64..1_000_000_000_000,
            weights in proptest::collection::vec(0i64..1_000_000, 1..20),
        ) {
            prop_assume!(weights.iter().any(|w| *w > 0));
            let parts = allocate(Money::from_cents(total), &weights).unwrap();
            prop_assert_eq!(parts.len(), weights.len());
            prop_assert_eq!(parts.iter().sum::<Money>(), Money::from_cents(total));
            for (part, weight) in parts.iter().zip(&weights) {
                if *weight == 0 { prop_assert_eq!(*part, Money::ZERO); }
            }
        }
    }
}
