//! Issue 22, item 14: a year's summary is the activity's payments of that year added up, on a
//! real store (SQLite, and PostgreSQL when configured), for every loan of the demo portfolio:
//! the interest (and fees and principal) paid in a year is the sum of the interest parts of
//! the payments credited that year as the loan page shows them; every payment is in exactly
//! one year; the history has every line of the activity, oldest first; and a year outside the
//! loan's life has no summary.

use app::history::{totals_in, years_paid};
use app::portal::Activity;
use documents::history::LineKind;
use domain::account_number::AccountNumber;
use domain::loan::AppliedPayment;
use money::Money;
use test_support::apps::demo_apps;

/// The demo's loans: Maria's current, past-due and boarded loans, James's paid off, Aisha's.
const DEMO_LOANS: [u64; 5] = [
    521_840_000_000_101,
    521_840_000_000_102,
    521_840_000_000_103,
    521_840_000_000_201,
    521_840_000_000_301,
];

#[tokio::test]
async fn a_years_interest_paid_is_the_sum_of_the_interest_parts_of_that_years_payments() {
    for (app, _clock, db) in demo_apps("portal_history_years").await {
        let mut years_seen = 0;
        for base in DEMO_LOANS {
            let account = AccountNumber::from_base(base);
            let view = app.store().loan_view(account).await.unwrap().unwrap();
            let d = app.loan_details_of(view, None).await.unwrap();
            let what = account.to_string();
            let payments: Vec<AppliedPayment> = d
                .activity
                .iter()
                .filter_map(|a| match a {
                    Activity::Payment(p) => Some(*p),
                    _ => None,
                })
                .collect();
            let years = years_paid(&d.activity);
            for t in &years {
                let of_year: Vec<&AppliedPayment> = payments
                    .iter()
                    .filter(|p| p.date.year() == t.year)
                    .collect();
                assert!(!of_year.is_empty(), "{what} {}", t.year);
                let sum = |f: fn(&AppliedPayment) -> Money| -> Money {
                    of_year.iter().map(|p| f(p)).sum()
                };
                assert_eq!(t.interest, sum(|p| p.interest), "{what} {}", t.year);
                assert_eq!(t.fees, sum(|p| p.fees), "{what} {}", t.year);
                assert_eq!(t.principal, sum(|p| p.principal), "{what} {}", t.year);
                assert_eq!(t.received, sum(|p| p.amount), "{what} {}", t.year);
                assert_eq!(
                    usize::try_from(t.payments).unwrap(),
                    of_year.len(),
                    "{what} {}",
                    t.year
                );
                let s = app
                    .year_summary_of(&d, t.year)
                    .expect("a year with payments has a summary");
                assert_eq!(
                    (s.interest, s.fees, s.principal, s.payments),
                    (t.interest, t.fees, t.principal, t.payments),
                    "{what} {}",
                    t.year
                );
                assert_eq!(totals_in(&d.activity, t.year), *t);
                years_seen += 1;
            }
            // Every payment is in exactly one year.
            let interest: Money = years.iter().map(|t| t.interest).sum();
            assert_eq!(
                interest,
                payments.iter().map(|p| p.interest).sum::<Money>(),
                "{what}"
            );
            // This year always has a summary (of nothing, if nothing was paid); a year after
            // it, or long before the loan, has none.
            let this_year = d.business_date.year();
            assert!(app.year_summary_of(&d, this_year).is_some(), "{what}");
            assert!(app.year_summary_of(&d, this_year + 1).is_none(), "{what}");
            assert!(app.year_summary_of(&d, 1999).is_none(), "{what}");
            // The history is the activity, oldest first.
            let h = app.history_of(&d);
            assert_eq!(h.lines.len(), d.activity.len(), "{what}");
            assert_eq!(
                h.lines
                    .iter()
                    .filter(|l| l.kind == LineKind::Payment)
                    .count(),
                payments.len(),
                "{what}"
            );
            assert!(
                h.lines.windows(2).all(|w| w[0].date <= w[1].date),
                "{what}: oldest first"
            );
        }
        assert!(years_seen > 0, "the demo's loans have payments");
        db.finish().await;
    }
}
