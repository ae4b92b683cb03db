//! What the integration tests of `app`, `web` and `cli` share, in one place instead of a copy
//! in each test file:
//!
//! - `apps`: an application over each fresh store (SQLite, and PostgreSQL when
//!   `SERVICER_TEST_POSTGRES_URL` is set), on the test clock;
//! - `server`: the real server (`web::server::start`) on port 0 over such an app;
//! - `http`: one request, or a `Browser` that keeps cookies and reads CSRF tokens;
//! - `borrowers`: the demo borrowers enrolled, codes read from the outbox, a bank account;
//! - `clients`: the client a test's borrower uses;
//! - `ledger`: the books checked;
//! - `ach`: ACH files in a directory of the test's own, the bank's answers to them, and the
//!   written notices of payments by phone delivered (so their TEL debits may go);
//! - `clock`: the date on the test clock;
//! - `desk`: a staff desk over the demo portfolio on each backend (app, clock, ACH files, an
//!   agent);
//! - `cli`: the `servicer` binary run as an operator runs it;
//! - `peers`: loopback HTTP peers standing in for outside services;
//! - `scratch`: scratch directories;
//! - `staff`: staff users signed in to the console.

pub mod ach;
pub mod apps;
pub mod borrowers;
pub mod cli;
pub mod clients;
pub mod clock;
pub mod desk;
pub mod http;
pub mod ledger;
pub mod page;
pub mod pdf;
pub mod peers;
pub mod scratch;
pub mod server;
pub mod staff;
