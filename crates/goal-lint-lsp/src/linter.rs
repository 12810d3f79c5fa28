//! The one thread every lint runs on. Linting allocates a lot (a 5,000-line document's model,
//! memo and diagnostics are tens of MB) and frees most of it at the next lint; on tokio's
//! blocking pool each lint could land on another thread, and the C allocator gives each
//! thread an arena of its own, so the server grew by an arena's worth of freed memory per
//! thread (43 → 120 MB over 5,000 edits of one document) and kept it after `didClose`. On one
//! thread the memory a lint frees is what the next one reuses (bench/README.md, issue 25).
//! Lints of several documents take turns; each job is short (one lint), and a pull that a
//! newer edit overtook gives up before linting.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

type Job = Box<dyn FnOnce() + Send>;

/// What the lint thread is sent: a job, or a request to give the allocator's free pages back
/// to the system once it has been idle for [`RELEASE_AFTER_IDLE`].
enum Message {
    Job(Job),
    ReleaseWhenIdle,
}

/// How long the lint thread waits with no job before it gives freed memory back to the
/// system (`memory::release_freed`). Not at once: the pages it returns are the ones the next
/// lint would reuse, so a document opened right after another was closed (a user going from
/// file to file) would pay for faulting them in again (about a third of its open on a
/// 5,000-line document, bench/README.md).
pub const RELEASE_AFTER_IDLE: Duration = Duration::from_millis(250);

/// The lint thread, started at the first job.
#[derive(Default)]
pub struct LintThread {
    jobs: Mutex<Option<Sender<Message>>>,
}

impl LintThread {
    /// Run `f` on the lint thread and wait for its result; `Err` when it panicked (the thread
    /// goes on with the next job) or the thread could not be started.
    pub async fn run<T, F>(&self, f: F) -> Result<T, String>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let (done, result) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            let outcome = catch_unwind(AssertUnwindSafe(f)).map_err(|panic| {
                panic
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "panicked".to_string())
            });
            // The caller may have gone (a cancelled request): nobody to tell.
            let _ = done.send(outcome);
        });
        self.sender()?
            .send(Message::Job(job))
            .map_err(|_| "the lint thread stopped".to_string())?;
        result
            .await
            .map_err(|_| "the lint thread stopped".to_string())?
    }

    /// Run `f` on the lint thread without waiting for it (warming up, dropping a closed
    /// document where its memory was allocated).
    pub fn spawn<F>(&self, f: F)
    where
        F: FnOnce() + Send + 'static,
    {
        let job: Job = Box::new(move || {
            let _ = catch_unwind(AssertUnwindSafe(f));
        });
        if let Ok(tx) = self.sender() {
            let _ = tx.send(Message::Job(job));
        }
    }

    /// Give the allocator's free pages back to the system (`memory::release_freed`) once the
    /// lint thread has had no job for [`RELEASE_AFTER_IDLE`] (after the jobs sent before
    /// this call, and any sent meanwhile).
    pub fn release_when_idle(&self) {
        if let Ok(tx) = self.sender() {
            let _ = tx.send(Message::ReleaseWhenIdle);
        }
    }

    fn sender(&self) -> Result<Sender<Message>, String> {
        let mut jobs = self
            .jobs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(tx) = jobs.as_ref() {
            return Ok(tx.clone());
        }
        let (tx, rx) = channel::<Message>();
        std::thread::Builder::new()
            .name("goal-lint-lint".into())
            .spawn(move || serve(&rx, RELEASE_AFTER_IDLE, crate::memory::release_freed))
            .map_err(|e| format!("cannot start the lint thread: {e}"))?;
        *jobs = Some(tx.clone());
        Ok(tx)
    }
}

/// The lint thread's loop: run each job in turn; when a release was asked for, make it after
/// `idle` with no job (each job that comes first puts it off again).
fn serve(rx: &Receiver<Message>, idle: Duration, release: impl Fn() -> bool) {
    let mut release_pending = false;
    loop {
        let message = if release_pending {
            match rx.recv_timeout(idle) {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => {
                    release();
                    release_pending = false;
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => return,
            }
        } else {
            match rx.recv() {
                Ok(message) => message,
                Err(_) => return,
            }
        };
        match message {
            Message::Job(job) => job(),
            Message::ReleaseWhenIdle => release_pending = true,
        }
    }
}

/// Lint the built-in templates once, so that what the core builds at its first use (the
/// lexicon, vocabularies, kind model, regular expressions and their caches for this thread)
/// is ready before the first document: a server started for a large document otherwise adds
/// that to its first lint. Run on the lint thread, it also puts that lasting memory at the
/// start of the thread's heap, below the documents'.
pub fn warm_up() {
    let settings = goal_lint_core::Settings::default();
    let options = goal_lint_core::LintOptions::default();
    for (_, _, text) in goal_lint_core::templates::TEMPLATES {
        let mut doc = crate::document::Document::new((*text).to_string(), 1);
        let _ = doc.lint(&settings, &options);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_release_waits_for_the_jobs_queued_behind_it() {
        use std::sync::{Arc, Mutex};
        let log = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = channel::<Message>();
        let job = |log: &Arc<Mutex<Vec<&'static str>>>| {
            let log = Arc::clone(log);
            Message::Job(Box::new(move || log.lock().unwrap().push("job")))
        };
        // All queued before the thread starts: the second job is there when the release is
        // asked for, so it runs first.
        tx.send(job(&log)).unwrap();
        tx.send(Message::ReleaseWhenIdle).unwrap();
        tx.send(job(&log)).unwrap();
        let released = Arc::clone(&log);
        let thread = std::thread::spawn(move || {
            serve(&rx, Duration::from_millis(1), || {
                released.lock().unwrap().push("release");
                true
            });
        });
        while !log.lock().unwrap().contains(&"release") {
            std::thread::sleep(Duration::from_millis(1));
        }
        drop(tx);
        thread.join().unwrap();
        assert_eq!(*log.lock().unwrap(), ["job", "job", "release"]);
    }

    #[test]
    fn every_job_runs_on_the_one_thread_and_a_panic_does_not_stop_it() {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .build()
            .unwrap();
        runtime.block_on(async {
            let linter = std::sync::Arc::new(LintThread::default());
            let mut threads = Vec::new();
            let tasks: Vec<_> = (0..16)
                .map(|_| {
                    let linter = std::sync::Arc::clone(&linter);
                    tokio::spawn(async move {
                        linter.run(|| std::thread::current().id()).await.unwrap()
                    })
                })
                .collect();
            for task in tasks {
                threads.push(task.await.unwrap());
            }
            threads.dedup();
            assert_eq!(threads.len(), 1, "{threads:?}");
            let panicked = linter.run(|| -> u8 { panic!("boom") }).await;
            assert_eq!(panicked, Err("boom".to_string()));
            let after = linter.run(|| std::thread::current().id()).await.unwrap();
            assert_eq!(after, threads[0]);
        });
    }
}
