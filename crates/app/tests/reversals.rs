//! Reversing and moving payments, waiving interest and undoing a waiver (issue 20, items 1
//! and 2), on SQLite and on PostgreSQL when configured. Each ends with the books balanced and
//! the loans' snapshots equal to a full replay of their histories:
//! - a payment with three payments after it reversed: each later payment re-splits exactly as
//!   a replay of the history without it does, its cash held in suspense (posted in error);
//! - a payment returned unpaid: the cash leaves with it, and the NSF fee of the terms applies;
//! - a payment posted to the wrong loan moved: both loans restated, the cash unchanged;
//! - an interest waiver and its undo: the payment after it splits back exactly;
//! - refusals, each naming its rule and changing nothing;
//! - money a reversal kept, held as an item of the lockbox exception queue that staff apply to
//!   the loan it was meant for: suspense back to where it was;
//! - a bank debit its bank may still return: not moved, nor reversed as posted in error or
//!   twice, until it clears; the bank's return of one staff reversed as returned unpaid
//!   changes nothing more and is audited.

use app::access::{Actor, Role};
use app::clock::test_app;
use app::payments::one_time::{AmountChoice, PaymentRequest};
use app::payments::received::{PhoneBank, ReceivedPayment};
use app::portal::Activity;
use app::remittance::{ItemFilter, ItemState, RemittanceSource};
use app::servicing::{
    InterestWaiver, PaymentMove, PaymentReversal, ReversalReason, ServicingError, WaiverReason,
    WaiverUndo, WhyReversed,
};
use domain::account_number::AccountNumber;
use domain::ledger::Account;
use domain::loan::{
    AppliedPayment, ExtraTo, LoanState, Transaction, TxnId, TxnKind, replay_to_start_of,
};
use domain::payment::{PaymentChannel, PaymentStatus, Rail};
use domain::remittance::ExceptionReason;
use jiff::civil::{Date, date};
use money::Money;
use store::testing::fresh;
use store::{LoanId, Payment, PaymentId};
use test_support::ach::bank_returns;
use test_support::borrowers::{MARIA, add_bank_account, enrol, session};
use test_support::clients::client;
use test_support::{ach, scratch};

/// Maria's current loan.
fn maria_current() -> AccountNumber {
    AccountNumber::from_base(521_840_000_000_101)
}

/// Maria's past-due loan (interest accrued since its last payment, a late fee).
fn maria_past_due() -> AccountNumber {
    AccountNumber::from_base(521_840_000_000_102)
}

/// Aisha's current loan.
fn aisha() -> AccountNumber {
    AccountNumber::from_base(521_840_000_000_301)
}

/// The business date of these tests (a Tuesday).
const TODAY: &str = "2026-11-24T15:00:00Z";

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

/// Posts a mailed check of `cents` received on `on` to `account`; the payment.
async fn pay(app: &app::App, account: AccountNumber, cents: i64, on: Date, key: &str) -> Payment {
    app.post_received_payment(
        &supervisor(),
        key,
        &ReceivedPayment {
            account,
            amount: Money::from_cents(cents),
            channel: PaymentChannel::Mail,
            received_on: Some(on),
            extra: ExtraTo::Principal,
            bank: None,
        },
    )
    .await
    .unwrap()
    .payment
}

/// The loan of `account`.
async fn loan_of(app: &app::App, account: AccountNumber) -> LoanId {
    app.store().loan_view(account).await.unwrap().unwrap().loan
}

/// The loan as a full replay of its history has it at the start of the business date.
async fn replayed(app: &app::App, loan: LoanId) -> LoanState {
    let record = app.store().loan(loan).await.unwrap();
    let history = app.store().history(loan).await.unwrap();
    let today = app.business_date().await.unwrap();
    replay_to_start_of(&record.terms, &history, today)
}

/// The history without the transactions `gone` and the reversals of them: as if they had
/// never been made.
fn without(history: &[Transaction], gone: &[TxnId]) -> Vec<Transaction> {
    history
        .iter()
        .filter(|t| !gone.contains(&t.id))
        .filter(|t| !matches!(t.kind, TxnKind::Reversal { of, .. } if gone.contains(&of)))
        .copied()
        .collect()
}

/// How the replay applies payment `txn`.
fn applied(state: &LoanState, txn: TxnId) -> AppliedPayment {
    *state
        .applied_payments()
        .find(|a| a.txn == txn)
        .expect("the payment applies")
}

/// The loan's snapshot is exactly a full replay of its history, and its books agree.
async fn snapshot_is_the_replay(app: &app::App, account: AccountNumber) {
    let view = app.store().loan_view(account).await.unwrap().unwrap();
    let state = replayed(app, view.loan).await;
    let s = &view.snapshot;
    assert_eq!(s.principal, state.principal, "principal of {account}");
    assert_eq!(s.interest, state.interest, "interest of {account}");
    assert_eq!(s.fees, state.fees, "fees of {account}");
    assert_eq!(s.unapplied, state.unapplied, "unapplied of {account}");
    let books = app.store().trial_balance(Some(view.loan)).await.unwrap();
    assert_eq!(books.net(Account::PrincipalReceivable), state.principal);
    assert_eq!(books.net(Account::InterestReceivable), state.interest);
    assert_eq!(books.net(Account::FeesReceivable), state.fees);
}

/// The whole ledger's trial balance, checked balanced.
async fn balanced(app: &app::App) -> domain::ledger::TrialBalance {
    let tb = app.store().trial_balance(None).await.unwrap();
    assert!(tb.is_balanced(), "{tb:?}");
    tb
}

/// The payment row `id`.
async fn row(app: &app::App, id: PaymentId) -> Payment {
    app.store().payment_row(id).await.unwrap().unwrap()
}

#[tokio::test]
async fn a_reversed_payment_leaves_every_later_payment_split_as_if_it_had_never_been_made() {
    for db in fresh("reverse_payment").await {
        let (app, _clock) = test_app(db.store.clone(), TODAY);
        app.seed_demo().await.unwrap();
        let today = app.business_date().await.unwrap();
        let loan = loan_of(&app, aisha()).await;
        let first = pay(&app, aisha(), 200_000, date(2026, 11, 21), "check-0001").await;
        let mut later = Vec::new();
        for (n, (cents, day)) in [(30_000, 22), (20_000, 23), (10_000, 24)]
            .iter()
            .enumerate()
        {
            let key = format!("check-100{n}");
            later.push(pay(&app, aisha(), *cents, date(2026, 11, *day), &key).await);
        }
        let before = replayed(&app, loan).await;
        let history_before = app.store().history(loan).await.unwrap().len();
        let cash_before = balanced(&app).await.net(Account::CashClearing);
        let suspense_before = balanced(&app).await.net(Account::Suspense);

        let asked = PaymentReversal {
            account: aisha(),
            payment: first.id,
            reason: ReversalReason::PostedInError,
            note: "Keyed to the wrong loan at the lockbox".into(),
        };
        let out = app
            .reverse_payment(&supervisor(), "reverse-0001", &asked)
            .await
            .unwrap();
        assert!(!out.replayed);
        assert!(out.reference.starts_with('R'), "{}", out.reference);
        assert_eq!(out.payment, first.id);
        assert_eq!(out.amount, Money::from_cents(200_000));
        assert_eq!(
            out.nsf_fee,
            Money::ZERO,
            "no NSF fee for a posting in error"
        );

        // One reversal of the payment, dated the business date.
        let history = app.store().history(loan).await.unwrap();
        assert_eq!(history.len(), history_before + 1);
        let of = first.txn.expect("posted");
        let reversal = history.last().unwrap();
        assert_eq!(reversal.date, today);
        assert_eq!(
            reversal.kind,
            TxnKind::Reversal {
                of,
                insufficient_funds: false
            }
        );

        // Each later payment splits exactly as a replay without the reversed one has it, and
        // the first after it split differently than before (less principal ahead of it).
        let record = app.store().loan(loan).await.unwrap();
        let now = replay_to_start_of(&record.terms, &history, today);
        let never = replay_to_start_of(&record.terms, &without(&history, &[of]), today);
        for p in &later {
            let txn = p.txn.expect("posted");
            assert_eq!(
                applied(&now, txn),
                applied(&never, txn),
                "{}",
                p.confirmation
            );
        }
        let next = later[0].txn.expect("posted");
        assert_ne!(applied(&before, next), applied(&now, next));
        assert!(now.applied_payments().all(|a| a.txn != of));
        assert_eq!(now.principal, never.principal);
        assert_eq!(now.interest, never.interest);
        assert_eq!(now.fees, never.fees);
        snapshot_is_the_replay(&app, aisha()).await;

        // The money was received: it left the loan and waits in suspense; cash is as it was.
        let tb = balanced(&app).await;
        assert_eq!(tb.net(Account::CashClearing), cash_before);
        assert_eq!(
            tb.net(Account::Suspense),
            suspense_before - Money::from_cents(200_000)
        );

        // The row says why; the activity shows it reversed, where it was made.
        let r = row(&app, first.id).await;
        assert_eq!(r.status, PaymentStatus::Returned);
        assert_eq!(r.return_code.as_deref(), Some("posted_in_error"));
        assert_eq!(r.returned_on, Some(today));
        assert_eq!(
            app::payments::ach::return_words("posted_in_error"),
            "the payment was posted in error"
        );
        let view = app.store().loan_view(aisha()).await.unwrap().unwrap();
        let details = app.loan_details_of(view, None).await.unwrap();
        assert!(details.activity.iter().any(|a| matches!(
            a,
            Activity::Reversed {
                txn,
                why: WhyReversed::Reason(ReversalReason::PostedInError),
                ..
            } if *txn == of
        )));

        // The same request again changes nothing; another key finds it reversed already.
        let again = app
            .reverse_payment(&supervisor(), "reverse-0001", &asked)
            .await
            .unwrap();
        assert!(again.replayed);
        assert_eq!(again.reference, out.reference);
        let e = app
            .reverse_payment(&supervisor(), "reverse-0002", &asked)
            .await
            .unwrap_err();
        assert!(matches!(e, ServicingError::AlreadyReversed), "{e}");
        assert_eq!(
            app.store().history(loan).await.unwrap().len(),
            history_before + 1
        );

        // Audited with the typed actor, the reason and the note.
        let audit = app
            .store()
            .audit_of(&format!("loan:{}", loan.0), 20)
            .await
            .unwrap();
        let record = audit
            .iter()
            .find(|r| r.event.action == "loan.payment_reversed")
            .expect("an audit record");
        assert_eq!(record.event.actor, "staff:7");
        assert!(record.event.detail.contains("posted_in_error"));
        assert!(record.event.detail.contains(&out.reference));
        balanced(&app).await;
        db.finish().await;
    }
}

#[tokio::test]
async fn a_payment_returned_unpaid_takes_its_cash_back_with_the_nsf_fee_of_the_terms() {
    for db in fresh("reverse_returned").await {
        let (app, _clock) = test_app(db.store.clone(), TODAY);
        app.seed_demo().await.unwrap();
        let loan = loan_of(&app, maria_current()).await;
        let check = pay(
            &app,
            maria_current(),
            50_000,
            date(2026, 11, 23),
            "check-2001",
        )
        .await;
        let cash_before = balanced(&app).await.net(Account::CashClearing);
        let out = app
            .reverse_payment(
                &supervisor(),
                "reverse-2001",
                &PaymentReversal {
                    account: maria_current(),
                    payment: check.id,
                    reason: ReversalReason::ReturnedUnpaid,
                    note: String::new(),
                },
            )
            .await
            .unwrap();
        let record = app.store().loan(loan).await.unwrap();
        assert_eq!(
            out.nsf_fee,
            record.terms.nsf_fee.fee.unwrap_or(Money::ZERO),
            "the NSF fee the terms have"
        );
        // The cash left with the payment: nothing went to suspense.
        let tb = balanced(&app).await;
        assert_eq!(
            tb.net(Account::CashClearing),
            cash_before - Money::from_cents(50_000)
        );
        let history = app.store().history(loan).await.unwrap();
        assert!(history.iter().any(|t| t.kind
            == TxnKind::Reversal {
                of: check.txn.expect("posted"),
                insufficient_funds: true
            }));
        snapshot_is_the_replay(&app, maria_current()).await;
        db.finish().await;
    }
}

#[tokio::test]
async fn a_payment_posted_to_the_wrong_loan_is_moved_in_one_transaction_and_the_cash_stays() {
    for db in fresh("move_payment").await {
        let (app, _clock) = test_app(db.store.clone(), TODAY);
        app.seed_demo().await.unwrap();
        let from = loan_of(&app, maria_current()).await;
        let to = loan_of(&app, aisha()).await;
        let credited = date(2026, 11, 23);
        let check = pay(&app, maria_current(), 40_000, credited, "check-3001").await;
        let to_history_before = app.store().history(to).await.unwrap().len();
        let cash_before = balanced(&app).await.net(Account::CashClearing);

        // Refused, naming the rule, and nothing changes.
        let asked = |to: AccountNumber| PaymentMove {
            account: maria_current(),
            payment: check.id,
            to,
            note: "Aisha's check, keyed to Maria's loan".into(),
        };
        let e = app
            .move_payment(&supervisor(), "move-3000", &asked(maria_current()))
            .await
            .unwrap_err();
        assert!(matches!(e, ServicingError::SameLoan), "{e}");
        let e = app
            .move_payment(
                &supervisor(),
                "move-3001",
                &asked(AccountNumber::from_base(521_840_000_009_999)),
            )
            .await
            .unwrap_err();
        assert!(matches!(e, ServicingError::TargetNotFound), "{e}");
        let e = app
            .move_payment(&agent(), "move-3002", &asked(aisha()))
            .await
            .unwrap_err();
        assert!(
            e.to_string().contains("you may not reverse payments"),
            "{e}"
        );
        assert_eq!(row(&app, check.id).await.status, PaymentStatus::Posted);

        let out = app
            .move_payment(&supervisor(), "move-3003", &asked(aisha()))
            .await
            .unwrap();
        assert!(!out.replayed);

        // Off the first loan, marked moved; on the other as of its original date.
        let gone = row(&app, check.id).await;
        assert_eq!(gone.status, PaymentStatus::Returned);
        assert_eq!(gone.return_code.as_deref(), Some(app::servicing::MOVED));
        let made = row(&app, out.payment).await;
        assert_eq!(made.loan, to);
        assert_eq!(made.confirmation, out.reference);
        assert_eq!(made.status, PaymentStatus::Posted);
        assert_eq!(made.amount, Money::from_cents(40_000));
        assert_eq!(made.credit_date, credited);
        let to_history = app.store().history(to).await.unwrap();
        assert_eq!(to_history.len(), to_history_before + 1);
        let txn = made.txn.expect("posted");
        assert!(to_history.iter().any(|t| t.id == txn
            && t.date == credited
            && matches!(t.kind, TxnKind::Payment { amount, .. } if amount == made.amount)));
        let from_state = replayed(&app, from).await;
        assert!(
            from_state
                .applied_payments()
                .all(|a| Some(a.txn) != check.txn)
        );
        assert_eq!(applied(&replayed(&app, to).await, txn).amount, made.amount);

        // Both loans restated; no cash moved.
        snapshot_is_the_replay(&app, maria_current()).await;
        snapshot_is_the_replay(&app, aisha()).await;
        assert_eq!(balanced(&app).await.net(Account::CashClearing), cash_before);

        // The first loan's activity says where it went; both loans' trails record it.
        let view = app
            .store()
            .loan_view(maria_current())
            .await
            .unwrap()
            .unwrap();
        let details = app.loan_details_of(view, None).await.unwrap();
        assert!(details.activity.iter().any(|a| matches!(
            a,
            Activity::Reversed {
                why: WhyReversed::Moved,
                ..
            }
        )));
        for loan in [from, to] {
            let audit = app
                .store()
                .audit_of(&format!("loan:{}", loan.0), 20)
                .await
                .unwrap();
            assert!(
                audit.iter().any(|r| r.event.action == "loan.payment_moved"
                    && r.event.detail.contains(&out.reference)),
                "loan {}",
                loan.0
            );
        }

        // The same request again is the same move; moving it again is refused.
        let again = app
            .move_payment(&supervisor(), "move-3003", &asked(aisha()))
            .await
            .unwrap();
        assert!(again.replayed);
        assert_eq!(again.payment, out.payment);
        let e = app
            .move_payment(&supervisor(), "move-3004", &asked(aisha()))
            .await
            .unwrap_err();
        assert!(matches!(e, ServicingError::AlreadyReversed), "{e}");
        db.finish().await;
    }
}

#[tokio::test]
async fn an_interest_waiver_and_its_undo_leave_the_payment_after_them_split_back_exactly() {
    for db in fresh("interest_waiver").await {
        let (app, _clock) = test_app(db.store.clone(), TODAY);
        app.seed_demo().await.unwrap();
        let today = app.business_date().await.unwrap();
        let loan = loan_of(&app, maria_past_due()).await;
        let before = replayed(&app, loan).await;
        let ten = Money::from_cents(1_000);
        assert!(before.interest > ten, "the demo loan has interest accrued");

        let waiver = |cents: i64| InterestWaiver {
            account: maria_past_due(),
            amount: Money::from_cents(cents),
            reason: WaiverReason::Hardship,
            note: "Hardship plan agreed on the call".into(),
        };
        let e = app
            .waive_interest(
                &supervisor(),
                "waive-4000",
                &waiver(before.interest.cents() + 1),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(e, ServicingError::MoreThanInterest { outstanding } if outstanding == before.interest),
            "{e}"
        );
        let e = app
            .waive_interest(&agent(), "waive-4001", &waiver(1_000))
            .await
            .unwrap_err();
        assert!(
            e.to_string().contains("you may not waive fees or interest"),
            "{e}"
        );

        let waived = app
            .waive_interest(&supervisor(), "waive-4002", &waiver(1_000))
            .await
            .unwrap();
        assert!(!waived.replayed);
        assert!(waived.reference.starts_with('W'));
        assert_eq!(waived.interest_left, before.interest - ten);
        assert_eq!(waived.fees_left, before.fees);
        let history = app.store().history(loan).await.unwrap();
        let w = history.last().unwrap();
        assert_eq!(w.kind, TxnKind::InterestWaiver { amount: ten });
        assert_eq!(w.date, today);
        snapshot_is_the_replay(&app, maria_past_due()).await;
        let view = app
            .store()
            .loan_view(maria_past_due())
            .await
            .unwrap()
            .unwrap();
        let details = app.loan_details_of(view, None).await.unwrap();
        assert!(
            details
                .activity
                .iter()
                .any(|a| matches!(a, Activity::InterestWaiver { amount, .. } if *amount == ten))
        );

        // A payment after the waiver (the same day): it pays $10.00 less interest.
        let paid = pay(&app, maria_past_due(), 50_000, today, "check-4003").await;
        let txn = paid.txn.expect("posted");
        let with = applied(&replayed(&app, loan).await, txn);
        assert!(with.principal.is_positive(), "it pays the interest in full");

        // Undone: the payment splits back exactly as if there had been no waiver.
        let undo = WaiverUndo {
            account: maria_past_due(),
            txn: i64::try_from(w.id.0).unwrap(),
            note: "Entered on the wrong loan".into(),
        };
        let e = app
            .undo_waiver(&agent(), "undo-4004", &undo)
            .await
            .unwrap_err();
        assert!(
            e.to_string().contains("you may not waive fees or interest"),
            "{e}"
        );
        let undone = app
            .undo_waiver(&supervisor(), "undo-4005", &undo)
            .await
            .unwrap();
        assert!(!undone.replayed);
        assert!(undone.reference.starts_with('U'));
        assert_eq!(undone.amount, ten);
        let history = app.store().history(loan).await.unwrap();
        let record = app.store().loan(loan).await.unwrap();
        let now = replay_to_start_of(&record.terms, &history, today);
        let never = replay_to_start_of(&record.terms, &without(&history, &[w.id]), today);
        assert_eq!(applied(&now, txn), applied(&never, txn));
        assert_eq!(applied(&now, txn).interest, with.interest + ten);
        assert_eq!(applied(&now, txn).principal, with.principal - ten);
        assert_eq!(now.principal, never.principal);
        assert_eq!(now.interest, never.interest);
        assert_eq!(undone.interest_left, now.interest);
        snapshot_is_the_replay(&app, maria_past_due()).await;
        let view = app
            .store()
            .loan_view(maria_past_due())
            .await
            .unwrap()
            .unwrap();
        let details = app.loan_details_of(view, None).await.unwrap();
        assert!(details.activity.iter().any(|a| matches!(
            a,
            Activity::WaiverUndone {
                interest: true,
                amount,
                ..
            } if *amount == ten
        )));
        assert!(
            !details
                .activity
                .iter()
                .any(|a| matches!(a, Activity::InterestWaiver { .. }))
        );

        // Undone once: the same request is a replay, another finds no waiver in force; a
        // payment is no waiver.
        let again = app
            .undo_waiver(&supervisor(), "undo-4005", &undo)
            .await
            .unwrap();
        assert!(again.replayed);
        assert_eq!(again.reference, undone.reference);
        let e = app
            .undo_waiver(&supervisor(), "undo-4006", &undo)
            .await
            .unwrap_err();
        assert!(matches!(e, ServicingError::WaiverNotFound), "{e}");
        let e = app
            .undo_waiver(
                &supervisor(),
                "undo-4007",
                &WaiverUndo {
                    txn: i64::try_from(txn.0).unwrap(),
                    ..undo.clone()
                },
            )
            .await
            .unwrap_err();
        assert!(matches!(e, ServicingError::WaiverNotFound), "{e}");

        let audit = app
            .store()
            .audit_of(&format!("loan:{}", loan.0), 20)
            .await
            .unwrap();
        for action in ["loan.interest_waived", "loan.waiver_undone"] {
            assert!(
                audit
                    .iter()
                    .any(|r| r.event.action == action && r.event.actor == "staff:7"),
                "{action}"
            );
        }
        balanced(&app).await;
        db.finish().await;
    }
}

#[tokio::test]
async fn a_reversal_is_refused_naming_its_rule_and_nothing_changes() {
    for db in fresh("reverse_refused").await {
        let (app, _clock) = test_app(db.store.clone(), TODAY);
        app.seed_demo().await.unwrap();
        let loan = loan_of(&app, maria_current()).await;
        let check = pay(
            &app,
            maria_current(),
            25_000,
            date(2026, 11, 23),
            "check-5001",
        )
        .await;
        let elsewhere = pay(&app, aisha(), 25_000, date(2026, 11, 23), "check-5002").await;
        // A bank debit taken by phone: scheduled until the day's ACH file, not posted.
        let pending = app
            .post_received_payment(
                &supervisor(),
                "phone-5003",
                &ReceivedPayment {
                    account: maria_current(),
                    amount: Money::from_cents(15_000),
                    channel: PaymentChannel::Phone,
                    received_on: None,
                    extra: ExtraTo::Principal,
                    bank: Some(PhoneBank {
                        holder_name: "Maria Lopez".into(),
                        routing_number: "011000015".into(),
                        account_number: "55512345".into(),
                        account_type: "checking".into(),
                    }),
                },
            )
            .await
            .unwrap()
            .payment;
        assert_eq!(pending.status, PaymentStatus::Scheduled);
        let history_before = app.store().history(loan).await.unwrap().len();

        let reversal = |payment: PaymentId| PaymentReversal {
            account: maria_current(),
            payment,
            reason: ReversalReason::Duplicate,
            note: "Posted twice".into(),
        };
        for (actor, key, asked, want) in [
            (
                agent(),
                "reverse-5000",
                reversal(check.id),
                "you may not reverse payments",
            ),
            (supervisor(), "short", reversal(check.id), "idempotency key"),
            (
                supervisor(),
                "reverse-5001",
                PaymentReversal {
                    note: "x".repeat(501),
                    ..reversal(check.id)
                },
                "500 characters",
            ),
            (
                supervisor(),
                "reverse-5002",
                reversal(elsewhere.id),
                "no payment with this id",
            ),
            (
                supervisor(),
                "reverse-5003",
                reversal(PaymentId(999_999)),
                "no payment with this id",
            ),
            (
                supervisor(),
                "reverse-5004",
                reversal(pending.id),
                "only a posted payment can be reversed",
            ),
        ] {
            let e = app.reverse_payment(&actor, key, &asked).await.unwrap_err();
            assert!(e.to_string().contains(want), "{want}: {e}");
        }
        let e = app
            .reverse_payment(
                &supervisor(),
                "reverse-5005",
                &PaymentReversal {
                    account: AccountNumber::from_base(521_840_000_009_999),
                    ..reversal(check.id)
                },
            )
            .await
            .unwrap_err();
        assert!(matches!(e, ServicingError::NotFound), "{e}");
        // A key used for one request is refused for another.
        app.reverse_payment(&supervisor(), "reverse-5006", &reversal(check.id))
            .await
            .unwrap();
        let e = app
            .reverse_payment(
                &supervisor(),
                "reverse-5006",
                &PaymentReversal {
                    reason: ReversalReason::PostedInError,
                    ..reversal(check.id)
                },
            )
            .await
            .unwrap_err();
        assert!(matches!(e, ServicingError::KeyReused), "{e}");
        // Only the one reversal was made.
        assert_eq!(
            app.store().history(loan).await.unwrap().len(),
            history_before + 1
        );
        assert_eq!(row(&app, elsewhere.id).await.status, PaymentStatus::Posted);
        assert_eq!(row(&app, pending.id).await.status, PaymentStatus::Scheduled);
        snapshot_is_the_replay(&app, maria_current()).await;
        snapshot_is_the_replay(&app, aisha()).await;
        balanced(&app).await;
        db.finish().await;
    }
}

/// The exception queue's items deposited on `on` (and the whole queue's count and total).
fn held_on(on: Date) -> ItemFilter {
    ItemFilter {
        state: Some(ItemState::Exception),
        deposit_date: Some(on),
    }
}

#[tokio::test]
async fn money_a_reversal_kept_waits_in_the_exception_queue_until_staff_apply_it_elsewhere() {
    for db in fresh("reverse_held_item").await {
        let (app, _clock) = test_app(db.store.clone(), TODAY);
        app.seed_demo().await.unwrap();
        let credited = date(2026, 11, 23);
        let amount = Money::from_cents(40_000);
        let check = pay(&app, maria_current(), 40_000, credited, "check-7001").await;
        let to = loan_of(&app, aisha()).await;
        let to_history_before = app.store().history(to).await.unwrap().len();
        let queue_before = app
            .remittance_items(&supervisor(), held_on(credited), 1)
            .await
            .unwrap();
        let suspense_before = balanced(&app).await.net(Account::Suspense);

        let asked = PaymentReversal {
            account: maria_current(),
            payment: check.id,
            reason: ReversalReason::PostedInError,
            note: "Aisha's check, keyed to Maria's loan".into(),
        };
        let out = app
            .reverse_payment(&supervisor(), "reverse-7001", &asked)
            .await
            .unwrap();

        // One more item in the queue holds the money: Maria (the borrower) as its payer,
        // deposited as the check was credited, its memo saying what was reversed and why.
        let queue = app
            .remittance_items(&supervisor(), held_on(credited), 1)
            .await
            .unwrap();
        assert_eq!(queue.open_count, queue_before.open_count + 1);
        assert_eq!(queue.open_total, queue_before.open_total + amount);
        let held = queue
            .items
            .iter()
            .find(|i| i.memo.contains(&check.confirmation))
            .expect("an item holds the reversed payment's money")
            .clone();
        let view = app
            .store()
            .loan_view(maria_current())
            .await
            .unwrap()
            .unwrap();
        let maria = app
            .store()
            .full_name_of(view.borrower)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(held.amount, amount);
        assert_eq!(held.deposit_date, credited);
        assert_eq!(held.source, RemittanceSource::Lockbox, "a check");
        assert_eq!(held.reason, Some(ExceptionReason::NoMatch));
        assert_eq!(held.account, None, "no loan is offered as its own");
        assert_eq!(held.payer, maria);
        for said in [
            maria_current().to_string(),
            out.reference.clone(),
            "posted in error".to_owned(),
            "Aisha's check".to_owned(),
        ] {
            assert!(held.memo.contains(&said), "{said}: {}", held.memo);
        }
        assert_eq!(
            balanced(&app).await.net(Account::Suspense),
            suspense_before - amount
        );
        let audit = app
            .store()
            .audit_of(&format!("loan:{}", view.loan.0), 20)
            .await
            .unwrap();
        assert!(audit.iter().any(|r| {
            r.event.action == "loan.payment_reversed"
                && r.event
                    .detail
                    .contains(&format!("\"held_as_item\":{}", held.id.0))
        }));

        // The same request again holds nothing more.
        let again = app
            .reverse_payment(&supervisor(), "reverse-7001", &asked)
            .await
            .unwrap();
        assert!(again.replayed);
        let queue = app
            .remittance_items(&supervisor(), held_on(credited), 1)
            .await
            .unwrap();
        assert_eq!(queue.open_count, queue_before.open_count + 1);

        // Staff apply it to the loan it was meant for, as any item held there: a payment
        // credited as the check was.
        let applied = app
            .apply_remittance(&agent(), held.id, "apply-7001", aisha())
            .await
            .unwrap();
        assert_eq!(applied.item.state, ItemState::Resolved);
        assert_eq!(applied.postings.len(), 1);
        assert_eq!(
            (applied.postings[0].account, applied.postings[0].amount),
            (aisha(), amount)
        );
        let to_history = app.store().history(to).await.unwrap();
        assert_eq!(to_history.len(), to_history_before + 1);
        assert!(to_history.iter().any(|t| t.date == credited
            && matches!(t.kind, TxnKind::Payment { amount: paid, .. } if paid == amount)));

        // The books balance, suspense is back where it was, and the queue as it was.
        let suspense = balanced(&app).await.net(Account::Suspense);
        assert_eq!(suspense, suspense_before);
        let queue = app
            .remittance_items(&supervisor(), held_on(credited), 1)
            .await
            .unwrap();
        assert_eq!(
            (queue.open_count, queue.open_total),
            (queue_before.open_count, queue_before.open_total)
        );
        snapshot_is_the_replay(&app, maria_current()).await;
        snapshot_is_the_replay(&app, aisha()).await;
        db.finish().await;
    }
}

#[tokio::test]
async fn a_debit_inside_its_return_window_stays_and_a_return_after_a_reversal_is_audited() {
    for db in fresh("reverse_ach_window").await {
        let dir = scratch::dir(&format!("reverse-ach-{}", db.store.backend()));
        let (app, _clock) = test_app(db.store.clone(), TODAY);
        let app = ach::with_files(app, &dir);
        app.seed_demo().await.unwrap();
        let token = enrol(&app, MARIA, "maria.lopez").await;
        let s = session(&app, &token).await;
        let bank = add_bank_account(&app, &s, &client()).await;
        let made = app
            .make_payment(
                s.login().unwrap(),
                "form-key-8001",
                &PaymentRequest {
                    account: maria_current(),
                    method: bank,
                    amount: AmountChoice::Other(Money::from_cents(10_000)),
                    date: None,
                    extra: ExtraTo::Principal,
                },
                &client(),
            )
            .await
            .unwrap();
        let file = app.originate_ach(None).await.unwrap();
        assert_eq!(file.entries, 1);
        let sent = std::fs::read(file.path.as_ref().unwrap()).unwrap();
        let debit = row(&app, made.payment.id).await;
        assert_eq!(
            (debit.status, debit.rail),
            (PaymentStatus::Posted, Rail::Ach)
        );
        assert_eq!(debit.credit_date, date(2026, 11, 24));
        let loan = debit.loan;
        let history_before = app.store().history(loan).await.unwrap().len();

        // Inside its return window it is neither moved nor reversed as posted in error or
        // twice: the refusal names the day it clears (ten days after it went out).
        let reversal = |reason: ReversalReason| PaymentReversal {
            account: maria_current(),
            payment: debit.id,
            reason,
            note: String::new(),
        };
        for (key, reason) in [
            ("reverse-8001", ReversalReason::PostedInError),
            ("reverse-8002", ReversalReason::Duplicate),
        ] {
            let e = app
                .reverse_payment(&supervisor(), key, &reversal(reason))
                .await
                .unwrap_err();
            assert!(
                matches!(e, ServicingError::NotYetCleared { clears_on } if clears_on == date(2026, 12, 4)),
                "{e}"
            );
            assert!(e.to_string().contains("December 4, 2026"), "{e}");
        }
        let e = app
            .move_payment(
                &supervisor(),
                "move-8003",
                &PaymentMove {
                    account: maria_current(),
                    payment: debit.id,
                    to: aisha(),
                    note: String::new(),
                },
            )
            .await
            .unwrap_err();
        assert!(
            matches!(e, ServicingError::NotYetCleared { clears_on } if clears_on == date(2026, 12, 4)),
            "{e}"
        );
        assert_eq!(row(&app, debit.id).await.status, PaymentStatus::Posted);
        assert_eq!(
            app.store().history(loan).await.unwrap().len(),
            history_before
        );

        // Returned unpaid is not refused: the money leaves with it.
        app.reverse_payment(
            &supervisor(),
            "reverse-8004",
            &reversal(ReversalReason::ReturnedUnpaid),
        )
        .await
        .unwrap();

        // The bank's return of it then arrives: nothing more is reversed or retried, and the
        // late return is audited on the loan.
        let returns = bank_returns(&sent, "R01", "261125");
        let read = app
            .read_ach_returns("returns-8.ach", returns.as_bytes())
            .await
            .unwrap();
        assert_eq!((read.reversed, read.retries), (0, 0));
        assert_eq!(
            row(&app, debit.id).await.return_code.as_deref(),
            Some("returned_unpaid")
        );
        assert_eq!(
            app.store().history(loan).await.unwrap().len(),
            history_before + 1
        );
        let audit = app
            .store()
            .audit_of(&format!("loan:{}", loan.0), 20)
            .await
            .unwrap();
        let late = audit
            .iter()
            .find(|r| r.event.action == "ach.return_after_reversal")
            .expect("the return after the reversal is audited");
        assert_eq!(late.event.actor, "ach");
        for said in ["R01", "returned_unpaid", debit.confirmation.as_str()] {
            assert!(
                late.event.detail.contains(said),
                "{said}: {}",
                late.event.detail
            );
        }
        snapshot_is_the_replay(&app, maria_current()).await;
        balanced(&app).await;
        let _ = std::fs::remove_dir_all(&dir);
        db.finish().await;
    }
}

#[tokio::test]
async fn a_check_posted_twice_is_taken_off_with_no_fee_and_makes_no_money_in_suspense() {
    for db in fresh("reverse_check_twice").await {
        let (app, _clock) = test_app(db.store.clone(), TODAY);
        app.seed_demo().await.unwrap();
        let loan = loan_of(&app, maria_current()).await;
        let credited = date(2026, 11, 23);
        // The same mailed check keyed twice: its bank pays it once.
        let _first = pay(&app, maria_current(), 30_000, credited, "check-9001").await;
        let second = pay(&app, maria_current(), 30_000, credited, "check-9002").await;
        let before = balanced(&app).await;
        let queue_before = app
            .remittance_items(&supervisor(), held_on(credited), 1)
            .await
            .unwrap();
        let out = app
            .reverse_payment(
                &supervisor(),
                "reverse-9001",
                &PaymentReversal {
                    account: maria_current(),
                    payment: second.id,
                    reason: ReversalReason::Duplicate,
                    note: "Keyed twice".into(),
                },
            )
            .await
            .unwrap();
        assert_eq!(
            out.nsf_fee,
            Money::ZERO,
            "no fee for our own second posting"
        );
        let after = balanced(&app).await;
        // The second posting's cash never came: it leaves cash/clearing, and nothing is
        // held in suspense or queued for staff.
        assert_eq!(
            after.net(Account::CashClearing),
            before.net(Account::CashClearing) - Money::from_cents(30_000)
        );
        assert_eq!(after.net(Account::Suspense), before.net(Account::Suspense));
        let queue_after = app
            .remittance_items(&supervisor(), held_on(credited), 1)
            .await
            .unwrap();
        assert_eq!(
            (queue_after.open_count, queue_after.open_total),
            (queue_before.open_count, queue_before.open_total),
            "nothing queued"
        );
        let history = app.store().history(loan).await.unwrap();
        assert!(history.iter().any(|t| t.kind
            == TxnKind::Reversal {
                of: second.txn.expect("posted"),
                insufficient_funds: false
            }));
        snapshot_is_the_replay(&app, maria_current()).await;
        db.finish().await;
    }
}
