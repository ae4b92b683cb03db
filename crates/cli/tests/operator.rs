//! The operator commands as an operator runs them: the real binary in a scratch directory,
//! on SQLite and (when `SERVICER_TEST_POSTGRES_URL` is set) on PostgreSQL.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use store::testing::fresh;
use test_support::cli::{Servicer, demo_key, running_at, text};
use test_support::scratch;

const SERVICER: Servicer = Servicer(env!("CARGO_BIN_EXE_servicer"));

#[tokio::test]
async fn boarding_a_10000_loan_file_reports_the_bad_row_then_boards_once() {
    for db in fresh("cli-board").await {
        let dir = scratch::dir(&format!("cli-board-{}", db.store.backend()));
        demo_key(&dir);
        let sample = SERVICER.run(&dir, &db.url, &["board", "sample", "--loans", "10000"]);
        assert!(sample.status.success(), "{}", text(&sample.stderr));
        let good = text(&sample.stdout);
        let mut lines: Vec<String> = good.lines().map(str::to_owned).collect();
        // Line 5001 of the file (the header is line 1): a ZIP code with letters.
        let fields: Vec<&str> = lines[5000].split(',').collect();
        let zip_at = fields
            .iter()
            .position(|f| f.len() == 5 && f.bytes().all(|b| b.is_ascii_digit()))
            .unwrap();
        let bad_line = lines[5000].replacen(fields[zip_at], "6O7O4", 1);
        lines[5000] = bad_line;
        std::fs::write(dir.join("bad.csv"), lines.join("\n") + "\n").unwrap();
        std::fs::write(dir.join("loans.csv"), &good).unwrap();

        let refused = SERVICER.run(&dir, &db.url, &["board", "--file", "bad.csv"]);
        assert_eq!(refused.status.code(), Some(2), "{}", text(&refused.stderr));
        let why = text(&refused.stderr);
        assert!(why.contains("bad.csv:5001: zip:"), "{why}");
        assert!(why.contains("nothing was boarded"), "{why}");
        assert_eq!(
            db.store.trial_balance(None).await.unwrap().grand_totals().0,
            money::Money::ZERO
        );

        let dry = SERVICER.run(
            &dir,
            &db.url,
            &["board", "--file", "loans.csv", "--dry-run"],
        );
        assert!(
            text(&dry.stdout).contains("would board 10000 loans"),
            "{}",
            text(&dry.stderr)
        );
        let boarded = SERVICER.run(&dir, &db.url, &["board", "--file", "loans.csv"]);
        assert!(boarded.status.success(), "{}", text(&boarded.stderr));
        assert!(
            text(&boarded.stdout).contains("boarded 10000 loans"),
            "{}",
            text(&boarded.stdout)
        );
        let books = db.store.trial_balance(None).await.unwrap();
        assert!(books.is_balanced());
        let outbox = SERVICER.run(&dir, &db.url, &["outbox", "--limit", "3"]);
        let listed = text(&outbox.stdout);
        assert_eq!(
            listed
                .lines()
                .filter(|l| l.contains("is now serviced by"))
                .count(),
            3,
            "{listed}"
        );
        let bad = SERVICER.run(&dir, &db.url, &["outbox", "--state", "lost"]);
        assert_eq!(bad.status.code(), Some(2));

        let again = SERVICER.run(&dir, &db.url, &["board", "--file", "loans.csv"]);
        assert!(again.status.success());
        assert!(
            text(&again.stdout).contains("already boarded"),
            "{}",
            text(&again.stdout)
        );
        assert_eq!(
            db.store.trial_balance(None).await.unwrap(),
            books,
            "boarding twice changes nothing"
        );

        let audit = SERVICER.run(&dir, &db.url, &["audit", "verify"]);
        assert!(
            text(&audit.stdout).contains("audit chain intact"),
            "{}",
            text(&audit.stderr)
        );
        let _ = std::fs::remove_dir_all(&dir);
        db.finish().await;
    }
}

#[test]
fn board_without_a_file_or_with_a_missing_one_says_so() {
    let dir = scratch::dir("cli-board-missing");
    let url = format!("sqlite://{}", dir.join("s.db").display());
    let out = SERVICER.run(&dir, &url, &["board"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--file"),
        "{}",
        text(&out.stderr)
    );
    let out = SERVICER.run(&dir, &url, &["board", "--file", "nope.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("cannot read nope.csv"),
        "{}",
        text(&out.stderr)
    );
    let out = SERVICER.run(&dir, "mysql://x", &["migrate"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("sqlite:// or postgres://"),
        "{}",
        text(&out.stderr)
    );
}

struct Server {
    child: Child,
    addr: String,
    stdout: String,
}

fn start_demo(dir: &Path, url: &str) -> Server {
    start(dir, url, &["serve", "--demo"])
}

fn start(dir: &Path, url: &str, args: &[&str]) -> Server {
    let mut child = SERVICER
        .command(dir, url, args)
        .env("SERVICER_LISTEN", "127.0.0.1:0")
        .env("SERVICER_METRICS_LISTEN", "127.0.0.1:0")
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut seen = String::new();
    let mut addr = None;
    while addr.is_none() {
        let mut line = String::new();
        assert!(
            reader.read_line(&mut line).unwrap() > 0,
            "serve exited early: {seen}"
        );
        if let Some(at) = running_at(&line) {
            addr = Some(at.to_owned());
        }
        seen.push_str(&line);
    }
    // Read the rest of the welcome (it ends with how to stop).
    while !seen.contains("Stop with Ctrl-C") {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        seen.push_str(&line);
    }
    Server {
        child,
        addr: addr.unwrap(),
        stdout: seen,
    }
}

fn http_get(addr: &str, path: &str) -> String {
    http_get_as(addr, path, None)
}

fn http_get_as(addr: &str, path: &str, token: Option<&str>) -> String {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    let auth = token.map_or_else(String::new, |t| format!("Authorization: Bearer {t}\r\n"));
    write!(s, "GET {path} HTTP/1.0\r\nHost: localhost\r\n{auth}\r\n").unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

fn terminate(mut server: Server) {
    let pid = server.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let status = server.child.wait().unwrap();
    assert!(status.success(), "graceful shutdown exits 0, got {status}");
}

#[test]
fn serve_demo_prints_what_to_type_serves_the_pages_and_stops_on_sigterm() {
    let dir = scratch::dir("cli-serve-demo");
    let url = format!("sqlite://{}", dir.join("servicer.db").display());
    let server = start_demo(&dir, &url);
    for words in [
        "Maria Lopez",
        "SSN last 4: 6789",
        "born 04/12/1985",
        "ZIP 62704",
        "/help",
        "/enroll",
        "/demo/mailbox",
        "Bearer demo-api-token",
    ] {
        assert!(
            server.stdout.contains(words),
            "welcome lacks {words:?}:\n{}",
            server.stdout
        );
    }
    let landing = http_get(&server.addr, "/");
    assert!(
        landing.starts_with("HTTP/1.1 200") || landing.starts_with("HTTP/1.0 200"),
        "{landing}"
    );
    assert!(http_get(&server.addr, "/help").contains("Ways to pay"));
    assert!(
        dir.join("servicer-demo.key").exists(),
        "the demo key is generated on first run"
    );
    terminate(server);

    // A second start finds the demo already there and seeds nothing twice.
    let again = start_demo(&dir, &url);
    assert!(again.stdout.contains("Maria Lopez"));
    let loan = "/api/v1/loans/5218400000001015";
    let read = http_get_as(&again.addr, loan, Some("demo-api-token-not-for-production"));
    assert!(
        read.starts_with("HTTP/1.0 200") || read.starts_with("HTTP/1.1 200"),
        "{read}"
    );
    terminate(again);
    // Without --demo the demo's published token is refused, and the operator is told why
    // (issue 17: it could post payments on a database an earlier demo had seeded).
    let plain = start(&dir, &url, &["serve"]);
    assert!(
        plain.stdout.contains("refused unless you start it with"),
        "{}",
        plain.stdout
    );
    let refused = http_get_as(&plain.addr, loan, Some("demo-api-token-not-for-production"));
    assert!(
        refused.starts_with("HTTP/1.0 401") || refused.starts_with("HTTP/1.1 401"),
        "{refused}"
    );
    terminate(plain);
    let audit = SERVICER.run(&dir, &url, &["audit", "verify"]);
    assert!(
        text(&audit.stdout).contains("audit chain intact"),
        "{}",
        text(&audit.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_api_client_gets_a_token_once_and_bad_configuration_is_named() {
    let dir = scratch::dir("cli-api-client");
    let url = format!("sqlite://{}", dir.join("s.db").display());
    SERVICER.install(&dir, &url);
    let out = SERVICER.run(
        &dir,
        &url,
        &[
            "api-client",
            "create",
            "--name",
            "reporting",
            "--scope",
            "read",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).trim().starts_with("svc_"));
    let twice = SERVICER.run(
        &dir,
        &url,
        &[
            "api-client",
            "create",
            "--name",
            "reporting",
            "--scope",
            "read",
        ],
    );
    assert_eq!(twice.status.code(), Some(2));
    assert!(text(&twice.stderr).contains("already exists"));

    let bad = SERVICER
        .command(&dir, &url, &["migrate"])
        .env("SERVICER_LISTEN", "not-an-address")
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).to_lowercase().contains("listen"),
        "{}",
        text(&bad.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `servicer staff add` with the password on standard input.
fn staff_add(dir: &Path, url: &str, role: &str, password: &str) -> Output {
    let mut child = SERVICER
        .command(
            dir,
            url,
            &[
                "staff",
                "add",
                "--email",
                "JLee@Example.com",
                "--name",
                "J. Lee",
                "--role",
                role,
            ],
        )
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{password}\n").as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn a_staff_user_is_added_with_an_authenticator_setup_shown_once() {
    let dir = scratch::dir("cli-staff");
    let url = format!("sqlite://{}", dir.join("s.db").display());
    SERVICER.install(&dir, &url);
    let password = "copper harbor lantern 42";
    let bad_role = staff_add(&dir, &url, "owner", password);
    assert_eq!(bad_role.status.code(), Some(2));
    assert!(
        text(&bad_role.stderr).contains("--role"),
        "{}",
        text(&bad_role.stderr)
    );
    let short = staff_add(&dir, &url, "supervisor", "short");
    assert_eq!(short.status.code(), Some(2));
    assert!(
        text(&short.stderr).contains("15 characters"),
        "{}",
        text(&short.stderr)
    );
    let out = staff_add(&dir, &url, "supervisor", password);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let url_line = text(&out.stdout);
    assert!(url_line.trim().starts_with("otpauth://totp/"), "{url_line}");
    assert!(text(&out.stderr).contains("jlee@example.com (supervisor) added"));
    assert!(
        !text(&out.stderr).contains(password),
        "the password is never printed"
    );
    let again = staff_add(&dir, &url, "admin", password);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        text(&again.stderr).contains("already exists"),
        "{}",
        text(&again.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}
