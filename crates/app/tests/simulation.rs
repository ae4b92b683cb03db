//! The simulation: a seeded portfolio boarded mid-life, closed every business day for three
//! years (2027 to 2029: month ends, 29 February 2028, every Federal Reserve holiday), with
//! on-time, partial, extra, late and no payments posted between runs, and bank payments the
//! bank returns two business days later (the payment then counts as never made: the
//! reference is recomputed from boarding without it), checked every day, for
//! every loan, to the cent, against a reference calculation written here from the rules in
//! docs/interest.md and docs/payment-application.md (exact integer rationals, nothing from
//! the domain crate): daily simple interest Actual/365 on the unpaid principal with the exact
//! remainder carried; payments split fees, then interest, then principal; a $25 late fee once
//! per installment due since boarding not covered by the end of its 10-day grace period. A failing seed is
//! printed; `SIMULATION_SEED=n` repeats it.

use app::payments::received::{PhoneBank, ReceivedPayment};
use domain::account_number::AccountNumber;
use domain::calendar::is_business_day;
use domain::loan::ExtraTo;
use domain::payment::PaymentChannel;
use jiff::civil::{Date, date};
use money::Money;

const LOANS: u64 = 16;
const FIRST_BASE: u64 = 521_840_300_000_000;
const START: Date = date(2027, 1, 4);
const END: Date = date(2029, 12, 31);

/// One loan as the reference sees it.
#[derive(Clone)]
struct Reference {
    principal: i128,
    interest: i128,
    fees: i128,
    /// Exact interest not yet posted, in cents × 365 × 10^8.
    remainder: i128,
    rate_micro: i128,
    /// (due date, amount) of each installment from boarding on.
    installments: Vec<(Date, i128)>,
    /// Payment money counted toward installments.
    credited: i128,
    late_charged: usize,
    paid_off: bool,
}

const DENOMINATOR: i128 = 365 * 100 * 1_000_000;

impl Reference {
    fn cumulative(&self, k: usize) -> i128 {
        self.installments[..=k].iter().map(|(_, a)| a).sum()
    }

    /// The start of `day`: late fees whose grace ended, then the day's payments.
    fn start_day(&mut self, day: Date, payments: &[i128]) {
        while self.late_charged < self.installments.len() {
            let (due, _) = self.installments[self.late_charged];
            if due.saturating_add(jiff::Span::new().days(10)) >= day {
                break;
            }
            // One that fell due before boarding had its late fee (if any) from the prior
            // servicer: it is in the opening fees.
            if !self.paid_off && due >= START && self.credited < self.cumulative(self.late_charged)
            {
                self.fees += 2_500;
            }
            self.late_charged += 1;
        }
        for &amount in payments {
            if self.paid_off {
                continue;
            }
            let mut left = amount;
            for bucket in [&mut self.fees, &mut self.interest, &mut self.principal] {
                let take = left.min(*bucket);
                *bucket -= take;
                left -= take;
            }
            // Extra goes to principal, so it counts toward installments only up to what is
            // billed through the next due date.
            let upto = self
                .installments
                .iter()
                .position(|(d, _)| *d >= day)
                .unwrap_or(self.installments.len() - 1);
            let billed = (self.cumulative(upto) - self.credited).max(0);
            self.credited += amount.min(billed);
            if self.principal + self.interest + self.fees == 0 {
                self.paid_off = true;
                self.remainder = 0;
            }
        }
    }

    /// The reference at the start of `day` from `boarded`, with the payments in `log` (day,
    /// amount) and no others: what a returned payment leaves.
    fn recomputed(boarded: &Reference, log: &[(Date, i128)], day: Date) -> Reference {
        let mut r = boarded.clone();
        let mut d = START;
        while d < day {
            let paid: Vec<i128> = log
                .iter()
                .filter(|(on, _)| *on == d)
                .map(|(_, a)| *a)
                .collect();
            r.start_day(d, &paid);
            r.end_day();
            d = d.tomorrow().unwrap();
        }
        r.start_day(day, &[]);
        r
    }

    /// The day's interest.
    fn end_day(&mut self) {
        if self.paid_off || self.principal <= 0 {
            return;
        }
        self.remainder += self.principal * self.rate_micro;
        self.interest += self.remainder / DENOMINATOR;
        self.remainder %= DENOMINATOR;
    }
}

/// What each loan does: 0 pays on time, 1 pays half, 2 pays $50 more, 3 pays 15 days late,
/// 4 pays nothing, 5 pays on time but skips every third month, 6 pays on time by bank (a
/// payment taken by phone, sent in the day's ACH file) and every other payment is returned
/// by the bank (R02, account closed) two business days later.
fn behaviour(seed: u64, i: u64) -> u64 {
    (seed.wrapping_mul(31).wrapping_add(i * 3)) % 7
}

/// A return the bank will send: the day it arrives, the ACH file's text, the entry's trace,
/// the loan, and the payment (day, cents).
type Return = (Date, Vec<u8>, String, usize, (Date, i128));

/// The bank account loan `i` pays from by phone.
fn bank_account(i: usize) -> String {
    format!("7700{i:04}")
}

#[tokio::test]
async fn three_years_of_business_days_match_an_independent_reference_to_the_cent() {
    let seed = std::env::var("SIMULATION_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| u64::try_from(jiff::Timestamp::now().as_second()).unwrap_or(7) % 1000);
    println!("simulation seed {seed} (SIMULATION_SEED={seed} repeats it)");
    let db = store::testing::sqlite("simulation").await;
    let (app, _clock) = app::clock::test_app(db.store.clone(), "2027-01-04T15:00:00Z");
    let dir = test_support::scratch::dir("simulation");
    let app = test_support::ach::with_files(
        app.with_cob(app::cob::CobSettings {
            print_dir: dir.clone(),
            ..Default::default()
        }),
        &dir,
    );
    let mut tx = db.store.begin().await.unwrap();
    tx.put_setting(app::BUSINESS_DATE, &START.to_string())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let loans = formats::boarding::synthetic(LOANS, FIRST_BASE + seed * 100, START);
    app.board(
        formats::boarding::write_loans(&loans).as_bytes(),
        None,
        false,
        &app::access::Actor::Operator("test"),
    )
    .await
    .unwrap();
    let mut refs: Vec<Reference> = loans
        .iter()
        .map(|l| Reference {
            principal: i128::from(l.current_principal.cents()),
            interest: i128::from(l.accrued_interest.cents()),
            fees: i128::from(l.fees_due.cents()),
            remainder: 0,
            rate_micro: i128::from(l.rate.micro_percent()),
            installments: l
                .remaining_installments()
                .iter()
                .map(|i| (i.due_date, i128::from(i.amount.cents())))
                .collect(),
            credited: 0,
            late_charged: 0,
            paid_off: false,
        })
        .collect();
    let boarded = refs.clone();
    // Each loan's payments in effect (day, cents), and the bank's returns to come.
    let mut logs: Vec<Vec<(Date, i128)>> = vec![Vec::new(); refs.len()];
    let mut returns: Vec<Return> = Vec::new();
    let mut by_bank: Vec<u64> = vec![0; refs.len()];
    let mut returned = 0_u64;
    let account =
        |i: usize| AccountNumber::from_base(FIRST_BASE + seed * 100 + u64::try_from(i).unwrap());
    let quiet = |_: &app::cob::Progress| {};
    let mut day = START;
    let mut paid: Vec<usize> = vec![0; refs.len()];
    let mut checked = 0_u64;
    while day <= END {
        assert!(
            is_business_day(day),
            "the business date {day} is a business day"
        );
        // The bank's returns due today: each payment is reversed as if never made.
        let (due, later): (Vec<_>, Vec<_>) = returns.into_iter().partition(|r| r.0 <= day);
        returns = later;
        for (_, file, trace, i, paid) in due {
            let ours = formats::nacha::parse(&file).unwrap();
            let answer = formats::nacha::bank::answer(
                &ours,
                &[(trace, formats::nacha::bank::Answer::Return("R02".into()))],
                &day.strftime("%y%m%d").to_string(),
            );
            let read = app
                .read_ach_returns(&format!("return-{i}-{day}.ach"), answer.as_bytes())
                .await
                .unwrap_or_else(|e| panic!("seed {seed}: loan {i}'s return on {day}: {e}"));
            assert_eq!(read.reversed, 1, "seed {seed}: loan {i}'s return on {day}");
            let at = logs[i].iter().position(|p| *p == paid).unwrap();
            logs[i].remove(at);
            refs[i] = Reference::recomputed(&boarded[i], &logs[i], day);
            returned += 1;
        }
        // Payments received today.
        let mut today: Vec<Vec<i128>> = vec![Vec::new(); refs.len()];
        for (i, r) in refs.iter().enumerate() {
            let b = behaviour(seed, u64::try_from(i).unwrap());
            let Some(&(due, amount)) = r.installments.get(paid[i]) else {
                continue;
            };
            let lag = if b == 3 { 15 } else { 0 };
            if r.paid_off || day < due.saturating_add(jiff::Span::new().days(lag)) {
                continue;
            }
            paid[i] += 1;
            let balance = r.principal + r.interest + r.fees;
            let wanted = match b {
                1 => amount / 2,
                2 => amount + 5_000,
                4 => 0,
                5 if paid[i].is_multiple_of(3) => 0,
                _ => amount,
            }
            .min(balance);
            if wanted > 0 {
                let cents = i64::try_from(wanted).unwrap();
                let bank = (b == 6).then(|| PhoneBank {
                    holder_name: "Simulated Borrower".into(),
                    routing_number: "231380104".into(),
                    account_number: bank_account(i),
                    account_type: "checking".into(),
                });
                app.post_received_payment(
                    &app::access::Actor::api_client("simulation", app::api_clients::Scopes::all()),
                    &format!("simulation-{seed}-{i}-{day}"),
                    &ReceivedPayment {
                        account: account(i),
                        amount: Money::from_cents(cents),
                        channel: if bank.is_some() {
                            PaymentChannel::Phone
                        } else {
                            PaymentChannel::Lockbox
                        },
                        received_on: None,
                        extra: ExtraTo::Principal,
                        bank,
                    },
                )
                .await
                .unwrap_or_else(|e| panic!("seed {seed}: loan {i} paying {cents} on {day}: {e}"));
                today[i].push(wanted);
                logs[i].push((day, wanted));
            }
        }
        // The day's ACH file at the cutoff: the bank payments taken today post as of today;
        // every other one of each loan will come back.
        let file = app
            .originate_ach(None)
            .await
            .unwrap_or_else(|e| panic!("seed {seed}: the ACH file of {day}: {e}"));
        if let Some(path) = &file.path {
            let text = std::fs::read(path).unwrap();
            for entry in formats::nacha::parse(&text).unwrap() {
                let i = (0..refs.len())
                    .find(|i| bank_account(*i) == entry.account_number)
                    .unwrap();
                by_bank[i] += 1;
                if by_bank[i] % 2 == 1 {
                    let mut back = day;
                    for _ in 0..2 {
                        back = domain::calendar::next_business_day(back);
                    }
                    let cents = i128::from(entry.amount.cents());
                    returns.push((back, text.clone(), entry.trace.clone(), i, (day, cents)));
                }
            }
        }
        app.close_of_business(None, "simulation", &quiet)
            .await
            .unwrap_or_else(|e| panic!("seed {seed}: closing {day}: {e}"));
        let next = app.business_date().await.unwrap();
        // The reference walks the same days: today's payments, then interest for every day
        // to the next business date (the weekend's and a holiday's included).
        let mut d = day;
        while d < next {
            for (i, r) in refs.iter_mut().enumerate() {
                r.start_day(d, if d == day { &today[i] } else { &[] });
                r.end_day();
            }
            d = d.tomorrow().unwrap();
        }
        for (i, r) in refs.iter_mut().enumerate() {
            r.start_day(next, &[]);
            let s = app
                .store()
                .loan_view(account(i))
                .await
                .unwrap()
                .unwrap()
                .snapshot;
            let cents = |m: Money| i128::from(m.cents());
            assert_eq!(
                (cents(s.principal), cents(s.interest), cents(s.fees)),
                (r.principal, r.interest, r.fees),
                "seed {seed}: loan {i} (behaviour {}) at the start of {next}: principal, interest, fees",
                behaviour(seed, u64::try_from(i).unwrap())
            );
            checked += 1;
        }
        // start_day is idempotent for `next` (no payments, late fees counted once); the
        // next loop's first call for `next` finds nothing new.
        day = next;
    }
    assert!(app.store().trial_balance(None).await.unwrap().is_balanced());
    assert!(
        refs.iter().any(|r| r.fees > 0),
        "some loans were charged late fees"
    );
    assert!(returned > 0, "some payments were returned");
    println!(
        "simulation seed {seed}: {LOANS} loans, {checked} loan-days checked to the cent through {END}, {returned} payments returned"
    );
    let _ = std::fs::remove_dir_all(&dir);
    db.finish().await;
}
