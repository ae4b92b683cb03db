//! Files Servicer hands to others (the day's NACHA file, the statements' print batch): written
//! whole or not at all, readable by the servicer's user only.
//!
//! Each write goes to a temporary file of its own in the target folder (a unique name, mode
//! 0600, from `tempfile`), synced, then renamed into place. Several instances may write the
//! same file at once (every close-of-business worker writes the night's print batch when the
//! run is done): each renames its own complete copy, so a reader sees one whole file and no
//! writer finds its temporary file taken by another. A crash leaves at most a `.tmp*` file,
//! never a partial file under the real name.

use std::io::Write;
use std::path::{Path, PathBuf};

/// What to do when the file is already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Keep it: the file may already be with the bank (the NACHA file).
    Keep,
    /// Replace it with this copy (written again from the same stored rows, so the same bytes).
    Replace,
}

/// Writes `bytes` as `dir/name` (the folder made if needed), atomically and with mode 0600;
/// returns the path. With [`Existing::Keep`] a file already there is left as it is, even one
/// another writer put there a moment ago.
pub fn write_private(
    dir: &Path,
    name: &str,
    bytes: &[u8],
    existing: Existing,
) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(name);
    if existing == Existing::Keep && path.exists() {
        return Ok(path);
    }
    // tempfile creates the file with mode 0600 on Unix and a name no other writer has.
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    match existing {
        Existing::Replace => {
            tmp.persist(&path).map_err(|e| e.error)?;
        }
        Existing::Keep => match tmp.persist_noclobber(&path) {
            Ok(_) => {}
            // Another writer got there first: theirs is the file (and ours is removed).
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e.error),
        },
    }
    // The rename is durable only once the folder's entry is on disk: without this a crash
    // could lose a file already recorded as written.
    #[cfg(unix)]
    std::fs::File::open(dir)?.sync_all()?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concurrent_writers_each_finish_and_leave_one_whole_file() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let target = dir.path().join("2027-01-04");
        let body = vec![b'x'; 256 * 1024];
        for existing in [Existing::Replace, Existing::Keep] {
            std::thread::scope(|s| {
                let writers: Vec<_> = (0..8)
                    .map(|_| {
                        s.spawn(|| {
                            for _ in 0..20 {
                                write_private(&target, "statements.pdf", &body, existing)
                                    .expect("every writer finishes");
                            }
                        })
                    })
                    .collect();
                for w in writers {
                    w.join().expect("no writer panics");
                }
            });
            assert_eq!(
                std::fs::read(target.join("statements.pdf")).expect("the file"),
                body
            );
            let names: Vec<_> = std::fs::read_dir(&target)
                .expect("the folder")
                .map(|e| e.expect("an entry").file_name())
                .collect();
            assert_eq!(names, ["statements.pdf"], "no temporary file is left");
        }
    }

    #[cfg(unix)]
    #[test]
    fn files_are_readable_by_the_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = write_private(dir.path(), "f.ach", b"101", Existing::Keep).expect("written");
        let mode = std::fs::metadata(&path)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn keep_leaves_an_existing_file_alone() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        write_private(dir.path(), "f.ach", b"first", Existing::Keep).expect("written");
        write_private(dir.path(), "f.ach", b"second", Existing::Keep).expect("kept");
        assert_eq!(
            std::fs::read(dir.path().join("f.ach")).expect("read"),
            b"first"
        );
        write_private(dir.path(), "f.ach", b"third", Existing::Replace).expect("replaced");
        assert_eq!(
            std::fs::read(dir.path().join("f.ach")).expect("read"),
            b"third"
        );
    }
}
