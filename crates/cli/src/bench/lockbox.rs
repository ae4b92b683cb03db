//! `bench lockbox`: a day's lockbox file (100,000 checks by default) imported through the real
//! use case (`App::import_lockbox`, as an operator: the file read and checked, every check
//! recorded and matched to its loan or queued for staff in one transaction, then each matched
//! check posted as a payment, replaying its loan, one transaction each) against a portfolio of
//! a million loans, next to
//! a baseline that inserts the same rows with batched multi-row INSERTs in one transaction and
//! nothing else, on a fresh database of the same backend.
//!
//! The file is made like a bank's: most checks carry the statement coupon's scan line, some
//! the account number on the memo line, a few a mistyped digit or no loan of ours, so the
//! exception path runs in a realistic share. Every check names a different loan, so where each
//! must land is known before the import (`domain::remittance::decide` on the loan as seeded),
//! and the import's answer and the stored items are checked against it before any figure is
//! printed. The import's two steps are timed apart by watching for the file's row to commit;
//! a third figure, items finished one bare transaction each, shows what the second step's
//! design costs by itself.

use super::{median, percent};
use crate::input::{self, Failure};
use anyhow::Context;
use app::App;
use app::access::Actor;
use app::clock::SystemClock;
use app::remittance::{LockboxFormat, LockboxImport, MEMO_SEPARATOR};
use app::vault::{Key, Vault};
use clap::Args;
use domain::account_number::AccountNumber;
use domain::remittance::{ExceptionReason, Identified, LoanFacts, decide, identify};
use formats::boarding::{BoardedLoan, synthetic};
use formats::lockbox::{Batch, Check, Lockbox, LockboxFile};
use jiff::civil::{Date, date};
use money::Money;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};
use store::testing::TestDb;
use store::{
    LoanId, LoanRecord, LoanSnapshot, MatchedBy, NewRemittanceFile, NewRemittanceItem,
    RemittanceSource, RemittanceState,
};

/// Arguments of `bench lockbox`.
#[derive(Args)]
pub struct LockboxArgs {
    /// Loans in the portfolio
    #[arg(long, default_value = "1000000")]
    loans: String,
    /// Checks in the lockbox file
    #[arg(long, default_value = "100000")]
    items: String,
    /// Timed runs, each a new file against the same portfolio (the median is reported)
    #[arg(long, default_value = "1")]
    runs: String,
    /// A PostgreSQL server to measure on (scratch databases are created and dropped);
    /// without it, SQLite files in the temp directory
    #[arg(long)]
    postgres_url: Option<String>,
}

/// The most checks in one file (the BAI layout numbers lockboxes in 7 digits; a million is
/// ten days of a large servicer's mail).
const MAX_ITEMS: u64 = 1_000_000;

/// The most checks over all runs: each names a loan of its own, and the bench keeps what it
/// knows of each in memory.
const MAX_CHECKS: u64 = 2_000_000;

/// Monday 4 January 2027: the loans are boarded as of this day, the business date, and the
/// day the bank deposited every check.
const START: Date = date(2027, 1, 4);

/// The date written on the checks.
const CHECK_DATE: Date = date(2026, 12, 30);

/// The first account number base of the portfolio (as `bench cob` boards it).
const BASE: u64 = 700_000_000_000_000;

/// Account number bases no loan has: the checks that name a loan of another servicer.
const UNKNOWN_BASE: u64 = 900_000_000_000_000;

/// Checks per batch and per lockbox (the BAI layout holds at most 999 and 9,999).
const PER_BATCH: u64 = 100;
const PER_LOCKBOX: u64 = 5_000;

/// Items the bare one-transaction-per-item figure is measured on (enough for a steady rate).
const FLOOR_ITEMS: u64 = 10_000;

/// Real routing numbers the checks are drawn on.
const BANKS: [&str; 5] = [
    "231380104",
    "011000015",
    "121042882",
    "021000021",
    "026009593",
];

pub fn run(args: &LockboxArgs) -> Result<(), Failure> {
    let loans: u64 = input::parse("--loans", &args.loans)?;
    let items: u64 = input::parse("--items", &args.items)?;
    let runs: u64 = input::parse("--runs", &args.runs)?;
    if loans == 0 || !(1..=MAX_ITEMS).contains(&items) || !(1..=9).contains(&runs) {
        return Err(Failure::bad(
            "--items",
            format!("loans at least 1, items 1 to {MAX_ITEMS}, runs 1 to 9"),
        ));
    }
    let checks = items * runs;
    if checks > loans.min(MAX_CHECKS) {
        return Err(Failure::bad(
            "--items",
            format!(
                "items × runs ({checks}) must be at most the loans ({loans}) and at most \
                 {MAX_CHECKS}: every check names a loan of its own, so where each must land is \
                 known before the import"
            ),
        ));
    }
    let rt = tokio::runtime::Runtime::new().context("starting the runtime")?;
    rt.block_on(measure(loans, items, runs, args.postgres_url.as_deref()))
        .map_err(Failure::Other)
}

async fn scratch(postgres: Option<&str>, name: &str) -> TestDb {
    match postgres {
        Some(url) => store::testing::postgres(url, name).await,
        None => store::testing::sqlite(name).await,
    }
}

/// What one run measured.
struct Timings {
    /// The whole import.
    import: Duration,
    /// Its first step: the file read and every check recorded.
    recorded: Duration,
    /// The baseline's batched inserts.
    baseline: Duration,
    /// The bare transactions of the floor, each over `FLOOR_ITEMS` (or fewer) items.
    floor: Duration,
}

async fn measure(loans: u64, items: u64, runs: u64, postgres: Option<&str>) -> anyhow::Result<()> {
    let spread = Spread::new(loans);
    let db = scratch(postgres, "bench_lockbox").await;
    let backend = db.store.backend();
    let seeding = Instant::now();
    let named = seed(&db.store, loans, &spread, items * runs).await?;
    eprintln!(
        "bench lockbox: {loans} loans seeded on {backend} in {:.1}s",
        seeding.elapsed().as_secs_f64()
    );
    db.store
        .put_setting(app::BUSINESS_DATE, &START.to_string())
        .await?;
    let zone = jiff::tz::TimeZone::get("America/New_York")?;
    let vault = Vault::new(vec![Key::parse(&Key::generate("bench"))?])?;
    let app = App::new(db.store.clone(), Arc::new(SystemClock), vault, zone);

    let mut timings = Vec::new();
    let (mut posted_so_far, mut queued_so_far) = (0_usize, 0_usize);
    let mut last: Option<(Plan, LockboxImport)> = None;
    for run in 0..runs {
        let plan = plan_file(run, items, &named)?;
        let text = formats::lockbox::write(&plan.file);
        let name = format!("bench-lockbox-{run}.txt");
        let (imported, recorded, import) =
            import_timed(&app, &db.store, &name, text.as_bytes()).await?;
        check_import(&imported, &plan)?;
        posted_so_far += plan.posts;
        queued_so_far += plan.exceptions;
        check_stored(&db.store, posted_so_far, queued_so_far).await?;

        // The baseline's rows are the import's: read back from the same bytes, named the
        // same way, the payer digested with the same vault. Only the inserts are timed.
        let read = formats::lockbox::read(text.as_bytes())?;
        let rows = rows_of(&read, app.vault());
        let base_db = scratch(postgres, &format!("bench_lockbox_b{run}")).await;
        let (baseline, floor) = raw_baseline(&base_db.store, &read, &rows).await?;
        base_db.finish().await;
        timings.push(Timings {
            import,
            recorded,
            baseline,
            floor,
        });
        last = Some((plan, imported));
    }
    db.finish().await;
    let Some((plan, imported)) = last else {
        anyhow::bail!("no run was made");
    };
    report(&Report {
        items,
        loans,
        backend,
        runs,
        plan: &plan,
        imported: &imported,
        import: median(&mut timings.iter().map(|t| t.import).collect::<Vec<_>>()),
        recorded: median(&mut timings.iter().map(|t| t.recorded).collect::<Vec<_>>()),
        baseline: median(&mut timings.iter().map(|t| t.baseline).collect::<Vec<_>>()),
        floor: median(&mut timings.iter().map(|t| t.floor).collect::<Vec<_>>()),
    });
    Ok(())
}

/// Spreads the checks over the portfolio: check `g` (counted across runs) names loan
/// `(g × stride + offset) mod loans`, with the stride prime to the number of loans, so no two
/// checks name the same loan while there are fewer checks than loans.
struct Spread {
    loans: u64,
    stride: u64,
    offset: u64,
}

impl Spread {
    fn new(loans: u64) -> Spread {
        let mut stride = 1_000_003 % loans;
        // Terminates: `loans - 1` is prime to `loans`.
        while gcd(stride, loans) != 1 {
            stride += 1;
        }
        Spread {
            loans,
            stride,
            offset: loans / 3,
        }
    }

    /// The index of the loan check `g` names.
    fn loan(&self, g: u64) -> u64 {
        let index = (u128::from(g) * u128::from(self.stride) + u128::from(self.offset))
            % u128::from(self.loans);
        // Less than `loans`, a u64.
        u64::try_from(index).unwrap_or(0)
    }
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// A well-spread hash (SplitMix64's finaliser): the bench's choices without a random crate,
/// the same on every run.
fn mix(n: u64) -> u64 {
    let mut z = n.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// What the bench knows of the loan a check is written against, from its seeding.
struct Named {
    account: AccountNumber,
    /// The borrower, who signs the check.
    payer: String,
    /// What the statement's coupon prints as due.
    amount_due: Money,
    /// What matching weighs a check against: the loan's status and payoff as seeded (no
    /// other check names it, so they are still so when its check is matched).
    facts: LoanFacts,
}

impl Named {
    fn of(loan: &BoardedLoan, record: &LoanRecord, snapshot: &LoanSnapshot) -> Named {
        // A loan with nothing due yet gets a coupon for its next installment.
        let amount_due = if snapshot.amount_due.is_positive() {
            snapshot.amount_due
        } else {
            record
                .terms
                .installments
                .first()
                .map_or(Money::from_dollars(100), |i| i.amount)
        };
        Named {
            account: loan.account_number,
            payer: loan.borrower_name.clone(),
            amount_due,
            facts: LoanFacts {
                status: snapshot.status,
                // As the store reads the payoff for matching: principal, interest and fees.
                payoff: snapshot.principal + snapshot.interest + snapshot.fees,
                stop: None,
            },
        }
    }
}

/// Boards `loans` synthetic loans straight into the tables, as boarding leaves them (as
/// `bench cob` seeds its portfolio), in transactions of 20,000; returns what each of the
/// `checks` checks (over all runs) needs of the loan it names.
async fn seed(
    store: &store::Store,
    loans: u64,
    spread: &Spread,
    checks: u64,
) -> anyhow::Result<Vec<Named>> {
    let wanted: HashMap<u64, u64> = (0..checks).map(|g| (spread.loan(g), g)).collect();
    let mut named: Vec<Option<Named>> = Vec::new();
    named.resize_with(usize::try_from(checks)?, || None);
    let cycle = domain::cycle::Cycle::default();
    let mut first = 0;
    while first < loans {
        let n = (loans - first).min(20_000);
        let batch = synthetic(n, BASE + first, START);
        let (borrowers, mut records) = super::board::rows(&batch, first, START);
        let mut tx = store.begin().await?;
        let ids = tx.insert_borrowers(&borrowers, 1).await?;
        for (r, id) in records.iter_mut().zip(&ids) {
            r.borrower = *id;
        }
        let loan_ids: Vec<LoanId> = tx.insert_loans(&records, 1).await?;
        let mut snaps = Vec::with_capacity(records.len());
        for ((index, (id, record)), loan) in
            (first..).zip(loan_ids.iter().zip(&records)).zip(&batch)
        {
            let (_, snapshot): (_, LoanSnapshot) =
                app::snapshot::compute(&record.terms, &[], START, &cycle);
            if let Some(g) = wanted.get(&index)
                && let Some(slot) = named.get_mut(usize::try_from(*g)?)
            {
                *slot = Some(Named::of(loan, record, &snapshot));
            }
            snaps.push((*id, snapshot));
        }
        tx.put_snapshots(&snaps, 1).await?;
        tx.commit().await?;
        first += n;
    }
    named
        .into_iter()
        .collect::<Option<Vec<Named>>>()
        .context("a check names a loan that was not seeded")
}

/// How a check names its loan.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The statement coupon's scan line.
    Coupon,
    /// The account number on the memo line, grouped in fours.
    Memo,
    /// The account number on the memo line with one digit changed.
    Mistyped,
    /// No account number at all.
    NoAccount,
    /// A valid account number no loan of ours has.
    Unknown,
}

impl Kind {
    const ALL: [Kind; 5] = [
        Kind::Coupon,
        Kind::Memo,
        Kind::Mistyped,
        Kind::NoAccount,
        Kind::Unknown,
    ];

    /// 90 % coupons, 7 % memo lines, 1.5 % mistyped, 0.8 % no account, 0.7 % another
    /// servicer's loan.
    fn of(g: u64) -> Kind {
        match mix(g) % 1_000 {
            0..900 => Kind::Coupon,
            900..970 => Kind::Memo,
            970..985 => Kind::Mistyped,
            985..993 => Kind::NoAccount,
            _ => Kind::Unknown,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Kind::Coupon => "coupons",
            Kind::Memo => "memo account numbers",
            Kind::Mistyped => "mistyped",
            Kind::NoAccount => "no account number",
            Kind::Unknown => "no loan of ours",
        }
    }
}

/// A run's file and where its checks must land.
struct Plan {
    file: LockboxFile,
    /// Checks of each kind, in `Kind::ALL`'s order.
    kinds: [usize; 5],
    /// Checks that must post, and their total.
    posts: usize,
    posts_total: Money,
    /// Checks that must wait for staff, and their total.
    exceptions: usize,
    exceptions_total: Money,
}

/// The file of run `run`: `items` checks deposited on `START` in lockboxes of `PER_LOCKBOX`
/// and batches of `PER_BATCH`, check `i` naming the loan of check `run × items + i`. Lockbox
/// and check numbers differ from run to run, so no run's check repeats another's.
fn plan_file(run: u64, items: u64, named: &[Named]) -> anyhow::Result<Plan> {
    let mut plan = Plan {
        file: LockboxFile {
            origin: "0099999991".to_owned(),
            destination: "SERVICER".to_owned(),
            created_on: START,
            lockboxes: Vec::new(),
        },
        kinds: [0; 5],
        posts: 0,
        posts_total: Money::ZERO,
        exceptions: 0,
        exceptions_total: Money::ZERO,
    };
    for k in 0..items {
        let g = run * items + k;
        let loan = named
            .get(usize::try_from(g)?)
            .context("a check without its loan")?;
        let kind = Kind::of(g);
        let h = mix(g ^ 0x5EED);
        let amount = amount_of(loan.amount_due, h);
        let memo = match kind {
            Kind::Coupon => vec![format!("{}  {:>10}", loan.account, loan.amount_due.cents())],
            Kind::Memo => vec![format!("ACCT {}", loan.account.grouped())],
            Kind::Mistyped => vec![format!("ACCT {}", mistyped(loan.account, h))],
            Kind::NoAccount => vec!["PAYMENT FOR JANUARY".to_owned()],
            Kind::Unknown => vec![format!(
                "ACCT {}",
                AccountNumber::from_base(UNKNOWN_BASE + g).grouped()
            )],
        };
        if let Some(n) = Kind::ALL
            .iter()
            .position(|x| *x == kind)
            .and_then(|i| plan.kinds.get_mut(i))
        {
            *n += 1;
        }
        let posts =
            matches!(kind, Kind::Coupon | Kind::Memo) && decide(amount, &loan.facts).is_ok();
        if posts {
            plan.posts += 1;
            plan.posts_total += amount;
        } else {
            plan.exceptions += 1;
            plan.exceptions_total += amount;
        }
        let lockboxes = &mut plan.file.lockboxes;
        if k.is_multiple_of(PER_LOCKBOX) {
            lockboxes.push(Lockbox {
                number: format!("{:07}", 100_000 + run * 1_000 + k / PER_LOCKBOX),
                deposit_date: START,
                batches: Vec::new(),
                line: 0,
            });
        }
        let Some(lockbox) = lockboxes.last_mut() else {
            continue;
        };
        if k.is_multiple_of(PER_BATCH) {
            let number = format!("{:03}", lockbox.batches.len() + 1);
            lockbox.batches.push(Batch {
                number,
                checks: Vec::new(),
                line: 0,
            });
        }
        let Some(batch) = lockbox.batches.last_mut() else {
            continue;
        };
        batch.checks.push(Check {
            item: format!("{:03}", k % PER_BATCH + 1),
            amount,
            // Unique over every run: no check is a duplicate of another.
            check_number: format!("{:010}", g + 1),
            check_date: Some(CHECK_DATE),
            payer: loan.payer.clone(),
            payer_routing: BANKS
                .get(usize::try_from(h % 5)?)
                .copied()
                .unwrap_or(BANKS[0])
                .to_owned(),
            payer_account: format!("{:010}", 3_000_000_000 + g),
            memo,
            line: 0,
        });
    }
    Ok(plan)
}

/// Four checks in five for the amount due; the fifth a few dollars either way (at least $1).
fn amount_of(due: Money, h: u64) -> Money {
    if !h.is_multiple_of(5) {
        return due;
    }
    let delta = i64::try_from(h / 5 % 1_001).unwrap_or(0) - 500;
    Money::from_cents(due.cents().saturating_add(delta).max(100))
}

/// `account` grouped in fours with one digit changed, which its check digit always catches.
fn mistyped(account: AccountNumber, h: u64) -> String {
    let at = usize::try_from(h % 16).unwrap_or(0);
    let digits: Vec<u8> = account
        .to_string()
        .bytes()
        .enumerate()
        .map(|(i, b)| {
            if i == at && b.is_ascii_digit() {
                b'0' + (b - b'0' + 1) % 10
            } else {
                b
            }
        })
        .collect();
    digits
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Imports `bytes` as an operator would, timing the whole and, by watching for the file's row
/// to commit, its first step: the answer, the first step's time and the whole's.
async fn import_timed(
    app: &App,
    store: &store::Store,
    name: &str,
    bytes: &[u8],
) -> anyhow::Result<(LockboxImport, Duration, Duration)> {
    let before = store::bench::remittance_files_count(store).await?;
    let started = Instant::now();
    let watch = tokio::spawn(watch_recorded(store.clone(), before, started));
    let imported = app
        .import_lockbox(&Actor::Operator("lockbox"), name, bytes, LockboxFormat::Bai)
        .await;
    let whole = started.elapsed();
    let imported = match imported {
        Ok(i) => i,
        Err(e) => {
            watch.abort();
            return Err(e.into());
        }
    };
    // The watch sees the row a few milliseconds late at most; never later than the end.
    let recorded = watch.await??.min(whole);
    Ok((imported, recorded, whole))
}

/// Waits until more than `before` remittance files are recorded (looking every 5 ms, on a
/// connection of its own); how long that was after `started`.
async fn watch_recorded(
    store: store::Store,
    before: i64,
    started: Instant,
) -> Result<Duration, store::StoreError> {
    loop {
        if store::bench::remittance_files_count(&store).await? > before {
            return Ok(started.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

/// Fails unless the import's answer is what the file must give.
fn check_import(got: &LockboxImport, plan: &Plan) -> anyhow::Result<()> {
    let checks: usize = plan.kinds.iter().sum();
    anyhow::ensure!(
        !got.already_read && got.skipped == 0 && got.checks == checks,
        "the import read {} checks ({} skipped, read before: {}), the file has {checks}",
        got.checks,
        got.skipped,
        got.already_read
    );
    anyhow::ensure!(
        (
            got.posted,
            got.posted_total,
            got.exceptions,
            got.exceptions_total
        ) == (
            plan.posts,
            plan.posts_total,
            plan.exceptions,
            plan.exceptions_total
        ),
        "the import posted {} (${}) and queued {} (${}); the file should post {} (${}) and queue {} (${})",
        got.posted,
        got.posted_total,
        got.exceptions,
        got.exceptions_total,
        plan.posts,
        plan.posts_total,
        plan.exceptions,
        plan.exceptions_total
    );
    Ok(())
}

/// Fails unless the database holds, of every run so far, `posted` items posted, `queued` in
/// the exception queue and none left received.
async fn check_stored(store: &store::Store, posted: usize, queued: usize) -> anyhow::Result<()> {
    let totals = store.remittance_day_totals(START).await?;
    let count = |state: RemittanceState| -> i64 {
        totals
            .iter()
            .filter(|(s, _, _)| *s == state)
            .map(|(_, n, _)| *n)
            .sum()
    };
    let (p, q, r) = (
        count(RemittanceState::Posted),
        count(RemittanceState::Exception),
        count(RemittanceState::Received),
    );
    anyhow::ensure!(
        p == i64::try_from(posted)? && q == i64::try_from(queued)? && r == 0,
        "stored: {p} posted, {q} in the exception queue, {r} received; expected {posted}, {queued} and 0"
    );
    Ok(())
}

/// The items the import records for `file`, as it makes them (`App::items_of`): keyed, named
/// by coupon or memo, the payer's account kept as its last 4 and a keyed digest.
fn rows_of(file: &LockboxFile, vault: &Vault) -> Vec<NewRemittanceItem> {
    file.checks()
        .map(|(lb, batch, check)| {
            let (account_number, matched_by, reason) = match identify(&check.memo) {
                Identified::Coupon(scan) => (Some(scan.account), Some(MatchedBy::Coupon), None),
                Identified::Memo(account) => (Some(account), Some(MatchedBy::Memo), None),
                Identified::Several(_) => (None, None, Some(ExceptionReason::SeveralMatches)),
                Identified::Mistyped { .. } => (None, None, Some(ExceptionReason::MistypedAccount)),
                Identified::Nothing => (None, None, Some(ExceptionReason::NoMatch)),
            };
            let digits: String = check
                .payer_account
                .chars()
                .filter(char::is_ascii_digit)
                .collect();
            let payer_last4 = digits
                .len()
                .checked_sub(4)
                .and_then(|start| digits.get(start..))
                .map(str::to_owned);
            let number = check.check_number.trim().trim_start_matches('0');
            let payer_digest = vault.mac(
                "remittance-payer/v1",
                format!(
                    "{}:{}:{number}",
                    check.payer_routing.trim(),
                    check.payer_account.trim()
                )
                .as_bytes(),
            );
            NewRemittanceItem {
                source: RemittanceSource::Lockbox,
                item_key: format!(
                    "lockbox:{}:{}:{}:{}",
                    lb.number, lb.deposit_date, batch.number, check.item
                ),
                deposit_date: lb.deposit_date,
                lockbox: lb.number.clone(),
                batch: batch.number.clone(),
                item: check.item.clone(),
                amount: check.amount,
                check_number: check.check_number.clone(),
                payer: check.payer.clone(),
                payer_last4,
                payer_digest: Some(payer_digest),
                memo: check.memo.join(MEMO_SEPARATOR),
                account_number,
                matched_by,
                reason,
                loan: None,
                state: store::RemittanceState::Received,
            }
        })
        .collect()
}

/// The baseline on a fresh database: the file's row and `rows` inserted in one transaction
/// (timed), then the floor: the first `FLOOR_ITEMS` items each moved on in a bare transaction
/// of its own (timed). Both times.
async fn raw_baseline(
    store: &store::Store,
    file: &LockboxFile,
    rows: &[NewRemittanceItem],
) -> anyhow::Result<(Duration, Duration)> {
    let record = NewRemittanceFile {
        source: RemittanceSource::Lockbox,
        name: "bench-lockbox-baseline.txt",
        digest: "bench-lockbox-baseline",
        items: i64::try_from(rows.len())?,
        total: file.total(),
        actor: "cli:lockbox",
    };
    let now_us = jiff::Timestamp::now().as_microsecond();
    let started = Instant::now();
    let inserted = store::bench::raw_remittance_items(store, &record, rows, now_us).await?;
    let elapsed = started.elapsed();
    anyhow::ensure!(
        inserted == rows.len(),
        "the baseline inserted {inserted} of {} items",
        rows.len()
    );
    let ids = store::bench::remittance_item_ids(store, i64::try_from(FLOOR_ITEMS)?).await?;
    let started = Instant::now();
    let moved = store::bench::raw_finish_each(store, &ids).await?;
    let floor = started.elapsed();
    anyhow::ensure!(
        moved == ids.len(),
        "the floor moved {moved} of {} items",
        ids.len()
    );
    Ok((elapsed, floor))
}

/// What the bench measured, for the report (times are medians over the runs).
struct Report<'a> {
    items: u64,
    loans: u64,
    backend: &'static str,
    runs: u64,
    /// The last run's file and answer (every run's were checked).
    plan: &'a Plan,
    imported: &'a LockboxImport,
    import: Duration,
    recorded: Duration,
    baseline: Duration,
    floor: Duration,
}

/// Prints the rates and times of the import, its two steps, the baseline and the floor, and
/// the ratio to the baseline against its target.
fn report(r: &Report<'_>) {
    let rate = |n: u64, d: Duration| u128::from(n) * 1_000_000 / d.as_micros().max(1);
    let seconds = |d: Duration| format!("{:.1} s", d.as_secs_f64());
    let finishing = r.import.saturating_sub(r.recorded);
    let floor_items = r.items.min(FLOOR_ITEMS);
    // What the floor's bare transactions would cost for every item of the file.
    let floor_all = Duration::from_micros(
        u64::try_from(r.floor.as_micros() * u128::from(r.items) / u128::from(floor_items.max(1)))
            .unwrap_or(u64::MAX),
    );
    println!(
        "bench lockbox: {} checks against {} loans on {}, median of {} run(s)",
        r.items, r.loans, r.backend, r.runs
    );
    let kinds: Vec<String> = Kind::ALL
        .iter()
        .zip(r.plan.kinds)
        .map(|(k, n)| format!("{n} {}", k.describe()))
        .collect();
    println!("  the file: {}", kinds.join(", "));
    println!(
        "  servicer lockbox import, whole (read, record, match, post or queue): {:>8} items/s  ({}; {} posted, {} queued, {} payoff checks short)",
        rate(r.items, r.import),
        seconds(r.import),
        r.imported.posted,
        r.imported.exceptions,
        r.imported.short_payoffs.len()
    );
    println!(
        "    step 1, import and match: the file read, every check recorded and matched to its loan or queued (one transaction): {:>8} items/s  ({})",
        rate(r.items, r.recorded),
        seconds(r.recorded)
    );
    println!(
        "    step 2: each matched check posted as a payment (its loan replayed), a transaction each: {:>8} items/s  ({}, {} of the import)",
        rate(r.items, finishing),
        seconds(finishing),
        percent(finishing.as_micros(), r.import.as_micros())
    );
    println!(
        "  baseline (batched INSERTs of the same rows, one transaction):      {:>8} items/s  ({})",
        rate(r.items, r.baseline),
        seconds(r.baseline)
    );
    println!(
        "  one bare transaction per item (an UPDATE of its row; {floor_items} items):  {:>8} items/s  (for the whole file {}, {} of step 2)",
        rate(floor_items, r.floor),
        seconds(floor_all),
        percent(floor_all.as_micros(), finishing.as_micros())
    );
    println!(
        "  import and match (step 1) / baseline: {}   target: at least 50%",
        percent(rate(r.items, r.recorded), rate(r.items, r.baseline))
    );
    println!(
        "  whole import with posting / baseline: {}   (posting a payment replays its loan and restates its books; no target)",
        percent(rate(r.items, r.import), rate(r.items, r.baseline))
    );
}

#[cfg(test)]
mod tests;
