//! Delinquency: days past due and the aging bucket.

use std::fmt;

/// The aging bucket of a loan by days past due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AgingBucket {
    /// Not past due.
    Current,
    /// 1 to 29 days past due.
    Days1To29,
    /// 30 to 59 days.
    Days30To59,
    /// 60 to 89 days.
    Days60To89,
    /// 90 to 119 days.
    Days90To119,
    /// 120 days or more.
    Days120Plus,
}

impl AgingBucket {
    /// The bucket for `days_past_due`.
    pub const fn for_days(days_past_due: u32) -> Self {
        match days_past_due {
            0 => AgingBucket::Current,
            1..=29 => AgingBucket::Days1To29,
            30..=59 => AgingBucket::Days30To59,
            60..=89 => AgingBucket::Days60To89,
            90..=119 => AgingBucket::Days90To119,
            _ => AgingBucket::Days120Plus,
        }
    }

    /// Every bucket in order (for reports).
    pub const ALL: [AgingBucket; 6] = [
        AgingBucket::Current,
        AgingBucket::Days1To29,
        AgingBucket::Days30To59,
        AgingBucket::Days60To89,
        AgingBucket::Days90To119,
        AgingBucket::Days120Plus,
    ];
}

impl fmt::Display for AgingBucket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AgingBucket::Current => "current",
            AgingBucket::Days1To29 => "1-29",
            AgingBucket::Days30To59 => "30-59",
            AgingBucket::Days60To89 => "60-89",
            AgingBucket::Days90To119 => "90-119",
            AgingBucket::Days120Plus => "120+",
        })
    }
}

/// When a loan becomes eligible for charge-off (configurable per product).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChargeOffPolicy {
    /// Days past due at which the loan may be charged off.
    pub threshold_days: u32,
}

impl Default for ChargeOffPolicy {
    /// 120 days, the usual threshold for closed-end consumer loans.
    fn default() -> Self {
        ChargeOffPolicy {
            threshold_days: 120,
        }
    }
}

impl ChargeOffPolicy {
    /// True when a loan this far past due may be charged off.
    pub const fn is_eligible(&self, days_past_due: u32) -> bool {
        days_past_due >= self.threshold_days
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_match_the_aging_report() {
        let table = [
            (0, AgingBucket::Current),
            (1, AgingBucket::Days1To29),
            (29, AgingBucket::Days1To29),
            (30, AgingBucket::Days30To59),
            (59, AgingBucket::Days30To59),
            (60, AgingBucket::Days60To89),
            (90, AgingBucket::Days90To119),
            (119, AgingBucket::Days90To119),
            (120, AgingBucket::Days120Plus),
            (1000, AgingBucket::Days120Plus),
        ];
        for (days, bucket) in table {
            assert_eq!(AgingBucket::for_days(days), bucket, "{days}");
        }
    }

    #[test]
    fn charge_off_eligibility_uses_the_threshold() {
        let p = ChargeOffPolicy::default();
        assert!(!p.is_eligible(119));
        assert!(p.is_eligible(120));
    }
}
