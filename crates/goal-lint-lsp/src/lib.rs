//! The goal-lint language server, on tower-lsp-server and tokio. It converts between the
//! core's model and the protocol: diagnostics (pushed, or pulled when the client can),
//! quick-fix templates, hover with rule docs, completion snippets and a document outline.
//! No lint logic lives here.
#![forbid(unsafe_code)]

pub mod convert;
pub mod document;
pub mod server;
pub mod symbols;

use tower_lsp_server::{LspService, Server};

pub use server::{Backend, SNIPPET_COMMAND};

/// Serve on standard input and output until the client sends `exit` (or closes the stream).
pub fn run_stdio() -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let (service, socket) = LspService::new(Backend::new);
        Server::new(tokio::io::stdin(), tokio::io::stdout(), socket)
            .serve(service)
            .await;
    });
    Ok(())
}
