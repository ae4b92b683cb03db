//! `bench board`: boards a synthetic transfer file through the real use case (parse, check
//! every field, encrypt identity facts, digest SSNs, compute snapshots, post opening entries,
//! write notices, audit, all in one transaction), next to a baseline that inserts the same
//! rows (notices of transfer included) with the same batched multi-row INSERTs and nothing
//! else. Each run gets fresh databases.

use super::{median, percent};
use crate::input::{self, Failure};
use anyhow::Context;
use app::App;
use app::clock::SystemClock;
use app::vault::{Key, Vault};
use clap::Args;
use domain::address::AddressOnFile;
use domain::ledger;
use formats::boarding::{BoardedLoan, read_loans, synthetic, write_loans};
use std::sync::Arc;
use std::time::{Duration, Instant};
use store::testing::TestDb;
use store::{LoanRecord, LoanSnapshot, NewBorrower, SealedIdentity};

/// Arguments of `bench board`.
#[derive(Args)]
pub struct BoardArgs {
    /// Loans in the file
    #[arg(long, default_value = "100000")]
    loans: String,
    /// Timed repetitions (the median is reported)
    #[arg(long, default_value = "3")]
    runs: String,
    /// A PostgreSQL server to measure on (scratch databases are created and dropped);
    /// without it, SQLite files in the temp directory
    #[arg(long)]
    postgres_url: Option<String>,
}

pub fn run(args: &BoardArgs) -> Result<(), Failure> {
    let loans: u64 = input::parse("--loans", &args.loans)?;
    let runs: usize = input::parse("--runs", &args.runs)?;
    if loans == 0 || runs == 0 {
        return Err(Failure::bad("--loans", "loans and runs must be at least 1"));
    }
    let rt = tokio::runtime::Runtime::new().context("starting the runtime")?;
    rt.block_on(measure(loans, runs, args.postgres_url.as_deref()))
        .map_err(Failure::Other)
}

async fn scratch(postgres: Option<&str>, name: &str) -> TestDb {
    match postgres {
        Some(url) => store::testing::postgres(url, name).await,
        None => store::testing::sqlite(name).await,
    }
}

async fn measure(loans: u64, runs: usize, postgres: Option<&str>) -> anyhow::Result<()> {
    let zone = jiff::tz::TimeZone::get("America/New_York")?;
    let today = app::clock::date_in(jiff::Timestamp::now().as_microsecond(), &zone);
    let file = write_loans(&synthetic(loans, 700_000_000_000_000, today));
    let parsed = read_loans(file.as_bytes()).map_err(|e| anyhow::anyhow!("{e}"))?;
    let (mut ours, mut baseline) = (Vec::new(), Vec::new());
    let mut backend = "";
    for run in 0..runs {
        let db = scratch(postgres, &format!("bench_board_a{run}")).await;
        backend = db.store.backend();
        let vault = Vault::new(vec![Key::parse(&Key::generate("bench"))?])?;
        let app =
            App::new(db.store.clone(), Arc::new(SystemClock), vault, zone.clone()).with_demo(true);
        let started = Instant::now();
        let report = app
            .board(
                file.as_bytes(),
                None,
                false,
                &app::access::Actor::System("bench"),
            )
            .await?;
        ours.push(started.elapsed());
        anyhow::ensure!(
            report.loans == parsed.len(),
            "boarded {} of {}",
            report.loans,
            parsed.len()
        );
        db.finish().await;

        let db = scratch(postgres, &format!("bench_board_b{run}")).await;
        baseline.push(raw_insert(&db.store, &parsed, today).await?);
        db.finish().await;
    }
    let (ours, base) = (median(&mut ours), median(&mut baseline));
    let rate = |d: Duration| u128::from(loans) * 1_000_000 / d.as_micros().max(1);
    println!("bench board: {loans} loans on {backend}, median of {runs} runs");
    println!(
        "  servicer board (checked, encrypted, posted, audited): {:>8} loans/s  ({} ms)",
        rate(ours),
        ours.as_millis()
    );
    println!(
        "  baseline (batched INSERTs of the same rows):          {:>8} loans/s  ({} ms)",
        rate(base),
        base.as_millis()
    );
    println!(
        "  servicer / baseline: {}   target: at least 50%",
        percent(rate(ours), rate(base))
    );
    Ok(())
}

/// The borrower and loan rows boarding writes for `loans` (identity facts as placeholder
/// ciphertexts, SSN digests numbered from `first_digest`), borrowers not yet assigned.
pub(super) fn rows(
    loans: &[BoardedLoan],
    first_digest: u64,
    today: jiff::civil::Date,
) -> (Vec<NewBorrower>, Vec<LoanRecord>) {
    let sealed = SealedIdentity {
        key_id: "bench".into(),
        ssn: vec![7; 49],
        date_of_birth: vec![7; 50],
    };
    let borrowers = (first_digest..)
        .zip(loans)
        .map(|(i, l)| NewBorrower {
            full_name: l.borrower_name.clone(),
            email: l.email.clone(),
            phone: l.phone.clone(),
            address: AddressOnFile::Structured(l.address.clone()),
            ssn_digest: Some(format!("{i:064x}")),
            identity: Some(sealed.clone()),
        })
        .collect();
    let records = loans
        .iter()
        .map(|l| LoanRecord {
            account_number: l.account_number,
            borrower: store::BorrowerId(0),
            amount_financed: l.original_amount,
            terms: domain::loan::LoanTerms {
                rate: l.rate,
                day_count: l.day_count.unwrap_or_default(),
                accrual_start: l.balances_as_of,
                opening: domain::loan::OpeningBalances {
                    principal: l.current_principal,
                    interest: l.accrued_interest,
                    fees: l.fees_due,
                    ..Default::default()
                },
                installments: l.remaining_installments(),
                late_fee: Default::default(),
                nsf_fee: Default::default(),
                waterfall: Default::default(),
            },
            autopay_must_be_reestablished: l.autopay_at_prior_servicer,
            paid_to_date: l.paid_to_date,
            boarded_on: Some(today),
            product_name: None,
            product: domain::product::Product::STANDARD.to_owned(),
            extra_default: Default::default(),
            due_date_rule: Default::default(),
            refund_method: domain::product::RefundMethod::Ach,
            autopay_frequencies: Default::default(),
        })
        .collect();
    (borrowers, records)
}

/// The same rows our boarding writes, prebuilt in memory, inserted with the store's batched
/// multi-row INSERTs in one transaction. Only the inserts are timed.
async fn raw_insert(
    store: &store::Store,
    loans: &[BoardedLoan],
    today: jiff::civil::Date,
) -> anyhow::Result<Duration> {
    let (borrowers, mut records) = rows(loans, 0, today);
    let entries: Vec<_> = records
        .iter()
        .map(|r| ledger::boarding(today, &r.terms.opening))
        .collect();
    let snapshot = |r: &LoanRecord| LoanSnapshot {
        as_of: today,
        status: domain::loan::LoanStatus::Active,
        principal: r.terms.opening.principal,
        interest: r.terms.opening.interest,
        fees: r.terms.opening.fees,
        amount_due: r.terms.installments[0].amount,
        past_due: money::Money::ZERO,
        unapplied: money::Money::ZERO,
        next_due_date: Some(r.terms.installments[0].due_date),
        days_past_due: 0,
        carry: r.terms.opening.carry,
        next_event: None,
    };
    let site = app::servicer::ServicerInfo::default();
    let mut notices: Vec<_> = loans
        .iter()
        .map(|l| app::notices::transfer_notice(&site, l, store::BorrowerId(0), today))
        .collect();
    let started = Instant::now();
    let mut tx = store.begin().await?;
    let ids = tx.insert_borrowers(&borrowers, 1).await?;
    for ((r, n), id) in records.iter_mut().zip(&mut notices).zip(&ids) {
        r.borrower = *id;
        n.borrower = *id;
    }
    let loan_ids = tx.insert_loans(&records, 1).await?;
    let posted: Vec<_> = loan_ids
        .iter()
        .zip(&entries)
        .filter_map(|(id, e)| e.clone().map(|e| (Some(*id), e)))
        .collect();
    tx.post_entries(&posted, 1).await?;
    let snaps: Vec<_> = loan_ids
        .iter()
        .zip(&records)
        .map(|(id, r)| (*id, snapshot(r)))
        .collect();
    tx.put_snapshots(&snaps, 1).await?;
    tx.enqueue_messages(&notices, 1).await?;
    tx.commit().await?;
    Ok(started.elapsed())
}
