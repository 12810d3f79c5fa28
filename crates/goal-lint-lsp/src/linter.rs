//! The one thread every lint runs on. Linting allocates a lot (a 5,000-line document's model,
//! memo and diagnostics are tens of MB) and frees most of it at the next lint; on tokio's
//! blocking pool each lint could land on another thread, and the C allocator gives each
//! thread an arena of its own, so the server grew by an arena's worth of freed memory per
//! thread (43 → 120 MB over 5,000 edits of one document) and kept it after `didClose`. On one
//! thread the memory a lint frees is what the next one reuses (bench/README.md, issue 25).
//! Lints of several documents take turns; each job is short (one lint), and a pull that a
//! newer edit overtook gives up before linting. Jobs that only prepare (the warm-up) run when
//! no other job is waiting, one at a time, so a document opened while the server warms up is
//! linted first.

use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, TryRecvError, channel};
use std::time::Duration;

type Job = Box<dyn FnOnce() + Send>;

/// What the lint thread is sent: a job, a job to run when no other is waiting, or a request to
/// give the allocator's free pages back to the system once it has been idle for
/// [`RELEASE_AFTER_IDLE`].
enum Message {
    Job(Job),
    Idle(Job),
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

    /// Run `f` on the lint thread without waiting for it (dropping a closed document where
    /// its memory was allocated).
    pub fn spawn<F>(&self, f: F)
    where
        F: FnOnce() + Send + 'static,
    {
        self.send(Message::Job(detached(f)));
    }

    /// Run `f` on the lint thread when no other job is waiting (after the jobs sent before
    /// it and any sent meanwhile), without waiting for it (the warm-up).
    pub fn spawn_idle<F>(&self, f: F)
    where
        F: FnOnce() + Send + 'static,
    {
        self.send(Message::Idle(detached(f)));
    }

    /// Send the lint thread a message; nothing happens when the thread cannot be started.
    fn send(&self, message: Message) {
        if let Ok(tx) = self.sender() {
            let _ = tx.send(message);
        }
    }

    /// Give the allocator's free pages back to the system (`memory::release_freed`) once the
    /// lint thread has had no job for [`RELEASE_AFTER_IDLE`] (after the jobs sent before
    /// this call, and any sent meanwhile).
    pub fn release_when_idle(&self) {
        self.send(Message::ReleaseWhenIdle);
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

/// A job that runs `f` and swallows its panic: nobody waits for its result, and the thread
/// goes on with the next job.
fn detached<F>(f: F) -> Job
where
    F: FnOnce() + Send + 'static,
{
    Box::new(move || {
        let _ = catch_unwind(AssertUnwindSafe(f));
    })
}

/// The lint thread's loop: run each job in turn, and a job sent to run when idle only when no
/// other is waiting; when a release was asked for, make it after `idle` with no job of either
/// kind (each job that comes first puts it off again).
fn serve(rx: &Receiver<Message>, idle: Duration, release: impl Fn() -> bool) {
    let mut release_pending = false;
    let mut idle_jobs: VecDeque<Job> = VecDeque::new();
    loop {
        let message = if idle_jobs.is_empty() {
            if release_pending {
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
            }
        } else {
            match rx.try_recv() {
                Ok(message) => message,
                // Nothing else waiting: one idle job, then look again.
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => {
                    if let Some(job) = idle_jobs.pop_front() {
                        job();
                    }
                    continue;
                }
            }
        };
        match message {
            Message::Job(job) => job(),
            Message::Idle(job) => idle_jobs.push_back(job),
            Message::ReleaseWhenIdle => release_pending = true,
        }
    }
}

/// Lint the built-in templates and every rule's examples (what it flags, and the same written
/// well) once each, as jobs run when the thread is idle, so that what the core builds at its
/// first use (the lexicon, vocabularies, kind model, the regular expressions of every rule and
/// their caches for this thread) is ready before the first document: the first document
/// otherwise paid for it (a plan of 200 lines opened after the templates alone were linted:
/// about 40 ms to its first diagnostics, 15 ms to the next document's). A document opened
/// meanwhile is linted between two of them. Run on the lint thread, it also puts that
/// lasting memory at the start of the thread's heap, below the documents'.
pub fn warm_up(linter: &LintThread) {
    let examples = goal_lint_core::rules::registry()
        .iter()
        .flat_map(|rule| [rule.meta().docs.bad, rule.meta().docs.good]);
    for text in goal_lint_core::templates::TEMPLATES
        .iter()
        .map(|(_, _, text)| *text)
        .chain(examples)
    {
        linter.spawn_idle(move || {
            let settings = goal_lint_core::Settings::default();
            let options = goal_lint_core::LintOptions::default();
            let mut doc = crate::document::Document::new(text.to_string(), 1);
            let _ = doc.lint(&settings, &options);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    /// Serve `rx` on a thread whose release logs "release" in `log`; returns once it has.
    fn serve_until_released(
        rx: Receiver<Message>,
        log: &Arc<Mutex<Vec<&'static str>>>,
    ) -> std::thread::JoinHandle<()> {
        let released = Arc::clone(log);
        let thread = std::thread::spawn(move || {
            serve(&rx, Duration::from_millis(1), || {
                released.lock().unwrap().push("release");
                true
            });
        });
        while !log.lock().unwrap().contains(&"release") {
            std::thread::sleep(Duration::from_millis(1));
        }
        thread
    }

    #[test]
    fn a_release_waits_for_the_jobs_queued_behind_it() {
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
        let thread = serve_until_released(rx, &log);
        drop(tx);
        thread.join().unwrap();
        assert_eq!(*log.lock().unwrap(), ["job", "job", "release"]);
    }

    #[test]
    fn idle_jobs_run_only_when_no_other_job_waits() {
        let log = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = channel::<Message>();
        let entry = |log: &Arc<Mutex<Vec<&'static str>>>, name: &'static str| -> Job {
            let log = Arc::clone(log);
            Box::new(move || log.lock().unwrap().push(name))
        };
        // All queued before the thread starts: the warm-up's idle jobs first, then a lint and
        // a release, as when a document is opened while the server warms up.
        tx.send(Message::Idle(entry(&log, "idle 1"))).unwrap();
        tx.send(Message::Idle(entry(&log, "idle 2"))).unwrap();
        tx.send(Message::Job(entry(&log, "lint"))).unwrap();
        tx.send(Message::ReleaseWhenIdle).unwrap();
        let thread = serve_until_released(rx, &log);
        // A job sent after the release ran waits for nothing.
        tx.send(Message::Job(entry(&log, "late"))).unwrap();
        while !log.lock().unwrap().contains(&"late") {
            std::thread::sleep(Duration::from_millis(1));
        }
        drop(tx);
        thread.join().unwrap();
        assert_eq!(
            *log.lock().unwrap(),
            ["lint", "idle 1", "idle 2", "release", "late"]
        );
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
