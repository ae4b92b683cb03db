//! Records of what staff read, committed in groups.
//!
//! Every account view is audited, and its record is durable before the page is shown: a view
//! an examiner cannot find did not happen, so a crash may lose the page but never the record.
//! One write transaction per view would cap the console at the database's commit rate (and
//! every audit record takes the chain's one head row). So a view's record waits in a queue,
//! one writer commits everything queued in one transaction (the chain's head read and written
//! once), then answers each waiter: each view still waits for its own record's commit, but
//! the views of that moment share it (group commit, as a database does with its own log).
//!
//! The writer is started by the first record, on the runtime of that request. Should the
//! writer be gone or its group fail, each waiting view writes its own record in its own
//! transaction, so a failure is that view's, reported as usual.
//!
//! A reload is counted, not waited for: when the same reader's same read of the same subject
//! was committed less than [`RELOAD_WINDOW_US`] ago, that the read happened (who, what, and that
//! second) is already durable, so the reload is queued to be counted into its group's record
//! (`"times"`) and answered at once. A crash in the millisecond before that group commits may
//! lose how many times a page was reloaded within the second, never that it was read (ADR
//! 0023). Without this, a console reloaded by many tabs spent most of its time waiting on
//! commits that record nothing new.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use store::{AuditEvent, Store, StoreError};
use tokio::sync::{mpsc, oneshot};

/// Records committed together at most (a bound on one transaction's size).
const GROUP: usize = 512;
/// Records waiting at most; a view beyond them waits for room.
const QUEUE: usize = 4_096;
/// How long reloads' counts wait to be written together when nobody waits for them.
const COUNT_DELAY: std::time::Duration = std::time::Duration::from_millis(100);
/// How recent a committed record of the same read must be for a reload to be counted
/// without waiting (the age of the pages the console serves again).
const RELOAD_WINDOW_US: i64 = 1_000_000;

/// One record waiting for its group's commit (`None`: a flush, waiting for what was queued
/// before it).
struct Waiting {
    event: Option<AuditEvent>,
    at_us: i64,
    /// Told whether the group committed; `None` for a reload counted without waiting.
    done: Option<oneshot::Sender<bool>>,
}

/// When each read was last committed, within the reload window.
type Committed = HashMap<AuditEvent, i64>;

/// The queue of read records and its writer.
#[derive(Clone, Default)]
pub(crate) struct ReadAudits {
    queue: Arc<OnceLock<mpsc::Sender<Waiting>>>,
    committed: Arc<Mutex<Committed>>,
}

impl std::fmt::Debug for ReadAudits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadAudits")
            .field("started", &self.queue.get().is_some())
            .finish()
    }
}

impl ReadAudits {
    /// Appends `event` at `at_us`, returning once it is committed.
    pub(crate) async fn record(
        &self,
        store: &Store,
        event: AuditEvent,
        at_us: i64,
    ) -> Result<(), StoreError> {
        let queue = self.queue.get_or_init(|| {
            let (tx, rx) = mpsc::channel(QUEUE);
            tokio::spawn(write_groups(store.clone(), rx, self.committed.clone()));
            tx
        });
        if self.is_reload(&event, at_us) {
            let counted = Waiting {
                event: Some(event.clone()),
                at_us,
                done: None,
            };
            // A full queue: the reload waits for its own commit like any read.
            if queue.try_send(counted).is_ok() {
                return Ok(());
            }
        }
        let (done, committed) = oneshot::channel();
        let waiting = Waiting {
            event: Some(event.clone()),
            at_us,
            done: Some(done),
        };
        if queue.send(waiting).await.is_ok() && committed.await == Ok(true) {
            return Ok(());
        }
        // The writer is gone (its runtime ended) or the group failed and was rolled back
        // whole: the record is written alone, so its own failure is what the view reports.
        store.audit(&event, at_us).await
    }
}

impl ReadAudits {
    /// Returns once every record queued before the call is committed (or its group failed):
    /// the reloads counted without waiting included. For a clean shutdown, and for tests.
    pub(crate) async fn flush(&self) {
        let Some(queue) = self.queue.get() else {
            return;
        };
        let (done, committed) = oneshot::channel();
        let flush = Waiting {
            event: None,
            at_us: 0,
            done: Some(done),
        };
        if queue.send(flush).await.is_ok() {
            let _ = committed.await;
        }
    }

    /// Whether the same read was committed less than [`RELOAD_WINDOW_US`] before `at_us`.
    fn is_reload(&self, event: &AuditEvent, at_us: i64) -> bool {
        let committed = self.committed.lock().unwrap_or_else(|e| e.into_inner());
        committed
            .get(event)
            .is_some_and(|&then| (0..RELOAD_WINDOW_US).contains(&(at_us - then)))
    }
}

/// Commits whatever is queued, a group at a time, until every sender is gone; remembers when
/// each read was committed (for the reloads of the next second).
async fn write_groups(
    store: Store,
    mut queue: mpsc::Receiver<Waiting>,
    recent: Arc<Mutex<Committed>>,
) {
    let mut group = Vec::with_capacity(GROUP);
    while queue.recv_many(&mut group, GROUP).await > 0 {
        if group.iter().all(|w| w.done.is_none()) {
            gather_counts(&mut queue, &mut group).await;
        }
        let (events, waiters): (Vec<_>, Vec<_>) = group
            .drain(..)
            .map(|w| (w.event.map(|e| (e, w.at_us)), w.done))
            .unzip();
        let events: Vec<_> = events.into_iter().flatten().collect();
        let committed =
            events.is_empty() || commit(&store, &coalesced(events.clone())).await.is_ok();
        if committed {
            remember(&recent, events);
        }
        for done in waiters.into_iter().flatten() {
            // A waiter that gave up (its request was dropped) needs no answer.
            let _ = done.send(committed);
        }
    }
}

/// Adds to a group of reloads only (nobody waits for it) what arrives within
/// [`COUNT_DELAY`], until a read that waits arrives or the group is full: counts are written
/// a few times a second rather than in a transaction each.
async fn gather_counts(queue: &mut mpsc::Receiver<Waiting>, group: &mut Vec<Waiting>) {
    let until = tokio::time::Instant::now() + COUNT_DELAY;
    while group.len() < GROUP && group.iter().all(|w| w.done.is_none()) {
        // `recv_many` is cancel safe: a record is either in the group or still queued.
        tokio::select! {
            got = queue.recv_many(group, GROUP - group.len()) => if got == 0 { return },
            () = tokio::time::sleep_until(until) => return,
        }
    }
}

/// Notes `events` as committed at their times, and forgets what is past the reload window.
fn remember(recent: &Mutex<Committed>, events: Vec<(AuditEvent, i64)>) {
    let mut recent = recent.lock().unwrap_or_else(|e| e.into_inner());
    let newest = events.iter().map(|(_, at)| *at).max().unwrap_or(0);
    for (event, at_us) in events {
        let then = recent.entry(event).or_insert(at_us);
        *then = (*then).max(at_us);
    }
    recent.retain(|_, then| newest - *then < RELOAD_WINDOW_US);
}

/// The group's records with the same reader, read and subject (and detail) made one, which
/// counts them: `"times"` views from `"first_at_us"` to its own time. A page reloaded by many
/// tabs, or a client polling, adds a record per group rather than per read, and the log still
/// says who read what, when and how often. A detail that is not a JSON object is kept apart.
fn coalesced(events: Vec<(AuditEvent, i64)>) -> Vec<(AuditEvent, i64)> {
    // (event, first time, last time, how many), in the order of each one's first read.
    let mut out: Vec<(AuditEvent, i64, i64, u64)> = Vec::with_capacity(events.len());
    for (event, at_us) in events {
        let same = out.iter_mut().find(|(e, ..)| {
            e.actor == event.actor
                && e.action == event.action
                && e.subject == event.subject
                && e.detail == event.detail
        });
        match same {
            Some((_, first, last, times))
                if serde_json::from_str::<serde_json::Map<_, _>>(&event.detail).is_ok() =>
            {
                *first = (*first).min(at_us);
                *last = (*last).max(at_us);
                *times += 1;
            }
            _ => out.push((event, at_us, at_us, 1)),
        }
    }
    out.into_iter()
        .map(|(mut event, first, last, times)| {
            if times > 1
                && let Ok(mut detail) = serde_json::from_str::<
                    serde_json::Map<String, serde_json::Value>,
                >(&event.detail)
            {
                detail.insert("times".into(), times.into());
                detail.insert("first_at_us".into(), first.into());
                event.detail = serde_json::Value::Object(detail).to_string();
            }
            (event, last)
        })
        .collect()
}

/// One group in one transaction.
async fn commit(store: &Store, events: &[(AuditEvent, i64)]) -> Result<(), StoreError> {
    let mut tx = store.begin().await?;
    tx.audit_all(events).await?;
    tx.commit().await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(actor: &str, subject: &str, detail: &str) -> AuditEvent {
        AuditEvent {
            actor: actor.into(),
            action: "account.viewed".into(),
            subject: subject.into(),
            detail: detail.into(),
        }
    }

    #[test]
    fn the_same_read_is_counted_once_per_group_and_others_are_kept_apart() {
        let group = vec![
            (read("staff:1", "borrower:7", "{}"), 30),
            (read("staff:2", "borrower:7", "{}"), 31),
            (read("staff:1", "borrower:7", "{}"), 10),
            (read("staff:1", "borrower:8", "{}"), 32),
            (read("staff:1", "borrower:7", "{}"), 40),
            (read("staff:3", "borrower:7", "not json"), 41),
            (read("staff:3", "borrower:7", "not json"), 42),
        ];
        let out = coalesced(group);
        assert_eq!(out.len(), 5);
        assert_eq!(out[0].1, 40, "the last time");
        let detail: serde_json::Value = serde_json::from_str(&out[0].0.detail).unwrap();
        assert_eq!(detail["times"], 3);
        assert_eq!(detail["first_at_us"], 10);
        assert_eq!(out[1].0.detail, "{}", "one read stays as it was");
        assert_eq!(out[1].0.actor, "staff:2");
        assert_eq!(out[2].0.subject, "borrower:8");
        assert_eq!(out[3].0.detail, "not json");
        assert_eq!(out[4].0.detail, "not json");
        let total: u64 = out
            .iter()
            .map(|(e, _)| {
                serde_json::from_str::<serde_json::Value>(&e.detail)
                    .ok()
                    .and_then(|d| d["times"].as_u64())
                    .unwrap_or(1)
            })
            .sum();
        assert_eq!(total, 7, "every read is accounted for");
    }
}
