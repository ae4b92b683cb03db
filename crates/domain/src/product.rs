//! Loan products: what differs between notes is configuration, not code (ADR 0026). A
//! product is a named set of servicing rules (the payment waterfall, the late fee, the NSF
//! fee, the day count, where extra goes by default, the due-date change rules, how money held
//! for the borrower is refunded, how often AutoPay may draft); the [`Catalog`] holds the configured ones and always has
//! `standard`, today's defaults unless the configuration says otherwise.
//!
//! Invariant: a loan keeps its product's values as they were when it was boarded or made (with
//! any per-loan overrides), so changing the configuration later never changes a loan already
//! on file.

use crate::autopay::AllowedFrequencies;
use crate::due_date::DueDateRule;
use crate::fees::{LateFeeRule, NsfFeeRule};
use crate::loan::{ExtraTo, Waterfall};
use crate::vocabulary::vocabulary;
use money::{DayCount, Money, Rate};
use std::collections::{BTreeMap, BTreeSet};

vocabulary! {
    /// How money held for a borrower (unapplied funds, a credit after payoff) is refunded.
    pub enum RefundMethod {
        /// An ACH credit to a bank account the borrower has verified with us.
        Ach = "ach",
        /// Back the way it came: to the card that paid, or the bank account that paid.
        OriginalMethod = "original_method",
        /// A paper check mailed to the borrower.
        Check = "check",
    }
}

/// The most characters a product's name may have.
pub const MAX_NAME_CHARS: usize = 40;

/// A named set of servicing rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Product {
    /// Its name, as the configuration and the boarding file say it (`standard`,
    /// `home_improvement`): 1 to [`MAX_NAME_CHARS`] lower-case letters, digits, `_` or `-`.
    pub name: String,
    /// The order a payment pays fees, interest and principal in.
    pub waterfall: Waterfall,
    /// The late fee.
    pub late_fee: LateFeeRule,
    /// The fee for a payment returned unpaid.
    pub nsf_fee: NsfFeeRule,
    /// How interest counts days.
    pub day_count: DayCount,
    /// Where the part of a payment beyond the amount due goes when the borrower does not say.
    pub extra_default: ExtraTo,
    /// Whether, how often and how far the due date may be changed, and by whom.
    pub due_date: DueDateRule,
    /// How money held for the borrower is refunded.
    pub refund: RefundMethod,
    /// How often AutoPay may draft, by the borrower's choice: monthly always, and twice a
    /// month or every other week where allowed (ADR 0028).
    pub autopay_frequencies: AllowedFrequencies,
}

/// A loan's departures from its product's terms, as a boarding file gives them (each `None`:
/// the product's).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProductOverrides {
    /// The late fee's fixed part.
    pub late_fee_fixed: Option<Money>,
    /// The late fee's percentage of the installment.
    pub late_fee_percent: Option<Rate>,
    /// The late fee's cap (`Some(None)`: no cap).
    pub late_fee_cap: Option<Option<Money>>,
    /// The grace period, in days after the due date.
    pub grace_period_days: Option<u16>,
    /// The smallest shortfall that draws a late fee.
    pub late_fee_min_shortfall: Option<Money>,
    /// The NSF fee (`Some(None)`: none).
    pub nsf_fee: Option<Option<Money>>,
    /// The payment waterfall.
    pub waterfall: Option<Waterfall>,
    /// Where extra goes by default.
    pub extra_default: Option<ExtraTo>,
}

impl ProductOverrides {
    /// No term is overridden.
    pub fn is_empty(&self) -> bool {
        *self == ProductOverrides::default()
    }
}

/// Why a product or a catalog is not acceptable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProductError {
    /// A name outside the rule.
    #[error(
        "product name {name:?} must be 1 to 40 characters, each a lower-case letter, a digit, _ or -"
    )]
    BadName {
        /// The name given.
        name: String,
    },
    /// Two products of one name.
    #[error("product {name:?} is declared twice")]
    Duplicate {
        /// The name.
        name: String,
    },
}

/// Checks a product's name: 1 to [`MAX_NAME_CHARS`] characters, each a lower-case ASCII
/// letter, a digit, `_` or `-`.
pub fn check_name(name: &str) -> Result<(), ProductError> {
    let ok = !name.is_empty()
        && name.len() <= MAX_NAME_CHARS
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(ProductError::BadName {
            name: name.to_owned(),
        })
    }
}

impl Product {
    /// The name of the product every loan has unless it names another.
    pub const STANDARD: &str = "standard";

    /// Today's defaults: fees, then interest, then principal; $25.00 late after a 10-day
    /// grace period, for any shortfall; no NSF fee; Actual/365; extra to principal; the
    /// default due-date change rule; refunds by ACH credit; monthly AutoPay only.
    pub fn standard() -> Product {
        Product {
            name: Product::STANDARD.to_owned(),
            waterfall: Waterfall::default(),
            late_fee: LateFeeRule::default(),
            nsf_fee: NsfFeeRule::default(),
            day_count: DayCount::default(),
            extra_default: ExtraTo::default(),
            due_date: DueDateRule::default(),
            refund: RefundMethod::Ach,
            autopay_frequencies: AllowedFrequencies::default(),
        }
    }

    /// This product with a loan's overrides applied (the name stays the product's).
    pub fn with_overrides(&self, o: &ProductOverrides) -> Product {
        let mut p = self.clone();
        if let Some(fixed) = o.late_fee_fixed {
            p.late_fee.fixed = fixed;
        }
        if let Some(percent) = o.late_fee_percent {
            p.late_fee.percent = percent;
        }
        if let Some(cap) = o.late_fee_cap {
            p.late_fee.cap = cap;
        }
        if let Some(days) = o.grace_period_days {
            p.late_fee.grace_period_days = days;
        }
        if let Some(least) = o.late_fee_min_shortfall {
            p.late_fee.min_shortfall = least;
        }
        if let Some(fee) = o.nsf_fee {
            p.nsf_fee.fee = fee;
        }
        if let Some(waterfall) = &o.waterfall {
            p.waterfall = waterfall.clone();
        }
        if let Some(extra) = o.extra_default {
            p.extra_default = extra;
        }
        p
    }

    /// The product's rules in plain words, one sentence or two each, for the borrower's loan
    /// page ("Your loan's rules"); AutoPay's frequencies only where more than monthly is
    /// allowed.
    pub fn plain_words(&self) -> Vec<String> {
        let mut words = vec![
            format!("Each payment pays {}.", self.waterfall.in_words()),
            extra_words(self.extra_default).to_owned(),
            late_fee_words(&self.late_fee),
            nsf_words(&self.nsf_fee),
            interest_words(self.day_count).to_owned(),
            due_date_words(&self.due_date),
            refund_words(self.refund).to_owned(),
        ];
        if self.autopay_frequencies.allows_split() {
            words.push(format!(
                "AutoPay can draft {}. Drafting more often than monthly, each draft is half your monthly payment, and what the drafts add up to beyond your payments goes to principal, so the loan is paid off sooner.",
                self.autopay_frequencies.in_words()
            ));
        }
        words
    }
}

/// "1 day", "10 days".
fn days(n: u16) -> String {
    if n == 1 {
        "1 day".to_owned()
    } else {
        format!("{n} days")
    }
}

fn extra_words(extra: ExtraTo) -> &'static str {
    match extra {
        ExtraTo::Principal => {
            "When you pay more than is due, the extra goes to principal unless you choose to count it toward your next payment."
        }
        ExtraTo::NextInstallment => {
            "When you pay more than is due, the extra counts toward your next payment unless you choose to put it toward principal."
        }
    }
}

fn late_fee_words(rule: &LateFeeRule) -> String {
    let capped_at_zero = rule.cap.is_some_and(|c| !c.is_positive());
    let amount = match (rule.fixed.is_positive(), rule.percent.is_zero()) {
        _ if capped_at_zero => return "No late fee is charged.".to_owned(),
        (false, true) => return "No late fee is charged.".to_owned(),
        (true, true) => rule.fixed.usd().to_string(),
        (false, false) => format!("{}% of the payment", rule.percent),
        (true, false) => format!("{} plus {}% of the payment", rule.fixed.usd(), rule.percent),
    };
    let cap = rule
        .cap
        .map(|c| format!(", at most {}", c.usd()))
        .unwrap_or_default();
    let least = if rule.min_shortfall.is_positive() {
        format!(
            " No late fee is charged when less than {} of the payment is unpaid.",
            rule.min_shortfall.usd()
        )
    } else {
        String::new()
    };
    format!(
        "A payment is on time up to {} after its due date. After that, a late fee of {amount}{cap} is charged, once for each late payment.{least}",
        days(rule.grace_period_days)
    )
}

fn nsf_words(rule: &NsfFeeRule) -> String {
    match rule.fee {
        Some(fee) if fee.is_positive() => format!(
            "If your bank returns a payment unpaid for insufficient funds, a fee of {} is charged.",
            fee.usd()
        ),
        _ => "No fee is charged when your bank returns a payment unpaid.".to_owned(),
    }
}

fn interest_words(day_count: DayCount) -> &'static str {
    match day_count {
        DayCount::Actual365Fixed => {
            "Interest is charged each day on the principal you owe, at the yearly rate divided by 365."
        }
        DayCount::ActualActual => {
            "Interest is charged each day on the principal you owe, at the yearly rate divided by 365, or by 366 in a leap year."
        }
        DayCount::Thirty360 => {
            "Interest is charged on the principal you owe as if every month had 30 days and the year 360."
        }
    }
}

fn due_date_words(rule: &DueDateRule) -> String {
    if !rule.allowed {
        return "Your loan's due date cannot be changed.".to_owned();
    }
    let how_often = match rule.once_in_months {
        0 => "when you need to".to_owned(),
        1 => "once a month".to_owned(),
        12 => "once a year".to_owned(),
        n => format!("once every {n} months"),
    };
    let how_far = format!(
        "to a day of the month from the 1st to the 28th, moving your next payment up to {} earlier or later and to at least {} from the day of the change, while no payment is past due",
        days(rule.window_days),
        days(rule.min_notice_days)
    );
    if rule.borrower_may {
        format!("You may change your due date yourself {how_often}, {how_far}.")
    } else {
        format!("We can change your due date at your request {how_often}, {how_far}: call us.")
    }
}

fn refund_words(refund: RefundMethod) -> &'static str {
    match refund {
        RefundMethod::Ach => {
            "Money we hold for you (more than your loan owed) is refunded to a bank account you have verified with us."
        }
        RefundMethod::OriginalMethod => {
            "Money we hold for you (more than your loan owed) is refunded the way it was paid: to the card or bank account it came from."
        }
        RefundMethod::Check => {
            "Money we hold for you (more than your loan owed) is refunded by a check mailed to you."
        }
    }
}

/// The products configured here, by name; always with [`Product::STANDARD`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Catalog {
    products: BTreeMap<String, Product>,
}

impl Default for Catalog {
    /// The standard product alone.
    fn default() -> Self {
        let standard = Product::standard();
        Catalog {
            products: BTreeMap::from([(standard.name.clone(), standard)]),
        }
    }
}

impl Catalog {
    /// The standard product and `products` (a product named `standard` replaces the built-in
    /// one). Each name is checked ([`check_name`]) and may appear once.
    pub fn try_new(products: Vec<Product>) -> Result<Catalog, ProductError> {
        let mut catalog = Catalog::default();
        let mut seen = BTreeSet::new();
        for p in products {
            check_name(&p.name)?;
            if !seen.insert(p.name.clone()) {
                return Err(ProductError::Duplicate { name: p.name });
            }
            catalog.products.insert(p.name.clone(), p);
        }
        Ok(catalog)
    }

    /// The product named `name`, if configured.
    pub fn get(&self, name: &str) -> Option<&Product> {
        self.products.get(name)
    }

    /// The standard product (as configured, or the built-in one).
    pub fn standard(&self) -> &Product {
        self.products
            .get(Product::STANDARD)
            .expect("a catalog always has the standard product")
    }

    /// Every product's name, in order.
    pub fn names(&self) -> Vec<&str> {
        self.products.keys().map(String::as_str).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loan::Bucket;

    #[test]
    fn the_standard_product_is_todays_defaults() {
        let p = Product::standard();
        assert_eq!(p.name, "standard");
        assert_eq!(p.waterfall, Waterfall::default());
        assert_eq!(p.late_fee.fixed, Money::from_cents(2500));
        assert_eq!(p.late_fee.grace_period_days, 10);
        assert_eq!(p.late_fee.min_shortfall, Money::ZERO);
        assert_eq!(p.late_fee.cap, None);
        assert_eq!(p.nsf_fee.fee, None);
        assert_eq!(p.day_count, DayCount::Actual365Fixed);
        assert_eq!(p.extra_default, ExtraTo::Principal);
        assert_eq!(p.due_date, DueDateRule::default());
        assert_eq!(p.refund, RefundMethod::Ach);
        assert_eq!(p.autopay_frequencies, AllowedFrequencies::default());
    }

    #[test]
    fn the_standard_products_rules_in_plain_words() {
        assert_eq!(
            Product::standard().plain_words(),
            vec![
                "Each payment pays fees first, then interest, then principal.",
                "When you pay more than is due, the extra goes to principal unless you choose to count it toward your next payment.",
                "A payment is on time up to 10 days after its due date. After that, a late fee of $25.00 is charged, once for each late payment.",
                "No fee is charged when your bank returns a payment unpaid.",
                "Interest is charged each day on the principal you owe, at the yearly rate divided by 365.",
                "You may change your due date yourself once a year, to a day of the month from the 1st to the 28th, moving your next payment up to 15 days earlier or later and to at least 5 days from the day of the change, while no payment is past due.",
                "Money we hold for you (more than your loan owed) is refunded to a bank account you have verified with us.",
            ]
        );
    }

    #[test]
    fn another_products_words_follow_its_rules() {
        let m = |s: &str| Money::parse(s).unwrap();
        let p = Product {
            name: "medical".into(),
            waterfall: Waterfall::try_new([Bucket::Interest, Bucket::Principal, Bucket::Fees])
                .unwrap(),
            late_fee: LateFeeRule {
                fixed: m("10.00"),
                percent: Rate::parse("5").unwrap(),
                cap: Some(m("40.00")),
                grace_period_days: 1,
                min_shortfall: m("5.00"),
            },
            nsf_fee: NsfFeeRule {
                fee: Some(m("15.00")),
            },
            day_count: DayCount::Thirty360,
            extra_default: ExtraTo::NextInstallment,
            due_date: DueDateRule {
                borrower_may: false,
                ..DueDateRule::default()
            },
            refund: RefundMethod::Check,
            autopay_frequencies: AllowedFrequencies {
                twice_monthly: false,
                biweekly: true,
            },
        };
        let words = p.plain_words();
        assert_eq!(words.len(), 8, "the AutoPay sentence is there");
        assert!(
            words[7].starts_with("AutoPay can draft monthly or every other week."),
            "{}",
            words[7]
        );
        assert_eq!(
            words[0],
            "Each payment pays interest first, then principal, then fees."
        );
        assert!(
            words[1].starts_with("When you pay more than is due, the extra counts toward"),
            "{}",
            words[1]
        );
        assert_eq!(
            words[2],
            "A payment is on time up to 1 day after its due date. After that, a late fee of $10.00 plus 5.00% of the payment, at most $40.00 is charged, once for each late payment. No late fee is charged when less than $5.00 of the payment is unpaid."
        );
        assert_eq!(
            words[3],
            "If your bank returns a payment unpaid for insufficient funds, a fee of $15.00 is charged."
        );
        assert!(words[4].contains("30 days and the year 360"));
        assert!(
            words[5].starts_with("We can change your due date at your request once a year"),
            "{}",
            words[5]
        );
        assert!(words[6].ends_with("by a check mailed to you."));
    }

    #[test]
    fn a_product_without_a_late_fee_or_due_date_changes_says_so() {
        let p = Product {
            late_fee: LateFeeRule {
                fixed: Money::ZERO,
                ..LateFeeRule::default()
            },
            due_date: DueDateRule {
                allowed: false,
                ..DueDateRule::default()
            },
            ..Product::standard()
        };
        let words = p.plain_words();
        assert_eq!(words[2], "No late fee is charged.");
        assert_eq!(words[5], "Your loan's due date cannot be changed.");
    }

    #[test]
    fn overrides_replace_only_the_terms_they_name() {
        let m = Money::from_cents;
        let standard = Product::standard();
        assert_eq!(
            standard.with_overrides(&ProductOverrides::default()),
            standard
        );
        assert!(ProductOverrides::default().is_empty());
        let o = ProductOverrides {
            late_fee_cap: Some(Some(m(1500))),
            late_fee_min_shortfall: Some(m(500)),
            nsf_fee: Some(Some(m(2000))),
            extra_default: Some(ExtraTo::NextInstallment),
            ..ProductOverrides::default()
        };
        assert!(!o.is_empty());
        let p = standard.with_overrides(&o);
        assert_eq!(p.name, "standard");
        assert_eq!(p.late_fee.fixed, m(2500), "not overridden");
        assert_eq!(p.late_fee.cap, Some(m(1500)));
        assert_eq!(p.late_fee.min_shortfall, m(500));
        assert_eq!(p.nsf_fee.fee, Some(m(2000)));
        assert_eq!(p.extra_default, ExtraTo::NextInstallment);
        assert_eq!(p.waterfall, Waterfall::default());
        let back = p.with_overrides(&ProductOverrides {
            late_fee_cap: Some(None),
            nsf_fee: Some(None),
            ..ProductOverrides::default()
        });
        assert_eq!((back.late_fee.cap, back.nsf_fee.fee), (None, None));
    }

    #[test]
    fn a_catalog_always_has_the_standard_product_and_checks_names() {
        assert_eq!(Catalog::default().names(), vec!["standard"]);
        let home = Product {
            name: "home_improvement".into(),
            refund: RefundMethod::Check,
            ..Product::standard()
        };
        let mine = Product {
            refund: RefundMethod::OriginalMethod,
            ..Product::standard()
        };
        let c = Catalog::try_new(vec![home.clone(), mine]).unwrap();
        assert_eq!(c.names(), vec!["home_improvement", "standard"]);
        assert_eq!(c.get("home_improvement"), Some(&home));
        assert_eq!(
            c.standard().refund,
            RefundMethod::OriginalMethod,
            "a configured standard replaces the built-in one"
        );
        assert_eq!(c.get("gold"), None);
        assert_eq!(
            Catalog::try_new(vec![home.clone(), home]),
            Err(ProductError::Duplicate {
                name: "home_improvement".into()
            })
        );
        let long = "x".repeat(41);
        for bad in ["", "Home", "home improvement", long.as_str()] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
        assert!(check_name("auto-2026_b").is_ok());
    }

    #[test]
    fn refund_methods_read_back_from_their_text() {
        for m in RefundMethod::ALL {
            assert_eq!(RefundMethod::parse(m.as_str()), Some(*m));
        }
        assert_eq!(RefundMethod::parse("wire"), None);
    }
}
