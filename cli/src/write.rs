//! Replacing a plan file as git and GNU `sed -i` do: a lock so a second writer fails at
//! once, a new file created exclusively beside the real one (never through a planted
//! link), the old mode and owner (where permitted) kept, flushed to disk, renamed over
//! the real file (through a symlink to its target) and the directory flushed; removed
//! again on every failure. A read-only file and a file with other hard links are refused.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// A held `PATH.lock`, removed when dropped.
pub struct Lock {
    path: PathBuf,
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// The file a write to `path` lands in: the target of a symlink, else `path` itself.
pub fn real_path(path: &str) -> Result<PathBuf, String> {
    fs::canonicalize(path).map_err(|e| format!("{path}: {}", reason(&e)))
}

/// Take the lock of `real` before reading it, so nobody writes between our read and
/// our rename. A lock that exists means another writer (or one that was killed).
pub fn lock(real: &Path, shown: &str) -> Result<Lock, String> {
    let lock = with_suffix(real, ".lock");
    match OpenOptions::new().write(true).create_new(true).mode(0o600).open(&lock) {
        Ok(_) => Ok(Lock { path: lock }),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(format!(
            "{shown}: another cidrplan is writing it ({} exists); if none is running, remove that file",
            lock.display()
        )),
        Err(e) => Err(format!("{shown}: cannot lock it ({}): {}", lock.display(), reason(&e))),
    }
}

/// Why the file cannot be replaced at all, before anything is written.
pub fn refuse(real: &Path, shown: &str) -> Result<fs::Metadata, String> {
    let meta = fs::metadata(real).map_err(|e| format!("{shown}: {}", reason(&e)))?;
    if !meta.is_file() {
        return Err(format!("{shown}: not a regular file"));
    }
    if meta.permissions().readonly() {
        return Err(format!(
            "{shown}: the file is read-only (mode {:o}); cidrplan never overwrites it: make it writable (chmod u+w) or carve without --write",
            meta.mode() & 0o7777
        ));
    }
    if meta.nlink() > 1 {
        return Err(format!(
            "{shown}: the file has {} hard links, and replacing it would leave the others with the old plan; carve without --write and copy the output",
            meta.nlink()
        ));
    }
    Ok(meta)
}

/// Replace `real` with `text`, keeping `meta`'s mode and owner. The new file is complete
/// and on disk before it takes the old one's name; on failure it is removed.
pub fn replace(real: &Path, shown: &str, meta: &fs::Metadata, text: &str) -> Result<(), String> {
    let dir = real.parent().unwrap_or(Path::new("."));
    let (tmp, mut file) = create_temp(real, shown)?;
    let mut guard = Temp { path: Some(tmp.clone()) };
    let fail = |what: &str, e: std::io::Error| format!("{shown}: {what} {}: {}", tmp.display(), reason(&e));
    file.write_all(text.as_bytes()).map_err(|e| fail("cannot write", e))?;
    file.set_permissions(fs::Permissions::from_mode(meta.mode() & 0o7777))
        .map_err(|e| fail("cannot set the mode of", e))?;
    // the owner where permitted (root, or the group for a member); else the writer's
    if std::os::unix::fs::fchown(&file, Some(meta.uid()), Some(meta.gid())).is_err() {
        let _ = std::os::unix::fs::fchown(&file, None, Some(meta.gid()));
    }
    file.sync_all().map_err(|e| fail("cannot flush", e))?;
    drop(file);
    fs::rename(&tmp, real).map_err(|e| fail("cannot rename", e))?;
    guard.path = None;
    // the rename itself on disk
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A temporary file removed on drop unless it was renamed into place.
struct Temp {
    path: Option<PathBuf>,
}

impl Drop for Temp {
    fn drop(&mut self) {
        if let Some(p) = &self.path {
            let _ = fs::remove_file(p);
        }
    }
}

/// A new file beside `real` with a name nobody else has: created exclusively, so a link
/// planted at that name makes the creation fail instead of being followed.
fn create_temp(real: &Path, shown: &str) -> Result<(PathBuf, File), String> {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    let mut last = None;
    for attempt in 0..64u32 {
        let suffix = format!(".cidrplan-{}-{nanos:x}-{attempt}.tmp", std::process::id());
        let tmp = with_suffix(real, &suffix);
        match OpenOptions::new().write(true).create_new(true).mode(0o600).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(format!("{shown}: cannot create a file beside it: {}", reason(&e))),
        }
    }
    Err(format!(
        "{shown}: cannot create a file beside it: {}",
        last.map_or_else(|| "every name was taken".into(), |e| reason(&e))
    ))
}

fn with_suffix(p: &Path, suffix: &str) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}
