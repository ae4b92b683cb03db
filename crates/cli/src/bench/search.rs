//! `bench search`: the console's borrower search at a million borrowers by default (issue 19),
//! on SQLite or PostgreSQL. The database is seeded straight into the tables with what the
//! search reads (borrowers with realistic names, some accented, phones, emails, ZIP codes and
//! SSNs; one to three loans each with their snapshots; every search key), then a mix of
//! searches is timed, each kind apart: through the use case (`App::search_borrowers`: the
//! query read, the index, the borrowers' contact and loans, the audit record written) and the
//! index read alone (`Store::search_borrowers`). Next to them, in the same run, the baseline:
//! as many single-row primary-key reads (`SELECT full_name FROM borrowers WHERE id = $1`).
//! Seeding is timed apart. The target is under 50 ms for every kind.

use crate::input::{self, Failure};
use anyhow::Context;
use app::App;
use app::access::{Actor, Role};
use app::clock::SystemClock;
use app::search::{Indexed, PAGE_SIZE, key_rows, ssn_last4_key};
use app::vault::{Key, Vault};
use clap::Args;
use domain::account_number::AccountNumber;
use domain::accrual::AccrualCarry;
use domain::address::{AddressOnFile, MailingAddress, TypedAddress};
use domain::loan::{Installment, LoanStatus, LoanTerms, OpeningBalances};
use domain::search::{Query, name_words};
use jiff::civil::{Date, date};
use money::{DayCount, Money, Rate};
use std::sync::Arc;
use std::time::{Duration, Instant};
use store::{BorrowerId, BorrowerSearch, LoanId, LoanRecord, LoanSnapshot, NewBorrower};

/// Arguments of `bench search`.
#[derive(Args)]
pub struct SearchArgs {
    /// Borrowers in the database
    #[arg(long, default_value = "1000000")]
    borrowers: String,
    /// Searches of each kind timed (and as many primary-key reads per kind for the baseline)
    #[arg(long, default_value = "200")]
    searches: String,
    /// A PostgreSQL server to measure on (a scratch database is created and dropped);
    /// without it, a SQLite file in the temp directory
    #[arg(long)]
    postgres_url: Option<String>,
}

pub fn run(args: &SearchArgs) -> Result<(), Failure> {
    let borrowers: u64 = input::parse("--borrowers", &args.borrowers)?;
    let searches: usize = input::parse("--searches", &args.searches)?;
    if !(1..=10_000_000).contains(&borrowers) || !(1..=100_000).contains(&searches) {
        return Err(Failure::bad(
            "--borrowers",
            "borrowers from 1 to 10,000,000 (phones and SSNs are unique below that), searches from 1 to 100,000",
        ));
    }
    let rt = tokio::runtime::Runtime::new().context("starting the runtime")?;
    rt.block_on(measure(borrowers, searches, args.postgres_url.as_deref()))
        .map_err(Failure::Other)
}

/// The business date the seeded balances are as of.
const START: Date = date(2027, 1, 4);
/// The first account number's base; borrower `i`'s loan `j` is `ACCOUNT_BASE + 3i + j`.
const ACCOUNT_BASE: u64 = 710_000_000_000_000;
/// Borrowers per seeding transaction.
const SEED_BATCH: u64 = 20_000;

/// First names, some accented (the search folds them).
#[rustfmt::skip]
const FIRST: &[&str] = &[
    "Maria", "María", "José", "James", "John", "Robert", "Michael", "William", "David", "Richard",
    "Joseph", "Thomas", "Charles", "Christopher", "Daniel", "Matthew", "Anthony", "Mark", "Donald",
    "Steven", "Paul", "Andrew", "Joshua", "Kenneth", "Kevin", "Brian", "George", "Timothy",
    "Ronald", "Edward", "Jason", "Jeffrey", "Ryan", "Jacob", "Gary", "Nicholas", "Eric",
    "Jonathan", "Stephen", "Larry", "Justin", "Scott", "Brandon", "Benjamin", "Samuel", "Gregory",
    "Alexander", "Frank", "Patrick", "Raymond", "Jack", "Dennis", "Jerry", "Tyler", "Aaron",
    "Jose", "Adam", "Nathan", "Henry", "Douglas", "Zachary", "Peter", "Kyle", "Noah", "Ethan",
    "Jeremy", "Walter", "Christian", "Keith", "Roger", "Terry", "Austin", "Sean", "Gerald", "Carl",
    "Dylan", "Harold", "Jordan", "Jesse", "Bryan", "Lawrence", "Arthur", "Gabriel", "Bruce",
    "Logan", "Billy", "Joe", "Alan", "Juan", "Elijah", "Willie", "Albert", "Wayne", "Randy",
    "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah",
    "Karen", "Lisa", "Nancy", "Betty", "Sandra", "Margaret", "Ashley", "Kimberly", "Emily",
    "Donna", "Michelle", "Carol", "Amanda", "Melissa", "Deborah", "Stephanie", "Dorothy",
    "Rebecca", "Sharon", "Laura", "Cynthia", "Amy", "Kathleen", "Angela", "Shirley", "Brenda",
    "Emma", "Anna", "Pamela", "Nicole", "Samantha", "Katherine", "Christine", "Helen", "Debra",
    "Rachel", "Carolyn", "Janet", "Maria", "Catherine", "Heather", "Diane", "Olivia", "Julie",
    "Joyce", "Victoria", "Ruth", "Virginia", "Lauren", "Kelly", "Christina", "Joan", "Evelyn",
    "Judith", "Andrea", "Hannah", "Megan", "Cheryl", "Jacqueline", "Martha", "Madison", "Teresa",
    "Gloria", "Sara", "Janice", "Ann", "Kathryn", "Abigail", "Sophia", "Frances", "Jean", "Alice",
    "Judy", "Isabella", "Julia", "Grace", "Amber", "Denise", "Danielle", "Marilyn", "Beverly",
    "Charlotte", "Natalie", "Theresa", "Diana", "Brittany", "Doris", "Kayla", "Alexis", "Lori",
    "Renée", "Zoë", "Chloé", "Noémie", "Inés", "Andrés", "Héctor", "François", "Jürgen", "Søren",
    "Björn", "Łukasz", "Siobhán", "Seán", "Aisha", "Fatima", "Mohammed", "Wei", "Mei", "Hiroshi",
    "Yuki", "Priya", "Arjun", "Amara", "Chidi", "Oluwaseun", "Nguyen", "Thanh", "Mateo", "Sofía",
    "Valentina", "Camila", "Lucía",
];

/// Last names, some accented or with an apostrophe or a hyphen.
#[rustfmt::skip]
const LAST: &[&str] = &[
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "García", "Miller", "Davis",
    "Rodriguez", "Rodríguez", "Martinez", "Martínez", "Hernandez", "Hernández", "Lopez", "López",
    "Gonzalez", "González", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
    "Lee", "Perez", "Pérez", "Thompson", "White", "Harris", "Sanchez", "Sánchez", "Clark",
    "Ramirez", "Ramírez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
    "Scott", "Torres", "Nguyen", "Nguyễn", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker",
    "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Gomez", "Gómez", "Phillips",
    "Evans", "Turner", "Diaz", "Díaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes", "Stewart",
    "Morris", "Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Gutiérrez", "Ortiz", "Morgan",
    "Cooper", "Peterson", "Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward",
    "Richardson", "Watson", "Brooks", "Chavez", "Chávez", "Wood", "James", "Bennett", "Gray",
    "Mendoza", "Ruiz", "Hughes", "Price", "Alvarez", "Álvarez", "Castillo", "Sanders", "Patel",
    "Myers", "Long", "Ross", "Foster", "Jimenez", "Jiménez", "Powell", "Jenkins", "Perry",
    "Russell", "Sullivan", "Bell", "Coleman", "Butler", "Henderson", "Barnes", "Gonzales",
    "Fisher", "Vasquez", "Vásquez", "Simmons", "Romero", "Jordan", "Patterson", "Alexander",
    "Hamilton", "Graham", "Reynolds", "Griffin", "Wallace", "Moreno", "West", "Cole", "Hayes",
    "Bryant", "Herrera", "Gibson", "Ellis", "Tran", "Medina", "Aguilar", "Stevens", "Murray",
    "Ford", "Castro", "Marshall", "Owens", "Harrison", "Fernandez", "Fernández", "McDonald",
    "Woods", "Washington", "Kennedy", "Wells", "Vargas", "Henry", "Chen", "Freeman", "Webb",
    "Tucker", "Guzman", "Guzmán", "Burns", "Crawford", "Olson", "Simpson", "Porter", "Hunter",
    "Gordon", "Mendez", "Méndez", "Silva", "Shaw", "Snyder", "Mason", "Dixon", "Muñoz", "Hunt",
    "Hicks", "Holmes", "Palmer", "Wagner", "Black", "Robertson", "O'Brien", "O'Connor", "D'Angelo",
    "Müller", "Schröder", "Dvořák", "Kowalski", "Nowak", "Ødegård", "Khan", "Okafor", "Adeyemi",
    "Tanaka", "Yamamoto", "Singh", "Sharma", "García-López", "Smith-Jones", "Núñez", "Peña",
    "Ibáñez", "Françoise", "Lefèvre", "Dubois",
];

/// Area codes the phones are in.
#[rustfmt::skip]
const AREA: &[&str] = &[
    "212", "217", "312", "415", "512", "617", "702", "808", "907", "206", "303", "404", "503",
    "602", "713", "786", "818", "919", "971", "385",
];

/// A seeded borrower, made from their number alone (so the timed searches can be made again).
struct Person {
    first: &'static str,
    last: &'static str,
    phone: String,
    email: String,
    zip: String,
    ssn: String,
    loans: u64,
}

impl Person {
    fn name(&self) -> String {
        format!("{} {}", self.first, self.last)
    }
}

/// Spreads `i` over the choices (a small mixing function: no random crate).
fn mix(i: u64) -> u64 {
    let h = i.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^ (h >> 29) ^ (h >> 47)
}

fn pick<T: Copy>(items: &[T], h: u64) -> T {
    let n = u64::try_from(items.len()).expect("a short list");
    items[usize::try_from(h % n).expect("an index")]
}

fn person(i: u64) -> Person {
    let h = mix(i);
    let first = pick(FIRST, h);
    let last = pick(LAST, h >> 12);
    let ascii = |s: &str| name_words(s).concat();
    Person {
        first,
        last,
        phone: format!("{}{:07}", pick(AREA, h >> 24), i % 10_000_000),
        email: format!("{}.{}{i}@example.com", ascii(first), ascii(last)),
        zip: format!("{:05}", 10_000 + (h >> 32) % 89_990),
        // Unique below 900 million; its last 4 are shared by one borrower in 10,000.
        ssn: format!("{:09}", 100_000_000 + i),
        loans: 1 + (h >> 40) % 3,
    }
}

fn account(i: u64, loan: u64) -> AccountNumber {
    AccountNumber::from_base(ACCOUNT_BASE + i * 3 + loan)
}

/// A loan of `borrower` with one installment (the search reads none), and its snapshot:
/// mostly current, one in ten past due, one in twenty paid off.
fn loan(account: AccountNumber, borrower: BorrowerId, h: u64) -> (LoanRecord, LoanSnapshot) {
    let cents = 100_000 + i64::try_from(h % 2_000_000).expect("small");
    let principal = Money::from_cents(cents);
    let due = date(2027, 1, 15);
    let payment = Money::from_cents(cents / 24);
    let terms = LoanTerms {
        rate: Rate::from_micro_percent(9_990_000),
        day_count: DayCount::Actual365Fixed,
        accrual_start: START,
        opening: OpeningBalances {
            principal,
            ..OpeningBalances::default()
        },
        installments: vec![Installment {
            number: 1,
            due_date: due,
            amount: payment,
        }],
        late_fee: Default::default(),
        nsf_fee: Default::default(),
        waterfall: Default::default(),
    };
    let (status, days_past_due) = match h % 20 {
        0 => (LoanStatus::PaidOff, 0),
        1 | 2 => (
            LoanStatus::Active,
            1 + u32::try_from(h % 90).expect("small"),
        ),
        _ => (LoanStatus::Active, 0),
    };
    let paid_off = status == LoanStatus::PaidOff;
    let snapshot = LoanSnapshot {
        as_of: START,
        status,
        principal: if paid_off { Money::ZERO } else { principal },
        interest: Money::ZERO,
        fees: Money::ZERO,
        amount_due: if paid_off { Money::ZERO } else { payment },
        past_due: if days_past_due > 0 {
            payment
        } else {
            Money::ZERO
        },
        unapplied: Money::ZERO,
        next_due_date: (!paid_off).then_some(due),
        days_past_due,
        carry: AccrualCarry::from_units(0),
        next_event: None,
    };
    (
        LoanRecord::originated(account, borrower, principal, terms),
        snapshot,
    )
}

/// What was seeded.
struct Seeded {
    loans: usize,
    keys: usize,
}

/// Seeds `count` borrowers with their loans, snapshots and search keys, in transactions of
/// [`SEED_BATCH`] borrowers.
async fn seed(store: &store::Store, vault: &Vault, count: u64) -> anyhow::Result<Seeded> {
    let mut seeded = Seeded { loans: 0, keys: 0 };
    let mut first = 0;
    while first < count {
        let n = (count - first).min(SEED_BATCH);
        let people: Vec<(u64, Person)> = (first..first + n).map(|i| (i, person(i))).collect();
        let rows: Vec<NewBorrower> = people
            .iter()
            .map(|(i, p)| NewBorrower {
                full_name: p.name(),
                email: Some(p.email.clone()),
                phone: Some(p.phone.clone()),
                address: AddressOnFile::Structured(
                    MailingAddress::parse(&TypedAddress {
                        line1: &format!("{} Main St", 1 + i % 9999),
                        line2: "",
                        city: "Springfield",
                        state: "IL",
                        zip: &p.zip,
                    })
                    .expect("a valid bench address"),
                ),
                ssn_digest: Some(format!("{i:064x}")),
                identity: None,
            })
            .collect();
        let mut tx = store.begin().await?;
        let ids = tx.insert_borrowers(&rows, 1).await?;
        let (mut records, mut snapshots, mut keys) = (Vec::new(), Vec::new(), Vec::new());
        for ((i, p), id) in people.iter().zip(&ids) {
            let accounts: Vec<AccountNumber> = (0..p.loans).map(|j| account(*i, j)).collect();
            let name = p.name();
            keys.extend(key_rows(
                vault,
                *id,
                &Indexed {
                    full_name: &name,
                    email: Some(p.email.as_str()),
                    phone: Some(p.phone.as_str()),
                    zip: &p.zip,
                    ssn_digits: Some(p.ssn.as_str()),
                    accounts: &accounts,
                },
            ));
            for (j, a) in (0_u64..).zip(&accounts) {
                let (record, snapshot) = loan(*a, *id, mix(*i * 3 + j));
                records.push(record);
                snapshots.push(snapshot);
            }
        }
        let loan_ids: Vec<LoanId> = tx.insert_loans(&records, 1).await?;
        let snaps: Vec<(LoanId, LoanSnapshot)> = loan_ids.into_iter().zip(snapshots).collect();
        tx.put_snapshots(&snaps, 1).await?;
        tx.insert_search_keys(&keys).await?;
        tx.commit().await?;
        seeded.loans += records.len();
        seeded.keys += keys.len();
        first += n;
    }
    Ok(seeded)
}

/// A kind of search timed: its name, the query for borrower `i`, and whether the borrower must
/// be on the first page (an exact search) or may be further on (a broad one).
type Kind = (&'static str, fn(u64) -> String, bool);

/// The kinds of search timed.
const KINDS: &[Kind] = &[
    ("name prefix (3 letters)", name_prefix, false),
    ("two name words, any order", two_words, false),
    ("account number", account_number, true),
    ("phone", phone, true),
    ("email", email, true),
    ("ZIP code", zip, false),
    ("SSN last 4", ssn_last4, false),
    ("last 4 + name", last4_and_name, true),
];

/// The first 3 letters of the last name, folded ("lop").
fn name_prefix(i: u64) -> String {
    name_words(person(i).last)[0].chars().take(3).collect()
}

/// The last name then the first, as written ("López María").
fn two_words(i: u64) -> String {
    let p = person(i);
    format!("{} {}", p.last, p.first)
}

/// The first loan's account number as a statement groups it.
fn account_number(i: u64) -> String {
    account(i, 0).grouped()
}

/// The phone as people write it: (217) 555-0143.
fn phone(i: u64) -> String {
    let p = person(i).phone;
    format!("({}) {}-{}", &p[..3], &p[3..6], &p[6..])
}

/// The email in capitals.
fn email(i: u64) -> String {
    person(i).email.to_uppercase()
}

fn zip(i: u64) -> String {
    person(i).zip
}

fn ssn_last4(i: u64) -> String {
    person(i).ssn[5..].to_owned()
}

/// The last name and the first loan's last 4.
fn last4_and_name(i: u64) -> String {
    format!("{} {}", person(i).last, account(i, 0).last4())
}

/// Latencies of one kind.
struct Timed {
    kind: &'static str,
    audited: Vec<Duration>,
    read: Vec<Duration>,
}

/// Seeds, warms up, times each kind of search (the use case, then the index read alone) and
/// the baseline, and prints the figures.
async fn measure(borrowers: u64, searches: usize, postgres: Option<&str>) -> anyhow::Result<()> {
    let db = match postgres {
        Some(url) => store::testing::postgres(url, "bench_search").await,
        None => store::testing::sqlite("bench_search").await,
    };
    let store = db.store.clone();
    let vault = Vault::new(vec![Key::parse(&Key::generate("bench"))?])?;
    let seeding = Instant::now();
    let seeded = seed(&store, &vault, borrowers).await?;
    let seeded_in = seeding.elapsed();
    let statistics = Instant::now();
    store.refresh_statistics().await?;
    let statistics_in = statistics.elapsed();
    let zone = jiff::tz::TimeZone::get("America/New_York")?;
    let app = App::new(store.clone(), Arc::new(SystemClock), vault, zone);
    // Each search by a different agent: one agent may search by an SSN's last 4 only 20
    // times in 15 minutes (app::search::SSN_SEARCHES), and the benchmark makes hundreds.
    let agent = |k: usize| Actor::Staff {
        id: store::StaffId(1 + i64::try_from(k).unwrap_or(0)),
        role: Role::Agent,
    };
    // Borrower numbers spread over the whole portfolio, the same for every kind.
    let sample: Vec<u64> = (0..u64::try_from(searches)?)
        .map(|k| mix(k + 0x5EED) % borrowers)
        .collect();
    for &i in sample.iter().take(20) {
        for (_, query, _) in KINDS {
            app.search_borrowers(&agent(usize::try_from(i).unwrap_or(0)), &query(i), 1)
                .await?;
        }
    }
    let mut timed = Vec::new();
    for (kind, query, exact) in KINDS {
        let mut t = Timed {
            kind,
            audited: Vec::with_capacity(searches),
            read: Vec::with_capacity(searches),
        };
        for &i in &sample {
            let q = query(i);
            let started = Instant::now();
            let r = app
                .search_borrowers(&agent(usize::try_from(i).unwrap_or(0)), &q, 1)
                .await?;
            t.audited.push(started.elapsed());
            let name = person(i).name();
            anyhow::ensure!(
                !*exact || r.borrowers.iter().any(|b| b.name == name),
                "{kind} {q:?} did not find {name}"
            );
            t.read.push(index_read(&app, &q).await?);
        }
        timed.push(t);
    }
    let mut baseline = Vec::with_capacity(searches * KINDS.len());
    let last = store.last_borrower_id().await?.0;
    for k in 0..u64::try_from(searches * KINDS.len())? {
        let id = BorrowerId(1 + i64::try_from(mix(k + 0xBA5E) % u64::try_from(last)?)?);
        let started = Instant::now();
        let name = store.full_name_of(id).await?;
        baseline.push(started.elapsed());
        anyhow::ensure!(name.is_some(), "borrower {} is missing", id.0);
    }
    report(
        &Plan {
            borrowers,
            backend: store.backend(),
            seeded: &seeded,
            seeded_in,
            statistics_in,
            searches,
        },
        &mut timed,
        &mut baseline,
    );
    db.finish().await;
    Ok(())
}

/// The index read alone of `q` (the store's search, as the use case makes it): how long.
async fn index_read(app: &App, q: &str) -> anyhow::Result<Duration> {
    let query = Query::parse(q)?;
    let conditions = query.conditions(|four| ssn_last4_key(app.vault(), four));
    let search = BorrowerSearch {
        account: query.account,
        conditions: &conditions,
        offset: 0,
        limit: u64::from(PAGE_SIZE) + 1,
    };
    let started = Instant::now();
    app.store().search_borrowers(&search).await?;
    Ok(started.elapsed())
}

/// What a run measured, for the report.
struct Plan<'a> {
    borrowers: u64,
    backend: &'static str,
    seeded: &'a Seeded,
    seeded_in: Duration,
    statistics_in: Duration,
    searches: usize,
}

/// The 50th and 99th percentiles of `samples`.
fn percentiles(samples: &mut [Duration]) -> (Duration, Duration) {
    samples.sort();
    let n = samples.len();
    let at = |p: usize| samples[(n * p / 100).min(n - 1)];
    (at(50), at(99))
}

/// A latency in milliseconds with two decimals, from integer microseconds.
fn ms(d: Duration) -> String {
    let us = d.as_micros();
    format!("{}.{:02} ms", us / 1000, (us % 1000) / 10)
}

fn report(plan: &Plan<'_>, timed: &mut [Timed], baseline: &mut [Duration]) {
    println!(
        "bench search: {} borrowers ({} loans, {} search keys) on {}",
        plan.borrowers, plan.seeded.loans, plan.seeded.keys, plan.backend
    );
    println!(
        "  seeded in {:.1} s; planner statistics refreshed in {:.1} s (not part of any figure below)",
        plan.seeded_in.as_secs_f64(),
        plan.statistics_in.as_secs_f64()
    );
    println!(
        "  {} searches of each kind, first page ({PAGE_SIZE} borrowers), one at a time:",
        plan.searches
    );
    println!(
        "  {:<28} {:>24}   {:>24}",
        "kind", "search, audited p50 / p99", "index read p50 / p99"
    );
    let (mut all_audited, mut all_read) = (Vec::new(), Vec::new());
    let mut worst = Duration::ZERO;
    for t in timed.iter_mut() {
        all_audited.extend_from_slice(&t.audited);
        all_read.extend_from_slice(&t.read);
        let (a50, a99) = percentiles(&mut t.audited);
        let (r50, r99) = percentiles(&mut t.read);
        worst = worst.max(a99);
        println!(
            "  {:<28} {:>11} / {:>10}   {:>11} / {:>10}",
            t.kind,
            ms(a50),
            ms(a99),
            ms(r50),
            ms(r99)
        );
    }
    let (a50, a99) = percentiles(&mut all_audited);
    let (r50, r99) = percentiles(&mut all_read);
    println!(
        "  {:<28} {:>11} / {:>10}   {:>11} / {:>10}",
        "all kinds",
        ms(a50),
        ms(a99),
        ms(r50),
        ms(r99)
    );
    let (b50, b99) = percentiles(baseline);
    println!(
        "  baseline: {} single-row primary-key reads (SELECT full_name FROM borrowers WHERE id = $1): p50 {} / p99 {}",
        baseline.len(),
        ms(b50),
        ms(b99)
    );
    println!(
        "  target: every kind under 50 ms; the slowest kind's p99 is {} ({})",
        ms(worst),
        if worst < Duration::from_millis(50) {
            "met"
        } else {
            "NOT met"
        }
    );
}
