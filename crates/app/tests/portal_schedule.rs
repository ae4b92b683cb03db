//! The portal's schedule adds up and tells the truth, on a real store (SQLite, and PostgreSQL
//! when configured), for every loan of the demo portfolio: every row's payment is its fees
//! plus interest plus principal; the paid rows' payments are the activity's, split as applied;
//! the projected rows end at zero principal; and the boarded loan, behind its amortization,
//! ends with a true-up that its final installment, its last row and the payoff on that date
//! agree on, and that the borrower is warned of.

use app::portal::{Activity, larger_final_payment};
use domain::account_number::AccountNumber;
use domain::loan::replay_to_start_of;
use domain::payoff::payoff_quote;
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

/// The boarded one.
const BOARDED: u64 = 521_840_000_000_103;

#[tokio::test]
async fn every_demo_schedule_adds_up_matches_the_activity_and_ends_at_zero() {
    for (app, _clock, db) in demo_apps("portal_schedule_adds_up").await {
        for base in DEMO_LOANS {
            let account = AccountNumber::from_base(base);
            let view = app.store().loan_view(account).await.unwrap().unwrap();
            let d = app.loan_details_of(view, None).await.unwrap();
            let what = account.to_string();
            assert_eq!(
                d.schedule.len(),
                d.record.terms.installments.len(),
                "{what}"
            );
            for r in &d.schedule {
                assert_eq!(
                    r.amount,
                    r.fees + r.interest + r.principal,
                    "{what} row {}",
                    r.number
                );
                assert!(r.applied <= r.amount, "{what} row {}", r.number);
            }
            // The rows' payments are the activity's payments, split the same way: in the demo
            // each payment pays one installment, so the paid rows are the payments in order.
            let oldest_first: Vec<_> = d
                .activity
                .iter()
                .rev()
                .filter_map(|a| match a {
                    Activity::Payment(p) => Some(*p),
                    _ => None,
                })
                .collect();
            let applied: Money = d.schedule.iter().map(|r| r.applied).sum();
            let made: Money = oldest_first
                .iter()
                .map(|p| p.fees + p.interest + p.principal)
                .sum();
            assert_eq!(applied, made, "{what}");
            let settled: Vec<_> = d.schedule.iter().filter(|r| r.is_paid()).collect();
            assert_eq!(settled.len(), oldest_first.len(), "{what}");
            for (r, p) in settled.iter().zip(&oldest_first) {
                assert_eq!(
                    r.amount, r.applied,
                    "{what}: a paid row is only payments made"
                );
                assert_eq!(
                    (r.fees, r.interest, r.principal),
                    (p.fees, p.interest, p.principal),
                    "{what} row {}",
                    r.number
                );
            }
            // Principal runs down row by row to zero.
            let mut principal = d.record.terms.opening.principal;
            for r in &d.schedule {
                principal -= r.principal;
                assert_eq!(r.balance, principal, "{what} row {}", r.number);
            }
            assert_eq!(principal, Money::ZERO, "{what}: the schedule ends at zero");
            if d.state.status == domain::loan::LoanStatus::Active {
                assert!(d.schedule.last().unwrap().projected, "{what}");
            } else {
                assert!(d.schedule.iter().all(|r| r.is_paid()), "{what}");
            }
        }
        db.finish().await;
    }
}

#[tokio::test]
async fn the_boarded_loans_true_up_is_its_final_installment_its_last_row_and_its_payoff() {
    for (app, _clock, db) in demo_apps("portal_schedule_true_up").await {
        let account = AccountNumber::from_base(BOARDED);
        let view = app.store().loan_view(account).await.unwrap().unwrap();
        let d = app.loan_details_of(view, None).await.unwrap();
        let what = "the boarded loan";
        let terms = &d.record.terms;
        let regular = terms.installments[0].amount;
        assert_eq!(regular, Money::parse("242.84").unwrap(), "{what}");
        let last_installment = *terms.installments.last().unwrap();
        let last = *d.schedule.last().unwrap();
        assert!(
            last_installment.amount > regular + Money::parse("100.00").unwrap(),
            "{what}: the boarded final installment is the true-up, {}",
            last_installment.amount
        );
        assert_eq!(last.amount, last.interest + last.principal, "{what}");
        assert_eq!(last.balance, Money::ZERO, "{what}");
        // Paid on every due date, the loan is paid off by the final installment exactly: the
        // installment, the schedule's last row and the payoff quote on that date agree.
        assert_eq!(last.amount, last_installment.amount, "{what}");
        let history = app.store().history(d.view.loan).await.unwrap();
        assert!(history.is_empty(), "{what}: nothing paid here yet");
        let mut paid = Vec::new();
        for (n, i) in (1_u64..).zip(&terms.installments) {
            if i.number == last_installment.number {
                break;
            }
            paid.push(domain::loan::Transaction {
                id: domain::loan::TxnId(n),
                date: i.due_date,
                kind: domain::loan::TxnKind::Payment {
                    amount: i.amount,
                    extra: domain::loan::ExtraTo::Principal,
                },
            });
        }
        let payoff = payoff_quote(terms, &paid, last_installment.due_date).unwrap();
        assert_eq!(payoff.total, last_installment.amount, "{what}");
        let state = replay_to_start_of(terms, &paid, last_installment.due_date);
        assert_eq!(state.amount_due(), last_installment.amount, "{what}");
        // The borrower is told, with the date and the amount.
        let warned = larger_final_payment(&d.schedule).expect("a larger last payment");
        assert_eq!(
            (warned.due_date, warned.to_pay()),
            (last_installment.due_date, last_installment.amount)
        );
        db.finish().await;
    }
}

#[tokio::test]
async fn a_loan_made_here_warns_of_no_larger_last_payment() {
    for (app, _clock, db) in demo_apps("portal_schedule_no_warning").await {
        for base in [521_840_000_000_101, 521_840_000_000_301] {
            let view = app
                .store()
                .loan_view(AccountNumber::from_base(base))
                .await
                .unwrap()
                .unwrap();
            let d = app.loan_details_of(view, None).await.unwrap();
            assert!(larger_final_payment(&d.schedule).is_none(), "{base}");
        }
        db.finish().await;
    }
}
