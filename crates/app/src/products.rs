//! The loan products the configuration declares (`[products.NAME]`, docs/configuration.md),
//! read into the domain's [`Catalog`]. Each key a product leaves out is the standard
//! product's built-in value (today's defaults), so a product states only how its notes differ.
//! A configuration that names a bad value refuses to start, naming the product and the key.

use domain::autopay::{AllowedFrequencies, Frequency};
use domain::due_date::DueDateRule;
use domain::loan::{ExtraTo, Waterfall};
use domain::product::{Catalog, Product, RefundMethod, check_name};
use money::{DayCount, Money, Rate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One product as the configuration declares it; every key optional.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct ProductSettings {
    /// The payment waterfall, like "fees,interest,principal".
    pub waterfall: Option<String>,
    /// The late fee's fixed part in dollars, like "25.00".
    pub late_fee: Option<String>,
    /// The late fee's percentage of the late installment, like "5".
    pub late_fee_percent: Option<String>,
    /// The most a late fee may be, in dollars; unset: no cap.
    pub late_fee_cap: Option<String>,
    /// Days after a due date during which a payment is still on time.
    pub grace_period_days: Option<u16>,
    /// No late fee when the installment is short by less than this, in dollars.
    pub late_fee_min_shortfall: Option<String>,
    /// The fee for a payment returned for insufficient funds, in dollars; unset: none.
    pub nsf_fee: Option<String>,
    /// "actual/365", "actual/actual" or "30/360".
    pub day_count: Option<String>,
    /// Where extra goes unless the payer says: "principal" or "next_installment".
    pub extra_default: Option<String>,
    /// How money held for the borrower is refunded: "ach", "original_method" or "check".
    pub refund: Option<String>,
    /// How often AutoPay may draft, by the borrower's choice: any of "monthly",
    /// "twice_monthly" and "biweekly" (monthly is always allowed); unset: monthly only.
    pub autopay_frequencies: Option<Vec<String>>,
    /// `[products.NAME.due_date]`: the due-date change rule.
    pub due_date: DueDateSettings,
}

/// `[products.NAME.due_date]`: each key unset is the default rule's.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct DueDateSettings {
    /// The due date may be changed at all.
    pub allowed: Option<bool>,
    /// The borrower may change it in the portal (otherwise staff do, on request).
    pub borrower_may: Option<bool>,
    /// The next due date moves at most this many days, earlier or later.
    pub window_days: Option<u16>,
    /// At most one change in this many months.
    pub once_in_months: Option<u16>,
    /// The new next due date is at least this many days after the change.
    pub min_notice_days: Option<u16>,
}

/// The catalog the configuration declares: the standard product (the configured one, if
/// `standard` is declared) and every other, by name; or why not, naming the key.
pub fn catalog(settings: &BTreeMap<String, ProductSettings>) -> Result<Catalog, String> {
    let products = settings
        .iter()
        .map(|(name, s)| product(name, s))
        .collect::<Result<Vec<_>, _>>()?;
    Catalog::try_new(products).map_err(|e| format!("products: {e}"))
}

/// One declared product: the standard product's built-in values, replaced by each key set.
fn product(name: &str, s: &ProductSettings) -> Result<Product, String> {
    check_name(name).map_err(|e| format!("products.{name}: {e}"))?;
    let key = |k: &str| format!("products.{name}.{k}");
    let dollars = |k: &str, text: &str| {
        Money::parse(text)
            .ok()
            .filter(|m| !m.is_negative())
            .ok_or_else(|| format!("{} {text:?}: use dollars and cents, like \"25.00\"", key(k)))
    };
    let mut p = Product {
        name: name.to_owned(),
        ..Product::standard()
    };
    if let Some(text) = &s.waterfall {
        p.waterfall = Waterfall::parse(text).map_err(|e| {
            format!(
                "{} {text:?}: {e}, like \"fees,interest,principal\"",
                key("waterfall")
            )
        })?;
    }
    if let Some(text) = &s.late_fee {
        p.late_fee.fixed = dollars("late_fee", text)?;
    }
    if let Some(text) = &s.late_fee_percent {
        p.late_fee.percent = Rate::parse(text)
            .ok()
            .filter(|r| *r <= Rate::from_micro_percent(100 * Rate::UNITS_PER_PERCENT))
            .ok_or_else(|| {
                format!(
                    "{} {text:?}: use a percentage from 0 to 100, like \"5\"",
                    key("late_fee_percent")
                )
            })?;
    }
    if let Some(text) = &s.late_fee_cap {
        p.late_fee.cap = Some(dollars("late_fee_cap", text)?);
    }
    if let Some(days) = s.grace_period_days {
        if days > 365 {
            return Err(format!("{} must be 0 to 365", key("grace_period_days")));
        }
        p.late_fee.grace_period_days = days;
    }
    if let Some(text) = &s.late_fee_min_shortfall {
        p.late_fee.min_shortfall = dollars("late_fee_min_shortfall", text)?;
    }
    if let Some(text) = &s.nsf_fee {
        p.nsf_fee.fee = Some(dollars("nsf_fee", text)?);
    }
    if let Some(text) = &s.day_count {
        p.day_count = text
            .parse::<DayCount>()
            .map_err(|e| format!("{}: {e}", key("day_count")))?;
    }
    if let Some(text) = &s.extra_default {
        p.extra_default = match text.as_str() {
            "principal" => ExtraTo::Principal,
            "next_installment" => ExtraTo::NextInstallment,
            other => {
                return Err(format!(
                    "{} {other:?}: use \"principal\" or \"next_installment\"",
                    key("extra_default")
                ));
            }
        };
    }
    if let Some(text) = &s.refund {
        p.refund = RefundMethod::parse(text).ok_or_else(|| {
            format!(
                "{} {text:?}: use \"ach\", \"original_method\" or \"check\"",
                key("refund")
            )
        })?;
    }
    if let Some(words) = &s.autopay_frequencies {
        p.autopay_frequencies = autopay_frequencies(words).map_err(|bad| {
            format!(
                "{} {bad:?}: use \"monthly\", \"twice_monthly\" or \"biweekly\"",
                key("autopay_frequencies")
            )
        })?;
    }
    p.due_date = due_date_rule(&s.due_date, &p.due_date);
    Ok(p)
}

/// The AutoPay frequencies `words` name (monthly is always allowed, named or not), or the
/// first word that names none.
fn autopay_frequencies(words: &[String]) -> Result<AllowedFrequencies, String> {
    let mut allowed = AllowedFrequencies::default();
    for w in words {
        match Frequency::parse(w) {
            Some(Frequency::Monthly) => {}
            Some(Frequency::TwiceMonthly) => allowed.twice_monthly = true,
            Some(Frequency::Biweekly) => allowed.biweekly = true,
            None => return Err(w.clone()),
        }
    }
    Ok(allowed)
}

/// The rule `d` declares over `base`.
fn due_date_rule(d: &DueDateSettings, base: &DueDateRule) -> DueDateRule {
    DueDateRule {
        allowed: d.allowed.unwrap_or(base.allowed),
        borrower_may: d.borrower_may.unwrap_or(base.borrower_may),
        window_days: d.window_days.unwrap_or(base.window_days),
        once_in_months: d.once_in_months.unwrap_or(base.once_in_months),
        min_notice_days: d.min_notice_days.unwrap_or(base.min_notice_days),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(pairs: Vec<(&str, ProductSettings)>) -> BTreeMap<String, ProductSettings> {
        pairs
            .into_iter()
            .map(|(name, s)| (name.to_owned(), s))
            .collect()
    }

    #[test]
    fn two_declared_products_are_read_over_the_standard_defaults() {
        let declared = settings(vec![
            (
                "home_improvement",
                ProductSettings {
                    waterfall: Some("interest,principal,fees".into()),
                    late_fee: Some("15.00".into()),
                    late_fee_min_shortfall: Some("5.00".into()),
                    nsf_fee: Some("20.00".into()),
                    refund: Some("check".into()),
                    due_date: DueDateSettings {
                        borrower_may: Some(false),
                        window_days: Some(20),
                        ..DueDateSettings::default()
                    },
                    ..ProductSettings::default()
                },
            ),
            (
                "medical",
                ProductSettings {
                    late_fee: Some("0".into()),
                    late_fee_percent: Some("5".into()),
                    late_fee_cap: Some("40.00".into()),
                    grace_period_days: Some(15),
                    day_count: Some("30/360".into()),
                    extra_default: Some("next_installment".into()),
                    autopay_frequencies: Some(vec!["monthly".into(), "biweekly".into()]),
                    ..ProductSettings::default()
                },
            ),
        ]);
        let c = catalog(&declared).unwrap();
        assert_eq!(c.names(), vec!["home_improvement", "medical", "standard"]);
        assert_eq!(c.standard(), &Product::standard());

        let home = c.get("home_improvement").unwrap();
        assert_eq!(home.waterfall.to_string(), "interest,principal,fees");
        assert_eq!(home.late_fee.fixed, Money::from_cents(1500));
        assert_eq!(home.late_fee.grace_period_days, 10, "the standard's");
        assert_eq!(home.late_fee.min_shortfall, Money::from_cents(500));
        assert_eq!(home.nsf_fee.fee, Some(Money::from_cents(2000)));
        assert_eq!(home.refund, RefundMethod::Check);
        assert!(!home.due_date.borrower_may);
        assert_eq!(home.due_date.window_days, 20);
        assert_eq!(
            home.due_date.once_in_months,
            DueDateRule::default().once_in_months
        );
        assert_eq!(home.day_count, DayCount::Actual365Fixed);

        let medical = c.get("medical").unwrap();
        assert_eq!(medical.late_fee.fixed, Money::ZERO);
        assert_eq!(medical.late_fee.percent, Rate::parse("5").unwrap());
        assert_eq!(medical.late_fee.cap, Some(Money::from_cents(4000)));
        assert_eq!(medical.late_fee.grace_period_days, 15);
        assert_eq!(medical.day_count, DayCount::Thirty360);
        assert_eq!(medical.extra_default, ExtraTo::NextInstallment);
        assert_eq!(medical.nsf_fee.fee, None);
        assert_eq!(medical.refund, RefundMethod::Ach);
        assert_eq!(
            medical.autopay_frequencies,
            AllowedFrequencies {
                twice_monthly: false,
                biweekly: true,
            }
        );
        assert_eq!(
            home.autopay_frequencies,
            AllowedFrequencies::default(),
            "monthly only unless configured"
        );
    }

    #[test]
    fn nothing_declared_is_the_standard_product_alone() {
        assert_eq!(catalog(&BTreeMap::new()).unwrap(), Catalog::default());
    }

    #[test]
    fn a_bad_value_is_refused_naming_its_product_and_key() {
        let cases = [
            (
                ProductSettings {
                    waterfall: Some("fees,fees,principal".into()),
                    ..ProductSettings::default()
                },
                "products.gold.waterfall",
            ),
            (
                ProductSettings {
                    late_fee: Some("25".into()),
                    nsf_fee: Some("-1.00".into()),
                    ..ProductSettings::default()
                },
                "products.gold.nsf_fee",
            ),
            (
                ProductSettings {
                    late_fee_percent: Some("150".into()),
                    ..ProductSettings::default()
                },
                "products.gold.late_fee_percent",
            ),
            (
                ProductSettings {
                    day_count: Some("actual/360".into()),
                    ..ProductSettings::default()
                },
                "products.gold.day_count",
            ),
            (
                ProductSettings {
                    refund: Some("wire".into()),
                    ..ProductSettings::default()
                },
                "products.gold.refund",
            ),
            (
                ProductSettings {
                    grace_period_days: Some(400),
                    ..ProductSettings::default()
                },
                "products.gold.grace_period_days",
            ),
            (
                ProductSettings {
                    autopay_frequencies: Some(vec!["biweekly".into(), "weekly".into()]),
                    ..ProductSettings::default()
                },
                "products.gold.autopay_frequencies \"weekly\"",
            ),
        ];
        for (s, says) in cases {
            let e = catalog(&settings(vec![("gold", s)])).unwrap_err();
            assert!(e.contains(says), "{e}");
        }
        let e = catalog(&settings(vec![("Gold Plus", ProductSettings::default())])).unwrap_err();
        assert!(e.contains("products.Gold Plus"), "{e}");
    }
}
