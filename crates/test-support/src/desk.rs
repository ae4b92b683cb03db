//! A staff desk over the demo portfolio, one per backend: the app on the test clock on
//! Wednesday, November 25, 2026, 10:00 in New York (before the ACH cutoff), its ACH files in a
//! directory of the test's own, and an agent (Ana Agent) to act; the books checked when the
//! test finishes. The phone-payment, phone-AutoPay and TEL tests start from it.

use crate::apps::WEDNESDAY;
use crate::ledger::assert_books_balance;
use crate::{ach, scratch, staff};
use app::App;
use app::access::Actor;
use app::clock::{TestClock, test_app};
use std::path::{Path, PathBuf};
use store::testing::{TestDb, fresh};

/// One backend's desk.
pub struct Desk {
    /// The app, as the test configured it.
    pub app: App,
    /// Its clock.
    pub clock: TestClock,
    /// Its database.
    pub db: TestDb,
    /// The test's directory (ACH files under it).
    pub dir: PathBuf,
    /// An agent.
    pub agent: Actor,
}

impl Desk {
    /// A desk per backend, each app made by `configure` from the app writing its ACH files
    /// under the test's directory (given), before the demo is seeded.
    pub async fn open(test: &str, configure: impl Fn(App, &Path) -> App) -> Vec<Desk> {
        Desk::open_with(test, |app, dir| (configure(app, dir), ()))
            .await
            .into_iter()
            .map(|(desk, ())| desk)
            .collect()
    }

    /// As [`Desk::open`], with what `configure` made for each backend beside its app (a
    /// recording sender, say).
    pub async fn open_with<T>(
        test: &str,
        configure: impl Fn(App, &Path) -> (App, T),
    ) -> Vec<(Desk, T)> {
        let mut out = Vec::new();
        for db in fresh(test).await {
            let dir = scratch::dir(&format!("ach-{test}-{}", db.store.backend()));
            let (app, clock) = test_app(db.store.clone(), WEDNESDAY);
            let (app, made) = configure(ach::with_files(app, &dir), &dir);
            app.seed_demo().await.unwrap();
            let agent = staff::actor(&app, "ana@example.com", "Ana Agent", "agent").await;
            out.push((
                Desk {
                    app,
                    clock,
                    db,
                    dir,
                    agent,
                },
                made,
            ));
        }
        out
    }

    /// Checks the books balance, then removes the directory and the database.
    pub async fn finish(self) {
        assert_books_balance(self.app.store()).await;
        let _ = std::fs::remove_dir_all(&self.dir);
        self.db.finish().await;
    }
}

/// Gives a test's own desk type (a struct with a `desk: Desk` field and what the test adds)
/// the shared desk's fields through `Deref`, and its `finish`.
#[macro_export]
macro_rules! extends_desk {
    ($name:ident) => {
        impl std::ops::Deref for $name {
            type Target = $crate::desk::Desk;

            fn deref(&self) -> &Self::Target {
                &self.desk
            }
        }

        impl $name {
            async fn finish(self) {
                self.desk.finish().await;
            }
        }
    };
}
