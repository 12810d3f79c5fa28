//! The goal-lint language server, on tower-lsp-server and tokio. It converts between the
//! core's model and the protocol: diagnostics (pushed, or pulled when the client can),
//! quick-fix templates, hover with rule docs, completion snippets and a document outline.
//! No lint logic lives here.
// One call into the C allocator (`memory::release_freed`) is allowed where it is made.
#![deny(unsafe_code)]

pub mod convert;
pub mod document;
pub mod linter;
pub mod memory;
pub mod server;
pub mod symbols;
pub mod transport;
pub mod workspace;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tower_lsp_server::{LspService, Server};

pub use server::{Backend, OUTLINE_COMMAND, SNIPPET_COMMAND};

/// Serve on standard input and output until the client sends `exit` (or closes the stream).
/// Returns whether the client asked to shut down first (the process should then exit with
/// code 0, else 1, as the specification says).
pub fn run_stdio() -> std::io::Result<bool> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let shut_down = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&shut_down);
    runtime.block_on(async move {
        // stdin -> guard -> server; server -> forwarder -> writer -> stdout (see `transport`).
        let (guard_to_server, server_in) = tokio::io::duplex(1 << 20);
        let (server_out, from_server) = tokio::io::duplex(1 << 20);
        let (server_tx, server_rx) = tokio::sync::mpsc::unbounded_channel();
        let (guard_tx, guard_rx) = tokio::sync::mpsc::unbounded_channel();
        let ids = transport::SharedIds::default();
        tokio::spawn(transport::guard_input(
            tokio::io::stdin(),
            guard_to_server,
            guard_tx,
            Arc::clone(&ids),
        ));
        tokio::spawn(transport::forward_output(from_server, server_tx, ids));
        let writer = tokio::spawn(transport::write_frames(
            tokio::io::stdout(),
            server_rx,
            guard_rx,
        ));
        let (service, socket) = LspService::new(move |client| Backend::new(client, flag));
        // Requests waiting for a document (a pull behind a running lint) take a concurrency
        // slot each; with tower-lsp-server's default of 4, a burst of pulls stops the server
        // reading the edits that supersede them.
        Server::new(server_in, server_out, socket)
            .concurrency_level(64)
            .serve(service)
            .await;
        // The server's output is closed: the writer passes on what it wrote last, then stops.
        let _ = writer.await;
    });
    // Tasks still running (the stdin reader, a debounced lint) are not waited for.
    runtime.shutdown_background();
    Ok(shut_down.load(Ordering::SeqCst))
}
