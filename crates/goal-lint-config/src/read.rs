//! Reading files safely: only regular files (a named pipe would block the reader, a device
//! such as `/dev/zero` never ends), and never more than a limit (the size is checked before
//! reading, and the read stops there should the file grow meanwhile).

use std::fs;
use std::io::Read;
use std::path::Path;

/// Why a path with this metadata (symbolic links followed) is not read: it is not a regular file.
pub fn not_regular(meta: &fs::Metadata) -> Option<String> {
    if meta.is_file() {
        return None;
    }
    if meta.is_dir() {
        return Some("is a directory".to_string());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        let what = if t.is_fifo() {
            "a named pipe"
        } else if t.is_char_device() {
            "a character device"
        } else if t.is_block_device() {
            "a block device"
        } else if t.is_socket() {
            "a socket"
        } else {
            "a special file"
        };
        Some(format!(
            "not a regular file ({what}); goal-lint reads only regular files"
        ))
    }
    #[cfg(not(unix))]
    Some("not a regular file; goal-lint reads only regular files".to_string())
}

/// Open `path` without waiting, and only if what was opened is a regular file.
///
/// Opening a named pipe waits for the other end, so the type has to be known first; but a
/// path checked with `stat` can be swapped for a pipe before the `open`. The file is opened
/// non-blocking (which never waits, and changes nothing for a regular file), and the type
/// that counts is the one of the opened file (`fstat`). The `stat` before is kept so that a
/// device named in the ordinary way is never opened at all.
pub fn open_regular(path: &Path, options: &mut fs::OpenOptions) -> Result<fs::File, String> {
    let meta = fs::metadata(path).map_err(|e| io_message(&e))?;
    if let Some(message) = not_regular(&meta) {
        return Err(message);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path).map_err(|e| io_message(&e))?;
    let meta = file.metadata().map_err(|e| io_message(&e))?;
    if let Some(message) = not_regular(&meta) {
        return Err(message);
    }
    Ok(file)
}

/// Read a regular file of at most `limit` bytes ([`open_regular`]). The size is checked on
/// the opened file before reading, and the read stops at the limit should the file grow.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let file = open_regular(path, fs::OpenOptions::new().read(true))?;
    let size = file.metadata().map_err(|e| io_message(&e))?.len();
    let too_large = |size: u64| {
        format!(
            "not read: {} is over the {} a file may have",
            goal_lint_core::config::human_size(size),
            goal_lint_core::config::human_size(limit)
        )
    };
    if size > limit {
        return Err(too_large(size));
    }
    read_bounded(file, limit).map_err(|e| match e {
        Bounded::Io(e) => io_message(&e),
        Bounded::TooLarge => too_large(limit + 1),
    })
}

pub enum Bounded {
    Io(std::io::Error),
    /// More than the limit.
    TooLarge,
}

/// Read everything, but not more than `limit` bytes.
pub fn read_bounded(input: impl Read, limit: u64) -> Result<Vec<u8>, Bounded> {
    let mut buf = Vec::new();
    input
        .take(limit.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(Bounded::Io)?;
    if buf.len() as u64 > limit {
        return Err(Bounded::TooLarge);
    }
    Ok(buf)
}

/// An I/O error as goal-lint reports it after a path: short, in lower case.
pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::IsADirectory => "is a directory".to_string(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A path swapped between a regular file and a named pipe while it is read: every read
    /// ends (with the text or an error), none waits for a writer that never comes.
    #[cfg(unix)]
    #[test]
    fn a_named_pipe_swapped_in_never_hangs_the_reader() {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::time::Duration;
        let dir = tempfile::tempdir().unwrap();
        let (file, fifo, tmp) = (
            dir.path().join("file"),
            dir.path().join("fifo"),
            dir.path().join("tmp"),
        );
        let target = dir.path().join("plan.md");
        std::fs::write(&file, "## Goals\n").unwrap();
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        std::fs::copy(&file, &target).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let swapper = {
            let stop = Arc::clone(&stop);
            let target = target.clone();
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    for from in [&fifo, &file] {
                        let _ = std::fs::remove_file(&tmp);
                        std::fs::hard_link(from, &tmp).unwrap();
                        std::fs::rename(&tmp, &target).unwrap();
                    }
                }
            })
        };
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut outcomes = (0, 0);
            for _ in 0..3000 {
                match read_regular(&target, 1024) {
                    Ok(_) => outcomes.0 += 1,
                    Err(_) => outcomes.1 += 1,
                }
            }
            let _ = done.send(outcomes);
        });
        let outcome = finished.recv_timeout(Duration::from_secs(20));
        stop.store(true, Ordering::Relaxed);
        let (read, refused) = outcome.expect("a read waited on a named pipe");
        swapper.join().unwrap();
        assert_eq!(read + refused, 3000);
    }
}
