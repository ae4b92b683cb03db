//! Servicer's use cases. This is the only layer that reads the clock or opens database
//! transactions: each use case opens one, makes every write of the change through it (the
//! rows, their ledger entries, their jobs, their audit record) and commits, so a crash
//! anywhere leaves either all of it or none.

pub mod access;
pub mod account_view;
pub mod addresses;
pub mod alerts;
pub mod api_clients;
pub mod approvals;
pub mod bank;
pub mod boarding;
pub mod cache;
pub mod clock;
pub mod cob;
pub mod delivery;
pub mod demo;
pub mod document_center;
pub mod due_date;
pub mod files;
pub mod history;
pub mod identity;
pub mod jobs;
pub mod letters;
pub mod messages;
pub mod nicknames;
pub mod notes;
pub mod notices;
pub mod payment_methods;
pub mod payments;
pub mod portal;
pub mod products;
mod read_audit;
pub mod refunds;
pub mod remittance;
pub mod search;
pub mod servicer;
pub mod servicing;
pub mod snapshot;
pub mod staff;
pub mod staff_portal;
pub mod vault;
pub mod verification;
pub mod what_if;

use clock::Clock;
use domain::account_number::AccountNumber;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use std::sync::Arc;
use store::{LoanView, Store, StoreError};
use vault::Vault;

/// The application: the store, the clock, the keys and the servicer's time zone.
#[derive(Clone, Debug)]
pub struct App {
    store: Store,
    clock: Arc<dyn Clock>,
    vault: Arc<Vault>,
    zone: TimeZone,
    caches: Arc<cache::Caches>,
    servicer: Arc<servicer::ServicerInfo>,
    /// Password hashing runs at most this many at once (argon2 is memory- and CPU-hard).
    hashing: Arc<tokio::sync::Semaphore>,
    senders: Arc<delivery::Senders>,
    routing_directory: Option<Arc<std::collections::HashSet<String>>>,
    payments: Arc<payments::PaymentSettings>,
    cards: Arc<dyn payments::cards::CardProcessor>,
    cob: Arc<cob::CobSettings>,
    /// The configured loan products (boarding finds a file's products here).
    products: Arc<domain::product::Catalog>,
    cycle: domain::cycle::Cycle,
    /// Demo mode (`serve --demo`): the demo's published credentials work only then.
    demo: bool,
    /// Records of staff reads, committed in groups.
    read_audits: read_audit::ReadAudits,
    /// Which actions need a second person's approval (four eyes).
    approvals: Arc<domain::approval::Thresholds>,
}

/// The setting that pins the business date (close of business moves it; unset, it is today
/// in the servicer's time zone).
pub const BUSINESS_DATE: &str = "business_date";

impl App {
    /// Wires the application.
    pub fn new(store: Store, clock: Arc<dyn Clock>, vault: Vault, zone: TimeZone) -> App {
        App {
            store,
            clock,
            vault: Arc::new(vault),
            zone,
            caches: Arc::default(),
            servicer: Arc::default(),
            hashing: Arc::new(tokio::sync::Semaphore::new(2)),
            senders: Arc::default(),
            routing_directory: None,
            payments: Arc::default(),
            cards: Arc::new(payments::cards::Sandbox::default()),
            cob: Arc::default(),
            products: Arc::default(),
            cycle: domain::cycle::Cycle::default(),
            demo: false,
            read_audits: read_audit::ReadAudits::default(),
            approvals: Arc::default(),
        }
    }

    /// The same application in demo mode or not. The demo portfolio's API token and console
    /// supervisor are published (the README prints them), so outside demo mode they are
    /// refused even when the database holds them from an earlier `serve --demo` (issue 17).
    pub fn with_demo(mut self, demo: bool) -> App {
        self.demo = demo;
        self
    }

    /// Whether this is a demo (`serve --demo`).
    pub fn is_demo(&self) -> bool {
        self.demo
    }

    /// The same application speaking as `info` (name, phones, addresses) in its notices.
    pub fn with_servicer(mut self, info: servicer::ServicerInfo) -> App {
        self.servicer = Arc::new(info);
        self
    }

    /// The same application delivering messages through `senders`.
    pub fn with_senders(mut self, senders: delivery::Senders) -> App {
        self.senders = Arc::new(senders);
        self
    }

    /// The same application checking bank routing numbers against `directory` too.
    pub fn with_routing_directory(mut self, directory: std::collections::HashSet<String>) -> App {
        self.routing_directory = Some(Arc::new(directory));
        self
    }

    /// The same application with these payment settings.
    pub fn with_payments(mut self, settings: payments::PaymentSettings) -> App {
        self.payments = Arc::new(settings);
        self
    }

    /// The same application charging cards through `processor`.
    pub fn with_card_processor(
        mut self,
        processor: Arc<dyn payments::cards::CardProcessor>,
    ) -> App {
        self.cards = processor;
        self
    }

    /// The same application closing business days with these settings.
    pub fn with_cob(mut self, settings: cob::CobSettings) -> App {
        self.cycle = settings.cycle();
        self.cob = Arc::new(settings);
        self
    }

    /// The same application with these loan products (`[products]` in the configuration).
    pub fn with_products(mut self, products: domain::product::Catalog) -> App {
        self.products = Arc::new(products);
        self
    }

    /// The configured loan products.
    pub fn products(&self) -> &domain::product::Catalog {
        &self.products
    }

    /// The close-of-business settings.
    pub fn cob_settings(&self) -> &cob::CobSettings {
        &self.cob
    }

    /// When statements and reminders go out.
    pub fn cycle(&self) -> &domain::cycle::Cycle {
        &self.cycle
    }

    /// The payment settings.
    pub fn payment_settings(&self) -> &payments::PaymentSettings {
        &self.payments
    }

    /// A loan's record (its terms never change; kept a minute per instance).
    pub async fn loan_record(
        &self,
        loan: store::LoanId,
    ) -> Result<Arc<store::LoanRecord>, StoreError> {
        if let Some(r) = self.caches.records.get(&loan) {
            return Ok(r);
        }
        let r = Arc::new(self.store.loan(loan).await?);
        self.caches.records.put(loan, r.clone());
        Ok(r)
    }

    /// The loan and borrower of an account number (kept a minute per instance: it never
    /// changes once the loan exists).
    pub async fn loan_of_account(
        &self,
        account: AccountNumber,
    ) -> Result<Option<(store::LoanId, store::BorrowerId)>, StoreError> {
        if let Some(ids) = self.caches.accounts.get(&account) {
            return Ok(Some(ids));
        }
        let ids = self.store.loan_by_account_number(account).await?;
        if let Some(ids) = ids {
            self.caches.accounts.put(account, ids);
        }
        Ok(ids)
    }

    /// A loan's record read inside `tx` when this instance has not cached it. Code holding a
    /// transaction reads through it, never through the pool: on PostgreSQL a pool read while
    /// holding a connection can wait forever for one when every connection is held.
    pub async fn loan_record_in(
        &self,
        tx: &mut store::Tx,
        loan: store::LoanId,
    ) -> Result<Arc<store::LoanRecord>, StoreError> {
        if let Some(r) = self.caches.records.get(&loan) {
            return Ok(r);
        }
        let r = Arc::new(tx.loan(loan).await?);
        self.caches.records.put(loan, r.clone());
        Ok(r)
    }

    /// The configured message senders.
    pub fn senders(&self) -> &delivery::Senders {
        &self.senders
    }

    /// Who the servicer is.
    pub fn servicer(&self) -> &servicer::ServicerInfo {
        &self.servicer
    }

    /// The store (for reads that need no use case).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Now, in epoch microseconds.
    pub fn now_us(&self) -> i64 {
        self.clock.now_us()
    }

    /// The keys.
    pub fn vault(&self) -> &Vault {
        &self.vault
    }

    /// The servicer's time zone.
    pub fn zone(&self) -> &TimeZone {
        &self.zone
    }

    /// One loan by account number with its snapshot; from this instance's cache (at most
    /// [`cache::VIEW_TTL`] old) unless `fresh`.
    pub async fn loan_view(
        &self,
        account: AccountNumber,
        fresh: bool,
    ) -> Result<Option<LoanView>, StoreError> {
        if !fresh && let Some(v) = self.caches.views.get(&account) {
            return Ok(Some(v));
        }
        let view = self.store.loan_view(account).await?;
        if let Some(v) = &view {
            self.caches.views.put(account, v.clone());
        }
        Ok(view)
    }

    /// Forgets cached reads after a write through this instance.
    pub(crate) fn forget_cached_views(&self) {
        self.caches.views.clear();
        self.caches.dashboards.clear();
        self.caches.business_date.clear();
        self.caches.pages.clear();
    }

    /// A page this instance rendered under `key` in the last second, if any.
    pub fn cached_page(&self, key: &str) -> Option<hyper::body::Bytes> {
        self.caches.pages.get(&key.to_owned())
    }

    /// Waits for `key`'s turn to make a page not kept (`cache::Turns`): look the page up
    /// again once it is yours, as the request before may have just made it.
    pub async fn page_turn(&self, key: &str) -> tokio::sync::MutexGuard<'_, ()> {
        self.caches.page_turns.take(key).await
    }

    /// Remembers a rendered page for a second (cleared with the rows it was made from).
    pub fn remember_page(&self, key: String, html: hyper::body::Bytes) {
        self.caches.pages.put(key, html);
    }

    /// Where the kept pages stand: read before reading what a page is made from, and given to
    /// [`App::remember_page_since`].
    pub fn pages_version(&self) -> u64 {
        self.caches.pages.clears()
    }

    /// Remembers a rendered page for a second, unless a write through this instance forgot
    /// the kept pages since `version` was read (the page may hold what the write changed).
    pub fn remember_page_since(&self, key: String, html: hyper::body::Bytes, version: u64) {
        self.caches
            .pages
            .put_unless_cleared_since(key, html, version);
    }

    /// Forgets cached sessions (and pages rendered for them) after one ended here.
    pub(crate) fn forget_cached_sessions(&self) {
        self.caches.sessions.clear();
        self.caches.staff_sessions.clear();
        self.caches.pages.clear();
    }

    /// The caches (for the API token check).
    pub(crate) fn caches(&self) -> &cache::Caches {
        &self.caches
    }

    /// The business date: the pinned one if close of business has set it, else today in the
    /// servicer's time zone.
    pub async fn business_date(&self) -> Result<Date, StoreError> {
        let calendar = clock::date_in(self.now_us(), &self.zone);
        if let Some(d) = self.caches.business_date.get(&calendar) {
            return Ok(d);
        }
        let d = self.business_date_now().await?;
        self.caches.business_date.put(calendar, d);
        Ok(d)
    }

    async fn business_date_now(&self) -> Result<Date, StoreError> {
        match self.store.setting(BUSINESS_DATE).await? {
            Some(text) => text.parse().map_err(|_| StoreError::Corrupt {
                table: "settings",
                detail: format!("business date {text:?}"),
            }),
            None => Ok(clock::date_in(self.now_us(), &self.zone)),
        }
    }
}
