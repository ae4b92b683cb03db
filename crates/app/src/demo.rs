//! The demo portfolio: a handful of borrowers whose loans show every state a newcomer should
//! see, with histories dated back from today's business date so the demo looks right on any
//! day. Seeded once (a setting marks it); boarded loans go through the real boarding path.

use crate::api_clients::Scopes;
use crate::{App, snapshot};
use domain::account_number::AccountNumber;
use domain::address::{AddressOnFile, MailingAddress, TypedAddress};
use domain::ledger::{self, JournalEntry};
use domain::loan::{ExtraTo, LoanTerms, Transaction, TxnId, TxnKind, replay_to_start_of};
use domain::schedule::{Frequency, ScheduleTerms, amortize};
use formats::boarding::LOAN_COLUMNS;
use jiff::civil::Date;
use money::{DayCount, Money, Rate};
use store::{
    AuditEvent, BorrowerId, LoanId, LoanRecord, NewBorrower, SealedIdentity, StoreError, Tx,
};

/// The setting that records the demo was seeded.
const SEEDED: &str = "demo_seeded";

/// The demo API client's token (printed; for the demo database only).
pub const DEMO_API_TOKEN: &str = "demo-api-token-not-for-production";

/// The demo console supervisor (the reports, reveal, unlock). For the demo database only.
pub const DEMO_STAFF_EMAIL: &str = "supervisor@demo.example";
/// The demo console users, one per role: an agent answers borrowers, the supervisor also reads
/// the reports, the admin also manages staff. All share the published password and
/// authenticator key, and work only in demo mode.
pub const DEMO_STAFF: [(&str, &str, crate::access::Role); 3] = [
    (
        "agent@demo.example",
        "Demo Agent",
        crate::access::Role::Agent,
    ),
    (
        DEMO_STAFF_EMAIL,
        "Demo Supervisor",
        crate::access::Role::Supervisor,
    ),
    (
        "admin@demo.example",
        "Demo Admin",
        crate::access::Role::Admin,
    ),
];
/// Their password.
pub const DEMO_STAFF_PASSWORD: &str = "demo console passphrase";
/// Their authenticator secret (20 bytes; published, so only for the demo).
const DEMO_STAFF_SECRET: [u8; 20] = *b"servicer-demo-staff!";

/// The demo console user's authenticator setup key (base32).
pub fn demo_staff_setup_key() -> String {
    totp_rs::Secret::from(DEMO_STAFF_SECRET.to_vec()).to_base32()
}

/// What a newcomer types to enroll a demo borrower.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoBorrower {
    /// Full name.
    pub name: String,
    /// One account number from the statement.
    pub account_number: AccountNumber,
    /// Last four of the SSN.
    pub ssn_last4: String,
    /// Date of birth.
    pub date_of_birth: Date,
    /// ZIP code.
    pub zip: String,
    /// What their loans show.
    pub story: String,
}

/// How one native demo loan behaves.
#[derive(Clone, Copy)]
enum Plan {
    /// Every installment paid on its due date.
    OnTime,
    /// Paid on time until about a month ago, then missed: past due with a late fee.
    MissedLast,
    /// Paid on time, then paid off in full with the last payment.
    PaidOff,
}

/// One loan made here for the demo: whose it is, the base of its account number, its amount,
/// rate and term, how many months ago it was made, and how it has been paid.
struct DemoLoan {
    who: &'static Person,
    base: u64,
    amount: &'static str,
    rate: &'static str,
    term: u32,
    months_ago: i32,
    plan: Plan,
    /// What the loan is, as the portal names it.
    product: &'static str,
    /// Made under the demo's [`FLEXIBLE`] product, which allows AutoPay twice a month and
    /// every other week; otherwise under the standard product (monthly only).
    flexible: bool,
}

/// The demo's product that allows AutoPay twice a month and every other week besides monthly
/// (ADR 0028), with the standard product's rules otherwise. A lender's configuration would
/// declare it as `[products.flexible]` with `autopay_frequencies`; the demo's loans keep its
/// values as every loan keeps its product's (ADR 0026).
pub const FLEXIBLE: &str = "flexible";

struct Person {
    name: &'static str,
    ssn: &'static str,
    dob: Date,
    email: &'static str,
    phone: &'static str,
    /// The mailing address by its parts: street, unit ("" for none), city, state, ZIP code.
    street: &'static str,
    unit: &'static str,
    city: &'static str,
    state: &'static str,
    zip: &'static str,
}

impl Person {
    /// Their mailing address.
    fn mailing_address(&self) -> MailingAddress {
        MailingAddress::parse(&TypedAddress {
            line1: self.street,
            line2: self.unit,
            city: self.city,
            state: self.state,
            zip: self.zip,
        })
        .expect("a demo address keeps the rules")
    }
}

const MARIA: Person = Person {
    name: "Maria Lopez",
    ssn: "512-44-6789",
    dob: jiff::civil::date(1985, 4, 12),
    email: "maria.lopez@example.com",
    phone: "2175550143",
    street: "1207 W Lawrence Ave",
    unit: "",
    city: "Springfield",
    state: "IL",
    zip: "62704",
};
const JAMES: Person = Person {
    name: "James Carter",
    ssn: "431-22-1098",
    dob: jiff::civil::date(1979, 11, 3),
    email: "james.carter@example.com",
    phone: "6145550177",
    street: "88 E Gay St",
    unit: "",
    city: "Columbus",
    state: "OH",
    zip: "43215",
};
const AISHA: Person = Person {
    name: "Aisha Khan",
    ssn: "287-65-4321",
    dob: jiff::civil::date(1992, 7, 28),
    email: "aisha.khan@example.com",
    phone: "2065550112",
    street: "4410 Fremont Ave N",
    unit: "Apt 304",
    city: "Seattle",
    state: "WA",
    zip: "98103",
};

/// The loans made here: Maria's current and past-due loans, James's paid off, Aisha's.
const NATIVE_LOANS: [DemoLoan; 4] = [
    DemoLoan {
        who: &MARIA,
        base: 521_840_000_000_101,
        amount: "18500.00",
        rate: "6.49",
        term: 60,
        months_ago: 14,
        plan: Plan::OnTime,
        product: "Home improvement loan",
        flexible: true,
    },
    DemoLoan {
        who: &MARIA,
        base: 521_840_000_000_102,
        amount: "5000.00",
        rate: "11.99",
        term: 36,
        months_ago: 8,
        plan: Plan::MissedLast,
        product: "Personal loan",
        flexible: false,
    },
    DemoLoan {
        who: &JAMES,
        base: 521_840_000_000_201,
        amount: "3000.00",
        rate: "9.50",
        term: 12,
        months_ago: 14,
        plan: Plan::PaidOff,
        product: "Auto repair loan",
        flexible: false,
    },
    DemoLoan {
        who: &AISHA,
        base: 521_840_000_000_301,
        amount: "24000.00",
        rate: "7.25",
        term: 72,
        months_ago: 5,
        plan: Plan::OnTime,
        product: "Debt consolidation loan",
        flexible: true,
    },
];

impl App {
    /// Whether an earlier `serve --demo` seeded this database with the demo portfolio (whose
    /// published credentials work only in demo mode).
    pub async fn demo_seeded(&self) -> Result<bool, StoreError> {
        Ok(self.store().setting(SEEDED).await?.is_some())
    }

    /// Seeds the demo portfolio unless it is there; returns what to type to enroll.
    pub async fn seed_demo(&self) -> Result<Vec<DemoBorrower>, StoreError> {
        let today = self.business_date().await?;
        let already = self.store().setting(SEEDED).await?.is_some();
        if !already {
            self.seed_portfolio(today).await?;
        }
        Ok(demo_borrowers())
    }

    /// Seeds the portfolio: the loans made here, Maria's loan boarded from a prior servicer,
    /// the demo's API token and console supervisor, then the setting that marks it seeded.
    async fn seed_portfolio(&self, today: Date) -> Result<(), StoreError> {
        for loan in &NATIVE_LOANS {
            self.seed_native(loan, today).await?;
        }
        self.board_demo_file(today).await?;
        self.seed_demo_access().await?;
        self.store().put_setting(SEEDED, &today.to_string()).await?;
        self.forget_cached_views();
        Ok(())
    }

    /// Boards Maria's loan through the real boarding path. A refusal of the demo's own file
    /// is not a store failure, but the seed answers only in store errors: it is reported as
    /// one, naming the demo.
    async fn board_demo_file(&self, today: Date) -> Result<(), StoreError> {
        let csv = boarded_file(today);
        self.board(
            csv.as_bytes(),
            None,
            false,
            &crate::access::Actor::System("demo"),
        )
        .await
        .map_err(|e| match e {
            crate::boarding::BoardingError::Store(e) => e,
            other => StoreError::Corrupt {
                table: "demo",
                detail: other.to_string(),
            },
        })?;
        Ok(())
    }

    /// The demo's published credentials: the API token and the console's users (who work
    /// only in demo mode).
    async fn seed_demo_access(&self) -> Result<(), StoreError> {
        self.register_api_token(
            "demo",
            DEMO_API_TOKEN,
            Scopes::all(),
            &crate::access::Actor::System("demo"),
        )
        .await
        .map_err(|e| match e {
            crate::api_clients::ApiClientError::Store(e) => e,
            other => unreachable!("the system may manage API clients: {other}"),
        })?;
        for (email, name, role) in DEMO_STAFF {
            self.insert_staff_user(
                email,
                name,
                role,
                DEMO_STAFF_PASSWORD,
                DEMO_STAFF_SECRET,
                &crate::access::Actor::System("demo"),
            )
            .await
            .map_err(|e| match e {
                crate::identity::IdentityError::Store(e) => e,
                other => StoreError::Corrupt {
                    table: "demo",
                    detail: other.to_string(),
                },
            })?;
        }
        Ok(())
    }

    /// Seeds one loan made here, in one transaction: its borrower (found by SSN, or added),
    /// the loan, its payments as its plan makes them, its books and snapshot, the keys the
    /// console's search finds them by, the audit record.
    async fn seed_native(&self, l: &DemoLoan, today: Date) -> Result<(), StoreError> {
        let account = AccountNumber::from_base(l.base);
        let amount = Money::parse(l.amount).expect("demo literal");
        let (terms, disbursed) = native_terms(l, amount, today);
        let history = payments(&terms, l.plan, today);

        let now = self.now_us();
        let mut tx = self.store().begin().await?;
        let borrower = self.demo_borrower_id(&mut tx, l.who, now).await?;
        let mut record = LoanRecord {
            product_name: Some(l.product.to_owned()),
            ..LoanRecord::originated(account, borrower, amount, terms)
        };
        if l.flexible {
            record.product = FLEXIBLE.to_owned();
            record.autopay_frequencies = domain::autopay::AllowedFrequencies::ALL;
        }
        let loan = tx.insert_loans(std::slice::from_ref(&record), now).await?[0];
        // Every key of the person each time: the ones their first loan wrote are kept as
        // they are, and this loan's last 4 is added.
        let ssn = l.who.ssn.replace('-', "");
        self.index_borrower(
            &mut tx,
            borrower,
            &crate::search::Indexed {
                full_name: l.who.name,
                email: Some(l.who.email),
                phone: Some(l.who.phone),
                zip: l.who.zip,
                ssn_digits: Some(ssn.as_str()),
                accounts: &[account],
            },
        )
        .await?;
        for t in &history {
            tx.append_transaction(loan, t.date, t.kind, now).await?;
        }
        let disbursement = ledger::disbursement(disbursed, amount).expect("positive amount");
        self.book_native(&mut tx, loan, &record, disbursement, today, now)
            .await?;
        tx.audit(
            &AuditEvent {
                actor: "demo".into(),
                action: "loan.seeded".into(),
                subject: format!("loan:{}", loan.0),
                detail: format!("{{\"account_last4\":\"{}\"}}", account.last4()),
            },
            now,
        )
        .await?;
        tx.commit().await
    }

    /// The borrower `who` in `tx`: the one with their SSN, or a new one (identity sealed).
    async fn demo_borrower_id(
        &self,
        tx: &mut Tx,
        who: &Person,
        now: i64,
    ) -> Result<BorrowerId, StoreError> {
        let digest = self.vault().ssn_digest(&who.ssn.replace('-', ""));
        let borrower = match tx
            .borrowers_by_digest(std::slice::from_ref(&digest))
            .await?
            .get(&digest)
        {
            Some(id) => *id,
            None => {
                tx.insert_borrowers(&[self.demo_borrower(who, digest)], now)
                    .await?[0]
            }
        };
        Ok(borrower)
    }

    /// The books of a loan just seeded with its history: the disbursement and the entries of
    /// every event of the replay, and its snapshot as of `today`.
    async fn book_native(
        &self,
        tx: &mut Tx,
        loan: LoanId,
        record: &LoanRecord,
        disbursement: JournalEntry,
        today: Date,
        now: i64,
    ) -> Result<(), StoreError> {
        // Replay the history as stored: the store assigned the transaction ids.
        let stored = tx.history(loan).await?;
        let (state, snap) = snapshot::compute(&record.terms, &stored, today, self.cycle());
        let mut entries = vec![(Some(loan), disbursement)];
        entries.extend(
            snapshot::event_entries(&state)
                .into_iter()
                .map(|e| (Some(loan), e)),
        );
        tx.post_entries(&entries, now).await?;
        tx.put_snapshots(&[(loan, snap)], now).await
    }

    fn demo_borrower(&self, who: &Person, digest: String) -> NewBorrower {
        let vault = self.vault();
        NewBorrower {
            full_name: who.name.into(),
            email: Some(who.email.into()),
            phone: Some(who.phone.into()),
            address: AddressOnFile::Structured(who.mailing_address()),
            ssn_digest: Some(digest),
            identity: Some(SealedIdentity {
                key_id: vault.key_id().into(),
                ssn: vault.seal("ssn", who.ssn.replace('-', "").as_bytes()),
                date_of_birth: vault.seal("date_of_birth", who.dob.to_string().as_bytes()),
            }),
        }
    }
}

/// What a newcomer types to enroll each demo borrower, and what their loans show.
fn demo_borrowers() -> Vec<DemoBorrower> {
    let mut shown = Vec::new();
    for (who, story, base) in [
        (
            &MARIA,
            "three loans: one current (its product allows AutoPay twice a month or every other week), one past due with a late fee, one boarded from a prior servicer (AutoPay to re-establish)",
            521_840_000_000_101,
        ),
        (&JAMES, "one loan, paid off", 521_840_000_000_201),
        (
            &AISHA,
            "one loan, current (its product allows AutoPay twice a month or every other week)",
            521_840_000_000_301,
        ),
    ] {
        shown.push(DemoBorrower {
            name: who.name.into(),
            account_number: AccountNumber::from_base(base),
            ssn_last4: who.ssn[7..].into(),
            date_of_birth: who.dob,
            zip: who.zip.into(),
            story: story.into(),
        });
    }
    shown
}

/// The terms of a loan made here for `amount`, disbursed `l.months_ago` months before
/// `today` (on the 20th, or today's day if earlier), first due a month later; and the day
/// it was disbursed.
fn native_terms(l: &DemoLoan, amount: Money, today: Date) -> (LoanTerms, Date) {
    let rate = Rate::parse(l.rate).expect("demo literal");
    let disbursed = domain::calendar::add_months_on_day(today, -l.months_ago, 20.min(today.day()));
    let first_payment = domain::calendar::add_months_on_day(disbursed, 1, disbursed.day());
    let schedule = amortize(&ScheduleTerms {
        amount_financed: amount,
        rate,
        term: l.term,
        start: disbursed,
        first_payment,
        frequency: Frequency::Monthly,
        day_count: DayCount::Actual365Fixed,
    })
    .expect("demo terms amortize");
    let terms =
        LoanTerms::from_schedule(&schedule, rate, DayCount::Actual365Fixed, disbursed, amount);
    (terms, disbursed)
}

/// The payments a plan makes, dated on due dates up to today.
fn payments(terms: &LoanTerms, plan: Plan, today: Date) -> Vec<Transaction> {
    let missed_after = today
        .checked_sub(jiff::Span::new().days(45))
        .expect("date in range");
    let mut out: Vec<Transaction> = Vec::new();
    let due: Vec<_> = terms
        .installments
        .iter()
        .filter(|i| i.due_date <= today)
        .collect();
    for (n, i) in (1_u64..).zip(&due) {
        let pays = match plan {
            Plan::OnTime | Plan::PaidOff => true,
            Plan::MissedLast => i.due_date < missed_after,
        };
        if !pays {
            continue;
        }
        let is_last = n == u64::try_from(terms.installments.len()).expect("fits");
        let amount = if matches!(plan, Plan::PaidOff) && is_last {
            // The final payment is the payoff: whatever the replay says is owed that day.
            replay_to_start_of(terms, &out, i.due_date).balance()
        } else {
            i.amount
        };
        out.push(Transaction {
            id: TxnId(n),
            date: i.due_date,
            kind: TxnKind::Payment {
                amount,
                extra: ExtraTo::Principal,
            },
        });
    }
    out
}

/// A one-row prior-servicer file for Maria's boarded loan: on AutoPay there, so it must be
/// re-established here.
fn boarded_file(today: Date) -> String {
    let first_payment = domain::calendar::add_months_on_day(today, -30, 5);
    let disbursed = domain::calendar::add_months_on_day(first_payment, -1, 5);
    let next_due =
        domain::calendar::add_months_on_day(today, if today.day() > 5 { 1 } else { 0 }, 5);
    let paid_to = domain::calendar::add_months_on_day(next_due, -1, 5);
    let row = [
        AccountNumber::from_base(521_840_000_000_103).to_string(),
        MARIA.name.into(),
        MARIA.ssn.into(),
        MARIA.dob.to_string(),
        MARIA.street.into(),
        MARIA.unit.into(),
        MARIA.city.into(),
        MARIA.state.into(),
        MARIA.zip.into(),
        MARIA.email.into(),
        MARIA.phone.into(),
        "9800.00".into(),
        "8.75".into(),
        "actual/365".into(),
        "48".into(),
        disbursed.to_string(),
        first_payment.to_string(),
        "242.84".into(),
        today.to_string(),
        "4415.27".into(),
        "13.11".into(),
        "0.00".into(),
        next_due.to_string(),
        paid_to.to_string(),
        "Y".into(),
    ];
    format!("{}\n{}\n", LOAN_COLUMNS.join(","), row.join(","))
}
