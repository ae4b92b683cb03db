//! An application over each fresh store for one test, on the test clock.

use app::App;
use app::clock::{TestClock, test_app};
use store::testing::{TestDb, fresh};

/// Wednesday, November 25, 2026, 10:00 in New York (before the ACH cutoff): when most tests
/// start.
pub const WEDNESDAY: &str = "2026-11-25T15:00:00Z";

/// An app over each fresh store (SQLite, and PostgreSQL when `SERVICER_TEST_POSTGRES_URL` is
/// set; `test` names the databases), its clock stopped at [`WEDNESDAY`].
pub async fn apps(test: &str) -> Vec<(App, TestClock, TestDb)> {
    let mut out = Vec::new();
    for db in fresh(test).await {
        let (app, clock) = test_app(db.store.clone(), WEDNESDAY);
        out.push((app, clock, db));
    }
    out
}

/// The same, with the demo portfolio seeded.
pub async fn demo_apps(test: &str) -> Vec<(App, TestClock, TestDb)> {
    let out = apps(test).await;
    for (app, _, _) in &out {
        app.seed_demo().await.unwrap();
    }
    out
}
