//! "What if I pay extra?" on a real store (SQLite, and PostgreSQL when configured), on the
//! demo portfolio: the answer `App::what_if` gives is what the replay that posts payments
//! produces when the loan's recorded history is followed by exactly those payments (the loan
//! paid off on the answer's date, with the answer's interest), for Maria's current, past-due
//! and boarded loans; an extra over the payoff is refused; another borrower's loan is `None`.

use app::App;
use domain::account_number::AccountNumber;
use domain::loan::{LoanStatus, Transaction, replay, replay_to_start_of};
use domain::payoff::payoff_quote;
use domain::what_if::{Projection, WhatIfError};
use money::Money;
use store::LoginId;
use test_support::apps::demo_apps;
use test_support::borrowers::{AISHA, MARIA, enrol, session};

/// Maria's loans: current, past due, boarded.
const MARIAS: [u64; 3] = [
    521_840_000_000_101,
    521_840_000_000_102,
    521_840_000_000_103,
];

fn m(text: &str) -> Money {
    Money::parse(text).unwrap()
}

async fn enrol_maria(app: &App) -> LoginId {
    let token = enrol(app, MARIA, "maria.lopez").await;
    session(app, &token).await.login().unwrap()
}

/// Replays `history` followed by `p`'s payments and checks it is the answer: paid off on the
/// answer's payoff date and not before, the last payment the payoff quoted for that date, and
/// the interest those payments paid the answer's.
fn assert_replay_agrees(
    what: &str,
    terms: &domain::loan::LoanTerms,
    history: &[Transaction],
    today: jiff::civil::Date,
    p: &Projection,
) {
    let mut all = history.to_vec();
    all.extend(p.payments.iter().copied());
    let end = replay(terms, &all, p.payoff_date);
    assert_eq!(end.status, LoanStatus::PaidOff, "{what}");
    assert!(end.balance().is_zero(), "{what}");
    assert!(
        end.unapplied.is_zero(),
        "{what}: no payment beyond the payoff"
    );
    let before_last = &all[..all.len() - 1];
    let quote = payoff_quote(terms, before_last, p.payoff_date).unwrap();
    assert_eq!(
        quote.total, p.last_payment,
        "{what}: the last payment is the payoff"
    );
    let eve = replay_to_start_of(terms, before_last, p.payoff_date);
    assert_eq!(
        eve.status,
        LoanStatus::Active,
        "{what}: not paid off before"
    );
    let paid_before = replay(terms, history, today).interest_paid;
    assert_eq!(
        end.interest_paid - paid_before,
        p.interest,
        "{what}: interest"
    );
    let paid: Money = p
        .payments
        .iter()
        .map(|t| match t.kind {
            domain::loan::TxnKind::Payment { amount, .. } => amount,
            _ => Money::ZERO,
        })
        .sum();
    assert_eq!(paid, p.paid, "{what}");
}

#[tokio::test]
async fn the_what_if_answer_is_the_replay_of_the_loan_after_those_payments() {
    for (app, _clock, db) in demo_apps("what_if_is_the_replay").await {
        let login = enrol_maria(&app).await;
        let today = app.business_date().await.unwrap();
        for base in MARIAS {
            let account = AccountNumber::from_base(base);
            let view = app.store().loan_view(account).await.unwrap().unwrap();
            let record = app.store().loan(view.loan).await.unwrap();
            let history = app.store().history(view.loan).await.unwrap();
            for monthly in [true, false] {
                let what = format!("{account} monthly={monthly}");
                let w = app
                    .what_if(login, account, m("50.00"), monthly)
                    .await
                    .unwrap()
                    .expect("Maria's loan")
                    .expect("an answer");
                assert_replay_agrees(&what, &record.terms, &history, today, &w.plan);
                assert_replay_agrees(&what, &record.terms, &history, today, &w.baseline);
                assert!(w.interest_saved().is_positive(), "{what}");
                assert!(w.plan.payoff_date <= w.baseline.payoff_date, "{what}");
                if monthly {
                    assert!(w.sooner(), "{what}: $50 a month shortens the loan");
                }
            }
        }
        db.finish().await;
    }
}

#[tokio::test]
async fn an_extra_over_the_payoff_is_refused_and_another_borrowers_loan_is_not_reached() {
    for (app, _clock, db) in demo_apps("what_if_refusals").await {
        let login = enrol_maria(&app).await;
        let current = AccountNumber::from_base(MARIAS[0]);
        let refused = app
            .what_if(login, current, m("999999.00"), false)
            .await
            .unwrap()
            .expect("Maria's loan");
        assert!(
            matches!(refused, Err(WhatIfError::OverPayoff { most, .. }) if most.is_positive()),
            "{refused:?}"
        );
        let aishas: AccountNumber = AISHA.0.parse().unwrap();
        assert!(
            app.what_if(login, aishas, m("50.00"), true)
                .await
                .unwrap()
                .is_none()
        );
        db.finish().await;
    }
}
