//! The lockbox inbound folder, read by every worker as the ACH one is: each file the bank
//! left there imported and moved to `processed/`, or, refused whole, to `refused/` with the
//! reason beside it. First, items a crash left recorded but unfinished are finished.

use super::{LockboxFormat, RemittanceError};
use crate::App;
use crate::access::Actor;
use std::path::{Path, PathBuf};

/// How long an item may stay 'received' before the sweep finishes it: long enough that an
/// import running now (on this instance or another) is not raced for its own items, which
/// would be harmless (each item moves once) but wasted work.
const UNFINISHED_AFTER_US: i64 = 10 * 60 * 1_000_000;

impl App {
    /// Finishes the items left unfinished by a crash, then imports every file waiting in the
    /// lockbox inbound folder (`*.csv` with the CSV layout, any other as BAI), moving each to
    /// `processed/`, or, when it was refused whole (nothing changed), to `refused/` with a
    /// `.why.txt` beside it naming the line and the reason, logged as an error for an operator
    /// to take up with the bank. A name already there is kept, the newcomer suffixed `.1`,
    /// `.2`, …. Returns how many files were read.
    pub async fn sweep_lockbox_inbound(&self) -> Result<usize, RemittanceError> {
        let stale = self.now_us().saturating_sub(UNFINISHED_AFTER_US);
        let finished = self.finish_received(None, Some(stale)).await?;
        if finished.posted + finished.exceptions > 0 {
            tracing::warn!(
                posted = finished.posted,
                exceptions = finished.exceptions,
                "lockbox items left unfinished by an interrupted import were finished"
            );
        }
        let dir = self.payment_settings().lockbox.inbound_dir.clone();
        let Ok(listing) = std::fs::read_dir(&dir) else {
            return Ok(0);
        };
        let mut names: Vec<PathBuf> = listing
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.is_file()
                    && !p
                        .file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect();
        names.sort();
        // Servicer itself imports what the bank leaves in the folder.
        let actor = Actor::System("lockbox");
        let mut read = 0;
        for path in names {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let bytes = std::fs::read(&path).map_err(|error| io(&path, error))?;
            let format = LockboxFormat::of_name(&name);
            let (to, why) = match self.import_lockbox(&actor, &name, &bytes, format).await {
                Ok(r) => {
                    tracing::info!(file = %name, checks = r.checks, posted = r.posted, exceptions = r.exceptions, skipped = r.skipped, already_read = r.already_read, "lockbox file read");
                    ("processed", None)
                }
                Err(e) => match e.refusal() {
                    Some(why) => {
                        tracing::error!(file = %name, reason = %why, "lockbox file refused whole, nothing changed; kept in refused/");
                        ("refused", Some(why))
                    }
                    None => return Err(e),
                },
            };
            let target = dir.join(to);
            std::fs::create_dir_all(&target).map_err(|error| io(&target, error))?;
            let kept = unused_path(&target, &name);
            std::fs::rename(&path, &kept).map_err(|error| io(&path, error))?;
            if let Some(why) = why {
                let mut note = kept.into_os_string();
                note.push(".why.txt");
                let note = PathBuf::from(note);
                std::fs::write(&note, why).map_err(|error| io(&note, error))?;
            }
            read += 1;
        }
        Ok(read)
    }
}

fn io(path: &Path, error: std::io::Error) -> RemittanceError {
    RemittanceError::Io {
        path: path.display().to_string(),
        error,
    }
}

/// Where `name` goes in `dir` without replacing a file already there (one of the same name
/// read before): `name`, else `name.1`, `name.2`, … (the ACH inbound folder's rule).
fn unused_path(dir: &Path, name: &str) -> PathBuf {
    let mut path = dir.join(name);
    let mut n = 0_u32;
    while path.exists() {
        n += 1;
        path = dir.join(format!("{name}.{n}"));
    }
    path
}
