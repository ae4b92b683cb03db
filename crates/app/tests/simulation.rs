//! The simulation: a seeded portfolio boarded mid-life, closed every business day for three
//! years (2027 to 2029: month ends, 29 February 2028, every Federal Reserve holiday), with
//! on-time, partial, extra, late and no payments posted between runs, and bank payments the
//! bank returns two business days later (the payment then counts as never made: the
//! reference is recomputed from boarding without it), checked every day, for
//! every loan, to the cent, against a reference calculation written here from the rules in
//! docs/interest.md and docs/payment-application.md (exact integer rationals, nothing from
//! the domain crate): daily simple interest Actual/365 on the unpaid principal with the exact
//! remainder carried; payments split fees, then interest, then principal, anything beyond
//! the balance held as unapplied funds; a $25 late fee once per installment due since boarding
//! not covered by the end of its 10-day grace period. A failing seed is printed;
//! `SIMULATION_SEED=n` repeats it.
//!
//! Staff act too (issue 20), as a supervisor through the real use cases, on the first business
//! day of a month for a quarter of the loans in turn, and the reference follows each from the
//! rules in docs/servicing-actions.md: fees or interest waived (at most what is outstanding
//! then), a waiver undone (the reference recomputes the loan from boarding without it), a
//! payment by check reversed three payments back (recomputed without it, so every later
//! payment re-splits; the standard product has no NSF fee), the due date moved (the first
//! installment due on or after the day of the change goes to the new day in the nearest month,
//! every later one by the same number of months, so late fees and the next due date follow the
//! new dates), and what every other check-paying loan overpays at payoff refunded by check once
//! it has cleared. A refusal the rules predict (nothing to waive, a payment already reversed, a
//! waiver already undone, a due date that may not move now and why, money not yet cleared) is
//! predicted by the reference and must be the app's answer. The reference takes from outside
//! itself only configuration and words: the standard product's due-date rule
//! (`Product::standard()`), the refund return window (`app::refunds::RETURN_WINDOW_DAYS`),
//! the refusals' names (`DueDateRefusal`), and the ids of the transactions staff take back
//! (read from the loan's history). After every action the loan's snapshot equals a full replay
//! of its history (`replay_to_start_of`, the app checked against itself, not the reference),
//! its books hold what the replay says, and the whole ledger balances.

use app::access::{Actor, Role};
use app::due_date::DueDateChange;
use app::payments::received::{PhoneBank, ReceivedPayment};
use app::refunds::{RETURN_WINDOW_DAYS, RefundRequest, RefundTo};
use app::servicing::{
    FeeWaiver, InterestWaiver, PaymentReversal, ReversalReason, ServicingError, WaiverReason,
    WaiverUndo,
};
use domain::account_number::AccountNumber;
use domain::calendar::is_business_day;
use domain::due_date::DueDateRefusal;
use domain::ledger::Account;
use domain::loan::{ExtraTo, TxnKind, replay_to_start_of};
use domain::payment::PaymentChannel;
use domain::product::Product;
use jiff::Span;
use jiff::civil::{Date, date};
use money::Money;
use store::{LoanId, PaymentId};

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
    /// Money received beyond the balance (or after payoff), less what was refunded.
    unapplied: i128,
    /// Exact interest not yet posted, in cents × 365 × 10^8.
    remainder: i128,
    rate_micro: i128,
    /// (due date, amount) of each installment from boarding on, as the due-date changes in
    /// effect moved them.
    installments: Vec<(Date, i128)>,
    /// Payment money counted toward installments.
    credited: i128,
    late_charged: usize,
    paid_off: bool,
}

const DENOMINATOR: i128 = 365 * 100 * 1_000_000;

/// Something done to a loan, replayed by the reference on its day in the order it was done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    /// A payment of this many cents.
    Payment(i128),
    /// Fees waived (at most those outstanding then).
    WaiveFees(i128),
    /// Interest waived (at most that outstanding then).
    WaiveInterest(i128),
    /// Unapplied funds refunded (all of those held when it was decided; any part they no
    /// longer hold when replayed is owed back, with the fees).
    Refund(i128),
    /// Installments due from the op's day on moved to this day of the month.
    DueDay(i8),
}

/// What names an op that staff may take back later.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Id {
    /// A payment by check, by its row.
    Payment(PaymentId),
    /// A waiver, by its transaction in the loan's history.
    Waiver(i64),
}

/// An op of a loan's log: its day, what it did, and what names it if it may be taken back.
#[derive(Clone, Copy, Debug)]
struct Logged {
    day: Date,
    op: Op,
    id: Option<Id>,
}

impl Reference {
    fn cumulative(&self, k: usize) -> i128 {
        self.installments[..=k].iter().map(|(_, a)| a).sum()
    }

    fn balance(&self) -> i128 {
        self.principal + self.interest + self.fees
    }

    /// Whether installment `k` is paid in full: the money credited, taken in due-date order,
    /// covers it and every one before it (all of them are, once the loan is paid off).
    fn is_paid(&self, k: usize) -> bool {
        self.paid_off || self.credited >= self.cumulative(k)
    }

    /// The due date of the first installment not paid in full.
    fn next_due(&self) -> Option<Date> {
        if self.paid_off {
            return None;
        }
        let mut owed = 0;
        self.installments
            .iter()
            .find(|(_, amount)| {
                owed += amount;
                self.credited < owed
            })
            .map(|(due, _)| *due)
    }

    /// The start of `day`: late fees whose grace ended (the day's ops are applied as they
    /// are done, with [`Reference::apply`]).
    fn start_day(&mut self, day: Date) {
        while self.late_charged < self.installments.len() {
            let (due, _) = self.installments[self.late_charged];
            if due.saturating_add(Span::new().days(10)) >= day {
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
    }

    /// `op`, done on `day` (after the day's late fees).
    fn apply(&mut self, op: Op, day: Date) {
        match op {
            Op::Payment(amount) => self.pay(amount, day),
            Op::WaiveFees(amount) => {
                self.fees -= amount.min(self.fees);
                self.settle();
            }
            Op::WaiveInterest(amount) => {
                self.interest -= amount.min(self.interest);
                self.settle();
            }
            Op::Refund(amount) => {
                // A refund takes its whole amount: what the unapplied funds no longer hold (a
                // payment that funded them taken back since) is owed back at once, with the
                // fees; a loan paid off is open again, its installments still paid (ADR 0033).
                let covered = amount.min(self.unapplied);
                self.unapplied -= covered;
                let owed = amount - covered;
                if owed > 0 {
                    self.fees += owed;
                    if self.paid_off {
                        let all = self.cumulative(self.installments.len() - 1);
                        self.credited = self.credited.max(all);
                        self.paid_off = false;
                    }
                }
            }
            // The schedule is amended before the replay begins (`Reference::recomputed`).
            Op::DueDay(_) => {}
        }
    }

    fn pay(&mut self, amount: i128, day: Date) {
        if self.paid_off {
            self.unapplied += amount;
            return;
        }
        let mut left = amount;
        for bucket in [&mut self.fees, &mut self.interest, &mut self.principal] {
            let take = left.min(*bucket);
            *bucket -= take;
            left -= take;
        }
        self.unapplied += left;
        // Extra goes to principal, so it counts toward installments only up to what is
        // billed through the next due date.
        let upto = self
            .installments
            .iter()
            .position(|(d, _)| *d >= day)
            .unwrap_or(self.installments.len() - 1);
        let billed = (self.cumulative(upto) - self.credited).max(0);
        self.credited += amount.min(billed);
        self.settle();
    }

    /// Paid off when nothing is owed: the sub-cent remainder is forgiven.
    fn settle(&mut self) {
        if !self.paid_off && self.balance() == 0 {
            self.paid_off = true;
            self.remainder = 0;
        }
    }

    /// The reference at the start of `day` (its late fees and the ops done so far that day
    /// included) from `boarded`, with the ops in `log` and no others: what a return, a
    /// reversal or an undo leaves. The schedule is the boarded one with every due-date
    /// change of the log made, oldest first, from the start: a change moves only installments
    /// due on or after its own day, so the days before it replay as they did (ADR 0021).
    fn recomputed(boarded: &Reference, log: &[Logged], day: Date) -> Reference {
        let mut r = boarded.clone();
        for l in log {
            if let Op::DueDay(new) = l.op {
                r.installments = moved(&r.installments, l.day, new);
            }
        }
        let mut d = START;
        loop {
            r.start_day(d);
            for l in log.iter().filter(|l| l.day == d) {
                r.apply(l.op, d);
            }
            if d >= day {
                return r;
            }
            r.end_day();
            d = d.tomorrow().unwrap();
        }
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

    /// Why moving the due day to `day` on `today` is refused under the standard product's
    /// rule, the first reason in the order the rule checks them (docs/servicing-actions.md);
    /// `None` when it is allowed. `last_change`: the day of the loan's latest change.
    fn due_day_refusal(
        &self,
        today: Date,
        day: i8,
        last_change: Option<Date>,
    ) -> Option<DueDateRefusal> {
        let rule = Product::standard().due_date;
        // Past due: an installment due before today not paid in full, or fees owed.
        let unpaid = self
            .installments
            .iter()
            .rposition(|(due, _)| *due < today)
            .map_or(0, |k| (self.cumulative(k) - self.credited).max(0));
        if !self.paid_off && (unpaid + self.fees).min(self.balance()) > 0 {
            return Some(DueDateRefusal::PastDue);
        }
        // The next payment owed: the first installment due from today on not paid in full.
        let next = (0..self.installments.len())
            .find(|k| self.installments[*k].0 >= today && !self.is_paid(*k));
        let (Some(next), false) = (next, self.paid_off) else {
            return Some(DueDateRefusal::NothingLeft);
        };
        if let Some(last) = last_change {
            let next_allowed =
                last.saturating_add(Span::new().months(i64::from(rule.once_in_months)));
            if next_allowed > today {
                return Some(DueDateRefusal::TooSoon { next_allowed });
            }
        }
        let amended = moved(&self.installments, today, day);
        if !amended.windows(2).all(|w| w[0].0 < w[1].0) {
            return Some(DueDateRefusal::NotAllowed);
        }
        let (old, new) = (self.installments[next].0, amended[next].0);
        if new == old {
            return Some(DueDateRefusal::SameDay);
        }
        if days_from(old, new).abs() > i64::from(rule.window_days) {
            return Some(DueDateRefusal::OutsideWindow {
                window_days: rule.window_days,
            });
        }
        let earliest = today.saturating_add(Span::new().days(i64::from(rule.min_notice_days)));
        if new < earliest {
            return Some(DueDateRefusal::TooClose { earliest });
        }
        None
    }

    /// Why refunding `amount` of the money held on `today` is refused for money not yet
    /// cleared: the payments in `log` credited in the last ten days can still come back, so
    /// only what is held beyond them has cleared. What has, and the day `amount` will have
    /// (as those payments clear one by one); `None` when it has.
    fn not_cleared(&self, log: &[Logged], today: Date, amount: i128) -> Option<(i128, Date)> {
        let window = Span::new().days(RETURN_WINDOW_DAYS);
        let since = today.saturating_sub(window);
        // (the day it clears, cents) of each payment still in its window.
        let open: Vec<(Date, i128)> = log
            .iter()
            .filter_map(|l| match l.op {
                Op::Payment(cents) if l.day > since => Some((l.day.saturating_add(window), cents)),
                _ => None,
            })
            .collect();
        let cleared_after = |day: Option<Date>| {
            let still: i128 = open
                .iter()
                .filter(|(clears, _)| day.is_none_or(|d| *clears > d))
                .map(|(_, cents)| cents)
                .sum();
            (self.unapplied - still).max(0)
        };
        if amount <= cleared_after(None) {
            return None;
        }
        let mut days: Vec<Date> = open.iter().map(|(clears, _)| *clears).collect();
        days.sort_unstable();
        days.dedup();
        let clears_on = days
            .iter()
            .copied()
            .find(|d| cleared_after(Some(*d)) >= amount)
            .or(days.last().copied())?;
        Some((cleared_after(None), clears_on))
    }
}

/// `installments` with the due day moved to `day` from `effective` on: the first one due on
/// or after `effective` goes to `day` in the month before its own, its own or the month
/// after, whichever is nearest its old date (a tie to the later), and every one after it
/// moves by the same number of months onto `day`.
fn moved(installments: &[(Date, i128)], effective: Date, day: i8) -> Vec<(Date, i128)> {
    let mut out = installments.to_vec();
    let Some(first) = out.iter().position(|(due, _)| *due >= effective) else {
        return out;
    };
    let old = out[first].0;
    let mut best: Option<(i64, i32, Date)> = None;
    for months in [-1, 0, 1] {
        let candidate = on_day(old, months, day);
        let distance = days_from(old, candidate).abs();
        let better = best.is_none_or(|(shortest, _, chosen)| {
            distance < shortest || (distance == shortest && candidate > chosen)
        });
        if better {
            best = Some((distance, months, candidate));
        }
    }
    let months = best.map_or(0, |(_, months, _)| months);
    for (due, _) in &mut out[first..] {
        *due = on_day(*due, months, day);
    }
    out
}

/// `day` of the month `months` months after the month of `d` (before it when negative).
fn on_day(d: Date, months: i32, day: i8) -> Date {
    let index = i32::from(d.year()) * 12 + i32::from(d.month()) - 1 + months;
    date(
        i16::try_from(index.div_euclid(12)).unwrap(),
        i8::try_from(index.rem_euclid(12) + 1).unwrap(),
        day,
    )
}

/// Days from `a` to `b` (negative when `b` is earlier).
fn days_from(a: Date, b: Date) -> i64 {
    i64::from(a.until(b).unwrap().get_days())
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

/// One loan of the portfolio: the reference as boarded and now, everything in effect, and
/// what the simulation keeps of its own.
struct Sim {
    account: AccountNumber,
    loan: LoanId,
    behaviour: u64,
    boarded: Reference,
    r: Reference,
    /// Every op in effect, in the order done.
    log: Vec<Logged>,
    /// Installments the borrower has paid (or chosen not to pay) so far.
    paid: usize,
    /// Bank payments sent in ACH files.
    by_bank: u64,
    /// Waivers in force (their transactions), oldest first.
    waivers: Vec<i64>,
    /// A refund of the money held was tried before it cleared (and refused).
    refund_tried: bool,
}

impl Sim {
    /// Records `op`, done on `day` (before the day's payments, or as the day's payment): in
    /// the log, and in the reference, at once, or for a due-date change (which amends the
    /// schedule from boarding on) by recomputing from boarding.
    fn record(&mut self, day: Date, op: Op, id: Option<Id>) {
        self.log.push(Logged { day, op, id });
        if matches!(op, Op::DueDay(_)) {
            self.r = Reference::recomputed(&self.boarded, &self.log, day);
        } else {
            self.r.apply(op, day);
        }
    }

    /// Takes the op named `id` out of the log (staff reversed or undid it on `day`) and
    /// recomputes the reference from boarding without it.
    fn take_back(&mut self, id: Id, day: Date) {
        let at = self.log.iter().position(|l| l.id == Some(id)).unwrap();
        self.log.remove(at);
        self.r = Reference::recomputed(&self.boarded, &self.log, day);
    }

    /// An idempotency key of its own for action `what` on `day`.
    fn key(&self, seed: u64, day: Date, what: &str) -> String {
        format!("sim-{seed}-{}-{day}-{what}", self.account)
    }
}

/// A servicing action staff take in turn.
#[derive(Clone, Copy, Debug)]
enum Action {
    WaiveFees,
    MoveDueDate,
    WaiveInterest,
    Reverse,
    Undo,
}

/// The actions in the order each loan's turns take them (a due-date change twice: the second
/// may come too soon after the first).
const ROTATION: [Action; 6] = [
    Action::WaiveFees,
    Action::MoveDueDate,
    Action::WaiveInterest,
    Action::MoveDueDate,
    Action::Reverse,
    Action::Undo,
];

/// What staff did, and what the app refused as the reference predicted.
#[derive(Default)]
struct Counts {
    returned: u64,
    fee_waivers: u64,
    interest_waivers: u64,
    undone: u64,
    reversed: u64,
    due_dates_moved: u64,
    refunds: u64,
    refused: u64,
}

/// The supervisor who takes every servicing action (the use cases called directly, as the
/// four-eyes dispatch calls them once a request is approved).
fn supervisor() -> Actor {
    Actor::Staff {
        id: store::StaffId(7),
        role: Role::Supervisor,
    }
}

/// Cents as money.
fn of_cents(cents: i128) -> Money {
    Money::from_cents(i64::try_from(cents).unwrap())
}

/// Money as cents.
fn to_cents(m: Money) -> i128 {
    i128::from(m.cents())
}

/// The id of the newest transaction of `loan`'s history that `is` picks (the one an action
/// just appended).
async fn newest(app: &app::App, loan: LoanId, is: fn(&TxnKind) -> bool) -> i64 {
    let history = app.store().history(loan).await.unwrap();
    let txn = history
        .iter()
        .filter(|t| is(&t.kind))
        .map(|t| t.id)
        .max()
        .expect("the action is in the loan's history");
    i64::try_from(txn.0).unwrap()
}

/// After an action on `s`: its snapshot is a full replay of its history to the start of the
/// business date, its books hold what the replay says, and the whole ledger balances.
async fn assert_replayed(app: &app::App, s: &Sim, context: &str) {
    let view = app.store().loan_view(s.account).await.unwrap().unwrap();
    let record = app.store().loan(s.loan).await.unwrap();
    let history = app.store().history(s.loan).await.unwrap();
    let today = app.business_date().await.unwrap();
    let state = replay_to_start_of(&record.terms, &history, today);
    let v = &view.snapshot;
    assert_eq!(
        (
            v.principal,
            v.interest,
            v.fees,
            v.unapplied,
            v.next_due_date
        ),
        (
            state.principal,
            state.interest,
            state.fees,
            state.unapplied,
            state.next_due().map(|i| i.due_date)
        ),
        "{context}: the snapshot is a full replay"
    );
    let books = app.store().trial_balance(Some(s.loan)).await.unwrap();
    assert_eq!(
        (
            books.net(Account::PrincipalReceivable),
            books.net(Account::InterestReceivable),
            books.net(Account::FeesReceivable),
            Money::ZERO - books.net(Account::UnappliedFunds)
        ),
        (state.principal, state.interest, state.fees, state.unapplied),
        "{context}: the books hold what the replay says"
    );
    test_support::ledger::assert_books_balance(app.store()).await;
}

/// Takes action `what` on loan `s` on `day`, and the reference follows.
async fn act(app: &app::App, seed: u64, day: Date, s: &mut Sim, what: Action, n: &mut Counts) {
    match what {
        Action::WaiveFees => waive_fees(app, seed, day, s, n).await,
        Action::WaiveInterest => waive_interest(app, seed, day, s, n).await,
        Action::Undo => undo(app, seed, day, s, n).await,
        // The bank's payments are the bank's to return; a paid-off loan is left alone.
        Action::Reverse if s.behaviour != 6 && !s.r.paid_off => {
            reverse(app, seed, day, s, n).await;
        }
        Action::Reverse => {}
        Action::MoveDueDate => move_due_date(app, seed, day, s, n).await,
    }
}

/// Waives up to one late fee of the fees outstanding; with none outstanding, the refusal the
/// reference predicts.
async fn waive_fees(app: &app::App, seed: u64, day: Date, s: &mut Sim, n: &mut Counts) {
    let owed = s.r.fees;
    let asked = if owed > 0 { owed.min(2_500) } else { 2_500 };
    let w = FeeWaiver {
        account: s.account,
        amount: of_cents(asked),
        reason: WaiverReason::ALL[s.log.len() % WaiverReason::ALL.len()],
        note: "Simulated fee waiver".into(),
    };
    let answer = app
        .waive_fees(&supervisor(), &s.key(seed, day, "fees"), &w)
        .await;
    if owed == 0 {
        assert!(
            matches!(&answer, Err(ServicingError::MoreThanOutstanding { outstanding })
                if *outstanding == Money::ZERO),
            "seed {seed}: waiving fees of loan {} on {day} with none owed: {answer:?}",
            s.account
        );
        n.refused += 1;
        return;
    }
    let waived = answer.unwrap_or_else(|e| {
        panic!(
            "seed {seed}: waiving fees of loan {} on {day}: {e}",
            s.account
        )
    });
    let txn = newest(app, s.loan, |k| matches!(k, TxnKind::FeeWaiver { .. })).await;
    s.record(day, Op::WaiveFees(asked), Some(Id::Waiver(txn)));
    s.waivers.push(txn);
    assert_eq!(
        waived.fees_left,
        of_cents(s.r.fees),
        "seed {seed}: fees of loan {} left after the waiver on {day}",
        s.account
    );
    n.fee_waivers += 1;
}

/// Waives half the interest outstanding; with none outstanding, the refusal the reference
/// predicts.
async fn waive_interest(app: &app::App, seed: u64, day: Date, s: &mut Sim, n: &mut Counts) {
    let owed = s.r.interest;
    let asked = if owed > 0 { owed - owed / 2 } else { 100 };
    let w = InterestWaiver {
        account: s.account,
        amount: of_cents(asked),
        reason: WaiverReason::ALL[s.log.len() % WaiverReason::ALL.len()],
        note: "Simulated interest waiver".into(),
    };
    let answer = app
        .waive_interest(&supervisor(), &s.key(seed, day, "interest"), &w)
        .await;
    if owed == 0 {
        assert!(
            matches!(&answer, Err(ServicingError::MoreThanInterest { outstanding })
                if *outstanding == Money::ZERO),
            "seed {seed}: waiving interest of loan {} on {day} with none owed: {answer:?}",
            s.account
        );
        n.refused += 1;
        return;
    }
    let waived = answer.unwrap_or_else(|e| {
        panic!(
            "seed {seed}: waiving interest of loan {} on {day}: {e}",
            s.account
        )
    });
    let txn = newest(app, s.loan, |k| matches!(k, TxnKind::InterestWaiver { .. })).await;
    s.record(day, Op::WaiveInterest(asked), Some(Id::Waiver(txn)));
    s.waivers.push(txn);
    assert_eq!(
        waived.interest_left,
        of_cents(s.r.interest),
        "seed {seed}: interest of loan {} left after the waiver on {day}",
        s.account
    );
    n.interest_waivers += 1;
}

/// Undoes the newest waiver in force (as if it had never been made); undoing it again is
/// refused, as no waiver with its id is in force.
async fn undo(app: &app::App, seed: u64, day: Date, s: &mut Sim, n: &mut Counts) {
    let Some(txn) = s.waivers.pop() else {
        return;
    };
    let u = WaiverUndo {
        account: s.account,
        txn,
        note: "Simulated undo".into(),
    };
    let done = app
        .undo_waiver(&supervisor(), &s.key(seed, day, "undo"), &u)
        .await
        .unwrap_or_else(|e| {
            panic!(
                "seed {seed}: undoing waiver {txn} of loan {} on {day}: {e}",
                s.account
            )
        });
    s.take_back(Id::Waiver(txn), day);
    assert_eq!(
        (done.fees_left, done.interest_left),
        (of_cents(s.r.fees), of_cents(s.r.interest)),
        "seed {seed}: loan {} after undoing waiver {txn} on {day}: fees, interest",
        s.account
    );
    let again = app
        .undo_waiver(&supervisor(), &s.key(seed, day, "undo-again"), &u)
        .await;
    assert!(
        matches!(again, Err(ServicingError::WaiverNotFound)),
        "seed {seed}: undoing waiver {txn} of loan {} twice: {again:?}",
        s.account
    );
    n.undone += 1;
    n.refused += 1;
}

/// Reverses the loan's third payment by check back (its only one if it has fewer), so the
/// later ones re-split; the reason turns. Reversing it again is refused.
async fn reverse(app: &app::App, seed: u64, day: Date, s: &mut Sim, n: &mut Counts) {
    let checks: Vec<(PaymentId, i128)> = s
        .log
        .iter()
        .filter_map(|l| match (l.op, l.id) {
            (Op::Payment(cents), Some(Id::Payment(p))) => Some((p, cents)),
            _ => None,
        })
        .collect();
    let chosen = checks
        .len()
        .checked_sub(3)
        .map_or(checks.first(), |k| checks.get(k));
    let Some(&(payment, cents)) = chosen else {
        return;
    };
    let reasons = ReversalReason::ALL;
    let asked = PaymentReversal {
        account: s.account,
        payment,
        reason: reasons[usize::try_from(n.reversed).unwrap() % reasons.len()],
        note: "Simulated reversal".into(),
    };
    let done = app
        .reverse_payment(&supervisor(), &s.key(seed, day, "reverse"), &asked)
        .await
        .unwrap_or_else(|e| {
            panic!(
                "seed {seed}: reversing payment {} of loan {} on {day}: {e}",
                payment.0, s.account
            )
        });
    assert_eq!(
        (done.amount, done.nsf_fee),
        (of_cents(cents), Money::ZERO),
        "seed {seed}: reversing payment {} of loan {}: the amount, and no NSF fee (the standard product has none)",
        payment.0,
        s.account
    );
    s.take_back(Id::Payment(payment), day);
    let again = app
        .reverse_payment(&supervisor(), &s.key(seed, day, "reverse-again"), &asked)
        .await;
    assert!(
        matches!(again, Err(ServicingError::AlreadyReversed)),
        "seed {seed}: reversing payment {} of loan {} twice: {again:?}",
        payment.0,
        s.account
    );
    n.reversed += 1;
    n.refused += 1;
}

/// Moves the due day a turning number of days from the next due date's (0: the same day),
/// and the reference predicts the answer: the change, or the rule's refusal.
async fn move_due_date(app: &app::App, seed: u64, day: Date, s: &mut Sim, n: &mut Counts) {
    const SHIFTS: [i8; 6] = [-9, 4, 0, 11, -4, 7];
    let turn = seed.wrapping_add(n.due_dates_moved + n.refused);
    let shift = SHIFTS[usize::try_from(turn % 6).unwrap()];
    let base = s.r.next_due().map_or(15, |d| d.day());
    let new_day = (base + shift).clamp(1, 28);
    let last_change = s
        .log
        .iter()
        .filter(|l| matches!(l.op, Op::DueDay(_)))
        .map(|l| l.day)
        .max();
    let predicted = s.r.due_day_refusal(day, new_day, last_change);
    let asked = DueDateChange {
        account: s.account,
        day: u8::try_from(new_day).unwrap(),
        note: "Simulated due-date change".into(),
    };
    let answer = app
        .change_due_date(&supervisor(), &s.key(seed, day, "due-date"), &asked)
        .await;
    match predicted {
        Some(refusal) => {
            assert!(
                matches!(&answer, Err(ServicingError::DueDate(r)) if *r == refusal),
                "seed {seed}: moving loan {}'s due day to {new_day} on {day}: {answer:?}; the reference refuses: {refusal:?}",
                s.account
            );
            n.refused += 1;
        }
        None => {
            let changed = answer.unwrap_or_else(|e| {
                panic!(
                    "seed {seed}: moving loan {}'s due day to {new_day} on {day}: {e}",
                    s.account
                )
            });
            s.record(day, Op::DueDay(new_day), None);
            assert_eq!(
                changed.next_due,
                s.r.next_due(),
                "seed {seed}: loan {}'s next due date after moving its due day to {new_day} on {day}",
                s.account
            );
            n.due_dates_moved += 1;
        }
    }
}

/// Refunds by check all the money the loan holds once it has cleared; tried once before
/// then, refused with what has cleared and the day it all will have. Whether it asked.
async fn refund(app: &app::App, seed: u64, day: Date, s: &mut Sim, n: &mut Counts) -> bool {
    let held = s.r.unapplied;
    let asked = RefundRequest {
        account: s.account,
        amount: of_cents(held),
        to: RefundTo::Check,
        note: "Overpaid at payoff".into(),
    };
    match s.r.not_cleared(&s.log, day, held) {
        Some(_) if s.refund_tried => false,
        Some((cleared, clears_on)) => {
            s.refund_tried = true;
            let answer = app
                .refund(&supervisor(), &s.key(seed, day, "refund-early"), &asked)
                .await;
            assert!(
                matches!(&answer, Err(ServicingError::NotCleared { cleared: c, clears_on: on })
                    if *c == of_cents(cleared) && *on == clears_on),
                "seed {seed}: refunding loan {} on {day} before the money cleared: {answer:?}; the reference says {cleared} cleared, all on {clears_on}",
                s.account
            );
            n.refused += 1;
            true
        }
        None => {
            let done = app
                .refund(&supervisor(), &s.key(seed, day, "refund"), &asked)
                .await
                .unwrap_or_else(|e| {
                    panic!("seed {seed}: refunding loan {} on {day}: {e}", s.account)
                });
            assert_eq!(
                done.amount,
                of_cents(held),
                "seed {seed}: refund of loan {}",
                s.account
            );
            s.refund_tried = false;
            s.record(day, Op::Refund(held), None);
            n.refunds += 1;
            true
        }
    }
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
    let mut sims: Vec<Sim> = Vec::new();
    for (i, l) in loans.iter().enumerate() {
        let index = u64::try_from(i).unwrap();
        let account = AccountNumber::from_base(FIRST_BASE + seed * 100 + index);
        let loan = app.store().loan_view(account).await.unwrap().unwrap().loan;
        let boarded = Reference {
            principal: i128::from(l.current_principal.cents()),
            interest: i128::from(l.accrued_interest.cents()),
            fees: i128::from(l.fees_due.cents()),
            unapplied: 0,
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
        };
        let mut r = boarded.clone();
        r.start_day(START);
        sims.push(Sim {
            account,
            loan,
            behaviour: behaviour(seed, index),
            boarded,
            r,
            log: Vec::new(),
            paid: 0,
            by_bank: 0,
            waivers: Vec::new(),
            refund_tried: false,
        });
    }
    // The bank's returns to come.
    let mut returns: Vec<Return> = Vec::new();
    let mut n = Counts::default();
    let quiet = |_: &app::cob::Progress| {};
    let mut day = START;
    let mut last_month: Option<u64> = None;
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
            let s = &mut sims[i];
            let at = s
                .log
                .iter()
                .position(|l| l.day == paid.0 && l.op == Op::Payment(paid.1))
                .unwrap();
            s.log.remove(at);
            s.r = Reference::recomputed(&s.boarded, &s.log, day);
            n.returned += 1;
        }
        // The first business day of a month: staff act on a quarter of the loans, each in its
        // turn, before the day's payments.
        let month = u64::try_from(i32::from(day.year()) * 12 + i32::from(day.month())).unwrap();
        if last_month != Some(month) {
            last_month = Some(month);
            for (i, s) in sims.iter_mut().enumerate() {
                let index = u64::try_from(i).unwrap();
                let turn = month + index + seed;
                if !turn.is_multiple_of(4) {
                    continue;
                }
                let what = ROTATION[usize::try_from((turn / 4 + index) % 6).unwrap()];
                act(&app, seed, day, s, what, &mut n).await;
                let context = format!("seed {seed}: loan {i} after {what:?} on {day}");
                assert_replayed(&app, s, &context).await;
            }
        }
        // Money held for a borrower: refunded once it has cleared.
        for (i, s) in sims.iter_mut().enumerate() {
            if s.r.unapplied > 0 && refund(&app, seed, day, s, &mut n).await {
                let context = format!("seed {seed}: loan {i} after a refund on {day}");
                assert_replayed(&app, s, &context).await;
            }
        }
        // Payments received today.
        for (i, s) in sims.iter_mut().enumerate() {
            let Some(&(due, amount)) = s.r.installments.get(s.paid) else {
                continue;
            };
            let lag = if s.behaviour == 3 { 15 } else { 0 };
            if s.r.paid_off || day < due.saturating_add(Span::new().days(lag)) {
                continue;
            }
            s.paid += 1;
            let balance = s.r.balance();
            let usual = match s.behaviour {
                1 => amount / 2,
                2 => amount + 5_000,
                4 => 0,
                5 if s.paid.is_multiple_of(3) => 0,
                _ => amount,
            };
            // Every other loan that pays by check pays $12.34 over at payoff: money held for
            // the borrower, refunded once it has cleared.
            let wanted = if s.behaviour != 6 && i.is_multiple_of(2) && usual >= balance {
                balance + 1_234
            } else {
                usual.min(balance)
            };
            if wanted > 0 {
                let cents = i64::try_from(wanted).unwrap();
                let bank = (s.behaviour == 6).then(|| PhoneBank {
                    holder_name: "Simulated Borrower".into(),
                    routing_number: "231380104".into(),
                    account_number: bank_account(i),
                    account_type: "checking".into(),
                });
                let by_check = bank.is_none();
                let posted = app
                    .post_received_payment(
                        &app::access::Actor::api_client(
                            "simulation",
                            app::api_clients::Scopes::all(),
                        ),
                        &format!("simulation-{seed}-{i}-{day}"),
                        &ReceivedPayment {
                            account: s.account,
                            amount: Money::from_cents(cents),
                            channel: if by_check {
                                PaymentChannel::Lockbox
                            } else {
                                PaymentChannel::Phone
                            },
                            received_on: None,
                            extra: ExtraTo::Principal,
                            bank,
                        },
                    )
                    .await
                    .unwrap_or_else(|e| {
                        panic!("seed {seed}: loan {i} paying {cents} on {day}: {e}")
                    });
                // A check may be reversed by staff later; a bank payment is the bank's to
                // return.
                let id = by_check.then_some(Id::Payment(posted.payment.id));
                s.record(day, Op::Payment(wanted), id);
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
                let i = (0..sims.len())
                    .find(|i| bank_account(*i) == entry.account_number)
                    .unwrap();
                sims[i].by_bank += 1;
                if sims[i].by_bank % 2 == 1 {
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
        // The reference walks the same days: interest for every day to the next business
        // date (the weekend's and a holiday's included; today's ops are in already).
        let mut d = day;
        while d < next {
            for s in &mut sims {
                s.r.start_day(d);
                s.r.end_day();
            }
            d = d.tomorrow().unwrap();
        }
        for (i, s) in sims.iter_mut().enumerate() {
            s.r.start_day(next);
            let v = app
                .store()
                .loan_view(s.account)
                .await
                .unwrap()
                .unwrap()
                .snapshot;
            assert_eq!(
                (
                    to_cents(v.principal),
                    to_cents(v.interest),
                    to_cents(v.fees),
                    to_cents(v.unapplied),
                    v.next_due_date
                ),
                (
                    s.r.principal,
                    s.r.interest,
                    s.r.fees,
                    s.r.unapplied,
                    s.r.next_due()
                ),
                "seed {seed}: loan {i} (behaviour {}) at the start of {next}: principal, interest, fees, unapplied, next due date",
                s.behaviour
            );
            checked += 1;
        }
        // start_day is idempotent for `next` (late fees counted once); the next loop's
        // first call for `next` finds nothing new.
        day = next;
    }
    test_support::ledger::assert_books_balance(app.store()).await;
    assert!(
        sims.iter().any(|s| s.r.fees > 0),
        "some loans were charged late fees"
    );
    assert!(n.returned > 0, "some payments were returned");
    assert!(
        n.fee_waivers + n.interest_waivers > 0,
        "some fees or interest were waived"
    );
    assert!(n.reversed > 0, "some payments were reversed");
    assert!(n.due_dates_moved > 0, "some due dates were moved");
    println!(
        "simulation seed {seed}: {LOANS} loans, {checked} loan-days checked to the cent through {END}, {} payments returned; staff waived fees {} times and interest {} times, undid {} waivers, reversed {} payments, moved {} due dates and refunded {} overpayments; {} refusals as predicted",
        n.returned,
        n.fee_waivers,
        n.interest_waivers,
        n.undone,
        n.reversed,
        n.due_dates_moved,
        n.refunds,
        n.refused
    );
    let _ = std::fs::remove_dir_all(&dir);
    db.finish().await;
}
