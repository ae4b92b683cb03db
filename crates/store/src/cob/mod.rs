//! Close of business: the run of a business date, its chunks of loans claimed under a lease,
//! the rows the nightly accrual reads and writes, and the progress it records.
//!
//! Exactly once comes from the rows, not from the run: a chunk reads only loans whose
//! snapshot is still before the next business date (locked on PostgreSQL, so a second
//! claimant of the same chunk waits and then finds them done), and writes their snapshots,
//! entries and `done` in one transaction.
//!
//! `runs`: the run of a date and its chunks; `rows`: the nightly accrual's bulk read and write
//! of loans' snapshots; `statements`: the monthly statements issued and where they go;
//! `reports`: the aging (now, and as each close kept it) and the accruals by day.

mod reports;
mod rows;
mod runs;
mod statements;

pub use reports::{AccrualDay, AgingRow};
pub use rows::{Advance, CobRow};
pub use runs::{CobChunk, CobProgress, CobRun};
pub use statements::{Mailing, StoredStatement};
