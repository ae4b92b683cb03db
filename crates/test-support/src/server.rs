//! The real server (`web::server::start`) on port 0 over a fresh store, with the app and the
//! test clock behind it.

use crate::{ach, apps, borrowers, ledger, scratch};
use app::App;
use app::clock::TestClock;
use app::demo::DemoBorrower;
use app::identity::ClientInfo;
use std::net::SocketAddr;
use std::path::PathBuf;
use store::testing::TestDb;
use web::Config;
use web::server::{Running, start};

/// A server under test.
pub struct Portal {
    /// The server.
    pub running: Running,
    /// The app it serves.
    pub app: App,
    /// The app's clock.
    pub clock: TestClock,
    /// The store's database.
    pub db: TestDb,
    /// What to type to enrol the demo borrowers (empty unless the demo portfolio was seeded).
    pub demo: Vec<DemoBorrower>,
    /// The directory of this server's own ACH files, when it has one.
    pub dir: Option<PathBuf>,
}

/// How to boot a server.
#[derive(Clone, Copy, Debug, Default)]
pub struct Boot {
    /// Seed the demo portfolio.
    pub demo: bool,
    /// Serve metrics too, on a port of their own.
    pub metrics: bool,
    /// Write the ACH files in a directory of the test's own (`Portal::dir`).
    pub ach_files: bool,
}

/// A server over each fresh store (see [`apps::apps`]), its clock at [`apps::WEDNESDAY`],
/// booted as `how` says, with no job worker.
pub async fn boot(test: &str, how: Boot) -> Vec<Portal> {
    let mut out = Vec::new();
    for (app, clock, db) in apps::apps(test).await {
        let dir = how
            .ach_files
            .then(|| scratch::dir(&format!("ach-{test}-{}", db.store.backend())));
        let app = match &dir {
            Some(dir) => ach::with_files(app, dir),
            None => app,
        };
        let demo = if how.demo {
            app.seed_demo().await.unwrap()
        } else {
            Vec::new()
        };
        let config = Config {
            listen: "127.0.0.1:0".parse().unwrap(),
            metrics_listen: how
                .metrics
                .then(|| "127.0.0.1:0".parse::<SocketAddr>().unwrap()),
            run_worker: false,
            ..Config::default()
        };
        let running = start(app.clone(), &config).await.unwrap();
        out.push(Portal {
            running,
            app,
            clock,
            db,
            demo,
            dir,
        });
    }
    out
}

/// A server on the demo portfolio over each fresh store.
pub async fn portals(test: &str) -> Vec<Portal> {
    boot(
        test,
        Boot {
            demo: true,
            ..Boot::default()
        },
    )
    .await
}

impl Portal {
    /// Where it listens.
    pub fn addr(&self) -> SocketAddr {
        self.running.addr
    }

    /// An active demo loan's account number (the first demo borrower's first loan).
    pub fn account(&self) -> String {
        self.demo[0].account_number.to_string()
    }

    /// Checks that the books balance, stops the server and removes its database and files.
    pub async fn finish(self) {
        ledger::assert_books_balance(self.app.store()).await;
        self.running.shutdown().await;
        self.db.finish().await;
        if let Some(dir) = &self.dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }

    /// The newest one-time code sent to a borrower (read from the outbox).
    pub async fn last_code(&self) -> String {
        borrowers::last_code(&self.app).await
    }

    /// Enrols a demo borrower through the app and returns a signed-in session token.
    pub async fn enrol(&self, who: (&str, &str, &str, &str), username: &str) -> String {
        borrowers::enrol(&self.app, who, username).await
    }

    /// The newest message whose subject contains `subject`, waiting up to five seconds for it.
    pub async fn wait_for_message(&self, subject: &str) -> store::Message {
        borrowers::wait_for_message(&self.app, subject).await
    }

    /// Saves Maria's bank account for the signed-in session `token`; its id.
    pub async fn add_bank_account(&self, token: &str) -> i64 {
        let s = borrowers::session(&self.app, token).await;
        borrowers::add_bank_account(&self.app, &s, &ClientInfo::default())
            .await
            .0
    }
}
