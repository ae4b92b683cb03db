//! Named rounding rules for turning an exact rational amount of cents into whole cents.
//! Every place that rounds names its rule, so that a statement can say how it rounded.

/// How an exact quotient is rounded to a whole number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rounding {
    /// Toward zero (truncate). Used for daily accrual, whose remainder is carried.
    Down,
    /// Away from zero whenever there is a remainder.
    Up,
    /// To nearest; exact halves away from zero ("round half up" on positive amounts).
    HalfUp,
    /// To nearest; exact halves to the even neighbour (banker's rounding).
    HalfEven,
}

impl Rounding {
    /// `numerator / denominator` rounded by this rule. Panics if `denominator` is not positive.
    pub fn divide(self, numerator: i128, denominator: i128) -> i128 {
        assert!(denominator > 0, "rounding needs a positive denominator");
        let quotient = numerator / denominator; // truncates toward zero
        let remainder = numerator % denominator;
        if remainder == 0 {
            return quotient;
        }
        let away = if numerator < 0 { -1 } else { 1 };
        let twice = remainder.abs() * 2;
        let round_away = match self {
            Rounding::Down => false,
            Rounding::Up => true,
            Rounding::HalfUp => twice >= denominator,
            Rounding::HalfEven => {
                twice > denominator || (twice == denominator && quotient % 2 != 0)
            }
        };
        if round_away {
            quotient + away
        } else {
            quotient
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Rounding::*;

    #[test]
    fn each_rule_rounds_as_named() {
        // (rule, numerator, denominator, expected)
        let table = [
            (Down, 7, 2, 3),
            (Up, 7, 2, 4),
            (HalfUp, 7, 2, 4),
            (HalfEven, 7, 2, 4),
            (HalfEven, 5, 2, 2),
            (HalfUp, 5, 2, 3),
            (HalfUp, 149, 100, 1),
            (HalfUp, 150, 100, 2),
            (HalfUp, -150, 100, -2),
            (Down, -7, 2, -3),
            (Up, -7, 2, -4),
            (Up, 6, 2, 3),
        ];
        for (rule, n, d, want) in table {
            assert_eq!(rule.divide(n, d), want, "{rule:?} {n}/{d}");
        }
    }
}
