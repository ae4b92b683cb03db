//! Short-lived, per-instance caches for hot reads: the loan view (one row, read on every API
//! call and page view), API token checks, sessions, the dashboard's rows and the business
//! date. Both expire after a second or a minute, so
//! several instances stay within that of each other without talking; writes made through
//! this instance clear what they change at once. A caller that must see the database right
//! now asks for a fresh read (the API honours `Cache-Control: no-cache`).

use domain::account_number::AccountNumber;
use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use store::LoanView;

/// How long a cached loan view is served.
pub const VIEW_TTL: Duration = Duration::from_secs(1);
/// How long a verified API token is trusted without asking the database (so a revoked
/// token stops working within this).
pub const TOKEN_TTL: Duration = Duration::from_secs(60);
/// Entries kept at most; when full, the cache starts over (simple, and bounded).
const CAPACITY: usize = 50_000;

/// A bounded map whose entries expire.
#[derive(Debug)]
pub struct Expiring<K, V> {
    ttl: Duration,
    entries: Mutex<HashMap<K, (Instant, V)>>,
    /// How many times it was cleared (changed under the entries' lock).
    clears: AtomicU64,
}

impl<K: std::hash::Hash + Eq, V: Clone> Expiring<K, V> {
    /// An empty cache whose entries live `ttl`.
    pub fn new(ttl: Duration) -> Self {
        Expiring {
            ttl,
            entries: Mutex::new(HashMap::new()),
            clears: AtomicU64::new(0),
        }
    }

    /// The value for `key` if it is still fresh.
    pub fn get(&self, key: &K) -> Option<V> {
        let entries = self.entries.lock().expect("cache lock");
        entries
            .get(key)
            .filter(|(at, _)| at.elapsed() < self.ttl)
            .map(|(_, v)| v.clone())
    }

    /// Remembers `value` for `key`.
    pub fn put(&self, key: K, value: V) {
        let mut entries = self.entries.lock().expect("cache lock");
        if entries.len() >= CAPACITY {
            entries.clear();
        }
        entries.insert(key, (Instant::now(), value));
    }

    /// Forgets everything (after a write that may touch many keys).
    pub fn clear(&self) {
        let mut entries = self.entries.lock().expect("cache lock");
        self.clears.fetch_add(1, Ordering::SeqCst);
        entries.clear();
    }

    /// How many times it has been cleared: read before reading what a value is made from,
    /// then given to [`Expiring::put_unless_cleared_since`].
    pub fn clears(&self) -> u64 {
        self.clears.load(Ordering::SeqCst)
    }

    /// Remembers `value` for `key` unless the cache was cleared since `clears` was read: a
    /// value made from reads that a write has since changed is not kept (the write's clear
    /// may have come between the reads and this).
    pub fn put_unless_cleared_since(&self, key: K, value: V, clears: u64) {
        let mut entries = self.entries.lock().expect("cache lock");
        if self.clears.load(Ordering::SeqCst) != clears {
            return;
        }
        if entries.len() >= CAPACITY {
            entries.clear();
        }
        entries.insert(key, (Instant::now(), value));
    }
}

/// The caches an [`crate::App`] keeps.
#[derive(Debug)]
pub struct Caches {
    /// Loan views by account number.
    pub views: Expiring<AccountNumber, LoanView>,
    /// API clients (name and scopes) by token digest.
    pub tokens: Expiring<String, crate::api_clients::ApiClient>,
    /// Sessions by token digest, as last read (ending a session through this instance
    /// forgets them at once; another instance sees the end within [`VIEW_TTL`]).
    pub sessions: Expiring<String, std::sync::Arc<store::Session>>,
    /// Staff sessions by token digest with their user, as last read (ending a session,
    /// deactivating a user or changing a role through this instance forgets them at once;
    /// another instance sees it within [`VIEW_TTL`]).
    pub staff_sessions: Expiring<String, std::sync::Arc<(store::StaffSession, store::StaffUser)>>,
    /// A login's dashboard rows: its loans and unread messages.
    pub dashboards: Expiring<store::LoginId, std::sync::Arc<crate::portal::DashboardRows>>,
    /// The business date.
    /// The business date, keyed by the clock's own date (so it is read again at midnight).
    pub business_date: Expiring<jiff::civil::Date, jiff::civil::Date>,
    /// Pages rendered from the rows above, by page and session (as stale as those rows at
    /// most; a page is only looked up after its session was checked live).
    pub pages: Expiring<String, hyper::body::Bytes>,
    /// Loan records by id, for their terms (which never change once the loan exists; the
    /// record's AutoPay flag is read from the view, not from here).
    pub records: Expiring<store::LoanId, std::sync::Arc<store::LoanRecord>>,
    /// Which loan and borrower an account number is (it never changes).
    pub accounts: Expiring<AccountNumber, (store::LoanId, store::BorrowerId)>,
    /// Whose turn it is to make a page that is not kept: see [`Turns`].
    pub page_turns: Turns,
}

/// How many locks [`Turns`] spreads pages over.
const TURNS: usize = 64;

/// One page made at a time per key: when a kept page expires while many requests want it
/// (a console reloaded by many tabs, a client polling), the first makes it and the others
/// wait for it and are served what it kept, rather than each making the same page at once.
/// Keys share a lock by their hash (a bounded set, no map to clean up); two pages that share
/// one are only made one after the other.
#[derive(Debug)]
pub struct Turns(Vec<tokio::sync::Mutex<()>>);

impl Default for Turns {
    fn default() -> Self {
        Turns((0..TURNS).map(|_| tokio::sync::Mutex::new(())).collect())
    }
}

impl Turns {
    /// Waits for `key`'s turn; the page is made while the guard is held.
    pub async fn take(&self, key: &str) -> tokio::sync::MutexGuard<'_, ()> {
        let slot = usize::try_from(fnv(key.as_bytes()) % TURNS as u64).unwrap_or(0);
        self.0[slot].lock().await
    }
}

/// FNV-1a over `bytes`: a stable, fast spread of keys over the locks.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl Default for Caches {
    fn default() -> Self {
        Caches {
            views: Expiring::new(VIEW_TTL),
            tokens: Expiring::new(TOKEN_TTL),
            sessions: Expiring::new(VIEW_TTL),
            staff_sessions: Expiring::new(VIEW_TTL),
            dashboards: Expiring::new(VIEW_TTL),
            business_date: Expiring::new(VIEW_TTL),
            pages: Expiring::new(VIEW_TTL),
            records: Expiring::new(TOKEN_TTL),
            accounts: Expiring::new(TOKEN_TTL),
            page_turns: Turns::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_expire_and_clear() {
        let c: Expiring<u32, &str> = Expiring::new(Duration::from_millis(30));
        c.put(1, "a");
        assert_eq!(c.get(&1), Some("a"));
        std::thread::sleep(Duration::from_millis(40));
        assert_eq!(c.get(&1), None);
        c.put(2, "b");
        c.clear();
        assert_eq!(c.get(&2), None);
    }

    #[test]
    fn a_value_made_before_a_clear_is_not_kept() {
        let c: Expiring<u32, &str> = Expiring::new(Duration::from_secs(1));
        let before = c.clears();
        c.clear(); // a write between the reads and the put
        c.put_unless_cleared_since(1, "stale", before);
        assert_eq!(c.get(&1), None);
        c.put_unless_cleared_since(1, "fresh", c.clears());
        assert_eq!(c.get(&1), Some("fresh"));
    }
}
