//! The lockbox (issue 21), on a real store (SQLite, and PostgreSQL when configured): a day's
//! file of 50 checks built from the test's loans (coupons, account numbers on the memo line
//! grouped and dashed, a mistyped digit, an unknown account, a paid-off loan, a check
//! deposited twice, a payoff check a few cents short, an amount far above the payoff, two
//! loans named at once, nothing at all) lands each check where it should; the same file again
//! changes nothing, nor does a re-sent file with a new header; a broken file changes nothing;
//! staff apply one, split one and return one; two staff resolving one item at once: one wins;
//! the inbound folder is swept, and items a crash left unfinished are finished. The books
//! balance after every step.

use app::access::{Actor, Capability};
use app::remittance::{ItemFilter, ItemId, ItemState, ItemSummary, LockboxFormat, RemittanceError};
use domain::account_number::AccountNumber;
use domain::ledger::Account;
use domain::remittance::ExceptionReason;
use formats::lockbox::{Batch, Check, Lockbox, LockboxFile};
use jiff::civil::{Date, date};
use money::Money;
use std::path::Path;
use store::{NewRemittanceFile, NewRemittanceItem, RemittanceSource};
use test_support::desk::Desk;
use test_support::ledger::assert_books_balance;

/// The synthetic loans boarded for the test: account numbers from this base.
const BASE: u64 = 521_840_700_000_000;
const LOANS: u64 = 12;
/// The business date of the desk (Wednesday, November 25, 2026).
const TODAY: Date = date(2026, 11, 25);
/// Demo loans: James's is paid off; Aisha's is active; Maria's three are active.
const JAMES: u64 = 521_840_000_000_201;
const AISHA: u64 = 521_840_000_000_301;
const MARIA: [u64; 3] = [
    521_840_000_000_101,
    521_840_000_000_102,
    521_840_000_000_103,
];

fn synthetic(i: u64) -> AccountNumber {
    AccountNumber::from_base(BASE + i)
}

fn cents(c: i64) -> Money {
    Money::from_cents(c)
}

/// A desk per backend with the test's loans boarded, its lockbox folder under the test's
/// directory.
async fn desks(test: &str) -> Vec<Desk> {
    let desks = Desk::open(test, |app, dir| {
        let mut settings = app.payment_settings().clone();
        settings.lockbox.inbound_dir = dir.join("lockbox");
        app.with_payments(settings)
    })
    .await;
    for d in &desks {
        let loans = formats::boarding::synthetic(LOANS, BASE, TODAY);
        d.app
            .board(
                formats::boarding::write_loans(&loans).as_bytes(),
                None,
                false,
                &Actor::Operator("board"),
            )
            .await
            .unwrap();
    }
    desks
}

/// What pays a loan off now, from its snapshot.
async fn payoff(d: &Desk, account: AccountNumber) -> Money {
    let s = d
        .app
        .store()
        .loan_view(account)
        .await
        .unwrap()
        .unwrap()
        .snapshot;
    s.principal + s.interest + s.fees
}

/// The coupon's scan line: the account number, then the amount due in cents right-aligned
/// in ten characters.
fn coupon(account: AccountNumber, due_cents: i64) -> String {
    format!("{account}  {due_cents:>10}")
}

/// The account number in groups of four joined by `sep`.
fn grouped(account: AccountNumber, sep: &str) -> String {
    let s = account.to_string();
    [&s[0..4], &s[4..8], &s[8..12], &s[12..16]].join(sep)
}

/// A check of the day as the test describes it: its amount, payer and memo lines; the payer's
/// bank account and check number are those of check `drawn` (its own, or an earlier one's
/// for a check deposited twice).
#[derive(Clone, Debug)]
struct Spec {
    drawn: usize,
    amount: Money,
    payer: String,
    memo: Vec<String>,
}

fn spec(drawn: usize, amount: Money, payer: &str, memo: Vec<String>) -> Spec {
    Spec {
        drawn,
        amount,
        payer: payer.into(),
        memo,
    }
}

/// The check of `s`, item `item` of its batch.
fn check(s: &Spec, item: usize) -> Check {
    Check {
        item: format!("{item:03}"),
        amount: s.amount,
        check_number: format!("{:010}", 1001 + s.drawn),
        check_date: Some(TODAY),
        payer: s.payer.clone(),
        payer_routing: "021000021".into(),
        payer_account: format!("70012{:05}", s.drawn),
        memo: s.memo.clone(),
        line: 0,
    }
}

/// The day's 50 checks; the expected outcome of each is in the test.
struct Day {
    checks: Vec<Spec>,
    short_payoff: Money,
    far_above: Money,
    no_match_payer: String,
}

async fn day_of_checks(d: &Desk) -> Day {
    let mut checks: Vec<Spec> = Vec::new();
    // 0..20: coupons for the first eight synthetic loans.
    for k in 0..20_i64 {
        let account = synthetic(u64::try_from(k).unwrap() % 8);
        checks.push(spec(
            checks.len(),
            cents(4_000 + k),
            &format!("PAYER {k}"),
            vec![coupon(account, 25_000)],
        ));
    }
    // 20..32: account numbers written on the memo line, grouped, dashed or plain.
    for k in 20..32_i64 {
        let account = synthetic(8 + u64::try_from(k).unwrap() % 3);
        let memo = match k % 3 {
            0 => format!("ACCT {}", grouped(account, " ")),
            1 => format!("LOAN {} NOV PMT", grouped(account, "-")),
            _ => format!("{account}"),
        };
        checks.push(spec(
            checks.len(),
            cents(5_500 + k),
            &format!("PAYER {k}"),
            vec![memo],
        ));
    }
    // 32: a mistyped digit (the check digit catches it).
    let good = synthetic(0).to_string();
    let last = good.chars().last().unwrap().to_digit(10).unwrap();
    let mistyped = format!("{}{}", &good[..15], (last + 1) % 10);
    checks.push(spec(
        checks.len(),
        cents(6_100),
        "PAYER MISTYPED",
        vec![format!("ACCT {mistyped}")],
    ));
    // 33: a valid account number no loan has.
    let unknown = AccountNumber::from_base(521_840_799_999_999);
    checks.push(spec(
        checks.len(),
        cents(6_200),
        "PAYER UNKNOWN",
        vec![grouped(unknown, " ")],
    ));
    // 34: James's loan is paid off.
    let james = AccountNumber::from_base(JAMES);
    checks.push(spec(
        checks.len(),
        cents(6_300),
        "JAMES CARTER",
        vec![coupon(james, 0)],
    ));
    // 35: the first check again (same payer account, check number and amount), deposited
    // twice, in the other batch.
    checks.push(checks[0].clone());
    // 36: a payoff check three cents short, for a loan nothing else pays today.
    let short_payoff = payoff(d, synthetic(11)).await - cents(3);
    checks.push(spec(
        checks.len(),
        short_payoff,
        "PAYER PAYOFF",
        vec![coupon(synthetic(11), short_payoff.cents())],
    ));
    // 37: far above what pays Aisha's loan off.
    let aisha = AccountNumber::from_base(AISHA);
    let far_above = payoff(d, aisha).await + Money::from_dollars(5_000);
    checks.push(spec(
        checks.len(),
        far_above,
        "AISHA KHAN",
        vec![format!("ACCOUNT {}", grouped(aisha, " "))],
    ));
    // 38: two loans named at once.
    checks.push(spec(
        checks.len(),
        cents(30_000),
        "PAYER SEVERAL",
        vec![
            format!("{} AND", grouped(synthetic(1), " ")),
            grouped(synthetic(2), "-"),
        ],
    ));
    // 39: nothing on it but the payer's name: a synthetic borrower's.
    let view = d
        .app
        .store()
        .loan_view(synthetic(3))
        .await
        .unwrap()
        .unwrap();
    let no_match_payer = d
        .app
        .store()
        .full_name_of(view.borrower)
        .await
        .unwrap()
        .unwrap()
        .to_uppercase();
    checks.push(spec(
        checks.len(),
        cents(7_700),
        &no_match_payer,
        vec!["THANK YOU".into()],
    ));
    // 40..50: Maria's three loans, by coupon and memo.
    for k in 40..50_i64 {
        let account = AccountNumber::from_base(MARIA[usize::try_from(k).unwrap() % 3]);
        let memo = if k % 2 == 0 {
            coupon(account, 31_000)
        } else {
            // An overflow record holds 30 characters of memo.
            format!("LOAN {}", grouped(account, " "))
        };
        checks.push(spec(
            checks.len(),
            cents(2_000 + k),
            "MARIA LOPEZ",
            vec![memo],
        ));
    }
    assert_eq!(checks.len(), 50);
    Day {
        checks,
        short_payoff,
        far_above,
        no_match_payer,
    }
}

/// The day's checks as the bank's lockbox file: one lockbox, batches of 25.
fn file_of(checks: &[Spec], created_on: Date) -> LockboxFile {
    let batches = checks
        .chunks(25)
        .enumerate()
        .map(|(b, chunk)| Batch {
            number: format!("{:03}", b + 1),
            checks: chunk
                .iter()
                .enumerate()
                .map(|(i, s)| check(s, i + 1))
                .collect(),
            line: 0,
        })
        .collect();
    LockboxFile {
        origin: "0099999991".into(),
        destination: "ABCDEFGHIJ".into(),
        created_on,
        lockboxes: vec![Lockbox {
            number: "1234567".into(),
            deposit_date: TODAY,
            batches,
            line: 0,
        }],
    }
}

/// How many payments are posted, and their total.
async fn posted_payments(d: &Desk) -> (i64, Money) {
    d.app
        .store()
        .payment_counts()
        .await
        .unwrap()
        .into_iter()
        .filter(|(s, _, _)| *s == domain::payment::PaymentStatus::Posted)
        .fold((0, Money::ZERO), |(n, t), (_, c, m)| (n + c, t + m))
}

/// Every item deposited today.
async fn items_of_today(d: &Desk) -> Vec<ItemSummary> {
    d.app.remittance_day(&d.agent, TODAY).await.unwrap().items
}

fn the<'a>(
    items: &'a [ItemSummary],
    what: &str,
    f: impl Fn(&ItemSummary) -> bool,
) -> &'a ItemSummary {
    let found: Vec<&ItemSummary> = items.iter().filter(|i| f(i)).collect();
    assert_eq!(found.len(), 1, "{what}: {found:?}");
    found[0]
}

fn exception(items: &[ItemSummary], reason: ExceptionReason) -> ItemId {
    the(items, reason.as_str(), |i| {
        i.reason == Some(reason) && i.state == ItemState::Exception
    })
    .id
}

#[tokio::test]
async fn a_days_lockbox_file_lands_each_check_where_it_should_and_staff_work_the_queue() {
    for d in desks("lockbox_day").await {
        let backend = d.app.store().backend();
        let day = day_of_checks(&d).await;
        let file = file_of(&day.checks, TODAY);
        let bytes = formats::lockbox::write(&file);
        let before = posted_payments(&d).await;

        // A broken file (its trailer cut off) is refused naming the line, and changes nothing.
        let cut = bytes.trim_end().rsplit_once('\n').unwrap().0.to_owned();
        let e = d
            .app
            .import_lockbox(&d.agent, "broken.bai", cut.as_bytes(), LockboxFormat::Bai)
            .await
            .unwrap_err();
        assert!(
            matches!(&e, RemittanceError::Refused(m) if m.to_lowercase().contains("line")),
            "{backend}: {e}"
        );
        assert_eq!(posted_payments(&d).await, before, "{backend}");
        assert!(items_of_today(&d).await.is_empty(), "{backend}");

        // Only staff who take payments import.
        let borrower = Actor::Borrower(store::LoginId(1));
        assert!(matches!(
            d.app
                .import_lockbox(&borrower, "day.bai", bytes.as_bytes(), LockboxFormat::Bai)
                .await,
            Err(RemittanceError::Access(a)) if a.capability == Capability::TakePayment
        ));

        let imported = d
            .app
            .import_lockbox(&d.agent, "day.bai", bytes.as_bytes(), LockboxFormat::Bai)
            .await
            .unwrap();
        assert_eq!(
            (
                imported.checks,
                imported.already_read,
                imported.skipped,
                imported.posted,
                imported.exceptions
            ),
            (50, false, 0, 43, 7),
            "{backend}: {imported:?}"
        );
        assert_eq!(imported.total, file.total());
        assert_eq!(
            imported.posted_total + imported.exceptions_total,
            file.total()
        );
        assert_eq!(imported.short_payoffs.len(), 1, "{backend}");
        assert_eq!(imported.short_payoffs[0].account, synthetic(11));
        assert_eq!(imported.short_payoffs[0].short_by, cents(3));
        let after = posted_payments(&d).await;
        assert_eq!(after.0 - before.0, 43, "{backend}");
        assert_eq!(after.1 - before.1, imported.posted_total, "{backend}");
        assert_books_balance(d.app.store()).await;

        // Each check where it should be.
        let items = items_of_today(&d).await;
        assert_eq!(items.len(), 50);
        let posted: Vec<&ItemSummary> = items
            .iter()
            .filter(|i| i.state == ItemState::Posted)
            .collect();
        assert_eq!(posted.len(), 43);
        assert_eq!(
            posted
                .iter()
                .filter(|i| i.matched_by == Some(app::remittance::MatchedBy::Coupon))
                .count(),
            20 + 1 + 5,
            "{backend}: coupons (20 synthetic, the payoff, Maria's five)"
        );
        for i in &posted {
            assert!(i.account.is_some() && i.reason.is_none(), "{i:?}");
        }
        the(&items, "short payoff", |i| {
            i.amount == day.short_payoff
                && i.state == ItemState::Posted
                && i.payoff_short == Some(cents(3))
        });
        exception(&items, ExceptionReason::MistypedAccount);
        exception(&items, ExceptionReason::UnknownAccount);
        let paid_off = exception(&items, ExceptionReason::PaidOff);
        let duplicate = the(&items, "duplicate", |i| {
            i.reason == Some(ExceptionReason::Duplicate)
        });
        assert_eq!(duplicate.amount, cents(4_000));
        let far = the(&items, "far above", |i| {
            i.reason == Some(ExceptionReason::FarAbovePayoff)
        });
        assert_eq!(far.amount, day.far_above);
        assert_eq!(far.account, Some(AccountNumber::from_base(AISHA)));
        let several = exception(&items, ExceptionReason::SeveralMatches);
        let no_match = exception(&items, ExceptionReason::NoMatch);

        // The same file again changes nothing.
        let again = d
            .app
            .import_lockbox(&d.agent, "day.bai", bytes.as_bytes(), LockboxFormat::Bai)
            .await
            .unwrap();
        assert!(again.already_read, "{backend}");
        assert_eq!((again.posted, again.exceptions), (0, 0));
        assert_eq!(posted_payments(&d).await, after, "{backend}");

        // Re-sent with a new header: a new file, but every item is already here.
        let resent = formats::lockbox::write(&file_of(&day.checks, date(2026, 11, 26)));
        assert_ne!(resent, bytes);
        let resent = d
            .app
            .import_lockbox(
                &d.agent,
                "day-resent.bai",
                resent.as_bytes(),
                LockboxFormat::Bai,
            )
            .await
            .unwrap();
        assert_eq!(
            (
                resent.already_read,
                resent.skipped,
                resent.posted,
                resent.exceptions
            ),
            (false, 50, 0, 0),
            "{backend}"
        );
        assert_eq!(posted_payments(&d).await, after, "{backend}");
        assert_eq!(items_of_today(&d).await.len(), 50);
        assert_books_balance(d.app.store()).await;

        // The queue, oldest first, with its totals.
        let queue = d
            .app
            .remittance_items(
                &d.agent,
                ItemFilter {
                    state: Some(ItemState::Exception),
                    deposit_date: None,
                },
                1,
            )
            .await
            .unwrap();
        assert_eq!(
            (queue.items.len(), queue.open_count, queue.more),
            (7, 7, false)
        );
        assert_eq!(
            queue.open_total,
            queue.items.iter().map(|i| i.amount).sum::<Money>()
        );
        assert!(queue.items.iter().all(|i| i.age_days == 0));
        let tb = d.app.store().trial_balance(None).await.unwrap();
        assert_eq!(tb.net(Account::Suspense), -queue.open_total, "{backend}");

        // Apply the item that named nothing to the loan its payer's name suggests.
        let detail = d.app.remittance_item(&d.agent, no_match).await.unwrap();
        assert!(
            detail.suggestions.iter().any(|s| s.account == synthetic(3)),
            "{backend}: {} → {:?}",
            day.no_match_payer,
            detail.suggestions
        );
        let applied = d
            .app
            .apply_remittance(&d.agent, no_match, "apply-no-match-1", synthetic(3))
            .await
            .unwrap();
        assert_eq!(applied.item.state, ItemState::Resolved);
        assert_eq!(applied.item.account, Some(synthetic(3)));
        assert_eq!(applied.postings.len(), 1);
        assert_eq!(
            (applied.postings[0].account, applied.postings[0].amount),
            (synthetic(3), cents(7_700))
        );
        assert_eq!(
            applied.resolved_by.as_deref(),
            Some("Ana Agent"),
            "staff read a name"
        );
        assert!(applied.suggestions.is_empty());
        // The same request again is answered as the first was; nothing posts twice.
        let replayed = d
            .app
            .apply_remittance(&d.agent, no_match, "apply-no-match-1", synthetic(3))
            .await
            .unwrap();
        assert_eq!(replayed, applied);
        assert_eq!(posted_payments(&d).await.0, after.0 + 1, "{backend}");
        assert_books_balance(d.app.store()).await;

        // Split the item that named two loans: amounts that do not add up change nothing.
        let e = d
            .app
            .split_remittance(
                &d.agent,
                several,
                "split-several-1",
                &[(synthetic(1), cents(20_000)), (synthetic(2), cents(9_999))],
            )
            .await
            .unwrap_err();
        assert!(matches!(e, RemittanceError::BadSplit(_)), "{e}");
        assert!(e.to_string().contains("$299.99"), "{e}");
        let still = d.app.remittance_item(&d.agent, several).await.unwrap();
        assert_eq!(still.item.state, ItemState::Exception);
        let split = d
            .app
            .split_remittance(
                &d.agent,
                several,
                "split-several-2",
                &[(synthetic(1), cents(20_000)), (synthetic(2), cents(10_000))],
            )
            .await
            .unwrap();
        assert_eq!(split.item.state, ItemState::Resolved);
        assert_eq!(split.postings.len(), 2);
        assert_eq!(
            split.postings.iter().map(|p| p.amount).sum::<Money>(),
            cents(30_000)
        );
        assert_books_balance(d.app.store()).await;

        // Return the paid-off loan's check: a reason is required.
        let e = d
            .app
            .return_remittance(&d.agent, paid_off, "   ")
            .await
            .unwrap_err();
        assert!(matches!(e, RemittanceError::Refused(_)), "{e}");
        let returned = d
            .app
            .return_remittance(
                &d.agent,
                paid_off,
                "Loan paid off in October; refund the payer",
            )
            .await
            .unwrap();
        assert_eq!(returned.item.state, ItemState::Returned);
        assert!(returned.postings.is_empty());
        assert!(matches!(
            d.app.return_remittance(&d.agent, paid_off, "again").await,
            Err(RemittanceError::NotAnException)
        ));
        let tb = d.app.store().trial_balance(None).await.unwrap();
        assert_eq!(tb.net(Account::RefundsPayable), -cents(6_300), "{backend}");
        assert_books_balance(d.app.store()).await;

        // Two staff resolve the mistyped check at once: exactly one wins.
        let mistyped = exception(&items, ExceptionReason::MistypedAccount);
        let other = test_support::staff::actor(&d.app, "bo@example.com", "Bo Agent", "agent").await;
        let (a, b) = tokio::join!(
            d.app
                .apply_remittance(&d.agent, mistyped, "race-agent-1", synthetic(0)),
            d.app
                .apply_remittance(&other, mistyped, "race-agent-2", synthetic(0)),
        );
        let wins = [&a, &b].iter().filter(|r| r.is_ok()).count();
        assert_eq!(wins, 1, "{backend}: {a:?} {b:?}");
        assert!(
            [a, b]
                .into_iter()
                .any(|r| matches!(r, Err(RemittanceError::NotAnException))),
            "{backend}"
        );
        let won = d.app.remittance_item(&d.agent, mistyped).await.unwrap();
        assert_eq!(won.postings.len(), 1);
        assert_books_balance(d.app.store()).await;

        // Nobody else's decisions: a borrower may not, an item that is not there is not found.
        assert!(matches!(
            d.app.remittance_item(&borrower, mistyped).await,
            Err(RemittanceError::Access(_))
        ));
        assert!(matches!(
            d.app.remittance_item(&d.agent, ItemId(9_999_999)).await,
            Err(RemittanceError::NotFound)
        ));
        let e = d
            .app
            .apply_remittance(
                &d.agent,
                exception(&items_of_today(&d).await, ExceptionReason::UnknownAccount),
                "apply-unknown-1",
                AccountNumber::from_base(521_840_799_999_999),
            )
            .await
            .unwrap_err();
        assert!(matches!(e, RemittanceError::BadSplit(_)), "{e}");

        // The day's report.
        let report = d.app.remittance_day(&d.agent, TODAY).await.unwrap();
        assert_eq!(report.received, (50, file.total()), "{backend}");
        assert_eq!(report.posted.0, 43);
        assert_eq!(
            report.exceptions.0, 3,
            "{backend}: unknown, duplicate, far above"
        );
        assert_eq!(
            report.resolved,
            (3, cents(7_700) + cents(30_000) + cents(6_100))
        );
        assert_eq!(report.returned, (1, cents(6_300)));
        assert_eq!(report.short_payoffs.len(), 1);
        let tb = d.app.store().trial_balance(None).await.unwrap();
        assert_eq!(tb.net(Account::Suspense), -report.exceptions.1, "{backend}");
        // Every decision is in the audit log with its typed actor.
        for (id, action) in [
            (no_match, "remittance.applied"),
            (several, "remittance.split"),
            (paid_off, "remittance.returned"),
        ] {
            let records = d
                .app
                .store()
                .audit_of(&format!("remittance-item:{}", id.0), 10)
                .await
                .unwrap();
            assert!(
                records
                    .iter()
                    .any(|r| r.event.action == action && r.event.actor == d.agent.audit_name()),
                "{backend}: {action}: {records:?}"
            );
        }
        // The bank's prior-day report for the deposit: one lockbox deposit of all 50 checks
        // (the bank deposited each, whatever became of it here). It reconciles, and moves the
        // day's cash from clearing into the bank account; the books still balance.
        let bank = Actor::Operator("bank");
        let report = d.app.bank_sample(&bank, TODAY, "0123456789").await.unwrap();
        let imported = d
            .app
            .import_bank_report(&bank, "day.bai2", formats::bai2::write(&report).as_bytes())
            .await
            .unwrap();
        assert_eq!(imported.transactions, 1, "{backend}");
        let day = d.app.bank_day(&bank, TODAY).await.unwrap();
        assert!(day.is_reconciled(), "{backend}: {day:?}");
        let tb = d.app.store().trial_balance(None).await.unwrap();
        assert_eq!(
            tb.net(Account::CashInBank),
            day_total(&items_of_today(&d).await),
            "{backend}: the deposit is in the bank"
        );
        assert_books_balance(d.app.store()).await;
        d.finish().await;
    }
}

/// The total of `items`.
fn day_total(items: &[ItemSummary]) -> Money {
    items.iter().map(|i| i.amount).sum()
}

/// Writes `text` to `dir/name`.
fn drop_file(dir: &Path, name: &str, text: &str) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join(name), text).unwrap();
}

#[tokio::test]
async fn the_inbound_folder_is_swept_and_items_a_crash_left_are_finished() {
    for d in desks("lockbox_sweep").await {
        let backend = d.app.store().backend();
        let inbox = d.dir.join("lockbox");
        let checks: Vec<Spec> = (0..3_i64)
            .map(|k| {
                spec(
                    usize::try_from(k).unwrap(),
                    cents(1_000 + k),
                    "PAYER",
                    vec![coupon(synthetic(5), 10_000)],
                )
            })
            .collect();
        let good = formats::lockbox::write(&file_of(&checks, TODAY));
        let broken = good.replace("PAYER", "PAYÉR");
        drop_file(&inbox, "a-day.bai", &good);
        drop_file(&inbox, "b-broken.bai", &broken);
        assert_eq!(d.app.sweep_lockbox_inbound().await.unwrap(), 2, "{backend}");
        assert!(inbox.join("processed/a-day.bai").is_file());
        let why = std::fs::read_to_string(inbox.join("refused/b-broken.bai.why.txt")).unwrap();
        assert!(why.to_lowercase().contains("line"), "{backend}: {why}");
        let items = items_of_today(&d).await;
        assert_eq!(items.len(), 3);
        assert!(items.iter().all(|i| i.state == ItemState::Posted));
        // Nothing left: a second sweep reads nothing.
        assert_eq!(d.app.sweep_lockbox_inbound().await.unwrap(), 0);

        // A crash between recording a file's items and finishing them leaves them received;
        // they wait while an import might still be finishing them, then the sweep does.
        let now = d.app.now_us();
        let mut tx = d.app.store().begin().await.unwrap();
        let (file, new) = tx
            .insert_remittance_file(
                &NewRemittanceFile {
                    source: RemittanceSource::Lockbox,
                    name: "crashed.bai",
                    digest: "crashed-file-digest",
                    items: 2,
                    total: cents(5_000),
                    actor: "cli:lockbox",
                },
                now,
            )
            .await
            .unwrap();
        assert!(new);
        let item = |n: u32, account: Option<AccountNumber>, reason| NewRemittanceItem {
            source: RemittanceSource::Lockbox,
            item_key: format!("lockbox:7654321:{TODAY}:001:{n:03}"),
            deposit_date: TODAY,
            lockbox: "7654321".into(),
            batch: "001".into(),
            item: format!("{n:03}"),
            amount: cents(2_500),
            check_number: format!("{}", 5000 + n),
            payer: "PAYER".into(),
            payer_last4: None,
            payer_digest: None,
            memo: String::new(),
            account_number: account,
            matched_by: account.map(|_| store::MatchedBy::Memo),
            reason,
            loan: None,
            state: store::RemittanceState::Received,
        };
        let recorded = tx
            .insert_remittance_items(
                file,
                &[
                    item(1, Some(synthetic(6)), None),
                    item(2, None, Some(ExceptionReason::NoMatch)),
                ],
                now,
            )
            .await
            .unwrap();
        assert_eq!(recorded.len(), 2);
        tx.commit().await.unwrap();
        d.app.sweep_lockbox_inbound().await.unwrap();
        let waiting = d.app.remittance_day(&d.agent, TODAY).await.unwrap();
        assert_eq!(waiting.received.0, 5, "{backend}");
        assert_eq!(waiting.posted.0, 3, "{backend}: not yet");
        d.clock.advance(jiff::SignedDuration::from_secs(11 * 60));
        d.app.sweep_lockbox_inbound().await.unwrap();
        let done = d.app.remittance_day(&d.agent, TODAY).await.unwrap();
        assert_eq!((done.posted.0, done.exceptions.0), (4, 1), "{backend}");
        assert_books_balance(d.app.store()).await;
        d.finish().await;
    }
}
