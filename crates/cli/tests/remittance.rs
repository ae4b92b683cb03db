//! `servicer lockbox …` and `servicer bank …` as an operator runs them: a broken file, cut
//! anywhere or with a byte changed, is refused with exit code 2 naming its line, and changes
//! nothing; a good one imports once.

use std::path::Path;
use test_support::cli::{Servicer, sqlite_url, text};
use test_support::scratch;

const SERVICER: Servicer = Servicer(env!("CARGO_BIN_EXE_servicer"));

/// Runs `args` in `dir`; (exit code, stdout, stderr).
fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = SERVICER.run(dir, &sqlite_url(dir), args);
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

/// The broken copies of `good` to try: cut at every `step`th byte, and every `step`th byte
/// changed to a letter where a digit belongs (or a digit where a letter does).
fn broken(good: &[u8], step: usize) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for at in (1..good.len()).step_by(step) {
        // A cut that ends on a whole file (only the last newline gone) still reads.
        if good[at..].iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        out.push((format!("cut at byte {at}"), good[..at].to_vec()));
    }
    for at in (0..good.len()).step_by(step) {
        let mut changed = good.to_vec();
        changed[at] = match changed[at] {
            b'0'..=b'9' => b'X',
            b'\n' | b'\r' => continue,
            _ => b'7',
        };
        out.push((format!("byte {at} changed"), changed));
    }
    out
}

#[test]
fn a_broken_lockbox_file_is_refused_naming_its_line_and_changes_nothing() {
    let dir = scratch::dir("cli-lockbox");
    SERVICER.install(&dir, &sqlite_url(&dir));
    let (code, good, err) = run(
        &dir,
        &[
            "lockbox",
            "sample",
            "--checks",
            "12",
            "--date",
            "2026-11-20",
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let (code, out, err) = run(&dir, &["lockbox", "check", "--file", "nope.bai"]);
    assert_eq!(code, Some(2), "{out}");
    assert!(err.contains("nope.bai"), "{err}");

    let file = dir.join("day.bai");
    let mut read = 0;
    for (what, bytes) in broken(good.as_bytes(), 5) {
        std::fs::write(&file, &bytes).unwrap();
        let (code, out, err) = run(&dir, &["lockbox", "check", "--file", "day.bai"]);
        match code {
            // A changed name or memo letter is still a file that adds up.
            Some(0) => read += 1,
            Some(2) => assert!(
                err.contains("line "),
                "{what}: the refusal names the line: {err}"
            ),
            other => panic!("{what}: exit {other:?}: {out}{err}"),
        }
    }
    assert!(read > 0, "some letters can change and still read");
    // Through import, each broken kind once: refused whole, nothing recorded.
    for (what, bytes) in broken(good.as_bytes(), 97) {
        std::fs::write(&file, &bytes).unwrap();
        let (code, out, err) = run(&dir, &["lockbox", "check", "--file", "day.bai"]);
        if code == Some(0) {
            continue;
        }
        let (code, out2, err2) = run(&dir, &["lockbox", "import", "--file", "day.bai"]);
        assert_eq!(code, Some(2), "{what}: {out}{err} / {out2}{err2}");
        assert!(err2.contains("line "), "{what}: {err2}");
        assert!(err2.contains("nothing was changed"), "{what}: {err2}");
    }
    // The good file then imports as new: no earlier file or item was recorded. With no loans,
    // every check waits for staff.
    std::fs::write(&file, &good).unwrap();
    let (code, out, err) = run(&dir, &["lockbox", "import", "--file", "day.bai"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("12 checks"), "{out}");
    assert!(out.contains("in the exception queue:  12"), "{out}");
    assert!(!out.contains("already read"), "{out}");
    let (code, out, _) = run(&dir, &["lockbox", "import", "--file", "day.bai"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("read before; nothing changed"), "{out}");

    // The bank's report of that day: written, checked, and a broken copy refused the same way.
    let (code, report, err) = run(&dir, &["bank", "sample", "--date", "2026-11-20"]);
    assert_eq!(code, Some(0), "{err}");
    let bai2 = dir.join("day.bai2");
    for (what, bytes) in broken(report.as_bytes(), 3) {
        std::fs::write(&bai2, &bytes).unwrap();
        let (code, out, err) = run(&dir, &["bank", "check", "--file", "day.bai2"]);
        match code {
            Some(0) => {}
            Some(2) => assert!(err.contains("line "), "{what}: {err}"),
            other => panic!("{what}: exit {other:?}: {out}{err}"),
        }
        if code == Some(2) && what.ends_with("changed") {
            let (code, _, err) = run(&dir, &["bank", "import", "--file", "day.bai2"]);
            assert_eq!(code, Some(2), "{what}: {err}");
        }
    }
    std::fs::write(&bai2, &report).unwrap();
    let (code, out, err) = run(&dir, &["bank", "import", "--file", "day.bai2"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("Reconciled"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}
