//! The `servicer` binary as an operator runs it: in a directory of its own, on the database a
//! URL names (made beforehand, with a demo key: the operator commands create neither).

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The `servicer` binary of this build. Cargo names it to the cli crate's own tests only, so
/// they hand it over: `Servicer(env!("CARGO_BIN_EXE_servicer"))`.
#[derive(Clone, Copy, Debug)]
pub struct Servicer(
    /// The binary's path.
    pub &'static str,
);

impl Servicer {
    /// `servicer args` in `dir` on `database_url`, logging warnings only, with no input and
    /// its output captured (and without the tests' PostgreSQL variable).
    pub fn command(self, dir: &Path, database_url: &str, args: &[&str]) -> Command {
        let mut c = Command::new(self.0);
        c.args(args)
            .current_dir(dir)
            .env_remove("SERVICER_TEST_POSTGRES_URL")
            .env("SERVICER_DATABASE_URL", database_url)
            .env("SERVICER_LOG_LEVEL", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        c
    }

    /// Runs [`Servicer::command`] to its end.
    pub fn run(self, dir: &Path, database_url: &str, args: &[&str]) -> Output {
        self.command(dir, database_url, args).output().unwrap()
    }

    /// Makes `dir` a server's directory as `servicer serve --demo` leaves one, for operator
    /// commands run there (they create neither a database nor a demo key): the database
    /// `database_url` names made and migrated by `servicer migrate`, and a demo key. The key's
    /// text, for an app of the test's own that must open what the commands seal.
    pub fn install(self, dir: &Path, database_url: &str) -> String {
        let out = self.run(dir, database_url, &["migrate"]);
        assert!(out.status.success(), "migrate: {}", text(&out.stderr));
        demo_key(dir)
    }
}

/// Writes a new demo key where `servicer serve --demo` keeps it (`dir/servicer-demo.key`); its
/// text (`demo:64-hex`, what `app::vault::Vault::from_config` reads).
pub fn demo_key(dir: &Path) -> String {
    let key = app::vault::Key::generate("demo");
    std::fs::write(dir.join("servicer-demo.key"), &key).unwrap();
    key
}

/// The URL of the SQLite database `s.db` in `dir`.
pub fn sqlite_url(dir: &Path) -> String {
    format!("sqlite://{}", dir.join("s.db").display())
}

/// What a command wrote, as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The address (`host:port`) `servicer serve` says it is running at, when `line` is the line
/// that says so (`Servicer is running: http://…/`).
pub fn running_at(line: &str) -> Option<&str> {
    line.strip_prefix("Servicer is running: http://")
        .and_then(|rest| rest.split('/').next())
}

#[cfg(test)]
mod tests {
    use super::running_at;

    #[test]
    fn the_address_is_read_from_the_running_line_only() {
        assert_eq!(
            running_at("Servicer is running: http://127.0.0.1:8080/\n"),
            Some("127.0.0.1:8080")
        );
        assert_eq!(running_at("Maria Lopez"), None);
    }
}
