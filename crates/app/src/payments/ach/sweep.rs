//! The inbound folder: every worker reads what the bank left there, moving each file to
//! `processed/` once read, or to `refused/` with the reason beside it.

use super::AchError;
use crate::App;
use std::path::{Path, PathBuf};

impl App {
    /// Reads every file waiting in the inbound folder, moving each to `processed/`, or, when it
    /// was refused whole (nothing changed, not recorded as read), to `refused/` with a
    /// `.why.txt` beside it naming the line and the reason, logged as an error, for an operator
    /// to take up with the bank. A name already there is kept, the newcomer suffixed `.1`, `.2`,
    /// …. Returns how many were read.
    pub async fn sweep_ach_inbound(&self) -> Result<usize, AchError> {
        let dir = self.payment_settings().ach.inbound_dir.clone();
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
        let mut read = 0;
        for path in names {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let bytes = std::fs::read(&path).map_err(|error| AchError::Io {
                path: path.display().to_string(),
                error,
            })?;
            let (to, why) = match self.read_ach_returns(&name, &bytes).await {
                Ok(r) => {
                    tracing::info!(file = %name, reversed = r.reversed, corrected = r.corrected, credits_posted = r.credits.posted, credits_queued = r.credits.queued, credits_refused = r.credits.refused, already_read = r.already_read, "ACH inbound file read");
                    ("processed", None)
                }
                Err(e) => match e.refusal() {
                    Some(why) => {
                        tracing::error!(file = %name, reason = %why, "ACH inbound file refused whole, nothing changed; kept in refused/");
                        ("refused", Some(why))
                    }
                    None => return Err(e),
                },
            };
            let target = dir.join(to);
            std::fs::create_dir_all(&target).map_err(|error| AchError::Io {
                path: target.display().to_string(),
                error,
            })?;
            let kept = unused_path(&target, &name);
            std::fs::rename(&path, &kept).map_err(|error| AchError::Io {
                path: path.display().to_string(),
                error,
            })?;
            if let Some(why) = why {
                let mut note = kept.into_os_string();
                note.push(".why.txt");
                let note = PathBuf::from(note);
                std::fs::write(&note, why).map_err(|error| AchError::Io {
                    path: note.display().to_string(),
                    error,
                })?;
            }
            read += 1;
        }
        Ok(read)
    }
}

/// Where `name` goes in `dir` without replacing a file already there (one of the same name
/// read before): `name`, else `name.1`, `name.2`, ….
fn unused_path(dir: &Path, name: &str) -> PathBuf {
    let mut path = dir.join(name);
    let mut n = 0_u32;
    while path.exists() {
        n += 1;
        path = dir.join(format!("{name}.{n}"));
    }
    path
}
