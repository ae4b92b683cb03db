//! The bench's file is what it claims to be: every check names its loan the way the plan
//! says, so the counts the import is checked against are right.

use super::*;
use std::collections::HashSet;

fn loans(n: u64) -> Vec<Named> {
    (0..n)
        .map(|i| Named {
            account: AccountNumber::from_base(BASE + i),
            payer: format!("Payer {i}"),
            amount_due: Money::from_cents(45_678),
            facts: LoanFacts {
                status: domain::loan::LoanStatus::Active,
                payoff: Money::from_cents(1_000_000),
                stop: None,
            },
        })
        .collect()
}

#[test]
fn every_check_names_its_loan_as_planned() {
    let items = 2_000;
    let named = loans(items * 2);
    let plan = plan_file(1, items, &named).unwrap();
    let text = formats::lockbox::write(&plan.file);
    let file = formats::lockbox::read(text.as_bytes()).unwrap();
    assert_eq!(file.count(), 2_000);
    for ((_, _, check), k) in file.checks().zip(0..) {
        let g = items + k;
        let loan = &named[usize::try_from(g).unwrap()];
        let found = identify(&check.memo);
        match Kind::of(g) {
            Kind::Coupon => assert_eq!(
                found,
                Identified::Coupon(domain::remittance::ScanLine {
                    account: loan.account,
                    amount_due: loan.amount_due,
                }),
                "{check:?}"
            ),
            Kind::Memo => assert_eq!(found, Identified::Memo(loan.account), "{check:?}"),
            Kind::Mistyped => {
                assert!(matches!(found, Identified::Mistyped { .. }), "{check:?}");
            }
            Kind::NoAccount => assert_eq!(found, Identified::Nothing, "{check:?}"),
            Kind::Unknown => assert!(
                matches!(found, Identified::Memo(a) if a != loan.account),
                "{check:?}"
            ),
        }
    }
    // Every kind is there; with every loan open and far from paid off, exactly the coupons
    // and memo lines post.
    assert!(plan.kinds.iter().all(|n| *n > 0), "{:?}", plan.kinds);
    assert_eq!(plan.posts + plan.exceptions, 2_000);
    assert_eq!(plan.posts, plan.kinds[0] + plan.kinds[1]);
    assert_eq!(plan.posts_total + plan.exceptions_total, file.total());
}

#[test]
fn no_two_checks_name_one_loan() {
    for n in [1_u64, 2, 6, 999, 1_000, 4_096, 10_007, 30_000] {
        let spread = Spread::new(n);
        let named: HashSet<u64> = (0..n).map(|g| spread.loan(g)).collect();
        assert_eq!(named.len(), usize::try_from(n).unwrap(), "{n} loans");
        assert!(named.iter().all(|i| *i < n));
    }
}
