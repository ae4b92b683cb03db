//! Refunds of money held for a borrower (issue 20, item 4, and the review's fixes), on SQLite
//! and on PostgreSQL when configured: a loan paid off by a mailed check with $125.40 over is
//! listed on the credit-balance report; while that check can still come back none of it may be
//! refunded (refused naming the day it clears), and Maria's checking account, debited that day,
//! is not verified yet. Two weeks on, the check cleared and her debit settled: more than the
//! loan holds is refused, as is an agent and a card given as a bank account; the refund by ACH
//! credit leaves the loan at once (the history, the snapshot and a full replay agree) and the
//! borrower is told; the day's NACHA file carries it as a PPD credit (transaction code 22) in a
//! batch of its own, read back by our reader with every control; the report no longer lists
//! the loan; the borrower's bank sends it back (R03): the refund is reversed in the loan's
//! history, the money back on the loan, refunds payable left at zero for it, the account no
//! longer offered; a refund by check is decided again and recorded mailed. A card refund goes
//! through the sandbox processor at once; a check waits on the list to mail until it is
//! recorded mailed. A card refund the processor refuses for good is failed and reversed at
//! once (the money back on the loan, listed for staff with the processor's reason, audited),
//! never sent again by the sweep, and its charge no longer offered; one the processor cannot
//! take now stays pending and goes on a later sweep, under its reference as the key each time.
//! An ACH refund to an account the borrower removes stays out of the file and is listed for
//! staff; an API client with the read scope reads the report. The bank reconciliation knows
//! the refund credits: the day the file settles, the bank's ACH settlement debit for them (BAI
//! 466) reconciles against the refunds in the file, and the day one comes back, the bank's
//! return credit (257) against the refunds returned, each with no explanation from staff; a
//! report without the settlement debit is flagged on that line until a supervisor explains it.
//! A refund whose check bounces after the refund was decided stays whole: the borrower owes it
//! back, past due, in the payoff and on the loan page, and refunds payable still holds it until
//! the refund check is mailed (ADR 0033). The books balance after each step.

use app::App;
use app::access::{Actor, Role};
use app::api_clients::Scopes;
use app::bank::{BankDay, DayLine};
use app::clock::{TestClock, test_app};
use app::payments::cards::{
    Answer, CardDetails, CardError, CardProcessor, CardToken, Charge, Sandbox,
};
use app::payments::one_time::{AmountChoice, PaymentRequest};
use app::payments::received::ReceivedPayment;
use app::portal::Activity;
use app::refunds::{CheckMailedError, RefundMethod, RefundRequest, RefundState, RefundTo};
use app::servicing::{PaymentReversal, ReversalReason, ServicingError};
use domain::account_number::AccountNumber;
use domain::ledger::Account;
use domain::loan::{ExtraTo, FeeKind, LoanEvent, LoanStatus, TxnKind};
use domain::payment::{PaymentChannel, PaymentStatus};
use domain::reconcile::{Category, DayState};
use formats::{bai2, nacha};
use jiff::civil::{Date, date};
use money::Money;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use store::testing::{TestDb, fresh};
use store::{LoanId, Payment, PaymentMethodId};
use test_support::borrowers::{MARIA, add_bank_account, enrol, session};
use test_support::clients::client;
use test_support::ledger::assert_books_balance;
use test_support::{ach, scratch};

/// Maria's loan that is current: her checking account pays $50.00 on it.
const CURRENT: u64 = 521_840_000_000_101;

/// Maria's loan that is past due: paid off in these tests.
const PAST_DUE: u64 = 521_840_000_000_102;

fn acct(base: u64) -> AccountNumber {
    AccountNumber::from_base(base)
}

fn supervisor() -> Actor {
    Actor::Staff {
        id: store::StaffId(7),
        role: Role::Supervisor,
    }
}

fn agent() -> Actor {
    Actor::Staff {
        id: store::StaffId(8),
        role: Role::Agent,
    }
}

struct Setup {
    app: App,
    clock: TestClock,
    db: TestDb,
    token: String,
    dir: std::path::PathBuf,
}

/// The demo portfolio on Tuesday, November 24, 2026, 10:00 in New York (before the cutoff),
/// its ACH files in a directory of the test's own, Maria enrolled; one per backend.
async fn setups(test: &str) -> Vec<Setup> {
    let mut out = Vec::new();
    for db in fresh(test).await {
        let dir = scratch::dir(&format!("refunds-{test}-{}", db.store.backend()));
        let (app, clock) = test_app(db.store.clone(), "2026-11-24T15:00:00Z");
        let app = ach::with_files(app, &dir);
        app.seed_demo().await.unwrap();
        let token = enrol(&app, MARIA, "maria.lopez").await;
        out.push(Setup {
            app,
            clock,
            db,
            token,
            dir,
        });
    }
    out
}

/// Two weeks on: Tuesday, December 8, 2026, the business date (no close of business runs in
/// these tests, so the business date is the calendar's).
async fn two_weeks_on(s: &Setup) {
    s.clock.advance(jiff::SignedDuration::from_hours(24 * 14));
    assert_eq!(s.app.business_date().await.unwrap(), date(2026, 12, 8));
}

/// Maria saves her checking account and pays $50.00 on her current loan from it; the day's
/// ACH file carries the debit, which posts then. The account's id.
async fn checking_debited(s: &Setup) -> PaymentMethodId {
    let app = &s.app;
    let maria = session(app, &s.token).await;
    let login = maria.login().unwrap();
    let bank = add_bank_account(app, &maria, &client()).await;
    let debit = app
        .make_payment(
            login,
            "bank-debit-0001",
            &PaymentRequest {
                account: acct(CURRENT),
                method: bank,
                amount: AmountChoice::Other(Money::from_cents(5_000)),
                date: None,
                extra: ExtraTo::Principal,
            },
            &client(),
        )
        .await
        .unwrap();
    app.originate_ach(None).await.unwrap();
    let posted = app
        .payment_of(login, debit.payment.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(posted.status, PaymentStatus::Posted);
    bank
}

/// Posts a check mailed in for `cents` on `account`, as staff do; the payment posted.
async fn mailed_check(app: &App, account: AccountNumber, key: &str, cents: i64) -> Payment {
    let posted = app
        .post_received_payment(
            &supervisor(),
            key,
            &ReceivedPayment {
                account,
                amount: Money::from_cents(cents),
                channel: PaymentChannel::Mail,
                received_on: None,
                extra: ExtraTo::Principal,
                bank: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(posted.payment.status, PaymentStatus::Posted);
    posted.payment
}

/// What the loan owes today: its payoff, from its snapshot.
async fn payoff(app: &App, account: AccountNumber) -> Money {
    let s = app
        .store()
        .loan_view(account)
        .await
        .unwrap()
        .unwrap()
        .snapshot;
    s.principal + s.interest + s.fees
}

/// The loan's snapshot equals a full replay of its history, and the loan's books hold what
/// the replay says it holds for the borrower; its id.
async fn assert_snapshot_is_the_replay(app: &App, account: AccountNumber) -> LoanId {
    let view = app.store().loan_view(account).await.unwrap().unwrap();
    let record = app.store().loan(view.loan).await.unwrap();
    let history = app.store().history(view.loan).await.unwrap();
    let today = app.business_date().await.unwrap();
    let replayed = domain::loan::replay_to_start_of(&record.terms, &history, today);
    let s = &view.snapshot;
    assert_eq!(
        (s.status, s.principal, s.interest, s.fees, s.unapplied),
        (
            replayed.status,
            replayed.principal,
            replayed.interest,
            replayed.fees,
            replayed.unapplied
        )
    );
    let books = app.store().trial_balance(Some(view.loan)).await.unwrap();
    assert_eq!(
        Money::ZERO - books.net(Account::UnappliedFunds),
        replayed.unapplied,
        "the books hold the unapplied funds the replay holds"
    );
    view.loan
}

/// The (debits, credits) of refunds payable in the books of `loan`.
async fn refunds_payable(app: &App, loan: LoanId) -> (Money, Money) {
    app.store()
        .trial_balance(Some(loan))
        .await
        .unwrap()
        .totals(Account::RefundsPayable)
}

/// The sandbox processor with its refunds counted: the key each was sent under, in order;
/// while `down` is set a refund does not reach it (as a processor that cannot be reached).
#[derive(Debug, Default)]
struct Counted {
    sandbox: Sandbox,
    down: AtomicBool,
    refund_keys: Mutex<Vec<String>>,
}

impl Counted {
    /// The keys of the refunds sent so far, in order.
    fn refunds(&self) -> Vec<String> {
        self.refund_keys.lock().unwrap().clone()
    }
}

impl CardProcessor for Counted {
    fn tokenize<'a>(&'a self, card: &'a CardDetails) -> Answer<'a, CardToken> {
        self.sandbox.tokenize(card)
    }

    fn charge<'a>(&'a self, token: &'a str, amount: Money, key: &'a str) -> Answer<'a, Charge> {
        self.sandbox.charge(token, amount, key)
    }

    fn refund<'a>(&'a self, authorization: &'a str, amount: Money, key: &'a str) -> Answer<'a, ()> {
        self.refund_keys.lock().unwrap().push(key.to_owned());
        if self.down.load(Ordering::SeqCst) {
            return Box::pin(async { Err(CardError::Unavailable("connection refused".into())) });
        }
        self.sandbox.refund(authorization, amount, key)
    }
}

/// Maria saves card `number` and pays her past-due loan off with it; then her mailed check
/// for $180.00 arrives too, which the loan holds. The card's id.
async fn paid_off_by_card(s: &Setup, app: &App, number: &str) -> PaymentMethodId {
    let account = acct(PAST_DUE);
    let maria = session(app, &s.token).await;
    let login = maria.login().unwrap();
    let card = app
        .add_card(
            &maria,
            "",
            "Maria Lopez",
            &CardDetails {
                number: number.into(),
                exp_month: 12,
                exp_year: 2030,
                cvv: "123".into(),
                zip: "62704".into(),
            },
            &client(),
        )
        .await
        .unwrap();
    let paid = app
        .make_payment(
            login,
            "card-payoff-0001",
            &PaymentRequest {
                account,
                method: card,
                amount: AmountChoice::Payoff,
                date: None,
                extra: ExtraTo::Principal,
            },
            &client(),
        )
        .await
        .unwrap();
    assert_eq!(paid.payment.status, PaymentStatus::Posted);
    mailed_check(app, account, "check-0002", 18_000).await;
    let view = app.store().loan_view(account).await.unwrap().unwrap();
    assert_eq!(view.snapshot.unapplied, Money::from_cents(18_000));
    card
}

/// The unapplied funds `account` holds, as of its snapshot.
async fn held(app: &App, account: AccountNumber) -> Money {
    app.store()
        .loan_view(account)
        .await
        .unwrap()
        .unwrap()
        .snapshot
        .unapplied
}

/// Where the refund with `reference` is, and its return code or refusal.
async fn refund_state(app: &App, reference: &str) -> (RefundState, Option<String>) {
    let r = app
        .store()
        .refund_by_reference(reference)
        .await
        .unwrap()
        .unwrap();
    (r.state, r.return_code)
}

/// The credit the credit-balance report lists for `account`, if any.
async fn listed(app: &App, account: AccountNumber) -> Option<app::refunds::CreditBalance> {
    app.credit_balances(&supervisor(), 1)
        .await
        .unwrap()
        .balances
        .into_iter()
        .find(|b| b.account == account)
}

#[tokio::test]
async fn an_overpayment_after_payoff_goes_back_by_ach_credit_once_it_has_cleared() {
    for s in setups("refund_ach").await {
        let app = &s.app;
        let bank = checking_debited(&s).await;
        let account = acct(PAST_DUE);
        let owed = payoff(app, account).await;
        mailed_check(app, account, "check-0001", owed.cents() + 12_540).await;
        let view = app.store().loan_view(account).await.unwrap().unwrap();
        assert_eq!(view.snapshot.status, LoanStatus::PaidOff);
        assert_eq!(view.snapshot.unapplied, Money::from_cents(12_540));
        let loan = assert_snapshot_is_the_replay(app, account).await;
        let paid_on = app.business_date().await.unwrap();

        // The report lists the credit, held since today.
        let credit = listed(app, account).await.expect("the credit is listed");
        assert_eq!(credit.amount, Money::from_cents(12_540));
        assert_eq!((credit.since, credit.age_days), (paid_on, 0));
        assert_eq!(credit.status, LoanStatus::PaidOff);

        // The check that brought it can still bounce: nothing of it has cleared until
        // December 4. Her checking account, debited today, has not settled: not offered.
        let offered = app.refund_options(&supervisor(), account).await.unwrap();
        assert_eq!(offered.held, Money::from_cents(12_540));
        assert_eq!(
            (offered.cleared, offered.clears_on),
            (Money::ZERO, Some(date(2026, 12, 4)))
        );
        assert!(offered.banks.is_empty(), "{:?}", offered.banks);
        let refund = |cents: i64, to: RefundTo| RefundRequest {
            account,
            amount: Money::from_cents(cents),
            to,
            note: "Overpaid at payoff".into(),
        };
        let history_before = app.store().history(loan).await.unwrap().len();
        let e = app
            .refund(&supervisor(), "refund-early", &refund(100, RefundTo::Check))
            .await
            .unwrap_err();
        assert!(
            matches!(e, ServicingError::NotCleared { cleared, clears_on }
                if cleared == Money::ZERO && clears_on == date(2026, 12, 4)),
            "{e}"
        );
        assert!(e.to_string().contains("December 4, 2026"), "{e}");
        let e = app
            .refund(
                &supervisor(),
                "refund-early-bank",
                &refund(100, RefundTo::BankAccount(bank)),
            )
            .await
            .unwrap_err();
        assert!(matches!(e, ServicingError::MethodNotUsable), "{e}");

        // Two weeks on: the check has cleared, and her debit settled.
        two_weeks_on(&s).await;
        let today = app.business_date().await.unwrap();
        let offered = app.refund_options(&supervisor(), account).await.unwrap();
        assert_eq!(
            (offered.held, offered.cleared, offered.clears_on),
            (Money::from_cents(12_540), Money::from_cents(12_540), None)
        );
        assert_eq!(
            offered.banks.iter().map(|b| b.id).collect::<Vec<_>>(),
            vec![bank]
        );

        // Refused, naming the rule, and nothing changes.
        let e = app
            .refund(
                &agent(),
                "refund-0001",
                &refund(100, RefundTo::BankAccount(bank)),
            )
            .await
            .unwrap_err();
        assert!(matches!(e, ServicingError::Denied(_)), "{e}");
        let e = app
            .refund(
                &supervisor(),
                "refund-0002",
                &refund(12_541, RefundTo::BankAccount(bank)),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(e, ServicingError::MoreThanHeld { held } if held == Money::from_cents(12_540)),
            "{e}"
        );
        let e = app
            .refund(
                &supervisor(),
                "refund-0003",
                &refund(100, RefundTo::Card(bank)),
            )
            .await
            .unwrap_err();
        assert!(matches!(e, ServicingError::MethodNotUsable), "{e}");
        let e = app
            .refund(
                &supervisor(),
                "refund-0004",
                &refund(100, RefundTo::BankAccount(PaymentMethodId(9_999))),
            )
            .await
            .unwrap_err();
        assert!(matches!(e, ServicingError::MethodNotUsable), "{e}");
        assert_eq!(
            app.store().history(loan).await.unwrap().len(),
            history_before
        );

        // All of it, to Maria's checking account: it leaves the loan at once, once.
        let all = refund(12_540, RefundTo::BankAccount(bank));
        let done = app.refund(&supervisor(), "refund-all", &all).await.unwrap();
        assert!(!done.replayed);
        assert!(done.reference.starts_with('R'), "{}", done.reference);
        assert_eq!(
            (done.amount, done.method, done.state),
            (
                Money::from_cents(12_540),
                RefundMethod::Ach,
                RefundState::Pending
            )
        );
        let again = app.refund(&supervisor(), "refund-all", &all).await.unwrap();
        assert!(again.replayed);
        assert_eq!(again.reference, done.reference);
        let e = app
            .refund(&supervisor(), "refund-all", &refund(1, RefundTo::Check))
            .await
            .unwrap_err();
        assert!(matches!(e, ServicingError::KeyReused), "{e}");
        let history = app.store().history(loan).await.unwrap();
        assert_eq!(history.len(), history_before + 1);
        assert_eq!(
            history.last().map(|t| (t.kind, t.date)),
            Some((
                TxnKind::Refund {
                    amount: Money::from_cents(12_540)
                },
                today
            ))
        );
        assert_eq!(
            app.store()
                .loan_view(account)
                .await
                .unwrap()
                .unwrap()
                .snapshot
                .unapplied,
            Money::ZERO
        );
        assert_snapshot_is_the_replay(app, account).await;
        assert_eq!(
            refunds_payable(app, loan).await,
            (Money::ZERO, Money::from_cents(12_540)),
            "owed to Maria until it goes out"
        );
        assert_books_balance(app.store()).await;
        assert!(listed(app, account).await.is_none(), "no longer listed");
        let outbox = app.store().outbox(None, 200).await.unwrap();
        let told = outbox
            .iter()
            .find(|m| m.message.key == format!("refund:{}:email", done.reference))
            .expect("Maria is told");
        assert!(
            told.message
                .body
                .contains("We are sending $125.40 back to your bank account ending 6789"),
            "{}",
            told.message.body
        );
        let audit = app
            .store()
            .audit_of(&format!("loan:{}", loan.0), 20)
            .await
            .unwrap();
        assert!(
            audit
                .iter()
                .any(|r| r.event.action == "loan.refunded" && r.event.actor == "staff:7")
        );

        // The day's file carries it: a PPD credit to her checking account, in its own batch,
        // every control right (our reader checks each).
        let day = app.originate_ach(None).await.unwrap();
        assert_eq!(
            (day.refunds, day.refund_total),
            (1, Money::from_cents(12_540))
        );
        let path = day.path.clone().expect("a file with the refund");
        let text = std::fs::read(&path).unwrap();
        let entries = nacha::parse(&text).unwrap();
        let credits: Vec<&nacha::Entry> = entries.iter().filter(|e| !e.is_debit()).collect();
        assert_eq!(credits.len(), 1);
        let credit = credits[0];
        assert_eq!(
            credit.transaction_code, "22",
            "a credit to a checking account"
        );
        assert_eq!(credit.amount, Money::from_cents(12_540));
        assert_eq!(credit.account_number, "123456789");
        assert_eq!(credit.rdfi, "23138010");
        assert_eq!(credit.sec, "PPD");
        assert_eq!(credit.individual_id, done.reference);
        let sent = app
            .store()
            .refund_by_reference(&done.reference)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(sent.state, RefundState::Sent);
        assert_eq!(sent.file_date, Some(today));
        assert_eq!(sent.trace_number.as_deref(), Some(credit.trace.as_str()));
        let lines = String::from_utf8(text.clone()).unwrap();
        let batch = lines
            .lines()
            .find(|l| l.starts_with("5220"))
            .expect("a batch of credits only");
        assert_eq!(&batch[50..53], "PPD");
        assert_eq!(batch[53..63].trim_end(), "REFUND");
        let control = lines
            .lines()
            .find(|l| l.starts_with('9'))
            .expect("a file control");
        let cents = |debit: bool| -> i64 {
            entries
                .iter()
                .filter(|e| e.is_debit() == debit)
                .map(|e| e.amount.cents())
                .sum()
        };
        assert_eq!(control[31..43].parse::<i64>().unwrap(), cents(true));
        assert_eq!(control[43..55].parse::<i64>().unwrap(), cents(false));
        assert_eq!(cents(false), 12_540);
        assert_eq!(
            refunds_payable(app, loan).await,
            (Money::from_cents(12_540), Money::from_cents(12_540)),
            "paid out through cash clearing"
        );
        assert_snapshot_is_the_replay(app, account).await;
        assert_books_balance(app.store()).await;
        // The same day again writes the same file.
        let again = app.originate_ach(None).await.unwrap();
        assert!(!again.new);
        assert_eq!(std::fs::read(again.path.as_ref().unwrap()).unwrap(), text);

        // Her bank sends it back (R03): the refund is failed and reversed in the loan's
        // history, so the money is back on the loan and nothing is left in refunds payable
        // for it; listed for staff, the account no longer offered.
        let answer = nacha::bank::answer(
            &entries,
            &[(
                credit.trace.clone(),
                nacha::bank::Answer::Return("R03".into()),
            )],
            "261208",
        );
        let read = app
            .read_ach_returns("refund-returned.ach", answer.as_bytes())
            .await
            .unwrap();
        assert_eq!((read.refunds_failed, read.reversed), (1, 0));
        let failed = app
            .store()
            .refund_by_reference(&done.reference)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(failed.state, RefundState::Failed);
        assert_eq!(failed.return_code.as_deref(), Some("R03"));
        let history = app.store().history(loan).await.unwrap();
        assert_eq!(
            history.last().map(|t| (t.kind, t.date)),
            Some((
                TxnKind::Reversal {
                    of: failed.txn,
                    insufficient_funds: false
                },
                today
            ))
        );
        assert_eq!(
            app.store()
                .loan_view(account)
                .await
                .unwrap()
                .unwrap()
                .snapshot
                .unapplied,
            Money::from_cents(12_540),
            "the money is back on the loan"
        );
        assert_snapshot_is_the_replay(app, account).await;
        assert_eq!(
            refunds_payable(app, loan).await,
            (Money::from_cents(25_080), Money::from_cents(25_080)),
            "the returned cash went in, the restatement took it out again"
        );
        assert_books_balance(app.store()).await;
        assert_eq!(
            listed(app, account).await.map(|c| c.amount),
            Some(Money::from_cents(12_540)),
            "listed again"
        );
        let report = app.credit_balances(&supervisor(), 1).await.unwrap();
        assert!(
            report
                .for_staff
                .iter()
                .any(|r| r.reference == done.reference && r.state == RefundState::Failed)
        );
        let offered = app.refund_options(&supervisor(), account).await.unwrap();
        assert!(offered.banks.is_empty());
        assert_eq!(offered.cleared, Money::from_cents(12_540));
        let audit = app
            .store()
            .audit_of(&format!("loan:{}", loan.0), 20)
            .await
            .unwrap();
        assert!(
            audit
                .iter()
                .any(|r| r.event.action == "refund.returned" && r.event.actor == "ach")
        );
        // The same return again changes nothing.
        let twice = app
            .read_ach_returns("refund-returned.ach", answer.as_bytes())
            .await
            .unwrap();
        assert!(twice.already_read);
        assert_books_balance(app.store()).await;

        // Decided again, by check: the failed refund is no longer waiting, the check is.
        let by_check = app
            .refund(
                &supervisor(),
                "refund-again",
                &refund(12_540, RefundTo::Check),
            )
            .await
            .unwrap();
        assert_eq!(
            (by_check.amount, by_check.method, by_check.state),
            (
                Money::from_cents(12_540),
                RefundMethod::Check,
                RefundState::Pending
            )
        );
        assert!(listed(app, account).await.is_none());
        let waiting = |report: app::refunds::CreditBalances| -> Vec<(String, RefundState)> {
            report
                .for_staff
                .into_iter()
                .map(|r| (r.reference, r.state))
                .collect()
        };
        assert_eq!(
            waiting(app.credit_balances(&supervisor(), 1).await.unwrap()),
            vec![(by_check.reference.clone(), RefundState::Pending)]
        );

        // The check goes out: recorded mailed under its number, once.
        let check = app
            .store()
            .refund_by_reference(&by_check.reference)
            .await
            .unwrap()
            .unwrap();
        let e = app
            .refund_check_mailed(&agent(), check.id, "1042")
            .await
            .unwrap_err();
        assert!(matches!(e, CheckMailedError::Denied(_)), "{e}");
        let e = app
            .refund_check_mailed(&supervisor(), check.id, "10-42")
            .await
            .unwrap_err();
        assert!(matches!(e, CheckMailedError::BadCheckNumber), "{e}");
        let e = app
            .refund_check_mailed(&supervisor(), failed.id, "1042")
            .await
            .unwrap_err();
        assert!(matches!(e, CheckMailedError::NotWaiting), "{e}");
        let mailed = app
            .refund_check_mailed(&supervisor(), check.id, " 1042 ")
            .await
            .unwrap();
        assert_eq!(
            (mailed.state, mailed.trace_number.as_deref()),
            (RefundState::Sent, Some("1042"))
        );
        let stored = app
            .store()
            .refund_by_reference(&by_check.reference)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stored, mailed);
        assert_eq!(
            app.refund_check_mailed(&supervisor(), check.id, "1042")
                .await
                .unwrap(),
            mailed,
            "the same check again changes nothing"
        );
        let e = app
            .refund_check_mailed(&supervisor(), check.id, "1043")
            .await
            .unwrap_err();
        assert!(matches!(e, CheckMailedError::NotWaiting), "{e}");
        assert_eq!(
            refunds_payable(app, loan).await,
            (Money::from_cents(37_620), Money::from_cents(37_620)),
            "the check paid out"
        );
        assert!(
            waiting(app.credit_balances(&supervisor(), 1).await.unwrap()).is_empty(),
            "nothing waits on staff"
        );
        let audit = app
            .store()
            .audit_of(&format!("loan:{}", loan.0), 20)
            .await
            .unwrap();
        assert_eq!(
            audit
                .iter()
                .filter(|r| r.event.action == "refund.check_mailed" && r.event.actor == "staff:7")
                .count(),
            1
        );
        assert_snapshot_is_the_replay(app, account).await;
        assert_books_balance(app.store()).await;
        let _ = std::fs::remove_dir_all(&s.dir);
        s.db.finish().await;
    }
}

#[tokio::test]
async fn a_card_refund_goes_through_the_processor_at_once_and_a_check_waits_to_be_mailed() {
    for s in setups("refund_card").await {
        let app = &s.app;
        let account = acct(PAST_DUE);
        let maria = session(app, &s.token).await;
        let login = maria.login().unwrap();
        let card = |number: &str| CardDetails {
            number: number.into(),
            exp_month: 12,
            exp_year: 2030,
            cvv: "123".into(),
            zip: "62704".into(),
        };
        let visa = app
            .add_card(
                &maria,
                "",
                "Maria Lopez",
                &card("4242424242424242"),
                &client(),
            )
            .await
            .unwrap();
        let other = app
            .add_card(
                &maria,
                "",
                "Maria Lopez",
                &card("5555555555554444"),
                &client(),
            )
            .await
            .unwrap();
        // She pays the loan off by card; then her mailed check for $180.00 arrives too.
        let paid = app
            .make_payment(
                login,
                "card-payoff-0001",
                &PaymentRequest {
                    account,
                    method: visa,
                    amount: AmountChoice::Payoff,
                    date: None,
                    extra: ExtraTo::Principal,
                },
                &client(),
            )
            .await
            .unwrap();
        assert_eq!(paid.payment.status, PaymentStatus::Posted);
        mailed_check(app, account, "check-0002", 18_000).await;
        let view = app.store().loan_view(account).await.unwrap().unwrap();
        assert_eq!(view.snapshot.status, LoanStatus::PaidOff);
        assert_eq!(view.snapshot.unapplied, Money::from_cents(18_000));
        let loan = assert_snapshot_is_the_replay(app, account).await;
        let offered = app.refund_options(&supervisor(), account).await.unwrap();
        assert_eq!(
            offered.cards.iter().map(|c| c.id).collect::<Vec<_>>(),
            vec![visa],
            "only the card that paid"
        );
        // The card payment does not hold a refund back; the mailed check does, until it
        // clears.
        assert_eq!(
            (offered.cleared, offered.clears_on),
            (Money::ZERO, Some(date(2026, 12, 4)))
        );
        let refund = |cents: i64, to: RefundTo| RefundRequest {
            account,
            amount: Money::from_cents(cents),
            to,
            note: String::new(),
        };
        let e = app
            .refund(
                &supervisor(),
                "refund-card-early",
                &refund(13_000, RefundTo::Card(visa)),
            )
            .await
            .unwrap_err();
        assert!(matches!(e, ServicingError::NotCleared { .. }), "{e}");
        two_weeks_on(&s).await;

        // $50.00 by check: it waits on the list to mail, and the rest is still listed.
        let check = app
            .refund(
                &supervisor(),
                "refund-check",
                &refund(5_000, RefundTo::Check),
            )
            .await
            .unwrap();
        assert_eq!(
            (check.method, check.state),
            (RefundMethod::Check, RefundState::Pending)
        );
        let credit = listed(app, account).await.expect("the rest is listed");
        assert_eq!(
            (credit.amount, credit.pending_refunds),
            (Money::from_cents(13_000), Money::from_cents(5_000))
        );

        // A card that never paid this loan is refused; the one that paid takes the rest.
        let e = app
            .refund(
                &supervisor(),
                "refund-card-0",
                &refund(13_000, RefundTo::Card(other)),
            )
            .await
            .unwrap_err();
        assert!(matches!(e, ServicingError::MethodNotUsable), "{e}");
        let back = app
            .refund(
                &supervisor(),
                "refund-card-1",
                &refund(13_000, RefundTo::Card(visa)),
            )
            .await
            .unwrap();
        assert_eq!(
            (back.method, back.state),
            (RefundMethod::Card, RefundState::Sent),
            "the sandbox accepts it at once"
        );
        assert_eq!(app.resume_card_refunds().await.unwrap(), 0);
        assert!(listed(app, account).await.is_none(), "no longer listed");
        assert_snapshot_is_the_replay(app, account).await;
        assert_eq!(
            refunds_payable(app, loan).await,
            (Money::from_cents(13_000), Money::from_cents(18_000)),
            "the card refund paid out; the check still owed"
        );
        assert_books_balance(app.store()).await;
        let report = app.credit_balances(&supervisor(), 1).await.unwrap();
        let waiting: Vec<&str> = report
            .for_staff
            .iter()
            .map(|r| r.reference.as_str())
            .collect();
        assert_eq!(waiting, vec![check.reference.as_str()], "the check to mail");
        // No ACH file carries either.
        let day = app.originate_ach(None).await.unwrap();
        assert_eq!(day.refunds, 0);
        // The check is mailed: the refund is sent and no longer waits on staff.
        let id = app
            .store()
            .refund_by_reference(&check.reference)
            .await
            .unwrap()
            .unwrap()
            .id;
        let mailed = app
            .refund_check_mailed(&supervisor(), id, "20417")
            .await
            .unwrap();
        assert_eq!(mailed.state, RefundState::Sent);
        assert_eq!(
            refunds_payable(app, loan).await,
            (Money::from_cents(18_000), Money::from_cents(18_000)),
            "both paid out"
        );
        let report = app.credit_balances(&supervisor(), 1).await.unwrap();
        assert!(report.for_staff.is_empty());
        assert_books_balance(app.store()).await;
        let _ = std::fs::remove_dir_all(&s.dir);
        s.db.finish().await;
    }
}

#[tokio::test]
async fn a_card_refund_the_processor_refuses_is_failed_and_reversed_and_never_sent_again() {
    for s in setups("refund_card_refused").await {
        let processor = Arc::new(Counted::default());
        let app = &s.app.clone().with_card_processor(processor.clone());
        let account = acct(PAST_DUE);
        // Its charges are approved; a refund of one is refused for good.
        let card = paid_off_by_card(&s, app, "4000000000005126").await;
        two_weeks_on(&s).await;
        let today = app.business_date().await.unwrap();
        let refund = |cents: i64, to: RefundTo| RefundRequest {
            account,
            amount: Money::from_cents(cents),
            to,
            note: String::new(),
        };
        let refused = app
            .refund(
                &supervisor(),
                "refund-card-refused",
                &refund(13_000, RefundTo::Card(card)),
            )
            .await
            .unwrap();
        assert_eq!(
            (refused.method, refused.state),
            (RefundMethod::Card, RefundState::Failed)
        );
        assert_eq!(
            processor.refunds(),
            vec![refused.reference.clone()],
            "sent once, its reference the key"
        );

        // Failed with the processor's reason, and reversed in the loan's history in the same
        // transaction: the money is back on the loan, and nothing is left in refunds payable
        // for it (it never left, so no cash moved).
        let stored = app
            .store()
            .refund_by_reference(&refused.reference)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stored.state, RefundState::Failed);
        let reason = stored.return_code.clone().expect("the reason is kept");
        assert!(reason.contains("refused the refund"), "{reason}");
        let loan = assert_snapshot_is_the_replay(app, account).await;
        let history = app.store().history(loan).await.unwrap();
        assert_eq!(
            history.last().map(|t| (t.kind, t.date)),
            Some((
                TxnKind::Reversal {
                    of: stored.txn,
                    insufficient_funds: false
                },
                today
            ))
        );
        assert_eq!(
            held(app, account).await,
            Money::from_cents(18_000),
            "the money is back on the loan"
        );
        assert_eq!(
            refunds_payable(app, loan).await,
            (Money::from_cents(13_000), Money::from_cents(13_000)),
            "owed when decided, taken out again by the reversal"
        );
        assert_books_balance(app.store()).await;

        // Staff are told: the credit is listed again, and the refund waits on staff with the
        // processor's reason; the audit log says who refused it and why.
        let credit = listed(app, account).await.expect("listed again");
        assert_eq!(
            (credit.amount, credit.pending_refunds),
            (Money::from_cents(18_000), Money::ZERO)
        );
        let report = app.credit_balances(&supervisor(), 1).await.unwrap();
        let waiting = report
            .for_staff
            .iter()
            .find(|r| r.reference == refused.reference)
            .expect("waiting on staff");
        assert_eq!(
            (
                waiting.method,
                waiting.state,
                waiting.return_code.as_deref()
            ),
            (
                RefundMethod::Card,
                RefundState::Failed,
                Some(reason.as_str())
            )
        );
        let refusals = |audit: &[store::AuditRecord]| {
            audit
                .iter()
                .filter(|r| r.event.action == "refund.refused" && r.event.actor == "cards")
                .map(|r| r.event.detail.clone())
                .collect::<Vec<_>>()
        };
        let audit = app
            .store()
            .audit_of(&format!("loan:{}", loan.0), 20)
            .await
            .unwrap();
        let recorded = refusals(&audit);
        assert_eq!(recorded.len(), 1);
        let detail: serde_json::Value = serde_json::from_str(&recorded[0]).unwrap();
        assert_eq!(detail["reference"], refused.reference.as_str());
        assert_eq!(detail["reason"], reason.as_str());
        assert_eq!(detail["amount_cents"], 13_000);

        // The sweep, past the refund's first minute, never sends it again; a second sweep
        // changes nothing either.
        s.clock.advance(jiff::SignedDuration::from_hours(1));
        let length = history.len();
        for _ in 0..2 {
            assert_eq!(app.resume_card_refunds().await.unwrap(), 0);
        }
        assert_eq!(processor.refunds().len(), 1, "not sent again");
        assert_eq!(app.store().history(loan).await.unwrap().len(), length);
        let audit = app
            .store()
            .audit_of(&format!("loan:{}", loan.0), 20)
            .await
            .unwrap();
        assert_eq!(refusals(&audit).len(), 1);
        assert_eq!(held(app, account).await, Money::from_cents(18_000));
        assert_books_balance(app.store()).await;

        // The charge the processor would not refund is not offered again; a check refunds it.
        let offered = app.refund_options(&supervisor(), account).await.unwrap();
        assert!(offered.cards.is_empty(), "{:?}", offered.cards);
        assert_eq!(offered.cleared, Money::from_cents(18_000));
        let e = app
            .refund(
                &supervisor(),
                "refund-card-again",
                &refund(13_000, RefundTo::Card(card)),
            )
            .await
            .unwrap_err();
        assert!(matches!(e, ServicingError::MethodNotUsable), "{e}");
        let check = app
            .refund(
                &supervisor(),
                "refund-check-instead",
                &refund(18_000, RefundTo::Check),
            )
            .await
            .unwrap();
        assert_eq!(
            (check.method, check.state),
            (RefundMethod::Check, RefundState::Pending)
        );
        assert_eq!(processor.refunds().len(), 1);
        let report = app.credit_balances(&supervisor(), 1).await.unwrap();
        let waiting: Vec<&str> = report
            .for_staff
            .iter()
            .map(|r| r.reference.as_str())
            .collect();
        assert_eq!(
            waiting,
            vec![check.reference.as_str()],
            "decided again: only the check to mail waits"
        );
        assert_snapshot_is_the_replay(app, account).await;
        assert_books_balance(app.store()).await;
        let _ = std::fs::remove_dir_all(&s.dir);
        s.db.finish().await;
    }
}

#[tokio::test]
async fn a_card_refund_the_processor_cannot_take_now_stays_pending_and_goes_on_a_later_sweep() {
    for s in setups("refund_card_later").await {
        let processor = Arc::new(Counted::default());
        let app = &s.app.clone().with_card_processor(processor.clone());
        let account = acct(PAST_DUE);
        let card = paid_off_by_card(&s, app, "4242424242424242").await;
        two_weeks_on(&s).await;
        processor.down.store(true, Ordering::SeqCst);
        let waiting = app
            .refund(
                &supervisor(),
                "refund-card-later",
                &RefundRequest {
                    account,
                    amount: Money::from_cents(13_000),
                    to: RefundTo::Card(card),
                    note: String::new(),
                },
            )
            .await
            .unwrap();
        assert_eq!(
            (waiting.method, waiting.state),
            (RefundMethod::Card, RefundState::Pending)
        );
        let loan = assert_snapshot_is_the_replay(app, account).await;
        assert_eq!(
            refunds_payable(app, loan).await,
            (Money::ZERO, Money::from_cents(13_000)),
            "owed, not paid out"
        );
        // Within its first minute the sweep leaves it; past it, with the processor still out
        // of reach, it is sent again and stays pending, nothing reversed.
        assert_eq!(app.resume_card_refunds().await.unwrap(), 0);
        assert_eq!(processor.refunds().len(), 1);
        s.clock.advance(jiff::SignedDuration::from_hours(1));
        assert_eq!(app.resume_card_refunds().await.unwrap(), 0);
        assert_eq!(processor.refunds().len(), 2);
        assert_eq!(
            refund_state(app, &waiting.reference).await,
            (RefundState::Pending, None)
        );
        assert_eq!(held(app, account).await, Money::from_cents(5_000));

        // The processor is back: the next sweep sends it, under the same key, and it is sent;
        // a sweep after that sends nothing.
        processor.down.store(false, Ordering::SeqCst);
        assert_eq!(app.resume_card_refunds().await.unwrap(), 1);
        assert_eq!(app.resume_card_refunds().await.unwrap(), 0);
        assert_eq!(processor.refunds(), vec![waiting.reference.clone(); 3]);
        assert_eq!(
            refund_state(app, &waiting.reference).await,
            (RefundState::Sent, None)
        );
        assert_eq!(
            refunds_payable(app, loan).await,
            (Money::from_cents(13_000), Money::from_cents(13_000)),
            "paid out"
        );
        assert_eq!(held(app, account).await, Money::from_cents(5_000));
        let history = app.store().history(loan).await.unwrap();
        assert!(
            history
                .iter()
                .all(|t| !matches!(t.kind, TxnKind::Reversal { .. })),
            "nothing reversed"
        );
        let audit = app
            .store()
            .audit_of(&format!("loan:{}", loan.0), 20)
            .await
            .unwrap();
        assert_eq!(
            audit
                .iter()
                .filter(|r| r.event.action == "refund.sent" && r.event.actor == "cards")
                .count(),
            1
        );
        assert_snapshot_is_the_replay(app, account).await;
        assert_books_balance(app.store()).await;
        let _ = std::fs::remove_dir_all(&s.dir);
        s.db.finish().await;
    }
}

#[tokio::test]
async fn an_ach_refund_to_an_account_removed_stays_out_of_the_file_and_waits_on_staff() {
    for s in setups("refund_removed").await {
        let app = &s.app;
        let login = session(app, &s.token).await.login().unwrap();
        let bank = checking_debited(&s).await;
        let account = acct(PAST_DUE);
        let owed = payoff(app, account).await;
        mailed_check(app, account, "check-0003", owed.cents() + 12_540).await;
        two_weeks_on(&s).await;
        let done = app
            .refund(
                &supervisor(),
                "refund-removed",
                &RefundRequest {
                    account,
                    amount: Money::from_cents(12_540),
                    to: RefundTo::BankAccount(bank),
                    note: String::new(),
                },
            )
            .await
            .unwrap();
        assert_eq!(done.state, RefundState::Pending);

        // Maria removes the account before the day's file: no longer offered, and no credit
        // goes to it; the refund stays pending and waits on staff.
        let mut tx = app.store().begin().await.unwrap();
        assert!(
            tx.remove_payment_method(login, bank, app.now_us())
                .await
                .unwrap()
        );
        tx.commit().await.unwrap();
        assert!(
            app.refund_options(&supervisor(), account)
                .await
                .unwrap()
                .banks
                .is_empty()
        );
        let day = app.originate_ach(None).await.unwrap();
        assert_eq!(day.refunds, 0);
        let stuck = app
            .store()
            .refund_by_reference(&done.reference)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(stuck.state, RefundState::Pending);
        let report = app.credit_balances(&supervisor(), 1).await.unwrap();
        assert_eq!(
            report
                .for_staff
                .iter()
                .map(|r| (r.reference.as_str(), r.method, r.state))
                .collect::<Vec<_>>(),
            vec![(
                done.reference.as_str(),
                RefundMethod::Ach,
                RefundState::Pending
            )]
        );

        // An API client reads the report with the read scope; one without it may not.
        let reader = Actor::api_client("reporting", Scopes::parse("read").unwrap());
        let read = app.credit_balances(&reader, 1).await.unwrap();
        assert_eq!(read.for_staff.len(), 1);
        let payer = Actor::api_client("lockbox", Scopes::parse("payments").unwrap());
        assert!(matches!(
            app.credit_balances(&payer, 1).await,
            Err(ServicingError::Denied(_))
        ));
        assert!(matches!(
            app.credit_balances(&agent(), 1).await,
            Err(ServicingError::Denied(_))
        ));
        assert_books_balance(app.store()).await;
        let _ = std::fs::remove_dir_all(&s.dir);
        s.db.finish().await;
    }
}

/// Our account at the bank.
const BANK_ACCOUNT: &str = "0123456789";

/// Maria's past-due loan paid off by a mailed check with $125.40 over; two weeks on, all of it
/// refunded to her checking account and sent in the day's file (Tuesday, December 8, 2026).
/// The refund's reference, the file's entries and the refund's credit among them.
async fn refund_in_todays_file(s: &Setup) -> (String, Vec<nacha::Entry>, nacha::Entry) {
    let app = &s.app;
    let bank = checking_debited(s).await;
    let account = acct(PAST_DUE);
    let owed = payoff(app, account).await;
    mailed_check(app, account, "check-bank", owed.cents() + 12_540).await;
    two_weeks_on(s).await;
    let done = app
        .refund(
            &supervisor(),
            "refund-bank",
            &RefundRequest {
                account,
                amount: Money::from_cents(12_540),
                to: RefundTo::BankAccount(bank),
                note: "Overpaid at payoff".into(),
            },
        )
        .await
        .unwrap();
    let day = app.originate_ach(None).await.unwrap();
    assert_eq!(
        (day.refunds, day.refund_total),
        (1, Money::from_cents(12_540))
    );
    let text = std::fs::read(day.path.expect("a file with the refund")).unwrap();
    let entries = nacha::parse(&text).unwrap();
    let credit = entries
        .iter()
        .find(|e| !e.is_debit())
        .expect("the refund's credit")
        .clone();
    (done.reference, entries, credit)
}

/// The next day, the business date.
async fn a_day_on(s: &Setup) -> Date {
    s.clock.advance(jiff::SignedDuration::from_hours(24));
    s.app.business_date().await.unwrap()
}

/// The line of `category` on `day`.
fn line_of(day: &BankDay, category: Category) -> &DayLine {
    day.lines
        .iter()
        .find(|l| l.line.category == category)
        .unwrap_or_else(|| panic!("no {category} line: {day:?}"))
}

/// Cash in bank as booked.
async fn cash_in_bank(app: &App) -> Money {
    app.store()
        .trial_balance(None)
        .await
        .unwrap()
        .net(Account::CashInBank)
}

#[tokio::test]
async fn a_refund_credit_and_its_return_reconcile_with_the_banks_report_unexplained() {
    for s in setups("refund_bank_reconciles").await {
        let app = &s.app;
        let (reference, entries, credit) = refund_in_todays_file(&s).await;
        let refund = Money::from_cents(12_540);

        // The file of Tuesday, December 8 settles Wednesday: Servicer expects the bank to take
        // the refund out of our account that day.
        let settles = a_day_on(&s).await;
        assert_eq!(settles, date(2026, 12, 9));
        let day = app.bank_day(&supervisor(), settles).await.unwrap();
        assert_eq!(day.state, DayState::AwaitingReport);
        let expected = line_of(&day, Category::RefundSettlement);
        assert_eq!(expected.line.servicer, refund);
        assert_eq!(
            expected
                .servicer_items
                .iter()
                .map(|i| i.reference.as_str())
                .collect::<Vec<_>>(),
            [reference.as_str()]
        );

        // The bank's report: an ACH settlement debit (466) of the refunds, apart from any
        // settlement of the file's debits.
        let report = app
            .bank_sample(&supervisor(), settles, BANK_ACCOUNT)
            .await
            .unwrap();
        let debits: Vec<&bai2::Transaction> = report.groups[0].accounts[0]
            .transactions
            .iter()
            .filter(|t| t.type_code == 466)
            .collect();
        assert_eq!(debits.len(), 1, "{report:?}");
        assert_eq!(debits[0].amount, refund);
        let before = cash_in_bank(app).await;
        let read = app
            .import_bank_report(
                &supervisor(),
                "bai2-refund.txt",
                bai2::write(&report).as_bytes(),
            )
            .await
            .unwrap();
        assert!(read.debits >= refund, "{read:?}");
        assert_eq!(
            cash_in_bank(app).await,
            before + read.credits - read.debits,
            "the settlement debit is booked out of cash in bank"
        );
        let day = app.bank_day(&supervisor(), settles).await.unwrap();
        assert_eq!(day.state, DayState::Reconciled, "{day:?}");
        let settled = line_of(&day, Category::RefundSettlement);
        assert_eq!((settled.line.bank, settled.line.servicer), (refund, refund));
        assert_eq!(settled.bank_items.len(), 1);
        assert!(!settled.bank_items[0].credit);
        assert!(
            day.lines.iter().all(|l| l.line.category != Category::Other),
            "nothing left for staff to explain: {day:?}"
        );
        assert_books_balance(app.store()).await;

        // Her bank sends it back the next day (R03): the bank puts the money back into our
        // account that day, and Servicer expects it.
        let returned = a_day_on(&s).await;
        let answer = nacha::bank::answer(
            &entries,
            &[(
                credit.trace.clone(),
                nacha::bank::Answer::Return("R03".into()),
            )],
            "261210",
        );
        let read = app
            .read_ach_returns("refund-returned.ach", answer.as_bytes())
            .await
            .unwrap();
        assert_eq!(read.refunds_failed, 1);
        let day = app.bank_day(&supervisor(), returned).await.unwrap();
        let expected = line_of(&day, Category::RefundReturn);
        assert_eq!(expected.line.servicer, refund);
        assert_eq!(expected.servicer_items[0].reference, reference);
        assert!(
            expected.servicer_items[0].detail.contains("R03"),
            "{:?}",
            expected.servicer_items
        );
        assert_eq!(
            line_of(&day, Category::RefundSettlement).line.servicer,
            Money::ZERO,
            "it settled once, the day before"
        );

        // The bank's report of that day: an individual ACH return item credit (257).
        let report = app
            .bank_sample(&supervisor(), returned, BANK_ACCOUNT)
            .await
            .unwrap();
        let back: Vec<&bai2::Transaction> = report.groups[0].accounts[0]
            .transactions
            .iter()
            .filter(|t| t.type_code == 257)
            .collect();
        assert_eq!(back.len(), 1, "{report:?}");
        assert_eq!(back[0].amount, refund);
        let before = cash_in_bank(app).await;
        let read = app
            .import_bank_report(
                &supervisor(),
                "bai2-refund-returned.txt",
                bai2::write(&report).as_bytes(),
            )
            .await
            .unwrap();
        assert!(read.credits >= refund, "{read:?}");
        assert_eq!(
            cash_in_bank(app).await,
            before + read.credits - read.debits,
            "the return credit is booked into cash in bank"
        );
        let day = app.bank_day(&supervisor(), returned).await.unwrap();
        assert_eq!(day.state, DayState::Reconciled, "{day:?}");
        let back = line_of(&day, Category::RefundReturn);
        assert_eq!((back.line.bank, back.line.servicer), (refund, refund));
        let days = app
            .bank_days(&supervisor(), settles, returned)
            .await
            .unwrap();
        assert!(
            days.iter().all(|d| d.state == DayState::Reconciled),
            "{days:?}"
        );
        assert_books_balance(app.store()).await;
        let _ = std::fs::remove_dir_all(&s.dir);
        s.db.finish().await;
    }
}

#[tokio::test]
async fn a_refund_credit_the_bank_never_debited_is_flagged_until_explained() {
    for s in setups("refund_bank_missing").await {
        let app = &s.app;
        let (reference, _, _) = refund_in_todays_file(&s).await;
        let refund = Money::from_cents(12_540);
        let settles = a_day_on(&s).await;

        // The bank's report of the day the file settles, without the refunds' debit.
        let mut report = app
            .bank_sample(&supervisor(), settles, BANK_ACCOUNT)
            .await
            .unwrap();
        let transactions = &mut report.groups[0].accounts[0].transactions;
        let had = transactions.len();
        transactions.retain(|t| t.type_code != 466);
        assert_eq!(transactions.len(), had - 1);
        app.import_bank_report(
            &supervisor(),
            "bai2-no-refund.txt",
            bai2::write(&report).as_bytes(),
        )
        .await
        .unwrap();
        assert_books_balance(app.store()).await;

        let day = app.bank_day(&supervisor(), settles).await.unwrap();
        assert_eq!(day.state, DayState::Flagged, "{day:?}");
        let missing = line_of(&day, Category::RefundSettlement);
        assert_eq!(
            (
                missing.line.bank,
                missing.line.servicer,
                missing.line.difference
            ),
            (Money::ZERO, refund, Money::ZERO - refund)
        );
        assert!(!missing.explained);
        assert_eq!(
            missing.servicer_items[0].reference, reference,
            "the refund behind it"
        );
        assert!(
            day.lines
                .iter()
                .filter(|l| l.line.category != Category::RefundSettlement)
                .all(|l| l.line.is_reconciled()),
            "only the refunds' settlement differs: {day:?}"
        );
        let days = app
            .bank_days(&supervisor(), settles, settles)
            .await
            .unwrap();
        assert_eq!(
            days.iter()
                .map(|d| (d.state, d.off_by()))
                .collect::<Vec<_>>(),
            [(DayState::Flagged, refund)]
        );

        // Explained: the day is no longer flagged.
        let day = app
            .explain_bank_day(
                &supervisor(),
                settles,
                Category::RefundSettlement,
                "The bank debited the refund batch a day late; it shows on the 10th.",
            )
            .await
            .unwrap();
        assert_eq!(day.state, DayState::Explained);
        assert!(line_of(&day, Category::RefundSettlement).explained);
        assert_books_balance(app.store()).await;
        let _ = std::fs::remove_dir_all(&s.dir);
        s.db.finish().await;
    }
}

#[tokio::test]
async fn a_refund_whose_check_bounces_stays_whole_and_the_borrower_owes_it() {
    for s in setups("refund_bounced").await {
        let app = &s.app;
        let login = session(app, &s.token).await.login().unwrap();
        let account = acct(PAST_DUE);
        let owed = payoff(app, account).await;
        let check = mailed_check(app, account, "check-0004", owed.cents() + 12_540).await;
        let loan = assert_snapshot_is_the_replay(app, account).await;
        two_weeks_on(&s).await;
        let today = app.business_date().await.unwrap();
        let refunded = app
            .refund(
                &supervisor(),
                "refund-bounced",
                &RefundRequest {
                    account,
                    amount: Money::from_cents(12_540),
                    to: RefundTo::Check,
                    note: "Overpaid at payoff".into(),
                },
            )
            .await
            .unwrap();
        assert_eq!(refunded.amount, Money::from_cents(12_540));
        let owed_out = |(debits, credits): (Money, Money)| credits - debits;
        assert_eq!(
            owed_out(refunds_payable(app, loan).await),
            Money::from_cents(12_540)
        );
        let refund_txn = app
            .store()
            .history(loan)
            .await
            .unwrap()
            .iter()
            .find(|t| matches!(t.kind, TxnKind::Refund { .. }))
            .map(|t| t.id)
            .expect("the refund is in the loan's history");
        let fees_booked = |tb: &domain::ledger::TrialBalance| tb.net(Account::FeesReceivable);
        let books_before = fees_booked(&app.store().trial_balance(Some(loan)).await.unwrap());
        let snapshot_before = app
            .store()
            .loan_view(account)
            .await
            .unwrap()
            .unwrap()
            .snapshot;
        assert_eq!(snapshot_before.status, LoanStatus::PaidOff);

        // The check that paid the loan off, and funded the refund, comes back unpaid.
        let back = app
            .reverse_payment(
                &supervisor(),
                "reverse-bounced",
                &PaymentReversal {
                    account,
                    payment: check.id,
                    reason: ReversalReason::ReturnedUnpaid,
                    note: "Returned by the payer's bank after the refund".into(),
                },
            )
            .await
            .unwrap();

        // The refund stays whole: the loan owes it back, on top of what it owes as if the
        // check and the refund had never been (and the return's NSF fee, if any).
        assert_snapshot_is_the_replay(app, account).await;
        let record = app.store().loan(loan).await.unwrap();
        let history = app.store().history(loan).await.unwrap();
        let never: Vec<domain::loan::Transaction> = history
            .iter()
            .filter(|t| {
                let its_return =
                    matches!(t.kind, TxnKind::Reversal { of, .. } if Some(of) == check.txn);
                Some(t.id) != check.txn && t.id != refund_txn && !its_return
            })
            .copied()
            .collect();
        let never = domain::loan::replay_to_start_of(&record.terms, &never, today);
        let extra = Money::from_cents(12_540) + back.nsf_fee;
        let view = app.store().loan_view(account).await.unwrap().unwrap();
        let s_after = &view.snapshot;
        assert_eq!(s_after.status, LoanStatus::Active);
        assert_eq!(s_after.unapplied, Money::ZERO);
        assert_eq!(
            s_after.principal + s_after.interest + s_after.fees,
            never.balance() + extra
        );
        assert_eq!(s_after.past_due, never.past_due_amount() + extra);
        assert_eq!(s_after.amount_due, never.amount_due() + extra);

        // Maria sees it: past due on her dashboard, a line of its own on the loan page, in
        // the payoff.
        let headline = app.dashboard(login).await.unwrap().headline(loan);
        let past_due = headline.past_due.map(|p| p.amount);
        assert_eq!(past_due, Some(s_after.past_due));
        let d = app
            .loan_details(login, account, None)
            .await
            .unwrap()
            .expect("Maria's loan");
        assert!(d.state.events.iter().any(|e| matches!(
            e,
            LoanEvent::FeeAssessed { kind: FeeKind::RefundOwed { refund }, amount, .. }
                if *refund == refund_txn && *amount == Money::from_cents(12_540)
        )));
        assert!(
            d.activity.iter().any(|a| matches!(
                a,
                Activity::RefundOwed { refund, amount, .. }
                    if *refund == refund_txn && *amount == Money::from_cents(12_540)
            )),
            "{:?}",
            d.activity
        );
        let quote = d.payoff.as_ref().expect("a payoff for an active loan");
        assert_eq!(quote.fees_by_kind.refund_owed, Money::from_cents(12_540));

        // The books agree: refunds payable still owes the whole refund out (the check to
        // mail), the borrower's debt is in fees receivable as the snapshot has it.
        assert_eq!(
            owed_out(refunds_payable(app, loan).await),
            Money::from_cents(12_540),
            "the refund is not shrunk by the return"
        );
        let books_after = fees_booked(&app.store().trial_balance(Some(loan)).await.unwrap());
        assert_eq!(
            books_after - books_before,
            s_after.fees - snapshot_before.fees
        );
        assert_books_balance(app.store()).await;

        // The refund check goes out all the same: refunds payable is settled.
        let id = app
            .store()
            .refund_by_reference(&refunded.reference)
            .await
            .unwrap()
            .unwrap()
            .id;
        app.refund_check_mailed(&supervisor(), id, "2051")
            .await
            .unwrap();
        assert_eq!(owed_out(refunds_payable(app, loan).await), Money::ZERO);
        assert_books_balance(app.store()).await;
        let _ = std::fs::remove_dir_all(&s.dir);
        s.db.finish().await;
    }
}
