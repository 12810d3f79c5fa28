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

/// Read a regular file of at most `limit` bytes. The type and size are checked before reading
/// (opening a named pipe would wait for a writer), and again on the opened file.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let meta = fs::metadata(path).map_err(|e| io_message(&e))?;
    if let Some(message) = not_regular(&meta) {
        return Err(message);
    }
    let too_large = |size: u64| {
        format!(
            "not read: {} is over the {} a file may have",
            goal_lint_core::config::human_size(size),
            goal_lint_core::config::human_size(limit)
        )
    };
    if meta.len() > limit {
        return Err(too_large(meta.len()));
    }
    let file = fs::File::open(path).map_err(|e| io_message(&e))?;
    let meta = file.metadata().map_err(|e| io_message(&e))?;
    if let Some(message) = not_regular(&meta) {
        return Err(message);
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
