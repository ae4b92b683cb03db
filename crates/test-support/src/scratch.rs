//! Scratch directories.

use std::path::PathBuf;

/// A fresh, empty directory `servicer-{name}-{pid}` in the temporary folder (one left by an
/// earlier run is removed first). `name` must be unique among the test binary's tests.
pub fn dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("servicer-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
